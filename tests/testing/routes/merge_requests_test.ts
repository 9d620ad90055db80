import assert from "node:assert/strict";
import {
  approveProjectMergeRequest,
  createProjectMergeRequest,
  editProjectMergeRequest,
  getProjectIssue,
  getProjectMergeRequest,
  getProjectMergeRequestApprovals,
  getProjectMergeRequestChanges,
  getProjectRepositoryBranch,
  listGroupMergeRequests,
  listProjectMergeRequestCommits,
  listProjectMergeRequestDiffs,
  listProjectMergeRequestNotes,
  listProjectMergeRequests,
  mergeProjectMergeRequest,
  rebaseProjectMergeRequest,
  unapproveProjectMergeRequest,
} from "@gitlab-edge/client";
import { SIM_SEED } from "@gitlab-edge/client/testing";
import { simTest } from "./_both.ts";
import { failure } from "./_errors.ts";

const { web, infra } = SIM_SEED.projects;
const { acme } = SIM_SEED.groups;

simTest(
  "merge requests: create checks access, branches and open duplicates",
  async ({ sim, alice, bob, anonymous }) => {
    sim.addBranch("acme/web", "feature/search");
    const mr = await createProjectMergeRequest(alice, web.id, {
      title: "Add search",
      source_branch: "feature/search",
      target_branch: "main",
      labels: ["feature"],
    });
    assert.deepEqual([mr.state, mr.author.username, mr.labels, mr.draft], [
      "opened",
      "alice",
      ["feature"],
      false,
    ]);
    assert.deepEqual(
      await failure(createProjectMergeRequest(alice, web.id, {
        title: "Again",
        source_branch: "feature/search",
        target_branch: "main",
      })),
      {
        status: 409,
        body: { message: [`Another open merge request already exists for this source branch: !${mr.iid}`] },
      },
    );
    assert.deepEqual(
      await failure(
        createProjectMergeRequest(alice, web.id, {
          title: "x",
          source_branch: "nope",
          target_branch: "main",
        }),
      ),
      { status: 422, body: { message: ['Source branch "nope" does not exist'] } },
    );
    assert.deepEqual(await failure(createProjectMergeRequest(alice, web.id, { title: "x" } as never)), {
      status: 400,
      body: { error: "source_branch is missing, target_branch is missing" },
    });
    // bob has no role in acme/web; anonymous callers must sign in
    const args = { title: "x", source_branch: "feature/search", target_branch: "main" };
    assert.equal((await failure(createProjectMergeRequest(bob, web.id, args))).status, 403);
    assert.equal((await failure(createProjectMergeRequest(anonymous, web.id, args))).status, 401);
    // closing frees the branches; reopening while another is open is a 409
    await editProjectMergeRequest(alice, web.id, mr.iid, { state_event: "close" });
    const second = await createProjectMergeRequest(alice, web.id, { ...args, title: "Add search v2" });
    assert.equal(
      (await failure(editProjectMergeRequest(alice, web.id, mr.iid, { state_event: "reopen" }))).status,
      409,
    );
    assert.equal(second.iid, mr.iid + 1);
  },
);

simTest("merge requests: edit title/labels, close and reopen with system notes", async ({ alice }) => {
  const edited = await editProjectMergeRequest(alice, web.id, 1, {
    title: "Draft: Fix Safari login",
    add_labels: ["wip"],
  });
  assert.equal(edited.draft, true);
  assert.ok(edited.labels.includes("wip"));
  const closed = await editProjectMergeRequest(alice, web.id, 1, { state_event: "close" });
  assert.deepEqual([closed.state, closed.closed_by?.username], ["closed", "alice"]);
  const reopened = await editProjectMergeRequest(alice, web.id, 1, { state_event: "reopen" });
  assert.equal(reopened.state, "opened");
  const bodies = (await listProjectMergeRequestNotes(alice, web.id, 1, { sort: "asc" }).toArray())
    .filter((n) => n.system).map((n) => n.body);
  assert.deepEqual(bodies.slice(-3), ["marked this merge request as **draft**", "closed", "reopened"]);
  assert.deepEqual(await failure(editProjectMergeRequest(alice, web.id, 1, {})), {
    status: 400,
    body: {
      error: "assignee_id, assignee_ids, reviewer_ids, description, labels, add_labels, remove_labels, " +
        "milestone_id, remove_source_branch, allow_collaboration, allow_maintainer_to_push, squash, " +
        "discussion_locked, title, target_branch, state_event are missing, at least one parameter must be provided",
    },
  });
});

