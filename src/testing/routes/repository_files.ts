/**
 * Repository files: `GET`/`HEAD /projects/:id/repository/files/:file_path` (metadata and base64 content,
 * with GitLab's `X-Gitlab-*` headers), `GET /projects/:id/repository/files/:file_path/raw`, `…/blame`, and the writes
 * `POST`/`PUT`/`DELETE /projects/:id/repository/files/:file_path`, each one commit on the branch.
 *
 * @module
 */

import { ACCESS, requireProjectAccess } from "../access.ts";
import type { RequestContext } from "../context.ts";
import { toBase64 } from "../encoding.ts";
import { bool, obj, str } from "../params.ts";
import type { BranchRec, FileRec, ProjectRec } from "../records.ts";
import {
  blame,
  blobIdOf,
  cleanPath,
  ensureRepo,
  type FileAction,
  resolveRef,
  writeFiles,
} from "../repository.ts";
import { badRequest, HttpError, jsonResponse, noContent, notFound } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import type { Store } from "../store.ts";
import type { BlameRange, RepositoryFile, RepositoryFileCommit } from "../../types/repository_files.ts";
import { validate } from "../validation.ts";
import { findProject } from "./projects.ts";
import { BLANK_SHA, emitPushEvent } from "../webhook_delivery.ts";

const encoder = new TextEncoder();
/** Size of the chunks a raw file body is streamed in. */
const RAW_CHUNK_SIZE = 16 * 1024;

/** Leading bytes of binary formats, as Go's `http.DetectContentType` (which Workhorse uses) knows them. */
const SIGNATURES: [number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "image/png"],
  [[0xff, 0xd8, 0xff], "image/jpeg"],
  [[0x47, 0x49, 0x46, 0x38, 0x37, 0x61], "image/gif"],
  [[0x47, 0x49, 0x46, 0x38, 0x39, 0x61], "image/gif"],
  [[0x25, 0x50, 0x44, 0x46, 0x2d], "application/pdf"],
  [[0x50, 0x4b, 0x03, 0x04], "application/zip"],
  [[0x1f, 0x8b, 0x08], "application/x-gzip"],
];

/** Whether `bytes` start with `prefix`. */
function startsWith(bytes: Uint8Array, prefix: number[], at = 0): boolean {
  return prefix.every((b, i) => bytes[at + i] === b);
}

/** Whether the first 512 bytes hold no binary control byte (Go's text test). */
function looksLikeText(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 512);
  for (let i = 0; i < end; i++) {
    const b = bytes[i];
    if (b <= 0x08 || b === 0x0b || (b >= 0x0e && b <= 0x1a) || (b >= 0x1c && b <= 0x1f)) return false;
  }
  return true;
}

const decoder = new TextDecoder();

/**
 * The `Content-Type` GitLab serves a raw file with: Workhorse sniffs the content (not the name), serves any
 * text (HTML and JavaScript included) as `text/plain; charset=utf-8`, and SVG as `image/svg+xml`.
 * @internal
 */
export function sniffContentType(bytes: Uint8Array): string {
  const head = decoder.decode(bytes.subarray(0, 512)).replace(/^\uFEFF/, "").trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head)) {
    return "image/svg+xml";
  }
  for (const [signature, type] of SIGNATURES) if (startsWith(bytes, signature)) return type;
  if (
    startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50, 0x56, 0x50], 8)
  ) {
    return "image/webp";
  }
  return looksLikeText(bytes) ? "text/plain; charset=utf-8" : "application/octet-stream";
}

