//! Where updates come from: the endpoint and the public key the installer was published with
//! (`tauri.conf.json`, `plugins.updater`, written by the release workflow when the publisher has
//! a signing key; `docs/updates.md`).

use url::Url;

/// A published update source: an endpoint the app may ask and the key its packages are signed
/// with. The endpoint is HTTPS, or plain HTTP on this computer only (tests and practice).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    endpoint: Url,
    pubkey: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SourceError {
    /// The installer was published without a signing key: this copy has no updates.
    #[error("this copy was published without updates")]
    NotPublished,
    /// An endpoint that is neither HTTPS nor on this computer, or not a URL.
    #[error("the update address is not allowed: {0}")]
    Endpoint(String),
}

impl Source {
    /// From the config's values: `None`/empty pubkey or no endpoint is "not published".
    pub fn new(endpoint: Option<&str>, pubkey: Option<&str>) -> Result<Self, SourceError> {
        let pubkey = pubkey.map(str::trim).filter(|k| !k.is_empty());
        let endpoint = endpoint.map(str::trim).filter(|e| !e.is_empty());
        let (Some(endpoint), Some(pubkey)) = (endpoint, pubkey) else {
            return Err(SourceError::NotPublished);
        };
        let url = Url::parse(endpoint).map_err(|_| SourceError::Endpoint(endpoint.to_owned()))?;
        let loopback = matches!(
            url.host(),
            Some(url::Host::Ipv4(ip)) if ip.is_loopback()
        ) || matches!(url.host(), Some(url::Host::Ipv6(ip)) if ip.is_loopback())
            || url.host_str() == Some("localhost");
        let allowed = match url.scheme() {
            "https" => url.host().is_some(),
            "http" => loopback,
            _ => false,
        };
        if !allowed || !url.username().is_empty() || url.password().is_some() {
            return Err(SourceError::Endpoint(endpoint.to_owned()));
        }
        Ok(Self {
            endpoint: url,
            pubkey: pubkey.to_owned(),
        })
    }

    pub fn endpoint(&self) -> &Url {
        &self.endpoint
    }

    /// The public key (minisign, as Tauri's signer writes it): public, not a secret.
    pub fn pubkey(&self) -> &str {
        &self.pubkey
    }
}

/// The manifest's key for this computer (`linux-x86_64`, `windows-x86_64`, `darwin-aarch64`…),
/// as Tauri's updater names platforms.
pub fn platform_key() -> String {
    let os = match std::env::consts::OS {
        "macos" => "darwin",
        other => other,
    };
    format!("{os}-{}", std::env::consts::ARCH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_without_a_key_or_an_address_has_no_updates() {
        let url = Some("https://example.com/latest.json");
        assert_eq!(Source::new(url, None), Err(SourceError::NotPublished));
        assert_eq!(Source::new(url, Some("  ")), Err(SourceError::NotPublished));
        assert_eq!(
            Source::new(None, Some("key")),
            Err(SourceError::NotPublished)
        );
    }

    #[test]
    fn only_https_or_this_computer() {
        for ok in [
            "https://github.com/o/r/releases/latest/download/latest.json",
            "http://127.0.0.1:8080/latest.json",
            "http://[::1]:8080/latest.json",
            "http://localhost:1/latest.json",
        ] {
            assert!(Source::new(Some(ok), Some("k")).is_ok(), "{ok}");
        }
        for bad in [
            "http://example.com/latest.json",
            "file:///etc/passwd",
            "ftp://example.com/x",
            "https://user:pass@example.com/x",
            "not a url",
        ] {
            assert!(
                matches!(
                    Source::new(Some(bad), Some("k")),
                    Err(SourceError::Endpoint(_))
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn platform_keys_as_tauri_names_them() {
        let k = platform_key();
        assert!(
            ["linux-", "windows-", "darwin-"]
                .iter()
                .any(|p| k.starts_with(p)),
            "{k}"
        );
    }
}
