//! "Restaurar modelos de um backup" (`docs/meta-rules.md` §14): pick a backup file this app wrote,
//! preview what goes into the chosen WABA, create the templates (progress as `restore-progress`,
//! "Parar", resume after a crash), save the report; or Meta's own migration when it applies.

use super::{blocking, connected};
use crate::error::{CmdResult, CommandError, ErrorCode};
use crate::graph::WabaId;
use crate::restore::destination::read_destination;
use crate::restore::migrate::{migrate_all, MigrationReport};
use crate::restore::{prepare, scan, FileError, Progress, Restore, RestorePlan, RestoreStore};
use crate::state::AppState;
use serde::Serialize;
use std::path::PathBuf;
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;

fn file_err(e: FileError) -> CommandError {
    let code = match e {
        FileError::Unreadable(_) => ErrorCode::RestoreUnreadable,
        FileError::NotABackup => ErrorCode::RestoreNotABackup,
        FileError::UnknownVersion(_) => ErrorCode::RestoreUnknownVersion,
        FileError::Truncated => ErrorCode::RestoreTruncated,
    };
    CommandError::new(code, e.to_string())
}

fn busy() -> CommandError {
    CommandError::new(ErrorCode::RestoreBusy, "a restore is running")
}

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
    if let Ok(docs) = app.path().document_dir() {
        dialog = dialog.set_directory(docs);
    }
    dialog.add_filter("JSON", &["json"]).pick_file(move |p| {
        let _ = tx.send(p.and_then(|p| p.into_path().ok()));
    });
    rx.await.ok().flatten()
}

/// Picks and checks a backup file. `null` when the dialog was cancelled.
#[tauri::command]
pub async fn restore_open<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<Option<FileSummary>> {
    if state.restore.lock().unwrap().running.is_some() {
        return Err(busy());
    }
    let Some(path) = ask_open_path(&app).await else {
        return Ok(None);
    };
    let read = path.clone();
    // Checked whole, one template at a time (nothing kept but the head).
    let head = blocking(move || scan(&read, |_| {}))
        .await?
        .map_err(file_err)?;
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
    slot.file = Some((path, head));
    slot.plan = None;
    Ok(Some(summary))
}

#[derive(Serialize)]
pub struct PlanView {
    pub plan: RestorePlan,
    /// The source WABA still exists in the destination's business: Meta's migration applies.
    pub migration_offer: bool,
}

/// The preview for the destination WABA.
#[tauri::command]
pub async fn restore_plan(
    state: State<'_, AppState>,
    business_id: String,
    waba_id: String,
    include_not_approved: bool,
) -> CmdResult<PlanView> {
    let business: crate::graph::BusinessId = super::id(business_id)?;
    let dest: WabaId = super::id(waba_id)?;
    let c = connected(&state).await?.0;
    let (path, head) = {
        let slot = state.restore.lock().unwrap();
        if slot.running.is_some() {
            return Err(busy());
        }
        slot.file.clone().ok_or_else(|| {
            CommandError::new(ErrorCode::JourneyWrongStage, "no backup file chosen")
        })?
    };
    let d = read_destination(&c, &business, &dest, head.waba.id.as_deref())
        .await?
        .ok_or_else(|| {
            CommandError::from(crate::removal::JourneyError::UnknownId(dest.to_string()))
        })?;
    let spool = store(&state).spool();
    let existing = d.existing;
    let (_, p) = blocking(move || prepare(&path, &existing, include_not_approved, &spool))
        .await?
        .map_err(file_err)?;
    state.restore.lock().unwrap().plan = Some((dest, d.name, p.clone()));
    Ok(PlanView {
        plan: p,
        migration_offer: d.migration_offer,
    })
}

fn store(state: &AppState) -> RestoreStore {
    RestoreStore::new(state.data_dir.clone())
}

/// Creates the planned templates in a task of its own (progress as `restore-progress`).
#[tauri::command]
pub async fn restore_start<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<Progress> {
    let (head, dest, name) = {
        let slot = state.restore.lock().unwrap();
        if slot.running.is_some() {
            return Err(busy());
        }
        match (&slot.file, &slot.plan) {
            (Some((_, head)), Some((dest, name, _))) => (head.clone(), dest.clone(), name.clone()),
            _ => {
                return Err(CommandError::new(
                    ErrorCode::JourneyWrongStage,
                    "no preview yet",
                ))
            }
        }
    };
    let st = store(&state);
    // The restore of the spool the preview wrote; saved before anything is sent.
    let restore = blocking(move || {
        let r = Restore::new(&head, &st, dest, name)?;
        st.save(&r).map(|()| r)
    })
    .await?
    .map_err(|e| CommandError::new(ErrorCode::FileIo, e.to_string()))?;
    spawn(app, &state, restore).await
}

