//! One number's release, journaled in its own folder (`<run>/<number id>/release.json`) and
//! saved before every request that changes something at Meta.

use super::report::{NumberResult, ReleaseStatus};
use super::road::ReleaseRoad;
use crate::connection::Owner;
use crate::files;
use crate::removal::journal::{BackupRecord, Event};
use crate::removal::JourneyError;
use crate::steps::checks::ChecksReport;
use crate::steps::deregister::{self, DeregisterJournal};
use crate::steps::deregister_record::DeregisterRecord;
use crate::steps::target::Target;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const RELEASE_FILE: &str = "release.json";
const VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NumberJournal {
    pub version: u32,
    pub target: Target,
    /// The road this number's release took (a journal of an earlier version, without it, was a
    /// deregister: `close`).
    #[serde(default)]
    pub road: Option<ReleaseRoad>,
    pub checks: Option<ChecksReport>,
    pub backup: Option<BackupRecord>,
    pub deregister: Option<DeregisterRecord>,
    /// Every deregister this app sent for the number (Meta allows 10 per 72 h).
    #[serde(default)]
    pub deregister_attempts: Vec<DateTime<Utc>>,
    /// The migration card written for the new provider.
    pub card: Option<PathBuf>,
    pub finished_at: Option<DateTime<Utc>>,
    /// The connection that started it (a journal of an earlier version, without it, is taken
    /// by the first connection that resumes it).
    #[serde(default)]
    pub owner: Option<Owner>,
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
    /// flight then becomes "unknown"), or a new one for `target` on `road`. A journal that is
    /// damaged, of another version, of another number or of another road is refused with its
    /// path, never replaced (it may hold the record of a deregister).
    pub fn open(
        run: &Path,
        target: Target,
        road: ReleaseRoad,
        owner: &Owner,
    ) -> Result<Self, JourneyError> {
        let id = target
            .phone_number_id
            .as_deref()
            .filter(|i| !i.is_empty() && i.bytes().all(|b| b.is_ascii_digit()))
            .ok_or_else(|| JourneyError::UnknownId("number".into()))?
            .to_owned();
        let dir = run.join(&id);
        files::create_private_dir(&dir)?;
        let path = dir.join(RELEASE_FILE);
        let earlier = read_earlier(&path, target.phone_number_id.as_deref())?;
        if let Some(e) = &earlier {
            // Another connection's run (another token's user, host or mode) is not resumed.
            if let Some(o) = &e.owner {
                o.check(owner.mode, &owner.binding)
                    .map_err(|why| JourneyError::OtherConnection(why.as_str()))?;
            }
            let started = e.road.unwrap_or(ReleaseRoad::Close);
            if started != road {
                return Err(JourneyError::RoadChanged {
                    started: started.name(),
                });
            }
        }
        let mut me = Self {
            j: earlier.unwrap_or(NumberJournal {
                version: VERSION,
                target,
                road: Some(road),
                checks: None,
                backup: None,
                deregister: None,
                deregister_attempts: vec![],
                card: None,
                finished_at: None,
                owner: None,
                events: vec![],
            }),
            dir,
        };
        me.j.owner.get_or_insert_with(|| owner.clone());
        if deregister::settle_interrupted(&mut me) {
            me.persist()?;
        }
        Ok(me)
    }

    /// A number released to another provider by an earlier run in `run` that no account lists
    /// any more: the move happened. Its result, with the account its journal names (for the
    /// webhooks' proof); `None` for any other number.
    pub fn moved(run: &Path, id: &str, road: ReleaseRoad) -> Option<NumberResult> {
        if road != ReleaseRoad::Provider || !id.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        // The one reader of a journal: a damaged or foreign one proves no move.
        let j = read_earlier(&run.join(id).join(RELEASE_FILE), Some(id)).ok()??;
        let finished = j.road == Some(ReleaseRoad::Provider) && j.card.is_some();
        finished.then(|| NumberResult {
            phone_number_id: id.to_owned(),
            display_phone_number: j.target.display_phone_number.clone(),
            account_id: j.target.waba_id.as_deref().map(str::to_owned),
            account_name: j.target.waba_name.clone(),
            status: ReleaseStatus::Moved,
            road: Some(ReleaseRoad::Provider),
            deregister: None,
            backup: j
                .backup
                .as_ref()
                .and_then(|b| b.path.clone())
                .map(Into::into),
            card: j.card.clone(),
            error: None,
        })
    }

    /// The road this number takes.
    pub fn road(&self) -> ReleaseRoad {
        self.j.road.unwrap_or(ReleaseRoad::Close)
    }

    /// The number's folder: its journal, backup and card.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn save(&self) -> Result<(), JourneyError> {
        Ok(self.write()?)
    }

    fn write(&self) -> std::io::Result<()> {
        let bytes = serde_json::to_vec_pretty(&self.j).map_err(std::io::Error::other)?;
        files::write_atomic(&self.dir.join(RELEASE_FILE), &bytes)
    }

    pub fn log(&mut self, what: impl Into<String>, trace_id: Option<String>) {
        self.j.events.push(Event {
            at: Utc::now(),
            what: what.into(),
            trace_id,
        });
    }
}

