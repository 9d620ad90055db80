/**
 * Hostile input, property-based (fast-check, fixed seed): no path parameter, query key or value, option
 * object or raw path can make the client call another endpoint or host than the one named, and every
 * refusal is a TypeError or RangeError naming the function and the parameter, thrown before any request.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  type Client,
  createClient,
  createProjectRepositoryBranch,
  deleteProjectRepositoryBranch,
  editProjectIssue,
  getProject,
  getProjectIssue,
  getProjectRepositoryBranch,
  getProjectRepositoryFile,
  getProjectRepositoryFileRaw,
  getUser,
  httpGet,
  httpRequest,
  listGroupSubgroups,
  listProjectIssues,
  listProjects,
  listUserProjects,
} from "@gitlab-edge/client";

const SEED = 0x5eed_2024;
const RUNS = 1000;
let cases = 0;
/** Per property: cases sent and cases refused, to show no property is vacuous. */
const sentBy: Record<string, [sent: number, refused: number]> = {};
function tally(property: string, sent: boolean): void {
  const t = (sentBy[property] ??= [0, 0]);
  t[sent ? 0 : 1]++;
}

const BASE = "https://gitlab.example.com/gitlab";
const ORIGIN = "https://gitlab.example.com";
const API = "/gitlab/api/v4";

/** A client that records every request URL and answers 200 `[]` (lists) or `{}`. */
function recordingClient(): { client: Client; urls: string[] } {
  const urls: string[] = [];
  const client = createClient({
    baseUrl: BASE,
    token: "glpat-hostile",
    retry: false,
    fetch: (r) => {
      urls.push(r.url);
      const list = /\/(projects|issues|subgroups)$/.test(new URL(r.url).pathname);
      return Promise.resolve(
        new Response(list ? "[]" : "{}", { headers: { "content-type": "application/json" } }),
      );
    },
  });
  return { client, urls };
}

// --- arbitraries ----------------------------------------------------------------------------------

const PIECES = [
  "..",
  ".",
  "/",
  "%2e",
  "%2E",
  "%2f",
  "%2F",
  "%252e",
  "?",
  "#",
  "&",
  "=",
  "\\",
  "%",
  "@",
  ":",
  " ",
  "\t",
  "\n",
  "\r",
  "\0",
  "\x7f",
  "\u0085",
  "\u2028",
  "\uFEFF",
  "é",
  "🦊",
  "\uD800",
  "\uDC00",
  "．",
  "//evil.example",
  "http://evil.example/",
  "https:",
  "../admin",
  "..%2f..%2fadmin",
  "projects",
  "api/v4",
  "[]",
  "[x]",
];

/** Strings built to escape: dot segments, separators, encodings, control and odd Unicode, mixed with noise. */
const hostileString = fc.oneof(
  fc.constantFrom(...PIECES),
  fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 3 })), { minLength: 1, maxLength: 8 })
    .map((a) => a.join("")),
  fc.string({ unit: "binary", maxLength: 12 }),
);

/** Anything a caller could pass where a path parameter goes. */
const hostileParam = fc.oneof(
  { weight: 6, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 1_000_000 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      0,
      -0,
      1.5,
      NaN,
      Infinity,
      -1,
      2 ** 53,
      1n,
      null,
      undefined,
      true,
      {},
      [],
      ["a"],
      () => 1,
    ),
  },
);

/** Values for GitLab parameters, including types the encoder must refuse. */
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constantFrom<unknown>(
      null,
      undefined,
      new Date(0),
      new Date(NaN),
      10n,
      Symbol("s"),
      () => 0,
      new Blob(["x"]),
    ),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(hostileString, tie("value"), { maxKeys: 3 }),
  ),
})).value;

const CALL_OPTIONS = ["signal", "timeout", "sudo", "headers", "maxPages", "maxItems"];
const hostileKey = fc.oneof({ weight: 5, arbitrary: hostileString }, {
  weight: 1,
  arbitrary: fc.constantFrom(...CALL_OPTIONS, "per_page", "page", "__proto__", "constructor", "toString"),
});
const hostileOptions = fc.dictionary(hostileKey, hostileValue, { maxKeys: 4 });

