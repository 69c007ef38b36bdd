//! Thin Tauri commands: decode input, call the core, encode `{code, message, details}` errors.
//! The web view never receives a token: only its masked form.

use crate::app::{AppState, Connection, Settings};
use crate::error::{CmdResult, CommandError};
use crate::graph::model::{Business, PhoneNumber, Waba};
use crate::graph::{GraphClient, GraphConfig};
use crate::removal::{
    backup, links, receipt, CheckId, ChecksReport, Journal, Journey, Mode, Pace, WabaStepInfo,
};
use crate::sandbox::{Sandbox, SandboxOptions};
use crate::vault::{self, AccessToken, StoreKind, DEFAULT_CONNECTION};
use serde::Serialize;
use serde_json::{json, Value};
use std::path::PathBuf;
use tauri::{AppHandle, Emitter, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        app_info,
        settings_set,
        token_save,
        token_status,
        token_forget,
        practice_start,
        journey_state,
        journey_start,
        journey_close,
        list_businesses,
        list_wabas,
        list_numbers,
        choose_business,
        choose_waba,
        choose_number,
        checks_run,
        checks_confirm,
        backup_save,
        backup_skip,
        number_confirm,
        practice_number_delete,
        number_wait,
        wait_cancel,
        waba_info,
        waba_unsubscribe_app,
        waba_skip,
        waba_confirm,
        practice_waba_remove,
        waba_wait,
        receipt_save,
        reminder_save,
        open_link,
    ]
}

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
    /// Why the keyring could not be read, when it could not.
    pub vault_error: Option<CommandError>,
}

fn status_of(
    c: Option<&Connection>,
    saved: bool,
    vault_error: Option<CommandError>,
) -> TokenStatus {
    let store = vault::chosen_store().ok();
    TokenStatus {
        connected: c.is_some(),
        mode: c.map(|c| c.mode),
        masked: c.map(|c| c.client.token_masked()),
        user_name: c.and_then(|c| c.user_name.clone()),
        missing_permissions: c.and_then(|c| c.missing_permissions.clone()),
        saved,
        store,
        persistent: store.is_some_and(StoreKind::persistent),
        vault_error,
    }
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> CmdResult<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| CommandError::new("internal", e.to_string()))
}

/// Validates a token against Graph: who it is, which permissions it lacks.
async fn connect(
    cfg: GraphConfig,
    token: AccessToken,
    mode: Mode,
    remembered: bool,
) -> CmdResult<Connection> {
    let client = GraphClient::new(cfg, token)?;
    let id = client.identity().await?;
    Ok(Connection {
        mode,
        client,
        user_name: id.me.name,
        missing_permissions: id.missing_permissions,
        remembered,
    })
}

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> CmdResult<Value> {
    let settings = state.settings.lock().unwrap().clone();
    let store = state.journal_store();
    let resume = blocking(move || store.load())
        .await?
        .filter(Journal::unfinished);
    Ok(json!({
        "version": env!("CARGO_PKG_VERSION"),
        "settings": settings,
        "defaults": {"graph_url": crate::graph::DEFAULT_GRAPH_URL, "graph_version": crate::graph::DEFAULT_GRAPH_VERSION},
        "resume": resume.map(|j| json!({"mode": j.mode, "stage": j.stage, "number": j.target.display_phone_number, "waba": j.target.waba_name})),
    }))
}

#[tauri::command]
pub async fn settings_set(state: State<'_, AppState>, settings: Settings) -> CmdResult<Settings> {
    // Refuse a Graph address or version the client would refuse, before saving it.
    GraphConfig::resolve(
        settings.graph_url.as_deref(),
        settings.graph_version.as_deref(),
    )?;
    *state.settings.lock().unwrap() = settings.clone();
    state
        .save_settings()
        .map_err(|e| CommandError::new("settings.io", e.to_string()))?;
    Ok(settings)
}

