/**
 * Error types thrown by the client, and the redaction every one of them applies.
 *
 * Every error carries only what is safe to log: a URL with credentials and secret query values
 * replaced by `[REDACTED]`, the HTTP method, and GitLab's parsed error body. Request headers are never
 * kept, so a token cannot travel with an error.
 *
 * @module
 */

/** Query parameters whose values never appear in an error, a log line or a message. */
const SECRET_PARAMS = new RegExp(
  // GitLab's and OAuth's own (private_token, access_token, job_token, token, password, secret, client_secret,
  // refresh_token, code), and those of presigned object-storage URLs GitLab redirects to: S3
  // (X-Amz-Signature, X-Amz-Credential, X-Amz-Security-Token), CloudFront (Signature, Policy,
  // Key-Pair-Id), Azure (sig), Google (X-Goog-Signature, X-Goog-Credential, GoogleAccessId); and any
  // name that says it holds a secret. Only the names the second half does not already catch (a name
  // containing "token", "secret", "passw", …) are listed whole.
  "^(?:code|sig|policy|key-pair-id|googleaccessid)$|token|secret|passw|signature|credential|api[-_]?key",
  "i",
);

/**
 * Returns `url` with user info and secret query values replaced by `[REDACTED]`.
 *
 * @example
 * ```ts
 * import { redactUrl } from "@gitlab-edge/client";
 * redactUrl("https://u:p@gitlab.example.com/api/v4/projects?private_token=x&page=2");
 * // "https://[REDACTED]@gitlab.example.com/api/v4/projects?private_token=[REDACTED]&page=2"
 * ```
 */
export function redactUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "[unparsable URL]";
  }
  const auth = u.username || u.password ? "[REDACTED]@" : "";
  let query = "";
  if (u.search) {
    const parts: string[] = [];
    for (const [k, v] of u.searchParams) {
      parts.push(`${encodeURIComponent(k)}=${SECRET_PARAMS.test(k) ? "[REDACTED]" : encodeURIComponent(v)}`);
    }
    query = "?" + parts.join("&");
  }
  return `${u.protocol}//${auth}${u.host}${u.pathname}${query}`;
}

/**
 * The base class of every error this library throws for a request (HTTP, network, timeout, parse).
 *
 * @example
 * ```ts
 * import { GitLabError } from "@gitlab-edge/client";
 * try {
 *   // await getProject(client, 1);
 * } catch (e) {
 *   if (e instanceof GitLabError) console.error(e.method, e.url, e.message);
 * }
 * ```
 */
export class GitLabError extends Error {
  // The fields are `declare`d, set by the constructors alone (no class field code in a bundle), in the
  // order a field definition would give them.
  /** The HTTP method of the request that failed. */
  declare readonly method: string;
  /** The request URL, with credentials and secret query values redacted. */
  declare readonly url: string;
  /** How many attempts were made (more than one when the retry policy retried). */
  declare attempts: number;

