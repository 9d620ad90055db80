/**
 * Turns an API request into a response: finds the route, decodes path parameters, authenticates,
 * merges query and body parameters, runs the handler and maps thrown errors to GitLab's error bodies.
 *
 * @module
 */

import { authenticate } from "./auth.ts";
import type { RequestContext } from "./context.ts";
import { graphqlResponse } from "./graphql.ts";
import { decodeParams, readBodyParams } from "./params.ts";
import { HttpError, jsonResponse, routeNotFound } from "./responses.ts";
import type { RouteTable } from "./router.ts";
import type { Store } from "./store.ts";

const API_PREFIX = "/api/v4/";

/** Path segments after `/api/v4/`, without a trailing empty one. */
function apiSegments(url: URL): string[] {
  const segments = url.pathname.slice(API_PREFIX.length).split("/");
  if (segments.length > 1 && segments[segments.length - 1] === "") segments.pop();
  return segments;
}

/**
 * Runs the matching handler; throws {@linkcode HttpError}s for unknown routes and bad requests. Like GitLab's
 * `route :any, '*path'`, any method and path no route answers gets 404 `{"error":"404 Not Found"}`.
 */
async function route(
  store: Store,
  routes: RouteTable,
  req: Request,
  url: URL,
  method: string,
  requestId: string,
): Promise<Response> {
  if (!url.pathname.startsWith(API_PREFIX)) throw routeNotFound();
  const match = routes.match(method === "HEAD" ? "GET" : method, apiSegments(url));
  if (!match) throw routeNotFound();
  const pathParams: Record<string, string> = {};
  for (const [k, v] of Object.entries(match.rawParams)) {
    try {
      pathParams[k] = decodeURIComponent(v);
    } catch {
      throw routeNotFound();
    }
  }
  const { user, token } = authenticate(store, req, url, method);
  const params = decodeParams(url.searchParams);
  if (method !== "GET" && method !== "HEAD") {
    const body = await readBodyParams(req);
    for (const [k, v] of Object.entries(body)) params[k] = v;
  }
  const ctx: RequestContext = {
    store,
    // links point where the request was sent, unless the options set GitLab's external URL
    webUrl: store.externalUrl ?? url.origin,
    req,
    url,
    method,
    pathParams,
    params,
    user,
    token,
    requestId,
  };
  return await match.handler(ctx);
}

/** @internal answers an API request (never throws: errors become GitLab-shaped responses). */
export async function dispatch(
  store: Store,
  routes: RouteTable,
  req: Request,
  url: URL,
  method: string,
  requestId: string,
): Promise<Response> {
  let res: Response;
  try {
    res = url.pathname === "/api/graphql"
      ? await graphqlResponse(store, req, url, method, requestId, store.externalUrl ?? url.origin)
      : await route(store, routes, req, url, method, requestId);
  } catch (e) {
    if (e instanceof HttpError) res = jsonResponse(requestId, e.status, e.body, e.headers);
    else if (e instanceof SyntaxError) {
      res = jsonResponse(requestId, 400, { error: "400 Bad request - JSON parse error" });
    } else res = jsonResponse(requestId, 500, { message: "500 Internal Server Error" });
  }
  if (method === "HEAD" && res.body !== null) {
    await res.body.cancel();
    res = new Response(null, { status: res.status, headers: res.headers });
  }
  return res;
}
