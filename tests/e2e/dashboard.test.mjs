// End to end: the claims dashboard with bulk export and import, as a
// partner would use it: claims imported from an export file, search and a
// status filter, the filtered claims exported to CSV and their deadlines to
// iCalendar, and the CSV imported back (a per-row report, then new drafts).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { serveStatic } from "./server.mjs";
import { CONTOSO, CONTOSO_DOMAIN, FABRIKAM, FABRIKAM_DOMAIN, importClaims, signIn } from "./app.mjs";
import { launch, newPage } from "./browser.mjs";

const repo = fileURLToPath(new URL("../../", import.meta.url));
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const day = (n) => new Date(Date.now() - n * 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");

function claim(i, status, customer, domain, tenant, product) {
  return {
    id: `00000000-0000-4000-8000-00000000000${i}`,
    name: `${customer} ${product}`,
    solutionArea: "modern_work_security",
    partnerRole: "use_or_consume",
    partnerOrg: { id: "northwind", name: "Northwind Traders" },
    partnerLocation: "4312785",
    customerName: customer,
    customerDomain: domain,
    tenantId: tenant,
    products: [{ product }],
    customerContact: { name: "Anna Svensson", email: `anna@${domain}` },
    partnerContact: { name: "Ada Lindqvist", email: "ada@northwind.example" },
    status,
    revision: 1,
    createdAt: day(2),
    history: [
      { at: day(2), actor: { kind: "partner", orgId: "northwind", role: "incentives_admin", name: "Ada Lindqvist" }, action: { type: "created" }, to: "draft" },
      ...(status === "draft" ? [] : [{ at: day(1), actor: { kind: "partner", orgId: "northwind", role: "incentives_admin", name: "Ada Lindqvist" }, action: { type: "submitted" }, from: "draft", to: "submitted" }]),
    ],
  };
}

const CLAIMS = [
  claim(1, "submitted", "Contoso Ltd", CONTOSO_DOMAIN, CONTOSO, "teams"),
  claim(2, "submitted", "Fabrikam, Inc.", FABRIKAM_DOMAIN, FABRIKAM, "intune"),
  claim(3, "draft", "Contoso Ltd", CONTOSO_DOMAIN, CONTOSO, "intune"),
];

test("search, filter, export CSV and iCalendar, import the CSV back", async () => {
  assert.ok(existsSync(`${repo}/dist/index.html`), "run trunk build --release --public-url ./ first");
  const server = await serveStatic(`${repo}/dist`, "/apps/cpor/");
  const errors = [];
  const context = await browser.newContext({ acceptDownloads: true });
  let page;
  try {
    page = await newPage(context, errors);
    await page.goto(server.url);
    await signIn(page);
    await importClaims(page, CLAIMS);
    await page.getByRole("link", { name: "Claims" }).first().click();
    await page.getByText("Showing 1–3 of 3 claims").waitFor();

    // Search, then a status filter from the counts.
    await page.getByLabel("Search claims").fill("contoso");
    await page.getByText("Showing 1–2 of 2 claims").waitFor();
    await page.locator('.status-counts .count[data-status="submitted"]').click();
    await page.getByText("Showing 1 claim").waitFor();

    // Export what is shown: one claim, one product → a header and one row.
    const [csvDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export CSV" }).click(),
    ]);
    assert.equal(csvDownload.suggestedFilename(), "cpor-claims.csv");
    const csv = readFileSync(await csvDownload.path(), "utf8");
    // A byte-order mark first, for Excel on Windows.
    assert.ok(csv.startsWith("\uFEFF"), csv.slice(0, 20));
    const lines = csv.slice(1).trimEnd().split("\r\n");
    assert.equal(lines.length, 2, csv);
    assert.ok(lines[0].startsWith("claim_id,claim_name,status,"), lines[0]);
    assert.match(lines[1], /Contoso Ltd teams,submitted,Submitted,/);

    // Its open deadline (the review should start) as iCalendar.
    const [icsDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export deadlines (.ics)" }).click(),
    ]);
    const ics = readFileSync(await icsDownload.path(), "utf8");
    assert.ok(ics.startsWith("BEGIN:VCALENDAR\r\n"), ics);
    assert.equal(ics.match(/BEGIN:VEVENT/g)?.length, 1, ics);
    assert.match(ics, /SUMMARY:Review starts/);

    // The draft (Editing) instead, exported and imported back: a warning
    // for the id that exists, then a new draft.
    await page.locator('.status-counts .count[data-status="submitted"]').click();
    await page.locator('.status-counts .count[data-status="draft"]').click();
    await page.getByText("Showing 1 claim").waitFor();
    const [draftCsv] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export CSV" }).click(),
    ]);
    assert.match(readFileSync(await draftCsv.path(), "utf8"), /Contoso Ltd intune,draft,/);
    await page.getByLabel("Import claims from CSV").setInputFiles(await draftCsv.path());
    await page.getByText("CSV import: check before importing").waitFor();
    await page.getByText("1 row read: 1 claim can be imported, 0 have errors").waitFor();
    await page.locator('.import-findings tr[data-code="csv.duplicate_id"]').waitFor();
    await page.getByRole("button", { name: "Import 1 selected claim" }).click();
    await page.getByText("Imported 1 claim as a draft.").waitFor();
    await page.getByText("Showing 1–2 of 2 claims").waitFor();
    await page.getByLabel("Search claims").fill("");
    await page.locator('.status-counts .count[data-status="draft"]').click();
    await page.getByText("Showing 1–4 of 4 claims").waitFor();
    assert.deepEqual(errors, []);
  } catch (e) {
    if (process.env.E2E_SHOTS) await page?.screenshot({ path: `${process.env.E2E_SHOTS}/dashboard-failure.png`, fullPage: true });
    throw e;
  } finally {
    await context.close();
    await server.close();
  }
});
