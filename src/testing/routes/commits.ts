/**
 * Commits: `GET`/`POST /projects/:id/repository/commits`, `GET …/commits/:sha` (with `stats`), its `diff`,
 * `comments`, `refs`, `sequence`, `signature` and `statuses`, `POST …/commits/:sha/cherry_pick` and
 * `…/revert`, which make new commits on a branch, and `POST /projects/:id/statuses/:sha` (external statuses).
 *
 * @module
 */

import { ACCESS, requireAuth, requireProjectAccess } from "../access.ts";
import type { RenderContext, RequestContext } from "../context.ts";
import { bool, type Params, type ParamValue, str } from "../params.ts";
import { pageLink, pageParams, paginateArray } from "../pagination.ts";
import type { CommitRec, ProjectRec } from "../records.ts";
import {
  canPushToBranch,
  commitDiff,
  commitStats,
  ensureRepo,
  type FileAction,
  type FileDiff,
  filesAt,
  findCommit,
  history,
  isAncestor,
  newestFirst,
  reachableCommits,
  replayCommit,
  resolveRef,
  tagsOf,
  writeFiles,
} from "../repository.ts";
import { badRequest, HttpError, jsonResponse, notFound } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import type { Store } from "../store.ts";
import type {
  Commit,
  CommitDetail,
  CommitNote,
  CommitRef,
  CommitSequence,
  CommitStatus,
} from "../../types/commits.ts";
import type { PipelineStatus } from "../../types/pipelines.ts";
import type { Diff } from "../../types/merge_requests.ts";
import { validate } from "../validation.ts";
import { renderCommit } from "./branches.ts";
import { ciState, createPipeline, renderPipelineBasic } from "./pipelines.ts";
import { findProject } from "./projects.ts";
import { decodeContent } from "./repository_files.ts";
import { renderUserBasic } from "./users.ts";
import { BLANK_SHA, emitPushEvent } from "../webhook_delivery.ts";

/** @internal a commit as the commits list shows it (`stats` with `with_stats`). */
export function renderCommitFull(
  view: RenderContext,
  p: ProjectRec,
  c: CommitRec,
  withStats = false,
): Commit {
  const out: Commit = renderCommit(view, p, c);
  if (withStats) out.stats = commitStats(view.store, p, c);
  return out;
}

/** @internal a commit with its latest pipeline (GitLab's `CommitDetail` entity). */
export function renderCommitDetail(
  view: RenderContext,
  p: ProjectRec,
  c: CommitRec,
  includeStats = true,
): CommitDetail {
  const pipelines = ciState(view.store).pipelines.filter((pl) =>
    pl.projectId === p.id && pl.commit.id === c.id
  );
  const last = pipelines.length ? pipelines.reduce((a, b) => (b.id > a.id ? b : a)) : null;
  const out: CommitDetail = {
    ...renderCommit(view, p, c),
    status: last?.status ?? null,
    project_id: p.id,
    last_pipeline: last ? renderPipelineBasic(view, p, last) : null,
  };
  if (includeStats) out.stats = commitStats(view.store, p, c);
  return out;
}

