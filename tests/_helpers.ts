/**
 * Shared test helpers: a recording `fetch` that logs every request (method, URL, headers, body text)
 * and answers from a queue or a handler, plus small response builders.
 *
 * @module
 */

/** One request as the transport saw it. */
export interface Recorded {
  /** The HTTP method. */
  readonly method: string;
  /** The full URL. */
  readonly url: string;
  /** The headers, names lower-cased. */
  readonly headers: Record<string, string>;
  /** The body as text (`""` when there is none). */
  readonly body: string;
  /** The request's signal. */
  readonly signal: AbortSignal;
}

/** What the handler or queue may answer with: a response, or an error to reject with. */
export type Answer = Response | Error | (() => Response | Promise<Response>);

/** A recording fetch. */
export interface Recorder {
  /** The transport to give `createClient({ fetch })`. */
  readonly fetch: (request: Request) => Promise<Response>;
  /** Every request seen, in order. */
  readonly requests: Recorded[];
}

/**
 * Builds a recording fetch. `answers` is either a queue (one answer per request; once it is empty,
 * `200 []` is answered) or a handler called with each recorded request and its index.
 *
 * @example
 * ```ts
 * import { recorder, json } from "./_helpers.ts";
 * const rec = recorder([json({ id: 1 })]);
 * await rec.fetch(new Request("http://127.0.0.1/x"));
 * rec.requests[0].url; // "http://127.0.0.1/x"
 * ```
 */
export function recorder(
  answers: Answer[] | ((request: Recorded, index: number) => Answer | Promise<Answer>) = [],
): Recorder {
  const requests: Recorded[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    const body = request.body ? await request.text() : "";
    const rec: Recorded = { method: request.method, url: request.url, headers, body, signal: request.signal };
    const index = requests.length;
    requests.push(rec);
    const answer = typeof answers === "function" ? await answers(rec, index) : answers.shift() ?? json([]);
    if (answer instanceof Error) throw answer;
    return typeof answer === "function" ? await answer() : answer;
  };
  return { fetch, requests };
}

/**
 * A JSON response.
 *
 * @example
 * ```ts
 * import { json } from "./_helpers.ts";
 * json({ id: 1 }, { status: 201 }).status; // 201
 * ```
 */
export function json(value: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  if (!headers.has("content-type")) headers.set("content-type", "application/json");
  return new Response(JSON.stringify(value), { ...init, headers });
}

/**
 * A response with a given status, headers and optional text body.
 *
 * @example
 * ```ts
 * import { status } from "./_helpers.ts";
 * status(503).status; // 503
 * ```
 */
export function status(code: number, headers: HeadersInit = {}, body: string | null = null): Response {
  return new Response(body, { status: code, headers });
}

/**
 * A body that sends `first` and then never finishes (until cancelled); `cancelled()` says whether it was.
 *
 * @example
 * ```ts
 * import { endlessBody } from "./_helpers.ts";
 * const b = endlessBody("[");
 * b.cancelled(); // false
 * ```
 */
export function endlessBody(first: string): { stream: ReadableStream<Uint8Array>; cancelled: () => boolean } {
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(new TextEncoder().encode(first));
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, cancelled: () => cancelled };
}

/**
 * A retry policy with an injected clock, sleep and random, recording each wait; `sleep` advances the clock.
 *
 * @example
 * ```ts
 * import { fakeTime } from "./_helpers.ts";
 * const t = fakeTime();
 * await t.sleep(100);
 * t.waits; // [100]
 * ```
 */
export function fakeTime(start = 1_700_000_000_000, random = 0.5): {
  waits: number[];
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
} {
  let clock = start;
  const waits: number[] = [];
  return {
    waits,
    now: () => clock,
    sleep: (ms: number) => {
      waits.push(ms);
      clock += ms;
      return Promise.resolve();
    },
    random: () => random,
  };
}

/**
 * Resolves with the rejection of `promise` (fails when it resolves).
 *
 * @example
 * ```ts
 * import { rejection } from "./_helpers.ts";
 * const e = await rejection(Promise.reject(new Error("x")));
 * ```
 */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error("expected the promise to reject, but it resolved");
}

/**
 * Runs `fn` and returns what it threw (fails when it did not throw).
 *
 * @example
 * ```ts
 * import { thrown } from "./_helpers.ts";
 * const e = thrown(() => { throw new TypeError("x"); });
 * ```
 */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected the function to throw, but it returned");
}

/**
 * Runs `fn` and resolves with what it threw or rejected with (fails when it succeeded).
 *
 * @example
 * ```ts
 * import { caught } from "./_helpers.ts";
 * const e = await caught(() => Promise.reject(new RangeError("x")));
 * ```
 */
export async function caught(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw or a rejection, but the call succeeded");
}

/**
 * Asserts `e` is an instance of `type` whose message contains every one of `parts`.
 *
 * @example
 * ```ts
 * import { assertError } from "./_helpers.ts";
 * assertError(new TypeError("getProject(): parameter \"id\""), TypeError, "getProject()", '"id"');
 * ```
 */
export function assertError(
  e: unknown,
  type: abstract new (...args: never[]) => Error,
  ...parts: string[]
): void {
  if (!(e instanceof type)) {
    throw new Error(
      `expected ${type.name}, got ${e instanceof Error ? e.name + ": " + e.message : String(e)}`,
    );
  }
  for (const part of parts) {
    if (!e.message.includes(part)) {
      throw new Error(`expected the message to contain ${JSON.stringify(part)}: ${e.message}`);
    }
  }
}

/**
 * Counts the timers started through `globalThis.setTimeout` and not yet fired or cleared, until
 * `restore()`. (Deno's op sanitizer does not see JavaScript timers, so tests check this themselves.)
 *
 * @example
 * ```ts
 * import { trackTimers } from "./_helpers.ts";
 * const timers = trackTimers();
 * clearTimeout(setTimeout(() => {}, 10));
 * timers.pending(); // 0
 * timers.restore();
 * ```
 */
export function trackTimers(): { pending: () => number; restore: () => void } {
  const realSet = globalThis.setTimeout;
  const realClear = globalThis.clearTimeout;
  const live = new Set<unknown>();
  globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const id = realSet(() => {
      live.delete(id);
      fn(...args);
    }, ms);
    live.add(id);
    return id;
  }) as typeof setTimeout;
  globalThis.clearTimeout = ((id?: number) => {
    live.delete(id);
    realClear(id);
  }) as typeof clearTimeout;
  return {
    pending: () => live.size,
    restore: () => {
      globalThis.setTimeout = realSet;
      globalThis.clearTimeout = realClear;
    },
  };
}
