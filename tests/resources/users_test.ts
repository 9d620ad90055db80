import assert from "node:assert/strict";
import { createClient, getCurrentUser, getUser, GitLabHTTPError, listUsers } from "@gitlab-edge/client";
import {
  createSimulator,
  SIM_ADMIN_TOKEN,
  SIM_JOB_TOKEN,
  SIM_OAUTH_TOKEN,
  SIM_SEED,
} from "@gitlab-edge/client/testing";
import { setup } from "./_setup.ts";

Deno.test("getCurrentUser() returns the token's owner", async () => {
  const { alice } = setup();
  const me = await getCurrentUser(alice);
  assert.equal(me.username, "alice");
  assert.equal(me.id, SIM_SEED.users.alice.id);
});

Deno.test("getCurrentUser() works with an OAuth token (Authorization: Bearer)", async () => {
  const sim = createSimulator();
  const client = createClient({
    baseUrl: "https://gitlab.example.com",
    oauthToken: SIM_OAUTH_TOKEN,
    fetch: sim.fetch,
  });
  assert.equal((await getCurrentUser(client)).username, "alice");
  assert.equal(sim.requests.at(-1)!.headers.authorization, `Bearer ${SIM_OAUTH_TOKEN}`);
});

Deno.test("a CI job token is sent as JOB-TOKEN", async () => {
  const sim = createSimulator();
  const client = createClient({
    baseUrl: "https://gitlab.example.com",
    jobToken: SIM_JOB_TOKEN,
    fetch: sim.fetch,
  });
  await getCurrentUser(client).catch(() => undefined);
  assert.equal(sim.requests.at(-1)!.headers["job-token"], SIM_JOB_TOKEN);
  assert.equal(sim.requests.at(-1)!.headers["private-token"], undefined);
});

Deno.test("getCurrentUser() without credentials is a 401", async () => {
  const { anonymous } = setup();
  const err = await getCurrentUser(anonymous).catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError);
  assert.equal(err.status, 401);
});

Deno.test("sudo: an administrator acts as another user, by client option and per call", async () => {
  const sim = createSimulator();
  const base = { baseUrl: "https://gitlab.example.com", token: SIM_ADMIN_TOKEN, fetch: sim.fetch };
  assert.equal((await getCurrentUser(createClient({ ...base, sudo: "bob" }))).username, "bob");
  const admin = createClient(base);
  assert.equal((await getCurrentUser(admin, { sudo: SIM_SEED.users.alice.id })).username, "alice");
  assert.equal(sim.requests.at(-1)!.headers.sudo, String(SIM_SEED.users.alice.id));
  assert.equal((await getCurrentUser(admin)).username, "root");
});

Deno.test("sudo: a non-administrator gets 403, an unknown user 404", async () => {
  const { alice, admin } = setup();
  const forbidden = await getCurrentUser(alice, { sudo: "bob" }).catch((e) => e);
  assert.ok(forbidden instanceof GitLabHTTPError);
  assert.equal(forbidden.status, 403);
  const unknown = await getCurrentUser(admin, { sudo: "nobody-here" }).catch((e) => e);
  assert.ok(unknown instanceof GitLabHTTPError);
  assert.equal(unknown.status, 404);
});

Deno.test("listUsers() filters by username and getUser() reads one user", async () => {
  const { alice } = setup();
  const found = await listUsers(alice, { username: "bob" }).toArray();
  assert.deepEqual(found.map((u) => u.username), ["bob"]);
  const bob = await getUser(alice, found[0].id);
  assert.equal(bob.name, found[0].name);
});

Deno.test("listUsers() sends booleans as true/false", async () => {
  const { sim, alice } = setup();
  const active = await listUsers(alice, { active: true }).toArray();
  assert.ok(active.every((u) => u.state === "active"));
  assert.equal(new URL(sim.requests.at(-1)!.url).searchParams.get("active"), "true");
});