/** @internal a file diff as GitLab's `Diff` entity shows it (`unidiff`: with `---`/`+++` headers). */
export function renderDiff(d: FileDiff, unidiff = false): Diff {
  const header = unidiff && d.diff !== ""
    ? `--- ${d.newFile ? "/dev/null" : `a/${d.oldPath}`}\n+++ ${
      d.deletedFile ? "/dev/null" : `b/${d.newPath}`
    }\n`
    : "";
  return {
    diff: header + d.diff,
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

/**
 * @internal an offset page without a total (GitLab's `without_count`): no `X-Total`, `X-Total-Pages` or
 * `rel="last"`; a full page has a next page.
 */
export function uncountedPage<T>(
  ctx: RequestContext,
  rows: readonly T[],
  render: (t: T) => unknown,
): Response {
  const { page, perPage } = pageParams(ctx.params);
  const start = (page - 1) * perPage;
  const items = rows.slice(start, start + perPage).map(render);
  const headers = new Headers();
  const hasNext = items.length === perPage;
  const hasPrev = page > 1;
  headers.set("x-page", String(page));
  headers.set("x-per-page", String(perPage));
  headers.set("x-prev-page", hasPrev ? String(page - 1) : "");
  headers.set("x-next-page", hasNext ? String(page + 1) : "");
  const pp = String(perPage);
  const links: string[] = [];
  if (hasPrev) links.push(`<${pageLink(ctx, { page: String(page - 1), per_page: pp })}>; rel="prev"`);
  if (hasNext) links.push(`<${pageLink(ctx, { page: String(page + 1), per_page: pp })}>; rel="next"`);
  links.push(`<${pageLink(ctx, { page: "1", per_page: pp })}>; rel="first"`);
  headers.set("link", links.join(", "));
  return jsonResponse(ctx.requestId, 200, items, headers);
}

/** A `DateTime` parameter: undefined when absent, a 400 `<key> is invalid` when not a date. */
function dateParam(q: Params, key: string): number | undefined {
  const s = str(q, key);
  if (s === undefined || s === "") return undefined;
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw badRequest(`${key} is invalid`);
  return t;
}

/** @internal the commit a `:sha` path parameter names (a SHA, branch or tag), or `404 Commit Not Found`. */
export function findCommitParam(ctx: RequestContext, p: ProjectRec): CommitRec {
  const ref = resolveRef(ctx.store, p, ctx.pathParams.sha);
  if (!ref) throw notFound("Commit");
  return ref.commit;
}

/** Whether commit `c` changed `path` (a file, or anything under a directory) against its first parent. */
function touches(store: Store, p: ProjectRec, c: CommitRec, path: string): boolean {
  const clean = path.replace(/^\/+|\/+$/g, "");
  return commitDiff(store, p, c).some((d) =>
    [d.oldPath, d.newPath].some((x) => x === clean || x.startsWith(`${clean}/`))
  );
}

/** `GET /projects/:id/repository/commits`. */
function listCommits(ctx: RequestContext): Response {
  validate(ctx.params).pagination().oneOf("order", ["default", "topo"]).check();
  const since = dateParam(ctx.params, "since");
  const until = dateParam(ctx.params, "until");
  const p = findProject(ctx);
  const store = ctx.store;
  const firstParent = bool(ctx.params, "first_parent") === true;
  let rows: CommitRec[];
  if (bool(ctx.params, "all")) {
    rows = [...reachableCommits(store, p).values()].sort(newestFirst);
  } else {
    const ref = resolveRef(store, p, str(ctx.params, "ref_name") || p.defaultBranch);
    rows = ref ? history(store, ref.commit, firstParent) : [];
  }
  const path = str(ctx.params, "path");
  const author = str(ctx.params, "author")?.toLowerCase();
  rows = rows.filter((c) => {
    const t = Date.parse(c.createdAt);
    if (since !== undefined && t < since) return false;
    if (until !== undefined && t > until) return false;
    if (author && !`${c.authorName} <${c.authorEmail}>`.toLowerCase().includes(author)) return false;
    if (path && !touches(store, p, c, path)) return false;
    return true;
  });
  const withStats = bool(ctx.params, "with_stats") === true;
  return uncountedPage(ctx, rows, (c) => renderCommitFull(ctx, p, c, withStats));
}

/** A parameter that is an object (an element of `actions`). */
function isRecord(v: ParamValue): v is { [key: string]: ParamValue } {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Blob);
}

/** `actions` of `POST /projects/:id/repository/commits`, validated as Grape does. */
function parseActions(q: Params): FileAction[] {
  const raw = Object.hasOwn(q, "actions") ? q.actions : undefined;
  const list = Array.isArray(raw) ? raw : isRecord(raw ?? null) ? Object.values(raw as Params) : null;
  if (!list || list.length === 0) throw badRequest("actions is missing");
  const errors: string[] = [];
  const out: FileAction[] = [];
  list.forEach((item, i) => {
    if (!isRecord(item)) {
      errors.push(`actions[${i}][action] is missing`);
      return;
    }
    const action = str(item, "action");
    const filePath = str(item, "file_path");
    if (action === undefined) errors.push(`actions[${i}][action] is missing`);
    else if (!["create", "update", "move", "delete", "chmod"].includes(action)) {
      errors.push(`actions[${i}][action] does not have a valid value`);
    }
    if (filePath === undefined || filePath === "") errors.push(`actions[${i}][file_path] is missing`);
    const encoding = str(item, "encoding");
    if (encoding !== undefined && !["text", "base64"].includes(encoding)) {
      errors.push(`actions[${i}][encoding] does not have a valid value`);
    }
    if (action === "move" && !str(item, "previous_path")) {
      errors.push(`actions[${i}][previous_path] is missing`);
    }
    if (action === "chmod" && bool(item, "execute_filemode") === undefined) {
      errors.push(`actions[${i}][execute_filemode] is missing`);
    }
    const content = str(item, "content");
    if (errors.length) return;
    out.push({
      action: action as FileAction["action"],
      filePath: filePath as string,
      previousPath: str(item, "previous_path"),
      content: content === undefined ? undefined : decodeContent(content, encoding),
      lastCommitId: str(item, "last_commit_id") || undefined,
      executeFilemode: bool(item, "execute_filemode"),
    });
  });
  if (errors.length) throw badRequest(errors.join(", "));
  return out;
}

/** GitLab's 403 when the user may not push to the branch. */
function pushForbidden(): HttpError {
  return new HttpError(403, { message: "403 Forbidden - You are not allowed to push into this branch" });
}

/** `POST /projects/:id/repository/commits`: one commit from `actions`. */
function postCommit(ctx: RequestContext): Response {
  requireAuth(ctx);
  validate(ctx.params).required("branch", { allowBlank: false }).required("commit_message")
    .required("actions").check();
  const p = findProject(ctx);
  const user = requireProjectAccess(ctx, p, ACCESS.developer);
  const branch = str(ctx.params, "branch") as string;
  if (!canPushToBranch(ctx.store, user, p, branch)) throw pushForbidden();
  const startBranch = str(ctx.params, "start_branch") || undefined;
  const startSha = str(ctx.params, "start_sha") || undefined;
  if (startBranch && startSha) throw badRequest("start_branch, start_sha are mutually exclusive");
  const actions = parseActions(ctx.params);
  const before = ensureRepo(ctx.store, p).branches.get(branch)?.commit.id ?? BLANK_SHA;
  const c = writeFiles(ctx.store, p, user, {
    branch,
    startBranch,
    startSha,
    message: str(ctx.params, "commit_message") as string,
    authorName: str(ctx.params, "author_name") || undefined,
    authorEmail: str(ctx.params, "author_email") || undefined,
    actions,
  });
  emitPushEvent(ctx.store, p, { ref: branch, before, after: c.id, commits: [c], user });
  return jsonResponse(ctx.requestId, 201, renderCommitDetail(ctx, p, c, bool(ctx.params, "stats") !== false));
}

/** `POST …/commits/:sha/cherry_pick` and `…/revert`. */
function replay(ctx: RequestContext, revert: boolean): Response {
  requireAuth(ctx);
  validate(ctx.params).required("branch", { allowBlank: false }).check();
  const p = findProject(ctx);
  const user = requireProjectAccess(ctx, p, ACCESS.developer);
  const branchName = str(ctx.params, "branch") as string;
  if (!canPushToBranch(ctx.store, user, p, branchName)) throw pushForbidden();
  const c = findCommitParam(ctx, p);
  const branch = ensureRepo(ctx.store, p).branches.get(branchName);
  if (!branch) throw notFound("Branch");
  const dryRun = bool(ctx.params, "dry_run") === true;
  const kind = revert ? "revert" : "cherry-pick";
  const failure = (code: "conflict" | "empty") => {
    const body: Record<string, string> = {
      message: `Sorry, we cannot ${kind} this commit automatically. This commit may already have been ` +
        `${
          revert ? "reverted" : "cherry-picked"
        }, or a more recent commit may have updated some of its content.`,
      error_code: code,
    };
    if (dryRun) body.dry_run = "error";
    return new HttpError(400, body);
  };
  const title = c.message.split("\n")[0];
  const message = revert
    ? `Revert "${title}"\n\nThis reverts commit ${c.id}.`
    : (str(ctx.params, "message") ||
      `${c.message.replace(/\n+$/, "")}\n\n(cherry picked from commit ${c.id})`);
  if (!revert && isAncestor(ctx.store, c, branch.commit)) throw failure("empty");
  if (dryRun) {
    // run the replay on a scratch copy: nothing is committed
    const scratch = { ...branch, files: new Map(branch.files) };
    const probe = probeReplay(ctx, p, scratch.files, c, revert);
    if (probe !== "ok") throw failure(probe);
    return jsonResponse(ctx.requestId, 200, { dry_run: "success" });
  }
  const before = branch.commit.id;
  const n = replayCommit(ctx.store, p, user, branch, c, {
    revert,
    message,
    conflict: () => failure("conflict"),
  });
  if (!n) throw failure("empty");
  emitPushEvent(ctx.store, p, { ref: branchName, before, after: n.id, commits: [n], user });
  return jsonResponse(ctx.requestId, 201, renderCommitFull(ctx, p, n));
}

/** Whether replaying `c` onto `files` would apply (`ok`), conflict or change nothing. */
function probeReplay(
  ctx: RequestContext,
  p: ProjectRec,
  files: Map<string, import("../records.ts").FileRec>,
  c: CommitRec,
  revert: boolean,
): "ok" | "conflict" | "empty" {
  let changed = false;
  for (const d of commitDiff(ctx.store, p, c)) {
    const after = filesAt(p, c).get(d.newPath);
    const parentId = c.parentIds[0];
    const parent = parentId ? findCommit(ctx.store, p, parentId) : null;
    const before = parent ? filesAt(p, parent).get(d.oldPath) : undefined;
    const [from, to] = revert ? [after, before] : [before, after];
    const cur = files.get(revert ? d.newPath : d.oldPath) ?? files.get(d.newPath);
    const same = (x?: Uint8Array, y?: Uint8Array) =>
      x === y || (!!x && !!y && x.length === y.length && x.every((b, i) => b === y[i]));
    if (same(cur?.content, to?.content)) continue;
    if (!same(cur?.content, from?.content)) return "conflict";
    changed = true;
  }
  return changed ? "ok" : "empty";
}

/** Comments on commits, by commit SHA (project-scoped). */
interface CommitCommentRec {
  /** Project id. */
  projectId: number;
  /** Commit SHA. */
  sha: string;
  /** Text. */
  note: string;
  /** File path, or null. */
  path: string | null;
  /** Line, or null. */
  line: number | null;
  /** Line side, or null. */
  lineType: "new" | "old" | null;
  /** Author id. */
  authorId: number;
  /** ISO creation time. */
  createdAt: string;
}

/** The commit comments of the store. */
function commitComments(store: Store): CommitCommentRec[] {
  return store.slot("repository.commitComments", () => [] as CommitCommentRec[]);
}

/** A commit comment as GitLab's `CommitNote` entity shows it. */
function renderCommitNote(view: RenderContext, n: CommitCommentRec): CommitNote {
  const author = view.store.usersById.get(n.authorId);
  return {
    note: n.note,
    path: n.path,
    line: n.line,
    line_type: n.lineType,
    author: author ? renderUserBasic(view, author) : (null as never),
    created_at: n.createdAt,
  };
}

/** `POST /projects/:id/repository/commits/:sha/comments`. */
function postComment(ctx: RequestContext): Response {
  requireAuth(ctx);
  const v = validate(ctx.params).required("note");
  const path = str(ctx.params, "path");
  if (path !== undefined) v.required("line").integer("line").oneOf("line_type", ["new", "old"]);
  v.check();
  const p = findProject(ctx);
  const user = requireProjectAccess(ctx, p, ACCESS.guest);
  const c = findCommitParam(ctx, p);
  const rec: CommitCommentRec = {
    projectId: p.id,
    sha: c.id,
    note: str(ctx.params, "note") as string,
    path: path ?? null,
    line: path !== undefined ? Number(str(ctx.params, "line")) : null,
    lineType: path !== undefined
      ? (str(ctx.params, "line_type") as "new" | "old" | undefined) ?? "new"
      : null,
    authorId: user.id,
    createdAt: ctx.store.iso(),
  };
  commitComments(ctx.store).push(rec);
  return jsonResponse(ctx.requestId, 201, renderCommitNote(ctx, rec));
}

/** `GET /projects/:id/repository/commits/:sha/refs`: branches, then tags, containing the commit. */
function listRefs(ctx: RequestContext): Response {
  validate(ctx.params).pagination().oneOf("type", ["branch", "tag", "all"]).check();
  const p = findProject(ctx);
  const c = findCommitParam(ctx, p);
  const type = str(ctx.params, "type") ?? "all";
  const refs: CommitRef[] = [];
  const byName = (
    a: { name: string },
    b: { name: string },
  ) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  if (type !== "tag") {
    for (const b of [...ensureRepo(ctx.store, p).branches.values()].sort(byName)) {
      if (isAncestor(ctx.store, c, b.commit)) refs.push({ type: "branch", name: b.name });
    }
  }
  if (type !== "branch") {
    for (const t of [...tagsOf(ctx.store, p).values()].sort(byName)) {
      if (isAncestor(ctx.store, c, t.commit)) refs.push({ type: "tag", name: t.name });
    }
  }
  return uncountedPage(ctx, refs, (r) => r);
}

/** An external commit status (`POST /projects/:id/statuses/:sha`). */
interface ExternalStatusRec {
  /** Status id (from the job sequence: GitLab's statuses and jobs share one table). */
  id: number;
  /** Project id. */
  projectId: number;
  /** Commit SHA. */
  sha: string;
  /** Ref. */
  ref: string | null;
  /** State. */
  status: PipelineStatus;
  /** Name (`context`). */
  name: string;
  /** Link to details. */
  targetUrl: string | null;
  /** Description. */
  description: string | null;
  /** Coverage. */
  coverage: number | null;
  /** Pipeline it belongs to. */
  pipelineId: number;
  /** Author's user id. */
  authorId: number;
  /** ISO creation time. */
  createdAt: string;
  /** ISO start time. */
  startedAt: string | null;
  /** ISO end time. */
  finishedAt: string | null;
}

/** The external statuses of the store. */
function externalStatuses(store: Store): ExternalStatusRec[] {
  return store.slot("repository.commitStatuses", () => [] as ExternalStatusRec[]);
}

/** The state-machine event GitLab fires for a target state. */
const STATUS_EVENTS: Record<string, string> = {
  pending: "enqueue",
  running: "run",
  success: "success",
  failed: "drop",
  canceled: "cancel",
  skipped: "skip",
};

/** Statuses an external status may not leave for `pending` or `running` (finished ones restart only by a retry). */
const FINISHED = ["success", "failed", "canceled", "skipped"];

/** An external status as GitLab's `CommitStatus` entity shows it. */
function renderExternalStatus(view: RenderContext, s: ExternalStatusRec): CommitStatus {
  const author = view.store.usersById.get(s.authorId);
  return {
    id: s.id,
    sha: s.sha,
    ref: s.ref,
    status: s.status,
    name: s.name,
    target_url: s.targetUrl,
    description: s.description,
    created_at: s.createdAt,
    started_at: s.startedAt,
    finished_at: s.finishedAt,
    allow_failure: false,
    coverage: s.coverage,
    pipeline_id: s.pipelineId,
    author: author ? renderUserBasic(view, author) : (null as never),
  };
}

/** `GET /projects/:id/repository/commits/:sha/statuses`: the commit's CI jobs and external statuses. */
function listStatuses(ctx: RequestContext): Response {
  validate(ctx.params).pagination().integer("pipeline_id").oneOf("order_by", ["id", "pipeline_id"])
    .oneOf("sort", ["asc", "desc"]).check();
  const p = findProject(ctx);
  const c = findCommitParam(ctx, p);
  const store = ctx.store;
  const ci = ciState(store);
  const pipelines = new Map(
    ci.pipelines.filter((pl) => pl.projectId === p.id && pl.commit.id === c.id).map((pl) => [pl.id, pl]),
  );
  const all = bool(ctx.params, "all") === true;
  let rows: CommitStatus[] = [];
  for (const j of ci.jobs) {
    const pl = pipelines.get(j.pipelineId);
    if (!pl || (!all && j.retried)) continue;
    const author = store.usersById.get(j.userId ?? pl.userId ?? p.creatorId);
    rows.push({
      id: j.id,
      sha: c.id,
      ref: pl.ref,
      status: j.status,
      name: j.name,
      target_url: null,
      description: null,
      created_at: j.createdAt,
      started_at: j.startedAt,
      finished_at: j.finishedAt,
      allow_failure: j.allowFailure,
      coverage: j.coverage,
      pipeline_id: pl.id,
      author: author ? renderUserBasic(ctx, author) : (null as never),
    });
  }
  for (const s of externalStatuses(store)) {
    if (s.projectId === p.id && s.sha === c.id) rows.push(renderExternalStatus(ctx, s));
  }
  const ref = str(ctx.params, "ref");
  const stage = str(ctx.params, "stage");
  const name = str(ctx.params, "name");
  const pipelineId = str(ctx.params, "pipeline_id");
  const stages = new Map(ci.jobs.map((j) => [j.id, j.stage]));
  rows = rows.filter((r) =>
    (!ref || r.ref === ref) && (!name || r.name === name) &&
    (!pipelineId || r.pipeline_id === Number(pipelineId)) &&
    (!stage || (stages.get(r.id) ?? "external") === stage)
  );
  const key = str(ctx.params, "order_by") === "pipeline_id" ? "pipeline_id" : "id";
  const dir = str(ctx.params, "sort") === "desc" ? -1 : 1;
  rows.sort((a, b) => (a[key] - b[key] || a.id - b.id) * dir);
  return paginateArray(ctx, rows, (r) => r);
}

/** `POST /projects/:id/statuses/:sha`: creates or moves an external status, on an `external` pipeline. */
function postStatus(ctx: RequestContext): Response {
  validate(ctx.params).required("state").oneOf("state", Object.keys(STATUS_EVENTS)).integer("pipeline_id")
    .check();
  const p = findProject(ctx);
  const user = requireProjectAccess(ctx, p, ACCESS.developer);
  const store = ctx.store;
  const c = findCommitParam(ctx, p);
  const state = str(ctx.params, "state") as PipelineStatus;
  const name = str(ctx.params, "name") || str(ctx.params, "context") || "default";
  let ref = str(ctx.params, "ref") || null;
  if (!ref) {
    const repo = ensureRepo(store, p);
    ref = [...repo.branches.values()].find((b) => isAncestor(store, c, b.commit))?.name ?? null;
  }
  const ci = ciState(store);
  const pipelineParam = str(ctx.params, "pipeline_id");
  const candidates = ci.pipelines.filter((pl) =>
    pl.projectId === p.id && pl.commit.id === c.id && (ref === null || pl.ref === ref) &&
    (!pipelineParam || pl.id === Number(pipelineParam))
  );
  if (pipelineParam && candidates.length === 0) throw notFound("Pipeline");
  const pipeline = candidates.length
    ? candidates.reduce((a, b) => (b.id > a.id ? b : a))
    : createPipeline(store, p, {
      ref: ref ?? p.defaultBranch,
      commit: c,
      source: "external",
      user,
      template: [],
    });
  const statuses = externalStatuses(store);
  let s = statuses.find((x) => x.pipelineId === pipeline.id && x.name === name && x.ref === ref);
  const now = store.iso();
  if (s && (s.status === state || (FINISHED.includes(s.status) && !FINISHED.includes(state)))) {
    const event = STATUS_EVENTS[state];
    throw new HttpError(400, {
      message:
        `Cannot transition status via :${event} from :${s.status} (Reason(s): Status cannot transition via "${event}")`,
    });
  }
  if (!s) {
    s = {
      id: store.nextIdOf("job"),
      projectId: p.id,
      sha: c.id,
      ref,
      status: state,
      name,
      targetUrl: null,
      description: null,
      coverage: null,
      pipelineId: pipeline.id,
      authorId: user.id,
      createdAt: now,
      startedAt: null,
      finishedAt: null,
    };
    statuses.push(s);
  }
  s.status = state;
  const targetUrl = str(ctx.params, "target_url");
  if (targetUrl !== undefined) s.targetUrl = targetUrl;
  const description = str(ctx.params, "description");
  if (description !== undefined) s.description = description;
  const coverage = str(ctx.params, "coverage");
  if (coverage !== undefined && coverage !== "") s.coverage = Number(coverage);
  if (state === "running") s.startedAt ??= now;
  if (FINISHED.includes(state)) {
    s.startedAt ??= state === "success" || state === "failed" ? now : s.startedAt;
    s.finishedAt = now;
  }
  if (pipeline.source === "external") {
    const mine = statuses.filter((x) => x.pipelineId === pipeline.id).map((x) => x.status);
    pipeline.status = mine.includes("running")
      ? "running"
      : mine.includes("pending")
      ? "pending"
      : mine.includes("failed")
      ? "failed"
      : mine.includes("canceled")
      ? "canceled"
      : mine.every((x) => x === "skipped")
      ? "skipped"
      : "success";
    pipeline.updatedAt = now;
  }
  return jsonResponse(ctx.requestId, 201, renderExternalStatus(ctx, s));
}

/** @internal registers the commit routes. */
export function registerCommitRoutes(routes: RouteTable): void {
  const base = "/projects/:id/repository/commits";
  routes.on("GET", base, listCommits);
  routes.on("POST", base, postCommit);
  routes.on("GET", `${base}/:sha`, (ctx) => {
    const p = findProject(ctx);
    const c = findCommitParam(ctx, p);
    return jsonResponse(
      ctx.requestId,
      200,
      renderCommitDetail(ctx, p, c, bool(ctx.params, "stats") !== false),
    );
  });
  routes.on("GET", `${base}/:sha/diff`, (ctx) => {
    validate(ctx.params).pagination().check();
    const p = findProject(ctx);
    const c = findCommitParam(ctx, p);
    const unidiff = bool(ctx.params, "unidiff") === true;
    return paginateArray(ctx, commitDiff(ctx.store, p, c), (d) => renderDiff(d, unidiff));
  });
  routes.on("GET", `${base}/:sha/comments`, (ctx) => {
    validate(ctx.params).pagination().check();
    const p = findProject(ctx);
    const c = findCommitParam(ctx, p);
    const rows = commitComments(ctx.store).filter((n) => n.projectId === p.id && n.sha === c.id);
    return paginateArray(ctx, rows, (n) => renderCommitNote(ctx, n));
  });
  routes.on("POST", `${base}/:sha/comments`, postComment);
  routes.on("GET", `${base}/:sha/refs`, listRefs);
  routes.on("GET", `${base}/:sha/sequence`, (ctx) => {
    const p = findProject(ctx);
    const c = findCommitParam(ctx, p);
    const body: CommitSequence = {
      count: history(ctx.store, c, bool(ctx.params, "first_parent") === true).length,
    };
    return jsonResponse(ctx.requestId, 200, body);
  });
  routes.on("GET", `${base}/:sha/signature`, (ctx) => {
    const p = findProject(ctx);
    findCommitParam(ctx, p);
    throw notFound("Signature");
  });
  routes.on("GET", `${base}/:sha/statuses`, listStatuses);
  routes.on("POST", "/projects/:id/statuses/:sha", postStatus);
  routes.on("POST", `${base}/:sha/cherry_pick`, (ctx) => replay(ctx, false));
  routes.on("POST", `${base}/:sha/revert`, (ctx) => replay(ctx, true));
}
