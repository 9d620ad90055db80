/**
 * The size floor: `createClient` and `getProject` written as small as they can be while keeping the
 * guarantees issue 14 asks the bundle to keep, and no more. The bench bundles it next to the library to
 * show how far the library's bundle is from the smallest code with the same defaults; it is not a client
 * anyone should use. What it keeps:
 *
 * - options checked at once, each error naming the option; the token not readable from the client;
 *   credentials refused over plain `http:` to a host that is not loopback;
 * - the id encoded as GitLab wants it, query parameters, per-call `signal`, `timeout`, `sudo`;
 * - one deadline over the whole call (retries and body included), the caller's signal linked;
 * - retry of 429 and 5xx for this read, honouring `Retry-After`, with jittered backoff otherwise;
 * - redirects followed by hand: no `https:` → `http:` downgrade, credentials dropped off the origin, a hop
 *   limit;
 * - typed errors (`GitLabHTTPError` with GitLab's message, string or field map, or `error`; network;
 *   timeout), with secrets in URLs redacted;
 * - a bounded body read (`Content-Length` checked first, then counted chunk by chunk).
 *
 * What it leaves out, as the issue allows: every other option (OAuth sessions, token functions,
 * attempt observers, `headers`, custom middleware, retry policies, `maxResponseBytes`), streams, uploads,
 * pagination. And where it is smaller by cutting a corner the client does not cut: its deadline is
 * `AbortSignal.timeout`, whose timer cannot be cleared (it stays pending for the whole timeout after the
 * call) and does not hold the process open (a call hanging on a transport with nothing else pending ends a
 * Node process silently); it trusts the transport to honour the abort (no race).
 *
 * @module
 */

/** An error from the floor client. */
export class FloorError extends Error {
  /** The HTTP status, when a response came. */
  readonly status?: number;
  /** Makes one, with `status` when a response came. */
  constructor(message: string, status?: number, cause?: unknown) {
    super(message, { cause });
    this.name = status ? "GitLabHTTPError" : "GitLabError";
    this.status = status;
  }
}

/** The floor client: the API root, the origin credentials go to, and the default deadline. */
export interface FloorClient {
  /** The API root, ending in `/api/v4`. */
  readonly baseUrl: string;
  /** Where credentials are sent. */
  readonly origin: string;
  /** Milliseconds per call; `0` for none. */
  readonly timeout: number;
}

interface Secret {
  readonly token?: string;
  readonly fetch: (request: Request) => Promise<Response>;
}

const secrets = new WeakMap<FloorClient, Secret>();

/** Throws a `TypeError` naming the option (and the function, when given). */
function fail(name: string, why: string, fn?: string): never {
  throw new TypeError(`${fn ? `${fn}(): ` : ""}option "${name}" ${why}`);
}
const REDACT = /([?&](?:private_token|access_token|job_token|token|password)=)[^&#]*/gi;
const redact = (url: string) => url.replace(REDACT, "$1[REDACTED]");

function ms(name: string, value: unknown): number {
  if (typeof value !== "number" || !(value >= 0) || value > 2 ** 31 - 1) {
    throw new RangeError(`option "${name}" must be milliseconds from 0 to 2147483647`);
  }
  return value;
}

/**
 * Makes a floor client.
 *
 * @example
 * ```ts
 * import { createFloorClient } from "./floor.ts";
 * const client = createFloorClient({ baseUrl: "https://gitlab.example.com", token: "glpat-x" });
 * ```
 */
export function createFloorClient(options: {
  baseUrl: string;
  token?: string;
  timeout?: number;
  fetch?: (request: Request) => Promise<Response>;
}): FloorClient {
  let url: URL | undefined;
  try {
    url = new URL(options.baseUrl);
  } catch { /* below */ }
  if (!url || !/^https?:$/.test(url.protocol)) {
    return fail("baseUrl", "must be an http(s) URL", "createClient");
  }
  const { token, fetch = (r: Request) => globalThis.fetch(r) } = options;
  if (token !== undefined && (typeof token !== "string" || !/^[\x21-\x7e]+$/.test(token))) {
    fail("token", "must be visible ASCII (value not shown)", "createClient");
  }
  if (token && url.protocol === "http:" && !/^(localhost|127\.[\d.]+|\[::1\])$/.test(url.hostname)) {
    fail("baseUrl", "is plain http: to a remote host; the token would travel unencrypted", "createClient");
  }
  if (typeof fetch !== "function") fail("fetch", "must be a function", "createClient");
  const path = url.pathname.replace(/\/+$/, "");
  const client = Object.freeze({
    baseUrl: url.origin + (path.endsWith("/api/v4") ? path : `${path}/api/v4`),
    origin: url.origin,
    timeout: ms("timeout", options.timeout ?? 60_000),
  });
  secrets.set(client, { token, fetch });
  return client;
}

const sleep = (wait: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", done);
      resolve();
    }, wait);
    signal?.addEventListener("abort", done, { once: true });
  });

