/**
 * Project types, after GitLab's Projects API documentation.
 *
 * @module
 */

import type { AccessLevel, NamespaceBasic, Sort, UserBasic, Visibility } from "./common.ts";

/**
 * A project as `GET /projects?simple=true` returns it; every project has at least these fields.
 *
 * @example
 * ```ts
 * import type { ProjectSimple } from "gitlab-edge";
 * const cloneCommand = (project: ProjectSimple): string => `git clone ${project.http_url_to_repo}`;
 * ```
 */
export interface ProjectSimple {
  /** The project id. */
  id: number;
  /** The description. */
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
  /** The default branch (absent for an empty repository). */
  default_branch?: string | null;
  /** Topics. */
  topics?: string[];
  /** Deprecated alias of `topics`. */
  tag_list?: string[];
  /** Clone URL over SSH. */
  ssh_url_to_repo: string;
  /** Clone URL over HTTP(S). */
  http_url_to_repo: string;
  /** The project's page. */
  web_url: string;
  /** The README's page, if any. */
  readme_url?: string | null;
  /** The avatar's URL. */
  avatar_url: string | null;
  /** Number of forks. */
  forks_count: number;
  /** Number of stars. */
  star_count: number;
  /** ISO 8601. */
  last_activity_at: string;
  /** The owning namespace. */
  namespace: NamespaceBasic;
}

/**
 * Repository and storage statistics (`statistics=true`, reporter access or more).
 *
 * @example
 * ```ts
 * import type { ProjectStatistics } from "gitlab-edge";
 * const mebibytes = (statistics: ProjectStatistics): string =>
 *   `${(statistics.repository_size / 2 ** 20).toFixed(1)} MiB in ${statistics.commit_count} commits`;
 * ```
 */
export interface ProjectStatistics {
  /** Commits on the default branch. */
  commit_count: number;
  /** Bytes. */
  storage_size: number;
  /** Bytes. */
  repository_size: number;
  /** Bytes. */
  wiki_size: number;
  /** Bytes. */
  lfs_objects_size: number;
  /** Bytes. */
  job_artifacts_size: number;
  /** Bytes. */
  packages_size: number;
  /** Bytes. */
  snippets_size: number;
  /** Bytes. */
  uploads_size: number;
}

/**
 * Links from a project to its related API resources.
 *
 * @example
 * ```ts
 * import type { ProjectLinks } from "gitlab-edge";
 * const issuesApi = (links: ProjectLinks): string | undefined => links.issues; // absent when issues are off
 * ```
 */
export interface ProjectLinks {
  /** The project itself. */
  self: string;
  /** Its issues (absent when issues are disabled). */
  issues?: string;
  /** Its merge requests (absent when merge requests are disabled). */
  merge_requests?: string;
  /** Its branches. */
  repo_branches: string;
  /** Its labels. */
  labels: string;
  /** Its events. */
  events: string;
  /** Its members. */
  members: string;
  /** Its Kubernetes agents. */
  cluster_agents?: string;
}

/**
 * A project, as `GET /projects/:id` returns it. Fields vary with GitLab's version and your access.
 *
 * @example
 * ```ts
 * import { createClient, getProject, type Project } from "gitlab-edge";
 * import { createSimulator } from "gitlab-edge/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: createSimulator().fetch });
 * const project: Project = await getProject(client, "acme/web");
 * console.log(project.path_with_namespace, project.visibility, project.archived);
 * ```
 */
