/**
 * The package registry: `GET /projects/:id/packages`, `GET /groups/:id/packages`, `GET`/`DELETE
 * /projects/:id/packages/:package_id`, its `package_files` (list, delete), and the generic package
 * registry's `PUT`/`GET /projects/:id/packages/generic/:package_name/:package_version/:file_name`.
 * Reading needs read access to the project (members only for a private one), publishing developer,
 * deleting maintainer.
 *
 * @module
 */

import { ACCESS, canReadProject, isDescendant, projectAccess, requireAuth } from "../access.ts";
import type { RenderContext, RequestContext } from "../context.ts";
import { bool, str } from "../params.ts";
import { paginateArray } from "../pagination.ts";
import type { ProjectRec, UserRec } from "../records.ts";
import { forbidden, HttpError, jsonResponse, noContent, notFound } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import type { Store } from "../store.ts";
import type { Package, PackageFile } from "../../types/packages.ts";
import { integerPathParam, validate } from "../validation.ts";
import { md5Hex } from "./deploy_keys.ts";
import { findGroup } from "./groups.ts";
import { findProject } from "./projects.ts";

/** @internal a file of a stored package. */
export interface PackageFileRec {
  /** File id. */
  id: number;
  /** File name. */
  name: string;
  /** Bytes. */
  bytes: Uint8Array;
  /** ISO creation time. */
  createdAt: string;
  /** MD5, hex. */
  md5: string;
  /** SHA-1, hex (null until computed: Web Crypto digests are asynchronous). */
  sha1: string | null;
  /** SHA-256, hex (null until computed). */
  sha256: string | null;
}

/** @internal a stored package. */
export interface PackageRec {
  /** Package id. */
  id: number;
  /** Project id. */
  projectId: number;
  /** Name. */
  name: string;
  /** Version (null for versionless packages). */
  version: string | null;
  /** Format (`generic`, `npm`, …). */
  type: string;
  /** Status. */
  status: "default" | "hidden" | "processing" | "error" | "pending_destruction" | "deprecated";
  /** ISO creation time. */
  createdAt: string;
  /** ISO time of the last download. */
  lastDownloadedAt: string | null;
  /** Files, id-ordered. */
  files: PackageFileRec[];
}

const PACKAGE_TYPES = [
  "conan",
  "maven",
  "npm",
  "pypi",
  "composer",
  "nuget",
  "helm",
  "terraform_module",
  "golang",
  "generic",
  "debian",
  "rubygems",
  "rpm",
  "ml_model",
  "cargo",
];
const STATUSES = ["default", "hidden", "processing", "error", "pending_destruction", "deprecated"];
/** Statuses lists show without a `status` filter. */
const DISPLAYABLE = new Set(["default", "error", "deprecated"]);
/** GitLab's `generic_package_name_regex` and `generic_package_file_name_regex`. */
const GENERIC_NAME = /^[A-Za-z0-9._+-]+$/;
const GENERIC_FILE = /^[A-Za-z0-9._+~-]+$/;

/** @internal this simulator's packages, id-ordered. */
export function packages(store: Store): PackageRec[] {
  return store.slot("packages", () => [] as PackageRec[]);
}

function hex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((x) => x.toString(16).padStart(2, "0")).join("");
}

/** @internal a package file record (SHA digests filled in by {@linkcode fillDigests}). */
export function newPackageFile(store: Store, name: string, bytes: Uint8Array): PackageFileRec {
  return {
    id: store.nextIdOf("package_file"),
    name,
    bytes,
    createdAt: store.iso(),
    md5: md5Hex(bytes),
    sha1: null,
    sha256: null,
  };
}

/** @internal computes the SHA-1 and SHA-256 digests of files that do not have them yet. */
export async function fillDigests(files: readonly PackageFileRec[]): Promise<void> {
  for (const f of files) {
    if (f.sha1 !== null && f.sha256 !== null) continue;
    const data = f.bytes as Uint8Array<ArrayBuffer>;
    f.sha1 = hex(await crypto.subtle.digest("SHA-1", data));
    f.sha256 = hex(await crypto.subtle.digest("SHA-256", data));
  }
}

