// The benchmark's browser part (scripts/bench builds what it measures).
// Prints figures; asserts nothing. See scripts/bench for what each is.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { fileURLToPath } from "node:url";
import { serveStatic } from "../tests/e2e/server.mjs";
import { launch } from "../tests/e2e/browser.mjs";
import { benchSync } from "./sync.mjs";

const repo = fileURLToPath(new URL("../", import.meta.url));
const args = process.argv.slice(2);
// The number of runs: the first bare number that is not --claims's.
const RUNS = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== "--claims") ?? 7);
// --sync-only: only the team-sync figures (bench/sync.mjs); --no-sync:
// everything but them.
const SYNC_ONLY = args.includes("--sync-only");
// --scale-only: only the N-claims figures (no first load, no sync).
const SCALE_ONLY = args.includes("--scale-only");
const NO_SYNC = SCALE_ONLY || args.includes("--no-sync");
// --claims N: how many generated claims (default 10,000); scripts/bench
// writes target/bench/claims-N.json.
const claimsArg = args.indexOf("--claims");
const N = claimsArg >= 0 ? Number(args[claimsArg + 1]) : 10_000;
if (!Number.isInteger(N) || N < 1) throw new Error(`--claims wants a number of claims, not ${args[claimsArg + 1]}`);
const EXPORT_FILE = `${repo}/target/bench/claims-${N}.json`;
const COUCH_PORT = Number(process.env.CPOR_BENCH_COUCH_PORT ?? 5987);

const sizes = (buf) => ({
  raw: buf.length,
  gzip: gzipSync(buf, { level: 9 }).length,
  brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});
const add = (a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });
const ZERO = { raw: 0, gzip: 0, brotli: 0 };
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (n) => n.toLocaleString("en-US");
const ms = (n) => `${n.toFixed(1)} ms`;

// Time to interactive, in the page: from navigation start until `ready`
// (a selector) is in the document and the Trunk loader said it started.
const READY_SCRIPT = (selector) => `
  window.__ready = new Promise((resolve) => {
    let started = false;
    addEventListener("TrunkApplicationStarted", () => { started = true; check(); });
    const check = () => {
      if (started && document.querySelector(${JSON.stringify(selector)})) {
        resolve(performance.now());
        return true;
      }
      return false;
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true });
  });`;

async function loadRuns(browser, url, selector) {
  const times = [];
  let transfer = ZERO;
  let files = [];
  let later = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    await context.addInitScript(READY_SCRIPT(selector));
    const page = await context.newPage();
    const bodies = [];
    // What the page asked for before it was interactive; the chunks of the
    // split build that it preloads afterwards (for the next pages) are
    // listed apart.
    let interactive = false;
    const early = new Set();
    page.on("request", (r) => interactive || early.add(r));
    page.on("response", async (r) => {
      try {
        bodies.push({ url: r.url(), body: await r.body(), early: early.has(r.request()) });
      } catch {
        /* redirects and aborted requests have no body */
      }
    });
    await page.goto(url);
    const t = await page.evaluate(() => window.__ready);
    interactive = true;
    times.push(t);
    if (i === 0) {
      await page.waitForTimeout(1500);
      const named = (b) => ({ name: new URL(b.url).pathname.split("/").pop() || "index.html", ...sizes(b.body) });
      files = bodies.filter((b) => b.early).map(named);
      later = bodies.filter((b) => !b.early).map(named);
      transfer = files.reduce(add, ZERO);
    }
    await context.close();
  }
  return { median: median(times), min: Math.min(...times), max: Math.max(...times), transfer, files, later };
}

