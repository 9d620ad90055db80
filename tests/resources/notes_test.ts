import assert from "node:assert/strict";
import {
  createClient,
  createProjectIssueNote,
  createProjectMergeRequestNote,
  deleteProjectIssueNote,
  editProjectIssueNote,
  GitLabHTTPError,
  listProjectIssueNotes,
  listProjectMergeRequestNotes,
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

function note(id: number, body: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    type: null,
    body,
    author: { id: 3, username: "alice", name: "Alice Example", state: "active" },
    created_at: "2024-05-02T10:15:00.000Z",
    updated_at: "2024-05-02T10:15:00.000Z",
    system: false,
    noteable_id: 377,
    noteable_type: "Issue",
    noteable_iid: 14,
    resolvable: false,
    confidential: false,
    internal: false,
    ...extra,
  };
}

Deno.test("createProjectMergeRequestNote() posts the body and the diff head it was written against", async () => {
  const { rec, client } = setup([
    json(note(1301, "LGTM, one nit below", { noteable_type: "MergeRequest", noteable_iid: 21 }), {
      status: 201,
    }),
  ]);
  const created = await createProjectMergeRequestNote(client, "acme/web", 21, {
    body: "LGTM, one nit below",
    merge_request_diff_head_sha: "8b090c1b79a14f2bd9e8a738f717824ff53aebad",
  });
  assert.equal(sent(rec.requests[0]), `POST ${P}/merge_requests/21/notes`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), {
    body: "LGTM, one nit below",
    merge_request_diff_head_sha: "8b090c1b79a14f2bd9e8a738f717824ff53aebad",
  });
  assert.equal(created.id, 1301);
  assert.equal(created.noteable_type, "MergeRequest");
  assert.equal((created.author as { username: string }).username, "alice");
});

Deno.test("listProjectIssueNotes() sends the order and activity filter and reads pages by X-Next-Page", async () => {
  const { rec, client } = setup([
    json([note(1, "First!"), note(2, "changed the description", { system: true })], {
      headers: { "x-next-page": "2", "x-total": "3" },
    }),
    json([note(3, "Fixed in !21")], { headers: { "x-next-page": "" } }),
  ]);
  const notes = await listProjectIssueNotes(client, "acme/web", 14, {
    sort: "asc",
    order_by: "created_at",
    activity_filter: "all_notes",
  }).toArray();
  assert.deepEqual(notes.filter((n) => !n.system).map((n) => n.body), ["First!", "Fixed in !21"]);
  assert.equal(sent(rec.requests[0]), `GET ${P}/issues/14/notes`);
  assert.deepEqual(query(rec.requests[0]), [["sort", "asc"], ["order_by", "created_at"], [
    "activity_filter",
    "all_notes",
  ]]);
  assert.equal(new URL(rec.requests[1].url).searchParams.get("page"), "2");
});

Deno.test("createProjectIssueNote() posts an internal note; an empty body is GitLab's 400", async () => {
  const { rec, client } = setup([
    json(note(1302, "Customer ticket #4411", { internal: true, confidential: true }), { status: 201 }),
    json({ error: "body is empty" }, { status: 400 }),
  ]);
  const created = await createProjectIssueNote(client, 7, 14, {
    body: "Customer ticket #4411",
    internal: true,
  });
  assert.equal(created.internal, true);
  assert.equal(sent(rec.requests[0]), "POST /projects/7/issues/14/notes");
  assert.deepEqual(JSON.parse(rec.requests[0].body), { body: "Customer ticket #4411", internal: true });
  const err = await createProjectIssueNote(client, 7, 14, { body: "" }).catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError);
  assert.equal(err.status, 400);
  assert.match(err.message, /400 Bad Request: body is empty$/);
});

Deno.test("editProjectIssueNote() puts the new body; deleteProjectIssueNote() resolves to undefined", async () => {
  const { rec, client } = setup([json(note(1302, "Customer ticket #4412")), status(204)]);
  const edited = await editProjectIssueNote(client, "acme/web", 14, 1302, { body: "Customer ticket #4412" });
  assert.equal(edited.body, "Customer ticket #4412");
  assert.equal(sent(rec.requests[0]), `PUT ${P}/issues/14/notes/1302`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), { body: "Customer ticket #4412" });
  assert.equal(await deleteProjectIssueNote(client, "acme/web", 14, 1302), undefined);
  assert.equal(sent(rec.requests[1]), `DELETE ${P}/issues/14/notes/1302`);
});

Deno.test("listProjectMergeRequestNotes() of a merge request not visible is GitLab's 404", async () => {
  const { rec, client } = setup([json({ message: "404 Merge Request Not Found" }, { status: 404 })]);
  const err = await listProjectMergeRequestNotes(client, "acme/web", 999).toArray().catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError);
  assert.equal(err.status, 404);
  assert.match(err.message, /404 Merge Request Not Found/);
  assert.equal(sent(rec.requests[0]), `GET ${P}/merge_requests/999/notes`);
});
