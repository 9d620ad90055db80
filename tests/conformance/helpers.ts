/**
 * Shared set-up for the conformance suite: a fresh simulator per test, a client talking to it through
 * its `fetch` function (no sockets, so the suite also runs inside workerd), and a fake clock for
 * retry policies.
 *
 * @module
 */

import { type Client, type ClientOptions, createClient } from "@gitlab-edge/client";
import { createSimulator, type SimRequest, type Simulator } from "@gitlab-edge/client/testing";

/** The base URL every conformance client uses; the simulator answers for any host. */
export const BASE = "https://gitlab.example.com";

/** A fresh simulator and a client on it; `options` override the defaults (no retry waits unless set). */
export function setup(options: Partial<ClientOptions> = {}): { sim: Simulator; client: Client } {
  const sim = createSimulator();
  const client = createClient({ baseUrl: BASE, fetch: sim.fetch, ...options });
  return { sim, client };
}

/** The requests the simulator received, as `METHOD /path?query` relative to `/api/v4`. */
export function seen(sim: Simulator): string[] {
  return sim.requests.map((r) => {
    const u = new URL(r.url);
    return `${r.method} ${u.pathname.replace(/^\/api\/v4/, "")}${u.search}`;
  });
}

/** The last request the simulator received. */
export function last(sim: Simulator): SimRequest {
  const r = sim.requests[sim.requests.length - 1];
  if (!r) throw new Error("the simulator received no request");
  return r;
}

/** A fake clock for retry policies: `sleep` records the wait and advances `now` without waiting. */
export function fakeClock(start = 1_700_000_000_000): {
  now: () => number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  waits: number[];
} {
  let now = start;
  const waits: number[] = [];
  return {
    now: () => now,
    sleep: (ms, signal) => {
      if (signal.aborted) return Promise.reject(signal.reason);
      waits.push(ms);
      now += ms;
      return Promise.resolve();
    },
    waits,
  };
}

/** Reads a byte stream to the end, returning its chunks. Bounded to `max` chunks. */
export async function readChunks(stream: ReadableStream<Uint8Array>, max = 100_000): Promise<Uint8Array[]> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < max; i++) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
  await reader.cancel();
  throw new Error(`stream longer than ${max} chunks`);
}

/** Concatenates byte chunks. */
export function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}
