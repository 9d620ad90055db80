/**
 * The benchmark's GitLab: the simulator over loopback HTTP in a process of its own, so that its work
 * and its memory stay out of the measurements. Prints one JSON line `{"url": …}` once listening and
 * exits when its standard input closes (the parent ended) or on SIGTERM.
 *
 * Arguments: `--projects N` (projects in all, seed included; default 10000), `--latency MS` added to
 * every response (default 0) and `--no-cache`. By default a successful GET is rendered by the simulator
 * once and then answered from memory (the data never changes during a run), so that the server is as
 * fast as it can be and the client's own cost is what the timings show.
 *
 * @module
 */

import process from "node:process";
import { createSimulator, SIM_ADMIN_TOKEN } from "../src/testing/mod.ts";
import { serve } from "../src/testing/server.ts";

interface Cached {
  readonly status: number;
  readonly headers: [string, string][];
  readonly body: Uint8Array<ArrayBuffer>;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0 || value > 1_000_000) {
    throw new RangeError(`--${name} must be an integer`);
  }
  return value;
}

const projects = arg("projects", 10_000);
const sim = createSimulator();
const head = await sim.fetch("http://127.0.0.1/api/v4/projects?per_page=1", {
  headers: { "PRIVATE-TOKEN": SIM_ADMIN_TOKEN },
});
await head.body?.cancel();
const seeded = Number(head.headers.get("x-total"));
if (!(seeded >= 0)) throw new Error("the simulator did not report X-Total for its seed projects");
sim.addProjects(Math.max(0, projects - seeded), { prefix: "bench-" });
const latency = arg("latency", 0);
const cache = new Map<string, Cached>();
const useCache = !process.argv.includes("--no-cache");

/** Waits `ms`, or less when the client goes away. */
function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

const server = await serve(async (request: Request): Promise<Response> => {
  if (latency) await delay(latency, request.signal);
  if (!useCache || request.method !== "GET") return sim.fetch(request);
  const key = `${request.url} ${request.headers.get("private-token")}`;
  let hit = cache.get(key);
  if (!hit) {
    const response = await sim.fetch(request);
    if (response.status !== 200 || cache.size >= 20_000) return response;
    hit = { status: 200, headers: [...response.headers], body: new Uint8Array(await response.arrayBuffer()) };
    cache.set(key, hit);
  }
  return new Response(hit.body, { status: hit.status, headers: hit.headers });
}, { keepAlive: true });
process.stdout.write(JSON.stringify({ url: server.url, projects: Math.max(projects, seeded) }) + "\n");
const stop = () => {
  server.close().finally(() => process.exit(0));
};
process.stdin.on("end", stop);
process.stdin.on("close", stop);
process.stdin.resume();
process.on("SIGTERM", stop);
