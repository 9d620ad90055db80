/**
 * Issues: the project, group and global lists with GitLab's filters, create, get, edit (`state_event`
 * close/reopen with its system note), delete, move, subscribe/unsubscribe, time tracking, the issue
 * renderer and the records behind the `addIssue` builder.
 *
 * @module
 */

import { ACCESS, canReadProject, isDescendant, projectAccess, requireAuth } from "../access.ts";
import type { RenderContext, RequestContext } from "../context.ts";
import { bool, int, list, obj, type Params, str } from "../params.ts";
import { keysetUnavailable, paginateArray, wantsKeyset } from "../pagination.ts";
import type { GroupRec, IssueRec, ProjectRec, UserRec } from "../records.ts";
import { badRequest, forbidden, HttpError, jsonResponse, notFound } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import { editedLabels, inDateRange, normalizeLabels, sortIssuables } from "../sorting.ts";
import type { Store } from "../store.ts";
import type { TimeStats, UserBasic } from "../../types/common.ts";
import type { Issue } from "../../types/issues.ts";
import { integerPathParam, validate } from "../validation.ts";
import { findGroup } from "./groups.ts";
import { milestoneById, milestonesForProject, renderMilestone } from "./milestones.ts";
import { addSystemNote, type NoteTarget, userNotesCount } from "./notes.ts";
import { findProject } from "./projects.ts";
import { renderUserBasicById } from "./users.ts";
import { emitIssueEvent, snapshotIssue } from "../webhook_delivery.ts";

/** @internal seconds in GitLab's time units (a day is 8 hours, a week 5 days, a month 4 weeks). */
const TIME_UNITS: Record<string, number> = { mo: 576_000, w: 144_000, d: 28_800, h: 3600, m: 60, s: 1 };

/** @internal a duration such as `3h30m` or `1w 2d` in seconds, or null when it does not parse. */
export function parseDuration(raw: string): number | null {
  const s = raw.trim().toLowerCase();
  if (/^\d+$/.test(s)) return Number(s) * 3600;
  const re = /(\d+)\s*(mo|w|d|h|m|s)/g;
  let total = 0;
  let consumed = "";
  let m: RegExpExecArray | null;
  let guard = 0;
  while ((m = re.exec(s)) !== null && guard++ < 16) {
    total += Number(m[1]) * TIME_UNITS[m[2]];
    consumed += m[0];
  }
  return consumed.replace(/\s/g, "") === s.replace(/\s/g, "").replace(/^-/, "") && consumed !== ""
    ? (s.startsWith("-") ? -total : total)
    : null;
}

