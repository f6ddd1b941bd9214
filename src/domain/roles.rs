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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
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

    /// A short display name: the person's name, or the role of the actor.
    pub fn display(&self, locale: Locale) -> String {
        let (name, fallback) = match self {
            Actor::Partner { name, .. } => (name.as_str(), msg::actor_partner(locale)),
            Actor::Reviewer { name } => (name.as_str(), msg::actor_reviewer(locale)),
            Actor::Customer { name } => (name.as_str(), msg::actor_customer(locale)),
            Actor::System => ("", msg::actor_system(locale)),
        };
        if name.trim().is_empty() {
            fallback.to_string()
        } else {
            name.to_string()
        }
    }
}

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
}
