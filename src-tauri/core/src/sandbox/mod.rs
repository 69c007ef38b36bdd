//! The practice sandbox: a fake Meta Graph API on 127.0.0.1 (`docs/journey.md`).
//!
//! Product code, not a test double: admins rehearse on it, so it follows Meta's rules as
//! `docs/meta-rules.md` states them, over real HTTP, with the same contract types as the
//! client (`graph::model`). Every test runs against it.

mod access;
mod answers;
pub mod cli;
mod faults;
mod fields;
mod login;
mod paging;
mod practice;
mod routes;
mod scenario;
pub mod seed;
mod server;
mod shared;
mod world;

pub use faults::{Fault, FaultRule};

/// Calls per WABA per hour in practice (and the practice client's own cap): room for a
/// rehearsed restore of a few hundred templates.
pub const PRACTICE_CALLS_PER_HOUR: u32 = 1000;
pub use scenario::Scenario;
pub use shared::LoggedRequest;
pub use world::{NumberRec, UsagePoint, WabaRec, World};

use crate::graph::{GraphClient, GraphConfig, GraphError, DEFAULT_GRAPH_VERSION};
use crate::vault::AccessToken;
use chrono::{DateTime, Utc};
use shared::{Shared, TokenRec};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// How to start a sandbox.
#[derive(Debug, Clone)]
pub struct SandboxOptions {
    pub port: u16,
    pub scenario: Scenario,
    /// Latency added to every request.
    pub latency: Duration,
    /// Calls per WABA per hour before 80008 (Meta: about 200).
    pub waba_calls_per_hour: u32,
    /// Where practice mode keeps the sandbox's world between runs (so a resumed journey finds
    /// what it left). `None`: in memory only.
    pub state_file: Option<PathBuf>,
    /// Templates per WABA (Atendimento, Promoções).
    pub templates: (usize, usize),
    /// `Some(list)`: any write whose path contains none of the fragments is recorded as
    /// unexpected (tests). `None`: all writes are expected (practice).
    pub expected_writes: Option<Vec<String>>,
    /// How long after a manual deletion the API shows the object gone (Meta takes a moment).
    pub manual_delay: Duration,
    /// How long a user token from the login dialog lasts (Meta: hours).
    pub login_token_life: Duration,
    /// Template creations per WABA per hour (Meta limits creation).
    pub templates_per_hour: u32,
}

impl Default for SandboxOptions {
    fn default() -> Self {
        Self {
            port: 0,
            scenario: Scenario::Default,
            latency: Duration::ZERO,
            waba_calls_per_hour: 200,
            state_file: None,
            templates: (340, 260),
            expected_writes: None,
            manual_delay: Duration::ZERO,
            login_token_life: Duration::from_secs(login::EXPIRES_IN_SECS as u64),
            templates_per_hour: 100,
        }
    }
}

