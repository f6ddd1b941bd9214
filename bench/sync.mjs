// The benchmark's team-sync part (bench/run.mjs calls it; scripts/bench
// builds dist/ with the bench server's origin in the CSP). Prints figures;
// asserts nothing.
//
// A pouchdb-server in memory on 127.0.0.1 (scripts/team-server.mjs: the
// demo organisations and users) is seeded straight through `_bulk_docs`
// with the claims of the export file, as documents in the shape the
// replicator writes (src/sync/doc.rs: `claim:<id>`, `{type, schema, claim}`
// without the per-browser `revision`). Then, each in a fresh browser
// context (an empty IndexedDB) signed in as a Northwind user:
//   1. the initial pull: from "Turn on sync" until the dashboard shows all
//      claims (and until the header says up to date);
//   2. the same pull while a search is typed on the dashboard: each
//      keystroke's latency (input event → the frame after the update),
//      the slowest three with what ran in their frames, and the local
//      server's CPU meanwhile; CPOR_BENCH_PROFILE=FILE also writes a CPU
//      profile of that typing (bench/profile.mjs reads it) and
//      CPOR_BENCH_TRACE=FILE a Chromium trace (bench/trace.mjs);
//   3. one edit in browser 1 (the claim's name, through the claim page)
//      until browser 2, open on the same claim, shows it: several edits;
//   4. the initial pull again from a fresh server where a share of the
//      claims (CPOR_BENCH_EDITED_SHARE, default 0.3) was edited once, so
//      they are second revisions that come through `_bulk_get`.
import { readFileSync, writeFileSync } from "node:fs";
import { startTeamServer } from "../scripts/team-server.mjs";

const DATABASE = "cpor-northwind";
const EDITS = 5;
// How long a pull may take before the bench gives up on it and reports how
// far it got (CPOR_BENCH_PULL_CAP_S seconds, default 300).
const CAP_MS = Number(process.env.CPOR_BENCH_PULL_CAP_S ?? 300) * 1000;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length ? (s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) : NaN;
};
const ms = (n) => `${n.toFixed(1)} ms`;
const fmt = (n) => n.toLocaleString("en-US");

/** The claim documents of an export file (src/sync/doc.rs claim_body). */
export function claimDocs(exportFile) {
  const { claims } = JSON.parse(readFileSync(exportFile, "utf8"));
  return claims.map((claim) => {
    const body = { ...claim };
    delete body.revision;
    return { _id: `claim:${claim.id}`, type: "claim", schema: 1, claim: body };
  });
}

/** Seeds the documents (1,000 a `_bulk_docs`); returns each one's `rev`
 * by id. */
async function seed(couch, docs) {
  const auth = "Basic " + Buffer.from(couch.admin).toString("base64");
  const revs = new Map();
  for (let i = 0; i < docs.length; i += 1000) {
    const r = await fetch(`${couch.url}/${DATABASE}/_bulk_docs`, {
      method: "POST",
      headers: { authorization: auth, "content-type": "application/json" },
      body: JSON.stringify({ docs: docs.slice(i, i + 1000) }),
    });
    const answer = await r.json();
    const failed = Array.isArray(answer) ? answer.filter((a) => a.error) : [answer];
    if (!r.ok || failed.length) throw new Error(`seeding: HTTP ${r.status} ${JSON.stringify(failed.slice(0, 3))}`);
    for (const a of answer) revs.set(a.id, a.rev);
  }
  return revs;
}

// The share of claims seeded as edited (a second revision) for the fourth
// figure (CPOR_BENCH_EDITED_SHARE, default 0.3; 0 skips it).
const EDITED_SHARE = Number(process.env.CPOR_BENCH_EDITED_SHARE ?? 0.3);

/** The CPU seconds (user + system) a process has used so far (Linux
 * /proc), or NaN. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** The documents with every (1/share)-th one edited once on the server
 * (its name changed: a second revision, which a first pull takes through
 * `_bulk_get?revs=true`, not from the feed). Returns the second revisions
 * to write and how many. */
function editedDocs(docs, revs, share) {
  const every = Math.max(1, Math.round(1 / share));
  return docs
    .filter((_, i) => i % every === 0)
    .map((d) => ({ ...d, _rev: revs.get(d._id), claim: { ...d.claim, name: `${d.claim.name} (edited)` } }));
}

