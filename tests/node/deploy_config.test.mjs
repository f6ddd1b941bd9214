// scripts/deploy-config.mjs on a folder shaped like a finished build: the
// header policy, the cache rule of each file, and the three hosts' formats.
// (tests/e2e/csp.test.mjs serves the real dist/ with the generated _headers.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  IMMUTABLE,
  REVALIDATE,
  headerPolicy,
  netlifyHeaders,
  nginxConf,
  normaliseBase,
  plan,
  staticWebAppConfig,
} from "../../scripts/deploy-config.mjs";
import { headersFromRules, parseHeadersFile } from "../e2e/server.mjs";

const POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-AAAA'; object-src 'none'";
const page = (content = POLICY) =>
  `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${content}" /></head></html>`;

/** A finished build: hashed app files, unhashed worker files, index.html. */
function build(html = page()) {
  const dir = mkdtempSync(join(tmpdir(), "cpor-deploy-"));
  writeFileSync(join(dir, "index.html"), html);
  for (const f of ["app-0123456789abcdef.js", "app-0123456789abcdef_bg.wasm", "app-1111222233334444-chunk_7.wasm", "app-0123456789abcdef-split.js", "style-fedcba9876543210.css", "poe-worker.js", "poe-worker_bg.wasm", "poe-worker_loader.js"]) {
    writeFileSync(join(dir, f), "x");
  }
  mkdirSync(join(dir, "icons"));
  writeFileSync(join(dir, "icons", "app.svg"), "<svg/>");
  // A previous run's output is never a rule of its own.
  writeFileSync(join(dir, "_headers"), "old");
  return dir;
}

test("the header policy is the page's <meta> policy plus frame-ancestors 'none'", () => {
  assert.equal(headerPolicy(page()), `${POLICY}; frame-ancestors 'none'`);
  assert.equal(headerPolicy(page(`${POLICY};`)), `${POLICY}; frame-ancestors 'none'`);
  assert.throws(() => headerPolicy(page("script-src 'self' __INLINE_SCRIPT_HASHES__")), /not finished/);
  assert.throws(() => headerPolicy("<html></html>"), /exactly one CSP <meta>/);
  assert.throws(() => headerPolicy(page(`${POLICY}; frame-ancestors 'self'`)), /frame-ancestors/);
});

test("content-hashed files are immutable, everything else is revalidated, under the base path", () => {
  const dir = build();
  try {
    const p = plan(dir, { base: "/cpor" });
    assert.equal(p.base, "/cpor/");
    const cache = Object.fromEntries(p.paths.map((e) => [e.path, e.cache]));
    assert.deepEqual(cache, {
      "/cpor/app-0123456789abcdef-split.js": IMMUTABLE,
      "/cpor/app-0123456789abcdef.js": IMMUTABLE,
      "/cpor/app-0123456789abcdef_bg.wasm": IMMUTABLE,
      "/cpor/app-1111222233334444-chunk_7.wasm": IMMUTABLE,
      "/cpor/icons/app.svg": REVALIDATE,
      "/cpor/index.html": REVALIDATE,
      "/cpor/": REVALIDATE,
      "/cpor/poe-worker.js": REVALIDATE,
      "/cpor/poe-worker_bg.wasm": REVALIDATE,
      "/cpor/poe-worker_loader.js": REVALIDATE,
      "/cpor/style-fedcba9876543210.css": IMMUTABLE,
    });
    assert.deepEqual(p.paths.filter((e) => e.type).map((e) => e.path), ["/cpor/app-0123456789abcdef_bg.wasm", "/cpor/app-1111222233334444-chunk_7.wasm", "/cpor/poe-worker_bg.wasm"]);
    assert.equal(p.common["Content-Security-Policy"], `${POLICY}; frame-ancestors 'none'`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.throws(() => normaliseBase("cpor"), /URL path/);
  assert.throws(() => normaliseBase("/a b/"), /URL path/);
});

test("_headers gives each file exactly one Cache-Control, as Netlify and Cloudflare combine rules", () => {
  const dir = build();
  try {
    const p = plan(dir);
    const rules = parseHeadersFile(netlifyHeaders(p));
    for (const { path, cache, type } of p.paths) {
      const h = headersFromRules(rules, path);
      assert.equal(h["cache-control"], cache, path);
      assert.equal(h["content-security-policy"], p.common["Content-Security-Policy"], path);
      assert.equal(h["x-content-type-options"], "nosniff");
      assert.equal(h["x-frame-options"], "DENY");
      if (type) assert.equal(h["content-type"], type);
    }
    // A path the build does not have gets the common headers, no cache rule.
    assert.equal(headersFromRules(rules, "/missing.js")["cache-control"], undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("Azure Static Web Apps: common headers globally, a route per hashed file, wasm's type", () => {
  const dir = build();
  try {
    const config = staticWebAppConfig(plan(dir));
    assert.equal(config.globalHeaders["Cache-Control"], REVALIDATE);
    assert.match(config.globalHeaders["Content-Security-Policy"], /frame-ancestors 'none'$/);
    assert.deepEqual(config.routes.map((r) => [r.route, r.headers["Cache-Control"]]), [
      ["/app-0123456789abcdef-split.js", IMMUTABLE],
      ["/app-0123456789abcdef.js", IMMUTABLE],
      ["/app-0123456789abcdef_bg.wasm", IMMUTABLE],
      ["/app-1111222233334444-chunk_7.wasm", IMMUTABLE],
      ["/style-fedcba9876543210.css", IMMUTABLE],
    ]);
    assert.equal(config.mimeTypes[".wasm"], "application/wasm");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("nginx: one exact location per file repeating every header (add_header does not inherit)", () => {
  const dir = build();
  try {
    const p = plan(dir, { base: "/cpor/" });
    const conf = nginxConf(p);
    const blocks = [...conf.matchAll(/^location (=? ?)(\S+) \{\n([\s\S]*?)\n\}/gm)];
    assert.equal(blocks.length, p.paths.length + 1);
    for (const [, exact, path, body] of blocks) {
      const entry = p.paths.find((e) => e.path === path);
      if (exact) assert.ok(entry, path);
      else assert.equal(path, "/cpor/");
      assert.equal((body.match(/add_header /g) ?? []).length, 5, path);
      assert.ok(body.includes(`add_header Cache-Control "${entry?.cache ?? REVALIDATE}" always;`), path);
      assert.ok(body.includes(`add_header Content-Security-Policy "${p.common["Content-Security-Policy"]}" always;`), path);
      assert.equal(body.includes("default_type application/wasm;"), path.endsWith(".wasm"), path);
    }
    // Braces balance (nginx would refuse the file otherwise).
    assert.equal((conf.match(/\{/g) ?? []).length, (conf.match(/\}/g) ?? []).length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
