/**
 * Who may see and change what: membership levels (inherited through parent groups), visibility and the
 * checks handlers use to answer 401, 403 or 404.
 *
 * @module
 */

import type { RequestContext } from "./context.ts";
import type { GroupRec, ProjectRec, UserRec } from "./records.ts";
import { forbidden, unauthorized } from "./responses.ts";
import type { Store } from "./store.ts";

/** @internal GitLab's access levels. */
export const ACCESS = { guest: 10, reporter: 20, developer: 30, maintainer: 40, owner: 50 } as const;

const MAX_DEPTH = 100;

/** @internal the highest level `user` has in `group` or any of its ancestors. */
export function groupAccess(user: UserRec, group: GroupRec | null): number {
  let level = 0;
  let guard = 0;
  for (let cur = group; cur && guard++ < MAX_DEPTH; cur = cur.parent) {
    level = Math.max(level, cur.members.get(user.id) ?? 0);
  }
  return level;
}

/** @internal membership level of `user` in a project (direct, personal namespace or group), no admin override. */
export function memberAccess(user: UserRec | null, p: ProjectRec): number {
  if (!user) return 0;
  let level = p.members?.get(user.id) ?? 0;
  if (p.ns.kind === "user") {
    if (p.ns.user.id === user.id) level = ACCESS.owner;
  } else level = Math.max(level, groupAccess(user, p.ns.group));
  return level;
}

/** @internal effective level of `user` in a project: admins act as owners. */
export function projectAccess(user: UserRec | null, p: ProjectRec): number {
  if (user?.admin) return ACCESS.owner;
  return memberAccess(user, p);
}

/** @internal whether `user` (or an anonymous request) may see a project. */
export function canReadProject(user: UserRec | null, p: ProjectRec): boolean {
  if (p.visibility === "public") return true;
  if (!user) return false;
  if (p.visibility === "internal" && !user.bot) return true;
  return projectAccess(user, p) > 0;
}

/** @internal whether `descendant` is below `ancestor` in the group tree. */
export function isDescendant(descendant: GroupRec, ancestor: GroupRec): boolean {
  let guard = 0;
  for (let cur = descendant.parent; cur && guard++ < MAX_DEPTH; cur = cur.parent) {
    if (cur === ancestor) return true;
  }
  return false;
}

/** @internal whether `user` (or an anonymous request) may see a group. */
export function canReadGroup(store: Store, user: UserRec | null, g: GroupRec): boolean {
  if (g.visibility === "public") return true;
  if (!user) return false;
  if (user.admin || g.visibility === "internal") return true;
  if (groupAccess(user, g) > 0) return true;
  // members of a descendant group can see the ancestors
  return store.groups.some((d) => isDescendant(d, g) && d.members.has(user.id));
}

/** @internal the authenticated user, or a 401. */
export function requireAuth(ctx: RequestContext): UserRec {
  if (!ctx.user) throw unauthorized();
  return ctx.user;
}

/** @internal the authenticated user when they have at least `level` in the project: else 401 or 403. */
export function requireProjectAccess(ctx: RequestContext, p: ProjectRec, level: number): UserRec {
  const user = requireAuth(ctx);
  if (projectAccess(user, p) < level) throw forbidden();
  return user;
}
