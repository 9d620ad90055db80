/**
 * Group types, after GitLab's Grape entities `BasicGroupDetails`, `PublicGroupDetails`, `Group`,
 * `GroupDetail` and the group link and push rule objects the Groups API answers with.
 *
 * @module
 */

import type { AccessLevel, CustomAttribute, Visibility } from "./common.ts";
import type { Project, ProjectPushRule } from "./projects.ts";

/**
 * The least GitLab tells about a group (GitLab's `BasicGroupDetails`).
 *
 * @example
 * ```ts
 * import type { BasicGroupDetails } from "@gitlab-edge/client";
 * const link = (group: BasicGroupDetails): string => `[${group.name}](${group.web_url})`;
 * ```
 */
export interface BasicGroupDetails {
  /** The group id. */
  id: number;
  /** The group's page. */
  web_url: string;
  /** The display name. */
  name: string;
}

/**
 * A group with its names and avatar (GitLab's `PublicGroupDetails`): what the lists of groups a project is
 * shared with, or may be transferred to, return.
 *
 * @example
 * ```ts
 * import type { PublicGroupDetails } from "@gitlab-edge/client";
 * const paths = (groups: PublicGroupDetails[]): string[] => groups.map((g) => g.full_path).sort();
 * ```
 */
export interface PublicGroupDetails extends BasicGroupDetails {
  /** The avatar's URL. */
  avatar_url: string | null;
  /** `Parent / Name`. */
  full_name: string;
  /** The full path, e.g. `group/subgroup`. */
  full_path: string;
}

/**
 * Storage figures of a group (`statistics=true`, administrators only). Sizes are bytes.
 *
 * @example
 * ```ts
 * import type { GroupStatistics } from "@gitlab-edge/client";
 * const gib = (s: GroupStatistics): string => (s.storage_size / 2 ** 30).toFixed(2);
 * ```
 */
export interface GroupStatistics {
  /** Bytes, everything together. */
  storage_size: number;
  /** Bytes in Git repositories. */
  repository_size: number;
  /** Bytes in wikis. */
  wiki_size: number;
  /** Bytes in Git LFS objects. */
  lfs_objects_size: number;
  /** Bytes in job artifacts. */
  job_artifacts_size: number;
  /** Bytes in pipeline artifacts. */
  pipeline_artifacts_size: number;
  /** Bytes in packages. */
  packages_size: number;
  /** Bytes in snippets. */
  snippets_size: number;
  /** Bytes in uploads. */
  uploads_size: number;
}

/**
 * Storage used by a top-level namespace and everything in it (GitLab's `Namespace::RootStorageStatistics`).
 * Sizes are bytes.
 *
 * @example
 * ```ts
 * import type { RootStorageStatistics } from "@gitlab-edge/client";
 * const registryShare = (s: RootStorageStatistics): number => s.container_registry_size / s.storage_size;
 * ```
 */
export interface RootStorageStatistics {
  /** Bytes in job artifacts. */
  build_artifacts_size: number;
  /** Bytes in container registries. */
  container_registry_size: number;
  /** Whether the registry size is an estimate. */
  container_registry_size_is_estimated: boolean;
  /** Bytes in the dependency proxy. */
  dependency_proxy_size: number;
  /** Bytes in Git LFS objects. */
  lfs_objects_size: number;
  /** Bytes in packages. */
  packages_size: number;
  /** Bytes in pipeline artifacts. */
  pipeline_artifacts_size: number;
  /** Bytes in Git repositories. */
  repository_size: number;
  /** Bytes in snippets. */
  snippets_size: number;
  /** Bytes, everything together. */
  storage_size: number;
  /** Bytes in uploads. */
  uploads_size: number;
  /** Bytes in wikis. */
  wiki_size: number;
}

/**
 * The protection a group gives the default branch of its new projects.
 *
 * @example
 * ```ts
 * import type { DefaultBranchProtectionDefaults } from "@gitlab-edge/client";
 * const developersPush = (d: DefaultBranchProtectionDefaults): boolean =>
 *   (d.allowed_to_push ?? []).some((a) => a.access_level <= 30);
 * ```
 */
export interface DefaultBranchProtectionDefaults {
  /** The roles allowed to push. */
  allowed_to_push?: { access_level: AccessLevel }[];
  /** Whether force pushes are allowed. */
  allow_force_push?: boolean;
  /** The roles allowed to merge. */
  allowed_to_merge?: { access_level: AccessLevel }[];
  /** Whether developers may push the first commit. */
  developer_can_initial_push?: boolean;
}

/**
 * A link from a group to an LDAP group or filter (GitLab's `LdapGroupLink`; Premium and Ultimate).
 *
 * @example
 * ```ts
 * import type { LdapGroupLink } from "@gitlab-edge/client";
 * const describe = (l: LdapGroupLink): string => `${l.provider}: ${l.cn ?? l.filter} → ${l.group_access}`;
 * ```
 */
