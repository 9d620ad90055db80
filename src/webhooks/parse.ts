/**
 * Turning a webhook `Request` into a typed, checked {@link WebhookEvent}.
 *
 * @module
 */

import { DEFAULT_MAX_BODY_BYTES, readLimitedBody } from "./body.ts";
import { WebhookError } from "./errors.ts";
import {
  WEBHOOK_EVENT_HEADERS,
  type WebhookEvent,
  type WebhookEventHeader,
  type WebhookEventKind,
} from "./events.ts";
import { checkSignature, verifyWebhook } from "./verify.ts";

/**
 * Options of {@link parseWebhook}.
 *
 * @example
 * ```ts
 * import type { ParseWebhookOptions } from "@gitlab-edge/client/webhooks";
 * const options: ParseWebhookOptions = { secret: "s3cret", maxBytes: 1024 * 1024 };
 * console.log(options.maxBytes);
 * ```
 */
export interface ParseWebhookOptions {
  /** The hook's secret token: when set, `X-Gitlab-Token` must match it (checked first). */
  secret?: string;
  /** The hook's signing token (`whsec_…`): when set, `webhook-signature` must verify over the body. */
  signingToken?: string;
  /** The allowed clock difference for `webhook-timestamp`, in seconds (default 300). */
  toleranceSeconds?: number;
  /** The current time in milliseconds since the epoch (default `Date.now()`); for tests. */
  now?: number;
  /** The largest body accepted, in bytes (default {@link DEFAULT_MAX_BODY_BYTES}, 25 MiB). */
  maxBytes?: number;
}

type Shape = "string" | "string?" | "number" | "boolean" | "object" | "object?" | "array";

const PUSH: [string, Shape][] = [
  ["before", "string"],
  ["after", "string"],
  ["ref", "string"],
  ["checkout_sha", "string?"],
  ["user_name", "string"],
  ["project_id", "number"],
  ["project", "object"],
  ["commits", "array"],
  ["total_commits_count", "number"],
];
const ISSUABLE: [string, Shape][] = [["user", "object"], ["project", "object"], [
  "object_attributes",
  "object",
]];
const PROJECT_EVENT: [string, Shape][] = [["project_id", "number"], ["path_with_namespace", "string"]];
const GROUP_MEMBER: [string, Shape][] = [["group_id", "number"], ["user_id", "number"]];
const PROJECT_MEMBER: [string, Shape][] = [["project_id", "number"], ["user_id", "number"]];
const SYSTEM_USER: [string, Shape][] = [["user_id", "number"], ["username", "string"]];
const SYSTEM_GROUP: [string, Shape][] = [["group_id", "number"], ["path", "string"]];
const KEY: [string, Shape][] = [["id", "number"], ["key", "string"]];
const SUBGROUP: [string, Shape][] = [["group_id", "number"], ["full_path", "string"]];
const APPROVAL: [string, Shape][] = [["action", "string"], ["object_attributes", "object"]];

/** The top-level fields each kind of event must have, and their JSON types. */
const REQUIRED: Record<WebhookEventKind, [string, Shape][]> = {
  push: PUSH,
  tag_push: PUSH,
  issue: ISSUABLE,
  work_item: [["user", "object"], ["object_attributes", "object"]],
  merge_request: ISSUABLE,
  note: [...ISSUABLE],
  wiki_page: [...ISSUABLE, ["wiki", "object"]],
  pipeline: [["object_attributes", "object"], ["project", "object"], ["builds", "array"]],
  build: [["build_id", "number"], ["build_status", "string"], ["ref", "string"], ["project", "object"]],
  deployment: [["status", "string"], ["deployment_id", "number"], ["project", "object"]],
  feature_flag: [["project", "object"], ["object_attributes", "object"]],
  release: [["tag", "string"], ["action", "string"], ["project", "object"]],
  milestone: [["action", "string"], ["object_attributes", "object"], ["project", "object?"]],
  emoji: ISSUABLE,
  access_token: [["event_name", "string"], ["object_attributes", "object"]],
  vulnerability: [["object_attributes", "object"]],
  gitlab_subscription_member_approval: APPROVAL,
  gitlab_subscription_member_approvals: APPROVAL,
  user_add_to_group: GROUP_MEMBER,
  user_update_for_group: GROUP_MEMBER,
  user_remove_from_group: GROUP_MEMBER,
  user_access_request_to_group: GROUP_MEMBER,
  user_access_request_denied_for_group: GROUP_MEMBER,
  user_access_request_revoked_for_group: GROUP_MEMBER,
  user_add_to_team: PROJECT_MEMBER,
  user_remove_from_team: PROJECT_MEMBER,
  user_update_for_team: PROJECT_MEMBER,
  user_access_request_to_project: PROJECT_MEMBER,
  user_access_request_revoked_for_project: PROJECT_MEMBER,
  project_create: PROJECT_EVENT,
  project_destroy: PROJECT_EVENT,
  project_rename: PROJECT_EVENT,
  project_transfer: PROJECT_EVENT,
  project_update: PROJECT_EVENT,
  subgroup_create: SUBGROUP,
  subgroup_destroy: SUBGROUP,
  user_create: SYSTEM_USER,
  user_destroy: SYSTEM_USER,
  user_failed_login: SYSTEM_USER,
  user_rename: SYSTEM_USER,
  key_create: KEY,
  key_destroy: KEY,
  group_create: SYSTEM_GROUP,
  group_destroy: SYSTEM_GROUP,
  group_rename: SYSTEM_GROUP,
  repository_update: [["project", "object"], ["changes", "array"], ["refs", "array"]],
};

