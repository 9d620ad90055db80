import assert from "node:assert/strict";
import * as api from "gitlab-edge";

/** Every export that was defined from a route string, with its route. */
const endpoints = Object.entries(api).flatMap(([name, value]) => {
  const route = api.routeOf(value);
  return route ? [{ name, value: value as { name: string }, route }] : [];
});

const VERB_METHODS: Record<string, string[]> = {
  list: ["GET"],
  get: ["GET"],
  create: ["POST"],
  edit: ["PUT"],
  delete: ["DELETE"],
};
const ACTION_VERBS: Record<string, string[]> = { fork: ["POST"], upload: ["POST"] };
const SCOPES = ["", "Project", "Group", "User", "Current"];

function pascal(segment: string): string {
  return segment.split("_").map((w) => w[0].toUpperCase() + w.slice(1)).join("");
}

function singular(word: string): string {
  if (word.endsWith("ies")) return word.slice(0, -3) + "y";
  if (/(ches|shes|sses|xes)$/.test(word)) return word.slice(0, -2);
  return word.endsWith("s") ? word.slice(0, -1) : word;
}

/** The resource noun a route's name must end with, per the README's naming rule. */
function resourceOf(route: string, verb: string): string {
  const path = route.split(" ")[1];
  const segments = path.split("/").filter(Boolean);
  const raw = segments.at(-1) === "raw";
  const statics = segments.filter((s) => !s.startsWith(":") && s !== "raw");
  const last = statics.at(-1)!;
  const one = verb !== "list";
  let noun = one ? singular(last) : last;
  if (statics.at(-2) === "repository" && last === "files") noun = "repository_" + noun;
  if (path === "/user") noun = "user";
  return pascal(noun) + (raw ? "Raw" : "");
}

Deno.test("naming: mod.ts exports the first slice of resource functions, each defined from a route", () => {
  const names = new Set(endpoints.map((e) => e.name));
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
      "listSubgroups",
      "listProjectIssues",
      "getProjectIssue",
      "createProjectIssue",
      "editProjectIssue",
      "listProjectMergeRequests",
      "getProjectMergeRequest",
      "getRepositoryFile",
      "getRepositoryFileRaw",
      "listBranches",
      "getBranch",
      "createBranch",
      "deleteBranch",
    ]
  ) assert.ok(names.has(name), `${name} is missing from mod.ts`);
});

Deno.test("naming: every resource function's name property equals its export name", () => {
  for (const { name, value } of endpoints) assert.equal(value.name, name);
});

Deno.test("naming: every resource function follows <verb><Scope><Resource> and its verb fits the method", () => {
  for (const { name, route } of endpoints) {
    const method = route.split(" ")[0];
    const verb = /^[a-z]+/.exec(name)![0];
    if (verb in ACTION_VERBS) {
      assert.ok(ACTION_VERBS[verb].includes(method), `${name}: ${verb} with ${method}`);
      continue;
    }
    assert.ok(verb in VERB_METHODS, `${name}: unknown verb "${verb}"`);
    assert.ok(VERB_METHODS[verb].includes(method), `${name}: verb "${verb}" does not fit ${route}`);
    const resource = resourceOf(route, verb);
    assert.ok(name.endsWith(resource), `${name}: should end with ${resource} for ${route}`);
    const scope = name.slice(verb.length, name.length - resource.length);
    assert.ok(SCOPES.includes(scope), `${name}: scope "${scope}" is not one of ${SCOPES.join(", ")}`);
  }
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
  for (const { name, value, route } of endpoints.filter((e) => e.name.startsWith("list"))) {
    const params = (route.match(/:[a-z_]+/g) ?? []).map(() => 1);
    const result = (value as unknown as (...a: unknown[]) => unknown)(client, ...params);
    assert.equal(typeof (result as AsyncIterable<unknown>)[Symbol.asyncIterator], "function", name);
  }
  assert.equal(sent, 0, "creating a list sends nothing until it is iterated");
});
