//! What the admin does by hand on Meta's site, as the practice sandbox enforces it: the two
//! manual deletions of the article (`docs/journey.md`, Passos 3-6), and on the roads that keep
//! the number, the Partners tab's removal of the old partner and the two-step PIN turned off
//! (`docs/meta-rules.md` §12, §17); the screens of WhatsApp Manager and Business Settings, over
//! `/__practice/...` (graph area `practice`).

use super::answers::json_response;
use super::shared::{Caller, SbErr, Shared};
use crate::graph::model::{BusinessRole, NumberStatus};
use crate::graph::practice::{ManualAnswer, ManualRefusal, RefusalReason};
use axum::http::{Method, StatusCode};
use axum::response::Response;
use chrono::Days;

fn refusal(reason: RefusalReason, message: &str, available_from: Option<String>) -> ManualRefusal {
    ManualRefusal {
        reason,
        message: message.into(),
        available_from,
    }
}

/// Meta's screens act only for an admin of the portfolio: `what` the others are refused.
fn admin_only(
    s: &Shared,
    user_id: &str,
    business_id: &str,
    what: &str,
) -> Result<(), ManualRefusal> {
    if is_admin(s, user_id, business_id) {
        return Ok(());
    }
    Err(refusal(
        RefusalReason::NotAdmin,
        &format!("Somente um administrador do portfólio pode {what}."),
        None,
    ))
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
/// What the admin answers when Meta's screen asks for the two-step PIN of a connected number.
pub(crate) enum PinAnswer<'a> {
    /// Typed in the pop-up (or nothing typed).
    Typed(Option<&'a str>),
    /// An admin who knows it (the sandbox's own helpers for tests).
    Knows,
}

pub(crate) fn manual_delete_number(
    s: &Shared,
    user_id: &str,
    pn: &str,
    pin: PinAnswer<'_>,
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
    admin_only(s, user_id, &business_id, "excluir números")?;
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
    // A connected number asks for its two-step PIN (`docs/meta-rules.md` §12).
    if n.info.status == Some(NumberStatus::Connected) {
        if let (PinAnswer::Typed(typed), Some(hash)) = (&pin, &n.pin_hash) {
            let Some(typed) = typed else {
                return Err(refusal(
                    RefusalReason::PinRequired,
                    "Digite o PIN de 6 dígitos deste número.",
                    None,
                ));
            };
            if !super::world::pin_matches(typed, hash) {
                return Err(refusal(RefusalReason::PinWrong, "O PIN não confere.", None));
            }
        }
    }
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
    admin_only(s, user_id, &business_id, "remover a conta")?;
    s.world
        .lock()
        .unwrap()
        .waba_mut(waba)
        .expect("checked above")
        .removed_at = Some(now + s.manual_delay());
    s.persist();
    Ok(())
}

/// The Partners tab's trash icon + "Remover" (`docs/meta-rules.md` §17: the customer removes
/// the old partner from its own account). Refused to non-admins; the partner's subscribed app
/// (its webhooks) stays, as on Meta.
pub(crate) fn manual_remove_partner(
    s: &Shared,
    user_id: &str,
    waba: &str,
    partner: &str,
) -> Result<(), ManualRefusal> {
    let business_id = {
        let w = s.world.lock().unwrap();
        let rec = w
            .waba(waba)
            .filter(|r| r.removed_at.is_none())
            .ok_or_else(|| refusal(RefusalReason::NotFound, "Conta não encontrada.", None))?;
        if !rec.partners.iter().any(|p| p.id == partner) {
            return Err(refusal(
                RefusalReason::AlreadyGone,
                "Este parceiro não está mais na conta.",
                None,
            ));
        }
        rec.business_id.clone()
    };
    admin_only(s, user_id, &business_id, "remover parceiros")?;
    s.world
        .lock()
        .unwrap()
        .waba_mut(waba)
        .expect("checked above")
        .partners
        .retain(|p| p.id != partner);
    s.persist();
    Ok(())
}

/// WhatsApp Manager's two-step verification "Desativar" (`docs/meta-rules.md` §12: no API turns
/// it off; Meta confirms by e-mail). Refused to non-admins.
pub(crate) fn manual_two_step_off(
    s: &Shared,
    user_id: &str,
    pn: &str,
) -> Result<(), ManualRefusal> {
    let business_id = {
        let w = s.world.lock().unwrap();
        let n = w
            .number(pn)
            .filter(|n| n.deleted_at.is_none())
            .ok_or_else(|| refusal(RefusalReason::NotFound, "Número não encontrado.", None))?;
        w.waba(&n.waba_id)
            .map(|r| r.business_id.clone())
            .unwrap_or_default()
    };
    admin_only(
        s,
        user_id,
        &business_id,
        "desativar a verificação em duas etapas",
    )?;
    s.world
        .lock()
        .unwrap()
        .number_mut(pn)
        .expect("checked above")
        .pin_hash = None;
    s.persist();
    Ok(())
}

/// `GET /__practice/.../partners`: the account's Partners tab, for whoever sees the account.
fn partners(s: &Shared, caller: &Caller, waba: &str, trace: &str) -> Response {
    let w = s.world.lock().unwrap();
    let seen = w.waba(waba).filter(|r| r.removed_at.is_none()).filter(|r| {
        w.user(&caller.user_id)
            .is_some_and(|u| u.business_id == r.business_id)
    });
    match seen {
        Some(r) => json_response(
            StatusCode::OK,
            &serde_json::json!({ "data": r.partners }),
            trace,
            None,
            0.0,
        ),
        None => {
            let e = SbErr::no_object(waba);
            json_response(
                StatusCode::BAD_REQUEST,
                &e.envelope(trace),
                trace,
                None,
                0.0,
            )
        }
    }
}

/// `POST /__practice/...`: the manual actions over HTTP (practice mode's mirrored screens).
pub(crate) fn manual_action(
    s: &Shared,
    caller: &Caller,
    method: &Method,
    path: &str,
    body: &[u8],
    trace: &str,
) -> Response {
    let pin: Option<String> = url::form_urlencoded::parse(body)
        .find(|(k, _)| k == "pin")
        .map(|(_, v)| v.into_owned());
    let segs: Vec<&str> = path.split('/').filter(|x| !x.is_empty()).collect();
    if let ("GET", ["__practice", "business-settings", "whatsapp-accounts", waba, "partners"]) =
        (method.as_str(), segs.as_slice())
    {
        return partners(s, caller, waba, trace);
    }
    let result = match (method.as_str(), segs.as_slice()) {
        ("POST", ["__practice", "whatsapp-manager", "phone-numbers", pn, "delete"]) => {
            manual_delete_number(s, &caller.user_id, pn, PinAnswer::Typed(pin.as_deref()))
        }
        (
            "POST",
            ["__practice", "business-settings", "whatsapp-accounts", waba, "remove-from-portfolio"],
        ) => manual_remove_waba(s, &caller.user_id, waba),
        (
            "POST",
            ["__practice", "business-settings", "whatsapp-accounts", waba, "partners", partner, "remove"],
        ) => manual_remove_partner(s, &caller.user_id, waba, partner),
        ("POST", ["__practice", "whatsapp-manager", "phone-numbers", pn, "two-step", "off"]) => {
            manual_two_step_off(s, &caller.user_id, pn)
        }
        _ => {
            let e = SbErr::new(100, "unknown practice action").http(404);
            return json_response(StatusCode::NOT_FOUND, &e.envelope(trace), trace, None, 0.0);
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
