/**
 * Merge requests: the project, group and global lists with GitLab's filters, create (branch checks, 409
 * for a second open merge request of the same branches), get, edit (`state_event`), delete, merge (a merge
 * commit on the target branch; 401/405/406/409 as GitLab), rebase, changes/diffs, commits, participants,
 * reviewers, subscriptions and time tracking; the renderers and the `addMergeRequest` builder.
 *
 * @module
 */

import { ACCESS, canReadProject, isDescendant, projectAccess, requireAuth } from "../access.ts";
import type { RenderContext, RequestContext } from "../context.ts";
import { pseudoHex } from "../encoding.ts";
import { bool, int, list, obj, str } from "../params.ts";
import { keysetUnavailable, paginateArray, wantsKeyset } from "../pagination.ts";
import type {
  BranchRec,
  CommitRec,
  FileRec,
  GroupRec,
  IssueRec,
  MrRec,
  ProjectRec,
  UserRec,
} from "../records.ts";
import {
  canMergeToBranch,
  canPushToBranch,
  commitsBetween,
  createBranch,
  diffTrees,
  ensureRepo,
  type FileDiff,
  filesAt,
  mergeBase,
  newCommit,
  newSha,
  setBranchHead,
} from "../repository.ts";
import { badRequest, forbidden, HttpError, jsonResponse, notFound, unauthorized } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import { editedLabels, inDateRange, normalizeLabels, sortIssuables } from "../sorting.ts";
import type { Store } from "../store.ts";
import type { UserBasic } from "../../types/common.ts";
import type { Commit } from "../../types/commits.ts";
import type {
  Diff,
  DiffRefs,
  MergeRequest,
  MergeRequestChanges,
  MergeRequestDetail,
  MergeRequestReviewer,
} from "../../types/merge_requests.ts";
import type { AddMergeRequestInput } from "../types.ts";
import { integerPathParam, validate } from "../validation.ts";
import { renderCommit } from "./branches.ts";
import { findGroup } from "./groups.ts";
import {
  findIssue,
  isSubscribed,
  issueTarget,
  labelsMatch,
  mentions,
  milestoneMatches,
  milestoneParam,
  registerTimeTracking,
  renderTimeStats,
  setIssueState,
  setSubscription,
  userIdsParam,
} from "./issues.ts";
import { milestoneById, renderMilestone } from "./milestones.ts";
import { addNote, addSystemNote, notesOf, type NoteTarget, userNotesCount } from "./notes.ts";
import { findProject } from "./projects.ts";
import { defaultOwner, renderUserBasicById } from "./users.ts";
import {
  BLANK_SHA,
  emitIssueEvent,
  emitMergeRequestEvent,
  emitPushEvent,
  type IssueSnapshot,
  snapshotIssue,
  snapshotMergeRequest,
} from "../webhook_delivery.ts";

/** @internal the note target of a merge request. */
export function mrTarget(p: ProjectRec, m: MrRec): NoteTarget {
  return { type: "MergeRequest", id: m.id, iid: m.iid, p, authorId: m.authorId };
}

/** Users of `ids` that exist. */
function users(view: RenderContext, ids: number[] | undefined): UserBasic[] {
  return (ids ?? []).map((id) => renderUserBasicById(view, id)).filter((u): u is UserBasic => !!u);
}

/** Whether two file records hold the same bytes and mode. */
function sameFile(a: FileRec | undefined, b: FileRec | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.content.length !== b.content.length || !!a.executable !== !!b.executable) return false;
  for (let i = 0; i < a.content.length; i++) if (a.content[i] !== b.content[i]) return false;
  return true;
}

/** The source and target branches and their merge base, when both branches exist. */
function branchesOf(
  store: Store,
  p: ProjectRec,
  m: MrRec,
): { source: BranchRec; target: BranchRec; base: CommitRec | null } | null {
  const source = p.repo?.branches.get(m.source);
  const target = p.repo?.branches.get(m.target);
  if (!source || !target) return null;
  return { source, target, base: mergeBase(store, [source.commit, target.commit]) };
}

/** The paths the source changed since the merge base, with their new file (undefined: deleted). */
function sourceChanges(
  p: ProjectRec,
  b: { source: BranchRec; base: CommitRec | null },
): Map<string, FileRec | undefined> {
  const base = b.base ? filesAt(p, b.base) : new Map<string, FileRec>();
  const out = new Map<string, FileRec | undefined>();
  for (const [path, f] of b.source.files) if (!sameFile(base.get(path), f)) out.set(path, f);
  for (const path of base.keys()) if (!b.source.files.has(path)) out.set(path, undefined);
  return out;
}

/** @internal whether merging the source into the target conflicts: a path both changed differently since the base. */
export function hasConflicts(store: Store, p: ProjectRec, m: MrRec): boolean {
  if (m.state !== "opened") return false;
  const b = branchesOf(store, p, m);
  if (!b) return false;
  const base = b.base ? filesAt(p, b.base) : new Map<string, FileRec>();
  for (const [path, f] of sourceChanges(p, b)) {
    const t = b.target.files.get(path);
    if (!sameFile(base.get(path), t) && !sameFile(t, f)) return true;
  }
  return false;
}

