/**
 * Events only system hooks (instance-wide, set up by an administrator) receive; every system hook
 * request has `X-Gitlab-Event: System Hook`. System hooks also receive push, tag push and merge
 * request events in the same shape as project hooks.
 *
 * @module
 */

import type { AccessLevelName, JsonValue, ProjectVisibility, WebhookProject } from "./events_common.ts";
import type { ProjectOwner } from "./events_group.ts";

/**
 * A project created, destroyed, renamed, transferred or updated (system hook).
 *
 * @example
 * ```ts
 * import type { SystemProjectEvent } from "@gitlab-edge/client/webhooks";
 * const moved = (e: SystemProjectEvent) => e.old_path_with_namespace !== undefined;
 * ```
 */
export interface SystemProjectEvent {
  /** Absent: this event has no `object_kind`; narrow on `event_name`. */
  object_kind?: undefined;
  /** The name of the event. */
  event_name: "project_create" | "project_destroy" | "project_rename" | "project_transfer" | "project_update";
  /** When it was created. */
  created_at: string;
  /** When it was last updated. */
  updated_at: string;
  /** The project's name. */
  name: string;
  /** The project's path. */
  path: string;
  /** The full path, such as `acme/web`. */
  path_with_namespace: string;
  /** The project's id. */
  project_id: number;
  /** The id of the project's own namespace. */
  project_namespace_id?: number;
  /** The owner's name. */
  owner_name?: string;
  /** The owner's email. */
  owner_email?: string;
  /** The owners. */
  owners: ProjectOwner[];
  /** The project's visibility. */
  project_visibility: ProjectVisibility;
  /** For `project_rename` and `project_transfer`. */
  old_path_with_namespace?: string;
}

/**
 * A project membership changed or an access request to a project made or revoked (system hook).
 *
 * @example
 * ```ts
 * import type { SystemProjectMemberEvent } from "@gitlab-edge/client/webhooks";
 * const line = (e: SystemProjectMemberEvent) => `${e.user_username}: ${e.access_level} in ${e.project_path_with_namespace}`;
 * ```
 */
export interface SystemProjectMemberEvent {
  /** Absent: this event has no `object_kind`; narrow on `event_name`. */
  object_kind?: undefined;
  /** The name of the event. */
  event_name:
    | "user_add_to_team"
    | "user_remove_from_team"
    | "user_update_for_team"
    | "user_access_request_to_project"
    | "user_access_request_revoked_for_project";
  /** When it was created. */
  created_at: string;
  /** When it was last updated. */
  updated_at: string;
  /** The member's role in the project. */
  access_level: AccessLevelName;
  /** The project's id. */
  project_id: number;
  /** The project's full name. */
  project_name: string;
  /** The project's path. */
  project_path: string;
  /** The project's full path. */
  project_path_with_namespace: string;
  /** The user's email. */
  user_email: string;
  /** The user's name. */
  user_name: string;
  /** The user's username. */
  user_username: string;
  /** The user's id. */
  user_id: number;
  /** The project's visibility. */
  project_visibility: ProjectVisibility;
}

/**
 * A group membership changed or an access request to a group made or revoked (system hook).
 *
 * @example
 * ```ts
 * import type { SystemGroupMemberEvent } from "@gitlab-edge/client/webhooks";
 * const line = (e: SystemGroupMemberEvent) => `${e.user_username}: ${e.group_access} in ${e.group_path}`;
 * ```
 */
export interface SystemGroupMemberEvent {
  /** Absent: this event has no `object_kind`; narrow on `event_name`. */
  object_kind?: undefined;
  /** The name of the event. */
  event_name:
    | "user_add_to_group"
    | "user_remove_from_group"
    | "user_update_for_group"
    | "user_access_request_to_group"
    | "user_access_request_revoked_for_group";
  /** When it was created. */
  created_at: string;
  /** When it was last updated. */
  updated_at: string;
  /** The member's role in the group. */
  group_access: AccessLevelName;
  /** The group's id. */
  group_id: number;
  /** The group's name. */
  group_name: string;
  /** The group's path. */
  group_path: string;
  /** The user's email. */
  user_email: string;
  /** The user's name. */
  user_name: string;
  /** The user's username. */
  user_username: string;
  /** The user's id. */
  user_id: number;
}

/**
 * A user created, destroyed or renamed, or a blocked user's sign-in refused (system hook).
 *
 * @example
 * ```ts
 * import type { SystemUserEvent } from "@gitlab-edge/client/webhooks";
 * const blocked = (e: SystemUserEvent) => e.event_name === "user_failed_login" ? e.state : null;
 * ```
 */
