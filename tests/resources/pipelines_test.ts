import assert from "node:assert/strict";
import {
  cancelProjectPipeline,
  createClient,
  createProjectPipeline,
  deleteProjectPipeline,
  getProjectPipeline,
  getProjectPipelinesLatest,
  GitLabHTTPError,
  listProjectPipelines,
  listProjectPipelineVariables,
  retryProjectPipeline,
} from "@gitlab-edge/client";
import { json, type Recorded, recorder, status } from "../_helpers.ts";

const API = "https://gitlab.example.com/api/v4";
const P = "/projects/acme%2Fweb";

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

function pipeline(id: number, status: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    iid: id - 40,
    project_id: 7,
    status,
    source: "push",
    ref: "main",
    sha: "a91957a858320c0e17f3a0eca7cfacbff50ea29a",
    web_url: `https://gitlab.example.com/acme/web/-/pipelines/${id}`,
    created_at: "2024-05-02T10:15:00.000Z",
    updated_at: "2024-05-02T10:21:09.000Z",
    ...extra,
  };
}

Deno.test("listProjectPipelines() sends scope and status and follows Link rel=next across three pages", async () => {
  const next = (page: number) => ({
    link: `<${API}${P}/pipelines?per_page=2&scope=finished&status=success&page=${page}>; rel="next"`,
  });
  const { rec, client } = setup([
    json([pipeline(50, "success"), pipeline(49, "success")], { headers: next(2) }),
    json([pipeline(48, "success"), pipeline(47, "success")], { headers: next(3) }),
    json([pipeline(45, "success")]),
  ]);
  const list = listProjectPipelines(client, "acme/web", {
    scope: "finished",
    status: "success",
    per_page: 2,
  });
  const ids: number[] = [];
  for await (const p of list) {
    assert.equal(p.status, "success");
    ids.push(p.id as number);
  }
  assert.deepEqual(ids, [50, 49, 48, 47, 45]);
  assert.deepEqual(rec.requests.map(sent), Array(3).fill(`GET ${P}/pipelines`));
  assert.deepEqual(query(rec.requests[0]), [["scope", "finished"], ["status", "success"], ["per_page", "2"]]);
  assert.equal(rec.requests[1].url, `${API}${P}/pipelines?per_page=2&scope=finished&status=success&page=2`);
  assert.equal(rec.requests[2].url, `${API}${P}/pipelines?per_page=2&scope=finished&status=success&page=3`);
  assert.equal(rec.requests[0].headers["private-token"], "glpat-test");
});

Deno.test("listProjectPipelines().count() reads X-Total from one HEAD request", async () => {
  const { rec, client } = setup([status(200, { "x-total": "137", "x-per-page": "20", "x-page": "1" })]);
  const count = await listProjectPipelines(client, "acme/web", { ref: "main", status: "failed" }).count();
  assert.deepEqual(count, { total: 137, exact: true, atLeast: 137 });
  assert.equal(rec.requests.length, 1);
  assert.equal(rec.requests[0].method, "HEAD");
  assert.deepEqual(query(rec.requests[0]), [["ref", "main"], ["status", "failed"]]);
});

Deno.test("createProjectPipeline() posts the ref and a variables array of objects", async () => {
  const { rec, client } = setup([json(pipeline(51, "created", { source: "api" }), { status: 201 })]);
  const created = await createProjectPipeline(client, "acme/web", {
    ref: "release/1.4",
    variables: [
      { key: "DEPLOY_ENV", value: "staging" },
      { key: "KUBECONFIG", value: "apiVersion: v1\nkind: Config\n", variable_type: "file" },
    ],
  });
  assert.equal(sent(rec.requests[0]), `POST ${P}/pipeline`);
  assert.equal(rec.requests[0].headers["content-type"], "application/json");
  assert.deepEqual(JSON.parse(rec.requests[0].body), {
    ref: "release/1.4",
    variables: [
      { key: "DEPLOY_ENV", value: "staging" },
      { key: "KUBECONFIG", value: "apiVersion: v1\nkind: Config\n", variable_type: "file" },
    ],
  });
  assert.equal(created.id, 51);
  assert.equal(created.status, "created");
  assert.equal(created.source, "api");
});

Deno.test("getProjectPipeline(), retryProjectPipeline(), cancelProjectPipeline() hit the pipeline's routes", async () => {
  const { rec, client } = setup([
    json(pipeline(47, "failed", { duration: 312, user: { id: 3, username: "alice" } })),
    json(pipeline(47, "pending")),
    json(pipeline(47, "canceled")),
  ]);
  const got = await getProjectPipeline(client, 7, 47);
  assert.equal(got.duration, 312);
  assert.equal((got.user as { username: string }).username, "alice");
  assert.equal((await retryProjectPipeline(client, 7, 47)).status, "pending");
  assert.equal((await cancelProjectPipeline(client, 7, 47)).status, "canceled");
  assert.deepEqual(rec.requests.map(sent), [
    "GET /projects/7/pipelines/47",
    "POST /projects/7/pipelines/47/retry",
    "POST /projects/7/pipelines/47/cancel",
  ]);
  assert.deepEqual(rec.requests.map((r) => r.body), ["", "", ""]);
});

Deno.test("deleteProjectPipeline() resolves to undefined on 204 and rejects with GitLab's 403", async () => {
  const { rec, client } = setup([
    status(204),
    json({ message: "403 Forbidden" }, { status: 403 }),
  ]);
  assert.equal(await deleteProjectPipeline(client, "acme/web", 47), undefined);
  assert.equal(sent(rec.requests[0]), `DELETE ${P}/pipelines/47`);
  const err = await deleteProjectPipeline(client, "acme/web", 48).catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError);
  assert.equal(err.status, 403);
  assert.match(
    err.message,
    /^DELETE https:\/\/gitlab\.example\.com\/api\/v4\/projects\/acme%2Fweb\/pipelines\/48: 403/,
  );
  assert.deepEqual(err.body, { message: "403 Forbidden" });
});

Deno.test("getProjectPipelinesLatest() asks for a ref; listProjectPipelineVariables() returns its variables", async () => {
  const { rec, client } = setup([
    json(pipeline(52, "running", { ref: "develop" })),
    json([{ key: "RUN_NIGHTLY_BUILD", variable_type: "env_var", value: "true" }]),
  ]);
  const latest = await getProjectPipelinesLatest(client, "acme/web", { ref: "develop" });
  assert.equal(latest.ref, "develop");
  assert.equal(sent(rec.requests[0]), `GET ${P}/pipelines/latest`);
  assert.deepEqual(query(rec.requests[0]), [["ref", "develop"]]);
  const vars = await listProjectPipelineVariables(client, "acme/web", 52).toArray();
  assert.deepEqual(vars, [{ key: "RUN_NIGHTLY_BUILD", variable_type: "env_var", value: "true" }]);
  assert.equal(sent(rec.requests[1]), `GET ${P}/pipelines/52/variables`);
});
