/**
 * User types, after GitLab's Grape entities `User`, `UserPublic`, `UserWithAdmin` and the objects the Users
 * API answers with (SSH and GPG keys, emails, tokens, status, preferences, memberships, service accounts).
 *
 * @module
 */

import type { AccessLevel, UserBasic, UserSafe } from "./common.ts";

/**
 * A user as `GET /users/:id` returns it to anyone allowed to see the user (GitLab's `User`). Administrators
 * get more fields, which this type does not name.
 *
 * @example
 * ```ts
 * import { createClient, getUser, type User } from "@gitlab-edge/client";
 * import { createSimulator, SIM_SEED, SIM_USER_TOKEN } from "@gitlab-edge/client/testing";
 * const client = createClient({
 *   baseUrl: "https://gitlab.example.com",
 *   token: SIM_USER_TOKEN,
 *   fetch: createSimulator().fetch,
 * });
 * const user: User = await getUser(client, SIM_SEED.users.bob.id);
 * console.log(user.bot ? `${user.name} (bot)` : user.name, user.job_title);
 * ```
 */
export interface User extends UserBasic {
  /** ISO 8601; only for callers allowed to see the full profile (not for private profiles). */
  created_at?: string;
  /** The profile's biography (empty when unset). */
  bio: string;
  /** Where the user is. */
  location: string | null;
  /** The email shown on the profile, if the user chose one. */
  public_email: string | null;
  /** Skype name (empty when unset). */
  skype?: string;
  /** LinkedIn name (empty when unset). */
  linkedin?: string;
  /** Twitter/X handle (empty when unset). */
  twitter?: string;
  /** Discord user id (empty when unset). */
  discord?: string;
  /** Personal website (empty when unset). */
  website_url: string;
  /** Organization. */
  organization: string | null;
  /** Job title (empty when unset). */
  job_title: string;
  /** Pronouns. */
  pronouns?: string | null;
  /** Whether the user is a bot (project, group or service account bot). */
  bot: boolean;
  /** Job title and organization in one line, as the profile shows them. */
  work_information?: string | null;
  /** How many follow the user; only for callers allowed to see the full profile. */
  followers?: number;
  /** How many the user follows; only for callers allowed to see the full profile. */
  following?: number;
  /** Whether you follow the user; only for a signed-in caller allowed to see the full profile. */
  is_followed?: boolean;
  /** The user's local time, e.g. `3:38 PM`, when the user set a time zone. */
  local_time?: string | null;
}

/**
 * A link between a user and an external identity provider (GitLab's `Identity`).
 *
 * @example
 * ```ts
 * import type { Identity } from "@gitlab-edge/client";
 * const ldapUid = (identities: Identity[]): string | undefined =>
 *   identities.find((i) => i.provider.startsWith("ldap"))?.extern_uid;
 * ```
 */
export interface Identity {
  /** The provider's name, e.g. `ldapmain` or `group_saml`. */
  provider: string;
  /** The user's id at the provider. */
  extern_uid: string;
  /** The SAML provider's id, for group SAML identities (Premium and Ultimate). */
  saml_provider_id?: number | null;
}

/**
 * A user's SCIM identity in a group (GitLab's `ScimIdentity`; Premium and Ultimate).
 *
 * @example
 * ```ts
 * import type { ScimIdentity } from "@gitlab-edge/client";
 * const activeIn = (ids: ScimIdentity[]): (number | null)[] => ids.filter((i) => i.active).map((i) => i.group_id);
 * ```
 */
export interface ScimIdentity {
  /** The user's id at the identity provider. */
  extern_uid: string;
  /** The group the identity belongs to (null for instance-level SCIM). */
  group_id: number | null;
  /** Whether the identity is active. */
  active: boolean;
}

/**
 * A user with the fields only the user and administrators see (GitLab's `UserPublic`): what `GET /user`
 * returns to a user who is not an administrator.
 *
 * @example
 * ```ts
 * import type { UserPublic } from "@gitlab-edge/client";
 * const needs2fa = (users: UserPublic[]): string[] =>
 *   users.filter((u) => !u.two_factor_enabled).map((u) => u.email);
 * ```
 */
