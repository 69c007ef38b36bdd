//! The practice sandbox's two "manual" actions (`docs/journey.md`): what the admin does by
//! hand in WhatsApp Manager and Business Settings, which the Graph API cannot do (`docs/meta-rules.md` §0).
//! They live on a separate, clearly non-Graph path (`/__practice/...`) and exist only in practice.

use super::client::GraphClient;
use super::error::GraphError;
use super::ids::{BusinessId, PhoneNumberId, WabaId};
use super::open_enum::open_enum;
use super::pin::TwoStepPin;
use reqwest::{Method, StatusCode};
use serde::{Deserialize, Serialize};
use url::Url;

open_enum!(
    /// Why Meta's screen refuses a manual deletion.
    RefusalReason {
        NotAdmin = "not_admin",
        PaidMessageRecently = "paid_message_recently",
        NumbersRemain = "numbers_remain",
        AlreadyGone = "already_gone",
        NotFound = "not_found",
        PinRequired = "pin_required",
        PinWrong = "pin_wrong",
    }
);

/// A refusal as the practice screens show it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ManualRefusal {
    pub reason: RefusalReason,
    pub message: String,
    /// For `paid_message_recently`: the first day Meta allows it (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available_from: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ManualAnswer {
    #[serde(default)]
    pub done: bool,
    #[serde(default)]
    pub refused: Option<ManualRefusal>,
}

/// A partner (solution partner) on an account's Partners tab in Business Settings.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Partner {
    /// The partner's portfolio id.
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PartnerList {
    #[serde(default)]
    pub data: Vec<Partner>,
}

pub const PRACTICE_PREFIX: &str = "__practice";

pub fn partners_path(waba: &str) -> String {
    format!("{PRACTICE_PREFIX}/business-settings/whatsapp-accounts/{waba}/partners")
}

pub fn remove_partner_path(waba: &str, partner: &str) -> String {
    format!("{}/{partner}/remove", partners_path(waba))
}

pub fn two_step_off_path(pn: &str) -> String {
    format!("{PRACTICE_PREFIX}/whatsapp-manager/phone-numbers/{pn}/two-step/off")
}

pub fn delete_number_path(pn: &str) -> String {
    format!("{PRACTICE_PREFIX}/whatsapp-manager/phone-numbers/{pn}/delete")
}

pub fn remove_waba_path(waba: &str) -> String {
    format!("{PRACTICE_PREFIX}/business-settings/whatsapp-accounts/{waba}/remove-from-portfolio")
}

impl GraphClient {
    /// Practice only: the trash icon + "Avançar" of WhatsApp Manager (the article's Passos 3-4, `docs/journey.md`).
    /// A connected number asks for its two-step PIN (`docs/meta-rules.md` §12): `pin` goes in
    /// the form body.
    pub async fn practice_delete_number(
        &self,
        phone_number_id: &PhoneNumberId,
        pin: Option<&TwoStepPin>,
    ) -> Result<ManualAnswer, GraphError> {
        let form = pin.map(|p| vec![("pin".to_owned(), p.expose().to_owned())]);
        self.practice_post_form(
            &delete_number_path(phone_number_id.as_str()),
            form.as_deref(),
        )
        .await
    }

    /// Practice only: "Remover do Portfólio Empresarial" + "Excluir conta" (the article's Passos 5-6, `docs/journey.md`).
    pub async fn practice_remove_waba(&self, waba_id: &WabaId) -> Result<ManualAnswer, GraphError> {
        self.practice_post(&remove_waba_path(waba_id.as_str()))
            .await
    }

    /// Practice only: the account's Partners tab in Business Settings (Meta has no Graph API
    /// for this list; `docs/meta-rules.md` §17).
    pub async fn practice_partners(&self, waba_id: &WabaId) -> Result<Vec<Partner>, GraphError> {
        let url = self.practice_url(&partners_path(waba_id.as_str()));
        let a = self.send_once(Method::GET, url, None).await?;
        Ok(self.decode::<PartnerList>(&a)?.data)
    }

    /// Practice only: the Partners tab's trash icon + "Remover" for `partner` (the customer
    /// removes the old partner; its webhooks stay with its app).
    pub async fn practice_remove_partner(
        &self,
        waba_id: &WabaId,
        partner: &BusinessId,
    ) -> Result<ManualAnswer, GraphError> {
        self.practice_post(&remove_partner_path(waba_id.as_str(), partner.as_str()))
            .await
    }

    /// Practice only: WhatsApp Manager's two-step verification "Desativar" for the number (no
    /// Graph API turns it off; Meta confirms by e-mail to the portfolio's address).
    pub async fn practice_two_step_off(
        &self,
        phone_number_id: &PhoneNumberId,
    ) -> Result<ManualAnswer, GraphError> {
        self.practice_post(&two_step_off_path(phone_number_id.as_str()))
            .await
    }

    fn practice_url(&self, path: &str) -> Url {
        let mut url = self.config().base().clone();
        url.set_path(&format!("{}{}", self.config().base().path(), path));
        url
    }

    async fn practice_post(&self, path: &str) -> Result<ManualAnswer, GraphError> {
        self.practice_post_form(path, None).await
    }

    async fn practice_post_form(
        &self,
        path: &str,
        form: Option<&[(String, String)]>,
    ) -> Result<ManualAnswer, GraphError> {
        self.manual_post(self.practice_url(path), form).await
    }
}

impl GraphClient {
    /// POST to a practice-only path; a 409 carries a refusal in the body, not Meta's envelope.
    pub(crate) async fn manual_post(
        &self,
        url: Url,
        form: Option<&[(String, String)]>,
    ) -> Result<ManualAnswer, GraphError> {
        let a = self.send_once(Method::POST, url, form).await?;
        if a.status == StatusCode::CONFLICT {
            if let Ok(ans) = serde_json::from_slice::<ManualAnswer>(&a.body) {
                return Ok(ans);
            }
        }
        self.decode(&a)
    }
}
