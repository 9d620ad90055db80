/**
 * Project environments: `GET`/`POST /projects/:id/environments`, `GET`/`PUT`/`DELETE
 * /projects/:id/environments/:environment_id` and its `stop`; the environment records and renderers. As
 * on GitLab an environment is deleted only once stopped.
 *
 * @module
 */

import type {
  Environment,
  EnvironmentBasic,
  EnvironmentState,
  EnvironmentTier,
} from "../../types/environments.ts";
import type { Deployment } from "../../types/deployments.ts";
import { ACCESS, requireAuth, requireProjectAccess } from "../access.ts";
import type { RenderContext, RequestContext } from "../context.ts";
import { pseudoHex } from "../encoding.ts";
import { type Params, str } from "../params.ts";
import { paginateArray } from "../pagination.ts";
import type { ProjectRec } from "../records.ts";
import { forbidden, HttpError, jsonResponse, noContent } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import type { Store } from "../store.ts";
import { integerPathParam, validate } from "../validation.ts";
import { lastDeployment, renderDeployment } from "./deployments.ts";
import { recordNotFound } from "./pipelines.ts";
import { findProject, renderProjectSimple } from "./projects.ts";

/** @internal an environment. */
export interface EnvironmentRec {
  /** Environment id. */
  id: number;
  /** Project id. */
  projectId: number;
  /** Name. */
  name: string;
  /** URL- and DNS-safe name. */
  slug: string;
  /** Deployed application's address. */
  externalUrl: string | null;
  /** Kind of target. */
  tier: EnvironmentTier;
  /** State. */
  state: EnvironmentState;
  /** Description. */
  description: string | null;
  /** ISO creation time. */
  createdAt: string;
  /** ISO update time. */
  updatedAt: string;
  /** ISO automatic stop time. */
  autoStopAt: string | null;
  /** When the automatic stop applies. */
  autoStopSetting: "always" | "with_action";
}

/** @internal the environments of a simulator, id-ordered. */
export function environmentState(store: Store): EnvironmentRec[] {
  return store.slot<EnvironmentRec[]>("ci.environments", () => []);
}

/** Shortest `search` GitLab accepts. */
const MIN_SEARCH_LENGTH = 3;

const TIERS: readonly EnvironmentTier[] = ["production", "staging", "testing", "development", "other"];

/** GitLab's guess of a tier from an environment's name (`Environment#guess_tier`). */
function guessTier(name: string): EnvironmentTier {
  const n = name.toLowerCase();
  if (/(dev|review|trunk)/.test(n)) return "development";
  if (/(test|tst|int|ac(ce|)pt|qa|qc|control|quality)/.test(n)) return "testing";
  if (/(st(a|)g|mod(e|)l|pre|demo|non)/.test(n)) return "staging";
  if (/(pr(o|)d|live)/.test(n)) return "production";
  return "other";
}

/** GitLab's environment slug: lower-case, `-` for other characters, 24 at most, a suffix when changed. */
function environmentSlug(name: string, id: number): string {
  let s = name.toLowerCase().replace(/[^a-z0-9]/g, "-");
  if (!/^[a-z]/.test(s)) s = `env-${s}`;
  if (s.length > 24) s = s.slice(0, 24);
  s = s.replace(/-+$/, "");
  if (s !== name) s = `${s.slice(0, 17).replace(/-+$/, "")}-${pseudoHex(id, 6)}`;
  return s;
}

/** Whether `name` is a valid environment name. */
function validName(name: string): boolean {
  return /^[a-zA-Z0-9_\-/${}. ]+$/.test(name) && !name.startsWith("/") && !name.endsWith("/");
}

/** @internal an environment as deployments embed it. */
export function renderEnvironmentBasic(e: EnvironmentRec): EnvironmentBasic {
  return {
    id: e.id,
    name: e.name,
    slug: e.slug,
    external_url: e.externalUrl,
    created_at: e.createdAt,
    updated_at: e.updatedAt,
  };
}

/** @internal an environment as lists, creating, editing and stopping return it. */
export function renderEnvironment(view: RenderContext, p: ProjectRec, e: EnvironmentRec): Environment {
  return {
    ...renderEnvironmentBasic(e),
    tier: e.tier,
    project: renderProjectSimple(view, p),
    state: e.state,
    auto_stop_at: e.autoStopAt,
    description: e.description,
    auto_stop_setting: e.autoStopSetting,
  };
}

/**
 * @internal an environment as getting one returns it: GitLab presents it `except: [:project,
 * { last_deployment: [:environment] }]`, so without `project`, and with its last deployment (without that
 * deployment's `environment`).
 */
