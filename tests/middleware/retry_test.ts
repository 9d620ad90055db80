import assert from "node:assert/strict";
import {
  compose,
  createClient,
  DEFAULT_RETRY,
  GitLabHTTPError,
  GitLabNetworkError,
  httpDelete,
  httpGet,
  httpPatch,
  httpPost,
  httpPut,
  retry,
  type RetryPolicy,
  retryPolicy,
} from "@gitlab-edge/client";
import { type Answer, fakeTime, json, recorder, rejection, status } from "../_helpers.ts";

const BASE = "https://gitlab.example.com";

function setup(answers: Answer[], policy: Partial<RetryPolicy> = {}, random = 0.5) {
  const time = fakeTime(1_700_000_000_000, random);
  const rec = recorder(answers);
  const client = createClient({
    baseUrl: BASE,
    token: "glpat-retry",
    fetch: rec.fetch,
    retry: retryPolicy({ sleep: time.sleep, now: time.now, random: time.random, ...policy }),
  });
  return { client, rec, time };
}

const CALLS = {
  GET: (c: ReturnType<typeof createClient>) => httpGet(c, "/x"),
  PUT: (c: ReturnType<typeof createClient>) => httpPut(c, "/x", { body: { a: 1 } }),
  DELETE: (c: ReturnType<typeof createClient>) => httpDelete(c, "/x"),
  POST: (c: ReturnType<typeof createClient>) => httpPost(c, "/x", { body: { a: 1 } }),
  PATCH: (c: ReturnType<typeof createClient>) => httpPatch(c, "/x", { body: { a: 1 } }),
};

Deno.test("retry: 429 is retried for POST and for GET", async () => {
  for (const method of ["POST", "GET", "PATCH"] as const) {
    const { client, rec } = setup([status(429, { "retry-after": "1" }), json({ ok: method })]);
    assert.deepEqual(await CALLS[method](client), { ok: method });
    assert.equal(rec.requests.length, 2, method);
    assert.ok(rec.requests.every((r) => r.method === method));
  }
});

Deno.test("retry: 500, 502, 503 and 504 are retried for GET, PUT and DELETE", async () => {
  for (const method of ["GET", "PUT", "DELETE"] as const) {
    for (const code of [500, 502, 503, 504]) {
      const { client, rec } = setup([status(code), json({ ok: true })]);
      assert.deepEqual(await CALLS[method](client), { ok: true });
      assert.equal(rec.requests.length, 2, `${method} ${code}`);
    }
  }
});

Deno.test("retry: 5xx is not retried for POST or PATCH (exactly one request)", async () => {
  for (const method of ["POST", "PATCH"] as const) {
    for (const code of [500, 502, 503, 504]) {
      const { client, rec } = setup([status(code), json({ ok: true })]);
      const e = await rejection(CALLS[method](client));
      assert.ok(e instanceof GitLabHTTPError);
      assert.equal(e.status, code);
      assert.equal(e.attempts, 1);
      assert.equal(rec.requests.length, 1, `${method} ${code}`);
    }
  }
});

Deno.test("retry: other statuses (400, 401, 404, 501) are not retried", async () => {
  for (const code of [400, 401, 403, 404, 409, 422, 501]) {
    const { client, rec } = setup([status(code), json({})]);
    assert.equal(((await rejection(httpGet(client, "/x"))) as GitLabHTTPError).status, code);
    assert.equal(rec.requests.length, 1, String(code));
  }
});

Deno.test("retry: a network error is retried for GET and not for POST", async () => {
  const get = setup([new TypeError("connection reset"), json({ ok: true })]);
  assert.deepEqual(await httpGet(get.client, "/x"), { ok: true });
  assert.equal(get.rec.requests.length, 2);

  const post = setup([new TypeError("connection reset"), json({ ok: true })]);
  const e = await rejection(httpPost(post.client, "/x", { body: { a: 1 } }));
  assert.ok(e instanceof GitLabNetworkError);
  assert.equal(e.attempts, 1);
  assert.equal(post.rec.requests.length, 1);
});

