/**
 * Pipeline types, after GitLab's Pipelines, Pipeline schedules and Pipeline triggers API documentation and
 * its `Ci::PipelineBasic`, `Ci::Pipeline`, `Ci::PipelineWithMetadata`, `Ci::PipelineSchedule`,
 * `Ci::PipelineScheduleDetails`, `Trigger` and test report entities.
 *
 * @module
 */

import type { UserBasic } from "./common.ts";
import type { Variable } from "./variables.ts";

/**
 * The states a pipeline (or a job) can be in.
 *
 * @example
 * ```ts
 * import type { PipelineStatus } from "@gitlab-edge/client";
 * const needsAttention = (status: PipelineStatus): boolean => status === "failed" || status === "manual";
 * ```
 */
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
 * import type { PipelineBasic } from "@gitlab-edge/client";
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

/**
 * The action button GitLab offers next to a status (retry, cancel, play…), when there is one.
 *
 * @example
 * ```ts
 * import type { DetailedStatusAction } from "@gitlab-edge/client";
 * const describe = (a: DetailedStatusAction): string => `${a.title}: ${a.method.toUpperCase()} ${a.path}`;
 * ```
 */
export interface DetailedStatusAction {
  /** The icon's name. */
  icon: string;
  /** The button's label. */
  title: string;
  /** The web path the action posts to. */
  path: string;
  /** The HTTP method of that request, e.g. `post`. */
  method: string;
  /** The button's longer title. */
  button_title: string;
}

/**
 * How GitLab's web interface renders a pipeline's (or a job's) status.
 *
 * @example
 * ```ts
 * import type { DetailedStatus } from "@gitlab-edge/client";
 * const statusText = (s: DetailedStatus): string => s.action ? `${s.text} (${s.action.title})` : s.text;
 * ```
 */
export interface DetailedStatus {
  /** The icon's name, e.g. `status_success`. */
  icon: string;
  /** The short text shown, e.g. `passed`. */
  text: string;
  /** The label, e.g. `passed` or `manual action`. */
  label: string;
  /** The status group, e.g. `success` or `success-with-warnings`. */
  group: string;
  /** The tooltip text. */
  tooltip: string;
  /** Whether there is a details page. */
  has_details: boolean;
  /** The web path of the details page. */
  details_path: string | null;
  /** An empty-state picture with its texts, for statuses that have one (free-form). */
  illustration: { [key: string]: string } | null;
  /** The favicon's path for this status. */
  favicon: string;
  /** Only when an action is available for this status. */
  action?: DetailedStatusAction;
}

/**
 * A pipeline with its timings and author, as creating, retrying or canceling a pipeline returns it.
 *
 * @example
 * ```ts
 * import type { Pipeline } from "@gitlab-edge/client";
 * const summary = (p: Pipeline): string =>
 *   `#${p.iid} ${p.status} on ${p.ref} by ${p.user?.username ?? "nobody"} in ${p.duration ?? "?"} s`;
 * ```
 */
export interface Pipeline extends PipelineBasic {
  /** The commit the ref pointed at before the push that started it (all zeros when there was none). */
  before_sha: string;
  /** Whether `ref` is a tag. */
  tag: boolean;
  /** The configuration errors, when the CI configuration is invalid. */
  yaml_errors: string | null;
  /** Who started it. */
  user: UserBasic | null;
  /** ISO 8601; null until it starts. */
  started_at: string | null;
  /** ISO 8601; null until it finishes. */
  finished_at: string | null;
  /** ISO 8601: when its commit was made. */
  committed_at: string | null;
  /** Seconds spent running; null until known. */
  duration: number | null;
  /** Seconds spent waiting in the queue; null until known. */
  queued_duration: number | null;
  /** The test coverage as a decimal string (e.g. `"98.29"`), or null when no job reports coverage. */
  coverage: string | null;
  /** How the web interface shows its status. */
  detailed_status: DetailedStatus;
}

