//! The enums read through a flat record (`domain::flat`) read JSON as the
//! serde-derived internally tagged enums they replaced, kept here as the
//! reference: stored claims (history actions, actors, comment notes) and
//! the PoE worker's reports written by any earlier version still read the
//! same, and are written byte for byte the same.
use chrono::NaiveDate;
use cpor_desk::domain::claim::{
    Action, ChecklistItem, CommentNote, InfoReason, PartnerRequestReason, ProductLine, RejectReason,
};
use cpor_desk::domain::poe::precheck::{Limited, Precheck};
use cpor_desk::domain::poe::{ChecklistResult, poe_checklist};
use cpor_desk::domain::policy::Policy;
use cpor_desk::domain::roles::{Actor, UserRole};
use serde::{Deserialize, Serialize};

#[path = "../tagged/reads_like.rs"]
mod reads_like;
use reads_like::assert_reads_like;

/// `Limited` as serde derived it before.
#[derive(Serialize, Deserialize, Debug)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
enum RefLimited {
    Pages { checked: u32, total: u32 },
    Text { bytes: u64 },
}

/// `Precheck` as serde derived it before.
#[derive(Serialize, Deserialize, Debug)]
#[serde(
    tag = "outcome",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
enum RefPrecheck {
    Checked {
        pages: u32,
        chars: u64,
        results: Vec<ChecklistResult>,
        extract_ms: f64,
        analyze_ms: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        limited: Option<RefLimited>,
    },
    NoText {
        pages: u32,
        image: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        limited: Option<RefLimited>,
    },
    NotRead {
        code: String,
        detail: String,
    },
}

/// Checklist results with evidence notes of many kinds.
fn results() -> Vec<ChecklistResult> {
    let claim = cpor_desk::domain::claim::Claim {
        customer_name: "Contoso Ltd".into(),
        customer_domain: "contoso.com".into(),
        products: vec![ProductLine::new("teams")],
        ..Default::default()
    };
    let text = "Contoso Ltd Teams rollout and deployment. Signed: Anna Berg 2026-09-01. \
                05/06/2026. Signature: ______";
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let results = poe_checklist(text, &claim, today, &Policy::default());
    assert!(results.iter().map(|r| r.evidence.len()).sum::<usize>() > 5);
    results
}

#[test]
fn precheck_reports_read_as_the_derived_enum_reads_them() {
    let limits = [
        None,
        Some(RefLimited::Pages {
            checked: 50,
            total: 120,
        }),
        Some(RefLimited::Text { bytes: 2_000_000 }),
    ];
    let mut samples = Vec::new();
    for limited in limits {
        let again = || match &limited {
            None => None,
            Some(RefLimited::Pages { checked, total }) => Some(RefLimited::Pages {
                checked: *checked,
                total: *total,
            }),
            Some(RefLimited::Text { bytes }) => Some(RefLimited::Text { bytes: *bytes }),
        };
        samples.push(RefPrecheck::Checked {
            pages: 3,
            chars: 900,
            results: results(),
            extract_ms: 12.5,
            analyze_ms: 1.0,
            limited: again(),
        });
        for image in [false, true] {
            samples.push(RefPrecheck::NoText {
                pages: 1,
                image,
                limited: again(),
            });
        }
    }
    samples.push(RefPrecheck::NotRead {
        code: "encrypted".into(),
        detail: "the PDF is password-protected".into(),
    });
    let tags = ["checked", "noText", "notRead"];
    let n = assert_reads_like::<RefPrecheck, Precheck>("outcome", &tags, &samples);
    assert!(n > 300, "{n} inputs");
    let limits = [
        RefLimited::Pages {
            checked: 50,
            total: 120,
        },
        RefLimited::Text { bytes: 7 },
    ];
    assert_reads_like::<RefLimited, Limited>("kind", &["pages", "text"], &limits);
    // The notes of a report read through the record are the same notes.
    let report = Precheck::Checked {
        pages: 1,
        chars: 1,
        results: results(),
        extract_ms: 0.0,
        analyze_ms: 0.0,
        limited: None,
    };
    let json = serde_json::to_string(&report).unwrap();
    assert_eq!(serde_json::from_str::<Precheck>(&json).unwrap(), report);
}