export interface Project extends ProjectSimple {
  /** `private`, `internal` or `public`. */
  visibility: Visibility;
  /** The owner (personal projects only). */
  owner?: UserBasic;
  /** Whether the project is archived. */
  archived: boolean;
  /** Whether issues are enabled. */
  issues_enabled?: boolean;
  /** Whether merge requests are enabled. */
  merge_requests_enabled?: boolean;
  /** Whether the wiki is enabled. */
  wiki_enabled?: boolean;
  /** Whether CI/CD jobs are enabled. */
  jobs_enabled?: boolean;
  /** Whether snippets are enabled. */
  snippets_enabled?: boolean;
  /** `enabled`, `private` or `disabled`. */
  issues_access_level?: string;
  /** `enabled`, `private` or `disabled`. */
  repository_access_level?: string;
  /** `enabled`, `private` or `disabled`. */
  merge_requests_access_level?: string;
  /** `enabled`, `private` or `disabled`. */
  builds_access_level?: string;
  /** Open issues (present when issues are enabled). */
  open_issues_count?: number;
  /** The creator's user id. */
  creator_id?: number;
  /** `merge`, `rebase_merge` or `ff`. */
  merge_method?: string;
  /** `never`, `always`, `default_on` or `default_off`. */
  squash_option?: string;
  /** Whether the project is empty. */
  empty_repo?: boolean;
  /** The CI configuration path. */
  ci_config_path?: string | null;
  /** The project this one was forked from. */
  forked_from_project?: ProjectSimple;
  /** Import status. */
  import_status?: string;
  /** Links to related API resources. */
  _links?: ProjectLinks;
  /** Your access through the project and its group. */
  permissions?: {
    project_access: { access_level: AccessLevel; notification_level: number } | null;
    group_access: { access_level: AccessLevel; notification_level: number } | null;
  };
  /** Present with `statistics=true`. */
  statistics?: ProjectStatistics;
  /** Present with `license=true`. */
  license?: {
    key: string;
    name: string;
    nickname: string | null;
    html_url: string;
    source_url: string | null;
  };
  /** When the project is scheduled for deletion (`YYYY-MM-DD`). */
  marked_for_deletion_on?: string | null;
  /** ISO 8601. */
  updated_at?: string;
}

/**
 * Filters of `GET /projects` (and of a user's or group's projects).
 *
 * @example
 * ```ts
 * import type { ListProjectsParams } from "gitlab-edge";
 * const mine: ListProjectsParams = {
 *   membership: true,
 *   archived: false,
 *   order_by: "last_activity_at",
 *   sort: "desc",
 * };
 * ```
 */
export interface ListProjectsParams {
  /** Limit by archived status. */
  archived?: boolean;
  /** Projects with ids greater than this. */
  id_after?: number;
  /** Projects with ids less than this. */
  id_before?: number;
  /** Only projects imported by the current user. */
  imported?: boolean;
  /** Include hidden projects (administrators). */
  include_hidden?: boolean;
  /** Include projects pending deletion (administrators). */
  include_pending_delete?: boolean;
  /** Last activity after this date. */
  last_activity_after?: Date | string;
  /** Last activity before this date. */
  last_activity_before?: Date | string;
  /** Only projects the current user is a member of. */
  membership?: boolean;
  /** At least this access level for the current user. */
  min_access_level?: AccessLevel;
  /** The sort key (`id` for keyset pagination). */
  order_by?:
    | "id"
    | "name"
    | "path"
    | "created_at"
    | "updated_at"
    | "last_activity_at"
    | "similarity"
    | "star_count";
  /** Only projects owned by the current user. */
  owned?: boolean;
  /** Search by name (and namespace with `search_namespaces`). */
  search?: string;
  /** Match `search` against namespaces too. */
  search_namespaces?: boolean;
  /** Return only the limited fields of {@linkcode ProjectSimple}. */
  simple?: boolean;
  /** Sort direction. */
  sort?: Sort;
  /** Only projects starred by the current user. */
  starred?: boolean;
  /** Include statistics (administrators or reporters). */
  statistics?: boolean;
  /** Comma-separated topic names that all must match. */
  topic?: string;
  /** A topic id. */
  topic_id?: number;
  /** Updated after this date. */
  updated_after?: Date | string;
  /** Updated before this date. */
  updated_before?: Date | string;
  /** Limit by visibility. */
  visibility?: Visibility;
  /** Include custom attributes (administrators). */
  with_custom_attributes?: boolean;
  /** Only projects with issues enabled. */
  with_issues_enabled?: boolean;
  /** Only projects with merge requests enabled. */
  with_merge_requests_enabled?: boolean;
  /** Only projects using this language. */
  with_programming_language?: string;
  /** Only projects marked for deletion on this date (`YYYY-MM-DD`). */
  marked_for_deletion_on?: string;
  /** Only active projects (neither archived nor marked for deletion). */
  active?: boolean;
}

