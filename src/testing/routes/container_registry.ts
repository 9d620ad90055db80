/**
 * The container registry: `GET /projects/:id/registry/repositories` (`tags`, `tags_count`),
 * `GET /groups/:id/registry/repositories`, `GET /registry/repositories/:id`, `DELETE
 * /projects/:id/registry/repositories/:repository_id`, the repository's tags (list, get, delete) and the
 * bulk tag deletion `DELETE …/tags` (`name_regex_delete`, `name_regex_keep`, `keep_n`, `older_than`).
 * Reading needs read access to the project (members only for a private one), deleting developer.
 * GitLab deletes in the background; the simulator deletes at once.
 *
 * @module
 */

import { ACCESS, canReadProject, isDescendant, projectAccess, requireAuth } from "../access.ts";
import type { RenderContext, RequestContext } from "../context.ts";
import { bool, int, str } from "../params.ts";
import { paginateArray } from "../pagination.ts";
import type { ProjectRec, UserRec } from "../records.ts";
import { forbidden, HttpError, jsonResponse, notFound } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import type { Store } from "../store.ts";
import type { RegistryRepository, RegistryTag, RegistryTagDetails } from "../../types/container_registry.ts";
import { integerPathParam, validate } from "../validation.ts";
import { pseudoHex } from "../encoding.ts";
import { findGroup } from "./groups.ts";
import { findProject } from "./projects.ts";

/** @internal an image tag. */
export interface RegistryTagRec {
  /** Tag name. */
  name: string;
  /** Manifest digest (`sha256:…`). */
  digest: string;
  /** Image config digest (hex). */
  revision: string;
  /** ISO push time. */
  createdAt: string;
  /** Size in bytes. */
  totalSize: number;
}

/** @internal a stored image repository. */
export interface RegistryRepoRec {
  /** Repository id. */
  id: number;
  /** Project id. */
  projectId: number;
  /** Name below the project path (empty for the root image). */
  name: string;
  /** ISO creation time. */
  createdAt: string;
  /** Tags. */
  tags: RegistryTagRec[];
}

/** @internal this simulator's image repositories, id-ordered. */
export function registryRepos(store: Store): RegistryRepoRec[] {
  return store.slot("container_registry", () => [] as RegistryRepoRec[]);
}

