/**
 * The command-line tool's help texts, written from the command table: the overview, one group's
 * actions, and one command's arguments and options.
 *
 * @module
 */

import type { Command, CommandOption } from "./command.ts";

/**
 * What each exit status means.
 *
 * @example
 * ```ts
 * import { EXIT_CODES } from "@gitlab-edge/client/cli";
 * const retryable = (status: number): boolean => status === EXIT_CODES.server || status === EXIT_CODES.network;
 * ```
 */
export const EXIT_CODES: Readonly<Record<string, number>> = Object.freeze({
  ok: 0,
  /** Something unexpected (a bug): the message says what. */
  internal: 1,
  /** Bad arguments, bad flags or missing configuration: nothing was sent. */
  usage: 2,
  /** GitLab answered 4xx. */
  client: 4,
  /** GitLab answered 5xx (after the retries). */
  server: 5,
  /** The network failed (connection refused, DNS, TLS, reset). */
  network: 6,
  /** The call's deadline (`--timeout`) passed. */
  timeout: 7,
  /** Interrupted (Ctrl-C). */
  interrupted: 130,
});

const CONNECTION = `Connection (the same environment variables as the library's clientFromEnv):
  --url URL            GitLab's URL; else GITLAB_URL, or in GitLab CI CI_API_V4_URL / CI_SERVER_URL
  --token TOKEN        an access token (PRIVATE-TOKEN); else GITLAB_TOKEN. Prefer the variable:
                       command lines are visible to other users of the machine
  --oauth-token TOKEN  an OAuth 2 token (Bearer); else GITLAB_OAUTH_TOKEN
  --job-token TOKEN    a CI job token (JOB-TOKEN); else GITLAB_JOB_TOKEN or CI_JOB_TOKEN
  --sudo USER          act as this user (needs an administrator's token)
  --simulator          run against the built-in GitLab simulator and its demo data (as user alice)
  --timeout MS         the deadline of the call, retries included (default 60000; 0 for none)`;

const OUTPUT = `Output:
  --format FORMAT      json (default: one document), jsonl (one list item per line, streamed) or table
  --jsonl              the same as --format jsonl
  --columns A,B        the table's columns (dotted paths work: author.username)
  --max-items N        stop a list after N items
  --max-pages N        stop a list after N pages
  --per-page N         items per page, 1 to 100
  -o, --output FILE    write the result (or a downloaded file) to FILE instead of standard output
  -h, --help           help for the command, the group or the tool
  --version            the tool's version`;

const EXITS =
  `Exit status: 0 done; 2 bad arguments or configuration (nothing was sent); 4 GitLab answered 4xx;
5 GitLab answered 5xx; 6 network failure; 7 timeout; 1 anything else. GitLab's message goes to stderr.`;

