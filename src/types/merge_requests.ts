/**
 * Merge request types, after GitLab's Merge Requests API documentation and its `MergeRequestBasic`,
 * `MergeRequest`, `MergeRequestChanges`, `Diff`, `MergeRequestDiff` and `MergeRequestReviewer` entities.
 *
 * @module
 */

import type { References, TimeStats, UserBasic } from "./common.ts";
import type { Commit } from "./commits.ts";
import type { TaskCompletionStatus } from "./issues.ts";
import type { Milestone } from "./milestones.ts";
import type { Pipeline, PipelineBasic } from "./pipelines.ts";

/**
 * Why a merge request can or cannot be merged, as `detailed_merge_status` reports it.
 *
 * @example
 * ```ts
 * import type { DetailedMergeStatus } from "@gitlab-edge/client";
 * const waiting: DetailedMergeStatus[] = ["unchecked", "checking", "preparing", "ci_still_running"];
 * ```
 */
export type DetailedMergeStatus =
  | "unchecked"
  | "checking"
  | "preparing"
  | "mergeable"
  | "not_open"
  | "conflict"
  | "need_rebase"
  | "draft_status"
  | "not_approved"
  | "requested_changes"
  | "discussions_not_resolved"
  | "ci_must_pass"
  | "ci_still_running"
  | "commits_status"
  | "merge_request_blocked"
  | "merge_time"
  | "status_checks_must_pass"
  | "security_policy_violations"
  | "jira_association_missing"
  | "approvals_syncing"
  | "locked_paths"
  | "locked_lfs_files"
  | "title_regex";

/**
 * A merge request as the list routes return it (GitLab's `MergeRequestBasic` entity); also what milestone
 * routes, "closed by" lists and search results hold.
 *
 * With `view=simple` the list routes send only `id`, `iid`, `project_id`, `title`, `description`, `state`,
 * `created_at`, `updated_at` and `web_url`.
 *
 * @example
 * ```ts
 * import type { MergeRequest } from "@gitlab-edge/client";
 * const readyToMerge = (mr: MergeRequest): boolean =>
 *   mr.state === "opened" && !mr.has_conflicts && mr.blocking_discussions_resolved;
 * ```
 */
export interface MergeRequest {
  /** The global id. */
  id: number;
  /** The number within the project (`!iid`); use it in project routes. */
  iid: number;
  /** The target project. */
  project_id: number;
  /** The title. */
  title: string;
  /** The description (Markdown). */
  description: string | null;
  /** `opened`, `closed`, `locked` (briefly, while merging) or `merged`. */
  state: "opened" | "closed" | "locked" | "merged";
  /** ISO 8601. */
  created_at: string;
  /** ISO 8601. */
  updated_at: string;
  /** Who merged it (deprecated by GitLab in favour of `merge_user`). */
  merged_by: UserBasic | null;
  /** Who merged it, or set it to merge automatically. */
  merge_user: UserBasic | null;
  /** ISO 8601. */
  merged_at: string | null;
  /** Who closed it. */
  closed_by: UserBasic | null;
  /** ISO 8601. */
  closed_at: string | null;
  /** The title rendered as HTML; only with `render_html=true`. */
  title_html?: string;
  /** The description rendered as HTML; only with `render_html=true`. */
  description_html?: string;
  /** The branch merged into. */
  target_branch: string;
  /** The branch merged from. */
  source_branch: string;
  /** Comments by people (not system notes). */
  user_notes_count: number;
  /** Thumbs up. */
  upvotes: number;
  /** Thumbs down. */
  downvotes: number;
  /** The author. */
  author: UserBasic;
  /** The assignees. */
  assignees: UserBasic[];
  /** The first assignee. */
  assignee: UserBasic | null;
  /** The reviewers. */
  reviewers: UserBasic[];
  /** The source project (a fork, possibly). */
  source_project_id: number;
  /** The target project. */
  target_project_id: number;
  /**
   * Label names, sorted. With `with_labels_details=true` GitLab sends label objects (`LabelBasic`)
   * instead.
   */
  labels: string[];
  /** Whether it is a draft. */
  draft: boolean;
  /** Whether it came from an import. */
  imported: boolean;
  /** Where it was imported from (`none`, `github`, `bitbucket`, …). */
  imported_from: string;
  /** Deprecated alias of `draft`. */
  work_in_progress: boolean;
  /** The milestone. */
  milestone: Milestone | null;
  /** Whether it is set to merge when the pipeline succeeds (auto-merge). */
  merge_when_pipeline_succeeds: boolean;
  /** The older, coarser merge status (deprecated by GitLab for `detailed_merge_status`). */
  merge_status:
    | "unchecked"
    | "checking"
    | "can_be_merged"
    | "cannot_be_merged"
    | "cannot_be_merged_recheck"
    | "cannot_be_merged_rechecking";
  /** Why it can or cannot be merged. */
  detailed_merge_status: DetailedMergeStatus;
  /** ISO 8601: it cannot be merged before this time, if set. */
  merge_after: string | null;
  /** The head commit's SHA. */
  sha: string;
  /** The merge commit's SHA. */
  merge_commit_sha: string | null;
  /** The squash commit's SHA. */
  squash_commit_sha: string | null;
  /** Whether discussion is locked; `null` when never set. */
  discussion_locked: boolean | null;
  /** Delete the source branch on merge. */
  should_remove_source_branch: boolean | null;
  /** Delete the source branch on merge (the author's choice). */
  force_remove_source_branch: boolean | null;
  /** ISO 8601: when GitLab finished preparing it (diffs, pipelines); `null` until then. */
  prepared_at: string | null;
  /** Whether members who can merge may push to the fork's source branch; only for merge requests from forks. */
  allow_collaboration?: boolean;
  /** Deprecated alias of `allow_collaboration`; only for merge requests from forks. */
  allow_maintainer_to_push?: boolean;
  /** E.g. `!1` (deprecated by GitLab in favour of `references`). */
  reference: string;
  /** References. */
  references: References;
  /** The merge request's page. */
  web_url: string;
  /** Time tracking. */
  time_stats: TimeStats;
  /** Whether it will be squashed on merge. */
  squash: boolean;
  /** Whether it will be squashed on merge, the project's setting applied. */
  squash_on_merge: boolean;
  /** Task list completion. */
  task_completion_status: TaskCompletionStatus;
  /** Whether there are conflicts. */
  has_conflicts: boolean;
  /** Whether all blocking discussions are resolved. */
  blocking_discussions_resolved: boolean;
  /** Approvals needed (Premium and Ultimate only; deprecated by GitLab for the approvals API). */
  approvals_before_merge?: number | null;
}

