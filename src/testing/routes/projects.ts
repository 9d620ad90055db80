/**
 * Projects: `POST /projects`, `GET`/`PUT`/`DELETE /projects/:id`, the project renderers, the project
 * records and the `addProject`/`addProjects` builders. Lists are in `project_lists.ts`, forks in
 * `forks.ts`.
 *
 * @module
 */

import {
  ACCESS,
  canReadProject,
  groupAccess,
  projectAccess,
  requireAuth,
  requireProjectAccess,
} from "../access.ts";
import type { RenderContext, RequestContext } from "../context.ts";
import {
  checkNamespaceWritable,
  namespaceFullName,
  namespaceFullPath,
  namespaceParam,
  renderNamespace,
} from "../namespaces.ts";
import { bool, list, str } from "../params.ts";
import type { NsRec, ProjectRec, UserRec } from "../records.ts";
import { commitFile, ensureRepo } from "../repository.ts";
import { HttpError, jsonResponse, notFound } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import { lowerBound } from "../sorting.ts";
import type { Store } from "../store.ts";
import type { AccessLevel } from "../../types/common.ts";
import type { BasicProjectDetails, Project, ProjectWithAccess } from "../../types/projects.ts";
import type { AddProjectInput, SimVisibility } from "../types.ts";
import { defaultOwner, renderUserBasic } from "./users.ts";

const NOTIFICATION_LEVEL_GLOBAL = 3;

/** Host name of the web URL (no port), for SSH and registry URLs. */
function webHost(view: RenderContext): string {
  try {
    return new URL(view.webUrl).hostname;
  } catch {
    return view.webUrl.replace(/^https?:\/\//, "");
  }
}

/** @internal a project as `simple=true` lists and `forked_from_project` show it. */
export function renderProjectSimple(view: RenderContext, p: ProjectRec): BasicProjectDetails {
  const web = `${view.webUrl}/${p.fullPath}`;
  const readme = p.repo?.branches.get(p.defaultBranch)?.files.has("README.md");
  return {
    id: p.id,
    description: p.description,
    name: p.name,
    name_with_namespace: `${namespaceFullName(p.ns)} / ${p.name}`,
    path: p.path,
    path_with_namespace: p.fullPath,
    created_at: p.createdAt,
    default_branch: p.defaultBranch,
    tag_list: p.topics,
    topics: p.topics,
    ssh_url_to_repo: `git@${webHost(view)}:${p.fullPath}.git`,
    http_url_to_repo: `${web}.git`,
    web_url: web,
    readme_url: readme ? `${web}/-/blob/${p.defaultBranch}/README.md` : null,
    forks_count: p.forksCount,
    avatar_url: null,
    star_count: p.starCount,
    last_activity_at: p.lastActivityAt,
    namespace: renderNamespace(view, p.ns),
  };
}

/** ISO time `days` after `iso`. */
function isoPlusDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * 86_400_000).toISOString();
}

/**
 * @internal a project as GitLab's `Project` entity presents it (what creating, editing and forking answer
 * with); the fields GitLab shows only to project administrators appear for a maintainer, owner or admin.
 */
