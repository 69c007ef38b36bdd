//! The journal: where a removal stands, written atomically after every step so that a crash or a
//! closed window resumes where it stopped (`ARCHITECTURE.md`). It holds ids, names, dates,
//! results and Meta trace ids, never a token.

use crate::vocabulary::ipc_enum;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

use crate::connection::{Binding, Mode};
use crate::steps::deregister_record::DeregisterRecord;
use crate::steps::target::Target;

pub const JOURNAL_FILE: &str = "journey.json";
pub const JOURNAL_VERSION: u32 = 1;

ipc_enum! {
    /// The screens of the journey, in order (`docs/journey.md`).
    #[derive(PartialOrd, Ord)]
    pub enum Stage {
        ChooseBusiness,
        ChooseWaba,
        ChooseNumber,
        Checks,
        /// "Levar para outro provedor ou conta": the move path (`removal/move_path.rs`).
        Move,
        Backup,
        DeleteNumber,
        RemoveWaba,
        Done,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupRecord {
    pub path: Option<String>,
    pub verified: bool,
    pub skipped: bool,
    pub templates: usize,
    pub bytes: u64,
    pub at: DateTime<Utc>,
}

impl BackupRecord {
    /// A backup written and read back whole (`steps/backup/`), as the journals keep it.
    pub fn verified(s: &crate::steps::backup::BackupSummary) -> Self {
        Self {
            path: Some(s.path.display().to_string()),
            verified: true,
            skipped: false,
            templates: s.templates,
            bytes: s.bytes,
            at: Utc::now(),
        }
    }
}

ipc_enum! {
    /// How Meta proved a removal (`docs/meta-rules.md`, proof).
    pub enum ProofKind {
        /// The parent's list (the WABA's numbers, the business's WABAs) read, without the object.
        AbsentFromParent,
        /// Meta answered 803 ("deleted") for the object itself.
        Deleted803,
    }
}

/// One call and Meta's answer, kept in the receipt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub at: DateTime<Utc>,
    /// The call, e.g. `GET /123/phone_numbers`.
    pub call: String,
    /// What Meta answered, in words.
    pub answer: String,
    pub trace_id: Option<String>,
}

/// Proof that Meta no longer has an object: the API's answer, not the admin's word.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RemovalProof {
    pub verified_at: DateTime<Utc>,
    /// 803 when Meta said "deleted"; 0 when the proof is the object's absence from its parent.
    pub evidence_code: i64,
    pub trace_id: Option<String>,
    pub polls: u32,
    #[serde(default)]
    pub kind: Option<ProofKind>,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub at: DateTime<Utc>,
    pub what: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Journal {
    pub version: u32,
    pub id: String,
    pub mode: Mode,
    /// Set when the first business is chosen; every later step checks it.
    #[serde(default)]
    pub binding: Option<Binding>,
    pub started_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub stage: Stage,
    /// "Encerrar" or "Levar": `None` in journals from before the choice existed (= close).
    #[serde(default)]
    pub path: Option<super::move_report::JourneyPath>,
    #[serde(default)]
    pub move_report: Option<super::move_report::MoveReport>,
    /// When the admin said the two-step PIN is off ("Já desliguei"): the API cannot read it, so
    /// this is the admin's word, never a verified fact (`docs/meta-rules.md` §12).
    #[serde(default)]
    pub pin_off_said_at: Option<DateTime<Utc>>,
    pub target: Target,
    #[serde(default)]
    pub checks: Option<crate::steps::checks::ChecksReport>,
    #[serde(default)]
    pub acknowledged_loss: bool,
    /// Failed checks the admin chose to override (recorded in the receipt).
    #[serde(default)]
    pub overrides: Vec<crate::steps::checks::CheckId>,
    #[serde(default)]
    pub backup: Option<BackupRecord>,
    #[serde(default)]
    pub deregister: Option<DeregisterRecord>,
    /// Every deregister this app sent for the number (Meta allows 10 register/deregister calls
    /// per number in 72 h), sent or of unknown outcome.
    #[serde(default)]
    pub deregister_attempts: Vec<DateTime<Utc>>,
    /// When a new two-step PIN was set through the API ("Esqueci o PIN"; the PIN is not kept).
    #[serde(default)]
    pub pin_reset_at: Option<DateTime<Utc>>,
    /// When the admin reconnected the number after the disconnect ("Reconectar o número").
    #[serde(default)]
    pub reconnected_at: Option<DateTime<Utc>>,
    /// When the admin typed the last 4 digits and pressed "Avançar".
    #[serde(default)]
    pub number_confirmed_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub number_removed: Option<RemovalProof>,
    #[serde(default)]
    pub unsubscribed_app: Option<Event>,
    /// Practice: when the mirrored trash icon deleted the number in the sandbox.
    #[serde(default)]
    pub practice_number_deleted_at: Option<DateTime<Utc>>,
    /// Practice: when the mirrored "Remover do Portfólio Empresarial" removed the WABA.
    #[serde(default)]
    pub practice_waba_removed_at: Option<DateTime<Utc>>,
    /// Practice, on the move: when the mirrored two-step screen's "Desativar" turned the PIN off
    /// in the sandbox.
    #[serde(default)]
    pub practice_pin_off_at: Option<DateTime<Utc>>,
    /// Practice, on the move: when the mirrored Partners tab removed the old partner.
    #[serde(default)]
    pub practice_partner_removed_at: Option<DateTime<Utc>>,
    /// When the admin typed the WABA's name and pressed "Excluir conta".
    #[serde(default)]
    pub waba_confirmed_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub waba_removed: Option<RemovalProof>,
    /// Why step 7 was skipped (other numbers remain, or the admin chose to keep the WABA).
    #[serde(default)]
    pub waba_skipped: Option<String>,
    #[serde(default)]
    pub finished_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub events: Vec<Event>,
}

impl Journal {
    pub fn new(mode: Mode, now: DateTime<Utc>) -> Self {
        Self {
            version: JOURNAL_VERSION,
            id: format!(
                "{}-{:04x}",
                now.format("%Y%m%dT%H%M%S"),
                rand::random::<u16>()
            ),
            mode,
            binding: None,
            started_at: now,
            updated_at: now,
            stage: Stage::ChooseBusiness,
            path: None,
            move_report: None,
            pin_off_said_at: None,
            target: Target::default(),
            checks: None,
            acknowledged_loss: false,
            overrides: vec![],
            backup: None,
            deregister: None,
            deregister_attempts: vec![],
            reconnected_at: None,
            pin_reset_at: None,
            number_confirmed_at: None,
            number_removed: None,
            practice_number_deleted_at: None,
            practice_pin_off_at: None,
            practice_partner_removed_at: None,
            practice_waba_removed_at: None,
            unsubscribed_app: None,
            waba_confirmed_at: None,
            waba_removed: None,
            waba_skipped: None,
            finished_at: None,
            events: vec![],
        }
    }

    pub fn log(&mut self, what: impl Into<String>, trace_id: Option<String>) {
        self.events.push(Event {
            at: Utc::now(),
            what: what.into(),
            trace_id,
        });
    }

    /// The day the number may move to another provider: removal + 30 days (the article's retention, `docs/meta-rules.md` §8).
    pub fn free_to_move_on(&self) -> Option<NaiveDate> {
        self.number_removed
            .as_ref()
            .map(|p| p.verified_at.date_naive() + chrono::Days::new(30))
    }

    /// Deregisters this app sent in the last 72 h (Meta's budget is 10, register included).
    pub fn deregisters_in_72h(&self, now: DateTime<Utc>) -> usize {
        self.deregister_attempts
            .iter()
            .filter(|t| now - **t < chrono::Duration::hours(72))
            .count()
    }

    /// Why this journal cannot be where it says it is, if it cannot (a stage needs what the
    /// steps before it recorded).
    pub fn incoherence(&self) -> Option<&'static str> {
        let t = &self.target;
        let s = self.stage;
        if self.path == Some(super::move_report::JourneyPath::Move) {
            return if t.phone_number_id.is_none() {
                Some("no number")
            } else if s == Stage::Done && (self.finished_at.is_none() || self.move_report.is_none())
            {
                Some("finished without an ending")
            } else if s > Stage::Move && s != Stage::Done {
                Some("a removal stage on the move path")
            } else {
                None
            };
        }
        let need = |stage: Stage, ok: bool, why| (s >= stage && !ok).then_some(why);
        need(Stage::ChooseWaba, t.business_id.is_some(), "no business")
            .or_else(|| need(Stage::ChooseNumber, t.waba_id.is_some(), "no WABA"))
            .or_else(|| need(Stage::Checks, t.phone_number_id.is_some(), "no number"))
            .or_else(|| {
                need(
                    Stage::Backup,
                    self.acknowledged_loss && self.checks.is_some(),
                    "checks not confirmed",
                )
            })
            .or_else(|| need(Stage::DeleteNumber, self.backup.is_some(), "no backup"))
            .or_else(|| {
                need(
                    Stage::RemoveWaba,
                    self.number_removed.is_some(),
                    "number not proven removed",
                )
            })
            .or_else(|| {
                need(
                    Stage::Done,
                    self.finished_at.is_some()
                        && (self.waba_removed.is_some() || self.waba_skipped.is_some()),
                    "finished without an ending",
                )
            })
    }

    /// The number is off WhatsApp (a disconnect sent, being sent, or of unknown outcome) and
    /// not yet proven deleted: leaving this journey is asked first, and no update installs.
    pub fn disconnected_not_deleted(&self) -> bool {
        use crate::steps::deregister_record::DeregisterRecord as D;
        self.number_removed.is_none()
            && matches!(
                self.deregister,
                Some(D::Sent { .. } | D::Unknown { .. } | D::Sending { .. })
            )
    }

    /// Whether this journal is worth offering to resume.
    pub fn unfinished(&self) -> bool {
        self.stage != Stage::Done && self.target.phone_number_id.is_some()
    }
}

