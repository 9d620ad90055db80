/**
 * Hardening of the redirect step (issue 10): a redirected write never resolves as done, per-call
 * credential headers never follow a cross-origin redirect, a malformed `Location` is a redacted
 * `GitLabError`, and a streamed upload is handed to the transport as it is (never teed, so never
 * buffered whole) and is not re-sent after a 307/308. A scripted `fetch` only: this runs inside workerd too.
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  type Client,
  createClient,
  createProjectIssue,
  createProjectUpload,
  deleteProject,
  deleteProjectRepositoryBranch,
  editProject,
  getProject,
  GitLabError,
  headProjectRepositoryBranch,
  httpPatch,
  httpPost,
  httpPut,
  type Middleware,
} from "@gitlab-edge/client";
import { json, type Recorded, recorder, rejection, status } from "../_helpers.ts";

const TOKEN = "glpat-Hardening-Redirect-SECRET-7c1d";
const BASE = "https://gitlab.example.com";
const API = `${BASE}/api/v4`;
/** A secret in the redirect target's query string, which every error must redact. */
const QUERY_SECRET = "Target-SECRET-q1w2e3";

function client(fetch: (r: Request) => Promise<Response>, extra: Record<string, unknown> = {}): Client {
  return createClient({ baseUrl: BASE, token: TOKEN, fetch, ...extra });
}

/** A write made with a generated function (or `httpPatch`), with the method and body it must send. */
interface Write {
  readonly name: string;
  readonly method: string;
  readonly body: string;
  readonly call: (c: Client) => Promise<unknown>;
}

const WRITES: readonly Write[] = [
  {
    name: "editProject",
    method: "PUT",
    body: '{"description":"d"}',
    call: (c) => editProject(c, 1, { description: "d" }),
  },
  { name: "deleteProject", method: "DELETE", body: "", call: (c) => deleteProject(c, 1) },
  {
    name: "deleteProjectRepositoryBranch",
    method: "DELETE",
    body: "",
    call: (c) => deleteProjectRepositoryBranch(c, 1, "feature"),
  },
  {
    name: "createProjectIssue",
    method: "POST",
    body: '{"title":"t"}',
    call: (c) => createProjectIssue(c, 1, { title: "t" }),
  },
  {
    name: "httpPatch",
    method: "PATCH",
    body: '{"enabled":true}',
    call: (c) => httpPatch(c, "/projects/1/setting", { body: { enabled: true } }),
  },
];

/** Answers the first request with `code` to a same-origin address whose query holds a secret; then 200. */
function redirectingOnce(code: number, location = `${API}/moved?private_token=${QUERY_SECRET}&page=2`) {
  return recorder((_r, i) =>
    i === 0 ? status(code, { location }) : json({ id: 1, from: "the second request" })
  );
}

// --- 1. a redirected write never looks like success ----------------------------------------------------

Deno.test("hardening: a 301 or 302 answering a PUT, PATCH, POST or DELETE fails; nothing is repeated", async () => {
  for (const code of [301, 302]) {
    for (const write of WRITES) {
      for (const retry of [false, undefined]) {
        const rec = redirectingOnce(code);
        const e = await rejection(write.call(client(rec.fetch, retry === false ? { retry } : {})));
        const what = `${code} ${write.name} retry=${retry}`;
        assert.ok(e instanceof GitLabError, `${what}: ${e}`);
        assert.equal(e.name, "GitLabError", what);
        assert.equal(e.method, write.method, what);
        assert.match(e.message, new RegExp(`\\b${code}\\b`), what);
        assert.match(e.message, /redirect/i, what);
        assert.match(e.message, /not repeated/, what);
        // The new address is quoted, redacted.
        assert.ok(
          e.message.includes(`${API}/moved?private_token=[REDACTED]&page=2`),
          `${what}: ${e.message}`,
        );
        for (const secret of [QUERY_SECRET, TOKEN]) {
          assert.ok(!e.message.includes(secret) && !String(e.stack).includes(secret), what);
          assert.ok(!JSON.stringify({ ...e }).includes(secret), what);
        }
        assert.deepEqual(rec.requests.map((r) => [r.method, r.body]), [[write.method, write.body]], what);
      }
    }
  }
});

