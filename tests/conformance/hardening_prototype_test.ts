/**
 * Prototype pollution, both ways: a polluted `Object.prototype` changes nothing the client sends (options
 * and parameters are read from own properties only), and the simulator's parameter decoder cannot be
 * made to pollute a prototype by a query string or a body.
 */
import assert from "node:assert/strict";
import {
  type ClientOptions,
  createClient,
  createProject,
  getProject,
  httpGet,
  httpPost,
  listProjectIssues,
  type Middleware,
  retryPolicy,
  send,
} from "@gitlab-edge/client";
import { createSimulator, decodeParams, readBodyParams, SIM_USER_TOKEN } from "@gitlab-edge/client/testing";
import { json, recorder } from "../_helpers.ts";

const BASE = "https://gitlab.example.com";

/** Runs `body` with `props` set (enumerable, as a plain assignment does) on `Object.prototype`. */
async function withPolluted(props: Record<string, unknown>, body: () => unknown): Promise<void> {
  const proto = Object.prototype as Record<string, unknown>;
  try {
    for (const [key, value] of Object.entries(props)) proto[key] = value;
    await body();
  } finally {
    for (const key of Object.keys(props)) delete proto[key];
  }
}

Deno.test("a polluted Object.prototype adds no parameter, header or option to a call", async () => {
  const rec = recorder((r) =>
    json(r.method === "POST" ? { id: 1 } : r.url.includes("/issues") ? [] : { id: 1 })
  );
  const client = createClient({ baseUrl: BASE, token: "glpat-own", fetch: rec.fetch, retry: false });
  await withPolluted({
    sudo: "root",
    private_token: "polluted-token",
    per_page: 5,
    scope: "all",
    timeout: 1,
    maxPages: 0,
  }, async () => {
    await getProject(client, 1);
    await listProjectIssues(client, 1, { state: "opened" }).toArray();
    await createProject(client, { name: "demo" });
    await send(client, new Request(`${BASE}/api/v4/version`), {});
  });
  assert.equal(rec.requests.length, 4, "maxPages: 0 from the prototype would have stopped the list");
  const [get, list, create, version] = rec.requests;
  assert.equal(get.url, `${BASE}/api/v4/projects/1`);
  assert.equal(list.url, `${BASE}/api/v4/projects/1/issues?state=opened`);
  assert.equal(create.url, `${BASE}/api/v4/projects`);
  assert.equal(create.body, '{"name":"demo"}');
  assert.equal(version.url, `${BASE}/api/v4/version`);
  for (const r of rec.requests) {
    assert.equal(r.headers.sudo, undefined, r.url);
    assert.equal(r.headers["private-token"], "glpat-own", r.url);
    assert.equal(r.signal.aborted, false, "a 1 ms timeout from the prototype would have fired");
  }
});

Deno.test("a polluted Object.prototype changes no createClient() option", async () => {
  const rec = recorder();
  const seenByPolluted: string[] = [];
  const pollutedMiddleware: Middleware = (r, next) => {
    seenByPolluted.push(r.url);
    return next(r);
  };
  const cases: Record<string, unknown>[] = [
    { token: "glpat-polluted" },
    { oauthToken: "oauth-polluted" },
    { jobToken: "job-polluted" },
    { sudo: "root" },
    { userAgent: "polluted-agent" },
    { headers: { "x-polluted": "1" } },
    { middleware: [pollutedMiddleware] },
    { timeout: 7 },
    { retry: retryPolicy({ maxAttempts: 1 }) },
  ];
  for (const props of cases) {
    await withPolluted(props, async () => {
      const options: ClientOptions = { baseUrl: BASE, fetch: rec.fetch };
      const client = createClient(options);
      assert.equal(client.auth, "none", JSON.stringify(props));
      assert.equal(client.timeout, 60_000);
      assert.equal(client.middleware.length, 0);
      assert.equal(client.builtIn.length, 3, "retry stays on");
      await getProject(client, 1);
    });
  }
  assert.equal(seenByPolluted.length, 0);
  for (const r of rec.requests) {
    for (const name of ["private-token", "authorization", "job-token", "sudo", "x-polluted"]) {
      assert.equal(r.headers[name], undefined, name);
    }
    assert.match(r.headers["user-agent"], /^gitlab-edge/);
  }
  // Over plain http a polluted allowInsecureHttp does not let a token through.
  await withPolluted({ allowInsecureHttp: true }, () => {
    assert.throws(
      () => createClient({ baseUrl: "http://gitlab.example.com", token: "glpat-own" }),
      (e: unknown) => e instanceof TypeError && /baseUrl/.test(e.message),
    );
  });
  // Nor does a polluted fetch receive anything: the global fetch is used.
  const original = globalThis.fetch;
  const global = recorder([json({ id: 1 })]);
  const polluted = recorder();
  globalThis.fetch =
    ((input: RequestInfo | URL, init?: RequestInit) =>
      global.fetch(new Request(input, init))) as typeof fetch;
  try {
    await withPolluted({ fetch: polluted.fetch }, async () => {
      await getProject(createClient({ baseUrl: BASE }), 1);
    });
  } finally {
    globalThis.fetch = original;
  }
  assert.equal(polluted.requests.length, 0);
  assert.equal(global.requests.length, 1);
});

