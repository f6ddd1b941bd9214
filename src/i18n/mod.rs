//! Message catalogs: every word the app, the domain and the embeddable
//! module show, in one file per language (`src/i18n/en.ftl`,
//! `src/i18n/sv.ftl`).
//!
//! `build.rs` compiles the files (with [`ftl`](self) — a small Fluent
//! subset) into [`Locale`], one variant per file, and [`msg`], one function
//! per message key: a key that does not exist is a compile error, and a
//! language that lacks a key, or whose message uses other placeholders than
//! English, fails the build with the file and line. Nothing is parsed at
//! run time, and a function that is never called costs no bytes (the
//! embeddable module carries only the finding messages and the PoE
//! evidence notes).
//!
//! ```
//! use cpor_desk::i18n::{msg, Locale};
//! assert_eq!(msg::tenant_id(Locale::Sv), "Klient-ID");
//! assert_eq!(msg::dashboard_imported(Locale::En, 1), "Imported 1 claim.");
//! assert_eq!(msg::dashboard_imported(Locale::En, 3), "Imported 3 claims.");
//! ```
//!
//! Adding a language: copy `en.ftl` to `<tag>.ftl`, translate every
//! message, and add the language's plural rule to [`plural_category`] if it
//! is not "one for 1, other otherwise". See ARCHITECTURE.md.

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

impl Locale {
    /// Parses a BCP 47 tag loosely by its primary subtag: `sv`, `sv-SE`,
    /// `SV` give Swedish; a language without a catalog gives English.
    ///
    /// ```
    /// use cpor_desk::i18n::Locale;
    /// assert_eq!(Locale::from_tag("sv-SE"), Locale::Sv);
    /// assert_eq!(Locale::from_tag("fi"), Locale::En);
    /// ```
    pub fn from_tag(tag: &str) -> Locale {
        let primary = tag
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        Locale::ALL
            .iter()
            .copied()
            .find(|l| l.tag() == primary)
            .unwrap_or_default()
    }
}

/// The CLDR plural category of `n` in `locale`, for `[one]`/`[other]`
/// variants of the catalogs. English and Swedish: "one" for 1, else
/// "other". A language with other rules (Polish, Arabic, …) adds its arm.
pub fn plural_category(locale: Locale, n: usize) -> &'static str {
    match locale {
        Locale::En | Locale::Sv => {
            if n == 1 {
                "one"
            } else {
                "other"
            }
        }
    }
}