/** @internal a merge request as the list routes return it (GitLab's `MergeRequestBasic` entity). */
export function renderMergeRequestBasic(view: RenderContext, p: ProjectRec, m: MrRec): MergeRequest {
  const author = renderUserBasicById(view, m.authorId) as UserBasic;
  const merged = renderUserBasicById(view, m.mergedById);
  const assignees = users(view, m.assigneeIds);
  const milestone = milestoneById(view.store, m.milestoneId);
  const conflicts = hasConflicts(view.store, p, m);
  const sourceExists = !!p.repo?.branches.has(m.source);
  return {
    id: m.id,
    iid: m.iid,
    project_id: p.id,
    title: m.title,
    description: m.description,
    state: m.state,
    created_at: m.createdAt,
    updated_at: m.updatedAt,
    merged_by: merged,
    merge_user: merged,
    merged_at: m.mergedAt,
    closed_by: renderUserBasicById(view, m.closedById),
    closed_at: m.closedAt,
    target_branch: m.target,
    source_branch: m.source,
    user_notes_count: userNotesCount(view.store, { type: "MergeRequest", id: m.id }),
    upvotes: 0,
    downvotes: 0,
    author,
    assignees,
    assignee: assignees[0] ?? null,
    reviewers: users(view, m.reviewerIds),
    source_project_id: p.id,
    target_project_id: p.id,
    labels: m.labels,
    draft: m.draft,
    imported: false,
    imported_from: "none",
    work_in_progress: m.draft,
    milestone: milestone ? renderMilestone(view, milestone) : null,
    merge_when_pipeline_succeeds: false,
    merge_status: m.state !== "opened" ? "unchecked" : conflicts ? "cannot_be_merged" : "can_be_merged",
    detailed_merge_status: m.state !== "opened"
      ? "not_open"
      : m.draft
      ? "draft_status"
      : conflicts
      ? "conflict"
      : !sourceExists
      ? "commits_status"
      : "mergeable",
    merge_after: null,
    sha: m.sha,
    merge_commit_sha: m.state === "merged" ? m.mergeCommitSha ?? pseudoHex(m.id * 104729, 40) : null,
    squash_commit_sha: m.squashCommitSha ?? null,
    discussion_locked: m.discussionLocked ?? null,
    should_remove_source_branch: m.state === "merged" ? m.removeSourceBranch ?? null : null,
    force_remove_source_branch: m.removeSourceBranch ?? true,
    prepared_at: m.createdAt,
    reference: `!${m.iid}`,
    references: { short: `!${m.iid}`, relative: `!${m.iid}`, full: `${p.fullPath}!${m.iid}` },
    web_url: `${view.webUrl}/${p.fullPath}/-/merge_requests/${m.iid}`,
    time_stats: renderTimeStats(m),
    squash: m.squash ?? false,
    squash_on_merge: m.squash ?? false,
    task_completion_status: { count: 0, completed_count: 0 },
    has_conflicts: conflicts,
    blocking_discussions_resolved: true,
  };
}

/** The diff SHAs of a merge request: the source head, the target head and their merge base. */
function diffRefs(store: Store, p: ProjectRec, m: MrRec): DiffRefs | null {
  const target = p.repo?.branches.get(m.target);
  if (!target) return null;
  const source = p.repo?.branches.get(m.source);
  const base = source ? mergeBase(store, [source.commit, target.commit]) : null;
  return {
    base_sha: base?.id ?? target.commit.id,
    head_sha: source?.commit.id ?? m.sha,
    start_sha: target.commit.id,
  };
}

/**
 * @internal a merge request as `GET /projects/:id/merge_requests/:merge_request_iid` returns it (GitLab's
 * `MergeRequest` entity), for `viewer` (`user.can_merge`, `subscribed`); builders render it for the author,
 * as creating it answers.
 */
export function renderMergeRequest(
  view: RenderContext,
  p: ProjectRec,
  m: MrRec,
  viewer?: UserRec | null,
): MergeRequestDetail {
  const who = viewer === undefined ? view.store.usersById.get(m.authorId) ?? null : viewer;
  const b = branchesOf(view.store, p, m);
  const earlierMerged = p.mrs.some((x) => x !== m && x.authorId === m.authorId && x.state === "merged");
  return {
    ...renderMergeRequestBasic(view, p, m),
    subscribed: isSubscribed(who, m, [...(m.assigneeIds ?? []), ...(m.reviewerIds ?? [])]),
    changes_count: b ? String(sourceChanges(p, b).size) : null,
    latest_build_started_at: null,
    latest_build_finished_at: null,
    first_deployed_to_production_at: null,
    pipeline: null,
    head_pipeline: null,
    diff_refs: diffRefs(view.store, p, m),
    merge_error: m.mergeError ?? null,
    first_contribution: !earlierMerged,
    user: {
      can_merge: !!who && who.state === "active" && canMergeToBranch(view.store, who, p, m.target),
    },
  };
}

/** @internal the open merge request of the same source and target branches, other than `except`. */
function openTwin(p: ProjectRec, source: string, target: string, except?: MrRec): MrRec | undefined {
  return p.mrs.find((x) =>
    x !== except && x.state === "opened" && x.source === source && x.target === target
  );
}

