import assert from "node:assert/strict";
import {
  createClient,
  createDeployKey,
  createProjectDeployKey,
  deleteProjectDeployKey,
  editProjectDeployKey,
  enableProjectDeployKey,
  GitLabHTTPError,
  listDeployKeys,
  listProjectDeployKeys,
} from "@gitlab-edge/client";
import { json, type Recorded, recorder, status } from "../_helpers.ts";

const API = "https://gitlab.example.com/api/v4";
const P = "/projects/acme%2Fweb";
const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDtHc2xg2gJ7Z4W8RkbTnFSIFJmV9bqvG3sL1pR0rU5n deploy@ci";

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

function deployKey(id: number, title: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    title,
    key: KEY,
    fingerprint_sha256: "SHA256:t5Q7p0OJzXv6Qn5rQk3V1o1sJ2b2n8Zr3W2mU5k9Jxg",
    created_at: "2024-05-02T10:15:00.000Z",
    expires_at: null,
    can_push: false,
    ...extra,
  };
}

Deno.test("createProjectDeployKey() posts the title, public key, push right and expiry", async () => {
  const { rec, client } = setup([
    json(deployKey(13, "CI deploy", { can_push: true, expires_at: "2025-01-01T00:00:00.000Z" }), {
      status: 201,
    }),
  ]);
  const created = await createProjectDeployKey(client, "acme/web", {
    title: "CI deploy",
    key: KEY,
    can_push: true,
    expires_at: "2025-01-01T00:00:00.000Z",
  });
  assert.equal(sent(rec.requests[0]), `POST ${P}/deploy_keys`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), {
    title: "CI deploy",
    key: KEY,
    can_push: true,
    expires_at: "2025-01-01T00:00:00.000Z",
  });
  assert.equal(created.id, 13);
  assert.equal(created.can_push, true);
  assert.match(created.fingerprint_sha256 as string, /^SHA256:/);
});

Deno.test("createProjectDeployKey() with a bad key is GitLab's 400 with every field's message", async () => {
  const { client } = setup([
    json({
      message: {
        key: ["type is forbidden. Must be RSA, ECDSA, or ED25519"],
        fingerprint_sha256: ["cannot be generated"],
      },
    }, { status: 400 }),
  ]);
  const err = await createProjectDeployKey(client, "acme/web", { title: "bad", key: "ssh-dss AAAA" }).catch((
    e,
  ) => e);
  assert.ok(err instanceof GitLabHTTPError);
  assert.equal(err.status, 400);
  assert.match(
    err.message,
    /: key type is forbidden\. Must be RSA, ECDSA, or ED25519; fingerprint_sha256 cannot be generated$/,
  );
});

Deno.test("enableProjectDeployKey() enables another project's key here", async () => {
  const { rec, client } = setup([json(deployKey(11, "Shared deploy"), { status: 201 })]);
  const enabled = await enableProjectDeployKey(client, "acme/api", 11);
  assert.equal(enabled.title, "Shared deploy");
  assert.equal(sent(rec.requests[0]), "POST /projects/acme%2Fapi/deploy_keys/11/enable");
  assert.equal(rec.requests[0].body, "");
});

Deno.test("listProjectDeployKeys() reads both pages", async () => {
  const next = `${API}${P}/deploy_keys?page=2&per_page=1`;
  const { rec, client } = setup([
    json([deployKey(11, "Shared deploy")], { headers: { link: `<${next}>; rel="next"` } }),
    json([deployKey(13, "CI deploy", { can_push: true })]),
  ]);
  const keys = await listProjectDeployKeys(client, "acme/web", { per_page: 1 }).toArray();
  assert.deepEqual(keys.map((k) => [k.id, k.can_push]), [[11, false], [13, true]]);
  assert.equal(rec.requests[1].url, next);
});

Deno.test("editProjectDeployKey() revokes the push right; deleteProjectDeployKey() resolves to undefined", async () => {
  const { rec, client } = setup([json(deployKey(13, "CI deploy (read-only)")), status(204)]);
  const edited = await editProjectDeployKey(client, "acme/web", 13, {
    title: "CI deploy (read-only)",
    can_push: false,
  });
  assert.equal(edited.can_push, false);
  assert.equal(sent(rec.requests[0]), `PUT ${P}/deploy_keys/13`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), { title: "CI deploy (read-only)", can_push: false });
  assert.equal(await deleteProjectDeployKey(client, "acme/web", 13), undefined);
  assert.equal(sent(rec.requests[1]), `DELETE ${P}/deploy_keys/13`);
});

Deno.test("createDeployKey() and listDeployKeys() manage instance-wide keys", async () => {
  const { rec, client } = setup([
    json(deployKey(20, "Fleet key"), { status: 201 }),
    json([deployKey(20, "Fleet key", { projects_with_write_access: [] })]),
  ]);
  await createDeployKey(client, { title: "Fleet key", key: KEY });
  const all = await listDeployKeys(client, { public: true }).toArray();
  assert.deepEqual(all[0].projects_with_write_access, []);
  assert.deepEqual(rec.requests.map(sent), ["POST /deploy_keys", "GET /deploy_keys"]);
  assert.deepEqual(JSON.parse(rec.requests[0].body), { title: "Fleet key", key: KEY });
  assert.deepEqual(query(rec.requests[1]), [["public", "true"]]);
});
