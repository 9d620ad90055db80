/**
 * `createClient()`: validated, frozen options and the built-in middleware, with no I/O; and `send()`,
 * the one function that walks a request through the pipeline.
 *
 * @module
 */

import { GitLabNetworkError } from "./errors.ts";
import { auth } from "./middleware/auth.ts";
import { redirects } from "./middleware/redirect.ts";
import { DEFAULT_RETRY, retry, type RetryPolicy } from "./middleware/retry.ts";
import { bodyUntilEnd, type Deadline, deadline } from "./middleware/timeout.ts";
import { compose, type Fetch, type Middleware } from "./pipeline.ts";

/**
 * Options for {@linkcode createClient}.
 *
 * @example
 * ```ts
 * import { type ClientOptions, createClient } from "./client.ts";
 * const options: ClientOptions = {
 *   baseUrl: "https://gitlab.example.com",
 *   token: "glpat-example",
 *   timeout: 30_000,
 *   retry: { maxAttempts: 6 },
 * };
 * const client = createClient(options);
 * ```
 */
export interface ClientOptions {
  /** GitLab's address, e.g. `https://gitlab.example.com` (`/api/v4` is added unless present). */
  readonly baseUrl: string;
  /** A personal, project or group access token, sent as `PRIVATE-TOKEN`. */
  readonly token?: string;
  /** An OAuth 2.0 access token, sent as `Authorization: Bearer`. */
  readonly oauthToken?: string;
  /** A CI/CD job token (`$CI_JOB_TOKEN`), sent as `JOB-TOKEN`. */
  readonly jobToken?: string;
  /** Act as this user (username or numeric id) on every call; needs an administrator's token. */
  readonly sudo?: string | number;
  /** The transport; defaults to the global `fetch`. */
  readonly fetch?: (request: Request) => Promise<Response>;
  /** Your own middleware, run in array order before the built-in timeout, retry, redirects and auth. */
  readonly middleware?: readonly Middleware[];
  /** The retry policy (any fields you set replace the defaults), or `false` for a single attempt. */
  readonly retry?: Partial<RetryPolicy> | false;
  /** Deadline for each call in milliseconds, retries and body included; `0` for none. Default 60000. */
  readonly timeout?: number;
  /** The `User-Agent` header. Default `gitlab-edge`. */
  readonly userAgent?: string;
  /** Extra headers sent with every request to `baseUrl`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Allow credentials over plain `http:` to a host that is not loopback. Default `false`. */
  readonly allowInsecureHttp?: boolean;
}

/**
 * A configured client: a frozen value that every resource function takes first.
 *
 * @example
 * ```ts
 * import { type Client, createClient } from "./client.ts";
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
  /** Your middleware, run first, in array order. */
  readonly middleware: readonly Middleware[];
  /** The built-in middleware run after the per-call timeout: retry (unless disabled), redirects, auth. */
  readonly builtIn: readonly Middleware[];
  /** The transport at the end of the pipeline; its failures become `GitLabNetworkError`. */
  readonly fetch: Fetch;
}

/**
 * Per-call options every resource function accepts in its options object.
 *
 * @example
 * ```ts
 * import { createClient, getProject, type RequestOptions } from "gitlab-edge";
 * import { createSimulator } from "gitlab-edge/testing";
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

const VERSION = "0.1.0";

/**
 * Creates a client. Options are checked at once (a bad one throws a `TypeError` or `RangeError` naming
 * it); nothing is sent until a resource function is called.
 *
 * @example
 * ```ts
 * import { createClient } from "./client.ts";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", token: "glpat-example" });
 * client.baseUrl; // "https://gitlab.example.com/api/v4"
 * ```
 */
