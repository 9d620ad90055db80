/**
 * The naming rule, as the generator applies it (the README states it; `tests/naming_test.ts` checks every
 * export against it independently):
 *
 *   name = verb + every literal segment of the route, in order, in PascalCase,
 *          singular where a path parameter follows it.
 *
 * - verb: `list` (GET of a paginated collection), `get` (any other GET), `create` (POST), `edit` (PUT or
 *   PATCH), `delete` (DELETE), `head` (HEAD); or, when the route ends in one of GitLab's action words
 *   (`…/pipelines/:pipeline_id/retry`), that action (`retry`), and the action word leaves the noun list.
 * - The last noun keeps its number when no parameter follows it (`listProjectIssues`,
 *   `getProjectLanguages`), except after `create`, which makes one (`createProjectIssue`).
 * - A leading `user` segment (the authenticated user) reads `CurrentUser`.
 * - `PATCH` is `edit` too, unless the same route also has a `PUT`: then it is `patch`.
 * - `-` segments and parameters inside a segment (`archive.:format`) add nothing; a literal suffix after a
 *   parameter (`:module_version.zip`) adds its word.
 * - Two routes that would still share a name differ in their path parameters: the one with more adds
 *   `By` and its extra parameters, an id read as what it names (`getLdapGroupsByProvider`; `:id` after
 *   `groups` reads `Group`, `:snippet_id` reads `Snippet`, an id that ends the route reads `Id`).
 *
 * @module
 */

/** GitLab's action words: a route ending in one is named after it (`retryProjectPipeline`). */
export const ACTIONS: ReadonlySet<string> = new Set([
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
]);

const IRREGULAR: Record<string, string> = {
  aliases: "alias",
  addresses: "address",
  statuses: "status",
  indices: "index",
  children: "child",
  people: "person",
  analyses: "analysis",
  metadata: "metadata",
  news: "news",
  series: "series",
  caches: "cache",
  pages: "pages",
  access: "access",
  settings: "setting",
  status: "status",
  alias: "alias",
  canary_ingress: "canary_ingress",
};

/** The singular of a snake_case noun: its last word made singular. */
export function singular(noun: string): string {
  const words = noun.split(/[_-]/);
  const last = words.at(-1)!;
  let one: string;
  if (last in IRREGULAR) one = IRREGULAR[last];
  else if (/[^aeiou]ies$/.test(last)) one = last.slice(0, -3) + "y";
  else if (/(ches|shes|sses|xes|zzes)$/.test(last)) one = last.slice(0, -2);
  else if (/ss$/.test(last) || /us$/.test(last)) one = last;
  else if (last.endsWith("s")) one = last.slice(0, -1);
  else one = last;
  return [...words.slice(0, -1), one].join("_");
}

/** `merge_requests` → `MergeRequests`, `renew-secret` → `RenewSecret`, `ci` → `Ci`. */
export function pascal(word: string): string {
  return word
    .replace(/[^A-Za-z0-9_\-.]/g, "")
    .split(/[_\-.]/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");
}

/** `mark_as_done` → `markAsDone`. */
export function camel(word: string): string {
  const p = pascal(word);
  return p[0].toLowerCase() + p.slice(1);
}

interface Token {
  literal: string;
  /** Whether a path parameter follows this literal. */
  param: boolean;
}

/** The route's literal segments, each marked with whether a parameter follows it. */
export function tokens(path: string): Token[] {
  const out: Token[] = [];
  for (const segment of path.split("/").filter(Boolean)) {
    if (segment === "-") continue;
    if (segment.startsWith(":") || segment.startsWith("*")) {
      if (out.length) out[out.length - 1].param = true;
      // A literal suffix after a parameter (`:module_version.zip`) is a word of its own.
      const suffix = /^[:*][a-z_]+\.([a-z]+)$/i.exec(segment);
      if (suffix) out.push({ literal: suffix[1], param: false });
      continue;
    }
    // A parameter inside a segment (`archive.:format`, `binary-:architecture`) adds nothing.
    const literal = segment.replace(/[.\-]?[:*][a-z_]+.*$/i, "");
    if (!literal) continue;
    out.push({ literal, param: literal !== segment });
  }
  return out;
}

/** The verb for a method when the route ends in no action word. */
export function plainVerb(method: string, list: boolean): string {
  switch (method) {
    case "GET":
      return list ? "list" : "get";
    case "POST":
      return "create";
    case "PUT":
    case "PATCH":
      return "edit";
    case "DELETE":
      return "delete";
    case "HEAD":
      return "head";
  }
  throw new Error(`no verb for method ${method}`);
}

/** The words `By…` adds for the path parameters a route has beyond another's. */
export function byParams(path: string, others: string[]): string {
  const params = (p: string) => [...p.matchAll(/[:*]([a-z_]+)/gi)].map((m) => m[1]);
  const theirs = new Set(
    others.flatMap((o) => params(o)).filter((n) => others.every((o) => params(o).includes(n))),
  );
  const extra = [...path.matchAll(/([a-z_]*)\/?[^/]*?[:*]([a-z_]+)/gi)]
    .filter((m) => !theirs.has(m[2]))
    .map((m) => {
      const before = path.slice(0, m.index! + m[0].length).split("/").filter(Boolean).at(-2) ?? "";
      const isId = /(^|_)i?id$/.test(m[2]);
      if (isId && m.index! + m[0].length === path.length) return "Id"; // the item itself
      if (m[2] === "id" && before) return pascal(singular(before)); // a scope: what it names
      return pascal(m[2].replace(/_i?id$/, ""));
    });
  return extra.length ? "By" + extra.join("And") : "";
}

/**
 * The export name of an endpoint, by the rule above. `list` says whether it is a paginated GET, `patch`
 * whether it is a PATCH on a route that also has a PUT.
 */
export function nameOf(method: string, path: string, list: boolean, patch = false): string {
  const toks = tokens(path);
  let verb = patch ? "patch" : plainVerb(method, list);
  const last = toks.at(-1);
  if (
    (method === "POST" || method === "PUT" || method === "PATCH") && last && !last.param &&
    ACTIONS.has(last.literal) && toks.length > 1
  ) {
    verb = camel(last.literal);
    toks.pop();
  }
  const words = toks.map((t, i) => {
    const isLast = i === toks.length - 1;
    if (i === 0 && t.literal === "user") return "CurrentUser";
    if (t.param || (isLast && verb === "create")) return pascal(singular(t.literal));
    return pascal(t.literal);
  });
  return verb + words.join("");
}
