import assert from "node:assert/strict";
import {
  createClient,
  createProjectIssue,
  getCurrentUser,
  GitLabHTTPError,
  type OAuthRefreshContext,
  oauthRefreshGrant,
  oauthSession,
  send,
  tokenFrom,
} from "@gitlab-edge/client";
import { json, recorder } from "../_helpers.ts";

const BASE = "https://gitlab.example.com";
const expired = () =>
  json({
    error: "invalid_token",
    error_description: "Token is expired. You can either do re-authorization or token refresh.",
  }, {
    status: 401,
    headers: {
      "www-authenticate":
        'Bearer realm="Protected by OAuth 2", error="invalid_token", error_description="Token is expired."',
    },
  });

Deno.test("credentials: a token function is called for each request, so a rotated token is used", async () => {
  const rec = recorder(() => json({ id: 1, username: "alice" }));
  let current = "glpat-first";
  let calls = 0;
  const client = createClient({
    baseUrl: BASE,
    token: tokenFrom(async () => {
      calls++;
      return await Promise.resolve(current);
    }),
    fetch: rec.fetch,
  });
  assert.equal(client.auth, "token");
  await getCurrentUser(client);
  current = "glpat-second";
  await getCurrentUser(client);
  assert.deepEqual(rec.requests.map((r) => r.headers["private-token"]), ["glpat-first", "glpat-second"]);
  assert.equal(calls, 2);
});

Deno.test("credentials: a token function's bad value is refused without showing it; other origins get none", async () => {
  const rec = recorder(() => json({}));
  const bad = createClient({ baseUrl: BASE, token: tokenFrom(() => "has spaces secret"), fetch: rec.fetch });
  await assert.rejects(
    getCurrentUser(bad),
    (e: unknown) =>
      e instanceof TypeError && /option "token" gave a token that is not/.test(e.message) &&
      !e.message.includes("secret"),
  );
  assert.equal(rec.requests.length, 0, "nothing was sent");

  let called = 0;
  const job = createClient({
    baseUrl: BASE,
    jobToken: tokenFrom(() => (called++, "job-token")),
    fetch: rec.fetch,
  });
  await send(job, new Request("https://elsewhere.example.com/x"));
  assert.equal(called, 0, "not asked for a request to another origin");
  assert.equal(rec.requests[0].headers["job-token"], undefined);
  await send(job, new Request(`${BASE}/api/v4/version`));
  assert.equal(rec.requests[1].headers["job-token"], "job-token");
});

Deno.test("credentials: OAuth refresh on 401 invalid_token: once, shared by concurrent calls, each resent once", async () => {
  let valid = "access-1";
  const rec = recorder((r) =>
    r.headers["authorization"] === `Bearer ${valid}` ? json({ username: "alice" }) : expired()
  );
  const reasons: string[] = [];
  const client = createClient({
    baseUrl: BASE,
    fetch: rec.fetch,
    oauthToken: oauthSession({
      token: "access-1",
      refresh: async (context: OAuthRefreshContext) => {
        reasons.push(context.reason);
        assert.equal(context.origin, BASE);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return { access_token: "access-2", expires_in: 7200 };
      },
    }),
  });
  valid = "access-2"; // the first token has expired on GitLab's side
  const users = await Promise.all(Array.from({ length: 5 }, () => getCurrentUser(client)));
  assert.ok(users.every((u) => u.username === "alice"));
  assert.deepEqual(reasons, ["expired"], "one refresh for five calls");
  const sent = rec.requests.map((r) => r.headers["authorization"]);
  assert.equal(sent.filter((a) => a === "Bearer access-1").length, 5);
  assert.equal(sent.filter((a) => a === "Bearer access-2").length, 5);
  await getCurrentUser(client);
  assert.equal(rec.requests.at(-1)?.headers["authorization"], "Bearer access-2");
  assert.equal(reasons.length, 1);
});

Deno.test("credentials: a refresh that does not help ends in the 401, without a loop", async () => {
  const rec = recorder(() => expired());
  let refreshes = 0;
  const client = createClient({
    baseUrl: BASE,
    fetch: rec.fetch,
    retry: false,
    oauthToken: oauthSession({
      token: "access-1",
      refresh: () => Promise.resolve({ access_token: `access-${++refreshes + 1}` }),
    }),
  });
  await assert.rejects(
    getCurrentUser(client),
    (e: unknown) => e instanceof GitLabHTTPError && e.status === 401,
  );
  assert.equal(refreshes, 1);
  assert.equal(rec.requests.length, 2);
});

