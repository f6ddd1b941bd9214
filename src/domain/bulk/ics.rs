//! The open deadlines as an iCalendar file (RFC 5545; see the module docs
//! of [`super`], "iCalendar").

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike, Utc};

use crate::domain::claim::Claim;
use crate::domain::finding::Locale;
use crate::domain::policy::Policy;
use crate::domain::status::advance_cow;
use crate::domain::timeline::open_deadlines;
use crate::i18n::msg;

/// A calendar file and the number of events in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    pub text: String,
    /// Events (open deadlines): 0 means there is nothing to download.
    pub events: usize,
}

/// The open deadlines of the claims (after time-driven transitions at `now`)
/// as an RFC 5545 calendar: one all-day event each, texts in `locale`.
pub fn deadlines_to_ics(
    claims: &[Claim],
    now: DateTime<FixedOffset>,
    policy: &Policy,
    locale: Locale,
) -> String {
    deadlines_calendar(claims, now, policy, locale).text
}

/// [`deadlines_to_ics`] with the number of events, so the app can say
/// "no open deadlines" instead of offering an empty calendar.
pub fn deadlines_calendar<C: std::borrow::Borrow<Claim>>(
    claims: &[C],
    now: DateTime<FixedOffset>,
    policy: &Policy,
    locale: Locale,
) -> Calendar {
    let mut events = 0;
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//CPOR Desk//EN",
        "CALSCALE:GREGORIAN",
    ] {
        push_line(&mut out, line);
    }
    let stamp = ics_timestamp(now.to_utc());
    let (customer_label, status_label) =
        (msg::bulk_ics_customer(locale), msg::bulk_ics_status(locale));
    for stored in claims {
        let claim = advance_cow(stored.borrow(), now, policy);
        for deadline in open_deadlines(&claim, now, policy) {
            let Some(end) = deadline.due.succ_opt() else {
                continue;
            };
            let uid = format!("{}-{}@cpor-desk", claim.id, deadline.kind.id());
            let summary = format!("{}: {}", deadline.kind.label(locale), claim.name);
            let customer = match (
                claim.customer_name.trim().is_empty(),
                claim.customer_domain.trim().is_empty(),
            ) {
                (false, false) => format!("{} ({})", claim.customer_name, claim.customer_domain),
                (false, true) => claim.customer_name.clone(),
                _ => claim.customer_domain.clone(),
            };
            let description = format!(
                "{customer_label}: {customer}\n{status_label}: {}\n{}",
                claim.status.label(locale),
                deadline.kind.consequence(locale)
            );
            events += 1;
            push_line(&mut out, "BEGIN:VEVENT");
            push_line(&mut out, &format!("UID:{}", escape_text(&uid)));
            push_line(&mut out, &format!("DTSTAMP:{stamp}"));
            push_line(
                &mut out,
                &format!("DTSTART;VALUE=DATE:{}", ics_date(deadline.due)),
            );
            push_line(&mut out, &format!("DTEND;VALUE=DATE:{}", ics_date(end)));
            push_line(&mut out, &format!("SUMMARY:{}", escape_text(&summary)));
            push_line(
                &mut out,
                &format!("DESCRIPTION:{}", escape_text(&description)),
            );
            push_line(&mut out, "TRANSP:TRANSPARENT");
            push_line(&mut out, "END:VEVENT");
        }
    }
    push_line(&mut out, "END:VCALENDAR");
    Calendar { text: out, events }
}

