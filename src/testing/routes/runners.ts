/**
 * Runners: `GET /runners` (the user's own), `GET /runners/all` (administrators), `GET`/`PUT`/`DELETE
 * /runners/:id`, and a project's runners (`GET`/`POST /projects/:id/runners`, `DELETE
 * /projects/:id/runners/:runner_id`); the runner records and renderers, and the seed's runners.
 *
 * @module
 */

import type { Runner, RunnerDetails, RunnerType } from "../../types/runners.ts";
import {
  ACCESS,
  canReadProject,
  groupAccess,
  projectAccess,
  requireAuth,
  requireProjectAccess,
} from "../access.ts";
import type { RenderContext, RequestContext } from "../context.ts";
import { bool, int, list, type Params, str } from "../params.ts";
import { paginateArray } from "../pagination.ts";
import type { ProjectRec, UserRec } from "../records.ts";
import { forbidden, HttpError, jsonResponse, noContent } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import type { Store } from "../store.ts";
import { integerPathParam, validate } from "../validation.ts";
import { forbiddenWith, recordNotFound } from "./pipelines.ts";
import { findProject, renderProjectSimple } from "./projects.ts";

/** @internal a runner. */
export interface RunnerRec {
  /** Runner id. */
  id: number;
  /** Description. */
  description: string;
  /** Whom it serves. */
  type: RunnerType;
  /** Ignores new jobs. */
  paused: boolean;
  /** Tags. */
  tagList: string[];
  /** Runs untagged jobs. */
  runUntagged: boolean;
  /** Locked to its projects. */
  locked: boolean;
  /** Longest job, in seconds. */
  maximumTimeout: number | null;
  /** Which refs' jobs it runs. */
  accessLevel: "not_protected" | "ref_protected";
  /** ISO time of its last contact. */
  contactedAt: string | null;
  /** Projects it serves (project runners). */
  projectIds: number[];
  /** Groups it serves (group runners). */
  groupIds: number[];
  /** Maintenance note. */
  maintenanceNote: string | null;
  /** Runner version. */
  version: string | null;
  /** ISO creation time. */
  createdAt: string;
}

/** @internal the runners of a simulator, id-ordered. */
export function runnerState(store: Store): RunnerRec[] {
  return store.slot<RunnerRec[]>("ci.runners", () => []);
}

/** @internal a runner's connection state: online (2 hours), offline, stale (7 days), never contacted. */
export function runnerStatus(store: Store, r: RunnerRec): string {
  if (!r.contactedAt) return "never_contacted";
  const age = store.now().getTime() - Date.parse(r.contactedAt);
  if (age <= 2 * 3_600_000) return "online";
  if (age > 7 * 86_400_000) return "stale";
  return "offline";
}

/** @internal a runner as lists show it. */
export function renderRunner(view: RenderContext, r: RunnerRec): Runner {
  const status = runnerStatus(view.store, r);
  return {
    id: r.id,
    description: r.description,
    ip_address: null,
    active: !r.paused,
    paused: r.paused,
    is_shared: r.type === "instance_type",
    runner_type: r.type,
    name: "gitlab-runner",
    online: status === "online",
    status,
  };
}

/** @internal a runner as `GET /runners/:id` returns it: its settings and the projects `viewer` can see. */
export function renderRunnerDetails(
  view: RenderContext,
  r: RunnerRec,
  viewer: UserRec | null,
): RunnerDetails {
  const projects = r.projectIds.map((id) => view.store.projectsById.get(id)).filter((p): p is ProjectRec =>
    !!p && canReadProject(viewer, p)
  );
  const groups = r.groupIds.map((id) => view.store.groupsById.get(id)).filter((g) => !!g).map((g) => ({
    id: g!.id,
    name: g!.name,
    web_url: `${view.webUrl}/groups/${g!.fullPath}`,
  }));
  return {
    ...renderRunner(view, r),
    tag_list: r.tagList,
    run_untagged: r.runUntagged,
    locked: r.locked,
    maximum_timeout: r.maximumTimeout,
    access_level: r.accessLevel,
    version: r.version,
    revision: r.version ? "374d34fd" : null,
    platform: r.version ? "linux" : null,
    architecture: r.version ? "amd64" : null,
    contacted_at: r.contactedAt,
    maintenance_note: r.maintenanceNote,
    projects: projects.map((p) => renderProjectSimple(view, p)),
    groups,
  };
}

