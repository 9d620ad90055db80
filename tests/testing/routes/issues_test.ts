import assert from "node:assert/strict";
import {
  addSpentTimeProjectIssue,
  createProjectIssue,
  createProjectIssueTimeEstimate,
  deleteProjectIssue,
  editProjectIssue,
  getProjectIssue,
  getProjectIssueTimeStats,
  listGroupIssues,
  listIssues,
  listProjectIssueNotes,
  listProjectIssues,
  moveProjectIssue,
  subscribeProjectIssue,
  unsubscribeProjectIssue,
} from "@gitlab-edge/client";
import { SIM_SEED, SIM_USER_TOKEN } from "@gitlab-edge/client/testing";
import { simTest } from "./_both.ts";
import { failure } from "./_errors.ts";
import { raw } from "./_raw.ts";

const { web, api, infra } = SIM_SEED.projects;
const { acme } = SIM_SEED.groups;
const { alice, bob } = SIM_SEED.users;

simTest("issues: close and reopen set closed_at/closed_by and leave system notes", async ({ alice: a }) => {
  const closed = await editProjectIssue(a, web.id, 2, { state_event: "close" });
  assert.equal(closed.state, "closed");
  assert.equal(closed.closed_by?.username, "alice");
  assert.ok(closed.closed_at);
  const reopened = await editProjectIssue(a, web.id, 2, { state_event: "reopen" });
  assert.deepEqual([reopened.state, reopened.closed_at, reopened.closed_by], ["opened", null, null]);
  const notes = await listProjectIssueNotes(a, web.id, 2, { sort: "asc" }).toArray();
  assert.deepEqual(notes.filter((n) => n.system).map((n) => n.body), ["closed", "reopened"]);
  // system notes do not count as user notes
  assert.equal((await getProjectIssue(a, web.id, 2)).user_notes_count, 0);
  assert.deepEqual(await failure(editProjectIssue(a, web.id, 2, { state_event: "shut" as never })), {
    status: 400,
    body: { error: "state_event does not have a valid value" },
  });
});

