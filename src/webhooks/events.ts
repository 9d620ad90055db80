/**
 * Types for every GitLab webhook event, the `WebhookEvent` union over them, and the table of which
 * `X-Gitlab-Event` header carries which event.
 *
 * Most events name themselves in `object_kind`; the group-only member, project and subgroup events
 * and most system hook events have no `object_kind` and name themselves in `event_name` instead.
 * Those declare `object_kind?: undefined`, so one `switch (event.object_kind)` narrows every event,
 * with `case undefined:` leading to a `switch (event.event_name)`. {@link webhookKind} gives the one
 * name either way.
 *
 * @module
 */

import type { PushEvent, TagPushEvent } from "./events_repository.ts";
import type {
  EmojiEvent,
  IssueEvent,
  MergeRequestEvent,
  MilestoneEvent,
  NoteEvent,
  WikiPageEvent,
  WorkItemEvent,
} from "./events_work.ts";
import type {
  DeploymentEvent,
  FeatureFlagEvent,
  JobEvent,
  PipelineEvent,
  ReleaseEvent,
} from "./events_ci.ts";
import type {
  AccessTokenEvent,
  MemberEvent,
  ProjectEvent,
  SubgroupEvent,
  VulnerabilityEvent,
} from "./events_group.ts";
import type {
  MemberApprovalEvent,
  RepositoryUpdateEvent,
  SystemGroupEvent,
  SystemGroupMemberEvent,
  SystemKeyEvent,
  SystemProjectEvent,
  SystemProjectMemberEvent,
  SystemUserEvent,
} from "./events_system.ts";

export type * from "./events_common.ts";
export type * from "./events_repository.ts";
export type * from "./events_work.ts";
export type * from "./events_ci.ts";
export type * from "./events_group.ts";
export type * from "./events_system.ts";

/**
 * Every event a system hook receives (all under `X-Gitlab-Event: System Hook`).
 *
 * @example
 * ```ts
 * import type { SystemHookEvent } from "@gitlab-edge/client/webhooks";
 * const isUserChange = (e: SystemHookEvent) => e.object_kind === undefined && e.event_name.startsWith("user_");
 * ```
 */
export type SystemHookEvent =
  | PushEvent
  | TagPushEvent
  | MergeRequestEvent
  | RepositoryUpdateEvent
  | SystemProjectEvent
  | SystemProjectMemberEvent
  | SystemGroupMemberEvent
  | SystemUserEvent
  | SystemKeyEvent
  | SystemGroupEvent
  | MemberApprovalEvent;

/**
 * The event types each `X-Gitlab-Event` header value carries. Confidential issues and comments on
 * them come under their own headers (with `event_type` `confidential_issue` / `confidential_note`);
 * every system hook request says `System Hook`.
 *
 * @example
 * ```ts
 * import type { WebhookEventByHeader } from "@gitlab-edge/client/webhooks";
 * type Comment = WebhookEventByHeader["Note Hook"];
 * const text = (e: Comment) => e.object_attributes.note;
 * ```
 */
