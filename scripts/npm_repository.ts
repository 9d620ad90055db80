/**
 * The npm package's links to the project's repository (`repository`, `homepage`, `bugs`), worked out by
 * `scripts/build_npm.ts` from the checkout's `origin` remote.
 *
 * @module
 */

/** The npm fields that link to the project's repository. */
export interface RepositoryFields {
  repository: { type: "git"; url: string };
  homepage: string;
  bugs: { url: string };
}

/**
 * `repository`, `homepage` and `bugs` from a git remote URL on a public forge (`https://host/owner/name`,
 * `git@host:owner/name`, with or without `.git`); `undefined` for anything else (a local path, a file URL),
 * so a build from a private clone names no repository rather than a wrong one.
 *
 * @example
 * ```ts
 * import { repositoryFields } from "./npm_repository.ts";
 * repositoryFields("git@gitlab.com:acme/gitlab-edge.git")?.bugs.url; // "https://gitlab.com/acme/gitlab-edge/-/issues"
 * ```
 */
export function repositoryFields(remote: string): RepositoryFields | undefined {
  const bare = remote.trim().replace(/\/+$/, "").replace(/\.git$/, "");
  const m =
    /^(?:https:\/\/(?:[^@/]+@)?([^/:]+)\/|git@([^:/]+):|ssh:\/\/git@([^/:]+)(?::\d+)?\/)([\w.-]+(?:\/[\w.-]+)+)$/
      .exec(bare);
  if (!m) return undefined;
  const host = (m[1] ?? m[2] ?? m[3]).toLowerCase();
  const web = `https://${host}/${m[4]}`;
  // GitLab serves issues under /-/issues; GitHub, Codeberg and others under /issues.
  const issues = host === "github.com" || host === "codeberg.org" ? `${web}/issues` : `${web}/-/issues`;
  return {
    repository: { type: "git", url: `git+${web}.git` },
    homepage: `${web}#readme`,
    bugs: { url: issues },
  };
}
