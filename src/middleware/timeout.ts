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
 * What a call costs is kept to one controller and one timer: the races against the deadline (the transport,
 * the body) add no listener to its signal (an abort rejects them directly), the caller's signal is linked
 * only when there is one, and a call with `timeout: 0` and no signal has no deadline at all.
 *
 * @module
 */

import { GitLabTimeoutError } from "../errors.ts";
import type { Middleware, Next } from "../pipeline.ts";
import { checkMilliseconds } from "../duration.ts";
import { copyRequest } from "../request_init.ts";
import { requestBodies } from "./auth.ts";
import { attemptsOf } from "./retry.ts";

/** One call's deadline: a middleware that arms it, the signal that fires with it, and its release. */
export interface Deadline {
  /**
   * Aborts with a `GitLabTimeoutError` as its reason when the deadline passes, or with the reason of a
   * signal it follows (the caller's, linked in by {@linkcode anySignal}) when that one aborts first.
   */
  readonly signal: AbortSignal;
  /** Ends the deadline: clears the timer and unlinks the signals it follows (idempotent). */
  release(): void;
  /** When the deadline passes (from `Date.now()`); `Infinity` while no timer is armed and once it ended. */
  readonly due: number;
  /** The armed timer, if any. */
  readonly timer: ReturnType<typeof setTimeout> | undefined;
  /** Aborts with the timeout error, as the timer does. */
  expire(): void;
  /** `true` once a stream has taken over releasing the timer. */
  held: boolean;
  /**
   * A request built with `signal` already linked in (so the middleware need not rebuild it), until the
   * middleware step has seen it: the deadline must not keep it. On Node, undici's finalizer of a request
   * holds the signal (so the deadline) until the request's own controller is collected; a deadline that
   * kept the request would keep that controller, and nothing of the call would ever be freed.
   */
  linked: Request | undefined;
  /** The deadline as a middleware step: arms the timer, links the request to `signal`, rejects when the deadline passes first. */
  run(request: Request, next: Next): Promise<Response>;
}

/** Where {@linkcode bodyUntilEnd} leaves the deadline's signal on the response it hands on. */
const DEADLINE: unique symbol = Symbol("gitlab-edge deadline");

/**
 * The deadline signal of a response whose body {@linkcode bodyUntilEnd} handed on (else `undefined`), so
 * that a reader of its error body can tell an abort (whose reason it throws) from a failure of the body.
 *
 * @example
 * ```ts
 * import { bodyUntilEnd, deadline, deadlineOf } from "./timeout.ts";
 * const d = deadline(1000);
 * const response = bodyUntilEnd(new Response("bytes"), d);
 * deadlineOf(response) === d.signal; // true
 * await response.text();
 * ```
 */
export function deadlineOf(response: Response): AbortSignal | undefined {
  return (response as Response & { [DEADLINE]?: AbortSignal })[DEADLINE];
}

/**
 * The state of a call's deadline, kept on its signal (a signal of ours, never the caller's), so that the
 * readers racing that signal find it without a listener. Not in a WeakMap keyed by each call's signal:
 * measured, that grew the heap by tens of bytes per call on V8 (Deno and Node).
 */
const STATE: unique symbol = Symbol("gitlab-edge deadline state");

function stateOf(signal: AbortSignal | undefined): CallDeadline | undefined {
  return signal && (signal as AbortSignal & { [STATE]?: CallDeadline })[STATE];
}

function noop(): void {}

/** For each signal followed: the callbacks to run when it aborts, and the one listener calling them. */
const dependents = new WeakMap<AbortSignal, { callbacks: Set<() => void>; listener: () => void }>();

/**
 * Runs `onAbort` once when `source` aborts, until the returned function is called. However many calls
 * share `source`, it holds one listener of ours (none once they have all ended), so a long-lived signal
 * keeps no trace of the calls it was given to.
 */
function link(source: AbortSignal, onAbort: () => void): () => void {
  let entry = dependents.get(source);
  if (entry === undefined) {
    const callbacks = new Set<() => void>();
    const listener = (): void => {
      dependents.delete(source);
      for (const callback of [...callbacks]) callback();
      callbacks.clear();
    };
    entry = { callbacks, listener };
    dependents.set(source, entry);
    source.addEventListener("abort", listener, { once: true });
  }
  const { callbacks, listener } = entry;
  callbacks.add(onAbort);
  return () => {
    if (!callbacks.delete(onAbort) || callbacks.size > 0) return;
    source.removeEventListener("abort", listener);
    if (dependents.get(source) === entry) dependents.delete(source);
  };
}

