//! Graph paths of the sandbox (`docs/meta-rules.md` §2-§5): the same paths, `fields` selection, cursor paging
//! with absolute `next` links, batch, and the refusals Meta gives (no DELETE of a number or WABA).

use super::access::{can_see_waba, need, no_access, BM, WBM};
use super::fields::select;
use super::objects::get_object;
use super::paging::{paged, paged_slice};
use super::rules;
use super::shared::{Caller, SbErr, Shared};
use crate::graph::model::{BatchItem, BatchRequest, BusinessRole};
use axum::body::Bytes;
use axum::http::Method;
use axum::response::Response;
use serde_json::{json, Value};

type Query = [(String, String)];
pub(crate) type Usage = Option<(String, f64)>;

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

/// `batch` items of a form body, as `METHOD relative_url`, for the request log.
pub(crate) fn batch_items(body: &[u8]) -> Vec<String> {
    parse_batch(body)
        .map(|v| {
            v.into_iter()
                .map(|r| format!("{} {}", r.method.to_uppercase(), r.relative_url))
                .collect()
        })
        .unwrap_or_default()
}

fn parse_batch(body: &[u8]) -> Option<Vec<BatchRequest>> {
    let raw = url::form_urlencoded::parse(body)
        .find(|(k, _)| k == "batch")?
        .1
        .into_owned();
    serde_json::from_str(&raw).ok()
}

pub(crate) fn is_version(s: &str) -> bool {
    s.strip_prefix('v').is_some_and(|r| {
        r.split('.').count() == 2
            && r.split('.')
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    })
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
            batch(s, caller, body)
        } else {
            (Err(SbErr::new(100, "Unsupported request")), None)
        };
    }
    one(s, caller, method, &rest, query)
}

