//! Screen 7, the article's steps 5 and 6: what the WABA step needs to know, the partner app's
//! webhooks, the typed "Excluir conta" confirmation and the practice "Remover do Portfólio
//! Empresarial" (`docs/journey.md`).

use super::error::JourneyError;
use super::journal::Stage;
use super::journey::Journey;
use crate::graph::model::NumberStatus;
use crate::graph::{GraphClient, GraphError};
use chrono::Utc;
use serde::Serialize;

/// What the WABA step needs to know before it is shown.
#[derive(Debug, Clone, Serialize)]
pub struct RemoveWabaInfo {
    pub other_numbers: Vec<String>,
    /// This app (the one the connection goes through) receives the account's messages: what
    /// `DELETE /{waba}/subscribed_apps` stops (it stops this app only).
    pub app_subscribed: bool,
    /// That app's name as Meta gives it, to name it on the card.
    pub app_name: Option<String>,
}

impl Journey {
    /// Other numbers left, and whether the token's app is subscribed to the WABA's webhooks.
    pub async fn remove_waba_info(
        &self,
        client: &GraphClient,
    ) -> Result<RemoveWabaInfo, JourneyError> {
        self.at(&[Stage::RemoveWaba])?;
        let waba = self.j.target.waba().map_err(GraphError::from)?.clone();
        let (numbers, apps, ours) = tokio::join!(
            client.phone_numbers(&waba),
            client.subscribed_apps(&waba),
            client.token_app()
        );
        let pn = self.j.target.number().map_err(GraphError::from)?.clone();
        let other_numbers = numbers?
            .into_iter()
            .filter(|n| n.id != pn && n.status != Some(NumberStatus::Deleted))
            .map(|n| n.display_phone_number.unwrap_or(n.id))
            .collect();
        let apps = apps.unwrap_or_default();
        // Which subscribed app is this connection's: the unsubscribe stops that one only. When
        // Meta does not say which app the connection is, any subscribed app counts, unnamed.
        let (app_subscribed, app_name) = match ours {
            Ok(ours) => {
                let here = apps.iter().any(|a| {
                    a.whatsapp_business_api_data
                        .as_ref()
                        .and_then(|d| d.id.as_deref())
                        == Some(ours.id.as_str())
                });
                (here, ours.name.filter(|_| here))
            }
            Err(_) => (!apps.is_empty(), None),
        };
        Ok(RemoveWabaInfo {
            other_numbers,
            app_subscribed,
            app_name,
        })
    }

    /// This app stops receiving the WABA's webhooks (`DELETE /{waba}/subscribed_apps`).
    ///
    /// Asked first in a pop-up that says what stops; the admin types the account's name, checked
    /// here like the pop-up "Excluir conta".
    pub async fn unsubscribe_app(
        &mut self,
        client: &GraphClient,
        typed_name: &str,
    ) -> Result<(), JourneyError> {
        self.at(&[Stage::RemoveWaba])?;
        self.check_typed_name(typed_name)?;
        let waba = self.j.target.waba().map_err(GraphError::from)?.clone();
        let r = client.unsubscribe_app(&waba).await?;
        self.j
            .log("partner app unsubscribed from the WABA", r.trace_id.clone());
        self.j.unsubscribed_app = self.j.events.last().cloned();
        self.save()
    }

    /// The WABA step skipped: other numbers remain, or the admin keeps the WABA.
    pub fn skip_waba(&mut self, reason: &str) -> Result<(), JourneyError> {
        self.at(&[Stage::RemoveWaba])?;
        let reason: String = reason
            .chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect();
        self.j.waba_skipped = Some(reason.clone());
        self.j.log(format!("WABA kept: {reason}"), None);
        self.finish()
    }

    /// The account's name as Meta gave it, typed back (case and surrounding spaces aside).
    fn check_typed_name(&self, typed_name: &str) -> Result<(), JourneyError> {
        if name_typed_back(typed_name, self.j.target.waba_name.as_deref()) {
            Ok(())
        } else {
            Err(JourneyError::ConfirmationMismatch)
        }
    }

    /// Pop-up "Excluir conta": the typed name must match; no number may remain.
    pub async fn confirm_remove_waba(
        &mut self,
        client: &GraphClient,
        typed_name: &str,
    ) -> Result<(), JourneyError> {
        self.at(&[Stage::RemoveWaba])?;
        self.check_typed_name(typed_name)?;
        let info = self.remove_waba_info(client).await?;
        if !info.other_numbers.is_empty() {
            return Err(JourneyError::NumbersRemain(info.other_numbers));
        }
        self.j.waba_confirmed_at = Some(Utc::now());
        self.save()
    }

    /// Practice only: the mirrored Business Settings "Remover do Portfólio Empresarial".
    pub async fn practice_remove_waba(&mut self, client: &GraphClient) -> Result<(), JourneyError> {
        self.ready_for_practice_action(Stage::RemoveWaba, self.j.waba_confirmed_at.is_some())?;
        let waba = self.j.target.waba().map_err(GraphError::from)?.clone();
        Self::accepted(client.practice_remove_waba(&waba).await?)?;
        self.j.practice_waba_removed_at = Some(Utc::now());
        self.j.log(
            "WABA removed on the (practice) Business Settings screen",
            None,
        );
        self.save()
    }
}

/// A name Meta gave, typed back by the admin: compared without regard to case or surrounding
/// spaces. A thing without a name cannot be confirmed by name. (Used by "Excluir conta", the
/// partner app's pop-up and the restore's consent.)
pub fn name_typed_back(typed: &str, name: Option<&str>) -> bool {
    let want = name.map(str::trim).unwrap_or("");
    !want.is_empty() && typed.trim().to_lowercase() == want.to_lowercase()
}
