/**
 * Webhook types, after GitLab's Grape entities `Hook` (system hooks), `ProjectHook`, `GroupHook` and
 * `WebHookLog`.
 *
 * @module
 */

import type { JsonObject } from "./common.ts";

/**
 * A webhook as GitLab's `Hook` entity presents it: the fields every hook has, and what the system hook
 * endpoints (`/hooks`, administrators only) return.
 *
 * @example
 * ```ts
 * import type { Hook } from "@gitlab-edge/client";
 * const broken = (hooks: Hook[]): string[] => hooks.filter((h) => h.alert_status !== "executable").map((h) => h.url);
 * ```
 */
export interface Hook {
  /** The hook's id. */
  id: number;
  /** Where GitLab posts events. */
  url: string;
  /** The hook's name (newer GitLab versions). */
  name?: string | null;
  /** What the hook is for (newer GitLab versions). */
  description?: string | null;
  /** ISO 8601. */
  created_at: string;
  /** Whether pushes trigger it. */
  push_events: boolean;
  /** Whether tag pushes trigger it. */
  tag_push_events: boolean;
  /** Whether merge request events trigger it. */
  merge_requests_events: boolean;
  /** Whether repository updates trigger it. */
  repository_update_events: boolean;
  /** Whether GitLab checks the receiver's TLS certificate. */
  enable_ssl_verification: boolean;
  /** The organization of a system hook; only on system hooks (newer GitLab versions). */
  organization_id?: number;
  /**
   * Whether GitLab still calls it after failures: `executable`, `temporarily_disabled` or `disabled`
   * (newer GitLab versions).
   */
  alert_status?: "executable" | "temporarily_disabled" | "disabled";
  /** Until when it is paused after failures, ISO 8601. */
  disabled_until?: string | null;
  /** The URL's variables, names only (values are never sent back). */
  url_variables?: { key: string }[];
  /** Only pushes to branches matching this trigger it. */
  push_events_branch_filter?: string | null;
  /** How the branch filter is read: `wildcard`, `regex` or `all_branches`. */
  branch_filter_strategy?: "wildcard" | "regex" | "all_branches";
  /** A template for the request body instead of GitLab's payload (newer GitLab versions). */
  custom_webhook_template?: string | null;
  /** Extra request headers, names only (values are never sent back; newer GitLab versions). */
  custom_headers?: { key: string }[];
}

/**
 * A project webhook (GitLab's `ProjectHook`).
 *
 * @example
 * ```ts
 * import { createClient, listProjectHooks, type ProjectHook } from "@gitlab-edge/client";
 * const client = createClient({
 *   baseUrl: "https://gitlab.example.com",
 *   fetch: () => Promise.resolve(Response.json([])),
 * });
 * const hooks: ProjectHook[] = await listProjectHooks(client, "acme/web").toArray();
 * console.log(hooks.filter((h) => h.pipeline_events).map((h) => h.url));
 * ```
 */
export interface ProjectHook extends Hook {
  /** The project. */
  project_id: number;
  /** Whether issue events trigger it. */
  issues_events: boolean;
  /** Whether confidential issue events trigger it. */
  confidential_issues_events: boolean;
  /** Whether comments trigger it. */
  note_events: boolean;
  /** Whether comments on confidential issues trigger it. */
  confidential_note_events: boolean | null;
  /** Whether pipeline events trigger it. */
  pipeline_events: boolean;
  /** Whether wiki page events trigger it. */
  wiki_page_events: boolean;
  /** Whether deployment events trigger it. */
  deployment_events: boolean;
  /** Whether feature flag events trigger it. */
  feature_flag_events?: boolean;
  /** Whether job events trigger it. */
  job_events: boolean;
  /** Whether release events trigger it. */
  releases_events: boolean;
  /** Whether milestone events trigger it (newer GitLab versions). */
  milestone_events?: boolean;
  /** Whether emoji reactions trigger it (newer GitLab versions). */
  emoji_events?: boolean;
  /** Whether expiring access tokens trigger it (newer GitLab versions). */
  resource_access_token_events?: boolean;
  /** Whether expiring deploy tokens trigger it (newer GitLab versions). */
  resource_deploy_token_events?: boolean;
  /** Whether vulnerability events trigger it (newer GitLab versions). */
  vulnerability_events?: boolean;
}

/**
 * A group webhook (GitLab's `GroupHook`; Premium and Ultimate).
 *
 * @example
 * ```ts
 * import type { GroupHook } from "@gitlab-edge/client";
 * const watchesMembers = (hook: GroupHook): boolean => hook.member_events === true;
 * ```
 */
export interface GroupHook extends Hook {
  /** The group. */
  group_id: number;
  /** Whether issue events trigger it. */
  issues_events: boolean;
  /** Whether confidential issue events trigger it. */
  confidential_issues_events: boolean;
  /** Whether comments trigger it. */
  note_events: boolean;
  /** Whether comments on confidential issues trigger it. */
  confidential_note_events: boolean | null;
  /** Whether pipeline events trigger it. */
  pipeline_events: boolean;
  /** Whether wiki page events trigger it. */
  wiki_page_events: boolean;
  /** Whether job events trigger it. */
  job_events: boolean;
  /** Whether deployment events trigger it. */
  deployment_events: boolean;
  /** Whether feature flag events trigger it. */
  feature_flag_events?: boolean;
  /** Whether release events trigger it. */
  releases_events: boolean;
  /** Whether milestone events trigger it (newer GitLab versions). */
  milestone_events?: boolean;
  /** Whether subgroup creation and removal trigger it. */
  subgroup_events: boolean;
  /** Whether emoji reactions trigger it (newer GitLab versions). */
  emoji_events?: boolean;
  /** Whether expiring access tokens trigger it (newer GitLab versions). */
  resource_access_token_events?: boolean;
  /** Whether membership changes trigger it (newer GitLab versions). */
  member_events?: boolean;
  /** Whether vulnerability events trigger it (newer GitLab versions). */
  vulnerability_events?: boolean;
  /** Whether project creation and removal trigger it (newer GitLab versions). */
  project_events?: boolean;
}

/**
 * One delivery of a webhook and its answer (GitLab's `WebHookLog`).
 *
 * @example
 * ```ts
 * import type { WebHookLog } from "@gitlab-edge/client";
 * const failed = (logs: WebHookLog[]): WebHookLog[] => logs.filter((l) => !/^2\d\d$/.test(l.response_status));
 * ```
 */
export interface WebHookLog {
  /** The delivery's id. */
  id: number;
  /** The URL called. */
  url: string;
  /** The event that caused it, e.g. `push_hooks`. */
  trigger: string;
  /** The request's headers. */
  request_headers: { [name: string]: string };
  /** The payload sent. */
  request_data: JsonObject;
  /** The answer's headers. */
  response_headers: { [name: string]: string };
  /** The answer's body. */
  response_body: string;
  /** How long the call took, in seconds. */
  execution_duration: number;
  /** The answer's HTTP status, or an error name such as `internal error`. */
  response_status: string;
  /** ISO 8601. */
  created_at: string;
}
