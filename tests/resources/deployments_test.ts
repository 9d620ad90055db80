import assert from "node:assert/strict";
import {
  createClient,
  createProjectDeployment,
  createProjectDeploymentApproval,
  deleteProjectDeployment,
  editProjectDeployment,
  getProjectDeployment,
  GitLabHTTPError,
  listProjectDeployments,
} from "@gitlab-edge/client";
import { json, type Recorded, recorder, status } from "../_helpers.ts";

const API = "https://gitlab.example.com/api/v4";
const P = "/projects/acme%2Fweb";
const SHA = "2695effb5807a22ff3d138d593fd856244e155e7";

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

function deployment(id: number, status: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    iid: id - 100,
    ref: "main",
    sha: SHA,
    status,
    created_at: "2024-05-02T10:15:00.000Z",
    updated_at: "2024-05-02T10:19:00.000Z",
    user: { id: 3, username: "alice" },
    environment: { id: 9, name: "production", external_url: "https://web.example.com" },
    deployable: null,
    ...extra,
  };
}

Deno.test("listProjectDeployments() filters by environment, status and update time across pages", async () => {
  const next = `${API}${P}/deployments?environment=production&page=2&status=success`;
  const { rec, client } = setup([
    json([deployment(141, "success"), deployment(140, "success")], {
      headers: { link: `<${next}>; rel="next"` },
    }),
    json([deployment(131, "success")]),
  ]);
  const list = await listProjectDeployments(client, "acme/web", {
    environment: "production",
    status: "success",
    updated_after: new Date("2024-05-01T00:00:00Z"),
    order_by: "updated_at",
    sort: "desc",
  }).toArray();
  assert.deepEqual(list.map((d) => d.id), [141, 140, 131]);
  assert.equal((list[0].environment as { name: string }).name, "production");
  assert.deepEqual(query(rec.requests[0]), [
    ["environment", "production"],
    ["status", "success"],
    ["updated_after", "2024-05-01T00:00:00.000Z"],
    ["order_by", "updated_at"],
    ["sort", "desc"],
  ]);
  assert.equal(rec.requests[1].url, next);
});

Deno.test("createProjectDeployment() records a deployment; editProjectDeployment() finishes it", async () => {
  const { rec, client } = setup([
    json(deployment(142, "running"), { status: 201 }),
    json(deployment(142, "success", { updated_at: "2024-05-02T10:25:00.000Z" })),
  ]);
  const created = await createProjectDeployment(client, "acme/web", {
    environment: "production",
    sha: SHA,
    ref: "main",
    tag: false,
    status: "running",
  });
  assert.equal(created.status, "running");
  assert.equal(sent(rec.requests[0]), `POST ${P}/deployments`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), {
    environment: "production",
    sha: SHA,
    ref: "main",
    tag: false,
    status: "running",
  });
  const done = await editProjectDeployment(client, "acme/web", 142, { status: "success" });
  assert.equal(done.status, "success");
  assert.equal(done.updated_at, "2024-05-02T10:25:00.000Z");
  assert.equal(sent(rec.requests[1]), `PUT ${P}/deployments/142`);
  assert.deepEqual(JSON.parse(rec.requests[1].body), { status: "success" });
});

Deno.test("getProjectDeployment() returns the deployment with its approvals", async () => {
  const { rec, client } = setup([
    json(deployment(143, "blocked", { pending_approval_count: 1, approvals: [] })),
  ]);
  const got = await getProjectDeployment(client, "acme/web", 143);
  assert.equal(got.status, "blocked");
  assert.equal(got.pending_approval_count, 1);
  assert.equal(sent(rec.requests[0]), `GET ${P}/deployments/143`);
});

Deno.test("createProjectDeploymentApproval() approves a blocked deployment with a comment", async () => {
  const approval = {
    user: { id: 3, username: "alice" },
    status: "approved",
    created_at: "2024-05-02T11:00:00.000Z",
    comment: "Change window OK",
  };
  const { rec, client } = setup([json(approval, { status: 201 })]);
  const got = await createProjectDeploymentApproval(client, "acme/web", 143, {
    status: "approved",
    comment: "Change window OK",
  });
  assert.equal(got.status, "approved");
  assert.equal(sent(rec.requests[0]), `POST ${P}/deployments/143/approval`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), { status: "approved", comment: "Change window OK" });
});

Deno.test("deleteProjectDeployment() resolves to undefined on 204; a running one is GitLab's 400", async () => {
  const { rec, client } = setup([
    status(204),
    json({ message: "Cannot destroy running deployment" }, { status: 400 }),
  ]);
  assert.equal(await deleteProjectDeployment(client, "acme/web", 131), undefined);
  assert.equal(sent(rec.requests[0]), `DELETE ${P}/deployments/131`);
  const err = await deleteProjectDeployment(client, "acme/web", 142).catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError);
  assert.equal(err.status, 400);
  assert.match(err.message, /Cannot destroy running deployment/);
});
