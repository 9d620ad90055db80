/**
 * Project types, after GitLab's Grape entities `ProjectIdentity`, `BasicProjectDetails`, `Project`,
 * `ProjectWithAccess` and the smaller objects the Projects API answers with (group links, storage, import
 * status, push rules, pull mirrors, uploads).
 *
 * @module
 */

import type {
  AccessLevel,
  CustomAttribute,
  JsonObject,
  MemberAccess,
  NamespaceBasic,
  UserBasic,
  UserSafe,
  Visibility,
} from "./common.ts";
import type { ApprovalRule } from "./merge_request_approvals.ts";
import type { ProtectedBranch } from "./protected_branches.ts";

/**
 * Who can use a project feature (issues, repository, wiki, …): `disabled`, `private` (members only),
 * `enabled` (everyone who can see the project) and, for Pages only, `public`.
 *
 * @example
 * ```ts
 * import type { FeatureAccessLevel } from "@gitlab-edge/client";
 * const isOn = (level: FeatureAccessLevel | undefined): boolean => level !== undefined && level !== "disabled";
 * ```
 */
export type FeatureAccessLevel = "disabled" | "private" | "enabled" | "public";

/**
 * The identifying part every project object starts with (GitLab's `ProjectIdentity`).
 *
 * @example
 * ```ts
 * import type { ProjectIdentity } from "@gitlab-edge/client";
 * const title = (project: ProjectIdentity): string => `${project.name_with_namespace} (#${project.id})`;
 * ```
 */
export interface ProjectIdentity {
  /** The project id. */
  id: number;
  /** The description (null when never set). */
  description: string | null;
  /** The display name. */
  name: string;
  /** `Namespace / Name`. */
  name_with_namespace: string;
  /** The path segment. */
  path: string;
  /** The full path, e.g. `group/project`. */
  path_with_namespace: string;
  /** ISO 8601. */
  created_at: string;
}

/**
 * The license GitLab detected in a repository (GitLab's `LicenseBasic`), sent with `license=true`.
 *
 * @example
 * ```ts
 * import type { LicenseBasic } from "@gitlab-edge/client";
 * const spdxLike = (license: LicenseBasic): string => license.key.toUpperCase();
 * ```
 */
export interface LicenseBasic {
  /** A short key such as `mit` or `gpl-3.0`. */
  key: string;
  /** The license's full name. */
  name: string;
  /** A common short name, if it has one. */
  nickname: string | null;
  /** A page describing the license. */
  html_url: string | null;
  /** The license text's canonical source, if known. */
  source_url: string | null;
}

/**
 * A project with the fields every project listing carries (GitLab's `BasicProjectDetails`): what
 * `GET /projects?simple=true` returns for each project, and how forks name their source.
 *
 * @example
 * ```ts
 * import type { BasicProjectDetails } from "@gitlab-edge/client";
 * const cloneCommand = (project: BasicProjectDetails): string => `git clone ${project.http_url_to_repo}`;
 * ```
 */
export interface BasicProjectDetails extends ProjectIdentity {
  /** The default branch; absent without read access to the code. */
  default_branch?: string | null;
  /** The project's topics (sorted). */
  topics?: string[];
  /** Deprecated copy of `topics`. */
  tag_list?: string[];
  /** Clone URL over SSH. */
  ssh_url_to_repo: string;
  /** Clone URL over HTTP(S). */
  http_url_to_repo: string;
  /** The project's page. */
  web_url: string;
  /** The README's page (null without one); absent without read access to the code. */
  readme_url?: string | null;
  /** Number of forks; absent without read access to the code. */
  forks_count?: number;
  /** The license file's page; only with `license=true`. */
  license_url?: string | null;
  /** The detected license; only with `license=true`. */
  license?: LicenseBasic | null;
  /** The avatar's URL. */
  avatar_url: string | null;
  /** Number of stars. */
  star_count: number;
  /** ISO 8601. */
  last_activity_at: string;
  /** `private`, `internal` or `public` (only newer GitLab versions send it here; {@linkcode Project} always has it). */
  visibility?: Visibility;
  /** The owning namespace. */
  namespace: NamespaceBasic;
  /** Administrator-set attributes; only for administrators asking with `with_custom_attributes=true`. */
  custom_attributes?: CustomAttribute[];
  /** The storage shard holding the repository; only for users allowed to move it (administrators). */
  repository_storage?: string;
}

