import assert from "node:assert/strict";
import {
  compose,
  createClient,
  GitLabError,
  GitLabHTTPError,
  GitLabNetworkError,
  GitLabTimeoutError,
  httpDelete,
  httpGet,
  httpHead,
  httpList,
  httpStream,
  timeout,
} from "@gitlab-edge/client";
import { endlessBody, json, recorder, rejection, status, trackTimers } from "../_helpers.ts";

const BASE = "https://gitlab.example.com";
const SECRET = "SECRET-timeout-q7x";

/**
 * Runs `fn` while an interval keeps the event loop alive, as the socket of a real download would: the
 * deadline of a body handed to the caller runs on a timer that does not hold the process open itself, and
 * these tests stall on an in-memory stream that holds nothing.
 */
async function whileSocketOpen<T>(fn: () => Promise<T>): Promise<T> {
  const socket = setInterval(() => {}, 1000);
  try {
    return await fn();
  } finally {
    clearInterval(socket);
  }
}

/** A transport that never answers, rejecting with the signal's reason on abort. */
function hanging(seen: { aborted?: boolean } = {}) {
  return (r: Request) =>
    new Promise<Response>((_, reject) =>
      r.signal.addEventListener("abort", () => {
        seen.aborted = true;
        reject(r.signal.reason);
      })
    );
}

Deno.test("timeout: a call that never answers rejects with GitLabTimeoutError", async () => {
  const seen: { aborted?: boolean } = {};
  const client = createClient({ baseUrl: BASE, token: SECRET, timeout: 30, fetch: hanging(seen) });
  const started = Date.now();
  const e = await rejection(httpGet(client, `/projects?private_token=${SECRET}&page=2`));
  assert.ok(e instanceof GitLabTimeoutError);
  assert.ok(e instanceof GitLabError);
  assert.equal(e.name, "GitLabTimeoutError");
  assert.equal(e.timeout, 30);
  assert.equal(e.method, "GET");
  assert.equal(e.url, `${BASE}/api/v4/projects?private_token=[REDACTED]&page=2`);
  assert.ok(!e.message.includes(SECRET));
  assert.match(e.message, /timed out after 30 ms/);
  assert.ok(seen.aborted, "the request was aborted");
  assert.ok(Date.now() - started < 2000);
});

Deno.test("timeout: a body that never finishes is covered by the deadline", async () => {
  const body = endlessBody('[{"id":1},');
  let sent: Request | undefined;
  const client = createClient({
    baseUrl: BASE,
    timeout: 40,
    fetch: (r) => {
      sent = r;
      return Promise.resolve(new Response(body.stream));
    },
  });
  const started = Date.now();
  const e = await rejection(httpGet(client, "/projects"));
  assert.ok(e instanceof GitLabTimeoutError, String(e));
  assert.equal(e.timeout, 40);
  assert.ok(Date.now() - started < 2000);
  // The request's signal is aborted with the timeout: a real fetch cancels the body with it.
  assert.ok(sent?.signal.aborted, "the request was aborted");
  assert.ok(sent?.signal.reason instanceof GitLabTimeoutError);
});

Deno.test("timeout: a slow body of a streamed download is covered too", async () => {
  const body = endlessBody("partial");
  const client = createClient({
    baseUrl: BASE,
    timeout: 40,
    fetch: () => Promise.resolve(new Response(body.stream)),
  });
  const stream = await httpStream(client, "/projects/1/repository/archive");
  const e = await whileSocketOpen(() => rejection(new Response(stream).text()));
  assert.ok(e instanceof GitLabTimeoutError, String(e));
});

Deno.test("timeout: the deadline includes retry waits", async () => {
  const rec = recorder(() => status(503, { "retry-after": "5" }));
  const client = createClient({ baseUrl: BASE, timeout: 40, fetch: rec.fetch }); // the real sleep
  const started = Date.now();
  const e = await rejection(httpGet(client, "/x"));
  assert.ok(e instanceof GitLabTimeoutError, String(e));
  assert.ok(Date.now() - started < 2000);
  assert.equal(rec.requests.length, 1);
});

