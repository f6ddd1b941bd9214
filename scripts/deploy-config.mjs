#!/usr/bin/env node
// The static hosts' configurations for one build of the app: the HTTP
// headers every response needs, generated from the built files themselves
// (the CSP's inline-script hashes and the content-hashed file names change
// with every build, so a hand-kept copy would be stale after the next one).
// deploy/README.md says which host reads which file.
//
// For a built folder (dist/, or Trunk's staging folder: scripts/csp-finalize.mjs
// calls this after it has finished index.html) it writes:
//   <dir>/_headers                  Netlify and Cloudflare Pages
//   <dir>/staticwebapp.config.json  Azure Static Web Apps
//   deploy/generated/nginx.conf     nginx (a server-block include; not in
//                                   dist/, which is what gets published;
//                                   another path: CPOR_DEPLOY_NGINX)
//
// The rules, the same for every host:
// - Content-Security-Policy as a header too: the policy of index.html's
//   <meta> plus what a <meta> cannot carry: `frame-ancestors 'none'` (the
//   app refuses to be framed). Sent with every file: a worker's policy is
//   the one of its script's response.
// - X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer (as the
//   page's <meta>), X-Frame-Options: DENY (browsers without frame-ancestors).
// - Files with a content hash in their name (Trunk's `name-<16 hex>.ext`)
//   are immutable for a year; everything else (index.html, the workers'
//   files, which have no hash) is revalidated on every load (`no-cache`),
//   so a new build never pairs with a stale file.
// - `.wasm` as application/wasm (streaming compilation needs it).
//
// Usage: node scripts/deploy-config.mjs [dir] [--base /path/]
//   dir defaults to dist; --base is the URL path the folder is published
//   under (default "/"; e.g. "/cpor-desk/" for a sub-path), or the
//   environment variable CPOR_DEPLOY_BASE.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const IMMUTABLE = "public, max-age=31536000, immutable";
export const REVALIDATE = "no-cache";
/** A content hash in a file name: Trunk's (`name-<16 hex>.js`, `_bg.wasm`,
 * `.css`; filehash = true in Trunk.toml) and the split build's chunks and
 * chunk loader (`cpor-desk-<16 hex>-<chunk>.wasm`, `-split.js`). */
const HASHED = /-[0-9a-f]{16}(?:_bg|-[A-Za-z0-9_]+)?\.(?:js|wasm|css)$/;
/** What this generator writes into the folder: never a rule of its own. */
const OWN = new Set(["_headers", "staticwebapp.config.json"]);
const META = /<meta\s[^>]*http-equiv\s*=\s*"Content-Security-Policy"[^>]*>/gi;

export class DeployConfigError extends Error {}

function fail(message) {
  throw new DeployConfigError(message);
}

/** The header policy: the finished <meta> policy of index.html plus
 * `frame-ancestors 'none'`. Refuses an unfinished one (csp-finalize's
 * placeholder still there). */
export function headerPolicy(indexHtml) {
  const metas = [...indexHtml.matchAll(META)];
  if (metas.length !== 1) fail(`expected exactly one CSP <meta> in index.html, found ${metas.length}`);
  const content = /content\s*=\s*"([^"]*)"/i.exec(metas[0][0])?.[1];
  if (!content) fail("the CSP <meta> of index.html has no content");
  if (content.includes("__INLINE_SCRIPT_HASHES__")) {
    fail("index.html's CSP is not finished (run scripts/csp-finalize.mjs first)");
  }
  if (/frame-ancestors/i.test(content)) fail("index.html's CSP <meta> names frame-ancestors (browsers ignore it there)");
  const policy = content
    .split(";")
    .map((d) => d.trim())
    .filter(Boolean);
  return [...policy, "frame-ancestors 'none'"].join("; ");
}

/** Normalises a base path to "/…/". */
export function normaliseBase(base = "/") {
  if (!/^\/[A-Za-z0-9._~\/-]*$/.test(base)) fail(`--base ${JSON.stringify(base)}: a URL path such as / or /cpor-desk/`);
  return base.endsWith("/") ? base : `${base}/`;
}

/** Every file under `dir` (recursively, sorted by name per folder). */
export function filesOf(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) out.push(...filesOf(file));
    else out.push(file);
  }
  return out;
}

/** What the hosts must send, for the built folder `dir` published at
 * `base`: the headers of every response, and per URL path its
 * Cache-Control (and content type where hosts guess wrong). */
