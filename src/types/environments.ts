/**
 * Environment types, after GitLab's Environments API documentation and its `EnvironmentBasic` and
 * `Environment` entities.
 *
 * @module
 */

import type { JsonObject } from "./common.ts";
import type { Deployment } from "./deployments.ts";
import type { BasicProjectDetails } from "./projects.ts";

/**
 * The states an environment can be in.
 *
 * @example
 * ```ts
 * import type { EnvironmentState } from "@gitlab-edge/client";
 * const badge: Record<EnvironmentState, string> = { available: "up", stopping: "stopping", stopped: "down" };
 * ```
 */
export type EnvironmentState = "available" | "stopping" | "stopped";

/**
 * The kind of deployment target an environment is.
 *
 * @example
 * ```ts
 * import type { EnvironmentTier } from "@gitlab-edge/client";
 * const guarded = (tier: EnvironmentTier): boolean => tier === "production" || tier === "staging";
 * ```
 */
export type EnvironmentTier = "production" | "staging" | "testing" | "development" | "other";

/**
 * An environment's name and addresses, as GitLab embeds it in a deployment.
 *
 * @example
 * ```ts
 * import type { EnvironmentBasic } from "@gitlab-edge/client";
 * const link = (e: EnvironmentBasic): string => e.external_url ? `[${e.name}](${e.external_url})` : e.name;
 * ```
 */
export interface EnvironmentBasic {
  /** The environment's id. */
  id: number;
  /** Its name, e.g. `production` or `review/fix-login`. */
  name: string;
  /** Its name made safe for URLs and DNS. */
  slug: string;
  /** The address of the deployed application, if set. */
  external_url: string | null;
  /** ISO 8601. */
  created_at: string;
  /** ISO 8601. */
  updated_at: string;
}

/**
 * An environment.
 *
 * @example
 * ```ts
 * import type { Environment } from "@gitlab-edge/client";
 * const staleReviewApps = (environments: Environment[], before: string): Environment[] =>
 *   environments.filter((e) => e.name.startsWith("review/") && e.state === "available" && e.updated_at < before);
 * ```
 */
export interface Environment extends EnvironmentBasic {
  /** The kind of target it is. */
  tier: EnvironmentTier;
  /** The project it belongs to. */
  project: BasicProjectDetails;
  /** Its latest deployment, if any; sent when getting one environment, not in the list. */
  last_deployment?: Deployment | null;
  /** Its state. */
  state: EnvironmentState;
  /** ISO 8601: when GitLab stops it automatically, if it will. */
  auto_stop_at: string | null;
  /** The Kubernetes agent it is linked to; sent only when it has one the user may read (typed loosely). */
  cluster_agent?: JsonObject | null;
  /** The Kubernetes namespace; sent only with `cluster_agent`. */
  kubernetes_namespace?: string | null;
  /** The Flux resource path; sent only with `cluster_agent`. */
  flux_resource_path?: string | null;
  /** Its description. */
  description: string | null;
  /** When the automatic stop applies: `always`, or only `with_action` (a stop job). */
  auto_stop_setting: "always" | "with_action";
}

/**
 * What deleting stopped review apps did (or, in a dry run, would do).
 *
 * @example
 * ```ts
 * import type { ReviewAppsDeletion } from "@gitlab-edge/client";
 * const report = (r: ReviewAppsDeletion): string =>
 *   `${r.scheduled_entries.length} scheduled; kept: ${r.unprocessable_entries.map((e) => e.name).join(", ")}`;
 * ```
 */
export interface ReviewAppsDeletion {
  /** The environments scheduled for deletion (or that would be). */
  scheduled_entries: EnvironmentBasic[];
  /** The environments that could not be deleted, e.g. for lack of permission. */
  unprocessable_entries: EnvironmentBasic[];
}
