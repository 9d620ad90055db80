import assert from "node:assert/strict";
import {
  createProjectRepositoryBranch,
  deleteProjectRepositoryBranch,
  getProjectRepositoryBranch,
  GitLabHTTPError,
  listProjectRepositoryBranches,
} from "@gitlab-edge/client";
import { setup } from "./_setup.ts";

Deno.test("createProjectRepositoryBranch(), getProjectRepositoryBranch() with a slash in the name, deleteProjectRepositoryBranch()", async () => {
  const { sim, admin } = setup();
  const created = await createProjectRepositoryBranch(admin, "acme/web", {
    branch: "feature/x#1",
    ref: "main",
  });
  assert.equal(created.name, "feature/x#1");
  const read = await getProjectRepositoryBranch(admin, "acme/web", "feature/x#1");
  assert.equal(read.commit.id, created.commit.id);
  assert.match(sim.requests.at(-1)!.url, /\/branches\/feature%2Fx%231$/);
  assert.equal(await deleteProjectRepositoryBranch(admin, "acme/web", "feature/x#1"), undefined);
  const gone = await getProjectRepositoryBranch(admin, "acme/web", "feature/x#1").catch((e) => e);
  assert.ok(gone instanceof GitLabHTTPError && gone.status === 404);
});

Deno.test("createProjectRepositoryBranch() of an existing branch is GitLab's 400", async () => {
  const { admin } = setup();
  const err = await createProjectRepositoryBranch(admin, "acme/web", { branch: "main", ref: "main" }).catch((
    e,
  ) => e);
  assert.ok(err instanceof GitLabHTTPError);
  assert.equal(err.status, 400);
  assert.match(err.message, /Branch already exists/);
});

Deno.test("listProjectRepositoryBranches() lists and searches branches", async () => {
  const { admin } = setup();
  await createProjectRepositoryBranch(admin, "acme/web", { branch: "search-me", ref: "main" });
  const all = await listProjectRepositoryBranches(admin, "acme/web").toArray();
  assert.ok(all.some((b) => b.name === "main" && b.default));
  const found = await listProjectRepositoryBranches(admin, "acme/web", { search: "search-me" }).toArray();
  assert.deepEqual(found.map((b) => b.name), ["search-me"]);
});
