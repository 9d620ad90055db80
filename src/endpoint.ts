/**
 * The one way to turn a route string and arguments into a request: `endpoint()`, `listEndpoint()`
 * and `streamEndpoint()` each take a route such as `"GET /projects/:id/repository/branches"` and a
 * name, and return the resource function. Path parameters are positional, in route order; then one
 * options object holding GitLab's parameters (snake_case) and the per-call options (camelCase).
 *
 * Routes are parsed on first use, so importing a resource costs nothing until it is called.
 *
 * @module
 */

import {
  checkCredentialHeaders,
  checkSudo,
  type Client,
  exchange,
  headerProblem,
  presetHeaders,
  type RequestOptions,
  send,
} from "./client.ts";
import { checkMilliseconds } from "./duration.ts";
import {
  appendQuery,
  describe,
  encodeBody,
  encodePathParam,
  flatQuery,
  type Params,
  type QueryEncoder,
} from "./encode.ts";
import { GitLabError } from "./errors.ts";
import { type ListOptions, paginate, type Paginated, type PaginationParams } from "./paginate.ts";
import { builtRequests, credentialed, requestBodies, sameOrigin } from "./middleware/auth.ts";
import { sendsBodies } from "./middleware/bodies.ts";
import { anySignal } from "./middleware/timeout.ts";
import { newRequest, type RequestBody, sendInit } from "./request_init.ts";
import { ensureOk, readJson } from "./response.ts";

/**
 * A project or group: its numeric id, or its full path such as `"group/subgroup/project"`.
 *
 * @example
 * ```ts
 * import { createClient } from "@gitlab-edge/client";
 * import { endpoint, type Endpoint, type ProjectId } from "@gitlab-edge/client";
 * const getProjectLanguages: Endpoint<[id: ProjectId], Record<never, never>, Record<string, number>> =
 *   endpoint("GET /projects/:id/languages", "getProjectLanguages");
 * const client = createClient({
 *   baseUrl: "https://gitlab.example.com",
 *   fetch: (request) => Promise.resolve(Response.json({ url: request.url })),
 * });
 * await getProjectLanguages(client, 42); // GET /api/v4/projects/42/languages
 * await getProjectLanguages(client, "acme/web"); // GET /api/v4/projects/acme%2Fweb/languages
 * ```
 */
export type ProjectId = number | string;

/**
 * A resource function returning one JSON result; the options object is optional.
 *
 * @example
 * ```ts
 * import { endpoint, type Endpoint, type ProjectId } from "@gitlab-edge/client";
 * // A project's languages and their share in percent. `GET /projects/:id/languages`
 * export const getProjectLanguages: Endpoint<[id: ProjectId], Record<never, never>, Record<string, number>> =
 *   endpoint("GET /projects/:id/languages", "getProjectLanguages");
 * ```
 */
export type Endpoint<Args extends readonly unknown[], P, R> = (
  client: Client,
  ...args: [...Args, (P & RequestOptions)?]
) => Promise<R>;

/**
 * A resource function whose options object is required (it holds a required GitLab parameter).
 *
 * @example
 * ```ts
 * import { endpoint, type EndpointWith, type ProjectId } from "@gitlab-edge/client";
 * interface Label { id: number; name: string; color: string }
 * // Creates a label; `name` and `color` are required. `POST /projects/:id/labels`
 * export const createProjectLabel: EndpointWith<[id: ProjectId], { name: string; color: string }, Label> =
 *   endpoint("POST /projects/:id/labels", "createProjectLabel");
 * ```
 */
export type EndpointWith<Args extends readonly unknown[], P, R> = (
  client: Client,
  ...args: [...Args, P & RequestOptions]
) => Promise<R>;

/**
 * A list function: returns a {@linkcode Paginated} async iterable of items.
 *
 * @example
 * ```ts
 * import { listEndpoint, type ListEndpoint, type ProjectId } from "@gitlab-edge/client";
 * interface Label { id: number; name: string; color: string }
 * // Lists a project's labels. `GET /projects/:id/labels`
 * export const listProjectLabels: ListEndpoint<[id: ProjectId], { search?: string }, Label> =
 *   listEndpoint("GET /projects/:id/labels", "listProjectLabels");
 * ```
 */
