/**
 * Fault injection over loopback HTTP: every way a server or the network can misbehave, with the
 * documented outcome, the number of attempts the server saw, a bound on the elapsed time and the error
 * type. The last test prints the measured table.
 */
import assert from "node:assert/strict";
import {
  type Client,
  type ClientOptions,
  createClient,
  createProjectIssue,
  deleteProject,
  deleteProjectRepositoryBranch,
  editProjectIssue,
  getProject,
  GitLabError,
  GitLabHTTPError,
  GitLabNetworkError,
  GitLabTimeoutError,
  httpPatch,
  listProjectIssues,
  listProjects,
} from "@gitlab-edge/client";
import { createSimulator, SIM_USER_TOKEN } from "@gitlab-edge/client/testing";
import { serve } from "@gitlab-edge/client/testing/server";
import {
  type BadServer,
  badServer,
  brokenBody,
  type Handler,
  hang,
  json,
  redirect,
  slowBody,
  testPolicy,
} from "./_bad_server.ts";
import { measure, type Outcome, Table } from "./_record.ts";

const TOKEN = "glpat-faults-0123456789";
const table = new Table("Fault injection (loopback HTTP, retry: 3 attempts, backoff 10/20 ms)");

interface Ctx {
  readonly srv: BadServer;
  readonly client: Client;
  readonly waits: number[];
}

/** Starts a bad server, builds a client for it, runs `body`, and always closes the server. */
async function withServer(
  handler: Handler,
  body: (ctx: Ctx) => Promise<void>,
  options: Partial<ClientOptions> = {},
): Promise<void> {
  const srv = await badServer(handler);
  const { policy, waits } = testPolicy();
  try {
    const client = createClient({ baseUrl: srv.url, token: TOKEN, retry: policy, timeout: 1500, ...options });
    await body({ srv, client, waits });
  } finally {
    await srv.close();
  }
}

function isError<T extends abstract new (...args: never[]) => Error>(
  o: Outcome<unknown>,
  type: T,
): InstanceType<T> {
  assert.ok(o.error instanceof type, `expected ${type.name}, got ${String(o.error)}`);
  return o.error as InstanceType<T>;
}

// --- 429 and rate-limit headers -----------------------------------------------------------------

Deno.test("fault: 429 without Retry-After is retried with full-jitter backoff, then succeeds", async () => {
  await withServer(
    (_, __, n) => n === 1 ? json({ message: "429 Too Many Requests" }, { status: 429 }) : json({ id: 1 }),
    async ({ srv, client, waits }) => {
      const o = await measure(() => getProject(client, 1));
      assert.deepEqual(o.value, { id: 1 });
      assert.equal(srv.count(), 2);
      assert.deepEqual(waits, [10]);
      assert.ok(o.elapsed < 1000);
      table.add("429, no Retry-After, then 200 (GET)", srv.count(), o);
    },
  );
});

Deno.test("fault: 429 on every attempt gives up after maxAttempts with GitLabHTTPError 429", async () => {
  await withServer(
    () => json({ message: "429 Too Many Requests" }, { status: 429 }),
    async ({ srv, client, waits }) => {
      const o = await measure(() => getProject(client, 1));
      const e = isError(o, GitLabHTTPError);
      assert.equal(e.status, 429);
      assert.equal(e.attempts, 3);
      assert.equal(srv.count(), 3);
      assert.deepEqual(waits, [10, 20]);
      assert.ok(o.elapsed < 1000);
      table.add("429 on every attempt (GET)", srv.count(), o);
    },
  );
});

Deno.test("fault: 429 with Retry-After in seconds waits exactly that long", async () => {
  await withServer(
    (_, __, n) => n === 1 ? json({}, { status: 429, headers: { "retry-after": "2" } }) : json({ id: 1 }),
    async ({ srv, client, waits }) => {
      const o = await measure(() => getProject(client, 1));
      assert.deepEqual(o.value, { id: 1 });
      assert.deepEqual(waits, [2000]);
      assert.equal(srv.count(), 2);
      table.add("429, Retry-After: 2 (seconds), then 200", srv.count(), o);
    },
  );
});