Deno.test("hardening: a 301 or 302 answering a GET or HEAD is followed with the same method", async () => {
  for (const code of [301, 302]) {
    const get = redirectingOnce(code, "/api/v4/projects/2");
    assert.deepEqual(await getProject(client(get.fetch), 1), { id: 1, from: "the second request" });
    assert.deepEqual(get.requests.map((r) => [r.method, r.url]), [
      ["GET", `${API}/projects/1`],
      ["GET", `${API}/projects/2`],
    ]);
    const head = recorder((_r, i) =>
      i === 0 ? status(code, { location: "/api/v4/projects/2/repository/branches/main" }) : status(200)
    );
    await headProjectRepositoryBranch(client(head.fetch), 1, "main");
    assert.deepEqual(head.requests.map((r) => r.method), ["HEAD", "HEAD"], String(code));
    assert.equal(head.requests[1].headers["private-token"], TOKEN);
  }
});

Deno.test("hardening: a 303 answering a write is followed as a GET without a body (HEAD stays HEAD)", async () => {
  for (const write of WRITES) {
    const rec = recorder((_r, i) =>
      i === 0
        ? status(303, { location: "/api/v4/result/1" })
        : json({ id: 1, result: true }, { headers: { "x-seen": "1" } })
    );
    assert.deepEqual(await write.call(client(rec.fetch)), { id: 1, result: true }, write.name);
    assert.equal(rec.requests.length, 2, write.name);
    const [first, second] = rec.requests;
    assert.deepEqual([first.method, first.body], [write.method, write.body], write.name);
    assert.deepEqual([second.method, second.url, second.body], ["GET", `${API}/result/1`, ""], write.name);
    for (const name of ["content-type", "content-length", "content-encoding", "content-language"]) {
      assert.equal(second.headers[name], undefined, `${write.name}: ${name}`);
    }
    assert.equal(second.headers["private-token"], TOKEN, write.name);
  }
  const head = recorder((_r, i) => i === 0 ? status(303, { location: "/api/v4/other" }) : status(200));
  await headProjectRepositoryBranch(client(head.fetch), 1, "main");
  assert.deepEqual(head.requests.map((r) => r.method), ["HEAD", "HEAD"]);
});

Deno.test("hardening: a 307 or 308 answering a write repeats its method and body", async () => {
  for (const code of [307, 308]) {
    for (const write of WRITES) {
      const rec = redirectingOnce(code, "/api/v4/elsewhere");
      assert.deepEqual(await write.call(client(rec.fetch)), { id: 1, from: "the second request" });
      const what = `${code} ${write.name}`;
      assert.deepEqual(rec.requests.map((r) => [r.method, r.body]), [
        [write.method, write.body],
        [write.method, write.body],
      ], what);
      assert.equal(rec.requests[1].url, `${API}/elsewhere`, what);
      assert.equal(rec.requests[1].headers["content-type"], rec.requests[0].headers["content-type"], what);
    }
  }
});

Deno.test("hardening: a 307 answering a multipart upload sends the same parts again, under a matching boundary", async () => {
  const rec = recorder((_r, i) =>
    i < 2 ? status(307, { location: `/api/v4/projects/${i + 2}/uploads` }) : json({ url: "/uploads/x" })
  );
  const file = new File(["first line\nsecond line\n"], "notes.txt", { type: "text/plain" });
  assert.deepEqual(await createProjectUpload(client(rec.fetch), 1, { file }), { url: "/uploads/x" });
  assert.equal(rec.requests.length, 3);
  for (const r of rec.requests) {
    assert.equal(r.method, "POST");
    assert.match(r.headers["content-type"], /^multipart\/form-data; boundary=/);
    const form = await new Response(r.body, { headers: { "content-type": r.headers["content-type"] } })
      .formData();
    const sent = form.get("file");
    assert.ok(sent instanceof File, r.url);
    assert.equal(sent.name, "notes.txt");
    assert.equal(await sent.text(), "first line\nsecond line\n");
  }
});

// --- 2. per-call credential headers stay with baseUrl's origin -----------------------------------------

/** Per-call headers that carry a credential, each with a value that must never reach another origin. */
const PER_CALL_CREDENTIALS: Record<string, string> = {
  "Cookie": "_gitlab_session=Cookie-SECRET-1",
  "Proxy-Authorization": "Basic UHJveHktU0VDUkVULTI=",
  "Authorization": "Bearer Authorization-SECRET-3",
  "PRIVATE-TOKEN": "glpat-PerCall-SECRET-4",
  "JOB-TOKEN": "Job-SECRET-5",
  "Deploy-Token": "Deploy-SECRET-6",
  "X-Api-Key": "ApiKey-SECRET-7",
  "X-Vault-Token": "Vault-SECRET-8",
};

function perCallSecretsIn(r: Recorded): string[] {
  const text = JSON.stringify(r.headers);
  return Object.values(PER_CALL_CREDENTIALS).filter((v) => text.includes(v)).concat(
    r.headers.sudo === undefined ? [] : ["sudo"],
  );
}

