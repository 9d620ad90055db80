import assert from "node:assert/strict";
import {
  createProjectRepositoryFile,
  deleteProjectRepositoryFile,
  editProjectRepositoryFile,
  getProjectRepositoryBranch,
  getProjectRepositoryCommit,
  getProjectRepositoryFile,
  getProjectRepositoryFileBlame,
  listProjectRepositoryCommits,
} from "@gitlab-edge/client";
import { SIM_SEED } from "@gitlab-edge/client/testing";
import { simTest } from "./_both.ts";
import { failure } from "./_errors.ts";

const { web, deployTools } = SIM_SEED.projects;
const tools = deployTools.id;
const text = (b64: string) => new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));

simTest("repository files: create, update, delete are commits on the branch", async ({ alice }) => {
  const before = await getProjectRepositoryBranch(alice, web.id, "feature/login");
  const created = await createProjectRepositoryFile(alice, web.id, "src/new.ts", {
    branch: "feature/login",
    content: "export const x = 1;\n",
    commit_message: "Add new.ts",
    author_name: "Ada",
    author_email: "ada@example.com",
  });
  assert.deepEqual(created, { file_path: "src/new.ts", branch: "feature/login" });
  const head = await getProjectRepositoryBranch(alice, web.id, "feature/login");
  assert.notEqual(head.commit.id, before.commit.id);
  assert.deepEqual(head.commit.parent_ids, [before.commit.id]);
  assert.equal(head.commit.title, "Add new.ts");
  assert.deepEqual([head.commit.author_name, head.commit.committer_name], ["Ada", "Alice Liddell"]);
  const file = await getProjectRepositoryFile(alice, web.id, "src/new.ts", { ref: "feature/login" });
  assert.equal(text(file.content), "export const x = 1;\n");
  assert.equal(file.last_commit_id, head.commit.id);
  // the file is not on main, and is readable at the commit's SHA
  assert.equal(
    (await failure(getProjectRepositoryFile(alice, web.id, "src/new.ts", { ref: "main" }))).status,
    404,
  );
  assert.equal(
    (await getProjectRepositoryFile(alice, web.id, "src/new.ts", { ref: head.commit.id })).size,
    20,
  );

  await editProjectRepositoryFile(alice, web.id, "src/new.ts", {
    branch: "feature/login",
    content: btoa("export const x = 2;\n"),
    encoding: "base64",
    commit_message: "Bump x",
    last_commit_id: head.commit.id,
  });
  const edited = await getProjectRepositoryFile(alice, web.id, "src/new.ts", { ref: "feature/login" });
  assert.equal(text(edited.content), "export const x = 2;\n");
  const detail = await getProjectRepositoryCommit(alice, web.id, edited.last_commit_id);
  assert.deepEqual(detail.stats, { additions: 1, deletions: 1, total: 2 });
  // a stale last_commit_id is a conflict
  assert.deepEqual(
    await failure(editProjectRepositoryFile(alice, web.id, "src/new.ts", {
      branch: "feature/login",
      content: "x",
      commit_message: "stale",
      last_commit_id: head.commit.id,
    })),
    {
      status: 400,
      body: { message: "You are attempting to update a file that has changed since you started editing it." },
    },
  );
  await deleteProjectRepositoryFile(alice, web.id, "src/new.ts", {
    branch: "feature/login",
    commit_message: "Drop",
  });
  assert.equal(
    (await failure(getProjectRepositoryFile(alice, web.id, "src/new.ts", { ref: "feature/login" }))).status,
    404,
  );
  const log = await listProjectRepositoryCommits(alice, web.id, {
    ref_name: "feature/login",
    per_page: 3,
    maxItems: 3,
  }).toArray();
  assert.deepEqual(log.map((c) => c.title), ["Drop", "Bump x", "Add new.ts"]);
});

