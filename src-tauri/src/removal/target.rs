//! What a journey removes: the business, WABA and number, as Meta named them when chosen.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub business_id: Option<String>,
    pub business_name: Option<String>,
    pub waba_id: Option<String>,
    pub waba_name: Option<String>,
    pub phone_number_id: Option<String>,
    pub display_phone_number: Option<String>,
    pub verified_name: Option<String>,
    /// Registered on Cloud API when chosen (so deregister applies).
    pub registered: Option<bool>,
    pub coexistence: Option<bool>,
}
