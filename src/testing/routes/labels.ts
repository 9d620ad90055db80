/**
 * Project and group labels: `GET`/`POST /projects/:id/labels`, `GET`/`PUT`/`DELETE
 * /projects/:id/labels/:label_id`, subscribe/unsubscribe, promote, and the same under `/groups/:id/labels`.
 * Issues and merge requests keep label names; renaming or deleting a label updates them.
 *
 * @module
 */

import { ACCESS, groupAccess, isDescendant, projectAccess, requireAuth } from "../access.ts";
import type { RequestContext } from "../context.ts";
import { bool, int, str } from "../params.ts";
import { paginateArray } from "../pagination.ts";
import type { GroupRec, ProjectRec, UserRec } from "../records.ts";
import { badRequest, forbidden, HttpError, jsonResponse, noContent, notFound } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import { normalizeLabels } from "../sorting.ts";
import type { Store } from "../store.ts";
import type { GroupLabel, Label, ProjectLabel } from "../../types/labels.ts";
import { validate } from "../validation.ts";
import { findGroup } from "./groups.ts";
import { findProject } from "./projects.ts";

/** @internal a label of a project or a group. */
export interface LabelRec {
  /** Label id. */
  id: number;
  /** Name (unique in its project or group, case-sensitively as GitLab). */
  name: string;
  /** Background color, `#RRGGBB`. */
  color: string;
  /** Description. */
  description: string | null;
  /** Priority (project labels). */
  priority: number | null;
  /** Owning project (project label). */
  projectId: number | null;
  /** Owning group (group label). */
  groupId: number | null;
  /** Subscribed users. */
  subscribers: Set<number>;
  /** Archived. */
  archived: boolean;
}

/** @internal the labels of `store`, id-ordered. */
export function labelState(store: Store): LabelRec[] {
  return store.slot("labels", () => [] as LabelRec[]);
}

const CSS_COLORS: Record<string, string> = {
  black: "#000000",
  white: "#FFFFFF",
  red: "#FF0000",
  green: "#008000",
  blue: "#0000FF",
  yellow: "#FFFF00",
  orange: "#FFA500",
  purple: "#800080",
  gray: "#808080",
  grey: "#808080",
  pink: "#FFC0CB",
  brown: "#A52A2A",
  cyan: "#00FFFF",
  magenta: "#FF00FF",
  navy: "#000080",
  teal: "#008080",
  olive: "#808000",
  maroon: "#800000",
  lime: "#00FF00",
  silver: "#C0C0C0",
  indigo: "#4B0082",
  violet: "#EE82EE",
  gold: "#FFD700",
  coral: "#FF7F50",
  salmon: "#FA8072",
  tomato: "#FF6347",
  crimson: "#DC143C",
  turquoise: "#40E0D0",
  lightgreen: "#90EE90",
  lightblue: "#ADD8E6",
  darkgreen: "#006400",
  darkblue: "#00008B",
  darkred: "#8B0000",
};