/// Screen 0: checks a pasted token with Meta, keeps it in the keyring when asked.
#[tauri::command]
pub async fn token_save(
    state: State<'_, AppState>,
    token: String,
    remember: bool,
) -> CmdResult<TokenStatus> {
    let token = AccessToken::parse(&token)?;
    let conn = connect(state.graph_config()?, token.clone(), Mode::Real, remember).await?;
    if remember {
        blocking(move || vault::save(DEFAULT_CONNECTION, &token)).await??;
    } else {
        // A token used "for this session only" must not leave an older saved one behind. Best
        // effort: with no usable keyring there is nothing saved to forget.
        if let Err(e) = blocking(|| vault::forget(DEFAULT_CONNECTION)).await? {
            log::info!("no saved token forgotten: {e}");
        }
    }
    let mut guard = state.conn.lock().await;
    *guard = Some(conn);
    *state.sandbox.lock().await = None;
    Ok(status_of(guard.as_ref(), remember, None))
}

/// The current connection; on start, connects with a saved token when there is one.
#[tauri::command]
pub async fn token_status(state: State<'_, AppState>) -> CmdResult<TokenStatus> {
    let mut guard = state.conn.lock().await;
    if guard.is_some() {
        let saved = guard.as_ref().is_some_and(|c| c.remembered);
        return Ok(status_of(guard.as_ref(), saved, None));
    }
    match blocking(|| vault::load(DEFAULT_CONNECTION)).await? {
        Ok(Some(token)) => {
            let conn = connect(state.graph_config()?, token, Mode::Real, true).await?;
            *guard = Some(conn);
            Ok(status_of(guard.as_ref(), true, None))
        }
        Ok(None) => Ok(status_of(None, false, None)),
        Err(e) => Ok(status_of(None, false, Some(e.into()))),
    }
}

/// "Desconectar": forgets the saved token and the connection.
#[tauri::command]
pub async fn token_forget(state: State<'_, AppState>) -> CmdResult<TokenStatus> {
    blocking(|| vault::forget(DEFAULT_CONNECTION)).await??;
    *state.conn.lock().await = None;
    Ok(status_of(None, false, None))
}

/// "Modo de treino": starts the built-in sandbox and connects to it. `fresh` starts the
/// fictional company over (a new rehearsal); otherwise its state is kept (resuming).
#[tauri::command]
pub async fn practice_start(
    state: State<'_, AppState>,
    fresh: Option<bool>,
) -> CmdResult<TokenStatus> {
    let mut sb = state.sandbox.lock().await;
    let world = state.data_dir.join("practice-world.json");
    if fresh.unwrap_or(false) {
        *sb = None;
        match std::fs::remove_file(&world) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(CommandError::new("journal.io", e.to_string()))
            }
            _ => {}
        }
    }
    if sb.is_none() {
        std::fs::create_dir_all(&state.data_dir)
            .map_err(|e| CommandError::new("journal.io", e.to_string()))?;
        let opts = SandboxOptions {
            state_file: Some(world),
            manual_delay: std::time::Duration::from_secs(3),
            ..SandboxOptions::default()
        };
        *sb = Some(
            Sandbox::start(opts)
                .await
                .map_err(|e| CommandError::new("practice.start", e.to_string()))?,
        );
    }
    let s = sb.as_ref().expect("started above");
    let cfg = GraphConfig::new(&s.url(), s.version())?;
    let conn = connect(cfg, s.token(), Mode::Practice, false).await?;
    let mut guard = state.conn.lock().await;
    *guard = Some(conn);
    Ok(status_of(guard.as_ref(), false, None))
}
async fn client(state: &State<'_, AppState>) -> CmdResult<(GraphClient, Mode)> {
    let g = state.conn.lock().await;
    let c = g
        .as_ref()
        .ok_or_else(|| CommandError::new("connection.none", "not connected"))?;
    Ok((c.client.clone(), c.mode))
}

/// The journey as the UI shows it (the journal holds no secret).
#[derive(Serialize)]
pub struct JourneyView {
    pub journal: Journal,
    pub last4_len: usize,
    pub links: Option<links::Links>,
    pub skip_backup_phrase: &'static str,
}