export interface WebhookEventByHeader {
  /** Sent with `X-Gitlab-Event: Push Hook`. */
  "Push Hook": PushEvent;
  /** Sent with `X-Gitlab-Event: Tag Push Hook`. */
  "Tag Push Hook": TagPushEvent;
  /** Sent with `X-Gitlab-Event: Issue Hook`. */
  "Issue Hook": IssueEvent | WorkItemEvent;
  /** Sent with `X-Gitlab-Event: Confidential Issue Hook`. */
  "Confidential Issue Hook": IssueEvent | WorkItemEvent;
  /** Sent with `X-Gitlab-Event: Note Hook`. */
  "Note Hook": NoteEvent;
  /** Sent with `X-Gitlab-Event: Confidential Note Hook`. */
  "Confidential Note Hook": NoteEvent;
  /** Sent with `X-Gitlab-Event: Merge Request Hook`. */
  "Merge Request Hook": MergeRequestEvent;
  /** Sent with `X-Gitlab-Event: Wiki Page Hook`. */
  "Wiki Page Hook": WikiPageEvent;
  /** Sent with `X-Gitlab-Event: Pipeline Hook`. */
  "Pipeline Hook": PipelineEvent;
  /** Sent with `X-Gitlab-Event: Job Hook`. */
  "Job Hook": JobEvent;
  /** Sent with `X-Gitlab-Event: Deployment Hook`. */
  "Deployment Hook": DeploymentEvent;
  /** Sent with `X-Gitlab-Event: Feature Flag Hook`. */
  "Feature Flag Hook": FeatureFlagEvent;
  /** Sent with `X-Gitlab-Event: Release Hook`. */
  "Release Hook": ReleaseEvent;
  /** Sent with `X-Gitlab-Event: Milestone Hook`. */
  "Milestone Hook": MilestoneEvent;
  /** Sent with `X-Gitlab-Event: Emoji Hook`. */
  "Emoji Hook": EmojiEvent;
  /** Sent with `X-Gitlab-Event: Resource Access Token Hook`. */
  "Resource Access Token Hook": AccessTokenEvent;
  /** Sent with `X-Gitlab-Event: Vulnerability Hook`. */
  "Vulnerability Hook": VulnerabilityEvent;
  /** Sent with `X-Gitlab-Event: Member Hook`. */
  "Member Hook": MemberEvent;
  /** Sent with `X-Gitlab-Event: Project Hook`. */
  "Project Hook": ProjectEvent;
  /** Sent with `X-Gitlab-Event: Subgroup Hook`. */
  "Subgroup Hook": SubgroupEvent;
  /** Sent with `X-Gitlab-Event: System Hook`. */
  "System Hook": SystemHookEvent;
}

/**
 * A value of the `X-Gitlab-Event` header.
 *
 * @example
 * ```ts
 * import type { WebhookEventHeader } from "@gitlab-edge/client/webhooks";
 * const header: WebhookEventHeader = "Merge Request Hook";
 * console.log(header);
 * ```
 */
export type WebhookEventHeader = keyof WebhookEventByHeader;

/**
 * Any GitLab webhook event: a union discriminated by `object_kind` (and, for the events without
 * one, by `event_name`).
 *
 * @example
 * ```ts
 * import type { WebhookEvent } from "@gitlab-edge/client/webhooks";
 * function describe(event: WebhookEvent): string {
 *   switch (event.object_kind) {
 *     case "push":
 *       return `${event.total_commits_count} commits to ${event.ref}`;
 *     case "merge_request":
 *       return `MR !${event.object_attributes.iid} ${event.object_attributes.action ?? "update"}`;
 *     case "pipeline":
 *       return `pipeline ${event.object_attributes.status}`;
 *     case undefined:
 *       return event.event_name;
 *     default:
 *       return event.object_kind;
 *   }
 * }
 * ```
 */
export type WebhookEvent = WebhookEventByHeader[WebhookEventHeader];

/**
 * The name an event type goes by: its `object_kind`, or its `event_name` when it has no `object_kind`.
 *
 * @example
 * ```ts
 * import type { KindOf, PushEvent, SubgroupEvent } from "@gitlab-edge/client/webhooks";
 * const kinds: KindOf<PushEvent | SubgroupEvent>[] = ["push", "subgroup_create", "subgroup_destroy"];
 * console.log(kinds);
 * ```
 */
export type KindOf<E> = E extends { object_kind: infer K extends string } ? K
  : E extends { event_name: infer N extends string } ? N
  : never;

/**
 * The name of a kind of event: an `object_kind` value, or the `event_name` of an event that has no
 * `object_kind`.
 *
 * @example
 * ```ts
 * import type { WebhookEventKind } from "@gitlab-edge/client/webhooks";
 * const wanted: WebhookEventKind[] = ["push", "merge_request", "project_create"];
 * console.log(wanted.length);
 * ```
 */
export type WebhookEventKind = KindOf<WebhookEvent>;

/**
 * The event types of one kind, such as `WebhookEventOfKind<"push">` (a {@link PushEvent}).
 *
 * @example
 * ```ts
 * import type { WebhookEventOfKind } from "@gitlab-edge/client/webhooks";
 * const sha = (e: WebhookEventOfKind<"push">) => e.after;
 * ```
 */
export type WebhookEventOfKind<K extends WebhookEventKind> = Extract<
  WebhookEvent,
  { object_kind: K } | { object_kind?: undefined; event_name: K }
