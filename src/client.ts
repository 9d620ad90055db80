/**
 * `createClient()`: validated, frozen options and the built-in middleware, with no I/O; and `send()`,
 * the one function that walks a request through the pipeline.
 *
 * @module
 */

import { checkMilliseconds } from "./duration.ts";
import { MAX_JSON_BYTES } from "./response.ts";
import { transportFailure } from "./errors.ts";
import { auth, builtRequests, credentialed, isCredentialHeader, sameOrigin } from "./middleware/auth.ts";
import type { Credential } from "./middleware/credentials.ts";
import { sendsBodies } from "./middleware/bodies.ts";
import { redirects } from "./middleware/redirect.ts";
import { DEFAULT_RETRY, isRetryPolicy, type RetryPolicy, retryStep } from "./middleware/retry.ts";
import { bodyUntilEnd, type Deadline, deadline } from "./middleware/timeout.ts";
import { compose, type Fetch, type Middleware, type Next } from "./pipeline.ts";
import { VERSION } from "./version.ts";

/**
 * Options for {@linkcode createClient}.
 *
 * @example
 * ```ts
 * import { type ClientOptions, createClient, retryPolicy } from "@gitlab-edge/client";
 * const options: ClientOptions = {
 *   baseUrl: "https://gitlab.example.com",
 *   token: "glpat-example",
 *   timeout: 30_000,
 *   retry: retryPolicy({ maxAttempts: 6 }),
 * };
 * const client = createClient(options);
 * ```
 */
export interface ClientOptions {
  /** GitLab's address, e.g. `https://gitlab.example.com` (`/api/v4` is added unless present). */
  readonly baseUrl: string;
  /**
   * A personal, project or group access token, sent as `PRIVATE-TOKEN`; or `tokenFrom(fn)`, to read it
   * before each request.
   */
  readonly token?: string | Credential;
  /**
   * An OAuth 2.0 access token, sent as `Authorization: Bearer`; or `tokenFrom(fn)`; or `oauthSession({…})`,
   * a token that refreshes itself.
   */
  readonly oauthToken?: string | Credential;
  /** A CI/CD job token (`$CI_JOB_TOKEN`), sent as `JOB-TOKEN`; or `tokenFrom(fn)`. */
  readonly jobToken?: string | Credential;
  /** Act as this user (username or numeric id) on every call; needs an administrator's token. */
  readonly sudo?: string | number;
  /**
   * The transport; defaults to the global `fetch`, looked up at each request (so later mocks apply). To see
   * every attempt, give `observeAttempts(hook)`.
   */
  readonly fetch?: (request: Request) => Promise<Response>;
  /** Your own middleware, run in array order before the built-in timeout, retry, redirects and auth. */
  readonly middleware?: readonly Middleware[];
  /**
   * The retry policy: `retryPolicy({ … })` (the fields you give replace the defaults), or `false` for a
   * single attempt. Default {@linkcode DEFAULT_RETRY}.
   */
  readonly retry?: RetryPolicy | false;
  /** Deadline for each call in milliseconds, retries and body included; `0` for none. Default 60000. */
  readonly timeout?: number;
  /** The `User-Agent` header. Default `gitlab-edge`. */
  readonly userAgent?: string;
  /** Extra headers sent with every request to `baseUrl`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Allow credentials over plain `http:` to a host that is not loopback. Default `false`. */
  readonly allowInsecureHttp?: boolean;
  /**
   * The largest JSON body a call reads, in bytes (default 64 MiB): a larger one fails with a `GitLabError`
   * instead of filling memory. Bodies handed to you as streams are not limited.
   */
  readonly maxResponseBytes?: number;
}

/**
 * A configured client: a frozen value that every resource function takes first.
 *
 * @example
 * ```ts
 * import { type Client, createClient } from "@gitlab-edge/client";
 * const describe = (client: Client): string => `${client.baseUrl} (auth: ${client.auth})`;
 * describe(createClient({ baseUrl: "https://gitlab.example.com", jobToken: "job-token-example" }));
 * // "https://gitlab.example.com/api/v4 (auth: job)"
 * ```
 */
