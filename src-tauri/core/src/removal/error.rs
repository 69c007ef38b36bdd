//! What a journey step can answer instead of moving on.

use super::journal::Stage;
use super::poll::{PollError, Unverifiable};
use crate::graph::practice::ManualRefusal;
use crate::graph::GraphError;
use crate::steps::backup::BackupError;
use crate::steps::checks::CheckId;

#[derive(Debug, thiserror::Error)]
pub enum JourneyError {
    #[error(transparent)]
    Graph(#[from] GraphError),
    #[error("this action belongs to another step (the journey is at {actual:?})")]
    WrongStage { actual: Stage },
    #[error("the typed confirmation does not match")]
    ConfirmationMismatch,
    #[error("the admin has not confirmed that messages, sessions and templates will be lost")]
    LossNotAcknowledged,
    #[error("checks failed and were not overridden: {0:?}")]
    Blocked(Vec<CheckId>),
    #[error("the checks have not been run")]
    ChecksMissing,
    /// Meta's data proves this check fails (a paid message in the last 30 days): no override.
    #[error("{0:?} is proven by Meta's data and cannot be overridden")]
    NotOverridable(CheckId),
    /// The disconnect needs both answers: the admin enters Meta as a portfolio admin, and knows
    /// the number's two-step PIN (or reset it).
    #[error("the two questions before the disconnect are not both answered yes")]
    QuestionsUnanswered,
    #[error(transparent)]
    Backup(#[from] BackupError),
    #[error("the journal could not be saved: {0}")]
    Journal(#[from] std::io::Error),
    /// 133016: too many register/deregister calls; blocked for 72 h.
    #[error(
        "Meta blocks deregister for this number{}",
        until.as_deref().map(|u| format!(" until {u}")).unwrap_or_default()
    )]
    DeregisterBlocked {
        until: Option<String>,
        trace_id: Option<String>,
    },
    /// The deregister was sent but its answer never came: the screen says so, and the next
    /// confirmation reads the number before sending anything.
    #[error("the deregister was sent but Meta's answer did not arrive")]
    DeregisterUnknown { trace_id: Option<String> },
    #[error("Meta's screen refused: {}", .0.message)]
    Refused(ManualRefusal),
    #[error("other numbers remain in the WABA: {0:?}")]
    NumbersRemain(Vec<String>),
    #[error("only available in practice mode")]
    NotPractice,
    #[error("waiting was cancelled")]
    Cancelled,
    /// Meta's answers do not prove the removal either way.
    #[error("the removal cannot be verified ({reason:?}): {source}")]
    CannotVerify {
        reason: Unverifiable,
        source: GraphError,
    },
    /// The journey belongs to another mode, Graph host or user than the connection.
    #[error("this journey belongs to another connection ({0})")]
    OtherConnection(&'static str),
    /// The PIN typed is not six digits, or the two differ.
    #[error(transparent)]
    Pin(#[from] crate::graph::PinError),
    /// Meta does not set a PIN for a Coexistence number (it lives in the WhatsApp Business app).
    #[error("a Coexistence number's PIN cannot be set through the API")]
    PinCoexistence,
    /// An id the API does not know under the chosen parent (or not digits at all).
    #[error("'{0}' is not one of the listed items")]
    UnknownId(String),
    /// Another run of this app (the console, the batch, another window) holds the number.
    #[error("another run of this app is acting on this number ({0:?})")]
    NumberBusy(Option<crate::number_ledger::Holder>),
    /// A file the app reads back (the number's shared ledger, a release journal) is damaged or
    /// from another version: refused with its path, never replaced.
    #[error("{} cannot be read ({why})", path.display())]
    FileDamaged {
        path: std::path::PathBuf,
        why: String,
    },
    /// A release resumed on another road than the one it started on (`provider`, `app`,
    /// `close`).
    #[error("this number's release started on the road '{started}'")]
    RoadChanged { started: &'static str },
}

impl From<crate::steps::deregister::DeregisterError> for JourneyError {
    fn from(e: crate::steps::deregister::DeregisterError) -> Self {
        use crate::steps::deregister::DeregisterError as D;
        match e {
            D::Graph(g) => JourneyError::Graph(g),
            D::Blocked { until, trace_id } => JourneyError::DeregisterBlocked { until, trace_id },
            D::Unknown { trace_id } => JourneyError::DeregisterUnknown { trace_id },
            D::Ledger(l) => l.into(),
            D::Journal(io) => JourneyError::Journal(io),
        }
    }
}

impl From<crate::number_ledger::LedgerError> for JourneyError {
    fn from(e: crate::number_ledger::LedgerError) -> Self {
        use crate::number_ledger::LedgerError as L;
        match e {
            L::Busy(h) => JourneyError::NumberBusy(h),
            L::Damaged { path, why } => JourneyError::FileDamaged { path, why },
            L::Io(io) => JourneyError::Journal(io),
        }
    }
}

impl From<crate::steps::target::NotChosen> for JourneyError {
    fn from(e: crate::steps::target::NotChosen) -> Self {
        JourneyError::Graph(e.into())
    }
}

impl From<PollError> for JourneyError {
    fn from(e: PollError) -> Self {
        match e {
            PollError::Cancelled => JourneyError::Cancelled,
            PollError::CannotVerify { reason, source } => {
                JourneyError::CannotVerify { reason, source }
            }
        }
    }
}