export type ListEndpoint<Args extends readonly unknown[], P, T> = (
  client: Client,
  ...args: [...Args, (P & PaginationParams & ListOptions)?]
) => Paginated<T>;

/**
 * A function returning the response body as a byte stream (raw files, archives).
 *
 * @example
 * ```ts
 * import { type ProjectId, streamEndpoint, type StreamEndpoint } from "@gitlab-edge/client";
 * // Streams a job's log. `GET /projects/:id/jobs/:job_id/trace`
 * export const getJobLog: StreamEndpoint<[id: ProjectId, job_id: number], Record<never, never>> =
 *   streamEndpoint("GET /projects/:id/jobs/:job_id/trace", "getJobLog");
 * ```
 */
export type StreamEndpoint<Args extends readonly unknown[], P> = (
  client: Client,
  ...args: [...Args, (P & RequestOptions)?]
) => Promise<ReadableStream<Uint8Array>>;

/** The per-call option names, kept out of GitLab's parameters. */
const CALL_OPTIONS = new Set([
  "signal",
  "timeout",
  "sudo",
  "headers",
  "maxPages",
  "maxItems",
  "concurrency",
  "prefetch",
]);

interface Route {
  readonly method: string;
  readonly parts: readonly string[]; // literal, param, literal, param, …, literal
  readonly params: readonly string[];
}

function parseRoute(route: string): Route {
  const space = route.indexOf(" ");
  const method = route.slice(0, space);
  const path = route.slice(space + 1);
  const parts: string[] = [];
  const params: string[] = [];
  let last = 0;
  for (const m of path.matchAll(/:([a-z_][a-z0-9_]*)/gi)) {
    parts.push(path.slice(last, m.index));
    params.push(m[1]);
    last = m.index! + m[0].length;
  }
  parts.push(path.slice(last));
  return { method, parts, params };
}

/** A prepared call: its URL, method and the request builder shared by single and paged calls. */
export interface Prepared {
  /** The function name, for error messages. */
  readonly fn: string;
  /** The HTTP method. */
  readonly method: string;
  /** The full URL, query included. */
  readonly url: string;
  /** The per-call options. */
  readonly options: ListOptions;
  /**
   * Builds the request for `url` (default: this call's) and `method` (default: this call's), its signal
   * the call's `signal` combined with `deadline` when given; with `direct` (from `exchange()`), it may be
   * only described, for the global `fetch` to build.
   */
  readonly request: (url?: string, method?: string, deadline?: AbortSignal, direct?: boolean) => Request;
}

/**
 * Encodes GitLab parameters as a request body ({@linkcode encodeBody}). Taken as a parameter, not imported
 * by every call, so that a bundle whose calls never send a body (GET, HEAD, DELETE) leaves it out.
 */
export type BodyEncoder = (fn: string, params: Params) => string | FormData;

/**
 * How a call's GitLab parameters are written: the query string by `query` ({@linkcode appendQuery}, or
 * {@linkcode flatQuery} where no parameter is ever nested), a body by `body` ({@linkcode encodeBody}).
 * Handed to {@linkcode prepare} rather than imported by it, so that a bundle carries only the writers its
 * calls use.
 */
export interface Encoders {
  /** Writes GitLab parameters to the query string. */
  readonly query: QueryEncoder;
  /** Makes the body; absent for a call that never encodes one (GET, HEAD, DELETE, or a raw body). */
  readonly body?: BodyEncoder;
}

/** The encoders of the public factories and the `http…` functions: any nesting, and a body. */
export const ANY_PARAMS: Encoders = /* @__PURE__ */ Object.freeze({ query: appendQuery, body: encodeBody });

/**
 * Checks arguments and builds a call for `method` on `path` (already encoded, relative to `/api/v4`):
 * GitLab parameters go to the query string (written by `encoders.query`) for GET, HEAD and DELETE, to a
 * body made by `encoders.body` otherwise (with `rawBody`, the parameters all go to the query string and
 * `rawBody` is the body). `encoders.body` may be left out only when no body is ever encoded: GET, HEAD and
 * DELETE, or a `rawBody`. `queryParams` always go to the query string, first, whatever the method.
 * Throws `TypeError`/`RangeError` naming `fn` before anything is sent.
 *
 * @example
 * ```ts
 * import { createClient, flatQuery } from "@gitlab-edge/client";
 * import { prepare } from "./endpoint.ts";
 * const client = createClient({ baseUrl: "https://gitlab.example.com" });
 * const options = { search: "api", per_page: 50 };
 * prepare(client, "listProjects", "GET", "/projects", options, { query: flatQuery }).url;
 * // "https://gitlab.example.com/api/v4/projects?search=api&per_page=50"
 * ```
 */