export interface Client {
  /** The API root, always ending in `/api/v4` without a trailing slash. */
  readonly baseUrl: string;
  /** The origin credentials are sent to (and only to). */
  readonly origin: string;
  /** The kind of credentials configured (the credential itself is not readable from the client). */
  readonly auth: "token" | "oauth" | "job" | "none";
  /** The default per-call deadline in milliseconds (`0`: none). */
  readonly timeout: number;
  /** The largest JSON body a call reads, in bytes. */
  readonly maxResponseBytes: number;
  /** Your middleware, run first, in array order. */
  readonly middleware: readonly Middleware[];
  /**
   * The built-in middleware run after the per-call timeout: retry (unless disabled), redirects, auth. The
   * auth step here holds no credentials (it only strips credential headers from requests bound for another
   * origin): the client's credentials, `Sudo`, `User-Agent` and extra headers are added only inside the
   * library's own calls (`send()` and the resource functions) made with this very client, so they cannot be
   * read off it, and a copy of it (`{ ...client }`) sends none.
   */
  readonly builtIn: readonly Middleware[];
  /** The transport at the end of the pipeline; its failures become `GitLabNetworkError`. */
  readonly fetch: Fetch;
}

/**
 * Per-call options every resource function accepts in its options object.
 *
 * @example
 * ```ts
 * import { createClient, getProject, type RequestOptions } from "@gitlab-edge/client";
 * import { createSimulator } from "@gitlab-edge/client/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: createSimulator().fetch });
 * const controller = new AbortController();
 * const options: RequestOptions = {
 *   signal: controller.signal,
 *   timeout: 5_000,
 *   headers: { "X-Request-Source": "nightly-report" },
 * };
 * const project = await getProject(client, "acme/web", options);
 * ```
 */
