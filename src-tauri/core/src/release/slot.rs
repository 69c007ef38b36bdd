//! The app's batch release ("Liberar vários números"): one run at a time, bound to the
//! connection that started it, its progress kept for every redraw. The rules are decided here,
//! under the caller's one lock, before anything is sent.

use super::directory::Directory;
use super::report::{ErrorInfo, NumberResult, ReleaseStatus};
use crate::connection::{Binding, Mode, Owner};
use serde::Serialize;
use std::path::PathBuf;
use tokio::sync::watch;

/// What the numbers screen shows of a batch: every number with its status (`pending` until its
/// turn), and at the end the report.
#[derive(Debug, Clone, Serialize)]
pub struct BatchView {
    pub account_id: String,
    pub account_name: Option<String>,
    pub numbers: Vec<BatchNumber>,
    pub running: bool,
    pub report_html: Option<PathBuf>,
    pub stopped: Option<ErrorInfo>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BatchNumber {
    pub phone_number_id: String,
    pub display_phone_number: Option<String>,
    /// `None` until the number's turn has ended.
    pub result: Option<NumberResult>,
}

#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error("a release is already running")]
    Busy,
    #[error("the typed account name does not match")]
    ConfirmationMismatch,
    #[error("a number is not in the chosen account: {0}")]
    NotInAccount(String),
    #[error("no number was chosen")]
    NoNumbers,
    /// The portfolio holds no client's account: the batch is a provider's tool.
    #[error(
        "the portfolio holds no client's account: releasing several numbers is a provider's tool"
    )]
    NotAProvider,
}

struct Running {
    owner: Owner,
    stop: watch::Sender<bool>,
}

#[derive(Default)]
pub struct BatchSlot {
    running: Option<Running>,
    view: Option<(Owner, BatchView)>,
}

impl BatchSlot {
    /// Reserves the one run for `owner`; answers the signal that stops it.
    pub fn reserve(&mut self, owner: Owner) -> Result<watch::Receiver<bool>, BatchError> {
        if self.running.is_some() {
            return Err(BatchError::Busy);
        }
        let (tx, rx) = watch::channel(false);
        self.running = Some(Running { owner, stop: tx });
        Ok(rx)
    }

    /// The run that was reserved did not start (a check failed after the reservation).
    pub fn release_reservation(&mut self) {
        self.running = None;
    }

    pub fn started(&mut self, view: BatchView) {
        if let Some(r) = &self.running {
            self.view = Some((r.owner.clone(), view));
        }
    }

    /// A number's turn ended.
    pub fn heard(&mut self, result: &NumberResult) -> Option<BatchView> {
        let (_, v) = self.view.as_mut()?;
        if let Some(n) = v
            .numbers
            .iter_mut()
            .find(|n| n.phone_number_id == result.phone_number_id)
        {
            n.result = Some(result.clone());
        }
        Some(v.clone())
    }

    /// The run ended: its report, and why it stopped early if it did.
    pub fn finished(
        &mut self,
        results: &[NumberResult],
        report_html: Option<PathBuf>,
        stopped: Option<ErrorInfo>,
    ) -> Option<BatchView> {
        self.running = None;
        let (_, v) = self.view.as_mut()?;
        for r in results {
            if let Some(n) = v
                .numbers
                .iter_mut()
                .find(|n| n.phone_number_id == r.phone_number_id)
            {
                n.result = Some(r.clone());
            }
        }
        v.running = false;
        v.report_html = report_html;
        v.stopped = stopped;
        Some(v.clone())
    }

    /// The batch this connection may see (another connection's is not shown).
    pub fn view_for(&self, mode: Mode, binding: &Binding) -> Option<BatchView> {
        self.view
            .as_ref()
            .filter(|(o, _)| o.is(mode, binding))
            .map(|(_, v)| v.clone())
    }

    pub fn running(&self) -> bool {
        self.running.is_some()
    }

    /// The connection changed: the run stops after the number it is on.
    pub fn leave_connection(&mut self) {
        if let Some(r) = &self.running {
            let _ = r.stop.send(true);
        }
    }
}

impl BatchView {
    /// What the admin asked, checked against Meta's own list before anything is sent: every id
    /// a number of `account` (each once), and the account's name typed back (the same comparison
    /// as "Excluir conta"). Answers the first view (every number `pending`).
    pub fn plan(
        directory: &Directory,
        account: &str,
        ids: &[String],
        typed_name: &str,
    ) -> Result<BatchView, BatchError> {
        if ids.is_empty() {
            return Err(BatchError::NoNumbers);
        }
        let business = directory
            .businesses
            .iter()
            .find(|b| b.accounts.iter().any(|a| a.id == account))
            .ok_or_else(|| BatchError::NotInAccount(account.to_owned()))?;
        // A provider's tool: its portfolio holds accounts its clients shared with it. A small
        // business's own numbers go one at a time, by the journey (`docs/support.md`).
        if business.accounts.iter().all(|a| a.owned) {
            return Err(BatchError::NotAProvider);
        }
        let entry = business
            .accounts
            .iter()
            .find(|a| a.id == account)
            .cloned()
            .ok_or_else(|| BatchError::NotInAccount(account.to_owned()))?;
        let mut numbers: Vec<BatchNumber> = Vec::new();
        for id in ids {
            let n = entry
                .numbers
                .iter()
                .find(|n| n.id == *id)
                .ok_or_else(|| BatchError::NotInAccount(id.clone()))?;
            if !numbers.iter().any(|b| b.phone_number_id == n.id) {
                numbers.push(BatchNumber {
                    phone_number_id: n.id.clone(),
                    display_phone_number: n.display_phone_number.clone(),
                    result: None,
                });
            }
        }
        if !crate::removal::name_typed_back(typed_name, entry.name.as_deref()) {
            return Err(BatchError::ConfirmationMismatch);
        }
        Ok(BatchView {
            account_id: entry.id,
            account_name: entry.name,
            numbers,
            running: true,
            report_html: None,
            stopped: None,
        })
    }

    /// The ids of the run, in the admin's order.
    pub fn ids(&self) -> Vec<String> {
        self.numbers
            .iter()
            .map(|n| n.phone_number_id.clone())
            .collect()
    }

    pub fn count(&self, status: ReleaseStatus) -> usize {
        self.numbers
            .iter()
            .filter(|n| n.result.as_ref().is_some_and(|r| r.status == status))
            .count()
    }
}
