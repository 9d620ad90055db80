/**
 * Releases and their asset links: `GET`/`POST /projects/:id/releases`, `GET`/`PUT`/`DELETE
 * /projects/:id/releases/:tag_name`, and `…/releases/:tag_name/assets/links[/:link_id]`. Creating a release
 * for a missing tag creates the tag from `ref`; `released_at` in the future makes an upcoming release.
 *
 * @module
 */

import { ACCESS, projectAccess, requireProjectAccess } from "../access.ts";
import type { RenderContext, RequestContext } from "../context.ts";
import { bool, type Params, type ParamValue, str } from "../params.ts";
import { paginateArray } from "../pagination.ts";
import type { ProjectRec, UserRec } from "../records.ts";
import { tagsOf } from "../repository.ts";
import { badRequest, HttpError, jsonResponse } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import type { Store } from "../store.ts";
import type { Release, ReleaseLink, ReleaseLinkType } from "../../types/releases.ts";
import { integerPathParam, validate } from "../validation.ts";
import { renderCommit } from "./branches.ts";
import { findProject } from "./projects.ts";
import { createTag } from "./tags.ts";
import { renderUserBasic } from "./users.ts";

/** @internal an asset link of a release. */
export interface ReleaseLinkRec {
  /** Link id. */
  id: number;
  /** Name, unique in the release. */
  name: string;
  /** Target URL. */
  url: string;
  /** Permanent path below the release's `downloads`, or null. */
  directAssetPath: string | null;
  /** Kind of asset. */
  linkType: ReleaseLinkType;
}

/** @internal a release. */
export interface ReleaseRec {
  /** Release id. */
  id: number;
  /** Tag name. */
  tagName: string;
  /** Title, or null. */
  name: string | null;
  /** Notes, or null. */
  description: string | null;
  /** ISO creation time. */
  createdAt: string;
  /** ISO release time. */
  releasedAt: string;
  /** Author's user id. */
  authorId: number;
  /** Asset links. */
  links: ReleaseLinkRec[];
}

/** @internal the project's releases. */
export function releasesOf(store: Store, p: ProjectRec): ReleaseRec[] {
  const all = store.slot("releases", () => new Map<number, ReleaseRec[]>());
  let rows = all.get(p.id);
  if (!rows) {
    rows = [];
    all.set(p.id, rows);
  }
  return rows;
}

/** @internal the release of a tag, if any. */
export function releaseOfTag(store: Store, p: ProjectRec, tagName: string): ReleaseRec | undefined {
  return releasesOf(store, p).find((r) => r.tagName === tagName);
}

/** @internal removes the release of a tag (the tag was deleted). */
export function deleteReleaseOfTag(store: Store, p: ProjectRec, tagName: string): void {
  const rows = releasesOf(store, p);
  const i = rows.findIndex((r) => r.tagName === tagName);
  if (i >= 0) rows.splice(i, 1);
}

/** The `/-/releases/<tag>` URL of a release. */
function releaseUrl(view: RenderContext, p: ProjectRec, r: ReleaseRec): string {
  return `${view.webUrl}/${p.fullPath}/-/releases/${encodeURIComponent(r.tagName)}`;
}

/** @internal an asset link as GitLab's `Releases::Link` entity shows it. */
export function renderReleaseLink(
  view: RenderContext,
  p: ProjectRec,
  r: ReleaseRec,
  l: ReleaseLinkRec,
): ReleaseLink {
  return {
    id: l.id,
    name: l.name,
    url: l.url,
    direct_asset_url: l.directAssetPath ? `${releaseUrl(view, p, r)}/downloads${l.directAssetPath}` : l.url,
    link_type: l.linkType,
  };
}

/** @internal a release as GitLab's `Release` entity shows it to `viewer`. */
export function renderRelease(
  view: RenderContext,
  p: ProjectRec,
  r: ReleaseRec,
  viewer: UserRec | null,
  includeHtml = false,
): Release {
  const tag = tagsOf(view.store, p).get(r.tagName);
  const author = view.store.usersById.get(r.authorId);
  const self = releaseUrl(view, p, r);
  const q = `release_tag=${encodeURIComponent(r.tagName)}&scope=all`;
  const sources = ["zip", "tar.gz", "tar.bz2", "tar"].map((format) => ({
    format,
    url: `${view.webUrl}/${p.fullPath}/-/archive/${r.tagName}/${p.path}-${
      r.tagName.replaceAll("/", "-")
    }.${format}`,
  }));
  const out: Release = {
    name: r.name,
    tag_name: r.tagName,
    description: r.description,
    created_at: r.createdAt,
    released_at: r.releasedAt,
    upcoming_release: Date.parse(r.releasedAt) > view.store.now().getTime(),
    assets: {
      count: sources.length + r.links.length,
      sources,
      links: r.links.map((l) => renderReleaseLink(view, p, r, l)),
    },
    evidences: [],
    _links: {
      closed_issues_url: `${view.webUrl}/${p.fullPath}/-/issues?${q}&state=closed`,
      closed_merge_requests_url: `${view.webUrl}/${p.fullPath}/-/merge_requests?${q}&state=closed`,
      merged_merge_requests_url: `${view.webUrl}/${p.fullPath}/-/merge_requests?${q}&state=merged`,
      opened_issues_url: `${view.webUrl}/${p.fullPath}/-/issues?${q}&state=opened`,
      opened_merge_requests_url: `${view.webUrl}/${p.fullPath}/-/merge_requests?${q}&state=opened`,
      self,
    },
  };
  if (includeHtml) {
    out.description_html = r.description === null
      ? ""
      : `<p data-sourcepos="1:1-1:${r.description.length}" dir="auto">${escapeHtml(r.description)}</p>`;
  }
  if (author) out.author = renderUserBasic(view, author);
  if (tag) {
    out.commit = renderCommit(view, p, tag.commit);
    out.commit_path = `/${p.fullPath}/-/commit/${tag.commit.id}`;
    out.tag_path = `/${p.fullPath}/-/tags/${r.tagName}`;
  }
  if (projectAccess(viewer, p) >= ACCESS.developer) out._links.edit_url = `${self}/edit`;
  return out;
}