fn view(j: &Journey) -> JourneyView {
    let t = &j.journal().target;
    let l = match (&t.business_id, &t.waba_id) {
        (Some(b), Some(w)) => Some(links::links(b, w)),
        (Some(b), None) => Some(links::links(b, "")),
        _ => None,
    };
    JourneyView {
        journal: j.journal().clone(),
        last4_len: 4,
        links: l,
        skip_backup_phrase: crate::removal::SKIP_BACKUP_PHRASE,
    }
}

#[tauri::command]
pub async fn journey_state(state: State<'_, AppState>) -> CmdResult<Option<JourneyView>> {
    let mut g = state.journey.lock().await;
    if g.is_none() {
        let store = state.journal_store();
        *g = blocking(move || Journey::resume(store)).await?;
    }
    Ok(g.as_ref().map(view))
}

/// Starts a new journey in the current mode (an unfinished one is archived, never lost).
#[tauri::command]
pub async fn journey_start(state: State<'_, AppState>) -> CmdResult<JourneyView> {
    let (_, mode) = client(&state).await?;
    let mut g = state.journey.lock().await;
    if let Some(old) = g.take() {
        old.archive()?;
    } else if let Some(old) = Journey::resume(state.journal_store()) {
        old.archive()?;
    }
    let j = Journey::start(mode, state.journal_store())?;
    let v = view(&j);
    *g = Some(j);
    Ok(v)
}
#[tauri::command]
pub async fn journey_close(state: State<'_, AppState>) -> CmdResult<()> {
    if let Some(j) = state.journey.lock().await.take() {
        j.archive()?;
    }
    Ok(())
}

macro_rules! with_journey {
    ($state:expr, |$j:ident| $body:expr) => {{
        let mut g = $state.journey.lock().await;
        let $j = g
            .as_mut()
            .ok_or_else(|| CommandError::new("journey.none", "no journey in progress"))?;
        $body
    }};
}

#[tauri::command]
pub async fn list_businesses(state: State<'_, AppState>) -> CmdResult<Vec<Business>> {
    Ok(client(&state).await?.0.businesses().await?)
}

/// Owned and client WABAs, read together.
#[tauri::command]
pub async fn list_wabas(state: State<'_, AppState>, business_id: String) -> CmdResult<Value> {
    let c = client(&state).await?.0;
    let (owned, shared) = tokio::join!(c.owned_wabas(&business_id), c.client_wabas(&business_id));
    Ok(json!({"owned": owned?, "client": shared.unwrap_or_default()}))
}

#[tauri::command]
pub async fn list_numbers(
    state: State<'_, AppState>,
    waba_id: String,
) -> CmdResult<Vec<PhoneNumber>> {
    Ok(client(&state).await?.0.phone_numbers(&waba_id).await?)
}

#[tauri::command]
pub async fn choose_business(
    state: State<'_, AppState>,
    business: Business,
) -> CmdResult<JourneyView> {
    with_journey!(state, |j| {
        j.choose_business(&business)?;
        Ok(view(j))
    })
}

#[tauri::command]
pub async fn choose_waba(state: State<'_, AppState>, waba: Waba) -> CmdResult<JourneyView> {
    with_journey!(state, |j| {
        j.choose_waba(&waba)?;
        Ok(view(j))
    })
}

#[tauri::command]
pub async fn choose_number(
    state: State<'_, AppState>,
    number: PhoneNumber,
) -> CmdResult<JourneyView> {
    with_journey!(state, |j| {
        j.choose_number(&number)?;
        Ok(view(j))
    })
}

#[tauri::command]
pub async fn checks_run(state: State<'_, AppState>) -> CmdResult<ChecksReport> {
    let c = client(&state).await?.0;
    with_journey!(state, |j| Ok(j.run_checks(&c).await?))
}

