//! "Levar o número para outro lugar" (`docs/meta-rules.md` §13): instead of deleting, the number
//! migrates to another solution partner or WABA and keeps its display name, quality rating,
//! messaging limit and official-account status. The app reads, item by item, what Meta requires
//! of the source, says what it cannot read (the PIN) as a step to do, and ends with a migration
//! card for the new provider and the same backup. Nothing is deleted or deregistered on this
//! path: a deregister would break the migration.

use super::error::JourneyError;
use super::journal::Stage;
use super::journey::Journey;
use crate::graph::model::{PhoneNumber, ReviewStatus, Waba};
use crate::graph::{GraphClient, GraphError};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// Which way the admin chose once the number was picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JourneyPath {
    /// "Encerrar de vez": the article's removal.
    Close,
    /// "Levar para outro provedor ou conta": a migration; nothing removed.
    Move,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoveStatus {
    Pass,
    Fail,
    /// Meta's data is missing: cannot say.
    Unknown,
    /// Not readable by the API: a step for the admin.
    Todo,
    Info,
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
            n.platform_type.as_deref().map(|p| p == "CLOUD_API"),
            json!({"platform_type": n.platform_type}),
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

/// The card for the new provider: what identifies the number at Meta. Never a token.
#[derive(Debug, Clone, Serialize)]
pub struct MoveCard {
    pub text: String,
    pub file_name: String,
}

impl Journey {
    /// The choice after picking the number; may be changed until the checks are confirmed.
    pub fn choose_path(&mut self, path: JourneyPath) -> Result<(), JourneyError> {
        self.at(&[Stage::Checks, Stage::Move])?;
        self.j.path = Some(path);
        self.j.stage = match path {
            JourneyPath::Close => Stage::Checks,
            JourneyPath::Move => Stage::Move,
        };
        self.j.log(format!("path chosen: {path:?}"), None);
        self.save()
    }

    /// Reads the number and its WABA and says what the migration needs.
    pub async fn move_readiness(
        &mut self,
        client: &GraphClient,
    ) -> Result<MoveReport, JourneyError> {
        self.at(&[Stage::Move])?;
        let pn = self.j.target.number().map_err(GraphError::from)?.clone();
        let waba = self.j.target.waba().map_err(GraphError::from)?.clone();
        let (n, w) = tokio::join!(client.phone_number(&pn), client.waba(&waba));
        let report = evaluate(&n?, &w?, Utc::now());
        self.j.move_report = Some(report.clone());
        self.save()?;
        Ok(report)
    }

    /// The migration card, once the readiness was read.
    pub fn move_card(&self) -> Result<MoveCard, JourneyError> {
        let report = match (&self.j.path, &self.j.move_report) {
            (Some(JourneyPath::Move), Some(r)) => r,
            _ => {
                return Err(JourneyError::WrongStage {
                    actual: self.j.stage,
                })
            }
        };
        let t = &self.j.target;
        let dash = |v: Option<&str>| v.unwrap_or("—").to_owned();
        let digits = crate::graph::digits(t.display_phone_number.as_deref().unwrap_or(""));
        let text = format!(
            "Cartão de migração — número do WhatsApp Business\n\
             \n\
             Número: {number}\n\
             ID do número (phone number ID): {pn}\n\
             Nome de exibição: {name}\n\
             Status na Meta: {status}\n\
             Conta do WhatsApp Business (WABA): {waba_name}\n\
             ID da WABA: {waba}\n\
             Portfólio de origem: {business}\n\
             Lido na Meta em: {at}\n\
             \n\
             Para o novo provedor: o dono da conta de destino inicia a migração (inclui o número na\n\
             conta dele com migrate_phone_number=true, pede o código por SMS ou voz, confirma e\n\
             registra). Antes, a verificação em duas etapas (PIN) precisa estar desligada.\n\
             Este cartão não contém senha nem token.\n",
            number = dash(t.display_phone_number.as_deref()),
            pn = dash(t.phone_number_id.as_deref()),
            name = dash(t.verified_name.as_deref()),
            status = dash(report.number_status.as_deref()),
            waba_name = dash(t.waba_name.as_deref()),
            waba = dash(t.waba_id.as_deref()),
            business = dash(t.business_name.as_deref()),
            at = report.at.format("%d/%m/%Y %H:%M UTC"),
        );
        Ok(MoveCard {
            text,
            file_name: format!("cartao-migracao-{digits}.txt"),
        })
    }

    /// Ends the journey on the move path: nothing was deleted, and the receipt says so.
    pub fn finish_move(&mut self) -> Result<(), JourneyError> {
        self.at(&[Stage::Move])?;
        if self.j.move_report.is_none() {
            return Err(JourneyError::ChecksMissing);
        }
        self.j.finished_at = Some(Utc::now());
        self.j.stage = Stage::Done;
        self.j.log(
            "finished on the move path: nothing deleted or deregistered",
            None,
        );
        self.save()
    }
}
