import assert from "node:assert/strict";
import {
  cancelProjectJob,
  createProjectPipeline,
  deleteProjectArtifacts,
  deleteProjectJobArtifacts,
  eraseProjectJob,
  getProjectJob,
  getProjectJobArtifact,
  getProjectJobArtifacts,
  getProjectJobsArtifactDownload,
  getProjectJobsArtifactRaw,
  getProjectJobTrace,
  keepProjectJobArtifacts,
  listProjectJobs,
  listProjectPipelineBridges,
  listProjectPipelineJobs,
  listProjectPipelines,
  playProjectJob,
  retryProjectJob,
} from "@gitlab-edge/client";
import { SIM_SEED, SIM_USER_TOKEN } from "@gitlab-edge/client/testing";
import { simTest } from "./_both.ts";
import { bytesOf, failure } from "./_errors.ts";
import { raw } from "./_raw.ts";

const { web, infra } = SIM_SEED.projects;
const text = (b: Uint8Array) => new TextDecoder().decode(b);

simTest("jobs: project list, newest first, one or many scopes, no totals", async (world) => {
  const { alice } = world;
  const all = await listProjectJobs(alice, web.id).toArray();
  assert.equal(all.length, 16);
  assert.deepEqual(all.map((j) => j.id), [...all.map((j) => j.id)].sort((a, b) => b - a));
  const failed = await listProjectJobs(alice, web.id, { scope: ["failed"] }).toArray();
  assert.deepEqual(failed.map((j) => [j.name, j.failure_reason]), [["test:unit", "script_failure"]]);
  const some = await listProjectJobs(alice, web.id, { scope: ["failed", "manual"] }).toArray();
  assert.deepEqual(some.map((j) => j.status).sort(), ["failed", "manual", "manual"]);
  const skipped = await listProjectJobs(alice, web.id, { scope: ["skipped"] }).toArray();
  assert.deepEqual(skipped.map((j) => j.name), ["deploy:production"]);
  assert.deepEqual(
    await failure(listProjectJobs(alice, web.id, { scope: ["nope" as "failed"] }).toArray()),
    { status: 400, body: { error: "scope does not have a valid value" } },
  );
  // offset pages without X-Total (GitLab counts nothing here); keyset pages by cursor
  const page = await raw(world, `/projects/${web.id}/jobs?per_page=5&scope=success`, SIM_USER_TOKEN);
  assert.equal(page.status, 200);
  assert.equal(page.headers.get("x-total"), null);
  assert.equal(page.headers.get("x-next-page"), "2");
  const keyset = await raw(world, `/projects/${web.id}/jobs?pagination=keyset&per_page=10`, SIM_USER_TOKEN);
  const first = await keyset.json() as { id: number }[];
  assert.equal(first.length, 10);
  const next = /<([^>]+)>; rel="next"/.exec(keyset.headers.get("link") ?? "")?.[1];
  assert.ok(next?.includes("cursor="));
  const rest = await (await raw(world, next!.slice(next!.indexOf("/projects")), SIM_USER_TOKEN)).json();
  assert.equal(rest.length, 6);
  assert.ok(rest[0].id < first[9].id);
  // the library's iterator (keyset for signed-in callers) sees every job once
  const paged = await listProjectJobs(alice, web.id, { per_page: 3 }).toArray();
  assert.deepEqual(paged.map((j) => j.id), all.map((j) => j.id));
});

simTest(
  "jobs: get one with commit, pipeline, runner and artifacts; 401 and 404s",
  async ({ alice, anonymous, bob }) => {
    const [build] = await listProjectJobs(alice, web.id, { scope: ["success"] }).toArray().then((js) =>
      js.filter((j) => j.name === "build").slice(-1)
    );
    const job = await getProjectJob(alice, web.id, build.id);
    assert.equal(job.stage, "build");
    assert.equal(job.ref, "main");
    assert.equal(job.runner?.description, "acme-builds");
    assert.equal(job.user?.username, "alice");
    assert.equal(job.commit.id, job.pipeline.sha);
    assert.equal(job.artifacts_file?.filename, "artifacts.zip");
    assert.deepEqual(job.artifacts.map((a) => a.file_type), ["archive", "trace"]);
    assert.equal(typeof job.duration, "number");
    assert.equal(job.failure_reason, undefined);
    assert.equal((await failure(getProjectJob(anonymous, web.id, build.id))).status, 401);
    assert.deepEqual(await failure(getProjectJob(alice, web.id, 9999)), {
      status: 404,
      body: { message: "404 Not found" },
    });
    assert.equal((await getProjectJob(bob, web.id, build.id)).id, build.id);
    assert.deepEqual(await listProjectJobs(bob, infra.id).toArray(), []);
  },
);

