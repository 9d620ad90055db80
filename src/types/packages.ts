/**
 * Package registry types, after GitLab's Packages API documentation and its `Package`, `PackageFile`,
 * `PackageVersion` and `Package::Pipeline` entities.
 *
 * @module
 */

import type { JsonObject, UserBasic } from "./common.ts";
import type { PipelineBasic } from "./pipelines.ts";

/**
 * A pipeline that built a package, with the user who ran it.
 *
 * @example
 * ```ts
 * import type { PackagePipeline } from "@gitlab-edge/client";
 * const builtBy = (p: PackagePipeline): string => `pipeline #${p.iid} (${p.status}) by ${p.user?.username ?? "unknown"}`;
 * ```
 */
export interface PackagePipeline extends PipelineBasic {
  /** Who ran the pipeline. */
  user: UserBasic | null;
}

/**
 * Links of a package.
 *
 * @example
 * ```ts
 * import type { PackageLinks } from "@gitlab-edge/client";
 * const canDelete = (links: PackageLinks): boolean => links.delete_api_path !== undefined;
 * ```
 */
export interface PackageLinks {
  /** The package's web path; sent only for packages with a details page. */
  web_path?: string;
  /** The API path that deletes the package; sent only to users allowed to delete it. */
  delete_api_path?: string;
}

/**
 * Another version of the same package, as getting one package lists them.
 *
 * @example
 * ```ts
 * import type { PackageVersion } from "@gitlab-edge/client";
 * const newest = (versions: PackageVersion[]): PackageVersion | undefined =>
 *   [...versions].sort((a, b) => b.created_at.localeCompare(a.created_at))[0];
 * ```
 */
export interface PackageVersion {
  /** That version's package id. */
  id: number;
  /** The version string. */
  version: string;
  /** ISO 8601. */
  created_at: string;
  /** Its tags (loosely typed: `name` and ids). */
  tags: JsonObject[];
  /** The pipeline that built it; sent only when one did and the user may read pipelines. */
  pipeline?: PackagePipeline;
}

/**
 * A package in a project's or a group's package registry.
 *
 * @example
 * ```ts
 * import type { Package } from "@gitlab-edge/client";
 * const coordinates = (p: Package): string => `${p.package_type}:${p.name}@${p.version}`;
 * const deletable = (packages: Package[]): Package[] => packages.filter((p) => p._links.delete_api_path);
 * ```
 */
export interface Package {
  /** The package's id. */
  id: number;
  /** Its name (for Conan, the recipe `name/version@user/channel`). */
  name: string;
  /** Only for Conan packages: the package's own name. */
  conan_package_name?: string;
  /** Its version (null for some formats). */
  version: string | null;
  /**
   * Its format: `maven`, `npm`, `conan`, `nuget`, `pypi`, `composer`, `generic`, `golang`, `debian`,
   * `rubygems`, `helm`, `terraform_module`, `rpm`, `ml_model`, `cargo`, … GitLab adds formats over time.
   */
  package_type: string;
  /** Its state: `default`, `hidden`, `processing`, `error`, `pending_destruction`, `deprecated`, … */
  status: string;
  /** Its links. */
  _links: PackageLinks;
  /** ISO 8601. */
  created_at: string;
  /** ISO 8601: when it was last downloaded, if ever. */
  last_downloaded_at: string | null;
  /** Only in a group's package list: the project it belongs to. */
  project_id?: number;
  /** Only in a group's package list, for readable projects: the project's full path. */
  project_path?: string;
  /** Its tags (loosely typed: `name` and ids). */
  tags: JsonObject[];
  /** The latest pipeline that built it; sent only when a pipeline did. */
  pipeline?: PackagePipeline;
  /** Deprecated, always empty when sent; sent only when pipelines built it. */
  pipelines?: PackagePipeline[];
  /** Its other versions; sent when getting one package, not in lists. */
  versions?: PackageVersion[];
}

/**
 * One file of a package.
 *
 * @example
 * ```ts
 * import type { PackageFile } from "@gitlab-edge/client";
 * const sha256sumLine = (f: PackageFile): string | null =>
 *   f.file_sha256 === null ? null : `${f.file_sha256}  ${f.file_name}`;
 * ```
 */
export interface PackageFile {
  /** The file's id. */
  id: number;
  /** The package it belongs to. */
  package_id: number;
  /** ISO 8601. */
  created_at: string;
  /** Its file name. */
  file_name: string;
  /** Its size in bytes. */
  size: number;
  /** Its MD5 checksum, if known. */
  file_md5: string | null;
  /** Its SHA-1 checksum, if known. */
  file_sha1: string | null;
  /** Its SHA-256 checksum, if known. */
  file_sha256: string | null;
  /** The pipelines that built it; sent only when there are any and the user may read pipelines. */
  pipelines?: PackagePipeline[];
}
