/**
 * The simulator's default dataset and the tokens to use against it.
 *
 * @module
 */

import { GROUP_SEEDS } from "./routes/mod.ts";
import type { SimulatorImpl } from "./simulator.ts";
import type { Store } from "./store.ts";

/**
 * Personal access token of the seeded administrator `root` (scopes `api`, `sudo`).
 *
 * @example
 * ```ts
 * import { createSimulator, SIM_ADMIN_TOKEN } from "@gitlab-edge/client/testing";
 * const sim = createSimulator();
 * await sim.fetch("http://gitlab.test/api/v4/user", { headers: { "PRIVATE-TOKEN": SIM_ADMIN_TOKEN } });
 * ```
 */
export const SIM_ADMIN_TOKEN: string = "glpat-simulator-root-token";

/**
 * Personal access token of the seeded regular user `alice` (scope `api`; owner of group `acme`).
 *
 * @example
 * ```ts
 * import { createSimulator, SIM_USER_TOKEN } from "@gitlab-edge/client/testing";
 * const sim = createSimulator();
 * await sim.fetch("http://gitlab.test/api/v4/user", { headers: { "PRIVATE-TOKEN": SIM_USER_TOKEN } });
 * ```
 */
export const SIM_USER_TOKEN: string = "glpat-simulator-alice-token";

/**
 * Personal access token of the seeded user `bob` (developer in `acme/platform` only).
 *
 * @example
 * ```ts
 * import { SIM_BOB_TOKEN } from "@gitlab-edge/client/testing";
 * const headers = { "PRIVATE-TOKEN": SIM_BOB_TOKEN };
 * ```
 */
export const SIM_BOB_TOKEN: string = "glpat-simulator-bob-token";

/**
 * Personal access token of `alice` limited to the `read_api` scope (writes get 403 insufficient_scope).
 *
 * @example
 * ```ts
 * import { SIM_READ_ONLY_TOKEN } from "@gitlab-edge/client/testing";
 * const headers = { "PRIVATE-TOKEN": SIM_READ_ONLY_TOKEN };
 * ```
 */
export const SIM_READ_ONLY_TOKEN: string = "glpat-simulator-alice-read-api";

/**
 * OAuth access token of `alice`; send it as `Authorization: Bearer <token>` (not as PRIVATE-TOKEN).
 *
 * @example
 * ```ts
 * import { SIM_OAUTH_TOKEN } from "@gitlab-edge/client/testing";
 * const headers = { Authorization: `Bearer ${SIM_OAUTH_TOKEN}` };
 * ```
 */
export const SIM_OAUTH_TOKEN: string = "simulator-oauth-alice-token";

/**
 * CI job token (acts as `bob`); send it in the `JOB-TOKEN` header.
 *
 * @example
 * ```ts
 * import { SIM_JOB_TOKEN } from "@gitlab-edge/client/testing";
 * const headers = { "JOB-TOKEN": SIM_JOB_TOKEN };
 * ```
 */
export const SIM_JOB_TOKEN: string = "glcbt-simulator-job-token";

/**
 * Project access token of `acme/web` (bot user `project_1_bot`, maintainer); PRIVATE-TOKEN header.
 *
 * @example
 * ```ts
 * import { SIM_PROJECT_TOKEN } from "@gitlab-edge/client/testing";
 * const headers = { "PRIVATE-TOKEN": SIM_PROJECT_TOKEN };
 * ```
 */
export const SIM_PROJECT_TOKEN: string = "glpat-simulator-project-token";

/**
 * Group access token of `acme` (bot user `group_7_bot`, maintainer); PRIVATE-TOKEN header.
 *
 * @example
 * ```ts
 * import { SIM_GROUP_TOKEN } from "@gitlab-edge/client/testing";
 * const headers = { "PRIVATE-TOKEN": SIM_GROUP_TOKEN };
 * ```
 */
export const SIM_GROUP_TOKEN: string = "glpat-simulator-group-token";

/**
 * Token of the blocked user `eve` (requests get 403).
 *
 * @example
 * ```ts
 * import { SIM_BLOCKED_TOKEN } from "@gitlab-edge/client/testing";
 * const headers = { "PRIVATE-TOKEN": SIM_BLOCKED_TOKEN };
 * ```
 */
