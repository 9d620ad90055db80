/**
 * Repository branches: `GET`/`POST /projects/:id/repository/branches`,
 * `GET`/`DELETE /projects/:id/repository/branches/:branch`, and the branch and commit renderers.
 *
 * @module
 */

import { ACCESS, projectAccess, requireAuth, requireProjectAccess } from "../access.ts";
import type { RenderContext, RequestContext } from "../context.ts";
import { str } from "../params.ts";
import { paginateArray } from "../pagination.ts";
import type { BranchRec, CommitRec, ProjectRec, UserRec } from "../records.ts";
import { ensureRepo, resolveRef } from "../repository.ts";
import { HttpError, jsonResponse, noContent, notFound } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import type { Branch } from "../../types/branches.ts";
import type { CommitBasic } from "../../types/commits.ts";
import { validate } from "../validation.ts";
import { findProject } from "./projects.ts";

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
    committer_name: c.authorName,
    committer_email: c.authorEmail,
    committed_date: c.createdAt,
    trailers: {},
    extended_trailers: {},
    web_url: `${view.webUrl}/${p.fullPath}/-/commit/${c.id}`,
  };
}

/** @internal a branch as `GET /projects/:id/repository/branches/:branch` returns it. */
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
    protected: b.protected,
    default: b.name === p.defaultBranch,
    developers_can_push: false,
    developers_can_merge: false,
    can_push: projectAccess(viewer, p) >= (b.protected ? ACCESS.maintainer : ACCESS.developer),
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

/** Whether `name` is a valid Git branch name. */
function validBranchName(name: string): boolean {
  return /^[^\s~^:?*[\\]+$/.test(name) && !/\.\.|\/\/|^\/|\/$|\.lock$|^-/.test(name);
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
  requireProjectAccess(ctx, p, ACCESS.developer);
  const repo = ensureRepo(store, p);
  if (!validBranchName(name as string)) throw new HttpError(400, { message: "Branch name is invalid" });
  if (repo.branches.has(name as string)) throw new HttpError(400, { message: "Branch already exists" });
  const from = resolveRef(store, p, ref as string);
  if (!from) throw new HttpError(400, { message: `Invalid reference name: ${ref}` });
  const b: BranchRec = { name: name as string, commit: from.commit, files: from.files, protected: false };
  repo.branches.set(b.name, b);
  p.lastActivityAt = store.iso();
  return jsonResponse(ctx.requestId, 201, renderBranch(ctx, p, b, ctx.user));
}

/**
 * `DELETE /projects/:id/repository/branches/:branch`. GitLab's pre-receive checks refuse deleting the default
 * branch, and a protected one unless the user is a maintainer, with a 400 (`Gitlab::Checks::BranchCheck`).
 */
function deleteBranch(ctx: RequestContext): Response {
  const p = findProject(ctx);
  requireProjectAccess(ctx, p, ACCESS.developer);
  const repo = ensureRepo(ctx.store, p);
  const b = repo.branches.get(ctx.pathParams.branch);
  if (!b) throw notFound("Branch");
  if (b.name === p.defaultBranch) {
    throw new HttpError(400, { message: "The default branch of a project cannot be deleted." });
  }
  if (b.protected && projectAccess(ctx.user, p) < ACCESS.maintainer) {
    throw new HttpError(400, {
      message: "You are not allowed to delete protected branches from this project. " +
        "Only a project maintainer or owner can delete a protected branch.",
    });
  }
  repo.branches.delete(b.name);
  return noContent(ctx.requestId);
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
}
