//! One wait per journey (`docs/journey.md`, waiting for Meta).
//!
//! A wait is a task of its own: it polls without holding the journey, records Meta's proof in
//! the journey when it comes, and lives on when the screen that asked for it is redrawn. Asking
//! again for the same wait attaches to it (same progress, same outcome) instead of starting a
//! second loop; "Parar de esperar" stops it within a second; a wait nobody can stop any more (its
//! cancel sender gone) stops by itself. Real mode's calls of the last hour are kept in
//! [`LEDGER_FILE`] beside the journal ([`load_ledger`]), shared with every process of the app,
//! so after a relaunch, or beside the console, the hourly cap and the pace still count them.

use super::error::JourneyError;
use super::journey::Journey;
use super::pace::Pace;
use super::poll::{until_gone, PollProgress, PollTarget};
use crate::graph::{CallLedger, GraphClient, SharedLedger};
use std::path::Path;
use std::sync::{Arc, Mutex};
use tokio::sync::watch;

/// The file, in the app data dir, that keeps real mode's calls of the last hour (no secret).
pub const LEDGER_FILE: &str = "calls.json";

/// Real mode's call ledger, kept in `path` and shared with every other process of this app
/// (the calls an earlier run made in the last hour still count; see `graph/ledger.rs`).
pub fn load_ledger(path: &Path) -> SharedLedger {
    Arc::new(Mutex::new(CallLedger::in_file(path.to_path_buf())))
}

/// Where the journey lives: shared by the commands and the wait task.
pub type WaitSlot = Arc<tokio::sync::Mutex<Option<Journey>>>;

/// How a wait ended. `Err` is shared: every screen attached to the wait gets the same answer.
pub type WaitOutcome = Result<(), Arc<JourneyError>>;

type OnProgress = Arc<dyn Fn(&PollProgress) + Send + Sync>;

struct Running {
    journey_id: String,
    target: PollTarget,
    cancel: watch::Sender<bool>,
    outcome: watch::Receiver<Option<WaitOutcome>>,
    last: Arc<Mutex<Option<PollProgress>>>,
}

/// The app's one running wait, if any.
#[derive(Default)]
pub struct Waits {
    running: Mutex<Option<Running>>,
}

/// Pace and where the call ledger is kept.
#[derive(Clone)]
pub struct WaitOptions {
    pub pace: Pace,
}

impl Waits {
    /// Stops the running wait, if any. True when there was one.
    pub fn cancel(&self) -> bool {
        let g = self.running.lock().unwrap_or_else(|p| p.into_inner());
        match g.as_ref() {
            Some(r) if r.outcome.borrow().is_none() => {
                let _ = r.cancel.send(true);
                true
            }
            _ => false,
        }
    }

    /// Which wait runs now.
    pub fn running(&self) -> Option<PollTarget> {
        let g = self.running.lock().unwrap_or_else(|p| p.into_inner());
        g.as_ref()
            .filter(|r| r.outcome.borrow().is_none())
            .map(|r| r.target)
    }

    /// Waits until Meta proves `target` gone, attaching to a wait already running for it.
    pub async fn wait(
        &self,
        slot: &WaitSlot,
        client: &GraphClient,
        target: PollTarget,
        opts: WaitOptions,
        on_progress: OnProgress,
    ) -> WaitOutcome {
        let (journey_id, plan) = {
            let g = slot.lock().await;
            let j = g.as_ref().ok_or_else(|| {
                Arc::new(JourneyError::WrongStage {
                    actual: super::journal::Stage::ChooseBusiness,
                })
            })?;
            (
                j.journal().id.clone(),
                j.poll_plan(target).map_err(Arc::new)?,
            )
        };
        let mut outcome = {
            let mut g = self.running.lock().unwrap_or_else(|p| p.into_inner());
            let attach = g.as_ref().filter(|r| {
                r.journey_id == journey_id && r.target == target && r.outcome.borrow().is_none()
            });
            match attach {
                Some(r) => {
                    if let Some(p) = r.last.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
                        on_progress(p);
                    }
                    r.outcome.clone()
                }
                None => {
                    // Another wait (an older journey's) is replaced: dropping its sender stops it.
                    let (cancel, cancel_rx) = watch::channel(false);
                    let (done_tx, done_rx) = watch::channel(None);
                    let last = Arc::new(Mutex::new(None));
                    let task = WaitTask {
                        slot: slot.clone(),
                        client: client.clone(),
                        journey_id: journey_id.clone(),
                        opts,
                        last: last.clone(),
                        on_progress,
                    };
                    tokio::spawn(async move {
                        let out = task.run(plan, cancel_rx).await;
                        let _ = done_tx.send(Some(out));
                    });
                    *g = Some(Running {
                        journey_id,
                        target,
                        cancel,
                        outcome: done_rx.clone(),
                        last,
                    });
                    done_rx
                }
            }
        };
        loop {
            if let Some(out) = outcome.borrow_and_update().clone() {
                return out;
            }
            if outcome.changed().await.is_err() {
                return Err(Arc::new(JourneyError::Cancelled));
            }
        }
    }
}

struct WaitTask {
    slot: WaitSlot,
    client: GraphClient,
    journey_id: String,
    opts: WaitOptions,
    last: Arc<Mutex<Option<PollProgress>>>,
    on_progress: OnProgress,
}

impl WaitTask {
    async fn run(self, plan: super::poll::PollPlan, cancel: watch::Receiver<bool>) -> WaitOutcome {
        // The pace counts from the last call the app made (before a relaunch too: the client's
        // ledger was loaded from the file at start).
        let last_call = self.client.calls_last_hour().last().copied();
        let target = plan.target;
        let result = until_gone(
            &self.client,
            &plan,
            self.opts.pace,
            last_call,
            cancel,
            |p| {
                *self.last.lock().unwrap_or_else(|e| e.into_inner()) = Some(p.clone());
                (self.on_progress)(&p);
            },
        )
        .await;
        let proof = result.map_err(|e| Arc::new(JourneyError::from(e)))?;
        let mut g = self.slot.lock().await;
        match g.as_mut() {
            Some(j) if j.journal().id == self.journey_id => {
                j.record_removal(target, proof).map_err(Arc::new)
            }
            // The admin started another journey meanwhile: this proof belongs to none.
            _ => Err(Arc::new(JourneyError::Cancelled)),
        }
    }
}
