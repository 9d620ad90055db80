/**
 * The lower-level API: any method on any path under `/api/v4`, through the same pipeline (auth,
 * retry, timeout, redirects, errors) as the resource functions. For endpoints not wrapped yet.
 *
 * Paths are relative to `/api/v4` and must already be encoded (`encodeURIComponent` for path
 * segments such as `group/project`); they may carry a query string. A path that could reach
 * elsewhere (`..`, `//`, a scheme, a fragment, whitespace) is refused.
 *
 * @module
 */

import { type Client, send } from "./client.ts";
import { describe, type Params } from "./encode.ts";
import { ANY_PARAMS, prepare, type Prepared, runHead, runJson } from "./endpoint.ts";
import { type ListOptions, paginate, type Paginated } from "./paginate.ts";
import type { RequestBody } from "./request_init.ts";
import { ensureOk } from "./response.ts";
import { sendsBodies } from "./middleware/bodies.ts";

/**
 * Options of the lower-level functions: per-call options, `query` and `body`.
 *
 * @example
 * ```ts
 * import { createClient } from "@gitlab-edge/client";
 * import { httpGet, type HttpOptions } from "@gitlab-edge/client";
 * const client = createClient({
 *   baseUrl: "https://gitlab.example.com",
 *   fetch: () => Promise.resolve(Response.json([])),
 * });
 * const options: HttpOptions = { query: { scope: "finished", per_page: 20 }, timeout: 10_000 };
 * const pipelines = await httpGet<{ id: number; status: string }[]>(client, "/projects/1/pipelines", options);
 * ```
 */
export interface HttpOptions extends ListOptions {
  /** Query parameters, encoded with GitLab's rules (`a[]=`, `h[k]=`). */
  readonly query?: Params;
  /** A body: parameters (sent as JSON, or multipart when they hold a `Blob`) or a ready `BodyInit`. */
  readonly body?: Params | FormData | Blob | ArrayBuffer | Uint8Array | ReadableStream<Uint8Array> | string;
}

function build(
  client: Client,
  fn: string,
  method: string,
  path: string,
  options: HttpOptions = {},
): Prepared {
  sendsBodies();
  if (typeof method !== "string" || !/^[A-Za-z]+$/.test(method)) {
    throw new TypeError(`${fn}(): parameter "method" must be an HTTP method token such as "GET"`);
  }
  if (/^(connect|trace|track)$/i.test(method)) {
    throw new RangeError(
      `${fn}(): parameter "method" must not be ${method.toUpperCase()} (forbidden by fetch)`,
    );
  }
  checkPath(fn, path);
  if (options === null || typeof options !== "object") {
    throw new TypeError(`${fn}(): the options argument must be an object, got ${describe(options)}`);
  }
  // Own properties only: a polluted Object.prototype adds no query, body or option.
  const call: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(options)) call[key] = (options as Record<string, unknown>)[key];
  const { body } = call;
  const query = call.query as Params | undefined;
  delete call.query;
  delete call.body;
  const m = method.toUpperCase();
  if (body === undefined || isRawBody(body)) {
    return prepare(client, fn, m, path, call, ANY_PARAMS, body as RequestBody | undefined, query);
  }
  return prepare(client, fn, m, path, { ...(body as Params), ...call }, ANY_PARAMS, undefined, query);
}

function isRawBody(body: unknown): boolean {
  return typeof body === "string" || body instanceof FormData || body instanceof Blob ||
    body instanceof ArrayBuffer || body instanceof Uint8Array || body instanceof ReadableStream;
}

/**
 * Refuses a path that is not a plain path under `/api/v4`.
 *
 * @example
 * ```ts
 * import { checkPath } from "./http.ts";
 * checkPath("httpGet", "/projects/1/badges"); // ok
 * try { checkPath("httpGet", "/projects/../admin"); } catch (e) { (e as Error).name; } // "RangeError"
 * ```
 */
