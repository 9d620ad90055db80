/**
 * The shape of one command of the `gitlab-edge` command-line tool: one endpoint of the library, as the
 * generated table (`src/cli/commands.ts`) describes it.
 *
 * @module
 */

/**
 * How a flag's text becomes a GitLab parameter: `string`, `integer`, `number`, `boolean`, `id` (a number
 * or a path), `date` (`YYYY-MM-DD`), `date-time` (ISO 8601), `file` (a path, read and uploaded), `hash`
 * (`key=value`, repeatable), `json` (a JSON value) or `array:<item type>` (the flag repeated).
 *
 * @example
 * ```ts
 * import type { OptionType } from "@gitlab-edge/client/cli";
 * const repeatable = (type: OptionType): boolean => type.startsWith("array:");
 * ```
 */
export type OptionType =
  | "string"
  | "integer"
  | "number"
  | "boolean"
  | "id"
  | "date"
  | "date-time"
  | "file"
  | "hash"
  | "json"
  | `array:${string}`;

/**
 * One GitLab parameter of a command, given as `--name value`.
 *
 * @example
 * ```ts
 * import { COMMANDS, type CommandOption } from "@gitlab-edge/client/cli";
 * const required: CommandOption[] = COMMANDS.find((c) => c.fn === "createProjectIssue")!.options.filter((o) => o.required);
 * console.log(required.map((o) => o.name)); // [ "title" ]
 * ```
 */
export interface CommandOption {
  /** GitLab's name (snake_case); `--order_by` and `--order-by` both work. */
  readonly name: string;
  /** How the value is read. */
  readonly type: OptionType;
  /** Whether GitLab requires it. */
  readonly required?: boolean;
  /** The values GitLab accepts, where it has a fixed set. */
  readonly values?: readonly (string | number | boolean)[];
  /** GitLab's default, where it documents one. */
  readonly default?: unknown;
}

/**
 * One path parameter of a command, given positionally.
 *
 * @example
 * ```ts
 * import { COMMANDS, type CommandArg } from "@gitlab-edge/client/cli";
 * const args: readonly CommandArg[] = COMMANDS.find((c) => c.fn === "retryProjectPipeline")!.args;
 * console.log(args.map((a) => `<${a.name}>`).join(" ")); // <id> <pipeline_id>
 * ```
 */
export interface CommandArg {
  /** The route's name for it (`id`, `pipeline_id`). */
  readonly name: string;
  /** `id` (a numeric id or a full path such as `group/project`), `integer` or `string`. */
  readonly type: "id" | "integer" | "string";
}

/**
 * One command: `<group> <action>`, calling one endpoint function.
 *
 * @example
 * ```ts
 * import { COMMANDS, type Command } from "@gitlab-edge/client/cli";
 * const writes: Command[] = COMMANDS.filter((c) => c.group === "project-issues" && c.method !== "GET");
 * console.log(writes.map((c) => c.action));
 * ```
 */
export interface Command {
  /** The resource, e.g. `project-pipelines`. */
  readonly group: string;
  /** The operation, e.g. `retry`. */
  readonly action: string;
  /** The library function it calls, e.g. `retryProjectPipeline`. */
  readonly fn: string;
  /** The HTTP method. */
  readonly method: string;
  /** The route, e.g. `/projects/:id/pipelines/:pipeline_id/retry`. */
  readonly path: string;
  /** What it returns: a paginated list, one value, nothing, a byte stream or headers. */
  readonly kind: "list" | "one" | "none" | "stream" | "head";
  /** The path parameters, in order. */
  readonly args: readonly CommandArg[];
  /** GitLab's other parameters. */
  readonly options: readonly CommandOption[];
  /** What it does, in a sentence. */
  readonly summary: string;
  /** GitLab's documentation page. */
  readonly doc: string;
}
