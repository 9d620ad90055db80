/**
 * The simulator's webhook deliveries, checked end to end with the library's own receiver
 * (`parseWebhook` from `@gitlab-edge/client/webhooks`).
 */
import assert from "node:assert/strict";
import {
  approveProjectMergeRequest,
  cancelProjectPipeline,
  createClient,
  createGroupHook,
  createProjectHook,
  createProjectIssue,
  createProjectIssueNote,
  createProjectMergeRequest,
  createProjectMergeRequestNote,
  createProjectPipeline,
  createProjectRepositoryBranch,
  createProjectRepositoryCommit,
  createProjectRepositoryFile,
  createProjectRepositoryTag,
  deleteProjectRepositoryBranch,
  editProjectIssue,
  editProjectMergeRequest,
  getProjectRepositoryBranch,
  mergeProjectMergeRequest,
  unapproveProjectMergeRequest,
} from "@gitlab-edge/client";
import {
  createSimulator,
  SIM_SEED,
  SIM_USER_TOKEN,
  type Simulator,
  type SimWebhookDelivery,
} from "@gitlab-edge/client/testing";
import { serve } from "@gitlab-edge/client/testing/server";
import { parseWebhook, WebhookError, type WebhookEvent } from "@gitlab-edge/client/webhooks";
import { simTest } from "./routes/_both.ts";

const SECRET = "s3cret-token";
const RECEIVER = "https://receiver.example/gitlab";

/** What the receiver got: the request headers and the event `parseWebhook` accepted (or its error). */
interface Received {
  headers: Headers;
  event?: WebhookEvent;
  error?: unknown;
}

/** A webhook receiver that parses every request with the library, recording what it got. */
function receiver() {
  const got: Received[] = [];
  let answer: (r: Request) => Response | Promise<Response> = () => new Response(null, { status: 204 });
  return {
    got,
    /** Replaces the receiver's answer (to throw, or answer 500). */
    answerWith(f: (r: Request) => Response | Promise<Response>) {
      answer = f;
    },
    reset() {
      got.length = 0;
      answer = () => new Response(null, { status: 204 });
    },
    async handler(request: Request): Promise<Response> {
      const entry: Received = { headers: new Headers(request.headers) };
      got.push(entry);
      try {
        entry.event = await parseWebhook(request.clone(), { secret: SECRET });
      } catch (e) {
        entry.error = e;
      }
      return await answer(request);
    },
  };
}

/** A fresh project of `acme` (alice owns the group) with a `main` and a `feature` branch. */
function project(sim: Simulator, path = "hooked") {
  const p = sim.addProject({ path, namespace: "acme", visibility: "private" });
  sim.addFile(p.id, "README.md", "# hooked\n");
  sim.addBranch(p.id, "feature");
  sim.addFile(p.id, "src/feature.ts", "export const x = 1;\n", { ref: "feature" });
  return p;
}

/** The events the receiver parsed for `kind`. */
function parsed(got: Received[]): WebhookEvent[] {
  for (const g of got) if (g.error) throw g.error;
  return got.map((g) => g.event!);
}

const rx = receiver();

