import assert from "node:assert/strict";
import {
  createGroupMember,
  createProjectMember,
  deleteGroupMember,
  deleteProjectMember,
  editGroupMember,
  editProjectMember,
  getGroupMember,
  getGroupMembersAll,
  getProject,
  getProjectMember,
  getProjectMembersAll,
  listGroupMembers,
  listProjectMembers,
  listProjectMembersAll,
} from "@gitlab-edge/client";
import { SIM_SEED } from "@gitlab-edge/client/testing";
import { simTest } from "./_both.ts";
import { failure } from "./_errors.ts";

const { alice, bob, eve } = SIM_SEED.users;
const { acme, platform } = SIM_SEED.groups;
const { web, infra, sandbox } = SIM_SEED.projects;

simTest("members: direct and inherited lists, query and user_ids filters", async ({ alice: a }) => {
  const direct = await listGroupMembers(a, acme.id).toArray();
  assert.deepEqual(direct.map((m) => [m.username, m.access_level]), [["alice", 50], ["group_7_bot", 40]]);
  assert.equal(direct[0].expires_at, null);
  assert.equal(typeof direct[0].created_at, "string");

  const projectDirect = await listProjectMembers(a, infra.id).toArray();
  assert.deepEqual(projectDirect, []);
  const all = await listProjectMembersAll(a, infra.id).toArray();
  assert.deepEqual(all.map((m) => [m.username, m.access_level]).sort(), [
    ["alice", 50],
    ["bob", 30],
    ["group_7_bot", 40],
  ]);
  const q = await listProjectMembersAll(a, infra.id, { query: "BOB" }).toArray();
  assert.deepEqual(q.map((m) => m.username), ["bob"]);
  const ids = await listProjectMembersAll(a, infra.id, { user_ids: [alice.id] }).toArray();
  assert.deepEqual(ids.map((m) => m.id), [alice.id]);

  const inherited = await getProjectMembersAll(a, infra.id, bob.id);
  assert.equal(inherited.access_level, 30);
  assert.deepEqual(await failure(getProjectMember(a, infra.id, bob.id)), {
    status: 404,
    body: { message: "404 Not found" },
  });
  assert.equal((await getGroupMembersAll(a, platform.id, alice.id)).access_level, 50);
});

simTest("members: anonymous gets 401, a hidden project 404", async ({ anonymous, bob: b }) => {
  assert.equal((await failure(listProjectMembers(anonymous, web.id).toArray())).status, 401);
  assert.deepEqual(await failure(listProjectMembers(b, sandbox.id).toArray()), {
    status: 404,
    body: { message: "404 Project Not Found" },
  });
});

simTest(
  "members: a member added through the API can read the private project",
  async ({ alice: a, client, sim }) => {
    const evePlus = sim.addUser({ username: "carol" });
    sim.addToken("glpat-carol", { user: "carol" });
    const carol = client("glpat-carol");
    assert.equal((await failure(getProject(carol, infra.id))).status, 404);
    const m = await createProjectMember(a, infra.id, {
      user_id: evePlus.id,
      access_level: 20,
      expires_at: "2999-01-31",
    });
    assert.equal(m.username, "carol");
    assert.equal(m.access_level, 20);
    assert.equal(m.expires_at, "2999-01-31");
    assert.equal(m.created_by?.username, "alice");
    assert.equal((await getProject(carol, infra.id)).path_with_namespace, infra.path);
    assert.equal((await getProjectMember(a, infra.id, evePlus.id)).access_level, 20);

    assert.deepEqual(
      await failure(createProjectMember(a, infra.id, { user_id: evePlus.id, access_level: 30 })),
      {
        status: 409,
        body: { message: "Member already exists" },
      },
    );
    const edited = await editProjectMember(a, infra.id, evePlus.id, { access_level: 40 });
    assert.equal(edited.access_level, 40);
    await deleteProjectMember(a, infra.id, evePlus.id);
    assert.equal((await failure(getProject(carol, infra.id))).status, 404);
  },
);

