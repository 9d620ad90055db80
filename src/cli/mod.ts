/**
 * The `gitlab-edge` command-line tool as a library: {@linkcode runCli} runs a command line against any
 * {@linkcode CliIO} (the installed `gitlab-edge` command is `main.ts` over the process), and
 * {@linkcode COMMANDS} is its command table, one command per endpoint.
 *
 * @example
 * ```ts
 * import { COMMANDS, parseLine } from "@gitlab-edge/client/cli";
 * const line = parseLine(["project-issues", "list", "acme/web", "--state", "opened", "--labels", "bug"], COMMANDS);
 * console.log(line.command?.fn, line.args, line.params); // listProjectIssues [ "acme/web" ] { state: "opened", labels: [ "bug" ] }
 * ```
 *
 * @module
 */

export type { Command, CommandArg, CommandOption, OptionType } from "./command.ts";
export { COMMANDS } from "./commands.ts";
export {
  convert,
  findCommand,
  type Format,
  type GlobalFlags,
  type ParsedLine,
  parseLine,
  type RawValue,
  UsageError,
} from "./args.ts";
export { cell, defaultColumns, toJson, toJsonLine, toRecordTable, toTable } from "./format.ts";
export { commandHelp, EXIT_CODES, groupHelp, mainHelp } from "./help.ts";
export { type CliIO, runCli, type Sink } from "./run.ts";
