/**
 * Issue types, after GitLab's Issues API documentation and its `IssueBasic`, `Issue`, `ExternalIssue`,
 * `UserAgentDetail` and `IssuableMetricImage` entities.
 *
 * @module
 */

import type { JsonObject, References, TimeStats, UserBasic } from "./common.ts";
import type { Milestone } from "./milestones.ts";

/**
 * How far a checklist in a description is done.
 *
 * @example
 * ```ts
 * import type { TaskCompletionStatus } from "@gitlab-edge/client";
 * const percent = (t: TaskCompletionStatus): number => (t.count ? (100 * t.completed_count) / t.count : 100);
 * ```
 */
export interface TaskCompletionStatus {
  /** Checklist items in the description. */
  count: number;
  /** Items ticked. */
  completed_count: number;
}

/**
 * An issue with the fields GitLab sends wherever it embeds or lists issues briefly (milestone issues,
 * issue links, search results, issues a merge request closes).
 *
 * @example
 * ```ts
 * import type { IssueBasic } from "@gitlab-edge/client";
 * const isOverdue = (issue: IssueBasic, today: string): boolean =>
 *   issue.state === "opened" && issue.due_date !== null && issue.due_date < today;
 * ```
 */
export interface IssueBasic {
  /** The global id. */
  id: number;
  /** The number within the project (`#iid`); use it in project routes. */
  iid: number;
  /** The project id. */
  project_id: number;
  /** The title. */
  title: string;
  /** The description (Markdown). */
  description: string | null;
  /** `opened` or `closed`. */
  state: "opened" | "closed";
  /** ISO 8601. */
  created_at: string;
  /** ISO 8601. */
  updated_at: string;
  /** ISO 8601. */
  closed_at: string | null;
  /** Who closed it. */
  closed_by: UserBasic | null;
  /**
   * Label names, sorted. With `with_labels_details=true` GitLab sends label objects (`LabelBasic`)
   * instead.
   */
  labels: string[];
  /** The milestone. */
  milestone: Milestone | null;
  /** The assignees. */
  assignees: UserBasic[];
  /** The author. */
  author: UserBasic;
  /** `issue_type` in capitals. */
  type: "ISSUE" | "INCIDENT" | "TEST_CASE" | "REQUIREMENT" | "TASK" | "TICKET";
  /** The first assignee (deprecated by GitLab in favour of `assignees`). */
  assignee: UserBasic | null;
  /** Comments by people (not system notes). */
  user_notes_count: number;
  /** Merge requests that will close it. */
  merge_requests_count: number;
  /** Thumbs up. */
  upvotes: number;
  /** Thumbs down. */
  downvotes: number;
  /** `YYYY-MM-DD`. */
  due_date: string | null;
  /** Whether it is confidential. */
  confidential: boolean;
  /** Whether discussion is locked; `null` when never set. */
  discussion_locked: boolean | null;
  /** The kind of issue (the work item type). */
  issue_type: "issue" | "incident" | "test_case" | "requirement" | "task" | "ticket";
  /** The issue's page. */
  web_url: string;
  /** Time tracking. */
  time_stats: TimeStats;
  /** Task list completion. */
  task_completion_status: TaskCompletionStatus;
  /** The weight (Premium and Ultimate only). */
  weight?: number | null;
  /** Open issues this one blocks (Premium and Ultimate only). */
  blocking_issues_count?: number;
}

/**
 * An issue, as the issue routes return it (lists, single issues, create, update, move, clone).
 *
 * @example
 * ```ts
 * import type { Issue } from "@gitlab-edge/client";
 * const isOverdue = (issue: Issue, today: string): boolean =>
 *   issue.state === "opened" && issue.due_date !== null && issue.due_date < today;
 * ```
 */
export interface Issue extends IssueBasic {
  /** Whether the description has a checklist. */
  has_tasks: boolean;
  /** E.g. `2 of 5 checklist items completed`; only when `has_tasks`. */
  task_status?: string;
  /** API URLs of the issue and related resources. */
  _links: {
    /** The issue itself. */
    self: string;
    /** Its notes. */
    notes: string;
    /** Its emoji reactions. */
    award_emoji: string;
    /** Its project. */
    project: string;
    /** The issue it was closed as a duplicate of, when the current user can see that one. */
    closed_as_duplicate_of: string | null;
  };
  /** References. */
  references: References;
  /** For incidents: `UNKNOWN`, `LOW`, `MEDIUM`, `HIGH` or `CRITICAL`. */
  severity: "UNKNOWN" | "LOW" | "MEDIUM" | "HIGH" | "CRITICAL";
  /** Whether the current user gets notifications; not sent in lists. */
  subscribed?: boolean;
  /** The issue it was moved to, if it was moved. */
  moved_to_id: number | null;
  /** Whether it came from an import. */
  imported: boolean;
  /** Where it was imported from (`none`, `github`, `jira`, …). */
  imported_from: string;
  /** For a Service Desk issue, the email address replies go to. */
  service_desk_reply_to: string | null;
  /** The parent epic's `iid` (Premium and Ultimate only). */
  epic_iid?: number | null;
  /** The parent epic (Premium and Ultimate only). */
  epic?: JsonObject | null;
  /** The iteration (Premium and Ultimate only). */
  iteration?: JsonObject | null;
  /** `on_track`, `needs_attention` or `at_risk` (Ultimate only). */
  health_status?: "on_track" | "needs_attention" | "at_risk" | null;
}

/**
 * An issue of an external issue tracker (Jira…), as merge request routes list the issues they close.
 *
 * @example
 * ```ts
 * import type { ExternalIssue, IssueBasic } from "@gitlab-edge/client";
 * const title = (issue: IssueBasic | ExternalIssue): string =>
 *   typeof issue.id === "string" ? `${issue.id}: ${issue.title}` : issue.title;
 * ```
 */
export interface ExternalIssue {
  /** The tracker's key, e.g. `PROJ-123`. */
  id: string;
  /** The title. */
  title: string;
}

/**
 * The client details GitLab recorded when an issue or snippet was created (administrators only; used
 * for spam reports).
 *
 * @example
 * ```ts
 * import type { UserAgentDetail } from "@gitlab-edge/client";
 * const describe = (d: UserAgentDetail): string => `${d.ip_address} (${d.user_agent})`;
 * ```
 */
export interface UserAgentDetail {
  /** The browser's or client's `User-Agent`. */
  user_agent: string;
  /** The client's IP address. */
  ip_address: string;
  /** Whether it was reported to Akismet. */
  akismet_submitted: boolean;
}

/**
 * A metric image (a chart or screenshot) uploaded to an incident (Premium and Ultimate only).
 *
 * @example
 * ```ts
 * import type { IssuableMetricImage } from "@gitlab-edge/client";
 * const link = (image: IssuableMetricImage): string => `[${image.url_text ?? image.filename}](${image.file_path})`;
 * ```
 */
export interface IssuableMetricImage {
  /** The image's id. */
  id: number;
  /** ISO 8601. */
  created_at: string;
  /** The file's name. */
  filename: string;
  /** The path the image is served from. */
  file_path: string;
  /** The URL the image links to, if any. */
  url: string | null;
  /** The text of that link, if any. */
  url_text: string | null;
}
