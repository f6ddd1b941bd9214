// The partner's main path in Firefox ESR and WebKit (WebKitGTK's
// MiniBrowser), against the built dist/ served from a sub-path with the
// deploy headers (_headers: the CSP as a header, with a report URI on the
// test server): profile → wizard for Contoso → create → upload a real
// statement of work and see its pre-check (every item Found) → submit →
// reload, still Submitted with its document → the server goes away and a
// reload still opens the claim (the service worker) → no CSP violation
// reported, no error in the page. One test per engine (CPOR_ENGINES picks
// them; driver.mjs says how each is driven).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DIST, serveStatic } from "../e2e/server.mjs";
import { CONTOSO } from "../e2e/app.mjs";
import { ENGINES, openEngine, withErrorCapture } from "./driver.mjs";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const PDF = readFileSync(`${repo}/tests/fixtures/poe/sow-complete-en.pdf`).toString("base64");
const ITEMS = ["acknowledgement", "products", "activities", "names", "dates"];
// The split build's chunks (scripts/split-app.mjs), which the app preloads
// after its first page; not the load snapshot's writer, fetched only when a
// load hands over a compaction (tests/e2e/split.test.mjs covers it).
const CHUNKS = existsSync(DIST)
  ? readdirSync(DIST).filter((f) => /^cpor-desk-[0-9a-f]{16}-[A-Za-z0-9_]+\.wasm$/.test(f) && !/snapshot_write/.test(f))
  : [];

