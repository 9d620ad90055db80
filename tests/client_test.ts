import assert from "node:assert/strict";
import {
  type ClientOptions,
  createClient,
  DEFAULT_RETRY,
  getProject,
  httpGet,
  type Middleware,
  retryPolicy,
  send,
} from "@gitlab-edge/client";
import { assertError, json, recorder, thrown } from "./_helpers.ts";

const TOKEN = "glpat-Zq9-SECRET-client-test-7731";

Deno.test("createClient() returns a frozen client and sends nothing while constructing", () => {
  const rec = recorder();
  const mw: Middleware = (r, next) => next(r);
  const client = createClient({
    baseUrl: "https://gitlab.example.com",
    token: TOKEN,
    fetch: rec.fetch,
    middleware: [mw],
  });
  assert.equal(rec.requests.length, 0);
  assert.ok(Object.isFrozen(client));
  assert.ok(Object.isFrozen(client.middleware));
  assert.ok(Object.isFrozen(client.builtIn));
  assert.throws(() => {
    (client as { baseUrl: string }).baseUrl = "https://evil.example";
  }, TypeError);
  assert.equal(client.baseUrl, "https://gitlab.example.com/api/v4");
  assert.equal(client.origin, "https://gitlab.example.com");
  assert.equal(client.auth, "token");
  assert.equal(client.timeout, 60_000);
  assert.deepEqual(client.middleware, [mw]);
});

Deno.test("createClient() keeps the credential out of the client value", () => {
  const client = createClient({
    baseUrl: "https://gitlab.example.com",
    token: TOKEN,
    fetch: recorder().fetch,
  });
  assert.ok(!JSON.stringify(client).includes(TOKEN));
  for (const value of Object.values(client)) assert.ok(!String(value).includes(TOKEN));
});

Deno.test("createClient() reports the credential kind", () => {
  const base = { baseUrl: "https://gitlab.example.com", fetch: recorder().fetch };
  assert.equal(createClient(base).auth, "none");
  assert.equal(createClient({ ...base, token: "a" }).auth, "token");
  assert.equal(createClient({ ...base, oauthToken: "a" }).auth, "oauth");
  assert.equal(createClient({ ...base, jobToken: "a" }).auth, "job");
});

Deno.test("createClient() normalises baseUrl to end in /api/v4", async () => {
  const cases: [string, string][] = [
    ["https://h.example", "https://h.example/api/v4"],
    ["https://h.example/", "https://h.example/api/v4"],
    ["https://h.example/api/v4", "https://h.example/api/v4"],
    ["https://h.example/api/v4/", "https://h.example/api/v4"],
    ["https://h.example/gitlab", "https://h.example/gitlab/api/v4"],
    ["https://h.example/gitlab/", "https://h.example/gitlab/api/v4"],
    ["https://h.example:8443/gitlab/api/v4", "https://h.example:8443/gitlab/api/v4"],
  ];
  for (const [input, expected] of cases) {
    const rec = recorder([json({ id: 1 })]);
    const client = createClient({ baseUrl: input, fetch: rec.fetch });
    assert.equal(client.baseUrl, expected, input);
    await getProject(client, 1);
    assert.equal(rec.requests[0].url, expected + "/projects/1", input);
  }
});

Deno.test("createClient() origin excludes the relative root", () => {
  const client = createClient({ baseUrl: "https://h.example:8443/gitlab", fetch: recorder().fetch });
  assert.equal(client.origin, "https://h.example:8443");
});

function invalid(options: unknown, type: typeof TypeError | typeof RangeError, option: string): Error {
  const e = thrown(() => createClient(options as ClientOptions));
  assertError(e, type, "createClient()", `"${option}"`);
  return e as Error;
}

Deno.test("createClient() refuses a missing or malformed baseUrl, naming it", () => {
  invalid(undefined, TypeError, "options");
  invalid({}, TypeError, "baseUrl");
  invalid({ baseUrl: 42 }, TypeError, "baseUrl");
  invalid({ baseUrl: "gitlab.example.com" }, TypeError, "baseUrl");
  invalid({ baseUrl: "not a url" }, TypeError, "baseUrl");
  invalid({ baseUrl: "ftp://gitlab.example.com" }, TypeError, "baseUrl");
  invalid({ baseUrl: "file:///etc/passwd" }, TypeError, "baseUrl");
  invalid({ baseUrl: "https://gitlab.example.com/?a=1" }, TypeError, "baseUrl");
  invalid({ baseUrl: "https://gitlab.example.com/#x" }, TypeError, "baseUrl");
});

Deno.test("createClient() refuses credentials in baseUrl without echoing them", () => {
  const e = invalid({ baseUrl: `https://root:${TOKEN}@gitlab.example.com` }, TypeError, "baseUrl");
  assert.ok(!e.message.includes(TOKEN));
  invalid({ baseUrl: "https://root@gitlab.example.com" }, TypeError, "baseUrl");
});

