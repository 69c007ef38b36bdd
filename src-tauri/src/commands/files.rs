//! Files the admin saves: the backup (with a readable copy of the templates), the receipt, the
//! calendar reminders, and "Abrir pasta" for them. The path comes from
//! the native save dialog (debug builds: `WABA_REMOVER_SAVE_DIR` skips it for tests); writing is
//! the core's (private, atomic, never over an existing file).

use super::links::Opened;
use super::{bound, connected, no_journey};
use crate::error::{CmdResult, CommandError, ErrorCode};
use crate::state::AppState;
use std::path::PathBuf;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;
use waba_core::removal::{calendar, receipt};
use waba_core::steps::backup::BackupSummary;

/// A path from the save dialog; `None` when the admin cancelled.
pub(super) async fn ask_save_path<R: Runtime>(
    app: &AppHandle<R>,
    default_name: &str,
    filter: (&str, &[&str]),
) -> Option<PathBuf> {
    #[cfg(debug_assertions)]
    if let Ok(dir) = std::env::var("WABA_REMOVER_SAVE_DIR") {
        return Some(waba_core::files::free_name(
            &PathBuf::from(dir).join(default_name),
        ));
    }
    let (tx, rx) = tokio::sync::oneshot::channel();
    let mut dialog = app.dialog().file();
    // Saved files start in the app's own folder inside the admin's Documents, where they look
    // for them later.
    if let Some(dir) = saves_folder(app) {
        dialog = dialog.set_directory(dir);
    }
    dialog
        .set_file_name(default_name)
        .add_filter(filter.0, filter.1)
        .save_file(move |p| {
            let _ = tx.send(p.and_then(|p| p.into_path().ok()));
        });
    // Saving never overwrites (`docs/security.md`): even when the system's dialog agreed to
    // replace a file, the app writes beside it under a free numbered name and shows that name.
    rx.await
        .ok()
        .flatten()
        .map(|p| waba_core::files::free_name(&p))
}

/// The folder backups, receipts, reports and cards are saved in by default: "Remover número da
/// BM" inside the user's Documents (created, private, when missing). `None` when the system has no
/// Documents folder.
pub(super) fn saves_folder<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    let dir = app.path().document_dir().ok()?.join(SAVES_FOLDER);
    waba_core::files::create_private_dir(&dir).ok()?;
    Some(dir)
}

/// The name of the app's folder in Documents (the menu entry's name too).
pub const SAVES_FOLDER: &str = "Remover número da BM";

fn io_err(e: std::io::Error) -> CommandError {
    CommandError::new(ErrorCode::FileIo, e.to_string())
}

/// Notes a file this app wrote, so that "Abrir pasta" may show it; returns its path as text.
pub(super) fn remember(state: &AppState, path: PathBuf) -> String {
    let text = path.display().to_string();
    state.saved_files.lock().unwrap().push(path);
    text
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
    let summary = j.backup(&c, &path).await?;
    remember(&state, summary.path.clone());
    if let Some(html) = &summary.html_path {
        remember(&state, html.clone());
    }
    Ok(Some(summary))
}

async fn journal(state: &AppState) -> CmdResult<waba_core::removal::Journal> {
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
    Ok(Some(remember(&state, p)))
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
    match calendar::save_reminder(&j, &path) {
        Some(r) => Ok(Some(remember(&state, r.map_err(io_err)?))),
        None => Err(CommandError::new(
            ErrorCode::JourneyWrongStage,
            "no removal date",
        )),
    }
}

/// Screen 4: a proven 30-day block (a paid message, Meta's data) cannot be overridden; the admin
/// saves a calendar reminder for the day the rule ends, and comes back then.
#[tauri::command]
pub async fn checks_reminder_save<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<Option<String>> {
    let j = journal(&state).await?;
    let (Some(day), Some(ics)) = (
        calendar::deletable_from(&j),
        calendar::deletable_from_ics(&j),
    ) else {
        return Err(CommandError::new(
            ErrorCode::JourneyWrongStage,
            "no proven 30-day block",
        ));
    };
    let name = format!("lembrete-excluir-numero-{day}.ics");
    let Some(path) = ask_save_path(&app, &name, ("Calendário", &["ics"])).await else {
        return Ok(None);
    };
    let p = calendar::save(&ics, &path).map_err(io_err)?;
    Ok(Some(remember(&state, p)))
}

/// "Abrir pasta": shows a file this app saved in this session in the system's file manager.
/// Any other path is refused (the web view is not trusted to name files).
#[tauri::command]
pub async fn folder_open<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
) -> CmdResult<Opened> {
    let path = PathBuf::from(path);
    if !state.saved_files.lock().unwrap().contains(&path) {
        return Err(CommandError::new(
            ErrorCode::FileNotSavedHere,
            "not a file saved by this app",
        ));
    }
    let folder = path.parent().unwrap_or(&path).display().to_string();
    let shown = super::links::test_browser(&format!("file://{}", path.display()))
        .unwrap_or_else(|| app.opener().reveal_item_in_dir(&path));
    let ok = match shown {
        Ok(()) => true,
        Err(e) => {
            log::warn!("the folder did not open: {e}");
            false
        }
    };
    Ok(Opened { ok, url: folder })
}

/// The move path: the migration card as a text file for the new provider (never a token).
#[tauri::command]
pub async fn move_card_save<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<Option<String>> {
    let card = {
        let (_, mode, binding) = connected(&state).await?;
        let mut g = state.journey.lock().await;
        bound(&mut g, mode, &binding)?.move_card()?
    };
    let Some(path) = ask_save_path(&app, &card.file_name, ("Texto", &["txt"])).await else {
        return Ok(None);
    };
    let p = waba_core::files::free_name(&path);
    waba_core::files::write_atomic(&p, card.text.as_bytes()).map_err(io_err)?;
    Ok(Some(remember(&state, p)))
}
