// scripts/pwa.mjs on a folder shaped like a staged build: the icons and the
// manifest, what it adds to index.html, and the service worker's file list
// and version. (tests/e2e/offline.test.mjs runs the real dist/ offline.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ICON_SVG, MANIFEST, maskable, prepareHtml, preparePwa, writeServiceWorker } from "../../scripts/pwa.mjs";
import { pwaWanted } from "../../scripts/csp-finalize.mjs";

const PAGE = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="x" />
<title>t</title>
<link rel="icon" href="data:," />
</head><body></body></html>`;

function staged() {
  const dir = mkdtempSync(join(tmpdir(), "cpor-pwa-"));
  writeFileSync(join(dir, "index.html"), PAGE);
  writeFileSync(join(dir, "app-0123456789abcdef.js"), "js");
  writeFileSync(join(dir, "poe-worker_bg.wasm"), "wasm");
  writeFileSync(join(dir, "_headers"), "host file");
  return dir;
}

const pngSize = (bytes) => [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];

test("icons are rendered from the repository's SVG, the maskable one squared and scaled into the safe zone", async () => {
  const dir = staged();
  try {
    await preparePwa(dir);
    for (const [file, size] of [["icon-192.png", 192], ["icon-512.png", 512], ["icon-maskable-512.png", 512]]) {
      const png = readFileSync(join(dir, "icons", file));
      assert.equal(png.subarray(1, 4).toString(), "PNG", file);
      assert.deepEqual(pngSize(png), [size, size], file);
    }
    assert.notDeepEqual(readFileSync(join(dir, "icons", "icon-512.png")), readFileSync(join(dir, "icons", "icon-maskable-512.png")));
    assert.equal(readFileSync(join(dir, "icons", "icon.svg"), "utf8"), readFileSync(ICON_SVG, "utf8"));
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.webmanifest"), "utf8"));
    assert.deepEqual(manifest, MANIFEST);
    assert.equal(manifest.start_url, "./");
    assert.ok(manifest.icons.some((i) => i.purpose === "maskable" && i.sizes === "512x512"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const svg = readFileSync(ICON_SVG, "utf8");
  const m = maskable(svg);
  assert.doesNotMatch(m, /<rect id="background"[^>]*rx=/);
  assert.match(m, /<g id="mark" transform="translate\(51\.2 51\.2\) scale\(0\.8\)">/);
  assert.throws(() => maskable("<svg></svg>"), /background/);
});

test("index.html gets the manifest, the icon, the theme colour and the registration script, once", () => {
  const html = prepareHtml(PAGE);
  assert.match(html, /<link rel="manifest" href="manifest\.webmanifest" \/>/);
  assert.match(html, /<link rel="icon" href="icons\/icon\.svg" type="image\/svg\+xml" \/>/);
  assert.doesNotMatch(html, /href="data:,"/);
  assert.match(html, /<meta name="theme-color" content="#0b5cad" \/>/);
  const script = /<script type="module">([\s\S]*?)<\/script>\s*<\/head>/.exec(html)?.[1];
  assert.ok(script?.includes('sw.register("./sw.js")'), html);
  assert.ok(script.includes("cpor-update-ready") && script.includes("cpor-update-apply"));
  // Relative register URL and start URL: any sub-path works.
  assert.throws(() => prepareHtml(html), /already links a manifest/);
  assert.throws(() => prepareHtml("<html><head></head></html>"), /rel="icon"/);
});

test("the service worker precaches exactly the build's files; its version follows their contents", async () => {
  const dir = staged();
  try {
    await preparePwa(dir);
    writeServiceWorker(dir);
    const sw = readFileSync(join(dir, "sw.js"), "utf8");
    const files = JSON.parse(/const FILES = (\[.*\]);/.exec(sw)[1]);
    assert.deepEqual(files, [
      "./app-0123456789abcdef.js",
      "./icons/icon-192.png",
      "./icons/icon-512.png",
      "./icons/icon-maskable-512.png",
      "./icons/icon.svg",
      "./index.html",
      "./manifest.webmanifest",
      "./poe-worker_bg.wasm",
    ]);
    const version = () => /const VERSION = "([0-9a-f]{16})";/.exec(readFileSync(join(dir, "sw.js"), "utf8"))[1];
    const first = version();
    writeServiceWorker(dir);
    assert.equal(version(), first, "the same files: the same version");
    writeFileSync(join(dir, "poe-worker_bg.wasm"), "wasm of the next build");
    writeServiceWorker(dir);
    assert.notEqual(version(), first);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("release builds only: trunk serve's debug builds get no service worker", () => {
  assert.equal(pwaWanted({ TRUNK_PROFILE: "release" }), true);
  assert.equal(pwaWanted({ TRUNK_PROFILE: "debug" }), false);
  assert.equal(pwaWanted({}), false);
  assert.equal(pwaWanted({ TRUNK_PROFILE: "debug", CPOR_PWA: "1" }), true);
  assert.equal(pwaWanted({ TRUNK_PROFILE: "release", CPOR_PWA: "0" }), false);
});
