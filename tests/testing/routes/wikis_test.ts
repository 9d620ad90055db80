import assert from "node:assert/strict";
import {
  createGroupWiki,
  createProjectWiki,
  deleteProjectWiki,
  editProjectWiki,
  getGroupWiki,
  getProjectWiki,
  listGroupWikis,
  listProjectWikis,
} from "@gitlab-edge/client";
import { SIM_SEED } from "@gitlab-edge/client/testing";
import { simTest } from "./_both.ts";
import { failure } from "./_errors.ts";

const { web, infra } = SIM_SEED.projects;
const { acme } = SIM_SEED.groups;

simTest("wikis: list with and without content, get by slug", async ({ anonymous, alice }) => {
  const basic = await listProjectWikis(anonymous, web.id).toArray();
  assert.deepEqual(basic, [
    { format: "markdown", slug: "dev/Setup-Guide", title: "Setup Guide" },
    { format: "markdown", slug: "home", title: "home" },
  ]);
  const full = await listProjectWikis(anonymous, web.id, { with_content: true }).toArray();
  assert.match(full[1].content ?? "", /Welcome/);
  const page = await getProjectWiki(alice, web.id, "dev/Setup-Guide");
  assert.equal(page.encoding, "UTF-8");
  assert.match(page.content, /deno task dev/);
  assert.deepEqual(await failure(getProjectWiki(alice, web.id, "nope")), {
    status: 404,
    body: { message: "404 Wiki Page Not Found" },
  });
  const [g] = await listGroupWikis(alice, acme.id).toArray();
  assert.equal(g.format, "asciidoc");
  assert.equal((await getGroupWiki(anonymous, acme.id, "Onboarding")).title, "Onboarding");
});

simTest(
  "wikis: create with a slug from the title, edit, delete; developers only",
  async ({ alice, bob, anonymous }) => {
    const p = await createProjectWiki(bob, infra.id, {
      title: "Run Books/Disk Full",
      content: "df -h",
      format: "org",
    });
    assert.deepEqual([p.slug, p.title, p.format], ["Run-Books/Disk-Full", "Disk Full", "org"]);
    assert.deepEqual(
      await failure(createProjectWiki(bob, infra.id, { title: "Run Books/Disk Full", content: "again" })),
      {
        status: 400,
        body: { message: "Duplicate page: A page with that title already exists" },
      },
    );
    assert.deepEqual(
      await failure(
        createProjectWiki(alice, infra.id, { title: "x", content: "y", format: "html" as never }),
      ),
      { status: 400, body: { error: "format does not have a valid value" } },
    );
    assert.deepEqual(await failure(editProjectWiki(alice, infra.id, p.slug, {})), {
      status: 400,
      body: { error: "content, title, format are missing, at least one parameter must be provided" },
    });
    const e = await editProjectWiki(alice, infra.id, p.slug, { content: "df -h /" });
    assert.equal(e.content, "df -h /");
    // bob has no role in acme/web; anonymous users cannot write; a private project's wiki is hidden
    assert.equal((await failure(createProjectWiki(bob, web.id, { title: "t", content: "c" }))).status, 403);
    assert.equal(
      (await failure(createProjectWiki(anonymous, web.id, { title: "t", content: "c" }))).status,
      401,
    );
    assert.equal((await failure(listProjectWikis(anonymous, infra.id).toArray())).status, 404);
    assert.equal((await failure(createGroupWiki(bob, acme.id, { title: "t", content: "c" }))).status, 403);
    await deleteProjectWiki(alice, infra.id, p.slug);
    assert.deepEqual(await listProjectWikis(alice, infra.id).toArray(), []);
  },
);
