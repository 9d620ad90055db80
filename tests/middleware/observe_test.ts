import assert from "node:assert/strict";
import { type Attempt, createClient, getCurrentUser, observeAttempts, send } from "@gitlab-edge/client";
import { json, recorder } from "../_helpers.ts";

const BASE = "https://gitlab.example.com";

Deno.test("observeAttempts: sees every attempt, retries included, and never a credential", async () => {
  let n = 0;
  const rec = recorder(
    () => (++n === 1
      ? json({ message: "busy" }, { status: 503, headers: { "retry-after": "0" } })
      : json({ username: "alice" }, { headers: { "x-request-id": "req-2" } })),
  );
  const attempts: Attempt[] = [];
  const client = createClient({
    baseUrl: BASE,
    token: "glpat-never-in-attempts",
    fetch: observeAttempts((a) => attempts.push(a), rec.fetch),
  });
  await getCurrentUser(client);
  assert.deepEqual(attempts.map((a) => [a.method, a.url, a.status]), [
    ["GET", `${BASE}/api/v4/user`, 503],
    ["GET", `${BASE}/api/v4/user`, 200],
  ]);
  assert.equal(attempts[1].requestId, "req-2");
  assert.ok(attempts.every((a) => a.durationMs >= 0 && a.startedAt > 0));
  assert.ok(!JSON.stringify(attempts).includes("glpat-never-in-attempts"));

  const down = createClient({
    baseUrl: BASE,
    fetch: observeAttempts((a) => {
      attempts.push(a);
      throw new Error("a broken hook is ignored");
    }, () => Promise.reject(new TypeError("connection refused"))),
    retry: false,
  });
  await assert.rejects(getCurrentUser(down), (e: unknown) => (e as Error).name === "GitLabNetworkError");
  assert.equal(attempts.at(-1)?.error?.name, "GitLabNetworkError");
});

Deno.test("observeAttempts: redacts a failing URL and checks its arguments", async () => {
  const attempts: Attempt[] = [];
  const fetch = observeAttempts((a) => attempts.push(a), (request) => {
    return Promise.reject(new TypeError(`could not reach ${request.url}`));
  });
  const client = createClient({ baseUrl: BASE, fetch, retry: false });
  const url = `${BASE}/api/v4/version?private_token=glpat-in-a-url`;
  await assert.rejects(
    send(client, new Request(url)),
    (e: unknown) =>
      (e as Error).name === "GitLabNetworkError" && !(e as Error).message.includes("glpat-in-a-url"),
  );
  assert.equal(attempts.length, 1);
  assert.equal(attempts[0].url, `${BASE}/api/v4/version?private_token=[REDACTED]`);
  assert.ok(!JSON.stringify(attempts[0]).includes("glpat-in-a-url"));
  assert.ok(!attempts[0].error?.message.includes("glpat-in-a-url"));
  assert.throws(
    () => observeAttempts("log" as unknown as () => void),
    /parameter "onAttempt" must be a function/,
  );
  assert.throws(
    () => observeAttempts(() => {}, "fetch" as unknown as typeof fetch),
    /parameter "transport" must be a function/,
  );
});
