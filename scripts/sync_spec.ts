/**
 * Copies the facts the endpoint generator needs from the shared GitLab API folder
 * (`../shared/gitlab-api/`, beside the repository) into `scripts/spec/`, so that the generator reads
 * only committed files:
 *
 * - `catalogue.json`: the endpoint catalogue (`endpoints.json`), as it is;
 * - `verification.json`: each catalogue entry's status against GitLab, and GitLab's operations that the
 *   catalogue lacks (`catalogue-verification.json`), without the parts the generator does not read;
 * - `openapi.json`: every operation of GitLab's OpenAPI document (`openapi_v2.yaml`), reduced to facts:
 *   parameter names, where each goes, types, enums, required flags, defaults, response codes and
 *   whether the success response is an array. GitLab's prose (summaries, descriptions) is left out.
 *
 * ```sh
 * deno run --allow-read --allow-write scripts/sync_spec.ts          # rewrite scripts/spec/
 * deno run --allow-read scripts/sync_spec.ts --check                # fail when scripts/spec/ is stale
 * ```
 *
 * Without the shared folder (a clone on its own), `--check` says so and passes.
 *
 * @module
 */

import { parse } from "yaml";

const ROOT = new URL("../", import.meta.url);
const SHARED = new URL("../shared/gitlab-api/", ROOT);
const SPEC = new URL("scripts/spec/", ROOT);

/** One parameter of an OpenAPI operation, as the generator reads it. */
export interface SpecParam {
  /** GitLab's name (`labels`, `assets[links]` is flattened to `assets` with an object type). */
  name: string;
  /** `path`, `query`, `body` (JSON or form fields) or `header`. */
  in: "path" | "query" | "body" | "header";
  /** The JSON-ish type: string, integer, number, boolean, array, object, file. */
  type: string;
  /** `date-time`, `date`, `int32`, … */
  format?: string;
  /** Allowed values. */
  enum?: (string | number | boolean)[];
  /** For arrays: the item's type, enum and properties. */
  items?: Omit<SpecParam, "name" | "in" | "required">;
  /** For objects: their properties. */
  properties?: SpecParam[];
  /** Whether GitLab requires it. */
  required: boolean;
  /** GitLab's default. */
  default?: unknown;
}

/** One OpenAPI operation, reduced. */
export interface SpecOperation {
  /** `GET /projects/{id}/pipelines` as in GitLab's document, without `/api/v4`. */
  route: string;
  /** The OpenAPI tag (GitLab's API class). */
  tag: string;
  /** GitLab's operation id. */
  operationId: string;
  /** The parameters. */
  params: SpecParam[];
  /** The response status codes. */
  responses: string[];
  /** Whether the first 2xx response's schema is an array. */
  array: boolean;
  /** The entity name of the first 2xx response, if any (`API_Entities_Ci_Pipeline`). */
  entity?: string;
  /** What the operation produces, when the document says more than JSON. */
  produces?: string[];
}

type Yaml = Record<string, unknown>;

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function reduceSchema(
  name: string,
  where: SpecParam["in"],
  schema: Yaml,
  required: boolean,
  definitions: Yaml,
): SpecParam {
  const resolved = resolve(schema, definitions);
  const param: SpecParam = { name, in: where, type: text(resolved.type) || "string", required };
  if (resolved.format) param.format = text(resolved.format);
  if (Array.isArray(resolved.enum)) param.enum = resolved.enum as SpecParam["enum"];
  if (resolved.default !== undefined) param.default = resolved.default;
  if (resolved.properties && typeof resolved.properties === "object") {
    param.type = "object";
    const requiredNames = new Set((resolved.required as string[] | undefined) ?? []);
    param.properties = Object.entries(resolved.properties as Yaml).map(([k, v]) =>
      reduceSchema(k, where, v as Yaml, requiredNames.has(k), definitions)
    );
  }
  if (param.type === "array" && resolved.items) {
    const item = reduceSchema("item", where, resolved.items as Yaml, false, definitions);
    const { name: _n, in: _i, required: _r, ...rest } = item;
    param.items = rest;
  }
  return param;
}

function resolve(schema: Yaml, definitions: Yaml): Yaml {
  const ref = text(schema.$ref);
  if (!ref) return schema;
  const found = definitions[ref.replace("#/definitions/", "")];
  return found && typeof found === "object" ? resolve(found as Yaml, definitions) : {};
}

