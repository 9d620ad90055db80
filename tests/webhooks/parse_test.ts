import assert from "node:assert/strict";
import {
  isWebhookEvent,
  parseWebhook,
  signWebhook,
  WEBHOOK_EVENT_HEADERS,
  WebhookError,
  type WebhookErrorReason,
  type WebhookEvent,
  webhookKind,
} from "@gitlab-edge/client/webhooks";
import * as P from "./_payloads.ts";

async function refused(request: Request, reason: WebhookErrorReason, options = {}): Promise<WebhookError> {
  try {
    await parseWebhook(request, options);
  } catch (e) {
    assert.ok(e instanceof WebhookError, `expected a WebhookError, got ${e}`);
    assert.equal(e.reason, reason, e.message);
    return e;
  }
  assert.fail(`expected parseWebhook to refuse with ${reason}`);
}

const families: [string, string, () => Record<string, unknown>, string][] = [
  ["push", "Push Hook", () => P.push(), "push"],
  ["tag push", "Tag Push Hook", P.tagPush, "tag_push"],
  ["issue", "Issue Hook", () => P.issue(), "issue"],
  ["confidential issue", "Confidential Issue Hook", () => P.issue(true), "issue"],
  ["work item", "Issue Hook", P.workItem, "work_item"],
  ["merge request", "Merge Request Hook", P.mergeRequest, "merge_request"],
  ["comment on a commit", "Note Hook", P.noteOnCommit, "note"],
  ["comment on a merge request", "Note Hook", P.noteOnMergeRequest, "note"],
  ["comment on an issue", "Note Hook", () => P.noteOnIssue(), "note"],
  ["comment on a confidential issue", "Confidential Note Hook", () => P.noteOnIssue(true), "note"],
  ["comment on a snippet", "Note Hook", P.noteOnSnippet, "note"],
  ["wiki page", "Wiki Page Hook", P.wikiPage, "wiki_page"],
  ["pipeline", "Pipeline Hook", P.pipeline, "pipeline"],
  ["job", "Job Hook", P.job, "build"],
  ["deployment", "Deployment Hook", P.deployment, "deployment"],
  ["release", "Release Hook", P.release, "release"],
  ["feature flag", "Feature Flag Hook", P.featureFlag, "feature_flag"],
  ["milestone", "Milestone Hook", P.milestone, "milestone"],
  ["emoji", "Emoji Hook", P.emoji, "emoji"],
  ["project access token", "Resource Access Token Hook", P.projectAccessToken, "access_token"],
  ["group access token", "Resource Access Token Hook", P.groupAccessToken, "access_token"],
  ["vulnerability", "Vulnerability Hook", P.vulnerability, "vulnerability"],
  ["group member", "Member Hook", () => P.member(), "user_add_to_group"],
  [
    "denied access request",
    "Member Hook",
    () => P.member("user_access_request_denied_for_group"),
    "user_access_request_denied_for_group",
  ],
  ["project in a group", "Project Hook", P.projectCreated, "project_create"],
  ["subgroup", "Subgroup Hook", P.subgroup, "subgroup_destroy"],
  ["system hook: push", "System Hook", () => P.push(1), "push"],
  ["system hook: merge request", "System Hook", P.mergeRequest, "merge_request"],
  ["system hook: repository update", "System Hook", P.repositoryUpdate, "repository_update"],
  ["system hook: project", "System Hook", P.projectCreated, "project_create"],
  ["system hook: user", "System Hook", P.systemUser, "user_rename"],
  ["system hook: group", "System Hook", P.systemGroup, "group_rename"],
  ["system hook: key", "System Hook", P.systemKey, "key_create"],
  ["system hook: project member", "System Hook", P.systemProjectMember, "user_add_to_team"],
  [
    "system hook: group member",
    "System Hook",
    () => P.member("user_remove_from_group"),
    "user_remove_from_group",
  ],
  ["system hook: member approval", "System Hook", P.memberApproval, "gitlab_subscription_member_approvals"],
];

for (const [name, header, payload, kind] of families) {
  Deno.test(`webhooks parse: ${name} (${header})`, async () => {
    const body = payload();
    const event = await parseWebhook(P.hookRequest(header, body), { secret: P.SECRET });
    assert.equal(webhookKind(event), kind);
    assert.ok(
      (WEBHOOK_EVENT_HEADERS[header as keyof typeof WEBHOOK_EVENT_HEADERS] as readonly string[]).includes(
        kind,
      ),
    );
    assert.deepEqual(event, body);
  });
}

