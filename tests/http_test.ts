import assert from "node:assert/strict";
import {
  createClient,
  GitLabHTTPError,
  httpDelete,
  httpGet,
  httpHead,
  httpList,
  httpPatch,
  httpPost,
  httpPut,
  httpRequest,
  httpStream,
} from "@gitlab-edge/client";
import { assertError, caught, json, recorder, rejection, status } from "./_helpers.ts";

const BASE = "https://gitlab.example.com";
const API = `${BASE}/api/v4`;

function setup(answer: (url: string, method: string) => Response = () => json({ ok: true })) {
  const rec = recorder((r) => answer(r.url, r.method));
  return { rec, client: createClient({ baseUrl: BASE, token: "glpat-http", fetch: rec.fetch }) };
}

Deno.test("httpGet(): GET with query, parsed JSON", async () => {
  const { rec, client } = setup(() => json({ version: "17.0.0" }));
  assert.deepEqual(await httpGet(client, "/version", { query: { a: [1, 2], h: { k: "v" } } }), {
    version: "17.0.0",
  });
  assert.equal(rec.requests[0].method, "GET");
  assert.equal(decodeURIComponent(rec.requests[0].url), `${API}/version?a[]=1&a[]=2&h[k]=v`);
  assert.equal(rec.requests[0].headers["private-token"], "glpat-http");
  assert.equal(rec.requests[0].body, "");
});

Deno.test("httpGet(): a query string in the path is kept and extended", async () => {
  const { rec, client } = setup();
  await httpGet(client, "/projects?simple=true", { query: { search: "x" } });
  assert.equal(rec.requests[0].url, `${API}/projects?simple=true&search=x`);
});

Deno.test("httpPost/httpPut/httpPatch(): JSON bodies, query kept separate", async () => {
  const { rec, client } = setup(() => json({ id: 7 }, { status: 201 }));
  assert.deepEqual(
    await httpPost(client, "/projects/1/badges", { body: { link_url: "l", image_url: "i" } }),
    { id: 7 },
  );
  await httpPut(client, "/projects/1", { body: { description: "d" }, query: { dry_run: true } });
  await httpPatch(client, "/projects/1/thing", { body: { enabled: false } });
  const [post, put, patch] = rec.requests;
  assert.equal(post.method, "POST");
  assert.equal(post.url, `${API}/projects/1/badges`);
  assert.deepEqual(JSON.parse(post.body), { link_url: "l", image_url: "i" });
  assert.equal(post.headers["content-type"], "application/json");
  assert.equal(put.method, "PUT");
  assert.equal(put.url, `${API}/projects/1?dry_run=true`);
  assert.deepEqual(JSON.parse(put.body), { description: "d" });
  assert.equal(patch.method, "PATCH");
  assert.deepEqual(JSON.parse(patch.body), { enabled: false });
});

Deno.test("httpDelete(): resolves undefined on 204 and sends the query", async () => {
  const { rec, client } = setup(() => status(204));
  assert.equal(await httpDelete(client, "/projects/1/badges/7", { query: { force: true } }), undefined);
  assert.equal(rec.requests[0].method, "DELETE");
  assert.equal(rec.requests[0].url, `${API}/projects/1/badges/7?force=true`);
});

Deno.test("httpHead(): resolves with the headers", async () => {
  const { rec, client } = setup(() => status(200, { "x-total": "42" }));
  const headers = await httpHead(client, "/projects", { query: { owned: true } });
  assert.ok(headers instanceof Headers);
  assert.equal(headers.get("x-total"), "42");
  assert.equal(rec.requests[0].method, "HEAD");
  assert.equal(rec.requests[0].url, `${API}/projects?owned=true`);
});

Deno.test("httpList(): paginates any collection", async () => {
  const { rec, client } = setup((url) =>
    new URL(url).searchParams.get("page") === "2"
      ? json([3])
      : json([1, 2], { headers: { "x-next-page": "2" } })
  );
  assert.deepEqual(await httpList(client, "/projects/1/badges", { query: { per_page: 2 } }).toArray(), [
    1,
    2,
    3,
  ]);
  assert.deepEqual(rec.requests.map((r) => r.url), [
    `${API}/projects/1/badges?per_page=2`,
    `${API}/projects/1/badges?per_page=2&page=2`,
  ]);
});

