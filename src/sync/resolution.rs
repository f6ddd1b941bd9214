//! A user's resolution of a sync conflict, checked the way the status
//! machine checks a partner's edit before anything is stored: only a partner
//! who may edit the organisation's claims resolves, and the result changes
//! no field the resulting status locks (a "keep mine" for a field the other
//! side's new status no longer lets a partner change is refused with
//! `edit.field_locked`, as an edit would be).
//!
//! ```
//! use cpor_desk::domain::claim::{Claim, Status};
//! use cpor_desk::domain::roles::{Actor, UserRole};
//! use cpor_desk::sync::merge::{Choices, Merge, Side, merge};
//! use cpor_desk::sync::resolution::checked_resolution;
//!
//! let base = Claim { id: "c".into(), name: "Base".into(), ..Claim::default() };
//! let mine = Claim { name: "Mine".into(), ..base.clone() };
//! let theirs = Claim { name: "Theirs".into(), ..base.clone() };
//! let Merge::Conflict(conflict) = merge(Some(&base), Some(&mine), Some(&theirs)) else { panic!() };
//! let ada = Actor::partner("", UserRole::IncentivesUser, "Ada");
//! let kept = checked_resolution(&conflict, &Choices::new(Side::Mine), &ada).unwrap();
//! assert_eq!(kept.unwrap().name, "Mine");
//! let viewer = Actor::partner("", UserRole::AccountAdmin, "Vic");
//! assert!(checked_resolution(&conflict, &Choices::new(Side::Mine), &viewer).is_err());
//! ```

use serde_json::Value;

use super::SyncError;
use super::merge::{Choices, Conflict, resolve};
use super::replica::{LocalReplica, resolve_conflict};
use super::view::{ResolveAnswer, ResolveRequest};
use crate::domain::claim::Claim;
use crate::domain::roles::Actor;
use crate::domain::status::{TransitionError, field_editable};

/// The event name of a resolution in errors.
pub const RESOLVE_EVENT: &str = "resolve_conflict";

/// Fields that are not partner edits (unions, bookkeeping).
const NOT_EDITS: &[&str] = &[
    "id",
    "revision",
    "status",
    "history",
    "comments",
    "createdAt",
];

/// Builds the resolved claim (`None`: deleted) and checks it: the actor is
/// a partner who may edit claims of the claim's organisation, and every
/// field that differs from the version whose status is kept may change in
/// that status ([`field_editable`]).
pub fn checked_resolution(
    conflict: &Conflict,
    choices: &Choices,
    actor: &Actor,
) -> Result<Option<Claim>, TransitionError> {
    let some = conflict
        .mine
        .as_ref()
        .or(conflict.theirs.as_ref())
        .or(conflict.base.as_ref());
    let org = some.map(|c| c.partner_org.id.as_str()).unwrap_or_default();
    let allowed = match actor {
        Actor::Partner { org_id, role, .. } => {
            role.can_edit_claims() && (org.is_empty() || org == org_id)
        }
        _ => false,
    };
    if !allowed {
        return Err(TransitionError::ForbiddenRole {
            event: RESOLVE_EVENT,
        });
    }
    let Some(resolved) = resolve(conflict, choices) else {
        return Ok(None);
    };
    // The version whose status was kept: its fields are the reference.
    let reference = [&conflict.theirs, &conflict.mine]
        .into_iter()
        .flatten()
        .find(|c| c.status == resolved.status);
    if let Some(reference) = reference {
        let (r, f) = (fields(reference), fields(&resolved));
        for (key, value) in &f {
            if NOT_EDITS.contains(&key.as_str()) || r.get(key) == Some(value) {
                continue;
            }
            if !field_editable(resolved.status, key) {
                return Err(TransitionError::FieldLocked {
                    field: key.clone(),
                    status: resolved.status,
                });
            }
        }
        for key in r.keys() {
            if !f.contains_key(key)
                && !NOT_EDITS.contains(&key.as_str())
                && !field_editable(resolved.status, key)
            {
                return Err(TransitionError::FieldLocked {
                    field: key.clone(),
                    status: resolved.status,
                });
            }
        }
    }
    Ok(Some(resolved))
}

/// Resolves a conflict as the page asked (in the sync worker): finds the
/// recorded conflict, checks the result with [`checked_resolution`], then
/// stores it with [`resolve_conflict`]. Nothing is stored unless the check
/// passes.
pub async fn resolve_request(local: &dyn LocalReplica, request: &ResolveRequest) -> ResolveAnswer {
    let failed = |e: SyncError| ResolveAnswer::Failed {
        detail: e.to_string(),
    };
    let conflict = match local.conflicts().await {
        Ok(all) => all.into_iter().find(|c| c.id() == request.claim_id),
        Err(e) => return failed(e.into()),
    };
    let Some(conflict) = conflict else {
        return ResolveAnswer::Missing;
    };
    match checked_resolution(&conflict.conflict, &request.choices, &request.actor) {
        Ok(_) => {}
        Err(TransitionError::FieldLocked { field, status }) => {
            return ResolveAnswer::FieldLocked { field, status };
        }
        Err(_) => return ResolveAnswer::Forbidden,
    }
    match resolve_conflict(local, &conflict, &request.choices).await {
        Ok(_) => ResolveAnswer::Resolved,
        Err(e) => failed(e),
    }
}

