/**
 * The simulator's records are the library's response types: its renderers return `Project`, `Issue`,
 * `MergeRequestDetail`… and the `Sim*` names are aliases of those, so the type checker already keeps the two
 * from drifting apart. What it cannot see is a required field the renderer fills with `undefined` or leaves
 * out through a cast or a spread. These tests read real answers and check that they carry every required key
 * of the type the endpoint promises; the key lists are derived from the types (`satisfies
 * Record<RequiredKeys<T>, true>`), so adding a required field to a library type fails type-checking here
 * until the list, and then this test until the simulator, has it.
 */
import assert from "node:assert/strict";
import type {
  BasicProjectDetails,
  Branch,
  CommitBasic,
  Group,
  GroupDetail,
  Issue,
  MergeRequest,
  MergeRequestDetail,
  NamespaceBasic,
  Project,
  ProjectWithAccess,
  User,
  UserBasic,
  UserPublic,
  UserWithAdmin,
} from "@gitlab-edge/client";
import {
  createClient,
  getCurrentUser,
  getGroup,
  getProject,
  getProjectIssue,
  getProjectMergeRequest,
  getProjectRepositoryBranch,
  getUser,
  listGroupProjects,
  listGroups,
  listProjectIssues,
  listProjectMergeRequests,
  listProjectRepositoryBranches,
  listProjects,
  listUsers,
} from "@gitlab-edge/client";
import type {
  SimBranch,
  SimCommit,
  SimGroup,
  SimIssue,
  SimMergeRequest,
  SimNamespace,
  SimProject,
  SimProjectSimple,
  SimUser,
  SimUserBasic,
} from "@gitlab-edge/client/testing";
import { createSimulator, SIM_ADMIN_TOKEN, SIM_SEED, SIM_USER_TOKEN } from "@gitlab-edge/client/testing";

/** The keys of `T` that are not optional. */
type RequiredKeys<T> = { [K in keyof T]-?: Record<never, never> extends Pick<T, K> ? never : K }[keyof T];

/** `true` exactly when `A` and `B` are the same type. */
type Same<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;

// The public `Sim*` names are the library's types, not look-alikes.
const aliases: [
  Same<SimProject, ProjectWithAccess>,
  Same<SimProjectSimple, BasicProjectDetails>,
  Same<SimIssue, Issue>,
  Same<SimMergeRequest, MergeRequestDetail>,
  Same<SimBranch, Branch>,
  Same<SimCommit, CommitBasic>,
  Same<SimGroup, Group>,
  Same<SimUser, User>,
  Same<SimUserBasic, UserBasic>,
  Same<SimNamespace, NamespaceBasic>,
] = [true, true, true, true, true, true, true, true, true, true];

const userBasic = {
  id: true,
  username: true,
  name: true,
  state: true,
  avatar_url: true,
  web_url: true,
} satisfies Record<RequiredKeys<UserBasic>, true>;

const user = {
  ...userBasic,
  bio: true,
  location: true,
  public_email: true,
  website_url: true,
  organization: true,
  job_title: true,
  bot: true,
} satisfies Record<RequiredKeys<User>, true>;

const userPublic = {
  ...user,
  last_sign_in_at: true,
  confirmed_at: true,
  last_activity_on: true,
  email: true,
  theme_id: true,
  color_scheme_id: true,
  projects_limit: true,
  current_sign_in_at: true,
  identities: true,
  can_create_group: true,
  can_create_project: true,
  two_factor_enabled: true,
  external: true,
  private_profile: true,
  commit_email: true,
} satisfies Record<RequiredKeys<UserPublic>, true>;

const userWithAdmin = { ...userPublic, is_admin: true, note: true } satisfies Record<
  RequiredKeys<UserWithAdmin>,
  true
>;

const namespace = {
  id: true,
  name: true,
  path: true,
  kind: true,
  full_path: true,
  parent_id: true,
  avatar_url: true,
  web_url: true,
} satisfies Record<RequiredKeys<NamespaceBasic>, true>;

const basicProject = {
  id: true,
  description: true,
  name: true,
  name_with_namespace: true,
  path: true,
  path_with_namespace: true,
  created_at: true,
  ssh_url_to_repo: true,
  http_url_to_repo: true,
  web_url: true,
  avatar_url: true,
  star_count: true,
  last_activity_at: true,
  namespace: true,
} satisfies Record<RequiredKeys<BasicProjectDetails>, true>;

const project = {
  ...basicProject,
  visibility: true,
  _links: true,
  empty_repo: true,
  archived: true,
  issues_enabled: true,
  merge_requests_enabled: true,
  wiki_enabled: true,
  jobs_enabled: true,
  snippets_enabled: true,
  container_registry_enabled: true,
  issues_access_level: true,
  repository_access_level: true,
  merge_requests_access_level: true,
  shared_runners_enabled: true,
  lfs_enabled: true,
  creator_id: true,
  import_status: true,
  updated_at: true,
  only_allow_merge_if_pipeline_succeeds: true,
  merge_method: true,
} satisfies Record<RequiredKeys<Project>, true>;

