// End to end, hostile input against the built dist/ , with the
// figures it measures:
// 1. a PDF of 100,000 empty pages (made here, not committed) no longer
//    stalls the PoE worker: it is read up to 2,000 pages and says so, a
//    normal PDF uploaded behind it is checked, and "Download PoE template"
//    works meanwhile; two documents that stop the reader in a row are each
//    reported, with nothing uncaught;
// 2. a 20 MB export file (about 12,000 claims) is imported with progress
//    while the page keeps running (timer ticks, longest gap), can be
//    cancelled after batches were saved with nothing left, and is imported
//    whole when not cancelled;
// 3. the CSV export is defused against formula injection.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serveStatic } from "./server.mjs";
import { fixtureClaim, importClaims, openFixtureClaim, signIn, upload } from "./app.mjs";
import { launch, newPage } from "./browser.mjs";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURES = `${repo}/tests/fixtures/poe`;
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

function serve() {
  assert.ok(existsSync(`${repo}/dist/poe-worker_loader.js`), "run trunk build --release --public-url ./ first");
  return serveStatic(`${repo}/dist`, "/apps/cpor/");
}

/** A PDF of `n` empty pages sharing one empty content stream (about 90 bytes a page). */
export function emptyPagesPdf(n) {
  const objects = ["<< /Type /Catalog /Pages 2 0 R >>", null, "<< /Length 0 >>\nstream\n\nendstream"];
  const kids = [];
  for (let i = 0; i < n; i++) {
    objects.push("<< /Type /Page /Parent 2 0 R /Contents 3 0 R >>");
    kids.push(`${objects.length} 0 R`);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(" ")}] /Count ${n} /MediaBox [0 0 612 792] >>`;
  const parts = ["%PDF-1.4\n"];
  let size = parts[0].length;
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(size);
    const obj = `${i + 1} 0 obj\n${body}\nendobj\n`;
    parts.push(obj);
    size += obj.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`];
  for (const o of offsets) xref.push(`${String(o).padStart(10, "0")} 00000 n \n`);
  parts.push(xref.join(""), `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${size}\n%%EOF\n`);
  return Buffer.from(parts.join(""), "latin1");
}

function status(page, name) {
  return page.locator("fieldset.checklist-doc").filter({ has: page.locator("legend", { hasText: name }) }).locator(".precheck-status");
}

test("a 100,000-page PDF does not stall the worker; the next PDF and the template still come", async () => {
  const server = await serve();
  const errors = [];
  const context = await browser.newContext({ acceptDownloads: true });
  let page;
  try {
    page = await newPage(context, errors);
    await openFixtureClaim(page, server.url, "hostile-1");

    const pdf = emptyPagesPdf(100_000);
    assert.ok(pdf.length < 20 * 1024 * 1024, `${pdf.length} bytes`);
    const t0 = Date.now();
    await upload(page, "100000-pages.pdf", pdf);
    // A normal PDF behind it, and the template while it is being read.
    await upload(page, "sow-complete-en.pdf", readFileSync(`${FIXTURES}/sow-complete-en.pdf`));
    const uploadedMs = Date.now() - t0;
    const tClick = Date.now();
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: 30_000 }),
      page.getByRole("button", { name: "Download PoE template" }).click(),
    ]);
    const templateMs = Date.now() - tClick;
    assert.equal(download.suggestedFilename(), "PoE template - Contoso Sales rollout.docx");
    await status(page, "100000-pages.pdf")
      .filter({ hasText: "Only the first 2000 of its 100000 pages were checked." })
      .waitFor({ timeout: 120_000 });
    const stallMs = Date.now() - t0;
    await status(page, "sow-complete-en.pdf").filter({ hasText: "Pre-checked" }).waitFor({ timeout: 60_000 });
    const nextMs = Date.now() - t0;
    console.log(
      `  100,000-page PDF (${pdf.length} bytes): both uploads done after ${uploadedMs} ms; the template, asked for meanwhile, came ${templateMs} ms after the click; the PDF reported after ${stallMs} ms, the PDF behind it checked after ${nextMs} ms (from the first upload)`,
    );

    // Two documents that stop the reader, one after the other: each is
    // reported; no "closure invoked recursively or after being dropped".
    const mangled = readFileSync(`${FIXTURES}/mangled.pdf`);
    await upload(page, "mangled-1.pdf", mangled);
    await upload(page, "mangled-2.pdf", mangled);
    for (const name of ["mangled-1.pdf", "mangled-2.pdf"]) {
      await status(page, name).filter({ hasText: "The pre-check stopped on this document" }).waitFor({ timeout: 30_000 });
    }
    await page.waitForTimeout(500);
    assert.deepEqual(errors.filter((e) => /closure invoked/.test(e)), []);
    assert.deepEqual(errors.filter((e) => !/unreachable|RuntimeError/.test(e)), []);
  } catch (e) {
    if (process.env.E2E_SHOTS) await page?.screenshot({ path: `${process.env.E2E_SHOTS}/hostile-worker-failure.png`, fullPage: true });
    throw e;
  } finally {
    await context.close();
    await server.close();
  }
});

