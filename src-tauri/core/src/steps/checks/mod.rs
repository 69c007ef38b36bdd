//! Pré-requisitos (`docs/journey.md`): a live checklist computed from one Graph batch (one round trip).
//! A failed blocking check stops the journey unless the admin overrides that one check.

use crate::graph::facts;
use crate::graph::field_lists;
use crate::graph::model::{
    AssignedUser, BusinessUser, CreditLine, Me, Permission, PhoneNumber, SubscribedApp, Waba,
    WabaPricing,
};
use crate::graph::wire::Page;
use crate::graph::{digits, pricing_field, GraphClient, GraphError, SharedReads};
use crate::steps::target::Target;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

mod check;
mod items;

pub use check::{Check, CheckId, CheckStatus};
#[cfg(test)]
mod tests;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChecksReport {
    pub at: DateTime<Utc>,
    pub checks: Vec<Check>,
    /// Numbers other than the target still in the WABA.
    pub other_numbers: Vec<String>,
    /// The token's app is subscribed to the WABA's webhooks (partner unsubscribe applies).
    pub app_subscribed: bool,
    pub registered: bool,
    pub coexistence: bool,
    /// Optional facts Meta no longer serves (a retired field): the checks that needed them say
    /// "não foi possível ler" (`docs/meta-rules.md` §15).
    #[serde(default)]
    pub unreadable: Vec<String>,
}

impl ChecksReport {
    /// The first day Meta allows the deletion, when a paid message of the last 30 days says one.
    pub fn deletable_from(&self) -> Option<String> {
        self.fact(CheckId::PaidMessages, "deletable_from")
    }

    /// A credit line funds the account (the billing check named one); `None` when the billing
    /// check could not read it.
    pub fn credit_line(&self) -> Option<bool> {
        let billing = self.checks.iter().find(|c| c.id == CheckId::Billing)?;
        if billing.status == CheckStatus::Unknown {
            return None;
        }
        Some(self.fact(CheckId::Billing, "credit_line").is_some())
    }

    fn fact(&self, id: CheckId, key: &str) -> Option<String> {
        self.checks
            .iter()
            .find(|c| c.id == id)?
            .facts
            .get(key)?
            .as_str()
            .map(str::to_owned)
    }

    /// Failed blocking checks that are not overridden (an override of a check that may not be
    /// overridden counts for nothing).
    pub fn blockers(&self, overrides: &[CheckId]) -> Vec<CheckId> {
        self.checks
            .iter()
            .filter(|c| c.blocking && c.status == CheckStatus::Fail)
            .filter(|c| !(c.overridable && overrides.contains(&c.id)))
            .map(|c| c.id)
            .collect()
    }
}

/// The checklist's reads, each named once: its place in the batch is its place here, so an
/// answer is taken by the name of its read, never by a number kept by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Read {
    Me,
    Permissions,
    BusinessUsers,
    Waba,
    Numbers,
    AssignedUsers,
    CreditLines,
    /// The one read that belongs to the number alone (its paid messages of the last 31 days);
    /// every other belongs to the connection, the portfolio or the account, and a run over
    /// several numbers reads it once (`SharedReads`).
    Pricing,
    SubscribedApps,
}

impl Read {
    const ALL: [Read; 9] = [
        Read::Me,
        Read::Permissions,
        Read::BusinessUsers,
        Read::Waba,
        Read::Numbers,
        Read::AssignedUsers,
        Read::CreditLines,
        Read::Pricing,
        Read::SubscribedApps,
    ];

    /// Its place in the batch.
    fn at(self) -> usize {
        Self::ALL
            .iter()
            .position(|r| *r == self)
            .expect("every read is listed")
    }

    fn url(
        self,
        client: &GraphClient,
        t: &Target,
        now: DateTime<Utc>,
    ) -> Result<String, GraphError> {
        let biz = t.business()?.as_str();
        let waba = t.waba()?.as_str();
        Ok(match self {
            Read::Me => client.relative("me", &[("fields", "id,name")]),
            Read::Permissions => client.relative("me/permissions", &[]),
            Read::BusinessUsers => client.relative(
                &format!("{biz}/business_users"),
                &[("fields", field_lists::BUSINESS_USER), ("limit", "100")],
            ),
            Read::Waba => client.waba_relative(t.waba()?),
            Read::Numbers => client.phone_numbers_relative(t.waba()?),
            Read::AssignedUsers => client.relative(
                &format!("{waba}/assigned_users"),
                &[("business", biz), ("limit", "100")],
            ),
            Read::CreditLines => client.relative(
                &format!("{biz}/extendedcredits"),
                &[("fields", field_lists::CREDIT_LINE)],
            ),
            Read::Pricing => {
                let start = (now - chrono::Duration::days(31)).timestamp();
                let phone = digits(t.display_phone_number.as_deref().unwrap_or(""));
                client.relative(
                    waba,
                    &[("fields", &pricing_field(start, now.timestamp(), &[phone]))],
                )
            }
            Read::SubscribedApps => client.relative(&format!("{waba}/subscribed_apps"), &[]),
        })
    }
}

