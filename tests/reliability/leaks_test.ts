/**
 * Credentials never leak: every error kind is provoked with a distinctive secret for each credential
 * kind, and everything an error exposes, everything a logging middleware sees, and every request that
 * reached a foreign origin is scanned for the secrets.
 */
import assert from "node:assert/strict";
import { inspect } from "node:util";
import {
  type Client,
  type ClientOptions,
  createClient,
  createProjectIssue,
  getProject,
  httpGet,
  listProjects,
  type Middleware,
} from "@gitlab-edge/client";
import {
  type BadServer,
  badServer,
  brokenBody,
  type Hit,
  json,
  redirect,
  testPolicy,
} from "./_bad_server.ts";

const SECRETS = {
  token: "glpat-LEAKCANARY-token-7f3a9e",
  oauthToken: "oauth-LEAKCANARY-bearer-b81c44",
  jobToken: "jobtok-LEAKCANARY-ci-5d2e01",
  header: "hdr-LEAKCANARY-gateway-c0ffee",
} as const;
const CANARY = "LEAKCANARY";
/** A secret the caller put in a query parameter: errors must redact it (the caller's own logger may print it). */
const QUERY_SECRET = "q-QUERYCANARY-91ab";
const CREDENTIAL_HEADERS = ["private-token", "authorization", "job-token", "x-gateway-secret"];

const BASE = "https://gitlab.test";
const FOREIGN = "https://foreign.test";

/** Every string reachable from `value`: own properties (enumerable or not) recursively, `cause` included. */
function strings(value: unknown, seen = new Set<unknown>(), depth = 0): string[] {
  if (typeof value === "string") return [value];
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return [String(value)];
  }
  if (
    value === null || typeof value !== "object" && typeof value !== "function" || seen.has(value) || depth > 8
  ) return [];
  seen.add(value);
  const out: string[] = [];
  for (const key of Reflect.ownKeys(value)) {
    out.push(String(key));
    let v: unknown;
    try {
      v = (value as Record<PropertyKey, unknown>)[key];
    } catch {
      continue;
    }
    out.push(...strings(v, seen, depth + 1));
  }
  if (value instanceof Headers || value instanceof URLSearchParams) {
    for (const [k, v] of value) out.push(k, v);
  }
  return out;
}

/** Everything an error exposes, as text. */
function exposed(error: unknown): string[] {
  const out = strings(error);
  if (error instanceof Error) out.push(error.message, error.stack ?? "", String(error));
  try {
    out.push(JSON.stringify(error) ?? "");
  } catch {
    // a cyclic error cannot be stringified: nothing exposed that way
  }
  out.push(inspect(error, { depth: 10, showHidden: true }));
  return out;
}

function leaksIn(texts: readonly string[], extra: readonly string[] = []): string[] {
  return texts.filter((t) =>
    t.includes(CANARY) || [...Object.values(SECRETS), ...extra].some((s) => t.includes(s))
  );
}

type Kind = "token" | "oauthToken" | "jobToken" | "header";

function credentialOptions(kind: Kind): Partial<ClientOptions> {
  switch (kind) {
    case "token":
      return { token: SECRETS.token };
    case "oauthToken":
      return { oauthToken: SECRETS.oauthToken };
    case "jobToken":
      return { jobToken: SECRETS.jobToken };
    case "header":
      return { token: SECRETS.token, headers: { "X-Gateway-Secret": SECRETS.header } };
  }
}

interface Env {
  readonly base: BadServer;
  readonly foreign: BadServer;
}

