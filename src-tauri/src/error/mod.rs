//! What the UI receives when a command fails: `{code, message, details}`. `code` is one
//! [`ErrorCode`], which the UI turns into a sentence from `ui/i18n/*.json` (a test holds every
//! code to a sentence in both languages); `message` is a technical English line for support;
//! `details` carries Meta's code, subcode and trace id. None of them ever holds a token.

use serde::{Serialize, Serializer};
use serde_json::{json, Value};
use waba_core::graph::practice::RefusalReason;
use waba_core::graph::{table_code, GraphError, TransportKind, CODE_TABLE};
use waba_core::removal::JourneyError;
use waba_core::steps::backup::BackupError;
use waba_core::vault::{TokenFormatError, VaultError};

macro_rules! codes {
    ($($v:ident = $s:literal,)*) => {
        /// Every code the web view can receive.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum ErrorCode {
            /// A Meta code of the error table (`meta.190`…).
            Meta(i64),
            /// A practice screen's refusal (`practice.not_admin`…).
            Practice(RefusalReason),
            $($v,)*
        }

        impl ErrorCode {
            const PLAIN: &'static [(ErrorCode, &'static str)] = &[$((ErrorCode::$v, $s),)*];
        }
    };
}

codes! {
    MetaUnknown = "meta.unknown",
    TokenEmpty = "token.empty",
    TokenWhitespace = "token.whitespace",
    TokenTooLong = "token.too_long",
    TokenBadCharacters = "token.bad_characters",
    VaultLocked = "vault.locked",
    VaultUnavailable = "vault.unavailable",
    VaultDamaged = "vault.damaged",
    VaultUnsupported = "vault.unsupported",
    VaultOther = "vault.other",
    NetworkConnect = "network.connect",
    NetworkTimeout = "network.timeout",
    NetworkInterrupted = "network.interrupted",
    NetworkOther = "network.other",
    GraphUnexpected = "graph.unexpected",
    GraphConfig = "graph.config",
    GraphForeignLink = "graph.foreign_link",
    GraphLocalBudget = "graph.local_budget",
    GraphTooLarge = "graph.too_large",
    GraphEndlessPaging = "graph.endless_paging",
    GraphFieldRetired = "graph.field_retired",
    JourneyWrongStage = "journey.wrong_stage",
    JourneyConfirmationMismatch = "journey.confirmation_mismatch",
    JourneyLossNotAcknowledged = "journey.loss_not_acknowledged",
    JourneyBlocked = "journey.blocked",
    JourneyChecksMissing = "journey.checks_missing",
    JourneyNumbersRemain = "journey.numbers_remain",
    JourneyNotPractice = "journey.not_practice",
    JourneyCancelled = "journey.cancelled",
    JourneyNone = "journey.none",
    JourneyCannotVerify = "journey.cannot_verify",
    JourneyOtherConnection = "journey.other_connection",
    JourneyUnknownId = "journey.unknown_id",
    JourneyDeregisterUnknown = "journey.deregister_unknown",
    JourneyNotOverridable = "journey.not_overridable",
    JourneyQuestionsUnanswered = "journey.questions_unanswered",
    JourneyNumberBusy = "journey.number_busy",
    JourneyFileDamaged = "journey.file_damaged",
    ReleaseRoadChanged = "release.road_changed",
    PinFormat = "pin.format",
    PinMismatch = "pin.mismatch",
    PinCoexistence = "pin.coexistence",
    BackupIo = "backup.io",
    BackupNotWhole = "backup.not_whole",
    JournalIo = "journal.io",
    ConnectionNone = "connection.none",
    SettingsIo = "settings.io",
    LinkRefused = "link.refused",
    LinkFailed = "link.failed",
    FileIo = "file.io",
    FileNotSavedHere = "file.not_saved_here",
    PracticeStart = "practice.start",
    LoginNoAppId = "login.no_app_id",
    RestoreUnreadable = "restore.unreadable",
    RestoreNotABackup = "restore.not_a_backup",
    RestoreUnknownVersion = "restore.unknown_version",
    RestoreTruncated = "restore.truncated",
    RestoreBusy = "restore.busy",
    ReleaseBusy = "release.busy",
    ReleaseConfirmationMismatch = "release.confirmation_mismatch",
    ReleaseNotInAccount = "release.not_in_account",
    ReleaseNoNumbers = "release.no_numbers",
    ReleaseNotAProvider = "release.not_a_provider",
    RestoreNoFile = "restore.no_file",
    RestoreNoPreview = "restore.no_preview",
    RestoreStalePreview = "restore.stale_preview",
    RestoreUnfinished = "restore.unfinished",
    RestoreNothingToResume = "restore.nothing_to_resume",
    RestoreOtherConnection = "restore.other_connection",
    RestoreConfirmationMismatch = "restore.confirmation_mismatch",
    RestoreDestinationGone = "restore.destination_gone",
    RestoreMigrationNotOffered = "restore.migration_not_offered",
    RestoreIo = "restore.io",
    LoginWrongApp = "login.wrong_app",
    LoginNotUserToken = "login.not_user_token",
    LoginBusy = "login.busy",
    LoginDenied = "login.denied",
    LoginWrongState = "login.wrong_state",
    LoginNoToken = "login.no_token",
    LoginClosed = "login.closed",
    UpdateOff = "update.off",
    UpdateNone = "update.none",
    UpdateBusy = "update.busy",
    UpdateInstalling = "update.installing",
    UpdateSignature = "update.signature",
    UpdateNetwork = "update.network",
    UpdateFailed = "update.failed",
    Internal = "internal",
}

impl ErrorCode {
    /// Every code, for the i18n test.
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn all() -> Vec<ErrorCode> {
        let mut v: Vec<ErrorCode> = CODE_TABLE
            .iter()
            .map(|(c, _)| ErrorCode::Meta(*c))
            .collect();
        v.extend(
            RefusalReason::KNOWN
                .iter()
                .map(|r| ErrorCode::Practice(r.clone())),
        );
        v.extend(Self::PLAIN.iter().map(|(c, _)| c.clone()));
        v
    }

    pub fn as_string(&self) -> String {
        match self {
            ErrorCode::Meta(c) => format!("meta.{c}"),
            ErrorCode::Practice(r) => format!("practice.{}", r.as_str()),
            plain => Self::PLAIN
                .iter()
                .find(|(c, _)| c == plain)
                .map(|(_, s)| (*s).to_owned())
                .unwrap_or_default(),
        }
    }

    /// Meta's code as the UI's code: a code of the table, 200-299 as 200, else "unknown".
    pub fn of_meta(code: i64) -> Self {
        table_code(code).map_or(ErrorCode::MetaUnknown, ErrorCode::Meta)
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.as_string())
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CommandError {
    pub code: ErrorCode,
    pub message: String,
    pub details: Value,
}

impl CommandError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
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
        write!(f, "{}: {}", self.code.as_string(), self.message)
    }
}

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

mod release;
mod restore;
pub use restore::restore_error;

pub type CmdResult<T> = Result<T, CommandError>;

#[cfg(test)]
mod tests;
