/**
 * Client configuration from the environment: `GITLAB_URL` and a token, or, inside a GitLab CI job,
 * `CI_API_V4_URL` (or `CI_SERVER_URL`) and `CI_JOB_TOKEN`.
 *
 * On Deno, Node and Bun the variables are read from the process environment; on Cloudflare Workers (and
 * anywhere else) pass the `env` object you have. Empty variables count as unset.
 *
 * @example
 * ```ts
 * import { clientFromEnv, getProject } from "@gitlab-edge/client";
 * import { createSimulator, SIM_USER_TOKEN } from "@gitlab-edge/client/testing";
 *
 * const env = { GITLAB_URL: "https://gitlab.example.com", GITLAB_TOKEN: SIM_USER_TOKEN };
 * const client = clientFromEnv(env, { fetch: createSimulator().fetch });
 * console.log((await getProject(client, "acme/web")).path_with_namespace); // "acme/web"
 * ```
 *
 * @module
 */

import { type Client, type ClientOptions, createClient } from "./client.ts";

/**
 * A set of environment variables: the process environment, or a Worker's `env` binding.
 *
 * @example
 * ```ts
 * import { configFromEnv, type EnvSource } from "@gitlab-edge/client";
 * const workerEnv: EnvSource = { GITLAB_URL: "https://gitlab.example.com", GITLAB_TOKEN: "glpat-…" };
 * console.log(configFromEnv(workerEnv).urlFrom); // "GITLAB_URL"
 * ```
 */
export type EnvSource = object | ((name: string) => string | undefined);

/**
 * Where each setting came from, by variable name (never the values of credentials).
 *
 * @example
 * ```ts
 * import { configFromEnv, type EnvConfig } from "@gitlab-edge/client";
 * const config: EnvConfig = configFromEnv({ GITLAB_URL: "https://gitlab.example.com" });
 * console.log(config.credentialFrom ?? "anonymous"); // "anonymous"
 * ```
 */
export interface EnvConfig {
  /** The options found: `baseUrl` and at most one credential. */
  readonly options: Pick<ClientOptions, "baseUrl" | "token" | "oauthToken" | "jobToken">;
  /** The variable `baseUrl` was read from. */
  readonly urlFrom: string;
  /** The variable the credential was read from, if any. */
  readonly credentialFrom?: string;
}

/**
 * The variables read, in order of precedence. The first one set wins; a URL variable and a credential
 * variable are chosen independently.
 *
 * @example
 * ```ts
 * import { ENV_VARIABLES } from "@gitlab-edge/client";
 * console.log(`set one of ${ENV_VARIABLES.url.join(", ")}`); // set one of GITLAB_URL, CI_API_V4_URL, CI_SERVER_URL
 * ```
 */
export const ENV_VARIABLES: {
  readonly url: readonly string[];
  readonly token: readonly string[];
  readonly oauthToken: readonly string[];
  readonly jobToken: readonly string[];
} = /* @__PURE__ */ Object.freeze({
  url: ["GITLAB_URL", "CI_API_V4_URL", "CI_SERVER_URL"],
  token: ["GITLAB_TOKEN", "GITLAB_PRIVATE_TOKEN"],
  oauthToken: ["GITLAB_OAUTH_TOKEN"],
  jobToken: ["GITLAB_JOB_TOKEN", "CI_JOB_TOKEN"],
});

/** Reads one variable from the process environment of Deno, Node or Bun (`undefined` elsewhere). */
function processEnv(name: string): string | undefined {
  const g = globalThis as {
    Deno?: { env: { get(name: string): string | undefined } };
    process?: { env?: Record<string, string | undefined> };
  };
  if (g.Deno?.env) {
    try {
      return g.Deno.env.get(name);
    } catch {
      return undefined; // no permission to read it: treated as unset
    }
  }
  return g.process?.env?.[name];
}

