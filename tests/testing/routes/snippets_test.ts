import assert from "node:assert/strict";
import {
  createProjectSnippet,
  createSnippet,
  deleteProjectSnippet,
  deleteSnippet,
  editProjectSnippet,
  editSnippet,
  getProjectSnippet,
  getProjectSnippetRaw,
  getSnippet,
  getSnippetFileRaw,
  getSnippetRaw,
  listProjectSnippets,
  listSnippets,
  listSnippetsPublic,
} from "@gitlab-edge/client";
import { SIM_SEED } from "@gitlab-edge/client/testing";
import { simTest } from "./_both.ts";
import { bytesOf, failure } from "./_errors.ts";

const { web, infra } = SIM_SEED.projects;
const text = (b: Uint8Array) => new TextDecoder().decode(b);

simTest("snippets: seeded personal and project snippets, raw content as text/plain", async (w) => {
  const mine = await listSnippets(w.alice).toArray();
  assert.deepEqual(mine.map((s) => s.title), ["Useful git aliases"]);
  const s = mine[0];
  assert.equal(s.project_id, null);
  assert.equal(s.visibility, "public");
  assert.equal(s.file_name, "gitconfig");
  assert.equal(s.web_url, `${w.baseUrl}/-/snippets/${s.id}`);
  assert.match(text(await bytesOf(await getSnippetRaw(w.anonymous, s.id))), /co = checkout/);
  assert.match(text(await bytesOf(await getSnippetFileRaw(w.alice, s.id, "main", "gitconfig"))), /\[alias\]/);
  const res = await w.sim.fetch(`https://gitlab.example.com/api/v4/snippets/${s.id}/raw`);
  assert.equal(res.headers.get("content-type"), "text/plain; charset=utf-8");
  await res.body?.cancel();

  const [ps] = await listProjectSnippets(w.bob, web.id).toArray();
  assert.equal(ps.project_id, web.id);
  assert.equal(ps.visibility, "internal");
  assert.match(text(await bytesOf(await getProjectSnippetRaw(w.bob, web.id, ps.id))), /proxy_pass/);
  // internal: not for anonymous callers
  assert.deepEqual(await listProjectSnippets(w.anonymous, web.id).toArray(), []);
  assert.deepEqual(await failure(getProjectSnippet(w.anonymous, web.id, ps.id)), {
    status: 404,
    body: { message: "404 Snippet Not Found" },
  });
  assert.equal((await listSnippetsPublic(w.bob).toArray()).length, 1);
});

simTest("snippets: visibility, authorship and validation", async ({ alice, bob, anonymous }) => {
  const priv = await createSnippet(alice, {
    title: "secret",
    visibility: "private",
    files: [{ file_path: "a.txt", content: "A" }, { file_path: "b.txt", content: "B" }],
  });
  assert.deepEqual(priv.files.map((f) => f.path), ["a.txt", "b.txt"]);
  assert.equal((await failure(getSnippet(bob, priv.id))).status, 404);
  assert.equal((await failure(getSnippet(anonymous, priv.id))).status, 404);
  const internal = await createSnippet(alice, { title: "team", content: "x", file_name: "x.sh" });
  assert.equal(internal.visibility, "internal");
  assert.equal((await getSnippet(bob, internal.id)).title, "team");
  assert.equal((await failure(getSnippet(anonymous, internal.id))).status, 404);
  // only the author changes a personal snippet: others get 404, as for a snippet they cannot see
  assert.deepEqual(await failure(editSnippet(bob, internal.id, { title: "mine now" })), {
    status: 404,
    body: { message: "404 Snippet Not Found" },
  });
  assert.equal((await failure(deleteSnippet(bob, internal.id))).status, 404);
  assert.equal((await editSnippet(alice, internal.id, { title: "team v2" })).title, "team v2");
  assert.deepEqual(await failure(createSnippet(alice, { title: "empty" })), {
    status: 400,
    body: { error: "files, content are missing, exactly one parameter must be provided" },
  });
  assert.equal((await failure(createSnippet(anonymous, { title: "t", content: "c" }))).status, 401);
  await deleteSnippet(alice, priv.id);
  assert.equal((await failure(getSnippet(alice, priv.id))).status, 404);
});

simTest("snippets: project snippets need project access", async ({ alice, bob }) => {
  // bob is a developer of acme/platform/infra, a private project
  const s = await createProjectSnippet(bob, infra.id, {
    title: "tf",
    visibility: "private",
    content: "terraform {}",
  });
  assert.equal(s.project_id, infra.id);
  assert.equal((await getProjectSnippet(alice, infra.id, s.id)).title, "tf");
  // no role in acme/web: bob may not create snippets there
  assert.equal(
    (await failure(createProjectSnippet(bob, web.id, { title: "x", visibility: "public", content: "x" })))
      .status,
    403,
  );
  assert.equal(
    (await editProjectSnippet(alice, infra.id, s.id, { visibility: "internal" })).visibility,
    "internal",
  );
  await deleteProjectSnippet(alice, infra.id, s.id);
  assert.deepEqual(await listProjectSnippets(alice, infra.id).toArray(), []);
});
