//! The one error type of the sync layer.

use crate::storage::StorageError;

/// Why a transport could not deliver a request or its answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransportError {
    /// No connection (offline, DNS, refused, reset before an answer).
    #[error("the server cannot be reached: {0}")]
    Unreachable(String),
    /// No complete answer within the request's timeout (the transport
    /// aborts by its own timer).
    #[error("the server did not answer in time")]
    Timeout,
}

/// Errors of team sync. Each has a stable [`SyncError::code`] for messages,
/// and [`SyncError::is_retryable`] says whether trying again later can help
/// (a wrong password or a missing database does not get better by itself,
/// so the replicator stops instead of looping).
///
/// ```
/// use cpor_desk::sync::SyncError;
/// let e = SyncError::Unauthorized;
/// assert_eq!(e.code(), "sync.unauthorized");
/// assert!(!e.is_retryable());
/// assert!(SyncError::Timeout.is_retryable());
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SyncError {
    /// The network failed (offline, refused, reset).
    #[error("the sync server cannot be reached: {0}")]
    Unreachable(String),
    /// 401: no or wrong credentials.
    #[error("the sync server refused the sign-in (wrong user name, password or token)")]
    Unauthorized,
    /// 403: signed in, but not allowed.
    #[error("the sync server does not allow this account to do that: {0}")]
    Forbidden(String),
    /// `GET /` did not answer with CouchDB's welcome.
    #[error("the address is not a CouchDB server")]
    NotCouchDb,
    /// 404 on the database.
    #[error("the database {0} does not exist on the sync server")]
    DatabaseMissing(String),
    /// Any other HTTP error status.
    #[error("the sync server answered {status}: {reason}")]
    Server { status: u16, reason: String },
    /// An answer of the wrong shape (not JSON, missing fields, a truncated
    /// body, an attachment whose digest does not match).
    #[error("the sync server sent an unexpected answer: {0}")]
    Protocol(String),
    /// No answer in time.
    #[error("the sync server did not answer in time")]
    Timeout,
    /// One document was refused by the server (e.g. `forbidden` from a
    /// validation function); recorded per document, not retried until the
    /// document changes again or the user asks.
    #[error("refused by the server: {reason}")]
    Refused { id: String, reason: String },
    /// The sync settings are not usable (e.g. an invalid database name).
    #[error("the sync settings are not valid: {0}")]
    Config(String),
    /// This browser's storage failed.
    #[error("{0}")]
    Local(#[from] StorageError),
}

impl SyncError {
    /// A stable code for messages and logs, e.g. `sync.unauthorized`.
    pub fn code(&self) -> &'static str {
        match self {
            SyncError::Unreachable(_) => "sync.unreachable",
            SyncError::Unauthorized => "sync.unauthorized",
            SyncError::Forbidden(_) => "sync.forbidden",
            SyncError::NotCouchDb => "sync.not_couchdb",
            SyncError::DatabaseMissing(_) => "sync.database_missing",
            SyncError::Server { .. } => "sync.server",
            SyncError::Protocol(_) => "sync.protocol",
            SyncError::Timeout => "sync.timeout",
            SyncError::Refused { .. } => "sync.refused",
            SyncError::Config(_) => "sync.config",
            SyncError::Local(_) => "sync.local",
        }
    }

    /// Whether a later retry may succeed without the user changing anything:
    /// network failures, timeouts, 5xx and 429 answers, garbled answers, and
    /// local storage failures (e.g. a tab saving the same claim at that
    /// moment). Not: 401, 403, a missing database, not CouchDB, settings,
    /// refused documents.
    pub fn is_retryable(&self) -> bool {
        match self {
            SyncError::Unreachable(_)
            | SyncError::Timeout
            | SyncError::Protocol(_)
            | SyncError::Local(_) => true,
            SyncError::Server { status, .. } => *status >= 500 || *status == 429,
            SyncError::Unauthorized
            | SyncError::Forbidden(_)
            | SyncError::NotCouchDb
            | SyncError::DatabaseMissing(_)
            | SyncError::Refused { .. }
            | SyncError::Config(_) => false,
        }
    }
}

impl From<TransportError> for SyncError {
    fn from(e: TransportError) -> Self {
        match e {
            TransportError::Unreachable(m) => SyncError::Unreachable(m),
            TransportError::Timeout => SyncError::Timeout,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_and_distinct() {
        let all = [
            SyncError::Unreachable("x".into()),
            SyncError::Unauthorized,
            SyncError::Forbidden("x".into()),
            SyncError::NotCouchDb,
            SyncError::DatabaseMissing("d".into()),
            SyncError::Server {
                status: 500,
                reason: "x".into(),
            },
            SyncError::Protocol("x".into()),
            SyncError::Timeout,
            SyncError::Refused {
                id: "i".into(),
                reason: "r".into(),
            },
            SyncError::Config("x".into()),
            SyncError::Local(StorageError::Backend("x".into())),
        ];
        let mut codes: Vec<&str> = all.iter().map(SyncError::code).collect();
        assert!(codes.iter().all(|c| c.starts_with("sync.")));
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
        let retryable: Vec<bool> = all.iter().map(SyncError::is_retryable).collect();
        assert_eq!(
            retryable,
            [
                true, false, false, false, false, true, true, true, false, false, true
            ]
        );
        assert!(
            !SyncError::Server {
                status: 400,
                reason: String::new()
            }
            .is_retryable()
        );
        assert_eq!(
            SyncError::Refused {
                id: "claim:1".into(),
                reason: "no".into()
            }
            .to_string(),
            "refused by the server: no"
        );
        assert_eq!(SyncError::from(TransportError::Timeout), SyncError::Timeout);
    }
}
