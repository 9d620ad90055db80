/**
 * Job types, after GitLab's Jobs API documentation and its `Ci::JobBasic`, `Ci::Job`, `Ci::Bridge`,
 * `Ci::JobBasicWithProject` and job artifact entities.
 *
 * @module
 */

import type { CommitBasic } from "./commits.ts";
import type { PipelineBasic, PipelineStatus } from "./pipelines.ts";
import type { ProjectIdentity } from "./projects.ts";
import type { Runner, RunnerManager } from "./runners.ts";
import type { User } from "./users.ts";

/**
 * The legacy description of a job's artifacts archive.
 *
 * @example
 * ```ts
 * import type { JobArtifactFile } from "@gitlab-edge/client";
 * const describe = (file: JobArtifactFile): string => `${file.filename} (${file.size ?? "?"} bytes)`;
 * ```
 */
export interface JobArtifactFile {
  /** The archive's file name, e.g. `artifacts.zip`. */
  filename: string;
  /** Its size in bytes. */
  size: number | null;
}

/**
 * One artifact file of a job (the archive, its metadata, the log, a report…).
 *
 * @example
 * ```ts
 * import type { JobArtifact } from "@gitlab-edge/client";
 * const totalBytes = (artifacts: JobArtifact[]): number => artifacts.reduce((sum, a) => sum + (a.size ?? 0), 0);
 * ```
 */
export interface JobArtifact {
  /**
   * What the file is: `archive`, `metadata`, `trace`, `junit`, `sast`, `dotenv`, `cobertura`, `cyclonedx`, …
   * GitLab adds report kinds over time.
   */
  file_type: string;
  /** Its size in bytes. */
  size: number | null;
  /** Its file name. */
  filename: string;
  /** How it is stored: `raw`, `zip` or `gzip`. */
  file_format: "raw" | "zip" | "gzip" | null;
}

/**
 * The fields every kind of job has, as GitLab embeds a job and as playing a manual job returns it.
 *
 * @example
 * ```ts
 * import type { JobBasic } from "@gitlab-edge/client";
 * const blocking = (jobs: JobBasic[]): JobBasic[] => jobs.filter((j) => j.status === "failed" && !j.allow_failure);
 * ```
 */
export interface JobBasic {
  /** The job's id, unique on the instance. */
  id: number;
  /** Its state. */
  status: PipelineStatus;
  /** The stage it belongs to. */
  stage: string;
  /** Its name. */
  name: string;
  /** The branch or tag it runs for. */
  ref: string;
  /** Whether `ref` is a tag. */
  tag: boolean;
  /** The coverage percentage it reported, if any. */
  coverage: number | null;
  /** Whether its failure lets the pipeline pass. */
  allow_failure: boolean;
  /** ISO 8601. */
  created_at: string;
  /** ISO 8601; null until it starts. */
  started_at: string | null;
  /** ISO 8601; null until it finishes. */
  finished_at: string | null;
  /** ISO 8601: when its log and artifacts were erased, if they were. */
  erased_at: string | null;
  /** Seconds spent running; null until it starts. */
  duration: number | null;
  /** Seconds spent waiting for a runner; null until it is picked up. */
  queued_duration: number | null;
  /** Who started it. */
  user: User | null;
  /** The commit it runs for. */
  commit: CommitBasic;
  /** The pipeline it belongs to. */
  pipeline: PipelineBasic;
  /**
   * Why it failed (`script_failure`, `runner_system_failure`, `stuck_or_timeout_failure`, …); sent only for a
   * failed job.
   */
  failure_reason?: string;
  /** The job's page. */
  web_url: string;
  /** Settings of the job's project that matter to the job. */
  project: {
    /** Whether the project limits which projects its job tokens can reach. */
    ci_job_token_scope_enabled: boolean;
  };
}

/**
 * A job (a build that a runner executes), with its artifacts and runner.
 *
 * @example
 * ```ts
 * import type { Job } from "@gitlab-edge/client";
 * const hasReport = (job: Job, kind: string): boolean => job.artifacts.some((a) => a.file_type === kind);
 * const label = (job: Job): string =>
 *   `${job.stage}/${job.name}: ${job.status}${job.failure_reason ? ` (${job.failure_reason})` : ""}`;
 * ```
 */
export interface Job extends JobBasic {
  /** The artifacts archive; sent only when the job has artifacts (kept for older clients, see `artifacts`). */
  artifacts_file?: JobArtifactFile;
  /** Its artifact files. */
  artifacts: JobArtifact[];
  /** The runner that ran it, if one did. */
  runner: Runner | null;
  /** The runner manager (the machine) that ran it, if one did; sent for builds, not for bridges. */
  runner_manager?: RunnerManager | null;
  /** ISO 8601: when its artifacts expire; null if they do not, or there are none. */
  artifacts_expire_at: string | null;
  /** Whether the job is archived (too old to be retried or run). */
  archived: boolean;
  /** Its runner tags, sorted. */
  tag_list: string[];
}

/**
 * A trigger job (a bridge), which starts a downstream pipeline instead of running on a runner.
 *
 * @example
 * ```ts
 * import type { Bridge, Job } from "@gitlab-edge/client";
 * const isBridge = (job: Job | Bridge): job is Bridge => "downstream_pipeline" in job;
 * const downstream = (bridge: Bridge): string => bridge.downstream_pipeline?.web_url ?? "not started yet";
 * ```
 */
export interface Bridge extends JobBasic {
  /** The pipeline it started, once it has. */
  downstream_pipeline: PipelineBasic | null;
}

/**
 * A job as a runner's job list returns it, with the project it belongs to.
 *
 * @example
 * ```ts
 * import type { JobBasicWithProject } from "@gitlab-edge/client";
 * const where = (job: JobBasicWithProject): string =>
 *   `${job.project.path_with_namespace}: ${job.name} (${job.status})`;
 * ```
 */
export interface JobBasicWithProject extends Omit<JobBasic, "project"> {
  /** The project the job belongs to. */
  project: ProjectIdentity;
}
