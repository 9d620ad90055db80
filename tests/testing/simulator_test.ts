import assert from "node:assert/strict";
import {
  createSimulator,
  SIM_ADMIN_TOKEN,
  SIM_BLOCKED_TOKEN,
  SIM_BOB_TOKEN,
  SIM_GROUP_TOKEN,
  SIM_JOB_TOKEN,
  SIM_OAUTH_TOKEN,
  SIM_PROJECT_TOKEN,
  SIM_READ_ONLY_TOKEN,
  SIM_SEED,
  SIM_USER_TOKEN,
  type Simulator,
} from "@gitlab-edge/client/testing";

const BASE = "http://gitlab.test/api/v4";
const admin = { "PRIVATE-TOKEN": SIM_ADMIN_TOKEN };
const alice = { "PRIVATE-TOKEN": SIM_USER_TOKEN };
const bob = { "PRIVATE-TOKEN": SIM_BOB_TOKEN };

async function get(sim: Simulator, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return await sim.fetch(`${BASE}${path}`, { headers });
}

async function json<T = unknown>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

function send(
  sim: Simulator,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = alice,
): Promise<Response> {
  return sim.fetch(`${BASE}${path}`, {
    method,
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

function links(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (res.headers.get("link") ?? "").split(",")) {
    const m = part.match(/<([^>]+)>;\s*rel="([a-z]+)"/);
    if (m) out[m[2]] = m[1];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// auth

Deno.test("simulator: each token kind authenticates through its header", async () => {
  const sim = createSimulator();
  const cases: [Record<string, string>, string][] = [
    [{ "PRIVATE-TOKEN": SIM_ADMIN_TOKEN }, "root"],
    [{ "PRIVATE-TOKEN": SIM_USER_TOKEN }, "alice"],
    [{ Authorization: `Bearer ${SIM_OAUTH_TOKEN}` }, "alice"],
    [{ Authorization: `Bearer ${SIM_USER_TOKEN}` }, "alice"],
    [{ "PRIVATE-TOKEN": SIM_PROJECT_TOKEN }, "project_1_bot"],
    [{ "PRIVATE-TOKEN": SIM_GROUP_TOKEN }, "group_7_bot"],
  ];
  for (const [headers, username] of cases) {
    const res = await get(sim, "/user", headers);
    assert.equal(res.status, 200, JSON.stringify(headers));
    assert.equal((await json<{ username: string }>(res)).username, username);
  }
  const viaQuery = await get(sim, `/user?private_token=${SIM_USER_TOKEN}`);
  assert.equal((await json<{ username: string }>(viaQuery)).username, "alice");
  // A job token (bob's) authenticates only where GitLab takes one: the private project's branches are
  // visible, while /user does not read it and is anonymous.
  const branches = await get(sim, "/projects/acme%2Fplatform%2Finfra/repository/branches", {
    "JOB-TOKEN": SIM_JOB_TOKEN,
  });
  assert.equal(branches.status, 200);
  assert.ok((await json<unknown[]>(branches)).length > 0);
  const user = await get(sim, "/user", { "JOB-TOKEN": SIM_JOB_TOKEN });
  assert.equal(user.status, 401);
  await user.body?.cancel();
});

Deno.test("simulator: invalid tokens and wrong headers get 401", async () => {
  const sim = createSimulator();
  const bad: Record<string, string>[] = [
    { "PRIVATE-TOKEN": "glpat-nope" },
    { Authorization: "Bearer nope" },
    { "PRIVATE-TOKEN": SIM_OAUTH_TOKEN }, // OAuth tokens must be Bearer
    { "PRIVATE-TOKEN": SIM_JOB_TOKEN }, // job tokens must use JOB-TOKEN
  ];
  for (const headers of bad) {
    const res = await get(sim, "/projects", headers);
    assert.equal(res.status, 401);
    assert.match(res.headers.get("content-type") ?? "", /application\/json/);
    assert.deepEqual(await res.json(), { message: "401 Unauthorized" });
  }
  const badJob = await get(sim, "/projects/acme%2Fweb/repository/branches", { "JOB-TOKEN": "nope" });
  assert.equal(badJob.status, 401);
  assert.deepEqual(await badJob.json(), { message: "401 Unauthorized" });
  const anon = await get(sim, "/user");
  assert.equal(anon.status, 401);
  assert.deepEqual(await anon.json(), { message: "401 Unauthorized" });
  const blocked = await get(sim, "/user", { "PRIVATE-TOKEN": SIM_BLOCKED_TOKEN });
  assert.equal(blocked.status, 403);
  await blocked.body?.cancel();
});

Deno.test("simulator: anonymous sees only public projects; private are 404", async () => {
  const sim = createSimulator();
  const res = await get(sim, "/projects?per_page=100");
  const rows = await json<{ visibility: string; path_with_namespace: string }[]>(res);
  assert.ok(rows.length > 0);
  assert.ok(rows.every((p) => p.visibility === "public"));
  const priv = await get(sim, `/projects/${encodeURIComponent(SIM_SEED.projects.infra.path)}`);
  assert.equal(priv.status, 404);
  assert.deepEqual(await priv.json(), { message: "404 Project Not Found" });
  const internal = await get(sim, `/projects/${SIM_SEED.projects.api.id}`);
  assert.equal(internal.status, 404);
  await internal.body?.cancel();
  // authenticated users see internal ones, members see private ones
  assert.equal((await get(sim, `/projects/${SIM_SEED.projects.api.id}`, bob)).status, 200);
  assert.equal((await get(sim, `/projects/${SIM_SEED.projects.infra.id}`, bob)).status, 200);
  assert.equal((await get(sim, `/projects/${SIM_SEED.projects.notes.id}`, alice)).status, 404);
  assert.equal((await get(sim, `/projects/${SIM_SEED.projects.notes.id}`, admin)).status, 200);
  // writes need auth
  const write = await sim.fetch(`${BASE}/projects`, {
    method: "POST",
    body: new URLSearchParams({ name: "x" }),
  });
  assert.equal(write.status, 401);
  await write.body?.cancel();
});

Deno.test("simulator: read_api token cannot write", async () => {
  const sim = createSimulator();
  assert.equal((await get(sim, "/projects", { "PRIVATE-TOKEN": SIM_READ_ONLY_TOKEN })).status, 200);
  const res = await send(sim, "POST", "/projects", { name: "nope" }, {
    "PRIVATE-TOKEN": SIM_READ_ONLY_TOKEN,
  });
  assert.equal(res.status, 403);
  assert.equal((await json<{ error: string }>(res)).error, "insufficient_scope");
});

Deno.test("simulator: sudo acts as another user, 403 for non-admins, 404 for unknown users", async () => {
  const sim = createSimulator();
  const asBob = await get(sim, "/user", { ...admin, Sudo: "bob" });
  assert.equal((await json<{ username: string }>(asBob)).username, "bob");
  const byId = await get(sim, `/user?sudo=${SIM_SEED.users.alice.id}`, admin);
  assert.equal((await json<{ username: string }>(byId)).username, "alice");
  const notAdmin = await get(sim, "/user", { ...alice, Sudo: "bob" });
  assert.equal(notAdmin.status, 403);
  assert.deepEqual(await notAdmin.json(), { message: "403 Forbidden - Must be admin to use sudo" });
  const unknown = await get(sim, "/user", { ...admin, Sudo: "ghost" });
  assert.equal(unknown.status, 404);
  assert.deepEqual(await unknown.json(), { message: "404 User with ID or username 'ghost' Not Found" });
  // sudo as alice hides bob's private project
  const hidden = await get(sim, `/projects/${SIM_SEED.projects.notes.id}`, { ...admin, Sudo: "alice" });
  assert.equal(hidden.status, 404);
  await hidden.body?.cancel();
});

// ---------------------------------------------------------------------------------------------
// pagination

Deno.test("simulator: GET /projects pages with Link and X-* headers", async () => {
  const sim = createSimulator({ seed: false });
  sim.addUser({ username: "root", admin: true });
  sim.addToken("t", { user: "root" });
  sim.addProjects(45);
  const res = await sim.fetch(`${BASE}/projects?per_page=20&page=2&order_by=id&sort=asc&simple=true`, {
    headers: { "PRIVATE-TOKEN": "t" },
  });
  assert.equal(res.status, 200);
  const h = res.headers;
  assert.equal(h.get("x-page"), "2");
  assert.equal(h.get("x-per-page"), "20");
  assert.equal(h.get("x-next-page"), "3");
  assert.equal(h.get("x-prev-page"), "1");
  assert.equal(h.get("x-total"), "45");
  assert.equal(h.get("x-total-pages"), "3");
  assert.match(h.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/);
  const l = links(res);
  assert.deepEqual(Object.keys(l).sort(), ["first", "last", "next", "prev"]);
  const next = new URL(l.next);
  assert.equal(next.origin, "http://gitlab.test");
  assert.equal(next.searchParams.get("page"), "3");
  assert.equal(next.searchParams.get("order_by"), "id");
  assert.equal(next.searchParams.get("simple"), "true");
  assert.equal(new URL(l.last).searchParams.get("page"), "3");
  const rows = await json<{ id: number }[]>(res);
  assert.deepEqual(rows.map((r) => r.id), Array.from({ length: 20 }, (_, i) => 21 + i));

  const last = await sim.fetch(l.last, { headers: { "PRIVATE-TOKEN": "t" } });
  assert.equal(last.headers.get("x-next-page"), "");
  assert.equal(links(last).next, undefined);
  assert.equal((await json<unknown[]>(last)).length, 5);

  const big = await sim.fetch(`${BASE}/projects?per_page=500`, { headers: { "PRIVATE-TOKEN": "t" } });
  assert.equal(big.headers.get("x-per-page"), "100");
  assert.equal((await json<unknown[]>(big)).length, 45);
  const dflt = await sim.fetch(`${BASE}/projects`, { headers: { "PRIVATE-TOKEN": "t" } });
  assert.equal(dflt.headers.get("x-per-page"), "20");
  assert.equal((await json<unknown[]>(dflt)).length, 20);
});

Deno.test("simulator: totals above 10,000 omit x-total, x-total-pages and rel=last", async () => {
  const sim = createSimulator();
  sim.addProjects(10_050);
  const res = await get(sim, "/projects?per_page=100&page=2", admin);
  assert.equal(res.headers.get("x-total"), null);
  assert.equal(res.headers.get("x-total-pages"), null);
  const l = links(res);
  assert.equal(l.last, undefined);
  assert.ok(l.next && l.prev && l.first);
  assert.equal(res.headers.get("x-next-page"), "3");
  assert.equal((await json<unknown[]>(res)).length, 100);
  // a filtered list under the limit has the headers again
  const small = await get(sim, "/projects?search=acme&per_page=5", admin);
  assert.ok(Number(small.headers.get("x-total")) > 0);
  await small.body?.cancel();
});

Deno.test("simulator: keyset pagination on /projects follows id_after links to the end", async () => {
  const sim = createSimulator({ seed: false });
  sim.addProjects(250);
  let url: string | undefined = `${BASE}/projects?pagination=keyset&order_by=id&sort=asc&per_page=100`;
  const ids: number[] = [];
  let pages = 0;
  for (let i = 0; i < 10 && url; i++) {
    const res: Response = await sim.fetch(url);
    assert.equal(res.headers.get("x-total"), null);
    assert.equal(res.headers.get("x-page"), null);
    ids.push(...(await json<{ id: number }[]>(res)).map((p) => p.id));
    url = links(res).next;
    if (url) assert.match(url, /id_after=\d+/);
    pages++;
  }
  // three pages with items, each linking rel="next", then the empty page that ends the list
  assert.equal(pages, 4);
  assert.equal(ids.length, 250);
  assert.deepEqual(ids, Array.from({ length: 250 }, (_, i) => i + 1));

  const desc = await sim.fetch(`${BASE}/projects?pagination=keyset&order_by=id&sort=desc&per_page=2`);
  assert.deepEqual((await json<{ id: number }[]>(desc)).map((p) => p.id), [250, 249]);
  assert.match(links(desc).next, /id_before=249/);

  const unsupported = await sim.fetch(`${BASE}/projects?pagination=keyset&order_by=name`);
  assert.equal(unsupported.status, 405);
  await unsupported.body?.cancel();
});

Deno.test("simulator: keyset pages over 100k projects are fast", async () => {
  const sim = createSimulator();
  const t0 = performance.now();
  sim.addProjects(100_000);
  assert.ok(performance.now() - t0 < 2000, "bulk seeding is fast");
  const t1 = performance.now();
  const res = await sim.fetch(
    `${BASE}/projects?pagination=keyset&order_by=id&sort=asc&per_page=100&id_after=90000`,
  );
  const rows = await json<{ id: number }[]>(res);
  assert.equal(rows[0].id, 90_001);
  assert.equal(rows.length, 100);
  const off = await get(sim, "/projects?page=500&per_page=100", admin); // the deepest offset page allowed
  assert.equal((await json<unknown[]>(off)).length, 100);
  assert.ok(performance.now() - t1 < 1000);
});

Deno.test("simulator: HEAD on a list returns headers without a body", async () => {
  const sim = createSimulator();
  const res = await sim.fetch(`${BASE}/projects?per_page=1`, { method: "HEAD", headers: admin });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("x-total"), "8");
  assert.ok(res.headers.get("link"));
  assert.equal(res.body, null);
});

Deno.test("simulator: keyset pagination on lists without keyset support answers 405", async () => {
  const sim = createSimulator();
  for (
    const path of ["/projects/acme%2Fweb/issues", "/projects/acme%2Fweb/merge_requests", "/groups", "/users"]
  ) {
    const res = await get(sim, `${path}?pagination=keyset&per_page=4`, admin);
    assert.equal(res.status, 405, path);
    assert.deepEqual(await res.json(), {
      error: "Keyset pagination is not yet available for this type of request",
    });
  }
});

// ---------------------------------------------------------------------------------------------
// routing, errors and encoding

Deno.test("simulator: unknown routes and unknown methods 404 with error body", async () => {
  const sim = createSimulator();
  for (const path of ["http://gitlab.test/nope", `${BASE}/nope`, `${BASE}/projects/1/nope`]) {
    const res = await sim.fetch(path, { headers: admin });
    assert.equal(res.status, 404);
    assert.deepEqual(await res.json(), { error: "404 Not Found" });
  }
  const res = await sim.fetch(`${BASE}/user`, { method: "DELETE", headers: admin });
  assert.equal(res.status, 404);
  assert.deepEqual(await res.json(), { error: "404 Not Found" });
  const missing: [string, string][] = [
    ["/projects/9999", "404 Project Not Found"],
    ["/groups/9999", "404 Group Not Found"],
    ["/users/9999", "404 User Not Found"],
    ["/projects/1/issues/999", "404 Issue Not Found"],
    ["/projects/1/merge_requests/999", "404 Merge Request Not Found"],
    ["/projects/1/repository/branches/nope", "404 Branch Not Found"],
    ["/projects/1/repository/files/nope.txt?ref=main", "404 File Not Found"],
    ["/projects/1/repository/files/README.md?ref=nope", "404 Commit Not Found"],
  ];
  for (const [path, message] of missing) {
    const r = await get(sim, path, admin);
    assert.equal(r.status, 404, path);
    assert.deepEqual(await r.json(), { message }, path);
  }
});

Deno.test("simulator: validation error shapes", async () => {
  const sim = createSimulator();
  const noName = await send(sim, "POST", "/projects", {});
  assert.equal(noName.status, 400);
  assert.deepEqual(await noName.json(), {
    error: "name, path are missing, at least one parameter must be provided",
  });
  const taken = await send(sim, "POST", "/projects", { path: "web", namespace_id: SIM_SEED.groups.acme.id });
  assert.equal(taken.status, 400);
  assert.deepEqual(await taken.json(), {
    message: { name: ["has already been taken"], path: ["has already been taken"] },
  });
  const noTitle = await send(sim, "POST", "/projects/1/issues", { description: "x" });
  assert.equal(noTitle.status, 400);
  assert.deepEqual(await noTitle.json(), { error: "title is missing" });
  const dupBranch = await send(sim, "POST", "/projects/1/repository/branches", {
    branch: "main",
    ref: "main",
  });
  assert.equal(dupBranch.status, 400);
  assert.deepEqual(await dupBranch.json(), { message: "Branch already exists" });
  const noRef = await get(sim, "/projects/1/repository/files/README.md");
  assert.equal(noRef.status, 400);
  assert.deepEqual(await noRef.json(), { error: "ref is missing" });
});

Deno.test("simulator: encoded project paths, file paths and branch names", async () => {
  const sim = createSimulator();
  const p = await get(sim, "/projects/acme%2Fplatform%2Fdeploy-tools");
  assert.equal((await json<{ id: number }>(p)).id, SIM_SEED.projects.deployTools.id);
  const g = await get(sim, "/groups/acme%2Fplatform");
  assert.equal((await json<{ full_path: string }>(g)).full_path, "acme/platform");
  const b = await get(sim, "/projects/acme%2Fweb/repository/branches/feature%2Flogin");
  assert.equal((await json<{ name: string }>(b)).name, "feature/login");
  const f = await get(sim, "/projects/acme%2Fweb/repository/files/src%2Flogin.ts?ref=feature%2Flogin");
  const meta = await json<{ file_path: string; content: string; encoding: string; ref: string }>(f);
  assert.equal(meta.file_path, "src/login.ts");
  assert.equal(meta.encoding, "base64");
  assert.equal(meta.ref, "feature/login");
  assert.equal(atob(meta.content), "export function login(): void {}\n");
  // not on main
  assert.equal((await get(sim, "/projects/1/repository/files/src%2Flogin.ts?ref=main")).status, 404);
  const u = await get(sim, "/users/alice/projects");
  assert.deepEqual((await json<{ path: string }[]>(u)).map((x) => x.path), ["dotfiles"]);
});

Deno.test("simulator: repository file metadata, HEAD and raw", async () => {
  const sim = createSimulator();
  const res = await get(sim, "/projects/1/repository/files/src%2Fmain.ts?ref=main");
  const meta = await json<Record<string, unknown>>(res);
  for (
    const k of ["file_name", "file_path", "size", "encoding", "content", "content_sha256", "ref", "blob_id"]
  ) {
    assert.ok(k in meta, k);
  }
  assert.ok("commit_id" in meta && "last_commit_id" in meta);
  assert.equal(meta.file_name, "main.ts");
  assert.match(String(meta.blob_id), /^[0-9a-f]{40}$/);
  assert.match(String(meta.content_sha256), /^[0-9a-f]{64}$/);

  const head = await sim.fetch(`${BASE}/projects/1/repository/files/src%2Fmain.ts?ref=main`, {
    method: "HEAD",
  });
  assert.equal(head.status, 200);
  assert.equal(head.body, null);
  assert.equal(head.headers.get("x-gitlab-file-path"), "src/main.ts");
  assert.equal(head.headers.get("x-gitlab-size"), String(meta.size));
  assert.equal(head.headers.get("x-gitlab-blob-id"), meta.blob_id);

  const raw = await get(sim, "/projects/1/repository/files/assets%2Flogo.png/raw");
  assert.equal(raw.headers.get("content-type"), "image/png");
  const bytes = new Uint8Array(await raw.arrayBuffer());
  assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47]);

  const big = "x".repeat(100_000);
  sim.addFile(1, "big.txt", big);
  const rawBig = await get(sim, "/projects/1/repository/files/big.txt/raw?ref=main");
  const reader = rawBig.body!.getReader();
  let chunks = 0;
  let total = 0;
  for (let i = 0; i < 100; i++) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks++;
    total += value.length;
  }
  assert.ok(chunks > 1, "raw body is streamed in chunks");
  assert.equal(total, 100_000);
});

