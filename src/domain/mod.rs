//! The CPOR domain: pure rules with no Leptos and no web-sys, so it builds and
//! tests natively and feeds both the app and the embeddable module.
//!
//! One module per concept:
//!
//! | module | what it holds |
//! |---|---|
//! | [`bulk`] | claims to CSV and back (with the per-row import report), open deadlines to iCalendar |
//! | [`calendar`] | business days: weekdays minus the holidays of the policy's calendar |
//! | [`catalog`] | solution areas, partner roles and products, as data (`data/catalog.json`) |
//! | [`claim`] | the claim and its parts, in the claim JSON shape |
//! | [`competing`] | competing claims: who holds a tenant + workload or product + subscription |
//! | [`dashboard`] | the claims list: rows, search, filters, sorting, "needs attention", counts |
//! | [`directory`] | domain ↔ tenant and subscription facts (demo directory) and the checks on them |
//! | [`document`] | PoE file checks: size and type by content signature |
//! | [`domain_name`] | customer domain names: normalisation to ASCII and the `domain.*` rules |
//! | [`finding`] | findings: field + stable code, severity, message per locale |
//! | [`flat`] | serde's internally tagged enums read through one flat record (smaller wasm) |
//! | [`guidance`] | "What you can do": a claim's next steps (the reviewer's reasons, what approval means, ended subscriptions) |
//! | [`holidays`] | holiday calendars as rules (`data/calendars.json`): United States, Sweden |
//! | `idna_backend` | (private) domain to ASCII: the `idna` crate natively, the browser's URL parser in WebAssembly |
//! | [`intake`] | what a claim may hold (size limits), and the one check every imported claim passes |
//! | [`json`] | the claim JSON and the embeddable module's other shapes without serde (its boundary, held to serde's shape) |
//! | [`ids`] | GUIDs: tenant and subscription IDs, their shapes and canonical form |
//! | [`notices`] | status-change notices since the last visit, derived from the claims' history |
//! | [`openid`] | the online directory: a domain's tenant from the OpenID discovery document |
//! | [`partners`] | the demo partner organisations of the profile screen (`data/demo-partners.json`) |
//! | [`poe`] | the PoE pre-check: checklist verdicts with evidence notes, and the worker's reports |
//! | [`policy`] | timers and limits as data (`data/policies.json`) |
//! | [`roles`] | who may do what: partner user roles and the actors of events |
//! | [`status`] | the status machine: events, time-driven transitions, coded errors |
//! | [`support`] | the support link (Partner Center support by default, configurable) |
//! | [`timeline`] | a claim's past events and its open deadline |
//! | [`url`] | percent-encoding of hash routes and their parameters |
//! | [`validate`] | field and whole-claim validation |
//! | [`wizard`] | the claim wizard's model: steps, what each needs, the saved draft |

pub(crate) mod builtin;
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
pub mod flat;
pub mod guidance;
pub mod holidays;
mod idna_backend;
pub mod ids;
pub mod intake;
pub mod json;
pub mod notices;
pub mod openid;
pub mod partners;
pub mod poe;
pub mod policy;
pub mod rfc3339;
pub mod roles;
pub mod status;
pub mod support;
pub mod timeline;
pub mod url;
pub mod validate;
pub mod wizard;