export interface UserPublic extends User {
  /** ISO 8601. */
  last_sign_in_at: string | null;
  /** ISO 8601. */
  confirmed_at: string | null;
  /** `YYYY-MM-DD`. */
  last_activity_on: string | null;
  /** The primary email. */
  email: string;
  /** The interface theme's id. */
  theme_id: number;
  /** The syntax highlighting theme's id. */
  color_scheme_id: number;
  /** How many personal projects the user may create. */
  projects_limit: number;
  /** ISO 8601. */
  current_sign_in_at: string | null;
  /** External identities. */
  identities: Identity[];
  /** Whether the user may create groups. */
  can_create_group: boolean;
  /** Whether the user may create projects. */
  can_create_project: boolean;
  /** Whether two-factor authentication is on. */
  two_factor_enabled: boolean;
  /** Whether the user is external (limited access). */
  external: boolean;
  /** Whether the profile is private. */
  private_profile: boolean | null;
  /** The email used for web commits. */
  commit_email: string;
  /** Compute minutes limit set for the user's namespace (Premium and Ultimate). */
  shared_runners_minutes_limit?: number | null;
  /** Extra compute minutes bought for the user's namespace (Premium and Ultimate). */
  extra_shared_runners_minutes_limit?: number | null;
  /** SCIM identities (Premium and Ultimate). */
  scim_identities?: ScimIdentity[];
}

/**
 * A user with the fields only administrators see (GitLab's `UserWithAdmin`): what creating and editing
 * users answer with, what `GET /user` returns to an administrator, and the items of `GET /users` for one.
 *
 * @example
 * ```ts
 * import type { UserWithAdmin } from "@gitlab-edge/client";
 * const admins = (users: UserWithAdmin[]): string[] => users.filter((u) => u.is_admin).map((u) => u.username);
 * ```
 */
export interface UserWithAdmin extends UserPublic {
  /** Whether the user is an administrator. */
  is_admin: boolean;
  /** The administrators' note about the user. */
  note: string | null;
  /** The id of the user's personal namespace (newer GitLab versions). */
  namespace_id?: number;
  /** The administrator who created the account, if one did (newer GitLab versions). */
  created_by?: UserBasic | null;
  /** When a reset of the email was last offered, ISO 8601 (newer GitLab versions). */
  email_reset_offered_at?: string | null;
  /** Whether the user takes a licensed seat (Premium and Ultimate). */
  using_license_seat?: boolean;
  /** Whether the user is an auditor (Premium and Ultimate). */
  is_auditor?: boolean;
  /** The group that provisioned the account, if any (Premium and Ultimate). */
  provisioned_by_group_id?: number | null;
  /** The enterprise group the user belongs to, if any (Premium and Ultimate). */
  enterprise_group_id?: number | null;
  /** When the user joined that enterprise group, ISO 8601 (Premium and Ultimate). */
  enterprise_group_associated_at?: string | null;
}

/**
 * The current user (`GET /user`): a {@linkcode UserPublic}, or a {@linkcode UserWithAdmin} when the caller
 * is an administrator (check with `"is_admin" in me`).
 *
 * @example
 * ```ts
 * import { createClient, type CurrentUser, getCurrentUser } from "@gitlab-edge/client";
 * import { createSimulator, SIM_USER_TOKEN } from "@gitlab-edge/client/testing";
 * const client = createClient({
 *   baseUrl: "https://gitlab.example.com",
 *   token: SIM_USER_TOKEN,
 *   fetch: createSimulator().fetch,
 * });
 * const me: CurrentUser = await getCurrentUser(client);
 * if (!me.two_factor_enabled) console.log(`${me.username}: please enable two-factor authentication`);
 * ```
 */
export type CurrentUser = UserPublic | UserWithAdmin;

/**
 * A service account (GitLab's `ServiceAccount`; Premium and Ultimate).
 *
 * @example
 * ```ts
 * import type { ServiceAccount } from "@gitlab-edge/client";
 * const pending = (a: ServiceAccount): boolean => a.unconfirmed_email !== undefined;
 * ```
 */
export interface ServiceAccount extends UserSafe {
  /** The account's email. */
  email: string;
  /** A new email waiting for confirmation; only when there is one. */
  unconfirmed_email?: string;
  /** Whether the account is external (newer GitLab versions). */
  external?: boolean;
}

/**
 * One of a user's email addresses (GitLab's `Email`).
 *
 * @example
 * ```ts
 * import type { Email } from "@gitlab-edge/client";
 * const confirmed = (emails: Email[]): string[] => emails.filter((e) => e.confirmed_at !== null).map((e) => e.email);
 * ```
 */
export interface Email {
  /** The email's id. */
  id: number;
  /** The address. */
  email: string;
  /** When it was confirmed, ISO 8601 (null while unconfirmed). */
  confirmed_at: string | null;
}