export function renderProjectEntity(view: RenderContext, p: ProjectRec, viewer: UserRec | null): Project {
  const api = `${view.webUrl}/api/v4/projects/${p.id}`;
  const empty = !p.repo || (p.repo.branches.get(p.defaultBranch)?.files.size ?? 0) === 0;
  const out: Project = {
    ...renderProjectSimple(view, p),
    visibility: p.visibility,
    container_registry_image_prefix: `registry.${webHost(view)}/${p.fullPath}`,
    _links: {
      self: api,
      issues: `${api}/issues`,
      merge_requests: `${api}/merge_requests`,
      repo_branches: `${api}/repository/branches`,
      labels: `${api}/labels`,
      events: `${api}/events`,
      members: `${api}/members`,
      cluster_agents: `${api}/cluster_agents`,
    },
    packages_enabled: true,
    empty_repo: empty,
    archived: p.archived,
    resolve_outdated_diff_discussions: false,
    container_expiration_policy: {
      cadence: "1d",
      enabled: false,
      keep_n: 10,
      older_than: "90d",
      name_regex: ".*",
      name_regex_keep: null,
      next_run_at: isoPlusDays(p.createdAt, 1),
    },
    repository_object_format: "sha1",
    issues_enabled: true,
    merge_requests_enabled: true,
    wiki_enabled: true,
    jobs_enabled: true,
    snippets_enabled: true,
    container_registry_enabled: true,
    service_desk_enabled: false,
    can_create_merge_request_in: projectAccess(viewer, p) >= ACCESS.developer,
    issues_access_level: "enabled",
    repository_access_level: "enabled",
    merge_requests_access_level: "enabled",
    forking_access_level: "enabled",
    wiki_access_level: "enabled",
    builds_access_level: "enabled",
    snippets_access_level: "enabled",
    pages_access_level: p.visibility === "public" ? "enabled" : "private",
    analytics_access_level: "enabled",
    container_registry_access_level: "enabled",
    security_and_compliance_access_level: "private",
    releases_access_level: "enabled",
    environments_access_level: "enabled",
    feature_flags_access_level: "enabled",
    infrastructure_access_level: "enabled",
    monitor_access_level: "enabled",
    model_experiments_access_level: "enabled",
    model_registry_access_level: "enabled",
    emails_disabled: false,
    emails_enabled: true,
    shared_runners_enabled: true,
    lfs_enabled: true,
    creator_id: p.creatorId,
    import_status: "none",
    open_issues_count: p.openIssues,
    updated_at: p.updatedAt,
    ci_config_path: null,
    public_jobs: true,
    shared_with_groups: [],
    only_allow_merge_if_pipeline_succeeds: false,
    allow_merge_on_skipped_pipeline: null,
    request_access_enabled: true,
    only_allow_merge_if_all_discussions_are_resolved: false,
    remove_source_branch_after_merge: true,
    printing_merge_request_link_enabled: true,
    merge_method: "merge",
    squash_option: "default_off",
    enforce_auth_checks_on_uploads: true,
    suggestion_commit_message: null,
    merge_commit_template: null,
    squash_commit_template: null,
    issue_branch_template: null,
    warn_about_potentially_unwanted_characters: true,
    autoclose_referenced_issues: true,
  };
  if (p.ns.kind === "user") out.owner = renderUserBasic(view, p.ns.user);
  if (p.forkedFrom) {
    out.forked_from_project = renderProjectSimple(view, p.forkedFrom);
    out.mr_default_target_self = false;
  }
  if (viewer && (viewer.admin || projectAccess(viewer, p) >= ACCESS.maintainer)) {
    Object.assign(
      out,
      {
        import_url: null,
        import_type: null,
        import_error: null,
        ci_default_git_depth: 20,
        ci_delete_pipelines_in_seconds: null,
        ci_forward_deployment_enabled: true,
        ci_forward_deployment_rollback_allowed: true,
        ci_job_token_scope_enabled: false,
        ci_separated_caches: true,
        ci_allow_fork_pipelines_to_run_in_parent_project: true,
        ci_id_token_sub_claim_components: ["project_path", "ref_type", "ref"],
        build_git_strategy: "fetch",
        keep_latest_artifact: true,
        restrict_user_defined_variables: false,
        ci_pipeline_variables_minimum_override_role: "developer",
        runners_token: null,
        runner_token_expiration_interval: null,
        group_runners_enabled: true,
        auto_cancel_pending_pipelines: "enabled",
        build_timeout: 3600,
        auto_devops_enabled: false,
        auto_devops_deploy_strategy: "continuous",
        ci_push_repository_for_job_token_allowed: false,
      } satisfies Partial<Project>,
    );
  }
  return out;
}

/**
 * @internal a project as `GET /projects/:id` and the project lists return it (GitLab's `ProjectWithAccess`):
 * {@linkcode renderProjectEntity} with `permissions` for an authenticated viewer.
 */
