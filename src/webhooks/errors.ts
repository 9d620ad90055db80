/**
 * The error `parseWebhook` throws for a request it will not accept.
 *
 * @module
 */

/**
 * Why a webhook request was refused:
 *
 * - `unauthorized`: the `X-Gitlab-Token` header or the `webhook-signature` did not verify;
 * - `too_large`: the body (declared or read) is over the size limit;
 * - `unsupported_media_type`: the `Content-Type` is not `application/json`;
 * - `not_json`: the body is not UTF-8 JSON;
 * - `malformed`: the JSON is not an event of the expected shape;
 * - `unknown_event`: the `X-Gitlab-Event` header is missing or unknown, or the body names an unknown
 *   kind of event;
 * - `mismatch`: the header and the body's `object_kind`/`event_name`/`event_type` disagree.
 *
 * @example
 * ```ts
 * import type { WebhookErrorReason } from "@gitlab-edge/client/webhooks";
 * const retryable = (reason: WebhookErrorReason) => reason === "too_large";
 * ```
 */
export type WebhookErrorReason =
  | "unauthorized"
  | "too_large"
  | "unsupported_media_type"
  | "not_json"
  | "malformed"
  | "unknown_event"
  | "mismatch";

const STATUS: Record<WebhookErrorReason, number> = {
  unauthorized: 401,
  too_large: 413,
  unsupported_media_type: 415,
  not_json: 400,
  malformed: 400,
  unknown_event: 400,
  mismatch: 400,
};

/**
 * A webhook request that was refused, with the {@link WebhookErrorReason} and the HTTP status to answer
 * with. Messages never contain a secret, a token or a header value that could hold one.
 *
 * @example
 * ```ts
 * import { parseWebhook, WebhookError } from "@gitlab-edge/client/webhooks";
 * const request = new Request("https://hooks.example/", { method: "POST", body: "{}" });
 * try {
 *   await parseWebhook(request);
 * } catch (e) {
 *   if (!(e instanceof WebhookError)) throw e;
 *   console.log(e.reason, e.status); // "unsupported_media_type" 415 (no JSON content type)
 * }
 * ```
 */
export class WebhookError extends Error {
  /** Why the request was refused. */
  readonly reason: WebhookErrorReason;

  /**
   * Creates the error.
   *
   * @param reason Why the request was refused.
   * @param message What exactly was wrong, for logs.
   * @param options An optional cause.
   */
  constructor(reason: WebhookErrorReason, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "WebhookError";
    this.reason = reason;
  }

  /** The HTTP status that fits the reason: 401, 413, 415 or 400. */
  get status(): number {
    return STATUS[this.reason];
  }
}