/** @internal a runner by id, or GitLab's 404. */
export function findRunner(store: Store, id: number): RunnerRec {
  const r = runnerState(store).find((x) => x.id === id);
  if (!r) throw recordNotFound();
  return r;
}

/** Whether `user` owns a runner: maintainer of one of its projects, or owner of one of its groups. */
function ownsRunner(store: Store, user: UserRec, r: RunnerRec): boolean {
  if (user.admin) return true;
  if (r.type === "project_type") {
    return r.projectIds.some((id) => {
      const p = store.projectsById.get(id);
      return !!p && projectAccess(user, p) >= ACCESS.maintainer;
    });
  }
  if (r.type === "group_type") {
    return r.groupIds.some((id) => groupAccess(user, store.groupsById.get(id) ?? null) >= ACCESS.owner);
  }
  return false;
}

/** Values of `type`, `status` and the deprecated `scope` of runner lists. */
const TYPES = ["instance_type", "group_type", "project_type"];
const STATUSES = ["active", "paused", "online", "offline", "never_contacted", "stale"];
const SCOPES = ["specific", "shared", "instance_type", "group_type", "project_type", ...STATUSES];

/** The runners among `rows` that `type`, `status`, `scope`, `paused` and `tag_list` keep. */
function filterRunners(store: Store, rows: RunnerRec[], q: Params): RunnerRec[] {
  const type = str(q, "type");
  const status = str(q, "status");
  const scope = str(q, "scope");
  const paused = bool(q, "paused");
  const tags = list(q, "tag_list");
  const statusMatches = (r: RunnerRec, s: string) =>
    s === "active" ? !r.paused : s === "paused" ? r.paused : runnerStatus(store, r) === s;
  return rows.filter((r) => {
    if (type && r.type !== type) return false;
    if (status && !statusMatches(r, status)) return false;
    if (scope) {
      if (scope === "specific" && r.type === "instance_type") return false;
      if (scope === "shared" && r.type !== "instance_type") return false;
      if (TYPES.includes(scope) && r.type !== scope) return false;
      if (STATUSES.includes(scope) && !statusMatches(r, scope)) return false;
    }
    if (paused !== undefined && r.paused !== paused) return false;
    if (tags && !tags.every((t) => r.tagList.includes(t))) return false;
    return true;
  });
}

/** Validates a runner list's parameters (Grape's 400s, and GitLab's own for `scope`). */
function validateRunnerList(q: Params): void {
  validate(q).pagination().oneOf("type", TYPES).oneOf("status", STATUSES).check();
  const scope = str(q, "scope");
  if (scope !== undefined && !SCOPES.includes(scope)) {
    throw new HttpError(400, { message: "400 Bad request - Scope contains invalid value" });
  }
}

/** `GET /runners`: the runners the user owns. */
function listOwnRunners(ctx: RequestContext): Response {
  const user = requireAuth(ctx);
  validateRunnerList(ctx.params);
  const owned = runnerState(ctx.store).filter((r) =>
    r.type !== "instance_type" && ownsRunner(ctx.store, user, r)
  );
  return paginateArray(ctx, filterRunners(ctx.store, owned, ctx.params), (r) => renderRunner(ctx, r));
}

/** `GET /runners/all`: every runner, administrators only. */
function listAllRunners(ctx: RequestContext): Response {
  const user = requireAuth(ctx);
  if (!user.admin) throw forbidden();
  validateRunnerList(ctx.params);
  const rows = filterRunners(ctx.store, runnerState(ctx.store), ctx.params);
  return paginateArray(ctx, rows, (r) => renderRunner(ctx, r));
}

/** `GET /runners/:id`: instance runners to everyone signed in, others to their owners. */
function getRunner(ctx: RequestContext): Response {
  const user = requireAuth(ctx);
  const r = findRunner(ctx.store, integerPathParam(ctx.pathParams, "id"));
  if (r.type !== "instance_type" && !ownsRunner(ctx.store, user, r)) throw forbiddenWith("No access granted");
  return jsonResponse(ctx.requestId, 200, renderRunnerDetails(ctx, r, user));
}

