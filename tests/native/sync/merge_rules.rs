//! The merge rules of `cpor_desk::sync::merge`, table-driven: each row
//! edits "mine" and "theirs" from one base and states the outcome.

use cpor_desk::domain::claim::{
    Action, ChecklistItem, Claim, Comment, DocumentRef, HistoryEntry, ProductLine, RejectReason,
    Status,
};
use cpor_desk::domain::roles::Actor;
use cpor_desk::sync::merge::{Choices, ConflictKind, Merge, Side, Why, merge, resolve};

use super::harness::{at, claim, document_ref, partner};

type Edit = fn(&mut Claim);

fn none(_: &mut Claim) {}

fn entry(t: &str, action: Action, from: Option<Status>, to: Option<Status>) -> HistoryEntry {
    HistoryEntry {
        at: at(t),
        actor: partner(),
        action,
        from,
        to,
        changes: vec![],
    }
}

/// Moves the claim to `to` with a history entry at `t`, as the status
/// machine does.
fn transition(c: &mut Claim, t: &str, action: Action, to: Status) {
    c.history.push(entry(t, action, Some(c.status), Some(to)));
    c.status = to;
}

fn submit(c: &mut Claim) {
    transition(
        c,
        "2026-11-05T10:00:00Z",
        Action::Submitted,
        Status::Submitted,
    );
}

fn review_started(c: &mut Claim, t: &str, reviewer: &str) {
    let mut e = entry(
        t,
        Action::ReviewStarted,
        Some(c.status),
        Some(Status::UnderReview),
    );
    e.actor = Actor::reviewer(reviewer);
    c.history.push(e);
    c.status = Status::UnderReview;
}

fn start_review(c: &mut Claim) {
    review_started(c, "2026-11-06T10:00:00Z", "Rita");
}

/// The partner asks for rejection (at 11:00 on the 6th).
fn partner_rejects(c: &mut Claim) {
    transition(
        c,
        "2026-11-06T11:00:00Z",
        Action::Rejected {
            reason: RejectReason::PartnerRequest,
            partner_reason: None,
            comment: String::new(),
        },
        Status::Rejected,
    );
}

fn comment(c: &mut Claim, t: &str, text: &str) {
    c.comments.push(Comment {
        at: at(t),
        actor: partner(),
        text: text.into(),
        note: None,
    });
    c.history.push(entry(t, Action::Commented, None, None));
}

/// The base: a draft with one document.
fn base() -> Claim {
    let mut c = claim("m1");
    c.documents.push(document_ref("d0", 10));
    c
}

fn submitted_base() -> Claim {
    let mut c = base();
    submit(&mut c);
    c
}

fn rejected_base() -> Claim {
    let mut c = submitted_base();
    start_review(&mut c);
    transition(
        &mut c,
        "2026-11-07T10:00:00Z",
        Action::Rejected {
            reason: RejectReason::InsufficientPoe,
            partner_reason: None,
            comment: String::new(),
        },
        Status::Rejected,
    );
    c
}

fn dispute(c: &mut Claim, t: &str, why: &str) {
    transition(
        c,
        t,
        Action::Disputed {
            justification: why.into(),
            documents: vec![],
        },
        Status::Disputed,
    );
}

enum Expect {
    /// Merges; the check runs on the result.
    Clean(fn(&Claim) -> bool),
    /// A field conflict with these paths (and why).
    Fields(&'static [(&'static str, WhyIs)]),
}