export interface SystemUserEvent {
  /** Absent: this event has no `object_kind`; narrow on `event_name`. */
  object_kind?: undefined;
  /** The name of the event. */
  event_name: "user_create" | "user_destroy" | "user_failed_login" | "user_rename";
  /** When it was created. */
  created_at: string;
  /** When it was last updated. */
  updated_at: string;
  /** The user's name. */
  name: string;
  /** The user's email. */
  email: string;
  /** The user's id. */
  user_id: number;
  /** The username. */
  username: string;
  /** For `user_failed_login`. */
  state?: "blocked" | "ldap_blocked";
  /** For `user_rename`. */
  old_username?: string;
}

/**
 * An SSH key added or removed (system hook).
 *
 * @example
 * ```ts
 * import type { SystemKeyEvent } from "@gitlab-edge/client/webhooks";
 * const type = (e: SystemKeyEvent) => e.key.split(" ")[0];
 * ```
 */
export interface SystemKeyEvent {
  /** Absent: this event has no `object_kind`; narrow on `event_name`. */
  object_kind?: undefined;
  /** The name of the event. */
  event_name: "key_create" | "key_destroy";
  /** When it was created. */
  created_at: string;
  /** When it was last updated. */
  updated_at: string;
  /** The key owner's username. */
  username: string;
  /** The public key. */
  key: string;
  /** The key's id. */
  id: number;
}

/**
 * A group created, destroyed or renamed (system hook).
 *
 * @example
 * ```ts
 * import type { SystemGroupEvent } from "@gitlab-edge/client/webhooks";
 * const path = (e: SystemGroupEvent) => e.full_path ?? e.path;
 * ```
 */
export interface SystemGroupEvent {
  /** Absent: this event has no `object_kind`; narrow on `event_name`. */
  object_kind?: undefined;
  /** The name of the event. */
  event_name: "group_create" | "group_destroy" | "group_rename";
  /** When it was created. */
  created_at: string;
  /** When it was last updated. */
  updated_at: string;
  /** The group's name. */
  name: string;
  /** The group's path. */
  path: string;
  /** The group's id. */
  group_id: number;
  /** The full path, with parent groups. */
  full_path?: string;
  /** The owner's name. */
  owner_name?: string | null;
  /** The owner's email. */
  owner_email?: string | null;
  /** For `group_rename`. */
  old_path?: string;
  /** For `group_rename`. */
  old_full_path?: string;
}

/**
 * A push to a repository, once per push whatever the number of refs (system hook).
 *
 * @example
 * ```ts
 * import type { RepositoryUpdateEvent } from "@gitlab-edge/client/webhooks";
 * const refs = (e: RepositoryUpdateEvent) => e.changes.map((c) => c.ref);
 * ```
 */
export interface RepositoryUpdateEvent {
  /** Absent: this event has no `object_kind`; narrow on `event_name`. */
  object_kind?: undefined;
  /** The name of the event. */
  event_name: "repository_update";
  /** The user's id. */
  user_id: number;
  /** The user's name. */
  user_name: string;
  /** The user's email. */
  user_email: string;
  /** The pushing user's avatar URL. */
  user_avatar: string | null;
  /** The project's id. */
  project_id: number;
  /** The project. */
  project: WebhookProject;
  /** The refs the push changed, with their old and new commits. */
  changes: { before: string; after: string; ref: string }[];
  /** The refs the push changed. */
  refs: string[];
}

/**
 * A member queued for, or approved or denied, a billable role promotion (system hook; only when
 * administrator approval of role promotions is on).
 *
 * @example
 * ```ts
 * import type { MemberApprovalEvent } from "@gitlab-edge/client/webhooks";
 * const approved = (e: MemberApprovalEvent) => e.action === "approve";
 * ```
 */
export interface MemberApprovalEvent {
  /** The kind of event. */
  object_kind: "gitlab_subscription_member_approval" | "gitlab_subscription_member_approvals";
  /** What happened. */
  action: "enqueue" | "approve" | "deny";
  /** The promotion's details. */
  object_attributes: { [key: string]: JsonValue };
  /** The id of the user promoted. */
  user_id: number;
  /** The id of the user who asked for the promotion. */
  requested_by_user_id?: number;
  /** The id of the administrator who reviewed the promotion. */
  reviewed_by_user_id?: number;
  /** The namespace of the promotion. */
  promotion_namespace_id?: number;
  /** When it was created. */
  created_at?: string;
  /** When it was last updated. */
  updated_at: string;
}
