// End to end: team sync between browsers through a real CouchDB-protocol
// server (npm pouchdb-server, in memory on 127.0.0.1, provisioned with the
// demo organisations by scripts/team-server.mjs) behind a small fault proxy
// started here (tests/e2e/fault_proxy.mjs). Each browser context is one
// colleague's browser; dist/ must be built with CPOR_SYNC_ORIGINS allowing
// the loopback server (scripts/test does). The worker runs with short
// request timeouts (SyncSettings.timeoutsMs, stored before sync is turned
// on), so a silent server costs seconds, not the default 30 s; each
// scenario prints its time.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { serveStatic } from "./server.mjs";
import { fixtureClaim, importClaims } from "./app.mjs";
import { launch, newTab } from "./browser.mjs";
import { startTeamServer } from "../../scripts/team-server.mjs";
import { provision } from "../../scripts/couchdb-provision.mjs";
import { startFaultProxy } from "./fault_proxy.mjs";
import { axeViolations } from "./a11y.mjs";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const COUCH_PORT = Number(process.env.CPOR_TEST_COUCH_PORT ?? 5985);
const PROXY_PORT = Number(process.env.CPOR_TEST_PROXY_PORT ?? 5986);
const ADMIN = "Basic " + Buffer.from("admin:admin-local").toString("base64");
/** The worker's timeouts in these tests (ms): a request, a long poll. */
const TIMEOUTS = { request: 3000, longpoll: 3000 };
const fileStarted = Date.now();

/** A test that prints its wall time (the whole file should stay near a minute). */
function scenario(name, body) {
  test(name, async () => {
    const started = Date.now();
    try {
      await body();
    } finally {
      console.log(`sync: ${Date.now() - started} ms: ${name}`);
    }
  });
}

let browser;
let couch;
let proxy;
let server;

before(async () => {
  assert.ok(existsSync(`${repo}/dist/index.html`), "run trunk build --release --public-url ./ first");
  couch = await startTeamServer(COUCH_PORT);
  proxy = await startFaultProxy(PROXY_PORT, couch.url);
  server = await serveStatic(`${repo}/dist`, "/");
  browser = await launch();
});
after(async () => {
  console.log(`sync: the whole file: ${Date.now() - fileStarted} ms`);
  await team?.a.context.close();
  await team?.b.context.close();
  await browser?.close();
  await server?.close?.();
  await proxy?.close();
  await couch?.stop();
});

/** One write to the app's IndexedDB database `cpor-desk` in the page
 * (once the app has created it): `store`.put(`value`, `key`), or
 * `store`.clear() without a key. (Code in the page's CSP: no eval.) */
