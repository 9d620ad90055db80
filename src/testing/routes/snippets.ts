/**
 * Personal and project snippets: `GET`/`POST /snippets`, `GET /snippets/public`, `GET /snippets/all`,
 * `GET`/`PUT`/`DELETE /snippets/:id`, `GET /snippets/:id/raw`, `GET /snippets/:id/files/:ref/:file_path/raw`,
 * and the same under `/projects/:id/snippets`. Visibility as GitLab applies it: public snippets for
 * everyone, internal ones for signed-in users, private ones for their author (and, in a project, its
 * members).
 *
 * @module
 */

import { ACCESS, canReadProject, projectAccess, requireAuth } from "../access.ts";
import type { RenderContext, RequestContext } from "../context.ts";
import { type ParamValue, str } from "../params.ts";
import { paginateArray } from "../pagination.ts";
import type { ProjectRec, UserRec } from "../records.ts";
import { forbidden, HttpError, jsonResponse, noContent, notFound } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import { isoCompare } from "../sorting.ts";
import type { Store } from "../store.ts";
import type { UserBasic, Visibility } from "../../types/common.ts";
import type { PersonalSnippet, ProjectSnippet, Snippet } from "../../types/snippets.ts";
import { integerPathParam, validate } from "../validation.ts";
import { findProject } from "./projects.ts";
import { renderUserBasic } from "./users.ts";

/** @internal a file of a snippet. */
export interface SnippetFileRec {
  /** Path in the snippet's repository. */
  path: string;
  /** Content. */
  content: string;
}

/** @internal a stored snippet. */
export interface SnippetRec {
  /** Snippet id. */
  id: number;
  /** Title. */
  title: string;
  /** Description. */
  description: string | null;
  /** Visibility. */
  visibility: Visibility;
  /** Author's user id. */
  authorId: number;
  /** Project id, or null for a personal snippet. */
  projectId: number | null;
  /** Files, at least one. */
  files: SnippetFileRec[];
  /** ISO creation time. */
  createdAt: string;
  /** ISO update time. */
  updatedAt: string;
}

const VISIBILITIES = ["private", "internal", "public"];
const encoder = new TextEncoder();

/** @internal this simulator's snippets, id-ordered. */
export function snippets(store: Store): SnippetRec[] {
  return store.slot("snippets", () => [] as SnippetRec[]);
}

/** @internal whether `user` (or an anonymous request) may read a snippet. */
export function canReadSnippet(store: Store, user: UserRec | null, s: SnippetRec): boolean {
  if (s.projectId !== null) {
    const p = store.projectsById.get(s.projectId);
    if (!p || !canReadProject(user, p)) return false;
    if (s.visibility === "public") return true;
    if (!user) return false;
    if (user.admin || s.authorId === user.id) return true;
    if (s.visibility === "internal" && !user.bot) return true;
    return projectAccess(user, p) >= ACCESS.guest;
  }
  if (s.visibility === "public") return true;
  if (!user) return false;
  if (user.admin || s.authorId === user.id) return true;
  return s.visibility === "internal" && !user.bot;
}

