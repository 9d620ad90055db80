/**
 * Merge request approvals as GitLab's free tier has them: `POST …/approve`, `POST …/unapprove` and
 * `GET …/approvals` (no approval rules: one approval makes the merge request `approved`).
 *
 * @module
 */

import { ACCESS, projectAccess, requireAuth } from "../access.ts";
import type { RenderContext, RequestContext } from "../context.ts";
import { str } from "../params.ts";
import type { MrRec, UserRec } from "../records.ts";
import { HttpError, jsonResponse, notFound, unauthorized } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import type { Store } from "../store.ts";
import type { UserBasic } from "../../types/common.ts";
import type { MergeRequestApprovals } from "../../types/merge_request_approvals.ts";
import { integerPathParam } from "../validation.ts";
import { findMergeRequest } from "./merge_requests.ts";
import { findProject } from "./projects.ts";
import { renderUserBasicById } from "./users.ts";

/** @internal who approved each merge request (by global id), in approval order. */
export function approvalsOf(store: Store, m: MrRec): number[] {
  const all = store.slot("mergeRequestApprovals", () => new Map<number, number[]>());
  let ids = all.get(m.id);
  if (!ids) {
    ids = [];
    all.set(m.id, ids);
  }
  return ids;
}

/** Whether `user` may approve: developers and above of the project, on an open merge request. */
function canApprove(user: UserRec | null, level: number, m: MrRec): boolean {
  return !!user && m.state === "opened" && (user.admin || level >= ACCESS.developer);
}

/** @internal a merge request's approvals as GitLab's `MergeRequestApprovals` entity, for `viewer`. */
export function renderApprovals(
  view: RenderContext,
  m: MrRec,
  viewer: UserRec | null,
  viewerLevel: number,
): MergeRequestApprovals {
  const ids = approvalsOf(view.store, m);
  const has = !!viewer && ids.includes(viewer.id);
  return {
    user_has_approved: has,
    user_can_approve: !has && canApprove(viewer, viewerLevel, m),
    approved: ids.length > 0,
    approved_by: ids.map((id) => ({ user: renderUserBasicById(view, id) as UserBasic })),
  };
}

/** The merge request of the request path. */
function pathMr(ctx: RequestContext) {
  const p = findProject(ctx);
  return { p, m: findMergeRequest(p, integerPathParam(ctx.pathParams, "merge_request_iid")) };
}

/** @internal registers the approval routes. */
export function registerMergeRequestApprovalRoutes(routes: RouteTable): void {
  const base = "/projects/:id/merge_requests/:merge_request_iid";
  routes.on("GET", `${base}/approvals`, (ctx) => {
    const { p, m } = pathMr(ctx);
    return jsonResponse(ctx.requestId, 200, renderApprovals(ctx, m, ctx.user, projectAccess(ctx.user, p)));
  });
  routes.on("POST", `${base}/approve`, (ctx) => {
    const user = requireAuth(ctx);
    const { p, m } = pathMr(ctx);
    const level = projectAccess(user, p);
    const ids = approvalsOf(ctx.store, m);
    // GitLab answers 401 when the user may not (or already did) approve
    if (!canApprove(user, level, m) || ids.includes(user.id)) throw unauthorized();
    const sha = str(ctx.params, "sha");
    const head = p.repo?.branches.get(m.source)?.commit.id ?? m.sha;
    if (sha !== undefined && sha !== head) {
      throw new HttpError(409, { message: "SHA does not match HEAD of source branch" });
    }
    ids.push(user.id);
    ctx.store.bump();
    return jsonResponse(ctx.requestId, 201, renderApprovals(ctx, m, user, level));
  });
  routes.on("POST", `${base}/unapprove`, (ctx) => {
    const user = requireAuth(ctx);
    const { p, m } = pathMr(ctx);
    const ids = approvalsOf(ctx.store, m);
    const i = ids.indexOf(user.id);
    if (i < 0) throw notFound("Approval");
    ids.splice(i, 1);
    ctx.store.bump();
    return jsonResponse(ctx.requestId, 201, renderApprovals(ctx, m, user, projectAccess(user, p)));
  });
}
