//! The one deregister of a number (`docs/meta-rules.md` §5), wherever it is asked for: the
//! journey's "Desconectar o número", the reconnect's budget and the support console's
//! `release`. Its rules live here once: journaled before it leaves, never retried, never
//! batched; an answer that never came is "unknown" and settled by reading the number before
//! anything is sent again; Meta's 10 register/deregister calls per number in 72 h are counted.

use super::error::JourneyError;
use super::journal::{DeregisterRecord, NotNeeded};
use crate::graph::{ErrorClass, GraphClient, GraphError, PhoneNumberId};
use chrono::{DateTime, Utc};

/// Meta's budget: 10 register/deregister calls per number in 72 h, then 133016 for 72 h.
pub const DEREGISTER_BUDGET: usize = 10;

/// Where a number's deregister is journaled: its record, the attempts this app made, a line of
/// history and a save that reaches the disk before the next request.
pub trait DeregisterJournal {
    fn record(&mut self) -> &mut Option<DeregisterRecord>;
    fn attempts(&mut self) -> &mut Vec<DateTime<Utc>>;
    fn note(&mut self, what: String, trace_id: Option<String>);
    fn persist(&mut self) -> Result<(), JourneyError>;
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
/// the oldest one expires.
pub fn budget(attempts: &[DateTime<Utc>], now: DateTime<Utc>) -> Result<(), JourneyError> {
    if attempts_in_72h(attempts, now) < DEREGISTER_BUDGET {
        return Ok(());
    }
    let oldest = attempts.iter().min().copied();
    Err(JourneyError::DeregisterBlocked {
        until: oldest.map(|t| (t + chrono::Duration::hours(72)).to_rfc3339()),
        trace_id: None,
    })
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
/// registered. The caller saves the record it gets back.
pub async fn deregister_once(
    j: &mut impl DeregisterJournal,
    client: &GraphClient,
    pn: &PhoneNumberId,
    known: NumberState,
) -> Result<DeregisterRecord, JourneyError> {
    let mut registered = known.registered;
    if let Some(DeregisterRecord::Unknown { at } | DeregisterRecord::Sending { at }) =
        j.record().clone()
    {
        // Never a second deregister on a guess: read first (a read error stops here).
        let n = client.phone_number(pn).await?;
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
        _ => send(j, client, pn).await?,
    })
}

/// The one request: journaled before it leaves, never retried, never batched.
async fn send(
    j: &mut impl DeregisterJournal,
    client: &GraphClient,
    pn: &PhoneNumberId,
) -> Result<DeregisterRecord, JourneyError> {
    let now = Utc::now();
    budget(j.attempts(), now)?;
    // Saved before sending: a crash now never leads to an automatic second call.
    *j.record() = Some(DeregisterRecord::Sending { at: now });
    j.attempts().push(now);
    j.persist()?;
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
        Err(e) if e.code() == Some(100) && e.meta().and_then(|m| m.subcode) == Some(2207051) => {
            Ok(DeregisterRecord::NotNeeded {
                reason: NotNeeded::NotRegistered,
            })
        }
        // Already deleted in WhatsApp Manager: nothing to deregister; the poll proves it.
        Err(e) if e.code() == Some(803) => Ok(DeregisterRecord::NotNeeded {
            reason: NotNeeded::AlreadyGone,
        }),
        // "Does not exist or missing permissions" (100): nothing this app can deregister.
        // Not a proof of deletion: only the poll, which is strict, can say that.
        Err(e) if e.code() == Some(100) => {
            j.note(
                "deregister: Meta does not find the number (100)".into(),
                e.trace_id().map(str::to_owned),
            );
            Ok(DeregisterRecord::NotNeeded {
                reason: NotNeeded::NotFound,
            })
        }
        Err(e) if e.write_outcome_unknown() => after_unknown(j, client, pn, now, e).await,
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
) -> Result<DeregisterRecord, JourneyError> {
    j.note(
        format!("deregister answer lost ({})", short(&e)),
        e.trace_id().map(str::to_owned),
    );
    if let Ok(n) = client.phone_number(pn).await {
        if !crate::graph::facts::registered(&n) {
            j.note(
                "the deregister was applied: the number reads as not registered".into(),
                client.last_trace_id(),
            );
            return Ok(DeregisterRecord::Sent { at, trace_id: None });
        }
    }
    *j.record() = Some(DeregisterRecord::Unknown { at });
    j.persist()?;
    Err(JourneyError::DeregisterUnknown {
        trace_id: e.trace_id().map(str::to_owned),
    })
}

fn refused(
    j: &mut impl DeregisterJournal,
    e: GraphError,
    at: DateTime<Utc>,
) -> Result<DeregisterRecord, JourneyError> {
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
        return Err(JourneyError::DeregisterBlocked {
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
