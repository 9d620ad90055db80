/**
 * The live suite: read-only checks that run against the simulator on every run, and against a real
 * GitLab when `GITLAB_URL` and `GITLAB_TOKEN` are set (optionally `GITLAB_PROJECT`, a project path or
 * id the token can read). Nothing here writes.
 */
import assert from "node:assert/strict";
import {
  type Client,
  getCurrentUser,
  getProject,
  GitLabHTTPError,
  httpGet,
  listProjectIssues,
  listProjects,
} from "@gitlab-edge/client";
import { type Target, targets as liveTargets } from "./_live.ts";

const checks: [string, (client: Client, target: Target) => Promise<void>][] = [
  ["getCurrentUser() returns the token's user", async (client) => {
    const me = await getCurrentUser(client);
    assert.equal(typeof me.id, "number");
    assert.equal(typeof me.username, "string");
  }],
  ["listProjects() streams at most maxItems projects across pages", async (client) => {
    const seen: number[] = [];
    for await (
      const p of listProjects(client, { membership: true, per_page: 2, maxItems: 5, simple: true })
    ) {
      assert.equal(typeof p.id, "number");
      seen.push(p.id);
    }
    assert.ok(seen.length <= 5);
    assert.equal(new Set(seen).size, seen.length, "no project twice");
  }],
  ["listProjects() pages expose GitLab's page headers", async (client) => {
    for await (
      const page of listProjects(client, {
        pagination: "offset",
        membership: true,
        per_page: 1,
        simple: true,
      }).pages()
    ) {
      assert.equal(page.perPage, 1);
      assert.ok(page.items.length <= 1);
      break;
    }
  }],
  ["listProjects() keyset pagination yields ascending ids", async (client) => {
    const ids: number[] = [];
    const list = listProjects(client, {
      pagination: "keyset",
      order_by: "id",
      sort: "asc",
      per_page: 2,
      membership: true,
      simple: true,
      maxItems: 6,
    });
    for await (const p of list) ids.push(p.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
  }],
  ["getProject() by id and by full path agree", async (client, target) => {
    const first = target.project ??
      (await listProjects(client, { membership: true, maxItems: 1 }).toArray())[0]?.id;
    if (first === undefined) return;
    const byId = await getProject(client, first);
    const byPath = await getProject(client, byId.path_with_namespace);
    assert.equal(byPath.id, byId.id);
  }],
  ["count() of a project's issues is exact, or says GitLab stopped counting", async (client, target) => {
    const first = target.project ??
      (await listProjects(client, { membership: true, maxItems: 1 }).toArray())[0]?.id;
    if (first === undefined) return;
    const total = await listProjectIssues(client, first, { state: "opened" }).count();
    if (total.exact) {
      assert.ok(Number.isInteger(total.total) && total.total! >= 0 && total.atLeast === total.total);
    } else assert.deepEqual(total, { total: undefined, exact: false, atLeast: 10_001 });
  }],
  ["an unknown project is a 404 GitLabHTTPError with GitLab's message", async (client) => {
    const err = await getProject(client, "no-such-namespace-4c1f/no-such-project-9b2e").catch((e) => e);
    assert.ok(err instanceof GitLabHTTPError);
    assert.equal(err.status, 404);
    assert.match(err.message, /404/);
  }],
  ["an unknown route is a 404 with {error}", async (client) => {
    const err = await httpGet(client, "/no_such_route_for_gitlab_edge").catch((e) => e);
    assert.ok(err instanceof GitLabHTTPError);
    assert.equal(err.status, 404);
    assert.deepEqual(err.body, { error: "404 Not Found" });
  }],
];

const targets = liveTargets();
if (targets.length < 2) {
  Deno.test({
    name: "live: skipped — set GITLAB_URL and GITLAB_TOKEN to run these checks against a real GitLab",
    ignore: true,
    fn: () => {},
  });
}

for (const target of targets) {
  for (const [name, check] of checks) {
    Deno.test(`${target.label}: ${name}`, () => check(target.client(), target));
  }
}
