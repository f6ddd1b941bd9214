// scripts/couchdb-provision.mjs against a real pouchdb-server (started here,
// through scripts/pouchdb-server.cjs): the database, its _security and the
// design document, and what validate_doc_update lets through, with the
// replication writes the app makes (_bulk_docs, new_edits: false).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { databaseName, demoUsers, provision, validateSource } from "../../scripts/couchdb-provision.mjs";
import { startCouch } from "../../scripts/team-server.mjs";

let couch;
const ORG = "northwind";
const DB = databaseName(ORG);

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

before(async () => {
  couch = await startCouch(await freePort());
  await provision(couch.url, ORG, couch.admin, { demo: true });
  // An editor without the simulation role, and a member of the other organisation.
  await provision(couch.url, "adatum", couch.admin, { demo: true });
  await fetch(`${couch.url}/_users/org.couchdb.user:plain`, {
    method: "PUT",
    headers: { authorization: auth(couch.admin), "content-type": "application/json" },
    body: JSON.stringify({ name: "plain", password: "plain-pw", roles: [`cpor-${ORG}-editor`], type: "user" }),
  });
});
after(async () => {
  await couch?.stop();
});

function auth(credentials) {
  return `Basic ${Buffer.from(credentials).toString("base64")}`;
}

async function req(method, path, body, credentials) {
  const headers = { "content-type": "application/json" };
  if (credentials) headers.authorization = auth(credentials);
  const res = await fetch(`${couch.url}${path}`, { method, headers, body: body && JSON.stringify(body) });
  return { status: res.status, json: await res.json().catch(() => null) };
}

const ADA = "ada:ada-demo";
const VIEWER = "northwind-viewer:northwind-viewer-demo";
const PLAIN = "plain:plain-pw";
const MARIA = "maria:maria-demo";

let n = 0;
/** A revision id (deterministic enough for a test). */
const rev = (pos) => `${pos}-${(++n).toString(16).padStart(32, "0")}`;

function claimDoc(id, status, extra = {}) {
  return {
    _id: `claim:${id}`,
    type: "claim",
    schema: 1,
    claim: { id, name: `Claim ${id}`, status, partnerOrg: { id: ORG, name: "Northwind Traders" }, history: [], ...extra },
  };
}

/** Writes `doc` as the app does (new_edits: false) on top of `parent`
 * (a revision or null); returns { status, error, rev }. */
async function replicate(doc, parent, credentials) {
  const pos = parent ? Number(parent.split("-")[0]) + 1 : 1;
  const r = rev(pos);
  const ids = [r.split("-")[1]];
  if (parent) ids.push(parent.split("-")[1]);
  const body = { new_edits: false, docs: [{ ...doc, _rev: r, _revisions: { start: pos, ids } }] };
  const res = await req("POST", `/${DB}/_bulk_docs`, body, credentials);
  const error = Array.isArray(res.json) ? res.json.find((e) => e.error) : null;
  return { status: res.status, error: error?.reason ?? (res.status >= 400 ? res.json?.reason ?? res.status : null), rev: r };
}

async function current(id) {
  return (await req("GET", `/${DB}/${encodeURIComponent(`claim:${id}`)}?conflicts=true`, undefined, ADA)).json;
}

test("the database, its _security and the design document are there; provisioning again changes nothing", async () => {
  const sec = await req("GET", `/${DB}/_security`, undefined, couch.admin);
  assert.deepEqual(sec.json.members.roles, ["cpor-northwind-editor", "cpor-northwind-viewer"]);
  const ddoc = await req("GET", `/${DB}/_design/cpor`, undefined, couch.admin);
  assert.equal(ddoc.json.validate_doc_update, validateSource(ORG));
  assert.ok(validateSource(ORG).includes('"northwind"'));
  const again = await provision(couch.url, ORG, couch.admin);
  assert.ok(again.some((l) => l.includes("already there")));
  assert.equal(demoUsers(ORG).length, 3);
});

