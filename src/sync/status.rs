//! What the sync worker tells the tabs ([`SyncStatus`], JSON on the
//! `BroadcastChannel` [`STATUS_CHANNEL`]), what the header shows for it
//! ([`indicator`]), and the retry schedule ([`Backoff`]). Pure.
//!
//! ```
//! use cpor_desk::sync::status::{Indicator, Phase, SyncStatus, indicator};
//!
//! let mut s = SyncStatus { phase: Phase::UpToDate, ..SyncStatus::default() };
//! assert_eq!(indicator(&s), Indicator::UpToDate);
//! s.unsent = vec!["c1".into(), "c2".into()];
//! assert_eq!(indicator(&s), Indicator::Unsent(2));
//! s.phase = Phase::Offline;
//! assert_eq!(indicator(&s), Indicator::Offline { unsent: 2 });
//! ```

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{SyncError, json};
use serde_json::Value;

/// The `BroadcastChannel` of the sync status (worker → tabs) and of the
/// tabs' requests to the worker (`{"op": "wake"}`, `{"op": "status?"}`).
pub const STATUS_CHANNEL: &str = "cpor-desk-sync";

/// Where the replicator is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Phase {
    /// Sync is switched off (or not set up) for this organisation.
    #[default]
    Off,
    /// Switched on, the worker is starting.
    Starting,
    /// A round (pull and push) is running.
    Syncing,
    /// The last round succeeded; waiting for changes.
    UpToDate,
    /// The server cannot be reached (or timed out): retrying by itself.
    Offline,
    /// The last round failed; see [`SyncStatus::error`]. Retried by itself
    /// when [`StatusError::retryable`], otherwise stopped until the user
    /// acts.
    Error,
}

/// A sync error as the tabs show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusError {
    /// [`SyncError::code`] (`sync.unauthorized`, …), the key of the message.
    pub code: String,
    /// The error's own text (server reasons, names), shown after the message.
    pub detail: String,
    pub retryable: bool,
}

impl StatusError {
    pub fn from_error(e: &SyncError) -> StatusError {
        let detail = match e {
            SyncError::Unreachable(d)
            | SyncError::Forbidden(d)
            | SyncError::DatabaseMissing(d)
            | SyncError::Protocol(d)
            | SyncError::Config(d) => d.clone(),
            SyncError::Server { status, reason } => format!("{status} {reason}"),
            SyncError::Refused { id, reason } => format!("{id}: {reason}"),
            SyncError::Local(e) => e.to_string(),
            SyncError::Unauthorized | SyncError::NotCouchDb | SyncError::Timeout => String::new(),
        };
        StatusError {
            code: e.code().to_string(),
            detail,
            retryable: e.is_retryable(),
        }
    }
}

/// A document the server refused (not sent again until it changes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Refusal {
    /// The document id (`claim:…`, `file:…`).
    pub doc_id: String,
    pub reason: String,
}

/// The worker's state, sent to every tab after each change of it. Read by
/// hand in the page (`TryFrom<Value>`, see [`super::json`]): a missing key
/// takes its default, so the tabs' requests on the same channel
/// (`{"op": …}`) read as a default status.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", try_from = "Value")]
pub struct SyncStatus {
    /// The organisation the worker syncs.
    pub org: String,
    pub phase: Phase,
    pub error: Option<StatusError>,
    /// Claims changed here and not on the server yet (ids).
    pub unsent: Vec<String>,
    /// Claims with a conflict waiting for the user (ids).
    pub conflicts: Vec<String>,
    pub refused: Vec<Refusal>,
    /// When the next retry starts (after an error), in milliseconds.
    pub retry_in_ms: Option<u64>,
    /// Claims pulled in the current round so far (for "syncing 120").
    pub pulled: usize,
}

impl TryFrom<Value> for SyncStatus {
    type Error = String;

