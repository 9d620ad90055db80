import assert from "node:assert/strict";
import {
  createClient,
  getProjectRepositoryArchive,
  getProjectRepositoryArchiveByFormat,
  getProjectRepositoryBlob,
  getProjectRepositoryBlobRaw,
  getProjectRepositoryChangelog,
  getProjectRepositoryCompare,
  getProjectRepositoryMergeBase,
  GitLabHTTPError,
  listProjectRepositoryContributors,
  listProjectRepositoryTree,
} from "@gitlab-edge/client";
import { json, type Recorded, recorder } from "../_helpers.ts";

const API = "https://gitlab.example.com/api/v4";
const P = "/projects/acme%2Fweb";
const BLOB = "a0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9";

function setup(answers: Parameters<typeof recorder>[0]) {
  const rec = recorder(answers);
  const client = createClient({
    baseUrl: "https://gitlab.example.com",
    token: "glpat-test",
    fetch: rec.fetch,
    retry: false,
  });
  return { rec, client };
}
const sent = (r: Recorded) => `${r.method} ${new URL(r.url).pathname.slice("/api/v4".length)}`;
const query = (r: Recorded) => [...new URL(r.url).searchParams];
const bytesOf = async (s: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(s).arrayBuffer());
const entry = (name: string, type: "tree" | "blob", path = name) => ({
  id: BLOB,
  name,
  type,
  path,
  mode: type === "tree" ? "040000" : "100644",
});

Deno.test("listProjectRepositoryTree() asks for keyset pagination and follows its page_token", async () => {
  const next =
    `${API}${P}/repository/tree?pagination=keyset&path=app&recursive=true&ref=main&page_token=${BLOB}`;
  const { rec, client } = setup([
    json([entry("models", "tree", "app/models"), entry("login.rb", "blob", "app/login.rb")], {
      headers: { link: `<${next}>; rel="next"` },
    }),
    json([entry("user.rb", "blob", "app/models/user.rb")]),
  ]);
  const tree = await listProjectRepositoryTree(client, "acme/web", {
    path: "app",
    ref: "main",
    recursive: true,
  })
    .toArray();
  assert.deepEqual(tree.filter((e) => e.type === "blob").map((e) => e.path), [
    "app/login.rb",
    "app/models/user.rb",
  ]);
  const first = new URL(rec.requests[0].url).searchParams;
  assert.equal(sent(rec.requests[0]), `GET ${P}/repository/tree`);
  assert.deepEqual([first.get("path"), first.get("ref"), first.get("recursive")], ["app", "main", "true"]);
  assert.equal(first.get("pagination"), "keyset");
  assert.equal(rec.requests[1].url, next);
});

Deno.test("getProjectRepositoryArchive() streams the archive's exact bytes for a sha, format and path", async () => {
  const tgz = new Uint8Array([
    0x1f,
    0x8b,
    0x08,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x03,
    0xed,
    0xc1,
    0x01,
    0x0d,
  ]);
  const { rec, client } = setup([
    new Response(tgz, { headers: { "content-type": "application/octet-stream" } }),
  ]);
  const stream = await getProjectRepositoryArchive(client, "acme/web", {
    sha: "v1.4.0",
    format: "tar.gz",
    path: "docs",
  });
  assert.ok(stream instanceof ReadableStream);
  assert.deepEqual(await bytesOf(stream), tgz);
  assert.equal(sent(rec.requests[0]), `GET ${P}/repository/archive`);
  assert.deepEqual(query(rec.requests[0]), [["sha", "v1.4.0"], ["format", "tar.gz"], ["path", "docs"]]);
});

Deno.test("getProjectRepositoryArchiveByFormat() puts the format in the path; a missing ref is a 404", async () => {
  const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x0a, 0x00]);
  const { rec, client } = setup([
    new Response(zip),
    json({ message: "404 Commit Not Found" }, { status: 404 }),
  ]);
  assert.deepEqual(
    await bytesOf(await getProjectRepositoryArchiveByFormat(client, "acme/web", "zip", { sha: "main" })),
    zip,
  );
  assert.equal(sent(rec.requests[0]), `GET ${P}/repository/archive.zip`);
  assert.deepEqual(query(rec.requests[0]), [["sha", "main"]]);
  const err = await getProjectRepositoryArchiveByFormat(client, "acme/web", "tar.gz", { sha: "nope" }).catch((
    e,
  ) => e);
  assert.equal(sent(rec.requests[1]), `GET ${P}/repository/archive.tar.gz`);
  assert.ok(err instanceof GitLabHTTPError && err.status === 404);
  assert.match(err.message, /404 Commit Not Found$/);
});

