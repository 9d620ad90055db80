/**
 * Cold start, gitlab-edge side: a fresh process imports the library and creates a client, then exits.
 * `BENCH_MODULE` names what to import: `mod.ts` from source (the default), the npm build's `mod.js`, or a
 * single-module entry. Exits 0 on success.
 *
 * @module
 */

import process from "node:process";

type Library = typeof import("../mod.ts");

const specifier = process.env.BENCH_MODULE || new URL("../mod.ts", import.meta.url).href;
const url = specifier.startsWith("/") ? `file://${specifier}` : specifier;
const { createClient } = (await import(url)) as Library;
const client = createClient({ baseUrl: process.env.BENCH_URL || "http://127.0.0.1:9", token: "glpat-bench" });
if (typeof client.baseUrl !== "string") process.exit(1);
