/**
 * Project lists: `GET /projects` and `GET /users/:user_id/projects` (and the list behind
 * `GET /groups/:id/projects`): visibility, filters, ordering, offset pagination and keyset pagination by id.
 *
 * @module
 */

import { ACCESS, canReadProject, memberAccess } from "../access.ts";
import type { RequestContext } from "../context.ts";
import { bool, int, type Params, str } from "../params.ts";
import { keysetUnavailable, offsetPage, pageLink, pageParams, wantsKeyset } from "../pagination.ts";
import type { ProjectRec } from "../records.ts";
import { jsonResponse } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import { lowerBound, upperBound } from "../sorting.ts";
import type { Store } from "../store.ts";
import { renderProject, renderProjectEntity, renderProjectSimple } from "./projects.ts";
import { validate } from "../validation.ts";
import { findUser } from "./users.ts";

/** Which projects of the id-ordered base list a request's filters keep, and the cache key of that list. */
function projectFilter(
  ctx: RequestContext,
  scope: string,
  inScope: ((p: ProjectRec) => boolean) | null,
): { key: string; unfiltered: boolean; keep: (p: ProjectRec) => boolean } {
  const q = ctx.params;
  const viewer = ctx.user;
  const search = str(q, "search")?.toLowerCase();
  const searchNs = bool(q, "search_namespaces") ?? false;
  const owned = bool(q, "owned") ?? false;
  const membership = bool(q, "membership") ?? false;
  const visibility = str(q, "visibility");
  const archived = bool(q, "archived");
  const topic = str(q, "topic");
  const minAccess = int(q, "min_access_level");
  const key = JSON.stringify([
    scope,
    viewer?.id ?? 0,
    search,
    searchNs,
    owned,
    membership,
    visibility,
    archived,
    topic,
    minAccess,
  ]);
  const noFilters = !search && !owned && !membership && !visibility && archived === undefined && !topic &&
    minAccess === undefined;
  const seesAll = !!viewer?.admin || ctx.store.privateOrInternal === 0;
  const keep = (p: ProjectRec): boolean => {
    if (inScope && !inScope(p)) return false;
    if (!canReadProject(viewer, p)) return false;
    if (search) {
      const hay = searchNs ? `${p.name} ${p.fullPath}` : `${p.name} ${p.path} ${p.description ?? ""}`;
      if (!hay.toLowerCase().includes(search)) return false;
    }
    if (visibility && p.visibility !== visibility) return false;
    if (archived !== undefined && p.archived !== archived) return false;
    if (topic && !topic.split(",").every((t) => p.topics.includes(t.trim()))) return false;
    if (owned || membership || minAccess !== undefined) {
      if (!viewer) return false;
      const level = memberAccess(viewer, p);
      if (owned && level < ACCESS.owner) return false; // owner access, whoever created it
      if (membership && level === 0) return false;
      if (minAccess !== undefined && level < minAccess) return false;
    }
    return true;
  };
  return { key, unfiltered: inScope === null && noFilters && seesAll, keep };
}

/**
 * A keyset page ordered by id (`id_after`/`id_before` cursors). As on GitLab, a page with items always links
 * `rel="next"` past its last item; the end of the list is an empty page without a `Link` header.
 */
function keysetById(
  ctx: RequestContext,
  base: ProjectRec[],
  sort: "asc" | "desc",
  render: (p: ProjectRec) => unknown,
): Response {
  const q = ctx.params;
  const { perPage } = pageParams(q);
  const idAfter = int(q, "id_after");
  const idBefore = int(q, "id_before");
  const lo = idAfter !== undefined ? upperBound(base, idAfter) : 0;
  const hi = idBefore !== undefined ? lowerBound(base, idBefore) : base.length;
  const rows: ProjectRec[] = [];
  if (sort === "asc") {
    for (let i = lo; i < Math.min(hi, lo + perPage); i++) rows.push(base[i]);
  } else {
    for (let i = hi - 1; i >= Math.max(lo, hi - perPage); i--) rows.push(base[i]);
  }
  const headers = new Headers();
  const last = rows[rows.length - 1];
  if (last) {
    const set: Record<string, string> = sort === "asc"
      ? { id_after: String(last.id) }
      : { id_before: String(last.id) };
    set.per_page = String(perPage);
    set.order_by = "id";
    set.sort = sort;
    headers.set("link", `<${pageLink(ctx, set, ["page"])}>; rel="next"`);
  }
  return jsonResponse(ctx.requestId, 200, rows.map(render), headers);
}

