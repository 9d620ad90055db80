/**
 * Measuring a call's outcome (value or error, elapsed time) and collecting one row per scenario for the
 * summary table printed at the end of a suite.
 *
 * @module
 */

/** The result of one measured call. */
export interface Outcome<T> {
  readonly value?: T;
  readonly error?: unknown;
  readonly elapsed: number;
}

/** Runs `call` and measures it; never throws. */
export async function measure<T>(call: () => Promise<T>): Promise<Outcome<T>> {
  const started = performance.now();
  try {
    const value = await call();
    return { value, elapsed: performance.now() - started };
  } catch (error) {
    return { error, elapsed: performance.now() - started };
  }
}

/** `GitLabHTTPError 503`, `GitLabTimeoutError`, `ok`, … */
export function errorType(error: unknown): string {
  if (error === undefined) return "ok";
  if (error instanceof Error) {
    const status = (error as { status?: unknown }).status;
    return typeof status === "number" ? `${error.name} ${status}` : error.name;
  }
  return typeof error;
}

interface Row {
  readonly scenario: string;
  readonly attempts: number;
  readonly elapsed: number;
  readonly outcome: string;
}

/** A table of scenario rows, printed as Markdown. */
export class Table {
  readonly rows: Row[] = [];
  constructor(readonly title: string) {}

  /** Adds a row for `scenario`: requests the server saw, the measured time and the error type. */
  add(scenario: string, attempts: number, outcome: Outcome<unknown>): void {
    this.rows.push({ scenario, attempts, elapsed: outcome.elapsed, outcome: errorType(outcome.error) });
  }

  /** The table as Markdown. */
  toString(): string {
    const lines = [
      `### ${this.title}`,
      "",
      "| scenario | attempts | elapsed | outcome |",
      "| --- | ---: | ---: | --- |",
      ...this.rows.map((r) =>
        `| ${r.scenario} | ${r.attempts} | ${Math.round(r.elapsed)} ms | ${r.outcome} |`
      ),
    ];
    return lines.join("\n");
  }
}
