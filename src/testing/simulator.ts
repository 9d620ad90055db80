/**
 * The in-memory GitLab REST API v4 simulator. Pure Web APIs only: runs on Deno, Node,
 * Bun and Cloudflare Workers.
 *
 * @module
 */

import type { AccessLevel } from "../types/common.ts";
import { cannedResponse, delay, faultMatches, hang, type QueuedFault, reshapeBody } from "./faults.ts";
import { bool, decodeParams, int, list, obj, type Params, readBodyParams, str } from "./params.ts";
import type {
  AddGroupInput,
  AddIssueInput,
  AddMergeRequestInput,
  AddProjectInput,
  AddTokenInput,
  AddUserInput,
  Fault,
  SimBranch,
  SimCommit,
  SimGroup,
  SimIssue,
  SimMergeRequest,
  SimNamespace,
  SimProject,
  SimProjectSimple,
  SimRequest,
  SimTokenKind,
  Simulator,
  SimulatorOptions,
  SimUser,
  SimUserBasic,
  SimVisibility,
} from "./types.ts";
import { seedSimulator } from "./seed.ts";

// ---------------------------------------------------------------------------------------------
// internal records

interface UserRec {
  id: number;
  username: string;
  name: string;
  admin: boolean;
  state: "active" | "blocked";
  email: string;
  bot: boolean;
  createdAt: string;
  namespaceId: number;
}

interface TokenRec {
  userId: number;
  kind: SimTokenKind;
  scopes: string[];
}

interface GroupRec {
  id: number;
  path: string;
  name: string;
  parent: GroupRec | null;
  visibility: SimVisibility;
  description: string;
  createdAt: string;
  members: Map<number, number>;
  fullPath: string;
  fullName: string;
}

type NsRec = { kind: "group"; group: GroupRec } | { kind: "user"; user: UserRec };

interface FileRec {
  content: Uint8Array;
  lastCommitId: string;
  blobId?: string;
  sha256?: string;
}

interface CommitRec {
  id: string;
  message: string;
  createdAt: string;
  authorName: string;
  authorEmail: string;
  parentIds: string[];
}

interface BranchRec {
  name: string;
  commit: CommitRec;
  files: Map<string, FileRec>;
  protected: boolean;
}

interface RepoRec {
  branches: Map<string, BranchRec>;
}

interface IssueRec {
  id: number;
  iid: number;
  title: string;
  description: string | null;
  state: "opened" | "closed";
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedById: number | null;
  labels: string[];
  authorId: number;
  assigneeIds: number[];
}

interface MrRec {
  id: number;
  iid: number;
  title: string;
  description: string | null;
  state: "opened" | "closed" | "merged";
  createdAt: string;
  updatedAt: string;
  mergedAt: string | null;
  mergedById: number | null;
  closedAt: string | null;
  closedById: number | null;
  source: string;
  target: string;
  labels: string[];
  authorId: number;
  draft: boolean;
  sha: string;
}

interface ProjectRec {
  id: number;
  path: string;
  name: string;
  ns: NsRec;
  fullPath: string;
  visibility: SimVisibility;
  defaultBranch: string;
  description: string | null;
  topics: string[];
  archived: boolean;
  createdAt: string;
  updatedAt: string;
  lastActivityAt: string;
  creatorId: number;
  forkedFrom: ProjectRec | null;
  forksCount: number;
  starCount: number;
  members: Map<number, number> | null;
  issues: IssueRec[];
  mrs: MrRec[];
  openIssues: number;
  repo: RepoRec | null;
}

interface FileMeta {
  file_name: string;
  file_path: string;
  size: number;
  encoding: string;
  content_sha256: string;
  ref: string;
  blob_id: string;
  commit_id: string;
  last_commit_id: string;
  execute_filemode: boolean;
}

interface Ctx {
  req: Request;
  url: URL;
  method: string;
  path: Record<string, string>;
  q: Params;
  user: UserRec | null;
  token: TokenRec | null;
  requestId: string;
}

type Handler = (ctx: Ctx) => Response | Promise<Response>;

interface Route {
  method: string;
  segs: string[];
  handler: Handler;
}

class HttpError extends Error {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
  constructor(status: number, body: unknown, headers?: Record<string, string>) {
    super(`HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

const notFound = (what: string) => new HttpError(404, { message: `404 ${what} Not Found` });
const forbidden = () => new HttpError(403, { message: "403 Forbidden" });
const unauthorized = () => new HttpError(401, { message: "401 Unauthorized" });

const ACCESS = { guest: 10, reporter: 20, developer: 30, maintainer: 40, owner: 50 } as const;
const MAX_TOTAL_HEADERS = 10_000;
const LOG_CAP = 10_000;
const encoder = new TextEncoder();

// ---------------------------------------------------------------------------------------------
// helpers

function hex(n: number, len: number): string {
  let out = "";
  let x = (n ^ 0x9e3779b9) >>> 0;
  let guard = 0;
  while (out.length < len && guard++ < 64) {
    x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
    x = (x ^ (x >>> 16)) >>> 0;
    out += x.toString(16).padStart(8, "0");
    x = (x + 0x6d2b79f5 + guard) >>> 0;
  }
  return out.slice(0, len);
}

function toBase64(bytes: Uint8Array): string {
  let s = "";
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) {
    s += String.fromCharCode(...bytes.subarray(i, i + step));
  }
  return btoa(s);
}

async function digestHex(alg: "SHA-1" | "SHA-256", data: Uint8Array): Promise<string> {
  const buf = await crypto.subtle.digest(alg, data as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, "0")).join("");
}

function slugify(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9_.-]+/g, "-").replace(/^-+|-+$/g, "") || "project";
}

function sortLabels(labels: string[]): string[] {
  return [...new Set(labels.map((l) => l.trim()).filter((l) => l !== ""))].sort((a, b) =>
    a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0
  );
}

const MIME: Record<string, string> = {
  md: "text/markdown; charset=utf-8",
  txt: "text/plain; charset=utf-8",
  ts: "text/plain; charset=utf-8",
  tsx: "text/plain; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  mjs: "text/javascript; charset=utf-8",
  json: "application/json",
  yml: "text/yaml; charset=utf-8",
  yaml: "text/yaml; charset=utf-8",
  toml: "text/plain; charset=utf-8",
  sh: "text/x-sh; charset=utf-8",
  py: "text/x-python; charset=utf-8",
  rb: "text/x-ruby; charset=utf-8",
  go: "text/plain; charset=utf-8",
  rs: "text/plain; charset=utf-8",
  html: "text/html; charset=utf-8",
  css: "text/css; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  xml: "application/xml",
  svg: "image/svg+xml",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  pdf: "application/pdf",
  zip: "application/zip",
  gz: "application/gzip",
};

function mimeOf(path: string): string {
  const name = path.split("/").pop() ?? path;
  const dot = name.lastIndexOf(".");
  if (dot <= 0) {
    return name === "Dockerfile" || name === "Makefile"
      ? "text/plain; charset=utf-8"
      : "application/octet-stream";
  }
  return MIME[name.slice(dot + 1).toLowerCase()] ?? "application/octet-stream";
}

function isoCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** first index in ascending-by-id `arr` whose id is greater than `id` */
function upperBound(arr: readonly { id: number }[], id: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid].id <= id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** first index in ascending-by-id `arr` whose id is >= `id` */
function lowerBound(arr: readonly { id: number }[], id: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid].id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------------
// the simulator

/** @internal implementation of {@link Simulator}; use {@link createSimulator}. */
export class SimulatorImpl implements Simulator {
  latency = 0;
  readonly webUrl: string;
  readonly now: () => Date;

  #log: SimRequest[] = [];
  #faults: QueuedFault[] = [];
  #routes: Route[] = [];

  #users: UserRec[] = [];
  #usersById = new Map<number, UserRec>();
  #usersByName = new Map<string, UserRec>();
  #tokens = new Map<string, TokenRec>();
  #groups: GroupRec[] = [];
  #groupsById = new Map<number, GroupRec>();
  #groupsByPath = new Map<string, GroupRec>();
  #projects: ProjectRec[] = [];
  #projectsById = new Map<number, ProjectRec>();
  #projectsByPath = new Map<string, ProjectRec>();
  #privateOrInternal = 0;
  #version = 0;
  #cache = new Map<string, { version: number; list: ProjectRec[] }>();

  #nextUserId = 1;
  #nextNamespaceId = 1;
  #nextProjectId = 1;
  #nextIssueId = 1;
  #nextMrId = 1;
  #nextUploadId = 1;
  #nextCommit = 1;

  constructor(options: SimulatorOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.webUrl = (options.webUrl ?? "https://gitlab.example.com").replace(/\/+$/, "");
    this.#defineRoutes();
    if (options.seed !== false) seedSimulator(this);
  }

  /** A bound fetch-compatible function. */
  readonly fetch = (input: Request | URL | string, init?: RequestInit): Promise<Response> =>
    this.#handle(input, init);

  get requests(): SimRequest[] {
    if (this.#log.length > LOG_CAP) this.#log.splice(0, this.#log.length - LOG_CAP);
    return this.#log;
  }

  clearRequests(): void {
    this.#log = [];
  }

  fault(f: Fault): void {
    this.#faults.push({ fault: f, remaining: f.times ?? 1 });
  }

  clearFaults(): void {
    this.#faults = [];
  }

  /**
   * @internal whether a queued fault will drop or hang a connection. The HTTP server uses it to
   * answer with `Connection: close` beforehand, so clients (e.g. Bun's fetch) don't transparently
   * retry a reset keep-alive connection and swallow the fault.
   */
  hasPendingNetworkFaults(): boolean {
    return this.#faults.some((q) => q.remaining > 0 && (q.fault.drop !== undefined || q.fault.hang === true));
  }

  #iso(): string {
    return this.now().toISOString();
  }

  /** @internal ISO time `days` before now (seeding). */
  isoAgo(days: number): string {
    return new Date(this.now().getTime() - days * 86_400_000).toISOString();
  }

  #bump(): void {
    this.#version++;
  }

  // ----- builders ---------------------------------------------------------------------------

  addUser(u: AddUserInput): SimUser {
    const key = u.username.toLowerCase();
    if (this.#usersByName.has(key)) throw new Error(`simulator: user ${u.username} already exists`);
    const rec: UserRec = {
      id: this.#nextUserId++,
      username: u.username,
      name: u.name ?? u.username.charAt(0).toUpperCase() + u.username.slice(1),
      admin: u.admin ?? false,
      state: u.state ?? "active",
      email: u.email ?? `${u.username}@example.com`,
      bot: /bot/.test(u.username),
      createdAt: this.#iso(),
      namespaceId: this.#nextNamespaceId++,
    };
    this.#users.push(rec);
    this.#usersById.set(rec.id, rec);
    this.#usersByName.set(key, rec);
    this.#bump();
    return this.#renderUser(rec, rec);
  }

  addToken(token: string, o: AddTokenInput): void {
    const user = this.#usersByName.get(o.user.toLowerCase());
    if (!user) throw new Error(`simulator: unknown user ${o.user}`);
    this.#tokens.set(token, { userId: user.id, kind: o.kind ?? "personal", scopes: o.scopes ?? ["api"] });
  }

  addGroup(g: AddGroupInput): SimGroup {
    let parent: GroupRec | null = null;
    if (g.parent) {
      parent = this.#groupsByPath.get(g.parent.toLowerCase()) ?? null;
      if (!parent) throw new Error(`simulator: unknown parent group ${g.parent}`);
    }
    const fullPath = parent ? `${parent.fullPath}/${g.path}` : g.path;
    if (
      this.#groupsByPath.has(fullPath.toLowerCase()) ||
      (!parent && this.#usersByName.has(g.path.toLowerCase()))
    ) {
      throw new Error(`simulator: namespace ${fullPath} already exists`);
    }
    const name = g.name ?? g.path;
    const rec: GroupRec = {
      id: this.#nextNamespaceId++,
      path: g.path,
      name,
      parent,
      visibility: g.visibility ?? "public",
      description: g.description ?? "",
      createdAt: this.#iso(),
      members: new Map(),
      fullPath,
      fullName: parent ? `${parent.fullName} / ${name}` : name,
    };
    for (const [username, level] of Object.entries(g.members ?? {})) {
      rec.members.set(this.#requireUser(username).id, level);
    }
    this.#groups.push(rec);
    this.#groupsById.set(rec.id, rec);
    this.#groupsByPath.set(fullPath.toLowerCase(), rec);
    this.#bump();
    return this.#renderGroup(rec);
  }

  #requireUser(username: string): UserRec {
    const u = this.#usersByName.get(username.toLowerCase());
    if (!u) throw new Error(`simulator: unknown user ${username}`);
    return u;
  }

  #defaultOwner(): UserRec {
    const admin = this.#users.find((u) => u.admin);
    if (admin) return admin;
    this.addUser({ username: "root", name: "Administrator", admin: true });
    return this.#requireUser("root");
  }

  #resolveNs(namespace: string | undefined): NsRec {
    if (!namespace) return { kind: "user", user: this.#defaultOwner() };
    const g = this.#groupsByPath.get(namespace.toLowerCase());
    if (g) return { kind: "group", group: g };
    const u = this.#usersByName.get(namespace.toLowerCase());
    if (u) return { kind: "user", user: u };
    throw new Error(`simulator: unknown namespace ${namespace}`);
  }

  #nsFullPath(ns: NsRec): string {
    return ns.kind === "group" ? ns.group.fullPath : ns.user.username;
  }

  #nsName(ns: NsRec): string {
    return ns.kind === "group" ? ns.group.fullName : ns.user.name;
  }

  #insertProject(p: ProjectRec): void {
    this.#projects.push(p); // ids only grow, so the array stays id-ordered
    this.#projectsById.set(p.id, p);
    this.#projectsByPath.set(p.fullPath.toLowerCase(), p);
    if (p.visibility !== "public") this.#privateOrInternal++;
    this.#bump();
  }

  #newProjectRec(o: {
    path: string;
    name: string;
    ns: NsRec;
    visibility: SimVisibility;
    defaultBranch?: string;
    description?: string | null;
    topics?: string[];
    archived?: boolean;
    creatorId: number;
    createdAt?: string;
  }): ProjectRec {
    const at = o.createdAt ?? this.#iso();
    return {
      id: this.#nextProjectId++,
      path: o.path,
      name: o.name,
      ns: o.ns,
      fullPath: `${this.#nsFullPath(o.ns)}/${o.path}`,
      visibility: o.visibility,
      defaultBranch: o.defaultBranch ?? "main",
      description: o.description ?? null,
      topics: o.topics ?? [],
      archived: o.archived ?? false,
      createdAt: at,
      updatedAt: at,
      lastActivityAt: at,
      creatorId: o.creatorId,
      forkedFrom: null,
      forksCount: 0,
      starCount: 0,
      members: null,
      issues: [],
      mrs: [],
      openIssues: 0,
      repo: null,
    };
  }

  addProject(p: AddProjectInput): SimProject {
    const ns = this.#resolveNs(p.namespace);
    const fullPath = `${this.#nsFullPath(ns)}/${p.path}`;
    if (this.#projectsByPath.has(fullPath.toLowerCase())) {
      throw new Error(`simulator: project ${fullPath} exists`);
    }
    const creator = p.creator
      ? this.#requireUser(p.creator)
      : ns.kind === "user"
      ? ns.user
      : this.#defaultOwner();
    const rec = this.#newProjectRec({
      path: p.path,
      name: p.name ?? p.path,
      ns,
      visibility: p.visibility ?? "private",
      defaultBranch: p.default_branch,
      description: p.description ?? null,
      topics: p.topics,
      archived: p.archived,
      creatorId: creator.id,
    });
    if (p.members) {
      rec.members = new Map();
      for (const [username, level] of Object.entries(p.members)) {
        rec.members.set(this.#requireUser(username).id, level);
      }
    }
    this.#insertProject(rec);
    return this.#renderProject(rec, null);
  }

