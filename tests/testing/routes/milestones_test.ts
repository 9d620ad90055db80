import assert from "node:assert/strict";
import {
  createGroupMilestone,
  createProjectIssue,
  createProjectMilestone,
  deleteProjectMilestone,
  editProjectIssue,
  editProjectMilestone,
  getProjectIssue,
  getProjectMilestone,
  listGroupMilestones,
  listProjectIssues,
  listProjectMilestoneIssues,
  listProjectMilestoneMergeRequests,
  listProjectMilestones,
} from "@gitlab-edge/client";
import { SIM_SEED } from "@gitlab-edge/client/testing";
import { simTest } from "./_both.ts";
import { failure } from "./_errors.ts";

const { web } = SIM_SEED.projects;
const { acme } = SIM_SEED.groups;

simTest("milestones: list filters, get, the milestone's issues and merge requests", async ({ anonymous }) => {
  const all = await listProjectMilestones(anonymous, web.id).toArray();
  assert.deepEqual(all.map((m) => [m.title, m.state]), [["v1.4", "closed"], ["v1.5", "active"]]);
  assert.deepEqual(
    (await listProjectMilestones(anonymous, web.id, { state: "active" }).toArray()).map((m) => m.title),
    [
      "v1.5",
    ],
  );
  assert.deepEqual(
    (await listProjectMilestones(anonymous, web.id, { search: "dark" }).toArray()).map((m) => m.title),
    [
      "v1.5",
    ],
  );
  const [v15] = await listProjectMilestones(anonymous, web.id, { title: "v1.5" }).toArray();
  assert.deepEqual((await listProjectMilestones(anonymous, web.id, { iids: [v15.iid] }).toArray()).length, 1);
  assert.equal(v15.project_id, web.id);
  assert.equal(v15.expired, false);
  assert.equal(
    (await listProjectMilestones(anonymous, web.id, { title: "v1.4" }).toArray())[0].expired,
    true,
  );
  assert.deepEqual((await getProjectMilestone(anonymous, web.id, v15.id)).title, "v1.5");
  const issues = await listProjectMilestoneIssues(anonymous, web.id, v15.id).toArray();
  assert.deepEqual(issues.map((i) => i.iid).sort(), [1, 2, 3, 6]);
  assert.equal(issues[0].milestone?.id, v15.id);
  const mrs = await listProjectMilestoneMergeRequests(anonymous, web.id, v15.id).toArray();
  assert.deepEqual(mrs.map((m) => m.iid).sort(), [1, 2, 3]);
  assert.equal((await failure(getProjectMilestone(anonymous, web.id, 9999))).status, 404);
  const groupOnes = await listGroupMilestones(anonymous, acme.id).toArray();
  assert.deepEqual(groupOnes.map((m) => [m.title, m.group_id]), [["Q3 Platform", acme.id]]);
});

simTest("milestones: create, edit with state_event, delete unsets issues", async ({ alice, bob }) => {
  const m = await createProjectMilestone(alice, web.id, { title: "v2.0", due_date: "2030-01-31" });
  assert.deepEqual([m.state, m.due_date, m.iid], ["active", "2030-01-31", 3]);
  assert.deepEqual(await failure(createProjectMilestone(alice, web.id, { title: "v2.0" })), {
    status: 400,
    body: {
      message:
        'Failed to create milestone {:title=>["already being used for another group or project milestone."]}',
    },
  });
  assert.equal((await failure(createProjectMilestone(bob, web.id, { title: "bob" }))).status, 403);
  const closed = await editProjectMilestone(alice, web.id, m.id, { state_event: "close" });
  assert.equal(closed.state, "closed");
  assert.equal(
    (await editProjectMilestone(alice, web.id, m.id, { state_event: "activate" })).state,
    "active",
  );

  const i = await createProjectIssue(alice, web.id, { title: "Plan v2", milestone_id: m.id });
  assert.equal(i.milestone?.title, "v2.0");
  assert.deepEqual(
    (await listProjectIssues(alice, web.id, { milestone: "v2.0" }).toArray()).map((x) => x.iid),
    [i.iid],
  );
  // a group milestone of acme is usable in acme/web
  const g = await createGroupMilestone(alice, acme.id, { title: "Launch" });
  assert.equal(
    (await editProjectIssue(alice, web.id, i.iid, { milestone_id: g.id })).milestone?.group_id,
    acme.id,
  );
  await editProjectIssue(alice, web.id, i.iid, { milestone_id: m.id });
  assert.equal((await failure(editProjectIssue(alice, web.id, i.iid, { milestone_id: 9999 }))).status, 404);

  await deleteProjectMilestone(alice, web.id, m.id);
  assert.equal((await getProjectIssue(alice, web.id, i.iid)).milestone, null);
  assert.equal((await failure(getProjectMilestone(alice, web.id, m.id))).status, 404);
});
