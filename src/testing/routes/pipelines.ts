/**
 * Project pipelines: `GET /projects/:id/pipelines` (filters, ordering, offset pagination),
 * `POST /projects/:id/pipeline`, `GET /projects/:id/pipelines/latest`, `GET`/`DELETE
 * /projects/:id/pipelines/:pipeline_id`, its `retry`, `cancel`, `jobs` and `variables`; the pipeline and job
 * records the jobs, deployments and runners groups share, and the demo pipelines of the seed.
 *
 * A simulated pipeline does not advance by itself: a new one has its first stage `pending` and the others
 * `created` until a test changes them (cancel, retry, play…). Its jobs come from a fixed template
 * (build → test → deploy) rather than from a `.gitlab-ci.yml`.
 *
 * @module
 */

import type { Pipeline, PipelineBasic, PipelineStatus, PipelineWithMetadata } from "../../types/pipelines.ts";
import type { Variable, VariableType } from "../../types/variables.ts";
import type { DetailedStatus, TestReport, TestReportSummary } from "../../types/pipelines.ts";
import { ACCESS, canReadProject, projectAccess, requireAuth, requireProjectAccess } from "../access.ts";
import type { RenderContext, RequestContext } from "../context.ts";
import type { ParamValue } from "../params.ts";
import { bool, str } from "../params.ts";
import { paginateArray } from "../pagination.ts";
import type { CommitRec, ProjectRec, UserRec } from "../records.ts";
import { resolveRef } from "../repository.ts";
import { forbidden, HttpError, jsonResponse, noContent } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import { isoCompare } from "../sorting.ts";
import type { Store } from "../store.ts";
import { integerPathParam, validate } from "../validation.ts";
import { pseudoHex } from "../encoding.ts";
import { findProject } from "./projects.ts";
import { runnerState } from "./runners.ts";
import { renderUserBasicById } from "./users.ts";
import { withCiWebhooks } from "../webhook_delivery.ts";

/** @internal every status a pipeline or a job can have (GitLab's `AVAILABLE_STATUSES`). */
export const CI_STATUSES: readonly PipelineStatus[] = [
  "created",
  "waiting_for_resource",
  "preparing",
  "waiting_for_callback",
  "pending",
  "running",
  "success",
  "failed",
  "canceling",
  "canceled",
  "skipped",
  "manual",
  "scheduled",
];

/** @internal statuses a job leaves only when something acts on it (finished ones). */
export const FINISHED_STATUSES: readonly PipelineStatus[] = ["success", "failed", "canceled", "skipped"];

/** @internal statuses cancel acts on (GitLab's `CANCELABLE_STATUSES`). */
export const CANCELABLE_STATUSES: readonly PipelineStatus[] = [
  "created",
  "waiting_for_resource",
  "preparing",
  "waiting_for_callback",
  "pending",
  "running",
  "scheduled",
];

/** @internal a pipeline variable as given to `POST /projects/:id/pipeline`. */
export interface PipelineVariableRec {
  /** Name. */
  key: string;
  /** Value. */
  value: string;
  /** How it reaches jobs. */
  variableType: VariableType;
}

/** @internal a pipeline. */
export interface PipelineRec {
  /** Instance-wide id. */
  id: number;
  /** Project-scoped number. */
  iid: number;
  /** Project id. */
  projectId: number;
  /** The commit it runs for. */
  commit: CommitRec;
  /** Branch (or tag) name. */
  ref: string;
  /** Whether `ref` is a tag. */
  tag: boolean;
  /** Composite status of its latest jobs. */
  status: PipelineStatus;
  /** What started it. */
  source: string;
  /** Its name, if any. */
  name: string | null;
  /** Who started it. */
  userId: number | null;
  /** ISO creation time. */
  createdAt: string;
  /** ISO update time. */
  updatedAt: string;
  /** ISO start time. */
  startedAt: string | null;
  /** ISO end time. */
  finishedAt: string | null;
  /** Variables given when it was created. */
  variables: PipelineVariableRec[];
}

/** @internal one artifact file of a job's archive. */
export interface ArtifactFileRec {
  /** Path inside the archive. */
  path: string;
  /** Bytes. */
  content: Uint8Array;
}

/** @internal a job (build) of a pipeline. */
export interface JobRec {
  /** Instance-wide id. */
  id: number;
  /** Pipeline id. */
  pipelineId: number;
  /** Project id. */
  projectId: number;
  /** Job name. */
  name: string;
  /** Stage name. */
  stage: string;
  /** Index of the stage in the pipeline (0 first). */
  stageIdx: number;
  /** Status. */
  status: PipelineStatus;
  /** `when: manual` job. */
  manual: boolean;
  /** Whether its failure lets the pipeline pass. */
  allowFailure: boolean;
  /** Why it failed, when it did. */
  failureReason: string | null;
  /** Who started it. */
  userId: number | null;
  /** ISO creation time. */
  createdAt: string;
  /** ISO queue entry time (for `queued_duration`). */
  queuedAt: string | null;
  /** ISO start time. */
  startedAt: string | null;
  /** ISO end time. */
  finishedAt: string | null;
  /** ISO erase time. */
  erasedAt: string | null;
  /** Job log; null when it has none. */
  trace: string | null;
  /** Artifact files (null: no archive). */
  artifacts: ArtifactFileRec[] | null;
  /** ISO expiry of the artifacts. */
  artifactsExpireAt: string | null;
  /** Id of the runner that picked it up. */
  runnerId: number | null;
  /** Runner tags. */
  tagList: string[];
  /** Reported coverage. */
  coverage: number | null;
  /** Replaced by a retry. */
  retried: boolean;
  /** Script lines printed in its log. */
  script: string[];
}