simTest(
  "repository files: GitLab's errors and a new branch from start_branch",
  async ({ alice, anonymous }) => {
    assert.deepEqual(
      await failure(createProjectRepositoryFile(alice, web.id, "README.md", {
        branch: "main",
        content: "x",
        commit_message: "dup",
      })),
      { status: 400, body: { message: "A file with this name already exists" } },
    );
    assert.deepEqual(
      await failure(
        editProjectRepositoryFile(alice, web.id, "nope.md", {
          branch: "main",
          content: "x",
          commit_message: "m",
        }),
      ),
      { status: 400, body: { message: "A file with this name doesn't exist" } },
    );
    assert.deepEqual(
      await failure(
        deleteProjectRepositoryFile(alice, web.id, "nope.md", { branch: "main", commit_message: "m" }),
      ),
      { status: 400, body: { message: "A file with this name doesn't exist" } },
    );
    assert.deepEqual(
      await failure(
        createProjectRepositoryFile(alice, web.id, "a.md", {
          branch: "nope",
          content: "x",
          commit_message: "m",
        }),
      ),
      { status: 400, body: { message: "You can only create or edit files when you are on a branch" } },
    );
    assert.deepEqual(
      await failure(
        createProjectRepositoryFile(alice, web.id, "a.md", { branch: "main", content: "x" } as never),
      ),
      { status: 400, body: { error: "commit_message is missing" } },
    );
    assert.equal(
      (await failure(createProjectRepositoryFile(anonymous, web.id, "a.md", {
        branch: "main",
        content: "x",
        commit_message: "m",
      }))).status,
      401,
    );
    await createProjectRepositoryFile(alice, web.id, "docs/new.md", {
      branch: "docs/new",
      start_branch: "main",
      content: "# New\n",
      commit_message: "Add docs",
    });
    const b = await getProjectRepositoryBranch(alice, web.id, "docs/new");
    const main = await getProjectRepositoryBranch(alice, web.id, "main");
    assert.deepEqual(b.commit.parent_ids, [main.commit.id]);
    assert.equal(b.protected, false);
  },
);

simTest(
  "repository files: a protected branch refuses a developer, not a maintainer",
  async ({ bob, alice }) => {
    assert.deepEqual(
      await failure(
        createProjectRepositoryFile(bob, tools, "x.md", {
          branch: "main",
          content: "x",
          commit_message: "m",
        }),
      ),
      { status: 400, body: { message: "You are not allowed to push into this branch" } },
    );
    await createProjectRepositoryFile(bob, tools, "x.md", {
      branch: "bob/x",
      start_branch: "main",
      content: "x",
      commit_message: "m",
    });
    await createProjectRepositoryFile(alice, tools, "x.md", {
      branch: "main",
      content: "x",
      commit_message: "m",
    });
    assert.equal((await getProjectRepositoryFile(bob, tools, "x.md", { ref: "main" })).size, 1);
  },
);

simTest("repository files: blame follows the file's history", async ({ alice }) => {
  await editProjectRepositoryFile(alice, web.id, "CHANGELOG.md", {
    branch: "main",
    content: "# Changelog\n\nNothing yet.\n",
    commit_message: "Rewrite changelog",
  });
  const head = await getProjectRepositoryBranch(alice, web.id, "main");
  const ranges = await getProjectRepositoryFileBlame(alice, web.id, "CHANGELOG.md", { ref: "main" });
  assert.deepEqual(ranges.map((r) => [r.commit.message, r.lines]), [
    ["Add changelog", ["# Changelog", ""]],
    ["Rewrite changelog", ["Nothing yet."]],
  ]);
  assert.equal(ranges[1].commit.id, head.commit.id);
  const part = await getProjectRepositoryFileBlame(alice, web.id, "CHANGELOG.md", {
    ref: "v1.0.0",
    "range[start]": 2,
    "range[end]": 3,
  });
  assert.deepEqual(part.map((r) => r.lines), [["", "## 1.0.0"]]);
  assert.deepEqual(
    await failure(getProjectRepositoryFileBlame(alice, web.id, "CHANGELOG.md", {
      ref: "main",
      "range[start]": 3,
      "range[end]": 2,
    })),
    { status: 400, body: { message: "range[start] must be less than or equal to range[end]" } },
  );
});