simTest(
  "merge requests: merge creates a merge commit on the target and removes the source",
  async ({ sim, alice }) => {
    sim.addBranch("acme/web", "feature/banner");
    sim.addFile("acme/web", "src/banner.ts", "export const banner = 'hi';\n", { ref: "feature/banner" });
    const mr = await createProjectMergeRequest(alice, web.id, {
      title: "Add banner",
      source_branch: "feature/banner",
      target_branch: "main",
      description: "Closes #2",
    });
    const changes = await getProjectMergeRequestChanges(alice, web.id, mr.iid);
    assert.deepEqual(changes.changes.map((c) => [c.new_path, c.new_file]), [["src/banner.ts", true]]);
    assert.match(changes.changes[0].diff, /\+export const banner/);
    assert.equal((await listProjectMergeRequestDiffs(alice, web.id, mr.iid).toArray()).length, 1);
    const commits = await listProjectMergeRequestCommits(alice, web.id, mr.iid).toArray();
    assert.deepEqual(commits.map((c) => c.title), ["Add src/banner.ts"]);
    const before = await getProjectRepositoryBranch(alice, web.id, "main");
    assert.deepEqual(
      await failure(mergeProjectMergeRequest(alice, web.id, mr.iid, { sha: "0".repeat(40) })),
      { status: 409, body: { message: `SHA does not match HEAD of source branch: ${commits[0].id}` } },
    );
    const merged = await mergeProjectMergeRequest(alice, web.id, mr.iid, {
      should_remove_source_branch: true,
    });
    assert.deepEqual([merged.state, merged.merged_by?.username], ["merged", "alice"]);
    assert.ok(merged.merged_at);
    const main = await getProjectRepositoryBranch(alice, web.id, "main");
    assert.equal(main.commit.id, merged.merge_commit_sha);
    assert.deepEqual(main.commit.parent_ids, [before.commit.id, commits[0].id]);
    assert.match(main.commit.message, /^Merge branch 'feature\/banner' into 'main'/);
    assert.equal((await failure(getProjectRepositoryBranch(alice, web.id, "feature/banner"))).status, 404);
    // "Closes #2" closed the issue
    const issue = await getProjectIssue(alice, web.id, 2);
    assert.deepEqual([issue.state, issue.closed_by?.username], ["closed", "alice"]);
    assert.equal(
      (await listProjectMergeRequests(alice, web.id, { state: "merged" }).toArray()).some((m) =>
        m.iid === mr.iid
      ),
      true,
    );
    // merging again: not open
    assert.deepEqual(await failure(mergeProjectMergeRequest(alice, web.id, mr.iid)), {
      status: 405,
      body: { message: "405 Method Not Allowed" },
    });
  },
);

simTest(
  "merge requests: 405 for drafts, 406 for conflicts, 401 without push access, squash",
  async ({ sim, alice, bob }) => {
    // the seeded "Draft: Dark mode" (!2) cannot be merged
    assert.equal((await failure(mergeProjectMergeRequest(alice, web.id, 2))).status, 405);
    // both sides change README.md: a conflict
    sim.addBranch("acme/web", "fix/readme");
    sim.addFile("acme/web", "README.md", "# from the branch\n", { ref: "fix/readme" });
    sim.addFile("acme/web", "README.md", "# from main\n");
    const mr = await createProjectMergeRequest(alice, web.id, {
      title: "Readme",
      source_branch: "fix/readme",
      target_branch: "main",
    });
    assert.equal((await getProjectMergeRequest(alice, web.id, mr.iid)).has_conflicts, true);
    assert.deepEqual(await failure(mergeProjectMergeRequest(alice, web.id, mr.iid)), {
      status: 406,
      body: { message: "Branch cannot be merged" },
    });
    // bob, a developer, may not merge into infra's protected main
    sim.addBranch("acme/platform/infra", "chore/fmt");
    sim.addFile("acme/platform/infra", "fmt.tf", "# fmt\n", { ref: "chore/fmt" });
    const infraMr = await createProjectMergeRequest(bob, infra.id, {
      title: "fmt",
      source_branch: "chore/fmt",
      target_branch: "main",
    });
    assert.equal((await getProjectMergeRequest(bob, infra.id, infraMr.iid)).user.can_merge, false);
    assert.deepEqual(await failure(mergeProjectMergeRequest(bob, infra.id, infraMr.iid)), {
      status: 401,
      body: { message: "401 Unauthorized" },
    });
    const squashed = await mergeProjectMergeRequest(alice, infra.id, infraMr.iid, { squash: true });
    assert.equal(squashed.squash, true);
    assert.ok(squashed.squash_commit_sha);
    const main = await getProjectRepositoryBranch(alice, infra.id, "main");
    assert.deepEqual(main.commit.parent_ids[1], squashed.squash_commit_sha);
  },
);