/// Goes on with a restore left unfinished (a crash, or "Parar").
#[tauri::command]
pub async fn restore_resume<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<Progress> {
    if state.restore.lock().unwrap().running.is_some() {
        return Err(busy());
    }
    let st = store(&state);
    let r = blocking(move || st.load())
        .await?
        .filter(|r| r.finished_at.is_none())
        .ok_or_else(|| CommandError::new(ErrorCode::JourneyWrongStage, "nothing to resume"))?;
    spawn(app, &state, r).await
}

async fn spawn<R: Runtime>(
    app: AppHandle<R>,
    state: &AppState,
    mut restore: Restore,
) -> CmdResult<Progress> {
    let (c, mode, _) = connected(state).await?;
    let (tx, rx) = tokio::sync::watch::channel(false);
    let first = restore.progress(None);
    {
        let mut slot = state.restore.lock().unwrap();
        slot.running = Some(tx);
        slot.last = Some(first.clone());
    }
    let st = store(state);
    // Practice goes briskly; real mode leaves Meta room (and Meta's waits are honoured whole).
    let (gap, max_pause) = match mode {
        crate::removal::Mode::Practice => (Duration::from_millis(40), Duration::from_secs(5)),
        crate::removal::Mode::Real => (Duration::from_secs(2), Duration::from_secs(3600)),
    };
    tauri::async_runtime::spawn(async move {
        let emit_app = app.clone();
        let result = restore
            .run(&c, &st, rx, gap, max_pause, |p| {
                emit_app.state::<AppState>().restore.lock().unwrap().last = Some(p.clone());
                let _ = emit_app.emit("restore-progress", p);
            })
            .await;
        let state = app.state::<AppState>();
        let mut slot = state.restore.lock().unwrap();
        slot.running = None;
        let mut last = restore.progress(None);
        if let Err(e) = result {
            log::warn!("restore stopped: {e}");
            last.finished = false;
        }
        slot.last = Some(last.clone());
        // The task is over: finished, stopped, or stopped by an error (the journal keeps the place).
        let _ = app.emit("restore-ended", &last);
    });
    Ok(first)
}

/// "Parar": stops between two templates (the journal keeps the place).
#[tauri::command]
pub async fn restore_cancel(state: State<'_, AppState>) -> CmdResult<()> {
    if let Some(tx) = state.restore.lock().unwrap().running.as_ref() {
        let _ = tx.send(true);
    }
    Ok(())
}

#[derive(Serialize)]
pub struct RestoreStatus {
    pub running: bool,
    pub progress: Option<Progress>,
    /// A restore left unfinished on disk (offer to go on).
    pub unfinished: bool,
}

/// For a redraw or a relaunch: is a restore running, and how far.
#[tauri::command]
pub async fn restore_state(state: State<'_, AppState>) -> CmdResult<RestoreStatus> {
    let (running, last) = {
        let slot = state.restore.lock().unwrap();
        (slot.running.is_some(), slot.last.clone())
    };
    let st = store(&state);
    let on_disk = blocking(move || st.load()).await?;
    Ok(RestoreStatus {
        running,
        progress: last.or_else(|| on_disk.as_ref().map(|r| r.progress(None))),
        unfinished: !running && on_disk.is_some_and(|r| r.finished_at.is_none()),
    })
}

/// The per-template report (HTML + JSON), where the admin chooses.
#[tauri::command]
pub async fn restore_report_save<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<Option<String>> {
    let st = store(&state);
    let r = blocking(move || st.load())
        .await?
        .ok_or_else(|| CommandError::new(ErrorCode::JourneyWrongStage, "no restore"))?;
    let name = format!("relatorio-restauracao-{}.html", r.id);
    let Some(path) = super::files::ask_save_path(&app, &name, ("HTML", &["html"])).await else {
        return Ok(None);
    };
    let english = state.settings.lock().unwrap().language.as_deref() == Some("en");
    let p = crate::restore::report::save_report(&r, &store(&state), &path, english)
        .map_err(|e| CommandError::new(ErrorCode::FileIo, e.to_string()))?;
    Ok(Some(super::files::remember(&state, p)))
}

/// Meta's own migration from the backup's source WABA into the previewed destination.
#[tauri::command]
pub async fn restore_migrate(state: State<'_, AppState>) -> CmdResult<MigrationReport> {
    let c = connected(&state).await?.0;
    let (dest, source, count) = {
        let slot = state.restore.lock().unwrap();
        let head = slot.file.as_ref().map(|(_, h)| h);
        let dest = slot.plan.as_ref().map(|(d, _, _)| d.clone());
        let source = head.and_then(|h| h.waba.id.clone());
        match (dest, source) {
            (Some(d), Some(s)) => (d, s, head.map_or(0, |h| h.template_count)),
            _ => {
                return Err(CommandError::new(
                    ErrorCode::JourneyWrongStage,
                    "no preview yet",
                ))
            }
        }
    };
    let source: WabaId = super::id(source)?;
    Ok(migrate_all(&c, &dest, &source, count).await?)
}
