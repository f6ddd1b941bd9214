//! Two-replica scenarios, written once, run against `FakeCouch` (fake.rs)
//! and a real pouchdb-server (pouchdb.rs).

use cpor_desk::storage::{SyncAdapter, block_on};
use cpor_desk::sync::merge::{Choices, ConflictKind, Side};
use cpor_desk::sync::{LocalReplica, SyncError, resolve_conflict};

use super::harness::{Pair, Server, bytes, claim, document_ref, stored};
use crate::support::FABRIKAM;

/// Create on A appears on B; edit on B appears on A; a pulled version is a
/// normal local save (revision + 1); syncing again changes nothing.
pub fn create_and_edit_both_ways(server: &dyn Server, db: &str) {
    let p = Pair::new(server, db);
    p.save(&p.a, claim("c1"));
    let r = p.sync_ok(&p.a);
    assert_eq!(r.pushed, 1, "{r:?}");
    let r = p.sync_ok(&p.b);
    assert_eq!(r.pulled, 1, "{r:?}");
    let on_b = p.get(&p.b, "c1").expect("c1 on B");
    assert_eq!(on_b.name, "Claim c1");
    assert_eq!(on_b.revision, 1, "applied as a normal save");

    p.edit(&p.b, "c1", |c| c.customer_name = "Contoso Europe".into());
    assert_eq!(p.sync_ok(&p.b).pushed, 1);
    let r = p.sync_ok(&p.a);
    assert_eq!(r.pulled, 1, "{r:?}");
    let on_a = p.get(&p.a, "c1").expect("c1 on A");
    assert_eq!(on_a.customer_name, "Contoso Europe");
    assert_eq!(
        on_a.revision, 2,
        "the pull bumped A's revision (stale tabs see a conflict)"
    );

    for r in [&p.a, &p.b] {
        let again = p.sync_ok(r);
        assert_eq!(
            (again.pulled, again.pushed, again.merged),
            (0, 0, 0),
            "{again:?}"
        );
    }
    p.assert_converged();
}

/// Offline edits of different fields on A and B merge and converge.
pub fn different_fields_merge(server: &dyn Server, db: &str) {
    let p = Pair::new(server, db);
    p.shared(&["c1"]);
    p.edit(&p.a, "c1", |c| c.name = "Renamed on A".into());
    p.edit(&p.b, "c1", |c| {
        c.partner_contact.email = "bea@adatum.com".into();
        c.customer_contact.name = "Cleo B".into();
    });
    p.sync_ok(&p.a);
    let r = p.sync_ok(&p.b);
    assert_eq!((r.merged, r.pushed, r.conflicts.len()), (1, 1, 0), "{r:?}");
    p.sync_ok(&p.a);
    p.assert_converged();
    let c = p.get(&p.a, "c1").expect("c1");
    assert_eq!(c.name, "Renamed on A");
    assert_eq!(c.partner_contact.email, "bea@adatum.com");
    assert_eq!(c.customer_contact.name, "Cleo B");
    assert!(p.server_conflicts("c1").is_empty());
}

/// The same field on both sides: a conflict on the later side; resolving it
/// converges both and leaves no `_conflicts` on the server.
pub fn same_field_conflict_resolved(server: &dyn Server, db: &str) {
    let p = Pair::new(server, db);
    p.shared(&["c1"]);
    p.edit(&p.a, "c1", |c| {
        c.name = "From A".into();
        c.tenant_id = FABRIKAM.into();
    });
    p.edit(&p.b, "c1", |c| c.name = "From B".into());
    p.sync_ok(&p.a);
    let r = p.sync_ok(&p.b);
    assert_eq!(r.conflicts, ["c1"], "{r:?}");
    assert_eq!(
        p.get(&p.b, "c1").expect("c1").name,
        "From B",
        "B's edit is kept until resolved"
    );
    let conflicts = block_on(p.b.conflicts()).expect("conflicts");
    assert_eq!(conflicts.len(), 1);
    let conflict = &conflicts[0];
    let paths: Vec<&str> = conflict
        .conflict
        .fields
        .iter()
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(paths, ["name"], "only the field both changed");
    assert_eq!(conflict.conflict.fields[0].mine, "From B");
    assert_eq!(conflict.conflict.fields[0].theirs, "From A");
    // Not pushed while waiting for the user.
    assert_eq!(p.sync_ok(&p.b).pushed, 0);

    let choices = Choices::new(Side::Theirs).with("name", Side::Mine);
    let resolved = block_on(resolve_conflict(&p.b, conflict, &choices))
        .expect("resolve")
        .expect("kept");
    assert_eq!(resolved.name, "From B");
    assert_eq!(resolved.tenant_id, FABRIKAM, "A's other edit merged");
    assert_eq!(p.sync_ok(&p.b).pushed, 1);
    p.sync_ok(&p.a);
    p.assert_converged();
    assert!(p.server_conflicts("c1").is_empty());
    assert_eq!(p.get(&p.a, "c1").expect("c1").name, "From B");
}

