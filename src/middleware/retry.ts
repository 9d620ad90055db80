/**
 * Retries as GitLab asks: `429` for every method (GitLab did not process the request), `500`, `502`,
 * `503`, `504` and network failures only for idempotent methods, never for `POST` or `PATCH`. Waits by
 * `Retry-After` (seconds or an HTTP date), else `RateLimit-Reset`, else exponential backoff with full
 * jitter; each wait and the total are capped; an abort signal interrupts a wait.
 *
 * @module
 */

import { checkMilliseconds, MAX_TIMER_MS } from "../duration.ts";
import { GitLabNetworkError } from "../errors.ts";
import type { Middleware } from "../pipeline.ts";
import { resendable } from "./redirect.ts";
import { sendsBodies } from "./bodies.ts";

/**
 * The retry policy, as data. Every field has a default (see {@linkcode DEFAULT_RETRY}); the client takes
 * a policy made by {@linkcode retryPolicy}, which checks it.
 *
 * @example
 * ```ts
 * import { createClient } from "@gitlab-edge/client";
 * import { DEFAULT_RETRY, type RetryPolicy, retryPolicy } from "@gitlab-edge/client";
 * // More patient than the default: 6 attempts within 2 minutes, and 520 (a proxy's error) retried too.
 * const patient: RetryPolicy = retryPolicy({
 *   maxAttempts: 6,
 *   maxElapsed: 120_000,
 *   statuses: [...DEFAULT_RETRY.statuses, 520],
 * });
 * const client = createClient({
 *   baseUrl: "https://gitlab.example.com",
 *   token: "glpat-example",
 *   retry: patient,
 * });
 * ```
 */
export interface RetryPolicy {
  /** Attempts in all, the first included (1 disables retrying). */
  readonly maxAttempts: number;
  /** The first backoff ceiling in milliseconds; it doubles each attempt (full jitter picks below it). */
  readonly baseDelay: number;
  /** The longest single wait in milliseconds. A server asking for longer is not retried. */
  readonly maxDelay: number;
  /** No wait is started that would end later than this many milliseconds after the first attempt. */
  readonly maxElapsed: number;
  /** Statuses retried for idempotent methods (429 is retried for every method regardless). */
  readonly statuses: readonly number[];
  /** The methods that may be re-sent after a 5xx or a network failure. */
  readonly idempotentMethods: readonly string[];
  /** Sleeps `ms`, rejecting with the signal's reason when it aborts. Injectable for tests. */
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** The clock, in milliseconds since the epoch. Injectable for tests. */
  readonly now: () => number;
  /** A number in [0, 1) for jitter. Injectable for tests. */
  readonly random: () => number;
}

/**
 * The default policy: 4 attempts, 500 ms base, 20 s cap per wait, 60 s in all.
 *
 * @example
 * ```ts
 * import { DEFAULT_RETRY } from "@gitlab-edge/client";
 * DEFAULT_RETRY.maxAttempts; // 4
 * ```
 */
export const DEFAULT_RETRY: RetryPolicy = /* @__PURE__ */ Object.freeze({
  maxAttempts: 4,
  baseDelay: 500,
  maxDelay: 20_000,
  maxElapsed: 60_000,
  statuses: Object.freeze([500, 502, 503, 504]),
  idempotentMethods: Object.freeze(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]),
  sleep,
  now: Date.now,
  random: Math.random,
});

/** The policies {@linkcode retryPolicy} checked (and so `createClient` takes). */
const checked = new WeakSet<RetryPolicy>();

/**
 * Whether `value` is {@linkcode DEFAULT_RETRY} or a policy {@linkcode retryPolicy} made: what the client's
 * `retry` option takes (besides `false`).
 *
 * @example
 * ```ts
 * import { DEFAULT_RETRY } from "@gitlab-edge/client";
 * import { isRetryPolicy } from "./retry.ts";
 * [isRetryPolicy(DEFAULT_RETRY), isRetryPolicy({ maxAttempts: 2 })]; // [true, false]
 * ```
 */
export function isRetryPolicy(value: unknown): value is RetryPolicy {
  return value === DEFAULT_RETRY || checked.has(value as RetryPolicy);
}

