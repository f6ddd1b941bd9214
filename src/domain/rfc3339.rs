//! Reading the claim JSON's dates without chrono's generic parser
//! (docs/performance.md, "Dates"): chrono's `Deserialize` for `DateTime`
//! and `NaiveDate` goes through its format-item machinery (`Parsed`, the
//! item interpreter), about 17 KB of the embeddable module for two fixed
//! shapes. The two functions here accept exactly what chrono's `FromStr`
//! accepts (its relaxed RFC 3339 with `T`, `t` or a space, `Z`, `UTC` or an
//! offset, signed years; and `YYYY-MM-DD` with optional spaces), give the
//! same values and fail with the same messages, step for step as chrono
//! 0.4.45 does; the native tests compare both over many generated strings.
//! Writing stays chrono's (`to_rfc3339_opts`, its `Serialize`), which is
//! small and needs no parser.
//!
//! Use them through serde's `with` ([`utc`], [`opt_utc`], [`dates`]).
//!
//! ```
//! use cpor_desk::domain::rfc3339::{parse_datetime, parse_date};
//! let at = parse_datetime("2026-11-16 10:00:00.5 +01:00").unwrap();
//! assert_eq!(at.to_rfc3339(), "2026-11-16T10:00:00.500+01:00");
//! assert_eq!(parse_date("2026-02-30").unwrap_err().to_string(), "input is out of range");
//! ```

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Utc};

/// Why a date did not parse: chrono's `ParseErrorKind`s that these shapes
/// can give, with chrono's messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseError {
    OutOfRange,
    Impossible,
    NotEnough,
    Invalid,
    TooShort,
    TooLong,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ParseError::OutOfRange => "input is out of range",
            ParseError::Impossible => "no possible date and time matching input",
            ParseError::NotEnough => "input is not enough for unique date and time",
            ParseError::Invalid => "input contains invalid characters",
            ParseError::TooShort => "premature end of input",
            ParseError::TooLong => "trailing input",
        })
    }
}

type Result<T> = std::result::Result<T, ParseError>;

/// chrono's `scan::number`: `min` to `max` ASCII digits.
fn number(s: &str, min: usize, max: usize) -> Result<(&str, i64)> {
    let bytes = s.as_bytes();
    if bytes.len() < min {
        return Err(ParseError::TooShort);
    }
    let mut n = 0i64;
    for (i, c) in bytes.iter().take(max).copied().enumerate() {
        if !c.is_ascii_digit() {
            return if i < min {
                Err(ParseError::Invalid)
            } else {
                Ok((&s[i..], n))
            };
        }
        n = n
            .checked_mul(10)
            .and_then(|n| n.checked_add(i64::from(c - b'0')))
            .ok_or(ParseError::OutOfRange)?;
    }
    Ok((&s[max.min(bytes.len())..], n))
}

/// A numeric item: leading whitespace, then `width` digits at most (a year
/// may have a sign and any number of digits), checked against `range`.
fn item(s: &str, width: usize, range: std::ops::RangeInclusive<i64>) -> Result<(&str, i64)> {
    let s = s.trim_start();
    let (s, v) = if width == 4 && s.starts_with('-') {
        let (s, v) = number(&s[1..], 1, usize::MAX)?;
        (s, -v)
    } else if width == 4 && s.starts_with('+') {
        number(&s[1..], 1, usize::MAX)?
    } else {
        number(s, 1, width)?
    };
    if range.contains(&v) {
        Ok((s, v))
    } else {
        Err(ParseError::OutOfRange)
    }
}

/// Optional whitespace (when `spaced`), then the literal `c`.
fn literal(s: &str, c: char, spaced: bool) -> Result<&str> {
    let s = if spaced { s.trim_start() } else { s };
    match s.strip_prefix(c) {
        Some(rest) => Ok(rest),
        None if s.is_empty() => Err(ParseError::TooShort),
        None => Err(ParseError::Invalid),
    }
}

const YEARS: std::ops::RangeInclusive<i64> = i32::MIN as i64..=i32::MAX as i64;

/// `YEAR - MONTH - DAY`: (rest, year, month, day); `spaced`: whitespace
/// allowed before each `-` too (chrono's `FromStr`, not `%Y-%m-%d`).
fn ymd(s: &str, spaced: bool) -> Result<(&str, i64, i64, i64)> {
    let (s, year) = item(s, 4, YEARS)?;
    let (s, month) = item(literal(s, '-', spaced)?, 2, 1..=12)?;
    let (s, day) = item(literal(s, '-', spaced)?, 2, 1..=31)?;
    Ok((s, year, month, day))
}

