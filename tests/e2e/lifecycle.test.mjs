// End to end, like a partner: the built dist/ served by a plain static
// server from a sub-path (the OpenID discovery fixtures on the same server),
// in headless Chromium. Profile → wizard (Contoso, online lookup) → create →
// upload a PoE file → submit → reload, still Submitted → review desk
// approves → what Approved means, the notices → the customer inbox shows
// the consent notice (also in Swedish). And a change arriving from another
// tab shows a browser notification once the partner allowed them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { serveStatic } from "./server.mjs";
import { CONTOSO, CONTOSO_SALES as SALES_SUB, fixtureClaim, importClaims, signIn } from "./app.mjs";
import { launch, newPage, newTab } from "./browser.mjs";

const repo = fileURLToPath(new URL("../../", import.meta.url));
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// A real statement of work (LibreOffice PDF, tests/fixtures/poe).
const PDF = readFileSync(`${repo}/tests/fixtures/poe/sow-complete-en.pdf`);

test("a partner files a claim and it goes through review to the customer's consent notice", async () => {
  assert.ok(existsSync(`${repo}/dist/index.html`), "run trunk build --release --public-url ./ first");
  const server = await serveStatic(`${repo}/dist`, "/apps/cpor/", {
    "/directory/": `${repo}/tests/e2e/fixtures/openid`,
  });
  const errors = [];
  let page;
  try {
    page = await newPage(browser, errors);
    await page.goto(server.url);

    // Profile.
    await page.getByLabel("Partner organisation").selectOption("northwind");
    await page.getByLabel("Your name").fill("Ada Lindqvist");
    await page.getByLabel("Role").selectOption("incentives_admin");
    await page.getByRole("button", { name: "Use this profile" }).click();
    await page.getByRole("heading", { name: "Your claims" }).waitFor();

    // Settings: the online directory, with the fixture authority on this server.
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByLabel("Authority URL").fill(`${server.origin}/directory`);
    await page.getByLabel("Online lookup (public OpenID discovery document)").check();
    await page.getByRole("link", { name: "New claim" }).click();

    // Wizard.
    await page.getByLabel("Solution area").selectOption("business_applications");
    await page.getByLabel("Partner role").selectOption("build_intent_advisor");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByLabel("Partner location (MPN ID)").selectOption("4312785");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByLabel("Customer domain").fill("Contoso.com");
    await page.getByLabel("Customer domain").press("Tab");
    // The online lookup answers from the fixture and offers its tenant.
    await page.getByText(`belongs to tenant ${CONTOSO}`).waitFor();
    await page.getByRole("button", { name: "Use this tenant ID" }).click();
    assert.equal(await page.getByLabel("Tenant ID", { exact: true }).inputValue(), CONTOSO);
    await page.getByLabel("Customer organisation name").fill("Contoso Ltd");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByLabel("Dynamics 365 Sales").check();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByLabel("Subscription ID").fill(SALES_SUB);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByLabel("Customer contact name").fill("Anna Svensson");
    await page.getByLabel("Customer contact email").fill("anna@contoso.com");
    await page.getByLabel("Partner contact name").fill("Ada Lindqvist");
    await page.getByLabel("Partner contact email").fill("ada@northwind.example");
    await page.getByLabel("Claim name").fill("Contoso Sales rollout");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("button", { name: "Create claim" }).click();

    // The claim page, in Editing.
    await page.waitForURL(/#\/claims\/[0-9a-f-]{36}$/);
    const claimUrl = page.url();
    await page.getByRole("heading", { name: "Contoso Sales rollout" }).waitFor();

    // Submitting without PoE is refused with poe.required.
    await page.getByRole("button", { name: "Submit claim" }).click();
    await page.locator('[data-code="poe.required"]').first().waitFor();

    // Upload a PoE file and submit.
    await page.getByLabel("Add PoE document").setInputFiles({
      name: "statement-of-work.pdf",
      mimeType: "application/pdf",
      buffer: PDF,
    });
    await page.getByText("statement-of-work.pdf").first().waitFor();
    await page.getByRole("button", { name: "Submit claim" }).click();
    await page.locator('.status-badge[data-status="submitted"]').waitFor();

    // A reload (or a shared link) opens the same claim, still Submitted.
    await page.reload();
    assert.equal(page.url(), claimUrl);
    await page.locator('.status-badge[data-status="submitted"]').waitFor();
    await page.locator('[data-status="submitted"][aria-current="step"]').waitFor();

    // More proof after submission, dropped onto the drop zone (documents may
    // still be added in Submitted).
    const dropped = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(["Meeting notes: Contoso accepted the Dynamics 365 Sales plan."], "notes.txt", { type: "text/plain" }));
      return dt;
    });
    await page.dispatchEvent(".drop-zone", "drop", { dataTransfer: dropped });
    await page.getByText("notes.txt").first().waitFor();

    // Review desk (simulation): start the review and approve.
    await page.getByRole("link", { name: /Review desk/ }).click();
    const card = page.locator("article.review-item").filter({ hasText: "Contoso Sales rollout" });
    await card.getByRole("button", { name: "Start review" }).click();
    await card.getByRole("button", { name: "Approve" }).first().click();

    // The partner sees Approved, and what it means: the association, not a payment.
    await page.goto(claimUrl);
    await page.locator('.status-badge[data-status="approved"]').waitFor();
    await page.locator('.next-step[data-step="approved"]').getByText("not a payment").waitFor();

    // The review's decisions are notices since the last visit.
    await page.getByRole("link", { name: /^Notices/ }).click();
    const approvedNotice = page.locator(".notice").filter({ hasText: "Contoso Sales rollout" }).filter({ hasText: "Approved" });
    await approvedNotice.first().waitFor();
    assert.match(await approvedNotice.first().textContent(), /Customer consent period ends/);

    // Customer inbox (simulation): the consent notice, naming the partner contact.
    await page.getByRole("link", { name: /Customer inbox/ }).click();
    const notice = page.locator("article").filter({ hasText: "Contoso Sales rollout" });
    await notice.waitFor();
    const text = await notice.textContent();
    assert.match(text, /anna@contoso\.com/);
    assert.match(text, /Northwind Traders/);
    assert.match(text, /Ada Lindqvist/);
    await notice.getByRole("button", { name: "Deny consent" }).waitFor();

    // The same notice in Swedish.
    await page.locator(".language-switch select").selectOption("sv");
    await page.getByRole("button", { name: "Neka medgivande" }).waitFor();
    assert.deepEqual(errors, []);
  } catch (e) {
    // A picture of the page helps more than a timeout message.
    if (process.env.E2E_SHOTS) await page?.screenshot({ path: `${process.env.E2E_SHOTS}/lifecycle-failure.png`, fullPage: true });
    throw e;
  } finally {
    await server.close();
  }
});

