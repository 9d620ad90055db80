import assert from "node:assert/strict";
import { createClient, GitLabHTTPError, listProjects } from "@gitlab-edge/client";
import { createSimulator, SIM_ADMIN_TOKEN } from "@gitlab-edge/client/testing";
import { serve } from "@gitlab-edge/client/testing/server";

/** One request as the fake GitLab saw it. */
interface Seen {
  readonly page: number;
  readonly url: string;
  readonly signal: AbortSignal;
  /** The response was delivered (its headers), or the request failed. */
  settled: boolean;
  /** The body stream was errored or cancelled before it ended. */
  bodyStopped: boolean;
}

interface FakeOptions {
  /** Items in all. */
  readonly total: number;
  readonly perPage: number;
  /** `offset` (with totals), `offset-no-totals` (GitLab above 10,000 items) or `keyset`. */
  readonly mode?: "offset" | "offset-no-totals" | "keyset";
  /** Milliseconds before page `page` answers (default 0). */
  readonly delay?: (page: number) => number;
  /** This page answers 500. */
  readonly failPage?: number;
  /** From this page on, the body sends `[` and then nothing until the request is aborted. */
  readonly hangBodyFrom?: number;
}

/**
 * A fake GitLab list endpoint that honours the request's signal as a real `fetch` does (the pending
 * response and its body both fail on abort) and records the requests in flight.
 */
function fakeGitLab(o: FakeOptions) {
  const mode = o.mode ?? "offset";
  const seen: Seen[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const pages = Math.ceil(o.total / o.perPage);
  const respond = (page: number, rec: Seen, signal: AbortSignal): Response => {
    if (page === o.failPage) {
      return new Response(JSON.stringify({ message: "500 Internal Server Error" }), {
        status: 500,
        headers: { "content-type": "application/json" },
      });
    }
    const items: { id: number }[] = [];
    for (let id = (page - 1) * o.perPage + 1; id <= Math.min(o.total, page * o.perPage); id++) {
      items.push({ id });
    }
    const headers = new Headers({ "content-type": "application/json" });
    const base = "http://127.0.0.1:9/api/v4/projects";
    if (mode === "keyset") {
      const last = items.at(-1)?.id ?? 0;
      if (page < pages) headers.set("link", `<${base}?id_after=${last}&per_page=${o.perPage}>; rel="next"`);
    } else {
      headers.set("x-page", String(page));
      headers.set("x-per-page", String(o.perPage));
      headers.set("x-next-page", page < pages ? String(page + 1) : "");
      if (page < pages) headers.set("link", `<${base}?page=${page + 1}&per_page=${o.perPage}>; rel="next"`);
      if (mode === "offset") {
        headers.set("x-total", String(o.total));
        headers.set("x-total-pages", String(pages));
      }
    }
    if (o.hangBodyFrom !== undefined && page >= o.hangBodyFrom) {
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode("["));
          const stop = () => {
            rec.bodyStopped = true;
            c.error(signal.reason);
          };
          if (signal.aborted) stop();
          else signal.addEventListener("abort", stop, { once: true });
        },
        cancel() {
          rec.bodyStopped = true;
        },
      });
      return new Response(body, { headers });
    }
    return new Response(JSON.stringify(items), { headers });
  };
  const fetch = (request: Request): Promise<Response> => {
    const u = new URL(request.url);
    const page = mode === "keyset"
      ? Number(u.searchParams.get("id_after") ?? 0) / o.perPage + 1
      : Number(u.searchParams.get("page") ?? 1);
    const signal = request.signal;
    const rec: Seen = { page, url: request.url, signal, settled: false, bodyStopped: false };
    seen.push(rec);
    if (signal.aborted) {
      rec.settled = true;
      return Promise.reject(signal.reason);
    }
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return new Promise((resolve, reject) => {
      const done = (): void => {
        inFlight--;
        rec.settled = true;
        signal.removeEventListener("abort", onAbort);
      };
      const onAbort = (): void => {
        clearTimeout(timer);
        done();
        reject(signal.reason);
      };
      const timer = setTimeout(() => {
        done();
        resolve(respond(page, rec, signal));
      }, o.delay?.(page) ?? 0);
      signal.addEventListener("abort", onAbort, { once: true });
    });
  };
  return {
    fetch,
    seen,
    maxInFlight: () => maxInFlight,
    inFlight: () => inFlight,
    client: () => createClient({ baseUrl: "http://127.0.0.1:9", fetch, retry: false }),
  };
}

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

Deno.test("listProjects() with concurrency 8 yields every item in order when later pages answer first", async () => {
  const gl = fakeGitLab({ total: 100, perPage: 4, delay: (page) => (25 - page) % 6 });
  const ids: number[] = [];
  for await (const p of listProjects(gl.client(), { per_page: 4, concurrency: 8 })) ids.push(p.id);
  assert.deepEqual(ids, range(1, 100));
  assert.deepEqual(gl.seen.map((s) => s.page).sort((a, b) => a - b), range(1, 25));
  assert.equal(gl.maxInFlight(), 8);
  assert.equal(gl.inFlight(), 0);
});