/** @internal creates a merge request (builder), creating its branches when missing. */
export function createMergeRequest(store: Store, p: ProjectRec, m: AddMergeRequestInput): MrRec {
  const author = m.author
    ? store.requireUser(m.author)
    : store.usersById.get(p.creatorId) ?? defaultOwner(store);
  const target = m.target_branch ?? p.defaultBranch;
  const repo = ensureRepo(store, p);
  if (!repo.branches.has(target)) createBranch(store, p, target);
  if (!repo.branches.has(m.source_branch)) createBranch(store, p, m.source_branch, target);
  return insertMergeRequest(store, p, author, {
    title: m.title,
    description: m.description ?? null,
    source: m.source_branch,
    target,
    labels: m.labels ?? [],
    state: m.state ?? "opened",
    draft: m.draft,
  });
}

/** The fields of a new merge request record. */
interface NewMr {
  title: string;
  description: string | null;
  source: string;
  target: string;
  labels: string[];
  state?: "opened" | "closed" | "merged";
  draft?: boolean;
  assigneeIds?: number[];
  reviewerIds?: number[];
  milestoneId?: number | null;
  removeSourceBranch?: boolean | null;
  squash?: boolean;
}

/** Whether a title marks a draft. */
function draftTitle(title: string): boolean {
  return /^\s*(\[draft\]|\(draft\)|draft:|draft\s-|draft\s|\[wip\]|wip:)/i.test(title);
}

/** Adds a merge request record with the next iid. */
function insertMergeRequest(store: Store, p: ProjectRec, author: UserRec, d: NewMr): MrRec {
  const at = store.iso();
  const last = p.mrs[p.mrs.length - 1];
  const state = d.state ?? "opened";
  const rec: MrRec = {
    id: store.nextId.mergeRequest++,
    iid: last ? last.iid + 1 : 1,
    title: d.title,
    description: d.description,
    state,
    createdAt: at,
    updatedAt: at,
    mergedAt: state === "merged" ? at : null,
    mergedById: state === "merged" ? author.id : null,
    closedAt: state === "closed" ? at : null,
    closedById: state === "closed" ? author.id : null,
    source: d.source,
    target: d.target,
    labels: normalizeLabels(d.labels),
    authorId: author.id,
    draft: d.draft ?? draftTitle(d.title),
    sha: p.repo?.branches.get(d.source)?.commit.id ?? newSha(store),
    assigneeIds: d.assigneeIds ?? [],
    reviewerIds: d.reviewerIds ?? [],
    milestoneId: d.milestoneId ?? null,
    removeSourceBranch: d.removeSourceBranch ?? null,
    squash: d.squash ?? false,
  };
  p.mrs.push(rec);
  p.lastActivityAt = at;
  store.bump();
  return rec;
}

/** @internal the merge request `iid` of `p`, or GitLab's 404. */
export function findMergeRequest(p: ProjectRec, iid: number): MrRec {
  const m = p.mrs.find((x) => x.iid === iid);
  if (!m) throw notFound("Merge Request");
  return m;
}

/** The merge request named by the request path. */
function pathMr(ctx: RequestContext): { p: ProjectRec; m: MrRec } {
  const iid = integerPathParam(ctx.pathParams, "merge_request_iid");
  const p = findProject(ctx);
  return { p, m: findMergeRequest(p, iid) };
}

const MR_ORDER = [
  "created_at",
  "label_priority",
  "milestone_due",
  "popularity",
  "priority",
  "title",
  "updated_at",
  "merged_at",
];

/** Whether a user-id list matches an `<x>_id` filter (`None`, `Any` or an id) and an `<x>_username` filter. */
function peopleMatch(
  store: Store,
  ids: number[],
  id: string | undefined,
  usernames: string[] | undefined,
): boolean {
  if (id !== undefined) {
    const a = id.toLowerCase();
    if (a === "none" && ids.length) return false;
    if (a === "any" && !ids.length) return false;
    if (/^\d+$/.test(a) && !ids.includes(Number(a))) return false;
  }
  if (usernames) {
    const names = ids.map((x) => store.usersById.get(x)?.username.toLowerCase());
    if (usernames.length === 1 && usernames[0] === "none") return !ids.length;
    if (usernames.length === 1 && usernames[0] === "any") return ids.length > 0;
    if (!usernames.every((u) => names.includes(u))) return false;
  }
  return true;
}

/** Validates the merge request list parameters (before the project or group lookup, as Grape does). */
function validateMrList(ctx: RequestContext): void {
  if (wantsKeyset(ctx.params)) throw keysetUnavailable();
  validate(ctx.params).pagination().oneOf("state", ["opened", "closed", "locked", "merged", "all"])
    .oneOf("sort", ["asc", "desc"]).oneOf("order_by", MR_ORDER)
    .oneOf("scope", [
      "created-by-me",
      "assigned-to-me",
      "created_by_me",
      "assigned_to_me",
      "reviews_for_me",
      "all",
    ])
    .oneOf("wip", ["yes", "no"]).integer("iids").integer("author_id").check();
}