fn date_of(year: i64, month: i64, day: i64) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(year as i32, month as u32, day as u32).ok_or(ParseError::OutOfRange)
}

/// What `"…".parse::<NaiveDate>()` gives: `YYYY-MM-DD`, whitespace allowed
/// around the numbers and at the end.
pub fn parse_date(s: &str) -> Result<NaiveDate> {
    let (s, year, month, day) = ymd(s, true)?;
    if !s.trim_start().is_empty() {
        return Err(ParseError::TooLong);
    }
    date_of(year, month, day)
}

/// What `NaiveDate::parse_from_str(s, "%Y-%m-%d")` gives: like
/// [`parse_date`], but no whitespace before a `-` or at the end.
pub fn parse_ymd(s: &str) -> Result<NaiveDate> {
    let (s, year, month, day) = ymd(s, false)?;
    if !s.is_empty() {
        return Err(ParseError::TooLong);
    }
    date_of(year, month, day)
}

/// What `date.format("%Y-%m-%d").to_string()` gives.
pub fn ymd_text(date: NaiveDate) -> String {
    use chrono::Datelike;
    let year = date.year();
    if (0..=9999).contains(&year) {
        format!("{year:04}-{:02}-{:02}", date.month(), date.day())
    } else {
        format!("{year:+05}-{:02}-{:02}", date.month(), date.day())
    }
}

/// What `time.format("%H:%M").to_string()` gives.
pub fn hh_mm(time: &impl chrono::Timelike) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// chrono's `scan::timezone_offset` with a colon or spaces between hours
/// and minutes, `Z` allowed, minutes required, U+2212 allowed as minus.
fn offset(s: &str) -> Result<(&str, i64)> {
    if let Some(b'Z' | b'z') = s.as_bytes().first() {
        return Ok((&s[1..], 0));
    }
    let (negative, s) = match s.chars().next() {
        Some('+') => (false, &s[1..]),
        Some('-') => (true, &s[1..]),
        Some('\u{2212}') => (true, &s['\u{2212}'.len_utf8()..]),
        Some(_) => return Err(ParseError::Invalid),
        None => return Err(ParseError::TooShort),
    };
    let two = |s: &str| {
        let b = s.as_bytes();
        if b.len() < 2 {
            Err(ParseError::TooShort)
        } else {
            Ok((b[0], b[1]))
        }
    };
    let hours = match two(s)? {
        (h1 @ b'0'..=b'9', h2 @ b'0'..=b'9') => i64::from((h1 - b'0') * 10 + (h2 - b'0')),
        _ => return Err(ParseError::Invalid),
    };
    let s = s[2..].trim_start_matches(|c: char| c == ':' || c.is_whitespace());
    let minutes = match two(s) {
        Ok((m1 @ b'0'..=b'5', m2 @ b'0'..=b'9')) => i64::from((m1 - b'0') * 10 + (m2 - b'0')),
        Ok((b'6'..=b'9', b'0'..=b'9')) => return Err(ParseError::OutOfRange),
        Ok(_) => return Err(ParseError::Invalid),
        Err(_) => return Err(ParseError::TooShort),
    };
    let seconds = hours * 3600 + minutes * 60;
    Ok((&s[2..], if negative { -seconds } else { seconds }))
}

