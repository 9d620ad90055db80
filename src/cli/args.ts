/**
 * The command line, read against the command table: global flags, the command (`<group> <action>`), its
 * path parameters (positional) and GitLab's parameters (`--name value`), each converted to the type the
 * table gives. Bad input is a {@linkcode UsageError} naming the argument, before anything is sent.
 *
 * @module
 */

import type { Command, CommandOption } from "./command.ts";

/**
 * A command line that cannot be run: the message names what is wrong.
 *
 * @example
 * ```ts
 * import { COMMANDS, parseLine, UsageError } from "@gitlab-edge/client/cli";
 * try {
 *   parseLine(["projects", "list", "--order_by", "stars"], COMMANDS);
 * } catch (e) {
 *   if (e instanceof UsageError) console.log(e.message); // --order_by must be one of id, name, …
 * }
 * ```
 */
export class UsageError extends Error {
  /** The command it is about, when one was found (for the hint to its `--help`). */
  readonly command?: Command;

  /**
   * Creates the error.
   *
   * @param message What is wrong, naming the argument.
   * @param command The command, when one was found.
   */
  constructor(message: string, command?: Command) {
    super(message);
    this.name = "UsageError";
    if (command) this.command = command;
  }
}

/**
 * The output formats.
 *
 * @example
 * ```ts
 * import type { Format } from "@gitlab-edge/client/cli";
 * const streamed = (format: Format): boolean => format === "jsonl";
 * ```
 */
export type Format = "json" | "jsonl" | "table";

/**
 * The flags every command takes.
 *
 * @example
 * ```ts
 * import { COMMANDS, type GlobalFlags, parseLine } from "@gitlab-edge/client/cli";
 * const flags: GlobalFlags = parseLine(["--format", "table", "projects", "list"], COMMANDS).flags;
 * console.log(flags.format); // "table"
 * ```
 */
export interface GlobalFlags {
  /** `--url`: GitLab's URL (else `GITLAB_URL`, `CI_API_V4_URL`, `CI_SERVER_URL`). */
  url?: string;
  /** `--token`: a personal, project or group access token (else `GITLAB_TOKEN`). */
  token?: string;
  /** `--oauth-token`: an OAuth 2 token (else `GITLAB_OAUTH_TOKEN`). */
  oauthToken?: string;
  /** `--job-token`: a CI job token (else `GITLAB_JOB_TOKEN`, `CI_JOB_TOKEN`). */
  jobToken?: string;
  /** `--sudo`: act as this user (an administrator's token). */
  sudo?: string;
  /** `--simulator`: run against the built-in GitLab simulator. */
  simulator?: boolean;
  /** `--format`: `json` (default), `jsonl` (one list item per line) or `table`. */
  format?: Format;
  /** `--columns`: the table's columns. */
  columns?: string[];
  /** `--max-items`: stop a list after this many items. */
  maxItems?: number;
  /** `--max-pages`: stop a list after this many pages. */
  maxPages?: number;
  /** `--per-page`: items per page (1 to 100). */
  perPage?: number;
  /** `--output`: write the result to this file instead of standard output. */
  output?: string;
  /** `--timeout`: the deadline of the call in milliseconds (`0`: none). */
  timeout?: number;
  /** `--help`. */
  help?: boolean;
  /** `--version`. */
  version?: boolean;
}

/**
 * A parameter's value before files are read: a `file` option holds its path.
 *
 * @example
 * ```ts
 * import type { RawValue } from "@gitlab-edge/client/cli";
 * const labels: RawValue = ["bug", "ui"];
 * ```
 */
export type RawValue = string | number | boolean | null | RawValue[] | { [key: string]: RawValue };

/**
 * The command line, read.
 *
 * @example
 * ```ts
 * import { COMMANDS, parseLine, type ParsedLine } from "@gitlab-edge/client/cli";
 * const line: ParsedLine = parseLine(["projects", "get", "acme/web"], COMMANDS);
 * console.log(line.command?.fn, line.args); // getProject [ "acme/web" ]
 * ```
 */
