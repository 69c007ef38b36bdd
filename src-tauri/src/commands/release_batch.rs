//! "Liberar vários números desta conta" (the app's side of the support console's `release`,
//! `docs/support.md`): several numbers of the account on screen, released in one paced run
//! (`waba_core::release`) by the road the admin chose once for the run (another provider: nothing
//! disconnected; back to the app or closed: one disconnect each), with a progress list. The rules are checked here, at the IPC
//! boundary, before anything is sent: every id is a number of that account as Meta lists it,
//! the account's name typed back, one run at a time, bound to the connection that started it
//! (leaving it stops the run after the number it is on). Journals and the report are private
//! files under the app's data folder.

use crate::error::CmdResult;
use crate::state::AppState;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use waba_core::connection::Owner;
use waba_core::graph::{GraphClient, PhoneNumberId, WabaId};
use waba_core::release::{
    prepare_batch, run_batch, BatchView, ErrorInfo, PreparedBatch, ReleaseRoad,
};

/// Starts the run and answers its first view (every number `pending`); progress follows as
/// `release-progress` events, and `release_batch_state` answers it again on a redraw.
#[tauri::command]
pub async fn release_batch_start<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    waba_id: String,
    phone_number_ids: Vec<String>,
    typed_name: String,
    road: ReleaseRoad,
) -> CmdResult<BatchView> {
    let waba: WabaId = super::id(waba_id)?;
    let ids = phone_number_ids
        .into_iter()
        .map(super::id::<PhoneNumberId>)
        .collect::<CmdResult<Vec<_>>>()?;
    let (c, owner) = super::restore::owner(&state).await?;
    // Reserved before anything is awaited: a second start (a double click) is refused.
    let stop = state.release.lock().unwrap().reserve(owner.clone())?;
    let batch = match prepare_batch(&c, &state.data_dir, &waba, &ids, &typed_name).await {
        Ok(b) => b,
        Err(e) => {
            state.release.lock().unwrap().release_reservation();
            return Err(e.into());
        }
    };
    let view = batch.view.clone();
    state.release.lock().unwrap().started(view.clone());
    tauri::async_runtime::spawn(run(app, c, batch, road, owner, stop));
    Ok(view)
}

/// The run in its own task: each number heard goes to the page as `release-progress`, and the
/// end (the report, or what stopped it) once more.
async fn run<R: Runtime>(
    app: AppHandle<R>,
    c: GraphClient,
    batch: PreparedBatch,
    road: ReleaseRoad,
    owner: Owner,
    stop: tokio::sync::watch::Receiver<bool>,
) {
    let state = app.state::<AppState>();
    let heard = |r: &waba_core::release::NumberResult| {
        if let Some(v) = state.release.lock().unwrap().heard(r) {
            let _ = app.emit(super::events::RELEASE_PROGRESS, &v);
        }
    };
    let out = run_batch(&c, batch, road, &owner, &state.data_dir, &stop, heard).await;
    let done = match out {
        Ok((report, html)) => {
            if let Some(h) = &html {
                super::files::remember(&state, h.clone());
            }
            let stopped = report.stopped.clone();
            state
                .release
                .lock()
                .unwrap()
                .finished(&report.numbers, html, stopped)
        }
        Err(e) => state
            .release
            .lock()
            .unwrap()
            .finished(&[], None, Some(ErrorInfo::of(&e.into()))),
    };
    if let Some(v) = done {
        let _ = app.emit(super::events::RELEASE_PROGRESS, &v);
    }
}

/// The batch of this connection, running or ended (for a redraw or a relaunch of the screen).
#[tauri::command]
pub async fn release_batch_state(state: State<'_, AppState>) -> CmdResult<Option<BatchView>> {
    let (_, mode, binding) = super::connected(&state).await?;
    Ok(state.release.lock().unwrap().view_for(mode, &binding))
}
