//! The choice after picking the number, and the move path (`removal/move_path.rs`): each command
//! decodes, makes one core call, encodes.

use super::{bound, connected, with_journey};
use crate::error::CmdResult;
use crate::state::AppState;
use tauri::State;
use waba_core::graph::practice::Partner;
use waba_core::graph::BusinessId;
use waba_core::removal::move_path::{GoalRoads, MoveAdvice, MoveCard};
use waba_core::removal::support_request::{SupportCase, SupportRequest};
use waba_core::removal::{JourneyPath, JourneyView};

/// "Encerrar de vez" or "Levar para outro provedor ou conta".
#[tauri::command]
pub async fn path_choose(state: State<'_, AppState>, path: JourneyPath) -> CmdResult<JourneyView> {
    let (_, mode, binding) = connected(&state).await?;
    with_journey!(state, (mode, binding), |j| j.choose_path(path))
}

/// What Meta requires for the migration, read now, and the roads that keep the number as the
/// core's advisor decides them.
#[tauri::command]
pub async fn move_readiness(state: State<'_, AppState>) -> CmdResult<MoveAdvice> {
    let (c, mode, binding) = connected(&state).await?;
    let mut g = state.journey.lock().await;
    let j = bound(&mut g, mode, &binding)?;
    Ok(j.move_roads(&c).await?)
}

/// The path screen's advice: each answer's roads, decided in the core from Meta's facts.
#[tauri::command]
pub async fn path_roads(state: State<'_, AppState>) -> CmdResult<Vec<GoalRoads>> {
    let (c, mode, binding) = connected(&state).await?;
    let mut g = state.journey.lock().await;
    Ok(bound(&mut g, mode, &binding)?.path_roads(&c).await?)
}

/// A request ready for Meta's support (English, every id, the journal's trace ids), where only
/// Meta's support moves things on.
#[tauri::command]
pub async fn support_request(
    state: State<'_, AppState>,
    case: SupportCase,
) -> CmdResult<SupportRequest> {
    let (_, mode, binding) = connected(&state).await?;
    let mut g = state.journey.lock().await;
    Ok(bound(&mut g, mode, &binding)?.support_request(case))
}

/// The migration card's text (to copy), never a token.
#[tauri::command]
pub async fn move_card(state: State<'_, AppState>) -> CmdResult<MoveCard> {
    let (_, mode, binding) = connected(&state).await?;
    let mut g = state.journey.lock().await;
    Ok(bound(&mut g, mode, &binding)?.move_card()?)
}

/// Ends the move path: nothing deleted.
#[tauri::command]
pub async fn move_finish(state: State<'_, AppState>) -> CmdResult<JourneyView> {
    let (_, mode, binding) = connected(&state).await?;
    with_journey!(state, (mode, binding), |j| j.finish_move())
}

/// "Já desliguei": the admin's word that the two-step PIN is off (the API cannot read it).
#[tauri::command]
pub async fn move_pin_off_said(state: State<'_, AppState>) -> CmdResult<JourneyView> {
    let (_, mode, binding) = connected(&state).await?;
    with_journey!(state, (mode, binding), |j| j.say_pin_off())
}

/// Practice only: the account's Partners tab, as the sandbox has it (the copy acts there).
#[tauri::command]
pub async fn move_partners_practice(state: State<'_, AppState>) -> CmdResult<Vec<Partner>> {
    let (c, mode, binding) = connected(&state).await?;
    let mut g = state.journey.lock().await;
    Ok(bound(&mut g, mode, &binding)?.practice_partners(&c).await?)
}

/// Practice only: the Partners tab's "Remover" for one partner it lists; the list after it.
#[tauri::command]
pub async fn move_partner_remove_practice(
    state: State<'_, AppState>,
    partner_id: String,
) -> CmdResult<Vec<Partner>> {
    let partner: BusinessId = super::id(partner_id)?;
    let (c, mode, binding) = connected(&state).await?;
    let mut g = state.journey.lock().await;
    Ok(bound(&mut g, mode, &binding)?
        .practice_remove_partner(&c, &partner)
        .await?)
}

/// Practice only: the two-step screen's "Desativar" (the sandbox's PIN off).
#[tauri::command]
pub async fn move_pin_off_practice(state: State<'_, AppState>) -> CmdResult<JourneyView> {
    let (c, mode, binding) = connected(&state).await?;
    with_journey!(state, (mode, binding), |j| j
        .practice_two_step_off(&c)
        .await)
}
