//! The message-catalog compiler: reads the `*.ftl` files of `src/i18n/`,
//! checks them against each other and writes Rust code with one function
//! per message.
//!
//! It is used twice: by `build.rs` (which generates `$OUT_DIR/catalog.rs`
//! before the crate compiles, so a missing key or placeholder is a build
//! error) and by the catalog's unit tests (which also feed it broken
//! catalogs to prove that it refuses them). It depends on `std` only.
//!
//! The files use a small subset of [Project Fluent](https://projectfluent.org)
//! syntax, so editors and translators see a familiar format:
//!
//! ```text
//! # A comment.
//! tenant-id = Tenant ID
//! showing = Showing { $from }–{ $to } of { $total }
//! imported = { $count ->
//!         [one] Imported one claim
//!        *[other] Imported { $count } claims
//!     }
//! brace = A literal brace: { "{" }
//! ```
//!
//! - A message is `key = pattern`; keys are lowercase words joined by `-`.
//!   Indented lines that follow continue the pattern (joined with a space,
//!   since UI text has no hard line breaks).
//! - `{ $name }` is a placeholder; `{ "text" }` a literal.
//! - `{ $n -> [one] … [other] … *[other] … }` selects by the plural category
//!   of `n` in the locale (`one`, `other`, …) or by an exact number
//!   (`[0]`, `[12]`); the `*` variant is the default and must exist once.
//!   A selector's argument is a `usize`; every other argument is anything
//!   that implements `Display`.
//!
//! Checks (each one fails the build with the file and line):
//! every locale has exactly the keys of the reference locale (`en`), each
//! message uses the same placeholder names in every locale, keys are unique
//! and well formed, and every select has one default variant.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// The locale whose file defines the keys and the argument order.
pub const REFERENCE: &str = "en";

/// One piece of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Text(String),
    Var(String),
    Select { var: String, variants: Vec<Variant> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub key: VariantKey,
    pub default: bool,
    pub value: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VariantKey {
    /// A plural category: `zero`, `one`, `two`, `few`, `many`, `other`.
    Category(String),
    /// An exact number.
    Number(u64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub key: String,
    pub line: usize,
    pub pattern: Vec<Part>,
}

impl Message {
    /// Placeholder names in order of first appearance; selector variables
    /// are marked `true`.
    pub fn args(&self) -> Vec<(String, bool)> {
        let mut out: Vec<(String, bool)> = Vec::new();
        fn walk(parts: &[Part], out: &mut Vec<(String, bool)>) {
            for p in parts {
                match p {
                    Part::Text(_) => {}
                    Part::Var(v) => add(out, v, false),
                    Part::Select { var, variants } => {
                        add(out, var, true);
                        for v in variants {
                            walk(&v.value, out);
                        }
                    }
                }
            }
        }
        fn add(out: &mut Vec<(String, bool)>, name: &str, selector: bool) {
            match out.iter_mut().find(|(n, _)| n == name) {
                Some(slot) => slot.1 |= selector,
                None => out.push((name.to_string(), selector)),
            }
        }
        walk(&self.pattern, &mut out);
        out
    }
}

/// A parsed catalog file.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub locale: String,
    pub messages: Vec<Message>,
}

/// A problem in a catalog file, with the place it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub what: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.what)
    }
}

