/**
 * The in-memory GitLab REST API v4 simulator. Pure Web APIs only: runs on Deno, Node,
 * Bun and Cloudflare Workers.
 *
 * This module holds the public {@linkcode Simulator}: the request pipeline (log, faults, latency) and the
 * builders. The state is in `store.ts`, the answers in `routes/`.
 *
 * @module
 */

import { addToken } from "./auth.ts";
import type { RenderContext } from "./context.ts";
import { dispatch } from "./dispatch.ts";
import { cannedResponse, delay, faultMatches, hang, type QueuedFault, reshapeBody } from "./faults.ts";
import { commitFile, createBranch } from "./repository.ts";
import { RouteTable } from "./router.ts";
import { createGroup, renderGroup } from "./routes/groups.ts";
import { createIssue, renderIssue, setIssueState } from "./routes/issues.ts";
import { createMergeRequest, renderMergeRequest } from "./routes/merge_requests.ts";
import { ROUTE_GROUPS } from "./routes/mod.ts";
import { createManyProjects, createProjectFromInput, renderProject } from "./routes/projects.ts";
import { createUser, defaultOwner, renderUser } from "./routes/users.ts";
import { seedSimulator } from "./seed.ts";
import { Store } from "./store.ts";
import {
  flushWebhookDeliveries,
  installWebhookRouteWrappers,
  webhookDeliveryState,
} from "./webhook_delivery.ts";
import type {
  AddGroupInput,
  AddIssueInput,
  AddMergeRequestInput,
  AddProjectInput,
  AddTokenInput,
  AddUserInput,
  Fault,
  SimGroup,
  SimIssue,
  SimMergeRequest,
  SimProject,
  SimRequest,
  Simulator,
  SimulatorOptions,
  SimUser,
  SimVisibility,
  SimWebhookDelivery,
} from "./types.ts";

/** The request log keeps at most this many entries. */
const LOG_CAP = 10_000;

/** @internal implementation of {@link Simulator}; use {@link createSimulator}. */
export class SimulatorImpl implements Simulator {
  /** Milliseconds added to every response. */
  latency = 0;
  /** Base web URL used in `web_url` fields of builder results (answers use the request's origin unless set). */
  readonly webUrl: string;
  /** Clock used for timestamps. */
  readonly now: () => Date;

  #log: SimRequest[] = [];
  #faults: QueuedFault[] = [];
  readonly #store: Store;
  readonly #routes = new RouteTable();
  /** Renders builder results (no request: links use the configured web URL). */
  readonly #view: RenderContext;

