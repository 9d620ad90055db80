/**
 * Option checks at the edges: header names and values any runtime would refuse later are refused by
 * `createClient()` at once; per-call credential headers obey the plain-`http:` rule the client's own
 * credentials do; and no timeout or retry wait may exceed what a timer can hold (2^31 - 1 ms).
 */
import assert from "node:assert/strict";
import {
  type ClientOptions,
  createClient,
  getProject,
  httpGet,
  retryPolicy,
  send,
} from "@gitlab-edge/client";
import { assertError, json, recorder, rejection, thrown } from "../_helpers.ts";

const BASE = "https://gitlab.example.com";
const SECRET = "secret-value-Hq7-not-shown";

function invalid(
  options: Partial<ClientOptions>,
  type: typeof TypeError | typeof RangeError,
  option: string,
) {
  const e = thrown(() => createClient({ baseUrl: BASE, ...options } as ClientOptions));
  assertError(e, type, "createClient()", `"${option}"`);
  assert.ok(!(e as Error).message.includes(SECRET), (e as Error).message);
}

Deno.test("createClient() refuses at once every header value a runtime would refuse when sending", async () => {
  // Deno and Node refuse control characters when sending, `new Headers()` refuses NUL, CR, LF and
  // characters above U+00FF: all are refused when the client is made, naming the option.
  for (const bad of ["\x00", "\x01", "\x08", "\x0b", "\x1f", "\x7f", "\r", "\n", "\u0100", "\u{1f600}"]) {
    invalid({ headers: { "x-a": `${SECRET}${bad}x` } }, TypeError, "headers");
    invalid({ userAgent: `agent${bad}${SECRET}` }, TypeError, "userAgent");
  }
  // Names fetch implementations refuse or that would change how the request is framed or routed.
  for (
    const name of [
      "Transfer-Encoding",
      "keep-alive",
      "Upgrade",
      "Expect",
      "Connection",
      "Content-Length",
      "Host",
      "TE",
      "Trailer",
      "Proxy-Connection",
    ]
  ) {
    invalid({ headers: { [name]: SECRET } }, TypeError, "headers");
  }
  invalid({ headers: { "": "x" } }, TypeError, "headers");
  invalid({ headers: { ":path": "/x" } }, TypeError, "headers");
  // What every runtime sends is kept: Latin-1 text, tabs, surrounding spaces (trimmed), empty values.
  const rec = recorder([json({ id: 1 })]);
  const client = createClient({
    baseUrl: BASE,
    fetch: rec.fetch,
    userAgent: "my-tool/1.0 (+https://example.com)",
    headers: { "x-latin": "caf\u00e9", "x-tab": "a\tb", "x-space": "  padded  ", "x-empty": "" },
  });
  await getProject(client, 1);
  const h = rec.requests[0].headers;
  assert.equal(h["user-agent"], "my-tool/1.0 (+https://example.com)");
  assert.equal(h["x-latin"], "caf\u00e9");
  assert.equal(h["x-tab"], "a\tb");
  assert.equal(h["x-space"], "padded");
  assert.equal(h["x-empty"], "");
});

Deno.test("per-call headers are checked like the client's: no control characters, no framing names", async () => {
  const rec = recorder();
  const client = createClient({ baseUrl: BASE, fetch: rec.fetch });
  const cases: Record<string, string>[] = [
    { "x-a": "a\x01b" },
    { "x-a": "a\x7f" },
    { "Transfer-Encoding": "chunked" },
    { Host: "x" },
  ];
  for (const headers of cases) {
    assertError(thrown(() => getProject(client, 1, { headers })), TypeError, "getProject()", '"headers"');
    assertError(
      await rejection(httpGet(client, "/version", { headers })),
      TypeError,
      "httpGet()",
      '"headers"',
    );
  }
  assert.equal(rec.requests.length, 0);
});

const CREDENTIAL_HEADERS = ["PRIVATE-TOKEN", "Authorization", "job-token", "Cookie", "Proxy-Authorization"];

