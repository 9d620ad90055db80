/**
 * Groups: `GET`/`POST /groups`, `GET`/`PUT`/`DELETE /groups/:id`, `GET /groups/:id/subgroups`,
 * `GET /groups/:id/projects`, the group renderer and the `addGroup` builder.
 *
 * @module
 */

import { ACCESS, canReadGroup, canReadProject, groupAccess, isDescendant, requireAuth } from "../access.ts";
import type { RenderContext, RequestContext } from "../context.ts";
import { bool, int, list, type Params, str } from "../params.ts";
import { paginateArray } from "../pagination.ts";
import type { GroupRec } from "../records.ts";
import { forbidden, HttpError, jsonResponse, notFound } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import type { Store } from "../store.ts";
import type { Group, GroupDetail } from "../../types/groups.ts";
import type { Project } from "../../types/projects.ts";
import type { AddGroupInput } from "../types.ts";
import { validate } from "../validation.ts";
import { listProjects, validateProjectListParams } from "./project_lists.ts";
import { removeProject, renderProjectEntity } from "./projects.ts";

/** Most projects `GET /groups/:id` embeds. */
const MAX_EMBEDDED_PROJECTS = 100;

/** @internal a group as the group lists return it (GitLab's `Group` entity). */
export function renderGroup(view: RenderContext, g: GroupRec): Group {
  return {
    id: g.id,
    web_url: `${view.webUrl}/groups/${g.fullPath}`,
    name: g.name,
    path: g.path,
    description: g.description,
    visibility: g.visibility,
    share_with_group_lock: false,
    require_two_factor_authentication: false,
    two_factor_grace_period: 48,
    project_creation_level: "developer",
    auto_devops_enabled: null,
    subgroup_creation_level: "maintainer",
    emails_disabled: false,
    emails_enabled: true,
    mentions_disabled: null,
    lfs_enabled: true,
    show_diff_preview_in_email: true,
    math_rendering_limits_enabled: true,
    lock_math_rendering_limits_enabled: false,
    default_branch: null,
    default_branch_protection: 2,
    default_branch_protection_defaults: {
      allowed_to_push: [{ access_level: 40 }],
      allow_force_push: false,
      allowed_to_merge: [{ access_level: 40 }],
    },
    avatar_url: null,
    request_access_enabled: true,
    full_name: g.fullName,
    full_path: g.fullPath,
    created_at: g.createdAt,
    parent_id: g.parent?.id ?? null,
    organization_id: 1,
    shared_runners_setting: "enabled",
    max_artifacts_size: null,
    ldap_cn: null,
    ldap_access: null,
    wiki_access_level: "enabled",
    marked_for_deletion_on: null,
    archived: false,
  };
}

/**
 * @internal a group as `GET /groups/:id` returns it (GitLab's `GroupDetail`), with up to 100 of its
 * projects (GitLab's `Project` entity, without `permissions`) when `withProjects`.
 */
export function renderGroupDetail(view: RequestContext, g: GroupRec, withProjects: boolean): GroupDetail {
  const out: GroupDetail = { ...renderGroup(view, g), shared_with_groups: [] };
  if (!g.parent) out.prevent_sharing_groups_outside_hierarchy = false;
  if (withProjects) {
    const projects: Project[] = [];
    for (const p of view.store.projects) {
      if (projects.length >= MAX_EMBEDDED_PROJECTS) break;
      if (p.ns.kind === "group" && p.ns.group === g && canReadProject(view.user, p)) {
        projects.push(renderProjectEntity(view, p, view.user));
      }
    }
    out.projects = projects;
    out.shared_projects = [];
  }
  return out;
}