function host(view: RenderContext): string {
  try {
    return new URL(view.webUrl).hostname;
  } catch {
    return view.webUrl.replace(/^https?:\/\//, "");
  }
}

/** @internal a snippet as GitLab's `Snippet` entity presents it. */
export function renderSnippet(view: RenderContext, s: SnippetRec): Snippet {
  const p = s.projectId === null ? undefined : view.store.projectsById.get(s.projectId);
  const web = p ? `${view.webUrl}/${p.fullPath}/-/snippets/${s.id}` : `${view.webUrl}/-/snippets/${s.id}`;
  const repo = p ? `${p.fullPath}/snippets/${s.id}` : `snippets/${s.id}`;
  const author = view.store.usersById.get(s.authorId);
  return {
    id: s.id,
    title: s.title,
    description: s.description,
    visibility: s.visibility,
    author: (author ? renderUserBasic(view, author) : null) as UserBasic,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    project_id: s.projectId,
    web_url: web,
    raw_url: `${web}/raw`,
    ssh_url_to_repo: `git@${host(view)}:${repo}.git`,
    http_url_to_repo: `${view.webUrl}/${repo}.git`,
    file_name: s.files[0]?.path ?? "",
    files: s.files.map((f) => ({ path: f.path, raw_url: `${web}/raw/main/${f.path}` })),
    imported: false,
    imported_from: "none",
  };
}

/** The `files` parameter as `{file_path, content}` pairs, or the deprecated `file_name` + `content`. */
function filesParam(ctx: RequestContext, creating: boolean): SnippetFileRec[] | undefined {
  const q = ctx.params;
  const raw: ParamValue | undefined = q.files;
  if (raw !== undefined) {
    const items = Array.isArray(raw) ? raw : [];
    const out: SnippetFileRec[] = [];
    for (const it of items) {
      if (!it || typeof it !== "object" || Array.isArray(it) || it instanceof Blob) continue;
      const path = typeof it.file_path === "string" ? it.file_path : undefined;
      const content = it.content === undefined || it.content === null ? undefined : String(it.content);
      if (!path || content === undefined) {
        throw new HttpError(400, { error: "files[file_path], files[content] are missing" });
      }
      out.push({ path, content });
    }
    if (out.length === 0) throw new HttpError(400, { error: "files is empty" });
    return out;
  }
  const content = str(q, "content");
  if (content !== undefined) {
    return [{ path: str(q, "file_name") ?? "snippetfile1.txt", content }];
  }
  if (creating) {
    throw new HttpError(400, { error: "files, content are missing, exactly one parameter must be provided" });
  }
  return undefined;
}

/** @internal stores a new snippet. */
export function createSnippetRec(
  store: Store,
  d: Omit<SnippetRec, "id" | "createdAt" | "updatedAt">,
): SnippetRec {
  const at = store.iso();
  const rec: SnippetRec = { ...d, id: store.nextIdOf("snippet"), createdAt: at, updatedAt: at };
  snippets(store).push(rec);
  return rec;
}

/** Creates a snippet from a request's parameters. */
function createFromRequest(ctx: RequestContext, user: UserRec, projectId: number | null): SnippetRec {
  const q = ctx.params;
  const v = validate(q).required("title", { allowBlank: false });
  if (projectId !== null) v.required("visibility"); // `requires :visibility` for project snippets
  v.oneOf("visibility", VISIBILITIES).check();
  const files = filesParam(ctx, true) as SnippetFileRec[];
  return createSnippetRec(ctx.store, {
    title: str(q, "title") ?? "",
    description: str(q, "description") || null,
    visibility: (str(q, "visibility") ?? "internal") as Visibility,
    authorId: user.id,
    projectId,
    files,
  });
}

/** Applies an edit request. */
function editFromRequest(ctx: RequestContext, s: SnippetRec): void {
  const q = ctx.params;
  validate(q).oneOf("visibility", VISIBILITIES).check();
  const keys = ["title", "description", "visibility", "files", "content", "file_name"];
  if (!keys.some((k) => q[k] !== undefined)) {
    throw new HttpError(400, {
      error:
        "content, description, files, file_name, title, visibility are missing, at least one parameter must be provided",
    });
  }
  const title = str(q, "title");
  if (title !== undefined) {
    if (title.trim() === "") throw new HttpError(400, { message: { title: ["can't be blank"] } });
    s.title = title;
  }
  const description = str(q, "description");
  if (description !== undefined) s.description = description || null;
  const visibility = str(q, "visibility");
  if (visibility !== undefined) s.visibility = visibility as Visibility;
  if (str(q, "content")?.trim() === "") throw new HttpError(400, { error: "content is empty" });
  const files = filesParam(ctx, false);
  if (files) s.files = files;
  else if (str(q, "file_name") !== undefined && s.files[0]) s.files[0].path = str(q, "file_name") as string;
  s.updatedAt = ctx.store.iso();
}

/** A raw file answer: the content as `text/plain`. */
function rawResponse(ctx: RequestContext, content: string, fileName: string): Response {
  const bytes = encoder.encode(content);
  return new Response(bytes, {
    status: 200,
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "content-length": String(bytes.length),
      "content-disposition": `inline; filename="${fileName.replace(/"/g, "")}"`,
      "x-request-id": ctx.requestId,
      "cache-control": "max-age=0, private, must-revalidate",
    },
  });
}

