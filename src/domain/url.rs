//! Percent-encoding for the app's hash routes and their parameters
//! (`#/claims/<id>`, `#/claims?q=…&status=…`): what a link, a bookmark or
//! the address bar holds. Only `A–Z a–z 0–9 - _ . ~` stay as they are;
//! everything else is `%XX` of its UTF-8 bytes, so any text survives.
//!
//! ```
//! use cpor_desk::domain::url::{decode_component, encode_component, params};
//! assert_eq!(encode_component("Contoso & co"), "Contoso%20%26%20co");
//! assert_eq!(decode_component("Contoso%20%26%20co"), "Contoso & co");
//! assert_eq!(params("q=a%3Db&x"), vec![("q".to_string(), "a=b".to_string()), ("x".to_string(), String::new())]);
//! ```

/// `s` with every byte outside `A–Z a–z 0–9 - _ . ~` as `%XX`.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The text `encode_component` encoded (also `+` for a space, as forms
/// write it). A `%` not followed by two hex digits stays as it is; bytes
/// that are not UTF-8 become U+FFFD.
pub fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                if let Some(v) = s
                    .get(i + 1..i + 3)
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    out.push(v);
                    i += 3;
                    continue;
                }
                out.push(b'%');
            }
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The `name=value` pairs of a query string (`a=1&b=x%20y`), decoded, in
/// order; empty pieces are skipped, a name without `=` has an empty value.
pub fn params(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode_component(k), decode_component(v)),
            None => (decode_component(p), String::new()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_text_round_trips() {
        for s in ["", "a b", "ÅÄÖ åäö", "50%", "x&y=z#/?", "+", "🙂", "%zz"] {
            assert_eq!(decode_component(&encode_component(s)), s, "{s}");
        }
        assert_eq!(decode_component("%zz%4"), "%zz%4");
        assert_eq!(decode_component("%FF"), "\u{FFFD}");
    }
}
