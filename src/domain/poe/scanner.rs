//! The one-pass scanner: tokenizes the text, matches the claim's names and
//! products and the word lists in a fixed look-back window, and feeds the
//! items' rules (see the sibling modules).

use std::mem;

use chrono::NaiveDate;

use super::Evidence;
use super::acknowledgement::{AckHit, LineFacts};
use super::dates::DateAgg;
use super::mentions::{NEAR_TOKENS, ProductState, Span};
use super::notes::{Note, Unsigned};
use super::text::{domain_label, fold, is_word, name_core, normalize, snippet};
use super::vocabulary::{
    ACK_WORDS, ACTIVITIES, ADJECTIVAL, CUSTOMER_WORDS, KEY_DATE_WORDS, NEGATORS, listed,
    product_aliases,
};
use crate::domain::claim::Claim;

/// Tokens remembered for phrase and date matching.
pub(super) const WINDOW: usize = 16;

/// Longer tokens are kept only as "long" and never match.
pub(super) const MAX_TOKEN_BYTES: usize = 128;

/// Tokens further apart (in bytes) than this never form one phrase.
pub(super) const MAX_JOIN_GAP: usize = 64;

/// Evidence entries kept per item (or per activity/product).
pub(super) const EVIDENCE_CAP: usize = 5;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Kind {
    Activity(usize),
    Ack,
    /// A word that labels a signature or effective date ("effective", "dated").
    KeyDate,
    CustomerWord,
    Partner,
    Customer,
    CustomerDomain,
    Contact,
    Product(usize),
}

struct Pattern {
    text: String,
    prefix: bool,
    kind: Kind,
}

/// Patterns chained by a key byte (first byte for single words, last byte
/// for phrases), so a token is only compared with the few that can match.
struct Patterns {
    list: Vec<Pattern>,
    head: [u16; 256],
    next: Vec<u16>,
}

const NONE: u16 = u16::MAX;

impl Patterns {
    fn new() -> Patterns {
        Patterns {
            list: Vec::new(),
            head: [NONE; 256],
            next: Vec::new(),
        }
    }

    fn add(&mut self, text: String, prefix: bool, kind: Kind, key_last: bool) {
        let bytes = text.as_bytes();
        let key = if key_last {
            bytes.last()
        } else {
            bytes.first()
        };
        let Some(&key) = key else {
            return;
        };
        if self.list.len() >= usize::from(NONE)
            || self.list.iter().any(|p| p.text == text && p.kind == kind)
        {
            return;
        }
        self.next.push(self.head[usize::from(key)]);
        self.head[usize::from(key)] = self.list.len() as u16;
        self.list.push(Pattern { text, prefix, kind });
    }

    /// The patterns whose key byte is `key`.
    fn chain(&self, key: u8) -> impl Iterator<Item = &Pattern> {
        let mut i = self.head[usize::from(key)];
        std::iter::from_fn(move || {
            let p = self.list.get(usize::from(i))?;
            i = self.next[usize::from(i)];
            Some(p)
        })
    }
}

#[derive(Default)]
pub(super) struct Tok {
    pub(super) lower: String,
    pub(super) long: bool,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) line: u64,
    pub(super) page: u32,
    pub(super) idx: u64,
    /// Close enough to the previous token to be part of one phrase.
    pub(super) joined: bool,
}

