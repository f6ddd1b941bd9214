//! The CouchDB endpoints the replicator uses, over a [`Transport`]: request
//! building (auth header, JSON bodies, encoded paths) and the mapping of
//! answers to [`SyncError`]s. Kept small and untyped (JSON values pass
//! through) so little code ships in the wasm.

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::{Value, json};

use super::SyncError;
use super::rev::Rev;
use super::transport::{Method, Request, Response, Transport, encode_component};

/// The longest server error reason kept in an error.
const MAX_REASON: usize = 300;

#[derive(Clone)]
pub(crate) struct Couch<'a> {
    transport: &'a dyn Transport,
    auth: Option<String>,
    db: String,
    db_path: String,
    pub(crate) timeout: Duration,
    pub(crate) transfer_timeout: Duration,
}

impl<'a> Couch<'a> {
    pub(crate) fn new(
        transport: &'a dyn Transport,
        db: &str,
        auth: Option<String>,
        timeout: Duration,
        transfer_timeout: Duration,
    ) -> Couch<'a> {
        Couch {
            transport,
            auth,
            db: db.to_string(),
            db_path: format!("/{}", encode_component(db)),
            timeout,
            transfer_timeout,
        }
    }

    /// The path of a document (`_local/…` keeps its slash).
    fn doc_path(&self, id: &str) -> String {
        match id.strip_prefix("_local/") {
            Some(rest) => format!("{}/_local/{}", self.db_path, encode_component(rest)),
            None => format!("{}/{}", self.db_path, encode_component(id)),
        }
    }

    async fn send(
        &self,
        method: Method,
        path: String,
        body: Option<Vec<u8>>,
        timeout: Duration,
    ) -> Result<Response, SyncError> {
        let mut req = Request::new(method, path, timeout);
        req.headers
            .push(("accept".into(), "application/json".into()));
        if body.is_some() {
            req.headers
                .push(("content-type".into(), "application/json".into()));
        }
        if let Some(auth) = &self.auth {
            req.headers.push(("authorization".into(), auth.clone()));
        }
        req.body = body;
        Ok(self.transport.request(req).await?)
    }

    /// The JSON answer; `None` for a 404.
    async fn json_opt(
        &self,
        method: Method,
        path: String,
        body: Option<&Value>,
        timeout: Duration,
    ) -> Result<Option<Value>, SyncError> {
        let body = body.map(|b| serde_json::to_vec(b).unwrap_or_default());
        let resp = self.send(method, path, body, timeout).await?;
        match resp.status {
            200..=299 => parse(&resp.body).map(Some),
            404 => Ok(None),
            status => Err(status_error(status, &resp.body)),
        }
    }

    /// The JSON answer of a database-level request (404: the database is
    /// missing).
    async fn json(
        &self,
        method: Method,
        path: String,
        body: Option<&Value>,
    ) -> Result<Value, SyncError> {
        self.json_opt(method, path, body, self.timeout)
            .await?
            .ok_or_else(|| SyncError::DatabaseMissing(self.db.clone()))
    }

    /// `GET /`: CouchDB answers `{"couchdb": "Welcome", …}`, pouchdb-server
    /// `{"express-pouchdb": "Welcome!", …}`; anything else is not CouchDB.
    pub(crate) async fn welcome(&self) -> Result<(), SyncError> {
        let resp = self
            .send(Method::Get, "/".into(), None, self.timeout)
            .await?;
        match resp.status {
            200..=299 => {}
            401 | 403 | 500..=599 => return Err(status_error(resp.status, &resp.body)),
            _ => return Err(SyncError::NotCouchDb),
        }
        let v: Value = serde_json::from_slice(&resp.body).map_err(|_| SyncError::NotCouchDb)?;
        if v.get("couchdb").is_some() || v.get("express-pouchdb").is_some() {
            Ok(())
        } else {
            Err(SyncError::NotCouchDb)
        }
    }

    /// `GET /db`.
    pub(crate) async fn db_info(&self) -> Result<Value, SyncError> {
        self.json(Method::Get, self.db_path.clone(), None).await
    }

    /// `GET /db/_changes?style=all_docs&since=…&limit=…` (and
    /// `feed=longpoll` with a timeout; with `docs`, `include_docs=true`:
    /// each result carries its winning revision as `doc`, without
    /// `_revisions`): the results and `last_seq`.
    pub(crate) async fn changes(
        &self,
        since: &Value,
        limit: usize,
        longpoll: Option<Duration>,
        docs: bool,
    ) -> Result<(Vec<Value>, Value), SyncError> {
        let since = match since {
            Value::String(s) => encode_component(s),
            Value::Number(n) => n.to_string(),
            Value::Null => "0".to_string(),
            other => return Err(SyncError::Protocol(format!("unusable seq {other}"))),
        };
        let mut path = format!(
            "{}/_changes?style=all_docs&since={since}&limit={limit}",
            self.db_path
        );
        if docs {
            path.push_str("&include_docs=true");
        }
        let timeout = match longpoll {
            // CouchDB answers empty after `timeout`; pouchdb-server ignores
            // it, so the transport's own timer ends the request.
            Some(t) => {
                path.push_str(&format!("&feed=longpoll&timeout={}", t.as_millis() * 3 / 4));
                t
            }
            None => self.timeout,
        };
        let v = self
            .json_opt(Method::Get, path, None, timeout)
            .await?
            .ok_or_else(|| SyncError::DatabaseMissing(self.db.clone()))?;
        let Value::Object(mut map) = v else {
            return Err(SyncError::Protocol(
                "_changes did not answer an object".into(),
            ));
        };
        let results = match map.remove("results") {
            Some(Value::Array(r)) => r,
            _ => return Err(SyncError::Protocol("_changes has no results list".into())),
        };
        let last_seq = map
            .remove("last_seq")
            .filter(|s| s.is_string() || s.is_number())
            .ok_or_else(|| SyncError::Protocol("_changes has no last_seq".into()))?;
        Ok((results, last_seq))
    }

    /// `POST /db/_revs_diff`: the revisions the server lacks, per id.
    pub(crate) async fn revs_diff(
        &self,
        revs: &BTreeMap<String, Vec<String>>,
    ) -> Result<BTreeMap<String, Vec<String>>, SyncError> {
        if revs.is_empty() {
            return Ok(BTreeMap::new());
        }
        let body = serde_json::to_value(revs).unwrap_or_default();
        let v = self
            .json(
                Method::Post,
                format!("{}/_revs_diff", self.db_path),
                Some(&body),
            )
            .await?;
        let map = v
            .as_object()
            .ok_or_else(|| SyncError::Protocol("_revs_diff did not answer an object".into()))?;
        let mut out = BTreeMap::new();
        for (id, entry) in map {
            let missing = entry
                .get("missing")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default();
            out.insert(id.clone(), missing);
        }
        Ok(out)
    }

    /// `POST /db/_bulk_get?revs=true&latest=true`: the documents found, by
    /// the id asked for (revisions the server lacks are left out).
    pub(crate) async fn bulk_get(
        &self,
        wanted: &[(String, Rev)],
    ) -> Result<BTreeMap<String, Vec<Value>>, SyncError> {
        let mut out: BTreeMap<String, Vec<Value>> = BTreeMap::new();
        if wanted.is_empty() {
            return Ok(out);
        }
        let docs: Vec<Value> = wanted
            .iter()
            .map(|(id, rev)| json!({"id": id, "rev": rev.to_string()}))
            .collect();
        let v = self
            .json(
                Method::Post,
                format!("{}/_bulk_get?revs=true&latest=true", self.db_path),
                Some(&json!({ "docs": docs })),
            )
            .await?;
        let results = v
            .get("results")
            .and_then(Value::as_array)
            .ok_or_else(|| SyncError::Protocol("_bulk_get has no results list".into()))?;
        for result in results {
            let Some(id) = result.get("id").and_then(Value::as_str) else {
                continue;
            };
            for entry in result
                .get("docs")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(doc) = entry.get("ok") {
                    out.entry(id.to_string()).or_default().push(doc.clone());
                }
            }
        }
        Ok(out)
    }

    /// `POST /db/_bulk_docs` with `new_edits: false`: the per-document
    /// errors (id → reason). Success lists nothing (CouchDB) or `ok`
    /// entries (older servers).
    pub(crate) async fn bulk_docs(
        &self,
        docs: Vec<Value>,
        timeout: Duration,
    ) -> Result<BTreeMap<String, String>, SyncError> {
        let body = json!({"new_edits": false, "docs": docs});
        let v = self
            .json_opt(
                Method::Post,
                format!("{}/_bulk_docs", self.db_path),
                Some(&body),
                timeout,
            )
            .await?
            .ok_or_else(|| SyncError::DatabaseMissing(self.db.clone()))?;
        let items = v
            .as_array()
            .ok_or_else(|| SyncError::Protocol("_bulk_docs did not answer a list".into()))?;
        let mut errors = BTreeMap::new();
        for item in items {
            let (Some(id), Some(error)) = (
                item.get("id").and_then(Value::as_str),
                item.get("error").and_then(Value::as_str),
            ) else {
                continue;
            };
            let reason = item.get("reason").and_then(Value::as_str).unwrap_or(error);
            errors.insert(id.to_string(), clip(reason));
        }
        Ok(errors)
    }

    /// `GET /db/<id>?<query>`; `None` when missing.
    pub(crate) async fn get_doc(&self, id: &str, query: &str) -> Result<Option<Value>, SyncError> {
        let mut path = self.doc_path(id);
        if !query.is_empty() {
            path.push('?');
            path.push_str(query);
        }
        self.json_opt(Method::Get, path, None, self.timeout).await
    }

    /// `PUT /db/<id>` (used for `_local` documents): the answer.
    pub(crate) async fn put_doc(&self, id: &str, body: &Value) -> Result<Value, SyncError> {
        self.json(Method::Put, self.doc_path(id), Some(body)).await
    }

    /// `GET /db/<id>/<attachment>?rev=<rev>`: the bytes, `None` when missing.
    pub(crate) async fn get_attachment(
        &self,
        id: &str,
        name: &str,
        rev: &Rev,
    ) -> Result<Option<Vec<u8>>, SyncError> {
        let path = format!(
            "{}/{}?rev={}",
            self.doc_path(id),
            encode_component(name),
            encode_component(&rev.to_string())
        );
        let resp = self
            .send(Method::Get, path, None, self.transfer_timeout)
            .await?;
        match resp.status {
            200..=299 => Ok(Some(resp.body)),
            404 => Ok(None),
            status => Err(status_error(status, &resp.body)),
        }
    }
}

