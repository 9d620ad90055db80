/**
 * The baseline: what a careful user writes with nothing but `fetch`. The same functions are bundled
 * for the size comparison and run for the timings, so both sides do the same work: a token header,
 * `Accept: application/json`, a status check with GitLab's message, JSON parsing, `Link` following and a
 * small retry on 429/5xx.
 *
 * @module
 */

/** A project as far as the benchmark cares. */
export interface RawProject {
  /** The project id. */
  readonly id: number;
}

/**
 * `GET /projects/:id` with plain `fetch`.
 *
 * @example
 * ```ts
 * import { rawGetProject } from "./raw.ts";
 * const project = await rawGetProject("http://127.0.0.1:8080", "glpat-x", "acme/web");
 * ```
 */
export async function rawGetProject(
  baseUrl: string,
  token: string,
  id: string | number,
): Promise<RawProject> {
  const res = await fetch(`${baseUrl}/api/v4/projects/${encodeURIComponent(id)}`, {
    headers: { "PRIVATE-TOKEN": token, accept: "application/json" },
  });
  if (!res.ok) throw new Error(`GET /projects/${id}: ${res.status} ${await res.text()}`);
  return await res.json();
}

/**
 * {@linkcode rawGetProject} with a deadline of its own, as plain `fetch` code writes one: one
 * `AbortController`, one timer, the signal on the request. What a deadline costs the runtime itself.
 */
export async function rawGetProjectWithDeadline(
  baseUrl: string,
  token: string,
  id: string | number,
  ms: number,
): Promise<RawProject> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    const res = await fetch(`${baseUrl}/api/v4/projects/${encodeURIComponent(id)}`, {
      headers: { "PRIVATE-TOKEN": token, accept: "application/json" },
      signal: controller.signal,
    });
    if (!res.ok) throw new Error(`GET /projects/${id}: ${res.status} ${await res.text()}`);
    return await res.json();
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One request with a small retry: 429 and 5xx are retried up to 3 times, honouring `Retry-After`.
 *
 * @example
 * ```ts
 * import { rawFetchRetry } from "./raw.ts";
 * const res = await rawFetchRetry("http://127.0.0.1:8080/api/v4/projects", { "PRIVATE-TOKEN": "glpat-x" });
 * ```
 */
export async function rawFetchRetry(url: string, headers: Record<string, string>): Promise<Response> {
  for (let attempt = 1;; attempt++) {
    const res = await fetch(url, { headers });
    if (attempt >= 4 || (res.status !== 429 && res.status < 500)) return res;
    await res.body?.cancel();
    const after = Number(res.headers.get("retry-after"));
    const ms = after > 0 ? after * 1000 : Math.random() * 500 * 2 ** attempt;
    await new Promise((resolve) => setTimeout(resolve, ms));
  }
}

/**
 * `GET /projects` page by page through the `Link` header, yielding projects.
 *
 * @example
 * ```ts
 * import { rawListProjects } from "./raw.ts";
 * for await (const p of rawListProjects("http://127.0.0.1:8080", "glpat-x", "per_page=100")) console.log(p.id);
 * ```
 */
export async function* rawListProjects(
  baseUrl: string,
  token: string,
  query: string,
): AsyncGenerator<RawProject> {
  const headers = { "PRIVATE-TOKEN": token, accept: "application/json" };
  let url: string | undefined = `${baseUrl}/api/v4/projects?${query}`;
  for (let n = 0; url && n < 100_000; n++) {
    const res = await rawFetchRetry(url, headers);
    if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
    const items: RawProject[] = await res.json();
    url = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get("link") ?? "")?.[1];
    yield* items;
  }
}

/**
 * Offset pagination with `concurrency` pages in flight, in order, from the first page's
 * `X-Total-Pages` (the baseline for `concurrency: 8`).
 *
 * @example
 * ```ts
 * import { rawListProjectsConcurrent } from "./raw.ts";
 * for await (const p of rawListProjectsConcurrent("http://127.0.0.1:8080", "glpat-x", "per_page=100", 8)) {
 *   console.log(p.id);
 * }
 * ```
 */
export async function* rawListProjectsConcurrent(
  baseUrl: string,
  token: string,
  query: string,
  concurrency: number,
): AsyncGenerator<RawProject> {
  const headers = { "PRIVATE-TOKEN": token, accept: "application/json" };
  const url = (page: number) => `${baseUrl}/api/v4/projects?${query}&page=${page}`;
  const get = async (page: number): Promise<RawProject[]> => {
    const res = await rawFetchRetry(url(page), headers);
    if (!res.ok) throw new Error(`GET ${url(page)}: ${res.status} ${await res.text()}`);
    return await res.json();
  };
  const first = await rawFetchRetry(url(1), headers);
  if (!first.ok) throw new Error(`GET ${url(1)}: ${first.status} ${await first.text()}`);
  const total = Number(first.headers.get("x-total-pages") ?? 1);
  const queue: Promise<RawProject[]>[] = [];
  let next = 2;
  const fill = () => {
    while (queue.length < concurrency && next <= total) {
      const p = get(next++);
      p.catch(() => {});
      queue.push(p);
    }
  };
  fill();
  yield* (await first.json()) as RawProject[];
  while (queue.length > 0) {
    const items = await queue.shift()!;
    fill();
    yield* items;
  }
}
