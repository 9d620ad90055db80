import assert from "node:assert/strict";
import {
  createProjectDeployment,
  deleteProjectDeployment,
  editProjectDeployment,
  getProjectDeployment,
  getProjectEnvironment,
  listProjectDeployments,
  listProjectEnvironments,
  listProjectPipelines,
} from "@gitlab-edge/client";
import { SIM_SEED } from "@gitlab-edge/client/testing";
import { simTest } from "./_both.ts";
import { failure } from "./_errors.ts";

const { web, api, deployTools } = SIM_SEED.projects;

simTest("deployments: seeded list, ordering and filters", async ({ alice, bob, anonymous }) => {
  assert.equal((await failure(listProjectDeployments(anonymous, web.id).toArray())).status, 401);
  assert.equal((await failure(listProjectDeployments(bob, web.id).toArray())).status, 403);
  const list = await listProjectDeployments(alice, web.id).toArray();
  assert.deepEqual(list.map((d) => [d.iid, d.environment.name, d.status]), [
    [1, "production", "success"],
    [2, "staging", "failed"],
    [3, "staging", "success"],
  ]);
  assert.equal(list[0].deployable?.name, "deploy:production");
  assert.equal(list[0].deployable?.status, "success");
  assert.equal(list[1].deployable, null);
  assert.equal(list[0].user?.username, "alice");
  const desc = await listProjectDeployments(alice, web.id, { order_by: "created_at", sort: "desc" })
    .toArray();
  assert.deepEqual(desc.map((d) => d.iid), [3, 1, 2]);
  assert.deepEqual(
    (await listProjectDeployments(alice, web.id, { environment: "staging" }).toArray()).map((d) => d.iid),
    [2, 3],
  );
  assert.deepEqual(
    (await listProjectDeployments(alice, web.id, { status: "success" }).toArray()).map((d) => d.iid),
    [1, 3],
  );
  const since = list[2].updated_at;
  assert.deepEqual(
    (await listProjectDeployments(alice, web.id, { updated_after: since }).toArray()).map((d) => d.iid),
    [3],
  );
  assert.equal(
    (await failure(listProjectDeployments(alice, web.id, { finished_after: since }).toArray())).status,
    400,
  );
  assert.deepEqual(
    (await listProjectDeployments(alice, web.id, { status: "success", finished_after: since }).toArray()).map(
      (
        d,
      ) => d.iid,
    ),
    [3],
  );
  assert.equal((await listProjectDeployments(alice, api.id).toArray()).length, 1);
});

simTest("deployments: create (environment made on the fly), update status, get", async ({ alice, bob }) => {
  const [pipeline] = await listProjectPipelines(alice, web.id).toArray();
  const created = await createProjectDeployment(alice, web.id, {
    environment: "review/dark-mode",
    sha: pipeline.sha,
    ref: "main",
    tag: false,
    status: "running",
  });
  assert.equal(created.status, "running");
  assert.equal(created.iid, 4);
  assert.equal(created.environment.name, "review/dark-mode");
  assert.equal(created.deployable, null);
  const envs = await listProjectEnvironments(alice, web.id).toArray();
  assert.ok(envs.some((e) => e.name === "review/dark-mode"));
  const done = await editProjectDeployment(alice, web.id, created.id, { status: "success" });
  assert.equal(done.status, "success");
  assert.equal((await getProjectDeployment(alice, web.id, created.id)).status, "success");
  const env = await getProjectEnvironment(alice, web.id, created.environment.id);
  assert.equal(env.last_deployment?.id, created.id);

  // a deployment a job made is not updated through the API
  const [byJob] = await listProjectDeployments(alice, web.id, { environment: "production" }).toArray();
  assert.deepEqual(await failure(editProjectDeployment(alice, web.id, byJob.id, { status: "failed" })), {
    status: 403,
    body: { message: "403 Forbidden - Deployments created using GitLab CI can not be updated using the API" },
  });

  assert.deepEqual(
    await failure(
      createProjectDeployment(
        alice,
        web.id,
        { environment: "x", sha: pipeline.sha, ref: "main", tag: false } as {
          environment: string;
          sha: string;
          ref: string;
          tag: boolean;
          status: "success";
        },
      ),
    ),
    { status: 400, body: { error: "status is missing" } },
  );
  assert.deepEqual(
    await failure(
      createProjectDeployment(alice, web.id, {
        environment: "x",
        sha: pipeline.sha,
        ref: "main",
        tag: false,
        status: "blocked" as "success",
      }),
    ),
    { status: 400, body: { error: "status does not have a valid value" } },
  );
  assert.equal(
    (await failure(
      createProjectDeployment(bob, web.id, {
        environment: "x",
        sha: pipeline.sha,
        ref: "main",
        tag: false,
        status: "success",
      }),
    )).status,
    403,
  );
  assert.equal((await failure(getProjectDeployment(alice, web.id, 999))).status, 404);
});

simTest("deployments: delete is for maintainers, not for running or current ones", async ({ alice, bob }) => {
  const list = await listProjectDeployments(alice, web.id).toArray();
  const [failed, current] = [list[1], list[2]];
  assert.deepEqual(await failure(deleteProjectDeployment(alice, web.id, current.id)), {
    status: 400,
    body: { message: "Deployment currently deployed to environment" },
  });
  const running = await createProjectDeployment(alice, web.id, {
    environment: "staging",
    sha: current.sha,
    ref: "main",
    tag: false,
    status: "running",
  });
  assert.deepEqual(await failure(deleteProjectDeployment(alice, web.id, running.id)), {
    status: 400,
    body: { message: "Cannot destroy running deployment" },
  });
  const tools = await createProjectDeployment(bob, deployTools.id, {
    environment: "production",
    sha: current.sha,
    ref: "main",
    tag: false,
    status: "failed",
  });
  assert.equal((await failure(deleteProjectDeployment(bob, deployTools.id, tools.id))).status, 403);
  await deleteProjectDeployment(alice, web.id, failed.id);
  assert.equal((await failure(getProjectDeployment(alice, web.id, failed.id))).status, 404);
});
