/**
 * Group-hook-only events (group members, subgroups, projects in a group) and the access-token and
 * vulnerability events. The group-only events carry `event_name` and no `object_kind`.
 *
 * @module
 */

import type { AccessLevelName, JsonValue, ProjectVisibility, WebhookProject } from "./events_common.ts";

/**
 * The `event_name` of a group member event.
 *
 * @example
 * ```ts
 * import type { MemberEventName } from "@gitlab-edge/client/webhooks";
 * const joined = (name: MemberEventName) => name === "user_add_to_group";
 * ```
 */
export type MemberEventName =
  | "user_add_to_group"
  | "user_update_for_group"
  | "user_remove_from_group"
  | "user_access_request_to_group"
  | "user_access_request_denied_for_group";

/**
 * A user added to or removed from a group, a member's role or expiry changed, an access request made
 * or denied (`Member Hook`; group hooks only).
 *
 * @example
 * ```ts
 * import type { MemberEvent } from "@gitlab-edge/client/webhooks";
 * const line = (e: MemberEvent) => `${e.user_username} is ${e.group_access} in ${e.group_path}`;
 * ```
 */
export interface MemberEvent {
  /** Absent: this event has no `object_kind`; narrow on `event_name`. */
  object_kind?: undefined;
  /** The name of the event. */
  event_name: MemberEventName;
  /** When it was created. */
  created_at: string;
  /** When it was last updated. */
  updated_at: string;
  /** The group's name. */
  group_name: string;
  /** The group's path. */
  group_path: string;
  /** The group's id. */
  group_id: number;
  /** The user's username. */
  user_username: string;
  /** The user's name. */
  user_name: string;
  /** The user's email. */
  user_email: string;
  /** The user's id. */
  user_id: number;
  /** The member's role in the group. */
  group_access: AccessLevelName;
  /** The group's subscription plan, if any. */
  group_plan: string | null;
  /** When it expires. */
  expires_at: string | null;
}

/**
 * An owner of a project, as project events list them.
 *
 * @example
 * ```ts
 * import type { ProjectOwner } from "@gitlab-edge/client/webhooks";
 * const emails = (owners: ProjectOwner[]) => owners.map((o) => o.email);
 * ```
 */
export interface ProjectOwner {
  /** The name. */
  name: string;
  /** The email address (`[REDACTED]` when not public). */
  email: string;
}

/**
 * A project created in or deleted from a group (`Project Hook`; group hooks only, GitLab 17.6 and
 * later).
 *
 * @example
 * ```ts
 * import type { ProjectEvent } from "@gitlab-edge/client/webhooks";
 * const created = (e: ProjectEvent) => e.event_name === "project_create" ? e.path_with_namespace : null;
 * ```
 */
export interface ProjectEvent {
  /** Absent: this event has no `object_kind`; narrow on `event_name`. */
  object_kind?: undefined;
  /** The name of the event. */
  event_name: "project_create" | "project_destroy";
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
  project_namespace_id: number;
  /** The owners. */
  owners: ProjectOwner[];
  /** The project's visibility. */
  project_visibility: ProjectVisibility;
}

/**
 * A subgroup created in or removed from a group (`Subgroup Hook`; group hooks only). Not sent when a
 * subgroup is transferred.
 *
 * @example
 * ```ts
 * import type { SubgroupEvent } from "@gitlab-edge/client/webhooks";
 * const path = (e: SubgroupEvent) => e.full_path;
 * ```
 */
export interface SubgroupEvent {
  /** Absent: this event has no `object_kind`; narrow on `event_name`. */
  object_kind?: undefined;
  /** The name of the event. */
  event_name: "subgroup_create" | "subgroup_destroy";
  /** When it was created. */
  created_at: string;
  /** When it was last updated. */
  updated_at: string;
  /** The subgroup's name. */
  name: string;
  /** The subgroup's path. */
  path: string;
  /** The subgroup's full path. */
  full_path: string;
  /** The subgroup's id. */
  group_id: number;
  /** The parent group's id. */
  parent_group_id: number;
  /** The parent group's name. */
  parent_name: string;
  /** The parent group's path. */
  parent_path: string;
  /** The parent group's full path. */
  parent_full_path: string;
}

/**
 * `object_attributes` of an access token event: the token about to expire.
 *
 * @example
 * ```ts
 * import type { AccessTokenAttributes } from "@gitlab-edge/client/webhooks";
 * const line = (t: AccessTokenAttributes) => `token ${t.name} expires on ${t.expires_at}`;
 * ```
 */
export interface AccessTokenAttributes {
  /** The id. */
  id: number;
  /** The name. */
  name: string;
  /** The id of the token's bot user. */
  user_id: number;
  /** When it was created. */
  created_at: string;
  /** When it expires. */
  expires_at: string;
}

/**
 * The group of a group access token event.
 *
 * @example
 * ```ts
 * import type { WebhookGroup } from "@gitlab-edge/client/webhooks";
 * const path = (g: WebhookGroup) => g.full_path ?? g.group_path;
 * ```
 */
export interface WebhookGroup {
  /** The group's name. */
  group_name: string;
  /** The group's path. */
  group_path: string;
  /** The group's id. */
  group_id: number;
  /** GitLab 17.4 and later. */
  full_path?: string;
}

/**
 * A project access token expires soon (`Resource Access Token Hook`): 60, 30, 7 or 1 day ahead.
 *
 * @example
 * ```ts
 * import type { ProjectAccessTokenEvent } from "@gitlab-edge/client/webhooks";
 * const where = (e: ProjectAccessTokenEvent) => e.project.path_with_namespace;
 * ```
 */
