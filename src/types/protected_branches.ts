/**
 * Protected branch and protected tag types, after GitLab's Protected Branches and Protected Tags API
 * documentation and its `ProtectedBranch`, `ProtectedTag` and `ProtectedRefAccess` entities.
 *
 * @module
 */

/**
 * One access rule of a protected branch or tag: a role, or (Premium) a user, a group or a deploy key.
 *
 * @example
 * ```ts
 * import type { ProtectedRefAccess } from "@gitlab-edge/client";
 * const who = (a: ProtectedRefAccess): string =>
 *   a.user_id ? `user ${a.user_id}` : a.group_id ? `group ${a.group_id}` : a.access_level_description;
 * ```
 */
export interface ProtectedRefAccess {
  /** The rule's id (pass it with `_destroy` to remove the rule). */
  id: number;
  /** The minimum role: 0 no one, 30 developers, 40 maintainers, 60 administrators. */
  access_level: number;
  /** A readable description of who is allowed, e.g. `Maintainers` or a user's name. */
  access_level_description: string;
  /** The deploy key allowed, `null` for other rules; sent by GitLab versions with deploy-key rules. */
  deploy_key_id?: number | null;
  /** The user allowed, `null` for other rules; GitLab Premium only. */
  user_id?: number | null;
  /** The group allowed, `null` for other rules; GitLab Premium only. */
  group_id?: number | null;
}

/**
 * A protected-branch rule of a project or (Premium) a group.
 *
 * @example
 * ```ts
 * import { type Client, listProjectProtectedBranches, type ProtectedBranch } from "@gitlab-edge/client";
 * async function forcePushable(client: Client, project: string): Promise<ProtectedBranch[]> {
 *   const rules: ProtectedBranch[] = [];
 *   for await (const rule of listProjectProtectedBranches(client, project)) {
 *     if (rule.allow_force_push) rules.push(rule);
 *   }
 *   return rules;
 * }
 * ```
 */
export interface ProtectedBranch {
  /** The rule's id. */
  id: number;
  /** The branch name or wildcard pattern (e.g. `release/*`). */
  name: string;
  /** Who may push. */
  push_access_levels: ProtectedRefAccess[];
  /** Who may merge. */
  merge_access_levels: ProtectedRefAccess[];
  /** Who may unprotect; GitLab Premium only. */
  unprotect_access_levels?: ProtectedRefAccess[];
  /** Whether force pushes are allowed. */
  allow_force_push: boolean;
  /** Whether pushes need code owner approval; GitLab Premium only. */
  code_owner_approval_required?: boolean;
  /** Whether a project's rule comes from its group; GitLab Premium only, for project rules. */
  inherited?: boolean;
}

/**
 * A protected-tag rule of a project.
 *
 * @example
 * ```ts
 * import type { ProtectedTag } from "@gitlab-edge/client";
 * const maintainersOnly = (t: ProtectedTag): boolean => t.create_access_levels.every((a) => a.access_level >= 40);
 * ```
 */
export interface ProtectedTag {
  /** The tag name or wildcard pattern (e.g. `v*`). */
  name: string;
  /** Who may create matching tags. */
  create_access_levels: ProtectedRefAccess[];
}
