/**
 * The client without the resource groups: `createClient`, `send`, the middleware, errors, pagination, the
 * endpoint factories and the `http*` escape hatch. Import it with one resource group
 * (`@gitlab-edge/client/projects`, …) when start-up time matters: a process then loads a handful of modules
 * instead of every group. `@gitlab-edge/client` re-exports all of it, and the clients are the same.
 *
 * ```ts
 * import { createClient } from "@gitlab-edge/client/core";
 * import { getProject } from "@gitlab-edge/client/projects";
 * import { createSimulator } from "@gitlab-edge/client/testing";
 *
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: createSimulator().fetch });
 * const project = await getProject(client, "acme/web");
 * console.log(project.path_with_namespace); // "acme/web"
 * ```
 *
 * @module
 */

export { type Client, type ClientOptions, createClient, type RequestOptions, send } from "./client.ts";
export { clientFromEnv, configFromEnv, ENV_VARIABLES, type EnvConfig, type EnvSource } from "./env.ts";
export {
  type Credential,
  type CredentialUse,
  type OAuthRefreshContext,
  oauthRefreshGrant,
  oauthSession,
  type OAuthSessionOptions,
  type OAuthTokens,
  tokenFrom,
  type TokenSource,
} from "./middleware/credentials.ts";
export { type Attempt, observeAttempts } from "./middleware/observe.ts";
export {
  GitLabGraphQLError,
  graphql,
  type GraphQLConnection,
  graphqlConnection,
  type GraphQLConnectionOptions,
  type GraphQLErrorItem,
  type GraphQLOptions,
} from "./graphql.ts";
export { compose, type Fetch, type Middleware, type Next } from "./pipeline.ts";
export { DEFAULT_RETRY, retry, type RetryPolicy, retryPolicy } from "./middleware/retry.ts";
export { timeout } from "./middleware/timeout.ts";
export { limitConcurrency, rateBudget, type RateBudgetOptions } from "./middleware/limit.ts";
export {
  GitLabError,
  type GitLabErrorBody,
  GitLabHTTPError,
  GitLabNetworkError,
  GitLabTimeoutError,
  redactUrl,
} from "./errors.ts";
export {
  appendQuery,
  encodeBody,
  encodePathParam,
  flatQuery,
  type Params,
  type ParamValue,
  type QueryEncoder,
} from "./encode.ts";
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
} from "./endpoint.ts";
export {
  type ListCount,
  type ListOptions,
  nextUrl,
  type Page,
  type Paginated,
  type PaginationParams,
  parseLink,
} from "./paginate.ts";
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
} from "./http.ts";
