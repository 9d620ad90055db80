import assert from "node:assert/strict";
import {
  cherryPickProjectRepositoryCommit,
  createProjectRepositoryCommit,
  createProjectRepositoryCommitComment,
  createProjectStatus,
  getProjectRepositoryBranch,
  getProjectRepositoryCommit,
  getProjectRepositoryCommitSequence,
  getProjectRepositoryFile,
  listProjectRepositoryCommitComments,
  listProjectRepositoryCommitDiff,
  listProjectRepositoryCommitRefs,
  listProjectRepositoryCommits,
  listProjectRepositoryCommitStatuses,
  revertProjectRepositoryCommit,
} from "@gitlab-edge/client";
import { SIM_ADMIN_TOKEN, SIM_SEED } from "@gitlab-edge/client/testing";
import { simTest } from "./_both.ts";
import { failure } from "./_errors.ts";
import { raw } from "./_raw.ts";

const { web, deployTools } = SIM_SEED.projects;

simTest("commits: list the seeded history with filters and uncounted pages", async (world) => {
  const { anonymous } = world;
  const all = await listProjectRepositoryCommits(anonymous, web.id, { maxItems: 100 }).toArray();
  assert.ok(all.length >= 8 && all.length < 100);
  const titles = all.map((c) => c.title);
  assert.ok(titles.indexOf("Update changelog for 1.1.0") < titles.indexOf("Add changelog"));
  const at10 = await listProjectRepositoryCommits(anonymous, web.id, { ref_name: "v1.0.0", maxItems: 100 })
    .toArray();
  assert.equal(at10[0].title, "Add changelog");
  const ci = await listProjectRepositoryCommits(anonymous, web.id, {
    path: ".gitlab-ci.yml",
    with_stats: true,
  })
    .toArray();
  assert.deepEqual(ci.map((c) => c.title), ["Cache build dependencies in CI", "Add CI configuration"]);
  assert.deepEqual(ci[0].stats, { additions: 3, deletions: 0, total: 3 });
  const byBob = await listProjectRepositoryCommits(anonymous, web.id, { author: "bob" }).toArray();
  assert.deepEqual(byBob.map((c) => c.author_email), ["bob@example.com"]);
  const old = await listProjectRepositoryCommits(anonymous, web.id, {
    until: new Date(Date.now() - 200 * 86_400_000),
    maxItems: 100,
  }).toArray();
  assert.ok(
    old.length > 0 && old.every((c) => Date.parse(c.committed_date) <= Date.now() - 200 * 86_400_000),
  );
  assert.deepEqual(await listProjectRepositoryCommits(anonymous, web.id, { ref_name: "nope" }).toArray(), []);
  const res = await raw(world, `/projects/${web.id}/repository/commits?per_page=2`);
  assert.equal(res.headers.get("x-total"), null);
  assert.equal(res.headers.get("x-next-page"), "2");
  assert.doesNotMatch(res.headers.get("link") ?? "", /rel="last"/);
  await res.body?.cancel();
});

simTest("commits: get one with stats, its diff, refs and sequence", async ({ anonymous }) => {
  const c = await getProjectRepositoryCommit(anonymous, web.id, "v1.1.0");
  assert.equal(c.title, "Update changelog for 1.1.0");
  assert.equal(c.project_id, web.id);
  assert.ok(c.stats && c.stats.additions > 0);
  assert.equal(
    (await getProjectRepositoryCommit(anonymous, web.id, c.short_id, { stats: false })).stats,
    undefined,
  );
  const [d] = await listProjectRepositoryCommitDiff(anonymous, web.id, c.id).toArray();
  assert.equal(d.new_path, "CHANGELOG.md");
  assert.equal(
    d.diff,
    "@@ -1,5 +1,10 @@\n # Changelog\n \n+## 1.1.0\n+\n+- CI caches dependencies.\n+- The CI notes moved to docs/user.\n" +
      "+\n ## 1.0.0\n \n - First public release.\n",
  );
  const moved =
    (await listProjectRepositoryCommits(anonymous, web.id, { path: "docs/user/ci.md" }).toArray())[0];
  const [mv] = await listProjectRepositoryCommitDiff(anonymous, web.id, moved.id).toArray();
  assert.deepEqual([mv.old_path, mv.new_path, mv.renamed_file, mv.diff], [
    "docs/ci.md",
    "docs/user/ci.md",
    true,
    "",
  ]);
  const refs = await listProjectRepositoryCommitRefs(anonymous, web.id, "v1.0.0").toArray();
  assert.ok(refs.some((r) => r.type === "branch" && r.name === "main"));
  assert.deepEqual(refs.filter((r) => r.type === "tag").map((r) => r.name), ["v1.0.0", "v1.1.0"]);
  assert.deepEqual(
    await listProjectRepositoryCommitRefs(anonymous, web.id, c.id, { type: "tag" }).toArray(),
    [{ type: "tag", name: "v1.1.0" }],
  );
  const seq = await getProjectRepositoryCommitSequence(anonymous, web.id, c.id);
  const parentSeq = await getProjectRepositoryCommitSequence(anonymous, web.id, c.parent_ids[0]);
  assert.equal(seq.count, parentSeq.count + 1);
  assert.deepEqual(await failure(getProjectRepositoryCommit(anonymous, web.id, "0000000000")), {
    status: 404,
    body: { message: "404 Commit Not Found" },
  });
});

