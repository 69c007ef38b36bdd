//! Where the app keeps its data on this computer: the folder Tauri names the app's data folder
//! (the system's data folder + the bundle identifier: `~/.local/share/br.com.wabaremover` on
//! Linux, `%APPDATA%\br.com.wabaremover` on Windows, `~/Library/Application
//! Support/br.com.wabaremover` on macOS). The support console uses it too, so the window, its
//! batch and the console share one call ledger and one ledger per number
//! (`docs/security.md`, the shared ledgers).

use std::path::PathBuf;

/// The bundle identifier of `tauri.conf.json` (a test holds the two equal).
pub const IDENTIFIER: &str = "br.com.wabaremover";

/// The app's data folder; `None` when the system names no data folder. Debug builds only:
/// `WABA_REMOVER_DATA_DIR` moves it to `<that>/data` (tests), as it does for the window.
pub fn app_data_dir() -> Option<PathBuf> {
    #[cfg(debug_assertions)]
    if let Some(d) = std::env::var_os("WABA_REMOVER_DATA_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d).join("data"));
    }
    dirs::data_dir().map(|d| d.join(IDENTIFIER))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_identifier_is_the_apps() {
        let conf: serde_json::Value =
            serde_json::from_str(include_str!("../../../tauri.conf.json"))
                .expect("tauri.conf.json");
        assert_eq!(conf["identifier"], super::IDENTIFIER);
    }
}
