// Node.js 20.3+: npm install @gitlab-edge/client, then node examples/node.mjs
// Talks to the built-in simulator, or to a real GitLab when GITLAB_URL (and GITLAB_TOKEN) are set:
// clientFromEnv() reads them (or, inside GitLab CI, CI_API_V4_URL and CI_JOB_TOKEN).
import {
  clientFromEnv,
  createClient,
  getCurrentUser,
  getProject,
  listProjectIssues,
} from "@gitlab-edge/client";

async function connect() {
  const baseUrl = process.env.GITLAB_URL;
  if (baseUrl) return { client: clientFromEnv(), target: baseUrl };
  const { createSimulator, SIM_USER_TOKEN } = await import("@gitlab-edge/client/testing");
  const fetch = createSimulator().fetch;
  return {
    client: createClient({ baseUrl: "https://gitlab.example.com", token: SIM_USER_TOKEN, fetch }),
    target: "simulator",
  };
}

const { client, target } = await connect();
console.log(`runtime: node ${process.versions.node}`);
console.log(`gitlab: ${target}`);
if (client.auth !== "none") console.log(`user: ${(await getCurrentUser(client)).username}`);
const project = await getProject(client, process.env.GITLAB_PROJECT ?? "acme/web");
console.log(`project: ${project.path_with_namespace} (${project.open_issues_count ?? "?"} open issues)`);
for await (const issue of listProjectIssues(client, project.id, { state: "opened", maxItems: 3 })) {
  console.log(`  #${issue.iid} ${issue.title}`);
}
console.log("done");