/** @internal creates a group (builder); throws when the parent is unknown or the namespace is taken. */
export function createGroup(store: Store, g: AddGroupInput): GroupRec {
  let parent: GroupRec | null = null;
  if (g.parent) {
    parent = store.groupsByPath.get(g.parent.toLowerCase()) ?? null;
    if (!parent) throw new Error(`simulator: unknown parent group ${g.parent}`);
  }
  const fullPath = parent ? `${parent.fullPath}/${g.path}` : g.path;
  if (
    store.groupsByPath.has(fullPath.toLowerCase()) ||
    (!parent && store.usersByName.has(g.path.toLowerCase()))
  ) {
    throw new Error(`simulator: namespace ${fullPath} already exists`);
  }
  const name = g.name ?? g.path;
  const rec: GroupRec = {
    id: store.nextId.namespace++,
    path: g.path,
    name,
    parent,
    visibility: g.visibility ?? "public",
    description: g.description ?? "",
    createdAt: store.iso(),
    members: new Map(),
    fullPath,
    fullName: parent ? `${parent.fullName} / ${name}` : name,
  };
  for (const [username, level] of Object.entries(g.members ?? {})) {
    rec.members.set(store.requireUser(username).id, level);
  }
  store.groups.push(rec);
  store.groupsById.set(rec.id, rec);
  store.groupsByPath.set(fullPath.toLowerCase(), rec);
  store.bump();
  return rec;
}

/** @internal the group a `:id` path parameter names, or a 404 (also when the user may not see it). */
export function findGroup(ctx: RequestContext): GroupRec {
  const g = ctx.store.groupByIdOrPath(ctx.pathParams.id);
  if (!g || !canReadGroup(ctx.store, ctx.user, g)) throw notFound("Group");
  return g;
}

/** Sorts groups by `order_by` (`name`, `path`, `id`) and `sort`. */
function sortGroups(rows: GroupRec[], q: Params): void {
  const orderBy = str(q, "order_by") ?? "name";
  const desc = str(q, "sort") === "desc";
  const key = (g: GroupRec): string | number =>
    orderBy === "id" ? g.id : orderBy === "path" ? g.fullPath : g.fullName.toLowerCase();
  rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const c = ka < kb ? -1 : ka > kb ? 1 : a.id - b.id;
    return desc ? -c : c;
  });
}

/** Groups matching `GET /groups` filters. */
function filterGroups(ctx: RequestContext): GroupRec[] {
  const q = ctx.params;
  const viewer = ctx.user;
  const search = str(q, "search")?.toLowerCase();
  const owned = bool(q, "owned") ?? false;
  const topLevel = bool(q, "top_level_only") ?? false;
  const allAvailable = bool(q, "all_available") ?? (!viewer || viewer.admin);
  const visibility = str(q, "visibility");
  const minAccess = int(q, "min_access_level");
  const skip = new Set((list(q, "skip_groups") ?? []).map(Number));
  return ctx.store.groups.filter((g) => {
    if (!canReadGroup(ctx.store, viewer, g)) return false;
    if (skip.has(g.id)) return false;
    if (topLevel && g.parent) return false;
    if (search && !`${g.name} ${g.path}`.toLowerCase().includes(search)) return false;
    if (visibility && g.visibility !== visibility) return false;
    const level = viewer ? groupAccess(viewer, g) : 0;
    if (owned && (!viewer || (g.members.get(viewer.id) ?? 0) < ACCESS.owner)) return false;
    if (minAccess !== undefined && level < minAccess) return false;
    if (!allAvailable && viewer && level === 0 && !owned) return false;
    return true;
  });
}

const VISIBILITIES = ["private", "internal", "public"];
const GROUP_PATH = /^[a-zA-Z0-9_][a-zA-Z0-9_.-]*$/;

/** GitLab's 400 for a group that fails validation (`render_api_error!("Failed to save group …")`). */
function failedToSave(errors: Record<string, string[]>): HttpError {
  const inspect = Object.entries(errors).map(([k, v]) => `:${k}=>${JSON.stringify(v)}`).join(", ");
  return new HttpError(400, { message: `Failed to save group {${inspect}}` });
}

