#!/usr/bin/env node
// Code splitting of the app (docs/performance.md, "Code splitting"). Trunk
// has no split support, so the split build is a Trunk build of the app with
// the `split` feature, finished here:
//
//   node scripts/split-app.mjs --index > .split-index.html
//       index.html with the app built with `--features app,split` and no
//       wasm-opt by Trunk for the app or the workers (the split pieces and
//       the workers are optimised here); what scripts/build-app hands to
//       `trunk build`.
//   splitApp(stagingDir)   (called by scripts/csp-finalize.mjs, the Trunk
//       post_build hook, before it writes the CSP and the integrity)
//       when the staged app is a split build (its glue imports
//       `__wasm_split_placeholder__`), replaces Trunk's app .js/_bg.wasm with
//       the split output of the raw cargo .wasm (linked with --emit-relocs,
//       build.rs):
//         wasm-split-cli --target web      -> main .wasm, chunks, __wasm_split.js
//         wasm-bindgen --target web --keep-lld-exports   (the main .wasm)
//         wasm-opt (index.html's level and params) on the main .wasm, on
//           every chunk and on each worker's .wasm, in this process
//           (optimizeAll)
//       then names every file by its content (cache busting): each chunk
//       `cpor-desk-<hash>-<chunk>.wasm`, fetched by __wasm_split.js with its
//       integrity; `cpor-desk-<hash>-split.js`; the glue and main .wasm as
//       Trunk names them. csp-finalize then covers the glue and
//       __wasm_split.js with the import map's integrity and the main .wasm
//       with the loader's fetch integrity.
//
// Anything not in the expected shape stops the build: a split tool or
// wasm-bindgen upgrade must be looked at, never shipped without integrity.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const APP = "cpor-desk";
export const PLACEHOLDER_MODULE = "__wasm_split_placeholder__";

export class SplitError extends Error {}
function fail(message) {
  throw new SplitError(message);
}

