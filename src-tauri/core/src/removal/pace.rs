//! How often the app asks Meta whether a deletion happened (`docs/meta-rules.md`, rate limits).
//!
//! The admin is watching the app while Meta's screen does the deletion, so the first minutes are
//! polled quickly, then the pace backs off. Whatever the schedule says, the client's hourly cap
//! (`graph/ledger.rs`) and Meta's usage headers have the last word.

use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pace {
    /// Interval while the admin is most likely deleting (right after Meta's page opened).
    pub fast: Duration,
    pub fast_for: Duration,
    /// Interval until `medium_until`.
    pub medium: Duration,
    pub medium_until: Duration,
    /// Interval afterwards.
    pub slow: Duration,
    /// Never wait longer than this between polls (usage-based slow-down included).
    pub max: Duration,
}

impl Pace {
    /// Real mode: 4 s for 2 min, 8 s until 12 min, then 45 s: 169 polls in the first hour,
    /// 80 an hour after that (Meta allows about 200 calls an hour per WABA).
    pub fn real() -> Self {
        Self {
            fast: Duration::from_secs(4),
            fast_for: Duration::from_secs(120),
            medium: Duration::from_secs(8),
            medium_until: Duration::from_secs(12 * 60),
            slow: Duration::from_secs(45),
            max: Duration::from_secs(300),
        }
    }

    /// Practice: the sandbox shows a deletion 3 s after the click.
    pub fn practice() -> Self {
        Self {
            fast: Duration::from_millis(700),
            fast_for: Duration::from_secs(60),
            medium: Duration::from_secs(2),
            medium_until: Duration::from_secs(5 * 60),
            slow: Duration::from_secs(10),
            max: Duration::from_secs(30),
        }
    }

    /// The mode's pace. Debug builds only: `WABA_REMOVER_POLL_MS` sets the first interval
    /// (tests against the sandbox in real mode); a release build ignores it.
    pub fn for_mode(mode: crate::connection::Mode) -> Self {
        let p = match mode {
            crate::connection::Mode::Practice => Self::practice(),
            crate::connection::Mode::Real => Self::real(),
        };
        #[cfg(debug_assertions)]
        if let Some(ms) = std::env::var("WABA_REMOVER_POLL_MS")
            .ok()
            .and_then(|v| v.parse::<u64>().ok())
        {
            return p.scaled_to(Duration::from_millis(ms.max(50)));
        }
        p
    }

    /// The same schedule with `fast` as its first interval (tests, and support runs against a
    /// local server).
    pub fn scaled_to(self, fast: Duration) -> Self {
        let k = fast.as_secs_f64() / self.fast.as_secs_f64();
        let s = |d: Duration| d.mul_f64(k);
        Self {
            fast: s(self.fast),
            fast_for: s(self.fast_for),
            medium: s(self.medium),
            medium_until: s(self.medium_until),
            slow: s(self.slow),
            max: s(self.max),
        }
    }

    /// The wait before the next poll, `since_open` after Meta's page was opened: the schedule,
    /// slowed ×2 past 50 % of Meta's usage figures and ×4 past 80 %.
    pub fn interval(&self, since_open: Duration, usage_pct: f64) -> Duration {
        let base = if since_open < self.fast_for {
            self.fast
        } else if since_open < self.medium_until {
            self.medium
        } else {
            self.slow
        };
        let factor = if usage_pct >= 80.0 {
            4
        } else if usage_pct >= 50.0 {
            2
        } else {
            1
        };
        (base * factor).min(self.max)
    }

    /// Polls the schedule makes in the `hours`th hour (0 = the first) after Meta's page opened.
    pub fn polls_in_hour(&self, hour: u32) -> u32 {
        let (start, end) = (
            Duration::from_secs(3600 * hour as u64),
            Duration::from_secs(3600 * (hour as u64 + 1)),
        );
        let mut t = Duration::ZERO;
        let mut n = 0;
        while t < end {
            if t >= start {
                n += 1;
            }
            t += self.interval(t, 0.0);
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_at_first_then_backs_off() {
        let p = Pace::real();
        assert_eq!(
            p.interval(Duration::from_secs(10), 0.0),
            Duration::from_secs(4)
        );
        assert_eq!(
            p.interval(Duration::from_secs(300), 0.0),
            Duration::from_secs(8)
        );
        assert_eq!(
            p.interval(Duration::from_secs(3000), 0.0),
            Duration::from_secs(45)
        );
    }

    #[test]
    fn polling_slows_down_as_usage_rises() {
        let p = Pace::real();
        let late = Duration::from_secs(3000);
        assert_eq!(p.interval(late, 60.0), Duration::from_secs(90));
        assert_eq!(p.interval(late, 95.0), Duration::from_secs(180));
        assert!(p.interval(late, 100.0) <= p.max);
    }

    #[test]
    fn the_schedule_stays_under_metas_hourly_budget() {
        let p = Pace::real();
        assert!(p.polls_in_hour(0) <= 170, "{}", p.polls_in_hour(0));
        assert!(p.polls_in_hour(1) <= 80, "{}", p.polls_in_hour(1));
    }
}