simTest("webhooks: issue open, update, close, reopen arrive as IssueEvents", async ({ sim, alice }) => {
  rx.reset();
  const p = project(sim);
  const hook = await createProjectHook(alice, p.id, {
    url: RECEIVER,
    token: SECRET,
    issues_events: true,
    push_events: false,
  });
  const issue = await createProjectIssue(alice, p.id, { title: "Broken link", labels: ["bug"] });
  await editProjectIssue(alice, p.id, issue.iid, { title: "Broken link on home" });
  const closed = await editProjectIssue(alice, p.id, issue.iid, { state_event: "close" });
  assert.equal(closed.state, "closed");
  await editProjectIssue(alice, p.id, issue.iid, { state_event: "reopen" });
  await sim.flushWebhooks();

  const events = parsed(rx.got);
  assert.equal(events.length, 4);
  const actions: string[] = [];
  for (const [n, e] of events.entries()) {
    assert.equal(rx.got[n].headers.get("x-gitlab-event"), "Issue Hook");
    assert.equal(rx.got[n].headers.get("x-gitlab-token"), SECRET);
    assert.equal(rx.got[n].headers.get("content-type"), "application/json");
    assert.match(rx.got[n].headers.get("user-agent") ?? "", /^GitLab\/\d+\.\d+\.\d+$/);
    for (const h of ["x-gitlab-event-uuid", "x-gitlab-webhook-uuid", "idempotency-key"]) {
      assert.match(rx.got[n].headers.get(h) ?? "", /^[0-9a-f-]{36}$/);
    }
    assert.ok(rx.got[n].headers.get("x-gitlab-instance")?.startsWith("http"));
    assert.ok(e.object_kind === "issue");
    assert.equal(e.event_type, "issue");
    assert.equal(e.object_attributes.id, issue.id);
    assert.equal(e.object_attributes.iid, issue.iid);
    assert.equal(e.project.path_with_namespace, "acme/hooked");
    assert.equal(e.project.id, p.id);
    assert.equal(e.user.username, "alice");
    assert.deepEqual(e.labels.map((l) => l.title), ["bug"]);
    actions.push(e.object_attributes.action ?? "");
  }
  assert.deepEqual(actions, ["open", "update", "close", "reopen"]);
  const [, update, close] = events;
  assert.ok(update.object_kind === "issue" && close.object_kind === "issue");
  assert.deepEqual(update.changes.title, { previous: "Broken link", current: "Broken link on home" });
  assert.deepEqual(close.changes.state_id, { previous: 1, current: 2 });
  assert.equal(close.object_attributes.state, "closed");
  assert.ok(close.object_attributes.closed_at);

  const log = sim.webhookDeliveries.filter((d) => d.hookId === hook.id);
  assert.equal(log.length, 4);
  assert.ok(log.every((d) => d.status === 204 && d.error === null && d.event === "Issue Hook"));
  assert.ok(log.every((d) => d.url === RECEIVER && d.hookKind === "project"));
}, { webhooks: (r) => rx.handler(r) });

simTest("webhooks: confidential issues go to confidential hooks only", async ({ sim, alice }) => {
  rx.reset();
  const p = project(sim);
  await createProjectHook(alice, p.id, {
    url: RECEIVER,
    token: SECRET,
    issues_events: true,
    push_events: false,
  });
  const other = await createProjectHook(alice, p.id, {
    url: `${RECEIVER}/confidential`,
    token: SECRET,
    confidential_issues_events: true,
    push_events: false,
  });
  await createProjectIssue(alice, p.id, { title: "Leaked key", confidential: true });
  await sim.flushWebhooks();
  const [e] = parsed(rx.got);
  assert.equal(rx.got.length, 1);
  assert.equal(rx.got[0].headers.get("x-gitlab-event"), "Confidential Issue Hook");
  assert.ok(e.object_kind === "issue" && e.event_type === "confidential_issue");
  assert.equal(sim.webhookDeliveries.at(-1)?.hookId, other.id);
}, { webhooks: (r) => rx.handler(r) });

simTest("webhooks: comments on issues and merge requests arrive as NoteEvents", async ({ sim, alice }) => {
  rx.reset();
  const p = project(sim);
  await createProjectHook(alice, p.id, {
    url: RECEIVER,
    token: SECRET,
    note_events: true,
    confidential_note_events: true,
    push_events: false,
  });
  const issue = await createProjectIssue(alice, p.id, { title: "Question" });
  const mr = await createProjectMergeRequest(alice, p.id, {
    title: "Add feature",
    source_branch: "feature",
    target_branch: "main",
  });
  const n1 = await createProjectIssueNote(alice, p.id, issue.iid, { body: "Any news?" });
  const n2 = await createProjectMergeRequestNote(alice, p.id, mr.iid, { body: "LGTM" });
  const n3 = await createProjectIssueNote(alice, p.id, issue.iid, { body: "internal", internal: true });
  // closing makes a system note: no Note Hook for it
  await editProjectIssue(alice, p.id, issue.iid, { state_event: "close" });
  await sim.flushWebhooks();

  const events = parsed(rx.got);
  assert.deepEqual(rx.got.map((g) => g.headers.get("x-gitlab-event")), [
    "Note Hook",
    "Note Hook",
    "Confidential Note Hook",
  ]);
  const [a, b, c] = events;
  assert.ok(a.object_kind === "note" && "issue" in a);
  assert.equal(a.object_attributes.id, n1.id);
  assert.equal(a.object_attributes.noteable_type, "Issue");
  assert.equal(a.object_attributes.note, "Any news?");
  assert.equal(a.object_attributes.action, "create");
  assert.equal(a.issue.iid, issue.iid);
  assert.equal(a.project.path_with_namespace, "acme/hooked");
  assert.ok(b.object_kind === "note" && "merge_request" in b);
  assert.equal(b.object_attributes.id, n2.id);
  assert.equal(b.merge_request.iid, mr.iid);
  assert.equal(b.merge_request.source_branch, "feature");
  assert.ok(c.object_kind === "note" && c.event_type === "confidential_note");
  assert.equal(c.object_attributes.id, n3.id);
}, { webhooks: (r) => rx.handler(r) });

