//! Graph errors, classified by Meta's `code` (`docs/meta-rules.md` §6), never by HTTP status or text.

use super::redact::scrub;
use super::wire::ErrorBody;
use serde::Serialize;
use std::time::Duration;

/// What the error table of `docs/meta-rules.md` §6 says to do about a Meta code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorClass {
    /// 1, 2: unknown/temporary service error: reads retry with backoff.
    Temporary,
    /// 4, 17, 341, 613, 80007, 80008: rate limits: wait, then retry reads.
    RateLimited,
    /// 10, 200-299: a permission or the asset is missing.
    Permission,
    /// 100: invalid parameter, also "object does not exist".
    InvalidOrMissing,
    /// 803: the object was deleted.
    Deleted,
    /// 102, 190: the token is invalid or expired.
    TokenInvalid,
    /// 368: temporarily blocked for policy.
    PolicyBlock,
    /// 131000: something went wrong; one manual retry at most.
    SomethingWrong,
    /// 131031: business account locked.
    AccountLocked,
    /// 133000: a previous deregister did not finish.
    DeregisterIncomplete,
    /// 133004: registration server unavailable.
    RegistrationUnavailable,
    /// 133005, 133006, 133009, 133010, 133015: PIN / verification / pacing problems.
    Registration,
    /// 133016: too many register/deregister calls, blocked 72 h.
    DeregisterBudget,
    /// 2388001, 2388012, 2388091, 2388093, 2388103: a migration between partners or WABAs refused
    /// (`docs/meta-rules.md` §13).
    Migration,
    Unknown,
}

/// Meta's codes of the error table (`docs/meta-rules.md`, errors) and what each means. The one
/// place the app knows them: the classifier, the UI's sentences and their test all read it.
pub const CODE_TABLE: &[(i64, ErrorClass)] = &[
    (1, ErrorClass::Temporary),
    (2, ErrorClass::Temporary),
    (4, ErrorClass::RateLimited),
    (17, ErrorClass::RateLimited),
    (341, ErrorClass::RateLimited),
    (613, ErrorClass::RateLimited),
    (80007, ErrorClass::RateLimited),
    (80008, ErrorClass::RateLimited),
    (10, ErrorClass::Permission),
    (200, ErrorClass::Permission),
    (100, ErrorClass::InvalidOrMissing),
    (803, ErrorClass::Deleted),
    (102, ErrorClass::TokenInvalid),
    (190, ErrorClass::TokenInvalid),
    (368, ErrorClass::PolicyBlock),
    (131000, ErrorClass::SomethingWrong),
    (131031, ErrorClass::AccountLocked),
    (133000, ErrorClass::DeregisterIncomplete),
    (133004, ErrorClass::RegistrationUnavailable),
    (133005, ErrorClass::Registration),
    (133006, ErrorClass::Registration),
    (133009, ErrorClass::Registration),
    (133010, ErrorClass::Registration),
    (133015, ErrorClass::Registration),
    (133016, ErrorClass::DeregisterBudget),
    (2388001, ErrorClass::Migration),
    (2388012, ErrorClass::Migration),
    (2388091, ErrorClass::Migration),
    (2388093, ErrorClass::Migration),
    (2388103, ErrorClass::Migration),
];

/// Meta's codes the app's rules name, by name (each is also a row of [`CODE_TABLE`]).
pub mod codes {
    /// Invalid parameter; also "does not exist or missing permissions": proves nothing alone.
    pub const INVALID_PARAMETER: i64 = 100;
    /// Subcode of 100 on a deregister: the number is not registered on the Cloud API.
    pub const NOT_REGISTERED_SUBCODE: i64 = 2207051;
    /// The object was deleted: Meta's proof of a deletion.
    pub const DELETED: i64 = 803;
    /// Too many register/deregister calls for the number: blocked for 72 h.
    pub const REGISTRATION_BUDGET: i64 = 133016;
}

/// The code of the table that speaks for `code` (200-299 share 200's), if any.
pub fn table_code(code: i64) -> Option<i64> {
    if (200..=299).contains(&code) {
        return Some(200);
    }
    CODE_TABLE.iter().any(|(c, _)| *c == code).then_some(code)
}

impl ErrorClass {
    pub fn of(code: i64) -> Self {
        table_code(code)
            .and_then(|c| CODE_TABLE.iter().find(|(k, _)| *k == c))
            .map_or(Self::Unknown, |(_, class)| *class)
    }

    /// Whether a read may be retried automatically (`docs/meta-rules.md` §6, "retry reads").
    pub fn retryable_read(self) -> bool {
        matches!(self, Self::Temporary | Self::RateLimited)
    }
}