  addProjects(
    count: number,
    o: { namespace?: string; prefix?: string; visibility?: SimVisibility } = {},
  ): void {
    const ns = this.#resolveNs(o.namespace);
    const nsPath = this.#nsFullPath(ns);
    const prefix = o.prefix ?? "project-";
    const creatorId = ns.kind === "user" ? ns.user.id : this.#defaultOwner().id;
    const visibility = o.visibility ?? "public";
    const at = this.#iso();
    const n = Math.max(0, Math.floor(count));
    for (let i = 0; i < n; i++) {
      let path = `${prefix}${this.#nextProjectId}`;
      if (this.#projectsByPath.has(`${nsPath}/${path}`.toLowerCase())) path = `${path}-${i}`;
      const rec = this.#newProjectRec({ path, name: path, ns, visibility, creatorId, createdAt: at });
      this.#projects.push(rec);
      this.#projectsById.set(rec.id, rec);
      this.#projectsByPath.set(rec.fullPath.toLowerCase(), rec);
      if (visibility !== "public") this.#privateOrInternal++;
    }
    this.#bump();
  }

  #projectRef(project: string | number): ProjectRec {
    const p = typeof project === "number" || /^\d+$/.test(project)
      ? this.#projectsById.get(Number(project))
      : this.#projectsByPath.get(project.toLowerCase());
    if (!p) throw new Error(`simulator: unknown project ${project}`);
    return p;
  }

