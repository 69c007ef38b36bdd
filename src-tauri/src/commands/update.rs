//! "Uma versão nova está disponível": the check (at most once a day, decided in the core), the
//! install (only when the admin asks and nothing runs: the core's gate, checked here against the
//! app's state, never trusted from the web view) and the restart after it.

use super::blocking;
use crate::error::{CmdResult, CommandError, ErrorCode};
use crate::state::AppState;
use crate::update::InstallError;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime, State};
use waba_core::update::{Activity, Available, Busy, Check, Memory, Source, UpdateError};

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// What the screen says about updates.
#[derive(Debug, Serialize)]
pub struct UpdateView {
    pub current: &'static str,
    /// `false`: this copy was published without updates ("Sobre" says so).
    pub enabled: bool,
    pub checked_at: Option<chrono::DateTime<chrono::Utc>>,
    pub available: Option<Available>,
    /// The last check failed (`network`, `status`, `manifest`): said in "Sobre", never a banner.
    pub check_failed: Option<UpdateError>,
    /// What an install would wait for now.
    pub busy: Option<Busy>,
    pub installing: bool,
    /// Installed, waiting for the restart the admin asks for.
    pub installed: Option<String>,
    /// On Windows the installer closes the app and opens it again itself; elsewhere the app
    /// restarts when the admin asks ("Reiniciar o app agora"). The button says which.
    pub restarts_by_itself: bool,
}

fn source<R: Runtime>(app: &AppHandle<R>) -> Option<Source> {
    crate::update::source(app.config()).ok()
}

/// What runs now that an install must wait for.
async fn activity(state: &AppState) -> CmdResult<Activity> {
    let store = state.journal_store();
    let disconnected = blocking(move || store.load())
        .await?
        .is_some_and(|j| j.disconnected_not_deleted());
    Ok(Activity {
        disconnected,
        waiting: state.waits.running().is_some(),
        restoring: !state.restore.lock().unwrap().idle(),
        releasing: state.release.lock().unwrap().running(),
    })
}

async fn view(state: &AppState, enabled: bool, memory: Option<Memory>) -> CmdResult<UpdateView> {
    let slot = state.update.lock().unwrap().clone();
    let (available, check_failed) = match memory.as_ref().map(|m| &m.result) {
        Some(Ok(Check::Available(a))) if enabled => (Some(a.clone()), None),
        Some(Err(e)) if enabled => (None, Some(e.clone())),
        _ => (None, None),
    };
    Ok(UpdateView {
        current: VERSION,
        enabled,
        checked_at: memory.filter(|_| enabled).map(|m| m.checked_at),
        available,
        check_failed,
        busy: activity(state).await?.busy(),
        installing: slot.installing,
        installed: slot.installed,
        restarts_by_itself: cfg!(windows),
    })
}

/// The update line: asks the published address when a day has passed since the last answer
/// (the core's rule), otherwise says what the last answer was.
#[tauri::command]
pub async fn update_state<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<UpdateView> {
    let Some(src) = source(&app) else {
        return view(&state, false, None).await;
    };
    let _one_check = state.update_check.lock().await;
    let today = Memory::of_today(state.data_dir.clone(), &src, VERSION).await;
    view(&state, true, Some(today)).await
}

/// The day's answer, as the last check saved it.
async fn memory(state: &AppState) -> CmdResult<Option<Memory>> {
    let dir = state.data_dir.clone();
    blocking(move || Memory::load(&dir)).await
}

/// The install may start: this copy has updates, `version` is the one offered, nothing runs and
/// no other install is going on (then it is marked as going on).
async fn may_install<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    version: &str,
) -> CmdResult<()> {
    source(app).ok_or_else(|| CommandError::new(ErrorCode::UpdateOff, "no updates"))?;
    let last = memory(state).await?;
    if last.as_ref().and_then(Memory::offered) != Some(version) {
        return Err(CommandError::new(
            ErrorCode::UpdateNone,
            "not the version offered",
        ));
    }
    if let Some(busy) = activity(state).await?.busy() {
        return Err(CommandError::new(ErrorCode::UpdateBusy, "something runs")
            .with(serde_json::json!({ "busy": busy })));
    }
    if !state.update.lock().unwrap().begin() {
        return Err(CommandError::new(
            ErrorCode::UpdateInstalling,
            "an install runs",
        ));
    }
    Ok(())
}

/// "Instalar a versão nova": the version shown is downloaded, its signature checked against the
/// published key and installed, only when nothing runs (`update.busy` names what) and once at a
/// time. Progress as `update-progress`.
#[tauri::command]
pub async fn update_install<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    version: String,
) -> CmdResult<UpdateView> {
    may_install(&app, &state, &version).await?;
    let emitter = app.clone();
    let r = crate::update::install(&app, &version, move |received, total| {
        let p = serde_json::json!({ "received": received, "total": total });
        let _ = emitter.emit(super::events::UPDATE_PROGRESS, p);
    })
    .await;
    state
        .update
        .lock()
        .unwrap()
        .end(r.is_ok().then_some(version));
    r.map_err(CommandError::from)?;
    view(&state, true, memory(&state).await?).await
}

/// "Reiniciar agora", after an install.
#[tauri::command]
pub async fn update_restart<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<()> {
    if state.update.lock().unwrap().installed.is_none() {
        return Err(CommandError::new(
            ErrorCode::UpdateNone,
            "nothing installed",
        ));
    }
    app.restart()
}

impl From<InstallError> for CommandError {
    fn from(e: InstallError) -> Self {
        let code = match &e {
            InstallError::Signature(_) => ErrorCode::UpdateSignature,
            InstallError::Network(_) => ErrorCode::UpdateNetwork,
            InstallError::Changed(_) => ErrorCode::UpdateNone,
            InstallError::Failed(_) => ErrorCode::UpdateFailed,
        };
        CommandError::new(code, e.to_string())
    }
}
