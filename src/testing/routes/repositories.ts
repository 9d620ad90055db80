/**
 * Repositories: `GET /projects/:id/repository/tree` (offset and keyset pagination), `…/blobs/:sha` and
 * `…/blobs/:sha/raw`, `…/archive[.format]` (a tar, tar.gz or zip stream with Workhorse's headers),
 * `…/compare`, `…/contributors` and `…/merge_base`.
 *
 * @module
 */

import type { RequestContext } from "../context.ts";
import { digestHex, toBase64 } from "../encoding.ts";
import { bool, int, list, str } from "../params.ts";
import { offsetPage, pageLink, pageParams, wantsKeyset } from "../pagination.ts";
import type { CommitRec, FileRec, ProjectRec } from "../records.ts";
import {
  blobIdOf,
  commitsBetween,
  diffTrees,
  ensureRepo,
  type FileAction,
  fileMode,
  filesAt,
  history,
  mergeBase,
  reachableCommits,
  resolveRef,
  tagsOf,
  writeFiles,
} from "../repository.ts";
import { HttpError, jsonResponse, notFound } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import type { Store } from "../store.ts";
import type { Compare, Contributor, RepositoryBlob, TreeEntry } from "../../types/repositories.ts";
import { validate } from "../validation.ts";
import { renderCommit } from "./branches.ts";
import { renderCommitFull, renderDiff } from "./commits.ts";
import { findProject } from "./projects.ts";
import { releasesOf } from "./releases.ts";
import { createTag } from "./tags.ts";
import { chunkedBody, contentDisposition, sniffContentType } from "./repository_files.ts";

const encoder = new TextEncoder();

/** Hex SHA → 20 raw bytes. */
function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Concatenates byte arrays. */
function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** One entry of a tree listing, with its file when a blob. */
interface Entry {
  /** Path from the root. */
  path: string;
  /** Blob or tree. */
  type: "blob" | "tree";
  /** The file of a blob. */
  file?: FileRec;
}

/** The directories of a file snapshot (every ancestor directory of every file), `""` being the root. */
function directories(files: Map<string, FileRec>): Set<string> {
  const dirs = new Set<string>([""]);
  for (const path of files.keys()) {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join("/"));
  }
  return dirs;
}

/** The Git tree ids of every directory of a snapshot (real `tree` object hashes). */
async function treeIds(files: Map<string, FileRec>): Promise<Map<string, string>> {
  const dirs = [...directories(files)].sort((a, b) =>
    b.split("/").length - a.split("/").length || (a < b ? -1 : 1)
  );
  const ids = new Map<string, string>();
  for (const dir of dirs) {
    const prefix = dir === "" ? "" : `${dir}/`;
    const children: { name: string; mode: string; id: string; sortKey: string }[] = [];
    for (const [path, f] of files) {
      if (!path.startsWith(prefix) || path.slice(prefix.length).includes("/")) continue;
      const name = path.slice(prefix.length);
      children.push({ name, mode: fileMode(f), id: await blobIdOf(f), sortKey: name });
    }
    for (const sub of ids.keys()) {
      if (sub === "" || !sub.startsWith(prefix) || sub.slice(prefix.length).includes("/")) continue;
      const name = sub.slice(prefix.length);
      if (dir === "" && sub.includes("/")) continue;
      children.push({ name, mode: "40000", id: ids.get(sub) as string, sortKey: `${name}/` });
    }
    children.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
    const body = concat(children.flatMap((c) => [encoder.encode(`${c.mode} ${c.name}\0`), hexBytes(c.id)]));
    ids.set(dir, await digestHex("SHA-1", concat([encoder.encode(`tree ${body.length}\0`), body])));
  }
  return ids;
}

/** The entries under `dir` of a snapshot (children, or all descendants): trees first, then blobs. */
function treeEntries(files: Map<string, FileRec>, dir: string, recursive: boolean): Entry[] | null {
  const dirs = directories(files);
  if (!dirs.has(dir)) return null;
  const prefix = dir === "" ? "" : `${dir}/`;
  const inScope = (path: string) =>
    path.startsWith(prefix) && (recursive || !path.slice(prefix.length).includes("/"));
  const trees: Entry[] = [...dirs].filter((d) => d !== "" && d !== dir && inScope(d)).sort().map((path) => ({
    path,
    type: "tree",
  }));
  const blobs: Entry[] = [...files.keys()].filter(inScope).sort().map((path) => ({
    path,
    type: "blob",
    file: files.get(path),
  }));
  return [...trees, ...blobs];
}

