// Offline and installable (release builds): run by scripts/csp-finalize.mjs,
// Trunk's post-build hook, in the staging folder. docs/offline.md.
//
// Before the CSP is finished (prepare):
// - icons/: PNG icons rendered from assets/icon.svg by resvg (192 and 512
//   px, and a 512 px maskable one: no rounded corners, the mark inside the
//   safe zone), and the SVG itself (the page's icon);
// - manifest.webmanifest: name, colours, start URL and scope "./" (relative
//   to the manifest, so any sub-path works), the icons;
// - index.html: the manifest, icon and theme-colour links, and the inline
//   script that registers the service worker after the page has loaded and
//   tells the app when a new version is waiting (the CSP hashes it with the
//   other inline scripts).
// After the CSP is finished (writeServiceWorker):
// - sw.js: the service worker of exactly this build. It precaches every
//   file of the build (the workers' too: the pre-check and sync start
//   offline) in a cache named after a hash of all of them, serves them
//   cache-first (a page load = index.html from the cache), passes anything
//   else (the sync server, the directory, other origins) to the network, and
//   deletes other builds' caches only once it is active. A new build's worker
//   waits: the app shows "A new version is ready — Reload", and Reload makes
//   it take over; the files of two builds never mix.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { filesOf } from "./deploy-config.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const ICON_SVG = join(REPO, "assets", "icon.svg");
export const THEME = "#0b5cad";
/** Files of the folder that are the host's, not the app's (never precached). */
const NOT_PRECACHED = new Set(["sw.js", "_headers", "staticwebapp.config.json"]);

export class PwaError extends Error {}

function fail(message) {
  throw new PwaError(message);
}

/** The maskable variant of the icon: square background, the mark scaled to
 * 80 % around the centre (the safe zone is the centre circle of 80 %). */
export function maskable(svg) {
  const square = svg.replace(/(<rect id="background"[^>]*?)\s+rx="\d+"/, "$1");
  if (square === svg) fail(`${ICON_SVG}: no <rect id="background" rx="…"> to square off`);
  const scaled = square.replace('<g id="mark">', '<g id="mark" transform="translate(51.2 51.2) scale(0.8)">');
  if (scaled === square) fail(`${ICON_SVG}: no <g id="mark"> to scale into the safe zone`);
  return scaled;
}

async function renderPng(svg, size) {
  let Resvg;
  try {
    ({ Resvg } = await import("@resvg/resvg-js"));
  } catch {
    fail("@resvg/resvg-js is missing: run scripts/setup (npm ci)");
  }
  return new Resvg(svg, { fitTo: { mode: "width", value: size } }).render().asPng();
}

