/**
 * Pipeline types, after GitLab's Pipelines API documentation and its `Ci::PipelineBasic` entity.
 *
 * @module
 */

/** The states a pipeline (or a job) can be in. */
export type PipelineStatus =
  | "created"
  | "waiting_for_resource"
  | "preparing"
  | "waiting_for_callback"
  | "pending"
  | "running"
  | "canceling"
  | "success"
  | "failed"
  | "canceled"
  | "skipped"
  | "manual"
  | "scheduled";

/**
 * A pipeline as GitLab lists it and embeds it in other objects (a merge request's head pipeline, a job's
 * pipeline).
 *
 * @example
 * ```ts
 * import type { PipelineBasic } from "gitlab-edge";
 * const finished = (p: PipelineBasic): boolean => ["success", "failed", "canceled", "skipped"].includes(p.status);
 * ```
 */
export interface PipelineBasic {
  /** The pipeline's id, unique on the instance. */
  id: number;
  /** The pipeline's number within its project. */
  iid: number;
  /** The project it belongs to. */
  project_id: number;
  /** The commit it runs for. */
  sha: string;
  /** The branch or tag it runs for. */
  ref: string;
  /** Its state. */
  status: PipelineStatus;
  /** What started it (`push`, `web`, `schedule`, `merge_request_event`, `api`, `trigger`, …). */
  source: string;
  /** ISO 8601. */
  created_at: string;
  /** ISO 8601. */
  updated_at: string;
  /** The pipeline's page. */
  web_url: string;
}
