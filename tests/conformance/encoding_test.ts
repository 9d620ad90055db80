import assert from "node:assert/strict";
import {
  createProjectRepositoryBranch,
  getProject,
  getProjectRepositoryBranch,
  getProjectRepositoryFile,
  httpGet,
  listProjectIssues,
  listProjects,
} from "@gitlab-edge/client";
import { SIM_ADMIN_TOKEN, SIM_SEED } from "@gitlab-edge/client/testing";
import { last, seen, setup } from "./helpers.ts";

function decodeBase64(text: string): string {
  return new TextDecoder().decode(Uint8Array.from(atob(text), (c) => c.charCodeAt(0)));
}

Deno.test("conformance: numeric ids are sent as is, full paths encoded whole", async () => {
  const { sim, client } = setup({ token: SIM_ADMIN_TOKEN });
  const infra = SIM_SEED.projects.infra;
  assert.equal((await getProject(client, infra.id)).path_with_namespace, infra.path);
  assert.equal((await getProject(client, infra.path)).id, infra.id);
  assert.deepEqual(seen(sim), [`GET /projects/${infra.id}`, "GET /projects/acme%2Fplatform%2Finfra"]);
});

Deno.test("conformance: file paths are encoded as one segment, including spaces, # and ?", async () => {
  const { sim, client } = setup({ token: SIM_ADMIN_TOKEN });
  const main = await getProjectRepositoryFile(client, "acme/web", "src/main.ts", { ref: "main" });
  assert.equal(main.file_path, "src/main.ts");
  assert.equal(new TextEncoder().encode(decodeBase64(main.content)).length, main.size);
  assert.equal(seen(sim)[0], "GET /projects/acme%2Fweb/repository/files/src%2Fmain.ts?ref=main");

  const odd = "docs/a b#c?d%e+f/über.md";
  sim.addFile("acme/web", odd, "odd but valid\n");
  const file = await getProjectRepositoryFile(client, "acme/web", odd, { ref: "main" });
  assert.equal(file.file_path, odd);
  assert.equal(decodeBase64(file.content), "odd but valid\n");
  assert.equal(
    new URL(last(sim).url).pathname,
    "/api/v4/projects/acme%2Fweb/repository/files/docs%2Fa%20b%23c%3Fd%25e%2Bf%2F%C3%BCber.md",
  );
});

Deno.test("conformance: branch names with slashes round-trip", async () => {
  const { sim, client } = setup({ token: SIM_ADMIN_TOKEN });
  assert.equal((await getProjectRepositoryBranch(client, "acme/web", "feature/login")).name, "feature/login");
  assert.equal(seen(sim)[0], "GET /projects/acme%2Fweb/repository/branches/feature%2Flogin");
  const created = await createProjectRepositoryBranch(client, "acme/web", {
    branch: "release/2024.1",
    ref: "main",
  });
  assert.equal(created.name, "release/2024.1");
  assert.equal(
    (await getProjectRepositoryBranch(client, "acme/web", "release/2024.1")).name,
    "release/2024.1",
  );
});

Deno.test("conformance: arrays are sent as name[]= and hashes as name[key]=", async () => {
  const { sim, client } = setup({ token: SIM_ADMIN_TOKEN });
  const both = await listProjectIssues(client, "acme/web", { labels: ["bug", "frontend"] }).toArray();
  assert.deepEqual(both.map((i) => i.title), ["Login button unresponsive on Safari"]);
  assert.equal(new URL(last(sim).url).search, "?labels%5B%5D=bug&labels%5B%5D=frontend");

  const notBug = await listProjectIssues(client, "acme/web", { state: "opened", not: { labels: ["bug"] } })
    .toArray();
  assert.ok(notBug.length > 0);
  assert.ok(notBug.every((i) => !i.labels.includes("bug")));
  assert.equal(new URL(last(sim).url).search, "?state=opened&not%5Blabels%5D%5B%5D=bug");
});

Deno.test("conformance: dates, booleans, null and undefined in the query string", async () => {
  const { sim, client } = setup({ token: SIM_ADMIN_TOKEN });
  await httpGet(client, "/projects", {
    query: {
      last_activity_after: new Date("2024-01-02T03:04:05Z"),
      archived: false,
      search: undefined,
      topic: null,
      variables: [{ key: "A", value: "1" }],
    },
  });
  assert.equal(
    decodeURIComponent(new URL(last(sim).url).search),
    "?last_activity_after=2024-01-02T03:04:05.000Z&archived=false&topic=&variables[][key]=A&variables[][value]=1",
  );
});

Deno.test("conformance: bodies are JSON for plain parameters", async () => {
  const { sim, client } = setup({ token: SIM_ADMIN_TOKEN });
  const branch = await createProjectRepositoryBranch(client, "acme/web", {
    branch: "json-body",
    ref: "main",
  });
  assert.equal(branch.name, "json-body");
  assert.equal(last(sim).headers["content-type"], "application/json");
  assert.equal(new URL(last(sim).url).search, "", "parameters of a POST go to the body, not the query");
});

Deno.test("conformance: bad path parameters and options fail before anything is sent", async () => {
  const { sim, client } = setup();
  assert.throws(() => getProject(client, ""), RangeError);
  assert.throws(() => getProject(client, ".."), RangeError);
  assert.throws(() => getProject(client, 1.5), RangeError);
  assert.throws(() => getProject(client, -1), RangeError);
  // @ts-expect-error: a wrong type on purpose
  assert.throws(() => getProject(client, { id: 1 }), TypeError);
  // @ts-expect-error: a missing argument on purpose
  assert.throws(() => getProjectRepositoryBranch(client, "acme/web"), TypeError);
  assert.throws(() => listProjects(client, { per_page: 1000 }), RangeError);
  await assert.rejects(httpGet(client, "/projects/../admin"), RangeError);
  await assert.rejects(httpGet(client, "https://evil.example/api/v4/projects"), RangeError);
  await assert.rejects(httpGet(client, "/projects", { query: { min_access_level: Number.NaN } }), RangeError);
  assert.equal(sim.requests.length, 0);
});
