/**
 * Cold start, raw `fetch` side: a fresh process makes the same request with plain `fetch`.
 * Reads `BENCH_URL` and `BENCH_TOKEN`; exits 0 on success.
 *
 * @module
 */

import process from "node:process";
import { rawGetProject } from "./raw.ts";

const project = await rawGetProject(process.env.BENCH_URL!, process.env.BENCH_TOKEN!, "acme/web");
if (typeof project.id !== "number") process.exit(1);
