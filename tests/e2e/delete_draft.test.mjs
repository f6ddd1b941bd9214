// Deleting a draft, end to end, in two tabs of one browser: the draft is
// deleted after a confirmation (Cancel keeps it), the list opens with a
// note, and the other tab's list drops it without a reload. A submitted
// claim offers no Delete.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { serveStatic } from "./server.mjs";
import { importClaims, screenClaims, signIn } from "./app.mjs";
import { launch, newTab } from "./browser.mjs";

const repo = fileURLToPath(new URL("../../", import.meta.url));
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("a draft is deleted after a confirmation, and the other tab's list drops it", async () => {
  assert.ok(existsSync(`${repo}/dist/index.html`), "run trunk build --release --public-url ./ first");
  const server = await serveStatic(`${repo}/dist`, "/apps/cpor/");
  const errors = [];
  const context = await browser.newContext();
  try {
    const one = await newTab(context, errors);
    await one.goto(server.url);
    await signIn(one);
    await importClaims(one, screenClaims());
    const two = await newTab(context, errors);
    await two.goto(`${server.url}#/claims`);
    await two.getByRole("link", { name: "Draft claim" }).waitFor();

    // A submitted claim is withdrawn, never deleted.
    await one.goto(`${server.url}#/claims/a11y-submitted`);
    await one.getByRole("button", { name: "Request rejection…" }).waitFor();
    assert.equal(await one.getByRole("button", { name: "Delete draft…" }).count(), 0);

    await one.goto(`${server.url}#/claims/a11y-draft`);
    const del = one.getByRole("button", { name: "Delete draft…" });
    await del.click();
    const dialog = one.getByRole("dialog", { name: "Delete this draft?" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    assert.equal(await one.evaluate(() => document.activeElement?.textContent.trim()), "Delete draft…", "the focus returns");

    await del.click();
    await dialog.getByRole("button", { name: "Delete draft", exact: true }).click();
    await one.getByText("The draft “Draft claim” was deleted.").waitFor();
    assert.match(one.url(), /#\/claims$/);
    assert.equal(await one.getByRole("link", { name: "Draft claim" }).count(), 0);

    // The other tab follows without a reload.
    await two.getByRole("link", { name: "Draft claim" }).waitFor({ state: "detached" });
    await two.getByText("Showing 1–2 of 2 claims").waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});
