/**
 * Reading a request body with a size limit (internal).
 *
 * @module
 */

import { WebhookError } from "./errors.ts";

/**
 * The default body size limit: 25 MiB, the largest request body GitLab sends to a webhook (its
 * `WebHookService::REQUEST_BODY_SIZE_LIMIT`).
 *
 * @example
 * ```ts
 * import { DEFAULT_MAX_BODY_BYTES } from "@gitlab-edge/client/webhooks";
 * console.log(DEFAULT_MAX_BODY_BYTES); // 26214400
 * ```
 */
export const DEFAULT_MAX_BODY_BYTES: number = 25 * 1024 * 1024;

/**
 * Reads `request`'s body into bytes, refusing (`too_large`) a `Content-Length` over `maxBytes` before
 * reading anything, and cancelling the stream as soon as more than `maxBytes` have arrived.
 */
export async function readLimitedBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (!(maxBytes >= 0)) throw new RangeError("maxBytes must be a non-negative number");
  const declared = request.headers.get("content-length")?.trim();
  if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > maxBytes) {
    // Not awaited: cancelling one branch of a cloned (teed) body settles only when the other branch is
    // cancelled too.
    request.body?.cancel().catch(() => undefined);
    throw new WebhookError("too_large", `the body declares ${declared} bytes, over the limit of ${maxBytes}`);
  }
  if (request.bodyUsed) throw new WebhookError("malformed", "the request body was already read");
  const body = request.body;
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        reader.cancel().catch(() => undefined);
        throw new WebhookError("too_large", `the body is over the limit of ${maxBytes} bytes`);
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof WebhookError) throw e;
    throw new WebhookError("malformed", "the request body could not be read", { cause: e });
  } finally {
    reader.releaseLock();
  }
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
