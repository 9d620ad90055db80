/**
 * Protected branches and tags: `GET`/`POST /projects/:id/protected_branches`, `GET`/`PATCH`/`DELETE
 * …/protected_branches/:name`, and `GET`/`POST /projects/:id/protected_tags`, `GET`/`DELETE
 * …/protected_tags/:name`, all for maintainers. Names may be wildcards (`release/*`). The rules really apply:
 * branch rendering, file writes, commits, cherry-picks, reverts, branch and tag deletion and tag creation
 * follow them.
 *
 * @module
 */

import { ACCESS, requireProjectAccess } from "../access.ts";
import type { RenderContext, RequestContext } from "../context.ts";
import { bool, int, type Params, type ParamValue, str } from "../params.ts";
import { paginateArray } from "../pagination.ts";
import type { ProjectRec } from "../records.ts";
import {
  protectedBranchesOf,
  type ProtectedBranchRec,
  type ProtectedTagRec,
  protectedTagsOf,
  type RefAccessRec,
  roleAccess,
  syncProtection,
} from "../repository.ts";
import { HttpError, jsonResponse, noContent } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import type { Store } from "../store.ts";
import type { ProtectedBranch, ProtectedRefAccess, ProtectedTag } from "../../types/protected_branches.ts";
import { validate } from "../validation.ts";
import { findProject } from "./projects.ts";

/** The access levels a protected ref rule accepts. */
const LEVELS = [0, 30, 40, 60];

/** GitLab's description of an access level. */
function describe(view: RenderContext, a: RefAccessRec): string {
  if (a.userId !== null) return view.store.usersById.get(a.userId)?.name ?? "User";
  switch (a.level) {
    case 0:
      return "No one";
    case 30:
      return "Developers + Maintainers";
    case 60:
      return "Admins";
    default:
      return "Maintainers";
  }
}

/** An access entry as GitLab's `ProtectedRefAccess` entity shows it. */
function renderAccess(view: RenderContext, a: RefAccessRec, withDeployKey: boolean): ProtectedRefAccess {
  const out: ProtectedRefAccess = {
    id: a.id,
    access_level: a.level,
    access_level_description: describe(view, a),
  };
  if (withDeployKey) out.deploy_key_id = null;
  if (a.userId !== null) out.user_id = a.userId;
  return out;
}

/** @internal a protected branch rule as GitLab's `ProtectedBranch` entity shows it. */
export function renderProtectedBranch(view: RenderContext, r: ProtectedBranchRec): ProtectedBranch {
  return {
    id: r.id,
    name: r.name,
    push_access_levels: r.push.map((a) => renderAccess(view, a, true)),
    merge_access_levels: r.merge.map((a) => renderAccess(view, a, false)),
    allow_force_push: r.allowForcePush,
  };
}

/** @internal a protected tag rule as GitLab's `ProtectedTag` entity shows it. */
export function renderProtectedTag(view: RenderContext, r: ProtectedTagRec): ProtectedTag {
  return { name: r.name, create_access_levels: r.create.map((a) => renderAccess(view, a, false)) };
}

/** `find_by!`'s 404 (ActiveRecord's `RecordNotFound`, as the API answers it). */
function recordNotFound(): HttpError {
  return new HttpError(404, { message: "404 Not found" });
}

/** Whether a parameter value is an object. */
function isRecord(v: ParamValue | undefined): v is Params {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Blob);
}

/** The `allowed_to_<kind>[]` entries of a request. */
function allowedEntries(q: Params, key: string): Params[] {
  const v = Object.hasOwn(q, key) ? q[key] : undefined;
  if (Array.isArray(v)) return v.filter(isRecord);
  if (isRecord(v)) return Object.values(v).filter(isRecord);
  return [];
}

