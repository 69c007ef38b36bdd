//! Meta's rules on the writes (`docs/meta-rules.md` §5) and on the two manual deletions of the article (`docs/journey.md`)
//! (Passos 3-6), as the practice sandbox enforces them.

use super::answers::json_response;
use super::shared::{Caller, SbErr, Shared};
use crate::graph::model::{BusinessRole, NumberStatus};
use crate::graph::practice::{ManualAnswer, ManualRefusal, RefusalReason};
use axum::http::{Method, StatusCode};
use axum::response::Response;
use chrono::{Days, Duration};
use serde_json::{json, Value};

/// Register + deregister share 10 calls per number per 72 h (`docs/meta-rules.md` §5).
pub const REGISTRATION_BUDGET: usize = 10;
pub const REGISTRATION_WINDOW_HOURS: i64 = 72;

/// `POST /{pn}/deregister`: refused for Coexistence numbers (100) and unregistered numbers
/// (100/2207051); the 11th call within 72 h answers 133016.
pub(crate) fn deregister(s: &Shared, caller: &Caller, pn: &str) -> Result<Value, SbErr> {
    let now = s.now();
    let mut w = s.world.lock().unwrap();
    let (waba_id, business_id) = match w.number(pn) {
        Some(n) if !n.gone(now) => (
            n.waba_id.clone(),
            w.waba(&n.waba_id)
                .map(|r| r.business_id.clone())
                .unwrap_or_default(),
        ),
        _ => return Err(SbErr::no_object(pn)),
    };
    let visible = w
        .user(&caller.user_id)
        .is_some_and(|u| u.business_id == business_id && u.role == BusinessRole::Admin)
        || w.waba(&waba_id).is_some_and(|r| {
            r.assigned.iter().any(|a| {
                a.id == caller.user_id
                    && a.tasks.iter().any(|t| t == "MANAGE" || t == "MANAGE_PHONE")
            })
        });
    if !visible {
        return Err(SbErr::new(
            200,
            format!("(#200) The user does not have permission to manage phone number {pn}"),
        )
        .http(403));
    }
    let n = w.number_mut(pn).expect("checked above");
    n.registration_calls
        .retain(|t| now - *t < Duration::hours(REGISTRATION_WINDOW_HOURS));
    if n.registration_calls.len() >= REGISTRATION_BUDGET {
        let frees = n.registration_calls[0] + Duration::hours(REGISTRATION_WINDOW_HOURS);
        return Err(SbErr::new(133016, "Account register deregister rate limit exceeded")
            .user_msg("Too many register or deregister calls for this phone number in the last 72 hours.")
            .details(format!("blocked until {}", frees.to_rfc3339())));
    }
    // Meta's 133016 speaks of "too many attempts": a refused attempt counts too.
    n.registration_calls.push(now);
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
    Ok(json!({"success": true}))
}

/// `DELETE /{waba}/subscribed_apps`: the token's app stops receiving the WABA's webhooks.
pub(crate) fn unsubscribe_app(s: &Shared, waba: &str) -> Result<Value, SbErr> {
    let mut w = s.world.lock().unwrap();
    let app_id = w.app.id.clone();
    let now = s.now();
    let rec = w
        .waba_mut(waba)
        .filter(|r| !r.gone(now))
        .ok_or_else(|| SbErr::no_object(waba))?;
    rec.subscribed_apps.retain(|a| a.id != app_id);
    drop(w);
    s.persist();
    Ok(json!({"success": true}))
}

/// `DELETE /{waba}/assigned_users?user=ID`.
pub(crate) fn remove_assigned_user(s: &Shared, waba: &str, user: &str) -> Result<Value, SbErr> {
    let mut w = s.world.lock().unwrap();
    let now = s.now();
    let rec = w
        .waba_mut(waba)
        .filter(|r| !r.gone(now))
        .ok_or_else(|| SbErr::no_object(waba))?;
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
    Ok(json!({"success": true}))
}

fn refusal(reason: RefusalReason, message: &str, available_from: Option<String>) -> ManualRefusal {
    ManualRefusal {
        reason,
        message: message.into(),
        available_from,
    }
}

fn is_admin(s: &Shared, user_id: &str, business_id: &str) -> bool {
    s.world
        .lock()
        .unwrap()
        .user(user_id)
        .is_some_and(|u| u.business_id == business_id && u.role == BusinessRole::Admin)
}