fn parse(body: &[u8]) -> Result<Value, SyncError> {
    let _span = super::trace::span("sync:parse");
    serde_json::from_slice(body)
        .map_err(|e| SyncError::Protocol(format!("the answer is not JSON ({e})")))
}

fn clip(text: &str) -> String {
    let mut end = text.len().min(MAX_REASON);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_string()
}

/// The error of an HTTP error status, with CouchDB's `reason` when given.
pub(crate) fn status_error(status: u16, body: &[u8]) -> SyncError {
    let v: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let text = |k: &str| v.get(k).and_then(Value::as_str).map(clip);
    let reason = text("reason")
        .or_else(|| text("error"))
        .unwrap_or_else(|| format!("HTTP {status}"));
    match status {
        401 => SyncError::Unauthorized,
        403 => SyncError::Forbidden(reason),
        _ => SyncError::Server { status, reason },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_errors() {
        assert_eq!(status_error(401, b"{}"), SyncError::Unauthorized);
        assert_eq!(
            status_error(
                403,
                br#"{"error":"forbidden","reason":"viewers cannot write"}"#
            ),
            SyncError::Forbidden("viewers cannot write".into())
        );
        assert_eq!(
            status_error(503, b"<html>busy</html>"),
            SyncError::Server {
                status: 503,
                reason: "HTTP 503".into()
            }
        );
        let long = format!(r#"{{"reason":"{}"}}"#, "é".repeat(1000));
        let SyncError::Server { reason, .. } = status_error(500, long.as_bytes()) else {
            panic!()
        };
        assert!(reason.len() <= MAX_REASON);
    }
}
