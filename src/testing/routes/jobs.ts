/**
 * Jobs: `GET /projects/:id/jobs` (scopes; offset pagination without totals, keyset by id), `GET
 * /projects/:id/pipelines/:pipeline_id/jobs`, `GET /projects/:id/jobs/:job_id`, its `retry`, `cancel`,
 * `play` and `erase`, its log (`trace`, `text/plain`), its artifacts archive (a zip) and one artifact file;
 * and the job renderer.
 *
 * @module
 */

import type { Job } from "../../types/jobs.ts";
import { ACCESS, projectAccess, requireAuth, requireProjectAccess } from "../access.ts";
import type { RenderContext, RequestContext } from "../context.ts";
import { bool, list, str } from "../params.ts";
import { pageLink, pageParams, paginateArray, wantsKeyset } from "../pagination.ts";
import type { ProjectRec } from "../records.ts";
import { HttpError, jsonResponse, noContent } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import type { Store } from "../store.ts";
import { integerPathParam, validate } from "../validation.ts";
import { renderCommit } from "./branches.ts";
import {
  advancePipeline,
  cancelJob,
  CI_STATUSES,
  ciState,
  cloneJobForRetry,
  findPipeline,
  forbiddenWith,
  type JobRec,
  type PipelineRec,
  recordNotFound,
  renderPipelineBasic,
  requireReadBuilds,
  secondsBetween,
} from "./pipelines.ts";
import { findProject } from "./projects.ts";
import { renderRunner, runnerState } from "./runners.ts";
import { renderUser } from "./users.ts";
import { withCiWebhooks } from "../webhook_delivery.ts";

/** @internal a job as `GET /projects/:id/jobs/:job_id` returns it (GitLab's `Ci::Job`). */
export function renderJob(view: RenderContext, p: ProjectRec, j: JobRec): Job {
  const store = view.store;
  const pl = ciState(store).pipelines.find((x) => x.id === j.pipelineId) as PipelineRec;
  const u = j.userId === null ? undefined : store.usersById.get(j.userId);
  const runner = j.runnerId === null ? undefined : runnerState(store).find((r) => r.id === j.runnerId);
  const archiveSize = j.artifacts ? zipArchive(j.artifacts).length : null;
  const artifacts: Job["artifacts"] = [];
  if (j.artifacts) {
    artifacts.push({
      file_type: "archive",
      size: archiveSize,
      filename: "artifacts.zip",
      file_format: "zip",
    });
  }
  if (j.trace !== null) {
    artifacts.push({
      file_type: "trace",
      size: new TextEncoder().encode(j.trace).length,
      filename: "job.log",
      file_format: null,
    });
  }
  const duration = j.startedAt ? secondsBetween(j.startedAt, j.finishedAt ?? store.iso()) : null;
  const out: Job = {
    id: j.id,
    status: j.status,
    stage: j.stage,
    name: j.name,
    ref: pl.ref,
    tag: pl.tag,
    coverage: j.coverage,
    allow_failure: j.allowFailure,
    created_at: j.createdAt,
    started_at: j.startedAt,
    finished_at: j.finishedAt,
    erased_at: j.erasedAt,
    duration,
    queued_duration: j.queuedAt && j.startedAt ? secondsBetween(j.queuedAt, j.startedAt) : null,
    user: u ? renderUser(view, u, null) : null,
    commit: renderCommit(view, p, pl.commit),
    pipeline: renderPipelineBasic(view, p, pl),
    web_url: `${view.webUrl}/${p.fullPath}/-/jobs/${j.id}`,
    project: { ci_job_token_scope_enabled: false },
    artifacts,
    runner: runner ? renderRunner(view, runner) : null,
    runner_manager: null,
    artifacts_expire_at: j.artifacts ? j.artifactsExpireAt : null,
    archived: false,
    tag_list: j.tagList,
  };
  if (j.status === "failed") out.failure_reason = j.failureReason ?? "script_failure";
  if (j.artifacts) out.artifacts_file = { filename: "artifacts.zip", size: archiveSize };
  return out;
}

