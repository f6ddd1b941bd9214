// scripts/csp-finalize.mjs (Trunk's post_build hook) on a staging folder
// shaped like Trunk 0.21's output: what it rewrites, the hashes it writes,
// and that it stops (writing nothing) when something is not where it expects.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { finalize, scriptHash, sri, syncOrigins, wsBase, PLACEHOLDER } from "../../scripts/csp-finalize.mjs";

const HOOK = fileURLToPath(new URL("../../scripts/csp-finalize.mjs", import.meta.url));

const LOADER = `
<script type="module">
import init, * as bindings from './app-0123abcd.js';
const wasm = await init({ module_or_path: './app-0123abcd_bg.wasm' });


window.wasmBindings = bindings;


dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));

</script>`;

function html({ meta = true, placeholder = PLACEHOLDER, loader = LOADER, before = "", body = "" } = {}) {
  const csp = meta
    ? `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval' ${placeholder}; object-src 'none'" />`
    : "";
  return `<!doctype html>
<html><head><meta charset="utf-8" />${before}
${csp}
<title>t</title>${loader}
<link rel="preload" href="./app-0123abcd_bg.wasm" crossorigin="anonymous" integrity="${sri(Buffer.from("WASM"))}" as="fetch" type="application/wasm"></head>
<body>${body}</body></html>
`;
}

/** A staging folder: index.html, the app's glue and wasm, the worker. */
function staging(index = html(), shim = `importScripts("./poe-worker.js");wasm_bindgen("./poe-worker_bg.wasm");`, { syncWorker = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "csp-finalize-"));
  writeFileSync(join(dir, "index.html"), index);
  writeFileSync(join(dir, "app-0123abcd.js"), "export default async function init() {}");
  writeFileSync(join(dir, "app-0123abcd_bg.wasm"), "WASM");
  writeFileSync(join(dir, "poe-worker.js"), "var wasm_bindgen;");
  writeFileSync(join(dir, "poe-worker_bg.wasm"), "WORKER");
  if (shim !== null) writeFileSync(join(dir, "poe-worker_loader.js"), shim);
  if (syncWorker) {
    writeFileSync(join(dir, "sync-worker.js"), "var wasm_bindgen;");
    writeFileSync(join(dir, "sync-worker_bg.wasm"), "SYNC");
    writeFileSync(join(dir, "sync-worker_loader.js"), `importScripts("./sync-worker.js");wasm_bindgen("./sync-worker_bg.wasm");`);
  }
  return dir;
}