function registryHost(view: RenderContext): string {
  let host: string;
  try {
    host = new URL(view.webUrl).hostname;
  } catch {
    host = view.webUrl.replace(/^https?:\/\//, "");
  }
  return `registry.${host}`;
}

function repoPath(p: ProjectRec, r: RegistryRepoRec): string {
  return r.name ? `${p.fullPath}/${r.name}` : p.fullPath;
}

/** @internal a tag as GitLab's `ContainerRegistry::Tag` entity presents it. */
export function renderRegistryTag(
  view: RenderContext,
  p: ProjectRec,
  r: RegistryRepoRec,
  t: RegistryTagRec,
): RegistryTag {
  const path = `${repoPath(p, r)}:${t.name}`;
  return { name: t.name, path, location: `${registryHost(view)}/${path}` };
}

/** @internal a tag with its manifest details (`ContainerRegistry::TagDetails`). */
export function renderRegistryTagDetails(
  view: RenderContext,
  p: ProjectRec,
  r: RegistryRepoRec,
  t: RegistryTagRec,
): RegistryTagDetails {
  return {
    ...renderRegistryTag(view, p, r, t),
    revision: t.revision,
    short_revision: t.revision.slice(0, 9),
    digest: t.digest,
    created_at: t.createdAt,
    total_size: t.totalSize,
  };
}

/** @internal a repository as GitLab's `ContainerRegistry::Repository` entity presents it. */
export function renderRegistryRepository(
  view: RenderContext,
  p: ProjectRec,
  r: RegistryRepoRec,
  viewer: UserRec | null,
  o: { tags?: boolean; tagsCount?: boolean } = {},
): RegistryRepository {
  const path = repoPath(p, r);
  const out: RegistryRepository = {
    id: r.id,
    name: r.name,
    path,
    project_id: p.id,
    location: `${registryHost(view)}/${path}`,
    created_at: r.createdAt,
    cleanup_policy_started_at: null,
    status: null,
  };
  if (o.tagsCount) out.tags_count = r.tags.length;
  if (o.tags) out.tags = sortedTags(r).map((t) => renderRegistryTag(view, p, r, t));
  if (viewer && projectAccess(viewer, p) >= ACCESS.developer) {
    out.delete_api_path = `${view.webUrl}/api/v4/projects/${p.id}/registry/repositories/${r.id}`;
  }
  return out;
}

function sortedTags(r: RegistryRepoRec): RegistryTagRec[] {
  return [...r.tags].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function findRepo(ctx: RequestContext, p: ProjectRec): RegistryRepoRec {
  const id = integerPathParam(ctx.pathParams, "repository_id");
  const r = registryRepos(ctx.store).find((x) => x.id === id && x.projectId === p.id);
  if (!r) throw notFound("Repository");
  return r;
}

function requireDeveloper(ctx: RequestContext, p: ProjectRec): void {
  const user = requireAuth(ctx);
  if (projectAccess(user, p) < ACCESS.developer) throw forbidden();
}

/** A regex GitLab would accept (`untrusted_regexp`), anchored as GitLab matches it; a 400 otherwise. */
function anchored(name: string, source: string): RegExp {
  try {
    return new RegExp(`^(?:${source})$`);
  } catch {
    throw new HttpError(400, { error: `${name} is an invalid regexp` });
  }
}

/** Seconds in an `older_than` value such as `1h`, `2d`, `1month`; null when it is not one. */
function durationSeconds(s: string): number | null {
  const m = /^\s*(\d+)\s*(s|sec|seconds?|m|min|minutes?|h|hours?|d|days?|w|weeks?|months?|y|years?)\s*$/i
    .exec(s);
  if (!m) return null;
  const n = Number(m[1]);
  const u = m[2].toLowerCase();
  const unit = u.startsWith("s")
    ? 1
    : u.startsWith("mo")
    ? 2_592_000
    : u.startsWith("m")
    ? 60
    : u.startsWith("h")
    ? 3600
    : u.startsWith("d")
    ? 86_400
    : u.startsWith("w")
    ? 604_800
    : 31_536_000;
  return n * unit;
}

/** `DELETE /projects/:id/registry/repositories/:repository_id/tags`: bulk deletion. */
function bulkDeleteTags(ctx: RequestContext): Response {
  const q = ctx.params;
  requireAuth(ctx);
  if (q.name_regex_delete === undefined && q.name_regex === undefined) {
    throw new HttpError(400, {
      error: "name_regex, name_regex_delete are missing, at least one parameter must be provided",
    });
  }
  validate(q).integer("keep_n").check();
  const p = findProject(ctx);
  const r = findRepo(ctx, p);
  requireDeveloper(ctx, p);
  const del = anchored("name_regex_delete", str(q, "name_regex_delete") ?? str(q, "name_regex") ?? "");
  const keepSrc = str(q, "name_regex_keep");
  const keep = keepSrc ? anchored("name_regex_keep", keepSrc) : null;
  const olderThan = str(q, "older_than");
  let cutoff: number | null = null;
  if (olderThan) {
    const secs = durationSeconds(olderThan);
    if (secs === null) throw new HttpError(400, { error: "older_than is invalid" });
    cutoff = ctx.store.now().getTime() - secs * 1000;
  }
  // `latest` is never deleted; candidates newest first, the first keep_n of them stay
  let candidates = r.tags.filter((t) => t.name !== "latest" && del.test(t.name) && !(keep?.test(t.name)))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  const keepN = int(q, "keep_n");
  if (keepN !== undefined && keepN > 0) candidates = candidates.slice(keepN);
  if (cutoff !== null) candidates = candidates.filter((t) => new Date(t.createdAt).getTime() < cutoff!);
  const gone = new Set(candidates);
  r.tags = r.tags.filter((t) => !gone.has(t));
  return accepted(ctx);
}

/** GitLab's `status :accepted` answer of a scheduled deletion. */
function accepted(ctx: RequestContext): Response {
  return new Response(null, { status: 202, headers: { "x-request-id": ctx.requestId } });
}

/** @internal registers the container registry routes. */
export function registerContainerRegistryRoutes(routes: RouteTable): void {
  const base = "/projects/:id/registry/repositories";
  const opts = (ctx: RequestContext) => ({
    tags: bool(ctx.params, "tags") ?? false,
    tagsCount: bool(ctx.params, "tags_count") ?? false,
  });
  routes.on("GET", base, (ctx) => {
    validate(ctx.params).pagination().check();
    const p = findProject(ctx);
    const rows = registryRepos(ctx.store).filter((r) => r.projectId === p.id);
    return paginateArray(ctx, rows, (r) => renderRegistryRepository(ctx, p, r, ctx.user, opts(ctx)));
  });
  routes.on("GET", "/groups/:id/registry/repositories", (ctx) => {
    validate(ctx.params).pagination().check();
    const g = findGroup(ctx);
    const rows = registryRepos(ctx.store).filter((r) => {
      const p = ctx.store.projectsById.get(r.projectId);
      return !!p && p.ns.kind === "group" && (p.ns.group === g || isDescendant(p.ns.group, g)) &&
        canReadProject(ctx.user, p);
    });
    return paginateArray(
      ctx,
      rows,
      (r) => renderRegistryRepository(ctx, ctx.store.projectsById.get(r.projectId)!, r, ctx.user),
    );
  });
  routes.on("GET", "/registry/repositories/:id", (ctx) => {
    const id = integerPathParam(ctx.pathParams, "id");
    const r = registryRepos(ctx.store).find((x) => x.id === id);
    const p = r && ctx.store.projectsById.get(r.projectId);
    if (!r || !p || !canReadProject(ctx.user, p)) throw notFound("Repository");
    return jsonResponse(ctx.requestId, 200, renderRegistryRepository(ctx, p, r, ctx.user, opts(ctx)));
  });
  routes.on("DELETE", `${base}/:repository_id`, (ctx) => {
    const p = findProject(ctx);
    const r = findRepo(ctx, p);
    requireDeveloper(ctx, p);
    const all = registryRepos(ctx.store);
    all.splice(all.indexOf(r), 1);
    return accepted(ctx);
  });
  routes.on("GET", `${base}/:repository_id/tags`, (ctx) => {
    validate(ctx.params).pagination().check();
    const p = findProject(ctx);
    const r = findRepo(ctx, p);
    return paginateArray(ctx, sortedTags(r), (t) => renderRegistryTag(ctx, p, r, t));
  });
  routes.on("DELETE", `${base}/:repository_id/tags`, bulkDeleteTags);
  routes.on("GET", `${base}/:repository_id/tags/:tag_name`, (ctx) => {
    const p = findProject(ctx);
    const r = findRepo(ctx, p);
    const t = r.tags.find((x) => x.name === ctx.pathParams.tag_name);
    if (!t) throw notFound("Tag");
    return jsonResponse(ctx.requestId, 200, renderRegistryTagDetails(ctx, p, r, t));
  });
  routes.on("DELETE", `${base}/:repository_id/tags/:tag_name`, (ctx) => {
    const p = findProject(ctx);
    const r = findRepo(ctx, p);
    requireDeveloper(ctx, p);
    const i = r.tags.findIndex((x) => x.name === ctx.pathParams.tag_name);
    if (i < 0) throw notFound("Tag");
    r.tags.splice(i, 1);
    return new Response(null, { status: 200, headers: { "x-request-id": ctx.requestId } });
  });
}

/** @internal seeds the `acme/web` image repository with `latest` and three release tags. */
export function seedContainerRegistry(store: Store): void {
  const web = store.projectByIdOrPath("acme/web");
  if (!web) return;
  const tag = (name: string, daysAgo: number, n: number): RegistryTagRec => ({
    name,
    digest: `sha256:${pseudoHex(n * 104729, 64)}`,
    revision: pseudoHex(n * 130363, 64),
    createdAt: store.isoAgo(daysAgo),
    totalSize: 48_000_000 + n * 1_250_000,
  });
  registryRepos(store).push({
    id: store.nextIdOf("container_repository"),
    projectId: web.id,
    name: "",
    createdAt: store.isoAgo(120),
    tags: [tag("latest", 1, 1), tag("v1.4.2", 1, 1), tag("v1.4.1", 20, 2), tag("v1.3.0", 90, 3)],
  });
}