const EDIT_KEYS = [
  "description",
  "active",
  "paused",
  "tag_list",
  "run_untagged",
  "locked",
  "access_level",
  "maximum_timeout",
  "maintenance_note",
];

/** `PUT /runners/:id`. */
function editRunner(ctx: RequestContext): Response {
  const user = requireAuth(ctx);
  const q = ctx.params;
  const r = findRunner(ctx.store, integerPathParam(ctx.pathParams, "id"));
  validate(q).oneOf("access_level", ["not_protected", "ref_protected"]).integer("maximum_timeout").check();
  if (!EDIT_KEYS.some((k) => Object.hasOwn(q, k))) {
    throw new HttpError(400, {
      error: `${EDIT_KEYS.join(", ")} are missing, at least one parameter must be provided`,
    });
  }
  if (!ownsRunner(ctx.store, user, r)) throw forbiddenWith("No access granted");
  const timeout = int(q, "maximum_timeout");
  if (timeout !== undefined && timeout < 600) {
    throw new HttpError(400, {
      message: { maximum_timeout: ["needs to be at least 10 minutes"] },
    });
  }
  const description = str(q, "description");
  if (description !== undefined) r.description = description;
  const active = bool(q, "active");
  if (active !== undefined) r.paused = !active;
  const paused = bool(q, "paused");
  if (paused !== undefined) r.paused = paused;
  if (Object.hasOwn(q, "tag_list")) r.tagList = [...new Set(list(q, "tag_list") ?? [])].sort();
  const untagged = bool(q, "run_untagged");
  if (untagged !== undefined) r.runUntagged = untagged;
  const locked = bool(q, "locked");
  if (locked !== undefined) r.locked = locked;
  const access = str(q, "access_level");
  if (access === "not_protected" || access === "ref_protected") r.accessLevel = access;
  if (timeout !== undefined) r.maximumTimeout = timeout;
  const note = str(q, "maintenance_note");
  if (note !== undefined) r.maintenanceNote = note;
  ctx.store.bump();
  return jsonResponse(ctx.requestId, 200, renderRunnerDetails(ctx, r, user));
}

/** `DELETE /runners/:id`. */
function deleteRunner(ctx: RequestContext): Response {
  const user = requireAuth(ctx);
  const r = findRunner(ctx.store, integerPathParam(ctx.pathParams, "id"));
  if (!user.admin) {
    if (r.projectIds.length > 1) throw forbiddenWith("Runner associated with more than one project");
    if (!ownsRunner(ctx.store, user, r)) throw forbiddenWith("No access granted");
  }
  const rows = runnerState(ctx.store);
  rows.splice(rows.indexOf(r), 1);
  ctx.store.bump();
  return noContent(ctx.requestId);
}

/** `GET /projects/:id/runners`: maintainers; the project's runners, its groups' and the instance's. */
function listProjectRunners(ctx: RequestContext): Response {
  requireAuth(ctx);
  validateRunnerList(ctx.params);
  const p = findProject(ctx);
  requireProjectAccess(ctx, p, ACCESS.maintainer);
  const ancestors = new Set<number>();
  let guard = 0;
  for (let g = p.ns.kind === "group" ? p.ns.group : null; g && guard++ < 100; g = g.parent) {
    ancestors.add(g.id);
  }
  const rows = runnerState(ctx.store).filter((r) =>
    r.type === "instance_type" || r.projectIds.includes(p.id) || r.groupIds.some((id) => ancestors.has(id))
  );
  return paginateArray(ctx, filterRunners(ctx.store, rows, ctx.params), (r) => renderRunner(ctx, r));
}

