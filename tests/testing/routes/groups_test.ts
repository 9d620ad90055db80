import assert from "node:assert/strict";
import {
  createGroup,
  deleteGroup,
  editGroup,
  getGroup,
  getProject,
  listGroupProjects,
  listGroups,
  listGroupSubgroups,
} from "@gitlab-edge/client";
import { SIM_SEED } from "@gitlab-edge/client/testing";
import { simTest } from "./_both.ts";
import { failure } from "./_errors.ts";

const { acme, platform } = SIM_SEED.groups;

simTest("groups: lists and gets by what the caller may see", async ({ alice, anonymous }) => {
  const mine = await listGroups(alice, { order_by: "path", sort: "asc" }).toArray();
  assert.deepEqual(mine.map((g) => g.full_path), ["acme", "acme/platform"]);
  const group = await getGroup(alice, "acme");
  assert.equal(group.id, acme.id);
  assert.ok(Array.isArray(group.projects) && group.projects.length > 0);
  const subgroups = await listGroupSubgroups(alice, acme.id).toArray();
  assert.deepEqual(subgroups.map((g) => g.full_path), [platform.path]);
  const all = await listGroupProjects(alice, "acme", {
    include_subgroups: true,
    order_by: "path",
    sort: "asc",
  }).toArray();
  assert.ok(all.some((p) => p.path_with_namespace === "acme/platform/infra"));
  const publicOnly = await listGroupProjects(anonymous, "acme", { include_subgroups: true }).toArray();
  assert.ok(publicOnly.every((p) => p.visibility === "public"), "anonymous sees public projects only");
  assert.equal((await failure(getGroup(anonymous, "no-such-group"))).status, 404);
});

simTest("groups: create, rename, delete with GitLab's rules", async ({ alice, bob, anonymous }) => {
  const made = await createGroup(alice, { name: "Tools", path: "tools", visibility: "internal" });
  assert.equal(made.full_path, "tools");
  assert.equal(made.visibility, "internal");
  assert.deepEqual((await failure(createGroup(bob, { name: "Again", path: "tools" }))).body, {
    message: 'Failed to save group {:path=>["has already been taken"]}',
  });
  assert.equal((await failure(createGroup(anonymous, { name: "x", path: "x" }))).status, 401);
  // A subgroup needs maintainer access to the parent: bob is only a developer of acme/platform.
  assert.equal(
    (await failure(createGroup(bob, { name: "Sub", path: "sub", parent_id: platform.id }))).status,
    403,
  );
  const sub = await createGroup(alice, { name: "Sub", path: "sub", parent_id: made.id });
  assert.equal(sub.full_path, "tools/sub");

  const renamed = await editGroup(alice, made.id, {
    path: "devtools",
    name: "Dev Tools",
    description: "Internal tools",
  });
  assert.deepEqual([renamed.full_path, renamed.name, renamed.description], [
    "devtools",
    "Dev Tools",
    "Internal tools",
  ]);
  assert.equal((await getGroup(alice, "devtools/sub")).id, sub.id, "a subgroup's path follows its parent's");
  assert.equal((await failure(editGroup(bob, acme.id, { name: "Mine" }))).status, 403, "only owners edit");

  assert.deepEqual(await deleteGroup(alice, made.id), { message: "202 Accepted" });
  assert.equal((await failure(getGroup(alice, "devtools"))).status, 404);
  assert.equal((await failure(getGroup(alice, sub.id))).status, 404, "subgroups go with it");
  assert.equal((await failure(deleteGroup(bob, acme.id))).status, 403);
  assert.equal((await getProject(alice, "acme/web")).namespace.full_path, "acme");
});
