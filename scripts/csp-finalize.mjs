#!/usr/bin/env node
// Trunk post_build hook (Trunk.toml): finishes the Content-Security-Policy
// and the subresource integrity of the staged build, in $TRUNK_STAGING_DIR,
// before Trunk moves it to dist/. README, "Security: CSP and SRI".
//
// 1. index.html: Trunk's inline loader script
//        const wasm = await init({ module_or_path: './cpor-desk-<hash>_bg.wasm' });
//    becomes
//        const wasm = await init({ module_or_path: fetch('./cpor-desk-<hash>_bg.wasm', { integrity: 'sha384-…' }) });
//    (wasm-bindgen's init awaits a Promise<Response>; the <link rel=preload
//    integrity> Trunk adds checks the preload only, not this fetch).
// 2. index.html: an import map with the integrity of the JS glue the loader
//    imports (`import init from './cpor-desk-<hash>.js'`), so that import is
//    checked whatever the order in which the browser fetches it and Trunk's
//    <link rel=modulepreload integrity>.
// 3. Under `trunk serve`: Trunk's live-reload script has placeholders the
//    dev server fills in per request ('{{__TRUNK_ADDRESS__}}', the WebSocket
//    base), which would change the script after it was hashed; they are
//    replaced here by what the server would write (window.location.host, the
//    base from TRUNK_PUBLIC_URL; a `trunk serve --ws-base` is not known here).
// 4. index.html: the sha256 of every inline script, as finally written,
//    replaces __INLINE_SCRIPT_HASHES__ in the CSP <meta>.
// 5. Every worker loader shim (`*_loader.js`, Trunk's data-loader-shim for a
//    no-modules worker; here poe-worker_loader.js)
//        importScripts("./poe-worker.js");wasm_bindgen("./poe-worker_bg.wasm");
//    fetches its .wasm with integrity, and a failed load (tampered, missing)
//    is rethrown from a task, so it reaches the page's Worker `error` event
//    (an unhandled rejection inside a worker does not) and the app reports
//    it instead of waiting for the worker's "ready" for ever.
//
// 6. connect-src of the CSP <meta> gets the team-sync server origins of the
//    build-time setting CPOR_SYNC_ORIGINS (space- or comma-separated
//    origins, e.g. "https://couch.example.com"; default none). docs/sync.md.
//
// 0. The split build (scripts/build-app, docs/performance.md): before all
//    of the above, scripts/split-app.mjs replaces the app's .js/_bg.wasm
//    with the split ones and pins every chunk's integrity in the chunk
//    loader; the import map (2.) then covers every module the glue imports.
// 0b. and 6b. Release builds are offline and installable: icons, manifest and
//    the service worker's registration first (its inline script is hashed
//    in step 4), the service worker of the finished files last
//    (scripts/pwa.mjs, docs/offline.md).
// 7. The static hosts' header files (_headers, staticwebapp.config.json, and
//    deploy/generated/nginx.conf) from the finished files:
//    scripts/deploy-config.mjs, deploy/README.md.
//
// Anything not found in the expected shape stops the build with an error:
// a Trunk or wasm-bindgen upgrade that changes its output must be looked at,
// not shipped without the policy or the integrity checks.
//
// Usage: node scripts/csp-finalize.mjs [staging-dir]   (default $TRUNK_STAGING_DIR)
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { NGINX_OUT, writeDeployConfigs } from "./deploy-config.mjs";
import { preparePwa, writeServiceWorker } from "./pwa.mjs";
import { splitApp } from "./split-app.mjs";

export const PLACEHOLDER = "__INLINE_SCRIPT_HASHES__";

export class FinalizeError extends Error {}

function fail(message) {
  throw new FinalizeError(message);
}