Deno.test("simulator: array and hash query decoding on issue filters", async () => {
  const sim = createSimulator();
  const both = await get(sim, "/projects/1/issues?labels[]=bug&labels[]=security");
  assert.deepEqual((await json<{ iid: number }[]>(both)).map((i) => i.iid), [6]);
  const comma = await get(sim, "/projects/1/issues?labels=bug,frontend");
  assert.deepEqual((await json<{ iid: number }[]>(comma)).map((i) => i.iid), [1]);
  const not = await get(sim, "/projects/1/issues?state=opened&not[labels][]=bug");
  const notIids = (await json<{ iid: number; labels: string[] }[]>(not)).map((i) => i.iid);
  assert.deepEqual(notIids, [4, 2]);
  const iids = await get(sim, "/projects/1/issues?iids[]=1&iids[]=3&sort=asc");
  assert.deepEqual((await json<{ iid: number }[]>(iids)).map((i) => i.iid), [1, 3]);
  const byAuthor = await get(sim, "/projects/1/issues?author_username=bob&order_by=title&sort=asc");
  assert.deepEqual((await json<{ title: string }[]>(byAuthor)).map((i) => i.title), [
    "Add dark mode",
    "Typo on pricing page",
  ]);
  const search = await get(sim, "/projects/1/issues?search=safari");
  assert.equal((await json<unknown[]>(search)).length, 1);
});