/**
 * `GET /projects/:id/repository/tree`: `path`, `ref` (default branch), `recursive`; offset pages with totals,
 * or `pagination=keyset` pages continued from `page_token` (an entry id) with a `rel="next"` link.
 */
async function listTree(ctx: RequestContext): Promise<Response> {
  validate(ctx.params).pagination().check();
  const p = findProject(ctx);
  const ref = resolveRef(ctx.store, p, str(ctx.params, "ref") || p.defaultBranch);
  if (!ref) throw notFound("Tree");
  const dir = (str(ctx.params, "path") ?? "").replace(/^\/+|\/+$/g, "");
  const entries = treeEntries(ref.files, dir, bool(ctx.params, "recursive") === true);
  if (!entries) throw notFound("Tree");
  const ids = await treeIds(ref.files);
  const rendered: TreeEntry[] = [];
  for (const e of entries) {
    rendered.push({
      id: e.file ? await blobIdOf(e.file) : ids.get(e.path) as string,
      name: e.path.split("/").pop() as string,
      type: e.type,
      path: e.path,
      mode: e.file ? fileMode(e.file) : "040000",
    });
  }
  if (!wantsKeyset(ctx.params)) return offsetPage(ctx, rendered.length, (i) => rendered[i], (t) => t);
  const { perPage } = pageParams(ctx.params);
  const token = str(ctx.params, "page_token");
  let start = 0;
  if (token) {
    const at = rendered.findIndex((t) => t.id === token);
    if (at < 0) throw new HttpError(400, { message: `could not find starting OID: ${token}` });
    start = at + 1;
  }
  const page = rendered.slice(start, start + perPage);
  const headers = new Headers();
  if (start + perPage < rendered.length && page.length) {
    const next = pageLink(ctx, { page_token: page[page.length - 1].id, per_page: String(perPage) }, ["page"]);
    headers.set("link", `<${next}>; rel="next"`);
  }
  return jsonResponse(ctx.requestId, 200, page, headers);
}

/** The file with blob id `sha` in any commit of the project, or `404 Blob Not Found`. */
async function findBlob(ctx: RequestContext, p: ProjectRec, sha: string): Promise<FileRec> {
  const s = sha.toLowerCase();
  if (/^[0-9a-f]{4,40}$/.test(s)) {
    const seen = new Set<FileRec>();
    for (const c of reachableCommits(ctx.store, p).values()) {
      for (const f of filesAt(p, c).values()) {
        if (seen.has(f)) continue;
        seen.add(f);
        if ((await blobIdOf(f)).startsWith(s)) return f;
      }
    }
  }
  throw notFound("Blob");
}

/** GitLab's archive formats and the extension of the file name each gets. */
const ARCHIVE_FORMATS: Record<string, "tar.gz" | "tar" | "zip"> = {
  "tar.gz": "tar.gz",
  tgz: "tar.gz",
  gz: "tar.gz",
  tar: "tar",
  zip: "zip",
};

/** A ustar header block. */
function tarHeader(
  name: string,
  size: number,
  mode: string,
  type: "0" | "5" | "g",
  mtime: number,
): Uint8Array {
  const h = new Uint8Array(512);
  const put = (s: string, at: number, len: number) => h.set(encoder.encode(s).subarray(0, len), at);
  const oct = (n: number, len: number) => n.toString(8).padStart(len - 1, "0");
  let prefix = "";
  let base = name;
  if (encoder.encode(name).length > 100) {
    const cut = name.lastIndexOf("/", name.length - 2);
    prefix = name.slice(0, cut);
    base = name.slice(cut + 1);
  }
  put(base, 0, 100);
  put(`${mode.slice(-7).padStart(7, "0")}`, 100, 8);
  put(oct(0, 8), 108, 8);
  put(oct(0, 8), 116, 8);
  put(oct(size, 12), 124, 12);
  put(oct(mtime, 12), 136, 12);
  put("        ", 148, 8);
  put(type, 156, 1);
  put("ustar\u000000", 257, 8);
  put("root", 265, 32);
  put("root", 297, 32);
  put(prefix, 345, 155);
  let sum = 0;
  for (const b of h) sum += b;
  put(`${sum.toString(8).padStart(6, "0")}\u0000 `, 148, 8);
  return h;
}

