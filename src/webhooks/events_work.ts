/**
 * Planning and review events: issues and other work items, merge requests, comments, emoji
 * reactions, milestones and wiki pages.
 *
 * @module
 */

import type {
  WebhookChange,
  WebhookChanges,
  WebhookCommit,
  WebhookLabel,
  WebhookProject,
  WebhookRepository,
  WebhookUser,
} from "./events_common.ts";

// ---------------------------------------------------------------------------------------------------
// Issues and work items
// ---------------------------------------------------------------------------------------------------

/**
 * What happened to an issue or work item (`object_attributes.action`).
 *
 * @example
 * ```ts
 * import type { IssueAction } from "@gitlab-edge/client/webhooks";
 * const isNew = (action: IssueAction | undefined) => action === "open";
 * ```
 */
export type IssueAction = "open" | "close" | "reopen" | "update";

/**
 * An issue's state.
 *
 * @example
 * ```ts
 * import type { IssueState } from "@gitlab-edge/client/webhooks";
 * const done = (state: IssueState) => state === "closed";
 * ```
 */
export type IssueState = "opened" | "closed";

/**
 * A work item's type (`object_attributes.type`; GitLab 17.2 and later).
 *
 * @example
 * ```ts
 * import type { WorkItemType } from "@gitlab-edge/client/webhooks";
 * const planning = (type: WorkItemType) => type === "Epic" || type === "Objective";
 * ```
 */
export type WorkItemType =
  | "Issue"
  | "Incident"
  | "Test Case"
  | "Requirement"
  | "Task"
  | "Objective"
  | "Key Result"
  | "Epic"
  | "Ticket";

/**
 * An issue or work item as GitLab describes it in hooks: `object_attributes` of an issue event, and the
 * `issue` object of a comment or emoji event.
 *
 * @example
 * ```ts
 * import type { IssueAttributes } from "@gitlab-edge/client/webhooks";
 * const overdue = (issue: IssueAttributes, today: string) => issue.due_date !== null && issue.due_date < today;
 * ```
 */
export interface IssueAttributes {
  /** The id. */
  id: number;
  /** The id within the project or group. */
  iid: number;
  /** The title. */
  title: string;
  /** The description. */
  description: string | null;
  /** The state. */
  state: IssueState;
  /** The state as a number. */
  state_id?: number;
  /** The id of the author. */
  author_id: number;
  /** The project's id (`null` for a group-level work item). */
  project_id: number | null;
  /** The ids of the assignees. */
  assignee_ids: number[];
  /** Deprecated: the first assignee only. */
  assignee_id: number | null;
  /** The id of the milestone. */
  milestone_id: number | null;
  /** When it was created. */
  created_at: string;
  /** When it was last updated. */
  updated_at: string;
  /** The id of the user who last updated it. */
  updated_by_id?: number | null;
  /** When the description was last edited. */
  last_edited_at?: string | null;
  /** The id of the user who last edited the description. */
  last_edited_by_id?: number | null;
  /** When it was closed. */
  closed_at?: string | null;
  /** The position in manually ordered lists. */
  relative_position?: number | null;
  /** Whether it is confidential. */
  confidential?: boolean;
  /** Whether comments are locked to project members. */
  discussion_locked?: boolean | null;
  /** The due date (`YYYY-MM-DD`). */
  due_date: string | null;
  /** The issue this one was moved to. */
  moved_to_id?: number | null;
  /** The issue this one was marked a duplicate of. */
  duplicated_to_id?: number | null;
  /** The time estimate, in seconds. */
  time_estimate?: number;
  /** The time spent, in seconds. */
  total_time_spent?: number;
  /** Seconds of time spent added by this change. */
  time_change?: number;
  /** `total_time_spent`, human-readable. */
  human_total_time_spent?: string | null;
  /** `time_estimate`, human-readable. */
  human_time_estimate?: string | null;
  /** `time_change`, human-readable. */
  human_time_change?: string | null;
  /** The weight. */
  weight?: number | null;
  /** The health status. */
  health_status?: "on_track" | "needs_attention" | "at_risk" | null;
  /** The work item type (GitLab 17.2 and later). */
  type?: WorkItemType;
  /** The web page. */
  url?: string;
  /** The severity. */
  severity?: "unknown" | "low" | "medium" | "high" | "critical";
  /** Only for types that support escalations, such as incidents. */
  escalation_status?: "triggered" | "acknowledged" | "resolved" | "ignored";
  /** The escalation policy paging for it. */
  escalation_policy?: { id: number; name: string } | null;
  /** The labels. */
  labels: WebhookLabel[];
}

