//! The sandbox's state shared by every request: the world, tokens, faults, the request log,
//! rate-limit accounting; and Meta's error as the sandbox builds it.

use super::faults::FaultRule;
use super::world::World;
use crate::graph::wire::{ErrorBody, ErrorData, ErrorEnvelope};
use crate::vault::AccessToken;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

pub(crate) struct TokenRec {
    pub token: AccessToken,
    pub user_id: String,
    pub permissions: Vec<String>,
    pub expired: bool,
    /// User tokens from the login dialog expire (`expires_in`), on the sandbox's clock.
    pub expires_at: Option<DateTime<Utc>>,
}

/// One request as the sandbox saw it; the token is never recorded.
#[derive(Debug, Clone, Serialize)]
pub struct LoggedRequest {
    pub method: String,
    /// Path after the host, e.g. `/v25.0/3000000000000004/deregister`.
    pub path: String,
    /// Query without `access_token`.
    pub query: Vec<(String, String)>,
    /// For a Graph batch: its items as `METHOD relative_url`.
    pub batch: Vec<String>,
    pub is_write: bool,
}

pub(crate) struct Shared {
    pub world: Mutex<World>,
    pub tokens: Mutex<Vec<TokenRec>>,
    pub faults: Mutex<Vec<FaultRule>>,
    pub log: Mutex<Vec<LoggedRequest>>,
    pub clock_offset: Mutex<chrono::Duration>,
    pub latency_ms: AtomicU64,
    waba_calls: Mutex<HashMap<String, Vec<DateTime<Utc>>>>,
    app_calls: Mutex<Vec<DateTime<Utc>>>,
    per_hour: u32,
    pub base_url: String,
    state_file: Option<PathBuf>,
    expected_writes: Option<Vec<String>>,
    pub unexpected: Mutex<Vec<String>>,
    trace_seq: AtomicU64,
    /// How long after a manual click Meta's deletion takes effect.
    pub manual_delay_ms: AtomicU64,
    /// `expires_in` of the login dialog's tokens, seconds.
    pub login_token_secs: AtomicU64,
    /// Template creations per WABA per hour before Meta's rate limit answers.
    pub templates_per_hour: AtomicU64,
    template_creations: Mutex<HashMap<String, Vec<DateTime<Utc>>>>,
    /// Fields Meta "retired" (node type, field): asking for one answers Meta's nonexisting-field
    /// error, as when Meta renames or drops a field between versions (tests).
    pub retired_fields: Mutex<Vec<(String, String)>>,
}

/// An error answer in Meta's envelope.
#[derive(Debug, Clone)]
pub(crate) struct SbErr {
    pub http: u16,
    pub code: i64,
    pub subcode: Option<i64>,
    pub message: String,
    pub user_msg: Option<String>,
    pub details: Option<String>,
    pub transient: Option<bool>,
    pub regain_minutes: Option<u32>,
    /// The envelope's `type` is `GraphMethodException` (803), not `OAuthException`.
    pub method_exception: bool,
}

impl SbErr {
    /// 803, an object deleted: HTTP 404 with type `GraphMethodException`, as Meta's OpenAPI
    /// description has it (`docs/meta-rules.md` §15).
    pub fn deleted(message: impl Into<String>) -> Self {
        let mut e = Self::new(803, message).http(404);
        e.method_exception = true;
        e
    }
    pub fn new(code: i64, message: impl Into<String>) -> Self {
        Self {
            http: 400,
            code,
            subcode: None,
            message: message.into(),
            user_msg: None,
            details: None,
            transient: Some(false),
            regain_minutes: None,
            method_exception: false,
        }
    }
    pub fn sub(mut self, s: i64) -> Self {
        self.subcode = Some(s);
        self
    }
    pub fn http(mut self, h: u16) -> Self {
        self.http = h;
        self
    }
    pub fn user_msg(mut self, m: impl Into<String>) -> Self {
        self.user_msg = Some(m.into());
        self
    }
    pub fn details(mut self, d: impl Into<String>) -> Self {
        self.details = Some(d.into());
        self
    }
    /// "Unsupported get request. Object ... does not exist" (code 100, subcode 33).
    pub fn no_object(id: &str) -> Self {
        Self::new(100, format!("Unsupported get request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation."))
            .sub(33)
    }
    pub fn permission(perm: &str) -> Self {
        Self::new(
            200,
            format!("(#200) Requires {perm} permission to manage the object"),
        )
        .http(403)
    }
    /// Meta's error envelope, from the contract type the client parses.
    pub fn envelope(&self, trace: &str) -> Value {
        let body = ErrorBody {
            message: Some(self.message.clone()),
            kind: Some(
                if self.method_exception {
                    "GraphMethodException"
                } else {
                    "OAuthException"
                }
                .into(),
            ),
            code: Some(self.code),
            error_subcode: self.subcode,
            error_user_title: None,
            error_user_msg: self.user_msg.clone(),
            error_data: self.details.as_ref().map(|d| ErrorData {
                messaging_product: Some("whatsapp".into()),
                details: Some(d.clone()),
            }),
            is_transient: self.transient,
            fbtrace_id: Some(trace.to_owned()),
        };
        serde_json::to_value(ErrorEnvelope { error: body }).expect("contract types serialize")
    }
}

