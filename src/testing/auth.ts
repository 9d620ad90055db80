/**
 * Authentication as GitLab does it: the token from `PRIVATE-TOKEN`, `Authorization: Bearer`, `JOB-TOKEN`
 * or the matching query parameters, its kind, expiry, revocation and scopes, blocked accounts, and `Sudo`.
 *
 * @module
 */

import type { TokenRec, UserRec } from "./records.ts";
import { HttpError, unauthorized } from "./responses.ts";
import type { Store } from "./store.ts";
import type { AddTokenInput } from "./types.ts";

/** @internal who a request acts as. */
export interface Authentication {
  /** The user (after sudo), or null when anonymous. */
  user: UserRec | null;
  /** The token used, or null when anonymous. */
  token: TokenRec | null;
}

/** How a token was sent: decides which token kinds are accepted. */
type TokenChannel = "private" | "bearer" | "job";

/** The token a request carries and the channel it came through (headers first, then query). */
function presentedToken(req: Request, url: URL): { secret: string | null; channel: TokenChannel } {
  const h = req.headers;
  const auth = h.get("authorization");
  if (h.get("private-token") !== null) return { secret: h.get("private-token"), channel: "private" };
  if (auth && /^bearer\s+/i.test(auth)) {
    return { secret: auth.replace(/^bearer\s+/i, "").trim(), channel: "bearer" };
  }
  if (h.get("job-token") !== null) return { secret: h.get("job-token"), channel: "job" };
  const q = url.searchParams;
  if (q.has("private_token")) return { secret: q.get("private_token"), channel: "private" };
  if (q.has("access_token")) return { secret: q.get("access_token"), channel: "bearer" };
  if (q.has("job_token")) return { secret: q.get("job_token"), channel: "job" };
  return { secret: null, channel: "private" };
}

/** Whether a token of this kind may be sent through this channel. */
function channelAccepts(channel: TokenChannel, token: TokenRec): boolean {
  if (channel === "job") return token.kind === "job";
  if (channel === "bearer") return token.kind !== "job";
  return token.kind !== "job" && token.kind !== "oauth";
}

/** Throws GitLab's `insufficient_scope` 403 when the token's scopes do not cover the request. */
function checkScopes(token: TokenRec, url: URL, method: string): void {
  const write = method !== "GET" && method !== "HEAD";
  const scopes = token.scopes;
  const isUserPath = /^\/api\/v4\/users?(\/|$)/.test(url.pathname);
  const allowed = token.kind === "job" || scopes.includes("api") ||
    (!write && (scopes.includes("read_api") || (isUserPath && scopes.includes("read_user"))));
  if (!allowed) throw insufficientScope(write ? "api" : "api read_api");
}

/** GitLab's 403 for a token whose scopes do not include `scope`. */
function insufficientScope(scope: string): HttpError {
  return new HttpError(403, {
    error: "insufficient_scope",
    error_description: "The request requires higher privileges than provided by the access token.",
    scope,
  });
}

/**
 * GitLab's 401 for an expired or revoked token (Rack::OAuth2's `invalid_token`, `lib/api/api_guard.rb`),
 * with its `WWW-Authenticate` header.
 */
function invalidToken(description: string): HttpError {
  return new HttpError(401, { error: "invalid_token", error_description: description }, {
    "www-authenticate": `Bearer realm="Protected by OAuth 2.0", error="invalid_token", ` +
      `error_description="${description}"`,
  });
}

/** Throws GitLab's 401 when the token has expired (on its `expires_at` day) or was revoked. */
function checkTokenValid(store: Store, token: TokenRec): void {
  if (token.expiresAt !== null && token.expiresAt <= store.iso().slice(0, 10)) {
    throw invalidToken("Token is expired. You can either do re-authorization or token refresh.");
  }
  if (token.revoked) throw invalidToken("Token was revoked. You have to re-authorize from the user.");
}

/**
 * The user a `Sudo` header or `sudo` parameter switches to: only an admin authenticated with a personal
 * or OAuth token that has the `sudo` scope may (`sudo!` in `lib/api/helpers.rb`).
 */
