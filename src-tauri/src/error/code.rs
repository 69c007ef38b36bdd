//! The codes the web view can receive and the error it receives (`{code, message, details}`):
//! each [`ErrorCode`] names one sentence of `ui/i18n/*.json` (a test holds every code to a
//! sentence in both languages).

use serde::{Serialize, Serializer};
use serde_json::{json, Value};
use waba_core::graph::practice::RefusalReason;
use waba_core::graph::{table_code, CODE_TABLE};

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
