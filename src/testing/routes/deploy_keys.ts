/**
 * Deploy keys: `GET /deploy_keys` and `POST /deploy_keys` (administrators), and a project's
 * `GET`/`POST /projects/:id/deploy_keys`, `GET`/`PUT`/`DELETE /projects/:id/deploy_keys/:key_id` and
 * `POST /projects/:id/deploy_keys/:key_id/enable` (maintainers). Also the MD5 the fingerprints and package
 * checksums need (Web Crypto has none).
 *
 * @module
 */

import { ACCESS, projectAccess, requireAuth } from "../access.ts";
import type { RenderContext, RequestContext } from "../context.ts";
import { bool, str } from "../params.ts";
import { paginateArray } from "../pagination.ts";
import type { ProjectRec, UserRec } from "../records.ts";
import { forbidden, HttpError, jsonResponse, noContent } from "../responses.ts";
import type { RouteHandler, RouteTable } from "../router.ts";
import type { Store } from "../store.ts";
import type { DeployKey, DeployKeysProject } from "../../types/deploy_keys.ts";
import type { ProjectIdentity } from "../../types/projects.ts";
import { integerPathParam, validate } from "../validation.ts";
import { findProject } from "./projects.ts";

/** @internal a stored deploy key. */
export interface DeployKeyRec {
  /** Key id. */
  id: number;
  /** Title. */
  title: string;
  /** Public key, as given. */
  key: string;
  /** ISO creation time. */
  createdAt: string;
  /** ISO expiry, or null. */
  expiresAt: string | null;
  /** Public (instance-wide) key. */
  isPublic: boolean;
  /** `aa:bb:…` MD5 fingerprint. */
  fingerprint: string;
  /** `SHA256:…` fingerprint. */
  fingerprintSha256: string;
  /** Projects it is enabled in: project id → write access. */
  projects: Map<number, boolean>;
  /** Who added it. */
  userId: number;
}

/** @internal this simulator's deploy keys, id-ordered. */
export function deployKeys(store: Store): DeployKeyRec[] {
  return store.slot("deploy_keys", () => [] as DeployKeyRec[]);
}

// ---- MD5 (RFC 1321), for MD5 fingerprints and checksums ----

const MD5_S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const MD5_K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);

/** @internal the MD5 digest of `bytes`, as lower-case hex. */
export function md5Hex(bytes: Uint8Array): string {
  const len = bytes.length;
  const padded = new Uint8Array(((len + 8) >>> 6) * 64 + 64);
  padded.set(bytes);
  padded[len] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, (len * 8) >>> 0, true);
  view.setUint32(padded.length - 4, Math.floor(len / 0x20000000), true);
  let a0 = 0x67452301, b0 = 0xefcdab89, c0 = 0x98badcfe, d0 = 0x10325476;
  for (let off = 0; off < padded.length; off += 64) {
    let a = a0, b = b0, c = c0, d = d0;
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) [f, g] = [(b & c) | (~b & d), i];
      else if (i < 32) [f, g] = [(d & b) | (~d & c), (5 * i + 1) % 16];
      else if (i < 48) [f, g] = [b ^ c ^ d, (3 * i + 5) % 16];
      else [f, g] = [c ^ (b | ~d), (7 * i) % 16];
      const s = MD5_S[(i >>> 4) * 4 + (i % 4)];
      const x = (a + f + MD5_K[i] + view.getUint32(off + g * 4, true)) >>> 0;
      a = d;
      d = c;
      c = b;
      b = (b + ((x << s) | (x >>> (32 - s)))) >>> 0;
    }
    a0 = (a0 + a) >>> 0;
    b0 = (b0 + b) >>> 0;
    c0 = (c0 + c) >>> 0;
    d0 = (d0 + d) >>> 0;
  }
  const out = new DataView(new ArrayBuffer(16));
  [a0, b0, c0, d0].forEach((w, i) => out.setUint32(i * 4, w, true));
  return [...new Uint8Array(out.buffer)].map((x) => x.toString(16).padStart(2, "0")).join("");
}

// ---- keys ----

const KEY_TYPES =
  /^(ssh-rsa|ssh-dss|ssh-ed25519|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com)$/;

