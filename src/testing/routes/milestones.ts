/**
 * Project and group milestones: list, get, create, edit (`state_event`), delete, and a milestone's issues
 * and merge requests, under `/projects/:id/milestones` and `/groups/:id/milestones`. Issues and merge
 * requests point at milestones by id (`milestone_id`).
 *
 * @module
 */

import { ACCESS, canReadProject, groupAccess, isDescendant, projectAccess, requireAuth } from "../access.ts";
import type { RenderContext, RequestContext } from "../context.ts";
import { bool, list, str } from "../params.ts";
import { paginateArray } from "../pagination.ts";
import type { GroupRec, ProjectRec, UserRec } from "../records.ts";
import { badRequest, forbidden, HttpError, jsonResponse, noContent, notFound } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import { isoCompare } from "../sorting.ts";
import type { Store } from "../store.ts";
import type { Milestone } from "../../types/milestones.ts";
import { integerPathParam, validate } from "../validation.ts";
import { findGroup } from "./groups.ts";
import { canReadIssue, renderIssue } from "./issues.ts";
import { renderMergeRequestBasic } from "./merge_requests.ts";
import { findProject } from "./projects.ts";

/** @internal a milestone of a project or a group. */
export interface MilestoneRec {
  /** Global id. */
  id: number;
  /** Id within its project or group. */
  iid: number;
  /** Owning project. */
  projectId: number | null;
  /** Owning group. */
  groupId: number | null;
  /** Title. */
  title: string;
  /** Description. */
  description: string | null;
  /** State. */
  state: "active" | "closed";
  /** Due date `YYYY-MM-DD`. */
  dueDate: string | null;
  /** Start date `YYYY-MM-DD`. */
  startDate: string | null;
  /** ISO creation time. */
  createdAt: string;
  /** ISO update time. */
  updatedAt: string;
}

/** @internal the milestones of `store`, id-ordered. */
export function milestoneState(store: Store): MilestoneRec[] {
  return store.slot("milestones", () => [] as MilestoneRec[]);
}

/** @internal a milestone by id. */
export function milestoneById(store: Store, id: number | null | undefined): MilestoneRec | undefined {
  if (id === null || id === undefined) return undefined;
  return milestoneState(store).find((m) => m.id === id);
}

/** @internal a milestone as GitLab's `Milestone` entity. */
export function renderMilestone(view: RenderContext, m: MilestoneRec): Milestone {
  const owner = m.projectId !== null
    ? view.store.projectsById.get(m.projectId)?.fullPath
    : `groups/${view.store.groupsById.get(m.groupId ?? -1)?.fullPath}`;
  const today = view.store.iso().slice(0, 10);
  return {
    id: m.id,
    iid: m.iid,
    ...(m.projectId !== null ? { project_id: m.projectId } : { group_id: m.groupId! }),
    title: m.title,
    description: m.description,
    state: m.state,
    created_at: m.createdAt,
    updated_at: m.updatedAt,
    due_date: m.dueDate,
    start_date: m.startDate,
    expired: m.dueDate ? m.dueDate < today : false,
    web_url: `${view.webUrl}/${owner}/-/milestones/${m.iid}`,
  };
}

/** The groups above (and including) a project's group. */
function ancestorIds(g: GroupRec | null): number[] {
  const ids: number[] = [];
  let guard = 0;
  for (let cur = g; cur && guard++ < 100; cur = cur.parent) ids.push(cur.id);
  return ids;
}

/** @internal the milestones usable in `p`: its own and its groups'. */
export function milestonesForProject(store: Store, p: ProjectRec): MilestoneRec[] {
  const groups = ancestorIds(p.ns.kind === "group" ? p.ns.group : null);
  return milestoneState(store).filter((m) =>
    m.projectId === p.id || (m.groupId !== null && groups.includes(m.groupId))
  );
}

/** @internal the milestone titled `title` usable in `p`. */
export function milestoneByTitle(store: Store, p: ProjectRec, title: string): MilestoneRec | undefined {
  return milestonesForProject(store, p).find((m) => m.title === title);
}

