/**
 * The simulator's internal records: what it stores, as opposed to what it renders.
 *
 * @module
 */

import type { Visibility } from "../types/common.ts";
import type { SimTokenKind } from "./types.ts";

/** @internal a user account. */
export interface UserRec {
  /** User id. */
  id: number;
  /** Login name. */
  username: string;
  /** Display name. */
  name: string;
  /** Administrator. */
  admin: boolean;
  /** Account state. */
  state: "active" | "blocked";
  /** Email address. */
  email: string;
  /** Bot account (username contains `bot`). */
  bot: boolean;
  /** ISO creation time. */
  createdAt: string;
  /** Id of the user's personal namespace. */
  namespaceId: number;
}

/** @internal an access token. */
export interface TokenRec {
  /** Owner of the token. */
  userId: number;
  /** Token kind (decides which header may carry it). */
  kind: SimTokenKind;
  /** Granted scopes. */
  scopes: string[];
  /** Expiry date (`YYYY-MM-DD`), if any. */
  expiresAt: string | null;
  /** Revoked. */
  revoked: boolean;
}

/** @internal a group. */
export interface GroupRec {
  /** Group id (also its namespace id). */
  id: number;
  /** Path segment. */
  path: string;
  /** Display name. */
  name: string;
  /** Parent group. */
  parent: GroupRec | null;
  /** Visibility. */
  visibility: Visibility;
  /** Description. */
  description: string;
  /** ISO creation time. */
  createdAt: string;
  /** Direct members: user id → access level. */
  members: Map<number, number>;
  /** Full path, e.g. `acme/platform`. */
  fullPath: string;
  /** Full name, e.g. `Acme / Platform`. */
  fullName: string;
}

/** @internal the namespace a project lives in: a group or a user's personal namespace. */
export type NsRec = { kind: "group"; group: GroupRec } | { kind: "user"; user: UserRec };

/** @internal a file on a branch. */
export interface FileRec {
  /** File bytes. */
  content: Uint8Array;
  /** Commit that last changed the file. */
  lastCommitId: string;
  /** Git blob id, computed on first read. */
  blobId?: string;
  /** SHA-256 of the content, computed on first read. */
  sha256?: string;
  /** Executable (mode `100755`). */
  executable?: boolean;
}

/** @internal a commit. */
export interface CommitRec {
  /** Commit SHA. */
  id: string;
  /** Commit message. */
  message: string;
  /** ISO commit time. */
  createdAt: string;
  /** Author name. */
  authorName: string;
  /** Author email. */
  authorEmail: string;
  /** Parent SHAs. */
  parentIds: string[];
  /** The files of the tree this commit produced (absent: the snapshot of the branch it heads). */
  files?: Map<string, FileRec>;
  /** Creation order (orders commits made in the same instant). */
  seq?: number;
  /** Committer name, when not the author. */
  committerName?: string;
  /** Committer email, when not the author. */
  committerEmail?: string;
}

/** @internal a branch: its head commit and a snapshot of its files. */
export interface BranchRec {
  /** Branch name. */
  name: string;
  /** Head commit. */
  commit: CommitRec;
  /** Files at the head commit (copy-on-write, shared between branches until changed). */
  files: Map<string, FileRec>;
  /** Protected branch. */
  protected: boolean;
}

/** @internal a project's repository. */
export interface RepoRec {
  /** Branches by name. */
  branches: Map<string, BranchRec>;
}

