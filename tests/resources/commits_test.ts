import assert from "node:assert/strict";
import {
  cherryPickProjectRepositoryCommit,
  createClient,
  createProjectRepositoryCommit,
  type CreateProjectRepositoryCommitParams,
  createProjectStatus,
  getProjectRepositoryCommit,
  GitLabHTTPError,
  listProjectRepositoryCommitDiff,
  listProjectRepositoryCommits,
  listProjectRepositoryCommitStatuses,
} from "@gitlab-edge/client";
import { json, type Recorded, recorder } from "../_helpers.ts";

const P = "/projects/acme%2Fweb";
const SHA = "ed899a2f4b50b4370feeea94676502b42383c746";

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

function commit(id: string, title: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    short_id: id.slice(0, 8),
    title,
    message: `${title}\n`,
    author_name: "Alice Example",
    author_email: "alice@example.com",
    created_at: "2024-05-02T10:15:00.000+00:00",
    parent_ids: ["6104942438c14ec7bd21c6cd5bd995272b3faff6"],
    web_url: `https://gitlab.example.com/acme/web/-/commit/${id}`,
    ...extra,
  };
}

Deno.test("listProjectRepositoryCommits() sends ref_name and since (a Date) and follows X-Next-Page", async () => {
  const { rec, client } = setup([
    json([commit(SHA, "Fix login redirect"), commit("6104942438c14ec7bd21c6cd5bd995272b3faff6", "Add CI")], {
      headers: { "x-next-page": "2", "x-page": "1", "x-per-page": "2" },
    }),
    json([commit("1a0b36b3cdad1d2ee32457c102a8c0b7056fa863", "Initial commit")], {
      headers: { "x-next-page": "", "x-page": "2" },
    }),
  ]);
  const titles: string[] = [];
  const list = listProjectRepositoryCommits(client, "acme/web", {
    ref_name: "release/1.4",
    since: new Date("2024-05-01T00:00:00Z"),
    per_page: 2,
  });
  for await (const c of list) titles.push(c.title as string);
  assert.deepEqual(titles, ["Fix login redirect", "Add CI", "Initial commit"]);
  assert.equal(sent(rec.requests[0]), `GET ${P}/repository/commits`);
  assert.deepEqual(query(rec.requests[0]), [
    ["ref_name", "release/1.4"],
    ["since", "2024-05-01T00:00:00.000Z"],
    ["per_page", "2"],
  ]);
  assert.equal(new URL(rec.requests[1].url).searchParams.get("page"), "2");
  assert.equal(rec.requests.length, 2);
});

Deno.test("getProjectRepositoryCommit() asks for stats and returns them", async () => {
  const { rec, client } = setup([
    json(commit(SHA, "Fix login redirect", { stats: { additions: 15, deletions: 3, total: 18 } })),
  ]);
  const got = await getProjectRepositoryCommit(client, "acme/web", SHA, { stats: true });
  assert.deepEqual(got.stats, { additions: 15, deletions: 3, total: 18 });
  assert.equal(sent(rec.requests[0]), `GET ${P}/repository/commits/${SHA}`);
  assert.deepEqual(query(rec.requests[0]), [["stats", "true"]]);
});

Deno.test("createProjectRepositoryCommit() posts every action of the actions array", async () => {
  const { rec, client } = setup([json(commit(SHA, "Reorganise docs"), { status: 201 })]);
  const actions: CreateProjectRepositoryCommitParams["actions"] = [
    { action: "create", file_path: "docs/setup.md", content: "# Setup\n" },
    { action: "update", file_path: "logo.png", content: "iVBORw0KGgo=", encoding: "base64" },
    { action: "move", file_path: "docs/usage.md", previous_path: "USAGE.md" },
    { action: "delete", file_path: "OLD.md" },
    { action: "chmod", file_path: "bin/run", execute_filemode: true },
  ];
  const created = await createProjectRepositoryCommit(client, "acme/web", {
    branch: "docs-refresh",
    start_branch: "main",
    commit_message: "Reorganise docs",
    author_name: "Alice Example",
    author_email: "alice@example.com",
    actions,
  });
  assert.equal(created.id, SHA);
  assert.equal(sent(rec.requests[0]), `POST ${P}/repository/commits`);
  const body = JSON.parse(rec.requests[0].body);
  assert.equal(body.branch, "docs-refresh");
  assert.equal(body.start_branch, "main");
  assert.deepEqual(body.actions, actions);
  assert.deepEqual(body.actions.map((a: { action: string }) => a.action), [
    "create",
    "update",
    "move",
    "delete",
    "chmod",
  ]);
});

