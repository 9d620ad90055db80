/**
 * Checking that a webhook request comes from GitLab.
 *
 * GitLab authenticates webhook requests in two ways:
 *
 * - **Secret token** (every GitLab version): the token configured on the hook is sent as is in the
 *   `X-Gitlab-Token` header. {@link verifyWebhook} compares it with yours in constant time (SHA-256
 *   digests of both, compared with an XOR loop that never stops early).
 * - **Signing token** (new; behind GitLab's `webhook_signing_token` feature flag): GitLab signs each
 *   request following the Standard Webhooks scheme: `webhook-signature: v1,<base64 HMAC-SHA256>` over
 *   `<webhook-id>.<webhook-timestamp>.<raw body>`, with `webhook-id` (the `Idempotency-Key`) and
 *   `webhook-timestamp` (Unix seconds) sent alongside, and a signing token of the form
 *   `whsec_<base64 key>`. {@link verifyWebhookSignature} checks the HMAC with Web Crypto and refuses
 *   a timestamp more than {@link DEFAULT_SIGNATURE_TOLERANCE_SECONDS} seconds from now, which stops
 *   a captured request from being replayed later.
 *
 * Nothing here logs or puts a secret, a token or a signature in an error message.
 *
 * @module
 */

import { DEFAULT_MAX_BODY_BYTES, readLimitedBody } from "./body.ts";

/**
 * How far `webhook-timestamp` may be from the current time, in seconds, before a signed request is
 * refused: 5 minutes, the window the Standard Webhooks scheme recommends.
 *
 * @example
 * ```ts
 * import { DEFAULT_SIGNATURE_TOLERANCE_SECONDS } from "@gitlab-edge/client/webhooks";
 * console.log(DEFAULT_SIGNATURE_TOLERANCE_SECONDS); // 300
 * ```
 */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * The secrets to check a request against: the hook's secret token, its signing token, or both (then
 * both must verify).
 *
 * @example
 * ```ts
 * import type { WebhookSecrets } from "@gitlab-edge/client/webhooks";
 * const secrets: WebhookSecrets = { token: "s3cret", signingToken: "whsec_c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0zMmJ5dGU=" };
 * console.log(Object.keys(secrets));
 * ```
 */
export interface WebhookSecrets {
  /** The hook's secret token, expected in `X-Gitlab-Token`. */
  token?: string;
  /** The hook's signing token (`whsec_…`), checked against `webhook-signature`. */
  signingToken?: string;
  /** The allowed clock difference for `webhook-timestamp`, in seconds (default 300). */
  toleranceSeconds?: number;
  /** The current time in milliseconds since the epoch (default `Date.now()`); for tests. */
  now?: number;
  /** The largest body read to check a signature (default {@link DEFAULT_MAX_BODY_BYTES}). */
  maxBytes?: number;
}

/**
 * Options of {@link verifyWebhookSignature}.
 *
 * @example
 * ```ts
 * import type { SignatureOptions } from "@gitlab-edge/client/webhooks";
 * const strict: SignatureOptions = { toleranceSeconds: 60 };
 * console.log(strict.toleranceSeconds);
 * ```
 */
export interface SignatureOptions {
  /** The allowed clock difference for `webhook-timestamp`, in seconds (default 300). */
  toleranceSeconds?: number;
  /** The current time in milliseconds since the epoch (default `Date.now()`). */
  now?: number;
}

/**
 * What {@link verifyWebhookSignature} checks: the request's headers and its raw body, exactly as
 * received.
 *
 * @example
 * ```ts
 * import type { SignedPayload } from "@gitlab-edge/client/webhooks";
 * const payload: SignedPayload = { headers: new Headers(), body: '{"object_kind":"push"}' };
 * console.log(payload.body.length);
 * ```
 */
export interface SignedPayload {
  /** The request headers (`webhook-id`, `webhook-timestamp`, `webhook-signature`). */
  headers: Headers;
  /** The raw body, exactly as received. */
  body: Uint8Array | string;
}

const encoder = new TextEncoder();

/** Whether two byte strings are equal, looking at every byte of the longer one (no early exit). */
function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  const length = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
}

/**
 * Compares two strings in time independent of where (and whether) they differ and of their lengths:
 * both are hashed to 32 bytes first, then compared with a full XOR loop.
 */
async function stringsEqual(a: string, b: string): Promise<boolean> {
  const [da, db] = await Promise.all([sha256(encoder.encode(a)), sha256(encoder.encode(b))]);
  return bytesEqual(da, db);
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array | null {
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

async function importSigningKey(signingToken: string): Promise<CryptoKey> {
  const key = fromBase64(signingToken.startsWith("whsec_") ? signingToken.slice(6) : signingToken);
  if (key === null || key.length === 0) {
    throw new TypeError("the signing token is not a whsec_<base64> value");
  }
  return await crypto.subtle.importKey(
    "raw",
    key as Uint8Array<ArrayBuffer>,
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
}

function signedContent(id: string, timestamp: string, body: Uint8Array | string): Uint8Array<ArrayBuffer> {
  const prefix = encoder.encode(`${id}.${timestamp}.`);
  const rest = typeof body === "string" ? encoder.encode(body) : body;
  const content = new Uint8Array(prefix.length + rest.length);
  content.set(prefix, 0);
  content.set(rest, prefix.length);
  return content;
}

async function hmac(signingToken: string, id: string, timestamp: string, body: Uint8Array | string) {
  const key = await importSigningKey(signingToken);
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, signedContent(id, timestamp, body)));
}

/**
 * Checks a signed payload; returns `null` when it verifies, else what failed (never a secret).
 * Throws a `TypeError` when the signing token itself is unusable.
 */
export async function checkSignature(
  payload: SignedPayload,
  signingToken: string,
  options: SignatureOptions = {},
): Promise<string | null> {
  const id = payload.headers.get("webhook-id");
  const timestamp = payload.headers.get("webhook-timestamp");
  const signature = payload.headers.get("webhook-signature");
  if (id === null || timestamp === null || signature === null) {
    return "the webhook-id, webhook-timestamp or webhook-signature header is missing";
  }
  if (!/^\d{1,15}$/.test(timestamp)) return "the webhook-timestamp header is not a Unix time in seconds";
  const tolerance = options.toleranceSeconds ?? DEFAULT_SIGNATURE_TOLERANCE_SECONDS;
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(nowSeconds - Number(timestamp)) > tolerance) {
    return `the webhook-timestamp is more than ${tolerance} seconds from the current time`;
  }
  const expected = await hmac(signingToken, id, timestamp, payload.body);
  let matched = false;
  for (const entry of signature.split(" ")) {
    if (!entry.startsWith("v1,")) continue;
    const candidate = fromBase64(entry.slice(3));
    if (candidate !== null && bytesEqual(candidate, expected)) matched = true;
  }
  return matched ? null : "no webhook-signature entry matches the body";
}

