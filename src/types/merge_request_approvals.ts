/**
 * Merge request approval types, after GitLab's Merge Request Approvals API documentation and its
 * `MergeRequestApprovals`, `ApprovalState`, `MergeRequestApprovalState` and approval rule entities.
 *
 * @module
 */

import type { UserBasic } from "./common.ts";
import type { Group } from "./groups.ts";
import type { ProtectedBranch } from "./protected_branches.ts";

/**
 * One approval of a merge request (GitLab's `Approvals` entity).
 *
 * @example
 * ```ts
 * import type { MergeRequestApproval } from "@gitlab-edge/client";
 * const approvers = (approvals: MergeRequestApproval[]): string => approvals.map((a) => a.user.username).join(", ");
 * ```
 */
export interface MergeRequestApproval {
  /** Who approved. */
  user: UserBasic;
}

/**
 * A merge request's approvals as GitLab Free reports them (GitLab's `MergeRequestApprovals` entity).
 * Premium and Ultimate answer the same routes with the larger {@linkcode ApprovalState}.
 *
 * @example
 * ```ts
 * import { approveProjectMergeRequest, type ApprovalState, createClient, type MergeRequestApprovals } from "@gitlab-edge/client";
 * const client = createClient({
 *   baseUrl: "https://gitlab.example.com",
 *   fetch: () => Promise.resolve(Response.json({ approved: true, user_has_approved: true, user_can_approve: false, approved_by: [] })),
 * });
 * const approvals: MergeRequestApprovals | ApprovalState = await approveProjectMergeRequest(client, "acme/web", 21);
 * const left = "approvals_left" in approvals ? approvals.approvals_left : 0;
 * console.log(approvals.approved, left);
 * ```
 */
export interface MergeRequestApprovals {
  /** Whether the current user has approved. */
  user_has_approved: boolean;
  /** Whether the current user may approve. */
  user_can_approve: boolean;
  /** Whether the approvals needed are all there. */
  approved: boolean;
  /** Everyone who approved, whether or not their approval counts towards a rule. */
  approved_by: MergeRequestApproval[];
}

/**
 * An approval rule in brief: its id, name and kind.
 *
 * @example
 * ```ts
 * import type { ApprovalRuleShort } from "@gitlab-edge/client";
 * const names = (rules: ApprovalRuleShort[]): string[] => rules.map((r) => `${r.name} (${r.rule_type})`);
 * ```
 */
export interface ApprovalRuleShort {
  /** The rule's id. */
  id: number;
  /** The rule's name. */
  name: string;
  /** Known values: `regular`, `any_approver`, `code_owner`, `report_approver`. */
  rule_type: string;
}

/**
 * A merge request's approvals as Premium and Ultimate report them (GitLab's `ApprovalState` entity): the
 * merge request's own fields, the counts and the rules still to satisfy.
 *
 * @example
 * ```ts
 * import type { ApprovalState } from "@gitlab-edge/client";
 * const status = (s: ApprovalState): string =>
 *   s.approved ? "approved" : `${s.approvals_left} more needed (${s.approval_rules_left.map((r) => r.name).join(", ")})`;
 * ```
 */
export interface ApprovalState extends MergeRequestApprovals {
  /** The merge request's global id. */
  id: number;
  /** The merge request's number within its project. */
  iid: number;
  /** The project id. */
  project_id: number;
  /** The merge request's title. */
  title: string;
  /** The merge request's description. */
  description: string | null;
  /** `opened`, `closed`, `locked` or `merged`. */
  state: "opened" | "closed" | "locked" | "merged";
  /** ISO 8601. */
  created_at: string;
  /** ISO 8601. */
  updated_at: string;
  /** The merge request's coarse merge status (`can_be_merged`, `cannot_be_merged`, `unchecked`, …). */
  merge_status: string;
  /** Approvals needed in all. */
  approvals_required: number;
  /** Approvals still needed. */
  approvals_left: number;
  /** Whether approving asks for the user's password. */
  require_password_to_approve: boolean;
  /** Users GitLab suggests as approvers. */
  suggested_approvers: UserBasic[];
  /** The users of the first regular rule (deprecated by GitLab in favour of approval rules). */
  approvers: { user: UserBasic }[];
  /** The groups of the first regular rule (deprecated by GitLab in favour of approval rules). */
  approver_groups: { group: Group }[];
  /** The rules not yet satisfied. */
  approval_rules_left: ApprovalRuleShort[];
  /** Whether the merge request has rules of its own or from its project. */
  has_approval_rules: boolean;
  /** Whether the project's plan offers approval rules. */
  merge_request_approvers_available: boolean;
  /** Whether the project's plan offers several approval rules. */
  multiple_approval_rules_available: boolean;
  /** Rules that cannot be satisfied because they have no eligible approvers. */
  invalid_approvers_rules: ApprovalRuleShort[];
}

