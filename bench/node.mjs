// Runs the benchmark on Node.js (20 or newer): bundles bench/*.ts with esbuild from node_modules into a
// temporary directory and runs bench/main.ts from there with `--expose-gc`. Arguments are passed on
// (`--smoke`, `--only=…`, `--out=DIR`). The Node.js binary is `$BENCH_NODE`, else the one running npm
// (`$npm_node_execpath`), else this one; `$BENCH_NODE_FLAGS` adds flags, e.g.
// `BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" node bench/node.mjs --only=request`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = mkdtempSync(join(tmpdir(), "gitlab-edge-bench-"));
try {
  const esbuild = join(root, "node_modules", "esbuild", "bin", "esbuild");
  const entries = ["main", "server", "cold_client", "cold_raw"].map((name) =>
    join(root, "bench", `${name}.ts`)
  );
  const build = spawnSync(esbuild, [
    ...entries,
    "--bundle",
    "--platform=node",
    "--format=esm",
    "--target=node20",
    `--outdir=${dist}`,
    "--out-extension:.js=.mjs",
    "--log-level=warning",
    // The peers (octokit, gitbeaker) bring CommonJS dependencies that `require()` Node built-ins.
    "--banner:js=import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);",
  ], { stdio: "inherit" });
  if (build.status !== 0) throw new Error(`esbuild failed (${build.status ?? build.error})`);
  const node = process.env.BENCH_NODE || process.env.npm_node_execpath || process.execPath;
  const flags = (process.env.BENCH_NODE_FLAGS ?? "").split(" ").filter(Boolean);
  const run = spawnSync(node, ["--expose-gc", ...flags, join(dist, "main.mjs"), ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, BENCH_ROOT: root, BENCH_DIST: dist },
  });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(dist, { recursive: true, force: true });
}
