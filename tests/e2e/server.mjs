// A plain static file server for the end-to-end tests: serves `root` under
// `prefix` (a sub-path, as on a CDN folder), nothing else. No rewrites.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { basename, extname, join, normalize, resolve } from "node:path";

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

/** Starts a server on 127.0.0.1 and an ephemeral port; resolves to
 * { url, origin, close }. `mounts` serves more folders on the same server:
 * `{ "/directory/": "tests/e2e/fixtures/openid" }`. */
export function serveStatic(root, prefix = "/", mounts = {}) {
  const folders = [...Object.entries(mounts), [prefix, root]].map(([p, r]) => [p, resolve(r)]);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
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
      res.writeHead(200, headersFor(file));
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  return new Promise((ok) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      const origin = `http://127.0.0.1:${port}`;
      ok({ url: `${origin}${prefix}`, origin, close: () => new Promise((c) => server.close(c)) });
    });
  });
}
