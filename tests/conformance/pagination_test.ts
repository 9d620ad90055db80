import assert from "node:assert/strict";
import { httpList, listProjectIssues, listProjects, type Project } from "@gitlab-edge/client";
import { SIM_ADMIN_TOKEN, SIM_SEED } from "@gitlab-edge/client/testing";
import { BASE, seen, setup } from "./helpers.ts";

const SEEDED = Object.keys(SIM_SEED.projects).length;

Deno.test("conformance: offset pagination follows Link rel=next across pages", async () => {
  const { sim, client } = setup({ token: SIM_ADMIN_TOKEN });
  const list = listProjects(client, { pagination: "offset", per_page: 3, order_by: "id", sort: "asc" });
  const ids = (await list.toArray()).map((p) => p.id);
  assert.deepEqual(ids, Array.from({ length: SEEDED }, (_, i) => i + 1));
  assert.deepEqual(seen(sim), [
    "GET /projects?pagination=offset&per_page=3&order_by=id&sort=asc",
    "GET /projects?pagination=offset&per_page=3&order_by=id&sort=asc&page=2",
    "GET /projects?pagination=offset&per_page=3&order_by=id&sort=asc&page=3",
  ]);
});

Deno.test("conformance: pages() exposes GitLab's page headers", async () => {
  const { client } = setup({ token: SIM_ADMIN_TOKEN });
  const pages = [];
  const list = listProjects(client, { pagination: "offset", per_page: 5, order_by: "id", sort: "asc" });
  for await (const page of list.pages()) {
    pages.push(page);
  }
  assert.equal(pages.length, 2);
  assert.equal(pages[0].items.length, 5);
  assert.equal(pages[0].page, 1);
  assert.equal(pages[0].perPage, 5);
  assert.equal(pages[0].total, SEEDED);
  assert.equal(pages[0].totalPages, 2);
  assert.equal(pages[0].nextPage, 2);
  assert.match(pages[0].next ?? "", /^https:\/\/gitlab\.example\.com\/api\/v4\/projects\?.*page=2/);
  assert.equal(pages[1].nextPage, undefined);
  assert.equal(pages[1].prevPage, 1);
  assert.equal(pages[1].next, undefined);
  assert.match(pages[1].requestId ?? "", /\S/);
});

Deno.test("conformance: count() asks for the total with one HEAD request", async () => {
  const { sim, client } = setup({ token: SIM_ADMIN_TOKEN });
  assert.deepEqual(await listProjects(client).count(), { total: SEEDED, exact: true, atLeast: SEEDED });
  assert.deepEqual(sim.requests.map((r) => r.method), ["HEAD"]);
  assert.equal((await listProjectIssues(client, "acme/web", { state: "opened" }).count()).total, 4);
});

Deno.test("conformance: maxItems and maxPages stop early", async () => {
  const { sim, client } = setup({ token: SIM_ADMIN_TOKEN });
  assert.equal((await listProjects(client, { per_page: 3, maxItems: 4 }).toArray()).length, 4);
  assert.equal(sim.requests.length, 2);
  sim.clearRequests();
  assert.equal((await listProjects(client, { per_page: 3, maxPages: 1 }).toArray()).length, 3);
  assert.equal(sim.requests.length, 1);
  assert.throws(() => listProjects(client, { maxItems: 0 }), RangeError);
});

Deno.test("conformance: keyset pagination follows cursor links without page numbers", async () => {
  const { sim, client } = setup({ token: SIM_ADMIN_TOKEN });
  const list = listProjects(client, { pagination: "keyset", order_by: "id", sort: "asc", per_page: 3 });
  const ids = (await list.toArray()).map((p) => p.id);
  assert.deepEqual(ids, Array.from({ length: SEEDED }, (_, i) => i + 1));
  const urls = seen(sim);
  assert.equal(urls.length, 4); // three pages with items, then the empty page that ends a keyset list
  assert.ok(urls.every((u) => !/[?&]page=/.test(u)), urls.join("\n"));
  assert.match(urls[1], /id_after=3/);
  assert.match(urls[2], /id_after=6/);
});

Deno.test("conformance: lists past 10,000 items iterate to the end without totals", async () => {
  const { sim, client } = setup({ token: SIM_ADMIN_TOKEN });
  sim.addProjects(10_050, { namespace: "acme", prefix: "bulk-" });
  const total = SEEDED + 10_050;

  assert.deepEqual(
    await listProjects(client).count(),
    { total: undefined, exact: false, atLeast: 10_001 },
    "GitLab omits X-Total above 10,000",
  );

  let n = 0;
  let pages = 0;
  let last = 0;
  let ordered = true;
  for await (const page of listProjects(client, { per_page: 100, order_by: "id", sort: "asc" }).pages()) {
    pages++;
    assert.equal(page.total, undefined);
    for (const p of page.items) {
      if (p.id <= last) ordered = false;
      last = p.id;
      n++;
    }
  }
  assert.equal(n, total);
  assert.equal(pages, Math.ceil(total / 100) + 1); // listProjects() asks for keyset: it ends on an empty page
  assert.ok(ordered);

  sim.clearRequests();
  let keyset = 0;
  for await (
    const _ of listProjects(client, { pagination: "keyset", order_by: "id", sort: "desc", per_page: 100 })
  ) {
    keyset++;
  }
  assert.equal(keyset, total);
  assert.equal(sim.requests.length, Math.ceil(total / 100) + 1);
});

Deno.test("conformance: a next link on another origin is rebased onto baseUrl's origin", async () => {
  const { sim, client } = setup({ token: SIM_ADMIN_TOKEN });
  sim.fault({
    path: "/projects",
    headers: { link: '<http://gitlab-internal:8080/api/v4/projects?page=2&per_page=5>; rel="next"' },
  });
  const items: Project[] = await listProjects(client, { per_page: 5 }).toArray();
  assert.equal(items.length, SEEDED);
  assert.equal(sim.requests[1].url, `${BASE}/api/v4/projects?page=2&per_page=5`);
  assert.equal(sim.requests[1].headers["private-token"], SIM_ADMIN_TOKEN);
});

Deno.test("conformance: a repeated next link ends the iteration instead of looping", async () => {
  const { sim, client } = setup({ token: SIM_ADMIN_TOKEN });
  sim.fault({
    path: "/projects",
    headers: { link: `<${BASE}/api/v4/projects?pagination=offset&per_page=2>; rel="next"` },
    times: Infinity,
  });
  const items = await listProjects(client, { pagination: "offset", per_page: 2 }).toArray();
  assert.equal(items.length, 2);
  assert.equal(sim.requests.length, 1);
});

Deno.test("conformance: httpList paginates any collection", async () => {
  const { sim, client } = setup({ token: SIM_ADMIN_TOKEN });
  const branches = await httpList<{ name: string }>(client, "/projects/1/repository/branches", {
    query: { per_page: 2 },
  }).toArray();
  const names = branches.map((b) => b.name);
  assert.ok(names.includes("main") && names.includes("feature/login"), names.join());
  assert.equal(new Set(names).size, names.length, "no page was read twice");
  assert.equal(sim.requests.length, Math.ceil(names.length / 2));
});
