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
