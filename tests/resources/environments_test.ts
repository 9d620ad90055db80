import assert from "node:assert/strict";
import {
  createClient,
  createProjectEnvironment,
  createProjectEnvironmentsStopStale,
  deleteProjectEnvironment,
  editProjectEnvironment,
  getProjectEnvironment,
  GitLabHTTPError,
  listProjectEnvironments,
  stopProjectEnvironment,
} from "@gitlab-edge/client";
import { json, type Recorded, recorder, status } from "../_helpers.ts";

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

function environment(id: number, name: string, state = "available", extra: Record<string, unknown> = {}) {
  return {
    id,
    name,
    slug: name.replace(/\//g, "-"),
    external_url: `https://${name.replace(/\//g, "-")}.web.example.com`,
    state,
    tier: name.startsWith("review/") ? "development" : "production",
    created_at: "2024-05-02T10:15:00.000Z",
    updated_at: "2024-05-02T10:15:00.000Z",
    ...extra,
  };
}

Deno.test("createProjectEnvironment() posts name, external_url and tier", async () => {
  const { rec, client } = setup([json(environment(21, "review/login-fix"), { status: 201 })]);
  const created = await createProjectEnvironment(client, "acme/web", {
    name: "review/login-fix",
    external_url: "https://review-login-fix.web.example.com",
    tier: "development",
  });
  assert.equal(sent(rec.requests[0]), `POST ${P}/environments`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), {
    name: "review/login-fix",
    external_url: "https://review-login-fix.web.example.com",
    tier: "development",
  });
  assert.equal(created.slug, "review-login-fix");
  assert.equal(created.state, "available");
});

Deno.test("createProjectEnvironment() with a taken name is GitLab's 400 field message", async () => {
  const { client } = setup([json({ message: { name: ["has already been taken"] } }, { status: 400 })]);
  const err = await createProjectEnvironment(client, "acme/web", { name: "production" }).catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError);
  assert.equal(err.status, 400);
  assert.match(err.message, /400 Bad Request: name has already been taken$/);
});

Deno.test("listProjectEnvironments() sends search and states and counts with HEAD", async () => {
  const { rec, client } = setup([
    json([environment(21, "review/login-fix"), environment(22, "review/dark-mode")], {
      headers: { "x-next-page": "2" },
    }),
    json([environment(25, "review/search")]),
    status(200, { "x-total": "3" }),
  ]);
  const list = listProjectEnvironments(client, "acme/web", { search: "review/", states: "available" });
  const names: string[] = [];
  for await (const env of list) names.push(env.name as string);
  assert.deepEqual(names, ["review/login-fix", "review/dark-mode", "review/search"]);
  assert.deepEqual(query(rec.requests[0]), [["search", "review/"], ["states", "available"]]);
  assert.equal(new URL(rec.requests[1].url).searchParams.get("page"), "2");
  assert.equal((await list.count()).total, 3);
  assert.equal(rec.requests[2].method, "HEAD");
});

Deno.test("getProjectEnvironment() and editProjectEnvironment() read and change one environment", async () => {
  const { rec, client } = setup([
    json(environment(9, "production", "available", { last_deployment: { id: 141, status: "success" } })),
    json(environment(9, "production", "available", { external_url: "https://www.example.com" })),
  ]);
  const got = await getProjectEnvironment(client, "acme/web", 9);
  assert.equal((got.last_deployment as { id: number }).id, 141);
  const edited = await editProjectEnvironment(client, "acme/web", 9, {
    external_url: "https://www.example.com",
  });
  assert.equal(edited.external_url, "https://www.example.com");
  assert.deepEqual(rec.requests.map(sent), [`GET ${P}/environments/9`, `PUT ${P}/environments/9`]);
  assert.deepEqual(JSON.parse(rec.requests[1].body), { external_url: "https://www.example.com" });
});

Deno.test("stopProjectEnvironment() stops an environment, forced", async () => {
  const { rec, client } = setup([json(environment(21, "review/login-fix", "stopped"))]);
  const stopped = await stopProjectEnvironment(client, "acme/web", 21, { force: true });
  assert.equal(stopped.state, "stopped");
  assert.equal(sent(rec.requests[0]), `POST ${P}/environments/21/stop`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), { force: true });
});

Deno.test("createProjectEnvironmentsStopStale() sends the cut-off date", async () => {
  const { rec, client } = setup([
    json({ message: "Successfully requested stop for all stale environments" }),
  ]);
  const got = await createProjectEnvironmentsStopStale(client, "acme/web", {
    before: new Date("2024-04-01T00:00:00Z"),
  });
  assert.equal(got.message, "Successfully requested stop for all stale environments");
  assert.equal(sent(rec.requests[0]), `POST ${P}/environments/stop_stale`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), { before: "2024-04-01T00:00:00.000Z" });
});

Deno.test("deleteProjectEnvironment() resolves to undefined; an available one is GitLab's 403", async () => {
  const { rec, client } = setup([status(204), json({ message: "403 Forbidden" }, { status: 403 })]);
  assert.equal(await deleteProjectEnvironment(client, "acme/web", 21), undefined);
  assert.equal(sent(rec.requests[0]), `DELETE ${P}/environments/21`);
  const err = await deleteProjectEnvironment(client, "acme/web", 9).catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError && err.status === 403);
  assert.match(err.message, /403 Forbidden$/);
});