/** Escapes HTML text. */
function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** GitLab's bare `404 Not Found` of the releases API. */
function releaseNotFound(): HttpError {
  return new HttpError(404, { message: "404 Not Found" });
}

/** The release a `:tag_name` path parameter names, or a 404. */
function findRelease(ctx: RequestContext, p: ProjectRec): ReleaseRec {
  const r = releaseOfTag(ctx.store, p, ctx.pathParams.tag_name);
  if (!r) throw releaseNotFound();
  return r;
}

/** A `released_at` parameter as an ISO time, or GitLab's 400. */
function releasedAtParam(q: Params): string | undefined {
  const s = str(q, "released_at");
  if (s === undefined || s === "") return undefined;
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw badRequest("released_at is invalid");
  return new Date(t).toISOString();
}

/** A link's fields checked as GitLab's `Releases::Link` model does; errors as `{"message": {field: […]}}`. */
function checkLink(r: ReleaseRec, l: ReleaseLinkRec): void {
  const errors: Record<string, string[]> = {};
  if (!/^(https?|ftp):\/\/[^\s/]+/i.test(l.url)) {
    errors.url = ["is blocked: Only allowed schemes are http, https, ftp"];
  }
  if (r.links.some((o) => o.id !== l.id && o.name === l.name)) errors.name = ["has already been taken"];
  if (r.links.some((o) => o.id !== l.id && o.url === l.url)) {
    (errors.url ??= []).push("has already been taken");
  }
  if (l.directAssetPath && r.links.some((o) => o.id !== l.id && o.directAssetPath === l.directAssetPath)) {
    errors.filepath = ["has already been taken"];
  }
  if (Object.keys(errors).length) throw new HttpError(400, { message: errors });
}

/** A link from request parameters (create: all fields; update: over `base`). */
function linkFrom(store: Store, q: Params, base?: ReleaseLinkRec): ReleaseLinkRec {
  const path = str(q, "direct_asset_path") ?? str(q, "filepath");
  return {
    id: base?.id ?? store.nextIdOf("releaseLink"),
    name: str(q, "name") ?? base?.name ?? "",
    url: str(q, "url") ?? base?.url ?? "",
    directAssetPath: path === undefined
      ? base?.directAssetPath ?? null
      : path === ""
      ? null
      : path.startsWith("/")
      ? path
      : `/${path}`,
    linkType: (str(q, "link_type") as ReleaseLinkType | undefined) ?? base?.linkType ?? "other",
  };
}

/** Whether a parameter value is an object. */
function isRecord(v: ParamValue | undefined): v is Params {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Blob);
}

/** `POST /projects/:id/releases`. */
function postRelease(ctx: RequestContext): Response {
  validate(ctx.params).required("tag_name", { allowBlank: false }).check();
  const releasedAt = releasedAtParam(ctx.params);
  const p = findProject(ctx);
  const user = requireProjectAccess(ctx, p, ACCESS.developer);
  const store = ctx.store;
  const tagName = str(ctx.params, "tag_name") as string;
  if (releaseOfTag(store, p, tagName)) throw new HttpError(409, { message: "Release already exists" });
  if (!tagsOf(store, p).has(tagName)) {
    const ref = str(ctx.params, "ref");
    if (!ref) throw new HttpError(422, { message: "Ref is not specified" });
    createTag(store, p, user, tagName, ref, str(ctx.params, "tag_message"));
  }
  const now = store.iso();
  const r: ReleaseRec = {
    id: store.nextIdOf("release"),
    tagName,
    name: str(ctx.params, "name") ?? tagName,
    description: str(ctx.params, "description") ?? null,
    createdAt: now,
    releasedAt: releasedAt ?? now,
    authorId: user.id,
    links: [],
  };
  const assets = isRecord(ctx.params.assets) ? ctx.params.assets : undefined;
  const links = assets && Array.isArray(assets.links) ? assets.links : [];
  for (const raw of links) {
    if (!isRecord(raw)) continue;
    if (!str(raw, "name") || !str(raw, "url")) {
      throw badRequest("assets[links][name] is missing, assets[links][url] is missing");
    }
    const l = linkFrom(store, raw);
    checkLink(r, l);
    r.links.push(l);
  }
  releasesOf(store, p).push(r);
  return jsonResponse(ctx.requestId, 201, renderRelease(ctx, p, r, ctx.user));
}