export function prepare(
  client: Client,
  fn: string,
  method: string,
  path: string,
  options: unknown,
  encoders: Encoders,
  rawBody?: RequestBody,
  queryParams?: Params,
): Prepared {
  if (options !== undefined && (options === null || typeof options !== "object" || Array.isArray(options))) {
    throw new TypeError(`${fn}(): the options argument must be an object, got ${describe(options)}`);
  }
  // Null prototypes: a "__proto__" key is kept as a parameter instead of replacing the prototype.
  const params: Record<string, unknown> = Object.create(null);
  const call: Record<string, unknown> = Object.create(null);
  let hasParams = false;
  if (options !== undefined) {
    const all = options as Record<string, unknown>;
    // Own properties only: a polluted Object.prototype adds no parameter and changes no option.
    for (const key of Object.keys(all)) {
      if (CALL_OPTIONS.has(key)) call[key] = all[key];
      else {
        params[key] = all[key];
        hasParams = true;
      }
    }
  }
  // Headers of the call's own (sudo, per-call headers, a body's type), else none: most calls have none.
  let headers: Headers | undefined;
  if (call.signal !== undefined && !(call.signal instanceof AbortSignal)) {
    throw new TypeError(`${fn}(): option "signal" must be an AbortSignal`);
  }
  if (call.timeout !== undefined) checkMilliseconds(fn, "timeout", call.timeout, RangeError);
  if (call.sudo !== undefined) {
    headers = jsonHeaders();
    headers.set("sudo", checkSudo(call.sudo, fn, "sudo"));
  }
  if (call.headers !== undefined) {
    if (call.headers === null || typeof call.headers !== "object") {
      throw new TypeError(`${fn}(): option "headers" must be an object`);
    }
    headers ??= jsonHeaders();
    for (const [k, v] of Object.entries(call.headers)) {
      let value: string;
      try {
        value = String(v);
      } catch {
        throw new TypeError(`${fn}(): option "headers" has an invalid value for "${k.slice(0, 50)}"`);
      }
      const problem = headerProblem(k, value);
      if (problem) throw new TypeError(`${fn}(): option "headers" ${problem}`);
      headers.set(k, value);
    }
    checkCredentialHeaders(client, fn, 'option "headers": header', headers);
  }
  const perPage = params.per_page ??
    (queryParams && Object.hasOwn(queryParams, "per_page") ? queryParams.per_page : undefined);
  if (
    perPage !== undefined &&
    (typeof perPage !== "number" || !Number.isInteger(perPage) || perPage < 1 || perPage > 100)
  ) {
    throw new RangeError(
      `${fn}(): parameter "per_page" must be an integer from 1 to 100, got ${
        typeof perPage === "number" ? perPage : describe(perPage)
      }`,
    );
  }
  let qs = "";
  let body: RequestBody | undefined = rawBody;
  const inQuery = rawBody !== undefined || method === "GET" || method === "HEAD" || method === "DELETE";
  if (queryParams || (hasParams && inQuery)) {
    const query = new URLSearchParams();
    if (queryParams) encoders.query(fn, query, queryParams);
    if (inQuery) encoders.query(fn, query, params as Params);
    qs = query.toString();
  }
  if (!inQuery && hasParams) {
    body = encoders.body!(fn, params as Params);
    if (typeof body === "string") {
      (headers ??= jsonHeaders()).set("content-type", "application/json");
    }
  }
  if (body instanceof FormData) headers?.delete("content-type"); // FormData brings its own, with the boundary
  const url = client.baseUrl + path + (qs ? (path.includes("?") ? "&" : "?") + qs : "");
  const signal = call.signal as AbortSignal | undefined;
  // Without headers of the call's own, the client's own set (credentials included, when nothing but the
  // library sees the request before the auth step), shared by every request: no copy is made.
  const preset = presetHeaders(client);
  // The call's own headers win over the client's (a per-call Sudo, say): the client's join them once.
  if (preset && headers) {
    for (const [name, value] of preset) if (!headers.has(name)) headers.set(name, value);
  }
  return {
    fn,
    method,
    url,
    options: call as ListOptions,
    request: (u = url, m = method, deadline, direct) => {
      const sent = m === method ? body : undefined;
      const credentials = preset !== undefined && sameOrigin(u, client.origin);
      const h = headers ?? (credentials ? preset : ACCEPT);
      const s = anySignal(signal, deadline);
      let request: Request;
      if (direct && credentials) {
        // Described, not built: the global fetch makes the one Request from it (see Private.direct).
        const init = sendInit(m, h, sent, s);
        init.url = u;
        request = init as unknown as Request;
      } else request = newRequest(u, m, h, sent, s);
      builtRequests.add(request);
      if (credentials) credentialed.add(request);
      // Remembered so that a redirect (or a retry) remakes the body instead of cloning it: a clone tees
      // a stream and keeps every byte of it in memory; a stream itself is sent once, never buffered.
      if (sent !== undefined && request.body != null) requestBodies.set(request, sent);
      return request;
    },
  };
}