#[tauri::command]
pub async fn checks_confirm(
    state: State<'_, AppState>,
    acknowledged_loss: bool,
    overrides: Vec<CheckId>,
) -> CmdResult<JourneyView> {
    with_journey!(state, |j| {
        j.confirm_checks(acknowledged_loss, overrides)?;
        Ok(view(j))
    })
}

/// A path from the save dialog, or from `WABA_REMOVER_SAVE_DIR` (tests that cannot click a
/// native dialog). `None` when the admin cancelled.
async fn ask_save_path(
    app: &AppHandle,
    default_name: &str,
    filter: (&str, &[&str]),
) -> Option<PathBuf> {
    if let Ok(dir) = std::env::var("WABA_REMOVER_SAVE_DIR") {
        return Some(PathBuf::from(dir).join(default_name));
    }
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .set_file_name(default_name)
        .add_filter(filter.0, filter.1)
        .save_file(move |p| {
            let _ = tx.send(p.and_then(|p| p.into_path().ok()));
        });
    rx.await.ok().flatten()
}

/// Screen 5: asks where to save, writes, re-reads. `null` when the dialog was cancelled.
#[tauri::command]
pub async fn backup_save(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<Option<backup::BackupSummary>> {
    let c = client(&state).await?.0;
    let name = {
        let g = state.journey.lock().await;
        let j = g
            .as_ref()
            .ok_or_else(|| CommandError::new("journey.none", "no journey"))?;
        backup::default_file_name(&j.journal().target, chrono::Utc::now())
    };
    let Some(path) = ask_save_path(&app, &name, ("JSON", &["json"])).await else {
        return Ok(None);
    };
    with_journey!(state, |j| Ok(Some(j.backup(&c, &path).await?)))
}

#[tauri::command]
pub async fn backup_skip(state: State<'_, AppState>, typed: String) -> CmdResult<JourneyView> {
    with_journey!(state, |j| {
        j.skip_backup(&typed)?;
        Ok(view(j))
    })
}

fn open(app: &AppHandle, url: &str) -> CmdResult<()> {
    if !links::allowed(url) {
        return Err(CommandError::new(
            "link.refused",
            "only business.facebook.com links are opened",
        ));
    }
    app.opener()
        .open_url(url, None::<&str>)
        .map_err(|e| CommandError::new("link.failed", e.to_string()))
}

/// Screen 6, "Avançar": deregisters once when it applies; in real mode opens WhatsApp Manager.
#[tauri::command]
pub async fn number_confirm(
    app: AppHandle,
    state: State<'_, AppState>,
    typed_last4: String,
) -> CmdResult<JourneyView> {
    let (c, mode) = client(&state).await?;
    with_journey!(state, |j| {
        j.confirm_delete_number(&c, &typed_last4).await?;
        let v = view(j);
        if mode == Mode::Real {
            if let Some(l) = &v.links {
                // The deregister already happened: a browser that fails to open must not hide it.
                if let Err(e) = open(&app, &l.whatsapp_manager) {
                    log::warn!("could not open WhatsApp Manager: {}", e.message);
                }
            }
        }
        Ok(v)
    })
}

#[tauri::command]
pub async fn practice_number_delete(state: State<'_, AppState>) -> CmdResult<JourneyView> {
    let c = client(&state).await?.0;
    with_journey!(state, |j| {
        j.practice_delete_number(&c).await?;
        Ok(view(j))
    })
}

fn new_cancel(state: &State<'_, AppState>) -> tokio::sync::watch::Receiver<bool> {
    let (tx, rx) = tokio::sync::watch::channel(false);
    *state.cancel.lock().unwrap() = Some(tx);
    rx
}

/// Practice polls fast; real mode every 30 s. `WABA_REMOVER_POLL_MS` (support, tests against
/// the sandbox in real mode) sets the base interval.
fn pace(mode: Mode) -> Pace {
    let mut p = if mode == Mode::Practice {
        Pace::practice()
    } else {
        Pace::real()
    };
    if let Some(ms) = std::env::var("WABA_REMOVER_POLL_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        p.base = std::time::Duration::from_millis(ms.max(100));
    }
    p
}

/// Screen 6, waiting: polls until the API shows the number gone; progress as `poll-progress`.
#[tauri::command]
pub async fn number_wait(app: AppHandle, state: State<'_, AppState>) -> CmdResult<JourneyView> {
    let (c, mode) = client(&state).await?;
    let rx = new_cancel(&state);
    with_journey!(state, |j| {
        *state.links.lock().unwrap() = view(j).links;
        j.wait_number_gone(&c, pace(mode), rx, |p| {
            let _ = app.emit("poll-progress", &p);
        })
        .await?;
        Ok(view(j))
    })
}

#[tauri::command]
pub async fn wait_cancel(state: State<'_, AppState>) -> CmdResult<()> {
    if let Some(tx) = state.cancel.lock().unwrap().as_ref() {
        let _ = tx.send(true);
    }
    Ok(())
}

#[tauri::command]
pub async fn waba_info(state: State<'_, AppState>) -> CmdResult<WabaStepInfo> {
    let c = client(&state).await?.0;
    with_journey!(state, |j| Ok(j.waba_step_info(&c).await?))
}

#[tauri::command]
pub async fn waba_unsubscribe_app(state: State<'_, AppState>) -> CmdResult<JourneyView> {
    let c = client(&state).await?.0;
    with_journey!(state, |j| {
        j.unsubscribe_app(&c).await?;
        Ok(view(j))
    })
}

#[tauri::command]
pub async fn waba_skip(state: State<'_, AppState>, reason: String) -> CmdResult<JourneyView> {
    with_journey!(state, |j| {
        j.skip_waba(&reason)?;
        Ok(view(j))
    })
}

/// Screen 7, "Excluir conta": checks the typed name; in real mode opens Business Settings.
#[tauri::command]
pub async fn waba_confirm(
    app: AppHandle,
    state: State<'_, AppState>,
    typed_name: String,
) -> CmdResult<JourneyView> {
    let (c, mode) = client(&state).await?;
    with_journey!(state, |j| {
        j.confirm_remove_waba(&c, &typed_name).await?;
        let v = view(j);
        if mode == Mode::Real {
            if let Some(l) = &v.links {
                if let Err(e) = open(&app, &l.business_settings_waba) {
                    log::warn!("could not open Business Settings: {}", e.message);
                }
            }
        }
        Ok(v)
    })
}

#[tauri::command]
pub async fn practice_waba_remove(state: State<'_, AppState>) -> CmdResult<JourneyView> {
    let c = client(&state).await?.0;
    with_journey!(state, |j| {
        j.practice_remove_waba(&c).await?;
        Ok(view(j))
    })
}

#[tauri::command]
pub async fn waba_wait(app: AppHandle, state: State<'_, AppState>) -> CmdResult<JourneyView> {
    let (c, mode) = client(&state).await?;
    let rx = new_cancel(&state);
    with_journey!(state, |j| {
        *state.links.lock().unwrap() = view(j).links;
        j.wait_waba_gone(&c, pace(mode), rx, |p| {
            let _ = app.emit("poll-progress", &p);
        })
        .await?;
        Ok(view(j))
    })
}

fn io_err(e: std::io::Error) -> CommandError {
    CommandError::new("file.io", e.to_string())
}

/// Screen 8: the receipt as HTML (readable) and JSON beside it. Returns the HTML path.
#[tauri::command]
pub async fn receipt_save(app: AppHandle, state: State<'_, AppState>) -> CmdResult<Option<String>> {
    let r = with_journey!(state, |j| Ok::<_, CommandError>(receipt::receipt(
        j.journal()
    )))?;
    let name = format!("comprovante-remocao-{}.html", r.journey_id);
    let Some(path) = ask_save_path(&app, &name, ("HTML", &["html"])).await else {
        return Ok(None);
    };
    crate::removal::journal::write_atomic(&path, receipt::receipt_html(&r).as_bytes())
        .map_err(io_err)?;
    let json =
        serde_json::to_vec_pretty(&r).map_err(|e| CommandError::new("file.io", e.to_string()))?;
    crate::removal::journal::write_atomic(&path.with_extension("json"), &json).map_err(io_err)?;
    Ok(Some(path.display().to_string()))
}

/// Screen 8: the "free to move" reminder as an `.ics` file.
#[tauri::command]
pub async fn reminder_save(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<Option<String>> {
    let r = with_journey!(state, |j| Ok::<_, CommandError>(receipt::receipt(
        j.journal()
    )))?;
    let ics = receipt::reminder_ics(&r)
        .ok_or_else(|| CommandError::new("journey.wrong_stage", "the number is not removed yet"))?;
    let Some(path) =
        ask_save_path(&app, "lembrete-numero-livre.ics", ("Calendário", &["ics"])).await
    else {
        return Ok(None);
    };
    crate::removal::journal::write_atomic(&path, ics.as_bytes()).map_err(io_err)?;
    Ok(Some(path.display().to_string()))
}

/// Opens one of Meta's screens for the current journey in the system browser.
#[tauri::command]
pub async fn open_link(app: AppHandle, state: State<'_, AppState>, which: String) -> CmdResult<()> {
    // While a poll holds the journey, the links saved when it started are used. Without a
    // journey (the token guide), links without ids.
    let current = match state.journey.try_lock() {
        Ok(g) => g.as_ref().and_then(|j| view(j).links),
        Err(_) => state.links.lock().unwrap().clone(),
    };
    let l = current.unwrap_or_else(|| links::links("", ""));
    let url = match which.as_str() {
        "whatsapp_manager" => l.whatsapp_manager,
        "business_settings" => l.business_settings_waba,
        "billing" => l.billing,
        "insights" => l.insights,
        "system_users" => l.system_users,
        _ => return Err(CommandError::new("link.refused", "unknown link")),
    };
    open(&app, &url)
}

#[cfg(test)]
mod tests {
    /// Each command of `commands.list` is allowed by the main window's capability, and nothing
    /// else but the event permission is (issue 2 §5: capabilities list only what is used).
    #[test]
    fn the_capability_allows_exactly_the_listed_commands() {
        let list: Vec<&str> = include_str!("../commands.list")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let cap: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/main.json")).unwrap();
        let mut allowed: Vec<String> = cap["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_owned())
            .collect();
        allowed.sort();
        let mut expected: Vec<String> = list
            .iter()
            .map(|c| format!("allow-{}", c.replace('_', "-")))
            .collect();
        expected.push("core:event:default".into());
        expected.sort();
        assert_eq!(allowed, expected);
    }

    /// Every command the UI invokes is in the list (a missing one would be denied at run time).
    #[test]
    fn every_command_the_ui_invokes_is_listed() {
        let list = include_str!("../commands.list");
        let ui = [
            include_str!("../../ui/app.js"),
            include_str!("../../ui/screens/connect.js"),
            include_str!("../../ui/screens/business.js"),
            include_str!("../../ui/screens/waba.js"),
            include_str!("../../ui/screens/numbers.js"),
            include_str!("../../ui/screens/checks.js"),
            include_str!("../../ui/screens/backup.js"),
            include_str!("../../ui/screens/delete-number.js"),
            include_str!("../../ui/screens/remove-waba.js"),
            include_str!("../../ui/screens/done.js"),
            include_str!("../../ui/screens/settings.js"),
            include_str!("../../ui/screens/waiting.js"),
            include_str!("../../ui/screens/back.js"),
        ];
        let mut seen = 0;
        for src in ui {
            for part in src.split("call(\'").skip(1) {
                seen += 1;
                let name = part.split('\'').next().unwrap();
                assert!(
                    list.lines().any(|l| l.trim() == name),
                    "the UI invokes `{name}`, which commands.list does not allow"
                );
            }
        }
        assert!(
            seen > 30,
            "found only {seen} invocations: the scan is broken"
        );
    }
}
