import assert from "node:assert/strict";
import {
  createClient,
  createProjectRepositoryTag,
  deleteProjectRepositoryTag,
  getProjectRepositoryTag,
  GitLabHTTPError,
  listProjectRepositoryTags,
} from "@gitlab-edge/client";
import { json, type Recorded, recorder, status } from "../_helpers.ts";

const API = "https://gitlab.example.com/api/v4";
const P = "/projects/acme%2Fweb";
const SHA = "2695effb5807a22ff3d138d593fd856244e155e7";

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

function tag(name: string, message: string | null = null) {
  return {
    name,
    message,
    target: message ? "a2b702edecdf41f07b42653eb1abe30ce98b9fca" : SHA,
    commit: {
      id: SHA,
      short_id: SHA.slice(0, 8),
      title: "Release prep",
      created_at: "2024-05-02T10:15:00.000Z",
    },
    release: null,
    protected: false,
    created_at: message ? "2024-05-02T10:20:00.000Z" : null,
  };
}

Deno.test("createProjectRepositoryTag() with a message makes an annotated tag", async () => {
  const { rec, client } = setup([json(tag("v1.4.0", "Version 1.4.0"), { status: 201 })]);
  const created = await createProjectRepositoryTag(client, "acme/web", {
    tag_name: "v1.4.0",
    ref: "main",
    message: "Version 1.4.0",
  });
  assert.equal(sent(rec.requests[0]), `POST ${P}/repository/tags`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), {
    tag_name: "v1.4.0",
    ref: "main",
    message: "Version 1.4.0",
  });
  assert.equal(created.message, "Version 1.4.0");
  assert.notEqual(
    created.target,
    (created.commit as { id: string }).id,
    "an annotated tag has its own object",
  );
});

Deno.test("createProjectRepositoryTag() of an existing tag rejects with GitLab's 400 message", async () => {
  const { client } = setup([json({ message: "Tag v1.4.0 already exists" }, { status: 400 })]);
  const err = await createProjectRepositoryTag(client, "acme/web", { tag_name: "v1.4.0", ref: "main" })
    .catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError);
  assert.equal(err.status, 400);
  assert.match(err.message, /: 400 Bad Request: Tag v1\.4\.0 already exists$/);
});

Deno.test("listProjectRepositoryTags() sends search and order_by and reads every page", async () => {
  const page2 = `${API}${P}/repository/tags?order_by=version&page=2&per_page=2&search=%5Ev1&sort=desc`;
  const { rec, client } = setup([
    json([tag("v1.4.0"), tag("v1.3.2")], { headers: { link: `<${page2}>; rel="next"`, "x-total": "3" } }),
    json([tag("v1.3.1")], { headers: { "x-total": "3" } }),
  ]);
  const pages = [];
  const list = listProjectRepositoryTags(client, "acme/web", {
    search: "^v1",
    order_by: "version",
    sort: "desc",
    per_page: 2,
  });
  for await (const page of list.pages()) pages.push(page);
  assert.deepEqual(pages.map((p) => p.items.map((t) => t.name)), [["v1.4.0", "v1.3.2"], ["v1.3.1"]]);
  assert.equal(pages[0].total, 3);
  assert.deepEqual(query(rec.requests[0]), [
    ["search", "^v1"],
    ["order_by", "version"],
    ["sort", "desc"],
    ["per_page", "2"],
  ]);
  assert.equal(rec.requests[1].url, page2);
});

Deno.test("getProjectRepositoryTag() encodes a slash in the tag name", async () => {
  const { rec, client } = setup([json(tag("release/2024.05", "May release"))]);
  const got = await getProjectRepositoryTag(client, "acme/web", "release/2024.05");
  assert.equal(got.name, "release/2024.05");
  assert.equal(sent(rec.requests[0]), `GET ${P}/repository/tags/release%2F2024.05`);
});

Deno.test("deleteProjectRepositoryTag() resolves to undefined on 204; a missing tag is a 404", async () => {
  const { rec, client } = setup([status(204), json({ message: "404 Tag Not Found" }, { status: 404 })]);
  assert.equal(await deleteProjectRepositoryTag(client, "acme/web", "v1.3.1"), undefined);
  assert.equal(sent(rec.requests[0]), `DELETE ${P}/repository/tags/v1.3.1`);
  assert.equal(rec.requests[0].body, "");
  const err = await deleteProjectRepositoryTag(client, "acme/web", "v0.0.1").catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError);
  assert.equal(err.status, 404);
  assert.match(err.message, /404 Tag Not Found/);
});