export interface ParsedLine {
  /** The global flags. */
  readonly flags: GlobalFlags;
  /** The positional words: group, action, then path parameters. */
  readonly words: readonly string[];
  /** The command, when the first two words name one. */
  readonly command?: Command;
  /** The path parameters, converted. */
  readonly args: readonly (string | number)[];
  /** GitLab's parameters, converted (a `file` option holds its path until it is read). */
  readonly params: Readonly<Record<string, RawValue>>;
  /** The names of the `file` options given. */
  readonly files: readonly string[];
}

/** The global flags that take a value. */
const VALUE_FLAGS: Record<string, keyof GlobalFlags> = {
  url: "url",
  token: "token",
  "oauth-token": "oauthToken",
  "job-token": "jobToken",
  sudo: "sudo",
  format: "format",
  columns: "columns",
  "max-items": "maxItems",
  "max-pages": "maxPages",
  "per-page": "perPage",
  output: "output",
  timeout: "timeout",
};

/** The global flags that take none. */
const SWITCHES: Record<string, keyof GlobalFlags> = {
  simulator: "simulator",
  jsonl: "format",
  help: "help",
  version: "version",
};

/** The names of the global flags, for help and for refusing a GitLab parameter that shadows one. */
export const GLOBAL_FLAGS: readonly string[] = [...Object.keys(VALUE_FLAGS), ...Object.keys(SWITCHES)];

function integer(text: string, what: string, min: number, command?: Command): number {
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(Number(text)) || Number(text) < min) {
    throw new UsageError(
      `${what} must be an integer${min > 0 ? ` of at least ${min}` : ""}, got "${text}"`,
      command,
    );
  }
  return Number(text);
}

function setGlobal(flags: GlobalFlags, key: keyof GlobalFlags, name: string, value: string): void {
  switch (key) {
    case "format":
      if (value !== "json" && value !== "jsonl" && value !== "table") {
        throw new UsageError(`--format must be json, jsonl or table, got "${value}"`);
      }
      flags.format = value;
      return;
    case "columns":
      flags.columns = value.split(",").map((c) => c.trim()).filter(Boolean);
      if (flags.columns.length === 0) throw new UsageError("--columns needs at least one column name");
      return;
    case "maxItems":
    case "maxPages":
      flags[key] = integer(value, `--${name}`, 1);
      return;
    case "perPage": {
      const n = integer(value, "--per-page", 1);
      if (n > 100) throw new UsageError(`--per-page must be 1 to 100, got ${n}`);
      flags.perPage = n;
      return;
    }
    case "timeout":
      flags.timeout = integer(value, "--timeout", 0);
      return;
    default:
      if (value.trim() === "") throw new UsageError(`--${name} needs a value`);
      (flags as Record<string, unknown>)[key] = value;
  }
}

/**
 * Finds the command named by the first two words.
 *
 * @example
 * ```ts
 * import { COMMANDS, findCommand } from "@gitlab-edge/client/cli";
 * console.log(findCommand(COMMANDS, "project-pipelines", "retry")?.path); // /projects/:id/pipelines/:pipeline_id/retry
 * ```
 */
export function findCommand(
  commands: readonly Command[],
  group: string,
  action: string,
): Command | undefined {
  return commands.find((c) => c.group === group && c.action === action);
}

/** Whether any command belongs to this group. */
export function isGroup(commands: readonly Command[], group: string): boolean {
  return commands.some((c) => c.group === group);
}

function optionOf(command: Command, flag: string): CommandOption | undefined {
  const name = flag.replace(/-/g, "_");
  return command.options.find((o) =>
    o.name === flag || o.name === name || o.name.replace(/-/g, "_") === name
  );
}

const BOOLEAN_WORDS: Record<string, boolean> = {
  true: true,
  false: false,
  yes: true,
  no: false,
  "1": true,
  "0": false,
};

