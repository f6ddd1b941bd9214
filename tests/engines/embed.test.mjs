// The embeddable module (pkg/, as portals load it from a sub-path) in
// Firefox ESR and WebKit gives the same answers as in Node: one battery of
// calls over its whole JS API (docs/rules.md#embed-api), the shared domain
// vectors (tests/vectors/domains.json: the browser's own URL parser does
// IDNA there) and its errors, run in Node and in each engine's page and
// compared whole. The example page (examples/embed/) is the page it runs on.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { serveStatic } from "../e2e/server.mjs";
import { CONTOSO, CONTOSO_DOMAIN, CONTOSO_SALES, FABRIKAM } from "../e2e/app.mjs";
import { ENGINES, openEngine } from "./driver.mjs";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const VECTORS = JSON.parse(readFileSync(`${repo}/tests/vectors/domains.json`, "utf8"));

// Runs in the page (or Node): `mod` is the module or the URL to import it
// from. Every answer, and every error as { code }, in one JSON value.
async function battery(mod, vectors, ids) {
  if (typeof mod === "string") {
    const url = mod;
    mod = await import(url);
    await mod.default();
  }
  const call = (fn, ...args) => {
    try {
      return { ok: fn(...args) };
    } catch (e) {
      return { error: e.code ?? String(e), isError: e instanceof Error };
    }
  };
  const claim = {
    id: "c1", name: "Contoso Sales", solutionArea: "business_applications", partnerRole: "build_intent_advisor",
    partnerOrg: { id: "northwind", name: "Northwind Traders" }, partnerLocation: "4312785",
    customerName: "Contoso Ltd", customerDomain: ids.domain, tenantId: ids.contoso,
    products: [{ product: "d365_sales", subscriptionId: ids.sales }],
    customerContact: { name: "Anna Svensson", email: "anna@contoso.com" },
    partnerContact: { name: "Ada Lindqvist", email: "ada@northwind.example" },
    documents: [{ id: "d1", name: "sow.pdf", size: 1, kind: "pdf" }],
  };
  const partner = { kind: "partner", orgId: "northwind", role: "incentives_admin", name: "Ada" };
  const submitted = mod.applyEvent(claim, { type: "submit", actor: partner }, "2026-11-23T10:00:00+01:00");
  return {
    exports: Object.keys(mod).filter((k) => typeof mod[k] === "function").sort(),
    fields: [
      call(mod.validateField, "tenantId", "nope", { locale: "sv" }),
      call(mod.validateField, "email", "anna@contoso.com"),
      call(mod.validateField, "domain", "https://contoso.com/x"),
      call(mod.validateField, "nope", "x"),
    ],
    claim: [
      call(mod.validateClaim, claim, { directory: "demo", now: "2026-11-21T10:00:00Z" }),
      call(mod.validateClaim, { ...claim, products: [{ product: "power_bi" }] }, { locale: "sv" }),
      call(mod.checkTenantDomain, ids.domain, ids.fabrikam),
    ],
    dates: [
      call(mod.addBusinessDays, "2026-11-21", 1),
      call(mod.addBusinessDays, "2026-12-24", 1, ["2026-12-25"]),
      call(mod.addBusinessDays, "2026-13-01", 1),
      call(mod.businessDaysBetween, "2026-11-20", "2026-11-23"),
    ],
    guids: [call(mod.canonicalGuid, "1D38BBEAE8D8407C9C74BEE089C92C07"), call(mod.canonicalGuid, "xyz")],
    domains: vectors.map((v) => call(mod.normalizeDomain, v.input)),
    events: [
      submitted.status,
      submitted.history.at(-1),
      call(mod.applyEvent, submitted, { type: "approve", actor: partner }, "2026-11-23T10:00:00+01:00"),
    ],
    poe: call(
      mod.poeChecklist,
      "Statement of work. Signed by the customer, Contoso Ltd, on 2026-10-01. Northwind Traders deploys Dynamics 365 Sales.",
      claim,
      "2026-11-21",
    ),
  };
}

const IDS = { contoso: CONTOSO, fabrikam: FABRIKAM, sales: CONTOSO_SALES, domain: CONTOSO_DOMAIN };

for (const engine of ENGINES) {
  test(`${engine}: the module's JS API from pkg/ gives Node's answers, the domain vectors included`, async () => {
    assert.ok(existsSync(`${repo}/pkg/cpor_validate.js`), "build pkg/ first: scripts/build-embed");
    const mod = await import(`${repo}/pkg/cpor_validate.js`);
    mod.initSync({ module: readFileSync(`${repo}/pkg/cpor_validate_bg.wasm`) });
    const expected = await battery(mod, VECTORS, IDS);
    // The vectors' own answers hold in Node (so the comparison is not empty).
    assert.equal(expected.domains.length, VECTORS.length);
    assert.equal(expected.guids[0].ok, CONTOSO);

    const server = await serveStatic(repo, "/portal/");
    let b;
    try {
      b = await openEngine(engine);
      await b.goto(`${server.url}examples/embed/index.html`);
      await b.waitFor(() => document.querySelector("#ready:not([hidden])"), [], "the example page's module");
      const got = await b.evaluate(battery, `${server.url}pkg/cpor_validate.js`, VECTORS, IDS);
      assert.deepEqual(got, expected);
      assert.deepEqual(b.errors, [], "errors in the page");
    } finally {
      await b?.close();
      await server.close();
    }
  });
}