/// A running sandbox. Dropping it stops the server.
pub struct Sandbox {
    addr: SocketAddr,
    token: AccessToken,
    shared: Arc<Shared>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

/// Practice's fictional company: the default one; debug builds may ask for the provider's
/// (`WABA_REMOVER_PRACTICE_SCENARIO=provider`: five client accounts shared with the company, for
/// the release of several numbers). A release build always rehearses the default company.
fn practice_scenario() -> Scenario {
    #[cfg(debug_assertions)]
    if std::env::var("WABA_REMOVER_PRACTICE_SCENARIO").as_deref() == Ok("provider") {
        return Scenario::Provider;
    }
    Scenario::Default
}

/// The practice company a rehearsal left (`docs/security.md`: a file read back is hostile
/// input). A file that does not read as one is set aside whole (`practice-world.json.damaged-N`),
/// never written over, and practice starts a new company.
fn saved_world(path: &std::path::Path) -> Option<World> {
    let bytes = std::fs::read(path).ok()?;
    match serde_json::from_slice::<World>(&bytes) {
        Ok(w) => Some(w),
        Err(e) => {
            log::warn!("the practice company's file is damaged ({e}): set aside, a new one starts");
            if let Err(e) = crate::files::set_aside(path) {
                log::warn!(
                    "the damaged practice file could not be set aside: {}",
                    e.kind()
                );
            }
            None
        }
    }
}

impl Sandbox {
    /// Binds 127.0.0.1 (never another interface) and serves until dropped.
    pub async fn start(opts: SandboxOptions) -> std::io::Result<Sandbox> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", opts.port)).await?;
        let addr = listener.local_addr()?;
        let now = Utc::now();
        let world = opts
            .state_file
            .as_deref()
            .and_then(saved_world)
            .unwrap_or_else(|| {
                let mut w = seed::seed_with_templates(now, opts.templates.0, opts.templates.1);
                if opts.scenario == Scenario::Provider {
                    seed::add_client_accounts(&mut w);
                }
                w
            });
        let token = AccessToken::generate_practice();
        let employee = AccessToken::generate_practice();
        let (user, perms, expired) = match opts.scenario {
            Scenario::Employee => (
                seed::USER_EMPLOYEE,
                vec!["whatsapp_business_management", "business_management"],
                false,
            ),
            Scenario::ExpiredToken => (
                seed::USER_ADMIN,
                vec!["whatsapp_business_management", "business_management"],
                true,
            ),
            Scenario::MissingPermission => (
                seed::USER_ADMIN,
                vec!["whatsapp_business_management"],
                false,
            ),
            _ => (
                seed::USER_ADMIN,
                vec![
                    "whatsapp_business_management",
                    "business_management",
                    "whatsapp_business_messaging",
                ],
                false,
            ),
        };
        let tokens = vec![
            TokenRec {
                token: token.clone(),
                user_id: user.into(),
                permissions: perms.iter().map(|s| s.to_string()).collect(),
                expired,
                expires_at: None,
            },
            TokenRec {
                token: employee,
                user_id: seed::USER_EMPLOYEE.into(),
                permissions: vec![
                    "whatsapp_business_management".into(),
                    "business_management".into(),
                ],
                expired: false,
                expires_at: None,
            },
        ];
        let latency = if opts.scenario == Scenario::Slow {
            Duration::from_millis(800).max(opts.latency)
        } else {
            opts.latency
        };
        let per_hour = if opts.scenario == Scenario::RateLimited {
            20
        } else {
            opts.waba_calls_per_hour
        };
        let shared = Arc::new(Shared::new(
            world,
            tokens,
            latency,
            per_hour,
            format!("http://{addr}"),
            opts.state_file.clone(),
            opts.expected_writes.clone(),
        ));
        shared.login_token_secs.store(
            opts.login_token_life.as_secs(),
            std::sync::atomic::Ordering::Relaxed,
        );
        shared.templates_per_hour.store(
            u64::from(opts.templates_per_hour),
            std::sync::atomic::Ordering::Relaxed,
        );
        shared.manual_delay_ms.store(
            opts.manual_delay.as_millis() as u64,
            std::sync::atomic::Ordering::Relaxed,
        );
        let (tx, rx) = tokio::sync::oneshot::channel();
        let app = server::router(shared.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
        });
        Ok(Sandbox {
            addr,
            token,
            shared,
            stop: Some(tx),
        })
    }

    /// Practice mode's sandbox. Its fictional company is kept in `data_dir/practice-world.json`
    /// so a resumed rehearsal finds what it left; `fresh` starts the company over, and forgets
    /// practice's ledger of numbers with it (its 72 h budget was the old company's). Meta's screens
    /// apply a deletion a moment after the click: here 3 s.
    pub async fn for_practice(data_dir: &std::path::Path, fresh: bool) -> std::io::Result<Sandbox> {
        let world = data_dir.join("practice-world.json");
        if fresh {
            match std::fs::remove_file(&world) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
            match std::fs::remove_dir_all(data_dir.join(crate::number_ledger::PRACTICE_DIR)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        crate::files::create_private_dir(data_dir)?;
        Sandbox::start(SandboxOptions {
            scenario: practice_scenario(),
            state_file: Some(world),
            manual_delay: Duration::from_secs(3),
            // Room for a rehearsed restore of a few hundred templates within the hour.
            waba_calls_per_hour: PRACTICE_CALLS_PER_HOUR,
            templates_per_hour: 300,
            ..SandboxOptions::default()
        })
        .await
    }

    /// `http://127.0.0.1:PORT`, the base URL to give the client.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The Graph configuration practice mode uses for this sandbox (its roomier hourly cap).
    pub fn practice_config(&self) -> Result<GraphConfig, GraphError> {
        let mut cfg = GraphConfig::new(&self.url(), self.version())?;
        cfg.hourly_cap = PRACTICE_CALLS_PER_HOUR;
        Ok(cfg)
    }

    pub fn version(&self) -> &'static str {
        DEFAULT_GRAPH_VERSION
    }

    /// The practice token this sandbox accepts (an admin's, unless the scenario says otherwise).
    pub fn token(&self) -> AccessToken {
        self.token.clone()
    }

    /// A token of the seeded employee (not a business admin).
    pub fn employee_token(&self) -> AccessToken {
        self.shared.tokens.lock().unwrap()[1].token.clone()
    }

    /// A client pointed at this sandbox with its token.
    pub fn client(&self) -> Result<GraphClient, GraphError> {
        self.client_with(self.token(), |_| {})
    }

    /// A client with another token and adjusted settings (timeouts, retry policy).
    pub fn client_with(
        &self,
        token: AccessToken,
        adjust: impl FnOnce(&mut GraphConfig),
    ) -> Result<GraphClient, GraphError> {
        let mut cfg = GraphConfig::new(&self.url(), self.version())?;
        adjust(&mut cfg);
        GraphClient::new(cfg, token)
    }

    pub fn inject(&self, rule: FaultRule) {
        self.shared.faults.lock().unwrap().push(rule);
    }

    pub fn clear_faults(&self) {
        self.shared.faults.lock().unwrap().clear();
    }

    pub fn set_latency(&self, d: Duration) {
        self.shared
            .latency_ms
            .store(d.as_millis() as u64, std::sync::atomic::Ordering::Relaxed);
    }

    /// Every request received, in order (without any token).
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.shared.log.lock().unwrap().clone()
    }

    /// Requests that changed something at "Meta".
    pub fn writes(&self) -> Vec<LoggedRequest> {
        self.requests().into_iter().filter(|r| r.is_write).collect()
    }

    /// Writes that no `expected_writes` fragment allowed.
    pub fn unexpected_writes(&self) -> Vec<String> {
        self.shared.unexpected.lock().unwrap().clone()
    }

    /// Meta stops serving `field` on nodes of type `node` (as when it renames or retires one
    /// between versions): asking for it answers `(#100) Tried accessing nonexisting field`.
    pub fn retire_field(&self, node: &str, field: &str) {
        self.shared
            .retired_fields
            .lock()
            .unwrap()
            .push((node.to_owned(), field.to_owned()));
    }

    pub fn clear_log(&self) {
        self.shared.log.lock().unwrap().clear();
    }

    /// Reads or changes the world (a test arranging a situation).
    pub fn with_world<R>(&self, f: impl FnOnce(&mut World) -> R) -> R {
        let mut w = self.shared.world.lock().unwrap();
        f(&mut w)
    }

    /// The sandbox's "now"; tests move it to cross 30-day or 72-hour limits.
    pub fn now(&self) -> DateTime<Utc> {
        self.shared.now()
    }

    /// The texts of the tokens the login dialog gave, oldest first (practice tokens only).
    pub fn login_token_texts(&self) -> Vec<String> {
        self.shared
            .tokens
            .lock()
            .unwrap()
            .iter()
            .filter(|t| t.expires_at.is_some())
            .filter_map(|t| t.token.reveal_practice().map(str::to_owned))
            .collect()
    }

    /// Every token from the login dialog stops working now (Meta: 190, subcode 463).
    pub fn expire_login_tokens(&self) {
        for t in self.shared.tokens.lock().unwrap().iter_mut() {
            if t.expires_at.is_some() {
                t.expired = true;
            }
        }
    }

    pub fn advance_clock(&self, by: chrono::Duration) {
        *self.shared.clock_offset.lock().unwrap() += by;
    }

    /// Removes the WABA from the portfolio as the admin would on Meta's screen (practice only).
    pub fn manual_remove_waba(
        &self,
        waba: &str,
    ) -> Result<(), crate::graph::practice::ManualRefusal> {
        practice::manual_remove_waba(&self.shared, seed::USER_ADMIN, waba)
    }

    /// Performs a manual action as the admin would on Meta's screen (practice only).
    pub fn manual_delete_number(
        &self,
        pn: &str,
    ) -> Result<(), crate::graph::practice::ManualRefusal> {
        practice::manual_delete_number(
            &self.shared,
            seed::USER_ADMIN,
            pn,
            practice::PinAnswer::Knows,
        )
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
    }
}

#[cfg(test)]
mod hostile_tests {
    use crate::hostile_input::{damaged, snapshot};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// The practice company's file, damaged in any way: never a panic; a file that does not
        /// read is set aside with its bytes, never written over.
        #[test]
        fn a_damaged_practice_world_is_set_aside_whole(
            bytes in damaged(serde_json::to_vec(&super::seed::seed_with_templates(chrono::Utc::now(), 1, 0)).unwrap()),
        ) {
            let d = tempfile::tempdir().unwrap();
            let p = d.path().join("practice-world.json");
            std::fs::write(&p, &bytes).unwrap();
            match super::saved_world(&p) {
                Some(_) => prop_assert_eq!(std::fs::read(&p).unwrap(), bytes),
                None => {
                    prop_assert!(!p.exists());
                    let files = snapshot(d.path());
                    prop_assert_eq!(files.len(), 1);
                    prop_assert!(files.values().all(|b| *b == bytes));
                }
            }
        }
    }
}
