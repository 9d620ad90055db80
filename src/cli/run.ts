/**
 * The command-line tool, independent of the runtime: {@linkcode runCli} reads a command line, calls the
 * endpoint function it names, prints the result and returns the exit status. The process glue (argv,
 * environment, standard streams, files) is in `main.ts`; tests can give their own {@linkcode CliIO}.
 *
 * @example
 * ```ts
 * import { type CliIO, runCli } from "@gitlab-edge/client/cli";
 * let out = "";
 * const io: CliIO = {
 *   env: () => undefined,
 *   stdout: { write: async (chunk) => void (out += typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk)), close: async () => {} },
 *   stderr: { write: async () => {}, close: async () => {} },
 *   stderrIsTTY: false,
 *   readFile: () => Promise.reject(new Error("no files")),
 *   openOutput: () => Promise.reject(new Error("no files")),
 * };
 * const status = await runCli(["--simulator", "projects", "get", "acme/web"], io);
 * console.log(status, JSON.parse(out).path_with_namespace); // 0 "acme/web"
 * ```
 *
 * @module
 */

import { type Client, type ClientOptions, createClient } from "../client.ts";
import { configFromEnv } from "../env.ts";
import { GitLabHTTPError, GitLabNetworkError, GitLabTimeoutError } from "../errors.ts";
import type { Paginated } from "../paginate.ts";
import * as api from "../resources/mod.ts";
import { createSimulator } from "../testing/simulator.ts";
import { SIM_USER_TOKEN } from "../testing/seed.ts";
import { VERSION } from "../version.ts";
import { type GlobalFlags, isGroup, parseLine, type RawValue, UsageError } from "./args.ts";
import type { Command } from "./command.ts";
import { COMMANDS } from "./commands.ts";
import { toJson, toJsonLine, toRecordTable, toTable } from "./format.ts";
import { commandHelp, EXIT_CODES, groupHelp, mainHelp } from "./help.ts";

/**
 * Where output goes: standard output or error, or a file. Each write resolves once it was taken.
 *
 * @example
 * ```ts
 * import type { Sink } from "@gitlab-edge/client/cli";
 * const chunks: (string | Uint8Array)[] = [];
 * const memory: Sink = { write: async (chunk) => void chunks.push(chunk), close: async () => {} };
 * ```
 */
export interface Sink {
  /** Writes text or bytes, waiting while the destination is full. */
  write(chunk: string | Uint8Array): Promise<void>;
  /** Flushes and closes (standard streams stay open). */
  close(): Promise<void>;
}

/**
 * What the tool needs from its process.
 *
 * @example
 * ```ts
 * import type { CliIO } from "@gitlab-edge/client/cli";
 * const quiet = { write: async () => {}, close: async () => {} };
 * const io: CliIO = {
 *   env: (name) => ({ GITLAB_URL: "https://gitlab.example.com" } as Record<string, string>)[name],
 *   stdout: quiet,
 *   stderr: quiet,
 *   stderrIsTTY: false,
 *   readFile: () => Promise.reject(new Error("no files here")),
 *   openOutput: () => Promise.resolve(quiet),
 * };
 * ```
 */
export interface CliIO {
  /** Reads an environment variable. */
  readonly env: (name: string) => string | undefined;
  /** Standard output. */
  readonly stdout: Sink;
  /** Standard error. */
  readonly stderr: Sink;
  /** Whether standard error is a terminal (then long lists show a progress line). */
  readonly stderrIsTTY: boolean;
  /** Reads a file for an upload (`-` is standard input). */
  readFile(path: string): Promise<Uint8Array>;
  /** Opens a file for `--output`. */
  openOutput(path: string): Promise<Sink>;
  /** The transport (default: the global `fetch`). */
  readonly fetch?: (request: Request) => Promise<Response>;
  /** Aborted when the user interrupts the process. */
  readonly signal?: AbortSignal;
}

type Fn = (client: Client, ...rest: unknown[]) => unknown;