/**
 * The earlier name of {@linkcode BasicProjectDetails}, kept so existing code compiles.
 *
 * @example
 * ```ts
 * import type { ProjectSimple } from "@gitlab-edge/client";
 * const cloneCommand = (project: ProjectSimple): string => `git clone ${project.http_url_to_repo}`;
 * ```
 */
export type ProjectSimple = BasicProjectDetails;

/**
 * Repository and storage statistics (`statistics=true`, reporter access or more). Sizes are bytes.
 *
 * @example
 * ```ts
 * import type { ProjectStatistics } from "@gitlab-edge/client";
 * const mebibytes = (statistics: ProjectStatistics): string =>
 *   `${(statistics.repository_size / 2 ** 20).toFixed(1)} MiB in ${statistics.commit_count} commits`;
 * ```
 */
export interface ProjectStatistics {
  /** Commits on the default branch. */
  commit_count: number;
  /** Bytes, everything together. */
  storage_size: number;
  /** Bytes in the Git repository. */
  repository_size: number;
  /** Bytes in the wiki. */
  wiki_size: number;
  /** Bytes in Git LFS objects. */
  lfs_objects_size: number;
  /** Bytes in job artifacts. */
  job_artifacts_size: number;
  /** Bytes in pipeline artifacts (newer GitLab versions). */
  pipeline_artifacts_size?: number;
  /** Bytes in packages. */
  packages_size: number;
  /** Bytes in snippets. */
  snippets_size: number;
  /** Bytes in uploads. */
  uploads_size: number;
  /** Bytes in the container registry (newer GitLab versions). */
  container_registry_size?: number;
}

/**
 * Links from a project to its related API resources.
 *
 * @example
 * ```ts
 * import type { ProjectLinks } from "@gitlab-edge/client";
 * const issuesApi = (links: ProjectLinks): string | undefined => links.issues; // absent when issues are off
 * ```
 */
export interface ProjectLinks {
  /** The project itself. */
  self: string;
  /** Its issues (absent when issues are not available to you). */
  issues?: string;
  /** Its merge requests (absent when merge requests are not available to you). */
  merge_requests?: string;
  /** Its branches. */
  repo_branches: string;
  /** Its labels. */
  labels: string;
  /** Its events. */
  events: string;
  /** Its members. */
  members: string;
  /** Its Kubernetes agents (newer GitLab versions). */
  cluster_agents?: string;
}

/**
 * The cleanup policy of a project's container registry (GitLab's `ContainerExpirationPolicy`).
 *
 * @example
 * ```ts
 * import type { ContainerExpirationPolicy } from "@gitlab-edge/client";
 * const summary = (p: ContainerExpirationPolicy): string =>
 *   p.enabled ? `every ${p.cadence}, keep ${p.keep_n ?? "all"}` : "off";
 * ```
 */
export interface ContainerExpirationPolicy {
  /** How often the cleanup runs. Known values: `1d`, `7d`, `14d`, `1month`, `3month`. */
  cadence: string;
  /** Whether the cleanup runs at all. */
  enabled: boolean;
  /** How many tags to keep per image (null: no limit). */
  keep_n: number | null;
  /** Remove tags older than this, e.g. `90d` (null: no age limit). */
  older_than: string | null;
  /** Tags matching this regular expression may be removed. */
  name_regex: string | null;
  /** Tags matching this regular expression are kept. */
  name_regex_keep: string | null;
  /** The next scheduled run, ISO 8601. */
  next_run_at: string | null;
}

/**
 * A group a project is shared with, as the project lists it (GitLab's `SharedGroupWithProject`).
 *
 * @example
 * ```ts
 * import type { SharedGroupWithProject } from "@gitlab-edge/client";
 * const writers = (links: SharedGroupWithProject[]): string[] =>
 *   links.filter((l) => l.group_access_level >= 30).map((l) => l.group_full_path);
 * ```
 */
export interface SharedGroupWithProject {
  /** The group's id. */
  group_id: number;
  /** The group's name. */
  group_name: string;
  /** The group's full path. */
  group_full_path: string;
  /** The access the group's members get. */
  group_access_level: AccessLevel;
  /** When the share ends (`YYYY-MM-DD`), if it does. */
  expires_at: string | null;
}

