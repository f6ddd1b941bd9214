//! Who may do what (docs/rules.md#roles): partner user roles and the actors of events.
//!
//! ```
//! use cpor_desk::domain::roles::{Actor, UserRole};
//! assert!(UserRole::IncentivesUser.can_edit_claims());
//! assert!(!UserRole::ReferralsAdmin.can_edit_claims());
//! let a = Actor::partner("org-a", UserRole::GlobalAdmin, "Ada");
//! assert!(a.is_partner());
//! ```

use crate::i18n::msg;
use serde::{Deserialize, Serialize};

use super::finding::Locale;
use super::flat::{present, required};

/// A partner user's Partner Center role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UserRole {
    GlobalAdmin,
    BillingAdmin,
    IncentivesAdmin,
    IncentivesUser,
    AccountAdmin,
    ReferralsAdmin,
    UserManagementAdmin,
}

impl UserRole {
    pub const ALL: &'static [UserRole] = &[
        UserRole::GlobalAdmin,
        UserRole::BillingAdmin,
        UserRole::IncentivesAdmin,
        UserRole::IncentivesUser,
        UserRole::AccountAdmin,
        UserRole::ReferralsAdmin,
        UserRole::UserManagementAdmin,
    ];

    /// Global, Billing and Incentives admins and Incentives users may create,
    /// edit and submit claims; every other role may only view.
    pub fn can_edit_claims(self) -> bool {
        matches!(
            self,
            UserRole::GlobalAdmin
                | UserRole::BillingAdmin
                | UserRole::IncentivesAdmin
                | UserRole::IncentivesUser
        )
    }

    pub fn id(self) -> &'static str {
        match self {
            UserRole::GlobalAdmin => "global_admin",
            UserRole::BillingAdmin => "billing_admin",
            UserRole::IncentivesAdmin => "incentives_admin",
            UserRole::IncentivesUser => "incentives_user",
            UserRole::AccountAdmin => "account_admin",
            UserRole::ReferralsAdmin => "referrals_admin",
            UserRole::UserManagementAdmin => "user_management_admin",
        }
    }

    pub fn from_id(id: &str) -> Option<UserRole> {
        UserRole::ALL.iter().copied().find(|r| r.id() == id)
    }

    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            UserRole::GlobalAdmin => msg::user_role_global_admin(locale),
            UserRole::BillingAdmin => msg::user_role_billing_admin(locale),
            UserRole::IncentivesAdmin => msg::user_role_incentives_admin(locale),
            UserRole::IncentivesUser => msg::user_role_incentives_user(locale),
            UserRole::AccountAdmin => msg::user_role_account_admin(locale),
            UserRole::ReferralsAdmin => msg::user_role_referrals_admin(locale),
            UserRole::UserManagementAdmin => msg::user_role_user_management_admin(locale),
        }
    }
}

/// Who performs an event. Reviewer and customer are simulated in the app
/// ("Review desk", "Customer inbox"); `System` performs time-driven transitions.
///
/// Written tagged by `kind`, read through [`ActorRecord`] (see
/// [`super::flat`]): every history entry and comment of a stored claim
/// has one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "ActorRecord")]
pub enum Actor {
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

/// An [`Actor`] as read: `kind` and every field, each optional.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ActorRecord {
    kind: String,
    org_id: Option<String>,
    role: Option<UserRole>,
    #[serde(default, deserialize_with = "present")]
    name: Option<String>,
}

impl TryFrom<ActorRecord> for Actor {
    type Error = String;

    fn try_from(r: ActorRecord) -> Result<Actor, String> {
        let k = r.kind.as_str();
        let name = r.name.unwrap_or_default();
        Ok(match k {
            "partner" => Actor::Partner {
                org_id: required(r.org_id, k, "orgId")?,
                role: required(r.role, k, "role")?,
                name,
            },
            "reviewer" => Actor::Reviewer { name },
            "customer" => Actor::Customer { name },
            "system" => Actor::System,
            other => return Err(format!("unknown actor kind `{other}`")),
        })
    }
}

impl Actor {
    pub fn partner(org_id: impl Into<String>, role: UserRole, name: impl Into<String>) -> Actor {
        Actor::Partner {
            org_id: org_id.into(),
            role,
            name: name.into(),
        }
    }

    pub fn reviewer(name: impl Into<String>) -> Actor {
        Actor::Reviewer { name: name.into() }
    }

    pub fn customer(name: impl Into<String>) -> Actor {
        Actor::Customer { name: name.into() }
    }

    pub fn is_partner(&self) -> bool {
        matches!(self, Actor::Partner { .. })
    }

    /// The person's own name, if the actor has one. The review desk's
    /// reviewer has none: earlier versions stored the English words
    /// "Microsoft reviewer" as its name, which count as none, so they are
    /// shown in the reader's language.
    pub fn own_name(&self) -> Option<&str> {
        let name = match self {
            Actor::Partner { name, .. } | Actor::Customer { name } => name.as_str(),
            Actor::Reviewer { name } if name.trim() == LEGACY_REVIEWER_NAME => "",
            Actor::Reviewer { name } => name.as_str(),
            Actor::System => "",
        };
        (!name.trim().is_empty()).then_some(name)
    }

    /// A short display name: the person's name, or the role of the actor
    /// in `locale`.
    pub fn display(&self, locale: Locale) -> String {
        let fallback = match self {
            Actor::Partner { .. } => msg::actor_partner(locale),
            Actor::Reviewer { .. } => msg::actor_reviewer(locale),
            Actor::Customer { .. } => msg::actor_customer(locale),
            Actor::System => msg::actor_system(locale),
        };
        self.own_name().unwrap_or(fallback).to_string()
    }
}

/// The reviewer name the review desk stored before it stored none.
const LEGACY_REVIEWER_NAME: &str = "Microsoft reviewer";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exactly_four_roles_may_edit() {
        let editors: Vec<_> = UserRole::ALL
            .iter()
            .filter(|r| r.can_edit_claims())
            .collect();
        assert_eq!(editors.len(), 4);
        for r in UserRole::ALL {
            assert_eq!(UserRole::from_id(r.id()), Some(*r));
            let json = serde_json::to_string(r).unwrap();
            assert_eq!(json, format!("\"{}\"", r.id()));
        }
    }

    #[test]
    fn actor_json_shape() {
        let a = Actor::partner("org-a", UserRole::IncentivesAdmin, "Ada");
        let json = serde_json::to_value(&a).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"kind": "partner", "orgId": "org-a", "role": "incentives_admin", "name": "Ada"})
        );
        let back: Actor = serde_json::from_value(json).unwrap();
        assert_eq!(back, a);
        let sys: Actor = serde_json::from_str(r#"{"kind":"system"}"#).unwrap();
        assert_eq!(sys, Actor::System);
        assert_eq!(
            Actor::reviewer("").display(Locale::En),
            "Microsoft reviewer"
        );
    }

    #[test]
    fn the_review_desk_reviewer_is_named_in_the_readers_language() {
        for stored in ["", "Microsoft reviewer"] {
            let r = Actor::reviewer(stored);
            assert_eq!(r.own_name(), None);
            assert_eq!(r.display(Locale::Sv), "Microsoft-granskare");
            assert_eq!(r.display(Locale::En), "Microsoft reviewer");
        }
        assert_eq!(Actor::reviewer("Rita").display(Locale::Sv), "Rita");
        assert_eq!(Actor::System.display(Locale::Sv), "CPOR Desk (automatiskt)");
    }
}
