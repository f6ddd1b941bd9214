//! A streaming splitter for the export file: bytes go in a chunk at a time,
//! and out come the top-level members of the file's object, with the
//! elements of its lists (`claims`, `documents`, `quarantined`) one by one.
//! Each piece is raw JSON for `serde_json` to parse, so the file is never
//! held as one string and never parsed as one value.
//!
//! It checks the structure (brackets, strings, escapes, commas and colons
//! at the top two levels); what is inside a piece is `serde_json`'s
//! business. A piece longer than its limit is cut: only its first bytes
//! are kept, and [`Piece::len`] tells its full length.

/// One piece of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// The top-level key it belongs to (the member's key).
    pub key: String,
    /// True for an element of a streamed list, false for a whole member.
    pub element: bool,
    /// The raw JSON (only the first [`Scanner`] limit bytes when cut).
    pub raw: Vec<u8>,
    /// Its full length in bytes.
    pub len: usize,
}

impl Piece {
    pub fn is_cut(&self) -> bool {
        self.raw.len() < self.len
    }
}

/// Why the bytes are not an export file's JSON.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScanError {
    #[error("unexpected {found} at byte {offset}, expected {expected}")]
    Unexpected {
        offset: u64,
        found: String,
        expected: &'static str,
    },
    #[error("the file ends before its JSON does (byte {0})")]
    Truncated(u64),
    #[error("the top-level member {key:?} is not a list")]
    NotAList { key: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before the top-level `{`.
    Start,
    /// After `{` (a key or `}`), or after `,` (a key).
    BeforeKey { first: bool },
    /// Inside the key string.
    Key,
    /// After the key: `:`.
    AfterKey,
    /// After `:`: the member's value.
    BeforeValue,
    /// Inside a member's (or an element's) value.
    Value,
    /// After a member: `,` or `}`.
    AfterMember,
    /// After a streamed list's `[`: an element or `]`; after `,`: an element.
    BeforeElement { first: bool },
    /// After an element: `,` or `]`.
    AfterElement,
    /// After the final `}`: only whitespace.
    End,
}

/// What kind of value is being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Object or array: done when the depth is back to 0.
    Nested,
    /// A string: done at its closing quote.
    Str,
    /// A number, `true`, `false` or `null`: done at the next delimiter.
    Scalar,
}

/// The splitter (see the module docs).
pub struct Scanner {
    state: State,
    /// The top-level keys whose lists are streamed element by element.
    streamed: &'static [&'static str],
    /// Bytes kept of a piece, by key (the rest are only counted).
    limit: fn(&str, bool) -> usize,
    key: Vec<u8>,
    key_escape: bool,
    in_list: bool,
    kind: Kind,
    depth: u32,
    in_str: bool,
    escape: bool,
    raw: Vec<u8>,
    /// Bytes kept of the current piece.
    cap: usize,
    len: usize,
    offset: u64,
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

fn shown(b: u8) -> String {
    if b.is_ascii_graphic() {
        format!("'{}'", b as char)
    } else {
        format!("byte 0x{b:02x}")
    }
}

