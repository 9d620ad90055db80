/**
 * A deadline for a whole call: every attempt, every retry wait and the reading of the response body.
 * When it passes, the call rejects with `GitLabTimeoutError` and the request is aborted.
 *
 * The client gives every call its own {@linkcode deadline}: its middleware arms the timer when the request
 * reaches it (after your middleware, so time spent queued in a concurrency limit does not count), and the
 * library's JSON reader races the body against the same deadline and then releases the timer. Bodies handed
 * to you as streams are wrapped so that the timer is released when the stream ends or is cancelled. So no
 * timer outlives its call, and the common JSON path never re-streams a body.
 *
 * @module
 */

import { GitLabTimeoutError } from "../errors.ts";
import type { Middleware } from "../pipeline.ts";
import { attemptsOf } from "./retry.ts";

/** One call's deadline: a middleware that arms it, the signal that fires with it, and its release. */
export interface Deadline {
  /** Aborts with a `GitLabTimeoutError` as its reason when the deadline passes. */
  readonly signal: AbortSignal;
  /** Arms the timer, links the request to `signal`, and rejects when the deadline passes first. */
  readonly middleware: Middleware;
  /** Clears the timer (idempotent). */
  release(): void;
  /**
   * Moves what is left of the deadline onto a timer that does not keep the process alive (for a body
   * handed to the caller, who may never read it); returns a function that cancels it.
   */
  detach(): () => void;
  /** `true` once a stream has taken over releasing the timer. */
  held: boolean;
  /** A request built with `signal` already linked in (so the middleware need not rebuild it). */
  linked: Request | undefined;
}

/**
 * Creates one call's deadline of `ms` milliseconds (more than 0).
 *
 * @example
 * ```ts
 * import { deadline } from "./timeout.ts";
 * import { compose } from "../pipeline.ts";
 * const d = deadline(5000);
 * const response = await compose([d.middleware], () => Promise.resolve(new Response("{}")))(new Request("http://127.0.0.1/"));
 * await response.text();
 * d.release(); // the library does this for you once it has read the body
 * ```
 */
export function deadline(ms: number): Deadline {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let due = Infinity;
  let expire = (): void => {};
  const d: Deadline = {
    signal: controller.signal,
    held: false,
    linked: undefined,
    release: () => clearTimeout(timer),
    detach() {
      d.release();
      if (controller.signal.aborted || due === Infinity) return () => {};
      // AbortSignal.timeout's timer never holds a process open (Deno, Node, Bun, workerd alike); while a
      // body is being read, its socket does.
      const late = AbortSignal.timeout(Math.max(0, due - Date.now()));
      late.addEventListener("abort", expire, { once: true });
      return () => late.removeEventListener("abort", expire);
    },
    middleware: async function timeout(request, next) {
      if (timer === undefined) {
        due = Date.now() + ms;
        expire = () => {
          const cause = new DOMException(`The call exceeded its ${ms} ms deadline`, "TimeoutError");
          controller.abort(
            new GitLabTimeoutError({ method: request.method, url: request.url, timeout: ms, cause }),
          );
        };
        timer = setTimeout(expire, ms);
      }
      try {
        const linked = request === d.linked
          ? request
          : new Request(request, { signal: anySignal(request.signal, controller.signal) });
        // A transport that ignores the abort must not outlive the deadline: race it.
        return await untilAborted(next(linked), controller.signal, discard);
      } catch (e) {
        d.release();
        throw controller.signal.aborted ? controller.signal.reason : e;
      }
    },
  };
  return d;
}

/**
 * A signal that aborts when either does (`undefined` when both are); no combining when one is missing.
 *
 * @example
 * ```ts
 * import { anySignal } from "./timeout.ts";
 * const a = new AbortController();
 * anySignal(a.signal, undefined) === a.signal; // true
 * ```
 */
export function anySignal(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  return a && b ? AbortSignal.any([a, b]) : a ?? b;
}

