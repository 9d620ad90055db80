import assert from "node:assert/strict";
import {
  DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
  parseWebhook,
  signWebhook,
  verifyWebhook,
  verifyWebhookSignature,
} from "@gitlab-edge/client/webhooks";
import * as P from "./_payloads.ts";

function tokened(token: string | null): Request {
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "X-Gitlab-Event": "Push Hook",
  };
  if (token !== null) headers["X-Gitlab-Token"] = token;
  return new Request("https://hooks.example.com/gitlab", { method: "POST", headers, body: "{}" });
}

Deno.test("webhooks verify: the right X-Gitlab-Token verifies", async () => {
  assert.equal(await verifyWebhook(tokened(P.SECRET), P.SECRET), true);
  assert.equal(await verifyWebhook(tokened(P.SECRET), { token: P.SECRET }), true);
});

Deno.test("webhooks verify: a wrong or missing X-Gitlab-Token does not", async () => {
  assert.equal(await verifyWebhook(tokened("not-the-secret"), P.SECRET), false);
  assert.equal(await verifyWebhook(tokened(P.SECRET.toUpperCase()), P.SECRET), false);
  assert.equal(await verifyWebhook(tokened(""), P.SECRET), false);
  assert.equal(await verifyWebhook(tokened(null), P.SECRET), false);
  // Differing only in the last character.
  assert.equal(await verifyWebhook(tokened(P.SECRET.slice(0, -1) + "X"), P.SECRET), false);
});

Deno.test("webhooks verify: tokens of other lengths never match (prefix, extension, much longer)", async () => {
  assert.equal(await verifyWebhook(tokened(P.SECRET.slice(0, 5)), P.SECRET), false);
  assert.equal(await verifyWebhook(tokened(P.SECRET + "0"), P.SECRET), false);
  assert.equal(await verifyWebhook(tokened(P.SECRET.repeat(50)), P.SECRET), false);
  assert.equal(await verifyWebhook(tokened("a"), "ab"), false);
  assert.equal(await verifyWebhook(tokened("ab"), "a"), false);
  // A Latin-1 token matches itself, and not its ASCII look-alike.
  assert.equal(await verifyWebhook(tokened("clé"), "clé"), true);
  assert.equal(await verifyWebhook(tokened("cle"), "clé"), false);
});

Deno.test("webhooks verify: a missing or empty secret is a configuration error, not a failed check", async () => {
  await assert.rejects(verifyWebhook(tokened(""), ""), TypeError);
  await assert.rejects(verifyWebhook(tokened(P.SECRET), {}), TypeError);
  await assert.rejects(verifyWebhook(tokened(P.SECRET), { signingToken: "" }), TypeError);
  await assert.rejects(parseWebhook(P.hookRequest("Push Hook", P.push()), { secret: "" }), TypeError);
});

async function signedRequest(
  body: string,
  opts: { timestamp?: string; signature?: string; token?: string } = {},
) {
  const id = "msg_2f6c1d4e";
  const timestamp = opts.timestamp ?? String(Math.floor(Date.now() / 1000));
  const signature = opts.signature ?? await signWebhook(P.SIGNING_TOKEN, { id, timestamp, body });
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "X-Gitlab-Event": "Push Hook",
    "webhook-id": id,
    "webhook-timestamp": timestamp,
    "webhook-signature": signature,
  };
  if (opts.token) headers["X-Gitlab-Token"] = opts.token;
  return new Request("https://hooks.example.com/gitlab", { method: "POST", headers, body });
}

Deno.test("webhooks verify: a good webhook-signature verifies, and the body can still be parsed", async () => {
  const body = JSON.stringify(P.push());
  const request = await signedRequest(body, { token: P.SECRET });
  assert.equal(await verifyWebhook(request, { signingToken: P.SIGNING_TOKEN }), true);
  assert.equal(await verifyWebhook(request, { token: P.SECRET, signingToken: P.SIGNING_TOKEN }), true);
  assert.equal(await verifyWebhook(request, { token: "other", signingToken: P.SIGNING_TOKEN }), false);
  const event = await parseWebhook(request);
  assert.equal(event.object_kind, "push");
});

