/**
 * Wiki types, after GitLab's Project Wikis and Group Wikis API documentation and its `WikiPageBasic`,
 * `WikiPage` and `WikiAttachment` entities.
 *
 * @module
 */

/**
 * The markup formats of a wiki page.
 *
 * @example
 * ```ts
 * import type { WikiFormat } from "@gitlab-edge/client";
 * const extension = (f: WikiFormat): string => ({ markdown: "md", rdoc: "rdoc", asciidoc: "adoc", org: "org" })[f];
 * ```
 */
export type WikiFormat = "markdown" | "rdoc" | "asciidoc" | "org";

/**
 * A wiki page's name and format, as the page lists show it without `with_content`.
 *
 * @example
 * ```ts
 * import type { WikiPageBasic } from "@gitlab-edge/client";
 * const topLevel = (pages: WikiPageBasic[]): string[] => pages.filter((p) => !p.slug.includes("/")).map((p) => p.title);
 * ```
 */
export interface WikiPageBasic {
  /** The markup format. */
  format: WikiFormat;
  /** The URL path of the page, e.g. `dev/setup`. */
  slug: string;
  /** The title. */
  title: string;
}

/**
 * A wiki page with its content, of a project or a group.
 *
 * @example
 * ```ts
 * import { type Client, getProjectWiki, type WikiPage } from "@gitlab-edge/client";
 * async function titleAndSize(client: Client, project: string, slug: string): Promise<string> {
 *   const page: WikiPage = await getProjectWiki(client, project, slug);
 *   return `${page.title}: ${page.content.length} characters`;
 * }
 * ```
 */
export interface WikiPage extends WikiPageBasic {
  /** The page's source, or its HTML with `render_html: true`. */
  content: string;
  /** The content's character encoding, e.g. `UTF-8`. */
  encoding: string;
  /** The page's front matter, parsed (empty when it has none). */
  front_matter: Record<string, unknown>;
}

/**
 * A wiki page as `GET /projects/:id/wikis` and `GET /groups/:id/wikis` list it: GitLab sends
 * {@linkcode WikiPageBasic} by default and {@linkcode WikiPage} with `with_content: true`.
 *
 * @example
 * ```ts
 * import type { WikiPageListItem } from "@gitlab-edge/client";
 * const sizes = (pages: WikiPageListItem[]): number[] => pages.map((p) => p.content?.length ?? 0);
 * ```
 */
export interface WikiPageListItem extends WikiPageBasic {
  /** The page's source; only with `with_content: true`. */
  content?: string;
  /** The content's character encoding; only with `with_content: true`. */
  encoding?: string;
  /** The page's parsed front matter; only with `with_content: true`. */
  front_matter?: Record<string, unknown>;
}

/**
 * The Markdown-ready link of an uploaded wiki attachment.
 *
 * @example
 * ```ts
 * import type { WikiAttachmentLink } from "@gitlab-edge/client";
 * const embed = (l: WikiAttachmentLink): string => l.markdown;
 * ```
 */
export interface WikiAttachmentLink {
  /** The path of the file relative to the wiki. */
  url: string;
  /** A Markdown link or image to paste into a page. */
  markdown: string;
}

/**
 * A file uploaded to a wiki's repository (`POST /projects/:id/wikis/attachments`,
 * `POST /groups/:id/wikis/attachments`).
 *
 * @example
 * ```ts
 * import type { WikiAttachment } from "@gitlab-edge/client";
 * const where = (a: WikiAttachment): string => `${a.branch ?? "default branch"}:${a.file_path}`;
 * ```
 */
export interface WikiAttachment {
  /** The file name. */
  file_name: string;
  /** The path in the wiki's repository, under `uploads/`. */
  file_path: string;
  /** The branch written to, `null` when the default one. */
  branch: string | null;
  /** Links to use in pages. */
  link: WikiAttachmentLink;
}
