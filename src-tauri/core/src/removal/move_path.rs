//! "Levar o número para outro lugar" (`docs/meta-rules.md` §13): instead of deleting, the number
//! migrates to another solution partner or WABA and keeps its display name, quality rating,
//! messaging limit and official-account status. The app reads, item by item, what Meta requires
//! of the source, says what it cannot read (the PIN) as a step to do, and ends with a migration
//! card for the new provider and the same backup. Nothing is deleted or deregistered on this
//! path: a deregister would break the migration.

use super::error::JourneyError;
use super::journal::Stage;
use super::journey::Journey;
use super::move_report::{evaluate, JourneyPath, MoveReport};
use crate::graph::{GraphClient, GraphError};
use crate::steps::target::Target;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// The card for the new provider: what identifies the number at Meta. Never a token.
#[derive(Debug, Clone, Serialize)]
pub struct MoveCard {
    pub text: String,
    pub file_name: String,
}

/// The move path's screen: Meta's requirements for a migration, and every road with the
/// advisor's decision.
#[derive(Debug, Clone, serde::Serialize)]
pub struct MoveAdvice {
    #[serde(flatten)]
    pub report: MoveReport,
    pub roads: Vec<crate::removal::roads::Road>,
}

/// One answer to "O que você vai fazer com este número?" and its roads, the advisor's order.
#[derive(Debug, Clone, serde::Serialize)]
pub struct GoalRoads {
    pub goal: crate::removal::roads::Goal,
    pub roads: Vec<crate::removal::roads::Road>,
}

impl Journey {
    /// The choice after picking the number; may be changed until the checks are confirmed, and
    /// towards the move ("Mudei de ideia: levar para outro provedor") on the backup and deletion
    /// screens too, as long as no disconnect was sent: a deregister breaks a migration
    /// (`docs/meta-rules.md` §13), so once one left (or may have left) the way back is closed.
    pub fn choose_path(&mut self, path: JourneyPath) -> Result<(), JourneyError> {
        let before_disconnect =
            self.j.deregister.is_none() && self.j.deregister_attempts.is_empty();
        match (self.j.stage, path) {
            (Stage::Checks | Stage::Move, _) => {}
            (Stage::Backup | Stage::DeleteNumber, JourneyPath::Move) if before_disconnect => {}
            _ => self.at(&[])?,
        }
        self.j.path = Some(path);
        self.j.stage = match path {
            JourneyPath::Close | JourneyPath::BackToApp => Stage::Checks,
            JourneyPath::Move => Stage::Move,
        };
        self.j.log(format!("path chosen: {path:?}"), None);
        self.save()
    }

    /// The roads that keep the number, as the core's advisor decides them (`removal/roads`): Meta's
    /// requirements for a migration read now, who owns the account, Coexistence, and what the
    /// checks found (last paid message, credit line) when they ran. The move path's goal is
    /// another provider.
    pub async fn move_roads(&mut self, client: &GraphClient) -> Result<MoveAdvice, JourneyError> {
        self.at(&[Stage::Move])?;
        let (report, facts) = self.road_facts(client).await?;
        self.j.move_report = Some(report.clone());
        self.save()?;
        Ok(MoveAdvice {
            roads: crate::removal::roads::advise(
                &facts,
                crate::removal::roads::Goal::OtherProvider,
            ),
            report,
        })
    }

    /// The path screen ("O que você vai fazer com este número?"): for each answer, the roads as
    /// the advisor decides them from Meta's facts read now, so each choice says what it keeps,
    /// what it costs and whether Meta allows it now, before the admin picks it.
    pub async fn path_roads(&self, client: &GraphClient) -> Result<Vec<GoalRoads>, JourneyError> {
        self.at(&[Stage::Checks])?;
        let (_, facts) = self.road_facts(client).await?;
        use crate::removal::roads::{advise, Goal};
        Ok([Goal::OtherProvider, Goal::BackToApp, Goal::StopUsing]
            .into_iter()
            .map(|goal| GoalRoads {
                goal,
                roads: advise(&facts, goal),
            })
            .collect())
    }

