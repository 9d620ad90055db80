import assert from "node:assert/strict";
import {
  createProjectIssue,
  editProjectIssue,
  getProjectIssue,
  GitLabHTTPError,
  listProjectIssues,
} from "@gitlab-edge/client";
import { SIM_SEED } from "@gitlab-edge/client/testing";
import { setup } from "./_setup.ts";

Deno.test("listProjectIssues() lists open issues and count() reads X-Total with HEAD", async () => {
  const { sim, alice } = setup();
  const open = await listProjectIssues(alice, "acme/web", { state: "opened" }).toArray();
  assert.equal(open.length, SIM_SEED.projects.web.openIssues);
  assert.ok(open.every((i) => i.state === "opened"));
  const total = await listProjectIssues(alice, "acme/web", { state: "opened" }).count();
  assert.deepEqual(total, { total: SIM_SEED.projects.web.openIssues, exact: true, atLeast: total.total });
  assert.equal(sim.requests.at(-1)!.method, "HEAD");
});

Deno.test("listProjectIssues() sends labels as labels[] and not[labels][]", async () => {
  const { sim, admin } = setup();
  await createProjectIssue(admin, "acme/web", { title: "A", labels: ["x-label", "y-label"] });
  await createProjectIssue(admin, "acme/web", { title: "B", labels: ["x-label"] });
  const both = await listProjectIssues(admin, "acme/web", {
    labels: ["x-label"],
    not: { labels: ["y-label"] },
  })
    .toArray();
  assert.deepEqual(both.map((i) => i.title), ["B"]);
  const q = new URL(sim.requests.at(-1)!.url).searchParams;
  assert.deepEqual(q.getAll("labels[]"), ["x-label"]);
  assert.deepEqual(q.getAll("not[labels][]"), ["y-label"]);
});

Deno.test("createProjectIssue() numbers issues per project (iid) and getProjectIssue() reads by iid", async () => {
  const { alice } = setup();
  const created = await createProjectIssue(alice, "acme/web", {
    title: "Broken link",
    description: "On /about",
  });
  assert.equal(created.title, "Broken link");
  assert.ok(created.iid > 0 && created.id !== undefined);
  const read = await getProjectIssue(alice, "acme/web", created.iid);
  assert.equal(read.id, created.id);
  assert.equal(read.description, "On /about");
});

Deno.test("createProjectIssue() without a title is GitLab's 400 {error}", async () => {
  const { alice } = setup();
  // @ts-expect-error: title is required by the types too
  const err = await createProjectIssue(alice, "acme/web", { description: "x" }).catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError);
  assert.equal(err.status, 400);
  assert.match(err.message, /title is missing/);
});

Deno.test("editProjectIssue() closes and relabels an issue", async () => {
  const { admin } = setup();
  const issue = await createProjectIssue(admin, "acme/web", { title: "To close", labels: ["a"] });
  const edited = await editProjectIssue(admin, "acme/web", issue.iid, {
    state_event: "close",
    add_labels: ["b"],
  });
  assert.equal(edited.state, "closed");
  assert.deepEqual([...edited.labels].sort(), ["a", "b"]);
});

Deno.test("getProjectIssue() of an unknown iid is a 404", async () => {
  const { alice } = setup();
  const err = await getProjectIssue(alice, "acme/web", 99999).catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError && err.status === 404);
});
