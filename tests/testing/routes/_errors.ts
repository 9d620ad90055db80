/**
 * Helpers for the simulator route tests: the status and body of a call that must fail, and a byte
 * stream read to the end.
 *
 * @module
 */
import { GitLabHTTPError } from "@gitlab-edge/client";

/** The HTTP status and body of the error `promise` rejects with; throws when it resolves. */
export async function failure(promise: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof GitLabHTTPError) return { status: e.status, body: e.body };
    throw e;
  }
  throw new Error("expected the call to fail");
}

/** All bytes of a stream. */
export async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
