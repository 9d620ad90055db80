import assert from "node:assert/strict";
import { getProject, GitLabTimeoutError, listProjects } from "@gitlab-edge/client";
import { SIM_ADMIN_TOKEN } from "@gitlab-edge/client/testing";
import { setup } from "./helpers.ts";

Deno.test("conformance: a call that gets no answer fails with GitLabTimeoutError", async () => {
  const { sim, client } = setup({ timeout: 30 });
  sim.fault({ path: "/projects/1", hang: true });
  const started = Date.now();
  await assert.rejects(
    getProject(client, 1),
    (e: unknown) => e instanceof GitLabTimeoutError && e.timeout === 30 && e.method === "GET",
  );
  assert.ok(Date.now() - started < 5_000);
});

Deno.test("conformance: a per-call timeout overrides the client's", async () => {
  const { sim, client } = setup({ timeout: 60_000 });
  sim.fault({ path: "/projects/1", hang: true });
  await assert.rejects(
    getProject(client, 1, { timeout: 20 }),
    (e: unknown) => e instanceof GitLabTimeoutError && e.timeout === 20,
  );
});

Deno.test("conformance: the timeout covers reading the body", async () => {
  const { sim, client } = setup({ timeout: 40, retry: false });
  sim.fault({ path: "/projects/1", slowBody: 1_000 });
  await assert.rejects(getProject(client, 1), (e: unknown) => e instanceof GitLabTimeoutError);
});

Deno.test("conformance: the timeout covers retry waits", async () => {
  const { sim, client } = setup({ timeout: 40 });
  sim.fault({ path: "/projects/1", status: 503, headers: { "Retry-After": "10" }, times: Infinity });
  const started = Date.now();
  await assert.rejects(getProject(client, 1), (e: unknown) => e instanceof GitLabTimeoutError);
  assert.ok(Date.now() - started < 5_000, "the real 10 s wait was cut short by the deadline");
});

Deno.test("conformance: aborting a call rejects with the signal's reason", async () => {
  const { sim, client } = setup();
  sim.fault({ path: "/projects/1", hang: true });
  const controller = new AbortController();
  const reason = new Error("user cancelled");
  const call = getProject(client, 1, { signal: controller.signal });
  controller.abort(reason);
  await assert.rejects(call, (e: unknown) => e === reason);
});

Deno.test("conformance: an already aborted signal rejects at once", async () => {
  const { client } = setup();
  const reason = new Error("too late");
  await assert.rejects(
    getProject(client, 1, { signal: AbortSignal.abort(reason) }),
    (e: unknown) => e === reason,
  );
});

Deno.test("conformance: aborting interrupts a retry wait", async () => {
  const { sim, client } = setup();
  sim.fault({ path: "/projects/1", status: 429, headers: { "Retry-After": "15" } });
  const controller = new AbortController();
  const reason = new Error("stop waiting");
  const started = Date.now();
  const call = getProject(client, 1, { signal: controller.signal });
  const timer = setTimeout(() => controller.abort(reason), 20);
  try {
    await assert.rejects(call, (e: unknown) => e === reason);
  } finally {
    clearTimeout(timer);
  }
  assert.ok(Date.now() - started < 5_000, "did not sleep 15 s");
});

Deno.test("conformance: aborting stops a paginated iteration between pages", async () => {
  const { client } = setup({ token: SIM_ADMIN_TOKEN });
  const controller = new AbortController();
  const reason = new Error("enough");
  let n = 0;
  await assert.rejects(
    (async () => {
      for await (const _ of listProjects(client, { per_page: 2, signal: controller.signal })) {
        if (++n === 3) controller.abort(reason);
      }
    })(),
    (e: unknown) => e === reason,
  );
  assert.ok(n >= 3 && n <= 4, `stopped after the page in flight (${n} items)`);
});