/** The client for the command line's flags and the environment. */
function clientFor(flags: GlobalFlags, io: CliIO): Client {
  const common: Omit<ClientOptions, "baseUrl"> = {
    userAgent: `gitlab-edge-cli/${VERSION}`,
    ...(flags.timeout !== undefined ? { timeout: flags.timeout } : {}),
    ...(flags.sudo !== undefined ? { sudo: flags.sudo } : {}),
  };
  const credential = {
    ...(flags.token !== undefined ? { token: flags.token } : {}),
    ...(flags.oauthToken !== undefined ? { oauthToken: flags.oauthToken } : {}),
    ...(flags.jobToken !== undefined ? { jobToken: flags.jobToken } : {}),
  };
  const ownCredential = Object.keys(credential).length > 0;
  if (Object.keys(credential).length > 1) {
    throw new UsageError("give only one of --token, --oauth-token and --job-token");
  }
  if (flags.simulator) {
    if (flags.url !== undefined) throw new UsageError("--simulator and --url exclude each other");
    return createClient({
      ...common,
      baseUrl: "https://gitlab.example.com",
      fetch: createSimulator().fetch,
      ...(ownCredential ? credential : { token: SIM_USER_TOKEN }),
    });
  }
  // `--url` stands for GITLAB_URL, the first URL the environment rules read; the rest is configFromEnv's.
  const env = (name: string) => (name === "GITLAB_URL" && flags.url !== undefined ? flags.url : io.env(name));
  let found;
  try {
    found = configFromEnv(env).options;
  } catch {
    throw new UsageError(
      "no GitLab URL: pass --url or set GITLAB_URL (in GitLab CI, CI_API_V4_URL is used); " +
        "or try the built-in simulator with --simulator",
    );
  }
  const fromEnv = ownCredential ? { baseUrl: found.baseUrl } : found;
  return createClient({ ...common, ...(io.fetch ? { fetch: io.fetch } : {}), ...fromEnv, ...credential });
}

/** Reads the `file` options' paths into `File` values. */
async function withFiles(
  params: Readonly<Record<string, RawValue>>,
  files: readonly string[],
  io: CliIO,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { ...params };
  for (const name of files) {
    const path = String(params[name]);
    let bytes: Uint8Array;
    try {
      bytes = await io.readFile(path);
    } catch (e) {
      throw new UsageError(`--${name}: cannot read ${path}: ${(e as Error).message}`);
    }
    const base = path === "-" ? "stdin" : path.split(/[\\/]/).pop() || "file";
    out[name] = new File([bytes as Uint8Array<ArrayBuffer>], base);
  }
  return out;
}

/** A progress line on standard error while a long list is read (only when it is a terminal). */
function progress(io: CliIO): { update(items: number, pages: number): Promise<void>; done(): Promise<void> } {
  let shown = false;
  let last = 0;
  return {
    async update(items, pages) {
      if (!io.stderrIsTTY) return;
      const now = Date.now();
      if (now - last < 200 && shown) return;
      last = now;
      shown = true;
      await io.stderr.write(
        `\r\x1b[K${items} item${items === 1 ? "" : "s"}, ${pages} page${pages === 1 ? "" : "s"}…`,
      );
    },
    async done() {
      if (shown) await io.stderr.write("\r\x1b[K");
    },
  };
}

/** Prints a list: streamed as JSON Lines, or collected for one JSON document or a table. */
async function printList(list: Paginated<unknown>, flags: GlobalFlags, out: Sink, io: CliIO): Promise<void> {
  const format = flags.format ?? "json";
  const bar = progress(io);
  const items: unknown[] = [];
  let count = 0;
  let pages = 0;
  try {
    for await (const page of list.pages()) {
      pages++;
      for (const item of page.items) {
        count++;
        if (format === "jsonl") await out.write(toJsonLine(item));
        else items.push(item);
      }
      await bar.update(count, pages);
    }
  } finally {
    await bar.done();
  }
  if (format === "json") await out.write(toJson(items));
  else if (format === "table") await out.write(toTable(items, flags.columns));
}

/** Prints one value (an object, an array, headers) in the chosen format. */
async function printValue(value: unknown, flags: GlobalFlags, out: Sink): Promise<void> {
  const format = flags.format ?? "json";
  if (format === "table") await out.write(toRecordTable(value, flags.columns));
  else if (format === "jsonl") {
    if (Array.isArray(value)) { for (const v of value) await out.write(toJsonLine(v)); }
    else await out.write(toJsonLine(value));
  } else await out.write(toJson(value));
}

/** Copies a byte stream to the sink as it arrives. */
async function pipe(body: ReadableStream<Uint8Array>, out: Sink): Promise<void> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      await out.write(value);
    }
  } finally {
    reader.releaseLock();
  }
}

/** Runs one command. */
async function execute(command: Command, line: ReturnType<typeof parseLine>, io: CliIO): Promise<void> {
  const { flags } = line;
  const fn = (api as unknown as Record<string, Fn>)[command.fn];
  if (typeof fn !== "function") throw new Error(`the library has no function ${command.fn}`);
  if (command.kind !== "list" && (flags.maxItems !== undefined || flags.maxPages !== undefined)) {
    throw new UsageError(
      `--max-items and --max-pages are for lists; ${command.group} ${command.action} is not one`,
      command,
    );
  }
  if (flags.columns !== undefined && flags.format !== "table") {
    throw new UsageError("--columns is for --format table", command);
  }
  if (command.kind === "stream" && flags.format !== undefined) {
    throw new UsageError(
      `${command.group} ${command.action} downloads bytes; --format does not apply`,
      command,
    );
  }
  const client = clientFor(flags, io);
  const params = await withFiles(line.params, line.files, io);
  const options: Record<string, unknown> = {
    ...params,
    ...(io.signal ? { signal: io.signal } : {}),
    ...(command.kind === "list" && flags.perPage !== undefined ? { per_page: flags.perPage } : {}),
    ...(flags.maxItems !== undefined ? { maxItems: flags.maxItems } : {}),
    ...(flags.maxPages !== undefined ? { maxPages: flags.maxPages } : {}),
  };
  const out = flags.output !== undefined ? await io.openOutput(flags.output) : io.stdout;
  try {
    const result = fn(client, ...line.args, options);
    switch (command.kind) {
      case "list":
        await printList(result as Paginated<unknown>, flags, out, io);
        break;
      case "stream":
        await pipe(await (result as Promise<ReadableStream<Uint8Array>>), out);
        break;
      case "head":
        await printValue(Object.fromEntries(await (result as Promise<Headers>)), flags, out);
        break;
      case "none":
        await result;
        break;
      default:
        await printValue(await result, flags, out);
    }
  } finally {
    if (out !== io.stdout) await out.close();
  }
}