/**
 * A project as GitLab's `Project` entity presents it: what creating, editing, forking, archiving and starring
 * answer with. Which optional fields appear depends on your role, the licence and GitLab's version.
 *
 * @example
 * ```ts
 * import { createClient, getProject, type Project } from "@gitlab-edge/client";
 * import { createSimulator } from "@gitlab-edge/client/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: createSimulator().fetch });
 * const project: Project = await getProject(client, "acme/web");
 * console.log(project.path_with_namespace, project.visibility, project.archived);
 * ```
 */
export interface Project extends BasicProjectDetails {
  /** `private`, `internal` or `public`. */
  visibility: Visibility;
  /** The registry path images of this project start with; only when the registry is enabled. */
  container_registry_image_prefix?: string;
  /** Links to related API resources. */
  _links: ProjectLinks;
  /** Whether packages are enabled. */
  packages_enabled?: boolean | null;
  /** Whether the repository has no commits. */
  empty_repo: boolean;
  /** Whether the project (or one of its groups) is archived. */
  archived: boolean;
  /** The owner; only for projects in a user's namespace. */
  owner?: UserBasic;
  /** Whether diff discussions are resolved when a push changes their lines. */
  resolve_outdated_diff_discussions?: boolean | null;
  /** The registry cleanup policy, if the project has one. */
  container_expiration_policy?: ContainerExpirationPolicy;
  /** The repository's hash algorithm (newer GitLab versions). */
  repository_object_format?: "sha1" | "sha256";
  /** Whether you can use issues (deprecated; see `issues_access_level`). */
  issues_enabled: boolean;
  /** Whether you can use merge requests (deprecated; see `merge_requests_access_level`). */
  merge_requests_enabled: boolean;
  /** Whether you can use the wiki (deprecated; see `wiki_access_level`). */
  wiki_enabled: boolean;
  /** Whether you can use CI/CD jobs (deprecated; see `builds_access_level`). */
  jobs_enabled: boolean;
  /** Whether you can use snippets (deprecated; see `snippets_access_level`). */
  snippets_enabled: boolean;
  /** Whether you can use the container registry (deprecated; see `container_registry_access_level`). */
  container_registry_enabled: boolean;
  /** Whether Service Desk is on. */
  service_desk_enabled?: boolean;
  /** The Service Desk email address; only for users who can administer issues. */
  service_desk_address?: string | null;
  /** Whether you may open merge requests into this project. */
  can_create_merge_request_in?: boolean;
  /** Who can use issues: `disabled`, `private` or `enabled`. */
  issues_access_level: string;
  /** Who can use the repository: `disabled`, `private` or `enabled`. */
  repository_access_level: string;
  /** Who can use merge requests: `disabled`, `private` or `enabled`. */
  merge_requests_access_level: string;
  /** Who can fork the project. */
  forking_access_level?: FeatureAccessLevel;
  /** Who can use the wiki. */
  wiki_access_level?: FeatureAccessLevel;
  /** Who can use CI/CD jobs. */
  builds_access_level?: FeatureAccessLevel;
  /** Who can use snippets. */
  snippets_access_level?: FeatureAccessLevel;
  /** Who can see the Pages site (the only feature with `public`). */
  pages_access_level?: FeatureAccessLevel;
  /** Who can see analytics. */
  analytics_access_level?: FeatureAccessLevel;
  /** Who can use the container registry. */
  container_registry_access_level?: FeatureAccessLevel;
  /** Who can use security and compliance features. */
  security_and_compliance_access_level?: FeatureAccessLevel;
  /** Who can see releases. */
  releases_access_level?: FeatureAccessLevel;
  /** Who can see environments. */
  environments_access_level?: FeatureAccessLevel;
  /** Who can use feature flags. */
  feature_flags_access_level?: FeatureAccessLevel;
  /** Who can use infrastructure features. */
  infrastructure_access_level?: FeatureAccessLevel;
  /** Who can use monitoring. */
  monitor_access_level?: FeatureAccessLevel;
  /** Who can use model experiments. */
  model_experiments_access_level?: FeatureAccessLevel;
  /** Who can use the model registry. */
  model_registry_access_level?: FeatureAccessLevel;
  /** Who can use requirements (Premium and Ultimate). */
  requirements_access_level?: FeatureAccessLevel;
  /** Whether email notifications are off (deprecated; see `emails_enabled`). */
  emails_disabled?: boolean;
  /** Whether email notifications are on. */
  emails_enabled?: boolean;
  /** Whether instance runners may run its jobs. */
  shared_runners_enabled: boolean;
  /** Whether Git LFS is on. */
  lfs_enabled: boolean;
  /** The creator's user id. */
  creator_id: number;
  /** For a fork: whether merge requests target the fork itself by default. */
  mr_default_target_self?: boolean;
  /** The URL the project was imported from; only for project administrators. */
  import_url?: string | null;
  /** How the project was imported (e.g. `git`, `github`); only for project administrators. */
  import_type?: string | null;
  /**
   * The import's state. Known values: `none`, `scheduled`, `started`, `finished`, `failed`, `canceled`.
   */
  import_status: string;
  /** Why the import failed; only for project administrators. */
  import_error?: string | null;
  /** Open issues; only when issues are available to you. */
  open_issues_count?: number;
  /** The description rendered as HTML (newer GitLab versions). */
  description_html?: string;
  /** ISO 8601. */
  updated_at: string;
  /** Default shallow-clone depth of CI jobs; only for project administrators. */
  ci_default_git_depth?: number | null;
  /** Pipelines older than this many seconds are deleted; only for project administrators. */
  ci_delete_pipelines_in_seconds?: number | null;
  /** Whether outdated deployment jobs are skipped; only for project administrators. */
  ci_forward_deployment_enabled?: boolean;
  /** Whether rollback deployments may bypass that skip; only for project administrators. */
  ci_forward_deployment_rollback_allowed?: boolean;
  /** Whether the job token's outbound scope is limited; only for project administrators. */
  ci_job_token_scope_enabled?: boolean;
  /** Whether protected and unprotected branches use separate caches; only for project administrators. */
  ci_separated_caches?: boolean;
  /** Whether fork pipelines may run in this project; only for project administrators. */
  ci_allow_fork_pipelines_to_run_in_parent_project?: boolean;
  /** Claims that make up an ID token's `sub`; only for project administrators. */
  ci_id_token_sub_claim_components?: string[];
  /** How jobs get the code; only for project administrators. */
  build_git_strategy?: "fetch" | "clone";
  /** Whether the latest artifacts are kept regardless of expiry; only for project administrators. */
  keep_latest_artifact?: boolean;
  /** Whether only privileged users may set pipeline variables; only for project administrators. */
  restrict_user_defined_variables?: boolean;
  /**
   * The lowest role that may override pipeline variables; only for project administrators. Known values:
   * `no_one_allowed`, `developer`, `maintainer`, `owner`.
   */
  ci_pipeline_variables_minimum_override_role?: string;
  /** The runner registration token; only for project administrators. */
  runners_token?: string | null;
  /** Seconds after which runner tokens expire; only for project administrators. */
  runner_token_expiration_interval?: number | null;
  /** Whether group runners may run its jobs; only for project administrators. */
  group_runners_enabled?: boolean;
  /** Whether redundant pipelines are cancelled (`enabled` or `disabled`); only for project administrators. */
  auto_cancel_pending_pipelines?: "enabled" | "disabled";
  /** Job timeout in seconds; only for project administrators. */
  build_timeout?: number;
  /** Whether Auto DevOps is on; only for project administrators. */
  auto_devops_enabled?: boolean;
  /** Auto DevOps' deploy strategy; only for project administrators. */
  auto_devops_deploy_strategy?: "continuous" | "manual" | "timed_incremental";
  /** Whether job tokens may push to the repository; only for project administrators. */
  ci_push_repository_for_job_token_allowed?: boolean;
  /** The CI configuration file's path; only with read access to the code. */
  ci_config_path?: string | null;
  /** Whether job logs and artifacts are public. */
  public_jobs?: boolean;
  /** The groups the project is shared with (those visible to you). */
  shared_with_groups?: SharedGroupWithProject[];
  /** Whether merging needs a successful pipeline. */
  only_allow_merge_if_pipeline_succeeds: boolean;
  /** Whether a skipped pipeline counts as successful for merging. */
  allow_merge_on_skipped_pipeline?: boolean | null;
  /** Whether users may request access. */
  request_access_enabled?: boolean;
  /** Whether merging needs every discussion resolved. */
  only_allow_merge_if_all_discussions_are_resolved?: boolean | null;
  /** Whether merge requests delete their source branch by default. */
  remove_source_branch_after_merge?: boolean | null;
  /** Whether pushes print a link to open a merge request. */
  printing_merge_request_link_enabled?: boolean;
  /** How merge requests merge: `merge`, `rebase_merge` or `ff`. */
  merge_method: string;
  /** Whether merges squash commits. */
  squash_option?: "never" | "always" | "default_on" | "default_off";
  /** Whether uploads need authentication. */
  enforce_auth_checks_on_uploads?: boolean;
  /** The commit message used when applying suggestions. */
  suggestion_commit_message?: string | null;
  /** The merge commit message template. */
  merge_commit_template?: string | null;
  /** The squash commit message template. */
  squash_commit_template?: string | null;
  /** The template for branch names created from issues. */
  issue_branch_template?: string | null;
  /** Storage figures; only with `statistics=true` and reporter access or more. */
  statistics?: ProjectStatistics;
  /** Whether GitLab warns about unusual characters in files. */
  warn_about_potentially_unwanted_characters?: boolean;
  /** Whether issues closed by merge requests are closed automatically. */
  autoclose_referenced_issues?: boolean;
  /** The largest artifact size in MB allowed (null: the instance default); only for administrators. */
  max_artifacts_size?: number | null;
  /** The source project, for a fork you may read. */
  forked_from_project?: BasicProjectDetails;
  /** When the project is scheduled for deletion (`YYYY-MM-DD`). */
  marked_for_deletion_on?: string | null;
  /** Deprecated copy of `marked_for_deletion_on`. */
  marked_for_deletion_at?: string | null;
  /** Approvals needed to merge (deprecated; Premium and Ultimate). */
  approvals_before_merge?: number;
  /** Whether the project pulls from a mirror (Premium and Ultimate). */
  mirror?: boolean;
  /** The user the mirror's pushes are attributed to; only for mirrored projects. */
  mirror_user_id?: number | null;
  /** Whether mirror updates run pipelines; only for mirrored projects. */
  mirror_trigger_builds?: boolean;
  /** Whether only protected branches are mirrored; only for mirrored projects. */
  only_mirror_protected_branches?: boolean | null;
  /** Whether mirroring overwrites diverged branches; only for mirrored projects. */
  mirror_overwrites_diverged_branches?: boolean | null;
  /** The external authorization label; only when that service is licensed. */
  external_authorization_classification_label?: string | null;
  /** Whether you can use requirements (deprecated; Premium and Ultimate). */
  requirements_enabled?: boolean;
  /** Whether you can use security and compliance features (Ultimate). */
  security_and_compliance_enabled?: boolean;
  /** Whether secret push protection is on; only for users allowed to see it (Ultimate). */
  secret_push_protection_enabled?: boolean | null;
  /** Deprecated copy of `secret_push_protection_enabled`. */
  pre_receive_secret_detection_enabled?: boolean | null;
  /** Names of the compliance frameworks applied (Premium and Ultimate). */
  compliance_frameworks?: string[];
  /** The default issue description; only with the licensed feature and issue access. */
  issues_template?: string | null;
  /** The default merge request description; only with the licensed feature and merge request access. */
  merge_requests_template?: string | null;
  /** The lowest role that may cancel pipelines; only for project administrators with the licensed feature. */
  ci_restrict_pipeline_cancellation_role?: string;
  /** Whether merged results pipelines are on (Premium and Ultimate). */
  merge_pipelines_enabled?: boolean;
  /** Whether merge trains are on (Premium and Ultimate). */
  merge_trains_enabled?: boolean;
  /** Whether merge requests may skip the merge train (Premium and Ultimate). */
  merge_trains_skip_train_allowed?: boolean;
  /** Whether merging needs every external status check passed (Ultimate). */
  only_allow_merge_if_all_status_checks_passed?: boolean;
  /** Whether pipeline trigger tokens may approve deployments (Premium and Ultimate). */
  allow_pipeline_trigger_approve_deployment?: boolean;
  /** Whether merge requests need a Jira issue key (Ultimate). */
  prevent_merge_without_jira_issue?: boolean;
}

