// End to end: two tabs of one browser share the claims (an import in one
// tab shows up in the other without a reload), and Export all data gives a
// file with everything, which a fresh browser imports back.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { serveStatic } from "./server.mjs";
import { FABRIKAM, FABRIKAM_DOMAIN } from "./app.mjs";
import { launch, newTab } from "./browser.mjs";

const repo = fileURLToPath(new URL("../../", import.meta.url));
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const EXPORT = {
  format: "cpor-desk-export",
  schemaVersion: 1,
  claims: [
    {
      id: "imported-1",
      name: "Imported Teams claim",
      solutionArea: "modern_work_security",
      partnerRole: "use_or_consume",
      partnerOrg: { id: "northwind", name: "Northwind Traders" },
      partnerLocation: "4312785",
      customerName: "Fabrikam, Inc.",
      customerDomain: FABRIKAM_DOMAIN,
      tenantId: FABRIKAM,
      products: [{ product: "teams" }],
      // An import runs the wizard's checks: a claim without contacts would
      // go to the quarantine.
      customerContact: { name: "Frida Fabrikam", email: "frida@fabrikam.com" },
      partnerContact: { name: "Ada Lindqvist", email: "ada@northwind.example" },
      status: "draft",
      revision: 1,
      createdAt: "2026-11-02T09:00:00Z",
    },
    { id: "broken-1", status: "no-such-status" },
  ],
};

async function signIn(page) {
  await page.getByLabel("Your name").fill("Ada Lindqvist");
  await page.getByRole("button", { name: "Use this profile" }).click();
  await page.getByRole("heading", { name: "Your claims" }).waitFor();
}

test("an import in one tab appears in the other; export and import round-trip", async () => {
  assert.ok(existsSync(`${repo}/dist/index.html`), "run trunk build --release --public-url ./ first");
  const server = await serveStatic(`${repo}/dist`, "/cdn/cpor-desk/");
  const errors = [];
  const context = await browser.newContext({ acceptDownloads: true });
  try {
    const one = await newTab(context, errors);
    await one.goto(server.url);
    await signIn(one);
    const two = await newTab(context, errors);
    await two.goto(server.url);
    await two.getByRole("heading", { name: "Your claims" }).waitFor();
    await two.getByText("No claims yet").waitFor();

    await one.getByRole("link", { name: "Settings" }).click();
    await one.getByLabel("Import data from an export file").setInputFiles({
      name: "export.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(EXPORT)),
    });
    await one.getByText("Imported: 1 new").waitFor();
    // The unreadable claim of the file is quarantined and listed, not
    // dropped (the report names it too).
    await one.getByText("import:broken-1", { exact: true }).waitFor();

    // The other tab follows without a reload.
    await two.getByRole("link", { name: "Imported Teams claim" }).waitFor();

    // Export everything from the second tab.
    await two.getByRole("link", { name: "Settings" }).click();
    const [download] = await Promise.all([
      two.waitForEvent("download"),
      two.getByRole("button", { name: "Export all data" }).click(),
    ]);
    const file = JSON.parse(readFileSync(await download.path(), "utf8"));
    assert.equal(file.format, "cpor-desk-export");
    assert.deepEqual(file.claims.map((c) => c.id), ["imported-1"]);
    assert.deepEqual(file.quarantined.map((q) => q.key), ["import:broken-1"]);

    // A fresh browser (new context: empty storage) imports it back.
    const fresh = await browser.newContext();
    try {
      const three = await newTab(fresh, errors);
      await three.goto(`${server.url}#/settings`);
      await three.getByLabel("Import data from an export file").setInputFiles({
        name: "export.json",
        mimeType: "application/json",
        buffer: readFileSync(await download.path()),
      });
      await three.getByText("Imported: 1 new").waitFor();
      await three.goto(`${server.url}#/claims/imported-1`);
      await three.getByLabel("Your name").fill("Ada Lindqvist");
      await three.getByRole("button", { name: "Use this profile" }).click();
      await three.getByRole("heading", { name: "Imported Teams claim" }).waitFor();
    } finally {
      await fresh.close();
    }
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});