Deno.test("credentials: a write is sent again with its body; a plain 401 is not refreshed", async () => {
  const bodies: string[] = [];
  const rec = recorder((r) => {
    bodies.push(r.body);
    return r.headers["authorization"] === "Bearer fresh"
      ? json({ iid: 1, title: "t" }, { status: 201 })
      : expired();
  });
  const client = createClient({
    baseUrl: BASE,
    fetch: rec.fetch,
    oauthToken: oauthSession({ token: "stale", refresh: () => Promise.resolve({ access_token: "fresh" }) }),
  });
  const issue = await createProjectIssue(client, "acme/web", { title: "t" });
  assert.equal(issue.iid, 1);
  assert.equal(bodies.length, 2);
  assert.equal(bodies[0], bodies[1]);
  assert.match(bodies[1], /title/);

  let refreshed = 0;
  const plain = recorder(() => json({ message: "401 Unauthorized" }, { status: 401 }));
  const other = createClient({
    baseUrl: BASE,
    fetch: plain.fetch,
    oauthToken: oauthSession({
      token: "x",
      refresh: () => (refreshed++, Promise.resolve({ access_token: "y" })),
    }),
  });
  await assert.rejects(getCurrentUser(other), GitLabHTTPError);
  assert.equal(refreshed, 0);
  assert.equal(plain.requests.length, 1);
});

Deno.test("credentials: shortly before expiresAt the token is refreshed before the request", async () => {
  const rec = recorder(() => json({ username: "alice" }));
  const reasons: string[] = [];
  const client = createClient({
    baseUrl: BASE,
    fetch: rec.fetch,
    oauthToken: oauthSession({
      token: "old",
      expiresAt: new Date(Date.now() + 30_000), // inside the default 60 s margin
      refresh: (c) => (reasons.push(c.reason), Promise.resolve({ access_token: "new", expires_in: 7200 })),
    }),
  });
  await getCurrentUser(client);
  await getCurrentUser(client);
  assert.deepEqual(reasons, ["expiring"]);
  assert.deepEqual(rec.requests.map((r) => r.headers["authorization"]), ["Bearer new", "Bearer new"]);
  const session = oauthSession({ token: "t", refresh: () => Promise.resolve({ access_token: "a" }) });
  assert.throws(
    () => createClient({ baseUrl: BASE, token: session }),
    (e: unknown) =>
      e instanceof TypeError &&
      /option "token" cannot take an oauthSession\(\); give it as oauthToken/.test(e.message),
  );
});

Deno.test("credentials: oauthRefreshGrant posts the refresh_token grant and keeps GitLab's rotated token", async () => {
  const saved: string[] = [];
  let n = 0;
  const rec = recorder((r) => {
    if (new URL(r.url).pathname === "/oauth/token") {
      n++;
      return json({
        access_token: `access-${n + 1}`,
        token_type: "Bearer",
        expires_in: 7200,
        refresh_token: `refresh-${n + 1}`,
        created_at: Math.floor(Date.now() / 1000),
      });
    }
    return n > 0 && r.headers["authorization"] === `Bearer access-${n + 1}`
      ? json({ username: "alice" })
      : expired();
  });
  const client = createClient({
    baseUrl: BASE,
    fetch: rec.fetch,
    oauthToken: oauthSession({
      token: "access-1",
      refresh: oauthRefreshGrant({
        clientId: "app",
        refreshToken: "refresh-1",
        onTokens: (t) => void saved.push(t.refresh_token!),
      }),
    }),
  });
  await getCurrentUser(client);
  const grant = rec.requests.find((r) => r.url === `${BASE}/oauth/token`);
  assert.ok(grant);
  assert.equal(grant.method, "POST");
  const form = new URLSearchParams(grant.body);
  assert.equal(form.get("grant_type"), "refresh_token");
  assert.equal(form.get("refresh_token"), "refresh-1");
  assert.equal(form.get("client_id"), "app");
  assert.equal(grant.headers["authorization"], undefined, "the grant goes without the expired token");
  assert.deepEqual(saved, ["refresh-2"]);

  const failing = recorder((r) =>
    new URL(r.url).pathname === "/oauth/token"
      ? json({ error: "invalid_grant", error_description: "The provided authorization grant is invalid" }, {
        status: 400,
      })
      : expired()
  );
  const stuck = createClient({
    baseUrl: BASE,
    fetch: failing.fetch,
    oauthToken: oauthSession({
      token: "access-1",
      refresh: oauthRefreshGrant({ clientId: "app", refreshToken: "refresh-secret-value" }),
    }),
  });
  await assert.rejects(
    getCurrentUser(stuck),
    (e: unknown) =>
      e instanceof GitLabHTTPError && e.status === 400 && /invalid_grant/.test(e.message) &&
      !e.message.includes("refresh-secret-value"),
  );
});