/**
 * Filters of `GET /groups/:id/projects`.
 *
 * @example
 * ```ts
 * import type { ListGroupProjectsParams } from "gitlab-edge";
 * const wholeTree: ListGroupProjectsParams = { include_subgroups: true, archived: false, order_by: "path" };
 * ```
 */
export interface ListGroupProjectsParams {
  /** Limit by archived status. */
  archived?: boolean;
  /** Include projects of subgroups. */
  include_subgroups?: boolean;
  /** At least this access level for the current user. */
  min_access_level?: AccessLevel;
  /** The sort key. */
  order_by?:
    | "id"
    | "name"
    | "path"
    | "created_at"
    | "updated_at"
    | "similarity"
    | "star_count"
    | "last_activity_at";
  /** Only projects owned by the current user. */
  owned?: boolean;
  /** Search by name. */
  search?: string;
  /** Return only the limited fields. */
  simple?: boolean;
  /** Sort direction. */
  sort?: Sort;
  /** Only starred projects. */
  starred?: boolean;
  /** Limit by topic. */
  topic?: string;
  /** Limit by visibility. */
  visibility?: Visibility;
  /** Include custom attributes (administrators). */
  with_custom_attributes?: boolean;
  /** Only projects with issues enabled. */
  with_issues_enabled?: boolean;
  /** Only projects with merge requests enabled. */
  with_merge_requests_enabled?: boolean;
  /** Include projects shared with the group. */
  with_shared?: boolean;
  /** Only projects with security reports (Ultimate). */
  with_security_reports?: boolean;
}

/**
 * Options of `GET /projects/:id`.
 *
 * @example
 * ```ts
 * import type { GetProjectParams } from "gitlab-edge";
 * const withDetails: GetProjectParams = { statistics: true, license: true };
 * ```
 */
export interface GetProjectParams {
  /** Include the license. */
  license?: boolean;
  /** Include statistics. */
  statistics?: boolean;
  /** Include custom attributes (administrators). */
  with_custom_attributes?: boolean;
}

/**
 * Settings accepted when creating or editing a project (a subset; GitLab accepts many more).
 *
 * @example
 * ```ts
 * import type { ProjectSettings } from "gitlab-edge";
 * const strictMerges: ProjectSettings = {
 *   merge_method: "ff",
 *   only_allow_merge_if_pipeline_succeeds: true,
 *   remove_source_branch_after_merge: true,
 * };
 * ```
 */
export interface ProjectSettings {
  /** The display name. */
  name?: string;
  /** The path segment. */
  path?: string;
  /** The description. */
  description?: string;
  /** The default branch. */
  default_branch?: string;
  /** `private`, `internal` or `public`. */
  visibility?: Visibility;
  /** Topics. */
  topics?: string[];
  /** Enable issues. */
  issues_enabled?: boolean;
  /** Enable merge requests. */
  merge_requests_enabled?: boolean;
  /** Enable the wiki. */
  wiki_enabled?: boolean;
  /** Enable CI/CD jobs. */
  jobs_enabled?: boolean;
  /** Enable snippets. */
  snippets_enabled?: boolean;
  /** `enabled`, `private` or `disabled`. */
  issues_access_level?: "enabled" | "private" | "disabled";
  /** `enabled`, `private` or `disabled`. */
  merge_requests_access_level?: "enabled" | "private" | "disabled";
  /** `enabled`, `private` or `disabled`. */
  builds_access_level?: "enabled" | "private" | "disabled";
  /** `enabled`, `private` or `disabled`. */
  repository_access_level?: "enabled" | "private" | "disabled";
  /** `merge`, `rebase_merge` or `ff`. */
  merge_method?: "merge" | "rebase_merge" | "ff";
  /** `never`, `always`, `default_on` or `default_off`. */
  squash_option?: "never" | "always" | "default_on" | "default_off";
  /** Allow merging only when the pipeline succeeded. */
  only_allow_merge_if_pipeline_succeeds?: boolean;
  /** Allow merging only when all discussions are resolved. */
  only_allow_merge_if_all_discussions_are_resolved?: boolean;
  /** Delete the source branch after merging by default. */
  remove_source_branch_after_merge?: boolean;
  /** Enable Git LFS. */
  lfs_enabled?: boolean;
  /** Let users request access. */
  request_access_enabled?: boolean;
  /** Enable shared runners. */
  shared_runners_enabled?: boolean;
  /** The CI configuration path. */
  ci_config_path?: string;
  /** Build timeout in seconds. */
  build_timeout?: number;
  /** Close referenced issues on merge. */
  autoclose_referenced_issues?: boolean;
}

