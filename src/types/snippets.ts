/**
 * Snippet types, after GitLab's Snippets and Project Snippets API documentation and its `BasicSnippet`,
 * `Snippet`, `PersonalSnippet` and `ProjectSnippet` entities.
 *
 * @module
 */

import type { UserBasic, Visibility } from "./common.ts";

/**
 * A file of a snippet.
 *
 * @example
 * ```ts
 * import type { SnippetFile } from "@gitlab-edge/client";
 * const rubyFiles = (files: SnippetFile[]): string[] => files.filter((f) => f.path.endsWith(".rb")).map((f) => f.raw_url);
 * ```
 */
export interface SnippetFile {
  /** The file's path in the snippet's repository. */
  path: string;
  /** Where to download its raw content. */
  raw_url: string;
}

/**
 * The fields every snippet has (GitLab's `BasicSnippet`).
 *
 * @example
 * ```ts
 * import type { BasicSnippet } from "@gitlab-edge/client";
 * const cloneUrl = (s: BasicSnippet): string | undefined => s.http_url_to_repo;
 * ```
 */
export interface BasicSnippet {
  /** The snippet's id. */
  id: number;
  /** The title. */
  title: string;
  /** The description, `null` when empty. */
  description: string | null;
  /** Who can see it. */
  visibility: Visibility;
  /** Who created it. */
  author: UserBasic;
  /** ISO 8601. */
  created_at: string;
  /** ISO 8601. */
  updated_at: string;
  /** The project of a project snippet, `null` for a personal snippet. */
  project_id: number | null;
  /** The snippet's page. */
  web_url: string;
  /** Where to download the first file's raw content. */
  raw_url: string;
  /** The SSH clone URL; absent when the snippet has no repository. */
  ssh_url_to_repo?: string;
  /** The HTTP clone URL; absent when the snippet has no repository. */
  http_url_to_repo?: string;
}

/**
 * A snippet with its files, as snippet lists and single-snippet endpoints answer.
 *
 * @example
 * ```ts
 * import { type Client, listSnippets, type Snippet } from "@gitlab-edge/client";
 * async function publicFiles(client: Client): Promise<string[]> {
 *   const snippets: Snippet[] = await listSnippets(client).toArray();
 *   return snippets.filter((s) => s.visibility === "public").flatMap((s) => s.files.map((f) => f.path));
 * }
 * ```
 */
export interface Snippet extends BasicSnippet {
  /** The first file's path (kept for older clients; read `files`). */
  file_name: string;
  /** The snippet's files. */
  files: SnippetFile[];
  /** Whether it was imported from another instance. */
  imported: boolean;
  /** The importer used, `none` when not imported. */
  imported_from: string;
  /** The storage shard of its repository; only sent to administrators. */
  repository_storage?: string;
}

/**
 * A personal snippet (one that belongs to no project).
 *
 * @example
 * ```ts
 * import type { PersonalSnippet } from "@gitlab-edge/client";
 * const owner = (s: PersonalSnippet): string => s.author.username;
 * ```
 */
export interface PersonalSnippet extends Snippet {
  /** Always `null`: a personal snippet has no project. */
  project_id: null;
}

/**
 * A project's snippet.
 *
 * @example
 * ```ts
 * import type { ProjectSnippet } from "@gitlab-edge/client";
 * const key = (s: ProjectSnippet): string => `${s.project_id}/${s.id}`;
 * ```
 */
export interface ProjectSnippet extends Snippet {
  /** The project it belongs to. */
  project_id: number;
}