fn fields(claim: &Claim) -> serde_json::Map<String, Value> {
    match serde_json::to_value(claim) {
        Ok(Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::claim::Status;
    use crate::domain::roles::UserRole;
    use crate::sync::merge::{ConflictKind, Merge, STATUS_PATH, Side, merge};

    fn claim(status: Status) -> Claim {
        Claim {
            id: "c".into(),
            name: "Base".into(),
            customer_name: "Contoso".into(),
            status,
            ..Claim::default()
        }
    }

    fn ada() -> Actor {
        Actor::partner("org", UserRole::IncentivesAdmin, "Ada")
    }

    fn conflict(base: &Claim, mine: Option<&Claim>, theirs: Option<&Claim>) -> Conflict {
        match merge(Some(base), mine, theirs) {
            Merge::Conflict(c) => *c,
            Merge::Clean(_) => panic!("no conflict"),
        }
    }

    #[test]
    fn a_locked_field_cannot_be_kept_against_the_new_status() {
        let base = claim(Status::Draft);
        // Mine renamed the draft; theirs renamed it too and submitted it.
        let mine = Claim {
            name: "Mine".into(),
            ..base.clone()
        };
        let theirs = Claim {
            name: "Theirs".into(),
            status: Status::Submitted,
            ..base.clone()
        };
        let c = conflict(&base, Some(&mine), Some(&theirs));
        let keep_mine_name = Choices::new(Side::Theirs).with("name", Side::Mine);
        assert_eq!(
            checked_resolution(&c, &keep_mine_name, &ada()),
            Err(TransitionError::FieldLocked {
                field: "name".into(),
                status: Status::Submitted
            })
        );
        // Theirs is fine. The status changed on their side only, so it is
        // no choice: "mine" for it changes nothing, and mine's name stays
        // refused in the submitted claim.
        let theirs_all = checked_resolution(&c, &Choices::new(Side::Theirs), &ada()).unwrap();
        assert_eq!(theirs_all.unwrap().name, "Theirs");
        let mine_all = Choices::new(Side::Mine).with(STATUS_PATH, Side::Mine);
        assert!(matches!(
            checked_resolution(&c, &mine_all, &ada()),
            Err(TransitionError::FieldLocked { .. })
        ));
        // Both sides changed the status: keeping mine keeps my draft's name.
        let mine_submitted_too = Claim {
            status: Status::Submitted,
            ..mine.clone()
        };
        let theirs_approved = Claim {
            status: Status::Approved,
            ..theirs.clone()
        };
        let c2 = conflict(&base, Some(&mine_submitted_too), Some(&theirs_approved));
        let kept = checked_resolution(&c2, &Choices::new(Side::Mine), &ada())
            .unwrap()
            .unwrap();
        assert_eq!(
            (kept.name.as_str(), kept.status),
            ("Mine", Status::Submitted)
        );
    }

    #[test]
    fn only_partners_who_edit_this_organisations_claims_resolve() {
        let base = Claim {
            partner_org: crate::domain::claim::PartnerOrgRef {
                id: "org".into(),
                name: "Org".into(),
            },
            ..claim(Status::Draft)
        };
        let mine = Claim {
            name: "Mine".into(),
            ..base.clone()
        };
        let theirs = Claim {
            name: "Theirs".into(),
            ..base.clone()
        };
        let c = conflict(&base, Some(&mine), Some(&theirs));
        let choices = Choices::new(Side::Mine);
        assert!(checked_resolution(&c, &choices, &ada()).is_ok());
        for actor in [
            Actor::partner("other-org", UserRole::IncentivesAdmin, "Eve"),
            Actor::partner("org", UserRole::ReferralsAdmin, "Vic"),
            Actor::reviewer("Rita"),
            Actor::System,
        ] {
            assert_eq!(
                checked_resolution(&c, &choices, &actor),
                Err(TransitionError::ForbiddenRole {
                    event: RESOLVE_EVENT
                }),
                "{actor:?}"
            );
        }
    }

    #[test]
    fn edit_versus_delete_keeps_or_deletes() {
        let base = claim(Status::Draft);
        let mine = Claim {
            name: "Edited".into(),
            ..base.clone()
        };
        let c = conflict(&base, Some(&mine), None);
        assert!(matches!(
            c.kind,
            ConflictKind::EditDelete {
                deleted: Side::Theirs
            }
        ));
        let keep = checked_resolution(&c, &Choices::new(Side::Mine), &ada()).unwrap();
        assert_eq!(keep.unwrap().name, "Edited");
        let delete = checked_resolution(&c, &Choices::new(Side::Theirs), &ada()).unwrap();
        assert_eq!(delete, None);
    }
}