export function plan(dir, { base = "/" } = {}) {
  base = normaliseBase(base);
  const index = join(dir, "index.html");
  if (!existsSync(index)) fail(`no index.html in ${dir}`);
  const common = {
    "Content-Security-Policy": headerPolicy(readFileSync(index, "utf8")),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
  };
  const paths = [];
  for (const file of filesOf(dir)) {
    const rel = relative(dir, file).split(sep).join("/");
    if (OWN.has(rel)) continue;
    const entry = {
      path: `${base}${rel}`,
      cache: HASHED.test(rel) ? IMMUTABLE : REVALIDATE,
      type: rel.endsWith(".wasm") ? "application/wasm" : null,
    };
    paths.push(entry);
    // The folder's own URL serves index.html.
    if (rel === "index.html") paths.push({ ...entry, path: base });
  }
  return { base, common, paths };
}

/** Netlify / Cloudflare Pages `_headers`. Both join the values of a header
 * set by two matching rules, so Cache-Control is set per file only, never
 * in the catch-all. */
export function netlifyHeaders({ base, common, paths }) {
  const lines = ["# Generated by scripts/deploy-config.mjs for this build (Netlify, Cloudflare Pages).", `${base}*`];
  for (const [k, v] of Object.entries(common)) lines.push(`  ${k}: ${v}`);
  for (const p of paths) {
    lines.push(p.path, `  Cache-Control: ${p.cache}`);
    if (p.type) lines.push(`  Content-Type: ${p.type}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Azure Static Web Apps `staticwebapp.config.json`: the common headers and
 * revalidation globally; a route per content-hashed file overrides
 * Cache-Control (route headers take precedence over globalHeaders). */
export function staticWebAppConfig({ common, paths }) {
  return {
    globalHeaders: { ...common, "Cache-Control": REVALIDATE },
    routes: paths.filter((p) => p.cache === IMMUTABLE).map((p) => ({ route: p.path, headers: { "Cache-Control": p.cache } })),
    mimeTypes: { ".wasm": "application/wasm" },
  };
}

function nginxQuote(value) {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** nginx: one exact `location` per file (add_header in a location replaces
 * every inherited add_header, so each block repeats the common headers),
 * and the folder's prefix for anything else (404s included). */
export function nginxConf({ base, common, paths }) {
  const headers = (cache) =>
    [...Object.entries(common), ["Cache-Control", cache]].map(([k, v]) => `    add_header ${k} ${nginxQuote(v)} always;`);
  const blocks = [
    "# Generated by scripts/deploy-config.mjs for this build of dist/ (the CSP",
    "# hashes change with every build: regenerate and reload after each deploy).",
    "# Include it inside your server { } block; `root` (or `alias` for the",
    `# prefix ${base}) points at the published folder.`,
    "",
  ];
  for (const p of paths) {
    blocks.push(`location = ${p.path} {`);
    if (p.type) blocks.push(`    types { } default_type ${p.type};`);
    blocks.push(...headers(p.cache), "}", "");
  }
  blocks.push(`location ${base} {`, ...headers(REVALIDATE), "}");
  return `${blocks.join("\n")}\n`;
}

/** Writes the hosts' files for the built folder `dir`; returns what it did. */
export function writeDeployConfigs(dir, { base = "/", nginxOut } = {}) {
  const p = plan(dir, { base });
  writeFileSync(join(dir, "_headers"), netlifyHeaders(p));
  writeFileSync(join(dir, "staticwebapp.config.json"), `${JSON.stringify(staticWebAppConfig(p), null, 2)}\n`);
  const done = [`_headers and staticwebapp.config.json for ${p.paths.length} paths under ${p.base}`];
  if (nginxOut) {
    mkdirSync(dirname(nginxOut), { recursive: true });
    writeFileSync(nginxOut, nginxConf(p));
    done.push(`nginx: ${nginxOut}`);
  }
  return done;
}

/** deploy/generated/nginx.conf of this repository. */
export const NGINX_OUT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "deploy", "generated", "nginx.conf");

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--base");
  const base = at === -1 ? (process.env.CPOR_DEPLOY_BASE ?? "/") : args.splice(at, 2)[1];
  const dir = args[0] ?? "dist";
  try {
    const nginxOut = process.env.CPOR_DEPLOY_NGINX ?? NGINX_OUT;
    for (const line of writeDeployConfigs(dir, { base, nginxOut })) console.log(`deploy-config: ${line}`);
  } catch (e) {
    console.error(`deploy-config: ERROR: ${e.message}`);
    process.exit(1);
  }
}
