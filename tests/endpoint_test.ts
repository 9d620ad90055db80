import assert from "node:assert/strict";
import * as api from "@gitlab-edge/client";
import {
  type Client,
  createClient,
  type Endpoint,
  endpoint,
  getProject,
  getProjectRepositoryFile,
  GitLabHTTPError,
  type ListEndpoint,
  listEndpoint,
  listProjects,
  type ProjectId,
  type StreamEndpoint,
  streamEndpoint,
} from "@gitlab-edge/client";
import { assertError, json, recorder, rejection, thrown } from "./_helpers.ts";

const BASE = "https://gitlab.example.com";

const getProjectThing: Endpoint<[id: ProjectId, thing: string], { verbose?: boolean }, { ok: boolean }> =
  endpoint(
    "GET /projects/:id/things/:thing/detail",
    "getProjectThing",
  );
const listProjectThings: ListEndpoint<[id: ProjectId], { kind?: string }, number> = listEndpoint(
  "GET /projects/:id/things",
  "listProjectThings",
);
const getThingArchive: StreamEndpoint<[id: ProjectId], { sha?: string }> = streamEndpoint(
  "GET /projects/:id/things/archive",
  "getThingArchive",
);

function setup(answer: () => Response = () => json({ ok: true })) {
  const rec = recorder(() => answer());
  return { rec, client: createClient({ baseUrl: BASE, fetch: rec.fetch }) };
}

Deno.test("endpoint(): the function's name is the given name", () => {
  assert.equal(getProjectThing.name, "getProjectThing");
  assert.equal(listProjectThings.name, "listProjectThings");
  assert.equal(getThingArchive.name, "getThingArchive");
});

Deno.test("every exported function's name equals its export name", () => {
  let checked = 0;
  for (const [key, value] of Object.entries(api)) {
    if (typeof value !== "function") continue;
    assert.equal(value.name, key, `export ${key} is named ${value.name}`);
    checked++;
  }
  assert.ok(checked > 30, `only ${checked} functions checked`);
});

Deno.test("endpoint(): builds the URL from the route and sends nothing else", async () => {
  const { rec, client } = setup();
  assert.deepEqual(await getProjectThing(client, "a/b", "x y", { verbose: true }), { ok: true });
  assert.equal(rec.requests[0].url, `${BASE}/api/v4/projects/a%2Fb/things/x%20y/detail?verbose=true`);
  assert.equal(rec.requests[0].method, "GET");
  assert.equal(rec.requests[0].headers.accept, "application/json");
});

Deno.test("endpoint(): per-call options never reach GitLab as parameters", async () => {
  const { rec, client } = setup();
  const controller = new AbortController();
  await getProjectThing(client, 1, "t", {
    verbose: false,
    signal: controller.signal,
    timeout: 5000,
    sudo: "alice",
    headers: { "X-Extra": "1" },
  });
  const url = new URL(rec.requests[0].url);
  assert.deepEqual([...url.searchParams.keys()], ["verbose"]);
  assert.equal(rec.requests[0].headers.sudo, "alice");
  assert.equal(rec.requests[0].headers["x-extra"], "1");
  const list = setup(() => json([1]));
  await listProjectThings(list.client, 1, { kind: "k", maxPages: 1, maxItems: 5, per_page: 10 }).toArray();
  assert.deepEqual([...new URL(list.rec.requests[0].url).searchParams.keys()], ["kind", "per_page"]);
});

Deno.test("endpoint(): wrong argument counts throw TypeError naming the function", () => {
  const { rec, client } = setup();
  const call = getProjectThing as unknown as (...a: unknown[]) => unknown;
  assertError(
    thrown(() => call(client)),
    TypeError,
    "getProjectThing()",
    "expected (client, id, thing, options?)",
  );
  assertError(thrown(() => call(client, 1)), TypeError, "getProjectThing()");
  assertError(thrown(() => call(client, 1, "t", {}, {})), TypeError, "getProjectThing()");
  const get = getProject as unknown as (...a: unknown[]) => unknown;
  assertError(thrown(() => get(client)), TypeError, "getProject()");
  assertError(thrown(() => get(client, 1, {}, 2)), TypeError, "getProject()");
  assert.equal(rec.requests.length, 0);
});

Deno.test("endpoint(): a first argument that is not a client is refused", () => {
  const call = getProject as unknown as (...a: unknown[]) => unknown;
  for (const notClient of [undefined, null, "https://gitlab.example.com", 1, {}, { baseUrl: 1 }]) {
    assertError(thrown(() => call(notClient, 1)), TypeError, "getProject()", "client");
  }
  assertError(
    thrown(() => (listProjects as unknown as (c: unknown) => unknown)(null)),
    TypeError,
    "listProjects()",
  );
});

Deno.test("endpoint(): an options argument that is not an object is refused", () => {
  const { rec, client } = setup();
  const call = getProject as unknown as (...a: unknown[]) => unknown;
  for (const bad of [null, "x", 5, true, [1], () => {}]) {
    assertError(thrown(() => call(client, 1, bad)), TypeError, "getProject()", "options");
  }
  assert.equal(rec.requests.length, 0);
});

Deno.test("endpoint(): invalid per-call options are refused before sending", () => {
  const { rec, client } = setup();
  assertError(
    thrown(() => getProject(client, 1, { signal: "x" as unknown as AbortSignal })),
    TypeError,
    '"signal"',
  );
  assertError(thrown(() => getProject(client, 1, { timeout: -5 })), RangeError, '"timeout"');
  assertError(
    thrown(() => getProject(client, 1, { headers: "x" as unknown as Record<string, string> })),
    TypeError,
    '"headers"',
  );
  assertError(thrown(() => getProject(client, 1, { headers: { "bad name": "x" } })), TypeError, '"headers"');
  assertError(
    thrown(() => getProject(client, 1, { headers: { "x-a": "a\r\nb: c" } })),
    TypeError,
    '"headers"',
  );
  assert.equal(rec.requests.length, 0);
});

