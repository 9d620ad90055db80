import assert from "node:assert/strict";
import {
  createProjectEnvironment,
  deleteProjectEnvironment,
  editProjectEnvironment,
  getProjectEnvironment,
  listProjectEnvironments,
  stopProjectEnvironment,
} from "@gitlab-edge/client";
import { SIM_SEED } from "@gitlab-edge/client/testing";
import { simTest } from "./_both.ts";
import { failure } from "./_errors.ts";

const { web, api, infra } = SIM_SEED.projects;

simTest("environments: seeded list, filters, and one with its last deployment", async ({ alice }) => {
  const list = await listProjectEnvironments(alice, web.id).toArray();
  assert.deepEqual(list.map((e) => [e.name, e.tier, e.state, e.external_url]), [
    ["production", "production", "available", "https://www.acme.example"],
    ["staging", "staging", "available", "https://staging.acme.example"],
  ]);
  assert.equal(list[0].last_deployment, undefined);
  assert.equal(list[0].project.path_with_namespace, "acme/web");
  assert.deepEqual(
    (await listProjectEnvironments(alice, web.id, { name: "staging" }).toArray()).map((e) => e.name),
    [
      "staging",
    ],
  );
  assert.deepEqual(
    (await listProjectEnvironments(alice, web.id, { search: "PROD" }).toArray()).map((e) => e.name),
    [
      "production",
    ],
  );
  assert.deepEqual(await listProjectEnvironments(alice, web.id, { states: "stopped" }).toArray(), []);
  assert.deepEqual(await failure(listProjectEnvironments(alice, web.id, { search: "pr" }).toArray()), {
    status: 400,
    body: { message: "400 Bad request - Search query is less than 3 characters" },
  });
  assert.deepEqual(
    await failure(listProjectEnvironments(alice, web.id, { name: "production", search: "prod" }).toArray()),
    { status: 400, body: { error: "name, search cannot be used together" } },
  );
  assert.equal((await listProjectEnvironments(alice, api.id).toArray()).length, 1);

  const staging = await getProjectEnvironment(alice, web.id, list[1].id);
  // the latest successful deployment, not the failed one before it
  assert.equal(staging.last_deployment?.status, "success");
  // GitLab presents one environment without `project`, its last deployment without `environment`
  assert.equal("project" in staging, false);
  assert.equal(staging.last_deployment !== null && "environment" in staging.last_deployment!, false);
  const prod = await getProjectEnvironment(alice, web.id, list[0].id);
  assert.equal(prod.last_deployment?.deployable?.name, "deploy:production");
  assert.deepEqual(await failure(getProjectEnvironment(alice, web.id, 999)), {
    status: 404,
    body: { message: "404 Not found" },
  });
});

simTest("environments: create, edit, and GitLab's validation errors", async ({ alice }) => {
  const review = await createProjectEnvironment(alice, web.id, {
    name: "review/fix-login",
    external_url: "https://fix-login.review.acme.example",
  });
  assert.equal(review.state, "available");
  assert.equal(review.tier, "development");
  assert.match(review.slug, /^review-fix-login-[0-9a-f]{6}$/);
  const qa = await createProjectEnvironment(alice, web.id, { name: "qa", tier: "testing" });
  assert.equal(qa.slug, "qa");
  assert.equal(qa.external_url, null);
  assert.deepEqual(await failure(createProjectEnvironment(alice, web.id, { name: "qa" })), {
    status: 400,
    body: { message: { name: ["has already been taken"] } },
  });
  assert.deepEqual(await failure(createProjectEnvironment(alice, web.id, {} as { name: string })), {
    status: 400,
    body: { error: "name is missing" },
  });
  assert.equal((await failure(createProjectEnvironment(alice, web.id, { name: "/bad/" }))).status, 400);
  assert.deepEqual(
    await failure(createProjectEnvironment(alice, web.id, { name: "x", tier: "live" as "production" })),
    { status: 400, body: { error: "tier does not have a valid value" } },
  );
  const edited = await editProjectEnvironment(alice, web.id, qa.id, {
    external_url: "https://qa.acme.example",
    tier: "staging",
    description: "QA sign-off",
  });
  assert.deepEqual([edited.external_url, edited.tier, edited.description], [
    "https://qa.acme.example",
    "staging",
    "QA sign-off",
  ]);
  assert.equal((await listProjectEnvironments(alice, web.id).toArray()).length, 4);
});

simTest("environments: delete only once stopped; access levels", async ({ alice, bob, anonymous }) => {
  const [prod] = await listProjectEnvironments(alice, web.id, { name: "production" }).toArray();
  assert.deepEqual(await failure(deleteProjectEnvironment(alice, web.id, prod.id)), {
    status: 403,
    body: { message: "403 Forbidden" },
  });
  assert.equal((await failure(stopProjectEnvironment(bob, web.id, prod.id))).status, 403);
  const stopped = await stopProjectEnvironment(alice, web.id, prod.id);
  assert.equal(stopped.state, "stopped");
  assert.deepEqual(
    (await listProjectEnvironments(alice, web.id, { states: "stopped" }).toArray()).map((e) => e.name),
    ["production"],
  );
  assert.equal((await failure(deleteProjectEnvironment(bob, web.id, prod.id))).status, 403);
  await deleteProjectEnvironment(alice, web.id, prod.id);
  assert.equal((await failure(getProjectEnvironment(alice, web.id, prod.id))).status, 404);

  assert.equal((await failure(listProjectEnvironments(anonymous, web.id).toArray())).status, 401);
  // environments are a reporter ability: a public project does not show them to non-members
  assert.deepEqual(await failure(listProjectEnvironments(bob, web.id).toArray()), {
    status: 403,
    body: { message: "403 Forbidden" },
  });
  assert.equal((await failure(createProjectEnvironment(bob, web.id, { name: "bob" }))).status, 403);
  // bob develops in acme/platform: he may create there
  assert.equal((await createProjectEnvironment(bob, infra.id, { name: "production" })).tier, "production");
});
