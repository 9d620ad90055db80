/**
 * Public types of the in-memory GitLab simulator.
 *
 * @module
 */

import type { AccessLevel } from "../types/common.ts";

/**
 * Visibility level of a project or group.
 *
 * @example
 * ```ts
 * import type { SimVisibility } from "gitlab-edge/testing";
 * const v: SimVisibility = "private";
 * ```
 */
export type SimVisibility = "public" | "internal" | "private";

/**
 * Kind of an access token known to the simulator.
 *
 * @example
 * ```ts
 * import type { SimTokenKind } from "gitlab-edge/testing";
 * const k: SimTokenKind = "oauth"; // sent as `Authorization: Bearer <token>`
 * ```
 */
export type SimTokenKind = "personal" | "project" | "group" | "oauth" | "job";

/**
 * A user as GitLab returns it in `author`, `assignees`, `owner` fields.
 *
 * @example
 * ```ts
 * import type { SimUserBasic } from "gitlab-edge/testing";
 * const u: SimUserBasic = {
 *   id: 1, username: "root", name: "Administrator", state: "active", locked: false,
 *   avatar_url: null, web_url: "https://gitlab.example.com/root",
 * };
 * ```
 */
export interface SimUserBasic {
  /** User id. */
  id: number;
  /** Login name. */
  username: string;
  /** Display name. */
  name: string;
  /** `active` or `blocked`. */
  state: "active" | "blocked";
  /** Whether the account is locked. */
  locked: boolean;
  /** Avatar URL (always null in the simulator). */
  avatar_url: string | null;
  /** Profile URL. */
  web_url: string;
}

/**
 * A user as returned by `GET /users/:id` (and `GET /user`, which adds private fields).
 *
 * @example
 * ```ts
 * import { createSimulator, type SimUser } from "gitlab-edge/testing";
 * const sim = createSimulator({ seed: false });
 * const u: SimUser = sim.addUser({ username: "carol" });
 * ```
 */
export interface SimUser extends SimUserBasic {
  /** ISO creation time. */
  created_at: string;
  /** Profile bio. */
  bio: string;
  /** Location. */
  location: string;
  /** Public email (empty when unset). */
  public_email: string | null;
  /** Website. */
  website_url: string;
  /** Organization. */
  organization: string;
  /** Job title. */
  job_title: string;
  /** Whether this is a bot user. */
  bot: boolean;
  /** Only present for admins or the user itself. */
  is_admin?: boolean;
  /** Only present for admins or the user itself. */
  email?: string;
}

/**
 * The namespace object embedded in projects.
 *
 * @example
 * ```ts
 * import type { SimNamespace } from "gitlab-edge/testing";
 * const ns: SimNamespace = {
 *   id: 2, name: "Acme", path: "acme", kind: "group", full_path: "acme", parent_id: null,
 *   avatar_url: null, web_url: "https://gitlab.example.com/groups/acme",
 * };
 * ```
 */
export interface SimNamespace {
  /** Namespace id (equals the group id for groups). */
  id: number;
  /** Display name. */
  name: string;
  /** Path segment. */
  path: string;
  /** `group` or `user`. */
  kind: "group" | "user";
  /** Full path, e.g. `acme/platform`. */
  full_path: string;
  /** Parent group id. */
  parent_id: number | null;
  /** Avatar URL. */
  avatar_url: string | null;
  /** Web URL. */
  web_url: string;
}

/**
 * A group as returned by `GET /groups/:id`.
 *
 * @example
 * ```ts
 * import { createSimulator, type SimGroup } from "gitlab-edge/testing";
 * const sim = createSimulator({ seed: false });
 * const g: SimGroup = sim.addGroup({ path: "ops", visibility: "public" });
 * ```
 */
