import assert from "node:assert/strict";
import {
  createProjectProtectedTag,
  createProjectRepositoryTag,
  deleteProjectProtectedTag,
  deleteProjectRepositoryTag,
  getProjectProtectedTag,
  getProjectRepositoryFile,
  getProjectRepositoryTag,
  listProjectProtectedTags,
  listProjectRepositoryCommits,
  listProjectRepositoryTags,
} from "@gitlab-edge/client";
import { SIM_SEED } from "@gitlab-edge/client/testing";
import { simTest } from "./_both.ts";
import { failure } from "./_errors.ts";

const { web, deployTools } = SIM_SEED.projects;

simTest("tags: the seeded tags, search, order and sort", async ({ anonymous }) => {
  const tags = await listProjectRepositoryTags(anonymous, web.id).toArray();
  assert.deepEqual(tags.map((t) => t.name), ["v1.1.0", "v1.0.0"]);
  const [v11, v10] = tags;
  assert.deepEqual([v11.message, v11.target, v11.created_at], [null, v11.commit.id, null]);
  assert.equal(v10.message, "Version 1.0.0");
  assert.notEqual(v10.target, v10.commit.id);
  assert.equal(typeof v10.created_at, "string");
  assert.deepEqual(v11.release, { tag_name: "v1.1.0", description: v11.release?.description });
  assert.deepEqual(
    (await listProjectRepositoryTags(anonymous, web.id, { order_by: "name", sort: "asc" }).toArray()).map((
      t,
    ) => t.name),
    ["v1.0.0", "v1.1.0"],
  );
  assert.deepEqual(
    (await listProjectRepositoryTags(anonymous, web.id, { search: "^v1.1" }).toArray()).map((t) => t.name),
    ["v1.1.0"],
  );
  assert.deepEqual(await failure(getProjectRepositoryTag(anonymous, web.id, "v9")), {
    status: 404,
    body: { message: "404 Tag Not Found" },
  });
});

simTest("tags: create lightweight and annotated tags that resolve as refs; delete", async ({ alice }) => {
  const t = await createProjectRepositoryTag(alice, web.id, {
    tag_name: "v2.0.0",
    ref: "feature/login",
    message: "Two",
  });
  assert.deepEqual([t.name, t.message, t.protected, t.release], ["v2.0.0", "Two", false, null]);
  const f = await getProjectRepositoryFile(alice, web.id, "src/login.ts", { ref: "v2.0.0" });
  assert.equal(f.commit_id, t.commit.id);
  const log = await listProjectRepositoryCommits(alice, web.id, {
    ref_name: "v2.0.0",
    per_page: 1,
    maxItems: 1,
  }).toArray();
  assert.equal(log[0].id, t.commit.id);
  const light = await createProjectRepositoryTag(alice, web.id, { tag_name: "pin", ref: t.commit.short_id });
  assert.deepEqual([light.message, light.target], [null, t.commit.id]);
  assert.deepEqual(
    await failure(createProjectRepositoryTag(alice, web.id, { tag_name: "pin", ref: "main" })),
    {
      status: 400,
      body: { message: "Tag pin already exists" },
    },
  );
  assert.deepEqual(await failure(createProjectRepositoryTag(alice, web.id, { tag_name: "x", ref: "nope" })), {
    status: 400,
    body: { message: "Target nope is invalid" },
  });
  assert.deepEqual(
    await failure(createProjectRepositoryTag(alice, web.id, { tag_name: "a..b", ref: "main" })),
    {
      status: 400,
      body: { message: "Tag name invalid" },
    },
  );
  await deleteProjectRepositoryTag(alice, web.id, "pin");
  assert.equal((await failure(getProjectRepositoryTag(alice, web.id, "pin"))).status, 404);
});

simTest("protected tags: rules limit who creates and deletes tags", async ({ alice, bob }) => {
  const rule = await createProjectProtectedTag(alice, deployTools.id, {
    name: "release-*",
    create_access_level: 40,
  });
  assert.deepEqual(rule, {
    name: "release-*",
    create_access_levels: [{
      id: rule.create_access_levels[0].id,
      access_level: 40,
      access_level_description: "Maintainers",
    }],
  });
  assert.deepEqual(await failure(createProjectProtectedTag(alice, deployTools.id, { name: "release-*" })), {
    status: 422,
    body: { message: ["Name has already been taken"] },
  });
  assert.deepEqual((await listProjectProtectedTags(alice, deployTools.id).toArray()).map((r) => r.name), [
    "release-*",
  ]);
  assert.equal((await getProjectProtectedTag(alice, deployTools.id, "release-*")).name, "release-*");
  assert.equal((await failure(listProjectProtectedTags(bob, deployTools.id).toArray())).status, 403);
  assert.deepEqual(
    await failure(createProjectRepositoryTag(bob, deployTools.id, { tag_name: "release-1", ref: "main" })),
    { status: 400, body: { message: "You are not allowed to create this tag as it is protected." } },
  );
  const ok = await createProjectRepositoryTag(bob, deployTools.id, { tag_name: "dev-1", ref: "main" });
  assert.equal(ok.protected, false);
  const prot = await createProjectRepositoryTag(alice, deployTools.id, {
    tag_name: "release-1",
    ref: "main",
  });
  assert.equal(prot.protected, true);
  assert.equal((await failure(deleteProjectRepositoryTag(bob, deployTools.id, "release-1"))).status, 400);
  await deleteProjectProtectedTag(alice, deployTools.id, "release-*");
  await deleteProjectRepositoryTag(bob, deployTools.id, "release-1");
  assert.deepEqual(await failure(getProjectProtectedTag(alice, deployTools.id, "release-*")), {
    status: 404,
    body: { message: "404 Not found" },
  });
});
