/**
 * Runs `examples/worker.ts` as a Cloudflare Worker: bundles it as a Workers user would (see
 * `bundleForWorkers` in `run_workerd.mjs`), starts it in workerd through Miniflare, sends it one request
 * and prints the response body. `GITLAB_URL`, `GITLAB_TOKEN` and `GITLAB_PROJECT` from the environment
 * are passed on as the worker's variables. Exits 1 unless the worker answers 200.
 *
 * Usage: `node scripts/run_worker_example.mjs`
 *
 * @module
 */

import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import { bundleForWorkers, WORKER_OPTIONS } from "./run_workerd.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, ".build", "workerd");
mkdirSync(OUT, { recursive: true });
const bundle = join(OUT, "example-worker.mjs");
await bundleForWorkers(join(ROOT, "examples", "worker.ts"), bundle);

/** @type {Record<string, string>} */
const bindings = {};
for (const name of ["GITLAB_URL", "GITLAB_TOKEN", "GITLAB_PROJECT"]) {
  const value = process.env[name];
  if (value) bindings[name] = value;
}
const mf = new Miniflare({ ...WORKER_OPTIONS, scriptPath: bundle, bindings });
try {
  const response = await mf.dispatchFetch("http://worker.example/");
  process.stdout.write(await response.text());
  if (response.status !== 200) {
    console.error(`worker answered ${response.status}`);
    process.exitCode = 1;
  }
} finally {
  await mf.dispose();
}
