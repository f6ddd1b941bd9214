//! `FakeCouch`: an in-memory CouchDB behind the sync [`Transport`], for
//! native tests. It keeps real revision trees (winner, leaves, stemmed
//! paths, compaction), `_changes` with opaque string seqs, `_revs_diff`,
//! `_bulk_docs` with `new_edits: false`, `_bulk_get`, attachments, `_local`
//! documents, Basic auth, and injectable faults (down, an HTTP status, a
//! truncated answer after the server applied the request, a lost answer, a timeout, per-document `forbidden`). It counts
//! requests and body bytes.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use base64::Engine;
use cpor_desk::sync::TransportError;
use cpor_desk::sync::rev::{Rev, attachment_digest, leaf_order};
use cpor_desk::sync::transport::{Method, Request, Response, Transport, TransportFuture};
use serde_json::{Map, Value, json};

/// A fault for matching requests.
#[derive(Debug, Clone, PartialEq)]
pub enum Fault {
    /// The server cannot be reached; nothing happens on the server.
    Down,
    /// The server answers this status without doing anything.
    Status(u16),
    /// The server does the work, then the connection breaks mid-answer:
    /// half of the body arrives.
    TruncateResponse,
    /// The server does the work, then the answer is lost.
    LostResponse,
    /// No answer in time; nothing happens on the server.
    Timeout,
}

struct Rule {
    /// Matches when `"METHOD path"` contains it.
    pattern: String,
    fault: Fault,
    /// Matching requests let through before the fault starts.
    skip: usize,
    remaining: usize,
}

#[derive(Clone)]
struct Attachment {
    content_type: String,
    data: Rc<Vec<u8>>,
    digest: String,
}

#[derive(Clone)]
struct Node {
    parent: Option<Rev>,
    deleted: bool,
    /// The body without `_` fields; `None` once compacted away.
    body: Option<Map<String, Value>>,
    attachments: BTreeMap<String, Attachment>,
}

#[derive(Clone, Default)]
struct DocTree {
    nodes: BTreeMap<Rev, Node>,
    seq: u64,
}

impl DocTree {
    fn leaves(&self) -> Vec<(&Rev, &Node)> {
        let parents: BTreeSet<&Rev> = self
            .nodes
            .values()
            .filter_map(|n| n.parent.as_ref())
            .collect();
        self.nodes
            .iter()
            .filter(|(r, _)| !parents.contains(r))
            .collect()
    }

    fn winner(&self) -> Option<(&Rev, &Node)> {
        self.leaves()
            .into_iter()
            .max_by(|a, b| leaf_order((a.0, a.1.deleted), (b.0, b.1.deleted)))
    }

    fn ancestry(&self, rev: &Rev) -> Vec<String> {
        let mut ids = vec![rev.hash.clone()];
        let mut cur = self.nodes.get(rev).and_then(|n| n.parent.clone());
        while let Some(r) = cur {
            ids.push(r.hash.clone());
            cur = self.nodes.get(&r).and_then(|n| n.parent.clone());
        }
        ids
    }

    /// The leaves that descend from `rev` (itself when a leaf).
    fn latest(&self, rev: &Rev) -> Vec<Rev> {
        self.leaves()
            .into_iter()
            .filter(|(leaf, _)| {
                let mut cur = Some((*leaf).clone());
                while let Some(r) = cur {
                    if r == *rev {
                        return true;
                    }
                    cur = self.nodes.get(&r).and_then(|n| n.parent.clone());
                }
                false
            })
            .map(|(r, _)| r.clone())
            .collect()
    }
}

#[derive(Clone, Default)]
struct Db {
    docs: BTreeMap<String, DocTree>,
    local: BTreeMap<String, Value>,
    seq: u64,
}

#[derive(Clone, Default)]
struct State {
    dbs: BTreeMap<String, Db>,
    credentials: Option<(String, String)>,
    /// Document ids whose writes are refused with `forbidden`.
    forbidden: BTreeSet<String>,
    /// Document ids served without `_id` (a broken server).
    strip_id: BTreeSet<String>,
}