/** A tar archive of `files` under `prefix/`, with Git's pax header holding the commit id. */
function tarArchive(files: [string, FileRec][], prefix: string, sha: string, mtime: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const pad = (n: number) => new Uint8Array((512 - (n % 512)) % 512);
  const record = `comment=${sha}\n`;
  let len = record.length + 3;
  if (`${len} ${record}`.length !== len) len++;
  const pax = encoder.encode(`${len} ${record}`);
  parts.push(tarHeader("pax_global_header", pax.length, "666", "g", mtime), pax, pad(pax.length));
  const dirs = new Set<string>();
  for (const [path] of files) {
    const segs = path.split("/");
    for (let i = 1; i < segs.length; i++) dirs.add(segs.slice(0, i).join("/"));
  }
  const items: [string, FileRec | null][] = [
    [`${prefix}/`, null],
    ...[...dirs].map((d): [string, null] => [`${prefix}/${d}/`, null]),
    ...files.map(([path, f]): [string, FileRec] => [`${prefix}/${path}`, f]),
  ];
  items.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [name, f] of items) {
    if (!f) parts.push(tarHeader(name, 0, "775", "5", mtime));
    else {
      parts.push(tarHeader(name, f.content.length, f.executable ? "775" : "664", "0", mtime));
      parts.push(f.content, pad(f.content.length));
    }
  }
  parts.push(new Uint8Array(1024));
  return concat(parts);
}

let crcTable: Uint32Array | null = null;

/** CRC-32 of `bytes` (zip). */
function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip archive (stored, not deflated) of `files` under `prefix/`, with the commit id as its comment. */
function zipArchive(files: [string, FileRec][], prefix: string, sha: string, mtime: Date): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const dosTime = (mtime.getUTCHours() << 11) | (mtime.getUTCMinutes() << 5) | (mtime.getUTCSeconds() >> 1);
  const dosDate = ((mtime.getUTCFullYear() - 1980) << 9) | ((mtime.getUTCMonth() + 1) << 5) |
    mtime.getUTCDate();
  const entries: [string, Uint8Array, boolean][] = [[`${prefix}/`, new Uint8Array(), false]];
  const dirs = new Set<string>();
  for (const [path] of files) {
    const segs = path.split("/");
    for (let i = 1; i < segs.length; i++) dirs.add(segs.slice(0, i).join("/"));
  }
  for (const d of [...dirs].sort()) entries.push([`${prefix}/${d}/`, new Uint8Array(), false]);
  for (const [path, f] of files) entries.push([`${prefix}/${path}`, f.content, !!f.executable]);
  for (const [name, data, exec] of entries) {
    const nameBytes = encoder.encode(name);
    const crc = crc32(data);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 10, true);
    local.setUint16(6, 0x0800, true);
    local.setUint16(8, 0, true);
    local.setUint16(10, dosTime, true);
    local.setUint16(12, dosDate, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, data.length, true);
    local.setUint32(22, data.length, true);
    local.setUint16(26, nameBytes.length, true);
    local.setUint16(28, 0, true);
    parts.push(new Uint8Array(local.buffer), nameBytes, data);
    const dir = name.endsWith("/");
    const cd = new DataView(new ArrayBuffer(46));
    cd.setUint32(0, 0x02014b50, true);
    cd.setUint16(4, 0x0314, true);
    cd.setUint16(6, 10, true);
    cd.setUint16(8, 0x0800, true);
    cd.setUint16(10, 0, true);
    cd.setUint16(12, dosTime, true);
    cd.setUint16(14, dosDate, true);
    cd.setUint32(16, crc, true);
    cd.setUint32(20, data.length, true);
    cd.setUint32(24, data.length, true);
    cd.setUint16(28, nameBytes.length, true);
    cd.setUint32(38, ((dir ? 0o40755 : exec ? 0o100755 : 0o100644) << 16) >>> 0, true);
    cd.setUint32(42, offset, true);
    central.push(new Uint8Array(cd.buffer), nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const cdBytes = concat(central);
  const comment = encoder.encode(sha);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, cdBytes.length, true);
  end.setUint32(16, offset, true);
  end.setUint16(20, comment.length, true);
  return concat([...parts, cdBytes, new Uint8Array(end.buffer), comment]);
}

