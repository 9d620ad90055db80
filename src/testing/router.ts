/**
 * The route table: handlers registered by method and path pattern (`/projects/:id/issues`), and the
 * lookup that finds the handler of a request path.
 *
 * @module
 */

import type { RequestContext } from "./context.ts";
import type { Store } from "./store.ts";

/** @internal answers one request. */
export type RouteHandler = (ctx: RequestContext) => Response | Promise<Response>;

/** @internal registers one resource group's handlers on the table, over the shared store. */
export type RouteGroup = (routes: RouteTable, store: Store) => void;

interface Route {
  method: string;
  segments: string[];
  handler: RouteHandler;
}

/** @internal a handler for a method and path, with the raw (still encoded) path parameters. */
export interface RouteMatch {
  /** The handler. */
  handler: RouteHandler;
  /** Path parameters as they appear in the URL. */
  rawParams: Record<string, string>;
}

/** Raw path parameters when `segments` fit the route's pattern, else null. */
function matchSegments(pattern: string[], segments: string[]): Record<string, string> | null {
  if (pattern.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const s = pattern[i];
    if (s.startsWith(":")) {
      if (segments[i] === "") return null;
      params[s.slice(1)] = segments[i];
    } else if (s !== segments[i]) return null;
  }
  return params;
}

/** @internal method + path pattern → handler. */
export class RouteTable {
  #routes: Route[] = [];

  /** Registers `handler` for `method` on `pattern`, e.g. `("GET", "/projects/:id")`. */
  on(method: string, pattern: string, handler: RouteHandler): void {
    this.#routes.push({ method, segments: pattern.replace(/^\//, "").split("/"), handler });
  }

  /**
   * Finds the handler for `method` on a path given as segments after `/api/v4/`; null when none (GitLab's
   * catch-all route then answers 404, also for a known path with another method).
   */
  match(method: string, segments: string[]): RouteMatch | null {
    for (const r of this.#routes) {
      if (r.method !== method) continue;
      const rawParams = matchSegments(r.segments, segments);
      if (rawParams) return { handler: r.handler, rawParams };
    }
    return null;
  }
}
