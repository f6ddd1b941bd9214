//! The acknowledgement item: signature words, and whether their line (or
//! the next) carries a date, a name or the customer.

use std::mem;

use super::notes::{Line, Note, SignedWith, Unsigned};
use super::scanner::Kind;
use super::scanner::{EVIDENCE_CAP, Scanner};
use super::text::{blank_field_after, collapse, fold, is_letter};
use super::vocabulary::{LABELS, listed};
use super::{CheckStatus, Evidence};

/// Signature words remembered per line.
pub(super) const ACKS_PER_LINE: usize = 8;

pub(super) struct AckHit {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) line: u64,
    pub(super) page: u32,
    pub(super) blank: bool,
    pub(super) pending: bool,
}

#[derive(Default)]
pub(super) struct LineFacts {
    pub(super) any: bool,
    pub(super) line: u64,
    pub(super) page: u32,
    pub(super) date: bool,
    /// The customer's or a contact's name.
    pub(super) name: bool,
    /// Two capitalised non-label words in a row.
    pub(super) person: bool,
    /// First and last start of a customer word on the line.
    pub(super) customer_word: Option<(usize, usize)>,
    pub(super) acks: Vec<AckHit>,
}

impl LineFacts {
    /// Why this line makes a signature word at `hit` a signature (the
    /// customer word must be outside the signature word itself).
    pub(super) fn context(&self, hit: Option<&AckHit>) -> Option<SignedWith> {
        let customer = match (self.customer_word, hit) {
            (Some((first, last)), Some(h)) => first < h.start || last >= h.end,
            (Some(_), None) => true,
            (None, _) => false,
        };
        if self.date {
            Some(SignedWith::Date)
        } else if self.name {
            Some(SignedWith::ContactName)
        } else if self.person {
            Some(SignedWith::Name)
        } else if customer {
            Some(SignedWith::CustomerWord)
        } else {
            None
        }
    }
}

impl Scanner<'_> {
    pub(super) fn add_ack(
        &mut self,
        start: usize,
        end: usize,
        line: u64,
        page: u32,
        pending: bool,
    ) {
        self.last_ack_end = end;
        if self.facts.acks.len() < ACKS_PER_LINE {
            let blank = blank_field_after(self.text, end);
            self.facts.acks.push(AckHit {
                start,
                end,
                line,
                page,
                blank,
                pending,
            });
        }
    }

    /// The conformed signature `/s/`.
    pub(super) fn slash_s(&mut self) {
        let cur = self.tok(0);
        let bytes = self.text.as_bytes();
        if cur.lower == "s"
            && cur.start > 0
            && bytes[cur.start - 1] == b'/'
            && bytes.get(cur.end) == Some(&b'/')
            && cur.start > self.last_ack_end
        {
            let (start, end, line, page) = (cur.start - 1, cur.end + 1, cur.line, cur.page);
            self.add_ack(start, end, line, page, false);
        }
    }

    /// Tracks runs of capitalised words (a person's name on a signature line);
    /// signature and customer words (`self.hits` of this token) never count.
    pub(super) fn person_name(&mut self) {
        let cur = self.tok(0);
        let word = &self.text[cur.start..cur.end];
        let mut chars = word.chars();
        let name_like = !cur.long
            && chars.next().is_some_and(|c| fold(c) != c)
            && word.chars().count() >= 2
            && word.chars().all(is_letter)
            && chars.any(|c| fold(c) == c)
            && !listed(LABELS, &cur.lower)
            && !self
                .hits
                .iter()
                .any(|(kind, _)| matches!(kind, Kind::Ack | Kind::CustomerWord));
        let continues = self.ring_len >= 2 && cur.joined && self.tok(1).line == cur.line;
        self.person_run = match (name_like, continues) {
            (false, _) => 0,
            (true, true) => self.person_run.saturating_add(1),
            (true, false) => 1,
        };
        if self.person_run >= 2 {
            self.facts.person = true;
        }
    }

    /// Settles the signature words of the finished line (and of the line
    /// before it, which waited for this one).
    pub(super) fn finish_line(&mut self) {
        let mut facts = mem::take(&mut self.facts);
        if !facts.any {
            return;
        }
        for hit in mem::take(&mut self.pending) {
            if facts.page == hit.page
                && facts.line <= hit.line + 3
                && let Some(with) = facts.context(None)
            {
                self.ack_found(&hit, with, Line::Next);
            } else {
                self.ack_unsure(&hit, Unsigned::Alone);
            }
        }
        for hit in mem::take(&mut facts.acks) {
            if hit.blank {
                self.ack_unsure(&hit, Unsigned::Blank);
            } else if hit.pending {
                self.ack_unsure(&hit, Unsigned::Pending);
            } else if let Some(with) = facts.context(Some(&hit)) {
                self.ack_found(&hit, with, Line::Same);
            } else {
                self.pending.push(hit);
            }
        }
    }

    /// The signature word as written, folded and collapsed.
    fn ack_word(&self, hit: &AckHit) -> String {
        let raw = self.text.get(hit.start..hit.end).unwrap_or("");
        collapse(raw, 40).0.chars().map(fold).collect()
    }

    fn ack_found(&mut self, hit: &AckHit, with: SignedWith, line: Line) {
        self.ack_found += 1;
        if self.ack_found_evidence.len() < EVIDENCE_CAP {
            let word = self.ack_word(hit);
            let note = Note::Signed { word, with, line };
            let ev = self.evidence(hit.start, hit.end, hit.page, note);
            self.ack_found_evidence.push(ev);
        }
    }

    pub(super) fn ack_unsure(&mut self, hit: &AckHit, why: Unsigned) {
        self.ack_unsure += 1;
        if self.ack_unsure_evidence.len() < EVIDENCE_CAP {
            let word = self.ack_word(hit);
            let note = Note::Unsigned { word, why };
            let ev = self.evidence(hit.start, hit.end, hit.page, note);
            self.ack_unsure_evidence.push(ev);
        }
    }

    pub(super) fn acknowledgement(&self) -> (CheckStatus, Vec<Evidence>) {
        if self.ack_found > 0 {
            (CheckStatus::Found, self.ack_found_evidence.clone())
        } else if self.ack_unsure > 0 {
            (CheckStatus::Unsure, self.ack_unsure_evidence.clone())
        } else {
            (
                CheckStatus::Missing,
                vec![Evidence::note(Note::NoSignature)],
            )
        }
    }
}