Deno.test("webhooks verify: a tampered body fails the signature", async () => {
  const body = JSON.stringify(P.push());
  const signature = await signWebhook(P.SIGNING_TOKEN, { id: "msg_2f6c1d4e", timestamp: "1", body });
  assert.notEqual(
    signature,
    await signWebhook(P.SIGNING_TOKEN, { id: "msg_2f6c1d4e", timestamp: "1", body: body + " " }),
  );
  const good = await signedRequest(body);
  const tampered = new Request(good.url, {
    method: "POST",
    headers: good.headers,
    body: body.replace("main", "prod"),
  });
  assert.equal(await verifyWebhook(tampered, { signingToken: P.SIGNING_TOKEN }), false);
  assert.equal(
    await verifyWebhookSignature({ headers: good.headers, body: body + "\n" }, P.SIGNING_TOKEN),
    false,
  );
  const otherKey = "whsec_" + btoa("fedcba9876543210fedcba9876543210");
  assert.equal(await verifyWebhook(await signedRequest(body), { signingToken: otherKey }), false);
});

Deno.test("webhooks verify: a stale or future webhook-timestamp fails, within tolerance passes", async () => {
  const body = "{}";
  const now = Date.UTC(2026, 2, 2, 12, 0, 0);
  const at = (seconds: number) => String(Math.floor(now / 1000) + seconds);
  const check = async (offset: number, toleranceSeconds?: number) => {
    const request = await signedRequest(body, { timestamp: at(offset) });
    return await verifyWebhookSignature({ headers: request.headers, body }, P.SIGNING_TOKEN, {
      now,
      toleranceSeconds,
    });
  };
  assert.equal(DEFAULT_SIGNATURE_TOLERANCE_SECONDS, 300);
  assert.equal(await check(0), true);
  assert.equal(await check(-300), true);
  assert.equal(await check(-301), false);
  assert.equal(await check(301), false);
  assert.equal(await check(-3600), false);
  assert.equal(await check(-3600, 7200), true);
  assert.equal(await check(-61, 60), false);
});

Deno.test("webhooks verify: missing signature headers, bad timestamps and foreign versions fail", async () => {
  const body = "{}";
  const request = await signedRequest(body);
  for (const name of ["webhook-id", "webhook-timestamp", "webhook-signature"]) {
    const headers = new Headers(request.headers);
    headers.delete(name);
    assert.equal(await verifyWebhookSignature({ headers, body }, P.SIGNING_TOKEN), false, name);
  }
  const notANumber = new Headers(request.headers);
  notANumber.set("webhook-timestamp", "2026-03-02T12:00:00Z");
  assert.equal(await verifyWebhookSignature({ headers: notANumber, body }, P.SIGNING_TOKEN), false);
  const v2 = new Headers(request.headers);
  v2.set("webhook-signature", request.headers.get("webhook-signature")!.replace("v1,", "v2,"));
  assert.equal(await verifyWebhookSignature({ headers: v2, body }, P.SIGNING_TOKEN), false);
  const garbage = new Headers(request.headers);
  garbage.set("webhook-signature", "v1,!!!not-base64!!!");
  assert.equal(await verifyWebhookSignature({ headers: garbage, body }, P.SIGNING_TOKEN), false);
});

Deno.test("webhooks verify: one matching entry among several (key rotation) verifies", async () => {
  const body = "{}";
  const request = await signedRequest(body);
  const headers = new Headers(request.headers);
  const good = headers.get("webhook-signature")!;
  headers.set("webhook-signature", `v1,${btoa("x".repeat(32))} ${good} v1a,ignored`);
  assert.equal(await verifyWebhookSignature({ headers, body }, P.SIGNING_TOKEN), true);
  assert.equal(
    await verifyWebhookSignature({ headers, body: new TextEncoder().encode(body) }, P.SIGNING_TOKEN),
    true,
  );
});

Deno.test("webhooks verify: an unusable signing token is a TypeError that does not echo it", async () => {
  const request = await signedRequest("{}");
  await assert.rejects(
    verifyWebhookSignature({ headers: request.headers, body: "{}" }, "whsec_***not base64***"),
    (e: unknown) => e instanceof TypeError && !e.message.includes("not base64"),
  );
});

Deno.test("webhooks verify: signature checking through verifyWebhook respects the body limit", async () => {
  const body = JSON.stringify(P.push(20));
  const request = await signedRequest(body);
  assert.equal(await verifyWebhook(request, { signingToken: P.SIGNING_TOKEN, maxBytes: 100 }), false);
  assert.equal(await verifyWebhook(request, { signingToken: P.SIGNING_TOKEN }), true);
});
