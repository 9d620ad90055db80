/**
 * Credentials that change: a token given as a function (called for each request, so secrets managers
 * and rotation work), and OAuth 2 tokens that are refreshed when they expire: on GitLab's `401
 * invalid_token` answer, or shortly before the expiry you gave. One refresh is shared by every call that
 * needs it, a request is sent again at most once, and a refresh never triggers another.
 *
 * @module
 */

import { GitLabHTTPError, redactUrl } from "../errors.ts";
import type { Middleware } from "../pipeline.ts";
import { auth, sameOrigin } from "./auth.ts";
import { resendable } from "./redirect.ts";

/**
 * A token read when it is needed: called before each request (and again after a refresh), it returns the
 * token or a promise of it.
 *
 * @example
 * ```ts
 * import { createClient, type TokenSource } from "@gitlab-edge/client";
 * let current = "glpat-first";
 * const token: TokenSource = () => current; // rotate by assigning `current`
 * const client = createClient({ baseUrl: "https://gitlab.example.com", token });
 * ```
 */
export type TokenSource = () => string | Promise<string>;

/**
 * What a refresh yields: GitLab's `/oauth/token` answer, or the same fields from your own store.
 *
 * @example
 * ```ts
 * import type { OAuthTokens } from "@gitlab-edge/client";
 * const tokens: OAuthTokens = { access_token: "new-access-token", expires_in: 7200, created_at: 1767225600 };
 * ```
 */
export interface OAuthTokens {
  /** The new access token. */
  readonly access_token: string;
  /** Seconds it lives, counted from `created_at` (or from now). */
  readonly expires_in?: number;
  /** When it was issued, in seconds since the epoch (GitLab sends it). */
  readonly created_at?: number;
  /** GitLab's new refresh token (GitLab rotates them: keep it for the next refresh). */
  readonly refresh_token?: string;
}

/**
 * What a refresh function is told: why it was called, and where and how to reach GitLab's OAuth endpoint
 * (the client's origin and transport, outside its middleware).
 *
 * @example
 * ```ts
 * import type { OAuthRefreshContext } from "@gitlab-edge/client";
 * const why = (context: OAuthRefreshContext): string => `${context.reason} token for ${context.origin}`;
 * ```
 */
export interface OAuthRefreshContext {
  /** `expired`: GitLab answered 401 `invalid_token`; `expiring`: the expiry you gave is near. */
  readonly reason: "expired" | "expiring";
  /** The GitLab origin, e.g. `https://gitlab.example.com`. */
  readonly origin: string;
  /** The client's transport. */
  readonly fetch: (request: Request) => Promise<Response>;
}

/**
 * The client's `oauthRefresh` option: how to get a new access token, and when the current one expires.
 *
 * @example
 * ```ts
 * import { createClient, oauthRefreshGrant } from "@gitlab-edge/client";
 * const client = createClient({
 *   baseUrl: "https://gitlab.example.com",
 *   oauthToken: "access-token",
 *   oauthRefresh: {
 *     refresh: oauthRefreshGrant({ clientId: "app-id", refreshToken: "refresh-token", onTokens: (t) => console.log("save", t.refresh_token) }),
 *     expiresAt: Date.now() + 7_200_000,
 *   },
 * });
 * ```
 */
export interface OAuthRefresh {
  /** Returns new tokens. Called once for all calls waiting on it; a failure rejects those calls. */
  readonly refresh: (context: OAuthRefreshContext) => Promise<OAuthTokens>;
  /** When the current access token expires (a `Date` or milliseconds since the epoch), if known. */
  readonly expiresAt?: number | Date;
  /** Refresh this long before `expiresAt`, in milliseconds (default 60000). */
  readonly earlyMs?: number;
}

/** A credential whose header value is worked out per request. */
export interface DynamicCredential {
  /** The header it is sent in. */
  readonly name: string;
  /** The header value for the next request. */
  value(): Promise<string>;
  /**
   * After a `401`: refreshes when `response` says the token is no longer valid (sharing a refresh under
   * way) and resolves `true` when the request should go again with a new `value()`.
   */
  renew?(used: string, response: Response): Promise<boolean>;
}

const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

async function tokenOf(source: string | TokenSource, option: string): Promise<string> {
  const token = typeof source === "function" ? await source() : source;
  if (typeof token !== "string" || !VISIBLE_ASCII.test(token)) {
    throw new TypeError(
      `createClient(): option "${option}" gave a token that is not a non-empty string of visible ASCII characters (value not shown)`,
    );
  }
  return token;
}

/** A token function as a credential: called before each request. */
export function tokenCredential(
  name: string,
  source: TokenSource,
  option: string,
  prefix = "",
): DynamicCredential {
  return { name, value: async () => prefix + await tokenOf(source, option) };
}

/** Whether a 401 says the token is invalid (GitLab: `WWW-Authenticate: Bearer … error="invalid_token"`). */
function invalidToken(response: Response): boolean {
  return response.status === 401 &&
    /error="invalid_token"/.test(response.headers.get("www-authenticate") ?? "");
}

