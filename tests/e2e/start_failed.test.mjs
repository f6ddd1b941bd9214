// A browser that cannot run the app gets a message, never a blank page
// (docs/browsers.md#below-minimum): index.html's start-up check, in headless
// Chromium, with a feature the app needs taken away before the page's
// scripts run (as in a browser below the minimum versions), and with the
// app's .wasm failing to load. The message is plain HTML in the browser's
// language (English, Swedish), an alert, and passes axe (the accessibility
// check of these screens: on a desktop, and on a phone for "did not
// start"); a normal start shows none.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { DIST, serveStatic } from "./server.mjs";
import { launch } from "./browser.mjs";
import { axeViolations } from "./a11y.mjs";
import { PHONE } from "./app.mjs";

let browser;
let server;
before(async () => {
  assert.ok(existsSync(`${DIST}/index.html`), "build dist/ first: scripts/build-app");
  browser = await launch();
  server = await serveStatic(DIST, "/apps/cpor/", {}, { headers: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const MESSAGES = {
  "en-GB": {
    unsupported: ["CPOR Desk cannot run in this browser", /lacks features CPOR Desk needs .*Firefox 115, Safari 16\.4/],
    failed: ["CPOR Desk did not start", /files did not load\. Check your connection and reload the page/],
  },
  "sv-SE": {
    unsupported: ["CPOR Desk kan inte köras i den här webbläsaren", /saknar funktioner som CPOR Desk behöver .*Firefox 115, Safari 16\.4/],
    failed: ["CPOR Desk startade inte", /filer kunde inte läsas in\. Kontrollera anslutningen/],
  },
};

/** A page of a new context in `locale` (no service worker: every load
 * comes from the server), with `init` run before the page's scripts. */
async function open(locale, init, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ locale, viewport, serviceWorkers: "block" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  if (init) await page.addInitScript(init);
  return { context, page, errors };
}

/** The message the partner sees: its one alert, with its heading and text. */
async function message(page, locale, reason) {
  const [heading, text] = MESSAGES[locale][reason];
  const alert = page.getByRole("alert");
  await alert.getByRole("heading", { name: heading, level: 1 }).waitFor();
  assert.equal(await alert.count(), 1, "one alert");
  assert.match(await alert.innerText(), text);
  assert.equal(await page.evaluate(() => document.documentElement.lang), locale.slice(0, 2), "the page's language");
  // Only that language's text shows.
  const other = MESSAGES[locale === "en-GB" ? "sv-SE" : "en-GB"][reason][0];
  assert.equal(await page.getByRole("heading", { name: other }).count(), 0, "not the other language's");
  assert.equal(await axeViolations(page), "", `axe on the message (${locale}, ${reason})`);
}

const REMOVED = [
  ["WebAssembly", () => delete window.WebAssembly],
  // A browser without import maps (Chrome < 89, Firefox < 108, Safari < 16.4).
  ["import maps", () => (HTMLScriptElement.supports = () => false)],
  // WebAssembly without reference types (Safari < 15, Firefox < 79).
  ["WebAssembly reference types", () => {
    const validate = WebAssembly.validate;
    WebAssembly.validate = (bytes) => !new Uint8Array(bytes).includes(0x6f) && validate(bytes);
  }],
];

for (const locale of Object.keys(MESSAGES)) {
  for (const [what, init] of REMOVED) {
    test(`without ${what} the page says the browser cannot run the app (${locale})`, async () => {
      const { context, page } = await open(locale, init);
      try {
        await page.goto(server.url);
        await message(page, locale, "unsupported");
      } finally {
        await context.close();
      }
    });
  }

  test(`when the app's .wasm does not load the page says the app did not start (${locale}, phone)`, async () => {
    const { context, page } = await open(locale, null, PHONE);
    try {
      await page.route(/cpor-desk-[0-9a-f]+_bg\.wasm$/, (route) => route.abort("connectionreset"));
      await page.goto(server.url);
      await message(page, locale, "failed");
      assert.equal(await page.evaluate(() => typeof window.wasmBindings), "undefined", "the app did not start");
    } finally {
      await context.close();
    }
  });

  test(`a normal start shows no such message (${locale})`, async () => {
    const { context, page, errors } = await open(locale);
    try {
      await page.goto(server.url);
      await page.getByRole("heading", { name: "CPOR Desk", exact: true, level: 1 }).waitFor();
      // Started: Trunk's loader has run to its end.
      await page.waitForFunction(() => typeof window.wasmBindings === "object");
      assert.equal(await page.locator("#start-failed").isVisible(), false);
      assert.equal(await page.locator("#start-failed").getAttribute("data-reason"), null, "never shown");
      for (const reason of ["unsupported", "failed"]) {
        assert.equal(await page.getByRole("heading", { name: MESSAGES[locale][reason][0] }).count(), 0);
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}
