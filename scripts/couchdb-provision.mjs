// Provisions one partner organisation's team-sync database on a CouchDB 3
// server (or pouchdb-server, for tests and local use), as a server admin:
//
//   1. the database (`cpor-<org id>`, the name the app proposes: see
//      src/sync/doc.rs default_database_name);
//   2. its `_security`: members are the roles `cpor-<org>-editor` and
//      `cpor-<org>-viewer` (nobody else can read or write; the app never
//      needs admin rights);
//   3. the design document `_design/cpor` whose validate_doc_update enforces
//      on the server what the status machine enforces in the browser, as far
//      as a design document can (docs/sync.md, "What the server enforces");
//   4. with --demo-users: users of the demo organisations (docs/sync.md).
//
// Usage (the admin's credentials in the environment, never on the command
// line):
//
//   COUCHDB_ADMIN=admin:secret scripts/couchdb-provision https://couch.example.com northwind [--demo-users] [--database NAME]
//
// No npm dependencies: Node's fetch. Safe to run again (it updates the
// security object and the design document; existing users keep their
// password unless --demo-users resets the demo ones).
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";

/** The database name the app proposes for an organisation id (same rule as
 * src/sync/doc.rs default_database_name). */
export function databaseName(orgId) {
  let name = "cpor-";
  for (const c of orgId.trim().toLowerCase()) name += /[a-z0-9_$()+/-]/.test(c) ? c : "_";
  return name;
}

/** The roles of an organisation. */
export function roles(orgId) {
  return { editor: `cpor-${orgId}-editor`, viewer: `cpor-${orgId}-viewer` };
}

/** Roles that may write the reviewer's and the customer's transitions (a
 * real reviewer; the demo users get the simulation role so the in-app review
 * desk keeps working with sync on). */
export const REVIEWER_ROLES = ["cpor-reviewer", "cpor-simulation"];

/** The validate_doc_update function (run by CouchDB's JavaScript engine, so
 * plain ES5) for organisation `orgId`, as source text. */
export function validateSource(orgId) {
  // The function below is turned into text and the organisation is put in
  // as a JSON string: nothing of the server's input is ever evaluated.
  const fn = function (newDoc, oldDoc, userCtx) {
    var ORG = "__ORG__";
    var REVIEWER = "__REVIEWER__";
    var roles = (userCtx && userCtx.roles) || [];
    function has(role) {
      return roles.indexOf(role) !== -1;
    }
    function refuse(reason) {
      throw { forbidden: reason };
    }
    if (has("_admin")) return;
    if (!has("cpor-" + ORG + "-editor")) {
      refuse("this account may only view this organisation's claims (no role cpor-" + ORG + "-editor)");
    }
    var reviewer = false;
    for (var i = 0; i < REVIEWER.length; i++) if (has(REVIEWER[i])) reviewer = true;
    var id = String(newDoc._id || "");
    var oldClaim = oldDoc && !oldDoc._deleted && oldDoc.type === "claim" && oldDoc.claim && typeof oldDoc.claim === "object" ? oldDoc.claim : null;
    if (newDoc._deleted) {
      // The app ends a losing revision of a resolved conflict this way.
      if (newDoc.conflictResolution === true) return;
      if (oldClaim && (oldClaim.status || "draft") !== "draft") {
        refuse("only a draft can be deleted (this claim is " + oldClaim.status + ")");
      }
      return;
    }
    if (id.indexOf("file:") === 0) {
      if (newDoc.type !== "file") refuse("a file: document must have type \"file\"");
      return;
    }
    if (id.indexOf("claim:") !== 0) refuse("only claim: and file: documents belong in this database");
    if (newDoc.type !== "claim" || !newDoc.claim || typeof newDoc.claim !== "object") {
      refuse("a claim: document must have type \"claim\" and a claim object");
    }
    var claim = newDoc.claim;
    if (claim.partnerOrg && claim.partnerOrg.id && claim.partnerOrg.id !== ORG) {
      refuse("the claim belongs to another partner organisation (" + claim.partnerOrg.id + ")");
    }
    var before = oldClaim ? oldClaim.status || "draft" : null;
    var after = claim.status || "draft";
    if (after === before || reviewer) return;
    // The last history entry into the new status says who moved it there.
    var entry = null;
    var history = claim.history && claim.history.length ? claim.history : [];
    for (var j = history.length - 1; j >= 0; j--) {
      if (history[j] && history[j].to === after) {
        entry = history[j];
        break;
      }
    }
    var actor = entry && entry.actor ? entry.actor.kind : null;
    var action = entry && entry.action ? entry.action : {};
    var allowed;
    if (after === "draft" || after === "submitted" || after === "disputed") allowed = true;
    else if (after === "rejected") allowed = actor === "system" || (actor === "partner" && !!action.partnerReason);
    else if (after === "consent_period_ended") allowed = actor === "system";
    else allowed = false; // under_review, partner_action_required, approved, customer_consent_denied, anything else
    if (!allowed) refuse("only a reviewer may move a claim to " + after);
  };
  return fn
    .toString()
    .replace('"__ORG__"', JSON.stringify(orgId))
    .replace('"__REVIEWER__"', JSON.stringify(REVIEWER_ROLES));
}