Deno.test("fault: 429 with Retry-After as an HTTP date waits until that date", async () => {
  await withServer((_, __, n) => {
    if (n > 1) return json({ id: 1 });
    return json({}, { status: 429, headers: { "retry-after": new Date(Date.now() + 3000).toUTCString() } });
  }, async ({ srv, client, waits }) => {
    const o = await measure(() => getProject(client, 1));
    assert.deepEqual(o.value, { id: 1 });
    assert.equal(waits.length, 1);
    assert.ok(waits[0] > 1500 && waits[0] <= 3000, `waited ${waits[0]} ms`);
    table.add("429, Retry-After: <HTTP date +3 s>, then 200", srv.count(), o);
  });
});

Deno.test("fault: 429 with GitLab's RateLimit-* headers waits until RateLimit-Reset", async () => {
  await withServer((_, __, n) => {
    if (n > 1) return json({ id: 1 });
    const reset = Math.floor(Date.now() / 1000) + 2;
    return json({ message: "Retry later" }, {
      status: 429,
      headers: {
        "ratelimit-limit": "600",
        "ratelimit-observed": "601",
        "ratelimit-remaining": "0",
        "ratelimit-reset": String(reset),
        "ratelimit-resettime": new Date(reset * 1000).toUTCString(),
      },
    });
  }, async ({ srv, client, waits }) => {
    const o = await measure(() => getProject(client, 1));
    assert.deepEqual(o.value, { id: 1 });
    assert.equal(waits.length, 1);
    assert.ok(waits[0] > 900 && waits[0] <= 2000, `waited ${waits[0]} ms`);
    table.add("429, RateLimit-Reset (Unix time +2 s), then 200", srv.count(), o);
  });
});

Deno.test("fault: 429 asking for longer than maxDelay is not retried; retryAfter is reported", async () => {
  await withServer(
    () => json({ message: "Retry later" }, { status: 429, headers: { "retry-after": "3600" } }),
    async ({ srv, client, waits }) => {
      const o = await measure(() => getProject(client, 1));
      const e = isError(o, GitLabHTTPError);
      assert.equal(e.status, 429);
      assert.equal(e.retryAfter, 3600);
      assert.equal(e.attempts, 1);
      assert.deepEqual(waits, []);
      assert.equal(srv.count(), 1);
      table.add("429, Retry-After: 3600 (> maxDelay)", srv.count(), o);
    },
  );
});

// --- 5xx --------------------------------------------------------------------------------------------

for (const status of [500, 502, 503, 504]) {
  Deno.test(`fault: ${status} on every attempt: GET retried to maxAttempts, then GitLabHTTPError ${status}`, async () => {
    await withServer(() => json({ message: `${status}` }, { status }), async ({ srv, client, waits }) => {
      const o = await measure(() => getProject(client, 1));
      const e = isError(o, GitLabHTTPError);
      assert.equal(e.status, status);
      assert.equal(e.attempts, 3);
      assert.equal(srv.count(), 3);
      assert.deepEqual(waits, [10, 20]);
      assert.ok(o.elapsed < 1000);
      table.add(`${status} on every attempt (GET)`, srv.count(), o);
    });
  });
}

Deno.test("fault: 503 once, then 200: GET succeeds on the second attempt", async () => {
  await withServer(
    (_, __, n) => n === 1 ? json({}, { status: 503 }) : json({ id: 1 }),
    async ({ srv, client }) => {
      const o = await measure(() => getProject(client, 1));
      assert.deepEqual(o.value, { id: 1 });
      assert.equal(srv.count(), 2);
      table.add("503 once, then 200 (GET)", srv.count(), o);
    },
  );
});

Deno.test("fault: 502 on PUT is retried (PUT is idempotent)", async () => {
  await withServer(() => json({}, { status: 502 }), async ({ srv, client }) => {
    const o = await measure(() => editProjectIssue(client, 1, 2, { title: "x" }));
    assert.equal(isError(o, GitLabHTTPError).status, 502);
    assert.equal(srv.count("PUT"), 3);
    assert.ok(srv.hits.every((h) => h.body === '{"title":"x"}'), "every attempt carries the whole body");
    table.add("502 on every attempt (PUT)", srv.count(), o);
  });
});

// --- writes are never duplicated ------------------------------------------------------------------

