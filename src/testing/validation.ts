/**
 * Parameter validation with Grape's messages, as GitLab answers it: every failing parameter is reported,
 * joined with `, `, in one 400 `{"error":"…"}` (`state does not have a valid value`, `id is invalid`,
 * `title is missing`, `ref is empty`). GitLab validates after authentication and before the endpoint runs,
 * so handlers validate first.
 *
 * @module
 */

import type { Params, ParamValue } from "./params.ts";
import { badRequest } from "./responses.ts";

/** The raw value of a parameter (own property only), or undefined. */
function raw(q: Params, key: string): ParamValue | undefined {
  return Object.hasOwn(q, key) ? q[key] : undefined;
}

/** A parameter's scalar values as strings (arrays give each element), or undefined when absent. */
function scalars(q: Params, key: string): string[] | undefined {
  const v = raw(q, key);
  if (v === undefined || v === null) return undefined;
  const items = Array.isArray(v) ? v : [v];
  return items.map((x) => (typeof x === "object" && x !== null ? "\u0000" : String(x)));
}

/** Whether `s` is what Grape coerces to an Integer. */
function isInteger(s: string): boolean {
  return /^[+-]?\d+$/.test(s.trim());
}

/** @internal collects parameter errors and throws them as one Grape 400. */
export class ParamValidator {
  readonly #params: Params;
  readonly #errors: string[] = [];

  /** Validates `params` (query merged with body). */
  constructor(params: Params) {
    this.#params = params;
  }

  #fail(message: string): void {
    if (!this.#errors.includes(message)) this.#errors.push(message);
  }

  /** `requires :key`: absent is `is missing`; with `allowBlank: false`, blank is `is empty`. */
  required(key: string, o: { allowBlank?: boolean } = {}): this {
    const v = raw(this.#params, key);
    if (v === undefined || v === null) this.#fail(`${key} is missing`);
    else if (o.allowBlank === false && typeof v === "string" && v.trim() === "") {
      this.#fail(`${key} is empty`);
    }
    return this;
  }

  /** `type: Integer` (or `Array[Integer]`): a value that is not an integer is `is invalid`. */
  integer(key: string): this {
    const values = scalars(this.#params, key);
    if (values && values.some((s) => s !== "" && !isInteger(s))) this.#fail(`${key} is invalid`);
    return this;
  }

  /** `values: [...]`: a value outside them is `does not have a valid value`. */
  oneOf(key: string, allowed: readonly (string | number)[]): this {
    const values = scalars(this.#params, key);
    const ok = allowed.map(String);
    if (values && values.some((s) => !ok.includes(s))) this.#fail(`${key} does not have a valid value`);
    return this;
  }

  /** `page` and `per_page` are integers. */
  pagination(): this {
    return this.integer("page").integer("per_page");
  }

  /** Throws the collected errors as GitLab's 400 `{"error":"a is invalid, b is missing"}`. */
  check(): void {
    if (this.#errors.length) throw badRequest(this.#errors.join(", "));
  }
}

/** @internal starts validating a request's parameters. */
export function validate(params: Params): ParamValidator {
  return new ParamValidator(params);
}

/** @internal a path parameter declared `type: Integer`, or GitLab's 400 `<name> is invalid`. */
export function integerPathParam(pathParams: Record<string, string>, name: string): number {
  const value = pathParams[name];
  if (!isInteger(value)) throw badRequest(`${name} is invalid`);
  return Number(value);
}