/** Each scenario provokes one kind of failure (or a foreign request) and resolves with the error, if any. */
const SCENARIOS: Record<string, (client: Client) => Promise<unknown>> = {
  "401 JSON": (c) => getProject(c, 401),
  "403 HTML page": (c) => getProject(c, 403),
  "404 empty body": (c) => getProject(c, 404),
  "422 JSON field errors": (c) => createProjectIssue(c, 422, { title: "x" }),
  "500 plain text (POST)": (c) => createProjectIssue(c, 500, { title: "x" }),
  "503 retried to the end": (c) => getProject(c, 503),
  "429 retried to the end": (c) => getProject(c, 429),
  "network reset": (c) => getProject(c, 1000),
  "reset mid-body": (c) => getProject(c, 1001),
  "timeout": (c) => getProject(c, 1002, { timeout: 80 }),
  "invalid JSON": (c) => getProject(c, 1003),
  "redirect to http: refused": (c) => getProject(c, 1004),
  "redirect loop": (c) => getProject(c, 1005),
  "cross-origin redirect (200)": (c) => getProject(c, 1006),
  "cross-origin redirect (500)": (c) => getProject(c, 1007),
  "cross-origin 307 of a POST": (c) => createProjectIssue(c, 1008, { title: "x" }),
  "pagination link to another host": (c) => listProjects(c, { search: "foreign" }).toArray(),
  "pagination link leaving /api/v4": (c) => listProjects(c, { search: "escape" }).toArray(),
  "secret in a query parameter": (c) =>
    httpGet(c, "/projects/1000", { query: { private_token: QUERY_SECRET } }),
};

function baseHandler() {
  return (request: Request): Response | Promise<Response> => {
    const u = new URL(request.url);
    const id = /\/projects\/(\d+)/.exec(u.pathname)?.[1];
    switch (id) {
      case "401":
        return json({ message: "401 Unauthorized" }, { status: 401 });
      case "403":
        return new Response("<html><title>403 Forbidden</title></html>", {
          status: 403,
          headers: { "content-type": "text/html" },
        });
      case "404":
        return new Response(null, { status: 404 });
      case "422":
        return json({ message: { title: ["is too long"], base: ["invalid"] } }, { status: 422 });
      case "500":
        return new Response("Internal error", { status: 500 });
      case "503":
        return json({ message: "503" }, { status: 503 });
      case "429":
        return json({ message: "Retry later" }, { status: 429 });
      case "1000":
        return Promise.reject(new Error("reset"));
      case "1001":
        return brokenBody('{"id":1,');
      case "1002":
        return new Promise((_, reject) =>
          request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true })
        );
      case "1003":
        return new Response("{not json", { headers: { "content-type": "application/json" } });
      case "1004":
        return redirect("http://gitlab.test/api/v4/projects/1");
      case "1005":
        return redirect(u.pathname);
      case "1006":
        return redirect(`${FOREIGN}/ok`);
      case "1007":
        return redirect(`${FOREIGN}/fail`);
      case "1008":
        return redirect(`${FOREIGN}/post`, 307);
    }
    if (u.pathname === "/api/v4/projects") {
      const search = u.searchParams.get("search");
      if (u.searchParams.get("page") === "2") return json([{ id: 2 }]);
      const next = search === "foreign" ? `${FOREIGN}/api/v4/projects?page=2` : `${BASE}/admin?page=2`;
      return json([{ id: 1 }], { headers: { link: `<${next}>; rel="next"` } });
    }
    return json({ message: "unexpected " + u.pathname }, { status: 418 });
  };
}

