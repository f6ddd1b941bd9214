// The embeddable module as portals use it, in headless Chromium:
// 1. a Vite project installs the packed npm package, builds, and runs it;
// 2. the drop-in <cpor-tenant-check> element on a plain page: labels,
//    findings in a live region, the "matches" line;
// 3. inside a host <form>, in Swedish: the form is invalid while the check
//    finds an error, a submit attempt shows why, the values are submitted.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { serveStatic } from "./server.mjs";
import { CONTOSO, CONTOSO_DOMAIN, FABRIKAM } from "./app.mjs";
import { launch, newPage } from "./browser.mjs";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const version = /^version = "([^"]+)"/m.exec(readFileSync(join(repo, "Cargo.toml"), "utf8"))[1];
const TARBALL = join(repo, "pkg", `cpor-desk-validate-${version}.tgz`);
let browser;

before(async () => {
  assert.ok(existsSync(TARBALL), "run scripts/build-embed first");
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("a Vite project installs the packed package, builds, and runs the module in the browser", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cpor-vite-"));
  let server;
  try {
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "portal", private: true, type: "module" }));
    execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", TARBALL], { cwd: dir, stdio: "pipe" });
    writeFileSync(join(dir, "index.html"), `<!doctype html><title>portal</title><link rel="icon" href="data:,"><output id="out"></output><script type="module" src="./main.js"></script>`);
    writeFileSync(
      join(dir, "main.js"),
      `import init, { checkTenantDomain } from "cpor-desk-validate";
await init();
document.getElementById("out").textContent = JSON.stringify([
  checkTenantDomain("${CONTOSO_DOMAIN}", "${CONTOSO}"),
  checkTenantDomain("${CONTOSO_DOMAIN}", "${FABRIKAM}", undefined, { locale: "sv" }).map((f) => f.code),
]);
`,
    );
    // base "./": the portal is served from a sub-path.
    await build({ root: dir, base: "./", logLevel: "warn", build: { outDir: join(dir, "dist"), emptyOutDir: true } });
    server = await serveStatic(join(dir, "dist"), "/portal/");
    const errors = [];
    const page = await newPage(browser, errors);
    await page.goto(server.url);
    await page.waitForFunction(() => document.getElementById("out").textContent !== "");
    assert.deepEqual(JSON.parse(await page.locator("#out").textContent()), [[], ["domain.mismatch"]]);
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A page with `body`, the element loaded from pkg/ (what the tarball holds). */
async function elementPage(body) {
  const dir = mkdtempSync(join(tmpdir(), "cpor-element-"));
  writeFileSync(join(dir, "index.html"), `<!doctype html><html lang="en"><title>portal</title><link rel="icon" href="data:,">
<script type="module" src="/pkg/cpor-tenant-check.js"></script>${body}`);
  const server = await serveStatic(dir, "/", { "/pkg/": join(repo, "pkg") });
  const errors = [];
  const page = await newPage(browser, errors);
  await page.goto(server.url);
  return { page, errors, close: async () => (await page.close(), await server.close(), rmSync(dir, { recursive: true, force: true })) };
}

test("the drop-in element on a plain page: labelled inputs, findings in a live region", async () => {
  const { page, errors, close } = await elementPage(`<cpor-tenant-check></cpor-tenant-check>`);
  try {
    await page.getByLabel("Customer domain").fill(CONTOSO_DOMAIN);
    await page.getByLabel("Customer tenant ID").fill(FABRIKAM);
    const findings = page.getByRole("status");
    await findings.getByText("The domain belongs to a different tenant").waitFor();
    assert.equal(await page.getByLabel("Customer domain").getAttribute("aria-invalid"), "true");
    assert.equal(await page.getByLabel("Customer domain").getAttribute("aria-describedby"), "findings");
    await page.getByLabel("Customer tenant ID").fill(CONTOSO);
    await findings.getByText("The domain belongs to this tenant.").waitFor();
    assert.equal(await page.getByLabel("Customer domain").getAttribute("aria-invalid"), "false");
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test("inside a host form, in Swedish: invalid while the check finds an error, the values are submitted", async () => {
  const { page, errors, close } = await elementPage(`<form lang="sv" action="javascript:void 0">
<cpor-tenant-check name="customer" domain="${CONTOSO_DOMAIN}"></cpor-tenant-check><button>Skicka</button></form>`);
  try {
    const form = page.locator("form");
    const valid = () => form.evaluate((f) => f.checkValidity());
    await page.getByLabel("Kundens klient-ID").waitFor();
    assert.equal(await page.getByLabel("Kundens domän").inputValue(), CONTOSO_DOMAIN);
    // Nothing shown before a submit attempt or an edit; the attempt shows why.
    assert.equal(await page.getByRole("status").locator("li").count(), 0);
    await page.getByRole("button", { name: "Skicka" }).click();
    assert.equal(await valid(), false, "no tenant ID yet");
    await page.getByRole("status").getByText("klient-ID", { exact: false }).first().waitFor();
    await page.getByLabel("Kundens klient-ID").fill(FABRIKAM);
    await page.getByRole("status").getByText("Domänen tillhör en annan klient").waitFor();
    assert.equal(await valid(), false);
    await page.getByLabel("Kundens klient-ID").fill(CONTOSO);
    await page.getByRole("status").getByText("Domänen hör till den här klienten.").waitFor();
    assert.equal(await valid(), true);
    const submitted = await form.evaluate((f) => [...new FormData(f)]);
    assert.deepEqual(submitted, [["customer.domain", CONTOSO_DOMAIN], ["customer.tenantId", CONTOSO]]);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});