/** @internal a color as GitLab stores it (`#RGB` expanded, CSS names as hex), or null when invalid. */
export function parseColor(raw: string): string | null {
  const s = raw.trim();
  if (/^#[0-9a-f]{6}$/i.test(s)) return s.toUpperCase();
  if (/^#[0-9a-f]{3}$/i.test(s)) return `#${[...s.slice(1)].map((c) => c + c).join("")}`.toUpperCase();
  return CSS_COLORS[s.toLowerCase()] ?? null;
}

/** Text escaped for HTML. */
function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The text color GitLab picks for a background: light on dark, dark on light. */
function textColor(color: string): string {
  const n = parseInt(color.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return r * 0.299 + g * 0.587 + b * 0.114 > 186 ? "#1F1E24" : "#FFFFFF";
}

/** The projects whose issues may carry label `l`: its project, or every project under its group. */
function projectsOf(store: Store, l: LabelRec): ProjectRec[] {
  if (l.projectId !== null) {
    const p = store.projectsById.get(l.projectId);
    return p ? [p] : [];
  }
  const g = store.groupsById.get(l.groupId ?? -1);
  if (!g) return [];
  return store.projects.filter((p) =>
    p.ns.kind === "group" && (p.ns.group === g || isDescendant(p.ns.group, g))
  );
}

/** @internal the label named `name` that applies in `p` (its own, then its groups' nearest first). */
export function labelInProject(store: Store, p: ProjectRec, name: string): LabelRec | undefined {
  const all = labelState(store);
  const own = all.find((l) => l.projectId === p.id && l.name === name);
  if (own) return own;
  let guard = 0;
  for (let g = p.ns.kind === "group" ? p.ns.group : null; g && guard++ < 100; g = g.parent) {
    const hit = all.find((l) => l.groupId === g!.id && l.name === name);
    if (hit) return hit;
  }
  return undefined;
}

/** @internal the group labels of `g` and (optionally) of its ancestors. */
function groupLabels(store: Store, g: GroupRec, ancestors: boolean): LabelRec[] {
  const ids = new Set<number>();
  let guard = 0;
  for (let cur: GroupRec | null = g; cur && guard++ < 100; cur = ancestors ? cur.parent : null) {
    ids.add(cur.id);
  }
  return labelState(store).filter((l) => l.groupId !== null && ids.has(l.groupId));
}

/** @internal creates a label (builder and route): throws GitLab's 409 when the name is taken. */
export function createLabel(
  store: Store,
  owner: { project: ProjectRec } | { group: GroupRec },
  d: { name: string; color: string; description?: string | null; priority?: number | null },
): LabelRec {
  const projectId = "project" in owner ? owner.project.id : null;
  const groupId = "group" in owner ? owner.group.id : null;
  const taken = labelState(store).some((l) =>
    l.name === d.name && l.projectId === projectId && l.groupId === groupId
  );
  if (taken) throw new HttpError(409, { message: "Label already exists" });
  const rec: LabelRec = {
    id: store.nextIdOf("label"),
    name: d.name,
    color: parseColor(d.color) ?? "#6699CC",
    description: d.description ?? null,
    priority: d.priority ?? null,
    projectId,
    groupId,
    subscribers: new Set(),
    archived: false,
  };
  labelState(store).push(rec);
  store.bump();
  return rec;
}

/** Renames or removes label `from` on the issues and merge requests of `l`'s projects. */
function relabel(store: Store, l: LabelRec, from: string, to: string | null): void {
  const fix = (labels: string[]) =>
    labels.includes(from) ? normalizeLabels(labels.map((x) => x === from ? to ?? "" : x)) : labels;
  for (const p of projectsOf(store, l)) {
    // a project label of the same name shadows a group label
    if (l.groupId !== null && labelState(store).some((x) => x.projectId === p.id && x.name === from)) {
      continue;
    }
    for (const i of p.issues) i.labels = fix(i.labels);
    for (const m of p.mrs) m.labels = fix(m.labels);
  }
  store.bump();
}

/** A label rendered with counts in the projects it applies to (or in `only`). */
function counts(store: Store, l: LabelRec, only?: ProjectRec): Record<string, number> {
  let openIssues = 0;
  let closedIssues = 0;
  let openMrs = 0;
  for (const p of only ? [only] : projectsOf(store, l)) {
    for (const i of p.issues) {
      if (!i.labels.includes(l.name)) continue;
      if (i.state === "opened") openIssues++;
      else closedIssues++;
    }
    for (const m of p.mrs) if (m.state === "opened" && m.labels.includes(l.name)) openMrs++;
  }
  return {
    open_issues_count: openIssues,
    closed_issues_count: closedIssues,
    open_merge_requests_count: openMrs,
  };
}

/** @internal a label as GitLab's `Label` entity (counts when `withCounts`). */
export function renderLabel(
  store: Store,
  l: LabelRec,
  viewer: UserRec | null,
  withCounts = false,
  scope?: ProjectRec,
): Label {
  return {
    id: l.id,
    name: l.name,
    description: l.description,
    description_html: l.description ? `<p dir="auto">${escapeHtml(l.description)}</p>` : "",
    text_color: textColor(l.color),
    color: l.color,
    archived: l.archived,
    ...(withCounts ? counts(store, l, scope) : {}),
    subscribed: !!viewer && l.subscribers.has(viewer.id),
  };
}

/** @internal a label as a project's label routes return it. */
export function renderProjectLabel(
  store: Store,
  p: ProjectRec,
  l: LabelRec,
  viewer: UserRec | null,
  withCounts = false,
): ProjectLabel {
  return {
    ...renderLabel(store, l, viewer, withCounts, p),
    priority: l.priority,
    is_project_label: l.projectId !== null,
  };
}

/** The label `:label_id` (id or name) among `rows`, or GitLab's 404. */
function pick(ctx: RequestContext, rows: LabelRec[], key = ctx.pathParams.label_id): LabelRec {
  const l = /^\d+$/.test(key)
    ? rows.find((x) => x.id === Number(key)) ?? rows.find((x) => x.name === key)
    : rows.find((x) => x.name === key);
  if (!l) throw notFound("Label");
  return l;
}

/** The labels a project sees: its own and (default) its groups'. */
function projectLabels(store: Store, p: ProjectRec, ancestors: boolean): LabelRec[] {
  const own = labelState(store).filter((l) => l.projectId === p.id);
  if (!ancestors || p.ns.kind !== "group") return own;
  return [...own, ...groupLabels(store, p.ns.group, true)];
}

/** Name/title sort as GitLab lists labels (`title` ascending). */
function byName(a: LabelRec, b: LabelRec): number {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a.id - b.id;
}

/** Filters by `search` in name and description. */
function searched(ctx: RequestContext, rows: LabelRec[]): LabelRec[] {
  const s = str(ctx.params, "search")?.toLowerCase();
  if (!s) return rows;
  return rows.filter((l) =>
    l.name.toLowerCase().includes(s) || (l.description ?? "").toLowerCase().includes(s)
  );
}

/** The name and color of a new label, validated as GitLab does. */
function newLabelParams(ctx: RequestContext): { name: string; color: string } {
  validate(ctx.params).required("name").required("color").check();
  const name = (str(ctx.params, "name") ?? "").trim();
  const rawColor = str(ctx.params, "color") ?? "";
  const errors: Record<string, string[]> = {};
  if (name === "") errors.title = ["can't be blank"];
  else if (name.includes(",")) errors.title = ["is invalid"];
  const color = parseColor(rawColor);
  if (!color) errors.color = ["must be a valid color code"];
  if (Object.keys(errors).length) throw new HttpError(400, { message: errors });
  return { name, color: color! };
}

/** Applies `PUT …/labels/:label_id`: `new_name`, `color`, `description`, `priority`. */
function applyEdit(ctx: RequestContext, l: LabelRec, siblings: LabelRec[]): void {
  const q = ctx.params;
  const keys = ["new_name", "color", "description", "priority", "archived"];
  if (!keys.some((k) => q[k] !== undefined)) {
    throw badRequest(
      "new_name, color, description, priority, archived are missing, at least one parameter must be provided",
    );
  }
  const newName = str(q, "new_name")?.trim();
  const rawColor = str(q, "color");
  const errors: Record<string, string[]> = {};
  if (newName !== undefined && (newName === "" || newName.includes(","))) {
    errors.title = [newName === "" ? "can't be blank" : "is invalid"];
  }
  const color = rawColor !== undefined ? parseColor(rawColor) : l.color;
  if (!color) errors.color = ["must be a valid color code"];
  if (Object.keys(errors).length) throw new HttpError(400, { message: errors });
  if (newName !== undefined && newName !== l.name && siblings.some((x) => x !== l && x.name === newName)) {
    throw new HttpError(400, { message: { title: ["has already been taken"] } });
  }
  if (newName !== undefined && newName !== l.name) {
    const old = l.name;
    l.name = newName;
    relabel(ctx.store, l, old, newName);
  }
  l.color = color!;
  const description = str(q, "description");
  if (description !== undefined) l.description = description === "" ? null : description;
  if (q.priority !== undefined) {
    l.priority = q.priority === null || q.priority === "" ? null : int(q, "priority") ?? null;
  }
  const archived = bool(q, "archived");
  if (archived !== undefined) l.archived = archived;
  ctx.store.bump();
}

/** Who may manage a project's labels: reporters and above. */
function requireProjectLabelAdmin(ctx: RequestContext, p: ProjectRec): UserRec {
  const user = requireAuth(ctx);
  if (projectAccess(user, p) < ACCESS.reporter) throw forbidden();
  return user;
}

/** Who may manage a group's labels: reporters and above in the group. */
function requireGroupLabelAdmin(ctx: RequestContext, g: GroupRec): UserRec {
  const user = requireAuth(ctx);
  if (!user.admin && groupAccess(user, g) < ACCESS.reporter) throw forbidden();
  return user;
}

/** Subscribes (`on`) or unsubscribes the user: 201 with the label, or 304 when nothing changes. */
function subscription(
  ctx: RequestContext,
  l: LabelRec,
  on: boolean,
  render: (l: LabelRec) => unknown,
): Response {
  const user = requireAuth(ctx);
  if (l.subscribers.has(user.id) === on) {
    return new Response(null, { status: 304, headers: { "x-request-id": ctx.requestId } });
  }
  if (on) l.subscribers.add(user.id);
  else l.subscribers.delete(user.id);
  ctx.store.bump();
  return jsonResponse(ctx.requestId, 201, render(l));
}

/** Deletes a label and removes it from issues and merge requests. */
function removeLabel(store: Store, l: LabelRec): void {
  const all = labelState(store);
  all.splice(all.indexOf(l), 1);
  relabel(store, l, l.name, null);
}

/** Registers `GET`/`POST`/`PUT`/`DELETE /projects/:id/labels…`. */
function registerProjectLabels(routes: RouteTable): void {
  const base = "/projects/:id/labels";
  const render = (ctx: RequestContext, p: ProjectRec) => (l: LabelRec) =>
    renderProjectLabel(ctx.store, p, l, ctx.user);
  routes.on("GET", base, (ctx) => {
    validate(ctx.params).pagination().check();
    const p = findProject(ctx);
    const rows = searched(
      ctx,
      projectLabels(ctx.store, p, bool(ctx.params, "include_ancestor_groups") ?? true),
    );
    rows.sort(byName);
    const withCounts = bool(ctx.params, "with_counts") ?? false;
    return paginateArray(ctx, rows, (l) => renderProjectLabel(ctx.store, p, l, ctx.user, withCounts));
  });
  routes.on("POST", base, (ctx) => {
    requireAuth(ctx);
    const d = newLabelParams(ctx);
    const p = findProject(ctx);
    requireProjectLabelAdmin(ctx, p);
    // GitLab looks the name up among the labels available in the project, its groups' included
    if (labelInProject(ctx.store, p, d.name)) throw new HttpError(409, { message: "Label already exists" });
    const l = createLabel(ctx.store, { project: p }, {
      ...d,
      description: str(ctx.params, "description") ?? null,
      priority: int(ctx.params, "priority") ?? null,
    });
    return jsonResponse(ctx.requestId, 201, render(ctx, p)(l));
  });
  routes.on("GET", `${base}/:label_id`, (ctx) => {
    const p = findProject(ctx);
    const l = pick(ctx, projectLabels(ctx.store, p, bool(ctx.params, "include_ancestor_groups") ?? true));
    return jsonResponse(ctx.requestId, 200, render(ctx, p)(l));
  });
  const edit = (ctx: RequestContext, key?: string) => {
    requireAuth(ctx);
    const p = findProject(ctx);
    requireProjectLabelAdmin(ctx, p);
    const own = projectLabels(ctx.store, p, false);
    const l = pick(ctx, own, key);
    applyEdit(ctx, l, own);
    return jsonResponse(ctx.requestId, 200, render(ctx, p)(l));
  };
  const del = (ctx: RequestContext, key?: string) => {
    requireAuth(ctx);
    const p = findProject(ctx);
    requireProjectLabelAdmin(ctx, p);
    removeLabel(ctx.store, pick(ctx, projectLabels(ctx.store, p, false), key));
    return noContent(ctx.requestId);
  };
  routes.on("PUT", `${base}/:label_id`, (ctx) => edit(ctx));
  routes.on("DELETE", `${base}/:label_id`, (ctx) => del(ctx));
  // the deprecated forms naming the label with `label_id` or `name`
  const named = (ctx: RequestContext) => {
    const key = str(ctx.params, "label_id") ?? str(ctx.params, "name");
    if (key === undefined) {
      throw badRequest("label_id, name are missing, exactly one parameter must be provided");
    }
    return key;
  };
  routes.on("PUT", base, (ctx) => edit(ctx, named(ctx)));
  routes.on("DELETE", base, (ctx) => del(ctx, named(ctx)));
  for (const [verb, on] of [["subscribe", true], ["unsubscribe", false]] as const) {
    routes.on("POST", `${base}/:label_id/${verb}`, (ctx) => {
      requireAuth(ctx);
      const p = findProject(ctx);
      const l = pick(ctx, projectLabels(ctx.store, p, true));
      return subscription(ctx, l, on, render(ctx, p));
    });
  }
  routes.on("PUT", `${base}/:label_id/promote`, (ctx) => {
    requireAuth(ctx);
    const p = findProject(ctx);
    requireProjectLabelAdmin(ctx, p);
    const l = pick(ctx, projectLabels(ctx.store, p, false));
    if (p.ns.kind !== "group") {
      throw badRequest("Failed to promote label due to internal error. Please contact administrators.");
    }
    const g = p.ns.group;
    if (!ctx.user!.admin && groupAccess(ctx.user!, g) < ACCESS.reporter) throw forbidden();
    const existing = groupLabels(ctx.store, g, false).find((x) => x.name === l.name);
    const all = labelState(ctx.store);
    all.splice(all.indexOf(l), 1);
    let target = existing;
    if (!target) {
      target = createLabel(ctx.store, { group: g }, l);
      target.subscribers = l.subscribers;
    }
    ctx.store.bump();
    return jsonResponse(ctx.requestId, 200, renderLabel(ctx.store, target, ctx.user) as GroupLabel);
  });
}

/** Registers `GET`/`POST`/`PUT`/`DELETE /groups/:id/labels…`. */
function registerGroupLabels(routes: RouteTable): void {
  const base = "/groups/:id/labels";
  const visible = (ctx: RequestContext, g: GroupRec): LabelRec[] => {
    let rows = groupLabels(ctx.store, g, bool(ctx.params, "include_ancestor_groups") ?? true);
    if (bool(ctx.params, "include_descendant_groups")) {
      const below = ctx.store.groups.filter((d) => isDescendant(d, g)).map((d) => d.id);
      rows = [
        ...rows,
        ...labelState(ctx.store).filter((l) => l.groupId !== null && below.includes(l.groupId)),
      ];
    }
    return rows;
  };
  routes.on("GET", base, (ctx) => {
    validate(ctx.params).pagination().check();
    const g = findGroup(ctx);
    const rows = searched(ctx, visible(ctx, g));
    rows.sort(byName);
    const withCounts = bool(ctx.params, "with_counts") ?? false;
    return paginateArray(ctx, rows, (l) => renderLabel(ctx.store, l, ctx.user, withCounts));
  });
  routes.on("POST", base, (ctx) => {
    requireAuth(ctx);
    const d = newLabelParams(ctx);
    const g = findGroup(ctx);
    requireGroupLabelAdmin(ctx, g);
    if (groupLabels(ctx.store, g, true).some((x) => x.name === d.name)) {
      throw new HttpError(409, { message: "Label already exists" });
    }
    const l = createLabel(ctx.store, { group: g }, {
      ...d,
      description: str(ctx.params, "description") ?? null,
    });
    return jsonResponse(ctx.requestId, 201, renderLabel(ctx.store, l, ctx.user));
  });
  routes.on("GET", `${base}/:label_id`, (ctx) => {
    const g = findGroup(ctx);
    return jsonResponse(ctx.requestId, 200, renderLabel(ctx.store, pick(ctx, visible(ctx, g)), ctx.user));
  });
  const edit = (ctx: RequestContext, key?: string) => {
    requireAuth(ctx);
    const g = findGroup(ctx);
    requireGroupLabelAdmin(ctx, g);
    const own = groupLabels(ctx.store, g, false);
    const l = pick(ctx, own, key);
    applyEdit(ctx, l, own);
    return jsonResponse(ctx.requestId, 200, renderLabel(ctx.store, l, ctx.user));
  };
  const del = (ctx: RequestContext, key?: string) => {
    requireAuth(ctx);
    const g = findGroup(ctx);
    requireGroupLabelAdmin(ctx, g);
    removeLabel(ctx.store, pick(ctx, groupLabels(ctx.store, g, false), key));
    return noContent(ctx.requestId);
  };
  routes.on("PUT", `${base}/:label_id`, (ctx) => edit(ctx));
  routes.on("DELETE", `${base}/:label_id`, (ctx) => del(ctx));
  const named = (ctx: RequestContext) => {
    const key = str(ctx.params, "label_id") ?? str(ctx.params, "name");
    if (key === undefined) {
      throw badRequest("label_id, name are missing, exactly one parameter must be provided");
    }
    return key;
  };
  routes.on("PUT", base, (ctx) => edit(ctx, named(ctx)));
  routes.on("DELETE", base, (ctx) => del(ctx, named(ctx)));
  for (const [verb, on] of [["subscribe", true], ["unsubscribe", false]] as const) {
    routes.on("POST", `${base}/:label_id/${verb}`, (ctx) => {
      requireAuth(ctx);
      const g = findGroup(ctx);
      return subscription(ctx, pick(ctx, visible(ctx, g)), on, (l) => renderLabel(ctx.store, l, ctx.user));
    });
  }
}

/** @internal registers the project and group label routes. */
export function registerLabelRoutes(routes: RouteTable): void {
  registerProjectLabels(routes);
  registerGroupLabels(routes);
}

/** @internal the demo labels: group labels on `acme`, project labels on `acme/web`. */
export function seedLabels(store: Store): void {
  const acme = store.groupByIdOrPath("acme");
  const web = store.projectByIdOrPath("acme/web");
  if (acme) {
    const group: [string, string, string][] = [
      ["bug", "#D9534F", "Something is broken"],
      ["feature", "#428BCA", "New functionality"],
      ["security", "#8E44AD", "Security-relevant change"],
      ["documentation", "#F0AD4E", "Docs and guides"],
      ["maintenance", "#6C757D", "Upgrades and housekeeping"],
    ];
    for (const [name, color, description] of group) {
      createLabel(store, { group: acme }, { name, color, description });
    }
  }
  if (web) {
    const project: [string, string, string, number | null][] = [
      ["frontend", "#5CB85C", "UI and browser code", 1],
      ["performance", "#FFA500", "Speed and Core Web Vitals", 2],
      ["good first issue", "#7F8C8D", "Small, well-scoped tasks", null],
    ];
    for (const [name, color, description, priority] of project) {
      createLabel(store, { project: web }, { name, color, description, priority });
    }
  }
}