  addIssue(project: string | number, i: AddIssueInput): SimIssue {
    const p = this.#projectRef(project);
    const author = i.author
      ? this.#requireUser(i.author)
      : this.#usersById.get(p.creatorId) ?? this.#defaultOwner();
    const rec = this.#createIssue(p, author, {
      title: i.title,
      description: i.description ?? null,
      labels: i.labels ?? [],
      assigneeIds: (i.assignees ?? []).map((a) => this.#requireUser(a).id),
    });
    if (i.state === "closed") this.#setIssueState(p, rec, "closed", author);
    return this.#renderIssue(p, rec);
  }

  /** @internal adjusts timestamps of the most recent issue (seeding). */
  backdateLastIssue(project: string | number, days: number): void {
    const p = this.#projectRef(project);
    const rec = p.issues[p.issues.length - 1];
    if (rec) rec.createdAt = rec.updatedAt = this.isoAgo(days);
  }

  /** @internal sets a project's creation time (seeding). */
  backdateProject(project: string | number, days: number, activityDays: number): void {
    const p = this.#projectRef(project);
    p.createdAt = this.isoAgo(days);
    p.updatedAt = p.lastActivityAt = this.isoAgo(activityDays);
  }

  #createIssue(
    p: ProjectRec,
    author: UserRec,
    d: { title: string; description: string | null; labels: string[]; assigneeIds: number[] },
  ): IssueRec {
    const at = this.#iso();
    const last = p.issues[p.issues.length - 1];
    const rec: IssueRec = {
      id: this.#nextIssueId++,
      iid: last ? last.iid + 1 : 1,
      title: d.title,
      description: d.description,
      state: "opened",
      createdAt: at,
      updatedAt: at,
      closedAt: null,
      closedById: null,
      labels: sortLabels(d.labels),
      authorId: author.id,
      assigneeIds: d.assigneeIds,
    };
    p.issues.push(rec);
    p.openIssues++;
    p.lastActivityAt = at;
    this.#bump();
    return rec;
  }

  #setIssueState(p: ProjectRec, rec: IssueRec, state: "opened" | "closed", by: UserRec): void {
    if (rec.state === state) return;
    const at = this.#iso();
    rec.state = state;
    rec.updatedAt = at;
    if (state === "closed") {
      rec.closedAt = at;
      rec.closedById = by.id;
      p.openIssues--;
    } else {
      rec.closedAt = null;
      rec.closedById = null;
      p.openIssues++;
    }
    p.lastActivityAt = at;
    this.#bump();
  }

  addMergeRequest(project: string | number, m: AddMergeRequestInput): SimMergeRequest {
    const p = this.#projectRef(project);
    const author = m.author
      ? this.#requireUser(m.author)
      : this.#usersById.get(p.creatorId) ?? this.#defaultOwner();
    const target = m.target_branch ?? p.defaultBranch;
    const repo = this.#repo(p);
    if (!repo.branches.has(target)) this.addBranch(p.id, target);
    if (!repo.branches.has(m.source_branch)) this.addBranch(p.id, m.source_branch, { ref: target });
    const at = this.#iso();
    const last = p.mrs[p.mrs.length - 1];
    const state = m.state ?? "opened";
    const rec: MrRec = {
      id: this.#nextMrId++,
      iid: last ? last.iid + 1 : 1,
      title: m.title,
      description: m.description ?? null,
      state,
      createdAt: at,
      updatedAt: at,
      mergedAt: state === "merged" ? at : null,
      mergedById: state === "merged" ? author.id : null,
      closedAt: state === "closed" ? at : null,
      closedById: state === "closed" ? author.id : null,
      source: m.source_branch,
      target,
      labels: sortLabels(m.labels ?? []),
      authorId: author.id,
      draft: m.draft ?? /^(draft:|\[draft\]|wip:)/i.test(m.title),
      sha: repo.branches.get(m.source_branch)?.commit.id ?? hex(this.#nextCommit++, 40),
    };
    p.mrs.push(rec);
    p.lastActivityAt = at;
    this.#bump();
    return this.#renderMr(p, rec);
  }

  #newCommit(message: string, parents: string[], author?: UserRec): CommitRec {
    const a = author ?? this.#users[0];
    return {
      id: hex(this.#nextCommit++ * 7919, 40),
      message,
      createdAt: this.#iso(),
      authorName: a?.name ?? "Administrator",
      authorEmail: a?.email ?? "admin@example.com",
      parentIds: parents,
    };
  }

  #repo(p: ProjectRec): RepoRec {
    if (!p.repo) {
      const commit = this.#newCommit("Initial commit", [], this.#usersById.get(p.creatorId));
      commit.createdAt = p.createdAt;
      p.repo = {
        branches: new Map([[p.defaultBranch, {
          name: p.defaultBranch,
          commit,
          files: new Map(),
          protected: true,
        }]]),
      };
    }
    return p.repo;
  }

  addFile(
    project: string | number,
    path: string,
    content: string | Uint8Array,
    o: { ref?: string } = {},
  ): void {
    const p = this.#projectRef(project);
    const repo = this.#repo(p);
    const ref = o.ref ?? p.defaultBranch;
    let branch = repo.branches.get(ref);
    if (!branch) {
      this.addBranch(p.id, ref);
      branch = repo.branches.get(ref) as BranchRec;
    }
    const clean = path.replace(/^\/+/, "");
    const commit = this.#newCommit(`Add ${clean}`, [branch.commit.id], this.#usersById.get(p.creatorId));
    branch.commit = commit;
    branch.files = new Map(branch.files); // copy-on-write: other branches keep their snapshot
    branch.files.set(clean, {
      content: typeof content === "string" ? encoder.encode(content) : content.slice(),
      lastCommitId: commit.id,
    });
    p.lastActivityAt = commit.createdAt;
  }

  addBranch(project: string | number, name: string, o: { ref?: string } = {}): void {
    const p = this.#projectRef(project);
    const repo = this.#repo(p);
    if (repo.branches.has(name)) throw new Error(`simulator: branch ${name} exists`);
    const from = this.#resolveRef(p, o.ref ?? p.defaultBranch);
    if (!from) throw new Error(`simulator: unknown ref ${o.ref}`);
    repo.branches.set(name, { name, commit: from.commit, files: from.files, protected: false });
  }

  #resolveRef(p: ProjectRec, ref: string): BranchRec | null {
    const repo = this.#repo(p);
    const b = repo.branches.get(ref);
    if (b) return b;
    if (/^[0-9a-f]{7,40}$/i.test(ref)) {
      for (const br of repo.branches.values()) {
        if (br.commit.id.startsWith(ref.toLowerCase())) return br;
      }
    }
    return null;
  }

  // ----- access control ----------------------------------------------------------------------

  #groupAccess(user: UserRec, g: GroupRec | null): number {
    let level = 0;
    let guard = 0;
    for (let cur = g; cur && guard++ < 100; cur = cur.parent) {
      level = Math.max(level, cur.members.get(user.id) ?? 0);
    }
    return level;
  }

  /** membership level (no admin override) */
  #memberAccess(user: UserRec | null, p: ProjectRec): number {
    if (!user) return 0;
    let level = p.members?.get(user.id) ?? 0;
    if (p.ns.kind === "user") {
      if (p.ns.user.id === user.id) level = ACCESS.owner;
    } else level = Math.max(level, this.#groupAccess(user, p.ns.group));
    return level;
  }

  #access(user: UserRec | null, p: ProjectRec): number {
    if (user?.admin) return ACCESS.owner;
    return this.#memberAccess(user, p);
  }

  #canRead(user: UserRec | null, p: ProjectRec): boolean {
    if (p.visibility === "public") return true;
    if (!user) return false;
    if (p.visibility === "internal" && !user.bot) return true;
    return this.#access(user, p) > 0;
  }

  #canReadGroup(user: UserRec | null, g: GroupRec): boolean {
    if (g.visibility === "public") return true;
    if (!user) return false;
    if (user.admin || g.visibility === "internal") return true;
    if (this.#groupAccess(user, g) > 0) return true;
    // members of a descendant group can see the ancestors
    return this.#groups.some((d) => this.#isDescendant(d, g) && d.members.has(user.id));
  }

  #isDescendant(d: GroupRec, ancestor: GroupRec): boolean {
    let guard = 0;
    for (let cur = d.parent; cur && guard++ < 100; cur = cur.parent) if (cur === ancestor) return true;
    return false;
  }

  // ----- rendering ---------------------------------------------------------------------------

  #userBasic(u: UserRec): SimUserBasic {
    return {
      id: u.id,
      username: u.username,
      name: u.name,
      state: u.state,
      locked: false,
      avatar_url: null,
      web_url: `${this.webUrl}/${u.username}`,
    };
  }

  #userBasicById(id: number | null): SimUserBasic | null {
    if (id === null) return null;
    const u = this.#usersById.get(id);
    return u ? this.#userBasic(u) : null;
  }

  #renderUser(u: UserRec, viewer: UserRec | null): SimUser {
    const out: SimUser = {
      ...this.#userBasic(u),
      created_at: u.createdAt,
      bio: "",
      location: "",
      public_email: null,
      website_url: "",
      organization: "",
      job_title: "",
      bot: u.bot,
    };
    if (viewer && (viewer.admin || viewer.id === u.id)) {
      out.is_admin = u.admin;
      out.email = u.email;
    }
    return out;
  }

  #renderGroup(g: GroupRec): SimGroup {
    return {
      id: g.id,
      web_url: `${this.webUrl}/groups/${g.fullPath}`,
      name: g.name,
      path: g.path,
      description: g.description,
      visibility: g.visibility,
      share_with_group_lock: false,
      require_two_factor_authentication: false,
      two_factor_grace_period: 48,
      project_creation_level: "developer",
      auto_devops_enabled: null,
      subgroup_creation_level: "maintainer",
      emails_disabled: false,
      emails_enabled: true,
      mentions_disabled: null,
      lfs_enabled: true,
      default_branch: null,
      default_branch_protection: 2,
      avatar_url: null,
      request_access_enabled: true,
      full_name: g.fullName,
      full_path: g.fullPath,
      created_at: g.createdAt,
      parent_id: g.parent?.id ?? null,
      organization_id: 1,
      shared_runners_setting: "enabled",
      ldap_cn: null,
      ldap_access: null,
      wiki_access_level: "enabled",
      marked_for_deletion_on: null,
      archived: false,
    };
  }

  #renderNamespace(ns: NsRec): SimNamespace {
    if (ns.kind === "group") {
      const g = ns.group;
      return {
        id: g.id,
        name: g.name,
        path: g.path,
        kind: "group",
        full_path: g.fullPath,
        parent_id: g.parent?.id ?? null,
        avatar_url: null,
        web_url: `${this.webUrl}/groups/${g.fullPath}`,
      };
    }
    const u = ns.user;
    return {
      id: u.namespaceId,
      name: u.name,
      path: u.username,
      kind: "user",
      full_path: u.username,
      parent_id: null,
      avatar_url: null,
      web_url: `${this.webUrl}/${u.username}`,
    };
  }

  #renderProjectSimple(p: ProjectRec): SimProjectSimple {
    const web = `${this.webUrl}/${p.fullPath}`;
    const readme = p.repo?.branches.get(p.defaultBranch)?.files.has("README.md");
    const host = this.webUrl.replace(/^https?:\/\//, "");
    return {
      id: p.id,
      description: p.description,
      name: p.name,
      name_with_namespace: `${this.#nsName(p.ns)} / ${p.name}`,
      path: p.path,
      path_with_namespace: p.fullPath,
      created_at: p.createdAt,
      default_branch: p.defaultBranch,
      tag_list: p.topics,
      topics: p.topics,
      ssh_url_to_repo: `git@${host}:${p.fullPath}.git`,
      http_url_to_repo: `${web}.git`,
      web_url: web,
      readme_url: readme ? `${web}/-/blob/${p.defaultBranch}/README.md` : null,
      forks_count: p.forksCount,
      avatar_url: null,
      star_count: p.starCount,
      last_activity_at: p.lastActivityAt,
      namespace: this.#renderNamespace(p.ns),
    };
  }

  #renderProject(p: ProjectRec, viewer: UserRec | null): SimProject {
    const api = `${this.webUrl}/api/v4/projects/${p.id}`;
    const host = this.webUrl.replace(/^https?:\/\//, "");
    const empty = !p.repo || (p.repo.branches.get(p.defaultBranch)?.files.size ?? 0) === 0;
    const out: SimProject = {
      ...this.#renderProjectSimple(p),
      container_registry_image_prefix: `registry.${host}/${p.fullPath}`,
      _links: {
        self: api,
        issues: `${api}/issues`,
        merge_requests: `${api}/merge_requests`,
        repo_branches: `${api}/repository/branches`,
        labels: `${api}/labels`,
        events: `${api}/events`,
        members: `${api}/members`,
        cluster_agents: `${api}/cluster_agents`,
      },
      empty_repo: empty,
      archived: p.archived,
      visibility: p.visibility,
      issues_enabled: true,
      merge_requests_enabled: true,
      wiki_enabled: true,
      jobs_enabled: true,
      snippets_enabled: true,
      container_registry_enabled: true,
      issues_access_level: "enabled",
      repository_access_level: "enabled",
      merge_requests_access_level: "enabled",
      creator_id: p.creatorId,
      open_issues_count: p.openIssues,
      updated_at: p.updatedAt,
      import_status: "none",
      shared_runners_enabled: true,
      lfs_enabled: true,
      merge_method: "merge",
      only_allow_merge_if_pipeline_succeeds: false,
    };
    if (p.ns.kind === "user") out.owner = this.#userBasic(p.ns.user);
    if (p.forkedFrom) out.forked_from_project = this.#renderProjectSimple(p.forkedFrom);
    if (viewer) {
      const direct = p.members?.get(viewer.id) ??
        (p.ns.kind === "user" && p.ns.user.id === viewer.id ? 50 : 0);
      const group = p.ns.kind === "group" ? this.#groupAccess(viewer, p.ns.group) : 0;
      out.permissions = {
        project_access: direct ? { access_level: direct as AccessLevel, notification_level: 3 } : null,
        group_access: group ? { access_level: group as AccessLevel, notification_level: 3 } : null,
      };
    }
    return out;
  }

  #renderIssue(p: ProjectRec, i: IssueRec): SimIssue {
    const api = `${this.webUrl}/api/v4/projects/${p.id}`;
    const assignees = i.assigneeIds.map((id) => this.#userBasicById(id)).filter((u): u is SimUserBasic =>
      !!u
    );
    return {
      id: i.id,
      iid: i.iid,
      project_id: p.id,
      title: i.title,
      description: i.description,
      state: i.state,
      created_at: i.createdAt,
      updated_at: i.updatedAt,
      closed_at: i.closedAt,
      closed_by: this.#userBasicById(i.closedById),
      labels: i.labels,
      milestone: null,
      assignees,
      author: this.#userBasicById(i.authorId) as SimUserBasic,
      type: "ISSUE",
      assignee: assignees[0] ?? null,
      user_notes_count: 0,
      merge_requests_count: 0,
      upvotes: 0,
      downvotes: 0,
      due_date: null,
      confidential: false,
      discussion_locked: null,
      issue_type: "issue",
      web_url: `${this.webUrl}/${p.fullPath}/-/issues/${i.iid}`,
      time_stats: {
        time_estimate: 0,
        total_time_spent: 0,
        human_time_estimate: null,
        human_total_time_spent: null,
      },
      task_completion_status: { count: 0, completed_count: 0 },
      has_tasks: false,
      _links: {
        self: `${api}/issues/${i.iid}`,
        notes: `${api}/issues/${i.iid}/notes`,
        award_emoji: `${api}/issues/${i.iid}/award_emoji`,
        project: api,
        closed_as_duplicate_of: null,
      },
      references: { short: `#${i.iid}`, relative: `#${i.iid}`, full: `${p.fullPath}#${i.iid}` },
      severity: "UNKNOWN",
      moved_to_id: null,
    };
  }

  #renderMr(p: ProjectRec, m: MrRec): SimMergeRequest {
    const author = this.#userBasicById(m.authorId) as SimUserBasic;
    const merged = this.#userBasicById(m.mergedById);
    return {
      id: m.id,
      iid: m.iid,
      project_id: p.id,
      title: m.title,
      description: m.description,
      state: m.state,
      created_at: m.createdAt,
      updated_at: m.updatedAt,
      merged_by: merged,
      merge_user: merged,
      merged_at: m.mergedAt,
      closed_by: this.#userBasicById(m.closedById),
      closed_at: m.closedAt,
      target_branch: m.target,
      source_branch: m.source,
      user_notes_count: 0,
      upvotes: 0,
      downvotes: 0,
      author,
      assignees: [],
      assignee: null,
      reviewers: [],
      source_project_id: p.id,
      target_project_id: p.id,
      labels: m.labels,
      draft: m.draft,
      work_in_progress: m.draft,
      milestone: null,
      merge_when_pipeline_succeeds: false,
      merge_status: m.state === "opened" ? "can_be_merged" : "unchecked",
      detailed_merge_status: m.state === "opened" ? (m.draft ? "draft_status" : "mergeable") : "not_open",
      sha: m.sha,
      merge_commit_sha: m.state === "merged" ? hex(m.id * 104729, 40) : null,
      squash_commit_sha: null,
      discussion_locked: null,
      should_remove_source_branch: null,
      force_remove_source_branch: true,
      reference: `!${m.iid}`,
      references: { short: `!${m.iid}`, relative: `!${m.iid}`, full: `${p.fullPath}!${m.iid}` },
      web_url: `${this.webUrl}/${p.fullPath}/-/merge_requests/${m.iid}`,
      time_stats: {
        time_estimate: 0,
        total_time_spent: 0,
        human_time_estimate: null,
        human_total_time_spent: null,
      },
      squash: false,
      task_completion_status: { count: 0, completed_count: 0 },
      has_conflicts: false,
      blocking_discussions_resolved: true,
    };
  }

  #renderCommit(p: ProjectRec, c: CommitRec): SimCommit {
    const title = c.message.split("\n")[0];
    return {
      id: c.id,
      short_id: c.id.slice(0, 8),
      created_at: c.createdAt,
      parent_ids: c.parentIds,
      title,
      message: c.message,
      author_name: c.authorName,
      author_email: c.authorEmail,
      authored_date: c.createdAt,
      committer_name: c.authorName,
      committer_email: c.authorEmail,
      committed_date: c.createdAt,
      trailers: {},
      web_url: `${this.webUrl}/${p.fullPath}/-/commit/${c.id}`,
    };
  }

  #renderBranch(p: ProjectRec, b: BranchRec, viewer: UserRec | null): SimBranch {
    const def = p.repo?.branches.get(p.defaultBranch);
    return {
      name: b.name,
      merged: b.name !== p.defaultBranch && !!def && def.commit.id === b.commit.id,
      protected: b.protected,
      default: b.name === p.defaultBranch,
      developers_can_push: false,
      developers_can_merge: false,
      can_push: this.#access(viewer, p) >= (b.protected ? ACCESS.maintainer : ACCESS.developer),
      web_url: `${this.webUrl}/${p.fullPath}/-/tree/${b.name}`,
      commit: this.#renderCommit(p, b.commit),
    };
  }

  // ----- request handling --------------------------------------------------------------------

  async #handle(input: Request | URL | string, init?: RequestInit): Promise<Response> {
    const req = input instanceof Request && init === undefined ? input : new Request(input, init);
    const url = new URL(req.url);
    const method = req.method.toUpperCase();
    const headers: Record<string, string> = {};
    req.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
    this.#log.push({ method, url: req.url, headers });
    if (this.#log.length >= LOG_CAP * 2) this.#log.splice(0, this.#log.length - LOG_CAP);

    const requestId = crypto.randomUUID();
    const apiPath = url.pathname.startsWith("/api/v4") ? url.pathname.slice(7) || "/" : url.pathname;
    let fault: Fault | undefined;
    for (let i = 0; i < this.#faults.length; i++) {
      const q = this.#faults[i];
      if (q.remaining > 0 && faultMatches(q.fault, method, apiPath)) {
        q.remaining--;
        if (q.remaining <= 0) this.#faults.splice(i, 1);
        fault = q.fault;
        break;
      }
    }
    const signal = req.signal;
    if (signal.aborted) throw signal.reason ?? new DOMException("The operation was aborted.", "AbortError");
    if (fault?.hang) return await hang(signal);
    await delay(this.latency + (fault?.latency ?? 0), signal);
    if (fault?.drop === "before-response") {
      throw new TypeError("network error: connection closed before response (simulated)");
    }
    let res: Response;
    if (fault && (fault.status !== undefined || fault.body !== undefined)) {
      res = cannedResponse(fault, requestId);
      if (method === "HEAD") res = new Response(null, { status: res.status, headers: res.headers });
    } else {
      res = await this.#dispatch(req, url, method, requestId);
      if (fault?.headers) {
        const h = new Headers(res.headers);
        for (const [k, v] of Object.entries(fault.headers)) h.set(k, v);
        res = new Response(res.body, { status: res.status, statusText: res.statusText, headers: h });
      }
    }
    if (fault && (fault.drop === "mid-body" || fault.slowBody)) {
      res = await reshapeBody(
        res,
        { slowBody: fault.slowBody, dropMidBody: fault.drop === "mid-body" },
        signal,
      );
    }
    return res;
  }

  #json(
    ctx: Ctx | string,
    status: number,
    body: unknown,
    extra?: Headers | Record<string, string>,
  ): Response {
    const h = new Headers(extra);
    h.set("content-type", "application/json");
    h.set("x-request-id", typeof ctx === "string" ? ctx : ctx.requestId);
    h.set("cache-control", "max-age=0, private, must-revalidate");
    const bytes = encoder.encode(JSON.stringify(body));
    h.set("content-length", String(bytes.length));
    return new Response(bytes, { status, headers: h });
  }

  async #dispatch(req: Request, url: URL, method: string, requestId: string): Promise<Response> {
    let res: Response;
    try {
      res = await this.#route(req, url, method, requestId);
    } catch (e) {
      if (e instanceof HttpError) res = this.#json(requestId, e.status, e.body, e.headers);
      else if (e instanceof SyntaxError) {
        res = this.#json(requestId, 400, { error: "400 Bad request - JSON parse error" });
      } else res = this.#json(requestId, 500, { message: "500 Internal Server Error" });
    }
    if (method === "HEAD" && res.body !== null) {
      await res.body.cancel();
      res = new Response(null, { status: res.status, headers: res.headers });
    }
    return res;
  }

  async #route(req: Request, url: URL, method: string, requestId: string): Promise<Response> {
    if (!url.pathname.startsWith("/api/v4/")) throw new HttpError(404, { error: "404 Not Found" });
    const segs = url.pathname.slice("/api/v4/".length).split("/");
    if (segs.length > 1 && segs[segs.length - 1] === "") segs.pop();
    const effective = method === "HEAD" ? "GET" : method;
    let pathMatched = false;
    let found: { route: Route; params: Record<string, string> } | null = null;
    for (const r of this.#routes) {
      if (r.segs.length !== segs.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < segs.length; i++) {
        const s = r.segs[i];
        if (s.startsWith(":")) {
          if (segs[i] === "") {
            ok = false;
            break;
          }
          params[s.slice(1)] = segs[i];
        } else if (s !== segs[i]) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      pathMatched = true;
      if (r.method === effective) {
        found = { route: r, params };
        break;
      }
    }
    if (!found) {
      if (pathMatched) throw new HttpError(405, { error: "405 Not Allowed" });
      throw new HttpError(404, { error: "404 Not Found" });
    }
    const path: Record<string, string> = {};
    for (const [k, v] of Object.entries(found.params)) {
      try {
        path[k] = decodeURIComponent(v);
      } catch {
        throw new HttpError(404, { error: "404 Not Found" });
      }
    }
    // auth
    const { user, token } = this.#authenticate(req, url, method);
    const q = decodeParams(url.searchParams);
    if (method !== "GET" && method !== "HEAD") {
      const body = await readBodyParams(req);
      for (const [k, v] of Object.entries(body)) q[k] = v;
    }
    const ctx: Ctx = { req, url, method, path, q, user, token, requestId };
    return await found.route.handler(ctx);
  }

  #authenticate(req: Request, url: URL, method: string): { user: UserRec | null; token: TokenRec | null } {
    const h = req.headers;
    let tokenStr: string | null = null;
    let via: "private" | "bearer" | "job" = "private";
    const auth = h.get("authorization");
    if (h.get("private-token") !== null) tokenStr = h.get("private-token");
    else if (auth && /^bearer\s+/i.test(auth)) {
      tokenStr = auth.replace(/^bearer\s+/i, "").trim();
      via = "bearer";
    } else if (h.get("job-token") !== null) {
      tokenStr = h.get("job-token");
      via = "job";
    } else if (url.searchParams.has("private_token")) tokenStr = url.searchParams.get("private_token");
    else if (url.searchParams.has("access_token")) {
      tokenStr = url.searchParams.get("access_token");
      via = "bearer";
    } else if (url.searchParams.has("job_token")) {
      tokenStr = url.searchParams.get("job_token");
      via = "job";
    }
    let user: UserRec | null = null;
    let token: TokenRec | null = null;
    if (tokenStr !== null) {
      token = this.#tokens.get(tokenStr) ?? null;
      if (!token) throw unauthorized();
      const okVia = via === "job"
        ? token.kind === "job"
        : via === "bearer"
        ? token.kind !== "job"
        : token.kind !== "job" && token.kind !== "oauth";
      if (!okVia) throw unauthorized();
      user = this.#usersById.get(token.userId) ?? null;
      if (!user) throw unauthorized();
      if (user.state === "blocked") {
        throw new HttpError(403, { message: "403 Forbidden - Your account has been blocked." });
      }
      const write = method !== "GET" && method !== "HEAD";
      const scopes = token.scopes;
      const isUserPath = /^\/api\/v4\/users?(\/|$)/.test(url.pathname);
      const allowed = token.kind === "job" || scopes.includes("api") ||
        (!write && (scopes.includes("read_api") || (isUserPath && scopes.includes("read_user"))));
      if (!allowed) {
        throw new HttpError(403, {
          error: "insufficient_scope",
          error_description: "The request requires higher privileges than provided by the access token.",
          scope: write ? "api" : "api read_api",
        });
      }
    }
    const sudo = h.get("sudo") ?? url.searchParams.get("sudo");
    if (sudo !== null && user) {
      if (!user.admin) throw new HttpError(403, { message: "403 Forbidden - Must be admin to use sudo" });
      const target = /^\d+$/.test(sudo)
        ? this.#usersById.get(Number(sudo))
        : this.#usersByName.get(sudo.toLowerCase());
      if (!target) throw new HttpError(404, { message: `404 User with ID or username '${sudo}' Not Found` });
      user = target;
    }
    return { user, token };
  }

  #requireAuth(ctx: Ctx): UserRec {
    if (!ctx.user) throw unauthorized();
    return ctx.user;
  }

  // ----- pagination --------------------------------------------------------------------------

  #pageParams(q: Params): { page: number; perPage: number } {
    let perPage = int(q, "per_page") ?? 20;
    if (perPage < 1) perPage = 20;
    if (perPage > 100) perPage = 100;
    let page = int(q, "page") ?? 1;
    if (page < 1) page = 1;
    return { page, perPage };
  }

  #link(ctx: Ctx, set: Record<string, string>, drop: string[] = []): string {
    const u = new URL(ctx.url.pathname + ctx.url.search, ctx.url.origin);
    for (const d of drop) u.searchParams.delete(d);
    for (const [k, v] of Object.entries(set)) u.searchParams.set(k, v);
    return u.toString();
  }

  /** offset (or cursor keyset) pagination over an indexable collection */
  #paginate<T>(ctx: Ctx, total: number, at: (i: number) => T, render: (t: T) => unknown): Response {
    const { page, perPage } = this.#pageParams(ctx.q);
    const headers = new Headers();
    const items: unknown[] = [];
    if (str(ctx.q, "pagination") === "keyset") {
      let offset = 0;
      const cursor = str(ctx.q, "cursor");
      if (cursor) {
        try {
          const parsed = JSON.parse(atob(cursor)) as { offset?: unknown };
          offset = typeof parsed.offset === "number" && parsed.offset >= 0 ? Math.floor(parsed.offset) : 0;
        } catch {
          throw new HttpError(400, { error: "cursor is invalid" });
        }
      }
      const end = Math.min(total, offset + perPage);
      for (let i = offset; i < end; i++) items.push(render(at(i)));
      if (end < total) {
        const next = btoa(JSON.stringify({ offset: end }));
        headers.set(
          "link",
          `<${this.#link(ctx, { cursor: next, per_page: String(perPage) }, ["page"])}>; rel="next"`,
        );
      }
      return this.#json(ctx, 200, items, headers);
    }
    const start = (page - 1) * perPage;
    const end = Math.min(total, start + perPage);
    for (let i = start; i < end; i++) items.push(render(at(i)));
    const totalPages = Math.max(1, Math.ceil(total / perPage));
    const hasNext = page * perPage < total;
    headers.set("x-page", String(page));
    headers.set("x-per-page", String(perPage));
    headers.set("x-prev-page", page > 1 ? String(page - 1) : "");
    headers.set("x-next-page", hasNext ? String(page + 1) : "");
    const links: string[] = [];
    const pp = String(perPage);
    if (page > 1) links.push(`<${this.#link(ctx, { page: String(page - 1), per_page: pp })}>; rel="prev"`);
    if (hasNext) links.push(`<${this.#link(ctx, { page: String(page + 1), per_page: pp })}>; rel="next"`);
    links.push(`<${this.#link(ctx, { page: "1", per_page: pp })}>; rel="first"`);
    if (total <= MAX_TOTAL_HEADERS) {
      headers.set("x-total", String(total));
      headers.set("x-total-pages", String(totalPages));
      links.push(`<${this.#link(ctx, { page: String(totalPages), per_page: pp })}>; rel="last"`);
    }
    headers.set("link", links.join(", "));
    return this.#json(ctx, 200, items, headers);
  }

  #paginateArray<T>(ctx: Ctx, arr: readonly T[], render: (t: T) => unknown): Response {
    return this.#paginate(ctx, arr.length, (i) => arr[i], render);
  }

  // ----- project lists -----------------------------------------------------------------------

  #cached(key: string, build: () => ProjectRec[]): ProjectRec[] {
    const hit = this.#cache.get(key);
    if (hit && hit.version === this.#version) return hit.list;
    const built = build();
    if (this.#cache.size >= 32) this.#cache.clear();
    this.#cache.set(key, { version: this.#version, list: built });
    return built;
  }

  /**
   * Lists projects (id-ascending base list filtered by visibility and params), then applies
   * ordering and offset or keyset pagination.
   */
  #listProjects(ctx: Ctx, scope: string, inScope: ((p: ProjectRec) => boolean) | null): Response {
    const q = ctx.q;
    const viewer = ctx.user;
    const search = str(q, "search")?.toLowerCase();
    const searchNs = bool(q, "search_namespaces") ?? false;
    const owned = bool(q, "owned") ?? false;
    const membership = bool(q, "membership") ?? false;
    const visibility = str(q, "visibility");
    const archived = bool(q, "archived");
    const topic = str(q, "topic");
    const minAccess = int(q, "min_access_level");
    const filterKey = JSON.stringify([
      scope,
      viewer?.id ?? 0,
      search,
      searchNs,
      owned,
      membership,
      visibility,
      archived,
      topic,
      minAccess,
    ]);
    const noFilters = !search && !owned && !membership && !visibility && archived === undefined && !topic &&
      minAccess === undefined;
    const seesAll = viewer?.admin || this.#privateOrInternal === 0;
    let base: ProjectRec[];
    if (inScope === null && noFilters && seesAll) base = this.#projects;
    else {
      base = this.#cached(filterKey, () =>
        this.#projects.filter((p) => {
          if (inScope && !inScope(p)) return false;
          if (!this.#canRead(viewer, p)) return false;
          if (search) {
            const hay = searchNs ? `${p.name} ${p.fullPath}` : `${p.name} ${p.path} ${p.description ?? ""}`;
            if (!hay.toLowerCase().includes(search)) return false;
          }
          if (visibility && p.visibility !== visibility) return false;
          if (archived !== undefined && p.archived !== archived) return false;
          if (topic && !topic.split(",").every((t) => p.topics.includes(t.trim()))) return false;
          if (owned || membership || minAccess !== undefined) {
            if (!viewer) return false;
            const level = this.#memberAccess(viewer, p);
            if (owned && !(level >= ACCESS.owner || p.creatorId === viewer.id)) return false;
            if (membership && level === 0) return false;
            if (minAccess !== undefined && level < minAccess) return false;
          }
          return true;
        }));
    }
    const simple = bool(q, "simple") ?? false;
    const render = (
      p: ProjectRec,
    ) => (simple ? this.#renderProjectSimple(p) : this.#renderProject(p, viewer));
    const orderBy = str(q, "order_by") ?? (str(q, "pagination") === "keyset" ? "id" : "created_at");
    const sort = str(q, "sort")?.toLowerCase() === "asc" ? "asc" : "desc";

    if (str(q, "pagination") === "keyset") {
      if (orderBy !== "id") {
        throw new HttpError(405, {
          message: "405 Method Not Allowed - Keyset pagination is not supported for this ordering",
        });
      }
      const { perPage } = this.#pageParams(q);
      const idAfter = int(q, "id_after");
      const idBefore = int(q, "id_before");
      const lo = idAfter !== undefined ? upperBound(base, idAfter) : 0;
      const hi = idBefore !== undefined ? lowerBound(base, idBefore) : base.length;
      const items: unknown[] = [];
      let more = false;
      let lastId = 0;
      if (sort === "asc") {
        const end = Math.min(hi, lo + perPage);
        for (let i = lo; i < end; i++) items.push(render(base[i]));
        more = end < hi;
        lastId = end > lo ? base[end - 1].id : 0;
      } else {
        const start = Math.max(lo, hi - perPage);
        for (let i = hi - 1; i >= start; i--) items.push(render(base[i]));
        more = start > lo;
        lastId = hi > start ? base[start].id : 0;
      }
      const headers = new Headers();
      if (more) {
        const set: Record<string, string> = sort === "asc"
          ? { id_after: String(lastId) }
          : { id_before: String(lastId) };
        set.per_page = String(perPage);
        set.order_by = "id";
        set.sort = sort;
        headers.set("link", `<${this.#link(ctx, set, ["page"])}>; rel="next"`);
      }
      return this.#json(ctx, 200, items, headers);
    }

    let ordered: ProjectRec[] = base;
    if (orderBy !== "id" && orderBy !== "created_at") {
      const field: (p: ProjectRec) => string | number = orderBy === "name"
        ? (p) => p.name.toLowerCase()
        : orderBy === "path"
        ? (p) => p.path.toLowerCase()
        : orderBy === "updated_at"
        ? (p) => p.updatedAt
        : orderBy === "last_activity_at"
        ? (p) => p.lastActivityAt
        : orderBy === "star_count"
        ? (p) => p.starCount
        : (p) => p.id;
      ordered = this.#cached(`${filterKey}|${orderBy}`, () =>
        base.slice().sort((a, b) => {
          const fa = field(a);
          const fb = field(b);
          return fa < fb ? -1 : fa > fb ? 1 : a.id - b.id;
        }));
    }
    const n = ordered.length;
    const at = sort === "asc" ? (i: number) => ordered[i] : (i: number) => ordered[n - 1 - i];
    return this.#paginate(ctx, n, at, render);
  }

  // ----- lookups -----------------------------------------------------------------------------

  #findProject(ctx: Ctx): ProjectRec {
    const id = ctx.path.id;
    const p = /^\d+$/.test(id)
      ? this.#projectsById.get(Number(id))
      : this.#projectsByPath.get(id.toLowerCase());
    if (!p || !this.#canRead(ctx.user, p)) throw notFound("Project");
    return p;
  }

  #findGroup(ctx: Ctx): GroupRec {
    const id = ctx.path.id;
    const g = /^\d+$/.test(id) ? this.#groupsById.get(Number(id)) : this.#groupsByPath.get(id.toLowerCase());
    if (!g || !this.#canReadGroup(ctx.user, g)) throw notFound("Group");
    return g;
  }

  #findUser(idOrName: string): UserRec {
    const u = /^\d+$/.test(idOrName)
      ? this.#usersById.get(Number(idOrName))
      : this.#usersByName.get(idOrName.toLowerCase());
    if (!u) throw notFound("User");
    return u;
  }

  #requireAccess(ctx: Ctx, p: ProjectRec, level: number): UserRec {
    const user = this.#requireAuth(ctx);
    if (this.#access(user, p) < level) throw forbidden();
    return user;
  }

  #findIssue(p: ProjectRec, iidStr: string): IssueRec {
    const iid = Number(iidStr);
    if (!Number.isInteger(iid)) throw notFound("Issue");
    // issues are iid-ordered
    let lo = 0;
    let hi = p.issues.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = p.issues[mid].iid;
      if (v === iid) return p.issues[mid];
      if (v < iid) lo = mid + 1;
      else hi = mid - 1;
    }
    throw notFound("Issue");
  }

  // ----- routes ------------------------------------------------------------------------------

  #on(method: string, path: string, handler: Handler): void {
    this.#routes.push({ method, segs: path.replace(/^\//, "").split("/"), handler });
  }

  #defineRoutes(): void {
    this.#on("GET", "/version", (ctx) => {
      this.#requireAuth(ctx);
      return this.#json(ctx, 200, { version: "17.6.0", revision: "simulator", kas: { enabled: false } });
    });

    // users
    this.#on(
      "GET",
      "/user",
      (ctx) => this.#json(ctx, 200, this.#renderUser(this.#requireAuth(ctx), ctx.user)),
    );
    this.#on("GET", "/users", (ctx) => {
      const q = ctx.q;
      const username = str(q, "username")?.toLowerCase();
      const search = str(q, "search")?.toLowerCase();
      const active = bool(q, "active");
      const blocked = bool(q, "blocked");
      const admins = bool(q, "admins");
      const rows = this.#users.filter((u) => {
        if (username && u.username.toLowerCase() !== username) return false;
        if (search && !`${u.username} ${u.name} ${u.email}`.toLowerCase().includes(search)) return false;
        if (active && u.state !== "active") return false;
        if (blocked && u.state !== "blocked") return false;
        if (admins && !u.admin) return false;
        return true;
      });
      const orderBy = str(q, "order_by") ?? "id";
      const sort = str(q, "sort") ?? "desc";
      if (orderBy === "username" || orderBy === "name") {
        rows.sort((a, b) => (a[orderBy].toLowerCase() < b[orderBy].toLowerCase() ? -1 : 1));
      }
      if (sort === "desc") rows.reverse();
      return this.#paginateArray(ctx, rows, (u) => this.#renderUser(u, ctx.user));
    });
    this.#on("GET", "/users/:user_id", (ctx) => {
      if (!/^\d+$/.test(ctx.path.user_id)) throw notFound("User");
      return this.#json(ctx, 200, this.#renderUser(this.#findUser(ctx.path.user_id), ctx.user));
    });
    this.#on("GET", "/users/:user_id/projects", (ctx) => {
      const u = this.#findUser(ctx.path.user_id);
      return this.#listProjects(ctx, `user:${u.id}`, (p) => p.ns.kind === "user" && p.ns.user === u);
    });

    // groups
    this.#on("GET", "/groups", (ctx) => {
      const q = ctx.q;
      const viewer = ctx.user;
      const search = str(q, "search")?.toLowerCase();
      const owned = bool(q, "owned") ?? false;
      const topLevel = bool(q, "top_level_only") ?? false;
      const allAvailable = bool(q, "all_available") ?? (!viewer || viewer.admin);
      const visibility = str(q, "visibility");
      const minAccess = int(q, "min_access_level");
      const skip = new Set((list(q, "skip_groups") ?? []).map(Number));
      const rows = this.#groups.filter((g) => {
        if (!this.#canReadGroup(viewer, g)) return false;
        if (skip.has(g.id)) return false;
        if (topLevel && g.parent) return false;
        if (search && !`${g.name} ${g.path}`.toLowerCase().includes(search)) return false;
        if (visibility && g.visibility !== visibility) return false;
        const level = viewer ? this.#groupAccess(viewer, g) : 0;
        if (owned && (!viewer || (g.members.get(viewer.id) ?? 0) < ACCESS.owner)) return false;
        if (minAccess !== undefined && level < minAccess) return false;
        if (!allAvailable && viewer && level === 0 && !owned) return false;
        return true;
      });
      this.#sortGroups(rows, q);
      return this.#paginateArray(ctx, rows, (g) => this.#renderGroup(g));
    });
    this.#on("GET", "/groups/:id", (ctx) => {
      const g = this.#findGroup(ctx);
      const out: Record<string, unknown> = { ...this.#renderGroup(g) };
      if (bool(ctx.q, "with_projects") !== false) {
        const projects: SimProject[] = [];
        for (const p of this.#projects) {
          if (projects.length >= 100) break;
          if (p.ns.kind === "group" && p.ns.group === g && this.#canRead(ctx.user, p)) {
            projects.push(this.#renderProject(p, ctx.user));
          }
        }
        out.projects = projects;
        out.shared_projects = [];
      }
      return this.#json(ctx, 200, out);
    });
    this.#on("GET", "/groups/:id/subgroups", (ctx) => {
      const g = this.#findGroup(ctx);
      const search = str(ctx.q, "search")?.toLowerCase();
      const rows = this.#groups.filter((s) =>
        s.parent === g && this.#canReadGroup(ctx.user, s) &&
        (!search || `${s.name} ${s.path}`.toLowerCase().includes(search))
      );
      this.#sortGroups(rows, ctx.q);
      return this.#paginateArray(ctx, rows, (s) => this.#renderGroup(s));
    });
    this.#on("GET", "/groups/:id/projects", (ctx) => {
      const g = this.#findGroup(ctx);
      const sub = bool(ctx.q, "include_subgroups") ?? false;
      return this.#listProjects(
        ctx,
        `group:${g.id}:${sub}`,
        (p) => p.ns.kind === "group" && (p.ns.group === g || (sub && this.#isDescendant(p.ns.group, g))),
      );
    });

    // projects
    this.#on("GET", "/projects", (ctx) => this.#listProjects(ctx, "all", null));
    this.#on("POST", "/projects", (ctx) => this.#createProject(ctx));
    this.#on("GET", "/projects/:id", (ctx) => {
      const p = this.#findProject(ctx);
      return this.#json(ctx, 200, this.#renderProject(p, ctx.user));
    });
    this.#on("PUT", "/projects/:id", (ctx) => this.#updateProject(ctx));
    this.#on("DELETE", "/projects/:id", (ctx) => {
      const p = this.#findProject(ctx);
      this.#requireAccess(ctx, p, ACCESS.owner);
      this.#removeProject(p);
      return this.#json(ctx, 202, { message: "202 Accepted" });
    });
    this.#on("POST", "/projects/:id/fork", (ctx) => this.#forkProject(ctx));
    this.#on("POST", "/projects/:id/uploads", (ctx) => {
      const p = this.#findProject(ctx);
      this.#requireAccess(ctx, p, ACCESS.guest);
      const file = ctx.q.file;
      if (file === undefined || file === null) throw new HttpError(400, { error: "file is missing" });
      if (!(file instanceof Blob)) throw new HttpError(400, { error: "file is invalid" });
      const filename = (file instanceof File && file.name) ? file.name : "blob";
      const secret = crypto.randomUUID().replace(/-/g, "");
      const urlPath = `/uploads/${secret}/${filename}`;
      const dot = filename.lastIndexOf(".");
      const alt = dot > 0 ? filename.slice(0, dot) : filename;
      const image = /\.(png|jpe?g|gif|webp|svg|bmp|ico)$/i.test(filename);
      const video = /\.(mp4|webm|mov|ogg)$/i.test(filename);
      return this.#json(ctx, 201, {
        id: this.#nextUploadId++,
        alt,
        url: urlPath,
        full_path: `/-/project/${p.id}${urlPath}`,
        markdown: image || video ? `![${alt}](${urlPath})` : `[${filename}](${urlPath})`,
      });
    });

    // issues
    this.#on("GET", "/projects/:id/issues", (ctx) => this.#listIssues(ctx));
    this.#on("POST", "/projects/:id/issues", (ctx) => {
      const p = this.#findProject(ctx);
      const user = this.#requireAuth(ctx);
      const title = str(ctx.q, "title");
      if (!title) throw new HttpError(400, { error: "title is missing" });
      if (p.archived) throw forbidden();
      const assigneeIds = (list(ctx.q, "assignee_ids") ?? list(ctx.q, "assignee_id") ?? []).map(Number)
        .filter((id) => this.#usersById.has(id));
      const rec = this.#createIssue(p, user, {
        title,
        description: str(ctx.q, "description") ?? null,
        labels: list(ctx.q, "labels") ?? [],
        assigneeIds,
      });
      return this.#json(ctx, 201, this.#renderIssue(p, rec));
    });
    this.#on("GET", "/projects/:id/issues/:issue_iid", (ctx) => {
      const p = this.#findProject(ctx);
      return this.#json(ctx, 200, this.#renderIssue(p, this.#findIssue(p, ctx.path.issue_iid)));
    });
    this.#on("PUT", "/projects/:id/issues/:issue_iid", (ctx) => this.#updateIssue(ctx));

    // merge requests
    this.#on("GET", "/projects/:id/merge_requests", (ctx) => this.#listMrs(ctx));
    this.#on("GET", "/projects/:id/merge_requests/:merge_request_iid", (ctx) => {
      const p = this.#findProject(ctx);
      const iid = Number(ctx.path.merge_request_iid);
      const m = p.mrs.find((x) => x.iid === iid);
      if (!m) throw notFound("Merge Request");
      return this.#json(ctx, 200, this.#renderMr(p, m));
    });

    // repository files
    this.#on("GET", "/projects/:id/repository/files/:file_path", async (ctx) => {
      const p = this.#findProject(ctx);
      const ref = str(ctx.q, "ref");
      if (!ref) throw new HttpError(400, { error: "ref is missing" });
      const { file, path, branch } = this.#findFile(p, ctx.path.file_path, ref);
      const meta = await this.#fileMeta(file, path, ref, branch);
      const headers = this.#fileHeaders(meta);
      if (ctx.method === "HEAD") return this.#json(ctx, 200, null, headers);
      return this.#json(ctx, 200, { ...meta, content: toBase64(file.content) }, headers);
    });
    this.#on("GET", "/projects/:id/repository/files/:file_path/raw", async (ctx) => {
      const p = this.#findProject(ctx);
      const ref = str(ctx.q, "ref") || p.defaultBranch;
      const { file, path, branch } = this.#findFile(p, ctx.path.file_path, ref);
      const meta = await this.#fileMeta(file, path, ref, branch);
      const headers = this.#fileHeaders(meta);
      headers.set("content-type", mimeOf(path));
      headers.set("content-length", String(file.content.length));
      headers.set("x-request-id", ctx.requestId);
      headers.set("content-disposition", `inline; filename="${meta.file_name.replace(/"/g, "")}"`);
      const bytes = file.content;
      const chunk = 16 * 1024;
      let offset = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (offset >= bytes.length) {
            controller.close();
            return;
          }
          controller.enqueue(bytes.slice(offset, offset + chunk));
          offset += chunk;
          if (offset >= bytes.length) controller.close();
        },
      }, { highWaterMark: 0 });
      return new Response(bytes.length === 0 ? null : body, { status: 200, headers });
    });

    // branches
    this.#on("GET", "/projects/:id/repository/branches", (ctx) => {
      const p = this.#findProject(ctx);
      const search = str(ctx.q, "search");
      let rows = [...this.#repo(p).branches.values()].sort((
        a,
        b,
      ) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      if (search) {
        const s = search.toLowerCase();
        rows = rows.filter((b) => {
          const n = b.name.toLowerCase();
          if (s.startsWith("^") && s.endsWith("$") && s.length > 1) return n === s.slice(1, -1);
          if (s.startsWith("^")) return n.startsWith(s.slice(1));
          if (s.endsWith("$")) return n.endsWith(s.slice(0, -1));
          return n.includes(s);
        });
      }
      return this.#paginateArray(ctx, rows, (b) => this.#renderBranch(p, b, ctx.user));
    });
    this.#on("GET", "/projects/:id/repository/branches/:branch", (ctx) => {
      const p = this.#findProject(ctx);
      const b = this.#repo(p).branches.get(ctx.path.branch);
      if (!b) throw notFound("Branch");
      return this.#json(ctx, 200, this.#renderBranch(p, b, ctx.user));
    });
    this.#on("POST", "/projects/:id/repository/branches", (ctx) => {
      const p = this.#findProject(ctx);
      this.#requireAuth(ctx);
      const name = str(ctx.q, "branch");
      const ref = str(ctx.q, "ref");
      const missing = [!name && "branch", !ref && "ref"].filter(Boolean);
      if (missing.length) {
        throw new HttpError(400, {
          error: `${missing.join(", ")} ${missing.length > 1 ? "are" : "is"} missing`,
        });
      }
      this.#requireAccess(ctx, p, ACCESS.developer);
      const repo = this.#repo(p);
      if (!/^[^\s~^:?*[\\]+$/.test(name as string) || /\.\.|\/\/|^\/|\/$|\.lock$|^-/.test(name as string)) {
        throw new HttpError(400, { message: "Branch name is invalid" });
      }
      if (repo.branches.has(name as string)) throw new HttpError(400, { message: "Branch already exists" });
      const from = this.#resolveRef(p, ref as string);
      if (!from) throw new HttpError(400, { message: `Invalid reference name: ${ref}` });
      const b: BranchRec = { name: name as string, commit: from.commit, files: from.files, protected: false };
      repo.branches.set(b.name, b);
      p.lastActivityAt = this.#iso();
      return this.#json(ctx, 201, this.#renderBranch(p, b, ctx.user));
    });
    this.#on("DELETE", "/projects/:id/repository/branches/:branch", (ctx) => {
      const p = this.#findProject(ctx);
      this.#requireAccess(ctx, p, ACCESS.developer);
      const repo = this.#repo(p);
      const b = repo.branches.get(ctx.path.branch);
      if (!b) throw notFound("Branch");
      if (b.name === p.defaultBranch) throw new HttpError(405, { message: "Cannot remove HEAD branch" });
      if (b.protected && this.#access(ctx.user, p) < ACCESS.maintainer) {
        throw new HttpError(403, { message: "Protected branch cant be removed" });
      }
      repo.branches.delete(b.name);
      return new Response(null, { status: 204, headers: { "x-request-id": ctx.requestId } });
    });
  }

  #sortGroups(rows: GroupRec[], q: Params): void {
    const orderBy = str(q, "order_by") ?? "name";
    const desc = str(q, "sort") === "desc";
    const key = (g: GroupRec): string | number =>
      orderBy === "id" ? g.id : orderBy === "path" ? g.fullPath : g.fullName.toLowerCase();
    rows.sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      const c = ka < kb ? -1 : ka > kb ? 1 : a.id - b.id;
      return desc ? -c : c;
    });
  }

  #findFile(p: ProjectRec, rawPath: string, ref: string): { file: FileRec; path: string; branch: BranchRec } {
    const branch = this.#resolveRef(p, ref);
    if (!branch) throw notFound("Commit");
    const path = rawPath.replace(/^\/+/, "");
    const file = branch.files.get(path);
    if (!file) throw notFound("File");
    return { file, path, branch };
  }

  async #fileMeta(file: FileRec, path: string, ref: string, branch: BranchRec): Promise<FileMeta> {
    if (!file.blobId) {
      const header = encoder.encode(`blob ${file.content.length}\0`);
      const all = new Uint8Array(header.length + file.content.length);
      all.set(header);
      all.set(file.content, header.length);
      file.blobId = await digestHex("SHA-1", all);
      file.sha256 = await digestHex("SHA-256", file.content);
    }
    return {
      file_name: path.split("/").pop() ?? path,
      file_path: path,
      size: file.content.length,
      encoding: "base64",
      content_sha256: file.sha256 as string,
      ref,
      blob_id: file.blobId as string,
      commit_id: branch.commit.id,
      last_commit_id: file.lastCommitId,
      execute_filemode: false,
    };
  }

  #fileHeaders(meta: FileMeta): Headers {
    return new Headers({
      "x-gitlab-blob-id": meta.blob_id,
      "x-gitlab-commit-id": meta.commit_id,
      "x-gitlab-content-sha256": meta.content_sha256,
      "x-gitlab-encoding": meta.encoding,
      "x-gitlab-file-name": meta.file_name,
      "x-gitlab-file-path": meta.file_path,
      "x-gitlab-last-commit-id": meta.last_commit_id,
      "x-gitlab-ref": meta.ref,
      "x-gitlab-size": String(meta.size),
      "x-gitlab-execute-filemode": String(meta.execute_filemode),
    });
  }

  #removeProject(p: ProjectRec): void {
    const idx = lowerBound(this.#projects, p.id);
    if (this.#projects[idx] === p) this.#projects.splice(idx, 1);
    this.#projectsById.delete(p.id);
    this.#projectsByPath.delete(p.fullPath.toLowerCase());
    if (p.visibility !== "public") this.#privateOrInternal--;
    if (p.forkedFrom) p.forkedFrom.forksCount = Math.max(0, p.forkedFrom.forksCount - 1);
    this.#bump();
  }

  #namespaceParam(ctx: Ctx, user: UserRec, keys: string[]): NsRec {
    let raw: string | undefined;
    for (const k of keys) raw ??= str(ctx.q, k);
    if (raw === undefined || raw === "") return { kind: "user", user };
    if (/^\d+$/.test(raw)) {
      const id = Number(raw);
      const g = this.#groupsById.get(id);
      if (g) return { kind: "group", group: g };
      const u = this.#users.find((x) => x.namespaceId === id);
      if (u) return { kind: "user", user: u };
    } else {
      const g = this.#groupsByPath.get(raw.toLowerCase());
      if (g) return { kind: "group", group: g };
      const u = this.#usersByName.get(raw.toLowerCase());
      if (u) return { kind: "user", user: u };
    }
    throw notFound("Namespace");
  }

  #checkNsWritable(user: UserRec, ns: NsRec): void {
    if (user.admin) return;
    if (ns.kind === "user") {
      if (ns.user.id !== user.id) throw forbidden();
    } else if (this.#groupAccess(user, ns.group) < ACCESS.developer) throw forbidden();
  }

  #taken(ns: NsRec, path: string, name: string, except?: ProjectRec): Record<string, string[]> | null {
    const nsPath = this.#nsFullPath(ns);
    const errors: Record<string, string[]> = {};
    const byPath = this.#projectsByPath.get(`${nsPath}/${path}`.toLowerCase());
    if (byPath && byPath !== except) {
      errors.name = ["has already been taken"];
      errors.path = ["has already been taken"];
      return errors;
    }
    // name uniqueness within the namespace (only checked for small namespaces' sake: linear scan)
    const lname = name.toLowerCase();
    for (const p of this.#projects) {
      if (p !== except && p.name.toLowerCase() === lname && this.#nsFullPath(p.ns) === nsPath) {
        errors.name = ["has already been taken"];
        return errors;
      }
    }
    return null;
  }

  #createProject(ctx: Ctx): Response {
    const user = this.#requireAuth(ctx);
    const q = ctx.q;
    const nameIn = str(q, "name");
    const pathIn = str(q, "path");
    if (!nameIn && !pathIn) {
      throw new HttpError(400, { error: "name, path are missing, at least one parameter must be provided" });
    }
    const path = pathIn ?? slugify(nameIn as string);
    const name = nameIn ?? path;
    if (!/^[a-zA-Z0-9_][a-zA-Z0-9_.-]*$/.test(path) || /\.(git|atom)$/.test(path)) {
      throw new HttpError(400, {
        message: {
          path: [
            "can contain only letters, digits, '_', '-' and '.'. Cannot start with '-', end in '.git' or end in '.atom'",
          ],
        },
      });
    }
    const ns = this.#namespaceParam(ctx, user, ["namespace_id", "namespace_path"]);
    this.#checkNsWritable(user, ns);
    const taken = this.#taken(ns, path, name);
    if (taken) throw new HttpError(400, { message: taken });
    const vis = str(q, "visibility");
    const rec = this.#newProjectRec({
      path,
      name,
      ns,
      visibility: vis === "public" || vis === "internal" ? vis : "private",
      defaultBranch: str(q, "default_branch") || undefined,
      description: str(q, "description") ?? null,
      topics: list(q, "topics") ?? list(q, "tag_list"),
      creatorId: user.id,
    });
    if (ns.kind === "group" || ns.user.id !== user.id) rec.members = new Map([[user.id, ACCESS.maintainer]]);
    this.#insertProject(rec);
    if (bool(q, "initialize_with_readme")) {
      this.addFile(rec.id, "README.md", `# ${name}\n\n${rec.description ?? ""}\n`);
    }
    return this.#json(ctx, 201, this.#renderProject(rec, user));
  }

  #updateProject(ctx: Ctx): Response {
    const p = this.#findProject(ctx);
    this.#requireAccess(ctx, p, ACCESS.maintainer);
    const q = ctx.q;
    const name = str(q, "name");
    const path = str(q, "path");
    if (name !== undefined || path !== undefined) {
      const taken = this.#taken(p.ns, path ?? p.path, name ?? p.name, p);
      if (taken) throw new HttpError(400, { message: taken });
    }
    if (name !== undefined) p.name = name;
    if (path !== undefined && path !== p.path) {
      this.#projectsByPath.delete(p.fullPath.toLowerCase());
      p.path = path;
      p.fullPath = `${this.#nsFullPath(p.ns)}/${path}`;
      this.#projectsByPath.set(p.fullPath.toLowerCase(), p);
    }
    const description = str(q, "description");
    if (description !== undefined) p.description = description;
    const vis = str(q, "visibility");
    if (vis === "public" || vis === "internal" || vis === "private") {
      if ((p.visibility === "public") !== (vis === "public")) {
        this.#privateOrInternal += vis === "public" ? -1 : 1;
      }
      p.visibility = vis;
    }
    const defaultBranch = str(q, "default_branch");
    if (defaultBranch) {
      if (!this.#repo(p).branches.has(defaultBranch)) {
        throw new HttpError(400, { message: { default_branch: ["is invalid"] } });
      }
      p.defaultBranch = defaultBranch;
    }
    const topics = list(q, "topics") ?? list(q, "tag_list");
    if (topics) p.topics = topics;
    const archived = bool(q, "archived");
    if (archived !== undefined) p.archived = archived;
    p.updatedAt = p.lastActivityAt = this.#iso();
    this.#bump();
    return this.#json(ctx, 200, this.#renderProject(p, ctx.user));
  }

  #forkProject(ctx: Ctx): Response {
    const src = this.#findProject(ctx);
    const user = this.#requireAuth(ctx);
    const ns = this.#namespaceParam(ctx, user, ["namespace_id", "namespace_path", "namespace"]);
    this.#checkNsWritable(user, ns);
    const path = str(ctx.q, "path") ?? src.path;
    const name = str(ctx.q, "name") ?? src.name;
    const taken = this.#taken(ns, path, name);
    if (taken) throw new HttpError(409, { message: taken });
    const vis = str(ctx.q, "visibility");
    const rec = this.#newProjectRec({
      path,
      name,
      ns,
      visibility: vis === "public" || vis === "internal" || vis === "private" ? vis : src.visibility,
      defaultBranch: src.defaultBranch,
      description: str(ctx.q, "description") ?? src.description,
      topics: [...src.topics],
      creatorId: user.id,
    });
    rec.forkedFrom = src;
    const srcRepo = this.#repo(src);
    const only = str(ctx.q, "branches");
    rec.repo = { branches: new Map() };
    for (const b of srcRepo.branches.values()) {
      if (only && b.name !== only && b.name !== src.defaultBranch) continue;
      rec.repo.branches.set(b.name, { ...b });
    }
    if (ns.kind === "group" || ns.user.id !== user.id) rec.members = new Map([[user.id, ACCESS.owner]]);
    src.forksCount++;
    this.#insertProject(rec);
    return this.#json(ctx, 201, this.#renderProject(rec, user));
  }

  #listIssues(ctx: Ctx): Response {
    const p = this.#findProject(ctx);
    const q = ctx.q;
    const state = str(q, "state") ?? "all";
    const labels = list(q, "labels");
    const not = obj(q, "not") ?? {};
    const notLabels = list(not, "labels") ?? list(q, "not[labels]");
    const notAuthor = str(not, "author_username");
    const iids = list(q, "iids")?.map(Number);
    const search = str(q, "search")?.toLowerCase();
    const inFields = (str(q, "in") ?? "title,description").split(",");
    const authorUsername = str(q, "author_username")?.toLowerCase();
    const authorId = int(q, "author_id");
    const assigneeUsername = list(q, "assignee_username")?.map((s) => s.toLowerCase());
    const assigneeId = str(q, "assignee_id");
    const createdAfter = str(q, "created_after");
    const createdBefore = str(q, "created_before");
    const updatedAfter = str(q, "updated_after");
    const updatedBefore = str(q, "updated_before");
    const lower = (id: number) => this.#usersById.get(id)?.username.toLowerCase();
    const rows = p.issues.filter((i) => {
      if (state !== "all" && i.state !== state) return false;
      if (labels && labels.length) {
        const lv = labels.map((l) => l.toLowerCase());
        if (lv.length === 1 && lv[0] === "none") {
          if (i.labels.length) return false;
        } else if (lv.length === 1 && lv[0] === "any") {
          if (!i.labels.length) return false;
        } else if (!lv.every((l) => i.labels.some((x) => x.toLowerCase() === l))) return false;
      }
      if (notLabels && notLabels.some((l) => i.labels.some((x) => x.toLowerCase() === l.toLowerCase()))) {
        return false;
      }
      if (notAuthor && lower(i.authorId) === notAuthor.toLowerCase()) return false;
      if (iids && iids.length && !iids.includes(i.iid)) return false;
      if (search) {
        const hay = `${inFields.includes("title") ? i.title : ""} ${
          inFields.includes("description") ? i.description ?? "" : ""
        }`;
        if (!hay.toLowerCase().includes(search)) return false;
      }
      if (authorUsername && lower(i.authorId) !== authorUsername) return false;
      if (authorId !== undefined && i.authorId !== authorId) return false;
      if (assigneeUsername && !assigneeUsername.every((a) => i.assigneeIds.some((id) => lower(id) === a))) {
        return false;
      }
      if (assigneeId !== undefined) {
        const a = assigneeId.toLowerCase();
        if (a === "none" && i.assigneeIds.length) return false;
        if (a === "any" && !i.assigneeIds.length) return false;
        if (/^\d+$/.test(a) && !i.assigneeIds.includes(Number(a))) return false;
      }
      if (createdAfter && isoCompare(i.createdAt, createdAfter) < 0) return false;
      if (createdBefore && isoCompare(i.createdAt, createdBefore) > 0) return false;
      if (updatedAfter && isoCompare(i.updatedAt, updatedAfter) < 0) return false;
      if (updatedBefore && isoCompare(i.updatedAt, updatedBefore) > 0) return false;
      return true;
    });
    this.#sortItems(rows, q);
    return this.#paginateArray(ctx, rows, (i) => this.#renderIssue(p, i));
  }

  #sortItems<T extends { id: number; createdAt: string; updatedAt: string; title: string }>(
    rows: T[],
    q: Params,
  ): void {
    const orderBy = str(q, "order_by") ?? "created_at";
    const desc = (str(q, "sort") ?? "desc").toLowerCase() !== "asc";
    const key = (x: T): string | number =>
      orderBy === "updated_at"
        ? x.updatedAt
        : orderBy === "title"
        ? x.title.toLowerCase()
        : orderBy === "id"
        ? x.id
        : x.createdAt;
    rows.sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      const c = ka < kb ? -1 : ka > kb ? 1 : a.id - b.id;
      return desc ? -c : c;
    });
  }

  #updateIssue(ctx: Ctx): Response {
    const p = this.#findProject(ctx);
    const user = this.#requireAuth(ctx);
    const issue = this.#findIssue(p, ctx.path.issue_iid);
    if (issue.authorId !== user.id && this.#access(user, p) < ACCESS.reporter) throw forbidden();
    const q = ctx.q;
    const keys = [
      "title",
      "description",
      "labels",
      "add_labels",
      "remove_labels",
      "state_event",
      "assignee_ids",
      "assignee_id",
    ];
    if (!keys.some((k) => q[k] !== undefined)) {
      throw new HttpError(400, {
        error:
          "assignee_id, assignee_ids, confidential, created_at, description, discussion_locked, due_date, labels, " +
          "add_labels, remove_labels, milestone_id, state_event, title, issue_type are missing, " +
          "at least one parameter must be provided",
      });
    }
    const title = str(q, "title");
    if (title !== undefined) {
      if (title.trim() === "") throw new HttpError(400, { message: { title: ["can't be blank"] } });
      issue.title = title;
    }
    const description = str(q, "description");
    if (description !== undefined) issue.description = description;
    if (q.labels !== undefined) issue.labels = sortLabels(list(q, "labels") ?? []);
    const add = list(q, "add_labels");
    if (add) issue.labels = sortLabels([...issue.labels, ...add]);
    const remove = list(q, "remove_labels");
    if (remove) {
      const r = new Set(remove.map((l) => l.toLowerCase()));
      issue.labels = issue.labels.filter((l) => !r.has(l.toLowerCase()));
    }
    const assignees = list(q, "assignee_ids") ?? list(q, "assignee_id");
    if (assignees) issue.assigneeIds = assignees.map(Number).filter((id) => this.#usersById.has(id));
    const event = str(q, "state_event");
    if (event === "close") this.#setIssueState(p, issue, "closed", user);
    else if (event === "reopen") this.#setIssueState(p, issue, "opened", user);
    issue.updatedAt = this.#iso();
    p.lastActivityAt = issue.updatedAt;
    this.#bump();
    return this.#json(ctx, 200, this.#renderIssue(p, issue));
  }

  #listMrs(ctx: Ctx): Response {
    const p = this.#findProject(ctx);
    const q = ctx.q;
    const state = str(q, "state") ?? "all";
    const labels = list(q, "labels")?.map((l) => l.toLowerCase());
    const not = obj(q, "not") ?? {};
    const notLabels = list(not, "labels")?.map((l) => l.toLowerCase());
    const target = str(q, "target_branch");
    const source = str(q, "source_branch");
    const author = str(q, "author_username")?.toLowerCase();
    const search = str(q, "search")?.toLowerCase();
    const iids = list(q, "iids")?.map(Number);
    const draft = bool(q, "draft") ?? (str(q, "wip") !== undefined ? str(q, "wip") === "yes" : undefined);
    const rows = p.mrs.filter((m) => {
      if (state !== "all" && m.state !== state) return false;
      if (labels && labels.length && !labels.every((l) => m.labels.some((x) => x.toLowerCase() === l))) {
        return false;
      }
      if (notLabels && notLabels.some((l) => m.labels.some((x) => x.toLowerCase() === l))) return false;
      if (target && m.target !== target) return false;
      if (source && m.source !== source) return false;
      if (author && this.#usersById.get(m.authorId)?.username.toLowerCase() !== author) return false;
      if (search && !`${m.title} ${m.description ?? ""}`.toLowerCase().includes(search)) return false;
      if (iids && iids.length && !iids.includes(m.iid)) return false;
      if (draft !== undefined && m.draft !== draft) return false;
      return true;
    });
    this.#sortItems(rows, q);
    return this.#paginateArray(ctx, rows, (m) => this.#renderMr(p, m));
  }
}

/**
 * Creates an in-memory GitLab REST API v4 simulator. Its `fetch` answers requests for
 * `<any origin>/api/v4/...` like GitLab does: pagination headers, auth, sudo, errors.
 *
 * @example
 * ```ts
 * import { createSimulator, SIM_ADMIN_TOKEN } from "gitlab-edge/testing";
 * const sim = createSimulator();
 * const res = await sim.fetch("http://gitlab.test/api/v4/projects?per_page=2", {
 *   headers: { "PRIVATE-TOKEN": SIM_ADMIN_TOKEN },
 * });
 * console.log(res.headers.get("x-total"), await res.json());
 * ```
 */
export function createSimulator(options?: SimulatorOptions): Simulator {
  return new SimulatorImpl(options);
}
