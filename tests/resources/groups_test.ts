import assert from "node:assert/strict";
import { getGroup, GitLabHTTPError, listGroups, listGroupSubgroups } from "@gitlab-edge/client";
import { SIM_SEED } from "@gitlab-edge/client/testing";
import { setup } from "./_setup.ts";

Deno.test("listGroups() lists groups, top_level_only excludes subgroups", async () => {
  const { admin } = setup();
  const all = await listGroups(admin, { all_available: true }).toArray();
  const top = await listGroups(admin, { top_level_only: true, all_available: true }).toArray();
  assert.ok(all.some((g) => g.full_path === "acme/platform"));
  assert.ok(top.every((g) => g.parent_id === null));
});

Deno.test("getGroup() reads a group by id and by path", async () => {
  const { admin } = setup();
  const byPath = await getGroup(admin, "acme/platform");
  const byId = await getGroup(admin, SIM_SEED.groups.platform.id);
  assert.equal(byPath.id, byId.id);
  assert.equal(byPath.full_path, "acme/platform");
});

Deno.test("getGroup() of an unknown group is a 404", async () => {
  const { admin } = setup();
  const err = await getGroup(admin, "no/such/group").catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError && err.status === 404);
});

Deno.test("listGroupSubgroups() lists a group's direct subgroups", async () => {
  const { admin } = setup();
  const subs = await listGroupSubgroups(admin, "acme").toArray();
  assert.deepEqual(subs.map((g) => g.full_path), ["acme/platform"]);
});
