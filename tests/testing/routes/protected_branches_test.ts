import assert from "node:assert/strict";
import {
  createProjectProtectedBranch,
  createProjectRepositoryBranch,
  createProjectRepositoryCommit,
  createProjectRepositoryFile,
  deleteProjectProtectedBranch,
  deleteProjectRepositoryBranch,
  editProjectProtectedBranch,
  getProjectProtectedBranch,
  getProjectRepositoryBranch,
  listProjectProtectedBranches,
  protectProjectRepositoryBranch,
  unprotectProjectRepositoryBranch,
} from "@gitlab-edge/client";
import { SIM_SEED } from "@gitlab-edge/client/testing";
import { simTest } from "./_both.ts";
import { failure } from "./_errors.ts";

const { web, deployTools } = SIM_SEED.projects;
const tools = deployTools.id;

simTest("protected branches: main is protected for maintainers; maintainers only", async ({ alice, bob }) => {
  const [main] = await listProjectProtectedBranches(alice, web.id).toArray();
  assert.equal(main.name, "main");
  assert.deepEqual(main.push_access_levels.map((a) => [a.access_level, a.access_level_description]), [[
    40,
    "Maintainers",
  ]]);
  assert.equal(main.allow_force_push, false);
  assert.deepEqual(await getProjectProtectedBranch(alice, web.id, "main"), main);
  assert.deepEqual(await failure(getProjectProtectedBranch(alice, web.id, "nope")), {
    status: 404,
    body: { message: "404 Not found" },
  });
  assert.equal((await failure(listProjectProtectedBranches(bob, tools).toArray())).status, 403);
  const bobView = await getProjectRepositoryBranch(bob, tools, "main");
  assert.deepEqual(
    [bobView.protected, bobView.developers_can_push, bobView.developers_can_merge, bobView.can_push],
    [true, false, false, false],
  );
  assert.equal((await getProjectRepositoryBranch(alice, tools, "main")).can_push, true);
});

simTest("protected branches: wildcard rules apply to pushes and rendering", async ({ alice, bob }) => {
  await createProjectRepositoryBranch(bob, tools, { branch: "release/1.0", ref: "main" });
  assert.equal((await getProjectRepositoryBranch(bob, tools, "release/1.0")).can_push, true);
  const rule = await createProjectProtectedBranch(alice, tools, {
    name: "release/*",
    push_access_level: 40,
    merge_access_level: 30,
  });
  assert.equal(rule.name, "release/*");
  assert.deepEqual(
    await failure(createProjectProtectedBranch(alice, tools, { name: "release/*" })),
    { status: 409, body: { message: "Protected branch 'release/*' already exists" } },
  );
  assert.deepEqual(
    await failure(createProjectProtectedBranch(alice, tools, { name: "x", push_access_level: 20 as never })),
    { status: 400, body: { error: "push_access_level does not have a valid value" } },
  );
  const b = await getProjectRepositoryBranch(bob, tools, "release/1.0");
  assert.deepEqual([b.protected, b.developers_can_push, b.developers_can_merge, b.can_push], [
    true,
    false,
    true,
    false,
  ]);
  const write = { branch: "release/1.0", content: "x", commit_message: "m" };
  assert.deepEqual(await failure(createProjectRepositoryFile(bob, tools, "a.md", write)), {
    status: 400,
    body: { message: "You are not allowed to push into this branch" },
  });
  assert.equal(
    (await failure(createProjectRepositoryCommit(bob, tools, {
      branch: "release/1.0",
      commit_message: "m",
      actions: [{ action: "create", file_path: "a.md", content: "x" }],
    }))).status,
    403,
  );
  assert.equal((await failure(deleteProjectRepositoryBranch(bob, tools, "release/1.0"))).status, 400);
  // let developers push, through the rule's access entries
  const edited = await editProjectProtectedBranch(alice, tools, "release/*", {
    allowed_to_push: [{ id: rule.push_access_levels[0].id, _destroy: true }, { access_level: 30 }],
    allow_force_push: true,
  } as never);
  assert.deepEqual(edited.push_access_levels.map((a) => a.access_level), [30]);
  assert.equal(edited.allow_force_push, true);
  assert.equal((await getProjectRepositoryBranch(bob, tools, "release/1.0")).developers_can_push, true);
  await createProjectRepositoryFile(bob, tools, "a.md", write);
  await deleteProjectProtectedBranch(alice, tools, "release/*");
  assert.equal((await getProjectRepositoryBranch(bob, tools, "release/1.0")).protected, false);
  await deleteProjectRepositoryBranch(bob, tools, "release/1.0");
});

simTest(
  "protected branches: unprotecting main lets developers push; the legacy protect API",
  async ({ alice, bob }) => {
    await deleteProjectProtectedBranch(alice, tools, "main");
    await createProjectRepositoryFile(bob, tools, "a.md", {
      branch: "main",
      content: "x",
      commit_message: "m",
    });
    assert.deepEqual(await failure(deleteProjectRepositoryBranch(alice, tools, "main")), {
      status: 400,
      body: { message: "The default branch of a project cannot be deleted." },
    });
    const b = await protectProjectRepositoryBranch(alice, tools, "main", { developers_can_push: true });
    assert.deepEqual([b.protected, b.developers_can_push, b.developers_can_merge], [true, true, false]);
    await createProjectRepositoryFile(bob, tools, "b.md", {
      branch: "main",
      content: "x",
      commit_message: "m",
    });
    assert.equal((await unprotectProjectRepositoryBranch(alice, tools, "main")).protected, false);
    assert.equal((await failure(protectProjectRepositoryBranch(bob, tools, "main"))).status, 403);
  },
);
