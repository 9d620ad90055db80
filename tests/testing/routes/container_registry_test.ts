import assert from "node:assert/strict";
import {
  deleteProjectRegistryRepository,
  deleteProjectRegistryRepositoryTag,
  deleteProjectRegistryRepositoryTags,
  getProjectRegistryRepositoryTag,
  getRegistryRepository,
  listGroupRegistryRepositories,
  listProjectRegistryRepositories,
  listProjectRegistryRepositoryTags,
} from "@gitlab-edge/client";
import { SIM_SEED } from "@gitlab-edge/client/testing";
import { simTest } from "./_both.ts";
import { failure } from "./_errors.ts";

const { web } = SIM_SEED.projects;
const { acme } = SIM_SEED.groups;

simTest("registry: repositories with tags and tags_count, tag details", async ({ anonymous, alice }) => {
  const [plain] = await listProjectRegistryRepositories(anonymous, web.id).toArray();
  assert.equal(plain.path, web.path);
  assert.equal(plain.tags, undefined);
  assert.equal(plain.tags_count, undefined);
  assert.equal(plain.delete_api_path, undefined);
  const [r] = await listProjectRegistryRepositories(alice, web.id, { tags: true, tags_count: true })
    .toArray();
  assert.equal(r.tags_count, 4);
  assert.deepEqual(r.tags?.map((t) => t.name), ["latest", "v1.3.0", "v1.4.1", "v1.4.2"]);
  assert.match(r.tags?.[0].location ?? "", /^registry\.[^/]+\/acme\/web:latest$/);
  assert.ok(r.delete_api_path);
  assert.equal((await getRegistryRepository(alice, r.id, { tags_count: true })).tags_count, 4);
  const details = await getProjectRegistryRepositoryTag(alice, web.id, r.id, "v1.4.2");
  assert.match(details.digest ?? "", /^sha256:[0-9a-f]{64}$/);
  assert.equal(details.short_revision, details.revision?.slice(0, 9));
  assert.equal(typeof details.total_size, "number");
  assert.deepEqual(await failure(getProjectRegistryRepositoryTag(alice, web.id, r.id, "nope")), {
    status: 404,
    body: { message: "404 Tag Not Found" },
  });
  assert.equal((await listGroupRegistryRepositories(alice, acme.id).toArray()).length, 1);
});

simTest("registry: deleting tags and repositories", async ({ alice, bob }) => {
  const [r] = await listProjectRegistryRepositories(alice, web.id).toArray();
  // bob has no role in acme/web
  assert.equal((await failure(deleteProjectRegistryRepositoryTag(bob, web.id, r.id, "v1.3.0"))).status, 403);
  assert.deepEqual(await failure(deleteProjectRegistryRepositoryTags(alice, web.id, r.id, {})), {
    status: 400,
    body: { error: "name_regex, name_regex_delete are missing, at least one parameter must be provided" },
  });
  await deleteProjectRegistryRepositoryTag(alice, web.id, r.id, "v1.3.0");
  assert.deepEqual(
    (await listProjectRegistryRepositoryTags(alice, web.id, r.id).toArray()).map((t) => t.name),
    [
      "latest",
      "v1.4.1",
      "v1.4.2",
    ],
  );
  // bulk: everything but `latest` and the newest one
  await deleteProjectRegistryRepositoryTags(alice, web.id, r.id, { name_regex_delete: ".*", keep_n: 1 });
  assert.deepEqual(
    (await listProjectRegistryRepositoryTags(alice, web.id, r.id).toArray()).map((t) => t.name),
    [
      "latest",
      "v1.4.2",
    ],
  );
  await deleteProjectRegistryRepositoryTags(alice, web.id, r.id, {
    name_regex_delete: "v.*",
    name_regex_keep: "v1\\.4\\..*",
  });
  assert.equal((await listProjectRegistryRepositoryTags(alice, web.id, r.id).toArray()).length, 2);
  await deleteProjectRegistryRepository(alice, web.id, r.id);
  assert.deepEqual(await listProjectRegistryRepositories(alice, web.id).toArray(), []);
  assert.equal((await failure(getRegistryRepository(alice, r.id))).status, 404);
});
