/**
 * CI/CD variables of projects (`/projects/:id/variables`), groups (`/groups/:id/variables`) and the
 * instance (`/admin/ci/variables`): list, get, create, update and delete, with GitLab's key, masking and
 * uniqueness rules; and the seed's variables.
 *
 * @module
 */

import type { Variable, VariableType } from "../../types/variables.ts";
import { ACCESS, groupAccess, requireAuth, requireProjectAccess } from "../access.ts";
import type { RequestContext } from "../context.ts";
import { bool, obj, type Params, str } from "../params.ts";
import { paginateArray } from "../pagination.ts";
import { forbidden, HttpError, jsonResponse, noContent, notFound } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import type { Store } from "../store.ts";
import { validate } from "../validation.ts";
import { findGroup } from "./groups.ts";
import { findProject } from "./projects.ts";

/** @internal a CI/CD variable. */
export interface CiVariableRec {
  /** Name. */
  key: string;
  /** Value. */
  value: string;
  /** How it reaches jobs. */
  variableType: VariableType;
  /** Only for protected refs. */
  protected: boolean;
  /** Masked in job logs. */
  masked: boolean;
  /** Masked and never shown again. */
  hidden: boolean;
  /** `$` references left unexpanded. */
  raw: boolean;
  /** Environments it applies to (`*`: all). */
  environmentScope: string;
  /** Description. */
  description: string | null;
}

/** Which kind of owner a variable list belongs to. */
type Level = "project" | "group" | "instance";

/** @internal the variables of the simulator: per project id, per group id, and the instance's. */
export interface CiVariableState {
  /** Project variables by project id. */
  projects: Map<number, CiVariableRec[]>;
  /** Group variables by group id. */
  groups: Map<number, CiVariableRec[]>;
  /** Instance variables. */
  instance: CiVariableRec[];
}

/** @internal the variable records (one slot of the store). */
export function ciVariableState(store: Store): CiVariableState {
  return store.slot<CiVariableState>(
    "ci.variables",
    () => ({ projects: new Map(), groups: new Map(), instance: [] }),
  );
}

/** The variables of the owner a request names, with the level. */
function ownerRows(ctx: RequestContext, level: Level): CiVariableRec[] {
  const state = ciVariableState(ctx.store);
  const user = requireAuth(ctx);
  if (level === "instance") {
    if (!user.admin) throw forbidden();
    return state.instance;
  }
  if (level === "project") {
    const p = findProject(ctx);
    requireProjectAccess(ctx, p, ACCESS.maintainer);
    let rows = state.projects.get(p.id);
    if (!rows) state.projects.set(p.id, rows = []);
    return rows;
  }
  const g = findGroup(ctx);
  if (!user.admin && groupAccess(user, g) < ACCESS.maintainer) throw forbidden();
  let rows = state.groups.get(g.id);
  if (!rows) state.groups.set(g.id, rows = []);
  return rows;
}

/** @internal a variable as the API returns it at `level`. */
export function renderCiVariable(v: CiVariableRec, level: Level): Variable {
  const out: Variable = {
    variable_type: v.variableType,
    key: v.key,
    value: v.hidden ? null : v.value,
  };
  if (level !== "instance") out.hidden = v.hidden;
  out.protected = v.protected;
  out.masked = v.masked;
  out.raw = v.raw;
  if (level !== "instance") out.environment_scope = v.environmentScope;
  out.description = v.description;
  return out;
}

/** GitLab's masking rule (`Ci::Maskable`): 8+ characters of Base64 and `@:.~-`; raw values any non-space. */
function maskable(value: string, raw: boolean): boolean {
  return raw ? /^\S{8,}$/.test(value) : /^[a-zA-Z0-9_+=/@:.~-]{8,}$/.test(value);
}

/** The model errors of a variable (`{"key":[…],"value":[…]}`), or null when it is valid. */
function modelErrors(
  v: CiVariableRec,
  rows: readonly CiVariableRec[],
  level: Level,
  except?: CiVariableRec,
): Record<string, string[]> | null {
  const errors: Record<string, string[]> = {};
  const add = (k: string, m: string) => (errors[k] ??= []).push(m);
  if (v.key === "") add("key", "can't be blank");
  else {
    if (v.key.length > 255) add("key", "is too long (maximum is 255 characters)");
    if (!/^[a-zA-Z0-9_]+$/.test(v.key)) add("key", "can contain only letters, digits and '_'.");
  }
  if (v.masked && !maskable(v.value, v.raw)) add("value", "is invalid");
  if (level === "instance" && v.value.length > 10_000) {
    add("value", "is too long (maximum is 10000 characters)");
  }
  const taken = rows.some((x) =>
    x !== except && x.key === v.key && (level === "instance" || x.environmentScope === v.environmentScope)
  );
  if (taken && v.key !== "") add("key", `(${v.key}) has already been taken`);
  return Object.keys(errors).length ? errors : null;
}

/** The variable `:key` among `rows` (`filter[environment_scope]` narrows it); 404 or 409 otherwise. */
function findVariable(ctx: RequestContext, rows: readonly CiVariableRec[], level: Level): CiVariableRec {
  const key = ctx.pathParams.key;
  const scope = level === "instance" ? undefined : str(obj(ctx.params, "filter") ?? {}, "environment_scope");
  const found = rows.filter((v) => v.key === key && (scope === undefined || v.environmentScope === scope));
  if (found.length === 0) throw notFound("Variable");
  if (found.length > 1) {
    throw new HttpError(409, {
      message:
        "There are multiple variables with provided parameters. Please use 'filter[environment_scope]'",
    });
  }
  return found[0];
}