/** The filters of the merge request lists over `rows`. */
function filterMrs(
  ctx: RequestContext,
  rows: { p: ProjectRec; m: MrRec }[],
  defaultScope: string,
): { p: ProjectRec; m: MrRec }[] {
  const store = ctx.store;
  const q = ctx.params;
  const state = str(q, "state") ?? "all";
  const labels = list(q, "labels");
  const not = obj(q, "not") ?? {};
  const notLabels = list(not, "labels")?.map((l) => l.toLowerCase());
  const target = str(q, "target_branch");
  const source = str(q, "source_branch");
  const authorUsername = str(q, "author_username")?.toLowerCase();
  const authorId = int(q, "author_id");
  const assigneeId = str(q, "assignee_id");
  const assigneeUsername = list(q, "assignee_username")?.map((s) => s.toLowerCase());
  const reviewerId = str(q, "reviewer_id");
  const reviewerUsername = list(q, "reviewer_username")?.map((s) => s.toLowerCase());
  const milestone = str(q, "milestone");
  const search = str(q, "search")?.toLowerCase();
  const inFields = (str(q, "in") ?? "title,description").split(",").map((s) => s.trim());
  const iids = list(q, "iids")?.map(Number);
  const draft = bool(q, "draft") ?? (str(q, "wip") !== undefined ? str(q, "wip") === "yes" : undefined);
  const inDates = inDateRange(q);
  const scope = (str(q, "scope") ?? defaultScope).replace(/-/g, "_");
  const me = ctx.user;
  return rows.filter(({ m }) => {
    if (scope === "created_by_me" && (!me || m.authorId !== me.id)) return false;
    if (scope === "assigned_to_me" && (!me || !(m.assigneeIds ?? []).includes(me.id))) return false;
    if (scope === "reviews_for_me" && (!me || !(m.reviewerIds ?? []).includes(me.id))) return false;
    if (state !== "all" && m.state !== state) return false;
    if (labels && labels.length && !labelsMatch(labels, m.labels)) return false;
    if (notLabels && notLabels.some((l) => m.labels.some((x) => x.toLowerCase() === l))) return false;
    if (target && m.target !== target) return false;
    if (source && m.source !== source) return false;
    if (authorUsername && store.usersById.get(m.authorId)?.username.toLowerCase() !== authorUsername) {
      return false;
    }
    if (authorId !== undefined && m.authorId !== authorId) return false;
    if (!peopleMatch(store, m.assigneeIds ?? [], assigneeId, assigneeUsername)) return false;
    if (!peopleMatch(store, m.reviewerIds ?? [], reviewerId, reviewerUsername)) return false;
    if (milestone !== undefined && !milestoneMatches(store, milestone, m.milestoneId)) return false;
    if (search) {
      const hay = `${inFields.includes("title") ? m.title : ""} ${
        inFields.includes("description") ? m.description ?? "" : ""
      }`;
      if (!hay.toLowerCase().includes(search)) return false;
    }
    if (iids && iids.length && !iids.includes(m.iid)) return false;
    if (draft !== undefined && m.draft !== draft) return false;
    return inDates(m);
  });
}

/** Sorts and renders a merge request list. */
function mrPage(ctx: RequestContext, rows: { p: ProjectRec; m: MrRec }[]): Response {
  const keyed = rows.map((r) => ({
    ...r,
    id: r.m.id,
    createdAt: r.m.createdAt,
    updatedAt: r.m.updatedAt,
    title: r.m.title,
    mergedAt: r.m.mergedAt,
  }));
  sortIssuables(keyed, ctx.params);
  return paginateArray(ctx, keyed, ({ p, m }) => renderMergeRequestBasic(ctx, p, m));
}

/** `GET /projects/:id/merge_requests`. */
function listMergeRequests(ctx: RequestContext): Response {
  validateMrList(ctx);
  const p = findProject(ctx);
  return mrPage(ctx, filterMrs(ctx, p.mrs.map((m) => ({ p, m })), "all"));
}

/** `GET /groups/:id/merge_requests`. */
function listGroupMergeRequests(ctx: RequestContext): Response {
  validateMrList(ctx);
  const g: GroupRec = findGroup(ctx);
  const rows = ctx.store.projects.filter((p) =>
    p.ns.kind === "group" && (p.ns.group === g || isDescendant(p.ns.group, g)) && canReadProject(ctx.user, p)
  ).flatMap((p) => p.mrs.map((m) => ({ p, m })));
  return mrPage(ctx, filterMrs(ctx, rows, "all"));
}

/** `GET /merge_requests`: `scope` defaults to `created_by_me`; anonymous callers need `scope=all`. */
function listAllMergeRequests(ctx: RequestContext): Response {
  if (str(ctx.params, "scope") !== "all") requireAuth(ctx);
  validateMrList(ctx);
  const rows = ctx.store.projects.filter((p) => canReadProject(ctx.user, p)).flatMap((p) =>
    p.mrs.map((m) => ({ p, m }))
  );
  return mrPage(ctx, filterMrs(ctx, rows, "created_by_me"));
}

/** GitLab's 422 `{"message":[…]}` for a merge request that fails validation on `base`. */
function unprocessable(message: string): HttpError {
  return new HttpError(422, { message: [message] });
}

/** The 409 GitLab answers when another open merge request has the same branches. */
function twinConflict(twin: MrRec): HttpError {
  return new HttpError(409, {
    message: [`Another open merge request already exists for this source branch: !${twin.iid}`],
  });
}