// --- checks -----------------------------------------------------------------------------------------

function hasLoneSurrogate(s: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

/** A refusal: TypeError or RangeError, message `fn(): …` naming one of `names`. */
function assertRefusal(error: unknown, fn: string, names: readonly string[]): void {
  assert.ok(
    error instanceof TypeError || error instanceof RangeError,
    `${fn}: not a TypeError/RangeError: ${String(error)}`,
  );
  assert.ok(
    error.message.startsWith(`${fn}(): `),
    `${fn}: message does not name the function: ${error.message}`,
  );
  assert.ok(
    names.some((n) => error.message.includes(`"${n}`)) || error.message.includes("options argument") ||
      /expected \(client/.test(error.message),
    `${fn}: message names none of ${JSON.stringify(names)}: ${error.message}`,
  );
}

/** Calls `run` and classifies: refused synchronously or asynchronously (with no request), or sent. */
async function attempt(run: () => unknown, urls: string[]): Promise<{ error?: unknown; sent: boolean }> {
  const before = urls.length;
  let result: unknown;
  try {
    result = run();
  } catch (error) {
    assert.equal(urls.length, before, "a request was sent before the refusal");
    return { error, sent: false };
  }
  try {
    if (result && typeof result === "object" && "toArray" in result) {
      await (result as { toArray(): Promise<unknown> }).toArray();
    } else await result;
  } catch (error) {
    if (urls.length === before) return { error, sent: false };
    throw error;
  }
  return { sent: urls.length > before };
}

interface RouteCase {
  readonly fn: string;
  readonly route: string;
  readonly call: (client: Client, args: unknown[]) => unknown;
  readonly options?: Record<string, unknown>;
}

const ROUTES: readonly RouteCase[] = [
  {
    fn: "getProject",
    route: "/projects/:id",
    call: (c, a) => (getProject as (...x: unknown[]) => unknown)(c, ...a),
  },
  {
    fn: "getProjectIssue",
    route: "/projects/:id/issues/:issue_iid",
    call: (c, a) => (getProjectIssue as (...x: unknown[]) => unknown)(c, ...a),
  },
  {
    fn: "editProjectIssue",
    route: "/projects/:id/issues/:issue_iid",
    call: (c, a) => (editProjectIssue as (...x: unknown[]) => unknown)(c, ...a),
    options: { title: "t" },
  },
  {
    fn: "listProjectIssues",
    route: "/projects/:id/issues",
    call: (c, a) => (listProjectIssues as (...x: unknown[]) => unknown)(c, ...a),
    options: { maxPages: 1 },
  },
  {
    fn: "getProjectRepositoryBranch",
    route: "/projects/:id/repository/branches/:branch",
    call: (c, a) => (getProjectRepositoryBranch as (...x: unknown[]) => unknown)(c, ...a),
  },
  {
    fn: "deleteProjectRepositoryBranch",
    route: "/projects/:id/repository/branches/:branch",
    call: (c, a) => (deleteProjectRepositoryBranch as (...x: unknown[]) => unknown)(c, ...a),
  },
  {
    fn: "createProjectRepositoryBranch",
    route: "/projects/:id/repository/branches",
    call: (c, a) => (createProjectRepositoryBranch as (...x: unknown[]) => unknown)(c, ...a),
    options: { branch: "b", ref: "main" },
  },
  {
    fn: "getProjectRepositoryFile",
    route: "/projects/:id/repository/files/:file_path",
    call: (c, a) => (getProjectRepositoryFile as (...x: unknown[]) => unknown)(c, ...a),
    options: { ref: "main" },
  },
  {
    fn: "getProjectRepositoryFileRaw",
    route: "/projects/:id/repository/files/:file_path/raw",
    call: (c, a) => (getProjectRepositoryFileRaw as (...x: unknown[]) => unknown)(c, ...a),
  },
  {
    fn: "listGroupSubgroups",
    route: "/groups/:id/subgroups",
    call: (c, a) => (listGroupSubgroups as (...x: unknown[]) => unknown)(c, ...a),
    options: { maxPages: 1 },
  },
  {
    fn: "listUserProjects",
    route: "/users/:user_id/projects",
    call: (c, a) => (listUserProjects as (...x: unknown[]) => unknown)(c, ...a),
    options: { maxPages: 1 },
  },
  {
    fn: "getUser",
    route: "/users/:user_id",
    call: (c, a) => (getUser as (...x: unknown[]) => unknown)(c, ...a),
  },
];

/** Asserts `url` is exactly `route` under the API root with `values` in the parameter slots. */
function assertSameEndpoint(url: string, route: string, values: readonly unknown[]): void {
  const u = new URL(url);
  assert.equal(u.origin, ORIGIN, `request left the origin: ${url}`);
  assert.ok(u.pathname.startsWith(API + "/"), `request left the API root: ${url}`);
  assert.equal(u.hash, "");
  const want = (API + route).split("/");
  const got = u.pathname.split("/");
  assert.equal(got.length, want.length, `segment count changed: ${u.pathname} for ${route}`);
  let p = 0;
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(":")) {
      assert.equal(
        decodeURIComponent(got[i]),
        String(values[p++]),
        `parameter ${want[i]} did not land in its slot: ${url}`,
      );
    } else assert.equal(got[i], want[i], `static segment changed: ${url}`);
  }
}

