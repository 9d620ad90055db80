/**
 * In-memory GitLab REST API v4 simulator for tests, demos and benchmarks.
 *
 * Pure Web APIs: works on Deno, Node, Bun and Cloudflare Workers. To expose it over real
 * HTTP use `@gitlab-edge/client/testing/server` (Deno, Node and Bun only). Its answers and its builders' results
 * are the library's own response types (`ProjectWithAccess`, `Issue`, `MergeRequestDetail`, …); the `Sim*`
 * record names are aliases of those.
 *
 * @example
 * ```ts
 * import { createSimulator, SIM_USER_TOKEN } from "@gitlab-edge/client/testing";
 *
 * const sim = createSimulator();
 * sim.fault({ path: "/projects", status: 503, times: 1 });
 * const res = await sim.fetch("http://gitlab.test/api/v4/projects", {
 *   headers: { "PRIVATE-TOKEN": SIM_USER_TOKEN },
 * });
 * console.log(res.status); // 503, then 200 on the next call
 * ```
 *
 * @module
 */

export { createSimulator } from "./simulator.ts";
/** Access level (10 guest … 50 owner) used in the records' `permissions`. */
export type { AccessLevel } from "../types/common.ts";
export {
  type SeedProject,
  SIM_ADMIN_TOKEN,
  SIM_BLOCKED_TOKEN,
  SIM_BOB_TOKEN,
  SIM_GROUP_TOKEN,
  SIM_JOB_TOKEN,
  SIM_OAUTH_TOKEN,
  SIM_PROJECT_TOKEN,
  SIM_READ_ONLY_TOKEN,
  SIM_SEED,
  SIM_USER_TOKEN,
} from "./seed.ts";
export { decodeParams, type Params, type ParamValue, readBodyParams } from "./params.ts";
export type {
  AddGroupInput,
  AddIssueInput,
  AddMergeRequestInput,
  AddProjectInput,
  AddTokenInput,
  AddUserInput,
  Fault,
  SimBranch,
  SimCommit,
  SimGroup,
  SimIssue,
  SimMergeRequest,
  SimNamespace,
  SimProject,
  SimProjectLinks,
  SimProjectSimple,
  SimReferences,
  SimRequest,
  SimTimeStats,
  SimTokenKind,
  Simulator,
  SimulatorOptions,
  SimUser,
  SimUserBasic,
  SimVisibility,
  SimWebhookDelivery,
  SimWebhookEventHeader,
  SimWebhookHandler,
  SimWebhookPayload,
} from "./types.ts";
