/**
 * Public types of the in-memory GitLab simulator: its options, builder inputs, faults and request log.
 * The records it answers with are the library's own response types (`Project`, `Issue`, …); the `Sim*`
 * names below are aliases of those, kept for existing code.
 *
 * @module
 */

import type { CommitBasic } from "../types/commits.ts";
import type { NamespaceBasic, References, TimeStats, UserBasic, Visibility } from "../types/common.ts";
import type { Branch } from "../types/branches.ts";
import type { Group } from "../types/groups.ts";
import type { Issue } from "../types/issues.ts";
import type { MergeRequestDetail } from "../types/merge_requests.ts";
import type { BasicProjectDetails, ProjectLinks, ProjectWithAccess } from "../types/projects.ts";
import type { User } from "../types/users.ts";
import type { WebhookEvent } from "../webhooks/events.ts";

/**
 * The library's {@linkcode Visibility}: visibility level of a project or group.
 *
 * @example
 * ```ts
 * import type { SimVisibility } from "@gitlab-edge/client/testing";
 * const v: SimVisibility = "private";
 * ```
 */
export type SimVisibility = Visibility;

/**
 * Kind of an access token known to the simulator.
 *
 * @example
 * ```ts
 * import type { SimTokenKind } from "@gitlab-edge/client/testing";
 * const k: SimTokenKind = "oauth"; // sent as `Authorization: Bearer <token>`
 * ```
 */
export type SimTokenKind = "personal" | "project" | "group" | "oauth" | "job";

/**
 * The library's {@linkcode UserBasic}: a user as GitLab embeds it in `author`, `assignees`, `owner` fields.
 * The simulator's records are the library's response types; this name is kept for existing code.
 *
 * @example
 * ```ts
 * import type { SimUserBasic } from "@gitlab-edge/client/testing";
 * const u: SimUserBasic = {
 *   id: 1, username: "root", name: "Administrator", state: "active", locked: false,
 *   avatar_url: null, web_url: "https://gitlab.example.com/root",
 * };
 * ```
 */
export type SimUserBasic = UserBasic;

/**
 * The library's {@linkcode User}: a user as `GET /users/:id` returns it (`GET /user` answers the richer
 * `CurrentUser`). Kept under this name for existing code.
 *
 * @example
 * ```ts
 * import { createSimulator, type SimUser } from "@gitlab-edge/client/testing";
 * const sim = createSimulator({ seed: false });
 * const u: SimUser = sim.addUser({ username: "carol" });
 * ```
 */
export type SimUser = User;

/**
 * The library's {@linkcode NamespaceBasic}: the namespace object embedded in projects. Kept under this name
 * for existing code.
 *
 * @example
 * ```ts
 * import type { SimNamespace } from "@gitlab-edge/client/testing";
 * const ns: SimNamespace = {
 *   id: 2, name: "Acme", path: "acme", kind: "group", full_path: "acme", parent_id: null,
 *   avatar_url: null, web_url: "https://gitlab.example.com/groups/acme",
 * };
 * ```
 */
export type SimNamespace = NamespaceBasic;

/**
 * The library's {@linkcode Group}: a group as the group lists return it (`GET /groups/:id` adds the fields
 * of `GroupDetail`). Kept under this name for existing code.
 *
 * @example
 * ```ts
 * import { createSimulator, type SimGroup } from "@gitlab-edge/client/testing";
 * const sim = createSimulator({ seed: false });
 * const g: SimGroup = sim.addGroup({ path: "ops", visibility: "public" });
 * ```
 */
export type SimGroup = Group;

/**
 * The library's {@linkcode ProjectLinks}: a project's `_links`. Kept under this name for existing code.
 *
 * @example
 * ```ts
 * import type { SimProjectLinks } from "@gitlab-edge/client/testing";
 * const base = "https://gitlab.example.com/api/v4/projects/1";
 * const l: SimProjectLinks = {
 *   self: base, issues: `${base}/issues`, merge_requests: `${base}/merge_requests`,
 *   repo_branches: `${base}/repository/branches`, labels: `${base}/labels`, events: `${base}/events`,
 *   members: `${base}/members`, cluster_agents: `${base}/cluster_agents`,
 * };
 * ```
 */