pub(super) struct Scanner<'a> {
    pub(super) text: &'a str,
    paged: bool,
    stems: Patterns,
    phrases: Patterns,
    /// The last `WINDOW` tokens; `ring_head` is the next slot to write.
    ring: [Tok; WINDOW],
    ring_head: usize,
    pub(super) ring_len: usize,
    next_idx: u64,
    /// Matches ending at the current token: kind and how many tokens back
    /// the match starts.
    pub(super) hits: Vec<(Kind, usize)>,
    pub(super) facts: LineFacts,
    pub(super) pending: Vec<AckHit>,
    pub(super) last_ack_end: usize,
    pub(super) person_run: u32,
    // names
    /// The claim's partner and customer names (trimmed), when they have a
    /// name to look for.
    pub(super) partner_name: Option<String>,
    pub(super) customer_name: Option<String>,
    pub(super) partner: Option<Evidence>,
    pub(super) customer: Option<Evidence>,
    pub(super) customer_weak: Option<Evidence>,
    domain_label: String,
    // products
    pub(super) products: Vec<ProductState>,
    last_product: Option<Span>,
    // activities
    pub(super) activity_seen: Vec<bool>,
    pub(super) activity_evidence: Vec<Evidence>,
    last_activity: Option<Span>,
    pub(super) near: Option<Evidence>,
    // acknowledgement
    pub(super) ack_found: usize,
    pub(super) ack_unsure: usize,
    pub(super) ack_found_evidence: Vec<Evidence>,
    pub(super) ack_unsure_evidence: Vec<Evidence>,
    pub(super) dates: DateAgg,
    /// The last line with a signature or key-date word, and whether a date
    /// was seen on it (see `detect_date`).
    pub(super) key_line: Option<(u64, bool)>,
}

