import assert from "node:assert/strict";
import { type CliIO, runCli, type Sink } from "@gitlab-edge/client/cli";
import { createSimulator, SIM_USER_TOKEN } from "@gitlab-edge/client/testing";

/** A sink that collects what is written. */
function collector(): Sink & { text(): string; bytes(): Uint8Array; closed: boolean } {
  const chunks: Uint8Array[] = [];
  const encoder = new TextEncoder();
  const sink = {
    closed: false,
    write(chunk: string | Uint8Array) {
      chunks.push(typeof chunk === "string" ? encoder.encode(chunk) : chunk.slice());
      return Promise.resolve();
    },
    close() {
      sink.closed = true;
      return Promise.resolve();
    },
    bytes() {
      const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.length;
      }
      return out;
    },
    text() {
      return new TextDecoder().decode(sink.bytes());
    },
  };
  return sink;
}

function setup(env: Record<string, string> = {}, files: Record<string, string> = {}) {
  const sim = createSimulator();
  const stdout = collector();
  const stderr = collector();
  const outputs = new Map<string, ReturnType<typeof collector>>();
  const io: CliIO = {
    env: (name) => env[name],
    stdout,
    stderr,
    stderrIsTTY: false,
    readFile: (path) =>
      path in files
        ? Promise.resolve(new TextEncoder().encode(files[path]))
        : Promise.reject(new Error("ENOENT")),
    openOutput: (path) => {
      const sink = collector();
      outputs.set(path, sink);
      return Promise.resolve(sink);
    },
    fetch: sim.fetch,
  };
  return { sim, io, stdout, stderr, outputs };
}

const URL_ENV = { GITLAB_URL: "https://gitlab.example.com", GITLAB_TOKEN: SIM_USER_TOKEN };

Deno.test("cli run: a list as one JSON document, as JSON Lines, and as a table", async () => {
  const a = setup(URL_ENV);
  assert.equal(
    await runCli(["projects", "list", "--order_by", "id", "--sort", "asc"], a.io),
    0,
    a.stderr.text(),
  );
  const all = JSON.parse(a.stdout.text()) as { id: number; path_with_namespace: string }[];
  assert.ok(all.length >= 5);
  assert.deepEqual(all.map((p) => p.id), [...all.map((p) => p.id)].sort((x, y) => x - y));

  const b = setup(URL_ENV);
  assert.equal(await runCli(["projects", "list", "--jsonl", "--max-items", "2", "--per-page", "1"], b.io), 0);
  const lines = b.stdout.text().trimEnd().split("\n");
  assert.equal(lines.length, 2);
  for (const l of lines) assert.equal(typeof JSON.parse(l).id, "number");
  const pages = b.sim.requests.filter((r) =>
    r.method === "GET" && new URL(r.url).pathname === "/api/v4/projects"
  );
  assert.equal(pages.length, 2, "--max-items 2 with --per-page 1 reads two pages, no more");

  const c = setup(URL_ENV);
  assert.equal(
    await runCli(["projects", "list", "--format", "table", "--columns", "id,path_with_namespace"], c.io),
    0,
  );
  const rows = c.stdout.text().trimEnd().split("\n");
  assert.match(rows[0], /^ID\s+PATH_WITH_NAMESPACE$/);
  assert.ok(rows.some((r) => /^1\s+acme\/web$/.test(r)), rows.join("\n"));
});

Deno.test("cli run: one object; a command with no body prints nothing", async () => {
  const a = setup(URL_ENV);
  assert.equal(await runCli(["projects", "get", "acme/web"], a.io), 0);
  assert.equal(JSON.parse(a.stdout.text()).path_with_namespace, "acme/web");

  const b = setup(URL_ENV);
  const status = await runCli(
    ["project-repository-branches", "create", "acme/web", "--branch", "feature-x", "--ref", "main"],
    b.io,
  );
  assert.equal(status, 0, b.stderr.text());
  assert.equal(JSON.parse(b.stdout.text()).name, "feature-x");
  const c = setup(URL_ENV);
  assert.equal(
    await runCli(
      ["project-repository-branches", "create", "acme/web", "--branch", "x", "--ref", "main"],
      c.io,
    ),
    0,
  );
  const printed = c.stdout.text();
  const deleted = await runCli(["project-repository-branches", "delete", "acme/web", "x"], c.io);
  assert.equal(deleted, 0, c.stderr.text());
  assert.equal(c.stdout.text(), printed, "the delete printed nothing");
  assert.ok(c.sim.requests.some((r) => r.method === "DELETE" && r.url.endsWith("/repository/branches/x")));
});

