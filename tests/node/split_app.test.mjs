// scripts/split-app.mjs (the split build, scripts/build-app): the index.html
// it hands to Trunk, the wasm-opt arguments it takes from index.html, and
// the chunk loader it pins (every chunk fetched by its content-named file
// with integrity; anything unexpected stops the build). The whole split is
// tested end to end on the built dist/ (tests/e2e/split.test.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { binaryenOptions, optimizeAll, pinChunks, splitApp, splitIndexHtml, wasmOptArgs, workerBins, SplitError } from "../../scripts/split-app.mjs";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const INDEX = readFileSync(fileURLToPath(new URL("../../index.html", import.meta.url)), "utf8");

test("the split build's index.html: the app with the split feature, no wasm-opt by Trunk for the app and the workers, the rest unchanged", () => {
  const split = splitIndexHtml(INDEX);
  const app = /<link\b[^>]*data-bin="cpor-desk"[^>]*>/.exec(split)[0];
  assert.match(app, /data-cargo-features="app,split"/);
  assert.match(app, /data-wasm-opt="0"/);
  assert.deepEqual(workerBins(INDEX), ["poe-worker", "sync-worker"]);
  for (const bin of workerBins(INDEX)) {
    assert.match(new RegExp(`<link\\b[^>]*data-bin="${bin}"[^>]*>`).exec(split)[0], /data-wasm-opt="0"/);
    // splitApp optimises them with index.html's own arguments.
    assert.deepEqual(wasmOptArgs(INDEX, bin), wasmOptArgs(INDEX));
    assert.throws(() => wasmOptArgs(split, bin), SplitError);
  }
  // Everything else is index.html's.
  const rest = (html) => html.replace(/<link\b[^>]*data-bin="[^"]*"[^>]*>/g, "");
  assert.equal(rest(split), rest(INDEX));
  assert.deepEqual(wasmOptArgs(INDEX).slice(0, 2), ["-Oz", "--enable-bulk-memory"]);
  assert.throws(() => wasmOptArgs(split), SplitError);
  assert.throws(() => splitIndexHtml("<html></html>"), /data-bin="cpor-desk"/);
  // A worker without a wasm-opt level stops the split index, not the build later.
  const noLevel = INDEX.replace(/(data-bin="poe-worker"[^>]*?)data-wasm-opt="z"/, '$1data-wasm-opt="0"');
  assert.notEqual(noLevel, INDEX);
  assert.throws(() => splitIndexHtml(noLevel), /poe-worker link has no wasm-opt level/);
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

test("wasm-opt's arguments as binaryen's API takes them; an argument it does not know stops the build", () => {
  const F = { MVP: 0, SignExt: 1, BulkMemory: 2, NontrappingFPToInt: 4, CallIndirectOverlong: 8 };
  assert.deepEqual(binaryenOptions(["-Oz", "--enable-sign-ext", "--enable-bulk-memory"], F), { optimize: 2, shrink: 2, features: 3 });
  assert.deepEqual(binaryenOptions(["-Os", "--enable-nontrapping-float-to-int", "--enable-call-indirect-overlong"], F), { optimize: 2, shrink: 1, features: 12 });
  assert.deepEqual(binaryenOptions(["-O3"], F), { optimize: 3, shrink: 0, features: 0 });
  assert.throws(() => binaryenOptions(["-Oz", "--enable-gc"], F), /no such binaryen feature/);
  assert.throws(() => binaryenOptions(["-Oz", "--converge"], F), /does not know it/);
  assert.throws(() => binaryenOptions(["--enable-sign-ext"], F), /no -O level/);
});

// A module with work for the optimiser: a loop, a call to inline, dead code,
// a local to coalesce, a table, memory and a data segment; and ($find, as
// rustc writes an iterator's `find`) code that only wasm-opt's Stack IR
// optimisation shrinks further, which the API does only if told.
const WAT = `(module
  (import "env" "eq" (func $eq (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello")
  (table 2 funcref)
  (elem (i32.const 0) $double $sum)
  (func $double (param $x i32) (result i32) (i32.add (local.get $x) (local.get $x)))
  (func $sum (export "sum") (param $n i32) (result i32)
    (local $i i32) (local $acc i32) (local $unused i32)
    (local.set $unused (i32.const 7))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (call $double (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (if (i32.const 0) (then (drop (i32.load8_u (i32.const 16)))))
    (local.get $acc))
  (func (export "first") (result i32) (call_indirect (param i32) (result i32) (i32.const 21) (i32.const 0)))
  (func $find (export "find") (param $it i32) (result i32)
    (local $needle i32) (local $len i32) (local $at i32) (local $end i32) (local $next i32) (local $a i32) (local $b i32)
    (local.set $needle (i32.load offset=12 (local.get $it)))
    (local.set $len (i32.load offset=8 (local.get $it)))
    (local.set $at (i32.load (local.get $it)))
    (local.set $end (i32.load offset=4 (local.get $it)))
    (loop $next_record
      (block $more
        (br_if $more (i32.ne (local.get $at) (local.get $end)))
        (return (i32.const 0)))
      (i32.store (local.get $it) (local.tee $next (i32.add (local.get $at) (i32.const 52))))
      (local.set $a (i32.add (local.get $at) (i32.const 16)))
      (local.set $b (i32.add (local.get $at) (i32.const 20)))
      (local.set $at (local.get $next))
      (br_if $next_record (i32.eqz (call $eq (i32.load (local.get $a)) (i32.load (local.get $b)) (local.get $len) (local.get $needle)))))
    (i32.add (local.get $next) (i32.const -52))))`;

test("the pieces are optimised in-process byte for byte as the wasm-opt command does it", async () => {
  const { default: binaryen } = await import("binaryen");
  const parsed = binaryen.parseText(WAT);
  const input = parsed.emitBinary();
  parsed.dispose();
  const dir = mkdtempSync(join(tmpdir(), "cpor-opt-"));
  try {
    const args = wasmOptArgs(INDEX);
    const [viaCli, viaApi] = [join(dir, "cli.wasm"), join(dir, "api.wasm")];
    writeFileSync(viaCli, input);
    writeFileSync(viaApi, input);
    execFileSync("wasm-opt", [...args, viaCli, "-o", viaCli]);
    await optimizeAll([viaApi], args);
    const [cli, api] = [readFileSync(viaCli), readFileSync(viaApi)];
    assert.ok(cli.length < input.length, `wasm-opt shrank the module (${input.length} -> ${cli.length} B)`);
    assert.deepEqual(api, cli);
    // It still works: sum(4) = 2 * (0 + 1 + 2 + 3).
    const eq = (a, _b, _len, needle) => (a === needle ? 1 : 0);
    const { instance } = await WebAssembly.instantiate(api, { env: { eq } });
    const { sum, first, find, memory } = instance.exports;
    assert.equal(sum(4), 12);
    assert.equal(first(), 42);
    // find: three 52-byte records from 1024 whose field at +16 is 5, 6, 7.
    const words = new Uint32Array(memory.buffer);
    [5, 6, 7].forEach((v, i) => (words[(1024 + 52 * i + 16) / 4] = v));
    words.set([1024, 1024 + 3 * 52, 0, 6], 512 / 4);
    assert.equal(find(512), 1024 + 52);
    words.set([1024, 1024 + 3 * 52, 0, 9], 512 / 4);
    assert.equal(find(512), 0);
    // A module that is not WebAssembly stops the build.
    writeFileSync(viaApi, "not wasm");
    await assert.rejects(optimizeAll([viaApi], args), (e) => e instanceof SplitError && e.message.includes(viaApi));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
