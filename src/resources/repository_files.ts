/**
 * Repository files: a file's metadata and content, and its raw bytes as a stream.
 *
 * @module
 */

import {
  endpoint,
  type EndpointWith,
  type ProjectId,
  type StreamEndpoint,
  streamEndpoint,
} from "../endpoint.ts";
import type {
  GetRepositoryFileParams,
  GetRepositoryFileRawParams,
  RepositoryFile,
} from "../types/repository_files.ts";

/**
 * Gets a file's metadata and base64 content at `ref`. `GET /projects/:id/repository/files/:file_path`
 *
 * @example
 * ```ts
 * import { createClient, getRepositoryFile } from "gitlab-edge";
 * import { createSimulator } from "gitlab-edge/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: createSimulator().fetch });
 * const file = await getRepositoryFile(client, "acme/web", "README.md", { ref: "main" });
 * console.log(file.size, new TextDecoder().decode(Uint8Array.from(atob(file.content), (c) => c.charCodeAt(0))));
 * ```
 */
export const getRepositoryFile: EndpointWith<
  [id: ProjectId, file_path: string],
  GetRepositoryFileParams,
  RepositoryFile
> = /* @__PURE__ */ endpoint("GET /projects/:id/repository/files/:file_path", "getRepositoryFile");

/**
 * Streams a file's raw bytes, without buffering it. `GET /projects/:id/repository/files/:file_path/raw`
 *
 * @example
 * ```ts
 * import { createClient, getRepositoryFileRaw } from "gitlab-edge";
 * import { createSimulator } from "gitlab-edge/testing";
 * const client = createClient({ baseUrl: "https://gitlab.example.com", fetch: createSimulator().fetch });
 * const stream = await getRepositoryFileRaw(client, "acme/web", "README.md", { ref: "main" });
 * console.log(await new Response(stream).text());
 * ```
 */
export const getRepositoryFileRaw: StreamEndpoint<
  [id: ProjectId, file_path: string],
  GetRepositoryFileRawParams
> = /* @__PURE__ */ streamEndpoint(
  "GET /projects/:id/repository/files/:file_path/raw",
  "getRepositoryFileRaw",
);

export type * from "../types/repository_files.ts";
export type * from "../types/common.ts";