/** The job `:job_id` of the `:id` project a request names, with its project, readable by the user. */
function readableJob(ctx: RequestContext): { p: ProjectRec; j: JobRec } {
  requireAuth(ctx);
  const id = integerPathParam(ctx.pathParams, "job_id");
  const p = findProject(ctx);
  requireReadBuilds(ctx, p);
  const j = ciState(ctx.store).jobs.find((x) => x.id === id && x.projectId === p.id);
  if (!j) throw recordNotFound();
  return { p, j };
}

/** The `scope` filter of job lists (one status or several), with GitLab's 400s. */
function scopeFilter(ctx: RequestContext): ((j: JobRec) => boolean) | null {
  validate(ctx.params).pagination().oneOf("scope", CI_STATUSES).check();
  const scope = list(ctx.params, "scope");
  if (!scope || !scope.length) return null;
  return (j) => scope.includes(j.status);
}

/** Drops the totals GitLab leaves out of lists it counts `without_count`. */
function withoutCount(res: Response): Response {
  res.headers.delete("x-total");
  res.headers.delete("x-total-pages");
  const link = res.headers.get("link");
  if (link) {
    res.headers.set("link", link.split(", ").filter((l) => !l.endsWith('rel="last"')).join(", "));
  }
  return res;
}

/** Encodes a keyset cursor as GitLab does (`{"id":"52","_kd":"n"}` in base64). */
function encodeCursor(id: number): string {
  return btoa(JSON.stringify({ id: String(id), _kd: "n" }));
}

/** The id of a keyset cursor; a 400 for one that does not decode. */
function decodeCursor(cursor: string): number {
  try {
    const parsed = JSON.parse(atob(cursor)) as { id?: unknown };
    const id = Number(parsed.id);
    if (Number.isSafeInteger(id)) return id;
  } catch {
    // fall through
  }
  throw new HttpError(400, { message: "400 Bad request - Invalid cursor parameter" });
}

/** `GET /projects/:id/jobs`: newest first; keyset pagination (`cursor`) on request. */
function listJobs(ctx: RequestContext): Response {
  requireAuth(ctx);
  const keep = scopeFilter(ctx);
  const p = findProject(ctx);
  requireReadBuilds(ctx, p);
  const rows = ciState(ctx.store).jobs.filter((j) => j.projectId === p.id && (!keep || keep(j))).reverse();
  if (!wantsKeyset(ctx.params)) return withoutCount(paginateArray(ctx, rows, (j) => renderJob(ctx, p, j)));
  const orderBy = str(ctx.params, "order_by") ?? "id";
  const sort = str(ctx.params, "sort") ?? "desc";
  if (orderBy !== "id" || sort !== "desc") {
    throw new HttpError(405, { error: "Keyset pagination is not yet available for this type of request" });
  }
  const { perPage } = pageParams(ctx.params);
  const cursor = str(ctx.params, "cursor");
  const before = cursor ? decodeCursor(cursor) : Infinity;
  const page = rows.filter((j) => j.id < before).slice(0, perPage + 1);
  const headers = new Headers();
  if (page.length > perPage) {
    page.pop();
    const next = pageLink(
      ctx,
      { cursor: encodeCursor(page[page.length - 1].id), per_page: String(perPage) },
      [
        "page",
      ],
    );
    headers.set("link", `<${next}>; rel="next"`);
  }
  headers.set("x-per-page", String(perPage));
  return jsonResponse(ctx.requestId, 200, page.map((j) => renderJob(ctx, p, j)), headers);
}

/** `GET /projects/:id/pipelines/:pipeline_id/jobs`: its latest jobs, with retried ones on request. */
function listPipelineJobs(ctx: RequestContext): Response {
  const keep = scopeFilter(ctx);
  const id = integerPathParam(ctx.pathParams, "pipeline_id");
  const p = findProject(ctx);
  requireReadBuilds(ctx, p);
  const pl = findPipeline(ctx.store, p, id);
  const retried = bool(ctx.params, "include_retried") ?? false;
  const rows = ciState(ctx.store).jobs.filter((j) =>
    j.pipelineId === pl.id && (retried || !j.retried) && (!keep || keep(j))
  );
  return paginateArray(ctx, rows, (j) => renderJob(ctx, p, j));
}

/** The pipeline of a job. */
function pipelineOf(store: Store, j: JobRec): PipelineRec {
  return ciState(store).pipelines.find((x) => x.id === j.pipelineId) as PipelineRec;
}

