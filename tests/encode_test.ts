import assert from "node:assert/strict";
import {
  appendQuery,
  createClient,
  createProject,
  createProjectUpload,
  deleteProjectRepositoryBranch,
  encodeBody,
  encodePathParam,
  getProject,
  getProjectRepositoryBranch,
  getProjectRepositoryFile,
  httpDelete,
  httpGet,
  httpPost,
  listProjectIssues,
  type Params,
} from "@gitlab-edge/client";
import { assertError, caught, json, recorder, thrown } from "./_helpers.ts";

const BASE = "https://gitlab.example.com";

function query(params: Params): string {
  const q = new URLSearchParams();
  appendQuery("fn", q, params);
  return decodeURIComponent(q.toString());
}

Deno.test("encodePathParam(): numbers as is, strings encoded whole", () => {
  assert.equal(encodePathParam("f", "id", 42), "42");
  assert.equal(encodePathParam("f", "id", 0), "0");
  assert.equal(encodePathParam("f", "id", "group/sub/project"), "group%2Fsub%2Fproject");
  assert.equal(encodePathParam("f", "file_path", "src/a b+c.ts"), "src%2Fa%20b%2Bc.ts");
  assert.equal(
    encodePathParam("f", "file_path", "docs/ünïcödé/日本.md"),
    "docs%2F%C3%BCn%C3%AFc%C3%B6d%C3%A9%2F%E6%97%A5%E6%9C%AC.md",
  );
  assert.equal(encodePathParam("f", "branch", "feature/x#1?y=%z"), "feature%2Fx%231%3Fy%3D%25z");
  assert.equal(encodePathParam("f", "branch", "..."), "...");
  assert.equal(encodePathParam("f", "file_path", "../../etc/passwd"), "..%2F..%2Fetc%2Fpasswd");
  assert.equal(encodePathParam("f", "file_path", "😀"), "%F0%9F%98%80");
});

Deno.test("encodePathParam(): refuses empty, dot segments, bad numbers and other types, naming fn and parameter", () => {
  const cases: [unknown, typeof TypeError | typeof RangeError][] = [
    ["", RangeError],
    [".", RangeError],
    ["..", RangeError],
    [NaN, RangeError],
    [-1, RangeError],
    [1.5, RangeError],
    [Infinity, RangeError],
    [2 ** 60, RangeError],
    ["a\uD800b", RangeError],
    ["\uDC00", RangeError],
    [{}, TypeError],
    [[1], TypeError],
    [null, TypeError],
    [undefined, TypeError],
    [true, TypeError],
    [10n, TypeError],
    [Symbol("x"), TypeError],
  ];
  for (const [value, type] of cases) {
    assertError(
      thrown(() => encodePathParam("getThing", "thing_id", value)),
      type,
      "getThing()",
      '"thing_id"',
    );
  }
});

Deno.test("path parameters: encoded in the request URL, refused before any request", () => {
  const rec = recorder(() => json({}));
  const client = createClient({ baseUrl: BASE, fetch: rec.fetch });
  const bad: unknown[] = ["", ".", "..", NaN, -5, 2.5, {}, "x\uD800", null];
  for (const value of bad) {
    const e = thrown(() => getProject(client, value as number));
    assert.ok(e instanceof TypeError || e instanceof RangeError, String(value));
    assert.match((e as Error).message, /^getProject\(\): parameter "id"/);
    const f = thrown(() => getProjectRepositoryFile(client, 1, value as string, { ref: "main" }));
    assert.match((f as Error).message, /^getProjectRepositoryFile\(\): parameter "file_path"/);
  }
  assert.equal(rec.requests.length, 0);
});

Deno.test("path parameters: project paths, file paths and branch names reach the right URL", async () => {
  const rec = recorder(() => json({}));
  const client = createClient({ baseUrl: BASE, fetch: rec.fetch });
  await getProject(client, "group/sub/project");
  await getProject(client, 7);
  await getProjectRepositoryFile(client, "acme/web", "src/a b+c.ts", { ref: "feature/x" });
  await getProjectRepositoryFile(client, 1, "docs/日本.md", { ref: "main" });
  await getProjectRepositoryBranch(client, 1, "feature/a#b?c%d");
  await deleteProjectRepositoryBranch(client, 1, "release/1.0");
  assert.deepEqual(rec.requests.map((r) => r.method + " " + r.url.slice(BASE.length)), [
    "GET /api/v4/projects/group%2Fsub%2Fproject",
    "GET /api/v4/projects/7",
    "GET /api/v4/projects/acme%2Fweb/repository/files/src%2Fa%20b%2Bc.ts?ref=feature%2Fx",
    "GET /api/v4/projects/1/repository/files/docs%2F%E6%97%A5%E6%9C%AC.md?ref=main",
    "GET /api/v4/projects/1/repository/branches/feature%2Fa%23b%3Fc%25d",
    "DELETE /api/v4/projects/1/repository/branches/release%2F1.0",
  ]);
});

