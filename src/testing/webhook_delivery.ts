/**
 * Webhook delivery: when something happens in a project, the simulator finds the project's hooks and
 * those of its ancestor groups whose event flag is on (for pushes, whose branch filter matches), builds
 * the request GitLab's `WebHookService` sends (headers and a payload of the library's own webhook event
 * type) and delivers it after the triggering API call has answered, through the simulator's
 * `webhooks` handler or, without one, with the global `fetch`. Every delivery is recorded.
 *
 * Bounded: one delivery per hook per event, no retries, a 10 second timeout on network deliveries and
 * a log of at most {@linkcode DELIVERY_LOG_CAP} entries.
 *
 * @module
 */

import type { RenderContext, RequestContext } from "./context.ts";
import type { CommitRec, IssueRec, MrRec, ProjectRec, UserRec } from "./records.ts";
import {
  commitById,
  commitDiff,
  isProtectedBranch,
  isProtectedTag,
  refPatternMatches,
} from "./repository.ts";
import type { RouteHandler, RouteTable } from "./router.ts";
import type { Store } from "./store.ts";
import type {
  SimWebhookDelivery,
  SimWebhookEventHeader,
  SimWebhookHandler,
  SimWebhookPayload,
} from "./types.ts";
import { type HookRec, hookState } from "./routes/hooks.ts";
import { humanDuration } from "./routes/issues.ts";
import { labelInProject } from "./routes/labels.ts";
import { approvalsOf } from "./routes/merge_request_approvals.ts";
import { renderMergeRequestBasic } from "./routes/merge_requests.ts";
import type { NoteRec } from "./routes/notes.ts";
import {
  ciState,
  detailedStatus,
  type JobRec,
  pipelineJobs,
  type PipelineRec,
  secondsBetween,
} from "./routes/pipelines.ts";
import { runnerState } from "./routes/runners.ts";
import { SIMULATED_VERSION } from "./routes/version.ts";
import type {
  CiStatus,
  JobEvent,
  PipelineBuild,
  PipelineEvent,
  PipelineSource,
} from "../webhooks/events_ci.ts";
import type {
  PushCommit,
  WebhookCommit,
  WebhookLabel,
  WebhookProject,
  WebhookRepository,
  WebhookRunner,
  WebhookUser,
} from "../webhooks/events_common.ts";
import type { PushEvent, TagPushEvent } from "../webhooks/events_repository.ts";
import type {
  IssueAttributes,
  IssueChanges,
  IssueEvent,
  MergeRequestAction,
  MergeRequestAttributes,
  MergeRequestChanges,
  MergeRequestEvent,
  NoteEvent,
} from "../webhooks/events_work.ts";

/** @internal the delivery log keeps at most this many entries (oldest dropped first). */
export const DELIVERY_LOG_CAP = 1000;
/** GitLab's webhook timeout (`webhook_timeout`, default 10 s). */
const DELIVERY_TIMEOUT_MS = 10_000;
/** GitLab puts at most 20 commits in a push payload. */
const PUSH_COMMITS_LIMIT = 20;
/** @internal the all-zeros SHA of a created (`before`) or deleted (`after`) ref. */
export const BLANK_SHA = "0000000000000000000000000000000000000000";

/** @internal the delivery state of a simulator (the `webhook-deliveries` slot of its store). */
export interface WebhookDeliveryState {
  /** Where deliveries go; null: the hook URL, with the global `fetch`. */
  transport: SimWebhookHandler | null;
  /** GitLab's "allow requests to the local network from webhooks". */
  allowLocal: boolean;
  /** Deliveries, oldest first. */
  deliveries: SimWebhookDelivery[];
  /** Deliveries not settled yet. */
  inflight: Set<Promise<void>>;
}

/**
 * @internal the delivery state of `store`; `init` (given when the simulator is created) sets the
 * transport and the local-network option.
 */
export function webhookDeliveryState(
  store: Store,
  init?: { transport?: SimWebhookHandler; allowLocal?: boolean },
): WebhookDeliveryState {
  const s = store.slot<WebhookDeliveryState>("webhook-deliveries", () => ({
    transport: null,
    allowLocal: false,
    deliveries: [],
    inflight: new Set(),
  }));
  if (init) {
    s.transport = init.transport ?? null;
    s.allowLocal = init.allowLocal ?? false;
  }
  return s;
}

/** @internal resolves once every delivery started so far (and any they started) has settled. */
export async function flushWebhookDeliveries(store: Store): Promise<void> {
  const s = webhookDeliveryState(store);
  for (let guard = 0; s.inflight.size > 0 && guard < 100; guard++) {
    await Promise.allSettled([...s.inflight]);
  }
}

// ----- hooks and requests --------------------------------------------------------------------------

