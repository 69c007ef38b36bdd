//! Where a restore is journaled: `restore.json` (the restore, one byte per template),
//! `restore.log` (one appended, synced line per template's change, with Meta's answer) and
//! `restore-spool.jsonl` (each template's plan line and what to send, written by `plan::prepare`).

use super::model::{Restore, RunState, Step};
use super::plan::SpoolLine;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

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
    pub(crate) fn begin(&self) -> std::io::Result<()> {
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

/// Reads the spool in step with the items: what to send for item `i`.
pub(crate) struct Spool {
    lines: std::io::Lines<std::io::BufReader<std::fs::File>>,
}

impl Spool {
    pub(crate) fn open(path: &std::path::Path) -> std::io::Result<Self> {
        use std::io::BufRead;
        Ok(Self {
            lines: std::io::BufReader::new(std::fs::File::open(path)?).lines(),
        })
    }

    /// The next spool line (every template of the backup has one, in order).
    pub(crate) fn next(&mut self) -> std::io::Result<Option<SpoolLine>> {
        match self.lines.next() {
            Some(line) => Ok(Some(
                serde_json::from_str(&line?).map_err(std::io::Error::other)?,
            )),
            None => Ok(None),
        }
    }
}
