// Offline and installable (scripts/pwa.mjs, docs/offline.md), against the
// built dist/ from a sub-path in headless Chromium:
// 1. after one visit the app works offline: a reload, the dashboard, a
//    claim with a PoE pre-check (the worker from the cache), the wizard, and
//    Settings with the storage's persistence and quota;
// 2. a new build waits: the app offers "A new version … Reload" and keeps
//    running the old build until the partner chooses Reload, which then runs
//    the new one;
// 3. Chromium finds the app installable (manifest, icons, service worker).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { DIST, distCopy, serveStatic } from "./server.mjs";
import { CHROMIUM, launch, LAUNCH_ARGS, newTab } from "./browser.mjs";
import { goTo, openFixtureClaim, signIn, upload } from "./app.mjs";
import { writeServiceWorker } from "../../scripts/pwa.mjs";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const PDF = readFileSync(`${repo}/tests/fixtures/poe/sow-complete-en.pdf`);
let browser;

before(async () => {
  assert.ok(existsSync(`${DIST}/sw.js`), "run trunk build --release --public-url ./ first (a release build has sw.js)");
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Waits until this build's service worker controls the page (installed:
 * every file is in its cache). */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
}

test("after one visit the app works offline: reload, dashboard, a claim and its pre-check, the wizard", async () => {
  const server = await serveStatic(DIST, "/apps/cpor/");
  const context = await browser.newContext();
  const errors = [];
  try {
    const page = await newTab(context, errors);
    await openFixtureClaim(page, server.url, "offline-1");
    await controlled(page);

    await context.setOffline(true);
    await page.reload();
    await page.getByRole("heading", { name: "Contoso Sales rollout" }).waitFor();
    // The PoE worker starts from the cache and pre-checks the document.
    await upload(page, "statement-of-work.pdf", PDF);
    await page.locator("fieldset.checklist-doc").getByText("Pre-checked in your browser").waitFor({ timeout: 30000 });
    await page.goto(server.url);
    await page.getByRole("heading", { name: "Your claims" }).waitFor();
    await page.getByRole("link", { name: "Contoso Sales rollout" }).waitFor();
    await goTo(page, "New claim");
    await page.getByLabel("Solution area").waitFor();
    // Settings says whether the browser keeps the data, and the quota used.
    await goTo(page, "Settings");
    await page.getByText(/^This browser (keeps your data for good|has not agreed to keep your data)/).waitFor();
    await page.getByText(/ used of [\d.,]+ (kB|MB|GB) available to this app\.$/).waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test("a new build waits until the partner chooses Reload, then runs", async () => {
  const { dir, cleanup } = distCopy();
  const server = await serveStatic(dir, "/apps/cpor/");
  const context = await browser.newContext();
  const errors = [];
  try {
    const page = await newTab(context, errors);
    await page.goto(server.url);
    await signIn(page);
    await controlled(page);
    const build = () => page.evaluate(() => document.querySelector('meta[name="cpor-build"]')?.content ?? "first");

    // The next build on the server: another index.html, so another sw.js.
    const index = join(dir, "index.html");
    writeFileSync(index, readFileSync(index, "utf8").replace("<title>", '<meta name="cpor-build" content="next" />\n    <title>'));
    writeServiceWorker(dir);

    // A visit finds it; the page keeps its build and offers the new one.
    await page.reload();
    const banner = page.getByRole("status").filter({ hasText: "A new version of CPOR Desk is ready" });
    await banner.waitFor({ timeout: 30000 });
    assert.equal(await build(), "first");
    await page.getByRole("heading", { name: "Your claims" }).waitFor();

    await banner.getByRole("button", { name: "Reload" }).click();
    await page.waitForFunction(() => document.querySelector('meta[name="cpor-build"]')?.content === "next", null, { timeout: 30000 });
    await page.getByRole("heading", { name: "Your claims" }).waitFor();
    assert.equal(await banner.count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close();
    cleanup();
  }
});

test("Chromium finds the app installable from a sub-path: manifest, icons, service worker", async () => {
  const server = await serveStatic(DIST, "/apps/cpor/");
  // Installability is not checked in an off-the-record context (what
  // browser.newContext() gives): a persistent profile in a temporary folder.
  const profile = mkdtempSync(join(tmpdir(), "cpor-install-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url);
    await controlled(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    assert.deepEqual(installabilityErrors, []);
    const { url, data, errors } = await cdp.send("Page.getAppManifest");
    assert.equal(url, `${server.url}manifest.webmanifest`);
    assert.deepEqual(errors, []);
    const manifest = JSON.parse(data);
    assert.equal(manifest.start_url, "./");
    // Each icon is served, a PNG of the size it claims.
    for (const icon of manifest.icons.filter((i) => i.type === "image/png")) {
      const bytes = Buffer.from(await page.evaluate(async (src) => [...new Uint8Array(await (await fetch(src)).arrayBuffer())], icon.src));
      assert.equal(bytes.subarray(1, 4).toString(), "PNG", icon.src);
      const [w, h] = icon.sizes.split("x").map(Number);
      assert.deepEqual([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], [w, h], icon.src);
    }
  } finally {
    await context.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
