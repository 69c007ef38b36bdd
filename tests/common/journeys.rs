//! One builder for "a journey at step X", used by every suite that drives the core's journey:
//! the choices a new admin makes (business, WABA, number), then as far as the test needs.

use std::path::Path;
use waba_core::connection::{Binding, Mode};
use waba_core::graph::GraphClient;
use waba_core::removal::{JournalStore, Journey, Readiness};
use waba_core::sandbox::seed::{BUSINESS_ID, PN_READY, USER_ADMIN, WABA_PROMOCOES};

/// Who a practice journey belongs to: the sandbox's admin on the practice host.
pub fn practice_binding() -> Binding {
    Binding {
        host: "practice".into(),
        user_id: USER_ADMIN.into(),
    }
}

/// Where a journey should stop, in the journey's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum At {
    /// Started, nothing chosen (the business screen).
    Started,
    /// Business, WABA and number chosen: the choice of path / the checks.
    NumberChosen,
    /// The checks run and confirmed (a failed blocker overridden): the backup screen.
    Checked,
    /// The backup skipped with its phrase: the deletion screen.
    BackupSkipped,
    /// The disconnect confirmed (last four digits, both answers): waiting for Meta's screen.
    NumberWait,
}

/// `JourneyAt::new(&client, dir).number(WABA, PN).at(At::Checked).await`.
pub struct JourneyAt<'a> {
    client: &'a GraphClient,
    journal: &'a Path,
    business: &'a str,
    waba: &'a str,
    number: &'a str,
    last4: Option<&'a str>,
}

impl<'a> JourneyAt<'a> {
    /// The Promoções number of the practice company, journaled in `journal`.
    pub fn new(client: &'a GraphClient, journal: &'a Path) -> Self {
        Self {
            client,
            journal,
            business: BUSINESS_ID,
            waba: WABA_PROMOCOES,
            number: PN_READY,
            last4: None,
        }
    }

    pub fn number(mut self, waba: &'a str, number: &'a str) -> Self {
        self.waba = waba;
        self.number = number;
        self
    }

    /// The last four digits typed in the disconnect's pop-up (default: the displayed number's).
    pub fn typed(mut self, last4: &'a str) -> Self {
        self.last4 = Some(last4);
        self
    }

    pub async fn at(self, at: At) -> Journey {
        let c = self.client;
        let mut j = Journey::start(
            Mode::Practice,
            practice_binding(),
            JournalStore::new(self.journal),
        )
        .unwrap();
        if at >= At::NumberChosen {
            j.choose_business(c, &super::biz_id(self.business))
                .await
                .unwrap();
            j.choose_waba(c, &super::waba_id(self.waba)).await.unwrap();
            j.choose_number(c, &super::pn_id(self.number))
                .await
                .unwrap();
        }
        if at >= At::Checked {
            let report = j.run_checks(c).await.unwrap();
            let failed = report.blockers(&[]);
            j.confirm_checks(true, failed).unwrap();
        }
        if at >= At::BackupSkipped {
            j.skip_backup(waba_core::removal::SKIP_BACKUP_PHRASE)
                .unwrap();
        }
        if at >= At::NumberWait {
            let last4 = match self.last4 {
                Some(l) => l.to_owned(),
                None => {
                    let shown = j.journal().target.display_phone_number.clone();
                    let digits: Vec<char> = shown
                        .unwrap_or_default()
                        .chars()
                        .filter(char::is_ascii_digit)
                        .collect();
                    digits[digits.len().saturating_sub(4)..].iter().collect()
                }
            };
            j.confirm_delete_number(c, &last4, Readiness::YES)
                .await
                .unwrap();
        }
        j
    }
}