/**
 * A project with your own access to it (GitLab's `ProjectWithAccess`): what `GET /projects/:id` returns and,
 * for a signed-in caller, each item of the project lists. Lists asked with `simple=true`, or asked without
 * a token, carry only the fields of {@linkcode BasicProjectDetails}.
 *
 * @example
 * ```ts
 * import { createClient, getProject, type ProjectWithAccess } from "@gitlab-edge/client";
 * import { createSimulator, SIM_USER_TOKEN } from "@gitlab-edge/client/testing";
 * const client = createClient({
 *   baseUrl: "https://gitlab.example.com",
 *   token: SIM_USER_TOKEN,
 *   fetch: createSimulator().fetch,
 * });
 * const project: ProjectWithAccess = await getProject(client, "acme/web");
 * const level = project.permissions?.project_access?.access_level ?? 0;
 * console.log(project.path_with_namespace, level >= 30 ? "can push" : "read only");
 * ```
 */
export interface ProjectWithAccess extends Project {
  /** Your access through membership of the project and of its group (null where you have none). */
  permissions?: {
    /** Your direct membership of the project. */
    project_access: MemberAccess | null;
    /** Your membership of the project's group (for projects in a group). */
    group_access: MemberAccess | null;
  };
}

/**
 * A project's share with a group (GitLab's `ProjectGroupLink`), the answer of `POST /projects/:id/share`.
 *
 * @example
 * ```ts
 * import type { ProjectGroupLink } from "@gitlab-edge/client";
 * const expires = (link: ProjectGroupLink): string => link.expires_at ?? "never";
 * ```
 */
