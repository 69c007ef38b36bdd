//! Retry policy as a value (after async-stripe's `RequestStrategy`), and Meta's usage headers.
//! Reference §1: rate-limit headers; §6: which codes retry. Writes never use a policy.

use super::wire::{AppUsage, BusinessUseCaseHeader};
use reqwest::header::HeaderMap;
use serde::{Deserialize, Serialize};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryPolicy {
    /// One attempt. Every write uses this.
    Never,
    /// Up to `attempts` tries, waiting base·2ⁿ (or what Meta asked for); a wait longer than
    /// `max_wait` is not slept through: the error goes back to the caller with the time to wait.
    Backoff {
        attempts: u32,
        base: Duration,
        max_wait: Duration,
    },
}

impl RetryPolicy {
    pub fn default_reads() -> Self {
        RetryPolicy::Backoff {
            attempts: 4,
            base: Duration::from_millis(500),
            max_wait: Duration::from_secs(20),
        }
    }

    pub fn attempts(self) -> u32 {
        match self {
            RetryPolicy::Never => 1,
            RetryPolicy::Backoff { attempts, .. } => attempts.max(1),
        }
    }

    /// The wait before try `attempt + 1`, or `None` when the policy gives up.
    pub fn delay(self, attempt: u32, asked: Option<Duration>) -> Option<Duration> {
        match self {
            RetryPolicy::Never => None,
            RetryPolicy::Backoff {
                attempts,
                base,
                max_wait,
            } => {
                if attempt + 1 >= attempts {
                    return None;
                }
                let backoff = base.saturating_mul(2u32.saturating_pow(attempt));
                let wait = asked.map_or(backoff, |a| a.max(backoff));
                (wait <= max_wait).then_some(wait)
            }
        }
    }
}

/// The longest wait a usage header may ask for (a day); Meta's real figures are minutes.
const MAX_REGAIN_SECS: f64 = 24.0 * 3600.0;

/// The latest usage figures Meta reported, so callers can pace polling.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Usage {
    /// Highest of call_count / total_cputime / total_time, in percent.
    pub business_use_case_pct: Option<f64>,
    pub app_pct: Option<f64>,
    /// `estimated_time_to_regain_access`, minutes.
    pub regain_access_minutes: Option<f64>,
}

impl Usage {
    pub fn from_headers(h: &HeaderMap) -> Option<Self> {
        let buc = h
            .get("x-business-use-case-usage")
            .and_then(|v| v.to_str().ok());
        let app = h.get("x-app-usage").and_then(|v| v.to_str().ok());
        if buc.is_none() && app.is_none() {
            return None;
        }
        let mut u = Usage::default();
        let header: Option<BusinessUseCaseHeader> = buc.and_then(|b| serde_json::from_str(b).ok());
        for e in header.iter().flat_map(|m| m.values()).flatten() {
            u.business_use_case_pct = max_opt(u.business_use_case_pct, e.peak());
            let regain = e.estimated_time_to_regain_access.filter(|m| *m > 0.0);
            u.regain_access_minutes = max_opt(u.regain_access_minutes, regain);
        }
        u.app_pct = app
            .and_then(|a| serde_json::from_str::<AppUsage>(a).ok())
            .and_then(|a| a.peak());
        Some(u)
    }

    /// The wait Meta asked for, from `estimated_time_to_regain_access`, clamped to a day: a
    /// header is input from the network (a huge, negative or NaN value never panics).
    pub fn regain_wait(&self) -> Option<Duration> {
        self.regain_access_minutes
            .filter(|m| m.is_finite() && *m > 0.0)
            .map(|m| Duration::from_secs_f64((m * 60.0).min(MAX_REGAIN_SECS)))
    }

    /// Highest usage percentage reported.
    pub fn peak_pct(&self) -> f64 {
        self.business_use_case_pct
            .unwrap_or(0.0)
            .max(self.app_pct.unwrap_or(0.0))
    }
}

fn max_opt(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// `Retry-After: <seconds>`.
pub fn retry_after(h: &HeaderMap) -> Option<Duration> {
    h.get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_or_broken_regain_header_never_panics() {
        for m in [1e300, f64::MAX, f64::INFINITY, f64::NAN, -5.0, 0.0] {
            let u = Usage {
                regain_access_minutes: Some(m),
                ..Default::default()
            };
            let w = u.regain_wait();
            assert!(
                w.is_none_or(|w| w <= Duration::from_secs(86_400)),
                "{m}: {w:?}"
            );
        }
        let mut h = HeaderMap::new();
        h.insert(
            "x-business-use-case-usage",
            r#"{"1":[{"call_count":100,"estimated_time_to_regain_access":1e308}]}"#
                .parse()
                .unwrap(),
        );
        let u = Usage::from_headers(&h).unwrap();
        assert_eq!(u.regain_wait(), Some(Duration::from_secs(86_400)));
    }

    #[test]
    fn backoff_doubles_and_honours_the_servers_hint() {
        let p = RetryPolicy::Backoff {
            attempts: 4,
            base: Duration::from_millis(100),
            max_wait: Duration::from_secs(5),
        };
        assert_eq!(p.delay(0, None), Some(Duration::from_millis(100)));
        assert_eq!(p.delay(1, None), Some(Duration::from_millis(200)));
        assert_eq!(
            p.delay(0, Some(Duration::from_secs(2))),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            p.delay(0, Some(Duration::from_secs(600))),
            None,
            "too long to sleep through"
        );
        assert_eq!(p.delay(3, None), None, "out of attempts");
        assert_eq!(RetryPolicy::Never.delay(0, None), None);
    }

    #[test]
    fn usage_headers_are_read() {
        let mut h = HeaderMap::new();
        h.insert(
            "x-business-use-case-usage",
            r#"{"123":[{"type":"whatsapp_business_management","call_count":85,"total_cputime":10,"total_time":12,"estimated_time_to_regain_access":3}]}"#.parse().unwrap(),
        );
        h.insert(
            "x-app-usage",
            r#"{"call_count":5,"total_time":1,"total_cputime":1}"#
                .parse()
                .unwrap(),
        );
        let u = Usage::from_headers(&h).unwrap();
        assert_eq!(u.business_use_case_pct, Some(85.0));
        assert_eq!(u.app_pct, Some(5.0));
        assert_eq!(u.regain_wait(), Some(Duration::from_secs(180)));
        assert_eq!(u.peak_pct(), 85.0);
    }

    #[test]
    fn garbage_usage_headers_are_ignored() {
        let mut h = HeaderMap::new();
        h.insert("x-business-use-case-usage", "not json".parse().unwrap());
        let u = Usage::from_headers(&h).unwrap();
        assert_eq!(u, Usage::default());
    }
}