/**
 * A user's GPG key (GitLab's `GpgKey`).
 *
 * @example
 * ```ts
 * import type { GPGKey } from "@gitlab-edge/client";
 * const armored = (key: GPGKey): boolean => key.key.startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----");
 * ```
 */
export interface GPGKey {
  /** The key's id. */
  id: number;
  /** The ASCII-armored public key. */
  key: string;
  /** ISO 8601. */
  created_at: string;
}

/**
 * A user's SSH key (GitLab's `SSHKey`).
 *
 * @example
 * ```ts
 * import type { SSHKey } from "@gitlab-edge/client";
 * const expired = (key: SSHKey, now = new Date()): boolean =>
 *   key.expires_at !== null && new Date(key.expires_at) < now;
 * ```
 */
export interface SSHKey {
  /** The key's id. */
  id: number;
  /** The key's title. */
  title: string;
  /** ISO 8601. */
  created_at: string;
  /** When the key expires, ISO 8601 (null: never). */
  expires_at: string | null;
  /** The public key. */
  key: string;
  /** What the key may be used for. */
  usage_type: "auth" | "signing" | "auth_and_signing";
}

/**
 * A personal access token, without its secret (GitLab's `PersonalAccessToken`).
 *
 * @example
 * ```ts
 * import type { PersonalAccessToken } from "@gitlab-edge/client";
 * const usable = (t: PersonalAccessToken): boolean => t.active && !t.revoked;
 * ```
 */
export interface PersonalAccessToken {
  /** The token's id. */
  id: number;
  /** The token's name. */
  name: string;
  /** Whether it was revoked. */
  revoked: boolean;
  /** ISO 8601. */
  created_at: string;
  /** The token's description (newer GitLab versions). */
  description?: string | null;
  /** Its scopes, e.g. `api`, `read_repository`. */
  scopes: string[];
  /** The user the token belongs to. */
  user_id: number;
  /** When it was last used, ISO 8601 (newer GitLab versions). */
  last_used_at?: string | null;
  /** Whether it is neither revoked nor expired. */
  active: boolean;
  /** Expiry date, `YYYY-MM-DD` (null: never). */
  expires_at: string | null;
}

/**
 * A personal access token with its secret, sent once when the token is created (GitLab's
 * `PersonalAccessTokenWithToken`).
 *
 * @example
 * ```ts
 * import type { PersonalAccessTokenWithToken } from "@gitlab-edge/client";
 * const header = (t: PersonalAccessTokenWithToken): Record<string, string> => ({ "PRIVATE-TOKEN": t.token });
 * ```
 */
export interface PersonalAccessTokenWithToken extends PersonalAccessToken {
  /** The secret; GitLab shows it only in this answer. */
  token: string;
}

/**
 * An impersonation token, without its secret (GitLab's `ImpersonationToken`; administrators only).
 *
 * @example
 * ```ts
 * import type { ImpersonationToken } from "@gitlab-edge/client";
 * const live = (tokens: ImpersonationToken[]): number => tokens.filter((t) => t.active).length;
 * ```
 */
export interface ImpersonationToken extends PersonalAccessToken {
  /** Always true for these tokens. */
  impersonation: boolean;
}

/**
 * An impersonation token with its secret, sent once when the token is created (GitLab's
 * `ImpersonationTokenWithToken`).
 *
 * @example
 * ```ts
 * import type { ImpersonationTokenWithToken } from "@gitlab-edge/client";
 * const secretOf = (t: ImpersonationTokenWithToken): string => t.token;
 * ```
 */
export interface ImpersonationTokenWithToken extends ImpersonationToken, PersonalAccessTokenWithToken {}

/**
 * A user's status (GitLab's `UserStatus`). A user without a status has every field null.
 *
 * @example
 * ```ts
 * import type { UserStatus } from "@gitlab-edge/client";
 * const line = (s: UserStatus): string => [s.emoji && `:${s.emoji}:`, s.message].filter(Boolean).join(" ");
 * ```
 */
export interface UserStatus {
  /** The emoji's name, without colons. */
  emoji: string | null;
  /** The status message. */
  message: string | null;
  /** The message rendered as HTML. */
  message_html: string | null;
  /** `not_set` or `busy` (newer GitLab versions). */
  availability?: "not_set" | "busy" | null;
  /** When the status clears itself, ISO 8601 (newer GitLab versions). */
  clear_status_at?: string | null;
}

/**
 * The current user's preferences (GitLab's `UserPreferences`).
 *
 * @example
 * ```ts
 * import type { UserPreferences } from "@gitlab-edge/client";
 * const compactDiffs = (p: UserPreferences): boolean => p.view_diffs_file_by_file && !p.show_whitespace_in_diffs;
 * ```
 */