/** `POST /projects/:id/jobs/:job_id/retry`: a new job in its place (201); 403 when not retryable. */
function retryJob(ctx: RequestContext): Response {
  const store = ctx.store;
  const { p, j } = readableJob(ctx);
  const user = requireProjectAccess(ctx, p, ACCESS.developer);
  if (j.retried || !["success", "failed", "canceled"].includes(j.status)) {
    throw forbiddenWith("Job is not retryable");
  }
  j.retried = true;
  const fresh = cloneJobForRetry(store, j, user);
  fresh.status = "pending";
  fresh.queuedAt = store.iso();
  ciState(store).jobs.push(fresh);
  // later stages skipped after this job's failure run again (`Ci::ResetSkippedJobsService`)
  for (const later of ciState(store).jobs) {
    if (later.pipelineId === j.pipelineId && later.stageIdx > j.stageIdx && later.status === "skipped") {
      later.status = "created";
    }
  }
  advancePipeline(store, pipelineOf(store, j));
  store.bump();
  return jsonResponse(ctx.requestId, 201, renderJob(ctx, p, fresh));
}

/** `POST /projects/:id/jobs/:job_id/cancel` (201; a finished job is left as it is). */
function cancelProjectJob(ctx: RequestContext): Response {
  const store = ctx.store;
  const { p, j } = readableJob(ctx);
  requireProjectAccess(ctx, p, ACCESS.developer);
  if (bool(ctx.params, "force") && projectAccess(ctx.user, p) < ACCESS.maintainer) {
    throw new HttpError(403, { message: "403 Forbidden" });
  }
  if (cancelJob(store, j)) {
    advancePipeline(store, pipelineOf(store, j));
    store.bump();
  }
  return jsonResponse(ctx.requestId, 201, renderJob(ctx, p, j));
}

/** `POST /projects/:id/jobs/:job_id/play`: starts a manual job (200); 400 `Unplayable Job` otherwise. */
function playJob(ctx: RequestContext): Response {
  const store = ctx.store;
  const { p, j } = readableJob(ctx);
  const user = requireProjectAccess(ctx, p, ACCESS.developer);
  if (j.status !== "manual") throw new HttpError(400, { message: "400 Bad request - Unplayable Job" });
  j.status = "pending";
  j.userId = user.id;
  j.queuedAt = store.iso();
  advancePipeline(store, pipelineOf(store, j));
  store.bump();
  return jsonResponse(ctx.requestId, 200, renderJob(ctx, p, j));
}

/** `POST /projects/:id/jobs/:job_id/erase`: drops its log and artifacts (201); 403 unless finished. */
function eraseJob(ctx: RequestContext): Response {
  const store = ctx.store;
  const { p, j } = readableJob(ctx);
  requireProjectAccess(ctx, p, ACCESS.developer);
  const finished = ["success", "failed", "canceled", "skipped"].includes(j.status);
  if (!finished || j.erasedAt || (j.trace === null && j.artifacts === null)) {
    throw forbiddenWith("Job is not erasable!");
  }
  j.trace = null;
  j.artifacts = null;
  j.artifactsExpireAt = null;
  j.erasedAt = store.iso();
  store.bump();
  return jsonResponse(ctx.requestId, 201, renderJob(ctx, p, j));
}

/** `GET /projects/:id/jobs/:job_id/trace`: the log as `text/plain` (empty when it has none). */
function jobTraceResponse(ctx: RequestContext): Response {
  const { j } = readableJob(ctx);
  const bytes = new TextEncoder().encode(j.trace ?? "");
  return new Response(bytes, {
    status: 200,
    headers: {
      "content-type": "text/plain",
      "content-disposition": `infile; filename="${j.id}.log"`,
      "content-length": String(bytes.length),
      "x-request-id": ctx.requestId,
      "cache-control": "max-age=0, private, must-revalidate",
    },
  });
}