Deno.test("getProjectRepositoryCompare() sends from, to and straight and returns commits and diffs", async () => {
  const { rec, client } = setup([
    json({
      commit: { id: "ed899a2f4b50b4370feeea94676502b42383c746", title: "Fix login redirect" },
      commits: [{ id: "ed899a2f4b50b4370feeea94676502b42383c746", title: "Fix login redirect" }],
      diffs: [{
        old_path: "app/login.rb",
        new_path: "app/login.rb",
        diff: "@@ -1 +1 @@\n-a\n+b\n",
        new_file: false,
      }],
      compare_timeout: false,
      compare_same_ref: false,
      web_url: "https://gitlab.example.com/acme/web/-/compare/v1.3.0...v1.4.0",
    }),
  ]);
  const cmp = await getProjectRepositoryCompare(client, "acme/web", {
    from: "v1.3.0",
    to: "v1.4.0",
    straight: true,
  });
  assert.equal((cmp.commits as unknown[]).length, 1);
  assert.equal((cmp.diffs as { new_path: string }[])[0].new_path, "app/login.rb");
  assert.equal(cmp.compare_same_ref, false);
  assert.equal(sent(rec.requests[0]), `GET ${P}/repository/compare`);
  assert.deepEqual(query(rec.requests[0]), [["from", "v1.3.0"], ["to", "v1.4.0"], ["straight", "true"]]);
});

Deno.test("getProjectRepositoryBlob() returns base64 content; getProjectRepositoryBlobRaw() streams the bytes", async () => {
  const text = "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\n";
  const { rec, client } = setup([
    json({ size: text.length, encoding: "base64", content: btoa(text), sha: BLOB }),
    new Response(text),
  ]);
  const blob = await getProjectRepositoryBlob(client, "acme/web", BLOB);
  assert.equal(atob(blob.content as string), text);
  const raw = await getProjectRepositoryBlobRaw(client, "acme/web", BLOB);
  assert.equal(new TextDecoder().decode(await bytesOf(raw)), text);
  assert.deepEqual(rec.requests.map(sent), [
    `GET ${P}/repository/blobs/${BLOB}`,
    `GET ${P}/repository/blobs/${BLOB}/raw`,
  ]);
});

Deno.test("listProjectRepositoryContributors(), getProjectRepositoryMergeBase(), getProjectRepositoryChangelog()", async () => {
  const { rec, client } = setup([
    json([{ name: "Alice Example", email: "alice@example.com", commits: 117, additions: 0, deletions: 0 }]),
    json({ id: "1a0b36b3cdad1d2ee32457c102a8c0b7056fa863", title: "Add CI" }),
    json({ notes: "## 1.4.0 (2024-05-03)\n\n### Fixed (1 change)\n\n- Fix login redirect\n" }),
  ]);
  const people = await listProjectRepositoryContributors(client, "acme/web", {
    order_by: "commits",
    sort: "desc",
  })
    .toArray();
  assert.equal(people[0].commits, 117);
  const base = await getProjectRepositoryMergeBase(client, "acme/web", { refs: ["main", "feature/login"] });
  assert.equal(base.id, "1a0b36b3cdad1d2ee32457c102a8c0b7056fa863");
  const changelog = await getProjectRepositoryChangelog(client, "acme/web", {
    version: "1.4.0",
    to: "v1.4.0",
  });
  assert.match(changelog.notes as string, /^## 1\.4\.0/);
  assert.deepEqual(rec.requests.map(sent), [
    `GET ${P}/repository/contributors`,
    `GET ${P}/repository/merge_base`,
    `GET ${P}/repository/changelog`,
  ]);
  assert.deepEqual(query(rec.requests[0]), [["order_by", "commits"], ["sort", "desc"]]);
  assert.deepEqual(query(rec.requests[1]), [["refs[]", "main"], ["refs[]", "feature/login"]]);
  assert.deepEqual(query(rec.requests[2]), [["version", "1.4.0"], ["to", "v1.4.0"]]);
});
