// End to end: the embeddable module's example page and the built app shell,
// each served from a sub-path by a plain static server, in headless Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { serveStatic } from "./server.mjs";
import { CONTOSO, FABRIKAM } from "./app.mjs";
import { launch, newPage } from "./browser.mjs";

const repo = fileURLToPath(new URL("../../", import.meta.url));
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("the embed example page works from pkg/ in a browser", async () => {
  assert.ok(existsSync(`${repo}/pkg/cpor_validate.js`), "run scripts/build-embed first");
  const server = await serveStatic(repo, "/portal/");
  const errors = [];
  try {
    const page = await newPage(browser, errors);
    await page.goto(`${server.url}examples/embed/index.html`);
    await page.waitForSelector("#ready:not([hidden])");
    assert.equal(await page.locator("#findings li").count(), 0);
    assert.equal(await page.textContent("#guid"), CONTOSO);
    assert.equal(await page.textContent("#due"), "2026-11-27");

    await page.getByLabel("Customer domain", { exact: true }).fill("https://Fabrikam.com/about");
    const codes = await page.locator("#findings li").evaluateAll((els) => els.map((e) => e.dataset.code));
    assert.deepEqual(codes, ["domain.url", "domain.mismatch"]);
    assert.equal(await page.textContent("#ascii"), "fabrikam.com");

    await page.getByLabel("Customer domain", { exact: true }).fill("bücher.example");
    assert.equal(await page.textContent("#ascii"), "xn--bcher-kva.example");

    await page.getByLabel("Language").selectOption("sv");
    await page.getByLabel("Tenant ID", { exact: true }).fill("nope");
    const text = await page.locator('#findings li[data-code="tenant.format"]').textContent();
    assert.match(text, /Klient-ID:t måste vara ett GUID/);
    assert.deepEqual(errors, []);
  } finally {
    await server.close();
  }
});

test("the built app loads from a sub-path, asks for a profile and checks input", async () => {
  assert.ok(existsSync(`${repo}/dist/index.html`), "run trunk build --release --public-url ./ first");
  const server = await serveStatic(`${repo}/dist`, "/apps/cpor/");
  const errors = [];
  try {
    const page = await newPage(browser, errors);
    await page.goto(server.url);
    await page.getByRole("heading", { name: "CPOR Desk", level: 1 }).waitFor();
    // A first visit asks for a profile; the claims page has the quick check.
    await page.getByLabel("Your name").fill("Erik Berg");
    await page.getByRole("button", { name: "Use this profile" }).click();
    await page.getByRole("heading", { name: "Your claims" }).waitFor();
    await page.getByLabel("Customer domain", { exact: true }).fill("contoso.com");
    await page.getByLabel("Tenant ID", { exact: true }).fill(FABRIKAM);
    await page.locator('[data-code="domain.mismatch"]').waitFor();
    await page.getByLabel("Tenant ID", { exact: true }).fill("1D38BBEA-E8D8-407C-9C74-BEE089C92C07");
    await page.getByRole("status").filter({ hasText: "No problems found." }).waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await server.close();
  }
});
