//! What the shell keeps between commands: the connection, the journey, the running wait, the
//! practice sandbox and the preferences. Plain data; the rules live in the core.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use waba_core::connection::{Binding, Mode, Owner};
use waba_core::graph::{GraphClient, GraphConfig, GraphError};
use waba_core::removal::{JournalStore, WaitSlot, Waits};
use waba_core::sandbox::Sandbox;

/// Preferences kept between runs (`settings.json` in the config dir; no secret). The Graph host
/// is deliberately not here: only the environment can change it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Settings {
    /// `pt-BR` (default) or `en`.
    #[serde(default)]
    pub language: Option<String>,
    /// Advanced: another Graph version (same host).
    #[serde(default)]
    pub graph_version: Option<String>,
    /// The first launch's choice: `real` (connect my account) or `practice` (rehearse first).
    /// `None` until the admin chose: the app greets them with the choice.
    #[serde(default)]
    pub start_with: Option<Mode>,
}

/// The live connection: a Graph client and who the token is.
pub struct Connection {
    pub mode: Mode,
    pub client: GraphClient,
    pub user_name: Option<String>,
    pub user_id: String,
    /// `None`: Meta would not list the token's permissions.
    pub missing_permissions: Option<Vec<&'static str>>,
    /// Whether the token is saved in the keyring (real mode).
    pub remembered: bool,
    /// A user token from "Entrar com o Facebook" expires; a system user's does not (`None`).
    pub expires_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// A login window open now: its request, and where its token goes.
pub struct PendingLogin {
    pub request: waba_core::login::LoginRequest,
    pub mode: Mode,
    pub cfg: GraphConfig,
    pub remember: bool,
    /// The App ID the dialog was opened for: the token must belong to it.
    pub app_id: String,
}

impl Connection {
    /// What a journey started on this connection is bound to.
    pub fn binding(&self) -> Binding {
        Binding::new(
            self.mode,
            self.client.config().host_key(),
            self.user_id.clone(),
        )
    }

    /// Whose a run started now is: this connection, with the account's name.
    pub fn owner(&self) -> Owner {
        Owner {
            mode: self.mode,
            binding: self.binding(),
            account: self.user_name.clone(),
        }
    }
}

/// "Instalar a versão nova": one install at a time, and what it installed (the restart waits for
/// the admin).
#[derive(Debug, Clone, Default)]
pub struct UpdateSlot {
    pub installing: bool,
    pub installed: Option<String>,
}

impl UpdateSlot {
    /// Starts an install; `false` when one is already going on.
    pub fn begin(&mut self) -> bool {
        !std::mem::replace(&mut self.installing, true)
    }

    pub fn end(&mut self, installed: Option<String>) {
        self.installing = false;
        if installed.is_some() {
            self.installed = installed;
        }
    }
}

pub struct AppState {
    pub conn: tokio::sync::Mutex<Option<Connection>>,
    pub journey: WaitSlot,
    pub waits: Waits,
    pub sandbox: tokio::sync::Mutex<Option<Sandbox>>,
    /// Real mode's calls of the last hour, across connections (the hourly cap holds however
    /// often the web view reconnects).
    pub ledger: waba_core::graph::SharedLedger,
    pub settings: std::sync::Mutex<Settings>,
    /// Files this app wrote in this session: the only ones whose folder the web view may ask to
    /// show ("Abrir pasta").
    pub saved_files: std::sync::Mutex<Vec<PathBuf>>,
    /// "Restaurar modelos": the backup file chosen, the plan shown, the run going on.
    pub restore: std::sync::Mutex<waba_core::restore::RestoreSlot>,
    /// "Liberar vários números": the one batch release, bound to its connection.
    pub release: std::sync::Mutex<waba_core::release::BatchSlot>,
    /// The one login window that may be open ("Entrar com o Facebook").
    pub login: std::sync::Mutex<Option<PendingLogin>>,
    pub update: std::sync::Mutex<UpdateSlot>,
    /// One update check at a time: a redraw during the day's check waits for its answer
    /// instead of asking again.
    pub update_check: tokio::sync::Mutex<()>,
    pub data_dir: PathBuf,
    pub config_dir: PathBuf,
}

impl AppState {
    pub fn new(data_dir: PathBuf, config_dir: PathBuf) -> Self {
        let settings = load_settings(&config_dir);
        // The calls an earlier run made in the last hour still count.
        let ledger = waba_core::removal::wait::load_ledger(
            &data_dir.join(waba_core::removal::wait::LEDGER_FILE),
        );
        Self {
            conn: Default::default(),
            journey: Default::default(),
            waits: Default::default(),
            sandbox: Default::default(),
            ledger,
            settings: std::sync::Mutex::new(settings),
            saved_files: Default::default(),
            login: Default::default(),
            restore: Default::default(),
            release: Default::default(),
            update: Default::default(),
            update_check: Default::default(),
            data_dir,
            config_dir,
        }
    }

    /// The connection is about to change (another token, another account, practice, or none):
    /// a running restore stops within a second and keeps its place, and its preview (read on the
    /// old connection) is forgotten; a wait stops too.
    pub fn leave_connection(&self) {
        self.waits.cancel();
        self.restore.lock().unwrap().leave_connection();
        self.release.lock().unwrap().leave_connection();
    }

    pub fn journal_store(&self) -> JournalStore {
        JournalStore::new(self.data_dir.clone())
    }

    /// Real mode's Graph configuration: Meta's host unless the environment says otherwise.
    pub fn real_config(&self) -> Result<GraphConfig, GraphError> {
        let v = self.settings.lock().unwrap().graph_version.clone();
        GraphConfig::real(v.as_deref())
    }

    pub fn save_settings(&self) -> std::io::Result<()> {
        let s = self.settings.lock().unwrap().clone();
        waba_core::files::create_private_dir(&self.config_dir)?;
        waba_core::files::write_atomic(
            &self.config_dir.join("settings.json"),
            &serde_json::to_vec_pretty(&s)?,
        )
    }
}

/// When the user token saved for a keyring entry expires (not a secret; a system user's token has
/// none), in `session-expiry.json` of the config dir.
impl AppState {
    fn expiry_file(&self) -> PathBuf {
        self.config_dir.join("session-expiry.json")
    }

    pub fn saved_expiry(&self, entry: &str) -> Option<chrono::DateTime<chrono::Utc>> {
        let all: std::collections::BTreeMap<String, chrono::DateTime<chrono::Utc>> =
            std::fs::read(self.expiry_file())
                .ok()
                .and_then(|b| serde_json::from_slice(&b).ok())?;
        all.get(entry).copied()
    }

    pub fn save_expiry(
        &self,
        entry: &str,
        at: Option<chrono::DateTime<chrono::Utc>>,
    ) -> std::io::Result<()> {
        let mut all: std::collections::BTreeMap<String, chrono::DateTime<chrono::Utc>> =
            std::fs::read(self.expiry_file())
                .ok()
                .and_then(|b| serde_json::from_slice(&b).ok())
                .unwrap_or_default();
        match at {
            Some(at) => all.insert(entry.to_owned(), at),
            None => all.remove(entry),
        };
        waba_core::files::create_private_dir(&self.config_dir)?;
        waba_core::files::write_atomic(&self.expiry_file(), &serde_json::to_vec_pretty(&all)?)
    }
}

fn load_settings(dir: &std::path::Path) -> Settings {
    std::fs::read(dir.join("settings.json"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}