simTest("jobs: the log is text/plain bytes, the archive a zip, one file by path", async (world) => {
  const { alice } = world;
  const jobs = await listProjectJobs(alice, web.id).toArray();
  const build = jobs.filter((j) => j.name === "build").at(-1)!;
  const failedJob = jobs.find((j) => j.status === "failed")!;
  const log = text(await bytesOf(await getProjectJobTrace(alice, web.id, build.id)));
  assert.match(log, /^Running with gitlab-runner/);
  assert.match(log, /\$ npm run build\n/);
  assert.match(log, /Job succeeded\n$/);
  assert.match(
    text(await bytesOf(await getProjectJobTrace(alice, web.id, failedJob.id))),
    /ERROR: Job failed/,
  );
  const res = await raw(world, `/projects/${web.id}/jobs/${build.id}/trace`, SIM_USER_TOKEN);
  assert.equal(res.headers.get("content-type"), "text/plain");
  assert.equal(res.headers.get("content-disposition"), `infile; filename="${build.id}.log"`);
  assert.equal(await res.text(), log);

  const zip = await bytesOf(await getProjectJobArtifacts(alice, web.id, build.id));
  assert.deepEqual([...zip.slice(0, 4)], [0x50, 0x4b, 0x03, 0x04]);
  assert.ok(text(zip).includes("dist/app.js"));
  assert.equal(zip.length, (await getProjectJob(alice, web.id, build.id)).artifacts_file?.size);
  const head = await raw(world, `/projects/${web.id}/jobs/${build.id}/artifacts`, SIM_USER_TOKEN);
  assert.equal(head.headers.get("content-type"), "application/octet-stream");
  assert.match(head.headers.get("content-disposition") ?? "", /^attachment; filename="artifacts.zip"/);
  await head.body?.cancel();
  const file = await bytesOf(await getProjectJobArtifact(alice, web.id, build.id, "dist/app.js"));
  assert.equal(text(file), 'console.log("acme");\n');
  const slashed = await raw(
    world,
    `/projects/${web.id}/jobs/${build.id}/artifacts/dist/index.html`,
    SIM_USER_TOKEN,
  );
  assert.equal(slashed.headers.get("content-type"), "text/html; charset=utf-8");
  assert.match(await slashed.text(), /<title>Acme<\/title>/);
  assert.deepEqual(await failure(getProjectJobArtifact(alice, web.id, build.id, "dist/missing.js")), {
    status: 404,
    body: { message: "404 Not found" },
  });
  // a job without artifacts: 404
  const lint = jobs.find((j) => j.name === "lint")!;
  assert.deepEqual(await failure(getProjectJobArtifacts(alice, web.id, lint.id)), {
    status: 404,
    body: { message: "404 Not found" },
  });
});

