/**
 * Project deployments: `GET`/`POST /projects/:id/deployments`, `GET`/`PUT`/`DELETE
 * /projects/:id/deployments/:deployment_id`; the deployment records and renderer, and the seed's
 * environments with their deployments.
 *
 * @module
 */

import type { Deployment, DeploymentExtended, DeploymentStatus } from "../../types/deployments.ts";
import { ACCESS, requireAuth, requireProjectAccess } from "../access.ts";
import type { RenderContext, RequestContext } from "../context.ts";
import { bool, str } from "../params.ts";
import { paginateArray } from "../pagination.ts";
import type { ProjectRec, UserRec } from "../records.ts";
import { resolveRef } from "../repository.ts";
import { HttpError, jsonResponse, noContent } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import type { Store } from "../store.ts";
import { integerPathParam, validate } from "../validation.ts";
import {
  createEnvironment,
  ensureEnvironment,
  type EnvironmentRec,
  environmentState,
  renderEnvironmentBasic,
  requireReporter,
} from "./environments.ts";
import { renderJob } from "./jobs.ts";
import { ciState, forbiddenWith, recordNotFound } from "./pipelines.ts";
import { findProject } from "./projects.ts";
import { renderUserBasicById } from "./users.ts";

/** @internal a deployment. */
export interface DeploymentRec {
  /** Instance-wide id. */
  id: number;
  /** Project-scoped number. */
  iid: number;
  /** Project id. */
  projectId: number;
  /** Environment id. */
  environmentId: number;
  /** Branch or tag. */
  ref: string;
  /** Commit SHA. */
  sha: string;
  /** Whether `ref` is a tag. */
  tag: boolean;
  /** State. */
  status: DeploymentStatus;
  /** Who deployed. */
  userId: number | null;
  /** The job that deployed, if any. */
  jobId: number | null;
  /** ISO creation time. */
  createdAt: string;
  /** ISO update time. */
  updatedAt: string;
  /** ISO finish time. */
  finishedAt: string | null;
}

/** @internal the deployments of a simulator, id-ordered. */
export function deploymentState(store: Store): DeploymentRec[] {
  return store.slot<DeploymentRec[]>("ci.deployments", () => []);
}

/** @internal an environment's latest successful deployment (GitLab's `last_deployment`). */
export function lastDeployment(store: Store, e: EnvironmentRec): DeploymentRec | null {
  const rows = deploymentState(store).filter((d) => d.environmentId === e.id && d.status === "success");
  return rows[rows.length - 1] ?? null;
}

/** @internal a deployment as lists show it. */
export function renderDeployment(view: RenderContext, p: ProjectRec, d: DeploymentRec): Deployment {
  const env = environmentState(view.store).find((e) => e.id === d.environmentId) as EnvironmentRec;
  const job = d.jobId === null ? undefined : ciState(view.store).jobs.find((j) => j.id === d.jobId);
  return {
    id: d.id,
    iid: d.iid,
    ref: d.ref,
    sha: d.sha,
    created_at: d.createdAt,
    updated_at: d.updatedAt,
    user: renderUserBasicById(view, d.userId),
    environment: renderEnvironmentBasic(env),
    deployable: job ? renderJob(view, p, job) : null,
    status: d.status,
  };
}

/** @internal a deployment as getting, creating or updating one returns it. */
export function renderDeploymentExtended(
  view: RenderContext,
  p: ProjectRec,
  d: DeploymentRec,
): DeploymentExtended {
  return { ...renderDeployment(view, p, d), pending_approval_count: 0, approvals: [] };
}

/** @internal fields of a new deployment. */
export interface NewDeployment {
  /** Environment. */
  environment: EnvironmentRec;
  /** Ref. */
  ref: string;
  /** SHA. */
  sha: string;
  /** Tag. */
  tag: boolean;
  /** Status. */
  status: DeploymentStatus;
  /** Deployer. */
  user: UserRec | null;
  /** Deploying job. */
  jobId?: number | null;
}

const FINISHED: readonly DeploymentStatus[] = ["success", "failed", "canceled", "skipped"];

/** @internal records a deployment. */
export function createDeployment(store: Store, p: ProjectRec, d: NewDeployment): DeploymentRec {
  const rows = deploymentState(store);
  const at = store.iso();
  const last = rows.filter((x) => x.projectId === p.id).reduce((m, x) => Math.max(m, x.iid), 0);
  const rec: DeploymentRec = {
    id: store.nextIdOf("deployment"),
    iid: last + 1,
    projectId: p.id,
    environmentId: d.environment.id,
    ref: d.ref,
    sha: d.sha,
    tag: d.tag,
    status: d.status,
    userId: d.user?.id ?? null,
    jobId: d.jobId ?? null,
    createdAt: at,
    updatedAt: at,
    finishedAt: FINISHED.includes(d.status) ? at : null,
  };
  rows.push(rec);
  if (d.status === "success" && d.environment.state !== "available") d.environment.state = "available";
  store.bump();
  return rec;
}