Deno.test("leaks: no credential appears in any error, log line or foreign request, for every error kind", async () => {
  const foreign = await badServer((request) =>
    request.url.endsWith("/fail") ? json({ message: "boom" }, { status: 500 }) : json({ id: 99 })
  );
  const base = await badServer(baseHandler());
  const all: Env = { base, foreign };
  let leaks = 0;
  let checked = 0;
  const report: string[] = [];
  try {
    const transport = (r: Request): Promise<Response> => {
      const url = r.url.startsWith(BASE)
        ? all.base.url + r.url.slice(BASE.length)
        : r.url.startsWith(FOREIGN)
        ? all.foreign.url + r.url.slice(FOREIGN.length)
        : r.url;
      return fetch(new Request(url, r));
    };
    for (const kind of ["token", "oauthToken", "jobToken", "header"] as const) {
      for (const timeout of [1000, 0]) {
        const log: string[] = [];
        const seenByLogger: Headers[] = [];
        // The logger the README recommends: request URL and headers before and after the call.
        const logger: Middleware = async (request, next) => {
          seenByLogger.push(request.headers);
          log.push(`-> ${request.method} ${request.url} ${JSON.stringify([...request.headers])}`);
          try {
            const response = await next(request);
            log.push(
              `<- ${response.status} ${request.url} ${JSON.stringify([...request.headers])} ${
                JSON.stringify([...response.headers])
              }`,
            );
            return response;
          } catch (e) {
            log.push(`!! ${request.url} ${JSON.stringify([...request.headers])} ${String(e)}`);
            throw e;
          }
        };
        const { policy } = testPolicy();
        const client = createClient({
          baseUrl: BASE,
          fetch: transport,
          middleware: [logger],
          retry: policy,
          timeout,
          ...credentialOptions(kind),
        });
        for (const [name, run] of Object.entries(SCENARIOS)) {
          const error = await run(client).then(() => undefined, (e: unknown) => e);
          const found = error === undefined ? [] : leaksIn(exposed(error), [QUERY_SECRET]);
          checked++;
          if (found.length) {
            leaks += found.length;
            report.push(
              `${kind}/timeout=${timeout}/${name}: error exposes ${JSON.stringify(found[0].slice(0, 300))}`,
            );
          }
        }
        const logLeaks = leaksIn(log);
        leaks += logLeaks.length;
        for (const l of logLeaks) {
          report.push(`${kind}/timeout=${timeout}: log line ${JSON.stringify(l.slice(0, 300))}`);
        }
        for (const h of seenByLogger) {
          for (const name of CREDENTIAL_HEADERS) {
            if (h.has(name)) report.push(`${kind}: logger saw ${name}`);
          }
        }
      }
    }
    // Requests that reached the foreign origin: no credential header, no secret anywhere.
    const foreignLeaks = all.foreign.hits.filter((h: Hit) =>
      CREDENTIAL_HEADERS.some((n) => n in h.headers) || leaksIn([JSON.stringify(h)]).length > 0
    );
    leaks += foreignLeaks.length;
    for (const h of foreignLeaks) {
      report.push(`foreign request ${h.method} ${h.path}: ${JSON.stringify(h.headers)}`);
    }
    // Sanity: the scenarios did reach the foreign origin (per client: 1 + 3 retried 500s + 1 POST; 8 clients), never via pagination.
    assert.equal(all.foreign.count(), 40, report.join("\n"));
    assert.ok(
      all.foreign.hits.every((h) => !h.path.startsWith("/api/v4/projects")),
      "pagination never left the base origin",
    );
    // Sanity: credentials did reach the base origin.
    assert.ok(all.base.hits.some((h) => h.headers["private-token"] === SECRETS.token));
    assert.ok(all.base.hits.some((h) => h.headers["authorization"] === `Bearer ${SECRETS.oauthToken}`));
    assert.ok(all.base.hits.some((h) => h.headers["job-token"] === SECRETS.jobToken));
    assert.ok(all.base.hits.some((h) => h.headers["x-gateway-secret"] === SECRETS.header));
  } finally {
    await base.close();
    await foreign.close();
  }
  console.log(
    `\nleak scan: ${checked} error cases x (message, stack, own properties incl. cause, JSON, String, inspect), ` +
      `${foreign.count()} foreign requests, logger output: ${leaks} leak(s) found\n`,
  );
  assert.deepEqual(report, [], report.join("\n"));
  assert.equal(leaks, 0);
});

Deno.test("leaks: createClient() refusals never show the credential value", () => {
  const bad: [string, Partial<ClientOptions>][] = [
    ["token with a space", { token: `glpat ${CANARY}` }],
    ["oauth token with a newline", { oauthToken: `${CANARY}\n` }],
    ["job token, non-ASCII", { jobToken: `${CANARY}é` }],
    ["two credentials", { token: SECRETS.token, jobToken: SECRETS.jobToken }],
    ["token over plain http to a remote host", {
      baseUrl: "http://gitlab.example.com",
      token: SECRETS.token,
    }],
    ["credentials in baseUrl", { baseUrl: `https://user:${CANARY}@gitlab.example.com` }],
  ];
  let leaks = 0;
  for (const [name, options] of bad) {
    let error: unknown;
    try {
      createClient({ baseUrl: "https://gitlab.example.com", ...options });
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof TypeError, name);
    const found = leaksIn(exposed(error));
    leaks += found.length;
    assert.deepEqual(found, [], name);
  }
  assert.equal(leaks, 0);
});
