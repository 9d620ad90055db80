/**
 * Issue types, after GitLab's Issues API documentation.
 *
 * @module
 */

import type { MilestoneBasic, References, Sort, TimeStats, UserBasic } from "./common.ts";

/**
 * An issue.
 *
 * @example
 * ```ts
 * import type { Issue } from "gitlab-edge";
 * const isOverdue = (issue: Issue, today: string): boolean =>
 *   issue.state === "opened" && issue.due_date !== null && issue.due_date < today;
 * ```
 */
export interface Issue {
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
  /** Label names (or objects with `with_labels_details=true`). */
  labels: string[];
  /** The milestone. */
  milestone: MilestoneBasic | null;
  /** The assignees. */
  assignees: UserBasic[];
  /** The first assignee (deprecated by GitLab in favour of `assignees`). */
  assignee: UserBasic | null;
  /** The author. */
  author: UserBasic;
  /** `issue`, `incident`, `test_case` or `task`. */
  type?: string;
  /** Thumbs up. */
  upvotes: number;
  /** Thumbs down. */
  downvotes: number;
  /** Merge requests that will close it. */
  merge_requests_count: number;
  /** Comments. */
  user_notes_count: number;
  /** `YYYY-MM-DD`. */
  due_date: string | null;
  /** Whether it is confidential. */
  confidential: boolean;
  /** Whether discussion is locked. */
  discussion_locked: boolean | null;
  /** `issue`, `incident`, `test_case` or `task`. */
  issue_type?: string;
  /** The issue's page. */
  web_url: string;
  /** Time tracking. */
  time_stats: TimeStats;
  /** Task list completion. */
  task_completion_status?: { count: number; completed_count: number };
  /** References. */
  references?: References;
  /** The weight (Premium). */
  weight?: number | null;
  /** Whether it has tasks. */
  has_tasks?: boolean;
  /** Links to related API resources. */
  _links?: Record<string, string | null>;
}

/**
 * Filters of `GET /projects/:id/issues`.
 *
 * @example
 * ```ts
 * import type { ListProjectIssuesParams } from "gitlab-edge";
 * const triage: ListProjectIssuesParams = {
 *   state: "opened",
 *   labels: ["bug"],
 *   not: { labels: ["wontfix"] },
 *   order_by: "updated_at",
 *   sort: "desc",
 * };
 * ```
 */
export interface ListProjectIssuesParams {
  /** Only these iids. */
  iids?: number[];
  /** `opened`, `closed` or `all` (default). */
  state?: "opened" | "closed" | "all";
  /** Label names; `None` or `Any` too. */
  labels?: string[] | string;
  /** Return label objects instead of names. */
  with_labels_details?: boolean;
  /** A milestone title; `None`, `Any`, `Upcoming`, `Started`. */
  milestone?: string;
  /** `created_by_me`, `assigned_to_me` or `all`. */
  scope?: "created_by_me" | "assigned_to_me" | "all";
  /** The author's id. */
  author_id?: number;
  /** The author's username. */
  author_username?: string;
  /** The assignee's id, or `None` / `Any`. */
  assignee_id?: number | "None" | "Any";
  /** Assignee usernames. */
  assignee_username?: string[];
  /** An emoji you reacted with. */
  my_reaction_emoji?: string;
  /** The sort key. */
  order_by?:
    | "created_at"
    | "updated_at"
    | "priority"
    | "due_date"
    | "relative_position"
    | "label_priority"
    | "milestone_due"
    | "popularity"
    | "weight"
    | "title";
  /** Sort direction. */
  sort?: Sort;
  /** Search title and description. */
  search?: string;
  /** Where `search` looks: `title`, `description` or both comma-separated. */
  in?: string;
  /** Created after. */
  created_after?: Date | string;
  /** Created before. */
  created_before?: Date | string;
  /** Updated after. */
  updated_after?: Date | string;
  /** Updated before. */
  updated_before?: Date | string;
  /** Confidential or not. */
  confidential?: boolean;
  /** `issue`, `incident`, `test_case` or `task`. */
  issue_type?: "issue" | "incident" | "test_case" | "task";
  /** Due date filter: `0` (none), `any`, `today`, `tomorrow`, `overdue`, `week`, `month`, … */
  due_date?: string;
  /** Exclude matches: e.g. `{ labels: ["wontfix"] }` is sent as `not[labels][]=wontfix`. */
  not?: {
    labels?: string[];
    milestone?: string;
    author_id?: number;
    author_username?: string;
    assignee_id?: number;
    assignee_username?: string[];
    my_reaction_emoji?: string;
    iids?: number[];
  };
  /** The weight (Premium). */
  weight?: number;
}

/**
 * Attributes of `POST /projects/:id/issues`.
 *
 * @example
 * ```ts
 * import type { CreateProjectIssueParams } from "gitlab-edge";
 * const report: CreateProjectIssueParams = {
 *   title: "Broken link on the pricing page",
 *   description: "The *Contact sales* button leads to a 404.",
 *   labels: ["bug", "web"],
 *   due_date: "2025-07-01",
 * };
 * ```
 */
export interface CreateProjectIssueParams {
  /** The title. */
  title: string;
  /** The description (Markdown, up to 1,048,576 characters). */
  description?: string;
  /** Confidential. */
  confidential?: boolean;
  /** Assignee ids. */
  assignee_ids?: number[];
  /** A milestone id. */
  milestone_id?: number;
  /** Label names (comma-separated string or array). */
  labels?: string[] | string;
  /** ISO 8601 (administrators and owners only). */
  created_at?: Date | string;
  /** `YYYY-MM-DD`. */
  due_date?: string;
  /** Resolve all discussions of this merge request iid. */
  merge_request_to_resolve_discussions_of?: number;
  /** With the above, resolve only this discussion. */
  discussion_to_resolve?: string;
  /** `issue`, `incident`, `test_case` or `task`. */
  issue_type?: "issue" | "incident" | "test_case" | "task";
  /** The weight (Premium). */
  weight?: number;
  /** An epic id (Premium). */
  epic_id?: number;
  /** The iid (administrators and owners only). */
  iid?: number;
}

/**
 * Attributes of `PUT /projects/:id/issues/:issue_iid`.
 *
 * @example
 * ```ts
 * import type { EditProjectIssueParams } from "gitlab-edge";
 * const resolve: EditProjectIssueParams = {
 *   add_labels: ["fixed"],
 *   remove_labels: ["needs-triage"],
 *   state_event: "close",
 * };
 * ```
 */
export interface EditProjectIssueParams {
  /** The title. */
  title?: string;
  /** The description. */
  description?: string;
  /** Replace all labels. */
  labels?: string[] | string;
  /** Add labels. */
  add_labels?: string[] | string;
  /** Remove labels. */
  remove_labels?: string[] | string;
  /** `close` or `reopen`. */
  state_event?: "close" | "reopen";
  /** Assignee ids (`[]` or `[0]` to unassign). */
  assignee_ids?: number[];
  /** A milestone id (`0` to remove). */
  milestone_id?: number;
  /** Confidential. */
  confidential?: boolean;
  /** Lock discussion. */
  discussion_locked?: boolean;
  /** `YYYY-MM-DD`. */
  due_date?: string;
  /** ISO 8601 (administrators and owners only). */
  updated_at?: Date | string;
  /** `issue`, `incident`, `test_case` or `task`. */
  issue_type?: "issue" | "incident" | "test_case" | "task";
  /** The weight (Premium). */
  weight?: number;
}
