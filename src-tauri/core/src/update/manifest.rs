//! The update manifest (`latest.json`), as Tauri's release tooling writes it: the version, the
//! release notes, the date and one signed package per platform. Read defensively: it comes from
//! the network.

use serde::Deserialize;
use std::collections::BTreeMap;

/// The largest manifest read (a real one is a few KiB).
pub const MAX_MANIFEST_BYTES: usize = 256 * 1024;
/// The longest note shown (the line on screen is one or two sentences).
const MAX_NOTE_CHARS: usize = 600;

#[derive(Debug, Clone, Deserialize)]
pub struct Manifest {
    pub version: String,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub pub_date: Option<String>,
    #[serde(default)]
    pub platforms: BTreeMap<String, Package>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Package {
    pub url: String,
    pub signature: String,
}

impl Manifest {
    /// The announced version, parsed (a leading `v` allowed, as in a tag).
    pub fn semver(&self) -> Option<semver::Version> {
        semver::Version::parse(self.version.trim().trim_start_matches('v')).ok()
    }

    /// Whether a package for this platform (`linux-x86_64`, or `linux-x86_64-deb` and the like)
    /// is listed, with a signature.
    pub fn has_package_for(&self, platform: &str) -> bool {
        self.platforms.iter().any(|(k, p)| {
            (k == platform || k.starts_with(&format!("{platform}-")))
                && !p.signature.trim().is_empty()
                && !p.url.trim().is_empty()
        })
    }

    pub fn notes(&self) -> Notes {
        Notes::from_release_body(self.notes.as_deref().unwrap_or(""))
    }
}

/// What changed, in each language: the release body's first paragraph that starts with
/// `**pt-BR**` and the first that starts with `**English**` (the release workflow writes them
/// from `CHANGES.md`, `docs/updates.md`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Notes {
    pub pt: String,
    pub en: String,
}

impl Notes {
    pub fn from_release_body(body: &str) -> Self {
        let body = body.replace("\r\n", "\n");
        let paragraph = |marker: &str| {
            body.split("\n\n")
                .map(str::trim)
                .find(|p| p.starts_with(marker))
                .map(|p| clean(&p[marker.len()..]))
        };
        let pt = paragraph("**pt-BR**");
        let en = paragraph("**English**");
        // A body without the markers is shown as it is, in both languages.
        let whole = || clean(&body);
        Self {
            pt: pt.clone().or_else(|| en.clone()).unwrap_or_else(whole),
            en: en.or(pt).unwrap_or_else(whole),
        }
    }

    pub fn for_language(&self, lang: &str) -> &str {
        if lang.starts_with("en") {
            &self.en
        } else {
            &self.pt
        }
    }
}

/// One line of plain text: the dash after the marker, markdown's emphasis and control
/// characters dropped, whitespace folded, the length capped.
fn clean(s: &str) -> String {
    let s = s
        .trim_start()
        .trim_start_matches(['—', '-', ':'])
        .replace("**", "");
    let folded: String = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    if folded.chars().count() > MAX_NOTE_CHARS {
        let cut: String = folded.chars().take(MAX_NOTE_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    } else {
        folded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "**pt-BR** — O que mudou: novos códigos de erro da Meta.\n\n\
        **English** — What changed: Meta's new error codes.\n\n\
        **pt-BR** — Instaladores do app.\n\n**English** — The app's installers.";

    #[test]
    fn each_language_reads_its_first_paragraph() {
        let n = Notes::from_release_body(BODY);
        assert_eq!(n.pt, "O que mudou: novos códigos de erro da Meta.");
        assert_eq!(n.en, "What changed: Meta's new error codes.");
        assert_eq!(n.for_language("en-US"), n.en);
        assert_eq!(n.for_language("pt-BR"), n.pt);
    }

    #[test]
    fn a_body_without_markers_is_shown_whole_and_capped() {
        let n = Notes::from_release_body("Fixes.\r\n\r\nMore   fixes\u{7}.");
        assert_eq!(n.pt, "Fixes. More fixes.");
        assert_eq!(n.en, n.pt);
        let long = "x".repeat(5000);
        assert!(Notes::from_release_body(&long).pt.chars().count() <= MAX_NOTE_CHARS);
    }

    #[test]
    fn one_language_stands_for_both() {
        let n = Notes::from_release_body("**English** — Only English.");
        assert_eq!(n.pt, "Only English.");
    }

    #[test]
    fn versions_and_packages() {
        let m: Manifest = serde_json::from_str(
            r#"{"version":"v0.2.0","platforms":{
                "linux-x86_64-appimage":{"url":"https://x/a","signature":"s"},
                "windows-x86_64":{"url":"https://x/b","signature":""}}}"#,
        )
        .unwrap();
        assert_eq!(m.semver(), Some(semver::Version::new(0, 2, 0)));
        assert!(m.has_package_for("linux-x86_64"));
        assert!(
            !m.has_package_for("windows-x86_64"),
            "no signature, no package"
        );
        assert!(!m.has_package_for("darwin-aarch64"));
    }
}
