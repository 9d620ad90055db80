/**
 * GitLab's GraphQL API (`/api/graphql`) through the same client and pipeline as the REST calls: the same
 * credentials, middleware, timeout, retry of `429`, redirect rules and body limit. GraphQL `errors` become
 * a {@linkcode GitLabGraphQLError} carrying each message and path; connections are read page by page with
 * {@linkcode graphqlConnection}.
 *
 * @example
 * ```ts
 * import { createClient, graphql } from "@gitlab-edge/client";
 * import { createSimulator, SIM_USER_TOKEN } from "@gitlab-edge/client/testing";
 *
 * const client = createClient({ baseUrl: "https://gitlab.example.com", token: SIM_USER_TOKEN, fetch: createSimulator().fetch });
 * const data = await graphql<{ currentUser: { username: string } }>(client, "query { currentUser { username } }");
 * console.log(data.currentUser.username); // "alice"
 * ```
 *
 * @module
 */

import { type Client, exchange, type RequestOptions } from "./client.ts";
import { flatQuery } from "./encode.ts";
import { GitLabError } from "./errors.ts";
import { prepare } from "./endpoint.ts";
import { readJson } from "./response.ts";
import { sendsBodies } from "./middleware/bodies.ts";
import type { JsonObject, JsonValue } from "./types/common.ts";

/**
 * One entry of a GraphQL answer's `errors`.
 *
 * @example
 * ```ts
 * import type { GraphQLErrorItem } from "@gitlab-edge/client";
 * const where = (e: GraphQLErrorItem): string => `${(e.path ?? []).join(".") || "(query)"}: ${e.message}`;
 * ```
 */
export interface GraphQLErrorItem {
  /** What went wrong. */
  readonly message: string;
  /** The field it happened at, e.g. `["project", "issues"]`. */
  readonly path?: readonly (string | number)[];
  /** Where in the query. */
  readonly locations?: readonly { readonly line: number; readonly column: number }[];
  /** Server-specific details. */
  readonly extensions?: JsonObject;
}

/**
 * GraphQL answered with `errors` (with HTTP 200): the messages, their paths, and whatever `data` came
 * with them.
 *
 * @example
 * ```ts
 * import { GitLabGraphQLError } from "@gitlab-edge/client";
 * const messages = (e: unknown): string[] => e instanceof GitLabGraphQLError ? e.errors.map((x) => x.message) : [];
 * ```
 */
export class GitLabGraphQLError extends GitLabError {
  /** GraphQL's `errors`. */
  readonly errors: readonly GraphQLErrorItem[];
  /** The partial `data` GraphQL sent with the errors (`null` when none). */
  readonly data: JsonValue;

  /**
   * Creates the error.
   *
   * @param errors GraphQL's `errors`.
   * @param data The partial `data`.
   * @param url The GraphQL endpoint.
   */
  constructor(errors: readonly GraphQLErrorItem[], data: JsonValue, url: string) {
    const first = errors[0];
    const at = first?.path?.length ? ` (at ${first.path.join(".")})` : "";
    const more = errors.length > 1 ? ` and ${errors.length - 1} more` : "";
    super(`GraphQL: ${first?.message ?? "unknown error"}${at}${more}`, { method: "POST", url });
    this.name = "GitLabGraphQLError";
    this.errors = errors;
    this.data = data;
  }
}

/**
 * Per-call options of {@linkcode graphql}: `signal`, `timeout` and `headers`, as for REST calls.
 *
 * @example
 * ```ts
 * import type { GraphQLOptions } from "@gitlab-edge/client";
 * const quick: GraphQLOptions = { timeout: 5_000, headers: { "X-Request-Source": "report" } };
 * ```
 */
export type GraphQLOptions = Pick<RequestOptions, "signal" | "timeout" | "headers">;

function endpointOf(client: Client): string {
  return client.baseUrl.replace(/\/api\/v4$/, "/api/graphql");
}