Deno.test("simulator: JSON, urlencoded and multipart bodies with Rails-style names", async () => {
  const sim = createSimulator();
  const viaForm = await sim.fetch(`${BASE}/projects/1/issues`, {
    method: "POST",
    headers: alice,
    body: new URLSearchParams("title=Form+issue&labels[]=a&labels[]=b"),
  });
  assert.equal(viaForm.status, 201);
  const formIssue = await json<{ iid: number; labels: string[]; title: string }>(viaForm);
  assert.equal(formIssue.title, "Form issue");
  assert.deepEqual(formIssue.labels, ["a", "b"]);
  assert.equal(formIssue.iid, 7);

  const fd = new FormData();
  fd.append("title", "Multipart issue");
  fd.append("labels", "x,y");
  const viaMultipart = await sim.fetch(`${BASE}/projects/1/issues`, {
    method: "POST",
    headers: alice,
    body: fd,
  });
  assert.equal(viaMultipart.status, 201);
  assert.deepEqual((await json<{ labels: string[] }>(viaMultipart)).labels, ["x", "y"]);

  const viaJson = await send(sim, "POST", "/projects/1/issues", { title: "JSON issue", labels: ["z"] });
  assert.equal((await json<{ iid: number }>(viaJson)).iid, 9);

  const p = await json<{ open_issues_count: number }>(await get(sim, "/projects/1"));
  assert.equal(p.open_issues_count, SIM_SEED.projects.web.openIssues + 3);
});

