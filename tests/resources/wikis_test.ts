import assert from "node:assert/strict";
import {
  createClient,
  createProjectWiki,
  createProjectWikisAttachment,
  deleteProjectWiki,
  editProjectWiki,
  getProjectWiki,
  GitLabHTTPError,
  listProjectWikis,
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

const page = (slug: string, title: string, extra: Record<string, unknown> = {}) => ({
  format: "markdown",
  slug,
  title,
  encoding: "UTF-8",
  ...extra,
});

Deno.test("createProjectWiki() posts title, content and format", async () => {
  const { rec, client } = setup([
    json(page("Getting-started", "Getting started", { content: "# Getting started\n\nRun `make dev`." }), {
      status: 201,
    }),
  ]);
  const created = await createProjectWiki(client, "acme/web", {
    title: "Getting started",
    content: "# Getting started\n\nRun `make dev`.",
    format: "markdown",
  });
  assert.equal(sent(rec.requests[0]), `POST ${P}/wikis`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), {
    title: "Getting started",
    content: "# Getting started\n\nRun `make dev`.",
    format: "markdown",
  });
  assert.equal(created.slug, "Getting-started");
});

Deno.test("getProjectWiki() encodes a nested slug and asks for rendered HTML at a version", async () => {
  const html = '<h1 data-sourcepos="1:1-1:17" dir="auto">Getting started</h1>';
  const { rec, client } = setup([json(page("docs/Getting-started", "Getting started", { content: html }))]);
  const got = await getProjectWiki(client, "acme/web", "docs/Getting-started", {
    render_html: true,
    version: "3ad4c7b1e2",
  });
  assert.equal(got.content, html);
  assert.equal(sent(rec.requests[0]), `GET ${P}/wikis/docs%2FGetting-started`);
  assert.deepEqual(query(rec.requests[0]), [["render_html", "true"], ["version", "3ad4c7b1e2"]]);
});

Deno.test("getProjectWiki() of a missing page is GitLab's 404", async () => {
  const { client } = setup([json({ message: "404 Wiki Page Not Found" }, { status: 404 })]);
  const err = await getProjectWiki(client, "acme/web", "nope").catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError);
  assert.equal(err.status, 404);
  assert.match(err.message, /404 Wiki Page Not Found$/);
});

Deno.test("listProjectWikis() with content reads both pages", async () => {
  const next = `${API}${P}/wikis?page=2&with_content=true`;
  const { rec, client } = setup([
    json([page("home", "home", { content: "Welcome" })], { headers: { link: `<${next}>; rel="next"` } }),
    json([page("docs/Getting-started", "Getting started", { content: "# Getting started" })]),
  ]);
  const pages = await listProjectWikis(client, "acme/web", { with_content: true }).toArray();
  assert.deepEqual(pages.map((p) => [p.slug, p.content]), [
    ["home", "Welcome"],
    ["docs/Getting-started", "# Getting started"],
  ]);
  assert.deepEqual(query(rec.requests[0]), [["with_content", "true"]]);
  assert.equal(rec.requests[1].url, next);
});

Deno.test("editProjectWiki() puts the new content; deleteProjectWiki() resolves to undefined", async () => {
  const { rec, client } = setup([json(page("home", "home", { content: "Welcome, team" })), status(204)]);
  const edited = await editProjectWiki(client, "acme/web", "home", { content: "Welcome, team" });
  assert.equal(edited.content, "Welcome, team");
  assert.equal(sent(rec.requests[0]), `PUT ${P}/wikis/home`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), { content: "Welcome, team" });
  assert.equal(await deleteProjectWiki(client, "acme/web", "docs/Old page"), undefined);
  assert.equal(sent(rec.requests[1]), `DELETE ${P}/wikis/docs%2FOld%20page`);
});

Deno.test("createProjectWikisAttachment() uploads multipart/form-data with the file's exact bytes", async () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80, 0x7f]);
  let seen: Request | undefined;
  const client = createClient({
    baseUrl: "https://gitlab.example.com",
    token: "glpat-test",
    retry: false,
    fetch: (request) => {
      seen = request;
      return Promise.resolve(json({
        file_name: "diagram.png",
        file_path: "uploads/2b2e4b0c9bd24c6f8a77b6c5a1e0c5d3/diagram.png",
        branch: "main",
        link: {
          url: "uploads/2b2e4b0c9bd24c6f8a77b6c5a1e0c5d3/diagram.png",
          markdown: "![diagram](uploads/2b2e4b0c9bd24c6f8a77b6c5a1e0c5d3/diagram.png)",
        },
      }, { status: 201 }));
    },
  });
  const uploaded = await createProjectWikisAttachment(client, "acme/web", {
    file: new File([png], "diagram.png", { type: "image/png" }),
    branch: "main",
  });
  assert.match(
    (uploaded.link as { markdown: string }).markdown,
    /^!\[diagram\]\(uploads\/.+\/diagram\.png\)$/,
  );
  assert.ok(seen);
  assert.equal(seen.method, "POST");
  assert.equal(new URL(seen.url).pathname, `/api/v4${P}/wikis/attachments`);
  assert.match(seen.headers.get("content-type") ?? "", /^multipart\/form-data; boundary=/);
  const form = await seen.formData();
  assert.equal(form.get("branch"), "main");
  const file = form.get("file");
  assert.ok(file instanceof File);
  assert.equal(file.name, "diagram.png");
  assert.deepEqual(new Uint8Array(await file.arrayBuffer()), png);
});
