/**
 * Builds the endpoint table from `scripts/spec/`: which endpoints, their module, kind, parameters (with
 * where each goes), response type, name and documentation link. Pure: reads the spec files, returns data.
 *
 * @module
 */

import { byParams, nameOf } from "./naming.ts";

/** One parameter (the reduced OpenAPI shape, also used by `docs/*.json` and the overrides). */
export interface Param {
  name: string;
  in: "path" | "query" | "body" | "header";
  type: string;
  format?: string;
  enum?: (string | number | boolean)[];
  items?: Omit<Param, "name" | "in" | "required">;
  properties?: Param[];
  required: boolean;
  default?: unknown;
}

interface CatalogueEntry {
  method: string;
  path: string;
  group: string;
  pathParams: string[];
  params: { name: string; type: string; required: boolean }[];
  sources: string[];
}

interface Verification {
  endpoints: {
    method: string;
    path: string;
    status: string;
    evidence: string;
    note?: string;
    gitlab?: string[];
  }[];
  gitlabNotInCatalogue: {
    fromOpenapi: { method: string; path: string; tag: string; kind: string; operationId: string }[];
    fromGrapeOrDocs: { method: string; path: string; evidence: string }[];
  };
}

interface Operation {
  route: string;
  tag: string;
  operationId: string;
  params: Param[];
  responses: string[];
  array: boolean;
  entity?: string;
  produces?: string[];
}

interface DocsEndpoint {
  source?: string;
  kind?: Kind;
  entity?: string;
  keyset?: string[];
  params?: Param[];
  unverified?: boolean;
}

interface DocsFile {
  group: string;
  sources?: string[];
  endpoints: Record<string, DocsEndpoint>;
}

/** What an endpoint returns. */
export type Kind = "list" | "one" | "none" | "stream" | "head";

/** When GitLab serves a list with keyset pagination (`KeysetRule` in `src/endpoint.ts`). */
export interface Keyset {
  order_by?: string[];
  sort?: string[];
  authenticated?: boolean;
}

/** Corrections of one endpoint. */
export interface EndpointOverride {
  name?: string;
  kind?: Kind;
  keyset?: Keyset;
  module?: string;
  /** Replaces the named parameters' facts (or adds parameters). */
  params?: Param[];
  /** Removes these parameter names. */
  dropParams?: string[];
  /** Path parameter types: `ProjectId`, `number`, `string`, `number | string`. */
  pathTypes?: Record<string, string>;
  source?: string;
}

/**
 * One module's hand check against GitLab's docs (`scripts/spec/corrections/<module>.json`): the doc pages
 * read, every route compared, and the corrections, which join `overrides.endpoints`.
 */
export interface Corrections {
  module: string;
  /** The doc pages (and sources) read. */
  sources: string[];
  /** Every route of the module that was compared with them. */
  checked: string[];
  /** The corrections, by route. */
  endpoints: Record<string, EndpointOverride & { note?: string }>;
}

/**
 * One module's response types (`scripts/spec/responses/<module>.json`): the TypeScript type each endpoint
 * returns (the item type for a list), each defined once under `src/types/`, and the sources they follow.
 */
export interface Responses {
  module: string;
  /** GitLab's docs and entities the types follow. */
  sources: string[];
  /** A type expression per route (`"Pipeline"`, `"Pipeline | undefined"`). */
  endpoints: Record<string, string>;
}

/** The hand-written overrides file. */
export interface Overrides {
  /** Decisions on the catalogue's unverified entries. */
  unverified: Record<string, { include: boolean; reason: string }>;
  /** Not-found catalogue entries whose real route GitLab serves: `route → the route that replaces it`. */
  replacements: Record<string, string>;
  /** Which GitLab-only operations to add, by kind, and why the others are left out. */
  gitlabOnly: {
    include: string[];
    /** GitLab routes found in neither peer nor OpenAPI, each with the source it was read from. */
    extra: Record<string, string>;
    includeIntegrationsUnder: string[];
    excludeRoutes: Record<string, string>;
    excludedKinds: Record<string, string>;
  };
  /** Module (resource group) placement for GitLab-only operations, by path prefix. */
  modulesByPrefix: Record<string, string>;
  /** Catalogue groups merged into another module: `group → module`. */
  moduleAliases: Record<string, string>;
  /** Per-endpoint corrections. */
  endpoints: Record<string, EndpointOverride>;
  /** GitLab documentation page (under https://docs.gitlab.com/api/) per module. */
  docs: Record<string, string>;
}