/// `Actor` as serde derived it before.
#[derive(Serialize, Deserialize, Debug)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum RefActor {
    #[serde(rename_all = "camelCase")]
    Partner {
        org_id: String,
        role: UserRole,
        #[serde(default)]
        name: String,
    },
    Reviewer {
        #[serde(default)]
        name: String,
    },
    Customer {
        #[serde(default)]
        name: String,
    },
    System,
}

#[test]
fn actors_read_as_the_derived_enum_reads_them() {
    let mut samples = Vec::new();
    for &role in UserRole::ALL {
        for name in ["", "Ada"] {
            samples.push(RefActor::Partner {
                org_id: "org-a".into(),
                role,
                name: name.into(),
            });
        }
    }
    for name in ["", "Rita", "Microsoft reviewer"] {
        samples.push(RefActor::Reviewer { name: name.into() });
        samples.push(RefActor::Customer { name: name.into() });
    }
    samples.push(RefActor::System);
    let tags = ["partner", "reviewer", "customer", "system"];
    assert_reads_like::<RefActor, Actor>("kind", &tags, &samples);
}

/// `CommentNote` as serde derived it before.
#[derive(Serialize, Deserialize, Debug)]
#[serde(tag = "type", rename_all = "snake_case")]
enum RefCommentNote {
    CompetingReview,
    AssociationEnded { products: Vec<String> },
}

#[test]
fn comment_notes_read_as_the_derived_enum_reads_them() {
    let samples = [
        RefCommentNote::CompetingReview,
        RefCommentNote::AssociationEnded { products: vec![] },
        RefCommentNote::AssociationEnded {
            products: vec!["teams".into(), "d365_sales".into()],
        },
    ];
    let tags = ["competing_review", "association_ended"];
    assert_reads_like::<RefCommentNote, CommentNote>("type", &tags, &samples);
}

/// `Action` as serde derived it before.
#[derive(Serialize, Deserialize, Debug)]
#[serde(tag = "type", rename_all = "snake_case")]
enum RefAction {
    Created {
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            rename = "copiedFrom"
        )]
        copied_from: Option<String>,
    },
    Edited,
    Submitted,
    ReviewStarted,
    InfoRequested {
        reasons: Vec<InfoReason>,
        #[serde(default)]
        comment: String,
    },
    Approved,
    Rejected {
        reason: RejectReason,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            rename = "partnerReason"
        )]
        partner_reason: Option<PartnerRequestReason>,
        #[serde(default)]
        comment: String,
    },
    ConsentDenied,
    ConsentPeriodEnded,
    Disputed {
        justification: String,
        #[serde(default)]
        documents: Vec<String>,
    },
    AssociationEnded {
        products: Vec<ProductLine>,
    },
    Commented,
    DocumentAdded {
        id: String,
        name: String,
    },
    DocumentRemoved {
        id: String,
        name: String,
    },
    ChecklistTicked {
        document: String,
        item: ChecklistItem,
        value: bool,
    },
    Deleted,
}