Deno.test("writes: POST after a 500 is not resent (server saw exactly one)", async () => {
  await withServer(
    () => json({ message: "500 Internal Server Error" }, { status: 500 }),
    async ({ srv, client, waits }) => {
      const o = await measure(() => createProjectIssue(client, 1, { title: "once" }));
      const e = isError(o, GitLabHTTPError);
      assert.equal(e.status, 500);
      assert.equal(e.attempts, 1);
      assert.equal(srv.count("POST"), 1);
      assert.deepEqual(waits, []);
      table.add("500 (POST)", srv.count(), o);
    },
  );
});

Deno.test("writes: PATCH after a 503 is not resent (server saw exactly one)", async () => {
  await withServer(() => json({}, { status: 503 }), async ({ srv, client }) => {
    const o = await measure(() => httpPatch(client, "/projects/1/settings", { body: { enabled: true } }));
    assert.equal(isError(o, GitLabHTTPError).status, 503);
    assert.equal(srv.count("PATCH"), 1);
    table.add("503 (PATCH)", srv.count(), o);
  });
});

Deno.test("writes: POST after a connection reset is not resent (server saw exactly one)", async () => {
  await withServer((request) => hangThenReset(request), async ({ srv, client }) => {
    const o = await measure(() => createProjectIssue(client, 1, { title: "once" }));
    const e = isError(o, GitLabNetworkError);
    assert.equal(e.attempts, 1);
    assert.equal(srv.count("POST"), 1);
    table.add("connection reset before response (POST)", srv.count(), o);
  });
});

Deno.test("writes: POST whose response body is cut off is not resent (server saw exactly one)", async () => {
  await withServer(() => brokenBody('{"id":7,"title":"on'), async ({ srv, client }) => {
    const o = await measure(() => createProjectIssue(client, 1, { title: "once" }));
    isError(o, GitLabNetworkError);
    assert.equal(srv.count("POST"), 1);
    table.add("connection reset mid-body (POST)", srv.count(), o);
  });
});

Deno.test("writes: POST after a 429 is resent with the same body, and succeeds", async () => {
  await withServer(
    (_, __, n) => n === 1 ? json({}, { status: 429 }) : json({ id: 7 }, { status: 201 }),
    async ({ srv, client }) => {
      const o = await measure(() => createProjectIssue(client, 1, { title: "twice asked, once done" }));
      assert.deepEqual(o.value, { id: 7 });
      assert.equal(srv.count("POST"), 2);
      assert.equal(srv.hits[0].body, srv.hits[1].body);
      assert.equal(srv.hits[1].body, '{"title":"twice asked, once done"}');
      table.add("429, then 201 (POST)", srv.count(), o);
    },
  );
});

Deno.test("writes: against the simulator, a 502 on createProjectIssue creates nothing and a 429 creates one issue", async () => {
  const sim = createSimulator();
  const server = await serve(sim);
  try {
    const { policy } = testPolicy();
    const client = createClient({ baseUrl: server.url, token: SIM_USER_TOKEN, retry: policy, timeout: 1500 });
    const path = "/projects/acme%2Fweb/issues";
    const posts = () => sim.requests.filter((r) => r.method === "POST").length;
    sim.fault({ method: "POST", path, status: 502, times: 5 });
    await assert.rejects(
      createProjectIssue(client, "acme/web", { title: "never twice" }),
      GitLabHTTPError,
    );
    assert.equal(posts(), 1);
    sim.clearFaults();
    sim.clearRequests();
    sim.fault({ method: "POST", path, status: 429, headers: { "retry-after": "1" } });
    const issue = await createProjectIssue(client, "acme/web", { title: "exactly once" });
    assert.equal(posts(), 2);
    assert.equal(issue.title, "exactly once");
    sim.clearFaults();
    const found = await listProjectIssuesTitled(client, "exactly once");
    assert.equal(found, 1, "the issue exists once");
    sim.clearRequests();
    sim.fault({ method: "POST", path, drop: "mid-body" });
    await assert.rejects(
      createProjectIssue(client, "acme/web", { title: "cut short" }),
      GitLabNetworkError,
    );
    assert.equal(posts(), 1);
  } finally {
    await server.close();
  }
});

async function listProjectIssuesTitled(client: Client, title: string): Promise<number> {
  const issues = await listProjectIssues(client, "acme/web", { search: title, per_page: 100 }).toArray();
  return issues.filter((i) => i.title === title).length;
}

// --- network failures ---------------------------------------------------------------------------

/** Holds the request briefly, then throws so the server destroys the socket without answering. */
async function hangThenReset(_request: Request): Promise<Response> {
  await Promise.resolve();
  throw new Error("reset");
}

