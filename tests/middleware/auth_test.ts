import assert from "node:assert/strict";
import {
  createClient,
  getCurrentUser,
  getProject,
  GitLabError,
  httpGet,
  httpList,
  listProjects,
  send,
} from "@gitlab-edge/client";
import { json, recorder, rejection, status } from "../_helpers.ts";

const TOKEN = "glpat-AuthTest-9f3k2-SECRET";
const BASE = "https://gitlab.example.com";
const CREDENTIAL_HEADERS = ["private-token", "authorization", "job-token", "sudo"];

Deno.test("auth: token is sent as PRIVATE-TOKEN and nothing else", async () => {
  const rec = recorder([json({ id: 1 })]);
  await getCurrentUser(createClient({ baseUrl: BASE, token: TOKEN, fetch: rec.fetch }));
  const h = rec.requests[0].headers;
  assert.equal(h["private-token"], TOKEN);
  assert.equal(h.authorization, undefined);
  assert.equal(h["job-token"], undefined);
});

Deno.test("auth: oauthToken is sent as Authorization: Bearer", async () => {
  const rec = recorder([json({ id: 1 })]);
  await getCurrentUser(createClient({ baseUrl: BASE, oauthToken: TOKEN, fetch: rec.fetch }));
  const h = rec.requests[0].headers;
  assert.equal(h.authorization, `Bearer ${TOKEN}`);
  assert.equal(h["private-token"], undefined);
  assert.equal(h["job-token"], undefined);
});

Deno.test("auth: jobToken is sent as JOB-TOKEN", async () => {
  const rec = recorder([json({ id: 1 })]);
  await getCurrentUser(createClient({ baseUrl: BASE, jobToken: TOKEN, fetch: rec.fetch }));
  const h = rec.requests[0].headers;
  assert.equal(h["job-token"], TOKEN);
  assert.equal(h["private-token"], undefined);
  assert.equal(h.authorization, undefined);
});

Deno.test("auth: an anonymous client sends no credential header", async () => {
  const rec = recorder([json({ id: 1 })]);
  await getProject(createClient({ baseUrl: BASE, fetch: rec.fetch }), 1);
  for (const name of CREDENTIAL_HEADERS) assert.equal(rec.requests[0].headers[name], undefined, name);
});

Deno.test("auth: Sudo comes from the client and a per-call sudo overrides it", async () => {
  const rec = recorder([json({}), json({}), json({})]);
  const client = createClient({ baseUrl: BASE, token: TOKEN, sudo: "alice", fetch: rec.fetch });
  await getProject(client, 1);
  await getProject(client, 1, { sudo: "bob" });
  await getProject(client, 1, { sudo: 42 });
  assert.deepEqual(rec.requests.map((r) => r.headers.sudo), ["alice", "bob", "42"]);
  const plain = recorder([json({})]);
  await getProject(createClient({ baseUrl: BASE, token: TOKEN, fetch: plain.fetch }), 1);
  assert.equal(plain.requests[0].headers.sudo, undefined);
});

Deno.test("auth: a per-call sudo is validated before sending", () => {
  const rec = recorder();
  const client = createClient({ baseUrl: BASE, token: TOKEN, fetch: rec.fetch });
  assert.throws(() => getProject(client, 1, { sudo: "a b" }), /getProject\(\).*"sudo"/);
  assert.throws(() => getProject(client, 1, { sudo: -3 }), /getProject\(\).*"sudo"/);
  assert.equal(rec.requests.length, 0);
});

Deno.test("auth: User-Agent defaults to gitlab-edge and can be set; extra headers are sent", async () => {
  const rec = recorder([json({}), json({}), json({})]);
  await getProject(createClient({ baseUrl: BASE, fetch: rec.fetch }), 1);
  assert.match(rec.requests[0].headers["user-agent"], /^gitlab-edge\/\d+\.\d+\.\d+/);
  const client = createClient({
    baseUrl: BASE,
    userAgent: "my-bot/2.0",
    headers: { "X-Trace": "abc" },
    fetch: rec.fetch,
  });
  await getProject(client, 1);
  assert.equal(rec.requests[1].headers["user-agent"], "my-bot/2.0");
  assert.equal(rec.requests[1].headers["x-trace"], "abc");
  await getProject(client, 1, { headers: { "X-Trace": "per-call" } });
  assert.equal(rec.requests[2].headers["x-trace"], "per-call");
  assert.equal(rec.requests[2].headers.accept, "application/json");
});

