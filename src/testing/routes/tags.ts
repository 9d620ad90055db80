/**
 * Repository tags: `GET`/`POST /projects/:id/repository/tags` (`search`, `order_by`, `sort`),
 * `GET`/`DELETE …/tags/:tag_name` and `…/tags/:tag_name/signature`. A tag with a `message` is annotated;
 * tags resolve as refs everywhere (files, commits, compare, archive).
 *
 * @module
 */

import { ACCESS, projectAccess, requireProjectAccess } from "../access.ts";
import type { RenderContext, RequestContext } from "../context.ts";
import { str } from "../params.ts";
import { paginateArray } from "../pagination.ts";
import type { ProjectRec, UserRec } from "../records.ts";
import {
  canCreateTag,
  isProtectedTag,
  newSha,
  resolveRef,
  type TagRec,
  tagsOf,
  validRefName,
} from "../repository.ts";
import { HttpError, jsonResponse, noContent, notFound } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import type { Store } from "../store.ts";
import type { Tag } from "../../types/tags.ts";
import { validate } from "../validation.ts";
import { renderCommit } from "./branches.ts";
import { findProject } from "./projects.ts";
import { deleteReleaseOfTag, releaseOfTag } from "./releases.ts";
import { BLANK_SHA, emitTagPushEvent } from "../webhook_delivery.ts";

/** @internal a tag as GitLab's `Tag` entity shows it (with its release, if any). */
export function renderTag(view: RenderContext, p: ProjectRec, t: TagRec): Tag {
  const release = releaseOfTag(view.store, p, t.name);
  return {
    name: t.name,
    message: t.message,
    target: t.target,
    commit: renderCommit(view, p, t.commit),
    release: release ? { tag_name: release.tagName, description: release.description } : null,
    protected: isProtectedTag(view.store, p, t.name),
    created_at: t.createdAt,
  };
}

/**
 * @internal creates tag `name` at `ref` (annotated when `message` is given), with GitLab's 400s
 * (`Tag name invalid`, `Target <ref> is invalid`, `Tag <name> already exists`, and the protected tag refusal).
 */
export function createTag(
  store: Store,
  p: ProjectRec,
  user: UserRec,
  name: string,
  ref: string,
  message?: string,
): TagRec {
  const fail = (m: string) => new HttpError(400, { message: m });
  if (!validRefName(name)) throw fail("Tag name invalid");
  if (!canCreateTag(store, user, p, name)) {
    throw fail("You are not allowed to create this tag as it is protected.");
  }
  const target = resolveRef(store, p, ref);
  if (!target) throw fail(`Target ${ref} is invalid`);
  const tags = tagsOf(store, p);
  if (tags.has(name)) throw fail(`Tag ${name} already exists`);
  const annotated = message !== undefined && message !== "";
  const t: TagRec = {
    name,
    commit: target.commit,
    message: annotated ? message : null,
    target: annotated ? newSha(store) : target.commit.id,
    createdAt: annotated ? store.iso() : null,
  };
  tags.set(name, t);
  p.lastActivityAt = store.iso();
  store.bump();
  return t;
}

