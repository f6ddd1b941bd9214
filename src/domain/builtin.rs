//! The built-in data, compiled from `data/*.json` by `build.rs`
//! (`build/data.rs`): each function builds the value serde would read from
//! its file, so the app and the module carry neither the JSON text nor its
//! parse. The data files stay the single source: the native test
//! `builtin_data` holds every function equal to the serde parse of its file.

use chrono::{DateTime, NaiveDate, Utc};

use super::catalog::{AssociationLevel, Catalog, PartnerRole, Product, SolutionArea, Text};
use super::claim::PartnerLocation;
use super::directory::{
    Channel, DirectoryData, SubscriptionRecord, SubscriptionStatus, TenantRecord,
};
use super::holidays::{Day, HolidayCalendar, Rule};
use super::partners::PartnerOrganisation;
use super::policy::Policy;

fn s(text: &str) -> String {
    text.to_string()
}

fn t(pairs: &[(&str, &str)]) -> Text {
    let mut text = Text::default();
    // One insert at a time: collecting would sort first, and link a sort.
    for (lang, value) in pairs {
        text.0.insert(s(lang), s(value));
    }
    text
}

// The helpers of the data's timestamps and dates are used only when a data
// file has one (build.rs has checked each value).
#[allow(dead_code)]
fn utc(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

#[allow(dead_code)]
fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

include!(concat!(env!("OUT_DIR"), "/data.rs"));

#[cfg(test)]
mod tests {
    //! `builtin_data`: the generated values equal serde's parse of the files.
    use super::super::{catalog, directory, holidays, partners, policy};
    use super::*;

    fn parse<T: serde::de::DeserializeOwned>(json: &str) -> T {
        serde_json::from_str(json).expect("the data file parses")
    }

    #[test]
    fn builtin_data_equals_the_serde_parse_of_the_files() {
        assert_eq!(catalog(), parse::<Catalog>(catalog::CATALOG_JSON));
        assert_eq!(policies(), parse::<Vec<Policy>>(policy::POLICIES_JSON));
        assert_eq!(
            calendars(),
            parse::<Vec<HolidayCalendar>>(holidays::CALENDARS_JSON)
        );
        assert_eq!(
            demo_directory(),
            parse::<DirectoryData>(directory::DEMO_DIRECTORY_JSON)
        );
        assert_eq!(
            directory::DemoDirectory::from(demo_directory()),
            directory::DemoDirectory::from_json(directory::DEMO_DIRECTORY_JSON).unwrap()
        );
        assert_eq!(
            demo_partners(),
            parse::<Vec<PartnerOrganisation>>(partners::DEMO_PARTNERS_JSON)
        );
    }

    #[test]
    fn builtin_data_helpers_read_what_build_rs_wrote() {
        assert_eq!(utc(1_709_542_800).to_rfc3339(), "2024-03-04T09:00:00+00:00");
        assert_eq!(date(2024, 2, 29).to_string(), "2024-02-29");
        assert_eq!(
            t(&[("sv", "b"), ("en", "a")]).get(crate::i18n::Locale::Sv),
            "b"
        );
    }
}
