// The embeddable module from pkg/ in Node: it loads, and its API matches docs/rules.md#embed-api.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CONTOSO, CONTOSO_DOMAIN, CONTOSO_SALES, FABRIKAM } from "../e2e/app.mjs";

const pkg = new URL("../../pkg/", import.meta.url);
const mod = await import(new URL("cpor_validate.js", pkg));
mod.initSync({ module: readFileSync(fileURLToPath(new URL("cpor_validate_bg.wasm", pkg))) });

const API = [
  "validateField", "validateClaim", "checkTenantDomain", "normalizeDomain", "canonicalGuid",
  "addBusinessDays", "businessDaysBetween", "applyEvent", "poeChecklist",
];

test("exports exactly the docs/rules.md#embed-api functions (plus the loaders)", () => {
  const names = Object.keys(mod).filter((k) => typeof mod[k] === "function").sort();
  assert.deepEqual(names, [...API, "default", "initSync"].sort());
});

test("the TypeScript declarations name every function and type", () => {
  const dts = readFileSync(fileURLToPath(new URL("cpor_validate.d.ts", pkg)), "utf8");
  for (const name of API) assert.match(dts, new RegExp(`export function ${name}\\(`), name);
  assert.match(dts, /export function validateField\(field: string, value: string, options\?: FieldOptions\): Finding\[\]/);
  assert.match(dts, /export function applyEvent\(claim: Claim, event: ClaimEvent, nowIso: string, policy\?: string \| Policy\): Claim;/);
  assert.match(dts, /export function checkTenantDomain\(domain: string, tenantId: string, directory\?: Directory/);
  assert.match(dts, /export function poeChecklist\(text: string, claim: Claim, todayIso: string\): ChecklistEntry\[\];/);
  assert.match(dts, /export function addBusinessDays\(date: string, n: number, holidays\?: string\[\]\): string;/);
  for (const type of ["Finding", "Claim", "ClaimEvent", "Policy", "Directory", "ChecklistEntry", "CporError"]) {
    assert.match(dts, new RegExp(`export (interface|type) ${type}\\b`), type);
  }
});

test("validateField returns {field, code, severity, message}", () => {
  const out = mod.validateField("tenantId", "nope", { locale: "sv" });
  assert.equal(out.length, 1);
  assert.deepEqual(Object.keys(out[0]), ["field", "code", "severity", "message"]);
  assert.equal(out[0].code, "tenant.format");
  assert.equal(out[0].severity, "error");
  assert.match(out[0].message, /Klient-ID/);
  assert.deepEqual(mod.validateField("email", "anna@contoso.com"), []);
  assert.equal(mod.validateField("domain", "https://contoso.com/x")[0].code, "domain.url");
});

test("errors are Error objects with a code", () => {
  for (const [fn, args, code] of [
    [mod.normalizeDomain, ["127.0.0.1"], "domain.format"],
    [mod.normalizeDomain, [""], "domain.required"],
    [mod.canonicalGuid, ["xyz"], "tenant.format"],
    [mod.addBusinessDays, ["2026-13-01", 1], "date.format"],
    [mod.validateField, ["nope", "x"], "input.invalid"],
  ]) {
    assert.throws(() => fn(...args), (e) => e instanceof Error && e.code === code, `${fn.name} ${code}`);
  }
});

test("dates, GUIDs and domains", () => {
  assert.equal(mod.addBusinessDays("2026-11-21", 1), "2026-11-23");
  assert.equal(mod.businessDaysBetween("2026-11-20", "2026-11-23"), 1);
  assert.equal(mod.addBusinessDays("2026-12-24", 1, ["2026-12-25"]), "2026-12-28");
  assert.equal(mod.canonicalGuid("1D38BBEAE8D8407C9C74BEE089C92C07"), CONTOSO);
  // Node has no browser URL parser, but WHATWG URL is built in: same answer as the idna crate.
  assert.equal(mod.normalizeDomain("räksmörgås.se"), "xn--rksmrgs-5wao1o.se");
});

test("checkTenantDomain and validateClaim use the demo directory", () => {
  const codes = mod.checkTenantDomain(CONTOSO_DOMAIN, FABRIKAM).map((f) => f.code);
  assert.deepEqual(codes, ["domain.mismatch"]);
  const claim = {
    name: "Contoso Sales", solutionArea: "business_applications", partnerRole: "build_intent_advisor",
    partnerLocation: "1234567", customerName: "Contoso Ltd", customerDomain: CONTOSO_DOMAIN,
    tenantId: CONTOSO,
    products: [{ product: "d365_sales", subscriptionId: CONTOSO_SALES }],
    customerContact: { name: "Carl", email: "carl@contoso.com" },
    partnerContact: { name: "Ada", email: "ada@adatum.com" },
  };
  assert.deepEqual(mod.validateClaim(claim, { directory: "demo", now: "2026-11-21T10:00:00Z" }), []);
  const bad = mod.validateClaim({ ...claim, products: [{ product: "power_bi" }] }).map((f) => f.code);
  assert.ok(bad.includes("product.power_bi_dpor"), bad.join());
});

test("applyEvent walks a claim and refuses with a code", () => {
  const partner = { kind: "partner", orgId: "org-a", role: "incentives_user", name: "Ada" };
  const claim = {
    id: "c1", name: "Teams", solutionArea: "modern_work_security", partnerRole: "use_or_consume",
    partnerOrg: { id: "org-a", name: "Adatum" }, partnerLocation: "1234567", customerName: "Contoso Ltd",
    customerDomain: CONTOSO_DOMAIN, tenantId: CONTOSO,
    products: [{ product: "teams" }],
    customerContact: { name: "Carl", email: "carl@contoso.com" },
    partnerContact: { name: "Ada", email: "ada@adatum.com" },
    documents: [{ id: "d1", name: "sow.pdf", size: 1, kind: "pdf" }],
  };
  const submitted = mod.applyEvent(claim, { type: "submit", actor: partner }, "2026-11-23T10:00:00+01:00");
  assert.equal(submitted.status, "submitted");
  assert.equal(submitted.history.at(-1).to, "submitted");
  assert.throws(
    () => mod.applyEvent(submitted, { type: "approve", actor: partner }, "2026-11-23T10:00:00+01:00"),
    (e) => e.code === "transition.forbidden_role",
  );
  const review = mod.applyEvent(submitted, { type: "start_review", actor: { kind: "reviewer" } }, "2026-11-24T10:00:00Z");
  const par = mod.applyEvent(review, { type: "request_info", reasons: ["missing_products"], actor: { kind: "reviewer" } }, "2026-11-24T11:00:00Z");
  // Five business days later (with the default policy's holidays: 26–27 Nov) it is rejected automatically.
  assert.throws(
    () => mod.applyEvent(par, { type: "submit", actor: partner }, "2026-12-15T10:00:00Z"),
    (e) => e.code === "transition.not_allowed",
  );
});

test("poeChecklist gives one entry per item", () => {
  const out = mod.poeChecklist("Signed by the customer on 2026-10-01. Microsoft Teams rollout.", {
    name: "x", partnerOrg: { id: "a", name: "Adatum" }, customerName: "Contoso", products: [{ product: "teams" }],
  }, "2026-11-21");
  assert.deepEqual(out.map((e) => e.item), ["acknowledgement", "products", "activities", "names", "dates"]);
  for (const e of out) {
    assert.ok(["found", "missing", "unsure"].includes(e.status));
    assert.ok(Array.isArray(e.evidence));
  }
});
