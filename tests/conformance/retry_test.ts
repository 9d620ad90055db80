import assert from "node:assert/strict";
import {
  createProjectIssue,
  DEFAULT_RETRY,
  getProject,
  GitLabHTTPError,
  GitLabNetworkError,
  httpPost,
  listProjects,
  retryPolicy,
} from "@gitlab-edge/client";
import { SIM_ADMIN_TOKEN, SIM_USER_TOKEN } from "@gitlab-edge/client/testing";
import { fakeClock, seen, setup } from "./helpers.ts";

Deno.test("conformance: 429 is retried after Retry-After seconds, for GET", async () => {
  const clock = fakeClock();
  const { sim, client } = setup({ retry: retryPolicy({ sleep: clock.sleep, now: clock.now }) });
  sim.fault({ method: "GET", path: "/projects/1", status: 429, headers: { "Retry-After": "2" }, times: 2 });
  const project = await getProject(client, 1);
  assert.equal(project.id, 1);
  assert.deepEqual(clock.waits, [2000, 2000]);
  assert.equal(sim.requests.length, 3);
});

Deno.test("conformance: 429 is retried for POST too (GitLab did not process it)", async () => {
  const clock = fakeClock();
  const { sim, client } = setup({
    token: SIM_USER_TOKEN,
    retry: retryPolicy({ sleep: clock.sleep, now: clock.now }),
  });
  sim.fault({
    method: "POST",
    path: "/projects/acme%2Fweb/issues",
    status: 429,
    headers: { "Retry-After": "1" },
  });
  const issue = await createProjectIssue(client, "acme/web", { title: "Retried once" });
  assert.equal(issue.title, "Retried once");
  assert.deepEqual(clock.waits, [1000]);
  assert.deepEqual(seen(sim), ["POST /projects/acme%2Fweb/issues", "POST /projects/acme%2Fweb/issues"]);
});

Deno.test("conformance: Retry-After as an HTTP date and RateLimit-Reset are honoured", async () => {
  const clock = fakeClock(Date.parse("2030-01-01T00:00:00Z"));
  const { sim, client } = setup({ retry: retryPolicy({ sleep: clock.sleep, now: clock.now }) });
  sim.fault({
    path: "/projects/1",
    status: 429,
    headers: { "Retry-After": "Tue, 01 Jan 2030 00:00:05 GMT" },
  });
  sim.fault({
    path: "/projects/1",
    status: 429,
    headers: { "RateLimit-Reset": String(clock.now() / 1000 + 10) },
  });
  await getProject(client, 1);
  assert.deepEqual(clock.waits, [5000, 5000], "the second wait ends at the reset time, 10 s after the start");
});

Deno.test("conformance: 500/502/503/504 are retried for GET with full-jitter backoff", async () => {
  const clock = fakeClock();
  const { sim, client } = setup({
    retry: retryPolicy({ sleep: clock.sleep, now: clock.now, random: () => 0.5, baseDelay: 100 }),
  });
  for (const status of [500, 502, 503]) sim.fault({ path: "/projects/1", status });
  await getProject(client, 1);
  assert.deepEqual(clock.waits, [50, 100, 200], "half of 100, 200, 400 ms");
  assert.equal(sim.requests.length, 4);
});

Deno.test("conformance: 5xx is not retried for POST", async () => {
  const clock = fakeClock();
  const { sim, client } = setup({
    token: SIM_USER_TOKEN,
    retry: retryPolicy({ sleep: clock.sleep, now: clock.now }),
  });
  sim.fault({ method: "POST", status: 503 });
  await assert.rejects(
    createProjectIssue(client, "acme/web", { title: "Not retried" }),
    (e: unknown) => e instanceof GitLabHTTPError && e.status === 503 && e.attempts === 1,
  );
  assert.deepEqual(clock.waits, []);
  assert.equal(sim.requests.length, 1);
});

