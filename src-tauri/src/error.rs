//! What the UI receives when a command fails: `{code, message, details}` (style.md §3). The UI
//! maps `code` to a sentence from `ui/i18n/*.json`; `message` is a technical English line for
//! support; `details` carries Meta's code, subcode and trace id. None of them ever holds a token.

use crate::graph::{GraphError, TransportKind};
use crate::removal::backup::BackupError;
use crate::removal::JourneyError;
use crate::vault::{TokenFormatError, VaultError};
use serde::Serialize;
use serde_json::{json, Value};

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CommandError {
    pub code: String,
    pub message: String,
    pub details: Value,
}

impl CommandError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
            details: json!({}),
        }
    }
    pub fn with(mut self, details: Value) -> Self {
        self.details = details;
        self
    }
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

/// Meta codes of the reference's error table (§6) that have their own sentence in the UI.
pub const KNOWN_META_CODES: &[i64] = &[
    1, 2, 4, 10, 17, 100, 102, 190, 200, 341, 368, 613, 803, 80007, 80008, 131000, 131031, 133000,
    133004, 133005, 133006, 133009, 133010, 133015, 133016,
];

impl From<GraphError> for CommandError {
    fn from(e: GraphError) -> Self {
        match &e {
            GraphError::Meta(m) => {
                let code = if KNOWN_META_CODES.contains(&m.code) {
                    format!("meta.{}", m.code)
                } else if (200..=299).contains(&m.code) {
                    "meta.200".to_owned()
                } else {
                    "meta.unknown".to_owned()
                };
                CommandError::new(&code, e.to_string()).with(json!({
                    "meta_code": m.code, "subcode": m.subcode, "trace_id": m.trace_id,
                    "meta_message": m.user_msg.clone().unwrap_or_else(|| m.message.clone()),
                    "details": m.details, "retry_after_secs": m.retry_after.map(|d| d.as_secs()),
                }))
            }
            GraphError::Transport { kind, .. } => {
                let code = match kind {
                    TransportKind::Connect => "network.connect",
                    TransportKind::Timeout => "network.timeout",
                    TransportKind::Interrupted => "network.interrupted",
                    TransportKind::Other => "network.other",
                };
                CommandError::new(code, e.to_string())
            }
            GraphError::Unexpected {
                status, trace_id, ..
            } => CommandError::new("graph.unexpected", e.to_string())
                .with(json!({"http_status": status, "trace_id": trace_id})),
            GraphError::Config(m) => CommandError::new("graph.config", m.clone()),
            GraphError::ForeignLink => CommandError::new("graph.foreign_link", e.to_string()),
        }
    }
}

impl From<TokenFormatError> for CommandError {
    fn from(e: TokenFormatError) -> Self {
        let code = match e {
            TokenFormatError::Empty => "token.empty",
            TokenFormatError::Whitespace => "token.whitespace",
            TokenFormatError::TooLong => "token.too_long",
            TokenFormatError::BadCharacters => "token.bad_characters",
        };
        CommandError::new(code, e.to_string())
    }
}

impl From<VaultError> for CommandError {
    fn from(e: VaultError) -> Self {
        let code = match e {
            VaultError::Locked => "vault.locked",
            VaultError::Unavailable(_) => "vault.unavailable",
            VaultError::Damaged => "vault.damaged",
            VaultError::NoSupportedStore => "vault.unsupported",
            VaultError::Other(_) => "vault.other",
        };
        CommandError::new(code, e.to_string())
    }
}

impl From<BackupError> for CommandError {
    fn from(e: BackupError) -> Self {
        match e {
            BackupError::Graph(g) => g.into(),
            BackupError::Io(io) => CommandError::new("backup.io", io.to_string()),
            BackupError::NotWhole(m) => CommandError::new("backup.not_whole", m),
        }
    }
}

