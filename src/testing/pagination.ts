/**
 * GitLab's offset pagination: pages with `X-Page`, `X-Total`… and a `Link` header; the 405s GitLab answers
 * for keyset requests a list cannot serve and for offset pages too deep on keyset-capable lists.
 *
 * @module
 */

import type { RequestContext } from "./context.ts";
import { int, type Params, str } from "./params.ts";
import { HttpError, jsonResponse } from "./responses.ts";

/** Above this many rows GitLab leaves out `X-Total`, `X-Total-Pages` and `rel="last"`. */
const MAX_TOTAL_HEADERS = 10_000;
const DEFAULT_PER_PAGE = 20;
const MAX_PER_PAGE = 100;
/** GitLab's default `offset_pagination_limit`: deepest row offset pagination reaches on keyset-capable lists. */
export const OFFSET_PAGINATION_LIMIT = 50_000;

/** @internal how an offset-paginated list is limited. */
export interface OffsetOptions {
  /**
   * The record type (e.g. `Project`) when the list also supports keyset pagination: then, as on GitLab,
   * pages reaching past {@linkcode OFFSET_PAGINATION_LIMIT} rows are refused with a 405.
   */
  keysetType?: string;
}

/** @internal `page` and `per_page` as GitLab clamps them. */
export function pageParams(q: Params): { page: number; perPage: number } {
  let perPage = int(q, "per_page") ?? DEFAULT_PER_PAGE;
  if (perPage < 1) perPage = DEFAULT_PER_PAGE;
  if (perPage > MAX_PER_PAGE) perPage = MAX_PER_PAGE;
  let page = int(q, "page") ?? 1;
  if (page < 1) page = 1;
  return { page, perPage };
}

/** @internal the request's URL with query parameters `set` and without those in `drop`. */
export function pageLink(ctx: RequestContext, set: Record<string, string>, drop: string[] = []): string {
  const u = new URL(ctx.url.pathname + ctx.url.search, ctx.url.origin);
  for (const d of drop) u.searchParams.delete(d);
  for (const [k, v] of Object.entries(set)) u.searchParams.set(k, v);
  return u.toString();
}

/** @internal whether the request asks for keyset pagination. */
export function wantsKeyset(q: Params): boolean {
  return str(q, "pagination") === "keyset";
}

/** @internal GitLab's 405 for `pagination=keyset` on a list or an ordering without keyset support. */
export function keysetUnavailable(): HttpError {
  return new HttpError(405, { error: "Keyset pagination is not yet available for this type of request" });
}

/**
 * @internal an offset page with GitLab's `X-*` and `Link` headers. A page past the end is empty and, like Kaminari's
 * out-of-range page, has neither a previous nor a next page.
 */
export function offsetPage<T>(
  ctx: RequestContext,
  total: number,
  at: (i: number) => T,
  render: (t: T) => unknown,
  options: OffsetOptions = {},
): Response {
  const { page, perPage } = pageParams(ctx.params);
  if (options.keysetType !== undefined && page * perPage > OFFSET_PAGINATION_LIMIT) {
    throw new HttpError(405, {
      error: `Offset pagination has a maximum allowed offset of ${OFFSET_PAGINATION_LIMIT} ` +
        `for requests that return objects of type ${options.keysetType}. ` +
        "Remaining records can be retrieved using keyset pagination.",
    });
  }
  const items: unknown[] = [];
  const headers = new Headers();
  const start = (page - 1) * perPage;
  const end = Math.min(total, start + perPage);
  for (let i = start; i < end; i++) items.push(render(at(i)));
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  const hasNext = page * perPage < total;
  const hasPrev = page > 1 && start < total;
  headers.set("x-page", String(page));
  headers.set("x-per-page", String(perPage));
  headers.set("x-prev-page", hasPrev ? String(page - 1) : "");
  headers.set("x-next-page", hasNext ? String(page + 1) : "");
  const links: string[] = [];
  const pp = String(perPage);
  if (hasPrev) links.push(`<${pageLink(ctx, { page: String(page - 1), per_page: pp })}>; rel="prev"`);
  if (hasNext) links.push(`<${pageLink(ctx, { page: String(page + 1), per_page: pp })}>; rel="next"`);
  links.push(`<${pageLink(ctx, { page: "1", per_page: pp })}>; rel="first"`);
  if (total <= MAX_TOTAL_HEADERS) {
    headers.set("x-total", String(total));
    headers.set("x-total-pages", String(totalPages));
    links.push(`<${pageLink(ctx, { page: String(totalPages), per_page: pp })}>; rel="last"`);
  }
  headers.set("link", links.join(", "));
  return jsonResponse(ctx.requestId, 200, items, headers);
}

/**
 * @internal one offset page of an array, for a list without keyset support: `pagination=keyset` is refused
 * with GitLab's 405 rather than answered with made-up cursors.
 */
export function paginateArray<T>(
  ctx: RequestContext,
  rows: readonly T[],
  render: (t: T) => unknown,
): Response {
  if (wantsKeyset(ctx.params)) throw keysetUnavailable();
  return offsetPage(ctx, rows.length, (i) => rows[i], render);
}
