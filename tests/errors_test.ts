import assert from "node:assert/strict";
import {
  createClient,
  GitLabError,
  GitLabHTTPError,
  GitLabNetworkError,
  GitLabTimeoutError,
  httpGet,
  httpPost,
  redactUrl,
} from "@gitlab-edge/client";
import { recorder, rejection } from "./_helpers.ts";

const BASE = "https://gitlab.example.com";
const TOKEN = "glpat-ERRTEST-zz81-SECRET";

async function errorFor(
  body: string | null,
  init: ResponseInit & { headers?: Record<string, string> } = { status: 400 },
) {
  const rec = recorder([new Response(body, init)]);
  const client = createClient({ baseUrl: BASE, token: TOKEN, retry: false, fetch: rec.fetch });
  const e = await rejection(httpGet(client, "/projects/9"));
  assert.ok(e instanceof GitLabHTTPError, String(e));
  return e;
}

Deno.test("GitLabHTTPError: message from {message: string}", async () => {
  const e = await errorFor('{"message":"404 Project Not Found"}', { status: 404, statusText: "Not Found" });
  assert.equal(e.message, `GET ${BASE}/api/v4/projects/9: 404 Not Found: 404 Project Not Found`);
  assert.deepEqual(e.body, { message: "404 Project Not Found" });
});

Deno.test("GitLabHTTPError: message from {message: {field: [...]}}", async () => {
  const e = await errorFor(
    '{"message":{"name":["has already been taken","is too short"],"path":["is invalid"]}}',
  );
  assert.match(e.message, /: 400 Bad Request: name has already been taken, is too short; path is invalid$/);
});

Deno.test("GitLabHTTPError: message from {message: [..]}", async () => {
  const e = await errorFor('{"message":["a","b"]}');
  assert.match(e.message, /: 400 Bad Request: a, b$/);
});

Deno.test("GitLabHTTPError: message from {error} and {error, error_description}", async () => {
  const a = await errorFor('{"error":"insufficient_scope"}', { status: 403 });
  assert.match(a.message, /: 403 Forbidden: insufficient_scope$/);
  const b = await errorFor('{"error":"invalid_token","error_description":"Token was revoked"}', {
    status: 401,
  });
  assert.match(b.message, /: 401 Unauthorized: invalid_token: Token was revoked$/);
  assert.deepEqual(b.body, { error: "invalid_token", error_description: "Token was revoked" });
});

Deno.test("GitLabHTTPError: an HTML page is described by its title", async () => {
  const e = await errorFor(
    "<!DOCTYPE html><html><head><title> 502 Bad Gateway </title></head><body>nginx</body></html>",
    {
      status: 502,
    },
  );
  assert.match(e.message, /: 502 Bad Gateway: HTML page "502 Bad Gateway"$/);
  assert.equal(typeof e.body, "string");
  const untitled = await errorFor("<html><body>oops</body></html>", { status: 500 });
  assert.match(untitled.message, /: 500 Internal Server Error: HTML page$/);
});

Deno.test("GitLabHTTPError: an empty body gives the status alone", async () => {
  const e = await errorFor(null, { status: 404, statusText: "Not Found" });
  assert.equal(e.message, `GET ${BASE}/api/v4/projects/9: 404 Not Found`);
  assert.equal(e.body, undefined);
  const bare = await errorFor("", { status: 418 });
  assert.equal(bare.message, `GET ${BASE}/api/v4/projects/9: 418`);
});

Deno.test("GitLabHTTPError: plain text is kept and long text is shortened", async () => {
  const e = await errorFor("Rate limit exceeded", { status: 403 });
  assert.match(e.message, /: 403 Forbidden: Rate limit exceeded$/);
  assert.equal(e.body, "Rate limit exceeded");
  const long = await errorFor("x".repeat(1000), { status: 400 });
  assert.ok(long.message.length < 400);
  assert.equal(long.body, "x".repeat(1000));
});

Deno.test("GitLabHTTPError: invalid JSON that looks like JSON is kept as text", async () => {
  const e = await errorFor('{"message": broken', { status: 500 });
  assert.equal(e.body, '{"message": broken');
});