fn is_key(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some('a'..='z'))
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// Parses one file. `locale` is its tag (the file name without `.ftl`).
pub fn parse(locale: &str, text: &str) -> Result<Catalog, Vec<Problem>> {
    let file = format!("{locale}.ftl");
    let mut problems = Vec::new();
    let mut messages: Vec<Message> = Vec::new();
    // (key, first line, collected source)
    let mut current: Option<(String, usize, String)> = None;
    let finish = |cur: Option<(String, usize, String)>,
                  messages: &mut Vec<Message>,
                  problems: &mut Vec<Problem>| {
        if let Some((key, line, src)) = cur {
            match parse_pattern(&src) {
                Ok(pattern) => messages.push(Message { key, line, pattern }),
                Err(what) => problems.push(Problem {
                    file: file.clone(),
                    line,
                    what: format!("{key}: {what}"),
                }),
            }
        }
    };
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim_end();
        if line.starts_with(' ') || line.starts_with('\t') {
            match current.as_mut() {
                Some((_, _, src)) if !line.trim().is_empty() => {
                    src.push('\n');
                    src.push_str(line.trim());
                }
                Some(_) => {}
                None => problems.push(Problem {
                    file: file.clone(),
                    line: line_no,
                    what: "an indented line outside a message".into(),
                }),
            }
            continue;
        }
        finish(current.take(), &mut messages, &mut problems);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            problems.push(Problem {
                file: file.clone(),
                line: line_no,
                what: format!("expected `key = text`, found {line:?}"),
            });
            continue;
        };
        let key = key.trim();
        if !is_key(key) {
            problems.push(Problem {
                file: file.clone(),
                line: line_no,
                what: format!("{key:?} is not a key (lowercase words joined by -)"),
            });
            continue;
        }
        if messages.iter().any(|m| m.key == key) {
            problems.push(Problem {
                file: file.clone(),
                line: line_no,
                what: format!("{key} is defined twice"),
            });
        }
        current = Some((key.to_string(), line_no, value.trim().to_string()));
    }
    finish(current.take(), &mut messages, &mut problems);
    if problems.is_empty() {
        Ok(Catalog {
            locale: locale.to_string(),
            messages,
        })
    } else {
        Err(problems)
    }
}

/// Parses a pattern (continuation lines separated by `\n`).
fn parse_pattern(src: &str) -> Result<Vec<Part>, String> {
    let chars: Vec<char> = src.chars().collect();
    let mut pos = 0;
    let parts = parse_parts(&chars, &mut pos, false)?;
    if pos != chars.len() {
        return Err(format!("unexpected {:?}", chars[pos]));
    }
    if parts.is_empty() {
        return Err("the message is empty".into());
    }
    Ok(parts)
}

/// Text and placeholders up to the end, or (inside a variant) up to the
/// next variant or the closing brace of the select.
fn parse_parts(chars: &[char], pos: &mut usize, in_variant: bool) -> Result<Vec<Part>, String> {
    let mut parts = Vec::new();
    let mut text = String::new();
    while *pos < chars.len() {
        let c = chars[*pos];
        if in_variant {
            if c == '}' {
                break;
            }
            if c == '\n' {
                // A new line inside a select starts the next variant when it
                // begins with `[` or `*[`.
                let rest: String = chars[*pos + 1..].iter().take(2).collect();
                if rest.starts_with('[') || rest.starts_with("*[") || rest.starts_with('}') {
                    break;
                }
            }
        }
        match c {
            '{' => {
                if !text.is_empty() {
                    parts.push(Part::Text(std::mem::take(&mut text)));
                }
                *pos += 1;
                parts.push(parse_placeable(chars, pos)?);
            }
            '}' => return Err("a `}` without `{` (write { \"}\" } for a literal)".into()),
            '\n' => {
                text.push(' ');
                *pos += 1;
            }
            _ => {
                text.push(c);
                *pos += 1;
            }
        }
    }
    if !text.is_empty() {
        parts.push(Part::Text(text));
    }
    Ok(parts)
}

fn skip_ws(chars: &[char], pos: &mut usize) {
    while *pos < chars.len() && chars[*pos].is_whitespace() {
        *pos += 1;
    }
}

fn parse_ident(chars: &[char], pos: &mut usize) -> String {
    let start = *pos;
    while *pos < chars.len()
        && (chars[*pos].is_ascii_alphanumeric() || chars[*pos] == '_' || chars[*pos] == '-')
    {
        *pos += 1;
    }
    chars[start..*pos].iter().collect()
}

