/**
 * Credentials, `Sudo`, `User-Agent` and the client's extra headers, sent only to the origin of
 * `baseUrl`. A request to any other origin (a cross-origin redirect, a foreign pagination link) leaves
 * with every credential header removed.
 *
 * @module
 */

import type { Middleware } from "../pipeline.ts";

/**
 * Requests the library built itself (for a resource or `http…` call). Only these may have credentials set in
 * place; a `Request` you pass to `send()` is never changed.
 *
 * @example
 * ```ts
 * import { builtRequests } from "./auth.ts";
 * builtRequests.has(new Request("https://gitlab.example.com/")); // false
 * ```
 */
export const builtRequests: WeakSet<Request> = new WeakSet();

/** The credential header names GitLab reads, removed from requests that leave `baseUrl`'s origin. */
const CREDENTIAL_HEADERS = ["private-token", "authorization", "job-token", "sudo"] as const;

/**
 * Builds the middleware that adds `headers` (credentials among them) to requests bound for `origin`
 * and strips credential headers from requests bound anywhere else. Headers already on the request
 * (a per-call `Sudo`, say) win over these defaults. It works on a copy of the request unless `inPlace` is
 * set (the client sets it when you gave it no middleware of your own) and the library built the request
 * itself, so that nobody else can hold it.
 *
 * @example
 * ```ts
 * import { auth } from "./auth.ts";
 * import { compose } from "../pipeline.ts";
 * const run = compose([auth("https://gitlab.example.com", [["PRIVATE-TOKEN", "glpat-x"]])], (r) =>
 *   Promise.resolve(new Response(r.headers.has("private-token") ? "sent" : "withheld")));
 * await (await run(new Request("https://gitlab.example.com/api/v4/user"))).text(); // "sent"
 * await (await run(new Request("https://elsewhere.example/"))).text(); // "withheld"
 * ```
 */
export function auth(
  origin: string,
  headers: ReadonlyArray<readonly [string, string]>,
  options?: { readonly inPlace?: boolean },
): Middleware {
  const inPlaceAllowed = options?.inPlace === true;
  return function auth(request, next) {
    const inPlace = inPlaceAllowed && builtRequests.has(request);
    // By default a copy: the caller's request (which your logging middleware may still hold) never gets
    // credentials. `inPlace` is for pipelines where nothing before auth can see the request.
    const h = inPlace ? request.headers : new Headers(request.headers);
    if (sameOrigin(request.url, origin)) {
      for (const [name, value] of headers) if (!h.has(name)) h.set(name, value);
    } else {
      for (const name of CREDENTIAL_HEADERS) h.delete(name);
      // The client's own extra headers (an API key behind a proxy, say) are meant for baseUrl only.
      for (const [name] of headers) if (name.toLowerCase() !== "user-agent") h.delete(name);
    }
    if (inPlace) return next(request);
    const out = new Request(request, { headers: h });
    // Bun ignores an empty `headers` init and keeps the input's headers: drop whatever was left over.
    for (const name of [...out.headers.keys()]) if (!h.has(name)) out.headers.delete(name);
    return next(out);
  };
}

/** `true` when `url` has exactly the origin `origin` (scheme, host and port). */
export function sameOrigin(url: string, origin: string): boolean {
  return url.startsWith(origin) && (url.length === origin.length || url[origin.length] === "/");
}
