import assert from "node:assert/strict";
import process from "node:process";
// From the sources, not the package: the `query…` factories are internal (src/endpoint.ts only).
import { createClient } from "../src/client.ts";
import { appendQuery } from "../src/encode.ts";
import {
  endpoint,
  headEndpoint,
  listEndpoint,
  queryEndpoint,
  queryHeadEndpoint,
  queryListEndpoint,
  queryStreamEndpoint,
  routeOf,
  streamEndpoint,
} from "../src/endpoint.ts";
import { factory } from "../scripts/generate/emit.ts";
import { json, type Recorded, recorder, rejection, thrown } from "./_helpers.ts";

// The `query…` factories (what the generated GET, HEAD and DELETE functions use) leave the body encoder
// out of a bundle, and by default the nesting query writer too (`flatQuery`); with
// `{ encodeQuery: appendQuery }` everything else is the public factories' own behaviour, request for request.

const BASE = "https://gitlab.example.com";
const ROOT = new URL("../", import.meta.url);
const onDeno = typeof (process.versions as Record<string, string | undefined>).deno === "string";

type Fn = (client: unknown, ...args: unknown[]) => Promise<unknown>;
type ListFn = (client: unknown, ...args: unknown[]) => AsyncIterable<unknown>;

/** The requests (and the result) of `call` run with a fresh recording client. */
async function run(
  call: (client: unknown) => Promise<unknown>,
  answer: () => Response = () => json({ ok: true }, { headers: { "x-total": "3" } }),
): Promise<{ requests: Omit<Recorded, "signal">[]; result: unknown }> {
  const rec = recorder(() => answer());
  const client = createClient({ baseUrl: BASE, token: "glpat-secret", fetch: rec.fetch });
  const value = await call(client);
  const result = value instanceof Headers ? Object.fromEntries(value) : value;
  return { requests: rec.requests.map(({ signal: _, ...r }) => r), result };
}

/** The shape the generator gives a route with a map or a nested list among its parameters. */
const NESTED = { encodeQuery: appendQuery };

const OPTIONS = {
  search: "a b",
  labels: ["x", "y"],
  not: { author_id: 3 },
  updated_after: new Date("2025-01-01T00:00:00Z"),
  per_page: 20,
  sudo: "root",
  headers: { "x-custom": "1" },
  timeout: 5_000,
};

Deno.test("queryEndpoint(): a GET call is endpoint()'s, request for request", async () => {
  const route = "GET /projects/:id/things/:thing";
  const pub = endpoint<Fn>(route, "getProjectThing");
  const internal = queryEndpoint<Fn>(route, "getProjectThing", NESTED);
  const flat = queryEndpoint<Fn>(route, "getProjectThing");
  assert.equal(internal.name, "getProjectThing");
  assert.equal(routeOf(internal), route);
  const { not: _, ...plain } = OPTIONS;
  for (const args of [["a/b", "x y"], [1, "t", {}], [7, "t", OPTIONS], [7, "t", plain]]) {
    const want = await run((c) => pub(c, ...args));
    assert.deepEqual(await run((c) => internal(c, ...args)), want);
    // The flat writer writes the same query string, lists included, where nothing is nested.
    if (args[2] !== OPTIONS) assert.deepEqual(await run((c) => flat(c, ...args)), want);
  }
});

Deno.test("queryEndpoint(): the flat writer refuses a map, a list of lists or a blob, naming it, sending nothing", () => {
  const flat = queryEndpoint<Fn>("GET /projects/:id/things", "listThingsFlat");
  const client = createClient({ baseUrl: BASE, fetch: () => Promise.reject(new Error("sent")) });
  const cases: [Record<string, unknown>, string][] = [
    [{ not: { author_id: 3 } }, '"not"'],
    [{ ids: [[1, 2]] }, '"ids[]"'],
    [{ file: new Blob(["x"]) }, '"file"'],
    [{ fn: () => 1 }, '"fn"'],
  ];
  for (const [options, name] of cases) {
    const e = thrown(() => flat(client, 1, options)) as Error;
    assert.ok(e instanceof TypeError, String(e));
    assert.equal(
      e.message,
      `listThingsFlat(): parameter ${name} has an unsupported type: ${
        typeof Object.values(options)[0] === "function"
          ? "function"
          : Array.isArray(Object.values(options)[0])
          ? "an array"
          : `an object (${(Object.values(options)[0] as object).constructor.name})`
      }`,
    );
  }
  const nan = thrown(() => flat(client, 1, { n: [1, NaN] })) as Error;
  assert.ok(nan instanceof RangeError);
  assert.equal(nan.message, 'listThingsFlat(): parameter "n[]" must be a finite number, got NaN');
});

