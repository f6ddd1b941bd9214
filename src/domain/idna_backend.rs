//! UTS 46 / WHATWG "domain to ASCII" behind one function, with two backends:
//!
//! - natively: the `idna` crate (`idna::domain_to_ascii`, non-transitional,
//!   hyphens allowed, DNS lengths not checked: the WHATWG URL settings);
//! - on `wasm32`: the browser's own URL host parser, through a two-item
//!   binding of the global `URL` class, so the module does not carry the
//!   Unicode tables of `idna` (they would dominate its size).
//!
//! Both backends must give the same answer for every input the domain rules
//! hand them; `tests/vectors/domains.json` is run natively
//! (`tests/native/domain_vectors.rs`) and in Chromium (`tests/browser/embed.rs`).
//!
//! The shared contract, so the two cannot drift on inputs that would change
//! URL parsing rather than IDNA: an empty input, any whitespace or control
//! character, and any ASCII character other than letters, digits, `-` and
//! `.` are refused before either backend sees them. Callers (only
//! [`super::domain_name`]) refuse those anyway, since they cannot occur in a
//! valid host name.
//!
//! The browser backend parses `http://{input}.ä/` and strips the dummy final
//! label (`.xn--4ca`) from `hostname`: the non-numeric last label keeps the
//! URL parser from reading a numeric name as an IPv4 address, and its
//! non-ASCII letter makes every browser run IDNA over the whole host (some
//! skip IDNA for all-ASCII hosts, which would leave `xn--` labels
//! unvalidated).
//!
//! The module is private; its effect is visible through the public domain rules:
//!
//! ```
//! use cpor_desk::domain::domain_name::normalize_domain;
//! assert_eq!(normalize_domain("Bücher.example").unwrap().ascii, "xn--bcher-kva.example");
//! assert!(normalize_domain("xn--a.example").is_err()); // invalid punycode
//! ```

/// True when `input` may be handed to a backend (see the module docs).
fn acceptable(input: &str) -> bool {
    !input.is_empty()
        && input.chars().all(|c| {
            if c.is_ascii() {
                c.is_ascii_alphanumeric() || c == '-' || c == '.'
            } else {
                !c.is_whitespace() && !c.is_control()
            }
        })
}

/// Converts a domain name to its ASCII (punycode) form per UTS 46 as the
/// WHATWG URL standard applies it. `Err(())` when the name is not valid
/// IDNA or falls outside the shared contract of the module docs.
pub(crate) fn to_ascii(input: &str) -> Result<String, ()> {
    if !acceptable(input) {
        return Err(());
    }
    backend::to_ascii(input)
}

#[cfg(not(target_arch = "wasm32"))]
mod backend {
    pub(super) fn to_ascii(input: &str) -> Result<String, ()> {
        idna::domain_to_ascii(input).map_err(|_| ())
    }
}

#[cfg(target_arch = "wasm32")]
mod backend {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        /// The global WHATWG `URL` class.
        #[wasm_bindgen(js_name = URL)]
        type Url;

        #[wasm_bindgen(catch, constructor, js_class = "URL")]
        fn new(url: &str) -> Result<Url, JsValue>;

        #[wasm_bindgen(method, structural, getter, js_class = "URL", js_name = hostname)]
        fn hostname(this: &Url) -> String;
    }

    /// The dummy final label, and its ASCII form as the parser returns it.
    const DUMMY: &str = "ä";
    const DUMMY_ASCII: &str = ".xn--4ca";

    pub(super) fn to_ascii(input: &str) -> Result<String, ()> {
        let url = Url::new(&format!("http://{input}.{DUMMY}/")).map_err(|_| ())?;
        let host = url.hostname();
        match host.strip_suffix(DUMMY_ASCII) {
            Some(name) if name.is_ascii() => Ok(name.to_string()),
            _ => Err(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_and_refuses() {
        let cases: &[(&str, Option<&str>)] = &[
            ("bücher.example", Some("xn--bcher-kva.example")),
            ("XN--BCHER-KVA.example", Some("xn--bcher-kva.example")),
            ("例え。jp", Some("xn--r8jz45g.jp")),
            ("ｃｏｎｔｏｓｏ．ｃｏｍ", Some("contoso.com")),
            ("xn--a.example", None),
            ("", None),
            ("a b.example", None),
            ("a_b.example", None),
            ("a/b.example", None),
            ("a%41.example", None),
            ("ä\u{3000}b.example", None),
            ("a\u{0085}b.example", None),
        ];
        for (input, want) in cases {
            assert_eq!(to_ascii(input).ok().as_deref(), *want, "{input:?}");
        }
    }
}