Deno.test("retry: Retry-After in seconds is waited for exactly", async () => {
  const { client, time } = setup([status(429, { "retry-after": "7" }), json({})]);
  await httpGet(client, "/x");
  assert.deepEqual(time.waits, [7000]);
});

Deno.test("retry: a malformed Retry-After (-1, 1.5, a word) falls back to backoff instead of no wait", async () => {
  for (const value of ["-1", "1.5", "2.0", "soon", "2"]) {
    const { client, time } = setup([status(429, { "retry-after": value }), json({})], { baseDelay: 1000 });
    await httpGet(client, "/x");
    // "2" is whole seconds; the others are not a delay GitLab could mean, so backoff applies (random 0.5).
    assert.deepEqual(time.waits, [value === "2" ? 2000 : 500], `Retry-After: ${value}`);
  }
});

Deno.test("retry: Retry-After as an HTTP date is waited for until that date", async () => {
  const now = Date.parse("Wed, 21 Oct 2015 07:28:00 GMT");
  const rec = recorder([status(503, { "retry-after": "Wed, 21 Oct 2015 07:28:03 GMT" }), json({})]);
  const waits: number[] = [];
  const client = createClient({
    baseUrl: BASE,
    fetch: rec.fetch,
    retry: retryPolicy({ now: () => now, sleep: (ms) => (waits.push(ms), Promise.resolve()) }),
  });
  await httpGet(client, "/x");
  assert.deepEqual(waits, [3000]);
});

Deno.test("retry: RateLimit-Reset as an epoch and as a delta", async () => {
  const epoch = setup([status(429, { "ratelimit-reset": String(1_700_000_000 + 5) }), json({})]);
  await httpGet(epoch.client, "/x");
  assert.deepEqual(epoch.time.waits, [5000]);
  const delta = setup([status(429, { "ratelimit-reset": "3" }), json({})]);
  await httpGet(delta.client, "/x");
  assert.deepEqual(delta.time.waits, [3000]);
  const both = setup([status(429, { "retry-after": "2", "ratelimit-reset": "9" }), json({})]);
  await httpGet(both.client, "/x");
  assert.deepEqual(both.time.waits, [2000], "Retry-After wins over RateLimit-Reset");
});

Deno.test("retry: backoff uses full jitter below baseDelay * 2^n, capped by maxDelay", async () => {
  const failing = () => [status(503), status(503), status(503), status(503), json({})];
  const high = setup(failing(), { maxAttempts: 5, baseDelay: 100, maxDelay: 10_000 }, 0.999999);
  await httpGet(high.client, "/x");
  assert.deepEqual(high.time.waits, [99, 199, 399, 799]);
  const low = setup(failing(), { maxAttempts: 5, baseDelay: 100 }, 0);
  await httpGet(low.client, "/x");
  assert.deepEqual(low.time.waits, [0, 0, 0, 0]);
  const capped = setup(failing(), { maxAttempts: 5, baseDelay: 100, maxDelay: 250 }, 0.999999);
  await httpGet(capped.client, "/x");
  assert.deepEqual(capped.time.waits, [99, 199, 249, 249]);
  const half = setup(failing(), { maxAttempts: 5, baseDelay: 100 }, 0.5);
  await httpGet(half.client, "/x");
  assert.deepEqual(half.time.waits, [50, 100, 200, 400]);
});

Deno.test("retry: maxAttempts is the exact number of attempts; the error says how many", async () => {
  for (const maxAttempts of [1, 2, 3, 6]) {
    const { client, rec } = setup(Array.from({ length: 10 }, () => status(503, {}, '{"message":"down"}')), {
      maxAttempts,
    });
    const e = await rejection(httpGet(client, "/x"));
    assert.ok(e instanceof GitLabHTTPError);
    assert.equal(e.status, 503);
    assert.equal(e.attempts, maxAttempts);
    assert.equal(rec.requests.length, maxAttempts);
  }
});

