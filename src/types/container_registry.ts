/**
 * Container registry types, after GitLab's Container registry API documentation and its
 * `ContainerRegistry::Repository`, `ContainerRegistry::Tag` and `ContainerRegistry::TagDetails` entities.
 *
 * @module
 */

/**
 * A tag of a container image repository.
 *
 * @example
 * ```ts
 * import type { RegistryTag } from "@gitlab-edge/client";
 * const pullCommand = (tag: RegistryTag): string => `docker pull ${tag.location}`;
 * ```
 */
export interface RegistryTag {
  /** The tag, e.g. `latest`. */
  name: string;
  /** The repository path with the tag, e.g. `group/project/image:latest`. */
  path: string;
  /** The full image reference to pull, with the registry's host. */
  location: string;
}

/**
 * A tag with its manifest's details, as getting one tag returns it.
 *
 * @example
 * ```ts
 * import type { RegistryTagDetails } from "@gitlab-edge/client";
 * const size = (tag: RegistryTagDetails): string =>
 *   tag.total_size === null ? "size unknown" : `${(tag.total_size / 2 ** 20).toFixed(1)} MiB`;
 * ```
 */
export interface RegistryTagDetails extends RegistryTag {
  /** The image configuration's digest, if the registry reports it. */
  revision: string | null;
  /** The first characters of `revision`. */
  short_revision: string | null;
  /** The manifest's digest (`sha256:…`). */
  digest: string | null;
  /** ISO 8601: when the image was built or pushed, if known. */
  created_at: string | null;
  /** The image's size in bytes, if known. */
  total_size: number | null;
}

/**
 * A container image repository in a project's registry.
 *
 * @example
 * ```ts
 * import type { RegistryRepository } from "@gitlab-edge/client";
 * const pullCommands = (repository: RegistryRepository): string[] =>
 *   (repository.tags ?? []).map((tag) => `docker pull ${tag.location}`);
 * ```
 */
export interface RegistryRepository {
  /** The repository's id. */
  id: number;
  /** Its name below the project's path (empty for the project's root image). */
  name: string;
  /** Its full path, e.g. `group/project/image`. */
  path: string;
  /** The project it belongs to. */
  project_id: number;
  /** The full image reference, with the registry's host. */
  location: string;
  /** ISO 8601. */
  created_at: string;
  /** ISO 8601: when the cleanup policy last started on it, if ever. */
  cleanup_policy_started_at: string | null;
  /** Number of tags; sent only when asked for with `tags_count=true`. */
  tags_count?: number;
  /** Its tags; sent only when asked for with `tags=true`. */
  tags?: RegistryTag[];
  /** The API path that deletes it; sent only to users allowed to delete it. */
  delete_api_path?: string;
  /** Its size in bytes; sent only when asked for with `size=true` (GitLab.com only). */
  size?: number;
  /** A pending deletion's state (`delete_scheduled`, `delete_ongoing`, `delete_failed`), or null. */
  status: string | null;
}
