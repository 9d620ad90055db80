/**
 * Deployment types, after GitLab's Deployments API documentation and its `Deployment`,
 * `DeploymentExtended` and `Deployments::Approval` entities.
 *
 * @module
 */

import type { JsonObject, UserBasic } from "./common.ts";
import type { EnvironmentBasic } from "./environments.ts";
import type { Job } from "./jobs.ts";

/**
 * The states a deployment can be in.
 *
 * @example
 * ```ts
 * import type { DeploymentStatus } from "@gitlab-edge/client";
 * const FINISHED: DeploymentStatus[] = ["success", "failed", "canceled", "skipped"];
 * const isFinished = (status: DeploymentStatus): boolean => FINISHED.includes(status);
 * ```
 */
export type DeploymentStatus =
  | "created"
  | "running"
  | "success"
  | "failed"
  | "canceled"
  | "skipped"
  | "blocked";

/**
 * A deployment of a ref to an environment.
 *
 * @example
 * ```ts
 * import type { Deployment } from "@gitlab-edge/client";
 * const lastGood = (deployments: Deployment[]): Deployment | undefined =>
 *   deployments.filter((d) => d.status === "success").sort((a, b) => b.iid - a.iid)[0];
 * const where = (d: Deployment): string => `${d.ref}@${d.sha.slice(0, 8)} → ${d.environment.name}`;
 * ```
 */
export interface Deployment {
  /** The deployment's id, unique on the instance. */
  id: number;
  /** Its number within its project. */
  iid: number;
  /** The branch or tag deployed. */
  ref: string;
  /** The commit deployed. */
  sha: string;
  /** ISO 8601. */
  created_at: string;
  /** ISO 8601. */
  updated_at: string;
  /** Who deployed. */
  user: UserBasic | null;
  /** The environment deployed to. */
  environment: EnvironmentBasic;
  /** The job that deployed, if a job did. */
  deployable: Job | null;
  /** Its state. */
  status: DeploymentStatus;
}

/**
 * An approval or rejection of a deployment to a protected environment (Premium and Ultimate).
 *
 * @example
 * ```ts
 * import type { DeploymentApproval } from "@gitlab-edge/client";
 * const rejections = (approvals: DeploymentApproval[]): string[] =>
 *   approvals.filter((a) => a.status === "rejected").map((a) => `${a.user.username}: ${a.comment ?? "no comment"}`);
 * ```
 */
export interface DeploymentApproval {
  /** Who approved or rejected. */
  user: UserBasic;
  /** The decision. */
  status: "approved" | "rejected";
  /** ISO 8601. */
  created_at: string;
  /** The comment given with it, if any. */
  comment: string | null;
}

/**
 * A deployment as GitLab returns one by itself (and after creating or updating it).
 *
 * @example
 * ```ts
 * import type { DeploymentExtended } from "@gitlab-edge/client";
 * const awaitingApproval = (d: DeploymentExtended): boolean =>
 *   d.status === "blocked" && (d.pending_approval_count ?? 0) > 0;
 * ```
 */
export interface DeploymentExtended extends Deployment {
  /** How many approvals it still needs; Premium and Ultimate only. */
  pending_approval_count?: number;
  /** Its approvals and rejections; Premium and Ultimate only. */
  approvals?: DeploymentApproval[];
  /** Its approval rules and their state (`rules`); Premium and Ultimate only, typed loosely for now. */
  approval_summary?: JsonObject;
}
