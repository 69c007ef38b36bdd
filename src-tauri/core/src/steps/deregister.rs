//! The one deregister of a number (`docs/meta-rules.md` §5), wherever it is asked for: the
//! journey's "Desconectar o número", the reconnect's budget and the support console's
//! `release`. Its rules live here once: journaled before it leaves, never retried, never
//! batched; an answer that never came is "unknown" and settled by reading the number before
//! anything is sent again; Meta's 10 register/deregister calls per number in 72 h are counted.
//!
//! Across runs (the app, its batch, the console, a rerun) the caller holds the number's lock in
//! the shared ledger (`number_ledger`) for the whole call: the budget counts every run's calls,
//! and when another run sent one since this journal last looked, the number is read before
//! anything is sent.

use crate::graph::{ErrorClass, GraphClient, GraphError, PhoneNumberId};
use crate::number_ledger::{CallKind, LedgerError, NumberGuard};
use crate::steps::deregister_record::{DeregisterRecord, NotNeeded};
use chrono::{DateTime, Utc};

/// What a deregister answers instead of a record (the journey and the release turn it into
/// their own errors).
#[derive(Debug, thiserror::Error)]
pub enum DeregisterError {
    #[error(transparent)]
    Graph(#[from] GraphError),
    /// 133016, or this app's count of Meta's 10 calls per 72 h: blocked.
    #[error(
        "Meta blocks deregister for this number{}",
        until.as_deref().map(|u| format!(" until {u}")).unwrap_or_default()
    )]
    Blocked {
        until: Option<String>,
        trace_id: Option<String>,
    },
    /// Sent, but Meta's answer never came: the number is read before anything is sent again.
    #[error("the deregister was sent but Meta's answer did not arrive")]
    Unknown { trace_id: Option<String> },
    /// The shared ledger of numbers (busy, damaged, unreadable).
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    /// The caller's journal could not be saved before the request.
    #[error("the journal could not be saved: {0}")]
    Journal(#[from] std::io::Error),
}

/// Meta's budget: 10 register/deregister calls per number in 72 h, then 133016 for 72 h.
pub const DEREGISTER_BUDGET: usize = 10;

/// Where a number's deregister is journaled: its record, the attempts this app made, a line of
/// history and a save that reaches the disk before the next request.
pub trait DeregisterJournal {
    fn record(&mut self) -> &mut Option<DeregisterRecord>;
    fn attempts(&mut self) -> &mut Vec<DateTime<Utc>>;
    fn note(&mut self, what: String, trace_id: Option<String>);
    fn persist(&mut self) -> std::io::Result<()>;
}

/// What the app knew of the number when it was chosen (read again when an earlier attempt's
/// outcome is unknown).
#[derive(Debug, Clone, Copy)]
pub struct NumberState {
    pub registered: bool,
    pub coexistence: bool,
}

/// Register/deregister calls this app made for the number in the 72 h before `now`.
pub fn attempts_in_72h(attempts: &[DateTime<Utc>], now: DateTime<Utc>) -> usize {
    attempts
        .iter()
        .filter(|t| now - **t < chrono::Duration::hours(72))
        .count()
}

/// Refused locally when this app already used Meta's 10 calls of the last 72 h, with the time
/// the call that frees a place expires.
pub fn budget(attempts: &[DateTime<Utc>], now: DateTime<Utc>) -> Result<(), DeregisterError> {
    if attempts_in_72h(attempts, now) < DEREGISTER_BUDGET {
        return Ok(());
    }
    let mut recent: Vec<DateTime<Utc>> = attempts
        .iter()
        .copied()
        .filter(|t| now - *t < chrono::Duration::hours(72))
        .collect();
    recent.sort();
    // The call whose expiry brings the count under the budget.
    let frees = recent.get(recent.len() - DEREGISTER_BUDGET).copied();
    Err(DeregisterError::Blocked {
        until: frees.map(|t| (t + chrono::Duration::hours(72)).to_rfc3339()),
        trace_id: None,
    })
}

/// Every register/deregister attempt known for the number: this journal's and every other
/// run's from the shared ledger (each counted once).
pub fn all_attempts(
    own: &[DateTime<Utc>],
    guard: &NumberGuard,
) -> Result<Vec<DateTime<Utc>>, DeregisterError> {
    let mut all: Vec<DateTime<Utc>> = own.to_vec();
    all.extend(guard.calls()?.into_iter().map(|c| c.at));
    all.sort();
    all.dedup();
    Ok(all)
}

