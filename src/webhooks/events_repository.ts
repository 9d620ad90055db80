/**
 * Repository events: pushes to branches and tag pushes (`Push Hook`, `Tag Push Hook`).
 *
 * @module
 */

import type { PushCommit, WebhookProject, WebhookRepository } from "./events_common.ts";

/**
 * The fields a branch push and a tag push share.
 *
 * @example
 * ```ts
 * import type { PushEventBase } from "@gitlab-edge/client/webhooks";
 * const created = (e: PushEventBase) => /^0+$/.test(e.before);
 * const deleted = (e: PushEventBase) => /^0+$/.test(e.after);
 * ```
 */
export interface PushEventBase {
  /** The commit the ref pointed to before the push (all zeros when the ref was created). */
  before: string;
  /** The commit the ref points to after the push (all zeros when the ref was deleted). */
  after: string;
  /** The full ref name, such as `refs/heads/main` or `refs/tags/v1.0.0`. */
  ref: string;
  /** Whether the ref is protected (GitLab 16.5 and later). */
  ref_protected?: boolean;
  /** The commit checked out at the ref after the push; `null` when the ref was deleted. */
  checkout_sha: string | null;
  /** The message of an annotated tag. */
  message?: string | null;
  /** The user's id. */
  user_id: number;
  /** The user's name. */
  user_name: string;
  /** The user's username. */
  user_username?: string;
  /** The user's email. */
  user_email?: string;
  /** The pushing user's avatar URL. */
  user_avatar: string | null;
  /** The project's id. */
  project_id: number;
  /** The project. */
  project: WebhookProject;
  /** Deprecated: the repository (see `project`). */
  repository: WebhookRepository;
  /** The newest 20 commits at most; `total_commits_count` has the real number. */
  commits: PushCommit[];
  /** How many commits the push has in all. */
  total_commits_count: number;
  /** Push options (`git push -o`) sent with the push. */
  push_options?: Record<string, string>;
}

/**
 * A push to a branch (`X-Gitlab-Event: Push Hook`; also delivered to system hooks).
 *
 * @example
 * ```ts
 * import type { PushEvent } from "@gitlab-edge/client/webhooks";
 * const branch = (event: PushEvent) => event.ref.replace(/^refs\/heads\//, "");
 * ```
 */
export interface PushEvent extends PushEventBase {
  /** The kind of event. */
  object_kind: "push";
  /** The name of the event. */
  event_name: "push";
}

/**
 * A tag created or deleted (`X-Gitlab-Event: Tag Push Hook`; also delivered to system hooks).
 *
 * @example
 * ```ts
 * import type { TagPushEvent } from "@gitlab-edge/client/webhooks";
 * const tag = (event: TagPushEvent) => event.ref.replace(/^refs\/tags\//, "");
 * ```
 */
export interface TagPushEvent extends PushEventBase {
  /** The kind of event. */
  object_kind: "tag_push";
  /** The name of the event. */
  event_name: "tag_push";
}