#[test]
fn history_actions_read_as_the_derived_enum_reads_them() {
    let mut samples = vec![
        RefAction::Created { copied_from: None },
        RefAction::Created {
            copied_from: Some("c-7".into()),
        },
        RefAction::Edited,
        RefAction::Submitted,
        RefAction::ReviewStarted,
        RefAction::InfoRequested {
            reasons: vec![],
            comment: String::new(),
        },
        RefAction::InfoRequested {
            reasons: InfoReason::ALL.to_vec(),
            comment: "Please add the SOW".into(),
        },
        RefAction::Approved,
        RefAction::ConsentDenied,
        RefAction::ConsentPeriodEnded,
        RefAction::Disputed {
            justification: String::new(),
            documents: vec![],
        },
        RefAction::Disputed {
            justification: "We did the work".into(),
            documents: vec!["d1".into(), "d2".into()],
        },
        RefAction::AssociationEnded { products: vec![] },
        RefAction::AssociationEnded {
            products: vec![ProductLine::new("teams"), ProductLine::new("d365_sales")],
        },
        RefAction::Commented,
        RefAction::DocumentAdded {
            id: "d1".into(),
            name: "sow.pdf".into(),
        },
        RefAction::DocumentRemoved {
            id: "d1".into(),
            name: "sow.pdf".into(),
        },
        RefAction::Deleted,
    ];
    for reason in [
        RejectReason::InsufficientPoe,
        RejectReason::PartnerRequest,
        RejectReason::NoPartnerResponse,
    ] {
        samples.push(RefAction::Rejected {
            reason,
            partner_reason: None,
            comment: String::new(),
        });
        for &partner_reason in PartnerRequestReason::ALL {
            samples.push(RefAction::Rejected {
                reason,
                partner_reason: Some(partner_reason),
                comment: "Wrong MPN".into(),
            });
        }
    }
    for &item in ChecklistItem::ALL {
        for value in [false, true] {
            samples.push(RefAction::ChecklistTicked {
                document: "d1".into(),
                item,
                value,
            });
        }
    }
    let tags = [
        "created",
        "edited",
        "submitted",
        "review_started",
        "info_requested",
        "approved",
        "rejected",
        "consent_denied",
        "consent_period_ended",
        "disputed",
        "association_ended",
        "commented",
        "document_added",
        "document_removed",
        "checklist_ticked",
        "deleted",
    ];
    assert_reads_like::<RefAction, Action>("type", &tags, &samples);
}

/// How `storage::migrate_claim_record` read a record before: the claim of
/// a record that is not the current shape was read from its
/// `serde_json::Value`; it is now read from that value's text.
fn migrate_as_before(raw: &str) -> Result<cpor_desk::domain::claim::Claim, String> {
    use cpor_desk::domain::claim::Claim;
    #[derive(Deserialize)]
    struct Current {
        schema: u64,
        claim: Claim,
    }
    if let Ok(Current { schema: 1, claim }) = serde_json::from_str::<Current>(raw)
        && !claim.id.trim().is_empty()
    {
        cpor_desk::domain::intake::check_stored(&claim)?;
        return Ok(claim);
    }
    let value: serde_json::Value = serde_json::from_str(raw).map_err(|e| e.to_string())?;
    let obj = value.as_object().ok_or("not an object")?;
    let claim_value = match obj.get("schema").map(serde_json::Value::as_u64) {
        None => value.clone(),
        Some(Some(1)) => obj.get("claim").cloned().ok_or("no claim")?,
        _ => return Err("schema".into()),
    };
    let claim: Claim = serde_json::from_value(claim_value).map_err(|e| e.to_string())?;
    if claim.id.trim().is_empty() {
        return Err("no id".into());
    }
    cpor_desk::domain::intake::check_stored(&claim)?;
    Ok(claim)
}

/// Every place in `value` (each key of each object, each element of each
/// array), each changed in every way `change` gives, one at a time.
fn variations(value: &serde_json::Value) -> Vec<serde_json::Value> {
    use serde_json::{Value, json};
    let wrong = [
        json!(null),
        json!(-1),
        json!(1.5),
        json!("x"),
        json!(true),
        json!([]),
        json!({}),
    ];
    let mut out = Vec::new();
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                let mut less = map.clone();
                less.remove(key);
                out.push(Value::Object(less));
                for w in &wrong {
                    let mut m = map.clone();
                    m.insert(key.clone(), w.clone());
                    out.push(Value::Object(m));
                }
                for v in variations(inner) {
                    let mut m = map.clone();
                    m.insert(key.clone(), v);
                    out.push(Value::Object(m));
                }
            }
            let mut more = map.clone();
            more.insert("unknownKey".into(), json!({"a": [1]}));
            out.push(Value::Object(more));
        }
        Value::Array(items) => {
            for (i, inner) in items.iter().enumerate() {
                for v in variations(inner) {
                    let mut a = items.clone();
                    a[i] = v;
                    out.push(Value::Array(a));
                }
            }
        }
        _ => {}
    }
    out
}