  /**
   * Creates the error.
   *
   * @param detail What went wrong; the message is `METHOD url: detail`, the URL redacted.
   * @param init The request's method and URL, and an optional cause.
   */
  constructor(detail: string, init: { method: string; url: string; cause?: unknown; attempts?: number }) {
    const url = redactUrl(init.url);
    super(`${init.method} ${url}: ${detail}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.method = init.method;
    this.url = url;
    this.attempts = init.attempts ?? 1;
    this.name = "GitLabError";
  }
}

/**
 * GitLab's error body: `{"message": "..."}`, `{"message": {"field": ["..."]}}` or `{"error": "..."}`.
 *
 * @example
 * ```ts
 * import { GitLabHTTPError, type GitLabErrorBody } from "@gitlab-edge/client";
 * const validation: GitLabErrorBody = { message: { name: ["has already been taken"] } };
 * const oauth: GitLabErrorBody = { error: "invalid_token", error_description: "Token was revoked." };
 * // The body of a failed call, as a GitLabHTTPError carries it:
 * const bodyOf = (e: unknown) => (e instanceof GitLabHTTPError ? e.body : undefined);
 * ```
 */
export type GitLabErrorBody =
  | { message: string | string[] | Record<string, string | string[]> }
  | { error: string; error_description?: string }
  | Record<string, unknown>;

/**
 * A response with a status outside 2xx (after redirects and retries).
 *
 * `message` reads like `GET https://host/api/v4/projects/9: 404 Not Found: 404 Project Not Found`.
 *
 * @example
 * ```ts
 * import { GitLabHTTPError } from "@gitlab-edge/client";
 * function isNotFound(e: unknown): boolean {
 *   return e instanceof GitLabHTTPError && e.status === 404;
 * }
 * isNotFound(new Error("x")); // false
 * ```
 */
export class GitLabHTTPError extends GitLabError {
  /** The HTTP status code. */
  declare readonly status: number;
  /** The HTTP status text, when the server sent one. */
  declare readonly statusText: string;
  /** GitLab's `X-Request-Id` header, to quote when asking a GitLab administrator. */
  declare readonly requestId: string | undefined;
  /** The parsed JSON body, or the body text when it is not JSON (e.g. a proxy's HTML page). */
  declare readonly body: GitLabErrorBody | string | undefined;
  /** Seconds to wait before trying again, from `Retry-After` (or `RateLimit-Reset`), when sent. */
  declare readonly retryAfter: number | undefined;

  /**
   * Creates the error from the failed response's parts.
   *
   * @param init Everything known about the failed response.
   */
  constructor(init: {
    method: string;
    url: string;
    status: number;
    statusText?: string;
    requestId?: string | null;
    body?: GitLabErrorBody | string;
    retryAfter?: number;
    attempts?: number;
  }) {
    // HTTP/2 and in-memory transports send no reason phrase: use the standard one for GitLab's statuses.
    const statusText = init.statusText || REASONS[init.status] || "";
    const detail = describeBody(init.body);
    super(`${init.status}${statusText ? " " + statusText : ""}${detail ? ": " + detail : ""}`, init);
    this.name = "GitLabHTTPError";
    this.status = init.status;
    this.statusText = statusText;
    this.requestId = init.requestId ?? undefined;
    this.body = init.body;
    this.retryAfter = init.retryAfter;
  }
}

/**
 * The request never got a response: DNS, connection refused or reset, TLS, or a body cut short.
 * The original error is in `cause`.
 *
 * @example
 * ```ts
 * import { GitLabNetworkError } from "@gitlab-edge/client";
 * const e = new GitLabNetworkError({ method: "GET", url: "https://gitlab.example.com/api/v4/user", cause: new TypeError("fetch failed") });
 * e.message; // "GET https://gitlab.example.com/api/v4/user: network error: fetch failed"
 * ```
 */
export class GitLabNetworkError extends GitLabError {
  /**
   * Creates the error.
   *
   * @param init The request's method and URL and the underlying error.
   */
  constructor(init: { method: string; url: string; cause: unknown; attempts?: number }) {
    // Runtimes put the full request URL in their fetch errors (Deno in `message`, Bun in `path`): redact it.
    const cause = scrubUrls(init.cause, 0);
    const why = cause instanceof Error ? cause.message : redactUrls(String(cause));
    super(`network error: ${why}`, { ...init, cause });
    this.name = "GitLabNetworkError";
  }
}

/** Replaces every http(s) URL inside `text` with its redacted form. */
/**
 * What a call to a transport that threw rejects with: the abort's reason when the request was aborted, a
 * `GitLabNetworkError` as it is (a transport such as `observeAttempts()` has made it already), else a new
 * `GitLabNetworkError` with `cause` in it and the URL redacted.
 *
 * @example
 * ```ts
 * import { transportFailure } from "./errors.ts";
 * const request = new Request("https://gitlab.example.com/api/v4/user?private_token=secret");
 * (transportFailure(request, new TypeError("connection refused")) as Error).message;
 * // "GET https://gitlab.example.com/api/v4/user?private_token=[REDACTED]: network error: connection refused"
 * ```
 */
export function transportFailure(request: Request, cause: unknown): unknown {
  if (request.signal?.aborted) return request.signal.reason;
  if (cause instanceof GitLabNetworkError) return cause;
  return new GitLabNetworkError({ method: request.method, url: request.url, cause });
}

function redactUrls(text: string): string {
  return text.replace(/\bhttps?:\/\/[^\s()<>"'`]+/g, (url) => redactUrl(url));
}

/** Redacts URLs in an error's message, stack and string properties, and in its causes, in place. */
function scrubUrls(error: unknown, depth: number): unknown {
  if (!(error instanceof Error) || depth > 4) return error;
  const record = error as unknown as Record<string, unknown>;
  for (const key of new Set([...Object.getOwnPropertyNames(error), "message", "stack"])) {
    try {
      if (typeof record[key] === "string") record[key] = redactUrls(record[key] as string);
    } catch {
      // a read-only property stays as it is
    }
  }
  scrubUrls(error.cause, depth + 1);
  return error;
}

/**
 * The call did not finish within its `timeout` (the client's or the call's), retries included.
 *
 * @example
 * ```ts
 * import { GitLabTimeoutError } from "@gitlab-edge/client";
 * const e = new GitLabTimeoutError({ method: "GET", url: "https://gitlab.example.com/api/v4/user", timeout: 5000 });
 * e.timeout; // 5000
 * ```
 */
export class GitLabTimeoutError extends GitLabError {
  /** The timeout that expired, in milliseconds. */
  declare readonly timeout: number;

  /**
   * Creates the error.
   *
   * @param init The request's method and URL and the timeout in milliseconds.
   */
  constructor(init: { method: string; url: string; timeout: number; cause?: unknown; attempts?: number }) {
    super(`timed out after ${init.timeout} ms`, init);
    this.name = "GitLabTimeoutError";
    this.timeout = init.timeout;
  }
}

/** Standard reason phrases of the statuses GitLab documents. */
const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  412: "Precondition Failed",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/**
 * The standard reason phrase of an error status GitLab documents (`404` → `"Not Found"`), else `undefined`.
 *
 * @example
 * ```ts
 * import { reasonPhrase } from "./errors.ts";
 * reasonPhrase(429); // "Too Many Requests"
 * ```
 */
export function reasonPhrase(status: number): string | undefined {
  return REASONS[status];
}

/**
 * Shortens `text` to `limit` characters, marking a cut with "…" (the body itself stays on the error).
 *
 * @example
 * ```ts
 * import { clip } from "./errors.ts";
 * clip("x".repeat(300)).length; // 201
 * clip("a parameter name", 100); // "a parameter name"
 * ```
 */
export function clip(text: string, limit = 200): string {
  return text.length > limit ? text.slice(0, limit) + "…" : text;
}

/**
 * Turns GitLab's error body into one line of text. Runs in time linear in the body's size, and never
 * throws (a body nested too deep to print is described as such), so an error is always built.
 */
function describeBody(body: unknown): string {
  if (body === undefined || body === null || body === "") return "";
  if (typeof body === "string") {
    const title = htmlTitle(body);
    if (title !== undefined) return `HTML page "${clip(title.trim())}"`;
    if (/^\s*</.test(body)) return "HTML page";
    return clip(body);
  }
  if (typeof body !== "object") return clip(String(body));
  try {
    const b = body as Record<string, unknown>;
    if ("message" in b) return clip(describeMessage(b.message), 2_000);
    if (typeof b.error === "string") {
      const text = typeof b.error_description === "string" ? `${b.error}: ${b.error_description}` : b.error;
      return clip(text, 2_000);
    }
    return clip(JSON.stringify(body) ?? "");
  } catch {
    return "(nested too deeply)";
  }
}

/**
 * The text of the first `<title …>text</title>` in `html` (tags in any case), or `undefined`: what
 * `/<title[^>]*>([^<]*)<\/title>/i` finds, in one pass. A candidate that fails is never re-scanned: every
 * later `<title` before the next `<` after its `>` would fail the same way, so the search resumes there.
 */
function htmlTitle(html: string): string | undefined {
  const open = /<title/gi;
  for (let from = 0;;) {
    open.lastIndex = from;
    const start = open.exec(html);
    if (start === null) return undefined;
    const gt = html.indexOf(">", start.index + 6);
    if (gt < 0) return undefined; // no later candidate can have a ">" either
    const lt = html.indexOf("<", gt + 1);
    if (lt < 0) return undefined; // nor a closing tag
    if (html.slice(lt, lt + 8).toLowerCase() === "</title>") return html.slice(gt + 1, lt);
    from = lt;
  }
}

function describeMessage(m: unknown): string {
  if (typeof m === "string") return m;
  if (Array.isArray(m)) return m.map(describeValue).join(", ");
  if (m && typeof m === "object") {
    return Object.entries(m).map(([field, v]) =>
      `${field} ${Array.isArray(v) ? v.map(describeValue).join(", ") : describeValue(v)}`
    ).join("; ");
  }
  return String(m);
}

/** One value of a message, without recursing into nested arrays or objects. */
function describeValue(v: unknown): string {
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return v.every((x) => typeof x !== "object" || x === null) ? v.join(", ") : "[…]";
  return v !== null && typeof v === "object" ? "{…}" : String(v);
}