export interface ProjectGroupLink {
  /** The link's id. */
  id: number;
  /** The project shared. */
  project_id: number;
  /** The group it is shared with. */
  group_id: number;
  /** The access the group's members get. */
  group_access: AccessLevel;
  /** When the share ends (`YYYY-MM-DD`), if it does. */
  expires_at: string | null;
  /** The custom role given instead of a plain access level (Ultimate). */
  member_role_id?: number | null;
}

/**
 * Where a project's repository is stored (GitLab's `ProjectRepositoryStorage`, administrators only).
 *
 * @example
 * ```ts
 * import type { ProjectRepositoryStorage } from "@gitlab-edge/client";
 * const where = (s: ProjectRepositoryStorage): string => `${s.repository_storage}:${s.disk_path}`;
 * ```
 */
export interface ProjectRepositoryStorage {
  /** The repository's path on its storage. */
  disk_path: string;
  /** The project. */
  project_id: number;
  /** The storage shard's name. */
  repository_storage: string;
  /** ISO 8601. */
  created_at: string;
}

/**
 * One part of an import that failed (GitLab's `ProjectImportFailedRelation`).
 *
 * @example
 * ```ts
 * import type { ProjectImportFailedRelation } from "@gitlab-edge/client";
 * const line = (f: ProjectImportFailedRelation): string => `${f.relation_name}: ${f.exception_class}`;
 * ```
 */