/**
 * `object_attributes` of an issue or work item event: the issue plus the `action` that happened.
 *
 * @example
 * ```ts
 * import type { IssueEventAttributes } from "@gitlab-edge/client/webhooks";
 * const headline = (a: IssueEventAttributes) => `${a.action ?? "update"} #${a.iid}: ${a.title}`;
 * ```
 */
export interface IssueEventAttributes extends IssueAttributes {
  /** What happened. */
  action?: IssueAction;
}

/**
 * The `changes` map of an issue or work item event.
 *
 * @example
 * ```ts
 * import type { IssueChanges } from "@gitlab-edge/client/webhooks";
 * const relabelled = (changes: IssueChanges) => changes.labels !== undefined;
 * ```
 */
export type IssueChanges =
  & WebhookChanges<Omit<IssueAttributes, "labels">>
  & {
    labels?: WebhookChange<WebhookLabel[]>;
    assignees?: WebhookChange<WebhookUser[]>;
  };

/**
 * An issue created, updated, closed or reopened (`Issue Hook`, or `Confidential Issue Hook` with
 * `event_type: "confidential_issue"`). Service Desk issues come as issues too.
 *
 * @example
 * ```ts
 * import type { IssueEvent } from "@gitlab-edge/client/webhooks";
 * const closedBy = (e: IssueEvent) => e.object_attributes.action === "close" ? e.user.username : null;
 * ```
 */
export interface IssueEvent {
  /** The kind of event. */
  object_kind: "issue";
  /** The kind of event, with a `confidential_` prefix for confidential objects. */
  event_type: "issue" | "confidential_issue";
  /** The user who caused the event. */
  user: WebhookUser;
  /** The project. */
  project: WebhookProject;
  /** Deprecated: the repository (see `project`). */
  repository: WebhookRepository;
  /** The object the event is about. */
  object_attributes: IssueEventAttributes;
  /** The assignees. */
  assignees?: WebhookUser[];
  /** Deprecated: the first assignee only. */
  assignee?: WebhookUser;
  /** The labels. */
  labels: WebhookLabel[];
  /** What the update changed. */
  changes: IssueChanges;
}

/**
 * A work item other than an issue (task, epic, incident, objective, …) created, updated, closed or
 * reopened; delivered under `Issue Hook` (or `Confidential Issue Hook`). Epics reach group hooks only,
 * and may come without a `project`.
 *
 * @example
 * ```ts
 * import type { WorkItemEvent } from "@gitlab-edge/client/webhooks";
 * const kind = (e: WorkItemEvent) => e.object_attributes.type ?? "work item";
 * ```
 */
export interface WorkItemEvent {
  /** The kind of event. */
  object_kind: "work_item";
  /** The kind of event, with a `confidential_` prefix for confidential objects. */
  event_type: "work_item" | "confidential_work_item";
  /** The user who caused the event. */
  user: WebhookUser;
  /** The project. */
  project?: WebhookProject;
  /** Deprecated: the repository (see `project`). */
  repository?: WebhookRepository;
  /** The object the event is about. */
  object_attributes: IssueEventAttributes;
  /** The assignees. */
  assignees?: WebhookUser[];
  /** Deprecated: the first assignee only. */
  assignee?: WebhookUser;
  /** The labels. */
  labels: WebhookLabel[];
  /** What the update changed. */
  changes: IssueChanges;
}

// ---------------------------------------------------------------------------------------------------
// Merge requests
// ---------------------------------------------------------------------------------------------------

/**
 * What happened to a merge request (`object_attributes.action`). `approved`/`unapproved` mean all
 * required approvals were given or withdrawn; `approval`/`unapproval` are one user's.
 *
 * @example
 * ```ts
 * import type { MergeRequestAction } from "@gitlab-edge/client/webhooks";
 * const mergedNow = (action: MergeRequestAction | undefined) => action === "merge";
 * ```
 */
export type MergeRequestAction =
  | "open"
  | "close"
  | "reopen"
  | "update"
  | "approved"
  | "unapproved"
  | "approval"
  | "unapproval"
  | "merge";