export function checkPath(fn: string, path: unknown): void {
  if (typeof path !== "string") {
    throw new TypeError(`${fn}(): parameter "path" must be a string, got ${describe(path)}`);
  }
  const bare = path.split("?")[0];
  const why = !path.startsWith("/")
    ? "must start with /"
    // deno-lint-ignore no-control-regex
    : /[\s\\#\0-\x1f\x7f]/.test(path)
    ? "must not contain whitespace, control characters, \\ or #"
    : bare.includes("//")
    ? "must not contain //"
    : bare.split("/").some((s) => /^(\.|%2e){1,2}$/i.test(s))
    ? "must not contain . or .. segments"
    : undefined;
  if (why) throw new RangeError(`${fn}(): parameter "path" ${why}: "${path.slice(0, 100)}"`);
}

/**
 * Sends any request and resolves with the raw `Response` once it is 2xx (errors throw
 * `GitLabHTTPError`). The body is left for you to read or stream.
 *
 * @example
 * ```ts
 * import { createClient } from "@gitlab-edge/client";
 * import { httpRequest } from "@gitlab-edge/client";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: () => Promise.resolve(new Response("ok")) });
 * const response = await httpRequest(client, "GET", "/version");
 * await response.text(); // "ok"
 * ```
 */
export async function httpRequest(
  client: Client,
  method: string,
  path: string,
  options?: HttpOptions,
): Promise<Response> {
  const call = build(client, "httpRequest", method, path, options);
  return ensureOk(await send(client, call.request(), call.options), call.method, call.url);
}

async function json<T>(
  fn: string,
  method: string,
  client: Client,
  path: string,
  options?: HttpOptions,
): Promise<T> {
  return (await runJson(client, build(client, fn, method, path, options))) as T;
}

/**
 * `GET` a path and parse the JSON answer.
 *
 * @example
 * ```ts
 * import { createClient } from "@gitlab-edge/client";
 * import { httpGet } from "@gitlab-edge/client";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: () => Promise.resolve(new Response('{"version":"17.0.0"}')) });
 * const { version } = await httpGet<{ version: string }>(client, "/version");
 * ```
 */
export function httpGet<T = unknown>(client: Client, path: string, options?: HttpOptions): Promise<T> {
  return json<T>("httpGet", "GET", client, path, options);
}

/**
 * `POST` to a path (never retried after a 5xx or a network failure) and parse the JSON answer.
 *
 * @example
 * ```ts
 * import { createClient } from "@gitlab-edge/client";
 * import { httpPost } from "@gitlab-edge/client";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: () => Promise.resolve(new Response('{"id":7}', { status: 201 })) });
 * await httpPost(client, "/projects/1/badges", { body: { link_url: "https://x", image_url: "https://y" } }); // { id: 7 }
 * ```
 */
export function httpPost<T = unknown>(client: Client, path: string, options?: HttpOptions): Promise<T> {
  return json<T>("httpPost", "POST", client, path, options);
}

/**
 * `PUT` to a path and parse the JSON answer.
 *
 * @example
 * ```ts
 * import { createClient } from "@gitlab-edge/client";
 * import { httpPut } from "@gitlab-edge/client";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: () => Promise.resolve(new Response('{"id":1}')) });
 * await httpPut(client, "/projects/1", { body: { description: "new" } });
 * ```
 */
export function httpPut<T = unknown>(client: Client, path: string, options?: HttpOptions): Promise<T> {
  return json<T>("httpPut", "PUT", client, path, options);
}

/**
 * `PATCH` a path (never retried after a 5xx or a network failure) and parse the JSON answer.
 *
 * @example
 * ```ts
 * import { createClient } from "@gitlab-edge/client";
 * import { httpPatch } from "@gitlab-edge/client";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: () => Promise.resolve(new Response("{}")) });
 * await httpPatch(client, "/projects/1/some_setting", { body: { enabled: true } });
 * ```
 */
export function httpPatch<T = unknown>(client: Client, path: string, options?: HttpOptions): Promise<T> {
  return json<T>("httpPatch", "PATCH", client, path, options);
}

/**
 * `DELETE` a path; resolves with the parsed answer (`undefined` for GitLab's usual 204).
 *
 * @example
 * ```ts
 * import { createClient } from "@gitlab-edge/client";
 * import { httpDelete } from "@gitlab-edge/client";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: () => Promise.resolve(new Response(null, { status: 204 })) });
 * await httpDelete(client, "/projects/1/badges/7"); // undefined
 * ```
 */
export function httpDelete<T = unknown>(client: Client, path: string, options?: HttpOptions): Promise<T> {
  return json<T>("httpDelete", "DELETE", client, path, options);
}

/**
 * `HEAD` a path and resolve with the response headers (e.g. `x-total` of a list).
 *
 * @example
 * ```ts
 * import { createClient } from "@gitlab-edge/client";
 * import { httpHead } from "@gitlab-edge/client";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: () => Promise.resolve(new Response(null, { headers: { "x-total": "42" } })) });
 * (await httpHead(client, "/projects")).get("x-total"); // "42"
 * ```
 */
export function httpHead(client: Client, path: string, options?: HttpOptions): Promise<Headers> {
  return runHead(client, build(client, "httpHead", "HEAD", path, options));
}

/**
 * Lists any collection as a {@linkcode Paginated} async iterable, following GitLab's pagination.
 *
 * @example
 * ```ts
 * import { createClient } from "@gitlab-edge/client";
 * import { httpList } from "@gitlab-edge/client";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: () => Promise.resolve(new Response('[{"id":1}]')) });
 * for await (const badge of httpList<{ id: number }>(client, "/projects/1/badges", { query: { per_page: 100 } })) {
 *   console.log(badge.id);
 * }
 * ```
 */
export function httpList<T = unknown>(client: Client, path: string, options?: HttpOptions): Paginated<T> {
  return paginate<T>(client, build(client, "httpList", "GET", path, options));
}

/**
 * `GET` a path and resolve with the body as a byte stream (for raw files, archives, artifacts).
 *
 * @example
 * ```ts
 * import { createClient } from "@gitlab-edge/client";
 * import { httpStream } from "@gitlab-edge/client";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: () => Promise.resolve(new Response("bytes")) });
 * const stream = await httpStream(client, "/projects/1/repository/archive");
 * await new Response(stream).text(); // "bytes"
 * ```
 */
export async function httpStream(
  client: Client,
  path: string,
  options?: HttpOptions,
): Promise<ReadableStream<Uint8Array>> {
  const response = await httpRequest(client, "GET", path, options);
  return response.body ?? new ReadableStream({ start: (c) => c.close() });
}