/** Wraps words to lines of at most `width` characters, each indented. */
function wrap(words: readonly string[], width: number, indent: string): string {
  const lines: string[] = [];
  let line = "";
  for (const w of words) {
    if (line && (indent + line + " " + w).length > width) {
      lines.push(indent + line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(indent + line);
  return lines.join("\n");
}

/**
 * The overview: usage, flags, exit codes and every group.
 *
 * @example
 * ```ts
 * import { COMMANDS, mainHelp } from "@gitlab-edge/client/cli";
 * console.log(mainHelp(COMMANDS, "0.1.0").split("\n")[0]);
 * ```
 */
export function mainHelp(commands: readonly Command[], version: string): string {
  const groups = [...new Set(commands.map((c) => c.group))].sort();
  return `gitlab-edge ${version}: GitLab's REST API from the command line, one command per endpoint
(${commands.length} commands in ${groups.length} groups).

Usage:
  gitlab-edge <group> <action> [arguments] [--option value ...]
  gitlab-edge <group>                      the actions of a group
  gitlab-edge <group> <action> --help      a command's arguments and options

Examples:
  gitlab-edge --simulator projects list --format table
  gitlab-edge projects get acme/web
  gitlab-edge project-issues list acme/web --state opened --labels bug --jsonl
  gitlab-edge project-pipelines retry acme/web 42
  gitlab-edge project-repository-file-raw get acme/web README.md --ref main -o README.md

Path parameters are positional; a project or group is its numeric id or its full path (group/project).
GitLab's parameters are --flags named as GitLab names them (--order_by or --order-by); booleans are
--flag, --flag=false or --no-flag; lists repeat the flag (--labels a --labels b); hashes take key=value;
files take a path (or - for standard input).

${CONNECTION}

${OUTPUT}

${EXITS}

Groups:
${wrap(groups, 100, "  ")}
`;
}

/**
 * One group's actions, each with its usage and summary.
 *
 * @example
 * ```ts
 * import { COMMANDS, groupHelp } from "@gitlab-edge/client/cli";
 * console.log(groupHelp(COMMANDS, "project-pipelines"));
 * ```
 */
export function groupHelp(commands: readonly Command[], group: string): string {
  const actions = commands.filter((c) => c.group === group).sort((a, b) => a.action.localeCompare(b.action));
  const usages = actions.map((c) => `${c.action}${c.args.map((a) => ` <${a.name}>`).join("")}`);
  const width = Math.max(...usages.map((u) => u.length));
  return `gitlab-edge ${group} <action> ...

Actions:
${actions.map((c, i) => `  ${usages[i].padEnd(width)}  ${plain(c.summary)}`).join("\n")}

Run \`gitlab-edge ${group} <action> --help\` for an action's options.
`;
}

/**
 * Summaries are written for the library's JSDoc; the terminal gets them without code marks and without
 * the sentences about the function's return value.
 */
function plain(text: string): string {
  return text
    .replace(
      / Iterating it all uses GitLab's keyset pagination[^.]*\)\./,
      " Read with keyset pagination where GitLab allows it.",
    )
    .replace(/ Resolves to [^.]*(\([^)]*\))?\./g, "")
    .replace(/\{@linkcode ([^}]+)\}/g, "$1")
    .replace(/`([^`]*)`/g, "$1");
}

function describe(o: CommandOption): string {
  const parts: string[] = [];
  if (o.required) parts.push("required");
  const type = o.type.startsWith("array:") ? `${o.type.slice(6)}, repeatable` : o.type;
  parts.push(type);
  if (o.values && o.values.length) {
    if (parts.at(-1) === "string") parts.pop();
    parts.push(`one of ${o.values.join(", ")}`);
  }
  if (o.default !== undefined) parts.push(`GitLab's default ${JSON.stringify(o.default)}`);
  return parts.join("; ");
}

const ARG_TYPES: Record<string, string> = {
  id: "a numeric id or a full path (group/project)",
  integer: "an integer",
  string: "text (sent URL-encoded)",
};

const VALUE_NAMES: Record<string, string> = {
  integer: "N",
  number: "N",
  id: "ID",
  date: "YYYY-MM-DD",
  "date-time": "TIME",
  file: "PATH",
  hash: "KEY=VALUE",
  json: "JSON",
};

/**
 * One command's help: usage, what it calls, its arguments and options.
 *
 * @example
 * ```ts
 * import { COMMANDS, commandHelp, findCommand } from "@gitlab-edge/client/cli";
 * console.log(commandHelp(findCommand(COMMANDS, "projects", "list")!));
 * ```
 */
export function commandHelp(c: Command): string {
  const args = c.args.map((a) => ` <${a.name}>`).join("");
  const flags = c.options.map((o) => {
    const base = o.type.startsWith("array:") ? o.type.slice(6) : o.type;
    return `--${o.name}${o.type === "boolean" ? "" : ` ${VALUE_NAMES[base] ?? "VALUE"}`}`;
  });
  const width = Math.max(0, ...flags.map((f) => f.length), ...c.args.map((a) => a.name.length + 2));
  const lines = [
    `gitlab-edge ${c.group} ${c.action}${args}${c.options.length ? " [options]" : ""}`,
    "",
    plain(c.summary),
    "",
    `  ${c.method} ${c.path}`,
    `  library: ${c.fn}(client${c.args.map((a) => `, ${a.name}`).join("")}${
      c.options.length ? ", options" : ""
    })`,
    `  docs:    ${c.doc}`,
  ];
  if (c.args.length) {
    lines.push("", "Arguments:");
    for (const a of c.args) lines.push(`  ${`<${a.name}>`.padEnd(width)}  ${ARG_TYPES[a.type]}`);
  }
  if (c.options.length) {
    lines.push("", "Options:");
    c.options.forEach((o, i) => lines.push(`  ${flags[i].padEnd(width)}  ${describe(o)}`));
  }
  if (c.kind === "list") {
    lines.push(
      "",
      "A list: every page is read lazily; --max-items and --max-pages stop it, --jsonl streams it.",
    );
  } else if (c.kind === "stream") {
    lines.push("", "Downloads bytes: they go to standard output, or to -o FILE, as they arrive.");
  }
  lines.push("", "Run `gitlab-edge --help` for the connection and output flags.", "");
  return lines.join("\n");
}