/// The in-memory CouchDB.
#[derive(Default)]
pub struct FakeCouch {
    state: RefCell<State>,
    rules: RefCell<Vec<Rule>>,
    requests: RefCell<Vec<String>>,
}

impl FakeCouch {
    pub fn new() -> FakeCouch {
        FakeCouch::default()
    }

    /// An independent copy of the server's data (no faults, no counters).
    pub fn fork(&self) -> FakeCouch {
        FakeCouch {
            state: RefCell::new(self.state.borrow().clone()),
            ..FakeCouch::default()
        }
    }

    pub fn create_db(&self, name: &str) {
        self.state
            .borrow_mut()
            .dbs
            .entry(name.to_string())
            .or_default();
    }

    /// Drops and re-creates a database (a server reset: every document and
    /// every `_local` checkpoint are gone).
    pub fn reset_db(&self, name: &str) {
        self.state
            .borrow_mut()
            .dbs
            .insert(name.to_string(), Db::default());
    }

    /// Deletes a database (an admin's `DELETE /db`): requests to it answer
    /// 404 until it is created again.
    pub fn drop_db(&self, name: &str) {
        self.state.borrow_mut().dbs.remove(name);
    }

    /// Requires HTTP Basic credentials from now on.
    pub fn require_auth(&self, user: &str, password: &str) {
        self.state.borrow_mut().credentials = Some((user.into(), password.into()));
    }

    /// Refuses writes of `doc_id` with a per-document `forbidden` (`None`:
    /// no longer).
    pub fn forbid(&self, doc_id: &str, on: bool) {
        let mut st = self.state.borrow_mut();
        if on {
            st.forbidden.insert(doc_id.to_string());
        } else {
            st.forbidden.remove(doc_id);
        }
    }

    /// The next `times` requests whose `"METHOD path"` contains `pattern`
    /// get `fault`.
    pub fn inject(&self, pattern: &str, fault: Fault, times: usize) {
        self.inject_after(pattern, fault, 0, times);
    }

    /// Like [`FakeCouch::inject`], after letting `skip` matching requests
    /// through.
    pub fn inject_after(&self, pattern: &str, fault: Fault, skip: usize, times: usize) {
        self.rules.borrow_mut().push(Rule {
            pattern: pattern.to_string(),
            fault,
            skip,
            remaining: times,
        });
    }

    /// Every request so far, as `"METHOD path"`.
    pub fn requests(&self) -> Vec<String> {
        self.requests.borrow().clone()
    }

    pub fn count(&self, pattern: &str) -> usize {
        self.requests
            .borrow()
            .iter()
            .filter(|r| r.contains(pattern))
            .count()
    }

    pub fn reset_counters(&self) {
        self.requests.borrow_mut().clear();
    }

    /// The leaves of a document: `(rev, deleted)`, winner first.
    pub fn leaves(&self, db: &str, id: &str) -> Vec<(String, bool)> {
        let st = self.state.borrow();
        let Some(tree) = st.dbs.get(db).and_then(|d| d.docs.get(id)) else {
            return Vec::new();
        };
        let mut leaves: Vec<(&Rev, &Node)> = tree.leaves();
        leaves.sort_by(|a, b| leaf_order((b.0, b.1.deleted), (a.0, a.1.deleted)));
        leaves
            .iter()
            .map(|(r, n)| (r.to_string(), n.deleted))
            .collect()
    }

    /// Live leaves other than the winner (what `_conflicts` lists).
    pub fn conflicts(&self, db: &str, id: &str) -> Vec<String> {
        self.leaves(db, id)
            .into_iter()
            .skip(1)
            .filter(|(_, deleted)| !deleted)
            .map(|(r, _)| r)
            .collect()
    }

