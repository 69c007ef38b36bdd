//! The hard cap on this app's calls: Meta allows about 200 calls per hour per app and WABA
//! (`docs/meta-rules.md`, rate limits). Every request the client sends is counted here, so no
//! click pattern, redraw or runaway loop can burn the WABA's hourly budget.
//!
//! In real mode the ledger lives in the data folder (`calls.json`, [`CallLedger::in_file`]) and
//! every process of this app on the machine (the window, its batch, the support console, a second
//! console) counts in the same file under one lock (`calls.lock`): a rerun or a console beside
//! the app never goes over the hour's cap (`docs/security.md`, the shared ledgers).

use chrono::{DateTime, Utc};
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The default cap: under Meta's ~200/h, with room for Meta's own rounding.
pub const DEFAULT_HOURLY_CAP: u32 = 190;

const HOUR: chrono::Duration = chrono::Duration::hours(1);

/// One ledger shared by every client of the app (see `GraphClient::with_ledger`).
pub type SharedLedger = std::sync::Arc<std::sync::Mutex<CallLedger>>;

/// Send times of the last hour, oldest first; kept in a file shared by every process when
/// [`CallLedger::in_file`] made it.
#[derive(Debug, Default, Clone)]
pub struct CallLedger {
    times: VecDeque<DateTime<Utc>>,
    file: Option<PathBuf>,
}

/// The most times a ledger file may hold (far above any cap): a bigger file is damaged.
const MAX_TIMES: usize = 100_000;

impl CallLedger {
    /// The ledger kept in `path`, shared with every other process of this app that uses the same
    /// file. The calls an earlier run made in the last hour still count.
    pub fn in_file(path: PathBuf) -> Self {
        let mut me = Self {
            times: VecDeque::new(),
            file: Some(path),
        };
        me.shared(|_| ((), false));
        me
    }

