//! The journey as an explicit state machine (`docs/journey.md`). Each screen action is one
//! method; each checks the stage it belongs to and the connection it was started with, and the
//! journal is saved after every change.
//!
//! Rules held here (`docs/meta-rules.md`): nothing destructive is sent before the backup is
//! written and re-read (or explicitly skipped), the checks pass or each failed one is overridden,
//! and the admin typed the confirmation; only Meta's answer moves the journey on. The number and
//! WABA steps live in `delete_number.rs` and `remove_waba.rs`.

use super::error::JourneyError;
use super::journal::{BackupRecord, Journal, JournalStore, Stage};
use crate::connection::{Binding, Mode};
use crate::graph::{BusinessId, GraphClient, PhoneNumberId, WabaId};
use crate::steps::backup::{write_backup, BackupSummary};
use crate::steps::checks::{run_checks, CheckId, ChecksReport};
use chrono::Utc;
use std::path::Path;

/// What the admin types to skip the backup (`docs/journey.md`, backup).
pub const SKIP_BACKUP_PHRASE: &str = "PULAR BACKUP";

pub struct Journey {
    pub(super) j: Journal,
    store: JournalStore,
}

impl Journey {
    pub fn start(mode: Mode, binding: Binding, store: JournalStore) -> Result<Self, JourneyError> {
        let mut j = Journal::new(mode, Utc::now());
        j.binding = Some(binding);
        store.save(&j)?;
        Ok(Self { j, store })
    }

    pub fn resume(store: JournalStore) -> Option<Self> {
        let mut me = store.load().map(|j| Self { j, store })?;
        me.settle_interrupted_deregister();
        Some(me)
    }

    pub fn journal(&self) -> &Journal {
        &self.j
    }

    /// The data folder this journey is kept in.
    pub(super) fn store_dir(&self) -> &Path {
        self.store.dir()
    }

    pub fn mode(&self) -> Mode {
        self.j.mode
    }

    /// The journey runs only on the connection it started with: same mode, Graph host and
    /// token user. A practice journal never reaches Meta; a real one never the sandbox.
    pub fn check_connection(&self, mode: Mode, binding: &Binding) -> Result<(), JourneyError> {
        crate::connection::check(self.j.mode, self.j.binding.as_ref(), mode, binding)
            .map_err(|why| JourneyError::OtherConnection(why.as_str()))
    }

    pub(super) fn save(&mut self) -> Result<(), JourneyError> {
        Ok(self.write()?)
    }

    /// The journal to disk, as it is now.
    pub(super) fn write(&mut self) -> std::io::Result<()> {
        self.j.updated_at = Utc::now();
        self.store.save(&self.j)
    }

    pub(super) fn at(&self, stages: &[Stage]) -> Result<(), JourneyError> {
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

    /// Screen 1, the article's step 1: the company, read back from Meta by id. Allowed until a
    /// number is chosen (going back).
    pub async fn choose_business(
        &mut self,
        client: &GraphClient,
        want: &BusinessId,
    ) -> Result<(), JourneyError> {
        self.at(&[
            Stage::ChooseBusiness,
            Stage::ChooseWaba,
            Stage::ChooseNumber,
            Stage::Checks,
        ])?;
        let b = client
            .businesses()
            .await?
            .into_iter()
            .find(|b| *want == b.id)
            .ok_or_else(|| JourneyError::UnknownId(want.to_string()))?;
        self.j.target = Default::default();
        self.j.target.business_id = Some(want.clone());
        self.j.target.business_name = b.name;
        self.j.checks = None;
        self.j.stage = Stage::ChooseWaba;
        self.save()
    }

    /// Screen 2, step 2: the WABA, which must be one of the business's (owned or client).
    pub async fn choose_waba(
        &mut self,
        client: &GraphClient,
        want: &WabaId,
    ) -> Result<(), JourneyError> {
        self.at(&[Stage::ChooseWaba, Stage::ChooseNumber, Stage::Checks])?;
        let biz = self.j.target.business()?.clone();
        let (owned, shared) = tokio::join!(client.owned_wabas(&biz), client.client_wabas(&biz));
        // An account a partner runs for this business (On-Behalf-Of) is the business's own, not
        // a client's.
        let serves_clients = shared
            .as_ref()
            .ok()
            .map(|s| s.iter().any(|w| !w.run_for(biz.as_str())));
        let w = owned?
            .into_iter()
            .chain(shared.unwrap_or_default())
            .find(|w| *want == w.id)
            .ok_or_else(|| JourneyError::UnknownId(want.to_string()))?;
        let t = &mut self.j.target;
        t.serves_clients = serves_clients;
        t.waba_id = Some(want.clone());
        t.waba_name = w.name;
        t.phone_number_id = None;
        t.display_phone_number = None;
        self.j.checks = None;
        self.j.stage = Stage::ChooseNumber;
        self.save()
    }

    /// Screen 3, step 3: the number, which must be listed by the WABA. Its digits (for the
    /// typed confirmation and the 30-day rule) are Meta's, not the web view's.
    pub async fn choose_number(
        &mut self,
        client: &GraphClient,
        want: &PhoneNumberId,
    ) -> Result<(), JourneyError> {
        self.at(&[Stage::ChooseNumber, Stage::Checks])?;
        let waba = self.j.target.waba()?.clone();
        let n = client
            .phone_numbers(&waba)
            .await?
            .into_iter()
            .find(|n| *want == n.id)
            .ok_or_else(|| JourneyError::UnknownId(want.to_string()))?;
        let t = &mut self.j.target;
        t.coexistence = Some(crate::graph::facts::coexistence(&n));
        t.phone_number_id = Some(want.clone());
        t.display_phone_number = n.display_phone_number;
        t.verified_name = n.verified_name;
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
        if let Some(c) = report.checks.iter().find(|c| {
            !c.overridable
                && c.status == crate::steps::checks::CheckStatus::Fail
                && overrides.contains(&c.id)
        }) {
            return Err(JourneyError::NotOverridable(c.id));
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

    /// The backup's file name, before the save dialog asks where.
    pub fn backup_file_name(&self) -> String {
        crate::steps::backup::default_file_name(&self.j.target, Utc::now())
    }

    /// Screen 5: writes the backup to `dest` and reads it back.
    pub async fn backup(
        &mut self,
        client: &GraphClient,
        dest: &Path,
    ) -> Result<BackupSummary, JourneyError> {
        // The move path makes the same backup, and stays where it is.
        self.at(&[Stage::Backup, Stage::Move])?;
        let s = write_backup(client, &self.j.target, dest, Utc::now()).await?;
        self.j.backup = Some(BackupRecord::verified(&s));
        self.j.log(
            format!("backup written and verified: {} templates", s.templates),
            None,
        );
        if self.j.stage == Stage::Backup {
            self.j.stage = Stage::DeleteNumber;
        }
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

    pub(super) fn finish(&mut self) -> Result<(), JourneyError> {
        self.j.stage = Stage::Done;
        self.j.finished_at = Some(Utc::now());
        self.save()
    }
}
