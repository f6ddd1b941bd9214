//! The dates item: finding dates in the text (on folded tokens), keeping
//! the newest per reading, and the verdict with the dates' ages.

use std::mem;

use chrono::{Datelike, NaiveDate};

use super::notes::{Age, AgeRelation, Note};
use super::scanner::{EVIDENCE_CAP, Scanner};
use super::vocabulary::MONTHS;
use super::{CheckStatus, Evidence};

pub(super) const YEARS: std::ops::RangeInclusive<i32> = 1970..=2099;

pub(super) struct DateRules {
    pub(super) reference: NaiveDate,
    pub(super) relative_to_claim: bool,
    pub(super) cutoff: Option<NaiveDate>,
    pub(super) horizon: NaiveDate,
    pub(super) max_age_months: u32,
}

/// A date found in the text: its day/month reading, its month/day reading
/// when that is a different valid date, and where it is.
#[derive(Clone, Copy)]
pub(super) struct DateHit {
    pub(super) date: NaiveDate,
    pub(super) alt: Option<NaiveDate>,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) page: u32,
}

/// What the dates rule needs, kept in constant space while scanning: per
/// reading (0 = day/month, 1 = month/day) the newest plausible date and the
/// earliest implausible (too far ahead) one, the newest distinct plausible
/// dates for evidence, and the newest ambiguous date.
pub(super) struct DateAgg {
    pub(super) horizon: NaiveDate,
    pub(super) newest: [Option<DateHit>; 2],
    pub(super) future: [Option<DateHit>; 2],
    pub(super) top: Vec<DateHit>,
    pub(super) ambiguous: Option<DateHit>,
    /// The newest signature or effective date (see `KEY_DATE_WORDS`).
    pub(super) key_newest: Option<DateHit>,
    /// Distinct signature or effective dates, newest first (at most
    /// `EVIDENCE_CAP`).
    pub(super) key: Vec<DateHit>,
}

impl DateAgg {
    pub(super) fn add(&mut self, hit: DateHit) {
        for (r, d) in [(0, hit.date), (1, hit.alt.unwrap_or(hit.date))] {
            let at = DateHit { date: d, ..hit };
            if d > self.horizon {
                if self.future[r].is_none_or(|f| d < f.date) {
                    self.future[r] = Some(at);
                }
            } else if self.newest[r].is_none_or(|n| d > n.date) {
                self.newest[r] = Some(at);
            }
        }
        if hit.alt.is_some() && self.ambiguous.is_none_or(|a| hit.date > a.date) {
            self.ambiguous = Some(hit);
        }
        if hit.date <= self.horizon && !self.top.iter().any(|t| t.date == hit.date) {
            let at = self
                .top
                .iter()
                .position(|t| t.date < hit.date)
                .unwrap_or(self.top.len());
            if at < EVIDENCE_CAP {
                self.top.insert(at, hit);
                self.top.truncate(EVIDENCE_CAP);
            }
        }
    }

    /// A signature or effective date.
    fn add_key(&mut self, hit: DateHit) {
        if hit.date > self.horizon {
            return;
        }
        if self.key_newest.is_none_or(|n| hit.date > n.date) {
            self.key_newest = Some(hit);
        }
        if !self.key.iter().any(|k| k.date == hit.date) {
            let at = self
                .key
                .iter()
                .position(|k| k.date < hit.date)
                .unwrap_or(self.key.len());
            if at < EVIDENCE_CAP {
                self.key.insert(at, hit);
                self.key.truncate(EVIDENCE_CAP);
            }
        }
    }

    fn verdict(&self, reading: usize, cutoff: Option<NaiveDate>) -> DateVerdict {
        match (self.newest[reading], self.future[reading]) {
            (Some(n), _) if cutoff.is_some_and(|c| n.date < c) => DateVerdict::Old(n),
            (Some(n), _) => DateVerdict::Fresh(n),
            (None, Some(f)) => DateVerdict::FutureOnly(f),
            (None, None) => DateVerdict::None,
        }
    }
}

pub(super) enum DateVerdict {
    None,
    FutureOnly(DateHit),
    Old(DateHit),
    Fresh(DateHit),
}