/** @internal seconds as GitLab's human duration (`1d 2h 30m`), or null for zero. */
export function humanDuration(seconds: number): string | null {
  if (!seconds) return null;
  let rest = Math.abs(seconds);
  const parts: string[] = [];
  for (const [unit, size] of Object.entries(TIME_UNITS)) {
    if (unit === "s" && parts.length) break;
    const n = Math.floor(rest / size);
    if (n) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return (seconds < 0 ? "-" : "") + parts.join(" ");
}

/** @internal the `time_stats` of an issue or merge request. */
export function renderTimeStats(r: { timeEstimate?: number; timeSpent?: number }): TimeStats {
  return {
    time_estimate: r.timeEstimate ?? 0,
    total_time_spent: r.timeSpent ?? 0,
    human_time_estimate: humanDuration(r.timeEstimate ?? 0),
    human_total_time_spent: humanDuration(r.timeSpent ?? 0),
  };
}

/** @internal whether `viewer` is subscribed to an issue or merge request (participants unless they opted out). */
export function isSubscribed(
  viewer: UserRec | null,
  r: { authorId: number; subscriptions?: Map<number, boolean> },
  participants: number[],
): boolean {
  if (!viewer) return false;
  const explicit = r.subscriptions?.get(viewer.id);
  if (explicit !== undefined) return explicit;
  return viewer.id === r.authorId || participants.includes(viewer.id);
}

/** @internal the note target of an issue. */
export function issueTarget(p: ProjectRec, i: IssueRec): NoteTarget {
  return { type: "Issue", id: i.id, iid: i.iid, p, authorId: i.authorId };
}

/**
 * @internal an issue as the issue routes return it (GitLab's `Issue` entity). `subscribedOf` names the
 * viewer whose `subscribed` flag single-issue answers carry (lists and builders leave it out).
 */
export function renderIssue(
  view: RenderContext,
  p: ProjectRec,
  i: IssueRec,
  subscribedOf?: { viewer: UserRec | null },
): Issue {
  const api = `${view.webUrl}/api/v4/projects/${p.id}`;
  const assignees = i.assigneeIds.map((id) => renderUserBasicById(view, id)).filter((
    u,
  ): u is UserBasic => !!u);
  const out: Issue = {
    id: i.id,
    iid: i.iid,
    project_id: p.id,
    title: i.title,
    description: i.description,
    state: i.state,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    closed_at: i.closedAt,
    closed_by: renderUserBasicById(view, i.closedById),
    labels: i.labels,
    milestone: (() => {
      const m = milestoneById(view.store, i.milestoneId);
      return m ? renderMilestone(view, m) : null;
    })(),
    assignees,
    author: renderUserBasicById(view, i.authorId) as UserBasic,
    type: "ISSUE",
    assignee: assignees[0] ?? null,
    user_notes_count: userNotesCount(view.store, { type: "Issue", id: i.id }),
    merge_requests_count: 0,
    upvotes: 0,
    downvotes: 0,
    due_date: i.dueDate ?? null,
    confidential: i.confidential ?? false,
    discussion_locked: i.discussionLocked ?? null,
    issue_type: "issue",
    web_url: `${view.webUrl}/${p.fullPath}/-/issues/${i.iid}`,
    time_stats: renderTimeStats(i),
    task_completion_status: { count: 0, completed_count: 0 },
    has_tasks: false,
    _links: {
      self: `${api}/issues/${i.iid}`,
      notes: `${api}/issues/${i.iid}/notes`,
      award_emoji: `${api}/issues/${i.iid}/award_emoji`,
      project: api,
      closed_as_duplicate_of: null,
    },
    references: { short: `#${i.iid}`, relative: `#${i.iid}`, full: `${p.fullPath}#${i.iid}` },
    severity: "UNKNOWN",
    moved_to_id: i.movedToId ?? null,
    imported: false,
    imported_from: "none",
    service_desk_reply_to: null,
  };
  if (subscribedOf) {
    // GitLab subscribes the author and the assignees (participants) unless they unsubscribe
    out.subscribed = isSubscribed(subscribedOf.viewer, i, i.assigneeIds);
  }
  return out;
}

/** @internal fields of a new issue. */
export interface NewIssue {
  /** Title. */
  title: string;
  /** Description. */
  description: string | null;
  /** Labels. */
  labels: string[];
  /** Assignees' user ids. */
  assigneeIds: number[];
  /** Milestone id. */
  milestoneId?: number | null;
  /** Confidential. */
  confidential?: boolean;
  /** Due date. */
  dueDate?: string | null;
}

/** @internal opens a new issue in `p` with the next iid. */
export function createIssue(store: Store, p: ProjectRec, author: UserRec, d: NewIssue): IssueRec {
  const at = store.iso();
  const last = p.issues[p.issues.length - 1];
  const rec: IssueRec = {
    id: store.nextId.issue++,
    iid: last ? last.iid + 1 : 1,
    title: d.title,
    description: d.description,
    state: "opened",
    createdAt: at,
    updatedAt: at,
    closedAt: null,
    closedById: null,
    labels: normalizeLabels(d.labels),
    authorId: author.id,
    assigneeIds: d.assigneeIds,
    milestoneId: d.milestoneId ?? null,
    confidential: d.confidential ?? false,
    dueDate: d.dueDate ?? null,
  };
  p.issues.push(rec);
  p.openIssues++;
  p.lastActivityAt = at;
  store.bump();
  return rec;
}

/** @internal closes or reopens an issue, keeping the project's open issue count, with GitLab's system note. */
export function setIssueState(
  store: Store,
  p: ProjectRec,
  rec: IssueRec,
  state: "opened" | "closed",
  by: UserRec,
): void {
  if (rec.state === state) return;
  const at = store.iso();
  rec.state = state;
  rec.updatedAt = at;
  if (state === "closed") {
    rec.closedAt = at;
    rec.closedById = by.id;
    p.openIssues--;
  } else {
    rec.closedAt = null;
    rec.closedById = null;
    p.openIssues++;
  }
  p.lastActivityAt = at;
  addSystemNote(store, issueTarget(p, rec), by, state === "closed" ? "closed" : "reopened");
  store.bump();
}

/** @internal the issue with iid `iid` in `p`, or a 404. */
export function findIssue(p: ProjectRec, iid: number): IssueRec {
  // issues are iid-ordered
  let lo = 0;
  let hi = p.issues.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = p.issues[mid].iid;
    if (v === iid) return p.issues[mid];
    if (v < iid) lo = mid + 1;
    else hi = mid - 1;
  }
  throw notFound("Issue");
}

