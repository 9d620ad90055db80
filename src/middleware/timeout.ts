/**
 * A deadline for a whole call: every attempt, every retry wait and the reading of the response body.
 * When it passes, the call rejects with `GitLabTimeoutError` and the request is aborted.
 *
 * @module
 */

import { GitLabTimeoutError } from "../errors.ts";
import type { Middleware } from "../pipeline.ts";
import { attemptsOf } from "./retry.ts";

/**
 * Builds a middleware that aborts the call after `ms` milliseconds (no deadline when `ms` is 0).
 * The timer is cleared as soon as the body is read, cancelled or fails, so it never holds a process open
 * longer than the call.
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
    const controller = new AbortController();
    let onTimeout = (): void => {};
    const timer = setTimeout(() => {
      const cause = new DOMException(`The call exceeded its ${ms} ms deadline`, "TimeoutError");
      controller.abort(
        new GitLabTimeoutError({ method: request.method, url: request.url, timeout: ms, cause }),
      );
      onTimeout();
    }, ms);
    let response: Response;
    try {
      const pending = next(
        new Request(request, { signal: AbortSignal.any([request.signal, controller.signal]) }),
      );
      // A transport that ignores the abort must not outlive the deadline: race it, and drop a late answer.
      response = await Promise.race([
        pending,
        new Promise<never>((_, reject) => {
          onTimeout = () => {
            reject(controller.signal.reason);
            pending.then((late) => late.body?.cancel().catch(() => {}), () => {});
          };
        }),
      ]);
    } catch (e) {
      clearTimeout(timer);
      throw controller.signal.aborted ? controller.signal.reason : e;
    }
    const source = response.body;
    if (!source) {
      clearTimeout(timer);
      return response;
    }
    const reader = source.getReader();
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        onTimeout = () => {
          c.error(controller.signal.reason);
          reader.cancel(controller.signal.reason).catch(() => {});
        };
      },
      async pull(c) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            clearTimeout(timer);
            c.close();
          } else c.enqueue(value);
        } catch (e) {
          clearTimeout(timer);
          c.error(controller.signal.aborted ? controller.signal.reason : e);
        }
      },
      cancel(reason) {
        clearTimeout(timer);
        return reader.cancel(reason);
      },
    });
    const wrapped = new Response(body, response);
    const attempts = attemptsOf.get(response);
    if (attempts !== undefined) attemptsOf.set(wrapped, attempts); // keep the retry count for the error
    return wrapped;
  };
}
