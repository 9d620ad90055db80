/**
 * Secrets in URLs the client did not choose: presigned object-storage URLs GitLab redirects downloads to,
 * and a pagination link that does not parse; and an abort while a body is read with no timeout.
 */
import assert from "node:assert/strict";
import {
  createClient,
  getProjectJobArtifact,
  GitLabError,
  GitLabHTTPError,
  listProjects,
  redactUrl,
} from "@gitlab-edge/client";
import { json } from "../_helpers.ts";

const BASE = "https://gitlab.example.com";
const SECRET = "Zq9-SECRET-7Hk";

const PRESIGNED = [
  `https://bucket.s3.amazonaws.com/a.zip?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${SECRET}&X-Amz-Security-Token=${SECRET}&X-Amz-Signature=${SECRET}`,
  `https://acct.blob.core.windows.net/c/a.zip?sv=2022-11-02&se=2026-12-02&sp=r&sig=${SECRET}`,
  `https://storage.googleapis.com/b/a.zip?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=${SECRET}&X-Goog-Signature=${SECRET}`,
  `https://d111.cloudfront.net/a.zip?Expires=1&Signature=${SECRET}&Key-Pair-Id=${SECRET}&Policy=${SECRET}`,
  `https://objects.example/a.zip?GoogleAccessId=${SECRET}&x-api-key=${SECRET}&session_token=${SECRET}`,
];

Deno.test("redaction: presigned object-storage URLs lose every signature, credential and token", () => {
  for (const url of PRESIGNED) {
    const redacted = redactUrl(url);
    assert.ok(!redacted.includes(SECRET), redacted);
    assert.match(redacted, /\[REDACTED\]/);
    assert.equal(new URL(redacted).host, new URL(url).host, "the host stays readable");
  }
  assert.equal(
    redactUrl(`${BASE}/api/v4/projects?page=2&per_page=20`),
    `${BASE}/api/v4/projects?page=2&per_page=20`,
  );
});

Deno.test("redaction: a download redirected to object storage that answers 403 carries no signature", async () => {
  for (const target of PRESIGNED) {
    const client = createClient({
      baseUrl: BASE,
      token: "glpat-x",
      retry: false,
      fetch: (request) =>
        Promise.resolve(
          request.url.startsWith(BASE)
            ? new Response(null, { status: 302, headers: { location: target } })
            : new Response("<Error><Code>AccessDenied</Code></Error>", { status: 403 }),
        ),
    });
    const e = await getProjectJobArtifact(client, 1, 2, "a.zip").catch((e) => e);
    assert.ok(e instanceof GitLabHTTPError, String(e));
    assert.equal(e.status, 403);
    for (const text of [e.message, String(e), JSON.stringify(e), e.url, e.stack ?? ""]) {
      assert.ok(!text.includes(SECRET), text);
    }
  }
});

Deno.test("redaction: an invalid pagination link is refused without quoting its secrets", async () => {
  const link = `<https://user:${SECRET}@[not-an-ip/api/v4/projects?private_token=${SECRET}>; rel="next"`;
  const client = createClient({
    baseUrl: BASE,
    retry: false,
    fetch: () => Promise.resolve(json([{ id: 1 }], { headers: { link } })),
  });
  const e = await listProjects(client, { pagination: "offset" }).toArray().catch((e) => e);
  assert.ok(e instanceof GitLabError, String(e));
  assert.match(e.message, /invalid pagination link/);
  assert.ok(!e.message.includes(SECRET) && !JSON.stringify(e).includes(SECRET), e.message);
});

Deno.test("abort: with timeout 0, an abort while the body is read rejects with the signal's reason", async () => {
  const reason = { why: "user navigated away" };
  const controller = new AbortController();
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(new TextEncoder().encode('{"id":'));
      queueMicrotask(() => controller.abort(reason));
    },
  });
  const client = createClient({
    baseUrl: BASE,
    retry: false,
    timeout: 0,
    fetch: () => Promise.resolve(new Response(body, { headers: { "content-type": "application/json" } })),
  });
  const { getProject } = await import("@gitlab-edge/client");
  const e = await getProject(client, 1, { signal: controller.signal }).catch((e) => e);
  assert.equal(e, reason);
});