Deno.test("GitLabHTTPError: status, statusText, method, requestId, retryAfter, attempts", async () => {
  const rec = recorder([
    new Response('{"message":"429 Too Many Requests"}', {
      status: 429,
      statusText: "Too Many Requests",
      headers: { "x-request-id": "01HREQ123", "retry-after": "3600" },
    }),
  ]);
  const client = createClient({ baseUrl: BASE, token: TOKEN, fetch: rec.fetch });
  const e = await rejection(httpPost(client, "/projects", { body: { name: "x" } }));
  assert.ok(e instanceof GitLabHTTPError);
  assert.equal(e.status, 429);
  assert.equal(e.statusText, "Too Many Requests");
  assert.equal(e.method, "POST");
  assert.equal(e.url, `${BASE}/api/v4/projects`);
  assert.equal(e.requestId, "01HREQ123");
  assert.equal(e.retryAfter, 3600);
  assert.equal(e.attempts, 1);
  assert.equal(e.name, "GitLabHTTPError");
  const plain = await errorFor("{}", { status: 400 });
  assert.equal(plain.requestId, undefined);
  assert.equal(plain.retryAfter, undefined);
});

Deno.test("errors: the instanceof chain", () => {
  const http = new GitLabHTTPError({ method: "GET", url: BASE, status: 500 });
  const network = new GitLabNetworkError({ method: "GET", url: BASE, cause: new TypeError("x") });
  const timeout = new GitLabTimeoutError({ method: "GET", url: BASE, timeout: 5 });
  for (const e of [http, network, timeout]) {
    assert.ok(e instanceof GitLabError);
    assert.ok(e instanceof Error);
  }
  assert.ok(!(network instanceof GitLabHTTPError));
  assert.ok(!(timeout instanceof GitLabNetworkError));
  assert.equal(http.name, "GitLabHTTPError");
  assert.equal(network.name, "GitLabNetworkError");
  assert.equal(timeout.name, "GitLabTimeoutError");
  assert.equal(new GitLabError("x", { method: "GET", url: BASE }).name, "GitLabError");
  assert.equal(network.message, `GET ${BASE}/: network error: x`);
});

Deno.test("redactUrl(): user info and secret query values are redacted", () => {
  assert.equal(
    redactUrl(`https://root:${TOKEN}@gitlab.example.com/api/v4/projects?private_token=${TOKEN}&page=2`),
    "https://[REDACTED]@gitlab.example.com/api/v4/projects?private_token=[REDACTED]&page=2",
  );
  for (
    const name of ["private_token", "access_token", "job_token", "PRIVATE_TOKEN", "password", "refresh_token"]
  ) {
    const out = redactUrl(`https://h.example/x?${name}=${TOKEN}&a=1`);
    assert.ok(!out.includes(TOKEN), out);
    assert.ok(out.includes("a=1"));
  }
  assert.equal(redactUrl("https://h.example/x?search=abc#frag"), "https://h.example/x?search=abc");
  assert.equal(redactUrl("not a url"), "[unparsable URL]");
});

Deno.test("errors: a token never appears in message, String(), JSON.stringify() or stack", async () => {
  const rec = recorder([
    new Response('{"message":"401 Unauthorized"}', { status: 401, headers: { "x-request-id": "r1" } }),
    new TypeError("socket hang up"),
  ]);
  const client = createClient({ baseUrl: BASE, token: TOKEN, retry: false, fetch: rec.fetch });
  const path = `/projects?private_token=${TOKEN}&access_token=${TOKEN}&job_token=${TOKEN}`;
  const errors = [
    await rejection(httpGet(client, path)),
    await rejection(httpGet(client, path)),
  ] as GitLabError[];
  const timeoutClient = createClient({
    baseUrl: BASE,
    token: TOKEN,
    timeout: 5,
    fetch: (r) =>
      new Promise((_, reject) => r.signal.addEventListener("abort", () => reject(r.signal.reason))),
  });
  errors.push((await rejection(httpGet(timeoutClient, path))) as GitLabError);
  assert.ok(errors[0] instanceof GitLabHTTPError);
  assert.ok(errors[1] instanceof GitLabNetworkError);
  assert.ok(errors[2] instanceof GitLabTimeoutError);
  assert.equal(rec.requests[0].headers["private-token"], TOKEN, "the token was really sent");
  for (const e of errors) {
    for (
      const text of [
        e.message,
        String(e),
        JSON.stringify(e),
        e.stack ?? "",
        e.url,
        JSON.stringify(Object.entries(e)),
      ]
    ) {
      assert.ok(!text.includes(TOKEN), `${e.name} leaks the token: ${text}`);
    }
    assert.ok(e.url.includes("private_token=[REDACTED]"));
  }
});

Deno.test("errors: JSON.stringify gives the useful fields", async () => {
  const e = await errorFor('{"message":"nope"}', { status: 403, headers: { "x-request-id": "abc" } });
  const data = JSON.parse(JSON.stringify(e));
  assert.equal(data.status, 403);
  assert.equal(data.method, "GET");
  assert.equal(data.requestId, "abc");
  assert.deepEqual(data.body, { message: "nope" });
});
