import assert from "node:assert/strict";
import {
  createProjectDeployKey,
  deleteProjectDeployKey,
  editProjectDeployKey,
  enableProjectDeployKey,
  getProjectDeployKey,
  listDeployKeys,
  listProjectDeployKeys,
} from "@gitlab-edge/client";
import { SIM_SEED } from "@gitlab-edge/client/testing";
import { simTest } from "./_both.ts";
import { failure } from "./_errors.ts";

const { web, handbook, deployTools, infra } = SIM_SEED.projects;

/** A well-formed ed25519 public key line. */
function key(seed: number): string {
  const type = "ssh-ed25519";
  const bytes = new Uint8Array(4 + type.length + 4 + 32);
  const v = new DataView(bytes.buffer);
  v.setUint32(0, type.length);
  bytes.set(new TextEncoder().encode(type), 4);
  v.setUint32(4 + type.length, 32);
  for (let i = 0; i < 32; i++) bytes[8 + type.length + i] = (seed + i * 13) & 0xff;
  return `${type} ${btoa(String.fromCharCode(...bytes))} test@example.com`;
}

simTest("deploy keys: the seeded key, per project and for administrators", async ({ alice, admin, bob }) => {
  const [k] = await listProjectDeployKeys(alice, web.id).toArray();
  assert.equal(k.title, "Production deploy");
  assert.equal(k.can_push, false);
  assert.match(k.fingerprint_sha256, /^SHA256:[A-Za-z0-9+/]{43}$/);
  assert.match(k.fingerprint ?? "", /^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
  assert.equal((await getProjectDeployKey(alice, deployTools.id, k.id)).can_push, true);
  const all = await listDeployKeys(admin).toArray();
  assert.equal(all.length, 1);
  assert.deepEqual(all[0].projects_with_readonly_access?.map((p) => p.path_with_namespace), [web.path]);
  assert.deepEqual(all[0].projects_with_write_access?.map((p) => p.path_with_namespace), [deployTools.path]);
  assert.equal((await failure(listDeployKeys(alice).toArray())).status, 403);
  assert.equal((await failure(listProjectDeployKeys(bob, infra.id).toArray())).status, 403);
});

simTest("deploy keys: add, edit, enable elsewhere, delete", async ({ alice, admin }) => {
  const k = await createProjectDeployKey(alice, handbook.id, {
    title: "docs bot",
    key: key(1),
    can_push: true,
  });
  assert.equal(k.can_push, true);
  assert.equal(k.title, "docs bot");
  assert.deepEqual(
    await failure(createProjectDeployKey(alice, handbook.id, { title: "bad", key: "ssh-rsa nope" })),
    {
      status: 400,
      body: { message: { key: ["is invalid"], fingerprint_sha256: ["cannot be generated"] } },
    },
  );
  assert.deepEqual(await failure(createProjectDeployKey(alice, handbook.id, { key: key(2) } as never)), {
    status: 400,
    body: { error: "title is missing" },
  });
  const edited = await editProjectDeployKey(alice, handbook.id, k.id, { title: "docs", can_push: false });
  assert.equal(edited.title, "docs");
  assert.equal(edited.can_push, false);
  const enabled = await enableProjectDeployKey(alice, web.id, k.id);
  assert.equal(enabled.id, k.id);
  assert.equal((await listProjectDeployKeys(alice, web.id).toArray()).length, 2);
  await deleteProjectDeployKey(alice, handbook.id, k.id);
  assert.deepEqual(await failure(getProjectDeployKey(alice, handbook.id, k.id)), {
    status: 404,
    body: { message: "404 Not found" },
  });
  // still used by acme/web, so the key itself stays
  assert.equal((await listDeployKeys(admin).toArray()).length, 2);
  await deleteProjectDeployKey(alice, web.id, k.id);
  assert.equal((await listDeployKeys(admin).toArray()).length, 1);
  assert.equal((await failure(enableProjectDeployKey(alice, web.id, 999))).status, 404);
});
