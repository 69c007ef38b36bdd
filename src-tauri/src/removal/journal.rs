//! The journal: where a removal stands, written atomically after every step so that a crash or a
//! closed window resumes where it stopped (design.md, Architecture). It holds ids, names, dates,
//! results and Meta trace ids, never a token.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const JOURNAL_FILE: &str = "journey.json";
pub const JOURNAL_VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Against the built-in sandbox.
    Practice,
    /// Against Meta.
    Real,
}

/// The screens of the journey, in order (design.md, journey table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    ChooseBusiness,
    ChooseWaba,
    ChooseNumber,
    Checks,
    Backup,
    DeleteNumber,
    RemoveWaba,
    Done,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub business_id: Option<String>,
    pub business_name: Option<String>,
    pub waba_id: Option<String>,
    pub waba_name: Option<String>,
    pub phone_number_id: Option<String>,
    pub display_phone_number: Option<String>,
    pub verified_name: Option<String>,
    /// Registered on Cloud API when chosen (so deregister applies).
    pub registered: Option<bool>,
    pub coexistence: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupRecord {
    pub path: Option<String>,
    pub verified: bool,
    pub skipped: bool,
    pub templates: usize,
    pub bytes: u64,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum DeregisterRecord {
    /// Written before the call: if the app dies now, the call is never resent on its own.
    Sending {
        at: DateTime<Utc>,
    },
    Sent {
        at: DateTime<Utc>,
        trace_id: Option<String>,
    },
    NotNeeded {
        reason: String,
    },
    Failed {
        at: DateTime<Utc>,
        code: Option<i64>,
        trace_id: Option<String>,
    },
}

/// Proof that Meta no longer has an object: the API's answer, not the admin's word.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RemovalProof {
    pub verified_at: DateTime<Utc>,
    /// 100 ("does not exist") or 803 ("deleted"), or 0 when the number answered status DELETED.
    pub evidence_code: i64,
    pub trace_id: Option<String>,
    pub polls: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub at: DateTime<Utc>,
    pub what: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Journal {
    pub version: u32,
    pub id: String,
    pub mode: Mode,
    pub started_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub stage: Stage,
    pub target: Target,
    #[serde(default)]
    pub checks: Option<super::checks::ChecksReport>,
    #[serde(default)]
    pub acknowledged_loss: bool,
    /// Failed checks the admin chose to override (recorded in the receipt).
    #[serde(default)]
    pub overrides: Vec<super::checks::CheckId>,
    #[serde(default)]
    pub backup: Option<BackupRecord>,
    #[serde(default)]
    pub deregister: Option<DeregisterRecord>,
    /// When the admin typed the last 4 digits and pressed "Avançar".
    #[serde(default)]
    pub number_confirmed_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub number_removed: Option<RemovalProof>,
    #[serde(default)]
    pub unsubscribed_app: Option<Event>,
    /// When the admin typed the WABA's name and pressed "Excluir conta".
    #[serde(default)]
    pub waba_confirmed_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub waba_removed: Option<RemovalProof>,
    /// Why step 7 was skipped (other numbers remain, or the admin chose to keep the WABA).
    #[serde(default)]
    pub waba_skipped: Option<String>,
    #[serde(default)]
    pub finished_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub events: Vec<Event>,
}

impl Journal {
    pub fn new(mode: Mode, now: DateTime<Utc>) -> Self {
        Self {
            version: JOURNAL_VERSION,
            id: format!(
                "{}-{:04x}",
                now.format("%Y%m%dT%H%M%S"),
                rand::random::<u16>()
            ),
            mode,
            started_at: now,
            updated_at: now,
            stage: Stage::ChooseBusiness,
            target: Target::default(),
            checks: None,
            acknowledged_loss: false,
            overrides: vec![],
            backup: None,
            deregister: None,
            number_confirmed_at: None,
            number_removed: None,
            unsubscribed_app: None,
            waba_confirmed_at: None,
            waba_removed: None,
            waba_skipped: None,
            finished_at: None,
            events: vec![],
        }
    }

    pub fn log(&mut self, what: impl Into<String>, trace_id: Option<String>) {
        self.events.push(Event {
            at: Utc::now(),
            what: what.into(),
            trace_id,
        });
    }

    /// The day the number may move to another provider: removal + 30 days (help page's retention).
    pub fn free_to_move_on(&self) -> Option<NaiveDate> {
        self.number_removed
            .as_ref()
            .map(|p| p.verified_at.date_naive() + chrono::Days::new(30))
    }

    /// Whether this journal is worth offering to resume.
    pub fn unfinished(&self) -> bool {
        self.stage != Stage::Done && self.target.phone_number_id.is_some()
    }
}

/// Where the journal lives (the app data dir). Writes go to a temp file, then rename.
#[derive(Debug, Clone)]
pub struct JournalStore {
    dir: PathBuf,
}

impl JournalStore {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(JOURNAL_FILE)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn save(&self, j: &Journal) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let bytes = serde_json::to_vec_pretty(j).map_err(std::io::Error::other)?;
        write_atomic(&self.path(), &bytes)
    }

    /// The saved journal; `None` when there is none or it cannot be read (a damaged journal is
    /// set aside as `journey.json.damaged`, never silently lost).
    pub fn load(&self) -> Option<Journal> {
        let bytes = std::fs::read(self.path()).ok()?;
        match serde_json::from_slice::<Journal>(&bytes) {
            Ok(j) => Some(j),
            Err(e) => {
                log::warn!("journal unreadable ({e}); setting it aside");
                let _ = std::fs::rename(self.path(), self.dir.join("journey.json.damaged"));
                None
            }
        }
    }

    /// Moves a finished or abandoned journal to `history/`.
    pub fn archive(&self, j: &Journal) -> std::io::Result<()> {
        let hist = self.dir.join("history");
        std::fs::create_dir_all(&hist)?;
        let bytes = serde_json::to_vec_pretty(j).map_err(std::io::Error::other)?;
        write_atomic(&hist.join(format!("{}.json", j.id)), &bytes)?;
        match std::fs::remove_file(self.path()) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// Write to `path.tmp`, flush to disk, rename over `path`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let tmp = path.with_extension(format!(
        "{}.tmp",
        path.extension().and_then(|e| e.to_str()).unwrap_or("")
    ));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journal_round_trips_and_survives_damage() {
        let dir = tempfile::tempdir().unwrap();
        let store = JournalStore::new(dir.path());
        let mut j = Journal::new(Mode::Practice, Utc::now());
        j.target.phone_number_id = Some("3".into());
        j.stage = Stage::Backup;
        store.save(&j).unwrap();
        assert_eq!(store.load().unwrap(), j);
        std::fs::write(store.path(), b"{ half").unwrap();
        assert!(store.load().is_none());
        assert!(dir.path().join("journey.json.damaged").exists());
    }

    #[test]
    fn archive_moves_to_history() {
        let dir = tempfile::tempdir().unwrap();
        let store = JournalStore::new(dir.path());
        let j = Journal::new(Mode::Real, Utc::now());
        store.save(&j).unwrap();
        store.archive(&j).unwrap();
        assert!(store.load().is_none());
        assert!(dir
            .path()
            .join("history")
            .join(format!("{}.json", j.id))
            .exists());
    }
}
