//! The HTTP edge: the replicator speaks to the server only through
//! [`Transport`]. Phase 2 implements it over the browser's `fetch` (with an
//! `AbortController` timer for the timeout); the native tests implement it
//! over an in-memory CouchDB and over a blocking HTTP client.
//!
//! ```
//! use std::time::Duration;
//! use cpor_desk::sync::transport::{Method, Request, Response, Transport, TransportFuture};
//!
//! /// A server that is always busy.
//! struct Busy;
//! impl Transport for Busy {
//!     fn request(&self, _request: Request) -> TransportFuture<'_> {
//!         Box::pin(async { Ok(Response { status: 503, headers: vec![], body: b"{}".to_vec() }) })
//!     }
//! }
//!
//! let req = Request::new(Method::Get, "/", Duration::from_secs(5));
//! let resp = cpor_desk::storage::block_on(Busy.request(req)).unwrap();
//! assert_eq!(resp.status, 503);
//! ```

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use super::error::TransportError;

/// The HTTP methods the replicator uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }
}

/// One HTTP request. `path_and_query` starts with `/` and is relative to
/// the server's base address (which the transport knows), e.g.
/// `/cpor-org/_changes?since=0`; path segments are already percent-encoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub method: Method,
    pub path_and_query: String,
    /// Header names in lowercase (`authorization`, `content-type`, `accept`).
    pub headers: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
    /// The transport gives up after this long and answers
    /// [`TransportError::Timeout`] (pouchdb-server ignores `timeout` on a
    /// long poll, so the client must abort by its own timer).
    pub timeout: Duration,
}

impl Request {
    pub fn new(method: Method, path_and_query: impl Into<String>, timeout: Duration) -> Request {
        Request {
            method,
            path_and_query: path_and_query.into(),
            headers: Vec::new(),
            body: None,
            timeout,
        }
    }

    /// The value of a header (name compared case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

/// An HTTP answer (any status: error statuses are answers, not transport
/// errors).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// A boxed, non-`Send` future (browser futures are single-threaded).
pub type TransportFuture<'a> = Pin<Box<dyn Future<Output = Result<Response, TransportError>> + 'a>>;

/// Sends one request and returns the whole answer. No cookies: credentials
/// travel in the `authorization` header the replicator adds. Object-safe:
/// the replicator holds a `&dyn Transport`.
pub trait Transport {
    fn request(&self, request: Request) -> TransportFuture<'_>;
}

/// How the replicator signs in: HTTP Basic (tests, pouchdb-server) or a
/// Bearer token (a JWT on CouchDB 3).
#[derive(Clone, PartialEq, Eq, Default)]
pub enum Auth {
    #[default]
    None,
    Basic {
        user: String,
        password: String,
    },
    Bearer(String),
}

impl std::fmt::Debug for Auth {
    // Never print secrets.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Auth::None => f.write_str("None"),
            Auth::Basic { user, .. } => write!(f, "Basic({user}, ***)"),
            Auth::Bearer(_) => f.write_str("Bearer(***)"),
        }
    }
}

impl Auth {
    /// The `authorization` header value, if any.
    ///
    /// ```
    /// use cpor_desk::sync::transport::Auth;
    /// let a = Auth::Basic { user: "ada".into(), password: "pw".into() };
    /// assert_eq!(a.header().unwrap(), "Basic YWRhOnB3");
    /// assert_eq!(Auth::Bearer("t".into()).header().unwrap(), "Bearer t");
    /// assert!(Auth::None.header().is_none());
    /// ```
    pub fn header(&self) -> Option<String> {
        use base64::Engine;
        match self {
            Auth::None => None,
            Auth::Basic { user, password } => Some(format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
            )),
            Auth::Bearer(token) => Some(format!("Bearer {token}")),
        }
    }
}

/// Percent-encodes one path segment or query value (everything but
/// unreserved characters), as `encodeURIComponent` does.
///
/// ```
/// assert_eq!(cpor_desk::sync::transport::encode_component("claim:a b/é"), "claim%3Aa%20b%2F%C3%A9");
/// ```
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b >> 4)]));
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b & 15)]));
        }
    }
    out
}