// In the page, before sync is turned on: times (performance.now) of the
// click on "Turn on sync", of the dashboard first showing all `total`
// claims, and of the header's "up to date" once all are shown.
const PULL_WATCH = (total) => `
  window.__pull = { start: null, stored: null, saved: 0, visible: null, upToDate: null, longTasks: [] };
  // The tab's main thread: every task over 50 ms (rendering included).
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__pull.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: "longtask", buffered: true });
  // The worker tells the tabs of each claim it stored (src/storage/watch.rs).
  new BroadcastChannel("cpor-desk").addEventListener("message", (e) => {
    const p = window.__pull;
    let change = null;
    try { change = JSON.parse(e.data); } catch { return; }
    if (p.start === null || !change) return;
    // One "saved" per claim, or one "claims" per stored batch.
    if (change.kind === "saved") p.saved += 1;
    else if (change.kind === "claims" && Array.isArray(change.ids)) p.saved += change.ids.length;
    else return;
    if (p.saved >= ${total} && p.stored === null) p.stored = performance.now();
  });
  addEventListener("click", (e) => {
    const b = e.target.closest && e.target.closest("button");
    if (b && b.textContent.trim() === "Turn on sync" && window.__pull.start === null) window.__pull.start = performance.now();
  }, true);
  const shownTotal = () => {
    const el = document.querySelector(".result-count");
    const m = el && /of\\s+([\\d,.\\s\\u00a0\\u202f]+?)\\s+claims/.exec(el.textContent);
    return m ? Number(m[1].replace(/\\D/g, "")) : 0;
  };
  window.__shownTotal = shownTotal;
  new MutationObserver(() => {
    const p = window.__pull;
    if (p.start === null) return;
    if (p.visible === null && shownTotal() >= ${total}) p.visible = performance.now();
    if (p.visible !== null && p.upToDate === null && document.querySelector('.sync-indicator[data-sync="up-to-date"]')) {
      p.upToDate = performance.now();
    }
  }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });`;

/** A fresh browser (context) signed in as `name`, sync turned on as
 * `user`, on the dashboard. */
async function colleague(browser, appUrl, couch, name, user, total) {
  const context = await browser.newContext();
  await context.addInitScript(PULL_WATCH(total));
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(appUrl);
  await page.getByLabel("Partner organisation").selectOption("northwind");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Role").selectOption("incentives_admin");
  await page.getByRole("button", { name: "Use this profile" }).click();
  await page.getByRole("heading", { name: "Your claims" }).waitFor();
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Server address", { exact: true }).fill(couch.url);
  await page.getByLabel("User name", { exact: true }).fill(user);
  await page.getByLabel("Password", { exact: true }).fill(`${user}-demo`);
  await page.getByRole("button", { name: "Turn on sync" }).click();
  await page.getByText("Team sync is on:").waitFor();
  await page.getByRole("link", { name: "Claims", exact: true }).click();
  await page.getByRole("heading", { name: "Your claims" }).waitFor();
  return { context, page, errors };
}

/** The pull's times (ms from "Turn on sync"), or, when it is not done
 * within CAP_MS, `{ capped: true, shown }`: how many claims the dashboard
 * showed then. */
async function pullTimes(page) {
  const done = await page
    .waitForFunction(() => window.__pull.upToDate !== null, null, { timeout: CAP_MS, polling: 1000 })
    .then(() => true)
    .catch(() => false);
  return page.evaluate((done) => {
    const p = window.__pull;
    if (!done) return { capped: true, shown: window.__shownTotal(), saved: p.saved, after: performance.now() - p.start };
    return { capped: false, stored: p.stored - p.start, visible: p.visible - p.start, upToDate: p.upToDate - p.start };
  }, done);
}

/** The timing marks (src/sync/trace.rs) of the tab and the sync worker
 * between "Turn on sync" and all claims on the dashboard, summed per name
 * (ms and count), and the tab's long tasks: where the pull's time went. */
