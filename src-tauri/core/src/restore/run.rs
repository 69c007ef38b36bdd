//! Creating the planned templates, one at a time, journaled (`store.rs`, no secret): each
//! template is marked "sending" before its request leaves, so a crash or a lost answer is settled
//! by reading whether it exists, never by sending again on a guess. Meta's rate limits pause the
//! run and it goes on; the usage headers slow it down; "Parar" stops between two templates.

use super::error::RunError;
use super::model::{Progress, Restore, RunState, Step};
use super::store::{RestoreStore, Spool};
use crate::connection::Owner;
use crate::graph::{ErrorClass, GraphClient, GraphError, NewTemplate, WabaId};
use crate::steps::backup::read::BackupHead;
use chrono::Utc;
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// A creation refused by a rate limit (Meta's, or the app's own hourly cap, which never sent it)
/// was not applied: it may be sent again after the wait. The wait, when known.
fn rate_limited(e: &GraphError) -> Option<Option<Duration>> {
    match e {
        GraphError::LocalBudget { retry_in } => Some(Some(*retry_in)),
        _ if e
            .code()
            .is_some_and(|c| ErrorClass::of(c) == ErrorClass::RateLimited) =>
        {
            Some(e.meta().and_then(|m| m.retry_after))
        }
        _ => None,
    }
}

