import assert from "node:assert/strict";
import { createClient, getProject, limitConcurrency, rateBudget } from "@gitlab-edge/client";

/** A transport that holds every request until `release()` is called, recording what is in flight. */
function heldTransport() {
  let inFlight = 0;
  let maxInFlight = 0;
  const started: string[] = [];
  const pending: (() => void)[] = [];
  const fetch = (request: Request): Promise<Response> => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    started.push(new URL(request.url).pathname.split("/").pop()!);
    return new Promise((resolve) => {
      pending.push(() => {
        inFlight--;
        resolve(new Response('{"id":1}', { headers: { "content-type": "application/json" } }));
      });
    });
  };
  return {
    fetch,
    started,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    /** Answers the oldest held request. */
    releaseOne(): boolean {
      const next = pending.shift();
      next?.();
      return next !== undefined;
    },
  };
}

/** Lets queued promise callbacks run (bounded). */
async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
  await new Promise((r) => setTimeout(r, 0));
}

Deno.test("limitConcurrency(3): at most 3 calls in flight, started in FIFO order", async () => {
  const t = heldTransport();
  const client = createClient({
    baseUrl: "https://gitlab.example.com",
    fetch: t.fetch,
    middleware: [limitConcurrency(3)],
  });
  const calls = Array.from({ length: 10 }, (_, i) => getProject(client, i + 1));
  await settle();
  assert.equal(t.inFlight, 3);
  for (let guard = 0; guard < 50 && t.releaseOne(); guard++) {
    await settle();
    assert.ok(t.inFlight <= 3, `in flight ${t.inFlight}`);
  }
  const results = await Promise.all(calls);
  assert.equal(results.length, 10);
  assert.equal(t.maxInFlight, 3);
  assert.deepEqual(t.started, ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
});

Deno.test("limitConcurrency(): a queued call whose signal aborts leaves the queue unsent", async () => {
  const t = heldTransport();
  const client = createClient({
    baseUrl: "https://gitlab.example.com",
    fetch: t.fetch,
    middleware: [limitConcurrency(1)],
  });
  const first = getProject(client, 1);
  const controller = new AbortController();
  const queued = getProject(client, 2, { signal: controller.signal });
  const third = getProject(client, 3);
  await settle();
  assert.deepEqual(t.started, ["1"]);
  const reason = new Error("stop waiting");
  controller.abort(reason);
  await assert.rejects(queued, (e) => e === reason);
  t.releaseOne();
  await first;
  await settle();
  assert.deepEqual(t.started, ["1", "3"], "the aborted call was never sent");
  t.releaseOne();
  await third;
  assert.equal(t.maxInFlight, 1);
});

Deno.test("limitConcurrency(): a failed call releases its slot", async () => {
  let calls = 0;
  const client = createClient({
    baseUrl: "https://gitlab.example.com",
    retry: false,
    middleware: [limitConcurrency(1)],
    fetch: () =>
      ++calls === 1
        ? Promise.reject(new TypeError("connection refused"))
        : Promise.resolve(new Response("{}")),
  });
  const [a, b] = await Promise.allSettled([getProject(client, 1), getProject(client, 2)]);
  assert.equal(a.status, "rejected");
  assert.equal(b.status, "fulfilled");
  assert.equal(calls, 2);
});

Deno.test("limitConcurrency(): an already aborted signal rejects without sending", async () => {
  const t = heldTransport();
  const client = createClient({
    baseUrl: "https://gitlab.example.com",
    fetch: t.fetch,
    middleware: [limitConcurrency(2)],
  });
  const reason = new Error("already");
  await assert.rejects(getProject(client, 1, { signal: AbortSignal.abort(reason) }), (e) => e === reason);
  assert.equal(t.started.length, 0);
});

Deno.test("limitConcurrency(): refuses a bad limit with a RangeError naming it", () => {
  for (const bad of [0, -1, 1.5, NaN, Infinity, "2" as unknown as number]) {
    assert.throws(
      () => limitConcurrency(bad),
      (e) => e instanceof RangeError && /limitConcurrency\(\): parameter "n"/.test(e.message),
    );
  }
});

/** A fake clock whose sleep advances it, recording every wait. */
function fakeClock() {
  let t = 1_000_000;
  const waits: number[] = [];
  return {
    now: () => t,
    waits,
    sleep: (ms: number, signal: AbortSignal): Promise<void> => {
      if (signal.aborted) return Promise.reject(signal.reason);
      waits.push(ms);
      t += ms;
      return Promise.resolve();
    },
    advance(ms: number) {
      t += ms;
    },
  };
}

Deno.test("rateBudget(): 60 requests per minute spaces calls 1000 ms apart on an injected clock", async () => {
  const clock = fakeClock();
  const sentAt: number[] = [];
  const client = createClient({
    baseUrl: "https://gitlab.example.com",
    middleware: [rateBudget({ requestsPerMinute: 60, now: clock.now, sleep: clock.sleep })],
    fetch: () => {
      sentAt.push(clock.now());
      return Promise.resolve(new Response("{}"));
    },
  });
  for (let i = 1; i <= 5; i++) await getProject(client, i);
  assert.deepEqual(sentAt.map((t) => t - sentAt[0]), [0, 1000, 2000, 3000, 4000]);
  assert.deepEqual(clock.waits, [1000, 1000, 1000, 1000]);
});

Deno.test("rateBudget(): concurrent calls share one bucket: burst first, then the sustained rate", async () => {
  const clock = fakeClock();
  const client = createClient({
    baseUrl: "https://gitlab.example.com",
    middleware: [rateBudget({
      requestsPerMinute: 120,
      burst: 3,
      now: clock.now,
      sleep: (ms) => {
        clock.waits.push(ms);
        return Promise.resolve();
      },
    })],
    fetch: () => Promise.resolve(new Response("{}")),
  });
  // The clock does not move: every call is reserved at the same instant.
  await Promise.all(Array.from({ length: 7 }, (_, i) => getProject(client, i + 1)));
  assert.deepEqual(
    clock.waits,
    [500, 1000, 1500, 2000],
    "3 at once, then one every 500 ms, in arrival order",
  );
});

Deno.test("rateBudget(): after an idle period the bucket refills, but never above burst", async () => {
  const clock = fakeClock();
  const client = createClient({
    baseUrl: "https://gitlab.example.com",
    middleware: [rateBudget({ requestsPerMinute: 60, burst: 2, now: clock.now, sleep: clock.sleep })],
    fetch: () => Promise.resolve(new Response("{}")),
  });
  await getProject(client, 1);
  await getProject(client, 2);
  assert.deepEqual(clock.waits, []);
  clock.advance(3_600_000);
  for (let i = 0; i < 4; i++) await getProject(client, i);
  assert.deepEqual(clock.waits, [1000, 1000], "only 2 tokens were saved up during the idle hour");
});

Deno.test("rateBudget(): aborting a waiting call rejects promptly, sends nothing and returns the token", async () => {
  let sent = 0;
  const client = createClient({
    baseUrl: "https://gitlab.example.com",
    middleware: [rateBudget({ requestsPerMinute: 1 })], // the real sleep: a second call would wait 60 s
    fetch: () => {
      sent++;
      return Promise.resolve(new Response("{}"));
    },
  });
  await getProject(client, 1);
  const controller = new AbortController();
  const started = Date.now();
  const waiting = getProject(client, 2, { signal: controller.signal });
  setTimeout(() => controller.abort(new Error("give up")), 20);
  await assert.rejects(waiting, /give up/);
  assert.ok(Date.now() - started < 500, "the 60 s wait was interrupted");
  assert.equal(sent, 1);
});

Deno.test("rateBudget(): the token of an aborted wait goes back to the bucket", async () => {
  const clock = fakeClock();
  const hangingSleep = (ms: number, signal: AbortSignal): Promise<void> => {
    clock.waits.push(ms);
    return new Promise((_, reject) =>
      signal.addEventListener("abort", () => reject(signal.reason), { once: true })
    );
  };
  const client = createClient({
    baseUrl: "https://gitlab.example.com",
    middleware: [rateBudget({ requestsPerMinute: 60, now: clock.now, sleep: hangingSleep })],
    fetch: () => Promise.resolve(new Response("{}")),
  });
  await getProject(client, 1);
  const controller = new AbortController();
  const waiting = getProject(client, 2, { signal: controller.signal });
  controller.abort(new Error("give up"));
  await assert.rejects(waiting, /give up/);
  const third = new AbortController();
  const p = getProject(client, 3, { signal: third.signal });
  third.abort(new Error("done"));
  await assert.rejects(p, /done/);
  assert.deepEqual(clock.waits, [1000, 1000], "the third call waits 1000 ms, not 2000 ms");
});

Deno.test("rateBudget(): refuses bad options with errors naming them", () => {
  assert.throws(() => rateBudget({ requestsPerMinute: 0 }), /rateBudget\(\): option "requestsPerMinute"/);
  assert.throws(() => rateBudget({ requestsPerMinute: Infinity }), RangeError);
  assert.throws(() => rateBudget({ requestsPerMinute: 10, burst: 0 }), /rateBudget\(\): option "burst"/);
  assert.throws(() => rateBudget(null as never), /rateBudget\(\): parameter "options"/);
});
