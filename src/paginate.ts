/**
 * Lists as async iterators over GitLab's offset and keyset pagination. One page is held at a time.
 *
 * The next page comes from `Link: <…>; rel="next"` (offset and keyset alike), else from
 * `X-Next-Page`. Iteration stops when neither is present, on a next link already visited, or at
 * `maxPages` / `maxItems`. A next link on another origin is rebased onto `baseUrl`'s origin (GitLab
 * behind a proxy often advertises its internal address), so requests and credentials never leave it.
 *
 * @module
 */

import { type Client, exchange, type RequestOptions } from "./client.ts";
import { GitLabError, GitLabHTTPError, redactUrl } from "./errors.ts";
import { anySignal, follow } from "./middleware/timeout.ts";
import { readJson } from "./response.ts";

/**
 * Per-call options of every list function, on top of {@linkcode RequestOptions}.
 *
 * @example
 * ```ts
 * import type { ListOptions } from "@gitlab-edge/client";
 * // Up to 8 pages in flight when GitLab reports totals; the first 2,000 items only.
 * const options: ListOptions = { concurrency: 8, maxItems: 2000 };
 * ```
 */
export interface ListOptions extends RequestOptions {
  /** Stop after this many pages. */
  readonly maxPages?: number;
  /** Stop after this many items. */
  readonly maxItems?: number;
  /**
   * Pages requested at once, 1 to 16 (default 1: one page after another). When the first page reports
   * `X-Total-Pages` (offset pagination, up to 10,000 items), the following pages are requested by number
   * with up to this many in flight, and still yielded in order. Without totals (keyset pagination, or
   * more than 10,000 items) the next page is prefetched instead, as with `prefetch: true`. At most this
   * many pages are held at once, no page beyond `maxPages` / `maxItems` is requested, and a `break` or an
   * abort cancels every request still in flight.
   */
  readonly concurrency?: number;
  /**
   * Requests the next page while your loop works on the current one (one page ahead; default `false`).
   * A `break` or an abort cancels the request in flight.
   */
  readonly prefetch?: boolean;
}

/**
 * GitLab's pagination parameters, accepted by every list function.
 *
 * @example
 * ```ts
 * import type { PaginationParams } from "@gitlab-edge/client";
 * // Keyset pagination, 100 items a page (list functions also need `order_by: "id"` for it).
 * const pagination: PaginationParams = { pagination: "keyset", per_page: 100 };
 * ```
 */
export interface PaginationParams {
  /** Items per page, 1 to 100 (GitLab's default is 20). */
  readonly per_page?: number;
  /** The first page to fetch (offset pagination). */
  readonly page?: number;
  /** `"keyset"` for keyset pagination where the endpoint supports it (with `order_by` and `sort`). */
  readonly pagination?: "keyset" | "offset";
}

/**
 * One page of a list, with the totals GitLab sent (absent above 10,000 items and in keyset mode).
 *
 * @example
 * ```ts
 * import { createClient, type Issue, listProjectIssues, type Page } from "@gitlab-edge/client";
 * import { createSimulator } from "@gitlab-edge/client/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: createSimulator().fetch });
 * const progress = (page: Page<Issue>): string =>
 *   `page ${page.page} of ${page.totalPages ?? "?"}: ${page.items.length} of ${page.total ?? "?"} issues`;
 * for await (const page of listProjectIssues(client, "acme/web", { per_page: 2 }).pages()) {
 *   console.log(progress(page));
 * }
 * ```
 */
export interface Page<T> {
  /** The items of this page. */
  readonly items: T[];
  /** `X-Page`. */
  readonly page: number | undefined;
  /** `X-Per-Page`. */
  readonly perPage: number | undefined;
  /** `X-Total`: the number of items in all pages, when GitLab counted them. */
  readonly total: number | undefined;
  /** `X-Total-Pages`. */
  readonly totalPages: number | undefined;
  /** `X-Next-Page`. */
  readonly nextPage: number | undefined;
  /** `X-Prev-Page`. */
  readonly prevPage: number | undefined;
  /** The URL of the next page, if any. */
  readonly next: string | undefined;
  /** `X-Request-Id`. */
  readonly requestId: string | undefined;
}

/**
 * What every list function returns: iterate it with `for await` for items, call `pages()` for pages
 * with their totals, `count()` for the total via one `HEAD` request.
 *
 * @example
 * ```ts
 * import { createClient, listProjects, type Paginated, type Project } from "@gitlab-edge/client";
 * import { createSimulator } from "@gitlab-edge/client/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: createSimulator().fetch });
 * const projects: Paginated<Project> = listProjects(client, { per_page: 50 });
 * console.log((await projects.count()).total); // the total, from one HEAD request
 * for await (const project of projects) console.log(project.path_with_namespace);
 * ```
 */