/** SRI value of some bytes ("sha384-<base64>", Trunk's default algorithm). */
export function sri(bytes) {
  return `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
}

/** CSP hash source of an inline script's text, as the browser hashes it (the
 * HTML parser turns CR LF and CR into LF first). Without the quotes. */
export function scriptHash(text) {
  return `sha256-${createHash("sha256").update(text.replace(/\r\n?/g, "\n"), "utf8").digest("base64")}`;
}

/** The staged file a URL of the page names (Trunk writes its outputs at the
 * staging root; the URL starts with the public URL). */
function stagedFile(dir, url, what) {
  const name = basename(url.split(/[?#]/)[0]);
  const file = join(dir, name);
  if (!existsSync(file)) fail(`${what} ${url}: no file ${name} in ${dir}`);
  return file;
}

/** The live-reload WebSocket base `trunk serve` uses for a public URL
 * (Trunk's common_base): its path, "/" for "./". */
export function wsBase(publicUrl) {
  let base;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(publicUrl)) base = new URL(publicUrl).pathname;
  else if (publicUrl.startsWith("/")) base = publicUrl;
  else if (publicUrl === "./" || publicUrl === "" || publicUrl === ".") base = "/";
  else base = publicUrl.replace(/^\./, "");
  if (!base.startsWith("/")) base = `/${base}`;
  return base.endsWith("/") ? base : `${base}/`;
}

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const META = /<meta\s[^>]*http-equiv\s*=\s*"Content-Security-Policy"[^>]*>/gi;
const LOADER_WASM = /await init\(\{ module_or_path: '([^']+\.wasm)' \}\)/g;
const LOADER_JS = /import init(?:, \* as \w+)? from '([^']+\.js)';/g;

function exactlyOne(regex, text, what) {
  const hits = [...text.matchAll(regex)];
  if (hits.length !== 1) fail(`expected exactly one ${what}, found ${hits.length}`);
  return hits[0];
}

/** The origins of CPOR_SYNC_ORIGINS (space- or comma-separated), each
 * checked: scheme http(s), a host, an optional port (or `*`, for test
 * builds on loopback only), nothing else. */
export function syncOrigins(setting) {
  const origins = (setting ?? "").split(/[\s,]+/).filter(Boolean);
  for (const o of origins) {
    const m = /^(https?):\/\/([a-z0-9.-]+|\[[0-9a-f:]+\])(?::(\d{1,5}|\*))?$/i.exec(o);
    if (!m) fail(`CPOR_SYNC_ORIGINS: ${JSON.stringify(o)} is not an origin (scheme://host[:port], no path)`);
    if (m[3] === "*" && !/^(127\.0\.0\.1|localhost|\[::1\])$/i.test(m[2])) {
      fail(`CPOR_SYNC_ORIGINS: ${o}: a port wildcard is only for loopback test builds`);
    }
  }
  return origins;
}

/** Rewrites index.html (text) of the staging folder `dir`; returns the new
 * text and what was done. */
