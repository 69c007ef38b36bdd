//! The Tauri shell: plugins, shared state, the command handler. Nothing here knows Meta's rules.

use crate::state::AppState;
use std::path::PathBuf;
use tauri::{Manager, Runtime};

/// App dirs (data, config, log); debug builds may move them to a throwaway folder
/// (`WABA_REMOVER_DATA_DIR`, tests).
fn dirs<R: Runtime>(app: &tauri::App<R>) -> (PathBuf, PathBuf, PathBuf) {
    #[cfg(debug_assertions)]
    if let Ok(d) = std::env::var("WABA_REMOVER_DATA_DIR") {
        let d = PathBuf::from(d);
        return (d.join("data"), d.join("config"), d.join("logs"));
    }
    let p = app.path();
    let fallback = || PathBuf::from(".waba-remover");
    (
        p.app_data_dir().unwrap_or_else(|_| fallback()),
        p.app_config_dir().unwrap_or_else(|_| fallback()),
        p.app_log_dir().unwrap_or_else(|_| fallback().join("logs")),
    )
}

/// The app's state and commands on any runtime (the IPC tests use the mock runtime).
pub fn with_commands<R: Runtime>(b: tauri::Builder<R>) -> tauri::Builder<R> {
    with_commands_then(b, |_| {})
}

/// [`with_commands`], then `then` in the same setup (Tauri keeps one setup per builder).
fn with_commands_then<R: Runtime>(
    b: tauri::Builder<R>,
    then: impl FnOnce(&tauri::App<R>) + Send + 'static,
) -> tauri::Builder<R> {
    b.setup(|app| {
        let (data_dir, config_dir, _) = dirs(app);
        app.manage(AppState::new(data_dir, config_dir));
        then(app);
        Ok(())
    })
    .invoke_handler(crate::commands::handler())
}

/// The app's context (config, embedded UI), in one place: the window and the console's
/// `update --check` read the same config.
fn context() -> tauri::Context<tauri::Wry> {
    tauri::generate_context!()
}

/// The update source this copy was built with, for the console (`update --check`), which holds
/// no Tauri type.
pub fn update_source() -> Result<waba_core::update::Source, waba_core::update::SourceError> {
    crate::update::source(context().config())
}

pub fn run() {
    let mut context = context();
    // The updater only when this copy was published with a source (`crate::update`).
    let updates = crate::update::prepare(context.config_mut());
    let b = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .on_window_event(|w, e| {
            // The main window's place only: the login window closes through here too.
            if w.label() == crate::window_place::MAIN
                && matches!(e, tauri::WindowEvent::CloseRequested { .. })
            {
                let dir = w.state::<AppState>().config_dir.clone();
                crate::window_place::save(w, &dir);
            }
        });
    let b = if updates {
        b.plugin(tauri_plugin_updater::Builder::new().build())
    } else {
        b
    };
    // The log and the window's place are written by the app's own code, through
    // `waba_core::files` like every file it writes (`docs/security.md`, files).
    with_commands_then(b, |app| {
        let (_, config_dir, log_dir) = dirs(app);
        crate::log_file::install(&log_dir);
        if let Some(w) = app.get_webview_window(crate::window_place::MAIN) {
            crate::window_place::restore(&w, &config_dir);
        }
    })
    .run(context)
    .expect("error while running waba-remover");
}
