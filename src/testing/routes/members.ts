/**
 * Project and group members: `GET`/`POST /(projects|groups)/:id/members`, `GET /…/members/all`,
 * `GET`/`PUT`/`DELETE /…/members/:user_id` and `GET /…/members/all/:user_id`. The access levels live in the
 * records `access.ts` reads (`ProjectRec.members`, `GroupRec.members`), so a member added here gets access;
 * when the membership began, who added it and when it ends are kept in this group's store slot.
 *
 * @module
 */

import { ACCESS, groupAccess, isDescendant, projectAccess, requireAuth } from "../access.ts";
import type { RenderContext, RequestContext } from "../context.ts";
import { bool, int, list, str } from "../params.ts";
import { paginateArray } from "../pagination.ts";
import type { GroupRec, ProjectRec, UserRec } from "../records.ts";
import { forbidden, HttpError, jsonResponse, noContent, notFound } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import type { Store } from "../store.ts";
import type { AccessLevel } from "../../types/common.ts";
import type { Member } from "../../types/members.ts";
import { integerPathParam, validate } from "../validation.ts";
import { findGroup } from "./groups.ts";
import { findProject } from "./projects.ts";
import { renderUserBasic } from "./users.ts";

/** @internal the project or group whose members a request names. */
export type MemberSource = { kind: "project"; project: ProjectRec } | { kind: "group"; group: GroupRec };

/** @internal what the store does not keep about a membership. */
export interface MembershipMeta {
  /** ISO time the membership began. */
  createdAt: string;
  /** Who added the member (null: unknown). */
  createdById: number | null;
  /** End date `YYYY-MM-DD`, or null. */
  expiresAt: string | null;
}

const SLOT = "members";
const MAX_DEPTH = 100;
const ROLE_NAMES: Record<number, string> = {
  5: "Minimal Access",
  10: "Guest",
  15: "Planner",
  20: "Reporter",
  30: "Developer",
  40: "Maintainer",
  50: "Owner",
};
const PROJECT_LEVELS = [10, 15, 20, 30, 40, 50];
const GROUP_LEVELS = [5, 10, 15, 20, 30, 40, 50];

/** The membership metadata of this simulator, by `project:<id>:<user>` / `group:<id>:<user>`. */
function metaSlot(store: Store): Map<string, MembershipMeta> {
  return store.slot(SLOT, () => new Map<string, MembershipMeta>());
}

function metaKey(kind: "project" | "group", sourceId: number, userId: number): string {
  return `${kind}:${sourceId}:${userId}`;
}

/** @internal records when and by whom a membership began (seeds and the routes). */
export function setMembershipMeta(
  store: Store,
  kind: "project" | "group",
  sourceId: number,
  userId: number,
  meta: MembershipMeta,
): void {
  metaSlot(store).set(metaKey(kind, sourceId, userId), meta);
}

/** One membership: who, at which level, held where. */
interface Membership {
  userId: number;
  level: number;
  kind: "project" | "group";
  sourceId: number;
  /** Fallback creation time (the source's). */
  sourceCreatedAt: string;
}

/** Direct memberships of a source, in the order they were added. */
function directMembers(src: MemberSource): Membership[] {
  const out: Membership[] = [];
  if (src.kind === "group") {
    const g = src.group;
    for (const [userId, level] of g.members) {
      out.push({ userId, level, kind: "group", sourceId: g.id, sourceCreatedAt: g.createdAt });
    }
    return out;
  }
  const p = src.project;
  // the owner of a personal namespace is a member of its projects
  if (p.ns.kind === "user" && !p.members?.has(p.ns.user.id)) {
    out.push({
      userId: p.ns.user.id,
      level: ACCESS.owner,
      kind: "project",
      sourceId: p.id,
      sourceCreatedAt: p.createdAt,
    });
  }
  for (const [userId, level] of p.members ?? []) {
    out.push({ userId, level, kind: "project", sourceId: p.id, sourceCreatedAt: p.createdAt });
  }
  return out;
}

/** The group a source inherits members from (the project's group, or the group's parent). */
function inheritedFrom(src: MemberSource): GroupRec | null {
  if (src.kind === "group") return src.group.parent;
  return src.project.ns.kind === "group" ? src.project.ns.group : null;
}