/** Access entries from `<kind>_access_level` and `allowed_to_<kind>[]` (create). */
function entriesFor(store: Store, q: Params, kind: string, fallback: number): RefAccessRec[] {
  const out: RefAccessRec[] = [];
  const level = int(q, `${kind}_access_level`);
  for (const e of allowedEntries(q, `allowed_to_${kind}`)) {
    const userId = int(e, "user_id");
    if (userId !== undefined) out.push({ ...roleAccess(store, ACCESS.maintainer), userId });
    else {
      const l = int(e, "access_level");
      if (l !== undefined) out.push(roleAccess(store, l));
    }
  }
  if (level !== undefined || out.length === 0) out.unshift(roleAccess(store, level ?? fallback));
  return out;
}

/** Applies `allowed_to_<kind>[]` updates (`id` + `_destroy`, `id` + `access_level`, or new entries). */
function updateEntries(store: Store, q: Params, kind: string, entries: RefAccessRec[]): RefAccessRec[] {
  let out = [...entries];
  for (const e of allowedEntries(q, `allowed_to_${kind}`)) {
    const id = int(e, "id");
    if (id !== undefined) {
      if (bool(e, "_destroy")) out = out.filter((a) => a.id !== id);
      else {
        const l = int(e, "access_level");
        out = out.map((a) => (a.id === id && l !== undefined ? { ...a, level: l } : a));
      }
      continue;
    }
    const userId = int(e, "user_id");
    if (userId !== undefined) out.push({ ...roleAccess(store, ACCESS.maintainer), userId });
    else {
      const l = int(e, "access_level");
      if (l !== undefined) out.push(roleAccess(store, l));
    }
  }
  return out;
}

/** The rule a `:name` path parameter names, or `404 Not found`. */
function findRule<T extends { name: string }>(rules: T[], name: string): T {
  const r = rules.find((x) => x.name === name);
  if (!r) throw recordNotFound();
  return r;
}

/** Whether a rule-list `search` matches a name (substring, case-insensitive). */
function searchMatches(search: string | undefined, name: string): boolean {
  return !search || name.toLowerCase().includes(search.toLowerCase());
}

/** `POST /projects/:id/protected_branches`. */
function protectBranch(ctx: RequestContext): Response {
  validate(ctx.params).required("name", { allowBlank: false }).oneOf("push_access_level", LEVELS)
    .oneOf("merge_access_level", LEVELS).oneOf("unprotect_access_level", LEVELS).check();
  const p = findProject(ctx);
  requireProjectAccess(ctx, p, ACCESS.maintainer);
  const store = ctx.store;
  const name = str(ctx.params, "name") as string;
  const rules = protectedBranchesOf(store, p);
  if (rules.some((r) => r.name === name)) {
    throw new HttpError(409, { message: `Protected branch '${name}' already exists` });
  }
  const r: ProtectedBranchRec = {
    id: store.nextIdOf("protectedBranch"),
    name,
    push: entriesFor(store, ctx.params, "push", ACCESS.maintainer),
    merge: entriesFor(store, ctx.params, "merge", ACCESS.maintainer),
    unprotect: entriesFor(store, ctx.params, "unprotect", ACCESS.maintainer),
    allowForcePush: bool(ctx.params, "allow_force_push") === true,
    codeOwnerApprovalRequired: bool(ctx.params, "code_owner_approval_required") === true,
  };
  rules.push(r);
  syncProtection(store, p);
  return jsonResponse(ctx.requestId, 201, renderProtectedBranch(ctx, r));
}

/** `PATCH /projects/:id/protected_branches/:name`. */
function updateProtectedBranch(ctx: RequestContext): Response {
  const p = findProject(ctx);
  requireProjectAccess(ctx, p, ACCESS.maintainer);
  const store = ctx.store;
  const r = findRule(protectedBranchesOf(store, p), ctx.pathParams.name);
  const force = bool(ctx.params, "allow_force_push");
  if (force !== undefined) r.allowForcePush = force;
  const owners = bool(ctx.params, "code_owner_approval_required");
  if (owners !== undefined) r.codeOwnerApprovalRequired = owners;
  r.push = updateEntries(store, ctx.params, "push", r.push);
  r.merge = updateEntries(store, ctx.params, "merge", r.merge);
  r.unprotect = updateEntries(store, ctx.params, "unprotect", r.unprotect);
  syncProtection(store, p);
  return jsonResponse(ctx.requestId, 200, renderProtectedBranch(ctx, r));
}

