/**
 * Sub-objects that several GitLab webhook payloads share: the acting user, the project and repository,
 * commits, labels, runners and the `changes` map of update events.
 *
 * Field names are exactly those GitLab sends (snake_case). A field GitLab may send as `null` is typed
 * `T | null`; a field only some GitLab versions or some variants of an event send is optional.
 *
 * @module
 */

/**
 * Any value JSON can carry; used where GitLab's payload is free-form (scanner-specific vulnerability
 * locations, the details of system-hook member approval events).
 *
 * @example
 * ```ts
 * import type { JsonValue } from "@gitlab-edge/client/webhooks";
 * const value: JsonValue = { file: "Gemfile.lock", lines: [1, 2], flagged: true, note: null };
 * console.log(JSON.stringify(value));
 * ```
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A project's visibility as a number: `0` private, `10` internal, `20` public.
 *
 * @example
 * ```ts
 * import type { VisibilityLevel } from "@gitlab-edge/client/webhooks";
 * const label = (level: VisibilityLevel) => ({ 0: "private", 10: "internal", 20: "public" })[level];
 * console.log(label(20)); // "public"
 * ```
 */
export type VisibilityLevel = 0 | 10 | 20;

/**
 * The user who caused an event (the `user` object), and the shape of `assignees` and `reviewers`
 * entries. `email` is `"[REDACTED]"` when the user has no public email; older GitLab versions omit
 * `id` and `email` in some events.
 *
 * @example
 * ```ts
 * import type { WebhookUser } from "@gitlab-edge/client/webhooks";
 * const mention = (user: WebhookUser) => `@${user.username}`;
 * console.log(mention({ id: 1, name: "Administrator", username: "root", avatar_url: null }));
 * ```
 */
export interface WebhookUser {
  /** The id. */
  id?: number;
  /** The display name. */
  name: string;
  /** The username. */
  username: string;
  /** The avatar image's URL. */
  avatar_url: string | null;
  /** The email address (`[REDACTED]` when not public). */
  email?: string;
}

/**
 * The `project` object of a payload (also a merge request's `source` and `target`). The `homepage`,
 * `url`, `ssh_url` and `http_url` keys are deprecated aliases GitLab still sends in most events.
 *
 * @example
 * ```ts
 * import type { WebhookProject } from "@gitlab-edge/client/webhooks";
 * const isPublic = (project: WebhookProject) => project.visibility_level === 20;
 * ```
 */
export interface WebhookProject {
  /** The id. */
  id: number;
  /** The name. */
  name: string;
  /** The description. */
  description: string | null;
  /** The web page. */
  web_url: string;
  /** The avatar image's URL. */
  avatar_url: string | null;
  /** The SSH clone URL. */
  git_ssh_url: string;
  /** The HTTP(S) clone URL. */
  git_http_url: string;
  /** The name of the namespace. */
  namespace: string;
  /** The visibility: 0 private, 10 internal, 20 public. */
  visibility_level: VisibilityLevel;
  /** The full path, such as `acme/web`. */
  path_with_namespace: string;
  /** The default branch. */
  default_branch: string | null;
  /** A custom path of the CI configuration file, if set. */
  ci_config_path?: string | null;
  /** Deprecated alias of `web_url`. */
  homepage?: string;
  /** The web page. */
  url?: string;
  /** Deprecated alias of `git_ssh_url`. */
  ssh_url?: string;
  /** Deprecated alias of `git_http_url`. */
  http_url?: string;
}

/**
 * The deprecated `repository` object (GitLab keeps sending it next to `project`).
 *
 * @example
 * ```ts
 * import type { WebhookRepository } from "@gitlab-edge/client/webhooks";
 * const cloneUrl = (repo: WebhookRepository) => repo.git_http_url ?? repo.url;
 * ```
 */
export interface WebhookRepository {
  /** The name. */
  name: string;
  /** The web page. */
  url?: string;
  /** The description. */
  description: string | null;
  /** Deprecated alias of `web_url`. */
  homepage: string;
  /** The HTTP(S) clone URL. */
  git_http_url?: string;
  /** The SSH clone URL. */
  git_ssh_url?: string;
  /** The visibility: 0 private, 10 internal, 20 public. */
  visibility_level?: VisibilityLevel;
}

/**
 * A commit's `author`: name and email as recorded in Git (not necessarily a GitLab user).
 *
 * @example
 * ```ts
 * import type { WebhookCommitAuthor } from "@gitlab-edge/client/webhooks";
 * const line = (a: WebhookCommitAuthor) => `${a.name} <${a.email}>`;
 * ```
 */
export interface WebhookCommitAuthor {
  /** The name. */
  name: string;
  /** The email address (`[REDACTED]` when not public). */
  email: string;
}

/**
 * A commit as comment, pipeline, release and merge request (`last_commit`) payloads describe it.
 *
 * @example
 * ```ts
 * import type { WebhookCommit } from "@gitlab-edge/client/webhooks";
 * const short = (commit: WebhookCommit) => `${commit.id.slice(0, 8)} ${commit.title ?? commit.message}`;
 * ```
 */
export interface WebhookCommit {
  /** The commit's SHA. */
  id: string;
  /** The message. */
  message: string;
  /** The title. */
  title?: string;
  /** When the commit was authored. */
  timestamp: string;
  /** The web page. */
  url: string;
  /** The commit's Git author. */
  author: WebhookCommitAuthor;
}