/** A personal snippet the user may read, or a 404. */
function findPersonal(ctx: RequestContext): SnippetRec {
  const id = integerPathParam(ctx.pathParams, "snippet_id");
  const s = snippets(ctx.store).find((x) => x.id === id && x.projectId === null);
  if (!s || !canReadSnippet(ctx.store, ctx.user, s)) throw notFound("Snippet");
  return s;
}

/** A project snippet the user may read, or a 404. */
function findInProject(ctx: RequestContext, p: ProjectRec): SnippetRec {
  const id = integerPathParam(ctx.pathParams, "snippet_id");
  const s = snippets(ctx.store).find((x) => x.id === id && x.projectId === p.id);
  if (!s || !canReadSnippet(ctx.store, ctx.user, s)) throw notFound("Snippet");
  return s;
}

/** The file of `GET …/files/:ref/:file_path/raw`, or a 404. */
function fileOf(ctx: RequestContext, s: SnippetRec): SnippetFileRec {
  const ref = ctx.pathParams.ref;
  if (ref !== "main" && ref !== "master" && ref !== "HEAD") throw notFound("Reference");
  const f = s.files.find((x) => x.path === ctx.pathParams.file_path);
  if (!f) throw notFound("File");
  return f;
}

/** `created_after` / `created_before` filters. */
function createdFilter(ctx: RequestContext): (s: SnippetRec) => boolean {
  const after = str(ctx.params, "created_after");
  const before = str(ctx.params, "created_before");
  return (s) =>
    (!after || isoCompare(s.createdAt, after) >= 0) && (!before || isoCompare(s.createdAt, before) <= 0);
}

/** Newest first, as GitLab lists snippets. */
function newestFirst(rows: SnippetRec[]): SnippetRec[] {
  return rows.sort((a, b) => b.id - a.id);
}

