// Webhook payloads for the tests, one per event family, shaped like the examples in GitLab's webhook
// and system hook documentation (with this project's own names and values). Helpers build the
// requests GitLab would send.

export const SECRET = "hook-secret-0123456789";
export const SIGNING_TOKEN = "whsec_" + btoa("0123456789abcdef0123456789abcdef");

type Json = Record<string, unknown>;

export const user = {
  id: 7,
  name: "Ada Lovelace",
  username: "ada",
  avatar_url: "https://gitlab.example.com/uploads/-/system/user/avatar/7/a.png",
  email: "[REDACTED]",
};

export const project = {
  id: 42,
  name: "web",
  description: "The storefront",
  web_url: "https://gitlab.example.com/acme/web",
  avatar_url: null,
  git_ssh_url: "git@gitlab.example.com:acme/web.git",
  git_http_url: "https://gitlab.example.com/acme/web.git",
  namespace: "acme",
  visibility_level: 10,
  path_with_namespace: "acme/web",
  default_branch: "main",
  ci_config_path: null,
  homepage: "https://gitlab.example.com/acme/web",
  url: "git@gitlab.example.com:acme/web.git",
  ssh_url: "git@gitlab.example.com:acme/web.git",
  http_url: "https://gitlab.example.com/acme/web.git",
};

export const repository = {
  name: "web",
  url: "git@gitlab.example.com:acme/web.git",
  description: "The storefront",
  homepage: "https://gitlab.example.com/acme/web",
  git_http_url: "https://gitlab.example.com/acme/web.git",
  git_ssh_url: "git@gitlab.example.com:acme/web.git",
  visibility_level: 10,
};

const author = { name: "Ada Lovelace", email: "ada@example.com" };

const commit = (id: string, title: string) => ({
  id,
  message: `${title}\n\nLonger explanation.`,
  title,
  timestamp: "2026-03-02T10:15:00+01:00",
  url: `https://gitlab.example.com/acme/web/-/commit/${id}`,
  author,
});

const label = {
  id: 301,
  title: "bug",
  color: "#d9534f",
  project_id: 42,
  created_at: "2026-01-05T08:00:00Z",
  updated_at: "2026-01-05T08:00:00Z",
  template: false,
  description: "Something is broken",
  type: "ProjectLabel",
  group_id: 9,
};

const SHA1 = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
const SHA2 = "9fceb02d0ae598e95dc970b74767f19372d61af8";

export function push(commits = 2): Json {
  return {
    object_kind: "push",
    event_name: "push",
    before: SHA1,
    after: SHA2,
    ref: "refs/heads/main",
    ref_protected: true,
    checkout_sha: SHA2,
    message: null,
    user_id: 7,
    user_name: "Ada Lovelace",
    user_username: "ada",
    user_email: "",
    user_avatar: user.avatar_url,
    project_id: 42,
    project,
    repository,
    commits: Array.from({ length: commits }, (_, i) => ({
      ...commit(i === commits - 1 ? SHA2 : `${SHA1.slice(0, 39)}${i}`, `Change ${i + 1}`),
      added: ["docs/new.md"],
      modified: ["src/app.ts"],
      removed: [],
    })),
    total_commits_count: commits,
    push_options: {},
  };
}

export function tagPush(): Json {
  return {
    ...push(0),
    object_kind: "tag_push",
    event_name: "tag_push",
    before: "0000000000000000000000000000000000000000",
    ref: "refs/tags/v2.1.0",
  };
}

const issueAttributes = {
  id: 5001,
  iid: 17,
  title: "Checkout fails for empty carts",
  description: "Steps to reproduce …",
  state: "opened",
  state_id: 1,
  author_id: 7,
  project_id: 42,
  assignee_ids: [8],
  assignee_id: 8,
  milestone_id: null,
  created_at: "2026-03-01 09:00:00 UTC",
  updated_at: "2026-03-02 09:00:00 UTC",
  updated_by_id: 7,
  last_edited_at: null,
  last_edited_by_id: null,
  relative_position: 512,
  confidential: false,
  discussion_locked: null,
  due_date: null,
  moved_to_id: null,
  duplicated_to_id: null,
  time_estimate: 0,
  total_time_spent: 0,
  time_change: 0,
  human_total_time_spent: null,
  human_time_estimate: null,
  human_time_change: null,
  weight: null,
  health_status: null,
  type: "Issue",
  url: "https://gitlab.example.com/acme/web/-/issues/17",
  severity: "unknown",
  labels: [label],
};