/// Another run sent a register or deregister for this number in the last 72 h that this
/// journal did not: what the journal knows of the number may be stale.
fn another_run_acted(own: &[DateTime<Utc>], guard: &NumberGuard) -> Result<bool, DeregisterError> {
    let now = Utc::now();
    Ok(guard
        .calls()?
        .iter()
        .any(|c| now - c.at < chrono::Duration::hours(72) && !own.contains(&c.at)))
}

/// After a crash during a deregister: the outcome is unknown (the next attempt reads first).
/// True when there was one to settle.
pub fn settle_interrupted(j: &mut impl DeregisterJournal) -> bool {
    if let Some(DeregisterRecord::Sending { at }) = *j.record() {
        *j.record() = Some(DeregisterRecord::Unknown { at });
        j.note(
            "the app closed while the deregister was in flight: outcome unknown".into(),
            None,
        );
        return true;
    }
    false
}

/// Deregisters `pn` once when it is registered and not Coexistence. An earlier attempt of
/// unknown outcome is settled by reading the number first; it is resent only when still
/// registered. `guard` is the number's lock in the shared ledger, held by the caller for the
/// whole call. The caller saves the record it gets back.
pub async fn deregister_once(
    j: &mut impl DeregisterJournal,
    guard: &mut NumberGuard,
    client: &GraphClient,
    pn: &PhoneNumberId,
    known: NumberState,
) -> Result<DeregisterRecord, DeregisterError> {
    let mut registered = known.registered;
    if !matches!(j.record(), Some(DeregisterRecord::Sent { .. }))
        && another_run_acted(j.attempts(), guard)?
    {
        // Another run (the console, the batch, another journey) registered or deregistered the
        // number since this journal looked: read it again before deciding.
        let n = client.phone_number(pn).await?;
        registered = crate::graph::facts::registered(&n);
        j.note(
            format!(
                "another run of this app acted on the number: it reads as {}",
                if registered {
                    "registered"
                } else {
                    "not registered"
                }
            ),
            client.last_trace_id(),
        );
    }
    if let Some(DeregisterRecord::Unknown { at } | DeregisterRecord::Sending { at }) =
        j.record().clone()
    {
        // Never a second deregister on a guess: read first (a read error stops here; Meta's 803
        // says the number was deleted meanwhile).
        let n = match client.phone_number(pn).await {
            Err(e) if e.code() == Some(crate::graph::codes::DELETED) => {
                return Ok(DeregisterRecord::NotNeeded {
                    reason: NotNeeded::AlreadyGone,
                })
            }
            r => r?,
        };
        registered = crate::graph::facts::registered(&n);
        if !registered {
            j.note(
                "the earlier deregister was applied: the number reads as not registered".into(),
                client.last_trace_id(),
            );
            return Ok(DeregisterRecord::Sent { at, trace_id: None });
        }
    }
    Ok(match j.record() {
        Some(r @ DeregisterRecord::Sent { .. }) => r.clone(),
        _ if known.coexistence => DeregisterRecord::NotNeeded {
            reason: NotNeeded::Coexistence,
        },
        _ if !registered => DeregisterRecord::NotNeeded {
            reason: NotNeeded::NotRegistered,
        },
        _ => send(j, guard, client, pn).await?,
    })
}

/// The one request: journaled before it leaves, never retried, never batched.
async fn send(
    j: &mut impl DeregisterJournal,
    guard: &mut NumberGuard,
    client: &GraphClient,
    pn: &PhoneNumberId,
) -> Result<DeregisterRecord, DeregisterError> {
    let now = Utc::now();
    budget(&all_attempts(j.attempts(), guard)?, now)?;
    // The app's own hourly cap is asked first: a deregister it would hold back is neither
    // journaled nor counted against Meta's 72 h budget (nothing leaves).
    let wait = client.budget_wait(1, 0);
    if !wait.is_zero() {
        return Err(GraphError::LocalBudget { retry_in: wait }.into());
    }
    let before = j.record().clone();
    // Saved before sending, in the journal and the shared ledger: a crash now never leads to
    // an automatic second call, and every run counts this one against Meta's budget.
    *j.record() = Some(DeregisterRecord::Sending { at: now });
    j.attempts().push(now);
    j.persist()?;
    guard.record(CallKind::Deregister, now)?;
    match client.deregister(pn).await {
        Ok(r) => {
            j.note(
                "deregister sent (number taken off Cloud API)".into(),
                r.trace_id.clone(),
            );
            Ok(DeregisterRecord::Sent {
                at: Utc::now(),
                trace_id: r.trace_id,
            })
        }
        Err(e)
            if e.code() == Some(crate::graph::codes::INVALID_PARAMETER)
                && e.meta().and_then(|m| m.subcode)
                    == Some(crate::graph::codes::NOT_REGISTERED_SUBCODE) =>
        {
            Ok(DeregisterRecord::NotNeeded {
                reason: NotNeeded::NotRegistered,
            })
        }
        // Already deleted in WhatsApp Manager: nothing to deregister; the poll proves it.
        Err(e) if e.code() == Some(crate::graph::codes::DELETED) => {
            Ok(DeregisterRecord::NotNeeded {
                reason: NotNeeded::AlreadyGone,
            })
        }
        // Any other 100 ("does not exist or missing permissions", 100/33, …) proves nothing:
        // the outcome is unknown and the number is read before anything else
        // (`docs/meta-rules.md` §5). Only the poll, which is strict, proves a deletion.
        Err(e)
            if e.code() == Some(crate::graph::codes::INVALID_PARAMETER)
                || e.write_outcome_unknown() =>
        {
            after_unknown(j, client, pn, now, e).await
        }
        // Another process took the hour's last call between the question and the send: nothing
        // left, so the record goes back to what it was (the shared ledger keeps the attempt:
        // counting one too many is the safe side of Meta's budget).
        Err(e @ GraphError::LocalBudget { .. }) => {
            *j.record() = before;
            j.attempts().pop();
            j.persist()?;
            Err(e.into())
        }
        Err(e) => refused(j, e, now),
    }
}