/** The deployment `:deployment_id` of the request's project. */
function findDeployment(ctx: RequestContext): { p: ProjectRec; d: DeploymentRec } {
  requireAuth(ctx);
  const id = integerPathParam(ctx.pathParams, "deployment_id");
  const p = findProject(ctx);
  requireReporter(ctx, p);
  const d = deploymentState(ctx.store).find((x) => x.id === id && x.projectId === p.id);
  if (!d) throw recordNotFound();
  return { p, d };
}

const ORDER_BY = ["id", "iid", "created_at", "updated_at", "finished_at", "ref"];
const STATUSES: readonly DeploymentStatus[] = [
  "created",
  "running",
  "success",
  "failed",
  "canceled",
  "skipped",
  "blocked",
];

/** `GET /projects/:id/deployments` (`environment`, `status`, `updated_*`, `finished_*`, ordering). */
function listDeployments(ctx: RequestContext): Response {
  requireAuth(ctx);
  const q = ctx.params;
  validate(q).pagination().oneOf("order_by", ORDER_BY).oneOf("sort", ["asc", "desc"]).oneOf(
    "status",
    STATUSES,
  )
    .check();
  const p = findProject(ctx);
  requireReporter(ctx, p);
  const store = ctx.store;
  const envName = str(q, "environment");
  const status = str(q, "status");
  const orderBy = str(q, "order_by") ?? "id";
  const finishedAfter = str(q, "finished_after");
  const finishedBefore = str(q, "finished_before");
  if ((finishedAfter || finishedBefore) && status !== "success") {
    throw new HttpError(400, {
      message:
        "400 Bad request - `finished_at` filter requires `status=success` filter for a better performance",
    });
  }
  const ms = (k: string) => {
    const v = str(q, k);
    return v ? Date.parse(v) : undefined;
  };
  const ua = ms("updated_after");
  const ub = ms("updated_before");
  const fa = ms("finished_after");
  const fb = ms("finished_before");
  const envs = new Map(environmentState(store).map((e) => [e.id, e]));
  const rows = deploymentState(store).filter((d) => {
    if (d.projectId !== p.id) return false;
    if (envName !== undefined && envs.get(d.environmentId)?.name !== envName) return false;
    if (status && d.status !== status) return false;
    const u = Date.parse(d.updatedAt);
    if (ua !== undefined && u < ua) return false;
    if (ub !== undefined && u > ub) return false;
    const f = d.finishedAt ? Date.parse(d.finishedAt) : undefined;
    if (fa !== undefined && (f === undefined || f < fa)) return false;
    if (fb !== undefined && (f === undefined || f > fb)) return false;
    return true;
  });
  const dir = (str(q, "sort") ?? "asc") === "desc" ? -1 : 1;
  const key = (d: DeploymentRec): string | number =>
    orderBy === "iid"
      ? d.iid
      : orderBy === "created_at"
      ? d.createdAt
      : orderBy === "updated_at"
      ? d.updatedAt
      : orderBy === "finished_at"
      ? d.finishedAt ?? ""
      : orderBy === "ref"
      ? d.ref
      : d.id;
  rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const c = ka < kb ? -1 : ka > kb ? 1 : 0;
    return (c !== 0 ? c : a.id - b.id) * dir;
  });
  return paginateArray(ctx, rows, (d) => renderDeployment(ctx, p, d));
}

/** Statuses the API may set. */
const API_STATUSES = ["running", "success", "failed", "canceled"];

/** `POST /projects/:id/deployments`: the environment is created when missing. */
function postDeployment(ctx: RequestContext): Response {
  requireAuth(ctx);
  const q = ctx.params;
  validate(q).required("environment").required("sha").required("ref").required("tag").required("status")
    .oneOf("status", API_STATUSES).check();
  const p = findProject(ctx);
  const user = requireProjectAccess(ctx, p, ACCESS.developer);
  const ref = str(q, "ref") ?? "";
  const sha = str(q, "sha") ?? "";
  const envName = str(q, "environment") ?? "";
  const tag = bool(q, "tag") ?? false;
  // GitLab looks the ref up as a commit (`user_project.commit(ref)`): a branch, a tag or a SHA
  if (!resolveRef(ctx.store, p, ref)) {
    throw new HttpError(400, { message: { ref: ["The branch or tag does not exist"] } });
  }
  // `find_or_create_by_name`: an environment that cannot be saved answers with its own errors
  if (envName.trim() === "") throw new HttpError(400, { message: { name: ["can't be blank"] } });
  if (sha.trim() === "") throw new HttpError(400, { message: { sha: ["can't be blank"] } });
  const env = ensureEnvironment(ctx.store, p, envName);
  const d = createDeployment(ctx.store, p, {
    environment: env,
    ref,
    sha,
    tag,
    status: str(q, "status") as DeploymentStatus,
    user,
  });
  return jsonResponse(ctx.requestId, 201, renderDeploymentExtended(ctx, p, d));
}

