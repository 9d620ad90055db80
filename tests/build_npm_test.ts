import assert from "node:assert/strict";
import { repositoryFields } from "../scripts/npm_repository.ts";

// The npm package's repository links (scripts/npm_repository.ts): read from a public forge's remote URL, and
// absent for anything else, so that no build names a wrong repository or carries a credential.

Deno.test("repositoryFields: GitLab and GitHub remotes, over SSH and HTTPS", () => {
  assert.deepEqual(repositoryFields("git@gitlab.com:acme/gitlab-edge.git"), {
    repository: { type: "git", url: "git+https://gitlab.com/acme/gitlab-edge.git" },
    homepage: "https://gitlab.com/acme/gitlab-edge#readme",
    bugs: { url: "https://gitlab.com/acme/gitlab-edge/-/issues" },
  });
  assert.equal(
    repositoryFields("https://github.com/acme/gitlab-edge")?.bugs.url,
    "https://github.com/acme/gitlab-edge/issues",
  );
  assert.equal(
    repositoryFields("ssh://git@gitlab.example.com:2222/group/sub/project.git/")?.homepage,
    "https://gitlab.example.com/group/sub/project#readme",
  );
});

Deno.test("repositoryFields: a credential in the remote URL stays out of every field", () => {
  const fields = repositoryFields("https://oauth2:glpat-secret@gitlab.com/acme/gitlab-edge.git");
  assert.ok(fields);
  assert.doesNotMatch(JSON.stringify(fields), /glpat-secret|oauth2/);
});

Deno.test("repositoryFields: local paths and file URLs name no repository", () => {
  for (const remote of ["", ".", "/srv/git/gitlab-edge", "file:///srv/git/gitlab-edge", "../gitlab-edge"]) {
    assert.equal(repositoryFields(remote), undefined, remote);
  }
});
