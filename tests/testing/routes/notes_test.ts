import assert from "node:assert/strict";
import {
  createProjectIssueDiscussion,
  createProjectIssueDiscussionNote,
  createProjectIssueNote,
  createProjectMergeRequestDiscussion,
  createProjectMergeRequestDiscussionNote,
  createProjectMergeRequestNote,
  deleteProjectIssueNote,
  editProjectIssueNote,
  editProjectMergeRequestDiscussion,
  editProjectMergeRequestDiscussionNote,
  getProjectIssue,
  getProjectIssueDiscussion,
  getProjectIssueNote,
  getProjectMergeRequest,
  listProjectIssueDiscussions,
  listProjectIssueNotes,
  listProjectMergeRequestDiscussions,
  listProjectMergeRequestNotes,
} from "@gitlab-edge/client";
import { SIM_SEED } from "@gitlab-edge/client/testing";
import { simTest } from "./_both.ts";
import { failure } from "./_errors.ts";

const { web } = SIM_SEED.projects;

simTest(
  "notes: create, get, edit (author only), delete; user_notes_count follows",
  async ({ alice, bob, anonymous }) => {
    const before = (await getProjectIssue(alice, web.id, 2)).user_notes_count;
    const n = await createProjectIssueNote(bob, web.id, 2, { body: "+1, dark mode please" });
    assert.deepEqual([n.author.username, n.system, n.noteable_type, n.noteable_iid, n.type], [
      "bob",
      false,
      "Issue",
      2,
      null,
    ]);
    assert.equal((await getProjectIssue(alice, web.id, 2)).user_notes_count, before + 1);
    assert.equal((await getProjectIssueNote(anonymous, web.id, 2, n.id)).body, "+1, dark mode please");
    assert.deepEqual(await failure(editProjectIssueNote(alice, web.id, 2, n.id, { body: "hijack" })), {
      status: 403,
      body: { message: "403 Forbidden" },
    });
    assert.equal((await editProjectIssueNote(bob, web.id, 2, n.id, { body: "+1" })).body, "+1");
    assert.deepEqual(await failure(createProjectIssueNote(bob, web.id, 2, { body: " " })), {
      status: 400,
      body: { message: { note: ["can't be blank"] } },
    });
    assert.equal((await failure(createProjectIssueNote(anonymous, web.id, 2, { body: "hi" }))).status, 401);
    // alice owns the project: she may delete bob's note
    await deleteProjectIssueNote(alice, web.id, 2, n.id);
    assert.equal((await failure(getProjectIssueNote(alice, web.id, 2, n.id))).status, 404);
    assert.equal((await getProjectIssue(alice, web.id, 2)).user_notes_count, before);
  },
);

simTest("notes: sort/order_by, internal notes only for reporters", async ({ alice, bob, anonymous }) => {
  // the seed has a public and an internal note on acme/web#1
  const mine = await listProjectIssueNotes(alice, web.id, 1, { sort: "asc" }).toArray();
  const users = mine.filter((n) => !n.system);
  assert.deepEqual(users.map((n) => n.internal), [false, true]);
  const anon = await listProjectIssueNotes(anonymous, web.id, 1).toArray();
  assert.ok(anon.every((n) => !n.internal));
  assert.equal(anon.length, mine.length - 1);
  assert.deepEqual(await failure(createProjectIssueNote(bob, web.id, 1, { body: "x", internal: true })), {
    status: 403,
    body: { message: "403 Forbidden" },
  });
  const desc = await listProjectIssueNotes(alice, web.id, 1, { order_by: "created_at" }).toArray();
  assert.deepEqual(desc.map((n) => n.id), mine.map((n) => n.id).reverse());
  assert.equal(
    (await failure(listProjectIssueNotes(alice, web.id, 1, { sort: "up" as never }).toArray())).status,
    400,
  );
});

simTest("discussions: threads on issues agree with the notes list", async ({ alice, bob }) => {
  const d = await createProjectIssueDiscussion(alice, web.id, 4, { body: "Which pages are slowest?" });
  assert.equal(d.individual_note, false);
  assert.equal(d.notes[0].type, "DiscussionNote");
  assert.equal(d.notes[0].resolvable, false);
  const reply = await createProjectIssueDiscussionNote(bob, web.id, 4, d.id, { body: "Pricing." });
  const thread = await getProjectIssueDiscussion(alice, web.id, 4, d.id);
  assert.deepEqual(thread.notes.map((n) => n.id), [d.notes[0].id, reply.id]);
  const all = await listProjectIssueDiscussions(alice, web.id, 4).toArray();
  const notes = await listProjectIssueNotes(alice, web.id, 4).toArray();
  assert.equal(all.flatMap((x) => x.notes).length, notes.length);
  assert.equal((await failure(getProjectIssueDiscussion(alice, web.id, 4, "f".repeat(40)))).status, 404);
});

simTest("discussions: merge request threads resolve and unresolve", async ({ alice, bob, admin }) => {
  // the seed has two threads (one resolved) and a single comment on !1
  const seeded = await listProjectMergeRequestDiscussions(alice, web.id, 1).toArray();
  const threads = seeded.filter((d) => !d.individual_note && !d.notes[0].system);
  assert.equal(threads.length, 2);
  assert.deepEqual(threads.map((t) => t.notes[0].resolved), [false, true]);
  assert.equal(threads[1].notes[0].resolved_by?.username, "alice");

  const d = await createProjectMergeRequestDiscussion(admin, web.id, 1, { body: "Please add a test." });
  assert.deepEqual([d.notes[0].resolvable, d.notes[0].resolved], [true, false]);
  await createProjectMergeRequestDiscussionNote(alice, web.id, 1, d.id, { body: "Done." });
  // bob has no role in acme/web and is not the author: he cannot resolve
  assert.equal(
    (await failure(editProjectMergeRequestDiscussion(bob, web.id, 1, d.id, { resolved: true }))).status,
    403,
  );
  const resolved = await editProjectMergeRequestDiscussion(alice, web.id, 1, d.id, { resolved: true });
  assert.ok(resolved.notes.every((n) => n.resolved && n.resolved_by?.username === "alice"));
  const one = await editProjectMergeRequestDiscussionNote(alice, web.id, 1, d.id, resolved.notes[0].id, {
    resolved: false,
  });
  assert.deepEqual([one.resolved, one.resolved_by], [false, null]);
  // the thread's notes are in the notes list too, and count as user notes
  const notes = await listProjectMergeRequestNotes(alice, web.id, 1).toArray();
  assert.ok(resolved.notes.every((n) => notes.some((x) => x.id === n.id)));
  const mr = await getProjectMergeRequest(alice, web.id, 1);
  assert.equal(mr.user_notes_count, notes.filter((n) => !n.system).length);
  const single = await createProjectMergeRequestNote(alice, web.id, 1, { body: "LGTM" });
  assert.equal(single.resolvable, false);
});
