import assert from "node:assert/strict";
import {
  createProjectUpload,
  getProjectRepositoryFileRaw,
  GitLabHTTPError,
  httpStream,
} from "@gitlab-edge/client";
import { SIM_ADMIN_TOKEN, SIM_USER_TOKEN } from "@gitlab-edge/client/testing";
import { concat, last, readChunks, setup } from "./helpers.ts";

Deno.test("conformance: a raw file streams in chunks, byte for byte", async () => {
  const { sim, client } = setup({ token: SIM_ADMIN_TOKEN });
  const bytes = new Uint8Array(200_000);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + 7) & 0xff;
  sim.addFile("acme/web", "assets/data.bin", bytes);
  const stream = await getProjectRepositoryFileRaw(client, "acme/web", "assets/data.bin", { ref: "main" });
  assert.ok(stream instanceof ReadableStream);
  const chunks = await readChunks(stream);
  assert.ok(chunks.length > 1, `streamed in ${chunks.length} chunk(s)`);
  assert.deepEqual(concat(chunks), bytes);
});

Deno.test("conformance: a binary file is not mangled by text decoding", async () => {
  const { client } = setup();
  const stream = await getProjectRepositoryFileRaw(client, "acme/web", "assets/logo.png");
  const png = concat(await readChunks(stream));
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
});

Deno.test("conformance: a stream can be cancelled part way", async () => {
  const { sim, client } = setup();
  sim.addFile("acme/web", "big.txt", "x".repeat(100_000));
  const stream = await getProjectRepositoryFileRaw(client, "acme/web", "big.txt");
  const reader = stream.getReader();
  const first = await reader.read();
  assert.equal(first.done, false);
  await reader.cancel();
});

Deno.test("conformance: streaming a missing file rejects with 404 before any byte", async () => {
  const { client } = setup();
  await assert.rejects(
    getProjectRepositoryFileRaw(client, "acme/web", "nope.txt", { ref: "main" }),
    (e: unknown) => e instanceof GitLabHTTPError && e.status === 404,
  );
});

Deno.test("conformance: httpStream reads any path as bytes", async () => {
  const { client } = setup();
  const stream = await httpStream(client, "/projects/acme%2Fweb/repository/files/docs%2Fguide.md/raw");
  assert.equal(
    new TextDecoder().decode(concat(await readChunks(stream))),
    "# Guide\n\nRun `deno task dev`.\n",
  );
});

Deno.test("conformance: an upload with a File is sent as multipart FormData", async () => {
  const { sim, client } = setup({ token: SIM_USER_TOKEN });
  const file = new File(["hello, gitlab\n"], "notes.txt", { type: "text/plain" });
  const upload = await createProjectUpload(client, "acme/web", { file });
  assert.match(upload.markdown, /^\[notes\.txt\]\(\/uploads\/[0-9a-f]+\/notes\.txt\)$/);
  assert.equal(upload.alt, "notes");
  assert.match(last(sim).headers["content-type"], /^multipart\/form-data; boundary=/);
  assert.equal(last(sim).headers["private-token"], SIM_USER_TOKEN);
});

Deno.test("conformance: an image upload is answered with image Markdown", async () => {
  const { client } = setup({ token: SIM_USER_TOKEN });
  const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: "image/png" });
  const upload = await createProjectUpload(client, "acme/web", { file: new File([png], "shot.png") });
  assert.match(upload.markdown, /^!\[shot\]\(\/uploads\/[0-9a-f]+\/shot\.png\)$/);
});
