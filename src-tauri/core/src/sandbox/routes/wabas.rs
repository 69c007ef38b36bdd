//! A WABA and its edges: users, subscribed apps, and the two writes on them (graph area `wabas`,
//! `docs/meta-rules.md` §2, §5).

use super::super::access::{can_see_waba, need, no_access, BM, WBM};
use super::super::fields::{field_name, select, split_fields};
use super::super::paging::paged_slice;
use super::super::shared::{Caller, SbErr, Shared};
use super::super::world::{WabaRec, World};
use super::analytics;
use super::common::{q, to_json, Query};
use crate::graph::model::SubscribedApp;
use crate::graph::wire::Success;
use serde_json::Value;

pub(super) fn route(
    s: &Shared,
    caller: &Caller,
    method: &str,
    rest: &[&str],
    query: &Query,
    fields: Option<&str>,
) -> Option<Result<Value, SbErr>> {
    let path = format!("/{}", rest.join("/"));
    let answer = match (method, rest) {
        ("GET", [id]) => get(s, caller, id, fields)?,
        ("GET", [waba, "assigned_users"]) => assigned_users(s, caller, waba, query, &path),
        ("GET", [waba, "subscribed_apps"]) => subscribed_apps(s, caller, waba, query, &path),
        ("DELETE", [waba, "subscribed_apps"]) => unsubscribe_app(s, caller, waba),
        ("DELETE", [waba, "assigned_users"]) => remove_assigned_user(s, caller, waba, query),
        _ => return None,
    };
    Some(answer)
}

/// A WABA the caller may read: it exists, is still in the portfolio, and is the caller's to see.
pub(super) fn visible<'w>(
    w: &'w World,
    s: &Shared,
    caller: &Caller,
    waba: &str,
) -> Result<&'w WabaRec, SbErr> {
    need(caller, WBM)?;
    let rec = w
        .waba(waba)
        .filter(|r| !r.gone(s.now()))
        .ok_or_else(|| SbErr::no_object(waba))?;
    if can_see_waba(w, caller, waba) {
        Ok(rec)
    } else {
        Err(no_access(waba))
    }
}

/// `GET /{waba}` (with `pricing_analytics` when asked); 803 once removed from the portfolio.
fn get(
    s: &Shared,
    caller: &Caller,
    id: &str,
    fields: Option<&str>,
) -> Option<Result<Value, SbErr>> {
    let w = s.world.lock().unwrap();
    let rec = w.waba(id)?;
    if rec.gone(s.now()) {
        return Some(Err(SbErr::deleted(
            "(#803) Some of the aliases you requested do not exist",
        )));
    }
    let answer = visible(&w, s, caller, id).and_then(|rec| {
        let mut v = select(to_json(&rec.info), fields, &["name"]);
        let pricing = fields.and_then(|f| {
            split_fields(f)
                .into_iter()
                .find(|e| field_name(e) == "pricing_analytics")
        });
        if let Some(expr) = pricing {
            v["pricing_analytics"] = analytics::pricing(&w, id, &expr)?;
        }
        Ok(v)
    });
    Some(answer)
}

fn assigned_users(
    s: &Shared,
    caller: &Caller,
    waba: &str,
    query: &Query,
    path: &str,
) -> Result<Value, SbErr> {
    let w = s.world.lock().unwrap();
    let rec = visible(&w, s, caller, waba)?;
    if q(query, "business").is_none() {
        return Err(SbErr::new(100, "(#100) The parameter business is required"));
    }
    Ok(paged_slice(
        s,
        caller,
        &rec.assigned,
        to_json,
        query,
        path,
        25,
        100,
    ))
}

fn subscribed_apps(
    s: &Shared,
    caller: &Caller,
    waba: &str,
    query: &Query,
    path: &str,
) -> Result<Value, SbErr> {
    let w = s.world.lock().unwrap();
    let rec = visible(&w, s, caller, waba)?;
    let entry = |a: &crate::graph::model::AppData| {
        to_json(&SubscribedApp {
            whatsapp_business_api_data: Some(a.clone()),
        })
    };
    Ok(paged_slice(
        s,
        caller,
        &rec.subscribed_apps,
        entry,
        query,
        path,
        25,
        100,
    ))
}

/// `DELETE /{waba}/subscribed_apps`: the token's app stops receiving the WABA's webhooks.
fn unsubscribe_app(s: &Shared, caller: &Caller, waba: &str) -> Result<Value, SbErr> {
    let mut w = s.world.lock().unwrap();
    visible(&w, s, caller, waba)?;
    let app_id = w.app.id.clone();
    let rec = w.waba_mut(waba).expect("checked above");
    rec.subscribed_apps.retain(|a| a.id != app_id);
    drop(w);
    s.persist();
    Ok(to_json(&Success { success: true }))
}

/// `DELETE /{waba}/assigned_users?user=ID`.
fn remove_assigned_user(
    s: &Shared,
    caller: &Caller,
    waba: &str,
    query: &Query,
) -> Result<Value, SbErr> {
    need(caller, BM)?;
    let user =
        q(query, "user").ok_or_else(|| SbErr::new(100, "(#100) The parameter user is required"))?;
    let mut w = s.world.lock().unwrap();
    visible(&w, s, caller, waba)?;
    let rec = w.waba_mut(waba).expect("checked above");
    let before = rec.assigned.len();
    rec.assigned.retain(|a| a.id != user);
    if rec.assigned.len() == before {
        return Err(SbErr::new(
            100,
            format!("(#100) User {user} is not assigned to this WhatsApp Business Account"),
        ));
    }
    drop(w);
    s.persist();
    Ok(to_json(&Success { success: true }))
}