// --- properties -------------------------------------------------------------------------------------

Deno.test("hostile input: path parameters never change the endpoint or the host; refusals name function and parameter", async () => {
  const { client, urls } = recordingClient();
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...ROUTES),
      fc.array(hostileParam, { minLength: 2, maxLength: 2 }),
      async (rc, pool) => {
        cases++;
        const names = [...rc.route.matchAll(/:([a-z_]+)/g)].map((m) => m[1]);
        const values = pool.slice(0, names.length);
        const before = urls.length;
        const { error, sent } = await attempt(() => rc.call(client, [...values, rc.options]), urls);
        tally("path parameters", sent);
        if (!sent) return assertRefusal(error, rc.fn, names);
        assert.equal(urls.length, before + 1);
        assertSameEndpoint(urls[urls.length - 1], rc.route, values);
      },
    ),
    { seed: SEED, numRuns: RUNS * 2 },
  );
});

Deno.test("hostile input: query keys and values never change the endpoint; strings arrive verbatim", async () => {
  const { client, urls } = recordingClient();
  await fc.assert(
    fc.asyncProperty(fc.boolean(), hostileOptions, async (list, options) => {
      cases++;
      const fn = list ? "listProjects" : "getProject";
      const run = list
        ? () => listProjects(client, { ...options, maxPages: 1 } as never)
        : () => getProject(client, 7, options as never);
      const { error, sent } = await attempt(run, urls);
      tally("query", sent);
      if (!sent) return assertRefusal(error, fn, Object.keys(options));
      const u = new URL(urls[urls.length - 1]);
      assert.equal(u.origin, ORIGIN);
      assert.equal(u.pathname, list ? `${API}/projects` : `${API}/projects/7`);
      assert.equal(u.hash, "");
      for (const [k, v] of Object.entries(options)) {
        if (typeof v !== "string" || CALL_OPTIONS.includes(k) || hasLoneSurrogate(k) || hasLoneSurrogate(v)) {
          continue;
        }
        assert.ok(
          u.searchParams.getAll(k).includes(v),
          `query ${JSON.stringify(k)}=${JSON.stringify(v)} did not arrive verbatim: ${u.search}`,
        );
      }
    }),
    { seed: SEED, numRuns: RUNS },
  );
});