/// A row: name, base, mine's edit, theirs' edit, the outcome.
type Row = (&'static str, fn() -> Claim, Edit, Edit, Expect);

#[derive(Debug, Clone, Copy, PartialEq)]
enum WhyIs {
    Both,
    Locked(Status),
}

fn why_is(w: &Why) -> WhyIs {
    match w {
        Why::BothChanged => WhyIs::Both,
        Why::Locked { status } => WhyIs::Locked(*status),
    }
}

#[test]
fn merge_rules_table() {
    let rows: Vec<Row> = vec![
        (
            "nothing changed",
            base,
            none,
            none,
            Expect::Clean(|c| *c == base()),
        ),
        (
            "only mine changed",
            base,
            |c| c.name = "M".into(),
            none,
            Expect::Clean(|c| c.name == "M"),
        ),
        (
            "only theirs changed",
            base,
            none,
            |c| c.name = "T".into(),
            Expect::Clean(|c| c.name == "T"),
        ),
        (
            "the same change on both sides",
            base,
            |c| c.name = "Same".into(),
            |c| c.name = "Same".into(),
            Expect::Clean(|c| c.name == "Same"),
        ),
        (
            "disjoint fields merge",
            base,
            |c| c.name = "M".into(),
            |c| c.tenant_id = "T".into(),
            Expect::Clean(|c| c.name == "M" && c.tenant_id == "T"),
        ),
        (
            "the same field differently: conflict",
            base,
            |c| c.name = "M".into(),
            |c| c.name = "T".into(),
            Expect::Fields(&[("name", WhyIs::Both)]),
        ),
        (
            "several fields, only the common one conflicts",
            base,
            |c| {
                c.name = "M".into();
                c.customer_name = "Cust M".into();
            },
            |c| {
                c.name = "T".into();
                c.customer_domain = "t.example".into();
            },
            Expect::Fields(&[("name", WhyIs::Both)]),
        ),
        (
            "products are one field",
            base,
            |c| c.products.push(ProductLine::new("intune")),
            |c| c.products.push(ProductLine::new("defender")),
            Expect::Fields(&[("products", WhyIs::Both)]),
        ),
        (
            "contacts merge per sub-field",
            base,
            |c| c.customer_contact.email = "m@contoso.com".into(),
            |c| c.customer_contact.name = "Theirs".into(),
            Expect::Clean(|c| {
                c.customer_contact.email == "m@contoso.com" && c.customer_contact.name == "Theirs"
            }),
        ),
        (
            "a contact sub-field on both sides conflicts",
            base,
            |c| c.partner_contact.phone = Some("1".into()),
            |c| c.partner_contact.phone = None,
            Expect::Fields(&[("partnerContact.phone", WhyIs::Both)]),
        ),
        (
            "comments are a union in time order",
            base,
            |c| comment(c, "2026-11-03T12:00:00Z", "mine, later"),
            |c| comment(c, "2026-11-03T11:00:00Z", "theirs, earlier"),
            Expect::Clean(|c| {
                c.comments
                    .iter()
                    .map(|x| x.text.as_str())
                    .collect::<Vec<_>>()
                    == ["theirs, earlier", "mine, later"]
                    && c.history.len() == 3
            }),
        ),
        (
            "the same comment on both sides is kept once",
            base,
            |c| comment(c, "2026-11-03T12:00:00Z", "same"),
            |c| comment(c, "2026-11-03T12:00:00Z", "same"),
            Expect::Clean(|c| c.comments.len() == 1 && c.history.len() == 2),
        ),
        (
            "documents added on both sides: union",
            base,
            |c| c.documents.push(document_ref("dm", 1)),
            |c| c.documents.push(document_ref("dt", 2)),
            Expect::Clean(|c| {
                c.documents
                    .iter()
                    .map(|d| d.id.as_str())
                    .collect::<Vec<_>>()
                    == ["d0", "dm", "dt"]
            }),
        ),
        (
            "checklist ticks merge per item",
            base,
            |c| c.documents[0].checklist.set(ChecklistItem::Names, true),
            |c| c.documents[0].checklist.set(ChecklistItem::Dates, true),
            Expect::Clean(|c| c.documents[0].checklist.names && c.documents[0].checklist.dates),
        ),
        (
            "one checklist item on both sides differently conflicts",
            base,
            |c| c.documents[0].comment = "mine".into(),
            |c| c.documents[0].comment = "theirs".into(),
            Expect::Fields(&[("documents[d0].comment", WhyIs::Both)]),
        ),
        (
            "a document removed on one side, untouched on the other: removed",
            base,
            |c| c.documents.clear(),
            |c| c.name = "T".into(),
            Expect::Clean(|c| c.documents.is_empty() && c.name == "T"),
        ),
        (
            "removed on one side, changed on the other: conflict",
            base,
            |c| c.documents.clear(),
            |c| c.documents[0].checklist.set(ChecklistItem::Names, true),
            Expect::Fields(&[("documents[d0]", WhyIs::Both)]),
        ),
        (
            "status changed on both sides: conflict",
            submitted_base,
            start_review,
            partner_rejects,
            Expect::Fields(&[("status", WhyIs::Both)]),
        ),
        (
            "the same status reached differently (other times) is a conflict",
            submitted_base,
            start_review,
            |c| review_started(c, "2026-11-06T12:00:00Z", "Rob"),
            Expect::Fields(&[("status", WhyIs::Both)]),
        ),
        (
            "dispute counts are deadline inputs: two disputes conflict",
            rejected_base,
            |c| dispute(c, "2026-11-08T10:00:00Z", "mine"),
            |c| dispute(c, "2026-11-08T11:00:00Z", "theirs"),
            Expect::Fields(&[("status", WhyIs::Both)]),
        ),
        (
            "one side submitted, the other edited an editable field: merged",
            base,
            submit,
            |c| c.products.push(ProductLine::new("intune")),
            Expect::Clean(|c| {
                c.status == Status::Submitted && c.products.len() == 2 && c.history.len() == 2
            }),
        ),
        (
            "one side submitted, the other edited a locked field: conflict",
            base,
            |c| c.name = "Mine".into(),
            submit,
            Expect::Fields(&[("name", WhyIs::Locked(Status::Submitted))]),
        ),
        (
            "under review nothing is editable",
            submitted_base,
            |c| c.partner_contact.email = "new@adatum.com".into(),
            start_review,
            Expect::Fields(&[("partnerContact.email", WhyIs::Locked(Status::UnderReview))]),
        ),
        (
            "a document added while the other side submitted: allowed",
            base,
            submit,
            |c| c.documents.push(document_ref("dt", 2)),
            Expect::Clean(|c| c.status == Status::Submitted && c.documents.len() == 2),
        ),
        (
            "a document added while the other side's review started: locked",
            submitted_base,
            start_review,
            |c| c.documents.push(document_ref("dt", 2)),
            Expect::Fields(&[("documents[dt]", WhyIs::Locked(Status::UnderReview))]),
        ),
        (
            "a document removed while the other side submitted: locked",
            base,
            |c| c.documents.clear(),
            submit,
            Expect::Fields(&[("documents[d0]", WhyIs::Locked(Status::Submitted))]),
        ),
        (
            "comments are always allowed, whatever the status",
            submitted_base,
            |c| comment(c, "2026-11-06T09:00:00Z", "still there?"),
            start_review,
            Expect::Clean(|c| {
                c.status == Status::UnderReview && c.comments.len() == 1 && c.history.len() == 4
            }),
        ),
    ];
    let mut failures = Vec::new();
    for (name, make_base, mine_edit, theirs_edit, expect) in &rows {
        let b = make_base();
        let mut m = b.clone();
        mine_edit(&mut m);
        let mut t = b.clone();
        theirs_edit(&mut t);
        let got = merge(Some(&b), Some(&m), Some(&t));
        let ok = match (expect, &got) {
            (Expect::Clean(check), Merge::Clean(Some(c))) => {
                // Deterministic and symmetric: swapping sides gives the same.
                let swapped = merge(Some(&b), Some(&t), Some(&m));
                check(c) && c.revision == 0 && swapped == got
            }
            (Expect::Fields(want), Merge::Conflict(c)) => {
                let have: Vec<(&str, WhyIs)> = c
                    .fields
                    .iter()
                    .map(|f| (f.path.as_str(), why_is(&f.why)))
                    .collect();
                c.kind == ConflictKind::Fields && have == *want
            }
            _ => false,
        };
        if !ok {
            failures.push(format!("{name}: {got:#?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} rows failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn conflict_values_are_base_mine_theirs() {
    let b = base();
    let m = Claim {
        name: "M".into(),
        ..b.clone()
    };
    let t = Claim {
        name: "T".into(),
        ..b.clone()
    };
    let Merge::Conflict(c) = merge(Some(&b), Some(&m), Some(&t)) else {
        panic!("conflict expected")
    };
    let f = &c.fields[0];
    assert_eq!(
        (f.field.as_str(), &f.base, &f.mine, &f.theirs),
        ("name", &b.name.clone().into(), &"M".into(), &"T".into())
    );
    assert_eq!(c.id, "m1");
    // Conflicts serialise for storage (phase 2 keeps them in IndexedDB).
    let json = serde_json::to_string(&*c).unwrap();
    let back: cpor_desk::sync::merge::Conflict = serde_json::from_str(&json).unwrap();
    assert_eq!(back, *c);
}

#[test]
fn edit_versus_delete() {
    let b = base();
    let edited = Claim {
        name: "E".into(),
        ..b.clone()
    };
    let cases: [(Option<&Claim>, Option<&Claim>, Option<Side>); 5] = [
        (None, Some(&edited), Some(Side::Mine)),
        (Some(&edited), None, Some(Side::Theirs)),
        // Deleted on one side, untouched on the other: deleted.
        (None, Some(&b), None),
        (Some(&b), None, None),
        // Deleted on both: deleted.
        (None, None, None),
    ];
    for (mine, theirs, deleted) in cases {
        let got = merge(Some(&b), mine, theirs);
        match (deleted, got) {
            (None, Merge::Clean(None)) => {}
            (Some(side), Merge::Conflict(c)) => {
                assert_eq!(c.kind, ConflictKind::EditDelete { deleted: side });
                assert_eq!(c.fields[0].path, "deleted");
                // Keep the edit, or the deletion.
                let keep_edit = Choices::new(side).with(
                    "deleted",
                    if side == Side::Mine {
                        Side::Theirs
                    } else {
                        Side::Mine
                    },
                );
                assert_eq!(resolve(&c, &keep_edit).unwrap().name, "E");
                assert_eq!(resolve(&c, &Choices::new(side)), None);
            }
            (want, got) => panic!("{want:?}: {got:?}"),
        }
    }
}

#[test]
fn resolve_builds_the_claim_from_choices() {
    let b = base();
    let mut m = b.clone();
    m.name = "M".into();
    m.tenant_id = "tm".into();
    comment(&mut m, "2026-11-03T12:00:00Z", "mine");
    let mut t = b.clone();
    t.name = "T".into();
    t.customer_contact.email = "t@contoso.com".into();
    t.tenant_id = "tt".into();
    let Merge::Conflict(c) = merge(Some(&b), Some(&m), Some(&t)) else {
        panic!()
    };
    let paths: Vec<&str> = c.fields.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["name", "tenantId"]);
    let r = resolve(&c, &Choices::new(Side::Theirs).with("name", Side::Mine)).unwrap();
    assert_eq!((r.name.as_str(), r.tenant_id.as_str()), ("M", "tt"));
    assert_eq!(
        r.customer_contact.email, "t@contoso.com",
        "clean merges are kept"
    );
    assert_eq!(r.comments.len(), 1, "unions are kept");
    let r = resolve(&c, &Choices::new(Side::Mine)).unwrap();
    assert_eq!((r.name.as_str(), r.tenant_id.as_str()), ("M", "tm"));
}

#[test]
fn resolving_status_takes_that_sides_status_history() {
    let b = submitted_base();
    let mut m = b.clone();
    start_review(&mut m);
    comment(&mut m, "2026-11-06T13:00:00Z", "from mine");
    let mut t = b.clone();
    partner_rejects(&mut t);
    let Merge::Conflict(c) = merge(Some(&b), Some(&m), Some(&t)) else {
        panic!()
    };
    assert_eq!(c.fields[0].mine, "under_review");
    assert_eq!(c.fields[0].theirs, "rejected");
    let mine = resolve(&c, &Choices::new(Side::Mine)).unwrap();
    assert_eq!(mine.status, Status::UnderReview);
    assert_eq!(
        mine.last_entry_into(Status::UnderReview).map(|e| e.at),
        Some(at("2026-11-06T10:00:00Z"))
    );
    assert!(
        mine.last_entry_into(Status::Rejected).is_none(),
        "theirs' transition is dropped"
    );
    assert_eq!(mine.comments.len(), 1, "the comment stays");
    let theirs = resolve(&c, &Choices::new(Side::Theirs)).unwrap();
    assert_eq!(theirs.status, Status::Rejected);
    assert!(theirs.last_entry_into(Status::UnderReview).is_none());
    assert_eq!(
        theirs.status_since(),
        Some(at("2026-11-06T11:00:00Z")),
        "deadlines start from the kept entry"
    );
    // History stays in time order.
    assert!(theirs.history.windows(2).all(|w| w[0].at <= w[1].at));
}

#[test]
fn locked_fields_can_be_kept_by_choice() {
    let b = base();
    let m = Claim {
        customer_name: "Mine Ltd".into(),
        ..b.clone()
    };
    let mut t = b.clone();
    submit(&mut t);
    let Merge::Conflict(c) = merge(Some(&b), Some(&m), Some(&t)) else {
        panic!()
    };
    assert_eq!(
        c.fields[0].why,
        Why::Locked {
            status: Status::Submitted
        }
    );
    let r = resolve(&c, &Choices::new(Side::Mine)).unwrap();
    assert_eq!(
        (r.status, r.customer_name.as_str()),
        (Status::Submitted, "Mine Ltd")
    );
    let r = resolve(&c, &Choices::new(Side::Theirs)).unwrap();
    assert_eq!(r.customer_name, b.customer_name);
}

#[test]
fn without_a_base_differences_are_conflicts() {
    let m = Claim {
        name: "M".into(),
        ..base()
    };
    let t = Claim {
        name: "T".into(),
        tenant_id: "same".into(),
        ..base()
    };
    let m2 = Claim {
        tenant_id: "same".into(),
        ..m.clone()
    };
    let Merge::Conflict(c) = merge(None, Some(&m2), Some(&t)) else {
        panic!()
    };
    let paths: Vec<&str> = c.fields.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        ["name"],
        "equal values are no conflict, even without a base"
    );
    assert!(c.base.is_none());
}

#[test]
fn revision_counters_are_ignored() {
    let b = base();
    let m = Claim {
        revision: 5,
        ..b.clone()
    };
    let t = Claim {
        revision: 9,
        ..b.clone()
    };
    assert_eq!(merge(Some(&b), Some(&m), Some(&t)), Merge::Clean(Some(b)));
}

#[test]
fn documents_without_ids_merge_by_content() {
    let b = base();
    let mut m = b.clone();
    m.documents.push(DocumentRef::default());
    let t = b.clone();
    let Merge::Clean(Some(r)) = merge(Some(&b), Some(&m), Some(&t)) else {
        panic!()
    };
    assert_eq!(r.documents.len(), 2);
}

/// Large inputs (a claim document near the 1 MB limit: 4,000 comments and
/// history entries) merge completely. (No time limit here: a timed test
/// flakes on a loaded machine. The merge keys each list once and sorts
/// with cached keys, so its work is O(n log n).)
#[test]
fn large_histories_merge_completely() {
    let mut b = base();
    for i in 0..4000 {
        let t = format!(
            "2026-11-03T{:02}:{:02}:{:02}Z",
            i / 3600,
            i / 60 % 60,
            i % 60
        );
        comment(&mut b, &t, &format!("c{i}"));
    }
    let mut m = b.clone();
    comment(&mut m, "2026-12-01T10:00:00Z", "mine");
    let mut t = b.clone();
    comment(&mut t, "2026-12-01T11:00:00Z", "theirs");
    let Merge::Clean(Some(r)) = merge(Some(&b), Some(&m), Some(&t)) else {
        panic!()
    };
    assert_eq!(r.comments.len(), 4002);
    assert_eq!(r.history.len(), 4003);
    assert_eq!(r.comments[4000].text, "mine");
    assert_eq!(r.comments[4001].text, "theirs");
}
