/**
 * Types shared by several resource groups.
 *
 * @module
 */

/**
 * GitLab's visibility levels.
 *
 * @example
 * ```ts
 * import { createClient, listProjects, type Visibility } from "@gitlab-edge/client";
 * import { createSimulator } from "@gitlab-edge/client/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: createSimulator().fetch });
 * const visibility: Visibility = "public";
 * const publicProjects = await listProjects(client, { visibility }).toArray();
 * console.log(publicProjects.map((p) => p.path_with_namespace));
 * ```
 */
export type Visibility = "private" | "internal" | "public";

/**
 * Sort direction.
 *
 * @example
 * ```ts
 * import type { ListProjectsParams, Sort } from "@gitlab-edge/client";
 * function byCreation(sort: Sort): ListProjectsParams {
 *   return { order_by: "created_at", sort };
 * }
 * const newestFirst = byCreation("desc");
 * ```
 */
export type Sort = "asc" | "desc";

/**
 * Access levels: 0 none, 5 minimal, 10 guest, 15 planner, 20 reporter, 30 developer, 40 maintainer, 50 owner.
 *
 * @example
 * ```ts
 * import type { AccessLevel, ListProjectsParams } from "@gitlab-edge/client";
 * const DEVELOPER: AccessLevel = 30;
 * const params: ListProjectsParams = { membership: true, min_access_level: DEVELOPER };
 * ```
 */
export type AccessLevel = 0 | 5 | 10 | 15 | 20 | 30 | 40 | 50;

/**
 * A custom attribute (a key and a value an administrator attached to a user, group or project). GitLab sends
 * them only to administrators who ask with `with_custom_attributes=true`.
 *
 * @example
 * ```ts
 * import type { CustomAttribute } from "@gitlab-edge/client";
 * const costCenter = (attributes: CustomAttribute[] = []): string | undefined =>
 *   attributes.find((a) => a.key === "cost_center")?.value;
 * ```
 */
export interface CustomAttribute {
  /** The attribute's name. */
  key: string;
  /** Its value. */
  value: string;
}

/**
 * The least GitLab tells about a user (GitLab's `UserSafe`): an id and two names. Uploads name their uploader
 * this way; service accounts and fuller user objects build on it.
 *
 * @example
 * ```ts
 * import type { UserSafe } from "@gitlab-edge/client";
 * const label = (user: UserSafe): string => `${user.name} (@${user.username})`;
 * ```
 */
export interface UserSafe {
  /** The user's id. */
  id: number;
  /** The login name. */
  username: string;
  /** The display name. */
  name: string;
}

/**
 * A user as GitLab embeds it in other objects (authors, assignees, owners); GitLab's `UserBasic`.
 *
 * @example
 * ```ts
 * import type { Issue, UserBasic } from "@gitlab-edge/client";
 * const mention = (user: UserBasic): string => `@${user.username}`;
 * const assigneesOf = (issue: Issue): string => issue.assignees.map(mention).join(", ");
 * ```
 */
export interface UserBasic extends UserSafe {
  /**
   * The account's state. Known values: `active`, `blocked`, `blocked_pending_approval`, `deactivated`,
   * `banned`, `ldap_blocked`; GitLab may add others.
   */
  state: string;
  /** Whether the account is locked after too many failed sign-ins (older GitLab versions omit it). */
  locked?: boolean;
  /** The avatar's URL (null when there is none and Gravatar is off). */
  avatar_url: string | null;
  /** The avatar's path on the instance; sent only when GitLab is asked for paths, and the user has one. */
  avatar_path?: string;
  /** Administrator-set attributes; only for administrators asking with `with_custom_attributes=true`. */
  custom_attributes?: CustomAttribute[];
  /** The profile page. */
  web_url: string;
}

/**
 * An access level together with the notification level of the same membership (GitLab's `ProjectAccess` and
 * `GroupAccess`, both `MemberAccess`).
 *
 * @example
 * ```ts
 * import type { MemberAccess } from "@gitlab-edge/client";
 * const canPush = (access: MemberAccess | null): boolean => (access?.access_level ?? 0) >= 30;
 * ```
 */
export interface MemberAccess {
  /** The membership's access level. */
  access_level: AccessLevel;
  /**
   * The membership's notification level as GitLab's internal number (0 disabled, 1 participating, 2 watch,
   * 3 global, 4 mention, 5 custom).
   */
  notification_level: number;
}