export interface SimGroup {
  /** Group id. */
  id: number;
  /** Web URL. */
  web_url: string;
  /** Display name. */
  name: string;
  /** Path segment. */
  path: string;
  /** Description. */
  description: string;
  /** Visibility. */
  visibility: SimVisibility;
  /** Whether sharing with other groups is locked. */
  share_with_group_lock: boolean;
  /** Whether 2FA is required. */
  require_two_factor_authentication: boolean;
  /** 2FA grace period (hours). */
  two_factor_grace_period: number;
  /** Who may create projects. */
  project_creation_level: string;
  /** Auto DevOps setting. */
  auto_devops_enabled: boolean | null;
  /** Who may create subgroups. */
  subgroup_creation_level: string;
  /** Emails disabled. */
  emails_disabled: boolean;
  /** Emails enabled. */
  emails_enabled: boolean;
  /** Mentions disabled. */
  mentions_disabled: boolean | null;
  /** LFS enabled. */
  lfs_enabled: boolean;
  /** Default branch for new projects. */
  default_branch: string | null;
  /** Default branch protection level. */
  default_branch_protection: number;
  /** Avatar URL. */
  avatar_url: string | null;
  /** Access requests enabled. */
  request_access_enabled: boolean;
  /** Full display name, e.g. `Acme / Platform`. */
  full_name: string;
  /** Full path, e.g. `acme/platform`. */
  full_path: string;
  /** ISO creation time. */
  created_at: string;
  /** Parent group id. */
  parent_id: number | null;
  /** Organization id. */
  organization_id: number;
  /** Shared runners setting. */
  shared_runners_setting: string;
  /** LDAP CN. */
  ldap_cn: string | null;
  /** LDAP access. */
  ldap_access: number | null;
  /** Wiki access level. */
  wiki_access_level: string;
  /** Scheduled deletion date. */
  marked_for_deletion_on: string | null;
  /** Whether the group is archived. */
  archived: boolean;
}

/**
 * Project links (`_links`).
 *
 * @example
 * ```ts
 * import type { SimProjectLinks } from "gitlab-edge/testing";
 * const base = "https://gitlab.example.com/api/v4/projects/1";
 * const l: SimProjectLinks = {
 *   self: base, issues: `${base}/issues`, merge_requests: `${base}/merge_requests`,
 *   repo_branches: `${base}/repository/branches`, labels: `${base}/labels`, events: `${base}/events`,
 *   members: `${base}/members`, cluster_agents: `${base}/cluster_agents`,
 * };
 * ```
 */
export interface SimProjectLinks {
  /** API URL of the project. */
  self: string;
  /** Issues API URL. */
  issues: string;
  /** Merge requests API URL. */
  merge_requests: string;
  /** Branches API URL. */
  repo_branches: string;
  /** Labels API URL. */
  labels: string;
  /** Events API URL. */
  events: string;
  /** Members API URL. */
  members: string;
  /** Cluster agents API URL. */
  cluster_agents: string;
}

/**
 * A project as returned by `GET /projects/:id`.
 *
 * @example
 * ```ts
 * import { createSimulator, type SimProject } from "gitlab-edge/testing";
 * const sim = createSimulator();
 * const p: SimProject = sim.addProject({ path: "tools", namespace: "acme", visibility: "public" });
 * console.log(p.path_with_namespace); // "acme/tools"
 * ```
 */
export interface SimProject {
  /** Project id. */
  id: number;
  /** Description. */
  description: string | null;
  /** Display name. */
  name: string;
  /** `Namespace / Name`. */
  name_with_namespace: string;
  /** Path segment. */
  path: string;
  /** `namespace/path`. */
  path_with_namespace: string;
  /** ISO creation time. */
  created_at: string;
  /** Default branch. */
  default_branch: string;
  /** Deprecated alias of topics. */
  tag_list: string[];
  /** Topics. */
  topics: string[];
  /** SSH clone URL. */
  ssh_url_to_repo: string;
  /** HTTP clone URL. */
  http_url_to_repo: string;
  /** Web URL. */
  web_url: string;
  /** README URL. */
  readme_url: string | null;
  /** Number of forks. */
  forks_count: number;
  /** Avatar URL. */
  avatar_url: string | null;
  /** Stars. */
  star_count: number;
  /** ISO time of last activity. */
  last_activity_at: string;
  /** Namespace. */
  namespace: SimNamespace;
  /** Container registry prefix. */
  container_registry_image_prefix: string;
  /** API links. */
  _links: SimProjectLinks;
  /** Whether the repository has no files. */
  empty_repo: boolean;
  /** Archived flag. */
  archived: boolean;
  /** Visibility. */
  visibility: SimVisibility;
  /** Owner (personal projects only). */
  owner?: SimUserBasic;
  /** Issues feature. */
  issues_enabled: boolean;
  /** Merge requests feature. */
  merge_requests_enabled: boolean;
  /** Wiki feature. */
  wiki_enabled: boolean;
  /** CI jobs feature. */
  jobs_enabled: boolean;
  /** Snippets feature. */
  snippets_enabled: boolean;
  /** Container registry feature. */
  container_registry_enabled: boolean;
  /** Issues access level. */
  issues_access_level: string;
  /** Repository access level. */
  repository_access_level: string;
  /** Merge requests access level. */
  merge_requests_access_level: string;
  /** Creator user id. */
  creator_id: number;
  /** Source project of a fork. */
  forked_from_project?: SimProjectSimple;
  /** Open issues. */
  open_issues_count: number;
  /** ISO update time. */
  updated_at: string;
  /** Import status. */
  import_status: string;
  /** Shared runners. */
  shared_runners_enabled: boolean;
  /** LFS. */
  lfs_enabled: boolean;
  /** Merge method. */
  merge_method: string;
  /** Requires pipelines to succeed before merge. */
  only_allow_merge_if_pipeline_succeeds: boolean;
  /** Access of the current user (only for authenticated requests). */
  permissions?: {
    /** Direct project access. */
    project_access: { access_level: AccessLevel; notification_level: number } | null;
    /** Access through the group. */
    group_access: { access_level: AccessLevel; notification_level: number } | null;
  };
}

