// scripts/split-app.mjs (the split build, scripts/build-app): the index.html
// it hands to Trunk, the wasm-opt arguments it takes from index.html, and
// the chunk loader it pins (every chunk fetched by its content-named file
// with integrity; anything unexpected stops the build). The whole split is
// tested end to end on the built dist/ (tests/e2e/split.test.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { pinChunks, splitApp, splitIndexHtml, wasmOptArgs, SplitError } from "../../scripts/split-app.mjs";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const INDEX = readFileSync(fileURLToPath(new URL("../../index.html", import.meta.url)), "utf8");

test("the split build's index.html: the app with the split feature and no wasm-opt by Trunk, the workers unchanged", () => {
  const split = splitIndexHtml(INDEX);
  const app = /<link\b[^>]*data-bin="cpor-desk"[^>]*>/.exec(split)[0];
  assert.match(app, /data-cargo-features="app,split"/);
  assert.match(app, /data-wasm-opt="0"/);
  // Everything else is index.html's.
  const rest = (html) => html.replace(/<link\b[^>]*data-bin="cpor-desk"[^>]*>/, "");
  assert.equal(rest(split), rest(INDEX));
  assert.deepEqual(wasmOptArgs(INDEX).slice(0, 2), ["-Oz", "--enable-bulk-memory"]);
  assert.throws(() => wasmOptArgs(split), SplitError);
  assert.throws(() => splitIndexHtml("<html></html>"), /data-bin="cpor-desk"/);
});

const LOADER = `import { initSync } from "./cpor-desk.js";
const __chunk_0 = makeLoad(() => {
    const src = fetch(new URL("./__wasm_split_chunk_0.wasm", import.meta.url));
}, []);
export const __wasm_split_load_page_help = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split_page_help.wasm", import.meta.url));
}, [__chunk_0]));
`;

test("the chunk loader fetches every chunk by its new name with integrity, and stops on a chunk it does not know", () => {
  const names = new Map([
    ["__wasm_split_chunk_0", ["cpor-desk-0123456789abcdef-wasm_split_chunk_0.wasm", "sha384-A"]],
    ["split_page_help", ["cpor-desk-fedcba9876543210-split_page_help.wasm", "sha384-B"]],
  ]);
  const pinned = pinChunks(LOADER, names);
  assert.ok(pinned.includes(`fetch(new URL("./cpor-desk-0123456789abcdef-wasm_split_chunk_0.wasm", import.meta.url), { integrity: "sha384-A" })`));
  assert.ok(pinned.includes(`fetch(new URL("./cpor-desk-fedcba9876543210-split_page_help.wasm", import.meta.url), { integrity: "sha384-B" })`));
  assert.ok(!pinned.includes(`"./split_page_help.wasm"`));
  names.delete("split_page_help");
  assert.throws(() => pinChunks(LOADER, names), /split_page_help\.wasm/);
  assert.throws(() => pinChunks(LOADER, new Map([...names, ["x", ["y", "z"]], ["split_page_help", ["a", "b"]]])), /fetches 2 chunks/);
});

test("a build that is not split is left alone", async () => {
  const dir = mkdtempSync(join(tmpdir(), "split-app-"));
  try {
    writeFileSync(join(dir, "cpor-desk-0123.js"), "export default async function init() {}");
    assert.deepEqual(await splitApp(dir), []);
    writeFileSync(join(dir, "poe-worker.js"), `import "__wasm_split_placeholder__";`);
    await assert.rejects(() => splitApp(dir), /only the app/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("function names for twiggy come from the linker's symbol table (the release build strips the name section)", async () => {
  const { linkingFunctionNames, withFunctionNames } = await import("../../scripts/split-app.mjs");
  const str = (s) => [s.length, ...Buffer.from(s)];
  // linking v2, a symbol table: function 3 "app::f" (defined), an undefined
  // function import without its own name, data symbol "D" (defined).
  const table = [3, 0, 0, 3, ...str("app::f"), 0, 0x10, 0, 1, 0, ...str("D"), 0, 0, 4];
  const linking = [...str("linking"), 2, 8, table.length, ...table];
  const wasm = Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0, linking.length, ...linking]);
  assert.deepEqual([...linkingFunctionNames(wasm)], [[3, "app::f"]]);
  const named = withFunctionNames(wasm);
  assert.ok(named.subarray(wasm.length).includes(Buffer.from("name")));
  assert.ok(named.subarray(wasm.length).includes(Buffer.from("app::f")));
  // Without a symbol table, the module as it was.
  const plain = Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  assert.equal(withFunctionNames(plain), plain);
});
