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
 * neither teed nor buffered whole.
 *
 * @module
 */

import { GitLabError, redactUrl } from "../errors.ts";
import type { Middleware, Next } from "../pipeline.ts";
import { buildRequest, type RequestBody } from "../request_init.ts";
import { builtRequests, requestBodies } from "./auth.ts";

const MAX_HOPS = 5;

/** The statuses that are redirects (as in the fetch standard); other 3xx are returned as they are. */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Methods that change nothing on the server: a 301 or 302 may repeat them at the new address. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The headers describing a request body, dropped when a redirect turns the request into a `GET`. */
const BODY_HEADERS = [
  "content-type",
  "content-length",
  "content-encoding",
  "content-language",
  "content-location",
];

/**
 * A request to send in place of `request`, leaving `request` unsent (for a retry, or a redirect that
 * keeps the body): `request` itself when it has no body; for a request the library built, a new one made
 * from the same body (nothing is buffered); for any other request, `request.clone()`. `undefined` when the
 * library built `request` from a `ReadableStream`: a stream is sent once, as it is read, and cannot be
 * sent again without keeping all of it in memory.
 *
 * @example
 * ```ts
 * import { requestBodies } from "./auth.ts";
 * import { resendable } from "./redirect.ts";
 * const url = "https://gitlab.example.com/api/v4/projects/1/uploads";
 * const stream = new ReadableStream({ start: (c) => c.close() });
 * // `duplex` is required by Node and Bun for a stream body and unknown to the DOM types.
 * const upload = new Request(url, { method: "POST", body: stream, duplex: "half" } as RequestInit);
 * requestBodies.set(upload, stream);
 * resendable(upload); // undefined
 * const text = new Request(url, { method: "POST", body: "x" });
 * await resendable(text)?.text(); // "x"
 * ```
 */
export function resendable(request: Request): Request | undefined {
  if (request.body == null) return request; // no body (a request the library describes has `undefined`)
  const source = requestBodies.get(request);
  if (source === undefined) return request.clone();
  if (source instanceof ReadableStream) return undefined;
  const copy = buildRequest(
    request.url,
    request.method,
    new Headers(request.headers),
    source,
    request.signal,
  );
  requestBodies.set(copy, source);
  if (builtRequests.has(request)) builtRequests.add(copy);
  return copy;
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
    // What a hop that keeps the body sends: the library's own body, rebuilt (`source`); or, for a request
    // someone else built, a clone taken before the first send (`replay`); or nothing for a stream.
    const given = request.body == null ? undefined : requestBodies.get(request);
    let stream = given instanceof ReadableStream ? given : undefined;
    let source: RequestBody | undefined = stream ? undefined : given;
    let replay = request.body != null && given === undefined ? request.clone() : undefined;
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
        stream?.cancel().catch(() => {});
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
      const where = `${code} to ${redactUrl(to.href)}`;
      const keepBody = code === 307 || code === 308 || (code !== 303 && SAFE_METHODS.has(method));
      if (!keepBody && code !== 303) {
        throw fail(
          `redirected (${where}) and not followed: a ${code} would turn the ${method} into a GET without ` +
            `its body, so the ${method} was not repeated at the new address (only 307 and 308 keep the ` +
            "method and body)",
        );
      }
      if (keepBody && stream) {
        throw fail(
          `redirected (${where}) and not followed: the request body was a stream, sent once as it was read, ` +
            `so the ${method} was not repeated at the new address`,
        );
      }
      const headers = new Headers(current.headers);
      let body: RequestBody | null = null;
      if (keepBody && source !== undefined) {
        body = source;
      } else if (keepBody && replay) {
        // Clone first: the clone tees the body, and `replay.body` is then the branch left to send.
        const sending = replay;
        replay = replay.clone();
        body = sending.body;
      } else {
        source = replay = stream = undefined;
        const drop = keepBody ? [] : BODY_HEADERS;
        for (const name of drop) headers.delete(name);
      }
      current = buildRequest(
        to,
        keepBody ? method : method === "HEAD" ? "HEAD" : "GET",
        headers,
        body,
        current.signal,
      );
    }
  },
  { repeatsNext: true } as const,
);
