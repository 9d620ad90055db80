import assert from "node:assert/strict";
import {
  createClient,
  deleteProjectPackage,
  deleteProjectPackagePackageFile,
  getProjectPackage,
  GitLabHTTPError,
  listGroupPackages,
  listProjectPackagePackageFiles,
  listProjectPackages,
} from "@gitlab-edge/client";
import { json, type Recorded, recorder, status } from "../_helpers.ts";

const API = "https://gitlab.example.com/api/v4";
const P = "/projects/acme%2Fweb";

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

function pkg(id: number, version: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name: "@acme/ui-kit",
    version,
    package_type: "npm",
    status: "default",
    created_at: "2024-05-02T10:15:00.000Z",
    _links: {
      web_path: `/acme/web/-/packages/${id}`,
      delete_api_path: `${API}/projects/7/packages/${id}`,
    },
    tags: [],
    ...extra,
  };
}
function file(id: number, name: string, size: number) {
  return {
    id,
    package_id: 31,
    created_at: "2024-05-02T10:15:00.000Z",
    file_name: name,
    size,
    file_md5: null,
    file_sha1: "be93151dc23ac34a82752444556fe79b32c7a1ad",
    file_sha256: "9a6f3b0c9d6bd1a6c3c0b2b2cfd2c0d0e53b2a2f45d7b5a6c5f8e3a2b1c0d9e8",
  };
}

Deno.test("listProjectPackages() filters by type, name and status across pages", async () => {
  const next =
    `${API}${P}/packages?order_by=version&package_name=%40acme%2Fui-kit&package_type=npm&page=2&sort=desc`;
  const { rec, client } = setup([
    json([pkg(33, "2.1.0"), pkg(32, "2.0.1")], { headers: { link: `<${next}>; rel="next"` } }),
    json([pkg(31, "2.0.0")]),
  ]);
  const versions: string[] = [];
  const list = listProjectPackages(client, "acme/web", {
    package_type: "npm",
    package_name: "@acme/ui-kit",
    status: "default",
    order_by: "version",
    sort: "desc",
  });
  for await (const p of list) versions.push(p.version as string);
  assert.deepEqual(versions, ["2.1.0", "2.0.1", "2.0.0"]);
  assert.equal(sent(rec.requests[0]), `GET ${P}/packages`);
  assert.deepEqual(query(rec.requests[0]), [
    ["package_type", "npm"],
    ["package_name", "@acme/ui-kit"],
    ["status", "default"],
    ["order_by", "version"],
    ["sort", "desc"],
  ]);
  assert.equal(rec.requests[1].url, next);
});

Deno.test("listGroupPackages() excludes subgroups and counts with HEAD", async () => {
  const { rec, client } = setup([
    json([pkg(33, "2.1.0", { project_id: 7, project_path: "acme/web" })]),
    status(200, { "x-total": "1" }),
  ]);
  const list = listGroupPackages(client, "acme", { exclude_subgroups: true, package_type: "npm" });
  const items = await list.toArray();
  assert.equal(items[0].project_path, "acme/web");
  assert.equal((await list.count()).total, 1);
  assert.deepEqual(rec.requests.map(sent), ["GET /groups/acme/packages", "HEAD /groups/acme/packages"]);
  assert.deepEqual(query(rec.requests[1]), [["exclude_subgroups", "true"], ["package_type", "npm"]]);
});

Deno.test("getProjectPackage() returns the package with its links and pipeline", async () => {
  const { rec, client } = setup([
    json(pkg(31, "2.0.0", { pipeline: { id: 47, status: "success", ref: "v2.0.0" } })),
  ]);
  const got = await getProjectPackage(client, "acme/web", 31);
  assert.equal((got._links as { delete_api_path: string }).delete_api_path, `${API}/projects/7/packages/31`);
  assert.equal((got.pipeline as { ref: string }).ref, "v2.0.0");
  assert.equal(sent(rec.requests[0]), `GET ${P}/packages/31`);
});

Deno.test("listProjectPackagePackageFiles() lists the files with their checksums, page by page", async () => {
  const { rec, client } = setup([
    json([file(91, "acme-ui-kit-2.0.0.tgz", 48213)], { headers: { "x-next-page": "2" } }),
    json([file(92, "package.json", 1204)], { headers: { "x-next-page": "" } }),
  ]);
  const files = await listProjectPackagePackageFiles(client, "acme/web", 31, {
    order_by: "file_name",
    per_page: 1,
  })
    .toArray();
  assert.deepEqual(files.map((f) => [f.file_name, f.size]), [["acme-ui-kit-2.0.0.tgz", 48213], [
    "package.json",
    1204,
  ]]);
  assert.match(files[0].file_sha256 as string, /^[0-9a-f]{64}$/);
  assert.equal(sent(rec.requests[0]), `GET ${P}/packages/31/package_files`);
  assert.deepEqual(query(rec.requests[0]), [["order_by", "file_name"], ["per_page", "1"]]);
  assert.equal(new URL(rec.requests[1].url).searchParams.get("page"), "2");
});

Deno.test("deleteProjectPackagePackageFile() and deleteProjectPackage() resolve to undefined on 204", async () => {
  const { rec, client } = setup([status(204), status(204)]);
  assert.equal(await deleteProjectPackagePackageFile(client, "acme/web", 31, 92), undefined);
  assert.equal(await deleteProjectPackage(client, "acme/web", 31), undefined);
  assert.deepEqual(rec.requests.map(sent), [
    `DELETE ${P}/packages/31/package_files/92`,
    `DELETE ${P}/packages/31`,
  ]);
});

Deno.test("deleteProjectPackage() of a missing package is GitLab's 404", async () => {
  const { client } = setup([json({ message: "404 Package Not Found" }, { status: 404 })]);
  const err = await deleteProjectPackage(client, "acme/web", 999).catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError);
  assert.equal(err.status, 404);
  assert.match(err.message, /404 Not Found: 404 Package Not Found$/);
});
