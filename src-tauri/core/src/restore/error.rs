//! What can stop a restore command, each with its own code for the UI (`restore.*`).

use crate::connection::Mode;
use crate::graph::GraphError;
use crate::steps::backup::read::FileError;

#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    /// Another restore (or a migration, or a discard) is going on: one at a time.
    #[error("a restore is already running")]
    Busy,
    #[error("no backup file chosen")]
    NoFile,
    #[error("no preview yet")]
    NoPreview,
    /// The preview confirmed is not the one shown last (another preview was made since).
    #[error("the preview changed since it was shown")]
    StalePreview,
    /// An unfinished restore exists: continue or discard it before a new one.
    #[error("an unfinished restore exists")]
    Unfinished {
        mode: Option<Mode>,
        account: Option<String>,
    },
    #[error("no unfinished restore")]
    NothingToResume,
    /// The restore (or the preview) belongs to another connection.
    #[error("this restore belongs to another connection")]
    OtherConnection {
        mode: Option<Mode>,
        account: Option<String>,
    },
    /// What the admin typed is not the destination account's name.
    #[error("the typed confirmation does not match")]
    ConfirmationMismatch,
    /// The destination is no longer one of the business's WhatsApp accounts.
    #[error("the destination account is no longer in the business")]
    DestinationGone,
    /// Meta's migration no longer applies (the source left the business).
    #[error("Meta's template migration does not apply now")]
    MigrationNotOffered,
    #[error(transparent)]
    File(#[from] FileError),
    #[error(transparent)]
    Graph(#[from] GraphError),
    #[error("the restore journal could not be written: {0}")]
    Io(#[from] std::io::Error),
}

/// A run's own failure: a call Meta refused, or its journal not saved.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Graph(#[from] GraphError),
    #[error("the restore journal could not be saved: {0}")]
    Journal(#[from] std::io::Error),
}

impl From<RunError> for RestoreError {
    fn from(e: RunError) -> Self {
        match e {
            RunError::Graph(g) => RestoreError::Graph(g),
            RunError::Journal(io) => RestoreError::Io(io),
        }
    }
}