    /// The ids of the documents (including deleted ones).
    pub fn doc_ids(&self, db: &str) -> Vec<String> {
        let st = self.state.borrow();
        st.dbs
            .get(db)
            .map(|d| d.docs.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// Writes a new revision with a raw body (as a hostile or buggy client
    /// would), as a child of the winner. Returns the revision.
    pub fn put_raw(&self, db: &str, id: &str, body: Value) -> String {
        let mut st = self.state.borrow_mut();
        let Some(dbv) = st.dbs.get_mut(db) else {
            return String::new();
        };
        dbv.seq += 1;
        let seq = dbv.seq;
        let tree = dbv.docs.entry(id.to_string()).or_default();
        let parent = tree.winner().map(|(r, _)| r.clone());
        let rev = Rev {
            pos: parent.as_ref().map_or(1, |p| p.pos + 1),
            hash: format!("{:032x}", seq * 7919 + 17),
        };
        let body = match body {
            Value::Object(m) => m,
            other => {
                let mut m = Map::new();
                m.insert("value".into(), other);
                m
            }
        };
        tree.nodes.insert(
            rev.clone(),
            Node {
                parent,
                deleted: false,
                body: Some(body),
                attachments: BTreeMap::new(),
            },
        );
        tree.seq = seq;
        rev.to_string()
    }

    /// Serves `doc_id` without its `_id` from now on (a broken server).
    pub fn strip_id(&self, doc_id: &str) {
        self.state.borrow_mut().strip_id.insert(doc_id.to_string());
    }

    /// Forgets the bodies of every non-leaf revision (as compaction does).
    pub fn compact(&self, db: &str) {
        let mut st = self.state.borrow_mut();
        if let Some(dbv) = st.dbs.get_mut(db) {
            for tree in dbv.docs.values_mut() {
                let leaves: BTreeSet<Rev> =
                    tree.leaves().into_iter().map(|(r, _)| r.clone()).collect();
                for (rev, node) in tree.nodes.iter_mut() {
                    if !leaves.contains(rev) {
                        node.body = None;
                        node.attachments.clear();
                    }
                }
            }
        }
    }

    fn handle(&self, req: &Request) -> Result<Response, TransportError> {
        let line = format!("{} {}", req.method.as_str(), req.path_and_query);
        self.requests.borrow_mut().push(line.clone());
        let fault = {
            let mut rules = self.rules.borrow_mut();
            let found = rules
                .iter_mut()
                .find(|r| r.remaining > 0 && line.contains(&r.pattern));
            found.and_then(|r| {
                if r.skip > 0 {
                    r.skip -= 1;
                    return None;
                }
                r.remaining -= 1;
                Some(r.fault.clone())
            })
        };
        match &fault {
            Some(Fault::Down) => {
                return Err(TransportError::Unreachable("connection refused".into()));
            }
            Some(Fault::Timeout) => return Err(TransportError::Timeout),
            Some(Fault::Status(s)) => {
                return Ok(json_response(
                    *s,
                    &json!({"error": "injected", "reason": format!("injected {s}")}),
                ));
            }
            _ => {}
        }
        let mut resp = self.route(req, req.body.as_deref());
        if resp.status == LONGPOLL_TIMED_OUT {
            return Err(TransportError::Timeout);
        }
        match fault {
            Some(Fault::LostResponse) => {
                return Err(TransportError::Unreachable("connection reset".into()));
            }
            Some(Fault::TruncateResponse) => {
                let half = resp.body.len() / 2;
                resp.body.truncate(half);
            }
            _ => {}
        }
        Ok(resp)
    }

    fn authorized(&self, req: &Request) -> bool {
        let st = self.state.borrow();
        let Some((user, pw)) = &st.credentials else {
            return true;
        };
        let want = format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pw}"))
        );
        req.header("authorization") == Some(want.as_str())
    }

