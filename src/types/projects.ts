/**
 * Project types, after GitLab's Projects API documentation.
 *
 * @module
 */

import type { AccessLevel, NamespaceBasic, UserBasic, Visibility } from "./common.ts";

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