/// The request left but no answer came: one read tells whether Meta applied it.
async fn after_unknown(
    j: &mut impl DeregisterJournal,
    client: &GraphClient,
    pn: &PhoneNumberId,
    at: DateTime<Utc>,
    e: GraphError,
) -> Result<DeregisterRecord, DeregisterError> {
    let answered_100 = e.code() == Some(crate::graph::codes::INVALID_PARAMETER);
    j.note(
        if answered_100 {
            format!("deregister answered 100 ({}): proves nothing", short(&e))
        } else {
            format!("deregister answer lost ({})", short(&e))
        },
        e.trace_id().map(str::to_owned),
    );
    match client.phone_number(pn).await {
        Ok(n) if !crate::graph::facts::registered(&n) => {
            j.note(
                "the number reads as not registered".into(),
                client.last_trace_id(),
            );
            return Ok(if answered_100 {
                DeregisterRecord::NotNeeded {
                    reason: NotNeeded::NotRegistered,
                }
            } else {
                DeregisterRecord::Sent { at, trace_id: None }
            });
        }
        // 803: Meta says the number was deleted; nothing is left to deregister.
        Err(r) if r.code() == Some(crate::graph::codes::DELETED) => {
            return Ok(DeregisterRecord::NotNeeded {
                reason: NotNeeded::AlreadyGone,
            })
        }
        // 100 to the deregister and 100 to the read: Meta finds no number this token can act
        // on (deleted on Meta's screen, or the access is gone). Nothing here can be sent; it is
        // no proof either: the journey's poll decides, and a release counts it "cannot verify".
        Err(r) if answered_100 && r.code() == Some(crate::graph::codes::INVALID_PARAMETER) => {
            j.note(
                "the number cannot be read either (100): nothing to deregister".into(),
                r.trace_id().map(str::to_owned),
            );
            return Ok(DeregisterRecord::NotNeeded {
                reason: NotNeeded::NotFound,
            });
        }
        _ => {}
    }
    *j.record() = Some(DeregisterRecord::Unknown { at });
    j.persist()?;
    Err(DeregisterError::Unknown {
        trace_id: e.trace_id().map(str::to_owned),
    })
}

fn refused(
    j: &mut impl DeregisterJournal,
    e: GraphError,
    at: DateTime<Utc>,
) -> Result<DeregisterRecord, DeregisterError> {
    *j.record() = Some(DeregisterRecord::Failed {
        at,
        code: e.code(),
        trace_id: e.trace_id().map(str::to_owned),
    });
    j.note(
        format!("deregister refused (code {:?})", e.code()),
        e.trace_id().map(str::to_owned),
    );
    j.persist()?;
    if e.meta()
        .is_some_and(|m| m.class() == ErrorClass::DeregisterBudget)
    {
        let until = e
            .meta()
            .and_then(|m| m.details.clone().or_else(|| m.user_msg.clone()));
        return Err(DeregisterError::Blocked {
            until,
            trace_id: e.trace_id().map(str::to_owned),
        });
    }
    Err(e.into())
}

fn short(e: &GraphError) -> String {
    match e {
        GraphError::Transport { kind, .. } => format!("{kind:?}"),
        GraphError::Unexpected { status, .. } => format!("HTTP {status}"),
        other => other
            .code()
            .map_or_else(|| "error".into(), |c| format!("code {c}")),
    }
}
