/**
 * Builds a single-module entry of the library: `mod.ts` and everything it imports bundled by esbuild
 * into one ESM file (tree-shaking annotations kept, so a bundler still drops what a program does not use).
 * A cold start then loads one module instead of some 230 (`deno task bench` and `npm run bench` measure
 * both ways, see bench/main.ts).
 *
 * Run: `deno run -A scripts/build_entry.ts [--out=npm/gitlab-edge.js] [--no-minify]`, after
 * `scripts/build_npm.ts` (it writes into `npm/` by default). It prints the file and its size.
 *
 * Wiring it into the package is the build's choice; one caveat: the entry holds its own copy of the core
 * (the client, its private state), so a program importing the root from the entry and a resource group
 * from `npm/src/resources/*.js` would mix two copies. Either point every export at re-exports of this one
 * file, or keep it as an extra export (e.g. `./bundle`) for programs that import the root only.
 *
 * @module
 */

const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const join = (...parts: string[]): string => parts.join("/");
const args = Deno.args;
const out = args.find((a) => a.startsWith("--out="))?.slice(6) ?? join(ROOT, "npm", "gitlab-edge.js");
const minify = !args.includes("--no-minify");

const esbuild = join(ROOT, "node_modules", "esbuild", "bin", "esbuild");
const { code, stderr } = await new Deno.Command(esbuild, {
  args: [
    join(ROOT, "mod.ts"),
    "--bundle",
    "--format=esm",
    "--platform=neutral",
    "--target=es2022",
    "--log-level=warning",
    `--outfile=${out}`,
    ...(minify ? ["--minify"] : []),
  ],
  stdout: "inherit",
  stderr: "piped",
}).output();
if (code !== 0) {
  console.error(new TextDecoder().decode(stderr));
  Deno.exit(code);
}
const size = (await Deno.stat(out)).size;
console.log(`wrote ${out} (${size.toLocaleString("en-US")} bytes${minify ? ", minified" : ""})`);
