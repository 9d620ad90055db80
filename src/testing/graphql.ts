/**
 * The simulator's GraphQL endpoint (`POST /api/graphql`): a small subset of GitLab's schema for tests —
 * `currentUser`, `user(username:)`, `project(fullPath:)` with its `issues` and `mergeRequests`
 * connections (`first`, `after`, `state`), and `nodes`/`edges`/`pageInfo`/`count` on connections.
 * Queries are parsed for real (operations, variables, arguments, aliases, nested selections); anything
 * outside the subset is a GraphQL error the way GitLab reports one (`Field 'x' doesn't exist on type
 * 'Project'`), with HTTP 200.
 *
 * @module
 */

import { canReadProject } from "./access.ts";
import { authenticate } from "./auth.ts";
import type { IssueRec, MrRec, ProjectRec, UserRec } from "./records.ts";
import { HttpError, jsonResponse } from "./responses.ts";
import type { Store } from "./store.ts";

type Value = string | number | boolean | null | Value[] | { [key: string]: Value } | { variable: string };

interface Field {
  alias: string;
  name: string;
  args: Record<string, Value>;
  selections: Field[];
  line: number;
  column: number;
}

class GraphQLFailure extends Error {
  constructor(message: string, readonly line = 1, readonly column = 1, readonly path?: (string | number)[]) {
    super(message);
  }
}

const TOKEN =
  /[\s,]*(?:#[^\n]*\n[\s,]*)*(\.\.\.|[{}():!$=\[\]@]|[A-Za-z_][A-Za-z0-9_]*|-?\d+(?:\.\d+)?|"(?:[^"\\]|\\.)*")/y;
/\s*(?:#[^\n]*\n\s*)*(\.\.\.|[{}():!$=,\[\]@]|[A-Za-z_][A-Za-z0-9_]*|-?\d+(?:\.\d+)?|"(?:[^"\\]|\\.)*")/y;

/** A GraphQL document's tokens with their positions. */
function tokenize(source: string): { text: string; line: number; column: number }[] {
  const out: { text: string; line: number; column: number }[] = [];
  let at = 0;
  const lineStarts = [0];
  for (let n = source.indexOf("\n"); n !== -1; n = source.indexOf("\n", n + 1)) lineStarts.push(n + 1);
  const position = (index: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: index - lineStarts[lo] + 1 };
  };
  while (at < source.length && out.length < 10_000) {
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(source);
    if (!m) {
      if (/^[\s,]*$/.test(source.slice(at))) break;
      const p = position(at);
      throw new GraphQLFailure(`Parse error on "${source.slice(at).trim()[0]}"`, p.line, p.column);
    }
    const start = m.index + m[0].length - m[1].length;
    out.push({ text: m[1], ...position(start) });
    at = TOKEN.lastIndex;
  }
  return out;
}

/** Parses the first operation of a document (a `query`, or a bare selection set). */
function parse(source: string): Field[] {
  const tokens = tokenize(source);
  let i = 0;
  const peek = () => tokens[i]?.text;
  const fail = (): never => {
    const t = tokens[i] ?? tokens[tokens.length - 1] ?? { text: "end", line: 1, column: 1 };
    throw new GraphQLFailure(`Parse error on "${t.text}"`, t.line, t.column);
  };
  const expect = (text: string) => (peek() === text ? tokens[i++] : fail());
  const value = (): Value => {
    const t = tokens[i++] ?? fail();
    if (t.text === "$") return { variable: tokens[i++]?.text ?? fail() };
    if (t.text.startsWith('"')) return JSON.parse(t.text) as string;
    if (/^-?\d/.test(t.text)) return Number(t.text);
    if (t.text === "true" || t.text === "false") return t.text === "true";
    if (t.text === "null") return null;
    if (t.text === "[") {
      const list: Value[] = [];
      while (peek() !== "]") list.push(value());
      i++;
      return list;
    }
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(t.text)) return t.text; // an enum value (`opened`, `CREATED_DESC`)
    return fail();
  };
  const selectionSet = (depth: number): Field[] => {
    if (depth > 20) fail();
    expect("{");
    const fields: Field[] = [];
    while (peek() !== "}") {
      if (peek() === undefined || peek() === "...") fail();
      const first = tokens[i++];
      let alias = first.text;
      let name = first.text;
      if (peek() === ":") {
        i++;
        name = tokens[i++]?.text ?? fail();
      }
      const args: Record<string, Value> = {};
      if (peek() === "(") {
        i++;
        while (peek() !== ")") {
          const arg = tokens[i++]?.text ?? fail();
          expect(":");
          args[arg] = value();
        }
        i++;
      }
      fields.push({
        alias,
        name,
        args,
        selections: peek() === "{" ? selectionSet(depth + 1) : [],
        line: first.line,
        column: first.column,
      });
      alias = "";
    }
    i++;
    return fields;
  };
  if (peek() === "query") {
    i++;
    if (peek() !== "(" && peek() !== "{") i++; // the operation's name
    if (peek() === "(") {
      while (peek() !== ")" && i < tokens.length) i++; // variable definitions: the values come from `variables`
      i++;
    }
  } else if (peek() === "mutation" || peek() === "subscription") {
    throw new GraphQLFailure("The simulator answers queries only", tokens[0].line, tokens[0].column);
  }
  return selectionSet(0);
}

