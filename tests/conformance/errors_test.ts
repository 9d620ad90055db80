import assert from "node:assert/strict";
import {
  createProjectIssue,
  getProject,
  GitLabError,
  GitLabHTTPError,
  GitLabNetworkError,
  GitLabTimeoutError,
  httpGet,
  listProjects,
} from "@gitlab-edge/client";
import { SIM_ADMIN_TOKEN, SIM_READ_ONLY_TOKEN, SIM_USER_TOKEN } from "@gitlab-edge/client/testing";
import { BASE, setup } from "./helpers.ts";

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new assert.AssertionError({ message: "expected a rejection" });
}

Deno.test("conformance: 404 with {message} becomes GitLabHTTPError with every field", async () => {
  const { client } = setup({ token: SIM_USER_TOKEN });
  const e = await caught(getProject(client, "acme/nope"));
  assert.ok(e instanceof GitLabHTTPError && e instanceof GitLabError && e instanceof Error);
  assert.equal(e.name, "GitLabHTTPError");
  assert.equal(e.status, 404);
  assert.equal(e.method, "GET");
  assert.equal(e.url, `${BASE}/api/v4/projects/acme%2Fnope`);
  assert.deepEqual(e.body, { message: "404 Project Not Found" });
  assert.match(
    e.message,
    /^GET https:\/\/gitlab\.example\.com\/api\/v4\/projects\/acme%2Fnope: 404.*404 Project Not Found$/,
  );
  assert.match(e.requestId ?? "", /^[0-9a-f-]{36}$/);
  assert.equal(e.attempts, 1);
  assert.ok(!JSON.stringify(e).includes(SIM_USER_TOKEN) && !e.message.includes(SIM_USER_TOKEN));
});

Deno.test("conformance: 400 with field errors is summarized in the message", async () => {
  const { sim, client } = setup({ token: SIM_USER_TOKEN });
  sim.fault({ method: "POST", status: 400, body: '{"message":{"title":["is too long","is invalid"]}}' });
  const e = await caught(createProjectIssue(client, "acme/web", { title: "x" }));
  assert.ok(e instanceof GitLabHTTPError);
  assert.equal(e.status, 400);
  assert.deepEqual(e.body, { message: { title: ["is too long", "is invalid"] } });
  assert.match(e.message, /title is too long, is invalid$/);
});

Deno.test("conformance: 403 with {error, error_description} (insufficient scope)", async () => {
  const { client } = setup({ token: SIM_READ_ONLY_TOKEN });
  const e = await caught(createProjectIssue(client, "acme/web", { title: "x" }));
  assert.ok(e instanceof GitLabHTTPError);
  assert.equal(e.status, 403);
  assert.equal((e.body as { error: string }).error, "insufficient_scope");
  assert.match(e.message, /insufficient_scope: The request requires higher privileges/);
});

Deno.test("conformance: an HTML error page from a proxy keeps its text body", async () => {
  const { sim, client } = setup({ retry: false });
  sim.fault({
    status: 502,
    body: "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
  });
  const e = await caught(getProject(client, 1));
  assert.ok(e instanceof GitLabHTTPError);
  assert.equal(e.status, 502);
  assert.equal(typeof e.body, "string");
  assert.match(e.message, /HTML page "502 Bad Gateway"/);
});

Deno.test("conformance: 429 errors carry retryAfter in seconds", async () => {
  const { sim, client } = setup({ retry: false });
  sim.fault({ status: 429, headers: { "Retry-After": "30" } });
  const e = await caught(getProject(client, 1));
  assert.ok(e instanceof GitLabHTTPError);
  assert.equal(e.retryAfter, 30);
});

Deno.test("conformance: a connection failure becomes GitLabNetworkError with the cause", async () => {
  const { sim, client } = setup({ retry: false });
  sim.fault({ drop: "before-response" });
  const e = await caught(getProject(client, 1));
  assert.ok(e instanceof GitLabNetworkError && e instanceof GitLabError);
  assert.equal(e.name, "GitLabNetworkError");
  assert.ok(e.cause instanceof Error);
  assert.match(e.message, /^GET https:\/\/gitlab\.example\.com\/api\/v4\/projects\/1: network error: /);
});

Deno.test("conformance: a body cut short becomes GitLabNetworkError", async () => {
  const { sim, client } = setup({ retry: false });
  sim.fault({ path: "/projects/1", drop: "mid-body" });
  const e = await caught(getProject(client, 1));
  assert.ok(e instanceof GitLabNetworkError, String(e));
});

Deno.test("conformance: invalid JSON in a 200 answer is a GitLabError, not a crash", async () => {
  const { sim, client } = setup();
  sim.fault({ path: "/projects/1", status: 200, body: "{ not json" });
  const e = await caught(getProject(client, 1));
  assert.ok(e instanceof GitLabError && !(e instanceof GitLabHTTPError));
  assert.match(e.message, /not valid JSON/);
});

Deno.test("conformance: a list endpoint answering a non-array is a GitLabError", async () => {
  const { sim, client } = setup();
  sim.fault({ path: "/projects", status: 200, body: '{"message":"oops"}' });
  await assert.rejects(
    listProjects(client).toArray(),
    (e: unknown) => e instanceof GitLabError && /array/.test(e.message),
  );
});

Deno.test("conformance: secrets in the URL are redacted from errors", async () => {
  const { client } = setup();
  const e = await caught(httpGet(client, "/projects?private_token=very-secret&page=2"));
  assert.ok(e instanceof GitLabHTTPError);
  assert.equal(e.status, 401);
  assert.ok(!e.message.includes("very-secret") && !e.url.includes("very-secret"));
  assert.match(e.url, /private_token=\[REDACTED\]&page=2$/);
});

Deno.test("conformance: every error class is distinguishable by instanceof and name", () => {
  const init = { method: "GET", url: `${BASE}/api/v4/user` };
  const errors = [
    new GitLabHTTPError({ ...init, status: 500 }),
    new GitLabNetworkError({ ...init, cause: new TypeError("fetch failed") }),
    new GitLabTimeoutError({ ...init, timeout: 5 }),
  ];
  assert.deepEqual(errors.map((e) => e.name), [
    "GitLabHTTPError",
    "GitLabNetworkError",
    "GitLabTimeoutError",
  ]);
  assert.ok(errors.every((e) => e instanceof GitLabError));
  assert.equal(errors.filter((e) => e instanceof GitLabHTTPError).length, 1);
  assert.equal(errors.filter((e) => e instanceof GitLabNetworkError).length, 1);
  assert.equal(errors.filter((e) => e instanceof GitLabTimeoutError).length, 1);
});

Deno.test("conformance: a deleted resource answers 202 and then 404", async () => {
  const { client } = setup({ token: SIM_ADMIN_TOKEN });
  const { deleteProject } = await import("@gitlab-edge/client");
  const answer = await deleteProject(client, "acme/handbook");
  assert.equal(answer?.message, "202 Accepted");
  const e = await caught(getProject(client, "acme/handbook"));
  assert.ok(e instanceof GitLabHTTPError && e.status === 404);
});
