//! The Graph contract shared by the client and the practice sandbox (one contract, so they
//! cannot drift). Field names and shapes follow `docs/meta-rules.md` §2-§5. Every field Meta may omit
//! is an `Option` (or defaults); unknown fields are ignored; enums are open.

use super::open_enum::open_enum;
use serde::{Deserialize, Serialize};
use serde_json::Value;

open_enum!(
    /// `status` of a phone number (`docs/meta-rules.md` §2).
    NumberStatus {
        Connected = "CONNECTED", Disconnected = "DISCONNECTED", Pending = "PENDING", Flagged = "FLAGGED",
        Restricted = "RESTRICTED", RateLimited = "RATE_LIMITED", Banned = "BANNED", Deleted = "DELETED",
        Migrated = "MIGRATED",
    }
);

open_enum!(
    /// `account_review_status` of a WABA.
    ReviewStatus { Approved = "APPROVED", Pending = "PENDING", Rejected = "REJECTED", Restricted = "RESTRICTED" }
);

open_enum!(
    /// `ownership_type` of a WABA.
    OwnershipType { SelfOwned = "SELF_OWNED", ClientOwned = "CLIENT_OWNED", AgencyOwned = "AGENCY_OWNED" }
);

open_enum!(
    /// `can_send_message` inside `health_status`.
    CanSend { Available = "AVAILABLE", Limited = "LIMITED", Blocked = "BLOCKED" }
);

open_enum!(
    /// `role` of a business user.
    BusinessRole { Admin = "ADMIN", Employee = "EMPLOYEE", FinanceEditor = "FINANCE_EDITOR", FinanceAnalyst = "FINANCE_ANALYST" }
);

open_enum!(
    /// `status` of a message template (`docs/meta-rules.md` §3).
    TemplateStatus {
        Approved = "APPROVED", Pending = "PENDING", Rejected = "REJECTED", Paused = "PAUSED", Disabled = "DISABLED",
        InAppeal = "IN_APPEAL", PendingDeletion = "PENDING_DELETION", Deleted = "DELETED", LimitExceeded = "LIMIT_EXCEEDED",
    }
);

/// `GET /me?fields=id,name`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Me {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
}

/// One entry of `GET /me/permissions`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Permission {
    pub permission: String,
    #[serde(default)]
    pub status: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Business {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification_status: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HealthEntity {
    #[serde(default)]
    pub entity_type: Option<String>,
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub can_send_message: Option<CanSend>,
}

/// `health_status` on a number or WABA.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HealthStatus {
    #[serde(default)]
    pub can_send_message: Option<CanSend>,
    #[serde(default)]
    pub entities: Vec<HealthEntity>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OwnerBusinessInfo {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
}

/// `GET /{waba}?fields=...` and entries of the owned/client WABA edges.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Waba {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_review_status: Option<ReviewStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_verification_status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ownership_type: Option<OwnershipType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_funding_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_status: Option<HealthStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_business_info: Option<OwnerBusinessInfo>,
    /// The business a partner runs this account for (an On-Behalf-Of account: the partner owns
    /// it, the client uses it; `docs/meta-rules.md` §17).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_behalf_of_business_info: Option<OwnerBusinessInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_template_namespace: Option<String>,
}

impl Waba {
    /// A partner owns this account and runs it for `business` (On-Behalf-Of): the business's own
    /// account in use, not a client's account shared with a provider.
    pub fn run_for(&self, business: &str) -> bool {
        let id = |i: &Option<OwnerBusinessInfo>| i.as_ref().and_then(|b| b.id.clone());
        id(&self.on_behalf_of_business_info).as_deref() == Some(business)
            && id(&self.owner_business_info).as_deref() != Some(business)
    }
}

/// `GET /{waba}/phone_numbers` entries and `GET /{pn}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PhoneNumber {
    pub id: String,
    #[serde(default)]
    pub display_phone_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<NumberStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality_rating: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_verification_status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_status: Option<String>,
    /// A display name change waiting for Meta's review (`NONE` or absent when there is none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_name_status: Option<String>,
    /// Where the number is connected (`CLOUD_API`…): Meta's reference page calls it
    /// `platform_type`, its OpenAPI description `host_platform`; the app asks both and reads
    /// either ([`PhoneNumber::platform`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_platform: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_mode: Option<String>,
    /// `true` = Coexistence: the number is also in the WhatsApp Business app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_on_biz_app: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_onboarded_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub throughput: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_status: Option<HealthStatus>,
}

impl PhoneNumber {
    /// Where the number is connected, under either of Meta's names for it.
    pub fn platform(&self) -> Option<&str> {
        self.platform_type
            .as_deref()
            .or(self.host_platform.as_deref())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BusinessUser {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<BusinessRole>,
}

/// `GET /{waba}/assigned_users?business=...` entries.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AssignedUser {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub tasks: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AppData {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// `GET /{waba}/subscribed_apps` entries.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SubscribedApp {
    #[serde(default)]
    pub whatsapp_business_api_data: Option<AppData>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Template {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub status: Option<TemplateStatus>,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub components: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameter_format: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality_score: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejected_reason: Option<String>,
}

/// `GET /{pn}/whatsapp_business_profile` entries.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct BusinessProfile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_picture_url: Option<String>,
    #[serde(default)]
    pub websites: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vertical: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messaging_product: Option<String>,
}

/// `GET /{biz}/extendedcredits` entries: a credit line.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreditLine {
    pub id: String,
    #[serde(default)]
    pub legal_entity_name: Option<String>,
}

/// One data point of `pricing_analytics` (`docs/meta-rules.md` §4; key names unverified, all optional).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PricingDataPoint {
    #[serde(default)]
    pub start: Option<i64>,
    #[serde(default)]
    pub end: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pricing_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pricing_category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PricingSeries {
    #[serde(default)]
    pub data_points: Vec<PricingDataPoint>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PricingAnalytics {
    #[serde(default)]
    pub data: Vec<PricingSeries>,
}

/// `GET /{waba}?fields=pricing_analytics...` answer.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct WabaPricing {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub pricing_analytics: Option<PricingAnalytics>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::wire::ErrorEnvelope;

    #[test]
    fn unknown_enum_values_are_kept_not_rejected() {
        let n: PhoneNumber =
            serde_json::from_str(r#"{"id":"1","status":"SOMETHING_NEW","extra_field":42}"#)
                .unwrap();
        assert_eq!(
            n.status,
            Some(NumberStatus::Unknown("SOMETHING_NEW".into()))
        );
        assert_eq!(serde_json::to_value(&n).unwrap()["status"], "SOMETHING_NEW");
    }

    #[test]
    fn enums_are_read_without_regard_to_case() {
        let n: PhoneNumber = serde_json::from_str(r#"{"id":"1","status":"connected"}"#).unwrap();
        assert_eq!(n.status, Some(NumberStatus::Connected));
    }

    #[test]
    fn half_an_error_envelope_still_parses() {
        let e: ErrorEnvelope = serde_json::from_str(r#"{"error":{"code":190}}"#).unwrap();
        assert_eq!(e.error.code, Some(190));
        assert!(e.error.fbtrace_id.is_none());
    }
}
