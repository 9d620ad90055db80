/**
 * A zero-dependency client for the GitLab REST API v4, built on Web `fetch`. Runs unchanged on Deno,
 * Node, Bun and Cloudflare Workers.
 *
 * Every endpoint is a plain function over a client value, so a bundler keeps only what you call:
 *
 * ```ts
 * import { createClient, getProject, listProjectIssues } from "@gitlab-edge/client";
 * import { createSimulator } from "@gitlab-edge/client/testing";
 *
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: createSimulator().fetch });
 * const project = await getProject(client, "acme/web");
 * for await (const issue of listProjectIssues(client, project.id, { state: "opened" })) {
 *   console.log(`#${issue.iid} ${issue.title}`);
 * }
 * ```
 *
 * @module
 */

export {
  type Attempt,
  type Client,
  type ClientOptions,
  createClient,
  type RequestOptions,
  send,
} from "./src/client.ts";
export { clientFromEnv, configFromEnv, ENV_VARIABLES, type EnvConfig, type EnvSource } from "./src/env.ts";
export {
  type OAuthRefresh,
  type OAuthRefreshContext,
  oauthRefreshGrant,
  type OAuthTokens,
  type TokenSource,
} from "./src/middleware/credentials.ts";
export {
  GitLabGraphQLError,
  graphql,
  type GraphQLConnection,
  graphqlConnection,
  type GraphQLConnectionOptions,
  type GraphQLErrorItem,
  type GraphQLOptions,
} from "./src/graphql.ts";
export { compose, type Fetch, type Middleware, type Next } from "./src/pipeline.ts";
export { DEFAULT_RETRY, retry, type RetryPolicy } from "./src/middleware/retry.ts";
export { timeout } from "./src/middleware/timeout.ts";
export { limitConcurrency, rateBudget, type RateBudgetOptions } from "./src/middleware/limit.ts";
export {
  GitLabError,
  type GitLabErrorBody,
  GitLabHTTPError,
  GitLabNetworkError,
  GitLabTimeoutError,
  redactUrl,
} from "./src/errors.ts";
export { appendQuery, encodeBody, encodePathParam, type Params, type ParamValue } from "./src/encode.ts";
export {
  type Endpoint,
  endpoint,
  type EndpointShape,
  type EndpointWith,
  headEndpoint,
  type KeysetRule,
  type ListEndpoint,
  listEndpoint,
  type ProjectId,
  routeOf,
  type StreamEndpoint,
  streamEndpoint,
} from "./src/endpoint.ts";
export {
  type ListCount,
  type ListOptions,
  nextUrl,
  type Page,
  type Paginated,
  type PaginationParams,
  parseLink,
} from "./src/paginate.ts";
export {
  httpDelete,
  httpGet,
  httpHead,
  httpList,
  type HttpOptions,
  httpPatch,
  httpPost,
  httpPut,
  httpRequest,
  httpStream,
} from "./src/http.ts";

export * from "./src/resources/mod.ts";

export type * from "./src/types/mod.ts";