Deno.test("simulator: decodeParams handles arrays of hashes", async () => {
  const { decodeParams } = await import("@gitlab-edge/client/testing");
  const p = decodeParams(
    new URLSearchParams(
      "variables[][key]=A&variables[][value]=1&variables[][key]=B&variables[][value]=2&h[k]=v",
    ),
  );
  assert.deepEqual(p, { variables: [{ key: "A", value: "1" }, { key: "B", value: "2" }], h: { k: "v" } });
});

Deno.test("simulator: issue updates keep open_issues_count accurate", async () => {
  const sim = createSimulator();
  const before = (await json<{ open_issues_count: number }>(await get(sim, "/projects/1"))).open_issues_count;
  const closed = await send(sim, "PUT", "/projects/1/issues/1", {
    state_event: "close",
    add_labels: "triaged",
    remove_labels: "frontend",
  });
  assert.equal(closed.status, 200);
  const issue = await json<{ state: string; labels: string[]; closed_by: { username: string } }>(closed);
  assert.equal(issue.state, "closed");
  assert.deepEqual(issue.labels, ["bug", "triaged"]);
  assert.equal(issue.closed_by.username, "alice");
  const after = (await json<{ open_issues_count: number }>(await get(sim, "/projects/1"))).open_issues_count;
  assert.equal(after, before - 1);
  await send(sim, "PUT", "/projects/1/issues/1", { state_event: "reopen", title: "Renamed" }).then((r) =>
    r.body?.cancel()
  );
  const again = await json<{ open_issues_count: number }>(await get(sim, "/projects/1"));
  assert.equal(again.open_issues_count, before);
  const forbidden = await send(sim, "PUT", "/projects/1/issues/1", { title: "hack" }, bob);
  assert.equal(forbidden.status, 403);
  await forbidden.body?.cancel();
});