/**
 * The `simple=true` project representation.
 *
 * @example
 * ```ts
 * import type { SimProjectSimple } from "gitlab-edge/testing";
 * type Name = SimProjectSimple["path_with_namespace"];
 * ```
 */
export type SimProjectSimple = Pick<
  SimProject,
  | "id"
  | "description"
  | "name"
  | "name_with_namespace"
  | "path"
  | "path_with_namespace"
  | "created_at"
  | "default_branch"
  | "tag_list"
  | "topics"
  | "ssh_url_to_repo"
  | "http_url_to_repo"
  | "web_url"
  | "readme_url"
  | "forks_count"
  | "avatar_url"
  | "star_count"
  | "last_activity_at"
  | "namespace"
>;

/**
 * Time tracking stats of issues and merge requests.
 *
 * @example
 * ```ts
 * import type { SimTimeStats } from "gitlab-edge/testing";
 * const t: SimTimeStats = { time_estimate: 0, total_time_spent: 0, human_time_estimate: null, human_total_time_spent: null };
 * ```
 */
export interface SimTimeStats {
  /** Estimate in seconds. */
  time_estimate: number;
  /** Spent in seconds. */
  total_time_spent: number;
  /** Human estimate. */
  human_time_estimate: string | null;
  /** Human spent. */
  human_total_time_spent: string | null;
}

/**
 * References of an issue or merge request.
 *
 * @example
 * ```ts
 * import type { SimReferences } from "gitlab-edge/testing";
 * const r: SimReferences = { short: "#1", relative: "#1", full: "acme/web#1" };
 * ```
 */
export interface SimReferences {
  /** Short reference. */
  short: string;
  /** Relative reference. */
  relative: string;
  /** Full reference. */
  full: string;
}

/**
 * An issue as returned by `GET /projects/:id/issues/:issue_iid`.
 *
 * @example
 * ```ts
 * import { createSimulator, type SimIssue } from "gitlab-edge/testing";
 * const sim = createSimulator();
 * const i: SimIssue = sim.addIssue("acme/web", { title: "Broken link", labels: ["bug"] });
 * ```
 */
export interface SimIssue {
  /** Global id. */
  id: number;
  /** Per-project id. */
  iid: number;
  /** Project id. */
  project_id: number;
  /** Title. */
  title: string;
  /** Description. */
  description: string | null;
  /** `opened` or `closed`. */
  state: "opened" | "closed";
  /** ISO creation time. */
  created_at: string;
  /** ISO update time. */
  updated_at: string;
  /** ISO close time. */
  closed_at: string | null;
  /** Who closed it. */
  closed_by: SimUserBasic | null;
  /** Label names. */
  labels: string[];
  /** Milestone (always null). */
  milestone: null;
  /** Assignees. */
  assignees: SimUserBasic[];
  /** Author. */
  author: SimUserBasic;
  /** `ISSUE`. */
  type: string;
  /** First assignee. */
  assignee: SimUserBasic | null;
  /** Comments. */
  user_notes_count: number;
  /** Related MRs. */
  merge_requests_count: number;
  /** Upvotes. */
  upvotes: number;
  /** Downvotes. */
  downvotes: number;
  /** Due date. */
  due_date: string | null;
  /** Confidential flag. */
  confidential: boolean;
  /** Discussion locked. */
  discussion_locked: boolean | null;
  /** `issue`. */
  issue_type: string;
  /** Web URL. */
  web_url: string;
  /** Time stats. */
  time_stats: SimTimeStats;
  /** Task completion. */
  task_completion_status: { count: number; completed_count: number };
  /** Has tasks. */
  has_tasks: boolean;
  /** API links. */
  _links: {
    self: string;
    notes: string;
    award_emoji: string;
    project: string;
    closed_as_duplicate_of: string | null;
  };
  /** References. */
  references: SimReferences;
  /** Severity. */
  severity: string;
  /** Moved to issue id. */
  moved_to_id: number | null;
}

