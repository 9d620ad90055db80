// Bodies of unknown size (no Content-Length, or compressed), read under the client's size limit: in one
// growing buffer where the body is a byte stream, a chunk at a time where it is not.
import assert from "node:assert/strict";
import { createClient, GitLabError, GitLabHTTPError, httpGet } from "@gitlab-edge/client";

const BASE = "https://gitlab.example.com";
const encoder = new TextEncoder();

/** Whether this runtime's own byte streams take a reader in `{ mode: "byob" }`. */
const byteStreams = (() => {
  try {
    new ReadableStream({ type: "bytes" }).getReader({ mode: "byob" }).releaseLock();
    return true;
  } catch {
    return false;
  }
})();

/** What a body stream saw: how many pulls came with a buffer to fill, and whether it was cancelled. */
interface Seen {
  byob: number;
  pulls: number;
  cancelled: boolean;
}

/** A byte stream (or, with `bytes: false`, a plain one) sending `data` in chunks of `size` bytes. */
function body(
  data: Uint8Array,
  size: number,
  bytes = true,
): { stream: ReadableStream<Uint8Array>; seen: Seen } {
  const seen: Seen = { byob: 0, pulls: 0, cancelled: false };
  let at = 0;
  const cancel = () => {
    seen.cancelled = true;
  };
  if (!bytes) {
    return {
      seen,
      stream: new ReadableStream<Uint8Array>({
        pull(controller) {
          seen.pulls++;
          if (at >= data.byteLength || seen.pulls > 10_000) return controller.close();
          controller.enqueue(data.slice(at, at + size));
          at += size;
        },
        cancel,
      }),
    };
  }
  const stream = new ReadableStream({
    type: "bytes",
    pull(controller) {
      seen.pulls++;
      if (at >= data.byteLength || seen.pulls > 10_000) {
        controller.close();
        controller.byobRequest?.respond(0);
        return;
      }
      const request = controller.byobRequest;
      if (request?.view) {
        seen.byob++;
        const view = new Uint8Array(request.view.buffer, request.view.byteOffset, request.view.byteLength);
        const n = Math.min(size, view.byteLength, data.byteLength - at);
        view.set(data.subarray(at, at + n));
        at += n;
        request.respond(n);
      } else {
        controller.enqueue(data.slice(at, at + size));
        at += size;
      }
    },
    cancel,
  }) as ReadableStream<Uint8Array>;
  return { stream, seen };
}

function client(response: () => Response, maxResponseBytes?: number) {
  return createClient({
    baseUrl: BASE,
    retry: false,
    fetch: () => Promise.resolve(response()),
    ...(maxResponseBytes ? { maxResponseBytes } : {}),
  });
}

/** 300 items with names of every width of UTF-8 (1 to 4 bytes), so that chunks cut characters in two. */
const items = Array.from({ length: 300 }, (_, i) => ({ id: i, name: `é€😀-${i}-${"x".repeat(i % 50)}` }));
const payload = encoder.encode(JSON.stringify(items));

Deno.test("a large body of unknown size: read whole, characters cut by chunks intact", async () => {
  for (const bytes of [true, false]) {
    const { stream, seen } = body(payload, 1_000, bytes);
    const got = await httpGet(client(() => new Response(stream)), "/projects");
    assert.deepEqual(got, items, `bytes: ${bytes}`);
    assert.ok(seen.pulls > 3);
    if (bytes && byteStreams) {
      // Past the first two chunks, the rest is read into buffers the client hands the stream.
      assert.ok(seen.byob > 0, "no pull came with a buffer to fill");
    } else assert.equal(seen.byob, 0);
  }
});

Deno.test("a small body of unknown size: two reads, no buffer of the client's", async () => {
  const { stream, seen } = body(encoder.encode('{"id":1}'), 1_000);
  assert.deepEqual(await httpGet(client(() => new Response(stream)), "/projects/1"), { id: 1 });
  assert.equal(seen.byob, 0);
});

Deno.test("a body of unknown size over the limit: refused, and the rest cancelled unread", async () => {
  for (const bytes of [true, false]) {
    const big = new Uint8Array(200_000).fill(0x20);
    const { stream, seen } = body(big, 4_096, bytes);
    await assert.rejects(
      httpGet(client(() => new Response(stream), 50_000), "/projects"),
      (e: unknown) =>
        e instanceof GitLabError && !(e instanceof GitLabHTTPError) &&
        /larger than the limit of 50000 bytes/.test(e.message),
    );
    assert.equal(seen.cancelled, true, `bytes: ${bytes}`);
    // It stopped reading near the limit, not at the end of the body.
    assert.ok(seen.pulls < 200_000 / 4_096, `read ${seen.pulls} chunks`);
  }
});

Deno.test("a body of exactly the limit is read", async () => {
  const text = JSON.stringify("y".repeat(49_998)); // 50,000 bytes
  for (const bytes of [true, false]) {
    const { stream } = body(encoder.encode(text), 3_000, bytes);
    assert.equal(await httpGet(client(() => new Response(stream), 50_000), "/x"), "y".repeat(49_998));
  }
});

Deno.test("an error body of unknown size: its message read from a byte stream", async () => {
  const message = { message: { name: ["has already been taken"], path: ["is too long"] } };
  const padded = encoder.encode(JSON.stringify({ ...message, padding: "p".repeat(20_000) }));
  const { stream } = body(padded, 2_000);
  await assert.rejects(
    httpGet(client(() => new Response(stream, { status: 400 })), "/projects"),
    (e: unknown) =>
      e instanceof GitLabHTTPError && e.status === 400 && /has already been taken/.test(e.message),
  );
});