/** @internal the pipelines and jobs of a simulator, id-ordered. */
export interface CiState {
  /** Pipelines. */
  pipelines: PipelineRec[];
  /** Jobs. */
  jobs: JobRec[];
}

/** @internal the pipeline and job records (one slot of the store). */
export function ciState(store: Store): CiState {
  return store.slot<CiState>("ci.pipelines", () => ({ pipelines: [], jobs: [] }));
}

/** @internal GitLab's `404 Not found` of `ActiveRecord::RecordNotFound`. */
export function recordNotFound(): HttpError {
  return new HttpError(404, { message: "404 Not found" });
}

/** @internal GitLab's `forbidden!(reason)`: 403 `{"message":"403 Forbidden - <reason>"}`. */
export function forbiddenWith(reason: string): HttpError {
  return new HttpError(403, { message: `403 Forbidden - ${reason}` });
}

/**
 * @internal whether `user` may read a project's pipelines and jobs: anyone who sees a public or internal
 * project (public pipelines are GitLab's default), reporters and above in a private one.
 */
export function canReadBuilds(user: UserRec | null, p: ProjectRec): boolean {
  if (!canReadProject(user, p)) return false;
  if (p.visibility !== "private") return true;
  return projectAccess(user, p) >= ACCESS.reporter;
}

/** @internal a 403 unless `ctx.user` may read the project's builds (the project is visible to them). */
export function requireReadBuilds(ctx: RequestContext, p: ProjectRec): void {
  if (!canReadBuilds(ctx.user, p)) throw forbidden();
}

/** Seconds between two ISO times (null when either is missing). */
export function secondsBetween(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  return Math.round((Date.parse(to) - Date.parse(from)) / 10) / 100;
}

/** @internal a pipeline by id within `p`, or GitLab's 404. */
export function findPipeline(store: Store, p: ProjectRec, id: number): PipelineRec {
  const rec = ciState(store).pipelines.find((x) => x.id === id && x.projectId === p.id);
  if (!rec) throw recordNotFound();
  return rec;
}

/** @internal the jobs of a pipeline, id-ordered (retried ones too). */
export function pipelineJobs(store: Store, pl: PipelineRec): JobRec[] {
  return ciState(store).jobs.filter((j) => j.pipelineId === pl.id);
}

const STATUS_TEXT: Record<string, [string, string]> = {
  created: ["Created", "created"],
  waiting_for_resource: ["Waiting", "waiting for resource"],
  preparing: ["Preparing", "preparing"],
  waiting_for_callback: ["Waiting", "waiting for callback"],
  pending: ["Pending", "pending"],
  running: ["Running", "running"],
  success: ["Passed", "passed"],
  failed: ["Failed", "failed"],
  canceling: ["Canceling", "canceling"],
  canceled: ["Canceled", "canceled"],
  skipped: ["Skipped", "skipped"],
  manual: ["Manual", "manual action"],
  scheduled: ["Scheduled", "scheduled"],
};

/** @internal how the web interface shows a status (`detailed_status`). */
export function detailedStatus(status: PipelineStatus, detailsPath: string): DetailedStatus {
  const [text, label] = STATUS_TEXT[status] ?? [status, status];
  return {
    icon: `status_${status}`,
    text,
    label,
    group: status,
    tooltip: label,
    has_details: true,
    details_path: detailsPath,
    illustration: null,
    favicon: `/assets/ci_favicons/favicon_status_${status}.png`,
  };
}

/**
 * @internal GitLab's composite status (`Gitlab::Ci::Status::Composite`) of a pipeline's latest jobs: failed
 * jobs allowed to fail count as passed with warnings, manual jobs allowed to fail are ignored.
 */
export function compositeStatus(jobs: readonly JobRec[]): PipelineStatus {
  const seen = new Set<string>();
  for (const j of jobs) {
    if (j.retried) continue;
    if (j.allowFailure && (j.status === "failed" || j.status === "canceled")) seen.add("warning");
    else if (j.allowFailure && j.manual && j.status === "manual") seen.add("ignored");
    else seen.add(j.status);
  }
  const only = (...s: string[]) => [...seen].every((x) => s.includes(x));
  const any = (...s: string[]) => s.some((x) => seen.has(x));
  if (seen.size === 0) return "skipped";
  if (only("skipped", "ignored")) return "skipped";
  if (only("success", "skipped", "warning", "ignored")) return "success";
  if (only("created", "warning", "ignored")) return "created";
  if (only("preparing", "warning", "ignored")) return "preparing";
  if (only("canceled", "success", "skipped", "warning", "ignored")) return "canceled";
  if (only("pending", "created", "skipped", "warning", "ignored")) return "pending";
  if (any("running", "pending")) return "running";
  if (any("waiting_for_resource")) return "waiting_for_resource";
  if (any("manual")) return "manual";
  if (any("scheduled")) return "scheduled";
  if (any("preparing")) return "preparing";
  if (any("created")) return "running";
  if (any("canceling")) return "canceling";
  return "failed";
}

