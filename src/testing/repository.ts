/**
 * The simulated Git data of projects: commits (each with the file snapshot it produced), branches as
 * copy-on-write file snapshots, tags, ref lookup, history walks, diffs, commits made from file actions, and
 * the protected branch and tag rules that decide who may push.
 *
 * @module
 */

import { ACCESS, projectAccess } from "./access.ts";
import { digestHex, pseudoHex } from "./encoding.ts";
import type { BranchRec, CommitRec, FileRec, ProjectRec, RepoRec, UserRec } from "./records.ts";
import { HttpError } from "./responses.ts";
import type { Store } from "./store.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Most commits a history walk visits. */
const MAX_WALK = 100_000;
/** Above this many lines on either side a file's diff is not computed line by line. */
const MAX_DIFF_LINES = 5_000;

// ----- records kept in store slots ---------------------------------------------------------------

/** @internal a tag: lightweight (no message) or annotated. */
export interface TagRec {
  /** Tag name. */
  name: string;
  /** The commit the tag resolves to. */
  commit: CommitRec;
  /** Annotation message; null for a lightweight tag. */
  message: string | null;
  /** The SHA the ref points at: the tag object (annotated) or the commit (lightweight). */
  target: string;
  /** Tagger date of an annotated tag; null for a lightweight tag. */
  createdAt: string | null;
}

/** @internal one access entry of a protected branch or tag rule. */
export interface RefAccessRec {
  /** Entry id. */
  id: number;
  /** Minimum role: 0 no one, 30 developers, 40 maintainers, 60 administrators. */
  level: number;
  /** A user the entry allows instead of a role. */
  userId: number | null;
  /** A group the entry allows instead of a role. */
  groupId: number | null;
}

/** @internal a protected branch rule (a name or a wildcard pattern). */
export interface ProtectedBranchRec {
  /** Rule id. */
  id: number;
  /** Branch name or wildcard pattern. */
  name: string;
  /** Who may push. */
  push: RefAccessRec[];
  /** Who may merge. */
  merge: RefAccessRec[];
  /** Who may unprotect. */
  unprotect: RefAccessRec[];
  /** Force pushes allowed. */
  allowForcePush: boolean;
  /** Code owner approval required. */
  codeOwnerApprovalRequired: boolean;
}

/** @internal a protected tag rule (a name or a wildcard pattern). */
export interface ProtectedTagRec {
  /** Rule id. */
  id: number;
  /** Tag name or wildcard pattern. */
  name: string;
  /** Who may create matching tags. */
  create: RefAccessRec[];
}

/** Every commit by SHA (SHAs come from one global sequence, so forks share the index). */
function commitIndex(store: Store): Map<string, CommitRec> {
  return store.slot("repository.commits", () => new Map<string, CommitRec>());
}

/** @internal a commit by full SHA, from any project. */
export function commitById(store: Store, sha: string): CommitRec | undefined {
  return commitIndex(store).get(sha);
}

/** @internal the tags of a project by name. */
export function tagsOf(store: Store, p: ProjectRec): Map<string, TagRec> {
  const all = store.slot("repository.tags", () => new Map<number, Map<string, TagRec>>());
  let tags = all.get(p.id);
  if (!tags) {
    tags = new Map();
    all.set(p.id, tags);
  }
  return tags;
}

// ----- commits and branches ----------------------------------------------------------------------

/** @internal a new commit by `author` (default: the first user). */
export function newCommit(store: Store, message: string, parents: string[], author?: UserRec): CommitRec {
  const a = author ?? store.users[0];
  const seq = store.nextId.commit++;
  const c: CommitRec = {
    id: pseudoHex(seq * 7919, 40),
    message,
    createdAt: store.iso(),
    authorName: a?.name ?? "Administrator",
    authorEmail: a?.email ?? "admin@example.com",
    parentIds: parents,
    seq,
  };
  commitIndex(store).set(c.id, c);
  return c;
}

/** @internal a fresh fake SHA (for records that need one without a commit). */
export function newSha(store: Store): string {
  return pseudoHex(store.nextId.commit++, 40);
}

/** @internal the project's repository, created on first use with a protected default branch. */
export function ensureRepo(store: Store, p: ProjectRec): RepoRec {
  if (!p.repo) {
    const commit = newCommit(store, "Initial commit", [], store.usersById.get(p.creatorId));
    commit.createdAt = p.createdAt;
    commit.files = new Map();
    p.repo = {
      branches: new Map([[p.defaultBranch, {
        name: p.defaultBranch,
        commit,
        files: commit.files,
        protected: true,
      }]]),
    };
    syncProtection(store, p);
  }
  return p.repo;
}