function errorItems(value: unknown): GraphQLErrorItem[] {
  if (!Array.isArray(value)) return [];
  return value.map((e) => {
    const o = e !== null && typeof e === "object" ? e as Record<string, unknown> : {};
    return {
      message: typeof o.message === "string" ? o.message : JSON.stringify(e),
      ...(Array.isArray(o.path) ? { path: o.path as (string | number)[] } : {}),
      ...(Array.isArray(o.locations) ? { locations: o.locations as { line: number; column: number }[] } : {}),
      ...(o.extensions && typeof o.extensions === "object" ? { extensions: o.extensions as JsonObject } : {}),
    };
  });
}

/**
 * Runs a GraphQL query or mutation and resolves to its `data`. HTTP errors throw `GitLabHTTPError`;
 * GraphQL `errors` throw {@linkcode GitLabGraphQLError}. Sent as `POST`, so only `429` is retried (a
 * mutation must not run twice).
 *
 * @example
 * ```ts
 * import { createClient, graphql } from "@gitlab-edge/client";
 * import { createSimulator, SIM_USER_TOKEN } from "@gitlab-edge/client/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", token: SIM_USER_TOKEN, fetch: createSimulator().fetch });
 * const query = "query($path: ID!) { project(fullPath: $path) { name } }";
 * const { project } = await graphql<{ project: { name: string } }>(client, query, { path: "acme/web" });
 * ```
 */
export async function graphql<T = JsonObject>(
  client: Client,
  query: string,
  variables?: Readonly<Record<string, unknown>>,
  options: GraphQLOptions = {},
): Promise<T> {
  if (typeof query !== "string" || query.trim() === "") {
    throw new TypeError('graphql(): parameter "query" must be a non-empty string');
  }
  if (
    variables !== undefined &&
    (variables === null || typeof variables !== "object" || Array.isArray(variables))
  ) {
    throw new TypeError('graphql(): parameter "variables" must be an object');
  }
  if (options === null || typeof options !== "object") {
    throw new TypeError("graphql(): options must be an object");
  }
  // The REST calls' own checks and request building (signal, timeout, headers; the deadline linked with
  // the caller's signal; the body kept for a resend), with only these three options taken.
  const own: Record<string, unknown> = {};
  for (const key of ["signal", "timeout", "headers"] as const) {
    if (Object.hasOwn(options, key)) own[key] = options[key];
  }
  const given = own.headers;
  const json = { "content-type": "application/json" };
  // Your headers win over the JSON content type; a value that is no object is left for prepare() to refuse.
  own.headers = given === undefined
    ? json
    : given !== null && typeof given === "object"
    ? { ...json, ...given }
    : given;
  const body = JSON.stringify(variables === undefined ? { query } : { query, variables });
  // Only call options: no GitLab parameter reaches the query string, so the flat writer is all it needs.
  sendsBodies();
  const call = prepare(client, "graphql", "POST", "", own, { query: flatQuery }, body);
  const url = endpointOf(client);
  const answer = await exchange(
    client,
    (deadline) => call.request(url, undefined, deadline),
    call.options,
    (response, d) => readJson(response, "POST", url, d?.signal, client.maxResponseBytes),
  ) as { data?: JsonValue; errors?: unknown } | undefined;
  if (answer === null || typeof answer !== "object" || Array.isArray(answer)) {
    throw new GitLabError("GraphQL: the answer is not a JSON object", { method: "POST", url });
  }
  const errors = errorItems(answer.errors);
  if (errors.length > 0) throw new GitLabGraphQLError(errors, answer.data ?? null, url);
  return answer.data as T;
}

/**
 * One page of a GraphQL connection, as GitLab returns it: `nodes` (or `edges { node }`) and `pageInfo`.
 *
 * @example
 * ```ts
 * import type { GraphQLConnection } from "@gitlab-edge/client";
 * const titles = (c: GraphQLConnection<{ title: string }>): string[] => (c.nodes ?? []).map((n) => n.title);
 * ```
 */
export interface GraphQLConnection<N> {
  /** The items of this page. */
  readonly nodes?: readonly N[];
  /** The items of this page, the edge form. */
  readonly edges?: readonly { readonly node: N }[];
  /** Where the next page starts. */
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
}