/** @internal an issue. */
export interface IssueRec {
  /** Global id. */
  id: number;
  /** Project-scoped id. */
  iid: number;
  /** Title. */
  title: string;
  /** Description. */
  description: string | null;
  /** State. */
  state: "opened" | "closed";
  /** ISO creation time. */
  createdAt: string;
  /** ISO update time. */
  updatedAt: string;
  /** ISO close time. */
  closedAt: string | null;
  /** Who closed it. */
  closedById: number | null;
  /** Labels, sorted and unique. */
  labels: string[];
  /** Author's user id. */
  authorId: number;
  /** Assignees' user ids. */
  assigneeIds: number[];
  /** Milestone id (project or group milestone), if any. */
  milestoneId?: number | null;
  /** Confidential. */
  confidential?: boolean;
  /** Due date (`YYYY-MM-DD`). */
  dueDate?: string | null;
  /** Time estimate in seconds. */
  timeEstimate?: number;
  /** Time spent in seconds. */
  timeSpent?: number;
  /** Explicit subscriptions: user id → subscribed (participants are subscribed unless they opt out). */
  subscriptions?: Map<number, boolean>;
  /** Global id of the issue this one was moved to. */
  movedToId?: number | null;
  /** Discussion locked. */
  discussionLocked?: boolean | null;
}

/** @internal a merge request. */
export interface MrRec {
  /** Global id. */
  id: number;
  /** Project-scoped id. */
  iid: number;
  /** Title. */
  title: string;
  /** Description. */
  description: string | null;
  /** State. */
  state: "opened" | "closed" | "merged";
  /** ISO creation time. */
  createdAt: string;
  /** ISO update time. */
  updatedAt: string;
  /** ISO merge time. */
  mergedAt: string | null;
  /** Who merged it. */
  mergedById: number | null;
  /** ISO close time. */
  closedAt: string | null;
  /** Who closed it. */
  closedById: number | null;
  /** Source branch. */
  source: string;
  /** Target branch. */
  target: string;
  /** Labels, sorted and unique. */
  labels: string[];
  /** Author's user id. */
  authorId: number;
  /** Draft. */
  draft: boolean;
  /** Head SHA of the source branch. */
  sha: string;
  /** Milestone id, if any. */
  milestoneId?: number | null;
  /** Assignees' user ids. */
  assigneeIds?: number[];
  /** Reviewers' user ids. */
  reviewerIds?: number[];
  /** Merge commit created when merged through the API. */
  mergeCommitSha?: string | null;
  /** Squash commit created when merged with `squash`. */
  squashCommitSha?: string | null;
  /** Squash on merge. */
  squash?: boolean;
  /** Remove the source branch when merged. */
  removeSourceBranch?: boolean | null;
  /** Why the last merge or rebase failed. */
  mergeError?: string | null;
  /** Explicit subscriptions: user id → subscribed. */
  subscriptions?: Map<number, boolean>;
  /** Time estimate in seconds. */
  timeEstimate?: number;
  /** Time spent in seconds. */
  timeSpent?: number;
  /** Discussion locked. */
  discussionLocked?: boolean | null;
}

/** @internal a project. */
export interface ProjectRec {
  /** Project id. */
  id: number;
  /** Path segment. */
  path: string;
  /** Display name. */
  name: string;
  /** Namespace. */
  ns: NsRec;
  /** Full path, e.g. `acme/web`. */
  fullPath: string;
  /** Visibility. */
  visibility: Visibility;
  /** Default branch name. */
  defaultBranch: string;
  /** Description. */
  description: string | null;
  /** Topics. */
  topics: string[];
  /** Archived. */
  archived: boolean;
  /** ISO creation time. */
  createdAt: string;
  /** ISO update time. */
  updatedAt: string;
  /** ISO last activity time. */
  lastActivityAt: string;
  /** Creator's user id. */
  creatorId: number;
  /** Fork source. */
  forkedFrom: ProjectRec | null;
  /** Number of forks. */
  forksCount: number;
  /** Number of stars. */
  starCount: number;
  /** Direct members: user id → access level (null: none). */
  members: Map<number, number> | null;
  /** Issues, iid-ordered. */
  issues: IssueRec[];
  /** Merge requests, iid-ordered. */
  mrs: MrRec[];
  /** Number of open issues. */
  openIssues: number;
  /** Repository, created on first use. */
  repo: RepoRec | null;
}
