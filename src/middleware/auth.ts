/**
 * Credentials, `Sudo`, `User-Agent` and the client's extra headers, sent only to the origin of
 * `baseUrl`. A request to any other origin (a cross-origin redirect, a foreign pagination link) leaves
 * with every credential header removed: the client's own, and any per-call one
 * ({@linkcode isCredentialHeader}: `Cookie`, `Proxy-Authorization`, `Authorization`, `PRIVATE-TOKEN`,
 * `JOB-TOKEN`, `Sudo`, …).
 *
 * @module
 */

import type { Middleware } from "../pipeline.ts";
import { copyRequest, type RequestBody } from "../request_init.ts";

/**
 * A set of requests kept as a mark on each request itself, under a symbol of its own: unlike a `WeakSet`,
 * there is no weak collection to grow and sweep with every call. A copy of a request is not marked.
 *
 * @example
 * ```ts
 * import { RequestMark } from "./auth.ts";
 * const seen = new RequestMark();
 * const request = new Request("https://gitlab.example.com/");
 * seen.add(request);
 * [seen.has(request), seen.has(new Request(request))]; // [true, false]
 * ```
 */
export class RequestMark {
  readonly #key: symbol = Symbol("gitlab-edge request mark");

  /** Whether `request` is marked. */
  has(request: Request): boolean {
    return (request as unknown as Record<symbol, unknown>)[this.#key] === true;
  }

  /** Marks `request`. */
  add(request: Request): this {
    (request as unknown as Record<symbol, unknown>)[this.#key] = true;
    return this;
  }

  /** Unmarks `request`; `true` when it was marked. */
  delete(request: Request): boolean {
    if (!this.has(request)) return false;
    (request as unknown as Record<symbol, unknown>)[this.#key] = false;
    return true;
  }
}

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
export const builtRequests: RequestMark = /* @__PURE__ */ new RequestMark();

/**
 * The body each request the library built was made from (a string, bytes, a `Blob`, a `FormData`, or
 * a `ReadableStream`), so that the request can be made again from it instead of with `Request.clone()`:
 * a clone tees the body, and the branch not yet sent keeps every byte of it until it is dropped. A
 * `ReadableStream` cannot be made again; it is kept here only to know that it was one.
 *
 * @example
 * ```ts
 * import { requestBodies } from "./auth.ts";
 * const body = JSON.stringify({ title: "t" });
 * const url = "https://gitlab.example.com/api/v4/projects/1/issues";
 * const request = new Request(url, { method: "POST", body });
 * requestBodies.set(request, body);
 * requestBodies.get(request); // '{"title":"t"}'
 * ```
 */
export const requestBodies: WeakMap<Request, RequestBody> = new WeakMap();

/**
 * Requests the library built with the client's credentials already among their headers, for `baseUrl`'s
 * origin, when nothing but the library sees them before the auth step: that step has nothing to add.
 *
 * @example
 * ```ts
 * import { credentialed } from "./auth.ts";
 * credentialed.has(new Request("https://gitlab.example.com/")); // false
 * ```
 */
export const credentialed: RequestMark = /* @__PURE__ */ new RequestMark();

/**
 * The credential header names GitLab (or a proxy in front of it) reads, removed from requests that leave
 * `baseUrl`'s origin, whoever set them (the client or a per-call `headers` option).
 */
const CREDENTIAL_HEADERS = new Set([
  "private-token",
  "authorization",
  "proxy-authorization",
  "job-token",
  "deploy-token",
  "cookie",
  "sudo",
]);

/** Other header names that say they carry a secret (`X-Api-Key`, `X-Vault-Token`, `X-Auth-User`, …). */
const CREDENTIAL_WORDS = /token|secret|passw|credential|session|cookie|auth|api-?key|signature/;

/**
 * `true` for a header that carries a credential, and so is never sent to another origin than
 * `baseUrl`'s: `PRIVATE-TOKEN`, `Authorization`, `Proxy-Authorization`, `JOB-TOKEN`, `Deploy-Token`,
 * `Cookie`, `Sudo`, and any name containing `token`, `secret`, `passw`, `credential`, `session`,
 * `cookie`, `auth`, `api-key`/`apikey` or `signature` (case-insensitive).
 *
 * @example
 * ```ts
 * import { isCredentialHeader } from "./auth.ts";
 * isCredentialHeader("Cookie"); // true
 * isCredentialHeader("X-Vault-Token"); // true
 * isCredentialHeader("X-Request-Source"); // false
 * ```
 */
export function isCredentialHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return CREDENTIAL_HEADERS.has(lower) || CREDENTIAL_WORDS.test(lower);
}

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
 * import { compose } from "@gitlab-edge/client";
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
    // Built with the credentials in it, for this origin, and seen by nobody since: nothing to add.
    if (inPlaceAllowed && credentialed.has(request)) return next(request);
    const inPlace = inPlaceAllowed && builtRequests.has(request);
    // By default a copy: the caller's request (which your logging middleware may still hold) never gets
    // credentials. `inPlace` is for pipelines where nothing before auth can see the request.
    const h = inPlace ? request.headers : new Headers(request.headers);
    if (sameOrigin(request.url, origin)) {
      for (const [name, value] of headers) if (!h.has(name)) h.set(name, value);
    } else {
      // Credentials set by the client or per call (Cookie, Proxy-Authorization, …) alike.
      for (const name of [...h.keys()]) if (isCredentialHeader(name)) h.delete(name);
      // The client's own extra headers (an API key behind a proxy, say) are meant for baseUrl only.
      for (const [name] of headers) if (name.toLowerCase() !== "user-agent") h.delete(name);
    }
    if (inPlace) return next(request);
    // A stream body is handed on as it is: Bun tees the body of a Request made from a Request, and the
    // branch not sent would keep the whole upload in memory.
    const out = copyRequest(request, { headers: h }, requestBodies.get(request) instanceof ReadableStream);
    // Bun ignores an empty `headers` init and keeps the input's headers: drop whatever was left over.
    for (const name of [...out.headers.keys()]) if (!h.has(name)) out.headers.delete(name);
    return next(out);
  };
}

/** `true` when `url` has exactly the origin `origin` (scheme, host and port). */
export function sameOrigin(url: string, origin: string): boolean {
  return url.startsWith(origin) && (url.length === origin.length || url[origin.length] === "/");
}
