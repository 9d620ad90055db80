/**
 * Bundle sanity: `esbuild --bundle --platform=neutral --format=esm` of the whole library and of a
 * single-function import must succeed with no Node built-in anywhere in the output, and the
 * single-function bundle must leave the other endpoints out (tree shaking). Checked on the TypeScript
 * sources (`mod.ts`) and on the built npm package (`gitlab-edge`, when `npm/` exists).
 *
 * Prints one line per check and a closing `bundle: N passed, N failed`; exits 1 on any failure.
 *
 * Usage: `node scripts/bundle_sanity.mjs`
 *
 * @module
 */

import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, ".build", "bundle");

/** A string only the rules for sending a body again hold (a header they drop). */
const BODY_RULES = "content-location";

/** Route strings of endpoints a `getProject` + `createClient` bundle must not contain. */
const UNUSED = ["GET /groups/:id/projects", "POST /projects/:id/uploads", "GET /projects/:id/merge_requests"];

/**
 * @param {string} name
 * @param {string} source the entry module's text
 * @param {{ minify?: boolean }} [options]
 */
async function bundle(name, source, options = {}) {
  const entry = join(OUT, `${name}.entry.ts`);
  writeFileSync(entry, source);
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: "neutral",
    format: "esm",
    target: "es2022",
    write: false,
    metafile: true,
    minify: options.minify ?? false,
    logLevel: "silent",
  });
  const text = result.outputFiles[0].text;
  writeFileSync(join(OUT, `${name}.js`), text);
  return { text, inputs: Object.keys(result.metafile.inputs) };
}

/** Node built-ins in a bundle: `node:` specifiers or bare built-in names in import/require. */
function nodeBuiltins(text) {
  const found = new Set();
  for (
    const m of text.matchAll(
      /(?:from\s*|import\s*\(?\s*|require\s*\(\s*)["'](node:[\w/]+|fs|path|http|https|net|os|crypto|stream|buffer|util|events|url|zlib|child_process)["']/g,
    )
  ) {
    found.add(m[1]);
  }
  return [...found];
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const checks = [];
  const check = async (label, fn) => {
    try {
      const detail = await fn();
      checks.push(true);
      console.log(`ok     ${label}${detail ? ` (${detail})` : ""}`);
    } catch (e) {
      checks.push(false);
      console.log(`FAILED ${label}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const kb = (text) => `${(text.length / 1024).toFixed(1)} KiB`;

  const sources = [["source", JSON.stringify(join(ROOT, "mod.ts"))]];
  if (existsSync(join(ROOT, "npm", "package.json"))) {
    sources.push(["npm", JSON.stringify("@gitlab-edge/client")]);
  }

  /** The single-function bundle's minified size, by kind (source, npm). */
  const single = new Map();
  for (const [kind, spec] of sources) {
    let full;
    await check(
      `${kind}: the whole library bundles for a neutral platform with no Node built-in`,
      async () => {
        full = await bundle(`${kind}-all`, `export * from ${spec};\n`, { minify: true });
        const builtins = nodeBuiltins(full.text);
        if (builtins.length) throw new Error(`Node built-ins in the bundle: ${builtins.join(", ")}`);
        const server = full.inputs.filter((i) => /testing\/server|\/cli\//.test(i));
        if (server.length) throw new Error(`the bundle pulls in ${server.join(", ")}`);
        return `${kb(full.text)} minified`;
      },
    );
    await check(`${kind}: a single-function import bundles and leaves the rest out`, async () => {
      const one = await bundle(`${kind}-one`, `export { createClient, getProject } from ${spec};\n`, {
        minify: true,
      });
      const builtins = nodeBuiltins(one.text);
      if (builtins.length) throw new Error(`Node built-ins in the bundle: ${builtins.join(", ")}`);
      if (!one.text.includes("GET /projects/:id")) {
        throw new Error("getProject's route is missing from the bundle");
      }
      const kept = UNUSED.filter((route) => one.text.includes(route));
      if (kept.length) throw new Error(`unused endpoints were not tree-shaken: ${kept.join(", ")}`);
      // The rules for sending a body again (src/middleware/bodies.ts) come only with a function that sends one.
      if (one.text.includes(BODY_RULES)) throw new Error("a bundle of reads carries the rules for bodies");
      if (full && one.text.length >= full.text.length * 0.8) {
        throw new Error(
          `single-function bundle ${kb(one.text)} is not smaller than the whole ${kb(full.text)}`,
        );
      }
      single.set(kind, one.text.length);
      return `${kb(one.text)} minified`;
    });
  }
  for (const [kind, spec] of sources) {
    await check(`${kind}: a bundle with a write carries the rules for sending its body again`, async () => {
      const write = await bundle(`${kind}-write`, `export { createClient, createProject } from ${spec};\n`, {
        minify: true,
      });
      if (!write.text.includes(BODY_RULES)) {
        throw new Error("createProject's bundle lacks the rules for bodies");
      }
      return `${kb(write.text)} minified`;
    });
  }
  if (single.has("source") && single.has("npm")) {
    // The package's layout (chunks, the resource groups' own files) must tree-shake as well as the
    // sources do: a top-level call the build adds (esbuild's --keep-names, say) would keep everything.
    await check("npm: a single-function import is no bigger than from the sources", () => {
      const [source, npm] = [single.get("source"), single.get("npm")];
      if (npm > source * 1.02 + 256) {
        throw new Error(`${npm} B from the package against ${source} B from the sources`);
      }
      return `${npm.toLocaleString("en-US")} B against ${source.toLocaleString("en-US")} B`;
    });
  }
  const passed = checks.filter(Boolean).length;
  const failed = checks.length - passed;
  console.log(`bundle: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

await main();
