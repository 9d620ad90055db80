/**
 * The demo: a report of a group's projects with their open issue and merge request counts, streamed
 * through pagination. Runs against the built-in GitLab simulator unless `GITLAB_URL` is set.
 *
 * ```sh
 * npm run demo                                                  # the simulator
 * GITLAB_URL=https://gitlab.com GITLAB_GROUP=gitlab-org npm run demo  # a real GitLab (token optional)
 * ```
 *
 * Environment (read by `clientFromEnv()`): `GITLAB_URL`, `GITLAB_TOKEN` (optional for public groups), `GITLAB_GROUP` (default: the
 * simulator's `acme`; on a real GitLab without it, your own projects), `DEMO_MAX_PROJECTS` (default 50).
 *
 * @module
 */

import {
  type Client,
  clientFromEnv,
  createClient,
  GitLabHTTPError,
  listGroupProjects,
  listProjectIssues,
  listProjectMergeRequests,
  listProjectPipelines,
  listProjects,
  type Project,
} from "@gitlab-edge/client";
import { createSimulator, SIM_USER_TOKEN } from "@gitlab-edge/client/testing";

/** Reads an environment variable on Deno, Node, Bun (and returns undefined where there is none). */
function env(name: string): string | undefined {
  const g = globalThis as {
    Deno?: { env: { get(k: string): string | undefined } };
    process?: { env: Record<string, string | undefined> };
  };
  return g.Deno?.env.get(name) ?? g.process?.env[name];
}

/** One row of the report. */
interface Row {
  path: string;
  visibility: string;
  issues: number | undefined;
  mergeRequests: number | undefined;
  pipeline: string;
  lastActivity: string;
}

/** The status of the latest pipeline on the default branch ("–" when there is none or it is hidden). */
async function lastPipeline(client: Client, project: Project): Promise<string> {
  if (!project.default_branch || project.jobs_enabled === false) return "–";
  try {
    const [latest] = await listProjectPipelines(client, project.id, {
      ref: project.default_branch,
      per_page: 1,
      maxItems: 1,
    }).toArray();
    return latest?.status ?? "–";
  } catch (e) {
    if (e instanceof GitLabHTTPError && (e.status === 403 || e.status === 404)) return "–";
    throw e;
  }
}

/** Counts a list with one HEAD request (GitLab's `X-Total`), or by walking it when the total is not sent. */
async function countOpen(
  client: Client,
  project: Project,
  kind: "issues" | "merge_requests",
): Promise<number | undefined> {
  if (kind === "issues" && project.issues_enabled === false) return undefined;
  if (kind === "merge_requests" && project.merge_requests_enabled === false) return undefined;
  const list = kind === "issues"
    ? listProjectIssues(client, project.id, { state: "opened", per_page: 100 })
    : listProjectMergeRequests(client, project.id, { state: "opened", per_page: 100 });
  try {
    const count = await list.count();
    return count.total ?? (await list.toArray()).length;
  } catch (e) {
    if (e instanceof GitLabHTTPError && (e.status === 403 || e.status === 404)) return undefined;
    throw e;
  }
}

const url = env("GITLAB_URL");
const simulated = url === undefined || url === "";
const client = simulated
  ? createClient({
    baseUrl: "https://gitlab.example.com",
    token: SIM_USER_TOKEN,
    fetch: createSimulator().fetch,
  })
  : clientFromEnv(); // GITLAB_URL, and GITLAB_TOKEN when set (anonymous otherwise)
const group = env("GITLAB_GROUP") || (simulated ? "acme" : undefined);
const maxItems = Number(env("DEMO_MAX_PROJECTS") || 50);

console.log(
  `gitlab-edge demo: ${group ? `projects of group "${group}" (with subgroups)` : "your projects"} on ${
    simulated ? "the built-in GitLab simulator" : new URL(client.baseUrl).host
  }\n`,
);

const started = Date.now();
const projects = group
  ? listGroupProjects(client, group, {
    include_subgroups: true,
    order_by: "path",
    sort: "asc",
    per_page: 100,
    maxItems,
  })
  : listProjects(client, { membership: true, order_by: "last_activity_at", per_page: 100, maxItems });

const rows: Row[] = [];
const pad = (s: string, n: number): string => s.length >= n ? s.slice(0, n - 1) + "…" : s.padEnd(n);
const num = (n: number | undefined): string => (n === undefined ? "–" : String(n)).padStart(6);
console.log(
  `${pad("project", 40)} ${pad("visibility", 11)} ${"issues".padStart(6)} ${"MRs".padStart(6)}  ${
    pad("pipeline", 9)
  } last activity`,
);
console.log("-".repeat(95));
try {
  for await (const project of projects) {
    const [issues, mergeRequests, pipeline] = await Promise.all([
      countOpen(client, project, "issues"),
      countOpen(client, project, "merge_requests"),
      lastPipeline(client, project),
    ]);
    const row: Row = {
      path: project.path_with_namespace,
      visibility: project.visibility ?? "",
      issues,
      mergeRequests,
      pipeline,
      lastActivity: project.last_activity_at?.slice(0, 10) ?? "",
    };
    rows.push(row);
    console.log(
      `${pad(row.path, 40)} ${pad(row.visibility, 11)} ${num(issues)} ${num(mergeRequests)}  ${
        pad(pipeline, 9)
      } ${row.lastActivity}`,
    );
  }
} catch (e) {
  console.error(`\nThe report stopped: ${e instanceof Error ? e.message : String(e)}`);
  throw e;
}

const sum = (k: "issues" | "mergeRequests"): number => rows.reduce((t, r) => t + (r[k] ?? 0), 0);
console.log("-".repeat(95));
console.log(`${pad(`${rows.length} projects`, 52)} ${num(sum("issues"))} ${num(sum("mergeRequests"))}`);
const busiest =
  [...rows].sort((a, b) =>
    (b.issues ?? 0) + (b.mergeRequests ?? 0) - (a.issues ?? 0) - (a.mergeRequests ?? 0)
  )[0];
if (busiest) {
  console.log(
    `busiest: ${busiest.path} (${busiest.issues ?? 0} open issues, ${busiest.mergeRequests ?? 0} open MRs)`,
  );
}
console.log(`done in ${Date.now() - started} ms`);
