/**
 * GitLab's encoding rules: path parameters, Rails-style query strings (`a[]=`, `h[k]=`,
 * `variables[][key]=`), JSON and multipart bodies, and the refusals that keep hostile input from
 * reaching another endpoint.
 *
 * @module
 */

import { clip } from "./errors.ts";

/**
 * A value GitLab accepts as a parameter. Nested arrays and objects use Rails' bracket names.
 *
 * @example
 * ```ts
 * import { appendQuery, type ParamValue } from "@gitlab-edge/client";
 * const labels: ParamValue = ["bug", "ui"];
 * const query = new URLSearchParams();
 * appendQuery("listProjectIssues", query, { labels, updated_after: new Date("2025-01-01T00:00:00Z") });
 * query.toString(); // "labels%5B%5D=bug&labels%5B%5D=ui&updated_after=2025-01-01T00%3A00%3A00.000Z"
 * ```
 */
export type ParamValue =
  | string
  | number
  | boolean
  | bigint
  | Date
  | null
  | undefined
  | Blob
  | readonly ParamValue[]
  | { readonly [key: string]: ParamValue };

/**
 * A record of GitLab parameters (query or body), snake_case as GitLab documents them.
 *
 * @example
 * ```ts
 * import { appendQuery, type Params } from "@gitlab-edge/client";
 * const params: Params = { search: "api", not: { author_id: 3 }, per_page: 50 };
 * const query = new URLSearchParams();
 * appendQuery("listProjectIssues", query, params);
 * query.toString(); // "search=api&not%5Bauthor_id%5D=3&per_page=50"
 * ```
 */
export type Params = { readonly [key: string]: ParamValue };

/**
 * Encodes one path parameter: a positive integer is sent as is; a string (a `namespace/project`
 * path, a branch name, a file path) is URL-encoded whole, so `/` becomes `%2F`. Empty strings, `.`,
 * `..`, non-integers and other types are refused, naming `fn` and `param`.
 *
 * @example
 * ```ts
 * import { encodePathParam } from "@gitlab-edge/client";
 * encodePathParam("getProject", "id", "group/sub/project"); // "group%2Fsub%2Fproject"
 * encodePathParam("getProject", "id", 42); // "42"
 * ```
 */
export function encodePathParam(fn: string, param: string, value: unknown): string {
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(
        `${fn}(): parameter "${param}" must be a non-negative integer or a string, got ${value}`,
      );
    }
    return String(value);
  }
  if (typeof value !== "string") {
    throw new TypeError(`${fn}(): parameter "${param}" must be a string or a number, got ${describe(value)}`);
  }
  if (value === "" || value === "." || value === "..") {
    throw new RangeError(
      `${fn}(): parameter "${param}" must not be ${value === "" ? "empty" : `"${value}"`}`,
    );
  }
  try {
    return encodeURIComponent(value);
  } catch {
    throw new RangeError(`${fn}(): parameter "${param}" is not well-formed Unicode (lone surrogate)`);
  }
}

/**
 * How GitLab parameters are appended to a query string: {@linkcode appendQuery} (any nesting) or
 * {@linkcode flatQuery} (plain values and lists of them). Each refuses what it cannot encode with a
 * `TypeError` or `RangeError` naming `fn` and the parameter.
 *
 * @example
 * ```ts
 * import { appendQuery, type QueryEncoder } from "@gitlab-edge/client";
 * const encode: QueryEncoder = appendQuery;
 * const q = new URLSearchParams();
 * encode("listProjects", q, { search: "api" });
 * q.toString(); // "search=api"
 * ```
 */
export type QueryEncoder = (fn: string, query: URLSearchParams, params: Params) => void;

/**
 * Appends `params` to `query` when none is nested deeper than a list of plain values: a list as `a[]=`,
 * a `Date` as ISO 8601, `undefined` left out, `null` as an empty value, with the checks of
 * {@linkcode appendQuery}. A map, a list inside a list or a blob is refused (`TypeError` naming `fn` and the
 * parameter). The library's functions of GitLab endpoints that take nothing more use it: it leaves the
 * nesting walker of `appendQuery` out of a bundle.
 *
 * @example
 * ```ts
 * import { flatQuery } from "@gitlab-edge/client";
 * const q = new URLSearchParams();
 * flatQuery("listProjects", q, { topic: ["api", "cli"], archived: false });
 * q.toString(); // "topic%5B%5D=api&topic%5B%5D=cli&archived=false"
 * ```
 */