Deno.test("credentials: a bare function is refused with the way to pass one, naming the option", () => {
  for (const option of ["token", "oauthToken", "jobToken"] as const) {
    assert.throws(
      // A function where a string or a credential value goes: what this option took before tokenFrom().
      () => createClient({ baseUrl: BASE, [option]: (() => "glpat-x") as unknown as string }),
      (e: unknown) =>
        e instanceof TypeError &&
        e.message ===
          `createClient(): option "${option}" is a function: use tokenFrom(fn)`,
    );
  }
  assert.throws(
    () => createClient({ baseUrl: BASE, token: { authStep: 1 } as unknown as string }),
    /option "token" must be a visible-ASCII string or tokenFrom\(fn\)/,
  );
  assert.throws(
    () => tokenFrom("glpat-x" as unknown as () => string),
    /tokenFrom\(\): the source must be a function/,
  );
});

Deno.test("credentials: oauthSession() checks its options at once, naming each", () => {
  const refresh = () => Promise.resolve({ access_token: "a" });
  const cases: [unknown, RegExp][] = [
    [null, /oauthSession\(\): option "options" must be an object/],
    [{ refresh }, /option "token" must be a non-empty string/],
    [{ token: "has space", refresh }, /option "token" must be a non-empty string .*\(value not shown\)/],
    [{ token: "t" }, /option "refresh" must be a function/],
    [
      { token: "t", refresh, expiresAt: new Date("nope") },
      /option "expiresAt" must be a Date or milliseconds/,
    ],
    [{ token: "t", refresh, expiresAt: "soon" }, /option "expiresAt" must be a Date or milliseconds/],
    [{ token: "t", refresh, earlyMs: -1 }, /oauthSession\(\): option "earlyMs" must be milliseconds/],
  ];
  for (const [options, message] of cases) {
    assert.throws(() => oauthSession(options as Parameters<typeof oauthSession>[0]), message);
  }
  const fromFunction = oauthSession({ token: () => "access", refresh, expiresAt: Date.now() + 3_600_000 });
  assert.equal(createClient({ baseUrl: BASE, oauthToken: fromFunction }).auth, "oauth");
});

Deno.test("credentials: a refresh that gives no access_token fails the call and says so", async () => {
  const rec = recorder(() => expired());
  const client = createClient({
    baseUrl: BASE,
    fetch: rec.fetch,
    oauthToken: oauthSession({
      token: "old",
      refresh: () => Promise.resolve({} as { access_token: string }),
    }),
  });
  await assert.rejects(
    getCurrentUser(client),
    (e: unknown) =>
      e instanceof TypeError && /oauthSession\(\): option "refresh" gave no access_token/.test(e.message),
  );
});

Deno.test("credentials: clients given one oauthSession share its token and its refreshes", async () => {
  let valid = "access-1";
  const rec = recorder((r) =>
    r.headers["authorization"] === `Bearer ${valid}` ? json({ username: "alice" }) : expired()
  );
  let refreshes = 0;
  const session = oauthSession({
    token: "access-1",
    refresh: async () => {
      refreshes++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { access_token: "access-2" };
    },
  });
  const a = createClient({ baseUrl: BASE, fetch: rec.fetch, oauthToken: session });
  const b = createClient({ baseUrl: BASE, fetch: rec.fetch, oauthToken: session });
  valid = "access-2";
  await Promise.all([getCurrentUser(a), getCurrentUser(b), getCurrentUser(a)]);
  assert.equal(refreshes, 1, "one refresh for both clients");
  await getCurrentUser(b);
  assert.equal(rec.requests.at(-1)?.headers["authorization"], "Bearer access-2");
  assert.equal(refreshes, 1);
});
