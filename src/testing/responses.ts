/**
 * Responses the simulator sends: JSON bodies with GitLab's headers, and the errors handlers throw to
 * answer with a GitLab-shaped error body.
 *
 * @module
 */

const encoder = new TextEncoder();

/** @internal thrown by handlers to answer with `status` and a JSON `body`. */
export class HttpError extends Error {
  /** HTTP status. */
  readonly status: number;
  /** JSON body. */
  readonly body: unknown;
  /** Extra response headers. */
  readonly headers?: Record<string, string>;
  /** Creates an error answered with `status` and `body`. */
  constructor(status: number, body: unknown, headers?: Record<string, string>) {
    super(`HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

/** @internal 404 with GitLab's `{"message":"404 <what> Not Found"}`. */
export function notFound(what: string): HttpError {
  return new HttpError(404, { message: `404 ${what} Not Found` });
}

/** @internal 404 for a path no route answers: `{"error":"404 Not Found"}`. */
export function routeNotFound(): HttpError {
  return new HttpError(404, { error: "404 Not Found" });
}

/** @internal 403 with `{"message":"403 Forbidden"}`. */
export function forbidden(): HttpError {
  return new HttpError(403, { message: "403 Forbidden" });
}

/** @internal 401 with `{"message":"401 Unauthorized"}`. */
export function unauthorized(): HttpError {
  return new HttpError(401, { message: "401 Unauthorized" });
}

/** @internal 400 with Grape's `{"error":"<message>"}` (parameter validation). */
export function badRequest(error: string): HttpError {
  return new HttpError(400, { error });
}

/** @internal a JSON response with the headers GitLab sends on API answers. */
export function jsonResponse(
  requestId: string,
  status: number,
  body: unknown,
  extra?: Headers | Record<string, string>,
): Response {
  const h = new Headers(extra);
  h.set("content-type", "application/json");
  h.set("x-request-id", requestId);
  h.set("cache-control", "max-age=0, private, must-revalidate");
  const bytes = encoder.encode(JSON.stringify(body));
  h.set("content-length", String(bytes.length));
  return new Response(bytes, { status, headers: h });
}

/** @internal a 204 No Content response. */
export function noContent(requestId: string): Response {
  return new Response(null, { status: 204, headers: { "x-request-id": requestId } });
}
