/**
 * The simulated Git data of projects: commits, branches as copy-on-write file snapshots, and ref lookup.
 *
 * @module
 */

import { pseudoHex } from "./encoding.ts";
import type { BranchRec, CommitRec, ProjectRec, RepoRec, UserRec } from "./records.ts";
import type { Store } from "./store.ts";

const encoder = new TextEncoder();

/** @internal a new commit by `author` (default: the first user). */
export function newCommit(store: Store, message: string, parents: string[], author?: UserRec): CommitRec {
  const a = author ?? store.users[0];
  return {
    id: pseudoHex(store.nextId.commit++ * 7919, 40),
    message,
    createdAt: store.iso(),
    authorName: a?.name ?? "Administrator",
    authorEmail: a?.email ?? "admin@example.com",
    parentIds: parents,
  };
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

/** @internal the branch a ref names: a branch name, or a (short) SHA of a branch head. */
export function resolveRef(store: Store, p: ProjectRec, ref: string): BranchRec | null {
  const repo = ensureRepo(store, p);
  const b = repo.branches.get(ref);
  if (b) return b;
  if (/^[0-9a-f]{7,40}$/i.test(ref)) {
    for (const br of repo.branches.values()) {
      if (br.commit.id.startsWith(ref.toLowerCase())) return br;
    }
  }
  return null;
}

/** @internal creates branch `name` from `ref` (default branch unless given); throws when it exists. */
export function createBranch(store: Store, p: ProjectRec, name: string, ref?: string): BranchRec {
  const repo = ensureRepo(store, p);
  if (repo.branches.has(name)) throw new Error(`simulator: branch ${name} exists`);
  const from = resolveRef(store, p, ref ?? p.defaultBranch);
  if (!from) throw new Error(`simulator: unknown ref ${ref}`);
  const branch: BranchRec = { name, commit: from.commit, files: from.files, protected: false };
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
  p.lastActivityAt = commit.createdAt;
}
