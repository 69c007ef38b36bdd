//! A phone number, a WABA's list of numbers, and deregister (graph area `phone_numbers`,
//! `docs/meta-rules.md` §2, §5).

use super::super::access::{can_see_waba, need, no_access, WBM};
use super::super::fields::select;
use super::super::paging::paged_slice;
use super::super::shared::{Caller, SbErr, Shared};
use super::common::{q, to_json, Query};
use super::wabas;
use crate::graph::model::{BusinessRole, NumberStatus};
use crate::graph::wire::Success;
use chrono::Duration;
use serde_json::Value;

/// Register + deregister share 10 calls per number per 72 h (`docs/meta-rules.md` §5).
const REGISTRATION_BUDGET: usize = 10;
const REGISTRATION_WINDOW_HOURS: i64 = 72;

const DEFAULT_FIELDS: &[&str] = &["display_phone_number", "verified_name", "quality_rating"];

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
        ("GET", [waba, "phone_numbers"]) => list(s, caller, waba, query, &path, fields),
        ("POST", [pn, "deregister"]) => need(caller, WBM).and_then(|()| deregister(s, caller, pn)),
        ("POST", [pn, "register"]) => {
            need(caller, WBM).and_then(|()| register(s, caller, pn, query))
        }
        ("POST", [pn]) if q(query, "pin").is_some() => {
            set_pin(s, caller, pn, q(query, "pin").unwrap_or(""))
        }
        _ => return None,
    };
    Some(answer)
}

/// `GET /{number}`: 100/33 once deleted (`docs/meta-rules.md` §4).
fn get(
    s: &Shared,
    caller: &Caller,
    id: &str,
    fields: Option<&str>,
) -> Option<Result<Value, SbErr>> {
    let w = s.world.lock().unwrap();
    let n = w.number(id)?;
    if n.gone(s.now()) {
        return Some(Err(SbErr::no_object(id)));
    }
    let answer = need(caller, WBM).and_then(|()| {
        if can_see_waba(&w, caller, &n.waba_id) {
            Ok(select(answer_of(&n.info), fields, DEFAULT_FIELDS))
        } else {
            Err(no_access(id))
        }
    });
    Some(answer)
}

/// A number as Meta serves it: the platform under both of Meta's names (`platform_type` on the
/// reference page, `host_platform` in the spec).
fn answer_of(n: &crate::graph::model::PhoneNumber) -> Value {
    let mut v = to_json(n);
    if let Some(p) = n.platform() {
        v["host_platform"] = Value::String(p.to_owned());
    }
    v
}

/// `GET /{waba}/phone_numbers`: a deleted number leaves the list (the proof of Passo 4).
fn list(
    s: &Shared,
    caller: &Caller,
    waba: &str,
    query: &Query,
    path: &str,
    fields: Option<&str>,
) -> Result<Value, SbErr> {
    let w = s.world.lock().unwrap();
    wabas::visible(&w, s, caller, waba)?;
    let live: Vec<_> = w.live_numbers_of(waba, s.now()).collect();
    let entry =
        |n: &&super::super::world::NumberRec| select(answer_of(&n.info), fields, DEFAULT_FIELDS);
    Ok(paged_slice(s, caller, &live, entry, query, path, 25, 100))
}

/// `POST /{pn}/deregister`: refused for Coexistence numbers (100) and unregistered numbers
/// (100/2207051); the 11th call within 72 h answers 133016.
pub(crate) fn deregister(s: &Shared, caller: &Caller, pn: &str) -> Result<Value, SbErr> {
    let now = s.now();
    let mut w = s.world.lock().unwrap();
    let n = managed_number(&mut w, caller, pn, now)?;
    count_registration_call(n, now)?;
    if n.info.is_on_biz_app == Some(true) {
        drop(w);
        s.persist();
        return Err(SbErr::new(
            100,
            "(#100) Deregister is not available for API solution for SMB businesses (Coexistence).",
        ));
    }
    if !n.registered {
        drop(w);
        s.persist();
        return Err(SbErr::new(100, "(#100) Invalid parameter")
            .sub(2207051)
            .details("The phone number is not registered on Cloud API."));
    }
    n.registered = false;
    n.info.status = Some(NumberStatus::Disconnected);
    n.info.platform_type = Some("NOT_APPLICABLE".into());
    drop(w);
    s.persist();
    Ok(to_json(&Success { success: true }))
}

/// The number, when it exists and the caller may manage it (Meta's 100/33 and 200 otherwise).
fn managed_number<'w>(
    w: &'w mut super::super::world::World,
    caller: &Caller,
    pn: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<&'w mut super::super::world::NumberRec, SbErr> {
    let waba_id = match w.number(pn) {
        Some(n) if !n.gone(now) => n.waba_id.clone(),
        _ => return Err(SbErr::no_object(pn)),
    };
    if !may_manage(w, caller, &waba_id) {
        return Err(SbErr::new(
            200,
            format!("(#200) The user does not have permission to manage phone number {pn}"),
        )
        .http(403));
    }
    Ok(w.number_mut(pn).expect("checked above"))
}

