/**
 * Over loopback HTTP: an abort while the body is being read rejects with `signal.reason`, whatever it is
 * (an Error, a string, a number, the DOMException of `abort()` without a reason), for a JSON body and for
 * an error body, on every runtime's own fetch. Deno's sanitizers stay on: nothing is left running.
 */
import assert from "node:assert/strict";
import { createClient, getProject } from "@gitlab-edge/client";
import { badServer, sleep, slowBody } from "./_bad_server.ts";

const REASONS: [string, (c: AbortController) => void][] = [
  ["an Error", (c) => c.abort(new Error("navigated away"))],
  ["a string", (c) => c.abort("stop")],
  ["a number", (c) => c.abort(42)],
  ["no reason (the default DOMException)", (c) => c.abort()],
];

for (const status of [200, 503]) {
  Deno.test(`abort reason: an abort while a ${status} body is read over loopback rejects with signal.reason`, async () => {
    const srv = await badServer((request) => {
      const slow = slowBody(request, Array.from({ length: 40 }, (_, i) => (i ? ",1" : "[1")), 40);
      return new Response(slow.body, { status, headers: slow.headers });
    });
    try {
      const client = createClient({ baseUrl: srv.url, retry: false });
      for (const [label, abort] of REASONS) {
        const controller = new AbortController();
        const call = getProject(client, 1, { signal: controller.signal }).then(
          () => ({ resolved: true }),
          (e: unknown) => ({ rejected: e }),
        );
        await sleep(100); // the headers are in, the body is trickling
        abort(controller);
        const started = Date.now();
        const outcome = await call;
        assert.ok("rejected" in outcome, `${label}: the call resolved`);
        assert.equal(outcome.rejected, controller.signal.reason, `${label}: got ${String(outcome.rejected)}`);
        assert.ok(Date.now() - started < 1_000, `${label}: promptly`);
      }
    } finally {
      await srv.close();
    }
  });
}