/**
 * A merge request's state.
 *
 * @example
 * ```ts
 * import type { MergeRequestState } from "@gitlab-edge/client/webhooks";
 * const finished = (state: MergeRequestState) => state === "merged" || state === "closed";
 * ```
 */
export type MergeRequestState = "opened" | "closed" | "locked" | "merged";

/**
 * A merge request as hooks describe it: `object_attributes` of a merge request event (without
 * `action`), and the `merge_request` object of a comment or emoji event.
 *
 * @example
 * ```ts
 * import type { MergeRequestAttributes } from "@gitlab-edge/client/webhooks";
 * const route = (mr: MergeRequestAttributes) => `${mr.source_branch} → ${mr.target_branch}`;
 * ```
 */
export interface MergeRequestAttributes {
  /** The id. */
  id: number;
  /** The id within the project or group. */
  iid: number;
  /** The title. */
  title: string;
  /** The description. */
  description: string | null;
  /** The state. */
  state: MergeRequestState;
  /** The state as a number. */
  state_id?: number;
  /** The source branch. */
  source_branch: string;
  /** The target branch. */
  target_branch: string;
  /** The source project's id. */
  source_project_id: number;
  /** The target project's id. */
  target_project_id: number;
  /** The id of the author. */
  author_id: number;
  /** The ids of the assignees. */
  assignee_ids?: number[];
  /** Deprecated: the first assignee only. */
  assignee_id: number | null;
  /** The ids of the reviewers. */
  reviewer_ids?: number[];
  /** The id of the milestone. */
  milestone_id: number | null;
  /** When it was created. */
  created_at: string;
  /** When it was last updated. */
  updated_at: string;
  /** The id of the user who last updated it. */
  updated_by_id?: number | null;
  /** When the description was last edited. */
  last_edited_at?: string | null;
  /** The id of the user who last edited the description. */
  last_edited_by_id?: number | null;
  /** The merge commit, once merged. */
  merge_commit_sha?: string | null;
  /** Why the last merge attempt failed. */
  merge_error?: string | null;
  /** The id of the user who merged or set it to merge. */
  merge_user_id?: number | null;
  /** Whether it merges automatically when the pipeline succeeds. */
  merge_when_pipeline_succeeds?: boolean;
  /** The id of the latest pipeline on the source branch. */
  head_pipeline_id?: number | null;
  /** Whether every thread that blocks merging is resolved. */
  blocking_discussions_resolved?: boolean;
  /** Deprecated alias of `draft`. */
  work_in_progress: boolean;
  /** Whether it is a draft. */
  draft?: boolean;
  /** Whether this is the author's first contribution to the project. */
  first_contribution?: boolean;
  /** Deprecated in favour of `detailed_merge_status`. */
  merge_status: string;
  /** Whether and why the merge request can or cannot be merged. */
  detailed_merge_status?: string;
  /** When GitLab finished preparing the merge request (diffs, pipelines). */
  prepared_at?: string | null;
  /** The time estimate, in seconds. */
  time_estimate?: number;
  /** The time spent, in seconds. */
  total_time_spent?: number;
  /** Seconds of time spent added by this change. */
  time_change?: number;
  /** `total_time_spent`, human-readable. */
  human_total_time_spent?: string | null;
  /** `time_change`, human-readable. */
  human_time_change?: string | null;
  /** `time_estimate`, human-readable. */
  human_time_estimate?: string | null;
  /** The web page. */
  url?: string;
  /** The source project. */
  source: WebhookProject;
  /** The target project. */
  target: WebhookProject;
  /** The head commit of the source branch. */
  last_commit: WebhookCommit;
  /** The labels. */
  labels?: WebhookLabel[];
  /** Deprecated: the first assignee only. */
  assignee?: WebhookUser;
}

/**
 * `object_attributes` of a merge request event: the merge request, the `action`, and `oldrev` (the
 * previous head) when new code was pushed.
 *
 * @example
 * ```ts
 * import type { MergeRequestEventAttributes } from "@gitlab-edge/client/webhooks";
 * const newCode = (a: MergeRequestEventAttributes) => a.action === "update" && a.oldrev !== undefined;
 * ```
 */
export interface MergeRequestEventAttributes extends MergeRequestAttributes {
  /** What happened. */
  action?: MergeRequestAction;
  /** The previous head of the source branch, when new code was pushed. */
  oldrev?: string;
}

