// Cloudflare Workers: bundle with wrangler (or esbuild --bundle --format=esm --platform=neutral).
// Answers every request with a short report from the built-in simulator, or from a real GitLab when the
// GITLAB_URL (and GITLAB_TOKEN) variables are set: clientFromEnv(env) reads them from the binding. A client is cheap: make one per request.
import {
  type Client,
  clientFromEnv,
  createClient,
  getCurrentUser,
  getProject,
  listProjectIssues,
} from "@gitlab-edge/client";

interface Env {
  GITLAB_URL?: string;
  GITLAB_TOKEN?: string;
  GITLAB_PROJECT?: string;
}

async function connect(env: Env): Promise<{ client: Client; target: string }> {
  const baseUrl = env.GITLAB_URL;
  if (baseUrl) return { client: clientFromEnv(env), target: baseUrl };
  const { createSimulator, SIM_USER_TOKEN } = await import("@gitlab-edge/client/testing");
  const fetch = createSimulator().fetch;
  return {
    client: createClient({ baseUrl: "https://gitlab.example.com", token: SIM_USER_TOKEN, fetch }),
    target: "simulator",
  };
}

export default {
  async fetch(_request: Request, env: Env): Promise<Response> {
    const { client, target } = await connect(env);
    const lines = [`runtime: ${navigator.userAgent}`, `gitlab: ${target}`];
    if (client.auth !== "none") lines.push(`user: ${(await getCurrentUser(client)).username}`);
    const project = await getProject(client, env.GITLAB_PROJECT ?? "acme/web");
    lines.push(`project: ${project.path_with_namespace} (${project.open_issues_count ?? "?"} open issues)`);
    for await (const issue of listProjectIssues(client, project.id, { state: "opened", maxItems: 3 })) {
      lines.push(`  #${issue.iid} ${issue.title}`);
    }
    lines.push("done");
    return new Response(lines.join("\n") + "\n", {
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  },
};