/// What `"…".parse::<DateTime<FixedOffset>>()` gives (chrono's relaxed
/// RFC 3339, what its `Deserialize` reads).
pub fn parse_datetime(s: &str) -> Result<DateTime<FixedOffset>> {
    let (s, year, month, day) = ymd(s, true)?;
    let s = match s.as_bytes().first() {
        Some(b't' | b'T' | b' ') => &s[1..],
        Some(_) => return Err(ParseError::Invalid),
        None => return Err(ParseError::TooShort),
    };
    let (s, hour) = item(s, 2, 0..=23)?;
    let (s, minute) = item(literal(s, ':', true)?, 2, 0..=59)?;
    let (mut s, second) = item(literal(s, ':', true)?, 2, 0..=60)?;
    let mut nano = 0;
    if let Some(rest) = s.strip_prefix('.') {
        let (rest, v) = number(rest, 1, 9)?;
        const SCALE: [i64; 10] = [
            0,
            100_000_000,
            10_000_000,
            1_000_000,
            100_000,
            10_000,
            1_000,
            100,
            10,
            1,
        ];
        let digits = s.len() - 1 - rest.len();
        nano = v * SCALE[digits];
        s = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    let s = s.trim_start();
    let (s, offset) = if s.len() >= 3 && s.as_bytes()[..3].eq_ignore_ascii_case(b"UTC") {
        (&s[3..], 0)
    } else {
        offset(s)?
    };
    if !s.trim_start().is_empty() {
        return Err(ParseError::TooLong);
    }
    let date = date_of(year, month, day)?;
    // A leap second (60) is the 59th second plus a second of nanoseconds.
    let (second, leap) = if second == 60 {
        (59, 1_000_000_000)
    } else {
        (second, 0)
    };
    let time = NaiveTime::from_hms_nano_opt(
        hour as u32,
        minute as u32,
        second as u32,
        (nano + leap) as u32,
    )
    .ok_or(ParseError::OutOfRange)?;
    let offset = FixedOffset::east_opt(offset as i32).ok_or(ParseError::OutOfRange)?;
    date.and_time(time)
        .and_local_timezone(offset)
        .single()
        .ok_or(ParseError::Impossible)
}

struct DateTimeVisitor;

impl serde::de::Visitor<'_> for DateTimeVisitor {
    type Value = DateTime<FixedOffset>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an RFC 3339 formatted date and time string")
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> std::result::Result<Self::Value, E> {
        parse_datetime(value).map_err(E::custom)
    }
}

struct DateVisitor;

impl serde::de::Visitor<'_> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a formatted date string")
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> std::result::Result<Self::Value, E> {
        parse_date(value).map_err(E::custom)
    }
}

/// `#[serde(with = "rfc3339::utc")]` for a `DateTime<Utc>`: chrono's JSON,
/// read by [`parse_datetime`].
pub mod utc {
    use serde::{Deserializer, Serialize, Serializer};

    use super::*;

    pub fn serialize<S: Serializer>(
        at: &DateTime<Utc>,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        at.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<DateTime<Utc>, D::Error> {
        d.deserialize_str(DateTimeVisitor).map(|at| at.to_utc())
    }
}

/// A `DateTime<Utc>` stored on its own (a preference): chrono's JSON, read
/// by [`parse_datetime`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UtcAt(pub DateTime<Utc>);

impl<'de> serde::Deserialize<'de> for UtcAt {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        utc::deserialize(d).map(UtcAt)
    }
}

/// `#[serde(with = "rfc3339::opt_utc")]` for an `Option<DateTime<Utc>>`
/// (`null` is `None`; add `default` where the key may be missing).
pub mod opt_utc {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::*;

    pub fn serialize<S: Serializer>(
        at: &Option<DateTime<Utc>>,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        at.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<Option<DateTime<Utc>>, D::Error> {
        Option::<UtcAt>::deserialize(d).map(|at| at.map(|UtcAt(at)| at))
    }
}

/// `#[serde(with = "rfc3339::date")]` for a `NaiveDate`.
pub mod date {
    use serde::{Deserializer, Serialize, Serializer};

    use super::*;

    pub fn serialize<S: Serializer>(
        date: &NaiveDate,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        date.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<NaiveDate, D::Error> {
        d.deserialize_str(DateVisitor)
    }
}

/// `#[serde(with = "rfc3339::opt_date")]` for an `Option<NaiveDate>`
/// (`null` is `None`; add `default` where the key may be missing).
pub mod opt_date {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::*;

    pub fn serialize<S: Serializer>(
        date: &Option<NaiveDate>,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        date.serialize(s)
    }

    struct Day(NaiveDate);

    impl<'de> Deserialize<'de> for Day {
        fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
            d.deserialize_str(DateVisitor).map(Day)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<Option<NaiveDate>, D::Error> {
        Option::<Day>::deserialize(d).map(|day| day.map(|Day(day)| day))
    }
}

/// `#[serde(with = "rfc3339::dates")]` for a `Vec<NaiveDate>`.
pub mod dates {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::*;

    pub fn serialize<S: Serializer>(
        dates: &[NaiveDate],
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        dates.serialize(s)
    }

    struct Date(NaiveDate);