/** The decoded key blob of an OpenSSH public key line, or null when it is not one. */
function keyBlob(key: string): Uint8Array | null {
  const parts = key.trim().split(/\s+/);
  if (parts.length < 2 || !KEY_TYPES.test(parts[0])) return null;
  try {
    const bin = atob(parts[1]);
    const bytes = Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
    // the blob starts with the key type, length-prefixed
    const n = new DataView(bytes.buffer).getUint32(0);
    if (n !== parts[0].length || new TextDecoder().decode(bytes.slice(4, 4 + n)) !== parts[0]) return null;
    return bytes;
  } catch {
    return null;
  }
}

/** @internal MD5 (`aa:bb:…`) and SHA-256 (`SHA256:…`) fingerprints of a public key, or null when invalid. */
export async function fingerprints(key: string): Promise<{ md5: string; sha256: string } | null> {
  const blob = keyBlob(key);
  if (!blob) return null;
  const md5 = md5Hex(blob).match(/../g)!.join(":");
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", blob as Uint8Array<ArrayBuffer>));
  const sha256 = "SHA256:" + btoa(String.fromCharCode(...digest)).replace(/=+$/, "");
  return { md5, sha256 };
}

/** @internal computes the SHA-256 fingerprints seeds could not (Web Crypto digests are asynchronous). */
export async function fillFingerprints(keys: readonly DeployKeyRec[]): Promise<void> {
  for (const k of keys) {
    if (k.fingerprintSha256 !== "") continue;
    const fp = await fingerprints(k.key);
    if (fp) k.fingerprintSha256 = fp.sha256;
  }
}

/** A project as `projects_with_write_access` lists it. */
function projectIdentity(p: ProjectRec): ProjectIdentity {
  const nsName = p.ns.kind === "group" ? p.ns.group.fullName : p.ns.user.name;
  return {
    id: p.id,
    description: p.description,
    name: p.name,
    name_with_namespace: `${nsName} / ${p.name}`,
    path: p.path,
    path_with_namespace: p.fullPath,
    created_at: p.createdAt,
  };
}

/** @internal a deploy key as GitLab's `DeployKey` entity presents it; with the project lists for admins. */
export function renderDeployKey(view: RenderContext, k: DeployKeyRec, withProjects = false): DeployKey {
  const out: DeployKey = {
    id: k.id,
    title: k.title,
    created_at: k.createdAt,
    expires_at: k.expiresAt,
    key: k.key,
    usage_type: "auth",
    fingerprint: k.fingerprint,
    fingerprint_sha256: k.fingerprintSha256,
  };
  if (withProjects) {
    const write: ProjectIdentity[] = [];
    const read: ProjectIdentity[] = [];
    for (const [id, canPush] of k.projects) {
      const p = view.store.projectsById.get(id);
      if (p) (canPush ? write : read).push(projectIdentity(p));
    }
    out.projects_with_write_access = write;
    out.projects_with_readonly_access = read;
  }
  return out;
}

/** @internal a deploy key as enabled in one project. */
export function renderProjectDeployKey(
  view: RenderContext,
  k: DeployKeyRec,
  projectId: number,
): DeployKeysProject {
  return { ...renderDeployKey(view, k), can_push: k.projects.get(projectId) ?? false };
}

/** The project, for a maintainer (`authorize_admin_project`). */
function adminProject(ctx: RequestContext): { p: ProjectRec; user: UserRec } {
  const user = requireAuth(ctx);
  const p = findProject(ctx);
  if (projectAccess(user, p) < ACCESS.maintainer) throw forbidden();
  return { p, user };
}

function notFoundAR(): HttpError {
  return new HttpError(404, { message: "404 Not found" });
}

/** A key enabled in `p`, by the `:key_id` path parameter. */
function findProjectKey(ctx: RequestContext, p: ProjectRec): DeployKeyRec {
  const id = integerPathParam(ctx.pathParams, "key_id");
  const k = deployKeys(ctx.store).find((x) => x.id === id && x.projects.has(p.id));
  if (!k) throw notFoundAR();
  return k;
}

/** Whether `user` may enable `k` elsewhere: a public key, or one enabled in a project they maintain. */
function canUseKey(store: Store, user: UserRec, k: DeployKeyRec): boolean {
  if (k.isPublic || user.admin) return true;
  for (const id of k.projects.keys()) {
    const p = store.projectsById.get(id);
    if (p && projectAccess(user, p) >= ACCESS.maintainer) return true;
  }
  return false;
}