export function flatQuery(fn: string, query: URLSearchParams, params: Params): void {
  for (const key of Object.keys(params)) {
    const value = params[key];
    if (Array.isArray(value)) {
      for (const item of value) {
        if (item !== undefined) query.append(key + "[]", scalar(fn, key + "[]", item));
      }
    } else if (value !== undefined) query.append(key, scalar(fn, key, value));
  }
}

/**
 * Appends `params` to `query` with GitLab's (Rails') rules: arrays as `a[]=`, objects as `h[k]=`,
 * arrays of objects as `variables[][key]=`; `Date` as ISO 8601; `undefined` left out; `null` as an
 * empty value. Only own properties are read. Refuses non-finite numbers, invalid dates, functions, symbols
 * and blobs, and values nested deeper than 32 levels or circular, naming `fn` and the parameter.
 *
 * @example
 * ```ts
 * import { appendQuery } from "@gitlab-edge/client";
 * const q = new URLSearchParams();
 * appendQuery("listProjectIssues", q, { labels: ["bug", "ui"], not: { labels: ["wontfix"] }, confidential: false });
 * q.toString(); // "labels%5B%5D=bug&labels%5B%5D=ui&not%5Blabels%5D%5B%5D=wontfix&confidential=false"
 * ```
 */
export function appendQuery(fn: string, query: URLSearchParams, params: Params, prefix = ""): void {
  walkParams(fn, params, prefix, (name, value) => {
    if (value instanceof Blob) {
      throw new TypeError(`${fn}(): parameter "${name}" is a Blob; files can only be sent in a request body`);
    }
    query.append(name, value);
  }, [params]);
}

/**
 * The deepest nesting of arrays and objects a parameter may have, below the parameters object itself (as
 * Rack, which parses GitLab's parameters, limits it). Deeper or circular values are refused, not walked
 * until the stack overflows.
 */
const MAX_DEPTH = 32;

/** Where {@linkcode walk} sends each leaf: a name with brackets and a string or a Blob (a query string refuses it). */
type Leaf = (name: string, value: string | Blob) => void;

/**
 * Walks `params` with Rails' bracket names (`h[k]`), handing every leaf to `leaf`. `stack` holds the
 * objects and arrays being walked, `params` last. Own properties only: a polluted `Object.prototype`
 * adds nothing.
 */
function walkParams(
  fn: string,
  params: Params,
  prefix: string,
  leaf: Leaf,
  stack: object[],
): void {
  for (const key of Object.keys(params)) {
    walk(fn, prefix ? `${prefix}[${key}]` : key, params[key], leaf, stack);
  }
}

/**
 * Steps into the array or object `value` (named `name`), refusing it when it is one of the values being
 * walked (a cycle) or nests too deep, quoting the first 100 characters of its name; the caller pops it
 * from `stack` when done.
 */
function enter(fn: string, name: string, value: object, stack: object[]): void {
  if (stack.includes(value)) {
    throw new TypeError(`${fn}(): parameter "${clip(name, 100)}" is circular (it contains itself)`);
  }
  if (stack.length > MAX_DEPTH) {
    throw new RangeError(`${fn}(): parameter "${clip(name, 100)}" nests deeper than ${MAX_DEPTH} levels`);
  }
  stack.push(value);
}

/** Walks one value: arrays as `a[]`, plain objects as `h[k]`, `undefined` left out, scalars formatted. */
function walk(
  fn: string,
  name: string,
  value: ParamValue,
  leaf: Leaf,
  stack: object[],
): void {
  if (value === undefined) return;
  if (Array.isArray(value)) {
    enter(fn, name, value, stack);
    for (const item of value) walk(fn, `${name}[]`, item as ParamValue, leaf, stack);
    stack.pop();
  } else if (isPlainObject(value)) {
    enter(fn, name, value as object, stack);
    walkParams(fn, value as Params, name, leaf, stack);
    stack.pop();
  } else if (value instanceof Blob) {
    leaf(name, value);
  } else {
    leaf(name, scalar(fn, name, value));
  }
}

