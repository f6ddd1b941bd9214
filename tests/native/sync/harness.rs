//! Two replicas (A and B) and one server, with the helpers the scenarios
//! share; the same scenarios run against `FakeCouch` and a real
//! pouchdb-server.

use std::cell::{Cell, RefCell};

use chrono::{DateTime, Utc};
use cpor_desk::domain::claim::{
    Action, Claim, Contact, DocumentRef, HistoryEntry, PartnerOrgRef, ProductLine, Status,
};
use cpor_desk::domain::roles::{Actor, UserRole};
use cpor_desk::storage::{StoredDocument, SyncAdapter, block_on};
use cpor_desk::sync::doc::{claim_doc_id, normalize};
use cpor_desk::sync::transport::{
    Auth, Method, Request, Transport, TransportFuture, encode_component,
};
use cpor_desk::sync::{LocalReplica, MemoryReplica, Replicator, SyncConfig, SyncError, SyncReport};
use serde_json::Value;

use crate::support::{CONTOSO, CONTOSO_DOMAIN};

/// A CouchDB the scenarios can use.
pub trait Server {
    fn transport(&self) -> &dyn Transport;
    fn url(&self) -> String;
    /// The credentials of the replicas.
    fn auth(&self) -> Auth;
    /// Creates a database (as admin).
    fn create_db(&self, name: &str);
    /// Drops and re-creates a database (as admin): a server reset.
    fn reset_db(&self, name: &str);
}

/// Counts requests and body bytes through a transport.
pub struct Counting<'a> {
    inner: &'a dyn Transport,
    pub up: Cell<usize>,
    pub down: Cell<usize>,
    pub lines: RefCell<Vec<String>>,
}

impl<'a> Counting<'a> {
    pub fn new(inner: &'a dyn Transport) -> Self {
        Counting {
            inner,
            up: Cell::new(0),
            down: Cell::new(0),
            lines: RefCell::new(Vec::new()),
        }
    }

    pub fn reset(&self) {
        self.up.set(0);
        self.down.set(0);
        self.lines.borrow_mut().clear();
    }

    /// Requests whose `"METHOD path"` contains `pattern`.
    pub fn count(&self, pattern: &str) -> usize {
        self.lines
            .borrow()
            .iter()
            .filter(|l| l.contains(pattern))
            .count()
    }
}

impl Transport for Counting<'_> {
    fn request(&self, request: Request) -> TransportFuture<'_> {
        self.up
            .set(self.up.get() + request.body.as_ref().map_or(0, Vec::len));
        self.lines.borrow_mut().push(format!(
            "{} {}",
            request.method.as_str(),
            request.path_and_query
        ));
        Box::pin(async move {
            let resp = self.inner.request(request).await?;
            self.down.set(self.down.get() + resp.body.len());
            Ok(resp)
        })
    }
}

pub fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .map(|d| d.to_utc())
        .unwrap_or_default()
}

pub fn partner() -> Actor {
    Actor::partner("org-1", UserRole::IncentivesUser, "Ada")
}

/// A draft claim with every field filled in and its `created` entry.
pub fn claim(id: &str) -> Claim {
    Claim {
        id: id.into(),
        name: format!("Claim {id}"),
        solution_area: Some("modern_work_security".into()),
        partner_role: Some("use_or_consume".into()),
        partner_org: PartnerOrgRef {
            id: "org-1".into(),
            name: "Adatum".into(),
        },
        partner_location: "1234567".into(),
        customer_name: "Contoso Ltd".into(),
        customer_domain: CONTOSO_DOMAIN.into(),
        tenant_id: CONTOSO.into(),
        products: vec![ProductLine::new("teams")],
        customer_contact: Contact {
            name: "Cleo".into(),
            email: "cleo@contoso.com".into(),
            phone: None,
        },
        partner_contact: Contact {
            name: "Ada".into(),
            email: "ada@adatum.com".into(),
            phone: Some("+46 8 123".into()),
        },
        created_at: Some(at("2026-11-01T09:00:00Z")),
        history: vec![HistoryEntry {
            at: at("2026-11-01T09:00:00Z"),
            actor: partner(),
            action: Action::Created { copied_from: None },
            from: Some(Status::Draft),
            to: Some(Status::Draft),
            changes: vec![],
        }],
        ..Claim::default()
    }
}

/// Deterministic pseudo-random bytes.
pub fn bytes(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..len)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) as u8
        })
        .collect()
}

pub fn document_ref(id: &str, size: usize) -> DocumentRef {
    DocumentRef {
        id: id.into(),
        name: format!("{id}.pdf"),
        size: size as u64,
        kind: "pdf".into(),
        added_at: Some(at("2026-11-02T10:00:00Z")),
        ..DocumentRef::default()
    }
}

pub fn stored(id: &str, bytes: Vec<u8>) -> StoredDocument {
    StoredDocument {
        id: id.into(),
        name: format!("{id}.pdf"),
        media_type: "application/pdf".into(),
        bytes,
    }
}

/// Changes per batch in these tests: the app's
/// [`cpor_desk::sync::replicator::BATCH_SIZE`] (1,000) is only a number to
/// the replicator, and the batching tests need several batches, which at
/// 1,000 claims each made them the slowest native tests (a debug build
/// through a fake server: 17 s for 5,100 claims).
pub const BATCH_SIZE: usize = 50;

