//! Verifying a manual deletion by polling the API (reference §0: "proves each one happened by
//! polling"). Paced by Meta's usage headers so polling never eats the WABA's ~200 calls/hour.

use super::journal::RemovalProof;
use crate::graph::model::{NumberStatus, PhoneNumber, Waba};
use crate::graph::{GraphClient, GraphError, RetryPolicy};
use chrono::Utc;
use serde::Serialize;
use std::time::{Duration, Instant};
use tokio::sync::watch;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PollTarget {
    Number,
    Waba,
}

/// What the waiting screen shows.
#[derive(Debug, Clone, Serialize)]
pub struct PollProgress {
    pub target: PollTarget,
    pub attempts: u32,
    pub elapsed_secs: u64,
    pub next_in_secs: u64,
    /// The last status Meta reported (`CONNECTED`, `DISCONNECTED`…), or the error code.
    pub last_seen: String,
}

#[derive(Debug, thiserror::Error)]
pub enum PollError {
    #[error("cancelled")]
    Cancelled,
    #[error(transparent)]
    Graph(#[from] GraphError),
}

#[derive(Debug, Clone, Copy)]
pub struct Pace {
    /// Wait between polls when usage is low.
    pub base: Duration,
    /// Never wait longer than this between polls.
    pub max: Duration,
}

impl Pace {
    /// Real mode: every 30 s (≤ 120 calls/h, under the WABA's ~200/h with room for the rest).
    pub fn real() -> Self {
        Self {
            base: Duration::from_secs(30),
            max: Duration::from_secs(300),
        }
    }
    /// Practice mode: the sandbox answers at once.
    pub fn practice() -> Self {
        Self {
            base: Duration::from_millis(700),
            max: Duration::from_secs(10),
        }
    }

    /// Slows down as Meta's usage figures rise: ×2 past 50 %, ×4 past 80 %.
    pub fn next_wait(&self, usage_pct: f64) -> Duration {
        let factor = if usage_pct >= 80.0 {
            4
        } else if usage_pct >= 50.0 {
            2
        } else {
            1
        };
        (self.base * factor).min(self.max)
    }
}

/// Polls until the object is gone: error 100/803, or a number answering status `DELETED`.
/// Temporary errors and rate limits only slow the polling; a token or permission error stops it.
pub async fn until_gone(
    client: &GraphClient,
    target: PollTarget,
    id: &str,
    pace: Pace,
    mut cancel: watch::Receiver<bool>,
    mut progress: impl FnMut(PollProgress),
) -> Result<RemovalProof, PollError> {
    let started = Instant::now();
    let mut attempts = 0u32;
    // One try per poll: the poll loop itself is the retry.
    let once = RetryPolicy::Never;
    loop {
        if *cancel.borrow() {
            return Err(PollError::Cancelled);
        }
        attempts += 1;
        let answer: Result<String, GraphError> = match target {
            PollTarget::Number => client
                .read_with::<PhoneNumber>(client.url(id, &[("fields", "id,status")]), once)
                .await
                .map(|n| n.status.map(|s| s.as_str().to_owned()).unwrap_or_default()),
            PollTarget::Waba => client
                .read_with::<Waba>(client.url(id, &[("fields", "id,name")]), once)
                .await
                .map(|_| "PRESENT".to_owned()),
        };
        let mut wait = pace.next_wait(client.usage().peak_pct());
        let last_seen = match answer {
            Ok(status) if status == NumberStatus::Deleted.as_str() => {
                return Ok(RemovalProof {
                    verified_at: Utc::now(),
                    evidence_code: 0,
                    trace_id: None,
                    polls: attempts,
                });
            }
            Ok(status) => status,
            Err(e) if e.is_gone() => {
                return Ok(RemovalProof {
                    verified_at: Utc::now(),
                    evidence_code: e.code().unwrap_or(0),
                    trace_id: e.trace_id().map(str::to_owned),
                    polls: attempts,
                });
            }
            Err(e) if e.retryable_read() => {
                if let Some(asked) = e.meta().and_then(|m| m.retry_after) {
                    wait = wait.max(asked);
                }
                e.code()
                    .map_or_else(|| "network".to_owned(), |c| c.to_string())
            }
            // Token, permission and every other error stop the wait with Meta's answer.
            Err(e) => return Err(e.into()),
        };
        progress(PollProgress {
            target,
            attempts,
            elapsed_secs: started.elapsed().as_secs(),
            next_in_secs: wait.as_secs_f64().ceil() as u64,
            last_seen,
        });
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = cancel.changed() => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn polling_slows_down_as_usage_rises() {
        let p = Pace::real();
        assert_eq!(p.next_wait(10.0), Duration::from_secs(30));
        assert_eq!(p.next_wait(60.0), Duration::from_secs(60));
        assert_eq!(p.next_wait(95.0), Duration::from_secs(120));
    }
}
