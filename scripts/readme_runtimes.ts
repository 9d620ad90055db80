/**
 * Keeps the README's per-runtime section equal to the files CI runs: the section between
 * `<!-- section:runtimes -->` and `<!-- /section:runtimes -->` is generated from `examples/deno.ts`,
 * `examples/node.mjs`, `examples/bun.ts` and `examples/worker.ts`, verbatim.
 *
 * Run `deno run --allow-read --allow-write --allow-run scripts/readme_runtimes.ts` to write the section
 * (appended at the end of README.md when absent), or with `--check` to fail when it differs. The section
 * is formatted by `deno fmt`, so that `deno fmt --check` and this check agree.
 *
 * @module
 */

const ROOT = new URL("../", import.meta.url);
const START = "<!-- section:runtimes -->";
const END = "<!-- /section:runtimes -->";

const EXAMPLES: [title: string, file: string, lang: string, run: string][] = [
  ["Deno", "examples/deno.ts", "ts", "deno run --allow-env --allow-net examples/deno.ts"],
  ["Node.js (20.3 or newer)", "examples/node.mjs", "js", "node examples/node.mjs"],
  ["Bun", "examples/bun.ts", "ts", "bun examples/bun.ts"],
  [
    "Cloudflare Workers",
    "examples/worker.ts",
    "ts",
    "node scripts/run_worker_example.mjs   # bundles it with esbuild and runs it in workerd (Miniflare)",
  ],
];

/** Builds the section from the example files. */
export async function section(): Promise<string> {
  const parts = [
    START,
    "",
    "## Every runtime",
    "",
    "One program per runtime, each a file in `examples/` that CI runs on every change (against the built-in",
    "simulator, or against your GitLab when `GITLAB_URL` and `GITLAB_TOKEN`, and optionally `GITLAB_PROJECT`, are",
    "set). In a clone of this repository, run `npm run build:npm` once first: the Node, Bun and Workers examples",
    "import the built package by its name.",
  ];
  for (const [title, file, lang, run] of EXAMPLES) {
    const text = (await Deno.readTextFile(new URL(file, ROOT))).trimEnd();
    parts.push(
      "",
      `### ${title}`,
      "",
      `\`${file}\`, run in this repository with \`${run.split("   #")[0]}\`:`,
    );
    parts.push("", "```" + lang, text, "```");
  }
  parts.push(
    "",
    END,
  );
  return await fmt(parts.join("\n"));
}

/** Formats Markdown as `deno fmt` does with this repository's configuration (prose wrapped at 110). */
async function fmt(markdown: string): Promise<string> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["fmt", "--ext", "md", "-"],
    cwd: new URL(".", ROOT).pathname,
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(markdown + "\n"));
  await writer.close();
  const out = await child.output();
  if (!out.success) throw new Error("deno fmt failed on the generated section");
  return new TextDecoder().decode(out.stdout).trimEnd();
}

async function main(): Promise<void> {
  const readmeUrl = new URL("README.md", ROOT);
  const readme = await Deno.readTextFile(readmeUrl);
  const wanted = await section();
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  const current = start >= 0 && end > start ? readme.slice(start, end + END.length) : undefined;
  if (Deno.args.includes("--check")) {
    if (current === wanted) {
      console.log("README.md: the runtimes section matches examples/");
      return;
    }
    console.error(
      current === undefined
        ? "README.md has no runtimes section; run: deno run --allow-read --allow-write --allow-run scripts/readme_runtimes.ts"
        : "README.md: the runtimes section differs from examples/; run: deno run --allow-read --allow-write --allow-run scripts/readme_runtimes.ts",
    );
    Deno.exit(1);
  }
  const next = current === undefined
    ? readme.trimEnd() + "\n\n" + wanted + "\n"
    : readme.slice(0, start) + wanted + readme.slice(end + END.length);
  if (next !== readme) await Deno.writeTextFile(readmeUrl, next);
  console.log(`README.md: runtimes section ${next === readme ? "already up to date" : "written"}`);
}

if (import.meta.main) await main();