/**
 * Attributes of `POST /projects`: `name` or `path` is required.
 *
 * @example
 * ```ts
 * import type { CreateProjectParams } from "gitlab-edge";
 * const docs: CreateProjectParams = {
 *   name: "Docs",
 *   namespace_id: 7,
 *   visibility: "internal",
 *   initialize_with_readme: true,
 * };
 * ```
 */
export interface CreateProjectParams extends ProjectSettings {
  /** The namespace (group) id; defaults to your personal namespace. */
  namespace_id?: number;
  /** Create a README on the default branch. */
  initialize_with_readme?: boolean;
  /** Import the repository from this URL. */
  import_url?: string;
  /** A built-in template's name. */
  template_name?: string;
  /** A custom template project's id. */
  template_project_id?: number;
  /** Use a custom instance or group template. */
  use_custom_template?: boolean;
  /** The group holding custom templates. */
  group_with_project_templates_id?: number;
}

/**
 * Attributes of `PUT /projects/:id`.
 *
 * @example
 * ```ts
 * import type { EditProjectParams } from "gitlab-edge";
 * const changes: EditProjectParams = { description: "Our public web site", topics: ["web", "frontend"] };
 * ```
 */
export interface EditProjectParams extends ProjectSettings {
  /** Archive or unarchive? Use the archive endpoints; kept for completeness. */
  keep_latest_artifact?: boolean;
}

/**
 * Options of `DELETE /projects/:id`.
 *
 * @example
 * ```ts
 * import type { DeleteProjectParams } from "gitlab-edge";
 * const now: DeleteProjectParams = { permanently_remove: true, full_path: "acme/old-site" };
 * ```
 */
export interface DeleteProjectParams {
  /** Delete immediately a project already marked for deletion (needs `full_path`). */
  permanently_remove?: boolean;
  /** The project's full path, confirming `permanently_remove`. */
  full_path?: string;
}

/**
 * Attributes of `POST /projects/:id/fork`.
 *
 * @example
 * ```ts
 * import type { ForkProjectParams } from "gitlab-edge";
 * const personalFork: ForkProjectParams = {
 *   namespace_path: "alice",
 *   path: "web-fork",
 *   visibility: "private",
 * };
 * ```
 */
export interface ForkProjectParams {
  /** The fork's name. */
  name?: string;
  /** The fork's path. */
  path?: string;
  /** The target namespace id. */
  namespace_id?: number;
  /** The target namespace path. */
  namespace_path?: string;
  /** The fork's description. */
  description?: string;
  /** The fork's visibility. */
  visibility?: Visibility;
  /** Only fork these branches (one name, or empty for all). */
  branches?: string;
  /** Target merge requests at this fork by default. */
  mr_default_target_self?: boolean;
}

/**
 * Attributes of `POST /projects/:id/uploads`.
 *
 * @example
 * ```ts
 * import type { UploadProjectFileParams } from "gitlab-edge";
 * const screenshot: UploadProjectFileParams = {
 *   file: new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], "screenshot.png", { type: "image/png" }),
 * };
 * ```
 */
export interface UploadProjectFileParams {
  /** The file. Give a `File` (or a `Blob`) so GitLab learns its name. */
  file: Blob;
}

/**
 * The answer of `POST /projects/:id/uploads`.
 *
 * @example
 * ```ts
 * import type { ProjectUpload } from "gitlab-edge";
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
 * The answer of asynchronous operations such as `DELETE /projects/:id` (202).
 *
 * @example
 * ```ts
 * import { type AcceptedMessage, createClient, deleteProject } from "gitlab-edge";
 * import { createSimulator, SIM_ADMIN_TOKEN } from "gitlab-edge/testing";
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
  /** E.g. `202 Accepted`. */
  message: string;
}