simTest("members: access rules for adding, editing and removing", async ({ alice: a, bob: b, admin }) => {
  // bob is a developer: no member administration
  assert.equal(
    (await failure(createProjectMember(b, infra.id, { user_id: eve.id, access_level: 10 }))).status,
    403,
  );
  // a maintainer may not grant owner
  await createProjectMember(a, infra.id, { user_id: eve.id, access_level: 40 });
  const maint = await createProjectMember(a, web.id, { username: "bob", access_level: 40 });
  assert.equal(maint.username, "bob");
  assert.equal(
    (await failure(createProjectMember(b, web.id, { user_id: SIM_SEED.users.root.id, access_level: 50 })))
      .status,
    403,
  );
  const guest = await createProjectMember(b, web.id, { user_id: SIM_SEED.users.root.id, access_level: 10 });
  assert.equal(guest.access_level, 10);
  // group members are administered by owners only
  assert.equal(
    (await failure(createGroupMember(b, platform.id, { user_id: eve.id, access_level: 10 }))).status,
    403,
  );
  // unknown user, invalid level, below the inherited level, missing parameters
  assert.deepEqual(await failure(createProjectMember(a, web.id, { user_id: 999, access_level: 30 })), {
    status: 404,
    body: { message: "404 User Not Found" },
  });
  assert.deepEqual(await failure(createGroupMember(a, acme.id, { user_id: eve.id, access_level: 35 })), {
    status: 400,
    body: { message: { access_level: ["is not included in the list"] } },
  });
  assert.deepEqual(
    await failure(createGroupMember(a, platform.id, { user_id: alice.id, access_level: 30 })),
    {
      status: 400,
      body: {
        message: {
          access_level: ["should be greater than or equal to Owner inherited membership from group Acme"],
        },
      },
    },
  );
  assert.deepEqual(
    await failure(createProjectMember(a, web.id, { access_level: 30 } as never)),
    { status: 400, body: { error: "user_id, username are missing, exactly one parameter must be provided" } },
  );
  assert.deepEqual(
    await failure(
      createProjectMember(a, web.id, { user_id: eve.id, access_level: 30, expires_at: "2000-01-01" }),
    ),
    {
      status: 400,
      body: { message: { expires_at: ["cannot be a date in the past"] } },
    },
  );
  // the last owner of a top-level group can neither be demoted nor removed
  assert.equal((await failure(editGroupMember(a, acme.id, alice.id, { access_level: 40 }))).status, 403);
  assert.equal((await failure(deleteGroupMember(admin, acme.id, alice.id))).status, 403);
  // members may leave on their own
  const g = await createGroupMember(a, acme.id, { user_id: eve.id, access_level: 10 });
  assert.equal(g.access_level, 10);
  await deleteGroupMember(a, acme.id, eve.id);
  assert.equal((await failure(getGroupMember(a, acme.id, eve.id))).status, 404);
  await deleteProjectMember(b, web.id, bob.id);
  assert.equal((await failure(getProjectMember(a, web.id, bob.id))).status, 404);
});

simTest("members: pagination headers on member lists", async ({ admin }) => {
  const page = await listProjectMembersAll(admin, infra.id, { per_page: 2 }).pages().next();
  assert.ok(!page.done);
  assert.equal(page.value.items.length, 2);
  assert.equal(page.value.total, 3);
});

simTest(
  "members: removing a group member also removes them below, unless skip_subresources",
  async ({ alice: a }) => {
    await createGroupMember(a, acme.id, { user_id: eve.id, access_level: 10 });
    await createGroupMember(a, platform.id, { user_id: eve.id, access_level: 20 });
    await createProjectMember(a, infra.id, { user_id: eve.id, access_level: 30 });
    await deleteGroupMember(a, acme.id, eve.id, { skip_subresources: true });
    assert.equal((await getGroupMember(a, platform.id, eve.id)).access_level, 20);
    await createGroupMember(a, acme.id, { user_id: eve.id, access_level: 10 });
    await deleteGroupMember(a, acme.id, eve.id);
    assert.equal((await failure(getGroupMember(a, platform.id, eve.id))).status, 404);
    assert.equal((await failure(getProjectMember(a, infra.id, eve.id))).status, 404);
  },
);
