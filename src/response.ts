/**
 * Turning a `Response` into a result: JSON (empty for 204), a stream, or a `GitLabHTTPError` built
 * from GitLab's error body.
 *
 * What is read is bounded: a JSON body up to a limit (64 MiB unless the client sets another), an error
 * body up to 64 KiB (the rest is cancelled, unread). A body handed over as a stream is not limited: you
 * read it.
 *
 * @module
 */

import {
  GitLabError,
  type GitLabErrorBody,
  GitLabHTTPError,
  GitLabNetworkError,
  GitLabTimeoutError,
} from "./errors.ts";
import { attemptsOf, serverDelay } from "./middleware/retry.ts";
import { deadlineOf, untilAborted } from "./middleware/timeout.ts";

/**
 * The default limit of a JSON body the client reads: 64 MiB. A larger body is refused with a
 * `GitLabError` as soon as its size is known (its `Content-Length`, or the bytes read so far), and the
 * rest of it is not read.
 *
 * @example
 * ```ts
 * import { MAX_JSON_BYTES } from "./response.ts";
 * MAX_JSON_BYTES; // 67108864
 * ```
 */
export const MAX_JSON_BYTES = 64 * 1024 * 1024;

/**
 * How much of an error body is read and kept on the error: 64 KiB (a longer body is cut, marked with
 * "…", and the rest is cancelled unread).
 *
 * @example
 * ```ts
 * import { MAX_ERROR_BODY_BYTES } from "./response.ts";
 * MAX_ERROR_BODY_BYTES; // 65536
 * ```
 */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** An error body nested deeper than this is kept as text, not parsed (GitLab's go 3 levels deep). */
const MAX_ERROR_DEPTH = 32;

/**
 * Throws `GitLabHTTPError` when `response` is not 2xx (reading and parsing its body), else returns it.
 * At most {@linkcode MAX_ERROR_BODY_BYTES} of the body are read. When the caller's signal aborts while
 * the body is read, its reason is thrown.
 *
 * @example
 * ```ts
 * import { ensureOk } from "./response.ts";
 * const r = new Response('{"message":"404 Project Not Found"}', { status: 404 });
 * await ensureOk(r, "GET", "https://gitlab.example.com/api/v4/projects/9").catch((e) => e.message);
 * // "GET https://gitlab.example.com/api/v4/projects/9: 404: 404 Project Not Found"
 * ```
 */
export async function ensureOk(
  response: Response,
  method: string,
  url: string,
  deadline?: AbortSignal,
): Promise<Response> {
  if (response.ok) return response;
  const signal = deadline ?? deadlineOf(response);
  let body: GitLabErrorBody | string | undefined;
  try {
    const { text, cut } = await read(response, signal, MAX_ERROR_BODY_BYTES, true);
    body = text === "" ? undefined : cut ? text + "…" : text;
    if (!cut && /^\s*[{[]/.test(text) && !nestedDeeperThan(text, MAX_ERROR_DEPTH)) {
      body = JSON.parse(text) as GitLabErrorBody;
    }
  } catch {
    // An abort by the caller rejects with its reason. Otherwise (the deadline passed, the body is
    // unreadable or not JSON) what was read is kept, or nothing: the status says enough.
    if (signal?.aborted && !(signal.reason instanceof GitLabTimeoutError)) throw signal.reason;
  }
  const retryAfter = serverDelay(response.headers, Date.now());
  throw new GitLabHTTPError({
    method,
    url,
    status: response.status,
    statusText: response.statusText,
    requestId: response.headers.get("x-request-id"),
    body,
    retryAfter: retryAfter === undefined ? undefined : Math.ceil(retryAfter / 1000),
    attempts: attemptsOf.get(response),
  });
}

/**
 * Reads a successful response as JSON; an empty body (204, 202 without content) gives `undefined`.
 * A body cut short becomes `GitLabNetworkError`, invalid JSON a `GitLabError`, a body larger than
 * `maxBytes` (default {@linkcode MAX_JSON_BYTES}) a `GitLabError`, unread beyond the limit; when
 * `deadline` aborts first, its reason (a `GitLabTimeoutError`, or the reason of the caller's signal
 * whatever it is) is thrown and the body cancelled.
 *
 * @example
 * ```ts
 * import { readJson } from "./response.ts";
 * await readJson(new Response('{"id":1}'), "GET", "https://gitlab.example.com/api/v4/projects/1"); // { id: 1 }
 * ```
 */
export async function readJson(
  response: Response,
  method: string,
  url: string,
  deadline?: AbortSignal,
  maxBytes: number = MAX_JSON_BYTES,
): Promise<unknown> {
  if (!response.ok) await ensureOk(response, method, url, deadline);
  const signal = deadline ?? deadlineOf(response);
  let text: string;
  try {
    const length = response.headers.get("content-length");
    const size = length !== null && /^\s*\d+\s*$/.test(length) ? Number(length) : -1;
    if (size > maxBytes) throw new TooLarge();
    if (size >= 0 && response.headers.get("content-encoding") === null) {
      // Its size is known, within the limit, and what arrives is what was counted (not decompressed):
      // read whole by the runtime, far cheaper than chunk by chunk. The abort of the request ends it.
      text = await (signal ? untilAborted(response.text(), signal) : response.text());
    } else {
      text = (await read(response, signal, maxBytes, false)).text;
    }
  } catch (cause) {
    const attempts = attemptsOf.get(response);
    if (cause instanceof TooLarge) {
      response.body?.cancel().catch(() => {});
      throw new GitLabError(`response body is larger than the limit of ${maxBytes} bytes`, {
        method,
        url,
        attempts,
      });
    }
    if (signal?.aborted) throw signal.reason;
    if (cause instanceof GitLabError || (cause instanceof Error && cause.name === "AbortError")) throw cause;
    throw new GitLabNetworkError({ method, url, cause, attempts });
  }
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new GitLabError(`response is not valid JSON (${text.length} bytes)`, { method, url, cause });
  }
}

/** Thrown inside {@linkcode read} when a body is larger than its limit. */
class TooLarge extends Error {}

/** Decodes whole bodies (never a part of one: it keeps no state between calls). */
const DECODER = new TextDecoder();

/**
 * Reads the body as UTF-8 text, at most `limit` bytes: beyond them, it is cut (`truncate`, and `cut` is
 * `true`) or refused (`TooLarge`), and the rest is cancelled unread. The reading races `signal`: when it
 * aborts, its reason is thrown and the body cancelled.
 */
function read(
  response: Response,
  signal: AbortSignal | undefined,
  limit: number,
  truncate: boolean,
): Promise<{ text: string; cut: boolean }> {
  const stream = response.body;
  if (stream === null) return Promise.resolve({ text: "", cut: false });
  let reader: ReadableStreamDefaultReader<Uint8Array> | ReadableStreamBYOBReader = stream.getReader();
  const reading = (async () => {
    let chunks: Uint8Array[] = [];
    let size = 0;
    for (let n = 0; size <= limit; n++) {
      if (n === 2) {
        // Still more after two chunks: a large body. Where the runtime's body is a byte stream (Deno,
        // Node, Workers), read the rest into one growing buffer: far cheaper than a chunk at a time.
        const byob = byobReader(stream, reader as ReadableStreamDefaultReader<Uint8Array>);
        if (byob) {
          reader = byob;
          const whole = await fill(byob, chunks, size, limit);
          chunks = [whole];
          size = whole.byteLength;
          break;
        }
        reader = stream.getReader();
      }
      const { done, value } = await (reader as ReadableStreamDefaultReader<Uint8Array>).read();
      if (done) break;
      if (!ArrayBuffer.isView(value)) throw new TypeError("the response body sent a chunk that is not bytes");
      chunks.push(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      size += value.byteLength;
    }
    if (size > limit) {
      reader.cancel().catch(() => {});
      if (!truncate) throw new TooLarge();
      // Stops at the limit; a character cut in two is dropped (the decoder is never flushed).
      const decoder = new TextDecoder();
      let left = limit;
      const parts: string[] = [];
      for (const c of chunks) {
        if (left <= 0) break;
        parts.push(decoder.decode(c.byteLength > left ? c.subarray(0, left) : c, { stream: true }));
        left -= c.byteLength;
      }
      return { text: parts.join(""), cut: true };
    }
    if (chunks.length <= 1) return { text: chunks.length ? DECODER.decode(chunks[0]) : "", cut: false };
    return { text: DECODER.decode(concat(chunks, size)), cut: false };
  })();
  return (signal ? untilAborted(reading, signal) : reading).catch((e) => {
    reader.cancel().catch(() => {});
    throw e;
  });
}

/**
 * `stream`'s reader in `{ mode: "byob" }` in place of `current` (released), where the body is a byte stream;
 * else `undefined`, with `stream` unlocked again.
 */
function byobReader(
  stream: ReadableStream<Uint8Array>,
  current: ReadableStreamDefaultReader<Uint8Array>,
): ReadableStreamBYOBReader | undefined {
  current.releaseLock();
  try {
    return stream.getReader({ mode: "byob" });
  } catch {
    return undefined;
  }
}

/**
 * The bytes read so far (`chunks`, `size` in all) and the rest of the body, read by `reader` into one buffer
 * that doubles as needed, never past `limit` and one byte (past `limit`, it stops there).
 */
async function fill(
  reader: ReadableStreamBYOBReader,
  chunks: readonly Uint8Array[],
  size: number,
  limit: number,
): Promise<Uint8Array> {
  // `size` is at most `limit` here: the buffer holds what was read and at least one byte more.
  let buffer = concat(chunks, Math.min(Math.max(size * 4, 64 * 1024), limit + 1));
  let at = size;
  while (at <= limit) {
    if (at === buffer.byteLength) {
      const grown = new Uint8Array(Math.min(buffer.byteLength * 2, limit + 1));
      grown.set(buffer);
      buffer = grown;
    }
    const { done, value } = await reader.read(new Uint8Array(buffer.buffer, at, buffer.byteLength - at));
    // The buffer was handed over: it comes back as `value`'s (at the end, it may not come back).
    if (value) buffer = new Uint8Array(value.buffer);
    if (done) break;
    at += value!.byteLength;
  }
  return buffer.subarray(0, at);
}

/** `chunks` one after another at the start of a new buffer of `capacity` bytes (at least their size). */
function concat(chunks: readonly Uint8Array[], capacity: number): Uint8Array {
  const whole = new Uint8Array(capacity);
  let at = 0;
  for (const c of chunks) {
    whole.set(c, at);
    at += c.byteLength;
  }
  return whole;
}

/** Whether the JSON `text` nests arrays and objects deeper than `max` (one pass, strings skipped). */
function nestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
