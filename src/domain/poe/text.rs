//! Characters and text helpers: word characters, case folding, name and
//! domain normalisation, and evidence snippets.
//!
//! Word characters and case folding are table-free on purpose: the Unicode
//! tables behind `char::is_alphanumeric` and `char::to_lowercase` would cost
//! more than this whole module in the WebAssembly build.

use super::vocabulary::LEGAL_SUFFIXES;

/// Characters of context on each side of a match.
pub(super) const SNIPPET_SIDE: usize = 36;

/// Longest snippet, in characters.
pub(super) const SNIPPET_MAX: usize = 160;

/// Letters and digits, what words are made of: ASCII letters and digits and
/// everything from U+00C0 on except the punctuation, symbol, private-use and
/// emoji blocks (combining marks stay inside words).
pub(super) fn is_word(c: char) -> bool {
    !matches!(c,
        '\0'..='/' | ':'..='@' | '['..='`' | '{'..='\u{BF}' | '\u{D7}' | '\u{F7}'
        | '\u{2000}'..='\u{2BFF}' | '\u{3000}'..='\u{303F}' | '\u{E000}'..='\u{F8FF}'
        | '\u{FE10}'..='\u{FE6F}' | '\u{FEFF}' | '\u{FF00}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}'
        | '\u{FFF0}'..='\u{FFFF}' | '\u{1F000}'..='\u{1FAFF}')
}

/// Lowercase for Latin (ASCII, Latin-1, Latin Extended-A), Greek and
/// Cyrillic capitals; every other character is returned as is.
pub(super) fn fold(c: char) -> char {
    let u = u32::from(c);
    let lower = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE | 0x391..=0x3A1 | 0x3A3..=0x3AB | 0x410..=0x42F => {
            u + 32
        }
        0x400..=0x40F => u + 80,
        0x100..=0x137 | 0x14A..=0x177 if u % 2 == 0 => u + 1,
        0x139..=0x148 | 0x179..=0x17E if u % 2 == 1 => u + 1,
        0x178 => 0xFF,
        _ => u,
    };
    char::from_u32(lower).unwrap_or(c)
}

pub(super) fn is_letter(c: char) -> bool {
    is_word(c) && !c.is_ascii_digit()
}

/// Folded word characters only: the form patterns are matched in.
pub(super) fn normalize(s: &str) -> String {
    s.chars().filter(|&c| is_word(c)).map(fold).collect()
}

pub(super) fn words(s: &str) -> Vec<String> {
    s.split(|c| !is_word(c))
        .filter(|w| !w.is_empty())
        .map(normalize)
        .collect()
}

/// An organisation name without its legal-form suffixes, normalized.
pub(crate) fn name_core(name: &str) -> String {
    let mut toks = words(name);
    'strip: loop {
        for suffix in LEGAL_SUFFIXES.split('|') {
            let n = suffix.split(' ').count();
            if toks.len() > n
                && toks[toks.len() - n..]
                    .iter()
                    .map(String::as_str)
                    .eq(suffix.split(' '))
            {
                toks.truncate(toks.len() - n);
                continue 'strip;
            }
        }
        break;
    }
    if toks.len() > 1 && toks[0] == "ab" {
        toks.remove(0);
    }
    toks.concat()
}

/// The first label of a domain (`contoso` of `https://www.contoso.com/x` or
/// `anna@contoso.com`), normalized.
pub(super) fn domain_label(domain: &str) -> Option<String> {
    let host_part = domain.rsplit('@').next().unwrap_or("");
    let host = host_part
        .split(['/', '?', '#'])
        .find(|piece| piece.contains('.'))?;
    let host = host.split(':').next().unwrap_or("");
    let mut labels = host.split('.').map(normalize).filter(|l| !l.is_empty());
    let mut first = labels.next()?;
    if first == "www" {
        first = labels.next()?;
    }
    (first.chars().count() >= 2).then_some(first)
}

/// `s` with runs of whitespace and control characters collapsed to one space,
/// trimmed, and cut after `max` characters; true when it was cut.
pub(super) fn collapse(s: &str, max: usize) -> (String, bool) {
    let mut out = String::new();
    let mut chars = 0;
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() || c.is_control() {
            space = !out.is_empty();
            continue;
        }
        if chars >= max {
            return (out, true);
        }
        if space {
            out.push(' ');
            chars += 1;
            space = false;
        }
        out.push(c);
        chars += 1;
    }
    (out, false)
}

