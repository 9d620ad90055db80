/**
 * Ordering helpers shared by list handlers: label normalization, timestamp comparison, binary search
 * over id-ordered arrays and the `order_by`/`sort` of issues and merge requests.
 *
 * @module
 */

import { type Params, str } from "./params.ts";

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
}

/** @internal sorts issues or merge requests by `order_by` (default `created_at`) and `sort` (default `desc`). */
export function sortIssuables<T extends Issuable>(rows: T[], q: Params): void {
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