/** One row of the generated table. */
export interface Row {
  method: string;
  /** As in the catalogue (`/projects/:id/issues/:issue_iid`). */
  path: string;
  /** The module under `src/resources/`. */
  module: string;
  name: string;
  kind: Kind;
  pathParams: { name: string; type: string }[];
  params: Param[];
  /** Where the parameters' facts come from. */
  paramsFrom: "openapi" | "docs" | "catalogue";
  /** Body-method parameters that GitLab reads from the query string. */
  queryNames: string[];
  /** The TypeScript response type (item type for lists). */
  response: string;
  /** Whether the catalogue lists it (else it is one of GitLab's operations no peer wraps). */
  inCatalogue: boolean;
  keyset?: Keyset;
  doc: string;
  /** The OpenAPI operation id, if matched. */
  operationId?: string;
}

/** An endpoint left out, with its reason. */
export interface Exclusion {
  method: string;
  path: string;
  reason: string;
  category: string;
  replacedBy?: string;
}

/** The spec inputs. */
export interface Spec {
  catalogue: CatalogueEntry[];
  verification: Verification;
  openapi: Operation[];
  docs: DocsFile[];
  overrides: Overrides;
  /** `scripts/spec/responses/*.json`. */
  responses: Responses[];
  /** Every type `src/types/*.ts` exports, with its file (`Pipeline` → `pipelines`). */
  types: Record<string, string>;
}

const shape = (path: string): string => path.replace(/\{[^}]+\}|:[a-z_]+|\*[a-z_]+/gi, "{}");
const colonPath = (path: string): string => path.replace(/\{([^}]+)\}/g, ":$1");

/** Finds the OpenAPI operation for a route: same shape, or a GitLab template the literal route instantiates. */
function operationIndex(ops: Operation[]): (method: string, path: string) => Operation | undefined {
  const exact = new Map<string, Operation>();
  for (const op of ops) {
    const [method, path] = op.route.split(" ");
    exact.set(`${method} ${shape(path)}`, op);
  }
  return (method, path) => {
    const found = exact.get(`${method} ${shape(path)}`);
    if (found) return found;
    const alias = path.replace("/services/", "/integrations/");
    if (alias !== path) {
      const viaAlias = exact.get(`${method} ${shape(alias)}`);
      if (viaAlias) return viaAlias;
    }
    // A literal route that is an instance of a GitLab template (`/integrations/slack` of `/integrations/{slug}`).
    const segments = shape(alias).split("/");
    for (const op of ops) {
      const [m, p] = op.route.split(" ");
      if (m !== method) continue;
      const theirs = shape(p).split("/");
      if (theirs.length !== segments.length) continue;
      if (theirs.every((s, i) => s === segments[i] || s === "{}")) return op;
    }
    return undefined;
  };
}

function kindFrom(method: string, path: string, op: Operation | undefined, hasPaging: boolean): Kind {
  if (method === "HEAD") return "head";
  if (op) {
    const produces = op.produces ?? [];
    if (produces.some((p) => p !== "application/json")) return "stream";
    // An array that GitLab does not paginate is a list too: its one page ends the iteration, while a
    // paginated array taken for one value would silently stop at the first page.
    if (method === "GET" && (op.array || op.params.some((p) => p.name === "per_page"))) return "list";
    const ok = op.responses.filter((c) => c.startsWith("2"));
    if (ok.length > 0 && ok.every((c) => c === "204")) return "none";
  } else if (method === "GET" && hasPaging) {
    return "list";
  }
  if (method === "GET" && /\/(raw|archive(\.:format)?|download|trace|avatar)$/.test(path)) return "stream";
  if (!op && method === "DELETE") return "none";
  return "one";
}

/**
 * Path parameters whose name says `id` but which GitLab takes otherwise: a discussion id is a SHA-like
 * string (doc/api/discussions.md); a label is its id or its title (doc/api/labels.md, group_labels.md).
 */
const PATH_TYPES: Record<string, string> = { discussion_id: "string", label_id: "number | string" };

/**
 * The TypeScript type of a path parameter: `:id` of a project or group is a `ProjectId`; an `…_iid` is a
 * number; an `…_id` (or a bare `:id`) is a number, or a number or string where GitLab's document types it
 * as a string (`/users/:user_id` takes a username too); anything else (branches, tags, file paths, keys,
 * slugs, SHAs) is a string. The document's `integer` is trusted only for ids: it calls `:branch` one.
 */
