//! What the app's page gets of team sync (`cpor_desk::sync::view`): a stored
//! conflict reads as a plain view, and a resolve request from the page is
//! checked by the status machine in the worker before anything is stored.

use cpor_desk::domain::claim::{Claim, Status};
use cpor_desk::domain::roles::{Actor, UserRole};
use cpor_desk::storage::{SyncAdapter, block_on};
use cpor_desk::sync::merge::{Choices, Merge, Side, merge};
use cpor_desk::sync::resolution::resolve_request;
use cpor_desk::sync::rev::{Rev, Revisions};
use cpor_desk::sync::view::{ConflictView, ResolveAnswer, ResolveRequest, SyncMeta};
use cpor_desk::sync::{LocalReplica, MemoryReplica, SyncBase, SyncConflict};

use super::harness::{claim, partner};

/// A replica holding claim `c1` renamed here ("Mine") while the server's
/// version renamed it too ("Theirs") and moved it to `theirs_status`.
fn replica_with_conflict(theirs_status: Status) -> (MemoryReplica, SyncConflict) {
    let local = MemoryReplica::new("r1");
    let base = Claim {
        name: "Base".into(),
        ..claim("c1")
    };
    let mine = block_on(local.store().save(Claim {
        name: "Mine".into(),
        ..base.clone()
    }))
    .expect("save");
    let theirs = Claim {
        name: "Theirs".into(),
        status: theirs_status,
        ..base.clone()
    };
    let Merge::Conflict(conflict) = merge(Some(&base), Some(&mine), Some(&theirs)) else {
        panic!("no conflict");
    };
    let recorded = SyncConflict {
        conflict: *conflict,
        parent: SyncBase::confirmed(
            Revisions::of(&Rev::parse("2-abc").expect("rev")),
            Some(theirs),
        ),
    };
    block_on(local.record_conflict(recorded.clone())).expect("record");
    (local, recorded)
}

fn request(choices: Choices, actor: Actor) -> ResolveRequest {
    ResolveRequest {
        claim_id: "c1".into(),
        choices,
        actor,
    }
}

#[test]
fn a_stored_conflict_reads_as_the_view_the_page_renders() {
    let (local, recorded) = replica_with_conflict(Status::Draft);
    // The stored JSON (as in IndexedDB) read as a view: the kind and the
    // fields, without the three claims and the server revision.
    let stored = serde_json::to_value(&recorded).expect("json");
    let view = ConflictView::from_stored(&stored).expect("view");
    assert_eq!(view, ConflictView::from(&recorded));
    assert_eq!((view.id.as_str(), view.deleted), ("c1", None));
    let name = &view.fields[0];
    assert_eq!(
        (name.path.as_str(), &name.base, &name.mine, &name.theirs),
        ("name", &"Base".into(), &"Mine".into(), &"Theirs".into())
    );
    assert_eq!(block_on(local.conflict_views()).expect("views"), vec![view]);
    assert_eq!(
        ConflictView::from_stored(&serde_json::json!({"conflict": 1})),
        None
    );

    // A field locked by the other side's status (they submitted, I
    // renamed), and edit versus delete.
    let base = claim("c2");
    let renamed = Claim {
        name: "Renamed".into(),
        ..base.clone()
    };
    let submitted = Claim {
        status: Status::Submitted,
        ..base.clone()
    };
    let Merge::Conflict(locked) = merge(Some(&base), Some(&renamed), Some(&submitted)) else {
        panic!("no conflict");
    };
    let locked = SyncConflict {
        conflict: *locked,
        parent: SyncBase::confirmed(
            Revisions::of(&Rev::parse("3-s").expect("rev")),
            Some(submitted),
        ),
    };
    let view = ConflictView::from_stored(&serde_json::to_value(&locked).expect("json"));
    assert_eq!(view.as_ref(), Some(&ConflictView::from(&locked)));
    let name = view
        .as_ref()
        .and_then(|v| v.fields.iter().find(|f| f.path == "name"))
        .expect("the name is in conflict");
    assert_eq!(name.locked, Some(Status::Submitted));
    let edited = Claim {
        name: "Edited".into(),
        ..base.clone()
    };
    let Merge::Conflict(deleted) = merge(Some(&base), Some(&edited), None) else {
        panic!("no conflict");
    };
    let deleted = SyncConflict {
        conflict: *deleted,
        parent: SyncBase::confirmed(Revisions::of(&Rev::parse("3-d").expect("rev")), None),
    };
    let view = ConflictView::from_stored(&serde_json::to_value(&deleted).expect("json"));
    assert_eq!(view.as_ref().and_then(|v| v.deleted), Some(Side::Theirs));
    assert_eq!(view, Some(ConflictView::from(&deleted)));

    // The request and the answers are small JSON messages.
    let asked = request(Choices::new(Side::Mine), partner());
    let text = serde_json::to_string(&asked).expect("json");
    assert_eq!(
        serde_json::from_str::<ResolveRequest>(&text).ok(),
        Some(asked)
    );
    for answer in [
        ResolveAnswer::Resolved,
        ResolveAnswer::Forbidden,
        ResolveAnswer::Missing,
        ResolveAnswer::FieldLocked {
            field: "name".into(),
            status: Status::Submitted,
        },
        ResolveAnswer::Failed {
            detail: "disk full".into(),
        },
    ] {
        let json = serde_json::to_value(&answer).expect("json");
        assert_eq!(ResolveAnswer::from_value(&json), answer, "{json}");
    }
    assert_eq!(
        serde_json::to_value(ResolveAnswer::Resolved).expect("json"),
        serde_json::json!({"result": "resolved"})
    );
}

