//! Creating the planned templates, one at a time, journaled in `restore.json` (no secret): each
//! template is marked "sending" before its request leaves, so a crash or a lost answer is settled
//! by reading whether it exists, never by sending again on a guess. Meta's rate limits pause the
//! run and it goes on; the usage headers slow it down; "Parar" stops between two templates.

use super::file::BackupHead;
use super::plan::{SkipReason, SpoolLine};
use crate::graph::{ErrorClass, GraphClient, GraphError, NewTemplate, WabaId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tokio::sync::watch;

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
    pub finished: bool,
}

#[derive(Serialize, Deserialize)]
struct LogLine {
    i: usize,
    state: RunState,
}

/// Where the restore's journal lives: `restore.json` (the whole restore, written at its start and
/// end) and `restore.log` (one line per template's change, appended and synced).
#[derive(Debug, Clone)]
pub struct RestoreStore {
    dir: PathBuf,
}

impl RestoreStore {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }
    pub fn path(&self) -> PathBuf {
        self.dir.join("restore.json")
    }
    /// What to send for each template to create, one line each (written by `plan::prepare`).
    pub fn spool(&self) -> PathBuf {
        self.dir.join("restore-spool.jsonl")
    }
    fn log_path(&self) -> PathBuf {
        self.dir.join("restore.log")
    }
    /// The whole restore (its steps, one byte each); the log keeps every change's details.
    pub fn save(&self, r: &Restore) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let bytes = serde_json::to_vec(r).map_err(std::io::Error::other)?;
        crate::removal::files::write_atomic(&self.path(), &bytes)
    }
    /// A new restore: the previous one's log is forgotten.
    fn begin(&self) -> std::io::Result<()> {
        match std::fs::remove_file(self.log_path()) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
    /// Every change of the log, in order (a torn last line is ignored).
    pub fn changes(&self) -> Vec<(usize, RunState)> {
        let log = std::fs::read(self.log_path()).unwrap_or_default();
        log.split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .map_while(|l| serde_json::from_slice::<LogLine>(l).ok())
            .map(|l| (l.i, l.state))
            .collect()
    }
    /// Each template's plan line, in order (from the spool).
    pub fn plan_lines(&self) -> std::io::Result<Vec<super::plan::PlanItem>> {
        let mut spool = Spool::open(&self.spool())?;
        let mut out = Vec::new();
        while let Some(l) = spool.next()? {
            out.push(l.item);
        }
        Ok(out)
    }
    /// One template's new state, appended and synced (a few bytes per step, however many
    /// templates the restore has).
    pub fn record(&self, index: usize, state: &RunState) -> std::io::Result<()> {
        use std::io::Write;
        let mut line = serde_json::to_vec(&LogLine {
            i: index,
            state: state.clone(),
        })
        .map_err(std::io::Error::other)?;
        line.push(b'\n');
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.log_path())?;
        f.write_all(&line)?;
        f.sync_data()
    }
    /// An unfinished restore to resume, if any: the saved restore with its log replayed (a torn
    /// last line is ignored; a damaged file is set aside).
    pub fn load(&self) -> Option<Restore> {
        let bytes = std::fs::read(self.path()).ok()?;
        let mut r: Restore = match serde_json::from_slice(&bytes) {
            Ok(r) => r,
            Err(_) => {
                let _ = crate::removal::files::set_aside(&self.path());
                return None;
            }
        };
        for (i, state) in self.changes() {
            if let Some(step) = r.steps.get_mut(i) {
                *step = Step::from(&state);
            }
        }
        Some(r)
    }
    pub fn clear(&self) -> std::io::Result<()> {
        for p in [self.path(), self.log_path(), self.spool()] {
            match std::fs::remove_file(p) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Graph(#[from] GraphError),
    #[error("the restore journal could not be saved: {0}")]
    Journal(#[from] std::io::Error),
}

/// Reads the spool in step with the items: what to send for item `i`.
struct Spool {
    lines: std::io::Lines<std::io::BufReader<std::fs::File>>,
}

impl Spool {
    fn open(path: &std::path::Path) -> std::io::Result<Self> {
        use std::io::BufRead;
        Ok(Self {
            lines: std::io::BufReader::new(std::fs::File::open(path)?).lines(),
        })
    }

    /// The next spool line (every template of the backup has one, in order).
    fn next(&mut self) -> std::io::Result<Option<SpoolLine>> {
        match self.lines.next() {
            Some(line) => Ok(Some(
                serde_json::from_str(&line?).map_err(std::io::Error::other)?,
            )),
            None => Ok(None),
        }
    }
}

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
    /// A restore of the plan `prepare` wrote into `store`'s spool.
    pub fn new(
        backup: &BackupHead,
        store: &RestoreStore,
        dest: WabaId,
        dest_name: Option<String>,
    ) -> std::io::Result<Self> {
        store.begin()?;
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
            id: Utc::now().format("%Y%m%dT%H%M%S").to_string(),
            source_waba: backup.waba.id.clone(),
            source_number: backup.phone_number.display_phone_number.clone(),
            dest_waba: dest,
            dest_name,
            steps,
            started_at: Utc::now(),
            finished_at: None,
        })
    }

    /// The first template still to send (tests simulate a crash on it).
    pub fn first_waiting(&self) -> Option<usize> {
        self.steps.iter().position(|s| *s == Step::Waiting)
    }

    pub fn progress(&self, per_item: Option<Duration>) -> Progress {
        let mut p = Progress {
            total: self.steps.len(),
            finished: self.finished_at.is_some(),
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

    fn set(&mut self, store: &RestoreStore, i: usize, state: RunState) -> std::io::Result<()> {
        self.steps[i] = Step::from(&state);
        store.record(i, &state)
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
                match client.create_template(&self.dest_waba, &new).await {
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
