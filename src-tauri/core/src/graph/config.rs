//! Where the client talks to: base URL and Graph version (`docs/meta-rules.md` §1: "make the version a setting").

use super::error::GraphError;
use super::retry::RetryPolicy;
use std::time::Duration;
use url::Url;

pub const DEFAULT_GRAPH_URL: &str = "https://graph.facebook.com";
pub const DEFAULT_GRAPH_VERSION: &str = "v25.0";
pub const ENV_GRAPH_URL: &str = "WABA_REMOVER_GRAPH_URL";
pub const ENV_GRAPH_VERSION: &str = "WABA_REMOVER_GRAPH_VERSION";
/// The largest Graph answer read (a page of 100 templates is about 50 KB).
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct GraphConfig {
    base: Url,
    version: String,
    pub timeout: Duration,
    pub retry: RetryPolicy,
    /// At most this many requests in any hour (see `ledger.rs`).
    pub hourly_cap: u32,
    /// Answers larger than this are refused while they stream.
    pub max_body_bytes: usize,
}

impl GraphConfig {
    /// Only `https://` hosts, or `http://` on loopback (the practice sandbox), are accepted: the
    /// token must never travel in clear text over a network.
    pub fn new(base_url: &str, version: &str) -> Result<Self, GraphError> {
        let mut base = Url::parse(base_url.trim())
            .map_err(|e| GraphError::Config(format!("the Graph address is not a URL ({e})")))?;
        let loopback = matches!(
            base.host(),
            Some(url::Host::Ipv4(ip)) if ip.is_loopback()
        ) || matches!(base.host(), Some(url::Host::Ipv6(ip)) if ip.is_loopback())
            || base.host_str() == Some("localhost");
        match base.scheme() {
            "https" => {}
            "http" if loopback => {}
            _ => {
                return Err(GraphError::Config(
                    "the Graph address must start with https:// (http:// only on this computer)"
                        .into(),
                ))
            }
        }
        if base.host_str().is_none_or(str::is_empty)
            || base.query().is_some()
            || !base.username().is_empty()
        {
            return Err(GraphError::Config(
                "the Graph address must be a plain host, like https://graph.facebook.com".into(),
            ));
        }
        if !base.path().ends_with('/') {
            let p = format!("{}/", base.path());
            base.set_path(&p);
        }
        let version = version.trim();
        if !is_version(version) {
            return Err(GraphError::Config(format!(
                "'{version}' is not a Graph version like v25.0"
            )));
        }
        Ok(Self {
            base,
            version: version.to_owned(),
            timeout: Duration::from_secs(30),
            retry: RetryPolicy::default_reads(),
            hourly_cap: super::ledger::DEFAULT_HOURLY_CAP,
            max_body_bytes: MAX_BODY_BYTES,
        })
    }

    /// Real mode's configuration. The host is `graph.facebook.com` unless the environment
    /// (`WABA_REMOVER_GRAPH_URL`, set by whoever starts the app) says otherwise: nothing the web
    /// view sends can change where the token goes. The version may come from the UI's settings
    /// (`version`), then the environment, then the default.
    pub fn real(version: Option<&str>) -> Result<Self, GraphError> {
        let env = |k: &str| std::env::var(k).ok().filter(|s| !s.trim().is_empty());
        let url = env(ENV_GRAPH_URL);
        let ver = version
            .filter(|s| !s.trim().is_empty())
            .map(str::to_owned)
            .or_else(|| env(ENV_GRAPH_VERSION));
        Self::new(
            url.as_deref().unwrap_or(DEFAULT_GRAPH_URL),
            ver.as_deref().unwrap_or(DEFAULT_GRAPH_VERSION),
        )
    }

    /// The keyring entry of the token saved for this host (the app and the support console read
    /// the same one: a token never goes to a host it was not saved for).
    pub fn keyring_entry(&self) -> String {
        crate::vault::entry_for_host(&self.host_key(), self.is_meta())
    }

    /// `host[:port]` of the base, the name a saved token is bound to.
    pub fn host_key(&self) -> String {
        let host = self.base.host_str().unwrap_or("");
        match self.base.port() {
            Some(p) => format!("{host}:{p}"),
            None => host.to_owned(),
        }
    }

    /// Whether this is Meta's own Graph host.
    pub fn is_meta(&self) -> bool {
        self.base.as_str() == format!("{DEFAULT_GRAPH_URL}/")
    }

    pub fn base(&self) -> &Url {
        &self.base
    }

    pub fn version(&self) -> &str {
        &self.version
    }

    /// `{base}/{version}/{path}`.
    pub fn url(&self, path: &str) -> Url {
        let mut u = self.base.clone();
        let p = format!(
            "{}{}/{}",
            self.base.path(),
            self.version,
            path.trim_start_matches('/')
        );
        u.set_path(&p);
        u
    }

    /// Same scheme, host and port as the configured base.
    pub fn same_origin(&self, other: &Url) -> bool {
        other.scheme() == self.base.scheme()
            && other.host_str() == self.base.host_str()
            && other.port_or_known_default() == self.base.port_or_known_default()
    }
}

fn is_version(v: &str) -> bool {
    let Some(rest) = v.strip_prefix('v') else {
        return false;
    };
    let mut parts = rest.split('.');
    matches!((parts.next(), parts.next(), parts.next()),
        (Some(a), Some(b), None) if !a.is_empty() && !b.is_empty()
            && a.chars().all(|c| c.is_ascii_digit()) && b.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_or_loopback_http_is_accepted() {
        assert!(GraphConfig::new("https://graph.facebook.com", "v25.0").is_ok());
        assert!(GraphConfig::new("http://127.0.0.1:8080", "v25.0").is_ok());
        assert!(GraphConfig::new("http://localhost:1", "v25.0").is_ok());
        assert!(GraphConfig::new("http://[::1]:9", "v25.0").is_ok());
        assert!(GraphConfig::new("http://graph.facebook.com", "v25.0").is_err());
        assert!(GraphConfig::new("http://10.0.0.1", "v25.0").is_err());
        assert!(GraphConfig::new("ftp://x", "v25.0").is_err());
        assert!(GraphConfig::new("not a url", "v25.0").is_err());
        assert!(GraphConfig::new("https://user:pw@host", "v25.0").is_err());
    }

    #[test]
    fn version_must_look_like_v25_0() {
        assert!(GraphConfig::new(DEFAULT_GRAPH_URL, "v26.0").is_ok());
        for bad in ["25.0", "v25", "v25.0.1", "vX.0", "", "v25.0/../"] {
            assert!(GraphConfig::new(DEFAULT_GRAPH_URL, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn urls_are_built_under_the_version() {
        let c = GraphConfig::new("https://graph.facebook.com", "v25.0").unwrap();
        assert_eq!(c.url("me").as_str(), "https://graph.facebook.com/v25.0/me");
        assert_eq!(
            c.url("/123/phone_numbers").as_str(),
            "https://graph.facebook.com/v25.0/123/phone_numbers"
        );
        assert!(c.same_origin(&Url::parse("https://graph.facebook.com/v25.0/x?after=1").unwrap()));
        assert!(!c.same_origin(&Url::parse("https://evil.example/v25.0/x").unwrap()));
    }
}