/// Meta's error, with everything support needs and nothing of the request.
#[derive(Debug, Clone, Serialize)]
pub struct MetaError {
    pub code: i64,
    pub subcode: Option<i64>,
    pub message: String,
    pub user_title: Option<String>,
    pub user_msg: Option<String>,
    pub details: Option<String>,
    pub trace_id: Option<String>,
    pub is_transient: Option<bool>,
    pub http_status: u16,
    /// How long Meta asked us to wait (Retry-After or estimated_time_to_regain_access).
    #[serde(skip_serializing_if = "Option::is_none", with = "opt_secs")]
    pub retry_after: Option<Duration>,
}

impl MetaError {
    pub fn from_body(body: ErrorBody, http_status: u16, trace_header: Option<String>) -> Self {
        Self {
            code: body.code.unwrap_or(0),
            subcode: body.error_subcode,
            message: scrub(&body.message.unwrap_or_default()),
            user_title: body.error_user_title.as_deref().map(scrub),
            user_msg: body.error_user_msg.as_deref().map(scrub),
            details: body
                .error_data
                .and_then(|d| d.details)
                .as_deref()
                .map(scrub),
            trace_id: body.fbtrace_id.or(trace_header),
            is_transient: body.is_transient,
            http_status,
            retry_after: None,
        }
    }

    pub fn class(&self) -> ErrorClass {
        ErrorClass::of(self.code)
    }

    /// After a manual deletion, "does not exist" (100) or "deleted" (803) is the success signal.
    pub fn says_object_is_gone(&self) -> bool {
        matches!(self.code, 100 | 803)
    }
}

mod opt_secs {
    use serde::Serializer;
    use std::time::Duration;
    pub fn serialize<S: Serializer>(d: &Option<Duration>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_u64(d.as_secs()),
            None => s.serialize_none(),
        }
    }
}

