/**
 * Comments on issues and merge requests (GitLab's notes): the records behind them (shared with the
 * discussions routes, which group the same notes into threads), system notes for state changes, and
 * `GET`/`POST /projects/:id/{issues,merge_requests}/:iid/notes`, `GET`/`PUT`/`DELETE …/notes/:note_id`.
 *
 * @module
 */

import { ACCESS, projectAccess, requireAuth } from "../access.ts";
import type { RenderContext, RequestContext } from "../context.ts";
import { pseudoHex } from "../encoding.ts";
import { bool, str } from "../params.ts";
import { paginateArray } from "../pagination.ts";
import type { ProjectRec, UserRec } from "../records.ts";
import { forbidden, HttpError, jsonResponse, noContent, notFound } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import type { Store } from "../store.ts";
import type { UserBasic } from "../../types/common.ts";
import type { Note } from "../../types/notes.ts";
import { integerPathParam, validate } from "../validation.ts";
import { findReadableIssue } from "./issues.ts";
import { findMergeRequest } from "./merge_requests.ts";
import { findProject } from "./projects.ts";
import { renderUserBasicById } from "./users.ts";
import { emitNoteEvent } from "../webhook_delivery.ts";

/** @internal what a note is attached to. */
export interface NoteTarget {
  /** GitLab's noteable type. */
  type: "Issue" | "MergeRequest";
  /** Global id of the issue or merge request. */
  id: number;
  /** Its project-scoped iid. */
  iid: number;
  /** Its project. */
  p: ProjectRec;
  /** Its author. */
  authorId: number;
}

/** @internal a comment (user note) or a system note. */
export interface NoteRec {
  /** Note id. */
  id: number;
  /** Markdown body. */
  body: string;
  /** Author's user id. */
  authorId: number;
  /** ISO creation time. */
  createdAt: string;
  /** ISO update time. */
  updatedAt: string;
  /** System note (state changes). */
  system: boolean;
  /** Internal note: visible to reporters and above only. */
  internal: boolean;
  /** What the note is on. */
  target: NoteTarget;
  /** Thread id (40 hex digits); a note started alone has a thread of its own. */
  discussionId: string;
  /** Started alone (`individual_note`), not as a thread. */
  individual: boolean;
  /** Can be resolved (merge request thread notes). */
  resolvable: boolean;
  /** Who resolved it. */
  resolvedById: number | null;
  /** ISO resolution time. */
  resolvedAt: string | null;
}

/** @internal the notes of the simulator: per noteable and by id. */
export interface NoteState {
  /** Notes by `Issue:<id>` / `MergeRequest:<id>`, in creation order. */
  byTarget: Map<string, NoteRec[]>;
  /** Notes by id. */
  byId: Map<number, NoteRec>;
}

/** @internal the notes of `store`. */
export function noteState(store: Store): NoteState {
  return store.slot("notes", () => ({ byTarget: new Map(), byId: new Map() }));
}

/** @internal the notes on `t`, oldest first (the live array). */
export function notesOf(store: Store, t: { type: string; id: number }): NoteRec[] {
  const s = noteState(store);
  const key = `${t.type}:${t.id}`;
  let rows = s.byTarget.get(key);
  if (!rows) {
    rows = [];
    s.byTarget.set(key, rows);
  }
  return rows;
}

/** @internal the number of user (not system) notes on `t`, as `user_notes_count` reports it. */
export function userNotesCount(store: Store, t: { type: string; id: number }): number {
  const rows = noteState(store).byTarget.get(`${t.type}:${t.id}`);
  return rows ? rows.filter((n) => !n.system).length : 0;
}

/** @internal options of {@linkcode addNote}. */
export interface AddNoteOptions {
  /** System note. */
  system?: boolean;
  /** Internal note. */
  internal?: boolean;
  /** Add to this thread rather than start one. */
  discussionId?: string;
  /** Start a thread (`false`: an individual note). */
  thread?: boolean;
}

