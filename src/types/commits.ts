/**
 * Commit types, after GitLab's Commits API documentation and its `Commit` entities.
 *
 * @module
 */

/**
 * A commit as GitLab embeds it in other objects (a branch's head, a tag's target, a job's commit).
 *
 * @example
 * ```ts
 * import type { CommitBasic } from "gitlab-edge";
 * const oneLine = (commit: CommitBasic): string =>
 *   `${commit.short_id} ${commit.title} (${commit.author_name})`;
 * ```
 */
export interface CommitBasic {
  /** The SHA. */
  id: string;
  /** The abbreviated SHA. */
  short_id: string;
  /** The first line of the message. */
  title: string;
  /** The message. */
  message: string;
  /** The author's name. */
  author_name: string;
  /** The author's email. */
  author_email: string;
  /** ISO 8601. */
  authored_date: string;
  /** The committer's name. */
  committer_name: string;
  /** The committer's email. */
  committer_email: string;
  /** ISO 8601. */
  committed_date: string;
  /** ISO 8601. */
  created_at: string;
  /** Parent SHAs. */
  parent_ids: string[];
  /** The commit's page. */
  web_url: string;
}