export function createClient(options: ClientOptions): Client {
  const fail = (option: string, why: string): never => {
    throw new TypeError(`createClient(): option "${option}" ${why}`);
  };
  if (options === null || typeof options !== "object") fail("options", "must be an object");
  const base = parseBaseUrl(options.baseUrl, fail);
  const credentials: [string, string][] = [];
  let kind: Client["auth"] = "none";
  const creds = [["token", "PRIVATE-TOKEN", "token"], ["oauthToken", "Authorization", "oauth"], [
    "jobToken",
    "JOB-TOKEN",
    "job",
  ]] as const;
  for (const [option, header, k] of creds) {
    const value = options[option];
    if (value === undefined) continue;
    if (typeof value !== "string" || !/^[\x21-\x7e]+$/.test(value)) {
      fail(option, "must be a non-empty string of visible ASCII characters (value not shown)");
    }
    if (kind !== "none") fail(option, "cannot be combined with another credential option");
    kind = k;
    credentials.push([header, k === "oauth" ? `Bearer ${value}` : value]);
  }
  const credentialHeader = Object.keys(options.headers ?? {}).some((name) =>
    /^(private-token|authorization|job-token)$/i.test(name)
  );
  if (
    (kind !== "none" || credentialHeader) && base.protocol === "http:" && !isLoopback(base.hostname) &&
    options.allowInsecureHttp !== true
  ) {
    fail(
      "baseUrl",
      "uses plain http: to a non-loopback host; credentials would travel unencrypted (set allowInsecureHttp: true to allow)",
    );
  }
  if (options.sudo !== undefined) credentials.push(["Sudo", checkSudo(options.sudo, "createClient", "sudo")]);
  const userAgent = options.userAgent ?? `gitlab-edge/${VERSION}`;
  if (typeof userAgent !== "string" || !/^[\x20-\x7e]*$/.test(userAgent)) {
    fail("userAgent", "must be a printable ASCII string");
  }
  credentials.push(["User-Agent", userAgent]);
  if (options.headers !== undefined) {
    if (options.headers === null || typeof options.headers !== "object") {
      fail("headers", "must be an object of strings");
    }
    for (const [name, value] of Object.entries(options.headers)) {
      if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
        fail("headers", `has an invalid header name "${name}"`);
      }
      if (typeof value !== "string" || /[\r\n\0]/.test(value)) {
        fail("headers", `has an invalid value for "${name}"`);
      }
      credentials.push([name, value]);
    }
  }
  const transport = options.fetch ?? globalThis.fetch;
  if (typeof transport !== "function") fail("fetch", "must be a function (no global fetch found)");
  const user = options.middleware ?? [];
  if (!Array.isArray(user) || user.some((m) => typeof m !== "function")) {
    fail("middleware", "must be an array of functions (request, next) => Promise<Response>");
  }
  const timeoutMs = options.timeout ?? 60_000;
  if (typeof timeoutMs !== "number" || !(timeoutMs >= 0) || !Number.isFinite(timeoutMs)) {
    fail("timeout", "must be a finite number of milliseconds, 0 or more");
  }
  const policy = options.retry === false ? undefined : checkRetry(options.retry ?? {}, fail);
  const builtIn: Middleware[] = policy && policy.maxAttempts > 1 ? [retry(policy)] : [];
  builtIn.push(redirects, auth(base.origin, credentials, { inPlace: user.length === 0 }));
  return Object.freeze({
    baseUrl: base.href,
    origin: base.origin,
    auth: kind,
    timeout: timeoutMs,
    middleware: Object.freeze([...user]),
    builtIn: Object.freeze(builtIn),
    fetch: async (request: Request) => {
      try {
        return await transport(request);
      } catch (cause) {
        if (request.signal.aborted) throw request.signal.reason;
        throw new GitLabNetworkError({ method: request.method, url: request.url, cause });
      }
    },
  });
}

/**
 * Sends `request` through the client's pipeline (your middleware, timeout, retry, redirects, auth,
 * then `fetch`). Network failures become `GitLabNetworkError`; an abort rejects with the signal's reason.
 *
 * @example
 * ```ts
 * import { createClient, send } from "./client.ts";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: () => Promise.resolve(new Response("{}")) });
 * const response = await send(client, new Request(client.baseUrl + "/version"));
 * response.status; // 200
 * ```
 */
export function send(client: Client, request: Request, options?: RequestOptions): Promise<Response> {
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
  request: Request | ((deadline: AbortSignal | undefined) => Request),
  options: RequestOptions | undefined,
  read: (response: Response, deadline: Deadline | undefined) => Promise<T>,
): Promise<T> {
  const ms = options?.timeout ?? client.timeout;
  const d = ms ? deadline(ms) : undefined;
  if (typeof request === "function") {
    // Built with the deadline's signal already in it: the deadline middleware need not rebuild it.
    request = request(d?.signal);
    if (d) d.linked = request;
  }
  const chain = d
    ? [...client.middleware, d.middleware, ...client.builtIn]
    : [...client.middleware, ...client.builtIn];
  try {
    return await read(await compose(chain, client.fetch)(request), d);
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
    return fail("baseUrl", "must be a string such as https://gitlab.example.com");
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail("baseUrl", "is not a valid URL such as https://gitlab.example.com (value not shown)");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    fail("baseUrl", `must use https: or http:, not ${url.protocol}`);
  }
  if (url.username || url.password) {
    fail("baseUrl", "must not contain credentials; use token, oauthToken or jobToken");
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

function checkRetry(value: Partial<RetryPolicy>, fail: (o: string, why: string) => never): RetryPolicy {
  if (value === null || typeof value !== "object") return fail("retry", "must be an object or false");
  const policy = { ...DEFAULT_RETRY, ...value };
  for (const key of ["maxAttempts", "baseDelay", "maxDelay", "maxElapsed"] as const) {
    const n = policy[key];
    if (typeof n !== "number" || !(n >= 0) || !Number.isFinite(n)) {
      fail(`retry.${key}`, "must be a finite number, 0 or more");
    }
  }
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    fail("retry.maxAttempts", "must be an integer, 1 or more");
  }
  for (const key of ["sleep", "now", "random"] as const) {
    if (typeof policy[key] !== "function") fail(`retry.${key}`, "must be a function");
  }
  const statuses: unknown = policy.statuses;
  if (!Array.isArray(statuses) || !statuses.every((s) => Number.isInteger(s) && s >= 100 && s <= 599)) {
    fail("retry.statuses", "must be an array of HTTP status codes");
  }
  const methods: unknown = policy.idempotentMethods;
  if (!Array.isArray(methods) || !methods.every((m) => typeof m === "string" && /^[A-Z]+$/.test(m))) {
    fail("retry.idempotentMethods", "must be an array of upper-case HTTP method names");
  }
  return Object.freeze(policy);
}