/// Both browsers push offline edits before reading: the server holds two
/// leaves. The next sync merges them (disjoint fields) from their common
/// ancestor, writes the result on the winner and ends the loser: no
/// `_conflicts` remain. For the same field, the user decides.
pub fn server_side_conflicts(server: &dyn Server, db: &str) {
    let p = Pair::new(server, db);
    p.shared(&["c1", "c2"]);
    p.edit(&p.a, "c1", |c| c.name = "A's name".into());
    p.edit(&p.b, "c1", |c| c.customer_domain = "contoso.se".into());
    p.edit(&p.a, "c2", |c| c.name = "A's c2".into());
    p.edit(&p.b, "c2", |c| c.name = "B's c2".into());
    p.push_only(&p.a);
    p.push_only(&p.b);
    assert_eq!(
        p.server_conflicts("c1").len(),
        1,
        "two leaves on the server"
    );
    assert_eq!(p.server_conflicts("c2").len(), 1);

    let r = p.sync_ok(&p.a);
    assert!(r.merged >= 1, "{r:?}");
    assert_eq!(r.conflicts, ["c2"], "{r:?}");
    assert!(
        p.server_conflicts("c1").is_empty(),
        "resolved on the server"
    );
    let c1 = p.get(&p.a, "c1").expect("c1");
    assert_eq!(
        (c1.name.as_str(), c1.customer_domain.as_str()),
        ("A's name", "contoso.se")
    );

    let conflict = block_on(p.a.conflicts()).expect("conflicts").remove(0);
    block_on(resolve_conflict(&p.a, &conflict, &Choices::new(Side::Mine))).expect("resolve");
    p.sync_ok(&p.a);
    assert!(
        p.server_conflicts("c2").is_empty(),
        "the user's resolution ended the losing leaf"
    );
    p.sync_ok(&p.b);
    p.sync_ok(&p.a);
    p.assert_converged();
}

/// Both browsers push offline edits of the same field, and both read the
/// two leaves before either resolves: each records the conflict (both show
/// the banner). One resolves; the other must then take that resolution and
/// drop its own banner, whichever side the server's pick favoured, and no
/// leaf is left on the server (the e2e `offline edits` test's race).
pub fn both_record_the_conflict_one_resolves(server: &dyn Server, db: &str) {
    for (resolver, keep) in [
        ("a", Side::Mine),
        ("b", Side::Mine),
        ("a", Side::Theirs),
        ("b", Side::Theirs),
    ] {
        let db = format!(
            "{db}-{resolver}-{}",
            if keep == Side::Mine { "mine" } else { "theirs" }
        );
        let p = Pair::new(server, &db);
        p.shared(&["c1"]);
        p.edit(&p.a, "c1", |c| c.name = "Name by A".into());
        p.edit(&p.b, "c1", |c| c.name = "Name by B".into());
        p.push_only(&p.a);
        p.push_only(&p.b);
        assert_eq!(
            p.server_conflicts("c1").len(),
            1,
            "two leaves on the server"
        );
        assert_eq!(p.sync_ok(&p.a).conflicts, ["c1"], "A records it");
        assert_eq!(p.sync_ok(&p.b).conflicts, ["c1"], "B records it");

        let (me, other) = if resolver == "a" {
            (&p.a, &p.b)
        } else {
            (&p.b, &p.a)
        };
        let conflict = block_on(me.conflicts()).expect("conflicts").remove(0);
        let resolved = block_on(resolve_conflict(me, &conflict, &Choices::new(keep)))
            .expect("resolve")
            .expect("kept");
        // "Mine" is the resolver's own edit, "theirs" the colleague's.
        let (own, colleague) = match resolver {
            "a" => ("Name by A", "Name by B"),
            _ => ("Name by B", "Name by A"),
        };
        let expected = if keep == Side::Mine { own } else { colleague };
        assert_eq!(resolved.name, expected, "{db}: what the resolver chose");
        p.sync_ok(me);
        p.sync_ok(other);
        p.sync_ok(me);
        p.assert_converged();
        assert!(p.server_conflicts("c1").is_empty(), "{db}: no leaf left");
        assert_eq!(p.get(other, "c1").expect("c1").name, resolved.name, "{db}");
        assert!(
            block_on(other.conflicts()).expect("conflicts").is_empty(),
            "{db}: the other side's banner is gone"
        );
    }
}

