/**
 * The live suite for the main resource groups: read-only checks of what each group's list and get
 * functions return, against the simulator on every run and against a real GitLab when `GITLAB_URL` and
 * `GITLAB_TOKEN` are set (`GITLAB_PROJECT` picks the project). Nothing here writes. On a real GitLab a
 * group that is turned off or above the token's role (403/404) is skipped; the simulator must answer.
 */
import assert from "node:assert/strict";
import {
  type Client,
  getProject,
  getProjectMergeRequest,
  getProjectPipeline,
  getProjectRepositoryBranch,
  getProjectRepositoryCommit,
  graphql,
  listProjectDeployKeys,
  listProjectDeployments,
  listProjectEnvironments,
  listProjectHooks,
  listProjectIssueDiscussions,
  listProjectIssueNotes,
  listProjectIssues,
  listProjectJobs,
  listProjectLabels,
  listProjectMembersAll,
  listProjectMergeRequests,
  listProjectMilestones,
  listProjectPackages,
  listProjectPipelineJobs,
  listProjectPipelines,
  listProjectProtectedBranches,
  listProjectRegistryRepositories,
  listProjectReleases,
  listProjectRepositoryBranches,
  listProjectRepositoryCommits,
  listProjectRepositoryContributors,
  listProjectRepositoryTags,
  listProjectRepositoryTree,
  listProjectSearch,
  listProjectSnippets,
  listProjectVariables,
  listProjectWikis,
  type ProjectId,
} from "@gitlab-edge/client";
import { available, projectOf, type Target, targets } from "./_live.ts";

const few = { maxItems: 3, per_page: 3 } as const;

/** Asserts each of `fields` has the JavaScript type named (`"string?"`: a string or null). */
function shaped(what: string, value: unknown, fields: Record<string, string>): void {
  assert.ok(value !== null && typeof value === "object", `${what}: not an object`);
  const o = value as Record<string, unknown>;
  for (const [key, type] of Object.entries(fields)) {
    const nullable = type.endsWith("?");
    const want = nullable ? type.slice(0, -1) : type;
    const got = o[key] === null ? "null" : Array.isArray(o[key]) ? "array" : typeof o[key];
    assert.ok(got === want || (nullable && got === "null"), `${what}.${key}: ${got}, expected ${type}`);
  }
}

/** The list, which on the simulator must have items (its seed has some for every group checked here). */
function seeded<T>(target: Target, what: string, list: T[] | undefined): T[] {
  if (target.label === "simulator") assert.ok(list && list.length > 0, `the simulator's seed has ${what}`);
  return list ?? [];
}

type Check = (client: Client, project: ProjectId, target: Target) => Promise<void>;

