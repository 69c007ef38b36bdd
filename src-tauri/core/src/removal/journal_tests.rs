//! Tests of the journal: round trip, damage set aside, resume.

use super::*;
use crate::steps::deregister_record::{DeregisterOutcome, NotNeeded};

#[test]
fn journal_round_trips_and_survives_damage() {
    let dir = tempfile::tempdir().unwrap();
    let store = JournalStore::new(dir.path());
    let mut j = Journal::new(Mode::Practice, Utc::now());
    j.target.business_id = crate::graph::BusinessId::parse("1").ok();
    j.target.waba_id = crate::graph::WabaId::parse("2").ok();
    j.target.phone_number_id = crate::graph::PhoneNumberId::parse("3").ok();
    j.stage = Stage::Checks;
    store.save(&j).unwrap();
    assert_eq!(store.load().unwrap(), j);
    std::fs::write(store.path(), b"{ half").unwrap();
    assert!(store.load().is_none());
    assert!(dir.path().join("journey.json.damaged-1").exists());
    // An impossible stage and an unknown version are set aside too, each in its own copy.
    let mut odd = j.clone();
    odd.stage = Stage::RemoveWaba;
    store.save(&odd).unwrap();
    let (none, aside) = store.load_reporting();
    assert!(none.is_none());
    assert_eq!(aside.unwrap(), dir.path().join("journey.json.damaged-2"));
    let mut future = j.clone();
    future.version = 99;
    store.save(&future).unwrap();
    assert!(store.load().is_none());
    assert!(dir.path().join("journey.json.damaged-3").exists());
    assert_eq!(
        std::fs::read(dir.path().join("journey.json.damaged-1")).unwrap(),
        b"{ half"
    );
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

/// The UI reads a deregister's `outcome` by the names of [`DeregisterOutcome`]: each record
/// serializes its tag as its outcome's wire name.
#[test]
fn each_deregister_record_tags_itself_with_its_outcome() {
    use crate::vocabulary::Vocabulary;
    let at = Utc::now();
    let records = [
        DeregisterRecord::Sending { at },
        DeregisterRecord::Sent { at, trace_id: None },
        DeregisterRecord::NotNeeded {
            reason: NotNeeded::AlreadyGone,
        },
        DeregisterRecord::Unknown { at },
        DeregisterRecord::Failed {
            at,
            code: None,
            trace_id: None,
        },
    ];
    assert_eq!(records.len(), DeregisterOutcome::ALL.len());
    for r in records {
        let tag = serde_json::to_value(&r).unwrap()["outcome"].clone();
        assert_eq!(tag, serde_json::to_value(r.outcome()).unwrap());
    }
}

mod hostile {
    use super::*;
    use crate::hostile_input::{damaged, snapshot};
    use proptest::prelude::*;

    fn valid() -> Vec<u8> {
        let mut j = Journal::new(Mode::Practice, Utc::now());
        j.target.business_id = crate::graph::BusinessId::parse("1").ok();
        j.target.waba_id = crate::graph::WabaId::parse("2").ok();
        j.target.phone_number_id = crate::graph::PhoneNumberId::parse("3").ok();
        j.stage = Stage::Checks;
        serde_json::to_vec_pretty(&j).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]
        /// The journey's journal, damaged in any way: never a panic; a journal that is not
        /// usable is never half-read, and its bytes are kept (set aside as
        /// `journey.json.damaged-N`, the copy named to the admin); no other file changes.
        #[test]
        fn a_damaged_journal_is_kept_aside_never_half_read(bytes in damaged(valid())) {
            let d = tempfile::tempdir().unwrap();
            let store = JournalStore::new(d.path());
            std::fs::write(store.path(), &bytes).unwrap();
            let (j, aside) = store.load_reporting();
            match (j, aside) {
                (Some(j), None) => {
                    prop_assert_eq!(j.version, JOURNAL_VERSION);
                    prop_assert!(j.incoherence().is_none());
                    prop_assert_eq!(std::fs::read(store.path()).unwrap(), bytes);
                }
                (None, Some(p)) => {
                    prop_assert!(!store.path().exists());
                    let files = snapshot(d.path());
                    prop_assert_eq!(files.len(), 1);
                    prop_assert_eq!(files.get(&p), Some(&bytes));
                }
                other => prop_assert!(false, "unexpected: {:?}", other.1),
            }
        }
    }
}
