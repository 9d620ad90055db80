/**
 * Checks every fenced code block of the Markdown docs: each TypeScript or JavaScript block must type-check on
 * its own and run, unchanged, against the GitLab simulator.
 *
 * ```sh
 * deno run -A scripts/readme_code.ts                 # README, CONTRIBUTING, CHANGELOG, SECURITY, docs/*.md
 * deno run -A scripts/readme_code.ts docs/guide.md   # only these files
 * deno run -A scripts/readme_code.ts --list          # the blocks found; nothing is checked or run
 * ```
 *
 * - Blocks whose info string starts with `ts`/`typescript` or `js`/`javascript`/`mjs` are code; every other
 *   block (`sh`, `console`, `text`, `json`, no language, …) is counted, reported and skipped.
 * - Each code block is written to `.build/readme-code/<file>_<line>.ts` (`README_26.ts`, `docs_guide_12.ts`;
 *   `.mjs` for JavaScript, with a `// @ts-check` line first) and all of them are type-checked by one
 *   `deno check`, with a generated `.build/readme-code/deno.json`: the repository's compiler options, and an
 *   import map in which `@gitlab-edge/client` and every subpath of `deno.json`'s `exports`
 *   (`@gitlab-edge/client/projects`, …) resolve to the sources.
 * - Then each block is run with `deno run` (network to loopback and gitlab.example.com, environment, reads),
 *   unless its info string says `no-run` (```` ```ts no-run ````) or it is a Worker module
 *   (`export default {`), which are only type-checked. A preload module replaces the global `fetch` so that
 *   requests to `https://gitlab.example.com` reach a fresh simulator (seeded: group `acme`, projects
 *   `acme/web`, `acme/api`, …, user `alice`), and the environment has `GITLAB_URL=https://gitlab.example.com`
 *   and `GITLAB_TOKEN` set to `SIM_USER_TOKEN` (every other `GITLAB_*` and `CI_*` variable removed), so both
 *   `createClient({ baseUrl: "https://gitlab.example.com", token: Deno.env.get("GITLAB_TOKEN") })` and
 *   `clientFromEnv()` reach it. A run must exit 0 within 20 s; its output is kept in
 *   `.build/readme-code/<file>_<line>.log`, and `deno check`'s in `_check.log`.
 *
 * Prints one line per code block (`ok README.md:26 ts (checked, ran)`, `ok README.md:211 ts (checked;
 * no-run)`, `FAILED README.md:144 ts: …` with the error's first lines, locations given in the Markdown
 * file), one line per file for the blocks that are not code, and last `readme-code: N passed, N failed`
 * (a block passes when it type-checks and, if it is run, runs). Exits 1 when any block failed.
 * `--out DIR` writes the generated files to DIR instead of `.build/readme-code/` (which is emptied first).
 *
 * @module
 */

import { SIM_USER_TOKEN } from "@gitlab-edge/client/testing";

const ROOT = new URL("../", import.meta.url);
const DEFAULT_FILES = ["README.md", "CONTRIBUTING.md", "CHANGELOG.md", "SECURITY.md"];
const RUN_LIMIT_MS = 20_000;
const PARALLEL = 2;
const SIM_URL = "https://gitlab.example.com";
const RUN_PERMISSIONS = ["--allow-net=127.0.0.1,localhost,gitlab.example.com", "--allow-env", "--allow-read"];
/** How many lines of an error the report shows. */
const SHOWN_LINES = 6;

/** One fenced block of a Markdown file. */
export interface Fence {
  /** The 1-based line of the opening fence. */
  line: number;
  /** The info string after the fence characters, trimmed. */
  info: string;
  /** The block's content, without the fences (and without the fence's own indentation). */
  code: string;
}

/** A TypeScript or JavaScript block, as checked and run. */
interface Block extends Fence {
  /** The Markdown file, as shown (relative to the repository when inside it). */
  file: string;
  lang: "ts" | "js";
  /** `<file>_<line>`: the generated files' name. */
  name: string;
  ext: "ts" | "mjs";
  /** Lines put before the block's code in the generated file. */
  offset: number;
  /** Why the block is only type-checked (`no-run`, a Worker), or undefined when it runs. */
  notRun?: string;
}

/** A block's outcome. */
interface Outcome {
  ok: boolean;
  /** The report's lines for the block. */
  lines: string[];
}

/**
 * The fenced blocks of a Markdown text: backtick or tilde fences of three or more characters, closed by a
 * fence of the same character at least as long (or by the end of the text).
 */
