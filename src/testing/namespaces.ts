/**
 * Namespaces (a group or a user's personal namespace): their paths and names, the `namespace` object
 * embedded in projects, and the `namespace_id`/`namespace_path` parameters of project creation and forks.
 *
 * @module
 */

import { ACCESS, groupAccess } from "./access.ts";
import type { RenderContext, RequestContext } from "./context.ts";
import { str } from "./params.ts";
import type { NsRec, UserRec } from "./records.ts";
import { forbidden, notFound } from "./responses.ts";
import type { NamespaceBasic } from "../types/common.ts";

/** @internal full path of a namespace (`acme/platform`, or a username). */
export function namespaceFullPath(ns: NsRec): string {
  return ns.kind === "group" ? ns.group.fullPath : ns.user.username;
}

/** @internal full name of a namespace (`Acme / Platform`, or the user's name). */
export function namespaceFullName(ns: NsRec): string {
  return ns.kind === "group" ? ns.group.fullName : ns.user.name;
}

/** @internal the `namespace` object embedded in projects. */
export function renderNamespace(view: RenderContext, ns: NsRec): NamespaceBasic {
  if (ns.kind === "group") {
    const g = ns.group;
    return {
      id: g.id,
      name: g.name,
      path: g.path,
      kind: "group",
      full_path: g.fullPath,
      parent_id: g.parent?.id ?? null,
      avatar_url: null,
      web_url: `${view.webUrl}/groups/${g.fullPath}`,
    };
  }
  const u = ns.user;
  return {
    id: u.namespaceId,
    name: u.name,
    path: u.username,
    kind: "user",
    full_path: u.username,
    parent_id: null,
    avatar_url: null,
    web_url: `${view.webUrl}/${u.username}`,
  };
}

/**
 * @internal the namespace named by the first of `keys` present (an id or a path); the user's own
 * namespace when none is given; a 404 when unknown.
 */
export function namespaceParam(ctx: RequestContext, user: UserRec, keys: string[]): NsRec {
  const store = ctx.store;
  let raw: string | undefined;
  for (const k of keys) raw ??= str(ctx.params, k);
  if (raw === undefined || raw === "") return { kind: "user", user };
  if (/^\d+$/.test(raw)) {
    const id = Number(raw);
    const g = store.groupsById.get(id);
    if (g) return { kind: "group", group: g };
    const u = store.users.find((x) => x.namespaceId === id);
    if (u) return { kind: "user", user: u };
  } else {
    const g = store.groupsByPath.get(raw.toLowerCase());
    if (g) return { kind: "group", group: g };
    const u = store.usersByName.get(raw.toLowerCase());
    if (u) return { kind: "user", user: u };
  }
  throw notFound("Namespace");
}

/** @internal a 403 unless `user` may create projects in `ns` (their own, or a group they develop in). */
export function checkNamespaceWritable(user: UserRec, ns: NsRec): void {
  if (user.admin) return;
  if (ns.kind === "user") {
    if (ns.user.id !== user.id) throw forbidden();
  } else if (groupAccess(user, ns.group) < ACCESS.developer) throw forbidden();
}
