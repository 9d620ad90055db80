import assert from "node:assert/strict";
import {
  createClient,
  createCurrentUserRunner,
  createProjectRunner,
  deleteProjectRunner,
  deleteRunner,
  editRunner,
  getRunner,
  GitLabHTTPError,
  listProjectRunners,
  listRunnerJobs,
  listRunners,
  listRunnersAll,
  resetAuthenticationTokenRunner,
} from "@gitlab-edge/client";
import { json, type Recorded, recorder, status } from "../_helpers.ts";

const API = "https://gitlab.example.com/api/v4";

function setup(answers: Parameters<typeof recorder>[0]) {
  const rec = recorder(answers);
  const client = createClient({
    baseUrl: "https://gitlab.example.com",
    token: "glpat-test",
    fetch: rec.fetch,
    retry: false,
  });
  return { rec, client };
}
const sent = (r: Recorded) => `${r.method} ${new URL(r.url).pathname.slice("/api/v4".length)}`;
const query = (r: Recorded) => [...new URL(r.url).searchParams];

function runner(id: number, extra: Record<string, unknown> = {}) {
  return {
    id,
    description: `docker-runner-${id}`,
    ip_address: null,
    active: true,
    paused: false,
    is_shared: false,
    runner_type: "project_type",
    name: "gitlab-runner",
    online: true,
    status: "online",
    ...extra,
  };
}

Deno.test("listRunners() sends type, status and tag_list[] and reads both pages", async () => {
  const next = `${API}/runners?page=2&per_page=2&status=online&tag_list%5B%5D=docker&type=project_type`;
  const { rec, client } = setup([
    json([runner(6), runner(8)], { headers: { link: `<${next}>; rel="next"` } }),
    json([runner(9)]),
  ]);
  const runners = await listRunners(client, {
    type: "project_type",
    status: "online",
    tag_list: ["docker", "linux"],
    per_page: 2,
  }).toArray();
  assert.deepEqual(runners.map((r) => r.id), [6, 8, 9]);
  assert.equal(sent(rec.requests[0]), "GET /runners");
  assert.deepEqual(query(rec.requests[0]), [
    ["type", "project_type"],
    ["status", "online"],
    ["tag_list[]", "docker"],
    ["tag_list[]", "linux"],
    ["per_page", "2"],
  ]);
  assert.equal(rec.requests[1].url, next);
});

Deno.test("listRunnersAll().count() asks /runners/all with HEAD", async () => {
  const { rec, client } = setup([status(200, { "x-total": "14" })]);
  const count = await listRunnersAll(client, { type: "instance_type" }).count();
  assert.equal(count.total, 14);
  assert.equal(
    `${rec.requests[0].method} ${new URL(rec.requests[0].url).pathname}`,
    "HEAD /api/v4/runners/all",
  );
  assert.deepEqual(query(rec.requests[0]), [["type", "instance_type"]]);
});

Deno.test("getRunner() returns details; editRunner() sends tag_list as a JSON array", async () => {
  const { rec, client } = setup([
    json(runner(6, { tag_list: ["docker"], maximum_timeout: 3600, projects: [{ id: 7, name: "web" }] })),
    json(runner(6, { tag_list: ["docker", "arm64"], paused: true, maximum_timeout: 7200 })),
  ]);
  const got = await getRunner(client, 6);
  assert.deepEqual(got.tag_list, ["docker"]);
  assert.equal((got.projects as { id: number }[])[0].id, 7);
  const edited = await editRunner(client, 6, {
    tag_list: ["docker", "arm64"],
    paused: true,
    maximum_timeout: 7200,
  });
  assert.equal(edited.paused, true);
  assert.deepEqual(rec.requests.map(sent), ["GET /runners/6", "PUT /runners/6"]);
  assert.deepEqual(JSON.parse(rec.requests[1].body), {
    tag_list: ["docker", "arm64"],
    paused: true,
    maximum_timeout: 7200,
  });
});

Deno.test("createCurrentUserRunner() creates a project runner and returns its glrt- token", async () => {
  const { rec, client } = setup([
    json({ id: 12, token: "glrt-Xq7cJ3nYbPdKa9sQ1wEr", token_expires_at: null }, { status: 201 }),
  ]);
  const created = await createCurrentUserRunner(client, {
    runner_type: "project_type",
    project_id: 7,
    description: "arm64 builder",
    tag_list: ["arm64"],
  });
  assert.match(created.token as string, /^glrt-/);
  assert.equal(sent(rec.requests[0]), "POST /user/runners");
  assert.deepEqual(JSON.parse(rec.requests[0].body), {
    runner_type: "project_type",
    project_id: 7,
    description: "arm64 builder",
    tag_list: ["arm64"],
  });
});

Deno.test("createProjectRunner() assigns a runner to a project; deleteProjectRunner() unassigns it", async () => {
  const { rec, client } = setup([json(runner(9), { status: 201 }), status(204)]);
  assert.equal((await createProjectRunner(client, "acme/web", { runner_id: 9 })).id, 9);
  assert.deepEqual(JSON.parse(rec.requests[0].body), { runner_id: 9 });
  assert.equal(await deleteProjectRunner(client, "acme/web", 9), undefined);
  assert.deepEqual(rec.requests.map(sent), [
    "POST /projects/acme%2Fweb/runners",
    "DELETE /projects/acme%2Fweb/runners/9",
  ]);
});

Deno.test("listProjectRunners(), listRunnerJobs() and resetAuthenticationTokenRunner()", async () => {
  const { rec, client } = setup([
    json([runner(9, { is_shared: true, runner_type: "instance_type" })]),
    json([{ id: 903, status: "running", stage: "test", name: "rspec", project: { id: 7, name: "web" } }]),
    json({ token: "glrt-N3wT0k3nAfterReset", token_expires_at: "2024-08-01T00:00:00.000Z" }, { status: 201 }),
  ]);
  const shared = await listProjectRunners(client, "acme/web", { type: "instance_type" }).toArray();
  assert.equal(shared[0].is_shared, true);
  const jobs = await listRunnerJobs(client, 9, { status: "running" }).toArray();
  assert.deepEqual(jobs.map((j) => j.id), [903]);
  const reset = await resetAuthenticationTokenRunner(client, 9);
  assert.equal(reset.token, "glrt-N3wT0k3nAfterReset");
  assert.deepEqual(rec.requests.map(sent), [
    "GET /projects/acme%2Fweb/runners",
    "GET /runners/9/jobs",
    "POST /runners/9/reset_authentication_token",
  ]);
  assert.deepEqual(query(rec.requests[1]), [["status", "running"]]);
});

Deno.test("deleteRunner() resolves to undefined; without admin rights it is GitLab's 403", async () => {
  const { rec, client } = setup([status(204), json({ message: "403 Forbidden" }, { status: 403 })]);
  assert.equal(await deleteRunner(client, 8), undefined);
  assert.equal(sent(rec.requests[0]), "DELETE /runners/8");
  const err = await deleteRunner(client, 1).catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError);
  assert.equal(err.status, 403);
  assert.match(err.message, /DELETE https:\/\/gitlab\.example\.com\/api\/v4\/runners\/1: 403 Forbidden/);
});
