//! The journey as an explicit state machine (design.md, journey table). Each screen action is one
//! method; each checks the stage it belongs to, and the journal is saved after every change.
//!
//! Rules held here (design.md, Rules): nothing destructive is sent before the backup is written
//! and re-read (or explicitly skipped), the checks pass or each failed one is overridden, and the
//! admin typed the confirmation; deregister is sent at most once per confirmation; 133016 stops
//! the journey with the time the block lifts; only the API's answer moves the journey on.

use super::backup::{write_backup, BackupError, BackupSummary};
use super::checks::{run_checks, CheckId, ChecksReport};
use super::journal::{BackupRecord, DeregisterRecord, Journal, JournalStore, Mode, Stage};
use super::poll::{until_gone, Pace, PollError, PollProgress, PollTarget};
use crate::graph::model::{Business, PhoneNumber, Waba};
use crate::graph::practice::{ManualAnswer, ManualRefusal, RefusalReason};
use crate::graph::{digits, ErrorClass, GraphClient, GraphError};
use chrono::Utc;
use serde::Serialize;
use std::path::Path;
use tokio::sync::watch;

/// What the admin types to skip the backup (issue 4, screen 5).
pub const SKIP_BACKUP_PHRASE: &str = "PULAR BACKUP";

#[derive(Debug, thiserror::Error)]
pub enum JourneyError {
    #[error(transparent)]
    Graph(#[from] GraphError),
    #[error("this action belongs to another step (the journey is at {actual:?})")]
    WrongStage { actual: Stage },
    #[error("the typed confirmation does not match")]
    ConfirmationMismatch,
    #[error("the admin has not confirmed that messages, sessions and templates will be lost")]
    LossNotAcknowledged,
    #[error("checks failed and were not overridden: {0:?}")]
    Blocked(Vec<CheckId>),
    #[error("the checks have not been run")]
    ChecksMissing,
    #[error(transparent)]
    Backup(#[from] BackupError),
    #[error("the journal could not be saved: {0}")]
    Journal(#[from] std::io::Error),
    /// 133016: too many register/deregister calls; blocked for 72 h.
    #[error("Meta blocks deregister for this number until {until:?}")]
    DeregisterBlocked {
        until: Option<String>,
        trace_id: Option<String>,
    },
    #[error("Meta's screen refused: {}", .0.message)]
    Refused(ManualRefusal),
    #[error("other numbers remain in the WABA: {0:?}")]
    NumbersRemain(Vec<String>),
    #[error("only available in practice mode")]
    NotPractice,
    #[error("waiting was cancelled")]
    Cancelled,
}

impl From<PollError> for JourneyError {
    fn from(e: PollError) -> Self {
        match e {
            PollError::Cancelled => JourneyError::Cancelled,
            PollError::Graph(g) => JourneyError::Graph(g),
        }
    }
}

/// What the WABA step needs to know before it is shown.
#[derive(Debug, Clone, Serialize)]
pub struct WabaStepInfo {
    pub other_numbers: Vec<String>,
    pub app_subscribed: bool,
}

pub struct Journey {
    j: Journal,
    store: JournalStore,
}

impl Journey {
    pub fn start(mode: Mode, store: JournalStore) -> Result<Self, JourneyError> {
        let j = Journal::new(mode, Utc::now());
        store.save(&j)?;
        Ok(Self { j, store })
    }

    pub fn resume(store: JournalStore) -> Option<Self> {
        store.load().map(|j| Self { j, store })
    }

    pub fn journal(&self) -> &Journal {
        &self.j
    }

    pub fn mode(&self) -> Mode {
        self.j.mode
    }

    fn save(&mut self) -> Result<(), JourneyError> {
        self.j.updated_at = Utc::now();
        self.store.save(&self.j)?;
        Ok(())
    }

    fn at(&self, stages: &[Stage]) -> Result<(), JourneyError> {
        if stages.contains(&self.j.stage) {
            Ok(())
        } else {
            Err(JourneyError::WrongStage {
                actual: self.j.stage,
            })
        }
    }

    /// Finished or abandoned alike, the journal moves to `history/` (kept, never deleted) so the
    /// next start is fresh.
    pub fn archive(self) -> Result<(), JourneyError> {
        self.store.archive(&self.j)?;
        Ok(())
    }

    /// Screen 1, Passo 1: the company. Allowed until a number is chosen (going back).
    pub fn choose_business(&mut self, b: &Business) -> Result<(), JourneyError> {
        self.at(&[
            Stage::ChooseBusiness,
            Stage::ChooseWaba,
            Stage::ChooseNumber,
            Stage::Checks,
        ])?;
        self.j.target = Default::default();
        self.j.target.business_id = Some(b.id.clone());
        self.j.target.business_name = b.name.clone();
        self.j.checks = None;
        self.j.stage = Stage::ChooseWaba;
        self.save()
    }

    /// Screen 2, Passo 2: the WABA.
    pub fn choose_waba(&mut self, w: &Waba) -> Result<(), JourneyError> {
        self.at(&[Stage::ChooseWaba, Stage::ChooseNumber, Stage::Checks])?;
        let t = &mut self.j.target;
        t.waba_id = Some(w.id.clone());
        t.waba_name = w.name.clone();
        t.phone_number_id = None;
        t.display_phone_number = None;
        self.j.checks = None;
        self.j.stage = Stage::ChooseNumber;
        self.save()
    }

    /// Screen 3, Passo 3: the number.
    pub fn choose_number(&mut self, n: &PhoneNumber) -> Result<(), JourneyError> {
        self.at(&[Stage::ChooseNumber, Stage::Checks])?;
        let t = &mut self.j.target;
        t.phone_number_id = Some(n.id.clone());
        t.display_phone_number = n.display_phone_number.clone();
        t.verified_name = n.verified_name.clone();
        t.coexistence = Some(crate::graph::facts::coexistence(n));
        self.j.checks = None;
        self.j.overrides.clear();
        self.j.acknowledged_loss = false;
        self.j.stage = Stage::Checks;
        self.save()
    }

    /// Screen 4: the live checklist (one Graph batch).
    pub async fn run_checks(&mut self, client: &GraphClient) -> Result<ChecksReport, JourneyError> {
        self.at(&[Stage::Checks])?;
        let report = run_checks(client, &self.j.target, Utc::now()).await?;
        self.j.target.registered = Some(report.registered);
        self.j.target.coexistence = Some(report.coexistence);
        self.j.checks = Some(report.clone());
        self.save()?;
        Ok(report)
    }

    /// Screen 4 → 5: the admin ticked "entendo que…" and overrode what they chose to.
    pub fn confirm_checks(
        &mut self,
        acknowledged_loss: bool,
        overrides: Vec<CheckId>,
    ) -> Result<(), JourneyError> {
        self.at(&[Stage::Checks])?;
        let report = self.j.checks.as_ref().ok_or(JourneyError::ChecksMissing)?;
        if !acknowledged_loss {
            return Err(JourneyError::LossNotAcknowledged);
        }
        let blockers = report.blockers(&overrides);
        if !blockers.is_empty() {
            return Err(JourneyError::Blocked(blockers));
        }
        let failed: Vec<CheckId> = report.blockers(&[]);
        self.j.overrides = overrides
            .into_iter()
            .filter(|o| failed.contains(o))
            .collect();
        self.j.acknowledged_loss = true;
        for o in self.j.overrides.clone() {
            self.j
                .log(format!("check overridden by the admin: {o:?}"), None);
        }
        self.j.stage = Stage::Backup;
        self.save()
    }

    /// Screen 5: writes the backup to `dest` and reads it back.
    pub async fn backup(
        &mut self,
        client: &GraphClient,
        dest: &Path,
    ) -> Result<BackupSummary, JourneyError> {
        self.at(&[Stage::Backup])?;
        let s = write_backup(client, &self.j.target, dest, Utc::now()).await?;
        self.j.backup = Some(BackupRecord {
            path: Some(s.path.display().to_string()),
            verified: true,
            skipped: false,
            templates: s.templates,
            bytes: s.bytes,
            at: Utc::now(),
        });
        self.j.log(
            format!("backup written and verified: {} templates", s.templates),
            None,
        );
        self.j.stage = Stage::DeleteNumber;
        self.save()?;
        Ok(s)
    }

    /// Screen 5, the explicit way out: typing PULAR BACKUP (recorded in the receipt).
    pub fn skip_backup(&mut self, typed: &str) -> Result<(), JourneyError> {
        self.at(&[Stage::Backup])?;
        if typed.trim() != SKIP_BACKUP_PHRASE {
            return Err(JourneyError::ConfirmationMismatch);
        }
        self.j.backup = Some(BackupRecord {
            path: None,
            verified: false,
            skipped: true,
            templates: 0,
            bytes: 0,
            at: Utc::now(),
        });
        self.j
            .log("backup skipped by the admin (PULAR BACKUP)", None);
        self.j.stage = Stage::DeleteNumber;
        self.save()
    }

    /// The last 4 digits the admin must type to confirm.
    pub fn last4(&self) -> String {
        let d = digits(self.j.target.display_phone_number.as_deref().unwrap_or(""));
        d[d.len().saturating_sub(4)..].to_owned()
    }

    /// Screen 6, pop-up "Excluir número" → "Avançar": checks the typed digits, then deregisters
    /// once when the number is registered and not Coexistence (reference §5).
    pub async fn confirm_delete_number(
        &mut self,
        client: &GraphClient,
        typed_last4: &str,
    ) -> Result<DeregisterRecord, JourneyError> {
        self.at(&[Stage::DeleteNumber])?;
        let typed: String = typed_last4.chars().filter(char::is_ascii_digit).collect();
        if typed.len() != 4 || typed != self.last4() {
            return Err(JourneyError::ConfirmationMismatch);
        }
        self.j.number_confirmed_at = Some(Utc::now());
        let pn = self.j.target.phone_number_id.clone().unwrap_or_default();
        let already_sent = matches!(self.j.deregister, Some(DeregisterRecord::Sent { .. }));
        let record = if already_sent {
            self.j.deregister.clone().expect("matched")
        } else if self.j.target.coexistence == Some(true) {
            DeregisterRecord::NotNeeded {
                reason: "coexistence".into(),
            }
        } else if self.j.target.registered != Some(true) {
            DeregisterRecord::NotNeeded {
                reason: "not_registered".into(),
            }
        } else {
            // Saved before sending: a crash now never leads to an automatic second call.
            self.j.deregister = Some(DeregisterRecord::Sending { at: Utc::now() });
            self.save()?;
            match client.deregister(&pn).await {
                Ok(r) => {
                    self.j.log(
                        "deregister sent (number taken off Cloud API)",
                        r.trace_id.clone(),
                    );
                    DeregisterRecord::Sent {
                        at: Utc::now(),
                        trace_id: r.trace_id,
                    }
                }
                Err(e)
                    if e.code() == Some(100)
                        && e.meta().and_then(|m| m.subcode) == Some(2207051) =>
                {
                    DeregisterRecord::NotNeeded {
                        reason: "not_registered".into(),
                    }
                }
                // Already deleted in WhatsApp Manager: nothing to deregister; polling confirms it.
                Err(e) if e.is_gone() => DeregisterRecord::NotNeeded {
                    reason: "already_gone".into(),
                },
                Err(e) => {
                    let rec = DeregisterRecord::Failed {
                        at: Utc::now(),
                        code: e.code(),
                        trace_id: e.trace_id().map(str::to_owned),
                    };
                    self.j.deregister = Some(rec);
                    self.j.number_confirmed_at = None;
                    self.j.log(
                        format!("deregister refused (code {:?})", e.code()),
                        e.trace_id().map(str::to_owned),
                    );
                    self.save()?;
                    if e.meta()
                        .is_some_and(|m| m.class() == ErrorClass::DeregisterBudget)
                    {
                        let until = e
                            .meta()
                            .and_then(|m| m.details.clone().or_else(|| m.user_msg.clone()));
                        return Err(JourneyError::DeregisterBlocked {
                            until,
                            trace_id: e.trace_id().map(str::to_owned),
                        });
                    }
                    return Err(e.into());
                }
            }
        };
        self.j.deregister = Some(record.clone());
        self.save()?;
        Ok(record)
    }

    /// The practice screens act only in practice mode, on the right step, after the typed
    /// confirmation.
    fn ready_for_practice_action(&self, stage: Stage, confirmed: bool) -> Result<(), JourneyError> {
        self.at(&[stage])?;
        if self.j.mode != Mode::Practice {
            return Err(JourneyError::NotPractice);
        }
        if !confirmed {
            return Err(JourneyError::ConfirmationMismatch);
        }
        Ok(())
    }

    /// Meta's screen refused (not admin, paid message, numbers left): the journey does not move.
    fn accepted(ans: ManualAnswer) -> Result<(), JourneyError> {
        match ans.refused {
            Some(r) if r.reason != RefusalReason::AlreadyGone => Err(JourneyError::Refused(r)),
            _ => Ok(()),
        }
    }

    /// Practice only: the mirrored WhatsApp Manager screen's trash icon + "Avançar".
    pub async fn practice_delete_number(
        &mut self,
        client: &GraphClient,
    ) -> Result<(), JourneyError> {
        self.ready_for_practice_action(Stage::DeleteNumber, self.j.number_confirmed_at.is_some())?;
        let pn = self.j.target.phone_number_id.clone().unwrap_or_default();
        Self::accepted(client.practice_delete_number(&pn).await?)?;
        self.j.log(
            "number deleted on the (practice) WhatsApp Manager screen",
            None,
        );
        self.save()
    }

    /// Screen 6, waiting: polls until the API shows the number gone.
    pub async fn wait_number_gone(
        &mut self,
        client: &GraphClient,
        pace: Pace,
        cancel: watch::Receiver<bool>,
        progress: impl FnMut(PollProgress),
    ) -> Result<(), JourneyError> {
        self.at(&[Stage::DeleteNumber])?;
        if self.j.number_confirmed_at.is_none() {
            return Err(JourneyError::ConfirmationMismatch);
        }
        let pn = self.j.target.phone_number_id.clone().unwrap_or_default();
        let proof = until_gone(client, PollTarget::Number, &pn, pace, cancel, progress).await?;
        self.j.log(
            "number removal confirmed by the API",
            proof.trace_id.clone(),
        );
        self.j.number_removed = Some(proof);
        self.j.stage = Stage::RemoveWaba;
        self.save()
    }

    /// Screen 7, before showing it: other numbers left, and whether the token's app is subscribed.
    pub async fn waba_step_info(&self, client: &GraphClient) -> Result<WabaStepInfo, JourneyError> {
        self.at(&[Stage::RemoveWaba])?;
        let waba = self.j.target.waba_id.clone().unwrap_or_default();
        let (numbers, apps) =
            tokio::join!(client.phone_numbers(&waba), client.subscribed_apps(&waba));
        let pn = self.j.target.phone_number_id.clone().unwrap_or_default();
        let other_numbers = numbers?
            .into_iter()
            .filter(|n| n.id != pn && n.status != Some(crate::graph::model::NumberStatus::Deleted))
            .map(|n| n.display_phone_number.unwrap_or(n.id))
            .collect();
        Ok(WabaStepInfo {
            other_numbers,
            app_subscribed: apps.map(|a| !a.is_empty()).unwrap_or(false),
        })
    }

    /// Screen 7: this app stops receiving the WABA's webhooks (`DELETE /{waba}/subscribed_apps`).
    pub async fn unsubscribe_app(&mut self, client: &GraphClient) -> Result<(), JourneyError> {
        self.at(&[Stage::RemoveWaba])?;
        let waba = self.j.target.waba_id.clone().unwrap_or_default();
        let r = client.unsubscribe_app(&waba).await?;
        self.j
            .log("partner app unsubscribed from the WABA", r.trace_id.clone());
        self.j.unsubscribed_app = self.j.events.last().cloned();
        self.save()
    }

    /// Screen 7 skipped: other numbers remain, or the admin keeps the WABA.
    pub fn skip_waba(&mut self, reason: &str) -> Result<(), JourneyError> {
        self.at(&[Stage::RemoveWaba])?;
        self.j.waba_skipped = Some(reason.to_owned());
        self.j.log(format!("WABA kept: {reason}"), None);
        self.finish()
    }

    /// Screen 7, pop-up "Excluir conta": the typed name must match; no number may remain.
    pub async fn confirm_remove_waba(
        &mut self,
        client: &GraphClient,
        typed_name: &str,
    ) -> Result<(), JourneyError> {
        self.at(&[Stage::RemoveWaba])?;
        let name = self.j.target.waba_name.clone().unwrap_or_default();
        if typed_name.trim().to_lowercase() != name.trim().to_lowercase() || name.trim().is_empty()
        {
            return Err(JourneyError::ConfirmationMismatch);
        }
        let info = self.waba_step_info(client).await?;
        if !info.other_numbers.is_empty() {
            return Err(JourneyError::NumbersRemain(info.other_numbers));
        }
        self.j.waba_confirmed_at = Some(Utc::now());
        self.save()
    }

    /// Practice only: the mirrored Business Settings "Remover do Portfólio Empresarial".
    pub async fn practice_remove_waba(&mut self, client: &GraphClient) -> Result<(), JourneyError> {
        self.ready_for_practice_action(Stage::RemoveWaba, self.j.waba_confirmed_at.is_some())?;
        let waba = self.j.target.waba_id.clone().unwrap_or_default();
        Self::accepted(client.practice_remove_waba(&waba).await?)?;
        self.j.log(
            "WABA removed on the (practice) Business Settings screen",
            None,
        );
        self.save()
    }

    /// Screen 7, waiting: polls until the API shows the WABA gone.
    pub async fn wait_waba_gone(
        &mut self,
        client: &GraphClient,
        pace: Pace,
        cancel: watch::Receiver<bool>,
        progress: impl FnMut(PollProgress),
    ) -> Result<(), JourneyError> {
        self.at(&[Stage::RemoveWaba])?;
        if self.j.waba_confirmed_at.is_none() {
            return Err(JourneyError::ConfirmationMismatch);
        }
        let waba = self.j.target.waba_id.clone().unwrap_or_default();
        let proof = until_gone(client, PollTarget::Waba, &waba, pace, cancel, progress).await?;
        self.j
            .log("WABA removal confirmed by the API", proof.trace_id.clone());
        self.j.waba_removed = Some(proof);
        self.finish()
    }

    fn finish(&mut self) -> Result<(), JourneyError> {
        self.j.stage = Stage::Done;
        self.j.finished_at = Some(Utc::now());
        self.save()
    }
}