export interface Paginated<T> extends AsyncIterable<T> {
  /** Iterates page by page. */
  pages(): AsyncIterableIterator<Page<T>>;
  /**
   * How many items there are, from one `HEAD` request: exact when GitLab counted them (`X-Total`), or
   * `exact: false` when GitLab stopped counting (it sends no total above 10,000 items). A list GitLab does
   * not paginate is counted by reading it.
   */
  count(): Promise<ListCount>;
  /** Collects every item into an array (mind `maxItems` on large lists). */
  toArray(): Promise<T[]>;
}

/**
 * What {@linkcode Paginated.count} found out.
 *
 * @example
 * ```ts
 * import { createClient, listProjects, type ListCount } from "@gitlab-edge/client";
 * import { createSimulator } from "@gitlab-edge/client/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: createSimulator().fetch });
 * const count: ListCount = await listProjects(client).count();
 * console.log(count.exact ? `${count.total} projects` : `more than ${count.atLeast - 1} projects`);
 * ```
 */
export interface ListCount {
  /** The number of items, when GitLab counted them; `undefined` when it stopped counting. */
  readonly total: number | undefined;
  /** Whether `total` is exact; `false` when GitLab stopped counting (above 10,000 items). */
  readonly exact: boolean;
  /** A lower bound: `total` when exact, else 10,001. */
  readonly atLeast: number;
}

/** GitLab stops counting a list above this many items. */
const COUNT_LIMIT = 10_000;

/** A page as received: its URL, its items and the response headers. */
interface Loaded {
  readonly url: string;
  readonly items: unknown[];
  readonly headers: Headers;
}

/** Everything needed to send the first page request and the ones after it. */
export interface ListCall {
  /** The function name, for error messages. */
  readonly fn: string;
  /** The first page's URL. */
  readonly url: string;
  /**
   * The first page's URL when iterating, if it differs from `url` (keyset pagination chosen for the
   * caller); `url` is used again should GitLab refuse it with a 405.
   */
  readonly iterateUrl?: string;
  /** Builds a GET (or HEAD) request for a page URL. */
  readonly request: (url: string, method?: string, deadline?: AbortSignal, direct?: boolean) => Request;
  /** The call's options. */
  readonly options: ListOptions;
}

/**
 * Builds the paginated result of a list call. Nothing is sent until iteration starts.
 *
 * @example
 * ```ts
 * import { createClient } from "@gitlab-edge/client";
 * import { paginate } from "./paginate.ts";
 * const client = createClient({
 *   baseUrl: "https://gitlab.example.com",
 *   fetch: () => Promise.resolve(new Response("[1,2]", { headers: { "x-total": "2" } })),
 * });
 * const url = client.baseUrl + "/projects";
 * const list = paginate<number>(client, { fn: "example", url, request: (u) => new Request(u), options: {} });
 * await list.toArray(); // [1, 2]
 * ```
 */