/**
 * @internal whether `user` may see issue `i` of a project they can read: confidential issues only to
 * reporters and above, their author and their assignees.
 */
export function canReadIssue(user: UserRec | null, p: ProjectRec, i: IssueRec): boolean {
  if (!i.confidential) return true;
  if (!user) return false;
  return projectAccess(user, p) >= ACCESS.reporter || i.authorId === user.id ||
    i.assigneeIds.includes(user.id);
}

/** @internal the issue `iid` of `p` as the request's user may see it, or GitLab's 404. */
export function findReadableIssue(ctx: RequestContext, p: ProjectRec, iid: number): IssueRec {
  const i = findIssue(p, iid);
  if (!canReadIssue(ctx.user, p, i)) throw notFound("Issue");
  return i;
}

/** The issue named by the request path (`:id`, `:issue_iid`) that the user may see. */
function pathIssue(ctx: RequestContext): { p: ProjectRec; issue: IssueRec } {
  const iid = integerPathParam(ctx.pathParams, "issue_iid");
  const p = findProject(ctx);
  return { p, issue: findReadableIssue(ctx, p, iid) };
}

/** @internal whether labels satisfy a `labels` filter (`None`, `Any`, or all of the given ones). */
export function labelsMatch(filter: string[], labels: string[]): boolean {
  const lv = filter.map((l) => l.toLowerCase());
  if (lv.length === 1 && lv[0] === "none") return labels.length === 0;
  if (lv.length === 1 && lv[0] === "any") return labels.length > 0;
  return lv.every((l) => labels.some((x) => x.toLowerCase() === l));
}

/**
 * @internal whether an issue or merge request matches a milestone filter: a title, or `None`, `Any`,
 * `Upcoming` (due in the future, the soonest) or `Started` (start date passed, not closed).
 */
export function milestoneMatches(
  store: Store,
  filter: string,
  milestoneId: number | null | undefined,
): boolean {
  const f = filter.toLowerCase();
  const m = milestoneById(store, milestoneId);
  if (f === "none") return !m;
  if (f === "any") return !!m;
  const today = store.iso().slice(0, 10);
  if (f === "upcoming") return !!m && m.state === "active" && !!m.dueDate && m.dueDate > today;
  if (f === "started") return !!m && m.state === "active" && !!m.startDate && m.startDate <= today;
  return !!m && m.title === filter;
}

/** @internal values of `order_by` the issue lists accept. */
const ISSUE_ORDER = [
  "created_at",
  "due_date",
  "label_priority",
  "milestone_due",
  "popularity",
  "priority",
  "relative_position",
  "title",
  "updated_at",
  "weight",
];

/** Validates the issue list parameters (before the project or group lookup, as Grape does). */
function validateIssueList(ctx: RequestContext): void {
  if (wantsKeyset(ctx.params)) throw keysetUnavailable();
  validate(ctx.params).pagination().oneOf("state", ["opened", "closed", "all"])
    .oneOf("sort", ["asc", "desc"]).oneOf("order_by", ISSUE_ORDER)
    .oneOf("scope", ["created-by-me", "assigned-to-me", "created_by_me", "assigned_to_me", "all"])
    .integer("author_id").integer("iids").check();
}