Deno.test("queryEndpoint(): a DELETE call's parameters go in the query string, as with endpoint()", async () => {
  const route = "DELETE /projects/:id/things/:thing";
  const pub = endpoint<Fn>(route, "deleteProjectThing");
  const internal = queryEndpoint<Fn>(route, "deleteProjectThing");
  const answer = () => new Response(null, { status: 204 });
  const want = await run((c) => pub(c, 1, "t", { force: true, ids: [1, 2] }), answer);
  assert.equal(want.requests[0].url, `${BASE}/api/v4/projects/1/things/t?force=true&ids%5B%5D=1&ids%5B%5D=2`);
  assert.equal(want.requests[0].body, "");
  assert.deepEqual(await run((c) => internal(c, 1, "t", { force: true, ids: [1, 2] }), answer), want);
});

Deno.test("queryEndpoint(): the same refusals as endpoint(), before anything is sent", async () => {
  const pub = endpoint<Fn>("GET /projects/:id", "getProjectX");
  const internal = queryEndpoint<Fn>("GET /projects/:id", "getProjectX", NESTED);
  const client = createClient({ baseUrl: BASE, fetch: () => Promise.reject(new Error("sent")) });
  const bad: unknown[][] = [
    [null, 1],
    [client],
    [client, 1, {}, {}],
    [client, ""],
    [client, 1.5],
    [client, 1, "options"],
    [client, 1, { per_page: 101 }],
    [client, 1, { signal: "no" }],
    [client, 1, { file: new Blob(["x"]) }],
    [client, 1, { n: NaN }],
  ];
  for (const args of bad) {
    const a = thrown(() => pub(args[0], ...args.slice(1))) as Error;
    const b = thrown(() => internal(args[0], ...args.slice(1))) as Error;
    assert.ok(a instanceof Error, `endpoint() refuses argument list #${bad.indexOf(args)}`);
    assert.equal(b.constructor, a.constructor);
    assert.equal(b.message, a.message);
  }
  // What GitLab answers is handled alike.
  const failing = createClient({
    baseUrl: BASE,
    fetch: () => Promise.resolve(json({ message: "404 Project Not Found" }, { status: 404 })),
    retry: false,
  });
  const a = (await rejection(pub(failing, 9))) as Error;
  const b = (await rejection(internal(failing, 9))) as Error;
  assert.equal(b.constructor, a.constructor);
  assert.equal(b.message, a.message);
});

Deno.test("queryListEndpoint(): pages, and keyset pagination, as listEndpoint()", async () => {
  const route = "GET /projects/:id/things";
  const keyset = { keyset: { order_by: ["id"], sort: ["asc", "desc"] } };
  let page = 0;
  const answer = () => {
    page++;
    const link = page % 2 === 1
      ? `<${BASE}/api/v4/projects/1/things?id_after=2&pagination=keyset>; rel="next"`
      : "";
    return json([page], { headers: link ? { link } : {} });
  };
  for (const shape of [undefined, keyset]) {
    const pub = listEndpoint<ListFn>(route, "listProjectThings", shape);
    const internal = queryListEndpoint<ListFn>(route, "listProjectThings", shape);
    const nested = queryListEndpoint<ListFn>(route, "listProjectThings", { ...shape, ...NESTED });
    const collect = async (fn: ListFn, c: unknown) => {
      const items: unknown[] = [];
      for await (const item of fn(c, 1, { search: "s", maxPages: 5 })) items.push(item);
      return items;
    };
    page = 0;
    const want = await run((c) => collect(pub, c), answer);
    assert.equal(want.requests.length, 2);
    page = 0;
    assert.deepEqual(await run((c) => collect(internal, c), answer), want);
    page = 0;
    assert.deepEqual(await run((c) => collect(nested, c), answer), want);
  }
});

Deno.test("queryStreamEndpoint() and queryHeadEndpoint(): as streamEndpoint() and headEndpoint()", async () => {
  const text = async (p: Promise<unknown>) => await new Response(await p as ReadableStream).text();
  const stream = "GET /projects/:id/things/archive";
  const want = await run((c) => text(streamEndpoint<Fn>(stream, "getThingArchive")(c, 1, { sha: "main" })));
  assert.deepEqual(want.result, '{"ok":true}');
  assert.deepEqual(
    await run((c) => text(queryStreamEndpoint<Fn>(stream, "getThingArchive")(c, 1, { sha: "main" }))),
    want,
  );
  const head = "HEAD /projects/:id/things/:thing";
  const answer = () => new Response(null, { headers: { "x-total": "3" } });
  const heads = await run((c) => headEndpoint<Fn>(head, "headThing")(c, 1, "t", { ref: "main" }), answer);
  assert.equal((heads.result as Record<string, string>)["x-total"], "3");
  assert.deepEqual(
    await run((c) => queryHeadEndpoint<Fn>(head, "headThing")(c, 1, "t", { ref: "main" }), answer),
    heads,
  );
});