Deno.test("hardening: per-call Cookie, Proxy-Authorization and other credential headers do not follow a cross-origin redirect", async () => {
  for (const code of [301, 302, 303, 307, 308]) {
    const rec = recorder((r) =>
      r.url.startsWith(BASE)
        ? status(code, { location: "https://objects.example.net/blob?sig=1" })
        : json("ok")
    );
    const headers = { ...PER_CALL_CREDENTIALS, "X-Request-Source": "nightly" };
    assert.equal(await getProject(client(rec.fetch), 1, { headers, sudo: "root" }), "ok");
    assert.equal(rec.requests.length, 2);
    const [own, foreign] = rec.requests;
    assert.equal(
      perCallSecretsIn(own).length,
      Object.keys(PER_CALL_CREDENTIALS).length + 1,
      "sent to GitLab",
    );
    assert.equal(foreign.url, "https://objects.example.net/blob?sig=1");
    assert.deepEqual(perCallSecretsIn(foreign), [], `${code}: leaked to another origin`);
    assert.equal(
      foreign.headers["x-request-source"],
      "nightly",
      "a header that carries no credential still goes",
    );
  }
});

Deno.test("hardening: per-call credential headers follow a same-origin redirect and come back after a foreign hop", async () => {
  const rec = recorder((_r, i) =>
    i === 0
      ? status(302, { location: "/api/v4/projects/2" })
      : i === 1
      ? status(302, { location: "https://sso.example.org/hop" })
      : i === 2
      ? status(302, { location: `${API}/projects/3` })
      : json({ id: 3 })
  );
  await getProject(client(rec.fetch), 1, { headers: { Cookie: PER_CALL_CREDENTIALS.Cookie } });
  assert.deepEqual(rec.requests.map((r) => r.headers.cookie), [
    PER_CALL_CREDENTIALS.Cookie,
    PER_CALL_CREDENTIALS.Cookie,
    undefined,
    PER_CALL_CREDENTIALS.Cookie,
  ]);
});

Deno.test("hardening: a cross-origin 307 of a POST drops the per-call Cookie and keeps the body", async () => {
  const rec = recorder((r) =>
    r.url.startsWith(BASE) ? status(307, { location: "https://other.example/post" }) : json({ id: 1 })
  );
  await createProjectIssue(client(rec.fetch), 1, {
    title: "t",
    headers: { Cookie: PER_CALL_CREDENTIALS.Cookie },
  });
  assert.deepEqual(rec.requests.map((r) => [r.method, r.body, r.headers.cookie]), [
    ["POST", '{"title":"t"}', PER_CALL_CREDENTIALS.Cookie],
    ["POST", '{"title":"t"}', undefined],
  ]);
});

// --- 3. a malformed Location is a redacted GitLabError ---------------------------------------------------

Deno.test("hardening: a malformed Location becomes a GitLabError that carries no part of it", async () => {
  const locations = [
    `https://user:${QUERY_SECRET}@[not-an-ip/x?private_token=${QUERY_SECRET}`,
    `https://exa mple.com/?private_token=${QUERY_SECRET}`,
    `http://%zz${QUERY_SECRET}/`,
    `https://gitlab.example.com:99999/${QUERY_SECRET}`,
  ];
  for (const location of locations) {
    for (
      const call of [(c: Client) => getProject(c, 1), (c: Client) => createProjectIssue(c, 1, { title: "t" })]
    ) {
      const rec = recorder([status(302, { location })]);
      const e = await rejection(call(client(rec.fetch)));
      assert.ok(e instanceof GitLabError, `${location}: ${e}`);
      assert.match(e.message, /invalid Location/, location);
      assert.match(e.message, /302/, location);
      for (const secret of [QUERY_SECRET, TOKEN]) {
        assert.ok(!e.message.includes(secret), location);
        assert.ok(!String(e.stack).includes(secret), location);
        assert.ok(!JSON.stringify({ ...e }).includes(secret), location);
        assert.ok(!String(e.cause ?? "").includes(secret), location);
      }
      assert.equal(rec.requests.length, 1, location);
    }
  }
});

// --- 4. a streamed upload is never teed ------------------------------------------------------------------

/** An endless upload stream (1 KiB chunks) that records how many chunks were pulled and whether it was cancelled. */
function endlessUpload(): {
  stream: ReadableStream<Uint8Array>;
  pulls: () => number;
  cancelled: () => boolean;
} {
  let pulls = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      pulls++;
      c.enqueue(new Uint8Array(1024).fill(pulls % 256));
    },
    cancel() {
      cancelled = true;
    },
  }, { highWaterMark: 0 });
  return { stream, pulls: () => pulls, cancelled: () => cancelled };
}