Deno.test("fault: connection reset before any response: GET retried, then GitLabNetworkError", async () => {
  await withServer(hangThenReset, async ({ srv, client, waits }) => {
    const o = await measure(() => getProject(client, 1));
    const e = isError(o, GitLabNetworkError);
    assert.equal(e.attempts, 3);
    assert.equal(srv.count(), 3);
    assert.deepEqual(waits, [10, 20]);
    assert.ok(o.elapsed < 1000);
    table.add("connection reset before response (GET)", srv.count(), o);
  });
});

Deno.test("fault: connection reset mid-body: GitLabNetworkError, not retried (the response had begun)", async () => {
  await withServer(() => brokenBody('[{"id":1},{"id"'), async ({ srv, client }) => {
    const o = await measure(() => getProject(client, 1));
    isError(o, GitLabNetworkError);
    assert.equal(srv.count(), 1);
    assert.ok(o.elapsed < 1000);
    table.add("connection reset mid-body (GET)", srv.count(), o);
  });
});

Deno.test("fault: a server that never answers: GitLabTimeoutError at the deadline", async () => {
  await withServer((request) => hang(request), async ({ srv, client }) => {
    const o = await measure(() => getProject(client, 1));
    const e = isError(o, GitLabTimeoutError);
    assert.equal(e.timeout, 300);
    assert.equal(srv.count(), 1);
    assert.ok(o.elapsed >= 290 && o.elapsed < 800, `${o.elapsed} ms`);
    table.add("never answers (timeout 300 ms)", srv.count(), o);
  }, { timeout: 300 });
});

Deno.test("fault: a slow body within the deadline is read whole", async () => {
  await withServer(
    (request) => slowBody(request, ['{"id":', "1,", '"name":', '"slow"}'], 60),
    async ({ srv, client }) => {
      const o = await measure(() => getProject(client, 1));
      assert.deepEqual(o.value, { id: 1, name: "slow" });
      assert.ok(o.elapsed >= 150 && o.elapsed < 900, `${o.elapsed} ms`);
      table.add("slow body, 4 chunks 60 ms apart (timeout 1000 ms)", srv.count(), o);
    },
    { timeout: 1000 },
  );
});

Deno.test("fault: a body slower than the deadline: GitLabTimeoutError while reading it", async () => {
  await withServer(
    (request) => slowBody(request, Array.from({ length: 20 }, (_, i) => i ? ",1" : "[1"), 100),
    async ({ srv, client }) => {
      const o = await measure(() => getProject(client, 1));
      isError(o, GitLabTimeoutError);
      assert.equal(srv.count(), 1);
      assert.ok(o.elapsed >= 290 && o.elapsed < 800, `${o.elapsed} ms`);
      table.add("slow body, 20 chunks 100 ms apart (timeout 300 ms)", srv.count(), o);
    },
    { timeout: 300 },
  );
});

// --- bodies that are not what they claim ------------------------------------------------------------

const PROXY_PAGE =
  "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>";

Deno.test("fault: a proxy's HTML 502 page: retried, then GitLabHTTPError with the page title in the message", async () => {
  await withServer(
    () => new Response(PROXY_PAGE, { status: 502, headers: { "content-type": "text/html" } }),
    async ({ srv, client }) => {
      const o = await measure(() => getProject(client, 1));
      const e = isError(o, GitLabHTTPError);
      assert.equal(e.status, 502);
      assert.equal(e.body, PROXY_PAGE);
      assert.match(e.message, /: 502 Bad Gateway: HTML page "502 Bad Gateway"$/);
      assert.equal(srv.count(), 3);
      table.add("HTML 502 page from a proxy (GET)", srv.count(), o);
    },
  );
});

Deno.test("fault: an HTML page with status 200 (a login portal): GitLabError, not JSON", async () => {
  await withServer(
    () => new Response("<html><title>Sign in</title></html>", { headers: { "content-type": "text/html" } }),
    async ({ srv, client }) => {
      const o = await measure(() => getProject(client, 1));
      const e = isError(o, GitLabError);
      assert.equal(e.constructor, GitLabError);
      assert.match(e.message, /response is not valid JSON/);
      assert.equal(srv.count(), 1);
      table.add("HTML page with 200 (GET)", srv.count(), o);
    },
  );
});