export type SimProjectLinks = ProjectLinks;

/**
 * The library's {@linkcode ProjectWithAccess}: a project as `GET /projects/:id` returns it (`permissions`
 * only for a signed-in caller). Kept under this name for existing code.
 *
 * @example
 * ```ts
 * import { createSimulator, type SimProject } from "@gitlab-edge/client/testing";
 * const sim = createSimulator();
 * const p: SimProject = sim.addProject({ path: "tools", namespace: "acme", visibility: "public" });
 * console.log(p.path_with_namespace); // "acme/tools"
 * ```
 */
export type SimProject = ProjectWithAccess;

/**
 * The library's {@linkcode BasicProjectDetails}: the `simple=true` project representation, also how forks
 * name their source. Kept under this name for existing code.
 *
 * @example
 * ```ts
 * import type { SimProjectSimple } from "@gitlab-edge/client/testing";
 * type Name = SimProjectSimple["path_with_namespace"];
 * ```
 */
export type SimProjectSimple = BasicProjectDetails;

/**
 * The library's {@linkcode TimeStats}: time tracking of issues and merge requests. Kept under this name for
 * existing code.
 *
 * @example
 * ```ts
 * import type { SimTimeStats } from "@gitlab-edge/client/testing";
 * const t: SimTimeStats = { time_estimate: 0, total_time_spent: 0, human_time_estimate: null, human_total_time_spent: null };
 * ```
 */
export type SimTimeStats = TimeStats;

/**
 * The library's {@linkcode References}: references of an issue or merge request. Kept under this name for
 * existing code.
 *
 * @example
 * ```ts
 * import type { SimReferences } from "@gitlab-edge/client/testing";
 * const r: SimReferences = { short: "#1", relative: "#1", full: "acme/web#1" };
 * ```
 */
export type SimReferences = References;

/**
 * The library's {@linkcode Issue}: an issue as the issue routes return it. Kept under this name for
 * existing code.
 *
 * @example
 * ```ts
 * import { createSimulator, type SimIssue } from "@gitlab-edge/client/testing";
 * const sim = createSimulator();
 * const i: SimIssue = sim.addIssue("acme/web", { title: "Broken link", labels: ["bug"] });
 * ```
 */
export type SimIssue = Issue;

/**
 * The library's {@linkcode MergeRequestDetail}: a merge request as
 * `GET /projects/:id/merge_requests/:merge_request_iid` returns it (the lists return the library's
 * `MergeRequest`). Kept under this name for existing code.
 *
 * @example
 * ```ts
 * import { createSimulator, type SimMergeRequest } from "@gitlab-edge/client/testing";
 * const sim = createSimulator();
 * const mr: SimMergeRequest = sim.addMergeRequest("acme/web", { title: "Fix", source_branch: "fix" });
 * console.log(mr.diff_refs?.head_sha === mr.sha); // true
 * ```
 */
export type SimMergeRequest = MergeRequestDetail;

/**
 * The library's {@linkcode CommitBasic}: a commit as embedded in branches. Kept under this name for existing
 * code.
 *
 * @example
 * ```ts
 * import type { SimCommit } from "@gitlab-edge/client/testing";
 * type Sha = SimCommit["id"];
 * ```
 */
export type SimCommit = CommitBasic;

/**
 * The library's {@linkcode Branch}: a branch as `GET /projects/:id/repository/branches/:branch` returns it.
 * Kept under this name for existing code.
 *
 * @example
 * ```ts
 * import type { SimBranch } from "@gitlab-edge/client/testing";
 * type IsDefault = SimBranch["default"];
 * ```
 */
export type SimBranch = Branch;

