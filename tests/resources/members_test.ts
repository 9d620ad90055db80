import assert from "node:assert/strict";
import {
  createClient,
  createGroupMember,
  createProjectMember,
  deleteGroupMember,
  deleteProjectMember,
  editGroupMember,
  editProjectMember,
  GitLabHTTPError,
  listGroupMembersAll,
  listProjectMembersAll,
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

function member(id: number, username: string, access_level: number, extra: Record<string, unknown> = {}) {
  return {
    id,
    username,
    name: username[0].toUpperCase() + username.slice(1),
    state: "active",
    access_level,
    expires_at: null,
    created_at: "2024-01-10T08:00:00.000Z",
    web_url: `https://gitlab.example.com/${username}`,
    ...extra,
  };
}

Deno.test("createProjectMember() adds a user with an access level and an expiry date", async () => {
  const { rec, client } = setup([
    json(member(8, "carol", 30, { expires_at: "2024-12-31" }), { status: 201 }),
  ]);
  const added = await createProjectMember(client, "acme/web", {
    user_id: 8,
    access_level: 30,
    expires_at: "2024-12-31",
  });
  assert.equal(sent(rec.requests[0]), `POST ${P}/members`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), {
    user_id: 8,
    access_level: 30,
    expires_at: "2024-12-31",
  });
  assert.equal(added.access_level, 30);
  assert.equal(added.expires_at, "2024-12-31");
});

Deno.test("createProjectMember() of an existing member is GitLab's 409", async () => {
  const { client } = setup([json({ message: "Member already exists" }, { status: 409 })]);
  const err = await createProjectMember(client, "acme/web", { user_id: 8, access_level: 30 }).catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError);
  assert.equal(err.status, 409);
  assert.match(err.message, /409 Conflict: Member already exists$/);
});

Deno.test("listProjectMembersAll() includes inherited members across pages and sends user_ids[]", async () => {
  const next = `${API}${P}/members/all?page=2&per_page=2&user_ids%5B%5D=3&user_ids%5B%5D=8&user_ids%5B%5D=9`;
  const { rec, client } = setup([
    json([member(3, "alice", 50), member(8, "carol", 30)], { headers: { link: `<${next}>; rel="next"` } }),
    json([member(9, "dave", 10, { membership_state: "active" })]),
  ]);
  const all = await listProjectMembersAll(client, "acme/web", { user_ids: [3, 8, 9], per_page: 2 }).toArray();
  assert.deepEqual(all.map((m) => [m.username, m.access_level]), [["alice", 50], ["carol", 30], [
    "dave",
    10,
  ]]);
  assert.equal(sent(rec.requests[0]), `GET ${P}/members/all`);
  assert.deepEqual(query(rec.requests[0]), [
    ["user_ids[]", "3"],
    ["user_ids[]", "8"],
    ["user_ids[]", "9"],
    ["per_page", "2"],
  ]);
  assert.equal(rec.requests[1].url, next);
});

Deno.test("listProjectMembersAll().count() asks with HEAD and reads X-Total", async () => {
  const { rec, client } = setup([status(200, { "x-total": "42", "x-per-page": "20" })]);
  assert.deepEqual(await listProjectMembersAll(client, "acme/web", { query: "ca" }).count(), {
    total: 42,
    exact: true,
    atLeast: 42,
  });
  assert.equal(rec.requests[0].method, "HEAD");
  assert.deepEqual(query(rec.requests[0]), [["query", "ca"]]);
});

Deno.test("editProjectMember() changes the access level; deleteProjectMember() sends its flags in the query", async () => {
  const { rec, client } = setup([json(member(8, "carol", 40)), status(204)]);
  const edited = await editProjectMember(client, "acme/web", 8, { access_level: 40 });
  assert.equal(edited.access_level, 40);
  assert.equal(sent(rec.requests[0]), `PUT ${P}/members/8`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), { access_level: 40 });
  const removed = await deleteProjectMember(client, "acme/web", 8, { unassign_issuables: true });
  assert.equal(removed, undefined);
  assert.equal(sent(rec.requests[1]), `DELETE ${P}/members/8`);
  assert.deepEqual(query(rec.requests[1]), [["unassign_issuables", "true"]]);
  assert.equal(rec.requests[1].body, "");
});

Deno.test("group members: add by username, list all, edit, remove", async () => {
  const { rec, client } = setup([
    json(member(9, "dave", 20), { status: 201 }),
    json([member(3, "alice", 50), member(9, "dave", 20)]),
    json(member(9, "dave", 30, { expires_at: "2025-01-31" })),
    status(204),
  ]);
  await createGroupMember(client, "acme", { username: "dave", access_level: 20 });
  const all = await listGroupMembersAll(client, "acme", { state: "active" }).toArray();
  assert.equal(all.length, 2);
  const edited = await editGroupMember(client, "acme", 9, { access_level: 30, expires_at: "2025-01-31" });
  assert.equal(edited.expires_at, "2025-01-31");
  assert.equal(await deleteGroupMember(client, "acme", 9, { skip_subresources: true }), undefined);
  assert.deepEqual(rec.requests.map(sent), [
    "POST /groups/acme/members",
    "GET /groups/acme/members/all",
    "PUT /groups/acme/members/9",
    "DELETE /groups/acme/members/9",
  ]);
  assert.deepEqual(JSON.parse(rec.requests[0].body), { username: "dave", access_level: 20 });
  assert.deepEqual(query(rec.requests[1]), [["state", "active"]]);
  assert.deepEqual(query(rec.requests[3]), [["skip_subresources", "true"]]);
});
