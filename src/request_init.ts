/**
 * Request inits with no prototype: runtimes read `method`, `headers`, `body`, `signal`, … off the init
 * object, inherited properties included, so a polluted `Object.prototype` (`Object.prototype.method =
 * "DELETE"`) would otherwise change every request the library makes.
 *
 * @module
 */

/**
 * `init` copied onto an object without a prototype: only what it says is read.
 *
 * @example
 * ```ts
 * import { requestInit } from "./request_init.ts";
 * const request = new Request("https://gitlab.example.com/api/v4/version", requestInit({ method: "HEAD" }));
 * request.method; // "HEAD"
 * ```
 */
export function requestInit(init: RequestInit): RequestInit {
  return Object.assign(Object.create(null), init);
}

/**
 * What `fetch` takes as a request body, named from `RequestInit` so that the declarations compile without the
 * DOM library (on `@types/node`, for one).
 *
 * @example
 * ```ts
 * import type { RequestBody } from "./request_init.ts";
 * const body: RequestBody = '{"text":"*hi*"}';
 * ```
 */
export type RequestBody = NonNullable<RequestInit["body"]>;

/**
 * A request as the library sends it: every field said outright on an init without a prototype, redirects
 * left to the redirect step (`manual`), and `duplex: "half"` so that a stream body is accepted. A
 * `FormData` body brings its own boundary, so a content type among `headers` is dropped.
 *
 * @example
 * ```ts
 * import { buildRequest } from "./request_init.ts";
 * const request = buildRequest("https://gitlab.example.com/api/v4/markdown", "POST", new Headers(), '{"text":"*hi*"}');
 * [request.method, request.redirect]; // ["POST", "manual"]
 * ```
 */
export function buildRequest(
  url: string | URL,
  method: string,
  headers: Headers,
  body: RequestBody | null | undefined,
  signal?: AbortSignal,
): Request {
  if (body instanceof FormData) headers.delete("content-type");
  return new Request(
    url,
    requestInit({
      method,
      headers,
      body,
      redirect: "manual",
      signal,
      // `duplex` is required by Node and Bun for a stream body and unknown to the DOM types.
      duplex: "half",
    } as RequestInit),
  );
}

/**
 * {@linkcode buildRequest} for headers that need no change: `headers` (a `Headers`, or name and value pairs
 * shared by many requests) are copied by the `Request` itself, never changed. A `FormData` body must come
 * with no content type among them.
 *
 * @example
 * ```ts
 * import { newRequest } from "./request_init.ts";
 * const request = newRequest("https://gitlab.example.com/api/v4/version", "GET", [["accept", "application/json"]], undefined);
 * [request.method, request.redirect, request.headers.get("accept")]; // ["GET", "manual", "application/json"]
 * ```
 */
export function newRequest(
  url: string,
  method: string,
  headers: Headers | readonly (readonly [string, string])[],
  body: RequestBody | null | undefined,
  signal?: AbortSignal,
): Request {
  return new Request(url, sendInit(method, headers, body, signal) as RequestInit);
}

/**
 * The init {@linkcode newRequest} makes its request from, without a prototype: the method, the headers,
 * `redirect: "manual"`, the signal and, with a body, `duplex: "half"`. Also what the library hands the
 * global `fetch` when it describes a request instead of building it.
 *
 * @example
 * ```ts
 * import { sendInit } from "./request_init.ts";
 * const init = sendInit("POST", [["content-type", "application/json"]], "{}", undefined);
 * [init.redirect, init.duplex]; // ["manual", "half"]
 * ```
 */
export function sendInit(
  method: string,
  headers: Headers | readonly (readonly [string, string])[],
  body: RequestBody | null | undefined,
  signal: AbortSignal | undefined,
): Record<string, unknown> {
  const init: Record<string, unknown> = Object.create(null);
  init.method = method;
  init.headers = headers;
  init.redirect = "manual";
  init.signal = signal;
  // `duplex` is required by Node and Bun for a stream body and unknown to the DOM types.
  if (body != null) {
    init.body = body;
    init.duplex = "half";
  }
  return init;
}

/**
 * A copy of `request` with other `headers` or another `signal`. A stream body (`streamBody`) is handed on
 * as it is rather than copied: some runtimes (Bun) tee the body of a `Request` made from a `Request`, and
 * the branch not sent would keep the whole upload in memory.
 *
 * @example
 * ```ts
 * import { copyRequest } from "./request_init.ts";
 * const request = new Request("https://gitlab.example.com/api/v4/user", { headers: { accept: "application/json" } });
 * const copy = copyRequest(request, { headers: new Headers({ "x-trace": "1" }) }, false);
 * copy.headers.get("x-trace"); // "1"
 * ```
 */
export function copyRequest(
  request: Request,
  changes: { readonly headers?: Headers; readonly signal?: AbortSignal },
  streamBody: boolean,
): Request {
  // `changes` is the caller's own literal: read it as own properties, as everything else.
  const headers = Object.hasOwn(changes, "headers") && changes.headers ? changes.headers : request.headers;
  const signal = Object.hasOwn(changes, "signal") && changes.signal ? changes.signal : request.signal;
  if (!streamBody) {
    // Everything the copy keeps is said outright: some runtimes (Node's undici) read what an init leaves
    // out from an internal object that inherits a polluted `Object.prototype`.
    return new Request(
      request,
      requestInit({
        method: request.method,
        headers,
        redirect: request.redirect,
        signal,
      }),
    );
  }
  // Only the library builds requests with a stream body it knows of, and it builds them `manual`.
  return buildRequest(request.url, request.method, headers, request.body, signal);
}
