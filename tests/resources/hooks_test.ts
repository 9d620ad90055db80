import assert from "node:assert/strict";
import {
  createClient,
  createGroupHook,
  createGroupHookTest,
  createHook,
  createProjectHook,
  createProjectHookTest,
  deleteProjectHook,
  editProjectHook,
  GitLabHTTPError,
  listHooks,
  listProjectHookEvents,
  listProjectHooks,
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

function hook(id: number, extra: Record<string, unknown> = {}) {
  return {
    id,
    url: "https://ci.example.com/hooks/gitlab",
    name: "CI bridge",
    project_id: 7,
    push_events: true,
    push_events_branch_filter: "release/*",
    branch_filter_strategy: "wildcard",
    merge_requests_events: true,
    pipeline_events: false,
    enable_ssl_verification: true,
    alert_status: "executable",
    custom_headers: [{ key: "X-Bridge-Env" }],
    url_variables: [],
    created_at: "2024-05-02T10:15:00.000Z",
    ...extra,
  };
}

Deno.test("createProjectHook() posts events, the branch filter, the secret token and custom headers", async () => {
  const { rec, client } = setup([json(hook(31), { status: 201 })]);
  const created = await createProjectHook(client, "acme/web", {
    url: "https://ci.example.com/hooks/gitlab",
    name: "CI bridge",
    token: "s3cr3t-webhook-token",
    push_events: true,
    push_events_branch_filter: "release/*",
    branch_filter_strategy: "wildcard",
    merge_requests_events: true,
    pipeline_events: false,
    custom_headers: [{ key: "X-Bridge-Env", value: "production" }],
  });
  assert.equal(sent(rec.requests[0]), `POST ${P}/hooks`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), {
    url: "https://ci.example.com/hooks/gitlab",
    name: "CI bridge",
    token: "s3cr3t-webhook-token",
    push_events: true,
    push_events_branch_filter: "release/*",
    branch_filter_strategy: "wildcard",
    merge_requests_events: true,
    pipeline_events: false,
    custom_headers: [{ key: "X-Bridge-Env", value: "production" }],
  });
  assert.equal(created.id, 31);
  assert.deepEqual(created.custom_headers, [{ key: "X-Bridge-Env" }]);
});

Deno.test("createProjectHook() with a blocked URL is GitLab's 422", async () => {
  const { client } = setup([json({ error: "Invalid url given" }, { status: 422 })]);
  const err = await createProjectHook(client, "acme/web", { url: "http://10.0.0.5/hook" }).catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError);
  assert.equal(err.status, 422);
  assert.match(err.message, /: 422 Unprocessable Entity: Invalid url given$/);
  assert.deepEqual(err.body, { error: "Invalid url given" });
});

Deno.test("createProjectHookTest() fires a test event; a failing endpoint is GitLab's 422", async () => {
  const { rec, client } = setup([
    json({ message: "201 Created" }, { status: 201 }),
    json({ message: "Hook execution failed: Failed to open TCP connection" }, { status: 422 }),
  ]);
  const ok = await createProjectHookTest(client, "acme/web", 31, "push_events");
  assert.equal(ok.message, "201 Created");
  assert.equal(sent(rec.requests[0]), `POST ${P}/hooks/31/test/push_events`);
  const err = await createProjectHookTest(client, "acme/web", 31, "merge_requests_events").catch((e) => e);
  assert.equal(sent(rec.requests[1]), `POST ${P}/hooks/31/test/merge_requests_events`);
  assert.ok(err instanceof GitLabHTTPError && err.status === 422);
  assert.match(err.message, /Hook execution failed/);
});

Deno.test("listProjectHooks(), editProjectHook(), deleteProjectHook() manage a project's hooks", async () => {
  const { rec, client } = setup([json([hook(31)]), json(hook(31, { pipeline_events: true })), status(204)]);
  assert.deepEqual((await listProjectHooks(client, "acme/web").toArray()).map((h) => h.id), [31]);
  const edited = await editProjectHook(client, "acme/web", 31, { pipeline_events: true });
  assert.equal(edited.pipeline_events, true);
  assert.equal(await deleteProjectHook(client, "acme/web", 31), undefined);
  assert.deepEqual(rec.requests.map(sent), [`GET ${P}/hooks`, `PUT ${P}/hooks/31`, `DELETE ${P}/hooks/31`]);
  assert.deepEqual(JSON.parse(rec.requests[1].body), { pipeline_events: true });
});

Deno.test("listProjectHookEvents() filters the delivery log by status classes", async () => {
  const { rec, client } = setup([
    json([{
      id: 901,
      url: "https://ci.example.com/hooks/gitlab",
      trigger: "push_hooks",
      response_status: "500",
    }]),
  ]);
  const events = await listProjectHookEvents(client, "acme/web", 31, { status: ["server_failure", "429"] })
    .toArray();
  assert.equal(events[0].response_status, "500");
  assert.equal(sent(rec.requests[0]), `GET ${P}/hooks/31/events`);
  assert.deepEqual(query(rec.requests[0]), [["status[]", "server_failure"], ["status[]", "429"]]);
});

Deno.test("group and system hooks: create, test, list", async () => {
  const { rec, client } = setup([
    json(hook(40, { group_id: 2, subgroup_events: true }), { status: 201 }),
    json({ message: "201 Created" }, { status: 201 }),
    json(hook(1, { repository_update_events: true }), { status: 201 }),
    json([hook(1)]),
  ]);
  const groupHook = await createGroupHook(client, "acme", {
    url: "https://audit.example.com/gl",
    subgroup_events: true,
  });
  assert.equal(groupHook.subgroup_events, true);
  await createGroupHookTest(client, "acme", 40, "tag_push_events");
  await createHook(client, { url: "https://audit.example.com/system", repository_update_events: true });
  assert.equal((await listHooks(client).toArray()).length, 1);
  assert.deepEqual(rec.requests.map(sent), [
    "POST /groups/acme/hooks",
    "POST /groups/acme/hooks/40/test/tag_push_events",
    "POST /hooks",
    "GET /hooks",
  ]);
  assert.deepEqual(JSON.parse(rec.requests[0].body), {
    url: "https://audit.example.com/gl",
    subgroup_events: true,
  });
  assert.deepEqual(JSON.parse(rec.requests[2].body), {
    url: "https://audit.example.com/system",
    repository_update_events: true,
  });
});