Deno.test("auth: credentials and client headers are not sent on a cross-origin redirect", async () => {
  const rec = recorder((r) =>
    r.url.startsWith(BASE)
      ? status(302, { location: "https://cdn.example.net/file?sig=1" })
      : new Response('{"ok":true}', { headers: { "content-type": "application/json" } })
  );
  const client = createClient({
    baseUrl: BASE,
    token: TOKEN,
    sudo: "root",
    headers: { "X-Api-Key": "client-secret-header" },
    fetch: rec.fetch,
  });
  assert.deepEqual(await httpGet(client, "/projects/1/export/download"), { ok: true });
  assert.equal(rec.requests.length, 2);
  assert.equal(rec.requests[0].headers["private-token"], TOKEN);
  assert.equal(rec.requests[0].headers.sudo, "root");
  assert.equal(rec.requests[0].headers["x-api-key"], "client-secret-header");
  const foreign = rec.requests[1];
  assert.equal(foreign.url, "https://cdn.example.net/file?sig=1");
  for (const name of CREDENTIAL_HEADERS) assert.equal(foreign.headers[name], undefined, name);
  assert.equal(foreign.headers["x-api-key"], undefined);
  assert.ok(!JSON.stringify(foreign).includes(TOKEN));
});

Deno.test("auth: every OAuth and job credential is withheld from another origin", async () => {
  for (const option of ["oauthToken", "jobToken"] as const) {
    const rec = recorder((r) =>
      r.url.startsWith(BASE) ? status(307, { location: "https://other.example/x" }) : json({})
    );
    await httpGet(createClient({ baseUrl: BASE, [option]: TOKEN, fetch: rec.fetch }), "/x");
    assert.equal(rec.requests.length, 2);
    assert.ok(JSON.stringify(rec.requests[0].headers).includes(TOKEN));
    assert.ok(!JSON.stringify(rec.requests[1].headers).includes(TOKEN), option);
  }
});

Deno.test("auth: a lookalike origin (prefix, port, scheme) is another origin", async () => {
  for (
    const target of [
      "https://gitlab.example.com.evil.net/x",
      "https://gitlab.example.com:444/x",
      "https://gitlab.example.comx/",
    ]
  ) {
    const rec = recorder((r) => r.url.startsWith(BASE + "/") ? status(302, { location: target }) : json({}));
    await httpGet(createClient({ baseUrl: BASE, token: TOKEN, fetch: rec.fetch }), "/x");
    assert.equal(rec.requests.length, 2, target);
    assert.equal(rec.requests[1].headers["private-token"], undefined, target);
  }
});

Deno.test("auth: a redirect to a URL with user info is refused", async () => {
  const rec = recorder([status(302, { location: "https://user:pw@gitlab.example.com/api/v4/x" }), json({})]);
  const e = await rejection(httpGet(createClient({ baseUrl: BASE, token: TOKEN, fetch: rec.fetch }), "/x"));
  assert.ok(e instanceof GitLabError);
  assert.match(e.message, /credentials refused/);
  assert.equal(rec.requests.length, 1);
});

Deno.test("auth: a pagination link to another host is rebased onto the base origin", async () => {
  const rec = recorder([
    json([1], {
      headers: { link: '<https://internal.gitlab:8443/api/v4/projects?page=2&per_page=1>; rel="next"' },
    }),
    json([2]),
  ]);
  const items = await listProjects(createClient({ baseUrl: BASE, token: TOKEN, fetch: rec.fetch })).toArray();
  assert.deepEqual(items, [1, 2]);
  assert.equal(rec.requests[1].url, `${BASE}/api/v4/projects?page=2&per_page=1`);
  assert.equal(rec.requests[1].headers["private-token"], TOKEN);
  assert.ok(rec.requests.every((r) => new URL(r.url).origin === BASE));
});

Deno.test("auth: httpList never sends a request outside the base origin", async () => {
  const rec = recorder([
    json([1], { headers: { link: '<http://attacker.example/api/v4/x?page=2>; rel="next"' } }),
    json([2]),
  ]);
  await httpList(createClient({ baseUrl: BASE, token: TOKEN, fetch: rec.fetch }), "/x").toArray();
  assert.deepEqual(rec.requests.map((r) => new URL(r.url).origin), [BASE, BASE]);
});

Deno.test("auth: send() never writes credentials into the caller's own Request, whatever the timeout", async () => {
  for (const timeout of [0, 1000]) {
    const seen: (string | null)[] = [];
    const client = createClient({
      baseUrl: "https://gitlab.example.com",
      token: "glpat-caller-owned",
      timeout,
      fetch: (r) => (seen.push(r.headers.get("private-token")), Promise.resolve(new Response("{}"))),
    });
    const mine = new Request(client.baseUrl + "/user");
    await (await send(client, mine)).text();
    assert.deepEqual(seen, ["glpat-caller-owned"], `timeout ${timeout}: the token was sent`);
    assert.equal(
      mine.headers.get("private-token"),
      null,
      `timeout ${timeout}: the caller's Request was changed`,
    );
  }
});
