/**
 * Redirected writes and streamed uploads over loopback HTTP, through the runtime's own `fetch`
 * (Deno, Node's undici, Bun): a 301/302 answering a write fails and nothing is repeated (the server
 * sees the write once and no GET); a 303 is followed as a GET; a streamed upload is sent whole, once,
 * and a 307 answering it fails instead of sending it again.
 *
 * @module
 */

import assert from "node:assert/strict";
import { createClient, deleteProject, editProject, GitLabError, httpPost } from "@gitlab-edge/client";
import { badServer, json, redirect } from "./_bad_server.ts";

const TOKEN = "glpat-redirect-writes-SECRET";

/** A 1 MiB upload in 64 KiB chunks, produced as it is read. */
function upload(total = 1 << 20, chunk = 64 << 10): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(c) {
      if (sent >= total) return c.close();
      c.enqueue(new Uint8Array(chunk).fill(97 + ((sent / chunk) % 26)));
      sent += chunk;
    },
  }, { highWaterMark: 0 });
}

Deno.test("redirect writes: a 301 or 302 answering a DELETE or PUT fails; the server sees the write once and no GET", async () => {
  for (const code of [301, 302]) {
    const srv = await badServer((request) =>
      request.method === "GET" ? json({ id: 1, name: "never deleted" }) : redirect("/api/v4/projects/2", code)
    );
    try {
      const client = createClient({ baseUrl: srv.url, token: TOKEN, timeout: 5000 });
      for (
        const call of [() => deleteProject(client, 1), () => editProject(client, 1, { description: "d" })]
      ) {
        const e = await call().then(() => undefined, (e) => e);
        assert.ok(e instanceof GitLabError, `${code}: resolved or ${e}`);
        assert.match(e.message, /not repeated/);
        assert.ok(!e.message.includes(TOKEN));
      }
      assert.deepEqual(srv.hits.map((h) => [h.method, h.path]), [
        ["DELETE", "/api/v4/projects/1"],
        ["PUT", "/api/v4/projects/1"],
      ]);
    } finally {
      await srv.close();
    }
  }
});

Deno.test("redirect writes: a 303 answering a DELETE is followed as a GET of the result", async () => {
  const srv = await badServer((request) =>
    request.method === "DELETE" ? redirect("/api/v4/projects/1/status", 303) : json({ deleted: true })
  );
  try {
    const client = createClient({ baseUrl: srv.url, token: TOKEN, timeout: 5000 });
    assert.deepEqual(await deleteProject(client, 1), { deleted: true });
    assert.deepEqual(srv.hits.map((h) => [h.method, h.path, h.body]), [
      ["DELETE", "/api/v4/projects/1", ""],
      ["GET", "/api/v4/projects/1/status", ""],
    ]);
  } finally {
    await srv.close();
  }
});

Deno.test("redirect writes: a streamed upload is sent once, whole; a 307 answering it fails instead of re-sending", async () => {
  const srv = await badServer((_request, hit) =>
    hit.path.endsWith("/moved")
      ? redirect("/api/v4/projects/2/uploads", 307)
      : json({ size: hit.body.length })
  );
  try {
    for (const retry of [false, undefined]) {
      const client = createClient({
        baseUrl: srv.url,
        token: TOKEN,
        timeout: 5000,
        ...(retry === false ? { retry } : {}),
      });
      assert.deepEqual(await httpPost(client, "/projects/1/uploads", { body: upload() }), { size: 1 << 20 });
    }
    const client = createClient({ baseUrl: srv.url, token: TOKEN, timeout: 5000, retry: false });
    const e = await httpPost(client, "/projects/1/moved", { body: upload() }).then(() => undefined, (e) => e);
    assert.ok(e instanceof GitLabError, String(e));
    assert.match(e.message, /307/);
    assert.match(e.message, /stream/);
    assert.deepEqual(srv.hits.map((h) => [h.method, h.path, h.body.length]), [
      ["POST", "/api/v4/projects/1/uploads", 1 << 20],
      ["POST", "/api/v4/projects/1/uploads", 1 << 20],
      ["POST", "/api/v4/projects/1/moved", 1 << 20],
    ]);
  } finally {
    await srv.close();
  }
});
