/**
 * The middleware type and its composition: a plain array, run in order, ending in `fetch`.
 *
 * @module
 */

/**
 * Sends a request on to the rest of the pipeline and resolves with its response.
 *
 * @example
 * ```ts
 * import type { Middleware, Next } from "@gitlab-edge/client";
 * const traced: Middleware = (request: Request, next: Next) => {
 *   request.headers.set("x-request-source", "nightly-report");
 *   return next(request);
 * };
 * ```
 */
export type Next = (request: Request) => Promise<Response>;

/**
 * One step of the request pipeline: inspect or replace the request, call `next` once (or not at all,
 * to answer by itself), and inspect or replace the response. A middleware that re-sends on purpose
 * (a retry) says so with `repeatsNext: true`; for any other, a second call to `next` is an error.
 *
 * @example
 * ```ts
 * import type { Middleware } from "@gitlab-edge/client";
 * const logger: Middleware = async (request, next) => {
 *   const started = Date.now();
 *   const response = await next(request);
 *   console.log(request.method, new URL(request.url).pathname, response.status, Date.now() - started, "ms");
 *   return response;
 * };
 * ```
 */
export interface Middleware {
  (request: Request, next: Next): Promise<Response>;
  /** `true` when this middleware may call `next` more than once (one call at a time), as a retry does. */
  readonly repeatsNext?: boolean;
}

/**
 * A `fetch`-compatible transport: the only place a request leaves the process.
 *
 * @example
 * ```ts
 * import { createClient } from "@gitlab-edge/client";
 * import type { Fetch } from "@gitlab-edge/client";
 * // A canned transport for tests: every call answers with the request's path.
 * const echo: Fetch = (request) => Promise.resolve(Response.json({ path: new URL(request.url).pathname }));
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: echo });
 * ```
 */
export type Fetch = (request: Request) => Promise<Response>;

/**
 * Composes `middleware` in array order in front of `transport`: the first element sees the request
 * first and the response last. Calling `next` twice from one middleware rejects with an `Error`, unless
 * the middleware has `repeatsNext: true`; even then two calls may not overlap.
 *
 * @example
 * ```ts
 * import { compose, type Middleware } from "@gitlab-edge/client";
 * const tag: Middleware = (request, next) => {
 *   request.headers.set("x-trace", "1");
 *   return next(request);
 * };
 * const run = compose([tag], (request) => Promise.resolve(new Response(request.headers.get("x-trace"))));
 * const text = await (await run(new Request("http://127.0.0.1/"))).text(); // "1"
 * ```
 */
export function compose(middleware: readonly Middleware[], transport: Fetch): Fetch {
  return (request) => dispatch(middleware, 0, request, transport);
}

function dispatch(
  mw: readonly Middleware[],
  i: number,
  request: Request,
  transport: Fetch,
): Promise<Response> {
  if (i === mw.length) return transport(request);
  const step = mw[i];
  let calls = 0;
  let pending = false;
  return step(request, async (next) => {
    if (pending || (calls > 0 && !step.repeatsNext)) {
      throw new Error(`middleware #${i} (${step.name || "anonymous"}) called next() twice`);
    }
    calls++;
    pending = true;
    try {
      return await dispatch(mw, i + 1, next, transport);
    } finally {
      pending = false;
    }
  });
}
