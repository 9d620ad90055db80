// Every parser of a server's bytes runs in linear time: the HTML <title> of an error page, the Link header,
// Retry-After and RateLimit-Reset. Each adversarial input is about 1 MB; a linear parser reads it in
// milliseconds, a quadratic one takes seconds to minutes (the bound below is generous on purpose).
import assert from "node:assert/strict";
import {
  compose,
  createClient,
  DEFAULT_RETRY,
  GitLabHTTPError,
  httpGet,
  listProjects,
  nextUrl,
  parseLink,
  retry,
} from "@gitlab-edge/client";
import { fakeTime, json, recorder, rejection, status } from "../_helpers.ts";

const BASE = "https://gitlab.example.com";
const API = `${BASE}/api/v4`;
/** Far above what a linear parser needs for 1 MB, far below what a quadratic one needs. */
const BOUND_MS = 1_500;
const MB = 1_000_000;

/** Runs `fn` and fails when it took longer than the bound; returns what it returned. */
function bounded<T>(label: string, fn: () => T): T {
  const started = performance.now();
  const result = fn();
  const elapsed = performance.now() - started;
  assert.ok(elapsed < BOUND_MS, `${label}: took ${Math.round(elapsed)} ms (bound ${BOUND_MS} ms)`);
  return result;
}

/** Repeats `unit` up to about `size` characters. */
function fill(unit: string, size = MB): string {
  return unit.repeat(Math.ceil(size / unit.length));
}

function httpError(body: string): GitLabHTTPError {
  return new GitLabHTTPError({ method: "GET", url: `${API}/projects/1`, status: 502, body });
}

const HOSTILE_PAGES: Record<string, string> = {
  "<title repeated": fill("<title"),
  "<TITLE repeated (upper case)": fill("<TiTlE"),
  "'<' repeated": fill("<"),
  "<title> then no closing tag": "<title>" + fill("x"),
  "<title> then '<' repeated": "<title>" + fill("<"),
  "<title> then '</title' repeated": "<title>" + fill("</title"),
  "<title>x< repeated": fill("<title>x<"),
  "<title then spaces": "<title" + fill(" "),
  "spaces then no '<'": fill(" ") + "x",
  "spaces then '<'": fill(" ") + "<",
  "'<titl' repeated": fill("<titl"),
};

Deno.test("hardening: an error page's <title> is found in linear time, whatever the page", () => {
  for (const [label, page] of Object.entries(HOSTILE_PAGES)) {
    const e = bounded(label, () => httpError(page));
    assert.ok(e.message.length < 1_000, `${label}: the message stays short (${e.message.length})`);
  }
});

Deno.test("hardening: an error page's <title> is still read right", () => {
  const cases: [string, string][] = [
    ["<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", '"502 Bad Gateway"'],
    ['<HTML><TITLE lang="en">  Maintenance  </TITLE></HTML>', '"Maintenance"'],
    ["<title>first</title><title>second</title>", '"first"'],
    ["<title>a<b>c</title><title>later</title>", '"later"'],
    ["<titlebar>bar</title>", '"bar"'],
    ["<title" + fill("<title", 300_000) + ">deep</title>", '"deep"'],
  ];
  for (const [page, title] of cases) {
    assert.match(
      httpError(page).message,
      new RegExp(`: 502 Bad Gateway: HTML page ${title}$`),
      page.slice(0, 60),
    );
  }
  assert.match(httpError("<title>a<b>c</title>").message, /: HTML page$/);
  assert.match(httpError("  <p>no title</p>").message, /: HTML page$/);
  assert.match(httpError("plain words").message, /: plain words$/);
  const long = httpError(`<title>${"t".repeat(5_000)}</title>`).message;
  assert.ok(long.length < 400, "a long title is shortened");
});