/**
 * Options of {@linkcode graphqlConnection}.
 *
 * @example
 * ```ts
 * import type { GraphQLConnectionOptions } from "@gitlab-edge/client";
 * type Data = { project: { issues: { nodes: { iid: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } };
 * const options: GraphQLConnectionOptions<Data, { iid: string }> = { connection: (d) => d.project.issues, maxItems: 500 };
 * ```
 */
export interface GraphQLConnectionOptions<T, N> extends GraphQLOptions {
  /** Finds the connection in each answer's `data` (`(data) => data.project.issues`). */
  readonly connection: (data: T) => GraphQLConnection<N> | null | undefined;
  /** The variable the cursor goes in (default `"after"`). */
  readonly cursorVariable?: string;
  /** Stop after this many pages. */
  readonly maxPages?: number;
  /** Stop after this many items. */
  readonly maxItems?: number;
}

/** The most pages a connection is followed for, whatever `maxPages` says: a guard against cursor loops. */
const PAGE_LIMIT = 100_000;

/**
 * Iterates the nodes of a GraphQL connection across pages: runs `query` with the cursor variable set to
 * each page's `pageInfo.endCursor` until `hasNextPage` is false, `maxPages` / `maxItems` is reached, or a
 * cursor repeats (an error: the server would loop).
 *
 * @example
 * ```ts
 * import { createClient, graphqlConnection } from "@gitlab-edge/client";
 * import { createSimulator, SIM_USER_TOKEN } from "@gitlab-edge/client/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", token: SIM_USER_TOKEN, fetch: createSimulator().fetch });
 * type Data = { project: { issues: { nodes: { iid: string; title: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } };
 * const query = `query($path: ID!, $after: String) {
 *   project(fullPath: $path) { issues(first: 2, after: $after) { nodes { iid title } pageInfo { hasNextPage endCursor } } }
 * }`;
 * for await (const issue of graphqlConnection<Data, { iid: string; title: string }>(client, query, { path: "acme/web" }, {
 *   connection: (data) => data.project.issues,
 *   maxItems: 5,
 * })) console.log(issue.iid, issue.title);
 * ```
 */
export async function* graphqlConnection<T, N>(
  client: Client,
  query: string,
  variables: Readonly<Record<string, unknown>>,
  options: GraphQLConnectionOptions<T, N>,
): AsyncGenerator<N, void, undefined> {
  if (options === null || typeof options !== "object" || typeof options.connection !== "function") {
    throw new TypeError('graphqlConnection(): option "connection" must be a function (data) => connection');
  }
  for (const key of ["maxPages", "maxItems"] as const) {
    const v = options[key];
    if (v !== undefined && (!Number.isSafeInteger(v) || v < 1)) {
      throw new RangeError(`graphqlConnection(): option "${key}" must be a positive integer`);
    }
  }
  const cursorVariable = options.cursorVariable ?? "after";
  const { connection: _, cursorVariable: _c, maxPages, maxItems, ...callOptions } = options;
  const seen = new Set<string>();
  let cursor: string | null = null;
  let items = 0;
  for (let page = 1; page <= Math.min(maxPages ?? PAGE_LIMIT, PAGE_LIMIT); page++) {
    const data: T = await graphql<T>(client, query, { ...variables, [cursorVariable]: cursor }, callOptions);
    const conn = options.connection(data);
    if (!conn) return;
    const nodes = conn.nodes ?? conn.edges?.map((e) => e.node) ?? [];
    for (const node of nodes) {
      yield node;
      if (maxItems !== undefined && ++items >= maxItems) return;
    }
    const info = conn.pageInfo;
    if (!info?.hasNextPage || !info.endCursor) return;
    if (seen.has(info.endCursor)) {
      throw new GitLabError(`GraphQL: the cursor ${JSON.stringify(info.endCursor)} came back twice`, {
        method: "POST",
        url: endpointOf(client),
      });
    }
    seen.add(info.endCursor);
    cursor = info.endCursor;
  }
}
