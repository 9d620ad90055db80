/**
 * `GET /version`.
 *
 * @module
 */

import { requireAuth } from "../access.ts";
import { jsonResponse } from "../responses.ts";
import type { RouteTable } from "../router.ts";

/** @internal the GitLab version the simulator reports. */
export const SIMULATED_VERSION = "17.6.0";

/** @internal registers `GET /version`. */
export function registerVersionRoutes(routes: RouteTable): void {
  routes.on("GET", "/version", (ctx) => {
    requireAuth(ctx);
    return jsonResponse(ctx.requestId, 200, {
      version: SIMULATED_VERSION,
      revision: "simulator",
      kas: { enabled: false },
    });
  });
}
