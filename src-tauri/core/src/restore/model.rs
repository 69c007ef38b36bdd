//! What a restore is: one byte per template of the backup (its step), where it goes, and the
//! counts the progress bar shows. Names live in the spool and Meta's answers in the log
//! (`store.rs`), so memory does not grow with the templates' words.

use super::plan::SkipReason;
use crate::connection::{Binding, Mode, Owner};
use crate::graph::WabaId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum RunState {
    Waiting,
    /// Journaled just before the request left.
    Sending,
    /// Created, waiting for Meta's review (or whatever status Meta gave).
    Created {
        id: Option<String>,
        status: Option<String>,
    },
    /// Meta refused it; its reason is kept.
    Failed {
        code: Option<i64>,
        message: String,
        trace_id: Option<String>,
    },
    Skipped {
        reason: SkipReason,
    },
}

/// A template's state in one byte (the details live in `restore.log`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Waiting,
    Sending,
    Created,
    Failed,
    Skipped,
}

impl From<&RunState> for Step {
    fn from(s: &RunState) -> Self {
        match s {
            RunState::Waiting => Step::Waiting,
            RunState::Sending => Step::Sending,
            RunState::Created { .. } => Step::Created,
            RunState::Failed { .. } => Step::Failed,
            RunState::Skipped { .. } => Step::Skipped,
        }
    }
}

/// A restore: where it goes, and one byte per template of the backup (so its memory does not
/// grow with the templates' words; names and Meta's answers are in the spool and the log).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Restore {
    pub id: String,
    pub source_waba: Option<String>,
    pub source_number: Option<String>,
    pub dest_waba: WabaId,
    pub dest_name: Option<String>,
    pub steps: Vec<Step>,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    /// Who it belongs to. `None` only for a restore journaled before restores were bound: it can
    /// be discarded (its report kept), never resumed.
    #[serde(default)]
    pub owner: Option<Owner>,
    /// "Descartar": the admin gave up the rest; the report still lists every template.
    #[serde(default)]
    pub discarded_at: Option<DateTime<Utc>>,
}

/// Counts for the progress bar, and the time left at the current pace.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Progress {
    pub total: usize,
    pub done: usize,
    pub created: usize,
    pub failed: usize,
    pub skipped: usize,
    /// Seconds left at the current pace (None before the first creation).
    pub eta_secs: Option<u64>,
    /// Meta asked to wait: seconds until the run goes on.
    pub paused_secs: Option<u64>,
    /// Finished or discarded: nothing more will be sent.
    pub finished: bool,
    /// Ended by "Descartar" (the rest was never sent).
    pub discarded: bool,
}

impl Restore {
    /// Neither finished nor discarded: it may be resumed (by its own connection).
    pub fn unfinished(&self) -> bool {
        self.finished_at.is_none() && self.discarded_at.is_none()
    }

    /// Refuses a connection other than the one the restore started on (a restore journaled
    /// before restores were bound belongs to none).
    pub fn check_owner(
        &self,
        mode: Mode,
        binding: &Binding,
    ) -> Result<(), super::error::RestoreError> {
        let recorded = self.owner.as_ref();
        crate::connection::check(
            recorded.map_or(mode, |o| o.mode),
            recorded.map(|o| &o.binding),
            mode,
            binding,
        )
        .map_err(|_| super::error::RestoreError::OtherConnection {
            mode: recorded.map(|o| o.mode),
            account: recorded.and_then(|o| o.account.clone()),
        })
    }

    /// The first template still to send (tests simulate a crash on it).
    pub fn first_waiting(&self) -> Option<usize> {
        self.steps.iter().position(|s| *s == Step::Waiting)
    }

    pub fn progress(&self, per_item: Option<Duration>) -> Progress {
        let mut p = Progress {
            total: self.steps.len(),
            finished: !self.unfinished(),
            discarded: self.discarded_at.is_some(),
            ..Default::default()
        };
        for s in &self.steps {
            match s {
                Step::Created => p.created += 1,
                Step::Failed => p.failed += 1,
                Step::Skipped => p.skipped += 1,
                _ => {}
            }
        }
        p.done = p.created + p.failed + p.skipped;
        p.eta_secs = per_item.map(|d| (d * (p.total - p.done) as u32).as_secs());
        p
    }
}
