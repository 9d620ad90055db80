/**
 * Project and group webhooks: `GET`/`POST /projects/:id/hooks`, `GET`/`PUT`/`DELETE
 * /projects/:id/hooks/:hook_id`, `POST /projects/:id/hooks/:hook_id/test/:trigger`, and the same under
 * `/groups/:id/hooks`. Project hooks need the maintainer role, group hooks the owner role; the secret
 * `token` is stored and never sent back. Events are delivered to the hooks by `../webhook_delivery.ts`; a
 * test delivery (`…/test/:trigger`) is only accepted. Loopback and private network URLs are refused unless
 * the simulator was created with `allowLocalWebhooks`.
 *
 * @module
 */

import { ACCESS, groupAccess, projectAccess, requireAuth } from "../access.ts";
import type { RenderContext, RequestContext } from "../context.ts";
import { bool, type Params, type ParamValue, str } from "../params.ts";
import { paginateArray } from "../pagination.ts";
import type { GroupRec, ProjectRec } from "../records.ts";
import { forbidden, HttpError, jsonResponse, noContent } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import type { Store } from "../store.ts";
import type { GroupHook, ProjectHook } from "../../types/hooks.ts";
import { integerPathParam, validate } from "../validation.ts";
import { findGroup } from "./groups.ts";
import { findProject } from "./projects.ts";
import { webhookDeliveryState } from "../webhook_delivery.ts";

/** @internal a stored webhook. */
export interface HookRec {
  /** Hook id. */
  id: number;
  /** Project or group id. */
  ownerId: number;
  /** Receiver URL. */
  url: string;
  /** Name. */
  name: string | null;
  /** Description. */
  description: string | null;
  /** Secret token (never rendered). */
  token: string | null;
  /** Event flags by parameter name. */
  events: Record<string, boolean>;
  /** Verify TLS. */
  enableSslVerification: boolean;
  /** Branch filter. */
  branchFilter: string | null;
  /** Branch filter strategy. */
  strategy: "wildcard" | "regex" | "all_branches";
  /** URL variables (key → value). */
  urlVariables: Map<string, string>;
  /** Custom headers (key → value). */
  customHeaders: Map<string, string>;
  /** ISO creation time. */
  createdAt: string;
}

/** @internal the hooks of every project and group. */
export interface HookState {
  /** Project hooks by project id. */
  project: Map<number, HookRec[]>;
  /** Group hooks by group id. */
  group: Map<number, HookRec[]>;
}

type Kind = "project" | "group";

/** Event flags shared by project and group hooks, with their defaults. */
const COMMON_EVENTS: Record<string, boolean> = {
  push_events: true,
  tag_push_events: false,
  merge_requests_events: false,
  repository_update_events: false,
  issues_events: false,
  confidential_issues_events: false,
  note_events: false,
  confidential_note_events: false,
  pipeline_events: false,
  wiki_page_events: false,
  deployment_events: false,
  feature_flag_events: false,
  job_events: false,
  releases_events: false,
  milestone_events: false,
  emoji_events: false,
  resource_access_token_events: false,
};
const GROUP_EVENTS: Record<string, boolean> = {
  ...COMMON_EVENTS,
  subgroup_events: false,
  member_events: false,
  project_events: false,
};
const PROJECT_TRIGGERS = [
  "confidential_issues_events",
  "confidential_note_events",
  "deployment_events",
  "emoji_events",
  "feature_flag_events",
  "issues_events",
  "job_events",
  "merge_requests_events",
  "note_events",
  "pipeline_events",
  "push_events",
  "releases_events",
  "resource_access_token_events",
  "tag_push_events",
  "wiki_page_events",
];
const GROUP_TRIGGERS = [...PROJECT_TRIGGERS, "member_events", "project_events", "subgroup_events"];

/** @internal this simulator's hooks. */
export function hookState(store: Store): HookState {
  return store.slot("hooks", (): HookState => ({ project: new Map(), group: new Map() }));
}

function hooksOf(store: Store, kind: Kind, ownerId: number): HookRec[] {
  const m = hookState(store)[kind];
  let rows = m.get(ownerId);
  if (!rows) m.set(ownerId, rows = []);
  return rows;
}

/** Fields every hook renders. */
function renderBase(h: HookRec) {
  return {
    id: h.id,
    url: h.url,
    name: h.name,
    description: h.description,
    created_at: h.createdAt,
    push_events: h.events.push_events,
    tag_push_events: h.events.tag_push_events,
    merge_requests_events: h.events.merge_requests_events,
    repository_update_events: h.events.repository_update_events,
    enable_ssl_verification: h.enableSslVerification,
    alert_status: "executable" as const,
    disabled_until: null,
    url_variables: [...h.urlVariables.keys()].map((key) => ({ key })),
    push_events_branch_filter: h.branchFilter,
    branch_filter_strategy: h.strategy,
    custom_webhook_template: null,
    custom_headers: [...h.customHeaders.keys()].map((key) => ({ key })),
  };
}

