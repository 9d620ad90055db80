/**
 * Credentials that change, as values you hand to `createClient` in place of a token string:
 * {@linkcode tokenFrom} reads the token from a function before each request (so secrets managers and
 * rotation work), and {@linkcode oauthSession} is an OAuth 2 token that is refreshed when it expires: on
 * GitLab's `401 invalid_token` answer, or shortly before the expiry you gave. One refresh is shared by every
 * call that needs it, a request is sent again at most once, and a refresh never triggers another.
 *
 * They are values rather than options so that their code comes with them: a client made with a token string
 * does not carry it in a bundle.
 *
 * @module
 */

import { checkMilliseconds } from "../duration.ts";
import { GitLabHTTPError, redactUrl } from "../errors.ts";
import type { Fetch, Middleware } from "../pipeline.ts";
import { auth, sameOrigin } from "./auth.ts";
import { resendable } from "./redirect.ts";

/**
 * A token read when it is needed: called before each request (and again after a refresh), it returns the
 * token or a promise of it. Hand it to `createClient` as {@linkcode tokenFrom}`(source)`.
 *
 * @example
 * ```ts
 * import { createClient, tokenFrom, type TokenSource } from "@gitlab-edge/client";
 * let current = "glpat-first";
 * const token: TokenSource = () => current; // rotate by assigning `current`
 * const client = createClient({ baseUrl: "https://gitlab.example.com", token: tokenFrom(token) });
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
 * What {@linkcode oauthSession} takes: the current access token, how to get a new one, and when the current
 * one expires.
 *
 * @example
 * ```ts
 * import { createClient, oauthRefreshGrant, oauthSession, type OAuthSessionOptions } from "@gitlab-edge/client";
 * const session: OAuthSessionOptions = {
 *   token: "access-token",
 *   refresh: oauthRefreshGrant({ clientId: "app-id", refreshToken: "refresh-token", onTokens: (t) => console.log("save", t.refresh_token) }),
 *   expiresAt: Date.now() + 7_200_000,
 * };
 * const client = createClient({ baseUrl: "https://gitlab.example.com", oauthToken: oauthSession(session) });
 * ```
 */
export interface OAuthSessionOptions {
  /** The current access token, or a function returning it (read before each request until a refresh). */
  readonly token: string | TokenSource;
  /** Returns new tokens. Called once for all calls waiting on it; a failure rejects those calls. */
  readonly refresh: (context: OAuthRefreshContext) => Promise<OAuthTokens>;
  /** When the current access token expires (a `Date` or milliseconds since the epoch), if known. */
  readonly expiresAt?: number | Date;
  /** Refresh this long before `expiresAt`, in milliseconds (default 60000). */
  readonly earlyMs?: number;
}

/**
 * Where and how a {@linkcode Credential} is used: what `createClient` tells it when it builds the client.
 *
 * @example
 * ```ts
 * import type { CredentialUse } from "@gitlab-edge/client";
 * const where = (use: CredentialUse): string => `${use.option} as ${use.header} for ${use.origin}`;
 * ```
 */
export interface CredentialUse {
  /** The option it was given as: `token`, `oauthToken` or `jobToken`. */
  readonly option: string;
  /** The header it is sent in: `PRIVATE-TOKEN`, `Authorization` or `JOB-TOKEN`. */
  readonly header: string;
  /** What goes before the token in that header (`"Bearer "` for OAuth, else `""`). */
  readonly prefix: string;
  /** The origin of `baseUrl`: the only origin the credential is sent to. */
  readonly origin: string;
  /** The client's other headers for that origin (`Sudo`, `User-Agent`, your extra headers). */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  /** The client's transport, outside its middleware (what a refresh reaches GitLab's OAuth endpoint with). */
  readonly fetch: Fetch;
}

/**
 * A credential worked out per request, given to `createClient` as `token`, `oauthToken` or `jobToken` in
 * place of a string: made by {@linkcode tokenFrom} or {@linkcode oauthSession}. It brings the code that
 * sends it, so a client with a plain token string does not carry that code.
 *
 * @example
 * ```ts
 * import { createClient, type Credential, tokenFrom } from "@gitlab-edge/client";
 * const credential: Credential = tokenFrom(() => "glpat-example");
 * const client = createClient({ baseUrl: "https://gitlab.example.com", jobToken: credential });
 * ```
 */
export interface Credential {
  /**
   * Builds the client's auth step for `use`: the middleware that adds the credential (with `use.headers`)
   * to requests bound for `use.origin` and strips every credential from requests bound elsewhere. Throws a
   * `TypeError` naming `use.option` when the credential cannot be sent that way.
   */
  authStep(use: CredentialUse): Middleware;
}

/**
 * A token read from `source` before each request: give it as `token`, `oauthToken` or `jobToken`. A token
 * that is not a non-empty string of visible ASCII characters fails that call with a `TypeError` naming the
 * option (the value is not shown).
 *
 * @example
 * ```ts
 * import { createClient, tokenFrom } from "@gitlab-edge/client";
 * const secrets = { current: async () => "glpat-example" };
 * const client = createClient({ baseUrl: "https://gitlab.example.com", token: tokenFrom(() => secrets.current()) });
 * ```
 */