Deno.test("simulator: projects CRUD, fork and uploads", async () => {
  const sim = createSimulator();
  const created = await send(sim, "POST", "/projects", {
    name: "New Thing",
    namespace_id: "acme",
    visibility: "public",
    initialize_with_readme: true,
  });
  assert.equal(created.status, 201);
  const p = await json<{ id: number; path: string; path_with_namespace: string; empty_repo: boolean }>(
    created,
  );
  assert.equal(p.path, "new-thing");
  assert.equal(p.path_with_namespace, "acme/new-thing");
  assert.equal(p.empty_repo, false);

  const updated = await send(sim, "PUT", `/projects/${p.id}`, { description: "Updated" });
  assert.equal((await json<{ description: string }>(updated)).description, "Updated");

  const fork = await send(sim, "POST", `/projects/${p.id}/fork`, {}, bob);
  assert.equal(fork.status, 201);
  const f = await json<{ id: number; path_with_namespace: string; forked_from_project: { id: number } }>(
    fork,
  );
  assert.equal(f.path_with_namespace, "bob/new-thing");
  assert.equal(f.forked_from_project.id, p.id);
  const src = await json<{ forks_count: number }>(await get(sim, `/projects/${p.id}`));
  assert.equal(src.forks_count, 1);

  const fd = new FormData();
  fd.append("file", new Blob([new Uint8Array([1, 2, 3])], { type: "image/png" }), "shot.png");
  const up = await sim.fetch(`${BASE}/projects/${p.id}/uploads`, {
    method: "POST",
    headers: alice,
    body: fd,
  });
  assert.equal(up.status, 201);
  const upload = await json<{ id: number; alt: string; url: string; full_path: string; markdown: string }>(
    up,
  );
  assert.equal(upload.alt, "shot");
  assert.match(upload.url, /^\/uploads\/[0-9a-f]{32}\/shot\.png$/);
  assert.equal(upload.full_path, `/-/project/${p.id}${upload.url}`);
  assert.equal(upload.markdown, `![shot](${upload.url})`);

  const del = await sim.fetch(`${BASE}/projects/${p.id}`, { method: "DELETE", headers: alice });
  assert.equal(del.status, 202);
  assert.deepEqual(await del.json(), { message: "202 Accepted" });
  assert.equal((await get(sim, `/projects/${p.id}`, admin)).status, 404);
});