export function issue(confidential = false): Json {
  return {
    object_kind: "issue",
    event_type: confidential ? "confidential_issue" : "issue",
    user,
    project,
    repository: {
      name: "web",
      url: repository.url,
      description: "The storefront",
      homepage: repository.homepage,
    },
    object_attributes: { ...issueAttributes, confidential, action: "open" },
    assignees: [{ id: 8, name: "Grace Hopper", username: "grace", avatar_url: null }],
    labels: [label],
    changes: {
      updated_by_id: { previous: null, current: 7 },
      labels: { previous: [], current: [label] },
    },
  };
}

export function workItem(): Json {
  return {
    ...issue(),
    object_kind: "work_item",
    event_type: "work_item",
    object_attributes: { ...issueAttributes, type: "Task", action: "update" },
  };
}

const mergeRequestAttributes = {
  id: 880,
  iid: 12,
  title: "Speed up checkout",
  description: "",
  state: "opened",
  state_id: 1,
  source_branch: "fast-checkout",
  target_branch: "main",
  source_project_id: 42,
  target_project_id: 42,
  author_id: 7,
  assignee_ids: [8],
  assignee_id: 8,
  reviewer_ids: [9],
  milestone_id: null,
  created_at: "2026-03-01T12:00:00Z",
  updated_at: "2026-03-02T12:00:00Z",
  last_edited_at: null,
  last_edited_by_id: null,
  blocking_discussions_resolved: true,
  work_in_progress: false,
  draft: false,
  first_contribution: false,
  merge_status: "can_be_merged",
  detailed_merge_status: "mergeable",
  url: "https://gitlab.example.com/acme/web/-/merge_requests/12",
  source: project,
  target: project,
  last_commit: commit(SHA2, "Cache prices"),
  labels: [label],
};

export function mergeRequest(): Json {
  return {
    object_kind: "merge_request",
    event_type: "merge_request",
    user,
    project,
    repository,
    object_attributes: { ...mergeRequestAttributes, action: "update", oldrev: SHA1 },
    labels: [label],
    changes: { draft: { previous: true, current: false } },
    assignees: [{ id: 8, name: "Grace Hopper", username: "grace", avatar_url: null }],
    reviewers: [{ id: 9, name: "Linus", username: "linus", avatar_url: null }],
  };
}

const noteAttributes = {
  id: 9100,
  note: "Looks good to me",
  author_id: 7,
  project_id: 42,
  created_at: "2026-03-02 10:00:00 UTC",
  updated_at: "2026-03-02 10:00:00 UTC",
  attachment: null,
  line_code: null,
  commit_id: "",
  system: false,
  st_diff: null,
  action: "create",
};

function noteBase(noteableType: string, noteableId: number | null, confidential = false): Json {
  return {
    object_kind: "note",
    event_type: confidential ? "confidential_note" : "note",
    user,
    project_id: 42,
    project,
    repository,
    object_attributes: {
      ...noteAttributes,
      noteable_type: noteableType,
      noteable_id: noteableId,
      url: `https://gitlab.example.com/acme/web/-/notes/${noteableId ?? "commit"}#note_9100`,
    },
  };
}

export function noteOnCommit(): Json {
  const base = noteBase("Commit", null);
  return {
    ...base,
    object_attributes: {
      ...(base.object_attributes as Json),
      commit_id: SHA2,
      line_code: "a1b2c3_0_1",
      st_diff: {
        diff: "--- a/src/app.ts\n+++ b/src/app.ts\n@@ -1 +1 @@\n-old\n+new\n",
        new_path: "src/app.ts",
        old_path: "src/app.ts",
        a_mode: "100644",
        b_mode: "100644",
        new_file: false,
        renamed_file: false,
        deleted_file: false,
      },
    },
    commit: commit(SHA2, "Cache prices"),
  };
}

export function noteOnMergeRequest(): Json {
  return { ...noteBase("MergeRequest", 880), merge_request: mergeRequestAttributes };
}

export function noteOnIssue(confidential = false): Json {
  return { ...noteBase("Issue", 5001, confidential), issue: { ...issueAttributes, confidential } };
}

