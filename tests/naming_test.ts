import assert from "node:assert/strict";
import * as api from "@gitlab-edge/client";

// The README's naming rule, checked against every export defined from a route. Written independently of
// the generator (scripts/generate/naming.ts): it reads each name back into words and checks them against
// the route, instead of computing the name again.

/** Every export that was defined from a route string, with its route. */
const endpoints = Object.entries(api).flatMap(([name, value]) => {
  const route = api.routeOf(value);
  return route ? [{ name, value: value as { name: string }, route }] : [];
});

const PLAIN_VERBS: Record<string, string[]> = {
  list: ["GET"],
  get: ["GET"],
  create: ["POST"],
  edit: ["PUT", "PATCH"],
  patch: ["PATCH"],
  delete: ["DELETE"],
  head: ["HEAD"],
};

/** The README's action words (each names the route's last segment). */
const ACTIONS = [
  "activate",
  "add_spent_time",
  "apply",
  "approve",
  "approve_all",
  "archive",
  "ban",
  "block",
  "bulk_publish",
  "cancel",
  "cancel_merge_when_pipeline_succeeds",
  "cherry_pick",
  "clone",
  "deactivate",
  "disable",
  "disable_two_factor",
  "enable",
  "erase",
  "export",
  "follow",
  "fork",
  "import",
  "keep",
  "lock",
  "mark",
  "mark_as_done",
  "merge",
  "move",
  "override",
  "pause",
  "play",
  "promote",
  "protect",
  "publish",
  "rebase",
  "refresh_billable_users",
  "reject",
  "renew-secret",
  "reorder",
  "repair",
  "resend",
  "reset_approvals",
  "reset_authentication_token",
  "reset_registration_token",
  "reset_spent_time",
  "reset_time_estimate",
  "restore",
  "resume",
  "retry",
  "revert",
  "revoke",
  "rotate",
  "share",
  "star",
  "stop",
  "subscribe",
  "sync",
  "take_ownership",
  "transfer",
  "trigger",
  "unapprove",
  "unarchive",
  "unban",
  "unblock",
  "unfollow",
  "unprotect",
  "unstar",
  "unsubscribe",
  "verify",
];

const pascal = (w: string): string =>
  w.replace(/[^A-Za-z0-9_\-.]/g, "").split(/[_\-.]/).filter(Boolean).map((p) =>
    p[0].toUpperCase() + p.slice(1)
  )
    .join("");
const camel = (w: string): string => pascal(w)[0].toLowerCase() + pascal(w).slice(1);

/** The PascalCase words a literal segment may read as: as written, or singular. */
function forms(literal: string): string[] {
  const p = pascal(literal);
  const out = new Set([p]);
  if (p.endsWith("ies")) out.add(p.slice(0, -3) + "y");
  if (p.endsWith("es")) out.add(p.slice(0, -2));
  if (p.endsWith("s")) out.add(p.slice(0, -1));
  return [...out];
}

/** Checks `rest` (the name after its verb) reads as the route's literal segments in order. */
function readsAs(rest: string, literals: string[], path: string, first = true): boolean {
  if (rest === "" && literals.length === 0) return true;
  if (literals.length === 0) return /^By([A-Z][a-z0-9]*)+$/.test(rest); // the `By<Param>` disambiguation
  const [head, ...others] = literals;
  const options = first && head === "user" && path.startsWith("/user") ? ["CurrentUser"] : forms(head);
  return options.some((f) => rest.startsWith(f) && readsAs(rest.slice(f.length), others, path, false));
}

function literalsOf(path: string): string[] {
  const out: string[] = [];
  for (const segment of path.split("/").filter(Boolean)) {
    if (segment === "-") continue;
    if (/^[:*]/.test(segment)) {
      const suffix = /^[:*][a-z_]+\.([a-z]+)$/i.exec(segment);
      if (suffix) out.push(suffix[1]);
      continue;
    }
    const literal = segment.replace(/[.\-]?[:*][a-z_]+.*$/i, "");
    if (literal) out.push(literal);
  }
  return out;
}

