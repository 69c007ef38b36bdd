//! Fault injection: latency, 5xx, reset, timeout, rate limits, token and permission
//! errors, deleted objects. Each rule matches a method and a path fragment, a number of times.

use serde::{Deserialize, Serialize};
use std::time::Duration;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Fault {
    /// Wait this long, then answer normally.
    Latency { ms: u64 },
    /// A proxy's HTML error page with this status (not Meta's envelope).
    HtmlStatus { status: u16 },
    /// Meta's envelope with any code.
    Meta {
        http: u16,
        code: i64,
        subcode: Option<i64>,
        message: String,
        transient: Option<bool>,
    },
    /// Rate limit (4 / 17 / 80007 / 80008) with usage headers and `Retry-After`.
    RateLimit { code: i64, regain_minutes: u32 },
    /// The connection drops while the answer is read.
    Reset,
    /// The request is carried out (a write changes the world), then the connection drops
    /// before the answer: the client cannot know whether it happened.
    AppliedThenReset,
    /// A normal answer whose usage header asks to wait (`estimated_time_to_regain_access`).
    RegainOnSuccess { minutes: u32 },
    /// Never answers within the client's timeout.
    Hang { ms: u64 },
    /// `200` with half a JSON document.
    Truncated,
    /// `200` with an empty body.
    Empty,
    /// Any status and bytes (property tests feed arbitrary answers).
    Raw { status: u16, body: Vec<u8> },
}

impl Fault {
    pub fn expired_token() -> Self {
        Fault::Meta {
            http: 400,
            code: 190,
            subcode: Some(463),
            message: "Error validating access token: Session has expired".into(),
            transient: Some(false),
        }
    }
    pub fn missing_permission() -> Self {
        Fault::Meta {
            http: 403,
            code: 200,
            subcode: None,
            message: "(#200) Requires whatsapp_business_management permission to manage the object"
                .into(),
            transient: Some(false),
        }
    }
    pub fn temporary() -> Self {
        Fault::Meta {
            http: 500,
            code: 2,
            subcode: None,
            message: "An unexpected error has occurred. Please retry your request later.".into(),
            transient: Some(true),
        }
    }
    /// 803 as Meta sends it: HTTP 404 (the envelope's type is `GraphMethodException`).
    pub fn deleted_object() -> Self {
        Fault::Meta {
            http: 404,
            code: 803,
            subcode: None,
            message: "(#803) Some of the aliases you requested do not exist".into(),
            transient: Some(false),
        }
    }
    pub fn code(code: i64) -> Self {
        Fault::Meta {
            http: 400,
            code,
            subcode: None,
            message: format!("(#{code}) injected by the practice sandbox"),
            transient: None,
        }
    }
}

/// A fault for matching requests, `times` times (`None`: every time).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FaultRule {
    /// `GET`, `POST`, `DELETE`; `None` matches all.
    pub method: Option<String>,
    /// A fragment of the path (after the version), e.g. `/deregister`; `None` matches all.
    pub path_contains: Option<String>,
    pub fault: Fault,
    pub times: Option<u32>,
}

impl FaultRule {
    pub fn once(method: Option<&str>, path: Option<&str>, fault: Fault) -> Self {
        Self {
            method: method.map(str::to_owned),
            path_contains: path.map(str::to_owned),
            fault,
            times: Some(1),
        }
    }
    pub fn always(method: Option<&str>, path: Option<&str>, fault: Fault) -> Self {
        Self {
            times: None,
            ..Self::once(method, path, fault)
        }
    }
    pub fn times(mut self, n: u32) -> Self {
        self.times = Some(n);
        self
    }

    pub(crate) fn matches(&self, method: &str, path: &str) -> bool {
        self.times != Some(0)
            && self
                .method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method))
            && self
                .path_contains
                .as_deref()
                .is_none_or(|p| path.contains(p))
    }
}

/// The first matching rule's fault, counting one use.
pub(crate) fn take(rules: &mut [FaultRule], method: &str, path: &str) -> Option<Fault> {
    let r = rules.iter_mut().find(|r| r.matches(method, path))?;
    if let Some(t) = r.times.as_mut() {
        *t -= 1;
    }
    Some(r.fault.clone())
}

pub(crate) fn latency(ms: u64) -> Duration {
    Duration::from_millis(ms)
}