/// The reads of the checklist, in batch order.
pub fn check_reads(
    client: &GraphClient,
    t: &Target,
    now: DateTime<Utc>,
) -> Result<Vec<String>, GraphError> {
    t.number()?;
    Read::ALL.iter().map(|r| r.url(client, t, now)).collect()
}

/// What Meta answered to the checklist's reads (one batch). A read Meta may refuse without
/// stopping the checklist is kept as its error: its check says "não foi possível verificar".
pub struct ChecksRead {
    pub me: Me,
    pub permissions: Result<Page<Permission>, GraphError>,
    pub business_users: Result<Page<BusinessUser>, GraphError>,
    pub waba: Waba,
    pub numbers: Vec<PhoneNumber>,
    pub assigned_users: Result<Page<AssignedUser>, GraphError>,
    pub credit_lines: Result<Page<CreditLine>, GraphError>,
    pub pricing: Result<WabaPricing, GraphError>,
    pub subscribed_apps: Result<Page<SubscribedApp>, GraphError>,
}

/// Runs the checklist with one Graph batch. Errors that stop everything (token invalid, the
/// WABA or number gone, the network) come back as `Err`; a refused single read makes its
/// check `Unknown`.
pub async fn run_checks(
    client: &GraphClient,
    t: &Target,
    now: DateTime<Utc>,
) -> Result<ChecksReport, GraphError> {
    run_checks_sharing(client, t, now, None).await
}

/// [`run_checks`] in a run over several numbers: what `shared` already holds of the
/// connection, the portfolio and the account is not read again (`docs/meta-rules.md` §1).
pub async fn run_checks_sharing(
    client: &GraphClient,
    t: &Target,
    now: DateTime<Utc>,
    shared: Option<&SharedReads>,
) -> Result<ChecksReport, GraphError> {
    let reads = check_reads(client, t, now)?;
    let mut a = client
        .batch_get_sharing(&reads, shared, |i| i != Read::Pricing.at())
        .await?;
    let read = ChecksRead {
        me: a.take(Read::Me.at())?, // 190 here means the token stopped working: stop.
        permissions: a.take(Read::Permissions.at()),
        business_users: a.take(Read::BusinessUsers.at()),
        waba: a.take(Read::Waba.at())?,
        numbers: a.take::<Page<PhoneNumber>>(Read::Numbers.at())?.data,
        assigned_users: a.take(Read::AssignedUsers.at()),
        credit_lines: a.take(Read::CreditLines.at()),
        pricing: a.take(Read::Pricing.at()),
        subscribed_apps: a.take(Read::SubscribedApps.at()),
    };
    let mut report = evaluate(t, now.date_naive(), &read);
    report.unreadable = client.unreadable_fields();
    Ok(report)
}

/// The checklist from Meta's answers: one function per check (`items`), in the article's order
/// of concerns, then which failures may be overridden.
pub fn evaluate(t: &Target, today: NaiveDate, r: &ChecksRead) -> ChecksReport {
    let pn_id = t
        .number()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default();
    let target = r.numbers.iter().find(|n| n.id == pn_id);
    let assigned = r
        .assigned_users
        .as_ref()
        .map(|p| p.data.as_slice())
        .unwrap_or_default();
    let phone = digits(t.display_phone_number.as_deref().unwrap_or(""));
    let others = items::other_numbers_left(&r.numbers, &pn_id);
    let mut checks = vec![
        items::permissions(&r.permissions),
        items::admin(&r.me, &r.business_users, assigned),
        items::active_waba(&r.waba, target),
        items::paid_messages(&r.pricing, &phone, today),
        items::billing(&r.waba, &r.credit_lines),
        items::other_numbers(&others),
        items::coexistence(target),
        items::two_step_pin(),
    ];
    // Whoever clicks on Meta's screen may be another admin, and a WABA's review may change: those
    // may be overridden. A paid message in the last 30 days is Meta's data: it may not.
    for c in &mut checks {
        c.overridable =
            c.blocking && !(c.id == CheckId::PaidMessages && c.status == CheckStatus::Fail);
    }
    ChecksReport {
        at: Utc::now(),
        checks,
        other_numbers: others,
        app_subscribed: r
            .subscribed_apps
            .as_ref()
            .map(|a| !a.data.is_empty())
            .unwrap_or(false),
        registered: target.is_some_and(crate::graph::facts::registered),
        coexistence: target.is_some_and(facts::coexistence),
        unreadable: Vec::new(),
    }
}