/** The hooks of a project and of its ancestor groups, nearest first. */
function hooksOfProject(store: Store, p: ProjectRec): { h: HookRec; kind: "project" | "group" }[] {
  const state = hookState(store);
  const out: { h: HookRec; kind: "project" | "group" }[] = (state.project.get(p.id) ?? []).map((h) => ({
    h,
    kind: "project",
  }));
  let guard = 0;
  for (let g = p.ns.kind === "group" ? p.ns.group : null; g && guard++ < 100; g = g.parent) {
    for (const h of state.group.get(g.id) ?? []) out.push({ h, kind: "group" });
  }
  return out;
}

/** @internal whether a push to `branch` passes the hook's branch filter (GitLab's `ActiveHookFilter`). */
export function branchFilterMatches(h: HookRec, branch: string): boolean {
  if (h.strategy === "all_branches" || h.branchFilter === null || h.branchFilter === "") return true;
  if (h.strategy === "regex") {
    try {
      return new RegExp(h.branchFilter).test(branch);
    } catch {
      return false;
    }
  }
  return refPatternMatches(h.branchFilter, branch);
}

/** Host names that never resolve (RFC 2606 / 6761): a network delivery to them fails at once. */
function reservedHost(url: string): boolean {
  try {
    const host = new URL(url).hostname.toLowerCase().replace(/\.$/, "");
    return /(^|\.)(example|test|invalid)$/.test(host);
  } catch {
    return true;
  }
}

/** Sends one request and records its outcome. */
async function send(s: WebhookDeliveryState, rec: SimWebhookDelivery, request: Request): Promise<void> {
  const started = Date.now();
  try {
    let res: Response;
    if (s.transport) res = await s.transport(request);
    else if (reservedHost(rec.url)) {
      throw new TypeError(`could not resolve host ${new URL(rec.url).hostname} (reserved name)`);
    } else {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), DELIVERY_TIMEOUT_MS);
      try {
        res = await fetch(request, { signal: controller.signal });
      } finally {
        clearTimeout(timer);
      }
    }
    if (!(res instanceof Response)) throw new TypeError("the webhook handler did not answer a Response");
    rec.status = res.status;
    await res.body?.cancel().catch(() => {});
  } catch (e) {
    rec.error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  } finally {
    rec.durationMs = Date.now() - started;
  }
}

/**
 * @internal delivers `payload` under `header` to every hook of `p` (and of its groups) whose `flag` is
 * on and that `accept` lets through; each delivery starts after the current handler has answered.
 */
export function deliverEvent(
  view: RenderContext,
  p: ProjectRec,
  header: SimWebhookEventHeader,
  flag: string,
  payload: SimWebhookPayload,
  accept: (h: HookRec) => boolean = () => true,
): void {
  const store = view.store;
  const hooks = hooksOfProject(store, p).filter(({ h }) =>
    h.events[flag] === true && h.url !== "" && accept(h)
  );
  if (hooks.length === 0) return;
  const s = webhookDeliveryState(store);
  const body = JSON.stringify(payload);
  const eventUuid = crypto.randomUUID();
  for (const { h, kind } of hooks) {
    const webhookUuid = crypto.randomUUID();
    const headers = new Headers();
    headers.set("Content-Type", "application/json");
    headers.set("User-Agent", `GitLab/${SIMULATED_VERSION}`);
    headers.set("Idempotency-Key", crypto.randomUUID());
    headers.set("X-Gitlab-Event", header);
    headers.set("X-Gitlab-Webhook-UUID", webhookUuid);
    headers.set("X-Gitlab-Instance", view.webUrl);
    headers.set("X-Gitlab-Event-UUID", eventUuid);
    if (h.token !== null) headers.set("X-Gitlab-Token", h.token);
    for (const [k, v] of h.customHeaders) {
      try {
        headers.set(k, v);
      } catch {
        // a header name or value fetch refuses is left out
      }
    }
    const url = resolveUrlVariables(h);
    const rec: SimWebhookDelivery = {
      event: header,
      hookId: h.id,
      hookKind: kind,
      url,
      headers: Object.fromEntries(headers),
      payload: JSON.parse(body) as SimWebhookPayload,
      status: null,
      error: null,
      at: store.iso(),
      durationMs: null,
    };
    s.deliveries.push(rec);
    if (s.deliveries.length > DELIVERY_LOG_CAP) {
      s.deliveries.splice(0, s.deliveries.length - DELIVERY_LOG_CAP);
    }
    let request: Request;
    try {
      request = new Request(url, { method: "POST", headers, body });
    } catch (e) {
      rec.error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      continue;
    }
    // after the current handler has answered, like GitLab's `WebHookWorker`
    const job: Promise<void> = Promise.resolve().then(() => send(s, rec, request)).finally(() =>
      s.inflight.delete(job)
    );
    s.inflight.add(job);
  }
}

/** The hook URL with its `{name}` URL variables filled in. */
function resolveUrlVariables(h: HookRec): string {
  if (h.urlVariables.size === 0) return h.url;
  return h.url.replace(/\{([A-Za-z0-9_]+)\}/g, (all, k: string) => h.urlVariables.get(k) ?? all);
}

// ----- payload parts -------------------------------------------------------------------------------