function pathParamType(path: string, name: string, op: Operation | undefined): string {
  const before = path.split("/:" + name)[0].split("/").at(-1);
  if (name === "id" && (before === "projects" || before === "groups")) return "ProjectId";
  if (name in PATH_TYPES) return PATH_TYPES[name];
  if (name.endsWith("_iid")) return "number";
  if (name === "id" || name.endsWith("_id")) {
    const p = op?.params.find((q) => q.in === "path" && q.name === name);
    return !p || p.type === "integer" ? "number" : "number | string";
  }
  return "string";
}

/** Whether an OpenAPI parameter is one of GitLab's generic pagination parameters. */
const PAGING = new Set(["page", "per_page", "pagination"]);

function catalogueParams(entry: CatalogueEntry | undefined, method: string): Param[] {
  if (!entry) return [];
  const where = method === "GET" || method === "HEAD" || method === "DELETE" ? "query" : "body";
  return entry.params
    .filter((p) => !PAGING.has(p.name) && p.name !== "page_token")
    .map((p) => {
      const type = ["string", "integer", "boolean", "array", "object"].includes(p.type) ? p.type : "string";
      const param: Param = { name: p.name, in: where, type, required: p.required };
      if (type === "array") param.items = { type: "string" };
      return param;
    });
}

function merge(base: Param[], changes: Param[] | undefined, drop: string[] | undefined): Param[] {
  const out = base.filter((p) => !(drop ?? []).includes(p.name));
  for (const change of changes ?? []) {
    const i = out.findIndex((p) => p.name === change.name);
    if (i >= 0) out[i] = change;
    else out.push(change);
  }
  return out;
}

/** The module of a route no catalogue group names: by the longest matching prefix in the overrides. */
function moduleByPrefix(path: string, prefixes: Record<string, string>): string | undefined {
  let best: string | undefined;
  let bestLength = -1;
  for (const [prefix, module] of Object.entries(prefixes)) {
    const re = new RegExp("^" + prefix.replace(/:[a-z_]+/g, "[^/]+") + "(/|$)");
    if (re.test(path) && prefix.length > bestLength) {
      best = module;
      bestLength = prefix.length;
    }
  }
  return best;
}

/**
 * The catalogue group of a GitLab-only route: that of the catalogue entries sharing the longest run of
 * leading segments with it, provided they share at least the route's resource (`/projects/:id/hooks` under
 * a project, group or user; the first two segments elsewhere, `/runners/managers`). Ties go to the entry
 * with the same method. `undefined` when no entry shares that much.
 */
function nearestGroup(method: string, path: string, catalogue: CatalogueEntry[]): string | undefined {
  const mine = shape(path).split("/");
  // Under a project, group or user: the scope and the resource after it; elsewhere the first two segments.
  const scoped = ["projects", "groups", "users"].includes(mine[1]) && mine[2] === "{}";
  const needed = Math.min(scoped ? 4 : 3, mine.length);
  let best: CatalogueEntry | undefined;
  let bestScore = 0;
  for (const e of catalogue) {
    const theirs = shape(e.path).split("/");
    let n = 0;
    while (n < mine.length && n < theirs.length && mine[n] === theirs[n]) n++;
    if (n < needed) continue;
    const score = n + (e.method === method ? 0.5 : 0);
    if (score > bestScore) {
      best = e;
      bestScore = score;
    }
  }
  return best?.group;
}

