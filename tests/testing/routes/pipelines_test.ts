import assert from "node:assert/strict";
import {
  cancelProjectPipeline,
  createProjectPipeline,
  deleteProjectPipeline,
  editProjectPipelineMetadata,
  getProjectPipeline,
  getProjectPipelinesLatest,
  getProjectPipelineTestReport,
  getProjectPipelineTestReportSummary,
  listProjectPipelineJobs,
  listProjectPipelines,
  listProjectPipelineVariables,
  retryProjectPipeline,
} from "@gitlab-edge/client";
import { SIM_SEED } from "@gitlab-edge/client/testing";
import { simTest } from "./_both.ts";
import { failure } from "./_errors.ts";
import { raw } from "./_raw.ts";

const { web, api, deployTools, infra } = SIM_SEED.projects;

simTest("pipelines: seeded list, newest first, with GitLab's pagination headers", async (world) => {
  const list = await listProjectPipelines(world.alice, web.id).toArray();
  assert.deepEqual(list.map((p) => [p.iid, p.ref, p.status, p.source]), [
    [4, "main", "success", "web"],
    [3, "feature/login", "success", "push"],
    [2, "main", "failed", "push"],
    [1, "main", "success", "push"],
  ]);
  assert.equal(list[0].web_url, `${world.baseUrl}/acme/web/-/pipelines/${list[0].id}`);
  const res = await raw(world, `/projects/${web.id}/pipelines?per_page=2`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("x-total"), "4");
  assert.equal(res.headers.get("x-total-pages"), "2");
  assert.equal(res.headers.get("x-next-page"), "2");
  assert.match(res.headers.get("link") ?? "", /rel="next"/);
  assert.equal((await res.json()).length, 2);
  // a public project's pipelines are readable anonymously
  assert.equal((await listProjectPipelines(world.anonymous, web.id).toArray()).length, 4);
});

simTest("pipelines: filters and ordering", async ({ alice }) => {
  const ids = async (params: Parameters<typeof listProjectPipelines>[2]) =>
    (await listProjectPipelines(alice, web.id, params).toArray()).map((p) => p.iid);
  assert.deepEqual(await ids({ status: "failed" }), [2]);
  assert.deepEqual(await ids({ ref: "feature/login" }), [3]);
  assert.deepEqual(await ids({ source: "web" }), [4]);
  assert.deepEqual(await ids({ scope: "finished", sort: "asc" }), [1, 2, 3, 4]);
  assert.deepEqual(await ids({ scope: "running" }), []);
  assert.deepEqual(await ids({ scope: "branches" }), [4, 3]);
  assert.deepEqual(await ids({ username: "alice" }), [4, 3, 2, 1]);
  assert.deepEqual(await ids({ username: "bob" }), []);
  assert.deepEqual(await ids({ order_by: "ref", sort: "asc" }), [3, 1, 2, 4]);
  const all = await listProjectPipelines(alice, web.id).toArray();
  const sha = all.find((p) => p.ref === "feature/login")!.sha;
  assert.deepEqual(await ids({ sha }), [3]);
  const mid = all.find((p) => p.iid === 2)!.updated_at;
  assert.deepEqual(await ids({ updated_after: mid }), [4, 3, 2]);
  assert.deepEqual(await ids({ updated_before: mid }), [2, 1]);
  assert.deepEqual(
    await failure(listProjectPipelines(alice, web.id, { scope: "nope" as "tags" }).toArray()),
    {
      status: 400,
      body: { error: "scope does not have a valid value" },
    },
  );
  assert.deepEqual(
    await failure(listProjectPipelines(alice, web.id, { order_by: "name" as "id" }).toArray()),
    { status: 400, body: { error: "order_by does not have a valid value" } },
  );
});

