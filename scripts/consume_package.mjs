/**
 * The npm package as a user gets it: packs `npm/` (written by `scripts/build_npm.ts`) with `npm pack`, lints
 * the tarball with publint and `@arethetypeswrong/cli` (ESM-only profile), installs it into a scratch
 * project outside this repository (so no `deno.json` or `node_modules` of ours is in reach) and uses it from:
 *
 * - Node ESM (`import`) and Node `require()`, on the system Node and on Node 24;
 * - TypeScript with `moduleResolution` `bundler`, `node16` and `nodenext` (the last two without the DOM
 *   library, on `@types/node`), with each TypeScript version the README states;
 * - Bun and Deno, running the same TypeScript file;
 * - an esbuild bundle for Cloudflare Workers, run inside workerd through Miniflare;
 * - the README's quick start, verbatim, on Node (system and 24), Bun and Deno, against the simulator over
 *   loopback HTTP (`GITLAB_URL` and `GITLAB_TOKEN` pointing at it).
 *
 * Each consumer talks to the package's own simulator, and its output is printed. Ends with
 * `package: N passed, N failed`; exits 1 when anything failed.
 *
 * Usage: `node scripts/consume_package.mjs` (after `deno run -A scripts/build_npm.ts`). `NODE20=/path/to/node`
 * picks the system Node (default: the `node` running this script).
 *
 * @module
 */

