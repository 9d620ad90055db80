/**
 * Summarises V8 CPU profiles (`.cpuprofile`, from `node --cpu-prof`): the functions with the most self
 * time, across every profile given (a file or a directory of them).
 *
 * ```sh
 * BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" node bench/node.mjs --only=request
 * deno run --allow-read bench/profile.ts /tmp/prof 25
 * ```
 *
 * @module
 */

import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import process from "node:process";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Self time per function (`name file:line`), in microseconds, summed over `profiles`.
 *
 * @example
 * ```ts
 * import { selfTimes } from "./profile.ts";
 * const top = selfTimes([{ nodes: [], samples: [], timeDeltas: [] }]); // Map {}
 * ```
 */
export function selfTimes(profiles: Profile[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of profiles) {
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    for (let i = 0; i < p.samples.length && i < 10_000_000; i++) {
      const f = byId.get(p.samples[i])?.callFrame;
      if (!f) continue;
      const key = `${f.functionName || "(anonymous)"} ${basename(f.url) || "(native)"}:${f.lineNumber + 1}`;
      out.set(key, (out.get(key) ?? 0) + (p.timeDeltas[i] ?? 0));
    }
  }
  return out;
}

if (import.meta.main ?? true) {
  const [path = ".", top = "20"] = process.argv.slice(2);
  const files = statSync(path).isDirectory()
    ? readdirSync(path).filter((f) => f.endsWith(".cpuprofile")).map((f) => join(path, f))
    : [path];
  const times = selfTimes(files.map((f) => JSON.parse(readFileSync(f, "utf8")) as Profile));
  const total = [...times.values()].reduce((a, b) => a + b, 0);
  const sorted = [...times].sort((a, b) => b[1] - a[1]).slice(0, Number(top));
  console.log(
    `self time, top ${sorted.length} of ${times.size} functions (${(total / 1000).toFixed(0)} ms sampled)`,
  );
  for (const [name, us] of sorted) {
    console.log(
      `${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(1).padStart(8)} ms  ${name}`,
    );
  }
}
