// Accessibility, end to end: every screen passes axe-core's WCAG 2.2 A and
// AA rules in English and Swedish, on a desktop and on a 390×844 phone
// (profile, dashboard, every wizard step, claim page with a pre-checked
// document and its delete confirmation, review desk, customer inbox,
// notices, settings, help, the warnings confirmation before Create, and on
// the phone the opened menu), and the whole wizard can be completed with
// the keyboard alone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { serveStatic } from "./server.mjs";
import { FABRIKAM, PHONE, goTo, importClaims, language, screenClaims, signIn } from "./app.mjs";
import { launch, newPage } from "./browser.mjs";
import { axeViolations } from "./a11y.mjs";

const repo = fileURLToPath(new URL("../../", import.meta.url));
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** axe in English and in Swedish on the current screen. */
async function checkBoth(page, screen, failures) {
  for (const tag of ["en", "sv"]) {
    await language(page, tag);
    await page.waitForTimeout(100);
    const v = await axeViolations(page);
    if (v) failures.push(`${screen} [${tag}]:\n${v}`);
  }
  await language(page, "en");
}

const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", ...PHONE },
];

for (const viewport of VIEWPORTS) {
  test(`every screen passes axe-core (WCAG 2.2 A and AA) in English and Swedish (${viewport.name}, ${viewport.width}×${viewport.height})`, async () => {
    assert.ok(existsSync(`${repo}/dist/index.html`), "run trunk build --release --public-url ./ first");
    const server = await serveStatic(`${repo}/dist`, "/apps/cpor/");
    const errors = [];
    const failures = [];
    const page = await newPage(browser, errors);
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    try {
      await page.goto(server.url);
      await page.getByLabel("Your name").waitFor();
      // The checker itself: an unnamed button is a violation it must report.
      await page.evaluate(() => document.querySelector("main").append(Object.assign(document.createElement("button"), { id: "axe-probe" })));
      assert.match(await axeViolations(page), /button-name/);
      await page.evaluate(() => document.getElementById("axe-probe").remove());
      await checkBoth(page, "profile", failures);
      await signIn(page);
      await importClaims(page, screenClaims());
      await checkBoth(page, "settings", failures);

      if (viewport.name === "phone") {
        await page.locator(".menu-button").click();
        await page.locator("#main-nav.open").waitFor();
        await checkBoth(page, "opened menu", failures);
        await page.keyboard.press("Escape");
      }

      await goTo(page, "Claims");
      await page.getByText("Showing 1–3 of 3 claims").waitFor();
      await checkBoth(page, "dashboard", failures);

      await page.goto(`${server.url}#/claims/a11y-draft`);
      await page.getByRole("heading", { name: "Draft claim" }).waitFor();
      await page.getByLabel("Add PoE document").setInputFiles({
        name: "sow.pdf",
        mimeType: "application/pdf",
        buffer: readFileSync(`${repo}/tests/fixtures/poe/deficient-en.pdf`),
      });
      await page.getByText("Pre-checked in your browser").waitFor({ timeout: 20_000 });
      await checkBoth(page, "claim page", failures);
      // The confirmation dialog (modal: the language is switched before).
      for (const tag of ["sv", "en"]) {
        await language(page, tag);
        await page.locator(".partner-actions .danger").first().click();
        await page.locator("dialog[open]").waitFor();
        const v = await axeViolations(page);
        if (v) failures.push(`delete confirmation [${tag}]:\n${v}`);
        await page.keyboard.press("Escape");
        await page.locator("dialog[open]").waitFor({ state: "detached" });
      }

      await goTo(page, /Review desk/);
      await page.locator("article.review-item").first().waitFor();
      await checkBoth(page, "review desk", failures);

      await goTo(page, /Customer inbox/);
      await page.getByRole("button", { name: "Deny consent" }).first().waitFor();
      await checkBoth(page, "customer inbox", failures);

      await goTo(page, "Help");
      await page.locator("#help-process").waitFor();
      await checkBoth(page, "help", failures);

      // Notices since an earlier visit (the approved claim's approval is one).
      await page.evaluate(() =>
        localStorage.setItem("cpor-desk:pref:notices-seen", JSON.stringify(new Date(Date.now() - 3 * 86_400_000).toISOString())),
      );
      await page.reload();
      await goTo(page, /^Notices/);
      await page.locator(".notice").first().waitFor();
      await checkBoth(page, "notices", failures);

      // Every wizard step (the data of the happy path; keyboard-only below).
      await goTo(page, "New claim");
      const steps = [
        async () => {
          await page.getByLabel("Solution area").selectOption("modern_work_security");
          await page.getByLabel("Partner role").selectOption("use_or_consume");
        },
        // Not enrolled in incentives: a warning, so Create asks first.
        async () => page.getByLabel("Partner location (MPN ID)").selectOption("4312790"),
        async () => {
          await page.getByLabel("Customer domain").fill("fabrikam.com");
          await page.getByLabel("Tenant ID", { exact: true }).fill(FABRIKAM);
          await page.getByLabel("Customer organisation name").fill("Fabrikam, Inc.");
        },
        async () => page.getByLabel("Microsoft Intune").check(),
        async () => {
          await page.getByLabel("Customer contact name").fill("Fay Customer");
          await page.getByLabel("Customer contact email").fill("fay@fabrikam.com");
          await page.getByLabel("Partner contact name").fill("Ada Lindqvist");
          await page.getByLabel("Partner contact email").fill("ada@northwind.example");
          await page.getByLabel("Claim name").fill("Fabrikam Intune");
        },
      ];
      for (const [i, fill] of steps.entries()) {
        await checkBoth(page, `wizard step ${i + 1}`, failures);
        await fill();
        await page.getByRole("button", { name: "Continue" }).click();
      }
      await page.getByRole("button", { name: "Create claim" }).waitFor();
      await checkBoth(page, "wizard review", failures);
      await page.getByRole("button", { name: "Create claim" }).click();
      await page.getByRole("alertdialog").waitFor();
      await checkBoth(page, "create confirmation", failures);

      assert.equal(failures.length, 0, `axe violations:\n${failures.join("\n\n")}`);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
      await server.close();
    }
  });
}