    impl<'de> Deserialize<'de> for Date {
        fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
            d.deserialize_str(DateVisitor).map(Date)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<Vec<NaiveDate>, D::Error> {
        Vec::<Date>::deserialize(d).map(|v| v.into_iter().map(|Date(d)| d).collect())
    }
}

/// `#[serde(with = "rfc3339::opt_dates")]` for an `Option<Vec<NaiveDate>>`
/// (`null` is `None`; add `default` where the key may be missing).
pub mod opt_dates {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::*;

    pub fn serialize<S: Serializer>(
        dates: &Option<Vec<NaiveDate>>,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        dates.serialize(s)
    }

    struct Dates(Vec<NaiveDate>);

    impl<'de> Deserialize<'de> for Dates {
        fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
            super::dates::deserialize(d).map(Dates)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<Option<Vec<NaiveDate>>, D::Error> {
        Option::<Dates>::deserialize(d).map(|dates| dates.map(|Dates(dates)| dates))
    }
}

// Native only: proptest is a native dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn same_datetime(s: &str) {
        let ours = parse_datetime(s).map_err(|e| e.to_string());
        let chrono = s
            .parse::<DateTime<FixedOffset>>()
            .map_err(|e| e.to_string());
        assert_eq!(ours, chrono, "{s:?}");
        if let Ok(at) = ours {
            assert_eq!(at.offset(), chrono.unwrap().offset(), "{s:?}");
        }
    }

    fn same_ymd(s: &str) {
        let ours = parse_ymd(s).map_err(|e| e.to_string());
        let chrono = NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| e.to_string());
        assert_eq!(ours, chrono, "{s:?}");
    }

    fn same_date(s: &str) {
        let ours = parse_date(s).map_err(|e| e.to_string());
        let chrono = s.parse::<NaiveDate>().map_err(|e| e.to_string());
        assert_eq!(ours, chrono, "{s:?}");
    }

    #[test]
    fn rfc3339_table_agrees_with_chrono() {
        for s in [
            "2026-11-16T10:00:00Z",
            "2026-11-16t10:00:00z",
            "2026-11-16 10:00:00 UTC",
            "2026-11-16T10:00:00.123456789+01:00",
            "2026-11-16T10:00:00.1234567891234-01:30",
            "2026-11-16T10:00:00.+01:00",
            "2026-11-16T10:00:00.x",
            "2026-11-16T23:59:60Z",
            "2026-11-16T23:59:60.5Z",
            "2026-11-16T24:00:00Z",
            "2026-02-30T00:00:00Z",
            "+12026-11-16T10:00:00Z",
            "-0001-11-16T10:00:00Z",
            "99999999999-01-01T00:00:00Z",
            "2026 - 11 - 16T 10 : 00 : 00 +0100",
            "2026-11-16T10:00:00+01",
            "2026-11-16T10:00:00+0100 ",
            "2026-11-16T10:00:00+01:60",
            "2026-11-16T10:00:00+99:59",
            "2026-11-16T10:00:00\u{2212}05:00",
            "2026-11-16T10:00:00 utcx",
            "2026-11-16T10:00",
            "2026-11-16",
            "",
            " 2026-11-16T10:00:00Z",
            "2026-11-16X10:00:00Z",
            "262143-12-31T23:59:59-01:00",
            "-262144-01-01T00:00:00+01:00",
        ] {
            same_datetime(s);
        }
        for s in [
            "2026-11-16",
            " 2026 -11- 16 ",
            "2026-02-29",
            "2024-02-29",
            "2026-13-01",
            "+2026-01-01",
            "2026-1-1",
            "2026-11-16T",
            "2026-11",
            "",
            "20261-01-01",
            "abc",
        ] {
            same_date(s);
            same_ymd(s);
        }
    }

    fn near_rfc3339() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[+-]?[0-9]{1,6}",
            "[0-9]{1,2}",
            "[-:. tTzZ]",
            "(UTC|utc|Z|[+\u{2212}-][0-9]{2}(:?[0-9]{2})?)",
            "\\.[0-9]{0,12}",
            "[ a-z\u{a0}]",
        ];
        prop::collection::vec(piece, 0..14).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn rfc3339_datetimes_agree_with_chrono(
            y in -300_000i64..300_000, mo in 0u32..14, d in 0u32..33, h in 0u32..26,
            mi in 0u32..62, s in 0u32..62, frac in "(\\.[0-9]{0,11})?",
            sep in "[tT ]", off in "(Z|z|UTC| UTC|[+-][0-9]{2}:?[0-9]{2}| \\+[0-9]{2} [0-9]{2})",
        ) {
            let year = if (0..10_000).contains(&y) { format!("{y:04}") } else { format!("{y:+}") };
            same_datetime(&format!("{year}-{mo:02}-{d:02}{sep}{h:02}:{mi:02}:{s:02}{frac}{off}"));
        }