/**
 * The SHAs a merge request's diff is computed from.
 *
 * @example
 * ```ts
 * import type { DiffRefs } from "@gitlab-edge/client";
 * const compareUrl = (web: string, refs: DiffRefs): string => `${web}/-/compare/${refs.base_sha}...${refs.head_sha}`;
 * ```
 */
export interface DiffRefs {
  /** The merge base. */
  base_sha: string;
  /** The source branch's head. */
  head_sha: string;
  /** The target branch's head when the diff was made. */
  start_sha: string;
}

/**
 * A merge request as `GET /projects/:id/merge_requests/:iid` and the create, update and merge routes
 * return it, with details (GitLab's `MergeRequest` entity).
 *
 * @example
 * ```ts
 * import { createClient, getProjectMergeRequest, type MergeRequestDetail } from "@gitlab-edge/client";
 * import { createSimulator } from "@gitlab-edge/client/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: createSimulator().fetch });
 * const mr: MergeRequestDetail = await getProjectMergeRequest(client, "acme/web", 1);
 * console.log(mr.title, mr.changes_count, mr.head_pipeline?.status ?? "no pipeline");
 * ```
 */
export interface MergeRequestDetail extends MergeRequest {
  /** Whether the current user gets notifications; not sent where GitLab lists merge requests in detail. */
  subscribed?: boolean;
  /** The number of changed files, as a string (GitLab caps it, e.g. `"1000+"`); `null` until computed. */
  changes_count: string | null;
  /** ISO 8601; only when the project has CI/CD enabled for the current user. */
  latest_build_started_at?: string | null;
  /** ISO 8601; only when the project has CI/CD enabled for the current user. */
  latest_build_finished_at?: string | null;
  /** ISO 8601; only when the project has CI/CD enabled for the current user. */
  first_deployed_to_production_at?: string | null;
  /** The pipeline of the merge (deprecated; use `head_pipeline`); only when CI/CD is enabled for the current user. */
  pipeline?: PipelineBasic | null;
  /** The latest pipeline; only when the current user can see pipelines. */
  head_pipeline?: Pipeline | null;
  /** Diff SHAs; `null` until GitLab has computed the diff. */
  diff_refs: DiffRefs | null;
  /** Why the last merge or rebase failed, if it did. */
  merge_error: string | null;
  /** Whether a rebase is running; only with `include_rebase_in_progress=true`. */
  rebase_in_progress?: boolean;
  /** Commits the source branch is behind the target; only with `include_diverged_commits_count=true`. */
  diverged_commits_count?: number;
  /** Whether it is the author's first contribution to the project; only on a single merge request. */
  first_contribution?: boolean;
  /** What the current user may do. */
  user: {
    /** Whether the current user can merge it. */
    can_merge: boolean;
  };
}

/**
 * One file's change in a diff.
 *
 * @example
 * ```ts
 * import type { Diff } from "@gitlab-edge/client";
 * const summary = (d: Diff): string =>
 *   d.new_file ? `A ${d.new_path}` : d.deleted_file ? `D ${d.old_path}` : d.renamed_file
 *   ? `R ${d.old_path} -> ${d.new_path}`
 *   : `M ${d.new_path}`;
 * ```
 */