/** Compares version-like names (`v1.10.0` after `v1.9.0`). */
function compareVersions(a: string, b: string): number {
  const pa = a.replace(/^v/i, "").split(/[.-]/);
  const pb = b.replace(/^v/i, "").split(/[.-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? "";
    const y = pb[i] ?? "";
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) {
      if (nx !== ny) return nx - ny;
    } else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Whether a tag `search` (`^prefix`, `suffix$` or a substring) matches. */
function searchMatches(search: string, name: string): boolean {
  const s = search.toLowerCase();
  const n = name.toLowerCase();
  if (s.startsWith("^") && s.endsWith("$") && s.length > 1) return n === s.slice(1, -1);
  if (s.startsWith("^")) return n.startsWith(s.slice(1));
  if (s.endsWith("$")) return n.endsWith(s.slice(0, -1));
  return n.includes(s);
}

/** `GET /projects/:id/repository/tags`: by `updated` (commit date) descending unless asked otherwise. */
function listTags(ctx: RequestContext): Response {
  validate(ctx.params).pagination().oneOf("order_by", ["name", "updated", "version"])
    .oneOf("sort", ["asc", "desc"]).check();
  const p = findProject(ctx);
  const orderBy = str(ctx.params, "order_by") ?? "updated";
  const dir = (str(ctx.params, "sort") ?? "desc") === "asc" ? 1 : -1;
  const search = str(ctx.params, "search");
  let rows = [...tagsOf(ctx.store, p).values()];
  if (search) rows = rows.filter((t) => searchMatches(search, t.name));
  rows.sort((a, b) => {
    let c = 0;
    if (orderBy === "name") c = a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    else if (orderBy === "version") c = compareVersions(a.name, b.name);
    else {
      c = a.commit.createdAt < b.commit.createdAt ? -1 : a.commit.createdAt > b.commit.createdAt ? 1 : 0;
      if (c === 0) c = (a.commit.seq ?? 0) - (b.commit.seq ?? 0);
    }
    return c * dir;
  });
  return paginateArray(ctx, rows, (t) => renderTag(ctx, p, t));
}

/** `DELETE /projects/:id/repository/tags/:tag_name`: removes the tag and its release. */
function deleteTag(ctx: RequestContext): Response {
  const p = findProject(ctx);
  const user = requireProjectAccess(ctx, p, ACCESS.developer);
  const tags = tagsOf(ctx.store, p);
  const t = tags.get(ctx.pathParams.tag_name);
  if (!t) throw notFound("Tag");
  if (isProtectedTag(ctx.store, p, t.name) && projectAccess(user, p) < ACCESS.maintainer) {
    throw new HttpError(400, {
      message: "You are not allowed to delete protected tags from this project. " +
        "Only a project maintainer or owner can delete a protected tag.",
    });
  }
  tags.delete(t.name);
  emitTagPushEvent(ctx.store, p, { ref: t.name, before: t.target, after: BLANK_SHA, commits: [], user });
  deleteReleaseOfTag(ctx.store, p, t.name);
  ctx.store.bump();
  return noContent(ctx.requestId);
}

/** @internal registers the tag routes. */
export function registerTagRoutes(routes: RouteTable): void {
  const base = "/projects/:id/repository/tags";
  routes.on("GET", base, listTags);
  routes.on("POST", base, (ctx) => {
    validate(ctx.params).required("tag_name", { allowBlank: false }).required("ref", { allowBlank: false })
      .check();
    const p = findProject(ctx);
    const user = requireProjectAccess(ctx, p, ACCESS.developer);
    const t = createTag(
      ctx.store,
      p,
      user,
      str(ctx.params, "tag_name") as string,
      str(ctx.params, "ref") as string,
      str(ctx.params, "message"),
    );
    emitTagPushEvent(ctx.store, p, {
      ref: t.name,
      before: BLANK_SHA,
      after: t.target,
      commits: [t.commit],
      user,
      message: t.message,
    });
    return jsonResponse(ctx.requestId, 201, renderTag(ctx, p, t));
  });
  routes.on("GET", `${base}/:tag_name`, (ctx) => {
    const p = findProject(ctx);
    const t = tagsOf(ctx.store, p).get(ctx.pathParams.tag_name);
    if (!t) throw notFound("Tag");
    return jsonResponse(ctx.requestId, 200, renderTag(ctx, p, t));
  });
  routes.on("GET", `${base}/:tag_name/signature`, (ctx) => {
    const p = findProject(ctx);
    if (!tagsOf(ctx.store, p).has(ctx.pathParams.tag_name)) throw notFound("Tag");
    throw notFound("Signature");
  });
  routes.on("DELETE", `${base}/:tag_name`, deleteTag);
}