/**
 * The `changes` map of a merge request event.
 *
 * @example
 * ```ts
 * import type { MergeRequestChanges } from "@gitlab-edge/client/webhooks";
 * const undrafted = (c: MergeRequestChanges) => c.draft?.previous === true && c.draft.current === false;
 * ```
 */
export type MergeRequestChanges =
  & WebhookChanges<Omit<MergeRequestAttributes, "labels" | "source" | "target" | "last_commit" | "assignee">>
  & {
    labels?: WebhookChange<WebhookLabel[]>;
    assignees?: WebhookChange<WebhookUser[]>;
    reviewers?: WebhookChange<WebhookUser[]>;
  };

/**
 * A merge request created, updated, approved, merged, closed or reopened, or a commit pushed to its
 * source branch (`Merge Request Hook`; also delivered to system hooks). `changes` may be empty.
 *
 * @example
 * ```ts
 * import type { MergeRequestEvent } from "@gitlab-edge/client/webhooks";
 * const link = (e: MergeRequestEvent) => `${e.project.path_with_namespace}!${e.object_attributes.iid}`;
 * ```
 */
export interface MergeRequestEvent {
  /** The kind of event. */
  object_kind: "merge_request";
  /** The kind of event, with a `confidential_` prefix for confidential objects. */
  event_type: "merge_request";
  /** The user who caused the event. */
  user: WebhookUser;
  /** The project. */
  project: WebhookProject;
  /** Deprecated: the repository (see `project`). */
  repository: WebhookRepository;
  /** The object the event is about. */
  object_attributes: MergeRequestEventAttributes;
  /** The labels. */
  labels: WebhookLabel[];
  /** What the update changed. */
  changes: MergeRequestChanges;
  /** The assignees. */
  assignees?: WebhookUser[];
  /** The reviewers. */
  reviewers?: WebhookUser[];
}

// ---------------------------------------------------------------------------------------------------
// Comments (notes)
// ---------------------------------------------------------------------------------------------------

/**
 * What a comment is attached to (`object_attributes.noteable_type`).
 *
 * @example
 * ```ts
 * import type { NoteableType } from "@gitlab-edge/client/webhooks";
 * const onCode = (type: NoteableType) => type === "Commit" || type === "MergeRequest";
 * ```
 */
export type NoteableType = "Commit" | "MergeRequest" | "Issue" | "Snippet";

/**
 * The diff a comment on a commit line refers to (`st_diff`).
 *
 * @example
 * ```ts
 * import type { NoteDiff } from "@gitlab-edge/client/webhooks";
 * const file = (diff: NoteDiff | null) => diff?.new_path ?? null;
 * ```
 */
export interface NoteDiff {
  /** The diff text. */
  diff: string;
  /** The path after the change. */
  new_path: string;
  /** The path before the change. */
  old_path: string;
  /** The file mode before the change. */
  a_mode: string;
  /** The file mode after the change. */
  b_mode: string;
  /** Whether the file is new. */
  new_file: boolean;
  /** Whether the file was renamed. */
  renamed_file: boolean;
  /** Whether the file was deleted. */
  deleted_file: boolean;
}

/**
 * A comment as hooks describe it: the `note` object of an emoji event, and (with `action`) the
 * `object_attributes` of a comment event.
 *
 * @example
 * ```ts
 * import type { NoteAttributes } from "@gitlab-edge/client/webhooks";
 * const human = (note: NoteAttributes) => !note.system;
 * ```
 */
export interface NoteAttributes {
  /** The id. */
  id: number;
  /** The comment's text (or the comment). */
  note: string;
  /** What the comment is on. */
  noteable_type: NoteableType;
  /** The id of what the comment is on (`null` for a commit). */
  noteable_id: number | null;
  /** The id of the author. */
  author_id: number;
  /** The project's id. */
  project_id: number | null;
  /** When it was created. */
  created_at: string;
  /** When it was last updated. */
  updated_at: string;
  /** The id of the user who last updated it. */
  updated_by_id?: number | null;
  /** An attached file, if any (legacy). */
  attachment: string | null;
  /** The diff line the comment is on. */
  line_code: string | null;
  /** The commit of a commit comment; `""` or `null` for other targets. */
  commit_id: string | null;
  /** Whether GitLab made the comment (not a user). */
  system: boolean;
  /** The diff the comment is on, for a comment on a commit line. */
  st_diff: NoteDiff | null;
  /** The thread the comment belongs to. */
  discussion_id?: string;
  /** The comment's type, such as `DiffNote` (`null` for a plain comment). */
  type?: string | null;
  /** The diff position of the comment. */
  position?: NotePosition | null;
  /** The diff position when the comment was made. */
  original_position?: NotePosition | null;
  /** The diff position after a change, for outdated comments. */
  change_position?: NotePosition | null;
  /** When it was resolved. */
  resolved_at?: string | null;
  /** The id of the user who resolved it. */
  resolved_by_id?: number | null;
  /** Whether a push resolved it. */
  resolved_by_push?: boolean | null;
  /** Whether it is confidential. */
  confidential?: boolean;
  /** Whether it is an internal note. */
  internal?: boolean;
  /** The description. */
  description?: string;
  /** The web page. */
  url: string;
}