export interface RequestOptions {
  /** Aborts the call (including retry waits and pagination). */
  readonly signal?: AbortSignal;
  /** This call's deadline in milliseconds, overriding the client's (`0`: none). */
  readonly timeout?: number;
  /** Act as this user for this call, overriding the client's `sudo`. */
  readonly sudo?: string | number;
  /** Extra headers for this call. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Whether a header carries a secret, and so is refused over plain `http:` unless the client allows it:
 * the credential headers of the auth step ({@linkcode isCredentialHeader}), less `Sudo`, which names a user
 * and proves nothing by itself.
 */
function carriesSecret(name: string): boolean {
  return isCredentialHeader(name) && name.toLowerCase() !== "sudo";
}
/** Header names that frame or route the request: runtimes set them (Node's fetch refuses several). */
const FRAMING_NAME =
  /^(?:connection|content-length|expect|host|keep-alive|proxy-connection|te|trailer|transfer-encoding|upgrade)$/i;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** What every runtime sends: tab, visible ASCII, space, and Latin-1 above 0x7F (no other control). */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * What is wrong with a header given in a `headers` option, as the end of a sentence (`has an invalid
 * value for "x-a" …`), or `undefined` when every runtime sends it as is: the name must be a token and
 * not one the runtime sets itself (`Host`, `Content-Length`, `Transfer-Encoding`, `Connection`, …); the
 * value must be a string without control characters (tab aside) or characters above U+00FF. The value is
 * never quoted.
 *
 * @example
 * ```ts
 * import { headerProblem } from "./client.ts";
 * headerProblem("X-Trace", "1"); // undefined
 * headerProblem("X-Trace", "a\x01b"); // 'has an invalid value for "X-Trace" (…)'
 * headerProblem("Host", "elsewhere.example"); // 'must not set "Host" (…)'
 * ```
 */
export function headerProblem(name: string, value: unknown): string | undefined {
  if (!HEADER_NAME.test(name)) return `has an invalid header name "${name.slice(0, 50)}"`;
  if (FRAMING_NAME.test(name)) {
    return `must not set "${name}"`;
  }
  if (typeof value !== "string" || !HEADER_VALUE.test(value)) {
    return `has an invalid value for "${name}" (value not shown)`;
  }
  return undefined;
}

/** The global `fetch` as it was when this module was loaded: the runtime's own, unless mocked earlier. */
const loadedFetch = /* @__PURE__ */ (() => globalThis.fetch)();

/**
 * The default transport. A request the library only describes (see `Private.direct`) is its own init:
 * the global `fetch` builds the one `Request` of the attempt from it; a `fetch` replaced since (a mock in a
 * test, say) gets a `Request`, as always.
 */
function globalFetch(request: Request): Promise<Response> {
  if (request instanceof Request) return globalThis.fetch(request);
  const { url } = request as { url: string };
  const init = request as unknown as RequestInit;
  return globalThis.fetch === loadedFetch
    ? globalThis.fetch(url, init)
    : globalThis.fetch(new Request(url, init));
}

/** What the library keeps of a client out of the client value: nothing here is reachable from it. */
interface Private {
  /** `builtIn`, its last step the auth middleware that holds the credentials. */
  readonly builtIn: readonly Middleware[];
  /** Credential headers must not be sent (plain `http:` to a host that is not loopback, not allowed). */
  readonly refusesCredentials: boolean;
  /** `builtIn` composed once in front of `fetch`: what follows the per-call deadline. */
  readonly run: Fetch;
  /**
   * The headers of a request the library builds, credentials included, when nothing but the library sees
   * the request before the auth step (no middleware of your own, no credential worked out per request).
   */
  readonly preset: readonly (readonly [string, string])[] | undefined;
  /**
   * The library may hand the global `fetch` a description of the request (its URL and a `RequestInit`,
   * credentials included) instead of a `Request` it would copy: no transport of your own, no middleware of
   * your own, credentials preset. Each attempt then builds one `Request`, inside `fetch`.
   */
  readonly direct: boolean;
}

/** The private part of each client `createClient()` made, by client. */
const privates = new WeakMap<Client, Private>();

/**
 * Throws a `TypeError` naming `fn` and `what` (where the header came from) when `headers` carry a
 * credential (`PRIVATE-TOKEN`, `Authorization`, `JOB-TOKEN`, `Deploy-Token`, `Cookie`,
 * `Proxy-Authorization`) that `client` must not send: its `baseUrl` is plain `http:` to a host that is
 * not loopback and it was not made with `allowInsecureHttp: true` (as for the client's own credentials).
 * A value that is not a client from `createClient()` is judged by its `origin` alone.
 *
 * @example
 * ```ts
 * import { checkCredentialHeaders, createClient } from "./client.ts";
 * const client = createClient({ baseUrl: "http://gitlab.example.com" });
 * try {
 *   checkCredentialHeaders(client, "getProject", "headers", new Headers({ Cookie: "session=…" }));
 * } catch (e) {
 *   (e as Error).name; // "TypeError"
 * }
 * ```
 */
export function checkCredentialHeaders(client: Client, fn: string, what: string, headers: Headers): void {
  const refuses = privates.get(client)?.refusesCredentials ?? insecureOrigin(String(client.origin));
  if (!refuses) return;
  for (const name of headers.keys()) {
    if (carriesSecret(name)) {
      throw new TypeError(
        `${fn}(): ${what} "${name}" ${PLAIN_HTTP}`,
      );
    }
  }
}

/** Why credentials are refused over plain `http:` to a host that is not loopback. */
const PLAIN_HTTP =
  "would send credentials over plain http: to a remote host (allowInsecureHttp: true allows it)";

/** `true` for an origin of plain `http:` to a host that is not loopback. */
function insecureOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return url.protocol === "http:" && !isLoopback(url.hostname);
  } catch {
    return true;
  }
}

/**
 * Creates a client. Options are checked at once (a bad one throws a `TypeError` or `RangeError` naming
 * it); nothing is sent until a resource function is called. Only the options object's own properties are
 * read (a polluted `Object.prototype` changes nothing), and the credentials are kept out of the value
 * returned (see {@linkcode Client.builtIn}).
 *
 * @example
 * ```ts
 * import { createClient } from "@gitlab-edge/client";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", token: "glpat-example" });
 * client.baseUrl; // "https://gitlab.example.com/api/v4"
 * ```
 */