#[test]
fn the_page_writes_a_resolve_request_by_hand_in_the_shape_the_worker_reads() {
    let actors = [
        Actor::partner("org-a", UserRole::IncentivesUser, "Ada \"A\" Ö"),
        Actor::reviewer("Rita"),
        Actor::customer("Carl"),
        Actor::System,
    ];
    let roles = UserRole::ALL
        .iter()
        .map(|r| Actor::partner("org-b", *r, ""));
    let paths = ["name", "customerContact.email", "documents[d1]", "_deleted"];
    for (i, actor) in actors.into_iter().chain(roles).enumerate() {
        let default = if i % 2 == 0 { Side::Mine } else { Side::Theirs };
        let mut choices = Choices::new(default);
        for (n, path) in paths.into_iter().take(i % 5).enumerate() {
            choices = choices.with(path, if n % 2 == 0 { Side::Theirs } else { Side::Mine });
        }
        let asked = ResolveRequest {
            claim_id: format!("claim-{i}"),
            choices,
            actor,
        };
        let hand = asked.to_json();
        assert_eq!(
            hand,
            serde_json::to_value(&asked).expect("json"),
            "{asked:?}"
        );
        assert_eq!(
            serde_json::from_str::<ResolveRequest>(&hand.to_string()).ok(),
            Some(asked)
        );
    }
}

#[test]
fn a_resolve_request_is_checked_by_the_status_machine_before_it_is_stored() {
    // Theirs submitted the claim: keeping my name is an edit the submitted
    // status locks, refused like an edit; nothing is stored.
    let (local, _) = replica_with_conflict(Status::Submitted);
    let keep_my_name = Choices::new(Side::Theirs).with("name", Side::Mine);
    assert_eq!(
        block_on(resolve_request(&local, &request(keep_my_name, partner()))),
        ResolveAnswer::FieldLocked {
            field: "name".into(),
            status: Status::Submitted
        }
    );
    // A viewer may not resolve.
    let viewer = Actor::partner("org-1", UserRole::AccountAdmin, "Vic");
    assert_eq!(
        block_on(resolve_request(
            &local,
            &request(Choices::new(Side::Theirs), viewer)
        )),
        ResolveAnswer::Forbidden
    );
    assert_eq!(block_on(local.conflict_views()).expect("views").len(), 1);
    assert_eq!(
        block_on(local.load_claim("c1"))
            .expect("load")
            .map(|c| c.name),
        Some("Mine".to_string()),
        "nothing stored"
    );

    // Theirs: stored as a normal save on the server's version, the
    // conflict cleared; a second request finds none.
    let theirs = request(Choices::new(Side::Theirs), partner());
    assert_eq!(
        block_on(resolve_request(&local, &theirs)),
        ResolveAnswer::Resolved
    );
    let stored = block_on(local.load_claim("c1"))
        .expect("load")
        .expect("claim");
    assert_eq!(
        (stored.name.as_str(), stored.status),
        ("Theirs", Status::Submitted)
    );
    assert!(block_on(local.conflict_views()).expect("views").is_empty());
    assert_eq!(
        block_on(local.base("c1"))
            .expect("base")
            .and_then(|b| b.rev()),
        Rev::parse("2-abc")
    );
    assert_eq!(
        block_on(resolve_request(&local, &theirs)),
        ResolveAnswer::Missing
    );
}
