/**
 * Runs Deno-style test files inside workerd (the Cloudflare Workers runtime) through Miniflare.
 *
 * The test files (default: `tests/conformance/*_test.ts` and `tests/reliability/hostile_input_test.ts`) are bundled with esbuild the way a Workers
 * user's code would be (`--platform=neutral --format=esm`, the `workerd`/`worker` conditions, `node:*`
 * left to workerd's `nodejs_compat`), importing `gitlab-edge` as the built npm package. The bundle's
 * worker lists the tests and runs one per request (see `tests/shim/deno_test_workerd.mjs`); this
 * script drives it with a time limit per test and prints one line per test and a closing
 * `workerd: N passed, N failed` line. Exits 1 if any test failed.
 *
 * Usage: `node scripts/run_workerd.mjs [test files…]`
 *
 * @module
 */

import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { Miniflare } from "miniflare";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, ".build", "workerd");
const PER_TEST_MS = 60_000;

/** The Workers settings every bundle here runs with. */
export const WORKER_OPTIONS = {
  modules: true,
  compatibilityDate: "2025-09-01",
  compatibilityFlags: ["nodejs_compat"],
};

/**
 * Bundles `entry` for workerd as a Workers user would.
 *
 * @param {string} entry absolute path of the entry module
 * @param {string} outfile absolute path of the bundle
 */
export async function bundleForWorkers(entry, outfile) {
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    external: ["node:*"],
    logLevel: "error",
  });
}

function conformanceFiles() {
  const dir = join(ROOT, "tests", "conformance");
  const files = readdirSync(dir).filter((f) => f.endsWith("_test.ts")).sort().map((f) => join(dir, f));
  // The reliability tests that need no loopback server (workerd has no node:http server) run here too.
  return [...files, join(ROOT, "tests", "reliability", "hostile_input_test.ts")];
}

async function main() {
  const files = process.argv.length > 2 ? process.argv.slice(2).map((f) => resolve(f)) : conformanceFiles();
  mkdirSync(OUT, { recursive: true });
  const entry = join(OUT, "entry.mjs");
  const shim = join(ROOT, "tests", "shim", "deno_test_workerd.mjs");
  writeFileSync(
    entry,
    [
      `export { default } from ${JSON.stringify(shim)};`,
      ...files.map((f) => `import ${JSON.stringify(f)};`),
      "",
    ].join("\n"),
  );
  const bundle = join(OUT, "worker.mjs");
  await bundleForWorkers(entry, bundle);

  const mf = new Miniflare({ ...WORKER_OPTIONS, scriptPath: bundle });
  let passed = 0;
  let failed = 0;
  let ignored = 0;
  try {
    const runtime = await (await mf.dispatchFetch("http://worker/runtime")).text();
    if (runtime !== "Cloudflare-Workers") throw new Error(`expected to run in workerd, got ${runtime}`);
    const list = await (await mf.dispatchFetch("http://worker/list")).json();
    console.log(`running ${list.length} tests from ${files.length} files inside workerd (${runtime})`);
    for (let i = 0; i < list.length; i++) {
      const started = Date.now();
      let timer;
      const deadline = new Promise((resolve) => {
        timer = setTimeout(
          () => resolve({ status: "failed", error: `timed out after ${PER_TEST_MS} ms` }),
          PER_TEST_MS,
        );
      });
      const result = await Promise.race([
        mf.dispatchFetch(`http://worker/run?i=${i}`).then((r) => r.json()),
        deadline,
      ]).catch((e) => ({ status: "failed", error: String(e?.stack ?? e) }));
      clearTimeout(timer);
      const ms = Date.now() - started;
      if (result.status === "passed") passed++;
      else if (result.status === "ignored") ignored++;
      else failed++;
      const mark = result.status === "passed" ? "ok" : result.status === "ignored" ? "ignored" : "FAILED";
      console.log(`${list[i].name} ... ${mark} (${ms}ms)`);
      if (result.status === "failed") console.log(String(result.error).replace(/^/gm, "    "));
    }
  } finally {
    await mf.dispose();
  }
  const rel = files.map((f) => relative(ROOT, f)).join(" ");
  console.log(`files: ${rel}`);
  console.log(`workerd: ${passed} passed, ${failed} failed${ignored ? `, ${ignored} ignored` : ""}`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