import { execFile, execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(ROOT, "node_modules", ".bin");
const NODE_SYS = process.env.NODE20 || process.execPath;
const NODE24 = join(ROOT, "node_modules", "node24", "bin", "node");
/** The TypeScript versions the README states: the dev dependency (newest) and the oldest supported. */
const TYPESCRIPTS = [
  ["typescript", join(ROOT, "node_modules", "typescript", "bin", "tsc")],
  ["typescript-oldest", join(ROOT, "node_modules", "typescript-oldest", "bin", "tsc")],
];
const LIMIT_MS = 120_000;

let passed = 0;
let failed = 0;

/** Runs a command with a time limit; returns its combined output, or throws with it. */
function run(cmd, args, cwd, env = {}) {
  try {
    return execFileSync(cmd, args, {
      cwd,
      env: { ...process.env, NO_COLOR: "1", ...env },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: LIMIT_MS,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (e) {
    const out = `${e.stdout ?? ""}${e.stderr ?? ""}`.trim();
    throw new Error(`${[cmd, ...args].join(" ")} failed (${e.status ?? e.signal ?? e.code}):\n${out}`);
  }
}

/** Runs one consumer; `expect` must match its output. */
function step(name, fn, expect) {
  try {
    const out = String(fn() ?? "").trim();
    if (expect && !expect.test(out)) throw new Error(`output does not match ${expect}:\n${out}`);
    passed++;
    console.log(`ok ${name}`);
    if (out) console.log(out.split("\n").map((l) => `  | ${l}`).join("\n"));
  } catch (e) {
    failed++;
    console.log(`FAILED ${name}`);
    console.log(String(e instanceof Error ? e.message : e).split("\n").map((l) => `  | ${l}`).join("\n"));
  }
}

/** `step` for a command that needs this process's event loop meanwhile (a loopback server of ours). */
async function stepAsync(name, cmd, args, cwd, env, expect) {
  try {
    const { stdout, stderr } = await promisify(execFile)(cmd, args, {
      cwd,
      env: { ...process.env, NO_COLOR: "1", ...env },
      encoding: "utf8",
      timeout: LIMIT_MS,
    });
    step(name, () => `${stdout}${stderr}`, expect);
  } catch (e) {
    step(name, () => {
      throw new Error(
        `${[cmd, ...args].join(" ")} failed (${e.code ?? e.signal}):\n${e.stdout ?? ""}${e.stderr ?? ""}`,
      );
    });
  }
}

/** The README's quick start: the first TypeScript block after its "## Quick start" heading, verbatim. */
function quickStart() {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("\n## Quick start\n"));
  const m = /\n```ts\n([\s\S]*?)\n```\n/.exec(section);
  if (!m) throw new Error("README.md has no ts block under ## Quick start");
  return m[1] + "\n";
}

const pkg = JSON.parse(readFileSync(join(ROOT, "npm", "package.json"), "utf8"));
const NAME = pkg.name;
const PACK = join(ROOT, ".build", "pack");
rmSync(PACK, { recursive: true, force: true });
mkdirSync(PACK, { recursive: true });
run("npm", ["pack", join(ROOT, "npm"), "--pack-destination", PACK, "--silent"], ROOT);
const tarball = join(PACK, readdirSync(PACK).find((f) => f.endsWith(".tgz")));
console.log(`packed ${NAME}@${pkg.version}: ${tarball.slice(ROOT.length + 1)}`);

step("publint", () => run(join(BIN, "publint"), ["--strict", tarball], ROOT), /All good!/);
step("attw (ESM-only profile)", () => {
  const out = run(join(BIN, "attw"), [tarball, "--profile", "esm-only", "--format", "ascii"], ROOT);
  // The verdict and the first entry point's resolutions; the other entry points read the same.
  const lines = out.split("\n");
  const verdict = lines.filter((l) => /\(ignoring|ignored per resolution/.test(l)).map((l) =>
    l.replace(/ https:.*/, "")
  );
  const first = lines.findIndex((l) => l.startsWith(`"${NAME}"`));
  return [...verdict, ...(first >= 0 ? lines.slice(first, first + 6) : [])].join("\n");
}, /ignoring resolutions/);

// The scratch project: outside the repository, the tarball installed as a user would.
const scratch = mkdtempSync(join(tmpdir(), "gitlab-edge-consumer-"));
try {
  writeFileSync(
    join(scratch, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module" }),
  );
  run("npm", ["install", tarball, "--no-audit", "--no-fund", "--offline", "--no-package-lock"], scratch);
  const installed = JSON.parse(readFileSync(join(scratch, "node_modules", NAME, "package.json"), "utf8"));
  console.log(`installed ${installed.name}@${installed.version} into a scratch project`);

  const program = (how) => `
const sim = createSimulator();
const client = createClient({ baseUrl: "https://gitlab.example.com", token: SIM_USER_TOKEN, fetch: sim.fetch });
const project = await getProject(client, "acme/web");
const issues = await listProjectIssues(client, project.id, { state: "opened", maxItems: 2 }).toArray();
let status = 0;
try {
  await getProject(client, "acme/nope");
} catch (e) {
  if (e instanceof GitLabHTTPError) status = e.status;
}
console.log(\`${how}: \${project.path_with_namespace}, \${issues.length} open issues, a missing project is \${status}\`);
`;
  const imports = `import { createClient, getProject, GitLabHTTPError, listProjectIssues } from "${NAME}";
import { createSimulator, SIM_USER_TOKEN } from "${NAME}/testing";
`;
  writeFileSync(join(scratch, "esm.mjs"), imports + program("node esm"));
  writeFileSync(
    join(scratch, "require.cjs"),
    `const { createClient, getProject, GitLabHTTPError, listProjectIssues } = require("${NAME}");
const { createSimulator, SIM_USER_TOKEN } = require("${NAME}/testing");
(async () => {${program("node require")}})().catch((e) => { console.error(e); process.exit(1); });
`,
  );
  const expectLine = (how) => new RegExp(`^${how}: acme/web, 2 open issues, a missing project is 404$`, "m");
  for (
    const [label, node] of [[`node ${run(NODE_SYS, ["--version"], scratch).trim()}`, NODE_SYS], [
      `node ${existsSync(NODE24) ? run(NODE24, ["--version"], scratch).trim() : "24"}`,
      NODE24,
    ]]
  ) {
    step(`${label}: import`, () => run(node, ["esm.mjs"], scratch), expectLine("node esm"));
    step(
      `${label}: require()`,
      () => run(node, ["--no-warnings", "require.cjs"], scratch),
      expectLine("node require"),
    );
  }

  // TypeScript: a typed program, checked under each module resolution and TypeScript version.
  writeFileSync(
    join(scratch, "index.ts"),
    `import { type Client, createClient, getProject, GitLabHTTPError, type Issue, listProjectIssues, type Project } from "${NAME}";
import { listProjects } from "${NAME}/projects";
import { createSimulator, SIM_USER_TOKEN } from "${NAME}/testing";
import { parseWebhook } from "${NAME}/webhooks";

const sim = createSimulator();
const client: Client = createClient({ baseUrl: "https://gitlab.example.com", token: SIM_USER_TOKEN, fetch: sim.fetch });
const project: Project = await getProject(client, "acme/web");
const issues: Issue[] = await listProjectIssues(client, project.id, { state: "opened", maxItems: 2 }).toArray();
const names: string[] = [];
for await (const p of listProjects(client, { maxItems: 3, order_by: "id", sort: "asc" })) names.push(p.path_with_namespace);
let status = 0;
try {
  await getProject(client, "acme/nope");
} catch (e) {
  if (e instanceof GitLabHTTPError) status = e.status;
}
// @ts-expect-error: state takes GitLab's values only
listProjectIssues(client, 1, { state: "open" });
void parseWebhook;
console.log(\`typescript: \${project.path_with_namespace}, \${issues.length} open issues, first projects \${names.join(" ")}, a missing project is \${status}\`);
`,
  );
  const typeRoots = [join(ROOT, "node_modules", "@types")];
  const configs = {
    bundler: {
      module: "ESNext",
      moduleResolution: "bundler",
      lib: ["ES2022", "DOM", "DOM.Iterable"],
      types: [],
    },
    node16: { module: "Node16", moduleResolution: "node16", lib: ["ES2022"], types: ["node"], typeRoots },
    nodenext: {
      module: "NodeNext",
      moduleResolution: "nodenext",
      lib: ["ES2022"],
      types: ["node"],
      typeRoots,
    },
  };
  for (const [mode, options] of Object.entries(configs)) {
    writeFileSync(
      join(scratch, `tsconfig.${mode}.json`),
      JSON.stringify({
        compilerOptions: { target: "ES2022", strict: true, noEmit: true, skipLibCheck: false, ...options },
        files: ["index.ts"],
      }),
    );
    for (const [label, tsc] of TYPESCRIPTS) {
      if (!existsSync(tsc)) {
        step(`tsc (${label}) ${mode}`, () => {
          throw new Error(`no TypeScript at ${tsc}`);
        });
        continue;
      }
      const version = run(NODE_SYS, [tsc, "--version"], scratch).trim();
      step(
        `${version}, moduleResolution ${mode}${options.lib.includes("DOM") ? "" : ", no DOM library"}`,
        () => {
          run(NODE_SYS, [tsc, "-p", `tsconfig.${mode}.json`], scratch);
          return "type-checks";
        },
      );
    }
  }
  const expectTs =
    /^typescript: acme\/web, 2 open issues, first projects acme\/web acme\/api acme\/handbook, a missing project is 404$/m;
  step(
    `bun ${run(join(BIN, "bun"), ["--version"], scratch).trim()}: index.ts`,
    () => run(join(BIN, "bun"), ["index.ts"], scratch),
    expectTs,
  );
  step(
    `deno ${run(join(BIN, "deno"), ["--version"], scratch).split("\n")[0].split(" ")[1]}: index.ts`,
    () =>
      run(join(BIN, "deno"), ["run", "--no-lock", "--allow-env", "--allow-read", "index.ts"], scratch, {
        DENO_NO_UPDATE_CHECK: "1",
      }),
    expectTs,
  );

  // Cloudflare Workers: an esbuild bundle of a Worker importing the package, run inside workerd.
  writeFileSync(
    join(scratch, "worker.ts"),
    `import { createClient, getProject } from "${NAME}";
import { createSimulator, SIM_USER_TOKEN } from "${NAME}/testing";

export default {
  async fetch(): Promise<Response> {
    const client = createClient({ baseUrl: "https://gitlab.example.com", token: SIM_USER_TOKEN, fetch: createSimulator().fetch });
    const project = await getProject(client, "acme/web");
    return new Response(\`worker (\${navigator.userAgent}): \${project.path_with_namespace}\`);
  },
};
`,
  );
  // The README's quick start, unchanged, on each runtime, against the simulator over loopback HTTP.
  writeFileSync(join(scratch, "quickstart.mjs"), quickStart());
  writeFileSync(join(scratch, "quickstart.ts"), quickStart());
  const testing = await import(
    pathToFileURL(join(scratch, "node_modules", NAME, "src", "testing", "mod.js")).href
  );
  const { serve } = await import(
    pathToFileURL(join(scratch, "node_modules", NAME, "src", "testing", "server.js")).href
  );
  const server = await serve(testing.createSimulator());
  try {
    const env = { GITLAB_URL: server.url, GITLAB_TOKEN: testing.SIM_USER_TOKEN, DENO_NO_UPDATE_CHECK: "1" };
    const expectQuick = /^acme\/web: http:\/\/127\.0\.0\.1:\d+\/acme\/web\n#\d+ /;
    for (
      const [label, cmd, args] of [
        ["system Node", NODE_SYS, ["quickstart.mjs"]],
        ["Node 24", NODE24, ["quickstart.mjs"]],
        ["Bun", join(BIN, "bun"), ["quickstart.ts"]],
        ["Deno", join(BIN, "deno"), [
          "run",
          "--no-lock",
          "--allow-env",
          "--allow-net=127.0.0.1",
          "quickstart.ts",
        ]],
      ]
    ) {
      await stepAsync(`README quick start, unchanged, on ${label}`, cmd, args, scratch, env, expectQuick);
    }
  } finally {
    await server.close();
  }

  step("esbuild Worker bundle in workerd", () => {
    const esbuild = join(BIN, "esbuild");
    const out = join(scratch, "worker.bundle.mjs");
    run(esbuild, [
      "worker.ts",
      "--bundle",
      "--format=esm",
      "--platform=neutral",
      "--conditions=workerd,worker,browser",
      "--main-fields=module,main",
      "--minify",
      `--outfile=${out}`,
      "--log-level=error",
    ], scratch);
    const bytes = readFileSync(out);
    const script = `
import { Miniflare } from ${
      JSON.stringify(join(ROOT, "node_modules", "miniflare", "dist", "src", "index.js"))
    };
const mf = new Miniflare({ modules: true, compatibilityDate: "2025-09-01", scriptPath: ${
      JSON.stringify(out)
    } });
try {
  const response = await mf.dispatchFetch("http://worker.example/");
  console.log(await response.text());
  if (response.status !== 200) process.exitCode = 1;
} finally {
  await mf.dispose();
}
`;
    writeFileSync(join(scratch, "run_worker.mjs"), script);
    const answer = run(NODE_SYS, ["run_worker.mjs"], scratch);
    return `bundle ${bytes.length.toLocaleString("en")} B minified, ${
      gzipSync(bytes, { level: 9 }).length.toLocaleString("en")
    } B gzip (with the simulator)\n${answer}`;
  }, /worker \(Cloudflare-Workers\): acme\/web/);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

console.log(`package: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