/** @internal creates a milestone (builder and route); GitLab's 400 when the title is taken. */
export function createMilestone(
  store: Store,
  owner: { project: ProjectRec } | { group: GroupRec },
  d: { title: string; description?: string | null; dueDate?: string | null; startDate?: string | null },
): MilestoneRec {
  const projectId = "project" in owner ? owner.project.id : null;
  const groupId = "group" in owner ? owner.group.id : null;
  const all = milestoneState(store);
  const siblings = all.filter((m) => m.projectId === projectId && m.groupId === groupId);
  if (siblings.some((m) => m.title === d.title)) {
    throw new HttpError(400, {
      message:
        'Failed to create milestone {:title=>["already being used for another group or project milestone."]}',
    });
  }
  const at = store.iso();
  const rec: MilestoneRec = {
    id: store.nextIdOf("milestone"),
    iid: siblings.reduce((n, m) => Math.max(n, m.iid), 0) + 1,
    projectId,
    groupId,
    title: d.title,
    description: d.description ?? null,
    state: "active",
    dueDate: d.dueDate ?? null,
    startDate: d.startDate ?? null,
    createdAt: at,
    updatedAt: at,
  };
  all.push(rec);
  store.bump();
  return rec;
}

/** Filters by `state`, `iids[]`, `title`, `search`, `updated_before/after`; newest first. */
function filtered(ctx: RequestContext, rows: MilestoneRec[]): MilestoneRec[] {
  const q = ctx.params;
  validate(q).pagination().oneOf("state", ["active", "closed"]).integer("iids").check();
  const state = str(q, "state");
  const iids = list(q, "iids")?.map(Number);
  const title = str(q, "title");
  const search = str(q, "search")?.toLowerCase();
  const updatedBefore = str(q, "updated_before");
  const updatedAfter = str(q, "updated_after");
  const out = rows.filter((m) =>
    (!state || m.state === state) &&
    (!iids || !iids.length || iids.includes(m.iid)) &&
    (title === undefined || m.title === title) &&
    (!search || m.title.toLowerCase().includes(search) ||
      (m.description ?? "").toLowerCase().includes(search)) &&
    (!updatedBefore || isoCompare(m.updatedAt, updatedBefore) <= 0) &&
    (!updatedAfter || isoCompare(m.updatedAt, updatedAfter) >= 0)
  );
  // GitLab orders milestone lists by due date (soonest first, none last), then newest first
  return out.sort((a, b) => {
    if (a.dueDate !== b.dueDate) {
      if (a.dueDate === null) return 1;
      if (b.dueDate === null) return -1;
      return a.dueDate < b.dueDate ? -1 : 1;
    }
    return b.id - a.id;
  });
}

/** A date parameter (`YYYY-MM-DD`), or GitLab's 400 `<key> is invalid`. */
function dateParam(ctx: RequestContext, key: string): string | null | undefined {
  const v = str(ctx.params, key);
  if (v === undefined) return undefined;
  if (v === "") return null;
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(Date.parse(v.slice(0, 10)))) {
    throw badRequest(`${key} is invalid`);
  }
  return v.slice(0, 10);
}

/** Applies `PUT …/milestones/:milestone_id`. */
function applyEdit(ctx: RequestContext, m: MilestoneRec, siblings: MilestoneRec[]): void {
  const q = ctx.params;
  validate(q).oneOf("state_event", ["close", "activate"]).check();
  const keys = ["title", "description", "due_date", "start_date", "state_event"];
  if (!keys.some((k) => q[k] !== undefined)) {
    throw badRequest(
      "title, description, due_date, start_date, state_event are missing, at least one parameter must be provided",
    );
  }
  const title = str(q, "title");
  if (title !== undefined) {
    if (title.trim() === "") {
      throw new HttpError(400, { message: 'Failed to update milestone {:title=>["can\'t be blank"]}' });
    }
    if (siblings.some((x) => x !== m && x.title === title)) {
      throw new HttpError(400, {
        message:
          'Failed to update milestone {:title=>["already being used for another group or project milestone."]}',
      });
    }
    m.title = title;
  }
  const description = str(q, "description");
  if (description !== undefined) m.description = description;
  const due = dateParam(ctx, "due_date");
  if (due !== undefined) m.dueDate = due;
  const start = dateParam(ctx, "start_date");
  if (start !== undefined) m.startDate = start;
  const event = str(q, "state_event");
  if (event === "close") m.state = "closed";
  else if (event === "activate") m.state = "active";
  m.updatedAt = ctx.store.iso();
  ctx.store.bump();
}

/** The milestone `:milestone_id` (global id) among `rows`, or GitLab's 404. */
function pick(ctx: RequestContext, rows: MilestoneRec[]): MilestoneRec {
  const id = integerPathParam(ctx.pathParams, "milestone_id");
  const m = rows.find((x) => x.id === id);
  if (!m) throw notFound("Milestone");
  return m;
}

