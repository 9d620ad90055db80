import assert from "node:assert/strict";
import { COMMANDS, convert, findCommand, parseLine, UsageError } from "@gitlab-edge/client/cli";

const usage = (argv: string[], pattern: RegExp) =>
  assert.throws(
    () => parseLine(argv, COMMANDS),
    (e: unknown) => e instanceof UsageError && pattern.test(e.message),
  );

Deno.test("cli args: every endpoint is one command, <group> <action> unique", () => {
  assert.ok(COMMANDS.length >= 1300, `${COMMANDS.length} commands`);
  const keys = new Set(COMMANDS.map((c) => `${c.group} ${c.action}`));
  assert.equal(keys.size, COMMANDS.length);
  const fns = new Set(COMMANDS.map((c) => c.fn));
  assert.equal(fns.size, COMMANDS.length);
  for (const c of COMMANDS) {
    assert.match(`${c.group} ${c.action}`, /^[a-z0-9]+(-[a-z0-9]+)* [a-z0-9]+(-[a-z0-9]+)*$/);
  }
  assert.equal(findCommand(COMMANDS, "projects", "list")?.fn, "listProjects");
  assert.equal(findCommand(COMMANDS, "project-pipelines", "retry")?.fn, "retryProjectPipeline");
  assert.equal(findCommand(COMMANDS, "project-issues", "create")?.fn, "createProjectIssue");
  assert.equal(findCommand(COMMANDS, "current-user", "get")?.fn, "getCurrentUser");
});

Deno.test("cli args: path parameters are positional, typed by the route", () => {
  const line = parseLine(["project-pipelines", "retry", "acme/web", "42"], COMMANDS);
  assert.equal(line.command?.fn, "retryProjectPipeline");
  assert.deepEqual(line.args, ["acme/web", 42]);
  assert.deepEqual(parseLine(["projects", "get", "17"], COMMANDS).args, [17]);
  usage(["project-pipelines", "retry", "acme/web", "forty-two"], /<pipeline_id> must be an integer/);
  usage(["project-pipelines", "retry", "acme/web"], /missing <pipeline_id>/);
  usage(["projects", "get", "a", "b"], /takes 1 argument\(s\), got 2/);
});

Deno.test("cli args: GitLab's parameters as flags, converted to the table's types", () => {
  const line = parseLine(
    [
      "--format",
      "table",
      "project-issues",
      "list",
      "acme/web",
      "--state=opened",
      "--labels",
      "bug",
      "--labels",
      "ui",
      "--confidential",
      "--iids",
      "3",
      "--iids",
      "4",
      "--created-after",
      "2026-01-02T03:04:05Z",
      "--max-items",
      "5",
    ],
    COMMANDS,
  );
  assert.equal(line.flags.format, "table");
  assert.equal(line.flags.maxItems, 5);
  assert.deepEqual({ ...line.params }, {
    state: "opened",
    labels: ["bug", "ui"],
    confidential: true,
    iids: [3, 4],
    created_after: "2026-01-02T03:04:05Z",
  });
  const negated = parseLine(["projects", "list", "--no-archived", "--simple=false"], COMMANDS);
  assert.deepEqual({ ...negated.params }, { archived: false, simple: false });
});

Deno.test("cli args: bad input is refused, naming the argument", () => {
  usage(["projects", "list", "--order_by", "bogus"], /--order_by must be one of id, name/);
  usage(["projects", "list", "--min_access_level", "11"], /--min_access_level must be one of 10, 15/);
  usage(["projects", "list", "--id_after", "1.5"], /--id_after must be an integer/);
  usage(["projects", "list", "--archived=maybe"], /--archived must be true or false/);
  usage(
    ["projects", "list", "--last_activity_after", "yesterday"],
    /--last_activity_after must be an ISO 8601/,
  );
  usage(["projects", "list", "--nope"], /projects list has no option --nope/);
  usage(["projects", "list", "--search", "a", "--search", "b"], /--search is given twice/);
  usage(["projects", "list", "--search"], /--search needs a value/);
  usage(["project-issues", "create", "acme/web"], /--title is required/);
  usage(["--max-items", "0", "projects", "list"], /--max-items must be an integer of at least 1/);
  usage(["--format", "xml", "projects", "list"], /--format must be json, jsonl or table/);
  usage(["--state", "opened", "project-issues", "list", "acme/web"], /before the command/);
});

Deno.test("cli args: hashes take key=value or JSON, structured arrays take JSON", () => {
  const hash = { name: "h", type: "hash" as const };
  assert.deepEqual(convert(hash, "a=1"), { a: "1" });
  assert.deepEqual(convert(hash, '{"a": 1}'), { a: 1 });
  assert.throws(() => convert(hash, "novalue"), /takes key=value/);
  const json = { name: "actions", type: "json" as const };
  assert.deepEqual(convert(json, '[{"action":"create"}]'), [{ action: "create" }]);
  assert.throws(() => convert(json, "[oops"), /--actions must be JSON/);
});

Deno.test("cli args: --help and --version need no command arguments", () => {
  assert.equal(parseLine(["project-pipelines", "retry", "--help"], COMMANDS).flags.help, true);
  assert.equal(parseLine(["--version"], COMMANDS).flags.version, true);
  assert.deepEqual(parseLine(["projects"], COMMANDS).words, ["projects"]);
});
