import assert from "node:assert/strict";
import {
  createProjectRunner,
  deleteProjectRunner,
  deleteRunner,
  editRunner,
  getRunner,
  listProjectRunners,
  listRunners,
  listRunnersAll,
} from "@gitlab-edge/client";
import { SIM_SEED } from "@gitlab-edge/client/testing";
import { simTest } from "./_both.ts";
import { failure } from "./_errors.ts";

const { web, api, handbook, deployTools } = SIM_SEED.projects;

simTest("runners: own runners, all runners for admins, filters", async ({ alice, bob, admin, anonymous }) => {
  const own = await listRunners(alice).toArray();
  assert.deepEqual(own.map((r) => [r.description, r.runner_type, r.status]), [
    ["acme-builds", "project_type", "online"],
    ["deploy-tools-runner", "project_type", "stale"],
  ]);
  assert.deepEqual(await listRunners(bob).toArray(), []);
  assert.equal((await failure(listRunners(anonymous).toArray())).status, 401);
  assert.deepEqual(await failure(listRunnersAll(alice).toArray()), {
    status: 403,
    body: { message: "403 Forbidden" },
  });
  const all = await listRunnersAll(admin).toArray();
  assert.equal(all.length, 3);
  assert.deepEqual(
    (await listRunnersAll(admin, { type: "instance_type" }).toArray()).map((r) => r.is_shared),
    [true],
  );
  assert.deepEqual((await listRunnersAll(admin, { paused: true }).toArray()).map((r) => r.description), [
    "deploy-tools-runner",
  ]);
  assert.deepEqual((await listRunnersAll(admin, { status: "online" }).toArray()).length, 2);
  assert.deepEqual((await listRunners(alice, { tag_list: ["acme"] }).toArray()).map((r) => r.description), [
    "acme-builds",
  ]);
  assert.deepEqual(await failure(listRunnersAll(admin, { type: "x" as "instance_type" }).toArray()), {
    status: 400,
    body: { error: "type does not have a valid value" },
  });
});

simTest("runners: get and edit with GitLab's refusals", async ({ alice, bob, admin }) => {
  const [shared] = await listRunnersAll(admin, { type: "instance_type" }).toArray();
  const [builds] = await listRunners(alice, { tag_list: ["acme"] }).toArray();
  // an instance runner is visible to every signed-in user; a project runner to its owners
  assert.equal((await getRunner(bob, shared.id)).description, shared.description);
  assert.deepEqual(await failure(getRunner(bob, builds.id)), {
    status: 403,
    body: { message: "403 Forbidden - No access granted" },
  });
  const details = await getRunner(alice, builds.id);
  assert.deepEqual(details.projects.map((p) => p.path_with_namespace).sort(), ["acme/api", "acme/web"]);
  assert.deepEqual(details.tag_list, ["acme", "docker"]);
  assert.equal(details.access_level, "not_protected");
  const edited = await editRunner(alice, builds.id, {
    description: "acme builds (v2)",
    paused: true,
    tag_list: ["b", "a"],
  });
  assert.deepEqual([edited.description, edited.paused, edited.active, edited.tag_list], [
    "acme builds (v2)",
    true,
    false,
    ["a", "b"],
  ]);
  assert.deepEqual(await failure(editRunner(alice, shared.id, { description: "mine" })), {
    status: 403,
    body: { message: "403 Forbidden - No access granted" },
  });
  assert.equal((await editRunner(admin, shared.id, { maximum_timeout: 3600 })).maximum_timeout, 3600);
  assert.equal((await failure(editRunner(alice, builds.id, {}))).status, 400);
  assert.equal((await failure(getRunner(alice, 999))).status, 404);
});

simTest("runners: project runners list, enable and disable, delete", async ({ alice, bob, admin }) => {
  const onWeb = await listProjectRunners(alice, web.id).toArray();
  assert.deepEqual(onWeb.map((r) => r.description), ["shared-runner-1 (docker, linux/amd64)", "acme-builds"]);
  assert.deepEqual(
    (await listProjectRunners(alice, web.id, { type: "project_type" }).toArray()).map((r) => r.description),
    ["acme-builds"],
  );
  assert.equal((await failure(listProjectRunners(bob, deployTools.id).toArray())).status, 403);
  const builds = onWeb[1];
  const shared = onWeb[0];
  const enabled = await createProjectRunner(alice, handbook.id, { runner_id: builds.id });
  assert.equal(enabled.id, builds.id);
  assert.deepEqual(await failure(createProjectRunner(alice, handbook.id, { runner_id: builds.id })), {
    status: 409,
    body: { message: "Runner was already enabled for this project" },
  });
  assert.deepEqual(await failure(createProjectRunner(alice, handbook.id, { runner_id: shared.id })), {
    status: 403,
    body: { message: "403 Forbidden - No access granted" },
  });
  assert.deepEqual(await failure(deleteRunner(alice, builds.id)), {
    status: 403,
    body: { message: "403 Forbidden - Runner associated with more than one project" },
  });
  await deleteProjectRunner(alice, handbook.id, builds.id);
  await deleteProjectRunner(alice, api.id, builds.id);
  assert.deepEqual(await failure(deleteProjectRunner(alice, web.id, builds.id)), {
    status: 403,
    body: {
      message:
        "403 Forbidden - Only one project associated with the runner. Please remove the runner instead",
    },
  });
  assert.deepEqual(await failure(deleteProjectRunner(alice, api.id, builds.id)), {
    status: 404,
    body: { message: "404 Runner Not Found" },
  });
  assert.deepEqual(await failure(deleteRunner(alice, shared.id)), {
    status: 403,
    body: { message: "403 Forbidden - No access granted" },
  });
  await deleteRunner(alice, builds.id);
  assert.equal((await failure(getRunner(admin, builds.id))).status, 404);
  assert.equal((await listRunnersAll(admin).toArray()).length, 2);
});