/** Properties the tests below try to plant on `Object.prototype`. */
const PLANTED = ["polluted", "polluted2", "polluted3", "polluted4", "polluted5", "visibility", "admin"];

function assertUnpolluted(): void {
  const probe: Record<string, unknown> = {};
  for (const key of PLANTED) {
    const found = probe[key];
    delete (Object.prototype as Record<string, unknown>)[key]; // clean up for the next tests
    assert.equal(found, undefined, `Object.prototype.${key} was planted`);
  }
}

Deno.test("the simulator's query decoder cannot pollute Object.prototype", async () => {
  const sim = createSimulator();
  const headers = { "PRIVATE-TOKEN": SIM_USER_TOKEN };
  const queries = [
    "__proto__[polluted]=1",
    "__proto__[][polluted2]=1",
    "a[__proto__][polluted3]=1",
    "constructor[prototype][polluted4]=1",
    "a[constructor][prototype][polluted5]=1",
    "variables[][__proto__][polluted]=1",
  ];
  try {
    for (const query of queries) {
      const response = await sim.fetch(`${BASE}/api/v4/projects?${query}`, { headers });
      await response.body?.cancel();
      assertUnpolluted();
      const direct = decodeParams(new URLSearchParams(query));
      assertUnpolluted();
      assert.equal(Object.getPrototypeOf(direct), Object.prototype, query);
    }
  } finally {
    assertUnpolluted();
  }
});

Deno.test("the simulator's body decoder ignores __proto__ keys (JSON, form and multipart)", async () => {
  const sim = createSimulator();
  const headers = { "PRIVATE-TOKEN": SIM_USER_TOKEN };
  try {
    // JSON: `__proto__` would otherwise become the prototype of the merged parameters.
    const created = await sim.fetch(`${BASE}/api/v4/projects`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: '{"name":"proto-json","__proto__":{"visibility":"public","admin":true}}',
    });
    assert.equal(created.status, 201);
    assert.equal((await created.json()).visibility, "private");
    assertUnpolluted();
    const form = await sim.fetch(`${BASE}/api/v4/projects`, {
      method: "POST",
      headers,
      body: new URLSearchParams("name=proto-form&__proto__[visibility]=public&__proto__[polluted]=1"),
    });
    assert.equal(form.status, 201);
    assert.equal((await form.json()).visibility, "private");
    assertUnpolluted();
    const multipart = new FormData();
    multipart.append("name", "proto-multipart");
    multipart.append("__proto__[visibility]", "public");
    multipart.append("a[__proto__][polluted]", "1");
    const upload = await sim.fetch(`${BASE}/api/v4/projects`, { method: "POST", headers, body: multipart });
    assert.equal(upload.status, 201);
    assert.equal((await upload.json()).visibility, "private");
    assertUnpolluted();
    const parsed = await readBodyParams(
      new Request(`${BASE}/x`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"a":{"__proto__":{"polluted":1}},"__proto__":{"polluted2":1}}',
      }),
    );
    assert.equal(Object.getPrototypeOf(parsed), Object.prototype);
    assert.equal(Object.getPrototypeOf(parsed.a), Object.prototype);
    assert.equal((parsed as Record<string, unknown>).polluted2, undefined);
  } finally {
    assertUnpolluted();
  }
});

Deno.test("a polluted Object.prototype changes no request the library builds (method, headers, body, signal)", async () => {
  const rec = recorder(() => json({ id: 1 }));
  const logger: Middleware = (request, next) => next(request);
  // Middleware of one's own makes the auth step copy the request; a retry policy makes it copy the body.
  const client = createClient({ baseUrl: BASE, token: "glpat-own", fetch: rec.fetch, middleware: [logger] });
  // Node's fetch (undici) reads an inherited `body` off its own internal copy of any init, so there a
  // polluted `body` breaks every GET inside the runtime, whatever the library passes: probed, and left
  // out where the runtime itself cannot help it.
  // Built before the pollution: a Request made under it is the runtime's business, not the library's.
  const handedIn = new Request(`${BASE}/api/v4/version`);
  const runtimeReadsInheritedBody = (() => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.body = "probe";
    try {
      new Request(BASE, Object.create(null));
      return false;
    } catch {
      return true;
    } finally {
      delete proto.body;
    }
  })();
  await withPolluted({
    method: "DELETE",
    headers: { "x-polluted": "1" },
    ...(runtimeReadsInheritedBody ? {} : { body: "polluted" }),
    redirect: "follow",
    query: { injected: 1 },
  }, async () => {
    await getProject(client, 1);
    await httpGet(client, "/version");
    await httpPost(client, "/markdown", { body: { text: "*hi*" } });
    await send(client, handedIn, {});
  });
  assert.deepEqual(rec.requests.map((r) => `${r.method} ${r.url}`), [
    `GET ${BASE}/api/v4/projects/1`,
    `GET ${BASE}/api/v4/version`,
    `POST ${BASE}/api/v4/markdown`,
    `GET ${BASE}/api/v4/version`,
  ]);
  for (const r of rec.requests) {
    assert.equal(r.headers["x-polluted"], undefined, r.url);
    assert.equal(r.headers["private-token"], "glpat-own", r.url);
    assert.notEqual(r.body, "polluted", r.url);
  }
  assert.equal(rec.requests[2].body, '{"text":"*hi*"}');
});
