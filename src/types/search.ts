/**
 * Search result types, after GitLab's Search API documentation and its `Blob` entity. What a search
 * returns depends on its `scope`; {@linkcode SearchResultsByScope} maps each scope to its item type.
 *
 * @module
 */

import type { UserBasic } from "./common.ts";
import type { CommitDetail } from "./commits.ts";
import type { IssueBasic } from "./issues.ts";
import type { MergeRequest } from "./merge_requests.ts";
import type { Milestone } from "./milestones.ts";
import type { Note } from "./notes.ts";
import type { BasicProjectDetails } from "./projects.ts";
import type { Snippet } from "./snippets.ts";

/**
 * A fragment of a file that matched a code search (`scope=blobs`) or a wiki search (`scope=wiki_blobs`).
 *
 * @example
 * ```ts
 * import type { Blob } from "@gitlab-edge/client";
 * const location = (b: Blob): string => `${b.path}:${b.startline}@${b.ref}`;
 * ```
 */
export interface Blob {
  /** The path without its extension (for a wiki page, the page's slug). */
  basename: string;
  /** The matching lines, with some context. */
  data: string;
  /** The file's path in the repository. */
  path: string;
  /** The same as `path` (kept by GitLab for older clients). */
  filename: string;
  /** The blob's SHA, when GitLab knows it; often `null`. */
  id: string | null;
  /** The branch, tag or commit searched. */
  ref: string;
  /** The line number `data` starts at. */
  startline: number;
  /** The project the file belongs to. */
  project_id: number;
}

/**
 * The item type of each search `scope`. Not every scope is offered everywhere: `blobs`, `commits`,
 * `wiki_blobs` and (outside a project) `notes` need advanced search, and `snippet_titles` is global only.
 *
 * @example
 * ```ts
 * import { createClient, listSearch, type SearchResultsByScope } from "@gitlab-edge/client";
 * const client = createClient({
 *   baseUrl: "https://gitlab.example.com",
 *   fetch: () => Promise.resolve(Response.json([])),
 * });
 * const found = await listSearch(client, { scope: "projects", search: "web" }).toArray();
 * const projects = found as SearchResultsByScope["projects"][];
 * console.log(projects.map((p) => p.path_with_namespace));
 * ```
 */
export interface SearchResultsByScope {
  /** Projects. */
  projects: BasicProjectDetails;
  /** Issues. */
  issues: IssueBasic;
  /** Merge requests. */
  merge_requests: MergeRequest;
  /** Milestones. */
  milestones: Milestone;
  /** Comments. */
  notes: Note;
  /** Commits. */
  commits: CommitDetail;
  /** File fragments. */
  blobs: Blob;
  /** Wiki page fragments. */
  wiki_blobs: Blob;
  /** Snippets, by title. */
  snippet_titles: Snippet;
  /** Users. */
  users: UserBasic;
}

/**
 * One search result, of any scope; narrow it with {@linkcode SearchResultsByScope} for the scope you asked.
 *
 * @example
 * ```ts
 * import type { SearchResult, SearchResultsByScope } from "@gitlab-edge/client";
 * const asBlobs = (results: SearchResult[]): SearchResultsByScope["blobs"][] =>
 *   results as SearchResultsByScope["blobs"][];
 * ```
 */
export type SearchResult = SearchResultsByScope[keyof SearchResultsByScope];
