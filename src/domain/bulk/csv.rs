//! RFC 4180 text: writing one record, and splitting a file into records
//! (see the module docs of [`super`] for the rules).

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
}

impl Record {
    /// Blank: nothing but whitespace in every field (an empty line, or a
    /// spreadsheet's `,,,,`).
    fn is_blank(&self) -> bool {
        !self.malformed && self.fields.iter().all(|f| f.trim().is_empty())
    }
}

/// Splits RFC 4180 text into records (blank ones skipped). Lenient where it
/// must go on (a misplaced quote is kept as text) but flags it.
pub(super) fn read_records(text: &str) -> Vec<Record> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    while chars.peek().is_some() {
        let mut record = Record {
            line,
            fields: Vec::new(),
            malformed: false,
        };
        let mut field = String::new();
        // Inside an open quoted field.
        let mut quoted = false;
        // Nothing read yet in this field.
        let mut at_start = true;
        // The field's closing quote has been read.
        let mut closed = false;
        loop {
            let Some(c) = chars.next() else {
                record.malformed |= quoted;
                record.fields.push(field);
                break;
            };
            if quoted {
                match c {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => {
                        quoted = false;
                        closed = true;
                    }
                    '\r' => {
                        field.push('\r');
                        if chars.peek() == Some(&'\n') {
                            chars.next();
                            field.push('\n');
                        }
                        line += 1;
                    }
                    '\n' => {
                        field.push('\n');
                        line += 1;
                    }
                    _ => field.push(c),
                }
                continue;
            }
            match c {
                ',' => {
                    record.fields.push(std::mem::take(&mut field));
                    at_start = true;
                    closed = false;
                }
                '\r' | '\n' => {
                    if c == '\r' && chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    line += 1;
                    record.fields.push(field);
                    break;
                }
                '"' if at_start => {
                    quoted = true;
                    at_start = false;
                }
                _ => {
                    record.malformed |= closed || c == '"';
                    field.push(c);
                    at_start = false;
                }
            }
        }
        if !record.is_blank() {
            records.push(record);
        }
    }
    records
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
