//! "Restaurar modelos de um backup" (`docs/meta-rules.md` §14): pick a backup file this app wrote,
//! preview what goes into the chosen WABA (every template, link and phone number), type the
//! account's name to create them (progress as `restore-progress`, "Parar", resume after a crash),
//! save the report; or Meta's own migration when it applies. One restore at a time, bound to the
//! connection that previewed it: the rules live in `restore::slot` and are checked here, at the
//! IPC boundary, before anything is sent.

use super::blocking;
use crate::error::{CmdResult, CommandError};
use crate::state::AppState;
use serde::Serialize;
use std::path::PathBuf;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;
use waba_core::connection::Owner;
use waba_core::graph::{BusinessId, GraphClient, WabaId};
use waba_core::restore::consent::{self, ConsentItem};
use waba_core::restore::destination::read_destination;
use waba_core::restore::migrate::{migrate_all, MigrationPreview, MigrationReport};
use waba_core::restore::{
    preview_destination, BusyGuard, Preview, Progress, Restore, RestoreError, RestorePlan,
    RestorePreview, RestoreShelf,
};
use waba_core::steps::backup::read::scan;

/// What the screen shows of the chosen file.
#[derive(Serialize)]
pub struct FileSummary {
    pub file_name: String,
    pub created_at: Option<String>,
    pub source_waba: Option<String>,
    pub source_waba_name: Option<String>,
    pub source_number: Option<String>,
    pub templates: usize,
}

/// A backup file from the open dialog (debug builds: `WABA_REMOVER_OPEN_FILE` for tests).
async fn ask_open_path<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    #[cfg(debug_assertions)]
    if let Ok(p) = std::env::var("WABA_REMOVER_OPEN_FILE") {
        // Relative to the test save folder, when there is one.
        let dir = std::env::var("WABA_REMOVER_SAVE_DIR").unwrap_or_default();
        return Some(PathBuf::from(dir).join(p));
    }
    let (tx, rx) = tokio::sync::oneshot::channel();
    let mut dialog = app.dialog().file();
    if let Some(dir) = super::files::saves_folder(app) {
        dialog = dialog.set_directory(dir);
    }
    dialog.add_filter("JSON", &["json"]).pick_file(move |p| {
        let _ = tx.send(p.and_then(|p| p.into_path().ok()));
    });
    rx.await.ok().flatten()
}

pub(super) fn shelf(state: &AppState) -> RestoreShelf {
    RestoreShelf::new(&state.data_dir)
}

/// The connection's client and whose it is.
pub(super) async fn owner(state: &AppState) -> CmdResult<(GraphClient, Owner)> {
    // One lock: the account's name and the binding come from the same connection.
    let g = state.conn.lock().await;
    let c = g.as_ref().ok_or_else(|| {
        CommandError::new(crate::error::ErrorCode::ConnectionNone, "not connected")
    })?;
    Ok((c.client.clone(), c.owner()))
}

/// Picks and checks a backup file. `null` when the dialog was cancelled.
#[tauri::command]
pub async fn restore_open<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<Option<FileSummary>> {
    state.restore.lock().unwrap().ensure_idle()?;
    let Some(path) = ask_open_path(&app).await else {
        return Ok(None);
    };
    let read = path.clone();
    // Checked whole, one template at a time (nothing kept but the head).
    let head = blocking(move || scan(&read, |_| {}))
        .await?
        .map_err(RestoreError::from)?;
    let summary = FileSummary {
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        created_at: head.created_at.clone(),
        source_waba: head.waba.id.clone(),
        source_waba_name: head.waba.name.clone(),
        source_number: head.phone_number.display_phone_number.clone(),
        templates: head.templates_read,
    };
    let mut slot = state.restore.lock().unwrap();
    slot.ensure_idle()?;
    slot.file = Some((path, head));
    slot.preview = None;
    Ok(Some(summary))
}

#[derive(Serialize)]
pub struct PlanView {
    /// What `restore_start` and `restore_migrate` must name: this preview and no other.
    pub preview_id: String,
    pub plan: RestorePlan,
    /// The destination account's name as Meta gives it: what the admin types to consent.
    pub dest_name: Option<String>,
    /// Every template to be created, with the links and phone numbers of its buttons.
    pub items: Vec<ConsentItem>,
    /// The source WABA still exists in the destination's business: Meta's migration applies.
    pub migration_offer: bool,
    /// What Meta's migration would copy, read from the source account at Meta now.
    pub migration: Option<MigrationPreview>,
}

/// The preview for the destination WABA, read from Meta on this connection (decided in the core:
/// `restore::preview_destination`).
#[tauri::command]
pub async fn restore_plan(
    state: State<'_, AppState>,
    business_id: String,
    waba_id: String,
    include_not_approved: bool,
) -> CmdResult<PlanView> {
    let business: BusinessId = super::id(business_id)?;
    let dest: WabaId = super::id(waba_id)?;
    let (c, owner) = owner(&state).await?;
    let file = state.restore.lock().unwrap().chosen_file()?;
    let p = preview_destination(
        &c,
        &shelf(&state),
        &business,
        &dest,
        file,
        include_not_approved,
    )
    .await?;
    let view = PlanView::of(&p);
    state.restore.lock().unwrap().keep_preview(Preview {
        store: p.store,
        business,
        dest,
        dest_name: p.dest_name,
        owner,
        plan: p.plan,
    })?;
    Ok(view)
}

