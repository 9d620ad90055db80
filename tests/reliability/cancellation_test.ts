/**
 * Timeouts and cancellation over loopback HTTP: a per-call signal or timeout stops a request, a retry
 * wait, a slow body and a pagination loop promptly, and nothing keeps running afterwards (Deno's op and
 * resource sanitizers stay on, so a dangling timer or socket fails the test).
 */
import assert from "node:assert/strict";
import { createClient, getProject, GitLabTimeoutError, listProjects, retryPolicy } from "@gitlab-edge/client";
import { type BadServer, badServer, type Handler, hang, json, sleep, slowBody } from "./_bad_server.ts";
import { measure } from "./_record.ts";

const TOKEN = "glpat-cancel";

async function withServer(handler: Handler, body: (srv: BadServer) => Promise<void>): Promise<void> {
  const srv = await badServer(handler);
  try {
    await body(srv);
  } finally {
    await srv.close();
  }
}

/** Aborts `controller` with `reason` after `ms`; returns a function clearing the timer. */
function abortAfter(controller: AbortController, ms: number, reason: unknown): () => void {
  const timer = setTimeout(() => controller.abort(reason), ms);
  return () => clearTimeout(timer);
}

/** Waits (bounded) until `check()` is true: how soon a server notices a closed socket varies with load. */
async function eventually(check: () => boolean, ms = 2_000): Promise<void> {
  for (let waited = 0; !check() && waited < ms; waited += 10) await sleep(10);
  assert.ok(check(), `condition not met within ${ms} ms`);
}

Deno.test("cancellation: a per-call signal aborts an unanswered request at once; the server sees the disconnect", async () => {
  let serverSawAbort = false;
  // Abort once the request has reached the server, not after a fixed delay: a process's first fetch can
  // take longer than that to connect (Node 20 loads its HTTP client on first use), and the server would
  // then see nothing to disconnect.
  let arrived!: () => void;
  const arrival = new Promise<void>((resolve) => (arrived = resolve));
  await withServer((request) => {
    request.signal.addEventListener("abort", () => (serverSawAbort = true), { once: true });
    arrived();
    return hang(request);
  }, async (srv) => {
    const client = createClient({ baseUrl: srv.url, token: TOKEN });
    const controller = new AbortController();
    const reason = new Error("user cancelled");
    const call = measure(() => getProject(client, 1, { signal: controller.signal }));
    await arrival;
    const abortedAt = performance.now();
    controller.abort(reason);
    const o = await call;
    const afterAbort = performance.now() - abortedAt;
    assert.equal(o.error, reason, "rejects with the signal's reason");
    assert.ok(afterAbort < 300, `${afterAbort} ms after the abort`);
    await eventually(() => serverSawAbort);
    assert.equal(srv.count(), 1);
  });
});

Deno.test("cancellation: a per-call timeout overrides the client's and stops the request", async () => {
  await withServer((request) => hang(request), async (srv) => {
    const client = createClient({ baseUrl: srv.url, token: TOKEN, timeout: 60_000 });
    const o = await measure(() => getProject(client, 1, { timeout: 100 }));
    assert.ok(o.error instanceof GitLabTimeoutError);
    assert.equal(o.error.timeout, 100);
    assert.ok(o.elapsed >= 95 && o.elapsed < 400, `${o.elapsed} ms`);
  });
});

Deno.test("cancellation: a signal interrupts a 30 s retry wait (Retry-After) promptly, with no request after it", async () => {
  await withServer(() => json({}, { status: 503, headers: { "retry-after": "30" } }), async (srv) => {
    const client = createClient({ baseUrl: srv.url, token: TOKEN, retry: retryPolicy({ maxDelay: 60_000 }) }); // the real sleep
    const controller = new AbortController();
    const clear = abortAfter(controller, 80, new Error("stop"));
    const o = await measure(() => getProject(client, 1, { signal: controller.signal }));
    clear();
    assert.match(String(o.error), /stop/);
    assert.ok(o.elapsed < 400, `${o.elapsed} ms`);
    await sleep(50);
    assert.equal(srv.count(), 1);
  });
});

Deno.test("cancellation: the call's timeout covers retry waits: GitLabTimeoutError during a long backoff", async () => {
  await withServer(() => json({}, { status: 503, headers: { "retry-after": "30" } }), async (srv) => {
    const client = createClient({
      baseUrl: srv.url,
      token: TOKEN,
      retry: retryPolicy({ maxDelay: 60_000 }),
      timeout: 150,
    });
    const o = await measure(() => getProject(client, 1));
    assert.ok(o.error instanceof GitLabTimeoutError, String(o.error));
    assert.ok(o.elapsed >= 140 && o.elapsed < 500, `${o.elapsed} ms`);
    assert.equal(srv.count(), 1);
  });
});

