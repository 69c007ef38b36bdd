//! Graph paths of the sandbox (`docs/meta-rules.md` §2-§5): the same paths, `fields` selection, cursor paging
//! with absolute `next` links, batch, and the refusals Meta gives (no DELETE of a number or WABA).

use super::fields::{field_name, modifiers, select, split_fields};
use super::rules;
use super::server::{Caller, SbErr, Shared};
use super::world::World;
use crate::graph::model::{BatchItem, BatchRequest, BusinessRole};
use axum::body::Bytes;
use axum::http::Method;
use axum::response::Response;
use base64::Engine;
use serde_json::{json, Value};

type Query = [(String, String)];
pub(crate) type Usage = Option<(String, f64)>;

const WBM: &str = "whatsapp_business_management";
const BM: &str = "business_management";

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

fn is_version(s: &str) -> bool {
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

fn need(caller: &Caller, perm: &str) -> Result<(), SbErr> {
    if caller.has(perm) {
        Ok(())
    } else {
        Err(SbErr::permission(perm))
    }
}

/// Employees see only assets assigned to them (`docs/meta-rules.md` §2): no access answers 200.
fn can_see_waba(w: &World, caller: &Caller, waba: &str) -> bool {
    let Some(rec) = w.waba(waba) else {
        return false;
    };
    let admin = w
        .user(&caller.user_id)
        .is_some_and(|u| u.business_id == rec.business_id && u.role == BusinessRole::Admin);
    admin || rec.assigned.iter().any(|a| a.id == caller.user_id)
}

fn no_access(id: &str) -> SbErr {
    SbErr::new(200, format!("(#200) The user does not have permission to access the WhatsApp Business Account of object {id}")).http(403)
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

fn get_object(
    s: &Shared,
    caller: &Caller,
    id: &str,
    fields_q: Option<&str>,
) -> Result<Value, SbErr> {
    let w = s.world.lock().unwrap();
    if let Some(b) = w.business(id) {
        need(caller, BM)?;
        return Ok(select(
            serde_json::to_value(b).unwrap(),
            fields_q,
            &["name"],
        ));
    }
    if let Some(rec) = w.waba(id) {
        if rec.gone(s.now()) {
            return Err(SbErr::new(
                803,
                "(#803) Some of the aliases you requested do not exist",
            ));
        }
        need(caller, WBM)?;
        if !can_see_waba(&w, caller, id) {
            return Err(no_access(id));
        }
        let mut v = select(
            serde_json::to_value(&rec.info).unwrap(),
            fields_q,
            &["name"],
        );
        if let Some(expr) = fields_q.and_then(|f| {
            split_fields(f)
                .into_iter()
                .find(|e| field_name(e) == "pricing_analytics")
        }) {
            v["pricing_analytics"] = pricing(&w, id, &expr)?;
        }
        return Ok(v);
    }
    if let Some(n) = w.number(id) {
        if n.gone(s.now()) {
            return Err(SbErr::no_object(id));
        }
        need(caller, WBM)?;
        if !can_see_waba(&w, caller, &n.waba_id) {
            return Err(no_access(id));
        }
        return Ok(select(
            serde_json::to_value(&n.info).unwrap(),
            fields_q,
            &["display_phone_number", "verified_name", "quality_rating"],
        ));
    }
    Err(SbErr::no_object(id))
}

/// `pricing_analytics.start(..).end(..).granularity(DAILY).phone_numbers([..]).dimensions([..])`.
fn pricing(w: &World, waba: &str, expr: &str) -> Result<Value, SbErr> {
    let m = modifiers(expr);
    let get = |k: &str| m.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let num = |k: &str| get(k).and_then(|v| v.trim().parse::<i64>().ok());
    let (Some(start), Some(end)) = (num("start"), num("end")) else {
        return Err(SbErr::new(
            100,
            "(#100) pricing_analytics requires start and end",
        ));
    };
    let phones: Option<Vec<String>> =
        get("phone_numbers").and_then(|v| serde_json::from_str(v).ok());
    let by_phone = get("dimensions").is_some_and(|d| d.contains("PHONE"));
    let mut points: Vec<&super::world::UsagePoint> = w
        .usage
        .iter()
        .filter(|p| p.waba_id == waba && p.day_start >= start && p.day_start < end)
        .filter(|p| phones.as_ref().is_none_or(|l| l.contains(&p.phone_digits)))
        .collect();
    points.sort_by_key(|p| p.day_start);
    let data_points: Vec<Value> = points
        .iter()
        .map(|p| {
            let mut d = json!({"start": p.day_start, "end": p.day_start + 86_400, "volume": p.volume,
                "pricing_type": p.pricing_type, "pricing_category": p.pricing_category});
            if let Some(c) = p.cost {
                d["cost"] = json!(c);
            }
            if by_phone {
                d["phone_number"] = json!(p.phone_digits);
            }
            d
        })
        .collect();
    Ok(json!({"data": [{"data_points": data_points}]}))
}

/// Cursor paging: `limit` (default/max per edge), `after` cursor, absolute `next` link carrying
/// the original query, like Meta (which also puts the access token in it).
fn paged(
    s: &Shared,
    caller: &Caller,
    items: Vec<Value>,
    query: &Query,
    path: &str,
    default: usize,
    max: usize,
) -> Value {
    paged_slice(s, caller, &items, Value::clone, query, path, default, max)
}

/// Paging over a slice: only the page's items are turned into JSON.
#[allow(clippy::too_many_arguments)]
fn paged_slice<T>(
    s: &Shared,
    caller: &Caller,
    items: &[T],
    to_json: impl Fn(&T) -> Value,
    query: &Query,
    path: &str,
    default: usize,
    max: usize,
) -> Value {
    let total = items.len();
    let limit = q(query, "limit")
        .and_then(|l| l.parse::<usize>().ok())
        .unwrap_or(default)
        .clamp(1, max);
    let offset = q(query, "after")
        .and_then(decode_cursor)
        .unwrap_or(0)
        .min(total);
    let end = (offset + limit).min(total);
    let data: Vec<Value> = items[offset..end].iter().map(to_json).collect();
    let mut page = json!({ "data": data });
    if total > 0 {
        page["paging"] =
            json!({"cursors": {"before": encode_cursor(offset), "after": encode_cursor(end)}});
    }
    if end < total {
        let version = crate::graph::DEFAULT_GRAPH_VERSION;
        let mut next = url::Url::parse(&format!("{}/{version}{path}", s.base_url)).unwrap();
        {
            let mut qp = next.query_pairs_mut();
            for (k, v) in query
                .iter()
                .filter(|(k, _)| k != "after" && k != "access_token" && k != "limit")
            {
                qp.append_pair(k, v);
            }
            qp.append_pair("limit", &limit.to_string());
            qp.append_pair("access_token", &caller.presented);
            qp.append_pair("after", &encode_cursor(end));
        }
        page["paging"]["next"] = json!(next.to_string());
    }
    page
}

fn encode_cursor(offset: usize) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("offset:{offset}"))
}

fn decode_cursor(c: &str) -> Option<usize> {
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(c)
        .ok()?;
    String::from_utf8(raw)
        .ok()?
        .strip_prefix("offset:")?
        .parse()
        .ok()
}
