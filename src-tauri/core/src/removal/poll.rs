//! Proving a manual deletion by asking Meta (`docs/meta-rules.md`, "What counts as proof").
//!
//! - A number is proven deleted when the WABA's `phone_numbers` list reads and no longer holds
//!   it, or when Meta answers 803 ("deleted") for the number itself.
//! - A WABA is proven removed when the business's owned and client WABA lists both read and
//!   neither holds it.
//!
//! Anything else is not a proof: a token or permission error (190, 200, 10…), a parent that
//! cannot be read, or an answer the app does not understand ends the wait as "cannot verify",
//! never as "removed". Temporary errors and rate limits only slow the polling down.

use super::journal::{Evidence, ProofKind, RemovalProof};
use super::pace::Pace;
use crate::graph::{BusinessId, GraphClient, GraphError, PhoneNumberId, WabaId};
use crate::vocabulary::ipc_enum;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::time::Duration;
use tokio::sync::watch;

ipc_enum! {
    #[derive(Hash)]
    pub enum PollTarget {
        Number,
        Waba,
    }
}

/// What the waiting screen shows.
#[derive(Debug, Clone, Serialize)]
pub struct PollProgress {
    pub target: PollTarget,
    pub attempts: u32,
    pub elapsed_secs: u64,
    pub next_in_secs: u64,
    /// The number's last status (`CONNECTED`, `DISCONNECTED`…), `present` for a WABA, or the
    /// code of a temporary error (`network` for a dropped connection).
    pub last_seen: String,
}

/// What is polled, and since when the admin has had Meta's page (the pace counts from there).
#[derive(Debug, Clone)]
pub struct PollPlan {
    pub target: PollTarget,
    pub business_id: BusinessId,
    pub waba_id: WabaId,
    pub phone_number_id: PhoneNumberId,
    pub opened_at: DateTime<Utc>,
}

/// Why a wait ended without a proof.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unverifiable {
    /// The token no longer works (190, 102).
    Token,
    /// The token lost access to the business, WABA or number (10, 200-299, 100/33).
    Access,
    /// The list that would prove it cannot be read (the WABA or business answers an error).
    ParentUnreadable,
    /// An answer the app does not understand.
    Unexpected,
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum PollError {
    #[error("cancelled")]
    Cancelled,
    #[error("cannot verify the removal ({reason:?}): {source}")]
    CannotVerify {
        reason: Unverifiable,
        source: GraphError,
    },
}

/// One look at Meta.
enum Look {
    Gone(ProofKind, Evidence),
    Present(String),
    /// Temporary: try again later (the code shown as progress, Meta's wait if it asked).
    Later(String, Option<Duration>),
}

fn unverifiable(e: &GraphError) -> Unverifiable {
    use crate::graph::ErrorClass as C;
    match e.meta().map(|m| m.class()) {
        Some(C::TokenInvalid) => Unverifiable::Token,
        Some(C::Permission) => Unverifiable::Access,
        Some(C::InvalidOrMissing) if e.meta().and_then(|m| m.subcode) == Some(33) => {
            Unverifiable::Access
        }
        Some(_) => Unverifiable::ParentUnreadable,
        None => Unverifiable::Unexpected,
    }
}

/// Errors that only slow the polling: Meta's temporary errors and rate limits, a dropped
/// connection, and the app's own hourly cap reached (by the admin's clicks meanwhile).
fn passing(e: &GraphError) -> bool {
    e.retryable_read() || matches!(e, GraphError::LocalBudget { .. })
}

fn later(e: &GraphError) -> Look {
    if let GraphError::LocalBudget { retry_in } = e {
        return Look::Later("budget".into(), Some(*retry_in));
    }
    let label = e
        .code()
        .map_or_else(|| "network".to_owned(), |c| c.to_string());
    Look::Later(label, e.meta().and_then(|m| m.retry_after))
}

fn evidence(call: String, answer: impl Into<String>, trace_id: Option<String>) -> Evidence {
    Evidence {
        at: Utc::now(),
        call,
        answer: answer.into(),
        trace_id,
    }
}

fn stop(e: GraphError) -> PollError {
    PollError::CannotVerify {
        reason: unverifiable(&e),
        source: e,
    }
}

