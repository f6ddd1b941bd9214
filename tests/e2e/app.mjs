// Steps and fixtures the end-to-end tests share (tests/node/ too): the demo
// directory's tenants, the demo profile, importing claims through Settings,
// uploading a PoE document, and the claim the PoE fixtures are checked
// against.

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
  await page.getByRole("link", { name: "Settings" }).click();
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
