//! "Entrar com o Facebook": a second window on Meta's login dialog (`docs/meta-rules.md` §9).
//! The window gets no IPC (the capability names only the main window), may navigate only within
//! the login hosts, and its redirect to `login_success.html` is never loaded: Rust reads the token
//! from it and hands it to the vault exactly like a pasted one. The main window is told how it
//! ended through the `login-finished` event (the token's masked form at most).

use super::connection::{adopt, TokenStatus};
use crate::error::{CmdResult, CommandError, ErrorCode};
use crate::state::{AppState, PendingLogin};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime, State, WebviewUrl, WebviewWindowBuilder};
use waba_core::connection::Mode;
use waba_core::graph::{GraphConfig, NEEDED_PERMISSIONS};
use waba_core::login::{
    LoginOutcome, LoginRequest, Navigation, TokenCheckError, BUILD_APP_ID, META_DIALOG_BASE,
};

pub const LOGIN_WINDOW: &str = "fb-login";

/// How a login ended, for the main window.
#[derive(Serialize, Clone)]
struct LoginFinished {
    ok: bool,
    status: Option<TokenStatus>,
    error: Option<CommandError>,
}

/// Opens the login window. `practice`: the practice sandbox's own dialog (a rehearsal, no
/// keyring); otherwise Meta's (or a test host's). `rerequest`: asks only for the permissions the
/// current connection lacks.
#[tauri::command]
pub async fn facebook_login_start<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    practice: bool,
    remember: bool,
    rerequest: Option<bool>,
) -> CmdResult<()> {
    refuse_while_open(&app)?;
    let (mode, cfg, dialog, app_id) = login_target(&state, practice).await?;
    let missing = if rerequest == Some(true) {
        missing_permissions(&state).await
    } else {
        None
    };
    let scopes: Vec<&str> = missing
        .clone()
        .unwrap_or_else(|| NEEDED_PERMISSIONS.to_vec());
    let request = LoginRequest::new(
        &origin(&dialog),
        cfg.version(),
        app_id,
        &scopes,
        missing.is_some(),
    );
    let url = request.url.clone();
    reserve(
        &state,
        PendingLogin {
            request,
            mode,
            cfg,
            remember,
            app_id: app_id.to_owned(),
        },
    )?;
    open_login_window(&app, &state, url)
}

/// A login window already open is brought to the front, and the second start refused.
fn refuse_while_open<R: Runtime>(app: &AppHandle<R>) -> CmdResult<()> {
    match app.get_webview_window(LOGIN_WINDOW) {
        Some(w) => {
            let _ = w.set_focus();
            Err(CommandError::new(
                ErrorCode::LoginBusy,
                "a login window is open",
            ))
        }
        None => Ok(()),
    }
}

/// Where the login goes: the mode, its Graph configuration, the dialog's origin and the App ID
/// (Meta's host needs the build's; practice and a test host play the dialog with the sandbox's).
async fn login_target(
    state: &AppState,
    practice: bool,
) -> CmdResult<(Mode, GraphConfig, url::Url, &'static str)> {
    if practice {
        let cfg = super::connection::practice_config(state).await?;
        let base = cfg.base().clone();
        return Ok((Mode::Practice, cfg, base, waba_core::sandbox::seed::APP_ID));
    }
    let cfg = state.real_config()?;
    if !cfg.is_meta() {
        // A test host (set by the environment) plays Meta's dialog too.
        let base = cfg.base().clone();
        return Ok((Mode::Real, cfg, base, waba_core::sandbox::seed::APP_ID));
    }
    let Some(id) = BUILD_APP_ID else {
        return Err(CommandError::new(
            ErrorCode::LoginNoAppId,
            "no App ID in this build",
        ));
    };
    let dialog = url::Url::parse(META_DIALOG_BASE).expect("constant");
    Ok((Mode::Real, cfg, dialog, id))
}

/// The permissions the current connection lacks, asked again ("rerequest").
async fn missing_permissions(state: &AppState) -> Option<Vec<&'static str>> {
    state
        .conn
        .lock()
        .await
        .as_ref()
        .and_then(|c| c.missing_permissions.clone())
        .filter(|m| !m.is_empty())
}

/// One login at a time, decided under one lock: a second start never replaces the request the
/// open window answers to.
fn reserve(state: &AppState, login: PendingLogin) -> CmdResult<()> {
    let mut pending = state.login.lock().unwrap();
    if pending.is_some() {
        return Err(CommandError::new(
            ErrorCode::LoginBusy,
            "a login is going on",
        ));
    }
    *pending = Some(login);
    Ok(())
}

