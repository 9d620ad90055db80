import assert from "node:assert/strict";
import {
  createProjectRelease,
  createProjectReleaseAssetsLink,
  deleteProjectRelease,
  deleteProjectReleaseAssetsLink,
  deleteProjectRepositoryTag,
  editProjectRelease,
  editProjectReleaseAssetsLink,
  getProjectRelease,
  getProjectReleaseAssetsLink,
  getProjectRepositoryTag,
  listProjectReleaseAssetsLinks,
  listProjectReleases,
} from "@gitlab-edge/client";
import { SIM_SEED } from "@gitlab-edge/client/testing";
import { simTest } from "./_both.ts";
import { failure } from "./_errors.ts";

const { web } = SIM_SEED.projects;

simTest(
  "releases: the seeded releases with links, sources and the tagged commit",
  async ({ anonymous, baseUrl }) => {
    const list = await listProjectReleases(anonymous, web.id).toArray();
    assert.deepEqual(list.map((r) => r.tag_name), ["v1.1.0", "v1.0.0"]);
    const r = list[0];
    const tag = await getProjectRepositoryTag(anonymous, web.id, "v1.1.0");
    assert.equal(r.commit?.id, tag.commit.id);
    assert.equal(r.commit_path, `/acme/web/-/commit/${tag.commit.id}`);
    assert.equal(r.tag_path, "/acme/web/-/tags/v1.1.0");
    assert.equal(r.upcoming_release, false);
    assert.equal(r.author?.username, "alice");
    assert.deepEqual(r.assets.sources?.map((s) => s.format), ["zip", "tar.gz", "tar.bz2", "tar"]);
    assert.equal(r.assets.count, 4 + r.assets.links.length);
    const [pkg] = r.assets.links;
    assert.equal(pkg.link_type, "package");
    assert.equal(
      pkg.direct_asset_url,
      `${baseUrl}/acme/web/-/releases/v1.1.0/downloads/binaries/web-1.1.0.tar.gz`,
    );
    assert.equal(r._links.edit_url, undefined);
    const asc = await listProjectReleases(anonymous, web.id, { sort: "asc" }).toArray();
    assert.deepEqual(asc.map((x) => x.tag_name), ["v1.0.0", "v1.1.0"]);
    assert.deepEqual(await failure(getProjectRelease(anonymous, web.id, "v9")), {
      status: 404,
      body: { message: "404 Not Found" },
    });
  },
);

simTest("releases: create (with a new tag from ref), update, delete", async ({ alice, bob }) => {
  const future = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const r = await createProjectRelease(alice, web.id, {
    tag_name: "v2.0.0",
    ref: "main",
    name: "Two",
    description: "Big",
    released_at: future,
    assets: {
      links: [{
        name: "bin",
        url: "https://example.com/bin",
        direct_asset_path: "/bin",
        link_type: "package",
      }],
    },
  });
  assert.equal(r.upcoming_release, true);
  assert.equal(r.released_at, future);
  assert.equal(r.assets.links[0].name, "bin");
  assert.ok(r._links.edit_url?.endsWith("/acme/web/-/releases/v2.0.0/edit"));
  const tag = await getProjectRepositoryTag(alice, web.id, "v2.0.0");
  assert.deepEqual(tag.release, { tag_name: "v2.0.0", description: "Big" });
  assert.deepEqual(await failure(createProjectRelease(alice, web.id, { tag_name: "v2.0.0" })), {
    status: 409,
    body: { message: "Release already exists" },
  });
  assert.deepEqual(await failure(createProjectRelease(alice, web.id, { tag_name: "v3.0.0" })), {
    status: 422,
    body: { message: "Ref is not specified" },
  });
  assert.equal((await failure(createProjectRelease(bob, web.id, { tag_name: "v1.0.0" }))).status, 403);
  const edited = await editProjectRelease(alice, web.id, "v2.0.0", { name: "Deux" });
  assert.deepEqual([edited.name, edited.description], ["Deux", "Big"]);
  const gone = await deleteProjectRelease(alice, web.id, "v2.0.0");
  assert.equal(gone.name, "Deux");
  assert.equal((await failure(getProjectRelease(alice, web.id, "v2.0.0"))).status, 404);
  assert.equal((await getProjectRepositoryTag(alice, web.id, "v2.0.0")).release, null);
  // deleting a tag deletes its release
  await createProjectRelease(alice, web.id, { tag_name: "v2.0.0" });
  await deleteProjectRepositoryTag(alice, web.id, "v2.0.0");
  assert.equal((await failure(getProjectRelease(alice, web.id, "v2.0.0"))).status, 404);
});

simTest("release links: create, get, update, delete with GitLab's checks", async ({ alice }) => {
  const l = await createProjectReleaseAssetsLink(alice, web.id, "v1.0.0", {
    name: "checksums",
    url: "https://example.com/sha256sums",
  });
  assert.deepEqual([l.link_type, l.direct_asset_url], ["other", "https://example.com/sha256sums"]);
  assert.deepEqual(await getProjectReleaseAssetsLink(alice, web.id, "v1.0.0", l.id), l);
  assert.deepEqual(
    await failure(
      createProjectReleaseAssetsLink(alice, web.id, "v1.0.0", {
        name: "checksums",
        url: "https://example.com/b",
      }),
    ),
    { status: 400, body: { message: { name: ["has already been taken"] } } },
  );
  const e = await editProjectReleaseAssetsLink(alice, web.id, "v1.0.0", l.id, {
    link_type: "runbook",
    direct_asset_path: "/sums",
  });
  assert.equal(e.link_type, "runbook");
  assert.match(e.direct_asset_url, /\/acme\/web\/-\/releases\/v1\.0\.0\/downloads\/sums$/);
  assert.equal((await listProjectReleaseAssetsLinks(alice, web.id, "v1.0.0").toArray()).length, 1);
  assert.equal((await deleteProjectReleaseAssetsLink(alice, web.id, "v1.0.0", l.id)).id, l.id);
  assert.deepEqual(await listProjectReleaseAssetsLinks(alice, web.id, "v1.0.0").toArray(), []);
  assert.equal((await failure(getProjectReleaseAssetsLink(alice, web.id, "v1.0.0", l.id))).status, 404);
});