/**
 * A commit in a push: a {@link WebhookCommit} with the paths it added, modified and removed.
 *
 * @example
 * ```ts
 * import type { PushCommit } from "@gitlab-edge/client/webhooks";
 * const touched = (commit: PushCommit) => [...commit.added, ...commit.modified, ...commit.removed];
 * ```
 */
export interface PushCommit extends WebhookCommit {
  /** Paths the commit added. */
  added: string[];
  /** Paths the commit modified. */
  modified: string[];
  /** Paths the commit removed. */
  removed: string[];
}

/**
 * A label on an issue or merge request. `project_id` is `null` for a group label, `group_id` for a
 * project label of a project outside any group.
 *
 * @example
 * ```ts
 * import type { WebhookLabel } from "@gitlab-edge/client/webhooks";
 * const hasLabel = (labels: WebhookLabel[], title: string) => labels.some((l) => l.title === title);
 * ```
 */
export interface WebhookLabel {
  /** The id. */
  id: number;
  /** The title. */
  title: string;
  /** The label's background colour, as `#rrggbb`. */
  color: string;
  /** The project of a project label. */
  project_id: number | null;
  /** When it was created. */
  created_at: string;
  /** When it was last updated. */
  updated_at: string;
  /** Whether it is a template. */
  template: boolean;
  /** The description. */
  description: string | null;
  /** Whether it is a project or a group label. */
  type: "ProjectLabel" | "GroupLabel";
  /** The group of a group label. */
  group_id: number | null;
}

/**
 * One entry of a `changes` map: the value before and after the update.
 *
 * @example
 * ```ts
 * import type { WebhookChange } from "@gitlab-edge/client/webhooks";
 * const renamed = (change: WebhookChange<string> | undefined) => change && change.previous !== change.current;
 * ```
 */
export interface WebhookChange<T> {
  /** The value before the update. */
  previous: T | null;
  /** The value after the update. */
  current: T | null;
}

/**
 * A `changes` map over the attributes `T`: every key is optional, and only the attributes the update
 * changed are present. GitLab may send an empty map.
 *
 * @example
 * ```ts
 * import type { WebhookChanges } from "@gitlab-edge/client/webhooks";
 * type Attrs = { title: string; weight: number | null };
 * const changes: WebhookChanges<Attrs> = { title: { previous: "Old", current: "New" } };
 * console.log(Object.keys(changes)); // ["title"]
 * ```
 */
export type WebhookChanges<T> = { [K in keyof T]?: WebhookChange<T[K]> };

/**
 * Where a CI job or a deployment ran: the runner's id, description, type and tags.
 *
 * @example
 * ```ts
 * import type { WebhookRunner } from "@gitlab-edge/client/webhooks";
 * const onDocker = (runner: WebhookRunner | null) => runner?.tags.includes("docker") ?? false;
 * ```
 */
export interface WebhookRunner {
  /** The id. */
  id: number;
  /** The runner's description. */
  description: string;
  /** Whether the runner takes jobs. */
  active: boolean;
  /** Where the runner is registered. */
  runner_type: "instance_type" | "group_type" | "project_type";
  /** Whether the runner is shared (an instance runner). */
  is_shared: boolean;
  /** The runner's tags. */
  tags: string[];
}

/**
 * The upstream pipeline (`source_pipeline`) of a multi-project or child pipeline.
 *
 * @example
 * ```ts
 * import type { WebhookSourcePipeline } from "@gitlab-edge/client/webhooks";
 * const from = (s: WebhookSourcePipeline) => `${s.project.path_with_namespace}!${s.pipeline_id}`;
 * ```
 */
export interface WebhookSourcePipeline {
  /** The project. */
  project: { id: number; web_url: string; path_with_namespace: string };
  /** The pipeline's id. */
  pipeline_id: number;
  /** The id of the upstream job that triggered the pipeline. */
  job_id: number;
}

/**
 * A deployment tier of an environment.
 *
 * @example
 * ```ts
 * import type { DeploymentTier } from "@gitlab-edge/client/webhooks";
 * const critical = (tier: DeploymentTier) => tier === "production";
 * ```
 */
export type DeploymentTier = "production" | "staging" | "testing" | "development" | "other";

/**
 * The environment a CI job deploys to (`environment` of a job, or of a build in a pipeline event).
 *
 * @example
 * ```ts
 * import type { WebhookJobEnvironment } from "@gitlab-edge/client/webhooks";
 * const stops = (env: WebhookJobEnvironment | null) => env?.action === "stop";
 * ```
 */
export interface WebhookJobEnvironment {
  /** The name. */
  name: string;
  /** What happened. */
  action: "start" | "prepare" | "stop" | "verify" | "access";
  /** The environment's tier. */
  deployment_tier: DeploymentTier;
}

/**
 * A role's name as member events spell it.
 *
 * @example
 * ```ts
 * import type { AccessLevelName } from "@gitlab-edge/client/webhooks";
 * const canPush = (level: AccessLevelName) => ["Developer", "Maintainer", "Owner"].includes(level);
 * ```
 */
export type AccessLevelName =
  | "No access"
  | "Minimal Access"
  | "Guest"
  | "Planner"
  | "Reporter"
  | "Developer"
  | "Maintainer"
  | "Owner";

/**
 * A project's visibility as project events spell it.
 *
 * @example
 * ```ts
 * import type { ProjectVisibility } from "@gitlab-edge/client/webhooks";
 * const hidden = (v: ProjectVisibility) => v !== "public";
 * ```
 */
export type ProjectVisibility = "private" | "internal" | "public";
