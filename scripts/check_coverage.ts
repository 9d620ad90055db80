/**
 * Checks every route this library defines against GitLab's endpoint catalogue
 * (`../shared/gitlab-api/endpoints.json`, beside the repository) and prints the coverage.
 * Fails when a route is not in the catalogue or its path parameter names differ.
 *
 * ```sh
 * deno run --allow-read scripts/check_coverage.ts [path/to/endpoints.json]
 * ```
 *
 * @module
 */

import * as api from "../mod.ts";

interface CatalogueEntry {
  method: string;
  path: string;
  group: string;
  pathParams: string[];
}

const file = Deno.args[0] ?? new URL("../../shared/gitlab-api/endpoints.json", import.meta.url).pathname;
let catalogue: CatalogueEntry[];
try {
  catalogue = JSON.parse(await Deno.readTextFile(file));
} catch (e) {
  console.log(`coverage: catalogue not found at ${file} (${(e as Error).message}); skipped`);
  Deno.exit(0);
}

const shape = (path: string): string => path.replace(/:[a-z_]+/gi, ":");
const byShape = new Map(catalogue.map((e) => [`${e.method} ${shape(e.path)}`, e]));
const ours = Object.entries(api).flatMap(([name, fn]) => {
  const route = api.routeOf(fn);
  return route ? [{ name, route }] : [];
});

let problems = 0;
const covered = new Map<string, number>();
for (const { name, route } of ours) {
  const [method, path] = route.split(" ");
  const entry = byShape.get(`${method} ${shape(path)}`);
  if (!entry) {
    console.log(`coverage: ${name}: ${route} is not in the catalogue`);
    problems++;
    continue;
  }
  if (entry.path !== path) {
    console.log(
      `coverage: ${name}: ${route} names its parameters differently from the catalogue's ${entry.path}`,
    );
    problems++;
  }
  covered.set(entry.group, (covered.get(entry.group) ?? 0) + 1);
}
const totals = new Map<string, number>();
for (const e of catalogue) totals.set(e.group, (totals.get(e.group) ?? 0) + 1);
for (const [group, n] of [...covered].sort()) console.log(`coverage: ${group}: ${n}/${totals.get(group)}`);
console.log(
  `coverage: ${ours.length}/${catalogue.length} catalogue endpoints defined, ${problems} problem(s)`,
);
if (problems > 0) Deno.exit(1);
