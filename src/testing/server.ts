/**
 * Serves the simulator (or any `Request → Response` handler) over real HTTP using
 * `node:http`, which works on Deno, Node and Bun. Network faults become real socket
 * failures: dropped connections, truncated bodies, hanging requests.
 *
 * Not for Cloudflare Workers (no sockets there); use the simulator's `fetch` directly.
 *
 * @example
 * ```ts
 * import { createSimulator } from "@gitlab-edge/client/testing";
 * import { serve } from "@gitlab-edge/client/testing/server";
 *
 * const server = await serve(createSimulator());
 * const res = await fetch(`${server.url}/api/v4/projects`);
 * console.log(res.status, (await res.json()).length);
 * await server.close();
 * ```
 *
 * @module
 */

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Simulator } from "./types.ts";

export type * from "./types.ts";

/**
 * A running HTTP server.
 *
 * @example
 * ```ts
 * import { createSimulator } from "@gitlab-edge/client/testing";
 * import { serve, type SimServer } from "@gitlab-edge/client/testing/server";
 * const server: SimServer = await serve(createSimulator());
 * console.log(server.url); // e.g. http://127.0.0.1:41234
 * await server.close();
 * ```
 */
export interface SimServer {
  /** Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  /** Stops listening, destroys open connections and aborts in-flight requests. */
  close(): Promise<void>;
}

/**
 * Options of {@link serve}.
 *
 * @example
 * ```ts
 * import type { ServeOptions } from "@gitlab-edge/client/testing/server";
 * const opts: ServeOptions = { port: 0, hostname: "127.0.0.1" };
 * ```
 */
export interface ServeOptions {
  /** Port (default 0: a free port). */
  port?: number;
  /** Interface to bind (default `127.0.0.1`). */
  hostname?: string;
  /**
   * Keep connections alive between requests (default false: every response carries
   * `Connection: close`). Some clients (Bun's fetch) silently retry a request whose reused
   * keep-alive connection is reset, which would swallow `drop` faults. With `keepAlive: true`
   * (faster for benchmarks), responses still carry `Connection: close` while the simulator has
   * queued `drop`/`hang` faults.
   */
  keepAlive?: boolean;
}

/**
 * A plain `Request → Response` handler.
 *
 * @example
 * ```ts
 * import type { RequestHandler } from "@gitlab-edge/client/testing/server";
 * const hello: RequestHandler = () => Promise.resolve(new Response("hi"));
 * ```
 */
export type RequestHandler = (req: Request) => Promise<Response>;

function toHeaders(msg: IncomingMessage): Headers {
  const h = new Headers();
  const raw = msg.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i];
    if (name.startsWith(":")) continue; // HTTP/2 pseudo headers
    try {
      h.append(name, raw[i + 1]);
    } catch {
      // skip invalid header names/values
    }
  }
  return h;
}

function readBody(msg: IncomingMessage): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    msg.on("data", (c: Uint8Array | string) => {
      const bytes = typeof c === "string" ? new TextEncoder().encode(c) : new Uint8Array(c);
      chunks.push(bytes);
      size += bytes.length;
    });
    msg.on("end", () => {
      const out = new Uint8Array(size);
      let off = 0;
      for (const c of chunks) {
        out.set(c, off);
        off += c.length;
      }
      resolve(out);
    });
    msg.on("error", reject);
  });
}

function writeChunk(res: ServerResponse, chunk: Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    if (res.write(chunk)) resolve();
    else {
      const done = () => {
        res.off("drain", done);
        res.off("close", done);
        resolve();
      };
      res.on("drain", done);
      res.on("close", done);
    }
  });
}

/**
 * Starts an HTTP server for a simulator or handler on `127.0.0.1` (a free port by default).
 *
 * @example
 * ```ts
 * import { createSimulator, SIM_USER_TOKEN } from "@gitlab-edge/client/testing";
 * import { serve } from "@gitlab-edge/client/testing/server";
 *
 * const sim = createSimulator();
 * sim.fault({ path: "/user", drop: "before-response" });
 * const server = await serve(sim);
 * try {
 *   await fetch(`${server.url}/api/v4/user`, { headers: { "PRIVATE-TOKEN": SIM_USER_TOKEN } });
 * } catch (e) {
 *   console.log("network error", e);
 * }
 * await server.close();
 * ```
 */