/** @internal the files of the tree a commit produced. */
export function filesAt(p: ProjectRec, c: CommitRec): Map<string, FileRec> {
  if (c.files) return c.files;
  for (const b of p.repo?.branches.values() ?? []) if (b.commit === c) return b.files;
  return new Map();
}

/** A read-only ref view of a commit (a tag or a SHA): the shape branch lookups return. */
function commitRef(p: ProjectRec, name: string, c: CommitRec): BranchRec {
  return { name, commit: c, files: filesAt(p, c), protected: false };
}

/** @internal every commit reachable from the project's branches and tags. */
export function reachableCommits(store: Store, p: ProjectRec): Map<string, CommitRec> {
  const repo = ensureRepo(store, p);
  const heads: CommitRec[] = [...repo.branches.values()].map((b) => b.commit);
  for (const t of tagsOf(store, p).values()) heads.push(t.commit);
  return walk(store, heads, false);
}

/** Commits reachable from `heads` (first parents only when asked), keyed by SHA. */
function walk(store: Store, heads: CommitRec[], firstParent: boolean): Map<string, CommitRec> {
  const seen = new Map<string, CommitRec>();
  const stack = [...heads];
  const index = commitIndex(store);
  while (stack.length && seen.size < MAX_WALK) {
    const c = stack.pop() as CommitRec;
    if (seen.has(c.id)) continue;
    seen.set(c.id, c);
    const parents = firstParent ? c.parentIds.slice(0, 1) : c.parentIds;
    for (const id of parents) {
      const parent = index.get(id);
      if (parent && !seen.has(id)) stack.push(parent);
    }
  }
  return seen;
}

/** @internal a commit of the project by full or abbreviated (at least 4 digits) SHA. */
export function findCommit(store: Store, p: ProjectRec, sha: string): CommitRec | null {
  if (!/^[0-9a-f]{4,40}$/i.test(sha)) return null;
  const s = sha.toLowerCase();
  const reachable = reachableCommits(store, p);
  const exact = reachable.get(s);
  if (exact) return exact;
  for (const c of reachable.values()) if (c.id.startsWith(s)) return c;
  return null;
}

/**
 * @internal what a ref names: a branch (`main`, `refs/heads/main`), a tag (`v1.0.0`, `refs/tags/v1.0.0`),
 * `HEAD`, or a (short) SHA of a commit of the project. Branches are returned themselves; tags and SHAs as a
 * read-only view of their commit and its files.
 */
export function resolveRef(store: Store, p: ProjectRec, ref: string): BranchRec | null {
  const repo = ensureRepo(store, p);
  const branchName = ref.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : ref;
  const b = repo.branches.get(branchName);
  if (b) return b;
  const tagName = ref.startsWith("refs/tags/") ? ref.slice("refs/tags/".length) : ref;
  const t = tagsOf(store, p).get(tagName);
  if (t) return commitRef(p, ref, t.commit);
  if (ref === "HEAD") return repo.branches.get(p.defaultBranch) ?? null;
  if (/^[0-9a-f]{4,40}$/i.test(ref)) {
    for (const br of repo.branches.values()) {
      if (br.commit.id.startsWith(ref.toLowerCase())) return br;
    }
    const c = findCommit(store, p, ref);
    if (c) return commitRef(p, ref, c);
  }
  return null;
}

/** @internal creates branch `name` from `ref` (default branch unless given); throws when it exists. */
export function createBranch(store: Store, p: ProjectRec, name: string, ref?: string): BranchRec {
  const repo = ensureRepo(store, p);
  if (repo.branches.has(name)) throw new Error(`simulator: branch ${name} exists`);
  const from = resolveRef(store, p, ref ?? p.defaultBranch);
  if (!from) throw new Error(`simulator: unknown ref ${ref}`);
  const branch: BranchRec = {
    name,
    commit: from.commit,
    files: from.files,
    protected: isProtectedBranch(store, p, name),
  };
  repo.branches.set(name, branch);
  return branch;
}