Deno.test("retry: a network error after the last attempt carries the attempt count", async () => {
  const { client, rec } = setup(Array.from({ length: 5 }, () => new TypeError("ECONNRESET")), {
    maxAttempts: 3,
  });
  const e = await rejection(httpGet(client, "/x"));
  assert.ok(e instanceof GitLabNetworkError);
  assert.equal(e.attempts, 3);
  assert.equal(rec.requests.length, 3);
});

Deno.test("retry: a Retry-After beyond maxDelay is not waited for; the error carries retryAfter", async () => {
  const { client, rec, time } = setup([status(429, { "retry-after": "3600" }), json({})], {
    maxDelay: 20_000,
  });
  const e = await rejection(httpGet(client, "/x"));
  assert.ok(e instanceof GitLabHTTPError);
  assert.equal(e.status, 429);
  assert.equal(e.retryAfter, 3600);
  assert.equal(rec.requests.length, 1);
  assert.deepEqual(time.waits, []);
});

Deno.test("retry: no wait starts that would end after maxElapsed", async () => {
  const answers = Array.from({ length: 10 }, () => status(503, { "retry-after": "1" }));
  const { client, rec, time } = setup(answers, { maxAttempts: 10, maxElapsed: 2500 });
  await rejection(httpGet(client, "/x"));
  assert.deepEqual(time.waits, [1000, 1000]);
  assert.equal(rec.requests.length, 3);
});

Deno.test("retry: maxElapsed also bounds network-error retries", async () => {
  const answers = Array.from({ length: 10 }, () => new TypeError("reset"));
  const { client, rec, time } = setup(answers, { maxAttempts: 10, baseDelay: 1000, maxElapsed: 1500 }, 0.999);
  await rejection(httpGet(client, "/x"));
  assert.deepEqual(time.waits, [999]);
  assert.equal(rec.requests.length, 2);
});

Deno.test("retry: an abort during a wait rejects promptly with the signal's reason", async () => {
  const rec = recorder([status(429, { "retry-after": "10" }), json({})]);
  const client = createClient({ baseUrl: BASE, fetch: rec.fetch }); // the real sleep
  const controller = new AbortController();
  const reason = new Error("user cancelled");
  const started = Date.now();
  const pending = httpGet(client, "/x", { signal: controller.signal });
  setTimeout(() => controller.abort(reason), 20);
  assert.equal(await rejection(pending), reason);
  assert.ok(Date.now() - started < 2000, "the 10 s wait was interrupted");
  assert.equal(rec.requests.length, 1);
});

Deno.test("retry: an already aborted signal sends nothing", async () => {
  const rec = recorder([json({})]);
  const client = createClient({
    baseUrl: BASE,
    fetch: (r) => r.signal.aborted ? Promise.reject(new Error("aborted")) : rec.fetch(r),
  });
  const reason = new Error("too late");
  assert.equal(await rejection(httpGet(client, "/x", { signal: AbortSignal.abort(reason) })), reason);
  assert.equal(rec.requests.length, 0);
});

Deno.test("retry: the discarded response bodies are cancelled", async () => {
  let cancelled = 0;
  const body = () =>
    new ReadableStream<Uint8Array>({
      pull(c) {
        c.enqueue(new TextEncoder().encode("x".repeat(1024)));
      },
      cancel() {
        cancelled++;
      },
    });
  const { client, rec } = setup([
    () => new Response(body(), { status: 503 }),
    () => new Response(body(), { status: 429 }),
    json({ ok: true }),
  ]);
  assert.deepEqual(await httpGet(client, "/x"), { ok: true });
  assert.equal(rec.requests.length, 3);
  assert.equal(cancelled, 2);
});

