/**
 * Runs `examples/webhook_worker.ts` as a Cloudflare Worker: bundles it with esbuild as a Workers user
 * would (the settings of `bundleForWorkers` in `run_workerd.mjs`, plus an alias that resolves
 * `@gitlab-edge/client/webhooks` to `src/webhooks/mod.ts`, so no npm build is needed), starts it in workerd
 * through Miniflare with a secret token and a signing token, and posts it a push event signed the way
 * GitLab signs one (HMAC-SHA256 computed here with `node:crypto`, independently of the library). It
 * checks the worker's summary of that event, and that a wrong token, a tampered body and a stale
 * signature are refused. Prints `webhook example: ok` on success; exits 1 otherwise.
 *
 * Usage: `node scripts/run_webhook_example.mjs`
 *
 * @module
 */

import { createHmac, randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deepStrictEqual } from "node:assert/strict";
import * as esbuild from "esbuild";
import { Miniflare } from "miniflare";
import { WORKER_OPTIONS } from "./run_workerd.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, ".build", "workerd");
mkdirSync(OUT, { recursive: true });
const bundle = join(OUT, "example-webhook-worker.mjs");

await esbuild.build({
  entryPoints: [join(ROOT, "examples", "webhook_worker.ts")],
  outfile: bundle,
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  conditions: ["workerd", "worker", "browser"],
  mainFields: ["module", "main"],
  external: ["node:*"],
  alias: { "@gitlab-edge/client/webhooks": join(ROOT, "src", "webhooks", "mod.ts") },
  logLevel: "error",
});

const SECRET = "example-secret-token";
const KEY = Buffer.from("example-signing-key-32-bytes-ok!");
const SIGNING_TOKEN = `whsec_${KEY.toString("base64")}`;

const project = {
  id: 42,
  name: "web",
  description: "",
  web_url: "https://gitlab.example.com/acme/web",
  avatar_url: null,
  git_ssh_url: "git@gitlab.example.com:acme/web.git",
  git_http_url: "https://gitlab.example.com/acme/web.git",
  namespace: "acme",
  visibility_level: 0,
  path_with_namespace: "acme/web",
  default_branch: "main",
};
const commit = (id, title) => ({
  id,
  message: title,
  title,
  timestamp: "2026-03-02T10:00:00+00:00",
  url: `https://gitlab.example.com/acme/web/-/commit/${id}`,
  author: { name: "Ada Lovelace", email: "ada@example.com" },
  added: [],
  modified: ["README.md"],
  removed: [],
});
const push = {
  object_kind: "push",
  event_name: "push",
  before: "4b825dc642cb6eb9a060e54bf8d69288fbee4904",
  after: "9fceb02d0ae598e95dc970b74767f19372d61af8",
  ref: "refs/heads/main",
  checkout_sha: "9fceb02d0ae598e95dc970b74767f19372d61af8",
  user_id: 7,
  user_name: "Ada Lovelace",
  user_username: "ada",
  user_avatar: null,
  project_id: 42,
  project,
  repository: { name: "web", url: project.git_ssh_url, description: "", homepage: project.web_url },
  commits: [
    commit("1b2c3d4e5f60718293a4b5c6d7e8f90112233445", "Fix typo"),
    commit("9fceb02d0ae598e95dc970b74767f19372d61af8", "Update README"),
  ],
  total_commits_count: 2,
};

/** The headers GitLab sends with a push, signed over `body` at `timestamp` (Unix seconds). */
function gitlabHeaders(body, { token = SECRET, timestamp = Math.floor(Date.now() / 1000) } = {}) {
  const id = randomUUID();
  const signature = createHmac("sha256", KEY).update(`${id}.${timestamp}.${body}`).digest("base64");
  return {
    "Content-Type": "application/json",
    "User-Agent": "GitLab/18.6.0",
    "X-Gitlab-Event": "Push Hook",
    "X-Gitlab-Token": token,
    "X-Gitlab-Instance": "https://gitlab.example.com",
    "Idempotency-Key": id,
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": `v1,${signature}`,
  };
}

const mf = new Miniflare({
  ...WORKER_OPTIONS,
  scriptPath: bundle,
  bindings: { GITLAB_WEBHOOK_SECRET: SECRET, GITLAB_WEBHOOK_SIGNING_TOKEN: SIGNING_TOKEN },
});
const post = (headers, body) =>
  mf.dispatchFetch("http://worker.example/gitlab", { method: "POST", headers, body });

const failures = [];
async function expect(name, response, status, json) {
  const text = await response.text();
  try {
    deepStrictEqual(response.status, status);
    if (json !== undefined) deepStrictEqual(JSON.parse(text), json);
  } catch {
    failures.push(`${name}: expected ${status} ${JSON.stringify(json)}, got ${response.status} ${text}`);
  }
  return text;
}

try {
  const body = JSON.stringify(push);
  const answer = await expect("signed push", await post(gitlabHeaders(body), body), 200, {
    event: "push",
    project: "acme/web",
    ref: "refs/heads/main",
    commits: 2,
  });
  process.stdout.write(`${answer}\n`);
  await expect("wrong token", await post(gitlabHeaders(body, { token: "guess" }), body), 401, {
    error: "unauthorized",
  });
  const tampered = body.replace('"total_commits_count":2', '"total_commits_count":20');
  await expect("tampered body", await post(gitlabHeaders(body), tampered), 401, { error: "unauthorized" });
  const stale = gitlabHeaders(body, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
  await expect("stale signature", await post(stale, body), 401, { error: "unauthorized" });
  const wrongKind = JSON.stringify({ ...push, object_kind: "tag_push", event_name: "tag_push" });
  await expect("header/kind mismatch", await post(gitlabHeaders(wrongKind), wrongKind), 400, {
    error: "mismatch",
  });
} finally {
  await mf.dispose();
}

if (failures.length > 0) {
  for (const failure of failures) console.error(`webhook example: ${failure}`);
  process.exitCode = 1;
} else {
  console.log("webhook example: ok");
}