/// The journal an earlier run left at `path`: hostile input (`docs/security.md`).
/// `id` is the number the journal must be of.
fn read_earlier(path: &Path, id: Option<&str>) -> Result<Option<NumberJournal>, JourneyError> {
    let damaged = |why: &str| JourneyError::FileDamaged {
        path: path.to_owned(),
        why: why.to_owned(),
    };
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.into()),
        Ok(m) if !m.is_file() => return Err(damaged("not a plain file")),
        Ok(m) if m.len() > 16 * 1024 * 1024 => return Err(damaged("too large")),
        Ok(_) => {}
    }
    let bytes = std::fs::read(path)?;
    let j: NumberJournal = serde_json::from_slice(&bytes).map_err(|_| damaged("not its format"))?;
    if j.version != VERSION {
        return Err(damaged("written by another version of the app"));
    }
    if j.target.phone_number_id.as_deref() != id {
        return Err(damaged("the journal of another number"));
    }
    Ok(Some(j))
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
    fn persist(&mut self) -> std::io::Result<()> {
        self.write()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::PhoneNumberId;
    use proptest::prelude::*;

    fn target() -> Target {
        Target {
            phone_number_id: PhoneNumberId::try_from("3100000000000001".to_owned()).ok(),
            ..Default::default()
        }
    }

    fn owner(user: &str) -> Owner {
        use crate::connection::{Binding, Mode};
        Owner {
            mode: Mode::Real,
            binding: Binding::new(Mode::Real, "graph.facebook.com".into(), user.into()),
            account: None,
        }
    }

    /// A run is its connection's: another token's user resuming the folder is refused and the
    /// journal kept; the same user resumes it.
    #[test]
    fn another_connections_journal_is_refused_and_kept() {
        let d = tempfile::tempdir().unwrap();
        let path = d.path().join("3100000000000001").join(RELEASE_FILE);
        NumberRelease::open(d.path(), target(), ReleaseRoad::Close, &owner("1"))
            .unwrap()
            .save()
            .unwrap();
        let kept = std::fs::read(&path).unwrap();
        assert!(matches!(
            NumberRelease::open(d.path(), target(), ReleaseRoad::Close, &owner("2")),
            Err(JourneyError::OtherConnection("user"))
        ));
        assert_eq!(std::fs::read(&path).unwrap(), kept);
        assert!(NumberRelease::open(d.path(), target(), ReleaseRoad::Close, &owner("1")).is_ok());
    }

    /// A journal another run left, damaged, of another version, number or road: refused with
    /// its path, and the file is left as it was (it may hold a deregister's record).
    #[test]
    fn a_damaged_or_foreign_journal_is_refused_and_kept() {
        let d = tempfile::tempdir().unwrap();
        let dir = d.path().join("3100000000000001");
        crate::files::create_private_dir(&dir).unwrap();
        let path = dir.join(RELEASE_FILE);
        let ok = NumberRelease::open(d.path(), target(), ReleaseRoad::Close, &owner("1")).unwrap();
        ok.save().unwrap();
        let good = std::fs::read(&path).unwrap();
        assert!(matches!(
            NumberRelease::open(d.path(), target(), ReleaseRoad::Provider, &owner("1")),
            Err(JourneyError::RoadChanged { started: "close" })
        ));
        let newer = String::from_utf8(good.clone())
            .unwrap()
            .replace("\"version\": 1", "\"version\": 2");
        for bytes in [b"{oops".to_vec(), newer.into_bytes()] {
            std::fs::write(&path, &bytes).unwrap();
            assert!(matches!(
                NumberRelease::open(d.path(), target(), ReleaseRoad::Close, &owner("1")),
                Err(JourneyError::FileDamaged { .. })
            ));
            assert_eq!(std::fs::read(&path).unwrap(), bytes);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Arbitrary bytes where a journal goes: never a panic, and a refused file is never
        /// written.
        #[test]
        fn any_bytes_are_read_or_refused_without_a_write(
            bytes in proptest::collection::vec(any::<u8>(), 0..600),
        ) {
            let d = tempfile::tempdir().unwrap();
            let dir = d.path().join("3100000000000001");
            crate::files::create_private_dir(&dir).unwrap();
            let path = dir.join(RELEASE_FILE);
            std::fs::write(&path, &bytes).unwrap();
            if NumberRelease::open(d.path(), target(), ReleaseRoad::Close, &owner("1")).is_err() {
                prop_assert_eq!(std::fs::read(&path).unwrap(), bytes);
            }
        }
    }
}
