//! Holiday calendars as data (`data/calendars.json`): each calendar is a
//! list of rules (a fixed date, the n-th or last weekday of a month, a
//! weekday between two days of a month, or a number of days from Easter
//! Sunday), and the rules give the holidays of every year from 1970 to
//! 2099. A policy names its calendar; Settings can choose another.
//!
//! ```
//! use chrono::NaiveDate;
//! use cpor_desk::domain::holidays::{HolidayCalendar, easter_sunday};
//! assert_eq!(easter_sunday(2026), NaiveDate::from_ymd_opt(2026, 4, 5));
//! let se = HolidayCalendar::by_id("se").unwrap();
//! // Good Friday and Midsummer Eve 2026.
//! assert!(se.holidays().contains(&NaiveDate::from_ymd_opt(2026, 4, 3).unwrap()));
//! assert!(se.holidays().contains(&NaiveDate::from_ymd_opt(2026, 6, 19).unwrap()));
//! let us = HolidayCalendar::by_id("us").unwrap();
//! // Independence Day 2026 is a Saturday: observed on Friday 3 July.
//! assert!(us.holidays().contains(&NaiveDate::from_ymd_opt(2026, 7, 3).unwrap()));
//! ```

use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::catalog::Text;

/// The years the rules are expanded for.
pub const YEARS: std::ops::RangeInclusive<i32> = 1970..=2099;

/// The id of the calendar used when a policy names none (or an unknown one).
pub const DEFAULT_CALENDAR: &str = "us";

/// A weekday in the calendar JSON (`mon` … `sun`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Day {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Day {
    fn weekday(self) -> Weekday {
        match self {
            Day::Mon => Weekday::Mon,
            Day::Tue => Weekday::Tue,
            Day::Wed => Weekday::Wed,
            Day::Thu => Weekday::Thu,
            Day::Fri => Weekday::Fri,
            Day::Sat => Weekday::Sat,
            Day::Sun => Weekday::Sun,
        }
    }
}

/// One holiday rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum Rule {
    /// The same date every year; `observed`: on a Saturday it is taken on
    /// the Friday before, on a Sunday on the Monday after (US federal rule).
    Fixed {
        name: String,
        month: u32,
        day: u32,
        #[serde(default)]
        observed: bool,
        #[serde(default)]
        from_year: Option<i32>,
    },
    /// The `nth` (1-based) `weekday` of `month`; -1 is the last one.
    NthWeekday {
        name: String,
        month: u32,
        weekday: Day,
        nth: i32,
        #[serde(default)]
        from_year: Option<i32>,
    },
    /// The `weekday` that falls from day `from` to day `to` of `month`
    /// (Midsummer Eve: the Friday from 19 to 25 June).
    WeekdayBetween {
        name: String,
        month: u32,
        weekday: Day,
        from: u32,
        to: u32,
        #[serde(default)]
        from_year: Option<i32>,
    },
    /// `offset` days after Easter Sunday (negative: before).
    Easter {
        name: String,
        offset: i64,
        #[serde(default)]
        from_year: Option<i32>,
    },
}

impl Rule {
    fn first_year(&self) -> Option<i32> {
        match self {
            Rule::Fixed { from_year, .. }
            | Rule::NthWeekday { from_year, .. }
            | Rule::WeekdayBetween { from_year, .. }
            | Rule::Easter { from_year, .. } => *from_year,
        }
    }