impl Restore {
    /// A restore of the plan `prepare` wrote into `store`'s spool, belonging to `owner`'s
    /// connection. A folder already holding a restore is never reused.
    pub fn new(
        backup: &BackupHead,
        store: &RestoreStore,
        dest: WabaId,
        dest_name: Option<String>,
        owner: Owner,
    ) -> std::io::Result<Self> {
        if store.path().exists() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "this folder already holds a restore",
            ));
        }
        let mut spool = Spool::open(&store.spool())?;
        let mut steps = Vec::new();
        while let Some(l) = spool.next()? {
            steps.push(if l.t.is_some() {
                Step::Waiting
            } else {
                Step::Skipped
            });
        }
        Ok(Self {
            id: store.id(),
            source_waba: backup.waba.id.clone(),
            source_number: backup.phone_number.display_phone_number.clone(),
            dest_waba: dest,
            dest_name,
            steps,
            started_at: Utc::now(),
            finished_at: None,
            owner: Some(owner),
            discarded_at: None,
        })
    }

    fn set(&mut self, store: &RestoreStore, i: usize, state: RunState) -> std::io::Result<()> {
        self.steps[i] = Step::from(&state);
        store.record(i, &state)
    }

    /// The least time between two creations and the longest rate-limit pause honoured:
    /// practice goes briskly; real mode leaves Meta room and honours Meta's waits whole (up to an
    /// hour, `docs/meta-rules.md` §14).
    pub fn pacing(&self) -> (Duration, Duration) {
        match self.owner.as_ref().map(|o| o.mode) {
            Some(crate::connection::Mode::Practice) => {
                (Duration::from_millis(40), Duration::from_secs(5))
            }
            _ => (Duration::from_secs(2), Duration::from_secs(3600)),
        }
    }

    /// [`Restore::run`] at the restore's own [`Restore::pacing`].
    pub async fn run_paced(
        &mut self,
        client: &GraphClient,
        store: &RestoreStore,
        cancel: watch::Receiver<bool>,
        on_progress: impl FnMut(&Progress),
    ) -> Result<bool, RunError> {
        let (gap, max_pause) = self.pacing();
        self.run(client, store, cancel, gap, max_pause, on_progress)
            .await
    }

    /// Runs (or resumes) the creations. `gap` is the least time between two creations;
    /// `max_pause` caps a rate-limit pause (Meta's own wait in real mode); `on_progress` hears
    /// after each template and during pauses. `Ok(false)`: stopped by "Parar".
    pub async fn run(
        &mut self,
        client: &GraphClient,
        store: &RestoreStore,
        mut cancel: watch::Receiver<bool>,
        gap: Duration,
        max_pause: Duration,
        mut on_progress: impl FnMut(&Progress),
    ) -> Result<bool, RunError> {
        let started = Instant::now();
        let mut sent = 0u32;
        // The whole restore once (its log starts over); then one line per change.
        store.save(self)?;
        let mut spool = Spool::open(&store.spool())?;
        while let Some(line) = spool.next()? {
            let i = line.i;
            if *cancel.borrow() {
                return Ok(false);
            }
            let Some(new) = line.t else { continue };
            if self.steps.get(i) == Some(&Step::Sending) {
                let state = self.settle(client, &new).await?;
                self.set(store, i, state)?;
            }
            if self.steps.get(i) != Some(&Step::Waiting) {
                continue;
            }
            loop {
                self.set(store, i, RunState::Sending)?;
                // "Parar" or leaving the connection stops even mid-request: the template stays
                // "sending", and a resume settles it by reading.
                let answer = tokio::select! {
                    a = client.create_template(&self.dest_waba, &new) => a,
                    _ = cancel.wait_for(|stop| *stop) => return Ok(false),
                };
                match answer {
                    Ok(c) => {
                        self.set(
                            store,
                            i,
                            RunState::Created {
                                id: Some(c.id),
                                status: c.status,
                            },
                        )?;
                        break;
                    }
                    Err(e) if e.write_outcome_unknown() => {
                        // One read settles it; only a template proven absent is sent again.
                        let state = self.settle(client, &new).await?;
                        let again = state == RunState::Waiting;
                        self.set(store, i, state)?;
                        if !again {
                            break;
                        }
                    }
                    Err(e) if rate_limited(&e).is_some() => {
                        self.set(store, i, RunState::Waiting)?;
                        let wait = rate_limited(&e)
                            .flatten()
                            .unwrap_or(Duration::from_secs(60))
                            .min(max_pause);
                        let mut p = self.progress(None);
                        p.paused_secs = Some(wait.as_secs());
                        on_progress(&p);
                        tokio::select! {
                            _ = tokio::time::sleep(wait) => {}
                            _ = cancel.changed() => { return Ok(false); }
                        }
                    }
                    Err(e) => {
                        let m = e.meta();
                        let state = RunState::Failed {
                            code: e.code(),
                            message: m
                                .and_then(|m| m.user_msg.clone())
                                .or_else(|| m.map(|m| m.message.clone()))
                                .unwrap_or_else(|| e.to_string()),
                            trace_id: e.trace_id().map(str::to_owned),
                        };
                        self.set(store, i, state)?;
                        break;
                    }
                }
            }
            sent += 1;
            on_progress(&self.progress(Some(started.elapsed() / sent)));
            // Meta's usage headers slow the pace as the budget fills.
            let busy = client.usage().peak_pct();
            let pause = if busy >= 90.0 {
                gap * 8
            } else if busy >= 75.0 {
                gap * 3
            } else {
                gap
            };
            tokio::select! {
                _ = tokio::time::sleep(pause) => {}
                _ = cancel.changed() => {}
            }
        }
        self.finished_at = Some(Utc::now());
        store.save(self)?;
        on_progress(&self.progress(None));
        Ok(true)
    }

    /// "Descartar": every template left "sending" is settled by reading (created or not), then
    /// the restore ends as discarded; nothing more is sent. The report still lists every template.
    pub async fn discard(
        &mut self,
        client: &GraphClient,
        store: &RestoreStore,
    ) -> Result<(), RunError> {
        let mut spool = Spool::open(&store.spool())?;
        while let Some(line) = spool.next()? {
            if self.steps.get(line.i) != Some(&Step::Sending) {
                continue;
            }
            if let Some(t) = &line.t {
                let state = self.settle(client, t).await?;
                self.set(store, line.i, state)?;
            }
        }
        self.discarded_at = Some(Utc::now());
        store.save(self)?;
        Ok(())
    }

    /// A creation whose outcome is unknown: read whether it exists.
    async fn settle(&self, client: &GraphClient, t: &NewTemplate) -> Result<RunState, GraphError> {
        let exists = client
            .template_exists(&self.dest_waba, &t.name, &t.language)
            .await?;
        Ok(if exists {
            RunState::Created {
                id: None,
                status: None,
            }
        } else {
            RunState::Waiting
        })
    }
}
