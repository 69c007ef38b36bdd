//! Error text never carries a credential (`docs/security.md`): Meta's messages are kept for
//! support, but anything shaped like a token, an `access_token=` parameter or a bearer header is
//! replaced, and a message sharing any 16-character slice with the client's own token is withheld.

use crate::vault::AccessToken;

const REMOVED: &str = "[removido]";
/// Runs of token characters at least this long look like a credential.
const TOKEN_RUN: usize = 32;

/// Replaces token-shaped text in `s`.
pub fn scrub(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        let lower = rest.to_ascii_lowercase();
        if let Some(skip) = ["access_token=", "bearer "]
            .iter()
            .find(|p| lower.starts_with(**p))
            .map(|p| p.len())
        {
            out.push_str(&rest[..skip]);
            out.push_str(REMOVED);
            rest = &rest[skip..];
            let end = rest.find(|c: char| !is_token_char(c)).unwrap_or(rest.len());
            rest = &rest[end..];
            continue;
        }
        let run = rest.find(|c: char| !is_token_char(c)).unwrap_or(rest.len());
        if run >= TOKEN_RUN {
            out.push_str(REMOVED);
            rest = &rest[run..];
            continue;
        }
        let step = if run > 0 {
            run
        } else {
            rest.chars().next().map_or(1, char::len_utf8)
        };
        out.push_str(&rest[..step]);
        rest = &rest[step..];
    }
    out
}

fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '|' | '%')
}

/// `s` scrubbed, or withheld entirely when it shares a 16-character slice with `token`.
pub fn for_error(s: &str, token: &AccessToken) -> String {
    if token.shares_slice_with(s, 16) {
        return "(texto retido: continha parte do token)".into();
    }
    scrub(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_shaped_text_is_removed() {
        let tok = format!("EAAG{}", "x1Y2z3".repeat(40));
        let msg =
            format!("Invalid token {tok} in request ?access_token=abc&x=1, header Bearer abc");
        let out = scrub(&msg);
        assert!(!out.contains("x1Y2z3x1Y2"), "{out}");
        assert!(!out.contains("access_token=abc"), "{out}");
        assert!(!out.contains("Bearer abc"), "{out}");
        assert!(out.contains("Invalid token"));
        assert_eq!(
            scrub("(#100) Unsupported get request."),
            "(#100) Unsupported get request."
        );
        assert_eq!(
            scrub("Sessão expirada às 10:00"),
            "Sessão expirada às 10:00"
        );
    }

    #[test]
    fn a_slice_of_a_real_length_token_withholds_the_text() {
        let raw = format!("EAAG{}", "aB3dE5gH7jK9mN1pQ".repeat(13));
        assert!(raw.len() > 200);
        let token = AccessToken::parse(&raw).unwrap();
        let slice = &raw[100..116];
        let text = format!("echo: {slice} …");
        assert_eq!(
            for_error(&text, &token),
            "(texto retido: continha parte do token)"
        );
        assert_eq!(for_error("nothing here", &token), "nothing here");
    }
}