/**
 * `GET /projects/:id/repository/archive[.format]`: the tree at `sha` (default branch) or under `path`, as
 * Workhorse sends it: `attachment; filename="<project>-<ref>-<sha>[-<path>].<ext>"`, `application/zip` or
 * `application/octet-stream`, no `Content-Length`; an unknown ref is `404 File Not Found`.
 */
function getArchive(ctx: RequestContext, format: string): Response {
  const p = findProject(ctx);
  const ext = ARCHIVE_FORMATS[format];
  if (!ext) throw notFound("File");
  const refName = str(ctx.params, "sha") || p.defaultBranch;
  const ref = resolveRef(ctx.store, p, refName);
  if (!ref) throw notFound("File");
  const sub = (str(ctx.params, "path") ?? "").replace(/^\/+|\/+$/g, "");
  const exclude = (list(ctx.params, "exclude_paths") ?? []).map((x) => x.replace(/^\/+|\/+$/g, ""));
  const segments = [p.path, refName.replaceAll("/", "-"), ref.commit.id];
  if (sub) segments.push(sub.replaceAll("/", "-"));
  const prefix = segments.join("-");
  const files = [...ref.files].filter(([path]) =>
    (!sub || path === sub || path.startsWith(`${sub}/`)) &&
    !exclude.some((x) => path === x || path.startsWith(`${x}/`))
  ).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  if (sub && files.length === 0) throw notFound("File");
  const mtime = new Date(ref.commit.createdAt);
  const bytes = ext === "zip"
    ? zipArchive(files, prefix, ref.commit.id, mtime)
    : tarArchive(files, prefix, ref.commit.id, Math.floor(mtime.getTime() / 1000));
  let body: ReadableStream<Uint8Array> = chunkedBody(bytes);
  if (ext === "tar.gz") {
    body = body.pipeThrough(new CompressionStream("gzip") as ReadableWritablePair<Uint8Array, Uint8Array>);
  }
  return new Response(body, {
    status: 200,
    headers: {
      "content-disposition": `attachment; filename="${prefix}.${ext}"`,
      "content-type": ext === "zip" ? "application/zip" : "application/octet-stream",
      "content-transfer-encoding": "binary",
      "cache-control": "max-age=0, private, must-revalidate",
      "x-request-id": ctx.requestId,
    },
  });
}

/** `GET /projects/:id/repository/compare`: `from`…`to` (merge-base diff unless `straight`). */
function compare(ctx: RequestContext): Response {
  validate(ctx.params).required("from", { allowBlank: false }).required("to", { allowBlank: false }).check();
  const target = findProject(ctx);
  const fromProjectId = int(ctx.params, "from_project_id");
  const source = fromProjectId === undefined ? target : ctx.store.projectsById.get(fromProjectId);
  if (!source) throw notFound("Project");
  const fromName = str(ctx.params, "from") as string;
  const toName = str(ctx.params, "to") as string;
  const from = resolveRef(ctx.store, source, fromName);
  const to = resolveRef(ctx.store, target, toName);
  if (!from || !to) throw notFound("Ref");
  const straight = bool(ctx.params, "straight") === true;
  const same = from.commit.id === to.commit.id;
  const commits = same ? [] : commitsBetween(ctx.store, from.commit, to.commit);
  const base = straight ? from.commit : mergeBase(ctx.store, [from.commit, to.commit]) ?? from.commit;
  const baseFiles = straight ? from.files : filesAt(target, base);
  const unidiff = bool(ctx.params, "unidiff") === true;
  const diffs = same ? [] : diffTrees(baseFiles, to.files).map((d) => renderDiff(d, unidiff));
  const last = commits[commits.length - 1];
  const body: Compare = {
    commit: last ? renderCommit(ctx, target, last) : null,
    commits: commits.map((c) => renderCommit(ctx, target, c)),
    diffs,
    compare_timeout: false,
    compare_same_ref: same,
    web_url: `${ctx.webUrl}/${target.fullPath}/-/compare/${fromName}...${toName}`,
  };
  return jsonResponse(ctx.requestId, 200, body);
}

