/**
 * Commit types, after GitLab's Commits API documentation and its `Commit`, `CommitDetail`, `CommitStats`,
 * `CommitNote`, `BasicRef`, `CommitSequence`, `CommitSignature` and `CommitStatus` entities.
 *
 * @module
 */

import type { UserBasic } from "./common.ts";
import type { PipelineBasic, PipelineStatus } from "./pipelines.ts";

/**
 * A commit as GitLab embeds it in other objects (a branch's head, a tag's target, a job's commit): GitLab's
 * `Commit` entity without the optional statistics.
 *
 * @example
 * ```ts
 * import type { CommitBasic } from "@gitlab-edge/client";
 * const oneLine = (commit: CommitBasic): string =>
 *   `${commit.short_id} ${commit.title} (${commit.author_name})`;
 * ```
 */
export interface CommitBasic {
  /** The SHA. */
  id: string;
  /** The abbreviated SHA. */
  short_id: string;
  /** The first line of the message. */
  title: string;
  /** The message. */
  message: string;
  /** The author's name. */
  author_name: string;
  /** The author's email. */
  author_email: string;
  /** ISO 8601. */
  authored_date: string;
  /** The committer's name. */
  committer_name: string;
  /** The committer's email. */
  committer_email: string;
  /** ISO 8601. */
  committed_date: string;
  /** ISO 8601. */
  created_at: string;
  /** Parent SHAs. */
  parent_ids: string[];
  /** Git trailers of the message, the last value of each key (e.g. `{ "Merged-By": "…" }`). */
  trailers: Record<string, string>;
  /**
   * Git trailers of the message, every value of each key (e.g. `{ "Signed-off-by": ["…", "…"] }`); sent
   * by recent GitLab versions only (16.x).
   */
  extended_trailers?: Record<string, string[]>;
  /** The commit's page. */
  web_url: string;
}

/**
 * Lines added and removed by a commit.
 *
 * @example
 * ```ts
 * import type { CommitStats } from "@gitlab-edge/client";
 * const churn = (stats: CommitStats): string => `+${stats.additions} -${stats.deletions}`;
 * ```
 */
export interface CommitStats {
  /** Lines added. */
  additions: number;
  /** Lines removed. */
  deletions: number;
  /** Lines added plus lines removed. */
  total: number;
}

/**
 * A commit as `GET /projects/:id/repository/commits` lists it (and as cherry-pick, revert and merge-base
 * answer).
 *
 * @example
 * ```ts
 * import type { Commit } from "@gitlab-edge/client";
 * const churnOf = (commits: Commit[]): number =>
 *   commits.reduce((sum, commit) => sum + (commit.stats?.total ?? 0), 0);
 * ```
 */
export interface Commit extends CommitBasic {
  /** Line counts; only listed with `with_stats: true`. */
  stats?: CommitStats;
}

/**
 * One commit with its pipeline status, as `GET /projects/:id/repository/commits/:sha` and
 * `POST /projects/:id/repository/commits` answer.
 *
 * @example
 * ```ts
 * import type { CommitDetail } from "@gitlab-edge/client";
 * const summary = (commit: CommitDetail): string =>
 *   `${commit.short_id}: ${commit.status ?? "no pipeline"}, +${commit.stats?.additions ?? 0}`;
 * ```
 */
export interface CommitDetail extends Commit {
  /** Line counts; sent unless `stats: false` is asked for. */
  stats?: CommitStats;
  /** The status of the commit's latest pipeline, `null` when it has none. */
  status: PipelineStatus | null;
  /** The project the commit was read from. */
  project_id: number;
  /** The latest pipeline of the commit, `null` when there is none or you cannot see it. */
  last_pipeline: PipelineBasic | null;
}

/**
 * A comment on a commit (`GET /projects/:id/repository/commits/:sha/comments`).
 *
 * @example
 * ```ts
 * import type { CommitNote } from "@gitlab-edge/client";
 * const where = (note: CommitNote): string => note.path ? `${note.path}:${note.line}` : "(whole commit)";
 * ```
 */
