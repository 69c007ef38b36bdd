//! What the UI receives when a command fails: `{code, message, details}`. `code` is one
//! [`ErrorCode`], which the UI turns into a sentence from `ui/i18n/*.json` (a test holds every
//! code to a sentence in both languages); `message` is a technical English line for support;
//! `details` carries Meta's code, subcode and trace id. None of them ever holds a token.

use serde_json::json;
use waba_core::graph::{GraphError, TransportKind};
use waba_core::removal::JourneyError;
use waba_core::steps::backup::BackupError;
use waba_core::vault::{TokenFormatError, VaultError};

mod code;
mod release;
mod restore;
pub use code::{CommandError, ErrorCode};
pub use restore::restore_error;

impl From<&GraphError> for CommandError {
    fn from(e: &GraphError) -> Self {
        let msg = e.to_string();
        match e {
            GraphError::Meta(m) => CommandError::new(ErrorCode::of_meta(m.code), msg).with(json!({
                "meta_code": m.code, "subcode": m.subcode, "trace_id": m.trace_id,
                "meta_message": m.user_msg.clone().unwrap_or_else(|| m.message.clone()),
                "details": m.details, "retry_after_secs": m.retry_after.map(|d| d.as_secs()),
            })),
            GraphError::Transport { kind, .. } => CommandError::new(
                match kind {
                    TransportKind::Connect => ErrorCode::NetworkConnect,
                    TransportKind::Timeout => ErrorCode::NetworkTimeout,
                    TransportKind::Interrupted => ErrorCode::NetworkInterrupted,
                    TransportKind::Other => ErrorCode::NetworkOther,
                },
                msg,
            ),
            GraphError::Unexpected {
                status, trace_id, ..
            } => CommandError::new(ErrorCode::GraphUnexpected, msg)
                .with(json!({"http_status": status, "trace_id": trace_id})),
            GraphError::Config(_) => CommandError::new(ErrorCode::GraphConfig, msg),
            GraphError::ForeignLink => CommandError::new(ErrorCode::GraphForeignLink, msg),
            GraphError::LocalBudget { retry_in } => {
                CommandError::new(ErrorCode::GraphLocalBudget, msg)
                    .with(json!({"retry_after_secs": retry_in.as_secs(), "minutes": retry_in.as_secs().div_ceil(60)}))
            }
            GraphError::TooLarge { .. } => CommandError::new(ErrorCode::GraphTooLarge, msg),
            GraphError::EndlessPaging(_) => CommandError::new(ErrorCode::GraphEndlessPaging, msg),
            GraphError::FieldRetired { field, node } => {
                CommandError::new(ErrorCode::GraphFieldRetired, msg)
                    .with(json!({"field": field, "node": node}))
            }
        }
    }
}

impl From<GraphError> for CommandError {
    fn from(e: GraphError) -> Self {
        (&e).into()
    }
}

impl From<TokenFormatError> for CommandError {
    fn from(e: TokenFormatError) -> Self {
        let code = match e {
            TokenFormatError::Empty => ErrorCode::TokenEmpty,
            TokenFormatError::Whitespace => ErrorCode::TokenWhitespace,
            TokenFormatError::TooLong => ErrorCode::TokenTooLong,
            TokenFormatError::BadCharacters => ErrorCode::TokenBadCharacters,
        };
        CommandError::new(code, e.to_string())
    }
}

impl From<VaultError> for CommandError {
    fn from(e: VaultError) -> Self {
        let code = match e {
            VaultError::Locked => ErrorCode::VaultLocked,
            VaultError::Unavailable(_) => ErrorCode::VaultUnavailable,
            VaultError::Damaged => ErrorCode::VaultDamaged,
            VaultError::NoSupportedStore => ErrorCode::VaultUnsupported,
            VaultError::Other(_) => ErrorCode::VaultOther,
        };
        CommandError::new(code, e.to_string())
    }
}

