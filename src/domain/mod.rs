//! The CPOR domain: pure rules with no Leptos and no web-sys, so it builds and
//! tests natively and feeds both the app and the embeddable module.
//!
//! One file per concept: identifiers, domain names, the catalog, the claim,
//! roles, findings, validators, the directory (demo and online), the policy,
//! the business-day calendar, the status machine, the timeline, competing
//! claims, the claim wizard's steps, and bulk CSV export/import with the
//! iCalendar export of deadlines.

pub mod bulk;
pub mod calendar;
pub mod catalog;
pub mod claim;
pub mod competing;
pub mod dashboard;
pub mod directory;
pub mod document;
pub mod domain_name;
pub mod finding;
mod idna_backend;
pub mod ids;
pub mod openid;
pub mod partners;
pub mod poe;
pub mod poe_notes;
pub mod policy;
pub mod precheck;
pub mod roles;
pub mod status;
pub mod timeline;
pub mod validate;
pub mod wizard;
