import assert from "node:assert/strict";
import {
  listGroupSearch,
  listProjectSearch,
  listSearch,
  type SearchResultsByScope,
} from "@gitlab-edge/client";
import { SIM_SEED } from "@gitlab-edge/client/testing";
import { simTest } from "./_both.ts";
import { failure } from "./_errors.ts";

const { web, infra } = SIM_SEED.projects;
const { platform } = SIM_SEED.groups;

simTest(
  "search: scopes are validated per level, as GitLab without advanced search",
  async ({ alice, anonymous }) => {
    assert.deepEqual(await failure(listSearch(alice, { search: "x" } as never).toArray()), {
      status: 400,
      body: { error: "scope is missing" },
    });
    assert.deepEqual(await failure(listSearch(alice, { scope: "blobs", search: "x" }).toArray()), {
      status: 400,
      body: { error: "scope does not have a valid value" },
    });
    assert.equal(
      (await failure(
        listGroupSearch(alice, platform.id, { scope: "snippet_titles" as never, search: "x" }).toArray(),
      ))
        .status,
      400,
    );
    assert.equal(
      (await failure(listProjectSearch(alice, web.id, { scope: "projects" as never, search: "x" }).toArray()))
        .status,
      400,
    );
    assert.equal(
      (await failure(listSearch(anonymous, { scope: "projects", search: "web" }).toArray())).status,
      401,
    );
  },
);

simTest("search: results only from what the caller can read", async ({ alice, bob, client, sim }) => {
  const found = await listSearch(alice, { scope: "projects", search: "infra" })
    .toArray() as SearchResultsByScope["projects"][];
  assert.deepEqual(found.map((p) => p.path_with_namespace), [infra.path]);
  sim.addUser({ username: "dave" });
  sim.addToken("glpat-dave", { user: "dave" });
  const dave = client("glpat-dave");
  assert.deepEqual(await listSearch(dave, { scope: "projects", search: "infra" }).toArray(), []);
  const issues = await listSearch(dave, { scope: "issues", search: "terraform" }).toArray();
  assert.deepEqual(issues, []);
  const bobIssues = await listSearch(bob, { scope: "issues", search: "terraform" })
    .toArray() as SearchResultsByScope["issues"][];
  assert.deepEqual(bobIssues.map((i) => i.title), ["Terraform state lock stuck"]);
  const closed = await listGroupSearch(
    bob,
    platform.id,
    { scope: "issues", search: "e", state: "closed" } as never,
  )
    .toArray() as SearchResultsByScope["issues"][];
  assert.ok(closed.length > 0 && closed.every((i) => i.state === "closed"));
  const mrs = await listProjectSearch(alice, web.id, { scope: "merge_requests", search: "safari" })
    .toArray() as SearchResultsByScope["merge_requests"][];
  assert.deepEqual(mrs.map((m) => m.title), ["Fix Safari login button"]);
  const users = await listGroupSearch(alice, platform.id, { scope: "users", search: "b" })
    .toArray() as SearchResultsByScope["users"][];
  assert.deepEqual(users.map((u) => u.username).sort(), ["bob", "group_7_bot"]);
  const snippets = await listSearch(bob, { scope: "snippet_titles", search: "git" })
    .toArray() as SearchResultsByScope["snippet_titles"][];
  assert.deepEqual(snippets.map((s) => s.title), ["Useful git aliases"]);
  assert.deepEqual(await listSearch(bob, { scope: "milestones", search: "no-such-milestone" }).toArray(), []);
  assert.equal(
    (await failure(listProjectSearch(dave, infra.id, { scope: "blobs", search: "terraform" }).toArray()))
      .status,
    404,
  );
});

simTest("search: blobs, wiki_blobs and commits in a project", async ({ alice }) => {
  const blobs = await listProjectSearch(alice, web.id, { scope: "blobs", search: "createApp" })
    .toArray() as SearchResultsByScope["blobs"][];
  assert.equal(blobs.length, 1);
  assert.deepEqual(
    [blobs[0].path, blobs[0].basename, blobs[0].ref, blobs[0].startline, blobs[0].project_id],
    [
      "src/main.ts",
      "src/main",
      "main",
      1,
      web.id,
    ],
  );
  assert.match(blobs[0].data, /createApp/);
  const wiki = await listProjectSearch(alice, web.id, { scope: "wiki_blobs", search: "deno task" })
    .toArray() as SearchResultsByScope["wiki_blobs"][];
  assert.deepEqual(wiki.map((b) => [b.basename, b.path]), [["dev/Setup-Guide", "dev/Setup-Guide.md"]]);
  const commits = await listProjectSearch(alice, web.id, { scope: "commits", search: "login" })
    .toArray() as SearchResultsByScope["commits"][];
  assert.ok(commits.length >= 1 && commits.every((c) => /login/i.test(c.message)));
  const page = await listProjectSearch(alice, web.id, { scope: "blobs", search: "e", per_page: 1 }).pages()
    .next();
  assert.ok(!page.done && page.value.items.length === 1 && (page.value.total ?? 0) > 1);
});

simTest(
  "search: milestones and comments, comments only as their readers see them",
  async ({ alice, anonymous, client }) => {
    const milestones = await listProjectSearch(alice, web.id, { scope: "milestones", search: "v1.5" })
      .toArray();
    assert.deepEqual(milestones.map((m) => (m as SearchResultsByScope["milestones"]).title), ["v1.5"]);
    const notes = await listProjectSearch(alice, web.id, { scope: "notes", search: "safari 17" }).toArray();
    const bodies = notes.map((n) => (n as SearchResultsByScope["notes"]).body);
    assert.ok(
      bodies.includes("Works for me on Safari 17.") &&
        bodies.includes("Reproduced on Safari 17.4, macOS 14."),
      bodies.join(" | "),
    );
    // The internal triage note is found by a project member, not by a signed-in outsider.
    const member = await listProjectSearch(alice, web.id, { scope: "notes", search: "hydration" }).toArray();
    assert.equal(member.length, 1);
    const outsider = client("glpat-simulator-bob-token");
    assert.deepEqual(
      await listProjectSearch(outsider, web.id, { scope: "notes", search: "hydration" }).toArray(),
      [],
    );
    assert.equal(
      (await failure(listProjectSearch(anonymous, web.id, { scope: "notes", search: "x" }).toArray())).status,
      401,
    );
  },
);
