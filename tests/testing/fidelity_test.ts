/**
 * The simulator answers like GitLab where GitLab's docs and sources say how: unknown routes, pagination
 * edges, validation, rate limits, auth and response shapes.
 */
import assert from "node:assert/strict";
import {
  createSimulator,
  SIM_ADMIN_TOKEN,
  SIM_BOB_TOKEN,
  SIM_JOB_TOKEN,
  SIM_USER_TOKEN,
  type Simulator,
} from "@gitlab-edge/client/testing";
import { serve } from "@gitlab-edge/client/testing/server";

const BASE = "http://gitlab.test/api/v4";
const admin = { "PRIVATE-TOKEN": SIM_ADMIN_TOKEN };
const alice = { "PRIVATE-TOKEN": SIM_USER_TOKEN };
const anonymous = {};

function get(sim: Simulator, path: string, headers: Record<string, string> = admin): Promise<Response> {
  return sim.fetch(`${BASE}${path}`, { headers });
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
// routing

Deno.test("fidelity: an unknown method on a known path is GitLab's catch-all 404", async () => {
  const sim = createSimulator();
  for (
    const [method, path] of [["PATCH", "/projects"], ["DELETE", "/user"], ["POST", "/projects/1/issues/1"]]
  ) {
    const res = await sim.fetch(`${BASE}${path}`, { method, headers: admin });
    assert.equal(res.status, 404, `${method} ${path}`);
    assert.deepEqual(await res.json(), { error: "404 Not Found" });
  }
  const head = await sim.fetch(`${BASE}/nope`, { method: "HEAD", headers: admin });
  assert.equal(head.status, 404);
  assert.equal(head.body, null);
});

// ---------------------------------------------------------------------------------------------
// offset pagination

Deno.test("fidelity: a page past the end has no previous or next page", async () => {
  const sim = createSimulator({ seed: false });
  sim.addProjects(5);
  const res = await get(sim, "/projects?per_page=2&page=9", anonymous);
  assert.deepEqual(await res.json(), []);
  assert.equal(res.headers.get("x-prev-page"), "");
  assert.equal(res.headers.get("x-next-page"), "");
  assert.equal(res.headers.get("x-total"), "5");
  assert.equal(res.headers.get("x-total-pages"), "3");
  const l = links(res);
  assert.equal(l.prev, undefined);
  assert.equal(l.next, undefined);
  assert.ok(l.first && l.last);
  // the last page still links back
  const last = await get(sim, "/projects?per_page=2&page=3", anonymous);
  assert.equal(last.headers.get("x-prev-page"), "2");
  assert.ok(links(last).prev);
  await last.body?.cancel();
});

Deno.test("fidelity: offset pages of projects stop at 50,000 rows with GitLab's 405", async () => {
  const sim = createSimulator({ seed: false });
  sim.addProjects(50_200);
  const deepest = await get(sim, "/projects?per_page=100&page=500", anonymous);
  assert.equal(deepest.status, 200);
  assert.equal((await deepest.json() as unknown[]).length, 100);
  for (const query of ["per_page=100&page=501", "per_page=20&page=2501", "page=2501"]) {
    const res = await get(sim, `/projects?${query}`, anonymous);
    assert.equal(res.status, 405, query);
    assert.deepEqual(await res.json(), {
      error: "Offset pagination has a maximum allowed offset of 50000 for requests that return objects of " +
        "type Project. Remaining records can be retrieved using keyset pagination.",
    });
  }
  // keyset pagination reaches past it
  const keyset = await get(
    sim,
    "/projects?pagination=keyset&order_by=id&sort=asc&id_after=50100&per_page=100",
    anonymous,
  );
  assert.equal(keyset.status, 200);
  assert.equal((await keyset.json() as unknown[]).length, 100);
});

// ---------------------------------------------------------------------------------------------
// keyset pagination

Deno.test("fidelity: keyset pagination of projects needs order_by=id", async () => {
  const sim = createSimulator();
  for (
    const query of [
      "pagination=keyset",
      "pagination=keyset&order_by=name",
      "pagination=keyset&order_by=created_at",
    ]
  ) {
    const res = await get(sim, `/projects?${query}`);
    assert.equal(res.status, 405, query);
    assert.deepEqual(await res.json(), {
      error: "Keyset pagination is not yet available for this type of request",
    });
  }
});

Deno.test("fidelity: keyset pages with items link rel=next; the end is an empty page", async () => {
  const sim = createSimulator({ seed: false });
  sim.addProjects(5);
  const first = await get(sim, "/projects?pagination=keyset&order_by=id&sort=asc&per_page=3", anonymous);
  assert.deepEqual((await first.json() as { id: number }[]).map((p) => p.id), [1, 2, 3]);
  const next = links(first).next;
  assert.match(next, /id_after=3/);
  // a short page still links on: GitLab cannot know it is the last one
  const second = await sim.fetch(next, { headers: anonymous });
  assert.deepEqual((await second.json() as { id: number }[]).map((p) => p.id), [4, 5]);
  const end = links(second).next;
  assert.match(end, /id_after=5/);
  const empty = await sim.fetch(end, { headers: anonymous });
  assert.deepEqual(await empty.json(), []);
  assert.equal(empty.headers.get("link"), null);
  // no offset headers on keyset pages
  assert.equal(empty.headers.get("x-total"), null);
  assert.equal(empty.headers.get("x-page"), null);
});

Deno.test("fidelity: no made-up cursors on lists without keyset support", async () => {
  const sim = createSimulator();
  const lists = [
    "/projects/acme%2Fweb/issues",
    "/projects/acme%2Fweb/merge_requests",
    "/projects/acme%2Fweb/repository/branches",
    "/groups",
    "/groups/acme/subgroups",
    "/users",
  ];
  for (const path of lists) {
    const res = await get(sim, `${path}?pagination=keyset&order_by=id`);
    assert.equal(res.status, 405, path);
    assert.deepEqual(await res.json(), {
      error: "Keyset pagination is not yet available for this type of request",
    });
  }
});

// ---------------------------------------------------------------------------------------------
// validation

async function send(
  sim: Simulator,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = alice,
): Promise<Response> {
  return await sim.fetch(`${BASE}${path}`, {
    method,
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

Deno.test("fidelity: unknown enum values and non-integers are Grape's 400s", async () => {
  const sim = createSimulator();
  const cases: [string, string][] = [
    ["/projects/1/issues?state=shut", "state does not have a valid value"],
    ["/projects/1/merge_requests?state=done", "state does not have a valid value"],
    ["/projects?visibility=secret", "visibility does not have a valid value"],
    ["/projects?order_by=stars", "order_by does not have a valid value"],
    ["/projects?sort=up", "sort does not have a valid value"],
    ["/groups?min_access_level=35", "min_access_level does not have a valid value"],
    ["/projects?page=two", "page is invalid"],
    ["/projects/1/issues?author_id=bob", "author_id is invalid"],
    ["/projects/1/issues/abc", "issue_iid is invalid"],
    ["/projects/1/merge_requests/first", "merge_request_iid is invalid"],
  ];
  for (const [path, error] of cases) {
    const res = await get(sim, path);
    assert.equal(res.status, 400, path);
    assert.deepEqual(await res.json(), { error }, path);
  }
  // every failing parameter is reported, joined with ", "
  const both = await get(sim, "/projects/1/issues?state=shut&per_page=many");
  const { error } = await both.json() as { error: string };
  assert.deepEqual(error.split(", ").sort(), ["per_page is invalid", "state does not have a valid value"]);
  // validation comes before the lookup: an unknown project with a bad parameter is still a 400
  assert.equal((await get(sim, "/projects/9999/issues?state=shut")).status, 400);
});

Deno.test("fidelity: a missing required value is missing, an empty one (allow_blank: false) is empty", async () => {
  const sim = createSimulator();
  const missing = await send(sim, "POST", "/projects/1/repository/branches", {});
  assert.equal(missing.status, 400);
  assert.deepEqual(await missing.json(), { error: "branch is missing, ref is missing" });
  const empty = await send(sim, "POST", "/projects/1/repository/branches", { branch: "", ref: "main" });
  assert.deepEqual(await empty.json(), { error: "branch is empty" });
  const emptyRef = await get(sim, "/projects/1/repository/files/README.md?ref=");
  assert.equal(emptyRef.status, 400);
  assert.deepEqual(await emptyRef.json(), { error: "ref is empty" });
  // `requires :title` only asks for the key; a blank title fails the model's validation
  const noTitle = await send(sim, "POST", "/projects/1/issues", {});
  assert.deepEqual(await noTitle.json(), { error: "title is missing" });
  const blankTitle = await send(sim, "POST", "/projects/1/issues", { title: " " });
  assert.equal(blankTitle.status, 400);
  assert.deepEqual(await blankTitle.json(), { message: { title: ["can't be blank"] } });
});

Deno.test("fidelity: GET /users/:id takes numeric ids only (other paths are the catch-all 404)", async () => {
  const sim = createSimulator();
  const res = await get(sim, "/users/alice");
  assert.equal(res.status, 404);
  assert.deepEqual(await res.json(), { error: "404 Not Found" });
  const unknown = await get(sim, "/users/9999");
  assert.deepEqual(await unknown.json(), { message: "404 User Not Found" });
});

// ---------------------------------------------------------------------------------------------
// rate limiting

Deno.test("fidelity: a simulated 429 is Rack::Attack's: Retry later, Retry-After and RateLimit-*", async () => {
  const now = new Date("2025-03-04T05:06:40Z"); // 40 s into the minute
  const sim = createSimulator({ now: () => now });
  sim.fault({ path: "/projects", status: 429 });
  const res = await get(sim, "/projects");
  assert.equal(res.status, 429);
  assert.equal(res.headers.get("content-type"), "text/plain");
  assert.equal(await res.text(), "Retry later\n");
  const epoch = now.getTime() / 1000;
  assert.equal(res.headers.get("retry-after"), "20");
  assert.equal(res.headers.get("ratelimit-name"), "throttle_authenticated_api");
  assert.equal(res.headers.get("ratelimit-limit"), "120");
  assert.equal(res.headers.get("ratelimit-observed"), "121");
  assert.equal(res.headers.get("ratelimit-remaining"), "0");
  assert.equal(res.headers.get("ratelimit-reset"), String(epoch + 20));
  assert.equal(res.headers.get("ratelimit-resettime"), "Tue, 04 Mar 2025 05:07:00 GMT");

  // timing the fault sets is kept as is, and no other timing header is made up
  sim.fault({ path: "/projects", status: 429, headers: { "Retry-After": "2" } });
  const short = await get(sim, "/projects");
  assert.equal(short.headers.get("retry-after"), "2");
  assert.equal(short.headers.get("ratelimit-reset"), null);
  assert.equal(short.headers.get("ratelimit-remaining"), "0");
  await short.body?.cancel();
});

// ---------------------------------------------------------------------------------------------
// authentication and authorization

Deno.test("fidelity: anonymous GET /users is refused unless it looks up one username", async () => {
  const sim = createSimulator();
  const res = await get(sim, "/users", anonymous);
  assert.equal(res.status, 403);
  assert.deepEqual(await res.json(), { message: "403 Forbidden - Not authorized to access /api/v4/users" });
  const one = await get(sim, "/users?username=alice", anonymous);
  assert.equal(one.status, 200);
  assert.deepEqual((await one.json() as { username: string }[]).map((u) => u.username), ["alice"]);
  assert.equal((await get(sim, "/users", alice)).status, 200);
});

Deno.test("fidelity: owned=true lists projects the user owns, not the ones they created", async () => {
  const sim = createSimulator();
  // alice created a project in a group bob owns, where she is a developer
  sim.addGroup({ path: "lab", members: { bob: 50 } });
  sim.addProject({ path: "made-by-alice", namespace: "lab", creator: "alice", members: { alice: 30 } });
  const res = await get(sim, "/projects?owned=true&per_page=100", alice);
  const paths = (await res.json() as { path_with_namespace: string }[]).map((p) => p.path_with_namespace);
  assert.ok(!paths.includes("lab/made-by-alice"), paths.join());
  assert.ok(paths.includes("alice/dotfiles"), paths.join());
  const bobs = await get(sim, "/projects?owned=true&per_page=100", { "PRIVATE-TOKEN": SIM_BOB_TOKEN });
  const bobPaths = (await bobs.json() as { path_with_namespace: string }[]).map((p) => p.path_with_namespace);
  assert.ok(bobPaths.includes("lab/made-by-alice"), bobPaths.join());
});

Deno.test("fidelity: sudo needs an admin token with the sudo scope", async () => {
  const sim = createSimulator();
  sim.addToken("glpat-admin-api-only", { user: "root", scopes: ["api"] });
  const withoutScope = await get(sim, "/user", { "PRIVATE-TOKEN": "glpat-admin-api-only", Sudo: "alice" });
  assert.equal(withoutScope.status, 403);
  assert.deepEqual(await withoutScope.json(), {
    error: "insufficient_scope",
    error_description: "The request requires higher privileges than provided by the access token.",
    scope: "sudo",
  });
  const notAdmin = await get(sim, "/user", { ...alice, Sudo: "bob" });
  assert.equal(notAdmin.status, 403);
  assert.deepEqual(await notAdmin.json(), { message: "403 Forbidden - Must be admin to use sudo" });
  const anonymousSudo = await get(sim, "/user", { Sudo: "bob" });
  assert.equal(anonymousSudo.status, 401);
  await anonymousSudo.body?.cancel();
  const ok = await get(sim, "/user", { ...admin, Sudo: "bob" });
  assert.equal((await ok.json() as { username: string }).username, "bob");
});

Deno.test("fidelity: expired and revoked tokens get GitLab's invalid_token 401", async () => {
  const sim = createSimulator({ now: () => new Date("2025-06-01T12:00:00Z") });
  sim.addToken("glpat-expired", { user: "alice", expires_at: "2025-06-01" });
  sim.addToken("glpat-revoked", { user: "alice", revoked: true });
  sim.addToken("glpat-valid", { user: "alice", expires_at: "2025-06-02" });
  const cases: [string, string][] = [
    ["glpat-expired", "Token is expired. You can either do re-authorization or token refresh."],
    ["glpat-revoked", "Token was revoked. You have to re-authorize from the user."],
  ];
  for (const [token, description] of cases) {
    const res = await get(sim, "/user", { "PRIVATE-TOKEN": token });
    assert.equal(res.status, 401, token);
    assert.deepEqual(await res.json(), { error: "invalid_token", error_description: description });
    assert.equal(
      res.headers.get("www-authenticate"),
      `Bearer realm="Protected by OAuth 2.0", error="invalid_token", error_description="${description}"`,
    );
  }
  assert.equal((await get(sim, "/user", { "PRIVATE-TOKEN": "glpat-valid" })).status, 200);
  // an unknown token stays the plain 401
  const unknown = await get(sim, "/user", { "PRIVATE-TOKEN": "glpat-unknown" });
  assert.deepEqual(await unknown.json(), { message: "401 Unauthorized" });
});

// ---------------------------------------------------------------------------------------------
// response shapes

Deno.test("fidelity: raw files get the Content-Type Workhorse sniffs from their content", async () => {
  const sim = createSimulator();
  sim.addFile("acme/web", "public/index.html", "<!doctype html><title>x</title>\n");
  sim.addFile("acme/web", "public/icon.svg", '<svg xmlns="http://www.w3.org/2000/svg"></svg>\n');
  sim.addFile("acme/web", "bin/blob.dat", new Uint8Array([0, 1, 2, 3, 0xff]));
  const cases: [string, string, string][] = [
    ["README.md", "text/plain; charset=utf-8", "inline"],
    ["src%2Fmain.ts", "text/plain; charset=utf-8", "inline"],
    ["public%2Findex.html", "text/plain; charset=utf-8", "inline"], // never rendered as HTML
    ["assets%2Flogo.png", "image/png", "inline"],
    ["public%2Ficon.svg", "image/svg+xml", "attachment"],
    ["bin%2Fblob.dat", "application/octet-stream", "attachment"],
  ];
  for (const [path, type, disposition] of cases) {
    const res = await get(sim, `/projects/acme%2Fweb/repository/files/${path}/raw?ref=main`);
    assert.equal(res.status, 200, path);
    assert.equal(res.headers.get("content-type"), type, path);
    const name = decodeURIComponent(path).split("/").pop();
    assert.equal(
      res.headers.get("content-disposition"),
      `${disposition}; filename="${name}"; filename*=UTF-8''${name}`,
      path,
    );
    await res.body?.cancel();
  }
});

Deno.test("fidelity: web_url and _links point at the origin the request was sent to", async () => {
  const sim = createSimulator();
  const res = await sim.fetch("http://gitlab.test/api/v4/projects/acme%2Fweb", { headers: admin });
  const p = await res.json() as { web_url: string; _links: { self: string }; namespace: { web_url: string } };
  assert.equal(p.web_url, "http://gitlab.test/acme/web");
  assert.equal(p._links.self, "http://gitlab.test/api/v4/projects/1");
  assert.equal(p.namespace.web_url, "http://gitlab.test/groups/acme");

  const server = await serve(sim);
  try {
    const served = await fetch(`${server.url}/api/v4/projects/1/issues/1`, { headers: admin });
    const issue = await served.json() as { web_url: string; _links: { project: string } };
    assert.equal(issue.web_url, `${server.url}/acme/web/-/issues/1`);
    assert.equal(issue._links.project, `${server.url}/api/v4/projects/1`);
  } finally {
    await server.close();
  }

  // an explicit webUrl is GitLab's external_url: it wins
  const fixed = createSimulator({ webUrl: "https://git.example.org/" });
  const r = await fixed.fetch("http://127.0.0.1:1/api/v4/projects/1", { headers: admin });
  assert.equal((await r.json() as { web_url: string }).web_url, "https://git.example.org/acme/web");
});

// ---------------------------------------------------------------------------------------------
// HEAD and branch deletion

Deno.test("fidelity: HEAD on a GET route answers the GET's status and headers without a body", async () => {
  const sim = createSimulator();
  const paths = [
    "/projects?per_page=2",
    "/projects/acme%2Fweb",
    "/projects/1/issues?state=opened",
    "/projects/1/repository/files/README.md/raw?ref=main",
    "/projects/9999",
    "/projects/1/issues?state=shut",
  ];
  const comparable = (res: Response) => {
    const h: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      if (k !== "x-request-id") h[k] = v;
    });
    return h;
  };
  for (const path of paths) {
    const g = await get(sim, path);
    await g.body?.cancel();
    const h = await sim.fetch(`${BASE}${path}`, { method: "HEAD", headers: admin });
    assert.equal(h.status, g.status, path);
    assert.deepEqual(comparable(h), comparable(g), path);
    assert.equal(h.body, null, path);
  }
  // a path with no GET route is the catch-all 404
  const post = await sim.fetch(`${BASE}/projects/1/fork`, { method: "HEAD", headers: admin });
  assert.equal(post.status, 404);
});

Deno.test("fidelity: the default branch, and a protected one for non-maintainers, cannot be deleted", async () => {
  const sim = createSimulator();
  const bob = { "PRIVATE-TOKEN": SIM_BOB_TOKEN }; // developer in acme/platform
  const project = "/projects/acme%2Fplatform%2Finfra";
  sim.addBranch("acme/platform/infra", "next");
  const moved = await send(sim, "PUT", project, { default_branch: "next" }, admin);
  assert.equal(moved.status, 200);
  await moved.body?.cancel();

  const defaultBranch = await sim.fetch(`${BASE}${project}/repository/branches/next`, {
    method: "DELETE",
    headers: bob,
  });
  assert.equal(defaultBranch.status, 400);
  assert.deepEqual(await defaultBranch.json(), {
    message: "The default branch of a project cannot be deleted.",
  });

  // main stays protected after it stopped being the default branch
  const protectedBranch = await sim.fetch(`${BASE}${project}/repository/branches/main`, {
    method: "DELETE",
    headers: bob,
  });
  assert.equal(protectedBranch.status, 400);
  assert.deepEqual(await protectedBranch.json(), {
    message: "You are not allowed to delete protected branches from this project. " +
      "Only a project maintainer or owner can delete a protected branch.",
  });
  const byOwner = await sim.fetch(`${BASE}${project}/repository/branches/main`, {
    method: "DELETE",
    headers: admin,
  });
  assert.equal(byOwner.status, 204);
  const gone = await get(sim, `${project}/repository/branches/main`);
  assert.deepEqual(await gone.json(), { message: "404 Branch Not Found" });
});

Deno.test("fidelity: a CI job token works only on the routes GitLab takes one on; elsewhere it is not read", async () => {
  const sim = createSimulator();
  const job = { "JOB-TOKEN": SIM_JOB_TOKEN }; // bob: developer in acme/platform only
  const at = (path: string, init: RequestInit = {}) =>
    sim.fetch(`https://gitlab.example.com/api/v4${path}`, {
      ...init,
      headers: { ...job, ...(init.headers ?? {}) },
    });
  const infra = "/projects/acme%2Fplatform%2Finfra";
  for (
    const path of [
      `${infra}/repository/branches`,
      `${infra}/merge_requests`,
      `${infra}/repository/tags`,
      `${infra}/environments`,
      `${infra}/releases`,
      `${infra}/packages`,
    ]
  ) {
    const res = await at(path);
    assert.equal(res.status, 200, path);
    await res.body?.cancel();
  }
  // Not read: GET /user and a private project are what an anonymous caller gets; writes need credentials.
  const user = await at("/user");
  assert.equal(user.status, 401);
  assert.deepEqual(await user.json(), { message: "401 Unauthorized" });
  const project = await at(infra);
  assert.equal(project.status, 404);
  await project.body?.cancel();
  const issue = await at(`${infra}/issues`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: '{"title":"x"}',
  });
  assert.equal(issue.status, 401);
  await issue.body?.cancel();
  // A public project's data stays readable, as for anyone.
  const open = await at("/projects/acme%2Fweb");
  assert.equal(open.status, 200);
  await open.body?.cancel();
});
