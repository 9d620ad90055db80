/**
 * A raw request to the simulator of a behaviour test, through the same transport as its clients (the
 * in-memory `fetch`, or loopback HTTP), for what the library's functions do not show: response headers.
 *
 * @module
 */
import type { SimWorld } from "./_both.ts";

/** Sends `GET /api/v4<path>` (or `init`) with `token` as `PRIVATE-TOKEN`. */
export function raw(
  world: SimWorld,
  path: string,
  token?: string,
  init: RequestInit = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token) headers.set("private-token", token);
  const req = new Request(`${world.baseUrl}/api/v4${path}`, { ...init, headers });
  return world.baseUrl === "https://gitlab.example.com" ? world.sim.fetch(req) : fetch(req);
}