/** @internal a package as GitLab's `Package` entity presents it. */
export function renderPackage(
  view: RenderContext,
  pkg: PackageRec,
  viewer: UserRec | null,
  o: { inGroup?: boolean; withVersions?: boolean } = {},
): Package {
  const p = view.store.projectsById.get(pkg.projectId);
  const out: Package = {
    id: pkg.id,
    name: pkg.name,
    version: pkg.version,
    package_type: pkg.type,
    status: pkg.status,
    _links: {},
    created_at: pkg.createdAt,
    last_downloaded_at: pkg.lastDownloadedAt,
    tags: [],
  };
  if (p) {
    // generic packages have no details page in the UI
    if (pkg.type !== "generic") out._links.web_path = `/${p.fullPath}/-/packages/${pkg.id}`;
    if (viewer && projectAccess(viewer, p) >= ACCESS.maintainer) {
      out._links.delete_api_path = `${view.webUrl}/api/v4/projects/${p.id}/packages/${pkg.id}`;
    }
    if (o.inGroup) {
      out.project_id = p.id;
      out.project_path = p.fullPath;
    }
  }
  if (o.withVersions) {
    out.versions = packages(view.store).filter((x) =>
      x !== pkg && x.projectId === pkg.projectId && x.name === pkg.name && x.type === pkg.type &&
      DISPLAYABLE.has(x.status)
    ).map((x) => ({ id: x.id, version: x.version ?? "", created_at: x.createdAt, tags: [] }));
  }
  return out;
}

/** @internal a package file as GitLab's `PackageFile` entity presents it. */
export function renderPackageFile(pkg: PackageRec, f: PackageFileRec): PackageFile {
  return {
    id: f.id,
    package_id: pkg.id,
    created_at: f.createdAt,
    file_name: f.name,
    size: f.bytes.length,
    file_md5: f.md5,
    file_sha1: f.sha1,
    file_sha256: f.sha256,
  };
}

/** The project, when the caller may read its packages (members only for private projects). */
function readableProject(ctx: RequestContext): ProjectRec {
  return findProject(ctx);
}

/** Filters and orders a package list as `GET …/packages` does. */
function filterPackages(ctx: RequestContext, rows: PackageRec[], group: boolean): PackageRec[] {
  const q = ctx.params;
  const type = str(q, "package_type");
  const name = str(q, "package_name")?.toLowerCase();
  const version = str(q, "package_version");
  const status = str(q, "status");
  const versionless = bool(q, "include_versionless") ?? false;
  const out = rows.filter((pkg) => {
    if (type && pkg.type !== type) return false;
    if (name && !pkg.name.toLowerCase().includes(name)) return false;
    if (version && pkg.version !== version) return false;
    if (status ? pkg.status !== status : !DISPLAYABLE.has(pkg.status)) return false;
    if (!versionless && pkg.version === null) return false;
    return true;
  });
  const orderBy = str(q, "order_by") ?? "created_at";
  const desc = str(q, "sort") === "desc";
  const projectPath = (pkg: PackageRec) => ctx.store.projectsById.get(pkg.projectId)?.fullPath ?? "";
  const key = (pkg: PackageRec): string | number =>
    orderBy === "name"
      ? pkg.name
      : orderBy === "version"
      ? pkg.version ?? ""
      : orderBy === "type"
      ? pkg.type
      : orderBy === "project_path" && group
      ? projectPath(pkg)
      : pkg.createdAt;
  out.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const c = ka < kb ? -1 : ka > kb ? 1 : a.id - b.id;
    return desc ? -c : c;
  });
  return out;
}

function validateList(ctx: RequestContext, group: boolean): void {
  const orders = ["created_at", "name", "version", "type", ...(group ? ["project_path"] : [])];
  validate(ctx.params).pagination().oneOf("order_by", orders).oneOf("sort", ["asc", "desc"])
    .oneOf("package_type", PACKAGE_TYPES).oneOf("status", STATUSES).check();
}

