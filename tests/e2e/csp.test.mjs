// End to end, the Content-Security-Policy and subresource integrity of the
// built dist/ (index.html's CSP <meta>, finished by scripts/csp-finalize.mjs,
// Trunk's post_build hook), in headless Chromium:
// 1. under the policy the whole app works from a sub-path (profile, import,
//    claim page, PoE upload and the worker's pre-check, template and export
//    downloads, language switch) with no violation and no console error;
// 2. the online lookup may reach the default OpenID authority; an authority
//    on another origin is blocked and the app says the lookup failed;
// 3. the policy bites: injected inline script, inline handler, style
//    attribute and eval are refused and reported;
// 4. integrity bites: a tampered app .wasm or .js stops the start; a
//    tampered worker .wasm makes the pre-check report the document, and the
//    template report its failure, without hanging.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DIST, serveStatic, tamperedDist } from "./server.mjs";
import { CONTOSO, fixtureClaim, importClaims, signIn } from "./app.mjs";
import { launch, newPage } from "./browser.mjs";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const PDF = readFileSync(`${repo}/tests/fixtures/poe/sow-complete-en.pdf`);
let browser;

before(async () => {
  assert.ok(existsSync(`${DIST}/index.html`), "run trunk build --release --public-url ./ first");
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The CSP of the built index.html, as a map directive → sources. */
function builtPolicy() {
  const html = readFileSync(`${DIST}/index.html`, "utf8");
  const content = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
  assert.ok(content, "dist/index.html has a CSP <meta>");
  return new Map(
    content
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

/** A page that records CSP violations (into `violations`) and errors. */
async function cspPage(context, errors, violations) {
  const page = await newPage(context, errors);
  await page.exposeFunction("__cspViolation", (v) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener(
      "securitypolicyviolation",
      (e) => window.__cspViolation({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample }),
      true,
    );
  });
  return page;
}

/** Settings → import one claim, then open its page. */
async function importClaim(page, server, id) {
  await importClaims(page, [fixtureClaim(id)]);
  await page.goto(`${server.url}#/claims/${id}`);
  await page.getByRole("heading", { name: "Contoso Sales rollout" }).waitFor();
}

async function upload(page, name, buffer) {
  await page.getByLabel("Add PoE document").setInputFiles({ name, mimeType: "application/pdf", buffer });
  return page.locator("fieldset.checklist-doc").filter({ has: page.locator("legend", { hasText: name }) });
}

test("the built policy allows only the app's own files, and the hook filled in the inline script hashes", () => {
  const policy = builtPolicy();
  assert.deepEqual([...policy.keys()], [
    "default-src", "script-src", "style-src", "img-src", "connect-src",
    "worker-src", "object-src", "base-uri", "form-action",
  ]);
  assert.deepEqual(policy.get("default-src"), ["'self'"]);
  const scripts = policy.get("script-src");
  assert.deepEqual(scripts.slice(0, 2), ["'self'", "'wasm-unsafe-eval'"]);
  // One hash per inline script of the page (Trunk's loader, the import map).
  const html = readFileSync(`${DIST}/index.html`, "utf8");
  const inline = [...html.matchAll(/<script\b([^>]*)>/g)].filter((m) => !/\bsrc=/.test(m[1]));
  assert.equal(scripts.length - 2, inline.length);
  for (const s of scripts.slice(2)) assert.match(s, /^'sha256-[A-Za-z0-9+/]{43}='$/);
  assert.ok(!html.includes("__INLINE_SCRIPT_HASHES__"));
  assert.ok(!scripts.includes("'unsafe-inline'") && !scripts.includes("'unsafe-eval'"));
  assert.deepEqual(policy.get("style-src"), ["'self'"]);
  assert.deepEqual(policy.get("img-src"), ["'self'", "data:", "blob:"]);
  // connect-src: the app's origin and the default OpenID authority's, then
  // the team-sync origins of the build's CPOR_SYNC_ORIGINS (scripts/test's
  // e2e build: the loopback test server and fault proxy only).
  const rust = readFileSync(`${repo}/src/domain/openid.rs`, "utf8");
  const authority = /pub const DEFAULT_AUTHORITY: &str = "([^"]+)";/.exec(rust)?.[1];
  assert.ok(authority, "DEFAULT_AUTHORITY in src/domain/openid.rs");
  const connect = policy.get("connect-src");
  assert.deepEqual(connect.slice(0, 2), ["'self'", new URL(authority).origin]);
  for (const sync of connect.slice(2)) assert.match(sync, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.deepEqual(policy.get("worker-src"), ["'self'"]);
  assert.deepEqual(policy.get("object-src"), ["'none'"]);
  assert.deepEqual(policy.get("base-uri"), ["'self'"]);
  assert.deepEqual(policy.get("form-action"), ["'none'"]);
  // The loader fetches the .wasm with integrity, the worker's too.
  assert.match(html, /init\(\{ module_or_path: fetch\('\.\/cpor-desk-[0-9a-f]+_bg\.wasm', \{ integrity: 'sha384-[^']+' \}\) \}\)/);
  // The import map: the glue's integrity and, in the split build
  // (scripts/build-app), the chunk loader's it imports.
  assert.match(html, /<script type="importmap">\{"integrity":\{"\.\/cpor-desk-[0-9a-f]+\.js":"sha384-[^"]+"(,"\.\/cpor-desk-[0-9a-f]+-split\.js":"sha384-[^"]+")?\}\}<\/script>/);
  const shim = readFileSync(`${DIST}/poe-worker_loader.js`, "utf8");
  assert.match(shim, /fetch\("\.\/poe-worker_bg\.wasm", \{ integrity: "sha384-[^"]+" \}\)/);
});

/** The whole app from a sub-path under the policy; with `headers`, served
 * with the generated `_headers` (scripts/deploy-config.mjs) as Netlify or
 * Cloudflare Pages would: the CSP then also comes as a header (the worker's
 * policy is its script's response's). Returns the response headers seen,
 * by file name. */
async function wholeAppUnderThePolicy({ headers }) {
  const server = await serveStatic(DIST, "/apps/cpor/", {}, { headers });
  const errors = [];
  const violations = [];
  const seen = {};
  const context = await browser.newContext({ acceptDownloads: true });
  let page;
  try {
    page = await cspPage(context, errors, violations);
    page.on("response", (r) => {
      const name = new URL(r.url()).pathname.split("/").pop() || "index.html";
      seen[name] ??= r.headers();
    });
    await page.goto(server.url);
    await signIn(page);
    await importClaim(page, server, "csp-1");

    // The PoE worker starts (worker-src), loads its .wasm with integrity and
    // pre-checks the PDF.
    const doc = await upload(page, "statement-of-work.pdf", PDF);
    await doc.getByText("Pre-checked in your browser").waitFor({ timeout: 30000 });
    await page.getByTestId("precheck-summary").getByText("Every checklist item is met").waitFor();

    // Downloads through Blob URLs: the template (made by the worker) and the export.
    const [template] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download PoE template" }).click(),
    ]);
    assert.equal(template.suggestedFilename(), "PoE template - Contoso Sales rollout.docx");
    assert.equal(readFileSync(await template.path()).subarray(0, 2).toString(), "PK");
    await page.getByRole("link", { name: "Settings" }).click();
    const [exported] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export all data" }).click(),
    ]);
    const file = JSON.parse(readFileSync(await exported.path(), "utf8"));
    assert.deepEqual(file.claims.map((c) => c.id), ["csp-1"]);

    // Another language, and the claim page again (a reload: the page, its
    // scripts and the worker once more, under the policy).
    await page.locator(".language-switch select").selectOption("sv");
    await page.getByRole("button", { name: "Exportera alla data" }).waitFor();
    await page.goto(`${server.url}#/claims/csp-1`);
    await page.reload();
    await page.getByRole("button", { name: "Ladda ned PoE-mall" }).waitFor();
    await page.locator("fieldset.checklist-doc").getByText("Förhandskontrollerat i din webbläsare").waitFor({ timeout: 30000 });

    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
    return seen;
  } catch (e) {
    if (process.env.E2E_SHOTS) await page?.screenshot({ path: `${process.env.E2E_SHOTS}/csp-app-failure.png`, fullPage: true });
    throw e;
  } finally {
    await context.close();
    await server.close();
  }
}

test("under the CSP the whole app works from a sub-path: no violation, no console error", async () => {
  await wholeAppUnderThePolicy({ headers: false });
});

test("with the deploy headers (_headers) the whole app works too, and each file gets its cache rule", async () => {
  const seen = await wholeAppUnderThePolicy({ headers: true });
  const policy = seen["index.html"]["content-security-policy"];
  assert.ok(policy, JSON.stringify(seen["index.html"]));
  // The header is the <meta>'s policy plus what a <meta> cannot say.
  const meta = [...builtPolicy()].map(([d, sources]) => [d, ...sources].join(" ")).join("; ");
  assert.equal(policy, `${meta}; frame-ancestors 'none'`);
  const wasm = Object.keys(seen).find((n) => /^cpor-desk-[0-9a-f]{16}_bg\.wasm$/.test(n));
  assert.ok(wasm, Object.keys(seen).join(" "));
  assert.equal(seen[wasm]["cache-control"], "public, max-age=31536000, immutable");
  assert.equal(seen[wasm]["content-type"], "application/wasm");
  // No hash in the name: revalidated, so a new build never pairs with a stale file.
  for (const name of ["index.html", "poe-worker_loader.js", "poe-worker.js", "poe-worker_bg.wasm"]) {
    assert.equal(seen[name]?.["cache-control"], "no-cache", name);
  }
  for (const headers of Object.values(seen)) {
    assert.equal(headers["content-security-policy"], policy);
    assert.equal(headers["x-content-type-options"], "nosniff");
  }
});

test("with the deploy headers a page on another origin cannot frame the app", async () => {
  const app = await serveStatic(DIST, "/apps/cpor/", {}, { headers: true });
  const hostDir = mkdtempSync(join(tmpdir(), "cpor-frame-"));
  writeFileSync(join(hostDir, "index.html"), `<!doctype html><title>portal</title><iframe src="${app.url}" title="app"></iframe>`);
  const host = await serveStatic(hostDir, "/");
  const context = await browser.newContext();
  const refusals = [];
  try {
    const page = await context.newPage();
    page.on("console", (m) => {
      if (/frame-ancestors/.test(m.text())) refusals.push(m.text());
    });
    await page.goto(host.url);
    const deadline = Date.now() + 10000;
    while (!refusals.length && Date.now() < deadline) await page.waitForTimeout(100);
    // Chromium: "Framing '…' violates the following Content Security Policy
    // directive: "frame-ancestors 'none'". The request has been blocked."
    assert.ok(refusals.some((r) => r.includes("frame-ancestors 'none'") && /blocked/.test(r)), refusals.join("\n"));
    // The frame holds the browser's error page: nothing of the app ran there.
    const frame = page.frames().find((f) => f !== page.mainFrame());
    assert.match(frame.url(), /^chrome-error:/);
  } finally {
    await context.close();
    await host.close();
    await app.close();
    rmSync(hostDir, { recursive: true, force: true });
  }
});

test("the online lookup reaches the default authority; another origin is blocked and the app says so", async () => {
  const server = await serveStatic(DIST, "/apps/cpor/");
  const errors = [];
  const violations = [];
  const context = await browser.newContext();
  const authority = new URL(builtPolicy().get("connect-src")[1]);
  // The default authority, answered from the fixture (no network in tests).
  // A request the policy blocks never gets here.
  const asked = [];
  await context.route(`${authority.origin}/**`, (route) => {
    asked.push(route.request().url());
    return route.fulfill({
      status: 200,
      headers: { "content-type": "application/json", "access-control-allow-origin": "*" },
      body: readFileSync(`${repo}/tests/e2e/fixtures/openid/contoso.com/v2.0/.well-known/openid-configuration`),
    });
  });
  let page;
  try {
    page = await cspPage(context, errors, violations);
    await page.goto(server.url);
    await signIn(page);
    // The default authority (Settings shows it; choose the online lookup).
    await page.getByRole("link", { name: "Settings" }).click();
    assert.equal(await page.getByLabel("Authority URL").inputValue(), authority.origin);
    await page.getByLabel("Online lookup (public OpenID discovery document)").check();
    await page.getByRole("link", { name: "New claim" }).click();
    await page.getByLabel("Solution area").selectOption("business_applications");
    await page.getByLabel("Partner role").selectOption("build_intent_advisor");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByLabel("Partner location (MPN ID)").selectOption("4312785");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByLabel("Customer domain").fill("contoso.com");
    await page.getByLabel("Customer domain").press("Tab");
    await page.getByText(`belongs to tenant ${CONTOSO}`).waitFor();
    assert.deepEqual(asked, [`${authority.origin}/contoso.com/v2.0/.well-known/openid-configuration`]);
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);

    // A custom authority on another origin (localhost is not 127.0.0.1):
    // connect-src refuses it, the lookup fails cleanly, the tenant ID is
    // entered by hand.
    const other = server.origin.replace("127.0.0.1", "localhost");
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByLabel("Authority URL").fill(`${other}/directory`);
    await page.getByLabel("Authority URL").press("Tab");
    // The wizard's draft resumes at the customer step.
    await page.getByRole("link", { name: "New claim" }).click();
    await page.getByLabel("Customer domain").fill("fabrikam.com");
    await page.getByLabel("Customer domain").press("Tab");
    await page.getByText(/fabrikam\.com: Could not look up the tenant online \(no answer from the directory, perhaps offline or blocked by the browser/).waitFor();
    await page.getByLabel("Tenant ID", { exact: true }).fill(CONTOSO);
    await page.getByLabel("Customer organisation name").fill("Fabrikam");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByLabel("Dynamics 365 Sales").waitFor();

    assert.equal(violations.length, 1, JSON.stringify(violations));
    assert.equal(violations[0].directive, "connect-src");
    assert.ok(violations[0].blocked.startsWith(`${other}/directory/fabrikam.com/`), violations[0].blocked);
    // Chromium reports the refusal in the console; nothing else went wrong.
    const refusal = (e) => e.includes(`${other}/directory/fabrikam.com/`) && /Content Security Policy/.test(e);
    assert.ok(errors.some((e) => refusal(e) && /"connect-src /.test(e)), errors.join("\n"));
    assert.deepEqual(errors.filter((e) => !refusal(e)), []);
  } catch (e) {
    if (process.env.E2E_SHOTS) await page?.screenshot({ path: `${process.env.E2E_SHOTS}/csp-lookup-failure.png`, fullPage: true });
    throw e;
  } finally {
    await context.close();
    await server.close();
  }
});

test("the policy bites: injected inline script, inline handler, style attribute and string timer are refused", async () => {
  const server = await serveStatic(DIST, "/apps/cpor/");
  const errors = [];
  const violations = [];
  const context = await browser.newContext();
  try {
    const page = await cspPage(context, errors, violations);
    await page.goto(server.url);
    await page.getByRole("heading", { name: "CPOR Desk", level: 1 }).waitFor();
    const ran = await page.evaluate(async () => {
      window.__injected = [];
      const script = document.createElement("script");
      script.textContent = "window.__injected.push('script')";
      document.body.append(script);
      const button = document.createElement("button");
      button.setAttribute("onclick", "window.__injected.push('handler')");
      document.body.append(button);
      button.click();
      const styled = document.createElement("div");
      styled.setAttribute("style", "color: rgb(255, 0, 0)");
      document.body.append(styled);
      // A string timer is eval (DevTools' own evaluation, this function, is
      // exempt from the policy; the timer runs later as the page's code).
      setTimeout("window.__injected.push('timer')", 0);
      // Violation events are dispatched as tasks: let them arrive.
      await new Promise((r) => setTimeout(r, 200));
      return { injected: window.__injected, color: getComputedStyle(styled).color };
    });
    assert.deepEqual(ran.injected, [], "no injected code ran");
    assert.notEqual(ran.color, "rgb(255, 0, 0)", "the style attribute was not applied");
    const directives = violations.map((v) => v.directive).sort();
    assert.deepEqual(directives, ["script-src", "script-src-attr", "script-src-elem", "style-src-attr"], JSON.stringify(violations));
    assert.ok(violations.some((v) => v.directive === "script-src-elem" && v.blocked === "inline"));
    assert.ok(violations.some((v) => v.directive === "script-src" && v.blocked === "eval"));
    // Only the refusals themselves are in the console.
    assert.deepEqual(errors.filter((e) => !/Content Security Policy/.test(e)), []);
  } finally {
    await context.close();
    await server.close();
  }
});

for (const [what, pattern] of [
  [".wasm", /^cpor-desk-[0-9a-f]+_bg\.wasm$/],
  [".js", /^cpor-desk-[0-9a-f]+\.js$/],
]) {
  test(`integrity bites: a tampered app ${what} does not start, the untampered build does`, async () => {
    const tampered = tamperedDist(pattern);
    const good = await serveStatic(DIST, "/apps/cpor/");
    const bad = await serveStatic(tampered.dir, "/apps/cpor/");
    const context = await browser.newContext();
    try {
      const goodErrors = [];
      const okPage = await newPage(context, goodErrors);
      await okPage.goto(good.url);
      await okPage.getByRole("heading", { name: "CPOR Desk", level: 1 }).waitFor();
      assert.deepEqual(goodErrors, []);

      const errors = [];
      const page = await newPage(context, errors);
      const blocked = page.waitForEvent("console", {
        predicate: (m) => m.type() === "error" && /integrity/.test(m.text()) && m.text().includes(tampered.name),
        timeout: 15000,
      });
      await page.goto(bad.url);
      const message = (await blocked).text();
      assert.match(message, /Failed to find a valid digest in the 'integrity' attribute/);
      // Give a start that should not happen time to happen.
      await page.waitForTimeout(1500);
      assert.equal(await page.getByRole("heading", { name: "CPOR Desk", exact: true }).count(), 0, "the app did not start");
      // The partner is told so (index.html's start-up check), not left
      // with a blank page.
      await page.getByRole("alert").getByRole("heading", { name: "CPOR Desk did not start" }).waitFor();
      assert.equal(await page.evaluate(() => typeof window.wasmBindings), "undefined");
    } finally {
      await context.close();
      await good.close();
      await bad.close();
      tampered.cleanup();
    }
  });
}

test("integrity bites in the worker: a tampered poe-worker_bg.wasm is reported for the document, nothing hangs", async () => {
  const tampered = tamperedDist(/^poe-worker_bg\.wasm$/);
  const server = await serveStatic(tampered.dir, "/apps/cpor/");
  const errors = [];
  const violations = [];
  const context = await browser.newContext();
  let page;
  try {
    page = await cspPage(context, errors, violations);
    await page.goto(server.url);
    await signIn(page);
    await importClaim(page, server, "csp-tampered");
    const t0 = Date.now();
    const doc = await upload(page, "statement-of-work.pdf", PDF);
    await doc.getByText("The pre-check stopped on this document").waitFor({ timeout: 20000 });
    // The reader's own words are behind "Technical details (for support)".
    await doc.getByText("Technical details (for support)").click();
    await doc.getByText(/poe-worker_bg\.wasm did not load/).waitFor();
    console.log(`  tampered worker .wasm reported after ${Date.now() - t0} ms`);
    // The summary is not left "Checking…"; a second document gets a fresh
    // worker and the same answer.
    const summary = page.getByTestId("precheck-summary");
    assert.equal(await summary.getByText("Checking the documents").count(), 0);
    const second = await upload(page, "second.pdf", PDF);
    await second.getByText("The pre-check stopped on this document").waitFor({ timeout: 20000 });
    // The template is made by the worker too: it fails with a message.
    await page.getByRole("button", { name: "Download PoE template" }).click();
    await page.getByText("The template could not be made.").waitFor({ timeout: 20000 });
    const details = page.locator(".technical-details").last();
    await details.getByText("Technical details (for support)").click();
    await details.getByText(/poe-worker_bg\.wasm did not load/).waitFor();
    assert.ok(await page.getByRole("button", { name: "Download PoE template" }).isEnabled());

    assert.deepEqual(violations, []);
  } catch (e) {
    if (process.env.E2E_SHOTS) await page?.screenshot({ path: `${process.env.E2E_SHOTS}/csp-worker-failure.png`, fullPage: true });
    throw e;
  } finally {
    await context.close();
    await server.close();
    tampered.cleanup();
  }
});