/** An OAuth 2 access token with its refresh: one session per client. */
export function oauthCredential(
  source: string | TokenSource,
  refresh: OAuthRefresh,
  context: Omit<OAuthRefreshContext, "reason">,
): DynamicCredential {
  let current: string | TokenSource = source;
  let expiresAt = refresh.expiresAt instanceof Date ? refresh.expiresAt.getTime() : refresh.expiresAt;
  const early = refresh.earlyMs ?? 60_000;
  let inflight: Promise<void> | undefined;
  const renewShared = (reason: OAuthRefreshContext["reason"]): Promise<void> => {
    inflight ??= (async () => {
      try {
        const tokens = await refresh.refresh({ ...context, reason });
        if (tokens === null || typeof tokens !== "object" || typeof tokens.access_token !== "string") {
          throw new TypeError('createClient(): option "oauthRefresh": refresh() gave no access_token');
        }
        current = await tokenOf(tokens.access_token, "oauthRefresh");
        const issued = typeof tokens.created_at === "number" ? tokens.created_at * 1000 : Date.now();
        const next = typeof tokens.expires_in === "number" ? issued + tokens.expires_in * 1000 : undefined;
        // An expiry already (nearly) past would ask for a refresh on every request: ignore it.
        expiresAt = next !== undefined && next - early > Date.now() ? next : undefined;
      } finally {
        inflight = undefined;
      }
    })();
    return inflight;
  };
  return {
    name: "Authorization",
    async value() {
      if (inflight) await inflight;
      else if (expiresAt !== undefined && Date.now() >= expiresAt - early) await renewShared("expiring");
      return "Bearer " + await tokenOf(current, "oauthToken");
    },
    async renew(used, response) {
      if (!invalidToken(response)) return false;
      if (inflight) await inflight;
      else if ("Bearer " + await tokenOf(current, "oauthToken") === used) await renewShared("expired");
      return true;
    },
  };
}

/**
 * A refresh function for GitLab's own OAuth 2 endpoint: `POST /oauth/token` with the `refresh_token`
 * grant, through the client's transport. GitLab rotates refresh tokens: each refresh hands the new one
 * to `onTokens` (store it) and uses it next time.
 *
 * @example
 * ```ts
 * import { createClient, oauthRefreshGrant } from "@gitlab-edge/client";
 * const refresh = oauthRefreshGrant({
 *   clientId: "application-id",
 *   clientSecret: "application-secret", // confidential applications only
 *   refreshToken: "stored-refresh-token",
 *   onTokens: async (tokens) => console.log("store the new refresh token", tokens.refresh_token !== undefined),
 * });
 * const client = createClient({ baseUrl: "https://gitlab.example.com", oauthToken: "access", oauthRefresh: { refresh } });
 * ```
 */
export function oauthRefreshGrant(options: {
  /** The application's id. */
  readonly clientId: string;
  /** The application's secret, for confidential applications. */
  readonly clientSecret?: string;
  /** The refresh token you hold. */
  readonly refreshToken: string;
  /** The redirect URI registered for the application, if GitLab asks for it. */
  readonly redirectUri?: string;
  /** Called with each new set of tokens (the new refresh token among them), before it is used. */
  readonly onTokens?: (tokens: OAuthTokens) => void | Promise<void>;
}): OAuthRefresh["refresh"] {
  for (const key of ["clientId", "refreshToken"] as const) {
    if (typeof options?.[key] !== "string" || options[key] === "") {
      throw new TypeError(`oauthRefreshGrant(): option "${key}" must be a non-empty string`);
    }
  }
  let refreshToken = options.refreshToken;
  return async (context) => {
    const body = new URLSearchParams({
      grant_type: "refresh_token",
      refresh_token: refreshToken,
      client_id: options.clientId,
    });
    if (options.clientSecret !== undefined) body.set("client_secret", options.clientSecret);
    if (options.redirectUri !== undefined) body.set("redirect_uri", options.redirectUri);
    const url = `${context.origin}/oauth/token`;
    const response = await context.fetch(
      new Request(url, { method: "POST", body, headers: { accept: "application/json" }, redirect: "manual" }),
    );
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (!response.ok || parsed === null || typeof parsed !== "object") {
      // GitLab's OAuth errors are `{"error": …, "error_description": …}`; nothing of the request is kept.
      const error = parsed && typeof parsed === "object" ? parsed as { error?: string } : undefined;
      throw new GitLabHTTPError({
        method: "POST",
        url: redactUrl(url),
        status: response.status,
        statusText: response.statusText,
        body: error?.error ? { error: String(error.error) } : undefined,
      });
    }
    const tokens = parsed as OAuthTokens;
    if (typeof tokens.refresh_token === "string" && tokens.refresh_token !== "") {
      refreshToken = tokens.refresh_token;
    }
    await options.onTokens?.(tokens);
    return tokens;
  };
}

/**
 * The auth middleware with a credential worked out per request: the static headers as `auth()` sends
 * them, plus `credential`'s header; after a `401 invalid_token` it refreshes (if the credential can) and
 * sends the request once more. Requests to other origins get no credential at all.
 */
export function dynamicAuth(
  origin: string,
  headers: ReadonlyArray<readonly [string, string]>,
  credential: DynamicCredential,
): Middleware {
  const inner = auth(origin, headers);
  // The credential joins the static headers for this request: `auth()` adds them (a per-call header of
  // the same name wins), and strips every credential from a request to another origin.
  const send = (request: Request, value: string, next: Parameters<Middleware>[1]): Promise<Response> =>
    auth(origin, [...headers, [credential.name, value]])(request, next);
  const middleware = async (request: Request, next: Parameters<Middleware>[1]): Promise<Response> => {
    if (!sameOrigin(request.url, origin)) return inner(request, next);
    // A copy kept aside before the body is sent, to send again after a refresh (not for a stream body).
    const spare = credential.renew ? resendable(request) : undefined;
    const used = await credential.value();
    const response = await send(request, used, next);
    if (!credential.renew || !spare || response.status !== 401) return response;
    if (!(await credential.renew(used, response))) return response;
    await response.body?.cancel().catch(() => {});
    return send(spare, await credential.value(), next);
  };
  return Object.assign(middleware, { repeatsNext: true });
}