/** @internal recomputes a pipeline's status and times from its jobs (after a job changed). */
export function refreshPipeline(store: Store, pl: PipelineRec): void {
  const jobs = pipelineJobs(store, pl).filter((j) => !j.retried);
  const status = compositeStatus(jobs);
  const at = store.iso();
  if (status !== pl.status) pl.updatedAt = at;
  pl.status = status;
  const starts = jobs.map((j) => j.startedAt).filter((s): s is string => !!s).sort(isoCompare);
  pl.startedAt = starts[0] ?? null;
  if ((FINISHED_STATUSES as string[]).includes(status)) {
    const ends = jobs.map((j) => j.finishedAt).filter((s): s is string => !!s).sort(isoCompare);
    pl.finishedAt = ends[ends.length - 1] ?? pl.finishedAt ?? at;
  } else pl.finishedAt = null;
}

/** @internal a pipeline as lists show it (GitLab's `PipelineBasicWithMetadata`). */
export function renderPipelineBasic(view: RenderContext, p: ProjectRec, pl: PipelineRec): PipelineBasic {
  return {
    id: pl.id,
    iid: pl.iid,
    project_id: p.id,
    sha: pl.commit.id,
    ref: pl.ref,
    status: pl.status,
    source: pl.source,
    created_at: pl.createdAt,
    updated_at: pl.updatedAt,
    web_url: `${view.webUrl}/${p.fullPath}/-/pipelines/${pl.id}`,
  };
}

/** Duration and queued time of a pipeline, from its jobs. */
function pipelineDurations(
  store: Store,
  pl: PipelineRec,
): { duration: number | null; queued: number | null } {
  const jobs = pipelineJobs(store, pl).filter((j) => !j.retried);
  let duration: number | null = null;
  for (const j of jobs) {
    const d = secondsBetween(j.startedAt, j.finishedAt);
    if (d !== null) duration = Math.round((duration ?? 0) + d);
  }
  return { duration, queued: pl.startedAt ? secondsBetween(pl.createdAt, pl.startedAt) : null };
}

/** Coverage of a pipeline: the average of its jobs' coverage, as GitLab's decimal string. */
function pipelineCoverage(store: Store, pl: PipelineRec): string | null {
  const values = pipelineJobs(store, pl).filter((j) => !j.retried && j.coverage !== null).map((j) =>
    j.coverage as number
  );
  if (!values.length) return null;
  return (values.reduce((a, b) => a + b, 0) / values.length).toFixed(2);
}

/** @internal a pipeline as creating, retrying or canceling returns it. */
export function renderPipeline(view: RenderContext, p: ProjectRec, pl: PipelineRec): Pipeline {
  const { duration, queued } = pipelineDurations(view.store, pl);
  return {
    ...renderPipelineBasic(view, p, pl),
    before_sha: pl.commit.parentIds[0] ?? "0000000000000000000000000000000000000000",
    tag: pl.tag,
    yaml_errors: null,
    user: renderUserBasicById(view, pl.userId),
    started_at: pl.startedAt,
    finished_at: pl.finishedAt,
    committed_at: pl.commit.createdAt,
    duration,
    queued_duration: queued,
    coverage: pipelineCoverage(view.store, pl),
    detailed_status: detailedStatus(pl.status, `/${p.fullPath}/-/pipelines/${pl.id}`),
  };
}

/** @internal a pipeline as getting one returns it (with its name). */
export function renderPipelineWithMetadata(
  view: RenderContext,
  p: ProjectRec,
  pl: PipelineRec,
): PipelineWithMetadata {
  return { ...renderPipeline(view, p, pl), name: pl.name };
}

/** @internal one job of the template a new pipeline gets. */
export interface JobTemplate {
  /** Job name. */
  name: string;
  /** Stage name. */
  stage: string;
  /** `when: manual`. */
  manual?: boolean;
  /** `allow_failure`. */
  allowFailure?: boolean;
  /** Script lines. */
  script: string[];
  /** Artifact files the job keeps when it passes. */
  artifacts?: ArtifactFileRec[];
  /** Coverage it reports when it passes. */
  coverage?: number;
}

const encoder = new TextEncoder();

/** @internal the jobs every simulated pipeline gets: build → test → deploy (manual). */
export const PIPELINE_TEMPLATE: readonly JobTemplate[] = [
  {
    name: "build",
    stage: "build",
    script: ["npm ci", "npm run build"],
    artifacts: [
      { path: "dist/index.html", content: encoder.encode("<!doctype html>\n<title>Acme</title>\n") },
      { path: "dist/app.js", content: encoder.encode('console.log("acme");\n') },
    ],
  },
  { name: "test:unit", stage: "test", script: ["npm test -- --coverage"], coverage: 87.5 },
  { name: "lint", stage: "test", script: ["npm run lint"] },
  { name: "deploy:production", stage: "deploy", manual: true, allowFailure: true, script: ["./deploy.sh"] },
];

