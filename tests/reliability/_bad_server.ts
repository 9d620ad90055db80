/**
 * A purpose-built misbehaving GitLab for the reliability tests: any `Request → Response` handler served
 * over loopback HTTP through `@gitlab-edge/client/testing/server` (node:http, so Deno, Node and Bun alike), with
 * every request recorded, and helpers for bodies that hang, stall, trickle or break mid-way. Every timer
 * these helpers start is cleared when the request is aborted or the server closes.
 *
 * @module
 */

import { serve } from "@gitlab-edge/client/testing/server";
import { type RetryPolicy, retryPolicy } from "@gitlab-edge/client";

/** One request as the server received it. */
export interface Hit {
  readonly method: string;
  /** Path and query, e.g. `/api/v4/projects/1?x=1`. */
  readonly path: string;
  /** Headers with lower-case names. */
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** A running misbehaving server. */
export interface BadServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly hits: Hit[];
  /** Hits whose method matches (any when omitted). */
  count(method?: string): number;
  close(): Promise<void>;
}

/** What a handler gets: the request, its recorded hit, and its 1-based number on this server. */
export type Handler = (request: Request, hit: Hit, n: number) => Response | Promise<Response>;

/** Starts a server for `handler` on 127.0.0.1 (a free port). */
export async function badServer(handler: Handler): Promise<BadServer> {
  const hits: Hit[] = [];
  const server = await serve(async (request) => {
    const u = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => (headers[k] = v));
    const body = request.method === "GET" || request.method === "HEAD" ? "" : await request.text();
    const hit: Hit = { method: request.method, path: u.pathname + u.search, headers, body };
    hits.push(hit);
    return await handler(request, hit, hits.length);
  });
  return {
    url: server.url,
    hits,
    count: (method) => hits.filter((h) => method === undefined || h.method === method).length,
    close: () => server.close(),
  };
}

/** A JSON response. */
export function json(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json");
  return new Response(JSON.stringify(data), { ...init, headers });
}

/** Never settles until the request is aborted (the client gave up or the server closes); no timers. */
export function hang(request: Request): Promise<never> {
  return new Promise((_, reject) => {
    if (request.signal.aborted) reject(request.signal.reason);
    request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true });
  });
}

/** A response whose body sends `prefix` and then fails, so the server cuts the connection mid-body. */
export function brokenBody(prefix: string, status = 200): Response {
  const bytes = new TextEncoder().encode(prefix);
  let sent = false;
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      if (!sent) {
        sent = true;
        c.enqueue(bytes);
      } else c.error(new Error("connection reset by the bad server"));
    },
  }, { highWaterMark: 0 });
  // A Content-Length longer than what is sent makes the cut detectable by every client; without it, a
  // close-delimited body would look complete.
  const headers = { "content-type": "application/json", "content-length": String(bytes.length + 64) };
  return new Response(body, { status, headers });
}

/** A body sent in `chunks`, `ms` apart; the timer is cleared if the request is aborted or the body cancelled. */
export function slowBody(request: Request, chunks: readonly string[], ms: number): Response {
  const enc = new TextEncoder();
  let i = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wake: (() => void) | undefined;
  const stop = (): void => {
    clearTimeout(timer);
    timer = undefined;
    wake?.();
  };
  request.signal.addEventListener("abort", stop, { once: true });
  const body = new ReadableStream<Uint8Array>({
    async pull(c) {
      if (i > 0) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, ms);
        });
        if (request.signal.aborted) {
          c.error(request.signal.reason);
          return;
        }
      }
      c.enqueue(enc.encode(chunks[i++]));
      if (i >= chunks.length) {
        request.signal.removeEventListener("abort", stop);
        c.close();
      }
    },
    cancel() {
      stop();
      request.signal.removeEventListener("abort", stop);
    },
  }, { highWaterMark: 0 });
  return new Response(body, { headers: { "content-type": "application/json" } });
}

/** A redirect to `location`. */
export function redirect(location: string, status = 302): Response {
  return new Response(null, { status, headers: { location } });
}

/** Sleeps `ms` with a timer cleared on abort. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const abort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", abort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", abort, { once: true });
  });
}

/**
 * A retry policy for tests: 3 attempts, backoff 10 ms then 20 ms (`random` fixed at 0.5), and a sleep
 * that records the wait the policy asked for but really sleeps only 1/100 of it (at most 50 ms), so a
 * `Retry-After: 2` is observed as a 2000 ms wait without taking two seconds.
 */
export function testPolicy(
  overrides: Partial<RetryPolicy> = {},
): { policy: RetryPolicy; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    policy: retryPolicy({
      maxAttempts: 3,
      baseDelay: 20,
      maxDelay: 5_000,
      maxElapsed: 10_000,
      random: () => 0.5,
      sleep: (ms, signal) => {
        waits.push(ms);
        return sleep(Math.min(50, ms / 100), signal);
      },
      ...overrides,
    }),
  };
}