/** @internal adds or replaces a file on branch `ref` (created when missing) in a new commit. */
export function commitFile(
  store: Store,
  p: ProjectRec,
  path: string,
  content: string | Uint8Array,
  ref: string,
): void {
  const repo = ensureRepo(store, p);
  const branch = repo.branches.get(ref) ?? createBranch(store, p, ref);
  const clean = path.replace(/^\/+/, "");
  const commit = newCommit(store, `Add ${clean}`, [branch.commit.id], store.usersById.get(p.creatorId));
  branch.commit = commit;
  branch.files = new Map(branch.files); // copy-on-write: other branches keep their snapshot
  branch.files.set(clean, {
    content: typeof content === "string" ? encoder.encode(content) : content.slice(),
    lastCommitId: commit.id,
  });
  commit.files = branch.files;
  p.lastActivityAt = commit.createdAt;
}

/** @internal commits reachable from `head`, newest first (commit time, then creation order). */
export function history(store: Store, head: CommitRec, firstParent = false): CommitRec[] {
  return [...walk(store, [head], firstParent).values()].sort(newestFirst);
}

/** @internal orders commits newest first. */
export function newestFirst(a: CommitRec, b: CommitRec): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return (b.seq ?? 0) - (a.seq ?? 0);
}

/** @internal whether `ancestor` is `c` or reachable from it. */
export function isAncestor(store: Store, ancestor: CommitRec, c: CommitRec): boolean {
  return walk(store, [c], false).has(ancestor.id);
}

/** @internal the best common ancestor of commits (the newest one reachable from all), or null. */
export function mergeBase(store: Store, commits: CommitRec[]): CommitRec | null {
  if (commits.length === 0) return null;
  let common = walk(store, [commits[0]], false);
  for (const c of commits.slice(1)) {
    const r = walk(store, [c], false);
    common = new Map([...common].filter(([id]) => r.has(id)));
  }
  const candidates = [...common.values()].sort(newestFirst);
  return candidates[0] ?? null;
}

/** @internal the Git blob id (SHA-1 of `blob <size>\0<content>`) of a file, computed once. */
export async function blobIdOf(file: FileRec): Promise<string> {
  if (!file.blobId) {
    const header = encoder.encode(`blob ${file.content.length}\0`);
    const all = new Uint8Array(header.length + file.content.length);
    all.set(header);
    all.set(file.content, header.length);
    file.blobId = await digestHex("SHA-1", all);
    file.sha256 = await digestHex("SHA-256", file.content);
  }
  return file.blobId;
}

/** @internal the Git file mode of a file. */
export function fileMode(file: FileRec): string {
  return file.executable ? "100755" : "100644";
}

// ----- diffs -------------------------------------------------------------------------------------

/** @internal one changed file between two trees. */
export interface FileDiff {
  /** Path before. */
  oldPath: string;
  /** Path after. */
  newPath: string;
  /** Mode before (`0` when added). */
  aMode: string;
  /** Mode after (`0` when deleted). */
  bMode: string;
  /** Added. */
  newFile: boolean;
  /** Deleted. */
  deletedFile: boolean;
  /** Renamed (same content, new path). */
  renamedFile: boolean;
  /** Unified diff hunks (no `---`/`+++` header), as GitLab's `diff` field holds them. */
  diff: string;
  /** Lines added. */
  additions: number;
  /** Lines removed. */
  deletions: number;
}

/** Lines of a file, each with its line ending; a missing final newline is remembered. */
function linesOf(bytes: Uint8Array): { lines: string[]; noEol: boolean } {
  const text = decoder.decode(bytes);
  if (text === "") return { lines: [], noEol: false };
  const lines = text.split("\n");
  const noEol = lines[lines.length - 1] !== "";
  if (!noEol) lines.pop();
  return { lines, noEol };
}

/** Whether bytes look binary (a NUL in the first 8000 bytes, as Git decides). */
function isBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8000);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

type Op = { kind: " " | "-" | "+"; text: string; a: number; b: number };