const read = (dir, f) => readFileSync(join(dir, f), "utf8");
const inlineScripts = (text) =>
  [...text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter((m) => !/src=/.test(m[1])).map((m) => m[2]);

test("sri and scriptHash are the browser's values", () => {
  assert.equal(sri(Buffer.from("abc")), `sha384-${createHash("sha384").update("abc").digest("base64")}`);
  // The HTML parser gives scripts LF line ends: CR LF hashes like LF.
  assert.equal(scriptHash("a\r\nb"), scriptHash("a\nb"));
  assert.equal(scriptHash("alert(1)"), "sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI=");
});

test("the loader fetches its wasm with integrity, the glue is in an import map, the CSP has every inline script's hash", () => {
  const dir = staging();
  try {
    const done = finalize(dir, { publicUrl: "./" });
    const out = read(dir, "index.html");
    assert.ok(out.includes(`await init({ module_or_path: fetch('./app-0123abcd_bg.wasm', { integrity: '${sri(Buffer.from("WASM"))}' }) })`));
    assert.ok(out.includes(`<script type="importmap">{"integrity":{"./app-0123abcd.js":"${sri(Buffer.from("export default async function init() {}"))}"}}</script>\n<script type="module">`));
    const scripts = inlineScripts(out);
    assert.equal(scripts.length, 2);
    const expected = scripts.map((s) => `'${scriptHash(s)}'`).join(" ");
    assert.ok(out.includes(`script-src 'self' 'wasm-unsafe-eval' ${expected}; object-src 'none'`), out);
    assert.ok(!out.includes(PLACEHOLDER));
    const shim = read(dir, "poe-worker_loader.js");
    assert.ok(shim.includes(`importScripts("./poe-worker.js");`));
    assert.ok(shim.includes(`fetch("./poe-worker_bg.wasm", { integrity: "${sri(Buffer.from("WORKER"))}" })`));
    assert.ok(shim.includes(".catch("));
    assert.equal(done.length, 4);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the sync worker's loader fetches its wasm with integrity too", () => {
  const dir = staging(html(), undefined, { syncWorker: true });
  try {
    const done = finalize(dir, { publicUrl: "./" });
    const shim = read(dir, "sync-worker_loader.js");
    assert.ok(shim.includes(`importScripts("./sync-worker.js");`));
    assert.ok(shim.includes(`fetch("./sync-worker_bg.wasm", { integrity: "${sri(Buffer.from("SYNC"))}" })`));
    assert.ok(done.some((d) => d.startsWith("sync-worker_loader.js: ")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("CPOR_SYNC_ORIGINS goes into connect-src; nothing by default; a non-origin stops the build", () => {
  const csp = (dir) => /content="([^"]*)"/.exec(read(dir, "index.html").match(/<meta http-equiv="Content-Security-Policy"[^>]*>/)[0])[1];
  const withMeta = html().replace("object-src 'none'", "connect-src 'self' https://login.microsoftonline.com; object-src 'none'");
  let dir = staging(withMeta);
  try {
    finalize(dir);
    assert.match(csp(dir), /connect-src 'self' https:\/\/login\.microsoftonline\.com;/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  dir = staging(withMeta);
  try {
    finalize(dir, { syncOrigins: syncOrigins("https://couch.example.com, http://127.0.0.1:*") });
    assert.match(csp(dir), /connect-src 'self' https:\/\/login\.microsoftonline\.com https:\/\/couch\.example\.com http:\/\/127\.0\.0\.1:\*;/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.deepEqual(syncOrigins(undefined), []);
  assert.deepEqual(syncOrigins(" "), []);
  assert.throws(() => syncOrigins("https://couch.example.com/db"), /not an origin/);
  assert.throws(() => syncOrigins("'unsafe-inline'"), /not an origin/);
  assert.throws(() => syncOrigins("https://couch.example.com:*"), /only for loopback/);
  // As Trunk runs it, from the environment.
  dir = staging(withMeta);
  try {
    const nginx = join(dir, "generated", "nginx.conf");
    const env = { TRUNK_STAGING_DIR: dir, CPOR_SYNC_ORIGINS: "http://127.0.0.1:5986", CPOR_DEPLOY_NGINX: nginx };
    execFileSync(process.execPath, [HOOK], { env: { ...process.env, ...env }, stdio: "pipe" });
    assert.match(csp(dir), /connect-src 'self' https:\/\/login\.microsoftonline\.com http:\/\/127\.0\.0\.1:5986;/);
    // 7. The hosts' header files of the finished build (scripts/deploy-config.mjs).
    assert.match(read(dir, "_headers"), /Content-Security-Policy: default-src 'self'; .*frame-ancestors 'none'/);
    assert.ok(JSON.parse(read(dir, "staticwebapp.config.json")).globalHeaders["Content-Security-Policy"]);
    assert.match(readFileSync(nginx, "utf8"), /^location = \/index\.html \{$/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("trunk serve: the live-reload script loses its per-request placeholders and is hashed too", () => {
  const reload = `<script>"use strict";(function () { const address = '{{__TRUNK_ADDRESS__}}'; const base = '{{__TRUNK_WS_BASE__}}'; let protocol = ''; })()</script>`;
  const dir = staging(html({ body: reload }));
  try {
    finalize(dir, { publicUrl: "/" });
    const out = read(dir, "index.html");
    assert.ok(!out.includes("{{__TRUNK_"));
    assert.ok(out.includes(`const address = window.location.host; const base = "/";`));
    assert.equal(inlineScripts(out).length, 3);
    for (const s of inlineScripts(out)) assert.ok(out.includes(`'${scriptHash(s)}'`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(wsBase("/"), "/");
  assert.equal(wsBase("./"), "/");
  assert.equal(wsBase("/apps/cpor"), "/apps/cpor/");
  assert.equal(wsBase("https://cdn.example/apps/cpor/"), "/apps/cpor/");
});

for (const [what, index, shim, message] of [
  ["no CSP <meta>", html({ meta: false }), undefined, /exactly one <meta http-equiv="Content-Security-Policy">/],
  ["no placeholder (already finalized)", html({ placeholder: "'sha256-x'" }), undefined, /no __INLINE_SCRIPT_HASHES__/],
  ["a script before the CSP <meta>", html({ before: "<script>1</script>" }), undefined, /before the CSP <meta>/],
  ["no Trunk loader", html({ loader: "<script type=\"module\">import x from './x.js';</script>" }), undefined, /Trunk loader `await init/],
  ["a loader naming a missing wasm", html({ loader: LOADER.replace("0123abcd_bg", "ffff_bg") }), undefined, /no file app-ffff_bg\.wasm/],
  ["no worker loader shim", html(), null, /no worker loader shim/],
  ["a worker shim of another shape", html(), `importScripts("./poe-worker.js");wasm_bindgen({ module_or_path: "./poe-worker_bg.wasm" });`, /not Trunk's no-modules loader shim/],
]) {
  test(`the hook stops the build, writing nothing, on ${what}`, () => {
    const dir = staging(index, shim);
    try {
      const before = read(dir, "index.html");
      assert.throws(() => finalize(dir), message);
      assert.equal(read(dir, "index.html"), before);
      // As Trunk runs it: a non-zero exit and the reason on stderr.
      let failed;
      try {
        execFileSync(process.execPath, [HOOK], { env: { ...process.env, TRUNK_STAGING_DIR: dir }, stdio: "pipe" });
      } catch (e) {
        failed = e;
      }
      assert.ok(failed, "exit status not 0");
      assert.equal(failed.status, 1);
      assert.match(failed.stderr.toString(), /csp-finalize: ERROR: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test("the import map covers every module the glue imports (the split build's chunk loader)", () => {
  const dir = staging();
  try {
    writeFileSync(join(dir, "app-0123abcd.js"), `import * as split from "./app-0123abcd-split.js";\nexport default async function init() {}`);
    writeFileSync(join(dir, "app-0123abcd-split.js"), `import { initSync } from "./app-0123abcd.js";`);
    finalize(dir);
    const map = JSON.parse(/<script type="importmap">(.*?)<\/script>/.exec(read(dir, "index.html"))[1]);
    assert.deepEqual(map.integrity, {
      "./app-0123abcd.js": sri(readFileSync(join(dir, "app-0123abcd.js"))),
      "./app-0123abcd-split.js": sri(readFileSync(join(dir, "app-0123abcd-split.js"))),
    });
    // A module the glue imports that is not there stops the build.
    writeFileSync(join(dir, "index.html"), html());
    rmSync(join(dir, "app-0123abcd-split.js"));
    assert.throws(() => finalize(dir), /app-0123abcd-split\.js/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