Deno.test("fault: truncated JSON delivered in full: GitLabError (invalid JSON) with the cause kept", async () => {
  await withServer(
    () => new Response('{"id":1,"name":"tr', { headers: { "content-type": "application/json" } }),
    async ({ srv, client }) => {
      const o = await measure(() => getProject(client, 1));
      const e = isError(o, GitLabError);
      assert.equal(e.name, "GitLabError");
      assert.ok(e.cause instanceof SyntaxError);
      table.add("truncated JSON, complete transfer (GET)", srv.count(), o);
    },
  );
});

Deno.test("fault: a list endpoint answering an object: GitLabError (expected a JSON array)", async () => {
  await withServer(() => json({ message: "not a list" }), async ({ srv, client }) => {
    const o = await measure(() => listProjects(client).toArray());
    assert.match(isError(o, GitLabError).message, /expected a JSON array/);
    table.add("list endpoint answers an object", srv.count(), o);
  });
});

Deno.test("fault: empty 204 and 202 bodies resolve to undefined", async () => {
  await withServer(
    (request) => new Response(null, { status: request.url.includes("branches") ? 204 : 202 }),
    async ({ srv, client }) => {
      const o = await measure(() => deleteProjectRepositoryBranch(client, 1, "feature/x"));
      assert.equal(o.error, undefined);
      assert.equal(o.value, undefined);
      table.add("empty 204 (DELETE branch)", 1, o);
      const p = await measure(() => deleteProject(client, 1));
      assert.equal(p.error, undefined);
      assert.equal(p.value, undefined);
      assert.equal(srv.count(), 2);
      table.add("empty 202 (DELETE project)", 1, p);
    },
  );
});

// --- redirects ----------------------------------------------------------------------------------------

Deno.test("fault: a same-origin redirect is followed with credentials", async () => {
  await withServer(
    (request) => request.url.endsWith("/projects/1") ? redirect("/api/v4/projects/2", 301) : json({ id: 2 }),
    async ({ srv, client }) => {
      const o = await measure(() => getProject(client, 1));
      assert.deepEqual(o.value, { id: 2 });
      assert.deepEqual(srv.hits.map((h) => h.path), ["/api/v4/projects/1", "/api/v4/projects/2"]);
      assert.ok(srv.hits.every((h) => h.headers["private-token"] === TOKEN));
      table.add("301 same-origin redirect", srv.count(), o);
    },
  );
});

Deno.test("fault: a cross-origin redirect is followed without any credential header", async () => {
  const foreign = await badServer(() => json({ id: 99 }));
  try {
    await withServer(() => redirect(`${foreign.url}/somewhere`), async ({ srv, client }) => {
      const o = await measure(() => getProject(client, 1, { sudo: "root" }));
      assert.deepEqual(o.value, { id: 99 });
      assert.equal(srv.hits[0].headers["private-token"], TOKEN);
      assert.equal(foreign.count(), 1);
      const h = foreign.hits[0].headers;
      for (const name of ["private-token", "authorization", "job-token", "sudo"]) {
        assert.equal(h[name], undefined, name);
      }
      table.add("302 cross-origin redirect", srv.count() + foreign.count(), o);
    });
  } finally {
    await foreign.close();
  }
});

Deno.test("fault: a redirect from https: to http: is refused with GitLabError", async () => {
  await withServer(() => redirect("http://127.0.0.1:9/api/v4/projects/2"), async ({ srv }) => {
    // The client talks to https://gitlab.test; the transport carries it to the loopback server.
    const client = createClient({
      baseUrl: "https://gitlab.test",
      token: TOKEN,
      fetch: (r) => fetch(new Request(r.url.replace("https://gitlab.test", srv.url), r)),
    });
    const o = await measure(() => getProject(client, 1));
    const e = isError(o, GitLabError);
    assert.match(e.message, /redirect from https: to http: refused/);
    assert.equal(srv.count(), 1);
    table.add("redirect https: → http:", srv.count(), o);
  });
});

Deno.test("fault: a redirect loop stops after 5 hops with GitLabError", async () => {
  await withServer(
    (request) => redirect(request.url.endsWith("/1") ? "/api/v4/projects/2" : "/api/v4/projects/1"),
    async ({ srv, client }) => {
      const o = await measure(() => getProject(client, 1));
      assert.match(isError(o, GitLabError).message, /more than 5 redirects/);
      assert.equal(srv.count(), 6);
      table.add("redirect loop", srv.count(), o);
    },
  );
});