export function renderEnvironmentDetail(
  view: RenderContext,
  p: ProjectRec,
  e: EnvironmentRec,
): Omit<Environment, "project" | "last_deployment"> & {
  last_deployment: Omit<Deployment, "environment"> | null;
} {
  const { project: _project, ...rest } = renderEnvironment(view, p, e);
  const last = lastDeployment(view.store, e);
  let lastOut: Omit<Deployment, "environment"> | null = null;
  if (last) {
    const { environment: _environment, ...d } = renderDeployment(view, p, last);
    lastOut = d;
  }
  return { ...rest, last_deployment: lastOut };
}

/**
 * @internal a 403 unless `ctx.user` is at least a reporter of `p` (`read_environment` and `read_deployment`
 * are reporter abilities: unlike pipelines, a public project does not show them to non-members).
 */
export function requireReporter(ctx: RequestContext, p: ProjectRec): void {
  requireProjectAccess(ctx, p, ACCESS.reporter);
}

/** @internal the environment `id` of `p`, or GitLab's 404. */
export function findEnvironment(store: Store, p: ProjectRec, id: number): EnvironmentRec {
  const e = environmentState(store).find((x) => x.id === id && x.projectId === p.id);
  if (!e) throw recordNotFound();
  return e;
}

/** @internal fields of a new environment. */
export interface NewEnvironment {
  /** Name. */
  name: string;
  /** External URL. */
  externalUrl?: string | null;
  /** Tier (default: guessed from the name). */
  tier?: EnvironmentTier;
  /** Description. */
  description?: string | null;
}

/** @internal creates an environment (`available`). */
export function createEnvironment(store: Store, p: ProjectRec, d: NewEnvironment): EnvironmentRec {
  const id = store.nextIdOf("environment");
  const at = store.iso();
  const rec: EnvironmentRec = {
    id,
    projectId: p.id,
    name: d.name,
    slug: environmentSlug(d.name, id),
    externalUrl: d.externalUrl ?? null,
    tier: d.tier ?? guessTier(d.name),
    state: "available",
    description: d.description ?? null,
    createdAt: at,
    updatedAt: at,
    autoStopAt: null,
    autoStopSetting: "always",
  };
  environmentState(store).push(rec);
  store.bump();
  return rec;
}

/** @internal the environment named `name` in `p`, created when there is none (deployments do this). */
export function ensureEnvironment(store: Store, p: ProjectRec, name: string): EnvironmentRec {
  return environmentState(store).find((e) => e.projectId === p.id && e.name === name) ??
    createEnvironment(store, p, { name });
}

/** `GET /projects/:id/environments` (`name`, `search`, `states`). */
function listEnvironments(ctx: RequestContext): Response {
  requireAuth(ctx);
  const q = ctx.params;
  validate(q).pagination().oneOf("states", ["available", "stopping", "stopped"]).check();
  const name = str(q, "name");
  const search = str(q, "search");
  if (name !== undefined && search !== undefined) {
    throw new HttpError(400, { error: "name, search cannot be used together" });
  }
  const p = findProject(ctx);
  requireReporter(ctx, p);
  if (search && search.length < MIN_SEARCH_LENGTH) {
    throw new HttpError(400, {
      message: `400 Bad request - Search query is less than ${MIN_SEARCH_LENGTH} characters`,
    });
  }
  const state = str(q, "states");
  const rows = environmentState(ctx.store).filter((e) => {
    if (e.projectId !== p.id) return false;
    if (name !== undefined && e.name !== name) return false;
    if (search !== undefined && !e.name.toLowerCase().includes(search.toLowerCase())) return false;
    if (state !== undefined && e.state !== state) return false;
    return true;
  });
  return paginateArray(ctx, rows, (e) => renderEnvironment(ctx, p, e));
}

/** Grape's `absence` rule on `slug`: GitLab makes the slug itself. */
function checkNoSlug(q: Params): void {
  if (Object.hasOwn(q, "slug")) {
    throw new HttpError(400, { error: "slug is automatically generated and cannot be changed" });
  }
}

/** Validates an external URL as GitLab's `AddressableUrlValidator` would. */
function checkExternalUrl(url: string | undefined): void {
  if (url === undefined || url === "") return;
  let ok = false;
  try {
    const u = new URL(url);
    ok = u.protocol === "http:" || u.protocol === "https:";
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new HttpError(400, {
      message: { external_url: ["is blocked: Only allowed schemes are http, https"] },
    });
  }
}