/** The filters of the issue lists (project, group, global) over `rows`. */
function filterIssues(
  ctx: RequestContext,
  rows: { p: ProjectRec; i: IssueRec }[],
  defaultScope: string,
): { p: ProjectRec; i: IssueRec }[] {
  const store = ctx.store;
  const q = ctx.params;
  const state = str(q, "state") ?? "all";
  const labels = list(q, "labels");
  const not = obj(q, "not") ?? {};
  const notLabels = list(not, "labels") ?? list(q, "not[labels]");
  const notAuthor = str(not, "author_username");
  const notMilestone = str(not, "milestone");
  const iids = list(q, "iids")?.map(Number);
  const search = str(q, "search")?.toLowerCase();
  const inFields = (str(q, "in") ?? "title,description").split(",").map((s) => s.trim());
  const authorUsername = str(q, "author_username")?.toLowerCase();
  const authorId = int(q, "author_id");
  const assigneeUsername = list(q, "assignee_username")?.map((s) => s.toLowerCase());
  const assigneeId = str(q, "assignee_id");
  const milestone = str(q, "milestone") ?? str(q, "milestone_id");
  const confidential = bool(q, "confidential");
  const issueType = str(q, "issue_type");
  const inDates = inDateRange(q);
  const scope = (str(q, "scope") ?? defaultScope).replace(/-/g, "_");
  const me = ctx.user;
  const lower = (id: number) => store.usersById.get(id)?.username.toLowerCase();
  return rows.filter(({ p, i }) => {
    if (!canReadIssue(me, p, i)) return false;
    if (scope === "created_by_me" && (!me || i.authorId !== me.id)) return false;
    if (scope === "assigned_to_me" && (!me || !i.assigneeIds.includes(me.id))) return false;
    if (state !== "all" && i.state !== state) return false;
    if (labels && labels.length && !labelsMatch(labels, i.labels)) return false;
    if (notLabels && notLabels.some((l) => i.labels.some((x) => x.toLowerCase() === l.toLowerCase()))) {
      return false;
    }
    if (notAuthor && lower(i.authorId) === notAuthor.toLowerCase()) return false;
    if (notMilestone && milestoneMatches(store, notMilestone, i.milestoneId)) return false;
    if (iids && iids.length && !iids.includes(i.iid)) return false;
    if (search) {
      const hay = `${inFields.includes("title") ? i.title : ""} ${
        inFields.includes("description") ? i.description ?? "" : ""
      }`;
      if (!hay.toLowerCase().includes(search)) return false;
    }
    if (authorUsername && lower(i.authorId) !== authorUsername) return false;
    if (authorId !== undefined && i.authorId !== authorId) return false;
    if (assigneeUsername && !assigneeUsername.every((a) => i.assigneeIds.some((id) => lower(id) === a))) {
      return false;
    }
    if (assigneeId !== undefined) {
      const a = assigneeId.toLowerCase();
      if (a === "none" && i.assigneeIds.length) return false;
      if (a === "any" && !i.assigneeIds.length) return false;
      if (/^\d+$/.test(a) && !i.assigneeIds.includes(Number(a))) return false;
    }
    if (milestone !== undefined && !milestoneMatches(store, milestone, i.milestoneId)) return false;
    if (confidential !== undefined && (i.confidential ?? false) !== confidential) return false;
    if (issueType !== undefined && issueType !== "issue") return false;
    return inDates(i);
  });
}

/** Sorts and renders a list of issues from several projects. */
function issuePage(ctx: RequestContext, rows: { p: ProjectRec; i: IssueRec }[]): Response {
  const keyed = rows.map((r) => ({
    ...r,
    id: r.i.id,
    createdAt: r.i.createdAt,
    updatedAt: r.i.updatedAt,
    title: r.i.title,
    dueDate: r.i.dueDate ?? null,
  }));
  sortIssuables(keyed, ctx.params);
  return paginateArray(ctx, keyed, ({ p, i }) => renderIssue(ctx, p, i));
}

