import assert from "node:assert/strict";
import {
  createClient,
  createProjectMilestone,
  deleteProjectMilestone,
  editProjectMilestone,
  getProjectMilestone,
  GitLabHTTPError,
  listGroupMilestones,
  listProjectMilestoneIssues,
  listProjectMilestones,
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

function milestone(id: number, iid: number, title: string, state = "active") {
  return {
    id,
    iid,
    project_id: 7,
    title,
    description: "Spring release",
    state,
    start_date: "2024-05-01",
    due_date: "2024-06-30",
    expired: false,
    web_url: `https://gitlab.example.com/acme/web/-/milestones/${iid}`,
  };
}

Deno.test("createProjectMilestone() posts the title and its dates", async () => {
  const { rec, client } = setup([json(milestone(12, 3, "1.4"), { status: 201 })]);
  const created = await createProjectMilestone(client, "acme/web", {
    title: "1.4",
    description: "Spring release",
    start_date: "2024-05-01",
    due_date: "2024-06-30",
  });
  assert.equal(sent(rec.requests[0]), `POST ${P}/milestones`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), {
    title: "1.4",
    description: "Spring release",
    start_date: "2024-05-01",
    due_date: "2024-06-30",
  });
  assert.equal(created.iid, 3);
  assert.equal(created.state, "active");
});

Deno.test("createProjectMilestone() with a taken title is GitLab's 400 validation message", async () => {
  const { client } = setup([json({ message: "Milestone title has already been taken" }, { status: 400 })]);
  const err = await createProjectMilestone(client, "acme/web", { title: "1.4" }).catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError);
  assert.equal(err.status, 400);
  assert.match(err.message, /Milestone title has already been taken/);
});

Deno.test("listProjectMilestones() sends state, search and iids[] and pages by X-Next-Page", async () => {
  const { rec, client } = setup([
    json([milestone(12, 3, "1.4")], { headers: { "x-next-page": "2" } }),
    json([milestone(13, 4, "1.4.1")], { headers: { "x-next-page": "" } }),
  ]);
  const list = await listProjectMilestones(client, "acme/web", {
    state: "active",
    search: "1.4",
    iids: [3, 4],
    per_page: 1,
  }).toArray();
  assert.deepEqual(list.map((m) => m.title), ["1.4", "1.4.1"]);
  assert.deepEqual(query(rec.requests[0]), [
    ["state", "active"],
    ["search", "1.4"],
    ["iids[]", "3"],
    ["iids[]", "4"],
    ["per_page", "1"],
  ]);
  assert.equal(new URL(rec.requests[1].url).searchParams.get("page"), "2");
});

Deno.test("editProjectMilestone() closes a milestone with state_event", async () => {
  const { rec, client } = setup([json(milestone(12, 3, "1.4", "closed"))]);
  const closed = await editProjectMilestone(client, "acme/web", 12, { state_event: "close" });
  assert.equal(closed.state, "closed");
  assert.equal(sent(rec.requests[0]), `PUT ${P}/milestones/12`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), { state_event: "close" });
});

Deno.test("getProjectMilestone() and listProjectMilestoneIssues() read a milestone and its issues", async () => {
  const { rec, client } = setup([
    json(milestone(12, 3, "1.4")),
    json([{ id: 377, iid: 14, title: "Login loops", state: "opened", milestone: { id: 12, title: "1.4" } }]),
  ]);
  assert.equal((await getProjectMilestone(client, "acme/web", 12)).due_date, "2024-06-30");
  const issues = await listProjectMilestoneIssues(client, "acme/web", 12).toArray();
  assert.deepEqual(issues.map((i) => i.iid), [14]);
  assert.deepEqual(rec.requests.map(sent), [`GET ${P}/milestones/12`, `GET ${P}/milestones/12/issues`]);
});

Deno.test("deleteProjectMilestone() resolves to undefined; listGroupMilestones() searches titles", async () => {
  const { rec, client } = setup([status(204), json([{ ...milestone(40, 1, "Q2 2024"), group_id: 2 }])]);
  assert.equal(await deleteProjectMilestone(client, "acme/web", 12), undefined);
  assert.equal(sent(rec.requests[0]), `DELETE ${P}/milestones/12`);
  const group = await listGroupMilestones(client, "acme", { search_title: "Q2", state: "all" }).toArray();
  assert.equal(group[0].group_id, 2);
  assert.equal(sent(rec.requests[1]), "GET /groups/acme/milestones");
  assert.deepEqual(query(rec.requests[1]), [["search_title", "Q2"], ["state", "all"]]);
});
