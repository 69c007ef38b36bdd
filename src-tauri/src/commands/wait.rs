//! Waiting for Meta's proof. The wait runs in the core as a task of its own: asking again (a
//! redraw, a language switch) attaches to it, and "Parar de esperar" stops it.

use super::{connected, view};
use crate::error::{CmdResult, CommandError};
use crate::state::AppState;
use std::sync::Arc;
use tauri::{AppHandle, Emitter, Runtime, State};
use waba_core::removal::wait::WaitOptions;
use waba_core::removal::{JourneyView, Pace, PollTarget};

async fn wait_for<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    target: PollTarget,
) -> CmdResult<JourneyView> {
    let (c, mode, binding) = connected(&state).await?;
    super::bound(&mut *state.journey.lock().await, mode, &binding)?;
    let opts = WaitOptions {
        pace: Pace::for_mode(mode),
    };
    let emit = Arc::new(move |p: &waba_core::removal::PollProgress| {
        let _ = app.emit(super::events::POLL_PROGRESS, p);
    });
    state
        .waits
        .wait(&state.journey, &c, target, opts, emit)
        .await
        .map_err(|e| CommandError::from(e.as_ref()))?;
    let g = state.journey.lock().await;
    let j = g.as_ref().ok_or_else(super::no_journey)?;
    Ok(view(&state, j))
}

/// Screen 6, waiting: until Meta proves the number gone (progress as `poll-progress`).
#[tauri::command]
pub async fn delete_number_wait<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<JourneyView> {
    wait_for(app, state, PollTarget::Number).await
}

/// Screen 7, waiting: until Meta proves the WABA gone.
#[tauri::command]
pub async fn remove_waba_wait<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<JourneyView> {
    wait_for(app, state, PollTarget::Waba).await
}

/// "Parar de esperar": the running wait stops within a second.
#[tauri::command]
pub async fn wait_cancel(state: State<'_, AppState>) -> CmdResult<bool> {
    Ok(state.waits.cancel())
}
