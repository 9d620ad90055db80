/**
 * Tag types, after GitLab's Tags API documentation and its `Tag`, `TagRelease` and `TagSignature` entities.
 *
 * @module
 */

import type { CommitBasic, X509Certificate } from "./commits.ts";

/**
 * The release notes attached to a tag, as embedded in a {@linkcode Tag}.
 *
 * @example
 * ```ts
 * import type { TagRelease } from "@gitlab-edge/client";
 * const notes = (r: TagRelease | null | undefined): string => r?.description ?? "";
 * ```
 */
export interface TagRelease {
  /** The tag's name. */
  tag_name: string;
  /** The release description, in Markdown. */
  description: string | null;
}

/**
 * A Git tag.
 *
 * @example
 * ```ts
 * import { type Client, listProjectRepositoryTags, type Tag } from "@gitlab-edge/client";
 * async function unreleased(client: Client, project: string): Promise<Tag[]> {
 *   const tags: Tag[] = [];
 *   for await (const tag of listProjectRepositoryTags(client, project)) {
 *     if (!tag.release) tags.push(tag);
 *   }
 *   return tags;
 * }
 * ```
 */
export interface Tag {
  /** The tag's name. */
  name: string;
  /** The annotation message, `null` for a lightweight tag. */
  message: string | null;
  /** The SHA the tag points at: the tag object for an annotated tag, the commit for a lightweight one. */
  target: string;
  /** The commit the tag resolves to. */
  commit: CommitBasic;
  /**
   * The release of the tag, `null` when it has none; absent when the current user may not read
   * releases.
   */
  release?: TagRelease | null;
  /** Whether a protected-tag rule matches it. */
  protected: boolean;
  /** When an annotated tag was created (ISO 8601), `null` for a lightweight tag. */
  created_at: string | null;
}

/**
 * A tag's signature (`GET /projects/:id/repository/tags/:tag_name/signature`). GitLab verifies X.509
 * signatures of tags only.
 *
 * @example
 * ```ts
 * import type { TagSignature } from "@gitlab-edge/client";
 * const signer = (s: TagSignature): string => s.x509_certificate?.email ?? s.signature_type;
 * ```
 */
export interface TagSignature {
  /** The kind of signature, e.g. `X509`. */
  signature_type: string;
  /** Known values: `verified`, `unverified`, …; sent for `X509` signatures. */
  verification_status?: string;
  /** The certificate that signed; sent for `X509` signatures. */
  x509_certificate?: X509Certificate;
}
