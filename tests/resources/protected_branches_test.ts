import assert from "node:assert/strict";
import {
  createClient,
  createGroupProtectedBranch,
  createProjectProtectedBranch,
  deleteProjectProtectedBranch,
  editProjectProtectedBranch,
  getProjectProtectedBranch,
  GitLabHTTPError,
  listProjectProtectedBranches,
} from "@gitlab-edge/client";
import { json, type Recorded, recorder, status } from "../_helpers.ts";

const API = "https://gitlab.example.com/api/v4";
const P = "/projects/acme%2Fweb";

function setup(answers: Parameters<typeof recorder>[0]) {
  const rec = recorder(answers);
  const client = createClient({
    baseUrl: "https://gitlab.example.com",
    token: "glpat-test",
    fetch: rec.fetch,
    retry: false,
  });
  return { rec, client };
}
const sent = (r: Recorded) => `${r.method} ${new URL(r.url).pathname.slice("/api/v4".length)}`;
const query = (r: Recorded) => [...new URL(r.url).searchParams];

const level = (id: number, access_level: number, who: Record<string, unknown> = {}) => ({
  id,
  access_level,
  access_level_description: access_level === 40
    ? "Maintainers"
    : access_level === 0
    ? "No one"
    : "Developers",
  user_id: null,
  group_id: null,
  deploy_key_id: null,
  ...who,
});
function protectedBranch(id: number, name: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name,
    push_access_levels: [level(101, 40)],
    merge_access_levels: [level(201, 40)],
    unprotect_access_levels: [],
    allow_force_push: false,
    code_owner_approval_required: false,
    ...extra,
  };
}

Deno.test("createProjectProtectedBranch() posts allowed_to_push and allowed_to_merge arrays", async () => {
  const { rec, client } = setup([
    json(
      protectedBranch(5, "release/*", {
        push_access_levels: [
          level(101, 40),
          level(102, 40, { user_id: 3 }),
          level(103, 40, { deploy_key_id: 13 }),
        ],
        merge_access_levels: [level(201, 30, { group_id: 2 })],
        code_owner_approval_required: true,
      }),
      { status: 201 },
    ),
  ]);
  const created = await createProjectProtectedBranch(client, "acme/web", {
    name: "release/*",
    allowed_to_push: [{ access_level: 40 }, { user_id: 3 }, { deploy_key_id: 13 }],
    allowed_to_merge: [{ group_id: 2 }],
    allow_force_push: false,
    code_owner_approval_required: true,
  });
  assert.equal(sent(rec.requests[0]), `POST ${P}/protected_branches`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), {
    name: "release/*",
    allowed_to_push: [{ access_level: 40 }, { user_id: 3 }, { deploy_key_id: 13 }],
    allowed_to_merge: [{ group_id: 2 }],
    allow_force_push: false,
    code_owner_approval_required: true,
  });
  const push = created.push_access_levels as { user_id: number | null; deploy_key_id: number | null }[];
  assert.equal(push.length, 3);
  assert.equal(push[1].user_id, 3);
  assert.equal(push[2].deploy_key_id, 13);
});

Deno.test("createProjectProtectedBranch() with plain access levels; an existing rule is GitLab's 409", async () => {
  const { rec, client } = setup([
    json(protectedBranch(6, "main", { push_access_levels: [level(104, 0)] }), { status: 201 }),
    json({ message: "Protected branch 'main' already exists" }, { status: 409 }),
  ]);
  const created = await createProjectProtectedBranch(client, "acme/web", {
    name: "main",
    push_access_level: 0,
    merge_access_level: 40,
  });
  assert.deepEqual(JSON.parse(rec.requests[0].body), {
    name: "main",
    push_access_level: 0,
    merge_access_level: 40,
  });
  assert.equal(
    (created.push_access_levels as { access_level_description: string }[])[0].access_level_description,
    "No one",
  );
  const err = await createProjectProtectedBranch(client, "acme/web", { name: "main" }).catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError);
  assert.equal(err.status, 409);
  assert.match(err.message, /409 Conflict: Protected branch 'main' already exists$/);
});

Deno.test("listProjectProtectedBranches() searches and reads both pages", async () => {
  const next = `${API}${P}/protected_branches?page=2&per_page=1&search=rel`;
  const { rec, client } = setup([
    json([protectedBranch(5, "release/*")], { headers: { link: `<${next}>; rel="next"` } }),
    json([protectedBranch(7, "release-candidate")]),
  ]);
  const names =
    (await listProjectProtectedBranches(client, "acme/web", { search: "rel", per_page: 1 }).toArray())
      .map((b) => b.name);
  assert.deepEqual(names, ["release/*", "release-candidate"]);
  assert.deepEqual(query(rec.requests[0]), [["search", "rel"], ["per_page", "1"]]);
  assert.equal(rec.requests[1].url, next);
});

Deno.test("getProjectProtectedBranch() encodes a wildcard name as one segment", async () => {
  const { rec, client } = setup([json(protectedBranch(5, "release/*"))]);
  assert.equal((await getProjectProtectedBranch(client, "acme/web", "release/*")).id, 5);
  assert.equal(sent(rec.requests[0]), `GET ${P}/protected_branches/release%2F*`);
});

Deno.test("editProjectProtectedBranch() PATCHes access levels, destroying one by id", async () => {
  const { rec, client } = setup([
    json(protectedBranch(5, "release/*", { push_access_levels: [level(105, 30)], allow_force_push: true })),
  ]);
  const edited = await editProjectProtectedBranch(client, "acme/web", "release/*", {
    allowed_to_push: [{ id: 101, _destroy: true }, { access_level: 30 }],
    allow_force_push: true,
  });
  assert.equal(edited.allow_force_push, true);
  assert.equal(sent(rec.requests[0]), `PATCH ${P}/protected_branches/release%2F*`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), {
    allowed_to_push: [{ id: 101, _destroy: true }, { access_level: 30 }],
    allow_force_push: true,
  });
});

Deno.test("deleteProjectProtectedBranch() unprotects (204); createGroupProtectedBranch() protects group-wide", async () => {
  const { rec, client } = setup([
    status(204),
    json(protectedBranch(9, "main", { merge_access_levels: [level(301, 40)] }), { status: 201 }),
  ]);
  assert.equal(await deleteProjectProtectedBranch(client, "acme/web", "release/*"), undefined);
  assert.equal(sent(rec.requests[0]), `DELETE ${P}/protected_branches/release%2F*`);
  const group = await createGroupProtectedBranch(client, "acme", {
    name: "main",
    allowed_to_merge: [{ access_level: 40 }],
  });
  assert.equal(group.id, 9);
  assert.equal(sent(rec.requests[1]), "POST /groups/acme/protected_branches");
  assert.deepEqual(JSON.parse(rec.requests[1].body), {
    name: "main",
    allowed_to_merge: [{ access_level: 40 }],
  });
});