export const SIM_BLOCKED_TOKEN: string = "glpat-simulator-eve-token";

/**
 * Ids and paths of the seeded dataset (with `seed !== false`).
 *
 * @example
 * ```ts
 * import { SIM_SEED } from "@gitlab-edge/client/testing";
 * console.log(SIM_SEED.projects.web.path); // "acme/web"
 * console.log(SIM_SEED.groups.acme.id); // 7
 * ```
 */
export const SIM_SEED: {
  readonly users: {
    readonly root: { readonly id: number; readonly username: string };
    readonly alice: { readonly id: number; readonly username: string };
    readonly bob: { readonly id: number; readonly username: string };
    readonly eve: { readonly id: number; readonly username: string };
  };
  readonly groups: {
    readonly acme: { readonly id: number; readonly path: string };
    readonly platform: { readonly id: number; readonly path: string };
  };
  readonly projects: {
    readonly web: SeedProject;
    readonly api: SeedProject;
    readonly handbook: SeedProject;
    readonly infra: SeedProject;
    readonly deployTools: SeedProject;
    readonly dotfiles: SeedProject;
    readonly sandbox: SeedProject;
    readonly notes: SeedProject;
  };
} = {
  users: {
    root: { id: 1, username: "root" },
    alice: { id: 2, username: "alice" },
    bob: { id: 3, username: "bob" },
    eve: { id: 4, username: "eve" },
  },
  groups: {
    acme: { id: 7, path: "acme" },
    platform: { id: 8, path: "acme/platform" },
  },
  projects: {
    web: { id: 1, path: "acme/web", visibility: "public", openIssues: 4, openMergeRequests: 2 },
    api: { id: 2, path: "acme/api", visibility: "internal", openIssues: 3, openMergeRequests: 1 },
    handbook: { id: 3, path: "acme/handbook", visibility: "public", openIssues: 1, openMergeRequests: 0 },
    infra: { id: 4, path: "acme/platform/infra", visibility: "private", openIssues: 2, openMergeRequests: 1 },
    deployTools: {
      id: 5,
      path: "acme/platform/deploy-tools",
      visibility: "public",
      openIssues: 1,
      openMergeRequests: 1,
    },
    dotfiles: { id: 6, path: "alice/dotfiles", visibility: "public", openIssues: 0, openMergeRequests: 0 },
    sandbox: { id: 7, path: "root/sandbox", visibility: "private", openIssues: 0, openMergeRequests: 0 },
    notes: { id: 8, path: "bob/notes", visibility: "private", openIssues: 0, openMergeRequests: 0 },
  },
};

/**
 * A seeded project's id, full path, visibility and open counts.
 *
 * @example
 * ```ts
 * import { SIM_SEED, type SeedProject } from "@gitlab-edge/client/testing";
 * const p: SeedProject = SIM_SEED.projects.infra;
 * ```
 */
export interface SeedProject {
  /** Project id. */
  readonly id: number;
  /** Full path. */
  readonly path: string;
  /** Visibility. */
  readonly visibility: "public" | "internal" | "private";
  /** Open issues. */
  readonly openIssues: number;
  /** Open merge requests. */
  readonly openMergeRequests: number;
}

const MAIN_TS = `import { createApp } from "./app.ts";

const app = createApp({ basePath: "/" });
export default { fetch: app.fetch };
`;

const PNG = new Uint8Array([
  0x89,
  0x50,
  0x4e,
  0x47,
  0x0d,
  0x0a,
  0x1a,
  0x0a,
  0x00,
  0x00,
  0x00,
  0x0d,
  0x49,
  0x48,
  0x44,
  0x52,
  0x00,
  0x00,
  0x00,
  0x01,
  0x00,
  0x00,
  0x00,
  0x01,
  0x08,
  0x06,
  0x00,
  0x00,
  0x00,
  0x1f,
  0x15,
  0xc4,
  0x89,
  0x00,
  0x00,
  0x00,
  0x0d,
  0x49,
  0x44,
  0x41,
  0x54,
  0x78,
  0x9c,
  0x63,
  0xf8,
  0xcf,
  0xc0,
  0xf0,
  0x1f,
  0x00,
  0x05,
  0x00,
  0x01,
  0xff,
  0x89,
  0x99,
  0x3d,
  0x1d,
  0x00,
  0x00,
  0x00,
  0x00,
  0x49,
  0x45,
  0x4e,
  0x44,
  0xae,
  0x42,
  0x60,
  0x82,
]);