function message(body: string): string {
  try {
    const { message, error } = JSON.parse(body);
    if (typeof message === "string") return message;
    if (message && typeof message === "object") {
      return Object.entries(message).map(([k, v]) => `${k} ${[v].flat().join(", ")}`).join("; ");
    }
    if (typeof error === "string") return error;
  } catch { /* not JSON */ }
  return body.slice(0, 200);
}

async function text(res: Response, limit: number): Promise<string> {
  const reader = res.body?.getReader();
  const refuse = (): never => {
    reader?.cancel().catch(() => {});
    throw new FloorError("response too large");
  };
  if (Number(res.headers.get("content-length")) > limit) refuse();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (let chunk; reader && !(chunk = await reader.read()).done;) {
    if ((size += chunk.value.length) > limit) refuse();
    parts.push(chunk.value);
  }
  const all = new Uint8Array(size);
  parts.reduce((at, p) => (all.set(p, at), at + p.length), 0);
  return new TextDecoder().decode(all);
}

async function get(
  client: FloorClient,
  path: string,
  query: Record<string, unknown>,
  options: { signal?: AbortSignal; timeout?: number; sudo?: string | number } = {},
): Promise<unknown> {
  const { token, fetch } = secrets.get(client) ?? fail("client", "must come from createClient()");
  const url = new URL(client.baseUrl + path);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.append(k, String(v));
  const timeout = ms("timeout", options.timeout ?? client.timeout);
  const signals = [options.signal, timeout ? AbortSignal.timeout(timeout) : undefined].filter((s) => s);
  const signal = signals.length > 1 ? AbortSignal.any(signals as AbortSignal[]) : signals[0];
  const headers: Record<string, string> = { accept: "application/json" };
  if (token) headers["private-token"] = token;
  if (options.sudo !== undefined) headers.sudo = String(options.sudo);
  let href = url.href;
  for (let attempt = 1, hops = 0;;) {
    let res: Response;
    try {
      res = await fetch(new Request(href, { headers, signal, redirect: "manual" }));
    } catch (cause) {
      if (signal?.aborted) {
        throw new FloorError(`GET ${redact(href)}: timed out or aborted`, undefined, signal.reason);
      }
      throw new FloorError(`GET ${redact(href)}: network error`, undefined, cause);
    }
    const location = res.headers.get("location");
    if (res.status > 300 && res.status < 309 && location) {
      await res.body?.cancel();
      const next = new URL(location, href);
      if (++hops > 5 || (next.protocol !== "https:" && href.startsWith("https:"))) {
        throw new FloorError(`GET ${redact(href)}: unsafe or endless redirect`, res.status);
      }
      if (next.origin !== client.origin) delete headers["private-token"];
      href = next.href;
      continue;
    }
    if ((res.status === 429 || res.status >= 500) && attempt++ < 4) {
      await res.body?.cancel();
      const after = res.headers.get("retry-after") ?? "";
      const wait = /^\d+$/.test(after) ? +after * 1000 : Date.parse(after) - Date.now();
      await sleep(Math.min(wait >= 0 ? wait : Math.random() * 250 * 2 ** attempt, 60_000), signal);
      continue;
    }
    const body = await text(res, 64 << 20);
    if (!res.ok) throw new FloorError(`GET ${redact(href)}: ${res.status} ${message(body)}`, res.status);
    return body ? JSON.parse(body) : undefined;
  }
}

/**
 * `GET /projects/:id` over the floor client.
 *
 * @example
 * ```ts
 * import { createFloorClient, floorGetProject } from "./floor.ts";
 * const client = createFloorClient({ baseUrl: "https://gitlab.example.com", token: "glpat-x" });
 * const project = await floorGetProject(client, "acme/web");
 * ```
 */
export function floorGetProject(
  client: FloorClient,
  id: string | number,
  options: {
    statistics?: boolean;
    license?: boolean;
    with_custom_attributes?: boolean;
    signal?: AbortSignal;
    timeout?: number;
    sudo?: string | number;
  } = {},
): Promise<unknown> {
  if (id === "" || (typeof id !== "string" && !Number.isSafeInteger(id))) {
    fail("id", "must be a numeric id or a namespace/path");
  }
  const { statistics, license, with_custom_attributes } = options;
  return get(
    client,
    `/projects/${encodeURIComponent(id)}`,
    { statistics, license, with_custom_attributes },
    options,
  );
}