/** The headers of a request with none of its own and no credentials preset. */
const ACCEPT: readonly (readonly [string, string])[] = /* @__PURE__ */ Object.freeze([
  ["accept", "application/json"] as const,
]);

/** A new set of headers for a call with headers of its own: they start with the `accept` of every call. */
const jsonHeaders = (): Headers => new Headers(ACCEPT as [string, string][]);

/**
 * Where an endpoint's parameters go when GitLab departs from its rule (query string for GET, HEAD and
 * DELETE, body otherwise).
 *
 * @example
 * ```ts
 * import { endpoint, type EndpointShape } from "@gitlab-edge/client";
 * // GitLab reads `ref` from the query string of this POST; the other parameters go in the body.
 * const shape: EndpointShape = { query: ["ref"] };
 * export const createProjectThing = endpoint("POST /projects/:id/things", "createProjectThing", shape);
 * ```
 */
export interface EndpointShape {
  /** Parameter names sent in the query string whatever the method. */
  readonly query?: readonly string[];
  /** For a list that GitLab can serve with keyset pagination: when it may, and how to ask. */
  readonly keyset?: KeysetRule;
}

/**
 * When GitLab serves a list with keyset pagination. Iterating such a list with neither `page` nor
 * `pagination` given, and with an `order_by` and `sort` it allows (or none), asks for keyset pagination
 * (adding the first allowed `order_by` and `sort` where the caller gave none): it stays fast on deep pages
 * and goes on past the 50,000 rows GitLab's offset pagination allows on `/projects`. If GitLab answers
 * that first request with a 405, the list is read with offset pagination instead. `count()` is unaffected.
 *
 * @example
 * ```ts
 * import { listEndpoint, type KeysetRule } from "@gitlab-edge/client";
 * // GitLab's project jobs: keyset ordered by id, newest first, for authenticated callers.
 * const rule: KeysetRule = { order_by: ["id"], sort: ["desc"], authenticated: true };
 * export const listProjectJobs = listEndpoint("GET /projects/:id/jobs", "listProjectJobs", { keyset: rule });
 * ```
 */
export interface KeysetRule {
  /** The `order_by` values keyset pagination allows; absent when it takes none (the repository tree). */
  readonly order_by?: readonly string[];
  /** The `sort` directions it allows; absent when any. */
  readonly sort?: readonly string[];
  /** Whether GitLab serves it to authenticated callers only. */
  readonly authenticated?: boolean;
}

/** The first page's URL with keyset pagination, when `rule` allows it for this call; else `undefined`. */
function keysetUrl(client: Client, url: string, rule: KeysetRule): string | undefined {
  const u = new URL(url);
  const q = u.searchParams;
  if (q.has("page") || q.has("pagination")) return undefined;
  if (rule.authenticated && client.auth === "none") return undefined;
  const orderBy = q.get("order_by");
  const sort = q.get("sort");
  if (rule.order_by && orderBy !== null && !rule.order_by.includes(orderBy)) return undefined;
  if (rule.sort && sort !== null && !rule.sort.includes(sort)) return undefined;
  q.set("pagination", "keyset");
  if (rule.order_by && orderBy === null) q.set("order_by", rule.order_by[0]);
  if (rule.sort && sort === null) q.set("sort", rule.sort[0]);
  return u.href;
}