export function renderProject(view: RenderContext, p: ProjectRec, viewer: UserRec | null): ProjectWithAccess {
  const out: ProjectWithAccess = renderProjectEntity(view, p, viewer);
  if (viewer) {
    const direct = p.members?.get(viewer.id) ??
      (p.ns.kind === "user" && p.ns.user.id === viewer.id ? ACCESS.owner : 0);
    const group = p.ns.kind === "group" ? groupAccess(viewer, p.ns.group) : 0;
    out.permissions = {
      project_access: direct
        ? { access_level: direct as AccessLevel, notification_level: NOTIFICATION_LEVEL_GLOBAL }
        : null,
      group_access: group
        ? { access_level: group as AccessLevel, notification_level: NOTIFICATION_LEVEL_GLOBAL }
        : null,
    };
  }
  return out;
}

/** @internal fields of a new project record. */
export interface NewProject {
  /** Path segment. */
  path: string;
  /** Display name. */
  name: string;
  /** Namespace. */
  ns: NsRec;
  /** Visibility. */
  visibility: SimVisibility;
  /** Default branch (default `main`). */
  defaultBranch?: string;
  /** Description. */
  description?: string | null;
  /** Topics. */
  topics?: string[];
  /** Archived. */
  archived?: boolean;
  /** Creator's user id. */
  creatorId: number;
  /** ISO creation time (default now). */
  createdAt?: string;
}

/** @internal a new project record with the next id (not yet stored: see {@linkcode insertProject}). */
export function newProjectRec(store: Store, o: NewProject): ProjectRec {
  const at = o.createdAt ?? store.iso();
  return {
    id: store.nextId.project++,
    path: o.path,
    name: o.name,
    ns: o.ns,
    fullPath: `${namespaceFullPath(o.ns)}/${o.path}`,
    visibility: o.visibility,
    defaultBranch: o.defaultBranch ?? "main",
    description: o.description ?? null,
    topics: o.topics ?? [],
    archived: o.archived ?? false,
    createdAt: at,
    updatedAt: at,
    lastActivityAt: at,
    creatorId: o.creatorId,
    forkedFrom: null,
    forksCount: 0,
    starCount: 0,
    members: null,
    issues: [],
    mrs: [],
    openIssues: 0,
    repo: null,
  };
}

/** Stores a project record without invalidating cached lists (callers bump). */
function indexProject(store: Store, p: ProjectRec): void {
  store.projects.push(p); // ids only grow, so the array stays id-ordered
  store.projectsById.set(p.id, p);
  store.projectsByPath.set(p.fullPath.toLowerCase(), p);
  if (p.visibility !== "public") store.privateOrInternal++;
}

/** @internal stores a new project record. */
export function insertProject(store: Store, p: ProjectRec): void {
  indexProject(store, p);
  store.bump();
}

/** @internal deletes a project record. */
export function removeProject(store: Store, p: ProjectRec): void {
  const idx = lowerBound(store.projects, p.id);
  if (store.projects[idx] === p) store.projects.splice(idx, 1);
  store.projectsById.delete(p.id);
  store.projectsByPath.delete(p.fullPath.toLowerCase());
  if (p.visibility !== "public") store.privateOrInternal--;
  if (p.forkedFrom) p.forkedFrom.forksCount = Math.max(0, p.forkedFrom.forksCount - 1);
  store.bump();
}

/** The namespace a builder names (a group path or a username); the default owner's when omitted. */
function builderNamespace(store: Store, namespace: string | undefined): NsRec {
  if (!namespace) return { kind: "user", user: defaultOwner(store) };
  const g = store.groupsByPath.get(namespace.toLowerCase());
  if (g) return { kind: "group", group: g };
  const u = store.usersByName.get(namespace.toLowerCase());
  if (u) return { kind: "user", user: u };
  throw new Error(`simulator: unknown namespace ${namespace}`);
}

