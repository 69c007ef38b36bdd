//! Screen 0: who the app talks to. Real mode reaches Meta's Graph host only (another host comes
//! from the environment, never from the web view), and a saved token is bound to its host.

use super::blocking;
use crate::error::{CmdResult, CommandError, ErrorCode};
use crate::state::{AppState, Connection, Settings};
use serde::Serialize;
use serde_json::{json, Value};
use tauri::State;
use waba_core::connection::Mode;
use waba_core::graph::{GraphClient, GraphConfig, DEFAULT_GRAPH_URL, DEFAULT_GRAPH_VERSION};
use waba_core::sandbox::Sandbox;
use waba_core::vault::{self, AccessToken, StoreKind};

#[derive(Serialize, Clone)]
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
    /// Until when a user token from "Entrar com o Facebook" is valid.
    pub expires_at: Option<chrono::DateTime<chrono::Utc>>,
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
        expires_at: c.and_then(|c| c.expires_at),
    }
}

/// A client for `token`: real mode's share the app's call ledger, so the hourly cap holds across
/// every client the app makes.
pub(super) fn client_for(
    state: &AppState,
    cfg: GraphConfig,
    token: AccessToken,
    mode: Mode,
) -> CmdResult<GraphClient> {
    Ok(match mode {
        Mode::Real => GraphClient::with_ledger(cfg, token, state.ledger.clone())?,
        Mode::Practice => GraphClient::new(cfg, token)?,
    })
}

/// Checks a token with Meta: who it is, which permissions it lacks. Real mode's clients share
/// the app's call ledger.
pub(super) async fn connect(
    state: &AppState,
    cfg: GraphConfig,
    token: AccessToken,
    mode: Mode,
    remembered: bool,
) -> CmdResult<Connection> {
    let client = client_for(state, cfg, token, mode)?;
    let id = client.identity().await?;
    Ok(Connection {
        mode,
        client,
        user_name: id.me.name,
        user_id: id.me.id,
        missing_permissions: id.missing_permissions,
        remembered,
        expires_at: None,
    })
}

/// The keyring entry for real mode's host.
pub(super) fn entry(cfg: &GraphConfig) -> String {
    cfg.keyring_entry()
}

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> CmdResult<Value> {
    // The page's first call: the start-up smoke test (CI on macOS) looks for this line.
    log::info!("ui booted: the page asked for app_info");
    let settings = state.settings.lock().unwrap().clone();
    let store = state.journal_store();
    let (resume, set_aside) = blocking(move || store.load_reporting()).await?;
    let resume = resume.filter(waba_core::removal::Journal::unfinished);
    Ok(json!({
        "version": env!("CARGO_PKG_VERSION"),
        "settings": settings,
        "graph_host": state.real_config().map(|c| c.host_key()).unwrap_or_default(),
        "defaults": {"graph_url": DEFAULT_GRAPH_URL, "graph_version": DEFAULT_GRAPH_VERSION},
        "resume": resume.map(|j| json!({"mode": j.mode, "stage": j.stage, "number": j.target.display_phone_number, "waba": j.target.waba_name,
            // The number is off WhatsApp (a disconnect sent, or of unknown outcome) and not yet
            // deleted: leaving this journey is asked first.
            "disconnected": j.disconnected_not_deleted()})),
        "journal_set_aside": set_aside.map(|p| p.display().to_string()),
        "facebook_login": waba_core::login::availability(
            state.real_config().map(|c| c.is_meta()).unwrap_or(true)
        ),
    }))
}

/// The damaged files the app set aside since it started (a journal, a restore's journal, the
/// practice company, the call ledger): each is named on screen, once the app has read them.
#[tauri::command]
pub async fn files_set_aside() -> CmdResult<Vec<String>> {
    Ok(waba_core::files::set_aside_so_far()
        .iter()
        .map(|p| p.display().to_string())
        .collect())
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
    adopt(&state, cfg, token, Mode::Real, remember, None).await
}