export function paginate<T>(client: Client, call: ListCall): Paginated<T> {
  const { maxPages = Infinity, maxItems = Infinity, concurrency = 1, prefetch = false } = call.options;
  checkLimit(call.fn, "maxPages", maxPages);
  checkLimit(call.fn, "maxItems", maxItems);
  if (concurrency !== 1 && (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16)) {
    throw new RangeError(
      `${call.fn}(): option "concurrency" must be an integer from 1 to 16, got ${String(concurrency)}`,
    );
  }
  if (typeof prefetch !== "boolean") {
    throw new TypeError(`${call.fn}(): option "prefetch" must be true or false`);
  }
  // Pages held at once: the one being consumed and those requested ahead of it.
  const window = concurrency > 1 ? concurrency : prefetch ? 2 : 1;
  function load(url: string, signal: AbortSignal | undefined): Promise<Loaded> {
    return exchange(
      client,
      (deadline, direct) => call.request(url, "GET", anySignal(signal, deadline), direct),
      call.options,
      async (response, d) => {
        if (signal?.aborted) {
          await response.body?.cancel().catch(() => {});
          throw signal.reason;
        }
        const items = await readJson(response, "GET", url, d?.signal, client.maxResponseBytes);
        if (!Array.isArray(items)) {
          throw new GitLabError("expected a JSON array from a list endpoint", { method: "GET", url });
        }
        return { url, items, headers: response.headers };
      },
    );
  }
  /** The pages in order; with `full`, each as a {@linkcode Page}, else only its items (all `items()` needs). */
  async function* walk(full: boolean): AsyncIterableIterator<Page<T> | T[]> {
    // Requests ahead of the consumer share one controller, aborted when iteration ends in any way.
    const stop = window > 1 ? new AbortController() : undefined;
    const user = call.options.signal;
    // The caller's signal (often long-lived) holds nothing once the iteration ends.
    const unfollow = stop ? follow(user, stop) : () => {};
    const signal = stop?.signal;
    const queue: Promise<Loaded>[] = []; // requested and not yet yielded, in page order
    const seen = new Set<string>();
    let requested = 0;
    let remaining = maxItems;
    let numbered: { url: URL; next: number; last: number } | undefined;
    const request = (url: string): void => {
      const loading = load(url, signal);
      loading.catch(() => {}); // an error surfaces when its page's turn comes, or never if not reached
      queue.push(loading);
      requested++;
    };
    const fill = (size: number): void => {
      for (; numbered && queue.length < size && numbered.next <= numbered.last; numbered.next++) {
        numbered.url.searchParams.set("page", String(numbered.next));
        request(numbered.url.href);
      }
    };
    try {
      const first = call.iterateUrl ?? call.url;
      seen.add(first);
      if (first === call.url) request(first);
      else if (concurrency > 1) {
        // Pages requested by number need offset pagination's totals: ask for the first page that way. Without
        // totals (more items than GitLab counts), start over with keyset pagination, which goes on past the
        // rows offset pagination allows; should GitLab refuse that (405), go on with the offset page.
        seen.add(call.url);
        const probe = load(call.url, signal).then((page) => {
          if (page.headers.has("x-total-pages")) return page;
          return load(first, signal).catch((e: unknown) => {
            if (!(e instanceof GitLabHTTPError) || e.status !== 405) throw e;
            return page;
          });
        });
        probe.catch(() => {});
        queue.push(probe);
        requested++;
      } else {
        // Keyset pagination chosen for the caller: an older GitLab (or one that refuses it for this
        // ordering) answers 405, and the list is read with offset pagination instead.
        const keyset = load(first, signal).catch((e: unknown) => {
          if (!(e instanceof GitLabHTTPError) || e.status !== 405) throw e;
          seen.add(call.url);
          return load(call.url, signal);
        });
        keyset.catch(() => {});
        queue.push(keyset);
        requested++;
      }
      for (let first = true; queue.length > 0; first = false) {
        signal?.throwIfAborted(); // aborted while the consumer held the last page: send nothing more
        fill(window);
        const { url, items, headers: h } = await queue.shift()!;
        const next = nextUrl(client, h, url);
        if (items.length > remaining) items.length = remaining;
        remaining -= items.length;
        let follow: string | undefined;
        if (remaining <= 0 || items.length === 0) {
          stop?.abort(); // nothing more is needed: cancel what is in flight before handing this page out
          queue.length = 0;
        } else if (numbered === undefined) {
          const totalPages = int(h.get("x-total-pages"));
          const page = int(h.get("x-page")) ?? 1;
          if (first && concurrency > 1 && totalPages !== undefined && totalPages > page) {
            const perPage = int(h.get("x-per-page")) || items.length;
            const last = Math.min(totalPages, page + maxPages - 1, page + Math.ceil(remaining / perPage));
            numbered = { url: new URL(url), next: page + 1, last };
            fill(window - 1);
          } else if (next !== undefined && !seen.has(next) && requested < maxPages) {
            seen.add(next);
            follow = next;
            if (window > 1) request(next);
          }
        }
        yield !full ? items as T[] : {
          items: items as T[],
          page: int(h.get("x-page")),
          perPage: int(h.get("x-per-page")),
          total: int(h.get("x-total")),
          totalPages: int(h.get("x-total-pages")),
          nextPage: int(h.get("x-next-page")),
          prevPage: int(h.get("x-prev-page")),
          next,
          requestId: h.get("x-request-id") ?? undefined,
        };
        if (follow !== undefined && window === 1) request(follow);
      }
    } finally {
      unfollow();
      stop?.abort();
    }
  }
  const pages = walk.bind(undefined, true) as () => AsyncIterableIterator<Page<T>>;
  async function* items(): AsyncIterableIterator<T> {
    for await (const page of walk(false) as AsyncIterableIterator<T[]>) yield* page;
  }
  return {
    pages,
    [Symbol.asyncIterator]: items,
    async count(): Promise<ListCount> {
      // Offset pagination's headers carry the totals: ask without keyset.
      const u = new URL(call.url);
      u.searchParams.delete("pagination");
      const url = u.href;
      const counted = await exchange(
        client,
        (d, direct) => call.request(url, "HEAD", d, direct),
        call.options,
        async (r, d) => {
          await readJson(r, "HEAD", url, d?.signal, client.maxResponseBytes);
          const h = r.headers;
          const total = int(h.get("x-total"));
          if (total !== undefined) return { total, exact: true, atLeast: total };
          if (h.has("x-per-page") || h.has("x-page") || h.has("x-next-page") || h.has("link")) {
            return { total: undefined, exact: false, atLeast: COUNT_LIMIT + 1 };
          }
          return undefined; // not paginated: read it
        },
      );
      if (counted) return counted;
      let n = 0;
      for await (const _ of items()) n++;
      return { total: n, exact: true, atLeast: n };
    },
    async toArray() {
      const all: T[] = [];
      for await (const item of items()) all.push(item);
      return all;
    },
  };
}

