//! The Tauri shell: plugins, shared state, settings. Nothing here knows Meta's rules.

use crate::graph::{GraphClient, GraphConfig};
use crate::removal::{JournalStore, Journey, Mode};
use crate::sandbox::Sandbox;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use tauri::Manager;

/// Preferences kept between runs (`settings.json` in the config dir; no secret).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Settings {
    /// `pt-BR` (default) or `en`.
    #[serde(default)]
    pub language: Option<String>,
    /// Advanced: another Graph host (support).
    #[serde(default)]
    pub graph_url: Option<String>,
    /// Advanced: another Graph version.
    #[serde(default)]
    pub graph_version: Option<String>,
}

/// The live connection: a Graph client and who the token is.
pub struct Connection {
    pub mode: Mode,
    pub client: GraphClient,
    pub user_name: Option<String>,
    /// `None`: Meta would not list the token's permissions.
    pub missing_permissions: Option<Vec<&'static str>>,
    /// Whether the token is saved in the keyring (real mode).
    pub remembered: bool,
}

pub struct AppState {
    pub conn: tokio::sync::Mutex<Option<Connection>>,
    pub journey: tokio::sync::Mutex<Option<Journey>>,
    pub sandbox: tokio::sync::Mutex<Option<Sandbox>>,
    pub cancel: std::sync::Mutex<Option<tokio::sync::watch::Sender<bool>>>,
    pub settings: std::sync::Mutex<Settings>,
    /// Links of the current journey, readable while a long poll holds the journey.
    pub links: std::sync::Mutex<Option<crate::removal::links::Links>>,
    pub data_dir: PathBuf,
    pub config_dir: PathBuf,
}

impl AppState {
    pub fn journal_store(&self) -> JournalStore {
        JournalStore::new(self.data_dir.clone())
    }

    pub fn graph_config(&self) -> Result<GraphConfig, crate::graph::GraphError> {
        let s = self.settings.lock().unwrap().clone();
        GraphConfig::resolve(s.graph_url.as_deref(), s.graph_version.as_deref())
    }

    pub fn save_settings(&self) -> std::io::Result<()> {
        let s = self.settings.lock().unwrap().clone();
        std::fs::create_dir_all(&self.config_dir)?;
        crate::removal::journal::write_atomic(
            &self.config_dir.join("settings.json"),
            &serde_json::to_vec_pretty(&s)?,
        )
    }
}

fn load_settings(dir: &std::path::Path) -> Settings {
    std::fs::read(dir.join("settings.json"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// Overridable app dirs, so tests run in throwaway folders (`WABA_REMOVER_DATA_DIR`).
fn dirs(app: &tauri::App) -> (PathBuf, PathBuf) {
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

    tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.set_focus();
            }
        }))
        .plugin(log)
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            let (data_dir, config_dir) = dirs(app);
            let settings = load_settings(&config_dir);
            app.manage(AppState {
                conn: Default::default(),
                journey: Default::default(),
                sandbox: Default::default(),
                cancel: Default::default(),
                settings: std::sync::Mutex::new(settings),
                links: Default::default(),
                data_dir,
                config_dir,
            });
            Ok(())
        })
        .invoke_handler(crate::commands::handler())
        .run(tauri::generate_context!())
        .expect("error while running waba-remover");
}
