import assert from "node:assert/strict";
import { getProjectMergeRequest, GitLabHTTPError, listProjectMergeRequests } from "@gitlab-edge/client";
import { SIM_SEED } from "@gitlab-edge/client/testing";
import { setup } from "./_setup.ts";

Deno.test("listProjectMergeRequests() filters by state", async () => {
  const { alice } = setup();
  const open = await listProjectMergeRequests(alice, "acme/web", { state: "opened" }).toArray();
  assert.equal(open.length, SIM_SEED.projects.web.openMergeRequests);
  assert.ok(open.every((mr) => mr.state === "opened"));
  const all = await listProjectMergeRequests(alice, "acme/web", { state: "all" }).toArray();
  assert.ok(all.length >= open.length);
});

Deno.test("getProjectMergeRequest() reads a merge request by iid", async () => {
  const { alice } = setup();
  const [first] = await listProjectMergeRequests(alice, "acme/web", { maxItems: 1 }).toArray();
  const mr = await getProjectMergeRequest(alice, "acme/web", first.iid);
  assert.equal(mr.id, first.id);
  assert.equal(mr.source_branch, first.source_branch);
});

Deno.test("getProjectMergeRequest() of an unknown iid is a 404", async () => {
  const { alice } = setup();
  const err = await getProjectMergeRequest(alice, "acme/web", 4242).catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError && err.status === 404);
});
