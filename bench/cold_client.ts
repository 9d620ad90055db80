/**
 * Cold start, gitlab-edge side: a fresh process imports the client, constructs it and makes one request.
 * Reads `BENCH_URL` and `BENCH_TOKEN`; exits 0 on success.
 *
 * @module
 */

import process from "node:process";
import { createClient, getProject } from "../mod.ts";

const client = createClient({ baseUrl: process.env.BENCH_URL!, token: process.env.BENCH_TOKEN });
const project = await getProject(client, "acme/web");
if (typeof project.id !== "number") process.exit(1);
