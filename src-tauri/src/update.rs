//! Updates in the shell (`docs/updates.md`): which source this copy was published with, the
//! updater plugin registered only then, and the install itself (Tauri's updater: download,
//! minisign signature against the published key, then the platform's installer). Whether a
//! newer version exists and when an install may start are the core's (`waba_core::update`).

use serde_json::json;
use std::time::Duration;
use tauri::{AppHandle, Config, Runtime};
use waba_core::update::{Source, SourceError};

/// The source this copy was published with: `plugins.updater` of the config (the release
/// workflow writes the endpoint and the public key there when the publisher signs updates).
/// Debug builds (tests, `make run`) may take it from `WABA_REMOVER_UPDATE_URL` and
/// `WABA_REMOVER_UPDATE_PUBKEY`; a release build reads the config only.
pub fn source(config: &Config) -> Result<Source, SourceError> {
    #[cfg(debug_assertions)]
    if let Ok(url) = std::env::var("WABA_REMOVER_UPDATE_URL") {
        let key = std::env::var("WABA_REMOVER_UPDATE_PUBKEY").ok();
        return Source::new(Some(&url), key.as_deref());
    }
    let updater = config.plugins.0.get("updater");
    let endpoint = updater
        .and_then(|u| u.get("endpoints"))
        .and_then(|e| e.get(0))
        .and_then(|e| e.as_str());
    let pubkey = updater
        .and_then(|u| u.get("pubkey"))
        .and_then(|k| k.as_str());
    Source::new(endpoint, pubkey)
}

/// Makes the plugin's config agree with [`source`] (its endpoint and key, the Windows install
/// mode kept) and says whether this copy has updates: the plugin is registered only then (it
/// refuses to start without a key).
pub fn prepare(config: &mut Config) -> bool {
    let Ok(src) = source(config) else {
        return false;
    };
    let entry = config
        .plugins
        .0
        .entry("updater".to_owned())
        .or_insert_with(|| json!({}));
    if !entry.is_object() {
        *entry = json!({});
    }
    entry["pubkey"] = json!(src.pubkey());
    entry["endpoints"] = json!([src.endpoint().as_str()]);
    true
}

/// Why an install did not happen.
#[derive(Debug, thiserror::Error)]
pub enum InstallError {
    /// The package's signature does not match the published key: nothing was replaced.
    #[error("the package's signature was refused: {0}")]
    Signature(String),
    #[error("the download failed: {0}")]
    Network(String),
    /// The endpoint no longer offers the version the admin was shown.
    #[error("the version offered changed (now {0:?})")]
    Changed(Option<String>),
    #[error("the install failed: {0}")]
    Failed(String),
}

impl From<tauri_plugin_updater::Error> for InstallError {
    fn from(e: tauri_plugin_updater::Error) -> Self {
        use tauri_plugin_updater::Error as E;
        match e {
            E::Minisign(_)
            | E::Base64(_)
            | E::SignatureUtf8(_)
            | E::SignedVersionMismatch { .. }
            | E::MissingSignedVersion => InstallError::Signature(e.to_string()),
            E::Reqwest(_) | E::Network(_) => InstallError::Network(e.to_string()),
            other => InstallError::Failed(other.to_string()),
        }
    }
}

/// Downloads `version`, checks its signature and installs it (the app restarts afterwards,
/// when the admin says so). `progress` hears the bytes received and the size, when known.
pub async fn install<R: Runtime>(
    app: &AppHandle<R>,
    version: &str,
    mut progress: impl FnMut(u64, Option<u64>),
) -> Result<(), InstallError> {
    use tauri_plugin_updater::UpdaterExt;
    #[allow(unused_mut)]
    let mut builder = app.updater_builder().timeout(Duration::from_secs(600));
    // Tests install over a file of their own, never over the test program.
    #[cfg(debug_assertions)]
    if let Some(exe) = std::env::var_os("WABA_REMOVER_UPDATE_EXE") {
        builder = builder.executable_path(exe);
    }
    let update = builder.build()?.check().await?;
    let update = match update {
        Some(u) if u.version == version => u,
        other => return Err(InstallError::Changed(other.map(|u| u.version))),
    };
    let mut received = 0u64;
    update
        .download_and_install(
            |chunk, total| {
                received += chunk as u64;
                progress(received, total);
            },
            || {},
        )
        .await?;
    Ok(())
}