  /** Creates a simulator; seeds it unless `options.seed` is false. */
  constructor(options: SimulatorOptions = {}) {
    this.now = options.now ?? (() => new Date());
    const externalUrl = options.webUrl?.replace(/\/+$/, "") ?? null;
    this.webUrl = externalUrl ?? "https://gitlab.example.com";
    this.#store = new Store({ now: this.now, webUrl: this.webUrl, externalUrl });
    this.#view = { store: this.#store, webUrl: this.webUrl };
    webhookDeliveryState(this.#store, {
      transport: options.webhooks,
      allowLocal: options.allowLocalWebhooks ?? false,
    });
    installWebhookRouteWrappers(this.#routes);
    for (const register of ROUTE_GROUPS) register(this.#routes, this.#store);
    if (options.seed !== false) seedSimulator(this, this.#store);
  }

  /** A bound fetch-compatible function. */
  readonly fetch = (input: Request | URL | string, init?: RequestInit): Promise<Response> =>
    this.#handle(input, init);

  /** Received requests, most recent last (at most the last 10,000). */
  get requests(): SimRequest[] {
    if (this.#log.length > LOG_CAP) this.#log.splice(0, this.#log.length - LOG_CAP);
    return this.#log;
  }

  /** Clears the request log. */
  clearRequests(): void {
    this.#log = [];
  }

  /** Webhook deliveries, oldest first (at most the last 1,000). */
  get webhookDeliveries(): readonly SimWebhookDelivery[] {
    return webhookDeliveryState(this.#store).deliveries;
  }

  /** Resolves once every webhook delivery started so far has settled. */
  flushWebhooks(): Promise<void> {
    return flushWebhookDeliveries(this.#store);
  }

  /** Queues a fault. */
  fault(f: Fault): void {
    this.#faults.push({ fault: f, remaining: f.times ?? 1 });
  }

  /** Removes all queued faults. */
  clearFaults(): void {
    this.#faults = [];
  }

  /**
   * @internal whether a queued fault will drop or hang a connection. The HTTP server uses it to
   * answer with `Connection: close` beforehand, so clients (e.g. Bun's fetch) don't transparently
   * retry a reset keep-alive connection and swallow the fault.
   */
  hasPendingNetworkFaults(): boolean {
    return this.#faults.some((q) => q.remaining > 0 && (q.fault.drop !== undefined || q.fault.hang === true));
  }

  /** @internal ISO time `days` before now (seeding). */
  isoAgo(days: number): string {
    return this.#store.isoAgo(days);
  }

  // ----- builders ---------------------------------------------------------------------------

  /** Adds a user. */
  addUser(u: AddUserInput): SimUser {
    const rec = createUser(this.#store, u);
    return renderUser(this.#view, rec, rec);
  }

  /** Registers an access token for a user. */
  addToken(token: string, o: AddTokenInput): void {
    addToken(this.#store, token, o);
  }

  /** Adds a group. */
  addGroup(g: AddGroupInput): SimGroup {
    return renderGroup(this.#view, createGroup(this.#store, g));
  }

  /** Adds a project. */
  addProject(p: AddProjectInput): SimProject {
    return renderProject(this.#view, createProjectFromInput(this.#store, p), null);
  }

  /** Adds many public projects quickly (names `<prefix><n>`). */
  addProjects(
    count: number,
    o: { namespace?: string; prefix?: string; visibility?: SimVisibility } = {},
  ): void {
    createManyProjects(this.#store, count, o);
  }

  /** Adds an issue to a project (id or full path). */
  addIssue(project: string | number, i: AddIssueInput): SimIssue {
    const store = this.#store;
    const p = store.requireProject(project);
    const author = i.author
      ? store.requireUser(i.author)
      : store.usersById.get(p.creatorId) ?? defaultOwner(store);
    const rec = createIssue(store, p, author, {
      title: i.title,
      description: i.description ?? null,
      labels: i.labels ?? [],
      assigneeIds: (i.assignees ?? []).map((a) => store.requireUser(a).id),
    });
    if (i.state === "closed") setIssueState(store, p, rec, "closed", author);
    return renderIssue(this.#view, p, rec);
  }

  /** @internal adjusts timestamps of the most recent issue (seeding). */
  backdateLastIssue(project: string | number, days: number): void {
    const p = this.#store.requireProject(project);
    const rec = p.issues[p.issues.length - 1];
    if (rec) rec.createdAt = rec.updatedAt = this.isoAgo(days);
  }

  /** @internal sets a project's creation time (seeding). */
  backdateProject(project: string | number, days: number, activityDays: number): void {
    const p = this.#store.requireProject(project);
    p.createdAt = this.isoAgo(days);
    p.updatedAt = p.lastActivityAt = this.isoAgo(activityDays);
  }

  /** Adds a merge request to a project (id or full path). */
  addMergeRequest(project: string | number, m: AddMergeRequestInput): SimMergeRequest {
    const p = this.#store.requireProject(project);
    return renderMergeRequest(this.#view, p, createMergeRequest(this.#store, p, m));
  }

  /** Adds or replaces a file on a branch (default branch unless `ref`). */
  addFile(
    project: string | number,
    path: string,
    content: string | Uint8Array,
    o: { ref?: string } = {},
  ): void {
    const p = this.#store.requireProject(project);
    commitFile(this.#store, p, path, content, o.ref ?? p.defaultBranch);
  }

  /** Creates a branch from `ref` (default branch unless given). */
  addBranch(project: string | number, name: string, o: { ref?: string } = {}): void {
    createBranch(this.#store, this.#store.requireProject(project), name, o.ref);
  }

  // ----- request pipeline --------------------------------------------------------------------

  /** The first queued fault matching the request, consuming one of its uses. */
  #takeFault(method: string, apiPath: string): Fault | undefined {
    for (let i = 0; i < this.#faults.length; i++) {
      const q = this.#faults[i];
      if (q.remaining > 0 && faultMatches(q.fault, method, apiPath)) {
        q.remaining--;
        if (q.remaining <= 0) this.#faults.splice(i, 1);
        return q.fault;
      }
    }
    return undefined;
  }

  /** Logs the request, applies a matching fault and latency, and answers. */
  async #handle(input: Request | URL | string, init?: RequestInit): Promise<Response> {
    const req = input instanceof Request && init === undefined ? input : new Request(input, init);
    const url = new URL(req.url);
    const method = req.method.toUpperCase();
    const headers: Record<string, string> = {};
    req.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
    this.#log.push({ method, url: req.url, headers });
    if (this.#log.length >= LOG_CAP * 2) this.#log.splice(0, this.#log.length - LOG_CAP);

    const requestId = crypto.randomUUID();
    const apiPath = url.pathname.startsWith("/api/v4") ? url.pathname.slice(7) || "/" : url.pathname;
    const fault = this.#takeFault(method, apiPath);
    // The caller's own signal when it gave one: on Node 20 a Request's signal follows the init's through a
    // weak reference to the Request's internal controller, so once the Request is unreachable an abort may
    // never reach it (and a hang would never end).
    const given = init?.signal;
    const signal = given instanceof AbortSignal ? given : req.signal;
    if (signal.aborted) throw signal.reason ?? new DOMException("The operation was aborted.", "AbortError");
    if (fault?.hang) return await hang(signal);
    await delay(this.latency + (fault?.latency ?? 0), signal);
    if (fault?.drop === "before-response") {
      throw new TypeError("network error: connection closed before response (simulated)");
    }
    let res: Response;
    if (fault && (fault.status !== undefined || fault.body !== undefined)) {
      res = cannedResponse(fault, requestId, this.now());
      if (method === "HEAD") res = new Response(null, { status: res.status, headers: res.headers });
    } else {
      res = await dispatch(this.#store, this.#routes, req, url, method, requestId);
      if (fault?.headers) {
        const h = new Headers(res.headers);
        for (const [k, v] of Object.entries(fault.headers)) h.set(k, v);
        res = new Response(res.body, { status: res.status, statusText: res.statusText, headers: h });
      }
    }
    if (fault && (fault.drop === "mid-body" || fault.slowBody)) {
      res = await reshapeBody(
        res,
        { slowBody: fault.slowBody, dropMidBody: fault.drop === "mid-body" },
        signal,
      );
    }
    return res;
  }
}

/**
 * Creates an in-memory GitLab REST API v4 simulator. Its `fetch` answers requests for
 * `<any origin>/api/v4/...` like GitLab does: pagination headers, auth, sudo, errors.
 *
 * @example
 * ```ts
 * import { createSimulator, SIM_ADMIN_TOKEN } from "@gitlab-edge/client/testing";
 * const sim = createSimulator();
 * const res = await sim.fetch("http://gitlab.test/api/v4/projects?per_page=2", {
 *   headers: { "PRIVATE-TOKEN": SIM_ADMIN_TOKEN },
 * });
 * console.log(res.headers.get("x-total"), await res.json());
 * ```
 */
export function createSimulator(options?: SimulatorOptions): Simulator {
  return new SimulatorImpl(options);
}
