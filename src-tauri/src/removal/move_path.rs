//! "Levar o número para outro lugar" (`docs/meta-rules.md` §13): instead of deleting, the number
//! migrates to another solution partner or WABA and keeps its display name, quality rating,
//! messaging limit and official-account status. The app reads, item by item, what Meta requires
//! of the source, says what it cannot read (the PIN) as a step to do, and ends with a migration
//! card for the new provider and the same backup. Nothing is deleted or deregistered on this
//! path: a deregister would break the migration.

use super::error::JourneyError;
use super::journal::Stage;
use super::journey::Journey;
pub use super::move_report::{evaluate, JourneyPath, MoveItem, MoveItemId, MoveReport, MoveStatus};
use crate::graph::{GraphClient, GraphError};
use chrono::Utc;
use serde::Serialize;

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