/** An export file of about `mb` megabytes (claims with one long comment each). */
function exportFile(mb) {
  const comment = { at: "2026-10-02T09:00:00Z", actor: { kind: "reviewer", name: "Microsoft reviewer" }, text: "A reviewer's note. ".repeat(40) };
  const claims = [];
  let size = 0;
  for (let i = 0; size < mb * 1024 * 1024; i++) {
    const c = { ...fixtureClaim(`bulk-${String(i).padStart(6, "0")}`, ["teams"]), solutionArea: "modern_work_security", partnerRole: "use_or_consume", name: `Bulk claim ${i}`, comments: [comment] };
    const text = JSON.stringify(c);
    size += text.length + 1;
    claims.push(text);
  }
  const body = `{"format":"cpor-desk-export","schemaVersion":1,"claims":[${claims.join(",")}]}`;
  return { buffer: Buffer.from(body), claims: claims.length };
}

/** Starts recording timer ticks in the page (every 10 ms). */
async function startTicks(page) {
  await page.evaluate(() => {
    const t = { ticks: 0, longest: 0, last: performance.now(), running: true };
    const tick = () => {
      const now = performance.now();
      t.longest = Math.max(t.longest, now - t.last);
      t.last = now;
      t.ticks++;
      if (t.running) setTimeout(tick, 10);
    };
    setTimeout(tick, 10);
    window.__ticks = t;
  });
}

async function stopTicks(page) {
  return page.evaluate(() => {
    window.__ticks.running = false;
    return { ticks: window.__ticks.ticks, longest: window.__ticks.longest };
  });
}

test("a 20 MB export file imports with progress and a responsive page, and Cancel writes nothing", async () => {
  const server = await serve();
  const errors = [];
  let page;
  try {
    page = await newPage(browser, errors);
    await page.goto(server.url);
    await signIn(page);
    await page.getByRole("link", { name: "Settings" }).click();
    const file = exportFile(20);
    // From a file on disk: Playwright then hands the browser the path, and
    // the page's main thread does not decode 20 MB of test data itself.
    const path = join(mkdtempSync(join(tmpdir(), "cpor-hostile-")), "big-export.json");
    writeFileSync(path, file.buffer);
    const input = page.getByLabel("Import data from an export file");

    // Cancelled after batches were written (claims are saved 2,000 at a
    // time while the file is read): they are undone, nothing stays.
    await input.setInputFiles(path);
    await page.getByRole("progressbar", { name: "Import progress" }).waitFor();
    await page.getByText(/MB read, [1-9][\d,]* claims saved so far/).waitFor({ timeout: 120_000 });
    await page.getByRole("button", { name: "Cancel import" }).click();
    await page.getByText("Import cancelled: nothing was imported.").waitFor({ timeout: 60_000 });
    await page.getByText("Claims: 0.").waitFor();

    // Whole: every claim, with the page responsive throughout.
    await startTicks(page);
    const t0 = Date.now();
    await input.setInputFiles(path);
    await page.getByText(`Imported: ${file.claims} new`).waitFor({ timeout: 180_000 });
    const ms = Date.now() - t0;
    const ticks = await stopTicks(page);
    // Then the app loads every claim again (as after any change): timed
    // apart, it is the same load the dashboard measures.
    await startTicks(page);
    const t1 = Date.now();
    await page.getByText(`Claims: ${file.claims}.`).waitFor({ timeout: 60_000 });
    const reload = await stopTicks(page);
    console.log(
      `  ${(file.buffer.length / 1048576).toFixed(1)} MB export, ${file.claims} claims: read, checked and written in ${ms} ms, ${ticks.ticks} timer ticks, longest gap ${ticks.longest.toFixed(0)} ms; then all claims loaded again in ${Date.now() - t1} ms, longest gap ${reload.longest.toFixed(0)} ms`,
    );
    assert.ok(file.claims <= 20_000);
    assert.ok(ticks.ticks >= ms / 100, `only ${ticks.ticks} ticks in ${ms} ms`);
    assert.deepEqual(errors, []);
  } catch (e) {
    if (process.env.E2E_SHOTS) await page?.screenshot({ path: `${process.env.E2E_SHOTS}/hostile-import-failure.png`, fullPage: true });
    throw e;
  } finally {
    await server.close();
  }
});

test("the CSV export defuses formulas and starts with a byte-order mark", async () => {
  const server = await serve();
  const errors = [];
  const context = await browser.newContext({ acceptDownloads: true });
  try {
    const page = await newPage(context, errors);
    await page.goto(server.url);
    await signIn(page);
    const claim = {
      ...fixtureClaim("formula-1"),
      name: '=HYPERLINK("http://127.0.0.1/?"&A2,"Click me")',
      customerContact: { name: "=1+2", email: "anna@contoso.com", phone: "+46 8 123 456" },
    };
    await importClaims(page, [claim]);
    await page.getByRole("link", { name: "Claims" }).first().click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
    const csv = readFileSync(await download.path(), "utf8");
    assert.ok(csv.startsWith("\uFEFFclaim_id,"), csv.slice(0, 40));
    assert.ok(csv.includes(`"'=HYPERLINK(""http://127.0.0.1/?""&A2,""Click me"")"`), csv);
    assert.ok(csv.includes(",'=1+2,anna@contoso.com,'+46 8 123 456,"), csv);
    assert.ok(csv.includes(",draft,Editing,"), csv);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});
