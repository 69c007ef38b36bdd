//! Meta's screens in the system browser. Only `https://business.facebook.com/` links of the
//! current journey are opened, and the screen is told whether the browser really opened.

use crate::error::{CmdResult, CommandError, ErrorCode};
use crate::state::AppState;
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;
use waba_core::removal::links;

/// Whether the browser opened, and the address to copy when it did not.
#[derive(Debug, Clone, Serialize)]
pub struct Opened {
    pub ok: bool,
    pub url: String,
}

pub(super) fn open<R: Runtime>(app: &AppHandle<R>, url: &str) -> Opened {
    let ok = links::allowed(url)
        && match test_browser(url).unwrap_or_else(|| app.opener().open_url(url, None::<&str>)) {
            Ok(()) => true,
            Err(e) => {
                log::warn!("the browser did not open: {e}");
                false
            }
        };
    Opened {
        ok,
        url: url.to_owned(),
    }
}

/// Debug builds only: `WABA_REMOVER_BROWSER_LOG` names a file where the tests' "browser" writes
/// each address it is asked to open (so the screens show what an admin sees when her browser
/// opens, and a test reads where it went); a file that cannot be written is a browser that did
/// not open. A release build always opens the system's browser.
pub(super) fn test_browser(url: &str) -> Option<Result<(), tauri_plugin_opener::Error>> {
    #[cfg(debug_assertions)]
    if let Some(path) = std::env::var_os("WABA_REMOVER_BROWSER_LOG") {
        use std::io::Write;
        let written = waba_core::files::append_private(std::path::Path::new(&path))
            .and_then(|mut f| writeln!(f, "{url}"));
        return Some(written.map_err(tauri_plugin_opener::Error::Io));
    }
    let _ = url;
    None
}

/// Opens one of Meta's screens for the current journey (without a journey: links without ids,
/// for the token guide).
#[tauri::command]
pub async fn open_link<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    which: String,
) -> CmdResult<Opened> {
    let target = state
        .journey
        .lock()
        .await
        .as_ref()
        .map(|j| j.journal().target.clone())
        .unwrap_or_default();
    let l = links::for_target(&target);
    let url = l
        .by_name(&which)
        .ok_or_else(|| CommandError::new(ErrorCode::LinkRefused, "unknown link"))?;
    Ok(open(&app, url))
}
