/** Shared set-up for the resource tests: a fresh simulator and clients for its seeded users. */
import { type Client, createClient } from "@gitlab-edge/client";
import {
  createSimulator,
  SIM_ADMIN_TOKEN,
  SIM_USER_TOKEN,
  type Simulator,
} from "@gitlab-edge/client/testing";

/** A fresh simulator with clients for the administrator, alice, and anonymous access. */
export function setup(): { sim: Simulator; admin: Client; alice: Client; anonymous: Client } {
  const sim = createSimulator();
  const make = (token?: string): Client =>
    createClient({ baseUrl: "https://gitlab.example.com", token, fetch: sim.fetch, retry: false });
  return { sim, admin: make(SIM_ADMIN_TOKEN), alice: make(SIM_USER_TOKEN), anonymous: make() };
}
