// The cross-engine tests' browsers, behind one small interface:
//
//   const b = await openEngine("firefox" | "webkit");
//   await b.goto(url); await b.evaluate(fn, ...args); await b.waitFor(fn, ...args);
//   await b.collectErrors(); b.errors   // the page's errors so far
//   await b.close();
//
// Firefox ESR (Debian's) through puppeteer-core over WebDriver BiDi, which
// Firefox has built in: no geckodriver to build. WebKit (Debian's
// WebKitGTK MiniBrowser) through WebKitWebDriver, a classic W3C WebDriver
// (HTTP + JSON), driven by the few commands below over fetch; MiniBrowser
// needs a display, so the driver runs under `xvfb-run -a`. playwright-core
// cannot drive either (it needs its own patched builds).
//
// `evaluate(fn, ...args)` runs `fn` (a function without closures: it is sent
// as source; `ui`, the partner's steps of page.mjs, is in its scope) in the page and resolves to its (awaited, JSON) result; both
// back ends wrap it so that an exception in the page is a rejected promise
// with its message. Steps that a partner takes (fill in a field, click a
// button, choose a file) are done in the page by `page.mjs`'s helpers, the
// same in every engine.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { scriptHash } from "../../scripts/csp-finalize.mjs";
import { pageUi } from "./page.mjs";

export const FIREFOX = process.env.FIREFOX ?? "/usr/bin/firefox-esr";
export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER ?? "/usr/bin/WebKitWebDriver";

/** The engines to test: CPOR_ENGINES="firefox webkit" (the default). */
export const ENGINES = (process.env.CPOR_ENGINES ?? "firefox webkit").split(/\s+/).filter(Boolean);

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** Polls `probe` until it returns something truthy (resolves to that), or
 * fails after `timeout` ms with `what` and the last error. */
export async function until(probe, what, timeout = 60_000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? `: ${last.message}` : ""}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The error capture for engines without console events (WebKit's classic
// WebDriver): an inline script, first in the page (before the app's
// scripts), that records what a console would show as an error: calls of
// console.error (the app's logging and its panic hook go through it),
// uncaught exceptions, unhandled rejections and elements that failed to
// load. ES5, as the page's own start-up check.
const CAPTURE_GLOBAL = "window.__cporErrors";
export const CAPTURE = `(function () {
  var seen = (${CAPTURE_GLOBAL} = []);
  var text = function (v) {
    try {
      return v instanceof Error ? v.name + ": " + v.message : typeof v === "object" ? JSON.stringify(v) : String(v);
    } catch (e) {
      return String(v);
    }
  };
  var error = console.error;
  console.error = function () {
    seen.push("console: " + Array.prototype.map.call(arguments, text).join(" "));
    return error.apply(console, arguments);
  };
  addEventListener("error", function (e) {
    var t = e.target;
    seen.push(t && t.tagName ? "load failed: <" + t.tagName.toLowerCase() + "> " + (t.src || t.href || "") : "pageerror: " + text(e.error || e.message));
  }, true);
  addEventListener("unhandledrejection", function (e) {
    seen.push("unhandledrejection: " + text(e.reason));
  });
})();`;
const DRAIN = `var e = ${CAPTURE_GLOBAL}; return e ? e.splice(0) : null;`;

/** A copy of the built app folder `dir` whose index.html has the error
 * capture (CAPTURE) as its first script, with its hash added to the CSP of
 * the <meta> and of `_headers` (nothing else of the policy changes):
 * `{ dir, cleanup }`. */
export function withErrorCapture(dir) {
  const copy = mkdtempSync(join(tmpdir(), "cpor-capture-"));
  cpSync(dir, copy, { recursive: true });
  const hash = `'${scriptHash(CAPTURE)}'`;
  const addHash = (text, where) => {
    const out = text.replace(/script-src 'self' 'wasm-unsafe-eval'/g, (m) => `${m} ${hash}`);
    if (out === text) throw new Error(`withErrorCapture: no "script-src 'self' 'wasm-unsafe-eval'" in ${where}`);
    return out;
  };
  const index = join(copy, "index.html");
  let html = addHash(readFileSync(index, "utf8"), "index.html");
  const meta = /<meta\s[^>]*http-equiv="Content-Security-Policy"[^>]*>/.exec(html);
  if (!meta) throw new Error("withErrorCapture: no CSP <meta> in index.html");
  const at = meta.index + meta[0].length;
  html = `${html.slice(0, at)}\n    <script>${CAPTURE}</script>${html.slice(at)}`;
  writeFileSync(index, html);
  const headers = join(copy, "_headers");
  writeFileSync(headers, addHash(readFileSync(headers, "utf8"), "_headers"));
  return { dir: copy, cleanup: () => rmSync(copy, { recursive: true, force: true }) };
}

/** Opens a browser of `engine` ("firefox" or "webkit"). */
export async function openEngine(engine) {
  if (engine === "firefox") return openFirefox();
  if (engine === "webkit") return openWebKit();
  throw new Error(`unknown engine ${engine}`);
}

// The page side of evaluate: runs the function's source with its
// arguments, awaits it, and returns { ok, value } or { ok: false, error },
// so both back ends report a page exception the same way.
// `ui` (page.mjs) is in scope for the function.
const wrap = (source, args) =>
  `const ui = (${pageUi})(); return (async () => { try { const v = await (${source})(...${JSON.stringify(args)}); ` +
  // An element found is `true` (engines return elements differently).
  `return { ok: true, value: v instanceof Node ? true : v }; } ` +
  `catch (e) { return { ok: false, error: String(e && e.message || e) }; } })()`;
function unwrap(r) {
  if (!r || typeof r !== "object") throw new Error(`evaluate: no result (${JSON.stringify(r)})`);
  if (!r.ok) throw new Error(`in the page: ${r.error}`);
  return r.value ?? null;
}

function common(engine, api) {
  return {
    engine,
    ...api,
    /** Waits until `fn(...args)` returns something truthy in the page. */
    async waitFor(fn, args = [], what = fn.toString().slice(0, 120), timeout = 60_000) {
      try {
        return await until(() => api.evaluate(fn, ...args), what, timeout);
      } catch (e) {
        // What the partner would see, to tell why.
        const seen = await api.evaluate(() => `${location.href}\n${document.body?.innerText ?? ""}`).catch(() => "?");
        e.message += `\n--- the page (${engine}):\n${seen.length > 4000 ? `${seen.slice(0, 1000)}\n…\n${seen.slice(-3000)}` : seen}`;
        throw e;
      }
    },
  };
}

async function openFirefox() {
  const { default: puppeteer } = await import("puppeteer-core");
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    protocol: "webDriverBiDi",
    // Service workers and IndexedDB as a partner has them (not in private mode).
    extraPrefsFirefox: { "browser.privatebrowsing.autostart": false },
  });
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    // An Error logged is "JSHandle@error" as text: its message and stack say more.
    const at = errors.push(`console: ${m.text()}`) - 1;
    for (const arg of m.args()) {
      arg
        .evaluate((v) => (v instanceof Error ? `${v.name}: ${v.message} ${v.stack ?? ""}` : String(v)))
        .then((t) => (errors[at] += ` | ${t}`))
        .catch(() => {});
    }
  });
  return common("firefox", {
    errors,
    page,
    async goto(url) {
      await page.goto(url, { waitUntil: "load" });
    },
    async reload() {
      await page.reload({ waitUntil: "load" });
    },
    async evaluate(fn, ...args) {
      // eslint-disable-next-line no-new-func
      return unwrap(await page.evaluate(new Function(wrap(fn.toString(), args))));
    },
    // Console errors and page errors arrive as events (above).
    async collectErrors() {},
    async setOffline(offline) {
      await page.setOfflineMode(offline);
    },
    async close() {
      await browser.close();
    },
  });
}