export interface Diff {
  /** The unified diff of the file (empty when collapsed or too large). */
  diff: string;
  /** The path after the change. */
  new_path: string;
  /** The path before the change. */
  old_path: string;
  /** The file mode before, e.g. `100644` (`0` for a new file). */
  a_mode: string;
  /** The file mode after, e.g. `100755` (`0` for a deleted file). */
  b_mode: string;
  /** Whether the file was added. */
  new_file: boolean;
  /** Whether the file was renamed. */
  renamed_file: boolean;
  /** Whether the file was deleted. */
  deleted_file: boolean;
  /** Whether GitLab marks the file as generated. */
  generated_file: boolean;
  /** Whether the diff was left out for size but can be fetched on its own; sent on merge request diffs. */
  collapsed?: boolean;
  /** Whether the diff was left out and cannot be fetched; sent on merge request diffs. */
  too_large?: boolean;
}

/**
 * A merge request with its changed files, as `GET /projects/:id/merge_requests/:iid/changes` returns it.
 *
 * @example
 * ```ts
 * import type { MergeRequestChanges } from "@gitlab-edge/client";
 * const touched = (mr: MergeRequestChanges): string[] => mr.changes.map((c) => c.new_path);
 * ```
 */
export interface MergeRequestChanges extends MergeRequestDetail {
  /** The changed files. */
  changes: Diff[];
  /** Whether GitLab left out files because the diff is too large. */
  overflow: boolean;
}

/**
 * A version of a merge request's diff (one per push to the source branch).
 *
 * @example
 * ```ts
 * import type { MergeRequestDiff } from "@gitlab-edge/client";
 * const latest = (versions: MergeRequestDiff[]): MergeRequestDiff | undefined =>
 *   versions.reduce<MergeRequestDiff | undefined>((a, v) => (a === undefined || v.id > a.id ? v : a), undefined);
 * ```
 */
export interface MergeRequestDiff {
  /** The version's id. */
  id: number;
  /** The source branch's head SHA. */
  head_commit_sha: string;
  /** The merge base's SHA. */
  base_commit_sha: string;
  /** The target branch's SHA when the version was made. */
  start_commit_sha: string;
  /** ISO 8601. */
  created_at: string;
  /** The merge request's global id. */
  merge_request_id: number;
  /** How far GitLab got storing it; known values are `collected`, `overflow`, `empty`, `without_files`. */
  state: string;
  /** The number of changed files, as a string (e.g. `"1000+"`); `null` until GitLab has stored the diff. */
  real_size: string | null;
  /** The patch id of the diff. */
  patch_id_sha: string | null;
}

/**
 * A version of a merge request's diff with its commits and files.
 *
 * @example
 * ```ts
 * import type { MergeRequestDiffFull } from "@gitlab-edge/client";
 * const describe = (v: MergeRequestDiffFull): string => `${v.commits.length} commits, ${v.diffs.length} files`;
 * ```
 */
export interface MergeRequestDiffFull extends MergeRequestDiff {
  /** The version's commits, newest first. */
  commits: Commit[];
  /** The version's changed files. */
  diffs: Diff[];
}

/**
 * A reviewer of a merge request and where their review stands.
 *
 * @example
 * ```ts
 * import type { MergeRequestReviewer } from "@gitlab-edge/client";
 * const pending = (rs: MergeRequestReviewer[]): string[] =>
 *   rs.filter((r) => r.state === "unreviewed").map((r) => r.user.username);
 * ```
 */
export interface MergeRequestReviewer {
  /** The reviewer. */
  user: UserBasic;
  /** Where their review stands. */
  state: "unreviewed" | "review_started" | "reviewed" | "requested_changes" | "approved" | "unapproved";
  /** ISO 8601: when they were asked to review. */
  created_at: string;
}

/**
 * The answer of `GET /projects/:id/merge_requests/:iid/merge_ref`: the commit GitLab wrote to
 * `refs/merge-requests/:iid/merge`.
 *
 * @example
 * ```ts
 * import type { MergeRequestMergeRef } from "@gitlab-edge/client";
 * const ref: MergeRequestMergeRef = { commit_id: "854a3a7a17acbcc0bbbea170986df1eb60435f34" };
 * ```
 */
export interface MergeRequestMergeRef {
  /** The merge commit's SHA, or `null` when there is none yet. */
  commit_id: string | null;
}

/**
 * The answer of `PUT /projects/:id/merge_requests/:iid/rebase` (status 202): the rebase runs in the
 * background.
 *
 * @example
 * ```ts
 * import type { MergeRequestRebaseStatus } from "@gitlab-edge/client";
 * const started: MergeRequestRebaseStatus = { rebase_in_progress: true };
 * ```
 */
export interface MergeRequestRebaseStatus {
  /** Whether the rebase is running. */
  rebase_in_progress: boolean;
}