/** `GET /projects/:id/issues`. */
function listIssues(ctx: RequestContext): Response {
  validateIssueList(ctx);
  const p = findProject(ctx);
  const rows = filterIssues(ctx, p.issues.map((i) => ({ p, i })), "all");
  return issuePage(ctx, rows);
}

/** The projects under group `g` (and its subgroups) that the user can read. */
function readableGroupProjects(ctx: RequestContext, g: GroupRec): ProjectRec[] {
  return ctx.store.projects.filter((p) =>
    p.ns.kind === "group" && (p.ns.group === g || isDescendant(p.ns.group, g)) && canReadProject(ctx.user, p)
  );
}

/** `GET /groups/:id/issues`. */
function listGroupIssues(ctx: RequestContext): Response {
  validateIssueList(ctx);
  const g = findGroup(ctx);
  const rows = readableGroupProjects(ctx, g).flatMap((p) => p.issues.map((i) => ({ p, i })));
  return issuePage(ctx, filterIssues(ctx, rows, "all"));
}

/** `GET /issues`: the user's issues (`scope` defaults to `created_by_me`; anonymous callers need `scope=all`). */
function listAllIssues(ctx: RequestContext): Response {
  if (str(ctx.params, "scope") !== "all") requireAuth(ctx);
  validateIssueList(ctx);
  const rows = ctx.store.projects.filter((p) => canReadProject(ctx.user, p))
    .flatMap((p) => p.issues.map((i) => ({ p, i })));
  return issuePage(ctx, filterIssues(ctx, rows, "created_by_me"));
}

/** @internal ids of existing users among `<key>s` (or `<key>`); undefined when neither is given. */
export function userIdsParam(ctx: RequestContext, key = "assignee_id"): number[] | undefined {
  const ids = list(ctx.params, `${key}s`) ?? list(ctx.params, key);
  if (ids === undefined && (ctx.params[`${key}s`] === null || ctx.params[`${key}s`] === "")) return [];
  return ids?.map(Number).filter((id) => ctx.store.usersById.has(id));
}

/** @internal the `milestone_id` param as a milestone of `p`: undefined when absent, null to unset; 404 when unknown. */
export function milestoneParam(ctx: RequestContext, p: ProjectRec): number | null | undefined {
  const raw = ctx.params.milestone_id;
  if (raw === undefined) return undefined;
  const id = int(ctx.params, "milestone_id");
  if (raw === null || raw === "" || id === 0 || id === undefined) return null;
  if (!milestonesForProject(ctx.store, p).some((m) => m.id === id)) throw notFound("Milestone");
  return id;
}

/** A `due_date` param: undefined when absent, null to unset, else `YYYY-MM-DD`; 400 when not a date. */
function dueDateParam(q: Params): string | null | undefined {
  const v = str(q, "due_date");
  if (v === undefined) return q.due_date === null ? null : undefined;
  if (v === "") return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) throw badRequest("due_date is invalid");
  return v;
}

/** `POST /projects/:id/issues`. */
function postIssue(ctx: RequestContext): Response {
  const user = requireAuth(ctx);
  validate(ctx.params).required("title").integer("milestone_id").check();
  const p = findProject(ctx);
  const title = str(ctx.params, "title") ?? "";
  if (p.archived) throw forbidden();
  // `requires :title` only asks for the key: a blank title fails the model's validation
  if (title.trim() === "") throw new HttpError(400, { message: { title: ["can't be blank"] } });
  // guests may open issues, but only reporters set milestones, labels and assignees
  const planner = projectAccess(user, p) >= ACCESS.reporter;
  const milestoneId = planner ? milestoneParam(ctx, p) : undefined;
  const rec = createIssue(ctx.store, p, user, {
    title,
    description: str(ctx.params, "description") ?? null,
    labels: planner ? list(ctx.params, "labels") ?? [] : [],
    assigneeIds: planner ? userIdsParam(ctx) ?? [] : [],
    milestoneId: milestoneId ?? null,
    confidential: bool(ctx.params, "confidential") ?? false,
    dueDate: planner ? dueDateParam(ctx.params) ?? null : null,
  });
  emitIssueEvent(ctx, p, rec, user, "open");
  return jsonResponse(ctx.requestId, 201, renderIssue(ctx, p, rec, { viewer: user }));
}

