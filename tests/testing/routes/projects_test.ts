import assert from "node:assert/strict";
import {
  createProject,
  deleteProject,
  editProject,
  forkProject,
  getProject,
  listProjects,
  listUserProjects,
} from "@gitlab-edge/client";
import { simTest } from "./_both.ts";
import { failure } from "./_errors.ts";

simTest(
  "projects: lists filter by membership, visibility, search and order",
  async ({ alice, anonymous }) => {
    const member = await listProjects(alice, { membership: true, order_by: "id", sort: "asc" }).toArray();
    assert.ok(
      member.some((p) => p.path_with_namespace === "acme/platform/infra"),
      "alice owns acme: its private projects too",
    );
    const open = await listProjects(anonymous, { order_by: "id", sort: "asc" }).toArray();
    assert.ok(open.length > 0 && open.every((p) => p.visibility === "public"));
    const found = await listProjects(alice, { search: "web" }).toArray();
    assert.ok(found.some((p) => p.path_with_namespace === "acme/web"));
    const internal = await listProjects(alice, { visibility: "internal" }).toArray();
    assert.ok(internal.every((p) => p.visibility === "internal") && internal.length > 0);
    const hers = await listUserProjects(alice, "alice").toArray();
    assert.deepEqual(hers.map((p) => p.path_with_namespace), ["alice/dotfiles"]);
  },
);

simTest(
  "projects: create, edit, fork and delete with GitLab's answers",
  async ({ alice, bob, anonymous, baseUrl }) => {
    const made = await createProject(alice, {
      name: "Widgets",
      namespace_id: (await getProject(alice, "acme/web")).namespace.id,
    });
    assert.equal(made.path_with_namespace, "acme/widgets");
    assert.equal(made.web_url, `${new URL(baseUrl).origin}/acme/widgets`);
    assert.equal(made.visibility, "private");
    const taken = await failure(createProject(alice, { name: "Widgets", namespace_id: made.namespace.id }));
    assert.equal(taken.status, 400);
    assert.equal((await failure(createProject(anonymous, { name: "x" }))).status, 401);

    const edited = await editProject(alice, made.id, { description: "Small parts", visibility: "public" });
    assert.deepEqual([edited.description, edited.visibility], ["Small parts", "public"]);
    assert.equal((await failure(editProject(bob, made.id, { description: "mine" }))).status, 403);

    const fork = await forkProject(bob, made.id);
    assert.equal(fork.path_with_namespace, "bob/widgets");
    assert.equal(fork.forked_from_project?.id, made.id);

    assert.equal((await failure(deleteProject(bob, made.id))).status, 403, "only owners delete");
    assert.deepEqual(await deleteProject(alice, made.id), { message: "202 Accepted" });
    assert.equal((await failure(getProject(alice, made.id))).status, 404);
  },
);