simTest("webhooks: merge request open, update, approve, merge", async ({ sim, alice }) => {
  rx.reset();
  const p = project(sim);
  await createProjectHook(alice, p.id, {
    url: RECEIVER,
    token: SECRET,
    merge_requests_events: true,
    issues_events: true,
    push_events: false,
  });
  const issue = await createProjectIssue(alice, p.id, { title: "Needs feature" });
  const mr = await createProjectMergeRequest(alice, p.id, {
    title: "Draft: Add feature",
    source_branch: "feature",
    target_branch: "main",
    description: `Closes #${issue.iid}`,
  });
  await editProjectMergeRequest(alice, p.id, mr.iid, { title: "Add feature" });
  await approveProjectMergeRequest(alice, p.id, mr.iid);
  await unapproveProjectMergeRequest(alice, p.id, mr.iid);
  await approveProjectMergeRequest(alice, p.id, mr.iid);
  const merged = await mergeProjectMergeRequest(alice, p.id, mr.iid);
  assert.equal(merged.state, "merged");
  await sim.flushWebhooks();

  const events = parsed(rx.got);
  const mrEvents = events.filter((e) => e.object_kind === "merge_request");
  assert.deepEqual(
    mrEvents.map((e) => e.object_kind === "merge_request" ? e.object_attributes.action : null),
    ["open", "update", "approved", "unapproved", "approved", "merge"],
  );
  for (const e of mrEvents) {
    assert.ok(e.object_kind === "merge_request");
    assert.equal(e.object_attributes.iid, mr.iid);
    assert.equal(e.object_attributes.id, mr.id);
    assert.equal(e.object_attributes.source_branch, "feature");
    assert.equal(e.object_attributes.target.path_with_namespace, "acme/hooked");
    assert.equal(e.object_attributes.last_commit.id.length, 40);
  }
  const [, update, , , , merge] = mrEvents;
  assert.ok(update.object_kind === "merge_request" && merge.object_kind === "merge_request");
  assert.deepEqual(update.changes.title, { previous: "Draft: Add feature", current: "Add feature" });
  assert.deepEqual(update.changes.draft, { previous: true, current: false });
  assert.equal(merge.object_attributes.state, "merged");
  assert.equal(merge.object_attributes.merge_commit_sha, merged.merge_commit_sha);
  // no push hook here (push_events is off); see the branch filter test for pushes
  assert.ok(!events.some((e) => e.object_kind === "push"));
  // the merge closed the issue through `Closes #1`: its close hook too
  const issueActions = events.flatMap((e) => e.object_kind === "issue" ? [e.object_attributes.action] : []);
  assert.deepEqual(issueActions, ["open", "close"]);
}, { webhooks: (r) => rx.handler(r) });

simTest("webhooks: pipeline created and canceled, with its jobs", async ({ sim, alice }) => {
  rx.reset();
  const p = project(sim);
  await createProjectHook(alice, p.id, {
    url: RECEIVER,
    token: SECRET,
    pipeline_events: true,
    job_events: true,
    push_events: false,
  });
  const pl = await createProjectPipeline(alice, p.id, { ref: "main" });
  await sim.flushWebhooks();
  const created = parsed(rx.got);
  const pipelines = created.filter((e) => e.object_kind === "pipeline");
  const jobs = created.filter((e) => e.object_kind === "build");
  assert.equal(pipelines.length, 1);
  assert.ok(jobs.length >= 1);
  const [first] = pipelines;
  assert.ok(first.object_kind === "pipeline");
  assert.equal(first.object_attributes.id, pl.id);
  assert.equal(first.object_attributes.status, pl.status);
  assert.equal(first.object_attributes.ref, "main");
  assert.equal(first.object_attributes.source, "api");
  assert.equal(first.project.path_with_namespace, "acme/hooked");
  assert.equal(first.builds.length, jobs.length);
  for (const j of jobs) {
    assert.ok(j.object_kind === "build");
    assert.equal(j.pipeline_id, pl.id);
    assert.equal(j.commit.id, pl.id);
    assert.equal(j.sha, pl.sha);
  }
  assert.ok(rx.got.every((g) => ["Pipeline Hook", "Job Hook"].includes(g.headers.get("x-gitlab-event")!)));

  rx.got.length = 0;
  const canceled = await cancelProjectPipeline(alice, p.id, pl.id);
  assert.equal(canceled.status, "canceled");
  await sim.flushWebhooks();
  const after = parsed(rx.got);
  const last = after.filter((e) => e.object_kind === "pipeline");
  assert.equal(last.length, 1);
  assert.ok(last[0].object_kind === "pipeline" && last[0].object_attributes.status === "canceled");
  const canceledJobs = after.filter((e) => e.object_kind === "build");
  assert.ok(canceledJobs.length >= 1);
  assert.ok(canceledJobs.every((e) => e.object_kind === "build" && e.build_status === "canceled"));
}, { webhooks: (r) => rx.handler(r) });