Deno.test("listProjects() with concurrency N holds at most N pages: at page k at most k+N-1 were requested", async () => {
  const gl = fakeGitLab({ total: 120, perPage: 5, delay: () => 1 });
  const n = 5;
  let k = 0;
  let reached = false;
  for await (const page of listProjects(gl.client(), { per_page: 5, concurrency: n }).pages()) {
    k++;
    assert.equal(page.page, k);
    assert.ok(gl.seen.length <= k + n - 1, `page ${k}: ${gl.seen.length} requested`);
    if (gl.seen.length === k + n - 1) reached = true;
    await tick(3); // a slow consumer: the window must not grow while it works
    assert.ok(gl.seen.length <= k + n - 1, `page ${k} after work: ${gl.seen.length} requested`);
  }
  assert.equal(k, 24);
  assert.ok(reached, "the window was never filled");
  assert.ok(gl.maxInFlight() <= n);
});

Deno.test("listProjects() with concurrency requests no page beyond maxItems or maxPages", async () => {
  const byItems = fakeGitLab({ total: 500, perPage: 10 });
  const ids = (await listProjects(byItems.client(), { per_page: 10, concurrency: 8, maxItems: 25 }).toArray())
    .map((p) => p.id);
  assert.deepEqual(ids, range(1, 25));
  assert.deepEqual(byItems.seen.map((s) => s.page).sort((a, b) => a - b), [1, 2, 3]);

  const byPages = fakeGitLab({ total: 500, perPage: 10 });
  const items = await listProjects(byPages.client(), { per_page: 10, concurrency: 8, maxPages: 4 }).toArray();
  assert.equal(items.length, 40);
  assert.deepEqual(byPages.seen.map((s) => s.page).sort((a, b) => a - b), [1, 2, 3, 4]);

  const onePage = fakeGitLab({ total: 500, perPage: 10 });
  assert.equal(
    (await listProjects(onePage.client(), { per_page: 10, concurrency: 8, maxItems: 10 }).toArray()).length,
    10,
  );
  assert.deepEqual(onePage.seen.map((s) => s.page), [1]);
});

Deno.test("listProjects() with concurrency: a break cancels every request and body in flight, and nothing more is sent", async () => {
  const gl = fakeGitLab({ total: 200, perPage: 10, delay: (page) => (page === 1 ? 0 : 2), hangBodyFrom: 2 });
  const list = listProjects(gl.client(), { per_page: 10, concurrency: 6 });
  for await (const p of list) {
    assert.equal(p.id, 1);
    // pages 2..6 answer meanwhile, and their bodies hang
    for (let waited = 0; gl.seen.filter((s) => s.settled).length < 6 && waited < 2000; waited += 5) {
      await tick(5);
    }
    break;
  }
  const ahead = gl.seen.filter((s) => s.page > 1);
  assert.equal(ahead.length, 5);
  for (const s of ahead) assert.ok(s.signal.aborted, `page ${s.page} not aborted`);
  for (const s of ahead) assert.ok(s.bodyStopped, `page ${s.page}: body still open`);
  const count = gl.seen.length;
  await tick(10);
  assert.equal(gl.seen.length, count);
  assert.equal(gl.inFlight(), 0);
});

Deno.test("listProjects() with concurrency: aborting the signal rejects with its reason and cancels what is in flight", async () => {
  const gl = fakeGitLab({ total: 200, perPage: 10, delay: (page) => (page === 1 ? 0 : 50) });
  const controller = new AbortController();
  const reason = new Error("stop now");
  const ids: number[] = [];
  let error: unknown;
  try {
    for await (
      const p of listProjects(gl.client(), { per_page: 10, concurrency: 4, signal: controller.signal })
    ) {
      ids.push(p.id);
      if (p.id === 10) controller.abort(reason);
    }
  } catch (e) {
    error = e;
  }
  assert.equal(error, reason);
  assert.deepEqual(ids, range(1, 10));
  assert.deepEqual(gl.seen.map((s) => s.page), [1, 2, 3, 4]);
  for (const s of gl.seen.slice(1)) assert.ok(s.signal.aborted);
  assert.equal(gl.inFlight(), 0);
});

Deno.test("listProjects() with keyset pagination falls back to prefetching one page even with concurrency 8", async () => {
  const gl = fakeGitLab({ total: 60, perPage: 10, mode: "keyset", delay: () => 1 });
  let k = 0;
  const ids: number[] = [];
  for await (
    const page of listProjects(gl.client(), { per_page: 10, pagination: "keyset", concurrency: 8 }).pages()
  ) {
    k++;
    ids.push(...page.items.map((p) => p.id));
    assert.equal(gl.seen.length, Math.min(k + 1, 6), `page ${k}`);
  }
  assert.deepEqual(ids, range(1, 60));
  assert.equal(gl.maxInFlight(), 1);
});