/** `POST /projects/:id/merge_requests`. */
function postMergeRequest(ctx: RequestContext): Response {
  const store = ctx.store;
  const user = requireAuth(ctx);
  validate(ctx.params).required("title").required("source_branch").required("target_branch")
    .integer("milestone_id").check();
  const p = findProject(ctx);
  if (p.archived || projectAccess(user, p) < ACCESS.developer) throw forbidden();
  const q = ctx.params;
  const title = str(q, "title") ?? "";
  const source = str(q, "source_branch") ?? "";
  const target = str(q, "target_branch") ?? "";
  if (title.trim() === "") throw new HttpError(400, { message: { title: ["can't be blank"] } });
  const repo = ensureRepo(store, p);
  if (source === target) throw unprocessable("You must select different branches");
  if (!repo.branches.has(source)) throw unprocessable(`Source branch "${source}" does not exist`);
  if (!repo.branches.has(target)) throw unprocessable(`Target branch "${target}" does not exist`);
  const twin = openTwin(p, source, target);
  if (twin) throw twinConflict(twin);
  const m = insertMergeRequest(store, p, user, {
    title,
    description: str(q, "description") ?? null,
    source,
    target,
    labels: list(q, "labels") ?? [],
    assigneeIds: userIdsParam(ctx) ?? [],
    reviewerIds: userIdsParam(ctx, "reviewer_id") ?? [],
    milestoneId: milestoneParam(ctx, p) ?? null,
    removeSourceBranch: bool(q, "remove_source_branch") ?? null,
    squash: bool(q, "squash") ?? false,
  });
  emitMergeRequestEvent(ctx, p, m, user, "open");
  return jsonResponse(ctx.requestId, 201, renderMergeRequest(ctx, p, m, user));
}

/** @internal closes or reopens a merge request with its system note. */
export function setMergeRequestState(
  store: Store,
  p: ProjectRec,
  m: MrRec,
  state: "opened" | "closed",
  by: UserRec,
): void {
  if (m.state === state || m.state === "merged") return;
  const at = store.iso();
  m.state = state;
  m.updatedAt = at;
  m.closedAt = state === "closed" ? at : null;
  m.closedById = state === "closed" ? by.id : null;
  addSystemNote(store, mrTarget(p, m), by, state === "closed" ? "closed" : "reopened");
  store.bump();
}

const MR_UPDATE_KEYS = [
  "assignee_id",
  "assignee_ids",
  "reviewer_ids",
  "description",
  "labels",
  "add_labels",
  "remove_labels",
  "milestone_id",
  "remove_source_branch",
  "allow_collaboration",
  "allow_maintainer_to_push",
  "squash",
  "discussion_locked",
  "title",
  "target_branch",
  "state_event",
];

/** `PUT /projects/:id/merge_requests/:merge_request_iid`. */
function updateMergeRequest(ctx: RequestContext): Response {
  const store = ctx.store;
  const user = requireAuth(ctx);
  const { p, m } = pathMr(ctx);
  if (m.authorId !== user.id && projectAccess(user, p) < ACCESS.developer) throw forbidden();
  const q = ctx.params;
  validate(q).oneOf("state_event", ["close", "reopen"]).integer("milestone_id").check();
  if (!MR_UPDATE_KEYS.some((k) => q[k] !== undefined)) {
    throw badRequest(`${MR_UPDATE_KEYS.join(", ")} are missing, at least one parameter must be provided`);
  }
  const t = mrTarget(p, m);
  const before = snapshotMergeRequest(ctx, p, m);
  const title = str(q, "title");
  if (title !== undefined) {
    if (title.trim() === "") throw new HttpError(400, { message: { title: ["can't be blank"] } });
    const wasDraft = m.draft;
    if (title !== m.title) addSystemNote(store, t, user, `changed title from **${m.title}** to **${title}**`);
    m.title = title;
    m.draft = draftTitle(title);
    if (wasDraft !== m.draft) {
      addSystemNote(
        store,
        t,
        user,
        m.draft ? "marked this merge request as **draft**" : "marked this merge request as **ready**",
      );
    }
  }
  const target = str(q, "target_branch");
  const event = str(q, "state_event");
  const nextTarget = target ?? m.target;
  if (target !== undefined && target !== m.target) {
    if (!p.repo?.branches.has(target)) throw unprocessable(`Target branch "${target}" does not exist`);
    if (target === m.source) throw unprocessable("You must select different branches");
  }
  if ((m.state === "opened" || event === "reopen") && event !== "close") {
    const twin = openTwin(p, m.source, nextTarget, m);
    if (twin && (target !== undefined || event === "reopen")) throw twinConflict(twin);
  }
  if (target !== undefined && target !== m.target) {
    addSystemNote(store, t, user, `changed target branch from \`${m.target}\` to \`${target}\``);
    m.target = target;
  }
  const description = str(q, "description");
  if (description !== undefined && description !== (m.description ?? "")) {
    m.description = description;
    addSystemNote(store, t, user, "changed the description");
  }
  m.labels = editedLabels(m.labels, q);
  const assignees = userIdsParam(ctx);
  if (assignees) {
    const added = assignees.filter((id) => !(m.assigneeIds ?? []).includes(id));
    if (added.length) addSystemNote(store, t, user, `assigned to ${mentions(store, added)}`);
    m.assigneeIds = assignees;
  }
  const reviewers = userIdsParam(ctx, "reviewer_id");
  if (reviewers) {
    const added = reviewers.filter((id) => !(m.reviewerIds ?? []).includes(id));
    if (added.length) addSystemNote(store, t, user, `requested review from ${mentions(store, added)}`);
    m.reviewerIds = reviewers;
  }
  const milestoneId = milestoneParam(ctx, p);
  if (milestoneId !== undefined) m.milestoneId = milestoneId;
  const rsb = bool(q, "remove_source_branch");
  if (rsb !== undefined) m.removeSourceBranch = rsb;
  const squash = bool(q, "squash");
  if (squash !== undefined) m.squash = squash;
  const locked = bool(q, "discussion_locked");
  if (locked !== undefined) m.discussionLocked = locked;
  if (event === "close") setMergeRequestState(store, p, m, "closed", user);
  else if (event === "reopen") setMergeRequestState(store, p, m, "opened", user);
  m.updatedAt = store.iso();
  p.lastActivityAt = m.updatedAt;
  store.bump();
  const action = before.attrs.state === m.state ? "update" : m.state === "closed" ? "close" : "reopen";
  emitMergeRequestEvent(ctx, p, m, user, action, before);
  return jsonResponse(ctx.requestId, 200, renderMergeRequest(ctx, p, m, user));
}

