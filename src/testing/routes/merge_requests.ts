/**
 * Project merge requests: `GET /projects/:id/merge_requests`,
 * `GET /projects/:id/merge_requests/:merge_request_iid`, the renderer and the `addMergeRequest` builder.
 *
 * @module
 */

import { ACCESS, projectAccess } from "../access.ts";
import type { RenderContext, RequestContext } from "../context.ts";
import { pseudoHex } from "../encoding.ts";
import { bool, list, obj, str } from "../params.ts";
import { paginateArray } from "../pagination.ts";
import type { BranchRec, CommitRec, MrRec, ProjectRec, UserRec } from "../records.ts";
import { createBranch, ensureRepo, newSha } from "../repository.ts";
import { jsonResponse, notFound } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import { normalizeLabels, sortIssuables } from "../sorting.ts";
import type { Store } from "../store.ts";
import type { UserBasic } from "../../types/common.ts";
import type { DiffRefs, MergeRequest, MergeRequestDetail } from "../../types/merge_requests.ts";
import type { AddMergeRequestInput } from "../types.ts";
import { integerPathParam, validate } from "../validation.ts";
import { findProject } from "./projects.ts";
import { defaultOwner, renderUserBasicById } from "./users.ts";

/** @internal a merge request as the list routes return it (GitLab's `MergeRequestBasic` entity). */
export function renderMergeRequestBasic(view: RenderContext, p: ProjectRec, m: MrRec): MergeRequest {
  const author = renderUserBasicById(view, m.authorId) as UserBasic;
  const merged = renderUserBasicById(view, m.mergedById);
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
    user_notes_count: 0,
    upvotes: 0,
    downvotes: 0,
    author,
    assignees: [],
    assignee: null,
    reviewers: [],
    source_project_id: p.id,
    target_project_id: p.id,
    labels: m.labels,
    draft: m.draft,
    imported: false,
    imported_from: "none",
    work_in_progress: m.draft,
    milestone: null,
    merge_when_pipeline_succeeds: false,
    merge_status: m.state === "opened" ? "can_be_merged" : "unchecked",
    detailed_merge_status: m.state === "opened" ? (m.draft ? "draft_status" : "mergeable") : "not_open",
    merge_after: null,
    sha: m.sha,
    merge_commit_sha: m.state === "merged" ? pseudoHex(m.id * 104729, 40) : null,
    squash_commit_sha: null,
    discussion_locked: null,
    should_remove_source_branch: null,
    force_remove_source_branch: true,
    prepared_at: m.createdAt,
    reference: `!${m.iid}`,
    references: { short: `!${m.iid}`, relative: `!${m.iid}`, full: `${p.fullPath}!${m.iid}` },
    web_url: `${view.webUrl}/${p.fullPath}/-/merge_requests/${m.iid}`,
    time_stats: {
      time_estimate: 0,
      total_time_spent: 0,
      human_time_estimate: null,
      human_total_time_spent: null,
    },
    squash: false,
    squash_on_merge: false,
    task_completion_status: { count: 0, completed_count: 0 },
    has_conflicts: false,
    blocking_discussions_resolved: true,
  };
}

/** The ids of `c` and its first-parent ancestors, as far as the repository's branch heads know them. */
function firstParentChain(known: Map<string, CommitRec>, c: CommitRec): string[] {
  const ids: string[] = [];
  let cur: CommitRec | undefined = c;
  while (cur && !ids.includes(cur.id)) {
    ids.push(cur.id);
    const parent: string | undefined = cur.parentIds[0];
    if (parent === undefined) break;
    cur = known.get(parent);
    if (!cur) ids.push(parent);
  }
  return ids;
}

/** The diff SHAs of a merge request: the source head, the target head and (as far as known) their merge base. */
function diffRefs(p: ProjectRec, m: MrRec): DiffRefs | null {
  const target = p.repo?.branches.get(m.target);
  if (!target) return null;
  const source = p.repo?.branches.get(m.source);
  const known = new Map<string, CommitRec>();
  for (const b of p.repo?.branches.values() ?? []) known.set(b.commit.id, b.commit);
  const head = source?.commit.id ?? m.sha;
  const sourceChain = new Set(source ? firstParentChain(known, source.commit) : [m.sha]);
  const base = firstParentChain(known, target.commit).find((id) => sourceChain.has(id)) ?? target.commit.id;
  return { base_sha: base, head_sha: head, start_sha: target.commit.id };
}

