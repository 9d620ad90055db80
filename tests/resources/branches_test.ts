import assert from "node:assert/strict";
import { createBranch, deleteBranch, getBranch, GitLabHTTPError, listBranches } from "gitlab-edge";
import { setup } from "./_setup.ts";

Deno.test("createBranch(), getBranch() with a slash in the name, deleteBranch()", async () => {
  const { sim, admin } = setup();
  const created = await createBranch(admin, "acme/web", { branch: "feature/x#1", ref: "main" });
  assert.equal(created.name, "feature/x#1");
  const read = await getBranch(admin, "acme/web", "feature/x#1");
  assert.equal(read.commit.id, created.commit.id);
  assert.match(sim.requests.at(-1)!.url, /\/branches\/feature%2Fx%231$/);
  assert.equal(await deleteBranch(admin, "acme/web", "feature/x#1"), undefined);
  const gone = await getBranch(admin, "acme/web", "feature/x#1").catch((e) => e);
  assert.ok(gone instanceof GitLabHTTPError && gone.status === 404);
});

Deno.test("createBranch() of an existing branch is GitLab's 400", async () => {
  const { admin } = setup();
  const err = await createBranch(admin, "acme/web", { branch: "main", ref: "main" }).catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError);
  assert.equal(err.status, 400);
  assert.match(err.message, /Branch already exists/);
});

Deno.test("listBranches() lists and searches branches", async () => {
  const { admin } = setup();
  await createBranch(admin, "acme/web", { branch: "search-me", ref: "main" });
  const all = await listBranches(admin, "acme/web").toArray();
  assert.ok(all.some((b) => b.name === "main" && b.default));
  const found = await listBranches(admin, "acme/web", { search: "search-me" }).toArray();
  assert.deepEqual(found.map((b) => b.name), ["search-me"]);
});
