//! One Graph request on a path of the sandbox, tried area by area (me, businesses, wabas,
//! phone_numbers, templates, profile): the WABA's rate limit counted, the fields asked
//! checked against what Meta documents, Meta's refusal for what it does not offer. A batch's items
//! come through here one by one.

use super::super::shared::{Caller, SbErr, Shared};
use super::common::{q, Query, Usage};
use super::{businesses, me, phone_numbers, profile, templates, wabas};
use crate::graph::documented::Node;
use axum::http::Method;
use serde_json::Value;

pub(super) fn one(
    s: &Shared,
    caller: &Caller,
    method: &Method,
    rest: &[&str],
    query: &Query,
) -> (Result<Value, SbErr>, Usage) {
    let (waba, biz) = {
        let w = s.world.lock().unwrap();
        (w.waba_of_object(rest[0]), w.business_of_object(rest[0]))
    };
    let usage = match (waba, biz) {
        (Some(waba), Some(biz)) => match s.count_waba_call(&waba) {
            Ok(pct) => Some((biz, pct)),
            Err(e) => return (Err(e), Some((waba, 100.0))),
        },
        _ => None,
    };
    (dispatch(s, caller, method, rest, query), usage)
}

/// One request, tried area by area; Meta's refusals for what it does not offer.
fn dispatch(
    s: &Shared,
    caller: &Caller,
    method: &Method,
    rest: &[&str],
    query: &Query,
) -> Result<Value, SbErr> {
    let fields = q(query, "fields");
    let m = method.as_str();
    if let Some(node) = node_read(s, m, rest) {
        let retired = s.retired_fields.lock().unwrap().clone();
        super::super::fields::check_fields(fields, node, &retired)?;
    }
    me::route(s, caller, m, rest, query, fields)
        .or_else(|| businesses::route(s, caller, m, rest, query, fields))
        .or_else(|| wabas::route(s, caller, m, rest, query, fields))
        .or_else(|| phone_numbers::route(s, caller, m, rest, query, fields))
        .or_else(|| templates::route(s, caller, m, rest, query, fields))
        .or_else(|| profile::route(s, caller, m, rest, fields))
        .unwrap_or_else(|| refusal(m, rest))
}

/// The node type a read answers, for Meta's check of the fields asked.
fn node_read(s: &Shared, method: &str, rest: &[&str]) -> Option<&'static Node> {
    use crate::graph::documented as d;
    if method != "GET" {
        return None;
    }
    Some(match rest {
        ["me"] => &d::USER,
        ["app"] => &d::APP,
        ["me", "businesses"] => &d::BUSINESS,
        [_, "owned_whatsapp_business_accounts" | "client_whatsapp_business_accounts"] => &d::WABA,
        [_, "phone_numbers"] => &d::PHONE_NUMBER,
        [_, "message_templates"] => &d::TEMPLATE,
        [_, "whatsapp_business_profile"] => &d::PROFILE,
        [_, "business_users"] => &d::BUSINESS_USER,
        [_, "assigned_users"] => &d::ASSIGNED_USER,
        [_, "extendedcredits"] => &d::CREDIT_LINE,
        [_, "subscribed_apps"] => &d::SUBSCRIBED_APP,
        [id] => {
            let w = s.world.lock().unwrap();
            if w.number(id).is_some() {
                &d::PHONE_NUMBER
            } else if w.waba(id).is_some() {
                &d::WABA
            } else if w.business(id).is_some() {
                &d::BUSINESS
            } else {
                return None;
            }
        }
        _ => return None,
    })
}

fn refusal(method: &str, rest: &[&str]) -> Result<Value, SbErr> {
    match (method, rest) {
        ("GET", [id]) => Err(SbErr::no_object(id)),
        ("DELETE", [_]) => Err(SbErr::new(100, "(#100) Unsupported delete request. Phone numbers and WhatsApp Business Accounts cannot be deleted through the API")),
        _ => Err(SbErr::new(100, format!("(#100) Unsupported {} request: /{}", method.to_lowercase(), rest.join("/")))),
    }
}