/** @internal what a new pipeline is made of. */
export interface NewPipeline {
  /** Branch name. */
  ref: string;
  /** Commit to run for. */
  commit: CommitRec;
  /** What started it. */
  source: string;
  /** Who started it. */
  user: UserRec | null;
  /** Variables. */
  variables?: PipelineVariableRec[];
  /** Jobs (default {@linkcode PIPELINE_TEMPLATE}). */
  template?: readonly JobTemplate[];
}

/** @internal the stage order of a template (first appearance). */
function stageOrder(template: readonly JobTemplate[]): string[] {
  const stages: string[] = [];
  for (const t of template) if (!stages.includes(t.stage)) stages.push(t.stage);
  return stages;
}

/** @internal a new job record of pipeline `pl` (not stored). */
export function newJob(store: Store, pl: PipelineRec, t: JobTemplate, stageIdx: number): JobRec {
  return {
    id: store.nextIdOf("job"),
    pipelineId: pl.id,
    projectId: pl.projectId,
    name: t.name,
    stage: t.stage,
    stageIdx,
    status: "created",
    manual: !!t.manual,
    allowFailure: !!t.allowFailure,
    failureReason: null,
    userId: pl.userId,
    createdAt: store.iso(),
    queuedAt: null,
    startedAt: null,
    finishedAt: null,
    erasedAt: null,
    trace: null,
    artifacts: null,
    artifactsExpireAt: null,
    runnerId: null,
    tagList: [],
    coverage: null,
    retried: false,
    script: t.script,
  };
}

/**
 * @internal moves a pipeline on: jobs of the first stage that has unfinished jobs become `pending` (manual
 * ones `manual`), once every earlier stage passed; after a failed stage the later jobs are `skipped`.
 */
export function advancePipeline(store: Store, pl: PipelineRec): void {
  const jobs = pipelineJobs(store, pl).filter((j) => !j.retried);
  const stages = [...new Set(jobs.map((j) => j.stageIdx))].sort((a, b) => a - b);
  let blocked = false;
  for (const s of stages) {
    const inStage = jobs.filter((j) => j.stageIdx === s);
    if (blocked) {
      for (const j of inStage) if (j.status === "created") j.status = "skipped";
      continue;
    }
    const waiting = inStage.filter((j) => j.status === "created");
    for (const j of waiting) {
      j.status = j.manual ? "manual" : "pending";
      if (!j.manual) j.queuedAt = store.iso();
    }
    const busy = inStage.some((j) => !j.manual && !(FINISHED_STATUSES as string[]).includes(j.status));
    const failed = inStage.some((j) => j.status === "failed" && !j.allowFailure);
    const canceled = inStage.some((j) => j.status === "canceled" && !j.allowFailure);
    if (failed || canceled) blocked = true;
    else if (busy) break;
  }
  refreshPipeline(store, pl);
}

/** @internal creates a pipeline with its jobs; its first stage is `pending`. */
export function createPipeline(store: Store, p: ProjectRec, d: NewPipeline): PipelineRec {
  const state = ciState(store);
  const at = store.iso();
  const last = state.pipelines.filter((x) => x.projectId === p.id).reduce((m, x) => Math.max(m, x.iid), 0);
  const pl: PipelineRec = {
    id: store.nextIdOf("pipeline"),
    iid: last + 1,
    projectId: p.id,
    commit: d.commit,
    ref: d.ref,
    tag: false,
    status: "created",
    source: d.source,
    name: null,
    userId: d.user?.id ?? null,
    createdAt: at,
    updatedAt: at,
    startedAt: null,
    finishedAt: null,
    variables: d.variables ?? [],
  };
  state.pipelines.push(pl);
  const template = d.template ?? PIPELINE_TEMPLATE;
  const stages = stageOrder(template);
  for (const t of template) state.jobs.push(newJob(store, pl, t, stages.indexOf(t.stage)));
  advancePipeline(store, pl);
  p.lastActivityAt = at;
  return pl;
}

/** Parameters of `order_by` (GitLab's `ALLOWED_INDEXED_COLUMNS`). */
const ORDER_BY = ["id", "status", "ref", "updated_at", "user_id"];
/** Values of `source` (`Ci::Pipeline.sources`). */
const SOURCES = [
  "unknown",
  "push",
  "web",
  "trigger",
  "schedule",
  "api",
  "external",
  "pipeline",
  "chat",
  "webide",
  "merge_request_event",
  "external_pull_request_event",
  "parent_pipeline",
  "ondemand_dast_scan",
  "ondemand_dast_validation",
  "security_orchestration_policy",
  "container_registry_push",
  "duo_workflow",
  "pipeline_execution_policy_schedule",
];

/** Grape's `DateTime` coercion: a parameter that does not parse is `is invalid`. */
function checkDates(ctx: RequestContext, keys: string[]): void {
  const bad = keys.filter((k) => {
    const v = str(ctx.params, k);
    return v !== undefined && v !== "" && Number.isNaN(Date.parse(v));
  });
  if (bad.length) throw new HttpError(400, { error: bad.map((k) => `${k} is invalid`).join(", ") });
}