/** Prepares a call of a resource function from its path (encoded) and options argument. */
type Prepare = (client: Client, fn: string, method: string, path: string, options: unknown) => Prepared;

/**
 * Prepares a call of a route that may send a body: the parameters `shape.query` names go in the query
 * string, and {@linkcode encodeBody} makes the body. A route that never sends one (GET, HEAD, DELETE) is
 * prepared by {@linkcode prepare} alone, which leaves the body encoder out of a bundle of such calls.
 */
function withBody(shape: EndpointShape | undefined): Prepare {
  sendsBodies();
  return (client, fn, method, path, options) => {
    const names = shape?.query;
    if (names && options !== null && typeof options === "object" && !Array.isArray(options)) {
      // Split the named parameters off to the query string.
      const body: Record<string, unknown> = Object.create(null);
      const query: Record<string, unknown> = Object.create(null);
      for (const [k, v] of Object.entries(options)) (names.includes(k) ? query : body)[k] = v;
      return prepare(client, fn, method, path, body, ANY_PARAMS, undefined, query as Params);
    }
    return prepare(client, fn, method, path, options, ANY_PARAMS);
  };
}

/** The resource function of `route`: checks its arguments, prepares the call with `make` and hands it to `run`. */
function define(
  route: string,
  name: string,
  run: (client: Client, call: Prepared) => unknown,
  make: Prepare,
): unknown {
  let parsed: Route | undefined;
  const fn = (client: Client, ...args: unknown[]): unknown => {
    parsed ??= parseRoute(route);
    const { params, parts } = parsed;
    if (client === null || typeof client !== "object" || typeof client.baseUrl !== "string") {
      throw new TypeError(`${name}(): the first argument must be a client from createClient()`);
    }
    if (args.length < params.length || args.length > params.length + 1) {
      const want = params.length ? params.join(", ") + ", " : "";
      throw new TypeError(
        `${name}(): expected (client, ${want}options?), got ${args.length} argument(s) after client`,
      );
    }
    let path = parts[0];
    for (let i = 0; i < params.length; i++) path += encodePathParam(name, params[i], args[i]) + parts[i + 1];
    return run(client, make(client, name, parsed.method, path, args[params.length]));
  };
  Object.defineProperties(fn, { name: { value: name }, route: { value: route } });
  return fn;
}

/**
 * The route string a resource function was defined from (`"GET /projects/:id"`), or `undefined` for
 * any other value.
 *
 * @example
 * ```ts
 * import { getProject, routeOf } from "@gitlab-edge/client";
 * routeOf(getProject); // "GET /projects/:id"
 * ```
 */
export function routeOf(fn: unknown): string | undefined {
  const route = typeof fn === "function" ? (fn as { route?: unknown }).route : undefined;
  return typeof route === "string" ? route : undefined;
}

/**
 * Runs a prepared call through the client's pipeline and resolves to its parsed JSON result (`undefined`
 * for an empty body): what the functions of {@linkcode endpoint} and `httpGet()` do with their call.
 *
 * @example
 * ```ts
 * import { createClient, flatQuery } from "@gitlab-edge/client";
 * import { prepare, runJson } from "./endpoint.ts";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: () => Promise.resolve(Response.json({ id: 1 })) });
 * await runJson(client, prepare(client, "getProject", "GET", "/projects/1", {}, { query: flatQuery })); // { id: 1 }
 * ```
 */
export const runJson = (client: Client, call: Prepared): Promise<unknown> =>
  exchange(
    client,
    (d, direct) => call.request(undefined, undefined, d, direct),
    call.options,
    (r, d) => readJson(r, call.method, call.url, d?.signal, client.maxResponseBytes),
  );

