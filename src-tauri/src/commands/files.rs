//! Files the admin saves: the backup, the receipt, the calendar reminder. The path comes from
//! the native save dialog (debug builds: `WABA_REMOVER_SAVE_DIR` skips it for tests); writing is
//! the core's (private, atomic, never over an existing file).

use super::{bound, connected, no_journey};
use crate::error::{CmdResult, CommandError, ErrorCode};
use crate::removal::backup::BackupSummary;
use crate::removal::receipt;
use crate::state::AppState;
use std::path::PathBuf;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;

/// A path from the save dialog; `None` when the admin cancelled.
async fn ask_save_path<R: Runtime>(
    app: &AppHandle<R>,
    default_name: &str,
    filter: (&str, &[&str]),
) -> Option<PathBuf> {
    #[cfg(debug_assertions)]
    if let Ok(dir) = std::env::var("WABA_REMOVER_SAVE_DIR") {
        return Some(crate::removal::files::free_name(
            &PathBuf::from(dir).join(default_name),
        ));
    }
    let (tx, rx) = tokio::sync::oneshot::channel();
    let mut dialog = app.dialog().file();
    // Saved files start in the admin's Documents folder, where they look for them later.
    if let Ok(docs) = app.path().document_dir() {
        dialog = dialog.set_directory(docs);
    }
    dialog
        .set_file_name(default_name)
        .add_filter(filter.0, filter.1)
        .save_file(move |p| {
            let _ = tx.send(p.and_then(|p| p.into_path().ok()));
        });
    rx.await.ok().flatten()
}

fn io_err(e: std::io::Error) -> CommandError {
    CommandError::new(ErrorCode::FileIo, e.to_string())
}

/// Screen 5: asks where to save, writes, reads back. `null` when the dialog was cancelled.
#[tauri::command]
pub async fn backup_save<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<Option<BackupSummary>> {
    let (c, mode, binding) = connected(&state).await?;
    let name = {
        let mut g = state.journey.lock().await;
        bound(&mut g, mode, &binding)?.backup_file_name()
    };
    let Some(path) = ask_save_path(&app, &name, ("JSON", &["json"])).await else {
        return Ok(None);
    };
    let mut g = state.journey.lock().await;
    let j = bound(&mut g, mode, &binding)?;
    Ok(Some(j.backup(&c, &path).await?))
}

async fn journal(state: &AppState) -> CmdResult<crate::removal::Journal> {
    let g = state.journey.lock().await;
    Ok(g.as_ref().ok_or_else(no_journey)?.journal().clone())
}

/// Screen 8: the receipt as HTML (readable) and JSON beside it. Returns the HTML path.
#[tauri::command]
pub async fn receipt_save<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<Option<String>> {
    let j = journal(&state).await?;
    let name = format!("comprovante-remocao-{}.html", j.id);
    let Some(path) = ask_save_path(&app, &name, ("HTML", &["html"])).await else {
        return Ok(None);
    };
    let p = receipt::save_receipt(&j, &path).map_err(io_err)?;
    Ok(Some(p.display().to_string()))
}

/// Screen 8: the "free to move" reminder as an `.ics` file.
#[tauri::command]
pub async fn reminder_save<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<Option<String>> {
    let j = journal(&state).await?;
    if j.number_removed.is_none() {
        return Err(CommandError::new(
            ErrorCode::JourneyWrongStage,
            "the number is not removed yet",
        ));
    }
    let Some(path) =
        ask_save_path(&app, "lembrete-numero-livre.ics", ("Calendário", &["ics"])).await
    else {
        return Ok(None);
    };
    match receipt::save_reminder(&j, &path) {
        Some(r) => Ok(Some(r.map_err(io_err)?.display().to_string())),
        None => Err(CommandError::new(
            ErrorCode::JourneyWrongStage,
            "no removal date",
        )),
    }
}
