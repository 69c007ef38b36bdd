//! The hard cap on this app's calls: Meta allows about 200 calls per hour per app and WABA
//! (`docs/meta-rules.md`, rate limits). Every request the client sends is counted here, so no
//! click pattern, redraw or runaway loop can burn the WABA's hourly budget.

use chrono::{DateTime, Utc};
use std::collections::VecDeque;
use std::time::Duration;

/// The default cap: under Meta's ~200/h, with room for Meta's own rounding.
pub const DEFAULT_HOURLY_CAP: u32 = 190;

const HOUR: chrono::Duration = chrono::Duration::hours(1);

/// One ledger shared by every client of the app (see `GraphClient::with_ledger`).
pub type SharedLedger = std::sync::Arc<std::sync::Mutex<CallLedger>>;

/// Send times of the last hour, oldest first.
#[derive(Debug, Default, Clone)]
pub struct CallLedger {
    times: VecDeque<DateTime<Utc>>,
}

impl CallLedger {
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

    /// Adds times recorded by an earlier run, keeping the order and dropping duplicates.
    pub fn merge(&mut self, earlier: &[DateTime<Utc>]) {
        let mut all: Vec<DateTime<Utc>> = self.times.iter().chain(earlier).copied().collect();
        all.sort();
        all.dedup();
        self.times = all.into();
        self.prune(Utc::now());
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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn earlier_runs_count_too() {
        let now = Utc::now();
        let mut l = CallLedger::default();
        l.push(now);
        l.merge(&[
            now - chrono::Duration::minutes(5),
            now,
            now - chrono::Duration::hours(2),
        ]);
        assert_eq!(
            l.times().len(),
            2,
            "duplicates and calls older than an hour are dropped"
        );
    }
}
