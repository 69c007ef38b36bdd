//! The guided removal (`docs/journey.md`): checks, backup, deletions proven by Meta's answers,
//! journal, receipt. No tauri import.

pub mod backup;
pub mod checks;
mod error;
pub mod files;
pub mod journal;
pub mod journey;
pub mod links;
mod number_step;
pub mod pace;
pub mod poll;
pub mod receipt;
pub mod target;
pub mod view;
mod waba_step;
pub mod wait;

pub use checks::{Check, CheckId, CheckStatus, ChecksReport};
pub use error::JourneyError;
pub use journal::{Binding, Journal, JournalStore, Mode, Stage};
pub use journey::{Journey, SKIP_BACKUP_PHRASE};
pub use number_step::{Readiness, DEREGISTER_BUDGET};
pub use pace::Pace;
pub use poll::{PollPlan, PollProgress, PollTarget, Unverifiable};
pub use view::JourneyView;
pub use waba_step::WabaStepInfo;
pub use wait::{WaitSlot, Waits};
