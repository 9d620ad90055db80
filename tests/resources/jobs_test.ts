import assert from "node:assert/strict";
import {
  cancelProjectJob,
  createClient,
  eraseProjectJob,
  getProjectJobArtifacts,
  getProjectJobsArtifactDownload,
  getProjectJobTrace,
  GitLabHTTPError,
  listProjectJobs,
  listProjectPipelineJobs,
  playProjectJob,
  retryProjectJob,
} from "@gitlab-edge/client";
import { json, type Recorded, recorder } from "../_helpers.ts";

const API = "https://gitlab.example.com/api/v4";
const P = "/projects/acme%2Fweb";

function setup(answers: Parameters<typeof recorder>[0]) {
  const rec = recorder(answers);
  const client = createClient({
    baseUrl: "https://gitlab.example.com",
    token: "glpat-test",
    fetch: rec.fetch,
    retry: false,
  });
  return { rec, client };
}
const sent = (r: Recorded) => `${r.method} ${new URL(r.url).pathname.slice("/api/v4".length)}`;
const query = (r: Recorded) => [...new URL(r.url).searchParams];
const bytesOf = async (s: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(s).arrayBuffer());

function job(id: number, status: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name: "rspec:unit",
    stage: "test",
    status,
    ref: "main",
    allow_failure: false,
    pipeline: { id: 47, project_id: 7, ref: "main", status: "failed" },
    web_url: `https://gitlab.example.com/acme/web/-/jobs/${id}`,
    ...extra,
  };
}

Deno.test("listProjectJobs() sends scope[] as an array, asks for keyset pagination and follows its cursor", async () => {
  const cursor = `${API}${P}/jobs?cursor=eyJpZCI6IjkwMSJ9&order_by=id&pagination=keyset&per_page=2` +
    "&scope%5B%5D=failed&scope%5B%5D=canceled&sort=desc";
  const { rec, client } = setup([
    json([job(903, "failed"), job(902, "canceled")], { headers: { link: `<${cursor}>; rel="next"` } }),
    json([job(901, "failed")]),
  ]);
  const jobs = await listProjectJobs(client, "acme/web", { scope: ["failed", "canceled"], per_page: 2 })
    .toArray();
  assert.deepEqual(jobs.map((j) => [j.id, j.status]), [[903, "failed"], [902, "canceled"], [901, "failed"]]);
  const first = new URL(rec.requests[0].url).searchParams;
  assert.equal(sent(rec.requests[0]), `GET ${P}/jobs`);
  assert.deepEqual(first.getAll("scope[]"), ["failed", "canceled"]);
  assert.equal(first.get("pagination"), "keyset");
  assert.equal(first.get("order_by"), "id");
  assert.equal(first.get("sort"), "desc");
  assert.equal(rec.requests[1].url, cursor);
});

Deno.test("listProjectPipelineJobs() filters one pipeline's jobs, retried ones included", async () => {
  const { rec, client } = setup([json([job(910, "failed"), job(911, "success")])]);
  const jobs = await listProjectPipelineJobs(client, "acme/web", 47, {
    include_retried: true,
    scope: ["failed", "canceled"],
  }).toArray();
  assert.deepEqual(jobs.map((j) => [j.id, j.status]), [[910, "failed"], [911, "success"]]);
  assert.equal(sent(rec.requests[0]), `GET ${P}/pipelines/47/jobs`);
  assert.deepEqual(query(rec.requests[0]), [
    ["include_retried", "true"],
    ["scope[]", "failed"],
    ["scope[]", "canceled"],
  ]);
});

