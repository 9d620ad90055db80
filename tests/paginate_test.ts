import assert from "node:assert/strict";
import {
  createClient,
  GitLabError,
  GitLabHTTPError,
  httpList,
  listProjectIssues,
  listProjects,
  nextUrl,
  parseLink,
} from "@gitlab-edge/client";
import { createSimulator, SIM_ADMIN_TOKEN } from "@gitlab-edge/client/testing";
import { json, recorder, rejection, status } from "./_helpers.ts";

const BASE = "https://gitlab.example.com";
const API = `${BASE}/api/v4`;

function page(items: unknown[], headers: Record<string, string> = {}): Response {
  return json(items, { headers });
}

function link(url: string, rel = "next"): string {
  return `<${url}>; rel="${rel}"`;
}

function setup(answers: Response[] | ((url: string, i: number) => Response)) {
  const rec = recorder(typeof answers === "function" ? (r, i) => answers(r.url, i) : answers);
  return { rec, client: createClient({ baseUrl: BASE, token: "glpat-page", fetch: rec.fetch }) };
}

Deno.test("pagination: follows Link rel=next across pages", async () => {
  const { rec, client } = setup([
    page([1, 2], {
      link: link(`${API}/projects?page=2&per_page=2`) + ", " +
        link(`${API}/projects?page=3&per_page=2`, "last"),
    }),
    page([3, 4], { link: link(`${API}/projects?page=3&per_page=2`) }),
    page([5], { link: link(`${API}/projects?page=1&per_page=2`, "first") }),
  ]);
  assert.deepEqual(await listProjects(client, { pagination: "offset", per_page: 2 }).toArray(), [
    1,
    2,
    3,
    4,
    5,
  ]);
  assert.deepEqual(rec.requests.map((r) => r.url), [
    `${API}/projects?pagination=offset&per_page=2`,
    `${API}/projects?page=2&per_page=2`,
    `${API}/projects?page=3&per_page=2`,
  ]);
  assert.ok(rec.requests.every((r) => r.headers["private-token"] === "glpat-page"));
});

Deno.test("pagination: falls back to X-Next-Page when there is no Link", async () => {
  const { rec, client } = setup([
    page([1], { "x-next-page": "2" }),
    page([2], { "x-next-page": "3" }),
    page([3], { "x-next-page": "" }),
  ]);
  assert.deepEqual(await listProjectIssues(client, 5, { state: "opened" }).toArray(), [1, 2, 3]);
  assert.deepEqual(rec.requests.map((r) => r.url), [
    `${API}/projects/5/issues?state=opened`,
    `${API}/projects/5/issues?state=opened&page=2`,
    `${API}/projects/5/issues?state=opened&page=3`,
  ]);
});

Deno.test("pagination: works without X-Total (above 10,000 items)", async () => {
  const { client } = setup([
    page([1], { "x-next-page": "2", "x-page": "1", "x-per-page": "1" }),
    page([2], { "x-page": "2", "x-per-page": "1" }),
  ]);
  const pages = [];
  for await (const p of listProjects(client).pages()) pages.push(p);
  assert.equal(pages.length, 2);
  assert.equal(pages[0].total, undefined);
  assert.equal(pages[0].totalPages, undefined);
  assert.equal(pages[0].nextPage, 2);
  assert.deepEqual(pages.flatMap((p) => p.items), [1, 2]);
});

Deno.test("pagination: keyset Link headers are followed", async () => {
  const { rec, client } = setup([
    page([{ id: 1 }, { id: 2 }], {
      link: link(`${API}/projects?order_by=id&sort=asc&pagination=keyset&per_page=2&id_after=2`),
    }),
    page([{ id: 3 }], {}),
  ]);
  const items = await listProjects(client, { pagination: "keyset", order_by: "id", sort: "asc", per_page: 2 })
    .toArray();
  assert.deepEqual(items, [{ id: 1 }, { id: 2 }, { id: 3 }]);
  assert.equal(
    rec.requests[1].url,
    `${API}/projects?order_by=id&sort=asc&pagination=keyset&per_page=2&id_after=2`,
  );
});