/** The edit script turning `a` into `b` (longest common subsequence), or a full replacement when too big. */
function editScript(a: string[], b: string[]): Op[] {
  const ops: Op[] = [];
  if (a.length > MAX_DIFF_LINES || b.length > MAX_DIFF_LINES) {
    a.forEach((text, i) => ops.push({ kind: "-", text, a: i, b: 0 }));
    b.forEach((text, j) => ops.push({ kind: "+", text, a: a.length, b: j }));
    return ops;
  }
  // trim the common prefix and suffix, then LCS over the middle
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) {
    suf++;
  }
  for (let i = 0; i < pre; i++) ops.push({ kind: " ", text: a[i], a: i, b: i });
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  const n = am.length;
  const m = bm.length;
  if (n * m > 4_000_000) {
    am.forEach((text, i) => ops.push({ kind: "-", text, a: pre + i, b: pre }));
    bm.forEach((text, j) => ops.push({ kind: "+", text, a: pre + n, b: pre + j }));
  } else {
    const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i][j] = am[i] === bm[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && am[i] === bm[j]) {
        ops.push({ kind: " ", text: am[i], a: pre + i, b: pre + j });
        i++;
        j++;
      } else if (j < m && (i === n || lcs[i][j + 1] >= lcs[i + 1][j])) {
        ops.push({ kind: "+", text: bm[j], a: pre + i, b: pre + j });
        j++;
      } else {
        ops.push({ kind: "-", text: am[i], a: pre + i, b: pre + j });
        i++;
      }
    }
  }
  for (let k = 0; k < suf; k++) {
    ops.push({ kind: " ", text: a[a.length - suf + k], a: a.length - suf + k, b: b.length - suf + k });
  }
  return ops;
}

/** Unified diff hunks (3 lines of context) between two contents, with line counts. */
export function unifiedDiff(
  before: Uint8Array | null,
  after: Uint8Array | null,
): { diff: string; additions: number; deletions: number } {
  const a = before ? linesOf(before) : { lines: [], noEol: false };
  const b = after ? linesOf(after) : { lines: [], noEol: false };
  const ops = editScript(a.lines, b.lines);
  const additions = ops.filter((o) => o.kind === "+").length;
  const deletions = ops.filter((o) => o.kind === "-").length;
  const eolMark = (kind: Op["kind"], o: Op) => {
    const lastA = o.a === a.lines.length - 1 && a.noEol;
    const lastB = o.b === b.lines.length - 1 && b.noEol;
    if (kind === "-" && lastA) return "\n\\ No newline at end of file";
    if (kind === "+" && lastB) return "\n\\ No newline at end of file";
    if (kind === " " && lastA) return "\n\\ No newline at end of file";
    return "";
  };
  const changed = ops.map((o, i) => (o.kind !== " " ? i : -1)).filter((i) => i >= 0);
  if (changed.length === 0) return { diff: "", additions, deletions };
  const out: string[] = [];
  let k = 0;
  while (k < changed.length) {
    const start = Math.max(0, changed[k] - 3);
    let end = Math.min(ops.length - 1, changed[k] + 3);
    while (k + 1 < changed.length && changed[k + 1] - 3 <= end + 1) {
      k++;
      end = Math.min(ops.length - 1, changed[k] + 3);
    }
    k++;
    const slice = ops.slice(start, end + 1);
    const aCount = slice.filter((o) => o.kind !== "+").length;
    const bCount = slice.filter((o) => o.kind !== "-").length;
    const first = slice[0];
    const aStart = aCount === 0 ? first.a : first.a + 1;
    const bStart = bCount === 0 ? first.b : first.b + 1;
    const range = (s: number, c: number) => (c === 1 ? `${s}` : `${s},${c}`);
    out.push(`@@ -${range(aStart, aCount)} +${range(bStart, bCount)} @@\n`);
    for (const o of slice) out.push(`${o.kind}${o.text}${eolMark(o.kind, o)}\n`);
  }
  return { diff: out.join(""), additions, deletions };
}

/** The diff of one file's two sides (binary files get GitLab's one-line note). */
function fileDiff(oldPath: string, newPath: string, a: FileRec | null, b: FileRec | null): FileDiff {
  const binary = (a && isBinary(a.content)) || (b && isBinary(b.content));
  const d = binary
    ? {
      diff: `Binary files ${a ? `a/${oldPath}` : "/dev/null"} and ${
        b ? `b/${newPath}` : "/dev/null"
      } differ\n`,
      additions: 0,
      deletions: 0,
    }
    : unifiedDiff(a?.content ?? null, b?.content ?? null);
  return {
    oldPath,
    newPath,
    aMode: a ? fileMode(a) : "0",
    bMode: b ? fileMode(b) : "0",
    newFile: !a,
    deletedFile: !b,
    renamedFile: !!a && !!b && oldPath !== newPath,
    ...d,
  };
}