Deno.test("httpStream(): resolves with the body stream; an empty body gives an empty stream", async () => {
  const { client } = setup((url) => url.endsWith("/empty") ? status(200) : new Response("BYTES"));
  assert.equal(await new Response(await httpStream(client, "/archive")).text(), "BYTES");
  assert.equal(await new Response(await httpStream(client, "/empty")).text(), "");
});

Deno.test("httpRequest(): any method (custom verbs, lower case) and the raw Response", async () => {
  const { rec, client } = setup(() => new Response("raw", { status: 202, headers: { "x-a": "1" } }));
  const response = await httpRequest(client, "purge", "/cache");
  assert.equal(response.status, 202);
  assert.equal(response.headers.get("x-a"), "1");
  assert.equal(await response.text(), "raw");
  assert.equal(rec.requests[0].method, "PURGE");
  await (await httpRequest(client, "OPTIONS", "/projects")).text();
  assert.equal(rec.requests[1].method, "OPTIONS");
});

Deno.test("httpRequest(): a non-2xx answer is a GitLabHTTPError", async () => {
  const { client } = setup(() => status(409, {}, '{"message":"Conflict"}'));
  const e = await rejection(httpRequest(client, "POST", "/x"));
  assert.ok(e instanceof GitLabHTTPError);
  assert.equal(e.status, 409);
  assert.equal(e.method, "POST");
});

Deno.test("httpRequest(): an invalid method is refused before sending", async () => {
  const { rec, client } = setup();
  for (const method of ["", "GE T", "GET\r\n", "G/T", 5]) {
    assertError(
      await caught(() => httpRequest(client, method as string, "/x")),
      TypeError,
      "httpRequest()",
      '"method"',
    );
  }
  assert.equal(rec.requests.length, 0);
});

Deno.test("raw bodies: string, Blob, FormData, Uint8Array, ArrayBuffer and a stream are sent as they are", async () => {
  const { rec, client } = setup();
  const form = new FormData();
  form.append("file", new File(["F"], "f.txt"));
  form.append("name[first]", "x");
  await httpPost(client, "/a", { body: "plain text" });
  await httpPut(client, "/b", { body: new Blob(["blob-bytes"], { type: "application/octet-stream" }) });
  await httpPost(client, "/c", { body: form, query: { tag: "t" } });
  await httpPut(client, "/d", { body: new TextEncoder().encode("u8") });
  await httpPut(client, "/e", { body: new TextEncoder().encode("ab").buffer as ArrayBuffer });
  await httpPut(client, "/f", {
    body: new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode("streamed"));
        c.close();
      },
    }),
    query: { x: 1 },
  });
  const [a, b, c, d, e, f] = rec.requests;
  assert.equal(a.body, "plain text");
  assert.notEqual(a.headers["content-type"], "application/json", "a raw string is not labelled JSON");
  assert.equal(b.body, "blob-bytes");
  assert.equal(b.headers["content-type"], "application/octet-stream");
  assert.equal(c.url, `${API}/c?tag=t`);
  assert.match(c.headers["content-type"], /^multipart\/form-data/);
  assert.match(c.body, /name="name\[first\]"/);
  assert.equal(d.body, "u8");
  assert.equal(e.body, "ab");
  assert.equal(f.body, "streamed");
  assert.equal(f.url, `${API}/f?x=1`);
});

Deno.test("params bodies: a Blob in the params gives multipart with bracketed names", async () => {
  const { rec, client } = setup();
  await httpPost(client, "/projects/1/uploads", {
    body: { file: new File(["Z"], "z.bin"), meta: { k: "v" } },
  });
  const r = rec.requests[0];
  assert.match(r.headers["content-type"], /^multipart\/form-data/);
  assert.match(r.body, /name="file"; filename="z.bin"/);
  assert.match(r.body, /name="meta\[k\]"/);
});