Deno.test("cli run: a stream goes to --output as bytes, the file closed", async () => {
  const a = setup(URL_ENV);
  const status = await runCli(
    ["project-repository-file-raw", "get", "acme/web", "README.md", "--ref", "main", "-o", "out.md"],
    a.io,
  );
  assert.equal(status, 0, a.stderr.text());
  const file = a.outputs.get("out.md");
  assert.ok(file);
  assert.match(file.text(), /^# web\n\nPart of the simulator's seed data/);
  assert.equal(file.closed, true);
  assert.equal(a.stdout.text(), "");
});

Deno.test("cli run: a file option reads the path and uploads it as multipart", async () => {
  const a = setup(URL_ENV, { "notes.txt": "hello upload" });
  const status = await runCli(["project-uploads", "create", "acme/web", "--file", "notes.txt"], a.io);
  assert.equal(status, 0, a.stderr.text());
  const upload = JSON.parse(a.stdout.text());
  assert.match(upload.markdown, /notes\.txt/);
  const sent = a.sim.requests.find((r) => r.method === "POST");
  assert.match(sent?.headers["content-type"] ?? "", /^multipart\/form-data/);

  const b = setup(URL_ENV);
  assert.equal(await runCli(["project-uploads", "create", "acme/web", "--file", "missing.txt"], b.io), 2);
  assert.match(b.stderr.text(), /--file: cannot read missing\.txt/);
  assert.equal(b.sim.requests.length, 0, "nothing was sent");
});

Deno.test("cli run: exit codes and messages; nothing sent on bad input; no token printed", async () => {
  const bad = setup(URL_ENV);
  assert.equal(await runCli(["projects", "list", "--visibility", "secret"], bad.io), 2);
  assert.match(bad.stderr.text(), /--visibility must be one of private, internal, public/);
  assert.match(bad.stderr.text(), /gitlab-edge projects list --help/);
  assert.equal(bad.sim.requests.length, 0);

  const missing = setup(URL_ENV);
  assert.equal(await runCli(["projects", "get", "acme/nope"], missing.io), 4);
  assert.match(missing.stderr.text(), /404/);

  const secret = "glpat-not-a-real-token-123456";
  const denied = setup({ GITLAB_URL: "https://gitlab.example.com", GITLAB_TOKEN: secret });
  assert.equal(await runCli(["current-user", "get"], denied.io), 4);
  assert.match(denied.stderr.text(), /401/);
  assert.ok(!denied.stderr.text().includes(secret) && !denied.stdout.text().includes(secret));
  assert.equal(
    denied.sim.requests[0]?.headers["private-token"],
    secret,
    "the token from GITLAB_TOKEN was sent",
  );

  const noUrl = setup({});
  assert.equal(await runCli(["projects", "list"], noUrl.io), 2);
  assert.match(noUrl.stderr.text(), /no GitLab URL: pass --url or set GITLAB_URL/);

  const notList = setup(URL_ENV);
  assert.equal(await runCli(["projects", "get", "acme/web", "--max-items", "3"], notList.io), 2);
  assert.equal(notList.sim.requests.length, 0);
});

Deno.test("cli run: --url and --token override the environment; CI variables are read", async () => {
  const a = setup({ CI_API_V4_URL: "https://gitlab.example.com/api/v4", CI_JOB_TOKEN: "job-token-value" });
  await runCli(["current-user", "get"], a.io);
  assert.equal(a.sim.requests[0]?.headers["job-token"], "job-token-value");
  assert.equal(new URL(a.sim.requests[0].url).pathname, "/api/v4/user");

  const b = setup({ GITLAB_URL: "https://elsewhere.example.com", GITLAB_TOKEN: "env-token" });
  assert.equal(
    await runCli(
      ["--url", "https://gitlab.example.com", "--token", SIM_USER_TOKEN, "current-user", "get"],
      b.io,
    ),
    0,
  );
  assert.equal(JSON.parse(b.stdout.text()).username, "alice");
  assert.equal(b.sim.requests[0].headers["private-token"], SIM_USER_TOKEN);
  assert.equal(new URL(b.sim.requests[0].url).host, "gitlab.example.com");

  // --url alone keeps the environment's token (it stands for GITLAB_URL, over CI's URL variables).
  const c = setup({ CI_API_V4_URL: "https://ci.example.com/api/v4", GITLAB_TOKEN: SIM_USER_TOKEN });
  assert.equal(await runCli(["--url", "https://gitlab.example.com", "current-user", "get"], c.io), 0);
  assert.equal(c.sim.requests[0].headers["private-token"], SIM_USER_TOKEN);
  assert.equal(new URL(c.sim.requests[0].url).host, "gitlab.example.com");
});

Deno.test("cli run: help for the tool, a group and a command", async () => {
  const a = setup();
  assert.equal(await runCli(["--help"], a.io), 0);
  assert.match(a.stdout.text(), /^gitlab-edge \d+\.\d+\.\d+: GitLab's REST API from the command line/);
  assert.match(a.stdout.text(), /project-pipelines/);
  const b = setup();
  assert.equal(await runCli(["project-pipelines"], b.io), 0);
  assert.match(b.stdout.text(), /^ {2}retry <id> <pipeline_id> {2,}/m);
  const c = setup();
  assert.equal(await runCli(["projects", "list", "--help"], c.io), 0);
  assert.match(c.stdout.text(), /--order_by VALUE +one of id, name, path/);
  assert.match(c.stdout.text(), /library: listProjects\(client, options\)/);
  const d = setup();
  assert.equal(await runCli([], d.io), 2);
  assert.match(d.stderr.text(), /Usage:/);
  const e = setup();
  assert.equal(await runCli(["projectz", "list"], e.io), 2);
  assert.match(e.stderr.text(), /no group "projectz"/);
  const f = setup();
  assert.equal(await runCli(["projects", "lisst"], f.io), 2);
  assert.match(f.stderr.text(), /projects has no action "lisst"; its actions: .*list/);
});

Deno.test("cli run: a progress line on a terminal's standard error, cleared at the end; none otherwise", async () => {
  const tty = setup(URL_ENV);
  const io = { ...tty.io, stderrIsTTY: true };
  assert.equal(await runCli(["projects", "list", "--per-page", "2", "--max-items", "4"], io), 0);
  const err = tty.stderr.text();
  assert.ok(err.startsWith("\r\x1b[K2 items, 1 page…"), JSON.stringify(err));
  assert.ok(err.endsWith("\r\x1b[K"), JSON.stringify(err));
  assert.equal(JSON.parse(tty.stdout.text()).length, 4);

  const pipe = setup(URL_ENV);
  assert.equal(await runCli(["projects", "list", "--per-page", "2", "--max-items", "4"], pipe.io), 0);
  assert.equal(pipe.stderr.text(), "");
});
