//! Each check alone, from Meta's answers as JSON (the shapes the client decodes).

use super::items;
use super::{CheckId, CheckStatus, ChecksRead};
use crate::graph::{GraphError, MetaError};
use chrono::NaiveDate;
use serde_json::{from_value, json};

fn refused(code: i64) -> GraphError {
    GraphError::Meta(Box::new(MetaError {
        code,
        subcode: None,
        message: "refused".into(),
        user_title: None,
        user_msg: None,
        details: None,
        trace_id: Some("TRACE".into()),
        is_transient: None,
        http_status: 400,
        retry_after: None,
    }))
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn permissions_warn_on_a_missing_one_and_say_when_unreadable() {
    let all = from_value(json!({"data": [
        {"permission": "business_management", "status": "granted"},
        {"permission": "whatsapp_business_management", "status": "granted"},
        {"permission": "whatsapp_business_messaging", "status": "granted"}
    ]}))
    .unwrap();
    assert_eq!(items::permissions(&Ok(all)).status, CheckStatus::Pass);
    let some =
        from_value(json!({"data": [{"permission": "business_management", "status": "granted"}]}))
            .unwrap();
    let c = items::permissions(&Ok(some));
    assert_eq!(c.status, CheckStatus::Warn);
    assert!(!c.blocking);
    let c = items::permissions(&Err(refused(200)));
    assert_eq!(c.status, CheckStatus::Unknown);
    assert_eq!(c.facts["trace_id"], "TRACE");
}

#[test]
fn admin_passes_for_a_business_admin_or_full_control_and_fails_otherwise() {
    let me = from_value(json!({"id": "7", "name": "Ana"})).unwrap();
    let admins = from_value(json!({"data": [{"id": "7", "role": "ADMIN"}]})).unwrap();
    let employees = from_value(json!({"data": [{"id": "7", "role": "EMPLOYEE"}]})).unwrap();
    let full = from_value(json!([{"id": "7", "tasks": ["MANAGE"]}])).unwrap();
    let c = items::admin(&me, &Ok(admins), &[]);
    assert_eq!((c.status, c.blocking), (CheckStatus::Pass, true));
    assert_eq!(
        items::admin(&me, &Ok(employees), &[]).status,
        CheckStatus::Fail
    );
    // The business's users refused: the WABA's tasks decide; "not admin" is "cannot say".
    let fallback: Vec<_> = full;
    assert_eq!(
        items::admin(&me, &Err(refused(200)), &fallback).status,
        CheckStatus::Pass
    );
    assert_eq!(
        items::admin(&me, &Err(refused(200)), &[]).status,
        CheckStatus::Unknown
    );
}

#[test]
fn active_waba_needs_approval_and_the_number_in_its_list() {
    let approved =
        from_value(json!({"id": "1", "name": "Loja", "account_review_status": "APPROVED"}))
            .unwrap();
    let pending = from_value(json!({"id": "1", "account_review_status": "PENDING"})).unwrap();
    let number = from_value(json!({"id": "9"})).unwrap();
    assert_eq!(
        items::active_waba(&approved, Some(&number)).status,
        CheckStatus::Pass
    );
    assert_eq!(
        items::active_waba(&approved, None).status,
        CheckStatus::Fail
    );
    assert_eq!(
        items::active_waba(&pending, Some(&number)).status,
        CheckStatus::Fail
    );
}

#[test]
fn a_paid_message_in_the_last_30_days_fails_and_names_the_first_allowed_day() {
    let paid_on = |ts: i64| {
        from_value(json!({"pricing_analytics": {"data": [{"data_points": [
            {"start": ts, "cost": 0.5, "phone_number": "5511988885678"}
        ]}]}}))
        .unwrap()
    };
    // 2026-11-20 00:00 UTC.
    let p = paid_on(1_795_132_800);
    let c = items::paid_messages(&Ok(p), "5511988885678", day("2026-12-02"));
    assert_eq!((c.status, c.blocking), (CheckStatus::Fail, true));
    assert_eq!(c.facts["deletable_from"], "2026-12-20");
    let p = paid_on(1_795_132_800);
    assert_eq!(
        items::paid_messages(&Ok(p), "5511988885678", day("2026-12-20")).status,
        CheckStatus::Pass
    );
    // Unreadable: said, and no block (Meta's screen decides).
    let c = items::paid_messages(&Err(refused(100)), "1", day("2026-12-02"));
    assert_eq!((c.status, c.blocking), (CheckStatus::Unknown, false));
}

#[test]
fn billing_says_none_only_when_meta_shows_no_funding() {
    let none = from_value(json!({"id": "1"})).unwrap();
    let funded = from_value(json!({"id": "1", "primary_funding_id": "55"})).unwrap();
    let lines =
        || from_value(json!({"data": [{"id": "55", "legal_entity_name": "Banco"}]})).unwrap();
    let empty = || from_value(json!({"data": []})).unwrap();
    assert_eq!(
        items::billing(&none, &Ok(empty())).status,
        CheckStatus::Info
    );
    let c = items::billing(&funded, &Ok(lines()));
    assert_eq!(
        (c.status, c.facts["credit_line"].clone()),
        (CheckStatus::Warn, json!("Banco"))
    );
    let c = items::billing(&funded, &Ok(empty()));
    assert_eq!(
        (c.status, c.facts["unmatched_funding"].clone()),
        (CheckStatus::Warn, json!("55"))
    );
    assert_eq!(
        items::billing(&none, &Err(refused(200))).status,
        CheckStatus::Unknown
    );
}

#[test]
fn other_numbers_are_listed_and_never_block() {
    let numbers: Vec<crate::graph::model::PhoneNumber> = from_value(json!([
        {"id": "9", "display_phone_number": "+55 11 98888-5678"},
        {"id": "8", "display_phone_number": "+55 11 97777-1234"}
    ]))
    .unwrap();
    let others = items::other_numbers_left(&numbers, "9");
    assert_eq!(others, vec!["+55 11 97777-1234".to_owned()]);
    let c = items::other_numbers(&others);
    assert_eq!((c.status, c.blocking), (CheckStatus::Info, false));
    assert_eq!(items::other_numbers(&[]).status, CheckStatus::Pass);
}

#[test]
fn coexistence_warns_and_the_pin_is_a_reminder() {
    let coex = from_value(json!({"id": "9", "is_on_biz_app": true})).unwrap();
    let cloud = from_value(json!({"id": "9"})).unwrap();
    assert_eq!(items::coexistence(Some(&coex)).status, CheckStatus::Warn);
    assert_eq!(items::coexistence(Some(&cloud)).status, CheckStatus::Pass);
    let pin = items::two_step_pin();
    assert_eq!(
        (pin.id, pin.status),
        (CheckId::TwoStepPin, CheckStatus::Info)
    );
}

/// The whole list: every check once, in order; only blocking ones may be overridden, and never
/// the 30-day rule.
#[test]
fn evaluate_lists_every_check_and_which_may_be_overridden() {
    let t = crate::steps::target::Target {
        phone_number_id: crate::graph::PhoneNumberId::try_from("9".to_owned()).ok(),
        display_phone_number: Some("+55 11 98888-5678".into()),
        ..Default::default()
    };
    let read = ChecksRead {
        me: from_value(json!({"id": "7"})).unwrap(),
        permissions: Err(refused(200)),
        business_users: from_value(json!({"data": [{"id": "7", "role": "EMPLOYEE"}]}))
            .map_err(|_| refused(1)),
        waba: from_value(json!({"id": "1", "account_review_status": "APPROVED"})).unwrap(),
        numbers: from_value(json!([{"id": "9"}])).unwrap(),
        assigned_users: Err(refused(200)),
        credit_lines: Err(refused(200)),
        pricing: from_value(json!({"pricing_analytics": {"data": [{"data_points": [
            {"start": 1_795_132_800, "cost": 0.5}
        ]}]}}))
        .map_err(|_| refused(1)),
        subscribed_apps: Err(refused(200)),
    };
    let r = super::evaluate(&t, day("2026-12-02"), &read);
    let ids: Vec<CheckId> = r.checks.iter().map(|c| c.id).collect();
    assert_eq!(ids.len(), 8);
    let admin = r.checks.iter().find(|c| c.id == CheckId::Admin).unwrap();
    assert!(admin.overridable);
    let paid = r
        .checks
        .iter()
        .find(|c| c.id == CheckId::PaidMessages)
        .unwrap();
    assert_eq!(paid.status, CheckStatus::Fail);
    assert!(!paid.overridable);
    assert_eq!(
        r.blockers(&[CheckId::Admin, CheckId::PaidMessages]),
        vec![CheckId::PaidMessages]
    );
}