interface Scope {
  store: Store;
  user: UserRec | null;
  variables: Record<string, unknown>;
  webUrl: string;
}

function arg(scope: Scope, field: Field, name: string): unknown {
  const v = field.args[name];
  if (v !== null && typeof v === "object" && !Array.isArray(v) && "variable" in v) {
    return scope.variables[(v as { variable: string }).variable] ?? null;
  }
  return v;
}

const gid = (type: string, id: number) => `gid://gitlab/${type}/${id}`;

type Resolver = (scope: Scope, field: Field, path: (string | number)[]) => unknown;
type ObjectType = { name: string; fields: Record<string, Resolver> };

function resolveObject(
  scope: Scope,
  type: ObjectType,
  selections: Field[],
  path: (string | number)[],
): Value {
  const out: Record<string, Value> = {};
  for (const f of selections) {
    const resolver = type.fields[f.name];
    if (!resolver) {
      throw new GraphQLFailure(`Field '${f.name}' doesn't exist on type '${type.name}'`, f.line, f.column, [
        ...path,
        f.alias,
      ]);
    }
    out[f.alias] = resolver(scope, f, [...path, f.alias]) as Value;
  }
  return out;
}

const scalar = (get: () => unknown): Resolver => () => (get() ?? null) as Value;

function userType(u: UserRec, webUrl: string): ObjectType {
  return {
    name: "UserCore",
    fields: {
      id: scalar(() => gid("User", u.id)),
      username: scalar(() => u.username),
      name: scalar(() => u.name),
      state: scalar(() => u.state),
      webUrl: scalar(() => `${webUrl}/${u.username}`),
      publicEmail: scalar(() => null),
      bot: scalar(() => u.bot),
    },
  };
}

function userField(user: (scope: Scope, field: Field) => UserRec | null | undefined): Resolver {
  return (scope, field, path) => {
    const u = user(scope, field);
    return u ? resolveObject(scope, userType(u, scope.webUrl), field.selections, path) : null;
  };
}

function connection<T>(
  items: (scope: Scope, field: Field) => T[],
  type: (item: T, scope: Scope) => ObjectType,
): Resolver {
  return (scope, field, path) => {
    const all = items(scope, field);
    const first = Math.min(Math.max(Number(arg(scope, field, "first") ?? 100), 0), 100);
    const after = arg(scope, field, "after");
    const start = typeof after === "string" && after !== ""
      ? Number(atob(after).replace(/^cursor:/, "")) + 1
      : 0;
    const page = all.slice(start, start + first);
    const end = start + page.length - 1;
    const cursorOf = (n: number) => btoa(`cursor:${n}`);
    const conn: ObjectType = {
      name: "Connection",
      fields: {
        count: scalar(() => all.length),
        nodes: (s, f, p) => page.map((item, n) => resolveObject(s, type(item, s), f.selections, [...p, n])),
        edges: (s, f, p) =>
          page.map((item, n) =>
            resolveObject(
              s,
              {
                name: "Edge",
                fields: {
                  cursor: scalar(() => cursorOf(start + n)),
                  node: (s2, f2, p2) => resolveObject(s2, type(item, s2), f2.selections, p2),
                },
              },
              f.selections,
              [...p, n],
            )
          ),
        pageInfo: (s, f, p) =>
          resolveObject(
            s,
            {
              name: "PageInfo",
              fields: {
                hasNextPage: scalar(() => start + page.length < all.length),
                hasPreviousPage: scalar(() => start > 0),
                startCursor: scalar(() => (page.length ? cursorOf(start) : null)),
                endCursor: scalar(() => (page.length ? cursorOf(end) : null)),
              },
            },
            f.selections,
            p,
          ),
      },
    };
    return resolveObject(scope, conn, field.selections, path);
  };
}

const STATES: Record<string, (state: string) => boolean> = {
  opened: (s) => s === "opened",
  closed: (s) => s === "closed",
  merged: (s) => s === "merged",
  all: () => true,
};

function byState<T extends { state: string }>(scope: Scope, field: Field, list: T[]): T[] {
  const state = arg(scope, field, "state");
  if (state === null || state === undefined) return list;
  const keep = STATES[String(state)];
  if (!keep) {
    throw new GraphQLFailure(
      `Argument 'state' has an invalid value (${String(state)}).`,
      field.line,
      field.column,
    );
  }
  return list.filter((x) => keep(x.state));
}