/// Where the journal lives (the app data dir). Writes go to a temp file, then rename.
#[derive(Debug, Clone)]
pub struct JournalStore {
    dir: PathBuf,
}

impl JournalStore {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(JOURNAL_FILE)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn save(&self, j: &Journal) -> std::io::Result<()> {
        crate::files::create_private_dir(&self.dir)?;
        let bytes = serde_json::to_vec_pretty(j).map_err(std::io::Error::other)?;
        write_atomic(&self.path(), &bytes)
    }

    /// The saved journal; `None` when there is none or it cannot be used.
    pub fn load(&self) -> Option<Journal> {
        self.load_reporting().0
    }

    /// The saved journal, and where an unusable one was set aside (the admin is told). A journal
    /// that does not parse, has another version or an impossible stage is moved to a numbered
    /// `journey.json.damaged-N`, never over an earlier copy.
    pub fn load_reporting(&self) -> (Option<Journal>, Option<PathBuf>) {
        let Ok(bytes) = std::fs::read(self.path()) else {
            return (None, None);
        };
        let problem = match serde_json::from_slice::<Journal>(&bytes) {
            Ok(j) if j.version != JOURNAL_VERSION => format!("unknown version {}", j.version),
            Ok(j) => match j.incoherence() {
                None => return (Some(j), None),
                Some(why) => why.to_owned(),
            },
            Err(e) => format!("not readable ({e})"),
        };
        log::warn!("journal set aside: {problem}");
        match crate::files::set_aside(&self.path()) {
            Ok(p) => (None, Some(p)),
            Err(e) => {
                log::warn!("journal could not be set aside: {e}");
                (None, None)
            }
        }
    }

    /// Moves a finished or abandoned journal to `history/`.
    pub fn archive(&self, j: &Journal) -> std::io::Result<()> {
        let hist = self.dir.join("history");
        crate::files::create_private_dir(&hist)?;
        let bytes = serde_json::to_vec_pretty(j).map_err(std::io::Error::other)?;
        write_atomic(&hist.join(format!("{}.json", j.id)), &bytes)?;
        match std::fs::remove_file(self.path()) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

use crate::files::write_atomic;

#[cfg(test)]
#[path = "journal_tests.rs"]
mod tests;