const checks: [string, Check][] = [
  ["pipelines and their jobs", async (client, project, target) => {
    const pipelines = await available(target, () => listProjectPipelines(client, project, few).toArray());
    for (const p of pipelines ?? []) {
      shaped("pipeline", p, {
        id: "number",
        iid: "number",
        status: "string",
        ref: "string",
        sha: "string",
        web_url: "string",
      });
    }
    if (!pipelines?.length) return;
    const one = await getProjectPipeline(client, project, pipelines[0].id);
    shaped("pipeline", one, { id: "number", status: "string", created_at: "string", user: "object" });
    for (const job of await listProjectPipelineJobs(client, project, one.id, few).toArray()) {
      shaped("job", job, {
        id: "number",
        name: "string",
        stage: "string",
        status: "string",
        pipeline: "object",
      });
    }
  }],
  ["jobs", async (client, project, target) => {
    for (
      const job of seeded(
        target,
        "jobs",
        await available(target, () => listProjectJobs(client, project, few).toArray()),
      )
    ) {
      shaped("job", job, { id: "number", name: "string", status: "string", ref: "string" });
    }
  }],
  ["branches, commits, tree and contributors", async (client, project) => {
    const { default_branch } = await getProject(client, project);
    if (!default_branch) return; // an empty repository
    const branches = await listProjectRepositoryBranches(client, project, few).toArray();
    for (const b of branches) {
      shaped("branch", b, { name: "string", protected: "boolean", default: "boolean", commit: "object" });
    }
    const main = await getProjectRepositoryBranch(client, project, default_branch);
    assert.equal(main.name, default_branch);
    const commits = await listProjectRepositoryCommits(client, project, { ref_name: default_branch, ...few })
      .toArray();
    assert.ok(commits.length > 0);
    for (const c of commits) {
      shaped("commit", c, {
        id: "string",
        short_id: "string",
        title: "string",
        author_name: "string",
        created_at: "string",
      });
    }
    const commit = await getProjectRepositoryCommit(client, project, commits[0].id);
    assert.equal(commit.id, commits[0].id);
    for (
      const e of await listProjectRepositoryTree(client, project, { ref: default_branch, maxItems: 5 })
        .toArray()
    ) {
      shaped("tree entry", e, {
        id: "string",
        name: "string",
        type: "string",
        path: "string",
        mode: "string",
      });
    }
    for (const c of await listProjectRepositoryContributors(client, project, few).toArray()) {
      shaped("contributor", c, { name: "string", email: "string", commits: "number" });
    }
  }],
  ["tags and releases", async (client, project, target) => {
    for (const t of seeded(target, "tags", await listProjectRepositoryTags(client, project, few).toArray())) {
      shaped("tag", t, { name: "string", commit: "object", protected: "boolean" });
    }
    for (const r of seeded(target, "releases", await listProjectReleases(client, project, few).toArray())) {
      shaped("release", r, { tag_name: "string", name: "string?", created_at: "string" });
    }
  }],
  ["labels and milestones", async (client, project, target) => {
    for (const l of seeded(target, "labels", await listProjectLabels(client, project, few).toArray())) {
      shaped("label", l, { id: "number", name: "string", color: "string" });
    }
    for (
      const m of seeded(target, "milestones", await listProjectMilestones(client, project, few).toArray())
    ) {
      shaped("milestone", m, { id: "number", iid: "number", title: "string", state: "string" });
    }
  }],
  ["members", async (client, project) => {
    const members = await listProjectMembersAll(client, project, few).toArray();
    assert.ok(members.length > 0);
    for (const m of members) {
      shaped("member", m, { id: "number", username: "string", access_level: "number" });
    }
  }],
  ["issue notes and discussions", async (client, project, target) => {
    // The first issue with comments (the counts come from the issues list).
    const issues = await listProjectIssues(client, project, { state: "all", maxItems: 50 }).toArray();
    const issue = issues.find((i) => i.user_notes_count > 0);
    if (!issue) {
      assert.notEqual(target.label, "simulator", "the simulator's seed has an issue with notes");
      return;
    }
    for (
      const n of seeded(
        target,
        "notes on an issue with comments",
        await listProjectIssueNotes(client, project, issue.iid, few).toArray(),
      )
    ) {
      shaped("note", n, { id: "number", body: "string", author: "object", system: "boolean" });
    }
    for (
      const d of seeded(
        target,
        "discussions on an issue with comments",
        await listProjectIssueDiscussions(client, project, issue.iid, few).toArray(),
      )
    ) {
      shaped("discussion", d, { id: "string", notes: "array" });
    }
  }],
  ["merge requests, one with its expanded fields", async (client, project) => {
    const [mr] = await listProjectMergeRequests(client, project, { maxItems: 1 }).toArray();
    if (!mr) return;
    shaped("merge request", mr, {
      id: "number",
      iid: "number",
      title: "string",
      state: "string",
      source_branch: "string",
      author: "object",
    });
    const one = await getProjectMergeRequest(client, project, mr.iid);
    shaped("merge request", one, { diff_refs: "object?", user: "object", changes_count: "string?" });
  }],
  ["environments and deployments", async (client, project, target) => {
    for (
      const e of seeded(
        target,
        "environments",
        await available(target, () => listProjectEnvironments(client, project, few).toArray()),
      )
    ) shaped("environment", e, { id: "number", name: "string", state: "string" });
    for (
      const d of seeded(
        target,
        "deployments",
        await available(target, () => listProjectDeployments(client, project, few).toArray()),
      )
    ) shaped("deployment", d, { id: "number", status: "string", ref: "string" });
  }],
  ["protected branches", async (client, project, target) => {
    for (
      const p of seeded(
        target,
        "protected branches",
        await available(target, () => listProjectProtectedBranches(client, project, few).toArray()),
      )
    ) {
      shaped("protected branch", p, {
        id: "number",
        name: "string",
        push_access_levels: "array",
        merge_access_levels: "array",
      });
    }
  }],
  ["variables, hooks and deploy keys (maintainer)", async (client, project, target) => {
    for (
      const v of seeded(
        target,
        "variables",
        await available(target, () => listProjectVariables(client, project, few).toArray()),
      )
    ) {
      shaped("variable", v, {
        key: "string",
        variable_type: "string",
        protected: "boolean",
        masked: "boolean",
      });
    }
    for (
      const h of seeded(
        target,
        "hooks",
        await available(target, () => listProjectHooks(client, project, few).toArray()),
      )
    ) {
      shaped("hook", h, { id: "number", url: "string", push_events: "boolean" });
      assert.ok(!("token" in h), "a hook never shows its token");
    }
    for (
      const k of seeded(
        target,
        "deploy keys",
        await available(target, () => listProjectDeployKeys(client, project, few).toArray()),
      )
    ) shaped("deploy key", k, { id: "number", title: "string", key: "string" });
  }],
  ["snippets, wikis, packages and the container registry", async (client, project, target) => {
    for (
      const s of seeded(
        target,
        "snippets",
        await available(target, () => listProjectSnippets(client, project, few).toArray()),
      )
    ) shaped("snippet", s, { id: "number", title: "string", visibility: "string" });
    for (
      const w of seeded(
        target,
        "wiki pages",
        await available(target, () => listProjectWikis(client, project, few).toArray()),
      )
    ) {
      shaped("wiki page", w, { slug: "string", title: "string", format: "string" });
    }
    for (
      const p of seeded(
        target,
        "packages",
        await available(target, () => listProjectPackages(client, project, few).toArray()),
      )
    ) shaped("package", p, { id: "number", name: "string", version: "string", package_type: "string" });
    for (
      const r of seeded(
        target,
        "registry repositories",
        await available(target, () => listProjectRegistryRepositories(client, project, few).toArray()),
      )
    ) {
      shaped("registry repository", r, { id: "number", path: "string", location: "string" });
    }
  }],
  ["search in a project, and GraphQL", async (client, project) => {
    const hits = await listProjectSearch(client, project, { scope: "issues", search: "a", maxItems: 3 })
      .toArray();
    for (const h of hits) shaped("issue", h, { id: "number", iid: "number", title: "string" });
    const data = await graphql<{ currentUser: { username: string } | null }>(
      client,
      "{ currentUser { username } }",
    );
    assert.equal(typeof data.currentUser?.username, "string");
  }],
];

for (const target of targets()) {
  for (const [name, check] of checks) {
    Deno.test(`${target.label}: ${name}`, async () => {
      const client = target.client();
      const project = await projectOf(client, target);
      if (project === undefined) return;
      await check(client, project, target);
    });
  }
}
