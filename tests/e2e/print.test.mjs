// Printing a claim, end to end: the claim page's "Print or save as PDF"
// opens the browser's print dialog, and in print media the page shows the
// claim (title, status, details, timeline, documents, checklist) without
// the navigation, the forms and the buttons.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { serveStatic } from "./server.mjs";
import { importClaims, screenClaims, signIn } from "./app.mjs";
import { launch, newPage } from "./browser.mjs";

const repo = fileURLToPath(new URL("../../", import.meta.url));
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("a claim prints with its details, status, timeline, documents and checklist, without navigation, forms or buttons", async () => {
  assert.ok(existsSync(`${repo}/dist/index.html`), "run trunk build --release --public-url ./ first");
  const server = await serveStatic(`${repo}/dist`, "/apps/cpor/");
  const errors = [];
  const page = await newPage(browser, errors);
  try {
    await page.goto(server.url);
    await signIn(page);
    await importClaims(page, screenClaims());
    await page.goto(`${server.url}#/claims/a11y-submitted`);
    await page.getByRole("heading", { name: "Submitted claim" }).waitFor();

    // The Print action calls the browser's print.
    await page.evaluate(() => {
      window.printed = 0;
      window.print = () => {
        window.printed += 1;
      };
    });
    await page.getByRole("button", { name: "Print or save as PDF" }).click();
    assert.equal(await page.evaluate(() => window.printed), 1);
    assert.equal(await page.locator(".printed-on").isVisible(), false, "print-only on screen is hidden");
    assert.equal(await page.locator(".print-tick").first().isVisible(), false);

    await page.emulateMedia({ media: "print" });
    const visible = async (selector) => page.locator(selector).evaluateAll((els) => els.filter((e) => e.checkVisibility()).length);
    assert.equal(await visible("button"), 0, "no buttons");
    assert.equal(await visible("input, select, textarea"), 0, "no form controls");
    assert.equal(await visible("nav"), 0, "no navigation");
    assert.equal(await visible(".app-footer, .breadcrumb, .language-switch"), 0);
    for (const heading of ["Submitted claim", "Details", "Timeline", "Proof of execution (documents)", "PoE checklist", "History"]) {
      assert.ok(await page.getByRole("heading", { name: heading, exact: true }).isVisible(), heading);
    }
    assert.ok(await page.locator(".claim-head .status-badge").isVisible(), "the status");
    assert.ok(await page.locator(".status-diagram").isVisible(), "the status diagram");
    assert.ok(await page.locator(".deadline").first().isVisible(), "the open deadline");
    assert.ok(await page.getByRole("rowheader", { name: "statement-of-work-signed-by-the-customer-2026.pdf" }).isVisible(), "the documents list");
    assert.ok(await page.getByText("Customer signature or proof of customer acknowledgement").first().isVisible(), "the checklist");
    // The checkboxes are not printed: each item's state is written out.
    const ticks = await page.locator(".print-tick").evaluateAll((els) => els.filter((e) => e.checkVisibility()).map((e) => e.textContent.trim()));
    assert.equal(ticks.length, 5, "one state per checklist item");
    assert.ok(ticks.every((t) => /^(☑ Ticked|☐ Not ticked):$/.test(t)), ticks.join(" | "));
    assert.match(await page.locator(".printed-on").innerText(), /^Printed from CPOR Desk on /);
    // A PDF can be made from it (what "Save as PDF" does).
    const pdf = await page.pdf({ format: "A4" });
    assert.ok(pdf.length > 10_000, `${pdf.length} bytes`);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
    await server.close();
  }
});
