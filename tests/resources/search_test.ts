import assert from "node:assert/strict";
import {
  createClient,
  GitLabHTTPError,
  listGroupSearch,
  listProjectSearch,
  listSearch,
  type SearchResultsByScope,
} from "@gitlab-edge/client";
import { json, type Recorded, recorder, status } from "../_helpers.ts";

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

Deno.test("listSearch() with scope=projects returns projects", async () => {
  const { rec, client } = setup([
    json([
      { id: 7, name: "web", path_with_namespace: "acme/web", default_branch: "main", star_count: 12 },
      { id: 9, name: "web-e2e", path_with_namespace: "acme/web-e2e", default_branch: "main", star_count: 1 },
    ]),
  ]);
  const projects = await listSearch(client, { scope: "projects", search: "web" })
    .toArray() as SearchResultsByScope[
      "projects"
    ][];
  assert.deepEqual(projects.map((p) => p.path_with_namespace), ["acme/web", "acme/web-e2e"]);
  assert.equal(sent(rec.requests[0]), "GET /search");
  assert.deepEqual(query(rec.requests[0]), [["scope", "projects"], ["search", "web"]]);
});

Deno.test("listSearch() with scope=issues sends state and confidential and follows X-Next-Page", async () => {
  const issue = (iid: number, title: string) => ({
    id: 300 + iid,
    iid,
    project_id: 7,
    title,
    state: "opened",
    confidential: false,
    web_url: `https://gitlab.example.com/acme/web/-/issues/${iid}`,
  });
  const { rec, client } = setup([
    json([issue(14, "Login loops"), issue(15, "Login button misaligned")], {
      headers: { "x-next-page": "2" },
    }),
    json([issue(31, "SSO login times out")], { headers: { "x-next-page": "" } }),
  ]);
  const issues = await listSearch(client, {
    scope: "issues",
    search: "login",
    state: "opened",
    confidential: false,
    per_page: 2,
  }).toArray() as SearchResultsByScope["issues"][];
  assert.deepEqual(issues.map((i) => i.iid), [14, 15, 31]);
  assert.deepEqual(query(rec.requests[0]), [
    ["scope", "issues"],
    ["search", "login"],
    ["state", "opened"],
    ["confidential", "false"],
    ["per_page", "2"],
  ]);
  assert.equal(new URL(rec.requests[1].url).searchParams.get("page"), "2");
  assert.equal(new URL(rec.requests[1].url).searchParams.get("scope"), "issues");
});

Deno.test("listProjectSearch() with scope=blobs returns file fragments at a ref", async () => {
  const { rec, client } = setup([
    json([{
      basename: "app/login",
      data: "def login\n  redirect_to root_path\nend\n",
      path: "app/login.rb",
      filename: "app/login.rb",
      id: null,
      ref: "release/1.4",
      startline: 17,
      project_id: 7,
    }]),
  ]);
  const blobs = await listProjectSearch(client, "acme/web", {
    scope: "blobs",
    search: "redirect_to",
    ref: "release/1.4",
  })
    .toArray() as SearchResultsByScope["blobs"][];
  assert.equal(blobs[0].path, "app/login.rb");
  assert.equal(blobs[0].startline, 17);
  assert.match(blobs[0].data, /redirect_to root_path/);
  assert.equal(sent(rec.requests[0]), `GET ${P}/search`);
  assert.deepEqual(query(rec.requests[0]), [["scope", "blobs"], ["search", "redirect_to"], [
    "ref",
    "release/1.4",
  ]]);
});

Deno.test("listProjectSearch() with scope=commits returns commits", async () => {
  const { rec, client } = setup([
    json([{
      id: "ed899a2f4b50b4370feeea94676502b42383c746",
      short_id: "ed899a2f",
      title: "Fix login redirect",
      author_name: "Alice Example",
      committed_date: "2024-05-02T10:15:00.000+00:00",
      project_id: 7,
    }]),
  ]);
  const commits = await listProjectSearch(client, 7, { scope: "commits", search: "login" })
    .toArray() as SearchResultsByScope[
      "commits"
    ][];
  assert.equal(commits[0].short_id, "ed899a2f");
  assert.equal(sent(rec.requests[0]), "GET /projects/7/search");
});

Deno.test("listGroupSearch() with scope=merge_requests filters merged ones; count() reads X-Total", async () => {
  const { rec, client } = setup([
    json([{ id: 501, iid: 21, project_id: 7, title: "Fix login redirect", state: "merged" }]),
    status(200, { "x-total": "1", "x-per-page": "20" }),
  ]);
  const list = listGroupSearch(client, "acme", { scope: "merge_requests", search: "login", state: "merged" });
  const mrs = await list.toArray() as SearchResultsByScope["merge_requests"][];
  assert.deepEqual(mrs.map((m) => [m.iid, m.state]), [[21, "merged"]]);
  assert.deepEqual(await list.count(), { total: 1, exact: true, atLeast: 1 });
  assert.deepEqual(rec.requests.map(sent), ["GET /groups/acme/search", "HEAD /groups/acme/search"]);
  assert.deepEqual(query(rec.requests[1]), [["scope", "merge_requests"], ["search", "login"], [
    "state",
    "merged",
  ]]);
});

Deno.test("listSearch() of blobs without advanced search is GitLab's 400", async () => {
  const { client } = setup([
    json({ message: "400 Bad request - Scope not supported without Elasticsearch!" }, { status: 400 }),
  ]);
  const err = await listSearch(client, { scope: "blobs", search: "TODO" }).toArray().catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError);
  assert.equal(err.status, 400);
  assert.match(err.message, /Scope not supported without Elasticsearch!$/);
});