/** The errors of a group's path and visibility (under `parent`), as GitLab's model validations give them. */
function groupErrors(
  store: Store,
  path: string,
  parent: GroupRec | null,
  except?: GroupRec,
): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if (!GROUP_PATH.test(path) || /\.(git|atom)$/.test(path) || path.endsWith(".")) {
    errors.path = [
      "can contain only letters, digits, '_', '-' and '.'. Cannot start with '-', end in '.git' or end in '.atom'",
    ];
  }
  const fullPath = (parent ? `${parent.fullPath}/${path}` : path).toLowerCase();
  const taken = store.groupsByPath.get(fullPath);
  if ((taken && taken !== except) || (!parent && store.usersByName.has(path.toLowerCase()))) {
    errors.path = [...(errors.path ?? []), "has already been taken"];
  }
  return errors;
}

/** Renames or moves a group's path, keeping the path index and its subgroups' full paths in step. */
function repath(store: Store, g: GroupRec, path: string, name: string): void {
  const old = g.fullPath.toLowerCase();
  g.path = path;
  g.name = name;
  for (const rec of store.groups) {
    if (rec !== g && !isDescendant(rec, g)) continue;
    store.groupsByPath.delete(rec.fullPath.toLowerCase());
    rec.fullPath = rec.parent ? `${rec.parent.fullPath}/${rec.path}` : rec.path;
    rec.fullName = rec.parent ? `${rec.parent.fullName} / ${rec.name}` : rec.name;
    store.groupsByPath.set(rec.fullPath.toLowerCase(), rec);
  }
  for (const p of store.projects) {
    if (p.ns.kind !== "group" || (p.ns.group !== g && !isDescendant(p.ns.group, g))) continue;
    store.projectsByPath.delete(p.fullPath.toLowerCase());
    p.fullPath = `${p.ns.group.fullPath}/${p.path}`;
    store.projectsByPath.set(p.fullPath.toLowerCase(), p);
  }
  if (old !== g.fullPath.toLowerCase()) store.bump();
}

/**
 * `POST /groups`: a top-level group (any signed-in user; the creator becomes its owner) or a subgroup
 * (`parent_id`: maintainers of the parent, its `subgroup_creation_level`).
 */
function postGroup(ctx: RequestContext): Response {
  const user = requireAuth(ctx);
  validate(ctx.params).required("name", { allowBlank: false }).required("path", { allowBlank: false })
    .oneOf("visibility", VISIBILITIES).integer("parent_id").check();
  const store = ctx.store;
  const parentId = int(ctx.params, "parent_id");
  let parent: GroupRec | null = null;
  if (parentId !== undefined) {
    parent = store.groupsById.get(parentId) ?? null;
    if (!parent || !canReadGroup(store, user, parent)) throw notFound("Group");
    if (!user.admin && groupAccess(user, parent) < ACCESS.maintainer) throw forbidden();
  }
  const path = str(ctx.params, "path") as string;
  const errors = groupErrors(store, path, parent);
  if (Object.keys(errors).length) throw failedToSave(errors);
  const rec = createGroup(store, {
    path,
    name: str(ctx.params, "name") as string,
    ...(parent ? { parent: parent.fullPath } : {}),
    visibility: (str(ctx.params, "visibility") ?? parent?.visibility ?? "private") as GroupRec["visibility"],
    description: str(ctx.params, "description") ?? "",
  });
  if (!parent || groupAccess(user, rec) < ACCESS.owner) rec.members.set(user.id, ACCESS.owner);
  store.bump();
  return jsonResponse(ctx.requestId, 201, renderGroupDetail(ctx, rec, false));
}