impl Scanner<'_> {
    pub(super) fn detect_date(&mut self) {
        if self.ring_len < 3 {
            return;
        }
        let (t2, t1, t0) = (self.tok(2), self.tok(1), self.tok(0));
        if !t1.joined || !t0.joined || t0.long || t1.long || t2.long {
            return;
        }
        let s1 = &self.text[t2.end..t1.start];
        let s2 = &self.text[t1.end..t0.start];
        let mut found: Option<(NaiveDate, Option<NaiveDate>, usize)> = None;
        if s1 == s2
            && matches!(s1, "-" | "/" | ".")
            && let (Some(a), Some(b)) = (ascii_number(&t2.lower, 4), ascii_number(&t1.lower, 2))
        {
            if a.1 == 4 {
                // ISO year-month-day.
                if let Some(y) = year(&t2.lower)
                    && let Some(d) = day(&t0.lower, true)
                {
                    found = ymd(y, b.0, d).map(|date| (date, None, t2.start));
                }
            } else if let Some(y) = year(&t0.lower) {
                let dm = ymd(y, b.0, a.0);
                let md = ymd(y, a.0, b.0);
                let pick = match (dm, md) {
                    _ if s1 == "." => dm.map(|d| (d, None)),
                    (Some(dm), Some(md)) if dm != md => Some((dm, Some(md))),
                    (Some(d), _) | (None, Some(d)) => Some((d, None)),
                    (None, None) => None,
                };
                found = pick.map(|(d, alt)| (d, alt, t2.start));
            }
        }
        if found.is_none()
            && let Some(y) = year(&t0.lower)
            && text_date_sep(s1)
            && text_date_sep(s2)
        {
            if let (Some(d), Some(m)) = (day(&t2.lower, false), month(&t1.lower)) {
                found = ymd(y, m, d).map(|date| (date, None, t2.start));
            } else if let (Some(m), Some(d)) = (month(&t2.lower), day(&t1.lower, false)) {
                found = ymd(y, m, d).map(|date| (date, None, t2.start));
            } else if self.ring_len >= 4
                && t2.lower == "of"
                && t2.joined
                && let Some(m) = month(&t1.lower)
                && let t3 = self.tok(3)
                && let Some(d) = day(&t3.lower, false)
                && text_date_sep(&self.text[t3.end..t2.start])
            {
                found = ymd(y, m, d).map(|date| (date, None, t3.start));
            }
        }
        if let Some((date, alt, start)) = found {
            let hit = DateHit {
                date,
                alt,
                start,
                end: t0.end,
                page: t0.page,
            };
            self.dates.add(hit);
            // A signature or effective date: on the line of its word, or on
            // the next line when the word's own line has no date.
            let line = self.tok(0).line;
            match self.key_line {
                Some((k, _)) if k == line => {
                    self.key_line = Some((k, true));
                    self.dates.add_key(hit);
                }
                Some((k, false)) if k.saturating_add(1) == line => self.dates.add_key(hit),
                _ => {}
            }
            self.facts.date = true;
        }
    }

    pub(super) fn dates(&self, rules: &DateRules) -> (CheckStatus, Vec<Evidence>) {
        let day_month = self.dates.verdict(0, rules.cutoff);
        let month_day = self.dates.verdict(1, rules.cutoff);
        let old_key = self
            .dates
            .key_newest
            .filter(|k| rules.cutoff.is_some_and(|c| k.date < c));
        let (status, hit, note) = match day_month {
            _ if mem::discriminant(&day_month) != mem::discriminant(&month_day) => {
                let Some(a) = self.dates.ambiguous else {
                    return (
                        CheckStatus::Unsure,
                        vec![Evidence::note(Note::AmbiguousDates)],
                    );
                };
                let note = Note::AmbiguousDate {
                    day_month: a.date,
                    month_day: a.alt.unwrap_or(a.date),
                };
                (CheckStatus::Unsure, a, note)
            }
            DateVerdict::None => {
                return (CheckStatus::Missing, vec![Evidence::note(Note::NoDates)]);
            }
            DateVerdict::FutureOnly(f) => {
                let note = Note::OnlyFuture {
                    date: f.date,
                    age: age(f.date, rules),
                };
                (CheckStatus::Unsure, f, note)
            }
            DateVerdict::Old(n) => {
                let note = Note::TooOld {
                    date: n.date,
                    limit_months: rules.max_age_months,
                    age: age(n.date, rules),
                };
                (CheckStatus::Missing, n, note)
            }
            // Recent milestones do not make up for signature and effective
            // dates that are all old: a reviewer would ask.
            DateVerdict::Fresh(n) => match old_key {
                Some(k) => {
                    let note = Note::OldKeyDates {
                        dates: self.dates.key.iter().map(|k| k.date).collect(),
                        limit_months: rules.max_age_months,
                        age: age(k.date, rules),
                    };
                    (CheckStatus::Unsure, k, note)
                }
                None => {
                    let note = Note::Date {
                        date: n.date,
                        age: age(n.date, rules),
                        month_day: None,
                    };
                    (CheckStatus::Found, n, note)
                }
            },
        };
        let mut evidence = vec![self.evidence(hit.start, hit.end, hit.page, note)];
        for other in self.dates.top.iter().filter(|t| t.date != hit.date) {
            if evidence.len() >= EVIDENCE_CAP {
                break;
            }
            let note = Note::Date {
                date: other.date,
                age: age(other.date, rules),
                month_day: other.alt,
            };
            evidence.push(self.evidence(other.start, other.end, other.page, note));
        }
        (status, evidence)
    }
}

