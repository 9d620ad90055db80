import assert from "node:assert/strict";
import { createClient, GitLabError, httpGet, httpPost, httpPut, httpRequest } from "@gitlab-edge/client";
import { json, type Recorded, recorder, rejection, status } from "../_helpers.ts";

const TOKEN = "glpat-Redirect-SECRET-55aa";
const BASE = "https://gitlab.example.com";

function client(fetch: (r: Request) => Promise<Response>) {
  return createClient({ baseUrl: BASE, token: TOKEN, retry: false, fetch });
}

Deno.test("redirects: same-origin 301, 302, 307 and 308 are followed with credentials", async () => {
  for (const code of [301, 302, 307, 308]) {
    const rec = recorder((r) =>
      r.url.endsWith("/old") ? status(code, { location: "/api/v4/new" }) : json({ code })
    );
    assert.deepEqual(await httpGet(client(rec.fetch), "/old"), { code });
    assert.deepEqual(
      rec.requests.map((r) => r.url),
      [`${BASE}/api/v4/old`, `${BASE}/api/v4/new`],
      String(code),
    );
    assert.equal(rec.requests[1].headers["private-token"], TOKEN, String(code));
    assert.equal(rec.requests[1].method, "GET");
  }
});

Deno.test("redirects: a relative Location resolves against the current URL", async () => {
  const rec = recorder((r) => r.url.endsWith("/a/old") ? status(302, { location: "new?x=1" }) : json({}));
  await httpGet(client(rec.fetch), "/a/old");
  assert.equal(rec.requests[1].url, `${BASE}/api/v4/a/new?x=1`);
});

Deno.test("redirects: a cross-origin redirect is followed without credentials", async () => {
  const rec = recorder((r) =>
    r.url.startsWith(BASE) ? status(302, { location: "https://objects.example.org/blob" }) : json("ok")
  );
  assert.equal(await httpGet(client(rec.fetch), "/projects/1/export/download"), "ok");
  assert.equal(rec.requests[1].url, "https://objects.example.org/blob");
  assert.equal(rec.requests[1].headers["private-token"], undefined);
});

Deno.test("redirects: a redirect back to the base origin gets credentials again", async () => {
  const rec = recorder((_r, i) =>
    i === 0
      ? status(302, { location: "https://sso.example.org/hop" })
      : i === 1
      ? status(302, { location: `${BASE}/api/v4/final` })
      : json({})
  );
  await httpGet(client(rec.fetch), "/start");
  assert.deepEqual(rec.requests.map((r) => r.headers["private-token"]), [TOKEN, undefined, TOKEN]);
});

Deno.test("redirects: https to http is refused", async () => {
  const rec = recorder([status(301, { location: "http://gitlab.example.com/api/v4/x" })]);
  const e = await rejection(httpGet(client(rec.fetch), "/x"));
  assert.ok(e instanceof GitLabError);
  assert.match(e.message, /https: to http:/);
  assert.equal(rec.requests.length, 1);
});

Deno.test("redirects: a redirect to a non-http scheme is refused", async () => {
  const rec = recorder([status(302, { location: "file:///etc/passwd" })]);
  const e = await rejection(httpGet(client(rec.fetch), "/x"));
  assert.ok(e instanceof GitLabError);
  assert.equal(rec.requests.length, 1);
});

Deno.test("redirects: five hops are followed, a sixth is refused", async () => {
  const hops = (n: number) => (_r: Recorded, i: number) =>
    i < n ? status(302, { location: `/api/v4/hop${i + 1}` }) : json({ i });
  const ok = recorder(hops(5));
  assert.deepEqual(await httpGet(client(ok.fetch), "/hop0"), { i: 5 });
  assert.equal(ok.requests.length, 6);
  const tooMany = recorder(hops(6));
  const e = await rejection(httpGet(client(tooMany.fetch), "/hop0"));
  assert.ok(e instanceof GitLabError);
  assert.match(e.message, /more than 5 redirects/);
  assert.equal(tooMany.requests.length, 6);
});

Deno.test("redirects: an endless loop stops after five hops", async () => {
  const rec = recorder(() => status(301, { location: "/api/v4/loop" }));
  await rejection(httpGet(client(rec.fetch), "/loop"));
  assert.equal(rec.requests.length, 6);
});

Deno.test("redirects: 303 turns a POST into a GET without a body", async () => {
  const rec = recorder((r) =>
    r.url.endsWith("/create") ? status(303, { location: "/api/v4/result" }) : json({ done: true })
  );
  assert.deepEqual(await httpPost(client(rec.fetch), "/create", { body: { name: "x" } }), { done: true });
  assert.equal(rec.requests[0].method, "POST");
  assert.equal(rec.requests[0].body, '{"name":"x"}');
  assert.equal(rec.requests[1].method, "GET");
  assert.equal(rec.requests[1].body, "");
  assert.equal(rec.requests[1].headers["content-type"], undefined);
});

Deno.test("redirects: 307 and 308 keep the method and body", async () => {
  for (const code of [307, 308]) {
    const rec = recorder((r) => r.url.endsWith("/a") ? status(code, { location: "/api/v4/b" }) : json({}));
    await httpPut(client(rec.fetch), "/a", { body: { title: "t", labels: ["x"] } });
    assert.equal(rec.requests.length, 2);
    for (const r of rec.requests) {
      assert.equal(r.method, "PUT");
      assert.equal(r.body, '{"title":"t","labels":["x"]}');
      assert.equal(r.headers["content-type"], "application/json");
    }
  }
});

Deno.test("redirects: 307 keeps the body across several hops", async () => {
  const rec = recorder((_r, i) => i < 3 ? status(307, { location: `/api/v4/h${i}` }) : json({}));
  await httpPost(client(rec.fetch), "/start", { body: "raw-body" });
  assert.equal(rec.requests.length, 4);
  assert.deepEqual(rec.requests.map((r) => r.body), ["raw-body", "raw-body", "raw-body", "raw-body"]);
});

Deno.test("redirects: 304 and a 3xx without Location are returned as they are", async () => {
  const rec = recorder([status(304), status(300, {}, "choices")]);
  const r304 = await httpRequest(client(rec.fetch), "GET", "/x").catch((e) => e);
  assert.equal(r304.status, 304);
  const r300 = await httpRequest(client(rec.fetch), "GET", "/y").catch((e) => e);
  assert.equal(r300.status, 300);
  assert.equal(rec.requests.length, 2);
});
