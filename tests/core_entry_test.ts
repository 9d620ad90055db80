// The `./core` entry with one resource group: the same client as the root's, however a program mixes the
// entry points (on Node and Bun this runs against the npm build, whose entries share one core).
import assert from "node:assert/strict";
import * as root from "@gitlab-edge/client";
import * as core from "@gitlab-edge/client/core";
import { getProject, listProjects } from "@gitlab-edge/client/projects";
import { createSimulator, SIM_USER_TOKEN } from "@gitlab-edge/client/testing";

const PRIVATE = "acme/platform/infra";

Deno.test("core entry: everything it exports, the root exports as the same value", () => {
  const names = Object.keys(core);
  assert.ok(names.includes("createClient") && names.includes("send") && names.includes("GitLabHTTPError"));
  for (const name of names) {
    assert.equal((root as Record<string, unknown>)[name], (core as Record<string, unknown>)[name], name);
  }
  assert.equal(Object.keys(core).some((name) => name === "getProject"), false);
});

Deno.test("core entry: no internal function is exported, from it or from the root", () => {
  // presetHeaders() reads a client's credential headers; the others work on its private state.
  for (
    const name of [
      "presetHeaders",
      "exchange",
      "checkCredentialHeaders",
      "prepare",
      "readJson",
      "queryEndpoint",
    ]
  ) {
    assert.equal(name in core, false, name);
    assert.equal(name in root, false, name);
  }
});

Deno.test("core entry: a client from ./core sends its token through a group's function", async () => {
  const sim = createSimulator();
  const client = core.createClient({
    baseUrl: "https://gitlab.example.com",
    token: SIM_USER_TOKEN,
    fetch: sim.fetch,
  });
  assert.equal((await getProject(client, PRIVATE)).path_with_namespace, PRIVATE);
  const anonymous = core.createClient({ baseUrl: "https://gitlab.example.com", fetch: sim.fetch });
  await assert.rejects(
    getProject(anonymous, PRIVATE),
    (e) => e instanceof root.GitLabHTTPError && e.status === 404,
  );
});

Deno.test("core entry: a client from the root works with ./projects, and the other way round", async () => {
  const sim = createSimulator();
  const options = { baseUrl: "https://gitlab.example.com", token: SIM_USER_TOKEN, fetch: sim.fetch };
  const fromRoot = root.createClient(options);
  const fromCore = core.createClient(options);
  assert.equal((await getProject(fromRoot, PRIVATE)).path_with_namespace, PRIVATE);
  assert.equal((await root.getProject(fromCore, PRIVATE)).path_with_namespace, PRIVATE);
  const viaGroup: string[] = [];
  for await (const p of listProjects(fromRoot, { maxItems: 50 })) viaGroup.push(p.path_with_namespace);
  const viaRoot: string[] = [];
  for await (const p of root.listProjects(fromCore, { maxItems: 50 })) viaRoot.push(p.path_with_namespace);
  assert.ok(viaGroup.includes(PRIVATE));
  assert.deepEqual(viaRoot, viaGroup);
});