simTest(
  "issues: filters by state, labels None/Any, author, search/in, iids, dates",
  async ({ anonymous }) => {
    const titles = async (q: Record<string, unknown>) =>
      (await listProjectIssues(anonymous, web.id, q as never).toArray()).map((i) => i.iid).sort((x, y) =>
        x - y
      );
    assert.deepEqual(await titles({ state: "closed" }), [3, 5]);
    assert.deepEqual(await titles({ labels: "bug" }), [1, 3, 6]);
    assert.deepEqual(await titles({ labels: "bug,security" }), [6]);
    assert.deepEqual(await titles({ labels: "Any" }), [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(await titles({ labels: "None" }), []);
    assert.deepEqual(await titles({ author_username: "bob" }), [2, 5]);
    assert.deepEqual(await titles({ author_id: bob.id, state: "opened" }), [2]);
    assert.deepEqual(await titles({ search: "safari" }), [1]);
    assert.deepEqual(await titles({ search: "seed", in: "title" }), []);
    assert.deepEqual(await titles({ iids: [4, 6] }), [4, 6]);
    assert.deepEqual(await titles({ milestone: "v1.5" }), [1, 2, 3, 6]);
    assert.deepEqual(await titles({ milestone: "None" }), [4, 5]);
    const recent = await titles({ created_after: new Date(Date.now() - 10 * 86_400_000).toISOString() });
    assert.deepEqual(recent, [5, 6]);
    // default order is created_at desc; asc reverses it
    const asc = await listProjectIssues(anonymous, web.id, { order_by: "created_at", sort: "asc" }).toArray();
    assert.deepEqual(asc.map((i) => i.iid), [1, 2, 3, 4, 5, 6]);
    const byTitle = await listProjectIssues(anonymous, web.id, { order_by: "title", sort: "asc" }).toArray();
    assert.equal(byTitle[0].title, "Add dark mode");
    assert.equal(
      (await failure(listProjectIssues(anonymous, web.id, { order_by: "stars" as never }).toArray())).status,
      400,
    );
  },
);

simTest(
  "issues: scope, assignee filters, group and global lists",
  async ({ alice: a, bob: b, anonymous }) => {
    await editProjectIssue(a, web.id, 4, { assignee_ids: [alice.id] });
    const mine = await listProjectIssues(a, web.id, { scope: "assigned_to_me" }).toArray();
    assert.deepEqual(mine.map((i) => i.iid), [4]);
    assert.deepEqual(
      (await listProjectIssues(a, web.id, { assignee_username: ["alice"] }).toArray()).map((i) => i.iid),
      [4],
    );
    assert.equal((await listProjectIssues(a, web.id, { assignee_id: "None" }).toArray()).length, 5);
    // the group list spans acme's projects (and subgroups alice can read)
    const group = await listGroupIssues(a, acme.id, { state: "opened" }).toArray();
    assert.ok(group.some((i) => i.project_id === infra.id));
    assert.ok(group.every((i) => i.state === "opened"));
    // bob cannot see private infra? he is a developer there; anonymous sees public projects only
    const anon = await listGroupIssues(anonymous, acme.id).toArray();
    assert.ok(anon.every((i) => i.project_id !== infra.id && i.project_id !== api.id));
    // GET /issues defaults to the caller's own issues, and needs a token unless scope=all
    const bobs = await listIssues(b).toArray();
    assert.ok(bobs.length > 0 && bobs.every((i) => i.author.username === "bob"));
    assert.equal((await failure(listIssues(anonymous).toArray())).status, 401);
    assert.ok((await listIssues(anonymous, { scope: "all" }).toArray()).length > 0);
  },
);

simTest("issues: delete is for owners and admins only", async ({ alice: a, bob: b, anonymous }) => {
  const mine = await createProjectIssue(b, web.id, { title: "bob's issue" });
  // the author, even as a developer elsewhere, is not an owner of acme/web
  assert.deepEqual(await failure(deleteProjectIssue(b, web.id, mine.iid)), {
    status: 403,
    body: { message: "403 Forbidden" },
  });
  assert.equal((await failure(deleteProjectIssue(anonymous, web.id, mine.iid))).status, 401);
  await deleteProjectIssue(a, web.id, mine.iid);
  assert.deepEqual(await failure(getProjectIssue(a, web.id, mine.iid)), {
    status: 404,
    body: { message: "404 Issue Not Found" },
  });
});

simTest(
  "issues: confidential issues are hidden from non-members",
  async ({ alice: a, bob: b, anonymous }) => {
    const secret = await createProjectIssue(a, web.id, { title: "CVE draft", confidential: true });
    assert.equal(secret.confidential, true);
    assert.equal((await failure(getProjectIssue(b, web.id, secret.iid))).status, 404);
    assert.equal((await failure(getProjectIssue(anonymous, web.id, secret.iid))).status, 404);
    const list = await listProjectIssues(anonymous, web.id).toArray();
    assert.ok(!list.some((i) => i.iid === secret.iid));
    const onlyConfidential = await listProjectIssues(a, web.id, { confidential: true }).toArray();
    assert.deepEqual(onlyConfidential.map((i) => i.iid), [secret.iid]);
  },
);

simTest("issues: subscribe, unsubscribe, time tracking, move", async (world) => {
  const { alice: a } = world;
  const i = await getProjectIssue(a, web.id, 1);
  assert.equal(i.subscribed, true); // the author
  const off = await unsubscribeProjectIssue(a, web.id, 1);
  assert.equal(off.subscribed, false);
  const again = await raw(world, `/projects/${web.id}/issues/1/unsubscribe`, SIM_USER_TOKEN, {
    method: "POST",
  });
  assert.equal(again.status, 304);
  assert.equal((await subscribeProjectIssue(a, web.id, 1)).subscribed, true);

  const est = await createProjectIssueTimeEstimate(a, web.id, 1, { duration: "1d 2h" });
  assert.deepEqual([est.time_estimate, est.human_time_estimate], [36_000, "1d 2h"]);
  const spent = await addSpentTimeProjectIssue(a, web.id, 1, { duration: "30m" });
  assert.deepEqual([spent.total_time_spent, spent.human_total_time_spent], [1800, "30m"]);
  assert.equal((await getProjectIssueTimeStats(a, web.id, 1)).total_time_spent, 1800);
  assert.equal(
    (await failure(createProjectIssueTimeEstimate(world.bob, web.id, 1, { duration: "1h" }))).status,
    403,
  );

  const moved = await moveProjectIssue(a, web.id, 4, { to_project_id: api.id });
  assert.equal(moved.project_id, api.id);
  assert.equal(moved.title, "Improve lighthouse score");
  const original = await getProjectIssue(a, web.id, 4);
  assert.deepEqual([original.state, original.moved_to_id], ["closed", moved.id]);
  const notes = await listProjectIssueNotes(a, web.id, 4).toArray();
  assert.ok(notes.some((n) => n.system && n.body === `moved to acme/api#${moved.iid}`));
  assert.deepEqual(await failure(moveProjectIssue(a, web.id, 1, { to_project_id: web.id })), {
    status: 400,
    body: { message: "400 Bad request - Cannot move issue to project it originates from!" },
  });
});
