/**
 * Credentials, `Sudo`, `User-Agent` and the client's extra headers, sent only to the origin of
 * `baseUrl`. A request to any other origin (a cross-origin redirect, a foreign pagination link) leaves
 * with every credential header removed.
 *
 * @module
 */

import type { Middleware } from "../pipeline.ts";

/** The credential header names GitLab reads, removed from requests that leave `baseUrl`'s origin. */
const CREDENTIAL_HEADERS = ["private-token", "authorization", "job-token", "sudo"] as const;

/**
 * Builds the middleware that adds `headers` (credentials among them) to requests bound for `origin`
 * and strips credential headers from requests bound anywhere else. Headers already on the request
 * (a per-call `Sudo`, say) win over these defaults.
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
export function auth(origin: string, headers: ReadonlyArray<readonly [string, string]>): Middleware {
  return function auth(request, next) {
    // A copy: the caller's request (which your logging middleware may still hold) never gets credentials.
    const h = new Headers(request.headers);
    if (sameOrigin(request.url, origin)) {
      for (const [name, value] of headers) if (!h.has(name)) h.set(name, value);
    } else {
      for (const name of CREDENTIAL_HEADERS) h.delete(name);
      // The client's own extra headers (an API key behind a proxy, say) are meant for baseUrl only.
      for (const [name] of headers) if (name.toLowerCase() !== "user-agent") h.delete(name);
    }
    return next(new Request(request, { headers: h }));
  };
}

/** `true` when `url` has exactly the origin `origin` (scheme, host and port). */
export function sameOrigin(url: string, origin: string): boolean {
  return url.startsWith(origin) && (url.length === origin.length || url[origin.length] === "/");
}