/** @internal fills a fresh simulator with the default dataset, then each group's seed (`routes/mod.ts`). */
export function seedSimulator(sim: SimulatorImpl, store: Store): void {
  sim.addUser({ username: "root", name: "Administrator", admin: true, email: "admin@example.com" });
  sim.addUser({ username: "alice", name: "Alice Liddell" });
  sim.addUser({ username: "bob", name: "Bob Builder" });
  sim.addUser({ username: "eve", name: "Eve Blocked", state: "blocked" });
  sim.addUser({ username: "project_1_bot", name: "acme-web deploy bot" });
  sim.addUser({ username: "group_7_bot", name: "acme automation bot" });

  sim.addToken(SIM_ADMIN_TOKEN, { user: "root", scopes: ["api", "sudo"] });
  sim.addToken(SIM_USER_TOKEN, { user: "alice" });
  sim.addToken(SIM_BOB_TOKEN, { user: "bob" });
  sim.addToken(SIM_READ_ONLY_TOKEN, { user: "alice", scopes: ["read_api"] });
  sim.addToken(SIM_OAUTH_TOKEN, { user: "alice", kind: "oauth" });
  sim.addToken(SIM_JOB_TOKEN, { user: "bob", kind: "job" });
  sim.addToken(SIM_PROJECT_TOKEN, { user: "project_1_bot", kind: "project" });
  sim.addToken(SIM_GROUP_TOKEN, { user: "group_7_bot", kind: "group" });
  sim.addToken(SIM_BLOCKED_TOKEN, { user: "eve" });

  sim.addGroup({
    path: "acme",
    name: "Acme",
    visibility: "public",
    description: "Acme Corporation engineering",
    members: { alice: 50, group_7_bot: 40 },
  });
  sim.addGroup({
    path: "platform",
    name: "Platform",
    parent: "acme",
    visibility: "public",
    description: "Platform team",
    members: { bob: 30 },
  });

  // 1 acme/web
  sim.addProject({
    path: "web",
    name: "Acme Web",
    namespace: "acme",
    visibility: "public",
    description: "Customer-facing web application",
    topics: ["frontend", "typescript"],
    members: { project_1_bot: 40 },
    creator: "alice",
  });
  // 2 acme/api
  sim.addProject({
    path: "api",
    name: "Acme API",
    namespace: "acme",
    visibility: "internal",
    description: "Public REST API backend",
    topics: ["backend"],
    creator: "alice",
  });
  // 3 acme/handbook
  sim.addProject({
    path: "handbook",
    name: "Handbook",
    namespace: "acme",
    visibility: "public",
    description: "How we work",
    creator: "alice",
  });
  // 4 acme/platform/infra
  sim.addProject({
    path: "infra",
    name: "Infra",
    namespace: "acme/platform",
    visibility: "private",
    description: "Terraform for production infrastructure",
    creator: "bob",
  });
  // 5 acme/platform/deploy-tools
  sim.addProject({
    path: "deploy-tools",
    name: "Deploy Tools",
    namespace: "acme/platform",
    visibility: "public",
    description: "CLI helpers for deployments",
    creator: "bob",
  });
  // 6-8 personal projects
  sim.addProject({ path: "dotfiles", name: "dotfiles", namespace: "alice", visibility: "public" });
  sim.addProject({ path: "sandbox", name: "sandbox", namespace: "root", visibility: "private" });
  sim.addProject({ path: "notes", name: "notes", namespace: "bob", visibility: "private" });

  const ages: [string, number, number][] = [
    ["acme/web", 400, 1],
    ["acme/api", 380, 2],
    ["acme/handbook", 300, 20],
    ["acme/platform/infra", 250, 3],
    ["acme/platform/deploy-tools", 200, 5],
    ["alice/dotfiles", 150, 40],
    ["root/sandbox", 100, 60],
    ["bob/notes", 50, 7],
  ];

  // repository content
  for (const [path] of ages) {
    const name = path.split("/").pop() as string;
    sim.addFile(path, "README.md", `# ${name}\n\nPart of the simulator's seed data.\n`);
  }
  sim.addFile("acme/web", "src/main.ts", MAIN_TS);
  sim.addFile(
    "acme/web",
    "package.json",
    JSON.stringify({ name: "acme-web", version: "1.4.2", private: true, type: "module" }, null, 2) + "\n",
  );
  sim.addFile("acme/web", "assets/logo.png", PNG);
  sim.addFile("acme/web", "docs/guide.md", "# Guide\n\nRun `deno task dev`.\n");
  sim.addBranch("acme/web", "feature/login");
  sim.addFile("acme/web", "src/login.ts", "export function login(): void {}\n", { ref: "feature/login" });
  sim.addFile("acme/api", "main.go", 'package main\n\nfunc main() {\n\tprintln("acme api")\n}\n');
  sim.addFile("acme/platform/infra", "main.tf", 'terraform {\n  required_version = ">= 1.6"\n}\n');

  // issues: [project, title, state, labels, author, ageDays]
  const issues: [string, string, "opened" | "closed", string[], string, number][] = [
    ["acme/web", "Login button unresponsive on Safari", "opened", ["bug", "frontend"], "alice", 30],
    ["acme/web", "Add dark mode", "opened", ["feature"], "bob", 25],
    ["acme/web", "Footer links point to staging", "closed", ["bug"], "alice", 20],
    ["acme/web", "Improve lighthouse score", "opened", ["performance"], "alice", 12],
    ["acme/web", "Typo on pricing page", "closed", ["documentation"], "bob", 8],
    ["acme/web", "Session expires too early", "opened", ["bug", "security"], "alice", 2],
    ["acme/api", "Rate limit headers missing", "opened", ["bug", "api"], "alice", 40],
    ["acme/api", "Paginate /orders", "opened", ["feature", "api"], "alice", 15],
    ["acme/api", "500 on empty cart checkout", "closed", ["bug"], "bob", 10],
    ["acme/api", "Upgrade Go to 1.23", "opened", ["maintenance"], "alice", 3],
    ["acme/handbook", "Document on-call rotation", "opened", ["documentation"], "alice", 60],
    ["acme/platform/infra", "Rotate database credentials", "opened", ["security"], "bob", 14],
    ["acme/platform/infra", "Terraform state lock stuck", "opened", ["bug"], "bob", 4],
    ["acme/platform/infra", "Remove unused NAT gateway", "closed", ["cost"], "bob", 30],
    ["acme/platform/deploy-tools", "Support canary deployments", "opened", ["feature"], "bob", 9],
    ["acme/platform/deploy-tools", "Flaky rollback test", "closed", ["bug", "ci"], "bob", 21],
  ];
  for (const [project, title, state, labels, author, age] of issues) {
    sim.addIssue(project, {
      title,
      state,
      labels,
      author,
      description: `${title}.\n\nReported via the seed.`,
    });
    sim.backdateLastIssue(project, age);
  }

  // merge requests: [project, title, source, state, author]
  const mrs: [string, string, string, "opened" | "closed" | "merged", string][] = [
    ["acme/web", "Fix Safari login button", "fix/safari-login", "opened", "alice"],
    ["acme/web", "Draft: Dark mode", "feature/dark-mode", "opened", "bob"],
    ["acme/web", "Fix footer links", "fix/footer-links", "merged", "alice"],
    ["acme/api", "Add rate limit headers", "feature/rate-limit-headers", "opened", "alice"],
    ["acme/api", "Experimental GraphQL gateway", "spike/graphql", "closed", "bob"],
    ["acme/platform/infra", "Rotate DB credentials", "chore/rotate-db-creds", "opened", "bob"],
    ["acme/platform/deploy-tools", "Canary deployments", "feature/canary", "opened", "bob"],
    ["acme/platform/deploy-tools", "Stabilise rollback test", "fix/rollback-test", "merged", "bob"],
  ];
  for (const [project, title, source, state, author] of mrs) {
    sim.addMergeRequest(project, { title, source_branch: source, state, author, labels: [] });
  }
  for (const [path, created, activity] of ages) sim.backdateProject(path, created, activity);
  for (const seed of GROUP_SEEDS) seed(store);
}
