import assert from "node:assert/strict";
import {
  createClient,
  getCurrentUser,
  getProject,
  GitLabHTTPError,
  listProjectRepositoryBranches,
  listProjects,
  type Middleware,
  retryPolicy,
  send,
} from "@gitlab-edge/client";
import {
  SIM_ADMIN_TOKEN,
  SIM_BLOCKED_TOKEN,
  SIM_JOB_TOKEN,
  SIM_OAUTH_TOKEN,
  SIM_SEED,
  SIM_USER_TOKEN,
} from "@gitlab-edge/client/testing";
import { BASE, last, setup } from "./helpers.ts";

Deno.test("conformance: createClient() normalizes baseUrl to the /api/v4 root", () => {
  const fetch = () => Promise.resolve(new Response("{}"));
  assert.equal(createClient({ baseUrl: "https://gitlab.example.com", fetch }).baseUrl, `${BASE}/api/v4`);
  assert.equal(createClient({ baseUrl: "https://gitlab.example.com/", fetch }).baseUrl, `${BASE}/api/v4`);
  assert.equal(
    createClient({ baseUrl: "https://gitlab.example.com/api/v4/", fetch }).baseUrl,
    `${BASE}/api/v4`,
  );
  assert.equal(
    createClient({ baseUrl: "https://example.com/gitlab", fetch }).baseUrl,
    "https://example.com/gitlab/api/v4",
  );
  const client = createClient({ baseUrl: "https://gitlab.example.com:8443/", fetch });
  assert.equal(client.origin, "https://gitlab.example.com:8443");
  assert.ok(Object.isFrozen(client));
});

Deno.test("conformance: createClient() rejects bad options by name, without echoing secrets", () => {
  const fetch = () => Promise.resolve(new Response("{}"));
  assert.throws(() => createClient({ baseUrl: "not a url", fetch }), /baseUrl/);
  assert.throws(() => createClient({ baseUrl: "ftp://gitlab.example.com", fetch }), /baseUrl/);
  assert.throws(() => createClient({ baseUrl: "https://u:p@gitlab.example.com", fetch }), /credentials/);
  assert.throws(
    () => createClient({ baseUrl: BASE, token: "a", oauthToken: "b", fetch }),
    /cannot be combined/,
  );
  assert.throws(() => createClient({ baseUrl: BASE, timeout: -1, fetch }), /timeout/);
  assert.throws(() => retryPolicy({ maxAttempts: 0 }), /retryPolicy\(\): option "maxAttempts"/);
  assert.throws(
    () => createClient({ baseUrl: BASE, token: "secret value\n", fetch }),
    (e: unknown) => e instanceof TypeError && !e.message.includes("secret value"),
  );
  // Credentials over plain http: only to loopback unless explicitly allowed.
  assert.throws(() => createClient({ baseUrl: "http://gitlab.example.com", token: "t", fetch }), /http:/);
  assert.equal(createClient({ baseUrl: "http://127.0.0.1:8080", token: "t", fetch }).auth, "token");
  assert.equal(
    createClient({ baseUrl: "http://gitlab.example.com", token: "t", allowInsecureHttp: true, fetch }).auth,
    "token",
  );
});

