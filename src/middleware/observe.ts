/**
 * `observeAttempts()`: a transport that reports every attempt it carries (each retry and each redirect is
 * one) to a hook of yours, for logging and metrics. Give it as the client's `fetch`: it sits after the
 * auth step, so it sees what goes on the wire, and it never hands the hook a credential.
 *
 * @module
 */

import { redactUrl, transportFailure } from "../errors.ts";
import type { Fetch } from "../pipeline.ts";

/**
 * One attempt as the hook of {@linkcode observeAttempts} sees it: what was sent where, what came back, and
 * how long it took.
 *
 * @example
 * ```ts
 * import { type Attempt, createClient, observeAttempts } from "@gitlab-edge/client";
 * const log = (a: Attempt) => console.log(a.method, a.url, a.status ?? a.error?.name, `${a.durationMs.toFixed(1)} ms`);
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: observeAttempts(log) });
 * ```
 */
export interface Attempt {
  /** The HTTP method. */
  readonly method: string;
  /** The URL, with credentials in its query (if any) redacted. */
  readonly url: string;
  /** The response status, when one came. */
  readonly status?: number;
  /** GitLab's `X-Request-Id`, when sent. */
  readonly requestId?: string;
  /** The failure, when no response came (a `GitLabNetworkError`, or the reason of an abort). */
  readonly error?: Error;
  /** When it started, in milliseconds since the epoch. */
  readonly startedAt: number;
  /** Milliseconds until the response's headers (or the failure). */
  readonly durationMs: number;
}

/**
 * Wraps `transport` (default: the global `fetch`, looked up per request) so that `onAttempt` is called
 * after every attempt with its method, redacted URL, status or error, request id and timing. A hook that
 * throws is ignored: logging never changes a call's outcome. A failure of the transport rejects with a
 * `GitLabNetworkError` (its URL redacted), or with the abort's reason when the request was aborted.
 *
 * @example
 * ```ts
 * import { type Attempt, createClient, getProject, observeAttempts } from "@gitlab-edge/client";
 * import { createSimulator } from "@gitlab-edge/client/testing";
 * const seen: Attempt[] = [];
 * const client = createClient({
 *   baseUrl: "https://gitlab.example.com",
 *   fetch: observeAttempts((a) => seen.push(a), createSimulator().fetch),
 * });
 * await getProject(client, "acme/web");
 * seen[0].status; // 200
 * ```
 */
export function observeAttempts(onAttempt: (attempt: Attempt) => void, transport?: Fetch): Fetch {
  if (typeof onAttempt !== "function") {
    throw new TypeError('observeAttempts(): parameter "onAttempt" must be a function');
  }
  if (transport !== undefined && typeof transport !== "function") {
    throw new TypeError('observeAttempts(): parameter "transport" must be a function');
  }
  const next: Fetch = transport ?? ((request) => globalThis.fetch(request));
  const report = (attempt: Attempt) => {
    try {
      onAttempt(attempt);
    } catch {
      // A logging hook must not change the call's outcome.
    }
  };
  return async (request) => {
    const startedAt = Date.now();
    const started = performance.now();
    const base = { method: request.method, url: redactUrl(request.url), startedAt };
    let response: Response;
    try {
      response = await next(request);
    } catch (cause) {
      const error = transportFailure(request, cause);
      report({
        ...base,
        error: error instanceof Error ? error : new Error(String(error)),
        durationMs: performance.now() - started,
      });
      throw error;
    }
    const requestId = response.headers.get("x-request-id");
    report({
      ...base,
      status: response.status,
      ...(requestId ? { requestId } : {}),
      durationMs: performance.now() - started,
    });
    return response;
  };
}