/** Percent-escapes the characters of `s` matching `unsafe` (Rails' `ContentDisposition`). */
function percentEscape(s: string, unsafe: RegExp): string {
  return Array.from(
    s,
    (ch) =>
      unsafe.test(ch)
        ? Array.from(encoder.encode(ch), (b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join("")
        : ch,
  ).join("");
}

/**
 * The `Content-Disposition` of a raw file: `inline` for images (not SVG), text, video and PDF, else
 * `attachment`; the name as Rails formats it (`filename="…"; filename*=UTF-8''…`).
 * @internal
 */
export function contentDisposition(contentType: string, name: string): string {
  const inline = /^(image|text|video)\//.test(contentType) && contentType !== "image/svg+xml" ||
    contentType === "application/pdf";
  const ascii = percentEscape(name.replace(/[^\x20-\x7e]/g, "?"), /[^ A-Za-z0-9!#$+.^_`|~-]/);
  const utf8 = percentEscape(name, /[^A-Za-z0-9!#$&+.^_`|~-]/);
  return `${inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

/** The metadata fields of a repository file: GitLab's answer without `content`. */
type FileMeta = Omit<RepositoryFile, "content"> & { execute_filemode: boolean };

/** The file at `rawPath` on `ref`, or a 404 (`Commit` for an unknown ref, `File` for a missing file). */
function findFile(
  store: Store,
  p: ProjectRec,
  rawPath: string,
  ref: string,
): { file: FileRec; path: string; branch: BranchRec } {
  const branch = resolveRef(store, p, ref);
  if (!branch) throw notFound("Commit");
  const path = rawPath.replace(/^\/+/, "");
  const file = branch.files.get(path);
  if (!file) throw notFound("File");
  return { file, path, branch };
}

/** A file's metadata; computes (once) its Git blob id and SHA-256. */
async function fileMeta(file: FileRec, path: string, ref: string, branch: BranchRec): Promise<FileMeta> {
  await blobIdOf(file);
  return {
    file_name: path.split("/").pop() ?? path,
    file_path: path,
    size: file.content.length,
    encoding: "base64",
    content_sha256: file.sha256 as string,
    ref,
    blob_id: file.blobId as string,
    commit_id: branch.commit.id,
    last_commit_id: file.lastCommitId,
    execute_filemode: !!file.executable,
  };
}

/** GitLab's `X-Gitlab-*` headers of a file. */
function fileHeaders(meta: FileMeta): Headers {
  return new Headers({
    "x-gitlab-blob-id": meta.blob_id,
    "x-gitlab-commit-id": meta.commit_id,
    "x-gitlab-content-sha256": meta.content_sha256,
    "x-gitlab-encoding": meta.encoding,
    "x-gitlab-file-name": meta.file_name,
    "x-gitlab-file-path": meta.file_path,
    "x-gitlab-last-commit-id": meta.last_commit_id,
    "x-gitlab-ref": meta.ref,
    "x-gitlab-size": String(meta.size),
    "x-gitlab-execute-filemode": String(meta.execute_filemode),
  });
}

/** @internal a body streaming `bytes` in chunks, pulled on demand. */
export function chunkedBody(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(offset, offset + RAW_CHUNK_SIZE));
      offset += RAW_CHUNK_SIZE;
      if (offset >= bytes.length) controller.close();
    },
  }, { highWaterMark: 0 });
}

/** `GET`/`HEAD /projects/:id/repository/files/:file_path`. */
async function getFile(ctx: RequestContext, p: ProjectRec): Promise<Response> {
  const ref = str(ctx.params, "ref") as string;
  const { file, path, branch } = findFile(ctx.store, p, ctx.pathParams.file_path, ref);
  const meta = await fileMeta(file, path, ref, branch);
  const headers = fileHeaders(meta);
  if (ctx.method === "HEAD") return jsonResponse(ctx.requestId, 200, null, headers);
  const body: RepositoryFile = { ...meta, content: toBase64(file.content) };
  return jsonResponse(ctx.requestId, 200, body, headers);
}

/** `GET /projects/:id/repository/files/:file_path/raw` (`ref` defaults to the default branch). */
async function getRawFile(ctx: RequestContext, p: ProjectRec): Promise<Response> {
  const ref = str(ctx.params, "ref") || p.defaultBranch;
  const { file, path, branch } = findFile(ctx.store, p, ctx.pathParams.file_path, ref);
  const meta = await fileMeta(file, path, ref, branch);
  const headers = fileHeaders(meta);
  const contentType = sniffContentType(file.content);
  headers.set("content-type", contentType);
  headers.set("content-length", String(file.content.length));
  headers.set("x-request-id", ctx.requestId);
  headers.set("content-disposition", contentDisposition(contentType, meta.file_name));
  const bytes = file.content;
  return new Response(bytes.length === 0 ? null : chunkedBody(bytes), { status: 200, headers });
}

/** @internal decodes API content given as `text` (UTF-8) or `base64`; a 400 for invalid base64. */
export function decodeContent(content: string, encoding: string | undefined): Uint8Array {
  if (encoding !== "base64") return encoder.encode(content);
  try {
    return Uint8Array.from(atob(content.replace(/\s+/g, "")), (ch) => ch.charCodeAt(0));
  } catch {
    throw new HttpError(400, { message: "content is not valid base64" });
  }
}

/**
 * `POST`/`PUT`/`DELETE /projects/:id/repository/files/:file_path`: one commit on `branch` (from
 * `start_branch` when the branch is new) by the user, with `author_*` as author; developer access, and
 * protected branches refuse who may not push (`400 You are not allowed to push into this branch`).
 */
function writeFile(ctx: RequestContext, action: "create" | "update" | "delete"): Response {
  const v = validate(ctx.params).required("branch", { allowBlank: false })
    .required("commit_message", { allowBlank: false });
  if (action !== "delete") v.required("content").oneOf("encoding", ["base64", "text"]);
  v.check();
  const p = findProject(ctx);
  const user = requireProjectAccess(ctx, p, ACCESS.developer);
  const filePath = ctx.pathParams.file_path;
  const branch = str(ctx.params, "branch") as string;
  const a: FileAction = { action, filePath: cleanPath(filePath) };
  if (action !== "delete") {
    a.content = decodeContent(str(ctx.params, "content") ?? "", str(ctx.params, "encoding"));
    a.lastCommitId = str(ctx.params, "last_commit_id") || undefined;
    a.executeFilemode = bool(ctx.params, "execute_filemode");
  }
  const before = ensureRepo(ctx.store, p).branches.get(branch)?.commit.id ?? BLANK_SHA;
  const commit = writeFiles(ctx.store, p, user, {
    branch,
    startBranch: str(ctx.params, "start_branch") || undefined,
    message: str(ctx.params, "commit_message") as string,
    authorName: str(ctx.params, "author_name") || undefined,
    authorEmail: str(ctx.params, "author_email") || undefined,
    actions: [a],
    changedMessage: () =>
      "You are attempting to update a file that has changed since you started editing it.",
  });
  emitPushEvent(ctx.store, p, { ref: branch, before, after: commit.id, commits: [commit], user });
  if (action === "delete") return noContent(ctx.requestId);
  const body: RepositoryFileCommit = { file_path: filePath, branch };
  return jsonResponse(ctx.requestId, action === "create" ? 201 : 200, body);
}

/**
 * `GET`/`HEAD /projects/:id/repository/files/:file_path/blame`: runs of lines with the commit that last
 * changed them, within `range[start]`…`range[end]` when given; the file's `X-Gitlab-*` headers.
 */
async function getBlame(ctx: RequestContext): Promise<Response> {
  validate(ctx.params).required("ref", { allowBlank: false }).check();
  const range = obj(ctx.params, "range");
  let start = 1;
  let end = Infinity;
  if (range) {
    const v = validate(range).required("start").integer("start").required("end").integer("end");
    try {
      v.check();
    } catch {
      const missing = ["start", "end"].filter((k) => !/^\d+$/.test(str(range, k) ?? ""));
      throw badRequest(
        missing.map((k) => `range[${k}] is ${str(range, k) === undefined ? "missing" : "invalid"}`).join(
          ", ",
        ),
      );
    }
    start = Number(str(range, "start"));
    end = Number(str(range, "end"));
    if (start < 1 || end < 1) {
      throw badRequest(`range[${start < 1 ? "start" : "end"}] does not have a valid value`);
    }
    if (start > end) {
      throw new HttpError(400, { message: "range[start] must be less than or equal to range[end]" });
    }
  }
  const p = findProject(ctx);
  const ref = str(ctx.params, "ref") as string;
  const { file, path, branch } = findFile(ctx.store, p, ctx.pathParams.file_path, ref);
  const headers = fileHeaders(await fileMeta(file, path, ref, branch));
  const runs = blame(ctx.store, p, branch.commit, path) ?? [];
  const body: BlameRange[] = [];
  let line = 1;
  for (const run of runs) {
    const from = Math.max(line, start);
    const to = Math.min(line + run.lines.length - 1, end);
    if (from <= to) {
      const c = run.commit;
      body.push({
        commit: {
          id: c.id,
          parent_ids: c.parentIds,
          message: c.message,
          authored_date: c.createdAt,
          author_name: c.authorName,
          author_email: c.authorEmail,
          committed_date: c.createdAt,
          committer_name: c.committerName ?? c.authorName,
          committer_email: c.committerEmail ?? c.authorEmail,
        },
        lines: run.lines.slice(from - line, to - line + 1),
      });
    }
    line += run.lines.length;
  }
  return jsonResponse(ctx.requestId, 200, ctx.method === "HEAD" ? null : body, headers);
}

/** @internal registers the repository file routes. */
export function registerRepositoryFileRoutes(routes: RouteTable): void {
  routes.on("GET", "/projects/:id/repository/files/:file_path", (ctx) => {
    validate(ctx.params).required("ref", { allowBlank: false }).check();
    return getFile(ctx, findProject(ctx));
  });
  routes.on(
    "GET",
    "/projects/:id/repository/files/:file_path/raw",
    (ctx) => getRawFile(ctx, findProject(ctx)),
  );
  routes.on("GET", "/projects/:id/repository/files/:file_path/blame", getBlame);
  routes.on("POST", "/projects/:id/repository/files/:file_path", (ctx) => writeFile(ctx, "create"));
  routes.on("PUT", "/projects/:id/repository/files/:file_path", (ctx) => writeFile(ctx, "update"));
  routes.on("DELETE", "/projects/:id/repository/files/:file_path", (ctx) => writeFile(ctx, "delete"));
}
