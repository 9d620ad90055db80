/**
 * Repository types, after GitLab's Repositories API documentation (`lib/api/repositories.rb`) and its
 * `TreeObject`, `Compare`, `Contributor` and `Changelog` entities.
 *
 * @module
 */

import type { CommitBasic } from "./commits.ts";
import type { Diff } from "./merge_requests.ts";

/**
 * An entry of a repository tree (GitLab's `TreeObject`), as `GET /projects/:id/repository/tree` lists it.
 *
 * @example
 * ```ts
 * import { type Client, listProjectRepositoryTree, type TreeEntry } from "@gitlab-edge/client";
 * async function filesOf(client: Client, project: string): Promise<TreeEntry[]> {
 *   const files: TreeEntry[] = [];
 *   for await (const entry of listProjectRepositoryTree(client, project, { recursive: true })) {
 *     if (entry.type === "blob") files.push(entry);
 *   }
 *   return files;
 * }
 * ```
 */
export interface TreeEntry {
  /** The SHA of the tree, blob or submodule commit. */
  id: string;
  /** The last path segment. */
  name: string;
  /** `tree` for a directory, `blob` for a file, `commit` for a submodule. */
  type: "tree" | "blob" | "commit";
  /** The path from the repository root. */
  path: string;
  /** The Git file mode, e.g. `100644`, `100755`, `040000`, `120000` (symlink), `160000` (submodule). */
  mode: string;
}

/**
 * A blob's metadata and content, as `GET /projects/:id/repository/blobs/:sha` answers.
 *
 * @example
 * ```ts
 * import type { RepositoryBlob } from "@gitlab-edge/client";
 * const bytesOf = (blob: RepositoryBlob): Uint8Array => Uint8Array.from(atob(blob.content), (c) => c.charCodeAt(0));
 * ```
 */
export interface RepositoryBlob {
  /** Bytes. */
  size: number;
  /** How `content` is encoded: `base64`. */
  encoding: string;
  /** The content, base64-encoded. */
  content: string;
  /** The blob's SHA. */
  sha: string;
}

/**
 * The comparison of two refs (`GET /projects/:id/repository/compare`).
 *
 * @example
 * ```ts
 * import type { Compare } from "@gitlab-edge/client";
 * const describe = (c: Compare): string =>
 *   c.compare_same_ref ? "same ref" : `${c.commits.length} commits, ${c.diffs.length} files${c.compare_timeout ? " (truncated)" : ""}`;
 * ```
 */
export interface Compare {
  /** The newest commit of the range, `null` when the range is empty. */
  commit: CommitBasic | null;
  /** The commits of the range, oldest first. */
  commits: CommitBasic[];
  /** The changed files. */
  diffs: Diff[];
  /** Whether GitLab stopped collecting diffs because there were too many. */
  compare_timeout: boolean;
  /** Whether both refs point at the same commit. */
  compare_same_ref: boolean;
  /** The comparison's page. */
  web_url: string;
}

/**
 * A contributor to the default branch, grouped by author email (`GET /projects/:id/repository/contributors`).
 *
 * @example
 * ```ts
 * import type { Contributor } from "@gitlab-edge/client";
 * const top = (all: Contributor[]): Contributor | undefined => all.toSorted((a, b) => b.commits - a.commits)[0];
 * ```
 */
export interface Contributor {
  /** The author name. */
  name: string;
  /** The author email. */
  email: string;
  /** How many commits they authored. */
  commits: number;
  /** Lines added (GitLab currently always sends 0). */
  additions: number;
  /** Lines removed (GitLab currently always sends 0). */
  deletions: number;
}

/**
 * Generated changelog notes (`GET /projects/:id/repository/changelog`).
 *
 * @example
 * ```ts
 * import type { Changelog } from "@gitlab-edge/client";
 * const firstLine = (c: Changelog): string => c.notes.split("\n")[0];
 * ```
 */
export interface Changelog {
  /** The notes, in Markdown. */
  notes: string;
}