/** ISO time without milliseconds (`2024-01-02T03:04:05Z`), as issue and merge request hooks write it. */
function isoZ(iso: string): string;
function isoZ(iso: string | null): string | null;
function isoZ(iso: string | null): string | null {
  return iso === null ? null : iso.replace(/\.\d+Z$/, "Z");
}

/** `2024-01-02 03:04:05 UTC`, as pipeline, job and comment hooks write times. */
function utc(iso: string): string;
function utc(iso: string | null): string | null;
function utc(iso: string | null): string | null {
  return iso === null ? null : `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

function webOf(view: RenderContext, p: ProjectRec): string {
  return `${view.webUrl}/${p.fullPath}`;
}

function sshOf(view: RenderContext, p: ProjectRec): string {
  let host: string;
  try {
    host = new URL(view.webUrl).hostname;
  } catch {
    host = view.webUrl.replace(/^https?:\/\//, "");
  }
  return `git@${host}:${p.fullPath}.git`;
}

const VISIBILITY_LEVEL = { private: 0, internal: 10, public: 20 } as const;

/** @internal a user as hooks describe them (`user.hook_attrs`). */
export function webhookUser(u: UserRec): WebhookUser {
  return { id: u.id, name: u.name, username: u.username, avatar_url: null, email: "[REDACTED]" };
}

function webhookUserById(store: Store, id: number | null | undefined): WebhookUser | null {
  const u = id === null || id === undefined ? undefined : store.usersById.get(id);
  return u ? webhookUser(u) : null;
}

function usersById(store: Store, ids: readonly number[]): WebhookUser[] {
  return ids.map((id) => webhookUserById(store, id)).filter((u): u is WebhookUser => u !== null);
}

/** @internal a project as hooks describe it (`project.hook_attrs`). */
export function webhookProject(view: RenderContext, p: ProjectRec): WebhookProject {
  const web = webOf(view, p);
  const ssh = sshOf(view, p);
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    web_url: web,
    avatar_url: null,
    git_ssh_url: ssh,
    git_http_url: `${web}.git`,
    namespace: p.ns.kind === "group" ? p.ns.group.name : p.ns.user.name,
    visibility_level: VISIBILITY_LEVEL[p.visibility],
    path_with_namespace: p.fullPath,
    default_branch: p.defaultBranch,
    ci_config_path: null,
    homepage: web,
    url: ssh,
    ssh_url: ssh,
    http_url: `${web}.git`,
  };
}

function webhookRepository(view: RenderContext, p: ProjectRec): WebhookRepository {
  const web = webOf(view, p);
  return {
    name: p.name,
    url: sshOf(view, p),
    description: p.description,
    homepage: web,
    git_http_url: `${web}.git`,
    git_ssh_url: sshOf(view, p),
    visibility_level: VISIBILITY_LEVEL[p.visibility],
  };
}

/** A small stable number from a string (ids of labels the simulator has no record of). */
function stableId(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return 100_000 + ((h >>> 0) % 900_000);
}

function webhookLabels(view: RenderContext, p: ProjectRec, names: readonly string[]): WebhookLabel[] {
  return names.map((name): WebhookLabel => {
    const l = labelInProject(view.store, p, name);
    const at = isoZ(p.createdAt);
    return {
      id: l?.id ?? stableId(`${p.id}:${name}`),
      title: name,
      color: l?.color ?? "#6699cc",
      project_id: l ? l.projectId : p.id,
      created_at: at,
      updated_at: at,
      template: false,
      description: l?.description ?? null,
      type: l && l.groupId !== null ? "GroupLabel" : "ProjectLabel",
      group_id: l ? l.groupId : null,
    };
  });
}

/** @internal a commit as comment, pipeline and merge request hooks describe it. */
export function webhookCommit(view: RenderContext, p: ProjectRec, c: CommitRec): WebhookCommit {
  return {
    id: c.id,
    message: c.message,
    title: c.message.split("\n")[0],
    timestamp: isoZ(c.createdAt),
    url: `${webOf(view, p)}/-/commit/${c.id}`,
    author: { name: c.authorName, email: c.authorEmail },
  };
}

function pushCommit(view: RenderContext, p: ProjectRec, c: CommitRec): PushCommit {
  const added: string[] = [];
  const modified: string[] = [];
  const removed: string[] = [];
  try {
    for (const d of commitDiff(view.store, p, c)) {
      if (d.newFile) added.push(d.newPath);
      else if (d.deletedFile) removed.push(d.oldPath);
      else if (d.renamedFile) {
        removed.push(d.oldPath);
        added.push(d.newPath);
      } else modified.push(d.newPath);
    }
  } catch {
    // a commit whose tree is unknown lists no paths
  }
  return { ...webhookCommit(view, p, c), added, modified, removed };
}

// ----- issues --------------------------------------------------------------------------------------

/** @internal an issue as hooks describe it (`issue.hook_attrs`). */
export function issueHookAttrs(
  view: RenderContext,
  p: ProjectRec,
  i: IssueRec,
  updatedById: number | null = null,
): IssueAttributes {
  return {
    author_id: i.authorId,
    closed_at: isoZ(i.closedAt),
    confidential: i.confidential ?? false,
    created_at: isoZ(i.createdAt),
    description: i.description,
    discussion_locked: i.discussionLocked ?? null,
    due_date: i.dueDate ?? null,
    id: i.id,
    iid: i.iid,
    last_edited_at: null,
    last_edited_by_id: null,
    milestone_id: i.milestoneId ?? null,
    moved_to_id: i.movedToId ?? null,
    duplicated_to_id: null,
    project_id: p.id,
    relative_position: null,
    state_id: i.state === "opened" ? 1 : 2,
    time_estimate: i.timeEstimate ?? 0,
    title: i.title,
    updated_at: isoZ(i.updatedAt),
    updated_by_id: updatedById,
    weight: null,
    health_status: null,
    type: "Issue",
    url: `${webOf(view, p)}/-/issues/${i.iid}`,
    total_time_spent: i.timeSpent ?? 0,
    time_change: 0,
    human_total_time_spent: humanDuration(i.timeSpent ?? 0),
    human_time_change: null,
    human_time_estimate: humanDuration(i.timeEstimate ?? 0),
    assignee_ids: [...i.assigneeIds],
    assignee_id: i.assigneeIds[0] ?? null,
    labels: webhookLabels(view, p, i.labels),
    state: i.state,
    severity: "unknown",
  };
}

/** @internal what a hook needs to tell an issue's changes: its attributes before the change. */
export interface IssueSnapshot {
  /** The hook attributes before. */
  attrs: IssueAttributes;
  /** The assignees before. */
  assignees: WebhookUser[];
}

/** @internal the issue's hook attributes now, to diff against after an update. */
export function snapshotIssue(view: RenderContext, p: ProjectRec, i: IssueRec): IssueSnapshot {
  return { attrs: issueHookAttrs(view, p, i), assignees: usersById(view.store, i.assigneeIds) };
}

/** Attributes whose change a `changes` map reports (GitLab leaves out derived ones). */
const ISSUE_DIFF_KEYS = [
  "title",
  "description",
  "state_id",
  "closed_at",
  "confidential",
  "discussion_locked",
  "due_date",
  "milestone_id",
  "moved_to_id",
  "time_estimate",
  "total_time_spent",
] as const;

function changed(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) !== JSON.stringify(b);
}

/**
 * @internal delivers an `Issue Hook` (`Confidential Issue Hook` for a confidential issue) for `action`
 * by `user`; for an update, `before` tells what changed (nothing changed: no delivery).
 */
export function emitIssueEvent(
  view: RenderContext,
  p: ProjectRec,
  i: IssueRec,
  user: UserRec,
  action: "open" | "update" | "close" | "reopen",
  before?: IssueSnapshot,
): void {
  const attrs = issueHookAttrs(view, p, i, action === "open" ? null : user.id);
  const assignees = usersById(view.store, i.assigneeIds);
  const changes: IssueChanges = {};
  if (before) {
    const c = changes as Record<string, unknown>;
    for (const k of ISSUE_DIFF_KEYS) {
      if (changed(before.attrs[k], attrs[k])) c[k] = { previous: before.attrs[k] ?? null, current: attrs[k] };
    }
    if (changed(before.attrs.labels.map((l) => l.title), attrs.labels.map((l) => l.title))) {
      changes.labels = { previous: before.attrs.labels, current: attrs.labels };
    }
    if (changed(before.attrs.assignee_ids, attrs.assignee_ids)) {
      changes.assignees = { previous: before.assignees, current: assignees };
    }
    if (Object.keys(changes).length === 0 && action === "update") return;
    changes.updated_at = { previous: before.attrs.updated_at, current: attrs.updated_at };
    if (action !== "open") {
      changes.updated_by_id = { previous: before.attrs.updated_by_id ?? null, current: user.id };
    }
  } else if (action === "open") {
    changes.author_id = { previous: null, current: i.authorId };
    changes.created_at = { previous: null, current: attrs.created_at };
    changes.description = { previous: null, current: i.description };
    changes.id = { previous: null, current: i.id };
    changes.iid = { previous: null, current: i.iid };
    changes.project_id = { previous: null, current: p.id };
    changes.title = { previous: null, current: i.title };
    changes.updated_at = { previous: null, current: attrs.updated_at };
  }
  const confidential = i.confidential === true;
  const payload: IssueEvent = {
    object_kind: "issue",
    event_type: confidential ? "confidential_issue" : "issue",
    user: webhookUser(user),
    project: webhookProject(view, p),
    object_attributes: { ...attrs, action },
    labels: attrs.labels,
    changes,
    repository: webhookRepository(view, p),
    assignees,
  };
  if (assignees[0]) payload.assignee = assignees[0];
  deliverEvent(
    view,
    p,
    confidential ? "Confidential Issue Hook" : "Issue Hook",
    confidential ? "confidential_issues_events" : "issues_events",
    payload,
  );
}

// ----- merge requests ------------------------------------------------------------------------------

function mrLastCommit(view: RenderContext, p: ProjectRec, m: MrRec): WebhookCommit {
  const c = p.repo?.branches.get(m.source)?.commit ?? commitById(view.store, m.sha);
  if (c) return webhookCommit(view, p, c);
  return {
    id: m.sha,
    message: m.title,
    title: m.title,
    timestamp: isoZ(m.updatedAt),
    url: `${webOf(view, p)}/-/commit/${m.sha}`,
    author: { name: "", email: "[REDACTED]" },
  };
}

const MR_STATE_ID = { opened: 1, closed: 2, merged: 3 } as const;

/** @internal a merge request as hooks describe it (`merge_request.hook_attrs`). */
export function mergeRequestHookAttrs(
  view: RenderContext,
  p: ProjectRec,
  m: MrRec,
  updatedById: number | null = null,
): MergeRequestAttributes {
  const project = webhookProject(view, p);
  const source = p.repo?.branches.get(m.source);
  const basic = renderMergeRequestBasic(view, p, m);
  const pipelines = ciState(view.store).pipelines.filter((pl) =>
    pl.projectId === p.id && pl.ref === m.source && pl.commit.id === (source?.commit.id ?? m.sha)
  );
  return {
    assignee_id: m.assigneeIds?.[0] ?? null,
    author_id: m.authorId,
    created_at: isoZ(m.createdAt),
    description: m.description,
    draft: m.draft,
    head_pipeline_id: pipelines[pipelines.length - 1]?.id ?? null,
    id: m.id,
    iid: m.iid,
    last_edited_at: null,
    last_edited_by_id: null,
    merge_commit_sha: m.state === "merged" ? m.mergeCommitSha ?? null : null,
    merge_error: m.mergeError ?? null,
    merge_status: basic.merge_status,
    merge_user_id: m.mergedById,
    merge_when_pipeline_succeeds: false,
    milestone_id: m.milestoneId ?? null,
    source_branch: m.source,
    source_project_id: p.id,
    state_id: MR_STATE_ID[m.state],
    target_branch: m.target,
    target_project_id: p.id,
    time_estimate: m.timeEstimate ?? 0,
    title: m.title,
    updated_at: isoZ(m.updatedAt),
    updated_by_id: updatedById,
    prepared_at: isoZ(m.createdAt),
    assignee_ids: [...(m.assigneeIds ?? [])],
    blocking_discussions_resolved: true,
    detailed_merge_status: basic.detailed_merge_status,
    first_contribution: false,
    human_time_change: null,
    human_time_estimate: humanDuration(m.timeEstimate ?? 0),
    human_total_time_spent: humanDuration(m.timeSpent ?? 0),
    labels: webhookLabels(view, p, m.labels),
    last_commit: mrLastCommit(view, p, m),
    reviewer_ids: [...(m.reviewerIds ?? [])],
    source: project,
    state: m.state,
    target: project,
    time_change: 0,
    total_time_spent: m.timeSpent ?? 0,
    url: `${webOf(view, p)}/-/merge_requests/${m.iid}`,
    work_in_progress: m.draft,
  };
}

/** @internal what a hook needs to tell a merge request's changes. */
export interface MergeRequestSnapshot {
  /** The hook attributes before. */
  attrs: MergeRequestAttributes;
  /** Assignees before. */
  assignees: WebhookUser[];
  /** Reviewers before. */
  reviewers: WebhookUser[];
}

/** @internal the merge request's hook attributes now, to diff against after an update. */
export function snapshotMergeRequest(view: RenderContext, p: ProjectRec, m: MrRec): MergeRequestSnapshot {
  return {
    attrs: mergeRequestHookAttrs(view, p, m),
    assignees: usersById(view.store, m.assigneeIds ?? []),
    reviewers: usersById(view.store, m.reviewerIds ?? []),
  };
}

const MR_DIFF_KEYS = [
  "title",
  "description",
  "state_id",
  "target_branch",
  "draft",
  "work_in_progress",
  "milestone_id",
  "merge_commit_sha",
  "merge_user_id",
  "time_estimate",
  "total_time_spent",
] as const;

/**
 * @internal delivers a `Merge Request Hook` for `action` by `user`; for an update, `before` tells what
 * changed (nothing changed: no delivery).
 */
export function emitMergeRequestEvent(
  view: RenderContext,
  p: ProjectRec,
  m: MrRec,
  user: UserRec,
  action: MergeRequestAction,
  before?: MergeRequestSnapshot,
): void {
  const attrs = mergeRequestHookAttrs(view, p, m, action === "open" ? null : user.id);
  const assignees = usersById(view.store, m.assigneeIds ?? []);
  const reviewers = usersById(view.store, m.reviewerIds ?? []);
  const changes: MergeRequestChanges = {};
  if (before) {
    const c = changes as Record<string, unknown>;
    for (const k of MR_DIFF_KEYS) {
      if (changed(before.attrs[k], attrs[k])) c[k] = { previous: before.attrs[k] ?? null, current: attrs[k] };
    }
    if (changed(before.attrs.labels?.map((l) => l.title), attrs.labels?.map((l) => l.title))) {
      changes.labels = { previous: before.attrs.labels ?? [], current: attrs.labels ?? [] };
    }
    if (changed(before.attrs.assignee_ids, attrs.assignee_ids)) {
      changes.assignees = { previous: before.assignees, current: assignees };
    }
    if (changed(before.attrs.reviewer_ids, attrs.reviewer_ids)) {
      changes.reviewers = { previous: before.reviewers, current: reviewers };
    }
    if (Object.keys(changes).length === 0 && action === "update") return;
    if (Object.keys(changes).length > 0) {
      changes.updated_at = { previous: before.attrs.updated_at, current: attrs.updated_at };
      changes.updated_by_id = { previous: before.attrs.updated_by_id ?? null, current: user.id };
    }
  }
  const payload: MergeRequestEvent = {
    object_kind: "merge_request",
    event_type: "merge_request",
    user: webhookUser(user),
    project: webhookProject(view, p),
    object_attributes: { ...attrs, action },
    labels: attrs.labels ?? [],
    changes,
    repository: webhookRepository(view, p),
    assignees,
    reviewers,
  };
  deliverEvent(view, p, "Merge Request Hook", "merge_requests_events", payload);
}

/**
 * @internal wraps the approval routes (their module has no hook calls): a successful `approve` delivers
 * `approved`, a successful `unapprove` that leaves no approval `unapproved`, as GitLab's free tier (one
 * approval approves).
 */
export function installWebhookRouteWrappers(routes: RouteTable): void {
  const on = routes.on.bind(routes);
  const base = "/projects/:id/merge_requests/:merge_request_iid";
  const wrapped: Record<string, MergeRequestAction> = {
    [`POST ${base}/approve`]: "approved",
    [`POST ${base}/unapprove`]: "unapproved",
  };
  routes.on = (method: string, pattern: string, handler: RouteHandler) => {
    const action = wrapped[`${method} ${pattern}`];
    if (!action) return on(method, pattern, handler);
    on(method, pattern, async (ctx: RequestContext) => {
      const res = await handler(ctx);
      if (res.status >= 200 && res.status < 300 && ctx.user) {
        const p = ctx.store.projectByIdOrPath(ctx.pathParams.id);
        const iid = Number(ctx.pathParams.merge_request_iid);
        const m = p?.mrs.find((x) => x.iid === iid);
        // `unapproved` only once no approval is left (GitLab's free tier: one approval approves)
        const still = action === "unapproved" && m && approvalsOf(ctx.store, m).length > 0;
        if (p && m && !still) emitMergeRequestEvent(ctx, p, m, ctx.user, action);
      }
      return res;
    });
  };
}

// ----- comments ------------------------------------------------------------------------------------

/** @internal delivers a `Note Hook` (`Confidential Note Hook` for internal notes and notes on confidential issues). */
export function emitNoteEvent(
  view: RenderContext,
  n: NoteRec,
  user: UserRec,
  action: "create" | "update",
): void {
  if (n.system) return; // GitLab runs no note hooks for system notes
  const t = n.target;
  const p = t.p;
  const issue = t.type === "Issue" ? p.issues.find((x) => x.id === t.id) : undefined;
  const mr = t.type === "MergeRequest" ? p.mrs.find((x) => x.id === t.id) : undefined;
  if (!issue && !mr) return;
  const confidential = n.internal || issue?.confidential === true;
  const page = issue ? `${webOf(view, p)}/-/issues/${t.iid}` : `${webOf(view, p)}/-/merge_requests/${t.iid}`;
  const base = {
    id: n.id,
    note: n.body,
    noteable_id: t.id,
    author_id: n.authorId,
    project_id: p.id,
    created_at: utc(n.createdAt),
    updated_at: utc(n.updatedAt),
    updated_by_id: action === "update" ? user.id : null,
    attachment: null,
    line_code: null,
    commit_id: "",
    system: false,
    st_diff: null,
    discussion_id: n.discussionId,
    type: n.individual ? null : "DiscussionNote",
    position: null,
    original_position: null,
    change_position: null,
    resolved_at: n.resolvedAt === null ? null : utc(n.resolvedAt),
    resolved_by_id: n.resolvedById,
    resolved_by_push: null,
    confidential: n.internal,
    internal: n.internal,
    description: n.body,
    url: `${page}#note_${n.id}`,
    action,
  };
  const common = {
    object_kind: "note" as const,
    event_type: confidential ? "confidential_note" as const : "note" as const,
    user: webhookUser(user),
    project_id: p.id,
    project: webhookProject(view, p),
    repository: webhookRepository(view, p),
  };
  const payload: NoteEvent = issue
    ? {
      ...common,
      object_attributes: { ...base, noteable_type: "Issue" },
      issue: issueHookAttrs(view, p, issue),
    }
    : {
      ...common,
      object_attributes: { ...base, noteable_type: "MergeRequest" },
      merge_request: mergeRequestHookAttrs(view, p, mr!),
    };
  deliverEvent(
    view,
    p,
    confidential ? "Confidential Note Hook" : "Note Hook",
    confidential ? "confidential_note_events" : "note_events",
    payload,
  );
}