Deno.test("naming: mod.ts exports the whole endpoint table, each function defined from a route", () => {
  const names = new Set(endpoints.map((e) => e.name));
  assert.ok(endpoints.length > 1300, `only ${endpoints.length} endpoints exported`);
  for (
    const name of [
      "listProjects",
      "getProject",
      "createProject",
      "editProject",
      "deleteProject",
      "forkProject",
      "listUserProjects",
      "listGroupProjects",
      "getCurrentUser",
      "listUsers",
      "getUser",
      "listGroups",
      "getGroup",
      "listGroupSubgroups",
      "listProjectIssues",
      "listGroupIssues",
      "listIssues",
      "getProjectIssue",
      "createProjectIssue",
      "editProjectIssue",
      "listProjectMergeRequests",
      "getProjectMergeRequest",
      "approveProjectMergeRequest",
      "mergeProjectMergeRequest",
      "listProjectPipelines",
      "retryProjectPipeline",
      "cancelProjectPipeline",
      "retryProjectJob",
      "getProjectRepositoryFile",
      "getProjectRepositoryFileRaw",
      "listProjectRepositoryBranches",
      "getProjectRepositoryCommit",
      "createProjectRelease",
      "createProjectMergeRequestNote",
      "createProjectVariable",
    ]
  ) assert.ok(names.has(name), `${name} is missing from mod.ts`);
});

Deno.test("naming: every resource function's name property equals its export name", () => {
  for (const { name, value } of endpoints) assert.equal(value.name, name);
});

Deno.test("naming: no two endpoints share a route", () => {
  const routes = new Map<string, string>();
  for (const { name, route } of endpoints) {
    assert.equal(routes.get(route), undefined, `${name} and ${routes.get(route)} share ${route}`);
    routes.set(route, name);
  }
});

Deno.test("naming: every name is <verb><the route's literal segments>, its verb fitting the method", () => {
  const problems: string[] = [];
  for (const { name, route } of endpoints) {
    const [method, path] = route.split(" ");
    const literals = literalsOf(path);
    const last = literals.at(-1)!;
    const candidates: { verb: string; literals: string[] }[] = [];
    for (const [verb, methods] of Object.entries(PLAIN_VERBS)) {
      if (methods.includes(method)) candidates.push({ verb, literals });
    }
    if (["POST", "PUT", "PATCH"].includes(method) && ACTIONS.includes(last) && literals.length > 1) {
      candidates.push({ verb: camel(last), literals: literals.slice(0, -1) });
    }
    const ok = candidates.some(({ verb, literals }) =>
      name.startsWith(verb) && /^[A-Z]/.test(name.slice(verb.length)) &&
      readsAs(name.slice(verb.length), literals, path)
    );
    if (!ok) problems.push(`${name}: does not read as ${route}`);
  }
  assert.deepEqual(problems, []);
});

Deno.test("naming: list functions use GET routes and return an async iterable without sending", () => {
  let sent = 0;
  const client = api.createClient({
    baseUrl: "https://gitlab.example.com",
    fetch: () => {
      sent++;
      return Promise.resolve(new Response("[]"));
    },
  });
  const lists = endpoints.filter((e) => e.name.startsWith("list"));
  assert.ok(lists.length > 250, `only ${lists.length} list functions`);
  for (const { name, value, route } of lists) {
    assert.ok(route.startsWith("GET "), `${name}: ${route}`);
    const params = (route.match(/:[a-z_]+/g) ?? []).map(() => 1);
    const result = (value as unknown as (...a: unknown[]) => unknown)(client, ...params);
    assert.equal(typeof (result as AsyncIterable<unknown>)[Symbol.asyncIterator], "function", name);
  }
  assert.equal(sent, 0, "creating a list sends nothing until it is iterated");
});
