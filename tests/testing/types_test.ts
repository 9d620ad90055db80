/**
 * The simulator's records and the library's response types describe the same GitLab objects. These checks
 * make the type checker prove that every record the simulator returns fits the type the matching resource
 * function promises, so the two cannot drift apart; the runtime test checks real responses against the keys.
 */
import assert from "node:assert/strict";
import type { Branch, Group, Issue, MergeRequestDetail, Project, User } from "gitlab-edge";
import {
  createClient,
  getCurrentUser,
  getGroup,
  getProject,
  getProjectIssue,
  getProjectMergeRequest,
  getProjectRepositoryBranch,
  getUser,
} from "gitlab-edge";
import type {
  SimBranch,
  SimGroup,
  SimIssue,
  SimMergeRequest,
  SimProject,
  SimUser,
} from "gitlab-edge/testing";
import { createSimulator, SIM_ADMIN_TOKEN } from "gitlab-edge/testing";

/** Compiles only when `A` is assignable to `B`. */
type Fits<A, B> = [A] extends [B] ? true : false;
const proofs: [
  Fits<SimProject, Project>,
  Fits<SimIssue, Issue>,
  Fits<SimMergeRequest, MergeRequestDetail>,
  Fits<SimBranch, Branch>,
  Fits<SimGroup, Group>,
  Fits<SimUser, User>,
] = [true, true, true, true, true, true];

Deno.test("simulator: its record types fit the library's response types", () => {
  assert.deepEqual(proofs, [true, true, true, true, true, true]);
});

Deno.test("simulator: responses carry every required field of the library's types", async () => {
  const sim = createSimulator();
  const client = createClient({
    baseUrl: "https://gitlab.example.com",
    token: SIM_ADMIN_TOKEN,
    fetch: sim.fetch,
  });
  const required: [string, Promise<object>, string[]][] = [
    ["Project", getProject(client, "acme/web"), [
      "id",
      "name",
      "path_with_namespace",
      "namespace",
      "visibility",
      "web_url",
    ]],
    ["Issue", getProjectIssue(client, "acme/web", 1), [
      "id",
      "iid",
      "project_id",
      "title",
      "state",
      "author",
      "labels",
    ]],
    ["MergeRequest", getProjectMergeRequest(client, "acme/web", 1), [
      "id",
      "iid",
      "source_branch",
      "target_branch",
      "author",
      "sha",
    ]],
    ["Branch", getProjectRepositoryBranch(client, "acme/web", "main"), [
      "name",
      "merged",
      "protected",
      "default",
      "commit",
      "web_url",
    ]],
    ["Group", getGroup(client, "acme"), ["id", "name", "path", "full_path", "visibility", "parent_id"]],
    ["User", getUser(client, 2), ["id", "username", "name", "state", "web_url", "avatar_url"]],
    ["CurrentUser", getCurrentUser(client), ["id", "username", "name", "state"]],
  ];
  for (const [type, pending, keys] of required) {
    const record = await pending;
    for (const key of keys) assert.ok(key in record, `${type} response lacks "${key}"`);
  }
});