/** Kinds whose body also names itself in `event_name`, which must then agree with `object_kind`. */
const NAMED_TWICE: Partial<Record<WebhookEventKind, string>> = {
  push: "push",
  tag_push: "tag_push",
  access_token: "expiring_access_token",
};

const MAX_QUOTED = 80;

/** A value from the request, quoted for a message: JSON-escaped and cut short. */
function quote(value: string): string {
  return JSON.stringify(value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}…` : value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function hasShape(value: unknown, shape: Shape): boolean {
  switch (shape) {
    case "string":
      return typeof value === "string";
    case "string?":
      return value === null || typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "boolean":
      return typeof value === "boolean";
    case "object":
      return isObject(value);
    case "object?":
      return value === null || isObject(value);
    case "array":
      return Array.isArray(value);
  }
}

const SHAPE_NAMES: Record<Shape, string> = {
  "string": "a string",
  "string?": "a string or null",
  "number": "a number",
  "boolean": "a boolean",
  "object": "an object",
  "object?": "an object or null",
  "array": "an array",
};

function isKnownHeader(header: string): header is WebhookEventHeader {
  return Object.hasOwn(WEBHOOK_EVENT_HEADERS, header);
}

function isKnownKind(kind: string): kind is WebhookEventKind {
  return Object.hasOwn(REQUIRED, kind);
}

function mediaType(contentType: string | null): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

/**
 * Checks a parsed JSON body against the `X-Gitlab-Event` header it came with and returns it as a
 * {@link WebhookEvent}; throws a {@link WebhookError} (`malformed`, `unknown_event` or `mismatch`).
 */
function checkEvent(header: WebhookEventHeader, data: unknown): WebhookEvent {
  if (!isObject(data)) throw new WebhookError("malformed", "the body is not a JSON object");
  const objectKind = data.object_kind;
  const eventName = data.event_name;
  if (objectKind !== undefined && typeof objectKind !== "string") {
    throw new WebhookError("malformed", '"object_kind" should be a string');
  }
  if (eventName !== undefined && typeof eventName !== "string") {
    throw new WebhookError("malformed", '"event_name" should be a string');
  }
  const kind = objectKind ?? eventName;
  if (kind === undefined) {
    throw new WebhookError("malformed", 'the body has neither "object_kind" nor "event_name"');
  }
  if (!isKnownKind(kind)) throw new WebhookError("unknown_event", `unknown kind of event ${quote(kind)}`);
  const accepted: readonly string[] = WEBHOOK_EVENT_HEADERS[header];
  if (!accepted.includes(kind)) {
    throw new WebhookError(
      "mismatch",
      `X-Gitlab-Event ${quote(header)} does not carry ${quote(kind)} events`,
    );
  }
  const alsoNamed = NAMED_TWICE[kind];
  if (alsoNamed !== undefined && eventName !== undefined && eventName !== alsoNamed) {
    throw new WebhookError(
      "mismatch",
      `"object_kind" ${quote(kind)} disagrees with "event_name" ${quote(eventName)}`,
    );
  }
  if (header !== "System Hook" && (kind === "issue" || kind === "work_item" || kind === "note")) {
    const eventType = data.event_type;
    if (eventType !== undefined) {
      if (typeof eventType !== "string") {
        throw new WebhookError("malformed", '"event_type" should be a string');
      }
      const confidentialBody = eventType.startsWith("confidential_");
      const confidentialHeader = header.startsWith("Confidential ");
      if (confidentialBody !== confidentialHeader) {
        throw new WebhookError(
          "mismatch",
          `X-Gitlab-Event ${quote(header)} disagrees with "event_type" ${quote(eventType)}`,
        );
      }
    }
  }
  for (const [field, shape] of REQUIRED[kind]) {
    if (!hasShape(data[field], shape)) {
      const what = data[field] === undefined ? "is missing" : `should be ${SHAPE_NAMES[shape]}`;
      throw new WebhookError("malformed", `${quote(field)} of a ${quote(kind)} event ${what}`);
    }
  }
  return data as unknown as WebhookEvent;
}

/**
 * Reads, checks and parses a GitLab webhook request:
 *
 * 1. with `secret`, the `X-Gitlab-Token` header must match it (`unauthorized`);
 * 2. `Content-Type` must be `application/json` (`unsupported_media_type`);
 * 3. `X-Gitlab-Event` must be a known header value (`unknown_event`);
 * 4. the body is read up to `maxBytes` (default 25 MiB, GitLab's own limit): a larger
 *    `Content-Length` is refused before reading, and reading stops as soon as the limit is passed
 *    (`too_large`);
 * 5. with `signingToken`, `webhook-signature` must verify over the body (`unauthorized`);
 * 6. the body must be UTF-8 JSON (`not_json`) holding an object;
 * 7. its `object_kind` (or `event_name`) must be a known kind (`unknown_event`) that the header
 *    carries, with a confidential `event_type` exactly under a confidential header (`mismatch`);
 * 8. the fields every event of that kind has must be there with the right JSON types (`malformed`).
 *
 * Failures throw a {@link WebhookError} whose `status` is the HTTP status to answer with.
 *
 * @example
 * ```ts
 * import { parseWebhook, webhookKind } from "@gitlab-edge/client/webhooks";
 * const request = new Request("https://hooks.example/gitlab", {
 *   method: "POST",
 *   headers: { "Content-Type": "application/json", "X-Gitlab-Event": "Subgroup Hook", "X-Gitlab-Token": "s3cret" },
 *   body: JSON.stringify({
 *     event_name: "subgroup_create",
 *     created_at: "2026-01-20T09:40:12Z",
 *     updated_at: "2026-01-20T09:40:12Z",
 *     name: "tools",
 *     path: "tools",
 *     full_path: "acme/tools",
 *     group_id: 10,
 *     parent_group_id: 7,
 *     parent_name: "acme",
 *     parent_path: "acme",
 *     parent_full_path: "acme",
 *   }),
 * });
 * const event = await parseWebhook(request, { secret: "s3cret" });
 * if (event.object_kind === undefined && event.event_name === "subgroup_create") {
 *   console.log(webhookKind(event), event.full_path); // "subgroup_create" "acme/tools"
 * }
 * ```
 */
export async function parseWebhook(
  request: Request,
  options: ParseWebhookOptions = {},
): Promise<WebhookEvent> {
  if (options.secret !== undefined && !(await verifyWebhook(request, options.secret))) {
    throw new WebhookError(
      "unauthorized",
      "the X-Gitlab-Token header is missing or does not match the secret",
    );
  }
  const type = mediaType(request.headers.get("content-type"));
  if (type !== "application/json") {
    throw new WebhookError(
      "unsupported_media_type",
      type === ""
        ? "the request has no Content-Type"
        : `the Content-Type is ${quote(type)}, not application/json`,
    );
  }
  const header = request.headers.get("x-gitlab-event");
  if (header === null) throw new WebhookError("unknown_event", "the X-Gitlab-Event header is missing");
  if (!isKnownHeader(header)) {
    throw new WebhookError("unknown_event", `unknown X-Gitlab-Event ${quote(header)}`);
  }

  const body = await readLimitedBody(request, options.maxBytes ?? DEFAULT_MAX_BODY_BYTES);

  if (options.signingToken !== undefined) {
    if (typeof options.signingToken !== "string" || options.signingToken === "") {
      throw new TypeError("the webhook signing token must be a non-empty string");
    }
    const failure = await checkSignature({ headers: request.headers, body }, options.signingToken, options);
    if (failure !== null) throw new WebhookError("unauthorized", failure);
  }

  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch (e) {
    throw new WebhookError("not_json", "the body is not valid UTF-8", { cause: e });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new WebhookError("not_json", "the body is not valid JSON", { cause: e });
  }
  return checkEvent(header, data);
}