    /// The rule's holiday in `year` (the day off, after the observed shift).
    pub fn date_in(&self, year: i32) -> Option<NaiveDate> {
        if self.first_year().is_some_and(|from| year < from) {
            return None;
        }
        match self {
            Rule::Fixed {
                month,
                day,
                observed,
                ..
            } => {
                let d = NaiveDate::from_ymd_opt(year, *month, *day)?;
                Some(if *observed { observed_day(d) } else { d })
            }
            Rule::NthWeekday {
                month,
                weekday,
                nth,
                ..
            } => nth_weekday(year, *month, weekday.weekday(), *nth),
            Rule::WeekdayBetween {
                month,
                weekday,
                from,
                to,
                ..
            } => (*from..=*to)
                .filter_map(|d| NaiveDate::from_ymd_opt(year, *month, d))
                .find(|d| d.weekday() == weekday.weekday()),
            Rule::Easter { offset, .. } => {
                let easter = easter_sunday(year)?;
                if *offset >= 0 {
                    easter.checked_add_days(Days::new(offset.unsigned_abs()))
                } else {
                    easter.checked_sub_days(Days::new(offset.unsigned_abs()))
                }
            }
        }
    }
}

/// A Saturday holiday is taken on the Friday before, a Sunday one on the
/// Monday after.
fn observed_day(d: NaiveDate) -> NaiveDate {
    match d.weekday() {
        Weekday::Sat => d.pred_opt().unwrap_or(d),
        Weekday::Sun => d.succ_opt().unwrap_or(d),
        _ => d,
    }
}

/// The `nth` `weekday` of a month (1-based; -1 the last).
fn nth_weekday(year: i32, month: u32, weekday: Weekday, nth: i32) -> Option<NaiveDate> {
    if nth > 0 {
        NaiveDate::from_weekday_of_month_opt(year, month, weekday, u8::try_from(nth).ok()?)
    } else if nth == -1 {
        let first_next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)?
        };
        let mut d = first_next.pred_opt()?;
        while d.weekday() != weekday {
            d = d.pred_opt()?;
        }
        Some(d)
    } else {
        None
    }
}

/// Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm of
/// Meeus, Jones and Butcher).
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// A holiday calendar of `data/calendars.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HolidayCalendar {
    pub id: String,
    #[serde(default)]
    pub name: Text,
    /// How the calendar counts (shown under the choice in Settings).
    #[serde(default)]
    pub note: Text,
    pub rules: Vec<Rule>,
}

/// The JSON source of the built-in calendars (compiled to Rust by build.rs:
/// `domain::builtin`).
pub const CALENDARS_JSON: &str = include_str!("../../data/calendars.json");

struct Expanded {
    calendar: HolidayCalendar,
    days: Arc<BTreeSet<NaiveDate>>,
}

fn builtin() -> &'static [Expanded] {
    static CALENDARS: OnceLock<Vec<Expanded>> = OnceLock::new();
    CALENDARS.get_or_init(|| {
        super::builtin::calendars()
            .into_iter()
            .map(|calendar| Expanded {
                days: Arc::new(calendar.expand(YEARS)),
                calendar,
            })
            .collect()
    })
}

