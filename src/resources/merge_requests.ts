/**
 * Project merge requests: list and get by iid.
 *
 * @module
 */

import { type Endpoint, endpoint, type ListEndpoint, listEndpoint, type ProjectId } from "../endpoint.ts";
import type {
  GetProjectMergeRequestParams,
  ListProjectMergeRequestsParams,
  MergeRequest,
  MergeRequestDetail,
} from "../types/merge_requests.ts";

/**
 * Lists a project's merge requests. `GET /projects/:id/merge_requests`
 *
 * @example
 * ```ts
 * import { createClient, listProjectMergeRequests } from "gitlab-edge";
 * import { createSimulator } from "gitlab-edge/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: createSimulator().fetch });
 * for await (const mr of listProjectMergeRequests(client, "acme/web", { state: "opened" })) {
 *   console.log(`!${mr.iid} ${mr.source_branch} → ${mr.target_branch}`);
 * }
 * ```
 */
export const listProjectMergeRequests: ListEndpoint<
  [id: ProjectId],
  ListProjectMergeRequestsParams,
  MergeRequest
> = /* @__PURE__ */ listEndpoint("GET /projects/:id/merge_requests", "listProjectMergeRequests");

/**
 * Gets one merge request by its project-level iid. `GET /projects/:id/merge_requests/:merge_request_iid`
 *
 * @example
 * ```ts
 * import { createClient, getProjectMergeRequest } from "gitlab-edge";
 * import { createSimulator } from "gitlab-edge/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: createSimulator().fetch });
 * const mr = await getProjectMergeRequest(client, "acme/web", 1);
 * console.log(mr.title, mr.state);
 * ```
 */
export const getProjectMergeRequest: Endpoint<
  [id: ProjectId, merge_request_iid: number],
  GetProjectMergeRequestParams,
  MergeRequestDetail
> = /* @__PURE__ */ endpoint("GET /projects/:id/merge_requests/:merge_request_iid", "getProjectMergeRequest");

export type * from "../types/merge_requests.ts";
export type * from "../types/common.ts";
