//! A restore after it ran: whose an unfinished one is and how far it went (a redraw, a relaunch),
//! "Descartar", and the per-template report.

use super::blocking;
use super::restore::{owner, shelf};
use crate::error::CmdResult;
use crate::state::AppState;
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use waba_core::connection::Mode;
use waba_core::connection::Owner;
use waba_core::restore::{BusyGuard, Progress, RestoreError};

/// "Descartar": settles what was being sent (by reading, on its own connection), ends the
/// unfinished restore as discarded and keeps its report.
#[tauri::command]
pub async fn restore_discard(state: State<'_, AppState>) -> CmdResult<RestoreStatus> {
    let (c, owner) = owner(&state).await?;
    {
        let _busy = BusyGuard::take(&state.restore)?;
        let sh = shelf(&state);
        let (store, mut r) = blocking(move || sh.unfinished())
            .await?
            .ok_or(RestoreError::NothingToResume)?;
        let pending = r.steps.contains(&waba_core::restore::Step::Sending);
        if pending {
            r.check_owner(owner.mode, &owner.binding)?;
        }
        r.discard(&c, &store).await.map_err(RestoreError::from)?;
        state.restore.lock().unwrap().last = Some(r.progress(None));
    }
    status(&state, Some(&owner)).await
}

/// Whose connection an unfinished restore belongs to, for the screen.
#[derive(Serialize)]
pub struct Belongs {
    pub mode: Option<Mode>,
    pub account: Option<String>,
    /// The current connection is the one it belongs to (it may be resumed here).
    pub here: bool,
}

#[derive(Serialize)]
pub struct RestoreStatus {
    pub running: bool,
    pub progress: Option<Progress>,
    /// A restore left unfinished on disk (offer to go on, or discard it).
    pub unfinished: bool,
    pub belongs: Option<Belongs>,
}

async fn status(state: &AppState, owner: Option<&Owner>) -> CmdResult<RestoreStatus> {
    let (running, last) = {
        let slot = state.restore.lock().unwrap();
        (slot.creating(), slot.last.clone())
    };
    let sh = shelf(state);
    let (latest, unfinished) = blocking(move || sh.latest_and_unfinished()).await?;
    let belongs = unfinished.as_ref().map(|r| Belongs {
        mode: r.owner.as_ref().map(|o| o.mode),
        account: r.owner.as_ref().and_then(|o| o.account.clone()),
        here: owner.is_some_and(|o| r.check_owner(o.mode, &o.binding).is_ok()),
    });
    Ok(RestoreStatus {
        running,
        progress: last.or_else(|| latest.as_ref().map(|r| r.progress(None))),
        unfinished: !running && unfinished.is_some(),
        belongs,
    })
}

/// For a redraw or a relaunch: is a restore running, and how far; whose is an unfinished one.
#[tauri::command]
pub async fn restore_state(state: State<'_, AppState>) -> CmdResult<RestoreStatus> {
    let owner = owner(&state).await.ok().map(|(_, o)| o);
    status(&state, owner.as_ref()).await
}

/// The per-template report (HTML + JSON) of the latest restore, where the admin chooses.
#[tauri::command]
pub async fn restore_report_save<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<Option<String>> {
    let sh = shelf(&state);
    let (store, r) = blocking(move || sh.latest())
        .await?
        .ok_or(RestoreError::NothingToResume)?;
    let name = format!("relatorio-restauracao-{}.html", r.id);
    let Some(path) = super::files::ask_save_path(&app, &name, ("HTML", &["html"])).await else {
        return Ok(None);
    };
    let english = state.settings.lock().unwrap().language.as_deref() == Some("en");
    let p = waba_core::restore::report::save_report(&r, &store, &path, english)
        .map_err(RestoreError::from)?;
    Ok(Some(super::files::remember(&state, p)))
}
