/**
 * Runs Deno-style tests on Node: `node --import ./tests/shim/deno_test_node.mjs --test <files>`.
 *
 * Defines `globalThis.Deno = { test }`, mapping `Deno.test(...)` onto `node:test` (`ignore` → skip,
 * `t.step()` → a subtest) with a per-test timeout.
 *
 * @module
 */

import { test as nodeTest } from "node:test";
import { normalize, TEST_TIMEOUT, withModifiers } from "./deno_test_common.mjs";

/**
 * @param {import("node:test").TestContext} t
 * @param {string} name
 * @param {unknown} [parent]
 */
function context(t, name, parent) {
  const self = {
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
      let ok = true;
      await t.test(def.name, def.ignore ? { skip: true } : {}, async (sub) => {
        try {
          await def.fn(context(sub, def.name, self));
        } catch (e) {
          ok = false;
          throw e;
        }
      });
      return ok && !def.ignore;
    },
  };
  return self;
}

/** @param {import("./deno_test_common.mjs").TestDefinition} def */
function register(def) {
  /** @type {import("node:test").TestOptions} */
  const options = { timeout: TEST_TIMEOUT };
  if (def.ignore) options.skip = true;
  if (def.only) options.only = true;
  nodeTest(def.name, options, async (t) => {
    await def.fn(context(t, def.name));
  });
}

const test = withModifiers((a, b, c) => register(normalize(a, b, c)), register);
Object.defineProperty(globalThis, "Deno", { value: { test }, configurable: true, writable: true });
