//! Screen 0: who the app talks to. Real mode reaches Meta's Graph host only (another host comes
//! from the environment, never from the web view), and a saved token is bound to its host.

use super::blocking;
use crate::error::{CmdResult, CommandError, ErrorCode};
use crate::graph::{GraphClient, GraphConfig, DEFAULT_GRAPH_URL, DEFAULT_GRAPH_VERSION};
use crate::removal::Mode;
use crate::sandbox::Sandbox;
use crate::state::{AppState, Connection, Settings};
use crate::vault::{self, AccessToken, StoreKind};
use serde::Serialize;
use serde_json::{json, Value};
use tauri::State;

#[derive(Serialize)]
pub struct TokenStatus {
    pub connected: bool,
    pub mode: Option<Mode>,
    pub masked: Option<String>,
    pub user_name: Option<String>,
    /// `None`: not known (Meta would not list them, or not connected).
    pub missing_permissions: Option<Vec<&'static str>>,
    pub saved: bool,
    pub store: Option<StoreKind>,
    /// False on the kernel keyring: the token will not survive a reboot.
    pub persistent: bool,
    /// The Graph host real mode talks to.
    pub host: String,
    /// The environment points the app at another host than Meta's, and the token saved for
    /// Meta is not sent there: a token for that host must be pasted.
    pub other_host_token_withheld: bool,
    /// Why the keyring could not be read, when it could not.
    pub vault_error: Option<CommandError>,
}

fn status_of(state: &AppState, c: Option<&Connection>, saved: bool) -> TokenStatus {
    let store = vault::chosen_store().ok();
    let cfg = state.real_config().ok();
    TokenStatus {
        connected: c.is_some(),
        mode: c.map(|c| c.mode),
        masked: c.map(|c| c.client.token_masked()),
        user_name: c.and_then(|c| c.user_name.clone()),
        missing_permissions: c.and_then(|c| c.missing_permissions.clone()),
        saved,
        store,
        persistent: store.is_some_and(StoreKind::persistent),
        host: cfg.as_ref().map_or_else(String::new, GraphConfig::host_key),
        other_host_token_withheld: false,
        vault_error: None,
    }
}

/// Checks a token with Meta: who it is, which permissions it lacks. Real mode's clients share
/// the app's call ledger.
async fn connect(
    state: &AppState,
    cfg: GraphConfig,
    token: AccessToken,
    mode: Mode,
    remembered: bool,
) -> CmdResult<Connection> {
    let client = match mode {
        Mode::Real => GraphClient::with_ledger(cfg, token, state.ledger.clone())?,
        Mode::Practice => GraphClient::new(cfg, token)?,
    };
    let id = client.identity().await?;
    Ok(Connection {
        mode,
        client,
        user_name: id.me.name,
        user_id: id.me.id,
        missing_permissions: id.missing_permissions,
        remembered,
    })
}

/// The keyring entry for real mode's host.
fn entry(cfg: &GraphConfig) -> String {
    vault::entry_for_host(&cfg.host_key(), cfg.is_meta())
}

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> CmdResult<Value> {
    let settings = state.settings.lock().unwrap().clone();
    let store = state.journal_store();
    let (resume, set_aside) = blocking(move || store.load_reporting()).await?;
    let resume = resume.filter(crate::removal::Journal::unfinished);
    Ok(json!({
        "version": env!("CARGO_PKG_VERSION"),
        "settings": settings,
        "graph_host": state.real_config().map(|c| c.host_key()).unwrap_or_default(),
        "defaults": {"graph_url": DEFAULT_GRAPH_URL, "graph_version": DEFAULT_GRAPH_VERSION},
        "resume": resume.map(|j| json!({"mode": j.mode, "stage": j.stage, "number": j.target.display_phone_number, "waba": j.target.waba_name})),
        "journal_set_aside": set_aside.map(|p| p.display().to_string()),
    }))
}

