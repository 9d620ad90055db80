/**
 * Typed GitLab webhooks for edge functions: verify that a request comes from GitLab, parse it into a
 * checked, typed event, and switch on its kind. Web APIs only (`Request`, `ReadableStream`,
 * `TextDecoder`, `crypto.subtle`), so it runs unchanged on Deno, Node, Bun and Cloudflare Workers.
 *
 * - {@link verifyWebhook}: constant-time check of the `X-Gitlab-Token` secret token, and of the
 *   HMAC-SHA256 `webhook-signature` when the hook has a signing token.
 * - {@link parseWebhook}: size-limited body read, content-type, JSON, header/kind agreement and shape
 *   checks; throws a {@link WebhookError} carrying a reason and the HTTP status to answer with.
 * - {@link WebhookEvent}: the union of every event GitLab's project, group and system hooks send,
 *   discriminated by `object_kind` (or `event_name` for the events without one).
 *
 * ```ts
 * import { parseWebhook, WebhookError } from "@gitlab-edge/client/webhooks";
 *
 * async function handle(request: Request, secret: string): Promise<Response> {
 *   try {
 *     const event = await parseWebhook(request, { secret });
 *     switch (event.object_kind) {
 *       case "push":
 *         return Response.json({ pushed: event.ref, commits: event.total_commits_count });
 *       case "merge_request":
 *         return Response.json({ mr: event.object_attributes.iid, action: event.object_attributes.action });
 *       default:
 *         return Response.json({ ignored: event.object_kind ?? event.event_name });
 *     }
 *   } catch (e) {
 *     if (e instanceof WebhookError) return Response.json({ error: e.reason }, { status: e.status });
 *     throw e;
 *   }
 * }
 *
 * const response = await handle(
 *   new Request("https://hooks.example/gitlab", {
 *     method: "POST",
 *     headers: { "Content-Type": "application/json", "X-Gitlab-Event": "Push Hook", "X-Gitlab-Token": "s3cret" },
 *     body: "{}",
 *   }),
 *   "s3cret",
 * );
 * console.log(response.status, await response.json()); // 400 { error: "malformed" } (an empty object is no event)
 * ```
 *
 * @module
 */

export type * from "./events.ts";
export { isWebhookEvent, WEBHOOK_EVENT_HEADERS, webhookKind } from "./events.ts";
export { WebhookError, type WebhookErrorReason } from "./errors.ts";
export { DEFAULT_MAX_BODY_BYTES } from "./body.ts";
export {
  DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
  type SignatureOptions,
  type SignedPayload,
  signWebhook,
  verifyWebhook,
  verifyWebhookSignature,
  type WebhookSecrets,
} from "./verify.ts";
export { parseWebhook, type ParseWebhookOptions } from "./parse.ts";