/**
 * An approval rule with its approvers (GitLab's `ApprovalRule` entity; Premium and Ultimate).
 *
 * @example
 * ```ts
 * import type { ApprovalRule } from "@gitlab-edge/client";
 * const canApprove = (rule: ApprovalRule, username: string): boolean =>
 *   rule.eligible_approvers.some((u) => u.username === username);
 * ```
 */
export interface ApprovalRule extends ApprovalRuleShort {
  /** Everyone who may approve under this rule (its users and the members of its groups). */
  eligible_approvers: UserBasic[];
  /** Approvals the rule needs. */
  approvals_required: number;
  /** The users named in the rule. */
  users: UserBasic[];
  /** The groups named in the rule. */
  groups: Group[];
  /** Whether the rule names groups the current user cannot see. */
  contains_hidden_groups: boolean;
}

/**
 * An approval rule of a merge request (Premium and Ultimate).
 *
 * @example
 * ```ts
 * import type { MergeRequestApprovalRule } from "@gitlab-edge/client";
 * const fromProject = (rules: MergeRequestApprovalRule[]): MergeRequestApprovalRule[] =>
 *   rules.filter((r) => r.source_rule !== null && !r.overridden);
 * ```
 */
export interface MergeRequestApprovalRule extends ApprovalRule {
  /** For a code owner rule, the `CODEOWNERS` section it comes from. */
  section: string | null;
  /** The project rule it was copied from, if any. */
  source_rule: { approvals_required: number } | null;
  /** Whether it overrides the project rule it was copied from. */
  overridden: boolean;
}

/**
 * An approval rule of a merge request with whether it is satisfied.
 *
 * @example
 * ```ts
 * import type { MergeRequestApprovalStateRule } from "@gitlab-edge/client";
 * const unmet = (rules: MergeRequestApprovalStateRule[]): string[] => rules.filter((r) => !r.approved).map((r) => r.name);
 * ```
 */
export interface MergeRequestApprovalStateRule extends MergeRequestApprovalRule {
  /** Whether it comes from `CODEOWNERS`. */
  code_owner: boolean;
  /** The eligible approvers who approved. */
  approved_by: UserBasic[];
  /** Whether the rule is satisfied. */
  approved: boolean;
}

/**
 * The answer of `GET /projects/:id/merge_requests/:iid/approval_state` (Premium and Ultimate): every
 * rule of the merge request and whether it is satisfied.
 *
 * @example
 * ```ts
 * import type { MergeRequestApprovalState } from "@gitlab-edge/client";
 * const done = (s: MergeRequestApprovalState): boolean => s.rules.every((r) => r.approved);
 * ```
 */
export interface MergeRequestApprovalState {
  /** Whether the merge request's rules replace its project's. */
  approval_rules_overwritten: boolean;
  /** The rules. */
  rules: MergeRequestApprovalStateRule[];
}

/**
 * A group's approval rule (Ultimate), applied to the group's projects.
 *
 * @example
 * ```ts
 * import type { GroupApprovalRule } from "@gitlab-edge/client";
 * const everywhere = (rules: GroupApprovalRule[]): GroupApprovalRule[] =>
 *   rules.filter((r) => r.applies_to_all_protected_branches);
 * ```
 */
export interface GroupApprovalRule extends ApprovalRule {
  /** For a security report rule, the report it gates (`scan_finding`, `license_scanning`, …); otherwise `null`. */
  report_type: string | null;
  /** Whether it applies to every protected branch. */
  applies_to_all_protected_branches: boolean;
  /** The protected branches it applies to; only when the plan offers several approval rules. */
  protected_branches?: ProtectedBranch[];
}