function reader(env: EnvSource | undefined): (name: string) => string | undefined {
  if (env === undefined) return processEnv;
  if (typeof env === "function") return env as (name: string) => string | undefined;
  if (env === null || typeof env !== "object") {
    throw new TypeError("clientFromEnv: env must be an object of variables or a function");
  }
  return (name) => {
    const value = Object.prototype.hasOwnProperty.call(env, name)
      ? (env as Record<string, unknown>)[name]
      : undefined;
    return typeof value === "string" ? value : undefined;
  };
}

/**
 * Reads the GitLab URL and credential from the environment without creating a client. Throws a
 * `TypeError` naming the variables to set when no URL is found; the values of credentials never appear
 * in it.
 *
 * - URL: `GITLAB_URL`, else `CI_API_V4_URL`, else `CI_SERVER_URL`.
 * - Credential: `GITLAB_TOKEN` (or `GITLAB_PRIVATE_TOKEN`) sent as `PRIVATE-TOKEN`, else
 *   `GITLAB_OAUTH_TOKEN` as `Authorization: Bearer`, else `GITLAB_JOB_TOKEN` or `CI_JOB_TOKEN` as
 *   `JOB-TOKEN`. None is fine: calls are then anonymous.
 *
 * @example
 * ```ts
 * import { configFromEnv } from "@gitlab-edge/client";
 * const inCi = { CI_SERVER_URL: "https://gitlab.example.com", CI_JOB_TOKEN: "job-token" };
 * const config = configFromEnv(inCi);
 * console.log(config.urlFrom, config.credentialFrom, "jobToken" in config.options); // CI_SERVER_URL CI_JOB_TOKEN true
 * ```
 */
export function configFromEnv(env?: EnvSource): EnvConfig {
  const read = reader(env);
  const first = (names: readonly string[]): [string, string] | undefined => {
    for (const name of names) {
      const value = read(name)?.trim();
      if (value) return [name, value];
    }
    return undefined;
  };
  const url = first(ENV_VARIABLES.url);
  if (!url) {
    throw new TypeError(
      "clientFromEnv: no GitLab URL in the environment: set GITLAB_URL " +
        "(inside GitLab CI, CI_API_V4_URL or CI_SERVER_URL is used)",
    );
  }
  const options: { baseUrl: string; token?: string; oauthToken?: string; jobToken?: string } = {
    baseUrl: url[1],
  };
  let credentialFrom: string | undefined;
  for (const kind of ["token", "oauthToken", "jobToken"] as const) {
    const found = first(ENV_VARIABLES[kind]);
    if (found) {
      options[kind] = found[1];
      credentialFrom = found[0];
      break;
    }
  }
  return { options, urlFrom: url[0], ...(credentialFrom ? { credentialFrom } : {}) };
}

/**
 * Creates a client from the environment (see {@linkcode configFromEnv} for the variables), with any
 * other client options you give. A credential given in `options` replaces the one from the environment.
 *
 * @example
 * ```ts
 * import { clientFromEnv, getCurrentUser } from "@gitlab-edge/client";
 * import { createSimulator, SIM_USER_TOKEN } from "@gitlab-edge/client/testing";
 *
 * // In a Worker: `export default { fetch(request, env) { const client = clientFromEnv(env); … } }`
 * const env = { GITLAB_URL: "https://gitlab.example.com", GITLAB_TOKEN: SIM_USER_TOKEN };
 * const client = clientFromEnv(env, { fetch: createSimulator().fetch });
 * console.log((await getCurrentUser(client)).username); // "alice"
 * ```
 */
export function clientFromEnv(env?: EnvSource, options: Omit<ClientOptions, "baseUrl"> = {}): Client {
  const found = configFromEnv(env).options;
  const ownCredential = options.token !== undefined || options.oauthToken !== undefined ||
    options.jobToken !== undefined;
  const fromEnv = ownCredential ? { baseUrl: found.baseUrl } : found;
  return createClient({ ...options, ...fromEnv });
}