simTest("commits: create with actions; errors; protection", async ({ alice, bob, client }) => {
  const admin = client(SIM_ADMIN_TOKEN);
  const head = await getProjectRepositoryBranch(alice, web.id, "main");
  const c = await createProjectRepositoryCommit(alice, web.id, {
    branch: "main",
    commit_message: "Reorganise",
    actions: [
      { action: "create", file_path: "bin/run.sh", content: "#!/bin/sh\necho hi\n", execute_filemode: true },
      { action: "update", file_path: "README.md", content: "# web\n" },
      { action: "move", file_path: "docs/manual.md", previous_path: "docs/guide.md" },
      { action: "delete", file_path: "CHANGELOG.md" },
      { action: "chmod", file_path: "src/main.ts", execute_filemode: true },
    ],
  });
  assert.deepEqual(c.parent_ids, [head.commit.id]);
  assert.equal(c.status, null);
  const diffs = await listProjectRepositoryCommitDiff(alice, web.id, c.id).toArray();
  assert.deepEqual(
    diffs.map((d) => [d.new_path, d.new_file, d.deleted_file, d.renamed_file, d.b_mode]),
    [
      ["CHANGELOG.md", false, true, false, "0"],
      ["README.md", false, false, false, "100644"],
      ["bin/run.sh", true, false, false, "100755"],
      ["docs/manual.md", false, false, true, "100644"],
      ["src/main.ts", false, false, false, "100755"],
    ],
  );
  const run = await getProjectRepositoryFile(alice, web.id, "bin/run.sh", { ref: "main" });
  assert.equal(run.execute_filemode, true);
  assert.equal(run.last_commit_id, c.id);
  assert.deepEqual(
    await failure(createProjectRepositoryCommit(alice, web.id, {
      branch: "main",
      commit_message: "x",
      actions: [{ action: "create", file_path: "README.md", content: "x" }],
    })),
    { status: 400, body: { message: "A file with this name already exists" } },
  );
  assert.deepEqual(
    await failure(createProjectRepositoryCommit(alice, web.id, {
      branch: "main",
      commit_message: "x",
      actions: [{ action: "explode" as never, file_path: "a" }],
    })),
    { status: 400, body: { error: "actions[0][action] does not have a valid value" } },
  );
  assert.deepEqual(
    await failure(createProjectRepositoryCommit(bob, deployTools.id, {
      branch: "main",
      commit_message: "x",
      actions: [{ action: "create", file_path: "a.md", content: "x" }],
    })),
    { status: 403, body: { message: "403 Forbidden - You are not allowed to push into this branch" } },
  );
  const onBranch = await createProjectRepositoryCommit(bob, deployTools.id, {
    branch: "bob/a",
    start_branch: "main",
    commit_message: "x",
    actions: [{ action: "create", file_path: "a.md", content: "x" }],
  });
  assert.equal((await getProjectRepositoryBranch(bob, deployTools.id, "bob/a")).commit.id, onBranch.id);
  await createProjectRepositoryCommit(admin, deployTools.id, {
    branch: "main",
    commit_message: "admin",
    actions: [{ action: "create", file_path: "b.md", content: "x" }],
  });
});