    /// Runs `f` on the ledger as every process sees it: under the file's lock, taken from the
    /// file, and written back when `f` says it changed something. Without a file, or when the
    /// file cannot be used (read-only disk), `f` runs on this process's own count.
    fn shared<T>(&mut self, f: impl FnOnce(&mut Self) -> (T, bool)) -> T {
        let Some(path) = self.file.clone() else {
            return f(self).0;
        };
        let lock = crate::files::open_lock(&path.with_extension("lock"));
        let guard = match &lock {
            Ok(file) => file.lock().map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        if let Err(e) = &guard {
            log::warn!(
                "call ledger {}: {e}; counting in this process only",
                path.display()
            );
            return f(self).0;
        }
        // The file is the truth every process shares (a damaged one: this process's count).
        if let Some(shared) = read_times(&path) {
            self.times = shared.into();
        }
        self.prune(Utc::now());
        let (out, changed) = f(self);
        if changed {
            let times: Vec<DateTime<Utc>> = self.times.iter().copied().collect();
            let bytes = serde_json::to_vec(&times).unwrap_or_default();
            if let Err(e) = crate::files::write_atomic(&path, &bytes) {
                log::warn!("call ledger {}: {e}", path.display());
            }
        }
        drop(lock); // closing the file releases the lock
        out
    }

    /// Counts `calls` calls at `now` when they fit under `cap` (a batch is as many calls as it
    /// has items, `docs/meta-rules.md` §1); otherwise how long until they would.
    pub fn reserve(&mut self, now: DateTime<Utc>, cap: u32, calls: u32) -> Result<(), Duration> {
        self.shared(|l| {
            let wait = l.wait_for_room(now, cap, calls.max(1));
            if wait.is_zero() {
                for _ in 0..calls.max(1) {
                    l.push(now);
                }
                (Ok(()), true)
            } else {
                (Err(wait), false)
            }
        })
    }

    /// The calls of the last hour, every process's, oldest first.
    pub fn current(&mut self, now: DateTime<Utc>) -> Vec<DateTime<Utc>> {
        self.shared(|l| {
            l.prune(now);
            (l.times(), false)
        })
    }

    /// How long until `n` more calls fit under `cap`, counting every process's calls.
    pub fn room_for(&mut self, now: DateTime<Utc>, cap: u32, n: u32) -> Duration {
        self.shared(|l| (l.wait_for_room(now, cap, n), false))
    }

    pub fn prune(&mut self, now: DateTime<Utc>) {
        while self.times.front().is_some_and(|t| now - *t >= HOUR) {
            self.times.pop_front();
        }
    }

    pub fn push(&mut self, at: DateTime<Utc>) {
        self.times.push_back(at);
    }

    pub fn times(&self) -> Vec<DateTime<Utc>> {
        self.times.iter().copied().collect()
    }

    /// How long until `n` more calls fit under `cap` in the sliding hour.
    pub fn wait_for_room(&mut self, now: DateTime<Utc>, cap: u32, n: u32) -> Duration {
        self.prune(now);
        let cap = cap as usize;
        let n = n as usize;
        if self.times.len() + n <= cap {
            return Duration::ZERO;
        }
        if n > cap {
            return Duration::from_secs(3600);
        }
        // The call that must age out for `n` to fit.
        let idx = self.times.len() + n - cap - 1;
        let frees_at = self.times[idx] + HOUR;
        (frees_at - now).to_std().unwrap_or(Duration::ZERO) + Duration::from_millis(1)
    }
}

/// The times in a ledger file: hostile input (`docs/security.md`). A missing file is an empty
/// hour; a damaged one is set aside (kept as `calls.json.damaged-N`) and `None` says to go on
/// from what this process counted.
fn read_times(path: &Path) -> Option<Vec<DateTime<Utc>>> {
    let Ok(bytes) = std::fs::read(path) else {
        return Some(vec![]);
    };
    match serde_json::from_slice::<Vec<DateTime<Utc>>>(&bytes) {
        Ok(mut t) if t.len() <= MAX_TIMES => {
            t.sort();
            Some(t)
        }
        _ => {
            log::warn!("call ledger {} is damaged: set aside", path.display());
            let _ = crate::files::set_aside(path);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_ledgers_on_one_file_share_the_cap() {
        let d = tempfile::tempdir().unwrap();
        let path = d.path().join("calls.json");
        let mut a = CallLedger::in_file(path.clone());
        let mut b = CallLedger::in_file(path.clone());
        let now = Utc::now();
        for _ in 0..3 {
            a.reserve(now, 5, 1).unwrap();
        }
        b.reserve(now, 5, 1).unwrap();
        a.reserve(now, 5, 1).unwrap();
        assert!(
            b.reserve(now, 5, 1).is_err(),
            "the sixth call of the hour is refused"
        );
        assert_eq!(a.current(now).len(), 5);
        // A third process started later still counts them.
        assert_eq!(CallLedger::in_file(path).current(now).len(), 5);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// The shared ledger file, damaged in any way: never a panic; a file that does not
        /// read is set aside whole and the process counts on from its own calls.
        #[test]
        fn a_damaged_ledger_file_never_panics_and_is_kept(
            bytes in crate::hostile_input::damaged(serde_json::to_vec(&vec![Utc::now(); 3]).unwrap()),
        ) {
            let d = tempfile::tempdir().unwrap();
            let path = d.path().join("calls.json");
            std::fs::write(&path, &bytes).unwrap();
            let mut l = CallLedger::in_file(path.clone());
            let _ = l.current(Utc::now());
            let kept = crate::hostile_input::snapshot(d.path())
                .into_iter()
                .any(|(p, b)| b == bytes && p != path.with_extension("lock"));
            proptest::prop_assert!(kept, "the bytes are where they were or in the set-aside copy");
        }
    }

    #[test]
    fn a_batch_counts_each_of_its_items() {
        let mut l = CallLedger::default();
        let now = Utc::now();
        l.reserve(now, 5, 3).unwrap();
        assert_eq!(l.current(now).len(), 3);
        assert!(l.reserve(now, 5, 3).is_err(), "3 more do not fit under 5");
        l.reserve(now, 5, 2).unwrap();
        assert_eq!(l.current(now).len(), 5);
    }

    #[test]
    fn a_damaged_ledger_file_is_set_aside_not_trusted() {
        let d = tempfile::tempdir().unwrap();
        let path = d.path().join("calls.json");
        std::fs::write(&path, b"{not json").unwrap();
        let mut l = CallLedger::in_file(path.clone());
        l.reserve(Utc::now(), 5, 1).unwrap();
        assert_eq!(l.current(Utc::now()).len(), 1);
        assert!(d.path().join("calls.json.damaged-1").exists());
    }

    #[test]
    fn the_cap_holds_in_a_sliding_hour() {
        let t0 = Utc::now();
        let mut l = CallLedger::default();
        for i in 0..10 {
            l.push(t0 + chrono::Duration::seconds(i));
        }
        assert_eq!(
            l.wait_for_room(t0 + chrono::Duration::seconds(10), 11, 1),
            Duration::ZERO
        );
        let w = l.wait_for_room(t0 + chrono::Duration::seconds(10), 10, 1);
        assert!(
            w > Duration::from_secs(3589) && w <= Duration::from_secs(3591),
            "{w:?}"
        );
        // An hour after the first call, one slot frees.
        assert_eq!(
            l.wait_for_room(t0 + chrono::Duration::seconds(3600), 10, 1),
            Duration::ZERO
        );
    }
}