simTest("webhooks: a hook whose flag is off gets nothing", async ({ sim, alice }) => {
  rx.reset();
  const p = project(sim);
  // defaults: push events only
  const hook = await createProjectHook(alice, p.id, { url: RECEIVER, token: SECRET });
  const issue = await createProjectIssue(alice, p.id, { title: "Quiet" });
  await createProjectIssueNote(alice, p.id, issue.iid, { body: "still quiet" });
  await createProjectMergeRequest(alice, p.id, {
    title: "Quiet MR",
    source_branch: "feature",
    target_branch: "main",
  });
  await createProjectPipeline(alice, p.id, { ref: "main" });
  await sim.flushWebhooks();
  assert.equal(rx.got.length, 0);
  assert.equal(sim.webhookDeliveries.filter((d) => d.hookId === hook.id).length, 0);
}, { webhooks: (r) => rx.handler(r) });

simTest("webhooks: group hooks receive their projects' events", async ({ sim, alice }) => {
  rx.reset();
  const p = project(sim);
  const g = await createGroupHook(alice, SIM_SEED.groups.acme.id, {
    url: RECEIVER,
    token: SECRET,
    issues_events: true,
    push_events: false,
  });
  await createProjectIssue(alice, p.id, { title: "Seen by the group" });
  await sim.flushWebhooks();
  const [e] = parsed(rx.got);
  assert.equal(rx.got.length, 1);
  assert.ok(e.object_kind === "issue" && e.project.path_with_namespace === "acme/hooked");
  const d = sim.webhookDeliveries.at(-1)!;
  assert.equal(d.hookId, g.id);
  assert.equal(d.hookKind, "group");
}, { webhooks: (r) => rx.handler(r) });

for (
  const [name, answer] of [
    ["throws", () => {
      throw new Error("receiver exploded");
    }],
    ["answers 500", () => new Response("nope", { status: 500 })],
  ] as const
) {
  simTest(`webhooks: a receiver that ${name} leaves the API answer untouched`, async ({ sim, alice }) => {
    rx.reset();
    rx.answerWith(answer);
    const p = project(sim);
    const hook = await createProjectHook(alice, p.id, {
      url: RECEIVER,
      token: SECRET,
      issues_events: true,
      push_events: false,
    });
    const issue = await createProjectIssue(alice, p.id, { title: "Still created" });
    assert.equal(issue.title, "Still created");
    assert.equal(issue.state, "opened");
    await sim.flushWebhooks();
    assert.equal(rx.got.length, 1);
    const [d] = sim.webhookDeliveries.filter((x) => x.hookId === hook.id);
    if (name === "throws") {
      assert.equal(d.status, null);
      assert.match(d.error ?? "", /receiver exploded/);
    } else {
      assert.equal(d.status, 500);
      assert.equal(d.error, null);
    }
    assert.ok(d.payload.object_kind === "issue" && d.payload.object_attributes.iid === issue.iid);
    rx.reset();
  }, { webhooks: (r) => rx.handler(r) });
}

Deno.test("webhooks: a wrong token is refused by the receiver", async () => {
  const sim = createSimulator({ webhooks: (r) => rx.handler(r) });
  rx.reset();
  const alice = createClient({
    baseUrl: "https://gitlab.example.com",
    token: SIM_USER_TOKEN,
    fetch: sim.fetch,
  });
  const p = project(sim);
  await createProjectHook(alice, p.id, { url: RECEIVER, token: "another", issues_events: true });
  await createProjectIssue(alice, p.id, { title: "Token mismatch" });
  await sim.flushWebhooks();
  assert.equal(rx.got.length, 1);
  assert.ok(rx.got[0].error instanceof WebhookError);
  assert.equal((rx.got[0].error as WebhookError).reason, "unauthorized");
});