/// Language and Graph version. Unknown fields (an old `graph_url`) are ignored: the web view
/// cannot choose where the token goes.
#[tauri::command]
pub async fn settings_set(state: State<'_, AppState>, settings: Settings) -> CmdResult<Settings> {
    GraphConfig::real(settings.graph_version.as_deref())?;
    *state.settings.lock().unwrap() = settings.clone();
    state
        .save_settings()
        .map_err(|e| CommandError::new(ErrorCode::SettingsIo, e.to_string()))?;
    Ok(settings)
}

/// Checks a pasted token with Meta, keeps it in the keyring (bound to the host) when asked.
#[tauri::command]
pub async fn token_save(
    state: State<'_, AppState>,
    token: String,
    remember: bool,
) -> CmdResult<TokenStatus> {
    let token = AccessToken::parse(&token)?;
    let cfg = state.real_config()?;
    let name = entry(&cfg);
    let conn = connect(&state, cfg, token.clone(), Mode::Real, remember).await?;
    if remember {
        blocking(move || vault::save(&name, &token)).await??;
    } else if let Err(e) = blocking(move || vault::forget(&name)).await? {
        // "This session only" must not leave an older saved token behind; with no usable
        // keyring there is nothing saved to forget.
        log::info!("no saved token forgotten: {e}");
    }
    state.waits.cancel();
    let mut guard = state.conn.lock().await;
    *guard = Some(conn);
    *state.sandbox.lock().await = None;
    Ok(status_of(&state, guard.as_ref(), remember))
}

/// The current connection; on start, connects with the token saved for this host, if any.
#[tauri::command]
pub async fn token_status(state: State<'_, AppState>) -> CmdResult<TokenStatus> {
    let mut guard = state.conn.lock().await;
    if let Some(c) = guard.as_ref() {
        let saved = c.remembered;
        return Ok(status_of(&state, Some(c), saved));
    }
    let cfg = state.real_config()?;
    let name = entry(&cfg);
    match blocking(move || vault::load(&name)).await? {
        Ok(Some(token)) => {
            *guard = Some(connect(&state, cfg, token, Mode::Real, true).await?);
            Ok(status_of(&state, guard.as_ref(), true))
        }
        Ok(None) => {
            let mut s = status_of(&state, None, false);
            if !cfg.is_meta() {
                let meta = vault::entry_for_host("", true);
                s.other_host_token_withheld =
                    matches!(blocking(move || vault::load(&meta)).await?, Ok(Some(_)));
            }
            Ok(s)
        }
        Err(e) => {
            let mut s = status_of(&state, None, false);
            s.vault_error = Some(e.into());
            Ok(s)
        }
    }
}

/// "Desconectar": forgets the saved token and the connection.
#[tauri::command]
pub async fn token_forget(state: State<'_, AppState>) -> CmdResult<TokenStatus> {
    let name = entry(&state.real_config()?);
    blocking(move || vault::forget(&name)).await??;
    state.waits.cancel();
    *state.conn.lock().await = None;
    Ok(status_of(&state, None, false))
}

/// "Modo de treino": starts the built-in sandbox and connects to it. `fresh` starts the
/// fictional company over (a new rehearsal); otherwise its state is kept (resuming).
#[tauri::command]
pub async fn practice_start(
    state: State<'_, AppState>,
    fresh: Option<bool>,
) -> CmdResult<TokenStatus> {
    let fresh = fresh.unwrap_or(false);
    let mut sb = state.sandbox.lock().await;
    if fresh || sb.is_none() {
        *sb = None;
        let started = Sandbox::for_practice(&state.data_dir, fresh)
            .await
            .map_err(|e| CommandError::new(ErrorCode::PracticeStart, e.to_string()))?;
        *sb = Some(started);
    }
    let s = sb.as_ref().expect("started above");
    let cfg = GraphConfig::new(&s.url(), s.version())?;
    let conn = connect(&state, cfg, s.token(), Mode::Practice, false).await?;
    state.waits.cancel();
    let mut guard = state.conn.lock().await;
    *guard = Some(conn);
    Ok(status_of(&state, guard.as_ref(), false))
}