        #[test]
        fn rfc3339_near_misses_agree_with_chrono(s in near_rfc3339()) {
            same_datetime(&s);
            same_date(&s);
        }

        #[test]
        fn rfc3339_dates_agree_with_chrono(y in -300_000i64..300_000, mo in 0u32..14, d in 0u32..33) {
            let year = if (0..10_000).contains(&y) { format!("{y:04}") } else { format!("{y:+}") };
            same_date(&format!("{year}-{mo:02}-{d:02}"));
            same_ymd(&format!("{year}-{mo:02}-{d:02}"));
        }

        #[test]
        fn rfc3339_ymd_near_misses_agree_with_chrono(s in near_rfc3339()) {
            same_ymd(&s);
        }

        #[test]
        fn rfc3339_date_and_time_text_agree_with_chrono(days in -95_000_000i64..95_000_000, secs in 0u32..86_400) {
            if let Some(date) = NaiveDate::from_num_days_from_ce_opt(days as i32) {
                prop_assert_eq!(ymd_text(date), date.format("%Y-%m-%d").to_string());
            }
            let time = NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).unwrap();
            prop_assert_eq!(hh_mm(&time), time.format("%H:%M").to_string());
        }

        #[test]
        fn rfc3339_serde_round_trips_like_chrono(secs in -62_000_000_000i64..250_000_000_000, nanos in 0u32..2_000_000_000) {
            if let Some(at) = DateTime::<Utc>::from_timestamp(secs, nanos) {
                let json = serde_json::to_string(&at).unwrap();
                let chrono: DateTime<Utc> = serde_json::from_str(&json).unwrap();
                let ours = utc::deserialize(&mut serde_json::Deserializer::from_str(&json)).unwrap();
                prop_assert_eq!(ours, chrono);
                let UtcAt(alone) = serde_json::from_str(&json).unwrap();
                prop_assert_eq!(alone, chrono);
            }
        }
    }

    #[test]
    fn rfc3339_serde_errors_read_like_chrono() {
        #[derive(serde::Deserialize, Debug)]
        struct Ours {
            #[serde(with = "utc")]
            _at: DateTime<Utc>,
            #[serde(default, with = "opt_utc")]
            _maybe: Option<DateTime<Utc>>,
            #[serde(default, with = "dates")]
            _days: Vec<NaiveDate>,
        }
        #[derive(serde::Deserialize, Debug)]
        struct Chrono {
            _at: DateTime<Utc>,
            #[serde(default)]
            _maybe: Option<DateTime<Utc>>,
            #[serde(default)]
            _days: Vec<NaiveDate>,
        }
        for json in [
            r#"{"_at": "2026-11-16T10:00:00Z", "_maybe": null, "_days": ["2026-01-01"]}"#,
            r#"{"_at": "2026-11-16T10:00:00+02:00", "_maybe": "2026-11-16 10:00:00 UTC"}"#,
            r#"{"_at": 5}"#,
            r#"{"_at": "2026-11-16"}"#,
            r#"{"_at": "2026-11-16T10:00:00Z", "_maybe": 1.5}"#,
            r#"{"_at": "2026-11-16T10:00:00Z", "_maybe": "x"}"#,
            r#"{"_at": "2026-11-16T10:00:00Z", "_days": ["2026-02-30"]}"#,
            r#"{"_at": "2026-11-16T10:00:00Z", "_days": [true]}"#,
            r#"{"_at": "2026-11-16T10:00:00Z", "_days": "2026-01-01"}"#,
        ] {
            let ours = serde_json::from_str::<Ours>(json)
                .map(|o| format!("{o:?}"))
                .map_err(|e| e.to_string());
            let chrono = serde_json::from_str::<Chrono>(json)
                .map(|c| format!("{c:?}"))
                .map_err(|e| e.to_string());
            assert_eq!(ours.is_ok(), chrono.is_ok(), "{json}");
            if let (Err(a), Err(b)) = (&ours, &chrono) {
                assert_eq!(a, b, "{json}");
            }
            if let (Ok(a), Ok(b)) = (&ours, &chrono) {
                assert_eq!(a.replace("Ours", ""), b.replace("Chrono", ""), "{json}");
            }
        }
    }
}