/** @internal creates a project (builder); throws when the path is taken or a name is unknown. */
export function createProjectFromInput(store: Store, p: AddProjectInput): ProjectRec {
  const ns = builderNamespace(store, p.namespace);
  const fullPath = `${namespaceFullPath(ns)}/${p.path}`;
  if (store.projectsByPath.has(fullPath.toLowerCase())) {
    throw new Error(`simulator: project ${fullPath} exists`);
  }
  const creator = p.creator
    ? store.requireUser(p.creator)
    : ns.kind === "user"
    ? ns.user
    : defaultOwner(store);
  const rec = newProjectRec(store, {
    path: p.path,
    name: p.name ?? p.path,
    ns,
    visibility: p.visibility ?? "private",
    defaultBranch: p.default_branch,
    description: p.description ?? null,
    topics: p.topics,
    archived: p.archived,
    creatorId: creator.id,
  });
  if (p.members) {
    rec.members = new Map();
    for (const [username, level] of Object.entries(p.members)) {
      rec.members.set(store.requireUser(username).id, level);
    }
  }
  insertProject(store, rec);
  return rec;
}

/** @internal creates `count` projects quickly (builder), named `<prefix><id>`. */
export function createManyProjects(
  store: Store,
  count: number,
  o: { namespace?: string; prefix?: string; visibility?: SimVisibility },
): void {
  const ns = builderNamespace(store, o.namespace);
  const nsPath = namespaceFullPath(ns);
  const prefix = o.prefix ?? "project-";
  const creatorId = ns.kind === "user" ? ns.user.id : defaultOwner(store).id;
  const visibility = o.visibility ?? "public";
  const at = store.iso();
  const n = Math.max(0, Math.floor(count));
  for (let i = 0; i < n; i++) {
    let path = `${prefix}${store.nextId.project}`;
    if (store.projectsByPath.has(`${nsPath}/${path}`.toLowerCase())) path = `${path}-${i}`;
    indexProject(store, newProjectRec(store, { path, name: path, ns, visibility, creatorId, createdAt: at }));
  }
  store.bump();
}

/** @internal the project a `:id` path parameter names, or a 404 (also when the user may not see it). */
export function findProject(ctx: RequestContext): ProjectRec {
  const p = ctx.store.projectByIdOrPath(ctx.pathParams.id);
  if (!p || !canReadProject(ctx.user, p)) throw notFound("Project");
  return p;
}

/**
 * @internal GitLab's "has already been taken" errors when `path` or `name` is used in `ns` by a project
 * other than `except`; null when both are free.
 */
export function nameTaken(
  store: Store,
  ns: NsRec,
  path: string,
  name: string,
  except?: ProjectRec,
): Record<string, string[]> | null {
  const nsPath = namespaceFullPath(ns);
  const errors: Record<string, string[]> = {};
  const byPath = store.projectsByPath.get(`${nsPath}/${path}`.toLowerCase());
  if (byPath && byPath !== except) {
    errors.name = ["has already been taken"];
    errors.path = ["has already been taken"];
    return errors;
  }
  // name uniqueness within the namespace (linear scan: namespaces are small)
  const lname = name.toLowerCase();
  for (const p of store.projects) {
    if (p !== except && p.name.toLowerCase() === lname && namespaceFullPath(p.ns) === nsPath) {
      errors.name = ["has already been taken"];
      return errors;
    }
  }
  return null;
}

/** A project path from a name, as GitLab derives it. */
function slugify(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9_.-]+/g, "-").replace(/^-+|-+$/g, "") || "project";
}

