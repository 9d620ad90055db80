/**
 * Follows HTTP redirects by hand, so that credentials never travel with them: each hop goes back
 * through the `auth` middleware, which adds credentials only for `baseUrl`'s origin. A redirect from
 * `https:` to `http:` is refused, and so is a chain longer than five hops.
 *
 * A redirected write never looks like success. The method rules:
 *
 * - 301, 302: a `GET`, `HEAD` or `OPTIONS` is followed with the same method; any other method (`POST`,
 *   `PUT`, `PATCH`, `DELETE`, …) is **not** followed: a `GitLabError` says the write was redirected and not
 *   repeated (following it as a `GET` would resolve the call with what the `GET` returned).
 * - 303: followed as a `GET` without the body (`HEAD` stays `HEAD`): the server acted and points at
 *   the result.
 * - 307, 308: followed with the same method and body; a stream body was sent once as it was read, so
 *   that redirect fails with a `GitLabError` instead of sending it again.
 *
 * Other 3xx statuses (300, 304, 305, …) are not redirects and are returned as they are.
 *
 * Bodies are never cloned for a request the library built: it is made again from the `BodyInit` it
 * was built from (`requestBodies`, in `auth.ts`), so a streamed upload goes to the transport untouched,
 * neither teed nor buffered whole. Those rules for bodies live in `bodies.ts` and come into play once a
 * function that sends a body is loaded ({@linkcode BodyRules}): a bundle of reads leaves them out.
 *
 * @module
 */

import { GitLabError, redactUrl } from "../errors.ts";
import type { Middleware, Next } from "../pipeline.ts";
import { buildRequest, type RequestBody } from "../request_init.ts";

const MAX_HOPS = 5;

/** The statuses that are redirects (as in the fetch standard); other 3xx are returned as they are. */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Methods that change nothing on the server: a 301 or 302 may repeat them at the new address. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * What a redirect does with the body of one request, hop after hop (made by {@linkcode BodyRules.follow}
 * before the request is first sent).
 */
export interface BodyHops {
  /**
   * The body the next hop sends: with `keep`, the same body again (`false` when it is a stream, which
   * cannot be sent twice); without, `null`, and the headers describing the body are dropped from
   * `headers`.
   */
  next(keep: boolean, headers: Headers): RequestBody | null | false;
  /** Lets a stream body go when the redirect is refused. */
  cancel(): void;
}

/**
 * How requests with a body are sent again, by a retry or a redirect. Empty until a module that sends
 * bodies loads: the functions that can send one (the resource functions of writes, `httpRequest()` and
 * its kin, `send()`, `graphql()`) call {@linkcode sendsBodies} (in `bodies.ts`), so a bundle of reads
 * leaves this code out. Without these rules a request with a body is sent once: not retried, and a
 * redirect that would send it again fails, nothing repeated.
 */
export interface BodyRules {
  /** A request to send in place of `request`, which has a body; `undefined` when the body cannot be sent again. */
  resend?: (request: Request) => Request | undefined;
  /** What the redirects of `request`, which has a body, do with it. */
  follow?: (request: Request) => BodyHops;
}

/** The rules for requests with a body, once installed (see {@linkcode BodyRules}). */
export const bodyRules: BodyRules = {};

/**
 * A request to send in place of `request`, leaving `request` unsent (for a retry, or a redirect that
 * keeps the body): `request` itself when it has no body, else what {@linkcode BodyRules.resend} makes of
 * it. `undefined` when the body cannot be sent again: a `ReadableStream` the library was given is sent
 * once, as it is read.
 *
 * @example
 * ```ts
 * import { resendable } from "./redirect.ts";
 * import { sendsBodies } from "./bodies.ts";
 * sendsBodies();
 * const text = new Request("https://gitlab.example.com/api/v4/projects/1/uploads", { method: "POST", body: "x" });
 * await resendable(text)?.text(); // "x"
 * ```
 */
export function resendable(request: Request): Request | undefined {
  return request.body == null ? request : bodyRules.resend?.(request);
}

/**
 * The redirect middleware. Requests must be made with `redirect: "manual"` (the client does this) so
 * that the 3xx response reaches it.
 *
 * @example
 * ```ts
 * import { redirects } from "./redirect.ts";
 * import { compose } from "@gitlab-edge/client";
 * const server = (r: Request) => Promise.resolve(r.url.endsWith("/old")
 *   ? new Response(null, { status: 301, headers: { location: "/new" } })
 *   : new Response(new URL(r.url).pathname));
 * await (await compose([redirects], server)(new Request("https://gitlab.example.com/old"))).text(); // "/new"
 * ```
 */
export const redirects: Middleware = /* @__PURE__ */ Object.assign(
  async function redirects(request: Request, next: Next) {
    const hops = request.body == null ? undefined : bodyRules.follow?.(request);
    let current = request;
    for (let hop = 0;; hop++) {
      const response = await next(current);
      const code = response.status;
      if (code < 300 || code > 308 || !REDIRECTS.has(code)) return response;
      const location = response.headers.get("location");
      if (location === null) return response;
      await response.body?.cancel().catch(() => {});
      const fail = (why: string): GitLabError => {
        // A stream nobody will read again: let its producer go (a no-op when the transport holds it).
        hops?.cancel();
        return new GitLabError(why, { method: request.method, url: request.url });
      };
      let to: URL;
      try {
        to = new URL(location, current.url);
      } catch {
        // The parser's TypeError quotes the Location, secrets and all: neither it nor the value is kept.
        throw fail(`redirect (${code}) with an invalid Location header refused`);
      }
      if (hop + 1 > MAX_HOPS) throw fail(`more than ${MAX_HOPS} redirects`);
      if (to.protocol !== "https:" && to.protocol !== "http:") {
        throw fail(`redirect to unsupported scheme ${to.protocol}`);
      }
      if (current.url.startsWith("https:") && to.protocol === "http:") {
        throw fail("redirect from https: to http: refused");
      }
      if (to.username || to.password) throw fail("redirect to a URL with credentials refused");
      const method = current.method;
      const where = `redirect ${code} to ${redactUrl(to.href)}: the ${method} was not repeated`;
      const keep = code === 307 || code === 308 || (code !== 303 && SAFE_METHODS.has(method));
      if (!keep && code !== 303) throw fail(`${where} (it would become a GET)`);
      const headers = new Headers(current.headers);
      const body = hops ? hops.next(keep, headers) : current.body == null ? null : false;
      if (body === false) {
        throw fail(`${where} (${hops ? "a stream body" : "its body"} cannot be sent again)`);
      }
      current = buildRequest(
        to,
        keep ? method : method === "HEAD" ? "HEAD" : "GET",
        headers,
        body,
        current.signal,
      );
    }
  },
  { repeatsNext: true } as const,
);
