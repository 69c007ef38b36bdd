//! The Tauri shell: plugins, shared state, the command handler. Nothing here knows Meta's rules.

use crate::state::AppState;
use std::path::PathBuf;
use tauri::{Manager, Runtime};

/// App dirs; debug builds may move them to a throwaway folder (`WABA_REMOVER_DATA_DIR`, tests).
fn dirs<R: Runtime>(app: &tauri::App<R>) -> (PathBuf, PathBuf) {
    #[cfg(debug_assertions)]
    if let Ok(d) = std::env::var("WABA_REMOVER_DATA_DIR") {
        let d = PathBuf::from(d);
        return (d.join("data"), d.join("config"));
    }
    let p = app.path();
    (
        p.app_data_dir()
            .unwrap_or_else(|_| PathBuf::from(".waba-remover")),
        p.app_config_dir()
            .unwrap_or_else(|_| PathBuf::from(".waba-remover")),
    )
}

/// The app's state and commands on any runtime (the IPC tests use the mock runtime).
pub fn with_commands<R: Runtime>(b: tauri::Builder<R>) -> tauri::Builder<R> {
    b.setup(|app| {
        let (data_dir, config_dir) = dirs(app);
        app.manage(AppState::new(data_dir, config_dir));
        Ok(())
    })
    .invoke_handler(crate::commands::handler())
}

pub fn run() {
    let log = tauri_plugin_log::Builder::new()
        .level(log::LevelFilter::Info)
        .max_file_size(512 * 1024)
        .rotation_strategy(tauri_plugin_log::RotationStrategy::KeepSome(5))
        .targets([
            tauri_plugin_log::Target::new(tauri_plugin_log::TargetKind::LogDir { file_name: None }),
            tauri_plugin_log::Target::new(tauri_plugin_log::TargetKind::Stdout),
        ])
        .build();

    let b = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.set_focus();
            }
        }))
        .plugin(log)
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init());
    with_commands(b)
        .run(tauri::generate_context!())
        .expect("error while running waba-remover");
}
