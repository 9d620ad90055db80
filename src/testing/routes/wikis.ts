/**
 * Project and group wikis: `GET`/`POST /projects/:id/wikis`, `GET`/`PUT`/`DELETE /projects/:id/wikis/:slug`,
 * and the same under `/groups/:id/wikis`. Anyone who can see the project or group reads its wiki (members
 * only for a private one); developers write it. A page's slug is its title with spaces as hyphens.
 *
 * @module
 */

import { ACCESS, groupAccess, projectAccess, requireAuth } from "../access.ts";
import type { RequestContext } from "../context.ts";
import { bool, str } from "../params.ts";
import { paginateArray } from "../pagination.ts";
import type { GroupRec, ProjectRec } from "../records.ts";
import { forbidden, HttpError, jsonResponse, noContent, notFound } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import type { Store } from "../store.ts";
import type { WikiFormat, WikiPage, WikiPageListItem } from "../../types/wikis.ts";
import { validate } from "../validation.ts";
import { findGroup } from "./groups.ts";
import { findProject } from "./projects.ts";

/** @internal a stored wiki page. */
export interface WikiPageRec {
  /** URL path, e.g. `dev/Setup-Guide`. */
  slug: string;
  /** Title as given. */
  title: string;
  /** Markup format. */
  format: WikiFormat;
  /** Source. */
  content: string;
  /** ISO creation time. */
  createdAt: string;
  /** ISO update time. */
  updatedAt: string;
}

const FORMATS: WikiFormat[] = ["markdown", "rdoc", "asciidoc", "org"];
const EXTENSIONS: Record<WikiFormat, string> = {
  markdown: "md",
  rdoc: "rdoc",
  asciidoc: "asciidoc",
  org: "org",
};

/** @internal the wiki of a project (`project:<id>`) or group (`group:<id>`), created empty on first use. */
export function wikiOf(store: Store, key: string): WikiPageRec[] {
  const all = store.slot("wikis", () => new Map<string, WikiPageRec[]>());
  let pages = all.get(key);
  if (!pages) all.set(key, pages = []);
  return pages;
}

/** @internal every project wiki, by project id (for search). */
export function projectWikiPages(store: Store, projectId: number): readonly WikiPageRec[] {
  return wikiOf(store, `project:${projectId}`);
}

/** @internal the file name a page is stored under (`slug.md`). */
export function wikiFileName(page: WikiPageRec): string {
  return `${page.slug}.${EXTENSIONS[page.format]}`;
}

/** @internal the slug GitLab derives from a title: spaces become hyphens, slashes make directories. */
export function wikiSlug(title: string): string {
  return title.trim().replace(/\s+/g, "-").replace(/\/+/g, "/").replace(/^\/|\/$/g, "");
}

/** @internal the title GitLab shows: the last component of the path the title gives. */
export function wikiTitle(title: string): string {
  const parts = title.trim().split("/").filter((s) => s !== "");
  return parts[parts.length - 1] ?? "";
}

/** @internal a page with its content (GitLab's `WikiPage`). */
export function renderWikiPage(page: WikiPageRec): WikiPage {
  return {
    format: page.format,
    slug: page.slug,
    title: page.title,
    content: page.content,
    encoding: "UTF-8",
    front_matter: {},
  };
}

/** A page as lists show it: basic, or with its content. */
function renderListItem(page: WikiPageRec, withContent: boolean): WikiPageListItem {
  return withContent ? renderWikiPage(page) : { format: page.format, slug: page.slug, title: page.title };
}

/** A naive HTML rendering for `render_html=true` (paragraphs, escaped). */
function toHtml(content: string): string {
  const esc = content.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return esc.split(/\n{2,}/).map((p) => `<p data-sourcepos="1:1-1:1" dir="auto">${p.trim()}</p>`).join("\n");
}

type Kind = "project" | "group";

/** The wiki owner, its key, and the caller's level there. */
function findWiki(ctx: RequestContext, kind: Kind): { key: string; level: number } {
  if (kind === "project") {
    const p: ProjectRec = findProject(ctx);
    const level = projectAccess(ctx.user, p);
    // a private project's wiki: members only (findProject already hid it from others)
    return { key: `project:${p.id}`, level };
  }
  const g: GroupRec = findGroup(ctx);
  const level = ctx.user ? (ctx.user.admin ? ACCESS.owner : groupAccess(ctx.user, g)) : 0;
  if (g.visibility === "private" && level === 0) throw notFound("Group");
  return { key: `group:${g.id}`, level };
}

/** Developers (and above) write wikis. */
function requireWrite(ctx: RequestContext, kind: Kind): string {
  requireAuth(ctx);
  const w = findWiki(ctx, kind);
  if (w.level < ACCESS.developer) throw forbidden();
  return w.key;
}