simTest("commits: cherry-pick and revert make new commits", async ({ alice }) => {
  const c = await createProjectRepositoryCommit(alice, web.id, {
    branch: "feature/login",
    commit_message: "Add notes",
    actions: [{ action: "create", file_path: "NOTES.md", content: "notes\n" }],
  });
  const picked = await cherryPickProjectRepositoryCommit(alice, web.id, c.id, { branch: "main" });
  assert.notEqual(picked.id, c.id);
  assert.equal(picked.message, `Add notes\n\n(cherry picked from commit ${c.id})`);
  assert.equal(
    (await getProjectRepositoryFile(alice, web.id, "NOTES.md", { ref: "main" })).last_commit_id,
    picked.id,
  );
  const again = await failure(cherryPickProjectRepositoryCommit(alice, web.id, c.id, { branch: "main" }));
  assert.equal(again.status, 400);
  assert.equal((again.body as { error_code: string }).error_code, "empty");
  const reverted = await revertProjectRepositoryCommit(alice, web.id, picked.id, { branch: "main" });
  assert.equal(reverted.title, 'Revert "Add notes"');
  assert.deepEqual(reverted.parent_ids, [picked.id]);
  assert.equal(
    (await failure(getProjectRepositoryFile(alice, web.id, "NOTES.md", { ref: "main" }))).status,
    404,
  );
  assert.deepEqual(await failure(revertProjectRepositoryCommit(alice, web.id, c.id, { branch: "nope" })), {
    status: 404,
    body: { message: "404 Branch Not Found" },
  });
  assert.deepEqual(
    await cherryPickProjectRepositoryCommit(alice, web.id, c.id, { branch: "main", dry_run: true }),
    { dry_run: "success" } as never,
  );
});

simTest("commits: comments on a commit", async ({ alice, anonymous }) => {
  const note = await createProjectRepositoryCommitComment(alice, web.id, "v1.1.0", {
    note: "Ship it",
    path: "CHANGELOG.md",
    line: 3,
    line_type: "new",
  });
  assert.deepEqual([note.note, note.path, note.line, note.line_type, note.author.username], [
    "Ship it",
    "CHANGELOG.md",
    3,
    "new",
    "alice",
  ]);
  const list = await listProjectRepositoryCommitComments(anonymous, web.id, "v1.1.0").toArray();
  assert.deepEqual(list.map((n) => n.note), ["Ship it"]);
  assert.equal(
    (await failure(createProjectRepositoryCommitComment(anonymous, web.id, "main", { note: "x" }))).status,
    401,
  );
});

simTest(
  "commit statuses: external statuses on an external pipeline, listed with CI jobs",
  async ({ alice, anonymous }) => {
    const c = await createProjectRepositoryCommit(alice, web.id, {
      branch: "feature/login",
      commit_message: "Touch",
      actions: [{ action: "create", file_path: "t.md", content: "t" }],
    });
    const s = await createProjectStatus(alice, web.id, c.id, {
      state: "running",
      context: "lint",
      target_url: "https://ci.example.com/1",
      description: "Linting",
    });
    assert.deepEqual([s.status, s.name, s.ref, s.sha, s.target_url, s.author.username], [
      "running",
      "lint",
      "feature/login",
      c.id,
      "https://ci.example.com/1",
      "alice",
    ]);
    assert.equal((await getProjectRepositoryCommit(alice, web.id, c.id)).status, "running");
    const done = await createProjectStatus(alice, web.id, c.id, { state: "success", name: "lint" });
    assert.deepEqual([done.id, done.status, done.pipeline_id], [s.id, "success", s.pipeline_id]);
    assert.equal(typeof done.finished_at, "string");
    assert.equal((await getProjectRepositoryCommit(alice, web.id, c.id)).last_pipeline?.status, "success");
    assert.deepEqual(
      await failure(createProjectStatus(alice, web.id, c.id, { state: "success", name: "lint" })),
      {
        status: 400,
        body: {
          message:
            'Cannot transition status via :success from :success (Reason(s): Status cannot transition via "success")',
        },
      },
    );
    assert.deepEqual(await failure(createProjectStatus(alice, web.id, c.id, { state: "nope" as never })), {
      status: 400,
      body: { error: "state does not have a valid value" },
    });
    assert.equal(
      (await failure(createProjectStatus(anonymous, web.id, c.id, { state: "success" }))).status,
      401,
    );
    const list = await listProjectRepositoryCommitStatuses(anonymous, web.id, c.id).toArray();
    assert.deepEqual(list.map((x) => [x.name, x.status]), [["lint", "success"]]);
    // a seeded pipeline's jobs are statuses of its commit
    const main = await getProjectRepositoryCommit(anonymous, web.id, "main");
    if (main.last_pipeline) {
      const jobs = await listProjectRepositoryCommitStatuses(anonymous, web.id, main.id).toArray();
      assert.ok(jobs.length > 0 && jobs.every((j) => j.sha === main.id));
    }
  },
);