/** Builds the table and the list of exclusions. Throws on a name shared by two endpoints. */
export function buildTable(spec: Spec): { rows: Row[]; exclusions: Exclusion[] } {
  const { catalogue, verification, openapi, docs, overrides } = spec;
  const findOp = operationIndex(openapi);
  const status = new Map(verification.endpoints.map((v) => [`${v.method} ${v.path}`, v]));
  const docsByRoute = new Map<string, { doc: DocsEndpoint; file: DocsFile }>();
  for (const file of docs) {
    for (const [route, doc] of Object.entries(file.endpoints)) docsByRoute.set(route, { doc, file });
  }
  const exclusions: Exclusion[] = [];
  const wanted: { method: string; path: string; group?: string; tag?: string; entry?: CatalogueEntry }[] = [];

  for (const entry of catalogue) {
    const route = `${entry.method} ${entry.path}`;
    const v = status.get(route);
    if (!v) throw new Error(`verification has no entry for ${route}`);
    if (v.status === "confirmed") {
      wanted.push({ method: entry.method, path: entry.path, group: entry.group, entry });
    } else if (v.status === "unverified") {
      const decision = overrides.unverified[route];
      if (!decision) throw new Error(`overrides.unverified has no decision for ${route}`);
      if (decision.include) {
        wanted.push({ method: entry.method, path: entry.path, group: entry.group, entry });
      } else {exclusions.push({
          ...split(route),
          reason: decision.reason,
          category: "unverified/" + v.evidence,
        });}
    } else {
      const replacedBy = overrides.replacements[route];
      exclusions.push({
        ...split(route),
        reason: v.note ?? v.evidence,
        category: `${v.status}/${v.evidence}`,
        ...(replacedBy ? { replacedBy } : {}),
      });
    }
  }

  const include = new Set(overrides.gitlabOnly.include);
  for (const op of verification.gitlabNotInCatalogue.fromOpenapi) {
    const path = colonPath(op.path);
    const route = `${op.method} ${path}`;
    const excluded = overrides.gitlabOnly.excludeRoutes[route];
    const integrations = op.kind === "integrations" &&
      overrides.gitlabOnly.includeIntegrationsUnder.some((prefix) => path.startsWith(prefix));
    if (!excluded && (include.has(op.kind) || integrations)) {
      wanted.push({ method: op.method, path, tag: op.tag });
    } else {
      exclusions.push({
        method: op.method,
        path,
        reason: excluded ?? overrides.gitlabOnly.excludedKinds[op.kind] ??
          `${op.kind}: not included (see overrides.gitlabOnly)`,
        category: `gitlab-only/${op.kind}`,
      });
    }
  }
  for (const op of verification.gitlabNotInCatalogue.fromGrapeOrDocs) {
    wanted.push({ method: op.method, path: op.path });
  }
  for (const route of Object.keys(overrides.gitlabOnly.extra)) wanted.push(split(route));

  const rows: Row[] = [];
  const names = new Map<string, string>();
  const clashes: string[] = [];
  const seen = new Set<string>();
  for (const w of wanted) {
    const route = `${w.method} ${w.path}`;
    if (seen.has(`${w.method} ${shape(w.path)}`)) continue; // a GitLab-only route the catalogue has under another spelling
    seen.add(`${w.method} ${shape(w.path)}`);
    const o = overrides.endpoints[route] ?? {};
    const op = findOp(w.method, w.path);
    const docs = docsByRoute.get(route);
    let params: Param[];
    let paramsFrom: Row["paramsFrom"];
    if (op) {
      params = op.params.filter((p) => p.in === "query" || p.in === "body");
      paramsFrom = "openapi";
    } else if (docs?.doc.params && !docs.doc.unverified) {
      params = docs.doc.params;
      paramsFrom = "docs";
    } else {
      params = docs?.doc.params ?? catalogueParams(w.entry, w.method);
      paramsFrom = "catalogue";
    }
    const hasPaging = params.some((p) => PAGING.has(p.name)) ||
      (w.entry?.params ?? []).some((p) => p.name === "page" || p.name === "per_page");
    params = merge(params.filter((p) => !PAGING.has(p.name)), o.params, o.dropParams);
    const kind: Kind = o.kind ?? docs?.doc.kind ?? kindFrom(w.method, w.path, op, hasPaging);
    const module = o.module ?? overrides.moduleAliases[w.group ?? ""] ?? w.group ??
      moduleByPrefix(w.path, overrides.modulesByPrefix) ?? nearestGroup(w.method, w.path, catalogue) ?? w.tag;
    if (!module) throw new Error(`no module for ${route}: add a prefix to overrides.modulesByPrefix`);
    const patch = w.method === "PATCH" &&
      wanted.some((x) => x.method === "PUT" && shape(x.path) === shape(w.path));
    const name = o.name ?? nameOf(w.method, w.path, kind === "list", patch);
    const pathParams = [...w.path.matchAll(/:([a-z_]+)/gi)].map((m) => ({
      name: m[1],
      type: o.pathTypes?.[m[1]] ?? pathParamType(w.path, m[1], op),
    }));
    const bodyMethod = w.method === "POST" || w.method === "PUT" || w.method === "PATCH";
    const queryNames = bodyMethod ? params.filter((p) => p.in === "query").map((p) => p.name) : [];
    // Keyset rules come from the overrides only: each is in GitLab's pagination docs.
    const keyset = o.keyset;
    if (keyset && kind !== "list") throw new Error(`${route}: keyset on an endpoint that is not a list`);
    rows.push({
      method: w.method,
      path: w.path,
      module,
      name,
      kind,
      pathParams,
      params,
      paramsFrom,
      queryNames,
      response: defaultResponse(kind),
      inCatalogue: Boolean(w.entry),
      ...(keyset ? { keyset } : {}),
      doc: docUrl(overrides.docs[module]),
      ...(op ? { operationId: op.operationId } : {}),
    });
  }
  // Names still shared: each route adds `By` and the path parameters the others lack.
  const byName = new Map<string, Row[]>();
  for (const row of rows) byName.set(row.name, [...(byName.get(row.name) ?? []), row]);
  for (const [name, shared] of byName) {
    if (shared.length < 2) continue;
    for (const row of shared) {
      if (overrides.endpoints[`${row.method} ${row.path}`]?.name) continue;
      row.name = name + byParams(row.path, shared.filter((r) => r !== row).map((r) => r.path));
    }
  }
  for (const row of rows) {
    const clash = names.get(row.name);
    if (clash) clashes.push(`${row.name}: ${clash} and ${row.method} ${row.path}`);
    names.set(row.name, `${row.method} ${row.path}`);
  }
  if (clashes.length) {
    throw new Error(
      `${clashes.length} name(s) shared by two endpoints; add overrides:\n  ${clashes.join("\n  ")}`,
    );
  }
  for (const [from, to] of Object.entries(overrides.replacements)) {
    if (!rows.some((r) => `${r.method} ${r.path}` === to)) {
      throw new Error(`overrides.replacements: ${from} is replaced by ${to}, which is not in the table`);
    }
  }
  for (const route of Object.keys(overrides.endpoints)) {
    if (!rows.some((r) => `${r.method} ${r.path}` === route)) {
      throw new Error(`overrides.endpoints: ${route} is not in the table`);
    }
  }
  applyResponses(rows, spec.responses, spec.types);
  rows.sort((a, b) =>
    a.module.localeCompare(b.module) || a.path.localeCompare(b.path) || a.method.localeCompare(b.method)
  );
  return { rows, exclusions };
}