Deno.test("hardening: a huge hostile error page over the client is described quickly", async () => {
  const rec = recorder(() => status(502, { "content-type": "text/html" }, fill("<title")));
  const client = createClient({ baseUrl: BASE, retry: false, fetch: rec.fetch });
  const started = performance.now();
  const e = await rejection(httpGet(client, "/projects/1"));
  assert.ok(performance.now() - started < BOUND_MS, "described within the bound");
  assert.ok(e instanceof GitLabHTTPError, String(e));
  assert.equal(e.status, 502);
});

const HOSTILE_LINKS: Record<string, string> = {
  "'<' repeated": fill("<"),
  "'<' then no '>'": "<" + fill("a"),
  "'<>' then '; ' repeated": "<>" + fill("; "),
  "'<a>' then ';' repeated": "<a>" + fill(";"),
  "'<a>;rel=' repeated": fill("<a>;rel="),
  "'<;' repeated": fill("<;"),
  "'<a>; ' and spaces before rel": "<a>;" + fill(" ", MB / 2) + "rel" + fill(" ", MB / 2) + "=next",
  "an unterminated quoted rel": '<a>; rel="' + fill("x "),
  "'<a>, ' repeated": fill("<a>, "),
  "'<a>;rel=\"' repeated": fill('<a>;rel="'),
  "'>' repeated": fill(">"),
  "';' repeated": fill(";"),
  "tabs and spaces": "<a>;" + fill(" \t"),
};

Deno.test("hardening: a Link header is parsed in linear time, whatever it holds", () => {
  for (const [label, header] of Object.entries(HOSTILE_LINKS)) {
    const links = bounded(label, () => parseLink(header));
    assert.equal(typeof links, "object", label);
  }
  assert.equal(parseLink("<a>;" + fill(" ", 1000) + "rel" + fill(" ", 1000) + "=next").next, "a");
});

Deno.test("hardening: a 1 MB Link header on a page is handled quickly (nextUrl and pagination)", async () => {
  const client = createClient({ baseUrl: BASE });
  for (const [label, header] of Object.entries(HOSTILE_LINKS)) {
    bounded(`nextUrl: ${label}`, () => {
      try {
        nextUrl(client, new Headers({ link: header }), `${API}/projects`);
      } catch {
        // a refused link is fine; a slow one is not
      }
    });
  }
  const big = fill(`<${API}/elsewhere?page=1>; rel="first", `, MB) + `<${API}/projects?page=2>; rel="next"`;
  const rec = recorder([json([1], { headers: { link: big } }), json([2])]);
  const list = createClient({ baseUrl: BASE, fetch: rec.fetch });
  const started = performance.now();
  assert.deepEqual(await listProjects(list).toArray(), [1, 2]);
  assert.ok(performance.now() - started < BOUND_MS);
  assert.equal(rec.requests[1].url, `${API}/projects?page=2`);
});

Deno.test("hardening: Link headers are still read right", () => {
  const header =
    `<${API}/issues?labels=a,b&page=2>; rel="next", <${API}/issues?labels=a,b&page=1>; rel="first",` +
    `<${API}/issues?x=1;y=2&page=9>;rel=last`;
  assert.deepEqual(parseLink(header), {
    next: `${API}/issues?labels=a,b&page=2`,
    first: `${API}/issues?labels=a,b&page=1`,
    last: `${API}/issues?x=1;y=2&page=9`,
  });
  assert.deepEqual(parseLink('<https://h/a>; rel="prev next"'), { prev: "https://h/a", next: "https://h/a" });
  assert.deepEqual(parseLink('<https://h/a>; rel="next", <https://h/b>; rel="next"'), {
    next: "https://h/a",
  });
  assert.deepEqual(parseLink('<https://h/a> ; REL = "Next"'), { next: "https://h/a" });
  assert.deepEqual(parseLink('<https://h/a>; title="a, b; c"; rel="next"'), { next: "https://h/a" });
  assert.deepEqual(parseLink('<https://h/a>; title="say \\"hi\\""; rel=next'), { next: "https://h/a" });
  assert.deepEqual(parseLink("<https://h/a>;rel=next,<https://h/b>;rel=prev"), {
    next: "https://h/a",
    prev: "https://h/b",
  });
  assert.deepEqual(parseLink(""), {});
  assert.deepEqual(parseLink("garbage"), {});
  assert.deepEqual(parseLink("<https://h/a>"), {});
  assert.deepEqual(parseLink('<https://h/a>; title="x"'), {});
  assert.deepEqual(parseLink('<https://h/a>; rel=""'), {});
  const odd = parseLink('<https://h/a>; rel="__proto__ constructor next"');
  assert.equal(odd.next, "https://h/a");
  assert.equal(Object.getPrototypeOf(odd), Object.prototype, "no rel can replace the prototype");
});