Deno.test("timeout: a per-call timeout overrides the client's", async () => {
  const client = createClient({ baseUrl: BASE, timeout: 60_000, fetch: hanging() });
  const e = await rejection(httpGet(client, "/x", { timeout: 25 }));
  assert.ok(e instanceof GitLabTimeoutError);
  assert.equal(e.timeout, 25);
});

Deno.test("timeout: a per-call timeout longer than the client's wins", async () => {
  const slow = (ms: number) => () =>
    new Promise<Response>((resolve) => setTimeout(() => resolve(json({ ok: true })), ms));
  const client = createClient({ baseUrl: BASE, timeout: 10, fetch: slow(60) });
  assert.deepEqual(await httpGet(client, "/x", { timeout: 5000 }), { ok: true });
});

Deno.test("timeout: 0 disables the deadline, for the client and for a call", async () => {
  const slow = () => new Promise<Response>((resolve) => setTimeout(() => resolve(json({ ok: true })), 60));
  const off = createClient({ baseUrl: BASE, timeout: 0, fetch: slow });
  assert.deepEqual(await httpGet(off, "/x"), { ok: true });
  const short = createClient({ baseUrl: BASE, timeout: 10, fetch: slow });
  assert.deepEqual(await httpGet(short, "/x", { timeout: 0 }), { ok: true });
  assert.ok((await rejection(httpGet(short, "/x"))) instanceof GitLabTimeoutError);
});

Deno.test("timeout: invalid per-call timeouts are refused before sending", async () => {
  const rec = recorder();
  const client = createClient({ baseUrl: BASE, fetch: rec.fetch });
  for (const t of [-1, NaN, Infinity, "5"]) {
    const e = await rejection(httpGet(client, "/x", { timeout: t as number }));
    assert.ok(e instanceof RangeError, String(t));
    assert.match(e.message, /httpGet\(\).*"timeout"/);
  }
  assert.equal(rec.requests.length, 0);
});

Deno.test("timeout: a user abort wins over the deadline and keeps its reason", async () => {
  const client = createClient({ baseUrl: BASE, timeout: 60_000, fetch: hanging() });
  const controller = new AbortController();
  const reason = new Error("navigated away");
  const pending = httpGet(client, "/x", { signal: controller.signal });
  controller.abort(reason);
  assert.equal(await rejection(pending), reason);
});

// Each of these arms the default 60 s deadline; it must be cleared when the call is over. Deno's op
// sanitizer does not see JavaScript timers, so the timers are counted by hand.
async function noTimerLeft(fn: (pending: () => number) => Promise<void>): Promise<void> {
  const timers = trackTimers();
  try {
    await fn(timers.pending);
    assert.equal(timers.pending(), 0, "a timer is still pending after the call");
  } finally {
    timers.restore();
  }
}

Deno.test("timeout: the timer counter sees the armed deadline while waiting for headers (control)", async () => {
  await noTimerLeft(async (pending) => {
    let answer: (r: Response) => void = () => {};
    const run = compose([timeout(60_000)], () => new Promise<Response>((resolve) => answer = resolve));
    const call = run(new Request("https://gitlab.example.com/"));
    await Promise.resolve();
    assert.equal(pending(), 1, "the deadline is armed while the headers are awaited");
    answer(new Response("done"));
    assert.equal(await (await call).text(), "done");
  });
});