/// A token from the admin (pasted, or from "Entrar com o Facebook"): checked with Meta, kept in
/// the keyring when asked (real mode), and made the connection.
pub(super) async fn adopt(
    state: &AppState,
    cfg: GraphConfig,
    token: AccessToken,
    mode: Mode,
    remember: bool,
    expires_at: Option<chrono::DateTime<chrono::Utc>>,
) -> CmdResult<TokenStatus> {
    let name = entry(&cfg);
    let mut conn = connect(
        state,
        cfg,
        token.clone(),
        mode,
        remember && mode == Mode::Real,
    )
    .await?;
    conn.expires_at = expires_at;
    if mode == Mode::Real {
        if remember {
            blocking(move || vault::save(&name, &token)).await??;
            if let Err(e) = state.save_expiry(&entry_of(&conn), expires_at) {
                log::warn!("the token's expiry was not saved: {e}");
            }
        } else if let Err(e) = blocking(move || vault::forget(&name)).await? {
            // "This session only" must not leave an older saved token behind; with no usable
            // keyring there is nothing saved to forget.
            log::info!("no saved token forgotten: {e}");
        }
    }
    let mut guard = state.conn.lock().await;
    // The same account logging in again (an expired session) keeps its restore going; any other
    // connection stops it.
    let same = guard
        .as_ref()
        .is_some_and(|old| old.mode == conn.mode && old.binding() == conn.binding());
    if same {
        state.waits.cancel();
    } else {
        state.leave_connection();
    }
    *guard = Some(conn);
    if mode == Mode::Real {
        *state.sandbox.lock().await = None;
    }
    Ok(status_of(
        state,
        guard.as_ref(),
        remember && mode == Mode::Real,
    ))
}

fn entry_of(c: &Connection) -> String {
    entry(c.client.config())
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
            let expires_at = state.saved_expiry(&entry(&cfg));
            let mut conn = connect(&state, cfg, token, Mode::Real, true).await?;
            conn.expires_at = expires_at;
            *guard = Some(conn);
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

/// "Desconectar": forgets the saved token and the connection, and any Facebook session an
/// earlier version's login window left in the app's web data (the login window now keeps none).
#[tauri::command]
pub async fn token_forget<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<TokenStatus> {
    use tauri::Manager;
    if let Some(w) = app.get_webview_window("main") {
        if let Err(e) = w.clear_all_browsing_data() {
            log::warn!("the web data was not cleared: {e}");
        }
    }
    let name = entry(&state.real_config()?);
    if let Err(e) = state.save_expiry(&name, None) {
        log::warn!("the token's expiry was not forgotten: {e}");
    }
    blocking(move || vault::forget(&name)).await??;
    state.leave_connection();
    *state.conn.lock().await = None;
    Ok(status_of(&state, None, false))
}

/// The practice sandbox's config, starting it when none runs (its state kept).
pub(super) async fn practice_config(state: &AppState) -> CmdResult<GraphConfig> {
    let mut sb = state.sandbox.lock().await;
    if sb.is_none() {
        let started = Sandbox::for_practice(&state.data_dir, false)
            .await
            .map_err(|e| CommandError::new(ErrorCode::PracticeStart, e.to_string()))?;
        *sb = Some(started);
    }
    Ok(sb.as_ref().expect("started above").practice_config()?)
}

/// "Modo de treino": starts the built-in sandbox and connects to it. `fresh` starts the
/// fictional company over (a new rehearsal); otherwise its state is kept (resuming).
#[tauri::command]
pub async fn practice_start(
    state: State<'_, AppState>,
    fresh: Option<bool>,
) -> CmdResult<TokenStatus> {
    if fresh.unwrap_or(false) {
        let mut sb = state.sandbox.lock().await;
        *sb = None;
        let started = Sandbox::for_practice(&state.data_dir, true)
            .await
            .map_err(|e| CommandError::new(ErrorCode::PracticeStart, e.to_string()))?;
        *sb = Some(started);
    }
    let cfg = practice_config(&state).await?;
    let token = state
        .sandbox
        .lock()
        .await
        .as_ref()
        .expect("started above")
        .token();
    let conn = connect(&state, cfg, token, Mode::Practice, false).await?;
    let mut guard = state.conn.lock().await;
    let same = !fresh.unwrap_or(false)
        && guard
            .as_ref()
            .is_some_and(|old| old.mode == Mode::Practice && old.binding() == conn.binding());
    if same {
        state.waits.cancel();
    } else {
        state.leave_connection();
    }
    *guard = Some(conn);
    Ok(status_of(&state, guard.as_ref(), false))
}
