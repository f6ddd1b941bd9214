// End to end, the PoE pre-check in headless Chromium on the built dist/:
// 1. the worker itself (dist/poe-worker_loader.js) reads every fixture of
//    tests/fixtures/poe and gives the verdicts of expected.json, with the
//    times it took, and a 20 MB document leaves the page responsive;
// 2. like a partner: upload a deficient PDF and see the missing items and
//    the reasons a reviewer would give; a file that stops the reader is
//    reported and the next one is checked by a fresh worker; the "Download
//    PoE template" round trip (download, fill the sign-off lines, upload:
//    every item found).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { serveStatic } from "./server.mjs";
import { fixtureClaim, openFixtureClaim, upload } from "./app.mjs";
import { launch, newPage } from "./browser.mjs";
import { editDocx } from "./docx.mjs";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURES = `${repo}/tests/fixtures/poe`;
const EXPECTED = JSON.parse(readFileSync(`${FIXTURES}/expected.json`, "utf8"));
const ITEMS = ["acknowledgement", "products", "activities", "names", "dates"];
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

function serve() {
  assert.ok(existsSync(`${repo}/dist/poe-worker_loader.js`), "run trunk build --release --public-url ./ first");
  return serveStatic(`${repo}/dist`, "/apps/cpor/", { "/fixtures/": FIXTURES });
}

test("the PoE worker reads every fixture with the expected verdicts, off the main thread", async () => {
  const server = await serve();
  const errors = [];
  try {
    const page = await newPage(browser, errors);
    await page.goto(server.url);
    const jobs = EXPECTED.map((f) => ({
      file: f.file,
      kind: f.kind,
      json: JSON.stringify({ docId: f.file, kind: f.kind, claim: fixtureClaim("c", f.products), today: "2026-11-21" }),
    }));
    // In the page: one worker, as the app starts it; a new one after a
    // document that stops it (as the app does).
    const results = await page.evaluate(async (jobs) => {
      const start = () =>
        new Promise((resolve, reject) => {
          const w = new Worker("poe-worker_loader.js");
          w.onmessage = (e) => e.data === "ready" && resolve(w);
          w.onerror = (e) => reject(new Error(e.message));
        });
      let worker = await start();
      const out = [];
      let id = 0;
      for (const job of jobs) {
        const bytes = new Uint8Array(await (await fetch(`/fixtures/${job.file}`)).arrayBuffer());
        const t0 = performance.now();
        const reply = await new Promise((resolve) => {
          worker.onmessage = (e) => resolve(e.data);
          worker.onerror = (e) => {
            e.preventDefault();
            resolve({ ok: false, crashed: true, error: e.message });
          };
          worker.postMessage({ id: ++id, op: "check", json: job.json, bytes });
        });
        out.push({ file: job.file, bytes: bytes.length, ms: performance.now() - t0, reply });
        if (reply.crashed) {
          worker.terminate();
          worker = await start();
        }
      }
      worker.terminate();
      return out;
    }, jobs);

    const rows = [];
    for (const r of results) {
      const want = EXPECTED.find((f) => f.file === r.file);
      if (want.extract === "failed") {
        assert.equal(r.reply.crashed, true, `${r.file}: ${JSON.stringify(r.reply)}`);
        rows.push([r.file, r.bytes, r.ms.toFixed(0), "-", "reader stopped (worker restarted)"]);
        continue;
      }
      assert.equal(r.reply.ok, true, `${r.file}: ${JSON.stringify(r.reply)}`);
      const report = JSON.parse(r.reply.json);
      if (want.extract === "no_text") {
        assert.equal(report.outcome, "noText", r.file);
      } else if (want.extract === "encrypted" || want.extract === "corrupt") {
        assert.equal(report.outcome, "notRead", r.file);
        assert.equal(report.code, want.extract, r.file);
      } else {
        assert.equal(report.outcome, "checked", `${r.file}: ${r.reply.json}`);
        const got = Object.fromEntries(report.results.map((x) => [x.item, x.status]));
        assert.deepEqual(got, want.expect, r.file);
      }
      rows.push([r.file, r.bytes, r.ms.toFixed(0), report.extractMs?.toFixed(0) ?? "-", report.outcome]);
    }
    console.log("PoE worker, per fixture (bytes, round trip ms, extraction ms, outcome):");
    for (const row of rows) console.log(`  ${row.join("\t")}`);

    // 20 MB of text: the main thread keeps running while the worker reads it.
    const big = await page.evaluate(async () => {
      const base = await (await fetch("/fixtures/sow-complete-en.txt")).text();
      const parts = [];
      let size = 0;
      while (size + base.length < 20 * 1024 * 1024) {
        parts.push(base, "\f");
        size += base.length + 1;
      }
      const bytes = new TextEncoder().encode(parts.join(""));
      const w = await new Promise((resolve) => {
        const w = new Worker("poe-worker_loader.js");
        w.onmessage = (e) => e.data === "ready" && resolve(w);
      });
      const claim = { partnerOrg: { name: "Northwind Traders" }, customerName: "Contoso Ltd", products: [{ product: "d365_sales" }] };
      let ticks = 0;
      let longest = 0;
      let last = performance.now();
      let running = true;
      const tick = () => {
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
        ticks++;
        if (running) setTimeout(tick, 10);
      };
      setTimeout(tick, 10);
      const t0 = performance.now();
      const reply = await new Promise((resolve) => {
        w.onmessage = (e) => resolve(e.data);
        w.postMessage({ id: 1, op: "check", json: JSON.stringify({ docId: "big", kind: "txt", claim, today: "2026-11-21" }), bytes });
      });
      const ms = performance.now() - t0;
      running = false;
      w.terminate();
      return { bytes: bytes.length, ms, ticks, longest, report: JSON.parse(reply.json) };
    });
    console.log(
      `  20 MB TXT: ${big.bytes} bytes, ${big.ms.toFixed(0)} ms in the worker (extraction ${big.report.extractMs.toFixed(0)} ms, analysis ${big.report.analyzeMs.toFixed(0)} ms); main thread: ${big.ticks} timer ticks, longest gap ${big.longest.toFixed(0)} ms`,
    );
    assert.equal(big.report.outcome, "checked");
    assert.ok(big.report.results.every((r) => r.status === "found"), JSON.stringify(big.report.results));
    // The page kept running: timers fired throughout the job, and no gap
    // came near the job's own length (it would, on the main thread).
    assert.ok(big.ticks >= 5, `only ${big.ticks} timer ticks in ${big.ms} ms`);
    assert.ok(big.longest < Math.max(250, big.ms / 2), `main thread blocked for ${big.longest} ms`);
    assert.deepEqual(errors, []);
  } finally {
    await server.close();
  }
});