export interface LdapGroupLink {
  /** The LDAP group's common name (null for a filter link). */
  cn: string | null;
  /** The access the LDAP group's members get. */
  group_access: AccessLevel;
  /** The LDAP server's provider name, e.g. `ldapmain`. */
  provider: string;
  /** The LDAP filter (null for a common-name link). */
  filter: string | null;
  /** The custom role given instead of a plain access level (Ultimate). */
  member_role_id?: number | null;
}

/**
 * A link from a group to a SAML group (GitLab's `SamlGroupLink`; Premium and Ultimate).
 *
 * @example
 * ```ts
 * import type { SamlGroupLink } from "@gitlab-edge/client";
 * const maintainers = (links: SamlGroupLink[]): string[] =>
 *   links.filter((l) => l.access_level >= 40).map((l) => l.name);
 * ```
 */
export interface SamlGroupLink {
  /** The SAML group's name. */
  name: string;
  /** The access the SAML group's members get. */
  access_level: AccessLevel;
  /** The custom role given instead of a plain access level (Ultimate). */
  member_role_id?: number | null;
}

/**
 * A group, as the group lists, `POST /groups` and `PUT /groups/:id` return it (GitLab's `Group`).
 *
 * @example
 * ```ts
 * import { createClient, type Group, listGroups } from "@gitlab-edge/client";
 * import { createSimulator } from "@gitlab-edge/client/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: createSimulator().fetch });
 * const groups: Group[] = await listGroups(client).toArray();
 * console.log(groups.filter((g) => g.parent_id === null).map((g) => g.full_path));
 * ```
 */
export interface Group extends BasicGroupDetails {
  /** The path segment. */
  path: string;
  /** The description (empty when unset). */
  description: string;
  /** `private`, `internal` or `public`. */
  visibility: Visibility;
  /** Whether its projects may not be shared with other groups. */
  share_with_group_lock: boolean;
  /** Whether members must use two-factor authentication. */
  require_two_factor_authentication: boolean;
  /** Hours members have to set up two-factor authentication. */
  two_factor_grace_period: number;
  /** Who may create projects: `noone`, `owner`, `maintainer`, `developer` or `administrator`. */
  project_creation_level: string;
  /** Whether Auto DevOps is on for its projects (null: the instance default). */
  auto_devops_enabled: boolean | null;
  /** Who may create subgroups: `owner` or `maintainer`. */
  subgroup_creation_level: string;
  /** Whether email notifications are off (deprecated; see `emails_enabled`). */
  emails_disabled: boolean;
  /** Whether email notifications are on. */
  emails_enabled: boolean;
  /** Whether notification emails include a diff preview (newer GitLab versions). */
  show_diff_preview_in_email?: boolean;
  /** Whether group mentions are off. */
  mentions_disabled: boolean | null;
  /** Whether Git LFS is on for its projects. */
  lfs_enabled: boolean;
  /** Whether the group or one of its parents is archived (newer GitLab versions). */
  archived?: boolean;
  /** Whether limits on math rendering apply. */
  math_rendering_limits_enabled?: boolean;
  /** Whether subgroups may not change the math rendering limits. */
  lock_math_rendering_limits_enabled?: boolean;
  /** The default branch name for new projects (null: the instance default). */
  default_branch: string | null;
  /** Default branch protection as GitLab's number (0 none … 4); deprecated for the field below. */
  default_branch_protection: number;
  /** Default branch protection in detail. */
  default_branch_protection_defaults?: DefaultBranchProtectionDefaults;
  /** The avatar's URL. */
  avatar_url: string | null;
  /** Whether users may request access. */
  request_access_enabled: boolean;
  /** `Parent / Name`. */
  full_name: string;
  /** The full path, e.g. `group/subgroup`. */
  full_path: string;
  /** ISO 8601. */
  created_at: string;
  /** The parent group's id (null for a top-level group). */
  parent_id: number | null;
  /** The organization the group belongs to (newer GitLab versions). */
  organization_id?: number;
  /**
   * Whether instance runners serve its projects. Known values: `enabled`, `disabled_and_overridable`,
   * `disabled_and_unoverridable`.
   */
  shared_runners_setting: string;
  /** The largest artifact size in MB allowed (null: the instance default). */
  max_artifacts_size?: number | null;
  /** Administrator-set attributes; only for administrators asking with `with_custom_attributes=true`. */
  custom_attributes?: CustomAttribute[];
  /** Storage figures; only with `statistics=true` (administrators). */
  statistics?: GroupStatistics;
  /** Storage of the whole hierarchy; only with `statistics=true`, for top-level groups. */
  root_storage_statistics?: RootStorageStatistics;
  /** When the group is scheduled for deletion (`YYYY-MM-DD`). */
  marked_for_deletion_on?: string | null;
  /** The LDAP group it syncs with (Premium and Ultimate). */
  ldap_cn?: string | null;
  /** The access level LDAP members get (Premium and Ultimate). */
  ldap_access?: number | null;
  /** Its LDAP group links; only when it has any (Premium and Ultimate). */
  ldap_group_links?: LdapGroupLink[];
  /** Its SAML group links; only when it has any (Premium and Ultimate). */
  saml_group_links?: SamlGroupLink[];
  /** The project holding custom file templates; only with that licensed feature and read access. */
  file_template_project_id?: number | null;
  /** Who may use the group wiki (Premium and Ultimate). */
  wiki_access_level?: string;
  /** Where the group wiki is stored; only for administrators (Premium and Ultimate). */
  repository_storage?: string | null;
  /** Whether GitLab Duo features are on; only for group administrators with Duo. */
  duo_features_enabled?: boolean;
  /** Whether subgroups may not change `duo_features_enabled`; only for group administrators with Duo. */
  lock_duo_features_enabled?: boolean;
}

