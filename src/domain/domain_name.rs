//! Customer domain names (docs/rules.md#findings): normalisation to the ASCII form and the
//! `domain.*` format rules.
//!
//! The input is trimmed and lowercased; internationalised names are
//! converted to ASCII (UTS 46 / punycode, the same conversion browsers apply
//! to URL hosts). A URL (`https://contoso.com/x`, `contoso.com/x`,
//! `contoso.com:8080`, with user info, port, path, query or fragment) is
//! accepted with the warning `domain.url` and reduced to its host; an email
//! address (`anna@contoso.com`, also `mailto:`) with the warning
//! `domain.email`, reduced to its domain part. One trailing dot (the DNS
//! root) is allowed and removed.
//!
//! `domain.format` is given for: a single label, an empty label, a label
//! over 63 or a name over 253 characters (counted after ASCII conversion), a
//! label starting or ending with a hyphen, characters outside letters,
//! digits and hyphen (underscores, spaces, emojis that IDNA refuses, ...), an
//! IP address (IPv4 in any notation a browser accepts, IPv6, bracketed or
//! not), an all-numeric last label, and invalid IDNA (`xn--` labels that are
//! not valid punycode). Empty or whitespace input gives `domain.required`.
//!
//! ```
//! use cpor_desk::domain::domain_name::{normalize_domain, validate_domain};
//! use cpor_desk::domain::finding::Code;
//!
//! let d = normalize_domain("  https://Bücher.Example/shop?q=1 ").unwrap();
//! assert_eq!(d.ascii, "xn--bcher-kva.example");
//! assert_eq!(d.warnings, vec![Code::DomainUrl]);
//! assert_eq!(normalize_domain("10.0.0.1").unwrap_err(), Code::DomainFormat);
//!
//! let (ascii, findings) = validate_domain("customerDomain", "anna@contoso.com");
//! assert_eq!(ascii.as_deref(), Some("contoso.com"));
//! assert_eq!(findings[0].code, Code::DomainEmail);
//! ```

use super::finding::{Code, Finding};
use super::idna_backend;

/// Longest name in ASCII form, without the trailing root dot.
pub const MAX_NAME_LEN: usize = 253;
/// Longest label in ASCII form.
pub const MAX_LABEL_LEN: usize = 63;

/// A domain name in its canonical ASCII form, with the warnings its input gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalizedDomain {
    /// Lowercase ASCII (punycode), labels of `[a-z0-9-]` joined by `.`, no trailing dot.
    pub ascii: String,
    /// `domain.url` or `domain.email` when the input was a URL or an email address.
    pub warnings: Vec<Code>,
}

/// Normalises a domain name, URL or email address to the ASCII domain name.
///
/// Errors are `domain.required` (empty or whitespace) and `domain.format`.
/// Never panics.
pub fn normalize_domain(input: &str) -> Result<NormalizedDomain, Code> {
    let s = input.trim();
    if s.is_empty() {
        return Err(Code::DomainRequired);
    }
    let (host, warning) = extract_host(s)?;
    let ascii = host_to_ascii(host)?;
    Ok(NormalizedDomain {
        ascii,
        warnings: warning.into_iter().collect(),
    })
}

/// Validates a domain field: the ASCII form when usable, and the findings
/// (the warnings `domain.url` / `domain.email`, or one error) on `field`.
pub fn validate_domain(field: &str, value: &str) -> (Option<String>, Vec<Finding>) {
    match normalize_domain(value) {
        Ok(d) => {
            let findings = d
                .warnings
                .iter()
                .map(|&code| Finding::new(field, code))
                .collect();
            (Some(d.ascii), findings)
        }
        Err(code) => (None, vec![Finding::new(field, code)]),
    }
}

/// `scheme://` with an RFC 3986 scheme name.
fn strip_scheme(s: &str) -> Option<&str> {
    let (scheme, rest) = s.split_once("://")?;
    let mut chars = scheme.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (first_ok && rest_ok).then_some(rest)
}

/// The characters that end a URL's authority (`\` counts as `/` in web URLs).
fn is_authority_end(c: char) -> bool {
    matches!(c, '/' | '?' | '#' | '\\')
}