async function openWebKit() {
  const port = await freePort();
  // Its own process group, so close() ends xvfb-run, Xvfb and the driver.
  // (-a takes the first free display from -n: a random start, so that two
  // runs starting at once, here or in another lane, do not take the same.)
  const display = 100 + Math.floor(Math.random() * 800);
  const child = spawn("xvfb-run", ["-a", "-n", String(display), WEBKIT_DRIVER, `--port=${port}`], { stdio: ["ignore", "pipe", "pipe"], detached: true });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  const call = async (method, path, body) => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await r.json();
    if (!r.ok) throw new Error(`WebDriver ${method} ${path}: ${json.value?.error}: ${json.value?.message}`);
    return json.value;
  };
  const kill = () => {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  };
  let session;
  try {
    await until(async () => (await call("GET", "/status")).ready, `WebKitWebDriver on ${base} (log: ${log})`, 30_000);
    session = (await call("POST", "/session", { capabilities: { alwaysMatch: { "webkitgtk:browserOptions": { args: ["--automation"] } } } })).sessionId;
  } catch (e) {
    kill();
    throw e;
  }
  const s = `/session/${session}`;
  await call("POST", `${s}/timeouts`, { script: 120_000, pageLoad: 120_000 });
  // Classic WebDriver has no console events: a page served with the error
  // capture (withErrorCapture) keeps its errors in window.__cporErrors,
  // read from here before every navigation and by collectErrors().
  const errors = [];
  const drain = async (required) => {
    const got = await call("POST", `${s}/execute/sync`, { script: DRAIN, args: [] });
    if (got === null && required) throw new Error(`the page has no error capture (${CAPTURE_GLOBAL}): serve it through withErrorCapture`);
    if (got) errors.push(...got);
  };
  return common("webkit", {
    errors,
    async goto(url) {
      await drain(false);
      await call("POST", `${s}/url`, { url });
    },
    async reload() {
      await drain(false);
      await call("POST", `${s}/refresh`, {});
    },
    async collectErrors() {
      await drain(true);
    },
    async evaluate(fn, ...args) {
      return unwrap(await call("POST", `${s}/execute/sync`, { script: wrap(fn.toString(), args), args: [] }));
    },
    async close() {
      try {
        await call("DELETE", s);
      } finally {
        kill();
      }
    },
  });
}
