//! The team-sync settings of one partner organisation, as Settings → Team
//! sync edits them and the sync worker reads them (stored per organisation
//! in the browser's IndexedDB, [`super::view::SyncMeta::sync_settings`]; never
//! in localStorage, which a worker cannot read).
//!
//! ```
//! use cpor_desk::sync::settings::{Credentials, Problem, ServerLimits, SyncSettings};
//!
//! let mut s = SyncSettings::for_org("northwind");
//! assert_eq!(s.database, "cpor-northwind");
//! assert_eq!(s.check(), Err(Problem::UrlMissing));
//! s.server_url = "https://couch.example.com/".into();
//! s.credentials = Credentials::Basic { user: "ada".into(), password: "pw".into() };
//! assert_eq!(s.check(), Ok(()));
//! assert_eq!(s.config("northwind").unwrap().server_url, "https://couch.example.com");
//! assert_eq!(ServerLimits::Cloudant.max_file_bytes(), 10 * 1024 * 1024);
//! s.sign_out();
//! assert!(!s.enabled && s.credentials == Credentials::None);
//! ```

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::doc::{default_database_name, validate_database_name};
use super::json;
use super::replicator::SyncConfig;
use super::transport::Auth;
use crate::domain::document::MAX_DOCUMENT_BYTES;

/// How the app signs in to the sync server. Read through
/// [`serde_json::Value`] by hand (`TryFrom<Value>`): serde's derived code
/// for an internally tagged enum is several KB of the app's first load.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase", try_from = "Value")]
pub enum Credentials {
    /// Not signed in (or signed out).
    #[default]
    None,
    /// HTTP Basic: a CouchDB user (small teams, tests).
    Basic { user: String, password: String },
    /// `Authorization: Bearer <JWT>` from the organisation's identity
    /// provider (CouchDB 3's jwt_authentication_handler).
    Bearer { token: String },
}

impl std::fmt::Debug for Credentials {
    // Never print secrets.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Credentials::None => f.write_str("None"),
            Credentials::Basic { user, .. } => write!(f, "Basic({user}, ***)"),
            Credentials::Bearer { .. } => f.write_str("Bearer(***)"),
        }
    }
}

impl TryFrom<Value> for Credentials {
    type Error = String;

    fn try_from(v: Value) -> Result<Credentials, String> {
        let text = |k: &str| {
            v.get(k)
                .and_then(Value::as_str)
                .map(str::to_string)
                .ok_or_else(|| format!("credentials: {k} missing"))
        };
        match v.get("kind").and_then(Value::as_str) {
            Some("none") => Ok(Credentials::None),
            Some("basic") => Ok(Credentials::Basic {
                user: text("user")?,
                password: text("password")?,
            }),
            Some("bearer") => Ok(Credentials::Bearer {
                token: text("token")?,
            }),
            _ => Err("credentials: unknown kind".to_string()),
        }
    }
}

impl Credentials {
    /// The JSON of the derived `Serialize`, written by hand (see
    /// [`SyncSettings::to_json`]).
    pub fn to_json(&self) -> Value {
        match self {
            Credentials::None => json::obj(vec![("kind", "none".into())]),
            Credentials::Basic { user, password } => json::obj(vec![
                ("kind", "basic".into()),
                ("user", user.as_str().into()),
                ("password", password.as_str().into()),
            ]),
            Credentials::Bearer { token } => json::obj(vec![
                ("kind", "bearer".into()),
                ("token", token.as_str().into()),
            ]),
        }
    }

    pub fn auth(&self) -> Auth {
        match self {
            Credentials::None => Auth::None,
            Credentials::Basic { user, password } => Auth::Basic {
                user: user.clone(),
                password: password.clone(),
            },
            Credentials::Bearer { token } => Auth::Bearer(token.clone()),
        }
    }
}

/// The document limits of the server. CouchDB's own (`max_document_size`,
/// `max_attachment_size`) are server configuration that members usually
/// cannot read, so the user says which kind of server it is; the PoE upload
/// limit follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ServerLimits {
    /// Apache CouchDB (or pouchdb-server): the app's own 20 MB limit.
    #[default]
    CouchDb,
    /// IBM Cloudant: 10 MB per attachment, 1 MB per JSON document.
    Cloudant,
}

impl ServerLimits {
    /// The largest PoE file that can be uploaded with sync on.
    pub fn max_file_bytes(self) -> u64 {
        match self {
            ServerLimits::CouchDb => MAX_DOCUMENT_BYTES,
            ServerLimits::Cloudant => 10 * 1024 * 1024,
        }
    }
}