Deno.test("endpoint(): per_page outside 1..100 is a RangeError", () => {
  const { rec, client } = setup(() => json([]));
  for (const per_page of [0, 101, -1, 1.5, NaN, "20" as unknown as number]) {
    assertError(thrown(() => listProjects(client, { per_page })), RangeError, "listProjects()", '"per_page"');
  }
  listProjects(client, { per_page: 1 });
  listProjects(client, { per_page: 100 });
  assert.equal(rec.requests.length, 0, "a list sends nothing until iterated");
});

Deno.test("endpoint(): maxPages and maxItems must be positive integers", () => {
  const { client } = setup(() => json([]));
  for (const bad of [0, -1, 1.5, NaN, "2" as unknown as number]) {
    assertError(
      thrown(() => listProjects(client, { maxPages: bad })),
      RangeError,
      "listProjects()",
      '"maxPages"',
    );
    assertError(
      thrown(() => listProjects(client, { maxItems: bad })),
      RangeError,
      "listProjects()",
      '"maxItems"',
    );
  }
});

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

Deno.test("endpoint(): no path parameter can change the endpoint (property loop over tricky strings)", async () => {
  const fixed = [
    "../../admin",
    "..",
    "../",
    "./.",
    "%2e%2e",
    "%2E%2E%2F",
    "..%2f..%2fusers",
    "a/../../b",
    "?private_token=x",
    "#fragment",
    "a b",
    "a\\..\\b",
    "//evil.example/x",
    "https://evil.example/",
    "\u0000",
    "\r\nHost: evil",
    "日本/語",
    "%",
    "%%32%65",
    ";x=1",
    "@evil",
    ":id",
    "~",
  ];
  const alphabet = [
    "/",
    ".",
    "%",
    "2",
    "e",
    "E",
    "f",
    "?",
    "#",
    "\\",
    " ",
    "a",
    ":",
    "@",
    "&",
    "=",
    "+",
    ";",
    "é",
    "\t",
  ];
  const random = prng(20240601);
  const generated = Array.from({ length: 300 }, () => {
    const n = 1 + Math.floor(random() * 8);
    return Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
  });
  const { rec, client } = setup(() => json({ ok: true }));
  const started = Date.now();
  let checked = 0;
  for (const value of [...fixed, ...generated]) {
    if (value === "" || value === "." || value === "..") {
      assert.throws(() => getProjectThing(client, value, "t"), RangeError);
      assert.throws(() => getProjectThing(client, 1, value), RangeError);
      continue;
    }
    await getProjectThing(client, value, value);
    const sent = rec.requests[rec.requests.length - 1];
    const url = new URL(sent.url);
    assert.equal(url.origin, BASE, value);
    assert.equal(url.search, "", JSON.stringify(value));
    const segments = url.pathname.split("/");
    assert.equal(segments.length, 8, `${JSON.stringify(value)} -> ${url.pathname}`);
    assert.deepEqual([segments[1], segments[2], segments[3], segments[5], segments[7]], [
      "api",
      "v4",
      "projects",
      "things",
      "detail",
    ]);
    assert.equal(decodeURIComponent(segments[4]), value);
    assert.equal(decodeURIComponent(segments[6]), value);
    checked++;
    assert.ok(Date.now() - started < 10_000, "bounded in time");
  }
  assert.ok(checked >= 300);
});

Deno.test("endpoint(): a file path with slashes stays one parameter of getProjectRepositoryFile", async () => {
  const { rec, client } = setup();
  await getProjectRepositoryFile(client, 1, "../../../../users", { ref: "main" });
  assert.equal(
    new URL(rec.requests[0].url).pathname,
    "/api/v4/projects/1/repository/files/..%2F..%2F..%2F..%2Fusers",
  );
});

Deno.test("streamEndpoint(): resolves with the body stream, and rejects with GitLabHTTPError on an error", async () => {
  const ok = setup(() => new Response("ARCHIVE-BYTES"));
  const stream = await getThingArchive(ok.client, 3, { sha: "abc" });
  assert.ok(stream instanceof ReadableStream);
  assert.equal(await new Response(stream).text(), "ARCHIVE-BYTES");
  assert.equal(ok.rec.requests[0].url, `${BASE}/api/v4/projects/3/things/archive?sha=abc`);
  const bad = setup(() => new Response('{"message":"404 File Not Found"}', { status: 404 }));
  const e = await rejection(getThingArchive(bad.client, 3));
  assert.ok(e instanceof GitLabHTTPError);
  assert.equal(e.status, 404);
});

Deno.test("endpoint(): an empty 204 answer resolves with undefined", async () => {
  const { client } = setup(() => new Response(null, { status: 204 }));
  assert.equal(await getProjectThing(client, 1, "x"), undefined);
});

Deno.test("endpoint(): functions work with any client value created later (no hidden state)", async () => {
  const a = setup(() => json({ ok: true }));
  const b = createClient({ baseUrl: "https://other.example/gitlab", fetch: a.rec.fetch });
  await getProjectThing(a.client, 1, "x");
  await getProjectThing(b as Client, 1, "x");
  assert.deepEqual(a.rec.requests.map((r) => new URL(r.url).href.replace(/\/projects.*/, "")), [
    `${BASE}/api/v4`,
    "https://other.example/gitlab/api/v4",
  ]);
});