/// Splits the input into the host to convert and the warning it gives.
fn extract_host(s: &str) -> Result<(&str, Option<Code>), Code> {
    if let Some(rest) = strip_scheme(s) {
        return authority_host(rest).map(|h| (h, Some(Code::DomainUrl)));
    }
    if s.get(..7)
        .is_some_and(|p| p.eq_ignore_ascii_case("mailto:"))
    {
        let address = s[7..].split(['?', '#']).next().unwrap_or_default();
        return email_host(address).map(|h| (h, Some(Code::DomainEmail)));
    }
    if s.contains(is_authority_end) || s.contains(':') {
        // A URL without its scheme: `contoso.com/about`, `contoso.com:8080`.
        return authority_host(s).map(|h| (h, Some(Code::DomainUrl)));
    }
    if s.contains('@') {
        return email_host(s).map(|h| (h, Some(Code::DomainEmail)));
    }
    Ok((s, None))
}

/// The host of `authority[/path...]`: user info and port removed.
fn authority_host(rest: &str) -> Result<&str, Code> {
    let authority = rest.split(is_authority_end).next().unwrap_or_default();
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    if host_port.starts_with('[') {
        // An IPv6 literal.
        return Err(Code::DomainFormat);
    }
    match host_port.split_once(':') {
        None => Ok(host_port),
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => Ok(host),
        // More colons (IPv6) or a port that is not a number.
        Some(_) => Err(Code::DomainFormat),
    }
}

/// The domain part of `local@domain`.
fn email_host(address: &str) -> Result<&str, Code> {
    match address.rsplit_once('@') {
        Some((local, domain)) if !local.is_empty() => Ok(domain),
        _ => Err(Code::DomainFormat),
    }
}

/// The full stops UTS 46 maps to `.`: ideographic, fullwidth and halfwidth ideographic.
fn is_dot(c: char) -> bool {
    matches!(c, '.' | '\u{3002}' | '\u{FF0E}' | '\u{FF61}')
}

fn is_ldh(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'
}

/// Converts a host to the canonical ASCII name and checks the format rules.
fn host_to_ascii(host: &str) -> Result<String, Code> {
    let mapped: String = host
        .chars()
        .map(|c| if is_dot(c) { '.' } else { c })
        .collect();
    let name = mapped.strip_suffix('.').unwrap_or(&mapped);
    if name.is_empty() || name.split('.').any(str::is_empty) {
        return Err(Code::DomainFormat);
    }
    // ASCII characters are never changed by IDNA except for case, so any
    // ASCII character outside letters, digits, hyphen and dot stays invalid.
    if name
        .chars()
        .any(|c| c.is_ascii() && !(c.is_ascii_alphanumeric() || c == '-' || c == '.'))
    {
        return Err(Code::DomainFormat);
    }
    let lower = name.to_ascii_lowercase();
    let needs_idna = !lower.is_ascii() || lower.split('.').any(|l| l.starts_with("xn--"));
    let ascii = if needs_idna {
        idna_backend::to_ascii(&lower).map_err(|()| Code::DomainFormat)?
    } else {
        lower
    };
    check_ascii_name(&ascii)?;
    Ok(ascii)
}

/// True for a label the WHATWG IPv4 parser reads as a number: decimal
/// digits, or `0x` followed by hex digits (possibly none).
fn is_ipv4_number(label: &str) -> bool {
    if let Some(hex) = label.strip_prefix("0x") {
        hex.bytes().all(|b| b.is_ascii_hexdigit())
    } else {
        !label.is_empty() && label.bytes().all(|b| b.is_ascii_digit())
    }
}

/// The format rules over the ASCII form.
fn check_ascii_name(ascii: &str) -> Result<(), Code> {
    if ascii.len() > MAX_NAME_LEN {
        return Err(Code::DomainFormat);
    }
    let labels: Vec<&str> = ascii.split('.').collect();
    if labels.len() < 2 {
        return Err(Code::DomainFormat);
    }
    for label in &labels {
        if label.is_empty()
            || label.len() > MAX_LABEL_LEN
            || !label.chars().all(is_ldh)
            || label.starts_with('-')
            || label.ends_with('-')
        {
            return Err(Code::DomainFormat);
        }
        // The hyphen rule holds for the Unicode form of an IDN label too.
        if let Some(ace) = label.strip_prefix("xn--") {
            let unicode = punycode_decode(ace).ok_or(Code::DomainFormat)?;
            if unicode.first() == Some(&'-') || unicode.last() == Some(&'-') {
                return Err(Code::DomainFormat);
            }
        }
    }
    // An all-numeric (or hex-number) last label: an IPv4 address or no real TLD.
    if labels.last().is_some_and(|l| is_ipv4_number(l)) {
        return Err(Code::DomainFormat);
    }
    Ok(())
}