/** Presses Tab (at most 80 times) until the focused element is the one
 * whose label (or, for buttons and links, text) is `name`. */
async function tabTo(page, name) {
  for (let i = 0; i < 80; i++) {
    const here = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return "";
      const label = el.labels?.[0]?.textContent ?? el.getAttribute("aria-label") ?? el.textContent ?? "";
      return label.trim();
    });
    if (here === name) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${name}`);
}

/** With a <select> focused: arrow keys until the chosen option reads `text`. */
async function arrowTo(page, text) {
  for (let i = 0; i < 40; i++) {
    const now = await page.evaluate(() => document.activeElement.selectedOptions?.[0]?.textContent.trim());
    if (now?.startsWith(text)) return;
    await page.keyboard.press("ArrowDown");
  }
  throw new Error(`no option ${text}`);
}

/** After Continue moved the wizard on: waits for the new step (`shown`, a
 * locator) and for the focus on its title, which the wizard moves there in
 * the next animation frame. Tabbing before that frame raced it: the focus
 * could jump to the title between reaching a button and pressing Enter. */
async function stepShown(page, shown) {
  await shown.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "step-title");
}

async function typeInto(page, label, text) {
  await tabTo(page, label);
  await page.keyboard.type(text);
}

test("the whole wizard can be completed with the keyboard alone", async () => {
  const server = await serveStatic(`${repo}/dist`, "/apps/cpor/");
  const errors = [];
  const page = await newPage(browser, errors);
  try {
    await page.goto(server.url);
    await page.getByLabel("Your name").waitFor();
    // The profile, by keyboard too.
    await tabTo(page, "Partner organisation");
    await arrowTo(page, "Northwind Traders");
    await typeInto(page, "Your name", "Ada Lindqvist");
    await tabTo(page, "Role");
    await arrowTo(page, "Incentives admin");
    await tabTo(page, "Use this profile");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Your claims" }).waitFor();

    await tabTo(page, "New claim");
    await page.keyboard.press("Enter");
    await page.getByLabel("Solution area").waitFor();
    await tabTo(page, "Solution area");
    await arrowTo(page, "Modern Work");
    await tabTo(page, "Partner role");
    await arrowTo(page, "Use or consume");
    await tabTo(page, "Continue");
    await page.keyboard.press("Enter");

    await stepShown(page, page.getByLabel("Partner location (MPN ID)"));
    await tabTo(page, "Partner location (MPN ID)");
    await arrowTo(page, "4312786");
    await tabTo(page, "Continue");
    await page.keyboard.press("Enter");

    // Continue with the customer step empty: focus goes to the first invalid field.
    await stepShown(page, page.getByLabel("Customer domain"));
    await tabTo(page, "Continue");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.labels?.[0]?.textContent.trim() === "Customer domain");
    await page.keyboard.type("fabrikam.com");
    await typeInto(page, "Tenant ID", FABRIKAM);
    await tabTo(page, "Customer organisation name");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("Fabrikam, Inc.");
    await tabTo(page, "Continue");
    await page.keyboard.press("Enter");

    await stepShown(page, page.getByLabel("Microsoft Intune"));
    await tabTo(page, "Microsoft Intune");
    await page.keyboard.press("Space");
    assert.equal(await page.getByLabel("Microsoft Intune").isChecked(), true);
    await tabTo(page, "Continue");
    await page.keyboard.press("Enter");

    await stepShown(page, page.getByLabel("Customer contact name"));
    await typeInto(page, "Customer contact name", "Fay Customer");
    await typeInto(page, "Customer contact email", "fay@fabrikam.com");
    await typeInto(page, "Partner contact name", "Ada Lindqvist");
    await typeInto(page, "Partner contact email", "ada@northwind.example");
    await typeInto(page, "Claim name", "Keyboard claim");
    await tabTo(page, "Continue");
    await page.keyboard.press("Enter");

    await stepShown(page, page.getByRole("button", { name: "Create claim" }));
    await tabTo(page, "Create claim");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Keyboard claim" }).waitFor();
    await page.waitForURL(/#\/claims\/[0-9a-f-]{36}$/);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
    await server.close();
  }
});
