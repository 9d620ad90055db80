/**
 * Project issues: `GET`/`POST /projects/:id/issues`, `GET`/`PUT /projects/:id/issues/:issue_iid`, the
 * issue renderer and the records behind the `addIssue` builder.
 *
 * @module
 */

import { ACCESS, projectAccess, requireAuth } from "../access.ts";
import type { RenderContext, RequestContext } from "../context.ts";
import { int, list, obj, str } from "../params.ts";
import { paginateArray } from "../pagination.ts";
import type { IssueRec, ProjectRec, UserRec } from "../records.ts";
import { forbidden, HttpError, jsonResponse, notFound } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import { isoCompare, normalizeLabels, sortIssuables } from "../sorting.ts";
import type { Store } from "../store.ts";
import type { UserBasic } from "../../types/common.ts";
import type { Issue } from "../../types/issues.ts";
import { integerPathParam, validate } from "../validation.ts";
import { findProject } from "./projects.ts";
import { renderUserBasicById } from "./users.ts";

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
    milestone: null,
    assignees,
    author: renderUserBasicById(view, i.authorId) as UserBasic,
    type: "ISSUE",
    assignee: assignees[0] ?? null,
    user_notes_count: 0,
    merge_requests_count: 0,
    upvotes: 0,
    downvotes: 0,
    due_date: null,
    confidential: false,
    discussion_locked: null,
    issue_type: "issue",
    web_url: `${view.webUrl}/${p.fullPath}/-/issues/${i.iid}`,
    time_stats: {
      time_estimate: 0,
      total_time_spent: 0,
      human_time_estimate: null,
      human_total_time_spent: null,
    },
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
    moved_to_id: null,
    imported: false,
    imported_from: "none",
    service_desk_reply_to: null,
  };
  if (subscribedOf) {
    // GitLab subscribes the author and the assignees (participants) unless they unsubscribe
    const v = subscribedOf.viewer;
    out.subscribed = !!v && (v.id === i.authorId || i.assigneeIds.includes(v.id));
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
  };
  p.issues.push(rec);
  p.openIssues++;
  p.lastActivityAt = at;
  store.bump();
  return rec;
}

/** @internal closes or reopens an issue, keeping the project's open issue count. */
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
  store.bump();
}