async function pullPhases(page) {
  const read = () => [performance.timeOrigin, performance.getEntriesByType("measure").map((e) => [e.name, e.startTime, e.duration])];
  const [origin, tab] = await page.evaluate(read);
  const { start, visible, longTasks } = await page.evaluate(() => window.__pull);
  const lists = [[origin, tab]];
  for (const w of page.workers()) {
    if (w.url().includes("sync-worker")) lists.push(await w.evaluate(read).catch(() => [origin, []]));
  }
  const sums = new Map();
  for (const [o, entries] of lists) {
    for (const [name, at, duration] of entries) {
      const t = o + at - origin;
      if (t < start || t > visible) continue;
      const [ms, n] = sums.get(name) ?? [0, 0];
      sums.set(name, [ms + duration, n + 1]);
    }
  }
  const tasks = longTasks.filter(([t]) => t >= start && t <= visible);
  sums.set("tab:long-tasks (over 50 ms)", [tasks.reduce((a, [, d]) => a + d, 0), tasks.length]);
  return [...sums].sort(([a], [b]) => a.localeCompare(b));
}

function printPhases(phases) {
  console.log("    where the time went (sum of each timing mark from the click to all on the dashboard; ms, count):");
  for (const [name, [total, n]] of phases) console.log(`      ${name}: ${fmt(Math.round(total))} ms (${fmt(n)})`);
}

function printPull(label, pull, total) {
  if (pull.capped) {
    console.log(`  ${label}: NOT DONE after ${ms(pull.after)} (the cap): ${fmt(pull.saved)} of ${fmt(total)} stored, ${fmt(pull.shown)} on the dashboard`);
  } else {
    console.log(`  ${label}: ${ms(pull.visible)}`);
    console.log(`    … → the last of them stored in IndexedDB (the worker's change notice): ${ms(pull.stored)}`);
    console.log(`    … → the header says up to date: ${ms(pull.upToDate)}`);
  }
}

