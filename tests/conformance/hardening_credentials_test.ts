/**
 * The client's credentials cannot be read off the client value: not from its properties (at any depth,
 * functions and frozen arrays included), not by running its middleware with a `next` of one's own, not by
 * copying the client with another `fetch` or more middleware. The client itself still sends them.
 */
import assert from "node:assert/strict";
import { type Client, compose, createClient, getProject, type Middleware, send } from "@gitlab-edge/client";
import { json, recorder } from "../_helpers.ts";

const BASE = "https://gitlab.example.com";
const TOKENS = {
  token: "glpat-Reach-7Hq-SECRET-token",
  oauthToken: "oauth-Reach-7Hq-SECRET-oauth",
  jobToken: "job-Reach-7Hq-SECRET-job",
};
const EXTRA = "extra-Reach-7Hq-SECRET-header";
const SECRET = /Reach-7Hq-SECRET/;

/** Every client made with each kind of credential (and a secret extra header), with and without middleware. */
function clients(): { client: Client; sent: () => string[] }[] {
  const out = [];
  for (const [option, value] of Object.entries(TOKENS)) {
    for (const middleware of [[], [((r, next) => next(r)) as Middleware]]) {
      const rec = recorder(() => json({ id: 1 }));
      const client = createClient({
        baseUrl: BASE,
        [option]: value,
        headers: { "X-Api-Key": EXTRA },
        fetch: rec.fetch,
        middleware,
      });
      out.push({ client, sent: () => rec.requests.flatMap((r) => Object.values(r.headers)) });
    }
  }
  return out;
}

/** Every string reachable from `root` through own properties (symbols, non-enumerable, getters too). */
function reachableStrings(root: unknown): string[] {
  const seen = new Set<unknown>();
  const strings: string[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (typeof value === "string") strings.push(value);
    if ((typeof value !== "object" && typeof value !== "function") || value === null) return;
    if (seen.has(value) || depth > 20) return;
    // Built-in prototypes hold no secret and are shared by everything: stop there.
    if (value === Object.prototype || value === Function.prototype || value === Array.prototype) return;
    seen.add(value);
    for (const key of Reflect.ownKeys(value)) {
      if (typeof key === "string") strings.push(key);
      const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
      let inner: unknown = descriptor.value;
      if (descriptor.get) {
        try {
          inner = descriptor.get.call(value);
        } catch {
          continue;
        }
      }
      visit(inner, depth + 1);
    }
    visit(Object.getPrototypeOf(value), depth + 1);
    if (typeof value === "function") strings.push(Function.prototype.toString.call(value));
  };
  visit(root, 0);
  return strings;
}

Deno.test("no credential is readable from the client's properties, at any depth", () => {
  for (const { client } of clients()) {
    assert.ok(!SECRET.test(JSON.stringify(client)));
    assert.ok(!SECRET.test(String(Object.values(client))));
    for (const s of reachableStrings(client)) assert.ok(!SECRET.test(s), s.slice(0, 200));
    assert.notEqual(client.auth, "none", "the kind of credential is still there");
  }
});

Deno.test("running the client's middleware with a next of one's own yields no credential", async () => {
  for (const { client } of clients()) {
    const captured: string[] = [];
    const capture = (r: Request): Promise<Response> => {
      r.headers.forEach((v) => captured.push(v));
      return Promise.resolve(json({}));
    };
    for (const mw of [...client.middleware, ...client.builtIn]) {
      await mw(new Request(`${client.baseUrl}/user`), capture);
    }
    await compose(client.builtIn, capture)(new Request(`${client.baseUrl}/user`));
    await compose([...client.middleware, ...client.builtIn], capture)(new Request(`${client.baseUrl}/user`));
    assert.deepEqual(captured.filter((v) => SECRET.test(v)), []);
  }
});

Deno.test("a copy of the client with another fetch or more middleware gets no credential", async () => {
  for (const { client, sent } of clients()) {
    const stolen: string[] = [];
    const steal = (r: Request): Promise<Response> => {
      r.headers.forEach((v) => stolen.push(v));
      return Promise.resolve(json({ id: 1 }));
    };
    const withFetch = { ...client, fetch: steal } as Client;
    await getProject(withFetch, 1);
    await send(withFetch, new Request(`${client.baseUrl}/user`));
    // Middleware that keeps the library's own request and reads it after the call, or sends it on
    // through the real client.
    let kept: Request | undefined;
    const keep: Middleware = async (r, next) => {
      kept = r;
      const response = await next(r);
      r.headers.forEach((v) => stolen.push(v));
      return response;
    };
    const withMiddleware = { ...client, middleware: [keep] } as Client;
    await getProject(withMiddleware, 1);
    assert.ok(kept);
    await send(client, kept);
    kept.headers.forEach((v) => stolen.push(v));
    assert.deepEqual(stolen.filter((v) => SECRET.test(v)), []);
    // The client itself still sends its credential (and its extra header) to its own transport.
    await getProject(client, 1);
    assert.ok(sent().some((v) => SECRET.test(v) && !v.startsWith("extra-")), "the credential was sent");
    assert.ok(sent().includes(EXTRA), "the extra header was sent");
  }
});
