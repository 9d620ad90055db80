/**
 * The coverage report (`deno task coverage`, and a CI stage): which of GitLab's endpoints this library
 * wraps. The target is every `confirmed` catalogue endpoint, the unverified ones `overrides.json` keeps,
 * and the GitLab operations no peer wraps that `overrides.json` takes in (user-facing ones, group-level
 * integrations, routes read from GitLab's sources). It is computed from `scripts/spec/` directly, not from
 * the generated table, and compared with what `mod.ts` really exports.
 *
 * Prints `covered/target`, every exclusion with its reason (grouped by category), and fails when an
 * endpoint of the target has no export, when an export's route is outside the target, or when the
 * committed `coverage/endpoints.json` / `coverage/exclusions.json` differ from the exports.
 *
 * ```sh
 * deno task coverage            # the report
 * deno task coverage --quiet    # the figures and problems only
 * ```
 *
 * @module
 */

import * as api from "../mod.ts";

interface VerificationEntry {
  method: string;
  path: string;
  status: string;
  evidence: string;
  note?: string;
}

interface Verification {
  endpoints: VerificationEntry[];
  gitlabNotInCatalogue: {
    fromOpenapi: { method: string; path: string; kind: string }[];
    fromGrapeOrDocs: { method: string; path: string }[];
  };
}

interface Overrides {
  unverified: Record<string, { include: boolean; reason: string }>;
  gitlabOnly: {
    include: string[];
    includeIntegrationsUnder: string[];
    extra: Record<string, string>;
    excludeRoutes: Record<string, string>;
  };
}

interface CoverageRow {
  method: string;
  path: string;
  export: string;
  module: string;
}

interface Exclusion {
  method: string;
  path: string;
  reason: string;
  category: string;
  replacedBy?: string;
}

const ROOT = new URL("../", import.meta.url);
const read = async <T>(p: string): Promise<T> => JSON.parse(await Deno.readTextFile(new URL(p, ROOT))) as T;
const quiet = Deno.args.includes("--quiet");
const shape = (path: string): string => path.replace(/\{[^}]+\}|:[a-z_]+/gi, "{}");
const colon = (path: string): string => path.replace(/\{([^}]+)\}/g, ":$1");

const verification = await read<Verification>("scripts/spec/verification.json");
const overrides = await read<Overrides>("scripts/spec/overrides.json");
const committed = await read<CoverageRow[]>("coverage/endpoints.json");
const committedExclusions = await read<Exclusion[]>("coverage/exclusions.json");

// The target, by route shape (GitLab-only routes may name their parameters differently).
const target = new Map<string, string>();
const add = (method: string, path: string) => {
  const key = `${method} ${shape(path)}`;
  if (!target.has(key)) target.set(key, `${method} ${path}`);
};
for (const e of verification.endpoints) {
  const route = `${e.method} ${e.path}`;
  if (e.status === "confirmed" || (e.status === "unverified" && overrides.unverified[route]?.include)) {
    add(e.method, e.path);
  }
}
let gitlabOnly = 0;
for (const op of verification.gitlabNotInCatalogue.fromOpenapi) {
  const path = colon(op.path);
  if (overrides.gitlabOnly.excludeRoutes[`${op.method} ${path}`]) continue;
  const integration = op.kind === "integrations" &&
    overrides.gitlabOnly.includeIntegrationsUnder.some((prefix) => path.startsWith(prefix));
  if (overrides.gitlabOnly.include.includes(op.kind) || integration) {
    add(op.method, path);
    gitlabOnly++;
  }
}
for (const op of verification.gitlabNotInCatalogue.fromGrapeOrDocs) {
  add(op.method, op.path);
  gitlabOnly++;
}
for (const route of Object.keys(overrides.gitlabOnly.extra)) {
  const [method, path] = route.split(" ");
  add(method, path);
  gitlabOnly++;
}

// What mod.ts exports.
const exported = Object.entries(api).flatMap(([name, fn]) => {
  const route = api.routeOf(fn);
  return route ? [{ name, route }] : [];
});
const problems: string[] = [];
const covered = new Set<string>();
for (const { name, route } of exported) {
  const [method, path] = route.split(" ");
  const key = `${method} ${shape(path)}`;
  if (!target.has(key)) problems.push(`${name}: ${route} is not in the target`);
  else if (covered.has(key)) problems.push(`${name}: ${route} is exported twice`);
  covered.add(key);
}
const missing = [...target].filter(([key]) => !covered.has(key)).map(([, route]) => route);
for (const route of missing) problems.push(`${route}: in the target, not exported`);