/** Unsets a deleted milestone on issues and merge requests. */
function detach(store: Store, m: MilestoneRec): void {
  for (const p of store.projects) {
    for (const i of p.issues) if (i.milestoneId === m.id) i.milestoneId = null;
    for (const r of p.mrs) if (r.milestoneId === m.id) r.milestoneId = null;
  }
}

/** The projects under `g` (its own and its subgroups'). */
function groupProjects(store: Store, g: GroupRec): ProjectRec[] {
  return store.projects.filter((p) =>
    p.ns.kind === "group" && (p.ns.group === g || isDescendant(p.ns.group, g))
  );
}

/** Planners/reporters and above manage milestones. */
function requireManager(ctx: RequestContext, level: number): UserRec {
  const user = requireAuth(ctx);
  if (!user.admin && level < ACCESS.reporter) throw forbidden();
  return user;
}

/** Lists the issues and merge requests of milestone `m` in `projects` the viewer may see. */
function registerChildren(
  routes: RouteTable,
  base: string,
  resolve: (ctx: RequestContext) => { m: MilestoneRec; projects: ProjectRec[] },
): void {
  routes.on("GET", `${base}/:milestone_id/issues`, (ctx) => {
    validate(ctx.params).pagination().check();
    const { m, projects } = resolve(ctx);
    const rows = projects.filter((p) => canReadProject(ctx.user, p)).flatMap((p) =>
      p.issues.filter((i) => i.milestoneId === m.id && canReadIssue(ctx.user, p, i)).map((i) => ({ p, i }))
    );
    return paginateArray(ctx, rows, ({ p, i }) => renderIssue(ctx, p, i));
  });
  routes.on("GET", `${base}/:milestone_id/merge_requests`, (ctx) => {
    validate(ctx.params).pagination().check();
    const { m, projects } = resolve(ctx);
    const rows = projects.filter((p) => canReadProject(ctx.user, p)).flatMap((p) =>
      p.mrs.filter((r) => r.milestoneId === m.id).map((r) => ({ p, r }))
    );
    return paginateArray(ctx, rows, ({ p, r }) => renderMergeRequestBasic(ctx, p, r));
  });
}