Deno.test("pagination: stops on a next link already visited", async () => {
  const self = setup(() => page([1], { link: link(`${API}/projects?pagination=offset`) }));
  assert.deepEqual(await listProjects(self.client, { pagination: "offset" }).toArray(), [1]);
  assert.equal(self.rec.requests.length, 1);

  const cycle = setup((_url, i) => page([i], { link: link(`${API}/projects?page=${i % 2 === 0 ? 2 : 1}`) }));
  const items = await httpList(cycle.client, "/projects", { query: { page: 1 } }).toArray();
  assert.deepEqual(items, [0, 1]);
  assert.equal(cycle.rec.requests.length, 2);
});

Deno.test("pagination: an empty page ends the list even with a next link", async () => {
  const { rec, client } = setup((_u, i) => page([], { link: link(`${API}/projects?page=${i + 2}`) }));
  assert.deepEqual(await listProjects(client).toArray(), []);
  assert.equal(rec.requests.length, 1);
});

Deno.test("pagination: maxPages stops after that many requests", async () => {
  const { rec, client } = setup((_u, i) => page([i * 2, i * 2 + 1], { "x-next-page": String(i + 2) }));
  assert.deepEqual(await listProjects(client, { maxPages: 3 }).toArray(), [0, 1, 2, 3, 4, 5]);
  assert.equal(rec.requests.length, 3);
});

Deno.test("pagination: maxItems truncates and stops requesting", async () => {
  const { rec, client } = setup((_u, i) => page([i * 2, i * 2 + 1], { "x-next-page": String(i + 2) }));
  assert.deepEqual(await listProjects(client, { maxItems: 3 }).toArray(), [0, 1, 2]);
  assert.equal(rec.requests.length, 2);
  const exact = setup((_u, i) => page([i * 2, i * 2 + 1], { "x-next-page": String(i + 2) }));
  assert.deepEqual(await listProjects(exact.client, { maxItems: 4 }).toArray(), [0, 1, 2, 3]);
  assert.equal(exact.rec.requests.length, 2);
});

Deno.test("pagination: pages() exposes totals and page numbers", async () => {
  const { client } = setup([
    page([1, 2], {
      "x-total": "3",
      "x-total-pages": "2",
      "x-page": "1",
      "x-per-page": "2",
      "x-next-page": "2",
      "x-prev-page": "",
      "x-request-id": "req-1",
    }),
    page([3], { "x-total": "3", "x-total-pages": "2", "x-page": "2", "x-per-page": "2", "x-prev-page": "1" }),
  ]);
  const pages = [];
  for await (const p of listProjects(client, { pagination: "offset", per_page: 2 }).pages()) pages.push(p);
  assert.equal(pages.length, 2);
  const [first, second] = pages;
  assert.deepEqual(first.items, [1, 2]);
  assert.equal(first.total, 3);
  assert.equal(first.totalPages, 2);
  assert.equal(first.page, 1);
  assert.equal(first.perPage, 2);
  assert.equal(first.nextPage, 2);
  assert.equal(first.prevPage, undefined);
  assert.equal(first.requestId, "req-1");
  assert.equal(first.next, `${API}/projects?pagination=offset&per_page=2&page=2`);
  assert.equal(second.page, 2);
  assert.equal(second.nextPage, undefined);
  assert.equal(second.prevPage, 1);
  assert.equal(second.next, undefined);
});

Deno.test("pagination: count() sends one HEAD and reads X-Total", async () => {
  const { rec, client } = setup([status(200, { "x-total": "1234" })]);
  assert.deepEqual(await listProjectIssues(client, 1, { state: "closed" }).count(), {
    total: 1234,
    exact: true,
    atLeast: 1234,
  });
  assert.equal(rec.requests.length, 1);
  assert.equal(rec.requests[0].method, "HEAD");
  assert.equal(rec.requests[0].url, `${API}/projects/1/issues?state=closed`);
  assert.equal(rec.requests[0].headers["private-token"], "glpat-page");
});