simTest("pipelines: get one, the latest of a ref, and their jobs", async ({ alice, anonymous }) => {
  const [latest] = await listProjectPipelines(alice, web.id, { ref: "main" }).toArray();
  const one = await getProjectPipeline(alice, web.id, latest.id);
  assert.equal(one.name, null);
  assert.equal(one.user?.username, "alice");
  assert.equal(one.detailed_status.text, "Passed");
  assert.equal(one.coverage, "87.50");
  assert.equal(typeof one.duration, "number");
  assert.equal((await getProjectPipelinesLatest(alice, web.id)).id, latest.id);
  assert.equal(
    (await getProjectPipelinesLatest(alice, web.id, { ref: "feature/login" })).ref,
    "feature/login",
  );
  assert.equal((await failure(getProjectPipelinesLatest(alice, web.id, { ref: "nope" }))).status, 403);
  assert.deepEqual(await failure(getProjectPipeline(alice, web.id, 999)), {
    status: 404,
    body: { message: "404 Not found" },
  });
  // a pipeline of another project is not found through this one
  const [apiPipeline] = await listProjectPipelines(alice, api.id).toArray();
  assert.equal((await failure(getProjectPipeline(alice, web.id, apiPipeline.id))).status, 404);

  const jobs = await listProjectPipelineJobs(anonymous, web.id, latest.id).toArray();
  assert.deepEqual(jobs.map((j) => [j.stage, j.name, j.status]), [
    ["build", "build", "success"],
    ["test", "test:unit", "success"],
    ["test", "lint", "success"],
    ["deploy", "deploy:production", "manual"],
  ]);
  const manual = await listProjectPipelineJobs(alice, web.id, latest.id, { scope: ["manual"] }).toArray();
  assert.deepEqual(manual.map((j) => j.name), ["deploy:production"]);
  const two = await listProjectPipelineJobs(alice, web.id, latest.id, { scope: ["manual", "success"] })
    .toArray();
  assert.equal(two.length, 4);
  assert.deepEqual(
    await failure(
      listProjectPipelineJobs(alice, web.id, latest.id, { scope: ["bogus" as "manual"] }).toArray(),
    ),
    { status: 400, body: { error: "scope does not have a valid value" } },
  );
});

simTest(
  "pipelines: create runs build → test → deploy with source api and variables",
  async ({ alice, admin }) => {
    const p = await createProjectPipeline(alice, web.id, {
      ref: "main",
      variables: [{ key: "DEPLOY", value: "yes" }, { key: "CONFIG", value: "a=1", variable_type: "file" }],
    });
    assert.equal(p.status, "pending");
    assert.equal(p.source, "api");
    assert.equal(p.ref, "main");
    assert.equal(p.iid, 5);
    assert.equal(p.user?.username, "alice");
    assert.equal(p.started_at, null);
    const jobs = await listProjectPipelineJobs(alice, web.id, p.id).toArray();
    assert.deepEqual(jobs.map((j) => [j.name, j.status]), [
      ["build", "pending"],
      ["test:unit", "created"],
      ["lint", "created"],
      ["deploy:production", "created"],
    ]);
    assert.deepEqual(await listProjectPipelineVariables(alice, web.id, p.id).toArray(), [
      { variable_type: "env_var", key: "DEPLOY", value: "yes" },
      { variable_type: "file", key: "CONFIG", value: "a=1" },
    ]);
    assert.equal((await getProjectPipelinesLatest(alice, web.id)).id, p.id);
    const onBranch = await createProjectPipeline(admin, web.id, { ref: "feature/login" });
    assert.equal(onBranch.ref, "feature/login");
  },
);

simTest("pipelines: create refuses unknown refs, guests and protected branches", async (world) => {
  assert.deepEqual(await failure(createProjectPipeline(world.alice, web.id, { ref: "nope" })), {
    status: 400,
    body: { message: { base: ["Reference not found"] } },
  });
  assert.deepEqual(await failure(createProjectPipeline(world.alice, web.id, {} as { ref: string })), {
    status: 400,
    body: { error: "ref is missing" },
  });
  assert.equal((await failure(createProjectPipeline(world.anonymous, web.id, { ref: "main" }))).status, 401);
  // bob is no member of acme/web: he sees it, may not run pipelines
  assert.deepEqual(await failure(createProjectPipeline(world.bob, web.id, { ref: "main" })), {
    status: 403,
    body: { message: "403 Forbidden" },
  });
  // a developer may not run a pipeline on a protected branch
  const protectedRef = await failure(createProjectPipeline(world.bob, deployTools.id, { ref: "main" }));
  assert.equal(protectedRef.status, 400);
  assert.match(
    JSON.stringify(protectedRef.body),
    /You do not have sufficient permission to run a pipeline on 'main'/,
  );
});

