/**
 * Circular and very deep parameter objects (query strings and bodies) are refused with a TypeError or
 * RangeError naming the function and the parameter, before anything is sent: never a stack overflow, never
 * a runtime's own "circular structure" message.
 */
import assert from "node:assert/strict";
import {
  appendQuery,
  createClient,
  createProject,
  encodeBody,
  httpPost,
  listProjectIssues,
  type Params,
} from "@gitlab-edge/client";
import { assertError, recorder, thrown } from "../_helpers.ts";

/** An object nested `depth` levels: `{ a: { a: … { a: "x" } } }` (`depth` 1 is `{ a: "x" }`). */
function nested(depth: number, leaf: unknown = "x"): Record<string, unknown> {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value as Record<string, unknown>;
}

/** An array nested `depth` levels: `[[…["x"]…]]`. */
function nestedArray(depth: number): unknown[] {
  let value: unknown = "x";
  for (let i = 0; i < depth; i++) value = [value];
  return value as unknown[];
}

function circular(): Record<string, unknown> {
  const o: Record<string, unknown> = { name: "x" };
  o.self = o;
  return o;
}

function circularArray(): unknown[] {
  const a: unknown[] = ["x"];
  a.push({ list: a });
  return a;
}

Deno.test("appendQuery() refuses a circular parameter, naming it (TypeError, not a stack overflow)", () => {
  for (const value of [circular(), circularArray()]) {
    const e = thrown(() =>
      appendQuery("listProjectIssues", new URLSearchParams(), { filter: value as never })
    );
    assertError(e, TypeError, "listProjectIssues()", '"filter', "circular");
  }
});

Deno.test("appendQuery() refuses nesting deeper than 32 levels, naming the parameter (RangeError)", () => {
  for (const value of [nested(100_000), nestedArray(100_000), nested(33), nestedArray(33)]) {
    const e = thrown(() => appendQuery("listProjectIssues", new URLSearchParams(), { deep: value as never }));
    assertError(e, RangeError, "listProjectIssues()", '"deep', "32");
  }
  // 32 levels are fine.
  const q = new URLSearchParams();
  appendQuery("listProjectIssues", q, { deep: nested(31) as Params });
  assert.equal([...q.keys()].length, 1);
});

Deno.test("encodeBody() refuses circular and too deep bodies, JSON and multipart alike", () => {
  const blob = new Blob(["x"]);
  const cases: [unknown, typeof TypeError | typeof RangeError, string][] = [
    [circular(), TypeError, "circular"],
    [circularArray(), TypeError, "circular"],
    [nested(100_000), RangeError, "32"],
    [nestedArray(100_000), RangeError, "32"],
    [nested(40), RangeError, "32"],
    [{ file: blob, more: circular() }, TypeError, "circular"],
    [{ file: blob, more: nested(100_000) }, RangeError, "32"],
  ];
  for (const [value, type, word] of cases) {
    const e = thrown(() => encodeBody("createProject", { name: "demo", extra: value as never }));
    assertError(e, type, "createProject()", '"extra', word);
  }
  // A value shared twice (not a cycle) is fine.
  const shared = { k: "v" };
  assert.equal(
    encodeBody("createProject", { a: shared, b: [shared, shared] }),
    '{"a":{"k":"v"},"b":[{"k":"v"},{"k":"v"}]}',
  );
  assert.equal(
    encodeBody("createProject", { deep: nested(31) as Params }),
    JSON.stringify({ deep: nested(31) }),
  );
});

Deno.test("resource functions refuse circular or deep parameters before sending anything", async () => {
  const rec = recorder();
  const client = createClient({
    baseUrl: "https://gitlab.example.com",
    token: "glpat-nesting",
    fetch: rec.fetch,
  });
  const bad = [circular(), nested(100_000)];
  for (const value of bad) {
    const list = thrown(() => listProjectIssues(client, 1, { not: value as never }));
    assertError(list, Error, "listProjectIssues()", '"not');
    assert.ok(list instanceof TypeError || list instanceof RangeError, String(list));
    const create = thrown(() => createProject(client, { name: "x", import_url: value as never }));
    assertError(create, Error, "createProject()", '"import_url');
    assert.ok(create instanceof TypeError || create instanceof RangeError, String(create));
    const post = await httpPost(client, "/projects", { body: { name: "x", nested: value as never } }).then(
      () => undefined,
      (e) => e,
    );
    assertError(post, Error, "httpPost()", '"nested');
    assert.ok(post instanceof TypeError || post instanceof RangeError, String(post));
  }
  assert.equal(rec.requests.length, 0);
});