fn one(
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

fn batch(s: &Shared, caller: &Caller, body: &Bytes) -> (Result<Value, SbErr>, Usage) {
    let Some(items) = parse_batch(body) else {
        return (
            Err(SbErr::new(
                100,
                "(#100) The parameter batch is required and must be a JSON array",
            )),
            None,
        );
    };
    if items.len() > crate::graph::MAX_BATCH {
        return (
            Err(SbErr::new(
                100,
                "(#100) Too many requests in batch message. Maximum batch size is 50",
            )),
            None,
        );
    }
    let mut usage = None;
    let answers: Vec<BatchItem> = items
        .iter()
        .map(|r| {
            let method =
                Method::from_bytes(r.method.to_uppercase().as_bytes()).unwrap_or(Method::GET);
            let rel = r.relative_url.trim_start_matches('/');
            let (p, q) = rel.split_once('?').unwrap_or((rel, ""));
            let query: Vec<(String, String)> = url::form_urlencoded::parse(q.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            let mut segs: Vec<&str> = p.split('/').filter(|x| !x.is_empty()).collect();
            if segs.first().is_some_and(|f| is_version(f)) {
                segs.remove(0);
            }
            let trace = s.trace_id();
            if segs.is_empty() {
                return BatchItem {
                    code: 400,
                    body: Some(
                        SbErr::new(100, "Unsupported request")
                            .envelope(&trace)
                            .to_string(),
                    ),
                };
            }
            let (res, u) = one(s, caller, &method, &segs, &query);
            usage = u.or(usage.take());
            match res {
                Ok(v) => BatchItem {
                    code: 200,
                    body: Some(v.to_string()),
                },
                Err(e) => BatchItem {
                    code: e.http,
                    body: Some(e.envelope(&trace).to_string()),
                },
            }
        })
        .collect();
    (Ok(serde_json::to_value(answers).unwrap()), usage)
}

fn q<'a>(query: &'a Query, key: &str) -> Option<&'a str> {
    query
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn dispatch(
    s: &Shared,
    caller: &Caller,
    method: &Method,
    rest: &[&str],
    query: &Query,
) -> Result<Value, SbErr> {
    let fields_q = q(query, "fields");
    let path = format!("/{}", rest.join("/"));
    match (method.as_str(), rest) {
        ("GET", ["me"]) => {
            let w = s.world.lock().unwrap();
            let u = w.user(&caller.user_id).ok_or_else(|| SbErr::new(190, "Invalid OAuth access token").http(401))?;
            Ok(select(json!({"id": u.id, "name": u.name}), fields_q, &["name"]))
        }
        ("GET", ["me", "permissions"]) => {
            let data: Vec<Value> = caller.permissions.iter().map(|p| json!({"permission": p, "status": "granted"})).collect();
            Ok(json!({ "data": data }))
        }
        ("GET", ["me", "businesses"]) => {
            need(caller, BM)?;
            let w = s.world.lock().unwrap();
            let items: Vec<Value> = w
                .users
                .iter()
                .filter(|u| u.id == caller.user_id)
                .filter_map(|u| w.business(&u.business_id))
                .map(|b| select(serde_json::to_value(b).unwrap(), fields_q, &["name"]))
                .collect();
            Ok(paged(s, caller, items, query, &path, 25, 100))
        }
        ("GET", [id]) => get_object(s, caller, id, fields_q),
        ("DELETE", [_]) => Err(SbErr::new(100, "(#100) Unsupported delete request. Phone numbers and WhatsApp Business Accounts cannot be deleted through the API")),
        ("GET", [biz, edge @ ("owned_whatsapp_business_accounts" | "client_whatsapp_business_accounts")]) => {
            need(caller, BM)?;
            need(caller, WBM)?;
            let w = s.world.lock().unwrap();
            w.business(biz).ok_or_else(|| SbErr::no_object(biz))?;
            let owned = *edge == "owned_whatsapp_business_accounts";
            let items: Vec<Value> = w
                .wabas
                .iter()
                .filter(|r| r.business_id == *biz && r.owned == owned && !r.gone(s.now()) && can_see_waba(&w, caller, &r.info.id))
                .map(|r| select(serde_json::to_value(&r.info).unwrap(), fields_q, &["name"]))
                .collect();
            Ok(paged(s, caller, items, query, &path, 25, 100))
        }
        ("GET", [biz, "business_users"]) => {
            need(caller, BM)?;
            let w = s.world.lock().unwrap();
            w.business(biz).ok_or_else(|| SbErr::no_object(biz))?;
            let items: Vec<Value> = w
                .users
                .iter()
                .filter(|u| u.business_id == *biz)
                .map(|u| select(json!({"id": u.id, "name": u.name, "role": u.role}), fields_q, &["name", "role"]))
                .collect();
            Ok(paged(s, caller, items, query, &path, 25, 100))
        }
        ("GET", [biz, "extendedcredits"]) => {
            need(caller, BM)?;
            let w = s.world.lock().unwrap();
            w.business(biz).ok_or_else(|| SbErr::no_object(biz))?;
            let admin = w.user(&caller.user_id).is_some_and(|u| u.role == BusinessRole::Admin || u.role == BusinessRole::FinanceEditor);
            if !admin {
                return Err(SbErr::new(200, "(#200) Only an admin or finance editor of the business can read credit lines").http(403));
            }
            let items: Vec<Value> = w
                .credit_lines
                .iter()
                .filter(|c| c.business_id == *biz)
                .map(|c| select(serde_json::to_value(&c.line).unwrap(), fields_q, &["id"]))
                .collect();
            Ok(paged(s, caller, items, query, &path, 25, 100))
        }
        ("GET", [waba, edge @ ("phone_numbers" | "message_templates" | "assigned_users" | "subscribed_apps")]) => {
            need(caller, WBM)?;
            let w = s.world.lock().unwrap();
            let rec = w.waba(waba).filter(|r| !r.gone(s.now())).ok_or_else(|| SbErr::no_object(waba))?;
            if !can_see_waba(&w, caller, waba) {
                return Err(no_access(waba));
            }
            // Only the requested page is turned into JSON (a 6,000-template WABA stays cheap).
            match *edge {
                "phone_numbers" => {
                    let live: Vec<_> = w.live_numbers_of(waba, s.now()).collect();
                    Ok(paged_slice(s, caller, &live, |n| select(serde_json::to_value(&n.info).unwrap(), fields_q, &["display_phone_number", "verified_name", "quality_rating"]), query, &path, 25, 100))
                }
                "message_templates" => Ok(paged_slice(s, caller, &rec.templates, |t| select(serde_json::to_value(t).unwrap(), fields_q, &["name", "language", "status", "category", "components"]), query, &path, 25, 1000)),
                "assigned_users" => {
                    if q(query, "business").is_none() {
                        return Err(SbErr::new(100, "(#100) The parameter business is required"));
                    }
                    Ok(paged_slice(s, caller, &rec.assigned, |a| serde_json::to_value(a).unwrap(), query, &path, 25, 100))
                }
                _ => Ok(paged_slice(s, caller, &rec.subscribed_apps, |a| json!({"whatsapp_business_api_data": a}), query, &path, 25, 100)),
            }
        }
        ("DELETE", [waba, "subscribed_apps"]) => {
            need(caller, WBM)?;
            if !can_see_waba(&s.world.lock().unwrap(), caller, waba) {
                return Err(no_access(waba));
            }
            rules::unsubscribe_app(s, waba)
        }
        ("DELETE", [waba, "assigned_users"]) => {
            need(caller, WBM)?;
            need(caller, BM)?;
            let user = q(query, "user").ok_or_else(|| SbErr::new(100, "(#100) The parameter user is required"))?;
            if !can_see_waba(&s.world.lock().unwrap(), caller, waba) {
                return Err(no_access(waba));
            }
            rules::remove_assigned_user(s, waba, user)
        }
        ("GET", [pn, "whatsapp_business_profile"]) => {
            need(caller, WBM)?;
            let w = s.world.lock().unwrap();
            let n = w.number(pn).filter(|n| !n.gone(s.now())).ok_or_else(|| SbErr::no_object(pn))?;
            if !can_see_waba(&w, caller, &n.waba_id) {
                return Err(no_access(pn));
            }
            let mut p = serde_json::to_value(&n.profile).unwrap();
            p["profile_picture_url"] = json!(format!("{}/__practice/cdn/profile/{pn}.png?oe=expires", s.base_url));
            let p = select(p, fields_q, &["about", "address", "description", "email", "websites", "vertical"]);
            let mut p = p;
            p["messaging_product"] = json!("whatsapp");
            if let Some(o) = p.as_object_mut() {
                o.remove("id");
            }
            Ok(json!({ "data": [p] }))
        }
        ("POST", [pn, "deregister"]) => {
            need(caller, WBM)?;
            rules::deregister(s, caller, pn)
        }
        _ => Err(SbErr::new(100, format!("(#100) Unsupported {} request: {path}", method.as_str().to_lowercase()))),
    }
}
