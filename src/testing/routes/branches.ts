/**
 * Repository branches: `GET`/`POST /projects/:id/repository/branches`,
 * `GET`/`DELETE /projects/:id/repository/branches/:branch`, the deprecated `PUT …/:branch/protect` and
 * `…/unprotect`, `DELETE /projects/:id/repository/merged_branches`, and the branch and commit renderers.
 *
 * @module
 */

import { ACCESS, projectAccess, requireAuth, requireProjectAccess } from "../access.ts";
import type { RenderContext, RequestContext } from "../context.ts";
import { bool, str } from "../params.ts";
import { paginateArray } from "../pagination.ts";
import type { BranchRec, CommitRec, ProjectRec, UserRec } from "../records.ts";
import {
  canPushToBranch,
  developersCan,
  ensureRepo,
  isAncestor,
  isProtectedBranch,
  protectedBranchesOf,
  resolveRef,
  roleAccess,
  syncProtection,
  validRefName,
} from "../repository.ts";
import { HttpError, jsonResponse, noContent, notFound } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import type { Branch } from "../../types/branches.ts";
import type { CommitBasic } from "../../types/commits.ts";
import { validate } from "../validation.ts";
import { findProject } from "./projects.ts";
import { BLANK_SHA, emitPushEvent } from "../webhook_delivery.ts";

/** @internal a commit as embedded in a branch. */
export function renderCommit(view: RenderContext, p: ProjectRec, c: CommitRec): CommitBasic {
  const title = c.message.split("\n")[0];
  return {
    id: c.id,
    short_id: c.id.slice(0, 8),
    created_at: c.createdAt,
    parent_ids: c.parentIds,
    title,
    message: c.message,
    author_name: c.authorName,
    author_email: c.authorEmail,
    authored_date: c.createdAt,
    committer_name: c.committerName ?? c.authorName,
    committer_email: c.committerEmail ?? c.authorEmail,
    committed_date: c.createdAt,
    trailers: {},
    extended_trailers: {},
    web_url: `${view.webUrl}/${p.fullPath}/-/commit/${c.id}`,
  };
}

/**
 * @internal a branch as `GET /projects/:id/repository/branches/:branch` returns it: `protected`,
 * `developers_can_push`/`developers_can_merge` (a matching rule grants developers) and `can_push` follow the
 * project's protected branch rules, as GitLab's `Branch` entity does.
 */
export function renderBranch(
  view: RenderContext,
  p: ProjectRec,
  b: BranchRec,
  viewer: UserRec | null,
): Branch {
  const def = p.repo?.branches.get(p.defaultBranch);
  return {
    name: b.name,
    merged: b.name !== p.defaultBranch && !!def && def.commit.id === b.commit.id,
    protected: isProtectedBranch(view.store, p, b.name),
    default: b.name === p.defaultBranch,
    developers_can_push: developersCan(view.store, p, b.name, "push"),
    developers_can_merge: developersCan(view.store, p, b.name, "merge"),
    can_push: canPushToBranch(view.store, viewer, p, b.name),
    web_url: `${view.webUrl}/${p.fullPath}/-/tree/${b.name}`,
    commit: renderCommit(view, p, b.commit),
  };
}

/** Whether a branch `search` (`^prefix`, `suffix$`, `^exact$` or a substring) matches `name`. */
function branchSearchMatches(search: string, name: string): boolean {
  const s = search.toLowerCase();
  const n = name.toLowerCase();
  if (s.startsWith("^") && s.endsWith("$") && s.length > 1) return n === s.slice(1, -1);
  if (s.startsWith("^")) return n.startsWith(s.slice(1));
  if (s.endsWith("$")) return n.endsWith(s.slice(0, -1));
  return n.includes(s);
}