    fn try_from(v: Value) -> Result<SyncStatus, String> {
        let m = json::object(v, "sync status")?;
        let phase = match json::string(&m, "phase")?.as_deref() {
            None | Some("off") => Phase::Off,
            Some("starting") => Phase::Starting,
            Some("syncing") => Phase::Syncing,
            Some("upToDate") => Phase::UpToDate,
            Some("offline") => Phase::Offline,
            Some("error") => Phase::Error,
            Some(other) => return Err(format!("phase: {other}")),
        };
        let error = match json::take(&m, "error") {
            None => None,
            Some(e) => {
                let e = json::object(e, "error")?;
                Some(StatusError {
                    code: json::string(&e, "code")?.ok_or("code missing")?,
                    detail: json::string(&e, "detail")?.ok_or("detail missing")?,
                    retryable: json::boolean(&e, "retryable")?.ok_or("retryable missing")?,
                })
            }
        };
        let refused = match json::take(&m, "refused") {
            None => Vec::new(),
            Some(Value::Array(items)) => items
                .into_iter()
                .map(|r| {
                    let r = json::object(r, "refused")?;
                    Ok(Refusal {
                        doc_id: json::string(&r, "docId")?.ok_or("docId missing")?,
                        reason: json::string(&r, "reason")?.ok_or("reason missing")?,
                    })
                })
                .collect::<Result<_, String>>()?,
            Some(_) => return Err("refused: wrong type".into()),
        };
        Ok(SyncStatus {
            org: json::string(&m, "org")?.unwrap_or_default(),
            phase,
            error,
            unsent: json::strings(&m, "unsent")?,
            conflicts: json::strings(&m, "conflicts")?,
            refused,
            retry_in_ms: json::number(&m, "retryInMs")?,
            pulled: json::number(&m, "pulled")?.unwrap_or_default() as usize,
        })
    }
}

/// What the header's sync indicator says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Indicator {
    /// Sync is off: nothing is shown.
    Hidden,
    Starting,
    Syncing,
    UpToDate,
    /// Changes wait to be sent (e.g. between rounds, or refused by the server).
    Unsent(usize),
    Offline {
        unsent: usize,
    },
    /// An error with its code; `stopped` when the user must act.
    Error {
        code: String,
        detail: String,
        stopped: bool,
        unsent: usize,
    },
}

/// The indicator for a status: an error first, then offline, syncing,
/// changes not sent yet, up to date.
pub fn indicator(s: &SyncStatus) -> Indicator {
    let unsent = s.unsent.len();
    match s.phase {
        Phase::Off => Indicator::Hidden,
        Phase::Starting => Indicator::Starting,
        Phase::Offline => Indicator::Offline { unsent },
        Phase::Error => match &s.error {
            Some(e) => Indicator::Error {
                code: e.code.clone(),
                detail: e.detail.clone(),
                stopped: !e.retryable,
                unsent,
            },
            None => Indicator::Offline { unsent },
        },
        Phase::Syncing => Indicator::Syncing,
        Phase::UpToDate if unsent > 0 => Indicator::Unsent(unsent),
        Phase::UpToDate => Indicator::UpToDate,
    }
}

/// The phase after a failed round: offline for network failures and
/// timeouts, an error otherwise.
pub fn failed_phase(e: &SyncError) -> Phase {
    match e {
        SyncError::Unreachable(_) | SyncError::Timeout => Phase::Offline,
        _ => Phase::Error,
    }
}

/// Retry delays after failed rounds: 1 s, 2 s, 4 s … at most 60 s, each
/// with jitter (between half and all of it), so many browsers coming back
/// at once do not hit the server together.
///
/// ```
/// use std::time::Duration;
/// use cpor_desk::sync::status::Backoff;
/// let mut b = Backoff::default();
/// assert_eq!(b.next(1.0), Duration::from_secs(1));
/// assert_eq!(b.next(1.0), Duration::from_secs(2));
/// assert_eq!(b.next(0.0), Duration::from_secs(2)); // half of 4 s
/// b.reset();
/// assert_eq!(b.next(1.0), Duration::from_secs(1));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Backoff {
    failures: u32,
}

impl Backoff {
    pub const FIRST: Duration = Duration::from_secs(1);
    pub const MAX: Duration = Duration::from_secs(60);

