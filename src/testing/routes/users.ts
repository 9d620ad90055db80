/**
 * Users: `GET /user`, `GET /users`, `GET /users/:user_id`, the user renderers and the `addUser` builder.
 * (`GET /users/:user_id/projects` is a project list: see `project_lists.ts`.)
 *
 * @module
 */

import { requireAuth } from "../access.ts";
import type { RenderContext } from "../context.ts";
import { bool, type Params, str } from "../params.ts";
import { paginateArray } from "../pagination.ts";
import type { UserRec } from "../records.ts";
import { HttpError, jsonResponse, notFound, routeNotFound } from "../responses.ts";
import type { RouteTable } from "../router.ts";
import type { Store } from "../store.ts";
import type { UserBasic } from "../../types/common.ts";
import type { CurrentUser, User, UserPublic, UserWithAdmin } from "../../types/users.ts";
import type { AddUserInput } from "../types.ts";
import { validate } from "../validation.ts";

/** @internal a user as embedded in other objects (`author`, `assignees`, `owner`…). */
export function renderUserBasic(view: RenderContext, u: UserRec): UserBasic {
  return {
    id: u.id,
    username: u.username,
    name: u.name,
    state: u.state,
    locked: false,
    avatar_url: null,
    web_url: `${view.webUrl}/${u.username}`,
  };
}

/** @internal {@linkcode renderUserBasic} of a user id; null for null or unknown ids. */
export function renderUserBasicById(view: RenderContext, id: number | null): UserBasic | null {
  if (id === null) return null;
  const u = view.store.usersById.get(id);
  return u ? renderUserBasic(view, u) : null;
}

/** Day part (`YYYY-MM-DD`) of an ISO time. */
function isoDay(iso: string): string {
  return iso.slice(0, 10);
}

/**
 * @internal a user as `GET /users/:id` returns it (GitLab's `User` entity); an administrator viewer gets
 * GitLab's `UserWithAdmin` fields too, as `GET /users/:id` presents it to them.
 */
export function renderUser(view: RenderContext, u: UserRec, viewer: UserRec | null): User {
  const out: User = {
    ...renderUserBasic(view, u),
    created_at: u.createdAt,
    bio: "",
    location: "",
    public_email: null,
    skype: "",
    linkedin: "",
    twitter: "",
    discord: "",
    website_url: "",
    organization: "",
    job_title: "",
    pronouns: null,
    bot: u.bot,
    work_information: null,
    followers: 0,
    following: 0,
    local_time: null,
  };
  if (viewer) out.is_followed = false;
  if (viewer?.admin) return { ...out, ...privateUserFields(u), ...adminUserFields(u) };
  return out;
}

/** The fields GitLab's `UserPublic` adds to `User`: what only the user and administrators see. */
function privateUserFields(u: UserRec): Omit<UserPublic, keyof User> {
  return {
    last_sign_in_at: u.createdAt,
    confirmed_at: u.createdAt,
    last_activity_on: isoDay(u.createdAt),
    email: u.email,
    theme_id: 3,
    color_scheme_id: 1,
    projects_limit: 100000,
    current_sign_in_at: u.createdAt,
    identities: [],
    can_create_group: true,
    can_create_project: true,
    two_factor_enabled: false,
    external: false,
    private_profile: false,
    commit_email: u.email,
  };
}

/** The fields GitLab's `UserWithAdmin` adds to `UserPublic`. */
function adminUserFields(u: UserRec): Omit<UserWithAdmin, keyof UserPublic> {
  return { is_admin: u.admin, note: null, namespace_id: u.namespaceId, created_by: null };
}

/**
 * @internal the current user as `GET /user` returns it: GitLab's `UserPublic`, or `UserWithAdmin` for an
 * administrator.
 */
export function renderCurrentUser(view: RenderContext, u: UserRec): CurrentUser {
  const out: UserPublic = { ...renderUser(view, u, null), is_followed: false, ...privateUserFields(u) };
  return u.admin ? { ...out, ...adminUserFields(u) } : out;
}