Deno.test("per-call credential headers are refused over plain http: to a non-loopback host", async () => {
  const rec = recorder();
  const client = createClient({ baseUrl: "http://gitlab.example.com", fetch: rec.fetch });
  for (const name of CREDENTIAL_HEADERS) {
    const headers = { [name]: SECRET };
    for (
      const e of [
        thrown(() => getProject(client, 1, { headers })),
        await rejection(httpGet(client, "/version", { headers })),
      ]
    ) {
      assertError(e, TypeError, '"headers"', "http:");
      assert.ok(!(e as Error).message.includes(SECRET));
    }
    const viaSend = await rejection(send(client, new Request(`${client.baseUrl}/version`, { headers })));
    assertError(viaSend, TypeError, "send()", "http:");
    assert.ok(!(viaSend as Error).message.includes(SECRET));
  }
  assert.equal(rec.requests.length, 0, "nothing was sent");
  // Harmless headers are fine over http.
  await getProject(client, 1, { headers: { "X-Trace": "1" } });
  assert.equal(rec.requests.length, 1);
});

Deno.test("per-call credential headers over http: go where the client's own would (loopback, allowInsecureHttp)", async () => {
  for (
    const options of [
      { baseUrl: "http://gitlab.example.com", allowInsecureHttp: true },
      { baseUrl: "http://127.0.0.1:8080" },
      { baseUrl: "http://localhost" },
      { baseUrl: BASE },
    ]
  ) {
    const rec = recorder();
    const client = createClient({ ...options, fetch: rec.fetch });
    for (const name of CREDENTIAL_HEADERS) {
      await getProject(client, 1, { headers: { [name]: "value" } });
      await send(client, new Request(`${client.baseUrl}/version`, { headers: { [name]: "value" } }));
    }
    assert.equal(rec.requests.length, CREDENTIAL_HEADERS.length * 2, options.baseUrl);
  }
});

Deno.test("createClient() refuses every credential-bearing header over plain http: (Cookie, Proxy-Authorization too)", () => {
  for (const name of CREDENTIAL_HEADERS) {
    invalid({ baseUrl: "http://gitlab.example.com", headers: { [name]: SECRET } }, TypeError, "baseUrl");
    createClient({ baseUrl: "http://gitlab.example.com", headers: { [name]: "x" }, allowInsecureHttp: true });
  }
});

const MAX_TIMER = 2 ** 31 - 1;

Deno.test("timeouts and retry delays a timer cannot hold (over 2^31 - 1 ms) are refused, naming the option", async () => {
  for (const too of [MAX_TIMER + 1, 2 ** 40, Number.MAX_SAFE_INTEGER]) {
    invalid({ timeout: too }, RangeError, "timeout");
    for (const field of ["maxDelay", "baseDelay", "maxElapsed"] as const) {
      const e = thrown(() => retryPolicy({ [field]: too }));
      assertError(e, RangeError, "retryPolicy()", `"${field}"`);
    }
  }
  // The largest a timer holds is fine.
  const ok = createClient({
    baseUrl: BASE,
    timeout: MAX_TIMER,
    retry: retryPolicy({ maxDelay: MAX_TIMER, baseDelay: MAX_TIMER, maxElapsed: MAX_TIMER }),
  });
  assert.equal(ok.timeout, MAX_TIMER);

  const rec = recorder();
  const client = createClient({ baseUrl: BASE, fetch: rec.fetch });
  for (const timeout of [MAX_TIMER + 1, 2 ** 40]) {
    assertError(thrown(() => getProject(client, 1, { timeout })), RangeError, "getProject()", '"timeout"');
    assertError(
      await rejection(httpGet(client, "/version", { timeout })),
      RangeError,
      "httpGet()",
      '"timeout"',
    );
    assertError(
      await rejection(send(client, new Request(`${BASE}/api/v4/version`), { timeout })),
      RangeError,
      "send()",
      '"timeout"',
    );
  }
  assert.equal(rec.requests.length, 0);
  await getProject(client, 1, { timeout: MAX_TIMER });
  await send(client, new Request(`${BASE}/api/v4/version`), { timeout: MAX_TIMER });
  assert.equal(rec.requests.length, 2);
});