const browser = await launch();
// CPOR_BENCH_DIST: another build to measure (e.g. a copy of an older dist/).
const app = await serveStatic(process.env.CPOR_BENCH_DIST ?? `${repo}/dist`, "/app/");
const counter = SYNC_ONLY || SCALE_ONLY ? null : await serveStatic(`${repo}/target/bench/counter`, "/counter/");
try {
  console.log(`CPOR Desk benchmark (headless Chromium, ${RUNS} runs each, ${new Date().toISOString().slice(0, 10)})`);
  console.log("");
  if (!SYNC_ONLY) await benchApp();
  if (!NO_SYNC) await benchSync({ browser, appUrl: app.url, exportFile: EXPORT_FILE, claims: N, port: COUCH_PORT });
} finally {
  await browser.close();
  await app.close();
  await counter?.close();
}

async function benchApp() {
  if (!SCALE_ONLY) await benchFirstLoad();
  await benchClaims();
}

async function benchFirstLoad() {
  const appLoad = await loadRuns(browser, app.url, "main button, main a");
  const counterLoad = await loadRuns(browser, counter.url, "button");
  console.log("First load (everything fetched before interactive; bytes raw / gzip -9 / brotli -q 11):");
  for (const [name, r] of [["app", appLoad], ["minimal Leptos counter", counterLoad]]) {
    console.log(`  ${name}: ${fmt(r.transfer.raw)} / ${fmt(r.transfer.gzip)} / ${fmt(r.transfer.brotli)} (${r.files.length} files)`);
  }
  for (const f of appLoad.files) console.log(`    ${f.name}: ${fmt(f.raw)} / ${fmt(f.gzip)} / ${fmt(f.brotli)}`);
  if (appLoad.later.length) {
    const later = appLoad.later.reduce(add, ZERO);
    console.log(`  app, preloaded after it is interactive (the next pages' chunks): ${fmt(later.raw)} / ${fmt(later.gzip)} / ${fmt(later.brotli)} (${appLoad.later.length} files)`);
  }
  const embed = ["cpor_validate_bg.wasm", "cpor_validate.js"]
    .map((f) => sizes(readFileSync(`${repo}/pkg/${f}`)))
    .reduce(add, ZERO);
  console.log(`  embeddable module (pkg/ .wasm + .js): ${fmt(embed.raw)} / ${fmt(embed.gzip)} / ${fmt(embed.brotli)}`);
  const worker = readdirSync(`${repo}/dist`)
    .filter((f) => f.startsWith("poe-worker"))
    .map((f) => sizes(readFileSync(`${repo}/dist/${f}`)))
    .reduce(add, ZERO);
  console.log(`  PoE worker (not in the first load; started on the first pre-check): ${fmt(worker.raw)} / ${fmt(worker.gzip)} / ${fmt(worker.brotli)}`);
  console.log("");
  console.log("Navigation → interactive (median, min–max):");
  console.log(`  app: ${ms(appLoad.median)} (${ms(appLoad.min)}–${ms(appLoad.max)})`);
  console.log(`  minimal Leptos counter: ${ms(counterLoad.median)} (${ms(counterLoad.min)}–${ms(counterLoad.max)})`);
  console.log(`  ratio: ${(appLoad.median / counterLoad.median).toFixed(2)}×`);
  console.log("");
}