export function createClient(options: ClientOptions): Client {
  const fail = (option: string, why: string): never => {
    throw new TypeError(`createClient(): option "${option}" ${why}`);
  };
  if (options === null || typeof options !== "object") fail("options", "must be an object");
  /** An option, when `options` has it as its own property (never an inherited value). */
  const own = <K extends keyof ClientOptions>(key: K): ClientOptions[K] | undefined =>
    Object.hasOwn(options, key) ? options[key] : undefined;
  const base = parseBaseUrl(own("baseUrl"), fail);
  const credentials: [string, string][] = [];
  let kind: Client["auth"] = "none";
  const creds = [["token", "PRIVATE-TOKEN", "token"], ["oauthToken", "Authorization", "oauth"], [
    "jobToken",
    "JOB-TOKEN",
    "job",
  ]] as const;
  let dynamic: { header: string; option: string; credential: Credential } | undefined;
  for (const [option, header, k] of creds) {
    const value = own(option);
    if (value === undefined) continue;
    const credential = value !== null && typeof value === "object" &&
      typeof (value as Credential).authStep === "function";
    if (!credential && (typeof value !== "string" || !/^[\x21-\x7e]+$/.test(value))) {
      fail(
        option,
        typeof value === "function"
          ? "is a function: use tokenFrom(fn)"
          : "must be a visible-ASCII string or tokenFrom(fn) (value not shown)",
      );
    }
    if (kind !== "none") fail(option, "cannot be combined with another credential option");
    kind = k;
    if (credential) dynamic = { header, option, credential: value as Credential };
    else credentials.push([header, k === "oauth" ? `Bearer ${value}` : value as string]);
  }
  const headers = own("headers");
  if (headers !== undefined && (headers === null || typeof headers !== "object")) {
    fail("headers", "must be an object of strings");
  }
  const extra = Object.entries(headers ?? {});
  const credentialHeader = extra.some(([name]) => carriesSecret(name));
  const refusesCredentials = base.protocol === "http:" && !isLoopback(base.hostname) &&
    own("allowInsecureHttp") !== true;
  if ((kind !== "none" || credentialHeader) && refusesCredentials) {
    fail(
      "baseUrl",
      PLAIN_HTTP,
    );
  }
  const sudo = own("sudo");
  if (sudo !== undefined) credentials.push(["Sudo", checkSudo(sudo, "createClient", "sudo")]);
  const userAgent = own("userAgent") ?? `gitlab-edge/${VERSION}`;
  if (typeof userAgent !== "string" || !/^[\x20-\x7e]*$/.test(userAgent)) {
    fail("userAgent", "must be a printable ASCII string");
  }
  credentials.push(["User-Agent", userAgent]);
  for (const [name, value] of extra) {
    const problem = headerProblem(name, value);
    if (problem) fail("headers", problem);
    credentials.push([name, value]);
  }
  const given = own("fetch");
  if (given !== undefined && typeof given !== "function") fail("fetch", "must be a function");
  if (given === undefined && typeof globalThis.fetch !== "function") {
    fail("fetch", "must be a function (no global fetch found)");
  }
  // Without a transport of its own, the global `fetch` is looked up per request, so that request mocking
  // installed after the client was created still applies.
  const transport: Fetch = given ?? globalFetch;
  const user = own("middleware") ?? [];
  if (!Array.isArray(user) || user.some((m) => typeof m !== "function")) {
    fail("middleware", "must be an array of functions");
  }
  const timeoutMs = own("timeout") ?? 60_000;
  checkMilliseconds("createClient", "timeout", timeoutMs);
  const maxResponseBytes = own("maxResponseBytes") ?? MAX_JSON_BYTES;
  if (
    typeof maxResponseBytes !== "number" || !Number.isSafeInteger(maxResponseBytes) || maxResponseBytes < 1
  ) {
    throw new RangeError(
      `createClient(): option "maxResponseBytes" must be a positive integer`,
    );
  }
  const retryOption = own("retry") ?? DEFAULT_RETRY;
  if (retryOption !== false && !isRetryPolicy(retryOption)) {
    fail("retry", "must be a policy from retryPolicy({ … }), or false");
  }
  const policy = retryOption || undefined;
  const builtIn: Middleware[] = policy && policy.maxAttempts > 1 ? [retryStep(policy)] : [];
  builtIn.push(redirects);
  const client: Client = Object.freeze({
    baseUrl: base.href,
    origin: base.origin,
    auth: kind,
    timeout: timeoutMs,
    maxResponseBytes,
    middleware: Object.freeze([...user]),
    // Public: strips credential headers from requests leaving the origin, and adds none.
    builtIn: Object.freeze([...builtIn, auth(base.origin, [])]),
    fetch: async (request: Request) => {
      try {
        return await transport(request);
      } catch (cause) {
        throw transportFailure(request, cause);
      }
    },
  });
  const preset = dynamic || user.length > 0
    ? undefined
    : Object.freeze([["accept", "application/json"] as const, ...credentials]);
  // The credentials live only in these closures, reachable only from here.
  const privateBuiltIn = Object.freeze([
    ...builtIn,
    dynamic
      ? dynamic.credential.authStep({
        option: dynamic.option,
        header: dynamic.header,
        prefix: dynamic.header === "Authorization" ? "Bearer " : "",
        origin: base.origin,
        headers: credentials,
        fetch: client.fetch,
      })
      : auth(base.origin, credentials, { inPlace: user.length === 0 }),
  ]);
  privates.set(client, {
    builtIn: privateBuiltIn,
    refusesCredentials,
    run: chain(privateBuiltIn, client.fetch),
    preset,
    direct: given === undefined && preset !== undefined,
  });
  return client;
}