    /// The delay before the next retry; `random` in `[0, 1]` picks the
    /// jitter.
    pub fn next(&mut self, random: f64) -> Duration {
        let full = Self::FIRST
            .saturating_mul(1u32 << self.failures.min(16))
            .min(Self::MAX);
        self.failures = self.failures.saturating_add(1);
        let share = 0.5 + random.clamp(0.0, 1.0) / 2.0;
        Duration::from_millis((full.as_millis() as f64 * share) as u64)
    }

    pub fn reset(&mut self) {
        self.failures = 0;
    }

    pub fn failures(&self) -> u32 {
        self.failures
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_a_minute_with_jitter() {
        let mut b = Backoff::default();
        let full: Vec<u64> = (0..9).map(|_| b.next(1.0).as_secs()).collect();
        assert_eq!(full, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
        for _ in 0..100 {
            b.next(0.3);
        }
        let d = b.next(0.0);
        assert_eq!(d, Duration::from_secs(30), "never under half of the step");
        assert!(b.next(7.0) <= Backoff::MAX, "random is clamped");
    }

    #[test]
    fn indicator_orders_error_offline_syncing_unsent() {
        let err = |code: &str, retryable| StatusError {
            code: code.into(),
            detail: "d".into(),
            retryable,
        };
        let mut s = SyncStatus {
            phase: Phase::Error,
            error: Some(err("sync.unauthorized", false)),
            unsent: vec!["a".into()],
            ..SyncStatus::default()
        };
        assert_eq!(
            indicator(&s),
            Indicator::Error {
                code: "sync.unauthorized".into(),
                detail: "d".into(),
                stopped: true,
                unsent: 1
            }
        );
        s.error = Some(err("sync.server", true));
        assert!(matches!(
            indicator(&s),
            Indicator::Error { stopped: false, .. }
        ));
        s.phase = Phase::Syncing;
        assert_eq!(indicator(&s), Indicator::Syncing);
        s.phase = Phase::Off;
        assert_eq!(indicator(&s), Indicator::Hidden);
        s.phase = Phase::Starting;
        assert_eq!(indicator(&s), Indicator::Starting);
    }

    #[test]
    fn failures_map_to_phases_and_messages() {
        assert_eq!(failed_phase(&SyncError::Timeout), Phase::Offline);
        assert_eq!(
            failed_phase(&SyncError::Unreachable("x".into())),
            Phase::Offline
        );
        assert_eq!(failed_phase(&SyncError::Unauthorized), Phase::Error);
        let e = StatusError::from_error(&SyncError::Server {
            status: 503,
            reason: "busy".into(),
        });
        assert_eq!(
            (e.code.as_str(), e.detail.as_str(), e.retryable),
            ("sync.server", "503 busy", true)
        );
        let json = serde_json::to_string(&SyncStatus {
            phase: Phase::UpToDate,
            ..SyncStatus::default()
        })
        .unwrap();
        assert!(json.contains(r#""phase":"upToDate""#), "{json}");
        let back: SyncStatus = serde_json::from_str(r#"{"phase":"offline","later":true}"#).unwrap();
        assert_eq!(back.phase, Phase::Offline);
    }

    #[test]
    fn every_status_reads_back_as_the_worker_wrote_it() {
        for phase in [
            Phase::Off,
            Phase::Starting,
            Phase::Syncing,
            Phase::UpToDate,
            Phase::Offline,
            Phase::Error,
        ] {
            let status = SyncStatus {
                org: "northwind".into(),
                phase,
                error: Some(StatusError::from_error(&SyncError::Forbidden("x".into()))),
                unsent: vec!["a".into(), "b".into()],
                conflicts: vec!["c".into()],
                refused: vec![Refusal {
                    doc_id: "claim:a".into(),
                    reason: "viewer".into(),
                }],
                retry_in_ms: Some(1500),
                pulled: 120,
            };
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(serde_json::from_str::<SyncStatus>(&json).unwrap(), status);
        }
        // The tabs' requests on the channel read as a default status.
        let request: SyncStatus = serde_json::from_str(r#"{"op":"wake"}"#).unwrap();
        assert_eq!(request, SyncStatus::default());
        for bad in [r#"{"phase":"sleeping"}"#, r#"{"unsent":"a"}"#, "[1]"] {
            assert!(serde_json::from_str::<SyncStatus>(bad).is_err(), "{bad}");
        }
    }
}