/** `GET /projects/:id/repository/contributors`: authors of `ref`'s history grouped by email. */
function contributors(ctx: RequestContext): Response {
  validate(ctx.params).pagination().oneOf("order_by", ["email", "name", "commits"]).oneOf("sort", [
    "asc",
    "desc",
  ])
    .check();
  const p = findProject(ctx);
  const ref = resolveRef(ctx.store, p, str(ctx.params, "ref") || p.defaultBranch);
  const byEmail = new Map<string, Contributor>();
  for (const c of ref ? history(ctx.store, ref.commit) : []) {
    const key = c.authorEmail.toLowerCase();
    const row = byEmail.get(key);
    if (row) row.commits++;
    else {byEmail.set(key, {
        name: c.authorName,
        email: c.authorEmail,
        commits: 1,
        additions: 0,
        deletions: 0,
      });}
  }
  const orderBy = str(ctx.params, "order_by") ?? "commits";
  const dir = str(ctx.params, "sort") === "desc" ? -1 : 1;
  const rows = [...byEmail.values()].sort((a, b) => {
    const x = orderBy === "commits" ? a.commits : orderBy === "name" ? a.name : a.email;
    const y = orderBy === "commits" ? b.commits : orderBy === "name" ? b.name : b.email;
    return (x < y ? -1 : x > y ? 1 : 0) * dir;
  });
  return offsetPage(ctx, rows.length, (i) => rows[i], (r) => r);
}

/** `GET /projects/:id/repository/merge_base?refs[]=a&refs[]=b`. */
function getMergeBase(ctx: RequestContext): Response {
  validate(ctx.params).required("refs").check();
  const p = findProject(ctx);
  const refs = list(ctx.params, "refs") ?? [];
  if (refs.length < 2) throw new HttpError(400, { message: "Provide at least 2 refs" });
  const resolved: CommitRec[] = [];
  const unknown: string[] = [];
  for (const r of refs) {
    const ref = resolveRef(ctx.store, p, r);
    if (ref) resolved.push(ref.commit);
    else unknown.push(r);
  }
  if (unknown.length) {
    throw new HttpError(400, {
      message: `Could not find ${unknown.length === 1 ? "ref" : "refs"}: ${unknown.join(", ")}`,
    });
  }
  const base = mergeBase(ctx.store, resolved);
  if (!base) throw notFound("Merge Base");
  return jsonResponse(ctx.requestId, 200, renderCommitFull(ctx, p, base));
}

/** @internal registers the repository routes. */
export function registerRepositoryRoutes(routes: RouteTable): void {
  const base = "/projects/:id/repository";
  routes.on("GET", `${base}/tree`, listTree);
  routes.on("GET", `${base}/blobs/:sha`, async (ctx) => {
    const p = findProject(ctx);
    const f = await findBlob(ctx, p, ctx.pathParams.sha);
    const body: RepositoryBlob = {
      size: f.content.length,
      encoding: "base64",
      content: toBase64(f.content),
      sha: await blobIdOf(f),
    };
    return jsonResponse(ctx.requestId, 200, body);
  });
  routes.on("GET", `${base}/blobs/:sha/raw`, async (ctx) => {
    const p = findProject(ctx);
    const f = await findBlob(ctx, p, ctx.pathParams.sha);
    const type = sniffContentType(f.content);
    const disposition = contentDisposition(type, await blobIdOf(f)).split(";")[0];
    return new Response(f.content.length ? chunkedBody(f.content) : null, {
      status: 200,
      headers: {
        "content-type": type,
        "content-length": String(f.content.length),
        "content-disposition": disposition,
        "x-request-id": ctx.requestId,
      },
    });
  });
  routes.on("GET", `${base}/archive`, (ctx) => getArchive(ctx, str(ctx.params, "format") || "tar.gz"));
  for (const format of Object.keys(ARCHIVE_FORMATS)) {
    routes.on("GET", `${base}/archive.${format}`, (ctx) => getArchive(ctx, format));
  }
  routes.on("GET", `${base}/compare`, compare);
  routes.on("GET", `${base}/contributors`, contributors);
  routes.on("GET", `${base}/merge_base`, getMergeBase);
}

/**
 * @internal the demo history of `acme/web`: CI and changelog commits on `main` (spread over the project's
 * life), tags `v1.0.0` (annotated) and `v1.1.0`, and releases of both, `v1.1.0` with asset links. `main`
 * stays protected (maintainers push and merge).
 */
