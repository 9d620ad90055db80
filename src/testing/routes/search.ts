/**
 * Search without advanced search (GitLab's basic search): `GET /search`, `GET /groups/:id/search` and
 * `GET /projects/:id/search`, with the scopes GitLab Community Edition offers at each level: global
 * `projects, issues, merge_requests, milestones, snippet_titles, users`; group `projects, issues,
 * merge_requests, milestones, users`; project `issues, merge_requests, milestones, notes, wiki_blobs,
 * commits, blobs, users`. Results only come from what the caller can read.
 *
 * @module
 */

import { canReadProject, isDescendant, projectAccess, requireAuth } from "../access.ts";
import type { RequestContext } from "../context.ts";
import { str } from "../params.ts";
import { paginateArray } from "../pagination.ts";
import type { GroupRec, ProjectRec, UserRec } from "../records.ts";
import type { RouteTable } from "../router.ts";
import type { Store } from "../store.ts";
import type { Blob } from "../../types/search.ts";
import { validate } from "../validation.ts";
import { findGroup } from "./groups.ts";
import { renderIssue } from "./issues.ts";
import { renderMergeRequestBasic } from "./merge_requests.ts";
import { findProject, renderProjectSimple } from "./projects.ts";
import { renderCommit } from "./branches.ts";
import { canReadSnippet, renderSnippet, snippets } from "./snippets.ts";
import { renderUserBasic } from "./users.ts";
import { projectWikiPages, wikiFileName } from "./wikis.ts";
import { milestoneState, renderMilestone } from "./milestones.ts";
import { canSeeInternal, noteState, renderNote } from "./notes.ts";

const GLOBAL_SCOPES = ["projects", "issues", "merge_requests", "milestones", "snippet_titles", "users"];
const GROUP_SCOPES = ["projects", "issues", "merge_requests", "milestones", "users"];
const PROJECT_SCOPES = [
  "issues",
  "merge_requests",
  "milestones",
  "notes",
  "wiki_blobs",
  "commits",
  "blobs",
  "users",
];
const STATES = ["all", "opened", "closed", "merged"];
/** Lines of context around a matching line in a blob result. */
const CONTEXT_LINES = 2;
/** Most blob results one file gives. */
const MAX_FRAGMENTS_PER_FILE = 10;
const decoder = new TextDecoder();

/** Where a search looks. */
type Area = { kind: "global" } | { kind: "group"; group: GroupRec } | {
  kind: "project";
  project: ProjectRec;
};

/** Projects in the area the user can read. */
function projectsIn(store: Store, user: UserRec, area: Area): ProjectRec[] {
  if (area.kind === "project") return [area.project];
  return store.projects.filter((p) => {
    if (!canReadProject(user, p)) return false;
    if (area.kind === "group") {
      return p.ns.kind === "group" && (p.ns.group === area.group || isDescendant(p.ns.group, area.group));
    }
    return true;
  });
}

function matches(term: string, ...fields: (string | null | undefined)[]): boolean {
  return fields.some((f) => f != null && f.toLowerCase().includes(term));
}

/** Issues and merge requests of private projects need reporter access to be found, as in GitLab. */
function canReadIssuables(user: UserRec, p: ProjectRec): boolean {
  return p.visibility !== "private" || projectAccess(user, p) > 0;
}

/** Fragments of a file around the lines that contain `term`. */
function blobFragments(p: ProjectRec, ref: string, path: string, text: string, term: string): Blob[] {
  const lines = text.split("\n");
  const out: Blob[] = [];
  let last = -1;
  for (let i = 0; i < lines.length && out.length < MAX_FRAGMENTS_PER_FILE; i++) {
    if (i <= last || !lines[i].toLowerCase().includes(term)) continue;
    const start = Math.max(0, i - CONTEXT_LINES);
    const end = Math.min(lines.length, i + CONTEXT_LINES + 1);
    last = end - 1;
    out.push({
      basename: path.replace(/\.[^/.]*$/, ""),
      data: lines.slice(start, end).join("\n"),
      path,
      filename: path,
      id: null,
      ref,
      startline: start + 1,
      project_id: p.id,
    });
  }
  return out;
}