/**
 * Converts one flag's text to the option's type (an array option is converted item by item).
 *
 * @example
 * ```ts
 * import { convert } from "@gitlab-edge/client/cli";
 * console.log(convert({ name: "iids", type: "array:integer" }, "42")); // 42
 * ```
 */
export function convert(option: CommandOption, text: string, command?: Command): RawValue {
  const what = `--${option.name}`;
  const type = option.type.startsWith("array:") ? option.type.slice(6) : option.type;
  let value: RawValue;
  switch (type) {
    case "integer":
      value = integer(text, what, Number.MIN_SAFE_INTEGER, command);
      break;
    case "number": {
      const n = Number(text);
      if (text.trim() === "" || !Number.isFinite(n)) {
        throw new UsageError(`${what} must be a number, got "${text}"`, command);
      }
      value = n;
      break;
    }
    case "boolean": {
      const b = BOOLEAN_WORDS[text.toLowerCase()];
      if (b === undefined) throw new UsageError(`${what} must be true or false, got "${text}"`, command);
      value = b;
      break;
    }
    case "id":
      value = /^\d+$/.test(text) ? Number(text) : text;
      if (text === "") throw new UsageError(`${what} needs a value`, command);
      break;
    case "date":
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(text))) {
        throw new UsageError(`${what} must be a date (YYYY-MM-DD), got "${text}"`, command);
      }
      value = text;
      break;
    case "date-time":
      if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(Date.parse(text))) {
        throw new UsageError(`${what} must be an ISO 8601 date-time, got "${text}"`, command);
      }
      value = text;
      break;
    case "file":
      if (text === "") throw new UsageError(`${what} needs a file path (or - for standard input)`, command);
      value = text;
      break;
    case "hash":
    case "json": {
      if (type === "hash" && !/^\s*\{/.test(text)) {
        const eq = text.indexOf("=");
        if (eq <= 0) {
          throw new UsageError(`${what} takes key=value (repeat it for more keys), got "${text}"`, command);
        }
        value = { [text.slice(0, eq)]: text.slice(eq + 1) };
        break;
      }
      try {
        value = JSON.parse(text) as RawValue;
      } catch {
        throw new UsageError(
          `${what} must be JSON, got "${text.length > 60 ? text.slice(0, 57) + "..." : text}"`,
          command,
        );
      }
      if (type === "hash" && (value === null || typeof value !== "object" || Array.isArray(value))) {
        throw new UsageError(`${what} must be a JSON object or key=value`, command);
      }
      break;
    }
    default:
      value = text;
  }
  if (option.values && option.values.length > 0 && !option.values.some((v) => String(v) === String(value))) {
    throw new UsageError(`${what} must be one of ${option.values.join(", ")}; got "${text}"`, command);
  }
  if (option.values?.some((v) => typeof v === "number") && typeof value === "string") value = Number(value);
  return value;
}

/** Adds one converted value to the parameters (arrays and hashes collect repeated flags). */
function add(
  params: Record<string, RawValue>,
  option: CommandOption,
  value: RawValue,
  command: Command,
): void {
  const current = params[option.name];
  if (option.type.startsWith("array:")) {
    params[option.name] = [...((current as RawValue[] | undefined) ?? []), value];
  } else if (option.type === "json" && Array.isArray(value) && Array.isArray(current)) {
    params[option.name] = [...current, ...value];
  } else if (option.type === "json" && current !== undefined && Array.isArray(current)) {
    params[option.name] = [...current, value];
  } else if (option.type === "hash" && current !== undefined) {
    params[option.name] = {
      ...(current as Record<string, RawValue>),
      ...(value as Record<string, RawValue>),
    };
  } else if (current !== undefined) {
    throw new UsageError(`--${option.name} is given twice`, command);
  } else {
    params[option.name] = value;
  }
}