Deno.test("pagination: count() says GitLab stopped counting when pages come without X-Total", async () => {
  const { client } = setup([
    status(200, { "x-page": "1", "x-per-page": "20", "x-next-page": "2" }),
    status(404),
  ]);
  assert.deepEqual(await listProjects(client).count(), { total: undefined, exact: false, atLeast: 10_001 });
  const e = await rejection(listProjects(client).count());
  assert.ok(e instanceof GitLabHTTPError);
  assert.equal(e.status, 404);
  assert.equal(e.method, "HEAD");
});

Deno.test("parseLink(): URLs with commas and semicolons, several rels, odd spacing", () => {
  const header =
    `<${API}/issues?labels=a,b&page=2>; rel="next", <${API}/issues?labels=a,b&page=1>; rel="first",` +
    `<${API}/issues?x=1;y=2&page=9>;rel=last`;
  const links = parseLink(header);
  assert.equal(links.next, `${API}/issues?labels=a,b&page=2`);
  assert.equal(links.first, `${API}/issues?labels=a,b&page=1`);
  assert.equal(links.last, `${API}/issues?x=1;y=2&page=9`);
  assert.deepEqual(parseLink('<https://h/a>; rel="prev next"'), { prev: "https://h/a", next: "https://h/a" });
  assert.deepEqual(parseLink(""), {});
  assert.deepEqual(parseLink("garbage"), {});
  assert.deepEqual(parseLink('<https://h/a>; title="x"'), {});
});

Deno.test("pagination: a Link URL with commas is followed intact", async () => {
  const { rec, client } = setup([
    page([1], {
      link: link(`${API}/projects/1/issues?labels=bug,ui&page=2`) + ", " + link(`${API}/x?page=1`, "first"),
    }),
    page([2]),
  ]);
  await listProjectIssues(client, 1, { labels: ["bug", "ui"] }).toArray();
  assert.equal(rec.requests[1].url, `${API}/projects/1/issues?labels=bug,ui&page=2`);
});

Deno.test("pagination: a next link to another host is rebased onto the base origin", async () => {
  const rec = recorder([
    page([1], { link: link("http://10.0.0.5:8080/gitlab/api/v4/projects?page=2") }),
    page([2]),
  ]);
  const client = createClient({ baseUrl: "https://h.example/gitlab", token: "t", fetch: rec.fetch });
  assert.deepEqual(await listProjects(client).toArray(), [1, 2]);
  assert.equal(rec.requests[1].url, "https://h.example/gitlab/api/v4/projects?page=2");
  assert.equal(rec.requests[1].headers["private-token"], "t");
});

Deno.test("pagination: a relative next link resolves against the current page", async () => {
  const { rec, client } = setup([page([1], { link: link("/api/v4/projects?page=2") }), page([2])]);
  await listProjects(client).toArray();
  assert.equal(rec.requests[1].url, `${API}/projects?page=2`);
});

Deno.test("pagination: a next link outside the API root is refused", async () => {
  for (
    const target of [
      `${BASE}/admin/users?page=2`,
      `${BASE}/api/v44/projects`,
      `${BASE}/api/v4/../../x`,
      "https://evil.example/x",
    ]
  ) {
    const { rec, client } = setup([page([1], { link: link(target) }), page([2])]);
    const seen: unknown[] = [];
    const e = await rejection((async () => {
      for await (const item of listProjects(client)) seen.push(item);
    })());
    assert.ok(e instanceof GitLabError, target);
    assert.match(e.message, /leaves the API root/);
    assert.equal(rec.requests.length, 1, target);
  }
});

Deno.test("nextUrl(): Link first, else X-Next-Page on the current URL, else undefined", () => {
  const client = createClient({ baseUrl: BASE });
  assert.equal(
    nextUrl(client, new Headers({ link: link(`${API}/a?page=2`) }), `${API}/a`),
    `${API}/a?page=2`,
  );
  assert.equal(
    nextUrl(client, new Headers({ "x-next-page": "3" }), `${API}/a?page=2&x=1`),
    `${API}/a?page=3&x=1`,
  );
  assert.equal(nextUrl(client, new Headers({ "x-next-page": "" }), `${API}/a`), undefined);
  assert.equal(nextUrl(client, new Headers({ "x-next-page": "abc" }), `${API}/a`), undefined);
  assert.equal(nextUrl(client, new Headers(), `${API}/a`), undefined);
});