Deno.test("webhooks parse: the union narrows on object_kind, then on event_name", async () => {
  const describe = (event: WebhookEvent): string => {
    switch (event.object_kind) {
      case "push":
        return `${event.project.path_with_namespace} ${event.ref} ${event.commits.length}/${event.total_commits_count}`;
      case "note":
        return "issue" in event ? `#${event.issue.iid}: ${event.object_attributes.note}` : "note";
      case "build":
        return `${event.build_name} ${event.build_status} (pipeline ${event.commit.id})`;
      case undefined:
        if (event.event_name === "subgroup_create" || event.event_name === "subgroup_destroy") {
          return `${event.event_name} ${event.full_path}`;
        }
        return event.event_name;
      default:
        return event.object_kind;
    }
  };
  assert.equal(
    describe(await parseWebhook(P.hookRequest("Push Hook", P.push(3)))),
    "acme/web refs/heads/main 3/3",
  );
  assert.equal(
    describe(await parseWebhook(P.hookRequest("Note Hook", P.noteOnIssue()))),
    "#17: Looks good to me",
  );
  assert.equal(
    describe(await parseWebhook(P.hookRequest("Job Hook", P.job()))),
    "unit running (pipeline 7001)",
  );
  assert.equal(
    describe(await parseWebhook(P.hookRequest("Subgroup Hook", P.subgroup()))),
    "subgroup_destroy acme/tools",
  );
  const mr = await parseWebhook(P.hookRequest("Merge Request Hook", P.mergeRequest()));
  assert.ok(isWebhookEvent(mr, "merge_request"));
  assert.equal(mr.object_attributes.action, "update");
  assert.equal(mr.changes.draft?.current, false);
});

Deno.test("webhooks parse: a Content-Type with parameters is accepted; others are refused (415)", async () => {
  await parseWebhook(
    P.hookRequest("Push Hook", P.push(), { "Content-Type": "Application/JSON; charset=utf-8" }),
  );
  const e = await refused(
    P.hookRequest("Push Hook", P.push(), { "Content-Type": "text/plain" }),
    "unsupported_media_type",
  );
  assert.equal(e.status, 415);
  await refused(
    P.hookRequest("Push Hook", "object_kind=push", { "Content-Type": "application/x-www-form-urlencoded" }),
    "unsupported_media_type",
  );
  const bare = new Request("https://hooks.example.com/", {
    method: "POST",
    headers: { "X-Gitlab-Event": "Push Hook" },
    body: new TextEncoder().encode(JSON.stringify(P.push())),
  });
  await refused(bare, "unsupported_media_type");
});

Deno.test("webhooks parse: malformed JSON and non-UTF-8 bodies are refused as not_json", async () => {
  const e = await refused(P.hookRequest("Push Hook", '{"object_kind": "push",'), "not_json");
  assert.equal(e.status, 400);
  await refused(P.hookRequest("Push Hook", ""), "not_json");
  await refused(P.hookRequest("Push Hook", new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), "not_json");
});

Deno.test("webhooks parse: JSON that is not an event of the expected shape is malformed", async () => {
  await refused(P.hookRequest("Push Hook", [P.push()]), "malformed");
  await refused(P.hookRequest("Push Hook", "null"), "malformed");
  await refused(P.hookRequest("Push Hook", {}), "malformed");
  await refused(P.hookRequest("Push Hook", { ...P.push(), object_kind: 3 }), "malformed");
  const { project: _project, ...noProject } = P.push();
  const e = await refused(P.hookRequest("Push Hook", noProject), "malformed");
  assert.match(e.message, /"project" of a "push" event is missing/);
  await refused(P.hookRequest("Push Hook", { ...P.push(), commits: "none" }), "malformed");
  await refused(P.hookRequest("Pipeline Hook", { ...P.pipeline(), object_attributes: null }), "malformed");
  await refused(P.hookRequest("Member Hook", { ...P.member(), group_id: "9" }), "malformed");
});

Deno.test("webhooks parse: an unknown or missing X-Gitlab-Event, or an unknown kind, is unknown_event", async () => {
  const e = await refused(P.hookRequest("Blob Hook", P.push()), "unknown_event");
  assert.match(e.message, /unknown X-Gitlab-Event "Blob Hook"/);
  await refused(P.hookRequest(null, P.push()), "unknown_event");
  await refused(P.hookRequest("push hook", P.push()), "unknown_event");
  await refused(P.hookRequest("System Hook", { event_name: "planet_destroy" }), "unknown_event");
  await refused(P.hookRequest("Push Hook", { ...P.push(), object_kind: "teleport" }), "unknown_event");
  const long = await refused(P.hookRequest("X".repeat(5000), P.push()), "unknown_event");
  assert.ok(long.message.length < 200, "a long header value is cut short in the message");
});