for (const engine of ENGINES) {
  test(`${engine}: profile, wizard for Contoso, create, PoE pre-check, submit, reload, offline reload, no CSP violation`, async () => {
    assert.ok(existsSync(`${DIST}/_headers`), "build dist/ first: scripts/build-app");
    assert.ok(CHUNKS.length > 0, "dist/ is the split build (scripts/build-app)");
    const cspReports = [];
    // WebKit's driver has no console events: its page records its errors
    // (driver.mjs, withErrorCapture) and the test reads them.
    const served = engine === "webkit" ? withErrorCapture(DIST) : { dir: DIST, cleanup() {} };
    const server = await serveStatic(served.dir, "/apps/cpor/", {}, { headers: true, cspReports });
    let b;
    try {
      b = await openEngine(engine);
      const t0 = Date.now();
      await b.goto(server.url);

      // Profile.
      await b.waitFor(() => ui.field("Partner organisation"), [], "the profile form");
      // index.html's start-up check found everything the app needs in this
      // engine: its message was never shown (docs/browsers.md#below-minimum).
      assert.deepEqual(
        await b.evaluate(() => {
          const box = document.getElementById("start-failed");
          return box && { hidden: box.hidden, reason: box.getAttribute("data-reason") };
        }),
        { hidden: true, reason: null },
        "the start-up check's message",
      );
      await b.waitFor(() => {
        ui.select("Partner organisation", "northwind");
        ui.fill("Your name", "Ada Lindqvist");
        ui.select("Role", "incentives_admin");
        return true;
      });
      await b.waitFor(() => ui.click("Use this profile"));
      await b.waitFor(() => ui.text().includes("Your claims"), [], "the dashboard");

      // The wizard, step by step: each step's fields, then Continue.
      await b.evaluate(() => ui.link("New claim"));
      const steps = [
        ["Solution area", () => {
          ui.select("Solution area", "business_applications");
          ui.select("Partner role", "build_intent_advisor");
          return true;
        }],
        ["Partner location (MPN ID)", () => ui.select("Partner location (MPN ID)", "4312785") ?? true],
        ["Customer domain", (tenant) => {
          ui.fill("Customer domain", "contoso.com");
          ui.fill("Tenant ID", tenant);
          ui.fill("Customer organisation name", "Contoso Ltd");
          return true;
        }],
        ["Dynamics 365 Sales", () => ui.check("Dynamics 365 Sales") ?? true],
        ["Claim name", () => {
          ui.fill("Customer contact name", "Anna Svensson");
          ui.fill("Customer contact email", "anna@contoso.com");
          ui.fill("Partner contact name", "Ada Lindqvist");
          ui.fill("Partner contact email", "ada@northwind.example");
          ui.fill("Claim name", "Contoso Sales rollout");
          return true;
        }],
      ];
      for (const [first, fill] of steps) {
        await b.waitFor((label) => ui.field(label), [first], `the wizard step with "${first}"`);
        // Again until every value is taken (a list's options may come
        // after the field before it is chosen).
        await b.waitFor(fill, [CONTOSO], `the values of the step with "${first}"`);
        await b.waitFor(() => ui.click("Continue"));
      }
      await b.waitFor(() => ui.click("Create claim"), [], "Create claim on the review step");

      // The claim page.
      const hash = await b.waitFor(() => /^#\/claims\/[0-9a-f-]{36}$/.test(location.hash) && location.hash, [], "the new claim's page");
      await b.waitFor(() => ui.hasButton("Submit claim"), [], "the claim page");

      // A real statement of work: the pre-check reads it in this engine (the
      // PoE worker) and finds every item.
      await b.evaluate((pdf) => ui.upload("Add PoE document", "statement-of-work.pdf", pdf, "application/pdf"), PDF);
      const verdicts = await b.waitFor(
        (items) => {
          const fs = [...document.querySelectorAll("fieldset.checklist-doc")].find((f) => ui.norm(f.querySelector("legend")?.textContent) === "statement-of-work.pdf");
          if (!fs || !/Pre-checked in your browser/.test(fs.querySelector(".precheck-status")?.textContent ?? "")) return null;
          return Object.fromEntries(items.map((i) => [i, ui.norm(fs.querySelector(`input[data-item="${i}"]`)?.closest(".check")?.querySelector(".verdict")?.textContent)]));
        },
        [ITEMS],
        "the document's pre-check",
        // The worker's first start and the PDF's reading, on a loaded machine.
        120_000,
      );
      assert.deepEqual(verdicts, Object.fromEntries(ITEMS.map((i) => [i, "Found"])));

      // Submit; a reload opens the same claim, still Submitted, with its document.
      await b.waitFor(() => ui.click("Submit claim"));
      await b.waitFor(() => document.querySelector('.status-badge[data-status="submitted"]'), [], "Submitted");
      const submitted = async (what) => {
        assert.equal(await b.evaluate(() => location.hash), hash);
        await b.waitFor(
          () => document.querySelector('.status-badge[data-status="submitted"]') && ui.text().includes("statement-of-work.pdf"),
          [],
          what,
        );
      };
      await b.reload();
      await submitted("the claim, Submitted with its document, after a reload");
      await b.collectErrors();
      assert.deepEqual(b.errors.splice(0), [], "errors in the page (online)");

      // Offline: once this build's service worker controls the page, the
      // server goes away and a reload still opens the claim. First the
      // page's preloads (every chunk of the split build) end: a reload
      // while one is in flight cancels it, and Firefox then reports an
      // error for the page being left (docs/browsers.md#degrades).
      await b.waitFor(() => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined, [], "the service worker's control");
      await b.waitFor(
        (chunks) => {
          const done = new Set(performance.getEntriesByType("resource").filter((e) => e.responseEnd > 0).map((e) => e.name.split("/").pop()));
          return chunks.every((c) => done.has(c));
        },
        [CHUNKS],
        `the preloads of the ${CHUNKS.length} chunks`,
      );
      await server.close();
      await b.reload();
      await submitted("the claim after a reload with the server gone (service worker)");

      assert.deepEqual(cspReports, [], "CSP violations reported");
      await b.collectErrors();
      assert.deepEqual(b.errors, [], "errors in the page (offline)");
      console.log(`  ${engine}: main path in ${Date.now() - t0} ms`);
    } finally {
      await b?.close();
      await server.close();
      served.cleanup();
    }
  });
}