/** Direct and inherited memberships, one per user: the one with the highest access level. */
function allMembers(src: MemberSource): Membership[] {
  const best = new Map<number, Membership>();
  const consider = (m: Membership) => {
    const cur = best.get(m.userId);
    if (!cur || m.level > cur.level) best.set(m.userId, m);
  };
  for (const m of directMembers(src)) consider(m);
  let guard = 0;
  for (let g = inheritedFrom(src); g && guard++ < MAX_DEPTH; g = g.parent) {
    for (const m of directMembers({ kind: "group", group: g })) consider(m);
  }
  return [...best.values()];
}

/** The highest level a user inherits from the source's ancestors, with the group it comes from. */
function inheritedLevel(src: MemberSource, userId: number): { level: number; group: GroupRec | null } {
  let level = 0;
  let from: GroupRec | null = null;
  let guard = 0;
  for (let g = inheritedFrom(src); g && guard++ < MAX_DEPTH; g = g.parent) {
    const l = g.members.get(userId) ?? 0;
    if (l > level) {
      level = l;
      from = g;
    }
  }
  return { level, group: from };
}

/** @internal a membership as GitLab's `Member` entity presents it. */
function renderMember(view: RenderContext, m: Membership, viewer: UserRec | null): Member | null {
  const u = view.store.usersById.get(m.userId);
  if (!u) return null;
  const meta = metaSlot(view.store).get(metaKey(m.kind, m.sourceId, m.userId));
  const by = meta?.createdById != null ? view.store.usersById.get(meta.createdById) : undefined;
  const out: Member = {
    ...renderUserBasic(view, u),
    access_level: m.level as AccessLevel,
    created_at: meta?.createdAt ?? m.sourceCreatedAt,
    expires_at: meta?.expiresAt ?? null,
    membership_state: "active",
  };
  if (by) out.created_by = renderUserBasic(view, by);
  if (viewer?.admin) out.email = u.email;
  return out;
}

/** The source a request names, or a 404. */
function findSource(ctx: RequestContext, kind: "project" | "group"): MemberSource {
  return kind === "project" ? { kind, project: findProject(ctx) } : { kind, group: findGroup(ctx) };
}

/** The user's level where the source's members are administered (projects: maintainer, groups: owner). */
function levelIn(user: UserRec, src: MemberSource): number {
  if (user.admin) return ACCESS.owner;
  return src.kind === "project" ? projectAccess(user, src.project) : groupAccess(user, src.group);
}

/** `authorize_admin_source!`: `admin_project_member` is maintainer, `admin_group_member` owner. */
function authorizeAdmin(user: UserRec, src: MemberSource): number {
  const level = levelIn(user, src);
  const needed = src.kind === "project" ? ACCESS.maintainer : ACCESS.owner;
  if (level < needed) throw forbidden();
  return level;
}

/** Members matching `query`, `user_ids` and `skip_users`. */
function filterMembers(ctx: RequestContext, rows: Membership[]): Membership[] {
  const q = ctx.params;
  const query = str(q, "query")?.toLowerCase();
  const ids = list(q, "user_ids")?.map(Number);
  const skip = new Set((list(q, "skip_users") ?? []).map(Number));
  return rows.filter((m) => {
    if (ids && ids.length && !ids.includes(m.userId)) return false;
    if (skip.has(m.userId)) return false;
    if (query) {
      const u = ctx.store.usersById.get(m.userId);
      if (!u || !`${u.username} ${u.name}`.toLowerCase().includes(query)) return false;
    }
    return true;
  });
}

/** The `expires_at` parameter as `YYYY-MM-DD` (null to clear), or GitLab's errors. */
function expiresAtParam(ctx: RequestContext): string | null | undefined {
  if (!Object.hasOwn(ctx.params, "expires_at")) return undefined;
  const raw = str(ctx.params, "expires_at") ?? "";
  if (raw === "") return null;
  const d = new Date(raw);
  if (Number.isNaN(d.getTime())) throw new HttpError(400, { error: "expires_at is invalid" });
  const day = d.toISOString().slice(0, 10);
  if (day < ctx.store.iso().slice(0, 10)) {
    throw new HttpError(400, { message: { expires_at: ["cannot be a date in the past"] } });
  }
  return day;
}