/**
 * A retry policy for the client's `retry` option: {@linkcode DEFAULT_RETRY} with the fields you give
 * replacing its own, each checked at once (a bad one throws a `TypeError` or `RangeError` naming it). Only
 * the own properties of `changes` are read. A value rather than a plain object so that its checks come
 * with it: a client with the default policy does not carry them in a bundle.
 *
 * @example
 * ```ts
 * import { createClient, retryPolicy } from "@gitlab-edge/client";
 * const client = createClient({
 *   baseUrl: "https://gitlab.example.com",
 *   retry: retryPolicy({ maxAttempts: 6, maxElapsed: 120_000 }),
 * });
 * ```
 */
export function retryPolicy(changes: Partial<RetryPolicy> = {}): RetryPolicy {
  const fail = (option: string, why: string): never => {
    throw new TypeError(`retryPolicy(): option "${option}" ${why}`);
  };
  if (changes === null || typeof changes !== "object") fail("changes", "must be an object");
  // Own properties only, onto a null prototype: nothing inherited fills a field the policy lacks.
  const policy: RetryPolicy = Object.assign(Object.create(null), DEFAULT_RETRY, changes);
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    fail("maxAttempts", "must be an integer, 1 or more");
  }
  // A finite number of milliseconds, 0 or more, that a timer can hold.
  for (const key of ["baseDelay", "maxDelay", "maxElapsed"] as const) {
    checkMilliseconds("retryPolicy", key, policy[key]);
  }
  for (const key of ["sleep", "now", "random"] as const) {
    if (typeof policy[key] !== "function") fail(key, "must be a function");
  }
  const statuses: unknown = policy.statuses;
  if (!Array.isArray(statuses) || !statuses.every((s) => Number.isInteger(s) && s >= 100 && s <= 599)) {
    fail("statuses", "must be an array of HTTP status codes");
  }
  const methods: unknown = policy.idempotentMethods;
  if (!Array.isArray(methods) || !methods.every((m) => typeof m === "string" && /^[A-Z]+$/.test(m))) {
    fail("idempotentMethods", "must be an array of upper-case HTTP method names");
  }
  checked.add(policy);
  return Object.freeze(policy);
}

/** How many attempts produced a response, for the error built from it. */
export const attemptsOf: WeakMap<Response, number> = new WeakMap();

/**
 * Builds the retry middleware for `policy`.
 *
 * @example
 * ```ts
 * import { DEFAULT_RETRY, retry } from "@gitlab-edge/client";
 * import { compose } from "@gitlab-edge/client";
 * let calls = 0;
 * const flaky = () => Promise.resolve(new Response(null, { status: ++calls < 3 ? 503 : 200 }));
 * const run = compose([retry({ ...DEFAULT_RETRY, sleep: () => Promise.resolve() })], flaky);
 * (await run(new Request("http://127.0.0.1/"))).status; // 200, after 3 attempts
 * ```
 */
export function retry(policy: RetryPolicy): Middleware {
  for (const key of ["baseDelay", "maxDelay", "maxElapsed"] as const) {
    checkMilliseconds("retry", key, policy[key], RangeError);
  }
  // Your requests may carry bodies: the rules for sending one again come with this middleware.
  sendsBodies();
  return retryStep(policy);
}

/**
 * The retry middleware for a policy already checked (`DEFAULT_RETRY`, or one from `retryPolicy()`): what
 * `createClient` uses. Internal: not re-exported.
 *
 * @example
 * ```ts
 * import { DEFAULT_RETRY, retryStep } from "./retry.ts";
 * retryStep(DEFAULT_RETRY).name; // "retry"
 * ```
 */
