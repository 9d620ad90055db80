/**
 * The targets of the live suites: the simulator always, and a real GitLab when `GITLAB_URL` and
 * `GITLAB_TOKEN` are set (optionally `GITLAB_PROJECT`, a project path or id the token can read).
 *
 * @module
 */
import {
  type Client,
  createClient,
  GitLabHTTPError,
  listProjects,
  type ProjectId,
} from "@gitlab-edge/client";
import { createSimulator, SIM_USER_TOKEN } from "@gitlab-edge/client/testing";

/** Reads an environment variable on Deno, Node and Bun (undefined without permission). */
export function env(name: string): string | undefined {
  const g = globalThis as {
    Deno?: { env: { get(k: string): string | undefined } };
    process?: { env: Record<string, string | undefined> };
  };
  try {
    return g.process?.env[name] ?? g.Deno?.env.get(name);
  } catch {
    return undefined; // no permission to read the environment: not live
  }
}

/** One place the checks run against. */
export interface Target {
  /** `simulator` or `live`. */
  label: string;
  /** A fresh client for it. */
  client: () => Client;
  /** The project to look at, when given. */
  project: string | number | undefined;
}

/** The simulator, and the real GitLab the environment names, if any. */
export function targets(): Target[] {
  const list: Target[] = [{
    label: "simulator",
    client: () =>
      createClient({
        baseUrl: "https://gitlab.example.com",
        token: SIM_USER_TOKEN,
        fetch: createSimulator().fetch,
      }),
    project: "acme/web",
  }];
  const url = env("GITLAB_URL");
  const token = env("GITLAB_TOKEN");
  if (url && token) {
    list.push({
      label: "live",
      client: () => createClient({ baseUrl: url, token }),
      project: env("GITLAB_PROJECT"),
    });
  }
  return list;
}

/** The target's project, or the first project the token is a member of. */
export async function projectOf(client: Client, target: Target): Promise<ProjectId | undefined> {
  return target.project ??
    (await listProjects(client, { membership: true, maxItems: 1, simple: true }).toArray())[0]?.id;
}

/**
 * Runs `read`; on a real GitLab a 403 or 404 (a feature turned off, or a role too low to read it) means
 * "not here" and resolves undefined. The simulator must answer.
 */
export async function available<T>(target: Target, read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (e) {
    if (target.label === "live" && e instanceof GitLabHTTPError && (e.status === 403 || e.status === 404)) {
      return undefined;
    }
    throw e;
  }
}