export interface ProjectImportFailedRelation {
  /** The failure's id. */
  id: number;
  /** ISO 8601. */
  created_at: string;
  /** The error's class name. */
  exception_class: string;
  /** The error's message. */
  exception_message: string | null;
  /** The import step that failed. */
  source: string;
  /** The kind of object that failed, e.g. `issues`. */
  relation_name: string;
  /** The line of the export file, where known. */
  line_number: number | null;
}

/**
 * The state of a project import (GitLab's `ProjectImportStatus`).
 *
 * @example
 * ```ts
 * import type { ProjectImportStatus } from "@gitlab-edge/client";
 * const done = (s: ProjectImportStatus): boolean => s.import_status === "finished";
 * ```
 */
export interface ProjectImportStatus extends ProjectIdentity {
  /** Known values: `none`, `scheduled`, `started`, `finished`, `failed`, `canceled`. */
  import_status: string;
  /** The importer used, e.g. `gitlab_project`. */
  import_type: string | null;
  /** An id to find the import in GitLab's logs. */
  correlation_id: string | null;
  /** The parts that failed. */
  failed_relations: ProjectImportFailedRelation[];
  /** Why the import failed. */
  import_error: string | null;
  /** Counts of imported objects; only for importers that report them. */
  stats?: JsonObject;
}

