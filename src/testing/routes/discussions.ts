/**
 * Threads on issues and merge requests (GitLab's discussions): the notes of `notes.ts` grouped by thread,
 * so both lists always agree. `GET`/`POST …/discussions`, `GET …/discussions/:discussion_id`, `PUT` to
 * resolve a merge request thread, and the notes of a thread (`POST`/`GET`/`PUT`/`DELETE`).
 *
 * @module
 */

import { ACCESS, projectAccess, requireAuth } from "../access.ts";
import type { RenderContext, RequestContext } from "../context.ts";
import { bool, str } from "../params.ts";
import { paginateArray } from "../pagination.ts";
import type { UserRec } from "../records.ts";
import { badRequest, forbidden, jsonResponse, noContent, notFound } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import type { Discussion } from "../../types/notes.ts";
import { validate } from "../validation.ts";
import {
  createUserNote,
  deleteNote,
  editNote,
  findNote,
  findNoteTarget,
  type NoteRec,
  type NoteTarget,
  renderNote,
  visibleNotes,
} from "./notes.ts";

/** @internal a thread as GitLab's `Discussion` entity. */
export function renderDiscussion(view: RenderContext, id: string, notes: NoteRec[]): Discussion {
  return {
    id,
    individual_note: notes[0]?.individual ?? false,
    notes: notes.map((n) => renderNote(view, n)),
  };
}

/** The threads of `t` the viewer may see, in order of their first note. */
function threads(ctx: RequestContext, t: NoteTarget): Map<string, NoteRec[]> {
  const out = new Map<string, NoteRec[]>();
  for (const n of visibleNotes(ctx.store, t, ctx.user)) {
    const rows = out.get(n.discussionId);
    if (rows) rows.push(n);
    else out.set(n.discussionId, [n]);
  }
  return out;
}

/** The thread `:discussion_id` of `t`, or GitLab's 404. */
function findThread(ctx: RequestContext, t: NoteTarget): { id: string; notes: NoteRec[] } {
  const id = ctx.pathParams.discussion_id;
  const notes = threads(ctx, t).get(id);
  if (!notes) throw notFound("Discussion");
  return { id, notes };
}

/** Resolves or unresolves `notes` (the resolvable ones) as `user`. */
function setResolved(ctx: RequestContext, notes: NoteRec[], resolved: boolean, user: UserRec): void {
  const at = ctx.store.iso();
  for (const n of notes) {
    if (!n.resolvable) continue;
    n.resolvedById = resolved ? user.id : null;
    n.resolvedAt = resolved ? at : null;
  }
  ctx.store.bump();
}

/** May `user` resolve threads of `t`: developers and the merge request's author. */
function requireResolver(ctx: RequestContext, t: NoteTarget): UserRec {
  const user = requireAuth(ctx);
  if (t.authorId !== user.id && projectAccess(user, t.p) < ACCESS.developer) throw forbidden();
  return user;
}

/** Registers the thread routes of one noteable kind under `base`. */
function registerFor(routes: RouteTable, base: string, type: "Issue" | "MergeRequest"): void {
  const d = `${base}/discussions`;
  routes.on("GET", d, (ctx) => {
    validate(ctx.params).pagination().check();
    const t = findNoteTarget(ctx, type);
    const rows = [...threads(ctx, t)];
    return paginateArray(ctx, rows, ([id, notes]) => renderDiscussion(ctx, id, notes));
  });
  routes.on("POST", d, (ctx) => {
    requireAuth(ctx);
    const t = findNoteTarget(ctx, type);
    const n = createUserNote(ctx, t, { thread: true });
    return jsonResponse(ctx.requestId, 201, renderDiscussion(ctx, n.discussionId, [n]));
  });
  routes.on("GET", `${d}/:discussion_id`, (ctx) => {
    const t = findNoteTarget(ctx, type);
    const th = findThread(ctx, t);
    return jsonResponse(ctx.requestId, 200, renderDiscussion(ctx, th.id, th.notes));
  });
  routes.on("GET", `${d}/:discussion_id/notes`, (ctx) => {
    const t = findNoteTarget(ctx, type);
    const th = findThread(ctx, t);
    return paginateArray(ctx, th.notes, (n) => renderNote(ctx, n));
  });
  routes.on("POST", `${d}/:discussion_id/notes`, (ctx) => {
    requireAuth(ctx);
    const t = findNoteTarget(ctx, type);
    const th = findThread(ctx, t);
    const n = createUserNote(ctx, t, { discussionId: th.id });
    if (th.notes[0].individual) {
      // replying turns a single comment into a thread
      for (const x of th.notes) {
        x.individual = false;
        x.resolvable = type === "MergeRequest" && !x.system;
      }
      n.individual = false;
      n.resolvable = type === "MergeRequest";
    }
    return jsonResponse(ctx.requestId, 201, renderNote(ctx, n));
  });
  routes.on("GET", `${d}/:discussion_id/notes/:note_id`, (ctx) => {
    const t = findNoteTarget(ctx, type);
    const th = findThread(ctx, t);
    const n = findNote(ctx, t);
    if (n.discussionId !== th.id) throw notFound("Note");
    return jsonResponse(ctx.requestId, 200, renderNote(ctx, n));
  });
  routes.on("PUT", `${d}/:discussion_id/notes/:note_id`, (ctx) => {
    requireAuth(ctx);
    const t = findNoteTarget(ctx, type);
    const th = findThread(ctx, t);
    const n = findNote(ctx, t);
    if (n.discussionId !== th.id) throw notFound("Note");
    const resolved = bool(ctx.params, "resolved");
    if (str(ctx.params, "body") === undefined && resolved === undefined) {
      throw badRequest("body, resolved are missing, exactly one parameter must be provided");
    }
    if (resolved !== undefined && type === "MergeRequest") {
      const user = requireResolver(ctx, t);
      if (!n.resolvable) throw forbidden();
      setResolved(ctx, [n], resolved, user);
    } else editNote(ctx, n);
    return jsonResponse(ctx.requestId, 200, renderNote(ctx, n));
  });
  routes.on("DELETE", `${d}/:discussion_id/notes/:note_id`, (ctx) => {
    requireAuth(ctx);
    const t = findNoteTarget(ctx, type);
    const th = findThread(ctx, t);
    const n = findNote(ctx, t);
    if (n.discussionId !== th.id) throw notFound("Note");
    deleteNote(ctx, n);
    return noContent(ctx.requestId);
  });
  if (type === "MergeRequest") {
    routes.on("PUT", `${d}/:discussion_id`, (ctx) => {
      validate(ctx.params).required("resolved").check();
      const t = findNoteTarget(ctx, type);
      const user = requireResolver(ctx, t);
      const th = findThread(ctx, t);
      if (!th.notes.some((n) => n.resolvable)) throw forbidden();
      setResolved(ctx, th.notes, bool(ctx.params, "resolved") ?? false, user);
      return jsonResponse(ctx.requestId, 200, renderDiscussion(ctx, th.id, th.notes));
    });
  }
}

/** @internal registers the discussion routes of issues and merge requests. */
export function registerDiscussionRoutes(routes: RouteTable): void {
  registerFor(routes, "/projects/:id/issues/:issue_iid", "Issue");
  registerFor(routes, "/projects/:id/merge_requests/:merge_request_iid", "MergeRequest");
}