const HOSTILE_WAITS: Record<string, Record<string, string>> = {
  "Retry-After: 1 MB of digits": { "retry-after": fill("9") },
  "Retry-After: 1 MB of zeros then 1": { "retry-after": fill("0") + "1" },
  "Retry-After: letters and times repeated": { "retry-after": fill("Mon 1:22:33 ") },
  "Retry-After: a date then 1 MB of spaces": {
    "retry-after": "Wed, 21 Oct 2015 07:28:00" + fill(" ") + "GMT",
  },
  "Retry-After: 'aaa' then digits and colons": { "retry-after": "aaa" + fill("1:") },
  "Retry-After: spaces inside": { "retry-after": "1" + fill(" ") + "1" },
  "RateLimit-Reset: 1 MB of digits": { "ratelimit-reset": fill("7") },
  "RateLimit-Reset: spaces inside": { "ratelimit-reset": "1" + fill(" \t") + "1" },
};

Deno.test("hardening: Retry-After and RateLimit-Reset are read in linear time, whatever they hold", async () => {
  for (const [label, headers] of Object.entries(HOSTILE_WAITS)) {
    // The retry step reads them to decide on a wait; the error reads them for retryAfter.
    const time = fakeTime();
    const run = compose(
      [retry({ ...DEFAULT_RETRY, sleep: time.sleep, now: time.now, random: time.random })],
      () => Promise.resolve(status(429, headers)),
    );
    let started = performance.now();
    await run(new Request(`${API}/x`));
    assert.ok(performance.now() - started < BOUND_MS * 4, `${label}: the retry step took too long`);
    const client = createClient({
      baseUrl: BASE,
      retry: false,
      fetch: () => Promise.resolve(status(429, headers)),
    });
    started = performance.now();
    const e = await rejection(httpGet(client, "/x"));
    assert.ok(performance.now() - started < BOUND_MS, `${label}: the error took too long`);
    assert.ok(e instanceof GitLabHTTPError, label);
    assert.ok(e.retryAfter === undefined || Number.isFinite(e.retryAfter), `${label}: ${e.retryAfter}`);
  }
});

Deno.test("hardening: Retry-After and RateLimit-Reset are still read right", async () => {
  const cases: [Record<string, string>, number | undefined][] = [
    [{ "retry-after": "17" }, 17],
    [{ "retry-after": " 3 " }, 3],
    [{ "retry-after": "soon" }, undefined],
    [{ "retry-after": "-1" }, undefined],
    [{ "ratelimit-reset": "30" }, 30],
    [{ "retry-after": "2", "ratelimit-reset": "9" }, 2],
    [{ "retry-after": new Date(Date.now() + 60_000).toUTCString() }, 60],
  ];
  for (const [headers, seconds] of cases) {
    const client = createClient({
      baseUrl: BASE,
      retry: false,
      fetch: () => Promise.resolve(status(429, headers)),
    });
    const e = await rejection(httpGet(client, "/x"));
    assert.ok(e instanceof GitLabHTTPError);
    if (seconds === 60) assert.ok(e.retryAfter! >= 58 && e.retryAfter! <= 60, String(e.retryAfter));
    else assert.equal(e.retryAfter, seconds, JSON.stringify(headers));
  }
});