/** A transport that reads `chunks` chunks of the request body, cancels the rest and answers 201. */
function readsThenCancels(chunks: number) {
  return async (request: Request): Promise<Response> => {
    const reader = request.body!.getReader();
    for (let i = 0; i < chunks; i++) await reader.read();
    // Not awaited: the cancel of one branch of a tee settles only once the other branch is cancelled too.
    reader.cancel(new Error("enough")).catch(() => {});
    return json({ id: 1 }, { status: 201 });
  };
}

Deno.test("hardening: a streamed upload reaches the transport untouched: cancelling it reaches the source", async () => {
  const logger: Middleware = (request, next) => next(request);
  for (const extra of [{}, { middleware: [logger] }, { timeout: 0 }]) {
    for (const send of ["httpPost", "httpPut"] as const) {
      const upload = endlessUpload();
      const fn = send === "httpPost" ? httpPost : httpPut;
      const c = client(readsThenCancels(3), { retry: false, ...extra });
      assert.deepEqual(await fn(c, "/projects/1/packages/generic/p/1/f.bin", { body: upload.stream }), {
        id: 1,
      });
      const what = `${send} ${JSON.stringify(Object.keys(extra))}`;
      for (let turn = 0; turn < 50 && !upload.cancelled(); turn++) await new Promise((r) => setTimeout(r, 0));
      // Teed (as by request.clone()), the other branch would keep the source open, and every chunk the
      // transport read would be kept in memory for a replay.
      assert.ok(upload.cancelled(), `${what}: the transport's cancel did not reach the upload stream`);
      assert.ok(upload.pulls() <= 4, `${what}: ${upload.pulls()} chunks pulled for 3 read`);
    }
  }
});

Deno.test("hardening: a 307 or 308 answering a streamed upload fails clearly; nothing is sent again", async () => {
  for (const code of [307, 308]) {
    const rec = recorder((_r, i) =>
      i === 0
        ? status(code, { location: `/api/v4/elsewhere?private_token=${QUERY_SECRET}` })
        : json({ id: 1 })
    );
    const chunks = ["part one, ", "part two"];
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        const next = chunks.shift();
        if (next === undefined) c.close();
        else c.enqueue(new TextEncoder().encode(next));
      },
    });
    const e = await rejection(
      httpPost(client(rec.fetch, { retry: false }), "/projects/1/uploads", { body: stream }),
    );
    assert.ok(e instanceof GitLabError, `${code}: ${e}`);
    assert.match(e.message, new RegExp(`\\b${code}\\b`));
    assert.match(e.message, /stream/);
    assert.match(e.message, /not repeated/);
    assert.ok(e.message.includes(`${API}/elsewhere?private_token=[REDACTED]`), e.message);
    assert.ok(!e.message.includes(QUERY_SECRET));
    assert.deepEqual(rec.requests.map((r) => [r.method, r.body]), [["POST", "part one, part two"]]);
  }
});

Deno.test("hardening: bodies the client can rebuild (string, bytes, Blob, FormData) are replayed after a 307", async () => {
  const form = new FormData();
  form.append("name", "value");
  const bodies: [string, () => string | Uint8Array | ArrayBuffer | Blob | FormData, RegExp][] = [
    ["string", () => "plain text", /^plain text$/],
    ["Uint8Array", () => new TextEncoder().encode("bytes"), /^bytes$/],
    ["ArrayBuffer", () => new TextEncoder().encode("buffer").buffer as ArrayBuffer, /^buffer$/],
    ["Blob", () => new Blob(["blob"], { type: "application/octet-stream" }), /^blob$/],
    ["FormData", () => form, /name="name"\r\n\r\nvalue\r\n/],
  ];
  for (const [kind, body, expected] of bodies) {
    const rec = recorder((_r, i) =>
      i < 2 ? status(i === 0 ? 307 : 308, { location: `/api/v4/h${i}` }) : json({})
    );
    await httpPost(client(rec.fetch), "/projects/1/uploads", { body: body() });
    assert.equal(rec.requests.length, 3, kind);
    for (const r of rec.requests) {
      assert.match(r.body, expected, kind);
      if (kind === "FormData") {
        const boundary = /boundary=(.+)$/.exec(r.headers["content-type"])?.[1];
        assert.ok(boundary && r.body.startsWith(`--${boundary}\r\n`), `${kind}: boundary of ${r.url}`);
      }
    }
  }
});
