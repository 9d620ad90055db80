/**
 * CI/CD and delivery events: pipelines, jobs, deployments, releases and feature flags.
 *
 * @module
 */

import type {
  WebhookCommit,
  WebhookJobEnvironment,
  WebhookProject,
  WebhookRepository,
  WebhookRunner,
  WebhookSourcePipeline,
  WebhookUser,
} from "./events_common.ts";

/**
 * A pipeline's or a job's status.
 *
 * @example
 * ```ts
 * import type { CiStatus } from "@gitlab-edge/client/webhooks";
 * const finished = (s: CiStatus) => ["success", "failed", "canceled", "skipped"].includes(s);
 * ```
 */
export type CiStatus =
  | "created"
  | "waiting_for_resource"
  | "preparing"
  | "waiting_for_callback"
  | "pending"
  | "running"
  | "success"
  | "failed"
  | "canceling"
  | "canceled"
  | "skipped"
  | "manual"
  | "scheduled";

/**
 * What started a pipeline (`object_attributes.source`).
 *
 * @example
 * ```ts
 * import type { PipelineSource } from "@gitlab-edge/client/webhooks";
 * const forMergeRequest = (s: PipelineSource) => s === "merge_request_event";
 * ```
 */
export type PipelineSource =
  | "unknown"
  | "push"
  | "web"
  | "trigger"
  | "schedule"
  | "api"
  | "external"
  | "pipeline"
  | "chat"
  | "webide"
  | "merge_request_event"
  | "external_pull_request_event"
  | "parent_pipeline"
  | "ondemand_dast_scan"
  | "ondemand_dast_validation"
  | "security_orchestration_policy"
  | "container_registry_push"
  | "duo_workflow"
  | "pipeline_execution_policy_schedule";

/**
 * When a job runs (its `when:` keyword).
 *
 * @example
 * ```ts
 * import type { JobWhen } from "@gitlab-edge/client/webhooks";
 * const needsClick = (w: JobWhen) => w === "manual";
 * ```
 */
export type JobWhen = "on_success" | "on_failure" | "always" | "manual" | "delayed" | "never";

/**
 * `object_attributes` of a pipeline event.
 *
 * @example
 * ```ts
 * import type { PipelineAttributes } from "@gitlab-edge/client/webhooks";
 * const took = (p: PipelineAttributes) => p.duration === null ? "running" : `${p.duration}s`;
 * ```
 */
export interface PipelineAttributes {
  /** The id. */
  id: number;
  /** The id within the project or group. */
  iid: number;
  /** The `workflow:name` of the pipeline (GitLab 16.1 and later); may be `null`. */
  name?: string | null;
  /** The branch or tag name. */
  ref: string;
  /** Whether the ref is a tag. */
  tag: boolean;
  /** The commit the pipeline runs for. */
  sha: string;
  /** The commit before the ref's previous value. */
  before_sha: string;
  /** What started the pipeline. */
  source: PipelineSource;
  /** The status. */
  status: CiStatus;
  /** The status as shown in the UI. */
  detailed_status?: string;
  /** The pipeline's stages, in order. */
  stages: string[];
  /** When it was created. */
  created_at: string;
  /** When it finished. */
  finished_at: string | null;
  /** How long it ran, in seconds. */
  duration: number | null;
  /** How long it waited to start, in seconds. */
  queued_duration?: number | null;
  /** Whether the ref is protected. */
  protected_ref?: boolean;
  /** Variables the pipeline was run with. */
  variables: { key: string; value: string }[];
  /** The web page. */
  url: string;
}

/**
 * The merge request a merge request pipeline runs for (`merge_request` of a pipeline event).
 *
 * @example
 * ```ts
 * import type { PipelineMergeRequest } from "@gitlab-edge/client/webhooks";
 * const ready = (mr: PipelineMergeRequest) => mr.detailed_merge_status === "mergeable";
 * ```
 */
export interface PipelineMergeRequest {
  /** The id. */
  id: number;
  /** The id within the project or group. */
  iid: number;
  /** The title. */
  title: string;
  /** The source branch. */
  source_branch: string;
  /** The source project's id. */
  source_project_id: number;
  /** The target branch. */
  target_branch: string;
  /** The target project's id. */
  target_project_id: number;
  /** The state. */
  state: "opened" | "closed" | "locked" | "merged";
  /** Deprecated: whether it can be merged. */
  merge_status: string;
  /** Whether and why the merge request can or cannot be merged. */
  detailed_merge_status?: string;
  /** The web page. */
  url: string;
}

/**
 * One job of a pipeline event (`builds`).
 *
 * @example
 * ```ts
 * import type { PipelineBuild } from "@gitlab-edge/client/webhooks";
 * const failedJobs = (builds: PipelineBuild[]) => builds.filter((b) => b.status === "failed").map((b) => b.name);
 * ```
 */
