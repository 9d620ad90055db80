/**
 * Issue types, after GitLab's Issues API documentation.
 *
 * @module
 */

import type { MilestoneBasic, References, TimeStats, UserBasic } from "./common.ts";

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
