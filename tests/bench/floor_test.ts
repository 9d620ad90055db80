/**
 * The bench's size floor (`bench/floor.ts`) keeps the guarantees it claims: it is only a fair reference for
 * the bundle and per-call rows if it does what the library does by default on a `getProject` call.
 */
import assert from "node:assert/strict";
import { createSimulator, SIM_ADMIN_TOKEN } from "@gitlab-edge/client/testing";
import { createFloorClient, FloorError, floorGetProject } from "../../bench/floor.ts";

const BASE = "https://gitlab.example.com";

/** The error a call failed with (a `FloorError`, else the test fails). */
async function failure(call: Promise<unknown>): Promise<FloorError> {
  const error = await call.then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof FloorError, `expected a FloorError, got ${error}`);
  return error;
}

function floorOn(fetch: (request: Request) => Promise<Response>, timeout?: number) {
  return createFloorClient({ baseUrl: BASE, token: SIM_ADMIN_TOKEN, fetch, timeout });
}

Deno.test("floor: gets a project by path with the token, which the client value does not show", async () => {
  const sim = createSimulator();
  const client = floorOn(sim.fetch);
  const project = await floorGetProject(client, "acme/web", { statistics: true }) as { id: number };
  assert.equal(project.id, 1);
  const [sent] = sim.requests;
  assert.equal(sent.url, `${BASE}/api/v4/projects/acme%2Fweb?statistics=true`);
  assert.equal(sent.headers["private-token"], SIM_ADMIN_TOKEN);
  assert.ok(!JSON.stringify(client).includes(SIM_ADMIN_TOKEN));
});

Deno.test("floor: bad options and arguments fail before anything is sent, naming the parameter", () => {
  assert.throws(() => createFloorClient({ baseUrl: "gitlab.example.com" }), /option "baseUrl"/);
  assert.throws(() => createFloorClient({ baseUrl: BASE, token: "two words" }), /option "token"/);
  assert.throws(
    () => createFloorClient({ baseUrl: "http://gitlab.example.com", token: "glpat-x" }),
    /option "baseUrl" is plain http/,
  );
  assert.throws(() => createFloorClient({ baseUrl: BASE, timeout: -1 }), RangeError);
  const client = floorOn(() => Promise.reject(new Error("nothing may be sent")));
  assert.throws(() => floorGetProject(client, ""), /option "id"/);
});

Deno.test("floor: a 404 is a typed error carrying GitLab's message", async () => {
  const client = floorOn(createSimulator().fetch);
  const error = await failure(floorGetProject(client, "acme/missing"));
  assert.equal(error.status, 404);
  assert.match(error.message, /404 404 Project Not Found/);
});

Deno.test("floor: 429 and 5xx are retried (Retry-After honoured), at most four attempts", async () => {
  const sim = createSimulator();
  sim.fault({ path: "/projects/acme%2Fweb", status: 429, headers: { "retry-after": "0" }, times: 1 });
  sim.fault({ path: "/projects/acme%2Fweb", status: 502, headers: { "retry-after": "0" }, times: 1 });
  const client = floorOn(sim.fetch);
  assert.equal((await floorGetProject(client, "acme/web") as { id: number }).id, 1);
  assert.equal(sim.requests.length, 3);
  sim.clearRequests();
  sim.fault({ path: "/projects/acme%2Fweb", status: 503, headers: { "retry-after": "0" }, times: 10 });
  const error = await failure(floorGetProject(client, "acme/web"));
  assert.equal(error.status, 503);
  assert.equal(sim.requests.length, 4);
});

Deno.test("floor: the deadline ends a call whose server never answers", async () => {
  const sim = createSimulator();
  sim.fault({ path: "/projects/acme%2Fweb", hang: true });
  const started = Date.now();
  // The floor's AbortSignal.timeout does not hold the process open (the library's deadline timer does): with
  // nothing else pending, Node would end the test before the deadline fires.
  const keepAlive = setInterval(() => {}, 1_000);
  try {
    const error = await failure(floorGetProject(floorOn(sim.fetch, 50), "acme/web"));
    assert.match(error.message, /timed out or aborted/);
    assert.ok(Date.now() - started < 5_000);
  } finally {
    clearInterval(keepAlive);
  }
});

Deno.test("floor: a redirect off the origin drops the token, a downgrade to http: is refused, secrets are redacted", async () => {
  const seen: Request[] = [];
  const hop = (location: string) => new Response(null, { status: 302, headers: { location } });
  const client = floorOn((request) => {
    seen.push(request);
    if (seen.length === 1) return Promise.resolve(hop("https://cdn.example.net/p?access_token=s3cret"));
    return Promise.reject(new TypeError("connection refused"));
  });
  const error = await failure(floorGetProject(client, 1));
  assert.equal(seen[1].url, "https://cdn.example.net/p?access_token=s3cret");
  assert.equal(seen[1].headers.get("private-token"), null);
  assert.match(error.message, /access_token=\[REDACTED\]: network error/);
  assert.ok(!error.message.includes("s3cret"));
  const downgrade = floorOn(() => Promise.resolve(hop("http://gitlab.example.com/api/v4/projects/1")));
  assert.match((await failure(floorGetProject(downgrade, 1))).message, /unsafe or endless redirect/);
});

Deno.test("floor: a body announced above the limit is refused unread, and cancelled", async () => {
  let cancelled = false;
  const body = new ReadableStream({ cancel: () => void (cancelled = true) });
  const client = floorOn(() =>
    Promise.resolve(new Response(body, { headers: { "content-length": String(2 ** 40) } }))
  );
  await assert.rejects(floorGetProject(client, 1), /response too large/);
  assert.equal(cancelled, true);
});