export function tokenFrom(source: TokenSource): Credential {
  if (typeof source !== "function") throw new TypeError("tokenFrom(): the source must be a function");
  return {
    authStep: (use) =>
      dynamicAuth(use.origin, use.headers, tokenCredential(use.header, source, use.option, use.prefix)),
  };
}

/**
 * An OAuth 2 access token that refreshes itself: on GitLab's `401 invalid_token`, or shortly before
 * `expiresAt`, one refresh shared by the calls that need it (`oauthRefreshGrant()` asks GitLab's
 * `/oauth/token`), and each request sent once more, never in a loop. Give it as `oauthToken`. Clients
 * given the same session share its token and its refreshes (so a rotated refresh token is never spent
 * twice). Throws a `TypeError` naming the option at once when an option is wrong.
 *
 * @example
 * ```ts
 * import { createClient, oauthRefreshGrant, oauthSession } from "@gitlab-edge/client";
 * const client = createClient({
 *   baseUrl: "https://gitlab.example.com",
 *   oauthToken: oauthSession({
 *     token: "access-token",
 *     refresh: oauthRefreshGrant({ clientId: "application-id", refreshToken: "stored-refresh-token" }),
 *   }),
 * });
 * ```
 */
export function oauthSession(options: OAuthSessionOptions): Credential {
  const fail = (option: string, why: string): never => {
    throw new TypeError(`oauthSession(): option "${option}" ${why}`);
  };
  if (options === null || typeof options !== "object") fail("options", "must be an object");
  const { token, refresh, expiresAt, earlyMs } = options;
  if (typeof token !== "function" && (typeof token !== "string" || !VISIBLE_ASCII.test(token))) {
    fail(
      "token",
      "must be a non-empty string of visible ASCII characters, or a function returning one (value not shown)",
    );
  }
  if (typeof refresh !== "function") fail("refresh", "must be a function");
  if (
    expiresAt !== undefined &&
    !(expiresAt instanceof Date ? !Number.isNaN(expiresAt.getTime()) : Number.isFinite(expiresAt))
  ) {
    fail("expiresAt", "must be a Date or milliseconds since the epoch");
  }
  if (earlyMs !== undefined) checkMilliseconds("oauthSession", "earlyMs", earlyMs);
  // Read once, here: a later change to `options` changes nothing.
  const credential = oauthCredential({ token, refresh, expiresAt, earlyMs });
  return {
    authStep: (use) => {
      if (use.header !== "Authorization") {
        throw new TypeError(
          `createClient(): option "${use.option}" cannot take an oauthSession(); give it as oauthToken`,
        );
      }
      return dynamicAuth(use.origin, use.headers, credential({ origin: use.origin, fetch: use.fetch }));
    },
  };
}

/** A credential whose header value is worked out per request. */
interface DynamicCredential {
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
function tokenCredential(
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

/**
 * An OAuth 2 access token with its refresh: the session's state (the current token, its expiry, the refresh
 * under way), shared by every client the session is given to, and for each client the credential that
 * reads it (a refresh goes through the transport of the client whose call needed it).
 */
function oauthCredential(
  session: OAuthSessionOptions,
): (context: Omit<OAuthRefreshContext, "reason">) => DynamicCredential {
  const { refresh } = session;
  let current: string | TokenSource = session.token;
  let expiresAt = session.expiresAt instanceof Date ? session.expiresAt.getTime() : session.expiresAt;
  const early = session.earlyMs ?? 60_000;
  let inflight: Promise<void> | undefined;
  const renewShared = (context: OAuthRefreshContext): Promise<void> => {
    inflight ??= (async () => {
      try {
        const tokens = await refresh(context);
        if (tokens === null || typeof tokens !== "object" || typeof tokens.access_token !== "string") {
          throw new TypeError('oauthSession(): option "refresh" gave no access_token');
        }
        current = await tokenOf(tokens.access_token, "oauthToken");
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
  return (context) => ({
    name: "Authorization",
    async value() {
      if (inflight) await inflight;
      else if (expiresAt !== undefined && Date.now() >= expiresAt - early) {
        await renewShared({ ...context, reason: "expiring" });
      }
      return "Bearer " + await tokenOf(current, "oauthToken");
    },
    async renew(used, response) {
      if (!invalidToken(response)) return false;
      if (inflight) await inflight;
      else if ("Bearer " + await tokenOf(current, "oauthToken") === used) {
        await renewShared({ ...context, reason: "expired" });
      }
      return true;
    },
  });
}

/**
 * A refresh function for GitLab's own OAuth 2 endpoint: `POST /oauth/token` with the `refresh_token`
 * grant, through the client's transport. GitLab rotates refresh tokens: each refresh hands the new one
 * to `onTokens` (store it) and uses it next time.
 *
 * @example
 * ```ts
 * import { createClient, oauthRefreshGrant, oauthSession } from "@gitlab-edge/client";
 * const refresh = oauthRefreshGrant({
 *   clientId: "application-id",
 *   clientSecret: "application-secret", // confidential applications only
 *   refreshToken: "stored-refresh-token",
 *   onTokens: async (tokens) => console.log("store the new refresh token", tokens.refresh_token !== undefined),
 * });
 * const client = createClient({
 *   baseUrl: "https://gitlab.example.com",
 *   oauthToken: oauthSession({ token: "access", refresh }),
 * });
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
}): OAuthSessionOptions["refresh"] {
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
function dynamicAuth(
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