/**
 * A user who starred a project (GitLab's `UserStarsProject`).
 *
 * @example
 * ```ts
 * import type { UserStarsProject } from "@gitlab-edge/client";
 * const fans = (stars: UserStarsProject[]): string[] => stars.map((s) => s.user.username);
 * ```
 */
export interface UserStarsProject {
  /** When the star was given, ISO 8601. */
  starred_since: string;
  /** Who starred. */
  user: UserBasic;
}

/**
 * The languages of a repository: each language's share in percent.
 *
 * @example
 * ```ts
 * import type { ProjectLanguages } from "@gitlab-edge/client";
 * const main = (languages: ProjectLanguages): string | undefined =>
 *   Object.entries(languages).sort((a, b) => b[1] - a[1])[0]?.[0];
 * ```
 */
export type ProjectLanguages = { [language: string]: number };

/**
 * A project's merge request approval rule (GitLab's `ProjectApprovalRule`; Premium and Ultimate).
 *
 * @example
 * ```ts
 * import type { ProjectApprovalRule } from "@gitlab-edge/client";
 * const guards = (rule: ProjectApprovalRule): string =>
 *   rule.applies_to_all_protected_branches ? "all protected branches" : (rule.protected_branches ?? []).map((b) => b.name).join(", ");
 * ```
 */
export interface ProjectApprovalRule extends ApprovalRule {
  /** The branches the rule applies to; only where the plan allows several rules. */
  protected_branches?: ProtectedBranch[];
  /** Whether the rule applies to every protected branch. */
  applies_to_all_protected_branches: boolean;
}

/**
 * A project's merge request approval settings (GitLab's `ApprovalSettings`; Premium and Ultimate).
 *
 * @example
 * ```ts
 * import type { ApprovalSettings } from "@gitlab-edge/client";
 * const strict = (s: ApprovalSettings): boolean =>
 *   s.reset_approvals_on_push && !s.merge_requests_author_approval && s.merge_requests_disable_committers_approval;
 * ```
 */
export interface ApprovalSettings {
  /** Deprecated; always empty. */
  approvers: JsonObject[];
  /** Deprecated; always empty. */
  approver_groups: JsonObject[];
  /** Approvals needed to merge (deprecated in favour of approval rules). */
  approvals_before_merge: number;
  /** Whether new pushes reset approvals. */
  reset_approvals_on_push: boolean;
  /** Whether pushes reset only the approvals of code owners whose files changed. */
  selective_code_owner_removals: boolean;
  /** Whether merge requests may not change their approvers. */
  disable_overriding_approvers_per_merge_request: boolean;
  /** Whether authors may approve their own merge requests. */
  merge_requests_author_approval: boolean;
  /** Whether committers may not approve. */
  merge_requests_disable_committers_approval: boolean;
  /** Whether approving asks for the password. */
  require_password_to_approve: boolean;
  /** Whether approving asks to authenticate again (newer GitLab versions). */
  require_reauthentication_to_approve?: boolean;
}

/**
 * A project's push rules (GitLab's `ProjectPushRule`; Premium and Ultimate).
 *
 * @example
 * ```ts
 * import type { ProjectPushRule } from "@gitlab-edge/client";
 * const blocksSecrets = (rule: ProjectPushRule | null): boolean => rule?.prevent_secrets ?? false;
 * ```
 */
