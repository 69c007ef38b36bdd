//! `/me`, `/me/permissions`, `/me/businesses`: who the token is (graph area `me`).

use super::super::access::{need, BM};
use super::super::fields::select;
use super::super::paging::paged;
use super::super::shared::{Caller, SbErr, Shared};
use super::common::{to_json, Query};
use crate::graph::model::{Me, Permission};
use crate::graph::wire::Page;
use serde_json::Value;

pub(super) fn route(
    s: &Shared,
    caller: &Caller,
    method: &str,
    rest: &[&str],
    query: &Query,
    fields: Option<&str>,
) -> Option<Result<Value, SbErr>> {
    let answer = match (method, rest) {
        ("GET", ["me"]) => me(s, caller, fields).map(|mut v| {
            // Graph's introspection: the node type the token speaks for.
            if super::common::q(query, "metadata") == Some("1") {
                v["metadata"] = serde_json::json!({"type": "user"});
            }
            v
        }),
        // Every sandbox token belongs to the practice app (`GET /app`, `docs/meta-rules.md` §9).
        ("GET", ["app"]) => Ok(select(
            serde_json::json!({"id": crate::sandbox::seed::APP_ID, "name": crate::sandbox::seed::APP_NAME}),
            fields,
            &["name"],
        )),
        ("GET", ["me", "permissions"]) => Ok(permissions(caller)),
        ("GET", ["me", "businesses"]) => businesses(s, caller, query, fields),
        _ => return None,
    };
    Some(answer)
}

fn me(s: &Shared, caller: &Caller, fields: Option<&str>) -> Result<Value, SbErr> {
    let w = s.world.lock().unwrap();
    let u = w
        .user(&caller.user_id)
        .ok_or_else(|| SbErr::new(190, "Invalid OAuth access token").http(401))?;
    let me = Me {
        id: u.id.clone(),
        name: Some(u.name.clone()),
    };
    Ok(select(to_json(&me), fields, &["name"]))
}

/// Every permission the token was granted, as Meta lists them (one page).
fn permissions(caller: &Caller) -> Value {
    let data = caller
        .permissions
        .iter()
        .map(|p| Permission {
            permission: p.clone(),
            status: Some("granted".into()),
        })
        .collect();
    to_json(&Page { data, paging: None })
}

fn businesses(
    s: &Shared,
    caller: &Caller,
    query: &Query,
    fields: Option<&str>,
) -> Result<Value, SbErr> {
    need(caller, BM)?;
    let w = s.world.lock().unwrap();
    let items: Vec<Value> = w
        .users
        .iter()
        .filter(|u| u.id == caller.user_id)
        .filter_map(|u| w.business(&u.business_id))
        .map(|b| select(to_json(b), fields, &["name"]))
        .collect();
    Ok(paged(s, caller, items, query, "/me/businesses", 25, 100))
}
