/**
 * Repository file types, after GitLab's Repository Files API documentation.
 *
 * @module
 */

/**
 * A file's metadata and content, as `GET /projects/:id/repository/files/:file_path` returns it.
 *
 * @example
 * ```ts
 * import type { RepositoryFile } from "gitlab-edge";
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
  /** `base64` (or `text` for some endpoints). */
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
  /** Whether the file is executable. */
  execute_filemode?: boolean;
}