impl HolidayCalendar {
    /// Every built-in calendar; the first is the default.
    pub fn all() -> impl Iterator<Item = &'static HolidayCalendar> {
        builtin().iter().map(|e| &e.calendar)
    }

    pub fn by_id(id: &str) -> Option<&'static HolidayCalendar> {
        HolidayCalendar::all().find(|c| c.id == id)
    }

    /// The holidays its rules give in `years`.
    pub fn expand(&self, years: std::ops::RangeInclusive<i32>) -> BTreeSet<NaiveDate> {
        years
            .flat_map(|y| self.rules.iter().filter_map(move |r| r.date_in(y)))
            .collect()
    }

    /// The holidays of [`YEARS`] (computed once, shared).
    pub fn holidays(&self) -> Arc<BTreeSet<NaiveDate>> {
        builtin()
            .iter()
            .find(|e| e.calendar.id == self.id)
            .map(|e| e.days.clone())
            .unwrap_or_else(|| Arc::new(self.expand(YEARS)))
    }

    /// The holidays of the built-in calendar `id` (the default calendar's
    /// for an unknown id).
    pub fn holidays_of(id: &str) -> Arc<BTreeSet<NaiveDate>> {
        let all = builtin();
        all.iter()
            .find(|e| e.calendar.id == id)
            .or_else(|| all.iter().find(|e| e.calendar.id == DEFAULT_CALENDAR))
            .map(|e| e.days.clone())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn year(id: &str, y: i32) -> Vec<String> {
        HolidayCalendar::by_id(id)
            .unwrap()
            .expand(y..=y)
            .into_iter()
            .map(|d| d.to_string())
            .collect()
    }

    #[test]
    fn easter_sunday_table() {
        // Known dates (the earliest and latest possible, and the years the app uses).
        for (y, want) in [
            (1818, "1818-03-22"),
            (1943, "1943-04-25"),
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2028, "2028-04-16"),
            (2038, "2038-04-25"),
        ] {
            assert_eq!(easter_sunday(y), Some(d(want)), "{y}");
        }
        for y in YEARS {
            let e = easter_sunday(y).unwrap();
            assert_eq!(e.weekday(), Weekday::Sun, "{y}");
            assert!(e >= d(&format!("{y}-03-22")) && e <= d(&format!("{y}-04-25")));
        }
    }

    #[test]
    fn us_federal_holidays_2026_and_2027() {
        assert_eq!(
            year("us", 2026),
            [
                "2026-01-01",
                "2026-01-19",
                "2026-02-16",
                "2026-05-25",
                "2026-06-19",
                "2026-07-03", // 4 July is a Saturday
                "2026-09-07",
                "2026-10-12",
                "2026-11-11",
                "2026-11-26",
                "2026-12-25",
            ]
        );
        let y2027 = year("us", 2027);
        assert!(
            y2027.contains(&"2027-06-18".to_string()),
            "19 June is a Saturday"
        );
        assert!(
            y2027.contains(&"2027-07-05".to_string()),
            "4 July is a Sunday"
        );
        assert!(
            y2027.contains(&"2027-12-24".to_string()),
            "25 December is a Saturday"
        );
        assert!(
            year("us", 2028).contains(&"2027-12-31".to_string()),
            "1 January 2028 is a Saturday: observed on the Friday before"
        );
        assert!(
            !year("us", 2020).iter().any(|d| d.starts_with("2020-06-19")),
            "Juneteenth from 2021"
        );
    }

    #[test]
    fn swedish_holidays_2026() {
        assert_eq!(
            year("se", 2026),
            [
                "2026-01-01",
                "2026-01-06",
                "2026-04-03", // Good Friday
                "2026-04-06", // Easter Monday
                "2026-05-01",
                "2026-05-14", // Ascension Day
                "2026-06-06",
                "2026-06-19", // Midsummer Eve
                "2026-12-24",
                "2026-12-25",
                "2026-12-26",
                "2026-12-31",
            ]
        );
        // Midsummer Eve is always a Friday from 19 to 25 June.
        for y in YEARS {
            let hs = HolidayCalendar::by_id("se").unwrap().expand(y..=y);
            let eve = hs.iter().find(|d| d.month() == 6 && d.day() >= 19).unwrap();
            assert_eq!(eve.weekday(), Weekday::Fri, "{y}");
        }
    }

    #[test]
    fn last_weekday_and_unknown_ids() {
        assert_eq!(
            nth_weekday(2026, 5, Weekday::Mon, -1),
            Some(d("2026-05-25"))
        );
        assert_eq!(
            nth_weekday(2026, 12, Weekday::Thu, -1),
            Some(d("2026-12-31"))
        );
        assert_eq!(nth_weekday(2026, 5, Weekday::Mon, 0), None);
        assert_eq!(nth_weekday(2026, 5, Weekday::Mon, 6), None);
        assert_eq!(
            HolidayCalendar::holidays_of("atlantis"),
            HolidayCalendar::holidays_of(DEFAULT_CALENDAR)
        );
        assert_eq!(HolidayCalendar::all().next().unwrap().id, DEFAULT_CALENDAR);
        for c in HolidayCalendar::all() {
            assert!(!c.name.get(crate::i18n::Locale::Sv).is_empty());
            assert!(!c.note.get(crate::i18n::Locale::En).is_empty());
        }
    }
}
