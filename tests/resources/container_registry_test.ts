import assert from "node:assert/strict";
import {
  createClient,
  deleteProjectRegistryRepository,
  deleteProjectRegistryRepositoryTag,
  deleteProjectRegistryRepositoryTags,
  getProjectRegistryRepositoryTag,
  getRegistryRepository,
  GitLabHTTPError,
  listGroupRegistryRepositories,
  listProjectRegistryRepositories,
  listProjectRegistryRepositoryTags,
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

function repository(id: number, name: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name,
    path: name ? `acme/web/${name}` : "acme/web",
    project_id: 7,
    location: `registry.example.com/acme/web${name ? "/" + name : ""}`,
    created_at: "2024-03-01T09:00:00.000Z",
    cleanup_policy_started_at: null,
    ...extra,
  };
}
const tag = (name: string) => ({
  name,
  path: `acme/web:${name}`,
  location: `registry.example.com/acme/web:${name}`,
});

Deno.test("listProjectRegistryRepositories() asks for tags and counts and reads both pages", async () => {
  const next = `${API}${P}/registry/repositories?page=2&per_page=2&tags=true&tags_count=true`;
  const { rec, client } = setup([
    json([
      repository(1, "", { tags_count: 14, tags: [tag("latest")] }),
      repository(2, "worker", { tags_count: 3 }),
    ], {
      headers: { link: `<${next}>; rel="next"` },
    }),
    json([repository(3, "cache", { tags_count: 0 })]),
  ]);
  const repos = await listProjectRegistryRepositories(client, "acme/web", {
    tags: true,
    tags_count: true,
    per_page: 2,
  })
    .toArray();
  assert.deepEqual(repos.map((r) => [r.location, r.tags_count]), [
    ["registry.example.com/acme/web", 14],
    ["registry.example.com/acme/web/worker", 3],
    ["registry.example.com/acme/web/cache", 0],
  ]);
  assert.deepEqual(query(rec.requests[0]), [["tags", "true"], ["tags_count", "true"], ["per_page", "2"]]);
  assert.equal(rec.requests[1].url, next);
});

Deno.test("listProjectRegistryRepositoryTags() asks for keyset pagination by name and follows it", async () => {
  const next = `${API}${P}/registry/repositories/1/tags?last=v1.3.0&order_by=name&pagination=keyset&sort=asc`;
  const { rec, client } = setup([
    json([tag("latest"), tag("v1.3.0")], { headers: { link: `<${next}>; rel="next"` } }),
    json([tag("v1.4.0")]),
  ]);
  const tags = await listProjectRegistryRepositoryTags(client, "acme/web", 1).toArray();
  assert.deepEqual(tags.map((t) => t.name), ["latest", "v1.3.0", "v1.4.0"]);
  assert.equal(sent(rec.requests[0]), `GET ${P}/registry/repositories/1/tags`);
  const first = new URL(rec.requests[0].url).searchParams;
  assert.deepEqual([first.get("pagination"), first.get("order_by"), first.get("sort")], [
    "keyset",
    "name",
    "asc",
  ]);
  assert.equal(rec.requests[1].url, next);
});

Deno.test("getProjectRegistryRepositoryTag() returns the digest and size of one tag", async () => {
  const { rec, client } = setup([
    json({
      ...tag("v1.4.0"),
      revision: "d5ab8f4e2f9fd23b1d9c1f8a4f1d2a97c6bb8bfa6a6f4c2a51e2d31c4a6e8f10",
      short_revision: "d5ab8f4e2",
      digest: "sha256:c3490dcf10ffb6530c1303522a1405dfaf7daecd8f38d3d7ba4e3a7b7b0bbc09",
      created_at: "2024-05-02T10:25:00.000Z",
      total_size: 108376217,
    }),
  ]);
  const got = await getProjectRegistryRepositoryTag(client, "acme/web", 1, "v1.4.0");
  assert.match(got.digest as string, /^sha256:[0-9a-f]{64}$/);
  assert.equal(got.total_size, 108376217);
  assert.equal(sent(rec.requests[0]), `GET ${P}/registry/repositories/1/tags/v1.4.0`);
});

Deno.test("deleteProjectRegistryRepositoryTags() deletes in bulk by regex, keeping the newest", async () => {
  const { rec, client } = setup([status(202)]);
  const result = await deleteProjectRegistryRepositoryTags(client, "acme/web", 1, {
    name_regex_delete: "^feature-.*",
    name_regex_keep: "^v\\d+\\.\\d+\\.\\d+$",
    keep_n: 5,
    older_than: "1month",
  });
  assert.equal(result, undefined);
  assert.equal(sent(rec.requests[0]), `DELETE ${P}/registry/repositories/1/tags`);
  assert.deepEqual(query(rec.requests[0]), [
    ["name_regex_delete", "^feature-.*"],
    ["name_regex_keep", "^v\\d+\\.\\d+\\.\\d+$"],
    ["keep_n", "5"],
    ["older_than", "1month"],
  ]);
  assert.equal(rec.requests[0].body, "");
});

Deno.test("deleteProjectRegistryRepositoryTags() twice within an hour is GitLab's 400", async () => {
  const message = "This request has already been made. You can run this at most once an hour for a given " +
    "container repository";
  const { client } = setup([json({ message }, { status: 400 })]);
  const err = await deleteProjectRegistryRepositoryTags(client, "acme/web", 1, { name_regex_delete: ".*" })
    .catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError);
  assert.equal(err.status, 400);
  assert.ok(err.message.endsWith(message));
});

Deno.test("deleteProjectRegistryRepositoryTag() and deleteProjectRegistryRepository() resolve when accepted", async () => {
  const { rec, client } = setup([status(200), status(202)]);
  assert.equal(await deleteProjectRegistryRepositoryTag(client, "acme/web", 2, "feature-x"), undefined);
  assert.equal(await deleteProjectRegistryRepository(client, "acme/web", 3), undefined);
  assert.deepEqual(rec.requests.map(sent), [
    `DELETE ${P}/registry/repositories/2/tags/feature-x`,
    `DELETE ${P}/registry/repositories/3`,
  ]);
});

Deno.test("getRegistryRepository() and listGroupRegistryRepositories() reach the repository by id and group", async () => {
  const { rec, client } = setup([
    json(repository(2, "worker", { tags_count: 3, size: 204800 })),
    json([repository(1, ""), repository(2, "worker")]),
  ]);
  const got = await getRegistryRepository(client, 2, { tags_count: true, size: true });
  assert.equal(got.size, 204800);
  const all = await listGroupRegistryRepositories(client, "acme").toArray();
  assert.equal(all.length, 2);
  assert.deepEqual(rec.requests.map(sent), [
    "GET /registry/repositories/2",
    "GET /groups/acme/registry/repositories",
  ]);
  assert.deepEqual(query(rec.requests[0]), [["tags_count", "true"], ["size", "true"]]);
});