/// After `{`: `$var }`, `"literal" }` or `$var -> variants }`.
fn parse_placeable(chars: &[char], pos: &mut usize) -> Result<Part, String> {
    skip_ws(chars, pos);
    match chars.get(*pos) {
        Some('"') => {
            *pos += 1;
            let mut s = String::new();
            loop {
                match chars.get(*pos) {
                    Some('"') => {
                        *pos += 1;
                        break;
                    }
                    Some('\\') => {
                        s.push(*chars.get(*pos + 1).ok_or("an unfinished escape")?);
                        *pos += 2;
                    }
                    Some(c) => {
                        s.push(*c);
                        *pos += 1;
                    }
                    None => return Err("an unclosed string literal".into()),
                }
            }
            skip_ws(chars, pos);
            expect(chars, pos, '}')?;
            Ok(Part::Text(s))
        }
        Some('$') => {
            *pos += 1;
            let name = parse_ident(chars, pos);
            if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_lowercase()) {
                return Err("a placeholder needs a lowercase name after $".into());
            }
            skip_ws(chars, pos);
            if chars.get(*pos) == Some(&'-') && chars.get(*pos + 1) == Some(&'>') {
                *pos += 2;
                let variants = parse_variants(chars, pos)?;
                Ok(Part::Select {
                    var: name,
                    variants,
                })
            } else {
                expect(chars, pos, '}')?;
                Ok(Part::Var(name))
            }
        }
        _ => Err("expected $name or \"text\" after {".into()),
    }
}

fn expect(chars: &[char], pos: &mut usize, c: char) -> Result<(), String> {
    if chars.get(*pos) == Some(&c) {
        *pos += 1;
        Ok(())
    } else {
        Err(format!("expected {c:?}"))
    }
}

fn parse_variants(chars: &[char], pos: &mut usize) -> Result<Vec<Variant>, String> {
    let mut variants = Vec::new();
    loop {
        skip_ws(chars, pos);
        match chars.get(*pos) {
            Some('}') => {
                *pos += 1;
                break;
            }
            Some('*') | Some('[') => {
                let default = chars[*pos] == '*';
                if default {
                    *pos += 1;
                }
                expect(chars, pos, '[')?;
                skip_ws(chars, pos);
                let name = parse_ident(chars, pos);
                skip_ws(chars, pos);
                expect(chars, pos, ']')?;
                let key = if let Ok(n) = name.parse::<u64>() {
                    VariantKey::Number(n)
                } else if ["zero", "one", "two", "few", "many", "other"].contains(&name.as_str()) {
                    VariantKey::Category(name)
                } else {
                    return Err(format!("[{name}] is not a plural category or a number"));
                };
                // Variant text starts after optional spaces (not new lines).
                while chars.get(*pos) == Some(&' ') {
                    *pos += 1;
                }
                let mut value = parse_parts(chars, pos, true)?;
                if let Some(Part::Text(t)) = value.last_mut() {
                    let trimmed = t.trim_end().to_string();
                    *t = trimmed;
                }
                value.retain(|p| !matches!(p, Part::Text(t) if t.is_empty()));
                variants.push(Variant {
                    key,
                    default,
                    value,
                });
            }
            Some(c) => return Err(format!("expected a variant [..] or }}, found {c:?}")),
            None => return Err("an unclosed select expression".into()),
        }
    }
    match variants.iter().filter(|v| v.default).count() {
        1 => Ok(variants),
        0 => Err("a select needs one default variant, marked *[...]".into()),
        _ => Err("a select has more than one default variant".into()),
    }
}