export interface PipelineBuild {
  /** The id. */
  id: number;
  /** The stage. */
  stage: string;
  /** The name. */
  name: string;
  /** The status. */
  status: CiStatus;
  /** When it was created. */
  created_at: string;
  /** When it started. */
  started_at: string | null;
  /** When it finished. */
  finished_at: string | null;
  /** How long it ran, in seconds. */
  duration: number | null;
  /** How long it waited to start, in seconds. */
  queued_duration: number | null;
  /** Why the job failed. */
  failure_reason: string | null;
  /** When the job runs. */
  when: JobWhen;
  /** Whether the job runs only when started by hand. */
  manual: boolean;
  /** Whether the pipeline may pass when this job fails. */
  allow_failure: boolean;
  /** The user who started the job. */
  user: WebhookUser | null;
  /** The runner that ran the job, if any. */
  runner: WebhookRunner | null;
  /** The job's artifacts archive, if any. */
  artifacts_file: { filename: string | null; size: number | null };
  /** The environment. */
  environment: WebhookJobEnvironment | null;
}

/**
 * A pipeline's status changed (`Pipeline Hook`).
 *
 * @example
 * ```ts
 * import type { PipelineEvent } from "@gitlab-edge/client/webhooks";
 * const red = (e: PipelineEvent) => e.object_attributes.status === "failed";
 * ```
 */
export interface PipelineEvent {
  /** The kind of event. */
  object_kind: "pipeline";
  /** The object the event is about. */
  object_attributes: PipelineAttributes;
  /** The merge request. */
  merge_request: PipelineMergeRequest | null;
  /** The user who started the pipeline. */
  user: WebhookUser | null;
  /** The project. */
  project: WebhookProject;
  /** The pipeline's commit. */
  commit: WebhookCommit | null;
  /** The upstream pipeline, for a multi-project or child pipeline. */
  source_pipeline?: WebhookSourcePipeline;
  /** The pipeline's jobs. */
  builds: PipelineBuild[];
}

/**
 * The pipeline a job belongs to, as job events describe it under `commit`. Despite the key, `id` is
 * the pipeline's id; `sha` is the commit's.
 *
 * @example
 * ```ts
 * import type { JobPipeline } from "@gitlab-edge/client/webhooks";
 * const label = (p: JobPipeline) => p.name ?? `pipeline ${p.id}`;
 * ```
 */
export interface JobPipeline {
  /** The pipeline's id (not a commit). */
  id: number;
  /** The pipeline's `workflow:name` (GitLab 15.8 and later). */
  name: string | null;
  /** The commit the pipeline runs for. */
  sha: string;
  /** The commit's message. */
  message: string;
  /** The commit author's name. */
  author_name: string;
  /** The commit author's email. */
  author_email: string;
  /** The commit author's profile page, when a GitLab user. */
  author_url?: string;
  /** The pipeline's status. */
  status: CiStatus;
  /** How long it ran, in seconds. */
  duration: number | null;
  /** When it started. */
  started_at: string | null;
  /** When it started, in ISO 8601. */
  started_at_iso?: string | null;
  /** When it finished. */
  finished_at: string | null;
  /** When it finished, in ISO 8601. */
  finished_at_iso?: string | null;
}

/**
 * A job's status changed (`Job Hook`; `object_kind` is `build`). Trigger jobs send none.
 *
 * @example
 * ```ts
 * import type { JobEvent } from "@gitlab-edge/client/webhooks";
 * const retried = (e: JobEvent) => (e.retries_count ?? 0) > 0;
 * ```
 */
export interface JobEvent {
  /** The kind of event. */
  object_kind: "build";
  /** The branch or tag name. */
  ref: string;
  /** Whether the ref is a tag. */
  tag: boolean;
  /** The commit before the ref's previous value. */
  before_sha: string;
  /** The commit the job runs for. */
  sha: string;
  /** The job's id. */
  build_id: number;
  /** The job's name. */
  build_name: string;
  /** The job's stage. */
  build_stage: string;
  /** The job's status. */
  build_status: CiStatus;
  /** When the job was created. */
  build_created_at: string;
  /** When the job was created, in ISO 8601. */
  build_created_at_iso?: string;
  /** When the job started. */
  build_started_at: string | null;
  /** When the job started, in ISO 8601. */
  build_started_at_iso?: string | null;
  /** When the job finished. */
  build_finished_at: string | null;
  /** When the job finished, in ISO 8601. */
  build_finished_at_iso?: string | null;
  /** How long the job ran, in seconds; `null` until it finishes. */
  build_duration: number | null;
  /** Seconds the job waited in the queue. */
  build_queued_duration: number | null;
  /** Whether the pipeline may pass when this job fails. */
  build_allow_failure: boolean;
  /** Why the job failed (`unknown_failure` when it did not fail or the reason is unknown). */
  build_failure_reason: string;
  /** `0` for a first run, `1` for the first retry, and so on. */
  retries_count?: number;
  /** The pipeline's id. */
  pipeline_id: number;
  /** The project's id. */
  project_id: number;
  /** The project's full name. */
  project_name: string;
  /** The user who started the job. */
  user: WebhookUser | null;
  /** The pipeline the job belongs to (despite the key). */
  commit: JobPipeline;
  /** Deprecated: the repository (see `project`). */
  repository: WebhookRepository;
  /** The project. */
  project: WebhookProject;
  /** The runner that ran the job, if any. */
  runner: WebhookRunner | null;
  /** The environment. */
  environment: WebhookJobEnvironment | null;
  /** The upstream pipeline, for a multi-project or child pipeline. */
  source_pipeline?: WebhookSourcePipeline;
}