/** Checks the requested level: in the list, at least the inherited one, owner only from owners. */
function checkLevel(src: MemberSource, userId: number, level: number, actorLevel: number): void {
  const allowed = src.kind === "project" ? PROJECT_LEVELS : GROUP_LEVELS;
  if (!allowed.includes(level)) {
    throw new HttpError(400, { message: { access_level: ["is not included in the list"] } });
  }
  if (level === ACCESS.owner && actorLevel < ACCESS.owner) throw forbidden();
  const inherited = inheritedLevel(src, userId);
  if (inherited.group && level < inherited.level) {
    throw new HttpError(400, {
      message: {
        access_level: [
          `should be greater than or equal to ${
            ROLE_NAMES[inherited.level] ?? inherited.level
          } inherited membership from group ${inherited.group.name}`,
        ],
      },
    });
  }
}

/** The direct member map of a source (created for a project without one). */
function memberMap(src: MemberSource): Map<number, number> {
  if (src.kind === "group") return src.group.members;
  if (!src.project.members) src.project.members = new Map();
  return src.project.members;
}

function sourceId(src: MemberSource): number {
  return src.kind === "project" ? src.project.id : src.group.id;
}

/** A direct membership by user id, or GitLab's `find_by!` 404. */
function findDirect(src: MemberSource, userId: number): Membership {
  const m = directMembers(src).find((x) => x.userId === userId);
  if (!m) throw new HttpError(404, { message: "404 Not found" });
  return m;
}

/** `POST /…/members`. */
function addMember(ctx: RequestContext, kind: "project" | "group"): Response {
  const actor = requireAuth(ctx);
  const q = ctx.params;
  const v = validate(q).required("access_level").integer("access_level");
  if (q.user_id === undefined && q.username === undefined) {
    v.check();
    throw new HttpError(400, {
      error: "user_id, username are missing, exactly one parameter must be provided",
    });
  }
  v.check();
  const src = findSource(ctx, kind);
  const actorLevel = authorizeAdmin(actor, src);
  const user = q.user_id !== undefined
    ? ctx.store.usersById.get(int(q, "user_id") ?? -1)
    : ctx.store.usersByName.get((str(q, "username") ?? "").toLowerCase());
  if (user && directMembers(src).some((m) => m.userId === user.id)) {
    throw new HttpError(409, { message: "Member already exists" });
  }
  if (!user) throw notFound("User");
  const level = int(q, "access_level") as number;
  const expiresAt = expiresAtParam(ctx) ?? null;
  checkLevel(src, user.id, level, actorLevel);
  memberMap(src).set(user.id, level);
  setMembershipMeta(ctx.store, kind, sourceId(src), user.id, {
    createdAt: ctx.store.iso(),
    createdById: actor.id,
    expiresAt,
  });
  ctx.store.bump();
  const m = findDirect(src, user.id);
  return jsonResponse(ctx.requestId, 201, renderMember(ctx, m, actor));
}

/** `PUT /…/members/:user_id`. */
function editMember(ctx: RequestContext, kind: "project" | "group"): Response {
  const actor = requireAuth(ctx);
  const userId = integerPathParam(ctx.pathParams, "user_id");
  validate(ctx.params).required("access_level").integer("access_level").check();
  const src = findSource(ctx, kind);
  const actorLevel = authorizeAdmin(actor, src);
  const m = findDirect(src, userId);
  if (src.kind === "project" && src.project.ns.kind === "user" && src.project.ns.user.id === userId) {
    throw forbidden(); // the namespace owner's membership is not editable
  }
  if (m.level === ACCESS.owner && actorLevel < ACCESS.owner) throw forbidden();
  const level = int(ctx.params, "access_level") as number;
  const expiresAt = expiresAtParam(ctx);
  checkLevel(src, userId, level, actorLevel);
  if (
    src.kind === "group" && m.level === ACCESS.owner && level < ACCESS.owner && lastOwner(src.group, userId)
  ) {
    throw forbidden();
  }
  memberMap(src).set(userId, level);
  const key = metaKey(kind, sourceId(src), userId);
  const meta = metaSlot(ctx.store).get(key) ??
    { createdAt: m.sourceCreatedAt, createdById: null, expiresAt: null };
  if (expiresAt !== undefined) meta.expiresAt = expiresAt;
  metaSlot(ctx.store).set(key, meta);
  ctx.store.bump();
  return jsonResponse(ctx.requestId, 200, renderMember(ctx, findDirect(src, userId), actor));
}

/** Whether `userId` is the only owner of a top-level group (who may not leave or be demoted). */
function lastOwner(g: GroupRec, userId: number): boolean {
  if (g.parent) return false;
  for (const [id, level] of g.members) if (id !== userId && level === ACCESS.owner) return false;
  return true;
}