/** Parameters of `PUT /projects/:id/issues/:issue_iid` of which at least one must be given. */
const UPDATE_KEYS = [
  "title",
  "description",
  "labels",
  "add_labels",
  "remove_labels",
  "state_event",
  "assignee_ids",
  "assignee_id",
  "milestone_id",
  "confidential",
  "due_date",
  "discussion_locked",
  "issue_type",
  "created_at",
];

/** @internal `@user` mentions of user ids, for system notes. */
export function mentions(store: Store, ids: number[]): string {
  return ids.map((id) => `@${store.usersById.get(id)?.username}`).join(", ");
}

/** `PUT /projects/:id/issues/:issue_iid`. */
function updateIssue(ctx: RequestContext): Response {
  const store = ctx.store;
  const user = requireAuth(ctx);
  const { p, issue } = pathIssue(ctx);
  if (issue.authorId !== user.id && projectAccess(user, p) < ACCESS.reporter) throw forbidden();
  const q = ctx.params;
  validate(q).oneOf("state_event", ["close", "reopen"]).integer("milestone_id").check();
  if (!UPDATE_KEYS.some((k) => q[k] !== undefined)) {
    throw new HttpError(400, {
      error:
        "assignee_id, assignee_ids, confidential, created_at, description, discussion_locked, due_date, labels, " +
        "add_labels, remove_labels, milestone_id, state_event, title, issue_type are missing, " +
        "at least one parameter must be provided",
    });
  }
  const target = issueTarget(p, issue);
  const before = snapshotIssue(ctx, p, issue);
  const title = str(q, "title");
  if (title !== undefined) {
    if (title.trim() === "") throw new HttpError(400, { message: { title: ["can't be blank"] } });
    if (title !== issue.title) {
      addSystemNote(store, target, user, `changed title from **${issue.title}** to **${title}**`);
    }
    issue.title = title;
  }
  const description = str(q, "description");
  if (description !== undefined && description !== (issue.description ?? "")) {
    issue.description = description;
    addSystemNote(store, target, user, "changed the description");
  }
  issue.labels = editedLabels(issue.labels, q);
  const assignees = userIdsParam(ctx);
  if (assignees) {
    const added = assignees.filter((id) => !issue.assigneeIds.includes(id));
    const removed = issue.assigneeIds.filter((id) => !assignees.includes(id));
    const parts = [];
    if (added.length) parts.push(`assigned to ${mentions(store, added)}`);
    if (removed.length) parts.push(`unassigned ${mentions(store, removed)}`);
    if (parts.length) addSystemNote(store, target, user, parts.join(" and "));
    issue.assigneeIds = assignees;
  }
  const milestoneId = milestoneParam(ctx, p);
  if (milestoneId !== undefined) issue.milestoneId = milestoneId;
  const confidential = bool(q, "confidential");
  if (confidential !== undefined && confidential !== (issue.confidential ?? false)) {
    issue.confidential = confidential;
    addSystemNote(
      store,
      target,
      user,
      confidential ? "made the issue confidential" : "made the issue visible to everyone",
    );
  }
  const due = dueDateParam(q);
  if (due !== undefined) issue.dueDate = due;
  const locked = bool(q, "discussion_locked");
  if (locked !== undefined) issue.discussionLocked = locked;
  const event = str(q, "state_event");
  if (event === "close") setIssueState(store, p, issue, "closed", user);
  else if (event === "reopen") setIssueState(store, p, issue, "opened", user);
  issue.updatedAt = store.iso();
  p.lastActivityAt = issue.updatedAt;
  store.bump();
  const action = before.attrs.state === issue.state
    ? "update"
    : issue.state === "closed"
    ? "close"
    : "reopen";
  emitIssueEvent(ctx, p, issue, user, action, before);
  return jsonResponse(ctx.requestId, 200, renderIssue(ctx, p, issue, { viewer: user }));
}

