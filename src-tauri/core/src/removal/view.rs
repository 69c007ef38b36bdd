//! The journey as the web view sees it: typed flags and values, never event text. The UI decides
//! nothing from it that Rust does not check again.

use super::journal::Stage;
use super::journey::{Journey, SKIP_BACKUP_PHRASE};
use super::poll::PollTarget;
use crate::connection::Mode;
use crate::steps::checks::CheckId;
use crate::steps::deregister_record::DeregisterRecord;
use crate::steps::target::Target;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// When Meta proved a removal.
#[derive(Debug, Clone, Serialize)]
pub struct Proven {
    pub verified_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize)]
pub struct JourneyView {
    pub id: String,
    pub mode: Mode,
    pub stage: Stage,
    pub target: Target,
    pub deregister: Option<DeregisterRecord>,
    /// Deregisters left in Meta's 10-per-72-h budget, counting what this app sent.
    pub deregisters_left: usize,
    pub number_confirmed_at: Option<DateTime<Utc>>,
    /// Practice: the mirrored trash icon already deleted the number in the sandbox.
    pub practice_number_deleted: bool,
    pub number_removed: Option<Proven>,
    pub unsubscribed_app: bool,
    pub waba_confirmed_at: Option<DateTime<Utc>>,
    /// Practice: the mirrored "Remover do Portfólio Empresarial" already ran.
    pub practice_waba_removed: bool,
    pub waba_removed: Option<Proven>,
    pub waba_skipped: Option<String>,
    pub overrides: Vec<CheckId>,
    pub free_to_move_on: Option<NaiveDate>,
    /// A wait for Meta's proof is running now (the screen attaches to it).
    pub waiting: Option<PollTarget>,
    pub skip_backup_phrase: &'static str,
    /// A new two-step PIN was set through the API in this journey (never the PIN itself).
    pub pin_reset_at: Option<DateTime<Utc>>,
    /// Meta's screen will ask for the PIN: the number is still connected at the deletion (a
    /// Coexistence number is never disconnected by the app).
    pub meta_asks_pin: bool,
    /// "Encerrar" or "Levar" (`None`: not chosen yet).
    pub path: Option<super::move_report::JourneyPath>,
    pub move_report: Option<super::move_report::MoveReport>,
    /// When the admin said the two-step PIN is off (their word, not a verified fact).
    pub pin_off_said_at: Option<DateTime<Utc>>,
    /// Practice: the mirrored two-step screen turned the PIN off in the sandbox.
    pub practice_pin_off: bool,
    /// Practice: the mirrored Partners tab removed the old partner.
    pub practice_partner_removed: bool,
    /// "Reconectar o número" applies: disconnected by this journey, not yet proven deleted.
    pub may_reconnect: bool,
    pub reconnected_at: Option<DateTime<Utc>>,
}

impl JourneyView {
    pub fn of(journey: &Journey, waiting: Option<PollTarget>) -> Self {
        let j = journey.journal();
        let proven = |p: &Option<super::journal::RemovalProof>| {
            p.as_ref().map(|p| Proven {
                verified_at: p.verified_at,
            })
        };
        Self {
            id: j.id.clone(),
            mode: j.mode,
            stage: j.stage,
            target: j.target.clone(),
            deregister: j.deregister.clone(),
            deregisters_left: journey.deregisters_left(),
            may_reconnect: journey.may_reconnect(),
            reconnected_at: j.reconnected_at,
            number_confirmed_at: j.number_confirmed_at,
            practice_number_deleted: j.practice_number_deleted_at.is_some(),
            number_removed: proven(&j.number_removed),
            unsubscribed_app: j.unsubscribed_app.is_some(),
            waba_confirmed_at: j.waba_confirmed_at,
            practice_waba_removed: j.practice_waba_removed_at.is_some(),
            waba_removed: proven(&j.waba_removed),
            waba_skipped: j.waba_skipped.clone(),
            overrides: j.overrides.clone(),
            free_to_move_on: j.free_to_move_on(),
            waiting,
            skip_backup_phrase: SKIP_BACKUP_PHRASE,
            pin_reset_at: j.pin_reset_at,
            path: j.path,
            move_report: j.move_report.clone(),
            pin_off_said_at: j.pin_off_said_at,
            practice_pin_off: j.practice_pin_off_at.is_some(),
            practice_partner_removed: j.practice_partner_removed_at.is_some(),
            meta_asks_pin: matches!(
                &j.deregister,
                Some(
                    crate::steps::deregister_record::DeregisterRecord::NotNeeded {
                        reason: crate::steps::deregister_record::NotNeeded::Coexistence
                    }
                )
            ),
        }
    }
}
