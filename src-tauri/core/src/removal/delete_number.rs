//! Screen 6, the article's steps 3 and 4: the deregister (the one write Meta allows on a
//! number), the practice trash icon, and the proof that the number is gone
//! (`docs/meta-rules.md`: deregister, proof).

use super::error::JourneyError;
use super::journal::{RemovalProof, Stage};
use super::journey::Journey;
use super::poll::{PollPlan, PollTarget};
use crate::connection::Mode;
use crate::graph::practice::{ManualAnswer, RefusalReason};
use crate::graph::{GraphClient, GraphError};
use crate::number_ledger::{NumberGuard, NumberLedger, Program, Step};
use crate::steps::deregister_record::DeregisterRecord;
use chrono::Utc;

use crate::steps::deregister::{self, NumberState, DEREGISTER_BUDGET};

/// The admin's two answers before the disconnect (the help article's pre-requisites that the
/// API cannot check: the person on Meta's screen is a portfolio admin, and a connected number asks
/// for its two-step PIN).
#[derive(Debug, Clone, Copy, Default, serde::Deserialize)]
pub struct Readiness {
    pub admin_on_meta: bool,
    pub knows_pin: bool,
}

impl Readiness {
    /// Both answered yes.
    pub const YES: Readiness = Readiness {
        admin_on_meta: true,
        knows_pin: true,
    };
}

impl Journey {
    /// The last 4 digits the admin must type to confirm (Meta's digits, read at choose time).
    /// Empty when Meta gave fewer than four digits: then nothing typed matches.
    pub fn last4(&self) -> String {
        crate::graph::last_four(self.j.target.display_phone_number.as_deref().unwrap_or(""))
            .unwrap_or_default()
    }

    /// Deregisters left in Meta's 72 h budget, counting what every run of this app sent for the
    /// number (the shared ledger; this journal's own count when the ledger cannot be read).
    pub fn deregisters_left(&self) -> usize {
        let mut all = self.j.deregister_attempts.clone();
        if let Some(pn) = self.j.target.phone_number_id.as_deref() {
            if let Ok(calls) = self.number_ledger().calls(pn) {
                all.extend(calls.into_iter().map(|c| c.at));
            }
        }
        all.sort();
        all.dedup();
        DEREGISTER_BUDGET.saturating_sub(deregister::attempts_in_72h(&all, Utc::now()))
    }

    /// The shared ledger of numbers this journey's mode uses (`number_ledger`).
    pub(super) fn number_ledger(&self) -> NumberLedger {
        self.j.mode.number_ledger(self.store_dir(), Program::App)
    }

    /// The number's lock for `step` (another run of the app acting on it: refused, named).
    pub(super) async fn lock_number(&self, step: Step) -> Result<NumberGuard, JourneyError> {
        let pn = self.j.target.number().map_err(GraphError::from)?.clone();
        Ok(self.number_ledger().lock(pn.as_str(), step).await?)
    }

    /// Refused locally when every run of this app together already used Meta's 10
    /// register/deregister calls of the last 72 h (`docs/meta-rules.md` §5), with the time a
    /// place frees.
    pub(super) fn registration_budget(&self, guard: &NumberGuard) -> Result<(), JourneyError> {
        let all = deregister::all_attempts(&self.j.deregister_attempts, guard)?;
        Ok(deregister::budget(&all, Utc::now())?)
    }

    /// After a crash during a deregister: the outcome is unknown, the admin confirms again, and
    /// the number is read before anything is sent.
    pub(super) fn settle_interrupted_deregister(&mut self) {
        if deregister::settle_interrupted(self) {
            self.j.number_confirmed_at = None;
        }
    }

    /// Screen 6, "Desconectar o número": checks the typed digits, then deregisters once
    /// (`steps/deregister.rs`: the rules every deregister of this app follows).
    pub async fn confirm_delete_number(
        &mut self,
        client: &GraphClient,
        typed_last4: &str,
        answers: Readiness,
    ) -> Result<DeregisterRecord, JourneyError> {
        self.at(&[Stage::DeleteNumber])?;
        // Nothing irreversible before the admin says Meta's screen will accept them: a number
        // must never be disconnected and then left undeletable.
        if !(answers.admin_on_meta && answers.knows_pin) {
            return Err(JourneyError::QuestionsUnanswered);
        }
        let typed: String = typed_last4.chars().filter(char::is_ascii_digit).collect();
        if typed.len() != 4 || typed != self.last4() {
            return Err(JourneyError::ConfirmationMismatch);
        }
        let pn = self.j.target.number().map_err(GraphError::from)?.clone();
        let known = NumberState {
            registered: self.j.target.registered == Some(true),
            coexistence: self.j.target.coexistence == Some(true),
        };
        // Held for the whole call: no other run of the app acts on the number meanwhile.
        let mut guard = self.lock_number(Step::Deregister).await?;
        match deregister::deregister_once(self, &mut guard, client, &pn, known).await {
            Ok(record) => self.confirmed(record),
            Err(e) => {
                // Unknown or refused: the admin confirms again before anything else is sent.
                self.j.number_confirmed_at = None;
                Err(e.into())
            }
        }
    }

