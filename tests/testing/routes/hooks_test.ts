import assert from "node:assert/strict";
import {
  createGroupHook,
  createProjectHook,
  createProjectHookTest,
  deleteGroupHook,
  deleteProjectHook,
  editProjectHook,
  getGroupHook,
  getProjectHook,
  listGroupHooks,
  listProjectHooks,
} from "@gitlab-edge/client";
import { SIM_SEED } from "@gitlab-edge/client/testing";
import { simTest } from "./_both.ts";
import { failure } from "./_errors.ts";

const { acme, platform } = SIM_SEED.groups;
const { web, handbook, infra } = SIM_SEED.projects;

simTest("hooks: the seeded acme/web hook, never with its token", async ({ alice }) => {
  const hooks = await listProjectHooks(alice, web.id).toArray();
  assert.equal(hooks.length, 1);
  const [h] = hooks;
  assert.equal(h.url, "https://ci.acme.example/hooks/gitlab");
  assert.equal(h.project_id, web.id);
  assert.equal(h.push_events, true);
  assert.equal(h.merge_requests_events, true);
  assert.equal(h.issues_events, false);
  assert.equal(h.enable_ssl_verification, true);
  assert.equal(h.push_events_branch_filter, "main");
  assert.ok(!("token" in h));
  assert.deepEqual(await getProjectHook(alice, web.id, h.id), h);
});

simTest("hooks: create, edit, delete with validation and event flags", async ({ alice }) => {
  const h = await createProjectHook(alice, handbook.id, {
    url: "https://example.com/hook",
    issues_events: true,
    push_events: false,
    token: "s3cret",
  });
  assert.equal(h.issues_events, true);
  assert.equal(h.push_events, false);
  assert.ok(!("token" in h));
  for (const url of ["not a url", "ftp://example.com/x", "http://127.0.0.1:8080/", "http://localhost/h"]) {
    assert.deepEqual(await failure(createProjectHook(alice, handbook.id, { url })), {
      status: 422,
      body: { message: "Invalid url given" },
    }, url);
  }
  assert.deepEqual(await failure(createProjectHook(alice, handbook.id, {} as never)), {
    status: 400,
    body: { error: "url is missing" },
  });
  const edited = await editProjectHook(alice, handbook.id, h.id, {
    url: "https://example.com/v2",
    note_events: true,
  });
  assert.equal(edited.url, "https://example.com/v2");
  assert.equal(edited.note_events, true);
  assert.equal(edited.issues_events, true);
  assert.equal((await failure(editProjectHook(alice, handbook.id, h.id, { url: "nope" }))).status, 422);
  assert.equal((await getProjectHook(alice, handbook.id, h.id)).url, "https://example.com/v2");
  await deleteProjectHook(alice, handbook.id, h.id);
  assert.deepEqual(await failure(getProjectHook(alice, handbook.id, h.id)), {
    status: 404,
    body: { message: "404 Not found" },
  });
});

simTest("hooks: maintainers only; anonymous 401", async ({ bob, anonymous, alice }) => {
  assert.equal((await failure(listProjectHooks(anonymous, web.id).toArray())).status, 401);
  assert.equal((await failure(listProjectHooks(bob, web.id).toArray())).status, 403);
  // bob is a developer of infra: still not enough
  assert.equal((await failure(listProjectHooks(bob, infra.id).toArray())).status, 403);
  assert.equal(
    (await failure(createGroupHook(bob, platform.id, { url: "https://example.com" }))).status,
    403,
  );
  assert.deepEqual(await listGroupHooks(alice, acme.id).toArray(), []);
});

simTest("hooks: test endpoint triggers and group hooks", async ({ alice }) => {
  const [h] = await listProjectHooks(alice, web.id).toArray();
  assert.deepEqual(await createProjectHookTest(alice, web.id, h.id, "push_events"), {
    message: "201 Created",
  });
  assert.deepEqual(await failure(createProjectHookTest(alice, web.id, h.id, "bogus_events")), {
    status: 400,
    body: { error: "trigger does not have a valid value" },
  });
  const empty = await createProjectHook(alice, SIM_SEED.projects.api.id, { url: "https://example.com/h" });
  assert.equal(
    (await createProjectHookTest(alice, SIM_SEED.projects.api.id, empty.id, "issues_events")).message,
    "201 Created",
  );

  const g = await createGroupHook(alice, acme.id, { url: "https://example.com/g", subgroup_events: true });
  assert.equal(g.group_id, acme.id);
  assert.equal(g.subgroup_events, true);
  assert.equal(g.push_events, true);
  assert.deepEqual(await getGroupHook(alice, acme.id, g.id), g);
  await deleteGroupHook(alice, acme.id, g.id);
  assert.deepEqual(await listGroupHooks(alice, acme.id).toArray(), []);
});