/// A date's age relative to the reference date, e.g. "8 months old" or "3
/// days before the claim": whole months, or days when under a month.
fn age(d: NaiveDate, rules: &DateRules) -> Age {
    let (past, a, b) = if d <= rules.reference {
        (true, d, rules.reference)
    } else {
        (false, rules.reference, d)
    };
    let relation = match (past, rules.relative_to_claim) {
        (true, true) => AgeRelation::BeforeClaim,
        (true, false) => AgeRelation::Old,
        (false, true) => AgeRelation::AfterClaim,
        (false, false) => AgeRelation::Ahead,
    };
    let months = months_between(a, b);
    if months >= 1 {
        Age::months(count(months), relation)
    } else {
        Age::days(count((b - a).num_days()), relation)
    }
}

/// A non-negative count.
fn count(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

/// Whole months from `a` to `b` (a ≤ b).
fn months_between(a: NaiveDate, b: NaiveDate) -> i64 {
    let mut m = i64::from(b.year() - a.year()) * 12 + i64::from(b.month()) - i64::from(a.month());
    if b.day() < a.day() {
        m -= 1;
    }
    m.max(0)
}

/// The value and length of a run of 1 to `max_len` ASCII digits.
fn ascii_number(s: &str, max_len: usize) -> Option<(u32, usize)> {
    if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value = s.bytes().fold(0, |v, b| v * 10 + u32::from(b - b'0'));
    Some((value, s.len()))
}

fn year(s: &str) -> Option<i32> {
    match ascii_number(s, 4) {
        Some((v, 4)) => i32::try_from(v).ok().filter(|y| YEARS.contains(y)),
        _ => None,
    }
}

/// A day of 1–2 digits, optionally with an English ordinal suffix (`14th`),
/// or for ISO dates a time suffix (`14t10`, from `2025-03-14T10:00`).
fn day(s: &str, iso: bool) -> Option<u32> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count().min(3);
    let (num, rest) = s.split_at(digits);
    let ok = if iso {
        rest.is_empty()
            || (rest.starts_with('t') && rest[1..].starts_with(|c: char| c.is_ascii_digit()))
    } else {
        matches!(rest, "" | "st" | "nd" | "rd" | "th")
    };
    if ok {
        ascii_number(num, 2).map(|(v, _)| v)
    } else {
        None
    }
}

fn month(s: &str) -> Option<u32> {
    let i = MONTHS
        .split('|')
        .position(|names| names.split(' ').any(|n| n == s))?;
    u32::try_from(i + 1).ok()
}

/// Separator allowed inside a written-out date: a few spaces, commas,
/// periods, hyphens or slashes, no line break.
fn text_date_sep(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 4
        && s.chars()
            .all(|c| matches!(c, ' ' | '\t' | '\u{a0}' | ',' | '.' | '-' | '/'))
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::claim::Claim;

    fn scan_dates(text: &str) -> Vec<String> {
        let mut s = Scanner::new(text, &Claim::default(), NaiveDate::MAX);
        s.run();
        s.dates.top.iter().map(|d| d.date.to_string()).collect()
    }

    #[test]
    fn dates_parse_in_many_shapes() {
        for (text, want) in [
            ("2025-03-14", "2025-03-14"),
            ("2025/3/4", "2025-03-04"),
            ("14.03.2025", "2025-03-14"),
            ("14/03/2025", "2025-03-14"),
            ("03/14/2025", "2025-03-14"),
            ("14 March 2025", "2025-03-14"),
            ("14th of March 2025", "2025-03-14"),
            ("March 14, 2025", "2025-03-14"),
            ("MARCH 14TH, 2025", "2025-03-14"),
            ("Mar 14 2025", "2025-03-14"),
            ("14-Mar-2025", "2025-03-14"),
            ("den 14 mars 2025", "2025-03-14"),
            ("1 maj 2025", "2025-05-01"),
            ("2025-03-14T10:00:00Z", "2025-03-14"),
        ] {
            assert_eq!(scan_dates(text), [want], "{text}");
        }
        for text in [
            "31/02/2025",
            "14 Foo 2025",
            "1.2.3",
            "14 March 1850",
            "2025-13-01",
            "14\nMarch 2025",
            "123/03/2025",
            "14 / 03 / 2025",
        ] {
            assert!(scan_dates(text).is_empty(), "{text}");
        }
        // Newest first, distinct, at most EVIDENCE_CAP.
        let many = (1..=9)
            .map(|d| format!("2025-01-0{d} 2025-01-0{d}"))
            .collect::<Vec<_>>();
        assert_eq!(
            scan_dates(&many.join(" ")),
            [
                "2025-01-09",
                "2025-01-08",
                "2025-01-07",
                "2025-01-06",
                "2025-01-05"
            ]
        );
    }
}