// `permissions` is optional in the type (anonymous callers do not get it); a signed-in caller does.
const projectWithAccess = { ...project, permissions: true } satisfies Record<
  RequiredKeys<ProjectWithAccess> | "permissions",
  true
>;

const group = {
  id: true,
  web_url: true,
  name: true,
  path: true,
  description: true,
  visibility: true,
  share_with_group_lock: true,
  require_two_factor_authentication: true,
  two_factor_grace_period: true,
  project_creation_level: true,
  auto_devops_enabled: true,
  subgroup_creation_level: true,
  emails_disabled: true,
  emails_enabled: true,
  mentions_disabled: true,
  lfs_enabled: true,
  default_branch: true,
  default_branch_protection: true,
  avatar_url: true,
  request_access_enabled: true,
  full_name: true,
  full_path: true,
  created_at: true,
  parent_id: true,
  shared_runners_setting: true,
} satisfies Record<RequiredKeys<Group>, true>;

const groupDetail = { ...group, shared_with_groups: true } satisfies Record<RequiredKeys<GroupDetail>, true>;

const issue = {
  id: true,
  iid: true,
  project_id: true,
  title: true,
  description: true,
  state: true,
  created_at: true,
  updated_at: true,
  closed_at: true,
  closed_by: true,
  labels: true,
  milestone: true,
  assignees: true,
  author: true,
  type: true,
  assignee: true,
  user_notes_count: true,
  merge_requests_count: true,
  upvotes: true,
  downvotes: true,
  due_date: true,
  confidential: true,
  discussion_locked: true,
  issue_type: true,
  web_url: true,
  time_stats: true,
  task_completion_status: true,
  has_tasks: true,
  _links: true,
  references: true,
  severity: true,
  moved_to_id: true,
  imported: true,
  imported_from: true,
  service_desk_reply_to: true,
} satisfies Record<RequiredKeys<Issue>, true>;

const mergeRequest = {
  id: true,
  iid: true,
  project_id: true,
  title: true,
  description: true,
  state: true,
  created_at: true,
  updated_at: true,
  merged_by: true,
  merge_user: true,
  merged_at: true,
  closed_by: true,
  closed_at: true,
  target_branch: true,
  source_branch: true,
  user_notes_count: true,
  upvotes: true,
  downvotes: true,
  author: true,
  assignees: true,
  assignee: true,
  reviewers: true,
  source_project_id: true,
  target_project_id: true,
  labels: true,
  draft: true,
  imported: true,
  imported_from: true,
  work_in_progress: true,
  milestone: true,
  merge_when_pipeline_succeeds: true,
  merge_status: true,
  detailed_merge_status: true,
  merge_after: true,
  sha: true,
  merge_commit_sha: true,
  squash_commit_sha: true,
  discussion_locked: true,
  should_remove_source_branch: true,
  force_remove_source_branch: true,
  prepared_at: true,
  reference: true,
  references: true,
  web_url: true,
  time_stats: true,
  squash: true,
  squash_on_merge: true,
  task_completion_status: true,
  has_conflicts: true,
  blocking_discussions_resolved: true,
} satisfies Record<RequiredKeys<MergeRequest>, true>;

const mergeRequestDetail = {
  ...mergeRequest,
  changes_count: true,
  diff_refs: true,
  merge_error: true,
  user: true,
} satisfies Record<RequiredKeys<MergeRequestDetail>, true>;

const commitBasic = {
  id: true,
  short_id: true,
  title: true,
  message: true,
  author_name: true,
  author_email: true,
  authored_date: true,
  committer_name: true,
  committer_email: true,
  committed_date: true,
  created_at: true,
  parent_ids: true,
  trailers: true,
  web_url: true,
} satisfies Record<RequiredKeys<CommitBasic>, true>;

const branch = {
  name: true,
  merged: true,
  protected: true,
  default: true,
  developers_can_push: true,
  developers_can_merge: true,
  can_push: true,
  web_url: true,
  commit: true,
} satisfies Record<RequiredKeys<Branch>, true>;

/** The first item of a list. */
async function first<T>(list: AsyncIterable<T>): Promise<T> {
  for await (const item of list) return item;
  throw new Error("empty list");
}

/** Fails unless `record` has every key of `keys`, none of them `undefined`. */
function assertKeys(type: string, record: unknown, keys: Record<string, true>): void {
  assert.ok(record !== null && typeof record === "object", `${type}: not an object`);
  for (const key of Object.keys(keys)) {
    assert.ok(key in record, `${type} response lacks "${key}"`);
    assert.notEqual((record as Record<string, unknown>)[key], undefined, `${type}.${key} is undefined`);
  }
}

