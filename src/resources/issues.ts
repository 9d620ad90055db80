/**
 * Project issues: list, get by iid, create, edit.
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
import type {
  CreateProjectIssueParams,
  EditProjectIssueParams,
  Issue,
  ListProjectIssuesParams,
} from "../types/issues.ts";

/**
 * Lists a project's issues. `GET /projects/:id/issues`
 *
 * @example
 * ```ts
 * import { createClient, listProjectIssues } from "gitlab-edge";
 * import { createSimulator } from "gitlab-edge/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: createSimulator().fetch });
 * for await (const issue of listProjectIssues(client, "acme/web", { state: "opened", labels: ["bug"] })) {
 *   console.log(`#${issue.iid} ${issue.title}`);
 * }
 * ```
 */
export const listProjectIssues: ListEndpoint<[id: ProjectId], ListProjectIssuesParams, Issue> =
  /* @__PURE__ */ listEndpoint("GET /projects/:id/issues", "listProjectIssues");

/**
 * Gets one issue by its project-level iid. `GET /projects/:id/issues/:issue_iid`
 *
 * @example
 * ```ts
 * import { createClient, getProjectIssue } from "gitlab-edge";
 * import { createSimulator } from "gitlab-edge/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: createSimulator().fetch });
 * const issue = await getProjectIssue(client, "acme/web", 1);
 * console.log(issue.title, issue.state);
 * ```
 */
export const getProjectIssue: Endpoint<[id: ProjectId, issue_iid: number], Record<never, never>, Issue> =
  /* @__PURE__ */ endpoint("GET /projects/:id/issues/:issue_iid", "getProjectIssue");

/**
 * Creates an issue; `title` is required. `POST /projects/:id/issues`
 *
 * @example
 * ```ts
 * import { createClient, createProjectIssue } from "gitlab-edge";
 * import { createSimulator, SIM_USER_TOKEN } from "gitlab-edge/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", token: SIM_USER_TOKEN, fetch: createSimulator().fetch });
 * const issue = await createProjectIssue(client, "acme/web", { title: "Broken link", labels: ["bug"] });
 * console.log(issue.iid);
 * ```
 */
export const createProjectIssue: EndpointWith<[id: ProjectId], CreateProjectIssueParams, Issue> =
  /* @__PURE__ */ endpoint("POST /projects/:id/issues", "createProjectIssue");

/**
 * Edits an issue: fields, labels, or `state_event: "close"`. `PUT /projects/:id/issues/:issue_iid`
 *
 * @example
 * ```ts
 * import { createClient, editProjectIssue } from "gitlab-edge";
 * import { createSimulator, SIM_ADMIN_TOKEN } from "gitlab-edge/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", token: SIM_ADMIN_TOKEN, fetch: createSimulator().fetch });
 * const issue = await editProjectIssue(client, "acme/web", 1, { state_event: "close" });
 * console.log(issue.state); // "closed"
 * ```
 */
export const editProjectIssue: EndpointWith<
  [id: ProjectId, issue_iid: number],
  EditProjectIssueParams,
  Issue
> = /* @__PURE__ */ endpoint("PUT /projects/:id/issues/:issue_iid", "editProjectIssue");

export type * from "../types/issues.ts";
export type * from "../types/common.ts";
