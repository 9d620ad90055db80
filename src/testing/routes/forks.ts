/**
 * Forks: `POST /projects/:id/fork`.
 *
 * @module
 */

import { ACCESS, requireAuth } from "../access.ts";
import type { RequestContext } from "../context.ts";
import { checkNamespaceWritable, namespaceParam } from "../namespaces.ts";
import { str } from "../params.ts";
import { ensureRepo } from "../repository.ts";
import { HttpError, jsonResponse } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import { findProject, insertProject, nameTaken, newProjectRec, renderProjectEntity } from "./projects.ts";

/** `POST /projects/:id/fork`: copies the branches (or the default one and `branches`) into a new project. */
function forkProject(ctx: RequestContext): Response {
  const store = ctx.store;
  const src = findProject(ctx);
  const user = requireAuth(ctx);
  const ns = namespaceParam(ctx, user, ["namespace_id", "namespace_path", "namespace"]);
  checkNamespaceWritable(user, ns);
  const path = str(ctx.params, "path") ?? src.path;
  const name = str(ctx.params, "name") ?? src.name;
  const taken = nameTaken(store, ns, path, name);
  if (taken) throw new HttpError(409, { message: taken });
  const vis = str(ctx.params, "visibility");
  const rec = newProjectRec(store, {
    path,
    name,
    ns,
    visibility: vis === "public" || vis === "internal" || vis === "private" ? vis : src.visibility,
    defaultBranch: src.defaultBranch,
    description: str(ctx.params, "description") ?? src.description,
    topics: [...src.topics],
    creatorId: user.id,
  });
  rec.forkedFrom = src;
  const srcRepo = ensureRepo(store, src);
  const only = str(ctx.params, "branches");
  rec.repo = { branches: new Map() };
  for (const b of srcRepo.branches.values()) {
    if (only && b.name !== only && b.name !== src.defaultBranch) continue;
    rec.repo.branches.set(b.name, { ...b });
  }
  if (ns.kind === "group" || ns.user.id !== user.id) rec.members = new Map([[user.id, ACCESS.owner]]);
  src.forksCount++;
  insertProject(store, rec);
  return jsonResponse(ctx.requestId, 201, renderProjectEntity(ctx, rec, user));
}

/** @internal registers the fork routes. */
export function registerForkRoutes(routes: RouteTable): void {
  routes.on("POST", "/projects/:id/fork", forkProject);
}
