import assert from "node:assert/strict";
import { getProjectRepositoryFile, getProjectRepositoryFileRaw, GitLabHTTPError } from "@gitlab-edge/client";
import { setup } from "./_setup.ts";

function fromBase64(b64: string): string {
  return new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
}

Deno.test("getProjectRepositoryFile() returns metadata and base64 content at a ref", async () => {
  const { alice } = setup();
  const file = await getProjectRepositoryFile(alice, "acme/web", "README.md", { ref: "main" });
  assert.equal(file.file_path, "README.md");
  assert.equal(file.encoding, "base64");
  assert.equal(fromBase64(file.content).length, file.size);
});

Deno.test("getProjectRepositoryFile() encodes nested paths as one %2F-encoded segment", async () => {
  const { sim, admin } = setup();
  sim.addFile("acme/web", "docs/a b+c.md", "hello");
  const file = await getProjectRepositoryFile(admin, "acme/web", "docs/a b+c.md", { ref: "main" });
  assert.equal(fromBase64(file.content), "hello");
  assert.match(sim.requests.at(-1)!.url, /\/repository\/files\/docs%2Fa%20b%2Bc\.md\?ref=main$/);
});

Deno.test("getProjectRepositoryFileRaw() streams the raw bytes", async () => {
  const { sim, admin } = setup();
  const big = "x".repeat(200_000);
  sim.addFile("acme/web", "big.txt", big);
  const stream = await getProjectRepositoryFileRaw(admin, "acme/web", "big.txt", { ref: "main" });
  assert.ok(stream instanceof ReadableStream);
  let bytes = 0;
  let chunks = 0;
  for await (const chunk of stream) {
    bytes += chunk.byteLength;
    chunks++;
  }
  assert.equal(bytes, big.length);
  assert.ok(chunks > 1, "the body arrives in several chunks");
});

Deno.test("getProjectRepositoryFile() of a missing file is a 404 and a missing ref a 404", async () => {
  const { alice } = setup();
  const missing = await getProjectRepositoryFile(alice, "acme/web", "nope.txt", { ref: "main" }).catch((e) =>
    e
  );
  assert.ok(missing instanceof GitLabHTTPError && missing.status === 404);
  const raw = await getProjectRepositoryFileRaw(alice, "acme/web", "nope.txt").catch((e) => e);
  assert.ok(raw instanceof GitLabHTTPError && raw.status === 404);
});