    /// Meta's facts the advisor reads: the number and its account (two reads), and what the
    /// checks found (last paid message, credit line) when they ran.
    async fn road_facts(
        &self,
        client: &GraphClient,
    ) -> Result<(MoveReport, crate::removal::roads::Facts), JourneyError> {
        let pn = self.j.target.number().map_err(GraphError::from)?.clone();
        let waba = self.j.target.waba().map_err(GraphError::from)?.clone();
        let (n, w) = tokio::join!(client.phone_number(&pn), client.waba(&waba));
        let (n, w) = (n?, w?);
        let report = evaluate(&n, &w, Utc::now());
        let facts = crate::removal::roads::Facts {
            customer_owned: self
                .j
                .target
                .business_id
                .as_ref()
                .and_then(|b| crate::removal::roads::Facts::owner(&w, b.as_str())),
            move_report: Some(report.clone()),
            coexistence: n.is_on_biz_app,
            deletable_from: self.j.checks.as_ref().and_then(|c| c.deletable_from()),
            credit_line: self.j.checks.as_ref().and_then(|c| c.credit_line()),
        };
        Ok((report, facts))
    }

    /// "Já desliguei": the admin says the two-step PIN is off in WhatsApp Manager. Recorded as
    /// the admin's word (no API reads it); the card says so, and that a PIN still on fails the
    /// new provider's migration with 2388001.
    pub fn say_pin_off(&mut self) -> Result<(), JourneyError> {
        self.at(&[Stage::Move])?;
        self.j.pin_off_said_at = Some(Utc::now());
        self.j.log(
            "the admin says the two-step PIN is off (not readable through the API)",
            None,
        );
        self.save()
    }

    /// Practice only, on the move: the account's Partners tab as the sandbox has it.
    pub async fn practice_partners(
        &self,
        client: &GraphClient,
    ) -> Result<Vec<crate::graph::practice::Partner>, JourneyError> {
        self.ready_for_practice_action(Stage::Move, true)?;
        let waba = self.j.target.waba().map_err(GraphError::from)?;
        Ok(client.practice_partners(waba).await?)
    }

    /// Practice only, on the move: the mirrored Partners tab's "Remover" for `partner` (the
    /// change-partner road, `docs/meta-rules.md` §17). Only a partner the tab lists now; the
    /// sandbox refuses it to a non-admin, as Meta does. The list after it.
    pub async fn practice_remove_partner(
        &mut self,
        client: &GraphClient,
        partner: &crate::graph::BusinessId,
    ) -> Result<Vec<crate::graph::practice::Partner>, JourneyError> {
        let listed = self.practice_partners(client).await?;
        if !listed.iter().any(|p| *partner == p.id) {
            // A second click after the removal finds it gone: already done, not an error.
            if self.j.practice_partner_removed_at.is_some() {
                return Ok(listed);
            }
            return Err(JourneyError::UnknownId(partner.to_string()));
        }
        let waba = self.j.target.waba().map_err(GraphError::from)?.clone();
        Self::accepted(client.practice_remove_partner(&waba, partner).await?)?;
        self.j.practice_partner_removed_at = Some(Utc::now());
        self.j.log(
            format!("the old partner {partner} removed on the (practice) Partners tab"),
            None,
        );
        self.save()?;
        Ok(client.practice_partners(&waba).await?)
    }

