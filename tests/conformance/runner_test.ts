// The Deno.test API as the suite uses it, on every runtime: Deno itself, and the shims that map it onto
// node:test (tests/shim/deno_test_node.mjs), bun:test (deno_test_bun.mjs) and workerd (deno_test_workerd.mjs).
import assert from "node:assert/strict";

const order: string[] = [];

Deno.test({
  name: "conformance runner: Deno.test({ name, fn }) runs",
  fn: () => {
    order.push("definition");
  },
});

Deno.test("conformance runner: Deno.test(name, options, fn) runs", { sanitizeOps: true }, () => {
  order.push("options");
});

Deno.test({
  name: "conformance runner: an ignored test does not run",
  ignore: true,
  fn: () => {
    throw new Error("an ignored test ran");
  },
});

Deno.test("conformance runner: tests run one at a time, in order, and t.step() awaits each step", async (t) => {
  assert.deepEqual(order, ["definition", "options"]);
  const steps: string[] = [];
  await t.step("first", async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    steps.push("first");
  });
  await t.step({
    name: "second",
    fn: () => {
      steps.push("second");
    },
  });
  assert.deepEqual(steps, ["first", "second"]);
});

Deno.test("conformance runner: an async failure fails the test (checked by its rejection)", async () => {
  const failing = Promise.reject(new Error("expected"));
  await assert.rejects(failing, /expected/);
});
