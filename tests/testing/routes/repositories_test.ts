import assert from "node:assert/strict";
import {
  getProjectRepositoryArchive,
  getProjectRepositoryArchiveByFormat,
  getProjectRepositoryBlob,
  getProjectRepositoryBlobRaw,
  getProjectRepositoryCompare,
  getProjectRepositoryFile,
  getProjectRepositoryMergeBase,
  listProjectRepositoryContributors,
  listProjectRepositoryTree,
} from "@gitlab-edge/client";
import { SIM_SEED, SIM_USER_TOKEN } from "@gitlab-edge/client/testing";
import { simTest } from "./_both.ts";
import { bytesOf, failure } from "./_errors.ts";
import { raw } from "./_raw.ts";

const { web } = SIM_SEED.projects;
const decoder = new TextDecoder();

/** The entry names of a tar archive (bounded by its size). */
function tarNames(tar: Uint8Array): string[] {
  const names: string[] = [];
  for (let at = 0; at + 512 <= tar.length && names.length < 1000;) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (from: number, len: number) =>
      decoder.decode(header.subarray(from, from + len)).replace(/\0.*$/s, "");
    const size = parseInt(field(124, 12), 8);
    const prefix = field(345, 155);
    names.push(prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return names;
}

simTest("repositories: tree at a ref and path, recursive, offset and keyset pages", async (world) => {
  const { anonymous } = world;
  const top = await listProjectRepositoryTree(anonymous, web.id).toArray();
  assert.deepEqual(top.filter((e) => e.type === "tree").map((e) => e.name), ["assets", "docs", "src"]);
  assert.ok(top.some((e) => e.path === "CHANGELOG.md" && e.type === "blob" && e.mode === "100644"));
  const readme = await getProjectRepositoryFile(anonymous, web.id, "README.md", { ref: "main" });
  assert.equal(top.find((e) => e.path === "README.md")?.id, readme.blob_id);
  const docs = await listProjectRepositoryTree(anonymous, web.id, { path: "docs", recursive: true })
    .toArray();
  assert.deepEqual(docs.map((e) => [e.path, e.type]), [
    ["docs/user", "tree"],
    ["docs/guide.md", "blob"],
    ["docs/user/ci.md", "blob"],
  ]);
  assert.equal(docs[0].mode, "040000");
  const old = await listProjectRepositoryTree(anonymous, web.id, { path: "docs", ref: "v1.0.0" }).toArray();
  assert.deepEqual(old.map((e) => e.path), ["docs/ci.md", "docs/guide.md"]);
  assert.deepEqual(await failure(listProjectRepositoryTree(anonymous, web.id, { ref: "nope" }).toArray()), {
    status: 404,
    body: { message: "404 Tree Not Found" },
  });
  const keyset = await listProjectRepositoryTree(anonymous, web.id, {
    recursive: true,
    pagination: "keyset",
    per_page: 2,
  } as never).toArray();
  const offset = await listProjectRepositoryTree(anonymous, web.id, { recursive: true }).toArray();
  assert.deepEqual(keyset, offset);
  const first = await raw(world, `/projects/${web.id}/repository/tree?pagination=keyset&per_page=2`);
  assert.match(first.headers.get("link") ?? "", /page_token=[0-9a-f]{40}.*rel="next"/);
  assert.equal(first.headers.get("x-total"), null);
  await first.body?.cancel();
});

simTest("repositories: blob and raw blob by SHA", async ({ anonymous }) => {
  const f = await getProjectRepositoryFile(anonymous, web.id, "CHANGELOG.md", { ref: "v1.0.0" });
  const blob = await getProjectRepositoryBlob(anonymous, web.id, f.blob_id);
  assert.deepEqual([blob.sha, blob.size, blob.encoding, blob.content], [
    f.blob_id,
    f.size,
    "base64",
    f.content,
  ]);
  const bytes = await bytesOf(await getProjectRepositoryBlobRaw(anonymous, web.id, f.blob_id));
  assert.equal(decoder.decode(bytes), "# Changelog\n\n## 1.0.0\n\n- First public release.\n");
  assert.deepEqual(await failure(getProjectRepositoryBlob(anonymous, web.id, "0".repeat(40))), {
    status: 404,
    body: { message: "404 Blob Not Found" },
  });
});

simTest("repositories: archives stream with Workhorse's headers and file name", async (world) => {
  const { anonymous } = world;
  const tag = await getProjectRepositoryFile(anonymous, web.id, "README.md", { ref: "v1.0.0" });
  const prefix = `web-v1.0.0-${tag.commit_id}`;
  const res = await raw(world, `/projects/${web.id}/repository/archive.zip?sha=v1.0.0`, SIM_USER_TOKEN);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "application/zip");
  assert.equal(res.headers.get("content-disposition"), `attachment; filename="${prefix}.zip"`);
  const zip = new Uint8Array(await res.arrayBuffer());
  assert.deepEqual([...zip.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04]);
  assert.match(decoder.decode(zip), new RegExp(`${prefix}/CHANGELOG\\.md`));
  const gz = await bytesOf(await getProjectRepositoryArchive(anonymous, web.id, { sha: "v1.0.0" }));
  assert.deepEqual([...gz.subarray(0, 2)], [0x1f, 0x8b]);
  const tar = await bytesOf(
    new Blob([gz as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream("gzip")),
  );
  const names = tarNames(tar);
  assert.equal(names[0], "pax_global_header");
  assert.ok(names.includes(`${prefix}/CHANGELOG.md`));
  assert.ok(names.includes(`${prefix}/docs/guide.md`));
  const sub = await bytesOf(
    await getProjectRepositoryArchiveByFormat(anonymous, web.id, "tar", { path: "src" }),
  );
  assert.ok(tarNames(sub).every((n) => n === "pax_global_header" || n.includes("-src/")));
  const head = await raw(world, `/projects/${web.id}/repository/archive.tar?sha=main`);
  assert.equal(head.headers.get("content-type"), "application/octet-stream");
  assert.equal(head.headers.get("content-length"), null);
  await head.body?.cancel();
  assert.deepEqual(await failure(getProjectRepositoryArchive(anonymous, web.id, { sha: "nope" })), {
    status: 404,
    body: { message: "404 File Not Found" },
  });
});

simTest("repositories: compare, contributors and merge base", async ({ anonymous }) => {
  const cmp = await getProjectRepositoryCompare(anonymous, web.id, { from: "v1.0.0", to: "v1.1.0" });
  assert.deepEqual(cmp.commits.map((c) => c.title), [
    "Cache build dependencies in CI",
    "Move the CI notes under docs/user",
    "Update changelog for 1.1.0",
  ]);
  assert.equal(cmp.commit?.title, "Update changelog for 1.1.0");
  assert.deepEqual(cmp.diffs.map((d) => d.new_path), [
    ".gitlab-ci.yml",
    "CHANGELOG.md",
    "docs/user/ci.md",
  ]);
  assert.equal(cmp.compare_same_ref, false);
  assert.match(cmp.web_url, /\/acme\/web\/-\/compare\/v1\.0\.0\.\.\.v1\.1\.0$/);
  const same = await getProjectRepositoryCompare(anonymous, web.id, { from: "main", to: "main" });
  assert.deepEqual([same.compare_same_ref, same.commits, same.diffs, same.commit], [true, [], [], null]);
  // feature/login branched before the tags: the merge-base diff shows only its own change
  const feature = await getProjectRepositoryCompare(anonymous, web.id, { from: "main", to: "feature/login" });
  assert.deepEqual(feature.diffs.map((d) => d.new_path), ["src/login.ts"]);
  const straight = await getProjectRepositoryCompare(anonymous, web.id, {
    from: "main",
    to: "feature/login",
    straight: true,
  });
  assert.ok(straight.diffs.length > 1 && straight.diffs.some((d) => d.deleted_file));
  assert.deepEqual(
    await failure(getProjectRepositoryCompare(anonymous, web.id, { from: "nope", to: "main" })),
    {
      status: 404,
      body: { message: "404 Ref Not Found" },
    },
  );
  const people = await listProjectRepositoryContributors(anonymous, web.id, {
    order_by: "commits",
    sort: "desc",
  })
    .toArray();
  assert.equal(people[0].email, "alice@example.com");
  assert.ok(people.some((p) => p.name === "Bob Builder" && p.commits === 1));
  const base = await getProjectRepositoryMergeBase(anonymous, web.id, { refs: ["main", "feature/login"] });
  assert.ok(feature.commits.every((c) => c.id !== base.id));
  assert.deepEqual(await failure(getProjectRepositoryMergeBase(anonymous, web.id, { refs: ["main"] })), {
    status: 400,
    body: { message: "Provide at least 2 refs" },
  });
  assert.deepEqual(
    await failure(getProjectRepositoryMergeBase(anonymous, web.id, { refs: ["main", "x", "y"] })),
    {
      status: 400,
      body: { message: "Could not find refs: x, y" },
    },
  );
});
