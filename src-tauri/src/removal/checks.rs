//! Pré-requisitos (`docs/journey.md`): a live checklist computed from one Graph batch (one round trip).
//! A failed blocking check stops the journey unless the admin overrides that one check.

use super::target::Target;
use crate::graph::facts::{self, AdminFact};
use crate::graph::model::{
    fields, AssignedUser, BusinessUser, CreditLine, Me, Page, Permission, PhoneNumber,
    SubscribedApp, Waba, WabaPricing,
};
use crate::graph::{digits, missing_permissions, pricing_field, GraphClient, GraphError};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckId {
    /// "Ter acesso de administrador ao Business Manager".
    Admin,
    /// "O número deve estar vinculado a uma WABA ativa".
    ActiveWaba,
    /// Meta refuses deletion within 30 days of a paid message (`docs/meta-rules.md` §4).
    PaidMessages,
    /// "Verifique se não há cobranças ou pendências financeiras" (credit line, billing link).
    Billing,
    /// Other numbers left in the WABA (step 7 needs none).
    OtherNumbers,
    /// Coexistence: deregister is refused; the number stays in the WhatsApp Business app.
    Coexistence,
    /// The two-step PIN has no API: a reminder.
    TwoStepPin,
    /// Permissions the token lacks.
    Permissions,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    Pass,
    Fail,
    /// Worth reading, does not block.
    Warn,
    /// Could not be checked (Meta refused the read): explained, does not block.
    Unknown,
    Info,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Check {
    pub id: CheckId,
    pub status: CheckStatus,
    /// A failed blocking check stops the journey unless overridden.
    pub blocking: bool,
    /// Whether the admin may go on anyway ("Seguir mesmo assim"). Never for a rule Meta's data
    /// proves (a paid message in the last 30 days): Meta's screen would refuse the deletion.
    #[serde(default)]
    pub overridable: bool,
    /// Values the UI puts in its sentence (dates, counts, names, Meta's code).
    pub facts: Value,
}

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

/// The reads of the checklist, in batch order.
pub fn check_reads(
    client: &GraphClient,
    t: &Target,
    now: DateTime<Utc>,
) -> Result<Vec<String>, GraphError> {
    let biz = t.business()?.as_str();
    let waba = t.waba()?.as_str();
    t.number()?;
    let start = (now - chrono::Duration::days(31)).timestamp();
    let phone = digits(t.display_phone_number.as_deref().unwrap_or(""));
    Ok(vec![
        client.relative("me", &[("fields", "id,name")]),
        client.relative("me/permissions", &[]),
        client.relative(
            &format!("{biz}/business_users"),
            &[("fields", fields::BUSINESS_USER), ("limit", "100")],
        ),
        client.relative(waba, &[("fields", fields::WABA)]),
        client.relative(
            &format!("{waba}/phone_numbers"),
            &[("fields", fields::PHONE_NUMBER), ("limit", "100")],
        ),
        client.relative(
            &format!("{waba}/assigned_users"),
            &[("business", biz), ("limit", "100")],
        ),
        client.relative(
            &format!("{biz}/extendedcredits"),
            &[("fields", fields::CREDIT_LINE)],
        ),
        client.relative(
            waba,
            &[("fields", &pricing_field(start, now.timestamp(), &[phone]))],
        ),
        client.relative(&format!("{waba}/subscribed_apps"), &[]),
    ])
}

fn err_facts(e: &GraphError) -> Value {
    json!({"code": e.code(), "trace_id": e.trace_id()})
}

/// Runs the checklist with one Graph batch. Errors that stop everything (token invalid, the
/// WABA or number gone, the network) come back as `Err`; a refused single read makes its
/// check `Unknown`.
pub async fn run_checks(
    client: &GraphClient,
    t: &Target,
    now: DateTime<Utc>,
) -> Result<ChecksReport, GraphError> {
    let reads = check_reads(client, t, now)?;
    let mut a = client.batch_get(&reads).await?;
    let me: Me = a.take(0)?; // 190 here means the token stopped working: stop.
    let perms: Result<Page<Permission>, _> = a.take(1);
    let users: Result<Page<BusinessUser>, _> = a.take(2);
    let waba: Waba = a.take(3)?;
    let numbers: Page<PhoneNumber> = a.take(4)?;
    let assigned: Result<Page<AssignedUser>, _> = a.take(5);
    let credit: Result<Page<CreditLine>, _> = a.take(6);
    let pricing: Result<WabaPricing, _> = a.take(7);
    let apps: Result<Page<SubscribedApp>, _> = a.take(8);
    let mut report = evaluate(
        t,
        now.date_naive(),
        &me,
        perms,
        users,
        &waba,
        &numbers.data,
        assigned,
        credit,
        pricing,
        apps,
    );
    report.unreadable = client.unreadable_fields();
    Ok(report)
}

#[allow(clippy::too_many_arguments)]
pub fn evaluate(
    t: &Target,
    today: NaiveDate,
    me: &Me,
    perms: Result<Page<Permission>, GraphError>,
    users: Result<Page<BusinessUser>, GraphError>,
    waba: &Waba,
    numbers: &[PhoneNumber],
    assigned: Result<Page<AssignedUser>, GraphError>,
    credit: Result<Page<CreditLine>, GraphError>,
    pricing: Result<WabaPricing, GraphError>,
    apps: Result<Page<SubscribedApp>, GraphError>,
) -> ChecksReport {
    let pn_id = t
        .number()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default();
    let mut checks = Vec::new();

    checks.push(match &perms {
        Ok(p) => {
            let missing = missing_permissions(&p.data);
            Check {
                id: CheckId::Permissions,
                status: if missing.is_empty() {
                    CheckStatus::Pass
                } else {
                    CheckStatus::Warn
                },
                blocking: false,
                overridable: false,
                facts: json!({"missing": missing}),
            }
        }
        Err(e) => Check {
            id: CheckId::Permissions,
            status: CheckStatus::Unknown,
            blocking: false,
            overridable: false,
            facts: err_facts(e),
        },
    });

    let assigned_list = assigned
        .as_ref()
        .map(|p| p.data.clone())
        .unwrap_or_default();
    checks.push(match &users {
        Ok(u) => {
            let fact = facts::admin_fact(&me.id, &u.data, &assigned_list);
            let status = if fact == AdminFact::NotAdmin {
                CheckStatus::Fail
            } else {
                CheckStatus::Pass
            };
            Check {
                id: CheckId::Admin,
                status,
                blocking: true,
                overridable: false,
                facts: json!({"how": fact, "user": me.name}),
            }
        }
        Err(e) => {
            // business_users refused: fall back on the WABA tasks alone.
            let fact = facts::admin_fact(&me.id, &[], &assigned_list);
            let status = if fact == AdminFact::NotAdmin {
                CheckStatus::Unknown
            } else {
                CheckStatus::Pass
            };
            let mut f = err_facts(e);
            f["how"] = json!(fact);
            Check {
                id: CheckId::Admin,
                status,
                blocking: true,
                overridable: false,
                facts: f,
            }
        }
    });

    let target = numbers.iter().find(|n| n.id == pn_id);
    let active = facts::active_waba(waba);
    let linked = target.is_some();
    checks.push(Check {
        id: CheckId::ActiveWaba,
        status: if active.active && linked { CheckStatus::Pass } else { CheckStatus::Fail },
        blocking: true, overridable: false,
        facts: json!({"linked": linked, "review_status": active.review_status, "can_send": active.can_send, "waba": waba.name}),
    });

    let phone = digits(t.display_phone_number.as_deref().unwrap_or(""));
    checks.push(match &pricing {
        Ok(p) => {
            let f = facts::paid_fact(p, &phone);
            let ok = f.allows_deletion_on(today);
            Check {
                id: CheckId::PaidMessages,
                status: if ok { CheckStatus::Pass } else { CheckStatus::Fail },
                blocking: true, overridable: false,
                facts: json!({"last_paid_day": f.last_paid_day, "deletable_from": f.deletable_from}),
            }
        }
        Err(e) => Check { id: CheckId::PaidMessages, status: CheckStatus::Unknown, blocking: false, overridable: false, facts: err_facts(e) },
    });

    checks.push(match &credit {
        Ok(c) => {
            let line = facts::credit_line_of(waba, &c.data);
            // "No credit line" only when Meta shows no funding at all; a funding id the app
            // cannot match to a readable credit line is said as such, not as "none".
            let unmatched = line.is_none() && waba.primary_funding_id.is_some();
            Check {
                id: CheckId::Billing,
                status: if line.is_some() || unmatched { CheckStatus::Warn } else { CheckStatus::Info },
                blocking: false, overridable: false,
                facts: json!({
                    "credit_line": line.map(|l| l.legal_entity_name.clone().unwrap_or_else(|| l.id.clone())),
                    "unmatched_funding": if unmatched { waba.primary_funding_id.clone() } else { None },
                    "currency": waba.currency,
                }),
            }
        }
        Err(e) => Check { id: CheckId::Billing, status: CheckStatus::Unknown, blocking: false, overridable: false, facts: err_facts(e) },
    });

    let others: Vec<String> = numbers
        .iter()
        .filter(|n| n.id != pn_id)
        .map(|n| {
            n.display_phone_number
                .clone()
                .unwrap_or_else(|| n.id.clone())
        })
        .collect();
    checks.push(Check {
        id: CheckId::OtherNumbers,
        status: if others.is_empty() {
            CheckStatus::Pass
        } else {
            CheckStatus::Info
        },
        blocking: false,
        overridable: false,
        facts: json!({"count": others.len(), "numbers": others}),
    });

    let coexistence = target.is_some_and(facts::coexistence);
    checks.push(Check {
        id: CheckId::Coexistence,
        status: if coexistence {
            CheckStatus::Warn
        } else {
            CheckStatus::Pass
        },
        blocking: false,
        overridable: false,
        facts: json!({}),
    });
    checks.push(Check {
        id: CheckId::TwoStepPin,
        status: CheckStatus::Info,
        blocking: false,
        overridable: false,
        facts: json!({}),
    });

    // Whoever clicks on Meta's screen may be another admin, and a WABA's review may change: those
    // may be overridden. A paid message in the last 30 days is Meta's data: it may not.
    for c in &mut checks {
        c.overridable =
            c.blocking && !(c.id == CheckId::PaidMessages && c.status == CheckStatus::Fail);
    }
    let registered = target.is_some_and(crate::graph::facts::registered);
    ChecksReport {
        at: Utc::now(),
        checks,
        other_numbers: others,
        app_subscribed: apps.map(|a| !a.data.is_empty()).unwrap_or(false),
        registered,
        coexistence,
        unreadable: Vec::new(),
    }
}