// ----- pipelines and jobs --------------------------------------------------------------------------

function webhookRunner(store: Store, id: number | null): WebhookRunner | null {
  if (id === null) return null;
  const r = runnerState(store).find((x) => x.id === id);
  if (!r) return null;
  return {
    id: r.id,
    description: r.description,
    active: !r.paused,
    runner_type: r.type,
    is_shared: r.type === "instance_type",
    tags: [...r.tagList],
  };
}

function pipelineBuild(store: Store, j: JobRec): PipelineBuild {
  return {
    id: j.id,
    stage: j.stage,
    name: j.name,
    status: j.status as CiStatus,
    created_at: utc(j.createdAt),
    started_at: utc(j.startedAt),
    finished_at: utc(j.finishedAt),
    duration: secondsBetween(j.startedAt, j.finishedAt),
    queued_duration: secondsBetween(j.queuedAt, j.startedAt ?? null),
    failure_reason: j.status === "failed" ? j.failureReason ?? "script_failure" : null,
    when: j.manual ? "manual" : "on_success",
    manual: j.manual,
    allow_failure: j.allowFailure,
    user: webhookUserById(store, j.userId),
    runner: webhookRunner(store, j.runnerId),
    artifacts_file: { filename: j.artifacts ? "artifacts.zip" : null, size: null },
    environment: null,
  };
}