/** The design document. */
export function designDoc(orgId) {
  return { _id: "_design/cpor", language: "javascript", validate_doc_update: validateSource(orgId) };
}

/** The `_security` object. */
export function security(orgId) {
  const r = roles(orgId);
  return { admins: { names: [], roles: [] }, members: { names: [], roles: [r.editor, r.viewer] } };
}

/** The demo users (scripts/serve --team, tests): two editors (with the
 * simulation role) and a viewer per demo organisation. */
export function demoUsers(orgId) {
  const r = roles(orgId);
  const people = { northwind: ["ada", "erik"], adatum: ["maria", "tom"] }[orgId] ?? [`${orgId}-1`, `${orgId}-2`];
  return [
    ...people.map((name) => ({ name, password: `${name}-demo`, roles: [r.editor, "cpor-simulation"] })),
    { name: `${orgId}-viewer`, password: `${orgId}-viewer-demo`, roles: [r.viewer] },
  ];
}

function basic(credentials) {
  return `Basic ${Buffer.from(credentials).toString("base64")}`;
}

async function call(base, admin, method, path, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: basic(admin), "content-type": "application/json", accept: "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = { text };
  }
  return { status: res.status, json };
}

/** Puts a document, replacing the stored one (its `_rev` is looked up). */
async function putReplacing(base, admin, path, doc) {
  const old = await call(base, admin, "GET", path);
  const body = old.status === 200 ? { ...doc, _rev: old.json._rev } : doc;
  return call(base, admin, "PUT", path, body);
}

/** Provisions `orgId` on the server at `url` with admin credentials
 * `user:password`; returns the lines it reports. Throws on a failure. */
export async function provision(url, orgId, admin, { demo = false, database } = {}) {
  const base = url.replace(/\/+$/, "");
  const db = database ?? databaseName(orgId);
  const out = [];
  const need = (r, what, ok = [200, 201, 202]) => {
    if (!ok.includes(r.status)) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.json)}`);
  };
  const welcome = await call(base, admin, "GET", "/");
  need(welcome, `GET ${base}/ (is this a CouchDB server?)`);
  const created = await call(base, admin, "PUT", `/${encodeURIComponent(db)}`);
  need(created, `creating the database ${db}`, [201, 202, 412]);
  out.push(created.status === 412 ? `database ${db}: already there` : `database ${db}: created`);
  need(await call(base, admin, "PUT", `/${encodeURIComponent(db)}/_security`, security(orgId)), "writing _security");
  const r = roles(orgId);
  out.push(`_security: members are the roles ${r.editor} and ${r.viewer}`);
  need(await putReplacing(base, admin, `/${encodeURIComponent(db)}/_design/cpor`, designDoc(orgId)), "writing _design/cpor");
  out.push("_design/cpor: validate_doc_update installed");
  if (demo) {
    for (const u of demoUsers(orgId)) {
      const doc = { _id: `org.couchdb.user:${u.name}`, name: u.name, password: u.password, roles: u.roles, type: "user" };
      need(await putReplacing(base, admin, `/_users/${encodeURIComponent(doc._id)}`, doc), `creating the user ${u.name}`);
      out.push(`user ${u.name} / password ${u.password} (${u.roles.join(", ")})`);
    }
  }
  return out;
}

function usage() {
  console.error("usage: COUCHDB_ADMIN=user:password scripts/couchdb-provision URL ORG [--demo-users] [--database NAME]");
  process.exit(2);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const positional = [];
  let demo = false;
  let database;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--demo-users") demo = true;
    else if (args[i] === "--database") database = args[++i] ?? usage();
    else if (args[i].startsWith("--")) usage();
    else positional.push(args[i]);
  }
  const [url, org] = positional;
  const admin = process.env.COUCHDB_ADMIN;
  if (!url || !org || positional.length > 2) usage();
  if (!admin || !admin.includes(":")) {
    console.error("couchdb-provision: set COUCHDB_ADMIN=user:password (a server admin)");
    process.exit(2);
  }
  try {
    for (const line of await provision(url, org, admin, { demo, database })) console.log(`couchdb-provision: ${line}`);
  } catch (e) {
    console.error(`couchdb-provision: ERROR: ${e.message}`);
    process.exit(1);
  }
}