/** @internal adds a note to `t` and bumps the noteable's activity. */
export function addNote(
  store: Store,
  t: NoteTarget,
  author: UserRec,
  body: string,
  o: AddNoteOptions = {},
): NoteRec {
  const id = store.nextIdOf("note");
  const at = store.iso();
  const thread = o.discussionId !== undefined || o.thread === true;
  const rec: NoteRec = {
    id,
    body,
    authorId: author.id,
    createdAt: at,
    updatedAt: at,
    system: o.system ?? false,
    internal: o.internal ?? false,
    target: t,
    discussionId: o.discussionId ?? pseudoHex(id * 2_654_435_761 + 97, 40),
    individual: !thread,
    resolvable: thread && t.type === "MergeRequest" && !o.system,
    resolvedById: null,
    resolvedAt: null,
  };
  notesOf(store, t).push(rec);
  noteState(store).byId.set(id, rec);
  store.bump();
  return rec;
}

/** @internal adds a system note such as `closed` or `reopened`. */
export function addSystemNote(store: Store, t: NoteTarget, author: UserRec, body: string): NoteRec {
  return addNote(store, t, author, body, { system: true });
}

/** @internal removes a note. */
export function removeNote(store: Store, n: NoteRec): void {
  const rows = notesOf(store, n.target);
  const i = rows.indexOf(n);
  if (i >= 0) rows.splice(i, 1);
  noteState(store).byId.delete(n.id);
  store.bump();
}

/** @internal whether `user` sees internal notes of `p` (reporters and above). */
export function canSeeInternal(user: UserRec | null, p: ProjectRec): boolean {
  return projectAccess(user, p) >= ACCESS.reporter;
}

/** @internal the notes on `t` that `user` may see, oldest first. */
export function visibleNotes(store: Store, t: NoteTarget, user: UserRec | null): NoteRec[] {
  const all = notesOf(store, t);
  return canSeeInternal(user, t.p) ? all.slice() : all.filter((n) => !n.internal);
}

/** @internal a note as GitLab's `Note` entity. */
export function renderNote(view: RenderContext, n: NoteRec): Note {
  const t = n.target;
  const out: Note = {
    id: n.id,
    type: n.individual ? null : "DiscussionNote",
    body: n.body,
    attachment: null,
    author: renderUserBasicById(view, n.authorId) as UserBasic,
    created_at: n.createdAt,
    updated_at: n.updatedAt,
    system: n.system,
    noteable_id: t.id,
    noteable_type: t.type,
    project_id: t.p.id,
    resolvable: n.resolvable,
    confidential: n.internal,
    internal: n.internal,
    imported: false,
    imported_from: "none",
    noteable_iid: t.iid,
    commands_changes: {},
  };
  if (n.resolvable) {
    out.resolved = n.resolvedById !== null;
    out.resolved_by = renderUserBasicById(view, n.resolvedById);
    out.resolved_at = n.resolvedAt;
  }
  return out;
}

/**
 * @internal the issue or merge request a request's path names (`:noteable_iid`), as the viewer may see
 * it: else a 404.
 */
export function findNoteTarget(ctx: RequestContext, type: "Issue" | "MergeRequest"): NoteTarget {
  const p = findProject(ctx);
  const param = type === "Issue" ? "issue_iid" : "merge_request_iid";
  const iid = integerPathParam(ctx.pathParams, param);
  const rec = type === "Issue" ? findReadableIssue(ctx, p, iid) : findMergeRequest(p, iid);
  return { type, id: rec.id, iid: rec.iid, p, authorId: rec.authorId };
}

/** @internal the note `:note_id` on `t` that the viewer may see, or GitLab's 404. */
export function findNote(ctx: RequestContext, t: NoteTarget, param = "note_id"): NoteRec {
  const id = integerPathParam(ctx.pathParams, param);
  const n = noteState(ctx.store).byId.get(id);
  if (!n || n.target.id !== t.id || n.target.type !== t.type) throw notFound("Note");
  if (n.internal && !canSeeInternal(ctx.user, t.p)) throw notFound("Note");
  return n;
}

/** @internal Sorts notes by `order_by` (`created_at`, `updated_at`) and `sort` (default `desc`). */
function sortNotes(rows: NoteRec[], ctx: RequestContext): void {
  const by = str(ctx.params, "order_by") === "updated_at" ? "updatedAt" : "createdAt";
  const desc = str(ctx.params, "sort") !== "asc";
  rows.sort((a, b) => {
    const c = a[by] < b[by] ? -1 : a[by] > b[by] ? 1 : a.id - b.id;
    return desc ? -c : c;
  });
}