impl Scanner {
    /// A scanner that streams the lists under `streamed` and keeps at most
    /// `limit(key, element)` bytes of a piece.
    pub fn new(streamed: &'static [&'static str], limit: fn(&str, bool) -> usize) -> Scanner {
        Scanner {
            state: State::Start,
            streamed,
            limit,
            key: Vec::new(),
            key_escape: false,
            in_list: false,
            kind: Kind::Scalar,
            depth: 0,
            in_str: false,
            escape: false,
            raw: Vec::new(),
            cap: 0,
            len: 0,
            offset: 0,
        }
    }

    /// Bytes read so far.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    fn unexpected(&self, b: u8, expected: &'static str) -> ScanError {
        ScanError::Unexpected {
            offset: self.offset,
            found: shown(b),
            expected,
        }
    }

    fn key_text(&self) -> String {
        // The key is a JSON string without its quotes: decode its escapes.
        let quoted = [b"\"".as_slice(), &self.key, b"\""].concat();
        serde_json::from_slice::<String>(&quoted)
            .unwrap_or_else(|_| String::from_utf8_lossy(&self.key).into_owned())
    }

    fn keep(&mut self, b: u8) {
        self.len += 1;
        if self.raw.len() < self.cap {
            self.raw.push(b);
        }
    }

    fn start_value(&mut self, b: u8) {
        self.cap = (self.limit)(&self.key_text(), self.in_list);
        self.raw.clear();
        self.len = 0;
        self.depth = 0;
        self.in_str = false;
        self.escape = false;
        self.kind = match b {
            b'{' | b'[' => Kind::Nested,
            b'"' => Kind::Str,
            _ => Kind::Scalar,
        };
        if self.kind == Kind::Nested {
            self.depth = 1;
        }
        if self.kind == Kind::Str {
            self.in_str = true;
        }
        self.keep(b);
        self.state = State::Value;
    }

    fn finish_value(&mut self, out: &mut Vec<Piece>) {
        out.push(Piece {
            key: self.key_text(),
            element: self.in_list,
            raw: std::mem::take(&mut self.raw),
            len: self.len,
        });
        self.state = if self.in_list {
            State::AfterElement
        } else {
            State::AfterMember
        };
    }

    /// Reads `chunk`, appending the pieces it completes to `out`.
    pub fn feed(&mut self, chunk: &[u8], out: &mut Vec<Piece>) -> Result<(), ScanError> {
        let mut i = 0;
        while i < chunk.len() {
            let b = chunk[i];
            match self.state {
                State::Value => {
                    // The hot loop: inside a value.
                    match self.kind {
                        Kind::Scalar => {
                            if is_ws(b) || matches!(b, b',' | b'}' | b']') {
                                self.finish_value(out);
                                // The delimiter belongs to the outer state.
                                continue;
                            }
                            self.keep(b);
                        }
                        Kind::Str | Kind::Nested => {
                            self.keep(b);
                            if self.in_str {
                                if self.escape {
                                    self.escape = false;
                                } else if b == b'\\' {
                                    self.escape = true;
                                } else if b == b'"' {
                                    self.in_str = false;
                                    if self.kind == Kind::Str {
                                        self.offset += 1;
                                        i += 1;
                                        self.finish_value(out);
                                        continue;
                                    }
                                }
                            } else {
                                match b {
                                    b'"' => self.in_str = true,
                                    b'{' | b'[' => self.depth += 1,
                                    b'}' | b']' => {
                                        self.depth -= 1;
                                        if self.depth == 0 {
                                            self.offset += 1;
                                            i += 1;
                                            self.finish_value(out);
                                            continue;
                                        }
                                    }
                                    _ => {}
                                }
                            }
                        }
                    }
                }
                State::Key => {
                    if self.key_escape {
                        self.key_escape = false;
                        self.key.push(b);
                    } else if b == b'\\' {
                        self.key_escape = true;
                        self.key.push(b);
                    } else if b == b'"' {
                        self.state = State::AfterKey;
                    } else {
                        self.key.push(b);
                    }
                }
                _ if is_ws(b) => {}
                State::Start => match b {
                    b'{' => self.state = State::BeforeKey { first: true },
                    _ => return Err(self.unexpected(b, "'{' (a JSON object)")),
                },
                State::BeforeKey { first } => match b {
                    b'"' => {
                        self.key.clear();
                        self.state = State::Key;
                    }
                    b'}' if first => self.state = State::End,
                    _ => return Err(self.unexpected(b, "a key")),
                },
                State::AfterKey => match b {
                    b':' => self.state = State::BeforeValue,
                    _ => return Err(self.unexpected(b, "':'")),
                },
                State::BeforeValue => {
                    let key = self.key_text();
                    if self.streamed.contains(&key.as_str()) {
                        if b != b'[' {
                            return Err(ScanError::NotAList { key });
                        }
                        self.in_list = true;
                        self.state = State::BeforeElement { first: true };
                    } else if matches!(b, b'}' | b']' | b',' | b':') {
                        return Err(self.unexpected(b, "a value"));
                    } else {
                        self.in_list = false;
                        self.start_value(b);
                    }
                }
                State::AfterMember => match b {
                    b',' => self.state = State::BeforeKey { first: false },
                    b'}' => self.state = State::End,
                    _ => return Err(self.unexpected(b, "',' or '}'")),
                },
                State::BeforeElement { first } => match b {
                    b']' if first => {
                        self.in_list = false;
                        self.state = State::AfterMember;
                    }
                    b'}' | b']' | b',' | b':' => return Err(self.unexpected(b, "a value")),
                    _ => self.start_value(b),
                },
                State::AfterElement => match b {
                    b',' => self.state = State::BeforeElement { first: false },
                    b']' => {
                        self.in_list = false;
                        self.state = State::AfterMember;
                    }
                    _ => return Err(self.unexpected(b, "',' or ']'")),
                },
                State::End => return Err(self.unexpected(b, "the end of the file")),
            }
            self.offset += 1;
            i += 1;
        }
        Ok(())
    }

    /// The end of the file: the JSON must be complete.
    pub fn finish(&mut self, out: &mut Vec<Piece>) -> Result<(), ScanError> {
        // A scalar at the very end of the input is complete only when
        // something follows it; at the top level that is always `}`.
        if self.state == State::Value && self.kind == Kind::Scalar {
            self.finish_value(out);
        }
        if self.state == State::End {
            Ok(())
        } else {
            Err(ScanError::Truncated(self.offset))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LISTS: &[&str] = &["claims", "documents"];

    fn limit(_: &str, element: bool) -> usize {
        if element { 8 } else { 1000 }
    }

    fn scan_in(text: &str, chunk: usize) -> Result<Vec<Piece>, ScanError> {
        let mut s = Scanner::new(LISTS, limit);
        let mut out = Vec::new();
        for part in text.as_bytes().chunks(chunk.max(1)) {
            s.feed(part, &mut out)?;
        }
        s.finish(&mut out)?;
        Ok(out)
    }

    fn summary(pieces: &[Piece]) -> Vec<(String, bool, String, usize)> {
        pieces
            .iter()
            .map(|p| {
                (
                    p.key.clone(),
                    p.element,
                    String::from_utf8_lossy(&p.raw).into_owned(),
                    p.len,
                )
            })
            .collect()
    }

    #[test]
    fn members_and_elements_in_any_chunking() {
        let text = r#" { "format" : "cpor-desk-export", "schemaVersion":1, "x\"y":{"a":[1,"]}"]},
            "claims": [ {"id":"a"} , {"id":"b\\\"}"}, 7, "s" ], "documents":[], "n": null, "t":true } "#;
        let want = vec![
            (
                "format".to_string(),
                false,
                "\"cpor-desk-export\"".to_string(),
                18,
            ),
            ("schemaVersion".into(), false, "1".into(), 1),
            ("x\"y".into(), false, r#"{"a":[1,"]}"]}"#.into(), 14),
            ("claims".into(), true, r#"{"id":"a"#.into(), 10),
            ("claims".into(), true, r#"{"id":"b"#.into(), 15),
            ("claims".into(), true, "7".into(), 1),
            ("claims".into(), true, "\"s\"".into(), 3),
            ("n".into(), false, "null".into(), 4),
            ("t".into(), false, "true".into(), 4),
        ];
        for chunk in [1, 2, 3, 7, 64, 10_000] {
            let got = scan_in(text, chunk).unwrap();
            assert_eq!(summary(&got), want, "chunk {chunk}");
            assert!(got[3].is_cut() && !got[5].is_cut());
        }
        assert_eq!(summary(&scan_in("{}", 1).unwrap()), vec![]);
        assert_eq!(
            summary(&scan_in(r#"{"n":12}"#, 3).unwrap()),
            vec![("n".to_string(), false, "12".to_string(), 2)]
        );
    }

    #[test]
    fn broken_json_is_an_error_with_the_place() {
        for (text, want) in [
            (
                "nope",
                "unexpected 'n' at byte 0, expected '{' (a JSON object)",
            ),
            ("[1]", "unexpected '[' at byte 0"),
            (r#"{"a" 1}"#, "expected ':'"),
            (r#"{"a":1 "b":2}"#, "expected ',' or '}'"),
            (
                r#"{"claims":5}"#,
                "the top-level member \"claims\" is not a list",
            ),
            (r#"{"claims":[1 2]}"#, "expected ',' or ']'"),
            (r#"{"claims":[,]}"#, "expected a value"),
            (r#"{"a":1}x"#, "expected the end of the file"),
            (
                r#"{"a":{"b":"#,
                "the file ends before its JSON does (byte 10)",
            ),
            (r#"{"claims":[{"id":"x"#, "the file ends"),
            ("", "the file ends"),
        ] {
            let err = scan_in(text, 3).unwrap_err().to_string();
            assert!(err.contains(want), "{text:?}: {err}");
        }
    }
}