function findPackage(ctx: RequestContext, p: ProjectRec): PackageRec {
  const id = integerPathParam(ctx.pathParams, "package_id");
  const pkg = packages(ctx.store).find((x) =>
    x.id === id && x.projectId === p.id && x.status !== "pending_destruction"
  );
  if (!pkg) throw notFound("Package");
  return pkg;
}

function requireLevel(ctx: RequestContext, p: ProjectRec, level: number): UserRec {
  const user = requireAuth(ctx);
  if (projectAccess(user, p) < level) throw forbidden();
  return user;
}

/** The upload's bytes: the multipart `file` field (what Workhorse hands GitLab). */
async function uploadBytes(ctx: RequestContext): Promise<Uint8Array> {
  const file = ctx.params.file;
  if (file instanceof Blob) return new Uint8Array(await file.arrayBuffer());
  if (typeof file === "string") return new TextEncoder().encode(file);
  throw new HttpError(400, { error: "file is missing" });
}

/** `PUT /projects/:id/packages/generic/:package_name/:package_version/:file_name`. */
async function uploadGeneric(ctx: RequestContext): Promise<Response> {
  requireAuth(ctx);
  const { package_name: name, package_version: version, file_name: fileName } = ctx.pathParams;
  const errors: string[] = [];
  if (!GENERIC_NAME.test(name) || name.startsWith(".")) errors.push("package_name is invalid");
  if (!GENERIC_NAME.test(version) || version.startsWith(".")) errors.push("package_version is invalid");
  if (!GENERIC_FILE.test(fileName)) errors.push("file_name is invalid");
  if (errors.length) throw new HttpError(400, { error: errors.join(", ") });
  validate(ctx.params).oneOf("status", ["default", "hidden"]).oneOf("select", ["package_file"]).check();
  const p = findProject(ctx);
  requireLevel(ctx, p, ACCESS.developer);
  const bytes = await uploadBytes(ctx);
  const status = str(ctx.params, "status") === "hidden" ? "hidden" : "default";
  const all = packages(ctx.store);
  let pkg = all.find((x) =>
    x.projectId === p.id && x.type === "generic" && x.name === name && x.version === version &&
    x.status !== "pending_destruction"
  );
  if (!pkg) {
    pkg = {
      id: ctx.store.nextIdOf("package"),
      projectId: p.id,
      name,
      version,
      type: "generic",
      status,
      createdAt: ctx.store.iso(),
      lastDownloadedAt: null,
      files: [],
    };
    all.push(pkg);
  } else pkg.status = status;
  const file = newPackageFile(ctx.store, fileName, bytes);
  await fillDigests([file]);
  pkg.files.push(file);
  if (str(ctx.params, "select") === "package_file") {
    return jsonResponse(ctx.requestId, 200, {
      ...renderPackageFile(pkg, file),
      updated_at: file.createdAt,
      file_store: 1,
      file: { url: fileName },
      verification_state: "pending",
      verification_retry_at: null,
      verified_at: null,
      verification_failure: null,
      verification_retry_count: null,
      verification_checksum: null,
      file_final_path: null,
    });
  }
  return jsonResponse(ctx.requestId, 201, { message: "201 Created" });
}

/** `GET /projects/:id/packages/generic/:package_name/:package_version/:file_name`: the newest such file. */
function downloadGeneric(ctx: RequestContext): Response {
  const p = readableProject(ctx);
  const { package_name: name, package_version: version, file_name: fileName } = ctx.pathParams;
  const pkg = packages(ctx.store).find((x) =>
    x.projectId === p.id && x.type === "generic" && x.name === name && x.version === version &&
    (x.status === "default" || x.status === "hidden")
  );
  const file = pkg ? [...pkg.files].reverse().find((f) => f.name === fileName) : undefined;
  if (!pkg || !file) throw notFound("Package");
  pkg.lastDownloadedAt = ctx.store.iso();
  return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: {
      "content-type": "application/octet-stream",
      "content-length": String(file.bytes.length),
      "content-disposition": `attachment; filename="${fileName}"; filename*=UTF-8''${
        encodeURIComponent(fileName)
      }`,
      "x-request-id": ctx.requestId,
      "cache-control": "max-age=0, private, must-revalidate",
    },
  });
}

