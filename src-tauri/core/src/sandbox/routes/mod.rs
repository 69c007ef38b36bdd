//! Graph paths of the sandbox (`docs/meta-rules.md` §2-§5), one module per area of the client's
//! `graph/` (me, businesses, wabas, phone_numbers, templates, profile, analytics, batch). Every
//! answer is built from the client's own contract types (`graph::model`), so a change in the
//! contract that the sandbox does not follow fails to compile.

mod analytics;
mod batch;
mod businesses;
mod common;
mod me;
mod phone_numbers;
mod profile;
mod templates;
mod wabas;

pub(crate) use batch::batch_items;
pub(crate) use common::is_version;
use common::{q, Query, Usage};

use super::shared::{Caller, SbErr, Shared};
use crate::graph::documented::Node;
use axum::body::Bytes;
use axum::http::Method;
use axum::response::Response;
use serde_json::Value;

pub(crate) fn is_batch_path(path: &str) -> bool {
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    segs.len() == 1 && is_version(segs[0])
}

pub(crate) fn is_practice_path(path: &str) -> bool {
    path.starts_with("/__practice/")
}

/// `/__practice/cdn/profile/{pn}.png`: the profile picture, public like a CDN link.
pub(crate) fn picture_path(path: &str) -> Option<&str> {
    path.strip_prefix("/__practice/cdn/profile/")?
        .strip_suffix(".png")
}

pub(crate) fn picture(s: &Shared, pn: &str) -> Response {
    let known = s.world.lock().unwrap().number(pn).is_some();
    let (status, body) = if known {
        (200, super::seed::picture_png().to_vec())
    } else {
        (404, b"not found".to_vec())
    };
    Response::builder()
        .status(status)
        .header("content-type", "image/png")
        .body(axum::body::Body::from(body))
        .unwrap()
}

/// A Graph request: version check, batch, WABA rate limit, then the path.
pub(crate) fn graph(
    s: &Shared,
    caller: &Caller,
    method: &Method,
    path: &str,
    query: &Query,
    body: &Bytes,
) -> (Result<Value, SbErr>, Usage) {
    let segs: Vec<&str> = path.split('/').filter(|x| !x.is_empty()).collect();
    if segs.is_empty() || !is_version(segs[0]) {
        return (
            Err(SbErr::new(
                2500,
                "Unknown path components: a Graph version like v25.0 is required",
            )),
            None,
        );
    }
    let rest: Vec<&str> = segs[1..].to_vec();
    if rest.is_empty() {
        return if *method == Method::POST {
            batch::batch(s, caller, body)
        } else {
            (Err(SbErr::new(100, "Unsupported request")), None)
        };
    }
    // Like Graph, a write's parameters may come in the query, a form body or a JSON body.
    let mut params = query.to_vec();
    if *method == Method::POST || *method == Method::DELETE {
        params.extend(common::body_params(body));
    }
    one(s, caller, method, &rest, &params)
}

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
        super::fields::check_fields(fields, node, &retired)?;
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