/** Issues a description closes when merged into the default branch (`Closes #1`, `fixes #2`…). */
function closingIssueIids(text: string | null): number[] {
  const out: number[] = [];
  const re =
    /\b(?:clos(?:e|es|ed|ing)|fix(?:|es|ed|ing)|resolv(?:e|es|ed|ing)|implement(?:|s|ed|ing))\b:?\s+#(\d+)/gi;
  let m: RegExpExecArray | null;
  let guard = 0;
  while ((m = re.exec(text ?? "")) !== null && guard++ < 100) out.push(Number(m[1]));
  return out;
}

/** @internal merges `m` into its target as `user`: a merge commit (after a squash commit when asked). */
export function performMerge(
  store: Store,
  p: ProjectRec,
  m: MrRec,
  user: UserRec,
  o: { squash?: boolean; mergeCommitMessage?: string; squashCommitMessage?: string; removeSource?: boolean } =
    {},
): void {
  const b = branchesOf(store, p, m);
  if (!b) throw new Error("simulator: merge request branches are missing");
  const files = new Map(b.target.files);
  for (const [path, f] of sourceChanges(p, b)) {
    if (f) files.set(path, f);
    else files.delete(path);
  }
  let head = b.source.commit;
  if (o.squash) {
    const sq = newCommit(store, o.squashCommitMessage ?? m.title, [b.base?.id ?? b.target.commit.id], user);
    sq.files = files;
    m.squashCommitSha = sq.id;
    head = sq;
  }
  const message = o.mergeCommitMessage ??
    `Merge branch '${m.source}' into '${m.target}'\n\n${m.title}\n\nSee merge request ${p.fullPath}!${m.iid}`;
  const mc = newCommit(store, message, [b.target.commit.id, head.id], user);
  mc.files = files;
  setBranchHead(store, p, m.target, mc);
  const at = store.iso();
  m.state = "merged";
  m.mergedAt = at;
  m.mergedById = user.id;
  m.mergeCommitSha = mc.id;
  m.sha = b.source.commit.id;
  m.squash = o.squash ?? m.squash ?? false;
  m.updatedAt = at;
  m.mergeError = null;
  addSystemNote(store, mrTarget(p, m), user, "merged");
  if (o.removeSource ?? m.removeSourceBranch) {
    m.removeSourceBranch = true;
    if (!b.source.protected && m.source !== p.defaultBranch) p.repo?.branches.delete(m.source);
  }
  if (m.target === p.defaultBranch) {
    for (const iid of closingIssueIids(m.description)) {
      try {
        setIssueState(store, p, findIssue(p, iid), "closed", user);
      } catch {
        // an unknown issue is not closed
      }
    }
  }
  store.bump();
}

/** `PUT /projects/:id/merge_requests/:merge_request_iid/merge`. */
function mergeMergeRequest(ctx: RequestContext): Response {
  const store = ctx.store;
  const user = requireAuth(ctx);
  const { p, m } = pathMr(ctx);
  // GitLab: 401 when the user may not push into the target branch
  if (!canMergeToBranch(store, user, p, m.target)) throw unauthorized();
  const sourceExists = !!p.repo?.branches.has(m.source);
  if (m.state !== "opened" || m.draft || !sourceExists) {
    throw new HttpError(405, { message: "405 Method Not Allowed" });
  }
  if (hasConflicts(store, p, m)) throw new HttpError(406, { message: "Branch cannot be merged" });
  const source = p.repo!.branches.get(m.source)!;
  const sha = str(ctx.params, "sha");
  if (sha !== undefined && sha !== source.commit.id) {
    throw new HttpError(409, { message: `SHA does not match HEAD of source branch: ${source.commit.id}` });
  }
  const before = snapshotMergeRequest(ctx, p, m);
  const openIssues = new Map<IssueRec, IssueSnapshot>();
  for (const i of p.issues) if (i.state === "opened") openIssues.set(i, snapshotIssue(ctx, p, i));
  const targetBefore = p.repo!.branches.get(m.target)!.commit;
  performMerge(store, p, m, user, {
    squash: bool(ctx.params, "squash") ?? m.squash,
    mergeCommitMessage: str(ctx.params, "merge_commit_message"),
    squashCommitMessage: str(ctx.params, "squash_commit_message"),
    removeSource: bool(ctx.params, "should_remove_source_branch"),
  });
  // the merge pushes to the target branch (and deletes the source branch when asked)
  const targetAfter = p.repo?.branches.get(m.target)?.commit;
  if (targetAfter) {
    emitPushEvent(store, p, {
      ref: m.target,
      before: targetBefore.id,
      after: targetAfter.id,
      commits: commitsBetween(store, targetBefore, targetAfter),
      user,
    });
  }
  if (!p.repo?.branches.has(m.source)) {
    emitPushEvent(store, p, { ref: m.source, before: source.commit.id, after: BLANK_SHA, commits: [], user });
  }
  emitMergeRequestEvent(ctx, p, m, user, "merge", before);
  // issues the description closes (`Closes #1`) get their close hooks too
  for (const [i, snap] of openIssues) {
    if (i.state === "closed") emitIssueEvent(ctx, p, i, user, "close", snap);
  }
  return jsonResponse(ctx.requestId, 200, renderMergeRequest(ctx, p, m, user));
}