/** @internal creates a user (builder); throws when the username is taken. */
export function createUser(store: Store, u: AddUserInput): UserRec {
  const key = u.username.toLowerCase();
  if (store.usersByName.has(key)) throw new Error(`simulator: user ${u.username} already exists`);
  const rec: UserRec = {
    id: store.nextId.user++,
    username: u.username,
    name: u.name ?? u.username.charAt(0).toUpperCase() + u.username.slice(1),
    admin: u.admin ?? false,
    state: u.state ?? "active",
    email: u.email ?? `${u.username}@example.com`,
    bot: /bot/.test(u.username),
    createdAt: store.iso(),
    namespaceId: store.nextId.namespace++,
  };
  store.users.push(rec);
  store.usersById.set(rec.id, rec);
  store.usersByName.set(key, rec);
  store.bump();
  return rec;
}

/** @internal the first admin, creating `root` when there is none (owner of builder-made projects). */
export function defaultOwner(store: Store): UserRec {
  return store.users.find((u) => u.admin) ??
    createUser(store, { username: "root", name: "Administrator", admin: true });
}

/** @internal a user by id or username from a path parameter, or a 404. */
export function findUser(store: Store, idOrName: string): UserRec {
  const u = store.userByIdOrName(idOrName);
  if (!u) throw notFound("User");
  return u;
}

/** Users matching `GET /users` filters, in the requested order. */
function filterUsers(store: Store, q: Params): UserRec[] {
  const username = str(q, "username")?.toLowerCase();
  const search = str(q, "search")?.toLowerCase();
  const active = bool(q, "active");
  const blocked = bool(q, "blocked");
  const admins = bool(q, "admins");
  const rows = store.users.filter((u) => {
    if (username && u.username.toLowerCase() !== username) return false;
    if (search && !`${u.username} ${u.name} ${u.email}`.toLowerCase().includes(search)) return false;
    if (active && u.state !== "active") return false;
    if (blocked && u.state !== "blocked") return false;
    if (admins && !u.admin) return false;
    return true;
  });
  const orderBy = str(q, "order_by") ?? "id";
  const sort = str(q, "sort") ?? "desc";
  if (orderBy === "username" || orderBy === "name") {
    rows.sort((a, b) => (a[orderBy].toLowerCase() < b[orderBy].toLowerCase() ? -1 : 1));
  }
  if (sort === "desc") rows.reverse();
  return rows;
}

/** @internal registers the user routes. */
export function registerUserRoutes(routes: RouteTable, store: Store): void {
  routes.on(
    "GET",
    "/user",
    (ctx) => jsonResponse(ctx.requestId, 200, renderCurrentUser(ctx, requireAuth(ctx))),
  );
  routes.on("GET", "/users", (ctx) => {
    validate(ctx.params).pagination().oneOf("order_by", [
      "id",
      "name",
      "username",
      "created_at",
      "updated_at",
    ])
      .oneOf("sort", ["asc", "desc"]).check();
    // anonymous callers may only look a user up by exact username (`lib/api/users.rb`)
    if (!ctx.user && !str(ctx.params, "username")) {
      throw new HttpError(403, { message: "403 Forbidden - Not authorized to access /api/v4/users" });
    }
    const rows = filterUsers(store, ctx.params);
    // GitLab's `UserWithAdmin` for callers who can read all resources (administrators), else `UserBasic`
    const viewer = ctx.user;
    return paginateArray(
      ctx,
      rows,
      (u) => viewer?.admin ? renderUser(ctx, u, viewer) : renderUserBasic(ctx, u),
    );
  });
  routes.on("GET", "/users/:user_id", (ctx) => {
    // `resource :users, requirements: { id: /[0-9]*/ }`: no route for another id, so the catch-all 404
    if (!/^\d+$/.test(ctx.pathParams.user_id)) throw routeNotFound();
    return jsonResponse(
      ctx.requestId,
      200,
      renderUser(ctx, findUser(store, ctx.pathParams.user_id), ctx.user),
    );
  });
}