/** `POST /projects/:id/runners`: assigns one of the user's project runners to the project. */
function enableProjectRunner(ctx: RequestContext): Response {
  const user = requireAuth(ctx);
  validate(ctx.params).required("runner_id").integer("runner_id").check();
  const p = findProject(ctx);
  requireProjectAccess(ctx, p, ACCESS.maintainer);
  const r = findRunner(ctx.store, int(ctx.params, "runner_id") as number);
  if (r.type === "group_type") throw forbiddenWith("Runner is a group runner");
  if (!user.admin) {
    if (r.locked) throw forbiddenWith("Runner is locked");
    if (!ownsRunner(ctx.store, user, r)) throw forbiddenWith("No access granted");
  }
  // only project runners are assigned to projects
  if (r.type === "instance_type") throw forbiddenWith("No access granted");
  if (r.projectIds.includes(p.id)) {
    throw new HttpError(409, { message: "Runner was already enabled for this project" });
  }
  r.projectIds.push(p.id);
  ctx.store.bump();
  return jsonResponse(ctx.requestId, 201, renderRunner(ctx, r));
}

/** `DELETE /projects/:id/runners/:runner_id`: refused for a runner's last project. */
function disableProjectRunner(ctx: RequestContext): Response {
  requireAuth(ctx);
  const id = integerPathParam(ctx.pathParams, "runner_id");
  const p = findProject(ctx);
  requireProjectAccess(ctx, p, ACCESS.maintainer);
  const r = runnerState(ctx.store).find((x) => x.id === id && x.projectIds.includes(p.id));
  if (!r) throw new HttpError(404, { message: "404 Runner Not Found" });
  if (r.projectIds.length === 1) {
    throw forbiddenWith("Only one project associated with the runner. Please remove the runner instead");
  }
  r.projectIds = r.projectIds.filter((x) => x !== p.id);
  ctx.store.bump();
  return noContent(ctx.requestId);
}

/** @internal registers the runner routes. */
export function registerRunnerRoutes(routes: RouteTable): void {
  routes.on("GET", "/runners", listOwnRunners);
  routes.on("GET", "/runners/all", listAllRunners);
  routes.on("GET", "/runners/:id", getRunner);
  routes.on("PUT", "/runners/:id", editRunner);
  routes.on("DELETE", "/runners/:id", deleteRunner);
  routes.on("GET", "/projects/:id/runners", listProjectRunners);
  routes.on("POST", "/projects/:id/runners", enableProjectRunner);
  routes.on("DELETE", "/projects/:id/runners/:runner_id", disableProjectRunner);
}

/** @internal adds a runner record (seed and builders). */
export function addRunner(
  store: Store,
  r: Omit<RunnerRec, "id" | "createdAt"> & { createdAt?: string },
): RunnerRec {
  const rec: RunnerRec = { ...r, id: store.nextIdOf("runner"), createdAt: r.createdAt ?? store.iso() };
  runnerState(store).push(rec);
  return rec;
}

/** @internal the seed's runners: an instance runner, `acme/web` + `acme/api`'s, and a stale one. */
export function seedRunners(store: Store): void {
  const minutesAgo = (m: number) => new Date(store.now().getTime() - m * 60_000).toISOString();
  const base = {
    runUntagged: true,
    locked: false,
    maximumTimeout: null,
    accessLevel: "not_protected" as const,
    groupIds: [],
    maintenanceNote: null,
    version: "17.6.0",
  };
  addRunner(store, {
    ...base,
    description: "shared-runner-1 (docker, linux/amd64)",
    type: "instance_type",
    paused: false,
    tagList: ["docker", "linux"],
    contactedAt: minutesAgo(3),
    projectIds: [],
    createdAt: store.isoAgo(300),
  });
  const web = store.projectByIdOrPath("acme/web");
  const api = store.projectByIdOrPath("acme/api");
  addRunner(store, {
    ...base,
    description: "acme-builds",
    type: "project_type",
    paused: false,
    tagList: ["acme", "docker"],
    contactedAt: minutesAgo(12),
    projectIds: [web?.id, api?.id].filter((x): x is number => x !== undefined),
    createdAt: store.isoAgo(200),
  });
  const tools = store.projectByIdOrPath("acme/platform/deploy-tools");
  addRunner(store, {
    ...base,
    description: "deploy-tools-runner",
    type: "project_type",
    paused: true,
    tagList: ["deploy"],
    contactedAt: store.isoAgo(10),
    projectIds: tools ? [tools.id] : [],
    maintenanceNote: "Replaced by shared runners; kept for rollbacks.",
    createdAt: store.isoAgo(150),
  });
}
