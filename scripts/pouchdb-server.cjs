#!/usr/bin/env node
// Starts npm's pouchdb-server 4.2.0 (node_modules, package.json
// devDependencies) with the arguments given, after mending one bug of its
// validate_doc_update support (pouchdb-validation 4.2.0,
// lib/index.js `validate`):
//
//     newDoc._revisions = (oldDoc || {})._revisions;
//
// overwrites the revision history of every document written with
// `_bulk_docs` and `new_edits: false` (replication) by the stored winner's,
// so once a database has a design document with validate_doc_update, a
// replicated update is answered 201 but silently not stored. CouchDB
// itself has no such bug. The fix gives the validation functions a copy
// with that history instead, and leaves the written document alone.
//
// Used by scripts/serve --team, tests/e2e/sync.test.mjs and scripts/bench
// (tests/native/sync/pouchdb.rs installs no design document and runs the
// plain binary).
//
//     node scripts/pouchdb-server.cjs --in-memory --host 127.0.0.1 --port 5984 --config FILE
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const Module = require("node:module");

const root = path.resolve(__dirname, "..");
const BUG = "newDoc._revisions = (oldDoc || {})._revisions;";
const FIX = "newDoc = Object.assign({}, newDoc, { _revisions: (oldDoc || {})._revisions });";

let target;
try {
  target = require.resolve("pouchdb-validation/lib/index.js", { paths: [root] });
} catch {
  console.error(`pouchdb-server.cjs: pouchdb-server is not installed in ${root}/node_modules; run npm ci (scripts/setup does)`);
  process.exit(1);
}
const source = fs.readFileSync(target, "utf8");
if (!source.includes(BUG)) {
  // Another version: look at it before relying on it.
  console.error(`pouchdb-server.cjs: ${target} no longer has the line this script mends; check the new version's validate_doc_update with new_edits:false, then update or remove the fix`);
  process.exit(1);
}
const compileJs = Module._extensions[".js"];
Module._extensions[".js"] = function (module, filename) {
  if (filename === target) {
    module._compile(source.replace(BUG, FIX), filename);
    return;
  }
  compileJs(module, filename);
};

// A server whose starter has gone (a test file's node process ended by
// --test-force-exit or by a timeout) would keep its port, and the next
// run's server on that port would fail: it ends when its parent does.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(0);
}, 1000).unref();

require(require.resolve("pouchdb-server/lib/index.js", { paths: [root] }));