function sudoTarget(store: Store, user: UserRec | null, token: TokenRec | null, sudo: string): UserRec {
  if (!user || !token) throw unauthorized();
  if (!user.admin) throw new HttpError(403, { message: "403 Forbidden - Must be admin to use sudo" });
  if (token.kind === "job") {
    throw new HttpError(403, {
      message: "403 Forbidden - Must be authenticated using an OAuth or Personal Access Token to use sudo",
    });
  }
  if (!token.scopes.includes("sudo")) throw insufficientScope("sudo");
  const target = store.userByIdOrName(sudo);
  if (!target) throw new HttpError(404, { message: `404 User with ID or username '${sudo}' Not Found` });
  return target;
}

/**
 * The routes a CI/CD job token authenticates on (GitLab's `job_token_allowed` routes, as
 * `doc/ci/jobs/ci_job_token.md` lists them), by method (`*`: any) and path after `/api/v4/`. On any other
 * route GitLab does not read the job token at all: the request is anonymous.
 */
const JOB_TOKEN_ROUTES: readonly (readonly [string, RegExp])[] = [
  ["GET", /^projects\/[^/]+\/repository\/branches$/],
  ["GET", /^projects\/[^/]+\/repository\/commits\/[^/]+(\/merge_requests)?$/],
  ["*", /^projects\/[^/]+\/registry\//],
  ["*", /^projects\/[^/]+\/deployments(\/|$)/],
  ["*", /^projects\/[^/]+\/environments(\/|$)/],
  ["GET", /^projects\/[^/]+\/repository\/files\/[^/]+\/raw$/],
  ["GET", /^job$/],
  ["*", /^projects\/[^/]+\/jobs\/[^/]+\/artifacts(\/|$)/],
  ["GET", /^projects\/[^/]+\/jobs\/artifacts\//],
  ["DELETE", /^projects\/[^/]+\/artifacts$/],
  ["GET", /^projects\/[^/]+\/merge_requests(\/[^/]+)?$/],
  ["GET", /^projects\/[^/]+\/merge_requests\/[^/]+\/notes(\/[^/]+)?$/],
  ["*", /^(projects|groups)\/[^/]+\/packages(\/|$)/],
  ["POST", /^projects\/[^/]+\/trigger\/pipeline$/],
  ["PUT", /^projects\/[^/]+\/pipelines\/[^/]+\/metadata$/],
  ["*", /^projects\/[^/]+\/releases(\/|$)/],
  ["GET", /^projects\/[^/]+\/repository\/changelog$/],
  ["GET", /^projects\/[^/]+\/repository\/tags$/],
  ["GET", /^projects\/[^/]+\/secure_files(\/|$)/],
];

/** Whether a job token authenticates `method` on `url`. */
function jobTokenAllowed(method: string, url: URL): boolean {
  const path = url.pathname.replace(/^\/api\/v4\//, "").replace(/\/$/, "");
  const m = method === "HEAD" ? "GET" : method;
  return JOB_TOKEN_ROUTES.some(([allowed, pattern]) =>
    (allowed === "*" || allowed === m) && pattern.test(path)
  );
}

/** @internal authenticates a request; throws the 401/403/404 GitLab answers for bad credentials. */
export function authenticate(store: Store, req: Request, url: URL, method: string): Authentication {
  const presented = presentedToken(req, url);
  const { channel } = presented;
  // A job token on a route that does not take one is not read: the request goes on as anonymous.
  const secret = channel === "job" && !jobTokenAllowed(method, url) ? null : presented.secret;
  let user: UserRec | null = null;
  let token: TokenRec | null = null;
  if (secret !== null) {
    token = store.tokens.get(secret) ?? null;
    if (!token || !channelAccepts(channel, token)) throw unauthorized();
    checkTokenValid(store, token);
    user = store.usersById.get(token.userId) ?? null;
    if (!user) throw unauthorized();
    if (user.state === "blocked") {
      throw new HttpError(403, { message: "403 Forbidden - Your account has been blocked." });
    }
    checkScopes(token, url, method);
  }
  const sudo = req.headers.get("sudo") ?? url.searchParams.get("sudo");
  if (sudo !== null) user = sudoTarget(store, user, token, sudo);
  return { user, token };
}

/** @internal registers an access token for a user (builder). */
export function addToken(store: Store, secret: string, o: AddTokenInput): void {
  const user = store.usersByName.get(o.user.toLowerCase());
  if (!user) throw new Error(`simulator: unknown user ${o.user}`);
  store.tokens.set(secret, {
    userId: user.id,
    kind: o.kind ?? "personal",
    scopes: o.scopes ?? ["api"],
    expiresAt: o.expires_at ?? null,
    revoked: o.revoked ?? false,
  });
}
