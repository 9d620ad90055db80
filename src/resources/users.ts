/**
 * Users: the current user, the user list and one user.
 *
 * @module
 */

import { type Endpoint, endpoint, type ListEndpoint, listEndpoint } from "../endpoint.ts";
import type { CurrentUser, ListUsersParams, User } from "../types/users.ts";

/**
 * Gets the user the credentials belong to (or the `sudo` user). `GET /user`
 *
 * @example
 * ```ts
 * import { createClient, getCurrentUser } from "gitlab-edge";
 * import { createSimulator, SIM_USER_TOKEN } from "gitlab-edge/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", token: SIM_USER_TOKEN, fetch: createSimulator().fetch });
 * const me = await getCurrentUser(client);
 * console.log(me.username);
 * ```
 */
export const getCurrentUser: Endpoint<[], Record<never, never>, CurrentUser> = /* @__PURE__ */ endpoint(
  "GET /user",
  "getCurrentUser",
);

/**
 * Lists users. `GET /users`
 *
 * @example
 * ```ts
 * import { createClient, listUsers } from "gitlab-edge";
 * import { createSimulator, SIM_USER_TOKEN } from "gitlab-edge/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", token: SIM_USER_TOKEN, fetch: createSimulator().fetch });
 * for await (const user of listUsers(client, { active: true })) console.log(user.username);
 * ```
 */
export const listUsers: ListEndpoint<[], ListUsersParams, User> = /* @__PURE__ */ listEndpoint(
  "GET /users",
  "listUsers",
);

/**
 * Gets one user by id. `GET /users/:user_id`
 *
 * @example
 * ```ts
 * import { createClient, getUser } from "gitlab-edge";
 * import { createSimulator, SIM_USER_TOKEN } from "gitlab-edge/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", token: SIM_USER_TOKEN, fetch: createSimulator().fetch });
 * const user = await getUser(client, 1);
 * console.log(user.name);
 * ```
 */
export const getUser: Endpoint<[user_id: number], { with_custom_attributes?: boolean }, User> =
  /* @__PURE__ */ endpoint(
    "GET /users/:user_id",
    "getUser",
  );

export type * from "../types/users.ts";
export type * from "../types/common.ts";