/** `base` ordered by `order_by` (id and created_at keep the id order), cached per filter and order. */
function orderProjects(store: Store, base: ProjectRec[], orderBy: string, filterKey: string): ProjectRec[] {
  if (orderBy === "id" || orderBy === "created_at") return base;
  const field: (p: ProjectRec) => string | number = orderBy === "name"
    ? (p) => p.name.toLowerCase()
    : orderBy === "path"
    ? (p) => p.path.toLowerCase()
    : orderBy === "updated_at"
    ? (p) => p.updatedAt
    : orderBy === "last_activity_at"
    ? (p) => p.lastActivityAt
    : orderBy === "star_count"
    ? (p) => p.starCount
    : (p) => p.id;
  return store.cachedProjects(`${filterKey}|${orderBy}`, () =>
    base.slice().sort((a, b) => {
      const fa = field(a);
      const fb = field(b);
      return fa < fb ? -1 : fa > fb ? 1 : a.id - b.id;
    }));
}

/** `order_by` values of project lists. */
const PROJECT_ORDER_BY = [
  "id",
  "name",
  "path",
  "created_at",
  "updated_at",
  "last_activity_at",
  "similarity",
  "star_count",
  "storage_size",
  "repository_size",
  "wiki_size",
  "packages_size",
];

/** @internal validates the parameters every project list takes (Grape's 400 on failure). */
export function validateProjectListParams(q: Params): void {
  validate(q).pagination().oneOf("order_by", PROJECT_ORDER_BY).oneOf("sort", ["asc", "desc"])
    .oneOf("visibility", ["private", "internal", "public"]).oneOf("min_access_level", [10, 20, 30, 40, 50])
    .integer("id_after").integer("id_before").check();
}

/** `sort` as GitLab reads it (default `desc`). */
function sortDirection(q: Params): "asc" | "desc" {
  return str(q, "sort")?.toLowerCase() === "asc" ? "asc" : "desc";
}

/**
 * @internal lists projects: the id-ascending base list filtered by visibility and params (`inScope`
 * narrows it to a user's or a group's projects), then ordered and paginated (offset, or keyset by id); items
 * are GitLab's `ProjectWithAccess` unless `withAccess` is false, when they are GitLab's `Project`.
 */
export function listProjects(
  ctx: RequestContext,
  scope: string,
  inScope: ((p: ProjectRec) => boolean) | null,
  withAccess = true,
): Response {
  const store = ctx.store;
  const q = ctx.params;
  const filter = projectFilter(ctx, scope, inScope);
  const base = filter.unfiltered ? store.projects : store.cachedProjects(
    filter.key,
    () => store.projects.filter(filter.keep),
  );
  const simple = bool(q, "simple") ?? false;
  // GitLab's `ProjectWithAccess` (`permissions` for a signed-in caller); group project lists send `Project`
  const full = withAccess ? renderProject : renderProjectEntity;
  const render = (p: ProjectRec) => (simple ? renderProjectSimple(ctx, p) : full(ctx, p, ctx.user));
  const orderBy = str(q, "order_by") ?? "created_at";
  const sort = sortDirection(q);
  if (wantsKeyset(q)) {
    // GitLab's keyset pagination of projects supports `order_by=id` only (order_by defaults to created_at)
    if (orderBy !== "id") throw keysetUnavailable();
    return keysetById(ctx, base, sort, render);
  }
  const ordered = orderProjects(store, base, orderBy, filter.key);
  const n = ordered.length;
  const at = sort === "asc" ? (i: number) => ordered[i] : (i: number) => ordered[n - 1 - i];
  return offsetPage(ctx, n, at, render, { keysetType: "Project" });
}

/** @internal registers the project list routes. */
export function registerProjectListRoutes(routes: RouteTable, store: Store): void {
  routes.on("GET", "/projects", (ctx) => {
    validateProjectListParams(ctx.params);
    return listProjects(ctx, "all", null);
  });
  routes.on("GET", "/users/:user_id/projects", (ctx) => {
    validateProjectListParams(ctx.params);
    const u = findUser(store, ctx.pathParams.user_id);
    return listProjects(ctx, `user:${u.id}`, (p) => p.ns.kind === "user" && p.ns.user === u);
  });
}