/** `PUT /groups/:id`: name, path, description and visibility; owners only. */
function putGroup(ctx: RequestContext): Response {
  validate(ctx.params).oneOf("visibility", VISIBILITIES).check();
  const g = findGroup(ctx);
  const user = requireAuth(ctx);
  if (!user.admin && groupAccess(user, g) < ACCESS.owner) throw forbidden();
  const path = str(ctx.params, "path");
  const name = str(ctx.params, "name");
  if (path !== undefined && path !== g.path) {
    const errors = groupErrors(ctx.store, path, g.parent, g);
    if (Object.keys(errors).length) throw failedToSave(errors);
  }
  if (path !== undefined || name !== undefined) repath(ctx.store, g, path ?? g.path, name ?? g.name);
  const description = str(ctx.params, "description");
  if (description !== undefined) g.description = description;
  const visibility = str(ctx.params, "visibility");
  if (visibility !== undefined) g.visibility = visibility as GroupRec["visibility"];
  ctx.store.bump();
  return jsonResponse(ctx.requestId, 200, renderGroupDetail(ctx, g, false));
}

/** `DELETE /groups/:id`: the group, its subgroups and their projects; owners only; `202 Accepted`. */
function deleteGroup(ctx: RequestContext): Response {
  const g = findGroup(ctx);
  const user = requireAuth(ctx);
  if (!user.admin && groupAccess(user, g) < ACCESS.owner) throw forbidden();
  const store = ctx.store;
  const doomed = new Set(store.groups.filter((rec) => rec === g || isDescendant(rec, g)));
  for (const p of [...store.projects]) {
    if (p.ns.kind === "group" && doomed.has(p.ns.group)) removeProject(store, p);
  }
  for (const rec of doomed) {
    store.groupsById.delete(rec.id);
    store.groupsByPath.delete(rec.fullPath.toLowerCase());
  }
  const kept = store.groups.filter((rec) => !doomed.has(rec));
  store.groups.splice(0, store.groups.length, ...kept);
  store.bump();
  return jsonResponse(ctx.requestId, 202, { message: "202 Accepted" });
}

/** @internal registers the group routes. */
export function registerGroupRoutes(routes: RouteTable, store: Store): void {
  routes.on("POST", "/groups", postGroup);
  routes.on("PUT", "/groups/:id", putGroup);
  routes.on("DELETE", "/groups/:id", deleteGroup);
  routes.on("GET", "/groups", (ctx) => {
    validate(ctx.params).pagination().oneOf("order_by", ["name", "path", "id", "similarity"])
      .oneOf("sort", ["asc", "desc"]).oneOf("visibility", ["private", "internal", "public"])
      .oneOf("min_access_level", [10, 20, 30, 40, 50]).check();
    const rows = filterGroups(ctx);
    sortGroups(rows, ctx.params);
    return paginateArray(ctx, rows, (g) => renderGroup(ctx, g));
  });
  routes.on("GET", "/groups/:id", (ctx) => {
    const g = findGroup(ctx);
    return jsonResponse(
      ctx.requestId,
      200,
      renderGroupDetail(ctx, g, bool(ctx.params, "with_projects") !== false),
    );
  });
  routes.on("GET", "/groups/:id/subgroups", (ctx) => {
    validate(ctx.params).pagination().oneOf("order_by", ["name", "path", "id", "similarity"])
      .oneOf("sort", ["asc", "desc"]).check();
    const g = findGroup(ctx);
    const search = str(ctx.params, "search")?.toLowerCase();
    const rows = store.groups.filter((s) =>
      s.parent === g && canReadGroup(store, ctx.user, s) &&
      (!search || `${s.name} ${s.path}`.toLowerCase().includes(search))
    );
    sortGroups(rows, ctx.params);
    return paginateArray(ctx, rows, (s) => renderGroup(ctx, s));
  });
  routes.on("GET", "/groups/:id/projects", (ctx) => {
    validateProjectListParams(ctx.params);
    const g = findGroup(ctx);
    const sub = bool(ctx.params, "include_subgroups") ?? false;
    return listProjects(
      ctx,
      `group:${g.id}:${sub}`,
      (p) => p.ns.kind === "group" && (p.ns.group === g || (sub && isDescendant(p.ns.group, g))),
      false,
    );
  });
}