export function noteOnSnippet(): Json {
  return {
    ...noteBase("Snippet", 53),
    snippet: {
      id: 53,
      title: "Price helper",
      description: null,
      content: "export const price = (c: number) => c / 100;",
      author_id: 7,
      project_id: 42,
      created_at: "2026-02-01 10:00:00 UTC",
      updated_at: "2026-02-01 10:00:00 UTC",
      file_name: "price.ts",
      type: "ProjectSnippet",
      visibility_level: 10,
      url: "https://gitlab.example.com/acme/web/-/snippets/53",
    },
  };
}

export function wikiPage(): Json {
  return {
    object_kind: "wiki_page",
    user,
    project,
    wiki: {
      web_url: "https://gitlab.example.com/acme/web/-/wikis/home",
      git_ssh_url: "git@gitlab.example.com:acme/web.wiki.git",
      git_http_url: "https://gitlab.example.com/acme/web.wiki.git",
      path_with_namespace: "acme/web.wiki",
      default_branch: "main",
    },
    object_attributes: {
      title: "Runbook",
      content: "# Runbook",
      format: "markdown",
      message: "Add a runbook",
      slug: "runbook",
      url: "https://gitlab.example.com/acme/web/-/wikis/runbook",
      action: "create",
      diff_url: "https://gitlab.example.com/acme/web/-/wikis/runbook/diff?version_id=abc",
      version_id: "abc123",
    },
  };
}

const runner = {
  id: 31,
  description: "linux-docker-1",
  active: true,
  runner_type: "instance_type",
  is_shared: true,
  tags: ["linux", "docker"],
};

export function pipeline(): Json {
  return {
    object_kind: "pipeline",
    object_attributes: {
      id: 7001,
      iid: 88,
      name: "Pipeline for main",
      ref: "main",
      tag: false,
      sha: SHA2,
      before_sha: SHA1,
      source: "push",
      status: "failed",
      detailed_status: "failed",
      stages: ["build", "test"],
      created_at: "2026-03-02 10:00:00 UTC",
      finished_at: "2026-03-02 10:05:00 UTC",
      duration: 300,
      queued_duration: 4,
      variables: [{ key: "DEPLOY_REGION", value: "eu-west-1" }],
      url: "https://gitlab.example.com/acme/web/-/pipelines/7001",
    },
    merge_request: null,
    user,
    project,
    commit: commit(SHA2, "Cache prices"),
    builds: [
      {
        id: 90001,
        stage: "test",
        name: "unit",
        status: "failed",
        created_at: "2026-03-02 10:00:00 UTC",
        started_at: "2026-03-02 10:01:00 UTC",
        finished_at: "2026-03-02 10:05:00 UTC",
        duration: 240.5,
        queued_duration: 3.2,
        failure_reason: "script_failure",
        when: "on_success",
        manual: false,
        allow_failure: false,
        user,
        runner,
        artifacts_file: { filename: null, size: null },
        environment: null,
      },
    ],
  };
}

export function job(): Json {
  return {
    object_kind: "build",
    ref: "main",
    tag: false,
    before_sha: SHA1,
    sha: SHA2,
    build_id: 90001,
    build_name: "unit",
    build_stage: "test",
    build_status: "running",
    build_created_at: "2026-03-02T10:00:00.000Z",
    build_created_at_iso: "2026-03-02T10:00:00Z",
    build_started_at: "2026-03-02T10:01:00.000Z",
    build_started_at_iso: "2026-03-02T10:01:00Z",
    build_finished_at: null,
    build_finished_at_iso: null,
    build_duration: null,
    build_queued_duration: 3.2,
    build_allow_failure: false,
    build_failure_reason: "unknown_failure",
    retries_count: 0,
    pipeline_id: 7001,
    project_id: 42,
    project_name: "acme / web",
    user,
    commit: {
      id: 7001,
      name: null,
      sha: SHA2,
      message: "Cache prices",
      author_name: "Ada Lovelace",
      author_email: "ada@example.com",
      status: "running",
      duration: null,
      started_at: "2026-03-02 10:00:00 UTC",
      finished_at: null,
    },
    repository,
    project,
    runner,
    environment: null,
  };
}

export function deployment(): Json {
  return {
    object_kind: "deployment",
    status: "success",
    status_changed_at: "2026-03-02 11:00:00 +0100",
    deployment_id: 15,
    deployable_id: 90002,
    deployable_url: "https://gitlab.example.com/acme/web/-/jobs/90002",
    environment: "production",
    environment_tier: "production",
    environment_slug: "production",
    environment_external_url: "https://shop.example.com",
    project,
    short_sha: SHA2.slice(0, 8),
    user,
    user_url: "https://gitlab.example.com/ada",
    commit_url: `https://gitlab.example.com/acme/web/-/commit/${SHA2}`,
    commit_title: "Cache prices",
  };
}