export interface ProjectAccessTokenEvent {
  /** The kind of event. */
  object_kind: "access_token";
  /** The name of the event. */
  event_name: "expiring_access_token";
  /** The project. */
  project: WebhookProject;
  /** The object the event is about. */
  object_attributes: AccessTokenAttributes;
}

/**
 * A group access token expires soon (`Resource Access Token Hook`).
 *
 * @example
 * ```ts
 * import type { GroupAccessTokenEvent } from "@gitlab-edge/client/webhooks";
 * const where = (e: GroupAccessTokenEvent) => e.group.group_path;
 * ```
 */
export interface GroupAccessTokenEvent {
  /** The kind of event. */
  object_kind: "access_token";
  /** The name of the event. */
  event_name: "expiring_access_token";
  /** The group. */
  group: WebhookGroup;
  /** The object the event is about. */
  object_attributes: AccessTokenAttributes;
}

/**
 * A project or group access token expires soon; narrow with `"project" in event`.
 *
 * @example
 * ```ts
 * import type { AccessTokenEvent } from "@gitlab-edge/client/webhooks";
 * const owner = (e: AccessTokenEvent) => "project" in e ? e.project.path_with_namespace : e.group.group_path;
 * ```
 */
export type AccessTokenEvent = ProjectAccessTokenEvent | GroupAccessTokenEvent;

/**
 * A vulnerability's severity.
 *
 * @example
 * ```ts
 * import type { VulnerabilitySeverity } from "@gitlab-edge/client/webhooks";
 * const urgent = (s: VulnerabilitySeverity) => s === "critical" || s === "high";
 * ```
 */
export type VulnerabilitySeverity = "info" | "unknown" | "low" | "medium" | "high" | "critical";

/**
 * Where a vulnerability was found. The keys depend on the scanner (`file` and `dependency` for
 * dependency scanning, `file`/`start_line` for SAST, `image` for container scanning, …).
 *
 * @example
 * ```ts
 * import type { VulnerabilityLocation } from "@gitlab-edge/client/webhooks";
 * const pkg = (l: VulnerabilityLocation) => l.dependency ? `${l.dependency.package.name}@${l.dependency.version}` : null;
 * ```
 */
export interface VulnerabilityLocation {
  /** The file the finding is in. */
  file?: string;
  /** The first line of the finding. */
  start_line?: number;
  /** The last line of the finding. */
  end_line?: number;
  /** The class the finding is in (SAST). */
  class?: string;
  /** The method the finding is in (SAST). */
  method?: string;
  /** The container image (container scanning). */
  image?: string;
  /** The operating system of the image (container scanning). */
  operating_system?: string;
  /** The vulnerable dependency and its version. */
  dependency?: { package: { name: string }; version: string };
  /** Other scanner-specific keys. */
  [key: string]: JsonValue | undefined;
}

/**
 * `object_attributes` of a vulnerability event.
 *
 * @example
 * ```ts
 * import type { VulnerabilityAttributes } from "@gitlab-edge/client/webhooks";
 * const cves = (v: VulnerabilityAttributes) => v.identifiers.filter((i) => i.external_type === "cve").map((i) => i.name);
 * ```
 */
export interface VulnerabilityAttributes {
  /** The web page. */
  url: string;
  /** The vulnerability's name. */
  title: string;
  /** The vulnerability's status. */
  state: "detected" | "confirmed" | "dismissed" | "resolved";
  /** The project's id. */
  project_id: number;
  /** Where the finding is. */
  location: VulnerabilityLocation;
  /** CVSS vectors, by vendor. */
  cvss: { vector: string; vendor: string }[];
  /** The severity. */
  severity: VulnerabilitySeverity;
  /** Whether the severity was set by hand. */
  severity_overridden: boolean;
  /** Identifiers of the finding (CVE, CWE, scanner rule …). */
  identifiers: { name: string; external_id: string; external_type: string; url: string | null }[];
  /** Issues linked to the vulnerability. */
  issues: { title: string; url: string; created_at: string; updated_at: string }[];
  /** The scanner that found it. */
  report_type:
    | "sast"
    | "dependency_scanning"
    | "container_scanning"
    | "dast"
    | "secret_detection"
    | "coverage_fuzzing"
    | "api_fuzzing"
    | "cluster_image_scanning"
    | "generic";
  /** How sure the scanner is of the finding. */
  confidence: "ignore" | "unknown" | "experimental" | "low" | "medium" | "high" | "confirmed";
  /** Whether the confidence was set by hand. */
  confidence_overridden: boolean;
  /** When it was confirmed. */
  confirmed_at: string | null;
  /** The id of the user who confirmed it. */
  confirmed_by_id: number | null;
  /** When it was dismissed. */
  dismissed_at: string | null;
  /** The id of the user who dismissed it. */
  dismissed_by_id: number | null;
  /** When it was resolved. */
  resolved_at: string | null;
  /** The id of the user who resolved it. */
  resolved_by_id: number | null;
  /** Whether GitLab resolved it automatically. */
  auto_resolved: boolean;
  /** Whether it no longer appears on the default branch. */
  resolved_on_default_branch: boolean;
  /** When it was created. */
  created_at: string;
  /** When it was last updated. */
  updated_at: string;
}

/**
 * A vulnerability created, its status changed, or an issue linked to it (`Vulnerability Hook`).
 *
 * @example
 * ```ts
 * import type { VulnerabilityEvent } from "@gitlab-edge/client/webhooks";
 * const line = (e: VulnerabilityEvent) => `[${e.object_attributes.severity}] ${e.object_attributes.title}`;
 * ```
 */
export interface VulnerabilityEvent {
  /** The kind of event. */
  object_kind: "vulnerability";
  /** The object the event is about. */
  object_attributes: VulnerabilityAttributes;
}
