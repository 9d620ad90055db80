// A JSON body the client reads is capped (64 MiB by default): a larger or endless one is refused with a
// GitLabError as soon as the limit is passed, and the rest is not read. A stream handed to the caller is
// not capped. (Outside tests/conformance/: these bodies are tens of MiB, more than a workerd isolate
// should be asked to hold.)
import assert from "node:assert/strict";
import { createClient, GitLabError, GitLabHTTPError, httpGet, httpStream } from "@gitlab-edge/client";
import { rejection } from "../_helpers.ts";

const BASE = "https://gitlab.example.com";
const MIB = 1024 * 1024;
const LIMIT = 64 * MIB;

/**
 * A JSON string body of `total` bytes (`"aaa…a"`), sent as 1 MiB chunks without a Content-Length,
 * counting the bytes pulled from it; `Infinity` never ends (it fails once read 32 MiB past the limit).
 */
function jsonString(total: number) {
  const filler = new TextEncoder().encode("a".repeat(MIB));
  const quote = new TextEncoder().encode('"');
  let sent = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (sent === 0) {
        sent = 1;
        return c.enqueue(quote);
      }
      // "Endless" stops somewhere: a client that reads on past its limit fails here instead of
      // exhausting the machine's memory.
      if (sent > LIMIT + 32 * MIB) return c.error(new Error("the client read far past its limit"));
      const left = total - 1 - sent; // filler bytes still to send, before the closing quote
      if (left > 0) {
        const part = filler.subarray(0, Math.min(filler.length, left));
        sent += part.length;
        return c.enqueue(part);
      }
      if (sent === total - 1) {
        sent = total;
        return c.enqueue(quote);
      }
      c.close();
    },
    cancel() {
      cancelled = true;
    },
  }, { highWaterMark: 0 });
  return { stream, sent: () => sent, cancelled: () => cancelled };
}

function client(body: ReadableStream<Uint8Array>) {
  return createClient({
    baseUrl: BASE,
    retry: false,
    fetch: () => Promise.resolve(new Response(body, { headers: { "content-type": "application/json" } })),
  });
}

Deno.test("body limits: a JSON body over 64 MiB is refused once the limit is passed, the rest unread", async () => {
  const body = jsonString(LIMIT + 16 * MIB);
  const e = await rejection(httpGet(client(body.stream), "/projects/1/big"));
  assert.ok(e instanceof GitLabError, String(e));
  assert.ok(!(e instanceof GitLabHTTPError));
  assert.match(e.message, /larger than the limit of 67108864 bytes/);
  assert.equal(e.url, `${BASE}/api/v4/projects/1/big`);
  assert.ok(body.sent() <= LIMIT + MIB + 1, `read ${body.sent()} bytes`);
  assert.ok(body.cancelled(), "the rest of the body was cancelled");
});

Deno.test("body limits: an endless JSON body is refused at the limit", async () => {
  const body = jsonString(Infinity);
  const e = await rejection(httpGet(client(body.stream), "/x"));
  assert.ok(e instanceof GitLabError, String(e));
  assert.match(e.message, /larger than the limit/);
  assert.ok(body.sent() <= LIMIT + MIB + 1, `read ${body.sent()} bytes`);
});

Deno.test("body limits: a JSON body under the limit is read whole", async () => {
  const body = jsonString(16 * MIB);
  const value = await httpGet(client(body.stream), "/x");
  assert.equal(typeof value, "string");
  assert.equal((value as string).length, 16 * MIB - 2);
});

Deno.test("body limits: a stream handed to the caller is not capped", async () => {
  const body = jsonString(LIMIT + 16 * MIB);
  const stream = await httpStream(client(body.stream), "/projects/1/repository/archive");
  let bytes = 0;
  for await (const chunk of stream) bytes += chunk.byteLength;
  assert.equal(bytes, LIMIT + 16 * MIB);
});
