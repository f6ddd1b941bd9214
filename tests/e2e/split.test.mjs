// End to end, the split build of dist/ (scripts/build-app; docs/performance.md,
// "Code splitting"): the pages other than the claims list and the profile
// load as separate .wasm chunks, named by their content, fetched with
// integrity, preloaded once the first page is shown; a chunk that cannot be
// loaded (offline, blocked, tampered) gives a message with Retry (axe-checked
// in English and Swedish), never a dead page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { DIST, serveStatic, tamperedDist } from "./server.mjs";
import { fixtureClaim, goTo, importClaims, language, signIn } from "./app.mjs";
import { launch, newPage, newTab } from "./browser.mjs";
import { axeViolations } from "./a11y.mjs";

/** The Help page's chunk (src/app/pages/mod.rs, `page_help`). */
const HELP_CHUNK = /^cpor-desk-[0-9a-f]{16}-.*page_help.*\.wasm$/;
let browser;

before(async () => {
  assert.ok(existsSync(`${DIST}/index.html`), "run scripts/build-app first");
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

function chunks() {
  return readdirSync(DIST).filter((f) => /^cpor-desk-[0-9a-f]{16}-.+\.wasm$/.test(f));
}

test("dist/ is the split build: chunks named by content, each fetched with integrity by the chunk loader", () => {
  const names = chunks();
  assert.ok(names.length >= 7, `a chunk per lazily loaded page, found ${names.join(", ")}`);
  assert.ok(names.some((f) => HELP_CHUNK.test(f)), "the Help page's chunk");
  const loaders = readdirSync(DIST).filter((f) => /^cpor-desk-[0-9a-f]{16}-split\.js$/.test(f));
  assert.equal(loaders.length, 1);
  const loader = readFileSync(join(DIST, loaders[0]), "utf8");
  const fetches = [...loader.matchAll(/fetch\(new URL\("\.\/([^"]+)", import\.meta\.url\), \{ integrity: "(sha384-[^"]+)" \}\)/g)];
  assert.deepEqual(fetches.map((m) => m[1]).sort(), [...names].sort());
  assert.ok(!/fetch\(new URL\("[^"]+"\, import\.meta\.url\)\)/.test(loader), "no fetch without integrity");
  // The import map covers the glue and the chunk loader.
  const html = readFileSync(join(DIST, "index.html"), "utf8");
  const map = JSON.parse(/<script type="importmap">(.*?)<\/script>/.exec(html)[1]);
  assert.ok(Object.keys(map.integrity).includes(`./${loaders[0]}`));
});

test("the next pages' chunks are preloaded after the first page, and a page opens from its chunk", async () => {
  const server = await serveStatic(DIST, "/apps/cpor/");
  const errors = [];
  const page = await newPage(browser, errors);
  const fetched = [];
  page.on("requestfinished", (r) => fetched.push(new URL(r.url()).pathname.split("/").pop()));
  try {
    await page.goto(server.url);
    await signIn(page);
    // Preloaded without being asked for: every page's chunk, not the load
    // snapshot's writer, which a load fetches only when it hands over a
    // snapshot to write, and a new partner's empty store has none.
    const writer = (c) => /snapshot_write/.test(c);
    const pages = chunks().filter((c) => !writer(c));
    for (let i = 0; i < 100 && !pages.every((c) => fetched.includes(c)); i++) await page.waitForTimeout(100);
    assert.deepEqual(pages.filter((c) => !fetched.includes(c)), [], "every page's chunk preloaded");
    assert.deepEqual(fetched.filter(writer), [], "no snapshot writer for an empty store");
    await goTo(page, "Help");
    await page.getByRole("heading", { name: "Help", level: 2 }).waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
    await server.close();
  }
});

test("a chunk that cannot be fetched: a message with Try again, and the page once it loads", async () => {
  const server = await serveStatic(DIST, "/apps/cpor/");
  const errors = [];
  // Playwright's route does not see what a service worker answers (the
  // offline cache, docs/offline.md): without it here, as on a first visit.
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await newTab(context, errors);
  let blocked = true;
  await page.route(
    (url) => HELP_CHUNK.test(url.pathname.split("/").pop()),
    (route) => (blocked ? route.abort("internetdisconnected") : route.continue()),
  );
  try {
    await page.goto(server.url);
    await signIn(page);
    await goTo(page, "Help");
    const alert = page.getByRole("alert").filter({ hasText: "This page did not load" });
    await alert.waitFor();
    assert.match(await alert.textContent(), /Check your connection and try again/);
    // The message passes axe (WCAG 2.2 A/AA) in English and Swedish.
    assert.equal(await axeViolations(page), "");
    await language(page, "sv");
    await page.getByRole("alert").filter({ hasText: "Sidan kunde inte laddas" }).waitFor();
    await page.getByRole("button", { name: "Försök igen" }).waitFor();
    assert.equal(await axeViolations(page), "");
    await language(page, "en");
    // The rest of the app still works.
    await goTo(page, "Claims");
    await page.getByRole("heading", { name: "Your claims" }).waitFor();
    await goTo(page, "Help");
    await alert.waitFor();
    blocked = false;
    await alert.getByRole("button", { name: "Try again" }).click();
    await page.getByRole("heading", { name: "Help", level: 2 }).waitFor();
    assert.equal(await page.getByRole("alert").filter({ hasText: "This page did not load" }).count(), 0);
    // Only the failed fetches were reported in the console.
    assert.deepEqual(errors.filter((e) => !/Failed to fetch|ERR_INTERNET_DISCONNECTED/.test(e)), []);
  } finally {
    await context.close();
    await server.close();
  }
});

test("the claims list's CSV tools load as a chunk: when it cannot be fetched the partner is told, and the next click exports", async () => {
  const BULK_CHUNK = /^cpor-desk-[0-9a-f]{16}-.*bulk_tools.*\.wasm$/;
  assert.ok(chunks().some((f) => BULK_CHUNK.test(f)), "the bulk tools' chunk (src/app/pages/claims_bulk.rs)");
  const server = await serveStatic(DIST, "/apps/cpor/");
  const errors = [];
  const context = await browser.newContext({ serviceWorkers: "block", acceptDownloads: true });
  const page = await newTab(context, errors);
  let blocked = true;
  await page.route(
    (url) => BULK_CHUNK.test(url.pathname.split("/").pop()),
    (route) => (blocked ? route.abort("internetdisconnected") : route.continue()),
  );
  try {
    await page.goto(server.url);
    await signIn(page);
    // The tools show with claims in the list.
    await importClaims(page, [fixtureClaim("bulk-1")]);
    await goTo(page, "Claims");
    await page.getByRole("button", { name: "Export CSV" }).click();
    await page.getByRole("alert").filter({ hasText: "Part of CPOR Desk could not be downloaded" }).waitFor();
    blocked = false;
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export CSV" }).click(),
    ]);
    assert.equal(download.suggestedFilename(), "cpor-claims.csv");
    assert.deepEqual(errors.filter((e) => !/Failed to fetch|ERR_INTERNET_DISCONNECTED/.test(e)), []);
  } finally {
    await context.close();
    await server.close();
  }
});

test("a tampered chunk is refused by its integrity: the message, never the page", async () => {
  const { dir, name, cleanup } = tamperedDist(HELP_CHUNK);
  const server = await serveStatic(dir, "/apps/cpor/");
  const errors = [];
  const page = await newPage(browser, errors);
  try {
    await page.goto(server.url);
    await signIn(page);
    await goTo(page, "Help");
    await page.getByRole("alert").filter({ hasText: "This page did not load" }).waitFor();
    assert.equal(await page.getByRole("heading", { name: "Help", level: 2 }).count(), 0);
    assert.ok(errors.some((e) => /integrity/.test(e) && e.includes(name)), errors.join("\n"));
  } finally {
    await page.close();
    await server.close();
    cleanup();
  }
});

test("the load snapshot is written from a chunk of its own after the load: when it cannot be fetched the claims still load, and once it can the next load reads the snapshot", async () => {
  const SNAPSHOT_CHUNK = /^cpor-desk-[0-9a-f]{16}-.*snapshot_write.*\.wasm$/;
  assert.ok(chunks().some((f) => SNAPSHOT_CHUNK.test(f)), "the snapshot writer's chunk (src/app/state/mod.rs)");
  const server = await serveStatic(DIST, "/apps/cpor/");
  const errors = [];
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await newTab(context, errors);
  let blocked = true;
  let asked = 0;
  await page.route(
    (url) => SNAPSHOT_CHUNK.test(url.pathname.split("/").pop()),
    (route) => {
      asked += 1;
      return blocked ? route.abort("internetdisconnected") : route.continue();
    },
  );
  // The app's storage marks (src/storage/indexeddb.rs) of this page.
  const marks = () =>
    page.evaluate(() =>
      performance
        .getEntriesByType("mark")
        .map((m) => m.name)
        .filter((n) => n.startsWith("cpor:load-from:") || n.startsWith("cpor:snapshot-written:")),
    );
  const shown = () => page.getByText("Showing 1–2 of 2 claims").waitFor();
  try {
    await page.goto(server.url);
    await signIn(page);
    await importClaims(page, [fixtureClaim("snap-1"), fixtureClaim("snap-2")]);
    // Blocked: every load reads every record, and the claims are there.
    for (let i = 0; i < 2; i++) {
      const before = asked;
      await page.reload();
      await goTo(page, "Claims");
      await shown();
      for (let n = 0; n < 100 && asked === before; n++) await page.waitForTimeout(50);
      assert.ok(asked > before, "the load asked for the snapshot's chunk");
      const seen = await marks();
      assert.ok(seen.length > 0 && seen.every((m) => m === "cpor:load-from:records"), seen.join(", "));
    }
    // Fetched: the snapshot is written after the load, and the next load reads it.
    blocked = false;
    await page.reload();
    await goTo(page, "Claims");
    await shown();
    let written = [];
    for (let n = 0; n < 200 && written.length === 0; n++) {
      written = (await marks()).filter((m) => m.startsWith("cpor:snapshot-written:2:"));
      if (written.length === 0) await page.waitForTimeout(50);
    }
    assert.equal(written.length, 1, "the snapshot of both claims written");
    await page.reload();
    await goTo(page, "Claims");
    await shown();
    const seen = await marks();
    assert.ok(seen.length > 0 && seen.every((m) => m === "cpor:load-from:snapshot"), seen.join(", "));
    assert.deepEqual(errors.filter((e) => !/Failed to fetch|ERR_INTERNET_DISCONNECTED/.test(e)), []);
  } finally {
    await context.close();
    await server.close();
  }
});