simTest("merge requests: rebase moves the source onto the target", async ({ sim, alice }) => {
  sim.addBranch("acme/web", "feature/rebase-me");
  sim.addFile("acme/web", "a.txt", "a\n", { ref: "feature/rebase-me" });
  const mr = await createProjectMergeRequest(alice, web.id, {
    title: "Rebase me",
    source_branch: "feature/rebase-me",
    target_branch: "main",
  });
  sim.addFile("acme/web", "b.txt", "b\n");
  const main = await getProjectRepositoryBranch(alice, web.id, "main");
  assert.deepEqual(await rebaseProjectMergeRequest(alice, web.id, mr.iid), { rebase_in_progress: true });
  const src = await getProjectRepositoryBranch(alice, web.id, "feature/rebase-me");
  assert.deepEqual(src.commit.parent_ids, [main.commit.id]);
  const after = await getProjectMergeRequest(alice, web.id, mr.iid);
  assert.equal(after.sha, src.commit.id);
  assert.equal(after.diff_refs?.base_sha, main.commit.id);
});

simTest("merge requests: list filters and the group list", async ({ alice, anonymous }) => {
  const iids = async (q: Record<string, unknown>) =>
    (await listProjectMergeRequests(anonymous, web.id, q as never).toArray()).map((m) => m.iid).sort((a, b) =>
      a - b
    );
  assert.deepEqual(await iids({ state: "opened" }), [1, 2]);
  assert.deepEqual(await iids({ state: "merged" }), [3, 4]);
  assert.deepEqual(await iids({ draft: true }), [2]);
  assert.deepEqual(await iids({ author_username: "bob" }), [2]);
  assert.deepEqual(await iids({ source_branch: "fix/safari-login" }), [1]);
  assert.deepEqual(await iids({ target_branch: "nope" }), []);
  assert.deepEqual(await iids({ search: "footer" }), [3]);
  assert.deepEqual(await iids({ labels: "documentation" }), [4]);
  assert.deepEqual(await iids({ reviewer_username: "root" }), [1, 4]);
  assert.deepEqual(await iids({ reviewer_id: "None" }), [2, 3]);
  assert.deepEqual(await iids({ milestone: "v1.5" }), [1, 2, 3]);
  const mine = await listProjectMergeRequests(alice, web.id, { scope: "created_by_me" }).toArray();
  assert.ok(mine.every((m) => m.author.username === "alice"));
  const group = await listGroupMergeRequests(alice, acme.id, { state: "opened" }).toArray();
  assert.ok(group.some((m) => m.project_id === infra.id));
  assert.ok(
    !(await listGroupMergeRequests(anonymous, acme.id).toArray()).some((m) => m.project_id === infra.id),
  );
});

simTest("merge requests: approve and unapprove", async ({ alice, bob }) => {
  const before = await getProjectMergeRequestApprovals(alice, web.id, 1);
  assert.deepEqual([before.approved, before.user_can_approve], [false, true]);
  const after = await approveProjectMergeRequest(alice, web.id, 1);
  assert.deepEqual([after.approved, after.user_has_approved, after.approved_by.map((a) => a.user.username)], [
    true,
    true,
    ["alice"],
  ]);
  assert.equal((await failure(approveProjectMergeRequest(alice, web.id, 1))).status, 401);
  assert.equal((await failure(approveProjectMergeRequest(bob, web.id, 1))).status, 401);
  const undone = await unapproveProjectMergeRequest(alice, web.id, 1);
  assert.equal(undone.approved, false);
  assert.equal((await failure(unapproveProjectMergeRequest(alice, web.id, 1))).status, 404);
});