/// Meta's own answer for the number proves its deletion only when it is 803 ("deleted"; an id
/// the token never saw or cannot read answers otherwise): the one place this rule is written,
/// for the journey's wait and the console's (`docs/meta-rules.md` §11). `Err(None)`: the
/// number reads, so it is not deleted; `Err(Some(e))`: any other answer, which proves nothing.
pub async fn meta_says_deleted(
    c: &GraphClient,
    pn: &PhoneNumberId,
) -> Result<Evidence, Option<GraphError>> {
    match c.phone_number_status(pn).await {
        Err(e) if e.code() == Some(crate::graph::codes::DELETED) => Ok(evidence(
            format!("GET /{pn}"),
            "erro 803: objeto excluído",
            e.trace_id().map(str::to_owned),
        )),
        Err(e) => Err(Some(e)),
        Ok(_) => Err(None),
    }
}

/// The number: the WABA's list first; if the WABA itself cannot be read, the number's own answer
/// proves it only when it is 803.
async fn look_number(c: &GraphClient, plan: &PollPlan) -> Result<Look, PollError> {
    let (waba, pn) = (&plan.waba_id, &plan.phone_number_id);
    match c.number_statuses(waba).await {
        Ok(list) => Ok(match list.into_iter().find(|n| *pn == n.id) {
            Some(n) => Look::Present(n.status.map_or_else(String::new, |s| s.as_str().to_owned())),
            None => Look::Gone(
                ProofKind::AbsentFromParent,
                evidence(
                    format!("GET /{waba}/phone_numbers"),
                    format!("lida; o número {pn} não está mais na lista"),
                    c.last_trace_id(),
                ),
            ),
        }),
        Err(e) if passing(&e) => Ok(later(&e)),
        Err(list_err) => match meta_says_deleted(c, pn).await {
            Ok(proof) => Ok(Look::Gone(ProofKind::Deleted803, proof)),
            Err(Some(e)) if passing(&e) => Ok(later(&e)),
            // The WABA's list is unreadable and the number says nothing definite.
            _ => Err(PollError::CannotVerify {
                reason: match unverifiable(&list_err) {
                    Unverifiable::Token => Unverifiable::Token,
                    Unverifiable::Access => Unverifiable::Access,
                    _ => Unverifiable::ParentUnreadable,
                },
                source: list_err,
            }),
        },
    }
}

/// The WABA: both of the business's lists must read and neither may hold it.
async fn look_waba(c: &GraphClient, plan: &PollPlan) -> Result<Look, PollError> {
    let (biz, waba) = (&plan.business_id, &plan.waba_id);
    let owned = match c.owned_waba_ids(biz).await {
        Ok(v) => v,
        Err(e) if passing(&e) => return Ok(later(&e)),
        Err(e) => return Err(stop(e)),
    };
    let trace = c.last_trace_id();
    let shared = match c.client_waba_ids(biz).await {
        Ok(v) => v,
        Err(e) if passing(&e) => return Ok(later(&e)),
        Err(e) => return Err(stop(e)),
    };
    if owned.iter().chain(&shared).any(|id| id == waba) {
        return Ok(Look::Present("present".into()));
    }
    Ok(Look::Gone(
        ProofKind::AbsentFromParent,
        evidence(
            format!(
                "GET /{biz}/owned_whatsapp_business_accounts + client_whatsapp_business_accounts"
            ),
            format!("lidas; a conta {waba} não está mais em nenhuma das duas"),
            trace.or_else(|| c.last_trace_id()),
        ),
    ))
}

/// Calls one look costs (for the hourly budget).
fn cost(target: PollTarget) -> u32 {
    match target {
        PollTarget::Number => 1,
        PollTarget::Waba => 2,
    }
}