Deno.test("paths: anything that could leave /api/v4 is refused before sending", async () => {
  const { rec, client } = setup();
  const bad = [
    "projects",
    "",
    "https://evil.example/api/v4/x",
    "//evil.example/x",
    "/projects//1",
    "/../admin",
    "/projects/..",
    "/projects/../../x",
    "/projects/%2e%2e/x",
    "/projects/%2E%2E",
    "/projects/.%2e/x",
    "/projects/./x",
    "/a\\..\\b",
    "/a#frag",
    "/a b",
    "/a\tb",
    "/a\nb",
    "/a\u0000",
    "/a?q=#x",
  ];
  const calls = [
    (p: string) => httpGet(client, p),
    (p: string) => httpPost(client, p, { body: { a: 1 } }),
    (p: string) => httpPut(client, p),
    (p: string) => httpPatch(client, p),
    (p: string) => httpDelete(client, p),
    (p: string) => httpHead(client, p),
    (p: string) => httpList(client, p).toArray(),
    (p: string) => httpStream(client, p),
    (p: string) => httpRequest(client, "GET", p),
  ];
  for (const path of bad) {
    for (const call of calls) {
      const e = await caught(() => call(path));
      assert.ok(e instanceof RangeError, `${JSON.stringify(path)}: ${e}`);
      assert.match(e.message, /^http\w+\(\): parameter "path"/);
    }
  }
  for (const notString of [undefined, 5, null, new URL(API)]) {
    assertError(
      await caught(() => httpGet(client, notString as unknown as string)),
      TypeError,
      "httpGet()",
      '"path"',
    );
  }
  assert.equal(rec.requests.length, 0);
});

Deno.test("paths: dots inside a segment and in the query string are fine", async () => {
  const { rec, client } = setup(() => json([]));
  await httpGet(client, "/projects/a.b/files/..x/v1.2.3");
  await httpGet(client, "/search?scope=blobs&search=../x");
  await httpGet(client, "/projects/group%2Fproject");
  assert.deepEqual(rec.requests.map((r) => r.url.slice(API.length)), [
    "/projects/a.b/files/..x/v1.2.3",
    "/search?scope=blobs&search=../x",
    "/projects/group%2Fproject",
  ]);
});

Deno.test("http*(): options must be an object", async () => {
  const { rec, client } = setup();
  for (const bad of [null, "x", 3]) {
    assertError(await caught(() => httpGet(client, "/x", bad as never)), TypeError, "httpGet()", "options");
  }
  assert.equal(rec.requests.length, 0);
});

Deno.test("http*(): per-call sudo, headers and signal are honoured", async () => {
  const { rec, client } = setup();
  await httpGet(client, "/x", {
    sudo: "bob",
    headers: { "X-Req": "1" },
    signal: new AbortController().signal,
  });
  assert.equal(rec.requests[0].headers.sudo, "bob");
  assert.equal(rec.requests[0].headers["x-req"], "1");
  assert.equal(rec.requests[0].url, `${API}/x`);
});

Deno.test("http: query parameters stay in the query string for POST, PUT and PATCH without a body", async () => {
  const rec = recorder(() => json({}));
  const client = createClient({ baseUrl: BASE, fetch: rec.fetch });
  await httpPost(client, "/projects/1/pipeline", { query: { ref: "main" } });
  await httpPut(client, "/projects/1/archive", { query: { dry_run: true } });
  await httpPatch(client, "/projects/1/x", { query: { a: [1, 2] } });
  assert.deepEqual(rec.requests.map((r) => r.url), [
    `${API}/projects/1/pipeline?ref=main`,
    `${API}/projects/1/archive?dry_run=true`,
    `${API}/projects/1/x?a%5B%5D=1&a%5B%5D=2`,
  ]);
  assert.deepEqual(rec.requests.map((r) => r.body), ["", "", ""]);
});

Deno.test("http: per_page in query is checked for every method", async () => {
  const client = createClient({ baseUrl: BASE, fetch: recorder([]).fetch });
  assert.throws(() => httpList(client, "/projects", { query: { per_page: 101 } }), RangeError);
  await assert.rejects(httpPost(client, "/x", { query: { per_page: 0 }, body: { a: 1 } }), RangeError);
});