simTest("jobs: retry makes a new job, cancel, play a manual one, erase", async ({ alice, bob }) => {
  const jobs = await listProjectJobs(alice, web.id).toArray();
  const failedJob = jobs.find((j) => j.status === "failed")!;
  const retried = await retryProjectJob(alice, web.id, failedJob.id);
  assert.notEqual(retried.id, failedJob.id);
  assert.equal(retried.name, "test:unit");
  assert.equal(retried.status, "pending");
  assert.equal(retried.pipeline.id, failedJob.pipeline.id);
  assert.deepEqual(await failure(retryProjectJob(alice, web.id, failedJob.id)), {
    status: 403,
    body: { message: "403 Forbidden - Job is not retryable" },
  });
  const canceled = await cancelProjectJob(alice, web.id, retried.id);
  assert.equal(canceled.status, "canceled");
  const pipelines = await listProjectPipelines(alice, web.id, { status: "canceled" }).toArray();
  assert.deepEqual(pipelines.map((p) => p.id), [failedJob.pipeline.id]);

  const manual = jobs.find((j) => j.status === "manual")!;
  assert.equal((await failure(playProjectJob(bob, web.id, manual.id))).status, 403);
  const played = await playProjectJob(alice, web.id, manual.id);
  assert.equal(played.status, "pending");
  assert.deepEqual(await failure(playProjectJob(alice, web.id, manual.id)), {
    status: 400,
    body: { message: "400 Bad request - Unplayable Job" },
  });
  const pipeline = await listProjectPipelineJobs(alice, web.id, manual.pipeline.id).toArray();
  assert.equal(pipeline.find((j) => j.id === manual.id)?.status, "pending");

  const build = jobs.filter((j) => j.name === "build").at(-1)!;
  const erased = await eraseProjectJob(alice, web.id, build.id);
  assert.equal(typeof erased.erased_at, "string");
  assert.deepEqual(erased.artifacts, []);
  assert.equal(text(await bytesOf(await getProjectJobTrace(alice, web.id, build.id))), "");
  assert.equal((await failure(getProjectJobArtifacts(alice, web.id, build.id))).status, 404);
  assert.deepEqual(await failure(eraseProjectJob(alice, web.id, build.id)), {
    status: 403,
    body: { message: "403 Forbidden - Job is not erasable!" },
  });
  // a pending job has nothing to erase yet
  const p = await createProjectPipeline(alice, web.id, { ref: "main" });
  const [pending] = await listProjectPipelineJobs(alice, web.id, p.id, { scope: ["pending"] }).toArray();
  assert.equal((await failure(eraseProjectJob(alice, web.id, pending.id))).status, 403);
  assert.equal(text(await bytesOf(await getProjectJobTrace(alice, web.id, pending.id))), "");
});

simTest("jobs: artifacts by ref and job name, keep, delete; bridges", async ({ alice, bob }) => {
  const zip = await bytesOf(await getProjectJobsArtifactDownload(alice, web.id, "main", { job: "build" }));
  assert.deepEqual([...zip.slice(0, 4)], [0x50, 0x4b, 0x03, 0x04]);
  const file = await bytesOf(
    await getProjectJobsArtifactRaw(alice, web.id, "main", "dist/app.js", { job: "build" }),
  );
  assert.equal(text(file), 'console.log("acme");\n');
  assert.deepEqual(await failure(getProjectJobsArtifactDownload(alice, web.id, "main", { job: "lint" })), {
    status: 404,
    body: { message: "404 Not found" },
  });
  assert.equal(
    (await failure(getProjectJobsArtifactDownload(alice, web.id, "nope", { job: "build" }))).status,
    404,
  );

  const builds = (await listProjectJobs(alice, web.id).toArray()).filter((j) => j.name === "build");
  const kept = await keepProjectJobArtifacts(alice, web.id, builds[0].id);
  assert.equal(kept.artifacts_expire_at, null);
  assert.equal((await failure(deleteProjectJobArtifacts(bob, web.id, builds[0].id))).status, 403);
  await deleteProjectJobArtifacts(alice, web.id, builds[0].id);
  assert.equal((await failure(getProjectJobArtifacts(alice, web.id, builds[0].id))).status, 404);
  assert.equal((await getProjectJob(alice, web.id, builds[0].id)).artifacts_file, undefined);
  // the next older build's archive is still there; deleting the project's artifacts removes it too
  assert.ok((await bytesOf(await getProjectJobArtifacts(alice, web.id, builds[1].id))).length > 0);
  assert.deepEqual(await deleteProjectArtifacts(alice, web.id), { message: "202 Accepted" });
  assert.equal((await failure(getProjectJobArtifacts(alice, web.id, builds[1].id))).status, 404);

  const [pipeline] = await listProjectPipelines(alice, web.id).toArray();
  assert.deepEqual(await listProjectPipelineBridges(alice, web.id, pipeline.id).toArray(), []);
});