function sri(bytes) {
  return `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
}
/** A short content hash for file names (as Trunk's filehash: 16 hex digits). */
export function contentHash(bytes) {
  return createHash("sha256").update(bytes).digest("hex").slice(0, 16);
}

/** index.html's <link data-trunk rel="rust">s: each match is [link, data-bin]. */
function rustLinks(html) {
  return [...html.matchAll(/<link\b[^>]*data-bin="([^"]+)"[^>]*>/g)];
}

/** The <link data-trunk rel="rust"> of binary `bin` (data-bin) in index.html. */
function rustLink(html, bin = APP) {
  const links = rustLinks(html).filter((m) => m[1] === bin);
  if (links.length !== 1) fail(`index.html: expected one <link data-bin="${bin}">, found ${links.length}`);
  return links[0];
}

/** The web workers index.html builds (data-type="worker"), by data-bin. */
export function workerBins(html) {
  return rustLinks(html)
    .filter((m) => /data-type="worker"/.test(m[0]))
    .map((m) => m[1]);
}

/** index.html for the split build: the app's link with the `split` feature,
 * and no wasm-opt by Trunk for the app (the pieces are optimised after the
 * split) nor for the workers (optimised in the same process, splitApp). */
export function splitIndexHtml(html) {
  const link = rustLink(html);
  const features = /data-cargo-features="([^"]*)"/.exec(link[0]);
  if (!features) fail(`index.html: the ${APP} link has no data-cargo-features`);
  if (!/data-wasm-opt="[^"]*"/.test(link[0])) fail(`index.html: the ${APP} link has no data-wasm-opt`);
  const split = link[0]
    .replace(features[0], () => `data-cargo-features="${features[1]},split"`)
    .replace(/data-wasm-opt="[^"]*"/, 'data-wasm-opt="0"');
  let out = html.replace(link[0], () => split);
  for (const bin of workerBins(html)) {
    wasmOptArgs(html, bin); // a worker without a wasm-opt level stops the build here
    const worker = rustLink(out, bin)[0];
    out = out.replace(worker, () => worker.replace(/data-wasm-opt="[^"]*"/, 'data-wasm-opt="0"'));
  }
  return out;
}

/** wasm-opt's arguments for binary `bin` (the app unless named), from its
 * index.html link (level and params). */
export function wasmOptArgs(html, bin = APP) {
  const link = rustLink(html, bin)[0];
  const level = /data-wasm-opt="([^"]+)"/.exec(link)?.[1];
  const params = /data-wasm-opt-params="([^"]*)"/.exec(link)?.[1] ?? "";
  if (!level || level === "0") fail(`index.html: the ${bin} link has no wasm-opt level`);
  return [`-O${level}`, ...params.split(/\s+/).filter(Boolean)];
}

const FETCH = /fetch\(new URL\("\.\/([^"/]+)\.wasm", import\.meta\.url\)\)/g;

/** __wasm_split.js with every chunk fetched by its new name and with
 * integrity: `names` maps a chunk's file stem to [new file name, sri]. */
export function pinChunks(js, names) {
  let count = 0;
  const out = js.replace(FETCH, (whole, stem) => {
    const pinned = names.get(stem);
    if (!pinned) fail(`__wasm_split.js fetches ./${stem}.wasm, which wasm-split-cli did not write`);
    count++;
    return `fetch(new URL(${JSON.stringify(`./${pinned[0]}`)}, import.meta.url), { integrity: ${JSON.stringify(pinned[1])} })`;
  });
  if (count !== names.size) fail(`__wasm_split.js fetches ${count} chunks, wasm-split-cli wrote ${names.size}`);
  if ((out.match(/\bfetch\(/g) ?? []).length !== count) fail("__wasm_split.js has a fetch this script does not know");
  return out;
}

function run(cmd, args) {
  try {
    execFileSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"] });
  } catch (e) {
    fail(`${cmd} ${args.join(" ")}: ${e.message}`);
  }
}

/** What `wasm-opt ARGS` does, as binaryen's own JS API takes it: the
 * optimize and shrink levels of `-O<level>` and the features of its
 * `--enable-*` flags. Anything else in ARGS stops the build (an index.html
 * change must be looked at here, not silently dropped). */
export function binaryenOptions(args, Features) {
  let level;
  let features = Features.MVP;
  const names = new Map(Object.keys(Features).map((k) => [k.toLowerCase(), k]));
  // wasm-opt's flag names where they are not the enum's (lowercase, no dashes).
  const alias = { "nontrapping-float-to-int": "nontrappingfptoint" };
  for (const arg of args) {
    const o = /^-O([0-4sz]?)$/.exec(arg);
    const e = /^--enable-([a-z0-9-]+)$/.exec(arg);
    if (o) {
      level = { "": [2, 0], s: [2, 1], z: [2, 2] }[o[1]] ?? [Number(o[1]), 0];
    } else if (e) {
      const key = names.get(alias[e[1]] ?? e[1].replaceAll("-", ""));
      if (!key) fail(`wasm-opt argument ${arg}: no such binaryen feature`);
      features |= Features[key];
    } else {
      fail(`wasm-opt argument ${arg}: scripts/split-app.mjs does not know it`);
    }
  }
  if (!level) fail(`wasm-opt arguments ${args.join(" ")}: no -O level`);
  return { optimize: level[0], shrink: level[1], features };
}

/** `wasm-opt ARGS FILE -o FILE` on every file, in this one process through
 * binaryen's JS API: the same binaryen (node_modules' binaryen, whose
 * wasm-opt is this API's C++ compiled to WebAssembly), byte for byte the
 * same output (tests/node/split_app.test.mjs compares them). Each run of the
 * wasm-opt command compiles binaryen's 11 MB of WebAssembly again in V8:
 * for the ~50 pieces that was ~100 CPU seconds of the build, this is ~20
 * (docs/testing.md#ci-time). */
export async function optimizeAll(files, args) {
  const { default: binaryen } = await import("binaryen");
  const { optimize, shrink, features } = binaryenOptions(args, binaryen.Features);
  binaryen.setOptimizeLevel(optimize);
  binaryen.setShrinkLevel(shrink);
  binaryen.setDebugInfo(false);
  // wasm-opt writes Stack IR optimised at these levels; the API only if told.
  const stackIr = optimize >= 2 || shrink >= 1;
  binaryen.setGenerateStackIR(stackIr);
  binaryen.setOptimizeStackIR(stackIr);
  for (const file of files) {
    let module;
    try {
      module = binaryen.readBinary(readFileSync(file));
    } catch (e) {
      fail(`wasm-opt ${file}: ${e?.message ?? e}`);
    }
    try {
      module.setFeatures(features);
      if (!module.validate()) fail(`wasm-opt ${file}: the module does not validate`);
      module.optimize();
      writeFileSync(file, module.emitBinary());
    } finally {
      module.dispose();
    }
  }
}

function onlyOne(dir, test, what) {
  const hits = readdirSync(dir).filter(test);
  if (hits.length !== 1) fail(`expected one ${what} in ${dir}, found ${hits.length}: ${hits.join(", ")}`);
  return hits[0];
}

/** Splits the staged app in `dir` if it is a split build; returns what was
 * done (empty when it is not). */
export async function splitApp(dir, { root = ROOT, targetDir = process.env.CARGO_TARGET_DIR } = {}) {
  const placeholders = readdirSync(dir).filter((f) => f.endsWith(".js") && readFileSync(join(dir, f), "utf8").includes(PLACEHOLDER_MODULE));
  if (placeholders.length === 0) return [];
  const glue = onlyOne(dir, (f) => f.startsWith(`${APP}-`) && f.endsWith(".js"), `${APP}-*.js`);
  if (placeholders.length !== 1 || placeholders[0] !== glue) fail(`split points in ${placeholders.join(", ")}: only the app (${glue}) is split`);
  const oldWasm = onlyOne(dir, (f) => f.startsWith(`${APP}-`) && f.endsWith("_bg.wasm"), `${APP}-*_bg.wasm`);
  const raw = join(resolve(root, targetDir ?? "target"), "wasm32-unknown-unknown", "release", `${APP}.wasm`);
  if (!existsSync(raw)) fail(`no ${raw}: the split build is a release build (scripts/build-app)`);
  const sourceHtml = readFileSync(join(root, "index.html"), "utf8");
  const optArgs = wasmOptArgs(sourceHtml);
  const done = [];
  const tmp = mkdtempSync(join(tmpdir(), "cpor-split-"));
  try {
    const split = join(tmp, "split");
    run("wasm-split-cli", ["--target", "web", "--out-name", APP, raw, split]);
    run("wasm-bindgen", ["--target", "web", "--keep-lld-exports", "--no-typescript", "--out-dir", tmp, "--out-name", APP, join(split, `${APP}.wasm`)]);
    const mainWasm = join(tmp, `${APP}_bg.wasm`);
    // wasm-opt on the main module and every chunk.
    const chunkFiles = readdirSync(split).filter((f) => f.endsWith(".wasm") && f !== `${APP}.wasm`).sort();
    await optimizeAll([mainWasm, ...chunkFiles.map((f) => join(split, f))], optArgs);
    // The workers, as Trunk staged them without its wasm-opt
    // (splitIndexHtml), in this process too: binaryen is compiled once.
    for (const bin of workerBins(sourceHtml)) {
      const file = onlyOne(dir, (f) => f === `${bin}_bg.wasm`, `${bin}_bg.wasm`);
      const args = wasmOptArgs(sourceHtml, bin);
      await optimizeAll([join(dir, file)], args);
      done.push(`${file}: wasm-opt ${args[0]}`);
    }

    // The chunks: named by content, fetched with integrity.
    const names = new Map();
    for (const f of chunkFiles) {
      const chunk = join(split, f);
      const bytes = readFileSync(chunk);
      const stem = f.slice(0, -".wasm".length);
      const name = `${APP}-${contentHash(bytes)}-${stem.replace(/^_+/, "")}.wasm`;
      writeFileSync(join(dir, name), bytes);
      names.set(stem, [name, sri(bytes)]);
      done.push(`chunk ${name} (${bytes.length} B) with integrity`);
    }
    if (names.size === 0) fail("wasm-split-cli wrote no chunk: are the split points (src/app/lazy.rs) built?");
    const splitJsName = onlyOne(split, (f) => f.endsWith(".js"), "split loader (.js)");
    let splitJs = pinChunks(readFileSync(join(split, splitJsName), "utf8"), names);
    let js = readFileSync(join(tmp, `${APP}.js`), "utf8");
    const wasmBytes = readFileSync(mainWasm);

    // The glue and the chunk loader import each other, so neither can be
    // named by its own content alone: both are named by one hash of
    // everything that loads (glue and loader with the names left out, the
    // main .wasm; the chunks through their names and integrity in the loader).
    const GLUE = "\u0000glue\u0000";
    const LOADER = "\u0000loader\u0000";
    const toGlue = /(from ['"])\.\/cpor-desk\.js(['"])/g;
    if (!toGlue.test(splitJs)) fail(`the split loader ${splitJsName} does not import ./${APP}.js`);
    splitJs = splitJs.replace(toGlue, (_, a, b) => `${a}./${GLUE}${b}`);
    const toLoader = new RegExp(`(from ['"])\\./${splitJsName.replace(/[.]/g, "\\.")}(['"])`, "g");
    if (!toLoader.test(js)) fail(`${APP}.js (wasm-bindgen) does not import the split loader ./${splitJsName}`);
    js = js.replace(toLoader, (_, a, b) => `${a}./${LOADER}${b}`);
    if (/from ['"]__wasm_split_placeholder__['"]/.test(js)) fail(`${APP}.js still imports ${PLACEHOLDER_MODULE}`);
    const hash = contentHash(Buffer.concat([Buffer.from(js), Buffer.from(splitJs), wasmBytes]));
    const newGlue = `${APP}-${hash}.js`;
    const splitJsOut = `${APP}-${hash}-split.js`;
    const newWasm = `${APP}-${contentHash(wasmBytes)}_bg.wasm`;
    js = js.split(LOADER).join(splitJsOut);
    splitJs = splitJs.split(GLUE).join(newGlue);
    writeFileSync(join(dir, splitJsOut), splitJs);
    writeFileSync(join(dir, newWasm), wasmBytes);
    writeFileSync(join(dir, newGlue), js);
    done.push(`${splitJsOut}: the chunk loader`);
    done.push(`${newGlue} + ${newWasm} (${wasmBytes.length} B): the main module, in place of Trunk's ${glue} + ${oldWasm}`);

    // index.html names the new files, with their integrity.
    const index = join(dir, "index.html");
    let html = readFileSync(index, "utf8");
    for (const [from, to, bytes] of [
      [glue, newGlue, Buffer.from(js)],
      [oldWasm, newWasm, wasmBytes],
    ]) {
      if (!html.includes(from)) fail(`index.html does not name ${from}`);
      html = html.replace(/<link\b[^>]*>/g, (link) =>
        link.includes(from) ? link.replace(/integrity="[^"]*"/, () => `integrity="${sri(bytes)}"`) : link,
      );
      html = html.split(from).join(to);
    }
    writeFileSync(index, html);
    rmSync(join(dir, glue));
    rmSync(join(dir, oldWasm));
    if (process.env.CPOR_APP_NAMES === "1") {
      const out = join(resolve(root, targetDir ?? "target"), "app-names.wasm");
      await namedMainModule(raw, out, optArgs);
      done.push(`${out}: the main module with its function names (CPOR_APP_NAMES=1)`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return done;
}

// --- Function names for twiggy (scripts/report) ---------------------------
// The release profile strips the name section, but the split build's raw
// .wasm (linked with --emit-relocs) keeps the linker's symbol table (the
// `linking` custom section): its function symbols become a name section, so
// `twiggy top` shows what each function is.

/** An unsigned LEB128 number at `at` in `bytes`: [value, the offset after it]. */
export function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
}
function encodeLeb(n) {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return Buffer.from(out);
}
const encodeName = (text) => {
  const utf8 = Buffer.from(text, "utf8");
  return Buffer.concat([encodeLeb(utf8.length), utf8]);
};

/** The function names of the `linking` section's symbol table of `wasm`:
 * a Map function index → name (empty without the section). */
export function linkingFunctionNames(wasm) {
  const names = new Map();
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, body] = leb(wasm, at + 1);
    const end = body + size;
    if (id === 0) {
      const [nameLen, nameAt] = leb(wasm, body);
      if (wasm.toString("utf8", nameAt, nameAt + nameLen) === "linking") {
        let p = nameAt + nameLen;
        [, p] = leb(wasm, p); // version
        while (p < end) {
          const kind = wasm[p];
          const [len, start] = leb(wasm, p + 1);
          if (kind === 8) {
            let q = start;
            let count;
            [count, q] = leb(wasm, q);
            for (let i = 0; i < count; i++) {
              const symKind = wasm[q++];
              let flags;
              [flags, q] = leb(wasm, q);
              if (symKind === 0 || symKind === 2 || symKind === 4 || symKind === 5) {
                let index;
                [index, q] = leb(wasm, q);
                if (!(flags & 0x10) || flags & 0x40) {
                  let n;
                  [n, q] = leb(wasm, q);
                  if (symKind === 0) names.set(index, wasm.toString("utf8", q, q + n));
                  q += n;
                }
              } else if (symKind === 1) {
                let n;
                [n, q] = leb(wasm, q);
                q += n;
                if (!(flags & 0x10)) for (let k = 0; k < 3; k++) [, q] = leb(wasm, q);
              } else if (symKind === 3) {
                [, q] = leb(wasm, q);
              } else {
                fail(`linking section: unknown symbol kind ${symKind}`);
              }
            }
          }
          p = start + len;
        }
      }
    }
    at = end;
  }
  return names;
}

/** `wasm` with a name section made from its linking section's function
 * symbols (the module as it was when there are none). */
export function withFunctionNames(wasm) {
  const names = linkingFunctionNames(wasm);
  if (names.size === 0) return wasm;
  const entries = [...names].sort((a, b) => a[0] - b[0]);
  const map = Buffer.concat([encodeLeb(entries.length), ...entries.map(([i, n]) => Buffer.concat([encodeLeb(i), encodeName(n)]))]);
  const sub = Buffer.concat([Buffer.from([1]), encodeLeb(map.length), map]);
  const body = Buffer.concat([encodeName("name"), sub]);
  return Buffer.concat([wasm, Buffer.from([0]), encodeLeb(body.length), body]);
}

/** The main module as it ships (split, wasm-bindgen, wasm-opt), but with
 * the function names of `raw`'s symbol table kept (wasm-split-cli and
 * wasm-bindgen carry a name section over; wasm-opt keeps it with -g), for
 * `twiggy top`/`diff`/`dominators` of the first load: written to `out`.
 * -g changes no code, so the sizes are those of the shipped module plus its
 * name section. `CPOR_APP_NAMES=1 scripts/build-app` writes
 * target/app-names.wasm, and scripts/report lists its largest items. */
export async function namedMainModule(raw, out, optArgs) {
  const tmp = mkdtempSync(join(tmpdir(), "cpor-names-"));
  try {
    const named = join(tmp, `${APP}.wasm`);
    writeFileSync(named, withFunctionNames(readFileSync(raw)));
    const split = join(tmp, "split");
    run("wasm-split-cli", ["--target", "web", "--out-name", APP, named, split]);
    run("wasm-bindgen", ["--target", "web", "--keep-lld-exports", "--no-typescript", "--out-dir", tmp, "--out-name", APP, join(split, `${APP}.wasm`)]);
    run("wasm-opt", [...optArgs, "-g", join(tmp, `${APP}_bg.wasm`), "-o", out]);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    if (process.argv[2] === "--index") {
      process.stdout.write(splitIndexHtml(readFileSync(join(ROOT, "index.html"), "utf8")));
    } else if (process.argv[2] === "--names" && process.argv[4]) {
      writeFileSync(process.argv[4], withFunctionNames(readFileSync(process.argv[3])));
    } else if (process.argv[2] === "--main-names" && process.argv[4]) {
      await namedMainModule(process.argv[3], process.argv[4], wasmOptArgs(readFileSync(join(ROOT, "index.html"), "utf8")));
    } else {
      fail(
        "usage: node scripts/split-app.mjs --index | --names IN.wasm OUT.wasm | --main-names RAW.wasm OUT.wasm   (the split is run by scripts/csp-finalize.mjs)",
      );
    }
  } catch (e) {
    console.error(`split-app: ERROR: ${e.message}`);
    process.exit(1);
  }
}