Deno.test("simulator: branches create, list, delete", async () => {
  const sim = createSimulator();
  const created = await send(sim, "POST", "/projects/1/repository/branches", {
    branch: "release/1.0",
    ref: "main",
  });
  assert.equal(created.status, 201);
  const b = await json<{ name: string; commit: { id: string }; default: boolean }>(created);
  assert.equal(b.name, "release/1.0");
  assert.equal(b.default, false);
  const listed = await get(sim, "/projects/1/repository/branches?search=release");
  assert.deepEqual((await json<{ name: string }[]>(listed)).map((x) => x.name), ["release/1.0"]);
  const badRef = await send(sim, "POST", "/projects/1/repository/branches", { branch: "x", ref: "nope" });
  assert.equal(badRef.status, 400);
  await badRef.body?.cancel();
  const del = await sim.fetch(`${BASE}/projects/1/repository/branches/release%2F1.0`, {
    method: "DELETE",
    headers: alice,
  });
  assert.equal(del.status, 204);
  assert.equal(await del.text(), "");
  assert.equal((await get(sim, "/projects/1/repository/branches/release%2F1.0")).status, 404);
});

Deno.test("simulator: users, groups, subgroups and group projects", async () => {
  const sim = createSimulator();
  const users = await get(sim, "/users?username=alice");
  assert.deepEqual((await json<{ username: string }[]>(users)).map((u) => u.username), ["alice"]);
  const blocked = await get(sim, "/users?blocked=true", admin);
  assert.deepEqual((await json<{ username: string }[]>(blocked)).map((u) => u.username), ["eve"]);
  const one = await json<{ username: string; email?: string }>(
    await get(sim, `/users/${SIM_SEED.users.bob.id}`),
  );
  assert.equal(one.username, "bob");
  assert.equal(one.email, undefined);

  const groups = await get(sim, "/groups?top_level_only=true");
  assert.deepEqual((await json<{ full_path: string }[]>(groups)).map((g) => g.full_path), ["acme"]);
  const sub = await get(sim, "/groups/acme/subgroups");
  assert.deepEqual((await json<{ full_path: string }[]>(sub)).map((g) => g.full_path), ["acme/platform"]);
  const owned = await get(sim, "/groups?owned=true", alice);
  assert.deepEqual((await json<{ path: string }[]>(owned)).map((g) => g.path), ["acme"]);

  const direct = await get(sim, "/groups/acme/projects", alice);
  assert.equal(direct.headers.get("x-total"), "3");
  await direct.body?.cancel();
  const all = await get(sim, "/groups/acme/projects?include_subgroups=true&per_page=100", alice);
  const rows = await json<{ path_with_namespace: string; open_issues_count: number }[]>(all);
  assert.equal(rows.length, 5);
  const infra = rows.find((r) => r.path_with_namespace === "acme/platform/infra");
  assert.equal(infra?.open_issues_count, SIM_SEED.projects.infra.openIssues);
  const mrs = await get(sim, "/projects/acme%2Fweb/merge_requests?state=opened");
  assert.equal((await json<unknown[]>(mrs)).length, SIM_SEED.projects.web.openMergeRequests);
  const mr = await json<{ iid: number; state: string }>(await get(sim, "/projects/1/merge_requests/3"));
  assert.equal(mr.state, "merged");
});