function beforeSha(pl: PipelineRec): string {
  return pl.commit.parentIds[0] ?? BLANK_SHA;
}

/** @internal delivers a `Pipeline Hook` for the pipeline's current status. */
export function emitPipelineEvent(view: RenderContext, p: ProjectRec, pl: PipelineRec): void {
  const store = view.store;
  const jobs = pipelineJobs(store, pl).filter((j) => !j.retried);
  const stages: string[] = [];
  for (const j of [...jobs].sort((a, b) => a.stageIdx - b.stageIdx)) {
    if (!stages.includes(j.stage)) stages.push(j.stage);
  }
  const url = `${webOf(view, p)}/-/pipelines/${pl.id}`;
  const payload: PipelineEvent = {
    object_kind: "pipeline",
    object_attributes: {
      id: pl.id,
      iid: pl.iid,
      name: pl.name,
      ref: pl.ref,
      tag: pl.tag,
      sha: pl.commit.id,
      before_sha: beforeSha(pl),
      source: pl.source as PipelineSource,
      status: pl.status as CiStatus,
      detailed_status: detailedStatus(pl.status, url).label,
      stages,
      created_at: utc(pl.createdAt),
      finished_at: utc(pl.finishedAt),
      duration: secondsBetween(pl.startedAt, pl.finishedAt),
      queued_duration: secondsBetween(pl.createdAt, pl.startedAt),
      protected_ref: !pl.tag && isProtectedBranch(store, p, pl.ref),
      variables: pl.variables.map((v) => ({ key: v.key, value: v.value })),
      url,
    },
    merge_request: null,
    user: webhookUserById(store, pl.userId),
    project: webhookProject(view, p),
    commit: webhookCommit(view, p, pl.commit),
    builds: jobs.map((j) => pipelineBuild(store, j)),
  };
  deliverEvent(view, p, "Pipeline Hook", "pipeline_events", payload);
}