/** Removes a user's direct memberships in the subgroups and projects below `g` (GitLab's default). */
function removeFromSubresources(store: Store, g: GroupRec, userId: number): void {
  const meta = metaSlot(store);
  for (const d of store.groups) {
    if (isDescendant(d, g) && d.members.delete(userId)) meta.delete(metaKey("group", d.id, userId));
  }
  for (const p of store.projects) {
    if (p.ns.kind !== "group" || !(p.ns.group === g || isDescendant(p.ns.group, g))) continue;
    if (p.members?.delete(userId)) meta.delete(metaKey("project", p.id, userId));
  }
}

/** `DELETE /…/members/:user_id`. */
function removeMember(ctx: RequestContext, kind: "project" | "group"): Response {
  const actor = requireAuth(ctx);
  const userId = integerPathParam(ctx.pathParams, "user_id");
  const src = findSource(ctx, kind);
  const m = findDirect(src, userId);
  if (actor.id !== userId) authorizeAdmin(actor, src);
  if (src.kind === "project" && src.project.ns.kind === "user" && src.project.ns.user.id === userId) {
    throw forbidden();
  }
  if (src.kind === "group" && m.level === ACCESS.owner && lastOwner(src.group, userId)) throw forbidden();
  if (m.level === ACCESS.owner && actor.id !== userId && levelIn(actor, src) < ACCESS.owner) {
    throw forbidden();
  }
  memberMap(src).delete(userId);
  metaSlot(ctx.store).delete(metaKey(kind, sourceId(src), userId));
  if (src.kind === "group" && !(bool(ctx.params, "skip_subresources") ?? false)) {
    removeFromSubresources(ctx.store, src.group, userId);
  }
  ctx.store.bump();
  return noContent(ctx.requestId);
}

/** @internal registers the member routes of projects and groups. */
export function registerMemberRoutes(routes: RouteTable): void {
  for (const kind of ["project", "group"] as const) {
    const base = `/${kind}s/:id/members`;
    routes.on("GET", base, (ctx) => {
      requireAuth(ctx);
      validate(ctx.params).pagination().integer("user_ids").integer("skip_users").check();
      const rows = filterMembers(ctx, directMembers(findSource(ctx, kind)));
      return paginateArray(ctx, rows, (m) => renderMember(ctx, m, ctx.user));
    });
    routes.on("GET", `${base}/all`, (ctx) => {
      requireAuth(ctx);
      validate(ctx.params).pagination().integer("user_ids").check();
      const rows = filterMembers(ctx, allMembers(findSource(ctx, kind)));
      return paginateArray(ctx, rows, (m) => renderMember(ctx, m, ctx.user));
    });
    routes.on("GET", `${base}/all/:user_id`, (ctx) => {
      requireAuth(ctx);
      const userId = integerPathParam(ctx.pathParams, "user_id");
      const m = allMembers(findSource(ctx, kind)).find((x) => x.userId === userId);
      if (!m) throw new HttpError(404, { message: "404 Not found" });
      return jsonResponse(ctx.requestId, 200, renderMember(ctx, m, ctx.user));
    });
    routes.on("GET", `${base}/:user_id`, (ctx) => {
      requireAuth(ctx);
      const userId = integerPathParam(ctx.pathParams, "user_id");
      const m = findDirect(findSource(ctx, kind), userId);
      return jsonResponse(ctx.requestId, 200, renderMember(ctx, m, ctx.user));
    });
    routes.on("POST", base, (ctx) => addMember(ctx, kind));
    routes.on("PUT", `${base}/:user_id`, (ctx) => editMember(ctx, kind));
    routes.on("DELETE", `${base}/:user_id`, (ctx) => removeMember(ctx, kind));
  }
}

/** @internal seeds when the default dataset's memberships began and who added them (root). */
export function seedMembers(store: Store): void {
  const root = store.usersByName.get("root");
  for (const g of store.groups) {
    for (const userId of g.members.keys()) {
      setMembershipMeta(store, "group", g.id, userId, {
        createdAt: g.createdAt,
        createdById: root?.id ?? null,
        expiresAt: null,
      });
    }
  }
  for (const p of store.projects) {
    for (const userId of p.members?.keys() ?? []) {
      setMembershipMeta(store, "project", p.id, userId, {
        createdAt: p.createdAt,
        createdById: root?.id ?? null,
        expiresAt: null,
      });
    }
  }
}