/**
 * A pipeline with its name, as getting one pipeline (or the latest one) returns it.
 *
 * @example
 * ```ts
 * import type { PipelineWithMetadata } from "@gitlab-edge/client";
 * const title = (p: PipelineWithMetadata): string => p.name ?? `Pipeline #${p.iid}`;
 * ```
 */
export interface PipelineWithMetadata extends Pipeline {
  /** The pipeline's name (`workflow:name` or set through the API), if it has one. */
  name: string | null;
}

/**
 * A pipeline schedule as GitLab lists it.
 *
 * @example
 * ```ts
 * import type { PipelineSchedule } from "@gitlab-edge/client";
 * const describe = (s: PipelineSchedule): string =>
 *   `${s.description}: ${s.cron} (${s.cron_timezone}) on ${s.ref}${s.active ? "" : ", inactive"}`;
 * ```
 */
export interface PipelineSchedule {
  /** The schedule's id. */
  id: number;
  /** Its description. */
  description: string | null;
  /** The branch or tag it runs for (may be a full ref, `refs/heads/main`). */
  ref: string;
  /** The cron expression. */
  cron: string;
  /** The time zone the cron expression is read in, e.g. `UTC`. */
  cron_timezone: string;
  /** ISO 8601: the next planned run. */
  next_run_at: string | null;
  /** Whether the schedule is on. */
  active: boolean;
  /** ISO 8601. */
  created_at: string;
  /** ISO 8601. */
  updated_at: string;
  /** The user whose permissions the scheduled pipelines run with. */
  owner: UserBasic | null;
}

/**
 * A pipeline schedule as GitLab returns one by itself, with its last pipeline and its variables.
 *
 * @example
 * ```ts
 * import type { PipelineScheduleDetails } from "@gitlab-edge/client";
 * const lastRun = (s: PipelineScheduleDetails): string =>
 *   s.last_pipeline ? `#${s.last_pipeline.id} ${s.last_pipeline.status}` : "never run";
 * ```
 */
export interface PipelineScheduleDetails extends PipelineSchedule {
  /** The pipeline it started last, if any. */
  last_pipeline: PipelineBasic | null;
  /** The variables it passes; sent only to users allowed to read them (the owner, maintainers). */
  variables?: Variable[];
}

/**
 * A pipeline trigger token.
 *
 * @example
 * ```ts
 * import type { Trigger } from "@gitlab-edge/client";
 * const unused = (triggers: Trigger[]): Trigger[] => triggers.filter((t) => t.last_used === null);
 * ```
 */
export interface Trigger {
  /** The trigger's id. */
  id: number;
  /** The token; shown in full only to its owner, otherwise cut to its first characters. */
  token: string;
  /** Its description. */
  description: string | null;
  /** ISO 8601. */
  created_at: string;
  /** ISO 8601. */
  updated_at: string;
  /** ISO 8601: when it last started a pipeline; null if never. */
  last_used: string | null;
  /** ISO 8601: when it expires; null if it does not. */
  expires_at: string | null;
  /** The user it belongs to. */
  owner: UserBasic | null;
}

/**
 * One test case of a pipeline's test report.
 *
 * @example
 * ```ts
 * import type { TestReport } from "@gitlab-edge/client";
 * const failures = (report: TestReport): string[] =>
 *   report.test_suites.flatMap((suite) =>
 *     (suite.test_cases ?? []).filter((c) => c.status === "failed").map((c) => `${suite.name}: ${c.name}`)
 *   );
 * ```
 */
export interface TestCase {
  /** The outcome (`success`, `failed`, `skipped`, `error`). */
  status: "success" | "failed" | "skipped" | "error";
  /** The test's name. */
  name: string;
  /** The test's class name. */
  classname: string;
  /** The test's source file, when the report names it. */
  file: string | null;
  /** Seconds the test took. */
  execution_time: number;
  /** The test's output, if any. */
  system_output: string | null;
  /** The stack trace of a failure, if any. */
  stack_trace: string | null;
  /** How often the test failed recently on the base branch, when GitLab tracks it. */
  recent_failures: { count: number; base_branch: string } | null;
  /** Only for a test case with an attachment (e.g. a screenshot): its URL. */
  attachment_url?: string;
}

