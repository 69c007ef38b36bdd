//! One number's release, journaled in its own folder (`<run>/<number id>/release.json`) and
//! saved before every request that changes something at Meta.

use crate::files;
use crate::removal::deregister::{self, DeregisterJournal};
use crate::removal::journal::{BackupRecord, DeregisterRecord, Event};
use crate::removal::target::Target;
use crate::removal::{ChecksReport, JourneyError};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const RELEASE_FILE: &str = "release.json";
const VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NumberJournal {
    pub version: u32,
    pub target: Target,
    pub checks: Option<ChecksReport>,
    pub backup: Option<BackupRecord>,
    pub deregister: Option<DeregisterRecord>,
    /// Every deregister this app sent for the number (Meta allows 10 per 72 h).
    #[serde(default)]
    pub deregister_attempts: Vec<DateTime<Utc>>,
    /// The migration card written for the new provider.
    pub card: Option<PathBuf>,
    pub finished_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub events: Vec<Event>,
}

/// A number's release and where it is kept.
pub struct NumberRelease {
    pub j: NumberJournal,
    dir: PathBuf,
}

impl NumberRelease {
    /// The journal in `run/<number id>/`, read back when an earlier run left one (a deregister in
    /// flight then becomes "unknown"), or a new one for `target`.
    pub fn open(run: &Path, target: Target) -> Result<Self, JourneyError> {
        let id = target
            .phone_number_id
            .as_deref()
            .unwrap_or("unknown")
            .to_owned();
        let dir = run.join(&id);
        files::create_private_dir(&dir)?;
        let path = dir.join(RELEASE_FILE);
        let earlier = std::fs::read(&path)
            .ok()
            .and_then(|b| serde_json::from_slice::<NumberJournal>(&b).ok())
            .filter(|j| j.target.phone_number_id == target.phone_number_id);
        let mut me = Self {
            j: earlier.unwrap_or(NumberJournal {
                version: VERSION,
                target,
                checks: None,
                backup: None,
                deregister: None,
                deregister_attempts: vec![],
                card: None,
                finished_at: None,
                events: vec![],
            }),
            dir,
        };
        if deregister::settle_interrupted(&mut me) {
            me.persist()?;
        }
        Ok(me)
    }

    /// The number's folder: its journal, backup and card.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn save(&self) -> Result<(), JourneyError> {
        let bytes = serde_json::to_vec_pretty(&self.j).map_err(std::io::Error::other)?;
        files::write_atomic(&self.dir.join(RELEASE_FILE), &bytes)?;
        Ok(())
    }

    pub fn log(&mut self, what: impl Into<String>, trace_id: Option<String>) {
        self.j.events.push(Event {
            at: Utc::now(),
            what: what.into(),
            trace_id,
        });
    }
}

impl DeregisterJournal for NumberRelease {
    fn record(&mut self) -> &mut Option<DeregisterRecord> {
        &mut self.j.deregister
    }
    fn attempts(&mut self) -> &mut Vec<DateTime<Utc>> {
        &mut self.j.deregister_attempts
    }
    fn note(&mut self, what: String, trace_id: Option<String>) {
        self.log(what, trace_id);
    }
    fn persist(&mut self) -> Result<(), JourneyError> {
        self.save()
    }
}
