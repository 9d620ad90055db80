/**
 * Follows HTTP redirects by hand, so that credentials never travel with them: each hop goes back
 * through the `auth` middleware, which adds credentials only for `baseUrl`'s origin. A redirect from
 * `https:` to `http:` is refused, and so is a chain longer than five hops.
 *
 * @module
 */

import { GitLabError } from "../errors.ts";
import type { Middleware, Next } from "../pipeline.ts";

const MAX_HOPS = 5;

/**
 * The redirect middleware. Requests must be made with `redirect: "manual"` (the client does this) so
 * that the 3xx response reaches it.
 *
 * @example
 * ```ts
 * import { redirects } from "./redirect.ts";
 * import { compose } from "../pipeline.ts";
 * const server = (r: Request) => Promise.resolve(r.url.endsWith("/old")
 *   ? new Response(null, { status: 301, headers: { location: "/new" } })
 *   : new Response(new URL(r.url).pathname));
 * await (await compose([redirects], server)(new Request("https://gitlab.example.com/old"))).text(); // "/new"
 * ```
 */
export const redirects: Middleware = Object.assign(async function redirects(request: Request, next: Next) {
  let current = request;
  let replay = request.body ? request.clone() : undefined;
  for (let hop = 0;; hop++) {
    const response = await next(current);
    const location = response.headers.get("location");
    if (response.status < 300 || response.status > 399 || response.status === 304 || location === null) {
      return response;
    }
    await response.body?.cancel().catch(() => {});
    const to = new URL(location, current.url);
    const fail = (why: string): GitLabError =>
      new GitLabError(why, { method: request.method, url: request.url });
    if (hop + 1 > MAX_HOPS) throw fail(`more than ${MAX_HOPS} redirects`);
    if (to.protocol !== "https:" && to.protocol !== "http:") {
      throw fail(`redirect to unsupported scheme ${to.protocol}`);
    }
    if (current.url.startsWith("https:") && to.protocol === "http:") {
      throw fail("redirect from https: to http: refused");
    }
    if (to.username || to.password) throw fail("redirect to a URL with credentials refused");
    const keepBody = response.status === 307 || response.status === 308;
    const method = keepBody || current.method === "GET" || current.method === "HEAD" ? current.method : "GET";
    const headers = new Headers(current.headers);
    if (!keepBody) {
      headers.delete("content-type");
      headers.delete("content-length");
    }
    const body = keepBody && replay ? replay : null;
    replay = keepBody && replay ? replay.clone() : undefined;
    current = new Request(to, {
      method,
      headers,
      body: body ? body.body : null,
      redirect: "manual",
      signal: current.signal,
      // @ts-ignore: `duplex` is required by some runtimes for stream bodies and unknown to the DOM types.
      duplex: "half",
    });
  }
}, { repeatsNext: true } as const);