/** `GET /projects/:id/pipelines` (`Ci::PipelinesFinder`). */
function listPipelines(ctx: RequestContext): Response {
  const q = ctx.params;
  validate(q).pagination().oneOf("scope", ["running", "pending", "finished", "branches", "tags"])
    .oneOf("status", CI_STATUSES).oneOf("order_by", ORDER_BY).oneOf("sort", ["asc", "desc"])
    .oneOf("source", SOURCES).check();
  checkDates(ctx, ["updated_before", "updated_after", "created_before", "created_after"]);
  const p = findProject(ctx);
  requireReadBuilds(ctx, p);
  const store = ctx.store;
  const scope = str(q, "scope");
  const status = str(q, "status");
  const ref = str(q, "ref");
  const sha = str(q, "sha");
  const source = str(q, "source");
  const name = str(q, "name");
  const username = str(q, "username")?.toLowerCase();
  const yamlErrors = bool(q, "yaml_errors");
  const ms = (k: string) => {
    const v = str(q, k);
    return v ? Date.parse(v) : undefined;
  };
  const updatedAfter = ms("updated_after");
  const updatedBefore = ms("updated_before");
  const createdAfter = ms("created_after");
  const createdBefore = ms("created_before");
  let rows = ciState(store).pipelines.filter((pl) => pl.projectId === p.id);
  if (scope === "branches" || scope === "tags") {
    // the latest pipeline of each branch (or tag)
    const latest = new Map<string, PipelineRec>();
    for (const pl of rows) if (pl.tag === (scope === "tags")) latest.set(pl.ref, pl);
    rows = [...latest.values()];
  }
  rows = rows.filter((pl) => {
    if (scope === "running" && pl.status !== "running") return false;
    if (scope === "pending" && pl.status !== "pending") return false;
    if (scope === "finished" && !(FINISHED_STATUSES as string[]).includes(pl.status)) return false;
    if (status && pl.status !== status) return false;
    if (ref && pl.ref !== ref) return false;
    if (sha && pl.commit.id !== sha) return false;
    if (source && pl.source !== source) return false;
    if (name && pl.name !== name) return false;
    if (yamlErrors === true) return false; // simulated pipelines have no configuration errors
    if (username) {
      const u = pl.userId === null ? undefined : store.usersById.get(pl.userId);
      if (u?.username.toLowerCase() !== username) return false;
    }
    const updated = Date.parse(pl.updatedAt);
    const created = Date.parse(pl.createdAt);
    if (updatedAfter !== undefined && updated < updatedAfter) return false;
    if (updatedBefore !== undefined && updated > updatedBefore) return false;
    if (createdAfter !== undefined && created < createdAfter) return false;
    if (createdBefore !== undefined && created > createdBefore) return false;
    return true;
  });
  const orderBy = str(q, "order_by") ?? "id";
  const dir = (str(q, "sort") ?? "desc") === "asc" ? 1 : -1;
  const key = (pl: PipelineRec): string | number =>
    orderBy === "status"
      ? pl.status
      : orderBy === "ref"
      ? pl.ref
      : orderBy === "updated_at"
      ? pl.updatedAt
      : orderBy === "user_id"
      ? pl.userId ?? 0
      : pl.id;
  rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const c = ka < kb ? -1 : ka > kb ? 1 : 0;
    return c !== 0 ? c * dir : (a.id - b.id) * dir;
  });
  return paginateArray(ctx, rows, (pl) => ({ ...renderPipelineBasic(ctx, p, pl), name: pl.name }));
}

/** The `variables` of `POST /projects/:id/pipeline`, validated as Grape declares them. */
function pipelineVariablesParam(raw: ParamValue | undefined): PipelineVariableRec[] {
  if (raw === undefined || raw === null) return [];
  const items = Array.isArray(raw)
    ? raw
    : typeof raw === "object" && !(raw instanceof Blob)
    ? Object.values(raw)
    : [];
  if (!Array.isArray(raw) && (typeof raw !== "object" || raw instanceof Blob)) {
    throw new HttpError(400, { error: "variables is invalid" });
  }
  const out: PipelineVariableRec[] = [];
  for (const [i, item] of items.slice(0, 1000).entries()) {
    if (typeof item !== "object" || item === null || Array.isArray(item) || item instanceof Blob) {
      throw new HttpError(400, { error: "variables is invalid" });
    }
    const key = str(item, "key");
    const type = str(item, "variable_type") ?? "env_var";
    if (type !== "env_var" && type !== "file") {
      throw new HttpError(400, { error: `variables[${i}][variable_type] does not have a valid value` });
    }
    if (!key || !/^[a-zA-Z0-9_]+$/.test(key) || key.length > 255) {
      throw new HttpError(400, {
        message: { "variables.key": ["can contain only letters, digits and '_'."] },
      });
    }
    out.push({ key, value: str(item, "value") ?? "", variableType: type });
  }
  return out;
}

