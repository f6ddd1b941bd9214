//! Business days (docs/rules.md#timers): Monday–Friday minus the holidays
//! of the policy's calendar ([`super::holidays`]).
//!
//! "n business days after d" is the n-th business day strictly after d, so
//! one business day after a Saturday is the Monday. `business_days_between(a, b)`
//! counts the business days in (a, b].
//!
//! ```
//! use chrono::NaiveDate;
//! use cpor_desk::domain::calendar::Calendar;
//! let cal = Calendar::default();
//! let sat = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
//! let mon = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
//! assert_eq!(cal.add_business_days(sat, 1), mon);
//! assert_eq!(cal.business_days_between(sat, mon), 1);
//! ```

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::finding::Code;

/// Cheap to clone: the holidays are shared.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    holidays: Arc<BTreeSet<NaiveDate>>,
}

impl Calendar {
    pub fn new(holidays: impl IntoIterator<Item = NaiveDate>) -> Self {
        Calendar {
            holidays: Arc::new(holidays.into_iter().collect()),
        }
    }

    /// A calendar over a shared set of holidays.
    pub fn shared(holidays: Arc<BTreeSet<NaiveDate>>) -> Self {
        Calendar { holidays }
    }

    /// This calendar with `extra` days off as well.
    pub fn with_extra(&self, extra: &[NaiveDate]) -> Self {
        if extra.is_empty() {
            return self.clone();
        }
        let mut all = (*self.holidays).clone();
        all.extend(extra.iter().copied());
        Calendar::shared(Arc::new(all))
    }

    pub fn is_business_day(&self, d: NaiveDate) -> bool {
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !self.holidays.contains(&d)
    }

    /// The n-th business day strictly after `d` (n > 0), strictly before `d`
    /// (n < 0), or `d` itself (n = 0). Saturates at the ends of chrono's range.
    pub fn add_business_days(&self, d: NaiveDate, n: i64) -> NaiveDate {
        let mut day = d;
        let mut left = n.unsigned_abs();
        while left > 0 {
            let next = if n > 0 {
                day.checked_add_days(Days::new(1))
            } else {
                day.checked_sub_days(Days::new(1))
            };
            match next {
                Some(next) => day = next,
                None => return day,
            }
            if self.is_business_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// The number of business days in (a, b]; negative when b < a (the count in (b, a]).
    pub fn business_days_between(&self, a: NaiveDate, b: NaiveDate) -> i64 {
        if b < a {
            return -self.business_days_between(b, a);
        }
        let span = (b - a).num_days();
        // Whole weeks hold five weekdays each; count the rest day by day.
        let weeks = span / 7;
        let mut count = weeks * 5;
        let mut day = a + Days::new((weeks * 7) as u64);
        while day < b {
            day = day + Days::new(1);
            if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                count += 1;
            }
        }
        let holidays_in_range = self
            .holidays
            .range((std::ops::Bound::Excluded(a), std::ops::Bound::Included(b)))
            .filter(|h| !matches!(h.weekday(), Weekday::Sat | Weekday::Sun))
            .count() as i64;
        count - holidays_in_range
    }
}

/// Parses a strict `YYYY-MM-DD` calendar date.
pub fn parse_date(s: &str) -> Result<NaiveDate, Code> {
    let s = s.trim();
    let b = s.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return Err(Code::DateFormat);
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().map_err(|_| Code::DateFormat);
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?).ok_or(Code::DateFormat)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn table_add_business_days() {
        let cal = Calendar::new([d("2026-12-25"), d("2027-01-01")]);
        let cases = [
            // (start, n, expected, why)
            ("2026-11-16", 1, "2026-11-17", "Mon + 1 = Tue"),
            ("2026-11-20", 1, "2026-11-23", "Fri + 1 = Mon"),
            ("2026-11-21", 1, "2026-11-23", "Sat + 1 = Mon"),
            ("2026-11-22", 1, "2026-11-23", "Sun + 1 = Mon"),
            ("2026-11-16", 5, "2026-11-23", "Mon + 5 = next Mon"),
            ("2026-11-21", 0, "2026-11-21", "0 is the day itself"),
            (
                "2026-12-24",
                1,
                "2026-12-28",
                "over Christmas Day (Fri) and a weekend",
            ),
            (
                "2026-12-31",
                1,
                "2027-01-04",
                "year end: New Year's Day is a holiday",
            ),
            (
                "2026-12-28",
                5,
                "2027-01-05",
                "across the year end with a holiday",
            ),
            ("2026-11-23", -1, "2026-11-20", "Mon - 1 = Fri"),
            ("2027-01-04", -1, "2026-12-31", "backwards over the holiday"),
            (
                "2024-02-28",
                1,
                "2024-02-29",
                "leap day is a business day (Thu)",
            ),
        ];
        for (start, n, want, why) in cases {
            assert_eq!(cal.add_business_days(d(start), n), d(want), "{why}");
        }
    }

    #[test]
    fn table_business_days_between() {
        let cal = Calendar::new([d("2026-12-25"), d("2027-01-01")]);
        let cases = [
            ("2026-11-16", "2026-11-16", 0),
            ("2026-11-16", "2026-11-17", 1),
            ("2026-11-20", "2026-11-23", 1),
            ("2026-11-21", "2026-11-22", 0),
            ("2026-11-16", "2026-11-30", 10),
            ("2026-12-21", "2027-01-04", 8),
            ("2026-11-23", "2026-11-20", -1),
        ];
        for (a, b, want) in cases {
            assert_eq!(cal.business_days_between(d(a), d(b)), want, "{a}..{b}");
        }
    }

    #[test]
    fn parse_date_is_strict() {
        assert!(parse_date("2026-02-29").is_err());
        assert!(parse_date("2026-2-03").is_err());
        assert!(parse_date("20260203").is_err());
        assert!(parse_date("2026-02-03T00:00").is_err());
        assert!(parse_date("２０２６-02-03").is_err());
        assert_eq!(parse_date(" 2024-02-29 ").unwrap(), d("2024-02-29"));
    }

    #[test]
    fn saturates_at_the_end_of_time() {
        let cal = Calendar::default();
        let _ = cal.add_business_days(NaiveDate::MAX, 3);
        let _ = cal.add_business_days(NaiveDate::MIN, -3);
    }
}