Deno.test("endpoint(): any method still sends its parameters as a JSON or multipart body", async () => {
  const create = endpoint<Fn>("POST /projects/:id/things", "createProjectThing", { query: ["ref"] });
  const sent = await run((c) => create(c, 1, { ref: "main", name: "n", when: new Date(0) }));
  assert.equal(sent.requests[0].url, `${BASE}/api/v4/projects/1/things?ref=main`);
  assert.equal(sent.requests[0].headers["content-type"], "application/json");
  assert.equal(sent.requests[0].body, '{"name":"n","when":"1970-01-01T00:00:00.000Z"}');
  const upload = await run((c) => create(c, 1, { file: new File(["x"], "a.txt") }));
  assert.match(upload.requests[0].headers["content-type"], /^multipart\/form-data; boundary=/);
  for (const fn of [headEndpoint, streamEndpoint]) {
    const f = fn<Fn>("PUT /things", "putThings");
    const rec = recorder(() => json([]));
    await f(createClient({ baseUrl: BASE, fetch: rec.fetch }), { name: "n" });
    assert.equal(rec.requests[0].body, '{"name":"n"}', fn.name);
  }
  // A list reads its pages with GET, but its parameters are encoded as a body still (a Blob is taken).
  const list = listEndpoint<ListFn>("PUT /things", "putThings");
  const client = createClient({ baseUrl: BASE, fetch: () => Promise.resolve(json([])) });
  list(client, { file: new Blob(["x"]) });
  assert.match(
    String(
      thrown(() => queryListEndpoint<ListFn>("GET /things", "x", NESTED)(client, { file: new Blob([]) })),
    ),
    /is a Blob/,
  );
});

Deno.test("generator: the routes that never send a body get the query… factories, the others the public ones", () => {
  const row = (method: string, kind: "list" | "one" | "none" | "stream" | "head", required = false) =>
    factory({ method, kind, params: required ? [{ name: "x", in: "query", type: "string", required }] : [] });
  assert.deepEqual(row("GET", "one"), { type: "Endpoint", fn: "queryEndpoint" });
  assert.deepEqual(row("GET", "one", true), { type: "EndpointWith", fn: "queryEndpoint" });
  assert.deepEqual(row("DELETE", "none"), { type: "Endpoint", fn: "queryEndpoint" });
  assert.deepEqual(row("GET", "list"), { type: "ListEndpoint", fn: "queryListEndpoint" });
  assert.deepEqual(row("GET", "stream"), { type: "StreamEndpoint", fn: "queryStreamEndpoint" });
  assert.deepEqual(row("HEAD", "head"), { type: "Endpoint", fn: "queryHeadEndpoint" });
  assert.deepEqual(row("POST", "one", true), { type: "EndpointWith", fn: "endpoint" });
  assert.deepEqual(row("PUT", "none"), { type: "Endpoint", fn: "endpoint" });
  assert.deepEqual(row("PATCH", "one"), { type: "Endpoint", fn: "endpoint" });
  assert.deepEqual(row("POST", "stream"), { type: "StreamEndpoint", fn: "streamEndpoint" });
});

Deno.test({
  name: "src/resources/: every function of a route that may send a body is made by a public factory",
  ignore: !onDeno,
}, async () => {
  let checked = 0;
  for (const entry of Deno.readDirSync(new URL("src/resources/", ROOT))) {
    if (!entry.name.endsWith(".ts")) continue;
    const source = await Deno.readTextFile(new URL(`src/resources/${entry.name}`, ROOT));
    for (const m of source.matchAll(/\/\* @__PURE__ \*\/ (\w+)\(\s*"([A-Z]+) /g)) {
      const [, fn, method] = m;
      const query = method === "GET" || method === "HEAD" || method === "DELETE";
      assert.equal(fn.startsWith("query"), query, `${entry.name}: ${fn}("${method} …")`);
      checked++;
    }
  }
  assert.ok(checked > 1000, `only ${checked} functions checked`);
});

Deno.test("src/resources/: a route with a map or a nested list among its parameters writes them; the others refuse one", async () => {
  const { listProjectIssues } = await import("../src/resources/issues.ts");
  const { getProject, listProjects } = await import("../src/resources/projects.ts");
  const sent = await run(async (c) => {
    const items = [];
    for await (
      const item of listProjectIssues(c as never, 1, { not: { labels: ["wontfix"] }, maxPages: 1 })
    ) {
      items.push(item);
    }
    return items;
  }, () => json([]));
  assert.equal(
    decodeURIComponent(new URL(sent.requests[0].url).search),
    "?not[labels][]=wontfix",
  );
  // listProjects takes lists (`topic[]=`), no maps: the flat writer sends the list.
  const topics = await run(async (c) => {
    for await (const _ of listProjects(c as never, { topic: ["api", "cli"], maxPages: 1 })) { /* none */ }
  }, () => json([]));
  assert.match(decodeURIComponent(topics.requests[0].url), /\?topic\[\]=api&topic\[\]=cli/);
  const client = createClient({ baseUrl: BASE, fetch: () => Promise.reject(new Error("sent")) });
  const e = thrown(() => getProject(client, 1, { statistics: { deep: true } } as never)) as Error;
  assert.ok(e instanceof TypeError);
  assert.equal(e.message, 'getProject(): parameter "statistics" has an unsupported type: an object (Object)');
});