/// Decodes the part of an ACE label after `xn--` (RFC 3492). The backends
/// have validated the label already; this only recovers its Unicode form
/// for the hyphen rule. `None` on malformed input (never panics).
fn punycode_decode(input: &str) -> Option<Vec<char>> {
    const BASE: u32 = 36;
    const T_MIN: u32 = 1;
    const T_MAX: u32 = 26;
    fn adapt(delta: u32, points: u32, first: bool) -> u32 {
        let mut delta = if first { delta / 700 } else { delta / 2 };
        delta += delta / points;
        let mut k = 0;
        while delta > ((BASE - T_MIN) * T_MAX) / 2 {
            delta /= BASE - T_MIN;
            k += BASE;
        }
        k + (BASE - T_MIN + 1) * delta / (delta + 38)
    }
    let (basic, rest) = match input.rfind('-') {
        Some(at) => (&input[..at], &input[at + 1..]),
        None => ("", input),
    };
    if !basic.is_ascii() {
        return None;
    }
    let mut out: Vec<char> = basic.chars().collect();
    let (mut n, mut i, mut bias) = (128u32, 0u32, 72u32);
    let mut digits = rest.bytes().peekable();
    while digits.peek().is_some() {
        let old_i = i;
        let mut w = 1u32;
        let mut k = BASE;
        loop {
            let digit = match digits.next()? {
                b @ b'a'..=b'z' => u32::from(b - b'a'),
                b @ b'A'..=b'Z' => u32::from(b - b'A'),
                b @ b'0'..=b'9' => u32::from(b - b'0') + 26,
                _ => return None,
            };
            i = i.checked_add(digit.checked_mul(w)?)?;
            let t = if k <= bias {
                T_MIN
            } else if k >= bias + T_MAX {
                T_MAX
            } else {
                k - bias
            };
            if digit < t {
                break;
            }
            w = w.checked_mul(BASE - t)?;
            k = k.checked_add(BASE)?;
        }
        let len = u32::try_from(out.len()).ok()?.checked_add(1)?;
        bias = adapt(i - old_i, len, old_i == 0);
        n = n.checked_add(i / len)?;
        i %= len;
        out.insert(usize::try_from(i).ok()?, char::from_u32(n)?);
        i += 1;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(input: &str) -> (String, Vec<Code>) {
        let d = normalize_domain(input).unwrap_or_else(|c| panic!("{input:?} gave {c}"));
        (d.ascii, d.warnings)
    }

    #[test]
    fn valid_names() {
        let cases: &[(&str, &str, &[Code])] = &[
            ("contoso.com", "contoso.com", &[]),
            ("  CONTOSO.com\t", "contoso.com", &[]),
            ("contoso.com.", "contoso.com", &[]),
            ("sub.contoso.co.uk", "sub.contoso.co.uk", &[]),
            ("123.example", "123.example", &[]),
            ("a-b.example", "a-b.example", &[]),
            ("ab--cd.example", "ab--cd.example", &[]),
            ("bücher.example", "xn--bcher-kva.example", &[]),
            ("XN--BCHER-KVA.EXAMPLE", "xn--bcher-kva.example", &[]),
            ("例え。jp", "xn--r8jz45g.jp", &[]),
            ("例え。jp。", "xn--r8jz45g.jp", &[]),
            ("ｃｏｎｔｏｓｏ．ｃｏｍ", "contoso.com", &[]),
            ("https://contoso.com/x", "contoso.com", &[Code::DomainUrl]),
            ("HTTP://Contoso.com", "contoso.com", &[Code::DomainUrl]),
            (
                "https://user:pw@contoso.com:8443/a/b?c=d#e",
                "contoso.com",
                &[Code::DomainUrl],
            ),
            ("contoso.com/about", "contoso.com", &[Code::DomainUrl]),
            ("contoso.com:443", "contoso.com", &[Code::DomainUrl]),
            ("contoso.com?x", "contoso.com", &[Code::DomainUrl]),
            (
                "https://bücher.example/",
                "xn--bcher-kva.example",
                &[Code::DomainUrl],
            ),
            ("anna@contoso.com", "contoso.com", &[Code::DomainEmail]),
            ("Anna.Berg@Contoso.COM", "contoso.com", &[Code::DomainEmail]),
            (
                "mailto:anna@contoso.com",
                "contoso.com",
                &[Code::DomainEmail],
            ),
            (
                "MAILTO:anna@contoso.com?subject=hi",
                "contoso.com",
                &[Code::DomainEmail],
            ),
        ];
        for (input, ascii, warnings) in cases {
            assert_eq!(
                ok(input),
                (ascii.to_string(), warnings.to_vec()),
                "{input:?}"
            );
        }
    }

    #[test]
    fn invalid_names() {
        let long_label = format!("{}.com", "a".repeat(64));
        let max_label = format!("{}.com", "a".repeat(63));
        // 25 labels of 9 + 24 dots + ".com" = 253 characters: the longest name.
        let max_name = format!("{}.com", ["abcdefghi"; 25].join("."));
        assert_eq!(max_name.len(), MAX_NAME_LEN);
        assert!(normalize_domain(&max_name).is_ok());
        assert!(normalize_domain(&format!("{max_name}.")).is_ok());
        let long_name = format!("a{max_name}");
        assert!(normalize_domain(&max_label).is_ok());
        let cases: &[(&str, Code)] = &[
            ("", Code::DomainRequired),
            ("   \t\n", Code::DomainRequired),
            ("contoso", Code::DomainFormat),
            ("contoso.", Code::DomainFormat),
            (".contoso.com", Code::DomainFormat),
            ("contoso..com", Code::DomainFormat),
            ("contoso.com..", Code::DomainFormat),
            (".", Code::DomainFormat),
            ("-contoso.com", Code::DomainFormat),
            ("contoso-.com", Code::DomainFormat),
            ("contoso.-com", Code::DomainFormat),
            ("bücher-.example", Code::DomainFormat),
            ("-bücher.example", Code::DomainFormat),
            ("－ü.example", Code::DomainFormat),
            ("xn--bcher--3ya.example", Code::DomainFormat),
            ("con_toso.com", Code::DomainFormat),
            ("con toso.com", Code::DomainFormat),
            ("contoso.com!", Code::DomainFormat),
            ("10.0.0.1", Code::DomainFormat),
            ("https://10.0.0.1/", Code::DomainFormat),
            ("0x7f.0x1", Code::DomainFormat),
            ("example.0x", Code::DomainFormat),
            ("[::1]", Code::DomainFormat),
            ("https://[2001:db8::1]:443/", Code::DomainFormat),
            ("2001:db8::1", Code::DomainFormat),
            ("contoso.123", Code::DomainFormat),
            ("contoso.com:http", Code::DomainFormat),
            ("https://", Code::DomainFormat),
            ("https:///x", Code::DomainFormat),
            ("@contoso.com", Code::DomainFormat),
            ("anna@", Code::DomainFormat),
            ("Anna <anna@contoso.com>", Code::DomainFormat),
            ("xn--a.com", Code::DomainFormat),
            ("b%C3%BCcher.example", Code::DomainFormat),
            (&long_label, Code::DomainFormat),
            (&long_name, Code::DomainFormat),
        ];
        for (input, code) in cases {
            assert_eq!(normalize_domain(input), Err(*code), "{input:?}");
        }
    }

    #[test]
    fn length_is_counted_after_conversion() {
        // 61 characters in Unicode, "xn--" + 60 + "-" + more in ASCII.
        let label = format!("ü{}", "a".repeat(60));
        assert!(label.chars().count() <= MAX_LABEL_LEN);
        assert_eq!(
            normalize_domain(&format!("{label}.example")),
            Err(Code::DomainFormat)
        );
    }

    #[test]
    fn punycode() {
        let cases: &[(&str, Option<&str>)] = &[
            ("bcher-kva", Some("bücher")),
            ("r8jz45g", Some("例え")),
            ("rksmrgs-5wao1o", Some("räksmörgås")),
            ("bcher--3ya", Some("bücher-")),
            ("--eha", Some("-ü")),
            ("", Some("")),
            ("abc-", Some("abc")),
            ("ä-a", None),
            ("a!", None),
            ("99999999999", None),
        ];
        for (ace, want) in cases {
            let got: Option<String> = punycode_decode(ace).map(|v| v.into_iter().collect());
            assert_eq!(got.as_deref(), *want, "{ace:?}");
        }
    }

    #[test]
    fn validate_domain_findings() {
        let (ascii, findings) = validate_domain("customerDomain", "https://contoso.com/x");
        assert_eq!(ascii.as_deref(), Some("contoso.com"));
        assert_eq!(
            findings,
            vec![Finding::new("customerDomain", Code::DomainUrl)]
        );
        let (ascii, findings) = validate_domain("domain", "nope");
        assert_eq!(ascii, None);
        assert_eq!(findings, vec![Finding::new("domain", Code::DomainFormat)]);
        let (ascii, findings) = validate_domain("domain", "contoso.com");
        assert_eq!(ascii.as_deref(), Some("contoso.com"));
        assert!(findings.is_empty());
    }
}