function issueType(p: ProjectRec, i: IssueRec): ObjectType {
  return {
    name: "Issue",
    fields: {
      id: scalar(() => gid("Issue", i.id)),
      iid: scalar(() => String(i.iid)),
      title: scalar(() => i.title),
      description: scalar(() => i.description),
      state: scalar(() => i.state),
      createdAt: scalar(() => i.createdAt),
      updatedAt: scalar(() => i.updatedAt),
      closedAt: scalar(() => i.closedAt),
      webUrl: (s) => `${s.webUrl}/${p.fullPath}/-/issues/${i.iid}`,
      author: userField((s) => s.store.usersById.get(i.authorId)),
    },
  };
}

function mergeRequestType(p: ProjectRec, m: MrRec): ObjectType {
  return {
    name: "MergeRequest",
    fields: {
      id: scalar(() => gid("MergeRequest", m.id)),
      iid: scalar(() => String(m.iid)),
      title: scalar(() => m.title),
      description: scalar(() => m.description),
      state: scalar(() => m.state),
      draft: scalar(() => m.draft),
      sourceBranch: scalar(() => m.source),
      targetBranch: scalar(() => m.target),
      createdAt: scalar(() => m.createdAt),
      updatedAt: scalar(() => m.updatedAt),
      mergedAt: scalar(() => m.mergedAt),
      webUrl: (s) => `${s.webUrl}/${p.fullPath}/-/merge_requests/${m.iid}`,
      author: userField((s) => s.store.usersById.get(m.authorId)),
    },
  };
}

function projectType(p: ProjectRec): ObjectType {
  return {
    name: "Project",
    fields: {
      id: scalar(() => gid("Project", p.id)),
      name: scalar(() => p.name),
      path: scalar(() => p.path),
      fullPath: scalar(() => p.fullPath),
      description: scalar(() => p.description),
      visibility: scalar(() => p.visibility),
      archived: scalar(() => p.archived),
      createdAt: scalar(() => p.createdAt),
      lastActivityAt: scalar(() => p.lastActivityAt),
      starCount: scalar(() => p.starCount),
      forksCount: scalar(() => p.forksCount),
      webUrl: (s) => `${s.webUrl}/${p.fullPath}`,
      openIssuesCount: scalar(() => p.issues.filter((i) => i.state === "opened").length),
      issues: connection((s, f) => byState(s, f, p.issues), (i) => issueType(p, i)),
      mergeRequests: connection((s, f) => byState(s, f, p.mrs), (m) => mergeRequestType(p, m)),
    },
  };
}

function queryType(): ObjectType {
  return {
    name: "Query",
    fields: {
      currentUser: userField((s) => s.user),
      user: userField((s, f) => {
        const username = arg(s, f, "username");
        return typeof username === "string" ? s.store.usersByName.get(username.toLowerCase()) : null;
      }),
      project: (s, f, path) => {
        const fullPath = arg(s, f, "fullPath");
        if (typeof fullPath !== "string") {
          throw new GraphQLFailure(
            "Field 'project' is missing required arguments: fullPath",
            f.line,
            f.column,
            path,
          );
        }
        const p = s.store.projectsByPath.get(fullPath.toLowerCase());
        if (!p || !canReadProject(s.user, p)) return null;
        return resolveObject(s, projectType(p), f.selections, path);
      },
    },
  };
}

/** @internal answers `POST /api/graphql` (and `GET` with `?query=`). */
export async function graphqlResponse(
  store: Store,
  req: Request,
  url: URL,
  method: string,
  requestId: string,
  webUrl: string,
): Promise<Response> {
  let user: UserRec | null;
  try {
    user = authenticate(store, req, url, method).user;
  } catch (e) {
    if (e instanceof HttpError) return jsonResponse(requestId, e.status, e.body, e.headers);
    throw e;
  }
  let query: unknown;
  let variables: unknown;
  if (method === "GET") {
    query = url.searchParams.get("query");
    const v = url.searchParams.get("variables");
    variables = v ? JSON.parse(v) : {};
  } else if (method === "POST") {
    const text = await req.text();
    let body: { query?: unknown; variables?: unknown };
    try {
      body = JSON.parse(text);
    } catch {
      return jsonResponse(requestId, 400, { errors: [{ message: "Unexpected end of document" }] });
    }
    query = body?.query;
    variables = body?.variables ?? {};
  } else {
    return jsonResponse(requestId, 404, { error: "404 Not Found" });
  }
  if (typeof query !== "string" || query.trim() === "") {
    return jsonResponse(requestId, 200, { errors: [{ message: "No query string was present" }] });
  }
  const scope: Scope = {
    store,
    user,
    variables: variables && typeof variables === "object" ? variables as Record<string, unknown> : {},
    webUrl,
  };
  try {
    const data = resolveObject(scope, queryType(), parse(query), []);
    return jsonResponse(requestId, 200, { data });
  } catch (e) {
    if (!(e instanceof GraphQLFailure)) throw e;
    return jsonResponse(requestId, 200, {
      errors: [{
        message: e.message,
        locations: [{ line: e.line, column: e.column }],
        ...(e.path ? { path: e.path } : {}),
      }],
      ...(e.path ? { data: null } : {}),
    });
  }
}