/** `PUT /projects/:id/merge_requests/:merge_request_iid/rebase`: replays the source onto the target at once. */
function rebaseMergeRequest(ctx: RequestContext): Response {
  const store = ctx.store;
  const user = requireAuth(ctx);
  const { p, m } = pathMr(ctx);
  if (!canPushToBranch(store, user, p, m.source)) {
    throw new HttpError(403, { message: "403 Forbidden - Cannot push to source branch" });
  }
  if (m.state !== "opened") {
    throw new HttpError(403, { message: "403 Forbidden - Cannot push to source branch" });
  }
  const b = branchesOf(store, p, m);
  if (!b) throw new HttpError(403, { message: "403 Forbidden - Cannot push to source branch" });
  if (hasConflicts(store, p, m)) {
    m.mergeError = "Rebase failed: Rebase locally, resolve all conflicts, then push the branch.";
  } else if (b.base?.id !== b.target.commit.id) {
    const files = new Map(b.target.files);
    for (const [path, f] of sourceChanges(p, b)) {
      if (f) files.set(path, f);
      else files.delete(path);
    }
    const last = b.source.commit;
    const c = newCommit(store, last.message, [b.target.commit.id], user);
    c.authorName = last.authorName;
    c.authorEmail = last.authorEmail;
    c.files = files;
    setBranchHead(store, p, m.source, c);
    m.sha = c.id;
    m.mergeError = null;
  }
  m.updatedAt = store.iso();
  store.bump();
  return jsonResponse(ctx.requestId, 202, { rebase_in_progress: true });
}

/** A file diff as GitLab's `Diff` entity. */
function renderDiff(d: FileDiff): Diff {
  return {
    diff: d.diff,
    new_path: d.newPath,
    old_path: d.oldPath,
    a_mode: d.aMode,
    b_mode: d.bMode,
    new_file: d.newFile,
    renamed_file: d.renamedFile,
    deleted_file: d.deletedFile,
    generated_file: false,
  };
}

/** The changes of a merge request: the source against its merge base with the target. */
function mrDiffs(store: Store, p: ProjectRec, m: MrRec): FileDiff[] {
  const b = branchesOf(store, p, m);
  if (!b) return [];
  const base = b.base ? filesAt(p, b.base) : new Map<string, FileRec>();
  return diffTrees(base, b.source.files);
}

/** The commits of a merge request, newest first (source commits not on the target). */
function mrCommits(store: Store, p: ProjectRec, m: MrRec): CommitRec[] {
  const source = p.repo?.branches.get(m.source);
  const target = p.repo?.branches.get(m.target);
  if (!source || !target) return [];
  const base = mergeBase(store, [source.commit, target.commit]);
  if (m.state === "merged" && m.mergeCommitSha) {
    // after the merge the source is part of the target: list what the merge brought in
    return base ? commitsBetween(store, base, source.commit).reverse() : [];
  }
  return commitsBetween(store, target.commit, source.commit).reverse();
}

/** Who takes part in a merge request: its author, assignees, reviewers and commenters. */
function participants(store: Store, m: MrRec): number[] {
  const ids = [m.authorId, ...(m.assigneeIds ?? []), ...(m.reviewerIds ?? [])];
  for (const n of notesOf(store, { type: "MergeRequest", id: m.id })) if (!n.system) ids.push(n.authorId);
  return [...new Set(ids)];
}