Deno.test("cherryPickProjectRepositoryCommit() posts the target branch; a conflict is GitLab's 400", async () => {
  const { rec, client } = setup([
    json(commit("8b090c1b79a14f2bd9e8a738f717824ff53aebad", "Fix login redirect"), { status: 201 }),
    json({
      message: "Sorry, we cannot cherry-pick this commit automatically. This commit may already have been " +
        "cherry-picked, or a more recent commit may have updated some of its content.",
      error_code: "conflict",
    }, { status: 400 }),
  ]);
  const picked = await cherryPickProjectRepositoryCommit(client, "acme/web", SHA, { branch: "stable" });
  assert.equal(picked.id, "8b090c1b79a14f2bd9e8a738f717824ff53aebad");
  assert.equal(sent(rec.requests[0]), `POST ${P}/repository/commits/${SHA}/cherry_pick`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), { branch: "stable" });
  const err = await cherryPickProjectRepositoryCommit(client, "acme/web", SHA, { branch: "stable" })
    .catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError);
  assert.equal(err.status, 400);
  assert.match(err.message, /cannot cherry-pick this commit automatically/);
  assert.equal((err.body as { error_code: string }).error_code, "conflict");
});

Deno.test("listProjectRepositoryCommitDiff() returns the commit's file diffs", async () => {
  const diff = "@@ -1,3 +1,4 @@\n def login\n+  redirect_to root_path\n end\n";
  const { rec, client } = setup([
    json([{ old_path: "app/login.rb", new_path: "app/login.rb", a_mode: "100644", b_mode: "100644", diff }]),
  ]);
  const diffs = await listProjectRepositoryCommitDiff(client, "acme/web", SHA).toArray();
  assert.equal(diffs.length, 1);
  assert.equal(diffs[0].diff, diff);
  assert.equal(sent(rec.requests[0]), `GET ${P}/repository/commits/${SHA}/diff`);
});

Deno.test("createProjectStatus() and listProjectRepositoryCommitStatuses() report and read CI statuses", async () => {
  const st = {
    id: 93,
    sha: SHA,
    ref: "main",
    status: "success",
    name: "coverage/sonar",
    target_url: "https://ci.example.com/builds/93",
    coverage: 87.5,
    allow_failure: false,
  };
  const { rec, client } = setup([json(st, { status: 201 }), json([st])]);
  const created = await createProjectStatus(client, "acme/web", SHA, {
    state: "success",
    ref: "main",
    name: "coverage/sonar",
    target_url: "https://ci.example.com/builds/93",
    coverage: 87.5,
  });
  assert.equal(created.status, "success");
  assert.equal(sent(rec.requests[0]), `POST ${P}/statuses/${SHA}`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), {
    state: "success",
    ref: "main",
    name: "coverage/sonar",
    target_url: "https://ci.example.com/builds/93",
    coverage: 87.5,
  });
  const statuses = await listProjectRepositoryCommitStatuses(client, "acme/web", SHA, {
    ref: "main",
    all: true,
  })
    .toArray();
  assert.deepEqual(statuses.map((s) => [s.name, s.coverage]), [["coverage/sonar", 87.5]]);
  assert.equal(sent(rec.requests[1]), `GET ${P}/repository/commits/${SHA}/statuses`);
  assert.deepEqual(query(rec.requests[1]), [["ref", "main"], ["all", "true"]]);
});