/**
 * Makes `controller` abort with `source`'s reason when `source` aborts (at once if it already has), until
 * the returned function is called. Unlike `AbortSignal.any`, it leaves nothing behind on `source` once
 * unlinked: use it to tie a short-lived controller to a long-lived signal.
 *
 * @example
 * ```ts
 * import { follow } from "./timeout.ts";
 * const page = new AbortController();
 * const user = new AbortController();
 * const unlink = follow(user.signal, page);
 * try {
 *   // … work under page.signal …
 * } finally {
 *   unlink();
 * }
 * ```
 */
export function follow(source: AbortSignal | undefined, controller: AbortController): () => void {
  if (source === undefined || controller.signal.aborted) return () => {};
  if (source.aborted) {
    controller.abort(source.reason);
    return () => {};
  }
  return link(source, () => controller.abort(source.reason));
}

/**
 * Creates one call's deadline of `ms` milliseconds (`0`: no timer, only the linking of signals). More
 * than 2^31 − 1 ms is refused with a `RangeError` (a timer would fire at once).
 *
 * @example
 * ```ts
 * import { deadline } from "./timeout.ts";
 * const d = deadline(5000);
 * const response = await d.run(new Request("http://127.0.0.1/"), () => Promise.resolve(new Response("{}")));
 * await response.text();
 * d.release(); // the library does this for you once it has read the body
 * ```
 */
export function deadline(ms: number): Deadline {
  checkMilliseconds("deadline", "timeout", ms, RangeError);
  return new CallDeadline(ms);
}

/** Fires a deadline from its timer (a function of its own, so that arming it makes no closure). */
function expire(d: CallDeadline): void {
  d.expire();
}

/**
 * One call's deadline: one controller, at most one timer (armed when the request reaches the middleware),
 * and a link to each signal it follows. Every abort goes through {@linkcode CallDeadline.abort}, which
 * rejects the pending races at once: readers race the deadline without a listener on its signal.
 */
class CallDeadline implements Deadline {
  readonly signal: AbortSignal;
  held = false;
  linked: Request | undefined = undefined;
  readonly #controller = new AbortController();
  readonly #ms: number;
  #armed = false;
  #ended = false;
  due = Infinity;
  timer: ReturnType<typeof setTimeout> | undefined = undefined;
  /** What the timeout error names: the request that armed the timer. */
  #method = "";
  #url = "";
  /** Rejections of the races under way. */
  #waiters: ((reason: unknown) => void)[] | undefined = undefined;
  /** Unlinks from the signals followed. */
  #unlinks: (() => void)[] | undefined = undefined;

  constructor(ms: number) {
    this.#ms = ms;
    this.signal = this.#controller.signal;
    (this.signal as AbortSignal & { [STATE]?: CallDeadline })[STATE] = this;
  }

