//! Where a partner gets help from Microsoft: the support link shown in
//! Help and next to the findings that may need it
//! ([`super::finding::Code::needs_support`]). Settings can point it
//! elsewhere (a partner's own help desk).
//!
//! ```
//! use cpor_desk::domain::support::{DEFAULT_SUPPORT_URL, check_support_url};
//! assert_eq!(check_support_url(" https://partner.microsoft.com/support ").unwrap(), DEFAULT_SUPPORT_URL);
//! assert!(check_support_url("javascript:alert(1)").is_err());
//! ```

/// Partner Center support.
pub const DEFAULT_SUPPORT_URL: &str = "https://partner.microsoft.com/support";

/// Why a support link is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SupportUrlError {
    /// Not an absolute `https://` or `http://` address with a host.
    NotWebAddress,
}

/// The support link as entered, trimmed, when it is an absolute web
/// address (`https://` or `http://`, a host, no spaces or control
/// characters); an empty entry gives the default.
pub fn check_support_url(input: &str) -> Result<String, SupportUrlError> {
    let url = input.trim();
    if url.is_empty() {
        return Ok(DEFAULT_SUPPORT_URL.to_string());
    }
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or(SupportUrlError::NotWebAddress)?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let clean = !url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'));
    if host.is_empty() || host.starts_with('@') || !clean {
        return Err(SupportUrlError::NotWebAddress);
    }
    Ok(url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn support_links_are_absolute_web_addresses() {
        for ok in [
            "https://partner.microsoft.com/support",
            "http://helpdesk.northwind.example/cpor?x=1",
            "HTTPS://Example.com",
        ] {
            assert_eq!(check_support_url(ok).unwrap(), ok, "{ok}");
        }
        assert_eq!(check_support_url("  ").unwrap(), DEFAULT_SUPPORT_URL);
        for bad in [
            "partner.microsoft.com/support",
            "javascript:alert(1)",
            "data:text/html,x",
            "https://",
            "https:///path",
            "https://exa mple.com",
            "https://example.com/\"onmouseover",
            "ftp://example.com",
            "/support",
        ] {
            assert_eq!(
                check_support_url(bad),
                Err(SupportUrlError::NotWebAddress),
                "{bad}"
            );
        }
    }
}
