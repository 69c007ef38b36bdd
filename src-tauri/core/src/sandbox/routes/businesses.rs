//! A business and its edges: owned and client WABAs, users, credit lines (graph area `businesses`).

use super::super::access::{can_see_waba, need, BM, WBM};
use super::super::fields::select;
use super::super::paging::paged;
use super::super::shared::{Caller, SbErr, Shared};
use super::common::{to_json, Query};
use crate::graph::model::{BusinessRole, BusinessUser};
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
        (
            "GET",
            [biz, edge @ ("owned_whatsapp_business_accounts" | "client_whatsapp_business_accounts")],
        ) => wabas(
            s,
            caller,
            biz,
            *edge == "owned_whatsapp_business_accounts",
            query,
            &path,
            fields,
        ),
        ("GET", [biz, "business_users"]) => users(s, caller, biz, query, &path, fields),
        ("GET", [biz, "extendedcredits"]) => credit_lines(s, caller, biz, query, &path, fields),
        _ => return None,
    };
    Some(answer)
}

/// `GET /{business}`; `None` when the id is not a business.
fn get(
    s: &Shared,
    caller: &Caller,
    id: &str,
    fields: Option<&str>,
) -> Option<Result<Value, SbErr>> {
    let w = s.world.lock().unwrap();
    let b = w.business(id)?;
    Some(need(caller, BM).map(|()| select(to_json(b), fields, &["name"])))
}

/// The two WABA lists. A WABA removed from the portfolio leaves them (the proof of Passo 6,
/// `docs/meta-rules.md` §11); an employee sees only the WABAs assigned to them.
fn wabas(
    s: &Shared,
    caller: &Caller,
    biz: &str,
    owned: bool,
    query: &Query,
    path: &str,
    fields: Option<&str>,
) -> Result<Value, SbErr> {
    need(caller, BM)?;
    need(caller, WBM)?;
    let w = s.world.lock().unwrap();
    w.business(biz).ok_or_else(|| SbErr::no_object(biz))?;
    let items: Vec<Value> = w
        .wabas
        .iter()
        .filter(|r| r.business_id == biz && r.owned == owned && !r.gone(s.now()))
        .filter(|r| can_see_waba(&w, caller, &r.info.id))
        .map(|r| select(to_json(&r.info), fields, &["name"]))
        .collect();
    Ok(paged(s, caller, items, query, path, 25, 100))
}

fn users(
    s: &Shared,
    caller: &Caller,
    biz: &str,
    query: &Query,
    path: &str,
    fields: Option<&str>,
) -> Result<Value, SbErr> {
    need(caller, BM)?;
    let w = s.world.lock().unwrap();
    w.business(biz).ok_or_else(|| SbErr::no_object(biz))?;
    let items: Vec<Value> = w
        .users
        .iter()
        .filter(|u| u.business_id == biz)
        .map(|u| BusinessUser {
            id: u.id.clone(),
            name: Some(u.name.clone()),
            role: Some(u.role.clone()),
        })
        .map(|u| select(to_json(&u), fields, &["name", "role"]))
        .collect();
    Ok(paged(s, caller, items, query, path, 25, 100))
}

/// Credit lines are readable only by an admin or finance editor (200 otherwise).
fn credit_lines(
    s: &Shared,
    caller: &Caller,
    biz: &str,
    query: &Query,
    path: &str,
    fields: Option<&str>,
) -> Result<Value, SbErr> {
    need(caller, BM)?;
    let w = s.world.lock().unwrap();
    w.business(biz).ok_or_else(|| SbErr::no_object(biz))?;
    let may_read = w
        .user(&caller.user_id)
        .is_some_and(|u| u.role == BusinessRole::Admin || u.role == BusinessRole::FinanceEditor);
    if !may_read {
        return Err(SbErr::new(
            200,
            "(#200) Only an admin or finance editor of the business can read credit lines",
        )
        .http(403));
    }
    let items: Vec<Value> = w
        .credit_lines
        .iter()
        .filter(|c| c.business_id == biz)
        .map(|c| select(to_json(&c.line), fields, &["id"]))
        .collect();
    Ok(paged(s, caller, items, query, path, 25, 100))
}