async function idbWrite(page, store, key, value) {
  await page.evaluate(
    async ([store, key, value]) => {
      for (let i = 0; i < 200 && !(await indexedDB.databases()).some((d) => d.name === "cpor-desk"); i++) {
        await new Promise((r) => setTimeout(r, 25));
      }
      const db = await new Promise((ok, fail) => {
        const r = indexedDB.open("cpor-desk");
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      try {
        await new Promise((ok, fail) => {
          const tx = db.transaction(store, "readwrite");
          if (key === null) tx.objectStore(store).clear();
          else tx.objectStore(store).put(value, key);
          tx.oncomplete = () => ok();
          tx.onerror = () => fail(tx.error);
        });
      } finally {
        db.close();
      }
    },
    [store, key ?? null, value ?? null],
  );
}

/** Every record of `store` in the app's IndexedDB database: key → value. */
async function idbAll(page, store) {
  return page.evaluate(async (store) => {
    const db = await new Promise((ok, fail) => {
      const r = indexedDB.open("cpor-desk");
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    try {
      return await new Promise((ok, fail) => {
        const out = {};
        const r = db.transaction(store).objectStore(store).openCursor();
        r.onsuccess = () => {
          const c = r.result;
          if (!c) return ok(out);
          out[String(c.key)] = c.value;
          c.continue();
        };
        r.onerror = () => fail(r.error);
      });
    } finally {
      db.close();
    }
  }, store);
}

/** Stores Northwind's sync settings with only TIMEOUTS in them (the
 * settings form keeps them when sync is turned on; they are not on the
 * page). Before the profile is chosen, which reads the settings. */
async function shortTimeouts(page) {
  await idbWrite(page, "meta", "sync-settings:northwind", JSON.stringify({ database: "cpor-northwind", timeoutsMs: TIMEOUTS }));
}

/** Signs in as `name` of Northwind Traders (Incentives admin). */
async function signIn(page, name) {
  await shortTimeouts(page);
  await page.getByLabel("Partner organisation").selectOption("northwind");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Role").selectOption("incentives_admin");
  await page.getByRole("button", { name: "Use this profile" }).click();
  await page.getByRole("heading", { name: "Your claims" }).waitFor();
}

/** Settings → Team sync: the proxy's address, `user`'s password, Turn on. */
async function turnOnSync(page, user, password = `${user}-demo`) {
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Server address", { exact: true }).fill(proxy.url);
  await page.getByLabel("User name", { exact: true }).fill(user);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Turn on sync" }).click();
  await page.getByText("Team sync is on:").waitFor();
}

/** A browser of its own (a new context) with the app open, signed in as `name`. */
async function signedIn(name, errors) {
  const context = await browser.newContext();
  const page = await newTab(context, errors);
  await page.goto(server.url);
  await signIn(page, name);
  return { context, page };
}

/** Ada's and Erik's browsers, Northwind colleagues with sync on, set up
 * once and shared by the scenarios `between` them; `errors` starts empty
 * for each scenario. */
let team;
async function colleagues() {
  if (!team) {
    const errors = [];
    const a = await colleague("Ada Lindqvist", "ada", errors);
    const b = await colleague("Erik Berg", "erik", errors);
    team = { a, b, errors };
  }
  team.errors.length = 0;
  return team;
}

/** The page errors of the app: refused fetches while the proxy fails are
 * console errors of the browser's network layer, not of the app. */
const appErrors = (errors) => errors.filter((e) => !/Failed to load resource|net::ERR_/.test(e));

/** A scenario between the colleagues: `body({ a, b })`, then no error of
 * the app on either page; the proxy passes again afterwards. */
function between(name, body) {
  scenario(name, async () => {
    const team = await colleagues();
    try {
      await body(team);
      assert.deepEqual(appErrors(team.errors), []);
    } finally {
      proxy.mode = "pass";
      proxy.down.clear();
    }
  });
}

/** A colleague's browser: a context of its own, signed in, sync on. */
async function colleague(name, user, errors) {
  const { context, page } = await signedIn(name, errors);
  await turnOnSync(page, user);
  await page.locator('.sync-indicator[data-sync="up-to-date"]').waitFor({ timeout: 15_000 });
  return { context, page };
}

async function openClaims(page) {
  await page.getByRole("link", { name: "Claims", exact: true }).click();
  await page.getByRole("heading", { name: "Your claims" }).waitFor();
}

/** Opens claim `name` from the dashboard. */
async function openClaim(page, name) {
  await openClaims(page);
  await page.getByRole("link", { name, exact: true }).click();
  await page.getByRole("heading", { name, exact: true }).waitFor();
}

/** `claims` imported on A (a create, sent by A's worker) and waited for on
 * B's dashboard (searched: the dashboard shows 50 rows a page). */
async function shareClaims({ a, b }, claims) {
  await importClaims(a.page, claims);
  await openClaims(b.page);
  const last = claims.at(-1).name;
  // (No search box while B has no claim yet: then it is on the first page.)
  const search = b.page.getByRole("searchbox");
  const searched = (await search.count()) > 0;
  if (searched) await search.fill(last);
  await b.page.getByRole("link", { name: last, exact: true }).waitFor({ timeout: 10_000 });
  if (searched) await search.fill("");
}

/** axe (WCAG 2.2 A/AA) on the page as it is, in Swedish and in English. */
async function assertAccessible(page, what) {
  for (const tag of ["sv", "en"]) {
    await page.locator(".language-switch select").selectOption(tag);
    await page.locator(`html[lang="${tag}"]`).waitFor();
    assert.equal(await axeViolations(page), "", `${what} [${tag}]`);
  }
}

/** `waiting`, or on failure an error that also tells what each colleague's
 * page showed and what the server holds of document `id` (its revision
 * tree and conflicts), so that a failure that happens once in many runs
 * can be read from the log alone. */
async function explained(waiting, { a, b }, id, what) {
  try {
    return await waiting;
  } catch (e) {
    const lines = [`${what}: ${e.message.split("\n")[0]}`];
    for (const [who, page] of [["Ada", a.page], ["Erik", b.page]]) {
      const seen = await page
        .evaluate(() => ({
          url: location.hash,
          headings: [...document.querySelectorAll("h1, h2")].map((h) => h.textContent.trim()).slice(0, 4),
          sync: document.querySelector(".sync-indicator")?.dataset.sync,
          indicator: document.querySelector(".sync-indicator")?.textContent.trim(),
          banners: [...document.querySelectorAll("[role=region]")].map((r) => r.getAttribute("aria-label") ?? r.getAttribute("aria-labelledby")),
        }))
        .catch((err) => `unreadable: ${err.message}`);
      lines.push(`${who}: ${JSON.stringify(seen)}`);
    }
    const r = await fetch(`${couch.url}/cpor-northwind/${encodeURIComponent(id)}?conflicts=true&deleted_conflicts=true&revs_info=true`, { headers: { authorization: ADMIN } });
    const doc = r.status === 200 ? await r.json() : { status: r.status };
    lines.push(`server: ${JSON.stringify({ rev: doc._rev, name: doc.claim?.name, conflicts: doc._conflicts, deleted: doc._deleted_conflicts, revs: doc._revs_info?.slice(0, 6) })}`);
    const user = (auth) => (/^Basic\s/i.test(auth) ? Buffer.from(auth.slice(6), "base64").toString().split(":")[0] : "?");
    lines.push(`proxy: the last requests ${JSON.stringify(proxy.requests.slice(-12).map((q) => `${user(q.auth)} ${q.method} ${q.mode} ${q.path}`))}`);
    e.message = lines.join("\n");
    throw e;
  }
}

async function serverDoc(id) {
  const r = await fetch(`${couch.url}/cpor-northwind/${encodeURIComponent(id)}?conflicts=true`, { headers: { authorization: ADMIN } });
  return r.status === 200 ? r.json() : null;
}

between("a claim created in one browser appears in the other; an edit there comes back", async ({ a, b }) => {
  // Create on A (an import is a create; a save wakes the worker the same way).
  await importClaims(a.page, [{ ...fixtureClaim("shared-1"), name: "Shared Contoso claim" }]);
  await openClaims(a.page);
  // A: sent (no "not sent yet" mark once the worker pushed it).
  await a.page.locator('.sync-indicator[data-sync="up-to-date"]').waitFor({ timeout: 15_000 });
  const doc = await serverDoc("claim:shared-1");
  assert.ok(doc, "the claim is on the server");
  assert.equal(doc.type, "claim");

  // B sees it without a reload (the worker's long poll wakes it).
  await openClaims(b.page);
  await b.page.getByRole("link", { name: "Shared Contoso claim" }).waitFor({ timeout: 10_000 });

  // Edit on B: the name.
  await b.page.getByRole("link", { name: "Shared Contoso claim" }).click();
  await b.page.getByRole("button", { name: "Edit", exact: true }).click();
  await b.page.getByLabel("Claim name").fill("Shared Contoso claim, renamed by Erik");
  const saved = Date.now();
  await b.page.getByRole("button", { name: "Save changes" }).click();

  // A sees the edit (the time is printed for docs/performance.md, not asserted).
  await a.page.getByRole("link", { name: "Shared Contoso claim, renamed by Erik" }).waitFor({ timeout: 10_000 });
  console.log(`sync: an edit on B was visible on A after ${Date.now() - saved} ms`);
  await b.page.getByRole("heading", { name: "Shared Contoso claim, renamed by Erik" }).waitFor();
  const after = await serverDoc("claim:shared-1");
  assert.equal(after.claim.name, "Shared Contoso claim, renamed by Erik");
  assert.equal(after._conflicts, undefined);
});

scenario("Test connection answers clearly: a wrong password is a 401, without a retry loop", async () => {
  const errors = [];
  const { context, page } = await signedIn("Ada Lindqvist", errors);
  try {
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByLabel("Server address", { exact: true }).fill(proxy.url);
    await page.getByLabel("User name", { exact: true }).fill("ada");
    await page.getByLabel("Password", { exact: true }).fill("wrong");
    await page.getByRole("button", { name: "Test connection" }).click();
    await page.getByText("The server refused the sign-in (401)").waitFor({ timeout: 10_000 });
    // The right password: connected.
    await page.getByLabel("Password", { exact: true }).fill("ada-demo");
    await page.getByRole("button", { name: "Test connection" }).click();
    await page.getByText("Connected: the server is CouchDB").waitFor({ timeout: 10_000 });
    // Turned on with the wrong password: the indicator says why and stops
    // (no retry loop: the proxy sees no further requests).
    await page.getByLabel("Password", { exact: true }).fill("wrong");
    await page.getByRole("button", { name: "Turn on sync" }).click();
    const indicator = page.locator('.sync-indicator[data-sync="error"]');
    await indicator.waitFor({ timeout: 10_000 });
    assert.match(await indicator.textContent(), /refused the sign-in \(401\)/);
    await assertAccessible(page, "Settings → Team sync with the sync error in the header");
    // (Counted by this sign-in: the colleagues' browsers of the other
    // scenarios keep polling.) A retry loop would retry within a second.
    const wrong = "Basic " + Buffer.from("ada:wrong").toString("base64");
    const tries = () => proxy.requests.filter((r) => r.auth === wrong).length;
    const seen = tries();
    await page.waitForTimeout(1500);
    assert.equal(tries(), seen, "no retry after a 401");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

scenario("a Bearer token is sent on every request kind and no cookie; a rejected token is a clear 401 and the local work stays", async () => {
  // The proxy plays CouchDB 3's jwt_authentication_handler (pouchdb-server
  // has none): only `Authorization: Bearer <token>` passes, as ada.
  const basic = "Basic " + Buffer.from("ada:ada-demo").toString("base64");
  proxy.bearer = { token: "jwt-ada-1", basic };
  // What the pull must fetch beyond the feed: a claim at its second
  // revision (`_bulk_get`) and a file (its attachment by GET).
  const put = (id, body) =>
    fetch(`${couch.url}/cpor-northwind/${encodeURIComponent(id)}`, {
      method: "PUT",
      headers: { authorization: ADMIN, "content-type": "application/json" },
      body: JSON.stringify(body),
    }).then((r) => r.json());
  const claim = { ...fixtureClaim("jwt-edited"), name: "Claim edited twice on the server" };
  delete claim.revision;
  const first = await put("claim:jwt-edited", { type: "claim", schema: 1, claim });
  await put("claim:jwt-edited", { _rev: first.rev, type: "claim", schema: 1, claim: { ...claim, notes: "second" } });
  const bytes = Buffer.from("%PDF-1.4 a PoE file for the token test");
  await put("file:jwt-file", {
    type: "file",
    claimId: "jwt-edited",
    name: "poe.pdf",
    mediaType: "application/pdf",
    size: bytes.length,
    _attachments: { file: { content_type: "application/pdf", data: bytes.toString("base64") } },
  });
  const errors = [];
  const context = await browser.newContext();
  // A cookie for the server's host: a fetch with credentials would send it.
  await context.addCookies([{ name: "AuthSession", value: "should-not-be-sent", domain: "127.0.0.1", path: "/" }]);
  const page = await newTab(context, errors);
  const mark = proxy.requests.length;
  try {
    await page.goto(server.url);
    await signIn(page, "Ada Lindqvist");
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByLabel("Server address", { exact: true }).fill(proxy.url);
    await page.getByLabel("A token (JWT) from your organisation's sign-in").check();
    await page.getByLabel("Token", { exact: true }).fill("jwt-ada-1");
    await page.getByRole("button", { name: "Turn on sync" }).click();
    await page.getByText("Team sync is on:").waitFor();
    await page.locator('.sync-indicator[data-sync="up-to-date"]').waitFor({ timeout: 15_000 });
    // A push: a claim made here (`_revs_diff`, `_bulk_docs`).
    await importClaims(page, [{ ...fixtureClaim("jwt-local"), name: "Made with a token" }]);
    await page.locator('.sync-indicator[data-sync="up-to-date"]').waitFor({ timeout: 15_000 });
    assert.ok(await serverDoc("claim:jwt-local"), "pushed with the token");
    const mine = proxy.requests.slice(mark).filter((r) => !/^Basic\s/i.test(r.auth) && r.method !== "OPTIONS");
    assert.ok(mine.length > 0);
    assert.deepEqual(
      mine.filter((r) => r.auth !== "Bearer jwt-ada-1").map((r) => `${r.method} ${r.path}`),
      [],
      "every request carries the token",
    );
    assert.deepEqual(mine.filter((r) => r.cookie !== "").map((r) => r.path), [], "no cookie is sent");
    const kinds = {
      changes: (r) => r.path.includes("/_changes"),
      bulkGet: (r) => r.path.includes("/_bulk_get"),
      revsDiff: (r) => r.path.includes("/_revs_diff"),
      bulkDocs: (r) => r.path.includes("/_bulk_docs"),
      attachment: (r) => r.method === "GET" && /file(%3A|:)jwt-file\/file/.test(r.path),
      checkpointRead: (r) => r.method === "GET" && r.path.includes("/_local/"),
      checkpointWrite: (r) => r.method === "PUT" && r.path.includes("/_local/"),
    };
    for (const [kind, is] of Object.entries(kinds)) {
      assert.ok(mine.some(is), `a ${kind} request with the token (seen: ${[...new Set(mine.map((r) => `${r.method} ${r.path.split("?")[0]}`))].join(", ")})`);
    }

    // The token expires (the server refuses it now): a change here wakes
    // the worker, which meets the 401, says so and stops; the change stays.
    proxy.bearer = { token: "jwt-ada-2", basic };
    await importClaims(page, [{ ...fixtureClaim("jwt-after"), name: "Made after the token expired" }]);
    const indicator = page.locator('.sync-indicator[data-sync="error"]');
    await indicator.waitFor({ timeout: 15_000 });
    assert.match(await indicator.textContent(), /refused the sign-in \(401\)/);
    await openClaims(page);
    await page.locator("tr", { hasText: "Made after the token expired" }).getByText("Not sent yet").waitFor({ timeout: 10_000 });
    const refused = () => proxy.requests.filter((r) => r.refused).length;
    const seen = refused();
    assert.ok(seen > 0, "the old token was refused");
    await page.waitForTimeout(1500);
    assert.equal(refused(), seen, "no retry loop after a 401");
    assert.equal(await serverDoc("claim:jwt-after"), null);
    assert.deepEqual(errors, []);
  } finally {
    proxy.bearer = undefined;
    await context.close();
    // The seeded file belongs to no claim's documents: gone again, so the
    // later scenarios' "everything is pushed back" holds.
    const file = await serverDoc("file:jwt-file");
    if (file) {
      await fetch(`${couch.url}/cpor-northwind/file%3Ajwt-file?rev=${file._rev}`, { method: "DELETE", headers: { authorization: ADMIN } });
    }
  }
});

scenario("a viewer's write is refused by the server and shown, not retried", async () => {
  const errors = [];
  const { context, page } = await signedIn("Nils Viewer", errors);
  try {
    await turnOnSync(page, "northwind-viewer");
    await importClaims(page, [{ ...fixtureClaim("viewer-1"), name: "Viewer's claim" }]);
    await page.locator('.sync-indicator[data-sync="error"], .sync-indicator[data-sync="unsent"]').waitFor({ timeout: 15_000 });
    assert.equal(await serverDoc("claim:viewer-1"), null, "the server stored nothing");
    await openClaims(page);
    await page.locator("tr", { hasText: "Viewer's claim" }).getByText("Not sent yet").waitFor({ timeout: 10_000 });
    const pushes = proxy.count("_bulk_docs");
    await page.waitForTimeout(1500);
    assert.equal(proxy.count("_bulk_docs"), pushes, "a refused document is not pushed again by itself");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

scenario("two tabs of one browser run one replicator: one push per change; Export all data works with sync on", async () => {
  const errors = [];
  const { context, page: one } = await signedIn("Ada Lindqvist", errors);
  try {
    await turnOnSync(one, "ada");
    const two = await newTab(context, errors);
    await two.goto(server.url);
    await two.getByRole("heading", { name: "Your claims" }).waitFor();
    // Both tabs show the status (the second one relayed).
    await one.locator('.sync-indicator[data-sync="up-to-date"]').waitFor({ timeout: 15_000 });
    await two.locator('.sync-indicator[data-sync="up-to-date"]').waitFor({ timeout: 15_000 });
    const before = proxy.count("_bulk_docs");
    const from = proxy.requests.length;
    await importClaims(two, [{ ...fixtureClaim("two-tabs-1"), name: "Two tabs claim" }]);
    await two.locator('.sync-indicator[data-sync="up-to-date"]').waitFor({ timeout: 15_000 });
    for (let i = 0; i < 50 && !(await serverDoc("claim:two-tabs-1")); i++) await two.waitForTimeout(100);
    assert.ok(await serverDoc("claim:two-tabs-1"));
    await two.waitForTimeout(1500);
    assert.equal(proxy.count("_bulk_docs") - before, 1, `exactly one _bulk_docs for one change: ${JSON.stringify(proxy.requests.slice(from))}`);

    // Export all data still works with sync on: the synced claim is in it.
    await two.getByRole("link", { name: "Settings" }).click();
    const [download] = await Promise.all([
      two.waitForEvent("download"),
      two.getByRole("button", { name: "Export all data" }).click(),
    ]);
    const file = JSON.parse(readFileSync(await download.path(), "utf8"));
    assert.equal(file.format, "cpor-desk-export");
    assert.ok(file.claims.some((c) => c.id === "two-tabs-1"));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

/** Opens claim `name` from the dashboard and saves `field` = `value`. */
async function editClaim(page, name, field, value) {
  await openClaim(page, name);
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await page.getByLabel(field, { exact: true }).fill(value);
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.getByRole("button", { name: "Edit", exact: true }).waitFor();
}

between("offline edits: different fields merge; the same field asks, and both converge without server conflicts", async ({ a, b }) => {
  await shareClaims({ a, b }, [{ ...fixtureClaim("offline-1"), name: "Offline claim" }]);

  // Both offline (the server cannot be reached), each edits another field.
  proxy.mode = "down";
  await editClaim(a.page, "Offline claim", "Customer organisation name", "Contoso Ltd (by Ada)");
  await editClaim(b.page, "Offline claim", "Claim name", "Offline claim (by Erik)");
  await a.page.locator('.sync-indicator[data-sync="offline"]').waitFor({ timeout: 15_000 });
  await a.page.getByText("Not sent yet").first().waitFor();
  proxy.mode = "pass";
  // Both versions merge on both sides (retried by the back-off).
  for (const page of [a.page, b.page]) {
    await page.getByRole("heading", { name: "Offline claim (by Erik)" }).waitFor({ timeout: 30_000 });
    await page.getByText("Contoso Ltd (by Ada)").first().waitFor({ timeout: 30_000 });
  }

  // The same field on both sides: the conflict banner, usually on both
  // (each browser reads both leaves before either resolves); "Keep mine"
  // keeps that page's own edit, whichever the server picked.
  proxy.mode = "down";
  await editClaim(a.page, "Offline claim (by Erik)", "Claim name", "Name by Ada");
  await editClaim(b.page, "Offline claim (by Erik)", "Claim name", "Name by Erik");
  proxy.mode = "pass";
  const banner = (p) => p.getByRole("region", { name: "A colleague changed the same fields of this claim" });
  let loser;
  for (let i = 0; i < 300 && !loser; i++) {
    if (await banner(a.page).isVisible()) loser = a.page;
    else if (await banner(b.page).isVisible()) loser = b.page;
    else await a.page.waitForTimeout(100);
  }
  assert.ok(loser, "a conflict banner on one side");
  await assertAccessible(loser, "the claim's sync conflict banner");
  await loser.getByRole("radio", { name: "Keep mine (Claim name)" }).check();
  await loser.getByRole("button", { name: "Save the chosen versions" }).click();
  const mine = loser === a.page ? "Name by Ada" : "Name by Erik";
  for (const [who, page] of [["Ada", a.page], ["Erik", b.page]]) {
    await explained(page.getByRole("heading", { name: mine }).waitFor({ timeout: 30_000 }), { a, b }, "claim:offline-1", `${who}'s page shows “${mine}”`);
  }
  // The other page's banner goes too: the conflict is over for both.
  for (const page of [a.page, b.page]) {
    await banner(page).waitFor({ state: "hidden", timeout: 15_000 });
  }
  await a.page.locator('.sync-indicator[data-sync="up-to-date"]').waitFor({ timeout: 15_000 });
  await b.page.locator('.sync-indicator[data-sync="up-to-date"]').waitFor({ timeout: 15_000 });
  const doc = await serverDoc("claim:offline-1");
  assert.equal(doc.claim.name, mine);
  assert.equal(doc.claim.customerName, "Contoso Ltd (by Ada)");
  assert.equal(doc._conflicts, undefined, "no conflicts left on the server");
});

between("faults on the way: 503, a connection cut mid-answer, a silent server; nothing lost, nothing duplicated", async ({ a, b }) => {
  for (const [i, mode] of ["503", "reset", "silent"].entries()) {
    const started = Date.now();
    proxy.mode = mode;
    const name = `Fault claim ${mode}`;
    const mark = proxy.requests.length;
    await importClaims(a.page, [{ ...fixtureClaim(`fault-${i}`), name }]);
    await a.page.locator('.sync-indicator:is([data-sync="offline"], [data-sync="error"], [data-sync="syncing"])').waitFor({ timeout: 15_000 });
    // The fault has met a request (not a CORS preflight) before it ends.
    while (!proxy.requests.slice(mark).some((r) => r.mode === mode && r.method !== "OPTIONS")) await a.page.waitForTimeout(20);
    proxy.mode = "pass";
    // Retried by itself (back-off, or the long poll's own timer for a
    // silent server): the claim arrives on B once.
    await openClaims(b.page);
    await b.page.getByRole("link", { name }).waitFor({ timeout: 45_000 });
    const doc = await serverDoc(`claim:fault-${i}`);
    assert.equal(doc.claim.name, name);
    assert.equal(doc._conflicts, undefined);
    assert.match(doc._rev, /^1-/, "one revision: the retried push was not a new one");
    console.log(`sync: ${mode}: on B after ${Date.now() - started} ms`);
  }
});

/** Every claim and file document on the server: id → {rev, conflicts}. */
async function serverDocs() {
  const r = await fetch(`${couch.url}/cpor-northwind/_all_docs?include_docs=true&conflicts=true`, { headers: { authorization: ADMIN } });
  assert.equal(r.status, 200, "the database is there");
  const out = {};
  for (const row of (await r.json()).rows) {
    if (row.id.startsWith("_design/")) continue;
    out[row.id] = { rev: row.value.rev, conflicts: row.doc._conflicts ?? [] };
  }
  return out;
}

/** The dashboard's "Showing 1–50 of N claims": N (0 with no claim). */
async function claimCount(page) {
  const shown = page.getByText(/^Showing \d+–\d+ of \d+ claims?$/);
  await shown.or(page.getByText("No claims yet.", { exact: false })).first().waitFor();
  if ((await shown.count()) === 0) return 0;
  return Number(/of (\d+) claim/.exec(await shown.textContent())[1]);
}

/** Waits (on the server, polled) until `check()` holds. */
async function serverReaches(page, check, what) {
  for (let i = 0; i < 150; i++) {
    if (await check()) return;
    await page.waitForTimeout(100);
  }
  assert.fail(`the server never reached: ${what}`);
}

/** Claim `id` deleted on A while B edits it offline (as `deleted`, B's
 * name `edited`); A reaches the server first. Returns B's edit-versus-delete
 * banner, shown. */
async function deletedWhileEdited({ a, b }, id, deleted, edited) {
  await shareClaims({ a, b }, [{ ...fixtureClaim(id), name: deleted }]);

  // Both offline: A deletes the draft, B edits it.
  proxy.mode = "down";
  await openClaim(a.page, deleted);
  await a.page.getByRole("button", { name: "Delete draft…" }).click();
  await a.page.getByRole("dialog", { name: "Delete this draft?" }).getByRole("button", { name: "Delete draft", exact: true }).click();
  await a.page.getByText(`The draft “${deleted}” was deleted.`).waitFor();
  await editClaim(b.page, deleted, "Claim name", edited);
  await a.page.locator('.sync-indicator[data-sync="offline"]').waitFor({ timeout: 15_000 });
  await b.page.locator('.sync-indicator[data-sync="offline"]').waitFor({ timeout: 15_000 });

  // Both back, A first: the deletion reaches the server, then B's edit meets it.
  proxy.down.add("erik");
  proxy.mode = "pass";
  await serverReaches(a.page, async () => (await serverDoc(`claim:${id}`)) === null, "the claim deleted");
  proxy.down.clear();
  const banner = b.page.getByRole("region", { name: "A colleague deleted this claim while you edited it" });
  await banner.waitFor({ timeout: 20_000 });
  return banner;
}

/** Every leaf revision of document `id` on the server (deleted ones too). */
async function serverLeaves(id) {
  const r = await fetch(`${couch.url}/cpor-northwind/${encodeURIComponent(id)}?open_revs=all`, {
    headers: { authorization: ADMIN, accept: "application/json" },
  });
  assert.equal(r.status, 200, `the leaves of ${id}`);
  return (await r.json()).map((leaf) => leaf.ok).filter(Boolean);
}

between("a claim deleted in one browser while edited in the other is a conflict there, never resurrected silently; both converge", async ({ a, b }) => {
  const banner = await deletedWhileEdited({ a, b }, "edit-delete-1", "Claim deleted by Ada", "Claim edited by Erik");
  // The claim waits for B's choice: not sent yet.
  await b.page.locator('.sync-indicator[data-sync="unsent"]').waitFor({ timeout: 15_000 });
  // Not silently resurrected: still deleted on the server and on A, B's edit kept on B.
  assert.equal(await serverDoc("claim:edit-delete-1"), null, "still deleted on the server while B decides");
  await b.page.getByRole("heading", { name: "Claim edited by Erik" }).waitFor();
  await openClaims(a.page);
  assert.equal(await a.page.getByRole("link", { name: /Claim (deleted by Ada|edited by Erik)/ }).count(), 0, "not back on A");
  await assertAccessible(b.page, "the claim's edit-versus-delete banner");

  // B keeps it: the claim with B's edit comes back on both, one leaf on the server.
  await banner.getByRole("button", { name: "Keep it" }).click();
  await banner.waitFor({ state: "detached" });
  await a.page.getByRole("link", { name: "Claim edited by Erik" }).waitFor({ timeout: 15_000 });
  await a.page.locator('.sync-indicator[data-sync="up-to-date"]').waitFor({ timeout: 15_000 });
  await b.page.locator('.sync-indicator[data-sync="up-to-date"]').waitFor({ timeout: 15_000 });
  const doc = await serverDoc("claim:edit-delete-1");
  assert.equal(doc?.claim.name, "Claim edited by Erik");
  assert.equal(doc._conflicts, undefined, "no conflicts left on the server");
});

between("a claim deleted in one browser while edited in the other: choosing the deletion removes it on both, no conflict left on the server", async ({ a, b }) => {
  const banner = await deletedWhileEdited({ a, b }, "edit-delete-2", "Claim Ada deletes", "Claim Erik edits");
  // B's edit is still there, not sent, until B chooses.
  await b.page.getByRole("heading", { name: "Claim Erik edits" }).waitFor();
  await b.page.locator('.sync-indicator[data-sync="unsent"]').waitFor({ timeout: 15_000 });

  // B chooses the deletion: gone on both, nothing left to send.
  await banner.getByRole("button", { name: "Delete it" }).click();
  await banner.waitFor({ state: "detached" });
  await b.page.locator('.sync-indicator[data-sync="up-to-date"]').waitFor({ timeout: 15_000 });
  await a.page.locator('.sync-indicator[data-sync="up-to-date"]').waitFor({ timeout: 15_000 });
  for (const page of [a.page, b.page]) {
    await openClaims(page);
    const search = page.getByRole("searchbox");
    if ((await search.count()) > 0) await search.fill("Claim");
    assert.equal(await page.getByRole("link", { name: /Claim (Ada deletes|Erik edits)/ }).count(), 0, "gone from the dashboard");
    if ((await search.count()) > 0) await search.fill("");
  }
  // Deleted on the server, and every leaf of it deleted: no conflict, no
  // edit of B's sent after all.
  assert.equal(await serverDoc("claim:edit-delete-2"), null, "deleted on the server");
  const leaves = await serverLeaves("claim:edit-delete-2");
  assert.ok(leaves.length >= 1, "the document's history is there");
  assert.deepEqual(leaves.filter((l) => !l._deleted), [], `no live leaf left: ${JSON.stringify(leaves)}`);
  // It stays that way: B's worker sends nothing after a while.
  const mark = proxy.count("_bulk_docs");
  await b.page.waitForTimeout(1500);
  assert.equal(proxy.count("_bulk_docs"), mark, "nothing sent after the choice");
  assert.deepEqual(await serverLeaves("claim:edit-delete-2").then((ls) => ls.filter((l) => !l._deleted)), []);
});

/** A PNG's signature and header chunk start, then `size` bytes in all of
 * random data (accepted as a PNG; the pre-check does not read images). */
function bigPng(size) {
  const head = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
  return Buffer.concat([head, randomBytes(size - head.length)]);
}

between("a 10 MB PoE file arrives byte-identical in the other browser; a later claim edit sends no file bytes again", async ({ a, b }) => {
  await importClaims(a.page, [{ ...fixtureClaim("big-file-1"), name: "Claim with a big file" }]);
  await openClaim(a.page, "Claim with a big file");
  const bytes = bigPng(10 * 1024 * 1024);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const mark = proxy.requests.length;
  const t0 = Date.now();
  await a.page.getByLabel("Add PoE document").setInputFiles({ name: "poe-10mb.png", mimeType: "image/png", buffer: bytes });
  await a.page.locator("th.doc-name", { hasText: "poe-10mb.png" }).waitFor();
  const stored = Date.now() - t0;

  // B: the document on the claim page, and its download is the same bytes.
  await openClaim(b.page, "Claim with a big file");
  await b.page.locator("th.doc-name", { hasText: "poe-10mb.png" }).waitFor({ timeout: 30_000 });
  await b.page.locator('.sync-indicator[data-sync="up-to-date"]').waitFor({ timeout: 30_000 });
  const [download] = await Promise.all([
    b.page.waitForEvent("download"),
    b.page.locator("tr", { hasText: "poe-10mb.png" }).getByRole("button", { name: "Download" }).click(),
  ]);
  const got = readFileSync(await download.path());
  assert.equal(got.length, bytes.length, "the same size");
  assert.equal(createHash("sha256").update(got).digest("hex"), sha256, "the same SHA-256");
  const upload = proxy.bytesSince(mark);
  console.log(`sync: the 10 MB file: stored on A after ${stored} ms, downloaded on B after ${Date.now() - t0} ms; ${upload.sent} bytes sent, ${upload.received} received (base64 inline up, raw down)`);

  // A later edit of the claim: no file bytes up or down.
  await a.page.locator('.sync-indicator[data-sync="up-to-date"]').waitFor({ timeout: 15_000 });
  const before = proxy.requests.length;
  await editClaim(a.page, "Claim with a big file", "Claim name", "Claim with a big file, renamed");
  await b.page.getByRole("heading", { name: "Claim with a big file, renamed" }).waitFor({ timeout: 15_000 });
  await a.page.locator('.sync-indicator[data-sync="up-to-date"]').waitFor({ timeout: 15_000 });
  const edit = proxy.bytesSince(before);
  console.log(`sync: a claim edit after it: ${edit.sent} bytes sent, ${edit.received} received`);
  assert.ok(edit.sent < 100_000, `an edit sends no file bytes: ${edit.sent} bytes sent`);
  assert.ok(edit.received < 100_000, `nor fetches them again: ${edit.received} bytes received`);
});

between("Settings → Import with sync on: the imported claims reach the other browser", async ({ a, b }) => {
  await openClaims(a.page);
  const before = await claimCount(a.page);
  // More than one batch of 100.
  const claims = Array.from({ length: 120 }, (_, i) => ({ ...fixtureClaim(`imported-${i}`), name: `Imported claim ${i}` }));
  const pushes = proxy.count("_bulk_docs");
  await importClaims(b.page, claims);
  await a.page.getByText(`of ${before + 120} claims`).waitFor({ timeout: 20_000 });
  await a.page.getByRole("searchbox").fill("Imported claim 119");
  await a.page.getByRole("link", { name: "Imported claim 119" }).waitFor();
  await b.page.locator('.sync-indicator[data-sync="up-to-date"]').waitFor({ timeout: 15_000 });
  const docs = await serverDocs();
  assert.equal(claims.filter((c) => docs[`claim:${c.id}`]).length, 120, "all 120 on the server");
  console.log(`sync: 120 imported claims in ${proxy.count("_bulk_docs") - pushes} _bulk_docs requests`);
});

between("a lost local checkpoint is a full re-read that changes nothing; a reset server database is detected and gets everything again", async ({ a, b }) => {
  await shareClaims({ a, b }, [1, 2, 3].map((i) => ({ ...fixtureClaim(`reread-${i}`), name: `Re-read claim ${i}` })));
  await a.page.locator('.sync-indicator[data-sync="up-to-date"]').waitFor({ timeout: 15_000 });
  await b.page.locator('.sync-indicator[data-sync="up-to-date"]').waitFor({ timeout: 15_000 });
  const count = await claimCount(b.page);
  const server = await serverDocs();
  const stored = await idbAll(b.page, "claims");

  // B's checkpoint lost (deleted from its IndexedDB), then a reload.
  await idbWrite(b.page, "sync_checkpoints");
  const mark = proxy.requests.length;
  await b.page.reload();
  await b.page.getByRole("heading", { name: "Your claims" }).waitFor();
  await b.page.locator('.sync-indicator[data-sync="up-to-date"]').waitFor({ timeout: 15_000 });
  const reads = proxy.requests.slice(mark).filter((r) => r.method === "GET" && /_changes\?.*since=0&/.test(r.path) && !/feed=longpoll/.test(r.path));
  assert.ok(reads.length >= 1, `a full re-read from the start: ${JSON.stringify(proxy.requests.slice(mark).map((r) => r.path))}`);
  assert.equal(await claimCount(b.page), count, "the same claims, none twice");
  assert.deepEqual(await idbAll(b.page, "claims"), stored, "every stored claim as it was (revision counters too)");
  assert.equal(proxy.requests.slice(mark).filter((r) => r.method === "POST" && r.path.includes("_bulk_docs")).length, 0, "nothing pushed again");
  assert.deepEqual(await serverDocs(), server, "the server unchanged");

  // The server's database reset: deleted, then provisioned again, empty.
  const gone = await fetch(`${couch.url}/cpor-northwind`, { method: "DELETE", headers: { authorization: ADMIN } });
  assert.equal(gone.status, 200);
  for (const page of [a.page, b.page]) {
    await page.locator('.sync-indicator[data-sync="error"]').waitFor({ timeout: 15_000 });
  }
  await provision(couch.url, "northwind", couch.admin);
  // Each browser asks again (Try again in the header's status) and sends everything back.
  for (const page of [a.page, b.page]) {
    await page.locator(".sync-indicator").getByRole("button", { name: "Try again" }).click();
    await page.locator('.sync-indicator[data-sync="up-to-date"]').waitFor({ timeout: 20_000 });
  }
  const back = await serverDocs();
  assert.deepEqual(Object.keys(back).sort(), Object.keys(server).sort(), "every claim and file is on the server again");
  assert.deepEqual(Object.values(back).filter((d) => d.conflicts.length > 0), [], "without conflicts");
  assert.equal(await claimCount(b.page), count, "nothing duplicated here");
});
