//! One line of the Pré-requisitos: which rule, its status, whether it blocks and whether the
//! admin may go on anyway, and the values its sentence shows.

use crate::vocabulary::ipc_enum;
use serde::{Deserialize, Serialize};
use serde_json::Value;

ipc_enum! {
    #[derive(Hash)]
    pub enum CheckId {
        /// "Ter acesso de administrador ao Business Manager".
        Admin,
        /// "O número deve estar vinculado a uma WABA ativa".
        ActiveWaba,
        /// Meta refuses deletion within 30 days of a paid message (`docs/meta-rules.md` §4).
        PaidMessages,
        /// "Verifique se não há cobranças ou pendências financeiras" (credit line, billing link).
        Billing,
        /// Other numbers left in the WABA (step 7 needs none).
        OtherNumbers,
        /// Coexistence: deregister is refused; the number stays in the WhatsApp Business app.
        Coexistence,
        /// The two-step PIN has no API: a reminder.
        TwoStepPin,
        /// Permissions the token lacks.
        Permissions,
    }
}

ipc_enum! {
    pub enum CheckStatus {
        Pass,
        Fail,
        /// Worth reading, does not block.
        Warn,
        /// Could not be checked (Meta refused the read): explained, does not block.
        Unknown,
        Info,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Check {
    pub id: CheckId,
    pub status: CheckStatus,
    /// A failed blocking check stops the journey unless overridden.
    pub blocking: bool,
    /// Whether the admin may go on anyway ("Seguir mesmo assim"). Never for a rule Meta's data
    /// proves (a paid message in the last 30 days): Meta's screen would refuse the deletion.
    #[serde(default)]
    pub overridable: bool,
    /// Values the UI puts in its sentence (dates, counts, names, Meta's code).
    pub facts: Value,
}