/// `x` with one decimal ("12.3"), written with integer formatting only:
/// the app's first load then carries none of the float formatting that a
/// precision needs. `x · 10` is rounded half to even, so it agrees with
/// `format!("{x:.1}")` except where the multiplication itself rounds onto a
/// tie (0.35 is 0.34999… as a float: "0.3" there, "0.4" here), which does
/// not matter for what it writes: sizes and timing marks (non-negative,
/// below 2^53 / 10).
///
/// ```
/// use cpor_desk::i18n::one_decimal;
/// assert_eq!(one_decimal(12.34), "12.3");
/// assert_eq!(one_decimal(600.0), "600.0");
/// assert_eq!(one_decimal(0.25), format!("{:.1}", 0.25));
/// assert_eq!(one_decimal(1.96), "2.0");
/// ```
pub fn one_decimal(x: f64) -> String {
    let tenths = (x.max(0.0) * 10.0).round_ties_even() as u64;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// A calendar date in the locale's medium format ("May 4, 2026",
/// "4 maj 2026"): the order and month names come from the catalog.
///
/// ```
/// use chrono::NaiveDate;
/// use cpor_desk::i18n::{format_date, Locale};
/// let d = NaiveDate::from_ymd_opt(2026, 5, 4).unwrap();
/// assert_eq!(format_date(d, Locale::En), "May 4, 2026");
/// assert_eq!(format_date(d, Locale::Sv), "4 maj 2026");
/// ```
pub fn format_date(d: chrono::NaiveDate, locale: Locale) -> String {
    use chrono::Datelike;
    msg::date_medium(locale, d.month() as usize, d.day(), d.year())
}

#[cfg(test)]
#[path = "ftl.rs"]
mod ftl;

#[cfg(test)]
mod tests {
    use super::ftl;
    use super::*;

    fn catalog(locale: &str, text: &str) -> ftl::Catalog {
        ftl::parse(locale, text).unwrap_or_else(|p| panic!("{p:?}"))
    }

    /// The real files: every key in every language, with the same
    /// placeholders (the build checks this too; this test says it).
    #[test]
    fn every_language_has_every_key_with_the_same_placeholders() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/i18n");
        let mut catalogs = Vec::new();
        for l in Locale::ALL {
            let text = std::fs::read_to_string(dir.join(format!("{}.ftl", l.tag()))).unwrap();
            catalogs.push(catalog(l.tag(), &text));
        }
        assert_eq!(ftl::check(&catalogs), vec![]);
        let keys = |c: &ftl::Catalog| c.messages.iter().map(|m| m.key.clone()).collect::<Vec<_>>();
        assert!(
            keys(&catalogs[0]).len() > 100,
            "the catalog holds the UI text"
        );
        for c in &catalogs[1..] {
            let mut a = keys(&catalogs[0]);
            let mut b = keys(c);
            a.sort();
            b.sort();
            assert_eq!(a, b, "{}", c.locale);
        }
    }

    #[test]
    fn a_missing_key_or_placeholder_is_reported_with_its_place() {
        let en = catalog("en", "a = A\nb = Hello { $name }\n");
        let sv = catalog("sv", "b = Hej\n");
        let problems: Vec<String> = ftl::check(&[en, sv])
            .iter()
            .map(|p| p.to_string())
            .collect();
        assert_eq!(
            problems,
            vec![
                "sv.ftl:0: a is missing (en.ftl:1)".to_string(),
                "sv.ftl:1: b has the placeholders {}, en.ftl has {\"name\"}".to_string(),
            ]
        );
        let extra = ftl::check(&[catalog("en", "a = A\n"), catalog("sv", "a = A\nz = Z\n")]);
        assert_eq!(extra[0].to_string(), "sv.ftl:2: z is not in en.ftl");
    }

    #[test]
    fn malformed_files_are_refused() {
        for (text, what) in [
            ("Key = x", "is not a key"),
            ("a = x\na = y", "defined twice"),
            (
                "a = { $n ->\n  [one] x\n  [other] y\n  }",
                "one default variant",
            ),
            (
                "a = { $n ->\n  *[one] x\n  *[other] y\n  }",
                "more than one default",
            ),
            (
                "a = { $n ->\n  [few2] x\n  *[other] y\n  }",
                "not a plural category",
            ),
            ("a = oops }", "without `{`"),
            ("a = { name }", "expected $name"),
            ("a =", "empty"),
            ("  stray", "outside a message"),
            ("just text", "expected `key = text`"),
        ] {
            let err = ftl::parse("en", text).expect_err(text);
            assert!(
                err.iter().any(|p| p.what.contains(what)),
                "{text:?}: {err:?}"
            );
        }
    }

    #[test]
    fn patterns_select_and_continue() {
        let c = catalog(
            "en",
            "n = { $count ->\n    [0] none\n    [one] one { $what }\n   *[other] { $count } { $what }s\n    } left\nlong = First\n    second { \"{\" }\n",
        );
        let n = &c.messages[0];
        assert_eq!(
            n.args(),
            vec![("count".to_string(), true), ("what".to_string(), false)]
        );
        let code = ftl::generate(std::slice::from_ref(&c));
        assert!(code.contains(
            "pub fn n(locale: Locale, count: usize, what: impl std::fmt::Display) -> String"
        ));
        assert!(code.contains("(0, _) =>"));
        assert!(code.contains("pub fn long(locale: Locale) -> &'static str"));
        assert!(code.contains("\"First second {\""), "{code}");
    }

    #[test]
    fn generated_functions_select_plurals() {
        assert_eq!(
            msg::dashboard_imported(Locale::Sv, 1),
            "Importerade 1 anspråk."
        );
        assert_eq!(plural_category(Locale::Sv, 0), "other");
        // Counted phrases of the list and the CSV import (issue 14, item 15).
        assert_eq!(msg::claims_showing(Locale::En, 1, 1, 1), "Showing 1 claim");
        assert_eq!(
            msg::claims_showing(Locale::En, 3, 1, 3),
            "Showing 1–3 of 3 claims"
        );
        assert_eq!(msg::bulk_rows(Locale::En, 1, "2"), " (row 2)");
        assert_eq!(msg::bulk_rows(Locale::En, 2, "2, 3"), " (rows 2, 3)");
        assert_eq!(msg::bulk_rows(Locale::Sv, 1, "2"), " (rad 2)");
    }
}
