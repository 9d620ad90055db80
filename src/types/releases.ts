/**
 * Release types, after GitLab's Releases and Release Links API documentation and its `BasicReleaseDetails`,
 * `Release`, `Releases::Link`, `Releases::Source`, `Releases::Evidence` and `MilestoneWithStats` entities.
 *
 * @module
 */

import type { MilestoneBasic, UserBasic } from "./common.ts";
import type { CommitBasic } from "./commits.ts";

/**
 * The kinds of release asset links.
 *
 * @example
 * ```ts
 * import type { ReleaseLinkType } from "@gitlab-edge/client";
 * const icon = (t: ReleaseLinkType): string => ({ other: "📎", runbook: "📘", image: "🖼", package: "📦" })[t];
 * ```
 */
export type ReleaseLinkType = "other" | "runbook" | "image" | "package";

/**
 * An asset link of a release (GitLab's `Releases::Link`).
 *
 * @example
 * ```ts
 * import type { ReleaseLink } from "@gitlab-edge/client";
 * const packages = (links: ReleaseLink[]): string[] =>
 *   links.filter((l) => l.link_type === "package").map((l) => l.direct_asset_url);
 * ```
 */
export interface ReleaseLink {
  /** The link's id. */
  id: number;
  /** Its name, unique within the release. */
  name: string;
  /** The URL it points to. */
  url: string;
  /** A permanent GitLab URL that redirects to `url` (uses the direct asset path when one is set). */
  direct_asset_url: string;
  /** The kind of asset. */
  link_type: ReleaseLinkType;
  /** Whether `url` is outside this GitLab; sent by older GitLab versions only. */
  external?: boolean;
}

/**
 * A source-code archive of a release.
 *
 * @example
 * ```ts
 * import type { ReleaseSource } from "@gitlab-edge/client";
 * const zipOf = (sources: ReleaseSource[]): string | undefined => sources.find((s) => s.format === "zip")?.url;
 * ```
 */
export interface ReleaseSource {
  /** The archive format: `zip`, `tar.gz`, `tar.bz2` or `tar`. */
  format: string;
  /** The archive's URL. */
  url: string;
}

/**
 * A snapshot of a release's data collected as evidence.
 *
 * @example
 * ```ts
 * import type { ReleaseEvidence } from "@gitlab-edge/client";
 * const latest = (e: ReleaseEvidence[]): string | undefined => e.at(-1)?.collected_at;
 * ```
 */
export interface ReleaseEvidence {
  /** The SHA-256 of the evidence. */
  sha: string;
  /** Where to download the evidence JSON. */
  filepath: string;
  /** ISO 8601. */
  collected_at: string;
}

/**
 * Issue counts of a milestone.
 *
 * @example
 * ```ts
 * import type { MilestoneIssueStats } from "@gitlab-edge/client";
 * const progress = (s: MilestoneIssueStats): number => s.total === 0 ? 1 : s.closed / s.total;
 * ```
 */
export interface MilestoneIssueStats {
  /** Issues in the milestone. */
  total: number;
  /** Closed issues in the milestone. */
  closed: number;
}

/**
 * A milestone with its issue counts, as embedded in a {@linkcode Release}.
 *
 * @example
 * ```ts
 * import type { MilestoneWithStats } from "@gitlab-edge/client";
 * const open = (m: MilestoneWithStats): number => m.issue_stats.total - m.issue_stats.closed;
 * ```
 */
export interface MilestoneWithStats extends MilestoneBasic {
  /** Whether its due date has passed. */
  expired: boolean | null;
  /** Issue counts. */
  issue_stats: MilestoneIssueStats;
}

/**
 * The assets of a release.
 *
 * @example
 * ```ts
 * import type { ReleaseAssets } from "@gitlab-edge/client";
 * const urls = (a: ReleaseAssets): string[] => a.links.map((l) => l.url);
 * ```
 */
export interface ReleaseAssets {
  /** How many assets: source archives plus links. */
  count: number;
  /** The source archives; absent when the current user may not read the code. */
  sources?: ReleaseSource[];
  /** The asset links. */
  links: ReleaseLink[];
}

/**
 * Related pages of a release; each is absent when GitLab has none for the current user.
 *
 * @example
 * ```ts
 * import type { ReleaseUrls } from "@gitlab-edge/client";
 * const page = (u: ReleaseUrls): string | undefined => u.self;
 * ```
 */
export interface ReleaseUrls {
  /** The release's page. */
  self?: string;
  /** The page to edit the release. */
  edit_url?: string;
  /** Closed issues of the release's milestones. */
  closed_issues_url?: string;
  /** Closed merge requests of the release's milestones. */
  closed_merge_requests_url?: string;
  /** Merged merge requests of the release's milestones. */
  merged_merge_requests_url?: string;
  /** Open issues of the release's milestones. */
  opened_issues_url?: string;
  /** Open merge requests of the release's milestones. */
  opened_merge_requests_url?: string;
}

/**
 * The few fields of a release that `GET /groups/:id/releases` sends with `simple: true`.
 *
 * @example
 * ```ts
 * import type { BasicReleaseDetails } from "@gitlab-edge/client";
 * const label = (r: BasicReleaseDetails): string => `${r.name ?? r.tag_name}${r.upcoming_release ? " (upcoming)" : ""}`;
 * ```
 */
export interface BasicReleaseDetails {
  /** The release's title, `null` when not set. */
  name: string | null;
  /** The tag the release is for. */
  tag_name: string;
  /** The release notes, in Markdown. */
  description: string | null;
  /** ISO 8601. */
  created_at: string;
  /** When it is or was released, ISO 8601. */
  released_at: string;
  /** Whether `released_at` is in the future. */
  upcoming_release: boolean;
}

/**
 * A release.
 *
 * @example
 * ```ts
 * import { type Client, listProjectReleases, type Release } from "@gitlab-edge/client";
 * async function withPackages(client: Client, project: string): Promise<Release[]> {
 *   const found: Release[] = [];
 *   for await (const release of listProjectReleases(client, project)) {
 *     if (release.assets.links.some((l) => l.link_type === "package")) found.push(release);
 *   }
 *   return found;
 * }
 * ```
 */
export interface Release extends BasicReleaseDetails {
  /** The notes rendered to HTML; only with `include_html_description: true`. */
  description_html?: string;
  /** Who created it; absent when the author no longer exists. */
  author?: UserBasic;
  /** The tagged commit; absent when the current user may not read the code. */
  commit?: CommitBasic;
  /** Milestones of the release; absent when there are none or the current user may not read them. */
  milestones?: MilestoneWithStats[];
  /** The tagged commit's path (without host); absent when the current user may not read the code. */
  commit_path?: string;
  /** The tag's path (without host); absent when the current user may not read the code. */
  tag_path?: string;
  /** Source archives and asset links. */
  assets: ReleaseAssets;
  /** Collected evidence; absent when the current user may not read the code. */
  evidences?: ReleaseEvidence[];
  /** Related pages. */
  _links: ReleaseUrls;
}