Deno.test("fault: a 307 redirect of a POST replays the body once to the new location", async () => {
  await withServer(
    (request) =>
      request.url.endsWith("/old/issues")
        ? redirect("/api/v4/projects/new/issues", 307)
        : json({ id: 1 }, { status: 201 }),
    async ({ srv, client }) => {
      const o = await measure(() => createProjectIssue(client, "old", { title: "moved" }));
      assert.deepEqual(o.value, { id: 1 });
      assert.deepEqual(srv.hits.map((h) => [h.method, h.path, h.body]), [
        ["POST", "/api/v4/projects/old/issues", '{"title":"moved"}'],
        ["POST", "/api/v4/projects/new/issues", '{"title":"moved"}'],
      ]);
      table.add("307 redirect of a POST", srv.count(), o);
    },
  );
});

// --- pagination -------------------------------------------------------------------------------------

function page(n: number, next: string | undefined): Response {
  return json([{ id: n }], { headers: next ? { link: `<${next}>; rel="next"`, "x-page": String(n) } : {} });
}

Deno.test("fault: a Link header to another host is rebased onto baseUrl's origin; the other host gets nothing", async () => {
  const foreign = await badServer(() => json([{ id: 666 }]));
  try {
    await withServer((_request, _, n) => {
      return n === 1 ? page(1, `${foreign.url}/api/v4/projects?page=2`) : page(2, undefined);
    }, async ({ srv, client }) => {
      const o = await measure(() => listProjects(client, { pagination: "offset" }).toArray());
      assert.deepEqual(o.value, [{ id: 1 }, { id: 2 }]);
      assert.equal(foreign.count(), 0);
      assert.deepEqual(srv.hits.map((h) => h.path), [
        "/api/v4/projects?pagination=offset",
        "/api/v4/projects?page=2",
      ]);
      assert.ok(srv.hits.every((h) => h.headers["private-token"] === TOKEN));
      table.add("Link rel=next to another host", srv.count() + foreign.count(), o);
    });
  } finally {
    await foreign.close();
  }
});

Deno.test("fault: a Link header leaving /api/v4 is refused with GitLabError", async () => {
  await withServer(
    (request) => page(1, new URL("/admin/users?page=2", request.url).href),
    async ({ srv, client }) => {
      const o = await measure(() => listProjects(client).toArray());
      assert.match(isError(o, GitLabError).message, /pagination link leaves the API root/);
      assert.equal(srv.count(), 1);
      table.add("Link rel=next outside /api/v4", srv.count(), o);
    },
  );
});

Deno.test("fault: a Link header looping back to an earlier page stops iteration", async () => {
  await withServer((request) => {
    const p = new URL(request.url).searchParams.get("page") ?? "1";
    return page(Number(p), `${new URL(request.url).origin}/api/v4/projects?page=${p === "1" ? 2 : 1}`);
  }, async ({ srv, client }) => {
    const o = await measure(() => listProjects(client, { page: 1 }).toArray());
    assert.deepEqual(o.value, [{ id: 1 }, { id: 2 }]);
    assert.equal(srv.count(), 2);
    table.add("Link rel=next loops (page 1 ↔ 2)", srv.count(), o);
  });
});

Deno.test("fault: pages that never end stop at maxPages / maxItems", async () => {
  await withServer(
    (request, _, n) => page(n, `${new URL(request.url).origin}/api/v4/projects?page=${n + 1}`),
    async ({ srv, client }) => {
      const o = await measure(() => listProjects(client, { maxPages: 25 }).toArray());
      assert.equal((o.value ?? []).length, 25);
      assert.equal(srv.count(), 25);
      table.add("pages never end (maxPages: 25)", srv.count(), o);
      const before = srv.count();
      const p = await measure(() => listProjects(client, { maxItems: 7 }).toArray());
      assert.equal((p.value ?? []).length, 7);
      assert.equal(srv.count() - before, 7);
      table.add("pages never end (maxItems: 7, 1 per page)", srv.count() - before, p);
    },
  );
});

Deno.test("fault: summary table", () => {
  assert.ok(table.rows.length >= 30, `only ${table.rows.length} scenarios recorded`);
  console.log("\n" + table.toString() + "\n");
});