/** A binary download with GitLab's attachment headers. */
function download(ctx: RequestContext, bytes: Uint8Array, filename: string, type: string): Response {
  const quoted = filename.replace(/"/g, '\\"');
  return new Response(bytes.slice(), {
    status: 200,
    headers: {
      "content-type": type,
      "content-disposition": `attachment; filename="${quoted}"; filename*=UTF-8''${
        encodeURIComponent(filename)
      }`,
      "content-length": String(bytes.length),
      "content-transfer-encoding": "binary",
      "x-request-id": ctx.requestId,
      "cache-control": "max-age=0, private, must-revalidate",
    },
  });
}

/** `GET /projects/:id/jobs/:job_id/artifacts`: the archive as a zip; 404 when it has none. */
function jobArtifacts(ctx: RequestContext): Response {
  const { j } = readableJob(ctx);
  if (!j.artifacts) throw recordNotFound();
  return download(ctx, zipArchive(j.artifacts), "artifacts.zip", "application/octet-stream");
}

const MIME: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  json: "application/json",
  txt: "text/plain; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  xml: "application/xml",
  png: "image/png",
};

/** `GET /projects/:id/jobs/:job_id/artifacts/*artifact_path`: one file of the archive. */
function jobArtifactFile(ctx: RequestContext): Response {
  const { j } = readableJob(ctx);
  if (!j.artifacts) throw recordNotFound();
  return artifactFileResponse(ctx, j, artifactPath(ctx));
}

/** `GET /projects/:id/pipelines/:pipeline_id/bridges`: simulated pipelines have no trigger jobs. */
function listPipelineBridges(ctx: RequestContext): Response {
  scopeFilter(ctx);
  const id = integerPathParam(ctx.pathParams, "pipeline_id");
  const p = findProject(ctx);
  requireReadBuilds(ctx, p);
  findPipeline(ctx.store, p, id);
  return paginateArray(ctx, [], () => null);
}

/** `DELETE /projects/:id/jobs/:job_id/artifacts`: maintainers; 204. */
function deleteJobArtifacts(ctx: RequestContext): Response {
  const { p, j } = readableJob(ctx);
  requireProjectAccess(ctx, p, ACCESS.maintainer);
  j.artifacts = null;
  j.artifactsExpireAt = null;
  ctx.store.bump();
  return noContent(ctx.requestId);
}

/** `DELETE /projects/:id/artifacts`: maintainers; every job's artifacts, 202 as GitLab schedules it. */
function deleteProjectArtifacts(ctx: RequestContext): Response {
  requireAuth(ctx);
  const p = findProject(ctx);
  requireProjectAccess(ctx, p, ACCESS.maintainer);
  for (const j of ciState(ctx.store).jobs) {
    if (j.projectId !== p.id) continue;
    j.artifacts = null;
    j.artifactsExpireAt = null;
  }
  ctx.store.bump();
  return jsonResponse(ctx.requestId, 202, { message: "202 Accepted" });
}

/** `POST /projects/:id/jobs/:job_id/artifacts/keep`: the artifacts no longer expire (200). */
function keepJobArtifacts(ctx: RequestContext): Response {
  const { p, j } = readableJob(ctx);
  requireProjectAccess(ctx, p, ACCESS.developer);
  if (!j.artifacts) throw recordNotFound();
  j.artifactsExpireAt = null;
  ctx.store.bump();
  return jsonResponse(ctx.requestId, 200, renderJob(ctx, p, j));
}

/** The latest successful job named `job` on `ref_name`, with artifacts (`latest_successful_build_for_ref!`). */
function latestJobForRef(ctx: RequestContext): JobRec {
  requireAuth(ctx);
  validate(ctx.params).required("job").check();
  const p = findProject(ctx);
  requireReadBuilds(ctx, p);
  const ref = ctx.pathParams.ref_name;
  const name = str(ctx.params, "job");
  const state = ciState(ctx.store);
  const pipelines = state.pipelines.filter((pl) => pl.projectId === p.id && pl.ref === ref);
  for (let i = pipelines.length - 1; i >= 0; i--) {
    const j = [...state.jobs].reverse().find((x) =>
      x.pipelineId === pipelines[i].id && !x.retried && x.name === name && x.status === "success"
    );
    if (j) {
      if (!j.artifacts) throw recordNotFound();
      return j;
    }
  }
  throw recordNotFound();
}

/** The `*artifact_path` of a request: one encoded segment, or raw segments `p0`…`p7`. */
function artifactPath(ctx: RequestContext): string {
  const parts: string[] = [];
  for (let i = 0; i < 8; i++) {
    const v = ctx.pathParams[`p${i}`];
    if (v === undefined) break;
    parts.push(v);
  }
  return parts.join("/").replace(/^\/+/, "");
}

