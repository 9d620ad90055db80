import assert from "node:assert/strict";
import {
  createClient,
  createProjectIssueDiscussion,
  createProjectIssueDiscussionNote,
  createProjectMergeRequestDiscussion,
  createProjectMergeRequestDiscussionNote,
  editProjectMergeRequestDiscussion,
  GitLabHTTPError,
  listProjectMergeRequestDiscussions,
} from "@gitlab-edge/client";
import { json, type Recorded, recorder } from "../_helpers.ts";

const API = "https://gitlab.example.com/api/v4";
const P = "/projects/acme%2Fweb";
const ID = "6a9c1750b37d513a43987b574953fceb50b03ce7";

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

const POSITION = {
  base_sha: "1a0b36b3cdad1d2ee32457c102a8c0b7056fa863",
  start_sha: "1a0b36b3cdad1d2ee32457c102a8c0b7056fa863",
  head_sha: "8b090c1b79a14f2bd9e8a738f717824ff53aebad",
  position_type: "text",
  old_path: "app/login.rb",
  new_path: "app/login.rb",
  new_line: 18,
} as const;
function discussion(id: string, resolved: boolean, bodies: string[]) {
  return {
    id,
    individual_note: false,
    notes: bodies.map((body, i) => ({
      id: 1400 + i,
      type: "DiffNote",
      body,
      author: { id: 3, username: i % 2 ? "bob" : "alice" },
      resolvable: true,
      resolved,
      position: { ...POSITION },
    })),
  };
}

Deno.test("createProjectMergeRequestDiscussion() posts a diff thread with its nested position", async () => {
  const { rec, client } = setup([
    json(discussion(ID, false, ["Should this redirect be a 303?"]), { status: 201 }),
  ]);
  const created = await createProjectMergeRequestDiscussion(client, "acme/web", 21, {
    body: "Should this redirect be a 303?",
    position: POSITION,
  });
  assert.equal(sent(rec.requests[0]), `POST ${P}/merge_requests/21/discussions`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), {
    body: "Should this redirect be a 303?",
    position: POSITION,
  });
  assert.equal(created.id, ID);
  const [first] = created.notes as { type: string; position: { new_line: number } }[];
  assert.equal(first.type, "DiffNote");
  assert.equal(first.position.new_line, 18);
});

Deno.test("listProjectMergeRequestDiscussions() reads every page of threads", async () => {
  const next = `${API}${P}/merge_requests/21/discussions?page=2&per_page=2`;
  const { rec, client } = setup([
    json([discussion(ID, false, ["Why?", "Because."]), discussion("b".repeat(40), true, ["Typo"])], {
      headers: { link: `<${next}>; rel="next"` },
    }),
    json([discussion("c".repeat(40), false, ["Needs a test"])]),
  ]);
  const unresolved: string[] = [];
  for await (const d of listProjectMergeRequestDiscussions(client, "acme/web", 21, { per_page: 2 })) {
    const notes = d.notes as { resolved: boolean; body: string }[];
    if (!notes[0].resolved) unresolved.push(notes[0].body);
  }
  assert.deepEqual(unresolved, ["Why?", "Needs a test"]);
  assert.equal(rec.requests[1].url, next);
});

Deno.test("editProjectMergeRequestDiscussion() resolves a thread by its hex id", async () => {
  const { rec, client } = setup([json(discussion(ID, true, ["Why?", "Because."]))]);
  const resolved = await editProjectMergeRequestDiscussion(client, "acme/web", 21, ID, {
    resolved: true,
  });
  assert.equal(sent(rec.requests[0]), `PUT ${P}/merge_requests/21/discussions/${ID}`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), { resolved: true });
  assert.ok((resolved.notes as { resolved: boolean }[]).every((n) => n.resolved));
});

Deno.test("createProjectMergeRequestDiscussionNote() replies to a thread", async () => {
  const reply = { id: 1410, type: "DiffNote", body: "Done in 8b090c1b", author: { id: 4, username: "bob" } };
  const { rec, client } = setup([json(reply, { status: 201 })]);
  const created = await createProjectMergeRequestDiscussionNote(client, "acme/web", 21, ID, {
    body: "Done in 8b090c1b",
  });
  assert.equal(created.id, 1410);
  assert.equal(sent(rec.requests[0]), `POST ${P}/merge_requests/21/discussions/${ID}/notes`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), { body: "Done in 8b090c1b" });
});

Deno.test("createProjectIssueDiscussion() starts a thread and createProjectIssueDiscussionNote() replies", async () => {
  const thread = {
    id: ID,
    individual_note: false,
    notes: [{ id: 1500, type: "DiscussionNote", body: "Repro steps?", resolvable: false }],
  };
  const { rec, client } = setup([
    json(thread, { status: 201 }),
    json({ message: "404 Discussion Not Found" }, { status: 404 }),
  ]);
  const created = await createProjectIssueDiscussion(client, "acme/web", 14, { body: "Repro steps?" });
  assert.equal((created.notes as { type: string }[])[0].type, "DiscussionNote");
  assert.equal(sent(rec.requests[0]), `POST ${P}/issues/14/discussions`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), { body: "Repro steps?" });
  const err = await createProjectIssueDiscussionNote(client, "acme/web", 14, ID, {
    body: "1. Log in",
  })
    .catch((e) => e);
  assert.equal(sent(rec.requests[1]), `POST ${P}/issues/14/discussions/${ID}/notes`);
  assert.ok(err instanceof GitLabHTTPError && err.status === 404);
  assert.match(err.message, /404 Discussion Not Found/);
});