Deno.test("retryProjectJob(), cancelProjectJob(), eraseProjectJob() post to the job's action routes", async () => {
  const { rec, client } = setup([
    json(job(1001, "pending"), { status: 201 }),
    json(job(903, "canceled"), { status: 201 }),
    json(job(903, "canceled", { artifacts: [], erased_at: "2024-05-02T11:00:00.000Z" }), { status: 201 }),
  ]);
  const retried = await retryProjectJob(client, "acme/web", 903);
  assert.equal(retried.id, 1001, "a retry is a new job");
  assert.equal((await cancelProjectJob(client, "acme/web", 903)).status, "canceled");
  assert.equal((await eraseProjectJob(client, "acme/web", 903)).erased_at, "2024-05-02T11:00:00.000Z");
  assert.deepEqual(rec.requests.map(sent), [
    `POST ${P}/jobs/903/retry`,
    `POST ${P}/jobs/903/cancel`,
    `POST ${P}/jobs/903/erase`,
  ]);
});

Deno.test("playProjectJob() sends job_variables_attributes; an unplayable job is GitLab's 400", async () => {
  const { rec, client } = setup([
    json(job(920, "pending", { name: "deploy:production", stage: "deploy" })),
    json({ message: "400 Bad request - Unplayable Job" }, { status: 400 }),
  ]);
  const played = await playProjectJob(client, "acme/web", 920, {
    job_variables_attributes: [{ key: "RELEASE", value: "1.4.0" }, { key: "DRY_RUN", value: "false" }],
  });
  assert.equal(played.status, "pending");
  assert.equal(sent(rec.requests[0]), `POST ${P}/jobs/920/play`);
  assert.deepEqual(JSON.parse(rec.requests[0].body), {
    job_variables_attributes: [{ key: "RELEASE", value: "1.4.0" }, { key: "DRY_RUN", value: "false" }],
  });
  const err = await playProjectJob(client, "acme/web", 903).catch((e) => e);
  assert.ok(err instanceof GitLabHTTPError);
  assert.equal(err.status, 400);
  assert.match(err.message, /Unplayable Job/);
});

Deno.test("getProjectJobTrace() resolves to a stream of the log's exact bytes", async () => {
  const log =
    "\x1b[0KRunning with gitlab-runner 17.0.0\n\x1b[32;1m$ bundle exec rspec\x1b[0;m\n✓ 120 examples\n";
  const encoded = new TextEncoder().encode(log);
  const { rec, client } = setup([
    () =>
      new Response(
        new ReadableStream({
          start(c) {
            c.enqueue(encoded.slice(0, 10));
            c.enqueue(encoded.slice(10));
            c.close();
          },
        }),
        { headers: { "content-type": "text/plain" } },
      ),
  ]);
  const stream = await getProjectJobTrace(client, "acme/web", 903);
  assert.ok(stream instanceof ReadableStream);
  assert.deepEqual(await bytesOf(stream), encoded);
  assert.equal(sent(rec.requests[0]), `GET ${P}/jobs/903/trace`);
});

Deno.test("getProjectJobArtifacts() and getProjectJobsArtifactDownload() stream the zip; a missing one is a 404", async () => {
  const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0xff, 0x00]);
  const { rec, client } = setup([
    new Response(zip, { headers: { "content-type": "application/zip" } }),
    new Response(zip, { headers: { "content-type": "application/zip" } }),
    json({ message: "404 Not found" }, { status: 404 }),
  ]);
  assert.deepEqual(await bytesOf(await getProjectJobArtifacts(client, "acme/web", 903)), zip);
  assert.equal(sent(rec.requests[0]), `GET ${P}/jobs/903/artifacts`);
  const stream = await getProjectJobsArtifactDownload(client, "acme/web", "release/1.4", {
    job: "build:linux",
  });
  assert.deepEqual(await bytesOf(stream), zip);
  assert.equal(sent(rec.requests[1]), `GET ${P}/jobs/artifacts/release%2F1.4/download`);
  assert.deepEqual(query(rec.requests[1]), [["job", "build:linux"]]);
  const err = await getProjectJobsArtifactDownload(client, "acme/web", "main", { job: "nope" }).catch((e) =>
    e
  );
  assert.ok(err instanceof GitLabHTTPError && err.status === 404);
  assert.match(err.message, /404 Not found/);
});