/** @internal delivers a `Job Hook` for the job's current status. */
export function emitJobEvent(view: RenderContext, p: ProjectRec, j: JobRec): void {
  const store = view.store;
  const pl = ciState(store).pipelines.find((x) => x.id === j.pipelineId);
  if (!pl) return;
  const retries =
    ciState(store).jobs.filter((x) => x.pipelineId === j.pipelineId && x.name === j.name && x.id < j.id)
      .length;
  const payload: JobEvent = {
    object_kind: "build",
    ref: pl.ref,
    tag: pl.tag,
    before_sha: beforeSha(pl),
    sha: pl.commit.id,
    retries_count: retries,
    build_id: j.id,
    build_name: j.name,
    build_stage: j.stage,
    build_status: j.status as CiStatus,
    build_created_at: utc(j.createdAt),
    build_created_at_iso: isoZ(j.createdAt),
    build_started_at: utc(j.startedAt),
    build_started_at_iso: isoZ(j.startedAt),
    build_finished_at: utc(j.finishedAt),
    build_finished_at_iso: isoZ(j.finishedAt),
    build_duration: secondsBetween(j.startedAt, j.finishedAt),
    build_queued_duration: secondsBetween(j.queuedAt, j.startedAt ?? store.iso()),
    build_allow_failure: j.allowFailure,
    build_failure_reason: j.status === "failed" ? j.failureReason ?? "script_failure" : "unknown_failure",
    pipeline_id: pl.id,
    project_id: p.id,
    project_name: `${p.ns.kind === "group" ? p.ns.group.fullName : p.ns.user.name} / ${p.name}`,
    user: webhookUserById(store, j.userId),
    commit: {
      id: pl.id,
      name: pl.name,
      sha: pl.commit.id,
      message: pl.commit.message,
      author_name: pl.commit.authorName,
      author_email: pl.commit.authorEmail,
      status: pl.status as CiStatus,
      duration: secondsBetween(pl.startedAt, pl.finishedAt),
      started_at: utc(pl.startedAt),
      started_at_iso: isoZ(pl.startedAt),
      finished_at: utc(pl.finishedAt),
      finished_at_iso: isoZ(pl.finishedAt),
    },
    repository: webhookRepository(view, p),
    project: webhookProject(view, p),
    runner: webhookRunner(store, j.runnerId),
    environment: null,
  };
  deliverEvent(view, p, "Job Hook", "job_events", payload);
}

