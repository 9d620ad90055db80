/**
 * The `gitlab-edge` command run as a subprocess of the runtime running this test (Node and Bun run the
 * built package's bin, `node_modules/.bin/gitlab-edge`; Deno runs `src/cli/main.ts`), against the
 * simulator served over loopback.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import process from "node:process";
import { createSimulator, SIM_USER_TOKEN } from "@gitlab-edge/client/testing";
import { serve } from "@gitlab-edge/client/testing/server";

const SPAWN_LIMIT_MS = 60_000;

/** The runtime and arguments that start the tool. */
function tool(): [string, string[]] {
  const versions = process.versions as Record<string, string | undefined>;
  if (versions.deno) {
    return [process.execPath, [
      "run",
      "--no-prompt",
      "--allow-net=127.0.0.1",
      "--allow-env",
      "--allow-read",
      "--allow-write=.build",
      "src/cli/main.ts",
    ]];
  }
  return [process.execPath, ["node_modules/.bin/gitlab-edge"]];
}

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the tool with only the environment given (plus PATH and HOME), bounded in time. */
function cli(args: string[], env: Record<string, string> = {}, stdin?: string): Promise<Result> {
  const [cmd, base] = tool();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, [...base, ...args], {
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        HOME: process.env.HOME ?? "/tmp",
        ...(process.env.DENO_DIR ? { DENO_DIR: process.env.DENO_DIR } : {}),
        NO_COLOR: "1",
        DENO_NO_UPDATE_CHECK: "1",
        ...env,
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`gitlab-edge ${args.join(" ")}: no exit within ${SPAWN_LIMIT_MS} ms`));
    }, SPAWN_LIMIT_MS);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
    child.stdin.end(stdin ?? "");
  });
}

Deno.test("cli process: lists, objects, streams and errors against the simulator over loopback", async () => {
  const sim = createSimulator();
  const server = await serve(sim);
  const env = { GITLAB_URL: server.url, GITLAB_TOKEN: SIM_USER_TOKEN };
  try {
    const table = await cli(
      ["projects", "list", "--format", "table", "--order_by", "id", "--sort", "asc"],
      env,
    );
    assert.equal(table.status, 0, table.stderr);
    const rows = table.stdout.trimEnd().split("\n");
    assert.match(rows[0], /^ID +NAME +PATH_WITH_NAMESPACE/);
    assert.match(rows[1], /^1 +Acme Web +acme\/web /);

    const jsonl = await cli([
      "project-issues",
      "list",
      "acme/web",
      "--state",
      "opened",
      "--jsonl",
      "--max-items",
      "2",
    ], env);
    assert.equal(jsonl.status, 0, jsonl.stderr);
    const issues = jsonl.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    assert.equal(issues.length, 2);
    for (const issue of issues) assert.equal(issue.state, "opened");

    const raw = await cli(
      ["project-repository-file-raw", "get", "acme/web", "README.md", "--ref", "main"],
      env,
    );
    assert.equal(raw.status, 0, raw.stderr);
    assert.equal(raw.stdout, "# web\n\nPart of the simulator's seed data.\n");

    const before = sim.requests.length;
    const bad = await cli(["projects", "list", "--order_by", "nonsense"], env);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--order_by must be one of/);
    assert.equal(sim.requests.length, before, "nothing was sent");

    const missing = await cli(["projects", "get", "acme/absent"], env);
    assert.equal(missing.status, 4);
    assert.match(missing.stderr, /404 .*Project Not Found/);

    const secret = "glpat-cli-secret-never-printed";
    const denied = await cli(["current-user", "get"], { GITLAB_URL: server.url, GITLAB_TOKEN: secret });
    assert.equal(denied.status, 4);
    assert.ok(!denied.stderr.includes(secret) && !denied.stdout.includes(secret), denied.stderr);
  } finally {
    await server.close();
  }
});

Deno.test("cli process: --simulator needs no setup; a closed port is a network error", async () => {
  const zero = await cli([
    "--simulator",
    "projects",
    "list",
    "--format",
    "table",
    "--columns",
    "id,path_with_namespace",
  ]);
  assert.equal(zero.status, 0, zero.stderr);
  assert.match(zero.stdout, /^ID +PATH_WITH_NAMESPACE\n/);
  assert.match(zero.stdout, /\n1 +acme\/web\n/);

  const server = await serve(createSimulator());
  const url = server.url;
  await server.close();
  const down = await cli(["--url", url, "--timeout", "10000", "version", "get"], {
    GITLAB_TOKEN: SIM_USER_TOKEN,
  });
  assert.equal(down.status, 6, down.stderr);
  assert.match(down.stderr, /gitlab-edge: /);
});