/** `POST /projects/:id/pipeline`: runs the template on `ref`'s head, `source: "api"`. */
function postPipeline(ctx: RequestContext): Response {
  const store = ctx.store;
  requireAuth(ctx);
  validate(ctx.params).required("ref").check();
  const p = findProject(ctx);
  const user = requireProjectAccess(ctx, p, ACCESS.developer);
  const variables = pipelineVariablesParam(ctx.params.variables);
  const ref = str(ctx.params, "ref") ?? "";
  const branch = ref === "" ? null : resolveRef(store, p, ref);
  if (!branch || branch.name !== ref) {
    throw new HttpError(400, { message: { base: ["Reference not found"] } });
  }
  if (branch.protected && projectAccess(user, p) < ACCESS.maintainer) {
    throw new HttpError(400, {
      message: {
        base: [
          `You do not have sufficient permission to run a pipeline on '${ref}'. ` +
          "Please select a different branch or contact your administrator for assistance.",
        ],
      },
    });
  }
  const pl = createPipeline(store, p, { ref, commit: branch.commit, source: "api", user, variables });
  store.bump();
  return jsonResponse(ctx.requestId, 201, renderPipeline(ctx, p, pl));
}

/** `GET /projects/:id/pipelines/latest`: the newest pipeline for the head of `ref` (default branch). */
function latestPipeline(ctx: RequestContext): Response {
  const p = findProject(ctx);
  const ref = str(ctx.params, "ref") || p.defaultBranch;
  const head = resolveRef(ctx.store, p, ref);
  const rows = ciState(ctx.store).pipelines.filter((pl) =>
    pl.projectId === p.id && pl.ref === ref && (!head || pl.commit.id === head.commit.id)
  );
  const pl = rows[rows.length - 1];
  // GitLab authorizes `read_pipeline` on the (missing) pipeline: a 403 when there is none
  if (!pl || !canReadBuilds(ctx.user, p)) throw forbidden();
  return jsonResponse(ctx.requestId, 200, renderPipelineWithMetadata(ctx, p, pl));
}

/** The project and pipeline a `/projects/:id/pipelines/:pipeline_id` request names, readable by the user. */
function readablePipeline(ctx: RequestContext): { p: ProjectRec; pl: PipelineRec } {
  const id = integerPathParam(ctx.pathParams, "pipeline_id");
  const p = findProject(ctx);
  const pl = findPipeline(ctx.store, p, id);
  requireReadBuilds(ctx, p);
  return { p, pl };
}

/** `POST /projects/:id/pipelines/:pipeline_id/retry`: retries its failed and canceled jobs. */
function retryPipeline(ctx: RequestContext): Response {
  const store = ctx.store;
  requireAuth(ctx);
  const { p, pl } = readablePipeline(ctx);
  const user = requireProjectAccess(ctx, p, ACCESS.developer);
  const state = ciState(store);
  const jobs = pipelineJobs(store, pl).filter((j) => !j.retried);
  const toRetry = jobs.filter((j) => j.status === "failed" || j.status === "canceled");
  for (const old of toRetry) {
    old.retried = true;
    const fresh = cloneJobForRetry(store, old, user);
    state.jobs.push(fresh);
  }
  if (toRetry.length) {
    const first = Math.min(...toRetry.map((j) => j.stageIdx));
    for (const j of jobs) {
      if (j.stageIdx > first && j.status === "skipped") j.status = "created";
    }
    state.jobs.sort((a, b) => a.id - b.id);
    advancePipeline(store, pl);
    pl.updatedAt = store.iso();
    store.bump();
  }
  return jsonResponse(ctx.requestId, 201, renderPipeline(ctx, p, pl));
}

/** @internal a new `created` copy of a job, for a retry (same name, stage and script). */
export function cloneJobForRetry(store: Store, old: JobRec, user: UserRec): JobRec {
  return {
    ...old,
    id: store.nextIdOf("job"),
    status: "created",
    failureReason: null,
    userId: user.id,
    createdAt: store.iso(),
    queuedAt: null,
    startedAt: null,
    finishedAt: null,
    erasedAt: null,
    trace: null,
    artifacts: null,
    artifactsExpireAt: null,
    runnerId: null,
    coverage: null,
    retried: false,
  };
}

/** @internal cancels a job if it is cancelable; returns whether it was. */
export function cancelJob(store: Store, j: JobRec): boolean {
  if (!(CANCELABLE_STATUSES as string[]).includes(j.status)) return false;
  const at = store.iso();
  j.status = "canceled";
  if (j.startedAt) j.finishedAt = at;
  return true;
}

/** `POST /projects/:id/pipelines/:pipeline_id/cancel`: cancels its unfinished jobs (200 either way). */
function cancelPipeline(ctx: RequestContext): Response {
  const store = ctx.store;
  requireAuth(ctx);
  const { p, pl } = readablePipeline(ctx);
  requireProjectAccess(ctx, p, ACCESS.developer);
  let changed = false;
  for (const j of pipelineJobs(store, pl)) if (!j.retried && cancelJob(store, j)) changed = true;
  if (changed) {
    refreshPipeline(store, pl);
    store.bump();
  }
  return jsonResponse(ctx.requestId, 200, renderPipeline(ctx, p, pl));
}