/** The results of one search, unrendered-to-JSON. */
function results(ctx: RequestContext, user: UserRec, area: Area, scope: string): unknown[] {
  const store = ctx.store;
  const term = (str(ctx.params, "search") ?? "").toLowerCase();
  const state = str(ctx.params, "state") ?? "all";
  const projects = projectsIn(store, user, area);
  switch (scope) {
    case "projects":
      return projects.filter((p) => matches(term, p.name, p.path, p.description))
        .map((p) => renderProjectSimple(ctx, p));
    case "issues":
      return projects.filter((p) => canReadIssuables(user, p)).flatMap((p) =>
        p.issues.filter((i) =>
          (state === "all" || i.state === state) && matches(term, i.title, i.description)
        )
          .map((i) => renderIssue(ctx, p, i))
      ).reverse();
    case "merge_requests":
      return projects.filter((p) => canReadIssuables(user, p)).flatMap((p) =>
        p.mrs.filter((m) => (state === "all" || m.state === state) && matches(term, m.title, m.description))
          .map((m) => renderMergeRequestBasic(ctx, p, m))
      ).reverse();
    case "milestones": {
      const ids = new Set(projects.map((p) => p.id));
      const inGroup = (groupId: number | null) =>
        groupId !== null && area.kind === "group" &&
        (groupId === area.group.id ||
          [...store.groups].some((g) => g.id === groupId && isDescendant(g, area.group)));
      return milestoneState(store).filter((m) =>
        ((m.projectId !== null && ids.has(m.projectId)) || inGroup(m.groupId)) &&
        (state === "all" || (state === "opened" ? m.state === "active" : m.state === state)) &&
        matches(term, m.title, m.description)
      ).map((m) => renderMilestone(ctx, m)).reverse();
    }
    case "notes": {
      const p = projects[0];
      // Comments on a confidential issue are for those who may see the issue: reporters and up here.
      const onConfidential = (t: { type: string; id: number }) =>
        t.type === "Issue" && p.issues.some((i) => i.id === t.id && i.confidential === true);
      if (!p || !canReadIssuables(user, p)) return [];
      const internal = canSeeInternal(user, p);
      return [...noteState(store).byId.values()].filter((n) =>
        n.target.p.id === p.id && !n.system && (internal || (!n.internal && !onConfidential(n.target))) &&
        matches(term, n.body)
      ).map((n) => renderNote(ctx, n)).reverse();
    }
    case "users": {
      const inArea = (u: UserRec) => {
        if (area.kind === "global") return true;
        if (area.kind === "project") return projectAccess(u, area.project) > 0;
        let g: GroupRec | null = area.group;
        for (let guard = 0; g && guard < 100; guard++, g = g.parent) if (g.members.has(u.id)) return true;
        return false;
      };
      return store.users.filter((u) => u.state === "active" && inArea(u) && matches(term, u.username, u.name))
        .map((u) => renderUserBasic(ctx, u));
    }
    case "snippet_titles":
      return snippets(store).filter((s) =>
        canReadSnippet(store, user, s) && matches(term, s.title, ...s.files.map((f) => f.path))
      ).map((s) => renderSnippet(ctx, s)).reverse();
    case "blobs": {
      const p = projects[0];
      const ref = str(ctx.params, "ref") ?? p.defaultBranch;
      const branch = p.repo?.branches.get(ref);
      if (!branch) return [];
      const out: Blob[] = [];
      const paths = [...branch.files.keys()].sort();
      for (const path of paths) {
        const file = branch.files.get(path)!;
        if (file.content.includes(0)) continue; // binary
        const text = decoder.decode(file.content);
        const hits = blobFragments(p, ref, path, text, term);
        // a match on the file name alone still finds the file
        if (hits.length === 0 && path.toLowerCase().includes(term)) {
          hits.push(...blobFragments(p, ref, path, text, ""));
        }
        out.push(...hits.slice(0, MAX_FRAGMENTS_PER_FILE));
      }
      return out;
    }
    case "wiki_blobs": {
      const p = projects[0];
      return projectWikiPages(store, p.id).flatMap((page) =>
        blobFragments(p, "main", wikiFileName(page), page.content, term).map((b) => ({
          ...b,
          basename: page.slug,
        }))
      );
    }
    case "commits": {
      const p = projects[0];
      const seen = new Set<string>();
      const out: unknown[] = [];
      for (const b of p.repo?.branches.values() ?? []) {
        const c = b.commit;
        if (seen.has(c.id) || !matches(term, c.message)) continue;
        seen.add(c.id);
        out.push({ ...renderCommit(ctx, p, c), project_id: p.id });
      }
      return out;
    }
    default:
      return [];
  }
}

/** Validates `search`, `scope` (and `state`) as Grape does, then answers a page of results. */
function answer(ctx: RequestContext, area: () => Area, scopes: string[]): Response {
  const user = requireAuth(ctx);
  validate(ctx.params).required("search").required("scope").oneOf("scope", scopes).oneOf("state", STATES)
    .pagination().check();
  const rows = results(ctx, user, area(), str(ctx.params, "scope") as string);
  return paginateArray(ctx, rows, (r) => r);
}

/** @internal registers the search routes. */
export function registerSearchRoutes(routes: RouteTable): void {
  routes.on("GET", "/search", (ctx) => answer(ctx, () => ({ kind: "global" }), GLOBAL_SCOPES));
  for (const path of ["/groups/:id/search", "/groups/:id/-/search"]) {
    routes.on(
      "GET",
      path,
      (ctx) => answer(ctx, () => ({ kind: "group", group: findGroup(ctx) }), GROUP_SCOPES),
    );
  }
  for (const path of ["/projects/:id/search", "/projects/:id/-/search"]) {
    routes.on(
      "GET",
      path,
      (ctx) => answer(ctx, () => ({ kind: "project", project: findProject(ctx) }), PROJECT_SCOPES),
    );
  }
}
