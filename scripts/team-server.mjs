// A local CouchDB for team sync, for trying it and for the tests: npm's
// pouchdb-server (through scripts/pouchdb-server.cjs) in memory on
// 127.0.0.1, with a fresh config, a server admin, and both demo
// organisations provisioned with their demo users
// (scripts/couchdb-provision.mjs).
//
//   node scripts/team-server.mjs [port]     (default $COUCH_PORT or 5984)
//
// prints the address, the databases and the users, and runs until Ctrl-C
// (scripts/serve --team starts it). Tests and the benchmark import
// startCouch() and provision themselves.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { provision } from "./couchdb-provision.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));

/** The server admin of the local server (only ever on 127.0.0.1). */
export const ADMIN = "admin:admin-local";

/** The demo organisations (data/demo-partners.json). */
export const DEMO_ORGS = ["northwind", "adatum"];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts pouchdb-server in memory on 127.0.0.1:`port` with a fresh
 * config and the admin ADMIN; resolves to { url, admin, stop(), pid }
 * once it answers. */
export async function startCouch(port) {
  const dir = mkdtempSync(join(tmpdir(), "cpor-couch-"));
  const config = join(dir, "config.json");
  writeFileSync(config, "{}");
  const child = spawn(
    process.execPath,
    [join(here, "pouchdb-server.cjs"), "--in-memory", "--host", "127.0.0.1", "--port", String(port), "--config", config, "--no-stdout-logs"],
    { cwd: dir, stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr = (stderr + d).slice(-4000);
  });
  let exited = null;
  child.on("exit", (code) => {
    exited = code ?? -1;
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited === null) {
      child.kill("SIGTERM");
      for (let i = 0; i < 50 && exited === null; i++) await sleep(100);
      if (exited === null) child.kill("SIGKILL");
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const started = Date.now();
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`pouchdb-server exited (${exited}) on port ${port}: ${stderr}`);
    }
    try {
      const r = await fetch(`${url}/`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() - started > 60_000) {
      await stop();
      throw new Error(`pouchdb-server did not answer on ${url} within 60 s: ${stderr}`);
    }
    await sleep(150);
  }
  // The admin (ends the "admin party": anonymous requests are refused).
  const [user, password] = ADMIN.split(":");
  const r = await fetch(`${url}/_config/admins/${user}`, { method: "PUT", body: JSON.stringify(password) });
  if (!r.ok) {
    await stop();
    throw new Error(`creating the admin: HTTP ${r.status}`);
  }
  return { url, admin: ADMIN, stop, pid: child.pid };
}

/** startCouch + both demo organisations with their demo users. */
export async function startTeamServer(port) {
  const couch = await startCouch(port);
  const lines = [];
  try {
    for (const org of DEMO_ORGS) lines.push(...(await provision(couch.url, org, couch.admin, { demo: true })));
  } catch (e) {
    await couch.stop();
    throw e;
  }
  return { ...couch, lines };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? process.env.COUCH_PORT ?? 5984);
  const server = await startTeamServer(port);
  console.log(`team-server: CouchDB (pouchdb-server, in memory) on ${server.url}`);
  for (const line of server.lines) console.log(`team-server: ${line}`);
  const quit = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on("SIGINT", quit);
  process.on("SIGTERM", quit);
}
