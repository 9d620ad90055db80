import assert from "node:assert/strict";
import { compose, createClient, getProject, httpGet, type Middleware } from "@gitlab-edge/client";
import { json, recorder, rejection } from "./_helpers.ts";

const BASE = "https://gitlab.example.com";

Deno.test("compose(): the first middleware sees the request first and the response last", async () => {
  const log: string[] = [];
  const step = (name: string): Middleware => async (request, next) => {
    log.push(`${name}>`);
    const response = await next(request);
    log.push(`<${name}`);
    return response;
  };
  const run = compose([step("a"), step("b"), step("c")], () => {
    log.push("fetch");
    return Promise.resolve(new Response("ok"));
  });
  assert.equal(await (await run(new Request("http://127.0.0.1/"))).text(), "ok");
  assert.deepEqual(log, ["a>", "b>", "c>", "fetch", "<c", "<b", "<a"]);
});

Deno.test("compose(): an empty array is the transport itself", async () => {
  const run = compose([], (r) => Promise.resolve(new Response(r.url)));
  assert.equal(await (await run(new Request("http://127.0.0.1/x"))).text(), "http://127.0.0.1/x");
});

Deno.test("compose(): calling next twice rejects, naming the middleware", async () => {
  let sent = 0;
  const twice: Middleware = async function twice(request, next) {
    await next(request);
    return next(request);
  };
  const run = compose([twice], () => Promise.resolve(new Response(String(++sent))));
  const e = await rejection(run(new Request("http://127.0.0.1/")));
  assert.ok(e instanceof Error);
  assert.match(e.message, /twice/);
  assert.equal(sent, 1);
});

Deno.test("compose(): with repeatsNext, sequential calls are allowed and overlapping calls rejected", async () => {
  let sent = 0;
  const sequential: Middleware = Object.assign(
    async (request: Request, next: (r: Request) => Promise<Response>) => {
      await (await next(request)).text();
      await (await next(request)).text();
      return next(request);
    },
    { repeatsNext: true },
  );
  const transport = () => Promise.resolve(new Response(String(++sent)));
  assert.equal(await (await compose([sequential], transport)(new Request("http://127.0.0.1/"))).text(), "3");

  sent = 0;
  const overlapping: Middleware = Object.assign(
    async (request: Request, next: (r: Request) => Promise<Response>) => {
      const [a] = await Promise.all([next(request), next(request)]);
      return a;
    },
    { repeatsNext: true },
  );
  const e = await rejection(compose([overlapping], transport)(new Request("http://127.0.0.1/")));
  assert.match((e as Error).message, /twice/);
  assert.equal(sent, 1);
});

Deno.test("compose(): a middleware can answer by itself (a cache) without reaching fetch", async () => {
  const rec = recorder(() => json({ n: 1 }));
  const cache = new Map<string, string>();
  const caching: Middleware = async (request, next) => {
    const hit = cache.get(request.url);
    if (hit !== undefined) return new Response(hit, { headers: { "content-type": "application/json" } });
    const response = await next(request);
    const text = await response.text();
    cache.set(request.url, text);
    return new Response(text, response);
  };
  const client = createClient({ baseUrl: BASE, fetch: rec.fetch, middleware: [caching] });
  assert.deepEqual(await getProject(client, 1), { n: 1 });
  assert.deepEqual(await getProject(client, 1), { n: 1 });
  assert.deepEqual(await getProject(client, 2), { n: 1 });
  assert.equal(rec.requests.length, 2);
});

Deno.test("compose(): a middleware can replace the request", async () => {
  const rec = recorder([json({})]);
  const rewrite: Middleware = (request, next) => {
    const url = new URL(request.url);
    url.searchParams.set("statistics", "true");
    const replaced = new Request(url, request);
    replaced.headers.set("x-added", "1");
    return next(replaced);
  };
  const client = createClient({ baseUrl: BASE, token: "glpat-x", fetch: rec.fetch, middleware: [rewrite] });
  await getProject(client, 1);
  assert.equal(rec.requests[0].url, `${BASE}/api/v4/projects/1?statistics=true`);
  assert.equal(rec.requests[0].headers["x-added"], "1");
  assert.equal(rec.requests[0].headers["private-token"], "glpat-x", "auth runs after user middleware");
});

Deno.test("client middleware: runs in array order before the built-in ones and sees the final response", async () => {
  const log: string[] = [];
  const rec = recorder([json({ ok: true })]);
  const first: Middleware = async (request, next) => {
    log.push("first:" + (request.headers.has("private-token") ? "auth" : "no-auth"));
    const response = await next(request);
    log.push("first:" + response.status);
    return response;
  };
  const second: Middleware = async (request, next) => {
    log.push("second");
    return await next(request);
  };
  const client = createClient({ baseUrl: BASE, token: "t", fetch: rec.fetch, middleware: [first, second] });
  await httpGet(client, "/x");
  assert.deepEqual(log, ["first:no-auth", "second", "first:200"]);
});

Deno.test("client middleware: a user middleware calling next twice makes the call reject", async () => {
  const rec = recorder(() => json({}));
  const twice: Middleware = async (request, next) => {
    await (await next(request)).text();
    return next(request);
  };
  const client = createClient({ baseUrl: BASE, fetch: rec.fetch, middleware: [twice] });
  const e = await rejection(httpGet(client, "/x"));
  assert.match((e as Error).message, /twice/);
  assert.equal(rec.requests.length, 1);
});

Deno.test("client middleware: an error thrown by a middleware propagates unchanged", async () => {
  const boom = new Error("policy says no");
  const rec = recorder();
  const client = createClient({ baseUrl: BASE, fetch: rec.fetch, middleware: [() => Promise.reject(boom)] });
  assert.equal(await rejection(httpGet(client, "/x")), boom);
  assert.equal(rec.requests.length, 0);
});
