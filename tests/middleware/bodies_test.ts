import assert from "node:assert/strict";
// From the sources, not the package: the rules for bodies and the steps they plug into are internal.
import { GitLabError } from "../../src/errors.ts";
import { compose } from "../../src/pipeline.ts";
import { sendsBodies } from "../../src/middleware/bodies.ts";
import { bodyRules, redirects, resendable } from "../../src/middleware/redirect.ts";
import { DEFAULT_RETRY, retryStep } from "../../src/middleware/retry.ts";
import { json, recorder, rejection, status } from "../_helpers.ts";

const URL_ = "https://gitlab.example.com/api/v4/projects/1/uploads";
const fast = { ...DEFAULT_RETRY, sleep: () => Promise.resolve() };

/** Runs `fn` as in a bundle that loads no function sending a body: the rules for bodies not installed. */
async function withoutBodyRules(fn: () => Promise<void>): Promise<void> {
  const saved = { ...bodyRules };
  delete bodyRules.resend;
  delete bodyRules.follow;
  try {
    await fn();
  } finally {
    Object.assign(bodyRules, saved);
  }
}

const post = () =>
  new Request(URL_, { method: "POST", body: '{"a":1}', headers: { "content-type": "application/json" } });

Deno.test("bodies: without the rules, a request with a body is sent once: not retried", async () => {
  await withoutBodyRules(async () => {
    const rec = recorder([status(503), json({ ok: true })]);
    const response = await compose([retryStep(fast)], rec.fetch)(post());
    assert.equal(response.status, 503);
    assert.equal(rec.requests.length, 1);
    assert.equal(resendable(post()), undefined);
    // A request without a body is still retried.
    const get = recorder([status(503), json({ ok: true })]);
    assert.equal((await compose([retryStep(fast)], get.fetch)(new Request(URL_))).status, 200);
    assert.equal(get.requests.length, 2);
  });
});

Deno.test("bodies: without the rules, a redirect that would send the body again fails, nothing repeated", async () => {
  await withoutBodyRules(async () => {
    for (const code of [303, 307, 308]) {
      const rec = recorder((r) =>
        r.url === URL_ ? status(code, { location: "/api/v4/elsewhere" }) : json({})
      );
      const e = await rejection(compose([redirects], rec.fetch)(post()));
      assert.ok(e instanceof GitLabError, String(e));
      assert.match(
        e.message,
        new RegExp(`redirect ${code} to .*the POST was not repeated \\(its body cannot be sent again\\)`),
      );
      assert.deepEqual(rec.requests.map((r) => r.method), ["POST"]);
    }
    // A request without a body is still followed.
    const rec = recorder((r) =>
      r.url === URL_ ? status(307, { location: "/api/v4/elsewhere" }) : json({ ok: 1 })
    );
    assert.deepEqual(await (await compose([redirects], rec.fetch)(new Request(URL_))).json(), { ok: 1 });
  });
});

Deno.test("bodies: with the rules, a body someone else built is replayed by 307 and dropped by 303", async () => {
  sendsBodies();
  const rec = recorder((r) =>
    r.url === URL_
      ? status(307, { location: "/api/v4/second" })
      : r.url.endsWith("/second")
      ? status(303, { location: "/api/v4/result" })
      : json({ done: true })
  );
  const response = await compose([redirects], rec.fetch)(post());
  assert.deepEqual(await response.json(), { done: true });
  assert.deepEqual(
    rec.requests.map((r) => [r.method, new URL(r.url).pathname, r.body, r.headers["content-type"] ?? null]),
    [
      ["POST", "/api/v4/projects/1/uploads", '{"a":1}', "application/json"],
      ["POST", "/api/v4/second", '{"a":1}', "application/json"],
      ["GET", "/api/v4/result", "", null],
    ],
  );
  const copy = resendable(post());
  assert.ok(copy);
  assert.equal(await copy.text(), '{"a":1}');
});