Deno.test("listProjects() above 10,000 items (no X-Total-Pages) prefetches through the Link header instead", async () => {
  const gl = fakeGitLab({ total: 45, perPage: 10, mode: "offset-no-totals" });
  let k = 0;
  for await (const _ of listProjects(gl.client(), { per_page: 10, concurrency: 8 }).pages()) {
    k++;
    // The first request asks for totals (offset); without them, keyset from the start, one page ahead.
    assert.equal(gl.seen.length, Math.min(k + 2, 6));
  }
  assert.equal(k, 5);
  assert.equal(gl.maxInFlight(), 1);
  assert.ok(!gl.seen[0].url.includes("pagination=keyset"), gl.seen[0].url);
  assert.ok(gl.seen[1].url.includes("pagination=keyset"), gl.seen[1].url);
});

Deno.test("listProjects() with concurrency asks offset pagination's totals first, then pages by number", async () => {
  const gl = fakeGitLab({ total: 45, perPage: 10 });
  const ids: number[] = [];
  for await (const p of listProjects(gl.client(), { per_page: 10, concurrency: 4 })) ids.push(p.id);
  assert.deepEqual(ids, range(1, 45));
  assert.equal(gl.seen.length, 5);
  assert.ok(gl.seen.every((s) => !s.url.includes("pagination=keyset")));
  assert.ok(gl.maxInFlight() > 1, "pages requested at once");
});

Deno.test("listProjects() with prefetch requests the next page before the loop resumes; without it, only after", async () => {
  const pre = fakeGitLab({ total: 30, perPage: 10 });
  let k = 0;
  for await (const _ of listProjects(pre.client(), { per_page: 10, prefetch: true }).pages()) {
    k++;
    await tick(5);
    assert.equal(pre.seen.length, Math.min(k + 1, 3), `prefetch, page ${k}`);
  }
  assert.equal(k, 3);

  const plain = fakeGitLab({ total: 30, perPage: 10 });
  k = 0;
  for await (const _ of listProjects(plain.client(), { per_page: 10 }).pages()) {
    k++;
    await tick(5);
    assert.equal(plain.seen.length, k, `default, page ${k}`);
  }
  assert.equal(k, 3);
});

Deno.test("listProjects() with concurrency: an error on page 3 surfaces after pages 1 and 2, in order", async () => {
  const gl = fakeGitLab({
    total: 100,
    perPage: 10,
    failPage: 3,
    delay: (page) => (page === 3 ? 0 : page * 3),
  });
  const got: number[] = [];
  let error: unknown;
  try {
    for await (const page of listProjects(gl.client(), { per_page: 10, concurrency: 8 }).pages()) {
      got.push(page.page!);
    }
  } catch (e) {
    error = e;
  }
  assert.deepEqual(got, [1, 2]);
  assert.ok(error instanceof GitLabHTTPError);
  assert.equal(error.status, 500);
  assert.match(error.url, /page=3/);
  for (const s of gl.seen.filter((s) => s.page > 3)) assert.ok(s.signal.aborted || s.settled);
  assert.equal(gl.inFlight(), 0);
});

Deno.test("listProjects() rejects a concurrency outside 1..16 and a prefetch that is not a boolean", () => {
  const client = fakeGitLab({ total: 1, perPage: 1 }).client();
  for (const concurrency of [0, 17, 2.5, -1, Number.NaN]) {
    assert.throws(() => listProjects(client, { concurrency }), (e: unknown) => {
      assert.ok(e instanceof RangeError);
      assert.match(e.message, /listProjects\(\): option "concurrency" must be an integer from 1 to 16/);
      return true;
    });
  }
  assert.throws(
    () => listProjects(client, { concurrency: "4" as unknown as number }),
    /option "concurrency" must be an integer from 1 to 16, got 4/,
  );
  assert.throws(() => listProjects(client, { prefetch: "yes" as unknown as boolean }), TypeError);
});

Deno.test("listProjects() with concurrency against the simulator over HTTP matches the sequential listing", async () => {
  const sim = createSimulator();
  sim.addProjects(230, { namespace: "acme", prefix: "bulk-" });
  const server = await serve(sim);
  try {
    const client = createClient({ baseUrl: server.url, token: SIM_ADMIN_TOKEN });
    const params = { per_page: 20, order_by: "id", sort: "asc" } as const;
    const sequential = (await listProjects(client, params).toArray()).map((p) => p.id);
    sim.clearRequests();
    const concurrent = (await listProjects(client, { ...params, concurrency: 8 }).toArray()).map((p) => p.id);
    const prefetched = (await listProjects(client, { ...params, prefetch: true }).toArray()).map((p) => p.id);
    assert.ok(sequential.length > 230);
    assert.deepEqual(concurrent, sequential);
    assert.deepEqual(prefetched, sequential);
    for (const r of sim.requests) assert.ok(!/concurrency|prefetch/.test(r.url), r.url);
  } finally {
    await server.close();
  }
});
