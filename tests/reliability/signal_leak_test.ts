// One long-lived AbortSignal passed to many calls keeps nothing of them: after 100,000 calls (an in-memory
// fetch, so no sockets), dropping the signal frees next to nothing after a full GC, and no listener of ours
// is left on it. (Before: `AbortSignal.any` left tens to hundreds of bytes per call on the signal, on Node.)
// What the signal holds is measured against a tight bound; the heap's growth against a looser one
// (HEAP_BYTES_PER_CALL), since Node's own `new Request(url, { signal })` keeps about 40 bytes per request a
// while, whoever made the signal. The heap must not keep what finished calls made: a call over a transport of
// your own once kept about 3.5 KB on Node for good. Outside tests/conformance/: forcing a GC takes node:v8 and
// node:vm.
import assert from "node:assert/strict";
import process from "node:process";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createClient, getProject, httpGet, listProjects } from "@gitlab-edge/client";

const BASE = "https://gitlab.example.com";
const CALLS = 100_000;
/** Far below the 60 (Node 20) to 170 (Node 24) bytes a call the signal held, far above the noise. */
const BYTES_PER_CALL = 16;
/** What the heap may keep per finished call: above Node's own ~40 bytes, far below the 3.5 KB a leak kept. */
const HEAP_BYTES_PER_CALL = 300;

/** A full GC, where the runtime lets a test force one. */
function collector(): (() => void) | undefined {
  const bun = (globalThis as { Bun?: { gc(force: boolean): void } }).Bun;
  if (bun) return () => bun.gc(true);
  let gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== "function") {
    try {
      setFlagsFromString("--expose-gc");
      gc = runInNewContext("gc") as () => void;
    } catch {
      return undefined;
    }
  }
  return typeof gc === "function" ? gc : undefined;
}

async function settledHeap(gc: () => void): Promise<number> {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 5)); // finalizers and microtasks run between collections
  }
  return process.memoryUsage().heapUsed;
}

/** Counts the listeners added to `signal` (through addEventListener) and not yet removed or fired once. */
function countListeners(signal: AbortSignal): { live: () => number; most: () => number } {
  const live = new Map<unknown, EventListener>();
  let most = 0;
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = ((type: string, listener: EventListener, options?: AddEventListenerOptions) => {
    const once = typeof options === "object" && options?.once === true;
    const wrapped: EventListener = (event) => {
      if (once) live.delete(listener);
      listener(event);
    };
    live.set(listener, wrapped);
    most = Math.max(most, live.size);
    add(type, wrapped, options);
  }) as typeof signal.addEventListener;
  signal.removeEventListener = ((type: string, listener: EventListener, options?: EventListenerOptions) => {
    const wrapped = live.get(listener);
    live.delete(listener);
    if (wrapped) remove(type, wrapped, options);
  }) as typeof signal.removeEventListener;
  return { live: () => live.size, most: () => most };
}

function client() {
  return createClient({
    baseUrl: BASE,
    retry: false,
    fetch: (r) =>
      Promise.resolve(
        new Response(r.url.includes("/projects") ? "[1]" : '{"ok":true}', {
          headers: { "content-type": "application/json" },
        }),
      ),
  });
}

Deno.test("signals: 100,000 calls sharing one AbortSignal leave nothing on it", async () => {
  const gc = collector();
  const c = client();
  const run = async (n: number, signal: AbortSignal) => {
    for (let i = 0; i < n; i++) await httpGet(c, "/version", { signal });
  };
  let controller: AbortController | undefined = new AbortController();
  await run(2_000, controller.signal); // warm up: compiled code, caches
  const started = performance.now();
  const before = gc ? await settledHeap(gc) : 0;
  await run(CALLS, controller.signal);
  const elapsed = Math.round(performance.now() - started);
  assert.ok(!controller.signal.aborted);
  if (!gc) {
    console.log(`  ${CALLS} calls in ${elapsed} ms; heap not measured (no way to force a GC here)`);
    return;
  }
  const withSignal = await settledHeap(gc);
  controller = undefined; // what the calls left on the signal goes with it
  const withoutSignal = await settledHeap(gc);
  const kept = (withSignal - withoutSignal) / CALLS;
  console.log(
    `  ${CALLS} calls in ${elapsed} ms; after GC the heap grew ${
      ((withSignal - before) / CALLS).toFixed(1)
    } ` +
      `bytes/call, of which the signal held ${kept.toFixed(1)}`,
  );
  assert.ok(kept < BYTES_PER_CALL, `the shared signal held ${kept.toFixed(1)} bytes per call`);
  const grown = (withSignal - before) / CALLS;
  assert.ok(grown < HEAP_BYTES_PER_CALL, `the heap kept ${grown.toFixed(0)} bytes per finished call`);
});

Deno.test("signals: calls sharing one AbortSignal leave no listener on it, and add one at most", async () => {
  const controller = new AbortController();
  const counted = countListeners(controller.signal);
  const c = client();
  for (let i = 0; i < 1_000; i++) await httpGet(c, "/version", { signal: controller.signal });
  await Promise.all(Array.from({ length: 50 }, () => httpGet(c, "/version", { signal: controller.signal })));
  await listProjects(c, { signal: controller.signal, maxPages: 1 }).toArray();
  assert.equal(counted.live(), 0, "listeners left on the signal");
  assert.ok(counted.most() <= 1, `${counted.most()} listeners at once`);
  // Still linked while a call runs: an abort reaches it.
  const hanging = createClient({
    baseUrl: BASE,
    fetch: (r) =>
      new Promise((_, reject) => r.signal.addEventListener("abort", () => reject(r.signal.reason))),
  });
  const pending = httpGet(hanging, "/x", { signal: controller.signal });
  const reason = new Error("stop");
  controller.abort(reason);
  assert.equal(await pending.catch((e) => e), reason);
  assert.equal(counted.live(), 0);
});

Deno.test("memory: finished calls over a transport of your own are freed, deadline on, with or without a signal", async () => {
  // Before: on Node, each call's deadline held the Request it had built, and undici's Request holds the
  // controller its FinalizationRegistry waits on, so nothing was ever freed: about 3 KB a call, forever.
  const gc = collector();
  if (!gc) {
    console.log("  heap not measured (no way to force a GC here)");
    return;
  }
  const c = createClient({
    baseUrl: BASE,
    token: "glpat-memory-check",
    fetch: () =>
      Promise.resolve(new Response('{"id":1}', { headers: { "content-type": "application/json" } })),
  });
  const controller = new AbortController();
  for (const signal of [undefined, controller.signal]) {
    for (let i = 0; i < 2_000; i++) await getProject(c, 1, { signal }); // warm up
    const before = await settledHeap(gc);
    const calls = 20_000;
    for (let i = 0; i < calls; i++) await getProject(c, 1, { signal });
    const grown = ((await settledHeap(gc)) - before) / calls;
    console.log(
      `  ${signal ? "with" : "without"} a signal: the heap grew ${grown.toFixed(1)} bytes per finished call`,
    );
    assert.ok(grown < HEAP_BYTES_PER_CALL, `the heap grew ${grown.toFixed(0)} bytes per finished call`);
  }
});