/**
 * The library's own middleware composed once in front of `transport`, each step calling the next directly:
 * nothing is allocated per call. Only for the built-in steps, which call `next` as they should; your
 * middleware goes through {@linkcode compose} and its checks.
 */
function chain(middleware: readonly Middleware[], transport: Fetch): Fetch {
  let next: Next = transport;
  for (let i = middleware.length - 1; i >= 0; i--) {
    const step = middleware[i];
    const rest = next;
    next = (request) => step(request, rest);
  }
  return next;
}

/**
 * The headers a request the library builds for `client` starts with: `accept: application/json` and, when
 * nothing but the library sees the request before the auth step, the client's credentials, `User-Agent`
 * and extra headers (the auth step then has nothing to add). `undefined` for a value that is not a client
 * from `createClient()`, or one whose auth step must add them itself.
 *
 * @example
 * ```ts
 * import { createClient, presetHeaders } from "./client.ts";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", userAgent: "report/1.0" });
 * presetHeaders(client)?.map(([name]) => name); // ["accept", "User-Agent"]
 * ```
 */
export function presetHeaders(client: Client): readonly (readonly [string, string])[] | undefined {
  return privates.get(client)?.preset;
}

/**
 * Sends `request` through the client's pipeline (your middleware, timeout, retry, redirects, auth,
 * then `fetch`). Network failures become `GitLabNetworkError`; an abort rejects with the signal's reason.
 *
 * @example
 * ```ts
 * import { createClient, send } from "@gitlab-edge/client";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: () => Promise.resolve(new Response("{}")) });
 * const response = await send(client, new Request(client.baseUrl + "/version"));
 * response.status; // 200
 * ```
 */
export function send(client: Client, request: Request, options?: RequestOptions): Promise<Response> {
  sendsBodies();
  try {
    const timeout = options && Object.hasOwn(options, "timeout") ? options.timeout : undefined;
    if (timeout !== undefined) checkMilliseconds("send", "timeout", timeout, RangeError);
    if (request instanceof Request && sameOrigin(request.url, String(client?.origin))) {
      checkCredentialHeaders(client, "send", "the request's header", request.headers);
    }
  } catch (e) {
    return Promise.reject(e);
  }
  return exchange(
    client,
    request,
    options,
    (response, d) => Promise.resolve(d ? bodyUntilEnd(response, d) : response),
  );
}