impl From<&BackupError> for CommandError {
    fn from(e: &BackupError) -> Self {
        match e {
            BackupError::Graph(g) => g.into(),
            BackupError::Io(io) => CommandError::new(ErrorCode::BackupIo, io.to_string()),
            BackupError::NotWhole(m) => CommandError::new(ErrorCode::BackupNotWhole, m.clone()),
        }
    }
}

impl From<&JourneyError> for CommandError {
    fn from(e: &JourneyError) -> Self {
        use ErrorCode as C;
        let msg = e.to_string();
        let plain = |c| CommandError::new(c, msg.clone());
        match e {
            JourneyError::Graph(g) => g.into(),
            JourneyError::Backup(b) => b.into(),
            JourneyError::WrongStage { actual } => {
                plain(C::JourneyWrongStage).with(json!({"stage": actual}))
            }
            JourneyError::ConfirmationMismatch => plain(C::JourneyConfirmationMismatch),
            JourneyError::LossNotAcknowledged => plain(C::JourneyLossNotAcknowledged),
            JourneyError::Blocked(ids) => plain(C::JourneyBlocked).with(json!({"checks": ids})),
            JourneyError::ChecksMissing => plain(C::JourneyChecksMissing),
            JourneyError::Journal(_) => plain(C::JournalIo),
            JourneyError::DeregisterBlocked { until, trace_id } => plain(C::Meta(133016))
                .with(json!({"meta_code": 133016, "until": until, "trace_id": trace_id})),
            JourneyError::DeregisterUnknown { trace_id } => {
                plain(C::JourneyDeregisterUnknown).with(json!({"trace_id": trace_id}))
            }
            JourneyError::Refused(r) => plain(C::Practice(r.reason.clone()))
                .with(json!({"available_from": r.available_from, "meta_message": r.message})),
            JourneyError::NumbersRemain(n) => {
                plain(C::JourneyNumbersRemain).with(json!({"numbers": n}))
            }
            JourneyError::NotPractice => plain(C::JourneyNotPractice),
            JourneyError::Cancelled => plain(C::JourneyCancelled),
            JourneyError::CannotVerify { reason, source } => {
                let inner = CommandError::from(source);
                let mut d = inner.details;
                d["reason"] = json!(reason);
                d["meta_code"] = json!(source.code());
                d["trace_id"] = json!(source.trace_id());
                plain(C::JourneyCannotVerify).with(d)
            }
            JourneyError::OtherConnection(what) => {
                plain(C::JourneyOtherConnection).with(json!({"differs": what}))
            }
            JourneyError::UnknownId(_) => plain(C::JourneyUnknownId),
            JourneyError::NotOverridable(id) => {
                plain(C::JourneyNotOverridable).with(json!({"check": id}))
            }
            JourneyError::QuestionsUnanswered => plain(C::JourneyQuestionsUnanswered),
            JourneyError::Pin(waba_core::graph::PinError::Format) => plain(C::PinFormat),
            JourneyError::Pin(waba_core::graph::PinError::Mismatch) => plain(C::PinMismatch),
            JourneyError::PinCoexistence => plain(C::PinCoexistence),
            JourneyError::NumberBusy(holder) => plain(C::JourneyNumberBusy).with(json!({
                "program": holder.as_ref().map(|h| h.program),
                "step": holder.as_ref().map(|h| h.step),
                "pid": holder.as_ref().map(|h| h.pid),
                "since": holder.as_ref().map(|h| h.since),
            })),
            JourneyError::FileDamaged { path, .. } => {
                plain(C::JourneyFileDamaged).with(json!({"file": path.display().to_string()}))
            }
            JourneyError::RoadChanged { started } => {
                plain(C::ReleaseRoadChanged).with(json!({"started": started}))
            }
        }
    }
}

impl From<JourneyError> for CommandError {
    fn from(e: JourneyError) -> Self {
        (&e).into()
    }
}

pub type CmdResult<T> = Result<T, CommandError>;

#[cfg(test)]
mod tests;
