/**
 * Group types, after GitLab's Groups API documentation.
 *
 * @module
 */

import type { AccessLevel, Visibility } from "./common.ts";
import type { Project } from "./projects.ts";

/**
 * A group as the group lists return it.
 *
 * @example
 * ```ts
 * import type { Group } from "gitlab-edge";
 * const isTopLevel = (group: Group): boolean => group.parent_id === null;
 * ```
 */
export interface Group {
  /** The group id. */
  id: number;
  /** The display name. */
  name: string;
  /** The path segment. */
  path: string;
  /** The full path, e.g. `group/subgroup`. */
  full_path: string;
  /** `Parent / Name`. */
  full_name: string;
  /** The description. */
  description: string;
  /** `private`, `internal` or `public`. */
  visibility: Visibility;
  /** The group's page. */
  web_url: string;
  /** The avatar's URL. */
  avatar_url: string | null;
  /** The parent group's id. */
  parent_id: number | null;
  /** ISO 8601. */
  created_at: string;
  /** Whether users can request access. */
  request_access_enabled?: boolean;
  /** Whether Git LFS is enabled. */
  lfs_enabled?: boolean;
  /** `owner`, `maintainer`, `developer` or `administrator`. */
  project_creation_level?: string;
  /** `owner`, `maintainer` or `developer`. */
  subgroup_creation_level?: string;
  /** The default branch for new projects. */
  default_branch?: string | null;
  /** When the group is scheduled for deletion. */
  marked_for_deletion_on?: string | null;
  /** Present with `statistics=true` (administrators). */
  statistics?: Record<string, number>;
}

/**
 * A group as `GET /groups/:id` returns it, with its projects unless `with_projects=false`.
 *
 * @example
 * ```ts
 * import { createClient, getGroup, type GroupDetail } from "gitlab-edge";
 * import { createSimulator } from "gitlab-edge/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: createSimulator().fetch });
 * const group: GroupDetail = await getGroup(client, "acme");
 * console.log(group.full_name, group.projects?.map((p) => p.path));
 * ```
 */
export interface GroupDetail extends Group {
  /** The group's projects (up to 100; prefer `listGroupProjects`). */
  projects?: Project[];
  /** Projects shared with the group. */
  shared_projects?: Project[];
  /** Runners registration token (owners, when enabled). */
  runners_token?: string;
  /** Groups this group is shared with. */
  shared_with_groups?: {
    group_id: number;
    group_name: string;
    group_full_path: string;
    group_access_level: AccessLevel;
  }[];
}