/// One register or deregister call against the shared budget of 10 per 72 h; the 11th answers
/// 133016 with the time the block lifts. Meta's 133016 speaks of "too many attempts": a refused
/// attempt counts too.
fn count_registration_call(
    n: &mut super::super::world::NumberRec,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), SbErr> {
    n.registration_calls
        .retain(|t| now - *t < Duration::hours(REGISTRATION_WINDOW_HOURS));
    if n.registration_calls.len() >= REGISTRATION_BUDGET {
        let frees = n.registration_calls[0] + Duration::hours(REGISTRATION_WINDOW_HOURS);
        return Err(SbErr::new(133016, "Account register deregister rate limit exceeded")
            .user_msg("Too many register or deregister calls for this phone number in the last 72 hours.")
            .details(format!("blocked until {}", frees.to_rfc3339())));
    }
    n.registration_calls.push(now);
    Ok(())
}

/// `POST /{pn}/register` (`docs/meta-rules.md` §15): `messaging_product=whatsapp` and a six-digit
/// `pin`, which must equal the two-step PIN when one is set (otherwise it becomes the PIN);
/// counted with deregister in the 10 calls per 72 h; refused for Coexistence numbers. It undoes
/// a deregister: the number sends and receives again.
pub(crate) fn register(
    s: &Shared,
    caller: &Caller,
    pn: &str,
    params: &Query,
) -> Result<Value, SbErr> {
    let now = s.now();
    if q(params, "messaging_product") != Some("whatsapp") {
        return Err(SbErr::new(
            100,
            "(#100) The parameter messaging_product is required.",
        ));
    }
    let pin = q(params, "pin").unwrap_or("");
    if pin.len() != 6 || !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SbErr::new(100, "(#100) Param pin must be a 6-digit number"));
    }
    let mut w = s.world.lock().unwrap();
    let n = managed_number(&mut w, caller, pn, now)?;
    count_registration_call(n, now)?;
    let outcome = if n.info.is_on_biz_app == Some(true) {
        Err(SbErr::new(
            100,
            "(#100) Register is not available for API solution for SMB businesses (Coexistence).",
        ))
    } else if n
        .pin_hash
        .as_deref()
        .is_some_and(|h| !super::super::world::pin_matches(pin, h))
    {
        Err(SbErr::new(133005, "Two step verification PIN Mismatch")
            .details("The PIN does not match the number's two-step verification PIN."))
    } else {
        if n.pin_hash.is_none() {
            n.pin_hash = Some(super::super::world::pin_hash(pin));
        }
        n.registered = true;
        n.info.status = Some(NumberStatus::Connected);
        n.info.platform_type = Some("CLOUD_API".into());
        Ok(to_json(&Success { success: true }))
    };
    drop(w);
    s.persist();
    outcome
}

/// May the caller manage this number: a portfolio admin, or an employee assigned to the WABA
/// with MANAGE or MANAGE_PHONE.
fn may_manage(w: &super::super::world::World, caller: &Caller, waba_id: &str) -> bool {
    let business_id = w
        .waba(waba_id)
        .map(|r| r.business_id.as_str())
        .unwrap_or("");
    w.user(&caller.user_id)
        .is_some_and(|u| u.business_id == business_id && u.role == BusinessRole::Admin)
        || w.waba(waba_id).is_some_and(|r| {
            r.assigned.iter().any(|a| {
                a.id == caller.user_id
                    && a.tasks.iter().any(|t| t == "MANAGE" || t == "MANAGE_PHONE")
            })
        })
}

/// `POST /{pn}` with `pin` (`docs/meta-rules.md` §12): six digits; needs the messaging permission
/// too; refused for Coexistence numbers. Meta keeps the PIN; so does this fictional Meta, hashed.
fn set_pin(s: &Shared, caller: &Caller, pn: &str, pin: &str) -> Result<Value, SbErr> {
    need(caller, WBM)?;
    need(caller, "whatsapp_business_messaging")?;
    let mut w = s.world.lock().unwrap();
    let n = w
        .number(pn)
        .filter(|n| !n.gone(s.now()))
        .ok_or_else(|| SbErr::no_object(pn))?;
    if !may_manage(&w, caller, &n.waba_id) {
        return Err(SbErr::new(
            200,
            format!("(#200) The user does not have permission to manage phone number {pn}"),
        )
        .http(403));
    }
    if n.info.is_on_biz_app == Some(true) {
        return Err(SbErr::new(
            100,
            "(#100) Two-step verification is managed in the WhatsApp Business app for this number (Coexistence).",
        ));
    }
    if pin.len() != 6 || !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SbErr::new(100, "(#100) Param pin must be a 6-digit number"));
    }
    let n = w.number_mut(pn).expect("checked above");
    n.pin_hash = Some(super::super::world::pin_hash(pin));
    drop(w);
    s.persist();
    Ok(to_json(&Success { success: true }))
}
