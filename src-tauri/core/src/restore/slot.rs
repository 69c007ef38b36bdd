//! One restore at a time (`docs/security.md`): what the app holds between restore commands, and
//! the rule that a creation, a migration or a discard starts only when nothing else runs, decided
//! under one lock before anything is awaited.

use super::error::RestoreError;
use super::model::{Progress, Restore};
use super::plan::RestorePlan;
use super::store::{RestoreShelf, RestoreStore};
use crate::connection::Owner;
use crate::connection::{Binding, Mode};
use crate::graph::{BusinessId, WabaId};
use crate::steps::backup::read::BackupHead;
use std::path::PathBuf;
use std::sync::Mutex;
use tokio::sync::watch;

/// A preview shown to the admin: where it goes, what it would do, whose connection read it.
#[derive(Debug, Clone)]
pub struct Preview {
    /// The folder the preview's spool is in (the restore it may become).
    pub store: RestoreStore,
    pub business: BusinessId,
    pub dest: WabaId,
    pub dest_name: Option<String>,
    pub owner: Owner,
    pub plan: RestorePlan,
}

impl Preview {
    pub fn id(&self) -> String {
        self.store.id()
    }

    /// The restore this confirmed preview becomes: journaled in its folder of `shelf` (refused
    /// while an unfinished restore waits), the other previews' folders swept.
    pub fn begin(
        self,
        shelf: &RestoreShelf,
        head: &BackupHead,
    ) -> Result<(RestoreStore, Restore), RestoreError> {
        shelf.no_unfinished()?;
        let r = Restore::new(head, &self.store, self.dest, self.dest_name, self.owner)?;
        self.store.save(&r)?;
        shelf.sweep_previews(&self.store);
        Ok((self.store, r))
    }
}

#[derive(Debug, Default)]
enum Activity {
    #[default]
    Idle,
    /// Templates being created; `stop` ends the run between two templates or mid-request.
    Creating { run: u64, stop: watch::Sender<bool> },
    /// A migration or a discard: short, and nothing else may start meanwhile.
    Busy,
}

#[derive(Debug, Default)]
pub struct RestoreSlot {
    /// The backup file chosen and what its head says (its templates stay on disk).
    pub file: Option<(PathBuf, BackupHead)>,
    pub preview: Option<Preview>,
    /// The last progress heard (a redraw shows it at once).
    pub last: Option<Progress>,
    activity: Activity,
    runs: u64,
}

impl RestoreSlot {
    pub fn idle(&self) -> bool {
        matches!(self.activity, Activity::Idle)
    }

    pub fn creating(&self) -> bool {
        matches!(self.activity, Activity::Creating { .. })
    }

    pub fn ensure_idle(&self) -> Result<(), RestoreError> {
        self.idle().then_some(()).ok_or(RestoreError::Busy)
    }

    /// The preview the admin confirmed: the one shown last, read on this connection.
    pub fn confirmed_preview(
        &self,
        preview_id: &str,
        mode: Mode,
        binding: &Binding,
    ) -> Result<&Preview, RestoreError> {
        let p = self.preview.as_ref().ok_or(RestoreError::NoPreview)?;
        if p.id() != preview_id {
            return Err(RestoreError::StalePreview);
        }
        p.owner
            .check(mode, binding)
            .map_err(|_| RestoreError::OtherConnection {
                mode: Some(p.owner.mode),
                account: p.owner.account.clone(),
            })?;
        Ok(p)
    }

    /// Reserves the slot for a creation run: its number and its stop signal.
    /// The chosen backup file, when nothing runs (a preview starts from it).
    pub fn chosen_file(&self) -> Result<(PathBuf, BackupHead), RestoreError> {
        self.ensure_idle()?;
        self.file.clone().ok_or(RestoreError::NoFile)
    }

    /// Keeps the preview just shown (the only one `restore_start` and `restore_migrate` accept),
    /// unless a run started meanwhile.
    pub fn keep_preview(&mut self, preview: Preview) -> Result<(), RestoreError> {
        self.ensure_idle()?;
        self.preview = Some(preview);
        Ok(())
    }

    /// "Criar os modelos", decided under the caller's one lock: the preview shown (`preview_id`),
    /// on this connection, the destination's name typed back, nothing else running. The run is
    /// reserved; what it starts from comes back (the preview, the file's head).
    pub fn confirm_creation(
        &mut self,
        preview_id: &str,
        owner: &Owner,
        typed_name: &str,
    ) -> Result<(u64, watch::Receiver<bool>, Preview, BackupHead), RestoreError> {
        let p = self
            .confirmed_preview(preview_id, owner.mode, &owner.binding)?
            .clone();
        if !super::consent::typed_matches(typed_name, p.dest_name.as_deref()) {
            return Err(RestoreError::ConfirmationMismatch);
        }
        let head = self.file.as_ref().ok_or(RestoreError::NoFile)?.1.clone();
        let (run, stop) = self.begin_creation()?;
        Ok((run, stop, p, head))
    }

    pub fn begin_creation(&mut self) -> Result<(u64, watch::Receiver<bool>), RestoreError> {
        self.ensure_idle()?;
        self.runs += 1;
        let (stop, rx) = watch::channel(false);
        self.activity = Activity::Creating {
            run: self.runs,
            stop,
        };
        Ok((self.runs, rx))
    }

    /// The run `run` ended (a later run is never released by an earlier one's end).
    pub fn end_creation(&mut self, run: u64) {
        if matches!(self.activity, Activity::Creating { run: r, .. } if r == run) {
            self.activity = Activity::Idle;
        }
    }

    /// "Parar": the running creation stops (between two templates, or mid-request).
    pub fn stop(&self) {
        if let Activity::Creating { stop, .. } = &self.activity {
            let _ = stop.send(true);
        }
    }

    /// The connection changed (disconnect, another account, practice): the running creation
    /// stops and keeps its place; the preview, read on the old connection, is forgotten.
    pub fn leave_connection(&mut self) {
        self.stop();
        self.preview = None;
    }
}

/// A migration or a discard holding the slot; released when dropped, however it ends.
pub struct BusyGuard<'a>(&'a Mutex<RestoreSlot>);

impl<'a> BusyGuard<'a> {
    pub fn take(slot: &'a Mutex<RestoreSlot>) -> Result<Self, RestoreError> {
        let mut s = slot.lock().unwrap();
        s.ensure_idle()?;
        s.activity = Activity::Busy;
        Ok(Self(slot))
    }
}

impl Drop for BusyGuard<'_> {
    fn drop(&mut self) {
        let mut s = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if matches!(s.activity, Activity::Busy) {
            s.activity = Activity::Idle;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_activity_at_a_time_and_an_old_run_never_releases_a_new_one() {
        let slot = Mutex::new(RestoreSlot::default());
        let (run, mut rx) = slot.lock().unwrap().begin_creation().unwrap();
        assert!(matches!(
            slot.lock().unwrap().begin_creation(),
            Err(RestoreError::Busy)
        ));
        assert!(matches!(BusyGuard::take(&slot), Err(RestoreError::Busy)));
        slot.lock().unwrap().leave_connection();
        assert!(*rx.borrow_and_update());
        slot.lock().unwrap().end_creation(run + 7);
        assert!(slot.lock().unwrap().creating());
        slot.lock().unwrap().end_creation(run);
        {
            let _g = BusyGuard::take(&slot).unwrap();
            assert!(slot.lock().unwrap().begin_creation().is_err());
        }
        assert!(slot.lock().unwrap().idle());
    }
}