// ---------------------------------------------------------------------------------------------
// faults, latency, request log

Deno.test("simulator: canned status faults with default GitLab-like bodies", async () => {
  const sim = createSimulator();
  sim.fault({ status: 429, headers: { "Retry-After": "1" }, times: 2 });
  for (let i = 0; i < 2; i++) {
    const res = await get(sim, "/projects");
    assert.equal(res.status, 429);
    assert.equal(res.headers.get("retry-after"), "1");
    assert.equal(await res.text(), "Retry later\n"); // GitLab's Rack::Attack throttle answer
  }
  assert.equal((await get(sim, "/projects")).status, 200);

  sim.fault({ method: "GET", path: "/user", status: 500 });
  const five = await get(sim, "/user", alice);
  assert.deepEqual(await five.json(), { message: "500 Internal Server Error" });

  sim.fault({ path: /^\/projects\/\d+$/, status: 502, body: "<html>Bad Gateway</html>", times: Infinity });
  const html = await get(sim, "/projects/1");
  assert.equal(html.status, 502);
  assert.match(html.headers.get("content-type") ?? "", /text\/html/);
  assert.equal(await html.text(), "<html>Bad Gateway</html>");
  assert.equal((await get(sim, "/projects/5")).status, 502);
  // non-matching method / path untouched
  assert.equal((await get(sim, "/projects")).status, 200);
  sim.clearFaults();
  assert.equal((await get(sim, "/projects/1")).status, 200);

  sim.fault({ path: "/projects", body: '[{"id":1', status: 200 });
  const truncated = await get(sim, "/projects");
  await assert.rejects(() => truncated.json(), SyntaxError);
});

Deno.test("simulator: drop faults reject or break the body", async () => {
  const sim = createSimulator();
  sim.fault({ drop: "before-response" });
  await assert.rejects(() => get(sim, "/projects"), TypeError);
  sim.fault({ drop: "mid-body" });
  const res = await get(sim, "/projects?per_page=100");
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("x-total"), "4");
  await assert.rejects(() => res.text(), TypeError);
  assert.equal((await get(sim, "/projects")).status, 200);
});

