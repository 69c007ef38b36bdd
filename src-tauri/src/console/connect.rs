//! Where the console's token comes from, and where it goes: the same Graph host as the app (the
//! environment's `WABA_REMOVER_GRAPH_URL`, else graph.facebook.com) with the token saved for
//! that host in the keyring, or `WABA_REMOVER_TOKEN`; `--practice` runs the embedded sandbox.

use super::args::Options;
use super::out::ConsoleError;
use super::Exit;
use waba_core::graph::{GraphClient, GraphConfig};
use waba_core::removal::Mode;
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
    /// The embedded sandbox of `--practice`, kept running while the command runs.
    _sandbox: Option<Sandbox>,
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
        (GraphClient::new(cfg, token)?, Mode::Real, source, None)
    };
    let host = client.config().host_key();
    let me = client.me().await?;
    Ok(Conn {
        client,
        mode,
        source,
        host,
        user_id: me.id,
        user_name: me.name,
        _sandbox: sandbox,
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