/** The issue with iid `iid` in `p`, or a 404. */
function findIssue(p: ProjectRec, iid: number): IssueRec {
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

/** Whether an issue's labels satisfy a `labels` filter (`None`, `Any`, or all of the given ones). */
function labelsMatch(filter: string[], labels: string[]): boolean {
  const lv = filter.map((l) => l.toLowerCase());
  if (lv.length === 1 && lv[0] === "none") return labels.length === 0;
  if (lv.length === 1 && lv[0] === "any") return labels.length > 0;
  return lv.every((l) => labels.some((x) => x.toLowerCase() === l));
}

/** `GET /projects/:id/issues`. */
function listIssues(ctx: RequestContext): Response {
  const store = ctx.store;
  const q = ctx.params;
  validate(q).pagination().oneOf("state", ["opened", "closed", "all"])
    .oneOf("sort", ["asc", "desc"]).integer("author_id").integer("iids").check();
  const p = findProject(ctx);
  const state = str(q, "state") ?? "all";
  const labels = list(q, "labels");
  const not = obj(q, "not") ?? {};
  const notLabels = list(not, "labels") ?? list(q, "not[labels]");
  const notAuthor = str(not, "author_username");
  const iids = list(q, "iids")?.map(Number);
  const search = str(q, "search")?.toLowerCase();
  const inFields = (str(q, "in") ?? "title,description").split(",");
  const authorUsername = str(q, "author_username")?.toLowerCase();
  const authorId = int(q, "author_id");
  const assigneeUsername = list(q, "assignee_username")?.map((s) => s.toLowerCase());
  const assigneeId = str(q, "assignee_id");
  const createdAfter = str(q, "created_after");
  const createdBefore = str(q, "created_before");
  const updatedAfter = str(q, "updated_after");
  const updatedBefore = str(q, "updated_before");
  const lower = (id: number) => store.usersById.get(id)?.username.toLowerCase();
  const rows = p.issues.filter((i) => {
    if (state !== "all" && i.state !== state) return false;
    if (labels && labels.length && !labelsMatch(labels, i.labels)) return false;
    if (notLabels && notLabels.some((l) => i.labels.some((x) => x.toLowerCase() === l.toLowerCase()))) {
      return false;
    }
    if (notAuthor && lower(i.authorId) === notAuthor.toLowerCase()) return false;
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
    if (createdAfter && isoCompare(i.createdAt, createdAfter) < 0) return false;
    if (createdBefore && isoCompare(i.createdAt, createdBefore) > 0) return false;
    if (updatedAfter && isoCompare(i.updatedAt, updatedAfter) < 0) return false;
    if (updatedBefore && isoCompare(i.updatedAt, updatedBefore) > 0) return false;
    return true;
  });
  sortIssuables(rows, q);
  return paginateArray(ctx, rows, (i) => renderIssue(ctx, p, i));
}

/** Ids of existing users among `assignee_ids` (or `assignee_id`); undefined when neither is given. */
function assigneeIdsParam(ctx: RequestContext): number[] | undefined {
  const ids = list(ctx.params, "assignee_ids") ?? list(ctx.params, "assignee_id");
  return ids?.map(Number).filter((id) => ctx.store.usersById.has(id));
}

/** `POST /projects/:id/issues`. */
function postIssue(ctx: RequestContext): Response {
  const user = requireAuth(ctx);
  validate(ctx.params).required("title").check();
  const p = findProject(ctx);
  const title = str(ctx.params, "title") ?? "";
  if (p.archived) throw forbidden();
  // `requires :title` only asks for the key: a blank title fails the model's validation
  if (title.trim() === "") throw new HttpError(400, { message: { title: ["can't be blank"] } });
  const rec = createIssue(ctx.store, p, user, {
    title,
    description: str(ctx.params, "description") ?? null,
    labels: list(ctx.params, "labels") ?? [],
    assigneeIds: assigneeIdsParam(ctx) ?? [],
  });
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
];

/** `PUT /projects/:id/issues/:issue_iid`. */
function updateIssue(ctx: RequestContext): Response {
  const store = ctx.store;
  const user = requireAuth(ctx);
  const iid = integerPathParam(ctx.pathParams, "issue_iid");
  const p = findProject(ctx);
  const issue = findIssue(p, iid);
  if (issue.authorId !== user.id && projectAccess(user, p) < ACCESS.reporter) throw forbidden();
  const q = ctx.params;
  if (!UPDATE_KEYS.some((k) => q[k] !== undefined)) {
    throw new HttpError(400, {
      error:
        "assignee_id, assignee_ids, confidential, created_at, description, discussion_locked, due_date, labels, " +
        "add_labels, remove_labels, milestone_id, state_event, title, issue_type are missing, " +
        "at least one parameter must be provided",
    });
  }
  const title = str(q, "title");
  if (title !== undefined) {
    if (title.trim() === "") throw new HttpError(400, { message: { title: ["can't be blank"] } });
    issue.title = title;
  }
  const description = str(q, "description");
  if (description !== undefined) issue.description = description;
  if (q.labels !== undefined) issue.labels = normalizeLabels(list(q, "labels") ?? []);
  const add = list(q, "add_labels");
  if (add) issue.labels = normalizeLabels([...issue.labels, ...add]);
  const remove = list(q, "remove_labels");
  if (remove) {
    const r = new Set(remove.map((l) => l.toLowerCase()));
    issue.labels = issue.labels.filter((l) => !r.has(l.toLowerCase()));
  }
  const assignees = assigneeIdsParam(ctx);
  if (assignees) issue.assigneeIds = assignees;
  const event = str(q, "state_event");
  if (event === "close") setIssueState(store, p, issue, "closed", user);
  else if (event === "reopen") setIssueState(store, p, issue, "opened", user);
  issue.updatedAt = store.iso();
  p.lastActivityAt = issue.updatedAt;
  store.bump();
  return jsonResponse(ctx.requestId, 200, renderIssue(ctx, p, issue, { viewer: user }));
}

/** @internal registers the issue routes. */
export function registerIssueRoutes(routes: RouteTable): void {
  routes.on("GET", "/projects/:id/issues", listIssues);
  routes.on("POST", "/projects/:id/issues", postIssue);
  routes.on("GET", "/projects/:id/issues/:issue_iid", (ctx) => {
    const iid = integerPathParam(ctx.pathParams, "issue_iid");
    const p = findProject(ctx);
    return jsonResponse(ctx.requestId, 200, renderIssue(ctx, p, findIssue(p, iid), { viewer: ctx.user }));
  });
  routes.on("PUT", "/projects/:id/issues/:issue_iid", updateIssue);
}
