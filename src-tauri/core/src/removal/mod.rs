//! The guided removal (`docs/journey.md`): checks, backup, deletions proven by Meta's answers,
//! journal, receipt. No tauri import.

pub mod calendar;
mod delete_number;
mod error;
pub mod journal;
pub mod journey;
pub mod links;
pub mod move_path;
pub mod move_report;
pub mod pace;
mod pin_step;
pub mod poll;
pub mod receipt;
mod reconnect;
mod remove_waba;
pub mod roads;
pub mod support_request;
pub mod view;
pub mod wait;

pub use delete_number::Readiness;
pub use error::JourneyError;
pub use journal::{Journal, JournalStore, ProofKind, Stage};
pub use journey::{Journey, SKIP_BACKUP_PHRASE};
pub use move_report::{JourneyPath, MoveItemId, MoveReport, MoveStatus};
pub use pace::Pace;
pub use poll::{PollPlan, PollProgress, PollTarget, Unverifiable};
pub use remove_waba::{name_typed_back, RemoveWabaInfo};
pub use view::JourneyView;
pub use wait::{WaitSlot, Waits};