Deno.test("webhooks parse: header and body that disagree are a mismatch", async () => {
  const e = await refused(P.hookRequest("Push Hook", P.mergeRequest()), "mismatch");
  assert.match(e.message, /"Push Hook" does not carry "merge_request" events/);
  await refused(P.hookRequest("Tag Push Hook", P.push()), "mismatch");
  await refused(P.hookRequest("Job Hook", P.pipeline()), "mismatch");
  await refused(P.hookRequest("Member Hook", P.subgroup()), "mismatch");
  await refused(P.hookRequest("Project Hook", P.systemUser()), "mismatch");
  await refused(P.hookRequest("System Hook", P.pipeline()), "mismatch");
  // Confidential objects come under the confidential header, and only those.
  await refused(P.hookRequest("Issue Hook", P.issue(true)), "mismatch");
  await refused(P.hookRequest("Confidential Issue Hook", P.issue(false)), "mismatch");
  await refused(P.hookRequest("Note Hook", P.noteOnIssue(true)), "mismatch");
  await refused(P.hookRequest("Confidential Note Hook", P.noteOnIssue(false)), "mismatch");
  // A push names itself twice; both must agree.
  await refused(P.hookRequest("Push Hook", { ...P.push(), event_name: "tag_push" }), "mismatch");
});

Deno.test("webhooks parse: a Content-Length over the limit is refused before the body is read", async () => {
  const { stream, pulled } = P.countingStream(100, 1024);
  const request = P.streamedRequest(stream, { "Content-Length": String(100 * 1024) });
  const e = await refused(request, "too_large", { maxBytes: 4096 });
  assert.equal(e.status, 413);
  // Some runtimes drop a Content-Length set by hand on a streamed Request; then the stream limit applies.
  if (request.headers.get("content-length") !== null) assert.equal(pulled(), 0);
  else assert.ok(pulled() < 100);
});

Deno.test("webhooks parse: a streamed body over the limit is refused without reading it all", async () => {
  const { stream, pulled } = P.countingStream(1000, 1024);
  await refused(P.streamedRequest(stream), "too_large", { maxBytes: 8 * 1024 });
  assert.ok(pulled() >= 9, `at least the chunks up to the limit are read (pulled ${pulled()})`);
  assert.ok(pulled() <= 16, `reading stops soon after the limit (pulled ${pulled()} of 1000 chunks)`);
});

Deno.test("webhooks parse: a body at the limit is accepted; the default limit is 25 MiB", async () => {
  const body = JSON.stringify(P.push());
  const bytes = new TextEncoder().encode(body).length;
  await parseWebhook(P.hookRequest("Push Hook", body), { maxBytes: bytes });
  await refused(P.hookRequest("Push Hook", body), "too_large", { maxBytes: bytes - 1 });
  const { stream } = P.countingStream(1, 16);
  const huge = P.streamedRequest(stream, { "Content-Length": String(25 * 1024 * 1024 + 1) });
  if (huge.headers.get("content-length") !== null) await refused(huge, "too_large");
});

Deno.test("webhooks parse: with a secret, a missing or wrong X-Gitlab-Token is unauthorized (401)", async () => {
  const e = await refused(
    P.hookRequest("Push Hook", P.push(), { "X-Gitlab-Token": "wrong" }),
    "unauthorized",
    {
      secret: P.SECRET,
    },
  );
  assert.equal(e.status, 401);
  assert.ok(!e.message.includes(P.SECRET) && !e.message.includes("wrong"), "no token in the message");
  const request = P.hookRequest("Push Hook", P.push());
  request.headers.delete("X-Gitlab-Token");
  await refused(request, "unauthorized", { secret: P.SECRET });
  // The token is checked before anything else, even before the content type.
  await refused(
    P.hookRequest("Push Hook", "x", { "X-Gitlab-Token": "nope", "Content-Type": "text/plain" }),
    "unauthorized",
    { secret: P.SECRET },
  );
});

Deno.test("webhooks parse: with a signing token, the webhook-signature must verify over the body", async () => {
  const body = JSON.stringify(P.push());
  const timestamp = String(Math.floor(Date.now() / 1000));
  const id = "1f0e8c4a-7b6d-4e3f-9a2b-0c1d2e3f4a5b";
  const signature = await signWebhook(P.SIGNING_TOKEN, { id, timestamp, body });
  const signed = { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signature };
  const event = await parseWebhook(P.hookRequest("Push Hook", body, signed), {
    secret: P.SECRET,
    signingToken: P.SIGNING_TOKEN,
  });
  assert.equal(event.object_kind, "push");
  const tampered = body.replace('"total_commits_count":2', '"total_commits_count":3');
  const e = await refused(P.hookRequest("Push Hook", tampered, signed), "unauthorized", {
    signingToken: P.SIGNING_TOKEN,
  });
  assert.match(e.message, /no webhook-signature entry matches/);
  assert.ok(!e.message.includes(signature.slice(3)), "no signature in the message");
  const stale = await refused(P.hookRequest("Push Hook", body, signed), "unauthorized", {
    signingToken: P.SIGNING_TOKEN,
    now: Date.now() + 10 * 60_000,
  });
  assert.match(stale.message, /more than 300 seconds/);
  await refused(P.hookRequest("Push Hook", body), "unauthorized", { signingToken: P.SIGNING_TOKEN });
});
