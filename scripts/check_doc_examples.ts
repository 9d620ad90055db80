/**
 * Checks that every declaration exported by the published entry points (`mod.ts`,
 * `src/testing/mod.ts`, `src/testing/server.ts`, `src/cli/mod.ts`) has JSDoc with an `@example` tag.
 * `deno doc --lint` requires JSDoc but not examples; this fills the gap. Fails listing
 * every exported declaration without one.
 *
 * ```sh
 * deno run --allow-read --allow-run scripts/check_doc_examples.ts
 * ```
 *
 * @module
 */

/** The entry points whose exports must each carry an `@example`, relative to the repository root. */
const ENTRY_POINTS = [
  "mod.ts",
  "src/testing/mod.ts",
  "src/testing/server.ts",
  "src/webhooks/mod.ts",
  "src/cli/mod.ts",
];

interface Location {
  filename: string;
  line: number;
  col: number;
}

interface JsDoc {
  doc?: string;
  tags?: { kind: string }[];
}

interface Declaration {
  location: Location;
  declarationKind: string;
  kind: string;
  jsDoc?: JsDoc;
  def?: { target?: Location; elements?: DocSymbol[] };
}

interface DocSymbol {
  name: string;
  declarations: Declaration[];
}

interface DocModule {
  symbols?: DocSymbol[];
}

/** One exported declaration, found under the name and entry point it was first seen through. */
interface Exported {
  name: string;
  entry: string;
  decl: Declaration;
}

const root = new URL("..", import.meta.url);
const key = (l: Location): string => `${l.filename}:${l.line}:${l.col}`;
const relative = (filename: string): string =>
  filename.startsWith(root.href) ? filename.slice(root.href.length) : filename;

/** Runs `deno doc --json` over the entry points and returns its nodes, keyed by module specifier. */
async function docNodes(): Promise<Record<string, DocModule>> {
  if ((await Deno.permissions.query({ name: "run" })).state !== "granted") {
    console.error("examples: needs --allow-run to start `deno doc --json`");
    Deno.exit(1);
  }
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["doc", "--json", ...ENTRY_POINTS],
    cwd: root,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    console.error(new TextDecoder().decode(out.stderr));
    console.error(`examples: deno doc --json exited with code ${out.code}`);
    Deno.exit(1);
  }
  const json = JSON.parse(new TextDecoder().decode(out.stdout));
  if (json?.version !== 2 || typeof json.nodes !== "object") {
    console.error(`examples: unexpected deno doc --json format (version ${json?.version})`);
    Deno.exit(1);
  }
  return json.nodes;
}

/**
 * Collects the exported declarations of every entry point, following re-export references
 * (`export type { X } from "./types.ts"`) to the declaration they name and descending into
 * namespaces. Each declaration is kept once, however many entry points export it.
 */
function exportedDeclarations(nodes: Record<string, DocModule>): {
  found: Map<string, Exported>;
  unresolved: string[];
} {
  const all = new Map<string, Declaration>();
  const index = (symbols: DocSymbol[]) => {
    for (const symbol of symbols) {
      for (const decl of symbol.declarations) {
        if (decl.kind !== "reference") all.set(key(decl.location), decl);
        if (decl.kind === "namespace") index(decl.def?.elements ?? []);
      }
    }
  };
  for (const mod of Object.values(nodes)) index(mod.symbols ?? []);

  const found = new Map<string, Exported>();
  const unresolved: string[] = [];
  const walk = (symbols: DocSymbol[], entry: string, prefix: string) => {
    for (const symbol of symbols) {
      const name = prefix + symbol.name;
      for (let decl of symbol.declarations) {
        if (decl.declarationKind !== "export") continue;
        if (decl.kind === "reference") {
          const target = decl.def?.target && all.get(key(decl.def.target));
          if (!target) {
            unresolved.push(`${name} (${entry}): cannot resolve the re-exported declaration`);
            continue;
          }
          decl = target;
        }
        const k = key(decl.location);
        if (!found.has(k)) found.set(k, { name, entry, decl });
        if (decl.kind === "namespace") walk(decl.def?.elements ?? [], entry, `${name}.`);
      }
    }
  };
  for (const [specifier, mod] of Object.entries(nodes)) walk(mod.symbols ?? [], relative(specifier), "");
  return { found, unresolved };
}

/**
 * The check: prints one line per exported declaration without an `@example` and exits 1, or a
 * one-line summary when every declaration has one.
 */
async function main(): Promise<void> {
  const nodes = await docNodes();
  const missing = ENTRY_POINTS.filter((e) => !(new URL(e, root).href in nodes));
  if (missing.length > 0) {
    console.error(`examples: deno doc --json did not document ${missing.join(", ")}`);
    Deno.exit(1);
  }
  const { found, unresolved } = exportedDeclarations(nodes);
  const lacking = [...found.values()]
    .filter(({ decl }) => !(decl.jsDoc?.tags ?? []).some((tag) => tag.kind === "example"))
    .sort((a, b) => key(a.decl.location).localeCompare(key(b.decl.location), "en", { numeric: true }));
  for (const { name, entry, decl } of lacking) {
    const { filename, line } = decl.location;
    console.log(
      `examples: ${relative(filename)}:${line}: ${decl.kind} ${name} (exported by ${entry}) has no @example`,
    );
  }
  for (const problem of unresolved) console.log(`examples: ${problem}`);
  if (lacking.length > 0 || unresolved.length > 0) {
    console.log(
      `examples: ${lacking.length} of ${found.size} exported declarations lack an @example` +
        (unresolved.length > 0 ? `, ${unresolved.length} re-export(s) unresolved` : ""),
    );
    Deno.exit(1);
  }
  if (found.size === 0) {
    console.log("examples: no exported declarations found");
    Deno.exit(1);
  }
  console.log(`examples: ${found.size} exported declarations, all with @example`);
}

await main();