Deno.test("conformance: a personal access token is sent as PRIVATE-TOKEN", async () => {
  const { sim, client } = setup({ token: SIM_USER_TOKEN });
  assert.equal(client.auth, "token");
  const me = await getCurrentUser(client);
  assert.equal(me.username, "alice");
  const headers = last(sim).headers;
  assert.equal(headers["private-token"], SIM_USER_TOKEN);
  assert.equal(headers["authorization"], undefined);
  assert.equal(headers["job-token"], undefined);
  assert.match(headers["user-agent"], /^gitlab-edge\//);
  assert.equal(headers["accept"], "application/json");
});

Deno.test("conformance: an OAuth token is sent as Authorization: Bearer", async () => {
  const { sim, client } = setup({ oauthToken: SIM_OAUTH_TOKEN });
  assert.equal(client.auth, "oauth");
  assert.equal((await getCurrentUser(client)).username, "alice");
  assert.equal(last(sim).headers["authorization"], `Bearer ${SIM_OAUTH_TOKEN}`);
  assert.equal(last(sim).headers["private-token"], undefined);
});

Deno.test("conformance: a CI job token is sent as JOB-TOKEN", async () => {
  const { sim, client } = setup({ jobToken: SIM_JOB_TOKEN });
  assert.equal(client.auth, "job");
  // bob's job token reads the private acme/platform/infra's branches (a route GitLab takes job tokens on).
  const branches = await listProjectRepositoryBranches(client, "acme/platform/infra").toArray();
  assert.ok(branches.length > 0);
  assert.equal(last(sim).headers["job-token"], SIM_JOB_TOKEN);
  assert.equal(last(sim).headers["private-token"], undefined);
});

Deno.test("conformance: without credentials only public data is visible and /user is 401", async () => {
  const { sim, client } = setup();
  assert.equal(client.auth, "none");
  const projects = await listProjects(client, { order_by: "id", sort: "asc" }).toArray();
  assert.ok(projects.length > 0);
  assert.ok(projects.every((p) => p.visibility === "public"), "anonymous sees public projects only");
  const headers = last(sim).headers;
  for (const h of ["private-token", "authorization", "job-token", "sudo"]) {
    assert.equal(headers[h], undefined, h);
  }
  await assert.rejects(
    getCurrentUser(client),
    (e: unknown) => e instanceof GitLabHTTPError && e.status === 401,
  );
});

Deno.test("conformance: a rejected or blocked token surfaces as 401/403 GitLabHTTPError", async () => {
  const bad = setup({ token: "glpat-not-a-real-token" }).client;
  await assert.rejects(getCurrentUser(bad), (e: unknown) => e instanceof GitLabHTTPError && e.status === 401);
  const blocked = setup({ token: SIM_BLOCKED_TOKEN }).client;
  await assert.rejects(
    getCurrentUser(blocked),
    (e: unknown) => e instanceof GitLabHTTPError && e.status === 403 && /blocked/.test(e.message),
  );
});

Deno.test("conformance: sudo on the client acts as another user; a per-call sudo overrides it", async () => {
  const { sim, client } = setup({ token: SIM_ADMIN_TOKEN, sudo: "alice" });
  assert.equal((await getCurrentUser(client)).username, "alice");
  assert.equal(last(sim).headers["sudo"], "alice");
  assert.equal((await getCurrentUser(client, { sudo: SIM_SEED.users.bob.id })).username, "bob");
  assert.equal(last(sim).headers["sudo"], String(SIM_SEED.users.bob.id));
  const admin = setup({ token: SIM_ADMIN_TOKEN }).client;
  assert.equal((await getCurrentUser(admin)).username, "root");
});

Deno.test("conformance: sudo without an admin token is refused by GitLab with 403", async () => {
  const { client } = setup({ token: SIM_USER_TOKEN });
  await assert.rejects(
    getCurrentUser(client, { sudo: "bob" }),
    (e: unknown) => e instanceof GitLabHTTPError && e.status === 403 && /sudo/i.test(e.message),
  );
  assert.throws(() => getCurrentUser(client, { sudo: -1 }), TypeError);
});

Deno.test("conformance: middleware runs in array order, before the built-in auth", async () => {
  const order: string[] = [];
  const seenToken: (string | null)[] = [];
  const tag = (name: string): Middleware => async (request, next) => {
    order.push(`${name}>`);
    seenToken.push(request.headers.get("private-token"));
    const response = await next(request);
    order.push(`<${name}`);
    return response;
  };
  const { sim, client } = setup({ token: SIM_USER_TOKEN, middleware: [tag("a"), tag("b")] });
  await getProject(client, "acme/web");
  assert.deepEqual(order, ["a>", "b>", "<b", "<a"]);
  assert.deepEqual(seenToken, [null, null], "user middleware sees the request before credentials are added");
  assert.equal(last(sim).headers["private-token"], SIM_USER_TOKEN);
});

Deno.test("conformance: middleware can add headers, replace responses and answer by itself", async () => {
  const addHeader: Middleware = (request, next) => {
    request.headers.set("x-trace-id", "trace-1");
    return next(request);
  };
  const cache = new Map<string, Response>();
  const cached: Middleware = async (request, next) => {
    const hit = cache.get(request.url);
    if (hit) return hit.clone();
    const response = await next(request);
    cache.set(request.url, response.clone());
    return response;
  };
  const { sim, client } = setup({ middleware: [addHeader, cached] });
  const a = await getProject(client, "acme/web");
  const b = await getProject(client, "acme/web");
  assert.deepEqual(a, b);
  assert.equal(sim.requests.length, 1, "the second call was answered by the middleware");
  assert.equal(sim.requests[0].headers["x-trace-id"], "trace-1");
});

Deno.test("conformance: a middleware calling next() twice is an error", async () => {
  const twice: Middleware = async (request, next) => {
    await next(request);
    return next(request);
  };
  const { client } = setup({ middleware: [twice] });
  await assert.rejects(getProject(client, "acme/web"), /called next\(\) twice/);
});

Deno.test("conformance: extra headers and userAgent go to GitLab; per-call headers too", async () => {
  const { sim, client } = setup({ headers: { "x-tenant": "acme" }, userAgent: "my-app/1.0" });
  await getProject(client, "acme/web", { headers: { "x-call": "1" } });
  const headers = last(sim).headers;
  assert.equal(headers["x-tenant"], "acme");
  assert.equal(headers["user-agent"], "my-app/1.0");
  assert.equal(headers["x-call"], "1");
});

Deno.test("conformance: credentials are never sent to another origin", async () => {
  const sent: Request[] = [];
  const client = createClient({
    baseUrl: BASE,
    token: SIM_USER_TOKEN,
    fetch: (request) => {
      sent.push(request);
      return Promise.resolve(new Response("{}"));
    },
  });
  await send(client, new Request("https://elsewhere.example/api/v4/user", { headers: { sudo: "x" } }));
  await send(client, new Request(`${BASE}/api/v4/user`));
  assert.equal(sent[0].headers.get("private-token"), null);
  assert.equal(sent[0].headers.get("sudo"), null);
  assert.equal(sent[1].headers.get("private-token"), SIM_USER_TOKEN);
});