/** `POST /projects`. */
function createProject(ctx: RequestContext): Response {
  const store = ctx.store;
  const user = requireAuth(ctx);
  const q = ctx.params;
  const nameIn = str(q, "name");
  const pathIn = str(q, "path");
  if (!nameIn && !pathIn) {
    throw new HttpError(400, { error: "name, path are missing, at least one parameter must be provided" });
  }
  const path = pathIn ?? slugify(nameIn as string);
  const name = nameIn ?? path;
  if (!/^[a-zA-Z0-9_][a-zA-Z0-9_.-]*$/.test(path) || /\.(git|atom)$/.test(path)) {
    throw new HttpError(400, {
      message: {
        path: [
          "can contain only letters, digits, '_', '-' and '.'. Cannot start with '-', end in '.git' or end in '.atom'",
        ],
      },
    });
  }
  const ns = namespaceParam(ctx, user, ["namespace_id", "namespace_path"]);
  checkNamespaceWritable(user, ns);
  const taken = nameTaken(store, ns, path, name);
  if (taken) throw new HttpError(400, { message: taken });
  const vis = str(q, "visibility");
  const rec = newProjectRec(store, {
    path,
    name,
    ns,
    visibility: vis === "public" || vis === "internal" ? vis : "private",
    defaultBranch: str(q, "default_branch") || undefined,
    description: str(q, "description") ?? null,
    topics: list(q, "topics") ?? list(q, "tag_list"),
    creatorId: user.id,
  });
  if (ns.kind === "group" || ns.user.id !== user.id) rec.members = new Map([[user.id, ACCESS.maintainer]]);
  insertProject(store, rec);
  if (bool(q, "initialize_with_readme")) {
    commitFile(store, rec, "README.md", `# ${name}\n\n${rec.description ?? ""}\n`, rec.defaultBranch);
  }
  return jsonResponse(ctx.requestId, 201, renderProjectEntity(ctx, rec, user));
}

/** `PUT /projects/:id`. */
function updateProject(ctx: RequestContext): Response {
  const store = ctx.store;
  const p = findProject(ctx);
  requireProjectAccess(ctx, p, ACCESS.maintainer);
  const q = ctx.params;
  const name = str(q, "name");
  const path = str(q, "path");
  if (name !== undefined || path !== undefined) {
    const taken = nameTaken(store, p.ns, path ?? p.path, name ?? p.name, p);
    if (taken) throw new HttpError(400, { message: taken });
  }
  if (name !== undefined) p.name = name;
  if (path !== undefined && path !== p.path) {
    store.projectsByPath.delete(p.fullPath.toLowerCase());
    p.path = path;
    p.fullPath = `${namespaceFullPath(p.ns)}/${path}`;
    store.projectsByPath.set(p.fullPath.toLowerCase(), p);
  }
  const description = str(q, "description");
  if (description !== undefined) p.description = description;
  const vis = str(q, "visibility");
  if (vis === "public" || vis === "internal" || vis === "private") {
    if ((p.visibility === "public") !== (vis === "public")) {
      store.privateOrInternal += vis === "public" ? -1 : 1;
    }
    p.visibility = vis;
  }
  const defaultBranch = str(q, "default_branch");
  if (defaultBranch) {
    if (!ensureRepo(store, p).branches.has(defaultBranch)) {
      throw new HttpError(400, { message: { default_branch: ["is invalid"] } });
    }
    p.defaultBranch = defaultBranch;
  }
  const topics = list(q, "topics") ?? list(q, "tag_list");
  if (topics) p.topics = topics;
  const archived = bool(q, "archived");
  if (archived !== undefined) p.archived = archived;
  p.updatedAt = p.lastActivityAt = store.iso();
  store.bump();
  return jsonResponse(ctx.requestId, 200, renderProjectEntity(ctx, p, ctx.user));
}

/** @internal registers the single-project routes. */
export function registerProjectRoutes(routes: RouteTable, store: Store): void {
  routes.on("POST", "/projects", createProject);
  routes.on("GET", "/projects/:id", (ctx) => {
    const p = findProject(ctx);
    return jsonResponse(ctx.requestId, 200, renderProject(ctx, p, ctx.user));
  });
  routes.on("PUT", "/projects/:id", updateProject);
  routes.on("DELETE", "/projects/:id", (ctx) => {
    const p = findProject(ctx);
    requireProjectAccess(ctx, p, ACCESS.owner);
    removeProject(store, p);
    return jsonResponse(ctx.requestId, 202, { message: "202 Accepted" });
  });
}