/** The `expires_at` parameter as an ISO time, or null. */
function expiresParam(ctx: RequestContext): string | null {
  const raw = str(ctx.params, "expires_at");
  if (!raw) return null;
  const d = new Date(raw);
  if (Number.isNaN(d.getTime())) throw new HttpError(400, { error: "expires_at is invalid" });
  return d.toISOString();
}

/** @internal creates a deploy key record; throws GitLab's 400 when the key is not a public SSH key. */
export async function createDeployKey(
  store: Store,
  d: { title: string; key: string; userId: number; isPublic?: boolean; expiresAt?: string | null },
): Promise<DeployKeyRec> {
  const fp = await fingerprints(d.key);
  if (!fp) {
    throw new HttpError(400, {
      message: {
        key: ["is invalid"],
        fingerprint_sha256: ["cannot be generated"],
      },
    });
  }
  const taken = deployKeys(store).some((k) => k.fingerprintSha256 === fp.sha256);
  if (taken) throw new HttpError(400, { message: { fingerprint_sha256: ["has already been taken"] } });
  const rec: DeployKeyRec = {
    id: store.nextIdOf("deploy_key"),
    title: d.title,
    key: d.key.trim(),
    createdAt: store.iso(),
    expiresAt: d.expiresAt ?? null,
    isPublic: d.isPublic ?? false,
    fingerprint: fp.md5,
    fingerprintSha256: fp.sha256,
    projects: new Map(),
    userId: d.userId,
  };
  deployKeys(store).push(rec);
  return rec;
}

/** `POST /projects/:id/deploy_keys`: links this project's key, an accessible one, or a new one. */
async function addProjectKey(ctx: RequestContext): Promise<Response> {
  requireAuth(ctx);
  validate(ctx.params).required("key", { allowBlank: false }).required("title", { allowBlank: false })
    .check();
  const { p, user } = adminProject(ctx);
  const key = (str(ctx.params, "key") ?? "").trim();
  const canPush = bool(ctx.params, "can_push") ?? false;
  const keys = deployKeys(ctx.store);
  const here = keys.find((k) => k.key === key && k.projects.has(p.id));
  if (here) return jsonResponse(ctx.requestId, 201, renderProjectDeployKey(ctx, here, p.id));
  const other = keys.find((k) => k.key === key && canUseKey(ctx.store, user, k));
  const rec = other ?? await createDeployKey(ctx.store, {
    title: str(ctx.params, "title") ?? "",
    key,
    userId: user.id,
    expiresAt: expiresParam(ctx),
  });
  rec.projects.set(p.id, canPush);
  return jsonResponse(ctx.requestId, 201, renderProjectDeployKey(ctx, rec, p.id));
}