Deno.test("retry: a POST body is re-sent intact after a 429", async () => {
  const { client, rec } = setup([status(429), status(429), json({ id: 1 }, { status: 201 })], {
    maxAttempts: 3,
  });
  const body = { title: "Ünïcode ✓", labels: ["a", "b"], nested: { x: 1 } };
  assert.deepEqual(await httpPost(client, "/projects/1/issues", { body }), { id: 1 });
  assert.equal(rec.requests.length, 3);
  for (const r of rec.requests) {
    assert.equal(r.method, "POST");
    assert.deepEqual(JSON.parse(r.body), body);
    assert.equal(r.headers["content-type"], "application/json");
    assert.equal(r.headers["private-token"], "glpat-retry");
  }
});

Deno.test("retry: a raw string body is re-sent intact after a 503 on PUT", async () => {
  const { client, rec } = setup([status(503), json({})]);
  await httpPut(client, "/x", { body: "raw text body" });
  assert.deepEqual(rec.requests.map((r) => r.body), ["raw text body", "raw text body"]);
});

Deno.test("retry: retry false makes exactly one attempt", async () => {
  const rec = recorder([status(503), json({})]);
  const client = createClient({ baseUrl: BASE, fetch: rec.fetch, retry: false });
  assert.equal(((await rejection(httpGet(client, "/x"))) as GitLabHTTPError).status, 503);
  assert.equal(rec.requests.length, 1);
});

Deno.test("retry: custom statuses and idempotentMethods are honoured", async () => {
  const a = setup([status(502), json({})], { statuses: [503] });
  await rejection(httpGet(a.client, "/x"));
  assert.equal(a.rec.requests.length, 1);
  const b = setup([status(503), json({})], { idempotentMethods: ["GET", "POST"] });
  await httpPost(b.client, "/x", { body: { a: 1 } });
  assert.equal(b.rec.requests.length, 2);
});

Deno.test("retry(): used directly in compose, with repeatsNext", async () => {
  let calls = 0;
  const mw = retry({ ...DEFAULT_RETRY, sleep: () => Promise.resolve() });
  assert.equal(mw.repeatsNext, true);
  const run = compose([mw], () => Promise.resolve(new Response(null, { status: ++calls < 3 ? 503 : 200 })));
  assert.equal((await run(new Request("http://127.0.0.1/"))).status, 200);
  assert.equal(calls, 3);
});

Deno.test("DEFAULT_RETRY: 4 attempts, frozen, 5xx statuses and idempotent methods", () => {
  assert.ok(Object.isFrozen(DEFAULT_RETRY));
  assert.equal(DEFAULT_RETRY.maxAttempts, 4);
  assert.deepEqual([...DEFAULT_RETRY.statuses], [500, 502, 503, 504]);
  assert.ok(!DEFAULT_RETRY.idempotentMethods.includes("POST"));
  assert.ok(!DEFAULT_RETRY.idempotentMethods.includes("PATCH"));
  assert.ok(DEFAULT_RETRY.idempotentMethods.includes("PUT"));
});

Deno.test("retry: an abort during the wait after a network failure rejects promptly with its reason", async () => {
  const controller = new AbortController();
  let sent = 0;
  const client = createClient({
    baseUrl: BASE,
    timeout: 0,
    fetch: () => (sent++, Promise.reject(new TypeError("connection refused"))),
    retry: retryPolicy({ baseDelay: 10_000, maxDelay: 10_000, random: () => 0.99 }), // the real sleep, ~9.9 s
  });
  const started = Date.now();
  const pending = httpGet(client, "/x", { signal: controller.signal });
  setTimeout(() => controller.abort(new Error("stop waiting")), 30);
  const e = await rejection(pending);
  assert.equal((e as Error).message, "stop waiting");
  assert.ok(Date.now() - started < 2000, "the wait was cut short");
  assert.equal(sent, 1, "no attempt after the abort");
});