/**
 * A diff position of a comment on a merge request line (`position`, `original_position`).
 *
 * @example
 * ```ts
 * import type { NotePosition } from "@gitlab-edge/client/webhooks";
 * const where = (p: NotePosition) => `${p.new_path ?? p.old_path}:${p.new_line ?? p.old_line}`;
 * ```
 */
export interface NotePosition {
  /** The merge base commit. */
  base_sha?: string | null;
  /** The start commit of the diff. */
  start_sha?: string | null;
  /** The head commit of the diff. */
  head_sha?: string | null;
  /** The path before the change. */
  old_path?: string | null;
  /** The path after the change. */
  new_path?: string | null;
  /** What kind of diff position it is. */
  position_type?: "text" | "image" | "file";
  /** The line in the old file. */
  old_line?: number | null;
  /** The line in the new file. */
  new_line?: number | null;
}

/**
 * `object_attributes` of a comment event: the comment and whether it was created or edited.
 *
 * @example
 * ```ts
 * import type { NoteEventAttributes } from "@gitlab-edge/client/webhooks";
 * const edited = (a: NoteEventAttributes) => a.action === "update";
 * ```
 */
export interface NoteEventAttributes extends NoteAttributes {
  /** GitLab 16.11 and later. */
  action?: "create" | "update";
}

/**
 * A snippet as comment and emoji events describe it.
 *
 * @example
 * ```ts
 * import type { SnippetAttributes } from "@gitlab-edge/client/webhooks";
 * const personal = (s: SnippetAttributes) => s.type === "PersonalSnippet";
 * ```
 */
export interface SnippetAttributes {
  /** The id. */
  id: number;
  /** The title. */
  title: string;
  /** The description. */
  description: string | null;
  /** The content. */
  content: string;
  /** The id of the author. */
  author_id: number;
  /** The project's id. */
  project_id: number | null;
  /** When it was created. */
  created_at: string;
  /** When it was last updated. */
  updated_at: string;
  /** The file name. */
  file_name: string;
  /** Whether it belongs to a project or a user. */
  type: "ProjectSnippet" | "PersonalSnippet";
  /** The visibility: 0 private, 10 internal, 20 public. */
  visibility_level: number;
  /** The web page. */
  url: string;
}

/**
 * The fields every comment event has, whatever it comments on.
 *
 * @example
 * ```ts
 * import type { NoteEventBase } from "@gitlab-edge/client/webhooks";
 * const author = (e: NoteEventBase) => e.user.username;
 * ```
 */
export interface NoteEventBase {
  /** The kind of event. */
  object_kind: "note";
  /** `confidential_note` for a comment on a confidential issue or an internal note. */
  event_type: "note" | "confidential_note";
  /** The user who caused the event. */
  user: WebhookUser;
  /** The project's id. */
  project_id: number;
  /** The project. */
  project: WebhookProject;
  /** Deprecated: the repository (see `project`). */
  repository: WebhookRepository;
  /** The object the event is about. */
  object_attributes: NoteEventAttributes;
}

/**
 * A comment on a commit (`Note Hook`).
 *
 * @example
 * ```ts
 * import type { CommitNoteEvent } from "@gitlab-edge/client/webhooks";
 * const sha = (e: CommitNoteEvent) => e.commit.id;
 * ```
 */
export interface CommitNoteEvent extends NoteEventBase {
  /** The object the event is about. */
  object_attributes: NoteEventAttributes & { noteable_type: "Commit" };
  /** The commit. */
  commit: WebhookCommit;
}

