import assert from "node:assert/strict";
import { createSimulator, SIM_ADMIN_TOKEN, SIM_USER_TOKEN } from "@gitlab-edge/client/testing";
import { serve } from "@gitlab-edge/client/testing/server";

const alice = { "PRIVATE-TOKEN": SIM_USER_TOKEN };

Deno.test("simulator server: serves the API over HTTP on 127.0.0.1", async () => {
  const sim = createSimulator();
  const server = await serve(sim);
  try {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/api/v4/projects?per_page=2`, { headers: alice });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/json");
    assert.equal(res.headers.get("x-per-page"), "2");
    const link = res.headers.get("link") ?? "";
    assert.ok(link.includes(`<${server.url}/api/v4/projects?`), "links use the real host");
    assert.equal((await res.json()).length, 2);
    // the simulator saw the request with the real URL and lower-cased headers
    const logged = sim.requests[sim.requests.length - 1];
    assert.equal(logged.url, `${server.url}/api/v4/projects?per_page=2`);
    assert.equal(logged.headers["private-token"], SIM_USER_TOKEN);
  } finally {
    await server.close();
  }
});

Deno.test("simulator server: request bodies, HEAD and binary raw files", async () => {
  const sim = createSimulator();
  const server = await serve(sim);
  try {
    const form = await fetch(`${server.url}/api/v4/projects/1/issues`, {
      method: "POST",
      headers: alice,
      body: new URLSearchParams("title=Over+HTTP&labels[]=net"),
    });
    assert.equal(form.status, 201);
    assert.deepEqual((await form.json()).labels, ["net"]);

    const fd = new FormData();
    fd.append("file", new Blob(["hello"], { type: "text/plain" }), "notes.txt");
    const up = await fetch(`${server.url}/api/v4/projects/1/uploads`, {
      method: "POST",
      headers: alice,
      body: fd,
    });
    assert.equal(up.status, 201);
    assert.match((await up.json()).markdown, /^\[notes\.txt\]\(\/uploads\/[0-9a-f]{32}\/notes\.txt\)$/);

    const head = await fetch(`${server.url}/api/v4/projects`, { method: "HEAD", headers: alice });
    assert.equal(head.status, 200);
    assert.ok(head.headers.get("x-total"));
    assert.equal(await head.text(), "");

    const raw = await fetch(
      `${server.url}/api/v4/projects/acme%2Fweb/repository/files/assets%2Flogo.png/raw`,
    );
    assert.equal(raw.headers.get("content-type"), "image/png");
    const bytes = new Uint8Array(await raw.arrayBuffer());
    assert.equal(bytes[0], 0x89);
    assert.equal(bytes.length, Number(raw.headers.get("content-length")));

    const del = await fetch(`${server.url}/api/v4/projects/1/repository/branches/feature%2Flogin`, {
      method: "DELETE",
      headers: { "PRIVATE-TOKEN": SIM_ADMIN_TOKEN },
    });
    assert.equal(del.status, 204);
    assert.equal(await del.text(), "");
  } finally {
    await server.close();
  }
});

Deno.test("simulator server: status faults and latency over HTTP", async () => {
  const sim = createSimulator();
  const server = await serve(sim);
  try {
    sim.fault({ status: 429, headers: { "Retry-After": "2" } });
    const limited = await fetch(`${server.url}/api/v4/projects`);
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get("retry-after"), "2");
    assert.equal(await limited.text(), "Retry later\n");
    sim.fault({ latency: 50 });
    const t0 = performance.now();
    await (await fetch(`${server.url}/api/v4/projects`)).arrayBuffer();
    assert.ok(performance.now() - t0 >= 40);
  } finally {
    await server.close();
  }
});

Deno.test("simulator server: drop before-response destroys the socket", async () => {
  const sim = createSimulator();
  const server = await serve(sim);
  try {
    sim.fault({ drop: "before-response" });
    await assert.rejects(() => fetch(`${server.url}/api/v4/projects`), TypeError);
    const ok = await fetch(`${server.url}/api/v4/projects`);
    assert.equal(ok.status, 200);
    await ok.arrayBuffer();
  } finally {
    await server.close();
  }
});

Deno.test("simulator server: drop mid-body truncates the response", async () => {
  const sim = createSimulator();
  const server = await serve(sim);
  try {
    sim.fault({ drop: "mid-body" });
    const res = await fetch(`${server.url}/api/v4/projects?per_page=100`);
    assert.equal(res.status, 200);
    await assert.rejects(() => res.text());
  } finally {
    await server.close();
  }
});

Deno.test("simulator server: slow body arrives in several chunks", async () => {
  const sim = createSimulator();
  const server = await serve(sim);
  try {
    sim.fault({ slowBody: 20 });
    const t0 = performance.now();
    const res = await fetch(`${server.url}/api/v4/projects?per_page=100`);
    const rows = await res.json();
    assert.equal(rows.length, 4);
    assert.ok(performance.now() - t0 >= 40);
  } finally {
    await server.close();
  }
});

Deno.test("simulator server: hang is cancelled by the client and close() is prompt", async () => {
  const sim = createSimulator();
  const server = await serve(sim);
  sim.fault({ hang: true, times: 2 });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error("client timeout")), 50);
  await assert.rejects(() => fetch(`${server.url}/api/v4/projects`, { signal: controller.signal }));
  clearTimeout(timer);
  // a second hanging request is cut when the server closes
  const pending = fetch(`${server.url}/api/v4/projects`).then(
    (r) => r.arrayBuffer().then(() => "answered"),
    () => "failed",
  );
  await new Promise((r) => setTimeout(r, 30));
  const t0 = performance.now();
  await server.close();
  assert.ok(performance.now() - t0 < 1000);
  assert.equal(await pending, "failed");
});

Deno.test("simulator server: serves a plain handler function", async () => {
  const server = await serve((req) =>
    Promise.resolve(
      new Response(`${req.method} ${new URL(req.url).pathname}`, {
        headers: [["x-multi", "a"], ["set-cookie", "a=1"], ["set-cookie", "b=2"]],
      }),
    )
  );
  try {
    const res = await fetch(`${server.url}/hello`);
    assert.equal(await res.text(), "GET /hello");
    assert.deepEqual(res.headers.getSetCookie(), ["a=1", "b=2"]);
  } finally {
    await server.close();
  }
});