/** @internal registers the personal and project snippet routes. */
export function registerSnippetRoutes(routes: RouteTable): void {
  routes.on("GET", "/snippets", (ctx) => {
    const user = requireAuth(ctx);
    validate(ctx.params).pagination().check();
    const f = createdFilter(ctx);
    const rows = snippets(ctx.store).filter((s) => s.authorId === user.id && s.projectId === null && f(s));
    return paginateArray(ctx, newestFirst(rows), (s) => renderSnippet(ctx, s) as PersonalSnippet);
  });
  routes.on("GET", "/snippets/public", (ctx) => {
    requireAuth(ctx);
    validate(ctx.params).pagination().check();
    const f = createdFilter(ctx);
    const rows = snippets(ctx.store).filter((s) => s.projectId === null && s.visibility === "public" && f(s));
    return paginateArray(ctx, newestFirst(rows), (s) => renderSnippet(ctx, s) as PersonalSnippet);
  });
  routes.on("GET", "/snippets/all", (ctx) => {
    const user = requireAuth(ctx);
    validate(ctx.params).pagination().check();
    const f = createdFilter(ctx);
    const rows = snippets(ctx.store).filter((s) => canReadSnippet(ctx.store, user, s) && f(s));
    return paginateArray(ctx, newestFirst(rows), (s) => renderSnippet(ctx, s));
  });
  routes.on("POST", "/snippets", (ctx) => {
    const user = requireAuth(ctx);
    const s = createFromRequest(ctx, user, null);
    return jsonResponse(ctx.requestId, 201, renderSnippet(ctx, s) as PersonalSnippet);
  });
  routes.on("GET", "/snippets/:snippet_id", (ctx) => {
    return jsonResponse(ctx.requestId, 200, renderSnippet(ctx, findPersonal(ctx)) as PersonalSnippet);
  });
  // `snippets_for_current_user`: only the author's own snippets can be changed; others' are not found
  routes.on("PUT", "/snippets/:snippet_id", (ctx) => {
    const user = requireAuth(ctx);
    const s = findPersonal(ctx);
    if (s.authorId !== user.id) throw notFound("Snippet");
    editFromRequest(ctx, s);
    return jsonResponse(ctx.requestId, 200, renderSnippet(ctx, s) as PersonalSnippet);
  });
  routes.on("DELETE", "/snippets/:snippet_id", (ctx) => {
    const user = requireAuth(ctx);
    const s = findPersonal(ctx);
    if (s.authorId !== user.id) throw notFound("Snippet");
    const rows = snippets(ctx.store);
    rows.splice(rows.indexOf(s), 1);
    return noContent(ctx.requestId);
  });
  routes.on("GET", "/snippets/:snippet_id/raw", (ctx) => {
    const s = findPersonal(ctx);
    return rawResponse(ctx, s.files[0]?.content ?? "", s.files[0]?.path ?? "snippet");
  });
  routes.on("GET", "/snippets/:snippet_id/files/:ref/:file_path/raw", (ctx) => {
    const f = fileOf(ctx, findPersonal(ctx));
    return rawResponse(ctx, f.content, f.path);
  });

  const base = "/projects/:id/snippets";
  routes.on("GET", base, (ctx) => {
    validate(ctx.params).pagination().check();
    const p = findProject(ctx);
    const rows = snippets(ctx.store).filter((s) =>
      s.projectId === p.id && canReadSnippet(ctx.store, ctx.user, s)
    );
    return paginateArray(ctx, newestFirst(rows), (s) => renderSnippet(ctx, s) as ProjectSnippet);
  });
  routes.on("POST", base, (ctx) => {
    const user = requireAuth(ctx);
    const p = findProject(ctx);
    if (projectAccess(user, p) < ACCESS.reporter) throw forbidden();
    const s = createFromRequest(ctx, user, p.id);
    return jsonResponse(ctx.requestId, 201, renderSnippet(ctx, s) as ProjectSnippet);
  });
  routes.on("GET", `${base}/:snippet_id`, (ctx) => {
    const p = findProject(ctx);
    return jsonResponse(ctx.requestId, 200, renderSnippet(ctx, findInProject(ctx, p)) as ProjectSnippet);
  });
  const canAdmin = (user: UserRec, p: ProjectRec, s: SnippetRec) =>
    s.authorId === user.id || projectAccess(user, p) >= ACCESS.maintainer;
  routes.on("PUT", `${base}/:snippet_id`, (ctx) => {
    const user = requireAuth(ctx);
    const p = findProject(ctx);
    const s = findInProject(ctx, p);
    if (!canAdmin(user, p, s)) throw forbidden();
    editFromRequest(ctx, s);
    return jsonResponse(ctx.requestId, 200, renderSnippet(ctx, s) as ProjectSnippet);
  });
  routes.on("DELETE", `${base}/:snippet_id`, (ctx) => {
    const user = requireAuth(ctx);
    const p = findProject(ctx);
    const s = findInProject(ctx, p);
    if (!canAdmin(user, p, s)) throw forbidden();
    const rows = snippets(ctx.store);
    rows.splice(rows.indexOf(s), 1);
    return noContent(ctx.requestId);
  });
  routes.on("GET", `${base}/:snippet_id/raw`, (ctx) => {
    const s = findInProject(ctx, findProject(ctx));
    return rawResponse(ctx, s.files[0]?.content ?? "", s.files[0]?.path ?? "snippet");
  });
  routes.on("GET", `${base}/:snippet_id/files/:ref/:file_path/raw`, (ctx) => {
    const f = fileOf(ctx, findInProject(ctx, findProject(ctx)));
    return rawResponse(ctx, f.content, f.path);
  });
}

/** @internal seeds a public personal snippet of alice and an internal snippet in `acme/web`. */
export function seedSnippets(store: Store): void {
  const alice = store.usersByName.get("alice");
  const web = store.projectByIdOrPath("acme/web");
  if (!alice) return;
  createSnippetRec(store, {
    title: "Useful git aliases",
    description: "The aliases I use every day",
    visibility: "public",
    authorId: alice.id,
    projectId: null,
    files: [{ path: "gitconfig", content: "[alias]\n  co = checkout\n  st = status -sb\n" }],
  });
  if (web) {
    createSnippetRec(store, {
      title: "Local nginx config",
      description: "Proxy for running acme/web locally",
      visibility: "internal",
      authorId: alice.id,
      projectId: web.id,
      files: [{
        path: "nginx.conf",
        content: "server {\n  listen 8080;\n  location / { proxy_pass http://localhost:5173; }\n}\n",
      }],
    });
  }
}