/** `GET /projects/:id/releases`: by `released_at` (or `created_at`), newest first unless `sort=asc`. */
function listReleases(ctx: RequestContext): Response {
  validate(ctx.params).pagination().oneOf("order_by", ["released_at", "created_at"]).oneOf("sort", [
    "asc",
    "desc",
  ])
    .check();
  const p = findProject(ctx);
  const key = str(ctx.params, "order_by") === "created_at" ? "createdAt" : "releasedAt";
  const dir = str(ctx.params, "sort") === "asc" ? 1 : -1;
  const rows = [...releasesOf(ctx.store, p)].sort((a, b) =>
    (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : a.id - b.id) * dir
  );
  const html = bool(ctx.params, "include_html_description") === true;
  return paginateArray(ctx, rows, (r) => renderRelease(ctx, p, r, ctx.user, html));
}

/** @internal registers the release and release link routes. */
export function registerReleaseRoutes(routes: RouteTable): void {
  const base = "/projects/:id/releases";
  routes.on("GET", base, listReleases);
  routes.on("POST", base, postRelease);
  routes.on("GET", `${base}/:tag_name`, (ctx) => {
    const p = findProject(ctx);
    const html = bool(ctx.params, "include_html_description") === true;
    return jsonResponse(ctx.requestId, 200, renderRelease(ctx, p, findRelease(ctx, p), ctx.user, html));
  });
  routes.on("PUT", `${base}/:tag_name`, (ctx) => {
    const releasedAt = releasedAtParam(ctx.params);
    const p = findProject(ctx);
    requireProjectAccess(ctx, p, ACCESS.developer);
    const r = findRelease(ctx, p);
    const name = str(ctx.params, "name");
    const description = str(ctx.params, "description");
    if (name !== undefined) r.name = name;
    if (description !== undefined) r.description = description;
    if (releasedAt) r.releasedAt = releasedAt;
    return jsonResponse(ctx.requestId, 200, renderRelease(ctx, p, r, ctx.user));
  });
  routes.on("DELETE", `${base}/:tag_name`, (ctx) => {
    const p = findProject(ctx);
    requireProjectAccess(ctx, p, ACCESS.developer);
    const r = findRelease(ctx, p);
    const body = renderRelease(ctx, p, r, ctx.user);
    deleteReleaseOfTag(ctx.store, p, r.tagName);
    return jsonResponse(ctx.requestId, 200, body);
  });

  const links = `${base}/:tag_name/assets/links`;
  const findLink = (ctx: RequestContext, r: ReleaseRec): ReleaseLinkRec => {
    const id = integerPathParam(ctx.pathParams, "link_id");
    const l = r.links.find((x) => x.id === id);
    if (!l) throw releaseNotFound();
    return l;
  };
  routes.on("GET", links, (ctx) => {
    validate(ctx.params).pagination().check();
    const p = findProject(ctx);
    const r = findRelease(ctx, p);
    return paginateArray(ctx, r.links, (l) => renderReleaseLink(ctx, p, r, l));
  });
  routes.on("POST", links, (ctx) => {
    validate(ctx.params).required("name", { allowBlank: false }).required("url", { allowBlank: false })
      .oneOf("link_type", ["other", "runbook", "image", "package"]).check();
    const p = findProject(ctx);
    requireProjectAccess(ctx, p, ACCESS.developer);
    const r = findRelease(ctx, p);
    const l = linkFrom(ctx.store, ctx.params);
    checkLink(r, l);
    r.links.push(l);
    return jsonResponse(ctx.requestId, 201, renderReleaseLink(ctx, p, r, l));
  });
  routes.on("GET", `${links}/:link_id`, (ctx) => {
    const p = findProject(ctx);
    const r = findRelease(ctx, p);
    return jsonResponse(ctx.requestId, 200, renderReleaseLink(ctx, p, r, findLink(ctx, r)));
  });
  routes.on("PUT", `${links}/:link_id`, (ctx) => {
    validate(ctx.params).oneOf("link_type", ["other", "runbook", "image", "package"]).check();
    const p = findProject(ctx);
    requireProjectAccess(ctx, p, ACCESS.developer);
    const r = findRelease(ctx, p);
    const cur = findLink(ctx, r);
    const next = linkFrom(ctx.store, ctx.params, cur);
    checkLink(r, next);
    Object.assign(cur, next);
    return jsonResponse(ctx.requestId, 200, renderReleaseLink(ctx, p, r, cur));
  });
  routes.on("DELETE", `${links}/:link_id`, (ctx) => {
    const p = findProject(ctx);
    requireProjectAccess(ctx, p, ACCESS.developer);
    const r = findRelease(ctx, p);
    const l = findLink(ctx, r);
    r.links.splice(r.links.indexOf(l), 1);
    return jsonResponse(ctx.requestId, 200, renderReleaseLink(ctx, p, r, l));
  });
}
