/**
 * Member types, after GitLab's Grape entities `Member`, `MemberRole`, `BillableMember`,
 * `BillableMembership` and `PendingMember`.
 *
 * @module
 */

import type { AccessLevel, JsonValue, UserBasic } from "./common.ts";
import type { Identity, ScimIdentity } from "./users.ts";

/**
 * A custom role (GitLab's `MemberRole`; Ultimate): a base access level plus extra abilities. Each ability is
 * a boolean field named after it (`read_code`, `admin_merge_request`, …); GitLab adds abilities over time.
 *
 * @example
 * ```ts
 * import type { MemberRole } from "@gitlab-edge/client";
 * const canReadCode = (role: MemberRole): boolean => role.read_code === true || role.base_access_level >= 20;
 * ```
 */
export interface MemberRole {
  /** The role's id. */
  id: number;
  /** The role's name. */
  name: string;
  /** What the role is for. */
  description: string | null;
  /** The top-level group that owns the role (null for an instance-wide role). */
  group_id: number | null;
  /** The access level the role starts from. */
  base_access_level: AccessLevel;
  /** Each extra ability, by name. */
  [ability: string]: JsonValue | undefined;
}

/**
 * A member of a project or group (GitLab's `Member`): the user's fields, merged with the membership's.
 *
 * @example
 * ```ts
 * import { createClient, listProjectMembersAll, type Member } from "@gitlab-edge/client";
 * const client = createClient({
 *   baseUrl: "https://gitlab.example.com",
 *   fetch: () => Promise.resolve(Response.json([])),
 * });
 * const members: Member[] = await listProjectMembersAll(client, "acme/web").toArray();
 * console.log(members.filter((m) => m.access_level >= 40).map((m) => m.username));
 * ```
 */
export interface Member extends UserBasic {
  /** The member's access level. */
  access_level: AccessLevel;
  /** When the membership began, ISO 8601. */
  created_at: string;
  /** Who added the member; absent when unknown. */
  created_by?: UserBasic;
  /** When the membership ends (`YYYY-MM-DD`), if it does. */
  expires_at: string | null;
  /** The member's group SAML identity; only for callers allowed to read it (Premium and Ultimate). */
  group_saml_identity?: Identity;
  /** The member's group SCIM identity; only for callers allowed to read it (Premium and Ultimate). */
  group_scim_identity?: ScimIdentity;
  /** The member's email; only for administrators and owners of the member's enterprise group. */
  email?: string;
  /** Whether the member takes a licensed seat; only with `show_seat_info=true` (Premium and Ultimate). */
  is_using_seat?: boolean;
  /** Whether the access level overrides LDAP sync; only for LDAP-synced group members (Premium and Ultimate). */
  override?: boolean;
  /** `active`, or `awaiting` while a seat is pending (Premium and Ultimate). */
  membership_state?: "active" | "awaiting";
  /** The member's custom role, when there is one (Ultimate). */
  member_role?: MemberRole;
}

/**
 * A user counted as a billable member of a top-level group (GitLab's `BillableMember`; Premium and
 * Ultimate).
 *
 * @example
 * ```ts
 * import type { BillableMember } from "@gitlab-edge/client";
 * const removable = (members: BillableMember[]): string[] =>
 *   members.filter((m) => m.removable && !m.is_last_owner).map((m) => m.username);
 * ```
 */
export interface BillableMember extends UserBasic {
  /** The public email, or the primary one for administrators and enterprise group owners. */
  email: string | null;
  /** The last active day, `YYYY-MM-DD`. */
  last_activity_on: string | null;
  /** How the user belongs: `group_member`, `project_member`, `group_invite` or `project_invite`. */
  membership_type: "group_member" | "project_member" | "group_invite" | "project_invite";
  /** Whether the user is a direct member, and so can be removed here. */
  removable: boolean;
  /** When the account was created, ISO 8601. */
  created_at: string;
  /** Whether the user is the group's last owner. */
  is_last_owner: boolean;
  /** When the user last signed in, ISO 8601. */
  last_login_at: string | null;
}

/**
 * One membership through which a billable member belongs to a group's hierarchy (GitLab's
 * `BillableMembership`; Premium and Ultimate).
 *
 * @example
 * ```ts
 * import type { BillableMembership } from "@gitlab-edge/client";
 * const where = (ms: BillableMembership[]): string[] =>
 *   ms.map((m) => `${m.source_full_name}: ${m.access_level.string_value}`);
 * ```
 */
export interface BillableMembership {
  /** The membership's id. */
  id: number;
  /** The project's or group's id. */
  source_id: number;
  /** The project's or group's full name. */
  source_full_name: string;
  /** The page listing its members. */
  source_members_url: string;
  /** When the membership began, ISO 8601. */
  created_at: string;
  /** When it ends (`YYYY-MM-DD`), if it does. */
  expires_at: string | null;
  /** The access level, as a name and a number, and the custom role if any. */
  access_level: {
    /** E.g. `Developer`. */
    string_value: string;
    /** E.g. `30`. */
    integer_value: AccessLevel;
    /** The custom role, if the membership has one. */
    custom_role?: { id: number; name: string } | null;
  };
}

/**
 * A membership waiting for an owner's approval, or an invitation not yet accepted (GitLab's
 * `PendingMember`; Premium and Ultimate).
 *
 * @example
 * ```ts
 * import type { PendingMember } from "@gitlab-edge/client";
 * const invitations = (ms: PendingMember[]): string[] => ms.filter((m) => m.invited).map((m) => m.email);
 * ```
 */
export interface PendingMember {
  /** The membership's id. */
  id: number;
  /** The user's display name; absent for an invitation by email. */
  name?: string;
  /** The user's login name; absent for an invitation by email. */
  username?: string;
  /** The invited address, or the user's email. */
  email: string;
  /** The user's profile page; absent for an invitation by email. */
  web_url?: string;
  /** Whether this is an invitation. */
  invited: boolean;
  /** The avatar's URL. */
  avatar_url: string | null;
  /** Whether the membership was approved. */
  approved: boolean;
}