export interface CommitNote {
  /** The comment's text. */
  note: string;
  /** The file commented on, `null` for a comment on the whole commit. */
  path: string | null;
  /** The line commented on, `null` for a comment on the whole commit. */
  line: number | null;
  /** Whether the line is of the new (`new`) or old (`old`) side, `null` without a line. */
  line_type: "new" | "old" | null;
  /** Who wrote it. */
  author: UserBasic;
  /** ISO 8601. */
  created_at: string;
}

/**
 * A branch or tag that contains a commit (GitLab's `BasicRef` entity).
 *
 * @example
 * ```ts
 * import type { CommitRef } from "@gitlab-edge/client";
 * const tagsOf = (refs: CommitRef[]): string[] => refs.filter((r) => r.type === "tag").map((r) => r.name);
 * ```
 */
export interface CommitRef {
  /** Whether the ref is a branch or a tag. */
  type: "branch" | "tag";
  /** The branch or tag name. */
  name: string;
}

/**
 * A commit's position in its first-parent history (`GET /projects/:id/repository/commits/:sha/sequence`).
 *
 * @example
 * ```ts
 * import type { CommitSequence } from "@gitlab-edge/client";
 * const isRoot = (s: CommitSequence): boolean => s.count === 1;
 * ```
 */
export interface CommitSequence {
  /** How many commits, this one included, lead to it along first parents. */
  count: number;
}

/**
 * The issuer of an X.509 certificate that signed a commit or tag.
 *
 * @example
 * ```ts
 * import type { X509Issuer } from "@gitlab-edge/client";
 * const issuerName = (issuer: X509Issuer): string => issuer.subject;
 * ```
 */
export interface X509Issuer {
  /** GitLab's id of the issuer. */
  id: number;
  /** The issuer's distinguished name. */
  subject: string;
  /** The issuer's subject key identifier. */
  subject_key_identifier: string;
  /** Where its certificate revocation list is published. */
  crl_url: string;
}

/**
 * An X.509 certificate that signed a commit or tag.
 *
 * @example
 * ```ts
 * import type { X509Certificate } from "@gitlab-edge/client";
 * const usable = (cert: X509Certificate): boolean => cert.certificate_status === "good";
 * ```
 */
export interface X509Certificate {
  /** GitLab's id of the certificate. */
  id: number;
  /** The certificate's distinguished name. */
  subject: string;
  /** The certificate's subject key identifier. */
  subject_key_identifier: string;
  /** The email the certificate was issued for. */
  email: string;
  /** The serial number (a large integer; JSON may lose precision). */
  serial_number: number;
  /** `good` or `revoked`. */
  certificate_status: string;
  /** Who issued it. */
  x509_issuer: X509Issuer;
}

/**
 * A GPG signature of a commit.
 *
 * @example
 * ```ts
 * import type { GpgCommitSignature } from "@gitlab-edge/client";
 * const signer = (s: GpgCommitSignature): string => `${s.gpg_key_user_name} <${s.gpg_key_user_email}>`;
 * ```
 */
export interface GpgCommitSignature {
  /** The kind of signature. */
  signature_type: "PGP";
  /** Known values: `verified`, `unverified`, `same_user_different_email`, `other_user`, `unknown_key`, … */
  verification_status: string;
  /** GitLab's id of the GPG key, `null` when the key is not known to GitLab. */
  gpg_key_id: number | null;
  /** The primary key id. */
  gpg_key_primary_keyid: string;
  /** The key owner's name. */
  gpg_key_user_name: string | null;
  /** The key owner's email. */
  gpg_key_user_email: string | null;
  /** The subkey that signed, `null` when the primary key did. */
  gpg_key_subkey_id: number | null;
  /** Where the signature was read from (`gitaly`). */
  commit_source: string;
}

