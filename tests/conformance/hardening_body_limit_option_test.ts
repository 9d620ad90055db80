import assert from "node:assert/strict";
import {
  createClient,
  getProject,
  getProjectRepositoryFileRaw,
  GitLabError,
  listProjects,
} from "@gitlab-edge/client";

const BASE = "https://gitlab.example.com";
const body = JSON.stringify({ id: 1, name: "x".repeat(100) });

Deno.test("maxResponseBytes: a JSON body above the client's limit fails; under it, it is read", async () => {
  const fetch = () =>
    Promise.resolve(new Response(body, { headers: { "content-type": "application/json" } }));
  const small = createClient({ baseUrl: BASE, fetch, retry: false, maxResponseBytes: 64 });
  const e = await getProject(small, 1).catch((e) => e);
  assert.ok(e instanceof GitLabError, String(e));
  assert.match(e.message, /larger than|limit/i);
  const pages = await listProjects(small).toArray().catch((e) => e);
  assert.ok(pages instanceof GitLabError, "a list page obeys the limit too");
  const roomy = createClient({ baseUrl: BASE, fetch, retry: false, maxResponseBytes: 1024 });
  assert.equal((await getProject(roomy, 1)).id, 1);
});

Deno.test("maxResponseBytes: a stream handed to the caller is not limited", async () => {
  const bytes = new Uint8Array(4096).fill(7);
  const client = createClient({
    baseUrl: BASE,
    retry: false,
    maxResponseBytes: 16,
    fetch: () => Promise.resolve(new Response(bytes)),
  });
  const stream = await getProjectRepositoryFileRaw(client, 1, "a.bin", { ref: "main" });
  assert.equal((await new Response(stream).arrayBuffer()).byteLength, 4096);
});

Deno.test("maxResponseBytes: refused at once unless a positive whole number", () => {
  for (const value of [0, -1, 1.5, Number.NaN, Infinity, "64"]) {
    assert.throws(
      () => createClient({ baseUrl: BASE, maxResponseBytes: value as number }),
      (e: unknown) => e instanceof RangeError && /maxResponseBytes/.test(e.message),
      String(value),
    );
  }
});