/** Whether two byte arrays hold the same bytes. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** @internal the changed files between two trees, path-ordered; exact renames are detected. */
export function diffTrees(before: Map<string, FileRec>, after: Map<string, FileRec>): FileDiff[] {
  const out: FileDiff[] = [];
  const added: string[] = [];
  const deleted: string[] = [];
  for (const [path, f] of after) {
    const old = before.get(path);
    if (!old) added.push(path);
    else if (old !== f && (!sameBytes(old.content, f.content) || !!old.executable !== !!f.executable)) {
      out.push(fileDiff(path, path, old, f));
    }
  }
  for (const path of before.keys()) if (!after.has(path)) deleted.push(path);
  const unmatched = new Set(deleted);
  for (const path of added) {
    const f = after.get(path) as FileRec;
    const from = [...unmatched].find((d) => sameBytes((before.get(d) as FileRec).content, f.content));
    if (from !== undefined) {
      unmatched.delete(from);
      out.push(fileDiff(from, path, before.get(from) as FileRec, f));
    } else out.push(fileDiff(path, path, null, f));
  }
  for (const path of unmatched) out.push(fileDiff(path, path, before.get(path) as FileRec, null));
  return out.sort((x, y) => (x.newPath < y.newPath ? -1 : x.newPath > y.newPath ? 1 : 0));
}

/** @internal what a commit changed against its first parent (a root commit: against the empty tree). */
export function commitDiff(store: Store, p: ProjectRec, c: CommitRec): FileDiff[] {
  const parent = c.parentIds[0] ? commitById(store, c.parentIds[0]) : undefined;
  return diffTrees(parent ? filesAt(p, parent) : new Map(), filesAt(p, c));
}

/** @internal a commit's line counts against its first parent. */
export function commitStats(store: Store, p: ProjectRec, c: CommitRec): {
  additions: number;
  deletions: number;
  total: number;
} {
  let additions = 0;
  let deletions = 0;
  for (const d of commitDiff(store, p, c)) {
    additions += d.additions;
    deletions += d.deletions;
  }
  return { additions, deletions, total: additions + deletions };
}

// ----- protection --------------------------------------------------------------------------------

/** @internal whether a protected ref rule's name (`*` wildcards) matches `name`. */
export function refPatternMatches(pattern: string, name: string): boolean {
  if (!pattern.includes("*")) return pattern === name;
  const re = new RegExp(
    `^${pattern.split("*").map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`,
  );
  return re.test(name);
}

/** @internal an access entry for a role. */
export function roleAccess(store: Store, level: number): RefAccessRec {
  return { id: store.nextIdOf("protectedRefAccess"), level, userId: null, groupId: null };
}

/** @internal the project's protected branch rules; the default branch starts protected (maintainers). */
export function protectedBranchesOf(store: Store, p: ProjectRec): ProtectedBranchRec[] {
  const all = store.slot("repository.protectedBranches", () => new Map<number, ProtectedBranchRec[]>());
  let rules = all.get(p.id);
  if (!rules) {
    rules = [{
      id: store.nextIdOf("protectedBranch"),
      name: p.defaultBranch,
      push: [roleAccess(store, ACCESS.maintainer)],
      merge: [roleAccess(store, ACCESS.maintainer)],
      unprotect: [roleAccess(store, ACCESS.maintainer)],
      allowForcePush: false,
      codeOwnerApprovalRequired: false,
    }];
    all.set(p.id, rules);
  }
  return rules;
}

/** @internal the project's protected tag rules. */
export function protectedTagsOf(store: Store, p: ProjectRec): ProtectedTagRec[] {
  const all = store.slot("repository.protectedTags", () => new Map<number, ProtectedTagRec[]>());
  let rules = all.get(p.id);
  if (!rules) {
    rules = [];
    all.set(p.id, rules);
  }
  return rules;
}

/** @internal the protected branch rules matching a branch name. */
export function branchRules(store: Store, p: ProjectRec, name: string): ProtectedBranchRec[] {
  return protectedBranchesOf(store, p).filter((r) => refPatternMatches(r.name, name));
}

/** @internal whether a protected branch rule matches `name`. */
export function isProtectedBranch(store: Store, p: ProjectRec, name: string): boolean {
  return branchRules(store, p, name).length > 0;
}

/** @internal whether a protected tag rule matches `name`. */
export function isProtectedTag(store: Store, p: ProjectRec, name: string): boolean {
  return protectedTagsOf(store, p).some((r) => refPatternMatches(r.name, name));
}

/** @internal sets every branch's `protected` flag from the rules (after rules or branches change). */
export function syncProtection(store: Store, p: ProjectRec): void {
  for (const b of p.repo?.branches.values() ?? []) b.protected = isProtectedBranch(store, p, b.name);
}