impl PlanView {
    fn of(p: &RestorePreview) -> Self {
        PlanView {
            preview_id: p.store.id(),
            plan: p.plan.clone(),
            dest_name: p.dest_name.clone(),
            items: p.items.clone(),
            migration_offer: p.migration.is_some(),
            migration: p.migration.clone(),
        }
    }
}

/// Creates the previewed templates in a task of its own (progress as `restore-progress`), once
/// the admin typed the destination account's name.
#[tauri::command]
pub async fn restore_start<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    preview_id: String,
    typed_name: String,
) -> CmdResult<Progress> {
    let (c, owner) = owner(&state).await?;
    // Decided under one lock, before anything is awaited (`RestoreSlot::confirm_creation`).
    let (run, stop, preview, head) =
        state
            .restore
            .lock()
            .unwrap()
            .confirm_creation(&preview_id, &owner, &typed_name)?;
    let sh = shelf(&state);
    let made = blocking(move || preview.begin(&sh, &head))
        .await
        .and_then(|r| r.map_err(Into::into));
    let (store, restore) = match made {
        Ok(v) => v,
        Err(e) => {
            state.restore.lock().unwrap().end_creation(run);
            return Err(e);
        }
    };
    state.restore.lock().unwrap().preview = None;
    Ok(spawn(app, &state, c, run, stop, store, restore))
}

/// Goes on with the unfinished restore (a crash, "Parar", a lost connection), on the connection
/// it belongs to only.
#[tauri::command]
pub async fn restore_resume<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<Progress> {
    let (c, owner) = owner(&state).await?;
    let (run, stop) = state.restore.lock().unwrap().begin_creation()?;
    let sh = shelf(&state);
    let found = blocking(move || sh.unfinished()).await;
    let checked = found.and_then(|f| {
        let (store, r) = f.ok_or(RestoreError::NothingToResume)?;
        r.check_owner(owner.mode, &owner.binding)?;
        Ok((store, r))
    });
    match checked {
        Ok((store, r)) => Ok(spawn(app, &state, c, run, stop, store, r)),
        Err(e) => {
            state.restore.lock().unwrap().end_creation(run);
            Err(e)
        }
    }
}

fn spawn<R: Runtime>(
    app: AppHandle<R>,
    state: &AppState,
    c: GraphClient,
    run: u64,
    stop: tokio::sync::watch::Receiver<bool>,
    store: waba_core::restore::RestoreStore,
    mut restore: Restore,
) -> Progress {
    let first = restore.progress(None);
    state.restore.lock().unwrap().last = Some(first.clone());
    tauri::async_runtime::spawn(async move {
        let emit_app = app.clone();
        let result = restore
            .run_paced(&c, &store, stop, |p| {
                emit_app.state::<AppState>().restore.lock().unwrap().last = Some(p.clone());
                let _ = emit_app.emit(super::events::RESTORE_PROGRESS, p);
            })
            .await;
        let state = app.state::<AppState>();
        let mut slot = state.restore.lock().unwrap();
        slot.end_creation(run);
        let mut last = restore.progress(None);
        if let Err(e) = result {
            log::warn!("restore stopped: {e}");
            last.finished = false;
        }
        slot.last = Some(last.clone());
        // The task is over: finished, stopped, or stopped by an error (the journal keeps the place).
        let _ = app.emit(super::events::RESTORE_ENDED, &last);
    });
    first
}

/// "Parar": stops between two templates or mid-request (the journal keeps the place).
#[tauri::command]
pub async fn restore_cancel(state: State<'_, AppState>) -> CmdResult<()> {
    state.restore.lock().unwrap().stop();
    Ok(())
}

/// Meta's own migration from the backup's source WABA into the previewed destination, once the
/// admin typed the destination's name. Meta's side is read again first: the source must still be
/// in the same business, and its templates are counted now.
#[tauri::command]
pub async fn restore_migrate(
    state: State<'_, AppState>,
    preview_id: String,
    typed_name: String,
) -> CmdResult<MigrationReport> {
    let (c, owner) = owner(&state).await?;
    let (preview, source) = {
        let slot = state.restore.lock().unwrap();
        let p = slot
            .confirmed_preview(&preview_id, owner.mode, &owner.binding)?
            .clone();
        if !consent::typed_matches(&typed_name, p.dest_name.as_deref()) {
            return Err(RestoreError::ConfirmationMismatch.into());
        }
        let source = slot
            .file
            .as_ref()
            .and_then(|(_, h)| h.waba.id.clone())
            .ok_or(RestoreError::MigrationNotOffered)?;
        (p, source)
    };
    let source: WabaId = super::id(source)?;
    let _busy = BusyGuard::take(&state.restore)?;
    let d = read_destination(&c, &preview.business, &preview.dest, Some(source.as_str()))
        .await?
        .ok_or(RestoreError::DestinationGone)?;
    if !d.migration_offer {
        return Err(RestoreError::MigrationNotOffered.into());
    }
    let count = c.templates(&source).await?.len();
    Ok(migrate_all(&c, &preview.dest, &source, count).await?)
}

impl From<RestoreError> for CommandError {
    fn from(e: RestoreError) -> Self {
        crate::error::restore_error(&e)
    }
}