/** One artifact file of `j` as a download, or GitLab's 404. */
function artifactFileResponse(ctx: RequestContext, j: JobRec, path: string): Response {
  const file = j.artifacts?.find((a) => a.path === path);
  if (!file) throw recordNotFound();
  const name = path.split("/").pop() ?? path;
  const ext = name.includes(".") ? name.split(".").pop()!.toLowerCase() : "";
  return download(ctx, file.content, name, MIME[ext] ?? "application/octet-stream");
}

/** @internal registers the job routes (the project's, a pipeline's, and one job's actions and files). */
export function registerJobRoutes(routes: RouteTable): void {
  routes.on("GET", "/projects/:id/jobs/artifacts/:ref_name/download", (ctx) => {
    const j = latestJobForRef(ctx);
    return download(ctx, zipArchive(j.artifacts ?? []), "artifacts.zip", "application/octet-stream");
  });
  let byRef = "/projects/:id/jobs/artifacts/:ref_name/raw";
  for (let i = 0; i < 8; i++) {
    byRef += `/:p${i}`;
    routes.on("GET", byRef, (ctx) => artifactFileResponse(ctx, latestJobForRef(ctx), artifactPath(ctx)));
  }
  routes.on("GET", "/projects/:id/jobs", listJobs);
  routes.on("GET", "/projects/:id/pipelines/:pipeline_id/bridges", listPipelineBridges);
  routes.on("DELETE", "/projects/:id/artifacts", deleteProjectArtifacts);
  routes.on("DELETE", "/projects/:id/jobs/:job_id/artifacts", deleteJobArtifacts);
  routes.on("POST", "/projects/:id/jobs/:job_id/artifacts/keep", keepJobArtifacts);
  routes.on("GET", "/projects/:id/pipelines/:pipeline_id/jobs", listPipelineJobs);
  routes.on("GET", "/projects/:id/jobs/:job_id", (ctx) => {
    const { p, j } = readableJob(ctx);
    return jsonResponse(ctx.requestId, 200, renderJob(ctx, p, j));
  });
  routes.on("POST", "/projects/:id/jobs/:job_id/retry", withCiWebhooks(retryJob));
  routes.on("POST", "/projects/:id/jobs/:job_id/cancel", withCiWebhooks(cancelProjectJob));
  routes.on("POST", "/projects/:id/jobs/:job_id/play", withCiWebhooks(playJob));
  routes.on("POST", "/projects/:id/jobs/:job_id/erase", eraseJob);
  routes.on("GET", "/projects/:id/jobs/:job_id/trace", jobTraceResponse);
  routes.on("GET", "/projects/:id/jobs/:job_id/artifacts", jobArtifacts);
  // `*artifact_path`: one encoded segment, or up to eight raw ones
  let pattern = "/projects/:id/jobs/:job_id/artifacts";
  for (let i = 0; i < 8; i++) {
    pattern += `/:p${i}`;
    routes.on("GET", pattern, jobArtifactFile);
  }
}

// --- a minimal zip writer (stored entries, CRC-32), for artifact archives ---

let crcTable: Uint32Array | null = null;

/** CRC-32 (IEEE) of `bytes`. */
function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** @internal a zip archive (stored, uncompressed) of `files`. */
export function zipArchive(files: readonly { path: string; content: Uint8Array }[]): Uint8Array {
  const enc = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const f of files) {
    const name = enc.encode(f.path);
    const crc = crc32(f.content);
    const size = f.content.length;
    const local = new Uint8Array(30 + name.length + size);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x0800, true); // UTF-8 names
    lv.setUint16(8, 0, true); // stored
    lv.setUint16(10, 0, true);
    lv.setUint16(12, 0x21, true); // 1980-01-01
    lv.setUint32(14, crc, true);
    lv.setUint32(18, size, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    local.set(f.content, 30 + name.length);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x0800, true);
    cv.setUint16(12, 0, true);
    cv.setUint16(14, 0x21, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, size, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const centralSize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, files.length, true);
  ev.setUint16(10, files.length, true);
  ev.setUint32(12, centralSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + centralSize + 22);
  let at = 0;
  for (const part of [...locals, ...centrals, end]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