/** `GET /projects/:id/repository/branches`: name-ordered, filtered by `search`. */
function listBranches(ctx: RequestContext): Response {
  validate(ctx.params).pagination().check();
  const p = findProject(ctx);
  const search = str(ctx.params, "search");
  let rows = [...ensureRepo(ctx.store, p).branches.values()].sort((
    a,
    b,
  ) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (search) rows = rows.filter((b) => branchSearchMatches(search, b.name));
  return paginateArray(ctx, rows, (b) => renderBranch(ctx, p, b, ctx.user));
}

/** `POST /projects/:id/repository/branches`. */
function postBranch(ctx: RequestContext): Response {
  const store = ctx.store;
  requireAuth(ctx);
  validate(ctx.params).required("branch", { allowBlank: false }).required("ref", { allowBlank: false })
    .check();
  const p = findProject(ctx);
  const name = str(ctx.params, "branch");
  const ref = str(ctx.params, "ref");
  const user = requireProjectAccess(ctx, p, ACCESS.developer);
  const repo = ensureRepo(store, p);
  if (!validRefName(name as string)) throw new HttpError(400, { message: "Branch name is invalid" });
  if (repo.branches.has(name as string)) throw new HttpError(400, { message: "Branch already exists" });
  const from = resolveRef(store, p, ref as string);
  if (!from) throw new HttpError(400, { message: `Invalid reference name: ${ref}` });
  const b: BranchRec = {
    name: name as string,
    commit: from.commit,
    files: from.files,
    protected: isProtectedBranch(store, p, name as string),
  };
  repo.branches.set(b.name, b);
  p.lastActivityAt = store.iso();
  emitPushEvent(store, p, { ref: b.name, before: BLANK_SHA, after: b.commit.id, commits: [], user });
  return jsonResponse(ctx.requestId, 201, renderBranch(ctx, p, b, ctx.user));
}

/**
 * `DELETE /projects/:id/repository/branches/:branch`. GitLab's pre-receive checks refuse deleting the default
 * branch, and a protected one unless the user is a maintainer, with a 400 (`Gitlab::Checks::BranchCheck`).
 */
function deleteBranch(ctx: RequestContext): Response {
  const p = findProject(ctx);
  const user = requireProjectAccess(ctx, p, ACCESS.developer);
  const repo = ensureRepo(ctx.store, p);
  const b = repo.branches.get(ctx.pathParams.branch);
  if (!b) throw notFound("Branch");
  if (b.name === p.defaultBranch) {
    throw new HttpError(400, { message: "The default branch of a project cannot be deleted." });
  }
  if (isProtectedBranch(ctx.store, p, b.name) && projectAccess(ctx.user, p) < ACCESS.maintainer) {
    throw new HttpError(400, {
      message: "You are not allowed to delete protected branches from this project. " +
        "Only a project maintainer or owner can delete a protected branch.",
    });
  }
  repo.branches.delete(b.name);
  emitPushEvent(ctx.store, p, { ref: b.name, before: b.commit.id, after: BLANK_SHA, commits: [], user });
  return noContent(ctx.requestId);
}

/**
 * `PUT /projects/:id/repository/branches/:branch/protect` (deprecated): creates or replaces the exact-name
 * rule, developers pushing or merging when asked; maintainers only.
 */
function protectBranch(ctx: RequestContext): Response {
  const p = findProject(ctx);
  requireProjectAccess(ctx, p, ACCESS.maintainer);
  const store = ctx.store;
  const b = ensureRepo(store, p).branches.get(ctx.pathParams.branch);
  if (!b) throw notFound("Branch");
  const rules = protectedBranchesOf(store, p);
  const level = (flag: string) => (bool(ctx.params, flag) ? ACCESS.developer : ACCESS.maintainer);
  const existing = rules.find((r) => r.name === b.name);
  const rule = existing ?? {
    id: store.nextIdOf("protectedBranch"),
    name: b.name,
    push: [],
    merge: [],
    unprotect: [roleAccess(store, ACCESS.maintainer)],
    allowForcePush: false,
    codeOwnerApprovalRequired: false,
  };
  rule.push = [roleAccess(store, level("developers_can_push"))];
  rule.merge = [roleAccess(store, level("developers_can_merge"))];
  if (!existing) rules.push(rule);
  syncProtection(store, p);
  return jsonResponse(ctx.requestId, 200, renderBranch(ctx, p, b, ctx.user));
}

/** `PUT /projects/:id/repository/branches/:branch/unprotect` (deprecated): drops the exact-name rule. */
function unprotectBranch(ctx: RequestContext): Response {
  const p = findProject(ctx);
  requireProjectAccess(ctx, p, ACCESS.maintainer);
  const store = ctx.store;
  const b = ensureRepo(store, p).branches.get(ctx.pathParams.branch);
  if (!b) throw notFound("Branch");
  const rules = protectedBranchesOf(store, p);
  const i = rules.findIndex((r) => r.name === b.name);
  if (i >= 0) rules.splice(i, 1);
  syncProtection(store, p);
  return jsonResponse(ctx.requestId, 200, renderBranch(ctx, p, b, ctx.user));
}

/**
 * `DELETE /projects/:id/repository/merged_branches`: removes branches merged into the default branch, except
 * the default and protected ones; `202 Accepted` (GitLab does it in the background).
 */
function deleteMergedBranches(ctx: RequestContext): Response {
  const p = findProject(ctx);
  const user = requireProjectAccess(ctx, p, ACCESS.developer);
  const repo = ensureRepo(ctx.store, p);
  const def = repo.branches.get(p.defaultBranch);
  if (def) {
    for (const b of [...repo.branches.values()]) {
      if (b === def || isProtectedBranch(ctx.store, p, b.name)) continue;
      if (!isAncestor(ctx.store, b.commit, def.commit)) continue;
      repo.branches.delete(b.name);
      emitPushEvent(ctx.store, p, { ref: b.name, before: b.commit.id, after: BLANK_SHA, commits: [], user });
    }
  }
  return jsonResponse(ctx.requestId, 202, { message: "202 Accepted" });
}

/** @internal registers the branch routes. */
export function registerBranchRoutes(routes: RouteTable): void {
  routes.on("GET", "/projects/:id/repository/branches", listBranches);
  routes.on("GET", "/projects/:id/repository/branches/:branch", (ctx) => {
    const p = findProject(ctx);
    const b = ensureRepo(ctx.store, p).branches.get(ctx.pathParams.branch);
    if (!b) throw notFound("Branch");
    return jsonResponse(ctx.requestId, 200, renderBranch(ctx, p, b, ctx.user));
  });
  routes.on("POST", "/projects/:id/repository/branches", postBranch);
  routes.on("DELETE", "/projects/:id/repository/branches/:branch", deleteBranch);
  routes.on("PUT", "/projects/:id/repository/branches/:branch/protect", protectBranch);
  routes.on("PUT", "/projects/:id/repository/branches/:branch/unprotect", unprotectBranch);
  routes.on("DELETE", "/projects/:id/repository/merged_branches", deleteMergedBranches);
}