/// A dropped or failed exchange, before any Meta answer was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TransportKind {
    Connect,
    Timeout,
    /// The connection broke while the answer was being read.
    Interrupted,
    Other,
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum GraphError {
    #[error("Meta answered with error {} ({}){}", .0.code, .0.message, trace_suffix(&.0.trace_id))]
    Meta(Box<MetaError>),
    #[error("could not reach the server ({kind:?}): {detail}")]
    Transport { kind: TransportKind, detail: String },
    /// An answer that is neither the expected JSON nor Meta's error envelope (an HTML 502 from a
    /// proxy, an empty body, truncated JSON).
    #[error("unexpected answer (HTTP {status}): {snippet}")]
    Unexpected {
        status: u16,
        snippet: String,
        trace_id: Option<String>,
    },
    #[error("invalid Graph settings: {0}")]
    Config(String),
    /// A paging link that points away from the configured Graph host is never followed (it would
    /// carry the token elsewhere).
    #[error("refused to follow a paging link to another host")]
    ForeignLink,
    /// The app's own hourly cap on calls is reached (Meta allows about 200 per hour): nothing
    /// was sent.
    #[error("the app's hourly call budget is used up; next call possible in {retry_in:?}")]
    LocalBudget { retry_in: Duration },
    /// An answer larger than the client reads.
    #[error("the answer was larger than {max} bytes and was not read")]
    TooLarge { max: usize },
    /// Paging that does not end (a repeated cursor or `next`, or more pages than any edge has).
    #[error("paging did not end: {0}")]
    EndlessPaging(&'static str),
    /// Meta no longer serves a field the read cannot do without (`docs/meta-rules.md` §15).
    #[error("Meta no longer serves the field {field} (node {node:?}), which this read needs")]
    FieldRetired { field: String, node: Option<String> },
}

/// What an odd answer looked like, without a byte of its content: a body may echo a request
/// (and with it a token), so error text says only its shape and size.
pub fn describe_body(body: &[u8]) -> String {
    let trimmed = body.trim_ascii_start();
    let kind = if body.is_empty() {
        return "(empty answer)".into();
    } else if trimmed.starts_with(b"<") {
        "an HTML or XML page"
    } else if trimmed.starts_with(b"{") || trimmed.starts_with(b"[") {
        if serde_json::from_slice::<serde_json::Value>(body).is_ok() {
            "JSON without the expected fields"
        } else {
            "JSON that is cut short or damaged"
        }
    } else if std::str::from_utf8(body).is_ok() {
        "plain text"
    } else {
        "binary data"
    };
    format!("{kind}, {} bytes", body.len())
}

fn trace_suffix(t: &Option<String>) -> String {
    t.as_ref()
        .map(|t| format!(" [trace {t}]"))
        .unwrap_or_default()
}

impl GraphError {
    pub fn meta(&self) -> Option<&MetaError> {
        match self {
            GraphError::Meta(m) => Some(m),
            _ => None,
        }
    }

    pub fn code(&self) -> Option<i64> {
        self.meta().map(|m| m.code)
    }

    pub fn trace_id(&self) -> Option<&str> {
        match self {
            GraphError::Meta(m) => m.trace_id.as_deref(),
            GraphError::Unexpected { trace_id, .. } => trace_id.as_deref(),
            _ => None,
        }
    }

    /// Whether a read may be retried: retryable Meta codes, transport faults, and non-envelope
    /// 5xx answers (a proxy's 502). Writes are never retried, whatever this says.
    pub fn retryable_read(&self) -> bool {
        match self {
            GraphError::Meta(m) => m.class().retryable_read(),
            GraphError::Transport { .. } => true,
            GraphError::Unexpected { status, .. } => *status >= 500,
            GraphError::LocalBudget { .. } => false,
            _ => false,
        }
    }

    /// After a write: the request may have reached Meta and been applied though no answer came
    /// (a connection refused never carried it). Such a write is settled by reading, never resent
    /// on a guess.
    ///
    /// Meta's own answer counts as "nothing applied" only when it plainly refuses (a parameter,
    /// a permission, a limit): an unknown or temporary error (codes 1, 2, 131000, `is_transient`,
    /// an HTTP 5xx) may come after the change was made (`docs/meta-rules.md` §5).
    pub fn write_outcome_unknown(&self) -> bool {
        match self {
            GraphError::Meta(m) => match ErrorClass::of(m.code) {
                // A limit or a plain refusal: Meta did not apply it.
                ErrorClass::RateLimited
                | ErrorClass::DeregisterBudget
                | ErrorClass::Permission
                | ErrorClass::InvalidOrMissing
                | ErrorClass::Deleted
                | ErrorClass::TokenInvalid => false,
                ErrorClass::Temporary | ErrorClass::SomethingWrong => true,
                _ => m.is_transient == Some(true) || m.http_status >= 500,
            },
            GraphError::Transport { kind, .. } => *kind != TransportKind::Connect,
            GraphError::Unexpected { status, .. } => *status >= 500,
            GraphError::TooLarge { .. } => true,
            _ => false,
        }
    }

    pub fn is_gone(&self) -> bool {
        self.meta().is_some_and(MetaError::says_object_is_gone)
    }

    pub(crate) fn from_reqwest(e: reqwest::Error) -> Self {
        let kind = if e.is_timeout() {
            TransportKind::Timeout
        } else if e.is_connect() {
            TransportKind::Connect
        } else if e.is_body() || e.is_decode() || e.is_request() {
            TransportKind::Interrupted
        } else {
            TransportKind::Other
        };
        // Strip the URL: it carries no token (the token travels in a header), but keep errors short.
        GraphError::Transport {
            kind,
            detail: e.without_url().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_of_the_reference_table_is_classified() {
        let table: &[(i64, ErrorClass)] = &[
            (1, ErrorClass::Temporary),
            (2, ErrorClass::Temporary),
            (4, ErrorClass::RateLimited),
            (17, ErrorClass::RateLimited),
            (341, ErrorClass::RateLimited),
            (613, ErrorClass::RateLimited),
            (80007, ErrorClass::RateLimited),
            (80008, ErrorClass::RateLimited),
            (10, ErrorClass::Permission),
            (200, ErrorClass::Permission),
            (299, ErrorClass::Permission),
            (100, ErrorClass::InvalidOrMissing),
            (803, ErrorClass::Deleted),
            (102, ErrorClass::TokenInvalid),
            (190, ErrorClass::TokenInvalid),
            (368, ErrorClass::PolicyBlock),
            (131000, ErrorClass::SomethingWrong),
            (131031, ErrorClass::AccountLocked),
            (133000, ErrorClass::DeregisterIncomplete),
            (133004, ErrorClass::RegistrationUnavailable),
            (133005, ErrorClass::Registration),
            (133006, ErrorClass::Registration),
            (133009, ErrorClass::Registration),
            (133010, ErrorClass::Registration),
            (133015, ErrorClass::Registration),
            (133016, ErrorClass::DeregisterBudget),
            (2388001, ErrorClass::Migration),
            (2388103, ErrorClass::Migration),
            (424242, ErrorClass::Unknown),
        ];
        for (code, class) in table {
            assert_eq!(ErrorClass::of(*code), *class, "code {code}");
        }
    }

    #[test]
    fn only_temporary_and_rate_limits_retry() {
        assert!(ErrorClass::of(2).retryable_read());
        assert!(ErrorClass::of(80008).retryable_read());
        assert!(!ErrorClass::of(190).retryable_read());
        assert!(!ErrorClass::of(133016).retryable_read());
        assert!(!ErrorClass::of(131000).retryable_read());
    }
}

#[cfg(test)]
mod named_codes {
    /// Every code the rules name by name is a row of Meta's table.
    #[test]
    fn the_named_codes_are_in_the_table() {
        for c in [super::codes::INVALID_PARAMETER, super::codes::DELETED] {
            assert!(super::CODE_TABLE.iter().any(|(k, _)| *k == c), "{c}");
        }
    }
}
