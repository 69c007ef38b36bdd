//! "Reconectar o número": the way back after the disconnect (`docs/meta-rules.md` §15). While Meta
//! has not deleted the number, `POST /{pn}/register` with its two-step PIN makes it send and
//! receive again, and the journey goes back to screen 6 as if the disconnect had not been sent.
//! Meta counts it with deregister in the 10 calls per number per 72 h: the budget is checked here
//! before anything leaves. The PIN is never kept.

use super::error::JourneyError;
use super::journal::Stage;
use super::journey::Journey;
use crate::graph::{GraphClient, GraphError, TwoStepPin};
use crate::number_ledger::{CallKind, Step};
use crate::steps::deregister_record::DeregisterRecord;
use chrono::Utc;

impl Journey {
    /// Whether the number may be reconnected now: disconnected by this journey (or of unknown
    /// outcome), not yet proven deleted, not Coexistence.
    pub fn may_reconnect(&self) -> bool {
        self.j.stage == Stage::DeleteNumber
            && self.j.number_removed.is_none()
            && self.j.target.coexistence != Some(true)
            && matches!(
                self.j.deregister,
                Some(DeregisterRecord::Sent { .. } | DeregisterRecord::Unknown { .. })
            )
    }

    /// Registers the number again with its two-step PIN. One call, never retried; a refusal
    /// (a PIN that does not match, 133005) changes nothing.
    pub async fn reconnect_number(
        &mut self,
        client: &GraphClient,
        pin: TwoStepPin,
    ) -> Result<(), JourneyError> {
        self.at(&[Stage::DeleteNumber])?;
        if self.j.target.coexistence == Some(true) {
            return Err(JourneyError::PinCoexistence);
        }
        if !self.may_reconnect() {
            return Err(JourneyError::WrongStage {
                actual: self.j.stage,
            });
        }
        let mut guard = self.lock_number(Step::Register).await?;
        self.registration_budget(&guard)?;
        let pn = self.j.target.number().map_err(GraphError::from)?.clone();
        // Counted before it leaves, like a deregister, here and in the shared ledger: Meta
        // counts the attempt either way.
        let now = Utc::now();
        self.j.deregister_attempts.push(now);
        self.save()?;
        guard.record(CallKind::Register, now)?;
        let receipt = client.register_number(&pn, &pin).await?;
        self.j.log(
            "number registered again (reconnected; the PIN is not kept)",
            receipt.trace_id,
        );
        self.j.deregister = None;
        self.j.number_confirmed_at = None;
        self.j.target.registered = Some(true);
        self.j.reconnected_at = Some(Utc::now());
        self.save()
    }
}
