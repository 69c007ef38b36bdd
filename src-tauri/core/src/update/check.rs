//! Asking the published endpoint whether a newer version exists. A read with no token and no
//! retry: a failed check is said once and tried again on a later day.

use super::manifest::{Manifest, Notes, MAX_MANIFEST_BYTES};
use super::source::{platform_key, Source};
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// A newer version this computer can install.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Available {
    pub version: String,
    /// The release date, as the manifest says it (RFC 3339).
    pub date: Option<String>,
    pub notes: Notes,
}

/// What the endpoint answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Check {
    /// No newer version for this computer (or the endpoint said "no content").
    UpToDate,
    Available(Available),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "code", content = "detail", rename_all = "snake_case")]
pub enum UpdateError {
    /// No answer (offline, DNS, TLS, timeout).
    #[error("the update address did not answer: {0}")]
    Network(String),
    /// An answer that is not a manifest: an HTTP error status.
    #[error("the update address answered HTTP {0}")]
    Status(u16),
    /// A manifest that cannot be read (not JSON, no valid version, too large).
    #[error("the update manifest cannot be read: {0}")]
    Manifest(String),
}

/// Asks `source` whether a version newer than `current` (this program's) exists for this
/// computer. Redirects are followed to HTTPS only (GitHub's "latest" download redirects to its
/// file host), five at most.
pub async fn check(source: &Source, current: &str) -> Result<Check, UpdateError> {
    let current = semver::Version::parse(current)
        .map_err(|e| UpdateError::Manifest(format!("this program's version: {e}")))?;
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .connect_timeout(Duration::from_secs(10))
        .user_agent(concat!("waba-remover/", env!("CARGO_PKG_VERSION")))
        .redirect(reqwest::redirect::Policy::custom(|a| {
            if a.previous().len() < 5 && a.url().scheme() == "https" {
                a.follow()
            } else {
                a.stop()
            }
        }))
        .build()
        .map_err(|e| UpdateError::Network(e.to_string()))?;
    let res = http
        .get(source.endpoint().clone())
        .header(reqwest::header::ACCEPT, "application/json")
        .send()
        .await
        .map_err(|e| UpdateError::Network(e.without_url().to_string()))?;
    let status = res.status();
    if status == reqwest::StatusCode::NO_CONTENT {
        return Ok(Check::UpToDate);
    }
    if !status.is_success() {
        return Err(UpdateError::Status(status.as_u16()));
    }
    let mut res = res;
    let mut body = Vec::new();
    while let Some(chunk) = res
        .chunk()
        .await
        .map_err(|e| UpdateError::Network(e.without_url().to_string()))?
    {
        if body.len() + chunk.len() > MAX_MANIFEST_BYTES {
            return Err(UpdateError::Manifest("larger than 256 KiB".into()));
        }
        body.extend_from_slice(&chunk);
    }
    let manifest: Manifest =
        serde_json::from_slice(&body).map_err(|e| UpdateError::Manifest(e.to_string()))?;
    decide(&manifest, &current, &platform_key())
}

/// The manifest against this program: newer and packaged for this platform, or nothing.
pub(super) fn decide(
    m: &Manifest,
    current: &semver::Version,
    platform: &str,
) -> Result<Check, UpdateError> {
    let version = m
        .semver()
        .ok_or_else(|| UpdateError::Manifest(format!("version {:?}", m.version)))?;
    if version <= *current || !m.has_package_for(platform) {
        return Ok(Check::UpToDate);
    }
    Ok(Check::Available(Available {
        version: version.to_string(),
        date: m.pub_date.clone(),
        notes: m.notes(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(version: &str) -> Manifest {
        serde_json::from_value(serde_json::json!({
            "version": version, "notes": "**pt-BR** — Novo.\n\n**English** — New.",
            "pub_date": "2027-01-10T12:00:00Z",
            "platforms": {"linux-x86_64": {"url": "https://x/a", "signature": "s"}}
        }))
        .unwrap()
    }

    #[test]
    fn only_a_newer_version_with_a_package_here_is_offered() {
        let current = semver::Version::new(0, 1, 0);
        assert_eq!(
            decide(&manifest("0.1.0"), &current, "linux-x86_64"),
            Ok(Check::UpToDate)
        );
        assert_eq!(
            decide(&manifest("0.0.9"), &current, "linux-x86_64"),
            Ok(Check::UpToDate)
        );
        assert_eq!(
            decide(&manifest("0.2.0"), &current, "windows-x86_64"),
            Ok(Check::UpToDate)
        );
        let Ok(Check::Available(a)) = decide(&manifest("0.2.0"), &current, "linux-x86_64") else {
            panic!("offered")
        };
        assert_eq!(a.version, "0.2.0");
        assert_eq!(a.notes.pt, "Novo.");
        assert!(matches!(
            decide(&manifest("dois"), &current, "linux-x86_64"),
            Err(UpdateError::Manifest(_))
        ));
    }
}
