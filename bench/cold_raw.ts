/**
 * Cold start, raw `fetch` side: a fresh process loads the hand-written `fetch` functions, then exits.
 * Exits 0 on success.
 *
 * @module
 */

import process from "node:process";
import { rawGetProject } from "./raw.ts";

if (typeof rawGetProject !== "function") process.exit(1);