export function seedRepository(store: Store): void {
  const p = store.projectByIdOrPath("acme/web");
  const alice = store.usersByName.get("alice");
  const bob = store.usersByName.get("bob");
  if (!p || !alice) return;
  const activity = p.lastActivityAt;
  const text = (s: string) => encoder.encode(s);
  const commit = (message: string, actions: FileAction[], author = alice) =>
    writeFiles(store, p, alice, {
      branch: p.defaultBranch,
      message,
      actions,
      authorName: author.name,
      authorEmail: author.email,
    });
  commit("Add CI configuration", [{
    action: "create",
    filePath: "docs/ci.md",
    content: text("# CI\n\nEvery push runs `deno test`; `main` also builds.\n"),
  }, {
    action: "create",
    filePath: ".gitlab-ci.yml",
    content: text(
      "stages: [test, build]\n\ntest:\n  stage: test\n  script: deno test\n\nbuild:\n  stage: build\n  script: deno task build\n",
    ),
  }]);
  commit("Add changelog", [{
    action: "create",
    filePath: "CHANGELOG.md",
    content: text("# Changelog\n\n## 1.0.0\n\n- First public release.\n"),
  }]);
  createTag(store, p, alice, "v1.0.0", p.defaultBranch, "Version 1.0.0");
  commit("Cache build dependencies in CI", [{
    action: "update",
    filePath: ".gitlab-ci.yml",
    content: text(
      "stages: [test, build]\n\ncache:\n  paths: [.deno/]\n\ntest:\n  stage: test\n  script: deno test\n\nbuild:\n  stage: build\n  script: deno task build\n",
    ),
  }], bob ?? alice);
  commit("Move the CI notes under docs/user", [{
    action: "move",
    filePath: "docs/user/ci.md",
    previousPath: "docs/ci.md",
  }]);
  commit("Update changelog for 1.1.0", [{
    action: "update",
    filePath: "CHANGELOG.md",
    content: text(
      "# Changelog\n\n## 1.1.0\n\n- CI caches dependencies.\n- The CI notes moved to docs/user.\n\n## 1.0.0\n\n- First public release.\n",
    ),
  }]);
  createTag(store, p, alice, "v1.1.0", p.defaultBranch);
  // spread main's history over the project's life, oldest first
  const main = ensureRepo(store, p).branches.get(p.defaultBranch);
  if (main) {
    const chain = history(store, main.commit, true).reverse();
    const start = Date.parse(p.createdAt);
    const end = store.now().getTime() - 86_400_000;
    chain.forEach((c, i) => {
      c.createdAt = new Date(start + ((end - start) * i) / Math.max(1, chain.length - 1)).toISOString();
    });
  }
  const tags = tagsOf(store, p);
  for (const t of tags.values()) if (t.createdAt !== null) t.createdAt = t.commit.createdAt;
  const releases = releasesOf(store, p);
  const v1 = tags.get("v1.0.0");
  const v11 = tags.get("v1.1.0");
  if (v1) {
    releases.push({
      id: store.nextIdOf("release"),
      tagName: "v1.0.0",
      name: "Acme Web 1.0",
      description: "First public release.",
      createdAt: v1.commit.createdAt,
      releasedAt: v1.commit.createdAt,
      authorId: alice.id,
      links: [],
    });
  }
  if (v11) {
    const base = `${store.webUrl}/${p.fullPath}/-/jobs/artifacts/v1.1.0/raw`;
    releases.push({
      id: store.nextIdOf("release"),
      tagName: "v1.1.0",
      name: "Acme Web 1.1",
      description: "## Changes\n\n- CI caches dependencies.\n- The CI notes moved to docs/user.",
      createdAt: v11.commit.createdAt,
      releasedAt: v11.commit.createdAt,
      authorId: alice.id,
      links: [
        {
          id: store.nextIdOf("releaseLink"),
          name: "web-1.1.0.tar.gz",
          url: `${base}/dist/web-1.1.0.tar.gz?job=build`,
          directAssetPath: "/binaries/web-1.1.0.tar.gz",
          linkType: "package",
        },
        {
          id: store.nextIdOf("releaseLink"),
          name: "Deployment runbook",
          url: "https://docs.example.com/acme/web/runbook",
          directAssetPath: null,
          linkType: "runbook",
        },
      ],
    });
  }
  p.lastActivityAt = activity;
}