    /// Practice only, on the move: the mirrored two-step screen's "Desativar" (the PIN step,
    /// `docs/meta-rules.md` §12). "Já desliguei" stays the admin's word.
    pub async fn practice_two_step_off(
        &mut self,
        client: &GraphClient,
    ) -> Result<(), JourneyError> {
        self.ready_for_practice_action(Stage::Move, true)?;
        let pn = self.j.target.number().map_err(GraphError::from)?.clone();
        Self::accepted(client.practice_two_step_off(&pn).await?)?;
        self.j.practice_pin_off_at = Some(Utc::now());
        self.j.log(
            "two-step verification turned off on the (practice) WhatsApp Manager screen",
            None,
        );
        self.save()
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
        Ok(move_card_for(
            &self.j.target,
            report,
            self.j.pin_off_said_at,
        ))
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

/// The migration card ("cartão de migração") of the number `t`, from Meta's readiness read
/// (`report`): plain words for the admin, then a block for the new provider's technical team. The
/// journey's move path and the support console's `release` hand over the same card.
/// The card for the new provider. `pin_off_said` is when the admin said the two-step PIN is off
/// (their word; the API cannot read it).
pub fn move_card_for(
    t: &Target,
    report: &MoveReport,
    pin_off_said: Option<DateTime<Utc>>,
) -> MoveCard {
    let dash = |v: Option<&str>| v.unwrap_or("—").to_owned();
    let digits = crate::graph::digits(t.display_phone_number.as_deref().unwrap_or(""));
    let status = report.number_status.as_deref();
    let status_words = match status {
        Some(s) if s.eq_ignore_ascii_case("CONNECTED") => "Conectado",
        Some(s) if s.eq_ignore_ascii_case("DISCONNECTED") => "Desconectado",
        Some(s) if s.eq_ignore_ascii_case("PENDING") => "Pendente",
        Some(s) if s.eq_ignore_ascii_case("FLAGGED") => "Sinalizado",
        Some(s) if s.eq_ignore_ascii_case("RESTRICTED") => "Restrito",
        Some(s) if s.eq_ignore_ascii_case("BANNED") => "Banido",
        Some(_) => "outro (veja o bloco técnico)",
        None => "—",
    };
    // Plain words for the admin, then a separate block for the new provider's technical team.
    let text = format!(
        "Cartão de migração — número do WhatsApp Business\n\
         \n\
         Número: {number}\n\
         Nome de exibição: {name}\n\
         Situação na Meta: {status_words}\n\
         Conta do WhatsApp Business: {waba_name}\n\
         Portfólio empresarial de origem: {business}\n\
         Conferido na Meta em: {at_local}\n\
         \n\
         PIN (verificação em duas etapas): {pin_words}\n\
         \n\
         Como funciona: quem é dono da conta de destino (o novo provedor) inicia a migração e\n\
         a Meta envia um código por SMS ou ligação para este número. Antes, desligue o PIN\n\
         (verificação em duas etapas) no Gerenciador do WhatsApp: com ele ligado, a migração\n\
         falha com o código 2388001. Nada é excluído.\n\
         Este cartão não contém senha nem token.\n\
         \n\
         --- Para a equipe técnica do novo provedor ---\n\
         phone_number_id: {pn}\n\
         display_phone_number: {number}\n\
         status: {status}\n\
         source waba_id: {waba}\n\
         read_at: {at_utc}\n\
         two_step_pin: {pin_tech} (not readable through the API; 2388001 while it is on)\n\
         Start: POST /{{dest-waba}}/phone_numbers (cc, phone_number, migrate_phone_number=true),\n\
         then POST /{{pn}}/request_code, POST /{{pn}}/verify_code, POST /{{pn}}/register.\n",
        number = dash(t.display_phone_number.as_deref()),
        pn = dash(t.phone_number_id.as_deref()),
        name = dash(t.verified_name.as_deref()),
        status = dash(status),
        waba_name = dash(t.waba_name.as_deref()),
        waba = dash(t.waba_id.as_deref()),
        business = dash(t.business_name.as_deref()),
        at_local = report
            .at
            .with_timezone(&chrono::Local)
            .format("%d/%m/%Y %H:%M"),
        at_utc = report.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        pin_words = match pin_off_said {
            Some(at) => format!(
                "desligado, segundo o administrador, em {} (a Meta não deixa o app conferir)",
                at.with_timezone(&chrono::Local).format("%d/%m/%Y %H:%M")
            ),
            None => "ainda não confirmado pelo administrador".to_owned(),
        },
        pin_tech = match pin_off_said {
            Some(at) => format!(
                "said off by the admin at {}",
                at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            ),
            None => "not confirmed".to_owned(),
        },
    );
    MoveCard {
        text,
        file_name: format!("cartao-migracao-{digits}.txt"),
    }
}
