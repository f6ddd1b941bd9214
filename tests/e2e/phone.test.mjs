// A 390×844 phone, end to end: every screen fits the width (no sideways
// scrolling) in English and Swedish, the header is compact with the
// navigation behind a Menu button (keyboard and screen-reader usable), and
// tables show as one card per row.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { serveStatic } from "./server.mjs";
import { CONTOSO, FABRIKAM, PHONE, importClaims, language, screenClaims, signIn } from "./app.mjs";
import { launch, newPage } from "./browser.mjs";

const repo = fileURLToPath(new URL("../../", import.meta.url));
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** How far the page is wider than the viewport (0 when it fits), and the
 * elements that stick out, for the failure message. */
async function overflow(page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const extra = document.documentElement.scrollWidth - width;
    const culprits = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${[...el.classList].join(".")}`);
    return { extra, culprits };
  });
}

/** Both languages on the current screen: nothing wider than the phone. */
async function fitsBoth(page, screen, failures) {
  for (const tag of ["en", "sv"]) {
    await language(page, tag);
    await page.waitForTimeout(100);
    const { extra, culprits } = await overflow(page);
    if (extra > 0) failures.push(`${screen} [${tag}]: ${extra}px too wide (${culprits.join(", ")})`);
  }
  await language(page, "en");
}

test("every screen fits a 390×844 phone in English and Swedish, with a compact header", async () => {
  assert.ok(existsSync(`${repo}/dist/index.html`), "run trunk build --release --public-url ./ first");
  const server = await serveStatic(`${repo}/dist`, "/apps/cpor/");
  const errors = [];
  const failures = [];
  const page = await newPage(browser, errors);
  await page.setViewportSize(PHONE);
  try {
    await page.goto(server.url);
    await page.getByLabel("Your name").waitFor();
    await fitsBoth(page, "profile", failures);
    await signIn(page);
    await importClaims(page, screenClaims());
    await fitsBoth(page, "settings", failures);

    // The header: one compact bar, the navigation folded behind Menu.
    const header = await page.locator("header.app-header").boundingBox();
    assert.ok(header.height <= 120, `the header is ${header.height}px high`);
    const menu = page.getByRole("button", { name: "Menu" });
    assert.equal(await menu.getAttribute("aria-expanded"), "false");
    assert.equal(await page.locator("#main-nav").isVisible(), false);
    await menu.focus();
    await page.keyboard.press("Enter");
    assert.equal(await menu.getAttribute("aria-expanded"), "true");
    await page.locator("#main-nav").getByRole("link", { name: "Help" }).waitFor();
    await page.keyboard.press("Escape");
    assert.equal(await menu.getAttribute("aria-expanded"), "false");
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("menu-button")), true);
    await menu.click();
    await page.locator("#main-nav").getByRole("link", { name: "Claims" }).click();
    assert.equal(await menu.getAttribute("aria-expanded"), "false", "choosing a page folds the menu");

    await page.getByText("Showing 1–3 of 3 claims").waitFor();
    await fitsBoth(page, "dashboard", failures);
    // Rows are cards: each cell names its column; sorting is offered above.
    assert.equal(await page.locator("table.claims-table thead").isVisible(), false);
    const cell = page.locator("tr[data-claim=a11y-submitted] td").first();
    assert.deepEqual(await cell.evaluate((td) => [getComputedStyle(td).display, td.dataset.label]), ["block", "Customer"]);
    await page.getByLabel("Sort by").selectOption("name");
    await page.getByLabel("Reverse order").check();
    await page.waitForURL(/sort=name&desc=1/);
    // The CSV import report (its own claims back: every row has findings)
    // is cards too.
    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
    await page.getByLabel("Import claims from CSV").setInputFiles(await csv.path());
    await page.locator(".import-findings").waitFor();
    await fitsBoth(page, "dashboard with a CSV import report", failures);
    const finding = page.locator(".import-findings tbody tr td").first();
    assert.deepEqual(await finding.evaluate((td) => [getComputedStyle(td).display, td.dataset.label]), ["block", "Row"]);
    await page.getByRole("button", { name: "Cancel" }).click();

    for (const id of ["a11y-draft", "a11y-submitted", "a11y-approved"]) {
      await page.goto(`${server.url}#/claims/${id}`);
      await page.locator("#claim-title").waitFor();
      await fitsBoth(page, `claim page ${id}`, failures);
      // The details: one column (label above value), not two squeezed ones.
      const [dt, dd] = await page.locator("dl.details").evaluate((dl) => [dl.querySelector("dt"), dl.querySelector("dd")].map((e) => e.getBoundingClientRect().left));
      assert.equal(dt, dd, `${id}: the details' label and value start at the same left edge`);
    }
    const screens = [
      ["#/review", "review desk", () => page.locator("article.review-item").first().waitFor()],
      ["#/inbox", "customer inbox", () => page.getByRole("button", { name: "Deny consent" }).first().waitFor()],
      ["#/help", "help", () => page.locator("#help-process").waitFor()],
      ["#/profile", "profile (signed in)", () => page.getByLabel("Your name").waitFor()],
    ];
    for (const [hash, name, ready] of screens) {
      await page.goto(`${server.url}${hash}`);
      await ready();
      await fitsBoth(page, name, failures);
    }

    // The wizard, step by step.
    await page.goto(`${server.url}#/new`);
    await page.getByLabel("Solution area").selectOption("business_applications");
    await fitsBoth(page, "wizard step 1", failures);
    await page.getByLabel("Partner role").selectOption("influenced_revenue");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByLabel("Partner location (MPN ID)").selectOption("4312790");
    await fitsBoth(page, "wizard step 2", failures);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByLabel("Customer domain").fill("https://www.contoso.com/about");
    await page.getByLabel("Tenant ID", { exact: true }).fill("3bfdf9e3-cae4-48d3-8989-4d798e8ba108");
    await page.getByLabel("Customer organisation name").click();
    await fitsBoth(page, "wizard step 3 with findings", failures);
    // Fabrikam has two Customer Service subscriptions: the subscription
    // step is needed, with both listed.
    await page.getByLabel("Customer domain").fill("fabrikam.com");
    await page.getByLabel("Tenant ID", { exact: true }).fill(FABRIKAM);
    await page.getByLabel("Customer organisation name").fill("Fabrikam, Inc.");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByLabel("Dynamics 365 Customer Service").check();
    await fitsBoth(page, "wizard step 4", failures);
    await page.getByRole("button", { name: "Continue" }).click();
    const listed = page.getByRole("button", { name: /^Use subscription / });
    await listed.first().waitFor();
    await fitsBoth(page, "wizard step 5", failures);
    await listed.first().click();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByLabel("Customer contact name").fill("Fay Customer");
    await page.getByLabel("Customer contact email").fill("fay@fabrikam.com");
    await page.getByLabel("Partner contact name").fill("Ada Lindqvist");
    await page.getByLabel("Partner contact email").fill("ada@northwind.example");
    await page.getByLabel("Claim name").fill("Fabrikam Customer Service on a phone");
    await fitsBoth(page, "wizard step 6", failures);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("button", { name: "Create claim" }).waitFor();
    await fitsBoth(page, "wizard review", failures);

    assert.equal(failures.length, 0, `screens wider than the phone:\n${failures.join("\n")}`);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
    await server.close();
  }
});
