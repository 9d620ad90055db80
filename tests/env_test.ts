import assert from "node:assert/strict";
import { clientFromEnv, configFromEnv, getCurrentUser } from "@gitlab-edge/client";
import { createSimulator, SIM_USER_TOKEN } from "@gitlab-edge/client/testing";

Deno.test("env: GITLAB_URL and GITLAB_TOKEN make a client that sends PRIVATE-TOKEN", async () => {
  const sim = createSimulator();
  const client = clientFromEnv({ GITLAB_URL: "https://gitlab.example.com", GITLAB_TOKEN: SIM_USER_TOKEN }, {
    fetch: sim.fetch,
  });
  assert.equal((await getCurrentUser(client)).username, "alice");
  assert.equal(sim.requests[0].headers["private-token"], SIM_USER_TOKEN);
});

Deno.test("env: inside GitLab CI the API URL and the job token are used, sent as JOB-TOKEN", async () => {
  const config = configFromEnv({
    CI_SERVER_URL: "https://ci.example.com",
    CI_API_V4_URL: "https://gitlab.example.com/api/v4",
    CI_JOB_TOKEN: "job-secret",
  });
  assert.equal(config.urlFrom, "CI_API_V4_URL");
  assert.equal(config.credentialFrom, "CI_JOB_TOKEN");
  assert.deepEqual(config.options, { baseUrl: "https://gitlab.example.com/api/v4", jobToken: "job-secret" });
  const sim = createSimulator();
  const client = clientFromEnv({ CI_API_V4_URL: "https://gitlab.example.com/api/v4", CI_JOB_TOKEN: "job" }, {
    fetch: sim.fetch,
  });
  await getCurrentUser(client).catch(() => undefined);
  assert.equal(sim.requests[0].headers["job-token"], "job");
  assert.equal(sim.requests[0].headers["private-token"], undefined);
  assert.equal(new URL(sim.requests[0].url).pathname, "/api/v4/user");
});

Deno.test("env: precedence, empty values unset, an OAuth token as Bearer", () => {
  assert.equal(
    configFromEnv({ GITLAB_URL: "https://a.example", CI_SERVER_URL: "https://b.example" }).urlFrom,
    "GITLAB_URL",
  );
  assert.equal(
    configFromEnv({ GITLAB_URL: "", CI_SERVER_URL: "https://b.example" }).urlFrom,
    "CI_SERVER_URL",
  );
  const both = configFromEnv({ GITLAB_URL: "https://a.example", GITLAB_TOKEN: "t", CI_JOB_TOKEN: "j" });
  assert.deepEqual(both.options, { baseUrl: "https://a.example", token: "t" });
  const blank = configFromEnv({
    GITLAB_URL: "https://a.example",
    GITLAB_TOKEN: "  ",
    GITLAB_OAUTH_TOKEN: "o",
  });
  assert.deepEqual(blank.options, { baseUrl: "https://a.example", oauthToken: "o" });
  assert.equal(configFromEnv({ GITLAB_URL: "https://a.example" }).credentialFrom, undefined);
  const fromFunction = configFromEnv((name) => (name === "GITLAB_URL" ? "https://f.example" : undefined));
  assert.equal(fromFunction.options.baseUrl, "https://f.example");
});

Deno.test("env: a missing URL names the variables and never a token", () => {
  assert.throws(
    () => clientFromEnv({ GITLAB_TOKEN: "glpat-do-not-print-me" }),
    (e: unknown) =>
      e instanceof TypeError && /set GITLAB_URL/.test(e.message) && /CI_API_V4_URL/.test(e.message) &&
      !e.message.includes("glpat-do-not-print-me"),
  );
  assert.throws(() => configFromEnv(42 as unknown as Record<string, string>), /env must be an object/);
});

Deno.test("env: a credential in the options replaces the environment's; a bad URL is refused", async () => {
  const sim = createSimulator();
  const client = clientFromEnv(
    { GITLAB_URL: "https://gitlab.example.com", GITLAB_TOKEN: "env-token" },
    { oauthToken: "oauth-token", fetch: sim.fetch },
  );
  await getCurrentUser(client).catch(() => undefined);
  assert.equal(sim.requests[0].headers["private-token"], undefined);
  assert.equal(sim.requests[0].headers["authorization"], "Bearer oauth-token");
  assert.throws(() => clientFromEnv({ GITLAB_URL: "not a url" }), /baseUrl/);
});