/// Checks the catalogs against the reference locale: the same keys and the
/// same placeholders everywhere.
pub fn check(catalogs: &[Catalog]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let Some(reference) = catalogs.iter().find(|c| c.locale == REFERENCE) else {
        return vec![Problem {
            file: format!("{REFERENCE}.ftl"),
            line: 0,
            what: "the reference catalog is missing".into(),
        }];
    };
    let names = |m: &Message| -> BTreeSet<String> { m.args().into_iter().map(|a| a.0).collect() };
    for cat in catalogs.iter().filter(|c| c.locale != REFERENCE) {
        let file = format!("{}.ftl", cat.locale);
        let theirs: BTreeMap<&str, &Message> =
            cat.messages.iter().map(|m| (m.key.as_str(), m)).collect();
        for m in &reference.messages {
            match theirs.get(m.key.as_str()) {
                None => problems.push(Problem {
                    file: file.clone(),
                    line: 0,
                    what: format!("{} is missing (en.ftl:{})", m.key, m.line),
                }),
                Some(t) => {
                    let (a, b) = (names(m), names(t));
                    if a != b {
                        problems.push(Problem {
                            file: file.clone(),
                            line: t.line,
                            what: format!(
                                "{} has the placeholders {:?}, en.ftl has {:?}",
                                m.key, b, a
                            ),
                        });
                    }
                }
            }
        }
        for t in &cat.messages {
            if !reference.messages.iter().any(|m| m.key == t.key) {
                problems.push(Problem {
                    file: file.clone(),
                    line: t.line,
                    what: format!("{} is not in {REFERENCE}.ftl", t.key),
                });
            }
        }
    }
    problems
}

fn camel(tag: &str) -> String {
    let mut out = String::new();
    for part in tag.split(['-', '_']) {
        let mut cs = part.chars();
        if let Some(c) = cs.next() {
            out.push(c.to_ascii_uppercase());
            out.extend(cs.map(|c| c.to_ascii_lowercase()));
        }
    }
    out
}

fn snake(key: &str) -> String {
    key.replace('-', "_")
}

/// Rust code for the checked catalogs: the `Locale` enum (one variant per
/// file) and the module `msg` with one function per key.
pub fn generate(catalogs: &[Catalog]) -> String {
    let mut cats: Vec<&Catalog> = catalogs.iter().collect();
    // The reference locale first (it is the default), then by tag.
    cats.sort_by_key(|c| (c.locale != REFERENCE, c.locale.clone()));
    let reference = cats[0];
    let mut out = String::new();
    out.push_str(
        "// @generated by build.rs from src/i18n/*.ftl (src/i18n/ftl.rs). Do not edit.\n\n",
    );
    out.push_str(
        "/// A UI language: one per catalog file in `src/i18n/`.\n\
         #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]\n\
         pub enum Locale {\n",
    );
    for (i, c) in cats.iter().enumerate() {
        if i == 0 {
            out.push_str("    #[default]\n");
        }
        let _ = writeln!(
            out,
            "    #[serde(rename = {:?})]\n    {},",
            c.locale,
            camel(&c.locale)
        );
    }
    out.push_str("}\n\nimpl Locale {\n    /// Every language, the reference (English) first.\n    pub const ALL: &'static [Locale] = &[");
    for c in &cats {
        let _ = write!(out, "Locale::{}, ", camel(&c.locale));
    }
    out.push_str("];\n\n    /// The BCP 47 tag (`en`, `sv`).\n    pub fn tag(self) -> &'static str {\n        match self {\n");
    for c in &cats {
        let _ = writeln!(
            out,
            "            Locale::{} => {:?},",
            camel(&c.locale),
            c.locale
        );
    }
    out.push_str("        }\n    }\n}\n\n");

    out.push_str("/// One function per message of the catalogs, named after its key.\n#[allow(clippy::all, unused_mut, unused_variables)]\npub mod msg {\n    use super::Locale;\n    use std::fmt::Write as _;\n\n");
    for m in &reference.messages {
        let args = m.args();
        let fname = snake(&m.key);
        let en_text = flatten(&m.pattern);
        let _ = writeln!(out, "    /// {}", en_text.replace('\n', " "));
        if args.is_empty() {
            let _ = writeln!(
                out,
                "    pub fn {fname}(locale: Locale) -> &'static str {{\n        match locale {{"
            );
            for c in &cats {
                let msg = c.messages.iter().find(|x| x.key == m.key).expect("checked");
                let _ = writeln!(
                    out,
                    "            Locale::{} => {:?},",
                    camel(&c.locale),
                    flatten(&msg.pattern)
                );
            }
            out.push_str("        }\n    }\n\n");
        } else {
            let params: Vec<String> = args
                .iter()
                .map(|(name, selector)| {
                    if *selector {
                        format!("{name}: usize")
                    } else {
                        format!("{name}: impl std::fmt::Display")
                    }
                })
                .collect();
            let _ = writeln!(
                out,
                "    pub fn {fname}(locale: Locale, {}) -> String {{\n        let mut s = String::new();\n        match locale {{",
                params.join(", ")
            );
            for c in &cats {
                let msg = c.messages.iter().find(|x| x.key == m.key).expect("checked");
                let _ = writeln!(out, "            Locale::{} => {{", camel(&c.locale));
                emit(&mut out, &msg.pattern, &c.locale, 4);
                out.push_str("            }\n");
            }
            out.push_str("        }\n        s\n    }\n\n");
        }
    }
    out.push_str("}\n");
    out
}

