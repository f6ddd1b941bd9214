// axe-core in the end-to-end tests: runs the WCAG 2.0/2.1/2.2 A and AA rules
// on the page as it is and returns the violations, readable.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const AXE = fileURLToPath(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url));
// Evaluated, not added as a <script>: the app's CSP refuses inline scripts
// (and Playwright's evaluate is not subject to it).
const AXE_SOURCE = readFileSync(AXE, "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/** The violations on `page` ("" when none), one line per node. */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) {
    await page.evaluate(AXE_SOURCE);
  }
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
    TAGS,
  );
  return result.violations
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")} — ${n.failureSummary.replace(/\s+/g, " ")}`))
    .join("\n");
}