Deno.test("cancellation: a signal stops a slow body mid-way; the server stops sending", async () => {
  let serverSawAbort = false;
  await withServer((request) => {
    request.signal.addEventListener("abort", () => (serverSawAbort = true), { once: true });
    return slowBody(request, Array.from({ length: 50 }, (_, i) => (i ? ",1" : "[1")), 50);
  }, async (srv) => {
    const client = createClient({ baseUrl: srv.url, token: TOKEN });
    const controller = new AbortController();
    const clear = abortAfter(controller, 120, new Error("enough"));
    const o = await measure(() => getProject(client, 1, { signal: controller.signal }));
    clear();
    assert.match(String(o.error), /enough/);
    assert.ok(o.elapsed < 500, `${o.elapsed} ms`);
    await eventually(() => serverSawAbort);
  });
});

Deno.test("cancellation: the deadline stops a slow body mid-way on the runtime's own fetch", async () => {
  let serverSawAbort = false;
  await withServer((request) => {
    request.signal.addEventListener("abort", () => (serverSawAbort = true), { once: true });
    return slowBody(request, Array.from({ length: 50 }, (_, i) => (i ? ",1" : "[1")), 50);
  }, async (srv) => {
    // No fetch of its own and no middleware: the request goes to the global fetch as a description.
    const client = createClient({ baseUrl: srv.url, token: TOKEN, timeout: 150 });
    const o = await measure(() => getProject(client, 1));
    assert.ok(o.error instanceof GitLabTimeoutError, String(o.error));
    assert.equal((o.error as GitLabTimeoutError).timeout, 150);
    assert.ok(o.elapsed >= 140 && o.elapsed < 800, `${o.elapsed} ms`);
    await eventually(() => serverSawAbort);
  });
});

Deno.test("cancellation: a signal stops a pagination loop that never ends; no page is requested afterwards", async () => {
  await withServer((request, _, n) => {
    const next = `${new URL(request.url).origin}/api/v4/projects?page=${n + 1}`;
    return sleep(5, request.signal).then(() =>
      json([{ id: n }], { headers: { link: `<${next}>; rel="next"` } })
    );
  }, async (srv) => {
    // Count what the client sends: a request written just before the abort may still reach the server
    // after it, so the server's count can grow by one while the client sends nothing more.
    let sent = 0;
    const client = createClient({ baseUrl: srv.url, token: TOKEN, fetch: (r) => (sent++, fetch(r)) });
    const controller = new AbortController();
    const clear = abortAfter(controller, 150, new Error("that's enough pages"));
    const o = await measure(() => listProjects(client, { signal: controller.signal }).toArray());
    clear();
    assert.match(String(o.error), /enough pages/);
    assert.ok(o.elapsed < 500, `${o.elapsed} ms`);
    const seen = sent;
    assert.ok(seen > 1 && seen < 150, `${seen} pages`);
    await sleep(60);
    assert.equal(sent, seen, "no request after the abort");
    assert.ok(srv.count() <= sent, "the server saw no request the client did not send");
  });
});

Deno.test("cancellation: breaking out of for-await stops pagination at once", async () => {
  await withServer((request, _, n) => {
    const next = `${new URL(request.url).origin}/api/v4/projects?page=${n + 1}`;
    return json([{ id: n }, { id: n + 0.5 }], { headers: { link: `<${next}>; rel="next"` } });
  }, async (srv) => {
    const client = createClient({ baseUrl: srv.url, token: TOKEN });
    const got: number[] = [];
    for await (const p of listProjects(client)) {
      got.push(p.id);
      if (got.length === 5) break;
    }
    assert.deepEqual(got, [1, 1.5, 2, 2.5, 3]);
    assert.equal(srv.count(), 3);
    await sleep(30);
    assert.equal(srv.count(), 3);
  });
});

Deno.test("cancellation: an already aborted signal sends nothing", async () => {
  await withServer(() => json({ id: 1 }), async (srv) => {
    const client = createClient({ baseUrl: srv.url, token: TOKEN });
    const reason = new Error("too late");
    await assert.rejects(getProject(client, 1, { signal: AbortSignal.abort(reason) }), (e) => e === reason);
    await assert.rejects(
      listProjects(client, { signal: AbortSignal.abort(reason) }).toArray(),
      (e) => e === reason,
    );
    assert.equal(srv.count(), 0);
  });
});
