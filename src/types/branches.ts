/**
 * Branch types, after GitLab's Branches API documentation.
 *
 * @module
 */

/**
 * A commit as embedded in a branch.
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

/**
 * A branch.
 *
 * @example
 * ```ts
 * import { type Branch, createClient, listProjectRepositoryBranches } from "gitlab-edge";
 * import { createSimulator } from "gitlab-edge/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: createSimulator().fetch });
 * const mergedBranches: Branch[] = [];
 * for await (const branch of listProjectRepositoryBranches(client, "acme/web")) {
 *   if (branch.merged && !branch.protected && !branch.default) mergedBranches.push(branch);
 * }
 * console.log(mergedBranches.map((b) => b.name));
 * ```
 */
export interface Branch {
  /** The name. */
  name: string;
  /** Whether it is merged into the default branch. */
  merged: boolean;
  /** Whether it is protected. */
  protected: boolean;
  /** Whether it is the default branch. */
  default: boolean;
  /** Whether developers can push. */
  developers_can_push: boolean;
  /** Whether developers can merge. */
  developers_can_merge: boolean;
  /** Whether the current user can push. */
  can_push: boolean;
  /** The branch's page. */
  web_url: string;
  /** The head commit. */
  commit: CommitBasic;
}