#[test]
fn stored_records_of_older_shapes_read_as_from_their_value() {
    use chrono::{TimeZone, Utc};
    use cpor_desk::domain::claim::{Claim, Comment, Contact, DocumentRef, HistoryEntry, Status};
    use cpor_desk::storage::migrate_claim_record;
    let at = Utc.with_ymd_and_hms(2026, 11, 2, 9, 30, 0).unwrap();
    let partner = Actor::Partner {
        org_id: "org-a".into(),
        role: UserRole::GlobalAdmin,
        name: "Ada".into(),
    };
    let mut claim = Claim {
        id: "c1".into(),
        name: "Contoso Teams".into(),
        solution_area: Some("modern_work_security".into()),
        customer_name: "Contoso Ltd".into(),
        customer_domain: "contoso.com".into(),
        products: vec![ProductLine::new("teams")],
        customer_contact: Contact {
            name: "Carl".into(),
            email: "carl@contoso.com".into(),
            phone: Some("+46 8 123".into()),
        },
        documents: vec![DocumentRef {
            id: "d1".into(),
            name: "sow.pdf".into(),
            kind: "pdf".into(),
            size: 900,
            added_at: Some(at),
            ..Default::default()
        }],
        status: Status::PartnerActionRequired,
        revision: 4,
        created_at: Some(at),
        ..Claim::default()
    };
    claim.comments.push(Comment {
        at,
        actor: Actor::System,
        text: String::new(),
        note: Some(CommentNote::AssociationEnded {
            products: vec!["teams".into()],
        }),
    });
    for action in [
        Action::Created { copied_from: None },
        Action::InfoRequested {
            reasons: vec![InfoReason::MissingAllPoe],
            comment: "SOW".into(),
        },
        Action::Rejected {
            reason: RejectReason::PartnerRequest,
            partner_reason: Some(PartnerRequestReason::WrongMpn),
            comment: String::new(),
        },
        Action::ChecklistTicked {
            document: "d1".into(),
            item: ChecklistItem::Dates,
            value: true,
        },
    ] {
        claim.history.push(HistoryEntry {
            at,
            actor: partner.clone(),
            action,
            from: Some(Status::Draft),
            to: None,
            changes: vec![],
        });
    }
    let bare = serde_json::to_value(&claim).unwrap();
    let mut inputs = vec![bare.clone()];
    inputs.extend(variations(&bare));
    let mut records: Vec<String> = Vec::new();
    for input in &inputs {
        records.push(input.to_string());
        records.push(serde_json::json!({"schema": 1, "claim": input}).to_string());
        // A record the typed pass refuses (a duplicate key): the general
        // path reads it.
        records.push(format!(r#"{{"schema":1,"claim":{input},"schema":1}}"#));
    }
    // Duplicate keys: the value keeps the last one.
    records.push(r#"{"id":"a","id":"b","name":"x"}"#.into());
    records.push(r#"{"schema":1,"claim":{"id":"a","status":"draft","status":"approved"}}"#.into());
    let mut read = 0;
    for raw in &records {
        let new = migrate_claim_record(raw);
        let old = migrate_as_before(raw);
        assert_eq!(new.as_ref().ok(), old.as_ref().ok(), "{raw}");
        read += usize::from(new.is_ok());
    }
    assert!(
        read > 100 && read < records.len(),
        "{read} of {}",
        records.len()
    );
}
