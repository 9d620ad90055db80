import assert from "node:assert/strict";
import {
  createClient,
  createProjectRelease,
  createProjectReleaseAssetsLink,
  deleteProjectRelease,
  editProjectRelease,
  getProjectRelease,
  GitLabHTTPError,
  listProjectReleaseAssetsLinks,
  listProjectReleases,
} from "@gitlab-edge/client";
import { json, type Recorded, recorder } from "../_helpers.ts";

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

const LINK = {
  id: 2,
  name: "linux-amd64",
  url: "https://gitlab.example.com/acme/web/-/jobs/903/artifacts/raw/dist/web-linux-amd64",
  direct_asset_url: "https://gitlab.example.com/acme/web/-/releases/v1.4.0/downloads/bin/web-linux-amd64",
  link_type: "package",
};
function release(tag: string, extra: Record<string, unknown> = {}) {
  return {
    tag_name: tag,
    name: `Web ${tag}`,
    description: "## Changes\n\n- Faster login",
    created_at: "2024-05-02T10:20:00.000Z",
    released_at: "2024-05-03T09:00:00.000Z",
    author: { id: 3, username: "alice", name: "Alice Example" },
    commit: { id: "2695effb5807a22ff3d138d593fd856244e155e7" },
    milestones: [{ id: 12, title: "1.4" }],
    assets: {
      count: 5,
      sources: [{
        format: "zip",
        url: `https://gitlab.example.com/acme/web/-/archive/${tag}/web-${tag}.zip`,
      }],
      links: [LINK],
    },
    _links: { self: `https://gitlab.example.com/acme/web/-/releases/${tag}` },
    ...extra,
  };
}

Deno.test("createProjectRelease() posts nested assets.links, milestones and released_at", async () => {
  const { rec, client } = setup([json(release("v1.4.0"), { status: 201 })]);
  const created = await createProjectRelease(client, "acme/web", {
    tag_name: "v1.4.0",
    ref: "main",
    name: "Web v1.4.0",
    description: "## Changes\n\n- Faster login",
    milestones: ["1.4"],
    released_at: new Date("2024-05-03T09:00:00Z"),
    assets: {
      links: [
        {
          name: "linux-amd64",
          url: LINK.url,
          direct_asset_path: "/bin/web-linux-amd64",
          link_type: "package",
        },
        { name: "Runbook", url: "https://wiki.example.com/web/runbook", link_type: "runbook" },
      ],
    },
  });
  assert.equal(sent(rec.requests[0]), `POST ${P}/releases`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), {
    tag_name: "v1.4.0",
    ref: "main",
    name: "Web v1.4.0",
    description: "## Changes\n\n- Faster login",
    milestones: ["1.4"],
    released_at: "2024-05-03T09:00:00.000Z",
    assets: {
      links: [
        {
          name: "linux-amd64",
          url: LINK.url,
          direct_asset_path: "/bin/web-linux-amd64",
          link_type: "package",
        },
        { name: "Runbook", url: "https://wiki.example.com/web/runbook", link_type: "runbook" },
      ],
    },
  });
  assert.equal(created.tag_name, "v1.4.0");
  const assets = created.assets as { links: { direct_asset_url: string }[] };
  assert.equal(assets.links[0].direct_asset_url, LINK.direct_asset_url);
});

Deno.test("createProjectRelease() for a tag that has one is GitLab's 409", async () => {
  const { client } = setup([json({ message: "Release already exists" }, { status: 409 })]);
  const err = await createProjectRelease(client, "acme/web", { tag_name: "v1.4.0" }).catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError);
  assert.equal(err.status, 409);
  assert.match(err.message, /409 Conflict: Release already exists/);
});

Deno.test("listProjectReleases() sends the order and follows Link across pages", async () => {
  const next = `${API}${P}/releases?order_by=released_at&page=2&per_page=2&sort=asc`;
  const { rec, client } = setup([
    json([release("v1.2.0"), release("v1.3.0")], { headers: { link: `<${next}>; rel="next"` } }),
    json([release("v1.4.0")]),
  ]);
  const tags: string[] = [];
  for await (
    const r of listProjectReleases(client, "acme/web", { order_by: "released_at", sort: "asc", per_page: 2 })
  ) {
    tags.push(r.tag_name as string);
  }
  assert.deepEqual(tags, ["v1.2.0", "v1.3.0", "v1.4.0"]);
  assert.deepEqual(query(rec.requests[0]), [["order_by", "released_at"], ["sort", "asc"], ["per_page", "2"]]);
  assert.equal(rec.requests[1].url, next);
});

Deno.test("getProjectRelease() encodes the tag and asks for the HTML description", async () => {
  const { rec, client } = setup([
    json(release("release/2024.05", { description_html: "<h2>Changes</h2>" })),
  ]);
  const got = await getProjectRelease(client, "acme/web", "release/2024.05", {
    include_html_description: true,
  });
  assert.equal(got.description_html, "<h2>Changes</h2>");
  assert.equal(sent(rec.requests[0]), `GET ${P}/releases/release%2F2024.05`);
  assert.deepEqual(query(rec.requests[0]), [["include_html_description", "true"]]);
});

Deno.test("editProjectRelease() sends the changes; deleteProjectRelease() resolves with GitLab's answer", async () => {
  const { rec, client } = setup([
    json(release("v1.4.0", { name: "Web 1.4 (LTS)" })),
    json(release("v1.4.0")),
  ]);
  const edited = await editProjectRelease(client, "acme/web", "v1.4.0", {
    name: "Web 1.4 (LTS)",
    milestones: [],
  });
  assert.equal(edited.name, "Web 1.4 (LTS)");
  assert.equal(sent(rec.requests[0]), `PUT ${P}/releases/v1.4.0`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), { name: "Web 1.4 (LTS)", milestones: [] });
  // GitLab answers a deleted release with the release itself (200), not 204.
  const deleted = await deleteProjectRelease(client, "acme/web", "v1.4.0");
  assert.equal(deleted.tag_name, "v1.4.0");
  assert.equal(sent(rec.requests[1]), `DELETE ${P}/releases/v1.4.0`);
});

Deno.test("createProjectReleaseAssetsLink() adds a link; listProjectReleaseAssetsLinks() lists them", async () => {
  const { rec, client } = setup([json(LINK, { status: 201 }), json([LINK])]);
  const link = await createProjectReleaseAssetsLink(client, "acme/web", "v1.4.0", {
    name: "linux-amd64",
    url: LINK.url,
    direct_asset_path: "/bin/web-linux-amd64",
    link_type: "package",
  });
  assert.equal(link.id, 2);
  assert.equal(sent(rec.requests[0]), `POST ${P}/releases/v1.4.0/assets/links`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), {
    name: "linux-amd64",
    url: LINK.url,
    direct_asset_path: "/bin/web-linux-amd64",
    link_type: "package",
  });
  const links = await listProjectReleaseAssetsLinks(client, "acme/web", "v1.4.0").toArray();
  assert.deepEqual(links.map((l) => l.link_type), ["package"]);
  assert.equal(sent(rec.requests[1]), `GET ${P}/releases/v1.4.0/assets/links`);
});