/// One organisation's sync settings. Read by hand (`TryFrom<Value>`, see
/// [`super::json`]): a missing key takes its default, an unknown key is
/// ignored.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", try_from = "Value")]
pub struct SyncSettings {
    /// Sync runs (Turn on / Turn off).
    pub enabled: bool,
    /// The server's address: `https://host[:port][/path]` (a path for a
    /// same-origin reverse proxy), or `http://` for a server on this
    /// computer.
    pub server_url: String,
    pub database: String,
    pub credentials: Credentials,
    pub limits: ServerLimits,
    /// Shorter timeouts than the defaults (30 s a request, 25 s a long
    /// poll), in milliseconds: for tests and for trying faults. Not in the
    /// settings page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeouts_ms: Option<Timeouts>,
}

impl TryFrom<Value> for SyncSettings {
    type Error = String;

    fn try_from(v: Value) -> Result<SyncSettings, String> {
        let m = json::object(v, "sync settings")?;
        let limits = match json::string(&m, "limits")?.as_deref() {
            None | Some("couchDb") => ServerLimits::CouchDb,
            Some("cloudant") => ServerLimits::Cloudant,
            Some(_) => return Err("limits: unknown".into()),
        };
        let timeouts_ms = match json::take(&m, "timeoutsMs") {
            None => None,
            Some(t) => {
                let t = json::object(t, "timeoutsMs")?;
                Some(Timeouts {
                    request: json::number(&t, "request")?.ok_or("request missing")?,
                    longpoll: json::number(&t, "longpoll")?.ok_or("longpoll missing")?,
                })
            }
        };
        Ok(SyncSettings {
            enabled: json::boolean(&m, "enabled")?.unwrap_or_default(),
            server_url: json::string(&m, "serverUrl")?.unwrap_or_default(),
            database: json::string(&m, "database")?.unwrap_or_default(),
            credentials: match json::take(&m, "credentials") {
                None => Credentials::None,
                Some(c) => Credentials::try_from(c)?,
            },
            limits,
            timeouts_ms,
        })
    }
}

/// Request timeouts in milliseconds ([`SyncSettings::timeouts_ms`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Timeouts {
    pub request: u64,
    pub longpoll: u64,
}

/// What is wrong with settings (each has a message in the catalogs:
/// `sync-problem-…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    UrlMissing,
    /// Not an `http(s)://host…` address, or one with user info, a query or
    /// a fragment.
    UrlInvalid,
    /// `http://` to another computer: credentials would travel in clear.
    UrlInsecure,
    DatabaseInvalid,
    /// No user name and password, or no token.
    CredentialsMissing,
}

impl SyncSettings {
    /// Empty settings for an organisation, with the database the app
    /// proposes (`cpor-<org id>`).
    pub fn for_org(org_id: &str) -> SyncSettings {
        SyncSettings {
            database: default_database_name(org_id),
            ..SyncSettings::default()
        }
    }

    /// The server address without trailing slashes.
    pub fn url(&self) -> &str {
        self.server_url.trim().trim_end_matches('/')
    }

    /// Checks the settings before Test connection or Turn on.
    pub fn check(&self) -> Result<(), Problem> {
        check_url(self.url())?;
        validate_database_name(self.database.trim()).map_err(|_| Problem::DatabaseInvalid)?;
        match &self.credentials {
            Credentials::Basic { user, password }
                if !user.trim().is_empty() && !password.is_empty() =>
            {
                Ok(())
            }
            Credentials::Bearer { token } if !token.trim().is_empty() => Ok(()),
            _ => Err(Problem::CredentialsMissing),
        }
    }

    /// The replicator's configuration (claims of `org_id` only).
    pub fn config(&self, org_id: &str) -> Result<SyncConfig, Problem> {
        self.check()?;
        let mut config = SyncConfig::new(self.url(), self.database.trim(), self.credentials.auth());
        config.org_id = Some(org_id.to_string());
        if let Some(t) = self.timeouts_ms {
            config.request_timeout = std::time::Duration::from_millis(t.request.max(100));
            config.longpoll_timeout = std::time::Duration::from_millis(t.longpoll.max(100));
        }
        Ok(config)
    }