async function benchClaims() {

  // N claims: seeded through Settings → Import (IndexedDB), then the
  // dashboard is opened fresh and measured.
  const context = await browser.newContext({ acceptDownloads: true });
  // The app's wasm memory, from Trunk's start event (for the memory figure).
  await context.addInitScript(() => {
    addEventListener("TrunkApplicationStarted", (e) => {
      window.__wasmMemory = e.detail?.wasm?.memory;
    });
  });
  const page = await context.newPage();
  await page.goto(app.url);
  await page.getByLabel("Partner organisation").selectOption("northwind");
  await page.getByLabel("Your name").fill("Ada Lindqvist");
  await page.getByLabel("Role").selectOption("incentives_admin");
  await page.getByRole("button", { name: "Use this profile" }).click();
  await page.getByRole("link", { name: "Settings" }).click();
  // A 10 ms timer runs throughout the import: its longest gap says how
  // long the page could not answer input.
  await page.evaluate(() => {
    const t = { last: performance.now(), longest: 0, running: true };
    const tick = () => {
      const now = performance.now();
      t.longest = Math.max(t.longest, now - t.last);
      t.last = now;
      if (t.running) setTimeout(tick, 10);
    };
    setTimeout(tick, 10);
    window.__ticks = t;
  });
  const seedStart = Date.now();
  await page.getByLabel("Import data from an export file").setInputFiles(EXPORT_FILE);
  // Some generated claims fail the import's checks (quarantined): the
  // report says how many were added.
  const imported = page.getByText(/Imported: \d+ new/);
  await imported.waitFor({ timeout: 1_800_000 });
  const report = (await imported.textContent()).match(/Imported: (\d+) new.*?(\d+) quarantined/);
  const seeded = Date.now() - seedStart;
  const longestGap = await page.evaluate(() => {
    window.__ticks.running = false;
    return window.__ticks.longest;
  });
  // A build with the load snapshot (docs/performance.md#load-snapshot)
  // writes it after the first load that read every record, and does not
  // wait for it: load once, and wait for it as a partner's open page would
  // (a reload meanwhile would abort it). A build without one leaves no
  // `cpor:load-from` mark, and this changes nothing.
  {
    await page.goto(`${app.url}#/claims`);
    await page.reload();
    await page.locator(".result-count").waitFor({ timeout: 300_000 });
    const first = await page.evaluate(async () => {
      const marks = () => performance.getEntriesByType("mark").map((m) => m.name);
      const from = marks().find((n) => n.startsWith("cpor:load-from:"));
      const t0 = performance.now();
      let written;
      while (from === "cpor:load-from:records" && !written && performance.now() - t0 < 600_000) {
        await new Promise((r) => setTimeout(r, 50));
        written = marks().find((n) => n.startsWith("cpor:snapshot-written:"));
      }
      const get = (n) => performance.getEntriesByName(n)[0]?.startTime;
      return { from, written, load: get("cpor:load-end") - get("cpor:load-start") };
    });
    if (first.from) {
      const [claims, took] = (first.written ?? "").split(":").slice(2);
      console.log(`  first load after the import (${first.from.split(":")[2]}): ${ms(first.load)}; snapshot of ${claims ?? "?"} claims written in ${took ?? "?"} ms after it`);
    }
  }
  const loads = [];
  const renders = [];
  const phaseRuns = [];
  for (let i = 0; i < Math.min(RUNS, 5); i++) {
    await page.goto(`${app.url}#/claims`);
    await page.reload();
    await page.locator(".result-count").waitFor({ timeout: 300_000 });
    const marks = await page.evaluate(() => {
      const get = (n) => performance.getEntriesByName(n)[0]?.startTime;
      // The load's phases (IndexedDB): marks `cpor:load-phase:<name>:<ms>`.
      const phases = performance
        .getEntriesByType("mark")
        .filter((m) => /^cpor:((load|dashboard)-phase|load-from):/.test(m.name))
        .map((m) => `${m.name.replace(/^cpor:((load|dashboard)-phase|load-)/, "").replace(/^:/, "")} @${m.startTime.toFixed(0)}`);
      return { start: get("cpor:load-start"), end: get("cpor:load-end"), dash: get("cpor:dashboard"), phases };
    });
    loads.push(marks.end - marks.start);
    renders.push(marks.dash - marks.end);
    phaseRuns.push(`load-start @${marks.start.toFixed(0)}, ${marks.phases.join(", ")}, load-end @${marks.end.toFixed(0)}, dashboard @${marks.dash.toFixed(0)}`);
  }
  console.log(`${fmt(N)} claims (IndexedDB):`);
  console.log(`  import of the export file through Settings → Import (${fmt(statSync(EXPORT_FILE).size)} bytes; ${report?.[1]} added, ${report?.[2]} quarantined): ${fmt(seeded)} ms (once); longest gap of a 10 ms timer meanwhile: ${ms(longestGap)}`);
  console.log(`  storage load (load_all, median of ${loads.length}): ${ms(median(loads))}`);
  for (const p of phaseRuns) console.log(`    phases (name:ms @start): ${p}`);
  console.log(`  dashboard first render (claims loaded → rows on screen, median): ${ms(median(renders))}`);
  await reportMemory(page);

  // Keystrokes: each one dispatches an input event; the time runs until the
  // frame after the app's update is painted (the handler and Leptos's
  // microtasks have run, then an animation frame and a task).
  const keys = await page.evaluate(async () => {
    const input = document.getElementById("claims-search");
    const out = [];
    for (const text of ["f", "fa", "fab", "fabr", "fabri", "fabrik", "fabrika", "fabrikam", "fabrikam ", "fabrikam i", "fabrikam in", "fabrikam int", "fabrikam intune", ""]) {
      const t0 = performance.now();
      input.value = text;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      out.push(performance.now() - t0);
    }
    return out;
  });
  console.log(`  search keystroke → updated list (median of ${keys.length}, max): ${ms(median(keys))}, ${ms(Math.max(...keys))}`);

  // CSV export of all the claims: from the click until the file is handed
  // to the browser (its object URL made). The export runs from the CSV
  // tools' chunk, after the click's handler has returned, so the handler's
  // own time says nothing (until 2026-12-01 this timed only that, 2.5 ms
  // at 10,000).
  const [download, exportMs] = await Promise.all([
    page.waitForEvent("download"),
    page.evaluate(async () => {
      const button = [...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "Export CSV");
      const made = URL.createObjectURL;
      const handed = new Promise((resolve) => {
        URL.createObjectURL = (blob) => {
          resolve(performance.now());
          URL.createObjectURL = made;
          return made(blob);
        };
      });
      const t0 = performance.now();
      button.click();
      return (await handed) - t0;
    }),
  ]);
  const csvPath = await download.path();
  const csv = readFileSync(csvPath);
  console.log(`  CSV export (${fmt(N)} claims, ${fmt(csv.length)} bytes): ${ms(exportMs)}`);

  // CSV import: read + validate every row + the report on screen (a CSV
  // import takes at most 20,000 rows: MAX_CSV_ROWS).
  const rows = csv.toString("utf8").split("\r\n").length - 2;
  if (rows <= 20_000 && csv.length <= 20 * 1024 * 1024) {
    await page.evaluate(() => {
      window.__importShown = new Promise((resolve) => {
        const mo = new MutationObserver(() => {
          if (document.querySelector(".import-report")) {
            mo.disconnect();
            requestAnimationFrame(() => resolve(performance.now()));
          }
        });
        mo.observe(document.body, { childList: true, subtree: true });
      });
    });
    const t0 = await page.evaluate(() => performance.now());
    await page.getByLabel("Import claims from CSV").setInputFiles(csvPath);
    const t1 = await page.evaluate(() => window.__importShown);
    console.log(`  CSV import (read, validate ${fmt(rows)} rows, show the report): ${ms(t1 - t0)}`);
  } else {
    console.log(`  CSV import: not measured (${fmt(rows)} rows, over the 20,000 rows one CSV import takes)`);
  }
  await context.close();
  console.log("");
}

// The page's memory after the dashboard showed every claim: the JS heap
// (CDP Runtime.getHeapUsage, after a collection) plus the app's wasm
// linear memory (its buffer's byteLength). performance.measureUserAgentSpecificMemory
// would need cross-origin isolation, which the app's static hosting does not set.
async function reportMemory(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const heap = await cdp.send("Runtime.getHeapUsage");
  const wasm = await page.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? 0);
  await cdp.detach();
  const mb = (b) => `${(b / 1048576).toFixed(1)} MB`;
  console.log(
    `  memory (JS heap used via CDP Runtime.getHeapUsage + wasm memory): ${mb(heap.usedSize + wasm)} (JS heap ${mb(heap.usedSize)} used of ${mb(heap.totalSize)}, wasm ${mb(wasm)})`,
  );
}
