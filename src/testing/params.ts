/**
 * Rails/Rack-style parameter decoding used by the simulator: `a[]=x`, `h[k]=v`,
 * `variables[][key]=K` become arrays and objects.
 *
 * @module
 */

/**
 * A decoded request parameter value.
 *
 * @example
 * ```ts
 * import type { ParamValue } from "@gitlab-edge/client/testing";
 * const v: ParamValue = { labels: ["bug", "ui"] };
 * ```
 */
export type ParamValue = string | number | boolean | null | Blob | ParamValue[] | {
  [key: string]: ParamValue;
};

/**
 * Decoded parameters of a request (query string merged with the body).
 *
 * @example
 * ```ts
 * import type { Params } from "@gitlab-edge/client/testing";
 * const p: Params = { title: "Bug", labels: ["a", "b"] };
 * ```
 */
export type Params = { [key: string]: ParamValue };

function splitKey(name: string): string[] {
  const first = name.indexOf("[");
  if (first <= 0) return [name];
  const keys = [name.slice(0, first)];
  const re = /\[([^\]]*)\]/g;
  re.lastIndex = first;
  let m: RegExpExecArray | null;
  let guard = 0;
  while ((m = re.exec(name)) !== null && guard++ < 64) keys.push(m[1]);
  return keys;
}

/**
 * A key that would reach a prototype rather than name a parameter: such a parameter is dropped (GitLab
 * ignores parameters it does not know). Everything else is read and written as an own property only.
 */
const UNSAFE_KEY = "__proto__";

function isObj(v: ParamValue | undefined): v is { [key: string]: ParamValue } {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Blob);
}

/** `o[key]` when `o` has it as its own property, else `undefined` (never an inherited value). */
function own(o: object, key: string): ParamValue | undefined {
  return Object.hasOwn(o, key) ? (o as { [key: string]: ParamValue })[key] : undefined;
}

/** Sets `o[key]` as an own data property (never through a setter such as `__proto__`). */
function put(o: { [key: string]: ParamValue }, key: string, value: ParamValue): void {
  Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
}

function hasKeyPath(o: { [key: string]: ParamValue }, keys: string[]): boolean {
  let cur: ParamValue = o;
  for (const k of keys) {
    if (k === "") return true;
    if (!isObj(cur) || !Object.hasOwn(cur, k)) return false;
    cur = cur[k];
  }
  return true;
}

function assign(target: { [key: string]: ParamValue }, keys: string[], value: ParamValue): void {
  const [head, ...rest] = keys;
  if (rest.length === 0) {
    put(target, head, value);
    return;
  }
  if (rest[0] === "") {
    // array
    let arr = own(target, head);
    if (!Array.isArray(arr)) {
      arr = [];
      put(target, head, arr);
    }
    const after = rest.slice(1);
    if (after.length === 0) {
      arr.push(value);
      return;
    }
    // array of hashes: start a new element when the last one already has this key
    const last = arr[arr.length - 1];
    if (isObj(last) && !hasKeyPath(last, after)) {
      assign(last, after, value);
      return;
    }
    const fresh: { [key: string]: ParamValue } = {};
    arr.push(fresh);
    assign(fresh, after, value);
    return;
  }
  // numeric index or hash key
  let obj = own(target, head);
  if (!isObj(obj)) {
    obj = {};
    put(target, head, obj);
  }
  assign(obj, rest, value);
}

/**
 * Decodes name/value pairs with Rails-style bracket names into nested params. A name with a `__proto__`
 * key at any level is dropped, and every value is written as an own property, so no input can reach a
 * prototype.
 *
 * @example
 * ```ts
 * import { decodeParams } from "@gitlab-edge/client/testing";
 * const p = decodeParams(new URLSearchParams("labels[]=a&labels[]=b&not[labels][]=x"));
 * // { labels: ["a", "b"], not: { labels: ["x"] } }
 * ```
 */
export function decodeParams(entries: Iterable<[string, ParamValue]>, into: Params = {}): Params {
  for (const [name, value] of entries) {
    const keys = splitKey(name);
    if (!keys.includes(UNSAFE_KEY)) assign(into, keys, value);
  }
  return into;
}

/**
 * Reads and decodes a request body (JSON, urlencoded or multipart) into params. As in
 * {@linkcode decodeParams}, `__proto__` keys are dropped (from JSON objects at any depth too).
 *
 * @example
 * ```ts
 * import { readBodyParams } from "@gitlab-edge/client/testing";
 * const req = new Request("http://x/", { method: "POST", body: new URLSearchParams("a[]=1") });
 * const p = await readBodyParams(req); // { a: ["1"] }
 * ```
 */
export async function readBodyParams(req: Request): Promise<Params> {
  if (req.body === null) return {};
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (type.startsWith("application/octet-stream")) {
    // A raw upload (a generic package `PUT`): GitLab's Workhorse hands it to the API as the `file` param.
    return { file: new File([await req.arrayBuffer()], "upload", { type: "application/octet-stream" }) };
  }
  if (type.includes("multipart/form-data")) {
    const form = await req.formData();
    const entries: [string, ParamValue][] = [];
    form.forEach((v, k) => entries.push([k, v]));
    return decodeParams(entries);
  }
  const text = await req.text();
  if (text.trim() === "") return {};
  if (type.includes("json") || (!type.includes("urlencoded") && /^\s*[{[]/.test(text))) {
    // A reviver returning undefined drops the key: no "__proto__" own property is left for a merge
    // (`params[key] = value`) to turn into a prototype.
    const parsed: unknown = JSON.parse(text, (key, value) => key === UNSAFE_KEY ? undefined : value);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return parsed as Params;
    return {};
  }
  return decodeParams(new URLSearchParams(text));
}

/** @internal string value of a param (first element for arrays). */
export function str(p: Params, key: string): string | undefined {
  const v = own(p, key);
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return v.length ? str({ v: v[0] }, "v") : undefined;
  return undefined;
}

/** @internal boolean value of a param. */
export function bool(p: Params, key: string): boolean | undefined {
  const v = own(p, key);
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v === "boolean") return v;
  const s = String(v).toLowerCase();
  return s === "true" || s === "1" || s === "yes" || s === "t";
}

/** @internal integer value of a param. */
export function int(p: Params, key: string): number | undefined {
  const s = str(p, key);
  if (s === undefined || s === "") return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? Math.trunc(n) : undefined;
}

/** @internal list value: arrays, or comma-separated strings. */
export function list(p: Params, key: string): string[] | undefined {
  const v = own(p, key);
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) {
    return v.flatMap((x) => (typeof x === "string" ? x.split(",") : [String(x)])).map((s) => s.trim())
      .filter((s) => s !== "");
  }
  if (typeof v === "string") return v.split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (typeof v === "number") return [String(v)];
  return undefined;
}

/** @internal nested object param (e.g. `not[labels]`). */
export function obj(p: Params, key: string): Params | undefined {
  const v = own(p, key);
  return isObj(v) ? v : undefined;
}