/// Polls until Meta proves the object gone. The first look waits until the pace allows it
/// counting from `last_call` (so a relaunch does not poll at once); every wait respects the
/// client's hourly cap and Meta's `estimated_time_to_regain_access`, on errors and successes.
/// A cancel, or a cancel channel whose sender is gone, ends the wait within a second.
pub async fn until_gone(
    client: &GraphClient,
    plan: &PollPlan,
    pace: Pace,
    last_call: Option<DateTime<Utc>>,
    mut cancel: watch::Receiver<bool>,
    mut progress: impl FnMut(PollProgress),
) -> Result<RemovalProof, PollError> {
    let started = std::time::Instant::now();
    let since_open = || (Utc::now() - plan.opened_at).to_std().unwrap_or_default();
    let mut attempts = 0u32;
    let mut first_wait = last_call
        .and_then(|t| (Utc::now() - t).to_std().ok())
        .map(|ago| pace.interval(since_open(), 0.0).saturating_sub(ago))
        .unwrap_or_default();
    loop {
        let budget = client.budget_wait(cost(plan.target), 10);
        let wait = first_wait.max(budget);
        first_wait = Duration::ZERO;
        if !wait.is_zero() {
            progress(PollProgress {
                target: plan.target,
                attempts,
                elapsed_secs: started.elapsed().as_secs(),
                next_in_secs: wait.as_secs_f64().ceil() as u64,
                last_seen: String::new(),
            });
            sleep_or_cancel(wait, &mut cancel).await?;
        }
        if *cancel.borrow() {
            return Err(PollError::Cancelled);
        }
        attempts += 1;
        let look = async {
            match plan.target {
                PollTarget::Number => look_number(client, plan).await,
                PollTarget::Waba => look_waba(client, plan).await,
            }
        };
        // A call in flight does not delay a cancel.
        let look = tokio::select! {
            l = look => l?,
            _ = cancelled(&mut cancel) => return Err(PollError::Cancelled),
        };
        let usage = client.usage();
        let mut wait = pace.interval(since_open(), usage.peak_pct());
        if let Some(regain) = usage.regain_wait() {
            wait = wait.max(regain);
        }
        let last_seen = match look {
            Look::Gone(kind, ev) => {
                return Ok(RemovalProof {
                    verified_at: Utc::now(),
                    evidence_code: if kind == ProofKind::Deleted803 {
                        803
                    } else {
                        0
                    },
                    trace_id: ev.trace_id.clone(),
                    polls: attempts,
                    kind: Some(kind),
                    evidence: vec![ev],
                });
            }
            Look::Present(s) => s,
            Look::Later(label, asked) => {
                if let Some(asked) = asked {
                    wait = wait.max(asked);
                }
                label
            }
        };
        progress(PollProgress {
            target: plan.target,
            attempts,
            elapsed_secs: started.elapsed().as_secs(),
            next_in_secs: wait.as_secs_f64().ceil() as u64,
            last_seen,
        });
        sleep_or_cancel(wait, &mut cancel).await?;
    }
}

/// Resolves once the wait is cancelled, or its cancel sender is gone.
async fn cancelled(cancel: &mut watch::Receiver<bool>) {
    while !*cancel.borrow_and_update() {
        if cancel.changed().await.is_err() {
            return;
        }
    }
}

/// Sleeps, unless cancelled first. A dropped sender counts as a cancel: nobody could stop this
/// wait any more.
async fn sleep_or_cancel(d: Duration, cancel: &mut watch::Receiver<bool>) -> Result<(), PollError> {
    if *cancel.borrow() {
        return Err(PollError::Cancelled);
    }
    tokio::select! {
        _ = tokio::time::sleep(d) => Ok(()),
        changed = cancel.changed() => match changed {
            Ok(()) if !*cancel.borrow() => Ok(()),
            _ => Err(PollError::Cancelled),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_apps_own_cap_only_slows_the_polling() {
        let e = GraphError::LocalBudget {
            retry_in: Duration::from_secs(90),
        };
        assert!(passing(&e));
        assert!(matches!(later(&e), Look::Later(_, Some(d)) if d == Duration::from_secs(90)));
        assert!(!passing(&GraphError::ForeignLink));
    }

    #[tokio::test]
    async fn a_dropped_cancel_sender_cancels() {
        let (tx, mut rx) = watch::channel(false);
        drop(tx);
        let t = std::time::Instant::now();
        let r = sleep_or_cancel(Duration::from_secs(30), &mut rx).await;
        assert!(matches!(r, Err(PollError::Cancelled)));
        assert!(t.elapsed() < Duration::from_secs(1));
    }
}
