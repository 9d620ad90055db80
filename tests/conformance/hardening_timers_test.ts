// Timers fire at once above 2^31 − 1 ms on every runtime: a timeout or a retry wait that long is refused
// with a RangeError naming it, and a server asking for a longer wait is not "waited for" in 0 ms.
import assert from "node:assert/strict";
import {
  compose,
  createClient,
  DEFAULT_RETRY,
  GitLabHTTPError,
  httpGet,
  retry,
  type RetryPolicy,
  retryPolicy,
  timeout,
} from "@gitlab-edge/client";
import { assertError, caught, fakeTime, json, recorder, rejection, status, thrown } from "../_helpers.ts";

const BASE = "https://gitlab.example.com";
const MAX = 2 ** 31 - 1;
const TOO_LONG = [2 ** 31, 2 ** 32 + 5, 10 * 365 * 24 * 3600 * 1000];

Deno.test("hardening: a client or call timeout above 2^31-1 ms is refused by name, before sending", async () => {
  for (const ms of TOO_LONG) {
    const rec = recorder([json({ ok: true })]);
    // The client may refuse it at once, or the call before it sends anything: either way, by name.
    const client = await caught(() =>
      httpGet(createClient({ baseUrl: BASE, timeout: ms, fetch: rec.fetch }), "/x")
    );
    assertError(client, RangeError, '"timeout"', String(2 ** 31 - 1));
    const ok = createClient({ baseUrl: BASE, fetch: rec.fetch });
    const call = await caught(() => httpGet(ok, "/x", { timeout: ms }));
    assertError(call, RangeError, '"timeout"');
    assert.equal(rec.requests.length, 0, `timeout ${ms}: nothing is sent`);
  }
  const rec = recorder([json({ ok: 1 }), json({ ok: 2 })]);
  const edge = createClient({ baseUrl: BASE, timeout: MAX, fetch: rec.fetch });
  assert.deepEqual(await httpGet(edge, "/x"), { ok: 1 }, "2^31-1 ms itself is accepted");
  assert.deepEqual(await httpGet(edge, "/x", { timeout: MAX }), { ok: 2 });
});

Deno.test("hardening: timeout() above 2^31-1 ms is refused by name", () => {
  for (const ms of TOO_LONG) assertError(thrown(() => timeout(ms)), RangeError, "timeout()", '"ms"');
  assertError(thrown(() => timeout(-1)), RangeError, "timeout()", '"ms"');
  assert.equal(typeof timeout(MAX), "function");
});

Deno.test("hardening: retry waits above 2^31-1 ms (baseDelay, maxDelay, maxElapsed) are refused by name", () => {
  for (const key of ["baseDelay", "maxDelay", "maxElapsed"] as const) {
    for (const ms of TOO_LONG) {
      const policy: RetryPolicy = { ...DEFAULT_RETRY, [key]: ms };
      assertError(thrown(() => retry(policy)), RangeError, "retry()", `"${key}"`);
      assertError(
        thrown(() => createClient({ baseUrl: BASE, retry: retryPolicy({ [key]: ms }) })),
        RangeError,
        key,
        String(MAX),
      );
    }
    assert.equal(typeof retry({ ...DEFAULT_RETRY, [key]: MAX }), "function");
  }
});

Deno.test("hardening: a server asking to wait longer than a timer can is answered at once, not after 0 ms", async () => {
  const policy = { ...DEFAULT_RETRY, maxDelay: MAX, maxElapsed: MAX };
  const cases: Record<string, string>[] = [
    { "retry-after": String(Math.ceil(MAX / 1000) + 1) }, // just above 2^31-1 ms
    { "retry-after": String(10 * 365 * 24 * 3600) }, // ten years
    { "retry-after": "9".repeat(400) }, // more than a double holds
    { "retry-after": "Fri, 31 Dec 9999 23:59:59 GMT" },
    { "ratelimit-reset": "99999999999" }, // a Unix time in the year 5138
  ];
  for (const headers of cases) {
    const time = fakeTime();
    const rec = recorder(() => status(429, headers));
    const run = compose(
      [retry({ ...policy, sleep: time.sleep, now: time.now, random: time.random })],
      rec.fetch,
    );
    const response = await run(new Request(`${BASE}/api/v4/x`));
    assert.equal(response.status, 429, JSON.stringify(headers));
    assert.deepEqual(time.waits, [], `${JSON.stringify(headers)}: no wait was taken`);
    assert.equal(rec.requests.length, 1);
    // The error says how long the server asked for, as a finite number of seconds.
    const client = createClient({
      baseUrl: BASE,
      retry: false,
      fetch: () => Promise.resolve(status(429, headers)),
    });
    const e = await rejection(httpGet(client, "/x"));
    assert.ok(e instanceof GitLabHTTPError);
    assert.ok(Number.isFinite(e.retryAfter) && e.retryAfter! > MAX / 1000, `retryAfter ${e.retryAfter}`);
  }
});

Deno.test("hardening: the default sleep does not end early for a wait above 2^31-1 ms", async () => {
  const controller = new AbortController();
  const slept = DEFAULT_RETRY.sleep(2 ** 31 + 5, controller.signal).then(() => "woke");
  const early = await Promise.race([slept, new Promise((r) => setTimeout(() => r("still asleep"), 100))]);
  assert.equal(early, "still asleep");
  const reason = new Error("stop");
  controller.abort(reason);
  assert.equal(await rejection(slept), reason, "an abort still ends it, with the signal's reason");
});