/**
 * A merge request as returned by `GET /projects/:id/merge_requests/:merge_request_iid`.
 *
 * @example
 * ```ts
 * import { createSimulator, type SimMergeRequest } from "gitlab-edge/testing";
 * const sim = createSimulator();
 * const mr: SimMergeRequest = sim.addMergeRequest("acme/web", { title: "Fix", source_branch: "fix" });
 * ```
 */
export interface SimMergeRequest {
  /** Global id. */
  id: number;
  /** Per-project id. */
  iid: number;
  /** Project id. */
  project_id: number;
  /** Title. */
  title: string;
  /** Description. */
  description: string | null;
  /** State. */
  state: "opened" | "closed" | "merged";
  /** ISO creation time. */
  created_at: string;
  /** ISO update time. */
  updated_at: string;
  /** Who merged. */
  merged_by: SimUserBasic | null;
  /** Who merged. */
  merge_user: SimUserBasic | null;
  /** ISO merge time. */
  merged_at: string | null;
  /** Who closed. */
  closed_by: SimUserBasic | null;
  /** ISO close time. */
  closed_at: string | null;
  /** Target branch. */
  target_branch: string;
  /** Source branch. */
  source_branch: string;
  /** Comments. */
  user_notes_count: number;
  /** Upvotes. */
  upvotes: number;
  /** Downvotes. */
  downvotes: number;
  /** Author. */
  author: SimUserBasic;
  /** Assignees. */
  assignees: SimUserBasic[];
  /** First assignee. */
  assignee: SimUserBasic | null;
  /** Reviewers. */
  reviewers: SimUserBasic[];
  /** Source project. */
  source_project_id: number;
  /** Target project. */
  target_project_id: number;
  /** Labels. */
  labels: string[];
  /** Draft flag. */
  draft: boolean;
  /** Deprecated draft flag. */
  work_in_progress: boolean;
  /** Milestone (always null). */
  milestone: null;
  /** Auto-merge. */
  merge_when_pipeline_succeeds: boolean;
  /** Merge status. */
  merge_status: string;
  /** Detailed merge status. */
  detailed_merge_status: string;
  /** Head commit. */
  sha: string;
  /** Merge commit. */
  merge_commit_sha: string | null;
  /** Squash commit. */
  squash_commit_sha: string | null;
  /** Discussion locked. */
  discussion_locked: boolean | null;
  /** Remove source branch. */
  should_remove_source_branch: boolean | null;
  /** Force remove source branch. */
  force_remove_source_branch: boolean;
  /** Short reference. */
  reference: string;
  /** References. */
  references: SimReferences;
  /** Web URL. */
  web_url: string;
  /** Time stats. */
  time_stats: SimTimeStats;
  /** Squash on merge. */
  squash: boolean;
  /** Task completion. */
  task_completion_status: { count: number; completed_count: number };
  /** Conflicts. */
  has_conflicts: boolean;
  /** Blocking discussions resolved. */
  blocking_discussions_resolved: boolean;
}

/**
 * A commit as embedded in branches.
 *
 * @example
 * ```ts
 * import type { SimCommit } from "gitlab-edge/testing";
 * type Sha = SimCommit["id"];
 * ```
 */
export interface SimCommit {
  /** Full SHA. */
  id: string;
  /** Short SHA. */
  short_id: string;
  /** ISO creation time. */
  created_at: string;
  /** Parents. */
  parent_ids: string[];
  /** Title. */
  title: string;
  /** Message. */
  message: string;
  /** Author name. */
  author_name: string;
  /** Author email. */
  author_email: string;
  /** ISO author time. */
  authored_date: string;
  /** Committer name. */
  committer_name: string;
  /** Committer email. */
  committer_email: string;
  /** ISO commit time. */
  committed_date: string;
  /** Trailers. */
  trailers: Record<string, string>;
  /** Web URL. */
  web_url: string;
}

/**
 * A branch as returned by `GET /projects/:id/repository/branches/:branch`.
 *
 * @example
 * ```ts
 * import type { SimBranch } from "gitlab-edge/testing";
 * type IsDefault = SimBranch["default"];
 * ```
 */