export const MANIFEST = {
  name: "CPOR Desk",
  short_name: "CPOR Desk",
  description: "Prepare and check Claiming Partner of Record claims in the browser.",
  start_url: "./",
  scope: "./",
  display: "standalone",
  background_color: "#ffffff",
  theme_color: THEME,
  icons: [
    { src: "icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
    { src: "icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
    { src: "icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    { src: "icons/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
  ],
};

/** The registration script (inline in index.html). The app listens for
 * `cpor-update-ready` (and reads `data-update="ready"` on <html> if it
 * started later) and sends `cpor-update-apply` when the partner chooses
 * Reload. */
export const REGISTER = `
// Offline use: the service worker of this build (scripts/pwa.mjs).
if ("serviceWorker" in navigator) {
  addEventListener("load", async () => {
    const sw = navigator.serviceWorker;
    const hadController = Boolean(sw.controller);
    let applying = false;
    const announce = () => {
      document.documentElement.dataset.update = "ready";
      dispatchEvent(new Event("cpor-update-ready"));
    };
    let reg;
    try {
      reg = await sw.register("./sw.js");
    } catch (e) {
      console.warn("CPOR Desk works online only here: the service worker was refused:", e);
      return;
    }
    // (Service workers blocked, e.g. by a test harness: no registration.)
    if (!reg) return;
    const check = () => {
      if (reg.waiting && sw.controller) announce();
    };
    sw.addEventListener("controllerchange", () => {
      if (applying) location.reload();
      // Another tab chose Reload: this page's files are the old build's.
      else if (hadController) announce();
    });
    addEventListener("cpor-update-apply", () => {
      applying = true;
      if (reg.waiting) reg.waiting.postMessage("skip-waiting");
      else location.reload();
    });
    check();
    reg.addEventListener("updatefound", () => {
      const next = reg.installing;
      if (next) next.addEventListener("statechange", () => next.state === "installed" && check());
    });
    setInterval(() => reg.update().catch(() => {}), 3600000);
  });
}
`;

const HEAD_LINKS = [
  `<link rel="manifest" href="manifest.webmanifest" />`,
  `<meta name="theme-color" content="${THEME}" />`,
  `<link rel="apple-touch-icon" href="icons/icon-192.png" />`,
].join("\n    ");

/** index.html with the manifest, icon and theme links and the registration
 * script (before </head>; the favicon replaced by the SVG icon). */
export function prepareHtml(html) {
  if (html.includes('rel="manifest"')) fail("index.html already links a manifest (prepared twice?)");
  const favicon = /<link rel="icon" href="data:," \/>/;
  if (!favicon.test(html)) fail('index.html has no <link rel="icon" href="data:," /> to replace by the app icon');
  html = html.replace(favicon, () => `<link rel="icon" href="icons/icon.svg" type="image/svg+xml" />`);
  const end = html.indexOf("</head>");
  if (end === -1) fail("index.html has no </head>");
  const add = `    ${HEAD_LINKS}\n    <script type="module">${REGISTER}</script>\n  `;
  return html.slice(0, end) + add + html.slice(end);
}

/** Icons, manifest and index.html of the staging folder `dir`. */
export async function preparePwa(dir) {
  const svg = readFileSync(ICON_SVG, "utf8");
  mkdirSync(join(dir, "icons"), { recursive: true });
  writeFileSync(join(dir, "icons", "icon.svg"), svg);
  writeFileSync(join(dir, "icons", "icon-192.png"), await renderPng(svg, 192));
  writeFileSync(join(dir, "icons", "icon-512.png"), await renderPng(svg, 512));
  writeFileSync(join(dir, "icons", "icon-maskable-512.png"), await renderPng(maskable(svg), 512));
  writeFileSync(join(dir, "manifest.webmanifest"), `${JSON.stringify(MANIFEST, null, 2)}\n`);
  const index = join(dir, "index.html");
  writeFileSync(index, prepareHtml(readFileSync(index, "utf8")));
  return ["icons/ (192, 512, maskable 512, svg), manifest.webmanifest, service worker registration in index.html"];
}

/** The service worker's text for the files (relative paths) and the build's
 * version (a hash of their names and contents). */
export function serviceWorker(files, version) {
  return `// CPOR Desk's service worker for exactly one build (scripts/pwa.mjs).
const VERSION = ${JSON.stringify(version)};
const CACHE = "cpor-desk-" + VERSION;
const FILES = ${JSON.stringify(files)};
const INDEX = new URL("./index.html", self.registration.scope).href;
const OWN = new Set(FILES.map((f) => new URL(f, self.registration.scope).href));

self.addEventListener("install", (event) => {
  // Every file from the network (never from the HTTP cache: a stale file of
  // the previous build must not slip in).
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: "no-cache" })))));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("cpor-desk-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// A new build waits until the partner chooses Reload.
self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  url.search = "";
  url.hash = "";
  const key = request.mode === "navigate" && url.href.startsWith(self.registration.scope) ? INDEX : url.href;
  if (!OWN.has(key)) return;
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(key).then((hit) => hit || fetch(request))),
  );
});
`;
}

/** sw.js for the finished folder `dir` (after the CSP and integrity are
 * written: it precaches the files as served). */
export function writeServiceWorker(dir) {
  if (!existsSync(join(dir, "manifest.webmanifest"))) fail(`no manifest.webmanifest in ${dir}: preparePwa first`);
  const hash = createHash("sha256");
  const files = [];
  for (const file of filesOf(dir)) {
    const rel = relative(dir, file).split(sep).join("/");
    if (NOT_PRECACHED.has(rel)) continue;
    files.push(`./${rel}`);
    hash.update(rel).update("\0").update(readFileSync(file)).update("\0");
  }
  const version = hash.digest("hex").slice(0, 16);
  writeFileSync(join(dir, "sw.js"), serviceWorker(files, version));
  return [`sw.js: ${files.length} files precached, version ${version}`];
}
