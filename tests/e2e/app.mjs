// Steps the end-to-end tests share: the demo profile, importing claims
// through Settings, uploading a PoE document, and the claim the PoE
// fixtures are checked against.

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
    customerDomain: "contoso.com",
    tenantId: "1d38bbea-e8d8-407c-9c74-bee089c92c07",
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
