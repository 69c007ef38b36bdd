//! One function per pre-requisite of the article (`docs/journey.md`, Pré-requisitos), each
//! deciding its check from Meta's answers alone, so each is tested alone (`tests.rs`).

use super::check::{Check, CheckId, CheckStatus};
use crate::graph::facts::{self, AdminFact};
use crate::graph::model::{
    AssignedUser, BusinessUser, CreditLine, Me, Permission, PhoneNumber, Waba, WabaPricing,
};
use crate::graph::wire::Page;
use crate::graph::{missing_permissions, GraphError};
use chrono::NaiveDate;
use serde_json::{json, Value};

fn check(id: CheckId, status: CheckStatus, blocking: bool, facts: Value) -> Check {
    Check {
        id,
        status,
        blocking,
        overridable: false,
        facts,
    }
}

/// A read Meta refused: the check cannot say, and says why (Meta's code and trace id).
fn unknown(id: CheckId, blocking: bool, e: &GraphError) -> Check {
    check(id, CheckStatus::Unknown, blocking, err_facts(e))
}

fn err_facts(e: &GraphError) -> Value {
    json!({"code": e.code(), "trace_id": e.trace_id()})
}

/// The token's permissions: a missing one is worth reading, never a block (the step that needs
/// it says so when Meta refuses).
pub fn permissions(perms: &Result<Page<Permission>, GraphError>) -> Check {
    match perms {
        Ok(p) => {
            let missing = missing_permissions(&p.data);
            let status = if missing.is_empty() {
                CheckStatus::Pass
            } else {
                CheckStatus::Warn
            };
            check(
                CheckId::Permissions,
                status,
                false,
                json!({"missing": missing}),
            )
        }
        Err(e) => unknown(CheckId::Permissions, false, e),
    }
}

/// "Ter acesso de administrador ao Business Manager" (`docs/meta-rules.md`, admin): an admin
/// of the business, or full control of the WABA. When the business's users are refused, the
/// WABA's tasks alone decide, and "not admin" becomes "cannot say".
pub fn admin(
    me: &Me,
    users: &Result<Page<BusinessUser>, GraphError>,
    assigned: &[AssignedUser],
) -> Check {
    match users {
        Ok(u) => {
            let fact = facts::admin_fact(&me.id, &u.data, assigned);
            let status = if fact == AdminFact::NotAdmin {
                CheckStatus::Fail
            } else {
                CheckStatus::Pass
            };
            check(
                CheckId::Admin,
                status,
                true,
                json!({"how": fact, "user": me.name}),
            )
        }
        Err(e) => {
            let fact = facts::admin_fact(&me.id, &[], assigned);
            let status = if fact == AdminFact::NotAdmin {
                CheckStatus::Unknown
            } else {
                CheckStatus::Pass
            };
            let mut f = err_facts(e);
            f["how"] = json!(fact);
            check(CheckId::Admin, status, true, f)
        }
    }
}

/// "O número deve estar vinculado a uma WABA ativa": the number is in the WABA's list and the
/// WABA is approved and may send.
pub fn active_waba(waba: &Waba, target: Option<&PhoneNumber>) -> Check {
    let active = facts::active_waba(waba);
    let linked = target.is_some();
    let status = if active.active && linked {
        CheckStatus::Pass
    } else {
        CheckStatus::Fail
    };
    check(
        CheckId::ActiveWaba,
        status,
        true,
        json!({"linked": linked, "review_status": active.review_status, "can_send": active.can_send, "waba": waba.name}),
    )
}

/// Meta refuses a deletion within 30 days of a paid message (`docs/meta-rules.md` §4): a
/// failure here is Meta's data and blocks; an unreadable pricing does not.
pub fn paid_messages(
    pricing: &Result<WabaPricing, GraphError>,
    phone: &str,
    today: NaiveDate,
) -> Check {
    match pricing {
        Ok(p) => {
            let f = facts::paid_fact(p, phone);
            let status = if f.allows_deletion_on(today) {
                CheckStatus::Pass
            } else {
                CheckStatus::Fail
            };
            check(
                CheckId::PaidMessages,
                status,
                true,
                json!({"last_paid_day": f.last_paid_day, "deletable_from": f.deletable_from}),
            )
        }
        Err(e) => unknown(CheckId::PaidMessages, false, e),
    }
}

/// "Verifique se não há cobranças ou pendências financeiras": a credit line is worth reading.
/// "No credit line" only when Meta shows no funding at all; a funding id the app cannot match to
/// a readable credit line is said as such, not as "none".
pub fn billing(waba: &Waba, credit: &Result<Page<CreditLine>, GraphError>) -> Check {
    match credit {
        Ok(c) => {
            let line = facts::credit_line_of(waba, &c.data);
            let unmatched = line.is_none() && waba.primary_funding_id.is_some();
            let status = if line.is_some() || unmatched {
                CheckStatus::Warn
            } else {
                CheckStatus::Info
            };
            check(
                CheckId::Billing,
                status,
                false,
                json!({
                    "credit_line": line.map(|l| l.legal_entity_name.clone().unwrap_or_else(|| l.id.clone())),
                    "unmatched_funding": if unmatched { waba.primary_funding_id.clone() } else { None },
                    "currency": waba.currency,
                }),
            )
        }
        Err(e) => unknown(CheckId::Billing, false, e),
    }
}

/// The numbers other than `pn_id` still in the WABA, as the admin reads them.
pub fn other_numbers_left(numbers: &[PhoneNumber], pn_id: &str) -> Vec<String> {
    numbers
        .iter()
        .filter(|n| n.id != pn_id)
        .map(|n| {
            n.display_phone_number
                .clone()
                .unwrap_or_else(|| n.id.clone())
        })
        .collect()
}

/// Other numbers keep the WABA (the WABA's removal needs none left): said, never a block.
pub fn other_numbers(others: &[String]) -> Check {
    let status = if others.is_empty() {
        CheckStatus::Pass
    } else {
        CheckStatus::Info
    };
    check(
        CheckId::OtherNumbers,
        status,
        false,
        json!({"count": others.len(), "numbers": others}),
    )
}

/// Coexistence: Meta refuses a deregister for a number also in the WhatsApp Business app.
pub fn coexistence(target: Option<&PhoneNumber>) -> Check {
    let status = if target.is_some_and(facts::coexistence) {
        CheckStatus::Warn
    } else {
        CheckStatus::Pass
    };
    check(CheckId::Coexistence, status, false, json!({}))
}

/// The two-step PIN has no API to read: a reminder.
pub fn two_step_pin() -> Check {
    check(CheckId::TwoStepPin, CheckStatus::Info, false, json!({}))
}