/** `POST /projects/:id/environments`. */
function postEnvironment(ctx: RequestContext): Response {
  requireAuth(ctx);
  const q = ctx.params;
  validate(q).required("name").oneOf("tier", TIERS).oneOf("auto_stop_setting", ["always", "with_action"])
    .check();
  checkNoSlug(q);
  const p = findProject(ctx);
  requireProjectAccess(ctx, p, ACCESS.developer);
  const name = str(q, "name") ?? "";
  if (name.trim() === "") throw new HttpError(400, { message: { name: ["can't be blank"] } });
  if (!validName(name)) {
    throw new HttpError(400, {
      message: {
        name: [
          "can contain only letters, digits, '-', '_', '/', '$', '{', '}', '.', and spaces, " +
          "but it cannot start or end with '/'",
        ],
      },
    });
  }
  if (environmentState(ctx.store).some((e) => e.projectId === p.id && e.name === name)) {
    throw new HttpError(400, { message: { name: ["has already been taken"] } });
  }
  const externalUrl = str(q, "external_url");
  checkExternalUrl(externalUrl);
  const e = createEnvironment(ctx.store, p, {
    name,
    externalUrl: externalUrl || null,
    tier: str(q, "tier") as EnvironmentTier | undefined,
    description: str(q, "description") ?? null,
  });
  if (str(q, "auto_stop_setting") === "with_action") e.autoStopSetting = "with_action";
  return jsonResponse(ctx.requestId, 201, renderEnvironment(ctx, p, e));
}

/** `PUT /projects/:id/environments/:environment_id` (`external_url`, `tier`, `description`). */
function editEnvironment(ctx: RequestContext): Response {
  requireAuth(ctx);
  const q = ctx.params;
  validate(q).oneOf("tier", TIERS).oneOf("auto_stop_setting", ["always", "with_action"]).check();
  checkNoSlug(q);
  const id = integerPathParam(ctx.pathParams, "environment_id");
  const p = findProject(ctx);
  requireProjectAccess(ctx, p, ACCESS.developer);
  const e = findEnvironment(ctx.store, p, id);
  const externalUrl = str(q, "external_url");
  checkExternalUrl(externalUrl);
  if (externalUrl !== undefined) e.externalUrl = externalUrl || null;
  const tier = str(q, "tier");
  if (tier !== undefined) e.tier = tier as EnvironmentTier;
  const description = str(q, "description");
  if (description !== undefined) e.description = description;
  const autoStop = str(q, "auto_stop_setting");
  if (autoStop === "always" || autoStop === "with_action") e.autoStopSetting = autoStop;
  e.updatedAt = ctx.store.iso();
  ctx.store.bump();
  return jsonResponse(ctx.requestId, 200, renderEnvironment(ctx, p, e));
}

/** `DELETE /projects/:id/environments/:environment_id`: 403 while the environment is available. */
function deleteEnvironment(ctx: RequestContext): Response {
  requireAuth(ctx);
  const id = integerPathParam(ctx.pathParams, "environment_id");
  const p = findProject(ctx);
  requireReporter(ctx, p);
  const e = findEnvironment(ctx.store, p, id);
  requireProjectAccess(ctx, p, ACCESS.developer);
  if (e.state !== "stopped") throw forbidden();
  const rows = environmentState(ctx.store);
  rows.splice(rows.indexOf(e), 1);
  ctx.store.bump();
  return noContent(ctx.requestId);
}

/** `POST /projects/:id/environments/:environment_id/stop` (200, the stopped environment). */
function stopEnvironment(ctx: RequestContext): Response {
  requireAuth(ctx);
  const id = integerPathParam(ctx.pathParams, "environment_id");
  const p = findProject(ctx);
  requireReporter(ctx, p);
  const e = findEnvironment(ctx.store, p, id);
  requireProjectAccess(ctx, p, ACCESS.developer);
  if (e.state !== "stopped") {
    e.state = "stopped";
    e.updatedAt = ctx.store.iso();
    ctx.store.bump();
  }
  return jsonResponse(ctx.requestId, 200, renderEnvironment(ctx, p, e));
}

/** @internal registers the environment routes. */
export function registerEnvironmentRoutes(routes: RouteTable): void {
  routes.on("GET", "/projects/:id/environments", listEnvironments);
  routes.on("POST", "/projects/:id/environments", postEnvironment);
  routes.on("GET", "/projects/:id/environments/:environment_id", (ctx) => {
    requireAuth(ctx);
    const id = integerPathParam(ctx.pathParams, "environment_id");
    const p = findProject(ctx);
    requireReporter(ctx, p);
    const e = findEnvironment(ctx.store, p, id);
    return jsonResponse(ctx.requestId, 200, renderEnvironmentDetail(ctx, p, e));
  });
  routes.on("PUT", "/projects/:id/environments/:environment_id", editEnvironment);
  routes.on("DELETE", "/projects/:id/environments/:environment_id", deleteEnvironment);
  routes.on("POST", "/projects/:id/environments/:environment_id/stop", stopEnvironment);
}