/**
 * Runs a prepared call through the client's pipeline and resolves to the response headers, once the
 * (empty) body is read: what the functions of {@linkcode headEndpoint} and `httpHead()` do with their call.
 *
 * @example
 * ```ts
 * import { createClient, flatQuery } from "@gitlab-edge/client";
 * import { prepare, runHead } from "./endpoint.ts";
 * const client = createClient({
 *   baseUrl: "https://gitlab.example.com",
 *   fetch: () => Promise.resolve(new Response(null, { headers: { "x-total": "42" } })),
 * });
 * (await runHead(client, prepare(client, "httpHead", "HEAD", "/projects", {}, { query: flatQuery }))).get("x-total"); // "42"
 * ```
 */
export const runHead = (client: Client, call: Prepared): Promise<Headers> =>
  exchange(
    client,
    (d, direct) => call.request(undefined, undefined, d, direct),
    call.options,
    async (r, d) => {
      await readJson(r, call.method, call.url, d?.signal, client.maxResponseBytes);
      return r.headers;
    },
  );

/** Runs a call that resolves to the response body as a stream. */
const stream = async (client: Client, call: Prepared): Promise<ReadableStream<Uint8Array>> => {
  const response = await ensureOk(await send(client, call.request(), call.options), call.method, call.url);
  if (!response.body) throw new GitLabError("response has no body", { method: call.method, url: call.url });
  return response.body;
};

/** Runs a list call: a {@linkcode Paginated}, asking for keyset pagination when `shape` allows it. */
function list(
  shape: Pick<EndpointShape, "keyset"> | undefined,
): (client: Client, call: Prepared) => Paginated<unknown> {
  const keyset = shape?.keyset;
  return (client, call) => {
    const iterateUrl = keyset ? keysetUrl(client, call.url, keyset) : undefined;
    return paginate(client, iterateUrl ? { ...call, iterateUrl } : call);
  };
}

/**
 * Defines a resource function that returns one parsed JSON result (`undefined` for an empty body).
 *
 * @example
 * ```ts
 * import { endpoint, type Endpoint, type ProjectId } from "@gitlab-edge/client";
 * interface Badge { id: number; link_url: string }
 * export const getProjectBadge: Endpoint<[id: ProjectId, badge_id: number], Record<never, never>, Badge> =
 *   endpoint("GET /projects/:id/badges/:badge_id", "getProjectBadge");
 * ```
 */
export function endpoint<F>(route: string, name: string, shape?: EndpointShape): F {
  return define(route, name, runJson, withBody(shape)) as F;
}

/**
 * Defines a list function returning a {@linkcode Paginated} async iterable.
 *
 * @example
 * ```ts
 * import { listEndpoint, type ListEndpoint, type ProjectId } from "@gitlab-edge/client";
 * interface Badge { id: number; link_url: string }
 * export const listProjectBadges: ListEndpoint<[id: ProjectId], { name?: string }, Badge> =
 *   listEndpoint("GET /projects/:id/badges", "listProjectBadges");
 * ```
 */
export function listEndpoint<F>(route: string, name: string, shape?: EndpointShape): F {
  return define(route, name, list(shape), withBody(shape)) as F;
}

/**
 * Defines a `HEAD` function: it resolves to the response headers (a missing resource rejects with a
 * `GitLabHTTPError` 404).
 *
 * @example
 * ```ts
 * import { type Endpoint, headEndpoint, type ProjectId } from "@gitlab-edge/client";
 * export const headProjectBranch: Endpoint<[id: ProjectId, branch: string], Record<never, never>, Headers> =
 *   headEndpoint("HEAD /projects/:id/repository/branches/:branch", "headProjectBranch");
 * ```
 */
export function headEndpoint<F>(route: string, name: string, shape?: EndpointShape): F {
  return define(route, name, runHead, withBody(shape)) as F;
}

/**
 * Defines a function that returns the response body as a stream of bytes.
 *
 * @example
 * ```ts
 * import { streamEndpoint, type StreamEndpoint, type ProjectId } from "@gitlab-edge/client";
 * export const getRepositoryArchive: StreamEndpoint<[id: ProjectId], { sha?: string }> =
 *   streamEndpoint("GET /projects/:id/repository/archive", "getRepositoryArchive");
 * ```
 */
export function streamEndpoint<F>(route: string, name: string, shape?: EndpointShape): F {
  return define(route, name, stream, withBody(shape)) as F;
}

