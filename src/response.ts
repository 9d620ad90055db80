/**
 * Turning a `Response` into a result: JSON (empty for 204), a stream, or a `GitLabHTTPError` built
 * from GitLab's error body.
 *
 * @module
 */

import { GitLabError, type GitLabErrorBody, GitLabHTTPError, GitLabNetworkError } from "./errors.ts";
import { attemptsOf, serverDelay } from "./middleware/retry.ts";
import { untilAborted } from "./middleware/timeout.ts";

/**
 * Throws `GitLabHTTPError` when `response` is not 2xx (reading and parsing its body), else returns it.
 *
 * @example
 * ```ts
 * import { ensureOk } from "./response.ts";
 * const r = new Response('{"message":"404 Project Not Found"}', { status: 404 });
 * await ensureOk(r, "GET", "https://gitlab.example.com/api/v4/projects/9").catch((e) => e.message);
 * // "GET https://gitlab.example.com/api/v4/projects/9: 404: 404 Project Not Found"
 * ```
 */
export async function ensureOk(
  response: Response,
  method: string,
  url: string,
  deadline?: AbortSignal,
): Promise<Response> {
  if (response.ok) return response;
  let body: GitLabErrorBody | string | undefined;
  try {
    const text = await read(response, deadline);
    body = text === "" ? undefined : text;
    if (text !== "" && /^\s*[{[]/.test(text)) body = JSON.parse(text) as GitLabErrorBody;
  } catch {
    // An unreadable or non-JSON error body keeps what was read (or nothing): the status says enough.
  }
  const retryAfter = serverDelay(response.headers, Date.now());
  throw new GitLabHTTPError({
    method,
    url,
    status: response.status,
    statusText: response.statusText,
    requestId: response.headers.get("x-request-id"),
    body,
    retryAfter: retryAfter === undefined ? undefined : Math.ceil(retryAfter / 1000),
    attempts: attemptsOf.get(response),
  });
}

/**
 * Reads a successful response as JSON; an empty body (204, 202 without content) gives `undefined`.
 * A body cut short becomes `GitLabNetworkError`, invalid JSON a `GitLabError`; when `deadline` aborts
 * first, its reason (a `GitLabTimeoutError`) is thrown and the body cancelled.
 *
 * @example
 * ```ts
 * import { readJson } from "./response.ts";
 * await readJson(new Response('{"id":1}'), "GET", "https://gitlab.example.com/api/v4/projects/1"); // { id: 1 }
 * ```
 */
export async function readJson(
  response: Response,
  method: string,
  url: string,
  deadline?: AbortSignal,
): Promise<unknown> {
  await ensureOk(response, method, url, deadline);
  let text: string;
  try {
    text = await read(response, deadline);
  } catch (cause) {
    if (cause instanceof GitLabError || (cause instanceof Error && cause.name === "AbortError")) throw cause;
    throw new GitLabNetworkError({ method, url, cause, attempts: attemptsOf.get(response) });
  }
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new GitLabError(`response is not valid JSON (${text.length} bytes)`, { method, url, cause });
  }
}

/** Reads the body as text, racing `deadline` (the body is cancelled when the deadline wins). */
function read(response: Response, deadline: AbortSignal | undefined): Promise<string> {
  if (!deadline) return response.text();
  return untilAborted(response.text(), deadline).catch((e) => {
    if (deadline.aborted) response.body?.cancel().catch(() => {});
    throw e;
  });
}