/** `DELETE /projects/:id/issues/:issue_iid`: project owners and administrators only. */
function deleteIssue(ctx: RequestContext): Response {
  const user = requireAuth(ctx);
  const { p, issue } = pathIssue(ctx);
  if (projectAccess(user, p) < ACCESS.owner) throw forbidden();
  p.issues.splice(p.issues.indexOf(issue), 1);
  if (issue.state === "opened") p.openIssues--;
  ctx.store.bump();
  return new Response(null, { status: 204, headers: { "x-request-id": ctx.requestId } });
}

/** @internal subscribes or unsubscribes the user: 201 with the record, 304 when nothing changes. */
export function setSubscription(
  ctx: RequestContext,
  r: { authorId: number; subscriptions?: Map<number, boolean> },
  participants: number[],
  on: boolean,
  render: () => unknown,
): Response {
  const user = requireAuth(ctx);
  if (isSubscribed(user, r, participants) === on) {
    return new Response(null, { status: 304, headers: { "x-request-id": ctx.requestId } });
  }
  (r.subscriptions ??= new Map()).set(user.id, on);
  ctx.store.bump();
  return jsonResponse(ctx.requestId, 201, render());
}

/**
 * @internal registers GitLab's time tracking routes (`time_estimate`, `reset_time_estimate`,
 * `add_spent_time`, `reset_spent_time`, `time_stats`) under `base` for the record `find` returns; `find`
 * answers the 404 and, with `write`, the 401/403.
 */
export function registerTimeTracking(
  routes: RouteTable,
  base: string,
  find: (
    ctx: RequestContext,
    write: boolean,
  ) => { timeEstimate?: number; timeSpent?: number; updatedAt: string },
): void {
  const duration = (ctx: RequestContext): number => {
    validate(ctx.params).required("duration").check();
    const s = parseDuration(str(ctx.params, "duration") ?? "");
    if (s === null) throw badRequest("duration is invalid");
    return s;
  };
  const done = (
    ctx: RequestContext,
    r: { timeEstimate?: number; timeSpent?: number; updatedAt: string },
    status: number,
  ) => {
    r.updatedAt = ctx.store.iso();
    ctx.store.bump();
    return jsonResponse(ctx.requestId, status, renderTimeStats(r));
  };
  routes.on(
    "GET",
    `${base}/time_stats`,
    (ctx) => jsonResponse(ctx.requestId, 200, renderTimeStats(find(ctx, false))),
  );
  routes.on("POST", `${base}/time_estimate`, (ctx) => {
    const r = find(ctx, true);
    const s = duration(ctx);
    if (s < 0) {
      throw new HttpError(400, {
        message: { time_estimate: ["must have a valid format and be greater than or equal to zero."] },
      });
    }
    r.timeEstimate = s;
    return done(ctx, r, 200);
  });
  routes.on("POST", `${base}/reset_time_estimate`, (ctx) => {
    const r = find(ctx, true);
    r.timeEstimate = 0;
    return done(ctx, r, 200);
  });
  routes.on("POST", `${base}/add_spent_time`, (ctx) => {
    const r = find(ctx, true);
    const s = duration(ctx);
    if ((r.timeSpent ?? 0) + s < 0) {
      throw new HttpError(400, { message: { base: ["Time to subtract exceeds the total time spent"] } });
    }
    r.timeSpent = (r.timeSpent ?? 0) + s;
    return done(ctx, r, 201);
  });
  routes.on("POST", `${base}/reset_spent_time`, (ctx) => {
    const r = find(ctx, true);
    r.timeSpent = 0;
    return done(ctx, r, 200);
  });
}

