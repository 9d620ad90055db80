import assert from "node:assert/strict";
import {
  createClient,
  getProject,
  GitLabError,
  GitLabHTTPError,
  GitLabNetworkError,
  GitLabTimeoutError,
  httpGet,
  httpPost,
} from "@gitlab-edge/client";
import { createSimulator, SIM_ADMIN_TOKEN } from "@gitlab-edge/client/testing";
import { json, recorder, rejection, status } from "./_helpers.ts";

const BASE = "https://gitlab.example.com";

function client(answer: () => Response) {
  return createClient({ baseUrl: BASE, retry: false, fetch: recorder(() => answer()).fetch });
}

/** A body that sends `first`, then fails with `error`. */
function brokenBody(first: string, error: Error): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream<Uint8Array>({
    pull(c) {
      if (sent) return c.error(error);
      sent = true;
      c.enqueue(new TextEncoder().encode(first));
    },
  });
}

Deno.test("response: a JSON body is parsed", async () => {
  assert.deepEqual(await httpGet(client(() => json({ id: 1, name: "ü" })), "/x"), { id: 1, name: "ü" });
  assert.deepEqual(await httpGet(client(() => json([1, "a", null])), "/x"), [1, "a", null]);
  assert.equal(await httpGet(client(() => new Response("42")), "/x"), 42);
});

Deno.test("response: an empty body (204, 202, 200) gives undefined", async () => {
  assert.equal(await httpGet(client(() => status(204)), "/x"), undefined);
  assert.equal(await httpPost(client(() => status(202)), "/x"), undefined);
  assert.equal(await httpGet(client(() => new Response("")), "/x"), undefined);
});

Deno.test("response: invalid JSON in a 2xx is a GitLabError that does not echo the body", async () => {
  const e = await rejection(httpGet(client(() => new Response("<html>secret-page</html>")), "/x"));
  assert.ok(e instanceof GitLabError);
  assert.ok(!(e instanceof GitLabHTTPError));
  assert.match(e.message, /not valid JSON \(24 bytes\)/);
  assert.ok(!e.message.includes("secret-page"));
  assert.ok(e.cause instanceof SyntaxError);
});

Deno.test("response: a body cut short is a GitLabNetworkError with the cause", async () => {
  const cut = new TypeError("connection reset by peer");
  const e = await rejection(httpGet(client(() => new Response(brokenBody('{"id":', cut))), "/projects/1"));
  assert.ok(e instanceof GitLabNetworkError, String(e));
  assert.equal(e.method, "GET");
  assert.equal(e.url, `${BASE}/api/v4/projects/1`);
  assert.match(e.message, /connection reset by peer/);
});

Deno.test("response: an error status with an unreadable body is still a GitLabHTTPError", async () => {
  const e = await rejection(
    httpGet(client(() => new Response(brokenBody("{", new TypeError("reset")), { status: 502 })), "/x"),
  );
  assert.ok(e instanceof GitLabHTTPError);
  assert.equal(e.status, 502);
});

Deno.test("response: an error's retryAfter comes from Retry-After or RateLimit-Reset", async () => {
  const a = await rejection(httpGet(client(() => status(429, { "retry-after": "17" })), "/x"));
  assert.equal((a as GitLabHTTPError).retryAfter, 17);
  const b = await rejection(httpGet(client(() => status(429, { "ratelimit-reset": "30" })), "/x"));
  assert.equal((b as GitLabHTTPError).retryAfter, 30);
  const c = await rejection(httpGet(client(() => status(429, { "retry-after": "soon" })), "/x"));
  assert.equal((c as GitLabHTTPError).retryAfter, undefined);
});

Deno.test("response: GitLab-like answers from the simulator (found, not found, mid-body drop)", async () => {
  const sim = createSimulator();
  const c = createClient({
    baseUrl: "https://gitlab.test",
    token: SIM_ADMIN_TOKEN,
    retry: false,
    fetch: sim.fetch,
  });
  const project = await getProject(c, "acme/web");
  assert.equal(project.path_with_namespace, "acme/web");
  const missing = await rejection(getProject(c, "acme/no-such-project"));
  assert.ok(missing instanceof GitLabHTTPError);
  assert.equal(missing.status, 404);
  assert.match(missing.message, /404 Project Not Found/);
  assert.equal(missing.url, "https://gitlab.test/api/v4/projects/acme%2Fno-such-project");
  assert.ok(missing.requestId, "the simulator sends X-Request-Id");

  sim.fault({ path: /^\/projects\//, drop: "mid-body", times: 1 });
  const dropped = await rejection(getProject(c, "acme/web"));
  assert.ok(dropped instanceof GitLabNetworkError, String(dropped));
});

Deno.test("response: a slow simulator body is covered by the call's timeout", async () => {
  const sim = createSimulator();
  const c = createClient({
    baseUrl: "https://gitlab.test",
    token: SIM_ADMIN_TOKEN,
    retry: false,
    fetch: sim.fetch,
  });
  sim.fault({ path: /^\/projects\//, hang: true, times: 1 });
  const e = await rejection(getProject(c, "acme/web", { timeout: 30 }));
  assert.ok(e instanceof GitLabTimeoutError, String(e));
});
