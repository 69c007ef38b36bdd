//! Screens 1-5: choosing by id (the core reads each choice back from Meta), the checks, and the
//! backup's explicit way out.

use super::{blocking, bound, connected, id, view, with_journey};
use crate::error::CmdResult;
use crate::state::AppState;
use tauri::State;
use waba_core::graph::model::{Business, PhoneNumber};
use waba_core::graph::{BusinessId, PhoneNumberId, WabaId, WabaLists};
use waba_core::removal::{Journey, JourneyView};
use waba_core::steps::checks::{CheckId, ChecksReport};

/// The saved journey, read once after a start (a damaged one is set aside by the store).
#[tauri::command]
pub async fn journey_state(state: State<'_, AppState>) -> CmdResult<Option<JourneyView>> {
    let mut g = state.journey.lock().await;
    if g.is_none() {
        let store = state.journal_store();
        *g = blocking(move || Journey::resume(store)).await?;
    }
    Ok(g.as_ref().map(|j| view(&state, j)))
}

/// Starts a new journey on this connection (an unfinished one is archived, never lost).
#[tauri::command]
pub async fn journey_start(state: State<'_, AppState>) -> CmdResult<JourneyView> {
    let (_, mode, binding) = connected(&state).await?;
    state.waits.cancel();
    let mut g = state.journey.lock().await;
    if let Some(old) = g.take() {
        old.archive()?;
    } else if let Some(old) = Journey::resume(state.journal_store()) {
        old.archive()?;
    }
    let j = Journey::start(mode, binding, state.journal_store())?;
    let v = view(&state, &j);
    *g = Some(j);
    Ok(v)
}

#[tauri::command]
pub async fn journey_close(state: State<'_, AppState>) -> CmdResult<()> {
    state.waits.cancel();
    if let Some(j) = state.journey.lock().await.take() {
        j.archive()?;
    }
    Ok(())
}

#[tauri::command]
pub async fn list_businesses(state: State<'_, AppState>) -> CmdResult<Vec<Business>> {
    Ok(connected(&state).await?.0.businesses().await?)
}

/// Owned and client WABAs, each with the numbers it holds (`GraphClient::wabas_with_numbers`).
#[tauri::command]
pub async fn list_wabas(state: State<'_, AppState>, business_id: String) -> CmdResult<WabaLists> {
    let business_id: BusinessId = id(business_id)?;
    let c = connected(&state).await?.0;
    Ok(c.wabas_with_numbers(&business_id).await?)
}

#[tauri::command]
pub async fn list_numbers(
    state: State<'_, AppState>,
    waba_id: String,
) -> CmdResult<Vec<PhoneNumber>> {
    let waba_id: WabaId = id(waba_id)?;
    Ok(connected(&state).await?.0.phone_numbers(&waba_id).await?)
}

#[tauri::command]
pub async fn choose_business(
    state: State<'_, AppState>,
    business_id: String,
) -> CmdResult<JourneyView> {
    let business_id: BusinessId = id(business_id)?;
    let (c, mode, binding) = connected(&state).await?;
    with_journey!(state, (mode, binding), |j| j
        .choose_business(&c, &business_id)
        .await)
}

#[tauri::command]
pub async fn choose_waba(state: State<'_, AppState>, waba_id: String) -> CmdResult<JourneyView> {
    let waba_id: WabaId = id(waba_id)?;
    let (c, mode, binding) = connected(&state).await?;
    with_journey!(state, (mode, binding), |j| j
        .choose_waba(&c, &waba_id)
        .await)
}

#[tauri::command]
pub async fn choose_number(
    state: State<'_, AppState>,
    phone_number_id: String,
) -> CmdResult<JourneyView> {
    let phone_number_id: PhoneNumberId = id(phone_number_id)?;
    let (c, mode, binding) = connected(&state).await?;
    with_journey!(state, (mode, binding), |j| j
        .choose_number(&c, &phone_number_id)
        .await)
}

#[tauri::command]
pub async fn checks_run(state: State<'_, AppState>) -> CmdResult<ChecksReport> {
    let (c, mode, binding) = connected(&state).await?;
    let mut g = state.journey.lock().await;
    let j = bound(&mut g, mode, &binding)?;
    Ok(j.run_checks(&c).await?)
}

#[tauri::command]
pub async fn checks_confirm(
    state: State<'_, AppState>,
    acknowledged_loss: bool,
    overrides: Vec<CheckId>,
) -> CmdResult<JourneyView> {
    let (_, mode, binding) = connected(&state).await?;
    with_journey!(state, (mode, binding), |j| j
        .confirm_checks(acknowledged_loss, overrides))
}

#[tauri::command]
pub async fn backup_skip(state: State<'_, AppState>, typed: String) -> CmdResult<JourneyView> {
    let (_, mode, binding) = connected(&state).await?;
    with_journey!(state, (mode, binding), |j| j.skip_backup(&typed))
}