/**
 * A group another group is shared with, as the shared group lists it (GitLab's `SharedGroupWithGroup`).
 *
 * @example
 * ```ts
 * import type { SharedGroupWithGroup } from "@gitlab-edge/client";
 * const guests = (links: SharedGroupWithGroup[]): string[] =>
 *   links.filter((l) => l.group_access_level === 10).map((l) => l.group_full_path);
 * ```
 */
export interface SharedGroupWithGroup {
  /** The invited group's id. */
  group_id: number;
  /** The invited group's name. */
  group_name: string;
  /** The invited group's full path. */
  group_full_path: string;
  /** The access its members get. */
  group_access_level: AccessLevel;
  /** When the share ends (`YYYY-MM-DD`), if it does. */
  expires_at: string | null;
  /** The custom role given instead of a plain access level (Ultimate). */
  member_role_id?: number | null;
}

/**
 * A group as `GET /groups/:id` returns it (GitLab's `GroupDetail`), with its projects unless
 * `with_projects=false`.
 *
 * @example
 * ```ts
 * import { createClient, getGroup, type GroupDetail } from "@gitlab-edge/client";
 * import { createSimulator } from "@gitlab-edge/client/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: createSimulator().fetch });
 * const group: GroupDetail = await getGroup(client, "acme");
 * console.log(group.full_name, group.projects?.map((p) => p.path));
 * ```
 */
export interface GroupDetail extends Group {
  /** The groups this group is shared with (those visible to you). */
  shared_with_groups: SharedGroupWithGroup[];
  /** The runner registration token; only for group administrators. */
  runners_token?: string | null;
  /** Whether it may only be shared within its own hierarchy; only for top-level groups. */
  prevent_sharing_groups_outside_hierarchy?: boolean;
  /** Its projects (up to 100; prefer `listGroupProjects`); only with `with_projects` (the default). */
  projects?: Project[];
  /** Projects shared with it (up to 100); only with `with_projects` (the default). */
  shared_projects?: Project[];
  /** Compute minutes limit (Premium and Ultimate). */
  shared_runners_minutes_limit?: number | null;
  /** Extra compute minutes bought (Premium and Ultimate). */
  extra_shared_runners_minutes_limit?: number | null;
  /** Whether projects may not be forked outside the group (Premium and Ultimate). */
  prevent_forking_outside_group?: boolean | null;
  /** Whether service account tokens must expire (Premium and Ultimate). */
  service_access_tokens_expiration_enforced?: boolean;
  /** Whether adding members to its projects is locked (Premium and Ultimate). */
  membership_lock?: boolean;
  /** IP ranges allowed to reach it, comma-separated (Premium and Ultimate). */
  ip_restriction_ranges?: string | null;
  /** Email domains members must use, comma-separated (Premium and Ultimate). */
  allowed_email_domains_list?: string | null;
  /** Git access protocols allowed: `all`, `ssh` or `http` (Premium and Ultimate). */
  enabled_git_access_protocol?: string;
  /** Projects a user may download in the interval before being flagged (Ultimate). */
  unique_project_download_limit?: number;
  /** That interval in seconds (Ultimate). */
  unique_project_download_limit_interval_in_seconds?: number;
  /** Usernames exempt from the limit (Ultimate). */
  unique_project_download_limit_allowlist?: string[];
  /** User ids alerted when the limit is hit (Ultimate). */
  unique_project_download_limit_alertlist?: number[];
  /** Whether users over the limit are banned (Ultimate). */
  auto_ban_user_on_excessive_projects_download?: boolean;
}

/**
 * A group's push rules (GitLab's `GroupPushRule`; Premium and Ultimate): the same rules as a project's,
 * without `project_id`.
 *
 * @example
 * ```ts
 * import type { GroupPushRule } from "@gitlab-edge/client";
 * const signedOnly = (rule: GroupPushRule): boolean => rule.reject_unsigned_commits === true;
 * ```
 */
export type GroupPushRule = Omit<ProjectPushRule, "project_id">;