/** The call and GitLab's answer: status and its `message` or `error` (credentials redacted). */
function gitlabMessage(e: GitLabHTTPError): string {
  return e.message;
}

/**
 * Runs the tool over a command line (without the program name) and returns the exit status (see
 * `EXIT_CODES` in `help.ts`). Never throws; errors are printed to standard error, and no token appears in
 * them.
 *
 * @example
 * ```ts
 * import { type CliIO, runCli } from "@gitlab-edge/client/cli";
 * let printed = "";
 * const out = { write: async (c: string | Uint8Array) => void (printed += String(c)), close: async () => {} };
 * const io: CliIO = { env: () => undefined, stdout: out, stderr: out, stderrIsTTY: false, readFile: () => Promise.reject(new Error("none")), openOutput: () => Promise.resolve(out) };
 * const status = await runCli(["--simulator", "current-user", "get", "--format", "table", "--columns", "username"], io);
 * console.log(status, printed); // 0 "username  alice\n"
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  let command: Command | undefined;
  try {
    const line = parseLine(argv, COMMANDS);
    const { flags, words } = line;
    command = line.command;
    if (flags.version) {
      await io.stdout.write(`gitlab-edge ${VERSION}\n`);
      return EXIT_CODES.ok;
    }
    if (!command) {
      if (words.length === 0) {
        await (flags.help ? io.stdout : io.stderr).write(mainHelp(COMMANDS, VERSION));
        return flags.help ? EXIT_CODES.ok : EXIT_CODES.usage;
      }
      if (!isGroup(COMMANDS, words[0])) {
        const near = COMMANDS.map((c) => c.group).filter((g, i, all) =>
          all.indexOf(g) === i && (g.includes(words[0]) || words[0].includes(g))
        ).slice(0, 8);
        throw new UsageError(
          `no group "${words[0]}"` + (near.length ? `; did you mean: ${near.join(", ")}?` : "") +
            " (gitlab-edge --help lists every group)",
        );
      }
      if (words.length === 1) {
        await io.stdout.write(groupHelp(COMMANDS, words[0]));
        return EXIT_CODES.ok;
      }
      const actions = COMMANDS.filter((c) => c.group === words[0]).map((c) => c.action).sort();
      throw new UsageError(`${words[0]} has no action "${words[1]}"; its actions: ${actions.join(", ")}`);
    }
    if (flags.help) {
      await io.stdout.write(commandHelp(command));
      return EXIT_CODES.ok;
    }
    await execute(command, line, io);
    return EXIT_CODES.ok;
  } catch (e) {
    return await report(e, command, io);
  }
}

async function report(e: unknown, command: Command | undefined, io: CliIO): Promise<number> {
  const say = (text: string) => io.stderr.write(`gitlab-edge: ${text}\n`);
  try {
    if (e instanceof UsageError) {
      const about = e.command ?? command;
      await say(e.message);
      await io.stderr.write(
        about
          ? `Run \`gitlab-edge ${about.group} ${about.action} --help\` for its arguments and options.\n`
          : "Run `gitlab-edge --help` for usage.\n",
      );
      return EXIT_CODES.usage;
    }
    if (e instanceof GitLabHTTPError) {
      await say(gitlabMessage(e));
      return e.status >= 500 ? EXIT_CODES.server : EXIT_CODES.client;
    }
    if (e instanceof GitLabTimeoutError) {
      await say(e.message);
      return EXIT_CODES.timeout;
    }
    if (e instanceof GitLabNetworkError) {
      await say(e.message);
      return EXIT_CODES.network;
    }
    if (io.signal?.aborted) {
      await say("interrupted");
      return EXIT_CODES.interrupted;
    }
    // The library checks arguments before sending and throws TypeError / RangeError naming them.
    if (e instanceof TypeError || e instanceof RangeError) {
      await say(e.message);
      return EXIT_CODES.usage;
    }
    await say(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
    return EXIT_CODES.internal;
  } catch {
    return EXIT_CODES.internal;
  }
}
