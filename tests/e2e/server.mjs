// A plain static file server for the end-to-end tests: serves `root` under
// `prefix` (a sub-path, as on a CDN folder), nothing else. No rewrites.
import { createServer } from "node:http";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { readFile, stat } from "node:fs/promises";
import { basename, extname, join, normalize, resolve } from "node:path";

/** The release build the e2e tests drive (scripts/build-app). */
export const DIST = fileURLToPath(new URL("../../dist", import.meta.url));

/** A copy of dist/ in a temporary folder, for a test that changes files
 * (a new build, a tampered file): `{ dir, cleanup }`. */
export function distCopy() {
  const dir = mkdtempSync(join(tmpdir(), "cpor-dist-"));
  cpSync(DIST, dir, { recursive: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A copy of dist/ with one byte of the first file whose name matches
 * `pattern` flipped (a CDN or proxy that changed it): `{ dir, name, cleanup }`. */
export function tamperedDist(pattern) {
  const copy = distCopy();
  const name = readdirSync(copy.dir).find((f) => pattern.test(f));
  if (!name) throw new Error(`no file matching ${pattern} in dist/`);
  const bytes = readFileSync(join(copy.dir, name));
  bytes[Math.floor(bytes.length / 2)] ^= 0x01;
  writeFileSync(join(copy.dir, name), bytes);
  return { ...copy, name };
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".ts": "text/plain; charset=utf-8",
};

/** Content type and extra headers of a file. OpenID discovery documents
 * (`…/.well-known/openid-configuration`, no extension) are JSON and, as
 * Microsoft serves them, readable from any origin. */
function headersFor(file) {
  if (basename(file) === "openid-configuration") {
    return { "content-type": "application/json; charset=utf-8", "access-control-allow-origin": "*" };
  }
  return { "content-type": TYPES[extname(file)] ?? "application/octet-stream" };
}

/** The rules of a Netlify/Cloudflare Pages `_headers` file (what
 * scripts/deploy-config.mjs writes): [{ pattern, headers: [[name, value]] }].
 * A pattern is a URL path, `*` matching any rest. */
export function parseHeadersFile(text) {
  const rules = [];
  for (const line of text.split("\n")) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), headers: [] });
      continue;
    }
    const at = line.indexOf(":");
    if (!rules.length || at === -1) throw new Error(`_headers: a header line outside a rule: ${line}`);
    rules.at(-1).headers.push([line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim()]);
  }
  return rules;
}

/** The headers the rules give a URL path, as the hosts combine them: every
 * matching rule applies, and a header two rules set gets both values,
 * comma-joined. */
export function headersFromRules(rules, path) {
  const out = {};
  for (const { pattern, headers } of rules) {
    const match = pattern.endsWith("*") ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
    if (!match) continue;
    for (const [k, v] of headers) out[k] = k in out ? `${out[k]}, ${v}` : v;
  }
  return out;
}

/** Starts a server on 127.0.0.1 and an ephemeral port; resolves to
 * { url, origin, close }. `mounts` serves more folders on the same server:
 * `{ "/directory/": "tests/e2e/fixtures/openid" }`. With `{ headers: true }`
 * the root's `_headers` file (its paths relative to the root, as on a host
 * where the folder is the site) adds its headers to what the root serves,
 * as Netlify and Cloudflare Pages do. With `{ headers: true, cspReports: [] }`
 * the policy also names a report URI on this server (`report-uri`, which
 * every engine sends to) and the reports it receives go into that array. */
export function serveStatic(root, prefix = "/", mounts = {}, { headers = false, cspReports = null } = {}) {
  const folders = [...Object.entries(mounts), [prefix, root]].map(([p, r]) => [p, resolve(r)]);
  const rules = headers ? parseHeadersFile(readFileSync(join(resolve(root), "_headers"), "utf8")) : null;
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      if (cspReports && req.method === "POST" && path === `${prefix}__csp-report`) {
        let body = "";
        for await (const chunk of req) body += chunk;
        cspReports.push(JSON.parse(body));
        res.writeHead(204).end();
        return;
      }
      const hit = folders.find(([p]) => path.startsWith(p));
      if (!hit) {
        res.writeHead(404).end("not found");
        return;
      }
      const [at, base] = hit;
      let file = normalize(join(base, path.slice(at.length)));
      if (!file.startsWith(base)) {
        res.writeHead(403).end("forbidden");
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      const extra = rules && base === resolve(root) ? headersFromRules(rules, `/${path.slice(at.length)}`) : {};
      if (cspReports && extra["content-security-policy"]) {
        extra["content-security-policy"] += `; report-uri ${prefix}__csp-report`;
      }
      res.writeHead(200, { ...headersFor(file), ...extra });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  return new Promise((ok) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      const origin = `http://127.0.0.1:${port}`;
      // close() also ends kept-alive connections: a page's next request then
      // finds no server (as offline). A second close() is harmless.
      const close = () =>
        new Promise((c) => {
          if (!server.listening) return c();
          server.close(() => c());
          server.closeAllConnections();
        });
      ok({ url: `${origin}${prefix}`, origin, close });
    });
  });
}
