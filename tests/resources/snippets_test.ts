import assert from "node:assert/strict";
import {
  createClient,
  createProjectSnippet,
  createSnippet,
  deleteSnippet,
  editSnippet,
  getProjectSnippetRaw,
  getSnippetFileRaw,
  getSnippetRaw,
  GitLabHTTPError,
  listSnippets,
} from "@gitlab-edge/client";
import { json, type Recorded, recorder, status } from "../_helpers.ts";

const API = "https://gitlab.example.com/api/v4";

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
const bytesOf = async (s: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(s).arrayBuffer());

function snippet(id: number, title: string, paths: string[], extra: Record<string, unknown> = {}) {
  return {
    id,
    title,
    description: null,
    visibility: "internal",
    author: { id: 3, username: "alice" },
    file_name: paths[0],
    files: paths.map((path) => ({
      path,
      raw_url: `https://gitlab.example.com/-/snippets/${id}/raw/main/${path}`,
    })),
    web_url: `https://gitlab.example.com/-/snippets/${id}`,
    raw_url: `https://gitlab.example.com/-/snippets/${id}/raw`,
    created_at: "2024-05-02T10:15:00.000Z",
    ...extra,
  };
}

Deno.test("createSnippet() posts a multi-file snippet with its visibility", async () => {
  const { rec, client } = setup([
    json(snippet(12, "Deploy helpers", ["deploy.sh", "lib/env.sh"]), { status: 201 }),
  ]);
  const created = await createSnippet(client, {
    title: "Deploy helpers",
    visibility: "internal",
    files: [
      { file_path: "deploy.sh", content: "#!/bin/sh\nset -eu\n. lib/env.sh\n" },
      { file_path: "lib/env.sh", content: "export APP_ENV=production\n" },
    ],
  });
  assert.equal(sent(rec.requests[0]), "POST /snippets");
  assert.deepEqual(JSON.parse(rec.requests[0].body), {
    title: "Deploy helpers",
    visibility: "internal",
    files: [
      { file_path: "deploy.sh", content: "#!/bin/sh\nset -eu\n. lib/env.sh\n" },
      { file_path: "lib/env.sh", content: "export APP_ENV=production\n" },
    ],
  });
  assert.deepEqual((created.files as { path: string }[]).map((f) => f.path), ["deploy.sh", "lib/env.sh"]);
});

Deno.test("getSnippetRaw() and getSnippetFileRaw() stream the exact bytes", async () => {
  const script = new TextEncoder().encode('#!/bin/sh\nset -eu\necho "déployé ✓"\n');
  const env = new TextEncoder().encode("export APP_ENV=production\n");
  const { rec, client } = setup([
    new Response(script, { headers: { "content-type": "text/plain; charset=utf-8" } }),
    new Response(env, { headers: { "content-type": "text/plain; charset=utf-8" } }),
  ]);
  const raw = await getSnippetRaw(client, 12);
  assert.ok(raw instanceof ReadableStream);
  assert.deepEqual(await bytesOf(raw), script);
  assert.deepEqual(await bytesOf(await getSnippetFileRaw(client, 12, "main", "lib/env.sh")), env);
  assert.deepEqual(rec.requests.map(sent), [
    "GET /snippets/12/raw",
    "GET /snippets/12/files/main/lib%2Fenv.sh/raw",
  ]);
});

Deno.test("editSnippet() sends file actions: update, move, delete", async () => {
  const { rec, client } = setup([json(snippet(12, "Deploy helpers", ["deploy.sh", "lib/environment.sh"]))]);
  const files = [
    { action: "update", file_path: "deploy.sh", content: "#!/bin/sh\nset -eux\n" },
    { action: "move", previous_path: "lib/env.sh", file_path: "lib/environment.sh" },
    { action: "delete", file_path: "README.md" },
  ] as const;
  const edited = await editSnippet(client, 12, { files });
  assert.equal((edited.files as { path: string }[])[1].path, "lib/environment.sh");
  assert.equal(sent(rec.requests[0]), "PUT /snippets/12");
  assert.deepEqual(JSON.parse(rec.requests[0].body), { files });
});

Deno.test("listSnippets() sends created_after and reads both pages", async () => {
  const next = `${API}/snippets?created_after=2024-05-01T00%3A00%3A00.000Z&page=2`;
  const { rec, client } = setup([
    json([snippet(12, "Deploy helpers", ["deploy.sh"])], { headers: { link: `<${next}>; rel="next"` } }),
    json([snippet(13, "psql one-liners", ["queries.sql"], { visibility: "private" })]),
  ]);
  const titles = (await listSnippets(client, { created_after: new Date("2024-05-01T00:00:00Z") }).toArray())
    .map((s) => s.title);
  assert.deepEqual(titles, ["Deploy helpers", "psql one-liners"]);
  assert.deepEqual(query(rec.requests[0]), [["created_after", "2024-05-01T00:00:00.000Z"]]);
  assert.equal(rec.requests[1].url, next);
});

Deno.test("deleteSnippet() resolves to undefined on 204; someone else's snippet is GitLab's 404", async () => {
  const { rec, client } = setup([status(204), json({ message: "404 Snippet Not Found" }, { status: 404 })]);
  assert.equal(await deleteSnippet(client, 13), undefined);
  assert.equal(sent(rec.requests[0]), "DELETE /snippets/13");
  const err = await deleteSnippet(client, 99).catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError);
  assert.equal(err.status, 404);
  assert.match(err.message, /404 Snippet Not Found$/);
});

Deno.test("createProjectSnippet() and getProjectSnippetRaw() work under the project", async () => {
  const sql = new TextEncoder().encode("SELECT id, state FROM ci_pipelines WHERE project_id = 7;\n");
  const { rec, client } = setup([
    json(snippet(40, "Slow pipelines query", ["slow.sql"], { project_id: 7, visibility: "private" }), {
      status: 201,
    }),
    new Response(sql),
  ]);
  const created = await createProjectSnippet(client, "acme/web", {
    title: "Slow pipelines query",
    visibility: "private",
    files: [{ file_path: "slow.sql", content: "SELECT id, state FROM ci_pipelines WHERE project_id = 7;\n" }],
  });
  assert.equal(created.project_id, 7);
  assert.deepEqual(await bytesOf(await getProjectSnippetRaw(client, "acme/web", 40)), sql);
  assert.deepEqual(rec.requests.map(sent), [
    "POST /projects/acme%2Fweb/snippets",
    "GET /projects/acme%2Fweb/snippets/40/raw",
  ]);
  assert.equal(JSON.parse(rec.requests[0].body).visibility, "private");
});