/** The per-item verdicts shown in the checklist of the document `name`. */
async function verdicts(page, name) {
  const fieldset = page.locator("fieldset.checklist-doc").filter({ has: page.locator("legend", { hasText: name }) });
  await fieldset.locator(".precheck-status").filter({ hasText: /Pre-checked|stopped|password|No text|damaged/ }).waitFor({ timeout: 20000 });
  const out = await fieldset.evaluate((fs, items) => {
    const verdicts = {};
    for (const item of items) {
      const row = fs.querySelector(`input[data-item="${item}"]`)?.closest(".check");
      verdicts[item] = row?.querySelector(".verdict")?.textContent.trim() ?? null;
    }
    return verdicts;
  }, ITEMS);
  return { fieldset, out };
}

test("a partner sees what a deficient PDF lacks, and the PoE template round trip finds everything", async () => {
  const server = await serve();
  const errors = [];
  const context = await browser.newContext({ acceptDownloads: true });
  let page;
  try {
    page = await newPage(context, errors);
    await openFixtureClaim(page, server.url, "precheck-1");

    // A deficient PDF: what is missing, with evidence, and what a reviewer
    // would ask for. (The first check also starts the worker: timed.)
    const t0 = Date.now();
    await upload(page, "kick-off-notes.pdf", readFileSync(`${FIXTURES}/deficient-en.pdf`));
    const deficient = await verdicts(page, "kick-off-notes.pdf");
    console.log(`  first pre-check in the UI (upload, worker start, extraction, analysis, render): ${Date.now() - t0} ms`);
    assert.deepEqual(deficient.out, {
      acknowledgement: "Not found",
      products: "Not found",
      activities: "Unsure",
      names: "Found",
      dates: "Not found",
    });
    await deficient.fieldset.getByText("missing: Dynamics 365 Sales").waitFor();
    const summary = page.getByTestId("precheck-summary");
    for (const reason of ["Missing customer acknowledgement", "Missing or old dates", "Missing products"]) {
      await summary.getByText(reason).waitFor();
    }

    // A PDF that stops the reader: reported; the next file gets a fresh worker.
    await upload(page, "mangled.pdf", readFileSync(`${FIXTURES}/mangled.pdf`));
    await verdicts(page, "mangled.pdf");
    await page.locator("fieldset.checklist-doc", { hasText: "mangled.pdf" }).getByText("The pre-check stopped on this document").waitFor();

    // The template: download, check it blank, fill the sign-off lines, upload.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download PoE template" }).click(),
    ]);
    assert.equal(download.suggestedFilename(), "PoE template - Contoso Sales rollout.docx");
    const blank = readFileSync(await download.path());
    await upload(page, "template-blank.docx", blank);
    const blankVerdicts = await verdicts(page, "template-blank.docx");
    assert.deepEqual(blankVerdicts.out, {
      acknowledgement: "Unsure",
      products: "Found",
      activities: "Found",
      names: "Found",
      dates: "Found",
    });
    const filled = editDocx(blank, (xml) => {
      for (const [label, value] of [["Signature", "Anna Svensson"], ["Name", "Anna Svensson"], ["Date", "2026-11-25"]]) {
        const line = `${label}: ______________________________`;
        assert.ok(xml.includes(line), `${line} in the template`);
        xml = xml.replace(line, `${label}: ${value}`);
      }
      return xml;
    });
    await upload(page, "template-signed.docx", filled);
    const signed = await verdicts(page, "template-signed.docx");
    assert.deepEqual(signed.out, {
      acknowledgement: "Found",
      products: "Found",
      activities: "Found",
      names: "Found",
      dates: "Found",
    });
    await summary.getByText("Every checklist item is met").waitFor();

    // The worker's trap on mangled.pdf is the only error expected.
    assert.deepEqual(errors.filter((e) => !/unreachable|RuntimeError/.test(e)), []);
  } catch (e) {
    if (process.env.E2E_SHOTS) await page?.screenshot({ path: `${process.env.E2E_SHOTS}/precheck-failure.png`, fullPage: true });
    throw e;
  } finally {
    await context.close();
    await server.close();
  }
});
