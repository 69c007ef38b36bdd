//! The move path's facts (`docs/meta-rules.md` §13): which way the journey goes, and what Meta
//! requires of the source number and WABA, read item by item. Plain data and one pure function,
//! so the journal can hold them without knowing the journey.

use crate::graph::model::{PhoneNumber, ReviewStatus, Waba};
use crate::vocabulary::ipc_enum;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

ipc_enum! {
    /// Which way the admin chose once the number was picked.
    pub enum JourneyPath {
        /// "Encerrar de vez": the article's removal.
        Close,
        /// "Levar para outro provedor ou conta": a migration; nothing removed.
        Move,
        /// "Voltar para o app no celular": the removal's steps, then the number is activated in
        /// the WhatsApp Business app once Meta frees it (`docs/meta-rules.md` §13).
        BackToApp,
    }
}

ipc_enum! {
    pub enum MoveItemId {
        DisplayName,
        NotCoexistence,
        NotTestNumber,
        Registered,
        WabaApproved,
        BusinessVerified,
        PinOff,
        WhoStarts,
    }
}

ipc_enum! {
    pub enum MoveStatus {
        Pass,
        Fail,
        /// Meta's data is missing: cannot say.
        Unknown,
        /// Not readable by the API: a step for the admin.
        Todo,
        Info,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MoveItem {
    pub id: MoveItemId,
    pub status: MoveStatus,
    /// Values the UI puts in its sentence (Meta's raw value is kept for the details).
    pub facts: Value,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MoveReport {
    pub at: DateTime<Utc>,
    pub items: Vec<MoveItem>,
    /// No item failed or unread: the number can move once the PIN is off.
    pub ready: bool,
    /// The number's status when read (for the card).
    pub number_status: Option<String>,
}

/// What Meta requires of the source number and WABA, read from the API.
pub fn evaluate(n: &PhoneNumber, w: &Waba, now: DateTime<Utc>) -> MoveReport {
    let item = |id, pass: Option<bool>, facts: Value| MoveItem {
        id,
        status: match pass {
            Some(true) => MoveStatus::Pass,
            Some(false) => MoveStatus::Fail,
            None => MoveStatus::Unknown,
        },
        facts,
    };
    let name = n.name_status.as_deref();
    let pending = n
        .new_name_status
        .as_deref()
        .filter(|s| !matches!(*s, "NONE" | "APPROVED"));
    let review = w.account_review_status.as_ref();
    let verified = w.business_verification_status.as_deref();
    let items = vec![
        item(
            MoveItemId::DisplayName,
            name.map(|s| s == "APPROVED" && pending.is_none()),
            json!({"name_status": name, "pending_change": pending, "name": n.verified_name}),
        ),
        item(
            MoveItemId::NotCoexistence,
            n.is_on_biz_app.map(|c| !c),
            json!({}),
        ),
        item(
            MoveItemId::NotTestNumber,
            n.account_mode.as_deref().map(|m| m == "LIVE"),
            json!({"account_mode": n.account_mode}),
        ),
        item(
            MoveItemId::Registered,
            n.platform().map(|p| p == "CLOUD_API"),
            json!({"platform_type": n.platform()}),
        ),
        item(
            MoveItemId::WabaApproved,
            review.map(|r| *r == ReviewStatus::Approved),
            json!({"review": review.map(|r| r.as_str().to_owned())}),
        ),
        item(
            MoveItemId::BusinessVerified,
            verified.map(|v| v.eq_ignore_ascii_case("verified")),
            json!({"verification": verified}),
        ),
        MoveItem {
            id: MoveItemId::PinOff,
            status: MoveStatus::Todo,
            facts: json!({}),
        },
        MoveItem {
            id: MoveItemId::WhoStarts,
            status: MoveStatus::Info,
            facts: json!({}),
        },
    ];
    let ready = !items
        .iter()
        .any(|i| matches!(i.status, MoveStatus::Fail | MoveStatus::Unknown));
    MoveReport {
        at: now,
        items,
        ready,
        number_status: n.status.as_ref().map(|s| s.as_str().to_owned()),
    }
}