export function release(): Json {
  return {
    id: 3,
    created_at: "2026-03-02 12:00:00 UTC",
    description: "Faster checkout",
    name: "v2.1.0",
    released_at: "2026-03-02 12:00:00 UTC",
    tag: "v2.1.0",
    object_kind: "release",
    project,
    url: "https://gitlab.example.com/acme/web/-/releases/v2.1.0",
    action: "create",
    assets: {
      count: 2,
      links: [{ id: 1, link_type: "other", name: "Changelog", url: "https://example.com/changelog" }],
      sources: [{
        format: "zip",
        url: "https://gitlab.example.com/acme/web/-/archive/v2.1.0/web-v2.1.0.zip",
      }],
    },
    commit: commit(SHA2, "Release v2.1.0"),
  };
}

export function featureFlag(): Json {
  return {
    object_kind: "feature_flag",
    project,
    user,
    user_url: "https://gitlab.example.com/ada",
    object_attributes: { id: 6, name: "new-checkout", description: "The new checkout flow", active: true },
  };
}

export function milestone(): Json {
  return {
    object_kind: "milestone",
    event_type: "milestone",
    project,
    object_attributes: {
      id: 61,
      iid: 4,
      title: "2026.03",
      description: "March release",
      state: "closed",
      created_at: "2026-02-01 10:00:00 UTC",
      updated_at: "2026-03-31 10:00:00 UTC",
      due_date: "2026-03-31",
      start_date: "2026-03-01",
      group_id: null,
      project_id: 42,
    },
    action: "close",
  };
}

export function emoji(): Json {
  return {
    object_kind: "emoji",
    event_type: "award",
    user,
    project_id: 42,
    project,
    object_attributes: {
      user_id: 7,
      created_at: "2026-03-02 10:00:00 UTC",
      id: 77,
      name: "thumbsup",
      awardable_type: "Issue",
      awardable_id: 5001,
      updated_at: "2026-03-02 10:00:00 UTC",
      action: "award",
      awarded_on_url: "https://gitlab.example.com/acme/web/-/issues/17",
    },
    issue: issueAttributes,
  };
}

const token = {
  user_id: 90,
  created_at: "2026-01-01 00:00:00 UTC",
  id: 25,
  name: "deploy-bot",
  expires_at: "2026-03-09",
};

export function projectAccessToken(): Json {
  return {
    object_kind: "access_token",
    project,
    object_attributes: token,
    event_name: "expiring_access_token",
  };
}

export function groupAccessToken(): Json {
  return {
    object_kind: "access_token",
    group: { group_name: "Acme", group_path: "acme", group_id: 9, full_path: "acme" },
    object_attributes: token,
    event_name: "expiring_access_token",
  };
}

