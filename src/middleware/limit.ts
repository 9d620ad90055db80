/**
 * Client-side limits for scripts that fan out: {@linkcode limitConcurrency} (at most `n` calls in
 * flight, the rest wait in a FIFO queue) and {@linkcode rateBudget} (a token bucket of requests per
 * minute). Put them in `createClient({ middleware: [...] })`; one instance is shared by every call made
 * through that client, so `Promise.all` over hundreds of calls cannot trip GitLab's rate limits.
 *
 * Both run as your middleware, before the built-in timeout, retry, redirects and auth: they count
 * calls (each page of a list is one call), a call's retries and redirects are not counted again (retries
 * wait as the server asks), and time spent waiting here does not count against `timeout` (use `signal`
 * to give up waiting).
 *
 * @module
 */

import type { Middleware } from "../pipeline.ts";

/**
 * Allows at most `n` calls in flight at once through the clients that share this middleware; further
 * calls wait in a first-in, first-out queue. A call holds its slot until its response headers arrive or
 * it fails (the body is not waited for, so a stream you keep open cannot block other calls). A call
 * whose `signal` aborts while queued leaves the queue at once and rejects with the signal's reason,
 * without being sent.
 *
 * @param n The number of calls allowed in flight, a positive integer.
 * @throws {RangeError} when `n` is not a positive integer.
 *
 * @example
 * ```ts
 * import { createClient, getProject, limitConcurrency } from "@gitlab-edge/client";
 * const client = createClient({
 *   baseUrl: "https://gitlab.example.com",
 *   token: "glpat-example",
 *   middleware: [limitConcurrency(4)],
 * });
 * // 100 calls, never more than 4 at a time:
 * // const projects = await Promise.all(ids.map((id) => getProject(client, id)));
 * ```
 */
export function limitConcurrency(n: number): Middleware {
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 1) {
    throw new RangeError(`limitConcurrency(): parameter "n" must be a positive integer, got ${String(n)}`);
  }
  let active = 0;
  const queue: { start: () => void }[] = [];
  const release = (): void => {
    const waiter = queue.shift();
    if (waiter) waiter.start();
    else active--;
  };
  const acquire = (signal: AbortSignal): Promise<void> => {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (active < n) {
      active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        start: (): void => {
          signal.removeEventListener("abort", onAbort);
          resolve(); // the slot passes from the releasing call to this one: `active` is unchanged
        },
      };
      const onAbort = (): void => {
        const i = queue.indexOf(waiter);
        if (i >= 0) queue.splice(i, 1);
        reject(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      queue.push(waiter);
    });
  };
  return async function limitConcurrency(request, next) {
    await acquire(request.signal);
    try {
      return await next(request);
    } finally {
      release();
    }
  };
}

/**
 * Options for {@linkcode rateBudget}.
 *
 * @example
 * ```ts
 * import { createClient, rateBudget, type RateBudgetOptions } from "@gitlab-edge/client";
 * // Below GitLab.com's 2000 calls a minute for authenticated API use, in bursts of up to 20.
 * const budget: RateBudgetOptions = { requestsPerMinute: 1800, burst: 20 };
 * const client = createClient({
 *   baseUrl: "https://gitlab.example.com",
 *   token: "glpat-example",
 *   middleware: [rateBudget(budget)],
 * });
 * ```
 */
export interface RateBudgetOptions {
  /** The sustained rate: calls per minute, a positive number (e.g. GitLab's 2000 for authenticated API use). */
  readonly requestsPerMinute: number;
  /** Calls allowed at once before the spacing starts, a positive integer. Default 1 (calls evenly spaced). */
  readonly burst?: number;
  /** The clock in milliseconds. Default `Date.now`. Injectable for tests. */
  readonly now?: () => number;
  /** Sleeps `ms`, rejecting with `signal.reason` when it aborts. Injectable for tests. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/**
 * A token bucket shared by every call through the clients that use this middleware: it holds `burst`
 * tokens, refills at `requestsPerMinute / 60000` tokens per millisecond, and each call takes one,
 * waiting (in arrival order) for the next token when none is left. With the default `burst` of 1 calls
 * start at least `60000 / requestsPerMinute` ms apart, so no 60-second window holds more than
 * `requestsPerMinute` call starts. A call whose `signal` aborts while waiting rejects with the signal's
 * reason, is not sent, and gives its token back.
 *
 * @param options The rate, the burst size, and an injectable clock and sleep.
 * @throws {RangeError} when an option is out of range.
 *
 * @example
 * ```ts
 * import { createClient, limitConcurrency, rateBudget } from "@gitlab-edge/client";
 * const client = createClient({
 *   baseUrl: "https://gitlab.example.com",
 *   token: "glpat-example",
 *   // at most 8 calls at a time and 600 per minute, shared by every call on this client
 *   middleware: [limitConcurrency(8), rateBudget({ requestsPerMinute: 600, burst: 10 })],
 * });
 * ```
 */
export function rateBudget(options: RateBudgetOptions): Middleware {
  if (options === null || typeof options !== "object") {
    throw new TypeError(
      `rateBudget(): parameter "options" must be an object such as { requestsPerMinute: 600 }`,
    );
  }
  const { requestsPerMinute: rpm, burst = 1, now = Date.now, sleep = abortableSleep } = options;
  if (typeof rpm !== "number" || !Number.isFinite(rpm) || !(rpm > 0)) {
    throw new RangeError(
      `rateBudget(): option "requestsPerMinute" must be a finite number above 0, got ${String(rpm)}`,
    );
  }
  if (typeof burst !== "number" || !Number.isSafeInteger(burst) || burst < 1) {
    throw new RangeError(`rateBudget(): option "burst" must be a positive integer, got ${String(burst)}`);
  }
  if (typeof now !== "function") throw new TypeError(`rateBudget(): option "now" must be a function`);
  if (typeof sleep !== "function") throw new TypeError(`rateBudget(): option "sleep" must be a function`);
  const perMs = rpm / 60_000;
  let tokens = burst;
  let last: number | undefined;
  /** Takes a token (possibly going below zero: a reservation) and returns how long to wait for it. */
  const reserve = (): number => {
    const t = now();
    tokens = Math.min(burst, tokens + (last === undefined ? 0 : Math.max(0, t - last) * perMs));
    last = t;
    tokens -= 1;
    return tokens >= 0 ? 0 : Math.ceil(-tokens / perMs);
  };
  return async function rateBudget(request, next) {
    if (request.signal.aborted) throw request.signal.reason;
    const wait = reserve();
    if (wait > 0) {
      try {
        await sleep(wait, request.signal);
      } catch (e) {
        tokens += 1;
        throw e;
      }
    }
    return next(request);
  };
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const abort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", abort);
      resolve();
    }, ms);
    signal.addEventListener("abort", abort, { once: true });
  });
}
