/**
 * Markdown uploads: `POST /projects/:id/uploads`.
 *
 * @module
 */

import { ACCESS, requireProjectAccess } from "../access.ts";
import type { RequestContext } from "../context.ts";
import { HttpError, jsonResponse } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import type { ProjectUpload } from "../../types/projects.ts";
import { findProject } from "./projects.ts";

/** `POST /projects/:id/uploads`: answers with the upload's URL and Markdown, keeping no content. */
function uploadFile(ctx: RequestContext): Response {
  const p = findProject(ctx);
  requireProjectAccess(ctx, p, ACCESS.guest);
  const file = ctx.params.file;
  if (file === undefined || file === null) throw new HttpError(400, { error: "file is missing" });
  if (!(file instanceof Blob)) throw new HttpError(400, { error: "file is invalid" });
  const filename = (file instanceof File && file.name) ? file.name : "blob";
  const secret = crypto.randomUUID().replace(/-/g, "");
  const urlPath = `/uploads/${secret}/${filename}`;
  const dot = filename.lastIndexOf(".");
  const alt = dot > 0 ? filename.slice(0, dot) : filename;
  const image = /\.(png|jpe?g|gif|webp|svg|bmp|ico)$/i.test(filename);
  const video = /\.(mp4|webm|mov|ogg)$/i.test(filename);
  const upload: ProjectUpload = {
    id: ctx.store.nextId.upload++,
    alt,
    url: urlPath,
    full_path: `/-/project/${p.id}${urlPath}`,
    markdown: image || video ? `![${alt}](${urlPath})` : `[${filename}](${urlPath})`,
  };
  return jsonResponse(ctx.requestId, 201, upload);
}

/** @internal registers the upload routes. */
export function registerUploadRoutes(routes: RouteTable): void {
  routes.on("POST", "/projects/:id/uploads", uploadFile);
}
