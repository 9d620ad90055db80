/**
 * Deploy key types, after GitLab's Deploy Keys API documentation and its `DeployKey` and `DeployKeysProject`
 * entities.
 *
 * @module
 */

import type { ProjectIdentity } from "./projects.ts";

/**
 * A deploy key: an SSH key that gives access to the repositories of the projects it is enabled in.
 *
 * @example
 * ```ts
 * import { type Client, type DeployKey, listDeployKeys } from "@gitlab-edge/client";
 * async function writers(client: Client): Promise<DeployKey[]> {
 *   const keys: DeployKey[] = [];
 *   for await (const key of listDeployKeys(client)) {
 *     if ((key.projects_with_write_access ?? []).length > 0) keys.push(key);
 *   }
 *   return keys;
 * }
 * ```
 */
export interface DeployKey {
  /** The key's id. */
  id: number;
  /** The title. */
  title: string;
  /** ISO 8601. */
  created_at: string;
  /** ISO 8601, `null` when it does not expire. */
  expires_at: string | null;
  /** The public key. */
  key: string;
  /** `auth`, `signing` or `auth_and_signing`. */
  usage_type: string;
  /** The MD5 fingerprint; absent where GitLab does not compute it (FIPS mode). */
  fingerprint?: string;
  /** The SHA-256 fingerprint, e.g. `SHA256:…`. */
  fingerprint_sha256: string;
  /** Projects where the key may push; only listed by `GET /deploy_keys`. */
  projects_with_write_access?: ProjectIdentity[];
  /** Projects where the key may only read; only listed by `GET /deploy_keys`. */
  projects_with_readonly_access?: ProjectIdentity[];
}

/**
 * A deploy key as enabled in one project (GitLab's `DeployKeysProject`).
 *
 * @example
 * ```ts
 * import type { DeployKeysProject } from "@gitlab-edge/client";
 * const pushers = (keys: DeployKeysProject[]): string[] => keys.filter((k) => k.can_push).map((k) => k.title);
 * ```
 */
export interface DeployKeysProject extends DeployKey {
  /** Whether the key may push to this project. */
  can_push: boolean;
}
