//! Where a restore is journaled, one folder per restore under `restores/` (`docs/security.md`):
//! `restore.json` (the restore, one byte per template), `restore.log` (one appended line per
//! template's change, with Meta's answer) and `restore-spool.jsonl` (each template's plan line and
//! what to send, written by `plan::prepare`). Every file is private (`crate::files`).

use super::model::{Restore, RunState, Step};
use super::plan::SpoolLine;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

#[derive(Serialize, Deserialize)]
struct LogLine {
    i: usize,
    state: RunState,
}

/// One restore's folder: `restore.json` (the whole restore, written at its start and end),
/// `restore.log` (one line per template's change, appended) and `restore-spool.jsonl` (what to
/// send). Each restore has its own folder, so a new preview never touches an unfinished restore.
#[derive(Debug, Clone, PartialEq)]
pub struct RestoreStore {
    dir: PathBuf,
}

impl RestoreStore {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }
    /// The folder's name: the restore's id.
    pub fn id(&self) -> String {
        self.dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
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
        crate::files::create_private_dir(&self.dir)?;
        let bytes = serde_json::to_vec(r).map_err(std::io::Error::other)?;
        crate::files::write_atomic(&self.path(), &bytes)
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
    /// One template's new state, appended (a few bytes per step, however many templates the
    /// restore has). Synced before returning except for a creation Meta confirmed: losing that
    /// line in a crash leaves the template "sending", which resume settles by reading, never by
    /// sending again.
    pub fn record(&self, index: usize, state: &RunState) -> std::io::Result<()> {
        use std::io::Write;
        let mut line = serde_json::to_vec(&LogLine {
            i: index,
            state: state.clone(),
        })
        .map_err(std::io::Error::other)?;
        line.push(b'\n');
        let mut f = crate::files::append_private(&self.log_path())?;
        f.write_all(&line)?;
        if matches!(state, RunState::Created { .. }) {
            Ok(())
        } else {
            f.sync_data()
        }
    }
    /// The restore in this folder with its log replayed (a torn last line is ignored; a damaged
    /// file is set aside).
    pub fn load(&self) -> Option<Restore> {
        let bytes = std::fs::read(self.path()).ok()?;
        let mut r: Restore = match serde_json::from_slice(&bytes) {
            Ok(r) => r,
            Err(_) => {
                let _ = crate::files::set_aside(&self.path());
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
    /// A preview's folder that never became a restore.
    fn is_preview_only(&self) -> bool {
        !self.path().exists()
    }
}

/// Every restore the app journaled, one folder each under `restores/` of the data folder.
#[derive(Debug, Clone)]
pub struct RestoreShelf {
    root: PathBuf,
}

impl RestoreShelf {
    pub fn new(data_dir: &std::path::Path) -> Self {
        let shelf = Self {
            root: data_dir.join("restores"),
        };
        shelf.adopt_legacy(data_dir);
        shelf
    }

    /// A new folder for a preview (and the restore it may become).
    pub fn fresh(&self) -> std::io::Result<RestoreStore> {
        crate::files::create_private_dir(&self.root)?;
        loop {
            let id = format!(
                "{}-{:04x}",
                chrono::Utc::now().format("%Y%m%dT%H%M%S"),
                rand::random::<u16>()
            );
            let dir = self.root.join(&id);
            match crate::files::create_new_private_dir(&dir) {
                Ok(()) => {
                    return Ok(RestoreStore::new(dir));
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// The folder of the restore with this id, when it exists (an id is a folder name, nothing
    /// else: no separator, no `..`).
    pub fn get(&self, id: &str) -> Option<RestoreStore> {
        let plain = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        let dir = self.root.join(id);
        (plain && dir.is_dir()).then(|| RestoreStore::new(dir))
    }

    /// Every journaled restore, oldest first.
    pub fn all(&self) -> Vec<(RestoreStore, Restore)> {
        let mut out: Vec<(RestoreStore, Restore)> = std::fs::read_dir(&self.root)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .map(|e| RestoreStore::new(e.path()))
            .filter_map(|s| s.load().map(|r| (s, r)))
            .collect();
        out.sort_by(|a, b| {
            a.1.started_at
                .cmp(&b.1.started_at)
                .then(a.0.id().cmp(&b.0.id()))
        });
        out
    }

    /// The unfinished restore, if any (there is at most one: a new one needs it finished or
    /// discarded).
    pub fn unfinished(&self) -> Option<(RestoreStore, Restore)> {
        self.all().into_iter().rev().find(|(_, r)| r.unfinished())
    }

    /// An unfinished restore blocks a new one: continue or discard it first.
    pub fn no_unfinished(&self) -> Result<(), super::error::RestoreError> {
        match self.unfinished() {
            Some((_, r)) => Err(super::error::RestoreError::Unfinished {
                mode: r.owner.as_ref().map(|o| o.mode),
                account: r.owner.and_then(|o| o.account),
            }),
            None => Ok(()),
        }
    }

    /// The newest restore and the unfinished one, from one reading of the shelf.
    pub fn latest_and_unfinished(&self) -> (Option<Restore>, Option<Restore>) {
        let all = self.all();
        let unfinished = all
            .iter()
            .rev()
            .find(|(_, r)| r.unfinished())
            .map(|(_, r)| r.clone());
        (all.into_iter().last().map(|(_, r)| r), unfinished)
    }

    /// The newest restore (for the report and the progress shown after a relaunch).
    pub fn latest(&self) -> Option<(RestoreStore, Restore)> {
        self.all().pop()
    }

    /// Removes the folders of previews that never became restores, but `keep`.
    pub fn sweep_previews(&self, keep: &RestoreStore) {
        for e in std::fs::read_dir(&self.root)
            .into_iter()
            .flatten()
            .flatten()
        {
            let s = RestoreStore::new(e.path());
            if s != *keep && e.file_type().is_ok_and(|t| t.is_dir()) && s.is_preview_only() {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }

    /// A restore journaled by an earlier version (one set of files in the data folder) moves into
    /// a folder of its own, so it can still be discarded and reported.
    fn adopt_legacy(&self, data_dir: &std::path::Path) {
        let old = data_dir.join("restore.json");
        if !old.exists() || crate::files::create_private_dir(&self.root).is_err() {
            return;
        }
        let dir = self.root.join("earlier");
        if crate::files::create_private_dir(&dir).is_err() {
            return;
        }
        for name in ["restore.json", "restore.log", "restore-spool.jsonl"] {
            let from = data_dir.join(name);
            if from.exists() {
                let _ = crate::files::move_new(&from, &dir.join(name));
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hostile_input::{damaged, snapshot};
    use proptest::prelude::*;

    fn restore() -> Restore {
        Restore {
            id: "20261201T100000-0001".into(),
            source_waba: Some("2".into()),
            source_number: Some("3".into()),
            dest_waba: crate::graph::WabaId::parse("4").unwrap(),
            dest_name: Some("Loja".into()),
            steps: vec![Step::Waiting, Step::Sending, Step::Created],
            started_at: chrono::Utc::now(),
            finished_at: None,
            owner: None,
            discarded_at: None,
        }
    }

    fn log() -> Vec<u8> {
        let mut out = Vec::new();
        for (i, s) in [
            RunState::Sending,
            RunState::Created {
                id: Some("77".into()),
                status: Some("PENDING".into()),
            },
        ]
        .into_iter()
        .enumerate()
        {
            out.extend(serde_json::to_vec(&LogLine { i, state: s }).unwrap());
            out.push(b'\n');
        }
        out
    }

    fn spool() -> Vec<u8> {
        let line = SpoolLine {
            i: 0,
            item: super::super::plan::PlanItem {
                name: "boas_vindas".into(),
                language: "pt_BR".into(),
                category: "UTILITY".into(),
                status: Some("APPROVED".into()),
                skip: None,
            },
            t: None,
        };
        let mut out = serde_json::to_vec(&line).unwrap();
        out.push(b'\n');
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// A restore's three files, each damaged in any way: never a panic; the log and the spool
        /// are never written by a read; a restore that does not parse is set aside whole (its
        /// bytes kept), never half-read; a log line that does not parse ends the replay there.
        #[test]
        fn damaged_restore_files_never_panic_nor_get_written(
            which in 0..3usize,
            bytes in prop_oneof![
                damaged(serde_json::to_vec(&restore()).unwrap()),
                damaged(log()),
                damaged(spool()),
            ],
        ) {
            let d = tempfile::tempdir().unwrap();
            let store = RestoreStore::new(d.path());
            let mut files = [
                (store.path(), serde_json::to_vec(&restore()).unwrap()),
                (store.log_path(), log()),
                (store.spool(), spool()),
            ];
            files[which].1 = bytes.clone();
            for (p, b) in &files {
                std::fs::write(p, b).unwrap();
            }
            let loaded = store.load();
            let _ = store.plan_lines();
            let changes = store.changes();
            // A replay never invents a change: at most one per line the log holds.
            let lines = files[1].1.split(|b| *b == b'\n').filter(|l| !l.is_empty()).count();
            prop_assert!(changes.len() <= lines);
            let after = snapshot(d.path());
            prop_assert_eq!(after.get(&store.log_path()), Some(&files[1].1));
            prop_assert_eq!(after.get(&store.spool()), Some(&files[2].1));
            match loaded {
                Some(r) => {
                    prop_assert_eq!(after.get(&store.path()), Some(&files[0].1));
                    prop_assert!(r.steps.len() <= 3 || which == 0);
                }
                None => {
                    prop_assert!(!store.path().exists());
                    prop_assert!(after.values().any(|b| *b == files[0].1));
                }
            }
        }
    }
}