Deno.test("pagination: a non-array body is an error", async () => {
  const { client } = setup([json({ message: "not a list" })]);
  const e = await rejection(listProjects(client).toArray());
  assert.ok(e instanceof GitLabError);
  assert.match(e.message, /JSON array/);
});

Deno.test("pagination: an error on a later page rejects after the earlier items", async () => {
  const { client } = setup([
    page([1, 2], { "x-next-page": "2" }),
    status(403, {}, '{"message":"403 Forbidden"}'),
  ]);
  const seen: unknown[] = [];
  const e = await rejection((async () => {
    for await (const item of listProjects(client)) seen.push(item);
  })());
  assert.deepEqual(seen, [1, 2]);
  assert.ok(e instanceof GitLabHTTPError);
  assert.equal(e.status, 403);
});

Deno.test("pagination: lazy; nothing is sent before iterating, one request per page pulled", async () => {
  const { rec, client } = setup((u) => {
    const i = Number(new URL(u).searchParams.get("page") ?? "1") - 1;
    return page([i * 3, i * 3 + 1, i * 3 + 2], { "x-next-page": String(i + 2) });
  });
  const list = listProjects(client);
  assert.equal(rec.requests.length, 0);
  const iterator = list[Symbol.asyncIterator]();
  assert.deepEqual(await iterator.next(), { value: 0, done: false });
  assert.equal(rec.requests.length, 1);
  await iterator.next();
  await iterator.next();
  assert.equal(rec.requests.length, 1, "the first page's three items came from one request");
  await iterator.next();
  assert.equal(rec.requests.length, 2);
  await iterator.return?.();
  for await (const item of list) {
    assert.equal(item, 0);
    break;
  }
  assert.equal(rec.requests.length, 3, "a new iteration starts again from the first page");
});

Deno.test("pagination: a long list is streamed page by page (bounded, lazy)", async () => {
  const pages = 200;
  const { rec, client } = setup((u) => {
    const n = Number(new URL(u).searchParams.get("page") ?? "1");
    return page(
      Array.from({ length: 100 }, (_, k) => (n - 1) * 100 + k),
      n < pages ? { "x-next-page": String(n + 1) } : {},
    );
  });
  let count = 0;
  let last = -1;
  for await (const item of listProjects(client, { per_page: 100 })) {
    assert.equal(item, last + 1);
    last = item as number;
    count++;
    // Never more than one page ahead of the consumer.
    assert.ok(rec.requests.length <= Math.floor((count - 1) / 100) + 1);
  }
  assert.equal(count, pages * 100);
  assert.equal(rec.requests.length, pages);
});

Deno.test("pagination: against the simulator, offset and keyset", async () => {
  const sim = createSimulator();
  const client = createClient({ baseUrl: "https://gitlab.test", token: SIM_ADMIN_TOKEN, fetch: sim.fetch });
  const all = await listProjects(client, { per_page: 100 }).toArray();
  assert.ok(all.length >= 3);
  const before = sim.requests.length;
  const paged = await listProjects(client, { per_page: 2 }).toArray();
  assert.deepEqual(paged.map((p) => p.id), all.map((p) => p.id));
  // keyset (listProjects' default when iterating): the pages with items, then the empty page that ends it
  assert.equal(sim.requests.length - before, Math.ceil(all.length / 2) + 1);
  assert.equal((await listProjects(client).count()).total, all.length);
  const keyset = await listProjects(client, {
    pagination: "keyset",
    order_by: "id",
    sort: "asc",
    per_page: 2,
  }).toArray();
  assert.deepEqual(keyset.map((p) => p.id), all.map((p) => p.id).sort((a, b) => a - b));
});