/**
 * @internal wraps a CI route handler: after a successful answer, delivers a `Pipeline Hook` for every
 * pipeline of the project that is new or changed status, and a `Job Hook` for every job that is new or
 * changed status (one delivery per hook per object).
 */
export function withCiWebhooks(handler: RouteHandler): RouteHandler {
  return async (ctx) => {
    const ci = ciState(ctx.store);
    const pipelines = new Map(ci.pipelines.map((x) => [x.id, x.status]));
    const jobs = new Map(ci.jobs.map((x) => [x.id, x.status]));
    const res = await handler(ctx);
    if (res.status < 200 || res.status >= 300) return res;
    const p = ctx.store.projectByIdOrPath(ctx.pathParams.id);
    if (!p) return res;
    const now = ciState(ctx.store);
    for (const j of now.jobs) {
      if (j.projectId === p.id && jobs.get(j.id) !== j.status) emitJobEvent(ctx, p, j);
    }
    for (const pl of now.pipelines) {
      if (pl.projectId === p.id && pipelines.get(pl.id) !== pl.status) emitPipelineEvent(ctx, p, pl);
    }
    return res;
  };
}

// ----- pushes --------------------------------------------------------------------------------------

/**
 * What {@linkcode emitPushEvent} and {@linkcode emitTagPushEvent} are told about a push.
 *
 * @internal
 */
