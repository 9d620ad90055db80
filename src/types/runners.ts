/**
 * Runner types, after GitLab's Runners API documentation and its `Ci::Runner`, `Ci::RunnerDetails`,
 * `Ci::RunnerManager`, `Ci::RunnerRegistrationDetails` and `Ci::ResetTokenResult` entities.
 *
 * @module
 */

import type { JsonObject } from "./common.ts";
import type { BasicProjectDetails } from "./projects.ts";

/**
 * Whom a runner serves: the whole instance, a group, or projects.
 *
 * @example
 * ```ts
 * import type { RunnerType } from "@gitlab-edge/client";
 * const scope: Record<RunnerType, string> = { instance_type: "instance", group_type: "group", project_type: "project" };
 * ```
 */
export type RunnerType = "instance_type" | "group_type" | "project_type";

/**
 * A runner as GitLab lists it.
 *
 * @example
 * ```ts
 * import type { Runner } from "@gitlab-edge/client";
 * const idle = (runners: Runner[]): Runner[] => runners.filter((r) => r.online && !r.paused);
 * const label = (r: Runner): string => `${r.description ?? `#${r.id}`} (${r.runner_type}, ${r.status})`;
 * ```
 */
export interface Runner {
  /** The runner's id. */
  id: number;
  /** Its description. */
  description: string | null;
  /** Always null now (the address is per runner manager); kept for older clients. */
  ip_address: string | null;
  /** Whether it takes new jobs; the opposite of `paused`, kept for older clients. */
  active: boolean;
  /** Whether it ignores new jobs. */
  paused: boolean;
  /** Whether it is an instance runner. */
  is_shared: boolean;
  /** Whom it serves. */
  runner_type: RunnerType;
  /** Its name, if it has one. */
  name: string | null;
  /** Whether it contacted GitLab recently. */
  online: boolean | null;
  /** Its connection state: `online`, `offline`, `stale`, `never_contacted` (older GitLab also `paused`…). */
  status: string;
}

/**
 * A runner as GitLab returns one by itself (and after updating it), with its settings and whom it serves.
 *
 * @example
 * ```ts
 * import type { RunnerDetails } from "@gitlab-edge/client";
 * const canRun = (r: RunnerDetails, tags: string[]): boolean =>
 *   !r.paused && (tags.length === 0 ? r.run_untagged : tags.every((t) => r.tag_list.includes(t)));
 * ```
 */
export interface RunnerDetails extends Runner {
  /** Its tags. */
  tag_list: string[];
  /** Whether it runs jobs without tags. */
  run_untagged: boolean;
  /** Whether it is locked to its current projects. */
  locked: boolean;
  /** The longest a job may run on it, in seconds, if limited. */
  maximum_timeout: number | null;
  /** Which refs' jobs it runs. */
  access_level: "not_protected" | "ref_protected";
  /** The version of its most recently seen runner manager (deprecated: see its managers). */
  version: string | null;
  /** The revision of its most recently seen runner manager (deprecated). */
  revision: string | null;
  /** The platform of its most recently seen runner manager (deprecated). */
  platform: string | null;
  /** The architecture of its most recently seen runner manager (deprecated). */
  architecture: string | null;
  /** ISO 8601: when it last contacted GitLab, if ever. */
  contacted_at: string | null;
  /** Free-form notes for its maintainers. */
  maintenance_note: string | null;
  /** The projects it serves that the current user can see (all of them for an administrator). */
  projects: BasicProjectDetails[];
  /** The groups it serves that the current user can see (`id`, `name`, `web_url`); typed loosely for now. */
  groups: JsonObject[];
}

/**
 * A runner manager: one machine (system) that runs jobs for a runner.
 *
 * @example
 * ```ts
 * import type { RunnerManager } from "@gitlab-edge/client";
 * const outdated = (managers: RunnerManager[], current: string): RunnerManager[] =>
 *   managers.filter((m) => m.version !== null && m.version !== current);
 * ```
 */
export interface RunnerManager {
  /** The manager's id. */
  id: number;
  /** The system id the runner reported. */
  system_id: string;
  /** The runner software's version. */
  version: string | null;
  /** The runner software's revision. */
  revision: string | null;
  /** The operating system, e.g. `linux`. */
  platform: string | null;
  /** The processor architecture, e.g. `amd64`. */
  architecture: string | null;
  /** ISO 8601. */
  created_at: string;
  /** ISO 8601: when it last contacted GitLab, if ever. */
  contacted_at: string | null;
  /** The address it last contacted GitLab from. */
  ip_address: string | null;
  /** Its connection state: `online`, `offline`, `stale`, `never_contacted`. */
  status: string;
}

/**
 * A runner's id and authentication token, as registering (or verifying) a runner returns them.
 *
 * @example
 * ```ts
 * import type { RunnerRegistrationDetails } from "@gitlab-edge/client";
 * const expiresWithin = (r: RunnerRegistrationDetails, days: number): boolean =>
 *   r.token_expires_at !== null && Date.parse(r.token_expires_at) - Date.now() < days * 86_400_000;
 * ```
 */
export interface RunnerRegistrationDetails {
  /** The runner's id. */
  id: number;
  /** The runner's authentication token (`glrt-…`). */
  token: string;
  /** ISO 8601: when the token expires; null if it does not. */
  token_expires_at: string | null;
}

/**
 * A new token, as resetting a registration or authentication token returns it.
 *
 * @example
 * ```ts
 * import type { ResetTokenResult } from "@gitlab-edge/client";
 * const expiry = (r: ResetTokenResult): Date | null => r.token_expires_at === null ? null : new Date(r.token_expires_at);
 * ```
 */
export interface ResetTokenResult {
  /** The new token. */
  token: string;
  /** ISO 8601: when it expires; null if it does not. */
  token_expires_at: string | null;
}
