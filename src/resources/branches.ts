/**
 * Repository branches: list, get, create, delete.
 *
 * @module
 */

import {
  type Endpoint,
  endpoint,
  type EndpointWith,
  type ListEndpoint,
  listEndpoint,
  type ProjectId,
} from "../endpoint.ts";
import type { Branch, CreateBranchParams, ListBranchesParams } from "../types/branches.ts";

/**
 * Lists a project's branches. `GET /projects/:id/repository/branches`
 *
 * @example
 * ```ts
 * import { createClient, listBranches } from "gitlab-edge";
 * import { createSimulator } from "gitlab-edge/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: createSimulator().fetch });
 * for await (const branch of listBranches(client, "acme/web")) console.log(branch.name, branch.commit.short_id);
 * ```
 */
export const listBranches: ListEndpoint<[id: ProjectId], ListBranchesParams, Branch> =
  /* @__PURE__ */ listEndpoint(
    "GET /projects/:id/repository/branches",
    "listBranches",
  );

/**
 * Gets one branch; names with `/` are encoded for you. `GET /projects/:id/repository/branches/:branch`
 *
 * @example
 * ```ts
 * import { createClient, getBranch } from "gitlab-edge";
 * import { createSimulator } from "gitlab-edge/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: createSimulator().fetch });
 * const branch = await getBranch(client, "acme/web", "main");
 * console.log(branch.default, branch.protected);
 * ```
 */
export const getBranch: Endpoint<[id: ProjectId, branch: string], Record<never, never>, Branch> =
  /* @__PURE__ */ endpoint("GET /projects/:id/repository/branches/:branch", "getBranch");

/**
 * Creates a branch from a ref. `POST /projects/:id/repository/branches`
 *
 * @example
 * ```ts
 * import { createBranch, createClient } from "gitlab-edge";
 * import { createSimulator, SIM_ADMIN_TOKEN } from "gitlab-edge/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", token: SIM_ADMIN_TOKEN, fetch: createSimulator().fetch });
 * const branch = await createBranch(client, "acme/web", { branch: "feature/search", ref: "main" });
 * console.log(branch.name);
 * ```
 */
export const createBranch: EndpointWith<[id: ProjectId], CreateBranchParams, Branch> =
  /* @__PURE__ */ endpoint(
    "POST /projects/:id/repository/branches",
    "createBranch",
  );

/**
 * Deletes a branch. `DELETE /projects/:id/repository/branches/:branch`
 *
 * @example
 * ```ts
 * import { createBranch, createClient, deleteBranch } from "gitlab-edge";
 * import { createSimulator, SIM_ADMIN_TOKEN } from "gitlab-edge/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", token: SIM_ADMIN_TOKEN, fetch: createSimulator().fetch });
 * await createBranch(client, "acme/web", { branch: "old", ref: "main" });
 * await deleteBranch(client, "acme/web", "old");
 * ```
 */
export const deleteBranch: Endpoint<[id: ProjectId, branch: string], Record<never, never>, void> =
  /* @__PURE__ */ endpoint("DELETE /projects/:id/repository/branches/:branch", "deleteBranch");

export type * from "../types/branches.ts";
export type * from "../types/common.ts";