/**
 * An entry of the simulator's request log.
 *
 * @example
 * ```ts
 * import { createSimulator, type SimRequest } from "@gitlab-edge/client/testing";
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
 * import { createSimulator, type Fault } from "@gitlab-edge/client/testing";
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
 * import { createSimulator, type SimulatorOptions } from "@gitlab-edge/client/testing";
 * const opts: SimulatorOptions = { seed: false, now: () => new Date("2024-01-01T00:00:00Z") };
 * const sim = createSimulator(opts);
 * ```
 */
export interface SimulatorOptions {
  /** Seed a small realistic dataset (default true). */
  seed?: boolean;
  /** Clock used for timestamps. */
  now?: () => Date;
  /**
   * Base web URL used in `web_url` and `_links` fields, like GitLab's `external_url`. Without it, answers
   * link to the origin the request was sent to (e.g. the loopback address the simulator is served on), and
   * builders' results to `https://gitlab.example.com`.
   */
  webUrl?: string;
  /**
   * Receives every webhook delivery (project and group hooks), e.g. a Worker's `fetch` or a
   * `parseWebhook` test receiver. Without it, deliveries are sent to the hook URL with the global `fetch`
   * (10 s timeout; names under `.example`, `.test` and `.invalid` fail without a network request, as they
   * never resolve). Deliveries start after the triggering API call has answered; see
   * {@link Simulator.webhookDeliveries} and {@link Simulator.flushWebhooks}.
   */
  webhooks?: SimWebhookHandler;
  /**
   * Let hooks point at loopback and private network addresses (`http://127.0.0.1:…`), like GitLab's
   * "Allow requests to the local network from webhooks and integrations" setting (default false:
   * creating or editing such a hook answers 422 `Invalid url given`).
   */
  allowLocalWebhooks?: boolean;
}

/**
 * The webhook transport of {@link SimulatorOptions.webhooks}: given each delivery's `POST` request,
 * answers as the receiver would. A thrown error or a non-2xx answer is recorded on the delivery and
 * never affects the API call that caused it.
 *
 * @example
 * ```ts
 * import { createSimulator, type SimWebhookHandler } from "@gitlab-edge/client/testing";
 * const received: Request[] = [];
 * const webhooks: SimWebhookHandler = (request) => {
 *   received.push(request);
 *   return new Response(null, { status: 204 });
 * };
 * const sim = createSimulator({ webhooks });
 * ```
 */
export type SimWebhookHandler = (request: Request) => Response | Promise<Response>;

/**
 * The `X-Gitlab-Event` header values the simulator delivers (a subset of the library's
 * `WebhookEventHeader`).
 *
 * @example
 * ```ts
 * import type { SimWebhookEventHeader } from "@gitlab-edge/client/testing";
 * const header: SimWebhookEventHeader = "Merge Request Hook";
 * ```
 */
export type SimWebhookEventHeader =
  | "Push Hook"
  | "Tag Push Hook"
  | "Issue Hook"
  | "Confidential Issue Hook"
  | "Note Hook"
  | "Confidential Note Hook"
  | "Merge Request Hook"
  | "Pipeline Hook"
  | "Job Hook";

/**
 * The library's {@linkcode WebhookEvent} (`@gitlab-edge/client/webhooks`): what a simulated webhook delivery
 * carries. The simulator sends pushes, tag pushes, issues, merge requests, comments, pipelines and jobs;
 * narrow on `object_kind`.
 *
 * @example
 * ```ts
 * import type { SimWebhookPayload } from "@gitlab-edge/client/testing";
 * const what = (p: SimWebhookPayload) => p.object_kind === "issue" ? p.object_attributes.action : p.object_kind;
 * ```
 */
export type SimWebhookPayload = WebhookEvent;