export function retryStep(policy: RetryPolicy): Middleware {
  const fn: Middleware = async function retry(request, next) {
    const idempotent = policy.idempotentMethods.includes(request.method);
    const started = policy.now();
    for (let attempt = 1;; attempt++) {
      // Each attempt but the last sends a copy made afresh from the body (a streamed body cannot be made
      // again: it is sent once, and that attempt is the last).
      const copy = attempt >= policy.maxAttempts ? undefined : resendable(request);
      const last = copy === undefined;
      const sent = copy ?? request;
      let response: Response;
      try {
        response = await next(sent);
      } catch (e) {
        if (!(e instanceof GitLabNetworkError)) throw e;
        e.attempts = attempt;
        const wait = last || !idempotent ? undefined : backoff(policy, attempt);
        if (wait === undefined || policy.now() - started + wait > policy.maxElapsed) throw e;
        await policy.sleep(wait, signalOf(request));
        continue;
      }
      const status = response.status;
      if (!last && (status === 429 || (idempotent && policy.statuses.includes(status)))) {
        const asked = serverDelay(response.headers, policy.now());
        const wait = asked ?? backoff(policy, attempt);
        // A wait longer than maxDelay (at most MAX_TIMER_MS) is refused, however long the server asks for:
        // the response is returned at once, its retryAfter saying how long the server asked to wait.
        if (
          wait <= policy.maxDelay && wait <= MAX_TIMER_MS &&
          policy.now() - started + wait <= policy.maxElapsed
        ) {
          await response.body?.cancel().catch(() => {});
          await policy.sleep(wait, signalOf(request));
          continue;
        }
      }
      if (attempt > 1) attemptsOf.set(response, attempt);
      return response;
    }
  };
  return Object.assign(fn, { repeatsNext: true } as const);
}

let never: AbortSignal | undefined;

/** The request's signal; one that never aborts for a request the library describes without one. */
function signalOf(request: Request): AbortSignal {
  return request.signal ?? (never ??= new AbortController().signal);
}

/** Full jitter: a random wait below `min(maxDelay, baseDelay * 2^(attempt-1))`. */
function backoff(policy: RetryPolicy, attempt: number): number {
  return Math.floor(policy.random() * Math.min(policy.maxDelay, policy.baseDelay * 2 ** (attempt - 1)));
}

/**
 * The wait the server asks for, in milliseconds: `Retry-After` (seconds or an HTTP date), else
 * `RateLimit-Reset` (GitLab sends a Unix time; a small number is read as seconds from now). A value too
 * large to be meant is capped at `Number.MAX_SAFE_INTEGER` ms (the retry step refuses any wait above
 * `maxDelay`); the reading takes time linear in the header's length.
 *
 * @example
 * ```ts
 * import { serverDelay } from "./retry.ts";
 * serverDelay(new Headers({ "retry-after": "3" }), Date.now()); // 3000
 * ```
 */
export function serverDelay(headers: Headers, now: number): number | undefined {
  const after = headers.get("retry-after")?.trim();
  if (after) {
    if (/^\d+$/.test(after)) return seconds(after);
    // Only an HTTP date (day and month names, a time): Date.parse would read "-1" or "1.5" as a date in
    // 2001. An HTTP date is 29 characters (the obsolete forms a few more): nothing longer is parsed.
    const date = after.length <= 64 && /[a-z]{3}/i.test(after) && /\d{1,2}:\d{2}:\d{2}/.test(after)
      ? Date.parse(after)
      : NaN;
    if (!Number.isNaN(date)) return capped(Math.max(0, date - now));
  }
  const reset = headers.get("ratelimit-reset")?.trim();
  if (reset && /^\d+$/.test(reset)) {
    const n = Number(reset);
    return n > 1e9 ? capped(Math.max(0, n * 1000 - now)) : seconds(reset);
  }
  return undefined;
}

/** Whole seconds (a string of digits) in milliseconds, capped. */
function seconds(digits: string): number {
  return capped(Number(digits) * 1000);
}

function capped(ms: number): number {
  return Math.min(ms, Number.MAX_SAFE_INTEGER);
}

/** Sleeps `ms` milliseconds; rejects with `signal.reason` as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener("abort", abort);
    };
    const abort = (): void => {
      done();
      reject(signal.reason);
    };
    // A timer fires at once above MAX_TIMER_MS: a longer wait is taken in steps, never cut short.
    let left = ms;
    const step = (): void => {
      const part = Math.min(left, MAX_TIMER_MS);
      left -= part;
      timer = setTimeout(
        left > 0 ? step : () => {
          done();
          resolve();
        },
        part,
      );
    };
    step();
    signal.addEventListener("abort", abort, { once: true });
  });
}
