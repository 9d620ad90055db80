/**
 * `scripts/readme_code.ts` on a small Markdown file: a block that runs against the simulator, one that does
 * not type-check, one that fails when run and one that is not code. Deno only: the script is a Deno program
 * (on Node and Bun the test is ignored).
 */
import assert from "node:assert/strict";
import process from "node:process";

const onDeno = typeof (process.versions as Record<string, string | undefined>).deno === "string";
const DIR = ".build/readme-code-test";
const FIXTURE = `${DIR}/fixture.md`;

const MARKDOWN = [
  "# Fixture",
  "",
  "```ts",
  'import { clientFromEnv, getProject } from "@gitlab-edge/client";',
  'console.log((await getProject(clientFromEnv(), "acme/web")).name);',
  "```",
  "",
  "```ts",
  "const id: string = 42;",
  "```",
  "",
  "```ts",
  'import { getProject } from "@gitlab-edge/client/projects";',
  'import { clientFromEnv } from "@gitlab-edge/client";',
  'await getProject(clientFromEnv(), "group/project");',
  "```",
  "",
  "```sh",
  "deno run -A scripts/readme_code.ts",
  "```",
  "",
].join("\n");

async function script(...args: string[]): Promise<{ code: number; lines: string[] }> {
  const root = new URL("..", import.meta.url);
  await Deno.mkdir(new URL(DIR, root), { recursive: true });
  await Deno.writeTextFile(new URL(FIXTURE, root), MARKDOWN);
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "scripts/readme_code.ts", ...args, FIXTURE],
    cwd: root,
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(60_000),
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  assert.equal(new TextDecoder().decode(out.stderr), "");
  return { code: out.code, lines: text.trimEnd().split("\n") };
}

Deno.test({
  name: "readme-code: checks and runs each block, reports each failure where it is, and counts",
  ignore: !onDeno,
  fn: async () => {
    const { code, lines } = await script("--out", `${DIR}/out`);
    assert.equal(code, 1, lines.join("\n"));
    assert.equal(lines[0], `ok ${FIXTURE}:3 ts (checked, ran)`);
    assert.equal(
      lines[1],
      `FAILED ${FIXTURE}:8 ts: ${FIXTURE}:9:7 TS2322: Type 'number' is not assignable to type 'string'.`,
    );
    const run = lines.indexOf(`FAILED ${FIXTURE}:12 ts: run: exit 1`);
    assert.ok(run > 1, lines.join("\n"));
    assert.match(lines[run + 1], /GitLabHTTPError: GET .*group%2Fproject: 404/);
    assert.ok(
      lines.includes(`  output: ${DIR}/out/_build_readme-code-test_fixture_12.log`),
      lines.join("\n"),
    );
    assert.equal(lines.at(-2), `${FIXTURE}: 1 sh block not code`);
    assert.equal(lines.at(-1), "readme-code: 1 passed, 2 failed");
    const log = await Deno.readTextFile(
      new URL(`../${DIR}/out/_build_readme-code-test_fixture_3.log`, import.meta.url),
    );
    assert.match(log, /Acme Web/);
  },
});

Deno.test({
  name: "readme-code: --list names every block and runs nothing",
  ignore: !onDeno,
  fn: async () => {
    const { code, lines } = await script("--list");
    assert.equal(code, 0);
    assert.deepEqual(lines, [
      `${FIXTURE}:3 ts: check, run`,
      `${FIXTURE}:8 ts: check, run`,
      `${FIXTURE}:12 ts: check, run`,
      `${FIXTURE}:18 sh: not code`,
      "readme-code: 3 code blocks, 1 not code",
    ]);
  },
});
