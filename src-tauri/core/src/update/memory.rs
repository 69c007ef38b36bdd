//! "At most once a day": when the app last asked and what it heard, in `update-check.json` of the
//! data folder (no secret; written through `files`, 0600 on Unix).

use super::check::{check, Check, UpdateError};
use super::source::Source;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const MEMORY_FILE: &str = "update-check.json";

/// What the last check heard, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Memory {
    pub checked_at: DateTime<Utc>,
    /// The version that asked (a newer app asks again at once).
    pub by_version: String,
    pub result: Result<Check, UpdateError>,
}

impl Memory {
    /// The saved memory; `None` when there is none or it cannot be read (the app then asks).
    pub fn load(dir: &Path) -> Option<Self> {
        let bytes = std::fs::read(dir.join(MEMORY_FILE)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        crate::files::create_private_dir(dir)?;
        let bytes = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        crate::files::write_atomic(&dir.join(MEMORY_FILE), &bytes)
    }

    /// The day's answer for `version`: the saved one while it is fresh, otherwise `source` asked
    /// now and its answer saved in `dir` (a save that fails is logged; the next start asks
    /// again). The file work runs off the async runtime.
    pub async fn of_today(dir: PathBuf, source: &Source, version: &str) -> Self {
        let read = dir.clone();
        let last = tokio::task::spawn_blocking(move || Self::load(&read))
            .await
            .ok()
            .flatten();
        let now = Utc::now();
        if let Some(last) = last.filter(|m| !Self::due(Some(m), version, now)) {
            return last;
        }
        let heard = Self {
            checked_at: now,
            by_version: version.to_owned(),
            result: check(source, version).await,
        };
        let saved = heard.clone();
        match tokio::task::spawn_blocking(move || saved.save(&dir)).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => log::warn!("update: the check's answer was not saved: {e}"),
            Err(e) => log::warn!("update: the check's answer was not saved: {e}"),
        }
        heard
    }

    /// The version this answer offers to install, if it offers one.
    pub fn offered(&self) -> Option<&str> {
        match &self.result {
            Ok(Check::Available(a)) => Some(&a.version),
            _ => None,
        }
    }

    /// Whether a check is due: none yet, another version asked, a day has passed, or the clock
    /// went back.
    pub fn due(memory: Option<&Self>, version: &str, now: DateTime<Utc>) -> bool {
        match memory {
            None => true,
            Some(m) => {
                m.by_version != version
                    || now - m.checked_at >= Duration::days(1)
                    || now < m.checked_at
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn once_a_day_per_version() {
        let t0 = Utc::now();
        let m = Memory {
            checked_at: t0,
            by_version: "0.1.0".into(),
            result: Ok(Check::UpToDate),
        };
        assert!(Memory::due(None, "0.1.0", t0));
        assert!(!Memory::due(Some(&m), "0.1.0", t0 + Duration::hours(23)));
        assert!(Memory::due(Some(&m), "0.1.0", t0 + Duration::hours(24)));
        assert!(Memory::due(Some(&m), "0.1.1", t0 + Duration::minutes(1)));
        assert!(Memory::due(Some(&m), "0.1.0", t0 - Duration::minutes(1)));
    }

    #[test]
    fn kept_between_runs() {
        let dir = tempfile::tempdir().unwrap();
        let m = Memory {
            checked_at: Utc::now(),
            by_version: "0.1.0".into(),
            result: Err(UpdateError::Status(404)),
        };
        m.save(dir.path()).unwrap();
        assert_eq!(Memory::load(dir.path()), Some(m));
        std::fs::write(dir.path().join(MEMORY_FILE), b"{").unwrap();
        assert_eq!(Memory::load(dir.path()), None);
    }
}
