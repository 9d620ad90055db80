/**
 * Milestone types, after GitLab's Milestones and Group Milestones API documentation and its
 * `Milestone` entity.
 *
 * @module
 */

import type { MilestoneBasic } from "./common.ts";

/**
 * A project or group milestone, as the milestone routes return it and as issues and merge requests
 * embed it.
 *
 * @example
 * ```ts
 * import { createClient, listProjectMilestones, type Milestone } from "@gitlab-edge/client";
 * const client = createClient({
 *   baseUrl: "https://gitlab.example.com",
 *   fetch: () => Promise.resolve(Response.json([])),
 * });
 * const milestones: Milestone[] = await listProjectMilestones(client, "acme/web", { state: "active" }).toArray();
 * const late = milestones.filter((m) => m.expired === true);
 * console.log(late.map((m) => `${m.title} was due ${m.due_date}`));
 * ```
 */
export interface Milestone extends MilestoneBasic {
  /** `active` or `closed`. */
  state: "active" | "closed";
  /** Whether the due date has passed; `null` when there is no due date. */
  expired: boolean | null;
}

/**
 * One event of a milestone's burndown chart (Premium and Ultimate): an issue of the milestone was
 * created, closed or reopened.
 *
 * @example
 * ```ts
 * import type { MilestoneBurndownEvent } from "@gitlab-edge/client";
 * const closedWeight = (events: MilestoneBurndownEvent[]): number =>
 *   events.filter((e) => e.action === "closed").reduce((sum, e) => sum + (e.weight ?? 0), 0);
 * ```
 */
export interface MilestoneBurndownEvent {
  /** ISO 8601. */
  created_at: string;
  /** The weight at that time, if it has one. */
  weight: number | null;
  /** What happened to the issue; known values are `created`, `closed` and `reopened`. */
  action: string;
}
