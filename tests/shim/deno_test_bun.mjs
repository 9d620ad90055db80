/**
 * Runs Deno-style tests on Bun: `bun test --preload ./tests/shim/deno_test_bun.mjs ./tests/...`.
 *
 * Defines `globalThis.Deno = { test }`, mapping `Deno.test(...)` onto `bun:test` (`ignore` → skip;
 * `t.step()` runs inline) with a per-test timeout.
 *
 * @module
 */

import { test as bunTest } from "bun:test";
import { inlineContext, normalize, TEST_TIMEOUT, withModifiers } from "./deno_test_common.mjs";

/** @param {import("./deno_test_common.mjs").TestDefinition} def */
function register(def) {
  const body = async () => {
    await def.fn(inlineContext(def.name));
  };
  if (def.ignore) bunTest.skip(def.name, body);
  else bunTest(def.name, body, TEST_TIMEOUT);
}

const test = withModifiers((a, b, c) => register(normalize(a, b, c)), register);
Object.defineProperty(globalThis, "Deno", { value: { test }, configurable: true, writable: true });