export interface PushInput {
  /** The full ref (`refs/heads/main`, `refs/tags/v1.0.0`) or a bare branch or tag name. */
  ref: string;
  /** The commit the ref pointed to before (all zeros: created). */
  before: string;
  /** The commit it points to after (all zeros: deleted). */
  after: string;
  /** The pushed commits, oldest first (the payload lists the newest 20). */
  commits: readonly CommitRec[];
  /** Who pushed. */
  user: UserRec;
  /** The message of an annotated tag. */
  message?: string | null;
}

function pushPayloadBase(view: RenderContext, p: ProjectRec, o: PushInput, fullRef: string) {
  const deleted = o.after === BLANK_SHA;
  const commits = o.commits.slice(-PUSH_COMMITS_LIMIT).map((c) => pushCommit(view, p, c));
  return {
    before: o.before,
    after: o.after,
    ref: fullRef,
    checkout_sha: deleted ? null : o.after,
    message: o.message ?? null,
    user_id: o.user.id,
    user_name: o.user.name,
    user_username: o.user.username,
    user_email: "[REDACTED]",
    user_avatar: null,
    project_id: p.id,
    project: webhookProject(view, p),
    commits,
    total_commits_count: o.commits.length,
    push_options: {},
    repository: webhookRepository(view, p),
  };
}

/**
 * @internal delivers a `Push Hook` for a push to a branch: to the hooks with `push_events` whose branch
 * filter matches the branch. Call it after the branch moved (commit, merge, branch create or delete).
 */
export function emitPushEvent(store: Store, p: ProjectRec, o: PushInput): void {
  const view: RenderContext = { store, webUrl: store.webUrl };
  const branch = o.ref.replace(/^refs\/heads\//, "");
  const fullRef = `refs/heads/${branch}`;
  const payload: PushEvent = {
    object_kind: "push",
    event_name: "push",
    ...pushPayloadBase(view, p, o, fullRef),
    ref_protected: isProtectedBranch(store, p, branch),
  };
  deliverEvent(view, p, "Push Hook", "push_events", payload, (h) => branchFilterMatches(h, branch));
}

/** @internal delivers a `Tag Push Hook` for a tag created or deleted (hooks with `tag_push_events`). */
export function emitTagPushEvent(store: Store, p: ProjectRec, o: PushInput): void {
  const view: RenderContext = { store, webUrl: store.webUrl };
  const tag = o.ref.replace(/^refs\/tags\//, "");
  const payload: TagPushEvent = {
    object_kind: "tag_push",
    event_name: "tag_push",
    ...pushPayloadBase(view, p, o, `refs/tags/${tag}`),
    ref_protected: isProtectedTag(store, p, tag),
  };
  deliverEvent(view, p, "Tag Push Hook", "tag_push_events", payload);
}
