/**
 * A zero-dependency client for the GitLab REST API v4, built on Web `fetch`. Runs unchanged on Deno,
 * Node, Bun and Cloudflare Workers.
 *
 * Every endpoint is a plain function over a client value, so a bundler keeps only what you call:
 *
 * ```ts
 * import { createClient, getProject, listProjectIssues } from "@gitlab-edge/client";
 * import { createSimulator } from "@gitlab-edge/client/testing";
 *
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: createSimulator().fetch });
 * const project = await getProject(client, "acme/web");
 * for await (const issue of listProjectIssues(client, project.id, { state: "opened" })) {
 *   console.log(`#${issue.iid} ${issue.title}`);
 * }
 * ```
 *
 * @module
 */

export * from "./src/core.ts";
export * from "./src/resources/mod.ts";

export type * from "./src/types/mod.ts";
