import assert from "node:assert/strict";
import * as api from "@gitlab-edge/client";
import { REQUEST_CASES, type RequestCase } from "./_endpoints.ts";
import { BASE } from "./helpers.ts";

// Every generated endpoint sends the request GitLab expects: the method, the path with its parameters
// encoded, query parameters in the query string, body parameters in a JSON or multipart body. The
// expectations in `_endpoints.ts` are written by the generator from the spec, independently of the
// runtime's encoding code.

type Fn = (client: api.Client, ...args: unknown[]) => unknown;

/** An answer that fits the endpoint's kind, so the function resolves. */
function answer(kind: string): Response {
  switch (kind) {
    case "list":
      return Response.json([]);
    case "none":
      return new Response(null, { status: 204 });
    case "stream":
      return new Response(new Uint8Array([1, 2, 3]));
    case "head":
      return new Response(null, { status: 200, headers: { "x-total": "0" } });
    default:
      return Response.json({ id: 1 });
  }
}

async function sendOne(c: RequestCase): Promise<Request> {
  let seen: Request | undefined;
  const client = api.createClient({
    baseUrl: BASE,
    retry: false,
    fetch: (request) => {
      seen = request;
      return Promise.resolve(answer(c.kind));
    },
  });
  const fn = (api as unknown as Record<string, Fn>)[c.fn];
  assert.equal(typeof fn, "function", `${c.fn} is not exported`);
  const options: Record<string, unknown> = { ...c.options };
  for (const name of c.files) options[name] = new File(["file body"], "notes.txt", { type: "text/plain" });
  const hasOptions = Object.keys(options).length > 0;
  const result = fn(client, ...c.args, ...(hasOptions ? [options] : []));
  if (c.kind === "list") await (result as api.Paginated<unknown>).toArray();
  else {
    const value = await result;
    if (c.kind === "stream") await (value as ReadableStream).cancel();
  }
  assert.ok(seen, `${c.fn} sent nothing`);
  return seen;
}

async function check(c: RequestCase): Promise<void> {
  const request = await sendOne(c);
  const url = new URL(request.url);
  assert.equal(request.method, c.method, `${c.fn}: method`);
  assert.equal(url.origin + url.pathname, `${BASE}/api/v4${c.path}`, `${c.fn}: path`);
  assert.deepEqual([...url.searchParams], c.query, `${c.fn}: query`);
  if (c.body === null) {
    assert.equal(await request.text(), "", `${c.fn}: no body`);
  } else if (c.multipart) {
    assert.match(request.headers.get("content-type") ?? "", /^multipart\/form-data; boundary=/, c.fn);
    const form = await request.formData();
    for (const [name, value] of Object.entries(c.body)) {
      assert.equal(
        form.get(name),
        typeof value === "string" ? value : String(value),
        `${c.fn}: field ${name}`,
      );
    }
    for (const name of c.files) {
      const file = form.get(name);
      assert.ok(file instanceof Blob, `${c.fn}: ${name} is a file`);
      assert.equal(await file.text(), "file body", `${c.fn}: ${name}'s bytes`);
    }
  } else {
    assert.equal(request.headers.get("content-type"), "application/json", `${c.fn}: content type`);
    assert.deepEqual(await request.json(), c.body, `${c.fn}: body`);
  }
}

Deno.test("requests: the generated table has a case for every exported endpoint", () => {
  const exported = Object.entries(api).filter(([, v]) => api.routeOf(v) !== undefined).map(([name]) => name);
  const cased = new Set(REQUEST_CASES.map((c) => c.fn));
  assert.deepEqual(exported.filter((name) => !cased.has(name)), []);
  assert.equal(REQUEST_CASES.length, exported.length);
});

// One test per resource group keeps the output readable and each group's failures together.
const groups = new Map<string, RequestCase[]>();
for (const c of REQUEST_CASES) {
  const route = api.routeOf((api as unknown as Record<string, unknown>)[c.fn]) ?? "";
  const group = route.split(" ")[1]?.split("/")[1] ?? "?";
  groups.set(group, [...(groups.get(group) ?? []), c]);
}
for (const [group, cases] of groups) {
  Deno.test(`requests: /${group}/… (${cases.length} endpoints) send GitLab's method, path, query and body`, async () => {
    for (const c of cases) await check(c);
  });
}
