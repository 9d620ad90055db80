/**
 * Fault helpers: cancellable delays, hanging, dropped and slow bodies.
 *
 * @module
 */

import { reasonPhrase } from "../errors.ts";
import type { Fault } from "./types.ts";

const SUCCESS_TEXT: Record<number, string> = {
  200: "OK",
  201: "Created",
  202: "Accepted",
  204: "No Content",
  304: "Not Modified",
};

/** @internal reason phrase of a status code. */
export function statusText(status: number): string {
  return SUCCESS_TEXT[status] ?? reasonPhrase(status) ??
    (status >= 500 ? "Server Error" : status >= 400 ? "Client Error" : "");
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The operation was aborted.", "AbortError");
}

/** @internal waits `ms`, rejecting (and clearing the timer) when `signal` aborts. */
export function delay(ms: number, signal: AbortSignal | null): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** @internal never settles until `signal` aborts; no timers are used. */
export function hang(signal: AbortSignal | null): Promise<never> {
  return new Promise<never>((_, reject) => {
    if (!signal) return;
    if (signal.aborted) {
      reject(abortReason(signal));
      return;
    }
    signal.addEventListener("abort", () => reject(abortReason(signal)), { once: true });
  });
}

/** @internal a fault with its remaining count. */
export interface QueuedFault {
  fault: Fault;
  remaining: number;
}

/** @internal whether a fault applies to a request. */
export function faultMatches(f: Fault, method: string, apiPath: string): boolean {
  if (f.method && f.method.toUpperCase() !== method) return false;
  if (f.path === undefined) return true;
  if (typeof f.path === "string") {
    if (f.path === apiPath) return true;
    try {
      return f.path === decodeURIComponent(apiPath) ||
        decodeURIComponent(f.path) === decodeURIComponent(apiPath);
    } catch {
      return false;
    }
  }
  f.path.lastIndex = 0;
  return f.path.test(apiPath);
}

/** The simulated throttle a 429 fault reports (GitLab's headers are normalized to a 60-second window). */
const THROTTLE = { name: "throttle_authenticated_api", limit: 120, periodSeconds: 60 } as const;

/**
 * Adds the headers GitLab's Rack::Attack throttle sends with a 429 (`lib/gitlab/rack_attack.rb`) where the
 * fault does not set them. When the fault sets its own timing (`Retry-After` or `RateLimit-Reset`), no other
 * timing header is made up: a client may read either, against its own clock.
 */
function addThrottleHeaders(headers: Headers, now: Date): void {
  const epoch = Math.floor(now.getTime() / 1000);
  const defaults: Record<string, string> = {
    "ratelimit-name": THROTTLE.name,
    "ratelimit-limit": String(THROTTLE.limit),
    "ratelimit-observed": String(THROTTLE.limit + 1),
    "ratelimit-remaining": "0",
  };
  if (!headers.has("retry-after") && !headers.has("ratelimit-reset") && !headers.has("ratelimit-resettime")) {
    const retryAfter = THROTTLE.periodSeconds - (epoch % THROTTLE.periodSeconds);
    defaults["ratelimit-reset"] = String(epoch + retryAfter);
    defaults["ratelimit-resettime"] = new Date((epoch + retryAfter) * 1000).toUTCString();
    defaults["retry-after"] = String(retryAfter);
  }
  for (const [k, v] of Object.entries(defaults)) if (!headers.has(k)) headers.set(k, v);
}

/**
 * @internal the canned response of a fault. A 429 without a body is GitLab's throttle answer: plain-text
 * `Retry later` with `Retry-After` and `RateLimit-*` headers.
 */
export function cannedResponse(f: Fault, requestId: string, now: Date): Response {
  const status = f.status ?? 200;
  const headers = new Headers(f.headers ?? {});
  headers.set("x-request-id", requestId);
  let body: string | null = f.body ?? null;
  if (status === 429) addThrottleHeaders(headers, now);
  if (body === null && status === 429) {
    body = "Retry later\n";
    if (!headers.has("content-type")) headers.set("content-type", "text/plain");
  } else if (body === null && status >= 400) {
    body = JSON.stringify({ message: `${status} ${statusText(status)}` });
  }
  if (body !== null && !headers.has("content-type")) {
    const t = body.trimStart();
    headers.set(
      "content-type",
      t.startsWith("{") || t.startsWith("[")
        ? "application/json"
        : t.startsWith("<")
        ? "text/html; charset=utf-8"
        : "text/plain; charset=utf-8",
    );
  }
  const noBody = status === 204 || status === 304 || (status >= 100 && status < 200);
  return new Response(noBody ? null : body, { status, statusText: statusText(status), headers });
}

async function readAll(res: Response): Promise<Uint8Array> {
  return new Uint8Array(await res.arrayBuffer());
}

function rebuild(res: Response, body: ReadableStream<Uint8Array> | null): Response {
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
}

/**
 * @internal wraps a response so the body is sent in several chunks `ms` apart,
 * optionally failing (network error) after part of it.
 */
export async function reshapeBody(
  res: Response,
  opts: { slowBody?: number; dropMidBody?: boolean },
  signal: AbortSignal | null,
): Promise<Response> {
  if (res.body === null) {
    if (!opts.dropMidBody) return res;
  }
  const bytes = res.body === null ? new Uint8Array(0) : await readAll(res);
  const pieces = Math.min(Math.max(4, opts.slowBody ? 4 : 2), Math.max(1, bytes.length));
  const size = Math.max(1, Math.ceil(bytes.length / pieces));
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  // for a mid-body drop send roughly half the body, then fail
  const sendCount = opts.dropMidBody ? Math.max(1, Math.floor(chunks.length / 2)) : chunks.length;
  const ms = opts.slowBody ?? 0;
  let index = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const cleanup = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (onAbort) signal?.removeEventListener("abort", onAbort);
    onAbort = undefined;
  };
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      if (signal) {
        onAbort = () => {
          cleanup();
          try {
            controller.error(abortReason(signal));
          } catch { /* already closed */ }
        };
        if (signal.aborted) onAbort();
        else signal.addEventListener("abort", onAbort, { once: true });
      }
    },
    pull(controller) {
      const step = () => {
        if (index < sendCount && index < chunks.length) {
          controller.enqueue(chunks[index++]);
          if (!opts.dropMidBody && index >= chunks.length) {
            cleanup();
            controller.close();
          }
          return;
        }
        cleanup();
        if (opts.dropMidBody) {
          controller.error(new TypeError("network error: connection reset mid-body (simulated)"));
        } else controller.close();
      };
      if (ms > 0 && index > 0) {
        return new Promise<void>((resolve) => {
          timer = setTimeout(() => {
            timer = undefined;
            step();
            resolve();
          }, ms);
        });
      }
      step();
    },
    cancel() {
      cleanup();
    },
  }, { highWaterMark: 0 });
  return rebuild(res, stream);
}