/**
 * A namespace (a user's or a group's) as embedded in a project.
 *
 * @example
 * ```ts
 * import type { NamespaceBasic, Project } from "@gitlab-edge/client";
 * const isGroup = (namespace: NamespaceBasic): boolean => namespace.kind === "group";
 * const groupProjects = (projects: Project[]): Project[] => projects.filter((p) => isGroup(p.namespace));
 * ```
 */
export interface NamespaceBasic {
  /** The namespace's id. */
  id: number;
  /** Its name. */
  name: string;
  /** Its path segment. */
  path: string;
  /** `user` or `group`. */
  kind: "user" | "group";
  /** The full path, e.g. `group/subgroup`. */
  full_path: string;
  /** The parent group's id, if any. */
  parent_id: number | null;
  /** The avatar's URL. */
  avatar_url: string | null;
  /** The namespace's page. */
  web_url: string;
}

/**
 * A milestone as embedded in issues and merge requests.
 *
 * @example
 * ```ts
 * import type { Issue, MilestoneBasic } from "@gitlab-edge/client";
 * const isOverdue = (milestone: MilestoneBasic, today: string): boolean =>
 *   milestone.state === "active" && milestone.due_date !== null && milestone.due_date < today;
 * const late = (issues: Issue[]): Issue[] =>
 *   issues.filter((issue) => issue.milestone !== null && isOverdue(issue.milestone, "2025-06-30"));
 * ```
 */
export interface MilestoneBasic {
  /** The milestone's id. */
  id: number;
  /** Its number within its project or group. */
  iid: number;
  /** The project, for a project milestone. */
  project_id?: number;
  /** The group, for a group milestone. */
  group_id?: number;
  /** Its title. */
  title: string;
  /** Its description. */
  description: string | null;
  /** `active` or `closed`. */
  state: string;
  /** ISO 8601. */
  created_at: string;
  /** ISO 8601. */
  updated_at: string;
  /** `YYYY-MM-DD`. */
  due_date: string | null;
  /** `YYYY-MM-DD`. */
  start_date: string | null;
  /** Its page. */
  web_url: string;
}

/**
 * Time tracking figures of an issue or merge request.
 *
 * @example
 * ```ts
 * import type { TimeStats } from "@gitlab-edge/client";
 * const remaining = (t: TimeStats): number => Math.max(0, t.time_estimate - t.total_time_spent);
 * const stats: TimeStats = {
 *   time_estimate: 7200,
 *   total_time_spent: 1800,
 *   human_time_estimate: "2h",
 *   human_total_time_spent: "30m",
 * };
 * remaining(stats); // 5400 seconds
 * ```
 */
export interface TimeStats {
  /** Seconds. */
  time_estimate: number;
  /** Seconds. */
  total_time_spent: number;
  /** E.g. `3h 30m`. */
  human_time_estimate: string | null;
  /** E.g. `1h`. */
  human_total_time_spent: string | null;
}

/**
 * Short and full references of an issue or merge request (`#1`, `group/project#1`).
 *
 * @example
 * ```ts
 * import type { References } from "@gitlab-edge/client";
 * const references: References = { short: "#12", relative: "#12", full: "acme/web#12" };
 * console.log(`Fixed in ${references.full}`);
 * ```
 */
export interface References {
  /** E.g. `#1`. */
  short: string;
  /** Relative to the project. */
  relative: string;
  /** E.g. `group/project#1`. */
  full: string;
}

/**
 * Any JSON value, as GitLab sends it.
 *
 * @example
 * ```ts
 * import type { JsonValue } from "@gitlab-edge/client";
 * const labels: JsonValue = ["bug", { name: "ui", priority: 2 }, null];
 * ```
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A JSON object as GitLab sends it: what the endpoints without a dedicated response type resolve to.
 * Fields keep GitLab's snake_case names; narrow them before use.
 *
 * @example
 * ```ts
 * import { createClient, getVersion, type JsonObject } from "@gitlab-edge/client";
 * const client = createClient({
 *   baseUrl: "https://gitlab.example.com",
 *   fetch: () => Promise.resolve(Response.json({ version: "18.6.0-ee", revision: "4ab1c0de" })),
 * });
 * const version: JsonObject = await getVersion(client);
 * if (typeof version.version === "string") console.log(version.version.split(".")[0]); // "18"
 * ```
 */
export type JsonObject = { [key: string]: JsonValue };