/** @internal registers the package registry routes. */
export function registerPackageRoutes(routes: RouteTable): void {
  const generic = "/projects/:id/packages/generic/:package_name/:package_version/:file_name";
  routes.on("PUT", generic, uploadGeneric);
  routes.on("GET", generic, downloadGeneric);
  routes.on("GET", "/projects/:id/packages", (ctx) => {
    validateList(ctx, false);
    const p = readableProject(ctx);
    const rows = filterPackages(ctx, packages(ctx.store).filter((x) => x.projectId === p.id), false);
    return paginateArray(ctx, rows, (pkg) => renderPackage(ctx, pkg, ctx.user));
  });
  routes.on("GET", "/groups/:id/packages", (ctx) => {
    validateList(ctx, true);
    const g = findGroup(ctx);
    const sub = !(bool(ctx.params, "exclude_subgroups") ?? false);
    const inGroup = (p: ProjectRec | undefined) =>
      !!p && p.ns.kind === "group" && (p.ns.group === g || (sub && isDescendant(p.ns.group, g))) &&
      canReadProject(ctx.user, p);
    const rows = filterPackages(
      ctx,
      packages(ctx.store).filter((x) => inGroup(ctx.store.projectsById.get(x.projectId))),
      true,
    );
    return paginateArray(ctx, rows, (pkg) => renderPackage(ctx, pkg, ctx.user, { inGroup: true }));
  });
  routes.on("GET", "/projects/:id/packages/:package_id", (ctx) => {
    const p = readableProject(ctx);
    const pkg = findPackage(ctx, p);
    return jsonResponse(ctx.requestId, 200, renderPackage(ctx, pkg, ctx.user, { withVersions: true }));
  });
  routes.on("DELETE", "/projects/:id/packages/:package_id", (ctx) => {
    const p = readableProject(ctx);
    const pkg = findPackage(ctx, p);
    requireLevel(ctx, p, ACCESS.maintainer);
    const all = packages(ctx.store);
    all.splice(all.indexOf(pkg), 1);
    return noContent(ctx.requestId);
  });
  routes.on("GET", "/projects/:id/packages/:package_id/package_files", async (ctx) => {
    validate(ctx.params).pagination().check();
    const p = readableProject(ctx);
    const pkg = findPackage(ctx, p);
    await fillDigests(pkg.files);
    return paginateArray(ctx, pkg.files, (f) => renderPackageFile(pkg, f));
  });
  routes.on("DELETE", "/projects/:id/packages/:package_id/package_files/:package_file_id", (ctx) => {
    const p = readableProject(ctx);
    const pkg = findPackage(ctx, p);
    requireLevel(ctx, p, ACCESS.maintainer);
    const id = integerPathParam(ctx.pathParams, "package_file_id");
    const i = pkg.files.findIndex((f) => f.id === id);
    if (i < 0) throw notFound("Package file");
    pkg.files.splice(i, 1);
    return noContent(ctx.requestId);
  });
}

/** @internal seeds a generic package (with a file) and an npm package in `acme/web`. */
export function seedPackages(store: Store): void {
  const web = store.projectByIdOrPath("acme/web");
  if (!web) return;
  const all = packages(store);
  const content = new TextEncoder().encode("acme-web 1.4.2 build output\n");
  const generic: PackageRec = {
    id: store.nextIdOf("package"),
    projectId: web.id,
    name: "acme-web-dist",
    version: "1.4.2",
    type: "generic",
    status: "default",
    createdAt: store.isoAgo(3),
    lastDownloadedAt: null,
    files: [newPackageFile(store, "dist.txt", content)],
  };
  const npm: PackageRec = {
    id: store.nextIdOf("package"),
    projectId: web.id,
    name: "@acme/ui-kit",
    version: "2.0.0",
    type: "npm",
    status: "default",
    createdAt: store.isoAgo(1),
    lastDownloadedAt: null,
    files: [
      newPackageFile(store, "acme-ui-kit-2.0.0.tgz", new Uint8Array([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0])),
    ],
  };
  all.push(generic, npm);
}