/** @internal registers the deploy key routes. */
export function registerDeployKeyRoutes(routes: RouteTable): void {
  // seeded keys get their SHA-256 fingerprint (asynchronous Web Crypto) before any answer
  const on = (method: string, path: string, handler: RouteHandler) =>
    routes.on(method, path, async (ctx) => {
      await fillFingerprints(deployKeys(ctx.store));
      return await handler(ctx);
    });
  on("GET", "/deploy_keys", (ctx) => {
    const user = requireAuth(ctx);
    if (!user.admin) throw forbidden();
    validate(ctx.params).pagination().check();
    const onlyPublic = bool(ctx.params, "public") ?? false;
    const rows = deployKeys(ctx.store).filter((k) => !onlyPublic || k.isPublic);
    return paginateArray(ctx, rows, (k) => renderDeployKey(ctx, k, true));
  });
  on("POST", "/deploy_keys", async (ctx) => {
    const user = requireAuth(ctx);
    if (!user.admin) throw forbidden();
    validate(ctx.params).required("key", { allowBlank: false }).required("title", { allowBlank: false })
      .check();
    const rec = await createDeployKey(ctx.store, {
      title: str(ctx.params, "title") ?? "",
      key: str(ctx.params, "key") ?? "",
      userId: user.id,
      isPublic: true,
      expiresAt: expiresParam(ctx),
    });
    return jsonResponse(ctx.requestId, 201, renderDeployKey(ctx, rec));
  });
  on("GET", "/projects/:id/deploy_keys", (ctx) => {
    const { p } = adminProject(ctx);
    validate(ctx.params).pagination().check();
    const rows = deployKeys(ctx.store).filter((k) => k.projects.has(p.id));
    return paginateArray(ctx, rows, (k) => renderProjectDeployKey(ctx, k, p.id));
  });
  on("POST", "/projects/:id/deploy_keys", addProjectKey);
  on("GET", "/projects/:id/deploy_keys/:key_id", (ctx) => {
    const { p } = adminProject(ctx);
    return jsonResponse(ctx.requestId, 200, renderProjectDeployKey(ctx, findProjectKey(ctx, p), p.id));
  });
  on("PUT", "/projects/:id/deploy_keys/:key_id", (ctx) => {
    const { p } = adminProject(ctx);
    const k = findProjectKey(ctx, p);
    const title = str(ctx.params, "title");
    const canPush = bool(ctx.params, "can_push");
    if (title === undefined && canPush === undefined) {
      throw new HttpError(400, {
        error: "title, can_push are missing, at least one parameter must be provided",
      });
    }
    if (title !== undefined) {
      if (title.trim() === "") throw new HttpError(400, { message: { title: ["can't be blank"] } });
      k.title = title;
    }
    if (canPush !== undefined) k.projects.set(p.id, canPush);
    return jsonResponse(ctx.requestId, 200, renderProjectDeployKey(ctx, k, p.id));
  });
  on("DELETE", "/projects/:id/deploy_keys/:key_id", (ctx) => {
    const { p } = adminProject(ctx);
    const k = findProjectKey(ctx, p);
    k.projects.delete(p.id);
    // a key used by no other project is deleted (public keys stay)
    if (k.projects.size === 0 && !k.isPublic) {
      const keys = deployKeys(ctx.store);
      keys.splice(keys.indexOf(k), 1);
    }
    return noContent(ctx.requestId);
  });
  on("POST", "/projects/:id/deploy_keys/:key_id/enable", (ctx) => {
    const { p, user } = adminProject(ctx);
    const id = integerPathParam(ctx.pathParams, "key_id");
    const k = deployKeys(ctx.store).find((x) => x.id === id);
    if (!k || !canUseKey(ctx.store, user, k)) throw notFoundAR();
    if (!k.projects.has(p.id)) k.projects.set(p.id, false);
    return jsonResponse(ctx.requestId, 201, renderDeployKey(ctx, k));
  });
}

/** A syntactically valid ed25519 public key line with a 32-byte key derived from `seed`. */
function demoKey(seed: number, comment: string): string {
  const type = "ssh-ed25519";
  const bytes = new Uint8Array(4 + type.length + 4 + 32);
  const v = new DataView(bytes.buffer);
  v.setUint32(0, type.length);
  bytes.set(new TextEncoder().encode(type), 4);
  v.setUint32(4 + type.length, 32);
  for (let i = 0; i < 32; i++) bytes[8 + type.length + i] = (seed * 31 + i * 17) & 0xff;
  return `${type} ${btoa(String.fromCharCode(...bytes))} ${comment}`;
}

/** @internal seeds a read-only deploy key on `acme/web`, also enabled with push in `deploy-tools`. */
export function seedDeployKeys(store: Store): void {
  const web = store.projectByIdOrPath("acme/web");
  const tools = store.projectByIdOrPath("acme/platform/deploy-tools");
  const root = store.usersByName.get("root");
  if (!web || !root) return;
  const key = demoKey(7, "deploy@acme.example");
  const blob = keyBlob(key) as Uint8Array;
  const rec: DeployKeyRec = {
    id: store.nextIdOf("deploy_key"),
    title: "Production deploy",
    key,
    createdAt: store.iso(),
    expiresAt: null,
    isPublic: false,
    fingerprint: md5Hex(blob).match(/../g)!.join(":"),
    // seeds run synchronously: the SHA-256 fingerprint is computed on first use (fillFingerprints)
    fingerprintSha256: "",
    projects: new Map([[web.id, false]]),
    userId: root.id,
  };
  if (tools) rec.projects.set(tools.id, true);
  deployKeys(store).push(rec);
}