Deno.test("createClient() refuses two credentials at once", () => {
  const base = { baseUrl: "https://gitlab.example.com" };
  invalid({ ...base, token: "a", oauthToken: "b" }, TypeError, "oauthToken");
  invalid({ ...base, token: "a", jobToken: "b" }, TypeError, "jobToken");
  invalid({ ...base, oauthToken: "a", jobToken: "b" }, TypeError, "jobToken");
});

Deno.test("createClient() refuses a malformed token without showing its value", () => {
  const base = { baseUrl: "https://gitlab.example.com" };
  for (const option of ["token", "oauthToken", "jobToken"]) {
    for (const bad of [`${TOKEN} `, `${TOKEN}\n`, `x\r\n${TOKEN}`, `${TOKEN}\tx`, `é${TOKEN}`]) {
      const e = invalid({ ...base, [option]: bad }, TypeError, option);
      assert.ok(!e.message.includes(TOKEN), e.message);
    }
    invalid({ ...base, [option]: "" }, TypeError, option);
    invalid({ ...base, [option]: 42 }, TypeError, option);
  }
});

Deno.test("createClient() refuses a token over plain http to a non-loopback host unless allowInsecureHttp", () => {
  for (const option of ["token", "oauthToken", "jobToken"]) {
    invalid({ baseUrl: "http://gitlab.example.com", [option]: "t" }, TypeError, "baseUrl");
    const client = createClient({
      baseUrl: "http://gitlab.example.com",
      [option]: "t",
      allowInsecureHttp: true,
    });
    assert.equal(client.baseUrl, "http://gitlab.example.com/api/v4");
  }
  invalid({ baseUrl: "http://10.0.0.1", token: "t", allowInsecureHttp: "yes" }, TypeError, "baseUrl");
  // Without credentials there is nothing to protect.
  assert.equal(createClient({ baseUrl: "http://gitlab.example.com" }).auth, "none");
});

Deno.test("createClient() allows a token over http to loopback hosts", () => {
  for (
    const host of [
      "127.0.0.1",
      "127.1.2.3:8080",
      "localhost",
      "localhost:3000",
      "gitlab.localhost",
      "[::1]:8080",
    ]
  ) {
    const client = createClient({ baseUrl: `http://${host}`, token: "t" });
    assert.equal(client.baseUrl, `http://${host}/api/v4`);
  }
});

Deno.test("createClient() refuses an invalid sudo", () => {
  const base = { baseUrl: "https://gitlab.example.com" };
  for (const sudo of ["", "a b", "x\ny", 0, -1, 1.5, NaN, true, {}]) {
    invalid({ ...base, sudo }, TypeError, "sudo");
  }
  createClient({ ...base, sudo: "alice" });
  createClient({ ...base, sudo: 7 });
});

Deno.test("createClient() refuses an invalid timeout", () => {
  const base = { baseUrl: "https://gitlab.example.com" };
  for (const timeout of [-1, NaN, Infinity, "100"]) invalid({ ...base, timeout }, TypeError, "timeout");
  assert.equal(createClient({ ...base, timeout: 0 }).timeout, 0);
  assert.equal(createClient({ ...base, timeout: 1500 }).timeout, 1500);
});

Deno.test("retryPolicy() refuses invalid fields, naming the field; createClient() takes only its policies", () => {
  const base = { baseUrl: "https://gitlab.example.com" };
  invalid({ ...base, retry: "yes" }, TypeError, "retry");
  invalid({ ...base, retry: true }, TypeError, "retry");
  // A plain object is not a checked policy: refused, with the way to make one.
  const plain = invalid({ ...base, retry: { maxAttempts: 2 } }, TypeError, "retry");
  assert.equal(
    plain.message,
    'createClient(): option "retry" must be a policy from retryPolicy({ … }), or false',
  );
  const policy = (changes: unknown, type: typeof TypeError | typeof RangeError, field: string) => {
    const e = thrown(() => retryPolicy(changes as Parameters<typeof retryPolicy>[0]));
    assertError(e, type, "retryPolicy()", `"${field}"`);
  };
  policy(null, TypeError, "changes");
  policy({ maxAttempts: 0 }, TypeError, "maxAttempts");
  policy({ maxAttempts: 2.5 }, TypeError, "maxAttempts");
  policy({ maxAttempts: NaN }, TypeError, "maxAttempts");
  policy({ baseDelay: -1 }, TypeError, "baseDelay");
  policy({ maxDelay: Infinity }, TypeError, "maxDelay");
  policy({ maxElapsed: "1" }, TypeError, "maxElapsed");
  policy({ sleep: 5 }, TypeError, "sleep");
  policy({ now: null }, TypeError, "now");
  policy({ random: "x" }, TypeError, "random");
  policy({ statuses: "503" }, TypeError, "statuses");
  policy({ statuses: [503, "x"] }, TypeError, "statuses");
  policy({ idempotentMethods: "GET" }, TypeError, "idempotentMethods");
  policy({ idempotentMethods: [1] }, TypeError, "idempotentMethods");
  const six = retryPolicy({ maxAttempts: 6 });
  assert.ok(Object.isFrozen(six));
  assert.equal(six.maxAttempts, 6);
  assert.equal(six.baseDelay, DEFAULT_RETRY.baseDelay);
  assert.equal(createClient({ ...base, retry: false }).builtIn.length, 2);
  assert.equal(createClient({ ...base, retry: retryPolicy({ maxAttempts: 1 }) }).builtIn.length, 2);
  assert.equal(createClient({ ...base, retry: six }).builtIn.length, 3);
  assert.equal(createClient({ ...base, retry: DEFAULT_RETRY }).builtIn.length, 3);
  assert.equal(createClient({ ...base }).builtIn.length, 3);
});

