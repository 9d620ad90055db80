/**
 * User types, after GitLab's Users API documentation.
 *
 * @module
 */

import type { UserBasic } from "./common.ts";

/**
 * A user as `GET /users/:id` returns it to anyone allowed to see the user.
 *
 * @example
 * ```ts
 * import type { User } from "gitlab-edge";
 * const displayName = (user: User): string => (user.bot ? `${user.name} (bot)` : user.name);
 * ```
 */
export interface User extends UserBasic {
  /** ISO 8601. */
  created_at?: string;
  /** The profile's biography. */
  bio?: string;
  /** Location. */
  location?: string;
  /** Public email. */
  public_email?: string | null;
  /** LinkedIn handle. */
  linkedin?: string;
  /** Twitter/X handle. */
  twitter?: string;
  /** Personal website. */
  website_url?: string;
  /** Organization. */
  organization?: string;
  /** Job title. */
  job_title?: string;
  /** Pronouns. */
  pronouns?: string | null;
  /** Whether the user is a bot. */
  bot?: boolean;
  /** Work information. */
  work_information?: string | null;
  /** Followers. */
  followers?: number;
  /** Following. */
  following?: number;
  /** Local time zone. */
  local_time?: string | null;
}

/**
 * The current user (`GET /user`), with the fields only the user (or an administrator) sees.
 *
 * @example
 * ```ts
 * import { createClient, type CurrentUser, getCurrentUser } from "gitlab-edge";
 * import { createSimulator, SIM_USER_TOKEN } from "gitlab-edge/testing";
 * const client = createClient({
 *   baseUrl: "https://gitlab.example.com",
 *   token: SIM_USER_TOKEN,
 *   fetch: createSimulator().fetch,
 * });
 * const me: CurrentUser = await getCurrentUser(client);
 * if (!me.two_factor_enabled) console.log(`${me.username}: please enable two-factor authentication`);
 * ```
 */
export interface CurrentUser extends User {
  /** ISO 8601. */
  last_sign_in_at?: string | null;
  /** ISO 8601. */
  confirmed_at?: string | null;
  /** `YYYY-MM-DD`. */
  last_activity_on?: string | null;
  /** The primary email. */
  email?: string;
  /** The theme id. */
  theme_id?: number;
  /** The color scheme id. */
  color_scheme_id?: number;
  /** How many projects the user may create. */
  projects_limit?: number;
  /** ISO 8601. */
  current_sign_in_at?: string | null;
  /** External identities. */
  identities?: { provider: string; extern_uid: string }[];
  /** Whether the user may create groups. */
  can_create_group?: boolean;
  /** Whether the user may create projects. */
  can_create_project?: boolean;
  /** Whether two-factor authentication is on. */
  two_factor_enabled?: boolean;
  /** Whether the user is external. */
  external?: boolean;
  /** Whether the profile is private. */
  private_profile?: boolean;
  /** Whether the user is an administrator (visible to administrators). */
  is_admin?: boolean;
  /** The commit email. */
  commit_email?: string;
}
