/**
 * Label types, after GitLab's Labels and Group Labels API documentation and its `LabelBasic`, `Label`,
 * `ProjectLabel` and `GroupLabel` entities.
 *
 * @module
 */

/**
 * A label as GitLab embeds it in issues and merge requests listed with `with_labels_details=true`.
 *
 * @example
 * ```ts
 * import type { LabelBasic } from "@gitlab-edge/client";
 * const chip = (label: LabelBasic): string => `${label.name} (${label.color})`;
 * ```
 */
export interface LabelBasic {
  /** The label's id. */
  id: number;
  /** Its name; scoped labels look like `scope::value`. */
  name: string;
  /** Its description (Markdown), if any. */
  description: string | null;
  /** The description rendered as HTML, if there is a description. */
  description_html: string | null;
  /** The colour of the text drawn on the label, e.g. `#FFFFFF`. */
  text_color: string;
  /** The background colour, e.g. `#d9534f`. */
  color: string;
  /** Whether the label is archived; sent only where GitLab's `labels_archive` feature flag is on. */
  archived?: boolean;
}

/**
 * A label with the current user's subscription and, on request, its usage counts.
 *
 * @example
 * ```ts
 * import type { Label } from "@gitlab-edge/client";
 * const unused = (labels: Label[]): Label[] =>
 *   labels.filter((l) => (l.open_issues_count ?? 0) + (l.open_merge_requests_count ?? 0) === 0);
 * ```
 */
export interface Label extends LabelBasic {
  /** Open issues carrying it that the current user can see; only with `with_counts=true`. */
  open_issues_count?: number;
  /** Closed issues carrying it that the current user can see; only with `with_counts=true`. */
  closed_issues_count?: number;
  /** Open merge requests carrying it that the current user can see; only with `with_counts=true`. */
  open_merge_requests_count?: number;
  /** Whether the current user gets notifications about it. */
  subscribed: boolean;
}

/**
 * A label as the project label routes (`/projects/:id/labels`) return it: a project's own label or
 * one inherited from an ancestor group.
 *
 * @example
 * ```ts
 * import { createClient, listProjectLabels, type ProjectLabel } from "@gitlab-edge/client";
 * const client = createClient({
 *   baseUrl: "https://gitlab.example.com",
 *   fetch: () => Promise.resolve(Response.json([])),
 * });
 * const labels: ProjectLabel[] = await listProjectLabels(client, "acme/web", { with_counts: true }).toArray();
 * const prioritized = labels
 *   .filter((l) => l.priority !== null)
 *   .sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
 * console.log(prioritized.map((l) => l.name));
 * ```
 */
export interface ProjectLabel extends Label {
  /** The label's priority in this project (lower comes first), or `null` when not prioritized. */
  priority: number | null;
  /** `true` for a label of the project itself, `false` for one inherited from a group. */
  is_project_label: boolean;
}

/**
 * A label as the group label routes (`/groups/:id/labels`) and label promotion return it.
 *
 * @example
 * ```ts
 * import type { GroupLabel } from "@gitlab-edge/client";
 * const scoped = (labels: GroupLabel[], scope: string): GroupLabel[] =>
 *   labels.filter((l) => l.name.startsWith(`${scope}::`));
 * ```
 */
export type GroupLabel = Label;
