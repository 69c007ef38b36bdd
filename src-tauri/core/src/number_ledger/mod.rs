//! One number, one ledger (`docs/security.md`, the shared ledgers): what every run of this app
//! on this computer shares about a number — the window's journey, its batch, the support
//! console, two consoles side by side, a rerun with another `--out` folder. In the data folder's
//! `numbers/` (practice: `practice-numbers/`, forgotten with the fictional company):
//!
//! - `<id>.lock`: an exclusive lock held for the whole of a deregister, a register or a number's
//!   release step. A second process waits for it, then refuses with who holds it
//!   ([`LedgerError::Busy`]). The operating system frees the lock of a process that ended, so the
//!   lock of a crashed run is taken over safely; what it guarded is then settled by reading
//!   Meta (`steps/deregister.rs`).
//! - `<id>.holder.json`: who holds the lock (program, step, process id, since), for that sentence.
//! - `<id>.json`: the register and deregister calls sent for the number in the last 72 h,
//!   whatever run sent them. Meta allows 10 per number per 72 h (`docs/meta-rules.md` §5): the
//!   budget is checked against this list before every such call.

mod file;
mod holder;

use crate::files;
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use file::CallRecord;
pub use holder::{CallKind, Holder, LedgerError, Program, Step};

/// How long a second run waits for a number's lock before it refuses: a deregister is one
/// request (at most the client's timeout); a number's release step, a few reads more.
pub const LOCK_WAIT: Duration = Duration::from_secs(45);

/// The ledger of every number, in one folder, for one program.
#[derive(Debug, Clone)]
pub struct NumberLedger {
    dir: PathBuf,
    program: Program,
    wait: Duration,
}

impl NumberLedger {
    /// Real mode's ledger in the data folder `data`, shared by every program of the app.
    pub fn real(data: &Path, program: Program) -> Self {
        Self::at(data.join("numbers"), program)
    }

    /// Practice's ledger: beside the fictional company, forgotten when it starts over.
    pub fn practice(data: &Path, program: Program) -> Self {
        Self::at(data.join(PRACTICE_DIR), program)
    }

    /// The ledger in `dir` (tests, and the console's `--practice`, whose company lives and dies
    /// with the process).
    pub fn at(dir: PathBuf, program: Program) -> Self {
        Self {
            dir,
            program,
            wait: LOCK_WAIT,
        }
    }

    /// The same ledger, waiting at most `wait` for a lock (tests).
    pub fn waiting(mut self, wait: Duration) -> Self {
        self.wait = wait;
        self
    }

    fn path(&self, pn: &str, ext: &str) -> Result<PathBuf, LedgerError> {
        // Ids are Meta's digits; anything else never names a file.
        if pn.is_empty() || pn.len() > 32 || !pn.bytes().all(|b| b.is_ascii_digit()) {
            return Err(LedgerError::Io(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "not a number id",
            )));
        }
        Ok(self.dir.join(format!("{pn}.{ext}")))
    }

    /// The register/deregister calls of the last 72 h for `pn`, read without the lock (the file
    /// is replaced atomically), for the budget shown on screen.
    pub fn calls(&self, pn: &str) -> Result<Vec<CallRecord>, LedgerError> {
        file::read(&self.path(pn, "json")?)
    }

    /// Takes the number's lock for `step`, waiting up to [`LOCK_WAIT`] for another run to finish.
    pub async fn lock(&self, pn: &str, step: Step) -> Result<NumberGuard, LedgerError> {
        files::create_private_dir(&self.dir)?;
        let lock_path = self.path(pn, "lock")?;
        let file = files::open_lock(&lock_path)?;
        let deadline = tokio::time::Instant::now() + self.wait;
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(std::fs::TryLockError::WouldBlock) => {}
                Err(std::fs::TryLockError::Error(e)) => return Err(e.into()),
            }
            if tokio::time::Instant::now() >= deadline {
                return Err(LedgerError::Busy(file::read_holder(
                    &self.path(pn, "holder.json")?,
                )));
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        let holder = Holder {
            program: self.program,
            step,
            pid: std::process::id(),
            since: Utc::now(),
        };
        let holder_path = self.path(pn, "holder.json")?;
        files::write_atomic(
            &holder_path,
            &serde_json::to_vec(&holder).map_err(std::io::Error::other)?,
        )?;
        Ok(NumberGuard {
            _file: file,
            calls_path: self.path(pn, "json")?,
            program: self.program,
        })
    }
}

/// The folder of practice's ledger, in the data folder.
pub const PRACTICE_DIR: &str = "practice-numbers";

/// A number's lock, held until dropped (closing the file releases it).
#[derive(Debug)]
pub struct NumberGuard {
    _file: std::fs::File,
    calls_path: PathBuf,
    program: Program,
}

impl NumberGuard {
    /// The calls of the last 72 h, as every run recorded them.
    pub fn calls(&self) -> Result<Vec<CallRecord>, LedgerError> {
        file::read(&self.calls_path)
    }

    /// Records a register or deregister about to leave at `at` (before it is sent: Meta counts
    /// an attempt whether or not its answer arrives).
    pub fn record(&mut self, kind: CallKind, at: DateTime<Utc>) -> Result<(), LedgerError> {
        let mut calls = self.calls()?;
        calls.retain(|c| Utc::now() - c.at < chrono::Duration::hours(72 * 2));
        calls.push(CallRecord {
            at,
            kind,
            program: self.program,
        });
        file::write(&self.calls_path, &calls)
    }
}

#[cfg(test)]
mod tests;