/// About 80 characters around `start..end`, not crossing page breaks, with
/// whitespace and control characters collapsed to single spaces.
pub(super) fn snippet(text: &str, start: usize, end: usize) -> String {
    let start = start.min(text.len());
    let end = end.clamp(start, text.len());
    if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return String::new();
    }
    let mut from = start;
    let mut left_cut = false;
    for (count, (i, c)) in text[..start].char_indices().rev().enumerate() {
        if c == '\x0C' {
            break;
        }
        if count == SNIPPET_SIDE {
            left_cut = true;
            break;
        }
        from = i;
    }
    let mut to = end;
    let mut right_cut = false;
    for (count, (i, c)) in text[end..].char_indices().enumerate() {
        if c == '\x0C' {
            break;
        }
        if count == SNIPPET_SIDE {
            right_cut = true;
            break;
        }
        to = end + i + c.len_utf8();
    }
    let (mut out, cut) = collapse(&text[from..to], SNIPPET_MAX);
    if out.is_empty() {
        return out;
    }
    if left_cut {
        out.insert(0, '…');
    }
    if right_cut || cut {
        out.push('…');
    }
    out
}

/// True when a blank form field (`____`, `......`) follows a signature word,
/// possibly after a colon and line breaks (at most 200 characters away).
pub(super) fn blank_field_after(text: &str, end: usize) -> bool {
    let Some(rest) = text.get(end..) else {
        return false;
    };
    let mut chars = rest
        .chars()
        .take(200)
        .skip_while(|c| c.is_whitespace() || matches!(c, ':' | '-' | '–'));
    matches!(
        (chars.next(), chars.next(), chars.next()),
        (Some('_'), Some('_'), _) | (Some('.'), Some('.'), Some('.')) | (Some('…'), _, _)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_cores_drop_legal_suffixes() {
        assert_eq!(name_core("Contoso Ltd."), "contoso");
        assert_eq!(
            name_core("Wide World Importers AB (publ)"),
            "wideworldimporters"
        );
        assert_eq!(name_core("Fabrikam A/S"), "fabrikam");
        assert_eq!(name_core("Northwind Pty Ltd"), "northwind");
        assert_eq!(name_core("AB Volvo"), "volvo");
        assert_eq!(name_core("Åkerlund & Rausing AB"), "åkerlundrausing");
        assert_eq!(name_core("AB"), "ab");
        assert_eq!(name_core(""), "");
    }

    #[test]
    fn domain_labels() {
        assert_eq!(domain_label("contoso.com").as_deref(), Some("contoso"));
        assert_eq!(
            domain_label("https://www.wide-world.se/x").as_deref(),
            Some("wideworld")
        );
        assert_eq!(
            domain_label("anna.svensson@fabrikam.com").as_deref(),
            Some("fabrikam")
        );
        assert_eq!(domain_label("Contoso.COM:443").as_deref(), Some("contoso"));
        assert_eq!(domain_label("contoso"), None);
        assert_eq!(domain_label(""), None);
    }

    #[test]
    fn folding_and_word_characters() {
        assert_eq!(normalize("ÅÄÖ åäö ÉÜ ß Œ Ÿ ΣΩ ДЖ Ё"), "åäöåäöéüßœÿσωджё");
        assert_eq!(normalize("A/S, Inc. – “Contoso”™ 😀 x"), "asinccontosox");
        assert_eq!(
            words("Fabrikam\u{a0}Consulting\u{2009}AB"),
            ["fabrikam", "consulting", "ab"]
        );
        // Decomposed letters stay inside one word.
        assert_eq!(words("fo\u{308}rvaltning"), ["fo\u{308}rvaltning"]);
    }

    #[test]
    fn snippets_are_short_and_collapsed() {
        let text = format!(
            "{}  signed\n\n by   Anna {}",
            "x".repeat(100),
            "y".repeat(100)
        );
        let start = text.find("signed").unwrap();
        let s = snippet(&text, start, start + 6);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("signed by Anna"), "{s}");
        assert!(s.chars().count() <= SNIPPET_MAX + 2);
        assert_eq!(snippet("", 0, 0), "");
        assert_eq!(snippet("a\x0Cb signed c\x0Cd", 4, 10), "b signed c");
    }
}
