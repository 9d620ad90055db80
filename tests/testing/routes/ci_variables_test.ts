import assert from "node:assert/strict";
import {
  createAdminCiVariable,
  createGroupVariable,
  createProjectVariable,
  deleteAdminCiVariable,
  deleteGroupVariable,
  deleteProjectVariable,
  editAdminCiVariable,
  editGroupVariable,
  editProjectVariable,
  getAdminCiVariable,
  getGroupVariable,
  getProjectVariable,
  listAdminCiVariables,
  listGroupVariables,
  listProjectVariables,
} from "@gitlab-edge/client";
import { SIM_SEED } from "@gitlab-edge/client/testing";
import { simTest } from "./_both.ts";
import { failure } from "./_errors.ts";

const { web, infra } = SIM_SEED.projects;
const { acme, platform } = SIM_SEED.groups;

simTest("variables: project list and get, environment scopes", async ({ alice }) => {
  const list = await listProjectVariables(alice, web.id).toArray();
  assert.deepEqual(list.map((v) => [v.key, v.environment_scope, v.variable_type]), [
    ["NODE_ENV", "*", "env_var"],
    ["DEPLOY_TOKEN", "*", "env_var"],
    ["API_URL", "production", "env_var"],
    ["API_URL", "staging", "env_var"],
    ["KUBECONFIG", "*", "file"],
  ]);
  assert.deepEqual(await getProjectVariable(alice, web.id, "NODE_ENV"), {
    variable_type: "env_var",
    key: "NODE_ENV",
    value: "production",
    hidden: false,
    protected: false,
    masked: false,
    raw: false,
    environment_scope: "*",
    description: null,
  });
  assert.deepEqual(await failure(getProjectVariable(alice, web.id, "API_URL")), {
    status: 409,
    body: {
      message:
        "There are multiple variables with provided parameters. Please use 'filter[environment_scope]'",
    },
  });
  const staging = await getProjectVariable(alice, web.id, "API_URL", {
    filter: { environment_scope: "staging" },
  });
  assert.equal(staging.value, "https://staging-api.acme.example");
  assert.deepEqual(await failure(getProjectVariable(alice, web.id, "NOPE")), {
    status: 404,
    body: { message: "404 Variable Not Found" },
  });
});

simTest("variables: create, update and delete with GitLab's validation", async ({ alice }) => {
  const made = await createProjectVariable(alice, web.id, {
    key: "SENTRY_DSN",
    value: "https://sentry.example/1",
    protected: true,
    variable_type: "env_var",
    description: "Error reporting",
  });
  assert.deepEqual([made.key, made.protected, made.masked, made.environment_scope, made.description], [
    "SENTRY_DSN",
    true,
    false,
    "*",
    "Error reporting",
  ]);
  assert.deepEqual(await failure(createProjectVariable(alice, web.id, { key: "SENTRY_DSN", value: "x" })), {
    status: 400,
    body: { message: { key: ["(SENTRY_DSN) has already been taken"] } },
  });
  // the same key in another environment scope is another variable
  const scoped = await createProjectVariable(alice, web.id, {
    key: "SENTRY_DSN",
    value: "https://sentry.example/2",
    environment_scope: "staging",
  });
  assert.equal(scoped.environment_scope, "staging");
  assert.deepEqual(await failure(createProjectVariable(alice, web.id, { key: "BAD-KEY", value: "x" })), {
    status: 400,
    body: { message: { key: ["can contain only letters, digits and '_'."] } },
  });
  assert.deepEqual(
    await failure(createProjectVariable(alice, web.id, { key: "K".repeat(256), value: "x" })),
    {
      status: 400,
      body: { message: { key: ["is too long (maximum is 255 characters)"] } },
    },
  );
  assert.deepEqual(
    await failure(createProjectVariable(alice, web.id, { key: "SHORT", value: "abc", masked: true })),
    {
      status: 400,
      body: { message: { value: ["is invalid"] } },
    },
  );
  assert.deepEqual(
    await failure(
      createProjectVariable(alice, web.id, { key: "SPACED", value: "has spaces in it", masked: true }),
    ),
    { status: 400, body: { message: { value: ["is invalid"] } } },
  );
  assert.equal(
    (await createProjectVariable(alice, web.id, { key: "TOKEN", value: "abc:def@ghi~1", masked: true }))
      .masked,
    true,
  );
  assert.deepEqual(
    await failure(
      createProjectVariable(alice, web.id, { key: "NO_VALUE" } as { key: string; value: string }),
    ),
    {
      status: 400,
      body: { error: "value is missing" },
    },
  );
  assert.deepEqual(
    await failure(
      createProjectVariable(alice, web.id, { key: "T", value: "v", variable_type: "yaml" as "file" }),
    ),
    { status: 400, body: { error: "variable_type does not have a valid value" } },
  );
  const hidden = await createProjectVariable(alice, web.id, {
    key: "SECRET",
    value: "s3cr3t-value",
    masked_and_hidden: true,
  });
  assert.deepEqual([hidden.value, hidden.hidden, hidden.masked], [null, true, true]);

  const updated = await editProjectVariable(alice, web.id, "NODE_ENV", {
    value: "staging",
    variable_type: "file",
  });
  assert.deepEqual([updated.value, updated.variable_type], ["staging", "file"]);
  assert.deepEqual(
    await failure(editProjectVariable(alice, web.id, "NODE_ENV", { masked: true, value: "x" })),
    {
      status: 400,
      body: { message: { value: ["is invalid"] } },
    },
  );
  assert.equal((await getProjectVariable(alice, web.id, "NODE_ENV")).value, "staging");
  await deleteProjectVariable(alice, web.id, "API_URL", { filter: { environment_scope: "production" } });
  assert.equal((await getProjectVariable(alice, web.id, "API_URL")).environment_scope, "staging");
  await deleteProjectVariable(alice, web.id, "API_URL");
  assert.equal((await failure(deleteProjectVariable(alice, web.id, "API_URL"))).status, 404);
});

