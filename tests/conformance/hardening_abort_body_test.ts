// An abort while a body is being read rejects with the signal's reason, whatever the reason is: an Error,
// a string, a number, null, an object, or the DOMException of abort() without a reason.
import assert from "node:assert/strict";
import { createClient, httpGet, httpStream, listProjects } from "@gitlab-edge/client";
import { rejection } from "../_helpers.ts";

const BASE = "https://gitlab.example.com";

const REASONS: [string, (c: AbortController) => void][] = [
  ["an Error", (c) => c.abort(new Error("navigated away"))],
  ["a string", (c) => c.abort("stop")],
  ["a number", (c) => c.abort(42)],
  ["null", (c) => c.abort(null)],
  ["an object", (c) => c.abort({ code: "cancelled" })],
  ["no reason (the default DOMException)", (c) => c.abort()],
  ["undefined (the default DOMException)", (c) => c.abort(undefined)],
];

/**
 * A transport whose answer sends `first`, then aborts the caller's controller when the next chunk is
 * asked for, and then never sends anything more (an in-memory body does not notice the abort).
 */
function abortingBody(controller: AbortController, abort: (c: AbortController) => void, status = 200) {
  return () =>
    Promise.resolve(
      new Response(
        new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(new TextEncoder().encode(status === 200 ? '[{"id":1},' : '{"message":'));
          },
          pull() {
            abort(controller);
            return new Promise(() => {});
          },
        }),
        { status, headers: { "content-type": "application/json" } },
      ),
    );
}

/** The client: a deadline far enough away that only the abort can end the read. */
function client(fetch: (r: Request) => Promise<Response>) {
  return createClient({ baseUrl: BASE, retry: false, timeout: 2_000, fetch });
}

Deno.test("hardening: an abort while a JSON body is read rejects with signal.reason, whatever it is", async () => {
  for (const [label, abort] of REASONS) {
    const controller = new AbortController();
    const c = client(abortingBody(controller, abort));
    const e = await rejection(httpGet(c, "/projects", { signal: controller.signal }));
    assert.ok(controller.signal.aborted, label);
    assert.equal(e, controller.signal.reason, `${label}: got ${String(e)}`);
  }
});

Deno.test("hardening: an abort while an error body is read rejects with signal.reason, not the status", async () => {
  for (const [label, abort] of REASONS) {
    const controller = new AbortController();
    const c = client(abortingBody(controller, abort, 503));
    const e = await rejection(httpGet(c, "/projects", { signal: controller.signal }));
    assert.equal(e, controller.signal.reason, `${label}: got ${String(e)}`);
  }
});

Deno.test("hardening: an abort while a list page is read rejects with signal.reason", async () => {
  for (const [label, abort] of REASONS) {
    const controller = new AbortController();
    const c = client(abortingBody(controller, abort));
    const e = await rejection(listProjects(c, { signal: controller.signal }).toArray());
    assert.equal(e, controller.signal.reason, `${label}: got ${String(e)}`);
  }
});

Deno.test("hardening: an abort while the caller reads a stream errors it with signal.reason", async () => {
  for (const [label, abort] of REASONS) {
    const controller = new AbortController();
    const c = client(abortingBody(controller, abort));
    const reader = (await httpStream(c, "/projects/1/repository/archive", { signal: controller.signal }))
      .getReader();
    // The first chunk may come before the abort or be dropped by it; the read after the abort fails.
    const e = await rejection((async () => {
      for (let i = 0; i < 3; i++) await reader.read();
    })());
    assert.equal(e, controller.signal.reason, `${label}: got ${String(e)}`);
  }
});

Deno.test("hardening: an abort while a stream's error body is read rejects with signal.reason", async () => {
  for (const [label, abort] of REASONS) {
    const controller = new AbortController();
    const c = client(abortingBody(controller, abort, 503));
    const e = await rejection(httpStream(c, "/projects/1/repository/archive", { signal: controller.signal }));
    assert.equal(e, controller.signal.reason, `${label}: got ${String(e)}`);
  }
});