/** Fails unless `record` has no key beyond `keys` (for answers GitLab keeps small). */
function assertOnlyKeys(type: string, record: object, keys: Record<string, true>): void {
  assert.deepEqual(Object.keys(record).filter((k) => !(k in keys)), [], `${type} has extra keys`);
}

Deno.test("simulator: the Sim* record names are the library's response types", () => {
  assert.deepEqual(aliases, aliases.map(() => true));
});

Deno.test("simulator: responses carry every required field of the library's types", async () => {
  const sim = createSimulator();
  const fetch = sim.fetch;
  const baseUrl = "https://gitlab.example.com";
  const admin = createClient({ baseUrl, token: SIM_ADMIN_TOKEN, fetch });
  const alice = createClient({ baseUrl, token: SIM_USER_TOKEN, fetch });

  const p = await getProject(alice, "acme/web");
  assertKeys("ProjectWithAccess", p, projectWithAccess);
  assertKeys("NamespaceBasic", p.namespace, namespace);
  const listed = await first(listProjects(alice, { per_page: 1 }));
  assertKeys("ProjectWithAccess (list item)", listed, projectWithAccess);
  const simple = await first(listProjects(alice, { simple: true, per_page: 1 }));
  assertKeys("BasicProjectDetails (simple list item)", simple, basicProject);
  const groupProject = await first(listGroupProjects(alice, "acme", { per_page: 1 }));
  assertKeys("Project (group project)", groupProject, project);
  assert.equal("permissions" in groupProject, false, "group projects are GitLab's Project entity");

  const i = await getProjectIssue(alice, "acme/web", 1);
  assertKeys("Issue", i, issue);
  assertKeys("UserBasic (issue author)", i.author, userBasic);
  const listedIssue = await first(listProjectIssues(alice, "acme/web", { per_page: 1 }));
  assertKeys("Issue (list item)", listedIssue, issue);

  const mr = await getProjectMergeRequest(alice, "acme/web", 1);
  assertKeys("MergeRequestDetail", mr, mergeRequestDetail);
  assertKeys("MergeRequestDetail.diff_refs", mr.diff_refs, {
    base_sha: true,
    head_sha: true,
    start_sha: true,
  });
  const listedMr = await first(listProjectMergeRequests(alice, "acme/web", { per_page: 1 }));
  assertKeys("MergeRequest (list item)", listedMr, mergeRequest);
  assert.equal("diff_refs" in listedMr, false, "lists send GitLab's MergeRequestBasic");

  const b = await getProjectRepositoryBranch(alice, "acme/web", "main");
  assertKeys("Branch", b, branch);
  assertKeys("CommitBasic (branch head)", b.commit, commitBasic);
  const listedBranch = await first(listProjectRepositoryBranches(alice, "acme/web"));
  assertKeys("Branch (list item)", listedBranch, branch);
  assertKeys("CommitBasic (list item head)", listedBranch.commit, commitBasic);

  assertKeys("GroupDetail", await getGroup(alice, "acme"), groupDetail);
  const listedGroup = await first(listGroups(alice));
  assertKeys("Group (list item)", listedGroup, group);

  assertKeys("User", await getUser(alice, SIM_SEED.users.bob.id), user);
  assertKeys("UserPublic (current user)", await getCurrentUser(alice), userPublic);
  assertKeys("UserWithAdmin (current user)", await getCurrentUser(admin), userWithAdmin);
  const basicListed = await first(listUsers(alice, { username: "bob" }));
  assertKeys("UserBasic (users list, signed-in user)", basicListed, userBasic);
  assertOnlyKeys("UserBasic (users list, signed-in user)", basicListed, {
    ...userBasic,
    locked: true,
  });
  const adminListed = await first(listUsers(admin, { username: "bob" }));
  assertKeys("UserWithAdmin (users list, administrator)", adminListed, userWithAdmin);
});

Deno.test("simulator: builders return the library's types with every required field", () => {
  const sim = createSimulator();
  assertKeys("User (addUser)", sim.addUser({ username: "carol" }), user);
  assertKeys("Group (addGroup)", sim.addGroup({ path: "ops" }), group);
  assertKeys("ProjectWithAccess (addProject)", sim.addProject({ path: "tools", namespace: "ops" }), project);
  assertKeys("Issue (addIssue)", sim.addIssue("ops/tools", { title: "Broken" }), issue);
  const mr = sim.addMergeRequest("ops/tools", { title: "Fix", source_branch: "fix" });
  assertKeys("MergeRequestDetail (addMergeRequest)", mr, mergeRequestDetail);
  assert.equal(mr.diff_refs?.head_sha, mr.sha);
});
