/**
 * Ordering helpers shared by list handlers: label normalization, timestamp comparison, binary search
 * over id-ordered arrays and the `order_by`/`sort` of issues and merge requests.
 *
 * @module
 */

import { list, type Params, str } from "./params.ts";

/** @internal labels trimmed, de-duplicated and sorted case-insensitively, as GitLab returns them. */
export function normalizeLabels(labels: string[]): string[] {
  return [...new Set(labels.map((l) => l.trim()).filter((l) => l !== ""))].sort((a, b) =>
    a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0
  );
}

/** @internal compares two ISO timestamps. */
export function isoCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** @internal first index in ascending-by-id `arr` whose id is greater than `id`. */
export function upperBound(arr: readonly { id: number }[], id: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid].id <= id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** @internal first index in ascending-by-id `arr` whose id is >= `id`. */
export function lowerBound(arr: readonly { id: number }[], id: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid].id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** @internal what issues and merge requests are sorted by. */
export interface Issuable {
  /** Global id (tie-breaker). */
  id: number;
  /** ISO creation time. */
  createdAt: string;
  /** ISO update time. */
  updatedAt: string;
  /** Title. */
  title: string;
  /** Due date (`due_date` order; issues). */
  dueDate?: string | null;
  /** ISO merge time (`merged_at` order; merge requests). */
  mergedAt?: string | null;
}

/**
 * @internal sorts issues or merge requests by `order_by` (default `created_at`) and `sort` (default `desc`).
 * `due_date` and `merged_at` put records without one last in either direction, as GitLab's `NULLS LAST`;
 * orders the simulator has no data for (`popularity`, `priority`, `label_priority`, `milestone_due`,
 * `relative_position`, `weight`) fall back to the creation time.
 */
export function sortIssuables<T extends Issuable>(rows: T[], q: Params): void {
  const orderBy = str(q, "order_by") ?? "created_at";
  const desc = (str(q, "sort") ?? "desc").toLowerCase() !== "asc";
  const key = (x: T): string | number | null =>
    orderBy === "updated_at"
      ? x.updatedAt
      : orderBy === "title"
      ? x.title.toLowerCase()
      : orderBy === "id"
      ? x.id
      : orderBy === "due_date"
      ? x.dueDate ?? null
      : orderBy === "merged_at"
      ? x.mergedAt ?? null
      : x.createdAt;
  rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === null || kb === null) {
      if (ka === kb) return desc ? b.id - a.id : a.id - b.id;
      return ka === null ? 1 : -1;
    }
    const c = ka < kb ? -1 : ka > kb ? 1 : a.id - b.id;
    return desc ? -c : c;
  });
}

/**
 * @internal the labels after an edit of an issue or a merge request: `labels` replaces them, then
 * `add_labels` adds and `remove_labels` removes (case-insensitively), as GitLab applies them.
 */
export function editedLabels(current: readonly string[], q: Params): string[] {
  let labels = q.labels !== undefined ? normalizeLabels(list(q, "labels") ?? []) : [...current];
  const add = list(q, "add_labels");
  if (add) labels = normalizeLabels([...labels, ...add]);
  const remove = list(q, "remove_labels");
  if (remove) {
    const r = new Set(remove.map((l) => l.toLowerCase()));
    labels = labels.filter((l) => !r.has(l.toLowerCase()));
  }
  return labels;
}

/**
 * @internal the `created_after`, `created_before`, `updated_after` and `updated_before` filters of issue
 * and merge request lists (bounds included), as one test of a record's times.
 */
export function inDateRange(q: Params): (r: { createdAt: string; updatedAt: string }) => boolean {
  const createdAfter = str(q, "created_after");
  const createdBefore = str(q, "created_before");
  const updatedAfter = str(q, "updated_after");
  const updatedBefore = str(q, "updated_before");
  return (r) =>
    !(createdAfter && isoCompare(r.createdAt, createdAfter) < 0) &&
    !(createdBefore && isoCompare(r.createdAt, createdBefore) > 0) &&
    !(updatedAfter && isoCompare(r.updatedAt, updatedAfter) < 0) &&
    !(updatedBefore && isoCompare(r.updatedAt, updatedBefore) > 0);
}