fn ics_date(d: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

fn ics_timestamp(at: DateTime<Utc>) -> String {
    format!(
        "{}T{:02}{:02}{:02}Z",
        ics_date(at.date_naive()),
        at.hour(),
        at.minute(),
        at.second()
    )
}

/// An RFC 5545 TEXT value: `\`, `;`, `,` escaped, CRLF / CR / LF as `\n`,
/// other control characters (but tab) dropped: C0, DEL, the C1 controls
/// (U+0080–U+009F, NEL among them) and the Unicode line and paragraph
/// separators (U+2028, U+2029), which some readers split lines on, so a
/// name cannot start a line of its own.
fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c < ' ' || ('\u{7f}'..='\u{9f}').contains(&c) => {}
            '\u{2028}' | '\u{2029}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line, folded to at most 75 octets per physical line
/// (CRLF and a space before each continuation), never inside a character.
fn push_line(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = 75;
    while rest.len() > limit {
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // The leading space counts.
        limit = 74;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::domain::claim::Status;
    use crate::domain::roles::Actor;

    fn unfold(ics: &str) -> String {
        ics.replace("\r\n ", "")
    }

    fn unescape(value: &str) -> String {
        let mut out = String::new();
        let mut chars = value.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n' | 'N') => out.push('\n'),
                    Some(other) => out.push(other),
                    None => {}
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    fn property<'a>(unfolded: &'a str, name: &str) -> Vec<&'a str> {
        unfolded
            .split("\r\n")
            .filter_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(':')))
            .collect()
    }

    #[test]
    fn ics_has_one_all_day_event_per_open_deadline() {
        let claims = [submitted(ID_A, "Contoso rollout"), sample(ID_B)];
        let ics = deadlines_to_ics(&claims, now(), &Policy::default(), Locale::En);
        assert_eq!(
            ics,
            format!(
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//CPOR Desk//EN\r\nCALSCALE:GREGORIAN\r\n\
                 BEGIN:VEVENT\r\nUID:{ID_A}-review_start@cpor-desk\r\nDTSTAMP:20261123T080000Z\r\n\
                 DTSTART;VALUE=DATE:20261123\r\nDTEND;VALUE=DATE:20261124\r\n\
                 SUMMARY:Review starts: Contoso rollout\r\n\
                 DESCRIPTION:Customer: Contoso Ltd (contoso.com)\\nStatus: Submitted\\nMicroso\r\n \
                 ft's service level\\; no automatic action.\r\n\
                 TRANSP:TRANSPARENT\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
            )
        );
        let sv = deadlines_to_ics(&claims, now(), &Policy::default(), Locale::Sv);
        let sv = unfold(&sv);
        assert_eq!(
            property(&sv, "SUMMARY"),
            ["Granskningen startar: Contoso rollout"]
        );
        assert!(sv.contains("DESCRIPTION:Kund: Contoso Ltd (contoso.com)\\nStatus: Skickad\\n"));
    }

    #[test]
    fn ics_escapes_and_folds_without_splitting_characters() {
        let names = [
            "Semi; comma, back\\slash and\nnew line".to_string(),
            "é".repeat(200),
            "😀".repeat(100),
            format!("x{}", "\u{202E}\u{200B}".repeat(60)),
            "<script>alert(1)</script>".repeat(10),
            "a".repeat(10_000),
        ];
        for name in names {
            let claim = submitted(ID_A, &name);
            let ics = deadlines_to_ics(&[claim], now(), &Policy::default(), Locale::En);
            assert!(ics.ends_with("\r\n"));
            for line in ics.split("\r\n") {
                assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
                assert!(!line.contains(['\r', '\n']));
            }
            let unfolded = unfold(&ics);
            let summary = property(&unfolded, "SUMMARY");
            assert_eq!(summary.len(), 1);
            assert_eq!(unescape(summary[0]), format!("Review starts: {name}"));
            // Every escape-worthy character is escaped.
            let raw = summary[0]
                .replace("\\\\", "")
                .replace("\\;", "")
                .replace("\\,", "");
            assert!(!raw.contains([';', ',']), "{raw}");
        }
    }

    #[test]
    fn ics_text_escaping() {
        assert_eq!(
            escape_text("a\\b;c,d\r\ne\rf\ng\th"),
            "a\\\\b\\;c\\,d\\ne\\nf\\ng\th"
        );
        assert_eq!(escape_text("nul\u{0}bell\u{7}del\u{7f}"), "nulbelldel");
        // line and paragraph separators and C1 controls are dropped.
        assert_eq!(
            escape_text("a\u{2028}BEGIN:VEVENT\u{2029}b\u{85}c\u{80}\u{9f}d\u{a0}"),
            "aBEGIN:VEVENTbcd\u{a0}"
        );
        let mut out = String::new();
        push_line(&mut out, &"x".repeat(75));
        assert_eq!(out, format!("{}\r\n", "x".repeat(75)));
        let mut out = String::new();
        push_line(&mut out, &"x".repeat(76));
        assert_eq!(out, format!("{}\r\n x\r\n", "x".repeat(75)));
        let mut out = String::new();
        push_line(&mut out, &format!("{}é", "x".repeat(74)));
        assert_eq!(out, format!("{}\r\n é\r\n", "x".repeat(74)));
    }

    #[test]
    fn ics_for_other_deadlines_and_none() {
        let ics = deadlines_to_ics(&[], now(), &Policy::default(), Locale::En);
        assert_eq!(
            ics,
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//CPOR Desk//EN\r\nCALSCALE:GREGORIAN\r\nEND:VCALENDAR\r\n"
        );
        // A claim whose response deadline passed is rejected at `now`: its
        // event is the dispute window.
        let mut claim = sample(ID_A);
        claim.status = Status::PartnerActionRequired;
        claim.history.push(crate::domain::claim::HistoryEntry {
            at: DateTime::parse_from_rfc3339("2026-11-02T10:00:00Z")
                .unwrap()
                .to_utc(),
            actor: Actor::reviewer("Rita"),
            action: crate::domain::claim::Action::InfoRequested {
                reasons: vec![],
                comment: String::new(),
            },
            from: Some(Status::UnderReview),
            to: Some(Status::PartnerActionRequired),
            changes: vec![],
        });
        let ics = unfold(&deadlines_to_ics(
            &[claim],
            now(),
            &Policy::default(),
            Locale::En,
        ));
        assert_eq!(
            property(&ics, "UID"),
            [format!("{ID_A}-dispute_window@cpor-desk")]
        );
        assert!(ics.contains("Status: Rejected"));
    }
}