Deno.test("webhooks: pushes through the API (files, commits, branches, tags) follow the hooks' branch filters", async () => {
  const sim = createSimulator({ webhooks: (r) => rx.handler(r) });
  rx.reset();
  const alice = createClient({
    baseUrl: "https://gitlab.example.com",
    token: SIM_USER_TOKEN,
    fetch: sim.fetch,
  });
  const p = project(sim);
  const onMain = await createProjectHook(alice, p.id, {
    url: `${RECEIVER}/main`,
    token: SECRET,
    push_events_branch_filter: "main",
    branch_filter_strategy: "wildcard",
  });
  const onFeatures = await createProjectHook(alice, p.id, {
    url: `${RECEIVER}/features`,
    token: SECRET,
    push_events_branch_filter: "^feat",
    branch_filter_strategy: "regex",
  });
  const onAll = await createProjectHook(alice, p.id, {
    url: `${RECEIVER}/all`,
    token: SECRET,
    branch_filter_strategy: "all_branches",
    tag_push_events: true,
  });
  // A file written on `feature` through the API is a push to it.
  const write = await createProjectRepositoryFile(alice, p.id, "src/more.ts", {
    branch: "feature",
    content: "export const y = 2;\n",
    commit_message: "Add more",
  });
  assert.equal(write.branch, "feature");
  await sim.flushWebhooks();
  assert.deepEqual(
    sim.webhookDeliveries.map((d) => d.hookId).sort(),
    [onFeatures.id, onAll.id].sort(),
    "the main-only hook's filter refuses the feature branch",
  );
  const [push] = parsed(rx.got);
  const head = (await getProjectRepositoryBranch(alice, p.id, "feature")).commit;
  assert.ok(push.object_kind === "push");
  assert.equal(push.ref, "refs/heads/feature");
  assert.equal(push.after, head.id);
  assert.equal(push.checkout_sha, head.id);
  assert.equal(push.before, head.parent_ids[0]);
  assert.equal(push.total_commits_count, 1);
  assert.equal(push.user_username, "alice");
  assert.equal(push.project.path_with_namespace, "acme/hooked");
  assert.deepEqual(push.commits[0].added, ["src/more.ts"]);
  assert.equal(push.commits[0].message, "Add more");
  assert.equal(rx.got[0].headers.get("x-gitlab-event"), "Push Hook");

  // A new branch is a push with an all-zero `before`; only the all-branches hook takes release/*.
  rx.got.length = 0;
  await createProjectRepositoryBranch(alice, p.id, { branch: "release/1.0", ref: "main" });
  await sim.flushWebhooks();
  assert.equal(rx.got.length, 1, "only the all-branches hook");
  assert.equal(sim.webhookDeliveries.at(-1)?.hookId, onAll.id);
  const [created] = parsed(rx.got);
  assert.ok(created.object_kind === "push" && /^0+$/.test(created.before));

  // A commit on main through the commits API reaches the main-only hook and the all-branches one.
  rx.got.length = 0;
  await createProjectRepositoryCommit(alice, p.id, {
    branch: "main",
    commit_message: "Touch the readme",
    actions: [{ action: "update", file_path: "README.md", content: "# hooked, again\n" }],
  });
  await sim.flushWebhooks();
  assert.deepEqual(sim.webhookDeliveries.slice(-2).map((d) => d.hookId).sort(), [onMain.id, onAll.id].sort());

  // Deleting a branch is a push with an all-zero `after`.
  rx.got.length = 0;
  await deleteProjectRepositoryBranch(alice, p.id, "release/1.0");
  await sim.flushWebhooks();
  const [deleted] = parsed(rx.got);
  assert.ok(
    deleted.object_kind === "push" && /^0+$/.test(deleted.after) && deleted.ref === "refs/heads/release/1.0",
  );

  // A tag through the tags API is a tag push, for the hook with tag_push_events only.
  rx.got.length = 0;
  await createProjectRepositoryTag(alice, p.id, { tag_name: "v1.0.0", ref: "main", message: "First" });
  await sim.flushWebhooks();
  const [tag] = parsed(rx.got);
  assert.equal(rx.got.length, 1, "only the hook with tag_push_events");
  assert.equal(rx.got[0].headers.get("x-gitlab-event"), "Tag Push Hook");
  assert.ok(tag.object_kind === "tag_push" && tag.ref === "refs/tags/v1.0.0");
  assert.equal(sim.webhookDeliveries.at(-1)?.hookId, onAll.id);
});

