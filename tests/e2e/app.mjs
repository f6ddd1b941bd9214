// Steps and fixtures the end-to-end tests share (tests/node/ too): the demo
// directory's tenants, the demo profile, importing claims through Settings,
// uploading a PoE document, the claim the PoE fixtures are checked
// against, claims in three statuses for visiting every screen, and
// following a link of the header (behind the menu button on a phone).

/** Contoso's tenant in the demo directory (data/demo-directory.json). */
export const CONTOSO = "1d38bbea-e8d8-407c-9c74-bee089c92c07";
/** Contoso's verified domain in the demo directory. */
export const CONTOSO_DOMAIN = "contoso.com";
/** Contoso's claimable Dynamics 365 Sales subscription in the demo directory. */
export const CONTOSO_SALES = "7ce29de6-c2d2-41eb-b202-f010e10c6f64";
/** Fabrikam's tenant in the demo directory. */
export const FABRIKAM = "3bfdf9e3-cae4-48d3-8989-4d798e8ba108";
/** Fabrikam's verified domain in the demo directory. */
export const FABRIKAM_DOMAIN = "fabrikam.com";

/** Signs in as Ada Lindqvist of Northwind Traders, Incentives admin. */
export async function signIn(page) {
  await page.getByLabel("Partner organisation").selectOption("northwind");
  await page.getByLabel("Your name").fill("Ada Lindqvist");
  await page.getByLabel("Role").selectOption("incentives_admin");
  await page.getByRole("button", { name: "Use this profile" }).click();
  await page.getByRole("heading", { name: "Your claims" }).waitFor();
}

/** Settings → Import data from an export file, with `claims`. */
export async function importClaims(page, claims) {
  await goTo(page, "Settings");
  await page.getByLabel("Import data from an export file").setInputFiles({
    name: "export.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify({ format: "cpor-desk-export", schemaVersion: 1, claims })),
  });
  await page.getByText(`Imported: ${claims.length} new`).waitFor();
}

/** The claim the PoE fixtures are checked against (tests/fixtures/poe/README.md). */
export function fixtureClaim(id, products = ["d365_sales"]) {
  return {
    id,
    name: "Contoso Sales rollout",
    solutionArea: "business_applications",
    partnerRole: "build_intent_advisor",
    partnerOrg: { id: "northwind", name: "Northwind Traders" },
    partnerLocation: "4312785",
    customerName: "Contoso Ltd",
    customerDomain: CONTOSO_DOMAIN,
    tenantId: CONTOSO,
    products: products.map((product) => ({ product })),
    customerContact: { name: "Anna Svensson", email: "anna@contoso.com" },
    partnerContact: { name: "Ada Lindqvist", email: "ada@northwind.example" },
    status: "draft",
    revision: 1,
    createdAt: "2026-10-01T09:00:00Z",
  };
}

/** Uploads a PoE document on the claim page and waits for its checklist. */
export async function upload(page, name, buffer) {
  await page.getByLabel("Add PoE document").setInputFiles({ name, mimeType: "application/octet-stream", buffer });
  await page.locator("fieldset.checklist-doc legend", { hasText: name }).waitFor();
}

/** Signs in, imports the fixture claim `id` and opens its claim page. */
export async function openFixtureClaim(page, baseUrl, id) {
  await page.goto(baseUrl);
  await signIn(page);
  await importClaims(page, [fixtureClaim(id)]);
  await page.goto(`${baseUrl}#/claims/${id}`);
  await page.getByRole("heading", { name: "Contoso Sales rollout" }).waitFor();
}

/** The phone viewport of the phone-sized runs. */
export const PHONE = { width: 390, height: 844 };

/** An ISO timestamp `n` days ago (whole seconds). */
export const daysAgo = (n) => new Date(Date.now() - n * 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");
const PARTNER = { kind: "partner", orgId: "northwind", role: "incentives_admin", name: "Ada Lindqvist" };
const REVIEWER = { kind: "reviewer", name: "" };

function screenClaim(id, name, status, steps, extra = {}) {
  return {
    id,
    name,
    solutionArea: "modern_work_security",
    partnerRole: "use_or_consume",
    partnerOrg: { id: "northwind", name: "Northwind Traders" },
    partnerLocation: "4312785",
    customerName: "Contoso Ltd",
    customerDomain: CONTOSO_DOMAIN,
    tenantId: CONTOSO,
    products: [{ product: "teams" }],
    customerContact: { name: "Anna Svensson", email: "anna@contoso.com" },
    partnerContact: { name: "Ada Lindqvist", email: "ada@northwind.example" },
    status,
    revision: 1,
    createdAt: daysAgo(5),
    history: [{ at: daysAgo(5), actor: PARTNER, action: { type: "created" }, to: "draft" }, ...steps],
    ...extra,
  };
}

/** Claims of Northwind in three statuses (ids `a11y-draft`,
 * `a11y-submitted`, `a11y-approved`), so every screen has something to
 * show: the dashboard's rows, the review desk's queue, the inbox's notice. */
export function screenClaims() {
  const submitted = { at: daysAgo(4), actor: PARTNER, action: { type: "submitted" }, from: "draft", to: "submitted" };
  return [
    screenClaim("a11y-draft", "Draft claim", "draft", []),
    screenClaim("a11y-submitted", "Submitted claim", "submitted", [{ ...submitted, at: daysAgo(2) }], {
      documents: [{ id: "a11y-sow", name: "statement-of-work-signed-by-the-customer-2026.pdf", size: 48213, kind: "pdf", comment: "Signed SOW with milestones", addedAt: daysAgo(3) }],
    }),
    screenClaim(
      "a11y-approved",
      "Approved claim",
      "approved",
      [
        submitted,
        { at: daysAgo(3), actor: REVIEWER, action: { type: "review_started" }, from: "submitted", to: "under_review" },
        { at: daysAgo(1), actor: REVIEWER, action: { type: "approved" }, from: "under_review", to: "approved" },
      ],
      { products: [{ product: "intune" }] },
    ),
  ];
}

/** Follows the header's link `name`; on a phone the menu button opens the
 * navigation first. */
export async function goTo(page, name) {
  // The header first (right after a reload the app may still be starting,
  // and a menu button that is not there yet looks like a desktop layout).
  await page.locator("#main-nav").waitFor({ state: "attached" });
  const menu = page.locator(".menu-button");
  if ((await menu.isVisible()) && (await menu.getAttribute("aria-expanded")) !== "true") {
    await menu.click();
  }
  await page.locator("#main-nav").getByRole("link", { name }).click();
}

/** Switches the language with the header's switch and waits for it. */
export async function language(page, tag) {
  await page.locator(".language-switch select").selectOption(tag);
  await page.locator(`html[lang="${tag}"]`).waitFor();
}