/** @internal the body of a new note, or GitLab's 400s. */
export function noteBody(ctx: RequestContext): string {
  validate(ctx.params).required("body").check();
  const body = str(ctx.params, "body") ?? "";
  if (body.trim() === "") throw new HttpError(400, { message: { note: ["can't be blank"] } });
  return body;
}

/** @internal creates a note (or thread note) for the requesting user, with the `internal` checks. */
export function createUserNote(ctx: RequestContext, t: NoteTarget, o: AddNoteOptions = {}): NoteRec {
  const user = requireAuth(ctx);
  const body = noteBody(ctx);
  if (t.p.archived) throw forbidden();
  const internal = bool(ctx.params, "internal") ?? bool(ctx.params, "confidential") ?? false;
  // creating an internal note needs reporter access; GitLab refuses it with 403
  if (internal && !canSeeInternal(user, t.p)) throw forbidden();
  const n = addNote(ctx.store, t, user, body, { ...o, internal });
  const created = str(ctx.params, "created_at");
  if (created && projectAccess(user, t.p) >= ACCESS.owner && !Number.isNaN(Date.parse(created))) {
    n.createdAt = new Date(created).toISOString();
  }
  emitNoteEvent(ctx, n, user, "create");
  return n;
}

/** @internal edits a note's body: its author only (system notes never). */
export function editNote(ctx: RequestContext, n: NoteRec): void {
  const user = requireAuth(ctx);
  if (n.system || (n.authorId !== user.id && !user.admin)) throw forbidden();
  const body = str(ctx.params, "body");
  if (body !== undefined) {
    if (body.trim() === "") throw new HttpError(400, { message: { note: ["can't be blank"] } });
    const edited = body !== n.body;
    n.body = body;
    n.updatedAt = ctx.store.iso();
    if (edited) emitNoteEvent(ctx, n, user, "update");
  }
  ctx.store.bump();
}

/** @internal deletes a note: its author, maintainers and administrators. */
export function deleteNote(ctx: RequestContext, n: NoteRec): void {
  const user = requireAuth(ctx);
  if (n.system) throw forbidden();
  if (n.authorId !== user.id && projectAccess(user, n.target.p) < ACCESS.maintainer) throw forbidden();
  removeNote(ctx.store, n);
}

/** Registers the five note routes of one noteable kind under `base`. */
function registerFor(routes: RouteTable, base: string, type: "Issue" | "MergeRequest"): void {
  routes.on("GET", `${base}/notes`, (ctx) => {
    validate(ctx.params).pagination().oneOf("sort", ["asc", "desc"])
      .oneOf("order_by", ["created_at", "updated_at"]).check();
    const t = findNoteTarget(ctx, type);
    const rows = visibleNotes(ctx.store, t, ctx.user);
    sortNotes(rows, ctx);
    return paginateArray(ctx, rows, (n) => renderNote(ctx, n));
  });
  routes.on("POST", `${base}/notes`, (ctx) => {
    requireAuth(ctx);
    const t = findNoteTarget(ctx, type);
    const n = createUserNote(ctx, t);
    return jsonResponse(ctx.requestId, 201, renderNote(ctx, n));
  });
  routes.on("GET", `${base}/notes/:note_id`, (ctx) => {
    const t = findNoteTarget(ctx, type);
    return jsonResponse(ctx.requestId, 200, renderNote(ctx, findNote(ctx, t)));
  });
  routes.on("PUT", `${base}/notes/:note_id`, (ctx) => {
    requireAuth(ctx);
    const t = findNoteTarget(ctx, type);
    const n = findNote(ctx, t);
    editNote(ctx, n);
    return jsonResponse(ctx.requestId, 200, renderNote(ctx, n));
  });
  routes.on("DELETE", `${base}/notes/:note_id`, (ctx) => {
    requireAuth(ctx);
    const t = findNoteTarget(ctx, type);
    deleteNote(ctx, findNote(ctx, t));
    return noContent(ctx.requestId);
  });
}

/** @internal registers the note routes of issues and merge requests. */
export function registerNoteRoutes(routes: RouteTable): void {
  registerFor(routes, "/projects/:id/issues/:issue_iid", "Issue");
  registerFor(routes, "/projects/:id/merge_requests/:merge_request_iid", "MergeRequest");
}