/** Formats one scalar for a query string or form field. */
function scalar(fn: string, name: string, value: unknown): string {
  switch (typeof value) {
    case "string":
      return value;
    case "boolean":
    case "bigint":
      return String(value);
    case "number":
      if (!Number.isFinite(value)) {
        throw new RangeError(`${fn}(): parameter "${name}" must be a finite number, got ${value}`);
      }
      return String(value);
    case "object":
      if (value === null) return "";
      if (value instanceof Date) return isoDate(fn, name, value);
  }
  throw new TypeError(`${fn}(): parameter "${name}" has an unsupported type: ${describe(value)}`);
}

function isoDate(fn: string, name: string, date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError(`${fn}(): parameter "${name}" is an invalid Date`);
  return date.toISOString();
}

/**
 * Encodes a request body: `FormData` when any value (at any depth) is a `Blob`, otherwise a JSON
 * string. Values are checked as for the query string (own properties only; nesting deeper than 32 levels
 * or circular refused), so a bad value fails before sending.
 *
 * @example
 * ```ts
 * import { encodeBody } from "@gitlab-edge/client";
 * encodeBody("createProject", { name: "demo", topics: ["a"] }); // '{"name":"demo","topics":["a"]}'
 * encodeBody("createProjectUpload", { file: new Blob(["x"]) }) instanceof FormData; // true
 * ```
 */
export function encodeBody(fn: string, params: Params): string | FormData {
  const names: string[] = [];
  if (inspect(fn, params, [], names)) {
    const form = new FormData();
    walkParams(
      fn,
      params,
      "",
      (name, value) => {
        if (typeof value === "string") form.append(name, value);
        else form.append(name, value, value instanceof File ? value.name : "blob");
      },
      [params],
    );
    return form;
  }
  try {
    return JSON.stringify(params, function (this: Record<string, unknown>, key: string, value: unknown) {
      const raw = this[key];
      if (raw instanceof Date) return isoDate(fn, key, raw);
      if (typeof value === "number" && !Number.isFinite(value)) {
        throw new RangeError(`${fn}(): parameter "${key}" must be a finite number, got ${value}`);
      }
      if (typeof value === "bigint") return value.toString();
      if (typeof value === "function" || typeof value === "symbol") {
        throw new TypeError(`${fn}(): parameter "${key}" has an unsupported type: ${typeof value}`);
      }
      return value;
    });
  } catch (e) {
    if (e instanceof Error && e.message.startsWith(`${fn}(): `)) throw e;
    // A value's own toJSON() went wrong (or made a cycle): say which call, keep the cause.
    throw new TypeError(`${fn}(): the body cannot be encoded as JSON`, { cause: e });
  }
}

/**
 * Walks the arrays and plain objects in `value` (own properties), refusing a cycle or nesting deeper than
 * {@linkcode MAX_DEPTH} below the body, and says whether a `Blob` is among them. `stack` holds the values
 * being walked and `names` their keys (an error's parameter name is built from them only when needed).
 */
function inspect(fn: string, value: unknown, stack: object[], names: string[]): boolean {
  if (value instanceof Blob) return true;
  const array = Array.isArray(value);
  if (!array && !isPlainObject(value)) return false;
  const container = value as Record<string, unknown>;
  if (stack.length > MAX_DEPTH || stack.includes(container)) {
    enter(fn, names.reduce((name, key, i) => i === 0 ? key : `${name}[${key}]`, ""), container, stack);
  }
  stack.push(container);
  let blob = false;
  for (const key of array ? (value as unknown[]).keys() : Object.keys(container)) {
    names.push(array ? "" : key as string);
    if (inspect(fn, container[key], stack, names)) blob = true;
    names.pop();
  }
  stack.pop();
  return blob;
}

function isPlainObject(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A short, secret-free description of a value's type for error messages. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") {
    return `an object (${Object.getPrototypeOf(value)?.constructor?.name ?? "null prototype"})`;
  }
  return typeof value;
}