/** `PUT /projects/:id/deployments/:deployment_id`: sets the status of a deployment made through the API. */
function updateDeployment(ctx: RequestContext): Response {
  requireAuth(ctx);
  validate(ctx.params).required("status").oneOf("status", API_STATUSES).check();
  const { p, d } = findDeployment(ctx);
  requireProjectAccess(ctx, p, ACCESS.developer);
  if (d.jobId !== null) {
    throw forbiddenWith("Deployments created using GitLab CI can not be updated using the API");
  }
  const status = str(ctx.params, "status") as DeploymentStatus;
  if (status !== d.status) {
    d.status = status;
    d.updatedAt = ctx.store.iso();
    d.finishedAt = FINISHED.includes(status) ? d.updatedAt : null;
    ctx.store.bump();
  }
  return jsonResponse(ctx.requestId, 200, renderDeploymentExtended(ctx, p, d));
}

/** `DELETE /projects/:id/deployments/:deployment_id`: maintainers; not running, not the current one. */
function deleteDeployment(ctx: RequestContext): Response {
  const { p, d } = findDeployment(ctx);
  requireProjectAccess(ctx, p, ACCESS.maintainer);
  if (!FINISHED.includes(d.status)) {
    throw new HttpError(400, { message: "Cannot destroy running deployment" });
  }
  const env = environmentState(ctx.store).find((e) => e.id === d.environmentId);
  if (env && lastDeployment(ctx.store, env) === d) {
    throw new HttpError(400, { message: "Deployment currently deployed to environment" });
  }
  const rows = deploymentState(ctx.store);
  rows.splice(rows.indexOf(d), 1);
  ctx.store.bump();
  return noContent(ctx.requestId);
}

/** @internal registers the deployment routes. */
export function registerDeploymentRoutes(routes: RouteTable): void {
  routes.on("GET", "/projects/:id/deployments", listDeployments);
  routes.on("POST", "/projects/:id/deployments", postDeployment);
  routes.on("GET", "/projects/:id/deployments/:deployment_id", (ctx) => {
    const { p, d } = findDeployment(ctx);
    return jsonResponse(ctx.requestId, 200, renderDeploymentExtended(ctx, p, d));
  });
  routes.on("PUT", "/projects/:id/deployments/:deployment_id", updateDeployment);
  routes.on("DELETE", "/projects/:id/deployments/:deployment_id", deleteDeployment);
}

/**
 * @internal the seed's environments: `production` and `staging` of `acme/web` (production deployed by the
 * `deploy:production` job of its first pipeline), and `production` of `acme/api`.
 */
export function seedDeployments(store: Store): void {
  const web = store.projectByIdOrPath("acme/web");
  const api = store.projectByIdOrPath("acme/api");
  const alice = store.usersByName.get("alice") ?? null;
  if (!web || !api) return;
  const state = ciState(store);
  const deployJob = (p: ProjectRec) =>
    state.jobs.find((j) => j.projectId === p.id && j.name === "deploy:production" && j.status === "success");
  const backdate = (d: DeploymentRec, days: number) => {
    d.createdAt = store.isoAgo(days);
    d.updatedAt = d.createdAt;
    d.finishedAt = d.createdAt;
  };
  for (const p of [web, api]) {
    const prodUrl = p === web ? "https://www.acme.example" : "https://api.acme.example";
    const prod = createEnvironment(store, p, {
      name: "production",
      externalUrl: prodUrl,
      tier: "production",
    });
    prod.createdAt = store.isoAgo(120);
    const job = deployJob(p);
    const pl = job ? state.pipelines.find((x) => x.id === job.pipelineId) : undefined;
    const sha = pl?.commit.id ?? resolveRef(store, p, p.defaultBranch)?.commit.id ?? "";
    const d = createDeployment(store, p, {
      environment: prod,
      ref: p.defaultBranch,
      sha,
      tag: false,
      status: "success",
      user: alice,
      jobId: job?.id ?? null,
    });
    backdate(d, 2);
    prod.updatedAt = d.updatedAt;
    if (p === web) {
      const staging = createEnvironment(store, p, {
        name: "staging",
        externalUrl: "https://staging.acme.example",
        tier: "staging",
      });
      staging.createdAt = store.isoAgo(100);
      const head = resolveRef(store, p, p.defaultBranch)?.commit.id ?? sha;
      const older = createDeployment(store, p, {
        environment: staging,
        ref: p.defaultBranch,
        sha,
        tag: false,
        status: "failed",
        user: alice,
      });
      backdate(older, 3);
      const newer = createDeployment(store, p, {
        environment: staging,
        ref: p.defaultBranch,
        sha: head,
        tag: false,
        status: "success",
        user: alice,
      });
      backdate(newer, 1);
      staging.updatedAt = newer.updatedAt;
    }
  }
}