export interface ProjectPushRule {
  /** The rule's id. */
  id: number;
  /** The project. */
  project_id: number;
  /** ISO 8601. */
  created_at: string;
  /** Commit messages must match this. */
  commit_message_regex: string | null;
  /** Commit messages must not match this. */
  commit_message_negative_regex: string | null;
  /** Branch names must match this. */
  branch_name_regex: string | null;
  /** Whether tags may not be deleted. */
  deny_delete_tag: boolean | null;
  /** Whether commit authors must be GitLab users. */
  member_check: boolean;
  /** Whether files that look like secrets are rejected. */
  prevent_secrets: boolean;
  /** Commit author emails must match this. */
  author_email_regex: string | null;
  /** Files with names matching this are rejected. */
  file_name_regex: string | null;
  /** The largest file allowed, in MB (0: no limit). */
  max_file_size: number;
  /** Whether committers must push with their own verified email; only with the licensed feature. */
  commit_committer_check?: boolean | null;
  /** Whether the committer name must match the user's name; only with the licensed feature. */
  commit_committer_name_check?: boolean | null;
  /** Whether unsigned commits are rejected; only with the licensed feature. */
  reject_unsigned_commits?: boolean | null;
  /** Whether commits without a DCO sign-off are rejected (newer GitLab versions). */
  reject_non_dco_commits?: boolean | null;
}

/**
 * A project's pull mirror configuration and state (GitLab's `PullMirror`; Premium and Ultimate).
 *
 * @example
 * ```ts
 * import type { PullMirror } from "@gitlab-edge/client";
 * const healthy = (m: PullMirror): boolean => m.enabled && m.last_error === null;
 * ```
 */
export interface PullMirror {
  /** The mirror state's id. */
  id: number;
  /** The last update's state. Known values: `none`, `scheduled`, `started`, `finished`, `failed`. */
  update_status: string;
  /** The source URL, with credentials masked. */
  url: string;
  /** The last update's error, if it failed. */
  last_error: string | null;
  /** ISO 8601. */
  last_update_at: string | null;
  /** ISO 8601. */
  last_update_started_at: string | null;
  /** ISO 8601. */
  last_successful_update_at: string | null;
  /** Whether mirroring is on. */
  enabled: boolean;
  /** Whether updates run pipelines. */
  mirror_trigger_builds: boolean;
  /** Whether only protected branches are mirrored. */
  only_mirror_protected_branches: boolean | null;
  /** Whether diverged branches are overwritten. */
  mirror_overwrites_diverged_branches: boolean | null;
  /** Only branches matching this are mirrored. */
  mirror_branch_regex: string | null;
}

/**
 * The answer of `POST /projects/:id/uploads`.
 *
 * @example
 * ```ts
 * import type { ProjectUpload } from "@gitlab-edge/client";
 * const issueBody = (upload: ProjectUpload): string => `Steps to reproduce are in ${upload.markdown}`;
 * ```
 */
export interface ProjectUpload {
  /** The upload's id. */
  id: number;
  /** The file name without extension. */
  alt: string;
  /** The URL relative to the project. */
  url: string;
  /** The path relative to the instance. */
  full_path: string;
  /** Markdown linking to the upload. */
  markdown: string;
}

/**
 * An uploaded file as the upload lists show it to maintainers (GitLab's `MarkdownUploadAdmin`).
 *
 * @example
 * ```ts
 * import type { MarkdownUploadAdmin } from "@gitlab-edge/client";
 * const large = (uploads: MarkdownUploadAdmin[]): string[] =>
 *   uploads.filter((u) => u.size > 10 * 2 ** 20).map((u) => u.filename);
 * ```
 */
export interface MarkdownUploadAdmin {
  /** The upload's id. */
  id: number;
  /** Bytes. */
  size: number;
  /** The file's name. */
  filename: string;
  /** ISO 8601. */
  created_at: string;
  /** Who uploaded it (null when the account is gone). */
  uploaded_by: UserSafe | null;
}

/**
 * GitLab's bare status answer: `202 Accepted` from asynchronous operations such as `DELETE /projects/:id`,
 * `201 Created` from a successful webhook test.
 *
 * @example
 * ```ts
 * import { type AcceptedMessage, createClient, deleteProject } from "@gitlab-edge/client";
 * import { createSimulator, SIM_ADMIN_TOKEN } from "@gitlab-edge/client/testing";
 * const client = createClient({
 *   baseUrl: "https://gitlab.example.com",
 *   token: SIM_ADMIN_TOKEN,
 *   fetch: createSimulator().fetch,
 * });
 * const answer: AcceptedMessage | undefined = await deleteProject(client, "acme/handbook");
 * console.log(answer?.message); // "202 Accepted"
 * ```
 */
export interface AcceptedMessage {
  /** E.g. `202 Accepted` or `201 Created`. */
  message: string;
}