/**
 * The next page's URL from `Link` (rel="next") or `X-Next-Page`, rebased onto `baseUrl`'s origin.
 *
 * @example
 * ```ts
 * import { createClient } from "@gitlab-edge/client";
 * import { nextUrl } from "@gitlab-edge/client";
 * const client = createClient({ baseUrl: "https://gitlab.example.com" });
 * const headers = new Headers({ link: '<https://gitlab.example.com/api/v4/projects?page=2>; rel="next"' });
 * nextUrl(client, headers, client.baseUrl + "/projects"); // "https://gitlab.example.com/api/v4/projects?page=2"
 * ```
 */
export function nextUrl(client: Client, headers: Headers, current: string): string | undefined {
  const link = headers.get("link");
  let next = link ? parseLink(link).next : undefined;
  if (next === undefined) {
    const page = headers.get("x-next-page");
    if (!page || !/^\d+$/.test(page.trim())) return undefined;
    const u = new URL(current);
    u.searchParams.set("page", page.trim());
    return u.href;
  }
  let u: URL;
  try {
    u = new URL(next, current);
  } catch {
    throw new GitLabError(`invalid pagination link (${redactUrl(next)}) refused`, {
      method: "GET",
      url: current,
    });
  }
  const base = String(client.baseUrl);
  const basePath = base.startsWith(client.origin + "/")
    ? base.slice(client.origin.length)
    : new URL(base).pathname;
  if (!(u.pathname + "/").startsWith(basePath + "/")) {
    throw new GitLabError(`pagination link leaves the API root ${basePath}`, { method: "GET", url: current });
  }
  next = client.origin + u.pathname + u.search;
  return next;
}

/**
 * Parses an HTTP `Link` header into a map from `rel` to URL. URLs may contain commas (GitLab's do,
 * e.g. `labels=a,b`), so entries are read by their `<…>` brackets; parameter values may be quoted
 * (`title="a, b"`). The first link for a relation wins. One pass over the header, whatever it holds.
 *
 * @example
 * ```ts
 * import { parseLink } from "@gitlab-edge/client";
 * parseLink('<https://h/api/v4/x?labels=a,b&page=2>; rel="next", <https://h/api/v4/x?page=1>; rel="first"').next;
 * // "https://h/api/v4/x?labels=a,b&page=2"
 * ```
 */
export function parseLink(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  const n = header.length;
  const space = (i: number): number => {
    while (i < n && (header[i] === " " || header[i] === "\t")) i++;
    return i;
  };
  // Every index only moves forward: each character is looked at a bounded number of times.
  for (let i = 0; i < n;) {
    const lt = header.indexOf("<", i);
    if (lt < 0) break;
    const gt = header.indexOf(">", lt + 1);
    if (gt < 0) break; // no later link can be complete either
    const url = header.slice(lt + 1, gt);
    let rel: string | undefined;
    let j = gt + 1;
    for (;;) {
      j = space(j);
      if (header[j] !== ";") break;
      j = space(j + 1);
      const name = j;
      while (j < n && !' \t=;,<"'.includes(header[j])) j++;
      const key = header.slice(name, j).toLowerCase();
      j = space(j);
      let value = "";
      if (header[j] === "=") {
        j = space(j + 1);
        if (header[j] === '"') {
          const parts: string[] = [];
          let from = ++j;
          for (; j < n && header[j] !== '"'; j++) {
            if (header[j] === "\\") {
              parts.push(header.slice(from, j));
              from = ++j; // the escaped character is kept as it is
            }
          }
          parts.push(header.slice(from, Math.min(j, n)));
          value = parts.join("");
          if (j < n) j++; // the closing quote
        } else {
          const from = j;
          while (j < n && !" \t;,<".includes(header[j])) j++;
          value = header.slice(from, j);
        }
      }
      if (key === "rel" && rel === undefined) rel = value;
    }
    if (rel !== undefined) {
      for (const r of rel.toLowerCase().split(/[ \t]+/)) {
        if (r !== "" && !Object.hasOwn(out, r)) {
          Object.defineProperty(out, r, { value: url, enumerable: true, writable: true, configurable: true });
        }
      }
    }
    i = Math.max(j, gt + 1);
  }
  return out;
}

function int(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value);
}

function checkLimit(fn: string, name: string, value: unknown): void {
  if (value === Infinity) return;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new RangeError(
      `${fn}(): option "${name}" must be a positive integer, got ${
        typeof value === "number" ? value : typeof value
      }`,
    );
  }
}