// The committed report must list exactly the exports.
const byName = new Map(exported.map((e) => [e.name, e.route]));
if (committed.length !== exported.length) {
  problems.push(
    `coverage/endpoints.json lists ${committed.length} endpoints, mod.ts exports ${exported.length}`,
  );
}
for (const row of committed) {
  if (byName.get(row.export) !== `${row.method} ${row.path}`) {
    problems.push(`coverage/endpoints.json: ${row.export} is not ${row.method} ${row.path}`);
    continue;
  }
  const text = await Deno.readTextFile(new URL(row.module, ROOT)).catch(() => "");
  if (!text.includes(`export const ${row.export}:`)) {
    problems.push(`${row.module} does not export ${row.export}`);
  }
}

// Every catalogue entry is either covered or excluded with a reason.
const excludedRoutes = new Set(committedExclusions.map((e) => `${e.method} ${e.path}`));
for (const e of verification.endpoints) {
  const route = `${e.method} ${e.path}`;
  if (!target.has(`${e.method} ${shape(e.path)}`) && !excludedRoutes.has(route)) {
    problems.push(`${route}: neither covered nor listed in coverage/exclusions.json`);
  }
}
for (const e of committedExclusions) {
  if (!e.reason) problems.push(`coverage/exclusions.json: ${e.method} ${e.path} has no reason`);
}

// The hand checks against GitLab's docs (scripts/spec/corrections/): every route they name is exported.
const exportedRoutes = new Set(exported.map((e) => e.route));
const checked = new Set<string>();
let corrected = 0;
let checkedModules = 0;
for await (const e of Deno.readDir(new URL("scripts/spec/corrections/", ROOT))) {
  if (!e.isFile || !e.name.endsWith(".json")) continue;
  const file = await read<{ checked: string[]; endpoints: Record<string, unknown> }>(
    `scripts/spec/corrections/${e.name}`,
  );
  checkedModules++;
  corrected += Object.keys(file.endpoints).length;
  for (const route of [...file.checked, ...Object.keys(file.endpoints)]) {
    if (!exportedRoutes.has(route)) {
      problems.push(`scripts/spec/corrections/${e.name}: ${route} is not exported`);
    }
    checked.add(route);
  }
}

// The endpoints GitLab's OpenAPI document lacks, typed from its docs and Grape sources (scripts/spec/docs/).
let fromDocs = 0;
for await (const e of Deno.readDir(new URL("scripts/spec/docs/", ROOT))) {
  if (!e.isFile || !e.name.endsWith(".json")) continue;
  const file = await read<{ endpoints: Record<string, unknown> }>(`scripts/spec/docs/${e.name}`);
  for (const route of Object.keys(file.endpoints)) {
    if (!exportedRoutes.has(route)) problems.push(`scripts/spec/docs/${e.name}: ${route} is not exported`);
    fromDocs++;
  }
}

const catalogueTotal = verification.endpoints.length;
const catalogueCovered =
  verification.endpoints.filter((e) => covered.has(`${e.method} ${shape(e.path)}`)).length;
const byCategory = new Map<string, Exclusion[]>();
for (const e of committedExclusions) byCategory.set(e.category, [...(byCategory.get(e.category) ?? []), e]);

console.log(`coverage: ${covered.size}/${target.size} endpoints of the target exported`);
console.log(
  `coverage: the catalogue: ${catalogueCovered}/${catalogueTotal} (${
    catalogueTotal - catalogueCovered
  } excluded, each with its reason); GitLab operations no peer wraps: ${gitlabOnly} added`,
);
console.log(
  `coverage: parameters checked by hand against GitLab's docs: ${checked.size} endpoints in ${checkedModules} ` +
    `modules, ${corrected} corrected`,
);
console.log(
  `coverage: parameters typed from GitLab's docs where its OpenAPI document has none: ${fromDocs} endpoints`,
);
console.log("coverage: exclusions by category:");
for (const [category, list] of [...byCategory].sort()) {
  const replaced = list.filter((e) => e.replacedBy).length;
  console.log(
    `  ${category}: ${list.length}${replaced ? ` (${replaced} replaced by the route GitLab serves)` : ""}`,
  );
  if (quiet) continue;
  for (const e of list) {
    console.log(`    ${e.method} ${e.path}: ${e.reason}${e.replacedBy ? ` → ${e.replacedBy}` : ""}`);
  }
}
for (const p of problems) console.log(`coverage: problem: ${p}`);
console.log(`coverage: ${problems.length === 0 ? 1 : 0} passed, ${problems.length === 0 ? 0 : 1} failed`);
if (problems.length > 0) Deno.exit(1);