/** @internal a project hook as GitLab's `ProjectHook` entity presents it (never the token). */
export function renderProjectHook(_view: RenderContext, h: HookRec): ProjectHook {
  const e = h.events;
  return {
    ...renderBase(h),
    project_id: h.ownerId,
    issues_events: e.issues_events,
    confidential_issues_events: e.confidential_issues_events,
    note_events: e.note_events,
    confidential_note_events: e.confidential_note_events,
    pipeline_events: e.pipeline_events,
    wiki_page_events: e.wiki_page_events,
    deployment_events: e.deployment_events,
    feature_flag_events: e.feature_flag_events,
    job_events: e.job_events,
    releases_events: e.releases_events,
    milestone_events: e.milestone_events,
    emoji_events: e.emoji_events,
    resource_access_token_events: e.resource_access_token_events,
  };
}

/** @internal a group hook as GitLab's `GroupHook` entity presents it (never the token). */
export function renderGroupHook(_view: RenderContext, h: HookRec): GroupHook {
  const e = h.events;
  return {
    ...renderBase(h),
    group_id: h.ownerId,
    issues_events: e.issues_events,
    confidential_issues_events: e.confidential_issues_events,
    note_events: e.note_events,
    confidential_note_events: e.confidential_note_events,
    pipeline_events: e.pipeline_events,
    wiki_page_events: e.wiki_page_events,
    job_events: e.job_events,
    deployment_events: e.deployment_events,
    feature_flag_events: e.feature_flag_events,
    releases_events: e.releases_events,
    milestone_events: e.milestone_events,
    subgroup_events: e.subgroup_events,
    emoji_events: e.emoji_events,
    resource_access_token_events: e.resource_access_token_events,
    member_events: e.member_events,
    project_events: e.project_events,
  };
}

/**
 * @internal whether GitLab accepts `url` as a hook receiver: an http(s) URL, and (with the default
 * `allow_local_requests_from_web_hooks_and_services: false`, unless `allowLocal`) not on the loopback or
 * a local network.
 */
export function validHookUrl(url: string, allowLocal = false): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return false;
  if (allowLocal) return true;
  const host = u.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost") || host === "0.0.0.0" || host === "::1") {
    return false;
  }
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    if (a === 127 || a === 10 || a === 0 || (a === 169 && b === 254)) return false;
    if ((a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return false;
  }
  return true;
}

/** `{key, value}` pairs of an array parameter (`url_variables[][key]=…`). */
function pairs(v: ParamValue | undefined): [string, string][] {
  if (!Array.isArray(v)) return [];
  const out: [string, string][] = [];
  for (const item of v) {
    if (item && typeof item === "object" && !Array.isArray(item) && !(item instanceof Blob)) {
      const key = item.key;
      if (typeof key === "string" && key !== "") out.push([key, String(item.value ?? "")]);
    }
  }
  return out;
}

/** Applies the hook parameters of a create or edit request; throws GitLab's 422s. */
function applyParams(store: Store, h: HookRec, q: Params, kind: Kind): void {
  const url = str(q, "url");
  if (url !== undefined) {
    if (!validHookUrl(url, webhookDeliveryState(store).allowLocal)) {
      throw new HttpError(422, { message: "Invalid url given" });
    }
    h.url = url;
  }
  for (const key of Object.keys(kind === "group" ? GROUP_EVENTS : COMMON_EVENTS)) {
    const b = bool(q, key);
    if (b !== undefined) h.events[key] = b;
  }
  const ssl = bool(q, "enable_ssl_verification");
  if (ssl !== undefined) h.enableSslVerification = ssl;
  for (const key of ["name", "description"] as const) {
    const s = str(q, key);
    if (s !== undefined) h[key] = s;
  }
  const token = str(q, "token");
  if (token !== undefined) h.token = token === "" ? null : token;
  const strategy = str(q, "branch_filter_strategy");
  if (strategy === "wildcard" || strategy === "regex" || strategy === "all_branches") h.strategy = strategy;
  const filter = str(q, "push_events_branch_filter");
  if (filter !== undefined) h.branchFilter = filter === "" ? null : filter;
  if (h.strategy === "all_branches") h.branchFilter = null;
  if (h.strategy === "regex" && h.branchFilter !== null) {
    try {
      new RegExp(h.branchFilter);
    } catch {
      throw new HttpError(422, { message: "Invalid branch filter given" });
    }
  }
  for (const [k, v] of pairs(q.url_variables)) h.urlVariables.set(k, v);
  for (const [k, v] of pairs(q.custom_headers)) h.customHeaders.set(k, v);
}