/** @internal whether an access entry lets `user` act. */
export function accessAllows(user: UserRec | null, p: ProjectRec, a: RefAccessRec): boolean {
  if (!user) return false;
  if (a.userId !== null) return a.userId === user.id && projectAccess(user, p) >= ACCESS.developer;
  if (a.level === 0) return false;
  if (a.level === 60) return user.admin;
  return projectAccess(user, p) >= a.level;
}

/**
 * @internal GitLab's `can_push_to_branch?`: developers may push to unprotected branches; on a protected one
 * any matching rule's push entry must allow the user.
 */
export function canPushToBranch(store: Store, user: UserRec | null, p: ProjectRec, name: string): boolean {
  if (!user || projectAccess(user, p) < ACCESS.developer) return false;
  const rules = branchRules(store, p, name);
  if (rules.length === 0) return true;
  return rules.some((r) => r.push.some((a) => accessAllows(user, p, a)));
}

/** @internal whether `user` may merge into a branch (GitLab's `can_merge_to_branch?`). */
export function canMergeToBranch(store: Store, user: UserRec | null, p: ProjectRec, name: string): boolean {
  if (!user || projectAccess(user, p) < ACCESS.developer) return false;
  const rules = branchRules(store, p, name);
  if (rules.length === 0) return true;
  return rules.some((r) => r.merge.some((a) => accessAllows(user, p, a)));
}

/** @internal whether every matching rule's entries of `kind` include the developer role. */
export function developersCan(store: Store, p: ProjectRec, name: string, kind: "push" | "merge"): boolean {
  return branchRules(store, p, name).some((r) => r[kind].some((a) => a.level === ACCESS.developer));
}

/** @internal whether `user` may create (or delete) a tag `name` under the protected tag rules. */
export function canCreateTag(store: Store, user: UserRec | null, p: ProjectRec, name: string): boolean {
  if (!user || projectAccess(user, p) < ACCESS.developer) return false;
  const rules = protectedTagsOf(store, p).filter((r) => refPatternMatches(r.name, name));
  if (rules.length === 0) return true;
  return rules.some((r) => r.create.some((a) => accessAllows(user, p, a)));
}

// ----- writes ------------------------------------------------------------------------------------

/** @internal one change of a commit made through the API (`actions[]`, or a single file write). */
export interface FileAction {
  /** What to do. */
  action: "create" | "update" | "delete" | "move" | "chmod";
  /** The path acted on. */
  filePath: string;
  /** The old path of a move. */
  previousPath?: string;
  /** New content (create, update; move keeps the old content without it). */
  content?: Uint8Array;
  /** Last known commit of the file: a conflict check. */
  lastCommitId?: string;
  /** Executable flag (chmod; create and update when given). */
  executeFilemode?: boolean;
}

/** @internal what a commit written through the API needs. */
export interface WriteOptions {
  /** Branch to commit to (created from `start` when missing). */
  branch: string;
  /** Branch to start from when `branch` does not exist (default: `branch`). */
  startBranch?: string;
  /** Commit to start from when `branch` does not exist. */
  startSha?: string;
  /** Commit message. */
  message: string;
  /** Author name (default: the user). */
  authorName?: string;
  /** Author email (default: the user's). */
  authorEmail?: string;
  /** The changes. */
  actions: FileAction[];
  /** Message for a `last_commit_id` mismatch (the files API and commits API word it differently). */
  changedMessage?: (path: string) => string;
}

/** A 400 with GitLab's `{"message": …}`. */
function fail(message: string): HttpError {
  return new HttpError(400, { message });
}

/** @internal the normalized path of a file in a write (leading slashes dropped). */
export function cleanPath(path: string): string {
  return path.replace(/^\/+/, "");
}

