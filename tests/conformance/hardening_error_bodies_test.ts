// What the client reads of a body is bounded: an error body is kept up to 64 KiB (the rest is not read), a
// JSON body larger than the limit announced by Content-Length is refused unread, and an error body nested
// too deep to print still gives a GitLabHTTPError with its status (not a RangeError).
import assert from "node:assert/strict";
import { createClient, GitLabError, GitLabHTTPError, httpGet } from "@gitlab-edge/client";
import { rejection } from "../_helpers.ts";

const BASE = "https://gitlab.example.com";
const KIB = 1024;

/** A body of `total` bytes of `byte`, in 16 KiB chunks, counting the bytes pulled from it. */
function counted(total: number, byte = "a") {
  const chunk = new TextEncoder().encode(byte.repeat(16 * KIB));
  let sent = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(c) {
      if (sent >= total) return c.close();
      await new Promise((r) => setTimeout(r, 0)); // as a network would: a chunk at a time
      const part = chunk.subarray(0, Math.min(chunk.length, total - sent));
      sent += part.length;
      c.enqueue(part);
    },
    cancel() {
      cancelled = true;
    },
  }, { highWaterMark: 0 });
  return { stream, sent: () => sent, cancelled: () => cancelled };
}

function client(answer: () => Response) {
  return createClient({
    baseUrl: BASE,
    retry: false,
    timeout: 10_000,
    fetch: () => Promise.resolve(answer()),
  });
}

Deno.test("hardening: an error body is kept up to 64 KiB; the rest is not read", async () => {
  const body = counted(4 * 1024 * KIB);
  const e = await rejection(httpGet(client(() => new Response(body.stream, { status: 500 })), "/x"));
  assert.ok(e instanceof GitLabHTTPError, String(e));
  assert.equal(e.status, 500);
  assert.equal(typeof e.body, "string");
  const text = e.body as string;
  assert.ok(text.length <= 64 * KIB + 1, `kept ${text.length} characters`);
  assert.ok(text.startsWith("a".repeat(64 * KIB)) && text.endsWith("…"), "cut, and marked as cut");
  assert.ok(body.sent() <= 96 * KIB, `read ${body.sent()} bytes of 4 MiB`);
  assert.ok(body.cancelled(), "the rest of the body was cancelled");
  assert.ok(e.message.length < 1_000);
});

Deno.test("hardening: an endless error body ends the call with the status, not a memory exhaustion", async () => {
  const body = counted(Infinity, "<");
  const e = await rejection(httpGet(client(() => new Response(body.stream, { status: 502 })), "/x"));
  assert.ok(e instanceof GitLabHTTPError, String(e));
  assert.equal(e.status, 502);
  assert.ok(body.sent() <= 96 * KIB, `read ${body.sent()} bytes`);
  assert.ok(body.cancelled());
});

Deno.test("hardening: a cut multi-byte character and a cut JSON error body stay text", async () => {
  const euro = counted(200 * KIB, "€".repeat(1)); // 3 bytes each: 64 KiB falls inside a character
  const a = await rejection(httpGet(client(() => new Response(euro.stream, { status: 400 })), "/x"));
  assert.ok(a instanceof GitLabHTTPError);
  const text = a.body as string;
  assert.ok(/^€+…$/.test(text), "whole characters only, then the mark");
  const big = JSON.stringify({ message: "m".repeat(100 * KIB) });
  const b = await rejection(httpGet(client(() => new Response(big, { status: 400 })), "/x"));
  assert.ok(b instanceof GitLabHTTPError);
  assert.equal(b.status, 400);
  assert.equal(typeof b.body, "string", "a cut JSON body is not parsed");
  const small = await rejection(
    httpGet(client(() => new Response('{"message":"gone"}', { status: 410 })), "/x"),
  );
  assert.deepEqual((small as GitLabHTTPError).body, { message: "gone" }, "an ordinary JSON body is parsed");
});

Deno.test("hardening: a JSON body whose Content-Length is over the limit is refused unread", async () => {
  const body = counted(1 * KIB);
  const headers = { "content-type": "application/json", "content-length": String(64 * 1024 * KIB + 1) };
  const e = await rejection(httpGet(client(() => new Response(body.stream, { headers })), "/x"));
  assert.ok(e instanceof GitLabError, String(e));
  assert.ok(!(e instanceof GitLabHTTPError));
  assert.match(e.message, /larger than the limit of 67108864 bytes/);
  assert.equal(body.sent(), 0, "nothing was read");
  const ok = { "content-type": "application/json", "content-length": "8" };
  assert.deepEqual(await httpGet(client(() => new Response('{"a":1}', { headers: ok })), "/x"), { a: 1 });
});

const DEEP: Record<string, string> = {
  "message: nested arrays": `{"message":${"[".repeat(20_000)}${"]".repeat(20_000)}}`,
  "message: a field with nested arrays": `{"message":{"f":${"[".repeat(20_000)}${"]".repeat(20_000)}}}`,
  "error: nested objects": `{"error":${'{"a":'.repeat(10_000)}1${"}".repeat(10_001)}`,
  "a bare nested array": `${"[".repeat(30_000)}${"]".repeat(30_000)}`,
  "nested strings and arrays": `{"message":[${'["[",'.repeat(8_000)}1${"]".repeat(8_000)}]}`,
};

Deno.test("hardening: a deeply nested JSON error body keeps the status and the error class", async () => {
  for (const [label, body] of Object.entries(DEEP)) {
    assert.ok(body.length < 64 * KIB, label);
    const e = await rejection(httpGet(client(() => new Response(body, { status: 422 })), "/x"));
    assert.ok(e instanceof GitLabHTTPError, `${label}: got ${String(e)}`);
    assert.equal(e.status, 422, label);
    assert.match(e.message, /422 Unprocessable Entity/, label);
    JSON.stringify(e); // a logger can still print it
    String(e);
  }
});

Deno.test("hardening: GitLabHTTPError built from a deeply nested body value does not throw", () => {
  let deep: unknown = "leaf";
  for (let i = 0; i < 100_000; i++) deep = [deep];
  for (const body of [{ message: deep }, { message: { field: deep } }, { error: deep }, { other: deep }]) {
    const e = new GitLabHTTPError({
      method: "GET",
      url: `${BASE}/api/v4/x`,
      status: 400,
      body: body as never,
    });
    assert.equal(e.status, 400);
    assert.match(e.message, /400 Bad Request/);
  }
  const ordinary = new GitLabHTTPError({
    method: "GET",
    url: `${BASE}/api/v4/x`,
    status: 400,
    body: { message: { name: ["has already been taken", "is too short"], path: ["is invalid"] } },
  });
  assert.match(ordinary.message, /: name has already been taken, is too short; path is invalid$/);
});
