import assert from "node:assert/strict";
import {
  createClient,
  listProjectIssues,
  listProjectJobs,
  listProjectRepositoryTree,
  listProjects,
  listUsers,
} from "@gitlab-edge/client";
import { createSimulator, SIM_ADMIN_TOKEN } from "@gitlab-edge/client/testing";
import { json, recorder, status } from "./_helpers.ts";

// Lists GitLab serves with keyset pagination switch to it by themselves when iterated (doc/api/rest:
// "keyset-based pagination, supported resources"), and fall back to offset pagination on a 405.

const BASE = "https://gitlab.example.com";
const API = `${BASE}/api/v4`;

function setup(answers: Response[] | ((url: string, i: number) => Response), token?: string) {
  const rec = recorder(typeof answers === "function" ? (r, i) => answers(r.url, i) : answers);
  return { rec, client: createClient({ baseUrl: BASE, token, fetch: rec.fetch, retry: false }) };
}

Deno.test("keyset: iterating /projects asks for keyset pagination by id and follows its links", async () => {
  const next = `${API}/projects?order_by=id&pagination=keyset&per_page=2&id_before=3`;
  const { rec, client } = setup([
    json([{ id: 4 }, { id: 3 }], { headers: { link: `<${next}>; rel="next"` } }),
    json([]),
  ]);
  const ids = (await listProjects(client, { per_page: 2 }).toArray()).map((p) => p.id);
  assert.deepEqual(ids, [4, 3]);
  assert.deepEqual(rec.requests.map((r) => r.url), [
    `${API}/projects?per_page=2&pagination=keyset&order_by=id`,
    next,
  ]);
});

Deno.test("keyset: an ordering, a page or a pagination mode of the caller's keeps offset pagination", async () => {
  const { rec, client } = setup(() => json([]));
  await listProjects(client, { order_by: "name" }).toArray();
  await listProjects(client, { page: 3 }).toArray();
  await listProjects(client, { pagination: "offset" }).toArray();
  await listProjects(client, { order_by: "id", sort: "asc" }).toArray();
  assert.deepEqual(rec.requests.map((r) => r.url), [
    `${API}/projects?order_by=name`,
    `${API}/projects?page=3`,
    `${API}/projects?pagination=offset`,
    `${API}/projects?order_by=id&sort=asc&pagination=keyset`,
  ]);
});

Deno.test("keyset: project jobs use it only with credentials, ordered by id, newest first", async () => {
  const anonymous = setup(() => json([]));
  await listProjectJobs(anonymous.client, 7).toArray();
  const signedIn = setup(() => json([]), "glpat-keyset");
  await listProjectJobs(signedIn.client, 7).toArray();
  // GitLab's jobs list declares no `sort`; its keyset pagination reads one all the same.
  const ascending = { sort: "asc" } as unknown as Parameters<typeof listProjectJobs>[2];
  await listProjectJobs(signedIn.client, 7, ascending).toArray();
  assert.deepEqual(anonymous.rec.requests.map((r) => r.url), [`${API}/projects/7/jobs`]);
  assert.deepEqual(signedIn.rec.requests.map((r) => r.url), [
    `${API}/projects/7/jobs?pagination=keyset&order_by=id&sort=desc`,
    `${API}/projects/7/jobs?sort=asc`,
  ]);
});

Deno.test("keyset: users by name, and the repository tree with no ordering at all", async () => {
  const { rec, client } = setup(() => json([]));
  await listUsers(client, { order_by: "name" }).toArray();
  await listUsers(client, { order_by: "created_at" }).toArray();
  await listProjectRepositoryTree(client, 1).toArray();
  assert.deepEqual(rec.requests.map((r) => r.url), [
    `${API}/users?order_by=name&pagination=keyset`,
    `${API}/users?order_by=created_at`,
    `${API}/projects/1/repository/tree?pagination=keyset`,
  ]);
});

Deno.test("keyset: a list without keyset support is left alone", async () => {
  const { rec, client } = setup(() => json([]));
  await listProjectIssues(client, 1).toArray();
  assert.deepEqual(rec.requests.map((r) => r.url), [`${API}/projects/1/issues`]);
});

Deno.test("keyset: a 405 to the keyset request falls back to offset pagination once", async () => {
  const refused = status(405, { "content-type": "application/json" }, '{"message":"405 Method Not Allowed"}');
  const { rec, client } = setup([
    refused,
    json([{ id: 1 }], { headers: { "x-next-page": "2" } }),
    json([{ id: 2 }], { headers: { "x-next-page": "" } }),
  ]);
  const ids = (await listUsers(client).toArray()).map((u) => u.id);
  assert.deepEqual(ids, [1, 2]);
  assert.deepEqual(rec.requests.map((r) => r.url), [
    `${API}/users?pagination=keyset&order_by=id`,
    `${API}/users`,
    `${API}/users?page=2`,
  ]);
});

Deno.test("keyset: other errors of the keyset request are not retried as offset", async () => {
  const { rec, client } = setup([status(403, {}, '{"message":"403 Forbidden"}')]);
  await assert.rejects(listUsers(client).toArray(), { status: 403 });
  assert.equal(rec.requests.length, 1);
});

Deno.test("count(): asks with offset pagination's headers, even when the caller chose keyset", async () => {
  const { rec, client } = setup([status(200, { "x-total": "42" }), status(200, { "x-total": "42" })]);
  assert.deepEqual(await listProjects(client).count(), { total: 42, exact: true, atLeast: 42 });
  assert.deepEqual(await listProjects(client, { pagination: "keyset", order_by: "id" }).count(), {
    total: 42,
    exact: true,
    atLeast: 42,
  });
  assert.deepEqual(rec.requests.map((r) => `${r.method} ${r.url}`), [
    `HEAD ${API}/projects`,
    `HEAD ${API}/projects?order_by=id`,
  ]);
});

Deno.test("count(): a list GitLab does not paginate is counted by reading it", async () => {
  const { rec, client } = setup([status(200), json([{ id: 1 }, { id: 2 }, { id: 3 }])]);
  assert.deepEqual(await listProjectIssues(client, 1).count(), { total: 3, exact: true, atLeast: 3 });
  assert.deepEqual(rec.requests.map((r) => r.method), ["HEAD", "GET"]);
});

Deno.test("keyset: the simulator's 10,050 projects are read to the end with keyset pagination", async () => {
  const sim = createSimulator();
  sim.addProjects(10_050, { namespace: "acme", prefix: "bulk-" });
  const client = createClient({ baseUrl: BASE, token: SIM_ADMIN_TOKEN, fetch: sim.fetch });
  const count = await listProjects(client).count();
  assert.deepEqual(count, { total: undefined, exact: false, atLeast: 10_001 });
  let n = 0;
  let previous = Infinity;
  let descending = true;
  for await (const project of listProjects(client, { per_page: 100 })) {
    n++;
    if (project.id >= previous) descending = false;
    previous = project.id;
  }
  const gets = sim.requests.filter((r) => r.method === "GET");
  assert.ok(n > 10_050, `read ${n} projects`);
  assert.ok(descending, "newest first, as GitLab's default order");
  assert.ok(
    gets.every((r) => new URL(r.url).searchParams.get("pagination") === "keyset"),
    "every page by keyset",
  );
  assert.ok(gets.every((r) => !new URL(r.url).searchParams.has("page")), "no page numbers");
});