/**
 * Sends `request` (or the request `build` makes with the deadline's signal linked in, which saves
 * rebuilding it) through the pipeline under a per-call deadline and hands the response to `read`, which
 * reads what it needs (racing `deadline.signal`); the deadline is released when `read` settles, unless
 * `read` handed the body on with `bodyUntilEnd`. The library's own readers use this; `send` is the public
 * form.
 *
 * @example
 * ```ts
 * import { createClient, exchange } from "./client.ts";
 * import { readJson } from "./response.ts";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: () => Promise.resolve(new Response('{"ok":true}')) });
 * const url = client.baseUrl + "/version";
 * await exchange(client, new Request(url), {}, (r, d) => readJson(r, "GET", url, d?.signal)); // { ok: true }
 * ```
 */
export async function exchange<T>(
  client: Client,
  request: Request | ((deadline: AbortSignal | undefined, direct?: boolean) => Request),
  options: RequestOptions | undefined,
  read: (response: Response, deadline: Deadline | undefined) => Promise<T>,
): Promise<T> {
  const ms = (options && Object.hasOwn(options, "timeout") ? options.timeout : undefined) ?? client.timeout;
  const build = typeof request === "function" ? request : undefined;
  // A deadline when something can end the call early: its timer, or a signal to follow. `timeout: 0`
  // with a signal still links it (no timer), so an abort while the body is read rejects with the signal's
  // reason; a request handed in has a signal of its own.
  const signal = options && Object.hasOwn(options, "signal") ? options.signal : undefined;
  const d = ms || !build || signal ? deadline(ms ?? 0) : undefined;
  // The client's own credentials are added only for the client createClient() made; a copy sends none.
  const own = privates.get(client);
  try {
    let sent: Request;
    if (build) {
      // Built with the deadline's signal already in it: the deadline step need not rebuild it. Only
      // described (not built) when nothing but the library and the global fetch will see it.
      sent = build(d?.signal, own?.direct === true && globalThis.fetch === loadedFetch);
      if (d) d.linked = sent;
    } else {
      // A request handed in may be held by someone else: credentials go on a copy, never on it.
      sent = request as Request;
      builtRequests.delete(sent);
      credentialed.delete(sent);
    }
    const run = own?.run ?? chain(client.builtIn, client.fetch);
    const user = client.middleware;
    const response = user.length === 0
      ? await (d ? d.run(sent, run) : run(sent))
      : await compose(d ? [...user, (r: Request, n: Next) => d.run(r, n)] : user, run)(sent);
    return await read(response, d);
  } finally {
    if (d && !d.held) d.release();
  }
}

/** Checks a sudo value (username or numeric id) and returns it as a header value. */
export function checkSudo(value: unknown, fn: string, param: string): string {
  if (typeof value === "number" && Number.isSafeInteger(value) && value > 0) return String(value);
  if (typeof value === "string" && /^[\x21-\x7e]+$/.test(value)) return value;
  throw new TypeError(
    `${fn}(): ${
      fn === "createClient" ? "option" : "parameter"
    } "${param}" must be a username or a positive integer id`,
  );
}

function parseBaseUrl(value: unknown, fail: (o: string, why: string) => never): URL {
  if (typeof value !== "string") {
    return fail("baseUrl", "must be a URL string");
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail("baseUrl", "is not a valid URL (value not shown)");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    fail("baseUrl", `must use https: or http:, not ${url.protocol}`);
  }
  if (url.username || url.password) {
    fail("baseUrl", "must not contain credentials");
  }
  if (url.search || url.hash || /[?#]/.test(url.href)) {
    fail("baseUrl", "must not contain a query or a fragment");
  }
  const path = url.pathname.replace(/\/+$/, "");
  url.pathname = path.endsWith("/api/v4") ? path : `${path}/api/v4`;
  return url;
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname.endsWith(".localhost") ||
    /^127\.\d+\.\d+\.\d+$/.test(hostname) ||
    hostname === "[::1]";
}