/** @internal registers the project and group milestone routes. */
export function registerMilestoneRoutes(routes: RouteTable): void {
  // project milestones
  const pb = "/projects/:id/milestones";
  const projectRows = (ctx: RequestContext, p: ProjectRec) =>
    bool(ctx.params, "include_ancestors") ?? bool(ctx.params, "include_parent_milestones")
      ? milestonesForProject(ctx.store, p)
      : milestoneState(ctx.store).filter((m) => m.projectId === p.id);
  routes.on("GET", pb, (ctx) => {
    const p = findProject(ctx);
    return paginateArray(ctx, filtered(ctx, projectRows(ctx, p)), (m) => renderMilestone(ctx, m));
  });
  routes.on("POST", pb, (ctx) => {
    requireAuth(ctx);
    validate(ctx.params).required("title").check();
    const p = findProject(ctx);
    requireManager(ctx, projectAccess(ctx.user, p));
    const title = str(ctx.params, "title") ?? "";
    if (title.trim() === "") throw badRequest("title is empty");
    const m = createMilestone(ctx.store, { project: p }, {
      title,
      description: str(ctx.params, "description") ?? null,
      dueDate: dateParam(ctx, "due_date") ?? null,
      startDate: dateParam(ctx, "start_date") ?? null,
    });
    return jsonResponse(ctx.requestId, 201, renderMilestone(ctx, m));
  });
  routes.on("GET", `${pb}/:milestone_id`, (ctx) => {
    const p = findProject(ctx);
    return jsonResponse(
      ctx.requestId,
      200,
      renderMilestone(ctx, pick(ctx, milestonesForProject(ctx.store, p))),
    );
  });
  routes.on("PUT", `${pb}/:milestone_id`, (ctx) => {
    requireAuth(ctx);
    const p = findProject(ctx);
    requireManager(ctx, projectAccess(ctx.user, p));
    const own = milestoneState(ctx.store).filter((m) => m.projectId === p.id);
    const m = pick(ctx, own);
    applyEdit(ctx, m, own);
    return jsonResponse(ctx.requestId, 200, renderMilestone(ctx, m));
  });
  routes.on("DELETE", `${pb}/:milestone_id`, (ctx) => {
    requireAuth(ctx);
    const p = findProject(ctx);
    requireManager(ctx, projectAccess(ctx.user, p));
    const m = pick(ctx, milestoneState(ctx.store).filter((x) => x.projectId === p.id));
    const all = milestoneState(ctx.store);
    all.splice(all.indexOf(m), 1);
    detach(ctx.store, m);
    ctx.store.bump();
    return noContent(ctx.requestId);
  });
  registerChildren(routes, pb, (ctx) => {
    const p = findProject(ctx);
    return { m: pick(ctx, milestonesForProject(ctx.store, p)), projects: [p] };
  });

  // group milestones
  const gb = "/groups/:id/milestones";
  const groupRows = (ctx: RequestContext, g: GroupRec) => {
    const ids = bool(ctx.params, "include_ancestors") || bool(ctx.params, "include_parent_milestones")
      ? ancestorIds(g)
      : [g.id];
    if (bool(ctx.params, "include_descendants")) {
      for (const d of ctx.store.groups) if (isDescendant(d, g)) ids.push(d.id);
    }
    return milestoneState(ctx.store).filter((m) => m.groupId !== null && ids.includes(m.groupId));
  };
  routes.on("GET", gb, (ctx) => {
    const g = findGroup(ctx);
    return paginateArray(ctx, filtered(ctx, groupRows(ctx, g)), (m) => renderMilestone(ctx, m));
  });
  routes.on("POST", gb, (ctx) => {
    const user = requireAuth(ctx);
    validate(ctx.params).required("title").check();
    const g = findGroup(ctx);
    requireManager(ctx, groupAccess(user, g));
    const title = str(ctx.params, "title") ?? "";
    if (title.trim() === "") throw badRequest("title is empty");
    const m = createMilestone(ctx.store, { group: g }, {
      title,
      description: str(ctx.params, "description") ?? null,
      dueDate: dateParam(ctx, "due_date") ?? null,
      startDate: dateParam(ctx, "start_date") ?? null,
    });
    return jsonResponse(ctx.requestId, 201, renderMilestone(ctx, m));
  });
  routes.on("GET", `${gb}/:milestone_id`, (ctx) => {
    const g = findGroup(ctx);
    return jsonResponse(ctx.requestId, 200, renderMilestone(ctx, pick(ctx, groupRows(ctx, g))));
  });
  routes.on("PUT", `${gb}/:milestone_id`, (ctx) => {
    const user = requireAuth(ctx);
    const g = findGroup(ctx);
    requireManager(ctx, groupAccess(user, g));
    const own = milestoneState(ctx.store).filter((m) => m.groupId === g.id);
    const m = pick(ctx, own);
    applyEdit(ctx, m, own);
    return jsonResponse(ctx.requestId, 200, renderMilestone(ctx, m));
  });
  routes.on("DELETE", `${gb}/:milestone_id`, (ctx) => {
    const user = requireAuth(ctx);
    const g = findGroup(ctx);
    requireManager(ctx, groupAccess(user, g));
    const all = milestoneState(ctx.store);
    const m = pick(ctx, all.filter((x) => x.groupId === g.id));
    all.splice(all.indexOf(m), 1);
    detach(ctx.store, m);
    ctx.store.bump();
    return noContent(ctx.requestId);
  });
  registerChildren(routes, gb, (ctx) => {
    const g = findGroup(ctx);
    return {
      m: pick(ctx, milestoneState(ctx.store).filter((x) => x.groupId === g.id)),
      projects: groupProjects(ctx.store, g),
    };
  });
}

/** @internal the demo milestones: `v1.5` on acme/web with three of its issues, `Q3 Platform` on the acme group. */
export function seedMilestones(store: Store): void {
  const web = store.projectByIdOrPath("acme/web");
  const acme = store.groupByIdOrPath("acme");
  if (web) {
    const m = createMilestone(store, { project: web }, {
      title: "v1.5",
      description: "Login fixes and dark mode",
      dueDate: new Date(store.now().getTime() + 14 * 86_400_000).toISOString().slice(0, 10),
      startDate: store.isoAgo(30).slice(0, 10),
    });
    m.createdAt = m.updatedAt = store.isoAgo(30);
    for (const i of web.issues) if (i.iid <= 3 || i.iid === 6) i.milestoneId = m.id;
    for (const r of web.mrs) if (r.iid <= 3) r.milestoneId = m.id;
    const old = createMilestone(store, { project: web }, { title: "v1.4", description: "Previous release" });
    old.state = "closed";
    old.dueDate = store.isoAgo(20).slice(0, 10);
  }
  if (acme) {
    createMilestone(store, { group: acme }, { title: "Q3 Platform", description: "Group-wide goals" });
  }
}
