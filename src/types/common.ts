/**
 * Types shared by several resource groups.
 *
 * @module
 */

/** GitLab's visibility levels. */
export type Visibility = "private" | "internal" | "public";

/** Sort direction. */
export type Sort = "asc" | "desc";

/** Access levels: 0 none, 5 minimal, 10 guest, 15 planner, 20 reporter, 30 developer, 40 maintainer, 50 owner. */
export type AccessLevel = 0 | 5 | 10 | 15 | 20 | 30 | 40 | 50;

/** A user as GitLab embeds it in other objects (authors, assignees, owners). */
export interface UserBasic {
  /** The user's id. */
  id: number;
  /** The login name. */
  username: string;
  /** The display name. */
  name: string;
  /** `active`, `blocked`, … */
  state: string;
  /** Whether the account is locked. */
  locked?: boolean;
  /** The avatar's URL. */
  avatar_url: string | null;
  /** The profile page. */
  web_url: string;
}

/** A namespace (a user's or a group's) as embedded in a project. */
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

/** A milestone as embedded in issues and merge requests. */
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

/** Time tracking figures of an issue or merge request. */
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

/** Short and full references of an issue or merge request (`#1`, `group/project#1`). */
export interface References {
  /** E.g. `#1`. */
  short: string;
  /** Relative to the project. */
  relative: string;
  /** E.g. `group/project#1`. */
  full: string;
}