Deno.test("appendQuery(): arrays, hashes, arrays of hashes and nested hashes use Rails names", () => {
  assert.equal(query({ labels: ["bug", "ui"] }), "labels[]=bug&labels[]=ui");
  assert.equal(query({ h: { k: "v", n: 1 } }), "h[k]=v&h[n]=1");
  assert.equal(
    query({ variables: [{ key: "A", value: "1" }, { key: "B", value: "2" }] }),
    "variables[][key]=A&variables[][value]=1&variables[][key]=B&variables[][value]=2",
  );
  assert.equal(query({ not: { labels: ["wontfix", "dup"] } }), "not[labels][]=wontfix&not[labels][]=dup");
  assert.equal(query({ labels: [] }), "");
});

Deno.test("appendQuery(): scalars: booleans, numbers, bigint, Date, undefined, null", () => {
  assert.equal(
    query({ a: true, b: false, n: 0, f: 1.5, big: 12345678901234567890n }),
    "a=true&b=false&n=0&f=1.5&big=12345678901234567890",
  );
  assert.equal(
    query({ since: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)) }),
    "since=2024-01-02T03:04:05.006Z",
  );
  assert.equal(query({ a: undefined, b: "x", c: [undefined, "y"] }), "b=x&c[]=y");
  assert.equal(query({ milestone: null }), "milestone=");
});

Deno.test("appendQuery(): + and other reserved characters are percent-encoded", () => {
  const q = new URLSearchParams();
  appendQuery("fn", q, { search: "a+b c&d=e#f", created_after: "2024-01-01T00:00:00+02:00" });
  assert.equal(q.toString(), "search=a%2Bb+c%26d%3De%23f&created_after=2024-01-01T00%3A00%3A00%2B02%3A00");
  assert.equal(q.get("created_after"), "2024-01-01T00:00:00+02:00");
});

Deno.test("appendQuery(): refuses non-finite numbers, invalid dates, functions and blobs, naming fn and parameter", () => {
  const q = new URLSearchParams();
  const cases: [Params, typeof TypeError | typeof RangeError, string][] = [
    [{ n: NaN }, RangeError, '"n"'],
    [{ n: Infinity }, RangeError, '"n"'],
    [{ d: new Date("nope") }, RangeError, '"d"'],
    [{ h: { x: [NaN] } }, RangeError, '"h[x][]"'],
    [{ f: (() => 1) as unknown as string }, TypeError, '"f"'],
    [{ s: Symbol("s") as unknown as string }, TypeError, '"s"'],
    [{ file: new Blob(["x"]) }, TypeError, '"file"'],
    [{ m: new Map() as unknown as string }, TypeError, '"m"'],
  ];
  for (const [params, type, name] of cases) {
    assertError(thrown(() => appendQuery("listThings", q, params)), type, "listThings()", name);
  }
});

Deno.test("encodeBody(): JSON with Date, bigint, null and nested values", () => {
  const body = encodeBody("createThing", {
    name: "x",
    due: new Date(Date.UTC(2024, 5, 1)),
    big: 9007199254740993n,
    none: null,
    skip: undefined,
    nested: { list: [1, "a"] },
  });
  assert.equal(typeof body, "string");
  assert.deepEqual(JSON.parse(body as string), {
    name: "x",
    due: "2024-06-01T00:00:00.000Z",
    big: "9007199254740993",
    none: null,
    nested: { list: [1, "a"] },
  });
});

Deno.test("encodeBody(): refuses NaN, invalid dates and functions", () => {
  assertError(thrown(() => encodeBody("createThing", { n: NaN })), RangeError, "createThing()", '"n"');
  assertError(
    thrown(() => encodeBody("createThing", { d: new Date(NaN) })),
    RangeError,
    "createThing()",
    '"d"',
  );
  assertError(
    thrown(() => encodeBody("createThing", { f: (() => 0) as unknown as string })),
    TypeError,
    "createThing()",
    '"f"',
  );
});

