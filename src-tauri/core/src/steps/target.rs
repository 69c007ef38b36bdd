//! What a journey removes: the business, WABA and number, as Meta named them when chosen. The ids
//! are typed and checked when made (a journal holding anything else is set aside as damaged).

use crate::graph::{BusinessId, PhoneNumberId, WabaId};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub business_id: Option<BusinessId>,
    pub business_name: Option<String>,
    pub waba_id: Option<WabaId>,
    pub waba_name: Option<String>,
    pub phone_number_id: Option<PhoneNumberId>,
    pub display_phone_number: Option<String>,
    pub verified_name: Option<String>,
    /// Registered on Cloud API when chosen (so deregister applies).
    pub registered: Option<bool>,
    pub coexistence: Option<bool>,
    /// The portfolio holds accounts its clients shared with it (a provider's): the numbers
    /// screen offers the release of several numbers. `None`: Meta did not list them.
    #[serde(default)]
    pub serves_clients: Option<bool>,
}

/// A step ran before its choice was made (the stage machine prevents it; this keeps it an error,
/// never an empty id sent to Meta).
#[derive(Debug, thiserror::Error)]
#[error("no {0} has been chosen yet")]
pub struct NotChosen(pub &'static str);

impl From<NotChosen> for crate::graph::GraphError {
    fn from(e: NotChosen) -> Self {
        crate::graph::GraphError::Config(e.to_string())
    }
}

impl Target {
    pub fn business(&self) -> Result<&BusinessId, NotChosen> {
        self.business_id.as_ref().ok_or(NotChosen("business"))
    }
    pub fn waba(&self) -> Result<&WabaId, NotChosen> {
        self.waba_id
            .as_ref()
            .ok_or(NotChosen("WhatsApp Business Account"))
    }
    pub fn number(&self) -> Result<&PhoneNumberId, NotChosen> {
        self.phone_number_id
            .as_ref()
            .ok_or(NotChosen("phone number"))
    }
}