Deno.test("hostile input: any options argument is refused by name or sent to the named endpoint", async () => {
  const { client, urls } = recordingClient();
  await fc.assert(
    fc.asyncProperty(
      fc.anything({ maxDepth: 2, withBigInt: true, withDate: true, withMap: true, withNullPrototype: true }),
      async (options) => {
        cases++;
        const { error, sent } = await attempt(
          () => (getProject as (...x: unknown[]) => unknown)(client, "group/project", options),
          urls,
        );
        const keys = options && typeof options === "object" ? Object.keys(options) : [];
        tally("options argument", sent);
        if (!sent) return assertRefusal(error, "getProject", keys);
        const u = new URL(urls[urls.length - 1]);
        assert.equal(u.origin + u.pathname, `${ORIGIN}${API}/projects/group%2Fproject`);
      },
    ),
    { seed: SEED, numRuns: RUNS },
  );
});

Deno.test("hostile input: raw paths of the low-level API stay under /api/v4 of baseUrl's origin", async () => {
  const { client, urls } = recordingClient();
  const rawPath = fc.oneof(hostileString.map((s) => "/" + s), hostileString);
  await fc.assert(
    fc.asyncProperty(
      rawPath,
      fc.constantFrom("GET", "DELETE", "PUT", "get", "G E T", "", "POST\r\n"),
      async (path, method) => {
        cases++;
        const { error, sent } = await attempt(
          () =>
            method === "GET"
              ? httpGet(client, path)
              : httpRequest(client, method, path).then((r) => r.body?.cancel()),
          urls,
        );
        tally("raw paths", sent);
        if (!sent) {
          return assertRefusal(error, method === "GET" ? "httpGet" : "httpRequest", [
            "path",
            "method",
          ]);
        }
        const u = new URL(urls[urls.length - 1]);
        assert.equal(u.origin, ORIGIN);
        assert.ok(u.pathname.startsWith(API + "/"), u.pathname);
        assert.equal(u.hash, "");
        const bare = path.split("?")[0];
        assert.equal(
          u.pathname.split("/").length,
          3 + bare.split("/").length,
          `segments changed: ${path} -> ${u.pathname}`,
        );
        assert.ok(
          !/(^|\/)(\.|%2e){1,2}(\/|$)/i.test(u.pathname),
          `dot segment reached the server: ${u.pathname}`,
        );
      },
    ),
    { seed: SEED, numRuns: RUNS },
  );
});

Deno.test("hostile input: createClient() baseUrl is refused by name or yields a clean API root", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(hostileString, hostileString.map((s) => "https://gitlab.example.com/" + s), fc.webUrl()),
      async (baseUrl) => {
        cases++;
        const urls: string[] = [];
        let client: Client;
        try {
          client = createClient({
            baseUrl,
            fetch: (r) => (urls.push(r.url), Promise.resolve(new Response("{}"))),
          });
        } catch (error) {
          assertRefusal(error, "createClient", ["baseUrl"]);
          tally("baseUrl", false);
          return;
        }
        tally("baseUrl", true);
        assert.ok(client.baseUrl.endsWith("/api/v4"), client.baseUrl);
        const base = new URL(client.baseUrl);
        assert.equal(base.origin, client.origin);
        assert.equal(base.search + base.hash, "");
        await getProject(client, 1);
        assert.deepEqual(urls, [`${client.baseUrl}/projects/1`]);
      },
    ),
    { seed: SEED, numRuns: RUNS },
  );
});

Deno.test("hostile input: property cases run", () => {
  assert.ok(cases >= RUNS * 6, `only ${cases} property cases ran`);
  for (const [name, [sent, refused]] of Object.entries(sentBy)) {
    assert.ok(sent > 0 && refused > 0, `property "${name}" is vacuous: ${sent} sent, ${refused} refused`);
  }
  const detail = Object.entries(sentBy).map(([n, [s, r]]) => `${n}: ${s} sent, ${r} refused`).join("; ");
  console.log(`\nhostile input: ${cases} property cases run (fast-check seed ${SEED}); ${detail}\n`);
});
