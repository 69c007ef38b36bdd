//! "Esqueci o PIN" on screen 4: a new two-step PIN set through the API (`docs/meta-rules.md` §12),
//! so that a number is never disconnected and then left undeletable because Meta's screen asks for
//! a PIN nobody knows. The PIN is never kept: not in the journal, the receipt, a log or the UI.

use super::error::JourneyError;
use super::journal::Stage;
use super::journey::Journey;
use crate::graph::{GraphClient, GraphError, TwoStepPin};
use chrono::Utc;

impl Journey {
    /// Sets a new PIN after the typed confirmation (the number's last 4 digits, as Meta has
    /// them). Refused for Coexistence numbers (Meta refuses them too) and once the disconnect
    /// was confirmed. One call, never retried.
    pub async fn reset_pin(
        &mut self,
        client: &GraphClient,
        typed_last4: &str,
        pin: TwoStepPin,
    ) -> Result<(), JourneyError> {
        self.at(&[Stage::Checks, Stage::Backup, Stage::DeleteNumber])?;
        if self.j.number_confirmed_at.is_some() {
            return Err(JourneyError::WrongStage {
                actual: self.j.stage,
            });
        }
        if self.j.target.coexistence == Some(true) {
            return Err(JourneyError::PinCoexistence);
        }
        let typed: String = typed_last4.chars().filter(char::is_ascii_digit).collect();
        if typed.len() != 4 || typed != self.last4() {
            return Err(JourneyError::ConfirmationMismatch);
        }
        let pn = self.j.target.number().map_err(GraphError::from)?.clone();
        let receipt = client.set_two_step_pin(&pn, &pin).await?;
        self.j.pin_reset_at = Some(Utc::now());
        self.j.log(
            "new two-step PIN set through the API (the PIN is not kept)",
            receipt.trace_id,
        );
        self.save()
    }
}