/**
 * A comment on a merge request (`Note Hook`).
 *
 * @example
 * ```ts
 * import type { MergeRequestNoteEvent } from "@gitlab-edge/client/webhooks";
 * const iid = (e: MergeRequestNoteEvent) => e.merge_request.iid;
 * ```
 */
export interface MergeRequestNoteEvent extends NoteEventBase {
  /** The object the event is about. */
  object_attributes: NoteEventAttributes & { noteable_type: "MergeRequest" };
  /** The merge request. */
  merge_request: MergeRequestAttributes;
}

/**
 * A comment on an issue (`Note Hook`, or `Confidential Note Hook` on a confidential issue).
 *
 * @example
 * ```ts
 * import type { IssueNoteEvent } from "@gitlab-edge/client/webhooks";
 * const iid = (e: IssueNoteEvent) => e.issue.iid;
 * ```
 */
export interface IssueNoteEvent extends NoteEventBase {
  /** The object the event is about. */
  object_attributes: NoteEventAttributes & { noteable_type: "Issue" };
  /** The issue. */
  issue: IssueAttributes;
}

/**
 * A comment on a snippet (`Note Hook`).
 *
 * @example
 * ```ts
 * import type { SnippetNoteEvent } from "@gitlab-edge/client/webhooks";
 * const title = (e: SnippetNoteEvent) => e.snippet.title;
 * ```
 */
export interface SnippetNoteEvent extends NoteEventBase {
  /** The object the event is about. */
  object_attributes: NoteEventAttributes & { noteable_type: "Snippet" };
  /** The snippet. */
  snippet: SnippetAttributes;
}

/**
 * A comment created or edited on a commit, merge request, issue or snippet; narrow it on
 * `object_attributes.noteable_type` or with `"issue" in event`.
 *
 * @example
 * ```ts
 * import type { NoteEvent } from "@gitlab-edge/client/webhooks";
 * function target(e: NoteEvent): string {
 *   if ("merge_request" in e) return `!${e.merge_request.iid}`;
 *   if ("issue" in e) return `#${e.issue.iid}`;
 *   if ("commit" in e) return e.commit.id.slice(0, 8);
 *   return `$${e.snippet.id}`;
 * }
 * ```
 */
export type NoteEvent = CommitNoteEvent | MergeRequestNoteEvent | IssueNoteEvent | SnippetNoteEvent;

// ---------------------------------------------------------------------------------------------------
// Emoji reactions
// ---------------------------------------------------------------------------------------------------

/**
 * `object_attributes` of an emoji event: the reaction itself.
 *
 * @example
 * ```ts
 * import type { EmojiAttributes } from "@gitlab-edge/client/webhooks";
 * const thumbsUp = (a: EmojiAttributes) => a.name === "thumbsup" && a.action === "award";
 * ```
 */
export interface EmojiAttributes {
  /** The id. */
  id: number;
  /** The emoji's name, such as `thumbsup`. */
  name: string;
  /** The id of the user who reacted. */
  user_id: number;
  /** The type of the object reacted on. */
  awardable_type: "Issue" | "MergeRequest" | "Note" | "Snippet";
  /** The id of the object reacted on. */
  awardable_id: number;
  /** When it was created. */
  created_at: string;
  /** When it was last updated. */
  updated_at: string;
  /** What happened. */
  action: "award" | "revoke";
  /** The page of the object reacted on. */
  awarded_on_url: string;
}

/**
 * An emoji reaction added (`award`) or removed (`revoke`) on an issue, merge request, project snippet
 * or a comment on one of these or on a commit (`Emoji Hook`). The reacted-on object comes under
 * `issue`, `merge_request`, `project_snippet` or `commit`; for a comment also under `note`.
 *
 * @example
 * ```ts
 * import type { EmojiEvent } from "@gitlab-edge/client/webhooks";
 * const summary = (e: EmojiEvent) => `${e.user.username} ${e.event_type} :${e.object_attributes.name}:`;
 * ```
 */
export interface EmojiEvent {
  /** The kind of event. */
  object_kind: "emoji";
  /** `award` when added, `revoke` when removed. */
  event_type: "award" | "revoke";
  /** The user who caused the event. */
  user: WebhookUser;
  /** The project's id. */
  project_id: number;
  /** The project. */
  project: WebhookProject;
  /** The object the event is about. */
  object_attributes: EmojiAttributes;
  /** The comment reacted on, if the reaction is on a comment. */
  note?: NoteAttributes;
  /** The issue reacted on (or commented on). */
  issue?: IssueAttributes;
  /** The merge request reacted on (or commented on). */
  merge_request?: MergeRequestAttributes;
  /** The project snippet reacted on. */
  project_snippet?: SnippetAttributes;
  /** The commit commented on. */
  commit?: WebhookCommit;
}