Deno.test("timeout: a body handed to the caller holds no timer, yet the deadline still ends a stalled read", async () => {
  await noTimerLeft(async (pending) => {
    const body = endlessBody("x");
    const run = compose([timeout(50)], () => Promise.resolve(new Response(body.stream)));
    const response = await run(new Request("https://gitlab.example.com/"));
    assert.equal(pending(), 0, "an unread body must not keep the process alive until the deadline");
    const reader = response.body!.getReader();
    await reader.read();
    const started = Date.now();
    const e = await whileSocketOpen(() => rejection(reader.read()));
    assert.ok(e instanceof GitLabTimeoutError, String(e));
    assert.ok(Date.now() - started < 2000);
    assert.ok(body.cancelled(), "the source body was cancelled");
  });
});

Deno.test("timeout: no timer is left pending after a JSON success", async () => {
  await noTimerLeft(async () => {
    const client = createClient({ baseUrl: BASE, fetch: recorder([json({ id: 1 })]).fetch });
    assert.deepEqual(await httpGet(client, "/x"), { id: 1 });
  });
});

Deno.test("timeout: no timer is left pending after a 204, a HEAD, an error and a network failure", async () => {
  await noTimerLeft(async () => {
    const rec = recorder([
      status(204),
      status(200, { "x-total": "3" }),
      status(404, {}, '{"message":"404 Not Found"}'),
      new TypeError("refused"),
    ]);
    const client = createClient({ baseUrl: BASE, retry: false, fetch: rec.fetch });
    assert.equal(await httpDelete(client, "/x"), undefined);
    assert.equal((await httpHead(client, "/x")).get("x-total"), "3");
    assert.ok((await rejection(httpGet(client, "/x"))) instanceof GitLabHTTPError);
    assert.ok((await rejection(httpGet(client, "/x"))) instanceof GitLabNetworkError);
  });
});

Deno.test("timeout: no timer is left pending after retries with the real sleep", async () => {
  await noTimerLeft(async () => {
    const rec = recorder([status(503, { "retry-after": "0" }), json({ ok: 1 })]);
    const client = createClient({ baseUrl: BASE, fetch: rec.fetch });
    assert.deepEqual(await httpGet(client, "/x"), { ok: 1 });
    assert.equal(rec.requests.length, 2);
  });
});

Deno.test("timeout: no timer is left pending after a stream is read or cancelled", async () => {
  await noTimerLeft(async () => {
    const rec = recorder([new Response("bytes"), new Response("more bytes")]);
    const client = createClient({ baseUrl: BASE, fetch: rec.fetch });
    assert.equal(await new Response(await httpStream(client, "/a")).text(), "bytes");
    await (await httpStream(client, "/b")).cancel();
  });
});

Deno.test("timeout: no timer is left pending after breaking out of a list", async () => {
  await noTimerLeft(async () => {
    const rec = recorder([json([1, 2, 3], { headers: { "x-next-page": "2" } })]);
    const client = createClient({ baseUrl: BASE, fetch: rec.fetch });
    for await (const item of httpList(client, "/x")) {
      assert.equal(item, 1);
      break;
    }
    assert.equal(rec.requests.length, 1);
  });
});

Deno.test("timeout: no timer is left pending after a timeout or an abort", async () => {
  await noTimerLeft(async () => {
    const client = createClient({ baseUrl: BASE, timeout: 10, fetch: hanging() });
    assert.ok((await rejection(httpGet(client, "/x"))) instanceof GitLabTimeoutError);
    const controller = new AbortController();
    const pending = httpGet(client, "/x", { signal: controller.signal, timeout: 60_000 });
    controller.abort(new Error("stop"));
    await rejection(pending);
  });
});

Deno.test("timeout(): used directly in compose", async () => {
  const run = compose([timeout(15)], hanging());
  const e = await rejection(run(new Request("https://gitlab.example.com/api/v4/x?job_token=abc")));
  assert.ok(e instanceof GitLabTimeoutError);
  assert.equal(e.url, "https://gitlab.example.com/api/v4/x?job_token=[REDACTED]");
  const off = compose([timeout(0)], () => Promise.resolve(new Response("ok")));
  assert.equal(await (await off(new Request("https://gitlab.example.com/"))).text(), "ok");
});
