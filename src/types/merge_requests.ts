/**
 * Merge request types, after GitLab's Merge Requests API documentation.
 *
 * @module
 */

import type { MilestoneBasic, References, TimeStats, UserBasic } from "./common.ts";
import type { PipelineBasic } from "./pipelines.ts";

/**
 * A merge request.
 *
 * @example
 * ```ts
 * import type { MergeRequest } from "gitlab-edge";
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
  /** `opened`, `closed`, `locked` or `merged`. */
  state: "opened" | "closed" | "locked" | "merged";
  /** ISO 8601. */
  created_at: string;
  /** ISO 8601. */
  updated_at: string;
  /** ISO 8601. */
  merged_at: string | null;
  /** ISO 8601. */
  closed_at: string | null;
  /** Who merged it. */
  merged_by?: UserBasic | null;
  /** Who merged it (GitLab 14.7+). */
  merge_user?: UserBasic | null;
  /** Who closed it. */
  closed_by: UserBasic | null;
  /** The branch merged into. */
  target_branch: string;
  /** The branch merged from. */
  source_branch: string;
  /** The source project (a fork, possibly). */
  source_project_id: number;
  /** The target project. */
  target_project_id: number;
  /** Label names. */
  labels: string[];
  /** The author. */
  author: UserBasic;
  /** The first assignee. */
  assignee: UserBasic | null;
  /** The assignees. */
  assignees: UserBasic[];
  /** The reviewers. */
  reviewers: UserBasic[];
  /** Thumbs up. */
  upvotes: number;
  /** Thumbs down. */
  downvotes: number;
  /** Whether it is a draft. */
  draft: boolean;
  /** Deprecated alias of `draft`. */
  work_in_progress?: boolean;
  /** The milestone. */
  milestone: MilestoneBasic | null;
  /** Merge when the pipeline succeeds. */
  merge_when_pipeline_succeeds: boolean;
  /** `unchecked`, `can_be_merged`, … (deprecated by GitLab for `detailed_merge_status`). */
  merge_status?: string;
  /** `mergeable`, `conflict`, `ci_must_pass`, … */
  detailed_merge_status?: string;
  /** The head commit's SHA. */
  sha: string;
  /** The merge commit's SHA. */
  merge_commit_sha: string | null;
  /** The squash commit's SHA. */
  squash_commit_sha: string | null;
  /** Comments. */
  user_notes_count: number;
  /** Whether discussion is locked. */
  discussion_locked: boolean | null;
  /** Delete the source branch on merge. */
  should_remove_source_branch: boolean | null;
  /** Delete the source branch on merge (the author's choice). */
  force_remove_source_branch: boolean | null;
  /** The merge request's page. */
  web_url: string;
  /** References. */
  references?: References;
  /** Time tracking. */
  time_stats: TimeStats;
  /** Squash on merge. */
  squash: boolean;
  /** Task list completion. */
  task_completion_status?: { count: number; completed_count: number };
  /** Whether there are conflicts. */
  has_conflicts: boolean;
  /** Whether all blocking discussions are resolved. */
  blocking_discussions_resolved: boolean;
}

/**
 * A merge request as `GET /projects/:id/merge_requests/:iid` returns it, with details.
 *
 * @example
 * ```ts
 * import { createClient, getProjectMergeRequest, type MergeRequestDetail } from "gitlab-edge";
 * import { createSimulator } from "gitlab-edge/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: createSimulator().fetch });
 * const mr: MergeRequestDetail = await getProjectMergeRequest(client, "acme/web", 1);
 * console.log(mr.title, mr.changes_count, mr.head_pipeline?.status ?? "no pipeline");
 * ```
 */
export interface MergeRequestDetail extends MergeRequest {
  /** The number of changed files, as a string (GitLab caps it, e.g. `"1000+"`). */
  changes_count?: string | null;
  /** The latest pipeline. */
  head_pipeline?: PipelineBasic | null;
  /** Diff SHAs. */
  diff_refs?: { base_sha: string; head_sha: string; start_sha: string } | null;
  /** With `include_diverged_commits_count=true`. */
  diverged_commits_count?: number;
  /** With `include_rebase_in_progress=true`. */
  rebase_in_progress?: boolean;
  /** The first deployment. */
  first_deployed_to_production_at?: string | null;
  /** Whether the current user can merge. */
  user?: { can_merge: boolean };
}