Deno.test("createClient() refuses middleware that is not an array of functions", () => {
  const base = { baseUrl: "https://gitlab.example.com" };
  invalid(
    { ...base, middleware: (_r: Request, n: (r: Request) => Promise<Response>) => n(_r) },
    TypeError,
    "middleware",
  );
  invalid({ ...base, middleware: [1] }, TypeError, "middleware");
  invalid({ ...base, middleware: [() => {}, null] }, TypeError, "middleware");
  invalid({ ...base, middleware: "x" }, TypeError, "middleware");
});

Deno.test("createClient() refuses invalid headers, userAgent and fetch", () => {
  const base = { baseUrl: "https://gitlab.example.com" };
  invalid({ ...base, headers: "x" }, TypeError, "headers");
  invalid({ ...base, headers: null }, TypeError, "headers");
  invalid({ ...base, headers: { "bad name": "x" } }, TypeError, "headers");
  invalid({ ...base, headers: { "x-a": "a\r\nInjected: 1" } }, TypeError, "headers");
  invalid({ ...base, headers: { "x-a": 1 } }, TypeError, "headers");
  invalid({ ...base, userAgent: "a\nb" }, TypeError, "userAgent");
  invalid({ ...base, userAgent: 5 }, TypeError, "userAgent");
  invalid({ ...base, fetch: "fetch" }, TypeError, "fetch");
});

Deno.test("send() turns a rejected fetch into GitLabNetworkError and rethrows an abort's reason", async () => {
  const boom = new TypeError("connection refused");
  const client = createClient({
    baseUrl: "https://gitlab.example.com",
    retry: false,
    fetch: () => Promise.reject(boom),
  });
  const e = await send(client, new Request(client.baseUrl + "/version")).catch((e) => e);
  assert.equal(e.name, "GitLabNetworkError");
  assert.equal(e.cause, boom);
  assert.equal(e.method, "GET");

  const reason = new Error("stop");
  const controller = new AbortController();
  const hanging = createClient({
    baseUrl: "https://gitlab.example.com",
    fetch: (r) =>
      new Promise((_, reject) => r.signal.addEventListener("abort", () => reject(new Error("aborted")))),
  });
  const pending = httpGet(hanging, "/version", { signal: controller.signal });
  controller.abort(reason);
  assert.equal(await pending.catch((e) => e), reason);
});

Deno.test("createClient() uses the global fetch when none is given", async () => {
  const original = globalThis.fetch;
  const rec = recorder([json({ version: "17.0.0" })]);
  globalThis.fetch =
    ((input: RequestInfo | URL, init?: RequestInit) => rec.fetch(new Request(input, init))) as typeof fetch;
  try {
    const client = createClient({ baseUrl: "https://gitlab.example.com" });
    assert.deepEqual(await httpGet(client, "/version"), { version: "17.0.0" });
    assert.equal(rec.requests.length, 1);
  } finally {
    globalThis.fetch = original;
  }
});

Deno.test("createClient() refuses credential headers over plain http to a non-loopback host too", () => {
  for (const name of ["Authorization", "PRIVATE-TOKEN", "job-token"]) {
    assert.throws(
      () => createClient({ baseUrl: "http://gitlab.example.com", headers: { [name]: "secret-value-7q" } }),
      (e: unknown) =>
        e instanceof TypeError && /baseUrl/.test(e.message) && !e.message.includes("secret-value-7q"),
    );
  }
  assert.equal(
    createClient({ baseUrl: "http://gitlab.example.com", headers: { "X-Trace": "1" } }).auth,
    "none",
    "harmless headers are fine over http",
  );
  createClient({ baseUrl: "http://127.0.0.1:8080", headers: { Authorization: "Bearer x" } });
});

Deno.test("client: without a fetch of its own, the global fetch is looked up per request", async () => {
  const original = globalThis.fetch;
  const client = createClient({ baseUrl: "https://gitlab.example.com" });
  const seen: string[] = [];
  globalThis.fetch = ((input: Request) => {
    seen.push(input.url);
    return Promise.resolve(Response.json({ id: 7, path_with_namespace: "mock/later" }));
  }) as typeof fetch;
  try {
    const project = await getProject(client, "mock/later");
    assert.equal(project.id, 7);
    assert.deepEqual(seen, ["https://gitlab.example.com/api/v4/projects/mock%2Flater"]);
  } finally {
    globalThis.fetch = original;
  }
});