/** Cancels the body of a response that arrived too late to be used. */
function discard(late: unknown): void {
  if (late instanceof Response) late.body?.cancel().catch(() => {});
}

/**
 * Resolves as `pending` does, unless `signal` aborts first: then rejects with its reason (and hands a
 * late result to `onLate`).
 *
 * @example
 * ```ts
 * import { untilAborted } from "./timeout.ts";
 * const controller = new AbortController();
 * const never = new Promise<string>(() => {});
 * controller.abort(new Error("stop"));
 * await untilAborted(never, controller.signal).catch((e) => e.message); // "stop"
 * ```
 */
export function untilAborted<T>(
  pending: Promise<T>,
  signal: AbortSignal,
  onLate?: (late: T) => void,
): Promise<T> {
  if (signal.aborted) {
    if (onLate) pending.then(onLate, () => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => {
      reject(signal.reason);
      if (onLate) pending.then(onLate, () => {});
    };
    signal.addEventListener("abort", abort, { once: true });
    pending.then((value) => {
      signal.removeEventListener("abort", abort);
      resolve(value);
    }, (error) => {
      signal.removeEventListener("abort", abort);
      reject(error);
    });
  });
}

/**
 * Returns `response` with its body wrapped so that the deadline `d` still covers the reading of it and is
 * released when the body ends, fails or is cancelled. Used for bodies handed over as streams: from here on
 * the deadline runs on a timer that does not keep the process alive, so a body you never read does not hold
 * your program open until the deadline.
 *
 * @example
 * ```ts
 * import { bodyUntilEnd, deadline } from "./timeout.ts";
 * const d = deadline(1000);
 * const response = bodyUntilEnd(new Response("bytes"), d);
 * await response.text(); // "bytes", and the timer is released
 * ```
 */
export function bodyUntilEnd(response: Response, d: Deadline): Response {
  const source = response.body;
  if (!source) {
    d.release();
    return response;
  }
  d.held = true;
  const cancelLate = d.detach();
  const reader = source.getReader();
  const fail = (c: ReadableStreamDefaultController<Uint8Array>): void => {
    c.error(d.signal.reason);
    reader.cancel(d.signal.reason).catch(() => {});
  };
  let onAbort = (): void => {};
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      onAbort = () => fail(c);
      d.signal.addEventListener("abort", onAbort, { once: true });
    },
    async pull(c) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          done_();
          c.close();
        } else c.enqueue(value);
      } catch (e) {
        done_();
        c.error(d.signal.aborted ? d.signal.reason : e);
      }
    },
    cancel(reason) {
      done_();
      return reader.cancel(reason);
    },
  });
  function done_(): void {
    cancelLate();
    d.signal.removeEventListener("abort", onAbort);
  }
  const wrapped = new Response(body, response);
  const attempts = attemptsOf.get(response);
  if (attempts !== undefined) attemptsOf.set(wrapped, attempts); // keep the retry count for the error
  return wrapped;
}

/**
 * A standalone deadline middleware for your own `compose()` pipelines: the call (and the reading of the
 * body it returns) must finish within `ms` milliseconds; `0` disables it. Clients have this built in
 * (the `timeout` option).
 *
 * @example
 * ```ts
 * import { timeout } from "./timeout.ts";
 * import { compose } from "../pipeline.ts";
 * const never = (r: Request) => new Promise<Response>((_, reject) => r.signal.addEventListener("abort", () => reject(r.signal.reason)));
 * const run = compose([timeout(10)], never);
 * await run(new Request("http://127.0.0.1/")).catch((e) => e.name); // "GitLabTimeoutError"
 * ```
 */
export function timeout(ms: number): Middleware {
  return async function timeout(request, next) {
    if (!ms) return next(request);
    const d = deadline(ms);
    return bodyUntilEnd(await d.middleware(request, next), d);
  };
}
