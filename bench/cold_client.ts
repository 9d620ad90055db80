/**
 * Cold start, gitlab-edge side: a fresh process imports the library and creates a client, then exits.
 * `BENCH_MODULE` names what to import, comma-separated: `mod.ts` from source (the default), the npm build's
 * `mod.js`, the core with one resource group (`src/core.ts,src/resources/projects.ts`), or a
 * single-module entry. `createClient` comes from the first; a later one must export `getProject`. Exits 0
 * on success.
 *
 * @module
 */

import process from "node:process";

type Library = typeof import("../mod.ts");

const specifiers = (process.env.BENCH_MODULE || new URL("../mod.ts", import.meta.url).href).split(",");
const [first, ...rest] = specifiers.map((s) => s.startsWith("/") ? `file://${s}` : s);
const { createClient } = (await import(first)) as Library;
for (const url of rest) {
  if (typeof ((await import(url)) as Partial<Library>).getProject !== "function") process.exit(1);
}
const client = createClient({ baseUrl: process.env.BENCH_URL || "http://127.0.0.1:9", token: "glpat-bench" });
if (typeof client.baseUrl !== "string") process.exit(1);
