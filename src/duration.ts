/**
 * The one rule for durations: a timer holds at most 2^31 − 1 ms (about 24.8 days) and fires a longer
 * one at once, so no timeout, retry delay or wait above it is accepted.
 *
 * @module
 */

/**
 * The longest delay a timer holds, in milliseconds (2^31 - 1, about 24.8 days): a longer one would fire at
 * once, so timeouts and retry delays above it are refused.
 *
 * @example
 * ```ts
 * import { MAX_TIMER_MS } from "./duration.ts";
 * MAX_TIMER_MS; // 2147483647
 * ```
 */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * Checks a timeout or delay in milliseconds: a number from 0 to {@linkcode MAX_TIMER_MS}. Throws `type`
 * (default `TypeError`) when it is not a non-negative finite number, a `RangeError` when it is above what a
 * timer holds; both name `fn` and the `kind` (`option`, `parameter`) `name`.
 *
 * @example
 * ```ts
 * import { checkMilliseconds } from "./duration.ts";
 * checkMilliseconds("getProject", "timeout", 5_000); // ok
 * try { checkMilliseconds("getProject", "timeout", 2 ** 31); } catch (e) { (e as Error).name; } // "RangeError"
 * ```
 */
export function checkMilliseconds(
  fn: string,
  name: string,
  value: unknown,
  type: ErrorConstructor = TypeError,
  kind = "option",
): void {
  if (typeof value !== "number" || !(value >= 0) || !Number.isFinite(value)) {
    throw new type(`${fn}(): ${kind} "${name}" must be milliseconds, 0 or more`);
  }
  if (value > MAX_TIMER_MS) {
    throw new RangeError(
      `${fn}(): ${kind} "${name}" must be at most ${MAX_TIMER_MS} ms, got ${value}`,
    );
  }
}