    fn route(&self, req: &Request, body: Option<&[u8]>) -> Response {
        if !self.authorized(req) {
            return json_response(
                401,
                &json!({"error": "unauthorized", "reason": "Name or password is incorrect."}),
            );
        }
        let (path, query) = req
            .path_and_query
            .split_once('?')
            .unwrap_or((&req.path_and_query, ""));
        let query: BTreeMap<String, String> = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (decode(k), decode(v))
            })
            .collect();
        let segs: Vec<String> = path
            .trim_start_matches('/')
            .split('/')
            .filter(|s| !s.is_empty())
            .map(decode)
            .collect();
        let body_json = match body {
            Some(b) => match serde_json::from_slice::<Value>(b) {
                Ok(v) => Some(v),
                Err(_) => {
                    return json_response(
                        400,
                        &json!({"error": "bad_request", "reason": "invalid UTF-8 JSON"}),
                    );
                }
            },
            None => None,
        };
        let seg: Vec<&str> = segs.iter().map(String::as_str).collect();
        match (req.method, seg.as_slice()) {
            (Method::Get, []) => {
                json_response(200, &json!({"couchdb": "Welcome", "version": "3.3.3-fake"}))
            }
            (Method::Put, [db]) => {
                self.create_db(db);
                json_response(201, &json!({"ok": true}))
            }
            (m, [db, rest @ ..]) => {
                let mut st = self.state.borrow_mut();
                let forbidden = st.forbidden.clone();
                let strip = st.strip_id.clone();
                let Some(dbv) = st.dbs.get_mut(*db) else {
                    return json_response(
                        404,
                        &json!({"error": "not_found", "reason": "Database does not exist."}),
                    );
                };
                let mut resp = dbv.handle(m, rest, &query, body_json, &forbidden);
                if !strip.is_empty() && matches!(rest.first(), Some(&("_bulk_get" | "_changes"))) {
                    resp = strip_ids(resp, &strip);
                }
                resp
            }
            _ => json_response(400, &json!({"error": "bad_request"})),
        }
    }
}

impl Transport for FakeCouch {
    fn request(&self, request: Request) -> TransportFuture<'_> {
        let result = self.handle(&request);
        Box::pin(async move { result })
    }
}

/// Removes `_id` from the `_bulk_get` (or `_changes`) documents of the given
/// ids.
fn strip_ids(resp: Response, ids: &BTreeSet<String>) -> Response {
    let Ok(mut v) = serde_json::from_slice::<Value>(&resp.body) else {
        return resp;
    };
    for result in v
        .get_mut("results")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        // `_bulk_get`'s `docs[].ok`, or the feed's `doc`.
        let mut docs: Vec<&mut Value> = match result.get_mut("docs").and_then(Value::as_array_mut) {
            Some(list) => list.iter_mut().filter_map(|e| e.get_mut("ok")).collect(),
            None => result.get_mut("doc").into_iter().collect(),
        };
        for doc in docs.iter_mut() {
            if let Some(doc) = doc.as_object_mut()
                && doc
                    .get("_id")
                    .and_then(Value::as_str)
                    .is_some_and(|id| ids.contains(id))
            {
                doc.remove("_id");
            }
        }
    }
    json_response(resp.status, &v)
}

/// The internal marker of a long poll that the client's timer ends.
const LONGPOLL_TIMED_OUT: u16 = 599;

fn json_response(status: u16, v: &Value) -> Response {
    Response {
        status,
        headers: vec![("content-type".into(), "application/json".into())],
        body: serde_json::to_vec(v).unwrap_or_default(),
    }
}

fn not_found(reason: &str) -> Response {
    json_response(404, &json!({"error": "not_found", "reason": reason}))
}