impl<'a> Scanner<'a> {
    pub(super) fn new(text: &'a str, claim: &Claim, horizon: NaiveDate) -> Scanner<'a> {
        let mut s = Scanner {
            text,
            paged: text.contains('\x0C'),
            stems: Patterns::new(),
            phrases: Patterns::new(),
            ring: std::array::from_fn(|_| Tok::default()),
            ring_head: 0,
            ring_len: 0,
            next_idx: 0,
            hits: Vec::new(),
            facts: LineFacts::default(),
            pending: Vec::new(),
            last_ack_end: 0,
            person_run: 0,
            partner_name: None,
            customer_name: None,
            partner: None,
            customer: None,
            customer_weak: None,
            domain_label: String::new(),
            products: Vec::new(),
            last_product: None,
            activity_seen: vec![false; ACTIVITIES.len()],
            activity_evidence: Vec::new(),
            last_activity: None,
            near: None,
            ack_found: 0,
            ack_unsure: 0,
            ack_found_evidence: Vec::new(),
            ack_unsure_evidence: Vec::new(),
            dates: DateAgg {
                horizon,
                newest: [None; 2],
                future: [None; 2],
                top: Vec::new(),
                ambiguous: None,
                key_newest: None,
                key: Vec::new(),
            },
            key_line: None,
        };
        for (i, (_, list)) in ACTIVITIES.iter().enumerate() {
            s.add_words(list, Kind::Activity(i));
        }
        s.add_words(ACK_WORDS, Kind::Ack);
        s.add_words(KEY_DATE_WORDS, Kind::KeyDate);
        s.add_words(CUSTOMER_WORDS, Kind::CustomerWord);
        let set = |core: &String, name: &str| (!core.is_empty()).then(|| name.trim().to_string());
        let partner = name_core(&claim.partner_org.name);
        s.partner_name = set(&partner, &claim.partner_org.name);
        s.phrases.add(partner, false, Kind::Partner, true);
        let customer = name_core(&claim.customer_name);
        s.customer_name = set(&customer, &claim.customer_name);
        if let Some(label) = domain_label(&claim.customer_domain)
            && label != customer
        {
            s.domain_label = label.clone();
            s.phrases.add(label, false, Kind::CustomerDomain, true);
        }
        s.phrases.add(customer, false, Kind::Customer, true);
        for contact in [&claim.customer_contact.name, &claim.partner_contact.name] {
            s.phrases
                .add(normalize(contact), false, Kind::Contact, true);
        }
        for line in &claim.products {
            let aliases = product_aliases(&line.product);
            let Some(name) = aliases.first() else {
                continue;
            };
            if s.products.iter().any(|p| &p.name == name) {
                continue;
            }
            let i = s.products.len();
            s.products.push(ProductState {
                name: name.clone(),
                evidence: None,
            });
            for alias in &aliases {
                s.phrases
                    .add(normalize(alias), false, Kind::Product(i), true);
            }
        }
        s
    }

    /// Adds `|`-separated activity, signature or customer words: `word*` is
    /// a stem, a word with a space a phrase, anything else a whole token.
    fn add_words(&mut self, list: &str, kind: Kind) {
        for word in list.split('|') {
            if word.contains(' ') {
                self.phrases.add(normalize(word), false, kind, true);
            } else {
                let stem = word.strip_suffix('*');
                self.stems
                    .add(normalize(stem.unwrap_or(word)), stem.is_some(), kind, false);
            }
        }
    }

    pub(super) fn evidence(&self, start: usize, end: usize, page: u32, note: Note) -> Evidence {
        Evidence {
            snippet: snippet(self.text, start, end),
            page: self.paged.then_some(page.saturating_add(1)),
            note,
        }
    }

    /// The current token's line labels dates (a signature or key-date word).
    fn mark_key_line(&mut self) {
        let line = self.tok(0).line;
        if self.key_line.is_none_or(|(k, _)| k != line) {
            self.key_line = Some((line, false));
        }
    }

    /// The token `back` places before the current one (0 = current).
    pub(super) fn tok(&self, back: usize) -> &Tok {
        &self.ring[(self.ring_head + 2 * WINDOW - 1 - back) % WINDOW]
    }

    /// Tokenizes the text and feeds every token to [`Scanner::on_token`].
    pub(super) fn run(&mut self) {
        let text = self.text;
        let mut buf = String::new();
        let mut long = false;
        let mut tok_start: Option<(usize, u64, u32)> = None;
        let mut line: u64 = 0;
        let mut page: u32 = 0;
        let mut prev_cr = false;
        for (i, c) in text.char_indices() {
            if is_word(c) {
                if tok_start.is_none() {
                    tok_start = Some((i, line, page));
                    buf.clear();
                    long = false;
                }
                if !long {
                    buf.push(fold(c));
                    long = buf.len() > MAX_TOKEN_BYTES;
                }
            } else {
                if let Some((start, l, p)) = tok_start.take() {
                    self.push_token(start, i, &buf, long, l, p);
                }
                match c {
                    '\n' if prev_cr => {}
                    '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => line += 1,
                    '\x0C' => {
                        page = page.saturating_add(1);
                        line += 1;
                    }
                    _ => {}
                }
            }
            prev_cr = c == '\r';
        }
        if let Some((start, l, p)) = tok_start.take() {
            self.push_token(start, text.len(), &buf, long, l, p);
        }
        self.finish_line();
        for hit in mem::take(&mut self.pending) {
            self.ack_unsure(&hit, Unsigned::Alone);
        }
    }

    fn push_token(
        &mut self,
        start: usize,
        end: usize,
        lower: &str,
        long: bool,
        line: u64,
        page: u32,
    ) {
        if !self.facts.any || self.facts.line != line {
            self.finish_line();
            self.facts = LineFacts {
                any: true,
                line,
                page,
                ..LineFacts::default()
            };
        }
        let joined = self.ring_len > 0 && {
            let prev = self.tok(0);
            prev.page == page && start.saturating_sub(prev.end) <= MAX_JOIN_GAP
        };
        let idx = self.next_idx;
        let tok = &mut self.ring[self.ring_head];
        tok.lower.clear();
        tok.lower.push_str(lower);
        tok.long = long;
        tok.start = start;
        tok.end = end;
        tok.line = line;
        tok.page = page;
        tok.idx = idx;
        tok.joined = joined;
        self.ring_head = (self.ring_head + 1) % WINDOW;
        self.ring_len = (self.ring_len + 1).min(WINDOW);
        self.next_idx += 1;
        self.on_token();
    }

    fn on_token(&mut self) {
        let mut hits = mem::take(&mut self.hits);
        hits.clear();
        let cur = self.tok(0);
        if !cur.long
            && let (Some(&first), Some(&last)) =
                (cur.lower.as_bytes().first(), cur.lower.as_bytes().last())
        {
            for p in self.stems.chain(first) {
                if cur.lower == p.text || (p.prefix && cur.lower.starts_with(&p.text)) {
                    hits.push((p.kind, 0));
                }
            }
            for p in self.phrases.chain(last) {
                if let Some(back) = self.concat_match(&p.text) {
                    hits.push((p.kind, back));
                }
            }
        }
        self.hits = hits;
        for i in 0..self.hits.len() {
            let (kind, back) = self.hits[i];
            self.on_hit(kind, back);
        }
        self.slash_s();
        self.detect_date();
        self.person_name();
    }

    /// How many tokens back a run ending at the current token starts whose
    /// concatenation is `target`.
    fn concat_match(&self, target: &str) -> Option<usize> {
        let mut rest = target;
        for back in 0..self.ring_len {
            let t = self.tok(back);
            if t.long || t.lower.is_empty() || !rest.ends_with(t.lower.as_str()) {
                return None;
            }
            rest = &rest[..rest.len() - t.lower.len()];
            if rest.is_empty() {
                return Some(back);
            }
            if !t.joined {
                return None;
            }
        }
        None
    }

    pub(super) fn span(&self, back: usize, what: usize) -> Span {
        let first = self.tok(back);
        Span {
            idx: first.idx,
            start: first.start,
            end: self.tok(0).end,
            page: first.page,
            what,
        }
    }

    fn on_hit(&mut self, kind: Kind, back: usize) {
        let sp = self.span(back, 0);
        match kind {
            Kind::Partner => {
                if self.partner.is_none() {
                    let name = self.partner_name.clone().unwrap_or_default();
                    let note = Note::PartnerName { name };
                    self.partner = Some(self.evidence(sp.start, sp.end, sp.page, note));
                }
            }
            Kind::Customer => {
                self.facts.name = true;
                if self.customer.is_none() {
                    let name = self.customer_name.clone().unwrap_or_default();
                    let note = Note::CustomerName { name };
                    self.customer = Some(self.evidence(sp.start, sp.end, sp.page, note));
                }
            }
            Kind::CustomerDomain => {
                if self.customer_weak.is_none() {
                    let label = self.domain_label.clone();
                    let note = Note::CustomerDomainOnly { label };
                    self.customer_weak = Some(self.evidence(sp.start, sp.end, sp.page, note));
                }
            }
            Kind::Contact => self.facts.name = true,
            Kind::KeyDate => self.mark_key_line(),
            Kind::CustomerWord => {
                let (first, last) = self.facts.customer_word.unwrap_or((sp.start, sp.start));
                self.facts.customer_word = Some((first.min(sp.start), last.max(sp.start)));
            }
            Kind::Product(i) => {
                let sp = Span { what: i, ..sp };
                if let Some(p) = self.products.get(i)
                    && p.evidence.is_none()
                {
                    let note = Note::Product {
                        name: p.name.clone(),
                    };
                    let ev = self.evidence(sp.start, sp.end, sp.page, note);
                    self.products[i].evidence = Some(ev);
                }
                if let Some(a) = self.last_activity
                    && sp.idx.saturating_sub(a.idx) <= NEAR_TOKENS
                {
                    self.set_near(a, sp);
                }
                self.last_product = Some(Span {
                    idx: self.tok(0).idx,
                    ..sp
                });
            }
            Kind::Activity(c) => {
                let sp = Span { what: c, ..sp };
                if !self.activity_seen[c] {
                    self.activity_seen[c] = true;
                    if self.activity_evidence.len() < EVIDENCE_CAP {
                        let note = Note::Activity {
                            activity: ACTIVITIES[c].0,
                        };
                        let ev = self.evidence(sp.start, sp.end, sp.page, note);
                        self.activity_evidence.push(ev);
                    }
                }
                if let Some(p) = self.last_product
                    && sp.idx.saturating_sub(p.idx) <= NEAR_TOKENS
                {
                    self.set_near(sp, p);
                }
                self.last_activity = Some(sp);
            }
            Kind::Ack => {
                self.mark_key_line();
                if sp.start < self.last_ack_end {
                    return;
                }
                let first = self.tok(back);
                let before = |list: &str| {
                    back + 1 < self.ring_len && first.joined && {
                        let prev = self.tok(back + 1);
                        prev.line == first.line && listed(list, &prev.lower)
                    }
                };
                if first.lower == "agreed" && before(ADJECTIVAL) {
                    return;
                }
                let pending = before(NEGATORS);
                let (line, page) = (first.line, first.page);
                self.add_ack(sp.start, sp.end, line, page, pending);
            }
        }
    }
}
