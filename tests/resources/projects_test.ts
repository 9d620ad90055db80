import assert from "node:assert/strict";
import {
  createProject,
  createProjectUpload,
  deleteProject,
  editProject,
  forkProject,
  getProject,
  GitLabHTTPError,
  listGroupProjects,
  listProjects,
  listUserProjects,
} from "@gitlab-edge/client";
import { SIM_SEED } from "@gitlab-edge/client/testing";
import { setup } from "./_setup.ts";

Deno.test("getProject() reads a project by numeric id and by namespace/path", async () => {
  const { alice } = setup();
  const byId = await getProject(alice, SIM_SEED.projects.web.id);
  const byPath = await getProject(alice, "acme/web");
  assert.equal(byId.id, byPath.id);
  assert.equal(byPath.path_with_namespace, "acme/web");
  assert.equal(byPath.visibility, "public");
  assert.equal(byPath.namespace.full_path, "acme");
});

Deno.test("getProject() sends the id path-encoded and a 404 becomes GitLabHTTPError", async () => {
  const { sim, alice } = setup();
  const err = await getProject(alice, "acme/nope").catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError);
  assert.equal(err.status, 404);
  assert.equal(err.method, "GET");
  assert.deepEqual(err.body, { message: "404 Project Not Found" });
  assert.match(sim.requests.at(-1)!.url, /\/api\/v4\/projects\/acme%2Fnope$/);
});

Deno.test("getProject() hides private projects from anonymous callers", async () => {
  const { anonymous } = setup();
  const err = await getProject(anonymous, SIM_SEED.projects.infra.path).catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError && err.status === 404);
});

Deno.test("listProjects() lists public projects anonymously and more with a token", async () => {
  const { anonymous, alice } = setup();
  const open = await listProjects(anonymous).toArray();
  assert.ok(open.length > 0);
  assert.ok(open.every((p) => p.visibility === "public"));
  const mine = await listProjects(alice, { membership: true }).toArray();
  assert.ok(mine.some((p) => p.visibility !== "public"));
});

Deno.test("listProjects() follows Link headers across pages and keeps the filters", async () => {
  const { sim, admin } = setup();
  sim.addProjects(45, { namespace: "acme", prefix: "bulk" });
  const found = await listProjects(admin, { search: "bulk", per_page: 10 }).toArray();
  assert.equal(found.length, 45);
  const urls = sim.requests.map((r) => new URL(r.url));
  assert.equal(urls.length, 6); // five keyset pages with items, then the empty page that ends the list
  for (const u of urls) assert.equal(u.searchParams.get("search"), "bulk");
});

Deno.test("createProject() creates a project and a taken path is a 400 with field errors", async () => {
  const { alice } = setup();
  const created = await createProject(alice, {
    name: "Launch Plan",
    path: "launch-plan",
    visibility: "private",
  });
  assert.equal(created.path, "launch-plan");
  assert.equal(created.visibility, "private");
  const err = await createProject(alice, { name: "Launch Plan", path: "launch-plan" }).catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError);
  assert.equal(err.status, 400);
  assert.match(err.message, /path has already been taken/);
});

Deno.test("createProject() without name or path is GitLab's {error} 400", async () => {
  const { alice } = setup();
  const err = await createProject(alice, { description: "nameless" }).catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError);
  assert.equal(err.status, 400);
  assert.match(err.message, /name, path are missing/);
});

Deno.test("createProject() needs authentication: 401 with GitLab's body", async () => {
  const { anonymous } = setup();
  const err = await createProject(anonymous, { name: "x" }).catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError);
  assert.equal(err.status, 401);
  assert.deepEqual(err.body, { message: "401 Unauthorized" });
});

Deno.test("editProject() changes settings sent as a JSON body", async () => {
  const { sim, admin } = setup();
  const edited = await editProject(admin, "acme/web", { description: "New words", topics: ["web", "docs"] });
  assert.equal(edited.description, "New words");
  const sent = sim.requests.at(-1)!;
  assert.equal(sent.method, "PUT");
  assert.equal(sent.headers["content-type"], "application/json");
});

Deno.test("deleteProject() answers 202 and the project is gone", async () => {
  const { admin } = setup();
  const answer = await deleteProject(admin, "acme/handbook");
  assert.deepEqual(answer, { message: "202 Accepted" });
  const err = await getProject(admin, "acme/handbook").catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError && err.status === 404);
});

Deno.test("forkProject() forks into the caller's namespace", async () => {
  const { alice } = setup();
  const fork = await forkProject(alice, "acme/web", { path: "web-fork", name: "web-fork" });
  assert.equal(fork.path_with_namespace, "alice/web-fork");
  assert.equal(fork.forked_from_project?.id, SIM_SEED.projects.web.id);
});

Deno.test("listUserProjects() accepts a username and lists that user's projects", async () => {
  const { alice } = setup();
  const projects = await listUserProjects(alice, "alice").toArray();
  assert.ok(projects.some((p) => p.path_with_namespace === "alice/dotfiles"));
  assert.ok(projects.every((p) => p.namespace.full_path === "alice"));
});

Deno.test("listGroupProjects() includes subgroups only when asked", async () => {
  const { admin } = setup();
  const direct = await listGroupProjects(admin, "acme").toArray();
  const all = await listGroupProjects(admin, "acme", { include_subgroups: true }).toArray();
  assert.ok(direct.every((p) => p.namespace.full_path === "acme"));
  assert.ok(all.some((p) => p.namespace.full_path === "acme/platform"));
  assert.ok(all.length > direct.length);
});

Deno.test("createProjectUpload() sends multipart FormData with the file", async () => {
  const { sim, admin } = setup();
  const file = new File(["# notes\n"], "notes.md", { type: "text/markdown" });
  const upload = await createProjectUpload(admin, "acme/web", { file });
  assert.match(upload.markdown, /notes\.md/);
  assert.match(sim.requests.at(-1)!.headers["content-type"], /^multipart\/form-data; boundary=/);
});
