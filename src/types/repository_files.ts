/**
 * Repository file types, after GitLab's Repository Files API documentation (`lib/api/files.rb`) and its
 * `BlameRange` and `BlameRangeCommit` entities.
 *
 * @module
 */

/**
 * A file's metadata and content, as `GET /projects/:id/repository/files/:file_path` returns it.
 *
 * @example
 * ```ts
 * import type { RepositoryFile } from "@gitlab-edge/client";
 * const textOf = (file: RepositoryFile): string =>
 *   new TextDecoder().decode(Uint8Array.from(atob(file.content), (c) => c.charCodeAt(0)));
 * ```
 */
export interface RepositoryFile {
  /** The file name. */
  file_name: string;
  /** The path in the repository. */
  file_path: string;
  /** Bytes. */
  size: number;
  /** How `content` is encoded: `base64` for this endpoint. */
  encoding: string;
  /** The content, base64-encoded: decode with `atob` or `Uint8Array.fromBase64`. */
  content: string;
  /** SHA-256 of the content. */
  content_sha256: string;
  /** The ref read. */
  ref: string;
  /** The blob's SHA. */
  blob_id: string;
  /** The commit read. */
  commit_id: string;
  /** The last commit that changed the file. */
  last_commit_id: string;
  /** Whether the file is executable; sent by GitLab 16.x and later only. */
  execute_filemode?: boolean;
}

/**
 * What creating or updating a file answers: where the commit went.
 *
 * @example
 * ```ts
 * import type { RepositoryFileCommit } from "@gitlab-edge/client";
 * const where = (r: RepositoryFileCommit): string => `${r.branch}:${r.file_path}`;
 * ```
 */
export interface RepositoryFileCommit {
  /** The path written. */
  file_path: string;
  /** The branch committed to. */
  branch: string;
}

/**
 * The commit a blame range is attributed to (GitLab's `BlameRangeCommit`).
 *
 * @example
 * ```ts
 * import type { BlameRangeCommit } from "@gitlab-edge/client";
 * const who = (c: BlameRangeCommit): string => `${c.author_name} on ${c.authored_date.slice(0, 10)}`;
 * ```
 */
export interface BlameRangeCommit {
  /** The SHA. */
  id: string;
  /** Parent SHAs. */
  parent_ids: string[];
  /** The message. */
  message: string;
  /** ISO 8601. */
  authored_date: string;
  /** The author's name. */
  author_name: string;
  /** The author's email. */
  author_email: string;
  /** ISO 8601. */
  committed_date: string;
  /** The committer's name. */
  committer_name: string;
  /** The committer's email. */
  committer_email: string;
}

/**
 * A run of consecutive lines last changed by one commit (`GET /projects/:id/repository/files/:file_path/blame`
 * answers an array of them, in file order).
 *
 * @example
 * ```ts
 * import type { BlameRange } from "@gitlab-edge/client";
 * const linesBy = (ranges: BlameRange[], email: string): number =>
 *   ranges.filter((r) => r.commit.author_email === email).reduce((n, r) => n + r.lines.length, 0);
 * ```
 */
export interface BlameRange {
  /** The commit that last changed these lines. */
  commit: BlameRangeCommit;
  /** The lines' text, without line endings. */
  lines: string[];
}