/** `POST /projects/:id/issues/:issue_iid/move`: a copy in `to_project_id`, the original closed. */
function moveIssue(ctx: RequestContext): Response {
  const store = ctx.store;
  const user = requireAuth(ctx);
  validate(ctx.params).required("to_project_id").check();
  const { p, issue } = pathIssue(ctx);
  const to = store.projectByIdOrPath(str(ctx.params, "to_project_id") ?? "");
  if (!to || !canReadProject(user, to)) throw notFound("Project");
  if (to === p) {
    throw new HttpError(400, {
      message: "400 Bad request - Cannot move issue to project it originates from!",
    });
  }
  if (projectAccess(user, p) < ACCESS.reporter || projectAccess(user, to) < ACCESS.reporter) {
    throw new HttpError(400, {
      message: "400 Bad request - Cannot move issue due to insufficient permissions!",
    });
  }
  const moved = createIssue(store, to, store.usersById.get(issue.authorId) ?? user, {
    title: issue.title,
    description: issue.description,
    labels: issue.labels,
    assigneeIds: issue.assigneeIds,
    confidential: issue.confidential,
    dueDate: issue.dueDate,
    milestoneId: milestonesForProject(store, to).some((m) => m.id === issue.milestoneId)
      ? issue.milestoneId
      : null,
  });
  moved.timeEstimate = issue.timeEstimate;
  moved.timeSpent = issue.timeSpent;
  addSystemNote(store, issueTarget(to, moved), user, `moved from ${p.fullPath}#${issue.iid}`);
  addSystemNote(store, issueTarget(p, issue), user, `moved to ${to.fullPath}#${moved.iid}`);
  const before = snapshotIssue(ctx, p, issue);
  setIssueState(store, p, issue, "closed", user);
  issue.movedToId = moved.id;
  emitIssueEvent(ctx, to, moved, user, "open");
  emitIssueEvent(ctx, p, issue, user, before.attrs.state === "closed" ? "update" : "close", before);
  return jsonResponse(ctx.requestId, 201, renderIssue(ctx, to, moved, { viewer: user }));
}

/** The project and record of a global issue id. */
function issueById(store: Store, id: number): { p: ProjectRec; i: IssueRec } | null {
  for (const p of store.projects) {
    const i = p.issues.find((x) => x.id === id);
    if (i) return { p, i };
  }
  return null;
}

/** @internal registers the issue routes. */
export function registerIssueRoutes(routes: RouteTable): void {
  routes.on("GET", "/issues", listAllIssues);
  routes.on("GET", "/issues/:id", (ctx) => {
    const user = requireAuth(ctx);
    if (!user.admin) throw forbidden();
    const hit = issueById(ctx.store, integerPathParam(ctx.pathParams, "id"));
    if (!hit) throw notFound("Issue");
    return jsonResponse(ctx.requestId, 200, renderIssue(ctx, hit.p, hit.i, { viewer: user }));
  });
  routes.on("GET", "/groups/:id/issues", listGroupIssues);
  routes.on("GET", "/projects/:id/issues", listIssues);
  routes.on("POST", "/projects/:id/issues", postIssue);
  routes.on("GET", "/projects/:id/issues/:issue_iid", (ctx) => {
    const { p, issue } = pathIssue(ctx);
    return jsonResponse(ctx.requestId, 200, renderIssue(ctx, p, issue, { viewer: ctx.user }));
  });
  routes.on("PUT", "/projects/:id/issues/:issue_iid", updateIssue);
  routes.on("DELETE", "/projects/:id/issues/:issue_iid", deleteIssue);
  routes.on("POST", "/projects/:id/issues/:issue_iid/move", moveIssue);
  for (const [verb, on] of [["subscribe", true], ["unsubscribe", false]] as const) {
    routes.on("POST", `/projects/:id/issues/:issue_iid/${verb}`, (ctx) => {
      requireAuth(ctx);
      const { p, issue } = pathIssue(ctx);
      return setSubscription(
        ctx,
        issue,
        issue.assigneeIds,
        on,
        () => renderIssue(ctx, p, issue, { viewer: ctx.user }),
      );
    });
  }
  registerTimeTracking(routes, "/projects/:id/issues/:issue_iid", (ctx, write) => {
    if (write) requireAuth(ctx);
    const { p, issue } = pathIssue(ctx);
    if (write && projectAccess(ctx.user, p) < ACCESS.reporter) throw forbidden();
    return issue;
  });
}