/** Applies the optional settings of a create or update request to `v`. */
function applySettings(v: CiVariableRec, q: Params, level: Level): void {
  const value = str(q, "value");
  if (value !== undefined) v.value = value;
  const type = str(q, "variable_type");
  if (type === "env_var" || type === "file") v.variableType = type;
  const prot = bool(q, "protected");
  if (prot !== undefined) v.protected = prot;
  const masked = bool(q, "masked");
  if (masked !== undefined) v.masked = masked;
  const raw = bool(q, "raw");
  if (raw !== undefined) v.raw = raw;
  const description = str(q, "description");
  if (description !== undefined) v.description = description;
  if (level !== "instance") {
    const scope = str(q, "environment_scope");
    if (scope !== undefined) v.environmentScope = scope === "" ? "*" : scope;
  }
}

/** `POST …/variables`. */
function createVariable(ctx: RequestContext, level: Level): Response {
  requireAuth(ctx);
  const q = ctx.params;
  // GitLab authorizes in a `before` block, ahead of Grape's parameter validation
  const rows = ownerRows(ctx, level);
  validate(q).required("key").required("value").oneOf("variable_type", ["env_var", "file"]).check();
  const hidden = level !== "instance" && bool(q, "masked_and_hidden") === true;
  const v: CiVariableRec = {
    key: str(q, "key") ?? "",
    value: "",
    variableType: "env_var",
    protected: false,
    masked: hidden,
    hidden,
    raw: false,
    environmentScope: "*",
    description: null,
  };
  applySettings(v, q, level);
  if (hidden) v.masked = true;
  const errors = modelErrors(v, rows, level);
  if (errors) throw new HttpError(400, { message: errors });
  rows.push(v);
  ctx.store.bump();
  return jsonResponse(ctx.requestId, 201, renderCiVariable(v, level));
}

/** `PUT …/variables/:key`. */
function updateVariable(ctx: RequestContext, level: Level): Response {
  requireAuth(ctx);
  const rows = ownerRows(ctx, level);
  validate(ctx.params).oneOf("variable_type", ["env_var", "file"]).check();
  const v = findVariable(ctx, rows, level);
  const next: CiVariableRec = { ...v };
  applySettings(next, ctx.params, level);
  if (v.hidden && next.masked === false) {
    throw new HttpError(400, { message: { base: ["Only visible variables can be set to visible"] } });
  }
  const errors = modelErrors(next, rows, level, v);
  if (errors) throw new HttpError(400, { message: errors });
  Object.assign(v, next);
  ctx.store.bump();
  return jsonResponse(ctx.requestId, 200, renderCiVariable(v, level));
}

/** `DELETE …/variables/:key` (204). */
function deleteVariable(ctx: RequestContext, level: Level): Response {
  requireAuth(ctx);
  const rows = ownerRows(ctx, level);
  const v = findVariable(ctx, rows, level);
  rows.splice(rows.indexOf(v), 1);
  ctx.store.bump();
  return noContent(ctx.requestId);
}

/** Registers the five variable routes under `base` (e.g. `/projects/:id/variables`). */
function registerLevel(routes: RouteTable, base: string, level: Level): void {
  routes.on("GET", base, (ctx) => {
    requireAuth(ctx);
    validate(ctx.params).pagination().check();
    return paginateArray(ctx, ownerRows(ctx, level), (v) => renderCiVariable(v, level));
  });
  routes.on("GET", `${base}/:key`, (ctx) => {
    requireAuth(ctx);
    const v = findVariable(ctx, ownerRows(ctx, level), level);
    return jsonResponse(ctx.requestId, 200, renderCiVariable(v, level));
  });
  routes.on("POST", base, (ctx) => createVariable(ctx, level));
  routes.on("PUT", `${base}/:key`, (ctx) => updateVariable(ctx, level));
  routes.on("DELETE", `${base}/:key`, (ctx) => deleteVariable(ctx, level));
}

/** @internal registers the project, group and instance variable routes. */
export function registerCiVariableRoutes(routes: RouteTable): void {
  registerLevel(routes, "/projects/:id/variables", "project");
  registerLevel(routes, "/groups/:id/variables", "group");
  registerLevel(routes, "/admin/ci/variables", "instance");
}

/** @internal the seed's variables: a few on `acme/web`, one on group `acme`, one on the instance. */
export function seedCiVariables(store: Store): void {
  const state = ciVariableState(store);
  const v = (key: string, value: string, o: Partial<CiVariableRec> = {}): CiVariableRec => ({
    key,
    value,
    variableType: "env_var",
    protected: false,
    masked: false,
    hidden: false,
    raw: false,
    environmentScope: "*",
    description: null,
    ...o,
  });
  const web = store.projectByIdOrPath("acme/web");
  if (web) {
    state.projects.set(web.id, [
      v("NODE_ENV", "production"),
      v("DEPLOY_TOKEN", "dG9rZW4tZm9yLWRlcGxveQ==", {
        protected: true,
        masked: true,
        description: "Token the deploy job uses",
      }),
      v("API_URL", "https://api.acme.example", { environmentScope: "production" }),
      v("API_URL", "https://staging-api.acme.example", { environmentScope: "staging" }),
      v("KUBECONFIG", "apiVersion: v1\nkind: Config\n", { variableType: "file", protected: true }),
    ]);
  }
  const api = store.projectByIdOrPath("acme/api");
  if (api) state.projects.set(api.id, [v("GO_VERSION", "1.23")]);
  const acme = store.groupByIdOrPath("acme");
  if (acme) state.groups.set(acme.id, [v("REGISTRY_MIRROR", "https://mirror.acme.example")]);
  state.instance.push(v("COMPANY", "acme", { description: "Used by every pipeline" }));
}