test("anonymous 401, non-member 401/403, members can read", async () => {
  assert.equal((await req("GET", `/${DB}`)).status, 401);
  assert.ok([401, 403].includes((await req("GET", `/${DB}`, undefined, MARIA)).status));
  assert.equal((await req("GET", `/${DB}`, undefined, "ada:wrong")).status, 401);
  assert.equal((await req("GET", `/${DB}`, undefined, ADA)).status, 200);
  assert.equal((await req("GET", `/${DB}`, undefined, VIEWER)).status, 200);
});

test("an editor's replicated writes are stored (also updates and conflicts); a viewer's are refused per document", async () => {
  const first = await replicate(claimDoc("e1", "draft"), null, ADA);
  assert.equal(first.error, null);
  const second = await replicate(claimDoc("e1", "draft", { name: "Renamed" }), first.rev, ADA);
  assert.equal(second.error, null);
  assert.equal((await current("e1")).claim.name, "Renamed", "a replicated update is stored (scripts/pouchdb-server.cjs)");
  const other = await replicate(claimDoc("e1", "draft", { name: "Other" }), first.rev, ADA);
  assert.equal(other.error, null);
  assert.equal((await current("e1"))._conflicts.length, 1);
  // Ending the losing leaf (what a conflict resolution pushes).
  const loser = (await current("e1"))._conflicts[0];
  const end = await replicate({ _id: "claim:e1", _deleted: true, conflictResolution: true }, loser, ADA);
  assert.equal(end.error, null);
  assert.equal((await current("e1"))._conflicts, undefined);

  const viewer = await replicate(claimDoc("v1", "draft"), null, VIEWER);
  assert.equal(viewer.status, 201);
  assert.match(viewer.error, /may only view/);
  assert.equal((await req("GET", `/${DB}/claim%3Av1`, undefined, ADA)).status, 404);
});

test("reviewer-only transitions need the reviewer or simulation role; the partner's own are allowed", async () => {
  const base = await replicate(claimDoc("s1", "submitted"), null, PLAIN);
  assert.equal(base.error, null, "a partner may submit");
  const approved = await replicate(claimDoc("s1", "approved"), base.rev, PLAIN);
  assert.match(approved.error, /only a reviewer may move a claim to approved/);
  const review = await replicate(claimDoc("s1", "under_review"), base.rev, PLAIN);
  assert.match(review.error, /under_review/);
  const requested = await replicate(
    claimDoc("s1", "rejected", { history: [{ to: "rejected", actor: { kind: "partner" }, action: { type: "rejected", reason: "partner_request", partnerReason: "duplicate" } }] }),
    base.rev,
    PLAIN,
  );
  assert.equal(requested.error, null, "a rejection the partner asked for");
  const other = await replicate(claimDoc("s2", "submitted"), null, PLAIN);
  const rejected = await replicate(
    claimDoc("s2", "rejected", { history: [{ to: "rejected", actor: { kind: "reviewer" }, action: { type: "rejected", reason: "other" } }] }),
    other.rev,
    PLAIN,
  );
  assert.match(rejected.error, /only a reviewer/);
  const simulated = await replicate(claimDoc("s2", "approved"), other.rev, ADA);
  assert.equal(simulated.error, null, "the demo users have the simulation role");
});

test("only drafts can be deleted; documents of another organisation or kind are refused", async () => {
  const draft = await replicate(claimDoc("d1", "draft"), null, PLAIN);
  assert.equal((await replicate({ _id: "claim:d1", _deleted: true }, draft.rev, PLAIN)).error, null);
  const sub = await replicate(claimDoc("d2", "submitted"), null, PLAIN);
  assert.match((await replicate({ _id: "claim:d2", _deleted: true }, sub.rev, PLAIN)).error, /only a draft can be deleted/);
  assert.match((await replicate(claimDoc("x1", "draft", { partnerOrg: { id: "adatum" } }), null, PLAIN)).error, /another partner organisation/);
  assert.match((await replicate({ _id: "note:1", type: "note" }, null, PLAIN)).error, /only claim: and file:/);
  assert.match((await replicate({ _id: "claim:y", type: "invoice" }, null, PLAIN)).error, /type "claim"/);
});
