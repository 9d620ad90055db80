/**
 * Note (comment) and discussion types, after GitLab's Notes and Discussions API documentation and its
 * `Note` and `Discussion` entities.
 *
 * @module
 */

import type { JsonValue, UserBasic } from "./common.ts";

/**
 * The kind of object a note is attached to.
 *
 * @example
 * ```ts
 * import type { NoteableType } from "@gitlab-edge/client";
 * const onCode: NoteableType[] = ["MergeRequest", "Commit"];
 * ```
 */
export type NoteableType =
  | "Issue"
  | "MergeRequest"
  | "Snippet"
  | "Commit"
  | "Epic"
  | "AlertManagement::Alert"
  | "DesignManagement::Design"
  | "Vulnerability"
  | "WikiPage::Meta";

/**
 * One end of a multi-line diff comment's range.
 *
 * @example
 * ```ts
 * import type { NoteLineRangeEnd } from "@gitlab-edge/client";
 * const end: NoteLineRangeEnd = { line_code: "adc83b19_10_12", type: "new", old_line: null, new_line: 12 };
 * ```
 */
export interface NoteLineRangeEnd {
  /** GitLab's code for the line: the file's SHA-1 prefix, old line and new line. */
  line_code: string;
  /** `new` for an added line, `old` for a removed one, `null` for an unchanged one. */
  type: "new" | "old" | null;
  /** The line number before the change, if the line existed there. */
  old_line: number | null;
  /** The line number after the change, if the line exists there. */
  new_line: number | null;
}

/**
 * Where in a diff a diff note (`type: "DiffNote"`) was written.
 *
 * @example
 * ```ts
 * import type { NotePosition } from "@gitlab-edge/client";
 * const where = (p: NotePosition): string =>
 *   p.position_type === "text" ? `${p.new_path}:${p.new_line ?? p.old_line}` : p.new_path;
 * ```
 */
export interface NotePosition {
  /** The merge base's SHA. */
  base_sha: string;
  /** The target branch's SHA when the diff was made. */
  start_sha: string;
  /** The source branch's head SHA. */
  head_sha: string;
  /** The file's path before the change. */
  old_path: string;
  /** The file's path after the change. */
  new_path: string;
  /** `text` for a line, `image` for a point on an image, `file` for a whole file. */
  position_type: "text" | "image" | "file";
  /** For `text`: the line number before the change, if the line existed there. */
  old_line?: number | null;
  /** For `text`: the line number after the change, if the line exists there. */
  new_line?: number | null;
  /** For `text`: the lines a multi-line comment spans, if it spans several. */
  line_range?: { start: NoteLineRangeEnd; end: NoteLineRangeEnd } | null;
  /** For `image`: the image's width in pixels. */
  width?: number;
  /** For `image`: the image's height in pixels. */
  height?: number;
  /** For `image`: the point's horizontal coordinate. */
  x?: number;
  /** For `image`: the point's vertical coordinate. */
  y?: number;
}

/**
 * A note: a comment on an issue, merge request, snippet, commit or epic, or a system note GitLab wrote
 * about a change.
 *
 * A note whose body holds only quick actions (such as `/spend 1h`) is not kept: the create routes then
 * answer with status 202 and only `commands_changes` and `summary`.
 *
 * @example
 * ```ts
 * import { createClient, listProjectIssueNotes, type Note } from "@gitlab-edge/client";
 * const client = createClient({
 *   baseUrl: "https://gitlab.example.com",
 *   fetch: () => Promise.resolve(Response.json([])),
 * });
 * const notes: Note[] = await listProjectIssueNotes(client, "acme/web", 14).toArray();
 * const comments = notes.filter((n) => !n.system).map((n) => `${n.author.username}: ${n.body}`);
 * console.log(comments);
 * ```
 */
export interface Note {
  /** The note's id. */
  id: number;
  /** `null` for a plain comment; known values are `DiscussionNote`, `DiffNote` and `LegacyDiffNote`. */
  type: string | null;
  /** The text (Markdown). */
  body: string;
  /** The attachment's identifier; GitLab now always sends `null` (uploads live in the body). */
  attachment: string | null;
  /** Who wrote it. */
  author: UserBasic;
  /** ISO 8601. */
  created_at: string;
  /** ISO 8601. */
  updated_at: string;
  /** Whether GitLab wrote it to record a change (label added, assignee changed…). */
  system: boolean;
  /** The global id of the object it is attached to (for a commit, `null`). */
  noteable_id: number | null;
  /** The kind of object it is attached to. */
  noteable_type: NoteableType;
  /** The project, or `null` for a note on a group-level object such as an epic. */
  project_id: number | null;
  /** The commit it refers to; only on a diff note of a merge request. */
  commit_id?: string | null;
  /** Where in the diff it was written; only on a diff note. */
  position?: NotePosition;
  /** Whether it starts a thread that can be resolved. */
  resolvable: boolean;
  /** Whether its thread is resolved; only when `resolvable`. */
  resolved?: boolean;
  /** Who resolved its thread; only when `resolvable`. */
  resolved_by?: UserBasic | null;
  /** ISO 8601; only when `resolvable`. */
  resolved_at?: string | null;
  /** Whether only project members with at least the Reporter role can see it (same as `internal`). */
  confidential: boolean;
  /** Whether it is an internal note. */
  internal: boolean;
  /** Whether it came from an import. */
  imported: boolean;
  /** Where it was imported from (`none`, `github`, `gitlab_migration`, …). */
  imported_from: string;
  /** The `iid` of the issue or merge request it is attached to; `null` for other objects. */
  noteable_iid: number | null;
  /** What the quick actions in the body changed (empty when there were none). */
  commands_changes: { [key: string]: JsonValue };
}

/**
 * A discussion: a thread of notes, or a single note outside any thread (`individual_note`).
 *
 * @example
 * ```ts
 * import { createClient, type Discussion, listProjectMergeRequestDiscussions } from "@gitlab-edge/client";
 * const client = createClient({
 *   baseUrl: "https://gitlab.example.com",
 *   fetch: () => Promise.resolve(Response.json([])),
 * });
 * const discussions: Discussion[] = await listProjectMergeRequestDiscussions(client, "acme/web", 21).toArray();
 * const open = discussions.filter((d) => d.notes.some((n) => n.resolvable && !n.resolved));
 * console.log(`${open.length} unresolved threads`);
 * ```
 */
export interface Discussion {
  /** The discussion's id (a 40-character hex string). */
  id: string;
  /** Whether it is a single note rather than a thread. */
  individual_note: boolean;
  /** Its notes, oldest first. */
  notes: Note[];
}
