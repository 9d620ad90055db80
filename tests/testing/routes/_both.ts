/**
 * Runs a simulator behaviour test twice: against the simulator's in-memory `fetch`, and against the same
 * simulator served over loopback HTTP (`@gitlab-edge/client/testing/server`), so that every group's behaviour is
 * checked through both transports users have.
 *
 * @module
 */
import { type Client, createClient } from "@gitlab-edge/client";
import {
  createSimulator,
  SIM_ADMIN_TOKEN,
  SIM_BOB_TOKEN,
  SIM_USER_TOKEN,
  type Simulator,
  type SimulatorOptions,
} from "@gitlab-edge/client/testing";
import { serve } from "@gitlab-edge/client/testing/server";

/** What a behaviour test gets: the simulator, and clients signed in as its seeded users. */
export interface SimWorld {
  /** The simulator (its request log, faults and builders). */
  readonly sim: Simulator;
  /** The base URL the clients use (`https://gitlab.example.com` in-process, `http://127.0.0.1:…` over loopback). */
  readonly baseUrl: string;
  /** The administrator `root`. */
  readonly admin: Client;
  /** `alice`: owner of group `acme`. */
  readonly alice: Client;
  /** `bob`: developer in `acme/platform` only. */
  readonly bob: Client;
  /** No token. */
  readonly anonymous: Client;
  /** A client with any token (or none). */
  client(token?: string): Client;
}

/** Registers `name (in-process)` and `name (loopback)`, each with a fresh simulator. */
export function simTest(
  name: string,
  fn: (world: SimWorld) => Promise<void>,
  options: SimulatorOptions = {},
): void {
  const world = (
    sim: Simulator,
    baseUrl: string,
    fetch?: (request: Request) => Promise<Response>,
  ): SimWorld => {
    const client = (token?: string) =>
      createClient({ baseUrl, ...(token ? { token } : {}), ...(fetch ? { fetch } : {}), retry: false });
    return {
      sim,
      baseUrl,
      admin: client(SIM_ADMIN_TOKEN),
      alice: client(SIM_USER_TOKEN),
      bob: client(SIM_BOB_TOKEN),
      anonymous: client(),
      client,
    };
  };
  Deno.test(`${name} (in-process)`, async () => {
    const sim = createSimulator(options);
    await fn(world(sim, "https://gitlab.example.com", sim.fetch));
  });
  Deno.test(`${name} (loopback)`, async () => {
    const sim = createSimulator(options);
    const server = await serve(sim);
    try {
      await fn(world(sim, server.url));
    } finally {
      await server.close();
    }
  });
}
