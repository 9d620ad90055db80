/**
 * The peers the benchmark compares with, each used the way its documentation shows, pointed at the same
 * loopback GitLab: `@octokit/core` (`request()` with `baseUrl`, a GitHub client but a generic REST one)
 * and `@gitbeaker/rest` (`Projects.show`, `Projects.all`). Both are devDependencies only.
 *
 * `@octokit/core` has no paginate (that is `@octokit/plugin-paginate-rest`, not installed), so its fastest
 * way to list is a loop over `Link: rel="next"`; neither peer requests pages concurrently. Gitbeaker's
 * client-side rate limiter (3000 requests a minute by default) is lifted so that it measures the client,
 * not the limiter.
 *
 * @module
 */

import { Octokit } from "@octokit/core";
import { Gitlab } from "@gitbeaker/rest";

/** A project as far as the benchmark cares. */
export interface PeerProject {
  /** The project id. */
  readonly id: number;
}

/** What the benchmark runs of one peer. */
export interface Peer {
  /** The peer's name and version, as shown in the table. */
  readonly name: string;
  /** `GET /projects/:id`. */
  getProject(id: string): Promise<PeerProject>;
  /** Every project, `per_page` 100, in id order, by the peer's fastest way. */
  listProjects(): AsyncIterable<PeerProject>;
}

/**
 * Octokit's core pointed at GitLab: `request("GET /projects/{id}")`, the token in `PRIVATE-TOKEN`.
 *
 * @example
 * ```ts ignore
 * import { octokitPeer } from "./peers.ts";
 * const peer = octokitPeer("http://127.0.0.1:8080", "glpat-x");
 * console.log((await peer.getProject("acme/web")).id);
 * ```
 */
export function octokitPeer(baseUrl: string, token: string): Peer {
  const octokit = new Octokit({ baseUrl: `${baseUrl}/api/v4`, userAgent: "bench" });
  const headers = { "private-token": token, accept: "application/json" };
  return {
    name: "octokit",
    async getProject(id) {
      const res = await octokit.request("GET /projects/{id}", { id, headers });
      return res.data as PeerProject;
    },
    async *listProjects() {
      let res = await octokit.request("GET /projects", {
        per_page: 100,
        order_by: "id",
        sort: "asc",
        headers,
      });
      for (let n = 0; n < 100_000; n++) {
        yield* res.data as PeerProject[];
        const next = /<([^>]+)>;\s*rel="next"/.exec(String(res.headers.link ?? ""))?.[1];
        if (!next) return;
        res = await octokit.request({ method: "GET", url: next, headers });
      }
    },
  };
}

/**
 * Gitbeaker: `Projects.show` and `Projects.all` (which follows `Link` itself, one page after another,
 * and resolves with every item at once).
 *
 * @example
 * ```ts ignore
 * import { gitbeakerPeer } from "./peers.ts";
 * const peer = gitbeakerPeer("http://127.0.0.1:8080", "glpat-x");
 * console.log((await peer.getProject("acme/web")).id);
 * ```
 */
export function gitbeakerPeer(baseUrl: string, token: string): Peer {
  const api = new Gitlab({ host: baseUrl, token, rateLimits: { "**": 1e9 } });
  return {
    name: "gitbeaker",
    async getProject(id) {
      return (await api.Projects.show(id)) as unknown as PeerProject;
    },
    async *listProjects() {
      const all = await api.Projects.all({ perPage: 100, orderBy: "id", sort: "asc" });
      yield* all as unknown as PeerProject[];
    },
  };
}