export interface SimBranch {
  /** Branch name. */
  name: string;
  /** Merged into default. */
  merged: boolean;
  /** Protected. */
  protected: boolean;
  /** Default branch. */
  default: boolean;
  /** Developers can push. */
  developers_can_push: boolean;
  /** Developers can merge. */
  developers_can_merge: boolean;
  /** Current user can push. */
  can_push: boolean;
  /** Web URL. */
  web_url: string;
  /** Head commit. */
  commit: SimCommit;
}

/**
 * An entry of the simulator's request log.
 *
 * @example
 * ```ts
 * import { createSimulator, type SimRequest } from "gitlab-edge/testing";
 * const sim = createSimulator();
 * await sim.fetch("http://gitlab.test/api/v4/projects");
 * const last: SimRequest = sim.requests[sim.requests.length - 1];
 * ```
 */
export interface SimRequest {
  /** HTTP method (upper case). */
  method: string;
  /** Full request URL. */
  url: string;
  /** Request headers with lower-cased names. */
  headers: Record<string, string>;
}

/**
 * A programmable fault. Matching requests (by method and by the path after `/api/v4`)
 * get the fault instead of (or on top of) the normal answer.
 *
 * @example
 * ```ts
 * import { createSimulator, type Fault } from "gitlab-edge/testing";
 * const sim = createSimulator();
 * const f: Fault = { status: 429, headers: { "Retry-After": "1" }, times: 2 };
 * sim.fault(f);
 * ```
 */
export interface Fault {
  /** HTTP method to match (any when omitted). */
  method?: string;
  /** Path after `/api/v4`: exact string or RegExp (any when omitted). */
  path?: string | RegExp;
  /** Number of matching requests affected (default 1; Infinity allowed). */
  times?: number;
  /** Canned response status. */
  status?: number;
  /** Canned response headers. */
  headers?: Record<string, string>;
  /** Canned response body, sent as-is. */
  body?: string;
  /** Extra delay (ms) before answering. */
  latency?: number;
  /** Never answer until the request's signal aborts. */
  hang?: boolean;
  /** Simulated network failure. */
  drop?: "before-response" | "mid-body";
  /** Delay (ms) between body chunks. */
  slowBody?: number;
}

/**
 * Options of {@link createSimulator}.
 *
 * @example
 * ```ts
 * import { createSimulator, type SimulatorOptions } from "gitlab-edge/testing";
 * const opts: SimulatorOptions = { seed: false, now: () => new Date("2024-01-01T00:00:00Z") };
 * const sim = createSimulator(opts);
 * ```
 */
export interface SimulatorOptions {
  /** Seed a small realistic dataset (default true). */
  seed?: boolean;
  /** Clock used for timestamps. */
  now?: () => Date;
  /** Base web URL used in `web_url` fields (default `https://gitlab.example.com`). */
  webUrl?: string;
}

/**
 * Input of {@link Simulator.addUser}.
 *
 * @example
 * ```ts
 * import type { AddUserInput } from "gitlab-edge/testing";
 * const u: AddUserInput = { username: "dave", admin: false };
 * ```
 */
export interface AddUserInput {
  /** Login name (unique). */
  username: string;
  /** Display name. */
  name?: string;
  /** Administrator. */
  admin?: boolean;
  /** State. */
  state?: "active" | "blocked";
  /** Email. */
  email?: string;
}

/**
 * Input of {@link Simulator.addToken}.
 *
 * @example
 * ```ts
 * import type { AddTokenInput } from "gitlab-edge/testing";
 * const t: AddTokenInput = { user: "alice", kind: "personal", scopes: ["read_api"] };
 * ```
 */
export interface AddTokenInput {
  /** Username the token belongs to. */
  user: string;
  /** Token kind (default `personal`). */
  kind?: SimTokenKind;
  /** Scopes (default `["api"]`). `read_api`/`read_user`-only tokens cannot write. */
  scopes?: string[];
}

/**
 * Input of {@link Simulator.addGroup}.
 *
 * @example
 * ```ts
 * import type { AddGroupInput } from "gitlab-edge/testing";
 * const g: AddGroupInput = { path: "infra", parent: "acme", visibility: "internal", members: { bob: 30 } };
 * ```
 */
export interface AddGroupInput {
  /** Path segment. */
  path: string;
  /** Display name. */
  name?: string;
  /** Full path of the parent group. */
  parent?: string;
  /** Visibility (default public). */
  visibility?: SimVisibility;
  /** Description. */
  description?: string;
  /** Members: username → access level (10 guest … 50 owner). */
  members?: Record<string, number>;
}