/// WhatsApp Manager's trash icon + "Avançar" (the article's Passos 3-4, `docs/journey.md`). Meta refuses it to
/// non-admins and for numbers that sent paid messages in the last 30 days (`docs/meta-rules.md` §4).
pub(crate) fn manual_delete_number(
    s: &Shared,
    user_id: &str,
    pn: &str,
) -> Result<(), ManualRefusal> {
    let now = s.now();
    let (business_id, digits) = {
        let w = s.world.lock().unwrap();
        let n = w
            .number(pn)
            .ok_or_else(|| refusal(RefusalReason::NotFound, "Número não encontrado.", None))?;
        if n.deleted_at.is_some() {
            return Err(refusal(
                RefusalReason::AlreadyGone,
                "Este número já foi excluído.",
                None,
            ));
        }
        let biz = w
            .waba(&n.waba_id)
            .map(|r| r.business_id.clone())
            .unwrap_or_default();
        (
            biz,
            crate::graph::digits(n.info.display_phone_number.as_deref().unwrap_or("")),
        )
    };
    if !is_admin(s, user_id, &business_id) {
        return Err(refusal(
            RefusalReason::NotAdmin,
            "Somente um administrador do portfólio pode excluir números.",
            None,
        ));
    }
    let last_paid = {
        let w = s.world.lock().unwrap();
        w.usage
            .iter()
            .filter(|u| u.phone_digits == digits)
            .filter(|u| match u.cost {
                Some(c) => c > 0.0,
                None => u.volume > 0 && !u.pricing_type.starts_with("FREE"),
            })
            .map(|u| u.day_start)
            .max()
    };
    if let Some(day) = last_paid.and_then(|d| chrono::DateTime::from_timestamp(d, 0)) {
        let free_on = day
            .date_naive()
            .checked_add_days(Days::new(30))
            .unwrap_or(day.date_naive());
        if now.date_naive() < free_on {
            return Err(refusal(
                RefusalReason::PaidMessageRecently,
                "Este número enviou mensagens pagas nos últimos 30 dias. Veja os Insights.",
                Some(free_on.to_string()),
            ));
        }
    }
    let mut w = s.world.lock().unwrap();
    let n = w.number_mut(pn).expect("checked above");
    n.deleted_at = Some(now + s.manual_delay());
    n.registered = false;
    drop(w);
    s.persist();
    Ok(())
}

/// "Remover do Portfólio Empresarial" + "Excluir conta" (the article's Passos 5-6, `docs/journey.md`). Refused to
/// non-admins and while numbers remain in the WABA.
pub(crate) fn manual_remove_waba(
    s: &Shared,
    user_id: &str,
    waba: &str,
) -> Result<(), ManualRefusal> {
    let now = s.now();
    let business_id = {
        let w = s.world.lock().unwrap();
        let rec = w
            .waba(waba)
            .ok_or_else(|| refusal(RefusalReason::NotFound, "Conta não encontrada.", None))?;
        if rec.removed_at.is_some() {
            return Err(refusal(
                RefusalReason::AlreadyGone,
                "Esta conta já foi removida do portfólio.",
                None,
            ));
        }
        if w.live_numbers_of(waba, now).next().is_some() {
            return Err(refusal(
                RefusalReason::NumbersRemain,
                "A conta ainda tem números. Exclua-os antes.",
                None,
            ));
        }
        rec.business_id.clone()
    };
    if !is_admin(s, user_id, &business_id) {
        return Err(refusal(
            RefusalReason::NotAdmin,
            "Somente um administrador do portfólio pode remover a conta.",
            None,
        ));
    }
    s.world
        .lock()
        .unwrap()
        .waba_mut(waba)
        .expect("checked above")
        .removed_at = Some(now + s.manual_delay());
    s.persist();
    Ok(())
}

/// `POST /__practice/...`: the two manual actions over HTTP (practice mode's mirrored screens).
pub(crate) fn manual_action(
    s: &Shared,
    caller: &Caller,
    method: &Method,
    path: &str,
    trace: &str,
) -> Response {
    let segs: Vec<&str> = path.split('/').filter(|x| !x.is_empty()).collect();
    let result = match (method.as_str(), segs.as_slice()) {
        ("POST", ["__practice", "whatsapp-manager", "phone-numbers", pn, "delete"]) => {
            manual_delete_number(s, &caller.user_id, pn)
        }
        (
            "POST",
            ["__practice", "business-settings", "whatsapp-accounts", waba, "remove-from-portfolio"],
        ) => manual_remove_waba(s, &caller.user_id, waba),
        _ => {
            return json_response(
                StatusCode::NOT_FOUND,
                &json!({"error": {"code": 100, "message": "unknown practice action"}}),
                trace,
                None,
                0.0,
            )
        }
    };
    match result {
        Ok(()) => json_response(
            StatusCode::OK,
            &serde_json::to_value(ManualAnswer {
                done: true,
                refused: None,
            })
            .unwrap(),
            trace,
            None,
            0.0,
        ),
        Err(r) => json_response(
            StatusCode::CONFLICT,
            &serde_json::to_value(ManualAnswer {
                done: false,
                refused: Some(r),
            })
            .unwrap(),
            trace,
            None,
            0.0,
        ),
    }
}