/**
 * Checks the `webhook-signature` of a signed GitLab webhook (see the module doc): the HMAC-SHA256 with
 * the signing token over `<webhook-id>.<webhook-timestamp>.<body>` must match one `v1,` entry, and
 * the timestamp must be within the tolerance of now. Pass the body exactly as received. Resolves
 * `false` on any failure; rejects with a `TypeError` if the signing token is not `whsec_<base64>`.
 *
 * @example
 * ```ts
 * import { signWebhook, verifyWebhookSignature } from "@gitlab-edge/client/webhooks";
 * const signingToken = "whsec_c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0zMmJ5dGU=";
 * const body = '{"object_kind":"push"}';
 * const timestamp = String(Math.floor(Date.now() / 1000));
 * const headers = new Headers({
 *   "webhook-id": "7f9c0a4e-0d1e-4b9a-9c3f-2b1d5e6f7a80",
 *   "webhook-timestamp": timestamp,
 *   "webhook-signature": await signWebhook(signingToken, { id: "7f9c0a4e-0d1e-4b9a-9c3f-2b1d5e6f7a80", timestamp, body }),
 * });
 * console.log(await verifyWebhookSignature({ headers, body }, signingToken)); // true
 * console.log(await verifyWebhookSignature({ headers, body: body + " " }, signingToken)); // false
 * ```
 */
export async function verifyWebhookSignature(
  payload: SignedPayload,
  signingToken: string,
  options: SignatureOptions = {},
): Promise<boolean> {
  return (await checkSignature(payload, signingToken, options)) === null;
}

/**
 * Computes the `webhook-signature` value GitLab would send for a body: `v1,<base64 HMAC-SHA256>`.
 * For tests and for replaying a delivery locally.
 *
 * @example
 * ```ts
 * import { signWebhook } from "@gitlab-edge/client/webhooks";
 * const signature = await signWebhook("whsec_c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0zMmJ5dGU=", {
 *   id: "msg-1",
 *   timestamp: "1767225600",
 *   body: "{}",
 * });
 * console.log(signature.startsWith("v1,")); // true
 * ```
 */
export async function signWebhook(
  signingToken: string,
  message: { id: string; timestamp: string | number; body: Uint8Array | string },
): Promise<string> {
  return `v1,${toBase64(await hmac(signingToken, message.id, String(message.timestamp), message.body))}`;
}

/**
 * Checks that `request` comes from GitLab. With a string (the hook's secret token), the
 * `X-Gitlab-Token` header must equal it; the comparison takes the same time wherever the values
 * differ and whatever their lengths. With {@link WebhookSecrets}, the token and/or the signing token
 * are checked; the signature check reads a clone of the body (up to `maxBytes`), so the request can
 * still be parsed afterwards. Resolves `false` when a check fails; throws a `TypeError` when no
 * secret, or an empty one, is given (a configuration error, not a bad request).
 *
 * @example
 * ```ts
 * import { verifyWebhook } from "@gitlab-edge/client/webhooks";
 * const request = new Request("https://hooks.example/gitlab", {
 *   method: "POST",
 *   headers: { "X-Gitlab-Token": "s3cret", "X-Gitlab-Event": "Push Hook" },
 *   body: "{}",
 * });
 * console.log(await verifyWebhook(request, "s3cret")); // true
 * console.log(await verifyWebhook(request, "s3cret-but-longer")); // false
 * ```
 */
export async function verifyWebhook(request: Request, secret: string | WebhookSecrets): Promise<boolean> {
  const secrets: WebhookSecrets = typeof secret === "string" ? { token: secret } : secret;
  if (secrets.token === undefined && secrets.signingToken === undefined) {
    throw new TypeError("verifyWebhook needs a secret token or a signing token");
  }
  if (secrets.token !== undefined) {
    if (typeof secrets.token !== "string" || secrets.token === "") {
      throw new TypeError("the webhook secret token must be a non-empty string");
    }
    const presented = request.headers.get("x-gitlab-token");
    if (presented === null) return false;
    if (!(await stringsEqual(presented, secrets.token))) return false;
  }
  if (secrets.signingToken !== undefined) {
    if (typeof secrets.signingToken !== "string" || secrets.signingToken === "") {
      throw new TypeError("the webhook signing token must be a non-empty string");
    }
    let body: Uint8Array;
    try {
      body = await readLimitedBody(request.clone(), secrets.maxBytes ?? DEFAULT_MAX_BODY_BYTES);
    } catch {
      return false;
    }
    return await verifyWebhookSignature({ headers: request.headers, body }, secrets.signingToken, secrets);
  }
  return true;
}