/** `DELETE /projects/:id/pipelines/:pipeline_id`: owners only (`destroy_pipeline`), with its jobs. */
function deletePipeline(ctx: RequestContext): Response {
  const store = ctx.store;
  requireAuth(ctx);
  const { p, pl } = readablePipeline(ctx);
  requireProjectAccess(ctx, p, ACCESS.owner);
  const state = ciState(store);
  state.pipelines.splice(state.pipelines.indexOf(pl), 1);
  state.jobs = state.jobs.filter((j) => j.pipelineId !== pl.id);
  store.bump();
  return noContent(ctx.requestId);
}

/**
 * `GET /projects/:id/pipelines/:pipeline_id/variables`: maintainers, or the developer who started the
 * pipeline (`read_pipeline_variable`).
 */
function pipelineVariables(ctx: RequestContext): Response {
  const { p, pl } = readablePipeline(ctx);
  const level = projectAccess(ctx.user, p);
  const own = !!ctx.user && pl.userId === ctx.user.id && level >= ACCESS.developer;
  if (level < ACCESS.maintainer && !own) throw forbidden();
  const rows: Variable[] = pl.variables.map((v) => ({
    variable_type: v.variableType,
    key: v.key,
    value: v.value,
  }));
  return jsonResponse(ctx.requestId, 200, rows);
}

/** @internal the log of a job that ran on `runner` (a description), ending with its outcome. */
export function jobTrace(j: JobRec, pl: PipelineRec, runner: string): string {
  const lines = [
    "Running with gitlab-runner 17.6.0 (374d34fd)",
    `  on ${runner}`,
    'Preparing the "docker" executor',
    "Using Docker executor with image node:22-alpine ...",
    "Getting source from Git repository",
    "Fetching changes with git depth set to 20...",
    `Checking out ${pl.commit.id.slice(0, 8)} as detached HEAD (ref is ${pl.ref})...`,
    'Executing "step_script" stage of the job script',
    ...j.script.map((s) => `$ ${s}`),
  ];
  if (j.status === "success") lines.push("Job succeeded");
  else if (j.status === "failed") lines.push("ERROR: Job failed: exit code 1");
  else if (j.status === "canceled") lines.push("ERROR: Job failed: canceled");
  return lines.join("\n") + "\n";
}

/**
 * @internal finishes a job as a runner would: `status` (success or failed), started `startedAgoMin` minutes
 * before now and `seconds` long, with its log, and its artifacts and coverage when it passed.
 */
export function finishJob(
  store: Store,
  j: JobRec,
  o: {
    status: "success" | "failed";
    runnerId: number | null;
    runner: string;
    startedAt: string;
    seconds: number;
  },
  t?: JobTemplate,
): void {
  const pl = ciState(store).pipelines.find((x) => x.id === j.pipelineId);
  j.status = o.status;
  j.queuedAt = j.queuedAt ?? o.startedAt;
  j.startedAt = o.startedAt;
  j.finishedAt = new Date(Date.parse(o.startedAt) + o.seconds * 1000).toISOString();
  j.runnerId = o.runnerId;
  j.failureReason = o.status === "failed" ? "script_failure" : null;
  if (o.status === "success" && t?.artifacts) {
    j.artifacts = t.artifacts.map((a) => ({ path: a.path, content: a.content.slice() }));
    j.artifactsExpireAt = new Date(Date.parse(j.finishedAt) + 30 * 86_400_000).toISOString();
  }
  if (o.status === "success" && t?.coverage !== undefined) j.coverage = t.coverage;
  if (pl) j.trace = jobTrace(j, pl, o.runner);
}

/**
 * @internal runs a new pipeline's jobs to the end as the seed wants them: every job passes except
 * `failing` (which fails), manual jobs stay manual; times start `agoDays` before now.
 */
export function runPipeline(
  store: Store,
  pl: PipelineRec,
  o: { agoDays: number; failing?: string; runnerId: number | null; runner: string },
): void {
  const start = Date.parse(store.isoAgo(o.agoDays));
  pl.createdAt = new Date(start - 20_000).toISOString();
  let clock = start;
  const byName = new Map(PIPELINE_TEMPLATE.map((t) => [t.name, t]));
  for (let guard = 0; guard < 16; guard++) {
    const pending = pipelineJobs(store, pl).filter((j) => !j.retried && j.status === "pending");
    if (!pending.length) break;
    for (const j of pending) {
      j.createdAt = pl.createdAt;
      j.queuedAt = pl.createdAt;
      const seconds = 40 + ((j.id * 37) % 120);
      finishJob(store, j, {
        status: j.name === o.failing ? "failed" : "success",
        runnerId: o.runnerId,
        runner: o.runner,
        startedAt: new Date(clock).toISOString(),
        seconds,
      }, byName.get(j.name));
      clock += seconds * 1000;
    }
    advancePipeline(store, pl);
  }
  for (const j of pipelineJobs(store, pl)) j.createdAt = pl.createdAt;
  pl.updatedAt = pl.finishedAt ?? new Date(clock).toISOString();
}

