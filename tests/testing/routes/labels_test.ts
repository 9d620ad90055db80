import assert from "node:assert/strict";
import {
  createGroupLabel,
  createProjectLabel,
  deleteProjectLabel,
  editGroupLabel,
  editProjectLabel,
  getProjectIssue,
  getProjectLabel,
  listGroupLabels,
  listProjectIssues,
  listProjectLabels,
  promoteProjectLabel,
  subscribeProjectLabel,
  unsubscribeProjectLabel,
} from "@gitlab-edge/client";
import { SIM_SEED, SIM_USER_TOKEN } from "@gitlab-edge/client/testing";
import { simTest } from "./_both.ts";
import { failure } from "./_errors.ts";
import { raw } from "./_raw.ts";

const { web, infra } = SIM_SEED.projects;
const { acme } = SIM_SEED.groups;

simTest("labels: project list with group labels, counts and search", async ({ anonymous }) => {
  const all = await listProjectLabels(anonymous, web.id).toArray();
  assert.deepEqual(all.map((l) => [l.name, l.is_project_label]).slice(0, 3), [
    ["bug", false],
    ["documentation", false],
    ["feature", false],
  ]);
  const bug = all.find((l) => l.name === "bug")!;
  assert.deepEqual([bug.color, bug.text_color], ["#D9534F", "#FFFFFF"]);
  const own = await listProjectLabels(anonymous, web.id, { include_ancestor_groups: false }).toArray();
  assert.deepEqual(own.map((l) => l.name), ["frontend", "good first issue", "performance"]);
  const counted = await listProjectLabels(anonymous, web.id, { with_counts: true, search: "bug" }).toArray();
  assert.deepEqual(counted.map((l) => [l.name, l.open_issues_count, l.closed_issues_count]), [["bug", 2, 1]]);
  assert.equal(all[0].open_issues_count, undefined);
});

simTest("labels: create validates color and duplicates; rename updates issues", async ({ alice, bob }) => {
  const l = await createProjectLabel(alice, web.id, { name: "ux", color: "#abc", description: "Design" });
  assert.deepEqual([l.color, l.is_project_label, l.priority], ["#AABBCC", true, null]);
  assert.equal((await createProjectLabel(alice, web.id, { name: "css", color: "red" })).color, "#FF0000");
  assert.deepEqual(await failure(createProjectLabel(alice, web.id, { name: "ux", color: "#000000" })), {
    status: 409,
    body: { message: "Label already exists" },
  });
  // a group label of the same name is available in the project already
  assert.deepEqual(await failure(createProjectLabel(alice, web.id, { name: "bug", color: "#000000" })), {
    status: 409,
    body: { message: "Label already exists" },
  });
  assert.deepEqual(await failure(createProjectLabel(alice, web.id, { name: "bad", color: "nocolor" })), {
    status: 400,
    body: { message: { color: ["must be a valid color code"] } },
  });
  assert.deepEqual(await failure(createProjectLabel(alice, web.id, { name: "x" } as never)), {
    status: 400,
    body: { error: "color is missing" },
  });
  // bob has no role in acme/web
  assert.equal((await failure(createProjectLabel(bob, web.id, { name: "b", color: "#000000" }))).status, 403);

  // renaming a project label renames it on issues
  const renamed = await editProjectLabel(alice, web.id, "performance", {
    new_name: "perf",
    color: "#00FF00",
  });
  assert.deepEqual([renamed.name, renamed.color], ["perf", "#00FF00"]);
  assert.deepEqual((await getProjectIssue(alice, web.id, 4)).labels, ["perf"]);
  assert.deepEqual(
    (await listProjectIssues(alice, web.id, { labels: ["perf"] }).toArray()).map((i) => i.iid),
    [4],
  );
  // renaming a group label renames it across the group's projects
  await editGroupLabel(alice, acme.id, "bug", { new_name: "defect" });
  assert.deepEqual((await getProjectIssue(alice, web.id, 1)).labels, ["defect", "frontend"]);
  assert.ok((await getProjectIssue(alice, infra.id, 2)).labels.includes("defect"));
  // deleting removes it from issues
  await deleteProjectLabel(alice, web.id, "frontend");
  assert.deepEqual((await getProjectIssue(alice, web.id, 1)).labels, ["defect"]);
  assert.equal((await failure(getProjectLabel(alice, web.id, "frontend"))).status, 404);
});

simTest("labels: subscribe/unsubscribe (304 when unchanged), promote, group labels", async (world) => {
  const { alice } = world;
  const s = await subscribeProjectLabel(alice, web.id, "frontend");
  assert.equal(s.subscribed, true);
  const again = await raw(world, `/projects/${web.id}/labels/frontend/subscribe`, SIM_USER_TOKEN, {
    method: "POST",
  });
  assert.equal(again.status, 304);
  assert.equal((await unsubscribeProjectLabel(alice, web.id, "frontend")).subscribed, false);

  const promoted = await promoteProjectLabel(alice, web.id, "good first issue");
  assert.equal(promoted.name, "good first issue");
  const groupNames = (await listGroupLabels(alice, acme.id).toArray()).map((l) => l.name);
  assert.ok(groupNames.includes("good first issue"));
  const own = await listProjectLabels(alice, web.id, { include_ancestor_groups: false }).toArray();
  assert.ok(!own.some((l) => l.name === "good first issue"));

  const g = await createGroupLabel(alice, acme.id, { name: "infra", color: "#123456" });
  assert.equal(g.name, "infra");
  assert.equal(
    (await failure(createGroupLabel(world.bob, acme.id, { name: "y", color: "#123456" }))).status,
    403,
  );
  const counted = await listGroupLabels(alice, acme.id, { with_counts: true, search: "security" }).toArray();
  // security: acme/web#6 and infra#1 open
  assert.deepEqual(counted.map((l) => [l.name, l.open_issues_count]), [["security", 2]]);
});
