/**
 * Shared by the runtime shims: reads the arguments of every `Deno.test` overload into one definition.
 *
 * `Deno.test(name, fn)`, `Deno.test(name, options, fn)`, `Deno.test(fn)`, `Deno.test(options)` and
 * `Deno.test(options, fn)`; the options honoured elsewhere are `name`, `fn`, `ignore` and `only`
 * (sanitizers and permissions are Deno's own and have no counterpart).
 *
 * @module
 */

/**
 * @typedef {{ name: string, fn: (t: unknown) => unknown, ignore: boolean, only: boolean }} TestDefinition
 */

/**
 * Normalizes the arguments of one `Deno.test` (or `t.step`) call.
 *
 * @param {unknown} a
 * @param {unknown} [b]
 * @param {unknown} [c]
 * @returns {TestDefinition}
 */
export function normalize(a, b, c) {
  /** @type {Record<string, unknown>} */
  let def;
  if (typeof a === "string") {
    def = typeof b === "function"
      ? { name: a, fn: b }
      : { ...(/** @type {object} */ (b ?? {})), name: a, fn: c };
  } else if (typeof a === "function") {
    def = { name: a.name, fn: a };
  } else if (a !== null && typeof a === "object") {
    def = typeof b === "function"
      ? { ...a, fn: b, name: /** @type {{ name?: string }} */ (a).name ?? b.name }
      : { ...a };
  } else {
    throw new TypeError("Deno.test(): expected a name, a function or a test definition");
  }
  if (typeof def.fn !== "function") throw new TypeError(`Deno.test(): test "${def.name}" has no function`);
  if (typeof def.name !== "string" || def.name === "") {
    throw new TypeError("Deno.test(): a test needs a name");
  }
  return {
    name: def.name,
    fn: /** @type {(t: unknown) => unknown} */ (def.fn),
    ignore: def.ignore === true,
    only: def.only === true,
  };
}

/**
 * Adds `Deno.test.ignore` and `Deno.test.only` to a `test` function.
 *
 * @param {(a: unknown, b?: unknown, c?: unknown) => void} test
 * @param {(def: TestDefinition) => void} register
 */
export function withModifiers(test, register) {
  return Object.assign(test, {
    ignore: (/** @type {unknown} */ a, /** @type {unknown} */ b, /** @type {unknown} */ c) =>
      register({ ...normalize(a, b, c), ignore: true }),
    only: (/** @type {unknown} */ a, /** @type {unknown} */ b, /** @type {unknown} */ c) =>
      register({ ...normalize(a, b, c), only: true }),
  });
}

/**
 * A Deno-like test context whose steps run inline, one after the other (Bun and workerd have no
 * nested tests at run time). A failing step fails its test.
 *
 * @param {string} name
 * @param {unknown} [parent]
 */
export function inlineContext(name, parent) {
  const context = {
    name,
    origin: "",
    parent,
    /**
     * @param {unknown} a
     * @param {unknown} [b]
     * @param {unknown} [c]
     */
    async step(a, b, c) {
      const def = normalize(a, b, c);
      if (def.ignore) return false;
      await def.fn(inlineContext(def.name, context));
      return true;
    },
  };
  return context;
}

/** Per-test time limit in milliseconds outside Deno (Deno has none; a hang should fail, not stall). */
export const TEST_TIMEOUT = 60_000;