Deno.test("conformance: retries stop at maxAttempts and the error counts the attempts", async () => {
  const clock = fakeClock();
  const { sim, client } = setup({
    retry: retryPolicy({ sleep: clock.sleep, now: clock.now, maxAttempts: 3 }),
  });
  sim.fault({ path: "/projects/1", status: 502, times: Infinity });
  await assert.rejects(
    getProject(client, 1),
    (e: unknown) => e instanceof GitLabHTTPError && e.status === 502 && e.attempts === 3,
  );
  assert.equal(sim.requests.length, 3);
  assert.equal(clock.waits.length, 2);
});

Deno.test("conformance: a wait longer than maxDelay is not attempted; the error says when to retry", async () => {
  const clock = fakeClock();
  const { sim, client } = setup({
    retry: retryPolicy({ sleep: clock.sleep, now: clock.now, maxDelay: 5_000 }),
  });
  sim.fault({ path: "/projects/1", status: 429, headers: { "Retry-After": "120" } });
  await assert.rejects(
    getProject(client, 1),
    (e: unknown) => e instanceof GitLabHTTPError && e.status === 429 && e.retryAfter === 120,
  );
  assert.deepEqual(clock.waits, []);
});

Deno.test("conformance: maxElapsed bounds the total time spent retrying", async () => {
  const clock = fakeClock();
  const { sim, client } = setup({
    retry: retryPolicy({ sleep: clock.sleep, now: clock.now, maxAttempts: 10, maxElapsed: 4_500 }),
  });
  sim.fault({ path: "/projects/1", status: 429, headers: { "Retry-After": "2" }, times: Infinity });
  await assert.rejects(
    getProject(client, 1),
    (e: unknown) => e instanceof GitLabHTTPError && e.status === 429,
  );
  assert.deepEqual(clock.waits, [2000, 2000]);
});

Deno.test("conformance: network failures are retried for GET, not for POST", async () => {
  const clock = fakeClock();
  const { sim, client } = setup({
    token: SIM_ADMIN_TOKEN,
    retry: retryPolicy({ sleep: clock.sleep, now: clock.now }),
  });
  sim.fault({ method: "GET", path: "/projects/1", drop: "before-response", times: 2 });
  assert.equal((await getProject(client, 1)).id, 1);
  assert.equal(clock.waits.length, 2);

  sim.fault({ method: "POST", drop: "before-response" });
  await assert.rejects(
    httpPost(client, "/projects/1/issues", { body: { title: "x" } }),
    (e: unknown) => e instanceof GitLabNetworkError && e.attempts === 1,
  );
});

Deno.test("conformance: retry: false sends exactly once", async () => {
  const { sim, client } = setup({ retry: false });
  sim.fault({ path: "/projects", status: 503 });
  await assert.rejects(
    listProjects(client).toArray(),
    (e: unknown) => e instanceof GitLabHTTPError && e.status === 503,
  );
  assert.equal(sim.requests.length, 1);
});

Deno.test("conformance: the default retry policy is data", () => {
  assert.equal(DEFAULT_RETRY.maxAttempts, 4);
  assert.deepEqual([...DEFAULT_RETRY.statuses], [500, 502, 503, 504]);
  assert.ok(!DEFAULT_RETRY.idempotentMethods.includes("POST"));
  assert.ok(!DEFAULT_RETRY.idempotentMethods.includes("PATCH"));
  assert.ok(Object.isFrozen(DEFAULT_RETRY));
});

Deno.test("conformance: a page request inside a list is retried like any GET", async () => {
  const clock = fakeClock();
  const { sim, client } = setup({
    token: SIM_ADMIN_TOKEN,
    retry: retryPolicy({ sleep: clock.sleep, now: clock.now }),
  });
  let n = 0;
  for await (
    const _ of listProjects(client, { pagination: "offset", per_page: 3, order_by: "id", sort: "asc" })
  ) {
    if (++n === 3) sim.fault({ path: "/projects", status: 503 });
  }
  assert.equal(n, 8);
  assert.equal(clock.waits.length, 1);
  assert.deepEqual(
    seen(sim).map((r) => new URLSearchParams(r.split("?")[1]).get("page") ?? "1"),
    ["1", "2", "2", "3"],
  );
});
