/**
 * What renderers and handlers are given: the store, the web URL to build links with, and for handlers
 * the request, its decoded parameters and the authenticated user.
 *
 * @module
 */

import type { Params } from "./params.ts";
import type { TokenRec, UserRec } from "./records.ts";
import type { Store } from "./store.ts";

/** @internal what a renderer needs: the store (to resolve ids) and the base web URL for links. */
export interface RenderContext {
  /** Shared state. */
  readonly store: Store;
  /** Base web URL, e.g. `https://gitlab.example.com` (no trailing slash). */
  readonly webUrl: string;
}

/** @internal one API request as a handler sees it. */
export interface RequestContext extends RenderContext {
  /** The request. */
  readonly req: Request;
  /** Its parsed URL. */
  readonly url: URL;
  /** Upper-cased method (`HEAD` stays `HEAD`). */
  readonly method: string;
  /** Decoded path parameters, e.g. `{ id: "acme/web" }` for `/projects/:id`. */
  readonly pathParams: Record<string, string>;
  /** Query parameters merged with body parameters. */
  readonly params: Params;
  /** Authenticated user (after sudo), or null when anonymous. */
  readonly user: UserRec | null;
  /** Token used, or null when anonymous. */
  readonly token: TokenRec | null;
  /** Value of the `X-Request-Id` header of the answer. */
  readonly requestId: string;
}