/**
 * One webhook delivery the simulator made (or tried to make), in {@link Simulator.webhookDeliveries}.
 *
 * @example
 * ```ts
 * import { createSimulator, type SimWebhookDelivery } from "@gitlab-edge/client/testing";
 * const sim = createSimulator({ webhooks: () => new Response("ok") });
 * await sim.flushWebhooks();
 * const failed: SimWebhookDelivery[] = sim.webhookDeliveries.filter((d) => d.error !== null || (d.status ?? 0) >= 400);
 * console.log(failed.length); // 0
 * ```
 */
export interface SimWebhookDelivery {
  /** The `X-Gitlab-Event` header, e.g. `Issue Hook` or `Confidential Note Hook`. */
  readonly event: SimWebhookEventHeader;
  /** The hook's id. */
  readonly hookId: number;
  /** Whether it is a project hook or a hook of one of the project's groups. */
  readonly hookKind: "project" | "group";
  /** The URL the request was sent to. */
  readonly url: string;
  /** The request headers (lower-cased names), `X-Gitlab-Token` included. */
  readonly headers: Readonly<Record<string, string>>;
  /** The payload, as sent (a copy). */
  readonly payload: SimWebhookPayload;
  /** The receiver's HTTP status; null until it answers, or when it failed. */
  status: number | null;
  /** Why the delivery failed (thrown error, network error, timeout); null otherwise. */
  error: string | null;
  /** ISO time (the simulator's clock) the event happened. */
  readonly at: string;
  /** Milliseconds the receiver took; null until settled. */
  durationMs: number | null;
}

/**
 * Input of {@link Simulator.addUser}.
 *
 * @example
 * ```ts
 * import type { AddUserInput } from "@gitlab-edge/client/testing";
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
 * import type { AddTokenInput } from "@gitlab-edge/client/testing";
 * const t: AddTokenInput = { user: "alice", kind: "personal", scopes: ["read_api"] };
 * ```
 */
export interface AddTokenInput {
  /** Username the token belongs to. */
  user: string;
  /** Token kind (default `personal`). */
  kind?: SimTokenKind;
  /** Scopes (default `["api"]`). `read_api`/`read_user`-only tokens cannot write; sudo needs `sudo`. */
  scopes?: string[];
  /** Expiry date (`YYYY-MM-DD`): from that day on the token answers GitLab's expired-token 401. */
  expires_at?: string;
  /** Revoked: the token answers GitLab's revoked-token 401. */
  revoked?: boolean;
}

/**
 * Input of {@link Simulator.addGroup}.
 *
 * @example
 * ```ts
 * import type { AddGroupInput } from "@gitlab-edge/client/testing";
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
 * import type { AddProjectInput } from "@gitlab-edge/client/testing";
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
 * import type { AddIssueInput } from "@gitlab-edge/client/testing";
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
 * import type { AddMergeRequestInput } from "@gitlab-edge/client/testing";
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
 * import { createSimulator, SIM_USER_TOKEN } from "@gitlab-edge/client/testing";
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
  /**
   * Webhook deliveries, oldest first (at most the last 1,000): event header, hook, URL, payload, and the
   * receiver's status or the error. A delivery's `status`/`error` fill in once it settles.
   *
   * @example
   * ```ts
   * import { createSimulator } from "@gitlab-edge/client/testing";
   * const sim = createSimulator({ webhooks: () => new Response(null, { status: 204 }) });
   * await sim.flushWebhooks();
   * for (const d of sim.webhookDeliveries) console.log(d.event, d.hookId, d.status ?? d.error);
   * ```
   */
  readonly webhookDeliveries: readonly SimWebhookDelivery[];
  /**
   * Resolves once every webhook delivery started so far has settled (answered, failed or timed out).
   *
   * @example
   * ```ts
   * import { createSimulator } from "@gitlab-edge/client/testing";
   * const sim = createSimulator({ webhooks: () => new Response("ok") });
   * await sim.flushWebhooks();
   * console.log(sim.webhookDeliveries.length);
   * ```
   */
  flushWebhooks(): Promise<void>;
}