/// The text of a pattern without placeholders (doc comments, plain messages).
fn flatten(parts: &[Part]) -> String {
    let mut s = String::new();
    for p in parts {
        match p {
            Part::Text(t) => s.push_str(t),
            Part::Var(v) => {
                let _ = write!(s, "{{${v}}}");
            }
            Part::Select { var, .. } => {
                let _ = write!(s, "{{${var} -> …}}");
            }
        }
    }
    s
}

fn emit(out: &mut String, parts: &[Part], locale: &str, depth: usize) {
    let pad = "    ".repeat(depth);
    for p in parts {
        match p {
            Part::Text(t) => {
                let _ = writeln!(out, "{pad}s.push_str({t:?});");
            }
            Part::Var(v) => {
                let _ = writeln!(out, "{pad}let _ = write!(s, \"{{}}\", {v});");
            }
            Part::Select { var, variants } => {
                let _ = writeln!(
                    out,
                    "{pad}match ({var}, super::plural_category(Locale::{}, {var})) {{",
                    camel(locale)
                );
                // Exact numbers first, then categories, then the default.
                let mut arms: Vec<&Variant> = variants
                    .iter()
                    .filter(|v| matches!(v.key, VariantKey::Number(_)))
                    .collect();
                arms.extend(
                    variants
                        .iter()
                        .filter(|v| matches!(v.key, VariantKey::Category(_)) && !v.default),
                );
                for v in arms {
                    match &v.key {
                        VariantKey::Number(n) => {
                            let _ = writeln!(out, "{pad}    ({n}, _) => {{");
                        }
                        VariantKey::Category(c) => {
                            let _ = writeln!(out, "{pad}    (_, {c:?}) => {{");
                        }
                    }
                    emit(out, &v.value, locale, depth + 2);
                    let _ = writeln!(out, "{pad}    }}");
                }
                let default = variants.iter().find(|v| v.default).expect("checked");
                let _ = writeln!(out, "{pad}    _ => {{");
                emit(out, &default.value, locale, depth + 2);
                let _ = writeln!(out, "{pad}    }}");
                let _ = writeln!(out, "{pad}}}");
            }
        }
    }
}

/// Reads, checks and generates from a folder of `*.ftl` files: the code, or
/// every problem found.
pub fn compile_dir(dir: &std::path::Path) -> Result<String, Vec<String>> {
    let mut catalogs = Vec::new();
    let mut problems = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| vec![format!("{}: {e}", dir.display())])?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
        .collect();
    entries.sort();
    for path in entries {
        let locale = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let text =
            std::fs::read_to_string(&path).map_err(|e| vec![format!("{}: {e}", path.display())])?;
        match parse(&locale, &text) {
            Ok(c) => catalogs.push(c),
            Err(ps) => problems.extend(ps.into_iter().map(|p| p.to_string())),
        }
    }
    problems.extend(check(&catalogs).into_iter().map(|p| p.to_string()));
    if problems.is_empty() {
        Ok(generate(&catalogs))
    } else {
        Err(problems)
    }
}
