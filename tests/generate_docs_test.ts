import assert from "node:assert/strict";
import process from "node:process";
import { anchor, README_MARKERS, replaceRegion } from "../scripts/generate/docs.ts";
import { formatted, loadSpec, README_REGION, render } from "../scripts/generate_endpoints.ts";

// The generated Markdown (scripts/generate/docs.ts): GitHub's heading anchors, the README region
// replacement, and that every link of docs/endpoints.md and docs/groups.md reaches a heading.

const ROOT = new URL("../", import.meta.url);
// The generator is a Deno program: the tests that run it or read files through Deno's API are Deno only.
const onDeno = typeof (process.versions as Record<string, string | undefined>).deno === "string";
const { start, end } = README_MARKERS;

Deno.test("anchor: GitHub's heading anchors", () => {
  assert.equal(anchor("projects"), "projects");
  assert.equal(anchor("group_access_tokens"), "group_access_tokens");
  assert.equal(anchor("Resource groups"), "resource-groups");
  assert.equal(anchor("GitLab's REST API: v4 (beta)"), "gitlabs-rest-api-v4-beta");
  assert.equal(anchor("a-b_c"), "a-b_c");
});

Deno.test("replaceRegion: without both markers, nothing to do", () => {
  assert.equal(replaceRegion("# Title\n\ntext\n", "x\n"), undefined);
  assert.equal(replaceRegion(`# Title\n\n${start}\n\ntext\n`, "x\n"), undefined);
  assert.equal(replaceRegion(`# Title\n\n${end}\n`, "x\n"), undefined);
  // A marker quoted inside a line is not one.
  assert.equal(replaceRegion(`Use \`${start}\` and \`${end}\`.\n`, "x\n"), undefined);
});

Deno.test("replaceRegion: replaces the region only, and is idempotent", () => {
  const before = `# Title\n\nintro\n\n${start}\nold\nlines\n${end}\n\n## Next\n\nrest\n`;
  const after = replaceRegion(before, "new list\n")!;
  assert.equal(after, `# Title\n\nintro\n\n${start}\n\nnew list\n\n${end}\n\n## Next\n\nrest\n`);
  assert.equal(replaceRegion(after, "new list\n"), after);
});

Deno.test("replaceRegion: misplaced or repeated markers are errors", () => {
  assert.throws(() => replaceRegion(`${end}\n${start}\n`, "x\n"), /comes before/);
  assert.throws(() => replaceRegion(`${start}\n${end}\n${start}\n${end}\n`, "x\n"), /once/);
});

Deno.test({
  name: "replaceRegion: the README with the region filled in is as deno fmt writes it",
  ignore: !onDeno,
}, async () => {
  const { files } = render(await loadSpec());
  const list = (await formatted(new Map([[README_REGION, files.get(README_REGION)!]]))).get(README_REGION)!;
  assert.match(list, /^\*\*A\*\*: \[access_requests\]\(docs\/endpoints\.md#access_requests\) \(\d+\)/);
  const readme = `# Title\n\nintro\n\n## Resource groups\n\n${start}\n${end}\n\n## Next\n\nrest\n`;
  const filled = replaceRegion(readme, list)!;
  const dir = new URL(".build/", ROOT);
  await Deno.mkdir(dir, { recursive: true });
  const file = new URL(`readme-region-${Deno.pid}.md`, dir);
  await Deno.writeTextFile(file, filled);
  try {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["fmt", "--quiet", "--no-config", "--line-width=110", file.pathname],
    }).output();
    assert.ok(out.success);
    assert.equal(await Deno.readTextFile(file), filled);
  } finally {
    await Deno.remove(file);
  }
});

Deno.test({
  name: "docs/endpoints.md and docs/groups.md: every link reaches a section",
  ignore: !onDeno,
}, async () => {
  const page = await Deno.readTextFile(new URL("docs/endpoints.md", ROOT));
  const groups = await Deno.readTextFile(new URL("docs/groups.md", ROOT));
  const anchors = new Set([...page.matchAll(/^#+ (.+)$/gm)].map((m) => anchor(m[1])));
  const links = [
    ...[...page.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]),
    ...[...groups.matchAll(/\]\(endpoints\.md#([^)]+)\)/g)].map((m) => m[1]),
  ];
  assert.ok(links.length > 300);
  assert.deepEqual(links.filter((l) => !anchors.has(l)), []);
  const modules = [...Deno.readDirSync(new URL("src/resources/", ROOT))]
    .map((e) => e.name).filter((n) => n.endsWith(".ts") && n !== "mod.ts").map((n) => n.slice(0, -3));
  for (const m of modules) assert.ok(anchors.has(m), `docs/endpoints.md has no section ${m}`);
});