/** A module's page on docs.gitlab.com: under `/api/` unless the page is named from the root. */
export function docUrl(page: string | undefined): string {
  if (!page) return "https://docs.gitlab.com/api/api_resources/";
  return page.startsWith("/") ? `https://docs.gitlab.com${page}/` : `https://docs.gitlab.com/api/${page}/`;
}

function defaultResponse(kind: Kind): string {
  switch (kind) {
    case "none":
      return "void";
    case "stream":
      return "ReadableStream<Uint8Array>";
    case "head":
      return "Headers";
    default:
      return "JsonObject";
  }
}

function split(route: string): { method: string; path: string } {
  const space = route.indexOf(" ");
  return { method: route.slice(0, space), path: route.slice(space + 1) };
}

/** Names in a response type expression that are not ours to define. */
const BUILTIN_TYPES = new Set(["ReadableStream", "Uint8Array", "Headers", "Record", "Array", "Readonly"]);

/** The type names a response type expression refers to (`"Pipeline | undefined"` → `["Pipeline"]`). */
export function typeNames(expression: string): string[] {
  return (expression.match(/\b[A-Z][A-Za-z0-9]*\b/g) ?? []).filter((n) => !BUILTIN_TYPES.has(n));
}

/**
 * Sets each row's response type from `scripts/spec/responses/`: every route named must be in that module,
 * no route may be typed twice, and every type named must be exported by a file under `src/types/`.
 */
function applyResponses(rows: Row[], responses: Responses[], types: Record<string, string>): void {
  const byRoute = new Map(rows.map((r) => [`${r.method} ${r.path}`, r]));
  const typed = new Map<string, string>();
  for (const file of responses) {
    for (const [route, response] of Object.entries(file.endpoints)) {
      const row = byRoute.get(route);
      const where = `scripts/spec/responses/${file.module}.json`;
      if (!row) throw new Error(`${where}: ${route} is not in the table`);
      if (row.module !== file.module) throw new Error(`${where}: ${route} is in module ${row.module}`);
      if (typed.has(route)) throw new Error(`${where}: ${route} is typed in ${typed.get(route)} too`);
      if (row.kind === "stream" || row.kind === "head") {
        throw new Error(`${where}: ${route} is a ${row.kind} endpoint; it has no JSON response type`);
      }
      for (const name of typeNames(response)) {
        if (!types[name]) throw new Error(`${where}: ${route}: no file under src/types/ exports ${name}`);
      }
      typed.set(route, where);
      row.response = response;
    }
  }
}
