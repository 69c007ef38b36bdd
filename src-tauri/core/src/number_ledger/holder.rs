//! Who acts on a number (program, step, process, since), which calls Meta counts against it, and
//! why a run is refused: the words the ledger's files and its refusals are made of.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Which program of this app acts on the number (named to another that finds it locked).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Program {
    /// The app's window, removing one number.
    App,
    /// The app's "Liberar vários números".
    Batch,
    /// The support console (`waba-remover release`, …).
    Console,
}

/// What the lock's holder is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Deregister,
    Register,
    Release,
}

/// Register or deregister: Meta counts both in one budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallKind {
    Register,
    Deregister,
}

/// Who holds a number's lock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Holder {
    pub program: Program,
    pub step: Step,
    pub pid: u32,
    pub since: DateTime<Utc>,
}

#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    /// Another run of this app holds the number (`None`: it did not say who).
    #[error("another run of this app is acting on this number ({0:?})")]
    Busy(Option<Holder>),
    /// The number's ledger file is damaged or from a newer version: refused, never replaced.
    #[error("the number's ledger {} cannot be read: {why}", path.display())]
    Damaged { path: PathBuf, why: String },
    #[error(transparent)]
    Io(#[from] std::io::Error),
}