export function fences(text: string): Fence[] {
  const lines = text.split(/\r?\n/);
  const found: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( *)(`{3,}|~{3,})(.*)$/.exec(lines[i]);
    if (!open || (open[2][0] === "`" && open[3].includes("`"))) continue;
    const [, indent, fence, info] = open;
    const close = new RegExp(`^ *${fence[0]}{${fence.length},}\\s*$`);
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !close.test(lines[j]); j++) {
      const line = lines[j];
      const strip = Math.min(indent.length, line.length - line.trimStart().length);
      body.push(line.slice(strip));
    }
    found.push({ line: i + 1, info: info.trim(), code: body.join("\n") });
    i = j;
  }
  return found;
}

/** The words of an info string: the language, then flags such as `no-run`. */
function words(info: string): string[] {
  return info.split(/[\s,{}]+/).filter(Boolean);
}

/** The language of an info string (its first word, lower case), or "" for none. */
function language(info: string): string {
  return words(info)[0]?.toLowerCase() ?? "";
}

const CODE = new Map<string, "ts" | "js">([
  ["ts", "ts"],
  ["typescript", "ts"],
  ["js", "js"],
  ["javascript", "js"],
  ["mjs", "js"],
]);

/** A file URL as a path for a command line. */
function path(url: URL): string {
  return decodeURIComponent(url.pathname);
}

/** The file name a path is shown with: relative to the repository when inside it. */
function shown(url: URL): string {
  return url.href.startsWith(ROOT.href) ? decodeURIComponent(url.href.slice(ROOT.href.length)) : path(url);
}

async function exists(url: URL): Promise<boolean> {
  try {
    return (await Deno.stat(url)).isFile;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

/** The default files that exist: the top-level documents and `docs/*.md`. */
async function defaultFiles(): Promise<URL[]> {
  const files: URL[] = [];
  for (const name of DEFAULT_FILES) {
    const url = new URL(name, ROOT);
    if (await exists(url)) files.push(url);
  }
  const docs: URL[] = [];
  try {
    for await (const entry of Deno.readDir(new URL("docs/", ROOT))) {
      if (entry.isFile && entry.name.endsWith(".md")) docs.push(new URL(`docs/${entry.name}`, ROOT));
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return [...files, ...docs.sort((a, b) => a.href.localeCompare(b.href))];
}

/** What one file holds: its code blocks and, per language, the blocks that are not code. */
interface FileBlocks {
  file: string;
  blocks: Block[];
  skipped: Map<string, number>;
  /** The skipped blocks, for `--list`. */
  others: Fence[];
}

function classify(file: string, text: string): FileBlocks {
  const stem = file.replace(/\.md$/i, "").replace(/[^A-Za-z0-9-]+/g, "_");
  const result: FileBlocks = { file, blocks: [], skipped: new Map(), others: [] };
  for (const fence of fences(text)) {
    const lang = CODE.get(language(fence.info));
    if (!lang) {
      const key = language(fence.info) || "plain";
      result.skipped.set(key, (result.skipped.get(key) ?? 0) + 1);
      result.others.push(fence);
      continue;
    }
    const flags = words(fence.info).slice(1);
    const notRun = flags.includes("no-run")
      ? "no-run"
      : /^\s*export\s+default\s*\{/m.test(fence.code)
      ? "worker: not run"
      : undefined;
    result.blocks.push({
      ...fence,
      file,
      lang,
      name: `${stem}_${fence.line}`,
      ext: lang === "ts" ? "ts" : "mjs",
      offset: lang === "js" ? 1 : 0,
      ...(notRun ? { notRun } : {}),
    });
  }
  return result;
}

/** The generated config: deno.json's compiler options, and its imports plus every export, as file URLs. */
async function config(): Promise<string> {
  const deno = JSON.parse(await Deno.readTextFile(new URL("deno.json", ROOT))) as {
    name: string;
    exports?: Record<string, string>;
    imports?: Record<string, string>;
    compilerOptions?: Record<string, unknown>;
  };
  const target = (to: string) => to.startsWith("./") || to.startsWith("../") ? new URL(to, ROOT).href : to;
  const imports: Record<string, string> = {};
  for (const [key, to] of Object.entries(deno.imports ?? {})) imports[key] = target(to);
  for (const [sub, to] of Object.entries(deno.exports ?? {})) {
    imports[sub === "." ? deno.name : `${deno.name}/${sub.replace(/^\.\//, "")}`] = target(to);
  }
  return JSON.stringify({ compilerOptions: deno.compilerOptions ?? {}, imports, lock: false }, null, 2) +
    "\n";
}

const PRELOAD = `// Written by scripts/readme_code.ts: requests to ${SIM_URL} reach a fresh simulator.
import { createSimulator } from "@gitlab-edge/client/testing";

const sim = createSimulator();
const real = globalThis.fetch;
globalThis.fetch = (input: Request | URL | string, init?: RequestInit): Promise<Response> => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.hostname === "gitlab.example.com") return sim.fetch(input, init);
  return real(input, init);
};
`;

/** The environment of the commands run: the simulator's URL and token, no other GitLab or CI variable. */
function childEnv(): Record<string, string> {
  const env = Deno.env.toObject();
  for (const key of Object.keys(env)) {
    if (key.startsWith("GITLAB_") || key.startsWith("CI_") || key === "RUST_BACKTRACE") delete env[key];
  }
  return { ...env, NO_COLOR: "1", GITLAB_URL: SIM_URL, GITLAB_TOKEN: SIM_USER_TOKEN };
}

/** Runs `items` through `work`, at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** The generated files, and how their paths in a tool's output read back as Markdown locations. */
class Workspace {
  readonly byName = new Map<string, Block>();
  constructor(readonly out: URL, blocks: Block[]) {
    for (const block of blocks) this.byName.set(block.name, block);
  }

  file(block: Block): URL {
    return new URL(`${block.name}.${block.ext}`, this.out);
  }

  /** The block a file URL names, if any. */
  blockOf(url: string): Block | undefined {
    if (!url.startsWith(this.out.href)) return undefined;
    return this.byName.get(url.slice(this.out.href.length).replace(/\.(ts|mjs)$/, ""));
  }

  /** `file:///…/.build/readme-code/README_26.ts:3:20` (or the bare path) becomes `README.md:28:20`. */
  locate(text: string): string {
    const dir = this.out.href.replace(/^file:\/\//, "");
    const pattern = new RegExp(
      `(?:file://)?${
        dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      }([A-Za-z0-9_-]+)\\.(?:ts|mjs)(?::(\\d+)(?::(\\d+))?)?`,
      "g",
    );
    return text.replace(pattern, (all, name: string, line?: string, col?: string) => {
      const block = this.byName.get(name);
      if (!block) return all;
      if (!line) return `${block.file}:${block.line}`;
      return `${block.file}:${block.line + Number(line) - block.offset}${col ? `:${col}` : ""}`;
    });
  }
}

/** One diagnostic of `deno check`'s output. */
interface Diagnostic {
  /** A TypeScript diagnostic (the others, module resolution and syntax errors, stop the check). */
  ts: boolean;
  /** The file URL of its location, if it has one. */
  at?: string;
  text: string[];
}

/** Splits `deno check`'s output into diagnostics. */
function diagnostics(output: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  let current: Diagnostic | undefined;
  for (const line of output.split("\n")) {
    if (/^(TS\d+ \[|error: )/.test(line)) {
      current = { ts: /^TS\d+/.test(line), text: [line] };
      if (/^error: Type checking failed/.test(line)) current = undefined;
      else found.push(current);
      continue;
    }
    if (/^(Found \d+ errors?|Check |Stack backtrace:)/.test(line)) {
      current = undefined;
      continue;
    }
    if (!current) continue;
    current.text.push(line);
    const at = /^\s+at (file:\/\/\S+?):\d+:\d+$/.exec(line);
    if (at && current.at === undefined) current.at = at[1];
  }
  return found;
}

interface Checked {
  success: boolean;
  output: string;
}

async function denoCheck(ws: Workspace, cfg: URL, blocks: Block[]): Promise<Checked> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["check", "--quiet", "--config", path(cfg), ...blocks.map((b) => path(ws.file(b)))],
    cwd: ROOT,
    env: childEnv(),
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { success: out.success, output: `${decode(out.stdout)}\n${decode(out.stderr)}` };
}

/**
 * Type-checks the blocks with one `deno check` where possible and returns each failing block's
 * diagnostics. A resolution or syntax error stops a check before the type check, so the blocks it names
 * are set aside and the rest checked again; an error that names no block makes each block be checked alone.
 */
async function typeCheck(
  ws: Workspace,
  cfg: URL,
  blocks: Block[],
  log: string[],
): Promise<Map<Block, string[]>> {
  const errors = new Map<Block, string[]>();
  const add = (block: Block, d: Diagnostic) => {
    errors.set(block, [...(errors.get(block) ?? []), d.text.join("\n").trimEnd()]);
  };
  let pending = blocks;
  while (pending.length > 0) {
    const result = await denoCheck(ws, cfg, pending);
    log.push(result.output);
    if (result.success) break;
    const found = diagnostics(result.output);
    let stopped = false;
    let unplaced = found.length === 0;
    for (const d of found) {
      const block = d.at ? ws.blockOf(d.at) : undefined;
      if (!d.ts) stopped = true;
      if (block && pending.includes(block)) add(block, d);
      else unplaced = true;
    }
    if (unplaced) {
      // Something outside the blocks failed, or the output was not understood: check each block alone.
      await pool(pending, PARALLEL, async (block) => {
        const alone = await denoCheck(ws, cfg, [block]);
        log.push(alone.output);
        if (alone.success) {
          errors.delete(block);
          return;
        }
        const own = diagnostics(alone.output);
        if (own.length === 0) own.push({ ts: false, text: alone.output.trim().split("\n") });
        errors.set(block, own.map((d) => d.text.join("\n").trimEnd()));
      });
      break;
    }
    if (!stopped) break;
    pending = pending.filter((b) => !errors.has(b));
  }
  return errors;
}

/**
 * The first lines of a failed run's output and then the first lines that name the block (its frames of a
 * stack trace), without blank lines.
 */
function excerpt(text: string, mark: string): string[] {
  const lines = text.split("\n").map((l) => l.trimEnd()).filter((l) => l.trim() !== "");
  const first = lines.slice(0, SHOWN_LINES - 2);
  const own = lines.slice(first.length).filter((l) => l.includes(mark)).slice(0, 2);
  const left = lines.length - first.length - own.length;
  return [...first, ...(left > 0 ? [`… (${left} more line${left === 1 ? "" : "s"})`] : []), ...own];
}

/** A diagnostic in one line: `README.md:145:28 TS2304: Cannot find name 'client'.` */
function summary(ws: Workspace, diagnostic: string): string {
  const lines = diagnostic.split("\n");
  const at = lines.map((l) => /^\s+at (\S+)$/.exec(l)?.[1]).find(Boolean);
  const message = lines[0].replace(/^(TS\d+) \[ERROR\]:/, "$1:").replace(/^error: /, "");
  return ws.locate(at ? `${at} ${message}` : message);
}

async function run(ws: Workspace, cfg: URL, block: Block): Promise<Outcome> {
  const wrapper = new URL(`_run_${block.name}.ts`, ws.out);
  await Deno.writeTextFile(wrapper, `import "./_preload.ts";\nimport "./${block.name}.${block.ext}";\n`);
  const args = [
    "run",
    "--quiet",
    "--no-prompt",
    "--config",
    path(cfg),
    ...RUN_PERMISSIONS,
    path(wrapper),
  ];
  const signal = AbortSignal.timeout(RUN_LIMIT_MS);
  const started = performance.now();
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    env: childEnv(),
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    signal,
  }).output();
  const stdout = new TextDecoder().decode(out.stdout);
  const stderr = new TextDecoder().decode(out.stderr);
  const logFile = new URL(`${block.name}.log`, ws.out);
  const status = signal.aborted ? `timed out after ${RUN_LIMIT_MS / 1000} s` : `exit ${out.code}`;
  const took = Math.round(performance.now() - started);
  const header = `# ${block.file}:${block.line}: deno ${args.join(" ")}\n# ${status}, ${took} ms\n`;
  await Deno.writeTextFile(logFile, `${header}--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`);
  if (out.success && !signal.aborted) {
    return { ok: true, lines: [`ok ${block.file}:${block.line} ${block.lang} (checked, ran)`] };
  }
  const output = ws.locate(stderr.trim() ? stderr : stdout);
  const shownOutput = excerpt(output, `${block.file}:`).map((l) => `  ${l}`);
  return {
    ok: false,
    lines: [
      `FAILED ${block.file}:${block.line} ${block.lang}: run: ${status}`,
      ...shownOutput,
      `  output: ${shown(logFile)}`,
    ],
  };
}

/** Prints outcomes in document order, each as soon as every one before it is known. */
class Report {
  readonly #entries: (Outcome | undefined)[] = [];
  #next = 0;
  passed = 0;
  failed = 0;

  slot(): number {
    return this.#entries.push(undefined) - 1;
  }

  line(text: string): void {
    this.set(this.slot(), { ok: true, lines: [text] }, false);
  }

  set(index: number, outcome: Outcome, counted = true): void {
    this.#entries[index] = outcome;
    if (counted) outcome.ok ? this.passed++ : this.failed++;
    while (this.#next < this.#entries.length && this.#entries[this.#next]) {
      for (const line of this.#entries[this.#next]!.lines) console.log(line);
      this.#next++;
    }
  }
}

function usage(code: number): never {
  (code === 0 ? console.log : console.error)(
    "usage: deno run -A scripts/readme_code.ts [--list] [--out DIR] [FILE.md ...]",
  );
  Deno.exit(code);
}

async function main(argv: string[]): Promise<number> {
  let list = false;
  let out = new URL(".build/readme-code/", ROOT);
  const given: URL[] = [];
  const cwd = new URL(`file://${Deno.cwd().replace(/\/?$/, "/")}`);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--list") list = true;
    else if (arg === "--out" || arg.startsWith("--out=")) {
      const dir = arg === "--out" ? argv[++i] : arg.slice("--out=".length);
      if (!dir) usage(2);
      out = new URL(dir.replace(/\/?$/, "/"), cwd);
    } else if (arg === "--help" || arg === "-h") usage(0);
    else if (arg.startsWith("-")) usage(2);
    else given.push(new URL(arg, cwd));
  }
  for (const url of given) {
    if (!(await exists(url))) {
      console.error(`readme-code: no such file: ${shown(url)}`);
      return 2;
    }
  }
  const files: FileBlocks[] = [];
  for (const url of given.length > 0 ? given : await defaultFiles()) {
    files.push(classify(shown(url), await Deno.readTextFile(url)));
  }
  const blocks = files.flatMap((f) => f.blocks);

  if (list) {
    for (const f of files) {
      const entries = [
        ...f.blocks.map((b) => ({
          line: b.line,
          text: `${b.file}:${b.line} ${b.lang}: ${b.notRun ? `check (${b.notRun})` : "check, run"}`,
        })),
        ...f.others.map((o) => ({
          line: o.line,
          text: `${f.file}:${o.line} ${language(o.info) || "plain"}: not code`,
        })),
      ];
      for (const entry of entries.sort((a, b) => a.line - b.line)) console.log(entry.text);
    }
    console.log(
      `readme-code: ${blocks.length} code blocks, ${files.reduce((n, f) => n + f.others.length, 0)} not code`,
    );
    return 0;
  }

  await Deno.remove(out, { recursive: true }).catch((e) => {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  });
  await Deno.mkdir(out, { recursive: true });
  const ws = new Workspace(out, blocks);
  const cfg = new URL("deno.json", out);
  await Deno.writeTextFile(cfg, await config());
  await Deno.writeTextFile(new URL("_preload.ts", out), PRELOAD);
  for (const block of blocks) {
    await Deno.writeTextFile(
      ws.file(block),
      (block.lang === "js" ? "// @ts-check\n" : "") + block.code + "\n",
    );
  }

  const checkLog: string[] = [];
  const errors = blocks.length > 0 ? await typeCheck(ws, cfg, blocks, checkLog) : new Map<Block, string[]>();
  await Deno.writeTextFile(new URL("_check.log", out), ws.locate(checkLog.join("\n")));

  const report = new Report();
  const runs: [Block, number][] = [];
  for (const f of files) {
    for (const block of f.blocks) {
      const slot = report.slot();
      const found = errors.get(block);
      if (found) {
        const [first, ...rest] = found.map((d) => summary(ws, d));
        const more = rest.length > SHOWN_LINES ? [`  … ${rest.length - SHOWN_LINES} more errors`] : [];
        report.set(slot, {
          ok: false,
          lines: [
            `FAILED ${block.file}:${block.line} ${block.lang}: ${first}`,
            ...rest.slice(0, SHOWN_LINES).map((l) => `  ${l}`),
            ...more,
            `  (not run; deno check output: ${shown(new URL("_check.log", out))})`,
          ],
        });
      } else if (block.notRun) {
        report.set(slot, {
          ok: true,
          lines: [`ok ${block.file}:${block.line} ${block.lang} (checked; ${block.notRun})`],
        });
      } else {
        runs.push([block, slot]);
      }
    }
    if (f.skipped.size > 0) {
      const count = [...f.skipped.values()].reduce((a, b) => a + b, 0);
      report.line(
        `${f.file}: ${count} ${[...f.skipped.keys()].join("/")} block${count === 1 ? "" : "s"} not code`,
      );
    } else if (f.blocks.length === 0) {
      report.line(`${f.file}: no code blocks`);
    }
  }
  await pool(runs, PARALLEL, async ([block, slot]) => report.set(slot, await run(ws, cfg, block)));
  console.log(`readme-code: ${report.passed} passed, ${report.failed} failed`);
  return report.failed > 0 ? 1 : 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
