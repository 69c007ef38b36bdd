//! The guided removal (design.md, journey): checks, backup, deletions verified by the API,
//! journal, receipt. No tauri import.

pub mod backup;
pub mod checks;
pub mod journal;
pub mod journey;
pub mod links;
pub mod poll;
pub mod receipt;

pub use checks::{Check, CheckId, CheckStatus, ChecksReport};
pub use journal::{Journal, JournalStore, Mode, Stage};
pub use journey::{Journey, JourneyError, WabaStepInfo, SKIP_BACKUP_PHRASE};
pub use poll::{Pace, PollProgress, PollTarget};
