/**
 * The rules for sending a request body again, for a retry or a redirect that keeps the body, installed
 * by {@linkcode sendsBodies}. The functions that can send a body call it, so these rules are in a bundle
 * exactly when something in it sends bodies (see `BodyRules` in `redirect.ts`).
 *
 * - A request the library built is made again from the `BodyInit` it was built from (`requestBodies`,
 *   in `auth.ts`): nothing is cloned, teed or buffered.
 * - A `ReadableStream` the library was given is sent once, as it is read: it is never sent again.
 * - Any other request is cloned before it is first sent, and each further send takes a clone.
 * - A redirect that turns the request into a `GET` drops the body and the headers describing it.
 *
 * @module
 */

import { buildRequest, type RequestBody } from "../request_init.ts";
import { builtRequests, requestBodies } from "./auth.ts";
import { type BodyHops, bodyRules } from "./redirect.ts";

/** The headers describing a request body, dropped when a redirect turns the request into a `GET`. */
const BODY_HEADERS = [
  "content-type",
  "content-length",
  "content-encoding",
  "content-language",
  "content-location",
];

/** A copy of `request` (which has a body) to send in its place; `undefined` for a stream the library was given. */
function resend(request: Request): Request | undefined {
  const source = requestBodies.get(request);
  if (source === undefined) return request.clone();
  if (source instanceof ReadableStream) return undefined;
  const copy = buildRequest(
    request.url,
    request.method,
    new Headers(request.headers),
    source,
    request.signal,
  );
  requestBodies.set(copy, source);
  if (builtRequests.has(request)) builtRequests.add(copy);
  return copy;
}

/** What the redirects of `request` (which has a body) send: its own body, rebuilt; a clone; or, for a stream, nothing. */
function follow(request: Request): BodyHops {
  const given = requestBodies.get(request);
  let stream = given instanceof ReadableStream ? given : undefined;
  let source: RequestBody | undefined = stream ? undefined : given;
  // Taken before the first send: sending reads the body.
  let replay = given === undefined ? request.clone() : undefined;
  return {
    next(keep, headers) {
      if (keep && stream) return false;
      if (keep && source !== undefined) return source;
      if (keep && replay) {
        // Clone first: the clone tees the body, and `sending.body` is then the branch left to send.
        const sending = replay;
        replay = replay.clone();
        return sending.body;
      }
      source = replay = stream = undefined;
      if (!keep) { for (const name of BODY_HEADERS) headers.delete(name); }
      return null;
    },
    cancel() {
      stream?.cancel().catch(() => {});
    },
  };
}

/**
 * Installs the rules for sending a body again (idempotent). The library's functions that send bodies call
 * it (the resource functions of writes when they are defined, the others when called). Internal: not
 * re-exported.
 *
 * @example
 * ```ts
 * import { sendsBodies } from "./bodies.ts";
 * import { resendable } from "./redirect.ts";
 * sendsBodies();
 * const request = new Request("https://gitlab.example.com/api/v4/projects", { method: "POST", body: "{}" });
 * await resendable(request)?.text(); // "{}"
 * ```
 */
export function sendsBodies(): void {
  bodyRules.resend = resend;
  bodyRules.follow = follow;
}
