/**
 * The resource groups the simulator answers. To simulate another group, add a module exporting a
 * {@linkcode RouteGroup} and list it here; if the demo data should include that group's records, export
 * a {@linkcode GroupSeed} too and list it in {@linkcode GROUP_SEEDS}.
 *
 * @module
 */

import type { RouteGroup } from "../router.ts";
import type { Store } from "../store.ts";
import { registerBranchRoutes } from "./branches.ts";
import { registerForkRoutes } from "./forks.ts";
import { registerGroupRoutes } from "./groups.ts";
import { registerIssueRoutes } from "./issues.ts";
import { registerMergeRequestRoutes, seedMergeRequestActivity } from "./merge_requests.ts";
import { registerLabelRoutes, seedLabels } from "./labels.ts";
import { registerMilestoneRoutes, seedMilestones } from "./milestones.ts";
import { registerNoteRoutes } from "./notes.ts";
import { registerDiscussionRoutes } from "./discussions.ts";
import { registerMergeRequestApprovalRoutes } from "./merge_request_approvals.ts";
import { registerProjectListRoutes } from "./project_lists.ts";
import { registerProjectRoutes } from "./projects.ts";
import { registerRepositoryFileRoutes } from "./repository_files.ts";
import { registerUploadRoutes } from "./uploads.ts";
import { registerUserRoutes } from "./users.ts";
import { registerVersionRoutes } from "./version.ts";
import { registerContainerRegistryRoutes, seedContainerRegistry } from "./container_registry.ts";
import { registerDeployKeyRoutes, seedDeployKeys } from "./deploy_keys.ts";
import { registerHookRoutes, seedHooks } from "./hooks.ts";
import { registerMemberRoutes, seedMembers } from "./members.ts";
import { registerPackageRoutes, seedPackages } from "./packages.ts";
import { registerSearchRoutes } from "./search.ts";
import { registerSnippetRoutes, seedSnippets } from "./snippets.ts";
import { registerWikiRoutes, seedWikis } from "./wikis.ts";
import { registerCiVariableRoutes, seedCiVariables } from "./ci_variables.ts";
import { registerDeploymentRoutes, seedDeployments } from "./deployments.ts";
import { registerEnvironmentRoutes } from "./environments.ts";
import { registerJobRoutes } from "./jobs.ts";
import { registerPipelineRoutes, seedPipelines } from "./pipelines.ts";
import { registerRunnerRoutes, seedRunners } from "./runners.ts";
import { registerCommitRoutes } from "./commits.ts";
import { registerRepositoryRoutes, seedRepository } from "./repositories.ts";
import { registerTagRoutes } from "./tags.ts";
import { registerReleaseRoutes } from "./releases.ts";
import { registerProtectedBranchRoutes } from "./protected_branches.ts";

/** @internal every simulated resource group, registered in this order. */
export const ROUTE_GROUPS: readonly RouteGroup[] = [
  registerVersionRoutes,
  registerUserRoutes,
  registerGroupRoutes,
  registerProjectListRoutes,
  registerProjectRoutes,
  registerForkRoutes,
  registerUploadRoutes,
  registerIssueRoutes,
  registerMergeRequestRoutes,
  registerLabelRoutes,
  registerMilestoneRoutes,
  registerNoteRoutes,
  registerDiscussionRoutes,
  registerMergeRequestApprovalRoutes,
  registerRepositoryFileRoutes,
  registerBranchRoutes,
  registerMemberRoutes,
  registerHookRoutes,
  registerDeployKeyRoutes,
  registerSnippetRoutes,
  registerWikiRoutes,
  registerSearchRoutes,
  registerPackageRoutes,
  registerContainerRegistryRoutes,
  registerPipelineRoutes,
  registerJobRoutes,
  registerEnvironmentRoutes,
  registerDeploymentRoutes,
  registerRunnerRoutes,
  registerCiVariableRoutes,
  registerCommitRoutes,
  registerRepositoryRoutes,
  registerTagRoutes,
  registerReleaseRoutes,
  registerProtectedBranchRoutes,
];

/** @internal adds one group's records to the default dataset, after the users, groups and projects exist. */
export type GroupSeed = (store: Store) => void;

/** @internal the groups' additions to the default dataset, applied in this order. */
export const GROUP_SEEDS: readonly GroupSeed[] = [
  seedRepository,
  seedLabels,
  seedMilestones,
  seedMergeRequestActivity,
  seedMembers,
  seedHooks,
  seedDeployKeys,
  seedSnippets,
  seedWikis,
  seedPackages,
  seedContainerRegistry,
  seedRunners,
  seedPipelines,
  seedDeployments,
  seedCiVariables,
];