export function serve(
  handler: Simulator | RequestHandler,
  options: ServeOptions = {},
): Promise<SimServer> {
  const handle: RequestHandler = typeof handler === "function" ? handler : (req) => handler.fetch(req);
  const probe = typeof handler === "function"
    ? undefined
    : (handler as Simulator & { hasPendingNetworkFaults?: () => boolean }).hasPendingNetworkFaults;
  const keepAlive = options.keepAlive ?? false;
  const mustClose = (): boolean =>
    !keepAlive || (probe !== undefined && probe.call(handler as Simulator) === true);
  const hostname = options.hostname ?? "127.0.0.1";
  const sockets = new Set<Socket>();
  const inflight = new Set<AbortController>();
  let closing = false;

  const server = createServer((msg, res) => {
    const controller = new AbortController();
    inflight.add(controller);
    const socket = msg.socket;
    const destroy = () => {
      try {
        socket.destroy();
      } catch { /* ignore */ }
      res.destroy();
    };
    res.on("close", () => {
      inflight.delete(controller);
      if (!res.writableFinished) controller.abort(new DOMException("client disconnected", "AbortError"));
    });
    (async () => {
      const method = (msg.method ?? "GET").toUpperCase();
      const host = msg.headers.host ?? `${hostname}:${port}`;
      const url = new URL(msg.url ?? "/", `http://${host}`);
      const headers = toHeaders(msg);
      const hasBody = method !== "GET" && method !== "HEAD";
      const body = hasBody ? await readBody(msg) : undefined;
      const request = new Request(url, {
        method,
        headers,
        body: hasBody && body && body.length > 0 ? body as Uint8Array<ArrayBuffer> : undefined,
        signal: controller.signal,
      });
      let response: Response;
      try {
        response = await handle(request);
      } catch {
        // network-level failure (e.g. drop: "before-response") or aborted request
        destroy();
        return;
      }
      const out: Record<string, string | string[]> = {};
      response.headers.forEach((value, key) => {
        if (key === "set-cookie") return;
        out[key] = value;
      });
      const cookies = response.headers.getSetCookie?.() ?? [];
      if (cookies.length) out["set-cookie"] = cookies;
      const bodyAllowed = method !== "HEAD" && response.body !== null && response.status !== 204 &&
        response.status !== 304;
      if (bodyAllowed && out["content-length"] === undefined && out["transfer-encoding"] === undefined) {
        // explicit framing, so a connection cut mid-body is never mistaken for the end of the body
        out["transfer-encoding"] = "chunked";
      }
      if (mustClose()) {
        out["connection"] = "close";
        res.shouldKeepAlive = false;
      }
      res.writeHead(response.status, response.statusText || undefined, out);
      res.flushHeaders();
      if (method === "HEAD" || response.body === null) {
        if (response.body) await response.body.cancel().catch(() => {});
        res.end();
        return;
      }
      const reader = response.body.getReader();
      try {
        let guard = 0;
        while (guard++ < Number.MAX_SAFE_INTEGER) {
          const { done, value } = await reader.read();
          if (done) break;
          if (res.destroyed) {
            await reader.cancel().catch(() => {});
            return;
          }
          await writeChunk(res, value);
        }
        res.end();
      } catch {
        // body stream errored (drop: "mid-body"): let what was written reach the client, then cut
        // the connection so the client sees a truncated body
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, 20);
          res.once("close", () => {
            clearTimeout(t);
            resolve();
          });
        });
        destroy();
      }
    })().catch(() => destroy());
  });

  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    if (closing) socket.destroy();
  });

  let port = 0;
  return new Promise<SimServer>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, hostname, () => {
      server.off("error", reject);
      const addr = server.address();
      port = typeof addr === "object" && addr ? addr.port : options.port ?? 0;
      const hostPart = hostname.includes(":") ? `[${hostname}]` : hostname;
      resolve({
        url: `http://${hostPart}:${port}`,
        close(): Promise<void> {
          closing = true;
          return new Promise<void>((done) => {
            server.close(() => done());
            for (const c of inflight) c.abort(new DOMException("server closed", "AbortError"));
            inflight.clear();
            for (const s of sockets) s.destroy();
            sockets.clear();
            const maybe = server as unknown as { closeAllConnections?: () => void };
            maybe.closeAllConnections?.();
          });
        },
      });
    });
  });
}
