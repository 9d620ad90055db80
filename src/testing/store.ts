/**
 * The simulator's shared in-memory state: records, their indexes, id counters, the clock and a
 * version-stamped cache of derived lists. Every route group reads and writes through one {@linkcode Store}.
 *
 * @module
 */

import type { GroupRec, ProjectRec, TokenRec, UserRec } from "./records.ts";

/** @internal the next id of each kind of record. */
export interface IdCounters {
  /** Next user id. */
  user: number;
  /** Next namespace id (groups and personal namespaces share the sequence). */
  namespace: number;
  /** Next project id. */
  project: number;
  /** Next issue id. */
  issue: number;
  /** Next merge request id. */
  mergeRequest: number;
  /** Next upload id. */
  upload: number;
  /** Next commit sequence number. */
  commit: number;
}

/** @internal options of a {@linkcode Store}. */
export interface StoreOptions {
  /** Clock used for timestamps. */
  now: () => Date;
  /** Base web URL used in `web_url` fields of builder results. */
  webUrl: string;
  /** The web URL the options set (GitLab's `external_url`); null: answers link to the request's origin. */
  externalUrl: string | null;
}

const LIST_CACHE_SIZE = 32;

/** Whether a path parameter names a record by numeric id rather than by path. */
function isNumericId(idOrPath: string | number): boolean {
  return typeof idOrPath === "number" || /^\d+$/.test(idOrPath);
}

/** @internal the shared state of one simulator. */
export class Store {
  /** Clock used for timestamps. */
  readonly now: () => Date;
  /** Base web URL used in `web_url` fields when no request is at hand (builders). */
  readonly webUrl: string;
  /** The configured web URL (GitLab's `external_url`); null when answers link to the request's origin. */
  readonly externalUrl: string | null;

  /** Users, id-ordered. */
  readonly users: UserRec[] = [];
  /** Users by id. */
  readonly usersById: Map<number, UserRec> = new Map();
  /** Users by lower-cased username. */
  readonly usersByName: Map<string, UserRec> = new Map();
  /** Access tokens by their secret. */
  readonly tokens: Map<string, TokenRec> = new Map();
  /** Groups, id-ordered. */
  readonly groups: GroupRec[] = [];
  /** Groups by id. */
  readonly groupsById: Map<number, GroupRec> = new Map();
  /** Groups by lower-cased full path. */
  readonly groupsByPath: Map<string, GroupRec> = new Map();
  /** Projects, id-ordered (ids only grow). */
  readonly projects: ProjectRec[] = [];
  /** Projects by id. */
  readonly projectsById: Map<number, ProjectRec> = new Map();
  /** Projects by lower-cased full path. */
  readonly projectsByPath: Map<string, ProjectRec> = new Map();
  /** Number of projects that are not public (zero lets anonymous lists skip visibility checks). */
  privateOrInternal = 0;
  /** Next ids. */
  readonly nextId: IdCounters = {
    user: 1,
    namespace: 1,
    project: 1,
    issue: 1,
    mergeRequest: 1,
    upload: 1,
    commit: 1,
  };

  #version = 0;
  #slots = new Map<string, unknown>();
  #listCache = new Map<string, { version: number; list: ProjectRec[] }>();

  /** Creates an empty store. */
  constructor(options: StoreOptions) {
    this.now = options.now;
    this.webUrl = options.webUrl;
    this.externalUrl = options.externalUrl;
  }

  /**
   * The state of one resource group that the store itself does not declare (pipelines, labels, …):
   * created by `init` on first use, then the same object for the life of this simulator. Each group's
   * module keeps its records here under its own key, so adding a group adds no field to the store.
   */
  slot<T>(key: string, init: () => T): T {
    if (!this.#slots.has(key)) this.#slots.set(key, init());
    return this.#slots.get(key) as T;
  }

  /** The next id of a sequence the store does not declare (`"pipeline"`, `"label"`), starting at 1. */
  nextIdOf(sequence: string): number {
    const ids = this.slot("ids", () => new Map<string, number>());
    const id = ids.get(sequence) ?? 1;
    ids.set(sequence, id + 1);
    return id;
  }

  /** The current time as an ISO string. */
  iso(): string {
    return this.now().toISOString();
  }

  /** The ISO time `days` before now. */
  isoAgo(days: number): string {
    return new Date(this.now().getTime() - days * 86_400_000).toISOString();
  }

  /** Marks the data as changed, invalidating cached lists. */
  bump(): void {
    this.#version++;
  }

  /** A derived project list, rebuilt only when the data changed since it was cached under `key`. */
  cachedProjects(key: string, build: () => ProjectRec[]): ProjectRec[] {
    const hit = this.#listCache.get(key);
    if (hit && hit.version === this.#version) return hit.list;
    const built = build();
    if (this.#listCache.size >= LIST_CACHE_SIZE) this.#listCache.clear();
    this.#listCache.set(key, { version: this.#version, list: built });
    return built;
  }

  /** A user by numeric id or username. */
  userByIdOrName(idOrName: string): UserRec | undefined {
    return isNumericId(idOrName)
      ? this.usersById.get(Number(idOrName))
      : this.usersByName.get(idOrName.toLowerCase());
  }

  /** A group by numeric id or full path. */
  groupByIdOrPath(idOrPath: string): GroupRec | undefined {
    return isNumericId(idOrPath)
      ? this.groupsById.get(Number(idOrPath))
      : this.groupsByPath.get(idOrPath.toLowerCase());
  }

  /** A project by numeric id or full path. */
  projectByIdOrPath(idOrPath: string | number): ProjectRec | undefined {
    return isNumericId(idOrPath)
      ? this.projectsById.get(Number(idOrPath))
      : this.projectsByPath.get(String(idOrPath).toLowerCase());
  }

  /** A user by username, for builders: throws when unknown. */
  requireUser(username: string): UserRec {
    const u = this.usersByName.get(username.toLowerCase());
    if (!u) throw new Error(`simulator: unknown user ${username}`);
    return u;
  }

  /** A project by id or full path, for builders: throws when unknown. */
  requireProject(project: string | number): ProjectRec {
    const p = this.projectByIdOrPath(project);
    if (!p) throw new Error(`simulator: unknown project ${project}`);
    return p;
  }
}