/**
 * An X.509 (S/MIME) signature of a commit.
 *
 * @example
 * ```ts
 * import type { X509CommitSignature } from "@gitlab-edge/client";
 * const signerEmail = (s: X509CommitSignature): string => s.x509_certificate.email;
 * ```
 */
export interface X509CommitSignature {
  /** The kind of signature. */
  signature_type: "X509";
  /** Known values: `verified`, `unverified`, … */
  verification_status: string;
  /** The certificate that signed. */
  x509_certificate: X509Certificate;
  /** Where the signature was read from (`gitaly`). */
  commit_source: string;
}

/**
 * The SSH key that signed a commit, as GitLab's `SSHKey` entity shows it.
 *
 * @example
 * ```ts
 * import type { SshSigningKey } from "@gitlab-edge/client";
 * const label = (key: SshSigningKey): string => `${key.title} (${key.usage_type})`;
 * ```
 */
export interface SshSigningKey {
  /** The key's id. */
  id: number;
  /** The key's title. */
  title: string;
  /** ISO 8601. */
  created_at: string;
  /** ISO 8601, `null` when it does not expire. */
  expires_at: string | null;
  /** The public key. */
  key: string;
  /** `auth`, `signing` or `auth_and_signing`. */
  usage_type: string;
}

/**
 * An SSH signature of a commit.
 *
 * @example
 * ```ts
 * import type { SshCommitSignature } from "@gitlab-edge/client";
 * const keyTitle = (s: SshCommitSignature): string => s.key?.title ?? "unknown key";
 * ```
 */
export interface SshCommitSignature {
  /** The kind of signature. */
  signature_type: "SSH";
  /** Known values: `verified`, `unverified`, `unknown_key`, `verified_system`, … */
  verification_status: string;
  /** The signing key, `null` when GitLab does not know it. */
  key: SshSigningKey | null;
  /** Where the signature was read from (`gitaly`). */
  commit_source: string;
}

/**
 * A commit's signature (`GET /projects/:id/repository/commits/:sha/signature`); narrow on `signature_type`.
 *
 * @example
 * ```ts
 * import type { CommitSignature } from "@gitlab-edge/client";
 * const signedBy = (s: CommitSignature): string =>
 *   s.signature_type === "PGP"
 *     ? s.gpg_key_primary_keyid
 *     : s.signature_type === "X509"
 *     ? s.x509_certificate.subject
 *     : s.key?.title ?? "?";
 * ```
 */
export type CommitSignature = GpgCommitSignature | X509CommitSignature | SshCommitSignature;

/**
 * A commit status: a pipeline job's, or an external one set with `POST /projects/:id/statuses/:sha`.
 *
 * @example
 * ```ts
 * import type { CommitStatus } from "@gitlab-edge/client";
 * const failing = (statuses: CommitStatus[]): string[] =>
 *   statuses.filter((s) => s.status === "failed" && !s.allow_failure).map((s) => s.name);
 * ```
 */
export interface CommitStatus {
  /** The status's id (a job id). */
  id: number;
  /** The commit. */
  sha: string;
  /** The branch or tag, `null` when not given. */
  ref: string | null;
  /** The state; external statuses use `pending`, `running`, `success`, `failed`, `canceled` or `skipped`. */
  status: PipelineStatus;
  /** The status's name (the job name, `default` for an external status without one). */
  name: string;
  /** A link to details, `null` when not given. */
  target_url: string | null;
  /** A short description, `null` when not given. */
  description: string | null;
  /** ISO 8601. */
  created_at: string;
  /** ISO 8601, `null` before it starts. */
  started_at: string | null;
  /** ISO 8601, `null` before it finishes. */
  finished_at: string | null;
  /** Whether a failure does not fail the pipeline. */
  allow_failure: boolean;
  /** Test coverage in percent, `null` when not reported. */
  coverage: number | null;
  /** The pipeline the status belongs to. */
  pipeline_id: number;
  /** Who created it. */
  author: UserBasic;
}