test("a change that arrives while the app is open shows a browser notification once the partner allowed it", async () => {
  const server = await serveStatic(`${repo}/dist`, "/apps/cpor/");
  const errors = [];
  const context = await browser.newContext();
  try {
    // The browser's notifications, recorded instead of shown (permission granted).
    await context.addInitScript(() => {
      window.__shown = [];
      window.Notification = class {
        static permission = "granted";
        static requestPermission() {
          return Promise.resolve("granted");
        }
        constructor(title, options) {
          window.__shown.push({ title, body: options?.body ?? "" });
        }
      };
    });
    const partner = await newTab(context, errors);
    await partner.goto(server.url);
    await signIn(partner);
    const submitted = {
      ...fixtureClaim("notify-1"),
      name: "Contoso Sales notice",
      status: "submitted",
      history: [{ at: "2026-10-02T09:00:00Z", actor: { kind: "partner", orgId: "northwind", role: "incentives_admin", name: "Ada Lindqvist" }, action: { type: "submitted" }, from: "draft", to: "submitted" }],
    };
    await importClaims(partner, [submitted]);
    await partner.getByLabel("Show a browser notification when a claim changes while the app is open").check();
    await partner.getByRole("link", { name: "Claims" }).first().click();

    // Microsoft starts the review in another tab (as team sync would bring it).
    const desk = await newTab(context, errors);
    await desk.goto(`${server.url}#/review`);
    const card = desk.locator("article.review-item").filter({ hasText: "Contoso Sales notice" });
    await card.getByRole("button", { name: "Start review" }).click();

    await partner.waitForFunction(() => window.__shown.length > 0, null, { timeout: 10_000 });
    const shown = await partner.evaluate(() => window.__shown);
    assert.equal(shown.length, 1, JSON.stringify(shown));
    assert.match(shown[0].body, /Contoso Sales notice: Review started/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});