/** Files that differ between two branch snapshots. */
function changedFiles(a: BranchRec, b: BranchRec): number {
  let n = 0;
  for (const [path, f] of a.files) if (b.files.get(path)?.lastCommitId !== f.lastCommitId) n++;
  for (const path of b.files.keys()) if (!a.files.has(path)) n++;
  return n;
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
  const source = p.repo?.branches.get(m.source);
  const target = p.repo?.branches.get(m.target);
  // `can_be_merged_by?`: may the user push to the target branch (maintainers only when it is protected)
  const needed = target?.protected ? ACCESS.maintainer : ACCESS.developer;
  const earlierMerged = p.mrs.some((x) => x !== m && x.authorId === m.authorId && x.state === "merged");
  return {
    ...renderMergeRequestBasic(view, p, m),
    subscribed: !!who && who.id === m.authorId,
    changes_count: source && target ? String(changedFiles(source, target)) : null,
    latest_build_started_at: null,
    latest_build_finished_at: null,
    first_deployed_to_production_at: null,
    pipeline: null,
    head_pipeline: null,
    diff_refs: diffRefs(p, m),
    merge_error: null,
    first_contribution: !earlierMerged,
    user: { can_merge: !!who && who.state === "active" && projectAccess(who, p) >= needed },
  };
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
  const at = store.iso();
  const last = p.mrs[p.mrs.length - 1];
  const state = m.state ?? "opened";
  const rec: MrRec = {
    id: store.nextId.mergeRequest++,
    iid: last ? last.iid + 1 : 1,
    title: m.title,
    description: m.description ?? null,
    state,
    createdAt: at,
    updatedAt: at,
    mergedAt: state === "merged" ? at : null,
    mergedById: state === "merged" ? author.id : null,
    closedAt: state === "closed" ? at : null,
    closedById: state === "closed" ? author.id : null,
    source: m.source_branch,
    target,
    labels: normalizeLabels(m.labels ?? []),
    authorId: author.id,
    draft: m.draft ?? /^(draft:|\[draft\]|wip:)/i.test(m.title),
    sha: repo.branches.get(m.source_branch)?.commit.id ?? newSha(store),
  };
  p.mrs.push(rec);
  p.lastActivityAt = at;
  store.bump();
  return rec;
}

/** `GET /projects/:id/merge_requests`. */
function listMergeRequests(ctx: RequestContext): Response {
  const store = ctx.store;
  const q = ctx.params;
  validate(q).pagination().oneOf("state", ["opened", "closed", "locked", "merged", "all"])
    .oneOf("sort", ["asc", "desc"]).integer("iids").check();
  const p = findProject(ctx);
  const state = str(q, "state") ?? "all";
  const labels = list(q, "labels")?.map((l) => l.toLowerCase());
  const not = obj(q, "not") ?? {};
  const notLabels = list(not, "labels")?.map((l) => l.toLowerCase());
  const target = str(q, "target_branch");
  const source = str(q, "source_branch");
  const author = str(q, "author_username")?.toLowerCase();
  const search = str(q, "search")?.toLowerCase();
  const iids = list(q, "iids")?.map(Number);
  const draft = bool(q, "draft") ?? (str(q, "wip") !== undefined ? str(q, "wip") === "yes" : undefined);
  const rows = p.mrs.filter((m) => {
    if (state !== "all" && m.state !== state) return false;
    if (labels && labels.length && !labels.every((l) => m.labels.some((x) => x.toLowerCase() === l))) {
      return false;
    }
    if (notLabels && notLabels.some((l) => m.labels.some((x) => x.toLowerCase() === l))) return false;
    if (target && m.target !== target) return false;
    if (source && m.source !== source) return false;
    if (author && store.usersById.get(m.authorId)?.username.toLowerCase() !== author) return false;
    if (search && !`${m.title} ${m.description ?? ""}`.toLowerCase().includes(search)) return false;
    if (iids && iids.length && !iids.includes(m.iid)) return false;
    if (draft !== undefined && m.draft !== draft) return false;
    return true;
  });
  sortIssuables(rows, q);
  return paginateArray(ctx, rows, (m) => renderMergeRequestBasic(ctx, p, m));
}

/** @internal registers the merge request routes. */
export function registerMergeRequestRoutes(routes: RouteTable): void {
  routes.on("GET", "/projects/:id/merge_requests", listMergeRequests);
  routes.on("GET", "/projects/:id/merge_requests/:merge_request_iid", (ctx) => {
    const iid = integerPathParam(ctx.pathParams, "merge_request_iid");
    const p = findProject(ctx);
    const m = p.mrs.find((x) => x.iid === iid);
    if (!m) throw notFound("Merge Request");
    return jsonResponse(ctx.requestId, 200, renderMergeRequest(ctx, p, m, ctx.user));
  });
}