// ---------------------------------------------------------------------------------------------------
// Milestones
// ---------------------------------------------------------------------------------------------------

/**
 * `object_attributes` of a milestone event.
 *
 * @example
 * ```ts
 * import type { MilestoneAttributes } from "@gitlab-edge/client/webhooks";
 * const isGroupMilestone = (m: MilestoneAttributes) => m.group_id !== null;
 * ```
 */
export interface MilestoneAttributes {
  /** The id. */
  id: number;
  /** The id within the project or group. */
  iid: number;
  /** The title. */
  title: string;
  /** The description. */
  description: string | null;
  /** The state. */
  state: "active" | "closed";
  /** When it was created. */
  created_at: string;
  /** When it was last updated. */
  updated_at: string;
  /** The due date (`YYYY-MM-DD`). */
  due_date: string | null;
  /** The start date (`YYYY-MM-DD`). */
  start_date: string | null;
  /** The group's id. */
  group_id: number | null;
  /** The project's id. */
  project_id: number | null;
}

/**
 * A milestone created, closed, reopened or deleted (`Milestone Hook`; GitLab 18.2 and later). Unlike
 * most events, `action` is at the top level; `project` is `null` for a group milestone.
 *
 * @example
 * ```ts
 * import type { MilestoneEvent } from "@gitlab-edge/client/webhooks";
 * const closed = (e: MilestoneEvent) => e.action === "close";
 * ```
 */
export interface MilestoneEvent {
  /** The kind of event. */
  object_kind: "milestone";
  /** The kind of event, with a `confidential_` prefix for confidential objects. */
  event_type: "milestone";
  /** The project (`null` for a group milestone). */
  project: WebhookProject | null;
  /** The object the event is about. */
  object_attributes: MilestoneAttributes;
  /** What happened. */
  action: "create" | "close" | "reopen" | "delete";
}

// ---------------------------------------------------------------------------------------------------
// Wiki pages
// ---------------------------------------------------------------------------------------------------

/**
 * The wiki repository of a wiki page event.
 *
 * @example
 * ```ts
 * import type { WebhookWiki } from "@gitlab-edge/client/webhooks";
 * const clone = (wiki: WebhookWiki) => wiki.git_http_url;
 * ```
 */
export interface WebhookWiki {
  /** The web page. */
  web_url: string;
  /** The SSH clone URL. */
  git_ssh_url: string;
  /** The HTTP(S) clone URL. */
  git_http_url: string;
  /** The full path, such as `acme/web`. */
  path_with_namespace: string;
  /** The default branch. */
  default_branch: string;
}

/**
 * `object_attributes` of a wiki page event.
 *
 * @example
 * ```ts
 * import type { WikiPageAttributes } from "@gitlab-edge/client/webhooks";
 * const isHome = (page: WikiPageAttributes) => page.slug === "home";
 * ```
 */
export interface WikiPageAttributes {
  /** The title. */
  title: string;
  /** The content. */
  content: string;
  /** The markup format. */
  format: "markdown" | "rdoc" | "asciidoc" | "org";
  /** The commit message of the change. */
  message: string;
  /** The page's URL-safe name. */
  slug: string;
  /** The web page. */
  url: string;
  /** What happened. */
  action: "create" | "update" | "delete";
  /** The page showing this version's diff. */
  diff_url: string;
  /** The commit of this version of the page. */
  version_id: string;
}

/**
 * A wiki page created, updated or deleted (`Wiki Page Hook`).
 *
 * @example
 * ```ts
 * import type { WikiPageEvent } from "@gitlab-edge/client/webhooks";
 * const line = (e: WikiPageEvent) => `${e.object_attributes.action} ${e.object_attributes.title}`;
 * ```
 */
export interface WikiPageEvent {
  /** The kind of event. */
  object_kind: "wiki_page";
  /** The user who caused the event. */
  user: WebhookUser;
  /** The project. */
  project: WebhookProject;
  /** The wiki. */
  wiki: WebhookWiki;
  /** The object the event is about. */
  object_attributes: WikiPageAttributes;
}