/** Applies actions to a copy of `files`; new file records are returned to stamp with the commit id. */
function applyActions(
  base: Map<string, FileRec>,
  actions: FileAction[],
  changedMessage: (path: string) => string,
): { files: Map<string, FileRec>; touched: FileRec[] } {
  const files = new Map(base);
  const touched: FileRec[] = [];
  const isDir = (path: string) => [...files.keys()].some((k) => k.startsWith(`${path}/`));
  for (const a of actions) {
    const path = cleanPath(a.filePath);
    const cur = files.get(path);
    if (a.lastCommitId && cur && cur.lastCommitId !== a.lastCommitId && a.action !== "create") {
      throw fail(changedMessage(path));
    }
    switch (a.action) {
      case "create": {
        if (cur) throw fail("A file with this name already exists");
        if (isDir(path)) throw fail("A directory with this name already exists");
        const f: FileRec = { content: a.content ?? new Uint8Array(), lastCommitId: "" };
        if (a.executeFilemode) f.executable = true;
        files.set(path, f);
        touched.push(f);
        break;
      }
      case "update": {
        if (!cur) throw fail("A file with this name doesn't exist");
        const f: FileRec = { content: a.content ?? new Uint8Array(), lastCommitId: "" };
        const exec = a.executeFilemode ?? cur.executable;
        if (exec) f.executable = true;
        files.set(path, f);
        touched.push(f);
        break;
      }
      case "delete":
        if (!cur) throw fail("A file with this name doesn't exist");
        files.delete(path);
        break;
      case "move": {
        const from = cleanPath(a.previousPath ?? "");
        const old = files.get(from);
        if (!old) throw fail("A file with this name doesn't exist");
        if (files.has(path) && path !== from) throw fail("A file with this name already exists");
        files.delete(from);
        const f: FileRec = { content: a.content ?? old.content, lastCommitId: "" };
        if (old.executable) f.executable = true;
        files.set(path, f);
        touched.push(f);
        break;
      }
      case "chmod": {
        if (!cur) throw fail("A file with this name doesn't exist");
        const f: FileRec = { content: cur.content, lastCommitId: "" };
        if (a.executeFilemode) f.executable = true;
        files.set(path, f);
        touched.push(f);
        break;
      }
    }
  }
  return { files, touched };
}