/** @internal registers the merge request routes. */
export function registerMergeRequestRoutes(routes: RouteTable): void {
  const base = "/projects/:id/merge_requests/:merge_request_iid";
  routes.on("GET", "/merge_requests", listAllMergeRequests);
  routes.on("GET", "/groups/:id/merge_requests", listGroupMergeRequests);
  routes.on("GET", "/projects/:id/merge_requests", listMergeRequests);
  routes.on("POST", "/projects/:id/merge_requests", postMergeRequest);
  routes.on("GET", base, (ctx) => {
    const { p, m } = pathMr(ctx);
    const out = renderMergeRequest(ctx, p, m, ctx.user);
    if (bool(ctx.params, "include_rebase_in_progress")) out.rebase_in_progress = false;
    if (bool(ctx.params, "include_diverged_commits_count")) {
      const b = branchesOf(ctx.store, p, m);
      out.diverged_commits_count = b ? commitsBetween(ctx.store, b.source.commit, b.target.commit).length : 0;
    }
    return jsonResponse(ctx.requestId, 200, out);
  });
  routes.on("PUT", base, updateMergeRequest);
  routes.on("DELETE", base, (ctx) => {
    const user = requireAuth(ctx);
    const { p, m } = pathMr(ctx);
    if (projectAccess(user, p) < ACCESS.owner) throw forbidden();
    p.mrs.splice(p.mrs.indexOf(m), 1);
    ctx.store.bump();
    return new Response(null, { status: 204, headers: { "x-request-id": ctx.requestId } });
  });
  routes.on("PUT", `${base}/merge`, mergeMergeRequest);
  routes.on("PUT", `${base}/rebase`, rebaseMergeRequest);
  routes.on("GET", `${base}/changes`, (ctx) => {
    const { p, m } = pathMr(ctx);
    const out: MergeRequestChanges = {
      ...renderMergeRequest(ctx, p, m, ctx.user),
      changes: mrDiffs(ctx.store, p, m).map(renderDiff),
      overflow: false,
    };
    return jsonResponse(ctx.requestId, 200, out);
  });
  routes.on("GET", `${base}/diffs`, (ctx) => {
    validate(ctx.params).pagination().check();
    const { p, m } = pathMr(ctx);
    return paginateArray(ctx, mrDiffs(ctx.store, p, m), renderDiff);
  });
  routes.on("GET", `${base}/commits`, (ctx) => {
    validate(ctx.params).pagination().check();
    const { p, m } = pathMr(ctx);
    return paginateArray(ctx, mrCommits(ctx.store, p, m), (c): Commit => renderCommit(ctx, p, c));
  });
  routes.on("GET", `${base}/participants`, (ctx) => {
    const { m } = pathMr(ctx);
    return paginateArray(ctx, participants(ctx.store, m), (id) => renderUserBasicById(ctx, id));
  });
  routes.on("GET", `${base}/reviewers`, (ctx) => {
    const { m } = pathMr(ctx);
    return paginateArray(ctx, m.reviewerIds ?? [], (id): MergeRequestReviewer => ({
      user: renderUserBasicById(ctx, id) as UserBasic,
      state: "unreviewed",
      created_at: m.updatedAt,
    }));
  });
  for (const [verb, on] of [["subscribe", true], ["unsubscribe", false]] as const) {
    routes.on("POST", `${base}/${verb}`, (ctx) => {
      requireAuth(ctx);
      const { p, m } = pathMr(ctx);
      return setSubscription(
        ctx,
        m,
        [...(m.assigneeIds ?? []), ...(m.reviewerIds ?? [])],
        on,
        () => renderMergeRequest(ctx, p, m, ctx.user),
      );
    });
  }
  registerTimeTracking(routes, base, (ctx, write) => {
    if (write) requireAuth(ctx);
    const { p, m } = pathMr(ctx);
    if (write && m.authorId !== ctx.user?.id && projectAccess(ctx.user, p) < ACCESS.developer) {
      throw forbidden();
    }
    return m;
  });
}

/**
 * @internal the demo's merge request activity on acme/web: review threads on "Fix Safari login button"
 * and a merge request merged through the simulator's merge, with its merge commit on `main`.
 */
export function seedMergeRequestActivity(store: Store): void {
  const web = store.projectByIdOrPath("acme/web");
  if (!web) return;
  const alice = store.usersByName.get("alice");
  const bob = store.usersByName.get("bob");
  const root = store.usersByName.get("root");
  if (!alice || !bob || !root) return;
  // a branch with a real change, merged through the API path
  const repo = ensureRepo(store, web);
  if (!repo.branches.has("docs/contributing")) {
    createBranch(store, web, "docs/contributing");
    const src = repo.branches.get("docs/contributing")!;
    const c = newCommit(store, "Add CONTRIBUTING.md", [src.commit.id], alice);
    const files = new Map(src.files);
    files.set("CONTRIBUTING.md", {
      content: new TextEncoder().encode("# Contributing\n\nOpen a merge request against `main`.\n"),
      lastCommitId: c.id,
    });
    c.files = files;
    setBranchHead(store, web, "docs/contributing", c);
    const m = insertMergeRequest(store, web, alice, {
      title: "Add contributing guide",
      description: "Explains how to propose changes.",
      source: "docs/contributing",
      target: web.defaultBranch,
      labels: ["documentation"],
      reviewerIds: [root.id],
    });
    performMerge(store, web, m, root, { removeSource: true });
  }
  const safari = web.mrs.find((m) => m.source === "fix/safari-login");
  if (safari) {
    safari.reviewerIds = [root.id];
    safari.assigneeIds = [alice.id];
    safari.labels = normalizeLabels([...safari.labels, "bug", "frontend"]);
    safari.description = "Closes #1\n\nThe click handler was bound before hydration.";
    safari.timeEstimate = 3 * 3600;
    safari.timeSpent = 5400;
    const t = mrTarget(web, safari);
    const thread = addNote(store, t, root, "Can we cover this with a Playwright test on WebKit?", {
      thread: true,
    });
    addNote(store, t, alice, "Good idea, I'll add one.", { discussionId: thread.discussionId });
    addNote(store, t, bob, "Works for me on Safari 17.", {});
    const done = addNote(store, t, root, "Nit: rename `btn` to `loginButton`.", { thread: true });
    done.resolvedById = alice.id;
    done.resolvedAt = store.iso();
  }
  const login = web.issues.find((i) => i.iid === 1);
  if (login) {
    const t = issueTarget(web, login);
    addNote(store, t, bob, "Reproduced on Safari 17.4, macOS 14.", {});
    addNote(store, t, alice, "Triage note: likely the hydration race.", { internal: true });
  }
}
