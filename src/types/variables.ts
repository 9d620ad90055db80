/**
 * CI/CD variable types, after GitLab's project-, group- and instance-level variables API documentation and
 * its `Ci::Variable` entity (also used for a pipeline's and a pipeline schedule's variables).
 *
 * @module
 */

/**
 * How a variable reaches a job: as an environment variable, or as a file whose path is in the variable.
 *
 * @example
 * ```ts
 * import type { VariableType } from "@gitlab-edge/client";
 * const asFile = (type: VariableType): boolean => type === "file";
 * const kind: Record<VariableType, string> = { env_var: "environment variable", file: "file path" };
 * ```
 */
export type VariableType = "env_var" | "file";

/**
 * A CI/CD variable. The settings fields are sent only for the kinds of variable that have them: project,
 * group and instance variables have `protected`, `masked`, `raw` and `description`; project and group
 * variables also `environment_scope` and `hidden`; a pipeline's or a schedule's variables have only some.
 *
 * @example
 * ```ts
 * import type { Variable } from "@gitlab-edge/client";
 * const toEnv = (variables: Variable[]): Record<string, string> =>
 *   Object.fromEntries(
 *     variables.filter((v) => v.variable_type === "env_var" && v.value !== null).map((v) => [v.key, v.value!]),
 *   );
 * ```
 */
export interface Variable {
  /** How the variable reaches a job. */
  variable_type: VariableType;
  /** The variable's name. */
  key: string;
  /** The value; null for a hidden variable, whose value GitLab never returns. */
  value: string | null;
  /** Whether the value is hidden in the UI and the API; project and group variables only. */
  hidden?: boolean;
  /** Whether only pipelines of protected branches and tags get it; not for pipeline or schedule variables. */
  protected?: boolean;
  /** Whether the value is masked in job logs; not for pipeline or schedule variables. */
  masked?: boolean;
  /** Whether `$` references in the value are left unexpanded; sent for the kinds of variable that have it. */
  raw?: boolean;
  /** The environments it applies to (`*` for all); project and group variables only. */
  environment_scope?: string;
  /** Its description; project, group and instance variables only. */
  description?: string | null;
}