/** `POST /projects/:id/protected_tags`. */
function protectTag(ctx: RequestContext): Response {
  validate(ctx.params).required("name", { allowBlank: false }).oneOf("create_access_level", LEVELS).check();
  const p = findProject(ctx);
  requireProjectAccess(ctx, p, ACCESS.maintainer);
  const store = ctx.store;
  const name = str(ctx.params, "name") as string;
  const rules = protectedTagsOf(store, p);
  if (rules.some((r) => r.name === name)) {
    throw new HttpError(422, { message: ["Name has already been taken"] });
  }
  const r: ProtectedTagRec = {
    id: store.nextIdOf("protectedTag"),
    name,
    create: entriesFor(store, ctx.params, "create", ACCESS.maintainer),
  };
  rules.push(r);
  return jsonResponse(ctx.requestId, 201, renderProtectedTag(ctx, r));
}

/** The project of a maintainer-only protected ref request. */
function adminProject(ctx: RequestContext): ProjectRec {
  const p = findProject(ctx);
  requireProjectAccess(ctx, p, ACCESS.maintainer);
  return p;
}

/** @internal registers the protected branch and protected tag routes. */
export function registerProtectedBranchRoutes(routes: RouteTable): void {
  const branches = "/projects/:id/protected_branches";
  routes.on("GET", branches, (ctx) => {
    validate(ctx.params).pagination().check();
    const p = adminProject(ctx);
    const search = str(ctx.params, "search");
    const rows = protectedBranchesOf(ctx.store, p).filter((r) => searchMatches(search, r.name));
    return paginateArray(ctx, rows, (r) => renderProtectedBranch(ctx, r));
  });
  routes.on("POST", branches, protectBranch);
  routes.on("GET", `${branches}/:name`, (ctx) => {
    const p = adminProject(ctx);
    const r = findRule(protectedBranchesOf(ctx.store, p), ctx.pathParams.name);
    return jsonResponse(ctx.requestId, 200, renderProtectedBranch(ctx, r));
  });
  routes.on("PATCH", `${branches}/:name`, updateProtectedBranch);
  routes.on("DELETE", `${branches}/:name`, (ctx) => {
    const p = adminProject(ctx);
    const rules = protectedBranchesOf(ctx.store, p);
    const r = findRule(rules, ctx.pathParams.name);
    rules.splice(rules.indexOf(r), 1);
    syncProtection(ctx.store, p);
    return noContent(ctx.requestId);
  });

  const tags = "/projects/:id/protected_tags";
  routes.on("GET", tags, (ctx) => {
    validate(ctx.params).pagination().check();
    const p = adminProject(ctx);
    return paginateArray(ctx, protectedTagsOf(ctx.store, p), (r) => renderProtectedTag(ctx, r));
  });
  routes.on("POST", tags, protectTag);
  routes.on("GET", `${tags}/:name`, (ctx) => {
    const p = adminProject(ctx);
    return jsonResponse(
      ctx.requestId,
      200,
      renderProtectedTag(ctx, findRule(protectedTagsOf(ctx.store, p), ctx.pathParams.name)),
    );
  });
  routes.on("DELETE", `${tags}/:name`, (ctx) => {
    const p = adminProject(ctx);
    const rules = protectedTagsOf(ctx.store, p);
    const r = findRule(rules, ctx.pathParams.name);
    rules.splice(rules.indexOf(r), 1);
    return noContent(ctx.requestId);
  });
}