/**
 * A test suite (the tests of one job, or of jobs that share a name) of a pipeline's test report.
 *
 * @example
 * ```ts
 * import type { TestSuite } from "@gitlab-edge/client";
 * const passRate = (s: TestSuite): number => s.total_count === 0 ? 1 : s.success_count / s.total_count;
 * ```
 */
export interface TestSuite {
  /** The suite's name (the job's name). */
  name: string;
  /** Seconds the suite took. */
  total_time: number;
  /** Number of tests. */
  total_count: number;
  /** Number of tests that passed. */
  success_count: number;
  /** Number of tests that failed. */
  failed_count: number;
  /** Number of tests that were skipped. */
  skipped_count: number;
  /** Number of tests that errored. */
  error_count: number;
  /** Why the report could not be read, if it could not. */
  suite_error: string | null;
  /** The test cases; sent in the full test report, not in the summary. */
  test_cases?: TestCase[];
}

/**
 * A pipeline's test report (`GET /projects/:id/pipelines/:pipeline_id/test_report`).
 *
 * @example
 * ```ts
 * import type { TestReport } from "@gitlab-edge/client";
 * const green = (report: TestReport): boolean => report.failed_count === 0 && report.error_count === 0;
 * ```
 */
export interface TestReport {
  /** Seconds all tests took. */
  total_time: number;
  /** Number of tests. */
  total_count: number;
  /** Number of tests that passed. */
  success_count: number;
  /** Number of tests that failed. */
  failed_count: number;
  /** Number of tests that were skipped. */
  skipped_count: number;
  /** Number of tests that errored. */
  error_count: number;
  /** The suites. */
  test_suites: TestSuite[];
}

/**
 * A test suite in a pipeline's test report summary: counts, and the jobs the suite comes from.
 *
 * @example
 * ```ts
 * import type { TestSuiteSummary } from "@gitlab-edge/client";
 * const jobsToRetry = (suites: TestSuiteSummary[]): number[] =>
 *   suites.filter((s) => s.failed_count + s.error_count > 0).flatMap((s) => s.build_ids);
 * ```
 */
export interface TestSuiteSummary extends TestSuite {
  /** The ids of the jobs that produced the suite. */
  build_ids: number[];
}

/**
 * The totals of a pipeline's test report summary.
 *
 * @example
 * ```ts
 * import type { TestReportTotals } from "@gitlab-edge/client";
 * const line = (t: TestReportTotals): string =>
 *   `${t.success}/${t.count} passed, ${t.failed} failed, ${t.skipped} skipped in ${t.time.toFixed(1)} s`;
 * ```
 */
export interface TestReportTotals {
  /** Seconds all tests took. */
  time: number;
  /** Number of tests. */
  count: number;
  /** Number of tests that passed. */
  success: number;
  /** Number of tests that failed. */
  failed: number;
  /** Number of tests that were skipped. */
  skipped: number;
  /** Number of tests that errored. */
  error: number;
  /** Why a report could not be read, if one could not. */
  suite_error: string | null;
}

/**
 * A pipeline's test report summary (`GET /projects/:id/pipelines/:pipeline_id/test_report_summary`).
 *
 * @example
 * ```ts
 * import type { TestReportSummary } from "@gitlab-edge/client";
 * const unreadable = (summary: TestReportSummary): string[] =>
 *   summary.test_suites.filter((s) => s.suite_error !== null).map((s) => `${s.name}: ${s.suite_error}`);
 * ```
 */
export interface TestReportSummary {
  /** The totals. */
  total: TestReportTotals;
  /** The suites, without their test cases. */
  test_suites: TestSuiteSummary[];
}