/**
 * @internal the seed's pipelines: on `acme/web`'s `main` a passed one (deployed to production), a failed one
 * (`test:unit`) and a passed one waiting on its manual deploy, one on `feature/login`; two on `acme/api`.
 */
export function seedPipelines(store: Store): void {
  const runner = runnerState(store).find((r) => r.description === "acme-builds") ?? runnerState(store)[0];
  const runnerName = runner ? `${runner.description} ${pseudoHex(runner.id, 8)}` : "shared-runner";
  const alice = store.usersByName.get("alice") ?? null;
  const plans: [string, string, string, number, string | undefined, boolean][] = [
    // [project, ref, source, ageDays, failing job, deploy]
    ["acme/web", "main", "push", 5, undefined, true],
    ["acme/web", "main", "push", 3, "test:unit", false],
    ["acme/web", "feature/login", "push", 2, undefined, false],
    ["acme/web", "main", "web", 1, undefined, false],
    ["acme/api", "main", "push", 4, undefined, true],
    ["acme/api", "main", "schedule", 1, "lint", false],
  ];
  for (const [path, ref, source, age, failing, deploy] of plans) {
    const p = store.projectByIdOrPath(path);
    const branch = p ? resolveRef(store, p, ref) : null;
    if (!p || !branch) continue;
    const variables: PipelineVariableRec[] = source === "web"
      ? [{ key: "RUN_E2E", value: "true", variableType: "env_var" }]
      : [];
    const pl = createPipeline(store, p, { ref, commit: branch.commit, source, user: alice, variables });
    runPipeline(store, pl, { agoDays: age, failing, runnerId: runner?.id ?? null, runner: runnerName });
    if (deploy) {
      const job = pipelineJobs(store, pl).find((j) => j.manual && j.status === "manual");
      if (job) {
        finishJob(store, job, {
          status: "success",
          runnerId: runner?.id ?? null,
          runner: runnerName,
          startedAt: new Date(Date.parse(pl.finishedAt ?? pl.createdAt) + 3_600_000).toISOString(),
          seconds: 95,
        });
        refreshPipeline(store, pl);
        pl.updatedAt = pl.finishedAt ?? pl.updatedAt;
      }
    }
  }
}

/** `PUT /projects/:id/pipelines/:pipeline_id/metadata`: renames a pipeline (developers). */
function editPipelineMetadata(ctx: RequestContext): Response {
  requireAuth(ctx);
  validate(ctx.params).required("name").check();
  const { p, pl } = readablePipeline(ctx);
  requireProjectAccess(ctx, p, ACCESS.developer);
  const name = str(ctx.params, "name") ?? "";
  if (name.length > 255) {
    throw new HttpError(400, { message: "400 Bad request - Failed to update pipeline - name is too long" });
  }
  pl.name = name === "" ? null : name;
  pl.updatedAt = ctx.store.iso();
  ctx.store.bump();
  return jsonResponse(ctx.requestId, 200, renderPipelineWithMetadata(ctx, p, pl));
}

/** `GET …/test_report` and `…/test_report_summary`: simulated jobs upload no JUnit reports. */
function emptyTestReport(summary: boolean): (ctx: RequestContext) => Response {
  return (ctx) => {
    readablePipeline(ctx);
    const body: TestReport | TestReportSummary = summary
      ? {
        total: { time: 0, count: 0, success: 0, failed: 0, skipped: 0, error: 0, suite_error: null },
        test_suites: [],
      }
      : {
        total_time: 0,
        total_count: 0,
        success_count: 0,
        failed_count: 0,
        skipped_count: 0,
        error_count: 0,
        test_suites: [],
      };
    return jsonResponse(ctx.requestId, 200, body);
  };
}

/** @internal registers the pipeline routes (the pipeline's jobs list is in `jobs.ts`). */
export function registerPipelineRoutes(routes: RouteTable): void {
  routes.on("GET", "/projects/:id/pipelines", listPipelines);
  routes.on("POST", "/projects/:id/pipeline", withCiWebhooks(postPipeline));
  routes.on("GET", "/projects/:id/pipelines/latest", latestPipeline);
  routes.on("GET", "/projects/:id/pipelines/:pipeline_id", (ctx) => {
    const { p, pl } = readablePipeline(ctx);
    return jsonResponse(ctx.requestId, 200, renderPipelineWithMetadata(ctx, p, pl));
  });
  routes.on("DELETE", "/projects/:id/pipelines/:pipeline_id", deletePipeline);
  routes.on("POST", "/projects/:id/pipelines/:pipeline_id/retry", withCiWebhooks(retryPipeline));
  routes.on("POST", "/projects/:id/pipelines/:pipeline_id/cancel", withCiWebhooks(cancelPipeline));
  routes.on("GET", "/projects/:id/pipelines/:pipeline_id/variables", pipelineVariables);
  routes.on("PUT", "/projects/:id/pipelines/:pipeline_id/metadata", editPipelineMetadata);
  routes.on("GET", "/projects/:id/pipelines/:pipeline_id/test_report", emptyTestReport(false));
  routes.on("GET", "/projects/:id/pipelines/:pipeline_id/test_report_summary", emptyTestReport(true));
}