fn decode(s: &str) -> String {
    let hex = |b: u8| char::from(b).to_digit(16);
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The `docs` list of a `_bulk_docs` or `_bulk_get` body.
fn docs_of(body: &Value) -> impl Iterator<Item = &Value> {
    body.get("docs")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

/// Seqs are opaque strings here (`"<n>-fake"`), as on CouchDB 2+.
fn seq_value(n: u64) -> Value {
    json!(format!("{n}-g1AAAAfake"))
}

fn parse_seq(s: &str) -> u64 {
    s.split('-')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

impl Db {
    fn handle(
        &mut self,
        method: Method,
        rest: &[&str],
        query: &BTreeMap<String, String>,
        body: Option<Value>,
        forbidden: &BTreeSet<String>,
    ) -> Response {
        let q = |k: &str| query.get(k).map(String::as_str);
        match (method, rest) {
            (Method::Get, []) => json_response(
                200,
                &json!({"db_name": "fake", "doc_count": self.docs.len(), "update_seq": seq_value(self.seq)}),
            ),
            (Method::Get, ["_changes"]) => self.changes(
                q("since").unwrap_or("0"),
                q("limit"),
                q("feed"),
                q("include_docs") == Some("true"),
            ),
            (Method::Post, ["_revs_diff"]) => self.revs_diff(body.unwrap_or_default()),
            (Method::Post, ["_bulk_docs"]) => self.bulk_docs(body.unwrap_or_default(), forbidden),
            (Method::Post, ["_bulk_get"]) => {
                self.bulk_get(body.unwrap_or_default(), q("revs") == Some("true"))
            }
            (Method::Get, ["_local", id]) => match self.local.get(*id) {
                Some(doc) => json_response(200, doc),
                None => not_found("missing"),
            },
            (Method::Put, ["_local", id]) => {
                let body = body.unwrap_or_default();
                let current = self.local.get(*id).and_then(|d| d.get("_rev").cloned());
                if current.as_ref() != body.get("_rev") {
                    return json_response(
                        409,
                        &json!({"error": "conflict", "reason": "Document update conflict."}),
                    );
                }
                let n = current
                    .and_then(|r| {
                        r.as_str()
                            .and_then(|r| r.strip_prefix("0-"))
                            .and_then(|n| n.parse::<u64>().ok())
                    })
                    .unwrap_or(0)
                    + 1;
                let rev = format!("0-{n}");
                let mut doc = body;
                doc["_id"] = json!(format!("_local/{id}"));
                doc["_rev"] = json!(rev);
                self.local.insert(id.to_string(), doc);
                json_response(
                    201,
                    &json!({"ok": true, "id": format!("_local/{id}"), "rev": rev}),
                )
            }
            (Method::Get, [id]) => self.get_doc(id, q("rev"), q("conflicts") == Some("true")),
            (Method::Get, [id, att]) => self.get_attachment(id, att, q("rev")),
            _ => json_response(405, &json!({"error": "method_not_allowed"})),
        }
    }

    fn changes(
        &self,
        since: &str,
        limit: Option<&str>,
        feed: Option<&str>,
        include_docs: bool,
    ) -> Response {
        let since = parse_seq(since);
        let limit: usize = limit.and_then(|l| l.parse().ok()).unwrap_or(usize::MAX);
        let mut docs: Vec<(&String, &DocTree)> =
            self.docs.iter().filter(|(_, t)| t.seq > since).collect();
        docs.sort_by_key(|(_, t)| t.seq);
        let results: Vec<Value> = docs
            .into_iter()
            .take(limit)
            .map(|(id, tree)| {
                let mut leaves = tree.leaves();
                leaves.sort_by(|a, b| leaf_order((b.0, b.1.deleted), (a.0, a.1.deleted)));
                let mut entry = json!({
                    "seq": seq_value(tree.seq),
                    "id": id,
                    "changes": leaves.iter().map(|(r, _)| json!({"rev": r.to_string()})).collect::<Vec<_>>(),
                });
                if tree.winner().is_some_and(|(_, n)| n.deleted) {
                    entry["deleted"] = json!(true);
                }
                // The winning revision, without `_revisions` (as CouchDB).
                if include_docs
                    && let Some(doc) = tree
                        .winner()
                        .and_then(|(rev, _)| self.doc_json(id, rev, false, false))
                {
                    entry["doc"] = doc;
                }
                entry
            })
            .collect();
        if results.is_empty() && feed == Some("longpoll") {
            // Nothing to wait for in a test: the client's own timer would
            // end the wait.
            return Response {
                status: LONGPOLL_TIMED_OUT,
                headers: vec![],
                body: Vec::new(),
            };
        }
        let last = results
            .last()
            .and_then(|r| r.get("seq").cloned())
            .unwrap_or_else(|| seq_value(self.seq.max(since)));
        json_response(
            200,
            &json!({"results": results, "last_seq": last, "pending": 0}),
        )
    }

    fn revs_diff(&self, body: Value) -> Response {
        let mut out = Map::new();
        for (id, revs) in body.as_object().into_iter().flatten() {
            let missing: Vec<Value> = revs
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .filter(|r| {
                    let have = Rev::parse(r)
                        .and_then(|r| self.docs.get(id).map(|t| t.nodes.contains_key(&r)));
                    have != Some(true)
                })
                .map(|r| json!(r))
                .collect();
            if !missing.is_empty() {
                out.insert(id.clone(), json!({ "missing": missing }));
            }
        }
        json_response(200, &Value::Object(out))
    }

    fn bulk_docs(&mut self, body: Value, forbidden: &BTreeSet<String>) -> Response {
        if body.get("new_edits") != Some(&json!(false)) {
            return json_response(
                400,
                &json!({"error": "bad_request", "reason": "only new_edits=false here"}),
            );
        }
        let mut out = Vec::new();
        for doc in docs_of(&body) {
            let id = doc
                .get("_id")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            if forbidden.contains(&id) {
                out.push(json!({"id": id, "error": "forbidden", "reason": "only admins may change this claim"}));
                continue;
            }
            let Some(rev) = doc.get("_rev").and_then(Rev::from_json) else {
                out.push(json!({"id": id, "error": "bad_request", "reason": "invalid _rev"}));
                continue;
            };
            let ids: Vec<String> = doc
                .pointer("/_revisions/ids")
                .and_then(|ids| serde_json::from_value(ids.clone()).ok())
                .unwrap_or_else(|| vec![rev.hash.clone()]);
            let mut body = Map::new();
            let mut attachments = BTreeMap::new();
            for (k, v) in doc.as_object().into_iter().flatten() {
                if k == "_attachments" {
                    for (name, att) in v.as_object().into_iter().flatten() {
                        let data = att
                            .get("data")
                            .and_then(Value::as_str)
                            .and_then(|d| base64::engine::general_purpose::STANDARD.decode(d).ok())
                            .unwrap_or_default();
                        attachments.insert(
                            name.clone(),
                            Attachment {
                                content_type: att
                                    .get("content_type")
                                    .and_then(Value::as_str)
                                    .unwrap_or("")
                                    .into(),
                                digest: attachment_digest(&data),
                                data: Rc::new(data),
                            },
                        );
                    }
                } else if !k.starts_with('_') {
                    body.insert(k.clone(), v.clone());
                }
            }
            let deleted = doc.get("_deleted") == Some(&json!(true));
            self.seq += 1;
            let tree = self.docs.entry(id).or_default();
            // Insert the path, oldest first.
            let mut parent: Option<Rev> = None;
            for (i, hash) in ids.iter().enumerate().rev() {
                let r = Rev {
                    pos: rev.pos - i as u64,
                    hash: hash.clone(),
                };
                let newest = i == 0;
                tree.nodes.entry(r.clone()).or_insert_with(|| Node {
                    parent: parent.clone(),
                    deleted: newest && deleted,
                    body: newest.then(|| body.clone()),
                    attachments: if newest {
                        attachments.clone()
                    } else {
                        BTreeMap::new()
                    },
                });
                parent = Some(r);
            }
            tree.seq = self.seq;
        }
        json_response(201, &Value::Array(out))
    }

    fn doc_json(&self, id: &str, rev: &Rev, revs: bool, conflicts: bool) -> Option<Value> {
        let tree = self.docs.get(id)?;
        let node = tree.nodes.get(rev)?;
        let mut doc = Value::Object(node.body.clone()?);
        doc["_id"] = json!(id);
        doc["_rev"] = json!(rev.to_string());
        if node.deleted {
            doc["_deleted"] = json!(true);
        }
        if revs {
            doc["_revisions"] = json!({"start": rev.pos, "ids": tree.ancestry(rev)});
        }
        if !node.attachments.is_empty() {
            let mut atts = Map::new();
            for (name, a) in &node.attachments {
                atts.insert(
                    name.clone(),
                    json!({"content_type": a.content_type, "digest": a.digest, "length": a.data.len(), "revpos": rev.pos, "stub": true}),
                );
            }
            doc["_attachments"] = Value::Object(atts);
        }
        if conflicts {
            let winner = tree.winner().map(|(r, _)| r.clone());
            let c: Vec<String> = tree
                .leaves()
                .into_iter()
                .filter(|(r, n)| !n.deleted && Some(*r) != winner.as_ref())
                .map(|(r, _)| r.to_string())
                .collect();
            if !c.is_empty() {
                doc["_conflicts"] = json!(c);
            }
        }
        Some(doc)
    }

    fn bulk_get(&self, body: Value, revs: bool) -> Response {
        let mut results = Vec::new();
        for want in docs_of(&body) {
            let id = want.get("id").and_then(Value::as_str).unwrap_or_default();
            let rev = want.get("rev").and_then(Rev::from_json);
            let tree = self.docs.get(id);
            let docs: Vec<Value> = match (tree, rev) {
                (Some(tree), Some(rev)) if tree.nodes.contains_key(&rev) => tree
                    .latest(&rev)
                    .iter()
                    .map(|r| match self.doc_json(id, r, revs, false) {
                        Some(d) => json!({ "ok": d }),
                        None => json!({"error": {"id": id, "rev": r.to_string(), "error": "not_found", "reason": "missing"}}),
                    })
                    .collect(),
                _ => vec![json!({"error": {"id": id, "rev": want.get("rev"), "error": "not_found", "reason": "missing"}})],
            };
            results.push(json!({"id": id, "docs": docs}));
        }
        json_response(200, &json!({ "results": results }))
    }

    fn get_doc(&self, id: &str, rev: Option<&str>, conflicts: bool) -> Response {
        let Some(tree) = self.docs.get(id) else {
            return not_found("missing");
        };
        let rev = match rev {
            Some(r) => match Rev::parse(r) {
                Some(r) => r,
                None => {
                    return json_response(
                        400,
                        &json!({"error": "bad_request", "reason": "invalid rev"}),
                    );
                }
            },
            None => match tree.winner() {
                Some((r, n)) if !n.deleted => r.clone(),
                _ => return not_found("deleted"),
            },
        };
        match self.doc_json(id, &rev, false, conflicts) {
            Some(doc) => json_response(200, &doc),
            None => not_found("missing"),
        }
    }

    fn get_attachment(&self, id: &str, name: &str, rev: Option<&str>) -> Response {
        let tree = self.docs.get(id);
        let rev = rev
            .and_then(Rev::parse)
            .or_else(|| tree.and_then(|t| t.winner().map(|(r, _)| r.clone())));
        let att = tree
            .zip(rev)
            .and_then(|(t, r)| t.nodes.get(&r))
            .and_then(|n| n.attachments.get(name));
        match att {
            Some(a) => Response {
                status: 200,
                headers: vec![("content-type".into(), a.content_type.clone())],
                body: a.data.as_ref().clone(),
            },
            None => not_found("missing"),
        }
    }
}