/**
 * Input of {@link Simulator.addProject}.
 *
 * @example
 * ```ts
 * import type { AddProjectInput } from "gitlab-edge/testing";
 * const p: AddProjectInput = { path: "api", namespace: "acme/platform", visibility: "private" };
 * ```
 */
export interface AddProjectInput {
  /** Path segment. */
  path: string;
  /** Display name. */
  name?: string;
  /** Full path of a group, or a username (default: first admin). */
  namespace?: string;
  /** Visibility (default private). */
  visibility?: SimVisibility;
  /** Default branch (default `main`). */
  default_branch?: string;
  /** Description. */
  description?: string;
  /** Topics. */
  topics?: string[];
  /** Archived. */
  archived?: boolean;
  /** Members: username → access level. */
  members?: Record<string, number>;
  /** Creator username (default: namespace owner or first admin). */
  creator?: string;
}

/**
 * Input of {@link Simulator.addIssue}.
 *
 * @example
 * ```ts
 * import type { AddIssueInput } from "gitlab-edge/testing";
 * const i: AddIssueInput = { title: "Crash on start", labels: ["bug"], author: "bob" };
 * ```
 */
export interface AddIssueInput {
  /** Title. */
  title: string;
  /** Description. */
  description?: string;
  /** State (default opened). */
  state?: "opened" | "closed";
  /** Labels. */
  labels?: string[];
  /** Author username (default: project creator). */
  author?: string;
  /** Assignee usernames. */
  assignees?: string[];
}

/**
 * Input of {@link Simulator.addMergeRequest}.
 *
 * @example
 * ```ts
 * import type { AddMergeRequestInput } from "gitlab-edge/testing";
 * const m: AddMergeRequestInput = { title: "Add CI", source_branch: "ci", state: "merged" };
 * ```
 */
export interface AddMergeRequestInput {
  /** Title. */
  title: string;
  /** Source branch (created from the target when missing). */
  source_branch: string;
  /** Target branch (default: project default branch). */
  target_branch?: string;
  /** State (default opened). */
  state?: "opened" | "closed" | "merged";
  /** Description. */
  description?: string;
  /** Labels. */
  labels?: string[];
  /** Author username. */
  author?: string;
  /** Draft. */
  draft?: boolean;
}

/**
 * The in-memory GitLab simulator. Create one with {@link createSimulator}.
 *
 * @example
 * ```ts
 * import { createSimulator, SIM_USER_TOKEN } from "gitlab-edge/testing";
 * const sim = createSimulator();
 * const res = await sim.fetch("http://gitlab.test/api/v4/user", { headers: { "PRIVATE-TOKEN": SIM_USER_TOKEN } });
 * console.log((await res.json()).username); // "alice"
 * ```
 */
export interface Simulator {
  /** A bound `fetch`-compatible function answering GitLab REST API v4 requests. */
  fetch(input: Request | URL | string, init?: RequestInit): Promise<Response>;
  /** Adds a user. */
  addUser(u: AddUserInput): SimUser;
  /** Registers an access token for a user. */
  addToken(token: string, o: AddTokenInput): void;
  /** Adds a group. */
  addGroup(g: AddGroupInput): SimGroup;
  /** Adds a project. */
  addProject(p: AddProjectInput): SimProject;
  /** Adds many public projects quickly (names `<prefix><n>`). */
  addProjects(count: number, o?: { namespace?: string; prefix?: string; visibility?: SimVisibility }): void;
  /** Adds an issue to a project (id or full path). */
  addIssue(project: string | number, i: AddIssueInput): SimIssue;
  /** Adds a merge request to a project (id or full path). */
  addMergeRequest(project: string | number, m: AddMergeRequestInput): SimMergeRequest;
  /** Adds or replaces a file on a branch (default branch unless `ref`). */
  addFile(project: string | number, path: string, content: string | Uint8Array, o?: { ref?: string }): void;
  /** Creates a branch from `ref` (default branch unless given). */
  addBranch(project: string | number, name: string, o?: { ref?: string }): void;
  /** Queues a fault. */
  fault(f: Fault): void;
  /** Removes all queued faults. */
  clearFaults(): void;
  /** Milliseconds added to every response. */
  latency: number;
  /** Received requests, most recent last (at most the last 10,000). */
  readonly requests: SimRequest[];
  /** Clears the request log. */
  clearRequests(): void;
}