>;

const SYSTEM_HOOK_KINDS = [
  "push",
  "tag_push",
  "merge_request",
  "repository_update",
  "project_create",
  "project_destroy",
  "project_rename",
  "project_transfer",
  "project_update",
  "user_add_to_team",
  "user_remove_from_team",
  "user_update_for_team",
  "user_access_request_to_project",
  "user_access_request_revoked_for_project",
  "user_add_to_group",
  "user_remove_from_group",
  "user_update_for_group",
  "user_access_request_to_group",
  "user_access_request_revoked_for_group",
  "user_create",
  "user_destroy",
  "user_failed_login",
  "user_rename",
  "key_create",
  "key_destroy",
  "group_create",
  "group_destroy",
  "group_rename",
  "gitlab_subscription_member_approval",
  "gitlab_subscription_member_approvals",
] as const;

/**
 * For each `X-Gitlab-Event` header value, the event kinds ({@link webhookKind}) GitLab sends under it.
 * `parseWebhook` refuses a body whose kind is not listed for its header.
 *
 * @example
 * ```ts
 * import { WEBHOOK_EVENT_HEADERS } from "@gitlab-edge/client/webhooks";
 * console.log(WEBHOOK_EVENT_HEADERS["Job Hook"]); // ["build"]
 * console.log(WEBHOOK_EVENT_HEADERS["Confidential Issue Hook"]); // ["issue", "work_item"]
 * ```
 */
export const WEBHOOK_EVENT_HEADERS: {
  readonly [H in WebhookEventHeader]: readonly KindOf<WebhookEventByHeader[H]>[];
} = Object.freeze({
  "Push Hook": ["push"],
  "Tag Push Hook": ["tag_push"],
  "Issue Hook": ["issue", "work_item"],
  "Confidential Issue Hook": ["issue", "work_item"],
  "Note Hook": ["note"],
  "Confidential Note Hook": ["note"],
  "Merge Request Hook": ["merge_request"],
  "Wiki Page Hook": ["wiki_page"],
  "Pipeline Hook": ["pipeline"],
  "Job Hook": ["build"],
  "Deployment Hook": ["deployment"],
  "Feature Flag Hook": ["feature_flag"],
  "Release Hook": ["release"],
  "Milestone Hook": ["milestone"],
  "Emoji Hook": ["emoji"],
  "Resource Access Token Hook": ["access_token"],
  "Vulnerability Hook": ["vulnerability"],
  "Member Hook": [
    "user_add_to_group",
    "user_update_for_group",
    "user_remove_from_group",
    "user_access_request_to_group",
    "user_access_request_denied_for_group",
  ],
  "Project Hook": ["project_create", "project_destroy"],
  "Subgroup Hook": ["subgroup_create", "subgroup_destroy"],
  /** Sent with `X-Gitlab-Event: System Hook`. */
  "System Hook": SYSTEM_HOOK_KINDS,
});

/**
 * The name of an event's kind: its `object_kind`, or its `event_name` when it has none (group member,
 * project and subgroup events, most system hook events).
 *
 * @example
 * ```ts
 * import { webhookKind, type WebhookEvent } from "@gitlab-edge/client/webhooks";
 * const event = { event_name: "subgroup_create", full_path: "acme/tools" } as WebhookEvent;
 * console.log(webhookKind(event)); // "subgroup_create"
 * ```
 */
export function webhookKind(event: WebhookEvent): WebhookEventKind {
  if (event.object_kind !== undefined) return event.object_kind;
  return event.event_name;
}

/**
 * Whether `event` is of kind `kind` ({@link webhookKind}), narrowing its type.
 *
 * @example
 * ```ts
 * import { isWebhookEvent, type WebhookEvent } from "@gitlab-edge/client/webhooks";
 * function commits(event: WebhookEvent): number {
 *   return isWebhookEvent(event, "push") ? event.total_commits_count : 0;
 * }
 * ```
 */
export function isWebhookEvent<K extends WebhookEventKind>(
  event: WebhookEvent,
  kind: K,
): event is WebhookEventOfKind<K> {
  return webhookKind(event) === kind;
}