export function finalizeHtml(html, dir, { publicUrl = "/", syncOrigins: sync = [] } = {}) {
  const done = [];
  const meta = exactlyOne(META, html, `<meta http-equiv="Content-Security-Policy"> in index.html`);
  if (!meta[0].includes(PLACEHOLDER)) {
    fail(`the CSP <meta> of index.html has no ${PLACEHOLDER} (already finalized, or the placeholder was removed)`);
  }
  const firstScript = html.search(/<script\b/i);
  if (firstScript !== -1 && firstScript < meta.index) {
    fail("a <script> comes before the CSP <meta> in index.html: the policy would not cover it");
  }

  // 1. The wasm fetch of Trunk's loader, with integrity.
  const wasm = exactlyOne(LOADER_WASM, html, "Trunk loader `await init({ module_or_path: '…_bg.wasm' })` in index.html");
  const wasmUrl = wasm[1];
  const wasmFile = stagedFile(dir, wasmUrl, "the loader's wasm");
  const wasmSri = sri(readFileSync(wasmFile));
  // Trunk's own preload of the same file must agree (else something changed
  // the file after Trunk hashed it).
  for (const link of html.matchAll(/<link\b[^>]*rel="preload"[^>]*>/gi)) {
    const href = /href="([^"]+)"/.exec(link[0])?.[1];
    const integrity = /integrity="([^"]+)"/.exec(link[0])?.[1];
    if (href === wasmUrl && integrity?.startsWith("sha384-") && integrity !== wasmSri) {
      fail(`Trunk's preload of ${wasmUrl} has integrity ${integrity}, the staged file is ${wasmSri}`);
    }
  }
  // (Function replacements: a `$` in a replacement string is special.)
  html = html.replace(wasm[0], () => `await init({ module_or_path: fetch('${wasmUrl}', { integrity: '${wasmSri}' }) })`);
  done.push(`loader fetches ${basename(wasmFile)} with integrity ${wasmSri}`);

  // 2. An import map with the glue's integrity, before the loader script.
  const js = exactlyOne(LOADER_JS, html, "Trunk loader `import init … from '….js'` in index.html");
  const jsUrl = js[1];
  const jsText = readFileSync(stagedFile(dir, jsUrl, "the loader's JS"));
  const integrity = { [jsUrl]: sri(jsText) };
  // The modules the glue imports (the split build's chunk loader,
  // scripts/split-app.mjs), beside it.
  for (const [, name] of jsText.toString("utf8").matchAll(/\bfrom\s*['"]\.\/([^'"/]+\.js)['"]/g)) {
    const url = jsUrl.slice(0, jsUrl.length - basename(jsUrl).length) + name;
    integrity[url] = sri(readFileSync(stagedFile(dir, url, `the module ${basename(jsUrl)} imports`)));
  }
  if (/<script\b[^>]*type="importmap"/i.test(html)) fail("index.html already has an import map: merge the integrity into it");
  const loaderStart = html.lastIndexOf("<script", js.index);
  if (loaderStart === -1) fail("no <script> around Trunk's loader");
  const importMap = `<script type="importmap">${JSON.stringify({ integrity })}</script>\n`;
  html = html.slice(0, loaderStart) + importMap + html.slice(loaderStart);
  for (const [url, value] of Object.entries(integrity)) done.push(`import map: ${basename(url)} with integrity ${value}`);

  // 3. trunk serve's live-reload script: no per-request placeholders left.
  let reload = 0;
  html = html.replace(SCRIPT, (whole, attrs, body) => {
    if (!body.includes("{{__TRUNK_ADDRESS__}}")) return whole;
    reload++;
    const fixed = body
      .replace("'{{__TRUNK_ADDRESS__}}'", () => "window.location.host")
      .replace("'{{__TRUNK_WS_BASE__}}'", () => JSON.stringify(wsBase(publicUrl)));
    if (/\{\{__TRUNK_[A-Z_]+__\}\}/.test(fixed)) fail("trunk serve's live-reload script has a placeholder this hook does not know");
    return `<script${attrs}>${fixed}</script>`;
  });
  if (reload) done.push(`live-reload script (trunk serve): WebSocket base ${wsBase(publicUrl)}`);

  // 4. The hashes of every inline script, into the CSP.
  const hashes = [];
  for (const [, attrs, body] of html.matchAll(SCRIPT)) {
    if (/\bsrc\s*=/i.test(attrs)) continue;
    if (/\{\{__TRUNK[ A-Z_]+__\}\}/.test(body)) fail("an inline script still has a Trunk placeholder: its hash would not match what is served");
    hashes.push(`'${scriptHash(body)}'`);
  }
  if (hashes.length === 0) fail("no inline script in index.html (where is Trunk's loader?)");
  const metaNow = exactlyOne(META, html, "CSP <meta>");
  let metaNew = metaNow[0].replace(PLACEHOLDER, () => hashes.join(" "));
  done.push(`CSP script-src: ${hashes.join(" ")}`);

  // 6. The team-sync server origins, into connect-src.
  if (sync.length) {
    // At the end of connect-src (after the app's own sources).
    const directive = /connect-src 'self'[^;"]*/.exec(metaNew);
    if (!directive) fail("the CSP <meta> of index.html has no \"connect-src 'self'\" to add the sync origins to");
    metaNew = metaNew.replace(directive[0], () => `${directive[0].trimEnd()} ${sync.join(" ")}`);
    done.push(`CSP connect-src: team sync ${sync.join(" ")}`);
  }
  html = html.replace(metaNow[0], () => metaNew);
  return { html, done };
}

