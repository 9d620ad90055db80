/**
 * Groups: the group list, one group, and a group's subgroups.
 *
 * @module
 */

import { type Endpoint, endpoint, type ListEndpoint, listEndpoint, type ProjectId } from "../endpoint.ts";
import type { GetGroupParams, Group, GroupDetail, ListGroupsParams } from "../types/groups.ts";

/**
 * Lists the groups visible to you. `GET /groups`
 *
 * @example
 * ```ts
 * import { createClient, listGroups } from "gitlab-edge";
 * import { createSimulator } from "gitlab-edge/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: createSimulator().fetch });
 * for await (const group of listGroups(client, { top_level_only: true })) console.log(group.full_path);
 * ```
 */
export const listGroups: ListEndpoint<[], ListGroupsParams, Group> = /* @__PURE__ */ listEndpoint(
  "GET /groups",
  "listGroups",
);

/**
 * Gets one group by id or full path. `GET /groups/:id`
 *
 * @example
 * ```ts
 * import { createClient, getGroup } from "gitlab-edge";
 * import { createSimulator } from "gitlab-edge/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: createSimulator().fetch });
 * const group = await getGroup(client, "acme", { with_projects: false });
 * console.log(group.full_name);
 * ```
 */
export const getGroup: Endpoint<[id: ProjectId], GetGroupParams, GroupDetail> = /* @__PURE__ */ endpoint(
  "GET /groups/:id",
  "getGroup",
);

/**
 * Lists a group's direct subgroups. `GET /groups/:id/subgroups`
 *
 * @example
 * ```ts
 * import { createClient, listSubgroups } from "gitlab-edge";
 * import { createSimulator } from "gitlab-edge/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: createSimulator().fetch });
 * for await (const sub of listSubgroups(client, "acme")) console.log(sub.full_path);
 * ```
 */
export const listSubgroups: ListEndpoint<[id: ProjectId], ListGroupsParams, Group> =
  /* @__PURE__ */ listEndpoint(
    "GET /groups/:id/subgroups",
    "listSubgroups",
  );

export type * from "../types/groups.ts";
export type * from "../types/common.ts";