function reduceOpenapi(doc: Yaml): SpecOperation[] {
  const definitions = (doc.definitions ?? {}) as Yaml;
  const out: SpecOperation[] = [];
  for (const [rawPath, item] of Object.entries(doc.paths as Yaml)) {
    if (!rawPath.startsWith("/api/v4/")) continue;
    const path = rawPath.slice("/api/v4".length);
    for (const [method, opValue] of Object.entries(item as Yaml)) {
      const op = opValue as Yaml;
      const params: SpecParam[] = [];
      for (const p of (op.parameters ?? []) as Yaml[]) {
        const where = text(p.in);
        if (where === "body" && p.schema) {
          // A JSON body: each property of its schema is one body parameter.
          const body = resolve(p.schema as Yaml, definitions);
          const requiredNames = new Set((body.required as string[] | undefined) ?? []);
          for (const [k, v] of Object.entries((body.properties ?? {}) as Yaml)) {
            params.push(reduceSchema(k, "body", v as Yaml, requiredNames.has(k), definitions));
          }
          continue;
        }
        const kind = where === "formData" ? "body" : where as SpecParam["in"];
        params.push(reduceSchema(text(p.name), kind, p, p.required === true, definitions));
      }
      const responses = Object.keys((op.responses ?? {}) as Yaml);
      const ok = responses.find((code) => code.startsWith("2"));
      const schema = ok ? ((op.responses as Yaml)[ok] as Yaml).schema as Yaml | undefined : undefined;
      const entry: SpecOperation = {
        route: `${method.toUpperCase()} ${path}`,
        tag: text(((op.tags ?? []) as string[])[0]),
        operationId: text(op.operationId),
        params,
        responses,
        array: schema?.type === "array",
      };
      const ref = text(schema?.type === "array" ? (schema.items as Yaml | undefined)?.$ref : schema?.$ref);
      if (ref) entry.entity = ref.replace("#/definitions/", "");
      const produces = (op.produces ?? []) as string[];
      if (produces.some((p) => p !== "application/json")) entry.produces = produces;
      out.push(entry);
    }
  }
  return out.sort((a, b) => a.route.localeCompare(b.route, "en"));
}

function reduceVerification(v: Yaml): unknown {
  const endpoints = (v.endpoints as Yaml[]).map((e) => {
    const out: Yaml = { method: e.method, path: e.path, status: e.status, evidence: e.evidence };
    if (e.note) out.note = e.note;
    if (e.gitlab) out.gitlab = e.gitlab;
    return out;
  });
  return { summary: v.summary, endpoints, gitlabNotInCatalogue: v.gitlabNotInCatalogue };
}

/** The files `scripts/spec/` should hold, by name, from the shared folder. */
export async function specFiles(): Promise<Map<string, string>> {
  const read = (name: string) => Deno.readTextFile(new URL(name, SHARED));
  const catalogue = JSON.parse(await read("endpoints.json"));
  const verification = JSON.parse(await read("catalogue-verification.json"));
  const openapi = parse(await read("openapi_v2.yaml"), { maxAliasCount: -1 }) as Yaml;
  const json = (value: unknown) => JSON.stringify(value, null, 1) + "\n";
  return new Map([
    ["catalogue.json", json(catalogue)],
    ["verification.json", json(reduceVerification(verification))],
    ["openapi.json", json(reduceOpenapi(openapi))],
  ]);
}

async function main(): Promise<void> {
  const check = Deno.args.includes("--check");
  try {
    await Deno.stat(new URL("endpoints.json", SHARED));
  } catch {
    console.log(`spec: no shared folder at ${SHARED.pathname}; nothing to compare (passed)`);
    console.log("spec: 1 passed, 0 failed");
    return;
  }
  const files = await specFiles();
  let stale = 0;
  for (const [name, content] of files) {
    const target = new URL(name, SPEC);
    const current = await Deno.readTextFile(target).catch(() => "");
    if (current === content) continue;
    if (check) {
      console.log(`spec: scripts/spec/${name} differs from the shared folder; run scripts/sync_spec.ts`);
      stale++;
    } else {
      await Deno.mkdir(SPEC, { recursive: true });
      await Deno.writeTextFile(target, content);
      console.log(`spec: wrote scripts/spec/${name}`);
    }
  }
  if (check) {
    console.log(`spec: ${stale === 0 ? 1 : 0} passed, ${stale === 0 ? 0 : 1} failed`);
    if (stale) Deno.exit(1);
  }
}

if (import.meta.main) await main();