const SHIM = /^importScripts\("\.\/([^"/]+\.js)"\);wasm_bindgen\("\.\/([^"/]+_bg\.wasm)"\);$/;

/** The worker loader shim, rewritten to fetch its wasm with integrity. */
export function finalizeShim(text, dir, name) {
  const m = SHIM.exec(text.trim());
  if (!m) fail(`${name} is not Trunk's no-modules loader shim (importScripts("./x.js");wasm_bindgen("./x_bg.wasm");): ${JSON.stringify(text.slice(0, 200))}`);
  const [, js, wasm] = m;
  stagedFile(dir, js, `${name}'s script`);
  const integrity = sri(readFileSync(stagedFile(dir, wasm, `${name}'s wasm`)));
  const out = `// ${name}: Trunk's worker loader, rewritten by scripts/csp-finalize.mjs so the
// .wasm is fetched with integrity. A failed load is thrown again from a task:
// that reaches the page's Worker "error" event (an unhandled rejection in a
// worker does not), so the page does not wait for "ready" for ever.
importScripts(${JSON.stringify(`./${js}`)});
wasm_bindgen({ module_or_path: fetch(${JSON.stringify(`./${wasm}`)}, { integrity: ${JSON.stringify(integrity)} }) }).catch((e) => {
  setTimeout(() => {
    throw new Error(${JSON.stringify(`${wasm} did not load: `)} + (e && e.message ? e.message : e));
  });
});
`;
  return { text: out, done: `${name}: ${wasm} with integrity ${integrity}` };
}

/** Finalizes the staging folder `dir` in place. */
export function finalize(dir, options = {}) {
  const index = join(dir, "index.html");
  if (!existsSync(index)) fail(`no index.html in ${dir}`);
  const { html, done } = finalizeHtml(readFileSync(index, "utf8"), dir, options);
  const shims = readdirSync(dir).filter((f) => f.endsWith("_loader.js")).sort();
  if (shims.length === 0) fail(`no worker loader shim (*_loader.js) in ${dir}: the PoE worker is missing`);
  const writes = [[index, html]];
  for (const name of shims) {
    const shim = finalizeShim(readFileSync(join(dir, name), "utf8"), dir, name);
    writes.push([join(dir, name), shim.text]);
    done.push(shim.done);
  }
  // Nothing is written unless everything was found.
  for (const [file, text] of writes) writeFileSync(file, text);
  return done;
}

/** Offline and installable (scripts/pwa.mjs): for release builds (Trunk's
 * TRUNK_PROFILE), never under `trunk serve`'s debug builds, whose files
 * change with every edit; CPOR_PWA=1 or 0 decides otherwise. */
export function pwaWanted(env = process.env) {
  if (env.CPOR_PWA === "1" || env.CPOR_PWA === "0") return env.CPOR_PWA === "1";
  return env.TRUNK_PROFILE === "release";
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  try {
    if (!dir) fail("no staging folder: run as Trunk's post_build hook (TRUNK_STAGING_DIR) or pass one");
    // The split build (scripts/build-app): its pieces first, so that
    // everything below covers them.
    for (const line of await splitApp(dir)) console.log(`split-app: ${line}`);
    const pwa = pwaWanted();
    if (pwa) for (const line of await preparePwa(dir)) console.log(`csp-finalize: offline: ${line}`);
    const done = finalize(dir, {
      publicUrl: process.env.TRUNK_PUBLIC_URL ?? "/",
      syncOrigins: syncOrigins(process.env.CPOR_SYNC_ORIGINS),
    });
    for (const line of done) console.log(`csp-finalize: ${line}`);
    if (pwa) for (const line of writeServiceWorker(dir)) console.log(`csp-finalize: offline: ${line}`);
    // 7. The static hosts' header files for this build (deploy/README.md).
    const deploy = { base: process.env.CPOR_DEPLOY_BASE ?? "/", nginxOut: process.env.CPOR_DEPLOY_NGINX ?? NGINX_OUT };
    for (const line of writeDeployConfigs(dir, deploy)) {
      console.log(`csp-finalize: deploy: ${line}`);
    }
  } catch (e) {
    console.error(`csp-finalize: ERROR: ${e.message}`);
    console.error("csp-finalize: the build is stopped: the page would ship without its CSP hashes or integrity checks.");
    process.exit(1);
  }
}