Deno.test("encodeBody(): FormData with bracketed names when a Blob is present", () => {
  const file = new File(["hello"], "notes.txt", { type: "text/plain" });
  const form = encodeBody("uploadThing", {
    file,
    meta: { a: "1", deep: { b: true } },
    tags: ["x", "y"],
    vars: [{ key: "K", value: "V" }],
    none: null,
    skip: undefined,
  });
  assert.ok(form instanceof FormData);
  const entries = [...form.entries()].map((
    [k, v],
  ) => [k, typeof v === "string" ? v : `file:${(v as File).name}`]);
  assert.deepEqual(entries, [
    ["file", "file:notes.txt"],
    ["meta[a]", "1"],
    ["meta[deep][b]", "true"],
    ["tags[]", "x"],
    ["tags[]", "y"],
    ["vars[][key]", "K"],
    ["vars[][value]", "V"],
    ["none", ""],
  ]);
  const nested = encodeBody("uploadThing", { attachments: [new Blob(["a"])] });
  assert.ok(nested instanceof FormData);
  assert.equal((nested.get("attachments[]") as File).name, "blob");
});

Deno.test("request bodies: POST/PUT/PATCH send JSON with content-type; GET/DELETE send params in the query", async () => {
  const rec = recorder((r) => json(r.url.includes("/issues") ? [] : {}));
  const client = createClient({ baseUrl: BASE, fetch: rec.fetch });
  await createProject(client, { name: "demo", topics: ["a", "b"], initialize_with_readme: true });
  await listProjectIssues(client, 1, { labels: ["bug"], not: { labels: ["wontfix"] }, confidential: false })
    .toArray();
  await httpDelete(client, "/projects/1/badges/2", { query: { force: true } });
  await httpGet(client, "/search", { query: { scope: "projects", search: "a+b" } });
  const [post, list, del, get] = rec.requests;
  assert.equal(post.method, "POST");
  assert.equal(post.url, `${BASE}/api/v4/projects`);
  assert.equal(post.headers["content-type"], "application/json");
  assert.deepEqual(JSON.parse(post.body), { name: "demo", topics: ["a", "b"], initialize_with_readme: true });
  assert.equal(list.body, "");
  assert.equal(
    decodeURIComponent(new URL(list.url).search),
    "?labels[]=bug&not[labels][]=wontfix&confidential=false",
  );
  assert.equal(del.method, "DELETE");
  assert.equal(del.url, `${BASE}/api/v4/projects/1/badges/2?force=true`);
  assert.equal(del.body, "");
  assert.equal(get.url, `${BASE}/api/v4/search?scope=projects&search=a%2Bb`);
});

Deno.test("request bodies: a Blob parameter becomes a multipart upload", async () => {
  const rec = recorder(() => json({ markdown: "x" }, { status: 201 }));
  const client = createClient({ baseUrl: BASE, fetch: rec.fetch });
  await createProjectUpload(client, 1, { file: new File(["PNGDATA"], "shot.png", { type: "image/png" }) });
  const r = rec.requests[0];
  assert.equal(r.method, "POST");
  assert.match(r.headers["content-type"], /^multipart\/form-data; boundary=/);
  assert.match(r.body, /name="file"; filename="shot.png"/);
  assert.match(r.body, /PNGDATA/);
});

Deno.test("request bodies: a POST with no parameters has no body", async () => {
  const rec = recorder(() => json({}));
  await httpPost(createClient({ baseUrl: BASE, fetch: rec.fetch }), "/projects/1/star");
  assert.equal(rec.requests[0].body, "");
  assert.equal(rec.requests[0].headers["content-type"], undefined);
});

Deno.test("request bodies: a bad value fails before sending, naming the function", async () => {
  const rec = recorder(() => json({}));
  const client = createClient({ baseUrl: BASE, fetch: rec.fetch });
  assertError(
    thrown(() => createProject(client, { name: "x", namespace_id: NaN })),
    RangeError,
    "createProject()",
    "namespace_id",
  );
  assertError(
    await caught(() => httpPost(client, "/x", { body: { when: new Date("bad") } })),
    RangeError,
    "httpPost()",
    "when",
  );
  assert.equal(rec.requests.length, 0);
});