  /** Aborts the call with `reason`: the deadline passed, or a signal it follows aborted. */
  abort(reason: unknown): void {
    if (this.#ended || this.signal.aborted) return;
    this.#controller.abort(reason);
    const waiters = this.#waiters;
    this.#waiters = undefined;
    if (waiters) { for (const reject of waiters) reject(this.signal.reason); }
    // Once the call's signal has aborted, the signals it follows have nothing more to tell it.
    this.release();
  }

  /** The deadline passed. */
  expire(): void {
    const ms = this.#ms;
    const cause = new DOMException(`The call exceeded its ${ms} ms deadline`, "TimeoutError");
    this.abort(new GitLabTimeoutError({ method: this.#method, url: this.#url, timeout: ms, cause }));
  }

  release(): void {
    this.linked = undefined;
    if (this.#ended) return;
    this.#ended = true;
    this.due = Infinity;
    clearTimeout(this.timer);
    const unlinks = this.#unlinks;
    this.#unlinks = undefined;
    if (unlinks) { for (const unlink of unlinks) unlink(); }
  }

  /** Aborts with `source`'s reason when `source` aborts (at once if it has), until the call ends. */
  follow(source: AbortSignal): void {
    if (this.#ended || this.signal.aborted) return;
    if (source.aborted) return this.abort(source.reason);
    (this.#unlinks ??= []).push(link(source, () => this.abort(source.reason)));
  }

  /**
   * Resolves as `pending` does, unless the deadline's signal aborts first: then rejects with its reason
   * (and hands a late result to `onLate`). No listener: the abort rejects the race itself.
   */
  race<T>(pending: Promise<T>, onLate?: (late: T) => void): Promise<T> {
    if (this.signal.aborted) {
      pending.then(onLate, noop); // a later failure of `pending` is expected, not unhandled
      return Promise.reject(this.signal.reason);
    }
    if (this.#ended) return pending; // released: nothing aborts it any more
    return new Promise<T>((resolve, reject) => {
      const waiter = (reason: unknown): void => {
        reject(reason);
        pending.then(onLate, noop);
      };
      (this.#waiters ??= []).push(waiter);
      const settle = (): void => {
        const waiters = this.#waiters;
        const i = waiters ? waiters.indexOf(waiter) : -1;
        if (i >= 0) waiters!.splice(i, 1);
      };
      pending.then((value) => {
        settle();
        resolve(value);
      }, (error) => {
        settle();
        reject(error);
      });
    });
  }

  /** The middleware step: arms the timer, links the request to the signal, races the rest of the pipeline. */
  async run(request: Request, next: Next): Promise<Response> {
    if (!this.#armed) {
      this.#armed = true;
      if (this.#ms > 0 && !this.#ended) {
        this.#method = request.method;
        this.#url = request.url;
        this.due = Date.now() + this.#ms;
        this.timer = setTimeout(expire, this.#ms, this);
      }
    }
    try {
      this.signal.throwIfAborted(); // aborted before it was sent: nothing is sent
      const built = this.linked;
      this.linked = undefined;
      const linked = request === built ? request : copyRequest(
        request,
        { signal: anySignal(request.signal, this.signal) },
        requestBodies.get(request) instanceof ReadableStream,
      );
      // A transport that ignores the abort must not outlive the deadline: race it.
      return await this.race(next(linked), discard);
    } catch (e) {
      this.release();
      throw this.signal.aborted ? this.signal.reason : e;
    }
  }
}

/**
 * A signal that aborts when either does (`undefined` when both are); no combining when one is missing.
 * When one of them is a call's {@linkcode deadline} signal, that signal is returned, made to follow the
 * other one until its call ends (its reason becomes the other's when that aborts first): no signal is
 * created, and a long-lived signal passed to many calls keeps nothing of them once they have ended.
 * Otherwise it is `AbortSignal.any`.
 *
 * @example
 * ```ts
 * import { anySignal } from "./timeout.ts";
 * const a = new AbortController();
 * anySignal(a.signal, undefined) === a.signal; // true
 * ```
 */
export function anySignal(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  if (!a || !b || a === b) return a ?? b;
  const stateB = stateOf(b);
  if (stateB) {
    stateB.follow(a);
    return b;
  }
  const stateA = stateOf(a);
  if (stateA) {
    stateA.follow(b);
    return a;
  }
  return AbortSignal.any([a, b]);
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
  const state = stateOf(signal);
  if (state) return state.race(pending, onLate);
  if (signal.aborted) {
    pending.then(onLate, () => {}); // a later failure of `pending` is expected, not unhandled
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
  // What is left of the deadline moves onto a timer that does not keep the process alive: the caller may
  // never read the body. AbortSignal.timeout's timer never holds a process open (Deno, Node, Bun, workerd
  // alike); while a body is being read, its socket does.
  clearTimeout(d.timer);
  let cancelLate = (): void => d.release();
  if (d.due !== Infinity) {
    const late = AbortSignal.timeout(Math.max(0, d.due - Date.now()));
    const fire = (): void => d.expire();
    late.addEventListener("abort", fire, { once: true });
    cancelLate = () => {
      late.removeEventListener("abort", fire);
      d.release();
    };
  }
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
  Object.defineProperty(wrapped, DEADLINE, { value: d.signal });
  return wrapped;
}

/**
 * A standalone deadline middleware for your own `compose()` pipelines: the call (and the reading of the
 * body it returns) must finish within `ms` milliseconds; `0` disables it. Clients have this built in
 * (the `timeout` option).
 *
 * @example
 * ```ts
 * import { timeout } from "@gitlab-edge/client";
 * import { compose } from "@gitlab-edge/client";
 * const never = (r: Request) => new Promise<Response>((_, reject) => r.signal.addEventListener("abort", () => reject(r.signal.reason)));
 * const run = compose([timeout(10)], never);
 * await run(new Request("http://127.0.0.1/")).catch((e) => e.name); // "GitLabTimeoutError"
 * ```
 */
export function timeout(ms: number): Middleware {
  checkMilliseconds("timeout", "ms", ms, RangeError, "parameter");
  return async function timeout(request, next) {
    if (!ms) return next(request);
    const d = deadline(ms);
    return bodyUntilEnd(await d.run(request, next), d);
  };
}