impl From<JourneyError> for CommandError {
    fn from(e: JourneyError) -> Self {
        let msg = e.to_string();
        match e {
            JourneyError::Graph(g) => g.into(),
            JourneyError::Backup(b) => b.into(),
            JourneyError::WrongStage { actual } => {
                CommandError::new("journey.wrong_stage", msg).with(json!({"stage": actual}))
            }
            JourneyError::ConfirmationMismatch => {
                CommandError::new("journey.confirmation_mismatch", msg)
            }
            JourneyError::LossNotAcknowledged => {
                CommandError::new("journey.loss_not_acknowledged", msg)
            }
            JourneyError::Blocked(ids) => {
                CommandError::new("journey.blocked", msg).with(json!({"checks": ids}))
            }
            JourneyError::ChecksMissing => CommandError::new("journey.checks_missing", msg),
            JourneyError::Journal(_) => CommandError::new("journal.io", msg),
            JourneyError::DeregisterBlocked { until, trace_id } => {
                CommandError::new("meta.133016", msg)
                    .with(json!({"meta_code": 133016, "until": until, "trace_id": trace_id}))
            }
            JourneyError::Refused(r) => {
                CommandError::new(&format!("practice.{}", r.reason.as_str()), msg)
                    .with(json!({"available_from": r.available_from, "meta_message": r.message}))
            }
            JourneyError::NumbersRemain(n) => {
                CommandError::new("journey.numbers_remain", msg).with(json!({"numbers": n}))
            }
            JourneyError::NotPractice => CommandError::new("journey.not_practice", msg),
            JourneyError::Cancelled => CommandError::new("journey.cancelled", msg),
        }
    }
}

pub type CmdResult<T> = Result<T, CommandError>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::MetaError;

    fn meta(code: i64) -> GraphError {
        GraphError::Meta(Box::new(MetaError {
            code,
            subcode: Some(463),
            message: "m".into(),
            user_title: None,
            user_msg: Some("Sessão expirada".into()),
            details: None,
            trace_id: Some("AbC".into()),
            is_transient: None,
            http_status: 400,
            retry_after: None,
        }))
    }

    #[test]
    fn meta_errors_reach_the_ui_with_code_and_trace() {
        let e: CommandError = meta(190).into();
        assert_eq!(e.code, "meta.190");
        assert_eq!(e.details["trace_id"], "AbC");
        assert_eq!(e.details["subcode"], 463);
        let v = serde_json::to_value(&e).unwrap();
        assert!(
            v.get("code").is_some() && v.get("message").is_some() && v.get("details").is_some()
        );
        assert_eq!(CommandError::from(meta(4242)).code, "meta.unknown");
        assert_eq!(CommandError::from(meta(201)).code, "meta.200");
    }

    fn has_key(json: &str, key: &str) -> bool {
        let v: serde_json::Value = serde_json::from_str(json).expect("locale is JSON");
        key.split('.')
            .try_fold(&v, |v, k| v.get(k))
            .is_some_and(serde_json::Value::is_string)
    }

    /// Every code a command can return has a sentence in both languages (issue 4: "every Meta
    /// code of the reference's error table has a sentence in both languages").
    #[test]
    fn every_error_code_has_a_sentence_in_both_languages() {
        let locales = [
            include_str!("../../ui/i18n/pt-BR.json"),
            include_str!("../../ui/i18n/en.json"),
        ];
        let mut codes: Vec<String> = KNOWN_META_CODES
            .iter()
            .map(|c| format!("meta.{c}"))
            .collect();
        codes.extend(
            [
                "meta.unknown",
                "token.empty",
                "token.whitespace",
                "token.too_long",
                "token.bad_characters",
                "vault.locked",
                "vault.unavailable",
                "vault.damaged",
                "vault.unsupported",
                "vault.other",
                "network.connect",
                "network.timeout",
                "network.interrupted",
                "network.other",
                "graph.unexpected",
                "graph.config",
                "graph.foreign_link",
                "journey.wrong_stage",
                "journey.confirmation_mismatch",
                "journey.loss_not_acknowledged",
                "journey.blocked",
                "journey.checks_missing",
                "journey.numbers_remain",
                "journey.not_practice",
                "journey.cancelled",
                "journey.none",
                "backup.io",
                "backup.not_whole",
                "journal.io",
                "connection.none",
                "settings.io",
                "link.refused",
                "link.failed",
                "file.io",
                "practice.start",
                "internal",
            ]
            .map(str::to_owned),
        );
        for r in [
            "not_admin",
            "paid_message_recently",
            "numbers_remain",
            "already_gone",
            "not_found",
        ] {
            codes.push(format!("practice.{r}"));
        }
        for locale in locales {
            for code in &codes {
                assert!(
                    has_key(locale, &format!("errors.{code}")),
                    "no sentence for {code}"
                );
            }
        }
    }

    #[test]
    fn every_known_meta_code_keeps_its_own_code() {
        for c in KNOWN_META_CODES {
            assert_eq!(CommandError::from(meta(*c)).code, format!("meta.{c}"));
        }
    }
}
