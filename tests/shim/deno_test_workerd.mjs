/**
 * Runs Deno-style tests inside workerd (Cloudflare Workers). Bundled first, ahead of the test files,
 * by `scripts/run_workerd.mjs`: it defines `globalThis.Deno = { test }`, which records each test; the
 * worker's `fetch` handler lists them (`GET /list`) and runs one per request (`GET /run?i=N`), so a
 * hanging test cannot hold up the others.
 *
 * @module
 */

import { inlineContext, normalize, withModifiers } from "./deno_test_common.mjs";

/** @type {import("./deno_test_common.mjs").TestDefinition[]} */
const tests = [];

const test = withModifiers((a, b, c) => tests.push(normalize(a, b, c)), (def) => tests.push(def));
Object.defineProperty(globalThis, "Deno", { value: { test }, configurable: true, writable: true });

/** @param {unknown} e */
function describe(e) {
  if (e instanceof Error) return `${e.name}: ${e.message}\n${e.stack ?? ""}`;
  return String(e);
}

/**
 * The worker: `GET /list` → the test names; `GET /run?i=N` → `{ name, status, error? }`;
 * `GET /runtime` → `navigator.userAgent` (`Cloudflare-Workers` in workerd).
 */
export default {
  /** @param {Request} request */
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/list") {
      return Response.json(tests.map((t) => ({ name: t.name, ignore: t.ignore })));
    }
    if (url.pathname === "/runtime") return new Response(globalThis.navigator?.userAgent ?? "unknown");
    if (url.pathname === "/run") {
      const t = tests[Number(url.searchParams.get("i"))];
      if (!t) return Response.json({ error: "no such test" }, { status: 404 });
      if (t.ignore) return Response.json({ name: t.name, status: "ignored" });
      try {
        await t.fn(inlineContext(t.name));
        return Response.json({ name: t.name, status: "passed" });
      } catch (e) {
        return Response.json({ name: t.name, status: "failed", error: describe(e) });
      }
    }
    return new Response("not found", { status: 404 });
  },
};
