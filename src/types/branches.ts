/**
 * Branch types, after GitLab's Branches API documentation and its `Branch` entity.
 *
 * @module
 */

import type { CommitBasic } from "./commits.ts";

/**
 * A branch.
 *
 * @example
 * ```ts
 * import { type Branch, createClient, listProjectRepositoryBranches } from "@gitlab-edge/client";
 * import { createSimulator } from "@gitlab-edge/client/testing";
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
  /** Whether a protected-branch rule matches it. */
  protected: boolean;
  /** Whether it is the default branch. */
  default: boolean;
  /** Whether developers may push to it (always true for an unprotected branch). */
  developers_can_push: boolean;
  /** Whether developers may merge into it (always true for an unprotected branch). */
  developers_can_merge: boolean;
  /** Whether the current user may push to it. */
  can_push: boolean;
  /** The branch's page. */
  web_url: string;
  /** The head commit. */
  commit: CommitBasic;
}
