import assert from "node:assert/strict";
import {
  createClient,
  GitLabError,
  GitLabGraphQLError,
  GitLabHTTPError,
  graphql,
  graphqlConnection,
  listProjectIssues,
  type Middleware,
} from "@gitlab-edge/client";
import { createSimulator, SIM_USER_TOKEN } from "@gitlab-edge/client/testing";
import { json, recorder } from "./_helpers.ts";

const BASE = "https://gitlab.example.com";
type IssuesData = {
  project: {
    issues: {
      count: number;
      nodes: { iid: string; state: string }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };
};
const ISSUES = `query Issues($path: ID!, $after: String, $state: IssuableState) {
  project(fullPath: $path) {
    issues(first: 2, after: $after, state: $state) { count nodes { iid state } pageInfo { hasNextPage endCursor } }
  }
}`;

Deno.test("graphql: the current user through the client's credentials; anonymous is null", async () => {
  const sim = createSimulator();
  const seen: string[] = [];
  const tap: Middleware = (
    request,
    next,
  ) => (seen.push(`${request.method} ${new URL(request.url).pathname}`), next(request));
  const alice = createClient({ baseUrl: BASE, token: SIM_USER_TOKEN, fetch: sim.fetch, middleware: [tap] });
  const data = await graphql<{ me: { username: string; id: string } }>(
    alice,
    "{ me: currentUser { username id } }",
  );
  assert.equal(data.me.username, "alice");
  assert.match(data.me.id, /^gid:\/\/gitlab\/User\/\d+$/);
  assert.deepEqual(seen, ["POST /api/graphql"]);
  assert.equal(sim.requests[0].headers["private-token"], SIM_USER_TOKEN);
  const anonymous = createClient({ baseUrl: BASE, fetch: sim.fetch });
  assert.equal(
    (await graphql<{ currentUser: null }>(anonymous, "query { currentUser { username } }")).currentUser,
    null,
  );
});

Deno.test("graphql: a connection is read page by page and agrees with REST", async () => {
  const sim = createSimulator();
  const client = createClient({ baseUrl: BASE, token: SIM_USER_TOKEN, fetch: sim.fetch });
  sim.clearRequests();
  const issues = [];
  for await (
    const issue of graphqlConnection<IssuesData, { iid: string; state: string }>(client, ISSUES, {
      path: "acme/web",
      state: "opened",
    }, {
      connection: (d) => d.project.issues,
    })
  ) issues.push(issue);
  const rest = await listProjectIssues(client, "acme/web", { state: "opened" }).toArray();
  assert.equal(issues.length, rest.length);
  assert.deepEqual(new Set(issues.map((i) => Number(i.iid))), new Set(rest.map((i) => i.iid)));
  assert.ok(issues.every((i) => i.state === "opened"));
  assert.equal(sim.requests.filter((r) => r.url.endsWith("/api/graphql")).length, Math.ceil(rest.length / 2));

  sim.clearRequests();
  const two = [];
  for await (
    const i of graphqlConnection<IssuesData, { iid: string }>(client, ISSUES, { path: "acme/web" }, {
      connection: (d) => d.project.issues,
      maxPages: 1,
    })
  ) two.push(i);
  assert.equal(two.length, 2);
  assert.equal(sim.requests.length, 1, "maxPages: 1 reads one page");
});

Deno.test("graphql: errors become GitLabGraphQLError with messages and paths; HTTP errors stay HTTP errors", async () => {
  const sim = createSimulator();
  const client = createClient({ baseUrl: BASE, token: SIM_USER_TOKEN, fetch: sim.fetch });
  await assert.rejects(
    graphql(client, 'query { project(fullPath: "acme/web") { name stars } }'),
    (e: unknown) =>
      e instanceof GitLabGraphQLError && e instanceof GitLabError &&
      e.errors[0].message === "Field 'stars' doesn't exist on type 'Project'" &&
      JSON.stringify(e.errors[0].path) === '["project","stars"]' && /GraphQL: Field 'stars'/.test(e.message),
  );
  const bad = createClient({ baseUrl: BASE, token: "glpat-wrong-token", fetch: sim.fetch });
  await assert.rejects(
    graphql(bad, "{ currentUser { username } }"),
    (e: unknown) => e instanceof GitLabHTTPError && e.status === 401,
  );
  await assert.rejects(graphql(client, "  "), /parameter "query" must be a non-empty string/);
  const anonymous = createClient({ baseUrl: BASE, fetch: sim.fetch });
  const hidden = await graphql<{ project: null }>(
    anonymous,
    'query { project(fullPath: "acme/platform/infra") { name } }',
  );
  assert.equal(hidden.project, null, "a private project is not visible anonymously");
});

Deno.test("graphql: 429 is retried, a repeating cursor stops the iteration", async () => {
  let n = 0;
  const rec = recorder(
    () => (++n === 1
      ? json({}, { status: 429, headers: { "retry-after": "0" } })
      : json({ data: { ok: true } })),
  );
  const client = createClient({ baseUrl: `${BASE}/gitlab`, fetch: rec.fetch });
  assert.deepEqual(await graphql(client, "{ ok }"), { ok: true });
  assert.equal(rec.requests.length, 2);
  assert.equal(rec.requests[1].url, `${BASE}/gitlab/api/graphql`);
  assert.deepEqual(JSON.parse(rec.requests[1].body), { query: "{ ok }" });

  const loop = recorder(() =>
    json({ data: { c: { nodes: [1], pageInfo: { hasNextPage: true, endCursor: "same" } } } })
  );
  const looping = createClient({ baseUrl: BASE, fetch: loop.fetch });
  const got: number[] = [];
  await assert.rejects(async () => {
    for await (
      const x of graphqlConnection<
        { c: { nodes: number[]; pageInfo: { hasNextPage: boolean; endCursor: string } } },
        number
      >(looping, "{ c }", {}, { connection: (d) => d.c })
    ) got.push(x);
  }, /the cursor "same" came back twice/);
  assert.deepEqual(got, [1, 1]);
  assert.equal(loop.requests.length, 2);
});
