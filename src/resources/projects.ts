/**
 * Projects: `GET /projects`, `GET /projects/:id`, create, edit, delete, fork, uploads, and the
 * project lists of a user and of a group.
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
  AcceptedMessage,
  CreateProjectParams,
  DeleteProjectParams,
  EditProjectParams,
  ForkProjectParams,
  GetProjectParams,
  ListGroupProjectsParams,
  ListProjectsParams,
  Project,
  ProjectUpload,
  UploadProjectFileParams,
} from "../types/projects.ts";

/**
 * Lists every project visible to you, page after page. `GET /projects`
 *
 * @example
 * ```ts
 * import { createClient, listProjects } from "gitlab-edge";
 * import { createSimulator } from "gitlab-edge/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: createSimulator().fetch });
 * for await (const project of listProjects(client, { order_by: "id", sort: "asc", per_page: 100 })) {
 *   console.log(project.path_with_namespace);
 * }
 * ```
 */
export const listProjects: ListEndpoint<[], ListProjectsParams, Project> = /* @__PURE__ */ listEndpoint(
  "GET /projects",
  "listProjects",
);

/**
 * Gets one project by id or full path. `GET /projects/:id`
 *
 * @example
 * ```ts
 * import { createClient, getProject } from "gitlab-edge";
 * import { createSimulator } from "gitlab-edge/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: createSimulator().fetch });
 * const project = await getProject(client, "acme/web");
 * console.log(project.id, project.web_url);
 * ```
 */
export const getProject: Endpoint<[id: ProjectId], GetProjectParams, Project> = /* @__PURE__ */ endpoint(
  "GET /projects/:id",
  "getProject",
);

/**
 * Creates a project; `name` or `path` is required. `POST /projects`
 *
 * @example
 * ```ts
 * import { createClient, createProject } from "gitlab-edge";
 * import { createSimulator, SIM_USER_TOKEN } from "gitlab-edge/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", token: SIM_USER_TOKEN, fetch: createSimulator().fetch });
 * const project = await createProject(client, { name: "Hello", visibility: "private" });
 * console.log(project.path_with_namespace);
 * ```
 */
export const createProject: EndpointWith<[], CreateProjectParams, Project> = /* @__PURE__ */ endpoint(
  "POST /projects",
  "createProject",
);

/**
 * Edits a project's settings. `PUT /projects/:id`
 *
 * @example
 * ```ts
 * import { createClient, editProject } from "gitlab-edge";
 * import { createSimulator, SIM_ADMIN_TOKEN } from "gitlab-edge/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", token: SIM_ADMIN_TOKEN, fetch: createSimulator().fetch });
 * const project = await editProject(client, "acme/web", { description: "Our public web site" });
 * console.log(project.description);
 * ```
 */
export const editProject: EndpointWith<[id: ProjectId], EditProjectParams, Project> =
  /* @__PURE__ */ endpoint(
    "PUT /projects/:id",
    "editProject",
  );

/**
 * Deletes a project (or marks it for deletion, on instances with delayed deletion). `DELETE /projects/:id`
 *
 * @example
 * ```ts
 * import { createClient, deleteProject } from "gitlab-edge";
 * import { createSimulator, SIM_ADMIN_TOKEN } from "gitlab-edge/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", token: SIM_ADMIN_TOKEN, fetch: createSimulator().fetch });
 * const answer = await deleteProject(client, "acme/web");
 * console.log(answer?.message); // "202 Accepted"
 * ```
 */
export const deleteProject: Endpoint<[id: ProjectId], DeleteProjectParams, AcceptedMessage | undefined> =
  /* @__PURE__ */ endpoint("DELETE /projects/:id", "deleteProject");

/**
 * Forks a project into your namespace or another. `POST /projects/:id/fork`
 *
 * @example
 * ```ts
 * import { createClient, forkProject } from "gitlab-edge";
 * import { createSimulator, SIM_USER_TOKEN } from "gitlab-edge/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", token: SIM_USER_TOKEN, fetch: createSimulator().fetch });
 * const fork = await forkProject(client, "acme/web", { path: "web-fork" });
 * console.log(fork.forked_from_project?.id);
 * ```
 */
export const forkProject: Endpoint<[id: ProjectId], ForkProjectParams, Project> = /* @__PURE__ */ endpoint(
  "POST /projects/:id/fork",
  "forkProject",
);

/**
 * Lists the projects a user owns. `GET /users/:user_id/projects`
 *
 * @example
 * ```ts
 * import { createClient, listUserProjects } from "gitlab-edge";
 * import { createSimulator } from "gitlab-edge/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: createSimulator().fetch });
 * const projects = await listUserProjects(client, "alice").toArray();
 * console.log(projects.length);
 * ```
 */
export const listUserProjects: ListEndpoint<[user_id: number | string], ListProjectsParams, Project> =
  /* @__PURE__ */ listEndpoint("GET /users/:user_id/projects", "listUserProjects");

/**
 * Lists a group's projects, optionally with its subgroups'. `GET /groups/:id/projects`
 *
 * @example
 * ```ts
 * import { createClient, listGroupProjects } from "gitlab-edge";
 * import { createSimulator } from "gitlab-edge/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: createSimulator().fetch });
 * for await (const project of listGroupProjects(client, "acme", { include_subgroups: true })) {
 *   console.log(project.name);
 * }
 * ```
 */
export const listGroupProjects: ListEndpoint<[id: ProjectId], ListGroupProjectsParams, Project> =
  /* @__PURE__ */ listEndpoint("GET /groups/:id/projects", "listGroupProjects");

/**
 * Uploads a file to a project, for use in Markdown (issues, merge requests, comments).
 * `POST /projects/:id/uploads`
 *
 * @example
 * ```ts
 * import { createClient, uploadProjectFile } from "gitlab-edge";
 * import { createSimulator, SIM_ADMIN_TOKEN } from "gitlab-edge/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", token: SIM_ADMIN_TOKEN, fetch: createSimulator().fetch });
 * const file = new File(["hello"], "hello.txt", { type: "text/plain" });
 * const upload = await uploadProjectFile(client, "acme/web", { file });
 * console.log(upload.markdown);
 * ```
 */
export const uploadProjectFile: EndpointWith<[id: ProjectId], UploadProjectFileParams, ProjectUpload> =
  /* @__PURE__ */ endpoint("POST /projects/:id/uploads", "uploadProjectFile");

export type * from "../types/projects.ts";
export type * from "../types/common.ts";
