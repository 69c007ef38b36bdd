//! Screens 6 and 7: the deregister, the typed confirmations, the partner app, and the practice
//! copies of Meta's two manual actions. Opening Meta's page is reported truthfully.

use super::{bound, connected, with_journey};
use crate::error::CmdResult;
use crate::state::AppState;
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use waba_core::graph::TwoStepPin;
use waba_core::removal::{links, JourneyError, JourneyView, Readiness, RemoveWabaInfo};

/// A step's answer, and whether Meta's page opened in the browser (so the screen never says
/// "abrimos" when it did not).
#[derive(Serialize)]
pub struct StepResult {
    pub journey: JourneyView,
    /// `None` in practice mode (nothing to open).
    pub opened: Option<super::links::Opened>,
}

/// Screen 6, "Desconectar o número e abrir a Meta": deregisters once where it applies; in real
/// mode opens WhatsApp Manager and says whether it opened.
#[tauri::command]
pub async fn delete_number_confirm<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    typed_last4: String,
    answers: Readiness,
) -> CmdResult<StepResult> {
    let (c, mode, binding) = connected(&state).await?;
    let v = with_journey!(state, (mode, binding), |j| j
        .confirm_delete_number(&c, &typed_last4, answers)
        .await)?;
    let opened = (v.mode == waba_core::connection::Mode::Real)
        .then(|| super::links::open(&app, &links::for_target(&v.target).whatsapp_manager));
    Ok(StepResult { journey: v, opened })
}

/// Practice: the mirrored trash icon. `pin` only when the practice screen asked for it (a
/// number still connected).
#[tauri::command]
pub async fn delete_number_practice(
    state: State<'_, AppState>,
    pin: Option<String>,
) -> CmdResult<JourneyView> {
    let pin = pin
        .map(TwoStepPin::parse)
        .transpose()
        .map_err(JourneyError::from)?;
    let (c, mode, binding) = connected(&state).await?;
    with_journey!(state, (mode, binding), |j| j
        .practice_delete_number(&c, pin)
        .await)
}

/// Screen 4, "Esqueci o PIN": a new two-step PIN, typed twice, after the typed confirmation.
/// The PIN goes from here to Meta and nowhere else.
#[tauri::command]
pub async fn checks_pin_reset(
    state: State<'_, AppState>,
    typed_last4: String,
    pin: String,
    pin_again: String,
) -> CmdResult<JourneyView> {
    let pin = TwoStepPin::typed_twice(pin, pin_again).map_err(JourneyError::from)?;
    let (c, mode, binding) = connected(&state).await?;
    with_journey!(state, (mode, binding), |j| j
        .reset_pin(&c, &typed_last4, pin)
        .await)
}

/// "Reconectar o número": the way back after the disconnect, with the number's two-step PIN
/// (typed twice when it becomes the number's new PIN). The wait for Meta's deletion stops first.
#[tauri::command]
pub async fn number_reconnect(
    state: State<'_, AppState>,
    pin: String,
    pin_again: Option<String>,
) -> CmdResult<JourneyView> {
    let pin = match pin_again {
        Some(again) => TwoStepPin::typed_twice(pin, again),
        None => TwoStepPin::parse(pin),
    }
    .map_err(JourneyError::from)?;
    let (c, mode, binding) = connected(&state).await?;
    state.waits.cancel();
    with_journey!(state, (mode, binding), |j| j
        .reconnect_number(&c, pin)
        .await)
}

#[tauri::command]
pub async fn remove_waba_info(state: State<'_, AppState>) -> CmdResult<RemoveWabaInfo> {
    let (c, mode, binding) = connected(&state).await?;
    let mut g = state.journey.lock().await;
    let j = bound(&mut g, mode, &binding)?;
    Ok(j.remove_waba_info(&c).await?)
}

#[tauri::command]
pub async fn remove_waba_unsubscribe_app(
    state: State<'_, AppState>,
    typed_name: String,
) -> CmdResult<JourneyView> {
    let (c, mode, binding) = connected(&state).await?;
    with_journey!(state, (mode, binding), |j| j
        .unsubscribe_app(&c, &typed_name)
        .await)
}

#[tauri::command]
pub async fn remove_waba_skip(
    state: State<'_, AppState>,
    reason: String,
) -> CmdResult<JourneyView> {
    let (_, mode, binding) = connected(&state).await?;
    with_journey!(state, (mode, binding), |j| j.skip_waba(&reason))
}

/// Screen 7, "Excluir conta": checks the typed name; in real mode opens Business Settings.
#[tauri::command]
pub async fn remove_waba_confirm<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    typed_name: String,
) -> CmdResult<StepResult> {
    let (c, mode, binding) = connected(&state).await?;
    let v = with_journey!(state, (mode, binding), |j| j
        .confirm_remove_waba(&c, &typed_name)
        .await)?;
    let opened = (v.mode == waba_core::connection::Mode::Real)
        .then(|| super::links::open(&app, &links::for_target(&v.target).business_settings_waba));
    Ok(StepResult { journey: v, opened })
}

#[tauri::command]
pub async fn remove_waba_practice(state: State<'_, AppState>) -> CmdResult<JourneyView> {
    let (c, mode, binding) = connected(&state).await?;
    with_journey!(state, (mode, binding), |j| j.practice_remove_waba(&c).await)
}