/**
 * A deployment's status as deployment events report it.
 *
 * @example
 * ```ts
 * import type { DeploymentStatus } from "@gitlab-edge/client/webhooks";
 * const live = (s: DeploymentStatus) => s === "success";
 * ```
 */
export type DeploymentStatus = "running" | "success" | "failed" | "canceled";

/**
 * A deployment started, succeeded, failed or was canceled (`Deployment Hook`). `deployable_url` is
 * `null` for deployments made through the API or by trigger jobs.
 *
 * @example
 * ```ts
 * import type { DeploymentEvent } from "@gitlab-edge/client/webhooks";
 * const line = (e: DeploymentEvent) => `${e.environment}: ${e.status} at ${e.short_sha}`;
 * ```
 */
export interface DeploymentEvent {
  /** The kind of event. */
  object_kind: "deployment";
  /** The deployment's status. */
  status: DeploymentStatus;
  /** When the status changed. */
  status_changed_at: string;
  /** The deployment's id. */
  deployment_id: number;
  /** The id of the CI job that ran the deployment. */
  deployable_id: number | null;
  /** The page of the CI job that ran the deployment. */
  deployable_url: string | null;
  /** The environment's name. */
  environment: string;
  /** The environment's tier. */
  environment_tier?: string;
  /** The environment's URL-safe name. */
  environment_slug?: string;
  /** The environment's external URL. */
  environment_external_url?: string | null;
  /** The project. */
  project: WebhookProject;
  /** The deployed commit, abbreviated. */
  short_sha: string;
  /** The user who started the deployment. */
  user: WebhookUser;
  /** The user's profile page. */
  user_url: string;
  /** The deployed commit's page. */
  commit_url: string;
  /** The deployed commit's title. */
  commit_title: string;
  /** The deployed branch or tag. */
  ref?: string;
}

/**
 * A link among a release's assets.
 *
 * @example
 * ```ts
 * import type { ReleaseLink } from "@gitlab-edge/client/webhooks";
 * const packages = (links: ReleaseLink[]) => links.filter((l) => l.link_type === "package");
 * ```
 */
export interface ReleaseLink {
  /** The id. */
  id: number;
  /** Deprecated. */
  external?: boolean;
  /** What the link points to. */
  link_type: "other" | "runbook" | "image" | "package";
  /** The name. */
  name: string;
  /** The web page. */
  url: string;
}

/**
 * A release's assets: links, and the source archives GitLab generates.
 *
 * @example
 * ```ts
 * import type { ReleaseAssets } from "@gitlab-edge/client/webhooks";
 * const zip = (a: ReleaseAssets) => a.sources.find((s) => s.format === "zip")?.url;
 * ```
 */
export interface ReleaseAssets {
  /** How many assets the release has. */
  count: number;
  /** Links added to the release. */
  links: ReleaseLink[];
  /** Source code archives. */
  sources: { format: "zip" | "tar.gz" | "tar.bz2" | "tar"; url: string }[];
}

/**
 * A release created, updated or deleted (`Release Hook`).
 *
 * @example
 * ```ts
 * import type { ReleaseEvent } from "@gitlab-edge/client/webhooks";
 * const announce = (e: ReleaseEvent) => e.action === "create" ? `${e.name} is out: ${e.url}` : null;
 * ```
 */
export interface ReleaseEvent {
  /** The kind of event. */
  object_kind: "release";
  /** The id. */
  id: number;
  /** When it was created. */
  created_at: string;
  /** The release notes. */
  description: string;
  /** The name. */
  name: string;
  /** When the release is or was published. */
  released_at: string;
  /** The release's tag. */
  tag: string;
  /** The project. */
  project: WebhookProject;
  /** The web page. */
  url: string;
  /** What happened. */
  action: "create" | "update" | "delete";
  /** The release's links and source archives. */
  assets: ReleaseAssets;
  /** The commit the tag points to. */
  commit: WebhookCommit;
}

/**
 * A feature flag turned on or off (`Feature Flag Hook`).
 *
 * @example
 * ```ts
 * import type { FeatureFlagEvent } from "@gitlab-edge/client/webhooks";
 * const state = (e: FeatureFlagEvent) => `${e.object_attributes.name}: ${e.object_attributes.active ? "on" : "off"}`;
 * ```
 */
export interface FeatureFlagEvent {
  /** The kind of event. */
  object_kind: "feature_flag";
  /** The project. */
  project: WebhookProject;
  /** The user who caused the event. */
  user: WebhookUser;
  /** The user's profile page. */
  user_url: string;
  /** The object the event is about. */
  object_attributes: { id: number; name: string; description: string; active: boolean };
}