// In the page: types a search into the dashboard again and again (a
// keystroke every ~100 ms, as a quick typist) while the pull runs; each
// keystroke is timed from its input event to the frame after the update.
// Stops once all `total` claims are shown with an empty search and the
// header says up to date.
const TYPE_DURING_PULL = async ([total, cap]) => {
  const words = ["f", "fa", "fab", "fabr", "fabri", "fabrik", "fabrika", "fabrikam", "fabrikam ", "fabrikam i", "fabrikam in", "fabrikam int", "fabrikam intune", ""];
  const times = [];
  // Per keystroke: its text and start, for the slowest ones' report; and
  // the long animation frames (over 50 ms) meanwhile, with the scripts
  // that ran in them (Chromium's Long Animation Frames API).
  const detail = [];
  const frames = [];
  let observer = null;
  if (PerformanceObserver.supportedEntryTypes?.includes("long-animation-frame")) {
    observer = new PerformanceObserver((list) => {
      for (const f of list.getEntries()) {
        frames.push({
          start: f.startTime,
          duration: f.duration,
          blocking: f.blockingDuration,
          // The frame's rendering (from its start to the frame's end) and,
          // within it, style and layout.
          render: f.renderStart ? f.startTime + f.duration - f.renderStart : 0,
          layout: f.styleAndLayoutStart ? f.startTime + f.duration - f.styleAndLayoutStart : 0,
          scripts: (f.scripts ?? []).map((s) => ({
            invoker: s.invoker,
            type: s.invokerType,
            duration: s.duration,
            source: `${(s.sourceURL ?? "").split("/").pop() || "(page)"}${s.sourceFunctionName ? ` ${s.sourceFunctionName}` : ""}`,
            layout: s.forcedStyleAndLayoutDuration ?? 0,
          })),
        });
      }
    });
    observer.observe({ type: "long-animation-frame", buffered: false });
  }
  const finish = () => {
    observer?.disconnect();
    window.__typing = { detail, frames };
    return times;
  };
  // Named, so that a CPU profile (CPOR_BENCH_PROFILE) can tell the
  // keystroke's own work from the rest.
  function cporBenchKeystroke(input) {
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }
  const started = performance.now();
  // The search box is there once the first claims are (an empty dashboard
  // shows a welcome instead).
  while (!document.getElementById("claims-search")) {
    if (performance.now() - started > cap) return finish();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  for (;;) {
    for (const text of words) {
      const input = document.getElementById("claims-search");
      const t0 = performance.now();
      input.value = text;
      cporBenchKeystroke(input);
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      times.push(performance.now() - t0);
      detail.push({ text, start: t0, ms: performance.now() - t0 });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const done = window.__shownTotal() >= total && document.querySelector('.sync-indicator[data-sync="up-to-date"]');
    if (done || performance.now() - started > cap) return finish();
  }
};

/** Renames claim `id` in browser `a` (claim page → Edit → Save) and
 * returns the ms until browser `b`, open on that claim, shows the name. */
async function editSeen(a, b, appUrl, id, name) {
  await b.page.goto(`${appUrl}#/claims/${encodeURIComponent(id)}`);
  await b.page.getByRole("button", { name: "Edit", exact: true }).waitFor();
  await b.page.evaluate((name) => {
    window.__seen = null;
    const check = () => {
      if (window.__seen === null && [...document.querySelectorAll("h1, h2")].some((h) => h.textContent.trim() === name)) {
        window.__seen = Date.now();
      }
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
  }, name);
  await a.page.goto(`${appUrl}#/claims/${encodeURIComponent(id)}`);
  await a.page.getByRole("button", { name: "Edit", exact: true }).click();
  await a.page.getByLabel("Claim name").fill(name);
  const save = a.page.getByRole("button", { name: "Save changes" });
  const t0 = Date.now();
  await save.click();
  await b.page.waitForFunction(() => window.__seen !== null, null, { timeout: 60_000, polling: 200 });
  return (await b.page.evaluate(() => window.__seen)) - t0;
}

/** The three slowest keystrokes of the typing during the pull: the text
 * typed, the time, and what ran in the long animation frames (over 50 ms)
 * that overlap it (each script's invoker and duration). */
async function printSlowKeystrokes(page) {
  const typing = await page.evaluate(() => window.__typing);
  if (!typing) return;
  const slow = [...typing.detail].sort((x, y) => y.ms - x.ms).slice(0, 3);
  for (const k of slow) {
    const end = k.start + k.ms;
    const overlapping = typing.frames.filter((f) => f.start < end && f.start + f.duration > k.start);
    const what = overlapping
      .map((f) => {
        const scripts = f.scripts
          .filter((s) => s.duration >= 5)
          .map((s) => `${s.invoker} from ${s.source}: ${ms(s.duration)}${s.layout >= 1 ? ` (forced layout ${ms(s.layout)})` : ""}`)
          .join("; ");
        const render = f.render ? `, rendering ${ms(f.render)} (style and layout ${ms(f.layout)})` : "";
        return `frame ${ms(f.duration)} at ${ms(f.start - k.start)}${render}${scripts ? ` [${scripts}]` : ""}`;
      })
      .join(" | ");
    console.log(`    slow keystroke ${JSON.stringify(k.text)}: ${ms(k.ms)}${what ? ` — ${what}` : ""}`);
  }
}

/** CPOR_BENCH_PROFILE=FILE: a CPU profile of browser 2's page while it
 * types during its pull (Chromium's sampling profiler, every 200 µs),
 * written to FILE (`.cpuprofile`: DevTools opens it). The app's wasm
 * functions show as indices; `node bench/profile.mjs FILE NAMES.wasm`
 * names them with the module that `CPOR_APP_NAMES=1 scripts/build-app`
 * writes (`target/app-names.wasm`). */
async function startProfile(b) {
  const cdp = await b.context.newCDPSession(b.page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  return cdp;
}

async function stopProfile(cdp, file, page) {
  const { profile } = await cdp.send("Profiler.stop");
  writeFileSync(file, JSON.stringify(profile));
  await writeKeystrokes(page, file);
  console.log(`  CPU profile of the typing: ${file} (the keystrokes: ${file}.keys.json)`);
}

/** The typing's keystrokes (text, start, ms) beside a profile or trace
 * `file`, as `file.keys.json`: bench/profile.mjs and bench/trace.mjs match
 * them to its samples and events. */
async function writeKeystrokes(page, file) {
  const typing = await page.evaluate(() => window.__typing?.detail ?? []);
  writeFileSync(`${file}.keys.json`, JSON.stringify(typing));
}

export async function benchSync({ browser, appUrl, exportFile, port }) {
  const docs = claimDocs(exportFile);
  const total = docs.length;
  const couch = await startTeamServer(port);
  try {
    const seedStart = Date.now();
    await seed(couch, docs);
    const seeded = Date.now() - seedStart;
    console.log(`Team sync (pouchdb-server in memory on 127.0.0.1, ${fmt(total)} claims):`);
    console.log(`  seeding the server (_bulk_docs, 1,000 a request): ${fmt(seeded)} ms (once)`);

    // 1. The initial pull, nothing else happening.
    const a = await colleague(browser, appUrl, couch, "Ada Lindqvist", "ada", total);
    const pull = await pullTimes(a.page);
    printPull(`initial pull into a fresh browser, "Turn on sync" → all ${fmt(total)} on the dashboard`, pull, total);
    if (!pull.capped) printPhases(await pullPhases(a.page));

    // 2. The same pull while a search is typed on the dashboard.
    const b = await colleague(browser, appUrl, couch, "Erik Berg", "erik", total);
    const serverCpu = cpuSeconds(couch.pid);
    const profile = process.env.CPOR_BENCH_PROFILE ? await startProfile(b) : null;
    const trace = process.env.CPOR_BENCH_TRACE;
    if (trace) await browser.startTracing(b.page, { path: trace, categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink", "v8"] });
    const keys = await b.page.evaluate(TYPE_DURING_PULL, [total, CAP_MS]);
    if (profile) await stopProfile(profile, process.env.CPOR_BENCH_PROFILE, b.page);
    if (trace) {
      await browser.stopTracing();
      await writeKeystrokes(b.page, trace);
      console.log(`  trace of the typing: ${trace} (the keystrokes: ${trace}.keys.json)`);
    }
    const pull2 = await pullTimes(b.page);
    const sorted = [...keys].sort((x, y) => x - y);
    const p95 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))];
    console.log(`  search keystroke → updated list during the pull (${keys.length} keystrokes; median, 95th percentile, max): ${ms(median(keys))}, ${ms(p95)}, ${ms(Math.max(...keys))}`);
    await printSlowKeystrokes(b.page);
    console.log(`    the server (pouchdb-server, on this machine) used ${(cpuSeconds(couch.pid) - serverCpu).toFixed(1)} s of CPU meanwhile`);
    printPull("that pull, with the typing, → all on the dashboard", pull2, total);
    if (pull.capped || pull2.capped) {
      console.log("  one edit in browser 1 → shown in browser 2: not measured (the pulls did not finish within the cap)");
      await a.context.close();
      await b.context.close();
      return;
    }

    // 3. One edit in browser 1 seen in browser 2 (both hold all claims).
    const drafts = docs.filter((d) => d.claim.status === "draft").map((d) => d.claim.id);
    const seen = [];
    for (let i = 0; i < EDITS && i < drafts.length; i++) {
      seen.push(await editSeen(a, b, appUrl, drafts[i], `Benchmark rename ${i + 1}`));
    }
    console.log(`  one edit in browser 1 → shown in browser 2 (Save → the claim page's heading; ${seen.length} edits; median, max): ${ms(median(seen))}, ${ms(Math.max(...seen))}`);
    console.log(`    each: ${seen.map((t) => fmt(t)).join(", ")} ms`);
    const errors = [...a.errors, ...b.errors];
    if (errors.length) console.log(`  page errors: ${errors.slice(0, 5).join(" | ")}`);
    await a.context.close();
    await b.context.close();
  } finally {
    await couch.stop();
  }
  if (EDITED_SHARE > 0) await benchEditedPull({ browser, appUrl, docs, port });
}

/** 4. The first pull when a share of the claims were edited on the server
 * (a fresh server: all seeded, then every (1/share)-th claim saved again).
 * The feed carries first revisions only, so the edited ones come through
 * `_bulk_get` with their history: a real team's database, where most
 * claims were edited, pulls like this, not like the all-first-revisions
 * figure above. */
async function benchEditedPull({ browser, appUrl, docs, port }) {
  const total = docs.length;
  const couch = await startTeamServer(port);
  try {
    const revs = await seed(couch, docs);
    const edited = editedDocs(docs, revs, EDITED_SHARE);
    await seed(couch, edited);
    const c = await colleague(browser, appUrl, couch, "Ada Lindqvist", "ada", total);
    const pull = await pullTimes(c.page);
    printPull(
      `initial pull with ${fmt(edited.length)} of the ${fmt(total)} claims at a second revision (through _bulk_get), "Turn on sync" → all on the dashboard`,
      pull,
      total,
    );
    if (!pull.capped) printPhases(await pullPhases(c.page));
    if (c.errors.length) console.log(`  page errors: ${c.errors.slice(0, 5).join(" | ")}`);
    await c.context.close();
  } finally {
    await couch.stop();
  }
}
