//! Where the console's token comes from, and where it goes: the same Graph host as the app (the
//! environment's `WABA_REMOVER_GRAPH_URL`, else graph.facebook.com) with the token saved for
//! that host in the keyring, or `WABA_REMOVER_TOKEN`; `--practice` runs the embedded sandbox.
//! In real mode the console counts its calls in the app's own ledger (`calls.json` in the app's
//! data folder) and locks numbers in the app's ledger of numbers: the window, its batch and
//! every console share Meta's limits (`docs/security.md`, the shared ledgers).

use super::args::Options;
use super::exit::Exit;
use super::out::ConsoleError;
use std::path::PathBuf;
use waba_core::connection::{Binding, Mode, Owner};
use waba_core::graph::{CallLedger, GraphClient, GraphConfig};
use waba_core::number_ledger::{NumberLedger, Program};
use waba_core::sandbox::{Sandbox, SandboxOptions, Scenario};
use waba_core::vault::{self, AccessToken};

/// The variable a script may set instead of the keyring (never an argument).
pub const TOKEN_VAR: &str = "WABA_REMOVER_TOKEN";

pub struct Conn {
    pub client: GraphClient,
    pub mode: Mode,
    /// `keyring`, `environment` or `practice`.
    pub source: &'static str,
    pub host: String,
    pub user_id: String,
    pub user_name: Option<String>,
    /// The ledger of numbers shared with the app (practice: one of its own, for its company).
    pub numbers: NumberLedger,
    /// The embedded sandbox of `--practice`, kept running while the command runs.
    _sandbox: Option<Sandbox>,
    /// Practice's folder for its ledger, removed at the end.
    practice_dir: Option<PathBuf>,
}

impl Conn {
    /// The connection its runs belong to (the app's rule, `waba_core::connection`).
    pub fn owner(&self) -> Owner {
        Owner {
            mode: self.mode,
            binding: Binding::new(self.mode, self.host.clone(), self.user_id.clone()),
            account: self.user_name.clone(),
        }
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        if let Some(d) = &self.practice_dir {
            let _ = std::fs::remove_dir_all(d);
        }
    }
}

/// The app's data folder, where the shared ledgers live.
fn data_dir() -> Result<PathBuf, ConsoleError> {
    waba_core::data_dir::app_data_dir().ok_or_else(|| {
        ConsoleError::new(
            Exit::Failed,
            "o sistema não informa uma pasta de dados para o app",
        )
    })
}

pub async fn connect(opts: &Options) -> Result<Conn, ConsoleError> {
    let (client, mode, source, sandbox) = if opts.practice {
        let scenario = match &opts.scenario {
            Some(name) => Scenario::parse(name).ok_or_else(|| {
                ConsoleError::new(Exit::Usage, format!("cenário desconhecido '{name}'"))
            })?,
            None => Scenario::Default,
        };
        let sb = Sandbox::start(SandboxOptions {
            scenario,
            ..Default::default()
        })
        .await
        .map_err(|e| ConsoleError::new(Exit::Failed, format!("o treino não iniciou: {e}")))?;
        let client = GraphClient::new(sb.practice_config()?, sb.token())?;
        (client, Mode::Practice, "practice", Some(sb))
    } else {
        real_client()?
    };
    let (numbers, practice_dir) = match mode {
        Mode::Real => (NumberLedger::real(&data_dir()?, Program::Console), None),
        Mode::Practice => {
            // Practice's company lives and dies with this process: so does its ledger.
            let d = std::env::temp_dir().join(format!(
                "waba-remover-practice-{}-{:08x}",
                std::process::id(),
                rand_suffix()
            ));
            (NumberLedger::at(d.clone(), Program::Console), Some(d))
        }
    };
    finish(client, mode, source, sandbox, numbers, practice_dir).await
}

/// The client of real mode: Meta's host (or the environment's), the token for it, and the app's
/// call ledger in its data folder.
fn real_client() -> Result<(GraphClient, Mode, &'static str, Option<Sandbox>), ConsoleError> {
    #[allow(unused_mut)]
    let mut cfg = GraphConfig::real(None)?;
    // Debug builds only: tests against a local sandbox may give the run more room than
    // Meta's hour; a release build always keeps the app's cap.
    #[cfg(debug_assertions)]
    if let Some(cap) = std::env::var("WABA_REMOVER_HOURLY_CAP")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        cfg.hourly_cap = cap;
    }
    let (token, source) = token_for(&cfg)?;
    let data = data_dir()?;
    waba_core::files::create_private_dir(&data)
        .map_err(|e| ConsoleError::new(Exit::Failed, format!("{}: {e}", data.display())))?;
    let ledger = std::sync::Arc::new(std::sync::Mutex::new(CallLedger::in_file(
        data.join(waba_core::removal::wait::LEDGER_FILE),
    )));
    Ok((
        GraphClient::with_ledger(cfg, token, ledger)?,
        Mode::Real,
        source,
        None,
    ))
}

fn rand_suffix() -> u32 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos())
}

async fn finish(
    client: GraphClient,
    mode: Mode,
    source: &'static str,
    sandbox: Option<Sandbox>,
    numbers: NumberLedger,
    practice_dir: Option<PathBuf>,
) -> Result<Conn, ConsoleError> {
    let host = client.config().host_key();
    let me = client.me().await?;
    Ok(Conn {
        client,
        mode,
        source,
        host,
        user_id: me.id,
        user_name: me.name,
        numbers,
        _sandbox: sandbox,
        practice_dir,
    })
}

/// The environment's token, else the one the app saved for this host.
fn token_for(cfg: &GraphConfig) -> Result<(AccessToken, &'static str), ConsoleError> {
    if let Some(raw) = std::env::var(TOKEN_VAR).ok().filter(|s| !s.is_empty()) {
        let token = AccessToken::parse(&raw).map_err(|e| {
            ConsoleError::new(
                Exit::NotAuthorised,
                format!("{TOKEN_VAR} não contém um token válido: {e}"),
            )
        })?;
        return Ok((token, "environment"));
    }
    match vault::load(&cfg.keyring_entry()) {
        Ok(Some(t)) => Ok((t, "keyring")),
        Ok(None) => Err(ConsoleError::new(
            Exit::NotAuthorised,
            format!(
                "nenhum token salvo para {}: conecte a conta no app (o token fica no cofre do \
                 sistema) ou defina {TOKEN_VAR}; --practice usa o treino",
                cfg.host_key()
            ),
        )),
        Err(e) => Err(ConsoleError::new(
            Exit::NotAuthorised,
            format!("o cofre do sistema não respondeu: {e}"),
        )),
    }
}