Deno.test("simulator: hang until aborted, latency and slow bodies", async () => {
  const sim = createSimulator();
  sim.fault({ hang: true });
  const controller = new AbortController();
  const hung = sim.fetch(`${BASE}/projects`, { signal: controller.signal });
  let settled = false;
  hung.then(() => (settled = true), () => (settled = true));
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(settled, false);
  controller.abort(new Error("stop"));
  await assert.rejects(() => hung, /stop/);

  // latency via fault, cancellable
  sim.clearFaults();
  sim.fault({ latency: 60 });
  const t0 = performance.now();
  assert.equal((await get(sim, "/version", alice)).status, 200);
  assert.ok(performance.now() - t0 >= 50);
  sim.fault({ latency: 10_000 });
  const c2 = new AbortController();
  const slow = sim.fetch(`${BASE}/projects`, { signal: c2.signal });
  setTimeout(() => c2.abort(new Error("timeout")), 10);
  await assert.rejects(() => slow, /timeout/);

  // global latency
  sim.latency = 40;
  const t1 = performance.now();
  await (await get(sim, "/projects")).arrayBuffer();
  assert.ok(performance.now() - t1 >= 30);
  sim.latency = 0;

  sim.fault({ slowBody: 15 });
  const t2 = performance.now();
  const body = await (await get(sim, "/projects?per_page=100")).text();
  assert.ok(performance.now() - t2 >= 30);
  assert.equal(JSON.parse(body).length, 4);
});

Deno.test("simulator: hanging request rejects with the signal's reason", async () => {
  const sim = createSimulator();
  sim.fault({ hang: true });
  const c = new AbortController();
  const reason = new Error("custom reason");
  const p = sim.fetch(`${BASE}/projects`, { signal: c.signal });
  c.abort(reason);
  await assert.rejects(
    () => p,
    (e: unknown) => e === reason || (e instanceof Error && e.name === "AbortError"),
  );
});

Deno.test("simulator: request log records method, url and lower-cased headers", async () => {
  const sim = createSimulator();
  await (await sim.fetch(`${BASE}/projects?x=1`, { headers: { "X-Custom": "yes" } })).body?.cancel();
  await (await send(sim, "POST", "/projects/1/issues", { title: "t" })).body?.cancel();
  assert.equal(sim.requests.length, 2);
  assert.equal(sim.requests[0].method, "GET");
  assert.equal(sim.requests[0].url, `${BASE}/projects?x=1`);
  assert.equal(sim.requests[0].headers["x-custom"], "yes");
  assert.equal(sim.requests[1].method, "POST");
  assert.equal(sim.requests[1].headers["content-type"], "application/json");
  sim.clearRequests();
  assert.equal(sim.requests.length, 0);
  for (let i = 0; i < 10_010; i++) await (await get(sim, "/nope")).body?.cancel();
  assert.equal(sim.requests.length, 10_000);
});

Deno.test("simulator: fetch is bound and accepts Request objects", async () => {
  const { fetch } = createSimulator();
  const res = await fetch(new Request(`${BASE}/projects/1`));
  assert.equal(res.status, 200);
  assert.equal((await json<{ path_with_namespace: string }>(res)).path_with_namespace, "acme/web");
  const viaUrl = await fetch(new URL(`${BASE}/groups/acme`));
  assert.equal(viaUrl.status, 200);
  await viaUrl.body?.cancel();
});

Deno.test("simulator: seed: false starts empty and builders work", async () => {
  const sim = createSimulator({ seed: false, now: () => new Date("2024-05-01T00:00:00Z") });
  const res = await sim.fetch(`${BASE}/projects`);
  assert.deepEqual(await res.json(), []);
  assert.equal(res.headers.get("x-total"), "0");
  const u = sim.addUser({ username: "carol", admin: true });
  sim.addToken("c", { user: "carol" });
  const g = sim.addGroup({ path: "ops", visibility: "private", members: { carol: 50 } });
  const p = sim.addProject({ path: "tool", namespace: "ops", description: "d" });
  const i = sim.addIssue(p.id, { title: "First", labels: ["b", "a"] });
  const m = sim.addMergeRequest("ops/tool", { title: "MR", source_branch: "feat" });
  assert.equal(u.username, "carol");
  assert.equal(g.full_path, "ops");
  assert.equal(p.path_with_namespace, "ops/tool");
  assert.equal(p.created_at, "2024-05-01T00:00:00.000Z");
  assert.equal(i.iid, 1);
  assert.deepEqual(i.labels, ["a", "b"]);
  assert.equal(m.target_branch, "main");
  assert.equal((await sim.fetch(`${BASE}/projects/ops%2Ftool`)).status, 404);
  const seen = await sim.fetch(`${BASE}/projects/ops%2Ftool`, { headers: { "PRIVATE-TOKEN": "c" } });
  assert.equal((await json<{ open_issues_count: number }>(seen)).open_issues_count, 1);
});