/// Replicas A and B on one database of one server.
pub struct Pair<'s> {
    pub server: &'s dyn Server,
    pub db: String,
    pub a: MemoryReplica,
    pub b: MemoryReplica,
    pub net: Counting<'s>,
    pub auth: Auth,
}

impl<'s> Pair<'s> {
    pub fn new(server: &'s dyn Server, db: &str) -> Pair<'s> {
        server.create_db(db);
        Pair {
            server,
            db: db.to_string(),
            a: MemoryReplica::new("replica-a"),
            b: MemoryReplica::new("replica-b"),
            net: Counting::new(server.transport()),
            auth: server.auth(),
        }
    }

    pub fn config(&self) -> SyncConfig {
        let mut c = SyncConfig::new(self.server.url(), self.db.clone(), self.auth.clone());
        c.longpoll_timeout = std::time::Duration::from_millis(800);
        c.batch_size = BATCH_SIZE;
        c
    }

    pub fn sync(&self, r: &MemoryReplica) -> Result<SyncReport, SyncError> {
        let mut rep = Replicator::new(&self.net, r, self.config())?;
        block_on(rep.sync_once())
    }

    #[track_caller]
    pub fn sync_ok(&self, r: &MemoryReplica) -> SyncReport {
        match self.sync(r) {
            Ok(report) => report,
            Err(e) => panic!("sync failed: {e} ({})", e.code()),
        }
    }

    /// Pushes without pulling first (an offline browser coming back and
    /// pushing before it reads).
    #[track_caller]
    pub fn push_only(&self, r: &MemoryReplica) -> SyncReport {
        let mut rep = Replicator::new(&self.net, r, self.config()).expect("config");
        let mut report = SyncReport::default();
        if let Err(e) = block_on(rep.push(&mut report)) {
            panic!("push failed: {e}");
        }
        report
    }

    /// Claims created on A and synced to B (A syncs, then B).
    #[track_caller]
    pub fn shared(&self, ids: &[&str]) {
        for id in ids {
            self.save(&self.a, claim(id));
        }
        self.sync_ok(&self.a);
        self.sync_ok(&self.b);
    }

    pub fn wait(&self, r: &MemoryReplica) -> Result<bool, SyncError> {
        let mut rep = Replicator::new(&self.net, r, self.config())?;
        block_on(rep.wait_for_changes())
    }

    #[track_caller]
    pub fn save(&self, r: &MemoryReplica, claim: Claim) -> Claim {
        let current = block_on(r.store().load(&claim.id)).expect("load");
        let claim = Claim {
            revision: current.map_or(0, |c| c.revision),
            ..claim
        };
        block_on(r.store().save(claim)).expect("save")
    }

    #[track_caller]
    pub fn edit(&self, r: &MemoryReplica, id: &str, f: impl FnOnce(&mut Claim)) -> Claim {
        let mut c = self.get(r, id).unwrap_or_else(|| panic!("no claim {id}"));
        f(&mut c);
        block_on(r.store().save(c)).expect("save")
    }

    pub fn get(&self, r: &MemoryReplica, id: &str) -> Option<Claim> {
        block_on(r.store().load(id)).expect("load")
    }

    #[track_caller]
    pub fn delete(&self, r: &MemoryReplica, id: &str) {
        let c = self.get(r, id).expect("claim");
        block_on(r.store().delete(id, c.revision)).expect("delete");
    }

    /// Both replicas hold the same claims (revision counters aside).
    #[track_caller]
    pub fn assert_converged(&self) {
        let all = |r: &MemoryReplica| -> Vec<Claim> {
            let mut v: Vec<Claim> = block_on(r.store().load_all())
                .expect("load_all")
                .claims
                .iter()
                .map(normalize)
                .collect();
            v.sort_by(|a, b| a.id.cmp(&b.id));
            v
        };
        assert_eq!(all(&self.a), all(&self.b), "A and B differ");
        assert!(block_on(self.a.conflicts()).expect("conflicts").is_empty());
        assert!(block_on(self.b.conflicts()).expect("conflicts").is_empty());
    }

    /// A document as the server's `GET /db/<id>?conflicts=true` shows it.
    pub fn server_doc(&self, doc_id: &str) -> Option<Value> {
        let mut req = Request::new(
            Method::Get,
            format!("/{}/{}?conflicts=true", self.db, encode_component(doc_id)),
            std::time::Duration::from_secs(30),
        );
        if let Some(h) = self.auth.header() {
            req.headers.push(("authorization".into(), h));
        }
        let resp = block_on(self.server.transport().request(req)).expect("GET doc");
        (resp.status == 200)
            .then(|| serde_json::from_slice(&resp.body).ok())
            .flatten()
    }

    /// The server's `_conflicts` of a claim.
    pub fn server_conflicts(&self, claim_id: &str) -> Vec<String> {
        self.server_doc(&claim_doc_id(claim_id))
            .and_then(|d| d.get("_conflicts").cloned())
            .and_then(|c| serde_json::from_value(c).ok())
            .unwrap_or_default()
    }
}