/** The project or group of the request, after the admin check (maintainer / owner). */
function findOwner(ctx: RequestContext, kind: Kind): ProjectRec | GroupRec {
  const user = requireAuth(ctx);
  if (kind === "project") {
    const p = findProject(ctx);
    if (projectAccess(user, p) < ACCESS.maintainer) throw forbidden();
    return p;
  }
  const g = findGroup(ctx);
  if (!user.admin && groupAccess(user, g) < ACCESS.owner) throw forbidden();
  return g;
}

/** A hook by id, or GitLab's `find` 404. */
function findHook(ctx: RequestContext, kind: Kind, ownerId: number): HookRec {
  const id = integerPathParam(ctx.pathParams, "hook_id");
  const h = hooksOf(ctx.store, kind, ownerId).find((x) => x.id === id);
  if (!h) throw new HttpError(404, { message: "404 Not found" });
  return h;
}

/** @internal adds a hook (routes and seeds); `params` as the API takes them. */
export function createHook(store: Store, kind: Kind, ownerId: number, params: Params): HookRec {
  const h: HookRec = {
    id: store.nextIdOf("hook"),
    ownerId,
    url: "",
    name: null,
    description: null,
    token: null,
    events: { ...(kind === "group" ? GROUP_EVENTS : COMMON_EVENTS) },
    enableSslVerification: true,
    branchFilter: null,
    strategy: "wildcard",
    urlVariables: new Map(),
    customHeaders: new Map(),
    createdAt: store.iso(),
  };
  applyParams(store, h, params, kind);
  hooksOf(store, kind, ownerId).push(h);
  return h;
}

/** @internal registers the project and group hook routes. */
export function registerHookRoutes(routes: RouteTable): void {
  for (const kind of ["project", "group"] as const) {
    const base = `/${kind}s/:id/hooks`;
    const render = (ctx: RequestContext, h: HookRec) =>
      kind === "project" ? renderProjectHook(ctx, h) : renderGroupHook(ctx, h);
    routes.on("GET", base, (ctx) => {
      const owner = findOwner(ctx, kind);
      validate(ctx.params).pagination().check();
      return paginateArray(ctx, hooksOf(ctx.store, kind, owner.id), (h) => render(ctx, h));
    });
    routes.on("GET", `${base}/:hook_id`, (ctx) => {
      const owner = findOwner(ctx, kind);
      return jsonResponse(ctx.requestId, 200, render(ctx, findHook(ctx, kind, owner.id)));
    });
    routes.on("POST", base, (ctx) => {
      requireAuth(ctx);
      validate(ctx.params).required("url").check();
      const owner = findOwner(ctx, kind);
      const h = createHook(ctx.store, kind, owner.id, ctx.params);
      return jsonResponse(ctx.requestId, 201, render(ctx, h));
    });
    routes.on("PUT", `${base}/:hook_id`, (ctx) => {
      const owner = findOwner(ctx, kind);
      const h = findHook(ctx, kind, owner.id);
      const copy: HookRec = {
        ...h,
        events: { ...h.events },
        urlVariables: new Map(h.urlVariables),
        customHeaders: new Map(h.customHeaders),
      };
      applyParams(ctx.store, copy, ctx.params, kind); // all or nothing
      Object.assign(h, copy);
      return jsonResponse(ctx.requestId, 200, render(ctx, h));
    });
    routes.on("DELETE", `${base}/:hook_id`, (ctx) => {
      const owner = findOwner(ctx, kind);
      const h = findHook(ctx, kind, owner.id);
      const rows = hooksOf(ctx.store, kind, owner.id);
      rows.splice(rows.indexOf(h), 1);
      return noContent(ctx.requestId);
    });
    routes.on("POST", `${base}/:hook_id/test/:trigger`, (ctx) => {
      const owner = findOwner(ctx, kind);
      findHook(ctx, kind, owner.id);
      const trigger = ctx.pathParams.trigger;
      if (!(kind === "project" ? PROJECT_TRIGGERS : GROUP_TRIGGERS).includes(trigger)) {
        throw new HttpError(400, { error: "trigger does not have a valid value" });
      }
      if (kind === "project" && (trigger === "push_events" || trigger === "tag_push_events")) {
        const p = owner as ProjectRec;
        const files = p.repo?.branches.get(p.defaultBranch)?.files.size ?? 0;
        if (files === 0) {
          throw new HttpError(422, { message: "Ensure the project has at least one commit." });
        }
      }
      return jsonResponse(ctx.requestId, 201, { message: "201 Created" });
    });
  }
}

/** @internal seeds a push and merge request hook on `acme/web`. */
export function seedHooks(store: Store): void {
  const web = store.projectByIdOrPath("acme/web");
  if (!web) return;
  createHook(store, "project", web.id, {
    url: "https://ci.acme.example/hooks/gitlab",
    name: "CI trigger",
    description: "Starts the acme CI on pushes and merge requests",
    push_events: true,
    merge_requests_events: true,
    pipeline_events: true,
    token: "acme-webhook-secret",
    push_events_branch_filter: "main",
  });
}