/// A deletes while B edits: B gets an edit/delete conflict (never a silent
/// loss or resurrection); keeping B's edit brings the claim back to A.
pub fn delete_versus_edit(server: &dyn Server, db: &str) {
    let p = Pair::new(server, db);
    p.shared(&["c1", "c2"]);
    // A deletes c1 and c2; B edits c1 only.
    p.delete(&p.a, "c1");
    p.delete(&p.a, "c2");
    p.edit(&p.b, "c1", |c| c.name = "Still needed".into());
    assert_eq!(p.sync_ok(&p.a).pushed, 2);
    let r = p.sync_ok(&p.b);
    assert_eq!(r.deleted, 1, "c2, untouched on B, is deleted there: {r:?}");
    assert_eq!(r.conflicts, ["c1"], "{r:?}");
    assert!(p.get(&p.b, "c2").is_none());
    let conflict = block_on(p.b.conflicts()).expect("conflicts").remove(0);
    assert_eq!(
        conflict.conflict.kind,
        ConflictKind::EditDelete {
            deleted: Side::Theirs
        }
    );
    assert!(
        p.get(&p.b, "c1").is_some(),
        "B's edit is kept until resolved"
    );

    let kept =
        block_on(resolve_conflict(&p.b, &conflict, &Choices::new(Side::Mine))).expect("resolve");
    assert_eq!(kept.expect("kept").name, "Still needed");
    p.sync_ok(&p.b);
    let r = p.sync_ok(&p.a);
    assert_eq!(r.pulled, 1, "{r:?}");
    assert_eq!(p.get(&p.a, "c1").expect("back on A").name, "Still needed");
    p.assert_converged();
    assert!(p.server_conflicts("c1").is_empty());
}

/// The other direction: A deleted locally while B's edit is on the server;
/// choosing the server's version brings it back on A.
pub fn edit_versus_local_delete(server: &dyn Server, db: &str) {
    let p = Pair::new(server, db);
    p.shared(&["c1"]);
    p.edit(&p.b, "c1", |c| c.name = "Edited on B".into());
    p.sync_ok(&p.b);
    p.delete(&p.a, "c1");
    let r = p.sync_ok(&p.a);
    assert_eq!(r.conflicts, ["c1"], "{r:?}");
    let conflict = block_on(p.a.conflicts()).expect("conflicts").remove(0);
    assert_eq!(
        conflict.conflict.kind,
        ConflictKind::EditDelete {
            deleted: Side::Mine
        }
    );
    let back = block_on(resolve_conflict(
        &p.a,
        &conflict,
        &Choices::new(Side::Theirs),
    ))
    .expect("resolve");
    assert_eq!(back.expect("restored").name, "Edited on B");
    p.sync_ok(&p.a);
    p.sync_ok(&p.b);
    p.assert_converged();
}

/// A 10 MB PoE file goes from A to B byte-identical; a later claim edit
/// sends no attachment bytes.
pub fn large_attachment_round_trip(server: &dyn Server, db: &str) {
    const SIZE: usize = 10 * 1024 * 1024;
    let p = Pair::new(server, db);
    let data = bytes(SIZE, 7);
    block_on(p.a.store().put_document(stored("d1", data.clone()))).expect("put");
    let mut c = claim("c1");
    c.documents.push(document_ref("d1", SIZE));
    p.save(&p.a, c);
    p.net.reset();
    let r = p.sync_ok(&p.a);
    assert_eq!((r.pushed, r.files_pushed), (1, 1), "{r:?}");
    assert!(
        p.net.up.get() > SIZE * 4 / 3,
        "the bytes went up once, as base64"
    );
    assert!(p.net.up.get() < SIZE * 3 / 2, "and only once");

    p.net.reset();
    let r = p.sync_ok(&p.b);
    assert_eq!((r.pulled, r.files_pulled), (1, 1), "{r:?}");
    let got = block_on(p.b.store().get_document("d1"))
        .expect("get")
        .expect("file on B");
    assert!(got.bytes == data, "byte-identical");
    assert_eq!(
        (got.name.as_str(), got.media_type.as_str()),
        ("d1.pdf", "application/pdf")
    );
    assert!(
        p.net.down.get() >= SIZE && p.net.down.get() < SIZE + SIZE / 10,
        "downloaded as raw bytes, once"
    );

    p.edit(&p.a, "c1", |c| c.name = "Renamed".into());
    p.net.reset();
    assert_eq!(p.sync_ok(&p.a).pushed, 1);
    let r = p.sync_ok(&p.b);
    assert_eq!((r.pulled, r.files_pulled), (1, 0), "{r:?}");
    assert!(
        p.net.up.get() < 64 * 1024,
        "a claim edit sends no file bytes ({} up)",
        p.net.up.get()
    );
    assert!(
        p.net.down.get() < 64 * 1024,
        "nor fetches them ({} down)",
        p.net.down.get()
    );
    assert_eq!(p.net.count("/file?rev="), 0);
    p.assert_converged();
}

