//! Where domain ↔ tenant facts come from: the demo directory, or the
//! online one with its lookups (docs/rules.md#directory).

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{AppState, DirectorySource};
use crate::domain::directory::{DemoDirectory, Directory};
use crate::domain::openid::{OnlineDirectory, OpenIdError};

/// The state of an online directory lookup.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup {
    Idle,
    Looking(String),
    Found(String),
    Failed(String, OpenIdError),
}

impl AppState {
    /// Runs `f` with the directory of the settings (tracked).
    pub fn with_directory<R>(&self, f: impl FnOnce(&dyn Directory) -> R) -> R {
        match self.settings.with(|s| s.directory.clone()) {
            DirectorySource::Demo => f(DemoDirectory::builtin()),
            DirectorySource::Online { authority } => self.online.with(|o| {
                if o.authority() == authority {
                    f(o)
                } else {
                    f(&OnlineDirectory::new(authority))
                }
            }),
        }
    }

    /// Looks up a domain's tenant online when the settings choose the
    /// online directory (once per domain and authority).
    pub fn lookup_domain(self, ascii_domain: String) {
        let DirectorySource::Online { authority } = self.settings.get_untracked().directory else {
            return;
        };
        if self.online.with_untracked(|o| o.authority() != authority) {
            self.online.set(OnlineDirectory::new(authority.clone()));
        }
        let known = self
            .online
            .with_untracked(|o| o.tenant_for_domain(&ascii_domain).is_some());
        let same = self.lookup.with_untracked(|l| match l {
            Lookup::Looking(d) | Lookup::Failed(d, _) => *d == ascii_domain,
            _ => false,
        });
        if known || same {
            return;
        }
        self.lookup.set(Lookup::Looking(ascii_domain.clone()));
        spawn_local(async move {
            match crate::app::online::lookup_tenant(&authority, &ascii_domain).await {
                Ok(tenant) => {
                    self.online.update(|o| {
                        let _ = o.insert(&ascii_domain, &tenant);
                    });
                    self.lookup.set(Lookup::Found(ascii_domain));
                }
                Err(e) => self.lookup.set(Lookup::Failed(ascii_domain, e)),
            }
        });
    }
}