export interface UserPreferences {
  /** The preferences record's id. */
  id: number;
  /** The user. */
  user_id: number;
  /** Whether diffs show one file per page. */
  view_diffs_file_by_file: boolean;
  /** Whether diffs show whitespace changes. */
  show_whitespace_in_diffs: boolean;
  /** Whether CI job tokens carry the user's external identities. */
  pass_user_identities_to_ci_jwt: boolean;
}

/**
 * Counts of the current user's open work (GitLab's `UserCounts`).
 *
 * @example
 * ```ts
 * import type { UserCounts } from "@gitlab-edge/client";
 * const badge = (c: UserCounts): number => c.assigned_issues + c.review_requested_merge_requests + c.todos;
 * ```
 */
export interface UserCounts {
  /** Open merge requests assigned to or authored by the user (deprecated sum). */
  merge_requests: number;
  /** Open issues assigned to the user. */
  assigned_issues: number;
  /** Open merge requests assigned to the user. */
  assigned_merge_requests: number;
  /** Open merge requests waiting for the user's review. */
  review_requested_merge_requests: number;
  /** Pending to-do items. */
  todos: number;
}

/**
 * How many projects, groups, issues and merge requests a user has (GitLab's `UserAssociationsCount`).
 *
 * @example
 * ```ts
 * import type { UserAssociationsCount } from "@gitlab-edge/client";
 * const isInactive = (c: UserAssociationsCount): boolean =>
 *   c.projects_count + c.issues_count + c.merge_requests_count === 0;
 * ```
 */
export interface UserAssociationsCount {
  /** Groups the user belongs to. */
  groups_count: number;
  /** Projects the user belongs to. */
  projects_count: number;
  /** Issues the user created. */
  issues_count: number;
  /** Merge requests the user created. */
  merge_requests_count: number;
}

/**
 * A temporary PIN a user gives GitLab Support to prove who they are (GitLab's `UserSupportPin`).
 *
 * @example
 * ```ts
 * import type { UserSupportPin } from "@gitlab-edge/client";
 * const valid = (p: UserSupportPin, now = new Date()): boolean => new Date(p.expires_at) > now;
 * ```
 */
export interface UserSupportPin {
  /** The PIN. */
  pin: string;
  /** When it stops being valid, ISO 8601. */
  expires_at: string;
}

/**
 * The answer of `PUT /user/avatar` (GitLab's `Avatar`).
 *
 * @example
 * ```ts
 * import type { Avatar } from "@gitlab-edge/client";
 * const img = (a: Avatar): string => `<img src="${a.avatar_url}">`;
 * ```
 */
export interface Avatar {
  /** The new avatar's URL. */
  avatar_url: string | null;
}

/**
 * When a user's credit card was validated (GitLab's `UserCreditCardValidations`; GitLab.com).
 *
 * @example
 * ```ts
 * import type { UserCreditCardValidations } from "@gitlab-edge/client";
 * const validated = (v: UserCreditCardValidations): boolean => v.credit_card_validated_at !== null;
 * ```
 */
export interface UserCreditCardValidations {
  /** The user. */
  user_id: number;
  /** ISO 8601. */
  credit_card_validated_at: string | null;
}

/**
 * When a user was last active (GitLab's `UserActivity`).
 *
 * @example
 * ```ts
 * import type { UserActivity } from "@gitlab-edge/client";
 * const idleSince = (activities: UserActivity[], day: string): string[] =>
 *   activities.filter((a) => a.last_activity_on < day).map((a) => a.username);
 * ```
 */
export interface UserActivity {
  /** The login name. */
  username: string;
  /** The last active day, `YYYY-MM-DD`. */
  last_activity_on: string;
  /** Deprecated copy of `last_activity_on`. */
  last_activity_at: string;
}

/**
 * A user's direct membership of a project or group (GitLab's `Membership`; administrators only).
 *
 * @example
 * ```ts
 * import type { Membership } from "@gitlab-edge/client";
 * const owned = (ms: Membership[]): string[] => ms.filter((m) => m.access_level === 50).map((m) => m.source_name);
 * ```
 */
export interface Membership {
  /** The project's or group's id. */
  source_id: number;
  /** The project's or group's name. */
  source_name: string;
  /** `Project` or `Namespace` (a group). */
  source_type: "Project" | "Namespace";
  /** The user's access level there. */
  access_level: AccessLevel;
}