/// A lost local checkpoint means a full re-read that changes nothing.
pub fn checkpoint_loss(server: &dyn Server, db: &str) {
    let p = Pair::new(server, db);
    for id in ["c1", "c2", "c3"] {
        p.save(&p.a, claim(id));
    }
    block_on(p.a.store().put_document(stored("d1", bytes(1000, 1)))).expect("put");
    p.edit(&p.a, "c1", |c| c.documents.push(document_ref("d1", 1000)));
    p.sync_ok(&p.a);
    p.sync_ok(&p.b);
    p.edit(&p.a, "c2", |c| c.name = "Changed".into());
    p.sync_ok(&p.a);
    p.sync_ok(&p.b);
    let before = block_on(p.b.store().load_all()).expect("load_all");

    p.b.lose_checkpoints();
    p.net.reset();
    let r = p.sync_ok(&p.b);
    assert_eq!(
        (r.pulled, r.deleted, r.pushed, r.files_pulled, r.merged),
        (0, 0, 0, 0, 0),
        "{r:?}"
    );
    assert!(r.conflicts.is_empty() && !r.reset_detected, "{r:?}");
    assert!(
        p.net.count("_changes?style=all_docs&since=0&") >= 1,
        "read from the start"
    );
    assert_eq!(
        p.net.count("_bulk_get"),
        0,
        "every revision is already here"
    );
    let after = block_on(p.b.store().load_all()).expect("load_all");
    assert_eq!(before, after, "same state, same revision counters");
    p.assert_converged();
}

/// The server database was reset: detected at session start, everything
/// is sent again (files too), and both browsers carry on.
pub fn server_reset(server: &dyn Server, db: &str) {
    let p = Pair::new(server, db);
    for id in ["c1", "c2"] {
        p.save(&p.a, claim(id));
    }
    block_on(p.a.store().put_document(stored("d1", bytes(5000, 2)))).expect("put");
    p.edit(&p.a, "c1", |c| c.documents.push(document_ref("d1", 5000)));
    p.sync_ok(&p.a);
    p.sync_ok(&p.b);

    server.reset_db(db);
    let r = p.sync_ok(&p.a);
    assert!(r.reset_detected, "{r:?}");
    assert_eq!(
        (r.pushed, r.files_pushed),
        (2, 1),
        "everything re-sent: {r:?}"
    );
    let r = p.sync_ok(&p.b);
    assert!(r.reset_detected, "{r:?}");
    assert_eq!(
        (r.pushed, r.pulled, r.conflicts.len()),
        (0, 0, 0),
        "the same revisions: {r:?}"
    );
    p.edit(&p.b, "c2", |c| c.name = "After the reset".into());
    p.sync_ok(&p.b);
    p.sync_ok(&p.a);
    p.assert_converged();
    assert!(p.server_conflicts("c1").is_empty() && p.server_conflicts("c2").is_empty());
}

/// A wrong password: a clear error at once, not retryable, one request.
pub fn wrong_password(p: &Pair<'_>) {
    p.save(&p.a, claim("c1"));
    p.net.reset();
    let err = p.sync(&p.a).unwrap_err();
    assert_eq!(err, SyncError::Unauthorized);
    assert_eq!(err.code(), "sync.unauthorized");
    assert!(!err.is_retryable());
    assert_eq!(
        p.net.lines.borrow().len(),
        1,
        "no retry loop: {:?}",
        p.net.lines.borrow()
    );
}
