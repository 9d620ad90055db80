import assert from "node:assert/strict";
import {
  deleteProjectPackage,
  deleteProjectPackagePackageFile,
  editProjectPackagesGeneric,
  getProjectPackage,
  getProjectPackagesGeneric,
  listGroupPackages,
  listProjectPackagePackageFiles,
  listProjectPackages,
} from "@gitlab-edge/client";
import { SIM_SEED } from "@gitlab-edge/client/testing";
import { simTest } from "./_both.ts";
import { bytesOf, failure } from "./_errors.ts";

const { web, infra } = SIM_SEED.projects;
const { acme } = SIM_SEED.groups;

simTest("packages: seeded packages, filters and ordering", async ({ anonymous, alice }) => {
  const all = await listProjectPackages(anonymous, web.id).toArray();
  assert.deepEqual(all.map((p) => [p.name, p.package_type]), [["acme-web-dist", "generic"], [
    "@acme/ui-kit",
    "npm",
  ]]);
  assert.equal(all[0]._links.delete_api_path, undefined);
  const generic = await listProjectPackages(alice, web.id, { package_type: "generic" }).toArray();
  assert.deepEqual(generic.map((p) => p.version), ["1.4.2"]);
  assert.ok(generic[0]._links.delete_api_path?.endsWith(`/projects/${web.id}/packages/${generic[0].id}`));
  const byName = await listProjectPackages(alice, web.id, { package_name: "UI" }).toArray();
  assert.deepEqual(byName.map((p) => p.name), ["@acme/ui-kit"]);
  const desc = await listProjectPackages(alice, web.id, { order_by: "name", sort: "desc" }).toArray();
  assert.deepEqual(desc.map((p) => p.name), ["acme-web-dist", "@acme/ui-kit"]);
  assert.deepEqual(
    await failure(listProjectPackages(alice, web.id, { order_by: "size" as never }).toArray()),
    {
      status: 400,
      body: { error: "order_by does not have a valid value" },
    },
  );
  const group = await listGroupPackages(alice, acme.id).toArray();
  assert.deepEqual(group.map((p) => p.project_path), [web.path, web.path]);
  const [file] = await listProjectPackagePackageFiles(alice, web.id, all[0].id).toArray();
  assert.equal(file.file_name, "dist.txt");
  assert.equal(file.file_md5, "49818b122caeb5900f97795e044bf83a");
  assert.equal(file.file_sha1, "8813a4e4110885659e8bcb3644913c019ad30e1b");
});

simTest("packages: generic upload and download keep the bytes", async ({ bob, alice, anonymous, sim }) => {
  const bytes = new Uint8Array([0, 1, 2, 250, 255, 10, 13]);
  assert.deepEqual(
    await editProjectPackagesGeneric(bob, infra.id, "tools", "0.1.0", "tool.bin", {
      file: new Blob([bytes]),
    }),
    { message: "201 Created" },
  );
  assert.deepEqual(
    await bytesOf(await getProjectPackagesGeneric(bob, infra.id, "tools", "0.1.0", "tool.bin")),
    bytes,
  );
  const res = await sim.fetch(
    `https://gitlab.example.com/api/v4/projects/${infra.id}/packages/generic/tools/0.1.0/tool.bin`,
    { headers: { "PRIVATE-TOKEN": "glpat-simulator-bob-token" } },
  );
  assert.equal(res.headers.get("content-type"), "application/octet-stream");
  await res.body?.cancel();
  // A raw body, as `curl --upload-file` sends it, is the file too.
  const raw = new Uint8Array([7, 0, 255, 128]);
  const put = await sim.fetch(
    `https://gitlab.example.com/api/v4/projects/${infra.id}/packages/generic/raw-tools/0.1.1/raw.bin`,
    {
      method: "PUT",
      body: raw,
      headers: { "PRIVATE-TOKEN": "glpat-simulator-bob-token", "content-type": "application/octet-stream" },
    },
  );
  assert.equal(put.status, 201, await put.clone().text());
  await put.body?.cancel();
  assert.deepEqual(
    await bytesOf(await getProjectPackagesGeneric(bob, infra.id, "raw-tools", "0.1.1", "raw.bin")),
    raw,
  );
  const [pkg] = await listProjectPackages(alice, infra.id, {
    package_name: "tools",
    package_version: "0.1.0",
  }).toArray();
  assert.deepEqual([pkg.name, pkg.version, pkg.package_type], ["tools", "0.1.0", "generic"]);
  const got = await getProjectPackage(alice, infra.id, pkg.id);
  assert.deepEqual(got.versions, []);
  // a private project's packages are hidden from anonymous callers; publishing needs developer
  assert.equal(
    (await failure(getProjectPackagesGeneric(anonymous, infra.id, "tools", "0.1.0", "tool.bin"))).status,
    404,
  );
  assert.equal(
    (await failure(editProjectPackagesGeneric(bob, web.id, "x", "1.0.0", "a.txt", { file: new Blob(["a"]) })))
      .status,
    403,
  );
  assert.deepEqual(
    await failure(
      editProjectPackagesGeneric(bob, infra.id, "bad name", "1.0.0", "a.txt", { file: new Blob(["a"]) }),
    ),
    { status: 400, body: { error: "package_name is invalid" } },
  );
  assert.equal(
    (await failure(getProjectPackagesGeneric(bob, infra.id, "tools", "0.1.0", "other.bin"))).status,
    404,
  );
  // deleting needs maintainer
  assert.equal((await failure(deleteProjectPackage(bob, infra.id, pkg.id))).status, 403);
  const [f] = await listProjectPackagePackageFiles(alice, infra.id, pkg.id).toArray();
  assert.equal(f.size, bytes.length);
  await deleteProjectPackagePackageFile(alice, infra.id, pkg.id, f.id);
  assert.deepEqual(await listProjectPackagePackageFiles(alice, infra.id, pkg.id).toArray(), []);
  await deleteProjectPackage(alice, infra.id, pkg.id);
  assert.deepEqual(await failure(getProjectPackage(alice, infra.id, pkg.id)), {
    status: 404,
    body: { message: "404 Package Not Found" },
  });
});