    fn confirmed(&mut self, record: DeregisterRecord) -> Result<DeregisterRecord, JourneyError> {
        self.j.number_confirmed_at = Some(Utc::now());
        self.j.deregister = Some(record.clone());
        self.save()?;
        Ok(record)
    }

    /// The practice screens act only in practice mode, on the right step, after the typed
    /// confirmation.
    pub(super) fn ready_for_practice_action(
        &self,
        stage: Stage,
        confirmed: bool,
    ) -> Result<(), JourneyError> {
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
    pub(super) fn accepted(ans: ManualAnswer) -> Result<(), JourneyError> {
        match ans.refused {
            Some(r) if r.reason != RefusalReason::AlreadyGone => Err(JourneyError::Refused(r)),
            _ => Ok(()),
        }
    }

    /// Practice only: the mirrored WhatsApp Manager screen's trash icon + "Avançar".
    /// A number still connected (a Coexistence number is never disconnected) is asked for its
    /// two-step PIN, as on Meta's screen.
    pub async fn practice_delete_number(
        &mut self,
        client: &GraphClient,
        pin: Option<crate::graph::TwoStepPin>,
    ) -> Result<(), JourneyError> {
        self.ready_for_practice_action(Stage::DeleteNumber, self.j.number_confirmed_at.is_some())?;
        let pn = self.j.target.number().map_err(GraphError::from)?.clone();
        Self::accepted(client.practice_delete_number(&pn, pin.as_ref()).await?)?;
        self.j.practice_number_deleted_at = Some(Utc::now());
        self.j.log(
            "number deleted on the (practice) WhatsApp Manager screen",
            None,
        );
        self.save()
    }

    /// What a wait polls, checked against the stage and the confirmation it needs.
    pub fn poll_plan(&self, target: PollTarget) -> Result<PollPlan, JourneyError> {
        let (stage, opened) = match target {
            PollTarget::Number => (Stage::DeleteNumber, self.j.number_confirmed_at),
            PollTarget::Waba => (Stage::RemoveWaba, self.j.waba_confirmed_at),
        };
        self.at(&[stage])?;
        let opened_at = opened.ok_or(JourneyError::ConfirmationMismatch)?;
        let t = &self.j.target;
        Ok(PollPlan {
            target,
            business_id: t.business().map_err(GraphError::from)?.clone(),
            waba_id: t.waba().map_err(GraphError::from)?.clone(),
            phone_number_id: t.number().map_err(GraphError::from)?.clone(),
            opened_at,
        })
    }

    /// Polls until Meta proves `target` gone and records it, holding this journey meanwhile: for
    /// callers that own the journey alone (tests, the benchmark). The app uses `wait::Waits`,
    /// which polls without holding it.
    pub async fn wait_removed(
        &mut self,
        client: &GraphClient,
        target: PollTarget,
        pace: super::pace::Pace,
        cancel: tokio::sync::watch::Receiver<bool>,
        progress: impl FnMut(super::poll::PollProgress),
    ) -> Result<(), JourneyError> {
        let plan = self.poll_plan(target)?;
        let proof = super::poll::until_gone(client, &plan, pace, None, cancel, progress).await?;
        self.record_removal(target, proof)
    }

    /// Meta proved the removal: the journey moves on (number → WABA step, WABA → done).
    pub fn record_removal(
        &mut self,
        target: PollTarget,
        proof: RemovalProof,
    ) -> Result<(), JourneyError> {
        self.poll_plan(target)?;
        match target {
            PollTarget::Number => {
                self.j
                    .log("number removal confirmed by Meta", proof.trace_id.clone());
                self.j.number_removed = Some(proof);
                self.j.stage = Stage::RemoveWaba;
                self.save()
            }
            PollTarget::Waba => {
                self.j
                    .log("WABA removal confirmed by Meta", proof.trace_id.clone());
                self.j.waba_removed = Some(proof);
                self.finish()
            }
        }
    }
}

impl deregister::DeregisterJournal for Journey {
    fn record(&mut self) -> &mut Option<DeregisterRecord> {
        &mut self.j.deregister
    }
    fn attempts(&mut self) -> &mut Vec<chrono::DateTime<Utc>> {
        &mut self.j.deregister_attempts
    }
    fn note(&mut self, what: String, trace_id: Option<String>) {
        self.j.log(what, trace_id);
    }
    fn persist(&mut self) -> std::io::Result<()> {
        self.write()
    }
}