function findPage(pages: WikiPageRec[], slug: string): WikiPageRec {
  const page = pages.find((p) => p.slug === slug);
  if (!page) throw notFound("Wiki Page");
  return page;
}

function duplicate(): HttpError {
  return new HttpError(400, { message: "Duplicate page: A page with that title already exists" });
}

/** @internal registers the project and group wiki routes. */
export function registerWikiRoutes(routes: RouteTable): void {
  for (const kind of ["project", "group"] as const) {
    const base = `/${kind}s/:id/wikis`;
    routes.on("GET", base, (ctx) => {
      validate(ctx.params).pagination().check();
      const { key } = findWiki(ctx, kind);
      const withContent = bool(ctx.params, "with_content") ?? false;
      const rows = [...wikiOf(ctx.store, key)].sort((a, b) => a.slug.localeCompare(b.slug));
      return paginateArray(ctx, rows, (p) => renderListItem(p, withContent));
    });
    routes.on("GET", `${base}/:slug`, (ctx) => {
      const { key } = findWiki(ctx, kind);
      const page = findPage(wikiOf(ctx.store, key), ctx.pathParams.slug);
      const out = renderWikiPage(page);
      if (bool(ctx.params, "render_html")) out.content = toHtml(page.content);
      return jsonResponse(ctx.requestId, 200, out);
    });
    routes.on("POST", base, (ctx) => {
      requireAuth(ctx);
      validate(ctx.params).required("title").required("content").oneOf("format", FORMATS).check();
      const key = requireWrite(ctx, kind);
      const title = str(ctx.params, "title") ?? "";
      const slug = wikiSlug(title);
      if (slug === "") throw new HttpError(400, { message: { title: ["can't be blank"] } });
      const pages = wikiOf(ctx.store, key);
      if (pages.some((p) => p.slug.toLowerCase() === slug.toLowerCase())) throw duplicate();
      const at = ctx.store.iso();
      const page: WikiPageRec = {
        slug,
        title: wikiTitle(title),
        format: (str(ctx.params, "format") ?? "markdown") as WikiFormat,
        content: str(ctx.params, "content") ?? "",
        createdAt: at,
        updatedAt: at,
      };
      pages.push(page);
      return jsonResponse(ctx.requestId, 201, renderWikiPage(page));
    });
    routes.on("PUT", `${base}/:slug`, (ctx) => {
      requireAuth(ctx);
      validate(ctx.params).oneOf("format", FORMATS).check();
      const q = ctx.params;
      if (q.title === undefined && q.content === undefined && q.format === undefined) {
        throw new HttpError(400, {
          error: "content, title, format are missing, at least one parameter must be provided",
        });
      }
      const key = requireWrite(ctx, kind);
      const pages = wikiOf(ctx.store, key);
      const page = findPage(pages, ctx.pathParams.slug);
      const title = str(q, "title");
      if (title !== undefined && title.trim() !== "") {
        const slug = wikiSlug(title);
        if (pages.some((p) => p !== page && p.slug.toLowerCase() === slug.toLowerCase())) throw duplicate();
        page.title = wikiTitle(title);
        page.slug = slug;
      }
      const content = str(q, "content");
      if (content !== undefined) page.content = content;
      const format = str(q, "format");
      if (format !== undefined) page.format = format as WikiFormat;
      page.updatedAt = ctx.store.iso();
      return jsonResponse(ctx.requestId, 200, renderWikiPage(page));
    });
    routes.on("DELETE", `${base}/:slug`, (ctx) => {
      const key = requireWrite(ctx, kind);
      const pages = wikiOf(ctx.store, key);
      const page = findPage(pages, ctx.pathParams.slug);
      pages.splice(pages.indexOf(page), 1);
      return noContent(ctx.requestId);
    });
  }
}

/** @internal seeds two pages in the `acme/web` wiki and one in the `acme` group wiki. */
export function seedWikis(store: Store): void {
  const at = store.iso();
  const page = (title: string, content: string, format: WikiFormat = "markdown"): WikiPageRec => ({
    slug: wikiSlug(title),
    title: wikiTitle(title),
    format,
    content,
    createdAt: at,
    updatedAt: at,
  });
  const web = store.projectByIdOrPath("acme/web");
  if (web) {
    wikiOf(store, `project:${web.id}`).push(
      page("home", "# Acme Web\n\nWelcome to the Acme Web wiki. See [Setup Guide](dev/Setup-Guide).\n"),
      page(
        "dev/Setup Guide",
        "# Setup\n\n1. Install Deno\n2. Run `deno task dev`\n3. Open http://localhost:5173\n",
      ),
    );
  }
  const acme = store.groupsByPath.get("acme");
  if (acme) {
    wikiOf(store, `group:${acme.id}`).push(
      page("Onboarding", "= Onboarding\n\nRead the handbook, then pick a starter issue.\n", "asciidoc"),
    );
  }
}
