import assert from "node:assert/strict";
import { getCurrentUser, getUser, listUsers } from "@gitlab-edge/client";
import { SIM_SEED } from "@gitlab-edge/client/testing";
import { simTest } from "./_both.ts";
import { failure } from "./_errors.ts";

const { alice, bob } = SIM_SEED.users;

simTest("users: the current user, others by id, lists by username and search", async (w) => {
  const me = await getCurrentUser(w.alice);
  assert.deepEqual([me.id, me.username], [alice.id, "alice"]);
  assert.ok(!("is_admin" in me) || me.is_admin === false);
  const admin = await getCurrentUser(w.admin);
  assert.ok("is_admin" in admin && admin.is_admin === true);
  const other = await getUser(w.alice, bob.id);
  assert.equal(other.username, "bob");
  assert.deepEqual((await listUsers(w.alice, { username: "bob" }).toArray()).map((u) => u.id), [bob.id]);
  assert.ok((await listUsers(w.alice, { search: "ali" }).toArray()).some((u) => u.username === "alice"));
  assert.ok((await listUsers(w.admin, { blocked: true }).toArray()).every((u) => u.state === "blocked"));
  assert.equal((await failure(getCurrentUser(w.anonymous))).status, 401);
  assert.equal((await failure(listUsers(w.anonymous).toArray())).status, 403, "anonymous lists are refused");
  assert.equal((await failure(getUser(w.alice, 999_999))).status, 404);
});
