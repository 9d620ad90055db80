import assert from "node:assert/strict";
import {
  createClient,
  createGroupLabel,
  createProjectLabel,
  deleteProjectLabel,
  editProjectLabel,
  GitLabHTTPError,
  listGroupLabels,
  listProjectLabels,
  subscribeProjectLabel,
  unsubscribeProjectLabel,
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

function label(id: number, name: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name,
    color: "#d9534f",
    text_color: "#FFFFFF",
    description: null,
    priority: null,
    is_project_label: true,
    subscribed: false,
    ...extra,
  };
}

Deno.test("createProjectLabel() posts name, color, description and priority", async () => {
  const { rec, client } = setup([
    json(label(31, "bug::regression", { description: "Worked before", priority: 1 }), { status: 201 }),
  ]);
  const created = await createProjectLabel(client, "acme/web", {
    name: "bug::regression",
    color: "#d9534f",
    description: "Worked before",
    priority: 1,
  });
  assert.equal(sent(rec.requests[0]), `POST ${P}/labels`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), {
    name: "bug::regression",
    color: "#d9534f",
    description: "Worked before",
    priority: 1,
  });
  assert.equal(created.id, 31);
  assert.equal(created.text_color, "#FFFFFF");
});

Deno.test("createProjectLabel() of an existing name is GitLab's 409", async () => {
  const { client } = setup([json({ message: "Label already exists" }, { status: 409 })]);
  const err = await createProjectLabel(client, "acme/web", { name: "bug", color: "red" }).catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError);
  assert.equal(err.status, 409);
  assert.match(err.message, /409 Conflict: Label already exists$/);
});

Deno.test("listProjectLabels() sends search and with_counts and reads both pages", async () => {
  const next = `${API}${P}/labels?page=2&per_page=2&search=bug&with_counts=true`;
  const { rec, client } = setup([
    json([
      label(30, "bug", { open_issues_count: 12 }),
      label(31, "bug::regression", { open_issues_count: 2 }),
    ], {
      headers: { link: `<${next}>; rel="next"` },
    }),
    json([label(5, "bug::security", { open_issues_count: 0, is_project_label: false })]),
  ]);
  const labels = await listProjectLabels(client, "acme/web", {
    search: "bug",
    with_counts: true,
    per_page: 2,
  })
    .toArray();
  assert.deepEqual(labels.map((l) => [l.name, l.open_issues_count]), [
    ["bug", 12],
    ["bug::regression", 2],
    ["bug::security", 0],
  ]);
  assert.deepEqual(query(rec.requests[0]), [["search", "bug"], ["with_counts", "true"], ["per_page", "2"]]);
  assert.equal(rec.requests[1].url, next);
});

Deno.test("editProjectLabel() renames and recolours; deleteProjectLabel() resolves to undefined", async () => {
  const { rec, client } = setup([json(label(31, "regression", { color: "#8fbc8f" })), status(204)]);
  const edited = await editProjectLabel(client, "acme/web", 31, { new_name: "regression", color: "#8fbc8f" });
  assert.equal(edited.name, "regression");
  assert.equal(sent(rec.requests[0]), `PUT ${P}/labels/31`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), { new_name: "regression", color: "#8fbc8f" });
  assert.equal(await deleteProjectLabel(client, "acme/web", 31), undefined);
  assert.equal(sent(rec.requests[1]), `DELETE ${P}/labels/31`);
});

Deno.test("subscribeProjectLabel() and unsubscribeProjectLabel() flip `subscribed`", async () => {
  const { rec, client } = setup([json(label(30, "bug", { subscribed: true })), json(label(30, "bug"))]);
  assert.equal((await subscribeProjectLabel(client, "acme/web", 30)).subscribed, true);
  assert.equal((await unsubscribeProjectLabel(client, "acme/web", 30)).subscribed, false);
  assert.deepEqual(rec.requests.map(sent), [
    `POST ${P}/labels/30/subscribe`,
    `POST ${P}/labels/30/unsubscribe`,
  ]);
});

Deno.test("createGroupLabel() and listGroupLabels() work on a group's labels", async () => {
  const { priority: _priority, is_project_label: _isProjectLabel, ...groupLabel } = label(
    7,
    "team::platform",
    {
      color: "#428bca",
    },
  );
  const { rec, client } = setup([json(groupLabel, { status: 201 }), json([groupLabel])]);
  const created = await createGroupLabel(client, "acme", { name: "team::platform", color: "#428bca" });
  assert.equal(created.color, "#428bca");
  assert.equal("is_project_label" in created, false);
  assert.equal(sent(rec.requests[0]), "POST /groups/acme/labels");
  const listed = await listGroupLabels(client, "acme", { only_group_labels: true, search: "team" }).toArray();
  assert.deepEqual(listed.map((l) => l.name), ["team::platform"]);
  assert.deepEqual(query(rec.requests[1]), [["only_group_labels", "true"], ["search", "team"]]);
});