/**
 * Reads a command line. Global flags may come anywhere; a command's own flags come after its name.
 * Throws {@linkcode UsageError} for anything that cannot be run.
 *
 * @example
 * ```ts
 * import { COMMANDS, parseLine } from "@gitlab-edge/client/cli";
 * const line = parseLine(["project-issues", "list", "acme/web", "--labels", "bug", "--labels", "ui"], COMMANDS);
 * console.log(line.params.labels); // [ "bug", "ui" ]
 * ```
 */
export function parseLine(argv: readonly string[], commands: readonly Command[]): ParsedLine {
  const flags: GlobalFlags = {};
  const words: string[] = [];
  const params: Record<string, RawValue> = Object.create(null);
  const files: string[] = [];
  let command: Command | undefined;
  let onlyWords = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyWords || arg === "-" || !arg.startsWith("-")) {
      words.push(arg);
      if (!command && words.length === 2) command = findCommand(commands, words[0], words[1]);
      continue;
    }
    if (arg === "--") {
      onlyWords = true;
      continue;
    }
    if (arg === "-h") {
      flags.help = true;
      continue;
    }
    if (arg === "-o") {
      if (i + 1 >= argv.length) throw new UsageError("-o needs a file path");
      setGlobal(flags, "output", "output", argv[++i]);
      continue;
    }
    if (!arg.startsWith("--")) throw new UsageError(`unknown flag ${arg}`, command);
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const inline = eq < 0 ? undefined : arg.slice(eq + 1);
    const next = (): string => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new UsageError(`--${name} needs a value`, command);
      return argv[++i];
    };
    if (name in SWITCHES) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`, command);
      const key = SWITCHES[name];
      if (key === "format") flags.format = "jsonl";
      else (flags as Record<string, unknown>)[key] = true;
      continue;
    }
    if (name in VALUE_FLAGS) {
      setGlobal(flags, VALUE_FLAGS[name], name, next());
      continue;
    }
    if (!command) {
      throw new UsageError(
        words.length < 2
          ? `unknown flag --${name} before the command (a command's own flags come after its name)`
          : `no command "${words.slice(0, 2).join(" ")}"`,
      );
    }
    let option = optionOf(command, name);
    let negated = false;
    if (!option && name.startsWith("no-")) {
      const positive = optionOf(command, name.slice(3));
      if (positive?.type === "boolean") {
        option = positive;
        negated = true;
      }
    }
    if (!option) {
      throw new UsageError(`${command.group} ${command.action} has no option --${name}`, command);
    }
    if (option.type === "boolean") {
      if (negated && inline !== undefined) throw new UsageError(`--${name} takes no value`, command);
      add(
        params,
        option,
        negated ? false : inline === undefined ? true : convert(option, inline, command),
        command,
      );
      continue;
    }
    const text = next();
    if (option.type === "file") files.push(option.name);
    add(params, option, convert(option, text, command), command);
  }
  const args: (string | number)[] = [];
  if (command) {
    const given = words.slice(2);
    if (!flags.help) {
      if (given.length < command.args.length) {
        const missing = command.args.slice(given.length).map((a) => `<${a.name}>`).join(" ");
        throw new UsageError(`${command.group} ${command.action}: missing ${missing}`, command);
      }
      if (given.length > command.args.length) {
        throw new UsageError(
          `${command.group} ${command.action} takes ${command.args.length} argument(s), got ${given.length}: ` +
            given.map((w) => JSON.stringify(w)).join(" "),
          command,
        );
      }
      command.args.forEach((a, n) => {
        const text = given[n];
        if (text === "") throw new UsageError(`<${a.name}> is empty`, command);
        if (a.type === "integer") args.push(integer(text, `<${a.name}>`, Number.MIN_SAFE_INTEGER, command));
        else if (a.type === "id" && /^\d+$/.test(text)) args.push(Number(text));
        else args.push(text);
      });
      for (const o of command.options) {
        if (o.required && !(o.name in params)) {
          throw new UsageError(`${command.group} ${command.action}: --${o.name} is required`, command);
        }
      }
    }
  }
  return { flags, words, ...(command ? { command } : {}), args, params, files };
}