simTest("variables: maintainers only; anonymous 401", async ({ bob, anonymous, admin }) => {
  assert.deepEqual(await failure(listProjectVariables(bob, web.id).toArray()), {
    status: 403,
    body: { message: "403 Forbidden" },
  });
  // a developer of acme/platform may not read infra's variables either
  assert.equal((await failure(listProjectVariables(bob, infra.id).toArray())).status, 403);
  assert.equal((await failure(createProjectVariable(bob, infra.id, { key: "A", value: "b" }))).status, 403);
  assert.equal((await failure(listProjectVariables(anonymous, web.id).toArray())).status, 401);
  assert.equal((await listProjectVariables(admin, web.id).toArray()).length, 5);
});

simTest("variables: group level", async ({ alice, bob }) => {
  assert.deepEqual((await listGroupVariables(alice, acme.id).toArray()).map((v) => v.key), [
    "REGISTRY_MIRROR",
  ]);
  assert.equal((await failure(listGroupVariables(bob, platform.id).toArray())).status, 403);
  const v = await createGroupVariable(alice, platform.id, {
    key: "TF_VERSION",
    value: "1.6.6",
    protected: true,
  });
  assert.deepEqual([v.key, v.protected, v.environment_scope], ["TF_VERSION", true, "*"]);
  assert.deepEqual(
    await failure(createGroupVariable(alice, platform.id, { key: "TF_VERSION", value: "1" })),
    {
      status: 400,
      body: { message: { key: ["(TF_VERSION) has already been taken"] } },
    },
  );
  assert.equal((await getGroupVariable(alice, platform.id, "TF_VERSION")).value, "1.6.6");
  assert.equal(
    (await editGroupVariable(alice, platform.id, "TF_VERSION", { value: "1.7.0" })).value,
    "1.7.0",
  );
  await deleteGroupVariable(alice, platform.id, "TF_VERSION");
  assert.equal((await failure(getGroupVariable(alice, platform.id, "TF_VERSION"))).status, 404);
});

simTest("variables: instance level is for administrators", async ({ alice, admin }) => {
  assert.deepEqual(await failure(listAdminCiVariables(alice).toArray()), {
    status: 403,
    body: { message: "403 Forbidden" },
  });
  const [company] = await listAdminCiVariables(admin).toArray();
  assert.deepEqual(company, {
    variable_type: "env_var",
    key: "COMPANY",
    value: "acme",
    protected: false,
    masked: false,
    raw: false,
    description: "Used by every pipeline",
  });
  await createAdminCiVariable(admin, { key: "REGION", value: "eu-west-1" });
  assert.deepEqual(await failure(createAdminCiVariable(admin, { key: "REGION", value: "us" })), {
    status: 400,
    body: { message: { key: ["(REGION) has already been taken"] } },
  });
  assert.equal((await editAdminCiVariable(admin, "REGION", { value: "eu-central-1" })).value, "eu-central-1");
  assert.equal((await getAdminCiVariable(admin, "REGION")).value, "eu-central-1");
  await deleteAdminCiVariable(admin, "REGION");
  assert.equal((await failure(getAdminCiVariable(admin, "REGION"))).status, 404);
});