export function vulnerability(): Json {
  return {
    object_kind: "vulnerability",
    object_attributes: {
      url: "https://gitlab.example.com/acme/web/-/security/vulnerabilities/5",
      title: "Prototype pollution in lodash",
      state: "detected",
      project_id: 42,
      location: {
        file: "package-lock.json",
        dependency: { package: { name: "lodash" }, version: "4.17.15" },
      },
      cvss: [{ vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", vendor: "NVD" }],
      severity: "high",
      severity_overridden: false,
      identifiers: [{ name: "CVE-2020-8203", external_id: "CVE-2020-8203", external_type: "cve", url: null }],
      issues: [],
      report_type: "dependency_scanning",
      confidence: "unknown",
      confidence_overridden: false,
      confirmed_at: null,
      confirmed_by_id: null,
      dismissed_at: null,
      dismissed_by_id: null,
      resolved_at: null,
      resolved_by_id: null,
      auto_resolved: false,
      resolved_on_default_branch: false,
      created_at: "2026-03-02T10:00:00.000Z",
      updated_at: "2026-03-02T10:00:00.000Z",
    },
  };
}

export function member(eventName = "user_add_to_group"): Json {
  return {
    created_at: "2026-03-01T10:00:00Z",
    updated_at: "2026-03-01T10:00:00Z",
    group_name: "Acme",
    group_path: "acme",
    group_id: 9,
    user_username: "grace",
    user_name: "Grace Hopper",
    user_email: "grace@example.com",
    user_id: 8,
    group_access: "Developer",
    group_plan: null,
    expires_at: null,
    event_name: eventName,
  };
}

export function projectCreated(): Json {
  return {
    event_name: "project_create",
    created_at: "2026-03-01T10:00:00Z",
    updated_at: "2026-03-01T10:00:00Z",
    name: "api",
    path: "api",
    path_with_namespace: "acme/api",
    project_id: 43,
    project_namespace_id: 120,
    owners: [{ name: "Ada Lovelace", email: "ada@example.com" }],
    project_visibility: "internal",
  };
}

export function subgroup(): Json {
  return {
    created_at: "2026-03-01T10:00:00Z",
    updated_at: "2026-03-01T10:00:00Z",
    event_name: "subgroup_destroy",
    name: "tools",
    path: "tools",
    full_path: "acme/tools",
    group_id: 12,
    parent_group_id: 9,
    parent_name: "Acme",
    parent_path: "acme",
    parent_full_path: "acme",
  };
}

export function repositoryUpdate(): Json {
  return {
    event_name: "repository_update",
    user_id: 7,
    user_name: "Ada Lovelace",
    user_email: "ada@example.com",
    user_avatar: null,
    project_id: 42,
    project,
    changes: [{ before: SHA1, after: SHA2, ref: "refs/heads/main" }],
    refs: ["refs/heads/main"],
  };
}

export function systemUser(): Json {
  return {
    event_name: "user_rename",
    created_at: "2026-03-01T10:00:00Z",
    updated_at: "2026-03-01T10:00:00Z",
    name: "Ada L.",
    email: "ada@example.com",
    user_id: 7,
    username: "ada-l",
    old_username: "ada",
  };
}

export function systemGroup(): Json {
  return {
    event_name: "group_rename",
    created_at: "2026-03-01T10:00:00Z",
    updated_at: "2026-03-01T10:00:00Z",
    name: "Acme Corp",
    path: "acme-corp",
    full_path: "acme-corp",
    group_id: 9,
    old_path: "acme",
    old_full_path: "acme",
  };
}

export function systemKey(): Json {
  return {
    event_name: "key_create",
    created_at: "2026-03-01 10:00:00 UTC",
    updated_at: "2026-03-01T10:00:00Z",
    username: "ada",
    key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyOnlyForTests ada@laptop",
    id: 4,
  };
}

export function systemProjectMember(): Json {
  return {
    created_at: "2026-03-01T10:00:00Z",
    updated_at: "2026-03-01T10:00:00Z",
    event_name: "user_add_to_team",
    access_level: "Maintainer",
    project_id: 42,
    project_name: "web",
    project_path: "web",
    project_path_with_namespace: "acme/web",
    user_email: "grace@example.com",
    user_name: "Grace Hopper",
    user_username: "grace",
    user_id: 8,
    project_visibility: "internal",
  };
}

export function memberApproval(): Json {
  return {
    object_kind: "gitlab_subscription_member_approvals",
    action: "approve",
    object_attributes: { promotion_request_ids_that_failed_to_apply: [], status: "success" },
    reviewed_by_user_id: 1,
    user_id: 8,
    updated_at: "2026-03-01T10:00:00Z",
  };
}

/** A POST request as GitLab sends it, with the event header, JSON content type and secret token. */
export function hookRequest(
  event: string | null,
  body: unknown,
  headers: Record<string, string> = {},
): Request {
  const h = new Headers({ "Content-Type": "application/json", "X-Gitlab-Token": SECRET, ...headers });
  if (event !== null) h.set("X-Gitlab-Event", event);
  return new Request("https://hooks.example.com/gitlab", {
    method: "POST",
    headers: h,
    body: typeof body === "string"
      ? body
      : body instanceof Uint8Array
      ? new Blob([body as Uint8Array<ArrayBuffer>])
      : JSON.stringify(body),
  });
}

/** A stream of `chunks` chunks of `size` bytes that counts how many chunks were pulled from it. */
export function countingStream(
  chunks: number,
  size: number,
): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= chunks) {
        controller.close();
        return;
      }
      pulled++;
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
  });
  return { stream, pulled: () => pulled };
}

/** A POST request whose body is `stream` (sent chunked, like a proxy might). */
export function streamedRequest(
  stream: ReadableStream<Uint8Array>,
  headers: Record<string, string> = {},
): Request {
  return new Request("https://hooks.example.com/gitlab", {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Gitlab-Event": "Push Hook", ...headers },
    body: stream,
    duplex: "half",
  } as RequestInit);
}
