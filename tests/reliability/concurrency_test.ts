/**
 * Concurrency over loopback HTTP: one client shared by many simultaneous calls keeps every guarantee
 * (retries per call, writes never duplicated), and `limitConcurrency` / `rateBudget` hold their bounds
 * as the server observes them.
 */
import assert from "node:assert/strict";
import {
  createClient,
  createProjectIssue,
  getProject,
  limitConcurrency,
  rateBudget,
} from "@gitlab-edge/client";
import { type BadServer, badServer, type Handler, json, sleep, testPolicy } from "./_bad_server.ts";

async function withServer(handler: Handler, body: (srv: BadServer) => Promise<void>): Promise<void> {
  const srv = await badServer(handler);
  try {
    await body(srv);
  } finally {
    await srv.close();
  }
}

Deno.test("concurrency: limitConcurrency(4) over 40 simultaneous calls: the server never sees more than 4", async () => {
  let inFlight = 0;
  let maxInFlight = 0;
  await withServer(async (request) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      await sleep(15, request.signal);
    } finally {
      inFlight--;
    }
    return json({ id: Number(new URL(request.url).pathname.split("/").pop()) });
  }, async (srv) => {
    const client = createClient({ baseUrl: srv.url, token: "t", middleware: [limitConcurrency(4)] });
    const ids = Array.from({ length: 40 }, (_, i) => i + 1);
    const started = performance.now();
    const projects = await Promise.all(ids.map((id) => getProject(client, id)));
    assert.deepEqual(projects.map((p) => p.id), ids);
    assert.equal(maxInFlight, 4);
    assert.equal(srv.count(), 40);
    assert.ok(performance.now() - started >= 10 * 15 - 20, "40 calls of 15 ms, 4 at a time, take ~10 rounds");
  });
});

Deno.test("concurrency: without a limit the same fan-out does reach the server at once (the bound above is real)", async () => {
  let inFlight = 0;
  let maxInFlight = 0;
  await withServer(async (request) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      await sleep(30, request.signal);
    } finally {
      inFlight--;
    }
    return json({ id: 1 });
  }, async (srv) => {
    const client = createClient({ baseUrl: srv.url, token: "t" });
    await Promise.all(Array.from({ length: 12 }, (_, i) => getProject(client, i + 1)));
    assert.ok(maxInFlight > 4, `max in flight ${maxInFlight}`);
  });
});

Deno.test("concurrency: rateBudget(600/min) spaces 6 simultaneous calls ~100 ms apart at the server", async () => {
  const arrivals: number[] = [];
  await withServer(() => {
    arrivals.push(performance.now());
    return json({ id: 1 });
  }, async (srv) => {
    const client = createClient({
      baseUrl: srv.url,
      token: "t",
      middleware: [rateBudget({ requestsPerMinute: 600 })],
    });
    await Promise.all(Array.from({ length: 6 }, (_, i) => getProject(client, i + 1)));
    const gaps = arrivals.slice(1).map((t, i) => t - arrivals[i]);
    assert.equal(arrivals.length, 6);
    assert.ok(gaps.every((g) => g >= 80), `gaps ${gaps.map(Math.round)}`);
    assert.ok(arrivals[5] - arrivals[0] < 1500);
  });
});

Deno.test("concurrency: 30 simultaneous calls under random 503s: every GET succeeds, every POST is sent once", async () => {
  await withServer((request, _, n) => {
    if (n % 3 === 0) return json({ message: "503" }, { status: 503 });
    return json({ ok: true }, { status: request.method === "POST" ? 201 : 200 });
  }, async (srv) => {
    const { policy } = testPolicy({ maxAttempts: 6 });
    const client = createClient({
      baseUrl: srv.url,
      token: "t",
      retry: policy,
      middleware: [limitConcurrency(8)],
    });
    const gets = Array.from({ length: 20 }, (_, i) => getProject(client, i + 1));
    const posts = Array.from(
      { length: 10 },
      (_, i) => createProjectIssue(client, 1, { title: `issue ${i}` }),
    );
    const [g, p] = await Promise.all([Promise.allSettled(gets), Promise.allSettled(posts)]);
    assert.ok(g.every((r) => r.status === "fulfilled"), "every GET eventually succeeded");
    const titles = srv.hits.filter((h) => h.method === "POST").map((h) => JSON.parse(h.body).title);
    assert.equal(titles.length, 10, "each POST was sent exactly once");
    assert.equal(new Set(titles).size, 10);
    const failedPosts = p.filter((r) => r.status === "rejected").length;
    const post503 = srv.hits.filter((h, i) => h.method === "POST" && (i + 1) % 3 === 0).length;
    assert.equal(failedPosts, post503, "a POST that got a 503 failed instead of being resent");
  });
});

Deno.test("concurrency: aborting one queued call leaves the others untouched", async () => {
  await withServer(async (request) => {
    await sleep(20, request.signal);
    return json({ id: Number(new URL(request.url).pathname.split("/").pop()) });
  }, async (srv) => {
    const client = createClient({ baseUrl: srv.url, token: "t", middleware: [limitConcurrency(1)] });
    const controller = new AbortController();
    const calls = [1, 2, 3, 4].map((id) =>
      getProject(client, id, id === 3 ? { signal: controller.signal } : {})
    );
    controller.abort(new Error("not this one"));
    const results = await Promise.allSettled(calls);
    assert.deepEqual(results.map((r) => r.status), ["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    assert.deepEqual(srv.hits.map((h) => h.path), [
      "/api/v4/projects/1",
      "/api/v4/projects/2",
      "/api/v4/projects/4",
    ]);
  });
});
