// Cloudflare Workers: a GitLab webhook receiver. Point a project, group or system hook at the worker's
// URL, with the same secret token (and, if your GitLab has signing tokens, the same signing token) in
// the worker's variables. Each delivery is verified, parsed and answered with a short JSON summary such
// as {"event":"push","project":"acme/web","ref":"refs/heads/main","commits":2}; a refused one gets
// {"error":"<reason>"} with the matching status (401, 413, 415 or 400).
import { parseWebhook, WebhookError, type WebhookEvent, webhookKind } from "@gitlab-edge/client/webhooks";

interface Env {
  /** The hook's secret token (sent by GitLab in `X-Gitlab-Token`). */
  GITLAB_WEBHOOK_SECRET?: string;
  /** The hook's signing token (`whsec_…`), when the hook signs its requests. */
  GITLAB_WEBHOOK_SIGNING_TOKEN?: string;
}

function summarize(event: WebhookEvent): Record<string, string | number | null> {
  const summary: Record<string, string | number | null> = { event: webhookKind(event) };
  if ("project" in event && event.project) summary.project = event.project.path_with_namespace;
  else if ("path_with_namespace" in event) summary.project = event.path_with_namespace;
  switch (event.object_kind) {
    case "push":
    case "tag_push":
      summary.ref = event.ref;
      summary.commits = event.total_commits_count;
      break;
    case "merge_request":
      summary.merge_request = event.object_attributes.iid;
      summary.action = event.object_attributes.action ?? null;
      break;
    case "issue":
    case "work_item":
      summary.issue = event.object_attributes.iid;
      summary.action = event.object_attributes.action ?? null;
      break;
    case "note":
      summary.on = event.object_attributes.noteable_type;
      break;
    case "pipeline":
      summary.status = event.object_attributes.status;
      break;
    case "build":
      summary.job = event.build_name;
      summary.status = event.build_status;
      break;
    case "deployment":
      summary.environment = event.environment;
      summary.status = event.status;
      break;
  }
  return summary;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    if (request.method !== "POST") {
      return Response.json({ error: "method_not_allowed" }, { status: 405, headers: { allow: "POST" } });
    }
    const secret = env.GITLAB_WEBHOOK_SECRET || undefined;
    const signingToken = env.GITLAB_WEBHOOK_SIGNING_TOKEN || undefined;
    // Refuse to run open: without a secret anyone who finds the URL could post events.
    if (!secret && !signingToken) return Response.json({ error: "not_configured" }, { status: 500 });
    try {
      // Checks the token (and signature) first, then the body: size, content type, JSON, event kind.
      const event = await parseWebhook(request, { secret, signingToken });
      return Response.json(summarize(event));
    } catch (e) {
      if (e instanceof WebhookError) return Response.json({ error: e.reason }, { status: e.status });
      throw e;
    }
  },
};