Deno.test("webhooks: loopback hook URLs are refused unless allowLocalWebhooks", async () => {
  const sim = createSimulator();
  const alice = createClient({
    baseUrl: "https://gitlab.example.com",
    token: SIM_USER_TOKEN,
    fetch: sim.fetch,
  });
  await assert.rejects(
    createProjectHook(alice, SIM_SEED.projects.handbook.id, { url: "http://127.0.0.1:9/hook" }),
    (e: unknown) => (e as { status?: number }).status === 422,
  );
});

Deno.test("webhooks: delivered over loopback HTTP to a real receiver with the global fetch", async () => {
  const got: Received[] = [];
  const server = await serve(async (request) => {
    const entry: Received = { headers: new Headers(request.headers) };
    got.push(entry);
    try {
      entry.event = await parseWebhook(request, { secret: SECRET });
    } catch (e) {
      entry.error = e;
    }
    return new Response(null, { status: entry.error ? 400 : 200 });
  });
  try {
    const sim = createSimulator({ allowLocalWebhooks: true });
    const alice = createClient({
      baseUrl: "https://gitlab.example.com",
      token: SIM_USER_TOKEN,
      fetch: sim.fetch,
    });
    const p = project(sim);
    const hook = await createProjectHook(alice, p.id, {
      url: `${server.url}/hooks/gitlab`,
      token: SECRET,
      issues_events: true,
      custom_headers: [{ key: "X-Custom", value: "yes" }],
    });
    const issue = await createProjectIssue(alice, p.id, { title: "Over the wire" });
    await sim.flushWebhooks();
    assert.equal(got.length, 1);
    const [e] = parsed(got);
    assert.ok(e.object_kind === "issue" && e.object_attributes.iid === issue.iid);
    assert.equal(got[0].headers.get("x-custom"), "yes");
    const d: SimWebhookDelivery = sim.webhookDeliveries.find((x) => x.hookId === hook.id)!;
    assert.equal(d.status, 200);
    assert.equal(d.url, `${server.url}/hooks/gitlab`);
  } finally {
    await server.close();
  }
});

Deno.test("webhooks: without a handler, a hook on a reserved name fails without network and is recorded", async () => {
  const sim = createSimulator();
  const alice = createClient({
    baseUrl: "https://gitlab.example.com",
    token: SIM_USER_TOKEN,
    fetch: sim.fetch,
  });
  const p = project(sim);
  await createProjectHook(alice, p.id, { url: RECEIVER, issues_events: true });
  const issue = await createProjectIssue(alice, p.id, { title: "Nobody listens" });
  assert.equal(issue.title, "Nobody listens");
  await sim.flushWebhooks();
  const d = sim.webhookDeliveries.at(-1)!;
  assert.equal(d.status, null);
  assert.match(d.error ?? "", /could not resolve host receiver\.example/);
});

simTest("webhooks: merging a merge request pushes to its target branch", async ({ sim, alice }) => {
  rx.reset();
  const p = project(sim);
  await createProjectHook(alice, p.id, { url: RECEIVER, token: SECRET, push_events_branch_filter: "main" });
  const mr = await createProjectMergeRequest(alice, p.id, {
    title: "Add feature",
    source_branch: "feature",
    target_branch: "main",
  });
  const merged = await mergeProjectMergeRequest(alice, p.id, mr.iid, { should_remove_source_branch: true });
  await sim.flushWebhooks();
  // the source branch's deletion is a push to `feature`: the `main` filter leaves it out
  const [push] = parsed(rx.got);
  assert.equal(rx.got.length, 1);
  assert.equal(rx.got[0].headers.get("x-gitlab-event"), "Push Hook");
  assert.ok(push.object_kind === "push");
  assert.equal(push.ref, "refs/heads/main");
  assert.equal(push.after, merged.merge_commit_sha);
  assert.equal(push.commits.at(-1)?.id, merged.merge_commit_sha);
  assert.ok(push.commits.some((c) => c.added.includes("src/feature.ts")));
}, { webhooks: (r) => rx.handler(r) });
