import assert from "node:assert/strict";
import {
  createAdminCiVariable,
  createClient,
  createGroupVariable,
  createProjectVariable,
  deleteAdminCiVariable,
  deleteGroupVariable,
  deleteProjectVariable,
  editAdminCiVariable,
  editProjectVariable,
  getProjectVariable,
  GitLabHTTPError,
  listAdminCiVariables,
  listGroupVariables,
  listProjectVariables,
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

function variable(key: string, value: string | null, extra: Record<string, unknown> = {}) {
  return {
    key,
    value,
    variable_type: "env_var",
    protected: false,
    masked: false,
    hidden: false,
    raw: false,
    environment_scope: "*",
    description: null,
    ...extra,
  };
}

Deno.test("createProjectVariable() posts a masked, protected, scoped variable", async () => {
  const { rec, client } = setup([
    json(
      variable("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG", {
        masked: true,
        protected: true,
        environment_scope: "production",
      }),
      { status: 201 },
    ),
  ]);
  const created = await createProjectVariable(client, "acme/web", {
    key: "AWS_SECRET_ACCESS_KEY",
    value: "wJalrXUtnFEMI/K7MDENG",
    masked: true,
    protected: true,
    environment_scope: "production",
    variable_type: "env_var",
  });
  assert.equal(sent(rec.requests[0]), `POST ${P}/variables`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), {
    key: "AWS_SECRET_ACCESS_KEY",
    value: "wJalrXUtnFEMI/K7MDENG",
    masked: true,
    protected: true,
    environment_scope: "production",
    variable_type: "env_var",
  });
  assert.equal(created.masked, true);
  assert.equal(created.environment_scope, "production");
});

Deno.test("createProjectVariable() with an unmaskable value is GitLab's 400 field message", async () => {
  const { client } = setup([json({ message: { value: ["is invalid"] } }, { status: 400 })]);
  const err = await createProjectVariable(client, "acme/web", { key: "SHORT", value: "abc", masked: true })
    .catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError);
  assert.equal(err.status, 400);
  assert.match(err.message, /400 Bad Request: value is invalid$/);
});

Deno.test("listProjectVariables() reads both pages; getProjectVariable() sends filter[environment_scope]", async () => {
  const next = `${API}${P}/variables?page=2&per_page=2`;
  const { rec, client } = setup([
    json([variable("DATABASE_URL", "postgres://db"), variable("DEPLOY_TOKEN", "x", { protected: true })], {
      headers: { link: `<${next}>; rel="next"` },
    }),
    json([variable("KUBECONFIG", "apiVersion: v1\n", { variable_type: "file" })]),
    json(variable("DATABASE_URL", "postgres://prod-db", { environment_scope: "production" })),
  ]);
  const vars = await listProjectVariables(client, "acme/web", { per_page: 2 }).toArray();
  assert.deepEqual(vars.map((v) => [v.key, v.variable_type]), [
    ["DATABASE_URL", "env_var"],
    ["DEPLOY_TOKEN", "env_var"],
    ["KUBECONFIG", "file"],
  ]);
  assert.equal(rec.requests[1].url, next);
  const prod = await getProjectVariable(client, "acme/web", "DATABASE_URL", {
    filter: { environment_scope: "production" },
  });
  assert.equal(prod.value, "postgres://prod-db");
  assert.equal(sent(rec.requests[2]), `GET ${P}/variables/DATABASE_URL`);
  assert.deepEqual(query(rec.requests[2]), [["filter[environment_scope]", "production"]]);
});

Deno.test("editProjectVariable() updates one scope's value; deleteProjectVariable() deletes one scope", async () => {
  const { rec, client } = setup([
    json(variable("DATABASE_URL", "postgres://db-2", { environment_scope: "staging" })),
    status(204),
  ]);
  const edited = await editProjectVariable(client, "acme/web", "DATABASE_URL", {
    value: "postgres://db-2",
    filter: { environment_scope: "staging" },
  });
  assert.equal(edited.value, "postgres://db-2");
  assert.equal(sent(rec.requests[0]), `PUT ${P}/variables/DATABASE_URL`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), {
    value: "postgres://db-2",
    filter: { environment_scope: "staging" },
  });
  const deleted = await deleteProjectVariable(client, "acme/web", "DATABASE_URL", {
    filter: { environment_scope: "staging" },
  });
  assert.equal(deleted, undefined);
  assert.equal(sent(rec.requests[1]), `DELETE ${P}/variables/DATABASE_URL`);
  assert.deepEqual(query(rec.requests[1]), [["filter[environment_scope]", "staging"]]);
  assert.equal(rec.requests[1].body, "");
});

Deno.test("group variables: create masked and protected, list, delete one scope", async () => {
  const { rec, client } = setup([
    json(variable("NPM_TOKEN", "npm_8cTLq7XZp1", { masked: true, protected: true }), { status: 201 }),
    json([variable("NPM_TOKEN", "npm_8cTLq7XZp1", { masked: true, protected: true })]),
    status(204),
  ]);
  const created = await createGroupVariable(client, "acme", {
    key: "NPM_TOKEN",
    value: "npm_8cTLq7XZp1",
    masked: true,
    protected: true,
  });
  assert.equal(created.protected, true);
  assert.deepEqual(JSON.parse(rec.requests[0].body), {
    key: "NPM_TOKEN",
    value: "npm_8cTLq7XZp1",
    masked: true,
    protected: true,
  });
  assert.deepEqual((await listGroupVariables(client, "acme").toArray()).map((v) => v.key), ["NPM_TOKEN"]);
  await deleteGroupVariable(client, "acme", "NPM_TOKEN", { filter: { environment_scope: "*" } });
  assert.deepEqual(rec.requests.map(sent), [
    "POST /groups/acme/variables",
    "GET /groups/acme/variables",
    "DELETE /groups/acme/variables/NPM_TOKEN",
  ]);
  assert.deepEqual(query(rec.requests[2]), [["filter[environment_scope]", "*"]]);
});

Deno.test("instance variables: create, list, update, delete under /admin/ci/variables", async () => {
  const { rec, client } = setup([
    json(variable("SENTRY_DSN", "https://k@sentry.example.com/2", { protected: true }), { status: 201 }),
    json([variable("SENTRY_DSN", "https://k@sentry.example.com/2", { protected: true })]),
    json(variable("SENTRY_DSN", "https://k@sentry.example.com/3", { protected: true })),
    status(204),
  ]);
  await createAdminCiVariable(client, {
    key: "SENTRY_DSN",
    value: "https://k@sentry.example.com/2",
    protected: true,
  });
  const all = await listAdminCiVariables(client).toArray();
  assert.equal(all[0].key, "SENTRY_DSN");
  const edited = await editAdminCiVariable(client, "SENTRY_DSN", { value: "https://k@sentry.example.com/3" });
  assert.equal(edited.value, "https://k@sentry.example.com/3");
  assert.equal(await deleteAdminCiVariable(client, "SENTRY_DSN"), undefined);
  assert.deepEqual(rec.requests.map(sent), [
    "POST /admin/ci/variables",
    "GET /admin/ci/variables",
    "PUT /admin/ci/variables/SENTRY_DSN",
    "DELETE /admin/ci/variables/SENTRY_DSN",
  ]);
  assert.deepEqual(JSON.parse(rec.requests[0].body), {
    key: "SENTRY_DSN",
    value: "https://k@sentry.example.com/2",
    protected: true,
  });
  assert.deepEqual(JSON.parse(rec.requests[2].body), { value: "https://k@sentry.example.com/3" });
});