    /// The settings as JSON, the shape of the derived `Serialize` (which
    /// the worker and the tests use), written by hand for the page: how
    /// the page stores the settings and sends them to Test connection.
    pub fn to_json(&self) -> Value {
        let mut pairs = vec![
            ("enabled", self.enabled.into()),
            ("serverUrl", self.server_url.as_str().into()),
            ("database", self.database.as_str().into()),
            ("credentials", self.credentials.to_json()),
            (
                "limits",
                match self.limits {
                    ServerLimits::CouchDb => "couchDb",
                    ServerLimits::Cloudant => "cloudant",
                }
                .into(),
            ),
        ];
        if let Some(t) = self.timeouts_ms {
            let t = json::obj(vec![
                ("request", t.request.into()),
                ("longpoll", t.longpoll.into()),
            ]);
            pairs.push(("timeoutsMs", t));
        }
        json::obj(pairs)
    }

    /// Forgets the credentials and turns sync off (the data stays).
    pub fn sign_out(&mut self) {
        self.credentials = Credentials::None;
        self.enabled = false;
    }

    /// Whether sync should run: switched on and complete.
    pub fn runs(&self) -> bool {
        self.enabled && self.check().is_ok()
    }
}

fn check_url(url: &str) -> Result<(), Problem> {
    if url.is_empty() {
        return Err(Problem::UrlMissing);
    }
    let (scheme, rest) = url.split_once("://").ok_or(Problem::UrlInvalid)?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return Err(Problem::UrlInvalid);
    }
    let authority = rest.split('/').next().unwrap_or_default();
    let bad = authority.is_empty()
        || authority.contains('@')
        || rest.contains(['?', '#'])
        || rest.chars().any(|c| c.is_whitespace() || c.is_control());
    if bad {
        return Err(Problem::UrlInvalid);
    }
    let host = match authority.rsplit_once(':') {
        Some((h, port)) if !h.ends_with(']') || authority.starts_with('[') => {
            if !port.is_empty() && !port.bytes().all(|b| b.is_ascii_digit()) {
                return Err(Problem::UrlInvalid);
            }
            h
        }
        _ => authority,
    };
    let local = matches!(
        host.to_ascii_lowercase().as_str(),
        "localhost" | "127.0.0.1" | "[::1]"
    );
    if scheme == "http" && !local {
        return Err(Problem::UrlInsecure);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_url(url: &str) -> SyncSettings {
        SyncSettings {
            server_url: url.into(),
            credentials: Credentials::Bearer { token: "t".into() },
            ..SyncSettings::for_org("org")
        }
    }

    #[test]
    fn addresses() {
        for ok in [
            "https://couch.example.com",
            "https://couch.example.com:6984/",
            "https://example.com/couch",
            "http://127.0.0.1:5984",
            "http://localhost:5984/",
            "HTTPS://Couch.Example.com",
        ] {
            assert_eq!(with_url(ok).check(), Ok(()), "{ok}");
        }
        for (bad, why) in [
            ("", Problem::UrlMissing),
            ("   ", Problem::UrlMissing),
            ("couch.example.com", Problem::UrlInvalid),
            ("ftp://couch.example.com", Problem::UrlInvalid),
            ("https://", Problem::UrlInvalid),
            ("https://ada:pw@couch.example.com", Problem::UrlInvalid),
            ("https://couch.example.com/?x=1", Problem::UrlInvalid),
            ("https://couch.example.com/#x", Problem::UrlInvalid),
            ("https://couch example.com", Problem::UrlInvalid),
            ("https://couch.example.com:port", Problem::UrlInvalid),
            ("http://couch.example.com", Problem::UrlInsecure),
            ("http://10.0.0.5:5984", Problem::UrlInsecure),
        ] {
            assert_eq!(with_url(bad).check(), Err(why), "{bad:?}");
        }
    }

    #[test]
    fn database_and_credentials() {
        let mut s = with_url("https://c.example");
        s.database = "Bad Name".into();
        assert_eq!(s.check(), Err(Problem::DatabaseInvalid));
        s.database = "cpor-org".into();
        for missing in [
            Credentials::None,
            Credentials::Basic {
                user: " ".into(),
                password: "pw".into(),
            },
            Credentials::Basic {
                user: "ada".into(),
                password: String::new(),
            },
            Credentials::Bearer { token: " ".into() },
        ] {
            s.credentials = missing;
            assert_eq!(s.check(), Err(Problem::CredentialsMissing));
            assert!(!s.runs());
        }
        s.credentials = Credentials::Basic {
            user: "ada".into(),
            password: "pw".into(),
        };
        assert!(!s.runs(), "not switched on");
        s.enabled = true;
        assert!(s.runs());
        let config = s.config("org").unwrap();
        assert_eq!(config.org_id.as_deref(), Some("org"));
        assert_eq!(config.auth.header().unwrap(), "Basic YWRhOnB3");
    }

    #[test]
    fn secrets_are_never_printed_and_stored_settings_read_back() {
        let s = SyncSettings {
            credentials: Credentials::Basic {
                user: "ada".into(),
                password: "hunter2".into(),
            },
            ..SyncSettings::for_org("org")
        };
        assert!(!format!("{s:?}").contains("hunter2"));
        let bearer = format!(
            "{:?}",
            Credentials::Bearer {
                token: "jwt-secret".into()
            }
        );
        assert!(!bearer.contains("jwt-secret"));
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<SyncSettings>(&json).unwrap(), s);
        // Settings of an older or newer version read with defaults.
        let partial: SyncSettings =
            serde_json::from_str(r#"{"serverUrl":"https://x","future":1}"#).unwrap();
        assert_eq!(partial.limits, ServerLimits::CouchDb);
        assert!(!partial.enabled);
    }

    #[test]
    fn full_settings_read_back_and_wrong_types_are_refused() {
        let s = SyncSettings {
            enabled: true,
            server_url: "https://couch.example".into(),
            database: "cpor-org".into(),
            credentials: Credentials::Bearer { token: "t".into() },
            limits: ServerLimits::Cloudant,
            timeouts_ms: Some(Timeouts {
                request: 500,
                longpoll: 900,
            }),
        };
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<SyncSettings>(&json).unwrap(), s);
        for bad in [
            r#"{"enabled":"yes"}"#,
            r#"{"limits":"mongo"}"#,
            r#"{"timeoutsMs":{"request":1}}"#,
            r#"{"credentials":{"kind":"cookie"}}"#,
            r#""settings""#,
        ] {
            assert!(serde_json::from_str::<SyncSettings>(bad).is_err(), "{bad}");
        }
    }

    /// Every shape of settings: each kind of credentials, both limits, with
    /// and without timeouts.
    fn every_shape() -> Vec<SyncSettings> {
        let mut all = Vec::new();
        for credentials in [
            Credentials::None,
            Credentials::Basic {
                user: "ada".into(),
                password: "pw \"quoted\" ünï".into(),
            },
            Credentials::Bearer {
                token: "jwt".into(),
            },
        ] {
            for limits in [ServerLimits::CouchDb, ServerLimits::Cloudant] {
                for timeouts_ms in [
                    None,
                    Some(Timeouts {
                        request: 500,
                        longpoll: 900,
                    }),
                ] {
                    all.push(SyncSettings {
                        enabled: timeouts_ms.is_some(),
                        server_url: "https://couch.example/x".into(),
                        database: "cpor-org".into(),
                        credentials: credentials.clone(),
                        limits,
                        timeouts_ms,
                    });
                }
            }
        }
        all
    }

    #[test]
    fn the_hand_written_json_is_the_derived_shape_and_reads_back() {
        for s in every_shape() {
            let hand = s.to_json();
            assert_eq!(hand, serde_json::to_value(&s).unwrap(), "{s:?}");
            assert_eq!(
                serde_json::from_value::<SyncSettings>(hand.clone()).unwrap(),
                s
            );
            let text = hand.to_string();
            assert_eq!(serde_json::from_str::<SyncSettings>(&text).unwrap(), s);
        }
    }

    #[test]
    fn every_kind_of_credentials_reads_back_as_stored() {
        for c in [
            Credentials::None,
            Credentials::Basic {
                user: "ada".into(),
                password: "pw".into(),
            },
            Credentials::Bearer {
                token: "jwt".into(),
            },
        ] {
            let json = serde_json::to_value(&c).unwrap();
            assert_eq!(serde_json::from_value::<Credentials>(json).unwrap(), c);
        }
        assert_eq!(
            serde_json::to_value(Credentials::Bearer { token: "t".into() }).unwrap(),
            serde_json::json!({"kind": "bearer", "token": "t"})
        );
        for bad in [
            r#"{"kind":"cookie"}"#,
            r#"{"kind":"basic","user":"ada"}"#,
            r#"{"user":"ada","password":"pw"}"#,
        ] {
            assert!(serde_json::from_str::<Credentials>(bad).is_err(), "{bad}");
        }
    }
}