/// Meta's login dialog in a window of its own, each navigation checked; closing it ends the
/// login (and, with the shared store of tests, clears what it kept).
fn open_login_window<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    url: url::Url,
) -> CmdResult<()> {
    let nav_app = app.clone();
    let window = WebviewWindowBuilder::new(app, LOGIN_WINDOW, WebviewUrl::External(url))
        .title("Entrar com o Facebook")
        .inner_size(560.0, 720.0)
        // A private, ephemeral data store: the Facebook session ends with the window, so the
        // next person at this computer account is asked for their password.
        .incognito(ephemeral_store())
        .on_navigation(move |u| on_navigation(&nav_app, u))
        .build()
        .map_err(|e| {
            state.login.lock().unwrap().take();
            CommandError::new(ErrorCode::LinkFailed, e.to_string())
        })?;
    let closed_app = app.clone();
    window.on_window_event(move |e| {
        if matches!(e, tauri::WindowEvent::CloseRequested { .. }) && !ephemeral_store() {
            if let Some(w) = closed_app.get_webview_window(LOGIN_WINDOW) {
                let _ = w.clear_all_browsing_data();
            }
        }
        if matches!(e, tauri::WindowEvent::Destroyed) {
            let pending = closed_app.state::<AppState>().login.lock().unwrap().take();
            if pending.is_some() {
                tell(
                    &closed_app,
                    Err(CommandError::new(
                        ErrorCode::LoginClosed,
                        "the login window was closed",
                    )),
                );
            }
        }
    });
    Ok(())
}

/// The login window's own ephemeral store. Debug builds may use the shared, automatable store
/// instead (`WABA_REMOVER_LOGIN_SHARED_STORE`, for WebKitWebDriver, which drives one context only);
/// that store is then cleared when the login window closes.
fn ephemeral_store() -> bool {
    #[cfg(debug_assertions)]
    if std::env::var_os("WABA_REMOVER_LOGIN_SHARED_STORE").is_some() {
        return false;
    }
    true
}

/// Closes the login window; when it did not have its own ephemeral store, what it kept (the
/// Facebook session's cookies) is cleared first.
fn close_login_window<R: Runtime>(app: &AppHandle<R>) {
    if let Some(w) = app.get_webview_window(LOGIN_WINDOW) {
        if !ephemeral_store() {
            if let Err(e) = w.clear_all_browsing_data() {
                log::warn!("the login window's data was not cleared: {e}");
            }
        }
        let _ = w.close();
    }
}

fn origin(u: &url::Url) -> url::Url {
    let mut o = u.clone();
    o.set_path("/");
    o.set_query(None);
    o
}

/// Every navigation of the login window: allowed within the login hosts, refused elsewhere;
/// the redirect ends the login (never loaded).
fn on_navigation<R: Runtime>(app: &AppHandle<R>, u: &url::Url) -> bool {
    let state = app.state::<AppState>();
    let mut guard = state.login.lock().unwrap();
    let Some(pending) = guard.as_ref() else {
        return false;
    };
    match pending.request.classify(u) {
        Navigation::Allow => true,
        Navigation::Refuse => {
            log::warn!(
                "login window: a navigation to {} was refused",
                u.host_str().unwrap_or("?")
            );
            false
        }
        Navigation::Done(outcome) => {
            let pending = guard.take().expect("checked above");
            let app = app.clone();
            tauri::async_runtime::spawn(async move { finish(app, pending, outcome).await });
            false
        }
    }
}

async fn finish<R: Runtime>(app: AppHandle<R>, pending: PendingLogin, outcome: LoginOutcome) {
    close_login_window(&app);
    let result = match outcome {
        LoginOutcome::Token { token, expires_in } => {
            let expires_at = expires_in
                .map(|s| chrono::Utc::now() + chrono::Duration::seconds(s.min(90 * 86_400) as i64));
            let state = app.state::<AppState>();
            // Checked with Meta before it is kept: this build's app, a person's token.
            if let Err(e) = checked(&state, &pending, &token).await {
                tell(&app, Err(e));
                return;
            }
            adopt(
                &state,
                pending.cfg,
                token,
                pending.mode,
                pending.remember,
                expires_at,
            )
            .await
        }
        LoginOutcome::Denied => Err(CommandError::new(ErrorCode::LoginDenied, "login cancelled")),
        LoginOutcome::WrongState => Err(CommandError::new(
            ErrorCode::LoginWrongState,
            "the answer was not for this login",
        )),
        LoginOutcome::NoToken => Err(CommandError::new(
            ErrorCode::LoginNoToken,
            "no token in the answer",
        )),
    };
    tell(&app, result);
}

async fn checked(
    state: &AppState,
    pending: &PendingLogin,
    token: &waba_core::vault::AccessToken,
) -> CmdResult<()> {
    let client =
        super::connection::client_for(state, pending.cfg.clone(), token.clone(), pending.mode)?;
    waba_core::login::check_token(&client, &pending.app_id)
        .await
        .map_err(|e| match e {
            TokenCheckError::WrongApp => CommandError::new(ErrorCode::LoginWrongApp, e.to_string()),
            TokenCheckError::NotUserToken => {
                CommandError::new(ErrorCode::LoginNotUserToken, e.to_string())
            }
            TokenCheckError::Graph(g) => g.into(),
        })
}

fn tell<R: Runtime>(app: &AppHandle<R>, result: CmdResult<TokenStatus>) {
    let payload = match result {
        Ok(status) => LoginFinished {
            ok: true,
            status: Some(status),
            error: None,
        },
        Err(error) => LoginFinished {
            ok: false,
            status: None,
            error: Some(error),
        },
    };
    if let Err(e) = app.emit_to("main", super::events::LOGIN_FINISHED, payload) {
        log::warn!("login-finished not delivered: {e}");
    }
}