// The same four for a route that never sends a body (GET, HEAD, DELETE: its parameters all go in the query
// string). They are what the generated resource functions of those methods use: they leave the body
// encoder out, so a bundle of such calls does not carry it; and unless `shape.encodeQuery` says otherwise,
// they write the query string with `flatQuery`, which leaves the nesting walker out too. Internal: not
// re-exported by `mod.ts`.

/**
 * The shape of a route that never sends a body: its keyset rule (lists only), and how its query string is
 * written: {@linkcode flatQuery} unless the generator saw a map or a nested list among its parameters and
 * gave {@linkcode appendQuery}.
 *
 * @example
 * ```ts
 * import { appendQuery } from "./encode.ts";
 * import { type QueryShape } from "./endpoint.ts";
 * const shape: QueryShape = { encodeQuery: appendQuery }; // for a route taking `not[labels][]=…`
 * ```
 */
export interface QueryShape {
  /** For a list that GitLab can serve with keyset pagination: when it may, and how to ask. */
  readonly keyset?: KeysetRule;
  /** Writes the query string; default {@linkcode flatQuery}. */
  readonly encodeQuery?: QueryEncoder;
}

/** Prepares a call of a route that never sends a body, its query string written as `shape` says. */
function queryOnly(shape: QueryShape | undefined): Prepare {
  const encoders: Encoders = { query: shape?.encodeQuery ?? flatQuery };
  return (client, fn, method, path, options) => prepare(client, fn, method, path, options, encoders);
}

/**
 * {@linkcode endpoint} for a `GET` or `DELETE` route (any route that never sends a body): the same
 * function, without the body encoder in a bundle. Internal, for the generated resource functions.
 *
 * @example
 * ```ts
 * import { type Endpoint, type ProjectId, queryEndpoint } from "./endpoint.ts";
 * export const getProjectLanguages: Endpoint<[id: ProjectId], Record<never, never>, Record<string, number>> =
 *   queryEndpoint("GET /projects/:id/languages", "getProjectLanguages");
 * ```
 */
export function queryEndpoint<F>(route: string, name: string, shape?: QueryShape): F {
  return define(route, name, runJson, queryOnly(shape)) as F;
}

/**
 * {@linkcode listEndpoint} for a `GET` route: the same function, without the body encoder in a bundle.
 * Internal, for the generated resource functions.
 *
 * @example
 * ```ts
 * import { type ListEndpoint, type ProjectId, queryListEndpoint } from "./endpoint.ts";
 * export const listProjectBadges: ListEndpoint<[id: ProjectId], { name?: string }, { id: number }> =
 *   queryListEndpoint("GET /projects/:id/badges", "listProjectBadges");
 * ```
 */
export function queryListEndpoint<F>(route: string, name: string, shape?: QueryShape): F {
  return define(route, name, list(shape), queryOnly(shape)) as F;
}

/**
 * {@linkcode headEndpoint} for a `HEAD` route: the same function, without the body encoder in a bundle.
 * Internal, for the generated resource functions.
 *
 * @example
 * ```ts
 * import { type Endpoint, type ProjectId, queryHeadEndpoint } from "./endpoint.ts";
 * export const headProjectBranch: Endpoint<[id: ProjectId, branch: string], Record<never, never>, Headers> =
 *   queryHeadEndpoint("HEAD /projects/:id/repository/branches/:branch", "headProjectBranch");
 * ```
 */
export function queryHeadEndpoint<F>(route: string, name: string, shape?: QueryShape): F {
  return define(route, name, runHead, queryOnly(shape)) as F;
}

/**
 * {@linkcode streamEndpoint} for a `GET` route: the same function, without the body encoder in a bundle.
 * Internal, for the generated resource functions.
 *
 * @example
 * ```ts
 * import { type ProjectId, queryStreamEndpoint, type StreamEndpoint } from "./endpoint.ts";
 * export const getRepositoryArchive: StreamEndpoint<[id: ProjectId], { sha?: string }> =
 *   queryStreamEndpoint("GET /projects/:id/repository/archive", "getRepositoryArchive");
 * ```
 */
export function queryStreamEndpoint<F>(route: string, name: string, shape?: QueryShape): F {
  return define(route, name, stream, queryOnly(shape)) as F;
}