/// Who is calling, resolved from the token.
pub(crate) struct Caller {
    pub user_id: String,
    pub permissions: Vec<String>,
    /// The bearer text as received (to build `paging.next` like Meta, which puts it in the URL).
    pub presented: String,
    /// The Graph version the request asked for (echoed in paging links and headers).
    pub version: String,
}

impl Caller {
    pub fn has(&self, perm: &str) -> bool {
        self.permissions.iter().any(|p| p == perm)
    }
}

impl Shared {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        world: World,
        tokens: Vec<TokenRec>,
        latency: std::time::Duration,
        per_hour: u32,
        base_url: String,
        state_file: Option<PathBuf>,
        expected_writes: Option<Vec<String>>,
    ) -> Self {
        Self {
            world: Mutex::new(world),
            tokens: Mutex::new(tokens),
            faults: Mutex::new(vec![]),
            log: Mutex::new(vec![]),
            clock_offset: Mutex::new(chrono::Duration::zero()),
            latency_ms: AtomicU64::new(latency.as_millis() as u64),
            waba_calls: Mutex::new(HashMap::new()),
            app_calls: Mutex::new(vec![]),
            per_hour: per_hour.max(1),
            base_url,
            state_file,
            expected_writes,
            unexpected: Mutex::new(vec![]),
            trace_seq: AtomicU64::new(1),
            manual_delay_ms: AtomicU64::new(0),
            login_token_secs: AtomicU64::new(5400),
            templates_per_hour: AtomicU64::new(100),
            template_creations: Mutex::new(HashMap::new()),
            retired_fields: Mutex::new(Vec::new()),
        }
    }

    pub fn manual_delay(&self) -> chrono::Duration {
        chrono::Duration::milliseconds(self.manual_delay_ms.load(Ordering::Relaxed) as i64)
    }

    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + *self.clock_offset.lock().unwrap()
    }

    pub fn trace_id(&self) -> String {
        let n = self.trace_seq.fetch_add(1, Ordering::Relaxed);
        format!(
            "SbX{n:06}{}",
            &Utc::now().timestamp_subsec_nanos().to_string()
        )
    }

    /// Saves the world after a change, when practice mode keeps it between runs (atomic write).
    pub fn persist(&self) {
        let Some(path) = &self.state_file else { return };
        let bytes = match serde_json::to_vec(&*self.world.lock().unwrap()) {
            Ok(b) => b,
            Err(_) => return,
        };
        // Private and atomic like every file of the app (it holds the practice PIN's hash).
        if let Err(e) = crate::files::write_atomic(path, &bytes) {
            log::warn!("the practice world was not saved: {}", e.kind());
        }
    }

    /// Counts a call against the WABA budget (about 200/h, `docs/meta-rules.md` §1). `Err` when over it.
    pub fn count_waba_call(&self, waba: &str) -> Result<f64, SbErr> {
        let now = self.now();
        let mut all = self.waba_calls.lock().unwrap();
        let calls = all.entry(waba.to_owned()).or_default();
        calls.retain(|t| now - *t < chrono::Duration::hours(1));
        if calls.len() as u32 >= self.per_hour {
            let oldest = calls.first().copied().unwrap_or(now);
            let minutes = (60 - (now - oldest).num_minutes()).max(1) as u32;
            let mut e = SbErr::new(80008, "(#80008) There have been too many calls to this WhatsApp Business account. Wait a bit and try again.");
            e.regain_minutes = Some(minutes);
            e.transient = Some(true);
            return Err(e);
        }
        calls.push(now);
        Ok(calls.len() as f64 * 100.0 / self.per_hour as f64)
    }

    /// Counts a template creation against the WABA's hourly limit (`docs/meta-rules.md` §14).
    pub fn count_template_creation(&self, waba: &str) -> Result<(), SbErr> {
        let now = self.now();
        let limit = self.templates_per_hour.load(Ordering::Relaxed) as usize;
        let mut all = self.template_creations.lock().unwrap();
        let made = all.entry(waba.to_owned()).or_default();
        made.retain(|t| now - *t < chrono::Duration::hours(1));
        if made.len() >= limit {
            let oldest = made.first().copied().unwrap_or(now);
            let minutes = (60 - (now - oldest).num_minutes()).max(1) as u32;
            let mut e = SbErr::new(80008, "(#80008) Too many message templates were created for this WhatsApp Business Account in the last hour. Wait a bit and try again.");
            e.regain_minutes = Some(minutes);
            e.transient = Some(true);
            return Err(e);
        }
        made.push(now);
        Ok(())
    }

    /// Counts `n` calls of the app (a batch is as many calls as it has items, like Meta counts).
    pub fn count_app_calls(&self, n: usize) -> f64 {
        let now = self.now();
        let mut calls = self.app_calls.lock().unwrap();
        calls.retain(|t| now - *t < chrono::Duration::hours(1));
        calls.extend(std::iter::repeat_n(now, n.max(1)));
        (calls.len() as f64 * 100.0 / 5000.0).min(100.0)
    }

    pub fn record(&self, r: LoggedRequest) {
        if r.is_write {
            if let Some(allowed) = &self.expected_writes {
                let all = std::iter::once(r.path.clone()).chain(r.batch.iter().cloned());
                for p in all {
                    if !allowed.iter().any(|a| p.contains(a.as_str())) {
                        self.unexpected
                            .lock()
                            .unwrap()
                            .push(format!("{} {p}", r.method));
                    }
                }
            }
        }
        self.log.lock().unwrap().push(r);
    }
}