simTest("pipelines: cancel, retry, then delete (owners only)", async ({ alice, bob, admin }) => {
  const p = await createProjectPipeline(alice, web.id, { ref: "main" });
  const canceled = await cancelProjectPipeline(alice, web.id, p.id);
  assert.equal(canceled.status, "canceled");
  assert.deepEqual(
    (await listProjectPipelineJobs(alice, web.id, p.id).toArray()).map((j) => j.status),
    ["canceled", "canceled", "canceled", "canceled"],
  );
  const retried = await retryProjectPipeline(alice, web.id, p.id);
  assert.equal(retried.status, "pending");
  const latestJobs = await listProjectPipelineJobs(alice, web.id, p.id).toArray();
  assert.deepEqual(latestJobs.map((j) => j.status), ["pending", "created", "created", "created"]);
  const withRetried = await listProjectPipelineJobs(alice, web.id, p.id, { include_retried: true }).toArray();
  assert.equal(withRetried.length, 8);

  // the failed seed pipeline: retrying runs its failed job again and un-skips the later stage
  const [failed] = await listProjectPipelines(alice, web.id, { status: "failed" }).toArray();
  const again = await retryProjectPipeline(alice, web.id, failed.id);
  assert.equal(again.status, "running");
  const jobs = await listProjectPipelineJobs(alice, web.id, failed.id).toArray();
  assert.deepEqual(jobs.map((j) => [j.name, j.status]).sort(), [
    ["build", "success"],
    ["deploy:production", "created"],
    ["lint", "success"],
    ["test:unit", "pending"],
  ]);

  assert.equal((await failure(retryProjectPipeline(bob, web.id, p.id))).status, 403);
  assert.equal((await failure(deleteProjectPipeline(bob, web.id, p.id))).status, 403);
  await deleteProjectPipeline(alice, web.id, p.id);
  assert.equal((await failure(getProjectPipeline(alice, web.id, p.id))).status, 404);
  assert.equal((await failure(listProjectPipelineJobs(alice, web.id, p.id).toArray())).status, 404);
  assert.equal((await failure(deleteProjectPipeline(admin, web.id, p.id))).status, 404);
});

simTest(
  "pipelines: variables need maintainer or the pipeline's author; private projects hide",
  async (world) => {
    const { alice, bob, anonymous } = world;
    const [p] = await listProjectPipelines(alice, web.id, { source: "web" }).toArray();
    assert.deepEqual(await listProjectPipelineVariables(alice, web.id, p.id).toArray(), [
      { variable_type: "env_var", key: "RUN_E2E", value: "true" },
    ]);
    assert.equal((await failure(listProjectPipelineVariables(bob, web.id, p.id).toArray())).status, 403);
    assert.equal(
      (await failure(listProjectPipelineVariables(anonymous, web.id, p.id).toArray())).status,
      403,
    );
    // acme/platform/infra is private: anonymous callers get 404 for the project
    assert.deepEqual(await failure(listProjectPipelines(anonymous, infra.id).toArray()), {
      status: 404,
      body: { message: "404 Project Not Found" },
    });
    assert.deepEqual(await listProjectPipelines(bob, infra.id).toArray(), []);
  },
);

simTest("pipelines: rename through metadata; empty test reports", async ({ alice, bob }) => {
  const [p] = await listProjectPipelines(alice, web.id).toArray();
  const renamed = await editProjectPipelineMetadata(alice, web.id, p.id, { name: "Nightly build" });
  assert.equal(renamed.name, "Nightly build");
  assert.equal((await getProjectPipeline(alice, web.id, p.id)).name, "Nightly build");
  assert.deepEqual(
    (await listProjectPipelines(alice, web.id, { name: "Nightly build" }).toArray()).map((x) => x.id),
    [p.id],
  );
  assert.equal((await failure(editProjectPipelineMetadata(bob, web.id, p.id, { name: "x" }))).status, 403);
  assert.deepEqual(await failure(editProjectPipelineMetadata(alice, web.id, p.id, {} as { name: string })), {
    status: 400,
    body: { error: "name is missing" },
  });
  const report = await getProjectPipelineTestReport(alice, web.id, p.id);
  assert.deepEqual([report.total_count, report.test_suites], [0, []]);
  const summary = await getProjectPipelineTestReportSummary(alice, web.id, p.id);
  assert.equal(summary.total.count, 0);
});