/** @internal whether `name` is a valid Git branch or tag name. */
export function validRefName(name: string): boolean {
  // deno-lint-ignore no-control-regex -- Git refuses control characters in ref names
  return name !== "" && /^[^\s~^:?*[\\\x00-\x1f\x7f]+$/.test(name) &&
    !/\.\.|\/\/|^\/|\/$|\.lock$|^-|@\{|\.$|^\.|\/\./.test(name) && name !== "@";
}

/**
 * @internal makes one commit from file actions on a branch, as GitLab's `Commits::CreateService` does:
 * checks the push rules (400 `You are not allowed to push into this branch`), the start branch, then the
 * actions; the commit's parent is the branch's (or start's) head. Throws GitLab's 400s.
 */
export function writeFiles(store: Store, p: ProjectRec, user: UserRec, o: WriteOptions): CommitRec {
  const repo = ensureRepo(store, p);
  if (!canPushToBranch(store, user, p, o.branch)) throw fail("You are not allowed to push into this branch");
  let start: CommitRec;
  const existing = repo.branches.get(o.branch);
  if (o.startSha) {
    const c = findCommit(store, p, o.startSha);
    if (!c) throw fail(`Cannot find start_sha '${o.startSha}'`);
    if (existing) {
      throw fail(
        `A branch called '${o.branch}' already exists. Switch to that branch in order to make changes`,
      );
    }
    start = c;
  } else {
    const startName = o.startBranch ?? o.branch;
    const from = repo.branches.get(startName);
    if (!from) throw fail("You can only create or edit files when you are on a branch");
    if (startName !== o.branch && existing) {
      throw fail(
        `A branch called '${o.branch}' already exists. Switch to that branch in order to make changes`,
      );
    }
    start = from.commit;
  }
  if (!existing && !validRefName(o.branch)) throw fail(`Branch name ${o.branch} is invalid`);
  const { files, touched } = applyActions(
    filesAt(p, start),
    o.actions,
    o.changedMessage ?? ((path) => `The file has changed since you started editing it: ${path}`),
  );
  const c = newCommit(store, o.message, [start.id], user);
  if (o.authorName) c.authorName = o.authorName;
  if (o.authorEmail) c.authorEmail = o.authorEmail;
  c.committerName = user.name;
  c.committerEmail = user.email;
  for (const f of touched) f.lastCommitId = c.id;
  c.files = files;
  setBranchHead(store, p, o.branch, c);
  return c;
}

/** @internal points a branch (created when missing) at commit `c` and its files. */
export function setBranchHead(store: Store, p: ProjectRec, name: string, c: CommitRec): BranchRec {
  const repo = ensureRepo(store, p);
  let b = repo.branches.get(name);
  if (!b) {
    b = { name, commit: c, files: filesAt(p, c), protected: isProtectedBranch(store, p, name) };
    repo.branches.set(name, b);
  }
  b.commit = c;
  b.files = filesAt(p, c);
  p.lastActivityAt = c.createdAt;
  store.bump();
  return b;
}

/**
 * @internal a commit on `branch` applying (or, with `revert`, undoing) what `c` changed against its first
 * parent; null when the result changes nothing. A conflict (a file changed since) throws `conflict`.
 */
export function replayCommit(
  store: Store,
  p: ProjectRec,
  user: UserRec,
  branch: BranchRec,
  c: CommitRec,
  o: { revert: boolean; message: string; conflict: () => HttpError },
): CommitRec | null {
  const parent = c.parentIds[0] ? commitById(store, c.parentIds[0]) : undefined;
  const before = parent ? filesAt(p, parent) : new Map<string, FileRec>();
  const after = filesAt(p, c);
  const [from, to] = o.revert ? [after, before] : [before, after];
  const files = new Map(branch.files);
  const touched: FileRec[] = [];
  const paths = new Set([...from.keys(), ...to.keys()]);
  let changed = false;
  for (const path of paths) {
    const x = from.get(path);
    const y = to.get(path);
    if (x === y || (x && y && sameBytes(x.content, y.content) && !!x.executable === !!y.executable)) continue;
    const cur = files.get(path);
    // the branch must still hold the side being changed from
    const curMatches = x ? !!cur && sameBytes(cur.content, x.content) : !cur;
    const alreadyApplied = y ? !!cur && sameBytes(cur.content, y.content) : !cur;
    if (alreadyApplied) continue;
    if (!curMatches) throw o.conflict();
    changed = true;
    if (y) {
      const f: FileRec = { content: y.content, lastCommitId: "" };
      if (y.executable) f.executable = true;
      files.set(path, f);
      touched.push(f);
    } else files.delete(path);
  }
  if (!changed) return null;
  const n = newCommit(store, o.message, [branch.commit.id], user);
  if (!o.revert) {
    n.authorName = c.authorName;
    n.authorEmail = c.authorEmail;
  }
  n.committerName = user.name;
  n.committerEmail = user.email;
  for (const f of touched) f.lastCommitId = n.id;
  n.files = files;
  setBranchHead(store, p, branch.name, n);
  return n;
}

/** @internal commits in `to` not reachable from `from`, oldest first. */
export function commitsBetween(store: Store, from: CommitRec, to: CommitRec): CommitRec[] {
  const exclude = walk(store, [from], false);
  return [...walk(store, [to], false).values()].filter((c) => !exclude.has(c.id)).sort(newestFirst).reverse();
}

/**
 * @internal the blame of a file at `head`: runs of lines with the commit that last changed them, following
 * the file's first-parent history (each version's kept lines keep their commit); null when the file is
 * missing at `head`.
 */
export function blame(
  store: Store,
  p: ProjectRec,
  head: CommitRec,
  path: string,
): { commit: CommitRec; lines: string[] }[] | null {
  if (!filesAt(p, head).has(path)) return null;
  // the versions of the file, newest first, back to the commit that added it
  const versions: { commit: CommitRec; file: FileRec }[] = [];
  const index = commitIndex(store);
  let cur: CommitRec | undefined = head;
  for (let guard = 0; cur && guard < MAX_WALK; guard++) {
    const file = filesAt(p, cur).get(path);
    if (!file) break;
    const parent: CommitRec | undefined = cur.parentIds[0] ? index.get(cur.parentIds[0]) : undefined;
    const before = parent ? filesAt(p, parent).get(path) : undefined;
    if (!before || !sameBytes(before.content, file.content)) versions.push({ commit: cur, file });
    if (!before) break;
    cur = parent;
  }
  let owners: CommitRec[] = [];
  let lines: string[] = [];
  for (const v of versions.reverse()) {
    const next = linesOf(v.file.content).lines;
    const ops = editScript(lines, next);
    const nextOwners: CommitRec[] = [];
    for (const o of ops) {
      if (o.kind === " ") nextOwners[o.b] = owners[o.a];
      else if (o.kind === "+") nextOwners[o.b] = v.commit;
    }
    owners = nextOwners;
    lines = next;
  }
  const out: { commit: CommitRec; lines: string[] }[] = [];
  lines.forEach((line, i) => {
    const last = out[out.length - 1];
    if (last && last.commit === owners[i]) last.lines.push(line);
    else out.push({ commit: owners[i], lines: [line] });
  });
  return out;
}
